/*
** handoff.c -- the leader-to-follower frame ring (handoff.h): the slow paths.
**
** Both counters only grow; an index is the count masked.  Sleeping is the
** classic two-flag handshake: a side that is about to sleep stores its flag
** and then looks at the other side's counter once more, under the mutex; a
** side that moves its counter then looks at the flag.  With sequentially
** consistent atomics at least one of the two sees the other, so a wake-up
** cannot be lost, and the mutex held from the last look to the wait makes
** the broadcast come after the wait has begun.
*/
#include "handoff.h"

#include "../core/util.h"

/* spins before sleeping: a futex round trip costs more than a short wait */
#define HANDOFF_SPINS 256

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield");
#endif
}

void handoff_init(struct handoff *h, uint32_t entries)
{
	uint32_t n = HANDOFF_BATCH;
	while (n < entries)
		n <<= 1;
	h->ring = xmalloc((size_t)n * sizeof *h->ring);
	h->mask = n - 1;
	h->wrote = h->shown = h->tail_seen = 0;
	h->took = h->head_seen = 0;
	atomic_init(&h->head, 0);
	atomic_init(&h->tail, 0);
	atomic_init(&h->cpu_ns, 0);
	atomic_init(&h->eof, 0);
	atomic_init(&h->csleep, 0);
	atomic_init(&h->psleep, 0);
	atomic_init(&h->kicked, 0);
	atomic_init(&h->wake_head, 0);
	atomic_init(&h->wake_tail, 0);
	pthread_mutex_init(&h->mu, NULL);
	pthread_cond_init(&h->cv, NULL);
}

void handoff_free(struct handoff *h)
{
	free(h->ring);
	pthread_mutex_destroy(&h->mu);
	pthread_cond_destroy(&h->cv);
}

static void wake(struct handoff *h)
{
	pthread_mutex_lock(&h->mu);
	pthread_cond_broadcast(&h->cv);
	pthread_mutex_unlock(&h->mu);
}

void handoff_publish(struct handoff *h)
{
	if (h->shown == h->wrote)
		return;
	atomic_store(&h->head, h->wrote);
	h->shown = h->wrote;
	if (atomic_load(&h->csleep) && h->wrote >= atomic_load(&h->wake_head))
		wake(h);
}

/* the consumer: entries before upto may be overwritten */
static void release(struct handoff *h, uint64_t upto)
{
	atomic_store(&h->tail, upto);
	if (atomic_load(&h->psleep) && upto >= atomic_load(&h->wake_tail))
		wake(h);
}

static int full(const struct handoff *h)
{
	return h->wrote - h->tail_seen > h->mask;
}

void handoff_wait_room(struct handoff *h)
{
	h->tail_seen = atomic_load(&h->tail);
	if (!full(h))
		return;
	/* a full ring is enough for the consumer to wake for, whatever its size */
	handoff_kick(h);
	for (int i = 0; i < HANDOFF_SPINS && full(h); i++) {
		cpu_relax();
		h->tail_seen = atomic_load(&h->tail);
	}
	if (!full(h))
		return;
	/* room for a good part of the ring, not one entry */
	uint64_t want = h->wrote - h->mask - 1 + (h->mask + 1) / 4;
	pthread_mutex_lock(&h->mu);
	atomic_store(&h->wake_tail, want);
	atomic_store(&h->psleep, 1);
	while ((h->tail_seen = atomic_load(&h->tail)) < want)
		pthread_cond_wait(&h->cv, &h->mu);
	atomic_store(&h->psleep, 0);
	pthread_mutex_unlock(&h->mu);
}

void handoff_kick(struct handoff *h)
{
	handoff_publish(h);
	atomic_store(&h->kicked, 1);
	if (atomic_load(&h->csleep))
		wake(h);
}

void handoff_end(struct handoff *h)
{
	handoff_publish(h);
	atomic_store(&h->eof, 1);
	wake(h);
}

/* 1 when an entry is there to take, 0 at the end */
static int wait_entry(struct handoff *h)
{
	for (int i = 0; i < HANDOFF_SPINS; i++) {
		if ((h->head_seen = atomic_load(&h->head)) != h->took)
			return 1;
		cpu_relax();
	}
	pthread_mutex_lock(&h->mu);
	atomic_store(&h->wake_head, h->took + HANDOFF_WAKE);
	atomic_store(&h->csleep, 1);
	for (;;) {
		/* kicked and eof before head: once either is seen, so is the head before it */
		int kicked = atomic_exchange(&h->kicked, 0);
		int end = atomic_load(&h->eof);
		h->head_seen = atomic_load(&h->head);
		if (h->head_seen >= h->took + HANDOFF_WAKE || end ||
		    (kicked && h->head_seen != h->took))
			break;
		pthread_cond_wait(&h->cv, &h->mu);
	}
	atomic_store(&h->csleep, 0);
	pthread_mutex_unlock(&h->mu);
	return h->head_seen != h->took;
}

/*
** Every HANDOFF_BATCH entries, and when none is left: what was taken (the
** entries before this one: the caller is done with the last) goes back to
** the producer.
*/
const struct handoff_frame *handoff_wait_entry(struct handoff *h)
{
	release(h, h->took);
	if (h->took == h->head_seen) {
		h->head_seen = atomic_load(&h->head);
		if (h->took == h->head_seen && !wait_entry(h))
			return NULL;
	}
	return &h->ring[h->took++ & h->mask];
}
