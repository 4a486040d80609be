/*
** parquet_rle.c -- RLE / bit-packing hybrid encoder (see parquet_rle.h).
*/
#include "parquet_rle.h"

/* how many values equal to vals[i] start at i */
static size_t run_len(const uint32_t *vals, size_t n, size_t i)
{
	size_t j = i + 1;
	while (j < n && vals[j] == vals[i])
		j++;
	return j - i;
}

static void put_rle(struct bbuf *b, uint32_t v, size_t count, int width)
{
	tc_varint(b, (uint64_t)count << 1);
	/* the repeated value takes ceil(width / 8) bytes, little-endian */
	for (int i = 0; i < (width + 7) / 8; i++)
		bb_byte(b, (uint8_t)(v >> (8 * i)));
}

/* values packed from the least significant bit of each byte up */
static void put_packed(struct bbuf *b, const uint32_t *vals, size_t n, size_t groups, int width)
{
	tc_varint(b, (uint64_t)groups << 1 | 1);
	uint64_t acc = 0;
	int bits = 0;
	for (size_t i = 0; i < groups * 8; i++) {
		uint64_t v = i < n ? vals[i] & (((uint64_t)1 << width) - 1) : 0;
		acc |= v << bits;
		bits += width;
		while (bits >= 8) {
			bb_byte(b, (uint8_t)acc);
			acc >>= 8;
			bits -= 8;
		}
	}
	/* 8 values of any width fill whole bytes, so nothing is left in acc */
}

void rle_hybrid_encode(struct bbuf *b, const uint32_t *vals, size_t n, int width)
{
	size_t i = 0;
	while (i < n) {
		size_t r = run_len(vals, n, i);
		if (r >= 8) {
			put_rle(b, vals[i], r, width);
			i += r;
			continue;
		}
		/* bit-pack whole groups of 8 until a long run starts at a group boundary;
		 * at most 63 groups a run so strict readers find a one-byte header */
		size_t start = i, groups = 0;
		while (i < n && groups < 63 && (i == start || run_len(vals, n, i) < 8)) {
			groups++;
			i = i + 8 < n ? i + 8 : n;
		}
		put_packed(b, vals + start, i - start, groups, width);
	}
}
