#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define ARENA_BLOCK 65536

struct arena_block {
	struct arena_block *next;
	size_t size;
	_Alignas(16) unsigned char mem[];
};

struct arena_adopted {
	struct arena_adopted *next;
	void *p;
};

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->adopted = NULL;
	a->spilled = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!a->head || n > a->head->size - a->used) {
		size_t sz = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		struct arena_block *b = xmalloc(sizeof *b + sz);
		b->size = sz;
		b->next = a->head;
		a->spilled = a->head != NULL;
		a->head = b;
		a->used = 0;
	}
	void *p = a->head->mem + a->used;
	a->used += n;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	if ((size_t)n < sizeof buf) {
		memcpy(p, buf, (size_t)n + 1);
	} else {
		va_start(ap, fmt);
		vsnprintf(p, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	return p;
}

void arena_adopt(struct arena *a, void *p)
{
	struct arena_adopted *n = arena_alloc(a, sizeof *n);
	n->p = p;
	n->next = a->adopted;
	a->adopted = n;
}

/* Keep the newest block (the largest working set seen) and free the rest. */
void arena_reset_slow(struct arena *a)
{
	/* the list lives in the blocks: free what it names first */
	for (struct arena_adopted *n = a->adopted; n; n = n->next)
		free(n->p);
	a->adopted = NULL;
	if (!a->head)
		return;
	struct arena_block *b = a->head->next;
	while (b) {
		struct arena_block *n = b->next;
		free(b);
		b = n;
	}
	a->head->next = NULL;
	a->used = 0;
	a->spilled = 0;
}

void arena_free(struct arena *a)
{
	arena_reset_slow(a);
	free(a->head);
	a->head = NULL;
}
