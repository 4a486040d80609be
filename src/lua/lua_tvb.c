/*
** lua_tvb.c -- Tvb and TvbRange: bounds-checked reads of packet bytes.
**
** A Tvb is valid only during the dissector or tap call that received it
** (its bytes belong to the frame or to a reassembly buffer); a Tvb made from
** a ByteArray keeps the bytes alive through its user value.  Every read is
** checked against the captured length: out of range raises "Range is out of
** bounds", which the dissector call turns into a _ws.lua.error item.
*/
#include <stdio.h>
#include <string.h>

#include "../core/util.h"
#include "lua_int.h"

uint32_t wslua_gen = 1;

static void check_live(lua_State *L, uint32_t gen)
{
	if (gen != wslua_gen && gen != 0)
		luaL_error(L,
			   "Expired Tvb: a Tvb can be used only during the call it was passed to");
}

/* the Tvb metatable by registry ref: a tap's frame Tvb is made per packet */
static int tvb_mt = LUA_NOREF;

void wslua_push_tvb(lua_State *L, const struct ltvb *t, int anchor)
{
	if (anchor)
		anchor = lua_absindex(L, anchor);
	struct ltvb *u = lua_newuserdatauv(L, sizeof *u, 1);
	*u = *t;
	if (anchor) {
		lua_pushvalue(L, anchor);
		lua_setiuservalue(L, -2, 1);
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, tvb_mt);
	lua_setmetatable(L, -2);
}

struct ltvb *wslua_check_tvb(lua_State *L, int idx)
{
	struct ltvb *t = luaL_checkudata(L, idx, "Tvb");
	check_live(L, t->gen);
	return t;
}

struct lrange *wslua_test_range(lua_State *L, int idx)
{
	struct lrange *r = luaL_testudata(L, idx, "TvbRange");
	if (r)
		check_live(L, r->tvb.gen);
	return r;
}

struct lrange *wslua_check_range(lua_State *L, int idx)
{
	struct lrange *r = luaL_checkudata(L, idx, "TvbRange");
	check_live(L, r->tvb.gen);
	return r;
}

void wslua_push_frame_tvb(lua_State *L, struct packet *pk)
{
	struct ltvb t = {pk->data, pk->caplen, pk->len, 0, 0, wslua_gen};
	wslua_push_tvb(L, &t, 0);
}

/* push a range of t (t's own user value, at tvbidx, is carried over) */
static void push_range(lua_State *L, const struct ltvb *t, int tvbidx, lua_Integer off,
		       lua_Integer len)
{
	if (off < 0 || (uint64_t)off > t->caplen)
		luaL_error(L, "Range is out of bounds");
	if (len < 0) {
		if (len != -1)
			luaL_error(L, "Range is out of bounds");
		len = (lua_Integer)t->caplen - off;
	} else if ((uint64_t)off + (uint64_t)len > t->caplen)
		luaL_error(L, "Range is out of bounds");
	tvbidx = lua_absindex(L, tvbidx);
	struct lrange *r = lua_newuserdatauv(L, sizeof *r, 1);
	r->tvb = *t;
	r->off = (uint32_t)off;
	r->len = (uint32_t)len;
	lua_getiuservalue(L, tvbidx, 1);
	lua_setiuservalue(L, -2, 1);
	luaL_setmetatable(L, "TvbRange");
}

static int tvb_range(lua_State *L)
{
	struct ltvb *t = wslua_check_tvb(L, 1);
	push_range(L, t, 1, luaL_optinteger(L, 2, 0), luaL_optinteger(L, 3, -1));
	return 1;
}

static int tvb_call(lua_State *L)
{
	return tvb_range(L);
}

static int tvb_len(lua_State *L)
{
	lua_pushinteger(L, wslua_check_tvb(L, 1)->caplen);
	return 1;
}

static int tvb_reported_len(lua_State *L)
{
	lua_pushinteger(L, wslua_check_tvb(L, 1)->len);
	return 1;
}

static int tvb_reported_length_remaining(lua_State *L)
{
	struct ltvb *t = wslua_check_tvb(L, 1);
	lua_Integer off = luaL_optinteger(L, 2, 0);
	lua_pushinteger(L, off < 0 || (uint64_t)off > t->len ? -1 : (lua_Integer)t->len - off);
	return 1;
}

static int tvb_captured_len(lua_State *L)
{
	return tvb_len(L);
}

static int tvb_offset(lua_State *L)
{
	lua_pushinteger(L, wslua_check_tvb(L, 1)->base);
	return 1;
}

static int tvb_bytes(lua_State *L)
{
	struct ltvb *t = wslua_check_tvb(L, 1);
	lua_Integer off = luaL_optinteger(L, 2, 0), len = luaL_optinteger(L, 3, -1);
	if (off < 0 || (uint64_t)off > t->caplen)
		return luaL_error(L, "Range is out of bounds");
	if (len < 0)
		len = (lua_Integer)t->caplen - off;
	if ((uint64_t)off + (uint64_t)len > t->caplen)
		return luaL_error(L, "Range is out of bounds");
	wslua_push_bytearray(L, t->data + off, (size_t)len);
	return 1;
}

static int tvb_raw(lua_State *L)
{
	struct ltvb *t = wslua_check_tvb(L, 1);
	lua_Integer off = luaL_optinteger(L, 2, 0), len = luaL_optinteger(L, 3, -1);
	if (off < 0 || (uint64_t)off > t->caplen)
		return luaL_error(L, "offset is beyond the end of the Tvb");
	if (len < 0 || (uint64_t)off + (uint64_t)len > t->caplen)
		len = (lua_Integer)t->caplen - off;
	lua_pushlstring(L, (const char *)t->data + off, (size_t)len);
	return 1;
}

static int tvb_tostring(lua_State *L)
{
	struct ltvb *t = wslua_check_tvb(L, 1);
	static const char hx[] = "0123456789abcdef";
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	lua_pushfstring(L, "TVB(%d) : ", (int)t->caplen);
	luaL_addvalue(&b);
	for (uint32_t i = 0; i < t->caplen && i < 24; i++) {
		luaL_addchar(&b, hx[t->data[i] >> 4]);
		luaL_addchar(&b, hx[t->data[i] & 15]);
	}
	if (t->caplen > 24)
		luaL_addstring(&b, "...");
	luaL_pushresult(&b);
	return 1;
}

/* ByteArray:tvb(name): a new data source whose bytes the Tvb keeps alive */
static int ba_to_tvb(lua_State *L)
{
	luaL_checkudata(L, 1, "ByteArray");
	if (!wslua_pk)
		return luaL_error(L, "Tvbs can only be created and used in dissectors");
	lua_getiuservalue(L, 1, 1);
	size_t n;
	const char *s = lua_tolstring(L, -1, &n);
	struct ltvb t = {(const uint8_t *)s, (uint32_t)n, (uint32_t)n, 0, 1, wslua_gen};
	wslua_push_tvb(L, &t, -1);
	return 1;
}

/* ---- TvbRange ----------------------------------------------------------- */

static const uint8_t *rbytes(struct lrange *r)
{
	return r->tvb.data + r->off;
}

static uint64_t rd_uint(lua_State *L, struct lrange *r, int le, int maxlen, const char *what)
{
	if (r->len == 0 || (int)r->len > maxlen)
		luaL_error(L, "TvbRange:%s() does not handle %d byte integers", what, (int)r->len);
	const uint8_t *p = rbytes(r);
	uint64_t v = 0;
	for (uint32_t i = 0; i < r->len; i++)
		v = le ? v | (uint64_t)p[i] << (8 * i) : v << 8 | p[i];
	return v;
}

static int64_t sext(uint64_t v, uint32_t bytes)
{
	if (bytes >= 8)
		return (int64_t)v;
	uint64_t m = 1ULL << (bytes * 8 - 1);
	return (int64_t)((v ^ m) - m);
}

static int r_uint(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	lua_pushinteger(L, (lua_Integer)rd_uint(L, r, 0, 4, "uint"));
	return 1;
}
static int r_le_uint(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	lua_pushinteger(L, (lua_Integer)rd_uint(L, r, 1, 4, "le_uint"));
	return 1;
}
static int r_int(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	lua_pushinteger(L, sext(rd_uint(L, r, 0, 4, "int"), r->len));
	return 1;
}
static int r_le_int(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	lua_pushinteger(L, sext(rd_uint(L, r, 1, 4, "le_int"), r->len));
	return 1;
}
static int r_uint64(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	wslua_push_uint64(L, rd_uint(L, r, 0, 8, "uint64"));
	return 1;
}
static int r_le_uint64(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	wslua_push_uint64(L, rd_uint(L, r, 1, 8, "le_uint64"));
	return 1;
}
static int r_int64(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	wslua_push_int64(L, sext(rd_uint(L, r, 0, 8, "int64"), r->len));
	return 1;
}
static int r_le_int64(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	wslua_push_int64(L, sext(rd_uint(L, r, 1, 8, "le_int64"), r->len));
	return 1;
}

static int rd_float(lua_State *L, int le)
{
	struct lrange *r = wslua_check_range(L, 1);
	if (r->len != 4 && r->len != 8)
		return luaL_error(L, "TvbRange:%sfloat() does not handle %d byte floating numbers",
				  le ? "le_" : "", (int)r->len);
	uint64_t v = rd_uint(L, r, le, 8, "float");
	if (r->len == 4) {
		uint32_t u = (uint32_t)v;
		float f;
		memcpy(&f, &u, 4);
		lua_pushnumber(L, f);
	} else {
		double d;
		memcpy(&d, &v, 8);
		lua_pushnumber(L, d);
	}
	return 1;
}
static int r_float(lua_State *L)
{
	return rd_float(L, 0);
}
static int r_le_float(lua_State *L)
{
	return rd_float(L, 1);
}

static int rd_ipv4(lua_State *L, int le)
{
	struct lrange *r = wslua_check_range(L, 1);
	if (r->len != 4)
		return luaL_error(L, "The range must be 4 octets long");
	uint8_t b[4];
	memcpy(b, rbytes(r), 4);
	if (le) {
		uint8_t x = b[0];
		b[0] = b[3];
		b[3] = x;
		x = b[1];
		b[1] = b[2];
		b[2] = x;
	}
	struct address a = {0};
	addr_set(&a, AT_IPv4, b);
	wslua_push_address(L, &a);
	return 1;
}
static int r_ipv4(lua_State *L)
{
	return rd_ipv4(L, 0);
}
static int r_le_ipv4(lua_State *L)
{
	return rd_ipv4(L, 1);
}
static int r_ipv6(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	if (r->len != 16)
		return luaL_error(L, "The range must be 16 octets long");
	struct address a = {0};
	addr_set(&a, AT_IPv6, rbytes(r));
	wslua_push_address(L, &a);
	return 1;
}
static int r_ether(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	if (r->len != 6)
		return luaL_error(L, "The range must be 6 bytes long");
	struct address a = {0};
	addr_set(&a, AT_ETHER, rbytes(r));
	wslua_push_address(L, &a);
	return 1;
}

static int rd_nstime(lua_State *L, int le)
{
	struct lrange *r = wslua_check_range(L, 1);
	lua_Integer enc = luaL_optinteger(L, 2, 0);
	const uint8_t *p = rbytes(r);
	(void)enc;
	if (r->len == 4) {
		uint32_t s = (uint32_t)rd_uint(L, r, le, 4, "nstime");
		wslua_push_nstime(L, s, 0);
	} else if (r->len == 8) {
		uint32_t s = le ? (uint32_t)(p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24)
				: (uint32_t)((uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]);
		uint32_t ns = le ? (uint32_t)(p[4] | p[5] << 8 | p[6] << 16 | (uint32_t)p[7] << 24)
				 : (uint32_t)((uint32_t)p[4] << 24 | p[5] << 16 | p[6] << 8 | p[7]);
		wslua_push_nstime(L, s, (int32_t)ns);
	} else
		return luaL_error(L, "The range must be 4 or 8 bytes long");
	return 1;
}
static int r_nstime(lua_State *L)
{
	return rd_nstime(L, 0);
}
static int r_le_nstime(lua_State *L)
{
	return rd_nstime(L, 1);
}

/* Latin-1 and other single-byte encodings become UTF-8, as tshark shows them. */
static void push_text(lua_State *L, const uint8_t *p, size_t n, lua_Integer enc)
{
	int cs = (int)(enc & 0xFFFE);
	if (cs == 0x4 || cs == 0x6) { /* UTF-16 / UCS-2 */
		int le = (enc & 0x80000000) != 0;
		luaL_Buffer b;
		luaL_buffinit(L, &b);
		for (size_t i = 0; i + 1 < n; i += 2) {
			unsigned c = le ? (unsigned)(p[i] | p[i + 1] << 8)
					: (unsigned)(p[i] << 8 | p[i + 1]);
			if (c == 0)
				break;
			char u[4];
			if (c < 0x80)
				luaL_addchar(&b, (char)c);
			else if (c < 0x800) {
				u[0] = (char)(0xC0 | c >> 6);
				u[1] = (char)(0x80 | (c & 63));
				luaL_addlstring(&b, u, 2);
			} else {
				u[0] = (char)(0xE0 | c >> 12);
				u[1] = (char)(0x80 | ((c >> 6) & 63));
				u[2] = (char)(0x80 | (c & 63));
				luaL_addlstring(&b, u, 3);
			}
		}
		luaL_pushresult(&b);
		return;
	}
	if (cs == 0xA) {
		luaL_Buffer b;
		luaL_buffinit(L, &b);
		for (size_t i = 0; i < n; i++) {
			if (p[i] < 0x80)
				luaL_addchar(&b, (char)p[i]);
			else {
				luaL_addchar(&b, (char)(0xC0 | p[i] >> 6));
				luaL_addchar(&b, (char)(0x80 | (p[i] & 63)));
			}
		}
		luaL_pushresult(&b);
		return;
	}
	lua_pushlstring(L, (const char *)p, n);
}

static int r_string(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	const uint8_t *p = rbytes(r);
	/* the value stops at the first NUL, like the C string tshark builds */
	const void *z = memchr(p, 0, r->len);
	size_t n = z ? (size_t)((const uint8_t *)z - p) : r->len;
	push_text(L, p, n, luaL_optinteger(L, 2, 0));
	return 1;
}

static int r_ustring(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	push_text(L, rbytes(r), r->len, 0x80000004 & ~0x80000000);
	return 1;
}

static int r_le_ustring(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	push_text(L, rbytes(r), r->len, (lua_Integer)0x80000004);
	return 1;
}

/* NUL-terminated from the range's start; the terminator may lie past the range, not past the Tvb */
static size_t stringz_len(lua_State *L, struct lrange *r, size_t *with_nul)
{
	const uint8_t *p = rbytes(r);
	size_t avail = r->tvb.caplen - r->off;
	const void *z = memchr(p, 0, avail);
	if (!z)
		luaL_error(L, "Range is out of bounds");
	size_t n = (size_t)((const uint8_t *)z - p);
	if (with_nul)
		*with_nul = n + 1;
	return n;
}

static int r_stringz(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	size_t n = stringz_len(L, r, NULL);
	push_text(L, rbytes(r), n, luaL_optinteger(L, 2, 0));
	return 1;
}

/* UTF-16 up to a 16-bit NUL (which may lie past the range, not past the Tvb) */
static int ustringz(lua_State *L, lua_Integer enc)
{
	struct lrange *r = wslua_check_range(L, 1);
	const uint8_t *p = rbytes(r);
	size_t avail = r->tvb.caplen - r->off, n = 0;
	while (n + 1 < avail && (p[n] | p[n + 1]))
		n += 2;
	if (n + 1 >= avail)
		return luaL_error(L, "Range is out of bounds");
	push_text(L, p, n, enc);
	return 1;
}

static int r_ustringz(lua_State *L)
{
	return ustringz(L, 0x4);
}

static int r_le_ustringz(lua_State *L)
{
	return ustringz(L, (lua_Integer)0x80000004);
}

static int r_strsize(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	size_t w;
	stringz_len(L, r, &w);
	lua_pushinteger(L, (lua_Integer)w);
	return 1;
}

/* bytes(ENC_STR_HEX | ENC_SEP_*): the range is hex text, decoded up to the first stray character */
static int r_bytes(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	lua_Integer enc = luaL_optinteger(L, 2, 0);
	if (!(enc & 0x02000000)) {
		wslua_push_bytearray(L, rbytes(r), r->len);
		return 1;
	}
	const uint8_t *p = rbytes(r);
	uint32_t i = 0, n = r->len;
	while (i < n && p[i] == ' ')
		i++;
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	int sep = -1; /* the separator seen first is the only one allowed */
	while (i + 1 < n) {
		int hi = hex_value(p[i]), lo = hex_value(p[i + 1]);
		if (hi < 0 || lo < 0)
			break;
		luaL_addchar(&b, (char)(hi << 4 | lo));
		i += 2;
		if (i < n && hex_value(p[i]) < 0) {
			int c = p[i];
			int ok =
			    (c == ':' && (enc & 0x00020000)) || (c == '-' && (enc & 0x00040000)) ||
			    (c == '.' && (enc & 0x00080000)) || (c == ' ' && (enc & 0x00100000));
			if (!ok || (sep >= 0 && c != sep))
				break;
			sep = c;
			i++;
		} else if (i < n && !(enc & 0x00010000) && (enc & 0x001e0000))
			break;
	}
	luaL_pushresult(&b);
	size_t k;
	const char *q = lua_tolstring(L, -1, &k);
	wslua_push_bytearray(L, (const uint8_t *)q, k);
	/* where the decoding stopped, for add_packet_field's returned offset */
	lua_pushinteger(L, (lua_Integer)(r->off + i));
	return 2;
}

static int r_raw(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	lua_Integer off = luaL_optinteger(L, 2, 0), len = luaL_optinteger(L, 3, -1);
	if (off < 0 || (uint64_t)off > r->len)
		return luaL_error(L, "offset is beyond the end of the range");
	if (len < 0 || (uint64_t)off + (uint64_t)len > r->len)
		len = (lua_Integer)r->len - off;
	lua_pushlstring(L, (const char *)rbytes(r) + off, (size_t)len);
	return 1;
}

static int rd_bitfield(lua_State *L, int le)
{
	struct lrange *r = wslua_check_range(L, 1);
	lua_Integer pos = luaL_optinteger(L, 2, 0), len = luaL_optinteger(L, 3, 1);
	if (pos < 0 || len <= 0 || len > 64 || (uint64_t)(pos + len) > (uint64_t)r->len * 8)
		return luaL_error(L, "Range is out of bounds");
	const uint8_t *p = rbytes(r);
	uint64_t v = 0;
	for (lua_Integer i = 0; i < len; i++) {
		lua_Integer bit = pos + i;
		int b = le ? (p[bit / 8] >> (bit % 8)) & 1 : (p[bit / 8] >> (7 - bit % 8)) & 1;
		v = v << 1 | (uint64_t)b;
	}
	if (len <= 32)
		lua_pushinteger(L, (lua_Integer)v);
	else
		wslua_push_uint64(L, v);
	return 1;
}
static int r_bitfield(lua_State *L)
{
	return rd_bitfield(L, 0);
}
static int r_le_bitfield(lua_State *L)
{
	return rd_bitfield(L, 1);
}

static int r_range(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	struct ltvb sub = r->tvb;
	sub.data += r->off;
	sub.base += r->off;
	sub.caplen = r->len;
	sub.len = r->len;
	push_range(L, &sub, 1, luaL_optinteger(L, 2, 0), luaL_optinteger(L, 3, -1));
	/* positions stay relative to the original Tvb */
	struct lrange *n = lua_touserdata(L, -1);
	n->tvb = r->tvb;
	n->off += r->off;
	return 1;
}

static int r_len(lua_State *L)
{
	lua_pushinteger(L, wslua_check_range(L, 1)->len);
	return 1;
}

static int r_offset(lua_State *L)
{
	lua_pushinteger(L, wslua_check_range(L, 1)->off);
	return 1;
}

static int r_tvb(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	struct ltvb t = r->tvb;
	t.data += r->off;
	t.base += r->off;
	t.caplen = r->len;
	t.len = r->len;
	lua_getiuservalue(L, 1, 1);
	wslua_push_tvb(L, &t, -1);
	return 1;
}

static int r_tostring(lua_State *L)
{
	struct lrange *r = wslua_check_range(L, 1);
	if (r->len == 0) {
		lua_pushstring(L, "<EMPTY>");
		return 1;
	}
	static const char hx[] = "0123456789abcdef";
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	const uint8_t *p = rbytes(r);
	for (uint32_t i = 0; i < r->len; i++) {
		luaL_addchar(&b, hx[p[i] >> 4]);
		luaL_addchar(&b, hx[p[i] & 15]);
	}
	luaL_pushresult(&b);
	return 1;
}

static int r_call(lua_State *L)
{
	return r_range(L);
}

static int r_concat(lua_State *L)
{
	luaL_tolstring(L, 1, NULL);
	luaL_tolstring(L, 2, NULL);
	lua_concat(L, 2);
	return 1;
}

static int r_eq(lua_State *L)
{
	struct lrange *a = wslua_check_range(L, 1), *b = wslua_check_range(L, 2);
	lua_pushboolean(L, a->len == b->len && !memcmp(rbytes(a), rbytes(b), a->len));
	return 1;
}

static const luaL_Reg tvb_methods[] = {{"range", tvb_range},
				       {"len", tvb_len},
				       {"reported_len", tvb_reported_len},
				       {"reported_length_remaining", tvb_reported_length_remaining},
				       {"captured_len", tvb_captured_len},
				       {"offset", tvb_offset},
				       {"bytes", tvb_bytes},
				       {"raw", tvb_raw},
				       {"__tostring", tvb_tostring},
				       {NULL, NULL}};
static int tvb_eq(lua_State *L)
{
	struct ltvb *a = luaL_testudata(L, 1, "Tvb"), *b = luaL_testudata(L, 2, "Tvb");
	lua_pushboolean(L, a && b && a->data == b->data && a->caplen == b->caplen);
	return 1;
}

static const luaL_Reg tvb_meta[] = {{"__eq", tvb_eq},
				    {"__call", tvb_call},
				    {"__tostring", tvb_tostring},
				    {"__len", tvb_len},
				    {NULL, NULL}};

static const luaL_Reg range_methods[] = {{"uint", r_uint},
					 {"le_uint", r_le_uint},
					 {"int", r_int},
					 {"le_int", r_le_int},
					 {"uint64", r_uint64},
					 {"le_uint64", r_le_uint64},
					 {"int64", r_int64},
					 {"le_int64", r_le_int64},
					 {"float", r_float},
					 {"le_float", r_le_float},
					 {"ipv4", r_ipv4},
					 {"le_ipv4", r_le_ipv4},
					 {"ipv6", r_ipv6},
					 {"ether", r_ether},
					 {"nstime", r_nstime},
					 {"le_nstime", r_le_nstime},
					 {"string", r_string},
					 {"ustring", r_ustring},
					 {"le_ustring", r_le_ustring},
					 {"stringz", r_stringz},
					 {"ustringz", r_ustringz},
					 {"le_ustringz", r_le_ustringz},
					 {"strsize", r_strsize},
					 {"ustrsize", r_strsize},
					 {"le_ustrsize", r_strsize},
					 {"bytes", r_bytes},
					 {"raw", r_raw},
					 {"bitfield", r_bitfield},
					 {"le_bitfield", r_le_bitfield},
					 {"range", r_range},
					 {"len", r_len},
					 {"offset", r_offset},
					 {"tvb", r_tvb},
					 {"__tostring", r_tostring},
					 {NULL, NULL}};
static const luaL_Reg range_meta[] = {{"__call", r_call},     {"__tostring", r_tostring},
				      {"__concat", r_concat}, {"__eq", r_eq},
				      {"__len", r_len},       {NULL, NULL}};

void wslua_open_tvb(lua_State *L)
{
	wslua_class(L, "Tvb", tvb_methods, tvb_meta);
	luaL_getmetatable(L, "Tvb");
	tvb_mt = luaL_ref(L, LUA_REGISTRYINDEX);
	wslua_class(L, "TvbRange", range_methods, range_meta);
	/* ByteArray:tvb() lives here: it makes a Tvb */
	luaL_getmetatable(L, "ByteArray");
	lua_getfield(L, -1, "__index");
	lua_pushcfunction(L, ba_to_tvb);
	lua_setfield(L, -2, "tvb");
	lua_pop(L, 2);
	luaL_newlib(L, tvb_methods);
	lua_setglobal(L, "Tvb");
	luaL_newlib(L, range_methods);
	lua_setglobal(L, "TvbRange");
}
