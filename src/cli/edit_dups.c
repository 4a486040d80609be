/*
** edit_dups.c -- duplicate records for editcap -d/-D/-w.
**
** One ring of digests serves both modes, as in editcap: the window mode
** compares against every other slot, the time mode walks back from the
** newest slot and stops at the first record older than the window (records
** newer than the current one, out of order, are passed over).  The ring of
** the time mode holds at most a million records, editcap's bound; it is
** allocated as it fills.
*/
#include "edit_dups.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "edit_util.h"

#define TIME_RING 1000000

void dups_init(struct dups *d)
{
	d->cur = -1;
	d->nent = 0;
	d->skipped = 0;
	if (d->mode == DUP_WINDOW && d->window > 0) {
		d->ent = xcalloc((size_t)d->window, sizeof *d->ent);
		d->entcap = d->window;
		d->nent = d->window;
	}
}

/* Next slot of the ring; the time mode's ring grows until its bound. */
static struct dup_ent *next_slot(struct dups *d)
{
	if (d->mode == DUP_TIME && d->nent < TIME_RING) {
		xgrow(&d->ent, &d->entcap, d->nent + 1, sizeof *d->ent);
		d->cur = d->nent++;
	} else {
		d->cur = d->nent ? (d->cur + 1) % d->nent : -1;
	}
	return d->cur >= 0 ? &d->ent[d->cur] : NULL;
}

static int same(const struct dup_ent *a, const struct dup_ent *b)
{
	return a->len == b->len && !memcmp(a->md, b->md, 16);
}

int dups_check(struct dups *d, const uint8_t *p, uint32_t len, int64_t sec, int32_t nsec,
	       uint8_t md[16])
{
	/* a record no longer than the bytes to ignore is digested whole */
	uint32_t skip = len > d->ignore ? d->ignore : 0;
	md5_digest(p + skip, len - skip, md);
	struct dup_ent *e = next_slot(d);
	if (!e)
		return 0; /* -D 0: digests only */
	memcpy(e->md, md, 16);
	e->len = len;
	e->sec = sec;
	e->nsec = nsec;
	if (d->mode == DUP_WINDOW) {
		for (int32_t i = 0; i < d->nent; i++)
			if (i != d->cur && same(&d->ent[i], e))
				return 1;
		return 0;
	}
	for (int32_t k = 1; k < d->nent; k++) {
		const struct dup_ent *o = &d->ent[(d->cur - k + d->nent) % d->nent];
		int64_t ds = sec;
		int32_t dn = nsec;
		ts_add(&ds, &dn, -o->sec, -o->nsec);
		if (ds < 0)
			continue; /* out of order: editcap looks further back */
		if (ts_cmp(ds, dn, d->tw_sec, d->tw_nsec) > 0)
			break;
		if (same(o, e))
			return 1;
	}
	return 0;
}

void dups_report(const struct dups *d, long long seen)
{
	const char *ps = seen == 1 ? "" : "s", *ss = d->skipped == 1 ? "" : "s";
	if (d->mode == DUP_WINDOW)
		fprintf(stderr,
			"%lld packet%s seen, %lld packet%s skipped with duplicate window of %d "
			"packets.\n",
			seen, ps, d->skipped, ss, d->window);
	else if (d->mode == DUP_TIME)
		fprintf(stderr,
			"%lld packet%s seen, %lld packet%s skipped with duplicate time window "
			"equal to or less than %lld.%09d seconds.\n",
			seen, ps, d->skipped, ss, (long long)d->tw_sec, (int)d->tw_nsec);
}

void dups_free(struct dups *d)
{
	free(d->ent);
	d->ent = NULL;
}
