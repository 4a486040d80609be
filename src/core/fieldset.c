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

/* Item idx, the latest of the field whose chain head is *o, at its chain's end. */
static inline void link_item(struct fitem *items, struct fs_occ *o, uint32_t gen, int idx)
{
	if (o->stamp != gen) {
		o->stamp = gen;
		o->first = idx;
	} else {
		items[o->last].next_same = idx;
	}
	o->last = idx;
}

/* link_occurrence's rare case, out of line so that a store saves no registers */
static __attribute__((noinline)) int link_grow(struct fieldset *fs, int id, int idx)
{
	grow_ids(fs, id);
	fs->items[idx].next_same = -1;
	link_item(fs->items, &fs->occ[id], fs->gen, idx);
	return idx;
}

/*
** Item idx, just stored, is id's latest occurrence: the first this frame, or
** the chain's next; returns idx.  Not for a field only -T fields reads
** (field_want_unchained) once it reads this fieldset: that item's next_same
** is left as it was, and fs_first does not find it.  The per-id array grows
** here, the one place that indexes it by a new item's id.
*/
static inline int link_occurrence(struct fieldset *fs, struct fitem *it, int id, int idx)
{
	if (field_wanted_map[id] & fs->unchain)
		return idx;
	if (id >= fs->nids)
		return link_grow(fs, id, idx);
	it->next_same = -1;
	link_item(fs->items, &fs->occ[id], fs->gen, idx);
	return idx;
}

/*
** Item idx (the end, room made) with everything but its value and its chain
** (next_same); the caller writes the value and links the item.  Field by
** field: a compound literal zeroes the whole item first and then stores most
** of it again, and this runs for every wanted field.
*/
static inline struct fitem *put_item(struct fieldset *fs, int idx, int id, uint32_t pos,
				     uint32_t len, unsigned flags)
{
	struct fitem *it = &fs->items[idx];
	fs->n = idx + 1;
	it->id = id;
	it->parent = fs->cur_parent;
	it->pos = pos;
	it->len = len;
	it->src = 0;
	it->flags = (uint8_t)flags;
	it->text = NULL;
	return it;
}

/* One item at the end, with room for it made already. */
static inline int store(struct fieldset *fs, int id, uint32_t pos, uint32_t len,
			const struct fvalue *v, unsigned flags)
{
	int idx = fs->n;
	struct fitem *it = put_item(fs, idx, id, pos, len, flags);
	if (v)
		it->val = *v;
	else
		memset(&it->val, 0, sizeof it->val);
	return link_occurrence(fs, it, id, idx);
}

/* The rare store that must grow the array first, out of line. */
static __attribute__((noinline)) int store_grow(struct fieldset *fs, int id, uint32_t pos,
						uint32_t len, const struct fvalue *v,
						unsigned flags)
{
	if (fs->n >= fs->cap)
		xgrow(&fs->items, &fs->cap, fs->n + 1, sizeof *fs->items);
	return store(fs, id, pos, len, v, flags);
}

/*
** The caller (fs_add and friends) has checked that id is wanted.  Every wanted
** field comes here: the growing is a tail call, so the common path saves no
** registers.
*/
int fs_store(struct fieldset *fs, int id, uint32_t pos, uint32_t len, const struct fvalue *v)
{
	if (fs->n >= fs->cap)
		return store_grow(fs, id, pos, len, v, 0);
	return store(fs, id, pos, len, v, 0);
}

/* fs_store_u and fs_store_b when the array must grow first, out of line. */
static __attribute__((noinline)) int store_u_grow(struct fieldset *fs, int id, uint32_t pos,
						  uint32_t len, uint64_t u, unsigned flags)
{
	struct fvalue v;
	memset(&v, 0, sizeof v); /* a none item's value is all zero bytes, as fs_store's */
	v.v.u = u;
	return store_grow(fs, id, pos, len, &v, flags);
}
static __attribute__((noinline)) int store_b_grow(struct fieldset *fs, int id, uint32_t pos,
						  uint32_t len, const uint8_t *p, uint32_t n)
{
	struct fvalue v;
	memset(&v, 0, sizeof v);
	v.v.b.p = p;
	v.v.b.n = n;
	return store_grow(fs, id, pos, len, &v, 0);
}

/*
** An unsigned (or none, or int as its bit pattern) item with its FI_* flags
** set in the same stores: the dissectors' common case, called for every
** wanted header field, so the item is written in place (no fvalue copied
** through the stack).
*/
int fs_store_u(struct fieldset *fs, int id, uint32_t pos, uint32_t len, uint64_t u, unsigned flags)
{
	int idx = fs->n;
	if (idx >= fs->cap)
		return store_u_grow(fs, id, pos, len, u, flags);
	struct fitem *it = put_item(fs, idx, id, pos, len, flags);
	it->val.v.u = u;
	memset((char *)&it->val + sizeof u, 0, sizeof it->val - sizeof u);
	return link_occurrence(fs, it, id, idx);
}

/* Bytes, a string or an address (n bytes at p), written in place likewise. */
int fs_store_b(struct fieldset *fs, int id, uint32_t pos, uint32_t len, const uint8_t *p,
	       uint32_t n)
{
	int idx = fs->n;
	if (idx >= fs->cap)
		return store_b_grow(fs, id, pos, len, p, n);
	struct fitem *it = put_item(fs, idx, id, pos, len, 0);
	memset(&it->val, 0, sizeof it->val);
	it->val.v.b.p = p;
	it->val.v.b.n = n;
	return link_occurrence(fs, it, id, idx);
}

int fs_count(const struct fieldset *fs, int id)
{
	int n = 0;
	for (int i = fs_first(fs, id); i >= 0; i = fs->items[i].next_same)
		n++;
	return n;
}
