/*
** table_csv.c -- CSV per RFC 4180: a header row; a field is quoted only when
** it holds a comma, a quote, CR or LF, and quotes inside are doubled.  An empty
** field is NULL (CSV cannot tell NULL from an empty string).
*/
#include <string.h>

#include "table.h"

static void put_csv(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void table_write_csv(FILE *out, const struct table *t)
{
	char buf[512];
	for (int c = 0; c < t->ncols; c++) {
		if (c)
			fputc(',', out);
		put_csv(out, t->cols[c].name);
	}
	fputc('\n', out);
	for (int64_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', out);
			tcell_text(&t->cols[c], table_cell(t, r, c), buf, sizeof buf);
			put_csv(out, buf);
		}
		fputc('\n', out);
	}
}
