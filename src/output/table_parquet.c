/*
** table_parquet.c -- one Parquet file per table: DIR/<table>.parquet.
**
** Debian 12 has no Parquet C library, so this is the small writer
** docs/analyses.md describes: data pages v1 with PLAIN values, every column
** OPTIONAL (any cell of the table model may be NULL) with its definition
** levels in the RLE/bit-packing hybrid, pages compressed with zstd or not at
** all, row groups of up to 2^20 rows, and the FileMetaData footer in Thrift
** compact protocol (field numbers from parquet-format's parquet.thrift).
** Each file is written as NAME.parquet.tmp and renamed at the end of the run.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zstd.h>

#include "../core/util.h"
#include "parquet_rle.h"
#include "table.h"
#include "thrift_compact.h"

#define PQ_SCHEMA_VERSION "1" /* the table schema version, as SQLite's user_version */
#define PQ_GROUP_ROWS     (1 << 20)
#define PQ_PAGE_ROWS      16384

/* parquet.thrift enums */
enum { PT_INT64 = 2, PT_DOUBLE = 5, PT_BYTE_ARRAY = 6 };
enum { ENC_PLAIN = 0, ENC_RLE = 3 };
enum { CODEC_NONE = 0, CODEC_ZSTD = 6 };
enum { REP_OPTIONAL = 1 };
enum { CT_UTF8 = 0 };

struct pq_file {
	char *tmp, *path;
};

struct parquet_out {
	char *dir;
	int codec;
	int64_t group_rows, page_rows;
	struct pq_file *files;
	int nfiles;
};

/* what the footer needs to know about one column chunk */
struct chunk {
	int64_t offset, unc, comp, nulls;
};

static int phys_type(enum col_type t)
{
	switch (t) {
	case COL_DOUBLE:
		return PT_DOUBLE;
	case COL_STRING:
	case COL_ADDR:
		return PT_BYTE_ARRAY;
	default:
		return PT_INT64; /* int, uint (counters stay below 2^63), time */
	}
}

int tcodec_parse(const char *s)
{
	if (!strcmp(s, "zstd"))
		return 1;
	if (!strcmp(s, "none"))
		return 0;
	return -1;
}

struct parquet_out *table_parquet_open(const char *dir, char *err, size_t n)
{
	struct stat st;
	if (mkdir(dir, 0777) && errno != EEXIST) {
		snprintf(err, n, "cannot create directory %s: %s", dir, strerror(errno));
		return NULL;
	}
	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		snprintf(err, n, "--format parquet: %s is not a directory", dir);
		return NULL;
	}
	struct parquet_out *o = xcalloc(1, sizeof *o);
	o->dir = xstrdup(dir);
	o->codec = CODEC_ZSTD;
	o->group_rows = PQ_GROUP_ROWS;
	o->page_rows = PQ_PAGE_ROWS;
	/* tests shrink the groups to get several row groups and pages from small captures */
	const char *g = getenv("WIRESIFT_PARQUET_ROWS");
	if (g && strtoll(g, NULL, 10) > 0) {
		o->group_rows = strtoll(g, NULL, 10);
		o->page_rows = (o->group_rows + 1) / 2;
	}
	return o;
}

void table_parquet_codec(struct parquet_out *o, int zstd)
{
	o->codec = zstd ? CODEC_ZSTD : CODEC_NONE;
}

/* definition levels (length-prefixed) then the PLAIN values of rows [r0, r1) */
static int64_t page_body(struct bbuf *body, const struct table *t, int c, int64_t r0, int64_t r1)
{
	size_t nv = (size_t)(r1 - r0);
	uint32_t *def = xmalloc(nv * sizeof *def);
	int64_t nulls = 0;
	for (int64_t r = r0; r < r1; r++) {
		def[r - r0] = !table_cell(t, r, c)->null;
		nulls += !def[r - r0];
	}
	struct bbuf lv = {0};
	rle_hybrid_encode(&lv, def, nv, 1);
	free(def);
	bb_le32(body, (uint32_t)lv.n);
	bb_put(body, lv.p, lv.n);
	bb_free(&lv);
	for (int64_t r = r0; r < r1; r++) {
		const struct tcell *v = table_cell(t, r, c);
		if (v->null)
			continue;
		switch (t->cols[c].type) {
		case COL_DOUBLE: {
			uint64_t u;
			memcpy(&u, &v->v.d, sizeof u);
			bb_le64(body, u);
			break;
		}
		case COL_STRING:
		case COL_ADDR: {
			size_t l = strlen(v->v.s);
			bb_le32(body, (uint32_t)l);
			bb_put(body, v->v.s, l);
			break;
		}
		case COL_UINT:
			bb_le64(body, v->v.u);
			break;
		default:
			bb_le64(body, (uint64_t)v->v.i);
			break;
		}
	}
	return nulls;
}

/* Write one data page of column c; add its sizes to ch.  -1 when too large. */
static int write_page(FILE *f, const struct parquet_out *o, const struct table *t, int c,
		      int64_t r0, int64_t r1, struct chunk *ch, char *err, size_t n)
{
	struct bbuf body = {0}, z = {0}, hdr = {0};
	ch->nulls += page_body(&body, t, c, r0, r1);
	const struct bbuf *out = &body;
	if (body.n > INT32_MAX) {
		snprintf(err, n, "table %s: a page of column %s exceeds 2 GiB", t->name,
			 t->cols[c].name);
		bb_free(&body);
		return -1;
	}
	if (o->codec == CODEC_ZSTD) {
		size_t bound = ZSTD_compressBound(body.n);
		z.p = xmalloc(bound ? bound : 1);
		z.cap = bound;
		size_t zn = ZSTD_compress(z.p, bound, body.p, body.n, 3);
		if (ZSTD_isError(zn)) {
			snprintf(err, n, "zstd: %s", ZSTD_getErrorName(zn));
			bb_free(&body);
			bb_free(&z);
			return -1;
		}
		z.n = zn;
		out = &z;
	}
	struct tc w;
	tc_init(&w, &hdr);
	tc_i32(&w, 1, 0); /* DATA_PAGE */
	tc_i32(&w, 2, (int32_t)body.n);
	tc_i32(&w, 3, (int32_t)out->n);
	tc_field(&w, 5, TC_STRUCT); /* DataPageHeader */
	tc_i32(&w, 1, (int32_t)(r1 - r0));
	tc_i32(&w, 2, ENC_PLAIN);
	tc_i32(&w, 3, ENC_RLE); /* definition levels */
	tc_i32(&w, 4, ENC_RLE); /* repetition levels (none: flat schema) */
	tc_end(&w);
	tc_end(&w);
	fwrite(hdr.p, 1, hdr.n, f);
	fwrite(out->p, 1, out->n, f);
	ch->unc += (int64_t)(hdr.n + body.n);
	ch->comp += (int64_t)(hdr.n + out->n);
	bb_free(&body);
	bb_free(&z);
	bb_free(&hdr);
	return 0;
}

static void schema_element(struct tc *w, const struct tcol *col)
{
	tc_elem_struct(w);
	tc_i32(w, 1, phys_type(col->type));
	tc_i32(w, 3, REP_OPTIONAL);
	tc_string(w, 4, col->name);
	if (col->type == COL_STRING || col->type == COL_ADDR)
		tc_i32(w, 6, CT_UTF8);
	if (col->type == COL_STRING || col->type == COL_ADDR) {
		tc_field(w, 10, TC_STRUCT); /* LogicalType */
		tc_field(w, 1, TC_STRUCT);  /* STRING */
		tc_end(w);
		tc_end(w);
	} else if (col->type == COL_TIME) {
		tc_field(w, 10, TC_STRUCT); /* LogicalType */
		tc_field(w, 8, TC_STRUCT);  /* TIMESTAMP */
		tc_bool(w, 1, 1);           /* isAdjustedToUTC */
		tc_field(w, 2, TC_STRUCT);  /* TimeUnit */
		tc_field(w, 3, TC_STRUCT);  /* NANOS */
		tc_end(w);
		tc_end(w);
		tc_end(w);
		tc_end(w);
	}
	tc_end(w);
}

static void key_value(struct tc *w, const char *k, const char *v)
{
	tc_elem_struct(w);
	tc_string(w, 1, k);
	tc_string(w, 2, v);
	tc_end(w);
}

static void footer(struct bbuf *b, const struct parquet_out *o, const struct table *t,
		   const struct chunk *chunks, int ngroups)
{
	struct tc w;
	tc_init(&w, b);
	tc_i32(&w, 1, 1); /* version */
	tc_list(&w, 2, TC_STRUCT, (uint32_t)t->ncols + 1);
	tc_elem_struct(&w); /* the root: a group of all columns */
	tc_string(&w, 4, "schema");
	tc_i32(&w, 5, t->ncols);
	tc_end(&w);
	for (int c = 0; c < t->ncols; c++)
		schema_element(&w, &t->cols[c]);
	tc_i64(&w, 3, t->nrows);
	tc_list(&w, 4, TC_STRUCT, (uint32_t)ngroups);
	for (int g = 0; g < ngroups; g++) {
		const struct chunk *row = &chunks[(size_t)g * (size_t)t->ncols];
		int64_t r0 = g * o->group_rows;
		int64_t rows = t->nrows - r0 < o->group_rows ? t->nrows - r0 : o->group_rows;
		int64_t unc = 0, comp = 0;
		tc_elem_struct(&w); /* RowGroup */
		tc_list(&w, 1, TC_STRUCT, (uint32_t)t->ncols);
		for (int c = 0; c < t->ncols; c++) {
			const struct chunk *ch = &row[c];
			unc += ch->unc;
			comp += ch->comp;
			tc_elem_struct(&w); /* ColumnChunk */
			tc_i64(&w, 2, ch->offset);
			tc_field(&w, 3, TC_STRUCT); /* ColumnMetaData */
			tc_i32(&w, 1, phys_type(t->cols[c].type));
			tc_list(&w, 2, TC_I32, 2);
			tc_elem_i32(&w, ENC_PLAIN);
			tc_elem_i32(&w, ENC_RLE);
			tc_list(&w, 3, TC_BINARY, 1);
			tc_elem_string(&w, t->cols[c].name);
			tc_i32(&w, 4, o->codec);
			tc_i64(&w, 5, rows);
			tc_i64(&w, 6, ch->unc);
			tc_i64(&w, 7, ch->comp);
			tc_i64(&w, 9, ch->offset);
			tc_field(&w, 12, TC_STRUCT); /* Statistics */
			tc_i64(&w, 3, ch->nulls);
			tc_end(&w);
			tc_end(&w);
			tc_end(&w);
		}
		tc_i64(&w, 2, unc);
		tc_i64(&w, 3, rows);
		tc_i64(&w, 5, row[0].offset);
		tc_i64(&w, 6, comp);
		tc_end(&w);
	}
	tc_list(&w, 5, TC_STRUCT, 2);
	key_value(&w, "wiresift.schema_version", PQ_SCHEMA_VERSION);
	key_value(&w, "wiresift.table", t->name);
	tc_string(&w, 6, "wiresift");
	tc_end(&w);
}

static int write_file(FILE *f, const struct parquet_out *o, const struct table *t, char *err,
		      size_t n)
{
	int ngroups = (int)((t->nrows + o->group_rows - 1) / o->group_rows);
	struct chunk *chunks = xcalloc((size_t)ngroups * (size_t)t->ncols + 1, sizeof *chunks);
	int64_t off = 4;
	int rc = 0;
	fwrite("PAR1", 1, 4, f);
	for (int g = 0; !rc && g < ngroups; g++) {
		int64_t g0 = g * o->group_rows;
		int64_t g1 = g0 + o->group_rows < t->nrows ? g0 + o->group_rows : t->nrows;
		for (int c = 0; !rc && c < t->ncols; c++) {
			struct chunk *ch = &chunks[(size_t)g * (size_t)t->ncols + (size_t)c];
			ch->offset = off;
			for (int64_t p = g0; !rc && p < g1; p += o->page_rows)
				rc = write_page(f, o, t, c, p,
						p + o->page_rows < g1 ? p + o->page_rows : g1, ch,
						err, n);
			off += ch->comp;
		}
	}
	if (!rc) {
		struct bbuf b = {0};
		footer(&b, o, t, chunks, ngroups);
		fwrite(b.p, 1, b.n, f);
		uint8_t len[4] = {(uint8_t)b.n, (uint8_t)(b.n >> 8), (uint8_t)(b.n >> 16),
				  (uint8_t)(b.n >> 24)};
		fwrite(len, 1, 4, f);
		fwrite("PAR1", 1, 4, f);
		bb_free(&b);
	}
	free(chunks);
	return rc;
}

int table_parquet_write(struct parquet_out *o, const struct table *t, char *err, size_t n)
{
	size_t l = strlen(o->dir) + strlen(t->name) + 32;
	struct pq_file pf = {xmalloc(l), xmalloc(l)};
	snprintf(pf.path, l, "%s/%s.parquet", o->dir, t->name);
	snprintf(pf.tmp, l, "%s/%s.parquet.tmp", o->dir, t->name);
	o->files = xrealloc(o->files, (size_t)(o->nfiles + 1) * sizeof *o->files);
	o->files[o->nfiles++] = pf;
	FILE *f = fopen(pf.tmp, "wb");
	if (!f) {
		snprintf(err, n, "cannot write %s: %s", pf.tmp, strerror(errno));
		return -1;
	}
	int rc = write_file(f, o, t, err, n);
	if (ferror(f) && !rc) {
		snprintf(err, n, "write error on %s", pf.tmp);
		rc = -1;
	}
	if (fclose(f) && !rc) {
		snprintf(err, n, "write error on %s", pf.tmp);
		rc = -1;
	}
	return rc;
}

int table_parquet_close(struct parquet_out *o, int ok, char *err, size_t n)
{
	int rc = 0;
	for (int i = 0; i < o->nfiles; i++) {
		struct pq_file *pf = &o->files[i];
		if (ok && !rc && rename(pf->tmp, pf->path)) {
			snprintf(err, n, "cannot rename %s to %s", pf->tmp, pf->path);
			rc = -1;
		}
		if (!ok || rc)
			remove(pf->tmp);
		free(pf->tmp);
		free(pf->path);
	}
	free(o->files);
	free(o->dir);
	free(o);
	return rc;
}
