/*
** tcp_state.h -- the per-worker TCP state and its conversation lookup, for
** tcp_analysis.c and tcp_stream.c only: both inline the lookup, which runs
** for every TCP segment.
*/
#ifndef WS_TCP_STATE_H
#define WS_TCP_STATE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "conv.h"
#include "tcp_analysis.h"
#include "tcp_reasm.h"

/*
** Recent conversation slots by raw addresses and ports, direct-mapped on a
** hash that is the same both ways: the table's entries never move or go, so
** a match skips making the normalised key and the table lookup, most of a
** segment's tracking cost.
*/
#define TCP_RECENT_BITS 10
#define TCP_RECENT      (1u << TCP_RECENT_BITS)
struct tcp_recent {
	/*
	 * source, destination (IPv4: a0 = destination << 32 | source); aligned:
	 * an entry is one cache line, and its index a shift
	 */
	_Alignas(64) uint64_t a0;
	uint64_t a1, b0, b1;
	uint32_t ports;           /* sport << 16 | dport */
	uint8_t atype, alen, dir; /* atype and alen: one compare with tcp_seg's (tcp_recent_tag) */
	void **slot;              /* alen 0: empty */
};

_Static_assert(sizeof(struct tcp_recent) == 64, "a recent entry is one cache line");
_Static_assert(offsetof(struct tcp_recent, alen) == offsetof(struct tcp_recent, atype) + 1 &&
		   offsetof(struct tcp_seg, alen) == offsetof(struct tcp_seg, atype) + 1,
	       "tcp_recent_tag reads atype and alen as one");

/* atype and alen together: an empty entry (alen 0) matches no segment */
static inline uint16_t tcp_recent_tag(const uint8_t *atype)
{
	uint16_t v;
	memcpy(&v, atype, 2);
	return v;
}

struct tcp_state {
	struct conv_table *convs;
	struct tcp_recent *recent; /* TCP_RECENT */
	size_t msp_budget;         /* TCP_MSP_BUDGET; tests set a small one */
	size_t msp_limit;          /* over budget: sweep again when tcp_msp_held() passes this, */
	uint32_t msp_next;         /* or at this frame (PDUs left recent by a sweep grow idle) */
	uint8_t msp_warned;
	uint32_t next_stream;
	struct tcp_useg *pool; /* pool[0] is never used: index 0 means "none" */
	int32_t pool_cap;
	uint32_t pool_used, pool_free;
	/*
	 * Conversations are carved from blocks: one malloc chunk each put them
	 * amid the PDU buffers that come and go, and the heap could not hand
	 * those pages back.  Dropped ones (port reuse) are chained for reuse.
	 */
	struct tcp_conv **cblk;
	int32_t ncblk, capcblk;
	uint32_t cblk_used; /* in the last block */
	struct tcp_conv *cfree;
};

/* over the reassembly budget (tcp_analysis.c) */
void tcp_reasm_sweep(struct tcp_state *st, uint32_t frame);
/* not in the recent table (e: its entry, NULL for an address it does not keep) */
void **tcp_lookup_miss(struct tcp_state *st, const struct tcp_seg *s, int *dir,
		       struct tcp_recent *e);

/* every segment: the test inline, the rare sweep not */
static inline int tcp_reasm_due(const struct tcp_state *st, uint32_t frame)
{
	size_t held = tcp_msp_held();
	return held > st->msp_budget && (held > st->msp_limit || frame >= st->msp_next);
}

static inline void tcp_reasm_budget(struct tcp_state *st, uint32_t frame)
{
	if (tcp_reasm_due(st, frame))
		tcp_reasm_sweep(st, frame);
}

static inline uint64_t tcp_ld64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint32_t tcp_ld32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

/* the same both ways: addrs is the XOR of both addresses, pp of both ports */
static inline uint32_t tcp_recent_hash(uint64_t addrs, uint32_t pp)
{
	return (uint32_t)(((addrs ^ pp) * 0x9e3779b97f4a7c15u) >> (64 - TCP_RECENT_BITS));
}

/*
** s's conversation slot and *dir, s's direction in it, from the recent
** table; on a miss, with make, from the table (the slot made if absent,
** out of line), else NULL.  Without make it calls nothing: a caller with no
** call on its common path keeps dir in a register and needs no stack frame
** there.  One body for both: a test of the hit's result before the miss
** cost every segment two instructions.
*/
static inline __attribute__((always_inline)) void **
tcp_recent_find(struct tcp_state *st, const struct tcp_seg *s, int *dir, int make)
{
	struct tcp_recent *e = NULL;
	uint32_t ports = (uint32_t)s->sport << 16 | s->dport;
	uint32_t rports = ports >> 16 | ports << 16;
	uint16_t tag = tcp_recent_tag(&s->atype);
	if (s->alen == 4) {
		/* both IPv4 addresses in a0: one compare each way (the other way: a0 rotated) */
		uint32_t sa = tcp_ld32(s->src), da = tcp_ld32(s->dst);
		uint64_t a0 = (uint64_t)da << 32 | sa;
		e = &st->recent[tcp_recent_hash(sa ^ da, (ports ^ rports) >> 16)];
		if (tcp_recent_tag(&e->atype) == tag) {
			if (e->ports == ports && e->a0 == a0) {
				*dir = e->dir;
				return e->slot;
			}
			if (e->ports == rports && e->a0 == (a0 >> 32 | a0 << 32)) {
				*dir = !e->dir;
				return e->slot;
			}
		}
	} else if (s->alen == 16) {
		uint64_t a0 = tcp_ld64(s->src), a1 = tcp_ld64(s->src + 8);
		uint64_t b0 = tcp_ld64(s->dst), b1 = tcp_ld64(s->dst + 8);
		e = &st->recent[tcp_recent_hash(a0 ^ a1 ^ b0 ^ b1, (ports ^ rports) >> 16)];
		if (tcp_recent_tag(&e->atype) == tag) {
			if (e->ports == ports && e->a0 == a0 && e->a1 == a1 && e->b0 == b0 &&
			    e->b1 == b1) {
				*dir = e->dir;
				return e->slot;
			}
			/* the other way (a tuple that is the same both ways matched above) */
			if (e->ports == rports && e->a0 == b0 && e->a1 == b1 && e->b0 == a0 &&
			    e->b1 == a1) {
				*dir = !e->dir;
				return e->slot;
			}
		}
	}
	return make ? tcp_lookup_miss(st, s, dir, e) : NULL;
}

/*
** The conversation slot of s, made if absent (after the reassembly budget
** check at s's frame), and *dir, s's direction in it.  Slots stay valid: a
** port reuse replaces the value in place.  Inlined into tcp_track and
** tcp_track_stream: as a call it saved and restored registers and passed dir
** through memory on every segment.  A recent hit calls nothing.
*/
static inline __attribute__((always_inline)) void **
tcp_lookup_slot(struct tcp_state *st, const struct tcp_seg *s, int *dir)
{
	tcp_reasm_budget(st, s->frame);
	return tcp_recent_find(st, s, dir, 1);
}

#endif
