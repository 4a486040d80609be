/*
** test_conv.c -- the conversation table: one entry per flow whatever the
** direction, distinct entries per transport and address family, and
** entries that survive the table growing.
*/
#include <stdint.h>

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
