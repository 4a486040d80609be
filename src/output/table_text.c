/*
** table_text.c -- aligned text for a terminal, TSV for a pipe.
**
** TSV has no quoting: a tab, newline or backslash inside a value is written
** as \x09, \x0a, \x5c (Zeek's convention) so every line stays one record.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "format.h"
#include "table.h"

/* the bytes TSV writes as \xNN: a table, where four compares a byte were a fifth of writing */
static const uint8_t escaped[256] = {['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\\'] = 1};

/* s escaped at o, which has room for 4 * n bytes; returns the end */
static char *put_tsv(char *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (escaped[ch]) {
			*o++ = '\\';
			*o++ = 'x';
			*o++ = hex[ch >> 4];
			*o++ = hex[ch & 15];
		} else {
			*o++ = (char)ch;
		}
	}
	return o;
}

static int numeric(enum col_type t)
{
	return t == COL_INT || t == COL_UINT || t == COL_DOUBLE || t == COL_TIME;
}

/* a number's text at o: counters and times inline (most of a streams row), the rest by tcell_put */
static inline char *put_num(char *o, const struct tcol *c, const struct tcell *v)
{
	if (c->type == COL_UINT && v->v.u <= UINT32_MAX)
		return fmt_dec32(o, (uint32_t)v->v.u);
	if (c->type == COL_TIME && v->v.i >= 0 && v->v.i / 1000000000 <= UINT32_MAX) {
		o = fmt_dec32(o, (uint32_t)(v->v.i / 1000000000));
		*o = '.';
		fmt_frac9(o + 1, (uint32_t)(v->v.i % 1000000000));
		return o + 10;
	}
	return o + tcell_put(c, v, o);
}

/*
** Rows are built in one buffer that goes out in large fwrites (a streams
** table has ~30 cells a row, and stdio calls per cell, then per row, were
** most of writing it).  Numbers go straight in (they need no escapes): the
** buffer always keeps `room` bytes, a whole row of them, past a string.
*/
static void write_tsv(FILE *out, const struct table *t)
{
	const struct tcol *cols = t->cols;
	int ncols = t->ncols;
	for (int c = 0; c < ncols; c++) {
		if (c)
			fputc('\t', out);
		fputs(cols[c].name, out);
	}
	fputc('\n', out);
	size_t room = (size_t)ncols * (TCELL_ROOM + 1) + 1, flush = 1 << 16;
	size_t cap = flush + 2 * room;
	char *buf = xmalloc(cap), *o = buf;
	for (int64_t r = 0; r < t->nrows; r++) {
		const struct tcell *v = table_cell(t, r, 0);
		for (int c = 0; c < ncols; c++, v++) {
			enum col_type ty = cols[c].type;
			if (v->null) {
			} else if (ty == COL_STRING || ty == COL_ADDR) {
				size_t n = strlen(v->v.s), len = (size_t)(o - buf);
				if (len + 4 * n + room > cap) {
					cap = 2 * (len + 4 * n + room);
					buf = xrealloc(buf, cap);
					o = buf + len;
				}
				o = put_tsv(o, v->v.s, n);
			} else {
				o = put_num(o, &cols[c], v);
			}
			*o++ = '\t';
		}
		if (ncols)
			o[-1] = '\n';
		else
			*o++ = '\n';
		if ((size_t)(o - buf) >= flush) {
			fwrite(buf, 1, (size_t)(o - buf), out);
			o = buf;
		}
	}
	fwrite(buf, 1, (size_t)(o - buf), out);
	free(buf);
}

void table_write_text(FILE *out, const struct table *t, int aligned)
{
	char buf[512];
	if (!aligned) {
		write_tsv(out, t);
		return;
	}
	/* two passes: widths first, so one wide value does not need a re-layout */
	size_t *w = xcalloc((size_t)t->ncols, sizeof *w);
	for (int c = 0; c < t->ncols; c++)
		w[c] = strlen(t->cols[c].name);
	for (int64_t r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			size_t l = tcell_text(&t->cols[c], table_cell(t, r, c), buf, sizeof buf);
			if (l > w[c])
				w[c] = l;
		}
	fprintf(out, "# %s\n", t->name);
	for (int c = 0; c < t->ncols; c++)
		fprintf(out, c ? "  %-*s" : "%-*s", (int)w[c], t->cols[c].name);
	fputc('\n', out);
	for (int64_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			tcell_text(&t->cols[c], table_cell(t, r, c), buf, sizeof buf);
			if (c)
				fputs("  ", out);
			fprintf(out, numeric(t->cols[c].type) ? "%*s" : "%-*s", (int)w[c], buf);
		}
		fputc('\n', out);
	}
	free(w);
}
