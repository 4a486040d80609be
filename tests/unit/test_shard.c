#include <stdint.h>

#include "engine/shard.h"
#include "test.h"

/* Ethernet + IPv4 header (no options) with the given addresses and protocol */
static uint32_t eth_ip(uint8_t *b, const uint8_t src[4], const uint8_t dst[4], uint8_t proto)
{
	memset(b, 0, 34);
	b[12] = 0x08;
	b[14] = 0x45;
	b[23] = proto;
	memcpy(b + 26, src, 4);
	memcpy(b + 30, dst, 4);
	return 34;
}

TEST(shard_both_directions_same_key)
{
	static const uint8_t a[4] = {10, 0, 0, 1}, z[4] = {10, 0, 0, 2}, y[4] = {10, 0, 0, 3};
	uint8_t f1[64], f2[64], f3[64];
	uint32_t n = eth_ip(f1, a, z, 6);
	eth_ip(f2, z, a, 17);
	eth_ip(f3, a, y, 6);
	uint32_t k1 = shard_key(1, f1, n), k2 = shard_key(1, f2, n), k3 = shard_key(1, f3, n);
	CHECK(k1 != 0);
	CHECK_EQ_U64(k1, k2);
	CHECK(k1 != k3);
	/* a frame cut before the addresses has no key rather than a wrong one */
	CHECK_EQ_U64(shard_key(1, f1, 20), 0);
	/* ARP: no IP */
	f1[12] = 0x08;
	f1[13] = 0x06;
	CHECK_EQ_U64(shard_key(1, f1, n), 0);
}

TEST(shard_vlan_and_raw_ip_agree)
{
	static const uint8_t a[4] = {192, 168, 0, 1}, z[4] = {192, 168, 0, 9};
	uint8_t e[64], v[68];
	uint32_t n = eth_ip(e, a, z, 6);
	memcpy(v, e, 12);
	v[12] = 0x81;
	v[13] = 0x00;
	v[14] = 0;
	v[15] = 5;
	memcpy(v + 16, e + 12, n - 12);
	CHECK_EQ_U64(shard_key(1, v, n + 4), shard_key(1, e, n));
	CHECK_EQ_U64(shard_key(101, e + 14, n - 14), shard_key(1, e, n)); /* LINKTYPE_RAW */
}

TEST(shard_icmp_error_quoting_tcp_goes_with_the_quoted_pair)
{
	static const uint8_t h[4] = {10, 0, 0, 1}, s[4] = {10, 0, 0, 2}, r[4] = {10, 9, 9, 9};
	uint8_t flow[64], err[128];
	memset(err, 0, sizeof err);
	uint32_t n = eth_ip(flow, h, s, 6);
	/* router r tells h that its TCP segment to s was not delivered */
	eth_ip(err, r, h, 1);
	err[34] = 3; /* destination unreachable */
	memset(err + 35, 0, 7);
	err[42] = 0x45;
	err[42 + 9] = 6;
	memcpy(err + 42 + 12, h, 4);
	memcpy(err + 42 + 16, s, 4);
	CHECK_EQ_U64(shard_key(1, err, 42 + 20 + 8), shard_key(1, flow, n));
	/* quoting UDP: UDP looks up the outer pair, so the error stays there */
	err[42 + 9] = 17;
	uint8_t outer[64];
	eth_ip(outer, r, h, 17);
	CHECK_EQ_U64(shard_key(1, err, 42 + 20 + 8), shard_key(1, outer, 34));
}

TEST(shard_pick_is_sticky_and_balances)
{
	struct shard_map m;
	shard_map_init(&m, 2, 0);
	int w = shard_pick(&m, 77);
	for (int i = 0; i < 100; i++)
		CHECK_EQ_U64(shard_pick(&m, 77), w);
	/* the next new pair goes to the other, idle worker */
	CHECK_EQ_U64(shard_pick(&m, 78), 1 - w);
	/* no key: the fixed worker 0 */
	CHECK_EQ_U64(shard_pick(&m, 0), 0);
	/* many keys: the table grows and keeps every assignment */
	int first[5000];
	for (uint32_t k = 1000; k < 6000; k++)
		first[k - 1000] = shard_pick(&m, k);
	int same = 1;
	for (uint32_t k = 1000; k < 6000; k++)
		same &= shard_pick(&m, k) == first[k - 1000];
	CHECK(same);
	CHECK(m.load[0] > m.load[1] / 2 && m.load[1] > m.load[0] / 2);
	shard_map_free(&m);
}

/* Ethernet + IPv6 header with the given addresses, next header TCP */
static uint32_t eth_ip6(uint8_t *b, const uint8_t src[16], const uint8_t dst[16])
{
	memset(b, 0, 54);
	b[12] = 0x86;
	b[13] = 0xdd;
	b[14] = 0x60;
	b[20] = 6;
	memcpy(b + 22, src, 16);
	memcpy(b + 38, dst, 16);
	return 54;
}

TEST(shard_ipv6_pairs_hash_whole_addresses)
{
	/* a and z differ in the last byte only, y in the first 8: every word counts */
	uint8_t a[16] = {0x20, 1, 0xd, 0xb8}, z[16] = {0x20, 1, 0xd, 0xb8}, y[16] = {0xfe, 0x80};
	z[15] = 1;
	y[15] = 1;
	uint8_t f1[64], f2[64], f3[64];
	uint32_t n = eth_ip6(f1, a, z);
	eth_ip6(f2, z, a);
	eth_ip6(f3, y, z);
	uint32_t k1 = shard_key(1, f1, n);
	CHECK(k1 != 0);
	CHECK_EQ_U64(shard_key(1, f2, n), k1);
	CHECK(shard_key(1, f3, n) != k1);
	CHECK_EQ_U64(shard_key(1, f1, n - 1), 0); /* the destination cut short */
}

TEST(shard_ipv4_short_or_optioned_headers_take_the_careful_way)
{
	static const uint8_t a[4] = {10, 1, 0, 1}, z[4] = {10, 1, 0, 2};
	uint8_t f[64], g[64];
	uint32_t n = eth_ip(f, a, z, 6);
	/* 33 bytes: the fast check fails, the careful walk finds no addresses either */
	CHECK_EQ_U64(shard_key(1, f, n - 1), 0);
	/* IP options do not move the addresses: same key as without */
	eth_ip(g, a, z, 6);
	g[14] = 0x46;
	CHECK_EQ_U64(shard_key(1, g, n + 4), shard_key(1, f, n));
}

TEST(shard_pick_remembers_the_last_key_without_mixing_runs)
{
	struct shard_map m;
	shard_map_init(&m, 2, 0);
	int w1 = shard_pick(&m, 5), w2 = shard_pick(&m, 6);
	CHECK(w1 != w2);
	/* alternating keys: each keeps its own worker though only one is "last" */
	for (int i = 0; i < 10; i++) {
		CHECK_EQ_U64(shard_pick(&m, 5), w1);
		CHECK_EQ_U64(shard_pick(&m, 6), w2);
	}
	CHECK_EQ_U64(m.load[0] + m.load[1], 22 * SHARD_UNIT);
	shard_map_free(&m);
}

/* worker 0's in-order work (tax0) makes it take fewer new pairs, by the same rule everywhere */
TEST(shard_pick_taxes_worker_0)
{
	struct shard_map m, n;
	shard_map_init(&m, 2, SHARD_UNIT / 2);
	shard_map_init(&n, 2, SHARD_UNIT / 2);
	int own[2] = {0, 0}, agree = 1;
	for (uint32_t k = 1; k <= 3000; k++) {
		int w = shard_pick(&m, k);
		agree &= shard_pick(&n, k) == w;
		own[w]++;
	}
	CHECK(agree);
	/* a frame dissected weighs 1, worker 0 takes 1/2 more a frame read: x + N/2 = N - x */
	CHECK(own[0] > 700 && own[0] < 800);
	shard_map_free(&m);
	shard_map_free(&n);
}
