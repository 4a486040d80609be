/*
** table.h -- typed result tables (streams, intervals, hosts, ...) and the
** sinks that write them: aligned text, TSV, CSV (RFC 4180), NDJSON, SQLite,
** Parquet.
**
** A table is a list of typed columns and rows of cells; rows grow with flows
** or intervals, never with packets, so keeping them in memory until the end
** is cheap and lets the text writer align columns.  A sink receives every
** table of one run: SQLite puts them all in one file, the text formats print
** them one after the other.
*/
#ifndef WS_TABLE_H
#define WS_TABLE_H

#include <stdint.h>
#include <stdio.h>

enum col_type {
	COL_INT,  /* int64 */
	COL_UINT, /* uint64 (SQLite stores it signed: counters never reach 2^63) */
	COL_DOUBLE,
	COL_STRING,
	COL_TIME, /* absolute time in ns since the epoch */
	COL_ADDR, /* textual address; a type of its own so writers may treat it apart */
};

struct tcol {
	const char *name; /* snake_case, also the SQL column name */
	enum col_type type;
};

struct tcell {
	uint8_t null;
	uint8_t borrowed; /* v.s is not the cell's: table_set_borrowed */
	union {
		int64_t i;
		uint64_t u;
		double d;
		char *s; /* owned */
	} v;
};

struct table {
	const char *name; /* record type: SQL table name, NDJSON "_table" */
	const struct tcol *cols;
	int ncols;
	struct tcell *cells; /* nrows * ncols */
	int64_t nrows, caprows;
	int64_t cur; /* row being filled */
	char *keep;  /* one block borrowed strings may point into, freed with the table */
};

void table_init(struct table *t, const char *name, const struct tcol *cols, int ncols);
void table_free(struct table *t);
/*
** Start a new row (all cells NULL) and return its cells: the setters fill
** them, or a builder that knows its columns writes them directly.
*/
struct tcell *table_row(struct table *t);
/* a new row whose cells the caller writes, every one, NULLs too: a row in one pass */
struct tcell *table_row_raw(struct table *t);
/* room for rows in all: a builder that knows its count grows the cells once */
void table_reserve(struct table *t, int64_t rows);

/* v's owned string freed: a string cell set again (rare) */
void table_cell_drop(struct tcell *v);

/*
** The current row's cell col, set (not NULL, not borrowed), its old owned
** string dropped.  Inline with the setters: a streams table sets ~30 cells
** a row, and a call each was a third of building it.
*/
static inline struct tcell *table_cur(struct table *t, int col)
{
	struct tcell *v = &t->cells[t->cur * t->ncols + col];
	if (!v->null && !v->borrowed &&
	    (t->cols[col].type == COL_STRING || t->cols[col].type == COL_ADDR))
		table_cell_drop(v);
	v->null = 0;
	v->borrowed = 0;
	return v;
}

static inline void table_set_int(struct table *t, int col, int64_t v)
{
	table_cur(t, col)->v.i = v;
}
static inline void table_set_uint(struct table *t, int col, uint64_t v)
{
	table_cur(t, col)->v.u = v;
}
static inline void table_set_double(struct table *t, int col, double v)
{
	table_cur(t, col)->v.d = v;
}
static inline void table_set_time(struct table *t, int col, int64_t ns)
{
	table_cur(t, col)->v.i = ns;
}
void table_set_str(struct table *t, int col, const char *s); /* copied; NULL stays NULL */
/*
** s itself, not a copy: a string that outlives the table (a literal, or text
** in t->keep).  A streams table has hundreds of thousands of rows whose
** addresses and states repeat; a copy each was most of building it.
*/
static inline void table_set_borrowed(struct table *t, int col, const char *s)
{
	if (!s)
		return;
	struct tcell *v = table_cur(t, col);
	v->v.s = (char *)(uintptr_t)s; /* never written nor freed: borrowed */
	v->borrowed = 1;
}
static inline const struct tcell *table_cell(const struct table *t, int64_t row, int col)
{
	return &t->cells[row * t->ncols + col];
}

enum tfmt { TF_AUTO, TF_TABLE, TF_TSV, TF_CSV, TF_NDJSON, TF_SQLITE, TF_PARQUET };
/* "table", "csv", ...; -1 when unknown. */
int tfmt_parse(const char *s);

struct tsink;
/*
** Open a sink: path NULL or "-" is stdout (not for SQLite; Parquet wants a
** directory and writes DIR/<table>.parquet).  TF_AUTO picks
** table on a terminal and TSV otherwise.  Returns NULL with a message in err.
*/
struct tsink *tsink_open(enum tfmt f, const char *path, char *err, size_t n);
int tsink_write(struct tsink *s, const struct table *t);
/* Parquet page compression: "zstd" (the default) 1, "none" 0, -1 unknown. */
int tcodec_parse(const char *s);
void tsink_codec(struct tsink *s, int zstd);
/* Finish: commit and rename the SQLite / Parquet files into place.  Returns 0 or -1. */
int tsink_close(struct tsink *s, char *err, size_t n);

/* Cell text as CSV/TSV/table print it (time as epoch seconds with 9 digits). */
size_t tcell_text(const struct tcol *c, const struct tcell *v, char *buf, size_t n);
/*
** A numeric cell's text (as tcell_text, without NUL) straight into o, which
** has room for TCELL_ROOM bytes; 0 for NULL and for strings, which the caller
** copies (and escapes) itself.
*/
#define TCELL_ROOM 512
size_t tcell_put(const struct tcol *c, const struct tcell *v, char *o);

/* Writers, one per file (table_*.c). */
void table_write_text(FILE *out, const struct table *t, int aligned);
void table_write_csv(FILE *out, const struct table *t);
void table_write_ndjson(FILE *out, const struct table *t, int tag);
struct sqlite_out;
struct sqlite_out *table_sqlite_open(const char *path, char *err, size_t n);
int table_sqlite_write(struct sqlite_out *o, const struct table *t, char *err, size_t n);
int table_sqlite_close(struct sqlite_out *o, char *err, size_t n);
struct parquet_out;
struct parquet_out *table_parquet_open(const char *dir, char *err, size_t n);
void table_parquet_codec(struct parquet_out *o, int zstd);
int table_parquet_write(struct parquet_out *o, const struct table *t, char *err, size_t n);
/* ok 0: a table failed, remove the temporary files instead of renaming them */
int table_parquet_close(struct parquet_out *o, int ok, char *err, size_t n);

#endif
