/*
** columns.c -- tshark's default columns and the one-line summary.
**
** tshark pads No. to 5 (right aligned), Time to 10 (right), Source to 12
** (right) and Destination to 12 (left); longer text is never cut.  A source
** column followed by a destination column is joined by " → " even when both
** are empty (frames without addresses still show the arrow); all other
** columns are joined by one space, so an empty Info leaves a trailing space.
*/
#include <stdio.h>
#include <string.h>

#include "../core/util.h"
#include "format.h"
#include "output.h"

static const struct address *col_addr(const struct packet *pk, int dst)
{
	const struct address *net = dst ? &pk->net_dst : &pk->net_src;
	const struct address *dl = dst ? &pk->dl_dst : &pk->dl_src;
	return net->type != AT_NONE ? net : dl;
}

/* "%u" into buf (n >= 11) */
static size_t put_uint(char *buf, unsigned v)
{
	char t[10];
	size_t k = 0, i = 0;
	do {
		t[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (i)
		buf[k++] = t[--i];
	buf[k] = 0;
	return k;
}

size_t column_text(const struct packet *pk, int col, char *buf, size_t n)
{
	int w = 0;
	if (n == 0)
		return 0;
	buf[0] = 0;
	switch (col) {
	case COL_NO:
		if (n >= 11)
			return put_uint(buf, pk->num);
		w = snprintf(buf, n, "%u", pk->num);
		break;
	case COL_TIME:
		/* a frame without a timestamp (pcapng SPB) has an empty Time */
		if (!pk->has_ts)
			return 0;
		return fmt_rel_time(buf, n, pk->rel_sec, pk->rel_nsec, pk->ts_digits);
	case COL_SRC:
	case COL_DST:
		addr_to_str(col_addr(pk, col == COL_DST), buf, n);
		return strlen(buf);
	case COL_PROTO:
		w = snprintf(buf, n, "%s", pk->col_proto ? pk->col_proto : "");
		break;
	case COL_LEN:
		if (n >= 11)
			return put_uint(buf, pk->len);
		w = snprintf(buf, n, "%u", pk->len);
		break;
	case COL_INFO:
		w = snprintf(buf, n, "%s", pk->info);
		break;
	default:
		return 0;
	}
	if (w < 0)
		return 0;
	return (size_t)w < n ? (size_t)w : n - 1;
}

/* s padded to width w (right-aligned when right), at line+k; returns the new end */
static size_t pad_put(char *line, size_t k, const char *s, size_t w, int right)
{
	size_t l = strlen(s);
	size_t pad = l < w ? w - l : 0;
	if (right) {
		memset(line + k, ' ', pad);
		k += pad;
	}
	memcpy(line + k, s, l);
	k += l;
	if (!right) {
		memset(line + k, ' ', pad);
		k += pad;
	}
	return k;
}

/*
** The summary line into line (SUMMARY_MAX bytes), '\n' included; *head is 0,
** or, when Protocol, Length and Info do not fit (a long Lua protocol name),
** the length of what precedes them, which is all that was put.
*/
#define SUMMARY_MAX (512 + PK_INFO_MAX)
static size_t summary_line(const struct packet *pk, char *line, size_t *head)
{
	char no[16], tm[48], src[64], dst[64], len[16];
	column_text(pk, COL_NO, no, sizeof no);
	column_text(pk, COL_TIME, tm, sizeof tm);
	column_text(pk, COL_SRC, src, sizeof src);
	column_text(pk, COL_DST, dst, sizeof dst);
	column_text(pk, COL_LEN, len, sizeof len);
	const char *proto = pk->col_proto ? pk->col_proto : "";
	/* "%5s %10s %12s → %-12s %s %s %s\n", put together by hand: one line per frame */
	size_t k = 0;
	k = pad_put(line, k, no, 5, 1);
	line[k++] = ' ';
	k = pad_put(line, k, tm, 10, 1);
	line[k++] = ' ';
	k = pad_put(line, k, src, 12, 1);
	memcpy(line + k, " \xe2\x86\x92 ", 5);
	k += 5;
	k = pad_put(line, k, dst, 12, 0);
	line[k++] = ' ';
	*head = 0;
	size_t lp = strlen(proto), ll = strlen(len), li = strlen(pk->info);
	if (k + lp + ll + li + 3 > SUMMARY_MAX) {
		*head = k;
		return k;
	}
	memcpy(line + k, proto, lp);
	k += lp;
	line[k++] = ' ';
	memcpy(line + k, len, ll);
	k += ll;
	line[k++] = ' ';
	memcpy(line + k, pk->info, li);
	k += li;
	line[k++] = '\n';
	return k;
}

void summary_packet(FILE *out, const struct packet *pk)
{
	char line[SUMMARY_MAX];
	size_t head, k = summary_line(pk, line, &head);
	fwrite(line, 1, k, out);
	if (head) {
		char len[16];
		column_text(pk, COL_LEN, len, sizeof len);
		fprintf(out, "%s %s %s\n", pk->col_proto ? pk->col_proto : "", len, pk->info);
	}
}

void summary_format(const struct packet *pk, struct fields_line *b)
{
	char line[SUMMARY_MAX];
	size_t head, k = summary_line(pk, line, &head);
	char len[16];
	const char *proto = pk->col_proto ? pk->col_proto : "";
	size_t more = 0;
	if (head) {
		column_text(pk, COL_LEN, len, sizeof len);
		more = strlen(proto) + strlen(len) + strlen(pk->info) + 3;
	}
	if (b->len + k + more + 1 > b->cap) {
		b->cap = (b->len + k + more + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, line, k);
	b->len += k;
	if (head)
		b->len +=
		    (size_t)snprintf(b->p + b->len, more + 1, "%s %s %s\n", proto, len, pk->info);
}
