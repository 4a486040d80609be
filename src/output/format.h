/*
** format.h -- field values as text, exactly as tshark 4.0 prints them.
**
** fv_to_str() is tshark's -T fields representation: numbers without value
** names, hex with the type's width, times with nanoseconds.
**
** How values must be stored for the formatter to print them right:
**   integers, FT_BOOLEAN, FT_CHAR, FT_FRAMENUM, FT_EUI64, FT_IPXNET: v.u / v.i
**     (masked and shifted when the field has a bitmask)
**   FT_ETHER, FT_IPv4, FT_GUID (16 bytes, in display order), FT_OID, FT_BYTES: v.b
**   strings: v.b, the bytes as UTF-8; the first NUL ends the value.  A field
**     that tshark decodes as ASCII shows every byte >= 0x80 as U+FFFD: such
**     dissectors must store the converted text (arena), not the raw bytes.
**   FT_PROTOCOL: fitem.text is the tree label; NULL prints the abbreviation,
**     as tshark does for a protocol item nobody gave a label.
*/
#ifndef WS_FORMAT_H
#define WS_FORMAT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../core/fieldset.h"

/* Write item's value; returns the length written (buf always terminated). */
size_t fv_to_str(const struct fitem *it, char *buf, size_t n);

/* Time helpers shared by the text outputs.  base: ABSOLUTE_TIME_*. */
size_t fmt_abs_time(char *buf, size_t n, long long sec, int nsec, int base);
/* digits: 0..9 decimals, truncated (not rounded), as tshark's columns do. */
size_t fmt_rel_time(char *buf, size_t n, long long sec, int nsec, int digits);
/* Lowercase hex, sep between bytes unless 0. */
size_t fmt_hex(char *buf, size_t n, const uint8_t *p, size_t len, char sep);
/* tshark's string display: \b \t \n \f \r escaped, bad UTF-8 as U+FFFD. */
size_t fmt_string(char *buf, size_t n, const uint8_t *p, size_t len);

/*
** Unchecked writers for the per-frame outputs (-T fields, the summary): the
** caller leaves FMT_NUM_MAX bytes at p; nothing is NUL-terminated.  Each
** prints what fv_to_str prints for the same value.
*/
#define FMT_NUM_MAX 48
size_t fmt_u64(char *p, uint64_t v);

/* "00".."99" (two digits a step) and 10^0..10^19, for the inline writers below */
extern const char fmt_digits2[200];
extern const uint64_t fmt_pow10[20];

/* v in decimal at p (unchecked); returns the end.  Inline: an export prints millions. */
static inline char *fmt_dec32(char *p, uint32_t v)
{
	if (v < 10) {
		*p = (char)('0' + v);
		return p + 1;
	}
	int k = (32 - __builtin_clz(v)) * 1233 >> 12; /* log10 from the bit length */
	k += v >= fmt_pow10[k];
	char *e = p + k;
	while (v >= 100) {
		uint32_t r = v % 100;
		v /= 100;
		e -= 2;
		memcpy(e, fmt_digits2 + 2 * r, 2);
	}
	if (v >= 10)
		memcpy(e - 2, fmt_digits2 + 2 * v, 2);
	else
		e[-1] = (char)('0' + v);
	return p + k;
}

/* v < 10^9 as exactly nine digits (a time's nanoseconds) at p */
static inline void fmt_frac9(char *p, uint32_t v)
{
	for (int i = 7; i >= 1; i -= 2) {
		uint32_t r = v % 100;
		v /= 100;
		memcpy(p + i, fmt_digits2 + 2 * r, 2);
	}
	p[0] = (char)('0' + v);
}

size_t fmt_i64(char *p, int64_t v);

/* "00".."ff", and "0.".."255." in four bytes each, for the inline writers below */
extern const char fmt_hex2[513];
extern const char fmt_byte_dot[256][4];

/* "0x" and width (even: a type's) hex digits of v, masked to the width; returns the end */
static inline char *fmt_hexw_end(char *p, uint64_t v, int width)
{
	p[0] = '0';
	p[1] = 'x';
	char *e = p + 2 + width;
	for (char *d = e; d > p + 2; v >>= 8) {
		d -= 2;
		memcpy(d, fmt_hex2 + 2 * (v & 0xff), 2);
	}
	return e;
}
size_t fmt_hexw(char *p, uint64_t v, int width);

/* one byte of a dotted quad and its dot at p (4 bytes are written); returns the end */
static inline char *fmt_octet_dot(char *p, unsigned b)
{
	memcpy(p, fmt_byte_dot[b], 4);
	return p + 2 + (b >= 10) + (b >= 100);
}

/* a dotted quad at p (16 bytes are written); returns the end.  Unrolled: two a frame. */
static inline char *fmt_ipv4_end(char *p, const uint8_t *a)
{
	p = fmt_octet_dot(p, a[0]);
	p = fmt_octet_dot(p, a[1]);
	p = fmt_octet_dot(p, a[2]);
	p = fmt_octet_dot(p, a[3]);
	return p - 1; /* the last dot dropped */
}
size_t fmt_ipv4(char *p, const uint8_t *a);
/* glibc inet_ntop's text of a 16-byte address (at most 45 bytes) */
size_t fmt_ipv6(char *p, const uint8_t *a);
/* fmt_rel_time(.., 9); 0 (nothing written) when |nsec| >= 1e9, which that handles */
size_t fmt_time9(char *p, int64_t sec, int32_t nsec);
/* Hex digits of an integer type, as tshark pads BASE_HEX (the type's width, not the mask's). */
int fmt_hex_width(enum ftype t);

/* Decimal digits tshark shows for a timestamp resolution (units per second). */
int ts_digits(long long units_per_sec);

#endif
