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
	/*
	** the Time column's decimals of the last interface seen (dig_ifid - 1;
	** 0: none yet): an interface keeps its resolution, so the interface
	** table is looked up only when a frame comes from another one
	*/
	uint64_t dig_ifid;
	uint8_t dig;
};

#define PASS_TIMES_INIT                                                                            \
	{                                                                                          \
		1, 0, 0, 0, 0, 0, 0                                                                \
	}

/* (rs, rn) = (s1, n1) - (s0, n0), nanoseconds carrying the seconds' sign as tshark's nstime does */
static inline void time_sub(int64_t s1, int32_t n1, int64_t s0, int32_t n0, int64_t *rs,
			    int32_t *rn)
{
	int64_t s = s1 - s0;
	int32_t n = n1 - n0;
	if (n < 0 && s > 0) {
		n += 1000000000;
		s--;
	} else if (n > 0 && s < 0) {
		n -= 1000000000;
		s++;
	}
	*rs = s;
	*rn = n;
}

/* The decimals of interface ifid's resolution, into pt's cache. */
uint8_t fill_ts_digits(struct capture *cap, struct pass_times *pt, uint32_t ifid);

/*
** A record's own fields into pk, numbered num; advances pt.
** tshark measures frame.time_relative from the first frame and
** frame.time_delta from the previous one, whether or not those had a
** timestamp (a pcapng SPB has none: it counts as time 0).
** Inline, as the two below: every loop calls them once a frame.
*/
static inline __attribute__((always_inline)) void
fill_packet_rec(struct packet *pk, const struct cap_frame *f, struct pass_times *pt, uint32_t num)
{
	int64_t sec = f->has_ts ? f->sec : 0;
	int32_t nsec = f->has_ts ? f->nsec : 0;
	pk->num = num;
	pk->sec = sec;
	pk->nsec = nsec;
	if (pt->first) {
		pt->first_sec = pt->prev_sec = sec;
		pt->first_nsec = pt->prev_nsec = nsec;
		pt->first = 0;
	}
	time_sub(sec, nsec, pt->first_sec, pt->first_nsec, &pk->rel_sec, &pk->rel_nsec);
	time_sub(sec, nsec, pt->prev_sec, pt->prev_nsec, &pk->delta_sec, &pk->delta_nsec);
	/* a custom block sets the first-frame reference but is no "previous" frame */
	if (f->rectype != CAP_REC_CUSTOM) {
		pt->prev_sec = sec;
		pt->prev_nsec = nsec;
	}
	pk->caplen = f->caplen;
	pk->len = f->len;
	pk->data = f->data;
}

/*
** fill_packet_rec after a first frame, when every record has a timestamp and
** none is a custom block (a capture_frames_uniform capture whose first frame
** says so: its reader never changes those fields): the tests drop out, and the
** running times live in the caller's locals, not reloaded from pt every frame.
*/
static inline __attribute__((always_inline)) void
fill_packet_rec_ts(struct packet *pk, const struct cap_frame *f, uint32_t num, int64_t first_sec,
		   int32_t first_nsec, int64_t *prev_sec, int32_t *prev_nsec)
{
	int64_t sec = f->sec;
	int32_t nsec = f->nsec;
	pk->num = num;
	pk->sec = sec;
	pk->nsec = nsec;
	time_sub(sec, nsec, first_sec, first_nsec, &pk->rel_sec, &pk->rel_nsec);
	time_sub(sec, nsec, *prev_sec, *prev_nsec, &pk->delta_sec, &pk->delta_nsec);
	*prev_sec = sec;
	*prev_nsec = nsec;
	pk->caplen = f->caplen;
	pk->len = f->len;
	pk->data = f->data;
}

/*
** The rest: interface, link type, record type, comments.  The same for every
** record of a capture_frames_uniform capture: filled once into a packet
** that only its frames use.
*/
static inline __attribute__((always_inline)) void fill_packet_meta(struct packet *pk,
								   const struct cap_frame *f,
								   struct capture *cap,
								   struct pass_times *pt)
{
	pk->has_ts = f->has_ts;
	pk->ts_digits =
	    pt->dig_ifid == (uint64_t)f->ifid + 1 ? pt->dig : fill_ts_digits(cap, pt, f->ifid);
	pk->linktype = f->linktype;
	pk->encap = f->encap;
	pk->ifid = f->if_local;
	pk->has_ifid = f->has_ifid;
	pk->if_name = f->if_name;
	pk->if_descr = f->if_descr;
	pk->rec_custom = f->rectype == CAP_REC_CUSTOM;
	pk->custom_copy = f->custom_copy;
	pk->custom_pen = f->custom_pen;
	pk->ncomments = f->ncomments < PK_MAX_COMMENTS ? f->ncomments : PK_MAX_COMMENTS;
	for (int i = 0; i < pk->ncomments; i++) {
		pk->comments[i].p = f->comments[i].p;
		pk->comments[i].n = f->comments[i].n;
	}
}

/* Fill pk's capture fields from f, numbered num; advances pt. */
static inline __attribute__((always_inline)) void fill_packet(struct packet *pk,
							      const struct cap_frame *f,
							      struct capture *cap,
							      struct pass_times *pt, uint32_t num)
{
	fill_packet_rec(pk, f, pt, num);
	fill_packet_meta(pk, f, cap, pt);
}

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
