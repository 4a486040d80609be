#include <stdlib.h>
#include <string.h>

#include "core/expert.h"
#include "core/field.h"
#include "stats/hash.h"
#include "stats/stats.h"
#include "test.h"

/* The real binary registers these in main(); the tests need them before the seal. */
__attribute__((constructor)) static void register_expert_fields(void)
{
	expert_register();
}

static const char *fsz(uint64_t n, int unit)
{
	static char buf[64];
	format_size(n, unit, buf, sizeof buf);
	return buf;
}

TEST(stats_format_size)
{
	CHECK_STR(fsz(0, FS_BYTES), "0 bytes");
	CHECK_STR(fsz(9999, FS_BYTES), "9999 bytes");
	CHECK_STR(fsz(10000, FS_BYTES), "10 kB");
	CHECK_STR(fsz(19999, FS_BYTES), "19 kB");
	CHECK_STR(fsz(1950123, FS_BYTES), "1950 kB");
	CHECK_STR(fsz(19000000, FS_BYTES), "19 MB");
	CHECK_STR(fsz(10000000000ULL, FS_BYTES), "10 GB");
	CHECK_STR(fsz(99000000000000ULL, FS_BYTES), "99 TB");
	CHECK_STR(fsz(131025, FS_BYTES_S), "131 kBps");
	CHECK_STR(fsz(466, FS_BYTES_S), "466 bytes/s");
	CHECK_STR(fsz(1048201, FS_BITS_S), "1048 kbps");
	CHECK_STR(fsz(3728, FS_BITS_S), "3728 bits/s");
	CHECK_STR(fsz(300, FS_PACKETS_S), "300 packets/s");
	CHECK_STR(fsz(12345, FS_NONE), "12 k");
	CHECK_STR(fsz(56, FS_NONE), "56");
}

static const char *md(int algo, const char *s, size_t reps)
{
	static char hex[65];
	struct md_ctx c;
	md_init(&c, algo);
	for (size_t i = 0; i < reps; i++)
		md_update(&c, s, strlen(s));
	md_final_hex(&c, hex);
	return hex;
}

TEST(stats_digests_known_vectors)
{
	CHECK_STR(md(MD_SHA256, "abc", 1),
		  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	CHECK_STR(md(MD_SHA1, "abc", 1), "a9993e364706816aba3e25717850c26c9cd0d89d");
	CHECK_STR(md(MD_RIPEMD160, "abc", 1), "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
	CHECK_STR(md(MD_RIPEMD160, "", 1), "9c1185a5c5e9fc54612808977ee8f548b2258d31");
	/* 56 bytes: the padding spills into a second block */
	CHECK_STR(md(MD_SHA256, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1),
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* chunked updates must not change the result */
	CHECK_STR(md(MD_SHA1, "a", 1000), md(MD_SHA1, "aaaaaaaaaa", 100));
}

/* --- a hand-built frame: the fieldset items (and the tap records, pk->l4rec)
   the IP/TCP dissectors add ----- */

struct fake {
	struct packet pk;
	struct fieldset fs;
	struct arena arena;
};

static void fake_init(struct fake *f)
{
	memset(f, 0, sizeof *f);
	fs_init(&f->fs);
	arena_init(&f->arena);
	f->pk.fs = &f->fs;
	f->pk.arena = &f->arena;
}

static void fake_free(struct fake *f)
{
	fs_free(&f->fs);
	arena_free(&f->arena);
}

static void fake_frame(struct fake *f, uint32_t num, int64_t rel_ms, uint32_t len)
{
	fs_reset(&f->fs);
	arena_reset(&f->arena);
	f->pk.num = num;
	f->pk.sec = 1700000000 + rel_ms / 1000;
	f->pk.nsec = (int32_t)(rel_ms % 1000) * 1000000;
	f->pk.rel_sec = rel_ms / 1000;
	f->pk.rel_nsec = (int32_t)(rel_ms % 1000) * 1000000;
	f->pk.len = f->pk.caplen = len;
	f->pk.nl4rec = 0;
	fs_add_none(&f->fs, field_lookup("frame"), 0, len);
}

static uint8_t v4[8][4] = {{0}, {10, 0, 0, 1}, {10, 0, 0, 2}, {10, 0, 0, 3}};

static void fake_ip(struct fake *f, int src, int dst)
{
	int it = fs_add_none(&f->fs, field_lookup("ip"), 14, 20);
	int prev = fs_push(&f->fs, it);
	fs_add_bytes(&f->fs, field_lookup("ip.src"), 26, 4, v4[src], 4);
	fs_add_bytes(&f->fs, field_lookup("ip.dst"), 30, 4, v4[dst], 4);
	fs_pop(&f->fs, prev);
	addr_set(&f->pk.net_src, AT_IPv4, v4[src]);
	addr_set(&f->pk.net_dst, AT_IPv4, v4[dst]);
}

static void fake_tcp(struct fake *f, unsigned sp, unsigned dp, unsigned flags, unsigned stream)
{
	int it = fs_add_none(&f->fs, field_lookup("tcp"), 34, 20);
	int prev = fs_push(&f->fs, it);
	fs_add_uint(&f->fs, field_lookup("tcp.srcport"), 34, 2, sp);
	fs_add_uint(&f->fs, field_lookup("tcp.dstport"), 36, 2, dp);
	fs_add_uint(&f->fs, field_lookup("tcp.stream"), 0, 0, stream);
	pk_l4rec_add(&f->pk, PT_TCP, (uint16_t)sp, (uint16_t)dp, stream);
	int fl = fs_add_uint(&f->fs, field_lookup("tcp.flags"), 46, 2, flags);
	/* the TCP dissector adds each flag bit under tcp.flags */
	int fprev = fs_push(&f->fs, fl);
	fs_add_uint(&f->fs, field_lookup("tcp.flags.reset"), 46, 2, (flags & 0x04) != 0);
	fs_pop(&f->fs, fprev);
	fs_pop(&f->fs, prev);
}

static char *run_print(struct stats *st)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	stats_end(st, m);
	fclose(m);
	return buf;
}

TEST(stats_conv_and_endpoints_tables)
{
	struct stats *st = stats_new();
	char err[256];
	CHECK(stats_add_conv(st, CT_TCP, NULL, err, sizeof err) == 0);
	CHECK(stats_add_conv(st, CT_IPV4, NULL, err, sizeof err) == 0);
	CHECK(stats_add_endpoints(st, CT_IPV4, NULL, err, sizeof err) == 0);
	struct fake f;
	fake_init(&f);
	/* stream 0: 1->2 three frames, 2->1 one; stream 1 reuses the ports later */
	static const struct {
		int src, dst, sp, dp, stream, ms, len;
	} frames[] = {
	    {1, 2, 40000, 80, 0, 0, 60},      {2, 1, 80, 40000, 0, 100, 70},
	    {1, 2, 40000, 80, 0, 200, 80},    {1, 2, 40000, 80, 0, 2700, 90},
	    {3, 2, 50000, 443, 2, 3000, 54},  {1, 2, 40000, 80, 1, 4000, 100},
	    {2, 1, 80, 40000, 1, 4050, 5000}, {2, 3, 443, 50000, 2, 5000, 60},
	    {3, 2, 50000, 443, 2, 5500, 54},
	};
	for (size_t i = 0; i < sizeof frames / sizeof frames[0]; i++) {
		fake_frame(&f, (uint32_t)i + 1, frames[i].ms, (uint32_t)frames[i].len);
		fake_ip(&f, frames[i].src, frames[i].dst);
		fake_tcp(&f, (unsigned)frames[i].sp, (unsigned)frames[i].dp, 0x10,
			 (unsigned)frames[i].stream);
		stats_packet(st, &f.pk);
	}
	char *out = run_print(st);
	const char *want =
	    "================================================================================\n"
	    "IPv4 Endpoints\n"
	    "Filter:<No Filter>\n"
	    "                       |  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx "
	    "Packets | | Rx Bytes |\n"
	    "10.0.0.2                       9          5568          3            5130           6 "
	    "            438   \n"
	    "10.0.0.1                       6          5400          4             330           2 "
	    "           5070   \n"
	    "10.0.0.3                       3           168          2             108           1 "
	    "             60   \n"
	    "================================================================================\n"
	    "================================================================================\n"
	    "IPv4 Conversations\n"
	    "Filter:<No Filter>\n"
	    "                                               |       <-      | |       ->      | |  "
	    "   Total     |    Relative    |   Duration   |\n"
	    "                                               | Frames  Bytes | | Frames  Bytes | | "
	    "Frames  Bytes |      Start     |              |\n"
	    "10.0.0.1             <-> 10.0.0.2                   2 5070 bytes       4 330 bytes    "
	    "   6 5400 bytes     0.000000000         4.0500\n"
	    "10.0.0.3             <-> 10.0.0.2                   1 60 bytes        2 108 bytes     "
	    "  3 168 bytes     3.000000000         2.5000\n"
	    "================================================================================\n"
	    "================================================================================\n"
	    "TCP Conversations\n"
	    "Filter:<No Filter>\n"
	    "                                                           |       <-      | |       "
	    "->      | |     Total     |    Relative    |   Duration   |\n"
	    "                                                           | Frames  Bytes | | Frames "
	    " Bytes | | Frames  Bytes |      Start     |              |\n"
	    "10.0.0.1:40000             <-> 10.0.0.2:80                      1 70 bytes        3 "
	    "230 bytes       4 300 bytes     0.000000000         2.7000\n"
	    "10.0.0.3:50000             <-> 10.0.0.2:443                     1 60 bytes        2 "
	    "108 bytes       3 168 bytes     3.000000000         2.5000\n"
	    "10.0.0.1:40000             <-> 10.0.0.2:80                      1 5000 bytes       1 "
	    "100 bytes       2 5100 bytes     4.000000000         0.0500\n"
	    "================================================================================\n";
	CHECK_STR(out, want);
	free(out);
	fake_free(&f);
	stats_free(st);
}

TEST(stats_iostat_whole_capture_box)
{
	/* the spec's io,stat,0 example: 56 frames, 4288 bytes over 9.2 s */
	struct stats *st = stats_new();
	char err[256];
	CHECK(stats_add_iostat(st, "0", err, sizeof err) == 0);
	struct fake f;
	fake_init(&f);
	for (int i = 0; i < 56; i++) {
		fake_frame(&f, (uint32_t)i + 1, i == 55 ? 9200 : i * 100, i == 55 ? 108 : 76);
		stats_packet(st, &f.pk);
	}
	char *out = run_print(st);
	CHECK_STR(out, "\n"
		       "===================================\n"
		       "| IO Statistics                   |\n"
		       "|                                 |\n"
		       "| Duration: 9.200 secs            |\n"
		       "| Interval: 9.200 secs            |\n"
		       "|                                 |\n"
		       "| Col 1: Frames and bytes         |\n"
		       "|---------------------------------|\n"
		       "|                |1               |\n"
		       "| Interval       | Frames | Bytes |\n"
		       "|---------------------------------|\n"
		       "| 0.000 <> 9.200 |     56 |  4288 |\n"
		       "===================================\n");
	free(out);
	fake_free(&f);
	stats_free(st);
}

TEST(stats_iostat_count_columns_and_filter)
{
	struct stats *st = stats_new();
	char err[256];
	CHECK(stats_add_iostat(st, "1,COUNT(frame)frame,COUNT(tcp.flags.reset)tcp.flags.reset==1",
			       err, sizeof err) == 0);
	struct fake f;
	fake_init(&f);
	static const int ms[] = {0, 500, 1200, 2300, 2900};
	static const unsigned flags[] = {0x02, 0x12, 0x04, 0x10, 0x14};
	for (int i = 0; i < 5; i++) {
		fake_frame(&f, (uint32_t)i + 1, ms[i], 60);
		fake_ip(&f, 1, 2);
		fake_tcp(&f, 1, 2, flags[i], 0);
		stats_packet(st, &f.pk);
	}
	char *out = run_print(st);
	CHECK_STR(out, "\n"
		       "===================================================\n"
		       "| IO Statistics                                   |\n"
		       "|                                                 |\n"
		       "| Duration: 2.900000 secs                         |\n"
		       "| Interval: 1 secs                                |\n"
		       "|                                                 |\n"
		       "| Col 1: COUNT(frame)frame                        |\n"
		       "|     2: COUNT(tcp.flags.reset)tcp.flags.reset==1 |\n"
		       "|-------------------------------------------------|\n"
		       "|          |1      |2      |                      |\n"
		       "| Interval | COUNT | COUNT |                      |\n"
		       "|--------------------------|                      |\n"
		       "|  0 <> 1  |     2 |     0 |                      |\n"
		       "|  1 <> 2  |     1 |     1 |                      |\n"
		       "|  2 <> Dur|     2 |     1 |                      |\n"
		       "===================================================\n");
	free(out);
	fake_free(&f);
	stats_free(st);
}

TEST(stats_expert_groups_by_protocol_and_summary)
{
	struct stats *st = stats_new();
	char err[256];
	CHECK(stats_add_expert(st, PI_NOTE, NULL, err, sizeof err) == 0);
	struct fake f;
	fake_init(&f);
	fake_frame(&f, 1, 0, 60);
	expert_add(&f.fs, &f.arena, PI_WARN, PI_SEQUENCE, "TCP", "Connection reset (RST)");
	expert_add(&f.fs, &f.arena, PI_CHAT, PI_SEQUENCE, "TCP", "not shown below note");
	expert_add(&f.fs, &f.arena, PI_NOTE, PI_SEQUENCE, "TCP", "Duplicate ACK (#%d)", 1);
	stats_packet(st, &f.pk);
	fake_frame(&f, 2, 10, 60);
	expert_add(&f.fs, &f.arena, PI_NOTE, PI_MALFORMED, "TCP", "Duplicate ACK (#%d)", 1);
	expert_add(&f.fs, &f.arena, PI_WARN, PI_PROTOCOL, "HTTP", "Connection reset (RST)");
	stats_packet(st, &f.pk);
	char *out = run_print(st);
	CHECK_STR(out, "\n"
		       "Warns (2)\n"
		       "=============\n"
		       "   Frequency      Group           Protocol  Summary\n"
		       "           1   Sequence                TCP  Connection reset (RST)\n"
		       "           1   Protocol               HTTP  Connection reset (RST)\n"
		       "\n"
		       "Notes (2)\n"
		       "=============\n"
		       "   Frequency      Group           Protocol  Summary\n"
		       "           2   Sequence                TCP  Duplicate ACK (#1)\n");
	free(out);
	fake_free(&f);
	stats_free(st);
}

TEST(stats_phs_trie_in_first_seen_order)
{
	struct stats *st = stats_new();
	char err[256];
	CHECK(stats_add_phs(st, NULL, err, sizeof err) == 0);
	struct fake f;
	fake_init(&f);
	fake_frame(&f, 1, 0, 100);
	fs_add_none(&f.fs, field_lookup("eth"), 0, 14);
	fake_ip(&f, 1, 2);
	fake_tcp(&f, 1, 2, 0x10, 0);
	stats_packet(st, &f.pk);
	fake_frame(&f, 2, 0, 50);
	fs_add_none(&f.fs, field_lookup("eth"), 0, 14);
	fake_ip(&f, 1, 2);
	fs_add_none(&f.fs, field_lookup("udp"), 34, 8);
	stats_packet(st, &f.pk);
	char *out = run_print(st);
	CHECK_STR(out, "\n"
		       "===================================================================\n"
		       "Protocol Hierarchy Statistics\n"
		       "Filter: \n"
		       "\n"
		       "eth                                      frames:2 bytes:150\n"
		       "  ip                                     frames:2 bytes:150\n"
		       "    tcp                                  frames:1 bytes:100\n"
		       "    udp                                  frames:1 bytes:50\n"
		       "===================================================================\n");
	free(out);
	fake_free(&f);
	stats_free(st);
}

TEST(stats_time_formats)
{
	CHECK(stats_time_format_parse("ud") == STF_UTC_DATE);
	CHECK(stats_time_format_parse("dd") == STF_DELTA);
	CHECK(stats_time_format_parse("x") < 0);
	struct stats *st = stats_new();
	char err[256];
	CHECK(stats_add_iostat(st, "1", err, sizeof err) == 0);
	/* tshark refuses -t e and -t d with io,stat */
	CHECK(stats_set_time_format(st, STF_EPOCH, err, sizeof err) < 0);
	CHECK(stats_set_time_format(st, STF_UTC_DATE, err, sizeof err) == 0);
	struct fake f;
	fake_init(&f);
	fake_frame(&f, 1, 0, 60);
	stats_packet(st, &f.pk);
	fake_frame(&f, 2, 1500, 70);
	stats_packet(st, &f.pk);
	char *out = run_print(st);
	CHECK(strstr(out, "| Date and time       | Frames | Bytes |\n") != NULL);
	CHECK(strstr(out, "| 2023-11-14 22:13:21 |      1 |    70 |\n") != NULL);
	free(out);
	fake_free(&f);
	stats_free(st);
}
