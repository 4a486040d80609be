/*
** table.c -- the typed table model and the sink that dispatches to writers.
*/
#include "table.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/util.h"
#include "format.h"

void table_init(struct table *t, const char *name, const struct tcol *cols, int ncols)
{
	memset(t, 0, sizeof *t);
	t->name = name;
	t->cols = cols;
	t->ncols = ncols;
	t->cur = -1;
}

void table_free(struct table *t)
{
	/* only string columns own anything: a streams table has 3 of 33 */
	for (int c = 0; c < t->ncols; c++) {
		if (t->cols[c].type != COL_STRING && t->cols[c].type != COL_ADDR)
			continue;
		for (int64_t r = 0; r < t->nrows; r++) {
			struct tcell *v = &t->cells[r * t->ncols + c];
			if (!v->null && !v->borrowed)
				free(v->v.s);
		}
	}
	free(t->cells);
	free(t->keep);
	t->cells = NULL;
	t->keep = NULL;
	t->nrows = t->caprows = 0;
}

void table_reserve(struct table *t, int64_t rows)
{
	if (rows <= t->caprows)
		return;
	t->caprows = rows;
	t->cells = xrealloc(t->cells, (size_t)t->caprows * (size_t)t->ncols * sizeof *t->cells);
}

struct tcell *table_row_raw(struct table *t)
{
	if (t->nrows == t->caprows)
		table_reserve(t, t->caprows ? t->caprows * 2 : 64);
	t->cur = t->nrows++;
	return &t->cells[t->cur * t->ncols];
}

struct tcell *table_row(struct table *t)
{
	struct tcell *row = table_row_raw(t);
	const struct tcell null = {.null = 1};
	for (int c = 0; c < t->ncols; c++)
		row[c] = null;
	return row;
}

void table_cell_drop(struct tcell *v)
{
	free(v->v.s);
}

void table_set_str(struct table *t, int col, const char *s)
{
	if (!s)
		return;
	table_cur(t, col)->v.s = xstrdup(s);
}

/* Decimal digits of v into buf (room for 20); returns the length. */
static inline size_t put_u64(char *buf, uint64_t v)
{
	if (v <= UINT32_MAX) /* the inline 32-bit writer: counters, seconds */
		return (size_t)(fmt_dec32(buf, (uint32_t)v) - buf);
	return fmt_u64(buf, v);
}

/*
** %.6f without printf when the rounding is certain: v * 1e6 is off the exact
** product by at most half an ulp, so a result farther than one ulp from a
** tie rounds as the exact value does.  Returns 0 (use printf) otherwise, and
** for NaN, infinities and values of 1e12 or more.
*/
static size_t put_fixed6(char *buf, double v)
{
	if (!(v > -1e12 && v < 1e12))
		return 0;
	int neg = signbit(v);
	double p = (neg ? -v : v) * 1e6;
	double m = floor(p + 0.5), d = fabs(p - m);
	if (d > 0.5 - 4 * DBL_EPSILON * (p > 1 ? p : 1))
		return 0;
	uint64_t u = (uint64_t)m;
	size_t w = 0;
	if (neg)
		buf[w++] = '-';
	w += put_u64(buf + w, u / 1000000);
	buf[w++] = '.';
	/* the six decimals as three pairs of one fixed-point number (format.h), not a division
	 * each */
	fmt_pairs(buf + w, FMT_FIX((uint32_t)(u % 1000000), 4, 10000), 3);
	return w + 6;
}

/*
** A non-NULL cell's text into o, which has room for TCELL_ROOM bytes (no NUL):
** integers, times and most doubles without printf, written in place.  Strings
** are not handled here (their length is unbounded).
*/
static size_t put_cell(const struct tcol *c, const struct tcell *v, char *o)
{
	size_t w = 0;
	switch (c->type) {
	case COL_INT:
		if (v->v.i < 0) {
			o[0] = '-';
			return 1 + put_u64(o + 1, 0 - (uint64_t)v->v.i);
		}
		return put_u64(o, (uint64_t)v->v.i);
	case COL_UINT:
		return put_u64(o, v->v.u);
	case COL_DOUBLE: {
		if ((w = put_fixed6(o, v->v.d)) != 0)
			return w;
		/* %.6f keeps the output locale-free in practice (we never call setlocale) and
		 * stable */
		int r = snprintf(o, TCELL_ROOM, "%.6f", v->v.d);
		if (r < 0)
			r = 0;
		return (size_t)r < TCELL_ROOM ? (size_t)r : TCELL_ROOM - 1;
	}
	case COL_TIME: {
		int64_t sec = v->v.i / 1000000000, ns = v->v.i % 1000000000;
		if (ns < 0) {
			ns += 1000000000;
			sec--;
		}
		if (sec < 0) {
			o[0] = '-';
			w = 1 + put_u64(o + 1, 0 - (uint64_t)sec);
		} else {
			w = put_u64(o, (uint64_t)sec);
		}
		o[w++] = '.';
		fmt_frac9(o + w, (uint32_t)ns);
		return w + 9;
	}
	case COL_STRING:
	case COL_ADDR:
		break;
	}
	return 0;
}

size_t tcell_put(const struct tcol *c, const struct tcell *v, char *o)
{
	if (v->null || c->type == COL_STRING || c->type == COL_ADDR)
		return 0;
	return put_cell(c, v, o);
}

/*
** A cell's text, as snprintf would write it (truncated to n - 1).  Integers,
** times and strings skip printf: a streams table has ~30 cells a row, and
** formatting them was most of writing it.
*/
size_t tcell_text(const struct tcol *c, const struct tcell *v, char *buf, size_t n)
{
	char tmp[TCELL_ROOM];
	size_t w = 0;
	const char *s = tmp;
	if (v->null || !n) {
		if (n)
			buf[0] = 0;
		return 0;
	}
	if (c->type == COL_STRING || c->type == COL_ADDR) {
		s = v->v.s;
		w = strlen(s);
	} else {
		w = put_cell(c, v, tmp);
	}
	if (w > n - 1)
		w = n - 1;
	memcpy(buf, s, w);
	buf[w] = 0;
	return w;
}

int tfmt_parse(const char *s)
{
	static const char *const names[] = {"auto",   "table",  "tsv",    "csv",
					    "ndjson", "sqlite", "parquet"};
	for (int i = 0; i < (int)ARRAY_LEN(names); i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

struct tsink {
	enum tfmt fmt;
	FILE *out;
	int own;
	int ntables;
	struct sqlite_out *db;
	struct parquet_out *pq;
	int failed;
};

struct tsink *tsink_open(enum tfmt f, const char *path, char *err, size_t n)
{
	int to_stdout = !path || !strcmp(path, "-");
	if (f == TF_AUTO)
		f = to_stdout && isatty(STDOUT_FILENO) ? TF_TABLE : TF_TSV;
	struct tsink *s = xcalloc(1, sizeof *s);
	s->fmt = f;
	if (f == TF_SQLITE) {
		if (to_stdout) {
			snprintf(err, n, "--format sqlite needs --out FILE");
			free(s);
			return NULL;
		}
		s->db = table_sqlite_open(path, err, n);
		if (!s->db) {
			free(s);
			return NULL;
		}
		return s;
	}
	if (f == TF_PARQUET) {
		if (to_stdout) {
			snprintf(err, n, "--format parquet needs --out DIR");
			free(s);
			return NULL;
		}
		s->pq = table_parquet_open(path, err, n);
		if (!s->pq) {
			free(s);
			return NULL;
		}
		return s;
	}
	if (to_stdout) {
		s->out = stdout;
	} else {
		s->out = fopen(path, "w");
		if (!s->out) {
			snprintf(err, n, "cannot write %s", path);
			free(s);
			return NULL;
		}
		s->own = 1;
	}
	return s;
}

int tsink_write(struct tsink *s, const struct table *t)
{
	char err[256];
	switch (s->fmt) {
	case TF_SQLITE:
		if (table_sqlite_write(s->db, t, err, sizeof err)) {
			fprintf(stderr, "wiresift: %s\n", err);
			return -1;
		}
		break;
	case TF_PARQUET:
		if (table_parquet_write(s->pq, t, err, sizeof err)) {
			fprintf(stderr, "wiresift: %s\n", err);
			s->failed = 1;
			return -1;
		}
		break;
	case TF_NDJSON:
		table_write_ndjson(s->out, t, 1);
		break;
	case TF_CSV:
		if (s->ntables)
			fputc('\n', s->out);
		table_write_csv(s->out, t);
		break;
	case TF_TABLE:
	case TF_TSV:
	case TF_AUTO:
		if (s->ntables)
			fputc('\n', s->out);
		table_write_text(s->out, t, s->fmt == TF_TABLE);
		break;
	}
	s->ntables++;
	return 0;
}

void tsink_codec(struct tsink *s, int zstd)
{
	if (s->pq)
		table_parquet_codec(s->pq, zstd);
}

int tsink_close(struct tsink *s, char *err, size_t n)
{
	int rc = 0;
	if (s->db)
		rc = table_sqlite_close(s->db, err, n);
	if (s->pq)
		rc = table_parquet_close(s->pq, !s->failed, err, n);
	if (s->out) {
		if (fflush(s->out) || ferror(s->out)) {
			snprintf(err, n, "write error");
			rc = -1;
		}
		if (s->own)
			fclose(s->out);
	}
	free(s);
	return rc;
}
