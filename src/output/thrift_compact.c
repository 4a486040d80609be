/*
** thrift_compact.c -- Thrift compact protocol, write side
** (apache/thrift doc/specs/thrift-compact-protocol.md).
*/
#include "thrift_compact.h"

#include <stdlib.h>
#include <string.h>

#include "../core/util.h"

void bb_put(struct bbuf *b, const void *src, size_t n)
{
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->n, src, n);
	b->n += n;
}

void bb_byte(struct bbuf *b, uint8_t v)
{
	bb_put(b, &v, 1);
}

void bb_le32(struct bbuf *b, uint32_t v)
{
	uint8_t x[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
	bb_put(b, x, 4);
}

void bb_le64(struct bbuf *b, uint64_t v)
{
	bb_le32(b, (uint32_t)v);
	bb_le32(b, (uint32_t)(v >> 32));
}

void bb_free(struct bbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

void tc_init(struct tc *w, struct bbuf *b)
{
	memset(w, 0, sizeof *w);
	w->b = b;
}

void tc_varint(struct bbuf *b, uint64_t v)
{
	while (v >= 0x80) {
		bb_byte(b, (uint8_t)(v | 0x80));
		v >>= 7;
	}
	bb_byte(b, (uint8_t)v);
}

uint64_t tc_zigzag(int64_t v)
{
	/* the shift is done unsigned: left-shifting a negative value is undefined in C */
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static void push(struct tc *w)
{
	if (w->depth + 1 >= TC_DEPTH)
		die("thrift: structs nested too deep");
	w->last[++w->depth] = 0;
}

void tc_field(struct tc *w, int16_t id, enum tc_type t)
{
	int delta = id - w->last[w->depth];
	if (delta > 0 && delta <= 15) {
		bb_byte(w->b, (uint8_t)(delta << 4 | t));
	} else {
		bb_byte(w->b, (uint8_t)t);
		tc_varint(w->b, tc_zigzag(id));
	}
	w->last[w->depth] = id;
	if (t == TC_STRUCT)
		push(w);
}

void tc_end(struct tc *w)
{
	bb_byte(w->b, 0);
	if (w->depth > 0)
		w->depth--;
}

void tc_i32(struct tc *w, int16_t id, int32_t v)
{
	tc_field(w, id, TC_I32);
	tc_varint(w->b, tc_zigzag(v));
}

void tc_i64(struct tc *w, int16_t id, int64_t v)
{
	tc_field(w, id, TC_I64);
	tc_varint(w->b, tc_zigzag(v));
}

void tc_i8(struct tc *w, int16_t id, int8_t v)
{
	tc_field(w, id, TC_I8);
	bb_byte(w->b, (uint8_t)v);
}

void tc_bool(struct tc *w, int16_t id, int v)
{
	/* a bool field carries its value in the header's type nibble */
	tc_field(w, id, v ? TC_TRUE : TC_FALSE);
}

void tc_binary(struct tc *w, int16_t id, const void *p, size_t n)
{
	tc_field(w, id, TC_BINARY);
	tc_varint(w->b, n);
	bb_put(w->b, p, n);
}

void tc_string(struct tc *w, int16_t id, const char *s)
{
	tc_binary(w, id, s, strlen(s));
}

void tc_list(struct tc *w, int16_t id, enum tc_type elem, uint32_t count)
{
	tc_field(w, id, TC_LIST);
	if (count < 15) {
		bb_byte(w->b, (uint8_t)(count << 4 | elem));
	} else {
		bb_byte(w->b, (uint8_t)(0xf0 | elem));
		tc_varint(w->b, count);
	}
}

void tc_elem_struct(struct tc *w)
{
	push(w);
}

void tc_elem_i32(struct tc *w, int32_t v)
{
	tc_varint(w->b, tc_zigzag(v));
}

void tc_elem_string(struct tc *w, const char *s)
{
	size_t n = strlen(s);
	tc_varint(w->b, n);
	bb_put(w->b, s, n);
}
