#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include "engine/handoff.h"
#include "test.h"

/*
** The leader-to-follower ring with the smallest ring it allows, so that the
** producer waits for room and the consumer for entries over and over: every
** entry must come out once, in order, and the end must be seen.
*/
struct consumer {
	struct handoff *h;
	uint64_t n, bad;
	int markers;
};

static void *consume(void *arg)
{
	struct consumer *c = arg;
	for (const struct handoff_frame *e; (e = handoff_take(c->h));) {
		if (!e->data) {
			__atomic_add_fetch(&c->markers, 1, __ATOMIC_SEQ_CST);
			continue;
		}
		if (e->num != (uint32_t)c->n || e->len != (uint32_t)(c->n * 7) ||
		    e->data != (void *)c)
			c->bad++;
		c->n++;
	}
	return NULL;
}

static void put(struct handoff *h, struct consumer *c, uint32_t i)
{
	struct handoff_frame *e = handoff_slot(h);
	e->data = (const uint8_t *)c;
	e->num = i;
	e->len = i * 7;
	handoff_put(h);
}

TEST(handoff_every_entry_once_in_order)
{
	struct handoff h;
	handoff_init(&h, 1); /* rounded up to one batch: full after 32 entries */
	struct consumer c = {&h, 0, 0, 0};
	pthread_t th;
	CHECK(pthread_create(&th, NULL, consume, &c) == 0);
	const uint32_t n = 200000;
	for (uint32_t i = 0; i < n; i++)
		put(&h, &c, i);
	handoff_end(&h);
	pthread_join(th, NULL);
	CHECK_EQ_U64(c.n, n);
	CHECK_EQ_U64(c.bad, 0);
	handoff_free(&h);
}

/*
** A sleeping consumer is woken for HANDOFF_WAKE entries, not one; a kick
** wakes it for whatever is there (the output chunk markers rely on it).
*/
TEST(handoff_kick_wakes_for_one_entry)
{
	struct handoff h;
	handoff_init(&h, 1u << 12);
	struct consumer c = {&h, 0, 0, 0};
	pthread_t th;
	CHECK(pthread_create(&th, NULL, consume, &c) == 0);
	struct handoff_frame *e = handoff_slot(&h);
	e->data = NULL;
	handoff_put(&h);
	handoff_kick(&h);
	/* the marker arrives although far fewer than HANDOFF_WAKE entries wait */
	for (int i = 0; i < 2000 && !__atomic_load_n(&c.markers, __ATOMIC_SEQ_CST); i++)
		nanosleep(&(struct timespec){0, 1000000}, NULL);
	CHECK_EQ_U64(__atomic_load_n(&c.markers, __ATOMIC_SEQ_CST), 1);
	handoff_end(&h);
	pthread_join(th, NULL);
	CHECK_EQ_U64(c.n, 0);
	handoff_free(&h);
}
