/*
** app_util.c -- see app_util.h.
*/
#include "app_util.h"

#include <string.h>

static size_t put_bytes(char *dst, size_t cap, size_t k, const char *s, size_t n)
{
	if (cap == 0 || k + n >= cap)
		return k;
	memcpy(dst + k, s, n);
	return k + n;
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static size_t utf8_seq(const uint8_t *p, size_t n)
{
	uint8_t c = p[0];
	size_t len;
	uint32_t min;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	uint32_t cp = c & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

size_t app_fmt_text(char *dst, size_t cap, const uint8_t *p, size_t n)
{
	size_t k = 0;
	if (cap == 0)
		return 0;
	for (size_t i = 0; i < n && k + 1 < cap;) {
		uint8_t c = p[i];
		if (c >= 0x20 && c < 0x7f) {
			if (c == '\\')
				k = put_bytes(dst, cap, k, "\\\\", 2);
			else
				dst[k++] = (char)c;
			i++;
			continue;
		}
		if (c < 0x80) {
			char esc[5];
			const char *e = NULL;
			switch (c) {
			case '\a': e = "\\a"; break;
			case '\b': e = "\\b"; break;
			case '\f': e = "\\f"; break;
			case '\n': e = "\\n"; break;
			case '\r': e = "\\r"; break;
			case '\t': e = "\\t"; break;
			case '\v': e = "\\v"; break;
			default:
				esc[0] = '\\';
				esc[1] = (char)('0' + ((c >> 6) & 7));
				esc[2] = (char)('0' + ((c >> 3) & 7));
				esc[3] = (char)('0' + (c & 7));
				esc[4] = 0;
				e = esc;
			}
			k = put_bytes(dst, cap, k, e, strlen(e));
			i++;
			continue;
		}
		size_t l = utf8_seq(p + i, n - i);
		if (l == 0) {
			k = put_bytes(dst, cap, k, "\xef\xbf\xbd", 3);
			i++;
		} else {
			k = put_bytes(dst, cap, k, (const char *)p + i, l);
			i += l;
		}
	}
	dst[k] = 0;
	return k;
}

long app_line_end(const uint8_t *p, uint32_t n, uint32_t *next)
{
	for (uint32_t i = 0; i < n; i++) {
		if (p[i] == '\n') {
			*next = i + 1;
			return (long)i;
		}
		if (p[i] == '\r') {
			if (i + 1 < n && p[i + 1] == '\n')
				*next = i + 2;
			else
				*next = i + 1;
			return (long)i;
		}
	}
	*next = n;
	return -1;
}

int app_is_upper_token(const uint8_t *p, uint32_t n)
{
	if (n == 0)
		return 0;
	for (uint32_t i = 0; i < n; i++)
		if (!((p[i] >= 'A' && p[i] <= 'Z') || p[i] == '-' || p[i] == '_'))
			return 0;
	return 1;
}
