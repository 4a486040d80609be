/*
** intervals.c -- per-interval counters (seed 004): what else happened on the
** wire at the same time.  Intervals are counted from the first frame, as
** tshark's -z io,stat does, so row k covers [k*w, (k+1)*w) of relative time.
** Rows are kept in a hash by interval number: a capture spanning months at
** 1 s gives only as many rows as it has busy seconds (sparse); --fill adds
** the empty ones.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "../engine/engine.h"
#include "../stats/stats_int.h"
#include "report.h"

enum {
	V_PKTS,
	V_BYTES,
	V_IP,
	V_IPV6,
	V_TCP,
	V_UDP,
	V_ICMP,
	V_ARP,
	V_ESP,
	V_OTHER,
	V_SYN,
	V_RST,
	V_NEW_STREAMS,
	V_NEW_LOSSY,
	V_RETR,
	V_DUPACK,
	V_LOST,
	V_OOO,
	V_ZWIN,
	V_ESP_LOST,
	V_ESP_LATE,
	V_ESP_DUP,
	V_COUNT
};
static const char *const vnames[V_COUNT] = {
    "packets",
    "bytes",
    "ipv4",
    "ipv6",
    "tcp",
    "udp",
    "icmp",
    "arp",
    "esp",
    "other",
    "tcp_syn",
    "tcp_rst",
    "new_tcp_streams",
    "new_tcp_streams_lossy",
    "retransmissions",
    "duplicate_acks",
    "lost_segments",
    "out_of_order",
    "zero_windows",
    "esp_lost",
    "esp_late",
    "esp_duplicate",
};

struct irow {
	int64_t k;
	uint64_t v[V_COUNT];
};

/* a TCP stream, for new_tcp_streams_lossy: its first frame's interval, whether it lost any */
struct ivstream {
	int64_t k;
	uint8_t seen, lossy;
};

struct intervals {
	int64_t w;
	struct htab tab;
	/*
	** The TCP streams by tcp.stream: what new_tcp_streams_lossy needs of
	** them, kept here rather than in a streams table (a row of addresses,
	** ports and counters looked up on every frame).
	*/
	struct ivstream *st;
	int32_t nst, capst;
	/*
	** The last frame's row: frames come in time order, so most hit it.  lo
	** and hi bound the relative times that fall in it, so a frame needs two
	** compares, not a division; lo > hi: none yet.  cur stays valid until the
	** next htab_get (only other_row and merge call it: records may move).
	*/
	int64_t lo, hi, cur_k;
	uint64_t *cur;
	/*
	** The last row's packets and protocol columns, not yet added: its frames
	** counted by protocol set (pinfo_rec_protos), one increment a frame
	** instead of ten, added to the row when the frames move on (flush) or it
	** is read.
	*/
	uint32_t pend[1 << PP_COUNT];
};

struct intervals *intervals_new(int64_t width_ns)
{
	struct intervals *iv = xcalloc(1, sizeof *iv);
	iv->w = width_ns > 0 ? width_ns : 1000000000LL;
	htab_init(&iv->tab, sizeof(struct irow), sizeof(int64_t));
	iv->lo = 1;
	iv->hi = 0;
	return iv;
}

void intervals_free(struct intervals *iv)
{
	if (!iv)
		return;
	htab_free(&iv->tab);
	free(iv->st);
	free(iv);
}

/*
** The analysis flags' columns (PF_RETRANS etc.): one frame in twenty or so has
** any.  A lost segment marks the stream (sr, NULL for none) lossy.
*/
static __attribute__((noinline)) void add_flags(uint64_t *v, uint32_t ta, struct ivstream *sr)
{
	uint32_t af = pinfo_ta_flags(ta);
	if (sr && (af & (1u << PF_LOST_SEGMENT | 1u << PF_ACK_LOST_SEGMENT)))
		sr->lossy = 1;
	v[V_RETR] += af >> PF_RETRANS & 1;
	v[V_DUPACK] += af >> PF_DUP_ACK & 1;
	v[V_LOST] += af >> PF_LOST_SEGMENT & 1;
	v[V_OOO] += af >> PF_OUT_OF_ORDER & 1;
	v[V_ZWIN] += af >> PF_ZERO_WINDOW & 1;
}

/* the packets and protocol columns of the frames pend[] holds, into their row */
static void flush(struct intervals *iv)
{
	uint64_t *v = iv->cur;
	if (!v)
		return;
	for (unsigned p = 0; p < 1u << PP_COUNT; p++) {
		uint64_t n = iv->pend[p];
		if (!n)
			continue;
		iv->pend[p] = 0;
		v[V_PKTS] += n;
		v[V_IP] += n * (p >> PP_IPV4 & 1);
		v[V_IPV6] += n * (p >> PP_IPV6 & 1);
		v[V_TCP] += n * (p >> PP_TCP & 1);
		v[V_UDP] += n * (p >> PP_UDP & 1);
		v[V_ICMP] += n * ((p & (1u << PP_ICMP | 1u << PP_ICMPV6)) != 0);
		v[V_ARP] += n * (p >> PP_ARP & 1);
		v[V_ESP] += n * (p >> PP_ESP & 1);
		v[V_OTHER] += n * !(p & (1u << PP_TCP | 1u << PP_UDP | 1u << PP_ICMP |
					 1u << PP_ICMPV6 | 1u << PP_ARP | 1u << PP_ESP));
	}
}

/*
** The relative times [*lo, *hi) of interval k, as the truncating division
** gives it (interval 0 spans both sides of the first frame); lo > hi where
** the bounds would overflow, so each frame there takes the division.
*/
static void row_bounds(int64_t k, int64_t w, int64_t *lo, int64_t *hi)
{
	int64_t kw, a = 1 - w, b = w;                /* k == 0 */
	int bad = __builtin_mul_overflow(k, w, &kw); /* the bound nearer zero */
	if (k > 0) {
		a = kw;
		bad |= __builtin_add_overflow(kw, w, &b);
	} else if (k < 0) {
		bad |= __builtin_sub_overflow(kw, w - 1, &a);
		b = kw + 1;
	}
	*lo = bad ? 1 : a;
	*hi = bad ? 0 : b;
}

/* the frame's row when it is not the last frame's */
static __attribute__((noinline)) uint64_t *other_row(struct intervals *iv, int64_t rel)
{
	flush(iv);
	/* truncation, not floor: a frame earlier than the first one lands in interval 0, as in
	 * tshark */
	int64_t k = rel / iv->w;
	int isnew;
	struct irow *r = htab_get(&iv->tab, &k, &isnew);
	row_bounds(k, iv->w, &iv->lo, &iv->hi);
	iv->cur_k = k;
	return iv->cur = r->v;
}

/* the stream's entry, at its first frame (in the current row); NULL past the ids kept */
static struct ivstream *stream_slot(struct intervals *iv, uint32_t id)
{
	if (id >= (uint32_t)INT32_MAX - 1) /* as the streams table's */
		return NULL;
	if ((int32_t)id >= iv->nst) {
		xgrow(&iv->st, &iv->capst, (int32_t)id + 1, sizeof *iv->st);
		memset(iv->st + iv->nst, 0, (size_t)((int32_t)id + 1 - iv->nst) * sizeof *iv->st);
		iv->nst = (int32_t)id + 1;
	}
	return &iv->st[id];
}

static __attribute__((noinline)) struct ivstream *first_frame(struct intervals *iv, uint32_t id)
{
	struct ivstream *sr = stream_slot(iv, id);
	if (sr && !sr->seen) {
		sr->seen = 1;
		sr->k = iv->cur_k;
	}
	return sr;
}

/* a stream's first frame here: its entry made, then its flags */
static __attribute__((noinline)) void first_flags(struct intervals *iv, uint64_t *v, uint32_t id,
						  uint32_t ta)
{
	struct ivstream *sr = first_frame(iv, id);
	if (ta)
		add_flags(v, ta, sr);
}

/*
** A frame into its row v.  Its calls (rare) are all tail ones, so the
** common path saves no registers.
*/
static inline void add_to(struct intervals *iv, uint64_t *v, const struct packet *pk,
			  int new_tcp_stream, const struct esp_delta *ed)
{
	v[V_BYTES] += pk->len;
	iv->pend[pinfo_rec_protos(pk)]++;
	const struct pk_pirec *rec = &pk->pir;
	/* only an ESP frame has an SA: the record's bit spares most frames the look at *ed */
	if ((rec->has >> PIR_ESP_SPI & 1) && ed && (ed->lost | ed->late | ed->dup)) {
		/* lost can go down (a late packet fills a hole): the column is unsigned, so
		 * wrap-add */
		v[V_ESP_LOST] += (uint64_t)ed->lost;
		v[V_ESP_LATE] += ed->late;
		v[V_ESP_DUP] += ed->dup;
	}
	/* pinfo_get's has_tcp, tcp_flags, aflags and any_rst, from the record */
	if (!(rec->has >> PIR_TCP_STREAM & 1))
		return;
	uint16_t fl = (uint16_t)pinfo_rec_u(rec, PIR_TCP_FLAGS);
	v[V_SYN] += (fl & (TCPF_SYN | TCPF_ACK)) == TCPF_SYN;
	v[V_NEW_STREAMS] += (uint64_t)new_tcp_stream;
	v[V_RST] += rec->any_rst;
	uint32_t id = (uint32_t)rec->v[0];
	if (!(id < (uint32_t)iv->nst && iv->st[id].seen))
		first_flags(iv, v, id, rec->ta);
	else if (rec->ta)
		add_flags(v, rec->ta, &iv->st[id]);
}

/* a frame outside the current row's interval: its row found first */
static __attribute__((noinline)) void add_other(struct intervals *iv, const struct packet *pk,
						int new_tcp_stream, const struct esp_delta *ed)
{
	add_to(iv, other_row(iv, pk_rel_ns(pk)), pk, new_tcp_stream, ed);
}

void intervals_add(struct intervals *iv, const struct packet *pk, int new_tcp_stream,
		   const struct esp_delta *ed)
{
	int64_t rel = pk_rel_ns(pk);
	if (rel >= iv->lo && rel < iv->hi)
		add_to(iv, iv->cur, pk, new_tcp_stream, ed);
	else
		add_other(iv, pk, new_tcp_stream, ed);
}

void intervals_merge(struct intervals *iv, struct intervals *const *parts, int n,
		     const struct engine_streams *es)
{
	flush(iv);
	iv->cur = NULL; /* htab_get below may move the rows */
	iv->lo = 1;
	iv->hi = 0;
	for (int w = 0; w < n; w++) {
		/* a stream lives on one worker: its entry moves under one job's number */
		for (int32_t i = 0; i < parts[w]->nst; i++) {
			const struct ivstream *from = &parts[w]->st[i];
			struct ivstream *sr;
			if (from->seen &&
			    (sr = stream_slot(iv, engine_stream_global(es, 0, w, (uint32_t)i))))
				*sr = *from;
		}
		flush(parts[w]);
		const struct htab *t = &parts[w]->tab;
		for (uint32_t i = 0; i < t->n; i++) {
			const struct irow *from = htab_rec(t, i);
			int isnew;
			struct irow *r = htab_get(&iv->tab, &from->k, &isnew);
			for (int v = 0; v < V_COUNT; v++)
				r->v[v] += from->v[v];
		}
	}
}

static int cmp_k(const void *a, const void *b)
{
	int64_t x = ((const struct irow *)a)->k, y = ((const struct irow *)b)->k;
	return x < y ? -1 : x > y;
}

enum { C_START, C_TS, C_WIDTH, C_V };
static struct tcol cols[C_V + V_COUNT] = {
    {"interval_start", COL_DOUBLE},
    {"ts", COL_TIME},
    {"width", COL_DOUBLE},
};

/* dense output stops here: a bad timestamp must not ask for billions of rows */
#define FILL_MAX 10000000

static struct irow *find(struct irow *rows, uint32_t n, int64_t k)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (rows[mid].k < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && rows[lo].k == k ? &rows[lo] : NULL;
}

/* 1, 2 or 5 times a power of ten, at least x */
static int64_t nice_factor(int64_t x)
{
	for (int64_t p = 1;; p *= 10)
		for (int m = 1; m <= 5; m += m == 1 ? 1 : 3)
			if (p * m >= x)
				return p * m;
}

void intervals_table(struct intervals *iv, int fill, int64_t first_ns, int max_rows,
		     struct table *t)
{
	flush(iv);
	for (int i = 0; i < V_COUNT; i++)
		cols[C_V + i] = (struct tcol){vnames[i], i == V_ESP_LOST ? COL_INT : COL_UINT};
	table_init(t, "intervals", cols, C_V + V_COUNT);
	uint32_t n = iv->tab.n;
	struct irow *rows = xmalloc((size_t)(n ? n : 1) * sizeof *rows);
	for (uint32_t i = 0; i < n; i++)
		rows[i] = *(const struct irow *)htab_rec(&iv->tab, i);
	qsort(rows, n, sizeof *rows, cmp_k);
	/* a stream's outcome is known only at the end: credit the interval it started in */
	for (int32_t i = 0; i < iv->nst; i++) {
		const struct ivstream *sr = &iv->st[i];
		struct irow *r = sr->seen && sr->lossy ? find(rows, n, sr->k) : NULL;
		if (r)
			r->v[V_NEW_LOSSY]++;
	}
	int64_t w = iv->w;
	if (max_rows > 0 && n && rows[n - 1].k - rows[0].k >= max_rows) {
		/* a chart of a long capture: wider intervals, counts summed (they are all additive)
		 */
		int64_t f = nice_factor((rows[n - 1].k - rows[0].k + max_rows) / max_rows);
		uint32_t m = 0;
		for (uint32_t i = 0; i < n; i++) {
			int64_t k2 = rows[i].k / f;
			if (m && rows[m - 1].k == k2) {
				for (int v = 0; v < V_COUNT; v++)
					rows[m - 1].v[v] += rows[i].v[v];
			} else {
				rows[m] = rows[i];
				rows[m++].k = k2;
			}
		}
		n = m;
		w *= f;
	}
	if (fill && n && rows[n - 1].k - rows[0].k >= FILL_MAX) {
		fprintf(stderr,
			"wiresift: --fill would give more than %d rows; writing sparse rows\n",
			FILL_MAX);
		fill = 0;
	}
	uint32_t j = 0;
	int64_t k = n ? rows[0].k : 0, kend = n ? rows[n - 1].k : -1;
	while (fill ? k <= kend : j < n) {
		const struct irow *r = NULL;
		if (j < n && rows[j].k == (fill ? k : rows[j].k))
			r = &rows[j++];
		int64_t kk = r ? r->k : k;
		table_row(t);
		table_set_double(t, C_START, (double)(kk * w) / 1e9);
		table_set_time(t, C_TS, first_ns + kk * w);
		table_set_double(t, C_WIDTH, (double)w / 1e9);
		for (int i = 0; i < V_COUNT; i++) {
			if (i == V_ESP_LOST) /* summed in two's complement: holes filled later count
						-1 */
				table_set_int(t, C_V + i, r ? (int64_t)r->v[i] : 0);
			else
				table_set_uint(t, C_V + i, r ? r->v[i] : 0);
		}
		k = kk + 1;
	}
	free(rows);
}
