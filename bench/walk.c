/*
** walk.c -- the floor for one core: read every pcap record and hash its TCP
** 5-tuple into an open-addressing table, nothing else.  Issue 6 asks wiresift
** to stay within 2x of this on the statistics jobs; bench/bench.sh times it
** next to them.  It reads with read(2) through a 1 MiB buffer, so its RSS is
** the table, not the file.
**
**   walk FILE.pcap    prints: packets, TCP packets, distinct 5-tuples
**
** Classic pcap only (either byte order, micro/nanosecond), Ethernet with up
** to two VLAN tags, IPv4 and IPv6 (no extension headers).  A truncated file
** ends the walk with a message naming the byte offset.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct key {
	uint8_t a[16], b[16]; /* the two addresses, zero-padded */
	uint16_t pa, pb;
	uint8_t v6, pad[3];
};

struct slot {
	uint64_t h; /* 0: empty */
	struct key k;
};

static struct slot *tab;
static size_t mask = (1u << 16) - 1, used;

static uint64_t hash(const struct key *k)
{
	const uint8_t *p = (const uint8_t *)k;
	uint64_t h = 0x9e3779b97f4a7c15u;
	for (size_t i = 0; i < sizeof *k; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 29;
	}
	return h | 1;
}

static void put(const struct key *k);

static void grow(void)
{
	struct slot *old = tab;
	size_t omask = mask;
	mask = mask * 2 + 1;
	tab = calloc(mask + 1, sizeof *tab);
	if (!tab) {
		perror("walk");
		exit(1);
	}
	used = 0;
	for (size_t i = 0; i <= omask; i++)
		if (old[i].h)
			put(&old[i].k);
	free(old);
}

static void put(const struct key *k)
{
	uint64_t h = hash(k);
	size_t i = h & mask;
	while (tab[i].h) {
		if (tab[i].h == h && !memcmp(&tab[i].k, k, sizeof *k))
			return;
		i = (i + 1) & mask;
	}
	tab[i].h = h;
	tab[i].k = *k;
	if (++used * 2 > mask)
		grow();
}

/* One frame: Ethernet, VLANs, IP, TCP ports.  Returns 1 when it was TCP. */
static int frame(const uint8_t *p, uint32_t n)
{
	if (n < 14)
		return 0;
	uint32_t off = 12;
	uint16_t et = (uint16_t)(p[off] << 8 | p[off + 1]);
	for (int v = 0; v < 2 && (et == 0x8100 || et == 0x88a8) && off + 6 <= n; v++) {
		off += 4;
		et = (uint16_t)(p[off] << 8 | p[off + 1]);
	}
	off += 2;
	struct key k;
	memset(&k, 0, sizeof k);
	uint32_t l4;
	if (et == 0x0800 && off + 20 <= n && p[off + 9] == 6) {
		uint32_t ihl = (uint32_t)(p[off] & 15) * 4;
		if ((p[off + 6] & 0x1f) | p[off + 7]) /* a later fragment: no ports */
			return 0;
		memcpy(k.a, p + off + 12, 4);
		memcpy(k.b, p + off + 16, 4);
		l4 = off + ihl;
	} else if (et == 0x86dd && off + 40 <= n && p[off + 6] == 6) {
		k.v6 = 1;
		memcpy(k.a, p + off + 8, 16);
		memcpy(k.b, p + off + 24, 16);
		l4 = off + 40;
	} else {
		return 0;
	}
	if (l4 + 4 > n)
		return 0;
	uint16_t sp = (uint16_t)(p[l4] << 8 | p[l4 + 1]);
	uint16_t dp = (uint16_t)(p[l4 + 2] << 8 | p[l4 + 3]);
	/* one key for both directions: the smaller endpoint first */
	int c = memcmp(k.a, k.b, 16);
	if (c > 0 || (c == 0 && sp > dp)) {
		uint8_t t[16];
		memcpy(t, k.a, 16);
		memcpy(k.a, k.b, 16);
		memcpy(k.b, t, 16);
		uint16_t x = sp;
		sp = dp;
		dp = x;
	}
	k.pa = sp;
	k.pb = dp;
	put(&k);
	return 1;
}

static uint32_t rd32(const uint8_t *p, int swap)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return swap ? __builtin_bswap32(v) : v;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: walk FILE.pcap\n");
		return 2;
	}
	int fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "walk: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	tab = calloc(mask + 1, sizeof *tab);
	size_t cap = 1u << 20, have = 0, at = 0;
	uint8_t *buf = malloc(cap);
	if (!tab || !buf) {
		perror("walk");
		return 1;
	}
	uint64_t base = 0; /* file offset of buf[0] */
	uint64_t pkts = 0, tcp = 0;
	int swap = -1;
	for (;;) {
		/* keep at least one whole record (or the file header) in the buffer */
		size_t need = swap < 0 ? 24 : 16;
		if (have - at >= 16 && swap >= 0)
			need = 16 + rd32(buf + at + 8, swap);
		if (have - at < need) {
			if (need > cap) {
				fprintf(stderr, "walk: %s: record of %zu bytes at offset %llu\n",
					argv[1], need, (unsigned long long)(base + at));
				return 1;
			}
			memmove(buf, buf + at, have - at);
			base += at;
			have -= at;
			at = 0;
			ssize_t r = read(fd, buf + have, cap - have);
			if (r < 0) {
				fprintf(stderr, "walk: %s: %s\n", argv[1], strerror(errno));
				return 1;
			}
			if (r == 0) {
				if (have)
					fprintf(stderr,
						"walk: %s: truncated record at offset %llu\n",
						argv[1], (unsigned long long)base);
				break;
			}
			have += (size_t)r;
			continue;
		}
		if (swap < 0) {
			uint32_t magic;
			memcpy(&magic, buf, 4);
			if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d)
				swap = 0;
			else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1)
				swap = 1;
			else {
				fprintf(stderr, "walk: %s: not a pcap file (offset 0)\n", argv[1]);
				return 1;
			}
			at = 24;
			continue;
		}
		uint32_t incl = rd32(buf + at + 8, swap);
		pkts++;
		tcp += (uint64_t)frame(buf + at + 16, incl);
		at += 16 + (size_t)incl;
	}
	printf("packets %llu tcp %llu tuples %zu\n", (unsigned long long)pkts,
	       (unsigned long long)tcp, used);
	free(buf);
	free(tab);
	close(fd);
	return 0;
}
