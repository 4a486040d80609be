/*
** arena.h -- bump allocator for data that dies together.
**
** The frame arena holds everything whose lifetime is one packet (formatted
** strings, reassembled copies); arena_reset() after the packet frees it all
** at once and keeps the first block, so steady state does no malloc at all.
*/
#ifndef WS_ARENA_H
#define WS_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena_adopted;

struct arena {
	struct arena_block *head;
	size_t used;                   /* bytes used in head */
	struct arena_adopted *adopted; /* malloc'd blocks freed with the arena's data */
	int spilled; /* head has older blocks behind it (arena_reset frees them) */
};

void arena_init(struct arena *a);
void *arena_alloc(struct arena *a, size_t n); /* 16-byte aligned, never NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
** Hands a malloc'd block to the arena, which frees it at the next reset: a
** buffer the packet's fields point into (a reassembled PDU) then lives as long
** as the fields without being copied.
*/
void arena_adopt(struct arena *a, void *p);
void arena_reset_slow(struct arena *a);
/*
** Free the packet's data.  Inline: called once a frame, and most frames fit
** in the one block and adopt nothing.
*/
static inline void arena_reset(struct arena *a)
{
	if (a->adopted || a->spilled)
		arena_reset_slow(a);
	else
		a->used = 0;
}
void arena_free(struct arena *a);

#endif
