/*
** test_tcp_analysis.c -- TCP conversations built as byte arrays and run
** through dissect_packet(), checking tcp.stream and the tcp.analysis.*
** decisions on corner cases.
**
** The expected values come from tshark 4.0.17 on the very same packets:
**   WS_TEST_PCAP_DIR=/tmp/t build/rel/unit_tests tcp_
** writes one pcap per scenario (/tmp/t/<scenario>.pcap), then
**   tshark -r /tmp/t/<scenario>.pcap -T fields -e frame.number -e tcp.stream \
**     -e tcp.analysis.flags -e _ws.col.Info
** gave the values written below (single pass, default preferences).
*/
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
};

#define F_FIN 0x01
#define F_SYN 0x02
#define F_RST 0x04
#define F_PSH 0x08
#define F_ACK 0x10

static uint16_t csum16(const uint8_t *p, size_t n)
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

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

/* Ethernet + IPv4 + TCP (no options); returns the frame length. */
static uint32_t build(uint8_t *buf, const struct seg *s)
{
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
	memset(t + 20, 'x', s->len);
	return 54u + s->len;
}

static void dump_pcap(const char *name, const struct seg *segs, int n)
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
	const char *info; /* the full Info column */
};

static int id_of(const char *abbrev)
{
	int id = field_lookup(abbrev);
	if (id >= 0)
		field_want(id);
	return id;
}

static void run(const char *name, const struct seg *segs, int n, const struct want *w)
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
		if (stream != w[i].stream || strcmp(pk->info, w[i].info) != 0) {
			fprintf(stderr, "%s frame %d: stream %lld (want %d), info\n  got  \"%s\"\n  want \"%s\"\n",
				name, i + 1, (long long)stream, w[i].stream, pk->info, w[i].info);
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
	{0, 0, F_SYN, ISN_C, 0, 64240, 0, 0},                          \
	{10, 1, SA, ISN_S, ISN_C + 1, 65535, 0, 0},                    \
	{20, 0, A, ISN_C + 1, ISN_S + 1, 502, 0, 0}
#define HANDSHAKE_INFO                                                                 \
	{0, "40000 \xe2\x86\x92 33333 [SYN] Seq=0 Win=64240 Len=0"},                     \
	{0, "33333 \xe2\x86\x92 40000 [SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0"},          \
	{0, "40000 \xe2\x86\x92 33333 [ACK] Seq=1 Ack=1 Win=502 Len=0"}

TEST(tcp_keepalive_garbage_byte)
{
	static const struct seg s[] = {
		HANDSHAKE,
		{30, 0, PA, ISN_C + 1, ISN_S + 1, 502, 100, 0},
		{40, 1, A, ISN_S + 1, ISN_C + 101, 65535, 0, 0},
		/* keep-alive carrying one garbage byte at nextseq-1 */
		{5000, 0, A, ISN_C + 100, ISN_S + 1, 502, 1, 0},
		{5010, 1, A, ISN_S + 1, ISN_C + 101, 65535, 0, 0},
	};
	static const struct want w[] = {
		HANDSHAKE_INFO,
		{0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=1 Ack=1 Win=502 Len=100"},
		{0, "33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0"},
		{0, "[TCP Keep-Alive] 40000 \xe2\x86\x92 33333 [ACK] Seq=100 Ack=1 Win=502 Len=1"},
		{0, "[TCP Keep-Alive ACK] 33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0"},
	};
	run("tcp_keepalive", s, N(s), w);
}

TEST(tcp_zero_window_probe)
{
	static const struct seg s[] = {
		HANDSHAKE,
		{30, 0, PA, ISN_C + 1, ISN_S + 1, 502, 100, 0},
		{40, 1, A, ISN_S + 1, ISN_C + 101, 0, 0, 0},
		{300, 0, A, ISN_C + 101, ISN_S + 1, 502, 1, 0},
		{310, 1, A, ISN_S + 1, ISN_C + 101, 0, 0, 0},
		{600, 1, A, ISN_S + 1, ISN_C + 101, 8000, 0, 0},
	};
	static const struct want w[] = {
		HANDSHAKE_INFO,
		{0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=1 Ack=1 Win=502 Len=100"},
		{0, "[TCP ZeroWindow] 33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=0 Len=0"},
		{0, "[TCP ZeroWindowProbe] 40000 \xe2\x86\x92 33333 [ACK] Seq=101 Ack=1 Win=502 Len=1"},
		{0, "[TCP ZeroWindowProbeAck] [TCP ZeroWindow] 33333 \xe2\x86\x92 40000 [ACK] Seq=1 "
		    "Ack=101 Win=0 Len=0"},
		{0, "[TCP Window Update] 33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=8000 Len=0"},
	};
	run("tcp_zwp", s, N(s), w);
}

TEST(tcp_retransmission_vs_out_of_order)
{
	static const struct seg s[] = {
		HANDSHAKE,
		{30, 0, A, ISN_C + 1, ISN_S + 1, 502, 100, 0},
		{31, 0, A, ISN_C + 201, ISN_S + 1, 502, 100, 0}, /* gap of 100 */
		{36, 0, A, ISN_C + 101, ISN_S + 1, 502, 100, 0}, /* 5 ms < iRTT: OOO */
		{40, 1, A, ISN_S + 1, ISN_C + 301, 65535, 0, 0},
		{50, 0, A, ISN_C + 301, ISN_S + 1, 502, 100, 0},
		{550, 0, A, ISN_C + 301, ISN_S + 1, 502, 100, 0}, /* 500 ms later: retrans */
	};
	static const struct want w[] = {
		HANDSHAKE_INFO,
		{0, "40000 \xe2\x86\x92 33333 [ACK] Seq=1 Ack=1 Win=502 Len=100"},
		{0, "[TCP Previous segment not captured] 40000 \xe2\x86\x92 33333 [ACK] Seq=201 Ack=1 "
		    "Win=502 Len=100"},
		{0, "[TCP Out-Of-Order] 40000 \xe2\x86\x92 33333 [ACK] Seq=101 Ack=1 Win=502 Len=100"},
		{0, "33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=301 Win=65535 Len=0"},
		{0, "40000 \xe2\x86\x92 33333 [ACK] Seq=301 Ack=1 Win=502 Len=100"},
		{0, "[TCP Retransmission] 40000 \xe2\x86\x92 33333 [ACK] Seq=301 Ack=1 Win=502 Len=100"},
	};
	run("tcp_retrans_ooo", s, N(s), w);
}

TEST(tcp_sequence_wraparound)
{
	static const struct seg s[] = {
		{0, 0, F_SYN, 0xffffff00u, 0, 64240, 0, 0},
		{10, 1, SA, ISN_S, 0xffffff01u, 65535, 0, 0},
		{20, 0, A, 0xffffff01u, ISN_S + 1, 502, 0, 0},
		{30, 0, A, 0xffffff01u, ISN_S + 1, 502, 200, 0},
		{31, 0, A, 0xffffffc9u, ISN_S + 1, 502, 200, 0}, /* crosses 2^32 */
		{32, 0, A, 0x00000091u, ISN_S + 1, 502, 200, 0},
		{40, 1, A, ISN_S + 1, 0x00000159u, 65535, 0, 0},
	};
	static const struct want w[] = {
		HANDSHAKE_INFO,
		{0, "40000 \xe2\x86\x92 33333 [ACK] Seq=1 Ack=1 Win=502 Len=200"},
		{0, "40000 \xe2\x86\x92 33333 [ACK] Seq=201 Ack=1 Win=502 Len=200"},
		{0, "40000 \xe2\x86\x92 33333 [ACK] Seq=401 Ack=1 Win=502 Len=200"},
		{0, "33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=601 Win=65535 Len=0"},
	};
	run("tcp_wrap", s, N(s), w);
}

TEST(tcp_syn_retransmission)
{
	static const struct seg s[] = {
		{0, 0, F_SYN, ISN_C, 0, 64240, 0, 0},
		{1000, 0, F_SYN, ISN_C, 0, 64240, 0, 0},
		{1010, 1, SA, ISN_S, ISN_C + 1, 65535, 0, 0},
		{1020, 0, A, ISN_C + 1, ISN_S + 1, 502, 0, 0},
	};
	static const struct want w[] = {
		{0, "40000 \xe2\x86\x92 33333 [SYN] Seq=0 Win=64240 Len=0"},
		{0, "[TCP Retransmission] 40000 \xe2\x86\x92 33333 [SYN] Seq=0 Win=64240 Len=0"},
		{0, "33333 \xe2\x86\x92 40000 [SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0"},
		{0, "40000 \xe2\x86\x92 33333 [ACK] Seq=1 Ack=1 Win=502 Len=0"},
	};
	run("tcp_syn_retrans", s, N(s), w);
}

TEST(tcp_port_reuse)
{
	static const struct seg s[] = {
		HANDSHAKE,
		{30, 0, F_FIN | F_ACK, ISN_C + 1, ISN_S + 1, 502, 0, 0},
		{40, 1, F_FIN | F_ACK, ISN_S + 1, ISN_C + 2, 65535, 0, 0},
		{50, 0, A, ISN_C + 2, ISN_S + 2, 502, 0, 0},
		{60, 0, F_SYN, 90000, 0, 64240, 0, 41000}, /* another flow */
		{2000, 0, F_SYN, 70000, 0, 64240, 0, 0},   /* same 4-tuple, new ISN */
		{2010, 1, SA, 80000, 70001, 65535, 0, 0},
	};
	static const struct want w[] = {
		HANDSHAKE_INFO,
		{0, "40000 \xe2\x86\x92 33333 [FIN, ACK] Seq=1 Ack=1 Win=502 Len=0"},
		{0, "33333 \xe2\x86\x92 40000 [FIN, ACK] Seq=1 Ack=2 Win=65535 Len=0"},
		{0, "40000 \xe2\x86\x92 33333 [ACK] Seq=2 Ack=2 Win=502 Len=0"},
		{1, "41000 \xe2\x86\x92 33333 [SYN] Seq=0 Win=64240 Len=0"},
		{2, "[TCP Port numbers reused] 40000 \xe2\x86\x92 33333 [SYN] Seq=0 Win=64240 Len=0"},
		{2, "33333 \xe2\x86\x92 40000 [SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0"},
	};
	run("tcp_port_reuse", s, N(s), w);
}

TEST(tcp_dup_ack_counting)
{
	static const struct seg s[] = {
		HANDSHAKE,
		{30, 0, A, ISN_C + 1, ISN_S + 1, 502, 100, 0},
		{31, 0, A, ISN_C + 201, ISN_S + 1, 502, 100, 0},
		{32, 0, A, ISN_C + 301, ISN_S + 1, 502, 100, 0},
		{33, 0, A, ISN_C + 401, ISN_S + 1, 502, 100, 0},
		{40, 1, A, ISN_S + 1, ISN_C + 101, 65535, 0, 0},
		{41, 1, A, ISN_S + 1, ISN_C + 101, 65535, 0, 0},
		{42, 1, A, ISN_S + 1, ISN_C + 101, 65535, 0, 0},
		{43, 1, A, ISN_S + 1, ISN_C + 101, 65535, 0, 0},
		{45, 0, A, ISN_C + 101, ISN_S + 1, 502, 100, 0},
		{60, 1, A, ISN_S + 1, ISN_C + 501, 65535, 0, 0},
	};
	static const struct want w[] = {
		HANDSHAKE_INFO,
		{0, "40000 \xe2\x86\x92 33333 [ACK] Seq=1 Ack=1 Win=502 Len=100"},
		{0, "[TCP Previous segment not captured] 40000 \xe2\x86\x92 33333 [ACK] Seq=201 Ack=1 "
		    "Win=502 Len=100"},
		{0, "40000 \xe2\x86\x92 33333 [ACK] Seq=301 Ack=1 Win=502 Len=100"},
		{0, "40000 \xe2\x86\x92 33333 [ACK] Seq=401 Ack=1 Win=502 Len=100"},
		{0, "33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0"},
		{0, "[TCP Dup ACK 8#1] 33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0"},
		{0, "[TCP Dup ACK 8#2] 33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0"},
		{0, "[TCP Dup ACK 8#3] 33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0"},
		{0, "[TCP Fast Retransmission] 40000 \xe2\x86\x92 33333 [ACK] Seq=101 Ack=1 Win=502 "
		    "Len=100"},
		{0, "33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=501 Win=65535 Len=0"},
	};
	run("tcp_dupack", s, N(s), w);
}
