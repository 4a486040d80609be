/*
** column.c -- the Protocol and Info columns and address text.
**
** Info is a fixed buffer in the packet: tshark's own limit on a column is
** 256 bytes for display but -T fields prints the whole text, so we keep up
** to PK_INFO_MAX and cut silently beyond (no real Info column comes near).
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "packet.h"

/* v in decimal at the end of t[10], two digits a step; returns where it starts */
static size_t put_dec(char t[10], unsigned v)
{
	static const char d2[] = "00010203040506070809101112131415161718192021222324"
				 "25262728293031323334353637383940414243444546474849"
				 "50515253545556575859606162636465666768697071727374"
				 "75767778798081828384858687888990919293949596979899";
	size_t n = 10;
	while (v >= 100) {
		unsigned q = v / 100;
		n -= 2;
		memcpy(t + n, d2 + 2 * (v - q * 100), 2);
		v = q;
	}
	if (v >= 10) {
		n -= 2;
		memcpy(t + n, d2 + 2 * v, 2);
	} else {
		t[--n] = (char)('0' + v);
	}
	return n;
}

/* n bytes at the end of Info, cut where vsnprintf would cut */
static void info_put(struct packet *pk, const char *p, size_t n)
{
	size_t room = PK_INFO_MAX - 1 - pk->info_len;
	if (n > room)
		n = room;
	memcpy(pk->info + pk->info_len, p, n);
	pk->info_len += (uint32_t)n;
}

/*
** vsnprintf's result for the formats of nearly every Info call (%u, %s, %%
** only), cut at the buffer's end; 1 when fmt has another conversion.
*/
static int info_fast(struct packet *pk, const char *fmt, va_list ap)
{
	for (;;) {
		const char *pct = strchr(fmt, '%');
		if (!pct) {
			info_put(pk, fmt, strlen(fmt));
			break;
		}
		info_put(pk, fmt, (size_t)(pct - fmt));
		if (pct[1] == 'u') {
			char t[10];
			size_t n = put_dec(t, va_arg(ap, unsigned));
			info_put(pk, t + n, sizeof t - n);
		} else if (pct[1] == 's') {
			const char *str = va_arg(ap, const char *);
			if (!str)
				str = "(null)"; /* glibc's text */
			info_put(pk, str, strlen(str));
		} else if (pct[1] == '%') {
			info_put(pk, "%", 1);
		} else {
			return 1;
		}
		fmt = pct + 2;
	}
	pk->info[pk->info_len] = 0;
	return 0;
}

static void info_vappend(struct packet *pk, const char *fmt, va_list ap)
{
	uint32_t at = pk->info_len;
	va_list aq;
	va_copy(aq, ap);
	int other = info_fast(pk, fmt, aq);
	va_end(aq);
	if (!other)
		return;
	pk->info_len = at; /* vsnprintf from the start again */
	uint32_t room = PK_INFO_MAX - pk->info_len;
	int n = vsnprintf(pk->info + pk->info_len, room, fmt, ap);
	if (n < 0)
		return;
	pk->info_len += (uint32_t)n < room ? (uint32_t)n : room - 1;
}

void col_set_info(struct packet *pk, const char *s)
{
	if (!pk_want_info(pk))
		return;
	col_clear_info(pk);
	col_append_info(pk, "%s", s);
}

void col_append_info(struct packet *pk, const char *fmt, ...)
{
	if (!pk_want_info(pk))
		return;
	va_list ap;
	va_start(ap, fmt);
	info_vappend(pk, fmt, ap);
	va_end(ap);
}

void col_append_sep_info(struct packet *pk, const char *sep, const char *fmt, ...)
{
	if (!pk_want_info(pk))
		return;
	if (pk->info_len > 0)
		col_append_info(pk, "%s", sep);
	va_list ap;
	va_start(ap, fmt);
	info_vappend(pk, fmt, ap);
	va_end(ap);
}

/* Prepending goes after the fence, like tshark's col_prepend_fstr. */
void col_prepend_info(struct packet *pk, const char *s)
{
	if (!pk_want_info(pk))
		return;
	size_t n = strlen(s);
	uint32_t f = pk->info_fence;
	if (n >= PK_INFO_MAX - 1 - pk->info_len)
		return;
	memmove(pk->info + f + n, pk->info + f, pk->info_len - f + 1);
	memcpy(pk->info + f, s, n);
	pk->info_len += (uint32_t)n;
}

/* "%u." of one IPv4 byte; returns the end */
static char *put_octet(char *d, unsigned v)
{
	if (v >= 100)
		*d++ = (char)('0' + v / 100);
	if (v >= 10)
		*d++ = (char)('0' + v / 10 % 10);
	*d++ = (char)('0' + v % 10);
	return d;
}

/*
** IPv6 text exactly as glibc's inet_ntop writes it (RFC 5952's shape: the
** first longest run of two or more zero words as "::", lowercase hex without
** leading zeros, ::a.b.c.d and ::ffff:a.b.c.d for embedded IPv4), without
** its sprintf per word, which made IPv6 rows most of a -z conv table's text.
** Returns the length (at most 45, no NUL).
*/
static size_t put_ipv6(char *o, const uint8_t *a)
{
	static const char hex[] = "0123456789abcdef";
	unsigned w[8];
	int bb = -1, bl = 0, cb = -1, cl = 0;
	for (int i = 0; i < 8; i++) {
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
		if (w[i] == 0) {
			if (cb < 0)
				cb = i, cl = 0;
			if (++cl > bl)
				bb = cb, bl = cl;
		} else {
			cb = -1;
		}
	}
	if (bl < 2)
		bb = -1;
	char *p = o;
	for (int i = 0; i < 8; i++) {
		if (bb >= 0 && i >= bb && i < bb + bl) {
			if (i == bb)
				*p++ = ':';
			continue;
		}
		if (i)
			*p++ = ':';
		if (i == 6 && bb == 0 && (bl == 6 || (bl == 5 && w[5] == 0xffff))) {
			for (int k = 12; k < 16; k++) {
				if (k > 12)
					*p++ = '.';
				p = put_octet(p, a[k]);
			}
			return (size_t)(p - o);
		}
		int sh = w[i] >= 0x1000 ? 12 : w[i] >= 0x100 ? 8 : w[i] >= 0x10 ? 4 : 0;
		for (; sh >= 0; sh -= 4)
			*p++ = hex[(w[i] >> sh) & 15];
	}
	if (bb >= 0 && bb + bl == 8)
		*p++ = ':';
	return (size_t)(p - o);
}

char *addr_to_str(const struct address *a, char *buf, size_t n)
{
	/* the Source and Destination columns of every frame: without snprintf, whose
	   cut at n it keeps */
	char t[18];
	size_t k = 0;
	switch (a->type) {
	case AT_ETHER: {
		static const char hex[] = "0123456789abcdef";
		for (int i = 0; i < 6; i++) {
			if (i)
				t[k++] = ':';
			t[k++] = hex[a->a[i] >> 4];
			t[k++] = hex[a->a[i] & 15];
		}
		break;
	}
	case AT_IPv4:
		for (int i = 0; i < 4; i++) {
			if (i)
				t[k++] = '.';
			k = (size_t)(put_octet(t + k, a->a[i]) - t);
		}
		break;
	case AT_IPv6: {
		/* inet_ntop's contract: the whole text or, when n is too small, none */
		char t6[48];
		size_t k6 = put_ipv6(t6, a->a);
		if (k6 < n) {
			memcpy(buf, t6, k6);
			buf[k6] = 0;
		} else if (n) {
			buf[0] = 0;
		}
		return buf;
	}
	default:
		break;
	}
	if (n) {
		if (k > n - 1)
			k = n - 1;
		memcpy(buf, t, k);
		buf[k] = 0;
	}
	return buf;
}

void addr_set(struct address *a, enum addr_type t, const uint8_t *p)
{
	static const uint8_t lens[] = {0, 6, 4, 16};
	a->type = (uint8_t)t;
	a->len = lens[t];
	memset(a->a, 0, sizeof a->a);
	/* constant sizes: every frame sets four addresses, and a call to memcpy costs more */
	if (!p)
		return;
	if (t == AT_IPv4)
		memcpy(a->a, p, 4);
	else if (t == AT_ETHER)
		memcpy(a->a, p, 6);
	else
		memcpy(a->a, p, a->len);
}

int addr_cmp(const struct address *a, const struct address *b)
{
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	return memcmp(a->a, b->a, a->len);
}
