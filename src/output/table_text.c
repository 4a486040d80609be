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

/* the cell's length is known, so plain runs go out in one fwrite */
static void put_tsv(FILE *out, const char *s, size_t n)
{
	const char *end = s + n;
	while (s < end) {
		size_t k = strcspn(s, "\t\n\r\\");
		if (k > (size_t)(end - s))
			k = (size_t)(end - s);
		fwrite(s, 1, k, out);
		s += k;
		if (s < end) {
			fprintf(out, "\\x%02x", (unsigned char)*s);
			s++;
		}
	}
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
		for (int64_t r = 0; r < t->nrows; r++) {
			for (int c = 0; c < t->ncols; c++) {
				if (c)
					fputc('\t', out);
				size_t l =
				    tcell_text(&t->cols[c], table_cell(t, r, c), buf, sizeof buf);
				put_tsv(out, buf, l);
			}
			fputc('\n', out);
		}
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
