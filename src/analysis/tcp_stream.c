/*
** tcp_stream.c -- tcp_track without the sequence analysis, for jobs that show
** only frame, address, port and stream figures (TCP_LEAN_HDR: conv,
** endpoints, io,stat without columns, -T fields up to tcp.stream).
**
** What decides tcp.stream is kept exactly as in tcp_track (specs/tcp-analysis.md
** §3, port reuse): the lookup, a dissector's restart, and a SYN whose sequence
** number differs from the direction's base -- so the base numbers are kept
** too.  The per-conversation state a later full tracking reads (window scale,
** first RTT, FIN, server port, completeness) costs a few stores and is kept as
** well.  What is skipped is analyze(): the unacked lists, every tcp.analysis
** flag, bytes in flight and the SACK blocks.  A conversation a hook put on the
** full path (lean_full, tcp_lean.h) goes to tcp_track from its next frame on;
** its analysis then starts from what it sees, like tshark's on a capture that
** begins mid-connection (docs/ARCHITECTURE.md, "Lean statistics jobs").
*/
#include <string.h>

#include "tcp_analysis.h"

/* one direction's first sequence numbers, as tcp_track sets them */
static void set_bases(struct tcp_flow *fwd, struct tcp_flow *rev, const struct tcp_seg *s)
{
	uint16_t fl = s->flags;
	if (!fwd->base_set) {
		fwd->base_seq = (fl & TH_SYN) ? s->seq : s->seq - 1;
		fwd->base_set = 1;
	}
	if (!rev->base_set && (fl & TH_ACK)) {
		rev->base_seq = s->ack - 1;
		rev->base_set = 1;
	}
}

static void set_completeness(struct tcp_conv *cv, const struct tcp_seg *s, int created)
{
	uint16_t fl = s->flags;
	if (created) {
		cv->completeness = (fl & (TH_SYN | TH_ACK)) == TH_SYN ? (s->seglen ? 9 : 1) : 0;
		return;
	}
	if ((fl & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK))
		cv->completeness |= 2;
	else if ((fl & (TH_SYN | TH_ACK)) == TH_ACK)
		cv->completeness |= s->seglen ? 8 : 4;
	if ((fl & (TH_FIN | TH_ACK)) == (TH_FIN | TH_ACK))
		cv->completeness |= 16;
	if (fl & TH_RST)
		cv->completeness |= 32;
}

/* window scale, FIN, first RTT, first ACK, server port: tcp_track's tail */
static void keep_tail(struct tcp_conv *cv, int dir, const struct tcp_seg *s, struct tcp_result *r)
{
	struct tcp_flow *fwd = &cv->flow[dir], *rev = &cv->flow[!dir];
	uint16_t fl = s->flags;
	fwd->nsack = 0;
	if (s->ws_shift >= 0)
		fwd->win_scale = (int8_t)(s->ws_shift > 14 ? 14 : s->ws_shift);
	if (fl & TH_SYN) {
		if (fwd->win_scale == -1) {
			fwd->win_scale = -2;
			rev->win_scale = -2;
		} else if ((fl & TH_ACK) && rev->win_scale == -2) {
			fwd->win_scale = -2;
		}
	}
	if (fl & TH_FIN) {
		r->fin_active = !rev->fin_seen;
		if (r->fin_active)
			fwd->fin_seen = 1;
	}
	if ((fl & (TH_SYN | TH_ACK)) == TH_SYN)
		cv->ts_mru_syn = s->now;
	if ((fl & (TH_SYN | TH_ACK)) == TH_ACK && cv->ts_mru_syn && !cv->ts_first_rtt)
		cv->ts_first_rtt = s->now - cv->ts_mru_syn;
	if (fl & TH_SYN)
		fwd->is_first_ack = 1;
	else if (fl & TH_ACK)
		fwd->is_first_ack = 0;
	if ((fl & (TH_SYN | TH_ACK)) == TH_SYN)
		cv->server_port = s->dport, cv->has_server_port = 1;
	else if ((fl & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK))
		cv->server_port = s->sport, cv->has_server_port = 1;
}

void tcp_track_stream(struct tcp_state *st, const struct tcp_seg *s, struct tcp_result *r)
{
	struct conv_key k;
	int dir;
	conv_key_make(&k, CONV_TCP, s->atype, s->alen, s->src, s->dst, s->sport, s->dport, &dir);
	void **slot = tcp_state_slot(st, &k, s->frame);
	struct tcp_conv *cv = *slot;
	if (cv && cv->lean_full) {
		tcp_track(st, s, r);
		return;
	}
	memset(r, 0, sizeof *r);
	int created = 0;
	if (cv && cv->restart_next && !s->in_error) {
		cv = *slot = tcp_state_conv_new(st, cv);
		created = 1;
	} else if (!cv) {
		cv = *slot = tcp_state_conv_new(st, NULL);
		created = 1;
	}
	uint16_t fl = s->flags, synack = fl & (TH_SYN | TH_ACK);
	struct tcp_flow *fwd = &cv->flow[dir];
	int reused = 0;
	if (synack == TH_SYN && fwd->base_set && s->seq != fwd->base_seq) {
		/* a new connection on an old 4-tuple: a new stream, SYN_SENT */
		cv = *slot = tcp_state_conv_new(st, cv);
		created = reused = 1;
		fwd = &cv->flow[dir];
		cv->completeness = 1;
		r->flags = TA_REUSED_PORTS;
	} else if (synack == (TH_SYN | TH_ACK) && fwd->base_set && s->seq != fwd->base_seq) {
		fwd->base_seq = s->seq;
		r->flags = TA_REUSED_PORTS;
	}
	r->have_ta = r->flags != 0;
	r->conv = cv;
	r->dir = dir;
	r->stream = cv->stream;
	r->completeness = cv->completeness;
	if (!reused)
		set_completeness(cv, s, created);
	if (s->have_seglen)
		set_bases(fwd, &cv->flow[!dir], s);
	r->win_scale = fwd->win_scale;
	keep_tail(cv, dir, s, r);
	r->initial_rtt = cv->ts_first_rtt;
	r->fwd_base = fwd->base_seq;
	r->rev_base = cv->flow[!dir].base_seq;
}
