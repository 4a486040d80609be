/*
** ip_defrag.c -- fragment reassembly for IPv4 and IPv6 (see ip_defrag.h).
**
** Pending datagrams are found through a chained hash table and kept on a
** least-recently-used list, so finding one and dropping the stalest are O(1)
** even when a flood of never-completed trains fills the table.  Fragment
** payloads are copied to the heap because the frame that carried them is
** gone when the datagram completes.
*/
#include "ip_defrag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"

struct frag {
	uint32_t off, len, frame, seq;
	uint8_t tail; /* more-fragments clear */
	uint8_t *data;
};

struct datagram {
	struct defrag_key key;
	uint32_t datalen; /* valid when have_tail */
	uint8_t have_tail, multiple_tails;
	int nfrags, cap;
	struct frag *frags;
	uint64_t bytes;
	uint32_t hash;
	struct datagram *hnext;         /* hash chain */
	struct datagram *older, *newer; /* LRU list */
};

#define DEFRAG_BUCKETS 8192 /* power of two */

struct defrag_table {
	struct datagram *bucket[DEFRAG_BUCKETS];
	struct datagram *oldest, *newest;
	uint32_t n;
	uint64_t bytes;
	uint32_t seq;
	uint8_t warned;
};

struct defrag_table *defrag_new(void)
{
	return xcalloc(1, sizeof(struct defrag_table));
}

static void dg_free(struct datagram *d)
{
	for (int i = 0; i < d->nfrags; i++)
		free(d->frags[i].data);
	free(d->frags);
	free(d);
}

void defrag_free(struct defrag_table *t)
{
	if (!t)
		return;
	for (struct datagram *d = t->oldest, *nx; d; d = nx) {
		nx = d->newer;
		dg_free(d);
	}
	free(t);
}

void *defrag_make(void)
{
	return defrag_new();
}

void defrag_destroy(void *t)
{
	defrag_free(t);
}

uint32_t defrag_pending(const struct defrag_table *t)
{
	return t->n;
}

uint64_t defrag_held_bytes(const struct defrag_table *t)
{
	return t->bytes;
}

static uint32_t key_hash(const struct defrag_key *k)
{
	/* FNV-1a over the fields that vary */
	uint32_t h = 2166136261u;
	const uint8_t *parts[2] = {k->src, k->dst};
	for (int p = 0; p < 2; p++)
		for (int i = 0; i < 16; i++)
			h = (h ^ parts[p][i]) * 16777619u;
	h = (h ^ k->af) * 16777619u;
	h = (h ^ k->proto) * 16777619u;
	for (int i = 0; i < 4; i++)
		h = (h ^ ((k->id >> (8 * i)) & 0xff)) * 16777619u;
	return h;
}

static int key_eq(const struct defrag_key *a, const struct defrag_key *b)
{
	return a->af == b->af && a->proto == b->proto && a->id == b->id &&
	       memcmp(a->src, b->src, 16) == 0 && memcmp(a->dst, b->dst, 16) == 0;
}

static void lru_unlink(struct defrag_table *t, struct datagram *d)
{
	if (d->older)
		d->older->newer = d->newer;
	else
		t->oldest = d->newer;
	if (d->newer)
		d->newer->older = d->older;
	else
		t->newest = d->older;
	d->older = d->newer = NULL;
}

static void lru_push(struct defrag_table *t, struct datagram *d)
{
	d->older = t->newest;
	d->newer = NULL;
	if (t->newest)
		t->newest->newer = d;
	else
		t->oldest = d;
	t->newest = d;
}

static void remove_dg(struct defrag_table *t, struct datagram *d)
{
	struct datagram **pp = &t->bucket[d->hash & (DEFRAG_BUCKETS - 1)];
	while (*pp && *pp != d)
		pp = &(*pp)->hnext;
	if (*pp)
		*pp = d->hnext;
	lru_unlink(t, d);
	t->bytes -= d->bytes;
	t->n--;
	dg_free(d);
}

/* Drop the least recently used datagram other than `keep`. */
static void drop_oldest(struct defrag_table *t, const struct datagram *keep)
{
	struct datagram *old = t->oldest;
	if (old == keep && old)
		old = old->newer;
	if (!old)
		return;
	if (!t->warned) {
		t->warned = 1;
		fprintf(stderr,
			"wiresift: IP defragmentation: more than %d datagrams or %u bytes of "
			"fragments pending; the oldest incomplete datagrams are dropped\n",
			DEFRAG_MAX_PENDING, DEFRAG_MAX_BYTES);
	}
	remove_dg(t, old);
}

/* Sort by offset, then arrival: the order in which bytes are placed. */
static void sort_frags(struct frag *f, int n)
{
	for (int i = 1; i < n; i++) {
		struct frag x = f[i];
		int j = i - 1;
		while (j >= 0 && (f[j].off > x.off || (f[j].off == x.off && f[j].seq > x.seq))) {
			f[j + 1] = f[j];
			j--;
		}
		f[j + 1] = x;
	}
}

/* Is [0, datalen) covered by the held fragments (sorted)? */
static int complete(const struct datagram *d)
{
	if (!d->have_tail)
		return 0;
	uint32_t end = 0;
	for (int i = 0; i < d->nfrags; i++) {
		if (d->frags[i].off > end)
			return 0;
		uint32_t e = d->frags[i].off + d->frags[i].len;
		if (e > end)
			end = e;
		if (end >= d->datalen)
			return 1;
	}
	return end >= d->datalen;
}

static void build(const struct datagram *d, struct arena *arena, struct defrag_result *res)
{
	uint8_t *buf = arena_alloc(arena, d->datalen ? d->datalen : 1);
	struct defrag_piece *pc = arena_alloc(arena, sizeof *pc * (size_t)d->nfrags);
	uint32_t pos = 0;
	memset(res, 0, sizeof *res);
	res->multiple_tails = d->multiple_tails;
	for (int i = 0; i < d->nfrags; i++) {
		const struct frag *f = &d->frags[i];
		int bad = 0;
		memset(&pc[i], 0, sizeof pc[i]);
		pc[i].frame = f->frame;
		pc[i].off = f->off;
		pc[i].len = f->len;
		if (f->off + f->len > d->datalen) {
			res->too_long = pc[i].too_long = 1;
			bad = 1;
		}
		if (f->tail && f->off + f->len != d->datalen) {
			/* a second tail that disagrees (its bytes still count) */
			pc[i].multiple_tails = 1;
			bad = 1;
		}
		if (f->off < pos && f->off < d->datalen) {
			/* the part already placed must agree */
			uint32_t end = f->off + f->len < pos ? f->off + f->len : pos;
			res->overlap = pc[i].overlap = 1;
			if (memcmp(buf + f->off, f->data, end - f->off) != 0) {
				res->conflict = pc[i].conflict = 1;
				bad = 1;
			}
		}
		uint32_t lim = f->off + f->len < d->datalen ? f->off + f->len : d->datalen;
		if (lim > pos && f->off <= pos) {
			memcpy(buf + pos, f->data + (pos - f->off), lim - pos);
			pos = lim;
		}
		pc[i].bad = (uint8_t)bad;
	}
	res->data = buf;
	res->len = d->datalen;
	res->npieces = d->nfrags;
	res->pieces = pc;
}

enum defrag_status defrag_add(struct defrag_table *t, const struct defrag_key *key, uint32_t off,
			      int more, const uint8_t *data, uint32_t len, uint32_t frame,
			      struct arena *arena, struct defrag_result *res)
{
	if (off > DEFRAG_MAX_DATAGRAM || len > DEFRAG_MAX_DATAGRAM - off)
		return DEFRAG_DROPPED;
	uint32_t hash = key_hash(key);
	struct datagram *d = t->bucket[hash & (DEFRAG_BUCKETS - 1)];
	while (d && !(d->hash == hash && key_eq(&d->key, key)))
		d = d->hnext;
	if (!d) {
		while (t->n >= DEFRAG_MAX_PENDING)
			drop_oldest(t, NULL);
		d = xcalloc(1, sizeof *d);
		d->key = *key;
		d->hash = hash;
		struct datagram **b = &t->bucket[hash & (DEFRAG_BUCKETS - 1)];
		d->hnext = *b;
		*b = d;
		lru_push(t, d);
		t->n++;
	} else {
		lru_unlink(t, d);
		lru_push(t, d);
	}
	if (d->nfrags >= DEFRAG_MAX_FRAGS) {
		/* a fragment train this long is an attack or garbage: give it up */
		remove_dg(t, d);
		return DEFRAG_DROPPED;
	}
	while (t->bytes + len > DEFRAG_MAX_BYTES && t->n > 1)
		drop_oldest(t, d);
	if (t->bytes + len > DEFRAG_MAX_BYTES) {
		remove_dg(t, d);
		return DEFRAG_DROPPED;
	}
	if (!more) {
		if (!d->have_tail) {
			d->have_tail = 1;
			d->datalen = off + len;
		} else if (d->datalen != off + len) {
			d->multiple_tails = 1;
		}
	}
	if (d->nfrags >= d->cap)
		xgrow(&d->frags, &d->cap, d->nfrags + 1, sizeof *d->frags);
	struct frag *f = &d->frags[d->nfrags++];
	f->off = off;
	f->len = len;
	f->frame = frame;
	f->tail = !more;
	f->seq = t->seq++;
	f->data = xmalloc(len ? len : 1);
	if (len)
		memcpy(f->data, data, len);
	d->bytes += len;
	t->bytes += len;
	sort_frags(d->frags, d->nfrags);
	if (!complete(d))
		return DEFRAG_HELD;
	build(d, arena, res);
	remove_dg(t, d);
	return DEFRAG_DONE;
}
