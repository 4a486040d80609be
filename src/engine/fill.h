/*
** fill.h -- a capture record into a struct packet (number, times, interface).
**
** Shared by every packet loop (cli/run.c's tshark loop, -2's first pass,
** report/drive.c's analyses) so all of them dissect identical packets.
*/
#ifndef WS_FILL_H
#define WS_FILL_H

#include <stdint.h>

#include "../capture/capture.h"
#include "../dissect/packet.h"

/* the running times of one pass over the capture */
struct pass_times {
	int first;
	int64_t first_sec, prev_sec;
	int32_t first_nsec, prev_nsec;
};

#define PASS_TIMES_INIT                                                                            \
	{                                                                                          \
		1, 0, 0, 0, 0                                                                      \
	}

/* (rs, rn) = (s1, n1) - (s0, n0), nanoseconds carrying the seconds' sign as tshark's nstime does */
void time_sub(int64_t s1, int32_t n1, int64_t s0, int32_t n0, int64_t *rs, int32_t *rn);

/* Fill pk's capture fields from f, numbered num; advances pt. */
void fill_packet(struct packet *pk, const struct cap_frame *f, struct capture *cap,
		 struct pass_times *pt, uint32_t num);
/*
** Advance pt over a frame someone else fills (fill_packet's time bookkeeping
** only).  Inline: a walking worker calls it for every frame it skips.
*/
static inline void fill_skip(const struct cap_frame *f, struct pass_times *pt)
{
	int64_t sec = f->has_ts ? f->sec : 0;
	int32_t nsec = f->has_ts ? f->nsec : 0;
	if (pt->first) {
		pt->first_sec = pt->prev_sec = sec;
		pt->first_nsec = pt->prev_nsec = nsec;
		pt->first = 0;
	}
	if (f->rectype != CAP_REC_CUSTOM) {
		pt->prev_sec = sec;
		pt->prev_nsec = nsec;
	}
}

#endif
