/*
** conv.c -- open-addressing hash of conversation keys.
**
** Linear probing over a power-of-two array of 8-byte slots (hash, entry
** number) kept at most half full; the entries themselves (key and value,
** 48 bytes) are stored densely in fixed blocks.  A big capture has hundreds
** of thousands of flows: the sparse part is 16-32 bytes per flow instead of
** 112-224 with the keys inline, probes stay within a cache line, the key is
** read only when the stored hash matches, and neither growing the slots nor
** adding entries ever copies a key.  Entries are never deleted (a flow's slot
** is reused when its ports are reused), so no tombstones are needed.
*/
#include "conv.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"

struct conv_slot {
	uint32_t hash; /* 0 marks an empty slot */
	uint32_t ent;  /* entry number */
};

struct conv_entry {
	struct conv_key key;
	void *val;
};

#define BLK_SHIFT 10
#define BLK_N     (1u << BLK_SHIFT)

struct conv_table {
	struct conv_slot *s;
	uint32_t mask, n;
	struct conv_entry **blk; /* n entries in blocks of BLK_N */
	int32_t nblk, capblk;
};

static struct conv_entry *ent(const struct conv_table *t, uint32_t i)
{
	return &t->blk[i >> BLK_SHIFT][i & (BLK_N - 1)];
}

struct conv_table *conv_table_new(void)
{
	struct conv_table *t = xcalloc(1, sizeof *t);
	t->mask = 255;
	t->s = xcalloc(t->mask + 1, sizeof *t->s);
	return t;
}

void conv_table_free(struct conv_table *t, void (*free_val)(void *))
{
	if (!t)
		return;
	if (free_val)
		for (uint32_t i = 0; i < t->n; i++)
			if (ent(t, i)->val)
				free_val(ent(t, i)->val);
	for (int32_t b = 0; b < t->nblk; b++)
		free(t->blk[b]);
	free(t->blk);
	free(t->s);
	free(t);
}

static int endpoint_cmp(const uint8_t *a, uint16_t pa, const uint8_t *b, uint16_t pb, uint8_t n)
{
	int c = memcmp(a, b, n);
	if (c)
		return c;
	return pa < pb ? -1 : pa > pb;
}

/*
** Every TCP and UDP frame makes a key: IPv4 and IPv6 addresses compare as
** big-endian words and copy with fixed sizes, which the compiler inlines
** (a memcmp and two memcpy calls of a variable length were most of its cost).
*/
void conv_key_make(struct conv_key *k, uint8_t proto, uint8_t atype, uint8_t alen,
		   const uint8_t *src, const uint8_t *dst, uint16_t sport, uint16_t dport, int *dir)
{
	memset(k, 0, sizeof *k);
	if (alen > 16)
		alen = 16;
	k->proto = proto;
	k->atype = atype;
	k->alen = alen;
	int swap;
	if (alen == 4 || alen == 16) {
		uint64_t a = alen == 4 ? load_be32(src) : load_be64(src);
		uint64_t b = alen == 4 ? load_be32(dst) : load_be64(dst);
		if (a == b && alen == 16) {
			a = load_be64(src + 8);
			b = load_be64(dst + 8);
		}
		swap = a != b ? a > b : sport > dport;
		if (alen == 4) {
			memcpy(k->addr_a, swap ? dst : src, 4);
			memcpy(k->addr_b, swap ? src : dst, 4);
		} else {
			memcpy(k->addr_a, swap ? dst : src, 16);
			memcpy(k->addr_b, swap ? src : dst, 16);
		}
	} else {
		swap = endpoint_cmp(src, sport, dst, dport, alen) > 0;
		memcpy(k->addr_a, swap ? dst : src, alen);
		memcpy(k->addr_b, swap ? src : dst, alen);
	}
	k->port_a = swap ? dport : sport;
	k->port_b = swap ? sport : dport;
	*dir = swap;
}

/*
** Multiply-xorshift over the key's 64-bit words (it is zero-padded, so
** equal keys hash equal): a per-byte FNV loop was a visible share of every
** frame's cost.  Addresses of up to 8 bytes (IPv4) leave words 2 and 4 zero,
** so those keys hash and compare three words; alen is in word 0, so a key
** never meets one of another length.  Never 0.
*/
static uint64_t key_word(const struct conv_key *k, size_t i)
{
	uint64_t w;
	memcpy(&w, (const uint8_t *)k + i * 8, 8);
	return w;
}

static uint64_t mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0xff51afd7ed558ccdu;
	return h ^ (h >> 29);
}

static uint32_t key_hash(const struct conv_key *k)
{
	_Static_assert(sizeof *k == 40, "conv_key is five 64-bit words");
	_Static_assert(offsetof(struct conv_key, addr_a) == 8 &&
			   offsetof(struct conv_key, addr_b) == 24,
		       "addresses at words 1-2 and 3-4");
	uint64_t h = mix(0x9e3779b97f4a7c15u, key_word(k, 0));
	h = mix(h, key_word(k, 1));
	h = mix(h, key_word(k, 3));
	if (k->alen > 8) {
		h = mix(h, key_word(k, 2));
		h = mix(h, key_word(k, 4));
	}
	h ^= h >> 32;
	uint32_t r = (uint32_t)h;
	return r ? r : 1;
}

/* Word compares, inline: a libc memcmp call per lookup showed in profiles. */
static int key_eq(const struct conv_key *a, const struct conv_key *b)
{
	uint64_t d = (key_word(a, 0) ^ key_word(b, 0)) | (key_word(a, 1) ^ key_word(b, 1)) |
		     (key_word(a, 3) ^ key_word(b, 3));
	if (!d && a->alen > 8)
		d = (key_word(a, 2) ^ key_word(b, 2)) | (key_word(a, 4) ^ key_word(b, 4));
	return d == 0;
}

static void grow(struct conv_table *t)
{
	uint32_t old_mask = t->mask;
	struct conv_slot *old = t->s;
	t->mask = old_mask * 2 + 1;
	t->s = xcalloc((size_t)t->mask + 1, sizeof *t->s);
	for (uint32_t i = 0; i <= old_mask; i++) {
		if (!old[i].hash)
			continue;
		uint32_t j = old[i].hash & t->mask;
		while (t->s[j].hash)
			j = (j + 1) & t->mask;
		t->s[j] = old[i];
	}
	free(old);
}

/* A new entry for k at empty slot i (the lookup's miss), out of the lookup's way. */
static __attribute__((noinline)) void **insert(struct conv_table *t, const struct conv_key *k,
					       uint32_t h, uint32_t i)
{
	if ((t->n + 1) * 2 > t->mask + 1) {
		grow(t);
		i = h & t->mask;
		while (t->s[i].hash)
			i = (i + 1) & t->mask;
	}
	int32_t b = (int32_t)(t->n >> BLK_SHIFT);
	if (b >= t->nblk) {
		xgrow(&t->blk, &t->capblk, b + 1, sizeof *t->blk);
		t->blk[t->nblk++] = xmalloc(BLK_N * sizeof(struct conv_entry));
	}
	struct conv_entry *e = ent(t, t->n);
	e->key = *k;
	e->val = NULL;
	t->s[i].hash = h;
	t->s[i].ent = t->n++;
	return &e->val;
}

void **conv_slot(struct conv_table *t, const struct conv_key *k, int create)
{
	uint32_t h = key_hash(k);
	uint32_t i = h & t->mask;
	for (;;) {
		const struct conv_slot *sl = &t->s[i];
		if (!sl->hash)
			break;
		if (sl->hash == h) {
			struct conv_entry *e = ent(t, sl->ent);
			if (key_eq(&e->key, k))
				return &e->val;
		}
		i = (i + 1) & t->mask;
	}
	return create ? insert(t, k, h, i) : NULL;
}

/* In creation order, which is deterministic for one input. */
void conv_table_each(struct conv_table *t, void (*fn)(void *val, void *arg), void *arg)
{
	for (uint32_t i = 0; i < t->n; i++)
		if (ent(t, i)->val)
			fn(ent(t, i)->val, arg);
}

uint32_t conv_count(const struct conv_table *t)
{
	return t->n;
}
