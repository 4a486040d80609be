/*
** test_ip.c -- IPv4/IPv6 dissection and defragmentation through dissect_packet().
**
** Frames are built here byte for byte.  Expected values come from tshark
** 4.0.17 on a pcap holding the same bytes (LINKTYPE_ETHERNET, one frame per
** record), read in a single pass:
**   tshark -r ip.pcap -n -o ip.check_checksum:FALSE -T fields -e <field> ...
** The command for each group is in the comment above it.
*/
#include <stdlib.h>
#include <string.h>

#include "analysis/ip_defrag.h"
#include "core/arena.h"
#include "core/fieldset.h"
#include "dissect/dissect.h"
#include "output/format.h"
#include "test.h"

struct tctx {
	struct fieldset fs;
	struct arena arena;
	struct packet *pk;
};

static void tctx_init(struct tctx *t)
{
	fs_init(&t->fs);
	t->fs.want_all = 1;
	arena_init(&t->arena);
	t->pk = calloc(1, sizeof *t->pk);
	t->pk->fs = &t->fs;
	t->pk->arena = &t->arena;
	t->pk->ctx = dissect_ctx_new();
	t->pk->want_cols = 1;
}

static void tctx_free(struct tctx *t)
{
	dissect_ctx_free(t->pk->ctx);
	free(t->pk);
	fs_free(&t->fs);
	arena_free(&t->arena);
}

static void run(struct tctx *t, const uint8_t *frame, uint32_t len, uint32_t num)
{
	fs_reset(&t->fs);
	arena_reset(&t->arena);
	t->pk->num = num;
	t->pk->caplen = t->pk->len = len;
	t->pk->linktype = 1;
	t->pk->data = frame;
	dissect_packet(t->pk);
}

/* The n-th occurrence of a field, formatted as -T fields would ("" when absent). */
static const char *val(struct tctx *t, const char *abbrev, int n)
{
	static char buf[512];
	buf[0] = 0;
	int id = field_lookup(abbrev);
	if (id < 0)
		return "<unknown field>";
	int i = fs_first(&t->fs, id);
	while (i >= 0 && n-- > 0)
		i = t->fs.items[i].next_same;
	if (i >= 0)
		fv_to_str(&t->fs.items[i], buf, sizeof buf);
	return buf;
}

/* All occurrences joined with ',' as -T fields -E occurrence=a prints them. */
static const char *all(struct tctx *t, const char *abbrev)
{
	static char out[1024];
	char one[256];
	size_t n = 0;
	out[0] = 0;
	int id = field_lookup(abbrev);
	for (int i = fs_first(&t->fs, id); i >= 0 && n < sizeof out - 300;
	     i = t->fs.items[i].next_same) {
		fv_to_str(&t->fs.items[i], one, sizeof one);
		size_t k = strlen(one);
		if (n)
			out[n++] = ',';
		memcpy(out + n, one, k + 1);
		n += k;
	}
	return out;
}

static const char *info(struct tctx *t)
{
	return t->pk->info;
}

/* --- frame builders ------------------------------------------------------ */

static uint32_t eth(uint8_t *f, uint16_t type)
{
	static const uint8_t macs[12] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55,
					 0x00, 0x66, 0x77, 0x88, 0x99, 0xaa};
	memcpy(f, macs, 12);
	f[12] = (uint8_t)(type >> 8);
	f[13] = (uint8_t)type;
	return 14;
}

static uint16_t csum(const uint8_t *p, uint32_t n)
{
	uint32_t s = 0;
	for (uint32_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

struct v4 {
	uint8_t proto, ttl, tos, ihl;
	uint16_t id, tot; /* tot 0xffff: computed */
	int mf, df;
	uint32_t off;
	const uint8_t *opts;
	uint32_t optlen;
	uint8_t src[4], dst[4];
};

static const struct v4 V4 = {17, 64, 0,    5, 0x1234,        0xffff,       0,
			     0,  0,  NULL, 0, {10, 0, 0, 1}, {10, 0, 0, 2}};

static uint32_t ip4(uint8_t *p, const struct v4 *v, const uint8_t *pl, uint32_t n)
{
	uint32_t ihl = v->optlen ? 5 + (v->optlen + 3) / 4 : v->ihl;
	uint32_t hl = ihl * 4 >= 20 ? ihl * 4 : 20;
	uint32_t tot = v->tot == 0xffff ? hl + n : v->tot;
	memset(p, 0, hl);
	p[0] = (uint8_t)(0x40 | ihl);
	p[1] = v->tos;
	p[2] = (uint8_t)(tot >> 8);
	p[3] = (uint8_t)tot;
	p[4] = (uint8_t)(v->id >> 8);
	p[5] = (uint8_t)v->id;
	uint16_t fl = (uint16_t)((v->df ? 0x4000 : 0) | (v->mf ? 0x2000 : 0) | (v->off / 8));
	p[6] = (uint8_t)(fl >> 8);
	p[7] = (uint8_t)fl;
	p[8] = v->ttl;
	p[9] = v->proto;
	memcpy(p + 12, v->src, 4);
	memcpy(p + 16, v->dst, 4);
	if (v->optlen)
		memcpy(p + 20, v->opts, v->optlen);
	uint16_t c = csum(p, hl);
	p[10] = (uint8_t)(c >> 8);
	p[11] = (uint8_t)c;
	memcpy(p + hl, pl, n);
	return hl + n;
}

static uint32_t udp(uint8_t *p, uint16_t sp, uint16_t dp, const uint8_t *d, uint32_t n)
{
	uint32_t len = 8 + n;
	p[0] = (uint8_t)(sp >> 8);
	p[1] = (uint8_t)sp;
	p[2] = (uint8_t)(dp >> 8);
	p[3] = (uint8_t)dp;
	p[4] = (uint8_t)(len >> 8);
	p[5] = (uint8_t)len;
	p[6] = p[7] = 0;
	memcpy(p + 8, d, n);
	return len;
}

static uint32_t frame4(uint8_t *f, const struct v4 *v, const uint8_t *pl, uint32_t n)
{
	uint32_t k = eth(f, 0x0800);
	return k + ip4(f + k, v, pl, n);
}

static const uint8_t A6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
static const uint8_t B6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};

static uint32_t ip6(uint8_t *p, uint8_t nxt, uint32_t tc, uint32_t flow, const uint8_t *pl,
		    uint32_t n, int plen)
{
	uint32_t w = 6u << 28 | tc << 20 | flow;
	uint32_t pll = plen >= 0 ? (uint32_t)plen : n;
	p[0] = (uint8_t)(w >> 24);
	p[1] = (uint8_t)(w >> 16);
	p[2] = (uint8_t)(w >> 8);
	p[3] = (uint8_t)w;
	p[4] = (uint8_t)(pll >> 8);
	p[5] = (uint8_t)pll;
	p[6] = nxt;
	p[7] = 64;
	memcpy(p + 8, A6, 16);
	memcpy(p + 24, B6, 16);
	memcpy(p + 40, pl, n);
	return 40 + n;
}

static uint32_t frag6(uint8_t *p, uint8_t nxt, uint32_t off, int more, uint32_t ident,
		      const uint8_t *d, uint32_t n)
{
	uint16_t w = (uint16_t)((off / 8) << 3 | (more ? 1 : 0));
	p[0] = nxt;
	p[1] = 0;
	p[2] = (uint8_t)(w >> 8);
	p[3] = (uint8_t)w;
	p[4] = (uint8_t)(ident >> 24);
	p[5] = (uint8_t)(ident >> 16);
	p[6] = (uint8_t)(ident >> 8);
	p[7] = (uint8_t)ident;
	memcpy(p + 8, d, n);
	return 8 + n;
}

/* A 20-byte DNS query for foo.com, as UDP payload (port 53 is not dissected here). */
static const uint8_t DNSQ[] = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
			       0x00, 0x00, 0x00, 3,    'f',  'o',  'o',  3,    'c',
			       'o',  'm',  0,    0x00, 0x01, 0x00, 0x01};

/* --- IPv4 header --------------------------------------------------------- */

/*
** tshark -r ip.pcap -n -T fields -e ip.version -e ip.hdr_len -e ip.dsfield -e
** ip.dsfield.dscp -e ip.dsfield.ecn -e ip.len -e ip.id -e ip.flags -e ip.flags.df
** -e ip.frag_offset -e ip.ttl -e ip.proto -e ip.checksum.status -e ip.src -e ip.dst
** -e ip.addr -e ip.host   (frame: UDP 1111->53 DNS query, DF, ToS 0xb9, 10 bytes of
** Ethernet padding after the datagram)
** -> 4 20 0xb9 46 1 53 0x1234 0x02 1 0 64 17 2 10.0.0.1 10.0.0.2
**    10.0.0.1,10.0.0.2 10.0.0.1,10.0.0.2
*/
TEST(ipv4_header_fields)
{
	struct tctx t;
	tctx_init(&t);
	uint8_t u[64], f[128];
	uint32_t un = udp(u, 1111, 53, DNSQ, sizeof DNSQ);
	struct v4 v = V4;
	v.df = 1;
	v.tos = 0xb9;
	uint32_t n = frame4(f, &v, u, un);
	memset(f + n, 0, 10);
	run(&t, f, n + 10, 1);
	CHECK_STR(val(&t, "ip.version", 0), "4");
	CHECK_STR(val(&t, "ip.hdr_len", 0), "20");
	CHECK_STR(val(&t, "ip.dsfield", 0), "0xb9");
	CHECK_STR(val(&t, "ip.dsfield.dscp", 0), "46");
	CHECK_STR(val(&t, "ip.dsfield.ecn", 0), "1");
	CHECK_STR(val(&t, "ip.len", 0), "53");
	CHECK_STR(val(&t, "ip.id", 0), "0x1234");
	CHECK_STR(val(&t, "ip.flags", 0), "0x02");
	CHECK_STR(val(&t, "ip.flags.df", 0), "1");
	CHECK_STR(val(&t, "ip.frag_offset", 0), "0");
	CHECK_STR(val(&t, "ip.ttl", 0), "64");
	CHECK_STR(val(&t, "ip.proto", 0), "17");
	CHECK_STR(val(&t, "ip.checksum.status", 0), "2");
	CHECK_STR(val(&t, "ip.src", 0), "10.0.0.1");
	CHECK_STR(val(&t, "ip.dst", 0), "10.0.0.2");
	CHECK_STR(all(&t, "ip.addr"), "10.0.0.1,10.0.0.2");
	CHECK_STR(all(&t, "ip.host"), "10.0.0.1,10.0.0.2");
	CHECK_STR(val(&t, "udp.srcport", 0), "1111");
	/* the padding is not IP's: UDP got exactly ip.len - 20 bytes */
	CHECK_STR(val(&t, "udp.length", 0), "33");
	CHECK_EQ_U64(t.pk->ip_depth, 1);
	CHECK_EQ_U64(t.pk->ip_ttl, 64);
	CHECK_EQ_U64(t.pk->ip_proto, 17);
	CHECK_EQ_U64(t.pk->ip_len, 53);
	CHECK_EQ_U64(t.pk->ip_fragment, 0);
	CHECK_EQ_U64(t.pk->net_src.type, AT_IPv4);
	CHECK_EQ_U64(t.pk->net_dst.a[3], 2);
	tctx_free(&t);
}

/*
** Malformed headers, tshark's Info (summary line):
**   ip.len 10              -> "Bogus IP length (10, less than header length 20)"
**   ihl 4                  -> "Bogus IP header length (16, must be at least 20)"
**   version 5              -> "Bogus IPv4 version (5, must be 4)"
**   ip.len 0 (TSO)         -> ip.len shows the buffer length (53), payload dissected
**   ip.len 200 > frame     -> ip.len 200, payload dissected (udp.srcport 1111)
*/
TEST(ipv4_malformed_headers)
{
	struct tctx t;
	tctx_init(&t);
	uint8_t u[64], f[128];
	uint32_t un = udp(u, 1111, 53, DNSQ, sizeof DNSQ);
	struct v4 v = V4;

	v.tot = 10;
	uint32_t n = frame4(f, &v, u, un);
	run(&t, f, n, 1);
	CHECK_STR(info(&t), "Bogus IP length (10, less than header length 20)");
	CHECK_STR(val(&t, "ip.len", 0), "10");
	CHECK_STR(val(&t, "ip.src", 0), "");
	CHECK_STR(t.pk->col_proto, "IPv4");
	CHECK_EQ_U64(t.pk->net_src.type, AT_NONE);

	v = V4;
	v.ihl = 4;
	n = frame4(f, &v, u, un);
	run(&t, f, n, 2);
	CHECK_STR(info(&t), "Bogus IP header length (16, must be at least 20)");
	CHECK_STR(val(&t, "ip.hdr_len", 0), "16");

	v = V4;
	n = frame4(f, &v, u, un);
	f[14] = 0x55;
	run(&t, f, n, 3);
	CHECK_STR(info(&t), "Bogus IPv4 version (5, must be 4)");
	CHECK_STR(val(&t, "ip.version", 0), "5");

	v = V4;
	v.tot = 0;
	n = frame4(f, &v, u, un);
	run(&t, f, n, 4);
	CHECK_STR(val(&t, "ip.len", 0), "53");
	CHECK_STR(val(&t, "udp.srcport", 0), "1111");

	v = V4;
	v.tot = 200;
	n = frame4(f, &v, u, un);
	run(&t, f, n, 5);
	CHECK_STR(val(&t, "ip.len", 0), "200");
	CHECK_STR(val(&t, "udp.srcport", 0), "1111");

	/* cut inside the header: nothing read past the capture, no crash */
	for (uint32_t cut = 14; cut < 14 + 20; cut++) {
		v = V4;
		n = frame4(f, &v, u, un);
		t.pk->len = n;
		run(&t, f, cut, 6);
		CHECK(t.pk->ip_depth == 0);
	}
	tctx_free(&t);
}

/*
** Options.  tshark -T fields -e ip.opt.type -e ip.opt.len -e ip.opt.ra -e
** ip.rec_rt -e ip.empty_rt -e ip.opt.ptr -e ip.cur_rt -e ip.dst -e
** ip.opt.time_stamp -e ip.nop:
**   RA+NOP+EOL           -> 148,1,0  4  0
**   RR ptr 8 (3 slots)   -> rec_rt 1.1.1.1, empty_rt 2.2.2.2,3.3.3.3, ptr 8
**   LSRR ptr 8           -> ip.dst 3.3.3.3 (final hop), ip.cur_rt 10.0.0.2,
**                           summary Destination 3.3.3.3
**   TS flag 0            -> ip.opt.time_stamp 1,2
**   4 NOPs               -> ip.nop present
**   RR with length 2     -> "[Malformed Packet]", no UDP
*/
TEST(ipv4_options)
{
	struct tctx t;
	tctx_init(&t);
	uint8_t u[64], f[160];
	uint32_t un = udp(u, 1111, 53, DNSQ, sizeof DNSQ);
	struct v4 v = V4;

	static const uint8_t ra[] = {0x94, 0x04, 0x00, 0x00, 0x01, 0x00};
	v.opts = ra;
	v.optlen = sizeof ra;
	run(&t, f, frame4(f, &v, u, un), 1);
	CHECK_STR(all(&t, "ip.opt.type"), "148,1,0");
	CHECK_STR(all(&t, "ip.opt.len"), "4");
	CHECK_STR(val(&t, "ip.opt.ra", 0), "0");
	CHECK_STR(val(&t, "ip.hdr_len", 0), "28");
	CHECK_STR(val(&t, "udp.srcport", 0), "1111");

	static const uint8_t rr[] = {0x07, 0x0f, 0x08, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3};
	v.opts = rr;
	v.optlen = sizeof rr;
	run(&t, f, frame4(f, &v, u, un), 2);
	CHECK_STR(all(&t, "ip.rec_rt"), "1.1.1.1");
	CHECK_STR(all(&t, "ip.empty_rt"), "2.2.2.2,3.3.3.3");
	CHECK_STR(val(&t, "ip.opt.ptr", 0), "8");
	CHECK_STR(val(&t, "ip.dst", 0), "10.0.0.2");

	static const uint8_t lsrr[] = {0x83, 0x0f, 0x08, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3};
	v.opts = lsrr;
	v.optlen = sizeof lsrr;
	run(&t, f, frame4(f, &v, u, un), 3);
	CHECK_STR(val(&t, "ip.dst", 0), "3.3.3.3");
	CHECK_STR(val(&t, "ip.cur_rt", 0), "10.0.0.2");
	CHECK_STR(all(&t, "ip.rec_rt"), "1.1.1.1");
	CHECK_STR(all(&t, "ip.src_rt"), "2.2.2.2");
	CHECK_EQ_U64(t.pk->net_dst.a[0], 3);

	static const uint8_t ts[] = {0x44, 0x0c, 0x05, 0x00, 0, 0, 0, 1, 0, 0, 0, 2};
	v.opts = ts;
	v.optlen = sizeof ts;
	run(&t, f, frame4(f, &v, u, un), 4);
	CHECK_STR(all(&t, "ip.opt.time_stamp"), "1,2");

	static const uint8_t nops[] = {1, 1, 1, 1, 0};
	v.opts = nops;
	v.optlen = sizeof nops;
	run(&t, f, frame4(f, &v, u, un), 5);
	CHECK_EQ_U64(fs_count(&t.fs, field_lookup("ip.nop")), 1);

	static const uint8_t bad[] = {0x07, 0x02};
	v.opts = bad;
	v.optlen = sizeof bad;
	run(&t, f, frame4(f, &v, u, un), 6);
	CHECK(t.pk->malformed);
	CHECK_STR(val(&t, "udp.srcport", 0), "");
	tctx_free(&t);
}

/* --- IPv4 defragmentation ------------------------------------------------ */

/* One fragment of protocol 253 (no dissector: the payload is data). */
static uint32_t frag4(uint8_t *f, uint8_t proto, uint16_t id, uint32_t off, int mf, uint8_t fill,
		      uint32_t n)
{
	uint8_t d[256];
	memset(d, fill, n);
	struct v4 v = V4;
	v.proto = proto;
	v.id = id;
	v.off = off;
	v.mf = mf;
	return frame4(f, &v, d, n);
}

/*
** In order and out of order (tshark -T fields -e ip.fragment -e ip.fragment.count
** -e ip.reassembled.length -e data.len -e _ws.col.Info):
**   #1 a*16 off 0 MF, #2 b*16 off 16 MF, #3 c*8 off 32
**     -> #1 "Fragmented IP protocol (proto=Unknown 253, off=0, ID=0001)"
**        #3 1,2,3  3  40  40  "Unknown (253)"
**   #4 c*8 off 32, #5 a*16 off 0 MF, #6 b*16 off 16 MF
**     -> #6 5,6,4  3  40
*/
TEST(ipv4_defrag_in_and_out_of_order)
{
	struct tctx t;
	tctx_init(&t);
	uint8_t f[256];
	run(&t, f, frag4(f, 253, 1, 0, 1, 'a', 16), 1);
	CHECK_STR(info(&t), "Fragmented IP protocol (proto=Unknown 253, off=0, ID=0001)");
	CHECK_STR(t.pk->col_proto, "IPv4");
	CHECK_STR(val(&t, "data.len", 0), "16");
	CHECK_EQ_U64(t.pk->ip_fragment, 1);
	CHECK_EQ_U64(t.pk->ip_more_frags, 1);
	run(&t, f, frag4(f, 253, 1, 16, 1, 'b', 16), 2);
	CHECK_STR(info(&t), "Fragmented IP protocol (proto=Unknown 253, off=16, ID=0001)");
	run(&t, f, frag4(f, 253, 1, 32, 0, 'c', 8), 3);
	CHECK_STR(all(&t, "ip.fragment"), "1,2,3");
	CHECK_STR(val(&t, "ip.fragment.count", 0), "3");
	CHECK_STR(val(&t, "ip.reassembled.length", 0), "40");
	CHECK_STR(val(&t, "data.len", 0), "40");
	CHECK_STR(info(&t), "Unknown (253)");
	CHECK_EQ_U64(t.pk->ip_reassembled, 1);

	run(&t, f, frag4(f, 253, 2, 32, 0, 'c', 8), 4);
	CHECK_STR(val(&t, "ip.fragment.count", 0), "");
	run(&t, f, frag4(f, 253, 2, 0, 1, 'a', 16), 5);
	run(&t, f, frag4(f, 253, 2, 16, 1, 'b', 16), 6);
	CHECK_STR(all(&t, "ip.fragment"), "5,6,4");
	CHECK_STR(val(&t, "ip.reassembled.length", 0), "40");
	CHECK_STR(
	    val(&t, "ip.reassembled.data", 0),
	    "61616161616161616161616161616161626262626262626262626262626262626363636363636363");
	CHECK_EQ_U64(
	    defrag_pending(dissect_state(t.pk, field_lookup("ip"), defrag_make, defrag_destroy)),
	    0);
	tctx_free(&t);
}

/*
** Overlaps and duplicates (same tshark command plus -e ip.fragment.overlap -e
** ip.fragment.overlap.conflict -e ip.fragment.error -e ip.fragment.multipletails
** -e ip.fragment.toolongfragment):
**   #1 A*24 off 0 MF, #2 B*24 off 16        -> #2 fragment 1, overlap 1, conflict 1,
**      error 2, count 2, data A*24 B*16, Info "[Illegal IPv4 fragments]"
**   #3 C*16 off 0 MF, #4 D*16 off 0 MF, #5 E*8 off 16 -> fragment 3,5, error 4,
**      count 3, data C*16 E*8
**   #6 x*8 off 0 MF, #7 y*8 off 8, #8 y*8 off 8 -> #7 complete (6,7); #8 starts anew:
**      "Fragmented IP protocol (proto=Unknown 253, off=8, ID=0006)"
**   #9 q*8 off 8, #10 r*8 off 16, #11 p*8 off 0 MF -> fragment 11,9, error 10,
**      multipletails 1, toolongfragment 1, length 16
*/
TEST(ipv4_defrag_overlaps_and_duplicates)
{
	struct tctx t;
	tctx_init(&t);
	uint8_t f[256];
	run(&t, f, frag4(f, 253, 3, 0, 1, 'A', 24), 1);
	run(&t, f, frag4(f, 253, 3, 16, 0, 'B', 24), 2);
	CHECK_STR(all(&t, "ip.fragment"), "1");
	CHECK_STR(val(&t, "ip.fragment.overlap", 0), "1");
	CHECK_STR(val(&t, "ip.fragment.overlap.conflict", 0), "1");
	CHECK_STR(all(&t, "ip.fragment.error"), "2");
	CHECK_STR(val(&t, "ip.fragment.count", 0), "2");
	CHECK_STR(
	    val(&t, "ip.reassembled.data", 0),
	    "41414141414141414141414141414141414141414141414142424242424242424242424242424242");
	CHECK_STR(info(&t), "[Illegal IPv4 fragments]");

	run(&t, f, frag4(f, 253, 4, 0, 1, 'C', 16), 3);
	run(&t, f, frag4(f, 253, 4, 0, 1, 'D', 16), 4);
	run(&t, f, frag4(f, 253, 4, 16, 0, 'E', 8), 5);
	CHECK_STR(all(&t, "ip.fragment"), "3,5");
	CHECK_STR(all(&t, "ip.fragment.error"), "4");
	CHECK_STR(val(&t, "ip.fragment.count", 0), "3");
	CHECK_STR(val(&t, "ip.reassembled.data", 0),
		  "434343434343434343434343434343434545454545454545");

	run(&t, f, frag4(f, 253, 6, 0, 1, 'x', 8), 6);
	run(&t, f, frag4(f, 253, 6, 8, 0, 'y', 8), 7);
	CHECK_STR(all(&t, "ip.fragment"), "6,7");
	CHECK_STR(val(&t, "ip.fragment.overlap", 0), "");
	run(&t, f, frag4(f, 253, 6, 8, 0, 'y', 8), 8);
	CHECK_STR(info(&t), "Fragmented IP protocol (proto=Unknown 253, off=8, ID=0006)");

	run(&t, f, frag4(f, 253, 7, 8, 0, 'q', 8), 9);
	run(&t, f, frag4(f, 253, 7, 16, 0, 'r', 8), 10);
	run(&t, f, frag4(f, 253, 7, 0, 1, 'p', 8), 11);
	CHECK_STR(all(&t, "ip.fragment"), "11,9");
	CHECK_STR(all(&t, "ip.fragment.error"), "10");
	CHECK_STR(val(&t, "ip.fragment.multipletails", 0), "1");
	CHECK_STR(val(&t, "ip.fragment.toolongfragment", 0), "1");
	CHECK_STR(val(&t, "ip.reassembled.length", 0), "16");
	tctx_free(&t);
}

/*
** A UDP datagram in two fragments: the first fragment has no UDP fields (tshark:
** udp.srcport empty, frame.protocols eth:ethertype:ip:data), the reassembled one
** is handed to UDP (udp.srcport 1111, udp.length 40).
*/
TEST(ipv4_defrag_hands_reassembled_datagram_to_udp)
{
	struct tctx t;
	tctx_init(&t);
	uint8_t u[64], f[128], z[32];
	memset(z, 'z', sizeof z);
	uint32_t un = udp(u, 1111, 2222, z, 32);
	struct v4 v = V4;
	v.id = 5;
	v.mf = 1;
	run(&t, f, frame4(f, &v, u, 16), 1);
	CHECK_STR(val(&t, "udp.srcport", 0), "");
	CHECK_STR(info(&t), "Fragmented IP protocol (proto=UDP 17, off=0, ID=0005)");
	v.mf = 0;
	v.off = 16;
	run(&t, f, frame4(f, &v, u + 16, un - 16), 2);
	CHECK_STR(val(&t, "udp.srcport", 0), "1111");
	CHECK_STR(val(&t, "udp.length", 0), "40");
	CHECK_STR(all(&t, "ip.fragment"), "1,2");
	tctx_free(&t);
}

/* Fragment trains that never complete: memory stays bounded. */
TEST(ipv4_defrag_bounded)
{
	struct defrag_table *dt = defrag_new();
	struct arena a;
	arena_init(&a);
	uint8_t d[1480];
	memset(d, 7, sizeof d);
	struct defrag_result r;
	struct defrag_key k;
	memset(&k, 0, sizeof k);
	k.af = 4;
	k.proto = 17;
	for (uint32_t i = 0; i < 3 * DEFRAG_MAX_PENDING; i++) {
		k.id = i;
		CHECK(defrag_add(dt, &k, 0, 1, d, sizeof d, i + 1, &a, &r) != DEFRAG_DONE);
	}
	CHECK(defrag_pending(dt) <= DEFRAG_MAX_PENDING);
	CHECK(defrag_held_bytes(dt) <= DEFRAG_MAX_BYTES);
	/* one datagram fed more fragments than allowed is given up */
	k.id = 0xfffffff;
	int dropped = 0;
	for (uint32_t i = 0; i < DEFRAG_MAX_FRAGS + 10; i++)
		dropped |= defrag_add(dt, &k, 8, 1, d, 8, i, &a, &r) == DEFRAG_DROPPED;
	CHECK(dropped);
	/* offsets past 64 KiB are refused */
	CHECK(defrag_add(dt, &k, 65528, 0, d, 100, 1, &a, &r) == DEFRAG_DROPPED);
	defrag_free(dt);
	arena_free(&a);
	/*
	** through the dissector: 20000 first fragments with distinct ids
	** (the warning about dropped datagrams goes to stderr once)
	*/
	struct tctx t;
	tctx_init(&t);
	uint8_t f[256];
	for (uint32_t i = 0; i < 20000; i++)
		run(&t, f, frag4(f, 253, (uint16_t)i, 0, 1, 'a', 64), i + 1);
	struct defrag_table *st =
	    dissect_state(t.pk, field_lookup("ip"), defrag_make, defrag_destroy);
	CHECK(defrag_pending(st) <= DEFRAG_MAX_PENDING);
	tctx_free(&t);
}

/* --- IPv6 ---------------------------------------------------------------- */

/*
** tshark -T fields -e ipv6.version -e ip.version -e ipv6.tclass -e ipv6.tclass.dscp
** -e ipv6.flow -e ipv6.plen -e ipv6.nxt -e ipv6.hlim -e ipv6.src -e ipv6.dst -e
** ipv6.host (tc 0xb9, flow 0x12345, UDP)
** -> 6 6 0x000000b9 46 0x012345 20 17 64 2001:db8::1 2001:db8::2 2001:db8::1,2001:db8::2
*/
TEST(ipv6_header_fields)
{
	struct tctx t;
	tctx_init(&t);
	uint8_t u[64], f[160];
	uint32_t un = udp(u, 1111, 2222, (const uint8_t *)"hello world!", 12);
	uint32_t k = eth(f, 0x86dd);
	uint32_t n = k + ip6(f + k, 17, 0xb9, 0x12345, u, un, -1);
	run(&t, f, n, 1);
	CHECK_STR(val(&t, "ipv6.version", 0), "6");
	CHECK_STR(val(&t, "ip.version", 0), "6");
	CHECK_STR(val(&t, "ipv6.tclass", 0), "0x000000b9");
	CHECK_STR(val(&t, "ipv6.tclass.dscp", 0), "46");
	CHECK_STR(val(&t, "ipv6.flow", 0), "0x012345");
	CHECK_STR(val(&t, "ipv6.plen", 0), "20");
	CHECK_STR(val(&t, "ipv6.nxt", 0), "17");
	CHECK_STR(val(&t, "ipv6.hlim", 0), "64");
	CHECK_STR(val(&t, "ipv6.src", 0), "2001:db8::1");
	CHECK_STR(all(&t, "ipv6.host"), "2001:db8::1,2001:db8::2");
	CHECK_STR(val(&t, "udp.srcport", 0), "1111");
	CHECK_EQ_U64(t.pk->ip_version, 6);
	CHECK_EQ_U64(t.pk->net_dst.type, AT_IPv6);
	tctx_free(&t);
}

/*
** Extension headers (tshark -T fields -e frame.protocols -e ipv6.hopopts.nxt -e
** ipv6.hopopts.len_oct -e ipv6.opt.type -e ipv6.opt.router_alert -e
** ipv6.routing.type -e ipv6.routing.segleft -e ipv6.routing.src.addr, and the
** summary line):
**   hop-by-hop [RA 0, PadN 0] + UDP -> ...:ipv6.hopopts:udp  17 8 0x05,0x01 0
**   routing type 0, 1 address, segleft 1 -> Destination column 2001:db8::9
**   next header 59 -> Info "IPv6 no next header"
**   unknown 253 -> Info "Unknown IP Protocol: Unknown (253)"
*/
TEST(ipv6_extension_headers)
{
	struct tctx t;
	tctx_init(&t);
	uint8_t u[64], pl[128], f[256];
	uint32_t un = udp(u, 1111, 2222, (const uint8_t *)"hello world!", 12);
	uint32_t k = eth(f, 0x86dd);

	static const uint8_t hbh[8] = {17, 0, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00};
	memcpy(pl, hbh, 8);
	memcpy(pl + 8, u, un);
	run(&t, f, k + ip6(f + k, 0, 0, 0, pl, 8 + un, -1), 1);
	CHECK_STR(val(&t, "ipv6.hopopts.nxt", 0), "17");
	CHECK_STR(val(&t, "ipv6.hopopts.len_oct", 0), "8");
	CHECK_STR(all(&t, "ipv6.opt.type"), "0x05,0x01");
	CHECK_STR(val(&t, "ipv6.opt.router_alert", 0), "0");
	CHECK_STR(val(&t, "udp.srcport", 0), "1111");
	CHECK_EQ_U64(t.pk->ip_proto, 17);

	uint8_t rt[24] = {17, 2, 0, 1};
	memcpy(rt + 8, A6, 16);
	rt[23] = 9;
	memcpy(pl, rt, 24);
	memcpy(pl + 24, u, un);
	run(&t, f, k + ip6(f + k, 43, 0, 0, pl, 24 + un, -1), 2);
	CHECK_STR(val(&t, "ipv6.routing.type", 0), "0");
	CHECK_STR(val(&t, "ipv6.routing.segleft", 0), "1");
	CHECK_STR(val(&t, "ipv6.routing.src.addr", 0), "2001:db8::9");
	CHECK_STR(val(&t, "ipv6.dst", 0), "2001:db8::2");
	CHECK_EQ_U64(t.pk->net_dst.a[15], 9);
	CHECK_STR(val(&t, "udp.srcport", 0), "1111");

	run(&t, f, k + ip6(f + k, 59, 0, 0, pl, 0, -1), 3);
	CHECK_STR(info(&t), "IPv6 no next header");

	run(&t, f, k + ip6(f + k, 253, 0, 0, u, un, -1), 4);
	CHECK_STR(info(&t), "Unknown IP Protocol: Unknown (253)");

	/* a chain of 200 destination-options headers stops at the cap, no deep recursion */
	uint8_t big[8 * 200 + 64];
	for (int i = 0; i < 200; i++) {
		memset(big + 8 * i, 0, 8);
		big[8 * i] = i == 199 ? 17 : 60;
		big[8 * i + 2] = 0x01;
		big[8 * i + 3] = 4;
	}
	memcpy(big + 1600, u, un);
	static uint8_t fb[2000];
	memcpy(fb, f, k);
	run(&t, fb, k + ip6(fb + k, 60, 0, 0, big, 1600 + un, -1), 5);
	CHECK(fs_count(&t.fs, field_lookup("ipv6.dstopts.nxt")) <= 64);
	tctx_free(&t);
}

/*
** IPv6 fragments out of order, with and without a hop-by-hop header before the
** fragment header (tshark -T fields -e frame.protocols -e ipv6.fraghdr.offset -e
** ipv6.fraghdr.more -e ipv6.fraghdr.ident -e ipv6.fragment -e ipv6.fragment.count
** -e ipv6.reassembled.length -e udp.srcport -e _ws.col.Info):
**   #1 off 16 M=0 -> 2 0 0x00000007, Info "IPv6 fragment (off=16 more=n
**      ident=0x00000007 nxt=17)"
**   #2 off 0 M=1  -> 0 1 0x00000007 2,1 2 40 1111
**   atomic fragment (off 0, M=0) -> not reassembled, udp.srcport 1111
*/
TEST(ipv6_fragments)
{
	struct tctx t;
	tctx_init(&t);
	uint8_t u[64], z[32], pl[128], f[256];
	memset(z, 'Q', sizeof z);
	uint32_t un = udp(u, 1111, 2222, z, 32);
	uint32_t k = eth(f, 0x86dd);
	uint32_t n = frag6(pl, 17, 16, 0, 7, u + 16, un - 16);
	run(&t, f, k + ip6(f + k, 44, 0, 0, pl, n, -1), 1);
	CHECK_STR(val(&t, "ipv6.fraghdr.offset", 0), "2");
	CHECK_STR(val(&t, "ipv6.fraghdr.more", 0), "0");
	CHECK_STR(val(&t, "ipv6.fraghdr.ident", 0), "0x00000007");
	CHECK_STR(info(&t), "IPv6 fragment (off=16 more=n ident=0x00000007 nxt=17)");
	CHECK_STR(t.pk->col_proto, "IPv6");
	n = frag6(pl, 17, 0, 1, 7, u, 16);
	run(&t, f, k + ip6(f + k, 44, 0, 0, pl, n, -1), 2);
	CHECK_STR(all(&t, "ipv6.fragment"), "2,1");
	CHECK_STR(val(&t, "ipv6.fragment.count", 0), "2");
	CHECK_STR(val(&t, "ipv6.reassembled.length", 0), "40");
	CHECK_STR(val(&t, "udp.srcport", 0), "1111");

	static const uint8_t hbh[8] = {44, 0, 0x01, 0x04, 0, 0, 0, 0};
	memcpy(pl, hbh, 8);
	n = 8 + frag6(pl + 8, 17, 0, 1, 8, u, 16);
	run(&t, f, k + ip6(f + k, 0, 0, 0, pl, n, -1), 3);
	CHECK_STR(info(&t), "IPv6 fragment (off=0 more=y ident=0x00000008 nxt=17)");
	n = 8 + frag6(pl + 8, 17, 16, 0, 8, u + 16, un - 16);
	run(&t, f, k + ip6(f + k, 0, 0, 0, pl, n, -1), 4);
	CHECK_STR(all(&t, "ipv6.fragment"), "3,4");
	CHECK_STR(val(&t, "udp.srcport", 0), "1111");

	n = frag6(pl, 17, 0, 0, 9, u, un);
	run(&t, f, k + ip6(f + k, 44, 0, 0, pl, n, -1), 5);
	CHECK_STR(val(&t, "ipv6.fragment.count", 0), "");
	CHECK_STR(val(&t, "udp.srcport", 0), "1111");
	tctx_free(&t);
}

/*
** Tunnels: IPv6 in IPv4 (ip.proto 41) and IPv4 in IPv4 (4); the columns use the
** inner addresses (tshark summary of ndpi_6in4_tunnel.pcap shows the IPv6 ones),
** and every field occurs once per header:
**   4in4: ip.src 10.0.0.1,10.0.0.1 ip.proto 4,17 ip.version 4,4
**   6in4: ip.version 4,6 ipv6.src 2001:db8::1
*/
TEST(ip_tunnels)
{
	struct tctx t;
	tctx_init(&t);
	uint8_t u[64], in[128], f[256];
	uint32_t un = udp(u, 1111, 2222, (const uint8_t *)"hello world!", 12);
	struct v4 inner = V4;
	inner.src[0] = 192;
	uint32_t in4 = ip4(in, &inner, u, un);
	struct v4 outer = V4;
	outer.proto = 4;
	run(&t, f, frame4(f, &outer, in, in4), 1);
	CHECK_STR(all(&t, "ip.src"), "10.0.0.1,192.0.0.1");
	CHECK_STR(all(&t, "ip.proto"), "4,17");
	CHECK_STR(all(&t, "ip.version"), "4,4");
	CHECK_EQ_U64(t.pk->net_src.a[0], 192);
	CHECK_EQ_U64(t.pk->ip_depth, 2);

	uint32_t in6 = ip6(in, 17, 0, 0, u, un, -1);
	outer.proto = 41;
	run(&t, f, frame4(f, &outer, in, in6), 2);
	CHECK_STR(all(&t, "ip.version"), "4,6");
	CHECK_STR(val(&t, "ipv6.src", 0), "2001:db8::1");
	CHECK_EQ_U64(t.pk->net_src.type, AT_IPv6);
	CHECK_STR(val(&t, "udp.srcport", 0), "1111");

	/* tunnels nested 40 deep stop at IP_MAX_DEPTH */
	static uint8_t deep[40 * 20 + 64], fd[40 * 20 + 128];
	memcpy(deep, u, un);
	uint32_t len = un;
	uint8_t tmp[40 * 20 + 64];
	for (int i = 0; i < 40; i++) {
		struct v4 w = V4;
		w.proto = i == 0 ? 17 : 4;
		uint32_t m = ip4(tmp, &w, deep, len);
		memcpy(deep, tmp, m);
		len = m;
	}
	uint32_t fl = eth(fd, 0x0800);
	memcpy(fd + fl, deep, len);
	run(&t, fd, fl + len, 3);
	CHECK(t.pk->ip_depth <= 17);
	tctx_free(&t);
}

/* --- quirks found by comparing mutated frames with tshark ----------------- */

/*
** Header cut short (values from tshark on the same bytes, found by mutating
** frames at random and comparing; -T fields -e ip.src -e ip.dst -e ip.checksum.status -e
** ipv6.plen -e ipv6.nxt -e ipv6.hlim and the summary line):
**   IPv4, hlen 32, 26 bytes of IP (options cut after a 11-byte option)
**     -> ip.src 10.0.0.1, ip.dst empty, status 2, Destination column the MAC
**   IPv4, hlen 24, 22 bytes, first option claims 216 bytes -> ip.dst 10.0.0.2
**   IPv6, 7 bytes -> plen 87, nxt 60, no hlim;
**     Info "Invalid IPv6 header (7 bytes, need exactly 40)"
*/
TEST(ip_header_cut_short)
{
	struct tctx t;
	tctx_init(&t);
	uint8_t f[128];
	static const uint8_t a[] = {0x48, 0x00, 0x00, 0x41, 0x12, 0x34, 0x00, 0x00, 0x40,
				    0x1b, 0xcf, 0x6a, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00,
				    0x00, 0x02, 0x82, 0x0b, 0x00, 0xea, 0x00, 0x00};
	uint32_t k = eth(f, 0x0800);
	memcpy(f + k, a, sizeof a);
	run(&t, f, k + (uint32_t)sizeof a, 1);
	CHECK_STR(val(&t, "ip.src", 0), "10.0.0.1");
	CHECK_STR(val(&t, "ip.dst", 0), "");
	CHECK_STR(val(&t, "ip.checksum.status", 0), "2");
	CHECK_EQ_U64(t.pk->net_src.type, AT_IPv4);
	CHECK_EQ_U64(t.pk->net_dst.type, AT_NONE);
	CHECK(t.pk->malformed);

	static const uint8_t b[] = {0x46, 0x00, 0x00, 0x39, 0x12, 0x34, 0x00, 0x00,
				    0x32, 0x11, 0x4c, 0x7c, 0x0a, 0x00, 0x00, 0x01,
				    0x0a, 0x00, 0xa3, 0x02, 0x07, 0xd8};
	memcpy(f + k, b, sizeof b);
	run(&t, f, k + (uint32_t)sizeof b, 2);
	CHECK_STR(val(&t, "ip.dst", 0), "10.0.163.2");
	CHECK_EQ_U64(t.pk->net_dst.type, AT_IPv4);

	static const uint8_t c6[] = {0x60, 0xd9, 0x00, 0x00, 0x00, 0x57, 0x3c};
	k = eth(f, 0x86dd);
	memcpy(f + k, c6, sizeof c6);
	run(&t, f, k + (uint32_t)sizeof c6, 3);
	CHECK_STR(val(&t, "ipv6.plen", 0), "87");
	CHECK_STR(val(&t, "ipv6.nxt", 0), "60");
	CHECK_STR(val(&t, "ipv6.hlim", 0), "");
	CHECK(strncmp(info(&t), "Invalid IPv6 header (7 bytes, need exactly 40)", 46) == 0);
	CHECK_STR(t.pk->col_proto, "IPv6");
	tctx_free(&t);
}

/*
** tshark keys IPv4 fragments by the addresses and protocol ^ id: fragments of
** protocol 253 id 0x00a4 and protocol 90 id 0x0003 (253 ^ 0xa4 == 90 ^ 3)
** make one datagram (tshark: ip.fragment "1,2", ip.reassembled.length 40).
** Per-fragment notes: a duplicate first fragment with other data gives
** ip.fragment.overlap and .conflict once each; a disagreeing tail gives
** ip.fragment.multipletails under that fragment.
*/
TEST(ipv4_defrag_key_and_notes)
{
	struct tctx t;
	tctx_init(&t);
	uint8_t f[256];
	run(&t, f, frag4(f, 253, 0x00a4, 0, 1, 'a', 16), 1);
	run(&t, f, frag4(f, 90, 0x0003, 16, 0, 'b', 24), 2);
	CHECK_STR(all(&t, "ip.fragment"), "1,2");
	CHECK_STR(val(&t, "ip.reassembled.length", 0), "40");

	run(&t, f, frag4(f, 253, 9, 0, 1, 'p', 8), 3);
	run(&t, f, frag4(f, 253, 9, 0, 1, 'P', 8), 4);
	run(&t, f, frag4(f, 253, 9, 16, 0, 'r', 8), 5);
	run(&t, f, frag4(f, 253, 9, 8, 0, 'q', 8), 6);
	CHECK_STR(all(&t, "ip.fragment"), "3,5");
	CHECK_STR(all(&t, "ip.fragment.error"), "4,6");
	CHECK_STR(all(&t, "ip.fragment.overlap"), "1");
	CHECK_STR(all(&t, "ip.fragment.overlap.conflict"), "1");
	CHECK_STR(all(&t, "ip.fragment.multipletails"), "1");
	CHECK_STR(val(&t, "ip.reassembled.length", 0), "24");
	CHECK_STR(val(&t, "ip.fragment.count", 0), "4");

	/* a fragment whose ip.len runs past the frame is not held */
	struct v4 v = V4;
	uint8_t d[16];
	memset(d, 'x', sizeof d);
	v.id = 11;
	v.mf = 1;
	v.tot = 200;
	run(&t, f, frame4(f, &v, d, 16), 7);
	v.tot = 0xffff;
	v.mf = 0;
	v.off = 16;
	run(&t, f, frame4(f, &v, d, 16), 8);
	CHECK_STR(val(&t, "ip.fragment.count", 0), "");
	tctx_free(&t);
}

/*
** An option may run past its IPv6 options header (tshark reads on into the
** next bytes); the next header still starts where the header length says.
** hop-by-hop len 0: Pad1, PadN length 16 (past the 8 bytes), then UDP.
*/
TEST(ipv6_option_past_header)
{
	struct tctx t;
	tctx_init(&t);
	uint8_t u[64], pl[128], f[256];
	uint32_t un = udp(u, 1111, 2222, (const uint8_t *)"hello world!", 12);
	static const uint8_t hbh[8] = {17, 0, 0x00, 0x01, 0x10, 0, 0, 0};
	memcpy(pl, hbh, 8);
	memcpy(pl + 8, u, un);
	uint32_t k = eth(f, 0x86dd);
	run(&t, f, k + ip6(f + k, 0, 0, 0, pl, 8 + un, -1), 1);
	CHECK_STR(all(&t, "ipv6.opt.type"), "0x00,0x01");
	CHECK_STR(val(&t, "ipv6.opt.length", 0), "16");
	CHECK_STR(val(&t, "udp.srcport", 0), "1111");
	tctx_free(&t);
}
