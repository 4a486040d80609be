/*
** sessions.c -- of the TCP sessions that started in the capture (a SYN
** without ACK seen), how many saw a lost segment (previous segment not
** captured, or ACKed unseen) or a retransmission, at any time in their life.
** Counting new sessions, not lost frames, is the point (seed 003): sessions
** already in flight when the capture started would skew a per-frame ratio.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "report.h"

enum { C_FROM, C_TO, C_SESS, C_LOSSY, C_LOSSY_PCT, C_RETR, C_RETR_PCT, C_ANY, C_ANY_PCT, C_COUNT };
static const struct tcol cols[C_COUNT] = {
    {"window_start", COL_DOUBLE},
    {"window_end", COL_DOUBLE},
    {"sessions", COL_UINT},
    {"with_lost_segment", COL_UINT},
    {"lost_pct", COL_DOUBLE},
    {"with_retransmission", COL_UINT},
    {"retransmission_pct", COL_DOUBLE},
    {"with_either", COL_UINT},
    {"either_pct", COL_DOUBLE},
};

struct bucket {
	uint64_t n, lossy, retr, any;
};

static int selected(const struct stream_sum *ss, const struct rep_opts *o)
{
	if (!ss || !ss->syn_seen)
		return 0;
	/* without --window every SYN counts, even one stamped before the first frame */
	if (o->has_window && (ss->syn_rel_ns < o->win_from_ns ||
			      (o->win_to_ns >= 0 && ss->syn_rel_ns >= o->win_to_ns)))
		return 0;
	if (o->nservers) {
		int hit = 0;
		for (int i = 0; i < o->nservers; i++)
			hit |= !addr_cmp(&ss->dst, &o->servers[i]);
		if (!hit)
			return 0;
	}
	if (o->nports) {
		int hit = 0;
		for (int i = 0; i < o->nports; i++)
			hit |= ss->dport == o->ports[i];
		if (!hit)
			return 0;
	}
	return 1;
}

static void row(struct table *t, double from, double to, const struct bucket *b)
{
	double n = b->n ? (double)b->n : 1;
	table_row(t);
	table_set_double(t, C_FROM, from);
	if (to >= 0)
		table_set_double(t, C_TO, to);
	table_set_uint(t, C_SESS, b->n);
	table_set_uint(t, C_LOSSY, b->lossy);
	table_set_double(t, C_LOSSY_PCT, 100.0 * (double)b->lossy / n);
	table_set_uint(t, C_RETR, b->retr);
	table_set_double(t, C_RETR_PCT, 100.0 * (double)b->retr / n);
	table_set_uint(t, C_ANY, b->any);
	table_set_double(t, C_ANY_PCT, 100.0 * (double)b->any / n);
}

void sessions_table(const struct streams *s, const struct rep_opts *o, struct table *t)
{
	table_init(t, "sessions", cols, C_COUNT);
	uint32_t n = streams_tcp_count(s);
	struct bucket all = {0};
	struct bucket *per = NULL;
	int32_t nper = 0, capper = 0;
	int64_t w = o->interval_ns > 0 ? o->interval_ns : 1000000000LL;
	for (uint32_t i = 0; i < n; i++) {
		struct stream_sum sum;
		const struct stream_sum *ss = streams_tcp_get(s, i, &sum) ? &sum : NULL;
		if (!selected(ss, o))
			continue;
		int lossy = ss->flags[PF_LOST_SEGMENT] || ss->flags[PF_ACK_LOST_SEGMENT];
		int retr = ss->flags[PF_RETRANS] != 0;
		struct bucket *b[2] = {&all, NULL};
		if (o->per) {
			int64_t k = (ss->syn_rel_ns - o->win_from_ns) / w;
			if (k < 0)
				k = 0; /* a SYN stamped before the first frame: with the first
					  interval */
			if (k < INT32_MAX - 1) {
				if (k >= nper) {
					xgrow(&per, &capper, (int32_t)k + 1, sizeof *per);
					memset(per + nper, 0, (size_t)(k + 1 - nper) * sizeof *per);
					nper = (int32_t)k + 1;
				}
				b[1] = &per[k];
			}
		}
		for (int j = 0; j < 2; j++) {
			if (!b[j])
				continue;
			b[j]->n++;
			b[j]->lossy += lossy;
			b[j]->retr += retr;
			b[j]->any += lossy || retr;
		}
	}
	double from = (double)o->win_from_ns / 1e9;
	if (o->per) {
		for (int32_t k = 0; k < nper; k++)
			if (per[k].n)
				row(t, from + (double)k * (double)w / 1e9,
				    from + (double)(k + 1) * (double)w / 1e9, &per[k]);
	} else {
		row(t, from, o->win_to_ns >= 0 ? (double)o->win_to_ns / 1e9 : -1, &all);
	}
	free(per);
}
