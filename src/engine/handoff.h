/*
** handoff.h -- frames handed from the leading walker to one following worker.
**
** With walking workers every worker used to walk every record of the file
** and pick the shard of every frame itself: the same choices everywhere, no
** synchronisation, but each paid the walk (the record headers, the first
** bytes of every packet to find its addresses, the page faults of its own
** mapping: ~30% of a conv,tcp job's one-job time), so two workers gained
** little over one.  Now worker 0 alone walks and picks; a frame another
** worker owns goes to that worker's ring as the few numbers fill_packet_rec
** would have made of it, and the follower only dissects.
**
** One producer, one consumer, a power-of-two ring of fixed-size entries.
** The producer publishes in batches (every HANDOFF_BATCH entries, and when
** it would wait or ends), so the shared counters move rarely; either side
** spins briefly, then sleeps on a condition variable only the other side
** wakes, and only when it says it sleeps and there is enough to do.
*/
#ifndef WS_HANDOFF_H
#define WS_HANDOFF_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

/*
** A uniform mapped capture's frame: what differs from one record to the
** next.  data NULL: a marker between frames, the rest the caller's.
*/
struct handoff_frame {
	const uint8_t *data; /* in the leader's mapping: valid until the run ends */
	int64_t sec, rel_sec, delta_sec;
	int32_t nsec, rel_nsec, delta_nsec;
	uint32_t num, caplen, len;
};

#define HANDOFF_BATCH 32
/* the follower asks for the packet this many frames ahead of the one it takes */
#define HANDOFF_AHEAD 4
/*
** A sleeper is woken for this many entries, not one batch: waking costs a
** few microseconds on both sides, and a follower faster than its leader
** would otherwise sleep and wake every batch.
*/
#define HANDOFF_WAKE 2048

struct handoff {
	/*
	** Each side's own counters on a cache line of their own: the producer
	** writes its line every frame, and a line both wrote would move
	** between the two cores every frame.
	*/
	struct handoff_frame *ring;
	uint32_t mask;
	/* the producer's: entries written, the last published count, its view of tail */
	_Alignas(64) uint64_t wrote;
	uint64_t shown, tail_seen;
	/* the consumer's: entries taken, its view of head */
	_Alignas(64) uint64_t took;
	uint64_t head_seen;
	_Alignas(64) atomic_uint_fast64_t head; /* published by the producer */
	_Alignas(64) atomic_uint_fast64_t tail; /* released by the consumer */
	atomic_uint_fast64_t cpu_ns;            /* the consumer's CPU time so far, for balance */
	_Alignas(64) atomic_int eof;            /* no entry after head */
	atomic_int csleep;                      /* the consumer waits for entries ... */
	atomic_int psleep;                      /* ... the producer for room */
	atomic_int kicked;                      /* handoff_kick: wake for any entry */
	/* a sleeper is woken only once this many (head) or this much room (tail) is there */
	atomic_uint_fast64_t wake_head, wake_tail;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

void handoff_init(struct handoff *h, uint32_t entries);
void handoff_free(struct handoff *h);

/* the slow paths of the inline functions below */
void handoff_publish(struct handoff *h);
void handoff_wait_room(struct handoff *h);
const struct handoff_frame *handoff_wait_entry(struct handoff *h);

/* The next free entry; waits while the ring is full.  Fill it, then handoff_put. */
static inline struct handoff_frame *handoff_slot(struct handoff *h)
{
	if (h->wrote - h->tail_seen > h->mask)
		handoff_wait_room(h);
	return &h->ring[h->wrote & h->mask];
}

static inline void handoff_put(struct handoff *h)
{
	if (++h->wrote - h->shown >= HANDOFF_BATCH)
		handoff_publish(h);
}

/* publishes everything written and wakes the consumer, however little there is */
void handoff_kick(struct handoff *h);
/* publishes everything written and tells the consumer no more comes */
void handoff_end(struct handoff *h);

/* The next entry, NULL at the end; it stays valid until the next call. */
static inline const struct handoff_frame *handoff_take(struct handoff *h)
{
	if (h->took == h->head_seen || (h->took & (HANDOFF_BATCH - 1)) == 0)
		return handoff_wait_entry(h);
	/*
	** The packets were last touched on the leader's core: without asking
	** for them a few frames ahead, the dissector would wait on every one.
	*/
	if (h->head_seen - h->took > HANDOFF_AHEAD) {
		const uint8_t *d = h->ring[(h->took + HANDOFF_AHEAD) & h->mask].data;
		__builtin_prefetch(d);
		__builtin_prefetch(d + 64);
	}
	return &h->ring[h->took++ & h->mask];
}

#endif
