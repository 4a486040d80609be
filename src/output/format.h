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

/*
** Decimal without a division chain (James Anhalt's scheme): u / 10^n becomes
** a 32.32 fixed-point number with one multiply, whose integer part is the
** leading pair; each multiply of the fraction by 100 (by 10) yields the next
** pair (digit).  n is a constant at every use, so the reciprocal folds; it is
** exact for u < 10^(n+2) (all of them checked).
*/
#define FMT_FIX_SH(n) ((n) / 5 * (n)*53 / 16)
#define FMT_FIX(u, n, p10)                                                                         \
	((((1ULL << (32 + FMT_FIX_SH(n))) / (p10) + 1 + (n) / 6 - (n) / 8) * (uint64_t)(u) >>      \
	  FMT_FIX_SH(n)) +                                                                         \
	 (uint64_t)((n) / 6 * 4))

/* the integer part of t as two digits at p */
static inline void fmt_pair_top(char *p, uint64_t t)
{
	memcpy(p, fmt_digits2 + 2 * (t >> 32), 2);
}
/* t's fraction times 100: the next pair in its integer part */
static inline uint64_t fmt_next2(uint64_t t)
{
	return (uint64_t)(uint32_t)t * 100;
}
/* the digit after t's fraction point */
static inline char fmt_next1(uint64_t t)
{
	return (char)('0' + ((uint64_t)(uint32_t)t * 10 >> 32));
}

/* k pairs from t at p (t's integer part the first) */
static inline void fmt_pairs(char *p, uint64_t t, int k)
{
	fmt_pair_top(p, t);
	for (int i = 1; i < k; i++) {
		t = fmt_next2(t);
		fmt_pair_top(p + 2 * i, t);
	}
}

/*
** v in decimal at p (unchecked, exactly its digits written); returns the end.
** Always inline: an export prints millions, and a call costs a quarter of one.
*/
static inline __attribute__((always_inline)) char *fmt_dec32(char *p, uint32_t v)
{
	uint64_t t;
	if (v < 100) {
		if (v < 10) {
			*p = (char)('0' + v);
			return p + 1;
		}
		memcpy(p, fmt_digits2 + 2 * v, 2);
		return p + 2;
	}
	if (v < 1000000) {
		if (v < 10000) {
			if (v < 1000) {
				t = FMT_FIX(v, 1, 10);
				fmt_pair_top(p, t);
				p[2] = fmt_next1(t);
				return p + 3;
			}
			fmt_pairs(p, FMT_FIX(v, 2, 100), 2);
			return p + 4;
		}
		if (v < 100000) {
			t = FMT_FIX(v, 3, 1000);
			fmt_pairs(p, t, 2);
			p[4] = fmt_next1(fmt_next2(t));
			return p + 5;
		}
		fmt_pairs(p, FMT_FIX(v, 4, 10000), 3);
		return p + 6;
	}
	if (v < 100000000) {
		if (v < 10000000) {
			t = FMT_FIX(v, 5, 100000);
			fmt_pairs(p, t, 3);
			p[6] = fmt_next1(fmt_next2(fmt_next2(t)));
			return p + 7;
		}
		fmt_pairs(p, FMT_FIX(v, 6, 1000000), 4);
		return p + 8;
	}
	if (v < 1000000000) {
		t = FMT_FIX(v, 7, 10000000);
		fmt_pairs(p, t, 4);
		p[8] = fmt_next1(fmt_next2(fmt_next2(fmt_next2(t))));
		return p + 9;
	}
	fmt_pairs(p, FMT_FIX(v, 8, 100000000), 5);
	return p + 10;
}

/* v < 10^9 as exactly nine digits (a time's nanoseconds) at p: leading zeros are pairs "00" */
static inline void fmt_frac9(char *p, uint32_t v)
{
	uint64_t t = FMT_FIX(v, 7, 10000000);
	fmt_pairs(p, t, 4);
	p[8] = fmt_next1(fmt_next2(fmt_next2(fmt_next2(t))));
}

size_t fmt_i64(char *p, int64_t v);

/* "00".."ff", and "0.".."255." in four bytes each, for the inline writers below */
extern const char fmt_hex2[513];
extern const char fmt_byte_dot[256][4];
extern const uint8_t fmt_byte_dot_len[256];

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
	return p + fmt_byte_dot_len[b];
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
