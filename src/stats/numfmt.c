#include "numfmt.h"

#include <string.h>

#include "../output/format.h"

const char nf_spaces[NF_PAD_MAX] = "                                ";

int nf_len(uint64_t v)
{
	/* bits * log10(2), then one compare with the power it may have passed */
	int t = (64 - __builtin_clzll(v | 1)) * 1233 >> 12;
	return t + 1 - ((v | 1) < fmt_pow10[t]);
}

/* v's n (nf_len) digits ending at e, two a step */
static void put_back(char *e, uint64_t v, int n)
{
	for (; n >= 2; n -= 2, v /= 100) {
		e -= 2;
		memcpy(e, fmt_digits2 + 2 * (v % 100), 2);
	}
	if (n)
		e[-1] = (char)('0' + v);
}

char *nf_u64(char *p, uint64_t v)
{
	if (v <= UINT32_MAX) /* counts, ports, seconds: one multiply a pair */
		return fmt_dec32(p, (uint32_t)v);
	int n = nf_len(v);
	put_back(p + n, v, n);
	return p + n;
}

char *nf_u64_right(char *p, uint64_t v, int w)
{
	int n = nf_len(v);
	memcpy(p, nf_spaces, NF_PAD_MAX);
	return nf_u64(w > n ? p + w - n : p, v);
}

char *nf_left(char *p, char *end, int w)
{
	memcpy(end, nf_spaces, NF_PAD_MAX);
	return end - p < w ? p + w : end;
}

static const uint32_t pow10_9[] = {1,      10,      100,      1000,      10000,
				   100000, 1000000, 10000000, 100000000, 1000000000};

/*
** x = m * 2^e exactly; x * 10^prec is then m * 10^prec / 2^-e, which a
** 128-bit product holds (m < 2^53, 10^9 < 2^30), so the division's remainder
** decides the rounding as glibc's exact conversion does.  *q: |x| * scale
** rounded; returns 0 for what nf_fixed leaves to snprintf.
*/
static int fixed_q(double x, uint32_t scale, uint64_t *q, int *neg)
{
	uint64_t bits;
	memcpy(&bits, &x, sizeof bits);
	*neg = (int)(bits >> 63);
	int ex = (int)((bits >> 52) & 0x7ff);
	uint64_t m = bits & ((1ull << 52) - 1);
	if (ex == 0x7ff)
		return 0;
	int e;
	if (ex == 0) {
		e = -1074;
	} else {
		m |= 1ull << 52;
		e = ex - 1075;
	}
	if (m == 0) {
		*q = 0;
	} else if (e >= 0) {
		if (e > 10) /* m << e * scale would pass 2^63 */
			return 0;
		uint64_t iv = m << e;
		if (iv > (UINT64_MAX >> 1) / scale)
			return 0;
		*q = iv * scale;
	} else {
		unsigned __int128 num = (unsigned __int128)m * scale;
		int sh = -e;
		if (sh >= 100) { /* num < 2^83: far below half a unit */
			*q = 0;
		} else {
			unsigned __int128 qq = num >> sh;
			unsigned __int128 rem = num - (qq << sh);
			unsigned __int128 half = (unsigned __int128)1 << (sh - 1);
			if (rem > half || (rem == half && (qq & 1)))
				qq++;
			if (qq > (UINT64_MAX >> 1))
				return 0;
			*q = (uint64_t)qq;
		}
	}
	return 1;
}

/* fixed_q's value as text: the sign, the integer part, prec fraction digits */
static char *put_q(char *p, uint64_t q, int neg, int prec)
{
	if (neg)
		*p++ = '-';
	p = nf_u64(p, q / pow10_9[prec]);
	*p++ = '.';
	uint32_t f = (uint32_t)(q % pow10_9[prec]);
	if (prec == 9) /* the conversation tables' start and duration: fixed-point pairs */
		fmt_frac9(p, f);
	else if (prec == 4)
		fmt_pairs(p, FMT_FIX(f, 2, 100), 2);
	else
		put_back(p + prec, f, prec);
	return p + prec;
}

char *nf_fixed(char *p, double x, int prec)
{
	uint64_t q;
	int neg;
	if (prec < 1 || prec > 9 || !fixed_q(x, pow10_9[prec], &q, &neg))
		return NULL;
	return put_q(p, q, neg, prec);
}

char *nf_fixed_right(char *p, double x, int prec, int w)
{
	uint64_t q;
	int neg;
	if (prec < 1 || prec > 9 || !fixed_q(x, pow10_9[prec], &q, &neg))
		return NULL;
	int n = neg + nf_len(q / pow10_9[prec]) + 1 + prec;
	memcpy(p, nf_spaces, NF_PAD_MAX);
	return put_q(w > n ? p + w - n : p, q, neg, prec);
}

char *nf_pad(char *p, const char *s, size_t n, int w, int right)
{
	size_t fill = w > 0 && (size_t)w > n ? (size_t)w - n : 0;
	if (right) {
		memset(p, ' ', fill);
		p += fill;
	}
	memcpy(p, s, n);
	p += n;
	if (!right) {
		memset(p, ' ', fill);
		p += fill;
	}
	return p;
}
