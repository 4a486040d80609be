/*
** test_hotpath.c -- the per-packet shortcuts give what the slow way gave:
** Info text without vsnprintf, addresses and the summary line without
** printf, and one wanted-test for a block of fields.
*/
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/fieldset.h"
#include "dissect/packet.h"
#include "output/output.h"
#include "test.h"

static struct packet *info_packet(void)
{
	struct packet *pk = calloc(1, sizeof *pk);
	pk->want_cols = 1;
	return pk;
}

TEST(hotpath_info_fast_matches_printf)
{
	struct packet *pk = info_packet();
	col_append_info(pk, "%u \xe2\x86\x92 %u", 0u, 4294967295u);
	col_append_info(pk, " [%s] Seq=%u 100%%", "SYN, ACK", 1234567u);
	CHECK(!strcmp(pk->info, "0 \xe2\x86\x92 4294967295 [SYN, ACK] Seq=1234567 100%"));
	CHECK_EQ_U64(pk->info_len, strlen(pk->info));
	/* another conversion after some simple ones: vsnprintf from the call's start */
	uint32_t before = pk->info_len;
	col_append_info(pk, " id=%u 0x%04x %s", 7u, 0xbeefu, "end");
	CHECK(!strcmp(pk->info + before, " id=7 0xbeef end"));
	CHECK_EQ_U64(pk->info_len, strlen(pk->info));
	free(pk);
}

TEST(hotpath_info_fast_cut_like_vsnprintf)
{
	struct packet *pk = info_packet();
	static char big[PK_INFO_MAX + 64];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	col_append_info(pk, "%u:%s", 42u, big);
	CHECK_EQ_U64(pk->info_len, PK_INFO_MAX - 1);
	CHECK(!memcmp(pk->info, "42:xxx", 6));
	CHECK(pk->info[PK_INFO_MAX - 1] == 0);
	/* a full buffer takes nothing more, and stays terminated */
	col_append_info(pk, " %u", 9u);
	CHECK_EQ_U64(pk->info_len, PK_INFO_MAX - 1);
	CHECK(pk->info[PK_INFO_MAX - 1] == 0);
	/* a number cut in the middle keeps its leading digits, as vsnprintf does */
	pk->info_len = PK_INFO_MAX - 4;
	pk->info[pk->info_len] = 0;
	col_append_info(pk, "%u", 123456u);
	CHECK(!strcmp(pk->info + PK_INFO_MAX - 4, "123"));
	free(pk);
}

TEST(hotpath_addr_to_str_matches_snprintf)
{
	struct address a;
	static const uint8_t ip[4] = {192, 0, 2, 255}, ip0[4] = {0, 10, 100, 9};
	static const uint8_t mac[6] = {0x00, 0x1b, 0xa9, 0xff, 0x0a, 0xe0};
	char buf[64], want[64];
	addr_set(&a, AT_IPv4, ip);
	CHECK(!strcmp(addr_to_str(&a, buf, sizeof buf), "192.0.2.255"));
	addr_set(&a, AT_IPv4, ip0);
	CHECK(!strcmp(addr_to_str(&a, buf, sizeof buf), "0.10.100.9"));
	addr_set(&a, AT_ETHER, mac);
	CHECK(!strcmp(addr_to_str(&a, buf, sizeof buf), "00:1b:a9:ff:0a:e0"));
	/* a short buffer is cut where snprintf cuts */
	for (size_t n = 1; n < 20; n++) {
		addr_to_str(&a, buf, n);
		snprintf(want, sizeof want, "00:1b:a9:ff:0a:e0");
		want[n - 1] = 0;
		CHECK(!strcmp(buf, want));
	}
	addr_set(&a, AT_NONE, NULL);
	CHECK(!strcmp(addr_to_str(&a, buf, sizeof buf), ""));
}

/*
** IPv6 as glibc's inet_ntop writes it: every placement of zero words (which
** run is "::", embedded IPv4 forms), words of each hex width, short buffers.
*/
TEST(hotpath_addr_to_str_ipv6_matches_inet_ntop)
{
	static const unsigned vals[] = {1, 0xf, 0x10, 0xab, 0x100, 0xfff, 0x1000, 0xffff};
	struct address a;
	uint8_t ip6[16];
	char buf[64], want[64];
	int bad = 0;
	for (unsigned mask = 0; mask < 256; mask++)
		for (unsigned v = 0; v < 8; v++) {
			for (int i = 0; i < 8; i++) {
				/* a nonzero word where the mask bit is set; ffff at 5 too */
				unsigned w = (mask >> i) & 1 ? vals[(v + (unsigned)i) % 8] : 0;
				if (i == 5 && v == 7 && w)
					w = 0xffff;
				ip6[2 * i] = (uint8_t)(w >> 8), ip6[2 * i + 1] = (uint8_t)w;
			}
			addr_set(&a, AT_IPv6, ip6);
			addr_to_str(&a, buf, sizeof buf);
			if (!inet_ntop(AF_INET6, ip6, want, sizeof want) || strcmp(buf, want)) {
				if (bad++ < 5)
					fprintf(stderr, "ipv6: got %s want %s\n", buf, want);
			}
		}
	CHECK(bad == 0);
	/* too short for the whole text: nothing, as inet_ntop */
	memset(ip6, 0, sizeof ip6);
	ip6[0] = 0x20, ip6[1] = 0x01, ip6[15] = 1;
	addr_set(&a, AT_IPv6, ip6);
	CHECK(!strcmp(addr_to_str(&a, buf, 8), "2001::1"));
	CHECK(!strcmp(addr_to_str(&a, buf, 7), ""));
}

/* the summary line as the old fprintf made it */
static void old_summary(char *out, size_t n, const struct packet *pk)
{
	char no[16], tm[48], src[64], dst[64], len[16];
	column_text(pk, COL_NO, no, sizeof no);
	column_text(pk, COL_TIME, tm, sizeof tm);
	column_text(pk, COL_SRC, src, sizeof src);
	column_text(pk, COL_DST, dst, sizeof dst);
	column_text(pk, COL_LEN, len, sizeof len);
	snprintf(out, n, "%5s %10s %12s \xe2\x86\x92 %-12s %s %s %s\n", no, tm, src, dst,
		 pk->col_proto ? pk->col_proto : "", len, pk->info);
}

static void check_summary(const struct packet *pk)
{
	char *got = NULL;
	size_t gn = 0;
	FILE *f = open_memstream(&got, &gn);
	summary_packet(f, pk);
	fclose(f);
	static char want[PK_INFO_MAX + 1024];
	old_summary(want, sizeof want, pk);
	CHECK(got && !strcmp(got, want));
	free(got);
}

TEST(hotpath_summary_line_matches_fprintf)
{
	static const uint8_t a[4] = {10, 0, 0, 1}, b[4] = {172, 16, 254, 3};
	struct packet *pk = info_packet();
	pk->num = 7;
	pk->len = 1514;
	pk->has_ts = 1;
	pk->rel_sec = 3;
	pk->rel_nsec = 141592653;
	pk->ts_digits = 6;
	addr_set(&pk->net_src, AT_IPv4, a);
	addr_set(&pk->net_dst, AT_IPv4, b);
	pk->col_proto = "TCP";
	col_append_info(pk, "%u \xe2\x86\x92 %u [ACK]", 443u, 51000u);
	check_summary(pk);
	/* wide columns: nothing is padded or cut */
	pk->num = 1234567;
	pk->rel_sec = 123456789;
	check_summary(pk);
	/* a very long protocol name and Info take the slow way, with the same text */
	static char proto[600];
	memset(proto, 'P', sizeof proto - 1);
	pk->col_proto = proto;
	pk->info_len = 0;
	pk->info[0] = 0;
	static char big[PK_INFO_MAX];
	memset(big, 'i', sizeof big - 1);
	col_append_info(pk, "%s", big);
	check_summary(pk);
	/* no addresses, no protocol, empty Info: the arrow and the trailing space stay */
	memset(&pk->net_src, 0, sizeof pk->net_src);
	memset(&pk->net_dst, 0, sizeof pk->net_dst);
	pk->col_proto = NULL;
	pk->info_len = 0;
	pk->info[0] = 0;
	check_summary(pk);
	free(pk);
}

TEST(hotpath_wants_range)
{
	/* tcp's header block: thirty ids, three eight-byte words and a tail */
	int first = field_lookup("tcp.srcport"), port = field_lookup("tcp.urgent_pointer");
	int mid = field_lookup("tcp.seq");
	CHECK(first >= 0 && port > first);
	if (first < 0 || port <= first)
		return;
	struct fieldset fs;
	fs_init(&fs);
	int n = port - first + 1;
	/* the wanted map is global: this test puts it back as it was */
	uint8_t saved[64];
	CHECK(n <= (int)sizeof saved);
	memcpy(saved, field_wanted_map + first, (size_t)n);
	memset(field_wanted_map + first, 0, (size_t)n);
	CHECK(!fs_wants_range(&fs, first, n));
	fs.want_all = 1; /* tree output wants everything */
	CHECK(fs_wants_range(&fs, first, n));
	fs.want_all = 0;
	/* the block's last field alone makes it wanted, past the eight-byte words */
	field_wanted_map[port] = FIELD_WANT_VALUE;
	CHECK(fs_wants_range(&fs, first, n));
	CHECK(field_any_wanted(port, 1));
	CHECK(!field_any_wanted(first, n - 1));
	CHECK(!fs_wants_range(&fs, -1, 0));
	field_wanted_map[port] = 0;
	field_wanted_map[mid] = FIELD_WANT_VALUE; /* inside a word */
	CHECK(fs_wants_range(&fs, first, n));
	CHECK(!field_any_wanted(mid + 1, port - mid));
	memcpy(field_wanted_map + first, saved, (size_t)n);
	fs_free(&fs);
}

/*
** A reassembled PDU is handed to the frame arena instead of copied into it
** (tcp.c): the block must stay readable until the reset and be freed by it
** (a leak here fails the ASan run of the suite).
*/
TEST(hotpath_arena_adopt_frees_at_reset)
{
	struct arena a;
	arena_init(&a);
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 4; i++) {
			uint8_t *p = malloc(100000);
			memset(p, i, 100000);
			arena_adopt(&a, p);
			(void)arena_alloc(&a, 70000); /* a new block after the list node */
			CHECK_EQ_U64(p[99999], (uint64_t)i);
		}
		CHECK(a.adopted != NULL);
		arena_reset(&a);
		CHECK(a.adopted == NULL);
	}
	arena_adopt(&a, malloc(16));
	arena_free(&a);
	CHECK(a.adopted == NULL);
}
