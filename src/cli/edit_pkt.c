/*
** edit_pkt.c -- editcap's per-record changes (-C/-L, -S, -E).
**
** Each follows editcap 4.0's arithmetic step by step, odd corners included
** (regions that cross are swapped, a chop longer than the record empties
** it), because the point is to write the bytes editcap writes.
*/
#include "edit_pkt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit_util.h"

/*
** editcap's int sums, which wrap on its builds (-C 2147483647 twice), as
** defined behaviour: the same values without signed overflow.
*/
static int iadd(int a, int b)
{
	return (int)((unsigned)a + (unsigned)b);
}
static int isub(int a, int b)
{
	return (int)((unsigned)a - (unsigned)b);
}

int chop_add(struct edit_chop *c, const char *arg)
{
	int off = 0, len = 0;
	/* sscanf's leniency (trailing text ignored) is editcap's */
	switch (sscanf(arg, "%d:%d", &off, &len)) {
	case 1:
		len = off;
		off = 0;
		break;
	case 2:
		break;
	default:
		return -1;
	}
	if (len > 0) {
		c->len_begin = iadd(c->len_begin, len);
		if (off > 0)
			c->off_begin_pos = iadd(c->off_begin_pos, off);
		else
			c->off_begin_neg = iadd(c->off_begin_neg, off);
	} else if (len < 0) {
		c->len_end = iadd(c->len_end, len);
		if (off > 0)
			c->off_end_pos = iadd(c->off_end_pos, off);
		else
			c->off_end_neg = iadd(c->off_end_neg, off);
	}
	return 0;
}

void chop_apply(struct edit_chop c, uint8_t **data, uint32_t *caplen, uint32_t *len, int adjlen)
{
	if (!c.len_begin && !c.len_end)
		return;
	int cap = (int)*caplen;
	/* offsets become: the start region's from the start, the end region's from the end */
	if (c.off_begin_neg < 0) {
		c.off_begin_pos = iadd(c.off_begin_pos, iadd(cap, c.off_begin_neg));
		c.off_begin_neg = 0;
	}
	if (c.off_end_pos > 0) {
		c.off_end_neg = iadd(c.off_end_neg, isub(c.off_end_pos, cap));
		c.off_end_pos = 0;
	}
	if (c.len_begin && c.len_end && c.off_begin_pos > iadd(cap, c.off_end_neg)) {
		/* the regions crossed: swap them */
		int off = iadd(iadd(cap, c.off_end_neg), c.len_end), l = isub(0, c.len_end);
		c.off_end_neg = isub(iadd(c.len_begin, c.off_begin_pos), cap);
		c.len_end = isub(0, c.len_begin);
		c.len_begin = l;
		c.off_begin_pos = off;
	}
	/* never chop more than there is (unsigned compares, as editcap's) */
	uint32_t span = (uint32_t)isub(c.off_begin_pos, c.off_end_neg);
	if (*caplen < span) {
		c.len_begin = 0;
		c.len_end = 0;
	}
	if ((uint32_t)isub(c.len_begin, c.len_end) > *caplen - span) {
		c.len_begin = isub(cap, (int)span);
		c.len_end = 0;
	}
	/* a region still past the record (an offset beyond a short one): editcap
	 * moves bytes outside it and crashes; that region is left alone instead */
	if (c.len_begin > 0 &&
	    (int64_t)(c.off_begin_pos > 0 ? c.off_begin_pos : 0) + c.len_begin > (int64_t)*caplen)
		c.len_begin = 0;
	if (c.len_begin > 0) {
		if (c.off_begin_pos > 0)
			memmove(*data + c.off_begin_pos, *data + iadd(c.off_begin_pos, c.len_begin),
				*caplen - (uint32_t)iadd(c.off_begin_pos, c.len_begin));
		else
			*data += c.len_begin;
		*caplen -= (uint32_t)c.len_begin;
		if (adjlen)
			*len = *len > (uint32_t)c.len_begin ? *len - (uint32_t)c.len_begin : 0;
	}
	if (c.len_end < 0 &&
	    (int64_t)*caplen + (c.off_end_neg < 0 ? c.off_end_neg : 0) + c.len_end < 0)
		c.len_end = 0;
	if (c.len_end < 0) {
		if (c.off_end_neg < 0) {
			int at = iadd((int)*caplen, c.off_end_neg);
			memmove(*data + iadd(at, c.len_end), *data + at,
				(size_t)(0u - (unsigned)c.off_end_neg));
		}
		*caplen += (uint32_t)c.len_end;
		if (adjlen)
			*len = iadd((int)*len, c.len_end) > 0 ? *len + (uint32_t)c.len_end : 0;
	}
}

int strict_parse(struct edit_strict *s, const char *arg)
{
	const char *p = arg;
	while (*p == ' ' || *p == '\t')
		p++;
	s->negative = *p == '-';
	if (s->negative)
		p++;
	if (*p == '-' || *p == '+' || parse_rel_time(p, &s->sec, &s->nsec))
		return -1;
	s->on = 1;
	return 0;
}

void strict_apply(struct edit_strict *s, int64_t *sec, int32_t *nsec)
{
	if (s->prev_sec || s->prev_nsec) {
		/* positive: only a record earlier than the one before moves; negative: all do */
		if (s->negative || ts_cmp(*sec, *nsec, s->prev_sec, s->prev_nsec) < 0) {
			*sec = s->prev_sec;
			*nsec = s->prev_nsec;
			ts_add(sec, nsec, s->sec, s->nsec);
		}
	}
	s->prev_sec = *sec;
	s->prev_nsec = *nsec;
}

/* editcap's weights of the kinds of error */
enum { WT_BIT = 5, WT_BYTE = 5, WT_ALNUM = 5, WT_FMT = 2, WT_AA = 1 };
#define WT_TOTAL (WT_BIT + WT_BYTE + WT_ALNUM + WT_FMT + WT_AA)

void mutate_bytes(uint8_t *p, uint32_t caplen, uint32_t offset, double prob)
{
	static const char alnum[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	for (int64_t i = offset; i < (int64_t)caplen; i++) {
		if (!(rand() <= prob * RAND_MAX))
			continue;
		int kind = rand() / (RAND_MAX / WT_TOTAL + 1);
		/* editcap subtracts WT_BYTE after the bit test; equal weights make it the same */
		if (kind < WT_BIT) {
			p[i] ^= (uint8_t)(1 << (rand() / (RAND_MAX / 8 + 1)));
			continue;
		}
		kind -= WT_BIT;
		if (kind < WT_BYTE) {
			p[i] = (uint8_t)(rand() / (RAND_MAX / 255 + 1));
			continue;
		}
		kind -= WT_BYTE;
		if (kind < WT_ALNUM) {
			p[i] = (uint8_t)alnum[rand() / (RAND_MAX / (int)(sizeof alnum - 1) + 1)];
			continue;
		}
		kind -= WT_ALNUM;
		if (kind < WT_FMT) {
			/* g_strlcpy(.., "%s", 2): a '%' and its terminating NUL */
			if (i < (int64_t)caplen - 2) {
				p[i] = '%';
				p[i + 1] = 0;
			}
			continue;
		}
		memset(p + i, 0xAA, caplen - (uint32_t)i);
		break;
	}
}
