/*
** fieldset.h -- one frame's field values, in dissection order.
**
** An append-only array of items { id, parent, position, value }.  `parent`
** makes the protocol tree (for -V / pdml / json); a per-id chain links the
** occurrences of one field ("all ip.addr") so the filter, -e and Lua
** Field.new find them without scanning.  The array and the chain heads are
** reused from frame to frame: reset costs O(1) (a generation counter), and no
** heap allocation happens per packet once the arrays have grown.
**
** Byte and string values point into frame memory or into the frame arena;
** they are valid until the next fs_reset().
*/
#ifndef WS_FIELDSET_H
#define WS_FIELDSET_H

#include <stdint.h>
#include <string.h>

#include "field.h"

struct fvalue {
	union {
		uint64_t u;
		int64_t i;
		double d;
		struct {
			const uint8_t *p;
			uint32_t n;
		} b; /* bytes, strings (not NUL-terminated), ether, ipv6, guid */
		uint8_t ip6[16];
		struct {
			int64_t sec;
			int32_t nsec;
		} t;
	} v;
};

struct fitem {
	int32_t id;
	int32_t parent;    /* index of the parent item, -1 for top level */
	int32_t next_same; /* next occurrence of the same id, -1 at the end */
	uint32_t pos;      /* offset in its data source */
	uint32_t len;
	uint8_t src;      /* data source (0 = frame) */
	uint8_t flags;    /* FI_* */
	const char *text; /* custom tree label, or NULL for the default */
	struct fvalue val;
};

#define FI_GENERATED  0x01 /* [..] in the tree: not from packet bytes */
#define FI_HIDDEN     0x02
#define FI_NONE_VALUE 0x04 /* FT_PROTOCOL/FT_NONE carry no value */
#define FI_NO_TAP     0x08 /* protocol item whose tap never fired (tshark threw before queueing it) */

struct fieldset {
	struct fitem *items;
	int32_t n, cap;
	/*
	** per field id: first and last occurrence, valid when stamp == gen; one
	** struct per id so an add touches one cache line (many fieldsets are in
	** flight with worker threads, and theirs are cold)
	*/
	struct fs_occ {
		int32_t first, last;
		uint32_t stamp;
	} * occ;
	uint32_t gen;
	int32_t nids;
	int32_t cur_parent; /* new items attach here (see fs_push/fs_pop) */
	int want_all;       /* tree output: everything is materialised */
	/*
	** FIELD_WANT_UNCHAINED once -T fields has walked this fieldset's items,
	** else 0: the fields so marked in the wanted map are not linked (field.h)
	*/
	uint8_t unchain;
};

void fs_init(struct fieldset *fs);
void fs_free(struct fieldset *fs);
void fs_reset(struct fieldset *fs);

/* Is anybody interested in id?  Dissectors may skip expensive work when not. */
static inline int fs_wants(const struct fieldset *fs, int id)
{
	return fs->want_all || field_is_wanted(id);
}

/* Will anybody read id's label (fitem.text)?  Protocol items' labels cost a printf. */
static inline int fs_wants_label(const struct fieldset *fs, int id)
{
	return fs->want_all || field_label_wanted(id);
}

/* Is any field of the dense id block [first, first+n) wanted? */
static inline int fs_wants_range(const struct fieldset *fs, int first, int n)
{
	return fs->want_all || (first >= 0 && field_any_wanted(first, n));
}

/*
** Add an item; returns its index, or -1 when nobody wants the field (nothing
** is stored then, which is the fast path).  Dissectors call these tens of
** times per frame, mostly for fields nobody asked for, so the test is inline
** and only a wanted field pays for a call.
*/
int fs_store(struct fieldset *fs, int id, uint32_t pos, uint32_t len, const struct fvalue *v);
/* fs_store for an unsigned value (an int's bit pattern, 0 for none) with its FI_* flags set. */
int fs_store_u(struct fieldset *fs, int id, uint32_t pos, uint32_t len, uint64_t u, unsigned flags);
/* fs_store for bytes, a string or an address: n bytes at p. */
int fs_store_b(struct fieldset *fs, int id, uint32_t pos, uint32_t len, const uint8_t *p,
	       uint32_t n);
static inline int fs_skip(const struct fieldset *fs, int id)
{
	return id < 0 || !fs_wants(fs, id);
}
static inline int fs_add(struct fieldset *fs, int id, uint32_t pos, uint32_t len,
			 const struct fvalue *v)
{
	return fs_skip(fs, id) ? -1 : fs_store(fs, id, pos, len, v);
}
static inline int fs_add_uint(struct fieldset *fs, int id, uint32_t pos, uint32_t len, uint64_t u)
{
	return fs_skip(fs, id) ? -1 : fs_store_u(fs, id, pos, len, u, 0);
}
static inline int fs_add_int(struct fieldset *fs, int id, uint32_t pos, uint32_t len, int64_t i)
{
	return fs_skip(fs, id) ? -1 : fs_store_u(fs, id, pos, len, (uint64_t)i, 0);
}
static inline int fs_add_bytes(struct fieldset *fs, int id, uint32_t pos, uint32_t len,
			       const uint8_t *p, uint32_t n)
{
	return fs_skip(fs, id) ? -1 : fs_store_b(fs, id, pos, len, p, n);
}
static inline int fs_add_double(struct fieldset *fs, int id, uint32_t pos, uint32_t len, double d)
{
	if (fs_skip(fs, id))
		return -1;
	struct fvalue v;
	v.v.d = d;
	return fs_store(fs, id, pos, len, &v);
}
static inline int fs_add_ipv6(struct fieldset *fs, int id, uint32_t pos, const uint8_t *a16)
{
	if (fs_skip(fs, id))
		return -1;
	struct fvalue v;
	memcpy(v.v.ip6, a16, 16);
	return fs_store(fs, id, pos, 16, &v);
}
static inline int fs_add_time(struct fieldset *fs, int id, uint32_t pos, uint32_t len, int64_t sec,
			      int32_t nsec)
{
	if (fs_skip(fs, id))
		return -1;
	struct fvalue v;
	v.v.t.sec = sec;
	v.v.t.nsec = nsec;
	return fs_store(fs, id, pos, len, &v);
}
static inline int fs_add_none(struct fieldset *fs, int id, uint32_t pos, uint32_t len)
{
	return fs_skip(fs, id) ? -1 : fs_store_u(fs, id, pos, len, 0, FI_NONE_VALUE);
}

/* The last added item, for set_text / flags. */
static inline struct fitem *fs_item(struct fieldset *fs, int idx)
{
	return idx >= 0 ? &fs->items[idx] : 0;
}

/* An item's shown text; only a printed tree (-V, pdml, json) reads it, so nothing else pays. */
static inline void fs_tree_text(struct fieldset *fs, int idx, const char *s)
{
	if (idx >= 0 && fs->want_all)
		fs->items[idx].text = s;
}

/* Tree nesting: items added after fs_push(idx) become children of idx. */
static inline int fs_push(struct fieldset *fs, int idx)
{
	int prev = fs->cur_parent;
	if (idx >= 0)
		fs->cur_parent = idx;
	return prev;
}
static inline void fs_pop(struct fieldset *fs, int prev)
{
	fs->cur_parent = prev;
}

/* Occurrences of a field: first index or -1; follow fitem.next_same. */
static inline int fs_first(const struct fieldset *fs, int id)
{
	return id >= 0 && id < fs->nids && fs->occ[id].stamp == fs->gen ? fs->occ[id].first : -1;
}
int fs_count(const struct fieldset *fs, int id);

#endif
