#include "format.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static int hex_width(enum ftype t)
{
	switch (t) {
	case FT_UINT8:
	case FT_INT8:
	case FT_CHAR:
		return 2;
	case FT_UINT16:
	case FT_INT16:
		return 4;
	case FT_UINT24:
	case FT_INT24:
		return 6;
	case FT_UINT32:
	case FT_INT32:
	case FT_FRAMENUM:
		return 8;
	case FT_UINT40:
	case FT_INT40:
		return 10;
	case FT_UINT48:
	case FT_INT48:
		return 12;
	case FT_UINT56:
	case FT_INT56:
		return 14;
	default:
		return 16;
	}
}

static int is_signed(enum ftype t)
{
	return t >= FT_INT8 && t <= FT_INT64;
}

size_t fmt_abs_time(char *buf, size_t n, long long sec, int nsec, int utc)
{
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t t = (time_t)sec;
	struct tm tm;
	if (!(utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm))) {
		int w = snprintf(buf, n, "Not representable");
		return w < 0 ? 0 : (size_t)w;
	}
	const char *zone = utc ? "UTC" : tm.tm_zone;
	int w = snprintf(buf, n, "%s %2d, %d %02d:%02d:%02d.%09d %s", mon[tm.tm_mon], tm.tm_mday,
			 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, nsec, zone ? zone : "");
	return w < 0 ? 0 : (size_t)w;
}

size_t fmt_rel_time(char *buf, size_t n, long long sec, int nsec, int digits)
{
	int neg = sec < 0 || nsec < 0;
	unsigned long long s = (unsigned long long)(sec < 0 ? -sec : sec);
	unsigned ns = (unsigned)(nsec < 0 ? -nsec : nsec);
	int w;
	if (digits == 9)
		w = snprintf(buf, n, "%s%llu.%09u", neg ? "-" : "", s, ns);
	else {
		unsigned div = 1;
		for (int i = digits; i < 9; i++)
			div *= 10;
		w = snprintf(buf, n, "%s%llu.%0*u", neg ? "-" : "", s, digits, ns / div);
	}
	return w < 0 ? 0 : (size_t)w;
}

static size_t put(const char *buf, size_t n, int w)
{
	(void)buf;
	if (w < 0)
		return 0;
	return (size_t)w < n ? (size_t)w : n ? n - 1 : 0;
}

size_t fv_to_str(const struct fitem *it, char *buf, size_t n)
{
	const struct field_def *d = field_get(it->id);
	const struct fvalue *v = &it->val;
	if (n == 0)
		return 0;
	buf[0] = 0;
	switch (d->type) {
	case FT_NONE:
		return put(buf, n, snprintf(buf, n, "1"));
	case FT_PROTOCOL:
		return put(buf, n, snprintf(buf, n, "%s", it->text ? it->text : d->name));
	case FT_BOOLEAN:
		return put(buf, n, snprintf(buf, n, "%d", v->v.u ? 1 : 0));
	case FT_CHAR:
	case FT_UINT8:
	case FT_UINT16:
	case FT_UINT24:
	case FT_UINT32:
	case FT_UINT40:
	case FT_UINT48:
	case FT_UINT56:
	case FT_UINT64:
	case FT_INT8:
	case FT_INT16:
	case FT_INT24:
	case FT_INT32:
	case FT_INT40:
	case FT_INT48:
	case FT_INT56:
	case FT_INT64:
	case FT_FRAMENUM: {
		int b = d->base & BASE_MASK;
		if (b == BASE_HEX || b == BASE_HEX_DEC)
			return put(buf, n, snprintf(buf, n, "0x%0*llx", hex_width(d->type),
						    (unsigned long long)v->v.u));
		if (b == BASE_OCT)
			return put(buf, n, snprintf(buf, n, "0%llo", (unsigned long long)v->v.u));
		if (is_signed(d->type))
			return put(buf, n, snprintf(buf, n, "%lld", (long long)v->v.i));
		return put(buf, n, snprintf(buf, n, "%llu", (unsigned long long)v->v.u));
	}
	case FT_FLOAT:
	case FT_DOUBLE:
		return put(buf, n, snprintf(buf, n, "%.*g", d->type == FT_FLOAT ? 9 : 17, v->v.d));
	case FT_ABSOLUTE_TIME:
		return fmt_abs_time(buf, n, v->v.t.sec, v->v.t.nsec,
				    (d->base & BASE_MASK) != ABSOLUTE_TIME_LOCAL);
	case FT_RELATIVE_TIME:
		return fmt_rel_time(buf, n, v->v.t.sec, v->v.t.nsec, 9);
	case FT_ETHER:
		if (v->v.b.n < 6)
			return 0;
		return put(buf, n,
			   snprintf(buf, n, "%02x:%02x:%02x:%02x:%02x:%02x", v->v.b.p[0], v->v.b.p[1],
				    v->v.b.p[2], v->v.b.p[3], v->v.b.p[4], v->v.b.p[5]));
	case FT_IPv4:
		if (v->v.b.n < 4)
			return 0;
		return put(buf, n, snprintf(buf, n, "%u.%u.%u.%u", v->v.b.p[0], v->v.b.p[1],
					    v->v.b.p[2], v->v.b.p[3]));
	case FT_IPv6:
		if (!inet_ntop(AF_INET6, v->v.ip6, buf, (socklen_t)n))
			buf[0] = 0;
		return strlen(buf);
	case FT_STRING:
	case FT_STRINGZ:
	case FT_UINT_STRING:
	case FT_STRINGZPAD:
	case FT_STRINGZTRUNC: {
		size_t k = v->v.b.n < n - 1 ? v->v.b.n : n - 1;
		memcpy(buf, v->v.b.p, k);
		buf[k] = 0;
		return k;
	}
	default: { /* bytes-like: plain hex */
		static const char hx[] = "0123456789abcdef";
		size_t k = 0;
		for (uint32_t i = 0; i < v->v.b.n && k + 2 < n; i++) {
			buf[k++] = hx[v->v.b.p[i] >> 4];
			buf[k++] = hx[v->v.b.p[i] & 15];
		}
		buf[k] = 0;
		return k;
	}
	}
}
