/*
** column.c -- the Protocol and Info columns and address text.
**
** Info is a fixed buffer in the packet: tshark's own limit on a column is
** 256 bytes for display but -T fields prints the whole text, so we keep up
** to PK_INFO_MAX and cut silently beyond (no real Info column comes near).
*/
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "packet.h"

void col_set_proto(struct packet *pk, const char *proto)
{
	pk->col_proto = proto;
}

void col_clear_info(struct packet *pk)
{
	pk->info_len = pk->info_fence;
	pk->info[pk->info_len] = 0;
}

void col_set_fence(struct packet *pk)
{
	pk->info_fence = pk->info_len;
}

/* Only %u, %s and %%: the formats of nearly every Info call, done without vsnprintf. */
static int fmt_simple(const char *fmt)
{
	for (; *fmt; fmt++)
		if (*fmt == '%' && (fmt[1] == 'u' || fmt[1] == 's' || fmt[1] == '%'))
			fmt++;
		else if (*fmt == '%')
			return 0;
	return 1;
}

/* vsnprintf's result for a simple format: cut at the buffer's end, NUL-terminated. */
static void info_fast(struct packet *pk, const char *fmt, va_list ap)
{
	char *d = pk->info;
	uint32_t k = pk->info_len, lim = PK_INFO_MAX - 1;
	for (; *fmt; fmt++) {
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%')
				fmt++;
			if (k < lim)
				d[k++] = *fmt;
			continue;
		}
		if (*++fmt == 'u') {
			unsigned v = va_arg(ap, unsigned);
			char t[10];
			int n = 0;
			do {
				t[n++] = (char)('0' + v % 10);
				v /= 10;
			} while (v);
			while (n && k < lim)
				d[k++] = t[--n];
		} else {
			const char *str = va_arg(ap, const char *);
			if (!str)
				str = "(null)"; /* glibc's text */
			while (*str && k < lim)
				d[k++] = *str++;
		}
	}
	d[k] = 0;
	pk->info_len = k;
}

static void info_vappend(struct packet *pk, const char *fmt, va_list ap)
{
	if (fmt_simple(fmt)) {
		info_fast(pk, fmt, ap);
		return;
	}
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
	case AT_IPv6:
		if (!inet_ntop(AF_INET6, a->a, buf, (socklen_t)n))
			buf[0] = 0;
		return buf;
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
