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
	int *ids;	    /* registry ids (-1: unknown, prints empty) */
	int header;	    /* -E header=y */
	char separator;	    /* -E separator=/t|/s|c */
	char quote;	    /* -E quote=d|s|n -> '"', '\'', 0 */
	char occurrence;    /* -E occurrence=f|l|a */
	char aggregator;    /* -E aggregator=c */
};

/* Resolve names to ids and mark them wanted; returns the first unknown name or NULL. */
const char *fields_prepare(struct fields_opts *o);
void fields_header(FILE *out, const struct fields_opts *o);
void fields_packet(FILE *out, const struct fields_opts *o, const struct packet *pk);

/* The default one-line summary (No. Time Source Destination Protocol Length Info). */
void summary_packet(FILE *out, const struct packet *pk);

/* Column text as tshark builds it (for _ws.col.* and the summary). */
size_t column_text(const struct packet *pk, int col, char *buf, size_t n);
enum { COL_NO, COL_TIME, COL_SRC, COL_DST, COL_PROTO, COL_LEN, COL_INFO, COL_NCOLS };
extern int hf_ws_col_first;

#endif
