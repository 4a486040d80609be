/*
** output.h -- per-packet writers: tshark's one-line summary and -T fields.
*/
#ifndef WS_OUTPUT_H
#define WS_OUTPUT_H

#include <stdio.h>

#include "../dissect/packet.h"

struct fields_opts {
	int nfields;
	const char **names; /* as given to -e */
	int *ids;           /* FID_* below or a registry id */
	int *kinds;         /* per column, how its values print (fields.c); in ids' allocation */
	/*
	** per field id below ncol_of: its column + 1, 0 for none; in ids' allocation.
	** Set when nfields < 64: a frame's present columns are then one bit mask.
	*/
	uint8_t *col_of;
	int ncol_of;
	uint64_t col_fixed; /* the columns that always print (_ws.col.X) */
	int header;         /* -E header=y */
	int bom;            /* -E bom=y */
	char separator;     /* -E separator=/t|/s|c */
	char quote;         /* -E quote=d|s|n -> '"', '\'', 0 */
	char occurrence;    /* -E occurrence=f|l|a */
	char aggregator;    /* -E aggregator=c */
	int batch;          /* lines may wait for fields_flush (nothing else prints per frame) */
	int stream_col[2];  /* the column + 1 printing tcp.stream, udp.stream; 0: none */
};

/* Special values of fields_opts.ids[i]. */
enum {
	FID_UNKNOWN = -1, /* not a field: a usage error */
	FID_EMPTY = -2,   /* valid but never has a value (unknown _ws.col.X, a repeated -e) */
	FID_COL = -100    /* FID_COL - COL_x: a column */
};

/*
** Resolve names to ids and mark them wanted; returns the first unknown name
** or NULL.  Calling it again does nothing.
*/
const char *fields_prepare(struct fields_opts *o);
/* tshark's "Some fields aren't valid" message (the names in reverse order). */
void fields_report_unknown(FILE *err, const struct fields_opts *o);
/* Does any -e name a column (so the dissectors must build the columns)? */
int fields_want_cols(const struct fields_opts *o);
/* Does any -e name the Info column?  Building Info is most of the columns' cost. */
int fields_want_info(const struct fields_opts *o);
/* Are all -e fields ones TCP's application layer cannot touch (dissect/tcp_lean.h)? */
int fields_app_blind(const struct fields_opts *o);
void fields_header(FILE *out, const struct fields_opts *o);
void fields_packet(FILE *out, const struct fields_opts *o, const struct packet *pk);
/* Write the lines fields_packet kept back (o->batch); before anything else is printed. */
void fields_flush(FILE *out);

/* Where a line shows tcp.stream (udp 0) or udp.stream (udp 1): bytes [off, end) of the text. */
struct fields_cell {
	uint32_t off, end;
	int udp;
};

/* A growing text buffer; fields_format appends to it. */
struct fields_line {
	char *p;
	size_t len, cap;
	/* the last time's whole seconds as text: consecutive frames share them */
	int64_t tsec;
	uint8_t tlen; /* 0: nothing kept */
	char ttext[23];
	/*
	** mark: fields_format notes its stream columns' cells, so that another
	** thread can put other stream numbers in (fields_patch_streams).
	*/
	int mark;
	struct fields_cell *cells;
	size_t ncells, cellcap;
};
/*
** Append pk's line ('\n' included) to b: a pure function of (o, pk, b), so any
** thread may format a frame once fields_prepare has run.
*/
void fields_format(const struct fields_opts *o, const struct packet *pk, struct fields_line *b);
/*
** Append text's bytes [from, from + len) to out, every number inside a cell
** replaced by map(arg, cell's udp, number) unless that is UINT32_MAX (kept as
** it was).  cells are sorted; the ones starting before from + len are used:
** returns how many.
*/
typedef uint32_t (*fields_stream_map)(void *arg, int udp, uint32_t n);
size_t fields_patch_streams(struct fields_line *out, const char *text, size_t from, size_t len,
			    const struct fields_cell *cells, size_t ncells, fields_stream_map map,
			    void *arg);

/* The default one-line summary (No. Time Source Destination Protocol Length Info). */
void summary_packet(FILE *out, const struct packet *pk);
/* The same line appended to b: for any thread. */
void summary_format(const struct packet *pk, struct fields_line *b);

/* Column text as tshark builds it (for _ws.col.* and the summary). */
size_t column_text(const struct packet *pk, int col, char *buf, size_t n);
enum { COL_NO, COL_TIME, COL_SRC, COL_DST, COL_PROTO, COL_LEN, COL_INFO, COL_NCOLS };
/* Column titles of tshark's default layout, as -e _ws.col.<title> names them. */
extern const char *const column_titles[COL_NCOLS];
extern int hf_ws_col_first;

#endif
