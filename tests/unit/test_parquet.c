/*
** test_parquet.c -- the Parquet writer's encoders on byte sequences checked by
** hand against the specs, and the file frame (magic, footer length).
**
** Thrift: apache/thrift doc/specs/thrift-compact-protocol.md, sections
** "Integer encoding" (zigzag, ULEB128 varint), "Struct encoding" (field
** header 'dddd tttt' with a 4-bit id delta, else type byte + zigzag i16 id;
** bool value in the type nibble; STOP = 0), "List and Set" ('ssss tttt', or
** '1111 tttt' + varint size from 15 on), "Binary encoding" (varint length).
** RLE: parquet-format Encodings.md, "Run Length Encoding / Bit-Packing Hybrid
** (RLE = 3)": rle-header = varint(count << 1) + the value in ceil(width/8)
** bytes; bit-packed-header = varint(groups << 1 | 1), values packed from the
** least significant bit; the spec's example packs 0..7 at width 3 into
** 10001000 11000110 11111010.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output/parquet_rle.h"
#include "output/table.h"
#include "output/thrift_compact.h"
#include "test.h"

static int same(const struct bbuf *b, const uint8_t *want, size_t n)
{
	if (b->n == n && !memcmp(b->p, want, n))
		return 1;
	fprintf(stderr, "  got:");
	for (size_t i = 0; i < b->n; i++)
		fprintf(stderr, " %02x", b->p[i]);
	fprintf(stderr, "\n");
	return 0;
}

TEST(thrift_varint_and_zigzag)
{
	CHECK_EQ_U64(tc_zigzag(0), 0);
	CHECK_EQ_U64(tc_zigzag(-1), 1);
	CHECK_EQ_U64(tc_zigzag(1), 2);
	CHECK_EQ_U64(tc_zigzag(-2), 3);
	CHECK_EQ_U64(tc_zigzag(2147483647), 4294967294ULL);
	CHECK_EQ_U64(tc_zigzag(-2147483648LL), 4294967295ULL);
	CHECK_EQ_U64(tc_zigzag(INT64_MIN), UINT64_MAX);
	struct bbuf b = {0};
	tc_varint(&b, 0);
	tc_varint(&b, 127);
	tc_varint(&b, 128);
	tc_varint(&b, 300);
	static const uint8_t want[] = {0x00, 0x7f, 0x80, 0x01, 0xac, 0x02};
	CHECK(same(&b, want, sizeof want));
	bb_free(&b);
}

TEST(thrift_struct_fields)
{
	struct bbuf b = {0};
	struct tc w;
	tc_init(&w, &b);
	tc_i32(&w, 1, 1);            /* 0x15: delta 1, i32; zigzag 2 */
	tc_i32(&w, 2, -1);           /* 0x15; zigzag 1 */
	tc_i64(&w, 20, 5);           /* delta 18: long form 0x06, zigzag(20) = 0x28; zigzag 10 */
	tc_bool(&w, 21, 1);          /* 0x11: true in the type nibble */
	tc_bool(&w, 22, 0);          /* 0x12 */
	tc_field(&w, 23, TC_STRUCT); /* 0x1c, then a nested struct counting ids from 0 */
	tc_i32(&w, 1, 7);            /* 0x15 0x0e */
	tc_end(&w);                  /* 0x00 */
	tc_string(&w, 24, "ab");     /* 0x18: delta 1 from 23 again, binary; length 2 */
	tc_end(&w);
	static const uint8_t want[] = {0x15, 0x02, 0x15, 0x01, 0x06, 0x28, 0x0a, 0x11, 0x12,
				       0x1c, 0x15, 0x0e, 0x00, 0x18, 0x02, 'a',  'b',  0x00};
	CHECK(same(&b, want, sizeof want));
	bb_free(&b);
}

TEST(thrift_lists)
{
	struct bbuf b = {0};
	struct tc w;
	tc_init(&w, &b);
	tc_list(&w, 3, TC_I32, 3); /* 0x39: delta 3, list; 0x35: 3 x i32 */
	tc_elem_i32(&w, 1);
	tc_elem_i32(&w, 2);
	tc_elem_i32(&w, 3);
	tc_list(&w, 4, TC_BINARY, 20); /* 0x19; 0xf8 + varint 20 */
	for (int i = 0; i < 20; i++)
		tc_elem_string(&w, "");
	tc_list(&w, 5, TC_STRUCT, 1); /* 0x19; 0x1c */
	tc_elem_struct(&w);
	tc_i32(&w, 2, 1); /* 0x25: ids inside the element start from 0 */
	tc_end(&w);
	tc_i32(&w, 6, 0); /* 0x15: back at 5 */
	tc_end(&w);
	uint8_t want[64];
	size_t n = 0;
	const uint8_t head[] = {0x39, 0x35, 0x02, 0x04, 0x06, 0x19, 0xf8, 0x14};
	memcpy(want, head, sizeof head);
	n = sizeof head;
	memset(want + n, 0, 20);
	n += 20;
	const uint8_t tail[] = {0x19, 0x1c, 0x25, 0x02, 0x00, 0x15, 0x00, 0x00};
	memcpy(want + n, tail, sizeof tail);
	n += sizeof tail;
	CHECK(same(&b, want, n));
	bb_free(&b);
}

static int rle_is(const uint32_t *v, size_t n, int width, const uint8_t *want, size_t wn)
{
	struct bbuf b = {0};
	rle_hybrid_encode(&b, v, n, width);
	int ok = same(&b, want, wn);
	bb_free(&b);
	return ok;
}

TEST(rle_hybrid_spec_example)
{
	/* the spec's bit-packing example: 0..7 at width 3, one group */
	static const uint32_t v[] = {0, 1, 2, 3, 4, 5, 6, 7};
	static const uint8_t want[] = {0x03, 0x88, 0xc6, 0xfa};
	CHECK(rle_is(v, 8, 3, want, sizeof want));
}

TEST(rle_hybrid_runs)
{
	/* 10 zeros at width 1: one RLE run, header 10 << 1, value in one byte */
	static const uint32_t zeros[10] = {0};
	static const uint8_t w1[] = {0x14, 0x00};
	CHECK(rle_is(zeros, 10, 1, w1, sizeof w1));
	/* definition levels 1 1 0 1 0 0 0 0 then eight 1s: a packed group (LSB
	 * first: 00001011), then an RLE run of 8 */
	static const uint32_t mix[] = {1, 1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};
	static const uint8_t w2[] = {0x03, 0x0b, 0x10, 0x01};
	CHECK(rle_is(mix, 16, 1, w2, sizeof w2));
	/* 3 values: one group padded with zeros */
	static const uint32_t three[] = {1, 0, 1};
	static const uint8_t w3[] = {0x03, 0x05};
	CHECK(rle_is(three, 3, 1, w3, sizeof w3));
	/* width 9: the repeated value takes 2 bytes */
	static const uint32_t big[8] = {300, 300, 300, 300, 300, 300, 300, 300};
	static const uint8_t w4[] = {0x10, 0x2c, 0x01};
	CHECK(rle_is(big, 8, 9, w4, sizeof w4));
	/* alternating values for 63 groups and one more: two packed runs, as the
	 * one-byte header holds at most 63 groups */
	uint32_t alt[512];
	for (int i = 0; i < 512; i++)
		alt[i] = i & 1;
	struct bbuf b = {0};
	rle_hybrid_encode(&b, alt, 512, 1);
	CHECK_EQ_U64(b.n, 1 + 63 + 1 + 1);
	CHECK_EQ_U64(b.p[0], 63 << 1 | 1);
	CHECK_EQ_U64(b.p[1], 0xaa);
	CHECK_EQ_U64(b.p[64], 1 << 1 | 1);
	bb_free(&b);
}

static uint8_t *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	uint8_t *p = malloc(1 << 16);
	*n = fread(p, 1, 1 << 16, f);
	fclose(f);
	return p;
}

TEST(parquet_file_frame)
{
	static const struct tcol cols[] = {{"s", COL_STRING}, {"n", COL_INT}};
	struct table t;
	table_init(&t, "demo", cols, 2);
	table_row(&t);
	table_set_str(&t, 0, "x");
	table_set_int(&t, 1, 42);
	table_row(&t); /* all NULL */
	char dir[] = "/tmp/ws_pq_XXXXXX", err[256], path[64], tmp[80];
	CHECK(mkdtemp(dir) != NULL);
	struct tsink *s = tsink_open(TF_PARQUET, dir, err, sizeof err);
	CHECK(s != NULL);
	if (!s)
		return;
	tsink_codec(s, 0);
	CHECK(tsink_write(s, &t) == 0);
	snprintf(tmp, sizeof tmp, "%s/demo.parquet.tmp", dir);
	snprintf(path, sizeof path, "%s/demo.parquet", dir);
	CHECK(access(tmp, F_OK) == 0 && access(path, F_OK) != 0); /* renamed only at close */
	CHECK(tsink_close(s, err, sizeof err) == 0);
	CHECK(access(tmp, F_OK) != 0);
	size_t n = 0;
	uint8_t *p = slurp(path, &n);
	CHECK(p && n > 12);
	if (p && n > 12) {
		CHECK(!memcmp(p, "PAR1", 4) && !memcmp(p + n - 4, "PAR1", 4));
		size_t flen = p[n - 8] | p[n - 7] << 8 | p[n - 6] << 16 | (size_t)p[n - 5] << 24;
		CHECK(flen + 12 < n);
		/* the footer starts with version = 1 (field 1, i32) */
		CHECK(p[n - 8 - flen] == 0x15 && p[n - 8 - flen + 1] == 0x02);
		/* uncompressed, the string "x" is in the first page as length 1 + byte */
		int found = 0;
		for (size_t i = 0; i + 5 <= n && !found; i++)
			found = !memcmp(p + i, "\x01\x00\x00\x00x", 5);
		CHECK(found);
	}
	free(p);
	remove(path);
	rmdir(dir);
	table_free(&t);
	/* --format parquet without a directory is refused */
	CHECK(tsink_open(TF_PARQUET, "-", err, sizeof err) == NULL);
	CHECK(strstr(err, "--out DIR") != NULL);
	CHECK(tfmt_parse("parquet") == TF_PARQUET);
	CHECK(tcodec_parse("zstd") == 1 && tcodec_parse("none") == 0 && tcodec_parse("lz4") == -1);
}
