/*
** trade.c -- `wiresift trade`: seed 001's root-cause view of TRADE
** connections (TCP port trade_get_port(), 2107 by default).
**
** One timeline table, in frame order, of the events that explain a reset
** keepalive: Ping / Pong (each Ping row carries its answering Pong, the gap
** since the previous Ping of the same sender and whether the Pong never
** came), "Roundtrip for Module" reports (trade.rtt_time, ms), zero-window
** periods (tcp.analysis.zero_window until the same side advertises a window
** again) and resets.  A TRADE PDU that is the sender's first payload after
** the peer's zero window reopened carries zero_window_wait: how long it may
** have sat in the sender's buffer (from the start of the zero window).
** Plus one summary row per connection.
**
** State is per connection (pending Ping, open zero window); the timeline rows
** are the output itself and are filled in place when the answer arrives.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/field.h"
#include "../core/fieldset.h"
#include "../core/util.h"
#include "../dissect/trade.h"
#include "report.h"

enum {
	E_STREAM,
	E_FRAME,
	E_TIME,
	E_TS,
	E_SRC,
	E_SPORT,
	E_EVENT,
	E_DETAIL,
	E_PING_GAP,
	E_END_FRAME,
	E_END_TIME,
	E_DURATION,
	E_MISSING_PONG,
	E_RTT_MS,
	E_ZW_WAIT,
	E_COUNT
};
static const struct tcol ecols[E_COUNT] = {
    {"stream", COL_UINT},      {"frame", COL_UINT},      {"time", COL_DOUBLE},
    {"ts", COL_TIME},          {"src", COL_ADDR},        {"sport", COL_UINT},
    {"event", COL_STRING},     {"detail", COL_STRING},   {"ping_gap", COL_DOUBLE},
    {"end_frame", COL_UINT},   {"end_time", COL_DOUBLE}, {"duration", COL_DOUBLE},
    {"missing_pong", COL_INT}, {"rtt_ms", COL_DOUBLE},   {"zero_window_wait", COL_DOUBLE},
};

enum {
	S_STREAM,
	S_CLIENT,
	S_CPORT,
	S_SERVER,
	S_SPORT,
	S_FIRST,
	S_LAST,
	S_PINGS,
	S_PONGS,
	S_MISSING,
	S_MAX_GAP,
	S_MAX_PONG,
	S_RTTS,
	S_MAX_RTT,
	S_ZW,
	S_ZW_TOTAL,
	S_ZW_LONGEST,
	S_ZW_WAIT,
	S_RESETS,
	S_RST_FRAME,
	S_RST_TIME,
	S_RST_BY,
	S_COUNT
};
static const struct tcol scols[S_COUNT] = {
    {"stream", COL_UINT},
    {"client", COL_ADDR},
    {"client_port", COL_UINT},
    {"server", COL_ADDR},
    {"server_port", COL_UINT},
    {"first_time", COL_DOUBLE},
    {"last_time", COL_DOUBLE},
    {"pings", COL_UINT},
    {"pongs", COL_UINT},
    {"missing_pongs", COL_UINT},
    {"max_ping_gap", COL_DOUBLE},
    {"max_pong_delay", COL_DOUBLE},
    {"rtt_reports", COL_UINT},
    {"max_rtt_ms", COL_DOUBLE},
    {"zero_windows", COL_UINT},
    {"zero_window_total", COL_DOUBLE},
    {"zero_window_longest", COL_DOUBLE},
    {"max_zero_window_wait", COL_DOUBLE},
    {"resets", COL_UINT},
    {"first_reset_frame", COL_UINT},
    {"first_reset_time", COL_DOUBLE},
    {"first_reset_by", COL_ADDR},
};

struct tconn {
	uint32_t stream;
	struct address a, b; /* a: client (not on the TRADE port), b: server */
	uint16_t pa, pb;
	int64_t first_rel, last_rel;
	/* per direction (0: from a, 1: from b) */
	int64_t ping_row[2]; /* pending Ping's timeline row, -1: none */
	int64_t ping_rel[2];
	int64_t last_ping_rel[2]; /* -1: none yet */
	int64_t zw_row[2];        /* open zero window advertised by this side, -1: none */
	int64_t zw_start[2];
	int64_t held_since[2]; /* peer's zero window start while this side sent no payload, -1 */
	uint64_t pings, pongs, missing, rtts, zws, resets;
	double max_gap, max_pong, max_rtt, zw_total, zw_longest, max_wait;
	uint32_t rst_frame;
	int64_t rst_rel;
	struct address rst_by;
};

struct trade {
	struct tconn **c; /* by tcp.stream */
	int32_t n, cap;
	uint16_t port;
	struct table tl;
	int f_kw, f_rtt, f_mod;
};

struct trade *trade_new(void)
{
	struct trade *t = xcalloc(1, sizeof *t);
	t->port = trade_get_port();
	t->f_kw = field_lookup("trade.keyword");
	t->f_rtt = field_lookup("trade.rtt_time");
	t->f_mod = field_lookup("trade.module");
	int want[] = {t->f_kw, t->f_rtt, t->f_mod};
	for (int i = 0; i < 3; i++)
		if (want[i] >= 0)
			field_want(want[i]);
	table_init(&t->tl, "trade_timeline", ecols, E_COUNT);
	return t;
}

void trade_free(struct trade *t)
{
	if (!t)
		return;
	for (int32_t i = 0; i < t->n; i++)
		free(t->c[i]);
	free(t->c);
	table_free(&t->tl);
	free(t);
}

static double sec(int64_t ns)
{
	return (double)ns / 1e9;
}

static struct tconn *conn(struct trade *t, const struct pinfo *pi)
{
	uint32_t id = pi->tcp_stream;
	if (id >= (uint32_t)INT32_MAX - 1)
		return NULL;
	if ((int32_t)id >= t->n) {
		int32_t old = t->cap;
		xgrow(&t->c, &t->cap, (int32_t)id + 1, sizeof *t->c);
		memset(t->c + old, 0, (size_t)(t->cap - old) * sizeof *t->c);
		t->n = (int32_t)id + 1;
	}
	struct tconn *c = t->c[id];
	if (!c) {
		c = t->c[id] = xcalloc(1, sizeof *c);
		c->stream = id;
		int from_server = pi->sport == t->port && pi->dport != t->port;
		c->a = from_server ? pi->dst : pi->src;
		c->b = from_server ? pi->src : pi->dst;
		c->pa = from_server ? pi->dport : pi->sport;
		c->pb = from_server ? pi->sport : pi->dport;
		c->first_rel = pi->rel_ns;
		c->max_gap = c->max_pong = c->max_rtt = c->max_wait = -1; /* NULL: none seen */
		for (int d = 0; d < 2; d++)
			c->ping_row[d] = c->last_ping_rel[d] = c->zw_row[d] = c->held_since[d] = -1;
	}
	return c;
}

/* a timeline row for this frame; the caller fills the event's own columns */
static void row(struct trade *t, const struct tconn *c, const struct packet *pk,
		const struct pinfo *pi, const char *event, const char *detail)
{
	char ab[64];
	table_row(&t->tl);
	table_set_uint(&t->tl, E_STREAM, c->stream);
	table_set_uint(&t->tl, E_FRAME, pk->num);
	table_set_double(&t->tl, E_TIME, sec(pi->rel_ns));
	table_set_time(&t->tl, E_TS, pi->ts_ns);
	table_set_str(&t->tl, E_SRC, pi->src.type ? addr_to_str(&pi->src, ab, sizeof ab) : NULL);
	table_set_uint(&t->tl, E_SPORT, pi->sport);
	table_set_str(&t->tl, E_EVENT, event);
	table_set_str(&t->tl, E_DETAIL, detail);
}

/* fill cells of an earlier row, then go back to the row being built */
static void at_row(struct table *tl, int64_t r)
{
	tl->cur = r;
}

static void ping_missing(struct trade *t, struct tconn *c, int d)
{
	if (c->ping_row[d] < 0)
		return;
	int64_t cur = t->tl.cur;
	at_row(&t->tl, c->ping_row[d]);
	table_set_int(&t->tl, E_MISSING_PONG, 1);
	at_row(&t->tl, cur);
	c->missing++;
	c->ping_row[d] = -1;
}

static int kw_is(const struct fitem *it, const char *s)
{
	size_t n = strlen(s);
	return it->val.v.b.n == n && !memcmp(it->val.v.b.p, s, n);
}

void trade_add(struct trade *t, const struct packet *pk, const struct pinfo *pi)
{
	if (!pi->has_tcp || (pi->sport != t->port && pi->dport != t->port) || !t->port)
		return;
	struct tconn *c = conn(t, pi);
	if (!c)
		return;
	const struct fieldset *fs = pk->fs;
	int d = !(addr_cmp(&pi->src, &c->a) == 0 && pi->sport == c->pa);
	int p = !d;
	c->last_rel = pi->rel_ns;
	/* zero window advertised by side d: one row per period */
	if ((pi->aflags & (1u << PF_ZERO_WINDOW)) && c->zw_row[d] < 0) {
		row(t, c, pk, pi, "zero_window", NULL);
		c->zw_row[d] = t->tl.cur;
		c->zw_start[d] = pi->rel_ns;
		c->zws++;
		c->held_since[p] = pi->rel_ns;
	} else if (c->zw_row[d] >= 0 && pi->tcp_win > 0 && !(pi->tcp_flags & TCPF_RST)) {
		double len = sec(pi->rel_ns - c->zw_start[d]);
		row(t, c, pk, pi, "window_open", NULL);
		table_set_double(&t->tl, E_DURATION, len);
		int64_t cur = t->tl.cur;
		at_row(&t->tl, c->zw_row[d]);
		table_set_uint(&t->tl, E_END_FRAME, pk->num);
		table_set_double(&t->tl, E_END_TIME, sec(pi->rel_ns));
		table_set_double(&t->tl, E_DURATION, len);
		at_row(&t->tl, cur);
		c->zw_total += len;
		if (len > c->zw_longest)
			c->zw_longest = len;
		c->zw_row[d] = -1;
	}
	/* TRADE events, in the frame's order */
	double wait = -1;
	if (pi->tcp_len && c->held_since[d] >= 0 && c->zw_row[p] < 0) {
		wait = sec(pi->rel_ns - c->held_since[d]);
		c->held_since[d] = -1;
	}
	int mod = -1;
	int ri = fs_first(fs, t->f_rtt);
	for (int k = fs_first(fs, t->f_kw); k >= 0; k = fs->items[k].next_same) {
		const struct fitem *it = &fs->items[k];
		if (kw_is(it, "Ping")) {
			ping_missing(t, c, d);
			row(t, c, pk, pi, "ping", NULL);
			if (c->last_ping_rel[d] >= 0) {
				double gap = sec(pi->rel_ns - c->last_ping_rel[d]);
				table_set_double(&t->tl, E_PING_GAP, gap);
				if (gap > c->max_gap)
					c->max_gap = gap;
			}
			c->last_ping_rel[d] = c->ping_rel[d] = pi->rel_ns;
			c->ping_row[d] = t->tl.cur;
			c->pings++;
		} else if (kw_is(it, "Pong")) {
			row(t, c, pk, pi, "pong", NULL);
			c->pongs++;
			if (c->ping_row[p] >= 0) {
				double delay = sec(pi->rel_ns - c->ping_rel[p]);
				int64_t cur = t->tl.cur;
				at_row(&t->tl, c->ping_row[p]);
				table_set_uint(&t->tl, E_END_FRAME, pk->num);
				table_set_double(&t->tl, E_END_TIME, sec(pi->rel_ns));
				table_set_double(&t->tl, E_DURATION, delay);
				table_set_int(&t->tl, E_MISSING_PONG, 0);
				at_row(&t->tl, cur);
				if (delay > c->max_pong)
					c->max_pong = delay;
				c->ping_row[p] = -1;
			}
		} else if (kw_is(it, "Roundtrip for Module") && ri >= 0) {
			/* the module named last before this rtt_time */
			char name[64] = "";
			for (int m = fs_first(fs, t->f_mod); m >= 0 && m < ri;
			     m = fs->items[m].next_same)
				mod = m;
			if (mod >= 0) {
				uint32_t n = fs->items[mod].val.v.b.n;
				if (n >= sizeof name)
					n = sizeof name - 1;
				memcpy(name, fs->items[mod].val.v.b.p, n);
				name[n] = 0;
			}
			double ms = fs->items[ri].val.v.d;
			row(t, c, pk, pi, "rtt", name);
			table_set_double(&t->tl, E_RTT_MS, ms);
			c->rtts++;
			if (ms > c->max_rtt)
				c->max_rtt = ms;
			ri = fs->items[ri].next_same;
		} else {
			continue;
		}
		if (wait >= 0) {
			table_set_double(&t->tl, E_ZW_WAIT, wait);
			if (wait > c->max_wait)
				c->max_wait = wait;
		}
	}
	if (pi->any_rst) {
		row(t, c, pk, pi, "reset", NULL);
		if (!c->resets) {
			c->rst_frame = pk->num;
			c->rst_rel = pi->rel_ns;
			c->rst_by = pi->src;
		}
		c->resets++;
	}
}

void trade_tables(struct trade *t, struct table *timeline, struct table *sum)
{
	char ab[64];
	table_init(sum, "trade_connections", scols, S_COUNT);
	for (int32_t i = 0; i < t->n; i++) {
		struct tconn *c = t->c[i];
		if (!c)
			continue;
		for (int d = 0; d < 2; d++)
			ping_missing(t, c, d);
		table_row(sum);
		table_set_uint(sum, S_STREAM, c->stream);
		table_set_str(sum, S_CLIENT, c->a.type ? addr_to_str(&c->a, ab, sizeof ab) : NULL);
		table_set_uint(sum, S_CPORT, c->pa);
		table_set_str(sum, S_SERVER, c->b.type ? addr_to_str(&c->b, ab, sizeof ab) : NULL);
		table_set_uint(sum, S_SPORT, c->pb);
		table_set_double(sum, S_FIRST, sec(c->first_rel));
		table_set_double(sum, S_LAST, sec(c->last_rel));
		table_set_uint(sum, S_PINGS, c->pings);
		table_set_uint(sum, S_PONGS, c->pongs);
		table_set_uint(sum, S_MISSING, c->missing);
		if (c->max_gap >= 0)
			table_set_double(sum, S_MAX_GAP, c->max_gap);
		if (c->max_pong >= 0)
			table_set_double(sum, S_MAX_PONG, c->max_pong);
		table_set_uint(sum, S_RTTS, c->rtts);
		if (c->max_rtt >= 0)
			table_set_double(sum, S_MAX_RTT, c->max_rtt);
		table_set_uint(sum, S_ZW, c->zws);
		table_set_double(sum, S_ZW_TOTAL, c->zw_total);
		table_set_double(sum, S_ZW_LONGEST, c->zw_longest);
		if (c->max_wait >= 0)
			table_set_double(sum, S_ZW_WAIT, c->max_wait);
		table_set_uint(sum, S_RESETS, c->resets);
		if (c->resets) {
			table_set_uint(sum, S_RST_FRAME, c->rst_frame);
			table_set_double(sum, S_RST_TIME, sec(c->rst_rel));
			table_set_str(sum, S_RST_BY,
				      c->rst_by.type ? addr_to_str(&c->rst_by, ab, sizeof ab)
						     : NULL);
		}
	}
	/* hand the timeline over: the caller frees both tables */
	*timeline = t->tl;
	timeline->cur = timeline->nrows - 1;
	table_init(&t->tl, "trade_timeline", ecols, E_COUNT);
}
