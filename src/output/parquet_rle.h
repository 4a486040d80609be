/*
** parquet_rle.h -- Parquet's RLE / bit-packing hybrid encoding, write side
** (parquet-format Encodings.md, "Run Length Encoding / Bit-Packing Hybrid
** (RLE = 3)"), used for the definition levels of OPTIONAL columns.
*/
#ifndef WS_PARQUET_RLE_H
#define WS_PARQUET_RLE_H

#include <stddef.h>
#include <stdint.h>

#include "thrift_compact.h"

/*
** Append the encoded runs of vals[0..n) (each < 2^width, width 1..32) to b,
** without the 4-byte length prefix a data page puts in front.  Runs of 8 or
** more equal values become RLE runs, the rest bit-packed groups of 8; the last
** group is padded with zeros (the reader knows the value count).
*/
void rle_hybrid_encode(struct bbuf *b, const uint32_t *vals, size_t n, int width);

#endif
