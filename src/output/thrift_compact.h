/*
** thrift_compact.h -- a byte buffer and the Thrift compact protocol encoder
** that the Parquet writer needs for its page headers and footer.
**
** Only writing, only what Parquet's metadata uses (structs, lists, i8/i16/
** i32/i64, bool, binary).  Field ids are delta-encoded against the previous
** field of the same struct, so structs nest through a small stack.
*/
#ifndef WS_THRIFT_COMPACT_H
#define WS_THRIFT_COMPACT_H

#include <stddef.h>
#include <stdint.h>

/* a growable byte string */
struct bbuf {
	uint8_t *p;
	size_t n, cap;
};
void bb_put(struct bbuf *b, const void *src, size_t n);
void bb_byte(struct bbuf *b, uint8_t v);
void bb_le32(struct bbuf *b, uint32_t v);
void bb_le64(struct bbuf *b, uint64_t v);
void bb_free(struct bbuf *b);

/* compact protocol type ids (thrift-compact-protocol.md, "Struct encoding") */
enum tc_type {
	TC_TRUE = 1,
	TC_FALSE = 2,
	TC_I8 = 3,
	TC_I16 = 4,
	TC_I32 = 5,
	TC_I64 = 6,
	TC_DOUBLE = 7,
	TC_BINARY = 8,
	TC_LIST = 9,
	TC_STRUCT = 12,
};

#define TC_DEPTH 16
struct tc {
	struct bbuf *b;
	int16_t last[TC_DEPTH]; /* previous field id per open struct */
	int depth;
};

void tc_init(struct tc *w, struct bbuf *b);
void tc_varint(struct bbuf *b, uint64_t v);
uint64_t tc_zigzag(int64_t v);

/* A field header; for TC_STRUCT it also opens the struct (close with tc_end). */
void tc_field(struct tc *w, int16_t id, enum tc_type t);
void tc_end(struct tc *w); /* STOP byte, back to the enclosing struct */
void tc_i32(struct tc *w, int16_t id, int32_t v);
void tc_i64(struct tc *w, int16_t id, int64_t v);
void tc_i8(struct tc *w, int16_t id, int8_t v);
void tc_bool(struct tc *w, int16_t id, int v);
void tc_binary(struct tc *w, int16_t id, const void *p, size_t n);
void tc_string(struct tc *w, int16_t id, const char *s);
/* List header (field + size and element type); elements follow.  A struct
 * element is opened with tc_elem_struct and closed with tc_end. */
void tc_list(struct tc *w, int16_t id, enum tc_type elem, uint32_t count);
void tc_elem_struct(struct tc *w);
void tc_elem_i32(struct tc *w, int32_t v);
void tc_elem_string(struct tc *w, const char *s);

#endif
