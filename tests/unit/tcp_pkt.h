/*
** tcp_pkt.h -- build Ethernet/IPv4/TCP frames for the TCP unit tests, run
** them through dissect_packet() and compare tcp.stream and the Info column;
** with WS_TEST_PCAP_DIR set, also write them to a pcap so tshark can be run
** on the very same bytes.
*/
#ifndef WS_TEST_TCP_PKT_H
#define WS_TEST_TCP_PKT_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/field.h"
#include "core/fieldset.h"
#include "dissect/dissect.h"
#include "test.h"

struct seg {
	int ms;	      /* capture time, ms */
	int dir;      /* 0: client (10.0.0.1:40000) -> server (10.0.0.2:33333), 1: back */
	uint16_t flags;
	uint32_t seq, ack;
	uint16_t win;
	uint16_t len; /* payload bytes ('x') */
	uint16_t sport; /* 0: the default client port */
	const uint8_t *data; /* payload, NULL: that many "x" */
};

#define F_FIN 0x01
#define F_SYN 0x02
#define F_RST 0x04
#define F_PSH 0x08
#define F_ACK 0x10

static inline uint16_t csum16(const uint8_t *p, size_t n)
{
	uint32_t s = 0;
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static inline void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

/* In seg.flags: send the segment quoted in an ICMP port unreachable from 10.0.0.9. */
#define QUOTED_IN_ICMP 0x8000

static inline uint32_t build(uint8_t *buf, const struct seg *s);

static inline uint32_t build_icmp_quote(uint8_t *buf, const struct seg *s)
{
	static const uint8_t rtr[4] = {10, 0, 0, 9};
	struct seg q = *s;
	q.flags &= 0x0fff;
	uint8_t inner[2048];
	uint32_t ilen = build(inner, &q) - 14;
	memcpy(buf, inner, 14);
	uint8_t *ip = buf + 14;
	memset(ip, 0, 28);
	ip[0] = 0x45;
	put16(ip + 2, 28 + ilen);
	ip[8] = 64;
	ip[9] = 1;
	memcpy(ip + 12, rtr, 4);
	memcpy(ip + 16, inner + 14 + 12, 4); /* back to the quoted packet's source */
	put16(ip + 10, csum16(ip, 20));
	uint8_t *icmp = ip + 20;
	icmp[0] = 3;
	icmp[1] = 3;
	memcpy(icmp + 8, inner + 14, ilen);
	put16(icmp + 2, csum16(icmp, 8 + ilen));
	return 14 + 28 + ilen;
}

/* Ethernet + IPv4 + TCP (no options); returns the frame length. */
static inline uint32_t build(uint8_t *buf, const struct seg *s)
{
	if (s->flags & QUOTED_IN_ICMP)
		return build_icmp_quote(buf, s);
	static const uint8_t cli[4] = {10, 0, 0, 1}, srv[4] = {10, 0, 0, 2};
	uint16_t cport = s->sport ? s->sport : 40000;
	memset(buf, 0, 14 + 20 + 20 + s->len);
	for (int i = 0; i < 6; i++) {
		buf[i] = (uint8_t)(s->dir ? 0x01 : 0x02);
		buf[6 + i] = (uint8_t)(s->dir ? 0x02 : 0x01);
	}
	buf[12] = 0x08;
	uint8_t *ip = buf + 14;
	ip[0] = 0x45;
	put16(ip + 2, 40u + s->len);
	put16(ip + 4, 1);
	ip[8] = 64;
	ip[9] = 6;
	memcpy(ip + 12, s->dir ? srv : cli, 4);
	memcpy(ip + 16, s->dir ? cli : srv, 4);
	put16(ip + 10, csum16(ip, 20));
	uint8_t *t = ip + 20;
	put16(t, s->dir ? 33333 : cport);
	put16(t + 2, s->dir ? cport : 33333);
	put32(t + 4, s->seq);
	put32(t + 8, s->ack);
	t[12] = 5 << 4;
	t[13] = (uint8_t)s->flags;
	put16(t + 14, s->win);
	if (s->data)
		memcpy(t + 20, s->data, s->len);
	else
		memset(t + 20, 'x', s->len);
	return 54u + s->len;
}

static inline void dump_pcap(const char *name, const struct seg *segs, int n)
{
	const char *dir = getenv("WS_TEST_PCAP_DIR");
	if (!dir)
		return;
	char path[512];
	snprintf(path, sizeof path, "%s/%s.pcap", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		return;
	uint32_t gh[6] = {0xa1b2c3d4, 2 | 4u << 16, 0, 0, 65535, 1};
	fwrite(gh, sizeof gh, 1, f);
	for (int i = 0; i < n; i++) {
		uint8_t buf[2048];
		uint32_t len = build(buf, &segs[i]);
		uint32_t rh[4] = {1000u + (uint32_t)segs[i].ms / 1000,
				  (uint32_t)(segs[i].ms % 1000) * 1000, len, len};
		fwrite(rh, sizeof rh, 1, f);
		fwrite(buf, len, 1, f);
	}
	fclose(f);
}

struct want {
	int32_t stream;
	const char *info; /* the full Info column; NULL: not compared */
};

static inline int id_of(const char *abbrev)
{
	int id = field_lookup(abbrev);
	if (id >= 0)
		field_want(id);
	return id;
}

static inline void run(const char *name, const struct seg *segs, int n, const struct want *w)
{
	dump_pcap(name, segs, n);
	int id_stream = id_of("tcp.stream");
	struct fieldset fs;
	fs_init(&fs);
	struct arena arena;
	arena_init(&arena);
	struct packet *pk = calloc(1, sizeof *pk);
	pk->fs = &fs;
	pk->arena = &arena;
	pk->ctx = dissect_ctx_new();
	pk->want_cols = 1;
	for (int i = 0; i < n; i++) {
		uint8_t buf[2048];
		uint32_t len = build(buf, &segs[i]);
		fs_reset(&fs);
		arena_reset(&arena);
		pk->num = (uint32_t)i + 1;
		pk->sec = 1000 + segs[i].ms / 1000;
		pk->nsec = (segs[i].ms % 1000) * 1000000;
		pk->has_ts = 1;
		pk->caplen = pk->len = len;
		pk->linktype = 1;
		pk->data = buf;
		dissect_packet(pk);
		int it = fs_first(&fs, id_stream);
		int64_t stream = it >= 0 ? (int64_t)fs.items[it].val.v.u : -1;
		if (stream != w[i].stream || (w[i].info && strcmp(pk->info, w[i].info) != 0)) {
			fprintf(stderr, "%s frame %d: stream %lld (want %d), info\n  got  \"%s\"\n  want \"%s\"\n",
				name, i + 1, (long long)stream, w[i].stream, pk->info,
				w[i].info ? w[i].info : "-");
			test_failures++;
		}
	}
	dissect_ctx_free(pk->ctx);
	free(pk);
	fs_free(&fs);
	arena_free(&arena);
}


#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define SA (F_SYN | F_ACK)
#define A F_ACK
#define PA (F_PSH | F_ACK)
#define ISN_C 1000u
#define ISN_S 5000u

/* The handshake every scenario starts with: client ISN 1000, server 5000, iRTT 20 ms. */
#define HANDSHAKE                                                     \
	{0, 0, F_SYN, ISN_C, 0, 64240, 0, 0, NULL},                          \
	{10, 1, SA, ISN_S, ISN_C + 1, 65535, 0, 0, NULL},                    \
	{20, 0, A, ISN_C + 1, ISN_S + 1, 502, 0, 0, NULL}
#define HANDSHAKE_INFO                                                                 \
	{0, "40000 \xe2\x86\x92 33333 [SYN] Seq=0 Win=64240 Len=0"},                     \
	{0, "33333 \xe2\x86\x92 40000 [SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0"},          \
	{0, "40000 \xe2\x86\x92 33333 [ACK] Seq=1 Ack=1 Win=502 Len=0"}

#endif
