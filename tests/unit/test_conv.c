/*
** test_conv.c -- the conversation table: one entry per flow whatever the
** direction, distinct entries per transport and address family, and
** entries that survive the table growing.
*/
#include <stdint.h>
#include <string.h>

#include "analysis/conv.h"
#include "analysis/seq.h"
#include "test.h"

TEST(conv_both_directions_one_entry)
{
	struct conv_table *t = conv_table_new();
	const uint8_t a[4] = {10, 0, 0, 1}, b[4] = {10, 0, 0, 2};
	struct conv_key k1, k2, k3;
	int d1, d2, d3;
	conv_key_make(&k1, CONV_TCP, 2, 4, a, b, 40000, 80, &d1);
	conv_key_make(&k2, CONV_TCP, 2, 4, b, a, 80, 40000, &d2);
	conv_key_make(&k3, CONV_UDP, 2, 4, a, b, 40000, 80, &d3);
	CHECK(d1 != d2);
	void **s1 = conv_slot(t, &k1, 1);
	*s1 = (void *)t;
	CHECK(conv_slot(t, &k2, 0) == s1);
	CHECK(conv_slot(t, &k3, 0) == NULL);
	CHECK_EQ_U64(conv_count(t), 1);
	conv_table_free(t, NULL);
}

TEST(conv_growth_keeps_entries)
{
	struct conv_table *t = conv_table_new();
	const uint8_t a[4] = {192, 168, 0, 1}, b[4] = {192, 168, 0, 2};
	static int vals[5000];
	for (int i = 0; i < 5000; i++) {
		struct conv_key k;
		int d;
		conv_key_make(&k, CONV_TCP, 2, 4, a, b, (uint16_t)(1024 + i), 443, &d);
		*conv_slot(t, &k, 1) = &vals[i];
	}
	CHECK_EQ_U64(conv_count(t), 5000);
	int bad = 0;
	for (int i = 0; i < 5000; i++) {
		struct conv_key k;
		int d;
		conv_key_make(&k, CONV_TCP, 2, 4, b, a, 443, (uint16_t)(1024 + i), &d);
		void **s = conv_slot(t, &k, 0);
		bad += !s || *s != &vals[i];
	}
	CHECK_EQ_U64(bad, 0);
	conv_table_free(t, NULL);
}

TEST(seq_compare_wraps)
{
	CHECK(seq_lt(0xfffffff0u, 0x10u));
	CHECK(seq_gt(0x10u, 0xfffffff0u));
	CHECK(seq_le(5, 5) && seq_ge(5, 5));
	CHECK(!seq_lt(0x10u, 0xfffffff0u));
}

/* the word-compare fast path orders endpoints exactly as a byte-wise memcmp then the ports */
TEST(conv_key_order_as_memcmp)
{
	static const uint8_t alens[] = {4, 16, 6};
	uint32_t x = 12345;
	for (int n = 0; n < 3000; n++) {
		uint8_t alen = alens[n % 3], a[16], b[16];
		for (int i = 0; i < 16; i++) {
			x = x * 1103515245u + 12345u;
			a[i] = (uint8_t)(x >> 16);
			/* mostly equal bytes, so later bytes and the ports decide too */
			b[i] = (x >> 8) & 3 ? a[i] : (uint8_t)(x >> 24);
		}
		uint16_t sp = (uint16_t)(x & 7), dp = (uint16_t)((x >> 3) & 7);
		struct conv_key k;
		int dir;
		conv_key_make(&k, CONV_TCP, 2, alen, a, b, sp, dp, &dir);
		int c = memcmp(a, b, alen);
		int want = c ? c > 0 : sp > dp;
		CHECK(dir == want);
		CHECK(!memcmp(k.addr_a, want ? b : a, alen) &&
		      !memcmp(k.addr_b, want ? a : b, alen));
		CHECK(k.port_a == (want ? dp : sp) && k.port_b == (want ? sp : dp));
	}
}

/* conv_key_make4 is conv_key_make for IPv4, byte for byte (tcp_stream.c mixes them) */
TEST(conv_key_make4_same_key)
{
	uint32_t x = 2463534242u;
	int bad = 0;
	for (int i = 0; i < 20000; i++) {
		uint8_t a[4], b[4];
		for (int j = 0; j < 4; j++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			a[j] = (uint8_t)x;
			b[j] = (uint8_t)(i % 3 ? x >> 8 : x); /* a third equal addresses */
		}
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		uint16_t sp = (uint16_t)x, dp = (uint16_t)(i % 5 ? x >> 16 : x);
		struct conv_key k1, k2;
		int d1 = -1, d2 = -2;
		conv_key_make(&k1, CONV_TCP, 2, 4, a, b, sp, dp, &d1);
		conv_key_make4(&k2, CONV_TCP, 2, a, b, sp, dp, &d2);
		bad += memcmp(&k1, &k2, sizeof k1) != 0 || d1 != d2;
	}
	CHECK_EQ_U64(bad, 0);
}
