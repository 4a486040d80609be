/*
** util.h -- allocation that never returns NULL, and small string helpers.
**
** Every heap allocation in wiresift goes through xmalloc/xrealloc so that an
** out-of-memory condition is one clear message and exit code, and so tests
** can count allocations.
*/
#ifndef WS_UTIL_H
#define WS_UTIL_H

#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *arr (of element size elt) so it holds at least need elements. */
void xgrow(void *arrp, int32_t *cap, int32_t need, size_t elt);

/* The value of a hex digit, or -1 for any other character. */
static inline int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
