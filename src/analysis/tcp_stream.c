/*
** tcp_stream.c -- tcp_track without the sequence analysis, for jobs that show
** only frame, address, port and stream figures (TCP_LEAN_HDR: conv,
** endpoints, io,stat without columns, -T fields up to tcp.stream).
**
** What decides tcp.stream is kept exactly as in tcp_track (specs/tcp-analysis.md
** §3, port reuse): the lookup, a dissector's restart, and a SYN whose sequence
** number differs from the direction's base -- so the base numbers are kept
** too.  The per-conversation state a later full tracking decides by (first
** RTT, server port) costs a few stores and is kept as well, and the FIN
** state, a test on the common segment.  What is skipped is analyze(): the
** unacked lists, every tcp.analysis flag, bytes in flight and the SACK blocks
** (never set here, so a conversation's stay 0); and what only fields after
** tcp.stream show, which no such job can:
** tcp.completeness and the window scale (tcp_step_scale: tcp.window_size and
** the window-full flag).  The result's completeness and scale stay 0.
**
** A conversation a hook put on the full path (lean_full, tcp_lean.h) goes to
** tcp_track from its next frame on; its analysis then starts from what it
** sees (the window scale unknown), like tshark's on a capture that begins
** mid-connection (docs/ARCHITECTURE.md, "Lean statistics jobs").
*/
#include "tcp_analysis.h"
#include "tcp_state.h"
#include "tcp_steps.h"

/* the same steps for a segment without SYN on a conversation that goes on */
static inline __attribute__((always_inline)) void
stream_plain(struct tcp_flow *fwd, const struct tcp_seg *s, struct tcp_result *r)
{
	struct tcp_conv *cv = tcp_flow_conv(fwd);
	uint16_t fl = s->flags & (uint16_t)~TH_SYN;
	r->conv = cv;
	r->dir = tcp_flow_dir(fwd);
	r->stream = cv->stream;
	if (s->have_seglen)
		tcp_step_bases(fwd, tcp_flow_peer(fwd), s, fl);
	tcp_step_conv_tail(fwd, s, fl, r);
}

/* tcp_track_stream for any segment, r cleared (the tests tcp_track_stream made are made again) */
static __attribute__((noinline)) int stream_any(struct tcp_state *st, const struct tcp_seg *s,
						struct tcp_result *r)
{
	int dir;
	void **slot = tcp_lookup_slot(st, s, &dir);
	struct tcp_conv *cv = *slot;
	if (cv && cv->lean_full)
		return 0;
	r->time_rel = r->time_delta = 0; /* no analysis, no times */
	if (cv && cv->restart_next && !s->in_error)
		cv = *slot = tcp_state_conv_new(st, cv);
	else if (!cv)
		cv = *slot = tcp_state_conv_new(st, NULL);
	uint16_t fl = s->flags, synack = fl & (TH_SYN | TH_ACK);
	struct tcp_flow *fwd = &cv->flow[dir];
	if (synack == TH_SYN && fwd->base_set && s->seq != fwd->base_seq) {
		/* a new connection on an old 4-tuple: a new stream, SYN_SENT */
		cv = *slot = tcp_state_conv_new(st, cv);
		fwd = &cv->flow[dir];
		r->flags = TA_REUSED_PORTS;
	} else if (synack == (TH_SYN | TH_ACK) && fwd->base_set && s->seq != fwd->base_seq) {
		fwd->base_seq = s->seq;
		r->flags = TA_REUSED_PORTS;
	}
	r->have_ta = r->flags != 0;
	r->conv = cv;
	r->dir = dir;
	r->stream = cv->stream;
	if (s->have_seglen)
		tcp_step_bases(fwd, &cv->flow[!dir], s, fl);
	tcp_step_conv_tail(fwd, s, fl, r);
	return 1;
}

/*
** The common segment -- a recent hit on a conversation without SYN, restart
** or hook, and no sweep due -- calls nothing: with no call on its path it
** keeps everything in scratch registers and saves none.  Any other goes to
** stream_any from the start (the tests here change nothing).
*/
int tcp_track_stream(struct tcp_state *st, const struct tcp_seg *s, struct tcp_result *r)
{
	/* here, before the tests: in the path it became a `rep stos` (as in tcp_track) */
	tcp_result_clear(r);
	void **slot;
	int dir;
	if (tcp_reasm_due(st, s->frame) || !(slot = tcp_recent_find(st, s, &dir, 0)))
		return stream_any(st, s, r);
	struct tcp_conv *cv = *slot;
	if (!cv || cv->lean_full || cv->restart_next || (s->flags & TH_SYN)) {
		/* a hooked conversation: straight back, not through stream_any's lookup */
		if (cv && cv->lean_full)
			return 0;
		return stream_any(st, s, r);
	}
	r->time_rel = r->time_delta = 0; /* no analysis, no times */
	struct tcp_flow *fwd = &cv->flow[dir];
	__asm__("" : "+r"(fwd)); /* derive cv and dir from fwd (see tcp_track) */
	stream_plain(fwd, s, r);
	return 1;
}
