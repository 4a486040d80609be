/*
** table_ndjson.c -- one JSON object per row, keys in schema order, typed
** values: numbers as numbers, NULL as null.  Times are float seconds with µs
** precision (integers above 2^53 lose precision in jq and JavaScript); the
** exact nanoseconds are in the SQLite output.
*/
#include <inttypes.h>
#include <math.h>

#include "table.h"

static void put_json_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

void table_write_ndjson(FILE *out, const struct table *t, int tag)
{
	for (int64_t r = 0; r < t->nrows; r++) {
		fputc('{', out);
		if (tag) {
			fputs("\"_table\":", out);
			put_json_str(out, t->name);
		}
		for (int c = 0; c < t->ncols; c++) {
			if (c || tag)
				fputc(',', out);
			put_json_str(out, t->cols[c].name);
			fputc(':', out);
			const struct tcell *v = table_cell(t, r, c);
			if (v->null) {
				fputs("null", out);
				continue;
			}
			switch (t->cols[c].type) {
			case COL_INT:
				fprintf(out, "%" PRId64, v->v.i);
				break;
			case COL_UINT:
				fprintf(out, "%" PRIu64, v->v.u);
				break;
			case COL_DOUBLE:
				if (isfinite(v->v.d))
					fprintf(out, "%.6f", v->v.d);
				else
					fputs("null", out);
				break;
			case COL_TIME:
				fprintf(out, "%.6f", (double)v->v.i / 1e9);
				break;
			case COL_STRING:
			case COL_ADDR:
				put_json_str(out, v->v.s);
				break;
			}
		}
		fputs("}\n", out);
	}
}
