/*
** test_link.c -- link-layer and small protocols, on hand-built frames.
**
** Every expected value was read from tshark 4.0.17 on the same bytes written
** to a pcap (tshark -n -r F -T fields -e ...); the command is next to each
** check.  Frames are hex strings to keep them readable against tshark -x.
*/
#include <stdlib.h>
#include <string.h>

#include "core/field.h"
#include "core/fieldset.h"
#include "dissect/dissect.h"
#include "test.h"

struct run {
	struct packet *pk;
	struct fieldset fs;
	struct arena arena;
	uint8_t buf[2048];
};

static uint32_t unhex(const char *h, uint8_t *out, uint32_t cap)
{
	uint32_t n = 0;
	int hi = -1;
	for (; *h && n < cap; h++) {
		int v;
		if (*h >= '0' && *h <= '9')
			v = *h - '0';
		else if (*h >= 'a' && *h <= 'f')
			v = *h - 'a' + 10;
		else
			continue;
		if (hi < 0) {
			hi = v;
		} else {
			out[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	return n;
}

static const char *const wanted[] = {
    "eth.type",
    "eth.padding",
    "eth.trailer",
    "eth.fcs",
    "vlan.id",
    "vlan.etype",
    "vlan.priority",
    "vlan.trailer",
    "ieee8021ad.id",
    "arp.opcode",
    "arp.src.proto_ipv4",
    "arp.isannouncement",
    "sll.pkttype",
    "sll.etype",
    "sll.unused",
    "null.family",
    "mpls.label",
    "mpls.bottom",
    "mpls.ttl",
    "gre.proto",
    "gre.key",
    "vxlan.vni",
    "esp.spi",
    "esp.sequence",
    "icmp.checksum.status",
    "icmp.resp_to",
    "icmp.ident",
    "udp.srcport",
    "icmpv6.nd.ns.target_address",
};

static void run_init(struct run *r)
{
	static int wanted_done;
	if (!wanted_done) {
		for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
			field_want(field_lookup(wanted[i]));
		wanted_done = 1;
	}
	fs_init(&r->fs);
	arena_init(&r->arena);
	r->pk = calloc(1, sizeof *r->pk);
	r->pk->fs = &r->fs;
	r->pk->arena = &r->arena;
	r->pk->ctx = dissect_ctx_new();
	r->pk->want_cols = 1;
}

/* Dissect one frame as frame number num (state in ctx carries over). */
static struct packet *run_frame(struct run *r, int linktype, uint32_t num, const char *hex)
{
	fs_reset(&r->fs);
	arena_reset(&r->arena);
	uint32_t n = unhex(hex, r->buf, sizeof r->buf);
	struct packet *pk = r->pk;
	pk->num = num;
	pk->sec = 1000 + num;
	pk->nsec = 0;
	pk->has_ts = 1;
	pk->caplen = pk->len = n;
	pk->linktype = linktype;
	pk->data = r->buf;
	dissect_packet(pk);
	return pk;
}

static void run_free(struct run *r)
{
	dissect_ctx_free(r->pk->ctx);
	free(r->pk);
	fs_free(&r->fs);
	arena_free(&r->arena);
}

static int count(const struct packet *pk, const char *abbrev)
{
	return fs_count(pk->fs, field_lookup(abbrev));
}

static uint64_t u(const struct packet *pk, const char *abbrev, int nth)
{
	int i = fs_first(pk->fs, field_lookup(abbrev));
	while (i >= 0 && nth-- > 0)
		i = pk->fs->items[i].next_same;
	return i >= 0 ? pk->fs->items[i].val.v.u : 0xdeadbeef;
}

static uint32_t blen(const struct packet *pk, const char *abbrev)
{
	int i = fs_first(pk->fs, field_lookup(abbrev));
	return i >= 0 ? pk->fs->items[i].val.v.b.n : 0xdeadbeef;
}

#define ETH_BC "ffffffffffff 001122334455"
#define IP_UDP "45000020 0001 0000 4011 0000 0a000001 0a000002 1234 5678 000c 0000 41424344"

/* tshark -n -r pad2.pcap -T fields -e eth.padding -e eth.trailer -e eth.fcs */
TEST(eth_padding_trailer_fcs)
{
	struct run r;
	run_init(&r);
	/* 62 bytes: 14 zero bytes of padding, then trailer 0102, no FCS */
	struct packet *pk =
	    run_frame(&r, 1, 1, ETH_BC "0800" IP_UDP "0000000000000000000000000000 0102");
	CHECK_EQ_U64(blen(pk, "eth.padding"), 14);
	CHECK_EQ_U64(blen(pk, "eth.trailer"), 2);
	CHECK_EQ_U64(count(pk, "eth.fcs"), 0);
	/* 64 bytes, non-zero "padding": a 14-byte trailer and the FCS 0x01020304 */
	pk = run_frame(&r, 1, 2, ETH_BC "0800" IP_UDP "00000000000000000000000000ab 01020304");
	CHECK_EQ_U64(count(pk, "eth.padding"), 0);
	CHECK_EQ_U64(blen(pk, "eth.trailer"), 14);
	CHECK_EQ_U64(u(pk, "eth.fcs", 0), 0x01020304);
	/* 50 bytes: too short for an FCS, the 4 bytes are trailer */
	pk = run_frame(&r, 1, 3, ETH_BC "0800" IP_UDP "01020304");
	CHECK_EQ_U64(blen(pk, "eth.trailer"), 4);
	CHECK_EQ_U64(count(pk, "eth.fcs"), 0);
	/* tshark: Protocol "0x9999", Info "Ethernet II" */
	pk = run_frame(&r, 1, 4, ETH_BC "9999 0102030405");
	CHECK_STR(pk->col_proto, "0x9999");
	CHECK_STR(pk->info, "Ethernet II");
	run_free(&r);
}

/* tshark -n -r vl.pcap -T fields -e vlan.etype -e vlan.id -e vlan.priority -e vlan.trailer
**   -e eth.padding -e ieee8021ad.id -e _ws.col.Info -E occurrence=a */
TEST(vlan_and_qinq)
{
	struct run r;
	run_init(&r);
	struct packet *pk = run_frame(&r, 1, 1, ETH_BC "8100 2064 0800" IP_UDP "0102");
	CHECK_EQ_U64(u(pk, "vlan.id", 0), 100);
	CHECK_EQ_U64(u(pk, "vlan.priority", 0), 1);
	CHECK_EQ_U64(u(pk, "vlan.etype", 0), 0x0800);
	CHECK_EQ_U64(blen(pk, "vlan.trailer"), 2);
	CHECK_EQ_U64(count(pk, "eth.trailer"), 0);
	/* 71 bytes: padding counted from the frame start (10 bytes), no FCS */
	pk = run_frame(
	    &r, 1, 2, ETH_BC "8100 0064 0800" IP_UDP "00000000000000000000 00000000000000aabbccdd");
	CHECK_EQ_U64(blen(pk, "eth.padding"), 10);
	CHECK_EQ_U64(blen(pk, "vlan.trailer"), 11);
	pk = run_frame(&r, 1, 3, ETH_BC "88a8 0064 8100 00c8 0800" IP_UDP "0102");
	CHECK_EQ_U64(u(pk, "ieee8021ad.id", 0), 100);
	CHECK_EQ_U64(u(pk, "vlan.id", 0), 200);
	/* unknown inner type: Protocol "0x9999", Info from the tag */
	pk = run_frame(&r, 1, 4, ETH_BC "8100 0064 9999 0102030405");
	CHECK_STR(pk->col_proto, "0x9999");
	CHECK_STR(pk->info, "PRI: 0  DEI: 0  ID: 100");
	run_free(&r);
}

/* tshark -n -r arp.pcap -T fields -e _ws.col.Protocol -e _ws.col.Info -e arp.isannouncement */
TEST(arp_info_variants)
{
	struct run r;
	run_init(&r);
#define ARP_HDR ETH_BC "0806 0001 0800 0604"
	struct packet *pk =
	    run_frame(&r, 1, 1, ARP_HDR "0001 001122334455 0a000001 000000000000 0a000001");
	CHECK_STR(pk->info, "ARP Announcement for 10.0.0.1");
	CHECK_EQ_U64(u(pk, "arp.isannouncement", 0), 1);
	pk = run_frame(&r, 1, 2, ARP_HDR "0002 001122334455 0a000001 ffffffffffff 0a000001");
	CHECK_STR(pk->info, "Gratuitous ARP for 10.0.0.1 (Reply)");
	pk = run_frame(&r, 1, 3, ARP_HDR "0001 001122334455 00000000 000000000000 0a000001");
	CHECK_STR(pk->info, "Who has 10.0.0.1? (ARP Probe)");
	pk = run_frame(&r, 1, 4, ARP_HDR "0001 001122334455 0a000003 000000000000 0a000001");
	CHECK_STR(pk->col_proto, "ARP");
	CHECK_STR(pk->info, "Who has 10.0.0.1? Tell 10.0.0.3");
	CHECK_EQ_U64(u(pk, "arp.opcode", 0), 1);
	pk = run_frame(&r, 1, 5, ARP_HDR "0009 001122334455 0a000003 000000000000 0a000001");
	CHECK_STR(pk->col_proto, "Inverse ARP");
	CHECK_STR(pk->info, "00:11:22:33:44:55 is at 10.0.0.3");
	pk = run_frame(&r, 1, 6,
		       ETH_BC
		       "8035 0001 0800 0604 0003 001122334455 0a000003 000000000000 0a000001");
	CHECK_STR(pk->col_proto, "RARP");
	CHECK_STR(pk->info, "Who is 00:00:00:00:00:00? Tell 00:11:22:33:44:55");
	/* the same IP from another MAC: tshark appends the duplicate warning */
	pk = run_frame(&r, 1, 7, ARP_HDR "0001 00aabbccddee 0a000003 000000000000 0a000001");
	CHECK_STR(pk->info,
		  "Who has 10.0.0.1? Tell 10.0.0.3 (duplicate use of 10.0.0.3 detected!)");
	run_free(&r);
}

/* tshark -n -r sll.pcap / sll2.pcap -T fields -e sll.pkttype -e sll.etype -e sll.unused
**   -e eth.padding -e _ws.col.Protocol -e _ws.col.Info */
TEST(sll_v1_v2)
{
	struct run r;
	run_init(&r);
	struct packet *pk = run_frame(&r, 113, 1,
				      "0000 0001 0006 001122334455 0000 0800" IP_UDP
				      "0000000000000000000000000000");
	CHECK_EQ_U64(u(pk, "sll.etype", 0), 0x0800);
	CHECK_EQ_U64(blen(pk, "eth.padding"), 12);
	CHECK_EQ_U64(blen(pk, "sll.unused"), 2);
	pk = run_frame(&r, 113, 2, "0000 0001 0006 001122334455 0000 9999 0102");
	CHECK_STR(pk->col_proto, "0x9999");
	CHECK_STR(pk->info, "Unicast to us");
	/* v2 looks its Info text up with the address-length byte (6): "Unknown (6)" */
	pk = run_frame(&r, 276, 3, "9999 0000 00000003 0001 00 06 001122334455 0000 0102");
	CHECK_STR(pk->info, "Unknown (6)");
	run_free(&r);
}

/* tshark -n -r null.pcap / loop.pcap / raw.pcap / unk.pcap -T fields -e null.family
**   -e _ws.col.Protocol -e _ws.col.Info */
TEST(null_loop_raw_user)
{
	struct run r;
	run_init(&r);
	struct packet *pk = run_frame(&r, 0, 1, "02000000" IP_UDP);
	CHECK_EQ_U64(u(pk, "null.family", 0), 2);
	CHECK_STR(pk->col_proto, "UDP");
	pk = run_frame(&r, 0, 2, "00000002" IP_UDP); /* other byte order */
	CHECK_EQ_U64(u(pk, "null.family", 0), 2);
	pk = run_frame(&r, 0, 3, "08000000 0102");
	CHECK_STR(pk->col_proto, "N/A");
	CHECK_STR(pk->info, "Null/Loopback");
	pk = run_frame(&r, 108, 4, "02000000 0102"); /* LOOP is big-endian: 33554432 */
	CHECK_EQ_U64(u(pk, "null.family", 0), 33554432);
	pk = run_frame(&r, 101, 5, IP_UDP);
	CHECK_STR(pk->col_proto, "UDP");
	pk = run_frame(&r, 147, 6, "0102030405");
	CHECK_STR(pk->col_proto, "");
	CHECK_STR(pk->info, "");
	run_free(&r);
}

/* tshark -n -r icmp.pcap -T fields -e _ws.col.Info -e icmp.checksum.status -e icmp.resp_to
**   -e udp.srcport:  "Echo (ping) request  id=0x0001, seq=1/256, ttl=64", 1;
**   "Echo (ping) reply    id=0x0001, seq=1/256, ttl=63 (request in 1)", 1, 1;
**   "Time-to-live exceeded (Time to live exceeded in transit)", 1, 1234 */
TEST(icmp_echo_and_error)
{
	struct run r;
	run_init(&r);
	struct packet *pk = run_frame(&r, 1, 1,
				      "00000000000200000000000108004500002400010000400166d60a000001"
				      "0a00000208006668000100016162636465666768");
	CHECK_STR(pk->col_proto, "ICMP");
	/* ttl= comes from pk->ip_ttl, which ipv4.c fills once wired */
	CHECK(strncmp(pk->info, "Echo (ping) request  id=0x0001, seq=1/256, ttl=", 47) == 0);
	CHECK_EQ_U64(u(pk, "icmp.checksum.status", 0), 1);
	pk = run_frame(&r, 1, 2,
		       "000000000001000000000002080045000024000100003f0167d60a000002"
		       "0a00000100006e68000100016162636465666768");
	CHECK(strncmp(pk->info, "Echo (ping) reply    id=0x0001, seq=1/256, ttl=", 47) == 0);
	CHECK(strstr(pk->info, " (request in 1)") != NULL);
	CHECK_EQ_U64(u(pk, "icmp.resp_to", 0), 1);
	pk = run_frame(&r, 1, 3,
		       "00000000000100000000000208004500003800010000ff01a6c50a0000fe0a000001"
		       "0b00efe800000000450000240001000001119fb80a0000010808080804d2003500100000");
	CHECK_STR(pk->col_proto, "ICMP");
	CHECK_STR(pk->info, "Time-to-live exceeded (Time to live exceeded in transit)");
	CHECK_EQ_U64(u(pk, "udp.srcport", 0), 1234);
	CHECK_EQ_U64(pk->in_error, 0);
	run_free(&r);
}

/* tshark -n -r mpls.pcap -T fields -e mpls.label -e mpls.bottom -e mpls.ttl -e _ws.col.Protocol
**   -e _ws.col.Info -E occurrence=a */
TEST(mpls_stack)
{
	struct run r;
	run_init(&r);
	struct packet *pk = run_frame(&r, 1, 1, ETH_BC "8847 00064040 000c8140" IP_UDP);
	CHECK_EQ_U64(u(pk, "mpls.label", 0), 100);
	CHECK_EQ_U64(u(pk, "mpls.label", 1), 200);
	CHECK_EQ_U64(u(pk, "mpls.bottom", 0), 0);
	CHECK_EQ_U64(u(pk, "mpls.bottom", 1), 1);
	CHECK_EQ_U64(u(pk, "mpls.ttl", 1), 64);
	CHECK_STR(pk->col_proto, "UDP");
	pk = run_frame(&r, 1, 2, ETH_BC "8847 00064140 ab0102");
	CHECK_STR(pk->col_proto, "MPLS");
	CHECK_STR(pk->info, "MPLS Label Switched Packet");
	run_free(&r);
}

/* tshark -n -r gre.pcap -T fields -e gre.proto -e _ws.col.Protocol -e _ws.col.Info:
**   0x9999, GRE, "Encapsulated 0x9999 (unknown)" */
TEST(gre_unknown_payload)
{
	struct run r;
	run_init(&r);
	struct packet *pk = run_frame(&r, 1, 1,
				      ETH_BC "0800 45000020 0001 0000 402f 0000 0a000001 0a000002"
					     "2000 9999 0000002a 01020304");
	CHECK_EQ_U64(u(pk, "gre.proto", 0), 0x9999);
	CHECK_EQ_U64(u(pk, "gre.key", 0), 42);
	CHECK_STR(pk->col_proto, "GRE");
	CHECK_STR(pk->info, "Encapsulated 0x9999 (unknown)");
	run_free(&r);
}

/* tshark -n -r nd.pcap -T fields -e _ws.col.Info -e icmpv6.checksum.status */
TEST(icmpv6_nd_and_echo)
{
	struct run r;
	run_init(&r);
	struct packet *pk =
	    run_frame(&r, 1, 1,
		      "33330000000200112233445586dd6000000000203afffe80000000000000000000000000"
		      "0001ff0200000000000000000001ff000002870015ff00000000fe800000000000000000"
		      "0000000000020101001122334455");
	CHECK_STR(pk->col_proto, "ICMPv6");
	CHECK_STR(pk->info, "Neighbor Solicitation for fe80::2 from 00:11:22:33:44:55");
	pk = run_frame(&r, 1, 2,
		       "33330000000200112233445586dd6000000000203afffe80000000000000000000000000"
		       "0002fe80000000000000000000000000000188007fb660000000fe800000000000000000"
		       "000000000002020100aabbccddee");
	CHECK_STR(pk->info, "Neighbor Advertisement fe80::2 (sol, ovr) is at 00:aa:bb:cc:dd:ee");
	pk = run_frame(&r, 1, 3,
		       "33330000000200112233445586dd60000000000c3afffe80000000000000000000000000"
		       "0001ff0200000000000000000001ff0000028000ac2e1234000761626364");
	/* "..., hop limit=255" once ipv6.c fills pk->ip_ttl */
	CHECK(strncmp(pk->info, "Echo (ping) request id=0x1234, seq=7, hop limit=", 48) == 0);
	run_free(&r);
}

/* tshark -n -r pppoe.pcap -T fields -e frame.protocols -e _ws.col.Protocol -e _ws.col.Info:
**   "0x0075", "PPP Unknown (0x0075)"; "PPPoES", "Session Data[Malformed Packet]";
**   "0x0051", "PRI: 0  DROP: 0 ID: 100" */
TEST(pppoe_and_8021ad_columns)
{
	struct run r;
	run_init(&r);
	struct packet *pk = run_frame(&r, 1, 1, ETH_BC "8864 1100 0001 0004 0075 0102");
	CHECK_STR(pk->col_proto, "0x0075");
	CHECK_STR(pk->info, "PPP Unknown (0x0075)");
	pk = run_frame(&r, 1, 2, ETH_BC "8864 1100 0001 0004 c021 01");
	CHECK_STR(pk->col_proto, "PPPoES");
	CHECK(strncmp(pk->info, "Session Data", 12) == 0);
	CHECK(pk->malformed);
	pk = run_frame(&r, 1, 3, ETH_BC "88a8 0064 0051 0102");
	CHECK_STR(pk->col_proto, "0x0051");
	CHECK_STR(pk->info, "PRI: 0  DROP: 0 ID: 100");
	run_free(&r);
}

/* tshark -n -r vx.pcap -T fields -e _ws.col.Protocol -e _ws.col.Info -e esp.spi -e esp.sequence
**   -e vxlan.vni: ESP, "ESP (SPI=0x0000abcd)", 0x0000abcd, 7; ARP, 1111 */
TEST(esp_vxlan)
{
	struct run r;
	run_init(&r);
	struct packet *pk = run_frame(&r, 1, 1,
				      ETH_BC "0800 45000020 0001 0000 4032 0000 0a000001 0a000002"
					     "0000abcd 00000007 0102030405060708");
	CHECK_STR(pk->col_proto, "ESP");
	CHECK_STR(pk->info, "ESP (SPI=0x0000abcd)");
	CHECK_EQ_U64(u(pk, "esp.spi", 0), 0xabcd);
	CHECK_EQ_U64(u(pk, "esp.sequence", 0), 7);
	pk = run_frame(&r, 1, 2,
		       ETH_BC "0800 4500004e 0001 0000 4011 0000 0a000001 0a000002"
			      "1234 12b5 003a 0000 08000000 00045700" ETH_BC "0806"
			      "0001 0800 0604 0001 001122334455 0a000003 000000000000 0a000001");
	CHECK_EQ_U64(u(pk, "vxlan.vni", 0), 1111);
	CHECK_STR(pk->col_proto, "ARP");
	run_free(&r);
}
