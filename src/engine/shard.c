/*
** shard.c -- a light header walk to the outermost IP address pair.
**
** Not a dissector: it reads just enough to find the addresses, through the
** bounds-checked cursor, and any doubt gives key 0 (the fixed worker).  It
** only has to be consistent: the same flow must always give the same key.
*/
#include "shard.h"

#include <stdlib.h>
#include <string.h>

#include "../core/cursor.h"
#include "../core/util.h"

enum { ET_IPV4 = 0x0800, ET_IPV6 = 0x86dd };

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

/* murmur3's 64-bit finaliser: the table index takes the low bits */
static uint32_t fin(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return (uint32_t)h ? (uint32_t)h : 1; /* never 0: that is "no IP" */
}

/*
** The unordered pair, whole words at a time: every walking worker hashes
** every frame, so this is on each one's path.  Any order of the two works as
** long as both directions give the same one.
*/
static uint32_t mix4(const uint8_t *a)
{
	uint32_t x, y;
	memcpy(&x, a, 4);
	memcpy(&y, a + 4, 4);
	uint64_t lo = x < y ? x : y, hi = x < y ? y : x;
	return fin(lo << 32 | hi);
}

static uint32_t mix16(const uint8_t *a)
{
	uint64_t a0 = rd64(a), a1 = rd64(a + 8), b0 = rd64(a + 16), b1 = rd64(a + 24);
	if (a0 > b0 || (a0 == b0 && a1 > b1)) {
		uint64_t t0 = a0, t1 = a1;
		a0 = b0;
		a1 = b1;
		b0 = t0;
		b1 = t1;
	}
	uint64_t h = a0 * 0x9e3779b97f4a7c15ull;
	h = (h ^ a1) * 0x9e3779b97f4a7c15ull;
	h = (h ^ b0) * 0x9e3779b97f4a7c15ull;
	return fin(h ^ b1);
}

static int icmp_error(uint8_t type)
{
	return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

static int icmp6_error(uint8_t type)
{
	return type >= 1 && type <= 4;
}

static uint32_t ip_key(struct cursor c, int quoted);

/* An ICMP error quoting TCP: the TCP dissector uses the quoted addresses. */
static uint32_t quoted_key(struct cursor c)
{
	struct cursor q = c;
	uint8_t v = cur_peek_u8(&q, 0) >> 4;
	uint8_t proto = v == 4 ? cur_peek_u8(&q, 9) : cur_peek_u8(&q, 6);
	if (q.err || proto != 6)
		return 0;
	return ip_key(c, 1);
}

static uint32_t ip_key(struct cursor c, int quoted)
{
	uint8_t v = cur_peek_u8(&c, 0) >> 4;
	if (c.err)
		return 0;
	if (v == 4) {
		uint32_t ihl = (uint32_t)(cur_peek_u8(&c, 0) & 15) * 4;
		uint8_t proto = cur_peek_u8(&c, 9);
		uint16_t frag = cur_peek_be16(&c, 6);
		const uint8_t *a = cur_peek_ptr(&c, 12, 8);
		if (c.err || !a)
			return 0;
		if (!quoted && proto == 1 && !(frag & 0x1fff) && ihl >= 20) {
			struct cursor ic = c;
			cur_skip(&ic, ihl);
			if (icmp_error(cur_peek_u8(&ic, 0)) && !ic.err) {
				cur_skip(&ic, 8);
				uint32_t k = quoted_key(ic);
				if (k)
					return k;
			}
		}
		return mix4(a);
	}
	if (v == 6) {
		uint8_t nh = cur_peek_u8(&c, 6);
		const uint8_t *a = cur_peek_ptr(&c, 8, 32);
		if (c.err || !a)
			return 0;
		if (!quoted && nh == 58) {
			struct cursor ic = c;
			cur_skip(&ic, 40);
			if (icmp6_error(cur_peek_u8(&ic, 0)) && !ic.err) {
				cur_skip(&ic, 8);
				uint32_t k = quoted_key(ic);
				if (k)
					return k;
			}
		}
		return mix16(a);
	}
	return 0;
}

/* Ethernet and what commonly sits between it and IP: VLAN, MPLS, PPPoE, SNAP. */
static uint32_t ether_key(struct cursor c)
{
	cur_skip(&c, 12);
	for (int depth = 0; depth < 8 && !c.err; depth++) {
		uint16_t et = cur_be16(&c);
		if (c.err)
			return 0;
		if (et == ET_IPV4 || et == ET_IPV6)
			return ip_key(c, 0);
		if (et == 0x8100 || et == 0x88a8 || et == 0x9100) {
			cur_skip(&c, 2);
		} else if (et == 0x8864) { /* PPPoE session, then PPP */
			cur_skip(&c, 6);
			uint16_t pp = cur_be16(&c);
			return !c.err && (pp == 0x0021 || pp == 0x0057) ? ip_key(c, 0) : 0;
		} else if (et == 0x8847) { /* MPLS: labels to the bottom of the stack */
			for (int i = 0; i < 16; i++) {
				uint32_t l = cur_be32(&c);
				if (c.err)
					return 0;
				if (l & 0x100)
					break;
			}
			return ip_key(c, 0);
		} else if (et < 0x0600) { /* 802.3 length: only LLC/SNAP carries on */
			if (cur_peek_u8(&c, 0) != 0xaa || cur_peek_u8(&c, 1) != 0xaa ||
			    cur_peek_u8(&c, 2) != 0x03 || c.err)
				return 0;
			cur_skip(&c, 6);
		} else {
			return 0;
		}
	}
	return 0;
}

/*
** Ethernet, IPv4, not ICMP: what ip_key would find, after one bounds check
** over both headers' first 34 bytes (every walking worker keys every frame).
** 0 when the frame is anything else.
*/
static uint32_t ether_ipv4_key(const uint8_t *p, uint32_t caplen)
{
	struct cursor c = cur_make(p, caplen, caplen);
	const uint8_t *h = cur_peek_ptr(&c, 0, 34);
	if (!h || h[12] != 0x08 || h[13] != 0x00 || h[14] >> 4 != 4 || h[23] == 1)
		return 0;
	return mix4(h + 26);
}

uint32_t shard_key(int linktype, const uint8_t *p, uint32_t caplen)
{
	struct cursor c = cur_make(p, caplen, caplen);
	switch (linktype) {
	case 1: { /* Ethernet */
		uint32_t k = ether_ipv4_key(p, caplen);
		return k ? k : ether_key(c);
	}
	case 0:   /* BSD loopback, host byte order AF */
	case 108: /* OpenBSD loopback, network byte order AF */
		cur_skip(&c, 4);
		return ip_key(c, 0);
	case 12:
	case 14:
	case 101: /* raw IP */
	case 228:
	case 229:
		return ip_key(c, 0);
	case 113: { /* Linux cooked v1: protocol at 14 */
		uint16_t et = cur_peek_be16(&c, 14);
		cur_skip(&c, 16);
		return !c.err && (et == ET_IPV4 || et == ET_IPV6) ? ip_key(c, 0) : 0;
	}
	case 276: { /* Linux cooked v2: protocol first */
		uint16_t et = cur_peek_be16(&c, 0);
		cur_skip(&c, 20);
		return !c.err && (et == ET_IPV4 || et == ET_IPV6) ? ip_key(c, 0) : 0;
	}
	}
	return 0;
}

void shard_map_init(struct shard_map *m, int nworkers, uint32_t tax0)
{
	memset(m, 0, sizeof *m);
	m->nworkers = nworkers;
	m->tax0 = tax0;
	m->cap = 4096;
	m->keys = xcalloc(m->cap, sizeof *m->keys);
	m->worker = xcalloc(m->cap, sizeof *m->worker);
}

void shard_map_free(struct shard_map *m)
{
	free(m->keys);
	free(m->worker);
}

static uint32_t *slot_of(uint32_t *keys, uint32_t cap, uint32_t key)
{
	uint32_t i = key & (cap - 1);
	while (keys[i] && keys[i] != key)
		i = (i + 1) & (cap - 1);
	return &keys[i];
}

static void grow(struct shard_map *m)
{
	uint32_t ncap = m->cap * 2;
	uint32_t *nk = xcalloc(ncap, sizeof *nk);
	uint8_t *nw = xcalloc(ncap, sizeof *nw);
	for (uint32_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		uint32_t *s = slot_of(nk, ncap, m->keys[i]);
		*s = m->keys[i];
		nw[s - nk] = m->worker[i];
	}
	free(m->keys);
	free(m->worker);
	m->keys = nk;
	m->worker = nw;
	m->cap = ncap;
}

int shard_pick(struct shard_map *m, uint32_t key)
{
	int w = 0;
	if (key && key == m->last_key) { /* a flow's frames often come in runs */
		w = m->last_w;
	} else if (key) {
		uint32_t *s = slot_of(m->keys, m->cap, key);
		if (*s) {
			w = m->worker[s - m->keys];
		} else {
			for (int i = 1; i < m->nworkers; i++)
				if (m->load[i] < m->load[w])
					w = i;
			*s = key;
			m->worker[s - m->keys] = (uint8_t)w;
			if (++m->n * 2 > m->cap)
				grow(m);
		}
		m->last_key = key;
		m->last_w = (uint8_t)w;
	}
	m->load[w] += SHARD_UNIT;
	m->load[0] += m->tax0;
	return w;
}
