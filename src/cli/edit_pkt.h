/*
** edit_pkt.h -- editcap's per-record changes: chopping bytes (-C, -L),
** strict time order (-S) and random byte errors (-E, -o, --seed).
*/
#ifndef WS_EDIT_PKT_H
#define WS_EDIT_PKT_H

#include <stdint.h>

/*
** Up to two chopped regions, as editcap keeps them: one of positive length
** (from the start, at an offset counted from the start or, negative, from
** the end) and one of negative length (at the end, likewise).
*/
struct edit_chop {
	int len_begin, off_begin_pos, off_begin_neg;
	int len_end, off_end_pos, off_end_neg;
};

/* Add "[offset:]length"; -1 when it is not that. */
int chop_add(struct edit_chop *c, const char *arg);
/*
** Chop the record in buf (caplen bytes, writable) in place; *data may move
** forward within buf.  adjlen (-L) shortens the reported length too.
*/
void chop_apply(struct edit_chop c, uint8_t **data, uint32_t *caplen, uint32_t *len, int adjlen);

/* -S: keep timestamps strictly ordered (or, negative, evenly spaced). */
struct edit_strict {
	int on, negative;
	int64_t sec;
	int32_t nsec;
	int64_t prev_sec; /* the last record's time as written; 0.0: none yet */
	int32_t prev_nsec;
};
/* Parse "[-]seconds[.frac]"; -1 when invalid. */
int strict_parse(struct edit_strict *s, const char *arg);
void strict_apply(struct edit_strict *s, int64_t *sec, int32_t *nsec);

/*
** -E: each byte from offset on is changed with probability prob, with the
** C library's rand() as editcap uses it, so a --seed gives editcap's bytes.
*/
void mutate_bytes(uint8_t *p, uint32_t caplen, uint32_t offset, double prob);

#endif
