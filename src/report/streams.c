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
#include "report.h"

struct srow {
	struct stream_sum sum;
	uint8_t used, is_udp;
	int64_t first_ns, last_ns;
	uint64_t pkts[2], bytes[2];
	uint32_t syn, synack, fin[2], rst;
	int64_t irtt_ns;
	uint8_t data_seen;
};

struct sarr {
	struct srow *r;
	int32_t n, cap;
};

struct streams {
	struct sarr tcp, udp;
};

struct streams *streams_new(void)
{
	return xcalloc(1, sizeof(struct streams));
}

void streams_free(struct streams *s)
{
	if (!s)
		return;
	free(s->tcp.r);
	free(s->udp.r);
	free(s);
}

static struct srow *get(struct sarr *a, uint32_t id)
{
	if (id >= (uint32_t)INT32_MAX - 1)
		return NULL;
	if ((int32_t)id >= a->n) {
		xgrow(&a->r, &a->cap, (int32_t)id + 1, sizeof *a->r);
		/* zero only the rows now in use: the doubling's spare pages stay untouched */
		memset(a->r + a->n, 0, (size_t)((int32_t)id + 1 - a->n) * sizeof *a->r);
		a->n = (int32_t)id + 1;
	}
	return &a->r[id];
}

void streams_add(struct streams *s, const struct pinfo *pi)
{
	if (!pi->has_tcp && !pi->has_udp)
		return;
	int tcp = pi->has_tcp;
	struct srow *r = get(tcp ? &s->tcp : &s->udp, tcp ? pi->tcp_stream : pi->udp_stream);
	if (!r)
		return;
	if (!r->used) {
		r->used = 1;
		r->is_udp = !tcp;
		r->sum.id = tcp ? pi->tcp_stream : pi->udp_stream;
		r->sum.a = pi->src, r->sum.b = pi->dst;
		r->sum.pa = pi->sport, r->sum.pb = pi->dport;
		r->first_ns = r->last_ns = pi->ts_ns;
		r->sum.first_rel_ns = pi->rel_ns;
		r->irtt_ns = -1;
	}
	int dir = !(addr_cmp(&pi->src, &r->sum.a) == 0 && pi->sport == r->sum.pa);
	r->pkts[dir]++;
	r->bytes[dir] += pi->len;
	r->sum.pkts++;
	r->sum.bytes += pi->len;
	if (pi->ts_ns < r->first_ns)
		r->first_ns = pi->ts_ns;
	if (pi->ts_ns > r->last_ns)
		r->last_ns = pi->ts_ns;
	if (!tcp)
		return;
	for (int f = 0; f < PF_COUNT; f++)
		if (pi->aflags & (1u << f))
			r->sum.flags[f]++;
	uint16_t fl = pi->tcp_flags;
	if ((fl & TCPF_SYN) && !(fl & TCPF_ACK)) {
		r->syn++;
		if (!r->sum.syn_seen) {
			r->sum.syn_seen = 1;
			r->sum.syn_rel_ns = pi->rel_ns;
			r->sum.dst = pi->dst;
			r->sum.dport = pi->dport;
		}
	}
	if ((fl & TCPF_SYN) && (fl & TCPF_ACK))
		r->synack++;
	if (fl & TCPF_FIN)
		r->fin[dir]++;
	if (fl & TCPF_RST)
		r->rst++;
	if (pi->tcp_len)
		r->data_seen = 1;
	if (pi->initial_rtt_ns >= 0)
		r->irtt_ns = pi->initial_rtt_ns;
}

void streams_merge(struct streams *s, struct streams *const *parts, int n,
		   const struct engine_streams *es)
{
	for (int u = 0; u < 2; u++) {
		struct sarr *into = u ? &s->udp : &s->tcp;
		for (int w = 0; w < n; w++) {
			const struct sarr *a = u ? &parts[w]->udp : &parts[w]->tcp;
			for (int32_t i = 0; i < a->n; i++) {
				if (!a->r[i].used)
					continue;
				/* a stream lives on one worker: its row moves, nothing adds up */
				uint32_t g = engine_stream_global(es, u, w, (uint32_t)i);
				struct srow *r = get(into, g);
				if (!r)
					continue;
				*r = a->r[i];
				r->sum.id = g;
			}
		}
	}
}

uint32_t streams_tcp_count(const struct streams *s)
{
	return (uint32_t)s->tcp.n;
}

const struct stream_sum *streams_tcp_get(const struct streams *s, uint32_t id)
{
	return id < (uint32_t)s->tcp.n && s->tcp.r[id].used ? &s->tcp.r[id].sum : NULL;
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

static void emit(struct table *t, const struct srow *r)
{
	char ab[64];
	table_row(t);
	table_set_str(t, C_PROTO, r->is_udp ? "udp" : "tcp");
	table_set_uint(t, C_STREAM, r->sum.id);
	table_set_str(t, C_ADDR_A, r->sum.a.type ? addr_to_str(&r->sum.a, ab, sizeof ab) : NULL);
	table_set_uint(t, C_PORT_A, r->sum.pa);
	table_set_str(t, C_ADDR_B, r->sum.b.type ? addr_to_str(&r->sum.b, ab, sizeof ab) : NULL);
	table_set_uint(t, C_PORT_B, r->sum.pb);
	table_set_time(t, C_FIRST, r->first_ns);
	table_set_time(t, C_LAST, r->last_ns);
	table_set_double(t, C_DUR, (double)(r->last_ns - r->first_ns) / 1e9);
	table_set_uint(t, C_PKTS_AB, r->pkts[0]);
	table_set_uint(t, C_PKTS_BA, r->pkts[1]);
	table_set_uint(t, C_BYTES_AB, r->bytes[0]);
	table_set_uint(t, C_BYTES_BA, r->bytes[1]);
	table_set_double(t, C_AVG, (double)r->sum.bytes / (double)r->sum.pkts);
	if (r->is_udp)
		return;
	for (int f = 0; f < PF_COUNT; f++)
		table_set_uint(t, C_FLAGS + f, r->sum.flags[f]);
	table_set_uint(t, C_SYN, r->syn);
	table_set_uint(t, C_FIN, (uint64_t)r->fin[0] + r->fin[1]);
	table_set_uint(t, C_RST, r->rst);
	if (r->irtt_ns >= 0)
		table_set_double(t, C_IRTT, (double)r->irtt_ns / 1e9);
	table_set_str(t, C_STATE, state(r));
}

void streams_table(const struct streams *s, struct table *t)
{
	cols_init();
	table_init(t, "streams", cols, C_COUNT);
	for (int32_t i = 0; i < s->tcp.n; i++)
		if (s->tcp.r[i].used)
			emit(t, &s->tcp.r[i]);
	for (int32_t i = 0; i < s->udp.n; i++)
		if (s->udp.r[i].used)
			emit(t, &s->udp.r[i]);
}
