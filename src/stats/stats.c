/*
** stats.c -- the list of -z modules of a run, and what they share.
*/
#include "stats.h"

#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "stats_int.h"

struct stats_mod {
	const struct stats_ops *ops;
	void *st;
};

struct stats {
	struct stats_mod *mods;
	int32_t n, cap;
	struct stats_run run;
	int64_t prev_rel_ns;
};

struct stats *stats_new(void)
{
	return xcalloc(1, sizeof(struct stats));
}

void stats_attach(struct stats *s, const struct stats_ops *ops, void *st)
{
	xgrow(&s->mods, &s->cap, s->n + 1, sizeof *s->mods);
	s->mods[s->n].ops = ops;
	s->mods[s->n].st = st;
	s->n++;
}

int stats_count(const struct stats *s)
{
	return s ? s->n : 0;
}

void stats_packet(struct stats *s, const struct packet *pk)
{
	if (!s->run.nframes) {
		s->run.first_sec = pk->sec;
		s->run.first_nsec = pk->nsec;
	}
	s->run.nframes++;
	int64_t rel = pk_rel_ns(pk);
	/* tshark's duration is the largest relative time seen, not the last one */
	if (rel > s->run.last_rel_ns)
		s->run.last_rel_ns = rel;
	for (int i = 0; i < s->n; i++)
		s->mods[i].ops->packet(s->mods[i].st, pk);
}

void stats_end(struct stats *s, FILE *out)
{
	/* tshark registers taps at the head of its list: the last -z prints first */
	for (int i = s->n - 1; i >= 0; i--)
		s->mods[i].ops->print(s->mods[i].st, out, &s->run);
	fflush(out);
}

void stats_free(struct stats *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n; i++)
		s->mods[i].ops->destroy(s->mods[i].st);
	free(s->mods);
	free(s);
	zfilter_release_all(); /* filter */
}

int conv_type_parse(const char *name, size_t len)
{
	static const char *const names[CT_COUNT] = {"eth", "ip", "ipv6", "tcp", "udp"};
	for (int i = 0; i < CT_COUNT; i++)
		if (strlen(names[i]) == len && !memcmp(names[i], name, len))
			return i;
	return -1;
}

size_t format_size(uint64_t n, int unit, char *buf, size_t len)
{
	static const struct {
		uint64_t div;
		const char *prefix;
	} steps[] = {
		{1000000000000ULL, "T"},
		{1000000000ULL, "G"},
		{1000000ULL, "M"},
		{1000ULL, "k"},
	};
	static const char *const plain[] = {"", " bytes", " bytes/s", " bits/s", " packets/s"};
	static const char *const suffix[] = {"", "B", "Bps", "bps", "packets/s"};
	int w;
	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		if (n / steps[i].div >= 10) {
			w = snprintf(buf, len, "%llu %s%s", (unsigned long long)(n / steps[i].div),
				     steps[i].prefix, suffix[unit]);
			return w < 0 ? 0 : (size_t)w < len ? (size_t)w : len - 1;
		}
	}
	w = snprintf(buf, len, "%llu%s", (unsigned long long)n, plain[unit]);
	return w < 0 ? 0 : (size_t)w < len ? (size_t)w : len - 1;
}

/* --- hash table ------------------------------------------------------------ */

static uint32_t hash_bytes(const uint8_t *p, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a: keys are short, this is plenty */
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h ^ (h >> 15);
}

void htab_init(struct htab *h, size_t recsize, size_t keylen)
{
	memset(h, 0, sizeof *h);
	h->recsize = recsize;
	h->keylen = keylen;
}

void htab_free(struct htab *h)
{
	free(h->recs);
	free(h->slots);
	memset(h, 0, sizeof *h);
}

static void htab_rehash(struct htab *h, uint32_t nslots)
{
	free(h->slots);
	h->slots = xcalloc(nslots, sizeof *h->slots);
	h->nslots = nslots;
	for (uint32_t i = 0; i < h->n; i++) {
		uint32_t s = hash_bytes(htab_rec(h, i), h->keylen) & (nslots - 1);
		while (h->slots[s])
			s = (s + 1) & (nslots - 1);
		h->slots[s] = i + 1;
	}
}

void *htab_get(struct htab *h, const void *key, int *isnew)
{
	if ((h->n + 1) * 2 > h->nslots)
		htab_rehash(h, h->nslots ? h->nslots * 2 : 64);
	uint32_t s = hash_bytes(key, h->keylen) & (h->nslots - 1);
	while (h->slots[s]) {
		void *r = htab_rec(h, h->slots[s] - 1);
		if (!memcmp(r, key, h->keylen)) {
			*isnew = 0;
			return r;
		}
		s = (s + 1) & (h->nslots - 1);
	}
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->recs = xrealloc(h->recs, (size_t)h->cap * h->recsize);
	}
	void *r = htab_rec(h, h->n);
	memset(r, 0, h->recsize);
	memcpy(r, key, h->keylen);
	h->slots[s] = ++h->n;
	*isnew = 1;
	return r;
}

/* --- sorting --------------------------------------------------------------- */

struct sortent {
	uint64_t count;
	uint32_t idx;
};

static int cmp_desc(const void *a, const void *b)
{
	const struct sortent *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

void sort_desc_stable(uint32_t *idx, const uint64_t *count, uint32_t n)
{
	struct sortent *e = xmalloc((size_t)n * sizeof *e);
	for (uint32_t i = 0; i < n; i++) {
		e[i].count = count[idx[i]];
		e[i].idx = idx[i];
	}
	qsort(e, n, sizeof *e, cmp_desc);
	for (uint32_t i = 0; i < n; i++)
		idx[i] = e[i].idx;
	free(e);
}
