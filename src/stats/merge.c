/*
** merge.c -- the records of per-worker tables in one-job order (stats_merge).
*/
#include <string.h>

#include "../core/jobs.h"
#include "stats_int.h"

static uint32_t first_of(const struct merge_part *p, uint32_t i, size_t off)
{
	uint32_t v;
	memcpy(&v, (const uint8_t *)p->base + (size_t)i * p->stride + off, sizeof v);
	return v;
}

void merge_by_first(const struct merge_part *parts, int nparts, size_t first_off,
		    void (*fn)(void *arg, int part, const void *rec), void *arg)
{
	uint32_t at[MAX_JOBS] = {0};
	if (nparts > MAX_JOBS)
		nparts = MAX_JOBS;
	for (;;) {
		int best = -1;
		uint32_t bv = 0;
		/* few parts (one per worker): a scan beats a heap */
		for (int p = 0; p < nparts; p++) {
			if (at[p] >= parts[p].n)
				continue;
			uint32_t v = first_of(&parts[p], at[p], first_off);
			if (best < 0 || v < bv) {
				best = p;
				bv = v;
			}
		}
		if (best < 0)
			return;
		fn(arg, best,
		   (const uint8_t *)parts[best].base + (size_t)at[best]++ * parts[best].stride);
	}
}

void merge_tables(void *const *parts, int nparts, size_t tab_off, size_t first_off,
		  void (*fn)(void *arg, int part, const void *rec), void *arg)
{
	struct merge_part mp[MAX_JOBS];
	if (nparts > MAX_JOBS)
		nparts = MAX_JOBS;
	for (int p = 0; p < nparts; p++) {
		const struct htab *t = (const void *)((const uint8_t *)parts[p] + tab_off);
		mp[p] = (struct merge_part){t->recs, t->n, t->recsize};
	}
	merge_by_first(mp, nparts, first_off, fn, arg);
}
