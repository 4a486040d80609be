#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "stats/numfmt.h"
#include "test.h"

/* nf_fixed against glibc's printf; returns 1 when they agree */
static int same_as_printf(double x, int prec)
{
	char want[512], got[512];
	snprintf(want, sizeof want, "%.*f", prec, x);
	char *e = nf_fixed(got, x, prec);
	if (!e)
		return 1; /* not handled: the caller falls back to snprintf */
	*e = 0;
	if (strcmp(want, got)) {
		fprintf(stderr, "nf_fixed(%a, %d): \"%s\", printf: \"%s\"\n", x, prec, got, want);
		return 0;
	}
	return 1;
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

TEST(numfmt_fixed_matches_printf)
{
	/* exact ties round half to even, as glibc does */
	CHECK(same_as_printf(0.25, 1));
	CHECK(same_as_printf(0.75, 1));
	CHECK(same_as_printf(0.125, 2));
	CHECK(same_as_printf(0.375, 2));
	CHECK(same_as_printf(2.5e-5 + 1, 4));
	CHECK(same_as_printf(0.0, 9));
	CHECK(same_as_printf(-0.0, 4));
	CHECK(same_as_printf(-5e-9, 9));
	CHECK(same_as_printf(-1234.56789, 4));
	CHECK(same_as_printf(4e-320, 9)); /* subnormal */
	CHECK(same_as_printf(9.2e9, 9));
	char b[64];
	CHECK(nf_fixed(b, NAN, 4) == NULL);
	CHECK(nf_fixed(b, INFINITY, 4) == NULL);
	CHECK(nf_fixed(b, 1e30, 4) == NULL);
	int bad = 0;
	for (int i = 0; i < 200000 && bad < 5; i++) {
		/* relative times and durations as the conversation table makes them */
		int64_t ns = (int64_t)(next() % 4000000000000000ull);
		double t = (double)(ns / 1000000000) + (double)(ns % 1000000000) / 1e9;
		double d = t - (double)(next() % 1000) / 7.0;
		bad += !same_as_printf(t, 9) + !same_as_printf(d, 4);
		/* and any bit pattern */
		double x;
		uint64_t w = next();
		memcpy(&x, &w, sizeof x);
		bad += !same_as_printf(x, 1 + (int)(w % 9));
	}
	CHECK(bad == 0);
}

TEST(numfmt_u64_and_pad)
{
	char b[64], w[64];
	uint64_t vals[] = {0, 9, 10, 4294967295u, 18446744073709551615ull};
	for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		*nf_u64(b, vals[i]) = 0;
		snprintf(w, sizeof w, "%llu", (unsigned long long)vals[i]);
		CHECK(!strcmp(b, w));
	}
	*nf_pad(b, "abc", 3, 6, 0) = 0;
	CHECK(!strcmp(b, "abc   "));
	*nf_pad(b, "abc", 3, 6, 1) = 0;
	CHECK(!strcmp(b, "   abc"));
	*nf_pad(b, "abcdefg", 7, 6, 0) = 0;
	CHECK(!strcmp(b, "abcdefg"));
}
