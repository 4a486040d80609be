/*
** cursor.h -- the one way to read packet bytes.
**
** Every dissector reads through a cursor.  A cursor is a window onto a data
** source (the frame, or a reassembled buffer) with two limits, as in
** Wireshark's tvb: `caplen` is what was captured, `len` is what the enclosing
** protocol says exists.  Reading past `caplen` means the snaplen cut the
** packet (CUR_TRUNCATED); reading past `len` means the packet lied about its
** own size (CUR_MALFORMED).  The two give different verdicts to the user.
**
** Errors are sticky instead of longjmp'ing: a short read returns 0 and sets
** `err`; the dissector checks it where it matters.  Control flow stays
** visible and nothing can leak.
**
** Every bounds check is written as a subtraction after establishing the
** order (off <= limit), so no sum can overflow.
*/
#ifndef WS_CURSOR_H
#define WS_CURSOR_H

#include <stdint.h>
#include <string.h>

enum { CUR_OK = 0, CUR_TRUNCATED = 1, CUR_MALFORMED = 2 };

struct cursor {
	const uint8_t *data; /* first byte of this view */
	uint32_t off;        /* next byte to read, relative to data */
	uint32_t caplen;     /* bytes captured in this view */
	uint32_t len;        /* bytes the protocol says exist (>= caplen) */
	uint32_t base;       /* offset of data[0] within its data source */
	uint8_t src;         /* data source: 0 = frame, n = reassembled buffer */
	uint8_t err;         /* sticky: CUR_OK, CUR_TRUNCATED, CUR_MALFORMED */
};

static inline struct cursor cur_make(const uint8_t *p, uint32_t caplen, uint32_t len)
{
	struct cursor c;
	c.data = p;
	c.off = 0;
	c.caplen = caplen;
	c.len = len < caplen ? caplen : len;
	c.base = 0;
	c.src = 0;
	c.err = CUR_OK;
	return c;
}

/* Bytes left that were actually captured. */
static inline uint32_t cur_avail(const struct cursor *c)
{
	return c->off <= c->caplen ? c->caplen - c->off : 0;
}

/* Bytes left that the protocol claims (captured or not). */
static inline uint32_t cur_remaining(const struct cursor *c)
{
	return c->off <= c->len ? c->len - c->off : 0;
}

/* Absolute offset of the read position within the data source. */
static inline uint32_t cur_pos(const struct cursor *c)
{
	return c->base + c->off;
}

/*
** Can n bytes be read at off+at?  On failure the verdict says why: past the
** reported length is malformed, past only the captured length is truncated.
*/
static inline int cur_check_at(struct cursor *c, uint32_t at, uint32_t n)
{
	if (c->off > c->caplen || at > c->caplen - c->off || n > c->caplen - c->off - at) {
		if (!c->err) {
			int past_len =
			    c->off > c->len || at > c->len - c->off || n > c->len - c->off - at;
			c->err = past_len ? CUR_MALFORMED : CUR_TRUNCATED;
		}
		return 0;
	}
	return 1;
}

/*
** A TLV of len bytes at `at` inside a message of `total` bytes: one that runs
** past the message's own length is malformed even when the frame holds it; past
** only the captured bytes, truncated (tshark's two exceptions).
*/
static inline int cur_check_tlv(struct cursor *c, uint32_t at, uint32_t len, uint32_t total)
{
	if (at + len > total) {
		c->err = CUR_MALFORMED;
		return 0;
	}
	return cur_check_at(c, at, len);
}

static inline int cur_has(const struct cursor *c, uint32_t n)
{
	return c->off <= c->caplen && n <= c->caplen - c->off;
}

/* Peeks read at off+at without moving; they return 0 and set err when short. */
static inline uint8_t cur_peek_u8(struct cursor *c, uint32_t at)
{
	return cur_check_at(c, at, 1) ? c->data[c->off + at] : 0;
}

static inline uint16_t cur_peek_be16(struct cursor *c, uint32_t at)
{
	if (!cur_check_at(c, at, 2))
		return 0;
	const uint8_t *p = c->data + c->off + at;
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint16_t cur_peek_le16(struct cursor *c, uint32_t at)
{
	if (!cur_check_at(c, at, 2))
		return 0;
	const uint8_t *p = c->data + c->off + at;
	return (uint16_t)(p[1] << 8 | p[0]);
}

static inline uint32_t cur_peek_be24(struct cursor *c, uint32_t at)
{
	if (!cur_check_at(c, at, 3))
		return 0;
	const uint8_t *p = c->data + c->off + at;
	return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

static inline uint32_t cur_peek_be32(struct cursor *c, uint32_t at)
{
	if (!cur_check_at(c, at, 4))
		return 0;
	const uint8_t *p = c->data + c->off + at;
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint32_t cur_peek_le32(struct cursor *c, uint32_t at)
{
	if (!cur_check_at(c, at, 4))
		return 0;
	const uint8_t *p = c->data + c->off + at;
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static inline uint64_t cur_peek_be64(struct cursor *c, uint32_t at)
{
	if (!cur_check_at(c, at, 8))
		return 0;
	return (uint64_t)cur_peek_be32(c, at) << 32 | cur_peek_be32(c, at + 4);
}

static inline uint64_t cur_peek_le64(struct cursor *c, uint32_t at)
{
	if (!cur_check_at(c, at, 8))
		return 0;
	return (uint64_t)cur_peek_le32(c, at + 4) << 32 | cur_peek_le32(c, at);
}

/* Pointer to n captured bytes at off+at, or NULL (err set). */
static inline const uint8_t *cur_peek_ptr(struct cursor *c, uint32_t at, uint32_t n)
{
	return cur_check_at(c, at, n) ? c->data + c->off + at : NULL;
}

/* Advance by n.  Skipping past the captured end is an error like a read. */
static inline int cur_skip(struct cursor *c, uint32_t n)
{
	if (!cur_check_at(c, 0, n))
		return 0;
	c->off += n;
	return 1;
}

static inline uint8_t cur_u8(struct cursor *c)
{
	uint8_t v = cur_peek_u8(c, 0);
	if (!c->err)
		c->off += 1;
	return v;
}

static inline uint16_t cur_be16(struct cursor *c)
{
	uint16_t v = cur_peek_be16(c, 0);
	if (!c->err)
		c->off += 2;
	return v;
}

static inline uint32_t cur_be32(struct cursor *c)
{
	uint32_t v = cur_peek_be32(c, 0);
	if (!c->err)
		c->off += 4;
	return v;
}

/* Copy n bytes out (zero-filled when short). */
static inline int cur_copy(struct cursor *c, void *dst, uint32_t n)
{
	const uint8_t *p = cur_peek_ptr(c, 0, n);
	if (!p) {
		memset(dst, 0, n);
		return 0;
	}
	memcpy(dst, p, n);
	c->off += n;
	return 1;
}

/*
** Child view of the next n bytes (its reported length is n) and advance the
** parent past them.  When fewer than n bytes were captured the child gets
** what there is as caplen; only a claim past the parent's reported length is
** an error of the parent.
*/
static inline struct cursor cur_sub(struct cursor *c, uint32_t n)
{
	struct cursor s = *c;
	uint32_t rem = cur_remaining(c), av = cur_avail(c);
	s.data = c->data + (c->off <= c->caplen ? c->off : c->caplen);
	s.base = c->base + c->off;
	s.off = 0;
	s.err = CUR_OK;
	if (n > rem) {
		c->err = c->err ? c->err : CUR_MALFORMED;
		n = rem;
	}
	s.len = n;
	s.caplen = n < av ? n : av;
	c->off += n;
	return s;
}

/* The rest of the view as a child, leaving the parent at its end. */
static inline struct cursor cur_rest(struct cursor *c)
{
	return cur_sub(c, cur_remaining(c));
}

/*
** cur_skip(c, skip) then cur_sub(c, n) without their tests, for a caller that
** has read the skipped header whole (skip bytes captured) and checked that
** skip + n bytes are reported: the payload view under a protocol header.
*/
static inline struct cursor cur_sub_past(struct cursor *c, uint32_t skip, uint32_t n)
{
	struct cursor s = *c;
	uint32_t at = c->off + skip, av = c->caplen - at;
	s.data = c->data + at;
	s.base = c->base + at;
	s.off = 0;
	s.len = n;
	s.caplen = n < av ? n : av;
	s.err = CUR_OK;
	c->off = at + n;
	return s;
}

#endif
