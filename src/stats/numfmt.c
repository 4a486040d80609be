#include "numfmt.h"

#include <string.h>

char *nf_u64(char *p, uint64_t v)
{
	char t[20];
	int n = 0;
	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = t[--n];
	return p;
}

/*
** x = m * 2^e exactly; x * 10^prec is then m * 10^prec / 2^-e, which a
** 128-bit product holds (m < 2^53, 10^9 < 2^30), so the division's remainder
** decides the rounding as glibc's exact conversion does.
*/
char *nf_fixed(char *p, double x, int prec)
{
	static const uint32_t pow10[] = {1,      10,      100,      1000,      10000,
					 100000, 1000000, 10000000, 100000000, 1000000000};
	if (prec < 1 || prec > 9)
		return NULL;
	uint64_t bits;
	memcpy(&bits, &x, sizeof bits);
	int neg = (int)(bits >> 63);
	int ex = (int)((bits >> 52) & 0x7ff);
	uint64_t m = bits & ((1ull << 52) - 1);
	if (ex == 0x7ff)
		return NULL;
	int e;
	if (ex == 0) {
		e = -1074;
	} else {
		m |= 1ull << 52;
		e = ex - 1075;
	}
	uint32_t scale = pow10[prec];
	uint64_t q; /* x * 10^prec, rounded */
	if (m == 0) {
		q = 0;
	} else if (e >= 0) {
		if (e > 10) /* m << e * scale would pass 2^63 */
			return NULL;
		uint64_t iv = m << e;
		if (iv > (UINT64_MAX >> 1) / scale)
			return NULL;
		q = iv * scale;
	} else {
		unsigned __int128 num = (unsigned __int128)m * scale;
		int sh = -e;
		if (sh >= 100) { /* num < 2^83: far below half a unit */
			q = 0;
		} else {
			unsigned __int128 qq = num >> sh;
			unsigned __int128 rem = num - (qq << sh);
			unsigned __int128 half = (unsigned __int128)1 << (sh - 1);
			if (rem > half || (rem == half && (qq & 1)))
				qq++;
			if (qq > (UINT64_MAX >> 1))
				return NULL;
			q = (uint64_t)qq;
		}
	}
	if (neg)
		*p++ = '-';
	p = nf_u64(p, q / scale);
	*p++ = '.';
	uint32_t f = (uint32_t)(q % scale);
	for (int i = prec - 1; i >= 0; i--) {
		p[i] = (char)('0' + f % 10);
		f /= 10;
	}
	return p + prec;
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
