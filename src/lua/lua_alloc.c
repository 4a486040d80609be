/*
** lua_alloc.c -- the Lua state's allocator: size-class free lists for small
** blocks, the C heap for the rest.
**
** A tap makes a few small objects per packet (FieldInfo userdata, strings)
** that the collector frees young.  Through malloc each costs a trip through
** glibc's bins, which the dissectors' reassembly buffers keep fragmented
** (malloc_consolidate, unlink_chunk: ~15% of the StreamXpert tap's CPU on
** cut1m.pcap).  Lua passes the old size on every free and resize, so a free
** list per 16-byte class needs no header: a block is recycled in O(1).
*/
#include <stdlib.h>
#include <string.h>

#include "lua_int.h"

/* under AddressSanitizer every block goes to malloc, so a stale Lua object is still caught */
#if defined(__SANITIZE_ADDRESS__)
#define WSLUA_PLAIN_ALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WSLUA_PLAIN_ALLOC 1
#endif
#endif

#define GRAIN      16
#define MAX_SMALL  512 /* larger blocks go to malloc */
#define NCLASSES   (MAX_SMALL / GRAIN)
#define SLAB_BYTES (256 * 1024)

struct slab {
	struct slab *next;
	/* blocks follow, GRAIN-aligned */
};

static struct {
	void *free[NCLASSES]; /* singly linked through the block's first word */
	struct slab *slabs;
	char *cur, *end; /* the slab being carved */
} pool;

static int class_of(size_t n)
{
	return (int)((n + GRAIN - 1) / GRAIN) - 1;
}

static void small_free(void *p, int c)
{
	*(void **)p = pool.free[c];
	pool.free[c] = p;
}

static void *small_alloc(int c)
{
	void *p = pool.free[c];
	if (p) {
		pool.free[c] = *(void **)p;
		return p;
	}
	size_t sz = (size_t)(c + 1) * GRAIN;
	if (pool.cur == NULL || (size_t)(pool.end - pool.cur) < sz) {
		/* the old slab's tail (< MAX_SMALL, a multiple of GRAIN) joins its class */
		if (pool.cur && pool.end - pool.cur >= GRAIN)
			small_free(pool.cur, class_of((size_t)(pool.end - pool.cur)));
		struct slab *s = malloc(SLAB_BYTES);
		if (!s)
			return NULL;
		s->next = pool.slabs;
		pool.slabs = s;
		pool.cur = (char *)s + GRAIN;
		pool.end = (char *)s + SLAB_BYTES;
	}
	p = pool.cur;
	pool.cur += sz;
	return p;
}

void *wslua_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	(void)ud;
#ifdef WSLUA_PLAIN_ALLOC
	(void)osize;
	if (nsize == 0) {
		free(ptr);
		return NULL;
	}
	return realloc(ptr, nsize);
#endif
	/* without a block, osize is a type tag, not a size */
	size_t old = ptr ? osize : 0;
	int oc = old && old <= MAX_SMALL ? class_of(old) : -1;
	if (nsize == 0) {
		if (oc >= 0)
			small_free(ptr, oc);
		else
			free(ptr);
		return NULL;
	}
	if (nsize > MAX_SMALL) {
		if (oc < 0)
			return realloc(ptr, nsize);
		void *q = malloc(nsize);
		if (q) {
			memcpy(q, ptr, old);
			small_free(ptr, oc);
		}
		return q;
	}
	int nc = class_of(nsize);
	if (nc == oc)
		return ptr;
	void *q = small_alloc(nc);
	if (!q)
		return old >= nsize ? ptr : NULL; /* Lua counts on shrinking never failing */
	if (ptr) {
		memcpy(q, ptr, old < nsize ? old : nsize);
		if (oc >= 0)
			small_free(ptr, oc);
		else
			free(ptr);
	}
	return q;
}

void wslua_alloc_release(void)
{
	while (pool.slabs) {
		struct slab *s = pool.slabs;
		pool.slabs = s->next;
		free(s);
	}
	memset(&pool, 0, sizeof pool);
}
