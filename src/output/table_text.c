/*
** table_text.c -- aligned text for a terminal, TSV for a pipe.
**
** TSV has no quoting: a tab, newline or backslash inside a value is written
** as \x09, \x0a, \x5c (Zeek's convention) so every line stays one record.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "table.h"

/*
** Append a cell to the row being built, escaped; the row goes out in one
** fwrite (a streams table has ~30 cells a row, and stdio calls per cell were
** most of writing it).  Returns the new length.
*/
static size_t put_tsv(char **row, size_t *cap, size_t len, const char *s, size_t n)
{
	if (len + 4 * n + 2 > *cap) {
		*cap = 2 * (len + 4 * n + 2);
		*row = xrealloc(*row, *cap);
	}
	char *o = *row + len;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\t' || ch == '\n' || ch == '\r' || ch == '\\') {
			static const char hex[] = "0123456789abcdef";
			*o++ = '\\';
			*o++ = 'x';
			*o++ = hex[ch >> 4];
			*o++ = hex[ch & 15];
		} else {
			*o++ = (char)ch;
		}
	}
	return (size_t)(o - *row);
}

static int numeric(enum col_type t)
{
	return t == COL_INT || t == COL_UINT || t == COL_DOUBLE || t == COL_TIME;
}

void table_write_text(FILE *out, const struct table *t, int aligned)
{
	char buf[512];
	if (!aligned) {
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				fputc('\t', out);
			fputs(t->cols[c].name, out);
		}
		fputc('\n', out);
		size_t cap = 1024;
		char *row = xmalloc(cap);
		/* numbers go straight into the row (they need no escapes); strings are escaped */
		for (int64_t r = 0; r < t->nrows; r++) {
			size_t len = 0;
			for (int c = 0; c < t->ncols; c++) {
				const struct tcol *tc = &t->cols[c];
				const struct tcell *v = table_cell(t, r, c);
				if (!v->null && (tc->type == COL_STRING || tc->type == COL_ADDR)) {
					len = put_tsv(&row, &cap, len, v->v.s, strlen(v->v.s));
				} else {
					if (len + TCELL_ROOM + 2 > cap) {
						cap = 2 * (len + TCELL_ROOM + 2);
						row = xrealloc(row, cap);
					}
					len += tcell_put(tc, v, row + len);
				}
				row[len++] = c + 1 < t->ncols ? '\t' : '\n';
			}
			if (!t->ncols)
				row[len++] = '\n';
			fwrite(row, 1, len, out);
		}
		free(row);
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
