#include "core/cursor.h"
#include "test.h"

TEST(cursor_reads_big_endian)
{
	static const uint8_t b[] = {1, 2, 3, 4, 5, 6, 7, 8};
	struct cursor c = cur_make(b, sizeof b, sizeof b);
	CHECK_EQ_U64(cur_u8(&c), 1);
	CHECK_EQ_U64(cur_be16(&c), 0x0203);
	CHECK_EQ_U64(cur_peek_be32(&c, 0), 0x04050607);
	CHECK_EQ_U64(cur_peek_le16(&c, 0), 0x0504);
	CHECK(c.err == CUR_OK);
}

TEST(cursor_short_read_is_sticky_truncated)
{
	static const uint8_t b[] = {1, 2, 3};
	/* 3 captured of 10 reported: past 3 is truncation, not malformation */
	struct cursor c = cur_make(b, 3, 10);
	CHECK_EQ_U64(cur_be32(&c), 0);
	CHECK(c.err == CUR_TRUNCATED);
	CHECK_EQ_U64(c.off, 0);
	CHECK_EQ_U64(cur_u8(&c), 1); /* reads still work, the error stays */
	CHECK(c.err == CUR_TRUNCATED);
}

TEST(cursor_past_reported_length_is_malformed)
{
	static const uint8_t b[] = {1, 2, 3, 4};
	struct cursor c = cur_make(b, 4, 4);
	cur_skip(&c, 2);
	CHECK_EQ_U64(cur_be32(&c), 0);
	CHECK(c.err == CUR_MALFORMED);
}

TEST(cursor_sub_narrows_and_advances)
{
	static const uint8_t b[] = {1, 2, 3, 4, 5, 6};
	struct cursor c = cur_make(b, 6, 6);
	cur_skip(&c, 1);
	struct cursor s = cur_sub(&c, 3);
	CHECK_EQ_U64(s.len, 3);
	CHECK_EQ_U64(s.base, 1);
	CHECK_EQ_U64(cur_u8(&c), 5);
	CHECK_EQ_U64(cur_peek_be24(&s, 0), 0x020304);
	CHECK_EQ_U64(cur_peek_u8(&s, 3), 0);
	CHECK(s.err == CUR_MALFORMED);
	CHECK(c.err == CUR_OK);
}

TEST(cursor_huge_offsets_do_not_wrap)
{
	static const uint8_t b[] = {1, 2};
	struct cursor c = cur_make(b, 2, 2);
	CHECK(cur_peek_ptr(&c, 0xffffffffu, 2) == NULL);
	CHECK(cur_peek_ptr(&c, 1, 0xffffffffu) == NULL);
	CHECK(!cur_skip(&c, 0xffffffffu));
}
