/*
** test_capture.c -- the capture readers on small images built in memory:
** pcap of both byte orders and resolutions, pcapng sections, interfaces,
** time resolutions, SPB/PB/custom blocks, comments, damaged records, and the
** same file through gzip and zstd.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "capture/capture.h"
#include "test.h"

struct img {
	uint8_t *p;
	size_t n, cap;
	int be;
};

static void put(struct img *m, const void *b, size_t n)
{
	if (m->n + n > m->cap) {
		m->cap = (m->n + n) * 2 + 64;
		m->p = realloc(m->p, m->cap);
	}
	memcpy(m->p + m->n, b, n);
	m->n += n;
}
static void u8(struct img *m, uint8_t v)
{
	put(m, &v, 1);
}
static void u16(struct img *m, uint16_t v)
{
	uint8_t b[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
	if (m->be) {
		b[0] = (uint8_t)(v >> 8);
		b[1] = (uint8_t)v;
	}
	put(m, b, 2);
}
static void u32(struct img *m, uint32_t v)
{
	if (m->be) {
		u16(m, (uint16_t)(v >> 16));
		u16(m, (uint16_t)v);
	} else {
		u16(m, (uint16_t)v);
		u16(m, (uint16_t)(v >> 16));
	}
}
static void u64(struct img *m, uint64_t v)
{
	if (m->be) {
		u32(m, (uint32_t)(v >> 32));
		u32(m, (uint32_t)v);
	} else {
		u32(m, (uint32_t)v);
		u32(m, (uint32_t)(v >> 32));
	}
}
static void pad(struct img *m)
{
	while (m->n % 4)
		u8(m, 0);
}
static void set32(struct img *m, size_t at, uint32_t v)
{
	size_t keep = m->n;
	m->n = at;
	u32(m, v);
	m->n = keep;
}

/* pcap */
static void pcap_hdr(struct img *m, uint32_t magic, uint16_t minor, uint32_t linktype)
{
	u32(m, magic);
	u16(m, 2);
	u16(m, minor);
	u32(m, 0);
	u32(m, 0);
	u32(m, 65535);
	u32(m, linktype);
}
static void pcap_rec(struct img *m, uint32_t sec, uint32_t frac, uint32_t caplen, uint32_t len,
		     uint8_t fill)
{
	u32(m, sec);
	u32(m, frac);
	u32(m, caplen);
	u32(m, len);
	for (uint32_t i = 0; i < caplen; i++)
		u8(m, (uint8_t)(fill + i));
}

static void pcap_rec_zeros(struct img *m, uint32_t sec, uint32_t caplen)
{
	u32(m, sec);
	u32(m, 0);
	u32(m, caplen);
	u32(m, caplen);
	for (uint32_t i = 0; i < caplen; i++)
		u8(m, 0);
}

/* pcapng: blocks are opened, filled, then closed (length and trailer) */
static size_t blk_open(struct img *m, uint32_t type)
{
	size_t at = m->n;
	u32(m, type);
	u32(m, 0);
	return at;
}
static void blk_close(struct img *m, size_t at)
{
	pad(m);
	uint32_t len = (uint32_t)(m->n - at + 4);
	set32(m, at + 4, len);
	u32(m, len);
}
static void opt(struct img *m, uint16_t code, const void *v, uint16_t n)
{
	u16(m, code);
	u16(m, n);
	put(m, v, n);
	pad(m);
}
static void shb(struct img *m)
{
	size_t b = blk_open(m, 0x0A0D0D0A);
	u32(m, 0x1A2B3C4D);
	u16(m, 1);
	u16(m, 0);
	u64(m, UINT64_MAX);
	blk_close(m, b);
}
static void idb(struct img *m, uint16_t linktype, uint32_t snaplen, int tsresol, int64_t tsoffset)
{
	size_t b = blk_open(m, 1);
	u16(m, linktype);
	u16(m, 0);
	u32(m, snaplen);
	if (tsresol >= 0) {
		uint8_t r = (uint8_t)tsresol;
		opt(m, 9, &r, 1);
	}
	if (tsoffset) {
		u16(m, 14);
		u16(m, 8);
		u64(m, (uint64_t)tsoffset);
	}
	if (tsresol >= 0 || tsoffset)
		u32(m, 0);
	blk_close(m, b);
}
static void epb(struct img *m, uint32_t ifid, uint64_t ts, uint32_t caplen, uint32_t len,
		const char *c1, const char *c2)
{
	size_t b = blk_open(m, 6);
	u32(m, ifid);
	u32(m, (uint32_t)(ts >> 32));
	u32(m, (uint32_t)ts);
	u32(m, caplen);
	u32(m, len);
	for (uint32_t i = 0; i < caplen; i++)
		u8(m, (uint8_t)i);
	pad(m);
	if (c1)
		opt(m, 1, c1, (uint16_t)strlen(c1));
	if (c2)
		opt(m, 1, c2, (uint16_t)strlen(c2));
	if (c1 || c2)
		u32(m, 0);
	blk_close(m, b);
}
/* stored < len when the interface's snaplen cut the packet */
static void spb(struct img *m, uint32_t len, uint32_t stored)
{
	size_t b = blk_open(m, 3);
	u32(m, len);
	for (uint32_t i = 0; i < stored; i++)
		u8(m, (uint8_t)i);
	blk_close(m, b);
}

static struct capture *open_img(const struct img *m, char *err)
{
	err[0] = 0;
	return capture_open_mem(m->p, m->n, err, 1024);
}

TEST(capture_pcap_le_usec)
{
	struct img m = {0};
	pcap_hdr(&m, 0xa1b2c3d4, 4, 1);
	pcap_rec(&m, 100, 250000, 20, 60, 7);
	pcap_rec(&m, 101, 999999, 10, 10, 9);
	char err[1024];
	struct capture *c = open_img(&m, err);
	CHECK(c != NULL);
	if (!c)
		return;
	struct cap_frame f;
	CHECK(capture_next(c, &f) == 1);
	CHECK_EQ_U64(f.sec, 100);
	CHECK_EQ_U64(f.nsec, 250000000);
	CHECK_EQ_U64(f.caplen, 20);
	CHECK_EQ_U64(f.len, 60);
	CHECK_EQ_U64(f.data[0], 7);
	CHECK(f.data == m.p + 40); /* zero copy: points into the image */
	CHECK_EQ_U64(f.encap, 1);
	CHECK(f.has_ts);
	CHECK(capture_next(c, &f) == 1);
	CHECK_EQ_U64(f.nsec, 999999000);
	CHECK(capture_next(c, &f) == 0);
	CHECK(capture_filetype(c) == CAP_FT_PCAP);
	capture_close(c);
	free(m.p);
}

TEST(capture_pcap_be_nsec_and_linktype_bits)
{
	struct img m = {.be = 1};
	/* FCS-length bits above the link type must be ignored */
	pcap_hdr(&m, 0xa1b23c4d, 4, 0x14000000u | 0);
	pcap_rec(&m, 5, 123456789, 4, 4, 0);
	char err[1024];
	struct capture *c = open_img(&m, err);
	CHECK(c != NULL);
	if (!c)
		return;
	struct cap_frame f;
	CHECK(capture_next(c, &f) == 1);
	CHECK_EQ_U64(f.sec, 5);
	CHECK_EQ_U64(f.nsec, 123456789);
	CHECK_EQ_U64(f.linktype, 0);
	CHECK_EQ_U64(f.encap, 15); /* WTAP_ENCAP_NULL */
	CHECK(capture_filetype(c) == CAP_FT_PCAP_NSEC);
	capture_close(c);
	free(m.p);
}

TEST(capture_pcap_old_version_swaps_lengths)
{
	struct img m = {0};
	pcap_hdr(&m, 0xa1b2c3d4, 0, 1);
	/* stored as (len, caplen) before 2.3 */
	u32(&m, 1);
	u32(&m, 0);
	u32(&m, 500);
	u32(&m, 8);
	for (int i = 0; i < 8; i++)
		u8(&m, 0);
	char err[1024];
	struct capture *c = open_img(&m, err);
	struct cap_frame f;
	CHECK(c && capture_next(c, &f) == 1);
	CHECK_EQ_U64(f.caplen, 8);
	CHECK_EQ_U64(f.len, 500);
	capture_close(c);
	free(m.p);
}

TEST(capture_pcap_cut_short_and_absurd)
{
	struct img m = {0};
	pcap_hdr(&m, 0xa1b2c3d4, 4, 1);
	pcap_rec(&m, 1, 0, 10, 10, 0);
	size_t full = m.n;
	pcap_rec(&m, 2, 0, 10, 10, 0);
	m.n -= 3; /* the second record loses its last bytes */
	char err[1024];
	struct capture *c = open_img(&m, err);
	struct cap_frame f;
	CHECK(c && capture_next(c, &f) == 1);
	CHECK(capture_next(c, &f) == -1);
	CHECK(strstr(capture_error(c),
		     "appears to have been cut short in the middle of a packet.") != NULL);
	CHECK(strstr(capture_error(c), "(at byte offset 50)") != NULL);
	CHECK_EQ_U64(capture_error_rc(c), 2);
	CHECK(capture_next(c, &f) == -1); /* stays failed */
	capture_close(c);

	/* past the first three records (which decide the layout) */
	m.n = full;
	pcap_rec(&m, 2, 0, 10, 10, 0);
	pcap_rec(&m, 2, 0, 10, 10, 0);
	size_t bad = m.n;
	pcap_rec(&m, 2, 0, 0, 10, 0);
	set32(&m, bad + 8, 3925868813u);
	c = open_img(&m, err);
	int k = 0, r = 0;
	while (c && (r = capture_next(c, &f)) == 1)
		k++;
	CHECK_EQ_U64(k, 3);
	CHECK(c && r == -1);
	CHECK(c && strstr(capture_error(c),
			  "appears to be damaged or corrupt.\n(pcap: File has 3925868813-byte "
			  "packet, bigger than maximum of 262144)\n(at byte offset 102)") != NULL);
	capture_close(c);
	free(m.p);
}

/*
** A mapped pcap is read in place and the source told where the reader is only
** now and then: frames read with capture_next_reuse (f cleared once) are the
** same as capture_next's, and an error past several MiB names its exact offset.
*/
TEST(capture_pcap_in_place_reuse_and_far_damage)
{
	struct img m = {0};
	pcap_hdr(&m, 0xa1b2c3d4, 4, 1);
	for (uint32_t i = 0; i < 3000; i++)
		pcap_rec(&m, 100 + i, i, 1500, 1514, (uint8_t)i);
	size_t last = m.n;
	pcap_rec(&m, 9, 0, 1500, 1500, 0);
	m.n -= 10; /* the last record is cut short */
	char err[1024];
	struct capture *a = open_img(&m, err), *b = open_img(&m, err);
	struct cap_frame fa, fb;
	memset(&fb, 0, sizeof fb);
	int ra, rb, k = 0, same = 1;
	while ((ra = capture_next(a, &fa)) == 1 && (rb = capture_next_reuse(b, &fb)) == 1) {
		same &= fa.caplen == fb.caplen && fa.len == fb.len && fa.sec == fb.sec &&
			fa.nsec == fb.nsec && fa.offset == fb.offset && fa.data == fb.data &&
			fa.rectype == fb.rectype && fa.ncomments == 0 && fb.ncomments == 0;
		k++;
	}
	CHECK(same);
	CHECK_EQ_U64(k, 3000);
	CHECK_EQ_U64(ra, -1);
	CHECK_EQ_U64(capture_next_reuse(b, &fb), -1);
	char want[64];
	snprintf(want, sizeof want, "(at byte offset %zu)", last);
	CHECK(strstr(capture_error(a), want) != NULL);
	CHECK(strstr(capture_error(b), want) != NULL);
	CHECK(strstr(capture_error(b), "cut short in the middle of a packet") != NULL);
	capture_close(a);
	capture_close(b);
	free(m.p);
}

TEST(capture_open_failures)
{
	char err[1024];
	static const uint8_t text[] = "this is not a capture file at all";
	CHECK(capture_open_mem(text, sizeof text, err, sizeof err) == NULL);
	CHECK(strstr(err, "isn't a capture file in a format TShark understands.") != NULL);

	struct img m = {0};
	pcap_hdr(&m, 0xa1b2c3d4, 4, 4242);
	CHECK(open_img(&m, err) == NULL);
	CHECK(strstr(err, "contains record data that TShark doesn't support.\n(pcap: network type "
			  "4242 unknown or unsupported)") != NULL);
	free(m.p);

	CHECK(capture_open("/nonexistent/x.pcap", err, sizeof err) == NULL);
	CHECK_STR(err, "The file \"/nonexistent/x.pcap\" doesn't exist.");

	/* an empty file is a capture without packets */
	struct capture *c = capture_open_mem(text, 0, err, sizeof err);
	struct cap_frame f;
	CHECK(c && capture_next(c, &f) == 0);
	capture_close(c);
}

TEST(capture_pcapng_resolutions_offset_comments)
{
	struct img m = {0};
	shb(&m);
	idb(&m, 1, 0, 3, 0);           /* milliseconds */
	idb(&m, 0, 0, 0x80 | 10, 100); /* 1/1024 s, +100 s */
	idb(&m, 101, 0, -1, 0);        /* default microseconds */
	epb(&m, 0, 123456789, 4, 4, "one", "two");
	epb(&m, 1, 3000, 4, 8, NULL, NULL);
	epb(&m, 2, 1500000, 5, 5, "", NULL);
	char err[1024];
	struct capture *c = open_img(&m, err);
	CHECK(c != NULL);
	if (!c)
		return;
	struct cap_frame f;
	CHECK(capture_next(c, &f) == 1);
	CHECK_EQ_U64(f.sec, 123456);
	CHECK_EQ_U64(f.nsec, 789000000);
	CHECK_EQ_U64(f.ncomments, 2);
	CHECK(f.comments[0].n == 3 && memcmp(f.comments[0].p, "one", 3) == 0);
	CHECK(f.comments[1].n == 3 && memcmp(f.comments[1].p, "two", 3) == 0);
	CHECK(capture_next(c, &f) == 1);
	CHECK_EQ_U64(f.sec, 102);
	CHECK_EQ_U64(f.nsec, 929687500);
	CHECK_EQ_U64(f.if_local, 1);
	CHECK_EQ_U64(f.encap, 15);
	CHECK_EQ_U64(f.len, 8);
	CHECK(capture_next(c, &f) == 1);
	CHECK_EQ_U64(f.sec, 1);
	CHECK_EQ_U64(f.nsec, 500000000);
	CHECK_EQ_U64(f.encap, 7); /* LINKTYPE_RAW is WTAP_ENCAP_RAW_IP */
	CHECK_EQ_U64(f.ncomments, 1);
	CHECK_EQ_U64(f.comments[0].n, 0);
	CHECK(capture_next(c, &f) == 0);
	CHECK_EQ_U64(capture_iface_count(c), 3);
	CHECK(capture_filetype(c) == CAP_FT_PCAPNG);
	capture_close(c);
	free(m.p);
}

TEST(capture_pcapng_spb_pb_custom_and_skipped_blocks)
{
	struct img m = {.be = 1};
	shb(&m);
	size_t b = blk_open(&m, 0x0BAD); /* custom block before any IDB */
	u32(&m, 32473);
	u32(&m, 0x01020304);
	blk_close(&m, b);
	idb(&m, 1, 6, -1, 0);
	spb(&m, 10, 6);      /* snaplen 6 cut it */
	b = blk_open(&m, 4); /* NRB: skipped */
	u32(&m, 0);
	blk_close(&m, b);
	b = blk_open(&m, 0x12345); /* unknown: skipped */
	blk_close(&m, b);
	b = blk_open(&m, 2); /* obsolete packet block */
	u16(&m, 0);
	u16(&m, 0);
	u32(&m, 1);
	u32(&m, 0);
	u32(&m, 3);
	u32(&m, 3);
	u8(&m, 1);
	u8(&m, 2);
	u8(&m, 3);
	blk_close(&m, b);
	char err[1024];
	struct capture *c = open_img(&m, err);
	CHECK(c != NULL);
	if (!c)
		return;
	struct cap_frame f;
	CHECK(capture_next(c, &f) == 1);
	CHECK(f.rectype == CAP_REC_CUSTOM);
	CHECK_EQ_U64(f.custom_pen, 32473);
	CHECK(f.custom_copy);
	CHECK_EQ_U64(f.len, 4);
	CHECK(capture_next(c, &f) == 1);
	CHECK(f.rectype == CAP_REC_PACKET);
	CHECK(!f.has_ts);
	CHECK_EQ_U64(f.caplen, 6);
	CHECK_EQ_U64(f.len, 10);
	CHECK(capture_next(c, &f) == 1);
	CHECK(f.has_ts);
	CHECK_EQ_U64(f.sec, 4294);
	CHECK_EQ_U64(f.nsec, 967296000);
	CHECK_EQ_U64(f.caplen, 3);
	CHECK(capture_next(c, &f) == 0);
	capture_close(c);
	free(m.p);
}

TEST(capture_pcapng_sections_mixed_endian)
{
	struct img m = {0};
	shb(&m);
	idb(&m, 1, 0, -1, 0);
	idb(&m, 0, 0, -1, 0);
	epb(&m, 1, 1, 4, 4, NULL, NULL);
	m.be = 1;
	shb(&m);
	idb(&m, 0, 0, -1, 0);
	epb(&m, 0, 2, 4, 4, NULL, NULL);
	epb(&m, 1, 2, 4, 4, NULL, NULL); /* no interface 1 in this section */
	char err[1024];
	struct capture *c = open_img(&m, err);
	CHECK(c != NULL);
	if (!c)
		return;
	struct cap_frame f;
	CHECK(capture_next(c, &f) == 1);
	CHECK_EQ_U64(f.if_local, 1);
	CHECK_EQ_U64(f.ifid, 1);
	CHECK_EQ_U64(f.encap, 15);
	CHECK(capture_next(c, &f) == 1);
	CHECK_EQ_U64(f.if_local, 0);
	CHECK_EQ_U64(f.ifid, 2);
	CHECK_EQ_U64(f.encap, 15);
	CHECK_EQ_U64(f.nsec, 2000);
	CHECK(capture_next(c, &f) == -1);
	CHECK(strstr(capture_error(c),
		     "(pcapng: interface index 1 is not less than section interface count 1)") !=
	      NULL);
	CHECK_EQ_U64(capture_iface(c, 2)->section, 1);
	capture_close(c);
	free(m.p);
}

/* Build a good file, damage one spot, expect one frame and then the detail. */
static void expect_ng_damage(void (*damage)(struct img *m, size_t at), const char *detail)
{
	struct img m = {0};
	shb(&m);
	idb(&m, 1, 0, -1, 0);
	epb(&m, 0, 1, 4, 4, NULL, NULL);
	size_t at = m.n;
	epb(&m, 0, 1, 4, 4, NULL, NULL);
	damage(&m, at);
	char err[1024];
	struct capture *c = open_img(&m, err);
	struct cap_frame f;
	CHECK(c && capture_next(c, &f) == 1);
	CHECK(c && capture_next(c, &f) == -1);
	if (c && !strstr(capture_error(c), detail)) {
		fprintf(stderr, "want [%s] in [%s]\n", detail, capture_error(c));
		test_failures++;
	}
	capture_close(c);
	free(m.p);
}
static void dmg_trailer(struct img *m, size_t at)
{
	set32(m, m->n - 4, 999);
	(void)at;
}
static void dmg_small(struct img *m, size_t at)
{
	set32(m, at + 4, 8);
}
static void dmg_huge(struct img *m, size_t at)
{
	set32(m, at + 4, 0x7ffffff0);
}
static void dmg_cut(struct img *m, size_t at)
{
	m->n = at + 20;
}
static void dmg_caplen(struct img *m, size_t at)
{
	set32(m, at + 20, 200);
}
static void dmg_bigcap(struct img *m, size_t at)
{
	set32(m, at + 20, 300000);
	set32(m, at + 4, 300032);
	for (uint32_t i = 0; i < 300000; i++)
		u8(m, 0);
	u32(m, 300032);
}

TEST(capture_pcapng_damage)
{
	expect_ng_damage(dmg_trailer,
			 "(pcapng: total block lengths (first 36 and second 1000) don't match)");
	expect_ng_damage(
	    dmg_small,
	    "(pcapng: total block length 8 of an EPB is less than the minimum EPB size 32)");
	expect_ng_damage(dmg_huge,
			 "(pcapng: total block length 2147483632 is too large (> 134348832))");
	expect_ng_damage(
	    dmg_cut, "appears to have been cut short in the middle of a packet.\n(at byte offset");
	expect_ng_damage(
	    dmg_caplen,
	    "(pcapng: total block length 36 of an EPB is too small for 200 bytes of packet data)");
	expect_ng_damage(dmg_bigcap, "(pcapng: cap_len 300000 is larger than 262144)");
}

/* A pcap big enough to cross the stream buffer many times. */
static void big_pcap(struct img *m)
{
	pcap_hdr(m, 0xa1b2c3d4, 4, 1);
	for (uint32_t i = 0; i < 200; i++)
		pcap_rec(m, i, 0, 40000 + i * 97, 70000, (uint8_t)i);
}

static void check_same_frames(const struct img *plain, const uint8_t *p, size_t n)
{
	char err[1024];
	struct capture *a = capture_open_mem(plain->p, plain->n, err, sizeof err);
	struct capture *b = capture_open_mem(p, n, err, sizeof err);
	CHECK(a && b);
	if (!a || !b)
		return;
	struct cap_frame fa, fb;
	int ra, rb, frames = 0;
	do {
		ra = capture_next(a, &fa);
		rb = capture_next(b, &fb);
		CHECK(ra == rb);
		if (ra == 1 && rb == 1) {
			frames++;
			CHECK(fa.caplen == fb.caplen && fa.sec == fb.sec && fa.offset == fb.offset);
			CHECK(memcmp(fa.data, fb.data, fa.caplen) == 0);
		}
	} while (ra == 1 && rb == 1);
	CHECK(frames > 0);
	capture_close(a);
	capture_close(b);
}

TEST(capture_gzip_and_zstd_match_plain)
{
	struct img m = {0};
	big_pcap(&m);
	/* gzip, as two concatenated members */
	size_t zc = compressBound((uLong)m.n) + 64;
	uint8_t *gz = malloc(zc * 2);
	size_t gzn = 0;
	size_t half = m.n / 2;
	for (int part = 0; part < 2; part++) {
		z_stream z;
		memset(&z, 0, sizeof z);
		CHECK(deflateInit2(&z, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) ==
		      Z_OK);
		z.next_in = m.p + (part ? half : 0);
		z.avail_in = (uInt)(part ? m.n - half : half);
		z.next_out = gz + gzn;
		z.avail_out = (uInt)(zc * 2 - gzn);
		CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END);
		gzn += z.total_out;
		deflateEnd(&z);
	}
	check_same_frames(&m, gz, gzn);
	char err[1024];
	struct capture *c = capture_open_mem(gz, gzn, err, sizeof err);
	CHECK(c && capture_compression(c) == CAP_COMP_GZIP);
	capture_close(c);

	size_t zb = ZSTD_compressBound(m.n);
	uint8_t *zs = malloc(zb);
	size_t zsn = ZSTD_compress(zs, zb, m.p, m.n, 1);
	CHECK(!ZSTD_isError(zsn));
	check_same_frames(&m, zs, zsn);
	c = capture_open_mem(zs, zsn, err, sizeof err);
	CHECK(c && capture_compression(c) == CAP_COMP_ZSTD);
	capture_close(c);

	/* a compressed file cut short: the frames before the cut, then the error */
	c = capture_open_mem(gz, gzn / 3, err, sizeof err);
	struct cap_frame f;
	int r, k = 0;
	while (c && (r = capture_next(c, &f)) == 1)
		k++;
	CHECK(c && r == -1 && k > 0);
	capture_close(c);
	free(gz);
	free(zs);
	free(m.p);
}

TEST(capture_file_mmap_and_gzip_on_disk)
{
	struct img m = {0};
	big_pcap(&m);
	char path[] = "/tmp/ws_test_capXXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, m.p, m.n) == (ssize_t)m.n);
	close(fd);
	char err[1024];
	struct capture *c = capture_open(path, err, sizeof err);
	struct cap_frame f;
	int k = 0;
	while (c && capture_next(c, &f) == 1)
		k++;
	CHECK_EQ_U64(k, 200);
	capture_close(c);

	gzFile g = gzopen(path, "wb");
	gzwrite(g, m.p, (unsigned)m.n);
	gzclose(g);
	c = capture_open(path, err, sizeof err);
	k = 0;
	while (c && capture_next(c, &f) == 1)
		k++;
	CHECK_EQ_U64(k, 200);
	CHECK(c && capture_compression(c) == CAP_COMP_GZIP);
	capture_close(c);
	unlink(path);
	free(m.p);
}

TEST(capture_pcap_layout_guess_on_damaged_start)
{
	/*
	 * The second record claims 300000 bytes: the standard layout fails three
	 * checks there, the 24-byte one reads the file (as zero-length records
	 * up to a cut), so tshark reads it with 24-byte record headers: three
	 * frames, then "cut short" (measured with tshark 4.0.17).
	 */
	struct img m = {0};
	pcap_hdr(&m, 0xa1b2c3d4, 4, 1);
	pcap_rec_zeros(&m, 1, 60);
	size_t at = m.n;
	pcap_rec_zeros(&m, 2, 60);
	set32(&m, at + 8, 300000);
	char err[1024];
	struct capture *c = open_img(&m, err);
	struct cap_frame f;
	int k = 0, r = 0;
	while (c && (r = capture_next(c, &f)) == 1)
		k++;
	CHECK_EQ_U64(k, 3);
	CHECK(c && r == -1 && strstr(capture_error(c), "cut short") != NULL);
	capture_close(c);

	/* damage from the fourth record on does not change the layout */
	m.n = 0;
	pcap_hdr(&m, 0xa1b2c3d4, 4, 1);
	for (int i = 0; i < 3; i++)
		pcap_rec(&m, 1, 0, 60, 60, 0);
	at = m.n;
	pcap_rec(&m, 2, 0, 60, 60, 0);
	set32(&m, at + 8, 300000);
	c = open_img(&m, err);
	k = 0;
	while (c && (r = capture_next(c, &f)) == 1)
		k++;
	CHECK_EQ_U64(k, 3);
	CHECK(c && r == -1 &&
	      strstr(capture_error(c), "(pcap: File has 300000-byte packet") != NULL);
	capture_close(c);
	free(m.p);
}

TEST(capture_pcapng_interface_names_follow_tshark)
{
	struct img m = {0};
	shb(&m);
	size_t b = blk_open(&m, 1);
	u16(&m, 1);
	u16(&m, 0);
	u32(&m, 0);
	opt(&m, 2, "eth0", 4);
	opt(&m, 3, "first", 5);
	u32(&m, 0);
	blk_close(&m, b);
	epb(&m, 0, 1, 4, 4, NULL, NULL);
	shb(&m);
	b = blk_open(&m, 1);
	u16(&m, 1);
	u16(&m, 0);
	u32(&m, 0);
	opt(&m, 2, "wlan0", 5);
	u32(&m, 0);
	blk_close(&m, b);
	epb(&m, 0, 1, 4, 4, NULL, NULL);
	char err[1024];
	struct capture *c = open_img(&m, err);
	struct cap_frame f;
	CHECK(c && capture_next(c, &f) == 1);
	CHECK(f.has_ifid && f.if_name && strcmp(f.if_name, "eth0") == 0);
	CHECK(f.if_descr && strcmp(f.if_descr, "first") == 0);
	CHECK(c && capture_next(c, &f) == 1);
	/* tshark 4.0 names by the section-local id in the file-wide list */
	CHECK(f.if_name && strcmp(f.if_name, "eth0") == 0);
	CHECK_EQ_U64(f.ifid, 1);
	CHECK(c && strcmp(capture_iface(c, 1)->name, "wlan0") == 0);
	capture_close(c);
	free(m.p);
}
