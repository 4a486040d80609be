/*
** seq.h -- TCP sequence-number comparisons modulo 2^32 (RFC 1982 style).
**
** A difference taken as a signed 32-bit value tells which number is "ahead"
** as long as the two are within 2^31 of each other, which is what tshark's
** GT_SEQ/LT_SEQ assume; plain `<` breaks at the wrap.
*/
#ifndef WS_SEQ_H
#define WS_SEQ_H

#include <stdint.h>

static inline int seq_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}
static inline int seq_le(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) <= 0;
}
static inline int seq_gt(uint32_t a, uint32_t b)
{
	return (int32_t)(b - a) < 0;
}
static inline int seq_ge(uint32_t a, uint32_t b)
{
	return (int32_t)(b - a) <= 0;
}

#endif
