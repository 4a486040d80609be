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
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/*
** How a column prints, decided once: the common types get an inline writer,
** the rest go through fv_to_str.  Every writer prints what fv_to_str would.
*/
enum {
	FK_NONE,    /* never a value (FID_EMPTY, FID_UNKNOWN) */
	FK_COL,     /* _ws.col.X */
	FK_GENERIC, /* fv_to_str */
	FK_DATA,    /* -e data: the bytes in hex */
	FK_UDEC,
	FK_IDEC,
	FK_HEX, /* | hex digits << 8 */
	FK_BOOL,
	FK_FRAMENUM,
	FK_IPV4,
	FK_IPV6,
	FK_TIME9, /* FT_RELATIVE_TIME (frame.time_epoch, frame.time_delta, ...) */
	FK_ONE,   /* FT_NONE: presence prints 1 */
	FK_HEX4   /* 16-bit hex (eth.type, tcp.flags): one dense switch without FK_HEX's width */
};

static int column_kind(int id)
{
	if (id <= FID_COL)
		return FK_COL;
	const struct field_def *d = field_get(id);
	if (!d)
		return FK_NONE;
	if (ftype_is_int(d->type)) {
		int b = d->base & BASE_MASK;
		if (b == BASE_HEX || b == BASE_HEX_DEC)
			return fmt_hex_width(d->type) == 4 ? FK_HEX4
							   : FK_HEX | fmt_hex_width(d->type) << 8;
		return d->type >= FT_INT8 ? FK_IDEC : FK_UDEC;
	}
	switch (d->type) {
	case FT_NONE:
		return FK_ONE;
	case FT_PROTOCOL:
		return strcmp(d->abbrev, "data") ? FK_GENERIC : FK_DATA;
	case FT_BOOLEAN:
		return FK_BOOL;
	case FT_FRAMENUM:
		return FK_FRAMENUM;
	case FT_IPv4:
		return FK_IPV4;
	case FT_IPv6:
		return FK_IPV6;
	case FT_RELATIVE_TIME:
		return FK_TIME9;
	default:
		return FK_GENERIC;
	}
}

/* The field a -e name prints, or a column's FID_* */
static int column_field(const char *name)
{
	int id = field_lookup(name);
	return id < 0 || !strncmp(name, "_ws.col.", 8) ? column_id(name) : id;
}

/*
** The columns' fields, unchained (field_want_unchained) when the lines walk
** the items (col_of); the column loop asks fs_first, and the engine renumbers
** tcp.stream and udp.stream through their chains (with more than one job).
*/
static void want_columns(const struct fields_opts *o)
{
	for (int i = 0; i < o->nfields; i++) {
		const char *n = o->names[i];
		int id = column_field(n);
		if (!o->col_of || !strcmp(n, "tcp.stream") || !strcmp(n, "udp.stream"))
			field_want(id);
		else
			field_want_unchained(id);
	}
}

/*
** Each prepared export's number, in the spare int after its ids: a line plan
** made for one export is never taken for another at the same address.
*/
static int export_serial;

const char *fields_prepare(struct fields_opts *o)
{
	const char *unknown = NULL;
	if (!o->ids) {
		/* one block: ids, kinds, then col_of (whoever frees ids frees them all) */
		size_t nint = 2 * (size_t)o->nfields + 1, nid = (size_t)field_count();
		o->ids = xcalloc(nint * sizeof *o->ids + nid, 1);
		o->kinds = o->ids + o->nfields + 1;
		for (int i = 0; i < o->nfields; i++)
			o->ids[i] = column_field(o->names[i]);
		o->ids[o->nfields] = ++export_serial; /* keys the line plans (plan_for) */
		/* tshark maps each name to its last column only */
		for (int i = 0; i < o->nfields; i++)
			for (int j = i + 1; j < o->nfields; j++)
				if (o->ids[i] != FID_UNKNOWN && !strcmp(o->names[i], o->names[j]))
					o->ids[i] = FID_EMPTY;
		for (int i = 0; i < o->nfields; i++)
			o->kinds[i] = column_kind(o->ids[i]);
		for (int i = 0; i < o->nfields; i++) {
			if (o->ids[i] >= 0 && o->ids[i] == field_lookup("tcp.stream"))
				o->stream_col[0] = i + 1;
			if (o->ids[i] >= 0 && o->ids[i] == field_lookup("udp.stream"))
				o->stream_col[1] = i + 1;
		}
		if (o->nfields < 64) {
			o->col_of = (uint8_t *)(o->ids + nint);
			o->ncol_of = (int)nid;
			for (int i = 0; i < o->nfields; i++) {
				if (o->kinds[i] == FK_COL)
					o->col_fixed |= 1ULL << i;
				else if (o->kinds[i] != FK_NONE && o->ids[i] < o->ncol_of)
					o->col_of[o->ids[i]] = (uint8_t)(i + 1);
			}
			/* a field in two columns (two names of one id) takes the column loop */
			for (int i = 0; i < o->nfields; i++)
				if (o->kinds[i] > FK_COL &&
				    (o->ids[i] < 0 || o->ids[i] >= o->ncol_of ||
				     o->col_of[o->ids[i]] != i + 1))
					o->col_of = NULL;
		}
		want_columns(o);
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

/*
** Room a value may take: the hex of a 64 KiB payload with separators.  Longer
** values are cut there, as they always were.
*/
#define VAL_MAX 262144

static void line_grow(struct fields_line *b, size_t n)
{
	size_t nc = b->cap ? b->cap : 4 * VAL_MAX;
	while (nc - b->len < n)
		nc *= 2;
	b->p = xrealloc(b->p, nc);
	b->cap = nc;
}

static inline void line_room(struct fields_line *b, size_t n)
{
	if (b->cap - b->len < n)
		line_grow(b, n);
}

/*
** The line's room is checked once a frame: `rest` bytes are always free for
** the fixed-size writes (FMT_NUM_MAX, two quotes and a separator a column);
** a value of unbounded size asks for its own room on top of that.
*/
static size_t line_rest(const struct fields_opts *o)
{
	return (size_t)o->nfields * (FMT_NUM_MAX + 3) + 1;
}

/* Room for n more bytes at q (a cursor into b); returns q, moved if b grew. */
static char *room_at(struct fields_line *b, char *q, size_t n)
{
	b->len = (size_t)(q - b->p);
	line_room(b, n);
	return b->p + b->len;
}

/*
** One value of a column whose kind is not FK_COL or FK_NONE, written at q;
** returns the end.  The writers keep a cursor in a register rather than
** b->len in memory: every byte store through b->p would reload it.
*/
static char *put_item(struct fields_line *b, char *q, int kind, const struct packet *pk,
		      const struct fitem *it, size_t rest)
{
	const struct fvalue *v = &it->val;
	switch (kind & 0xff) {
	case FK_DATA:
		q = room_at(b, q, VAL_MAX + rest);
		if (it->src == 0 && (uint64_t)it->pos + it->len <= pk->caplen)
			q += fmt_hex(q, VAL_MAX, pk->data + it->pos, it->len, 0);
		return q;
	case FK_UDEC:
		return q + fmt_u64(q, v->v.u);
	case FK_IDEC:
		return q + fmt_i64(q, v->v.i);
	case FK_HEX:
		return fmt_hexw_end(q, v->v.u, kind >> 8);
	case FK_HEX4:
		return fmt_hexw_end(q, v->v.u, 4);
	case FK_BOOL:
		*q = v->v.u ? '1' : '0';
		return q + 1;
	case FK_FRAMENUM:
		return q + fmt_u64(q, (uint32_t)v->v.u);
	case FK_IPV4:
		return v->v.b.n >= 4 ? fmt_ipv4_end(q, v->v.b.p) : q;
	case FK_IPV6:
		return q + fmt_ipv6(q, v->v.ip6);
	case FK_TIME9: {
		size_t k = fmt_time9(q, v->v.t.sec, v->v.t.nsec);
		if (!k) { /* an out-of-range nsec, printed as it is */
			q = room_at(b, q, 64 + rest);
			k = fmt_rel_time(q, 64, v->v.t.sec, v->v.t.nsec, 9);
		}
		return q + k;
	}
	case FK_ONE:
		*q = '1';
		return q + 1;
	default:
		q = room_at(b, q, VAL_MAX + rest);
		return q + fv_to_str(it, q, VAL_MAX);
	}
}

/*
** A relative time (frame.time_epoch) at q: consecutive frames mostly share
** their whole seconds, so that text is kept in b and copied; the fraction is
** nine digits.  What fmt_time9 prints; negative and odd times go through it.
*/
static inline char *put_time9(struct fields_line *b, char *q, const struct packet *pk,
			      const struct fitem *it, size_t rest)
{
	int64_t s = it->val.v.t.sec;
	int32_t ns = it->val.v.t.nsec;
	if (s < 0 || ns < 0 || ns >= 1000000000)
		return put_item(b, q, FK_TIME9, pk, it, rest);
	if (!b->tlen || b->tsec != s) {
		b->tsec = s;
		b->tlen = (uint8_t)fmt_u64(b->ttext, (uint64_t)s);
	}
	memcpy(q, b->ttext, sizeof b->ttext); /* a fixed size: fewer than FMT_NUM_MAX */
	q += b->tlen;
	*q++ = '.';
	fmt_frac9(q, (uint32_t)ns);
	return q + 9;
}

/* column_text(.., VAL_MAX) at q, without its snprintf for the common columns */
static char *put_column(char *q, const struct packet *pk, int col)
{
	const char *s;
	switch (col) {
	case COL_NO:
		return q + fmt_u64(q, pk->num);
	case COL_LEN:
		return q + fmt_u64(q, pk->len);
	case COL_PROTO: /* a short name on every frame: a byte loop costs less than two calls */
		s = pk->col_proto;
		if (s)
			for (const char *e = s + VAL_MAX - 1; *s && s < e;)
				*q++ = *s++;
		return q;
	case COL_INFO:
		s = pk->info;
		break;
	default:
		return q + column_text(pk, col, q, VAL_MAX);
	}
	size_t k = strnlen(s, VAL_MAX - 1);
	memcpy(q, s, k);
	return q + k;
}

/*
** A column's values under -E occurrence and quote, from its first occurrence
** idx, and the later ones when multi: found by their id, in the order of the
** chain fs_first would follow (an unchained field has none).
*/
static char *put_values(struct fields_line *b, char *q, const struct fields_opts *o,
			const struct packet *pk, int idx, int kind, int multi, size_t rest)
{
	const struct fitem *items = pk->fs->items;
	int n = multi ? pk->fs->n : 0, id = items[idx].id;
	if (o->occurrence == 'l')
		for (int j = idx + 1; j < n; j++)
			if (items[j].id == id)
				idx = j;
	if (o->quote)
		*q++ = o->quote;
	q = put_item(b, q, kind, pk, &items[idx], rest);
	if (o->occurrence == 'a')
		for (int j = idx + 1; j < n; j++) {
			if (items[j].id != id)
				continue;
			/* each further value takes room beyond the column's share */
			q = room_at(b, q, 1 + FMT_NUM_MAX + rest);
			*q++ = o->aggregator;
			q = put_item(b, q, kind, pk, &items[j], rest);
		}
	if (o->quote)
		*q++ = o->quote;
	return q;
}

/*
** How a frame's field column prints, fixed for the whole export: through
** put_values (quotes, or every occurrence), inline, or inline when the field
** occurs once in the frame (-E occurrence=a or l without quotes, the users'
** default: most fields have one value, printed as with occurrence=f).
*/
enum { OCC_VALUES, OCC_FIRST, OCC_SINGLE };

static int occ_mode(const struct fields_opts *o)
{
	if (o->quote)
		return OCC_VALUES;
	return o->occurrence == 'f' ? OCC_FIRST : OCC_SINGLE;
}

/*
** IPv6 addresses' text, by address: its RFC 5952 form takes a few hundred
** instructions, and a capture's IPv6 frames come from a few hosts.  Direct
** mapped by the last bytes (a host part); per thread, as any thread formats.
*/
struct v6_text {
	uint8_t a[16];
	uint8_t len; /* 0: empty (every address's text has two bytes or more) */
	char text[47];
};
static _Thread_local struct v6_text v6_texts[16];

/*
** fmt_ipv6 at q through v6_texts; returns the end (the column's room takes the
** text's 47 bytes).  Out of line: in put_field it would keep format_present
** from being inlined, which costs every frame more than the call costs these.
*/
static __attribute__((noinline)) char *put_ipv6(char *q, const uint8_t *a)
{
	struct v6_text *e = &v6_texts[(a[15] ^ a[14]) & 15];
	if (!e->len || memcmp(e->a, a, 16)) {
		memcpy(e->a, a, 16);
		e->len = (uint8_t)fmt_ipv6(e->text, a);
	}
	memcpy(q, e->text, sizeof e->text);
	return q + e->len;
}

/*
** Column i of a frame whose value (a field's) is *it, the first occurrence
** (more follow when multi); returns the end.  The commonest kinds without a
** call.
*/
static inline __attribute__((always_inline)) char *
put_field(struct fields_line *b, char *q, const struct fields_opts *o, const struct packet *pk,
	  const struct fitem *items, int kind, const struct fitem *it, int mode, int multi,
	  size_t rest)
{
	if (mode == OCC_VALUES || (mode == OCC_SINGLE && multi))
		return put_values(b, q, o, pk, (int)(it - items), kind, multi, rest);
	uint64_t u = it->val.v.u;
	if (kind == FK_UDEC) /* most columns: one test rather than the switch's jump */
		return u >> 32 ? q + fmt_u64(q, u) : fmt_dec32(q, (uint32_t)u);
	switch (kind) {
	case FK_FRAMENUM:
		return fmt_dec32(q, (uint32_t)u);
	case FK_BOOL:
		*q = u ? '1' : '0';
		return q + 1;
	case FK_ONE:
		*q = '1';
		return q + 1;
	case FK_TIME9:
		return put_time9(b, q, pk, it, rest);
	case FK_HEX4:
		return fmt_hexw_end(q, u, 4);
	case FK_IPV4:
		return it->val.v.b.n >= 4 ? fmt_ipv4_end(q, it->val.v.b.p) : q;
	case FK_IPV6:
		return put_ipv6(q, it->val.v.ip6);
	default:
		return put_item(b, q, kind, pk, it, rest);
	}
}

/* a _ws.col.X column */
static char *put_col(struct fields_line *b, char *q, const struct fields_opts *o,
		     const struct packet *pk, int id, size_t rest)
{
	q = room_at(b, q, VAL_MAX + rest);
	if (o->quote)
		*q++ = o->quote;
	q = put_column(q, pk, FID_COL - id);
	if (o->quote)
		*q++ = o->quote;
	return q;
}

/*
** A _ws.col.X column, the Protocol one (a short name on every frame) inline:
** copied in the column's share of the line's room, FMT_NUM_MAX bytes; a
** longer name starts over through put_col.
*/
static inline char *put_col_short(struct fields_line *b, char *q, const struct fields_opts *o,
				  const struct packet *pk, int id, size_t rest)
{
	if (id != FID_COL - COL_PROTO || o->quote)
		return put_col(b, q, o, pk, id, rest);
	const char *s = pk->col_proto;
	if (!s)
		return q;
	for (int i = 0; i < FMT_NUM_MAX; i++) {
		if (!s[i])
			return q + i;
		q[i] = s[i];
	}
	return put_col(b, q, o, pk, id, rest);
}

/* n >= 0 separators at q; writes 8 bytes at a time (the line's rest has room) */
static char *put_seps_long(char *q, uint64_t seps8, int n)
{
	for (;;) {
		memcpy(q, &seps8, 8);
		if (n <= 8)
			return q + n;
		q += 8;
		n -= 8;
	}
}
static inline char *put_seps(char *q, uint64_t seps8, int n)
{
	if (n > 8)
		return put_seps_long(q, seps8, n);
	memcpy(q, &seps8, 8);
	return q + n;
}

/*
** The line of a frame through its present columns only: one walk over the
** frame's items (only wanted fields are stored, most of them printed) makes
** the bit mask of columns with a value and each one's first occurrence; the
** empty columns between two present ones cost a store of separators.  Items
** are walked backwards so the first occurrence is the last one written.
*/
/* b->mark: a stream column's cell, for fields_patch_streams */
static void mark_cell(struct fields_line *b, size_t off, size_t end, int udp)
{
	if (b->ncells == b->cellcap) {
		b->cellcap = b->cellcap ? 2 * b->cellcap : 1024;
		b->cells = xrealloc(b->cells, b->cellcap * sizeof *b->cells);
	}
	b->cells[b->ncells++] = (struct fields_cell){(uint32_t)off, (uint32_t)end, udp};
}

/*
** A stream column's values, noted for fields_patch_streams (b->mark): out of
** line, so that format_present's loop, which inlines put_field, stays as lean
** as without it.
*/
static __attribute__((noinline)) char *put_stream_field(struct fields_line *b, char *q,
							const struct fields_opts *o,
							const struct packet *pk,
							const struct fitem *items, int kind,
							const struct fitem *it, int multi, int udp)
{
	size_t off = (size_t)(q - b->p);
	q = put_field(b, q, o, pk, items, kind, it, occ_mode(o), multi, line_rest(o));
	mark_cell(b, off, (size_t)(q - b->p), udp);
	return q;
}

/*
** A frame's line as steps, one a printed column: most frames of an export
** store the same wanted fields in the same order, so the line's shape (which
** columns print, from which item, after how many separators) is kept from the
** frame before and taken again when the item ids match, which costs less than
** the walk that finds the shape.  A plan is per thread (any thread formats).
*/
#define PLAN_ITEMS 48 /* longer frames are planned each time, not kept */

struct plan_step {
	int32_t idx;  /* the column's first item */
	uint8_t kind; /* FK_* put_field prints as a single value, PK_PROTO, or PK_SLOW */
	uint8_t seps; /* separators before it */
	uint8_t col;
};
enum { PK_PROTO = 0xfe, PK_SLOW = 0xff }; /* PK_PROTO: _ws.col.Protocol, put_col_short's */

struct line_plan {
	int serial; /* the export's (fields_prepare), 0: none kept */
	int n;      /* items, -1 when they are not kept */
	uint8_t mode, mark;
	int nsteps, tail; /* tail: separators after the last step */
	uint64_t dup;
	int32_t ids[PLAN_ITEMS];
	struct plan_step steps[64];
};
/* two kept: a capture's frames often alternate between two shapes (the two directions of a flow) */
static _Thread_local struct line_plan plans[2];
static _Thread_local int plan_last; /* the one the frame before took */

/* Does the kept plan fit this frame?  Its items' ids, in order, are the key. */
static inline int plan_fits(const struct line_plan *p, const struct fitem *items, int n, int serial,
			    int mode, int mark)
{
	if (p->serial != serial || p->n != n || p->mode != mode || p->mark != mark)
		return 0;
	int i = n & 1; /* two a step: the loop's own cost is most of a compare's */
	if (i && items[0].id != p->ids[0])
		return 0;
	for (; i < n; i += 2)
		if ((items[i].id ^ p->ids[i]) | (items[i + 1].id ^ p->ids[i + 1]))
			return 0;
	return 1;
}

/*
** The plan of a frame from its walk: first[c + 1] is column c's first item,
** m the printed columns, dup those with more than one value.
*/
static void plan_make(struct line_plan *p, const struct fields_opts *o, const struct fitem *items,
		      int n, const struct fitem *const *first, uint64_t m, uint64_t dup, int serial,
		      int mode, int mark)
{
	int tcol = o->stream_col[0] - 1, ucol = o->stream_col[1] - 1, at = 0, k = 0;
	while (m) {
		int c = __builtin_ctzll(m), kind = o->kinds[c];
		m &= m - 1;
		struct plan_step *s = &p->steps[k++];
		s->idx = kind == FK_COL ? 0 : (int32_t)(first[c + 1] - items);
		s->seps = (uint8_t)(c - at);
		s->col = (uint8_t)c;
		int slow = kind == FK_COL || kind > 0xff || (mark && (c == tcol || c == ucol)) ||
			   mode == OCC_VALUES || (mode == OCC_SINGLE && (dup >> c & 1));
		if (kind == FK_COL && o->ids[c] == FID_COL - COL_PROTO)
			s->kind = PK_PROTO;
		else
			s->kind = (uint8_t)(slow ? PK_SLOW : kind);
		at = c;
	}
	p->nsteps = k;
	p->tail = o->nfields - 1 - at;
	p->dup = dup;
	p->serial = serial;
	p->mode = (uint8_t)mode;
	p->mark = (uint8_t)mark;
	p->n = n <= PLAN_ITEMS ? n : -1;
	if (p->n >= 0)
		for (int i = 0; i < n; i++)
			p->ids[i] = items[i].id;
}

/*
** The plan for this frame: the kept one, or one made by walking its items
** (backwards, so the first occurrence is the last one written).
*/
static const struct line_plan *plan_for(const struct fields_opts *o, const struct fieldset *fs,
					int mode, int mark)
{
	const struct fitem *items = fs->items;
	int n = fs->n, serial = o->ids[o->nfields];
	struct line_plan *p = &plans[plan_last];
	if (plan_fits(p, items, n, serial, mode, mark))
		return p;
	plan_last ^= 1; /* the other plan, fitting or made again */
	p = &plans[plan_last];
	if (plan_fits(p, items, n, serial, mode, mark))
		return p;
	const uint8_t *col_of = o->col_of;
	unsigned ncol = (unsigned)o->ncol_of;
	const struct fitem *first[64 + 1]; /* by column + 1; [0] takes the items of no column */
	/* dup: the columns with more than one value (the items are unchained: want_columns) */
	uint64_t m = 0, dup = 0;
	for (const struct fitem *it = items + n; it != items;) {
		--it; /* not in the test: a frame without items may have items == NULL */
		unsigned id = (unsigned)it->id;
		unsigned c = id < ncol ? col_of[id] : 0;
		first[c] = it;
		dup |= m & 1ULL << c;
		m |= 1ULL << c;
	}
	plan_make(p, o, items, n, first, m >> 1 | o->col_fixed, dup >> 1, serial, mode, mark);
	return p;
}

/*
** A step put_field does not print as a single value: a _ws.col.X, a stream
** column whose cell is noted, a column of several values or under quotes.
*/
static __attribute__((noinline)) char *
put_step_slow(struct fields_line *b, char *q, const struct fields_opts *o, const struct packet *pk,
	      const struct fitem *items, const struct plan_step *s, uint64_t dup, int mode,
	      size_t rest)
{
	int c = s->col, kind = o->kinds[c];
	if (kind == FK_COL)
		return put_col_short(b, q, o, pk, o->ids[c], rest);
	int multi = dup >> c & 1;
	if (b->mark && (c == o->stream_col[0] - 1 || c == o->stream_col[1] - 1))
		return put_stream_field(b, q, o, pk, items, kind, items + s->idx, multi,
					c == o->stream_col[1] - 1);
	return put_field(b, q, o, pk, items, kind, items + s->idx, mode, multi, rest);
}

static inline __attribute__((always_inline)) char *format_present_(const struct fields_opts *o,
								   const struct packet *pk,
								   struct fields_line *b, char *q,
								   size_t rest, int mode)
{
	const struct fitem *items = pk->fs->items;
	const struct line_plan *p = plan_for(o, pk->fs, mode, b->mark);
	uint64_t seps8 = 0x0101010101010101ULL * (uint8_t)o->separator;
	for (const struct plan_step *s = p->steps, *e = s + p->nsteps; s != e; s++) {
		q = put_seps(q, seps8, s->seps); /* none before the first column */
		if (s->kind < PK_PROTO)
			q = put_field(b, q, o, pk, items, s->kind, items + s->idx, OCC_FIRST, 0,
				      rest);
		else if (s->kind == PK_PROTO)
			q = put_col_short(b, q, o, pk, FID_COL - COL_PROTO, rest);
		else
			q = put_step_slow(b, q, o, pk, items, s, p->dup, mode, rest);
	}
	/* none when the last column printed: its 8-byte store would pass the line's room */
	return p->tail > 0 ? put_seps(q, seps8, p->tail) : q;
}

/*
** A copy for each -E occurrence and quote way, so that the loop does not
** test them column by column; the usual ones first.
*/
static char *format_present(const struct fields_opts *o, const struct packet *pk,
			    struct fields_line *b, char *q, size_t rest)
{
	int mode = occ_mode(o);
	if (mode == OCC_FIRST)
		return format_present_(o, pk, b, q, rest, OCC_FIRST);
	if (mode == OCC_SINGLE)
		return format_present_(o, pk, b, q, rest, OCC_SINGLE);
	return format_present_(o, pk, b, q, rest, OCC_VALUES);
}

void fields_format(const struct fields_opts *o, const struct packet *pk, struct fields_line *b)
{
	/* the frames this fieldset holds next need no chains for the columns (want_columns) */
	if (!pk->fs->unchain && !pk->fs->want_all)
		pk->fs->unchain = FIELD_WANT_UNCHAINED;
	size_t rest = line_rest(o);
	line_room(b, rest);
	char *q = b->p + b->len;
	if (o->col_of) {
		q = format_present(o, pk, b, q, rest);
		*q++ = '\n';
		b->len = (size_t)(q - b->p);
		return;
	}
	/*
	** Locals, not o-> and fs-> reads: each byte stored through q may alias
	** them, so the compiler would reload every one for every column.
	*/
	const struct fieldset *fs = pk->fs;
	const struct fs_occ *occ = fs->occ;
	uint32_t gen = fs->gen;
	int nids = fs->nids, nf = o->nfields;
	const int *ids = o->ids, *kinds = o->kinds;
	char sep = o->separator;
	int mode = occ_mode(o);
	/* by id: two names of one field print in two columns here */
	int tid = b->mark && o->stream_col[0] ? ids[o->stream_col[0] - 1] : FID_UNKNOWN;
	int uid = b->mark && o->stream_col[1] ? ids[o->stream_col[1] - 1] : FID_UNKNOWN;
	/* each column ends with the separator; the line's last one becomes the newline */
	for (int i = 0; i < nf; *q++ = sep, i++) {
		int kind = kinds[i], id = ids[i];
		if (kind <= FK_COL) { /* one test for both rare kinds */
			if (kind == FK_COL)
				q = put_col(b, q, o, pk, id, rest);
			continue;
		}
		/* fs_first, with the fieldset's arrays in registers */
		if (id >= nids || occ[id].stamp != gen)
			continue;
		size_t off = (size_t)(q - b->p);
		const struct fitem *it = &fs->items[occ[id].first];
		q = put_field(b, q, o, pk, fs->items, kind, it, mode, it->next_same >= 0, rest);
		if (id == tid || id == uid)
			mark_cell(b, off, (size_t)(q - b->p), id == uid);
	}
	if (nf)
		q--;
	*q++ = '\n';
	b->len = (size_t)(q - b->p);
}

/* Each run of digits in text [at, end) through map, written at q with what lies between. */
static char *patch_cell(char *q, const char *text, size_t at, size_t end, int udp,
			fields_stream_map map, void *arg)
{
	while (at < end) {
		char c = text[at];
		if (c < '0' || c > '9') {
			*q++ = c;
			at++;
			continue;
		}
		size_t e = at;
		uint64_t n = 0;
		for (; e < end && text[e] >= '0' && text[e] <= '9'; e++)
			n = n < UINT32_MAX ? n * 10 + (uint64_t)(text[e] - '0') : n;
		uint32_t g = n < UINT32_MAX ? map(arg, udp, (uint32_t)n) : UINT32_MAX;
		if (g == UINT32_MAX) {
			memcpy(q, text + at, e - at);
			q += e - at;
		} else {
			q = fmt_dec32(q, g);
		}
		at = e;
	}
	return q;
}

size_t fields_patch_streams(struct fields_line *out, const char *text, size_t from, size_t len,
			    const struct fields_cell *cells, size_t ncells, fields_stream_map map,
			    void *arg)
{
	size_t end = from + len, k = 0, celllen = 0;
	for (; k < ncells && cells[k].off < end; k++)
		celllen += cells[k].end - cells[k].off;
	/* a number of one digit or more becomes at most 10 */
	line_room(out, len + 9 * celllen);
	char *q = out->p + out->len;
	size_t at = from;
	for (size_t i = 0; i < k; i++) {
		memcpy(q, text + at, cells[i].off - at);
		q += cells[i].off - at;
		q = patch_cell(q, text, cells[i].off, cells[i].end, cells[i].udp, map, arg);
		at = cells[i].end;
	}
	memcpy(q, text + at, end - at);
	out->len = (size_t)(q + (end - at) - out->p);
	return k;
}

/*
** Lines are assembled in memory and written with one fwrite: per-value stdio
** calls cost more than formatting the values.  With o->batch they are written
** BATCH bytes at a time (fields_flush writes the rest); without it, once a
** frame, which keeps the order with anything else a frame prints (Lua's print).
*/
#define BATCH 65536
static struct fields_line line;

/*
** A full batch goes to the descriptor itself: through stdio it would be
** copied once more into the stream's buffer.  The stream is flushed first
** (the header), and stdio's behaviour on a failed write is kept: the bytes
** are dropped, and a closed pipe raises SIGPIPE either way.
*/
static void write_batch(FILE *out)
{
	int fd = fileno(out);
	if (fd < 0 || fflush(out)) {
		fields_flush(out);
		return;
	}
	const char *p = line.p;
	size_t n = line.len;
	while (n) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		p += k;
		n -= (size_t)k;
	}
	line.len = 0;
}

void fields_packet(FILE *out, const struct fields_opts *o, const struct packet *pk)
{
	fields_format(o, pk, &line);
	if (line.len >= BATCH && o->batch)
		write_batch(out);
	else if (!o->batch)
		fields_flush(out);
}

void fields_flush(FILE *out)
{
	if (line.len)
		fwrite(line.p, 1, line.len, out);
	line.len = 0;
}
