/*
** table_sqlite.c -- all tables of one run in one SQLite file.
**
** STRICT tables (types are checked by SQLite itself), a `schema_info` table
** and PRAGMA user_version carrying TABLE_SCHEMA_VERSION, one transaction for
** the whole run.  The file is built as PATH.tmp and renamed at the end, so a
** reader never sees a half-written database under the final name.  Time
** columns are stored as exact integer nanoseconds under NAME_ns (a REAL would
** round them), with a view NAME_v adding NAME as REAL seconds.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "table.h"

#define TABLE_SCHEMA_VERSION 1

struct sqlite_out {
	sqlite3 *db;
	char *path, *tmp;
};

static int exec(struct sqlite_out *o, const char *sql, char *err, size_t n)
{
	char *msg = NULL;
	if (sqlite3_exec(o->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, n, "sqlite: %s", msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

struct sqlite_out *table_sqlite_open(const char *path, char *err, size_t n)
{
	struct sqlite_out *o = xcalloc(1, sizeof *o);
	o->path = xstrdup(path);
	size_t l = strlen(path) + 5;
	o->tmp = xmalloc(l);
	snprintf(o->tmp, l, "%s.tmp", path);
	remove(o->tmp);
	if (sqlite3_open(o->tmp, &o->db) != SQLITE_OK) {
		snprintf(err, n, "sqlite: cannot create %s", o->tmp);
		sqlite3_close(o->db);
		free(o->tmp);
		free(o->path);
		free(o);
		return NULL;
	}
	char sql[256];
	snprintf(sql, sizeof sql,
		 "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA user_version=%d; BEGIN;"
		 "CREATE TABLE schema_info(name TEXT NOT NULL, value TEXT) STRICT;"
		 "INSERT INTO schema_info VALUES('schema_version','%d'),('tool','wiresift');",
		 TABLE_SCHEMA_VERSION, TABLE_SCHEMA_VERSION);
	if (exec(o, sql, err, n)) {
		sqlite3_close(o->db);
		remove(o->tmp);
		free(o->tmp);
		free(o->path);
		free(o);
		return NULL;
	}
	return o;
}

static const char *sql_type(enum col_type t)
{
	switch (t) {
	case COL_INT:
	case COL_UINT:
	case COL_TIME:
		return "INTEGER";
	case COL_DOUBLE:
		return "REAL";
	default:
		return "TEXT";
	}
}

/* a growable string: the schema of a wide table does not fit a fixed buffer */
struct sbuf {
	char *p;
	size_t n, cap;
};
static void sb_add(struct sbuf *b, const char *s)
{
	size_t l = strlen(s);
	if (b->n + l + 1 > b->cap) {
		b->cap = (b->n + l + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, l + 1);
	b->n += l;
}

int table_sqlite_write(struct sqlite_out *o, const struct table *t, char *err, size_t n)
{
	struct sbuf sb = {0};
	struct sbuf view = {0};
	struct sbuf ins = {0};
	int has_time = 0;
	sb_add(&sb, "CREATE TABLE \"");
	sb_add(&sb, t->name);
	sb_add(&sb, "\"(");
	sb_add(&view, "CREATE VIEW \"");
	sb_add(&view, t->name);
	sb_add(&view, "_v\" AS SELECT *");
	sb_add(&ins, "INSERT INTO \"");
	sb_add(&ins, t->name);
	sb_add(&ins, "\" VALUES(");
	for (int c = 0; c < t->ncols; c++) {
		if (c) {
			sb_add(&sb, ",");
			sb_add(&ins, ",");
		}
		sb_add(&sb, "\"");
		sb_add(&sb, t->cols[c].name);
		if (t->cols[c].type == COL_TIME) {
			sb_add(&sb, "_ns");
			has_time = 1;
			sb_add(&view, ", \"");
			sb_add(&view, t->cols[c].name);
			sb_add(&view, "_ns\" / 1e9 AS \"");
			sb_add(&view, t->cols[c].name);
			sb_add(&view, "\"");
		}
		sb_add(&sb, "\" ");
		sb_add(&sb, sql_type(t->cols[c].type));
		sb_add(&ins, "?");
	}
	sb_add(&sb, ") STRICT;");
	sb_add(&ins, ")");
	sb_add(&view, " FROM \"");
	sb_add(&view, t->name);
	sb_add(&view, "\";");
	int rc = exec(o, sb.p, err, n);
	if (!rc && has_time)
		rc = exec(o, view.p, err, n);
	sqlite3_stmt *st = NULL;
	if (!rc && sqlite3_prepare_v2(o->db, ins.p, -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, n, "sqlite: %s", sqlite3_errmsg(o->db));
		rc = -1;
	}
	for (int64_t r = 0; !rc && r < t->nrows; r++) {
		sqlite3_reset(st);
		for (int c = 0; c < t->ncols; c++) {
			const struct tcell *v = table_cell(t, r, c);
			if (v->null) {
				sqlite3_bind_null(st, c + 1);
				continue;
			}
			switch (t->cols[c].type) {
			case COL_INT:
			case COL_TIME:
				sqlite3_bind_int64(st, c + 1, v->v.i);
				break;
			case COL_UINT:
				sqlite3_bind_int64(st, c + 1, (sqlite3_int64)v->v.u);
				break;
			case COL_DOUBLE:
				sqlite3_bind_double(st, c + 1, v->v.d);
				break;
			default:
				sqlite3_bind_text(st, c + 1, v->v.s, -1, SQLITE_STATIC);
				break;
			}
		}
		if (sqlite3_step(st) != SQLITE_DONE) {
			snprintf(err, n, "sqlite: %s", sqlite3_errmsg(o->db));
			rc = -1;
		}
	}
	sqlite3_finalize(st);
	free(sb.p);
	free(view.p);
	free(ins.p);
	return rc;
}

int table_sqlite_close(struct sqlite_out *o, char *err, size_t n)
{
	int rc = exec(o, "COMMIT;", err, n);
	if (sqlite3_close(o->db) != SQLITE_OK && !rc) {
		snprintf(err, n, "sqlite: close failed");
		rc = -1;
	}
	if (!rc && rename(o->tmp, o->path)) {
		snprintf(err, n, "cannot rename %s to %s", o->tmp, o->path);
		rc = -1;
	}
	if (rc)
		remove(o->tmp);
	free(o->tmp);
	free(o->path);
	free(o);
	return rc;
}
