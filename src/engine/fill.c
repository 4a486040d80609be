/*
** fill.c -- a capture record into a struct packet.
*/
#include "fill.h"

#include "../output/format.h"

void time_sub(int64_t s1, int32_t n1, int64_t s0, int32_t n0, int64_t *rs, int32_t *rn)
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

/*
** tshark measures frame.time_relative from the first frame and
** frame.time_delta from the previous one, whether or not those had a
** timestamp (a pcapng SPB has none: it counts as time 0).
*/
void fill_packet(struct packet *pk, const struct cap_frame *fp, struct capture *cap,
		 struct pass_times *pt, uint32_t num)
{
	const struct cap_frame *f = fp;
	pk->num = num;
	pk->sec = f->has_ts ? f->sec : 0;
	pk->nsec = f->has_ts ? f->nsec : 0;
	pk->has_ts = f->has_ts;
	const struct cap_iface *ifc = capture_iface(cap, (int)f->ifid);
	uint64_t resol = ifc ? ifc->tsresol_num : 0;
	/* microseconds (every pcap without the nanosecond magic): no call a frame */
	pk->ts_digits = resol == 1000000u ? 6 : (uint8_t)ts_digits((long long)resol);
	if (pt->first) {
		pt->first_sec = pt->prev_sec = pk->sec;
		pt->first_nsec = pt->prev_nsec = pk->nsec;
		pt->first = 0;
	}
	time_sub(pk->sec, pk->nsec, pt->first_sec, pt->first_nsec, &pk->rel_sec, &pk->rel_nsec);
	time_sub(pk->sec, pk->nsec, pt->prev_sec, pt->prev_nsec, &pk->delta_sec, &pk->delta_nsec);
	/* a custom block sets the first-frame reference but is no "previous" frame */
	if (f->rectype != CAP_REC_CUSTOM) {
		pt->prev_sec = pk->sec;
		pt->prev_nsec = pk->nsec;
	}
	pk->caplen = f->caplen;
	pk->len = f->len;
	pk->linktype = f->linktype;
	pk->encap = f->encap;
	pk->ifid = f->if_local;
	pk->has_ifid = f->has_ifid;
	pk->if_name = f->if_name;
	pk->if_descr = f->if_descr;
	pk->rec_custom = f->rectype == CAP_REC_CUSTOM;
	pk->custom_copy = f->custom_copy;
	pk->custom_pen = f->custom_pen;
	pk->data = f->data;
	pk->ncomments = f->ncomments < PK_MAX_COMMENTS ? f->ncomments : PK_MAX_COMMENTS;
	for (int i = 0; i < pk->ncomments; i++) {
		pk->comments[i].p = f->comments[i].p;
		pk->comments[i].n = f->comments[i].n;
	}
}
