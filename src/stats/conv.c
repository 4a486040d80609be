/*
** conv.c -- -z conv,<type>[,<filter>]: conversations between two endpoints.
*/
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "../dissect/tcp_lean.h"
#include "../output/format.h"
#include "numfmt.h"
#include "stats_int.h"
#include "taprec.h"

struct conv_key {
	struct address lo, hi; /* the two ends, ordered so either direction finds the row */
	uint16_t plo, phi;
	uint32_t id;
	uint32_t part; /* threads: the worker whose local tcp/udp.stream id is */
};

struct conv_rec {
	struct conv_key key;
	struct address a; /* source of the first frame: the left column */
	uint16_t pa;
	uint8_t a_is_lo; /* A is the key's lo end (both, when the ends are equal) */
	uint32_t ab_frames, ba_frames;
	uint64_t ab_bytes, ba_bytes;
	int64_t first_ns, last_ns;
	int64_t first_abs_sec; /* absolute time of first_ns, for -t a/ad/e */
	int32_t first_abs_nsec;
	uint32_t first_num; /* the frame that made the row: stats_merge's order */
};

struct conv {
	enum conv_type type;
	char *filter_text;
	struct zfilter filter;
	struct htab tab;
	/*
	 * TCP and UDP rows by stream id (row index + 1): a frame's row is found
	 * with one array read and the key compare it needs anyway, instead of a
	 * hash and a probe that miss the cache on hundreds of thousands of rows.
	 * Only a hint: a key that does not match goes through the hash.
	 */
	uint32_t *by_id;
	int32_t nby_id;
	int direct; /* taprec_direct */
};

static struct conv_rec *find(struct conv *cv, const struct conv_key *k, int *isnew)
{
	int ids = cv->type == CT_TCP || cv->type == CT_UDP;
	if (ids && (int64_t)k->id < cv->nby_id && cv->by_id[k->id]) {
		struct conv_rec *c = htab_rec(&cv->tab, cv->by_id[k->id] - 1);
		if (!memcmp(&c->key, k, sizeof *k)) {
			*isnew = 0;
			return c;
		}
	}
	struct conv_rec *c = htab_get(&cv->tab, k, isnew);
	if (ids && k->id < (uint32_t)INT32_MAX - 1) {
		if ((int32_t)k->id >= cv->nby_id) {
			int32_t old = cv->nby_id, cap = old;
			xgrow(&cv->by_id, &cap, (int32_t)k->id + 1, sizeof *cv->by_id);
			memset(cv->by_id + old, 0, (size_t)(cap - old) * sizeof *cv->by_id);
			cv->nby_id = cap;
		}
		cv->by_id[k->id] =
		    (uint32_t)(((uint8_t *)c - cv->tab.recs) / (ptrdiff_t)sizeof *c) + 1;
	}
	return c;
}

static int end_cmp(const struct address *a, uint16_t pa, const struct address *b, uint16_t pb)
{
	int c = addr_cmp(a, b);
	if (c)
		return c;
	return pa < pb ? -1 : pa > pb;
}

/* an endpoint's address and port against a row's: addresses are zero-padded (addr_set) */
static int end_eq(const struct address *a, uint16_t pa, const struct address *b, uint16_t pb)
{
	_Static_assert(sizeof *a == 18, "type, len and 16 bytes");
	uint64_t x0, x1, y0, y1;
	uint16_t x2, y2;
	memcpy(&x0, a, 8), memcpy(&x1, (const uint8_t *)a + 8, 8), memcpy(&x2, a->a + 14, 2);
	memcpy(&y0, b, 8), memcpy(&y1, (const uint8_t *)b + 8, 8), memcpy(&y2, b->a + 14, 2);
	return pa == pb && !((x0 ^ y0) | (x1 ^ y1) | (uint16_t)(x2 ^ y2));
}

/*
** The row of stream id `id`, when it is the row of this record's key: the
** key is its two ends in either order (find's hint, without building the
** key).  *fwd tells which: 1 when src is the key's lo end.
*/
static struct conv_rec *by_stream(const struct conv *cv, const struct address *src,
				  const struct address *dst, uint16_t sport, uint16_t dport,
				  uint32_t id, int *fwd)
{
	if ((int64_t)id >= cv->nby_id || !cv->by_id[id])
		return NULL;
	struct conv_rec *c = htab_rec(&cv->tab, cv->by_id[id] - 1);
	const struct conv_key *k = &c->key;
	if (k->id != id || k->part)
		return NULL;
	if (end_eq(src, sport, &k->lo, k->plo) && end_eq(dst, dport, &k->hi, k->phi)) {
		*fwd = 1;
		return c;
	}
	if (end_eq(src, sport, &k->hi, k->phi) && end_eq(dst, dport, &k->lo, k->plo)) {
		*fwd = 0;
		return c;
	}
	return NULL;
}

/* A frame in its row, from A (ab) or to it. */
static inline void add_frame(struct conv_rec *c, const struct packet *pk, int64_t t, int ab)
{
	if (ab) {
		c->ab_frames++;
		c->ab_bytes += pk->len;
	} else {
		c->ba_frames++;
		c->ba_bytes += pk->len;
	}
	/* frames can go back in time: tshark keeps the earliest and the latest */
	if (t < c->first_ns) {
		c->first_ns = t;
		c->first_abs_sec = pk->sec;
		c->first_abs_nsec = pk->nsec;
	}
	if (t > c->last_ns)
		c->last_ns = t;
}

/* 18 bytes (an address) at a and b alike: word loads, no call */
static inline int same18(const void *a, const void *b)
{
	uint64_t x0, x1, y0, y1;
	uint16_t x2, y2;
	memcpy(&x0, a, 8), memcpy(&x1, (const uint8_t *)a + 8, 8),
	    memcpy(&x2, (const uint8_t *)a + 16, 2);
	memcpy(&y0, b, 8), memcpy(&y1, (const uint8_t *)b + 8, 8),
	    memcpy(&y2, (const uint8_t *)b + 16, 2);
	return !((x0 ^ y0) | (x1 ^ y1) | (uint16_t)(x2 ^ y2));
}

/*
** by_stream for a record in place: its ends (src, dst, sport, dport) lie as a
** key's (lo, hi, plo, phi), so the forward test is two 18-byte compares and
** one 4-byte one.
*/
_Static_assert(offsetof(struct pk_l4rec, dst) == offsetof(struct conv_key, hi), "ends");
_Static_assert(offsetof(struct pk_l4rec, sport) == offsetof(struct conv_key, plo), "ports");
_Static_assert(offsetof(struct pk_l4rec, dport) == offsetof(struct conv_key, phi), "ports");
static inline __attribute__((always_inline)) struct conv_rec *
rec_row(const struct conv *cv, const struct pk_l4rec *l, int *fwd)
{
	uint32_t id = l->stream;
	if ((int64_t)id >= cv->nby_id || !cv->by_id[id])
		return NULL;
	struct conv_rec *c = htab_rec(&cv->tab, cv->by_id[id] - 1);
	const struct conv_key *k = &c->key;
	if (k->id != id || k->part)
		return NULL;
	uint32_t ports = (uint32_t)l->sport << 16 | l->dport;
	if (ports == ((uint32_t)k->plo << 16 | k->phi) && same18(&l->src, &k->lo) &&
	    same18(&l->dst, &k->hi)) {
		*fwd = 1;
		return c;
	}
	if (ports == ((uint32_t)k->phi << 16 | k->plo) && same18(&l->src, &k->hi) &&
	    same18(&l->dst, &k->lo)) {
		*fwd = 0;
		return c;
	}
	return NULL;
}

/* One record of a frame: its row's counts and times. */
static void count(struct conv *cv, const struct packet *pk, int64_t t, const struct address *src,
		  const struct address *dst, uint16_t sport, uint16_t dport, uint32_t id)
{
	int ids = cv->type == CT_TCP || cv->type == CT_UDP;
	int fwd = 0;
	struct conv_rec *c = ids ? by_stream(cv, src, dst, sport, dport, id, &fwd) : NULL;
	/* from A, the row's first source: which end src is tells it without a compare */
	int ab = c && fwd == c->a_is_lo;
	if (!c) {
		struct conv_key k;
		memset(&k, 0, sizeof k);
		if (end_cmp(src, sport, dst, dport) <= 0) {
			k.lo = *src, k.plo = sport, k.hi = *dst, k.phi = dport;
		} else {
			k.lo = *dst, k.plo = dport, k.hi = *src, k.phi = sport;
		}
		k.id = id;
		int isnew;
		c = find(cv, &k, &isnew);
		if (isnew) {
			c->a = *src;
			c->pa = sport;
			c->a_is_lo = (uint8_t)end_eq(src, sport, &c->key.lo, c->key.plo);
			c->first_ns = c->last_ns = t;
			c->first_abs_sec = pk->sec;
			c->first_abs_nsec = pk->nsec;
			c->first_num = pk->num;
		}
		ab = end_eq(src, sport, &c->a, c->pa);
	}
	add_frame(c, pk, t, ab);
}

/* every frame conv_packet's fast path leaves: a filter, no row yet, several records */
static __attribute__((noinline)) void conv_packet_full(struct conv *cv, const struct packet *pk)
{
	if (cv->filter.f && !zfilter_match(&cv->filter, pk))
		return;
	int64_t t = pk_rel_ns(pk);
	if (cv->direct) { /* TCP/UDP: the packet's records in place, as taprec_get reads them */
		uint8_t pt = cv->type == CT_TCP ? PT_TCP : PT_UDP;
		for (int i = 0; i < pk->nl4rec && i < TAPREC_MAX; i++) {
			const struct pk_l4rec *l = &pk->l4rec[i];
			if (l->ptype != pt)
				continue;
			int fwd;
			struct conv_rec *c = rec_row(cv, l, &fwd);
			if (c) /* from A, the row's first source: which end src is tells it */
				add_frame(c, pk, t, fwd == c->a_is_lo);
			else
				count(cv, pk, t, &l->src, &l->dst, l->sport, l->dport, l->stream);
		}
		return;
	}
	struct taprec recs[TAPREC_MAX];
	int n = taprec_get(pk, cv->type, recs, TAPREC_MAX);
	for (int i = 0; i < n; i++) {
		const struct taprec *r = &recs[i];
		count(cv, pk, t, &r->src, &r->dst, r->sport, r->dport, r->conv_id);
	}
}

/*
** Most frames: one TCP or UDP record whose row exists.  That path makes no
** call but the tail one, so it saves no registers and sets up no frame: the
** full path's (taprec_get's array, the loop's state kept over calls) were a
** sixth of conv's work a frame.
*/
static void conv_packet(void *st, const struct packet *pk)
{
	struct conv *cv = st;
	const struct pk_l4rec *l = &pk->l4rec[0];
	struct conv_rec *c;
	int fwd;
	if (!cv->filter.f && cv->direct && pk->nl4rec == 1 &&
	    l->ptype == (cv->type == CT_TCP ? PT_TCP : PT_UDP) && (c = rec_row(cv, l, &fwd))) {
		add_frame(c, pk, pk_rel_ns(pk), fwd == c->a_is_lo);
		return;
	}
	conv_packet_full(cv, pk);
}

static void print_rule(FILE *out)
{
	fputs("================================================================================\n",
	      out);
}

/* an IPv4 address as addr_to_str writes it, from the octets' "ddd." texts */
static char *put_ipv4(char *p, const uint8_t *a)
{
	for (int i = 0; i < 4; i++) {
		memcpy(p, fmt_byte_dot[a[i]], 4);
		p += fmt_byte_dot_len[a[i]];
	}
	return p - 1;
}

/* "%-*s" of an endpoint: the address, and ":port" with ports (the line has room past it) */
static char *put_endpoint(char *p, const struct address *a, uint16_t port, int ports, int w)
{
	char *e;
	if (a->type == AT_IPv4) {
		e = put_ipv4(p, a->a);
	} else {
		addr_to_str(a, p, 64);
		e = p + strlen(p);
	}
	if (ports) {
		*e++ = ':';
		e = nf_u64(e, port);
	}
	return nf_left(p, e, w);
}

/* "%*.<prec>f" */
static char *put_fixed(char *p, double x, int w, int prec)
{
	char *e = nf_fixed_right(p, x, prec, w);
	if (e)
		return e;
	char t[400];
	size_t n = (size_t)snprintf(t, sizeof t, "%.*f", prec, x);
	return nf_pad(p, t, n < sizeof t ? n : sizeof t - 1, w, 1);
}

/* "%-9s" of format_size(n, FS_BYTES), written in place */
static char *put_size(char *p, uint64_t n)
{
	return nf_left(p, format_size_put(p, n, FS_BYTES), 9);
}

/* "  %6u %-9s" of a frame count and its bytes */
static char *put_count(char *p, uint32_t frames, uint64_t bytes)
{
	*p++ = ' ';
	*p++ = ' ';
	p = nf_u64_right(p, frames, 6);
	*p++ = ' ';
	return put_size(p, bytes);
}

static void conv_print(void *st, FILE *out, const struct stats_run *run)
{
	struct conv *cv = st;
	int ports = taprec_has_ports(cv->type);
	const char *pad = ports ? "            " : "";
	int tf = run->time_format;
	int abs = tf != STF_RELATIVE && tf != STF_EPOCH;
	int date =
	    tf == STF_ABS_DATE || tf == STF_ABS_DOY || tf == STF_UTC_DATE || tf == STF_UTC_DOY;
	const char *unit = abs ? "Size " : "Bytes";
	const char *h1 = tf == STF_EPOCH ? "       Relative       "
			 : !abs          ? "    Relative    "
			 : date          ? " Absolute Date  "
					 : " Absolute Time  ";
	const char *h2 = tf == STF_EPOCH ? "         Start        "
			 : date          ? "     Start      "
					 : "      Start     ";
	print_rule(out);
	fprintf(out, "%s Conversations\n", taprec_title(cv->type));
	fprintf(out, "Filter:%s\n", cv->filter_text ? cv->filter_text : "<No Filter>");
	fprintf(out,
		"%s                                               |       <-      | |       ->     "
		" | |     Total     |%s|   Duration   |\n",
		pad, h1);
	fprintf(out,
		"%s                                               | Frames  %s | | Frames  %s | | "
		"Frames  %s |%s|              |\n",
		pad, unit, unit, unit, h2);
	uint32_t n = cv->tab.n;
	uint32_t *idx = xmalloc((size_t)(n ? n : 1) * sizeof *idx);
	uint64_t *tot = xmalloc((size_t)(n ? n : 1) * sizeof *tot);
	for (uint32_t i = 0; i < n; i++) {
		const struct conv_rec *c = htab_rec(&cv->tab, i);
		idx[i] = i;
		tot[i] = (uint64_t)c->ab_frames + c->ba_frames;
	}
	sort_desc_stable(idx, tot, n);
	for (uint32_t j = 0; j < n; j++) {
		const struct conv_rec *c = htab_rec(&cv->tab, idx[j]);
		/* the far end is whichever key end is not A */
		const struct address *b = &c->key.hi;
		uint16_t pb = c->key.phi;
		if (end_cmp(&c->key.lo, c->key.plo, &c->a, c->pa)) {
			b = &c->key.lo;
			pb = c->key.plo;
		}
		/* a row without printf, which was most of a row's cost */
		char line[1024];
		int w = ports ? 26 : 20;
		char *p = put_endpoint(line, &c->a, c->pa, ports, w);
		memcpy(p, " <-> ", 5);
		p = put_endpoint(p + 5, b, pb, ports, w);
		p = put_count(p, c->ba_frames, c->ba_bytes);
		p = put_count(p, c->ab_frames, c->ab_bytes);
		p = put_count(p, c->ab_frames + c->ba_frames, c->ab_bytes + c->ba_bytes);
		*p++ = ' ';
		*p++ = ' ';
		double start =
		    (double)(c->first_ns / 1000000000) + (double)(c->first_ns % 1000000000) / 1e9;
		double stop =
		    (double)(c->last_ns / 1000000000) + (double)(c->last_ns % 1000000000) / 1e9;
		if (abs) {
			char tb[64];
			stats_abs_time(tb, sizeof tb, c->first_abs_sec, tf);
			p = nf_pad(p, tb, strlen(tb), 0, 0);
		} else if (tf == STF_EPOCH) {
			p = put_fixed(p, (double)c->first_abs_sec + (double)c->first_abs_nsec / 1e9,
				      20, 9);
		} else {
			p = put_fixed(p, start, 14, 9);
		}
		memcpy(p, "   ", 3);
		p = put_fixed(p + 3, stop - start, 12, 4);
		*p++ = '\n';
		fwrite(line, 1, (size_t)(p - line), out);
	}
	print_rule(out);
	free(idx);
	free(tot);
}

static void conv_destroy(void *st)
{
	struct conv *cv = st;
	htab_free(&cv->tab);
	free(cv->by_id);
	free(cv->filter_text);
	free(cv);
}

/*
** One worker's row into the merged table.  TCP and UDP rows are keyed by
** their stream id, which is the worker's own numbering: the worker's index
** joins the key, so rows only meet their own (a stream lives on one worker).
** Other rows (eth, ip: a MAC pair spans workers) add up.
*/
static void conv_fold(void *arg, int part, const void *rec)
{
	struct conv *cv = arg;
	const struct conv_rec *r = rec;
	struct conv_key k = r->key;
	if (taprec_has_ports(cv->type))
		k.part = (uint32_t)part;
	int isnew;
	struct conv_rec *c = htab_get(&cv->tab, &k, &isnew);
	if (isnew) {
		*c = *r;
		c->key = k;
		return;
	}
	if (!end_cmp(&r->a, r->pa, &c->a, c->pa)) {
		c->ab_frames += r->ab_frames, c->ab_bytes += r->ab_bytes;
		c->ba_frames += r->ba_frames, c->ba_bytes += r->ba_bytes;
	} else {
		c->ab_frames += r->ba_frames, c->ab_bytes += r->ba_bytes;
		c->ba_frames += r->ab_frames, c->ba_bytes += r->ab_bytes;
	}
	if (r->first_ns < c->first_ns) {
		c->first_ns = r->first_ns;
		c->first_abs_sec = r->first_abs_sec;
		c->first_abs_nsec = r->first_abs_nsec;
	}
	if (r->last_ns > c->last_ns)
		c->last_ns = r->last_ns;
}

static void conv_merge(void *st, void *const *parts, int nparts)
{
	merge_tables(parts, nparts, offsetof(struct conv, tab),
		     offsetof(struct conv_rec, first_num), conv_fold, st);
}

static const struct stats_ops conv_ops = {"conv",     conv_packet, conv_print, conv_destroy,
					  conv_merge, NULL,        NULL};

int stats_add_conv(struct stats *s, enum conv_type t, const char *filter, char *err, size_t n)
{
	struct conv *cv = xcalloc(1, sizeof *cv);
	cv->type = t;
	if (zfilter_compile(&cv->filter, filter, err, n) < 0) {
		char why[256];
		snprintf(why, sizeof why, "%s", err);
		snprintf(err, n, "Couldn't register conversations tap: %s", why);
		free(cv);
		return -1;
	}
	if (filter && *filter)
		cv->filter_text = xstrdup(filter);
	taprec_want(t);
	cv->direct = taprec_direct(t);
	if (t == CT_TCP) /* the rows are per tcp.stream: TCP must track them */
		tcp_lean_want_stream();
	htab_init(&cv->tab, sizeof(struct conv_rec), sizeof(struct conv_key));
	stats_attach(s, &conv_ops, cv);
	return 0;
}
