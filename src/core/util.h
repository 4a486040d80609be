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
#include <string.h>

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

/* big-endian words, so comparing them orders as memcmp does (conversation keys) */
static inline uint64_t load_be64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static inline uint32_t load_be32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap32(v);
#endif
	return v;
}

#endif
