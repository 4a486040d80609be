/*
** fields.c -- tshark -T fields: one line per packet, -E options.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "format.h"
#include "output.h"

const char *fields_prepare(struct fields_opts *o)
{
	const char *unknown = NULL;
	o->ids = xcalloc((size_t)o->nfields, sizeof *o->ids);
	for (int i = 0; i < o->nfields; i++) {
		o->ids[i] = field_lookup(o->names[i]);
		if (o->ids[i] < 0 && !unknown)
			unknown = o->names[i];
		field_want(o->ids[i]);
	}
	return unknown;
}

static void put_quoted(FILE *out, char q, const char *s, size_t n)
{
	if (q)
		fputc(q, out);
	fwrite(s, 1, n, out);
	if (q)
		fputc(q, out);
}

void fields_header(FILE *out, const struct fields_opts *o)
{
	for (int i = 0; i < o->nfields; i++) {
		if (i)
			fputc(o->separator, out);
		put_quoted(out, o->quote, o->names[i], strlen(o->names[i]));
	}
	fputc('\n', out);
}

/* Large enough for the hex of a 64 KiB payload. */
static char valbuf[262144];

static void print_field(FILE *out, const struct fields_opts *o, const struct packet *pk, int id)
{
	if (id < 0)
		return;
	if (id >= hf_ws_col_first && id < hf_ws_col_first + COL_NCOLS) {
		size_t k = column_text(pk, id - hf_ws_col_first, valbuf, sizeof valbuf);
		put_quoted(out, o->quote, valbuf, k);
		return;
	}
	const struct fieldset *fs = pk->fs;
	int first = fs_first(fs, id);
	if (first < 0)
		return;
	int idx = first, printed = 0;
	if (o->occurrence == 'l')
		while (fs->items[idx].next_same >= 0)
			idx = fs->items[idx].next_same;
	if (o->quote)
		fputc(o->quote, out);
	for (; idx >= 0; idx = fs->items[idx].next_same) {
		if (printed)
			fputc(o->aggregator, out);
		size_t k = fv_to_str(&fs->items[idx], valbuf, sizeof valbuf);
		fwrite(valbuf, 1, k, out);
		printed = 1;
		if (o->occurrence != 'a')
			break;
	}
	if (o->quote)
		fputc(o->quote, out);
}

void fields_packet(FILE *out, const struct fields_opts *o, const struct packet *pk)
{
	for (int i = 0; i < o->nfields; i++) {
		if (i)
			fputc(o->separator, out);
		print_field(out, o, pk, o->ids[i]);
	}
	fputc('\n', out);
}
