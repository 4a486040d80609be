/*
** fields.c -- tshark -T fields: one line per packet, -E options.
**
** Quirks of tshark 4.0 kept on purpose (each checked against it):
**  - a field given twice with -e prints only in its last column;
**  - -e _ws.col.<anything> is accepted; titles that are not default columns
**    print nothing;
**  - an absent field is empty even with -E quote (no quotes), values are
**    never escaped for the quote character;
**  - the header row is never quoted;
**  - -e data prints the data bytes in hex, like a bytes field.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "format.h"
#include "output.h"

const char *const column_titles[COL_NCOLS] = {"No.",      "Time",   "Source", "Destination",
					      "Protocol", "Length", "Info"};

static int column_id(const char *name)
{
	static const char pre[] = "_ws.col.";
	if (strncmp(name, pre, sizeof pre - 1) != 0)
		return FID_UNKNOWN;
	name += sizeof pre - 1;
	for (int c = 0; c < COL_NCOLS; c++)
		if (!strcmp(name, column_titles[c]))
			return FID_COL - c;
	return FID_EMPTY;
}

const char *fields_prepare(struct fields_opts *o)
{
	const char *unknown = NULL;
	if (!o->ids) {
		o->ids = xcalloc((size_t)o->nfields + 1, sizeof *o->ids);
		for (int i = 0; i < o->nfields; i++) {
			int id = field_lookup(o->names[i]);
			if (id < 0 || !strncmp(o->names[i], "_ws.col.", 8))
				id = column_id(o->names[i]);
			o->ids[i] = id;
			field_want(id);
		}
		/* tshark maps each name to its last column only */
		for (int i = 0; i < o->nfields; i++)
			for (int j = i + 1; j < o->nfields; j++)
				if (o->ids[i] != FID_UNKNOWN && !strcmp(o->names[i], o->names[j]))
					o->ids[i] = FID_EMPTY;
	}
	for (int i = 0; i < o->nfields; i++)
		if (o->ids[i] == FID_UNKNOWN && !unknown)
			unknown = o->names[i];
	return unknown;
}

void fields_report_unknown(FILE *err, const struct fields_opts *o)
{
	fputs("tshark: Some fields aren't valid:\n", err);
	for (int i = o->nfields - 1; i >= 0; i--)
		if (o->ids[i] == FID_UNKNOWN)
			fprintf(err, "\t%s\n", o->names[i]);
}

int fields_want_cols(const struct fields_opts *o)
{
	for (int i = 0; i < o->nfields; i++)
		if (o->ids && o->ids[i] <= FID_COL)
			return 1;
	return 0;
}

int fields_want_info(const struct fields_opts *o)
{
	for (int i = 0; i < o->nfields; i++)
		if (o->ids && o->ids[i] == FID_COL - COL_INFO)
			return 1;
	return 0;
}

/* fields dissected before TCP's payload, or TCP's own up to tcp.stream */
static int before_tcp_payload(const char *n)
{
	static const char *const pre[] = {"frame.", "eth.", "ip.", "ipv6.", "udp."};
	static const char *const tcp[] = {"tcp.srcport", "tcp.dstport", "tcp.port", "tcp.stream"};
	if (!strcmp(n, "frame.protocols")) /* lists the application protocols */
		return 0;
	for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
		if (!strncmp(n, pre[i], strlen(pre[i])))
			return 1;
	for (size_t i = 0; i < sizeof tcp / sizeof tcp[0]; i++)
		if (!strcmp(n, tcp[i]))
			return 1;
	return 0;
}

int fields_app_blind(const struct fields_opts *o)
{
	for (int i = 0; i < o->nfields; i++)
		if (!before_tcp_payload(o->names[i]))
			return 0;
	return 1;
}

void fields_header(FILE *out, const struct fields_opts *o)
{
	if (o->bom)
		fputs("\xef\xbb\xbf", out);
	if (!o->header)
		return;
	for (int i = 0; i < o->nfields; i++) {
		if (i)
			fputc(o->separator, out);
		fputs(o->names[i], out);
	}
	fputc('\n', out);
}

/* Large enough for the hex of a 64 KiB payload with separators. */
static char valbuf[262144];

/*
** The line is assembled here and written with one fwrite: per-character
** stdio calls cost more than formatting the values.
*/
static char line[1 << 16];
static size_t line_len;

static void line_flush(FILE *out)
{
	if (line_len)
		fwrite(line, 1, line_len, out);
	line_len = 0;
}

static void line_put(FILE *out, const char *s, size_t n)
{
	if (line_len + n > sizeof line) {
		line_flush(out);
		if (n > sizeof line) {
			fwrite(s, 1, n, out);
			return;
		}
	}
	memcpy(line + line_len, s, n);
	line_len += n;
}

static void line_putc(FILE *out, char c)
{
	if (line_len == sizeof line)
		line_flush(out);
	line[line_len++] = c;
}

static size_t item_text(const struct packet *pk, const struct fitem *it)
{
	const struct field_def *d = field_get(it->id);
	if (d && d->type == FT_PROTOCOL && !strcmp(d->abbrev, "data")) {
		if (it->src != 0 || (uint64_t)it->pos + it->len > pk->caplen)
			return valbuf[0] = 0, 0;
		return fmt_hex(valbuf, sizeof valbuf, pk->data + it->pos, it->len, 0);
	}
	return fv_to_str(it, valbuf, sizeof valbuf);
}

static void print_field(FILE *out, const struct fields_opts *o, const struct packet *pk, int id)
{
	if (id <= FID_COL) {
		size_t k = column_text(pk, FID_COL - id, valbuf, sizeof valbuf);
		if (o->quote)
			line_putc(out, o->quote);
		line_put(out, valbuf, k);
		if (o->quote)
			line_putc(out, o->quote);
		return;
	}
	if (id < 0)
		return;
	const struct fieldset *fs = pk->fs;
	int idx = fs_first(fs, id);
	if (idx < 0)
		return;
	if (o->occurrence == 'l')
		while (fs->items[idx].next_same >= 0)
			idx = fs->items[idx].next_same;
	if (o->quote)
		line_putc(out, o->quote);
	for (int printed = 0; idx >= 0; idx = fs->items[idx].next_same) {
		if (printed)
			line_putc(out, o->aggregator);
		size_t k = item_text(pk, &fs->items[idx]);
		line_put(out, valbuf, k);
		printed = 1;
		if (o->occurrence != 'a')
			break;
	}
	if (o->quote)
		line_putc(out, o->quote);
}

void fields_packet(FILE *out, const struct fields_opts *o, const struct packet *pk)
{
	for (int i = 0; i < o->nfields; i++) {
		if (i)
			line_putc(out, o->separator);
		print_field(out, o, pk, o->ids[i]);
	}
	line_putc(out, '\n');
	line_flush(out);
}
