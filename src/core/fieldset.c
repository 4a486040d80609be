#include "fieldset.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void fs_init(struct fieldset *fs)
{
	memset(fs, 0, sizeof *fs);
	fs->nids = field_count();
	fs->occ = xcalloc((size_t)fs->nids, sizeof *fs->occ);
	fs->gen = 1;
	fs->cur_parent = -1;
}

void fs_free(struct fieldset *fs)
{
	free(fs->items);
	free(fs->occ);
	memset(fs, 0, sizeof *fs);
}

void fs_reset(struct fieldset *fs)
{
	fs->n = 0;
	fs->cur_parent = -1;
	if (++fs->gen == 0) { /* wrapped: stale stamps could look current */
		for (int32_t i = 0; i < fs->nids; i++)
			fs->occ[i].stamp = 0;
		fs->gen = 1;
	}
}

/* Fields registered after fs_init (Lua protocols) grow the per-id arrays. */
static void grow_ids(struct fieldset *fs, int id)
{
	int32_t n = field_count();
	if (n <= id)
		n = id + 1;
	fs->occ = xrealloc(fs->occ, (size_t)n * sizeof *fs->occ);
	memset(fs->occ + fs->nids, 0, (size_t)(n - fs->nids) * sizeof *fs->occ);
	fs->nids = n;
}

/* The caller (fs_add and friends) has checked that id is wanted. */
int fs_store(struct fieldset *fs, int id, uint32_t pos, uint32_t len, const struct fvalue *v)
{
	if (id >= fs->nids)
		grow_ids(fs, id);
	if (fs->n >= fs->cap) /* the call only when full: a statistics job stores per frame */
		xgrow(&fs->items, &fs->cap, fs->n + 1, sizeof *fs->items);
	int idx = fs->n++;
	struct fitem *it = &fs->items[idx];
	it->id = id;
	it->parent = fs->cur_parent;
	it->next_same = -1;
	it->pos = pos;
	it->len = len;
	it->src = 0;
	it->flags = 0;
	it->text = NULL;
	if (v)
		it->val = *v;
	else
		memset(&it->val, 0, sizeof it->val);
	struct fs_occ *o = &fs->occ[id];
	if (o->stamp != fs->gen) {
		o->stamp = fs->gen;
		o->first = idx;
	} else {
		fs->items[o->last].next_same = idx;
	}
	o->last = idx;
	return idx;
}

int fs_add_double(struct fieldset *fs, int id, uint32_t pos, uint32_t len, double d)
{
	struct fvalue v;
	v.v.d = d;
	return fs_add(fs, id, pos, len, &v);
}

int fs_add_ipv6(struct fieldset *fs, int id, uint32_t pos, const uint8_t *a16)
{
	struct fvalue v;
	memcpy(v.v.ip6, a16, 16);
	return fs_add(fs, id, pos, 16, &v);
}

int fs_add_time(struct fieldset *fs, int id, uint32_t pos, uint32_t len, int64_t sec, int32_t nsec)
{
	struct fvalue v;
	v.v.t.sec = sec;
	v.v.t.nsec = nsec;
	return fs_add(fs, id, pos, len, &v);
}

int fs_count(const struct fieldset *fs, int id)
{
	int n = 0;
	for (int i = fs_first(fs, id); i >= 0; i = fs->items[i].next_same)
		n++;
	return n;
}
