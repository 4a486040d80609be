/*
** tcp_analysis.c -- tshark 4.0's first-pass TCP sequence analysis.
**
** The decision order below is the contract (specs/tcp-analysis.md §5):
** several flags exclude each other only through the early exits, so the
** steps are kept in tshark's order and numbered like the spec.
**
** Unacked segments live in one pool per worker, linked by 32-bit indices:
** a flow costs nothing per packet once its segments are acked, and the pool
** recycles nodes without touching malloc in the steady state.
*/
#include "tcp_analysis.h"
#include "tcp_state.h"
#include "tcp_steps.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "seq.h"

struct tcp_useg {
	uint32_t seq, nextseq, frame;
	uint32_t next; /* pool index, 0 = end */
	int64_t time;
};

/*
** Open PDUs past this many bytes: drop the ones idle longest.  tshark keeps
** every one, and on a 10M-packet capture the PDUs still waiting when the file
** ends (a header that never got its body) were 270 MB of a 400 MB heap.
*/
#define TCP_MSP_BUDGET ((size_t)64 << 20)
/* A PDU some segment reached fewer frames ago than this is never dropped. */
#define TCP_MSP_MIN_IDLE 16384u

#define CONV_BLK 1024

struct tcp_state *tcp_state_new(void)
{
	struct tcp_state *st = xcalloc(1, sizeof *st);
	st->convs = conv_table_new();
	st->recent = aligned_alloc(_Alignof(struct tcp_recent), TCP_RECENT * sizeof *st->recent);
	if (!st->recent)
		die("out of memory (%zu bytes)", TCP_RECENT * sizeof *st->recent);
	memset(st->recent, 0, TCP_RECENT * sizeof *st->recent);
	st->msp_budget = st->msp_limit = TCP_MSP_BUDGET;
	st->pool_used = 1;
	return st;
}

static void rx_free(struct tcp_rx **x)
{
	if (!*x)
		return;
	tcp_msp_free((*x)->msp);
	free(*x);
	*x = NULL;
}

struct tcp_rx *tcp_rx_make(struct tcp_conv *cv, int dir)
{
	if (!cv->rx[dir])
		cv->rx[dir] = xcalloc(1, sizeof *cv->rx[dir]);
	return cv->rx[dir];
}

static void conv_free_val(void *p)
{
	struct tcp_conv *c = p;
	rx_free(&c->rx[0]);
	rx_free(&c->rx[1]);
}

void tcp_state_free(struct tcp_state *st)
{
	if (!st)
		return;
	conv_table_free(st->convs, conv_free_val);
	for (int32_t i = 0; i < st->ncblk; i++)
		free(st->cblk[i]);
	free(st->cblk);
	free(st->pool);
	free(st->recent);
	free(st);
}

uint32_t tcp_state_flows(const struct tcp_state *st)
{
	return conv_count(st->convs);
}

static uint32_t useg_alloc(struct tcp_state *st)
{
	uint32_t i = st->pool_free;
	if (i) {
		st->pool_free = st->pool[i].next;
		return i;
	}
	if (st->pool_used >= (uint32_t)st->pool_cap)
		xgrow(&st->pool, &st->pool_cap, (int32_t)st->pool_used + 1, sizeof *st->pool);
	return st->pool_used++;
}

static void useg_release(struct tcp_state *st, uint32_t i)
{
	st->pool[i].next = st->pool_free;
	st->pool_free = i;
}

static void flow_release(struct tcp_state *st, struct tcp_flow *f)
{
	uint32_t i = f->seg_head;
	while (i) {
		uint32_t n = st->pool[i].next;
		useg_release(st, i);
		i = n;
	}
	f->seg_head = 0;
	f->nsegs = 0;
}

/* the conversation is zeroed: only what does not start at 0 */
static void flow_init(struct tcp_flow *f)
{
	f->window = 0xffffffffu;
	f->win_scale = -1;
	f->valid_bif = 1;
}

/* 256-aligned (tcp_flow_conv and struct tcp_conv's cache-line layout count on it) */
static struct tcp_conv *conv_block_new(void)
{
	struct tcp_conv *b = aligned_alloc(_Alignof(struct tcp_conv), CONV_BLK * sizeof *b);
	if (!b)
		die("out of memory (%zu bytes)", CONV_BLK * sizeof *b);
	return b;
}

static struct tcp_conv *conv_alloc(struct tcp_state *st)
{
	struct tcp_conv *c = st->cfree;
	if (c) {
		st->cfree = *(struct tcp_conv **)c;
		return c;
	}
	if (!st->ncblk || st->cblk_used == CONV_BLK) {
		xgrow(&st->cblk, &st->capcblk, st->ncblk + 1, sizeof *st->cblk);
		st->cblk[st->ncblk++] = conv_block_new();
		st->cblk_used = 0;
	}
	return &st->cblk[st->ncblk - 1][st->cblk_used++];
}

static struct tcp_conv *conv_new(struct tcp_state *st)
{
	struct tcp_conv *c = conv_alloc(st);
	memset(c, 0, sizeof *c);
	c->stream = st->next_stream++;
	flow_init(&c->flow[0]);
	flow_init(&c->flow[1]);
	return c;
}

static void conv_drop(struct tcp_state *st, struct tcp_conv *c)
{
	flow_release(st, &c->flow[0]);
	flow_release(st, &c->flow[1]);
	rx_free(&c->rx[0]);
	rx_free(&c->rx[1]);
	*(struct tcp_conv **)c = st->cfree;
	st->cfree = c;
}

#define TA(f) (r->have_ta = 1, r->flags |= (f))

/* §5 steps 10 and 11: what the segment's ACK number tells of both directions */
static inline void step_ack_numbers(struct tcp_flow *fwd, const struct tcp_seg *s,
				    struct tcp_result *r)
{
	struct tcp_flow *rev = tcp_flow_peer(fwd);
	uint32_t ack = s->ack;
	/* 10. */
	if (ack != fwd->lastack) {
		fwd->lastnondupack = s->frame;
		fwd->dupacknum = 0;
	}
	/* 11. */
	if (rev->maxseqtobeacked && seq_gt(ack, rev->maxseqtobeacked) && (s->flags & TH_ACK)) {
		r->have_ta = 1;
		if (seq_lt(rev->maxseqtobeacked, rev->nextseq)) {
			rev->maxseqtobeacked = rev->nextseq;
			TA(TA_ACK_LOST_PACKET);
		} else {
			if (rev->dupacknum == 0)
				TA(TA_ACK_LOST_PACKET);
			rev->dupacknum = 0xffffffffu;
		}
	}
}

/* §5 step 13: remember the segment until the peer acks it */
static inline void step_unacked_add(struct tcp_state *st, struct tcp_flow *fwd,
				    const struct tcp_seg *s, uint32_t nextseq)
{
	if (fwd->nsegs < TCP_MAX_UNACKED) {
		uint32_t i = useg_alloc(st);
		struct tcp_useg *u = &st->pool[i];
		u->frame = s->frame;
		u->seq = s->seq;
		u->nextseq = nextseq;
		u->time = s->now;
		u->next = fwd->seg_head;
		fwd->seg_head = i;
		fwd->nsegs++;
	}
}

/* §5 steps 15 and 16 (step 14, the next sequence number, is done before) */
static inline void step_flow_tail(struct tcp_flow *fwd, const struct tcp_seg *s, int zwp)
{
	/* 15. */
	if ((s->seq == fwd->maxseqtobeacked || !fwd->maxseqtobeacked) && !zwp)
		fwd->maxseqtobeacked = fwd->nextseq;
	/* 16. */
	fwd->window = s->win;
	fwd->lastack = s->ack;
	fwd->lastacktime = s->now;
}

/* §5 step 18: the peer's segments this ACK covers */
static inline void step_acked(struct tcp_state *st, struct tcp_flow *fwd, const struct tcp_seg *s,
			      struct tcp_result *r)
{
	struct tcp_flow *rev = tcp_flow_peer(fwd);
	uint32_t ack = s->ack;
	uint32_t *link = &rev->seg_head;
	while (*link) {
		uint32_t i = *link;
		struct tcp_useg *u = &st->pool[i];
		if (ack == u->nextseq) {
			r->have_ta = 1;
			r->frame_acked = u->frame;
			r->ack_rtt = s->now - u->time;
		} else if (seq_gt(ack, u->seq) && seq_le(ack, u->nextseq)) {
			u->seq = ack;
			continue;
		} else if (seq_gt(u->nextseq, ack)) {
			link = &u->next;
			continue;
		}
		*link = u->next;
		useg_release(st, i);
		rev->nsegs--;
	}
}

/* §5 step 19: bytes in flight and push bytes, for a segment with a payload */
static inline void step_in_flight(struct tcp_state *st, struct tcp_flow *fwd,
				  const struct tcp_seg *s, struct tcp_result *r)
{
	uint32_t seglen = s->seglen;
	uint16_t fl = s->flags;
	if (!fwd->seg_head || !fwd->valid_bif)
		return;
	/* a walk of every unacked segment: only for a job that shows the result */
	if (!s->skip_bif) {
		struct tcp_flow *rev = tcp_flow_peer(fwd);
		uint32_t base = fwd->base_seq;
		uint32_t i = fwd->seg_head;
		uint32_t lo = st->pool[i].seq - base, hi = st->pool[i].nextseq - base;
		for (i = st->pool[i].next; i; i = st->pool[i].next) {
			uint32_t a = st->pool[i].seq - base, b = st->pool[i].nextseq - base;
			if (a < lo)
				lo = a;
			if (b > hi)
				hi = b;
		}
		uint32_t in_flight = hi - lo;
		const struct tcp_conv *cv = tcp_flow_conv(fwd);
		int rd = tcp_flow_dir(rev);
		for (int k = 0; k < cv->nsack[rd]; k++)
			in_flight -= cv->sack_re[rd][k] - cv->sack_le[rd][k];
		if (in_flight > 0 && in_flight < 2000000000u)
			r->bytes_in_flight = in_flight - ((fl & (TH_SYN | TH_FIN)) ? 1 : 0);
	}
	/* the push-bytes record exists even when the BiF is out of range */
	r->have_ta = 1;
	if (fl & TH_PUSH) {
		if (!fwd->push_set_last)
			fwd->push_bytes_sent += seglen;
		else
			fwd->push_bytes_sent = seglen;
		fwd->push_set_last = 1;
	} else if (fwd->push_set_last) {
		fwd->push_bytes_sent = seglen;
		fwd->push_set_last = 0;
	} else {
		fwd->push_bytes_sent += seglen;
	}
	r->push_bytes_sent = fwd->push_bytes_sent;
}

/* §5: one segment through the analysis, first pass. */
static inline void analyze(struct tcp_state *st, struct tcp_flow *fwd, const struct tcp_seg *s,
			   struct tcp_result *r)
{
	struct tcp_flow *rev = tcp_flow_peer(fwd);
	uint32_t seq = s->seq, ack = s->ack, seglen = s->seglen, win = s->win;
	uint16_t fl = s->flags;
	int synfinrst = (fl & (TH_SYN | TH_FIN | TH_RST)) != 0;
	int64_t now = s->now;

	if (fl & TH_ACK)
		rev->valid_bif = 1;

	/* 1. zero-window probe */
	if (seglen == 1 && seq == fwd->nextseq && rev->window == 0) {
		TA(TA_ZERO_WINDOW_PROBE);
		goto finished_fwd;
	}
	/* 2. */
	if (win == 0 && !synfinrst)
		TA(TA_ZERO_WINDOW);
	/* 3. */
	if (fwd->nextseq && seq_gt(seq, fwd->nextseq) && !(fl & TH_RST)) {
		TA(TA_LOST_PACKET);
		fwd->valid_bif = 0;
	}
	/* 4. */
	if (seglen <= 1 && seq == fwd->nextseq - 1 && !synfinrst)
		TA(TA_KEEP_ALIVE);
	/*
	 * 5.-9.: 6 needs a payload, the others none, so 6 goes first and the
	 * others share their common test.
	 */
	if (seglen > 0) {
		/* 6. */
		if (rev->win_scale != -1 && !synfinrst) {
			int sh = (rev->is_first_ack || rev->win_scale == -2) ? 0 : rev->win_scale;
			if (seq + seglen == rev->lastack + (rev->window << sh))
				TA(TA_WINDOW_FULL);
		}
	} else if (seq == fwd->nextseq && ack == fwd->lastack && !synfinrst) {
		uint32_t fwin = fwd->window;
		/* 5. */
		if (win && win != fwin)
			TA(TA_WINDOW_UPDATE);
		/* 7. */
		if (win && win == fwin && (rev->lastsegmentflags & TA_KEEP_ALIVE)) {
			TA(TA_KEEP_ALIVE_ACK);
			goto finished_fwd;
		}
		/* 8. */
		if (win == 0 && fwin == 0 && (rev->lastsegmentflags & TA_ZERO_WINDOW_PROBE)) {
			TA(TA_ZERO_WINDOW_PROBE_ACK);
			goto finished_fwd;
		}
		/* 9. */
		if (win && win == fwin) {
			if (fwd->dupacknum == 0xffffffffu)
				fwd->dupacknum = 1;
			else
				fwd->dupacknum++;
			TA(TA_DUPLICATE_ACK);
			r->dupack_num = fwd->dupacknum;
			r->dupack_frame = fwd->lastnondupack;
		}
	}

finished_fwd:
	step_ack_numbers(fwd, s, r);
	/* the sequence space the segment takes: SYN and FIN count one (no segment nears 4 GiB) */
	uint32_t span = seglen + ((fl & (TH_SYN | TH_FIN)) != 0);
	/* 12. */
	if (span) {
		int not_adv = fwd->nextseq && seq_lt(seq, fwd->nextseq);
		if (r->flags & TA_KEEP_ALIVE)
			goto finished_checking;
		if (seglen > 1 && fwd->nextseq - 1 == seq)
			not_adv = 0;
		if (seglen > 0 && rev->lastack && seq_le(seq + seglen, rev->lastack)) {
			TA(TA_SPURIOUS_RETRANSMISSION);
			goto finished_checking;
		}
		if (not_adv && rev->dupacknum >= 2 && rev->lastack == seq &&
		    now - rev->lastacktime < 20000000) {
			TA(TA_FAST_RETRANSMISSION);
			goto finished_checking;
		}
		int64_t rtt = tcp_flow_conv(fwd)->ts_first_rtt;
		int64_t thr = rtt ? rtt : 3000000;
		uint32_t snext = seq + span;
		if (not_adv && now - fwd->nextseqtime < thr && fwd->nextseq != snext) {
			TA(TA_OUT_OF_ORDER);
			goto finished_checking;
		}
		if (not_adv) {
			TA(TA_RETRANSMISSION);
			r->rto = now - fwd->nextseqtime;
			r->rto_frame = fwd->nextseqframe;
			for (uint32_t i = fwd->seg_head; i; i = st->pool[i].next) {
				r->rto = now - st->pool[i].time;
				r->rto_frame = st->pool[i].frame;
			}
		}
	}
finished_checking:;
	/* 13. */
	uint32_t nextseq = seq + span;
	if (span)
		step_unacked_add(st, fwd, s, nextseq);
	int zwp = (r->flags & TA_ZERO_WINDOW_PROBE) != 0;
	/* 14. */
	if ((seq_gt(nextseq, fwd->nextseq) || !fwd->nextseq) && !zwp) {
		fwd->nextseq = nextseq;
		fwd->nextseqframe = s->frame;
		fwd->nextseqtime = now;
	}
	step_flow_tail(fwd, s, zwp);
	/* 17. */
	fwd->lastsegmentflags = (uint8_t)(r->flags & (TA_KEEP_ALIVE | TA_ZERO_WINDOW_PROBE));
	step_acked(st, fwd, s, r);
	if (seglen)
		step_in_flight(st, fwd, s, r);
}

static void evict_idle(void *val, void *arg)
{
	struct tcp_conv *c = val;
	uint32_t before = *(const uint32_t *)arg;
	for (int d = 0; d < 2; d++) {
		struct tcp_rx *x = c->rx[d];
		if (x && x->msp && x->msp->last_frame < before) {
			tcp_msp_free(x->msp);
			x->msp = NULL;
			x->until_fin = 0;
		}
	}
}

/*
** Over budget: free the PDUs no segment has reached for the longest, halving
** the idle age until half the budget is free.  Deterministic for one input.
** When what is left is all recent, the next sweep waits until it grows by
** half or 64k frames have passed, so sweeps stay rare.
*/
__attribute__((noinline)) void tcp_reasm_sweep(struct tcp_state *st, uint32_t frame)
{
	uint32_t idle = 1u << 20, oldest = frame;
	while (tcp_msp_held() > st->msp_budget / 2 && idle >= TCP_MSP_MIN_IDLE) {
		uint32_t before = frame > idle ? frame - idle : 0;
		conv_table_each(st->convs, evict_idle, &before);
		oldest = before;
		idle /= 2;
	}
#ifdef __GLIBC__
	malloc_trim(0); /* the freed buffers lie amid the heap: hand their pages back */
#endif
	size_t h = tcp_msp_held();
	st->msp_limit = h > st->msp_budget / 2 ? h + h / 2 : st->msp_budget;
	st->msp_next = frame + 65536;
	if (!st->msp_warned) {
		st->msp_warned = 1;
		fprintf(stderr,
			"wiresift: TCP reassembly: more than %zu MiB of PDUs pending at frame %u; "
			"those idle since before frame %u are dropped (tshark keeps them)\n",
			st->msp_budget >> 20, frame, oldest);
	}
}

void tcp_state_set_msp_budget(struct tcp_state *st, size_t bytes)
{
	st->msp_budget = st->msp_limit = bytes;
}

/* a missed segment's tuple into its recent entry */
static void recent_fill(struct tcp_recent *e, const struct tcp_seg *s, int dir, void **slot)
{
	if (s->alen == 4) {
		e->a0 = (uint64_t)tcp_ld32(s->dst) << 32 | tcp_ld32(s->src);
		e->a1 = e->b0 = e->b1 = 0;
	} else {
		e->a0 = tcp_ld64(s->src), e->a1 = tcp_ld64(s->src + 8);
		e->b0 = tcp_ld64(s->dst), e->b1 = tcp_ld64(s->dst + 8);
	}
	e->ports = (uint32_t)s->sport << 16 | s->dport;
	e->atype = s->atype;
	e->alen = s->alen;
	e->dir = (uint8_t)dir;
	e->slot = slot;
}

/* a miss of tcp_lookup_slot: the table, and the recent entry refilled */
__attribute__((noinline)) void **tcp_lookup_miss(struct tcp_state *st, const struct tcp_seg *s,
						 int *dir, struct tcp_recent *e)
{
	struct conv_key k;
	if (s->alen == 4)
		conv_key_make4(&k, CONV_TCP, s->atype, s->src, s->dst, s->sport, s->dport, dir);
	else
		conv_key_make(&k, CONV_TCP, s->atype, s->alen, s->src, s->dst, s->sport, s->dport,
			      dir);
	void **slot = conv_slot(st->convs, &k, 1);
	if (e)
		recent_fill(e, s, *dir, slot);
	return slot;
}

/* everything but the common segment of track_fast (r cleared) */
static __attribute__((noinline)) void track_full(struct tcp_state *st, const struct tcp_seg *s,
						 struct tcp_result *r, void **slot, int dir)
{
	struct tcp_conv *cv = *slot;
	int created = 0;
	if (cv && cv->restart_next && !s->in_error) {
		conv_drop(st, cv);
		cv = *slot = NULL;
	}
	if (!cv) {
		cv = *slot = conv_new(st);
		created = 1;
	}
	uint16_t fl = s->flags;
	struct tcp_flow *fwd = &cv->flow[dir];
	if ((fl & (TH_SYN | TH_ACK)) == TH_SYN && fwd->base_set && s->seq != fwd->base_seq) {
		/* a new connection on an old 4-tuple: a new stream */
		conv_drop(st, cv);
		cv = *slot = conv_new(st);
		created = 1;
		fwd = &cv->flow[dir];
		TA(TA_REUSED_PORTS);
		/* the reused conversation is SYN_SENT before this frame is shown */
		cv->completeness = 1;
	} else if ((fl & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK) && fwd->base_set &&
		   s->seq != fwd->base_seq) {
		fwd->base_seq = s->seq;
		TA(TA_REUSED_PORTS);
	} else if ((fl & (TH_SYN | TH_ACK)) == TH_SYN && fwd->base_set && s->seq == fwd->base_seq) {
		/* a SYN retransmission: judged again from the start */
		fwd->nextseq = fwd->maxseqtobeacked;
		r->have_ta = 1;
	}
	struct tcp_flow *rev = &cv->flow[!dir];
	r->conv = cv;
	r->dir = dir;
	r->stream = cv->stream;
	r->completeness = cv->completeness;
	if (!created || !(r->flags & TA_REUSED_PORTS))
		tcp_step_completeness(cv, s, s->flags, created);

	/* conversation timestamps */
	if (!(cv->ts_first | cv->ts_prev)) { /* a new conversation is zeroed */
		cv->ts_first = s->now;
		cv->ts_prev = s->now;
	}
	r->time_rel = s->now - cv->ts_first;
	r->time_delta = s->now - cv->ts_prev;
	cv->ts_prev = s->now;

	if (s->have_seglen)
		tcp_step_bases(fwd, rev, s, s->flags);
	r->win_scale = fwd->win_scale;

	if (s->have_seglen)
		analyze(st, fwd, s, r);

	/* options: SACK blocks for the peer's bytes-in-flight, window scale */
	cv = tcp_flow_conv(fwd);
	dir = tcp_flow_dir(fwd);
	if (s->nsack | cv->nsack[dir]) {
		int nsack = s->nsack < 3 ? s->nsack : 3;
		cv->nsack[dir] = (uint8_t)nsack;
		for (int i = 0; i < nsack; i++) {
			cv->sack_le[dir][i] = s->sack_le[i];
			cv->sack_re[dir][i] = s->sack_re[i];
		}
	}
	tcp_step_tail(fwd, s, s->flags, r);
}

/*
** Most segments of a capture: an ACK on a known conversation with no SYN, FIN
** or RST, no options the tail reads (SACK, window scale), a nonzero window,
** and either in-order data (at the direction's next sequence number; a
** single byte only into an open window) or a pure ACK that moves the ACK
** number.  For them §5's steps 1-5 and 7-9 cannot fire, nor 12's but the
** spurious test, so one combined test skips them; the steps that remain are
** analyze()'s own.
*/
static inline int fast_ok(const struct tcp_conv *cv, const struct tcp_flow *fwd,
			  const struct tcp_seg *s)
{
	uint32_t seglen = s->seglen;
	return (s->flags & (TH_SYN | TH_FIN | TH_RST | TH_ACK)) == TH_ACK && s->have_seglen &&
	       !cv->restart_next && s->ws_shift < 0 && !s->nsack && s->win && fwd->nextseq &&
	       s->seq == fwd->nextseq &&
	       (seglen ? seglen > 1 || tcp_flow_peer(fwd)->window : s->ack != fwd->lastack);
}

static inline void track_fast(struct tcp_state *st, struct tcp_flow *fwd, const struct tcp_seg *s,
			      struct tcp_result *r)
{
	struct tcp_conv *cv = tcp_flow_conv(fwd);
	struct tcp_flow *rev = tcp_flow_peer(fwd);
	uint32_t seq = s->seq, seglen = s->seglen;
	int64_t now = s->now;
	r->conv = cv;
	r->dir = tcp_flow_dir(fwd);
	r->stream = cv->stream;
	r->completeness = cv->completeness;
	cv->completeness |= seglen ? 8 : 4; /* tcp_step_completeness of an ACK alone */
	if (!(cv->ts_first | cv->ts_prev)) {
		cv->ts_first = now;
		cv->ts_prev = now;
	}
	r->time_rel = now - cv->ts_first;
	r->time_delta = now - cv->ts_prev;
	cv->ts_prev = now;
	/* tcp_step_bases of an ACK: fwd's base is set (fast_ok: nextseq, which only follows it) */
	if (!rev->base_set) {
		rev->base_seq = s->ack - 1;
		rev->base_set = 1;
	}
	r->win_scale = fwd->win_scale;

	rev->valid_bif = 1;
	if (seglen) {
		/* 6. */
		if (rev->win_scale != -1) {
			int sh = (rev->is_first_ack || rev->win_scale == -2) ? 0 : rev->win_scale;
			if (seq + seglen == rev->lastack + (rev->window << sh))
				TA(TA_WINDOW_FULL);
		}
	}
	step_ack_numbers(fwd, s, r);
	if (seglen) {
		/* 12.: in order, so only the spurious test applies */
		if (rev->lastack && seq_le(seq + seglen, rev->lastack))
			TA(TA_SPURIOUS_RETRANSMISSION);
		/* 13. and 14. */
		uint32_t nextseq = seq + seglen;
		step_unacked_add(st, fwd, s, nextseq);
		if (seq_gt(nextseq, fwd->nextseq)) {
			fwd->nextseq = nextseq;
			fwd->nextseqframe = s->frame;
			fwd->nextseqtime = now;
		}
	}
	step_flow_tail(fwd, s, 0);
	/* 17.: neither keep-alive nor zero-window probe can be set */
	fwd->lastsegmentflags = 0;
	step_acked(st, fwd, s, r);
	if (seglen)
		step_in_flight(st, fwd, s, r);

	/* no SACK blocks: the direction's are cleared (as track_full would) */
	cv->nsack[tcp_flow_dir(fwd)] = 0;
	/* tcp_step_tail of an ACK without options */
	/* the first RTT is known on most conversations: that test first */
	if (!cv->ts_first_rtt && cv->ts_mru_syn)
		cv->ts_first_rtt = now - cv->ts_mru_syn;
	fwd->is_first_ack = 0;
	r->initial_rtt = cv->ts_first_rtt;
	r->fwd_base = fwd->base_seq;
	r->rev_base = rev->base_seq;
}

void tcp_track(struct tcp_state *st, const struct tcp_seg *s, struct tcp_result *r)
{
	/* here, not in the paths: there it became a `rep stos` of 13 instructions */
	tcp_result_clear(r);
	int dir;
	void **slot = tcp_lookup_slot(st, s, &dir);
	struct tcp_conv *cv = *slot;
	if (cv) {
		/*
		 * From here the direction's address alone: let the compiler
		 * derive the rest from it (tcp_flow_conv) rather than keep cv
		 * and dir in registers and index by them.
		 */
		struct tcp_flow *fwd = &cv->flow[dir];
		__asm__("" : "+r"(fwd));
		if (fast_ok(tcp_flow_conv(fwd), fwd, s)) {
			track_fast(st, fwd, s, r);
			return;
		}
	}
	track_full(st, s, r, slot, dir);
}

/* The pieces tcp_stream.c's stream-only tracking shares with tcp_track. */
struct tcp_conv *tcp_state_conv_new(struct tcp_state *st, struct tcp_conv *old)
{
	if (old)
		conv_drop(st, old);
	return conv_new(st);
}
