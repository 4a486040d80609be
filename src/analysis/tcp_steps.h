/*
** tcp_steps.h -- the per-segment updates tcp_track and tcp_track_stream share.
**
** Both must number streams and keep a conversation's state identically (a
** conversation a hook moves from the stream-only path to tcp_track goes on
** from this state), so the steps are written once.  Inline: they run for
** every TCP segment.
*/
#ifndef WIRESIFT_TCP_STEPS_H
#define WIRESIFT_TCP_STEPS_H

#include <stddef.h>
#include <string.h>

#include "tcp_analysis.h"

/*
** The steps take s's flags as fl: a caller that has tested a flag passes
** what it knows (the compiler reloads s->flags after any store through cv or r,
** which might alias s, and tests the flag again).
*/

/* tcp.completeness: set when the conversation is made, OR-ed afterwards */
static inline void tcp_step_completeness(struct tcp_conv *cv, const struct tcp_seg *s, uint16_t fl,
					 int created)
{
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

/* each direction's first sequence number, from its first segment or the peer's ACK */
static inline void tcp_step_bases(struct tcp_flow *fwd, struct tcp_flow *rev,
				  const struct tcp_seg *s, uint16_t fl)
{
	if (!fwd->base_set) {
		fwd->base_seq = (fl & TH_SYN) ? s->seq : s->seq - 1;
		fwd->base_set = 1;
	}
	if (!rev->base_set && (fl & TH_ACK)) {
		rev->base_seq = s->ack - 1;
		rev->base_set = 1;
	}
}

/* what tcp_track sets only for some segments: zero before the analysis */
static inline void tcp_result_clear(struct tcp_result *r)
{
	size_t from = offsetof(struct tcp_result, have_ta);
	memset((char *)r + from, 0, sizeof *r - from);
}

/*
** Window scale and first-ACK state: what the window figures (tcp.window_size,
** the window-full test) read, and nothing else -- so tcp_track_stream, whose
** jobs show none, leaves them out.
*/
static inline void tcp_step_scale(struct tcp_flow *fwd, const struct tcp_seg *s, uint16_t fl)
{
	struct tcp_flow *rev = tcp_flow_peer(fwd);
	if (s->ws_shift >= 0)
		fwd->win_scale = (int8_t)(s->ws_shift > 14 ? 14 : s->ws_shift);
	if (fl & TH_SYN) {
		if (fwd->win_scale == -1) {
			fwd->win_scale = -2;
			rev->win_scale = -2;
		} else if ((fl & TH_ACK) && rev->win_scale == -2) {
			fwd->win_scale = -2;
		}
		fwd->is_first_ack = 1;
	} else if (fl & TH_ACK) {
		fwd->is_first_ack = 0;
	}
}

/* server port, first RTT, FIN, the result's base numbers: after the analysis */
static inline void tcp_step_conv_tail(struct tcp_flow *fwd, const struct tcp_seg *s, uint16_t fl,
				      struct tcp_result *r)
{
	struct tcp_conv *cv = tcp_flow_conv(fwd);
	int dir = tcp_flow_dir(fwd);
	if (fl & TH_SYN) {
		/* iRTT state, server port */
		cv->has_server_port = 1;
		if (fl & TH_ACK) {
			cv->server_port = s->sport;
		} else {
			cv->ts_mru_syn = s->now;
			cv->server_port = s->dport;
		}
	} else if (fl & TH_ACK) {
		if (cv->ts_mru_syn && !cv->ts_first_rtt)
			cv->ts_first_rtt = s->now - cv->ts_mru_syn;
	}
	if (fl & TH_FIN) {
		r->fin_active = !cv->fin_seen[!dir];
		if (r->fin_active)
			cv->fin_seen[dir] = 1;
	}
	r->initial_rtt = cv->ts_first_rtt;
	r->fwd_base = fwd->base_seq;
	r->rev_base = tcp_flow_peer(fwd)->base_seq;
}

/* window scale, FIN, first RTT, first ACK, server port: after the analysis */
static inline void tcp_step_tail(struct tcp_flow *fwd, const struct tcp_seg *s, uint16_t fl,
				 struct tcp_result *r)
{
	tcp_step_scale(fwd, s, fl);
	tcp_step_conv_tail(fwd, s, fl, r);
}

#endif
