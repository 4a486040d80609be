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

static void info_vappend(struct packet *pk, const char *fmt, va_list ap)
{
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

char *addr_to_str(const struct address *a, char *buf, size_t n)
{
	switch (a->type) {
	case AT_ETHER:
		snprintf(buf, n, "%02x:%02x:%02x:%02x:%02x:%02x", a->a[0], a->a[1], a->a[2],
			 a->a[3], a->a[4], a->a[5]);
		break;
	case AT_IPv4:
		snprintf(buf, n, "%u.%u.%u.%u", a->a[0], a->a[1], a->a[2], a->a[3]);
		break;
	case AT_IPv6:
		if (!inet_ntop(AF_INET6, a->a, buf, (socklen_t)n))
			buf[0] = 0;
		break;
	default:
		buf[0] = 0;
	}
	return buf;
}

void addr_set(struct address *a, enum addr_type t, const uint8_t *p)
{
	static const uint8_t lens[] = {0, 6, 4, 16};
	a->type = (uint8_t)t;
	a->len = lens[t];
	memset(a->a, 0, sizeof a->a);
	if (p)
		memcpy(a->a, p, a->len);
}

int addr_cmp(const struct address *a, const struct address *b)
{
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	return memcmp(a->a, b->a, a->len);
}
