/*
** streams.c -- one row per TCP or UDP stream (tcp.stream / udp.stream).
**
** Stream ids are dense and numbered from 0 by the dissector, so the rows live
** in arrays indexed by id.  The flag counts are frames carrying each
** tcp.analysis.* field, which is what grouping tshark's `-T fields` output by
** tcp.stream gives.  Direction "a" is the sender of the stream's first frame.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "../engine/engine.h"
#include "../stats/stats_int.h"
#include "report.h"

/*
** A row is kept compact because a big capture has hundreds of thousands of
** streams: addresses are interned (a few thousand hosts talk over many
** streams), the flag counters, zero for most streams, live in a side pool
** made on a stream's first flag, and the id is the row's index.
*/
struct srow {
	int64_t first_ns, last_ns;
	int64_t first_rel_ns, syn_rel_ns, irtt_ns;
	uint64_t pkts[2], bytes[2];
	uint32_t a, b, syn_dst; /* address pool indexes */
	uint32_t flags;         /* flag pool index + 1, 0 = no flag yet */
	uint32_t syn, synack, fin[2], rst;
	uint16_t pa, pb, syn_dport;
	uint8_t used, is_udp, syn_seen;
};

/* Rows in fixed blocks: growing never copies nor holds two arrays at once. */
#define BLK_SHIFT 12
#define BLK_ROWS  (1u << BLK_SHIFT)

struct sarr {
	struct srow **blk;
	int32_t nblk, cap;
	uint32_t n; /* greatest id + 1 */
};

struct streams {
	struct sarr tcp, udp;
	struct htab addrs; /* struct address, zero-padded, in first-seen order */
	uint32_t (*flags)[PF_COUNT];
	int32_t nflags, capflags;
};

struct streams *streams_new(void)
{
	struct streams *s = xcalloc(1, sizeof(struct streams));
	htab_init(&s->addrs, sizeof(struct address), sizeof(struct address));
	return s;
}

static void sarr_free(struct sarr *a)
{
	for (int32_t i = 0; i < a->nblk; i++)
		free(a->blk[i]);
	free(a->blk);
}

void streams_free(struct streams *s)
{
	if (!s)
		return;
	sarr_free(&s->tcp);
	sarr_free(&s->udp);
	htab_free(&s->addrs);
	free(s->flags);
	free(s);
}

static struct srow *row_at(const struct sarr *a, uint32_t id)
{
	return &a->blk[id >> BLK_SHIFT][id & (BLK_ROWS - 1)];
}

/* a new id's row: its block made, the count raised */
static struct srow *grow(struct sarr *a, uint32_t id)
{
	if (id >= (uint32_t)INT32_MAX - 1)
		return NULL;
	int32_t b = (int32_t)(id >> BLK_SHIFT);
	if (b >= a->nblk) {
		xgrow(&a->blk, &a->cap, b + 1, sizeof *a->blk);
		for (; a->nblk <= b; a->nblk++)
			a->blk[a->nblk] = xcalloc(BLK_ROWS, sizeof(struct srow));
	}
	if (id >= a->n)
		a->n = id + 1;
	return row_at(a, id);
}

/* ids are dense: nearly every frame's row exists already */
static inline struct srow *get(struct sarr *a, uint32_t id)
{
	return id < a->n ? row_at(a, id) : grow(a, id);
}

static inline uint8_t addr_len(int at)
{
	return at == AT_IPv4 ? 4 : at == AT_IPv6 ? 16 : 0;
}

/* at, p: pinfo_rec_ip's; AT_NONE interns the zero address, as pinfo_get's */
static uint32_t intern(struct streams *s, int at, const uint8_t *p)
{
	struct address k;
	memset(&k, 0, sizeof k);
	k.type = (uint8_t)at;
	k.len = addr_len(at);
	if (k.len)
		memcpy(k.a, p, k.len);
	int isnew;
	const uint8_t *r = htab_get(&s->addrs, &k, &isnew);
	return (uint32_t)((r - s->addrs.recs) / sizeof k);
}

static const struct address *addr_at(const struct streams *s, uint32_t i)
{
	return (const struct address *)(const void *)s->addrs.recs + i;
}

static uint32_t intern_addr(struct streams *s, const struct address *x)
{
	return intern(s, x->type, x->a);
}

/*
** One frame as a row reads it, from the dissectors' record (pk->pir) through
** pinfo.h's record route: the values pinfo_get would give, without filling
** (and zeroing) a whole struct pinfo for them.
*/
struct sframe {
	const uint8_t *src, *dst;
	int at;
	uint16_t sport, dport;
};

static inline void sframe_get(const struct pk_pirec *r, int tcp, struct sframe *f)
{
	f->sport = (uint16_t)pinfo_rec_u(r, tcp ? PIR_TCP_SPORT : PIR_UDP_SPORT);
	f->dport = (uint16_t)pinfo_rec_u(r, tcp ? PIR_TCP_DPORT : PIR_UDP_DPORT);
	f->src = f->dst = NULL;
	f->at = pinfo_rec_ip(r, &f->src, &f->dst);
}

static inline int64_t pk_ts_ns(const struct packet *pk)
{
	return pk->sec * 1000000000LL + pk->nsec;
}

/* the row of the frame's stream (tcp: its TCP one, else its UDP one), made on its first frame */
static __attribute__((noinline)) struct srow *new_row(struct streams *s, const struct packet *pk,
						      int tcp)
{
	const struct pk_pirec *rec = &pk->pir;
	struct srow *r = get(tcp ? &s->tcp : &s->udp,
			     (uint32_t)pinfo_rec_u(rec, tcp ? PIR_TCP_STREAM : PIR_UDP_STREAM));
	if (!r || r->used)
		return r;
	struct sframe f;
	sframe_get(rec, tcp, &f);
	r->used = 1;
	r->is_udp = !tcp;
	r->a = intern(s, f.at, f.src);
	r->b = intern(s, f.at, f.dst);
	r->pa = f.sport, r->pb = f.dport;
	r->first_ns = r->last_ns = pk_ts_ns(pk);
	r->first_rel_ns = pk_rel_ns(pk);
	r->irtt_ns = -1;
	return r;
}

/* the frame's stream row when it exists already, as for all but a stream's first frame */
static inline struct srow *row_of(struct sarr *a, const struct pk_pirec *rec, int k)
{
	uint32_t id = (uint32_t)rec->v[k - PIR_TCP_STREAM];
	struct srow *r = id < a->n ? row_at(a, id) : NULL;
	return r && r->used ? r : NULL;
}

static __attribute__((noinline)) void add_flags(struct streams *s, struct srow *r, uint32_t ta)
{
	uint32_t af = pinfo_ta_flags(ta) & ((1u << PF_COUNT) - 1);
	if (!af)
		return;
	if (!r->flags) {
		xgrow(&s->flags, &s->capflags, s->nflags + 1, sizeof *s->flags);
		memset(s->flags[s->nflags], 0, sizeof *s->flags);
		r->flags = (uint32_t)++s->nflags;
	}
	uint32_t *fc = s->flags[r->flags - 1];
	for (; af; af &= af - 1)
		fc[__builtin_ctz(af)]++;
}

/* the frame's source is the row's side a (its first frame's sender) */
static inline int from_a(const struct streams *s, const struct srow *r, const struct pk_pirec *rec,
			 int tcp)
{
	if ((uint16_t)pinfo_rec_u(rec, tcp ? PIR_TCP_SPORT : PIR_UDP_SPORT) != r->pa)
		return 0;
	const uint8_t *src = NULL, *dst;
	int at = pinfo_rec_ip(rec, &src, &dst);
	const struct address *a = addr_at(s, r->a);
	if (a->type != at)
		return 0;
	if (at == AT_IPv4)
		return !memcmp(a->a, src, 4);
	return at != AT_IPv6 || !memcmp(a->a, src, 16);
}

/* what every frame adds to its row; returns its direction (0: from side a) */
static inline int count(const struct streams *s, struct srow *r, const struct packet *pk, int tcp)
{
	int dir = !from_a(s, r, &pk->pir, tcp);
	r->pkts[dir]++;
	r->bytes[dir] += pk->len;
	int64_t ts = pk_ts_ns(pk);
	if (ts < r->first_ns)
		r->first_ns = ts;
	if (ts > r->last_ns)
		r->last_ns = ts;
	return dir;
}

static __attribute__((noinline)) void udp_add(struct streams *s, const struct packet *pk)
{
	struct srow *r = row_of(&s->udp, &pk->pir, PIR_UDP_STREAM);
	if (r || (r = new_row(s, pk, 0)))
		count(s, r, pk, 0);
}

/* a SYN without ACK, or analysis flags: a few frames in a hundred */
static __attribute__((noinline)) void tcp_rare(struct streams *s, struct srow *r,
					       const struct packet *pk)
{
	const struct pk_pirec *rec = &pk->pir;
	if (rec->ta)
		add_flags(s, r, rec->ta);
	uint16_t fl = (uint16_t)pinfo_rec_u(rec, PIR_TCP_FLAGS);
	if ((fl & (TCPF_SYN | TCPF_ACK)) != TCPF_SYN)
		return;
	r->syn++;
	if (!r->syn_seen) {
		struct sframe f;
		sframe_get(rec, 1, &f);
		r->syn_seen = 1;
		r->syn_rel_ns = pk_rel_ns(pk);
		r->syn_dst = intern(s, f.at, f.dst);
		r->syn_dport = f.dport;
	}
}

/* what a TCP frame adds to its row r; the one call (rare) is a tail one */
static inline __attribute__((always_inline)) void tcp_count(struct streams *s, struct srow *r,
							    const struct packet *pk)
{
	const struct pk_pirec *rec = &pk->pir;
	int dir = count(s, r, pk, 1);
	uint16_t fl = (uint16_t)pinfo_rec_u(rec, PIR_TCP_FLAGS);
	if ((fl & (TCPF_SYN | TCPF_ACK)) == (TCPF_SYN | TCPF_ACK))
		r->synack++;
	if (fl & TCPF_FIN)
		r->fin[dir]++;
	if (fl & TCPF_RST)
		r->rst++;
	int64_t irtt = (int64_t)rec->v[PIR_IRTT - PIR_TCP_STREAM];
	if ((rec->has >> PIR_IRTT & 1) && irtt >= 0)
		r->irtt_ns = irtt;
	if (rec->ta || (fl & (TCPF_SYN | TCPF_ACK)) == TCPF_SYN)
		tcp_rare(s, r, pk);
}

/* a TCP stream's first frame: its row made, then counted */
static __attribute__((noinline)) void tcp_first(struct streams *s, const struct packet *pk)
{
	struct srow *r = new_row(s, pk, 1);
	if (r)
		tcp_count(s, r, pk);
}

/*
** Per frame: the calls (a stream's first frame, rare events) are all tail
** ones, so the common path saves no registers.
*/
void streams_add(struct streams *s, const struct packet *pk)
{
	const struct pk_pirec *rec = &pk->pir;
	if (!(rec->has >> PIR_TCP_STREAM & 1)) {
		if (rec->has >> PIR_UDP_STREAM & 1)
			udp_add(s, pk);
		return;
	}
	struct srow *r = row_of(&s->tcp, rec, PIR_TCP_STREAM);
	if (r)
		tcp_count(s, r, pk);
	else
		tcp_first(s, pk);
}

void streams_merge(struct streams *s, struct streams *const *parts, int n,
		   const struct engine_streams *es)
{
	for (int u = 0; u < 2; u++) {
		struct sarr *into = u ? &s->udp : &s->tcp;
		for (int w = 0; w < n; w++) {
			const struct sarr *a = u ? &parts[w]->udp : &parts[w]->tcp;
			for (uint32_t i = 0; i < a->n; i++) {
				const struct srow *from = row_at(a, i);
				if (!from->used)
					continue;
				/* a stream lives on one worker: its row moves, nothing adds up */
				uint32_t g = engine_stream_global(es, u, w, i);
				struct srow *r = get(into, g);
				if (!r)
					continue;
				*r = *from;
				/* pool indexes are the part's: intern again, copy the flags */
				r->a = intern_addr(s, addr_at(parts[w], from->a));
				r->b = intern_addr(s, addr_at(parts[w], from->b));
				if (from->syn_seen)
					r->syn_dst =
					    intern_addr(s, addr_at(parts[w], from->syn_dst));
				if (from->flags) {
					xgrow(&s->flags, &s->capflags, s->nflags + 1,
					      sizeof *s->flags);
					memcpy(s->flags[s->nflags],
					       parts[w]->flags[from->flags - 1], sizeof *s->flags);
					r->flags = (uint32_t)++s->nflags;
				}
			}
		}
	}
}

uint32_t streams_tcp_count(const struct streams *s)
{
	return s->tcp.n;
}

static void fill_sum(const struct streams *s, const struct srow *r, uint32_t id,
		     struct stream_sum *ss)
{
	memset(ss, 0, sizeof *ss);
	ss->id = id;
	ss->a = *addr_at(s, r->a), ss->b = *addr_at(s, r->b);
	ss->pa = r->pa, ss->pb = r->pb;
	ss->first_rel_ns = r->first_rel_ns;
	ss->syn_seen = r->syn_seen;
	if (r->syn_seen) {
		ss->syn_rel_ns = r->syn_rel_ns;
		ss->dst = *addr_at(s, r->syn_dst);
		ss->dport = r->syn_dport;
	}
	ss->pkts = r->pkts[0] + r->pkts[1];
	ss->bytes = r->bytes[0] + r->bytes[1];
	if (r->flags)
		memcpy(ss->flags, s->flags[r->flags - 1], sizeof ss->flags);
}

int streams_tcp_get(const struct streams *s, uint32_t id, struct stream_sum *out)
{
	if (id >= s->tcp.n || !row_at(&s->tcp, id)->used)
		return 0;
	fill_sum(s, row_at(&s->tcp, id), id, out);
	return 1;
}

static const char *state(const struct srow *r)
{
	if (r->rst)
		return "reset";
	if (r->fin[0] && r->fin[1])
		return "closed";
	if (r->fin[0] || r->fin[1])
		return "half_closed";
	if (r->syn && r->synack)
		return "established";
	if (r->syn)
		return "syn_sent";
	return "midstream";
}

enum {
	C_PROTO,
	C_STREAM,
	C_ADDR_A,
	C_PORT_A,
	C_ADDR_B,
	C_PORT_B,
	C_FIRST,
	C_LAST,
	C_DUR,
	C_PKTS_AB,
	C_PKTS_BA,
	C_BYTES_AB,
	C_BYTES_BA,
	C_AVG,
	C_FLAGS,
	C_SYN = C_FLAGS + PF_COUNT,
	C_FIN,
	C_RST,
	C_IRTT,
	C_STATE,
	C_COUNT
};

static struct tcol cols[C_COUNT] = {
    {"proto", COL_STRING},  {"stream", COL_UINT},          {"addr_a", COL_ADDR},
    {"port_a", COL_UINT},   {"addr_b", COL_ADDR},          {"port_b", COL_UINT},
    {"first_ts", COL_TIME}, {"last_ts", COL_TIME},         {"duration", COL_DOUBLE},
    {"pkts_ab", COL_UINT},  {"pkts_ba", COL_UINT},         {"bytes_ab", COL_UINT},
    {"bytes_ba", COL_UINT}, {"avg_frame_len", COL_DOUBLE},
};

static void cols_init(void)
{
	if (cols[C_FLAGS].name)
		return;
	for (int f = 0; f < PF_COUNT; f++)
		cols[C_FLAGS + f] = (struct tcol){pi_flag_col[f], COL_UINT};
	cols[C_SYN] = (struct tcol){"syn", COL_UINT};
	cols[C_FIN] = (struct tcol){"fin", COL_UINT};
	cols[C_RST] = (struct tcol){"rst", COL_UINT};
	cols[C_IRTT] = (struct tcol){"initial_rtt", COL_DOUBLE};
	cols[C_STATE] = (struct tcol){"state", COL_STRING};
}

/* room for an address's text in the table's keep block: IPv6 needs 46 */
#define ATEXT 64

/*
** The cells written in place, every one: the row is new (nothing owned), so
** the setters' checks for an old string have nothing to find, and a cell
** written once needs no NULL first.
*/
static inline void cell_null(struct tcell *row, int c)
{
	row[c] = (struct tcell){.null = 1};
}
static inline void cell_u(struct tcell *row, int c, uint64_t v)
{
	row[c] = (struct tcell){.v.u = v};
}
static inline void cell_i(struct tcell *row, int c, int64_t v)
{
	row[c] = (struct tcell){.v.i = v};
}
static inline void cell_d(struct tcell *row, int c, double v)
{
	row[c] = (struct tcell){.v.d = v};
}
static inline void cell_s(struct tcell *row, int c, const char *s)
{
	row[c] = (struct tcell){.borrowed = 1, .v.s = (char *)(uintptr_t)s};
}

static void emit(struct table *t, const struct streams *s, const struct srow *r, uint32_t id)
{
	const struct address *a = addr_at(s, r->a), *b = addr_at(s, r->b);
	uint64_t pkts = r->pkts[0] + r->pkts[1], bytes = r->bytes[0] + r->bytes[1];
	struct tcell *row = table_row_raw(t);
	cell_s(row, C_PROTO, r->is_udp ? "udp" : "tcp");
	cell_u(row, C_STREAM, id);
	if (a->type)
		cell_s(row, C_ADDR_A, t->keep + (size_t)r->a * ATEXT);
	else
		cell_null(row, C_ADDR_A);
	cell_u(row, C_PORT_A, r->pa);
	if (b->type)
		cell_s(row, C_ADDR_B, t->keep + (size_t)r->b * ATEXT);
	else
		cell_null(row, C_ADDR_B);
	cell_u(row, C_PORT_B, r->pb);
	cell_i(row, C_FIRST, r->first_ns);
	cell_i(row, C_LAST, r->last_ns);
	cell_d(row, C_DUR, (double)(r->last_ns - r->first_ns) / 1e9);
	cell_u(row, C_PKTS_AB, r->pkts[0]);
	cell_u(row, C_PKTS_BA, r->pkts[1]);
	cell_u(row, C_BYTES_AB, r->bytes[0]);
	cell_u(row, C_BYTES_BA, r->bytes[1]);
	cell_d(row, C_AVG, (double)bytes / (double)pkts);
	if (r->is_udp) {
		for (int c = C_FLAGS; c < C_COUNT; c++)
			cell_null(row, c);
		return;
	}
	const uint32_t *fc = r->flags ? s->flags[r->flags - 1] : NULL;
	for (int f = 0; f < PF_COUNT; f++)
		cell_u(row, C_FLAGS + f, fc ? fc[f] : 0);
	cell_u(row, C_SYN, r->syn);
	cell_u(row, C_FIN, (uint64_t)r->fin[0] + r->fin[1]);
	cell_u(row, C_RST, r->rst);
	if (r->irtt_ns >= 0)
		cell_d(row, C_IRTT, (double)r->irtt_ns / 1e9);
	else
		cell_null(row, C_IRTT);
	cell_s(row, C_STATE, state(r));
}

static void emit_all(struct table *t, const struct streams *s, const struct sarr *a)
{
	for (uint32_t i = 0; i < a->n; i++) {
		const struct srow *r = row_at(a, i);
		if (r->used)
			emit(t, s, r, i);
	}
}

void streams_table(const struct streams *s, struct table *t)
{
	cols_init();
	table_init(t, "streams", cols, C_COUNT);
	/* each interned address's text once (a few thousand hosts over many streams),
	   borrowed by the rows; the table frees it */
	uint32_t na = s->addrs.n;
	t->keep = xmalloc((size_t)(na ? na : 1) * ATEXT);
	for (uint32_t i = 0; i < na; i++)
		addr_to_str(addr_at(s, i), t->keep + (size_t)i * ATEXT, ATEXT);
	/* ids are dense: the arrays' lengths bound the rows, and one allocation holds them */
	table_reserve(t, (int64_t)s->tcp.n + s->udp.n);
	emit_all(t, s, &s->tcp);
	emit_all(t, s, &s->udp);
}
