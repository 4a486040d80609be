/*
** lua_util.c -- value classes and constants: UInt64/Int64, NSTime, Address,
** ByteArray, bit/bit32, and the base/ftypes/ENC_/PI_/expert tables.
*/
#include <arpa/inet.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/expert.h"
#include "../core/util.h"
#include "lua_int.h"

/* ---- UInt64 / Int64 ---------------------------------------------------- */

static uint64_t to_u64(lua_State *L, int idx)
{
	uint64_t *u = luaL_testudata(L, idx, "UInt64");
	if (u)
		return *u;
	int64_t *i = luaL_testudata(L, idx, "Int64");
	if (i)
		return (uint64_t)*i;
	if (lua_isinteger(L, idx))
		return (uint64_t)lua_tointeger(L, idx);
	if (lua_type(L, idx) == LUA_TSTRING)
		return strtoull(lua_tostring(L, idx), NULL, 0);
	lua_Number d = luaL_checknumber(L, idx);
	return d < 0 ? (uint64_t)(int64_t)d : (uint64_t)d;
}

uint64_t wslua_check_uint64(lua_State *L, int idx)
{
	return to_u64(L, idx);
}

int64_t wslua_check_int64(lua_State *L, int idx)
{
	return (int64_t)to_u64(L, idx);
}

void wslua_push_uint64(lua_State *L, uint64_t v)
{
	uint64_t *u = lua_newuserdatauv(L, sizeof *u, 0);
	*u = v;
	luaL_setmetatable(L, "UInt64");
}

void wslua_push_int64(lua_State *L, int64_t v)
{
	int64_t *u = lua_newuserdatauv(L, sizeof *u, 0);
	*u = v;
	luaL_setmetatable(L, "Int64");
}

static int is_signed_ud(lua_State *L)
{
	/* the result of a mixed operation takes the type of the first 64-bit operand */
	if (luaL_testudata(L, 1, "Int64"))
		return 1;
	if (luaL_testudata(L, 1, "UInt64"))
		return 0;
	return luaL_testudata(L, 2, "Int64") != NULL;
}

static int push64(lua_State *L, uint64_t v, int sgn)
{
	if (sgn)
		wslua_push_int64(L, (int64_t)v);
	else
		wslua_push_uint64(L, v);
	return 1;
}

#define ARITH(nm, expr)                                                                            \
	static int i64_##nm(lua_State *L)                                                          \
	{                                                                                          \
		uint64_t a = to_u64(L, 1), b = to_u64(L, 2);                                       \
		int s = is_signed_ud(L);                                                           \
		(void)a;                                                                           \
		(void)b;                                                                           \
		return push64(L, (expr), s);                                                       \
	}
ARITH(add, a + b)
ARITH(sub, a - b)
ARITH(mul, a *b)
#define BITOP(nm, op)                                                                              \
	static int i64_##nm(lua_State *L)                                                          \
	{                                                                                          \
		int s = is_signed_ud(L);                                                           \
		uint64_t a = to_u64(L, 1);                                                         \
		for (int i = 2; i <= lua_gettop(L); i++)                                           \
			a = a op to_u64(L, i);                                                     \
		return push64(L, a, s);                                                            \
	}
BITOP(band, &)
BITOP(bor, |)
BITOP(bxor, ^)

static int i64_div(lua_State *L)
{
	uint64_t a = to_u64(L, 1), b = to_u64(L, 2);
	int s = is_signed_ud(L);
	if (b == 0)
		return luaL_error(L, "Trying to divide %s by zero", s ? "Int64" : "UInt64");
	if (s)
		return push64(L, (uint64_t)((int64_t)a / (int64_t)b), 1);
	return push64(L, a / b, 0);
}

static int i64_mod(lua_State *L)
{
	uint64_t a = to_u64(L, 1), b = to_u64(L, 2);
	int s = is_signed_ud(L);
	if (b == 0)
		return luaL_error(L, "Trying to modulo %s by zero", s ? "Int64" : "UInt64");
	if (s)
		return push64(L, (uint64_t)((int64_t)a % (int64_t)b), 1);
	return push64(L, a % b, 0);
}

static int i64_unm(lua_State *L)
{
	/* Wireshark's UInt64 negation is the identity */
	if (!luaL_testudata(L, 1, "Int64"))
		return push64(L, to_u64(L, 1), 0);
	return push64(L, (uint64_t)0 - to_u64(L, 1), 1);
}

static int i64_pow(lua_State *L)
{
	uint64_t a = to_u64(L, 1), b = to_u64(L, 2), r = 1;
	while (b) {
		if (b & 1)
			r *= a;
		a *= a;
		b >>= 1;
	}
	return push64(L, r, is_signed_ud(L));
}

static int i64_eq(lua_State *L)
{
	lua_pushboolean(L, to_u64(L, 1) == to_u64(L, 2));
	return 1;
}

static int i64_lt(lua_State *L)
{
	if (is_signed_ud(L))
		lua_pushboolean(L, (int64_t)to_u64(L, 1) < (int64_t)to_u64(L, 2));
	else
		lua_pushboolean(L, to_u64(L, 1) < to_u64(L, 2));
	return 1;
}

static int i64_le(lua_State *L)
{
	if (is_signed_ud(L))
		lua_pushboolean(L, (int64_t)to_u64(L, 1) <= (int64_t)to_u64(L, 2));
	else
		lua_pushboolean(L, to_u64(L, 1) <= to_u64(L, 2));
	return 1;
}

static int i64_tostring(lua_State *L)
{
	char buf[32];
	if (luaL_testudata(L, 1, "Int64"))
		snprintf(buf, sizeof buf, "%" PRId64, (int64_t)to_u64(L, 1));
	else
		snprintf(buf, sizeof buf, "%" PRIu64, to_u64(L, 1));
	lua_pushstring(L, buf);
	return 1;
}

static int i64_concat(lua_State *L)
{
	luaL_tolstring(L, 1, NULL);
	luaL_tolstring(L, 2, NULL);
	lua_concat(L, 2);
	return 1;
}

static int i64_tonumber(lua_State *L)
{
	if (luaL_testudata(L, 1, "Int64"))
		lua_pushnumber(L, (lua_Number)(int64_t)to_u64(L, 1));
	else
		lua_pushnumber(L, (lua_Number)to_u64(L, 1));
	return 1;
}

/*
** tohex of Int64/UInt64 and bit.tohex: n digits (a negative n means upper
** case), at most max of them, the low-order ones of v.
*/
static int push_hex(lua_State *L, uint64_t v, lua_Integer n, lua_Integer max)
{
	const char *dig = n < 0 ? "0123456789ABCDEF" : "0123456789abcdef";
	if (n < 0)
		n = -n;
	if (n > max)
		n = max;
	char buf[16];
	for (lua_Integer i = n - 1; i >= 0; i--) {
		buf[i] = dig[v & 15];
		v >>= 4;
	}
	lua_pushlstring(L, buf, (size_t)n);
	return 1;
}

static int i64_tohex(lua_State *L)
{
	uint64_t v = to_u64(L, 1);
	return push_hex(L, v, luaL_optinteger(L, 2, 16), 16);
}

static int i64_higher(lua_State *L)
{
	uint64_t v = to_u64(L, 1);
	if (luaL_testudata(L, 1, "Int64"))
		lua_pushnumber(L, (lua_Number)(int32_t)(v >> 32));
	else
		lua_pushnumber(L, (lua_Number)(uint32_t)(v >> 32));
	return 1;
}

static int i64_lower(lua_State *L)
{
	lua_pushnumber(L, (lua_Number)(uint32_t)to_u64(L, 1));
	return 1;
}

static int i64_bnot(lua_State *L)
{
	return push64(L, ~to_u64(L, 1), luaL_testudata(L, 1, "Int64") != NULL);
}

static int i64_lshift(lua_State *L)
{
	lua_Integer n = luaL_checkinteger(L, 2);
	uint64_t v = to_u64(L, 1);
	return push64(L, n >= 64 ? 0 : v << n, luaL_testudata(L, 1, "Int64") != NULL);
}

static int i64_rshift(lua_State *L)
{
	lua_Integer n = luaL_checkinteger(L, 2);
	uint64_t v = to_u64(L, 1);
	return push64(L, n >= 64 ? 0 : v >> n, luaL_testudata(L, 1, "Int64") != NULL);
}

static int i64_arshift(lua_State *L)
{
	lua_Integer n = luaL_checkinteger(L, 2);
	if (!luaL_testudata(L, 1, "Int64")) /* unsigned: no sign to extend */
		return i64_rshift(L);
	int64_t v = (int64_t)to_u64(L, 1);
	return push64(L, (uint64_t)(n >= 64 ? (v < 0 ? -1 : 0) : v >> n),
		      luaL_testudata(L, 1, "Int64") != NULL);
}

static int i64_encode(lua_State *L)
{
	uint64_t v = to_u64(L, 1);
	int le = lua_isnoneornil(L, 2) ? 1 : lua_toboolean(L, 2);
	char b[8];
	for (int i = 0; i < 8; i++)
		b[le ? i : 7 - i] = (char)(v >> (8 * i));
	lua_pushlstring(L, b, 8);
	return 1;
}

static uint64_t decode8(lua_State *L)
{
	size_t n;
	const char *s = luaL_checklstring(L, 1, &n);
	if (n != 8)
		luaL_argerror(L, 1, "string must be 8 bytes");
	int le = lua_isnoneornil(L, 2) ? 1 : lua_toboolean(L, 2);
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)(uint8_t)s[le ? i : 7 - i] << (8 * i);
	return v;
}

static int u64_new(lua_State *L, int sgn)
{
	uint64_t v = 0;
	if (!lua_isnoneornil(L, 1)) {
		if (lua_type(L, 1) == LUA_TNUMBER && !lua_isinteger(L, 1)) {
			lua_Number d = lua_tonumber(L, 1);
			v = sgn || d < 0 ? (uint64_t)(int64_t)d : (uint64_t)d;
		} else
			v = to_u64(L, 1);
		if (!lua_isnoneornil(L, 2))
			v = (v & 0xffffffffu) | (to_u64(L, 2) << 32);
	}
	return push64(L, v, sgn);
}

static int uint64_new(lua_State *L)
{
	return u64_new(L, 0);
}
static int int64_new(lua_State *L)
{
	return u64_new(L, 1);
}
static int uint64_call(lua_State *L)
{
	lua_remove(L, 1);
	return u64_new(L, 0);
}
static int int64_call(lua_State *L)
{
	lua_remove(L, 1);
	return u64_new(L, 1);
}
static int uint64_max(lua_State *L)
{
	return push64(L, UINT64_MAX, 0);
}
static int uint64_min(lua_State *L)
{
	return push64(L, 0, 0);
}
static int int64_max(lua_State *L)
{
	return push64(L, (uint64_t)INT64_MAX, 1);
}
static int int64_min(lua_State *L)
{
	return push64(L, (uint64_t)INT64_MIN, 1);
}
static int uint64_decode(lua_State *L)
{
	return push64(L, decode8(L), 0);
}
static int int64_decode(lua_State *L)
{
	return push64(L, decode8(L), 1);
}
static int uint64_fromhex(lua_State *L)
{
	return push64(L, strtoull(luaL_checkstring(L, 1), NULL, 16), 0);
}
static int int64_fromhex(lua_State *L)
{
	return push64(L, strtoull(luaL_checkstring(L, 1), NULL, 16), 1);
}
static int i64_tobool(lua_State *L)
{
	lua_pushboolean(L, to_u64(L, 1) != 0);
	return 1;
}

static int i64_bswap(lua_State *L)
{
	uint64_t v = to_u64(L, 1), r = 0;
	for (int i = 0; i < 8; i++)
		r = r << 8 | ((v >> (8 * i)) & 0xff);
	return push64(L, r, luaL_testudata(L, 1, "Int64") != NULL);
}

static int i64_rot(lua_State *L, int left)
{
	uint64_t v = to_u64(L, 1);
	unsigned n = (unsigned)(luaL_checkinteger(L, 2) & 63);
	if (!left)
		n = (64 - n) & 63;
	return push64(L, n ? (v << n) | (v >> (64 - n)) : v, luaL_testudata(L, 1, "Int64") != NULL);
}
static int i64_rol(lua_State *L)
{
	return i64_rot(L, 1);
}
static int i64_ror(lua_State *L)
{
	return i64_rot(L, 0);
}

static const luaL_Reg i64_methods[] = {{"bswap", i64_bswap},
				       {"rol", i64_rol},
				       {"ror", i64_ror},
				       {"tonumber", i64_tonumber},
				       {"tohex", i64_tohex},
				       {"higher", i64_higher},
				       {"lower", i64_lower},
				       {"bnot", i64_bnot},
				       {"band", i64_band},
				       {"bor", i64_bor},
				       {"bxor", i64_bxor},
				       {"lshift", i64_lshift},
				       {"rshift", i64_rshift},
				       {"arshift", i64_arshift},
				       {"encode", i64_encode},
				       {"tostring", i64_tostring},
				       {NULL, NULL}};

static const luaL_Reg i64_meta[] = {
    {"__add", i64_add},       {"__sub", i64_sub},   {"__mul", i64_mul},
    {"__div", i64_div},       {"__idiv", i64_div},  {"__mod", i64_mod},
    {"__unm", i64_unm},       {"__pow", i64_pow},   {"__eq", i64_eq},
    {"__lt", i64_lt},         {"__le", i64_le},     {"__tostring", i64_tostring},
    {"__concat", i64_concat}, {"__band", i64_band}, {"__bor", i64_bor},
    {"__bxor", i64_bxor},     {NULL, NULL}};

static void open_int64(lua_State *L, const char *name, lua_CFunction nw, lua_CFunction call,
		       lua_CFunction mx, lua_CFunction mn, lua_CFunction dec, lua_CFunction fromhex)
{
	wslua_class(L, name, i64_methods, i64_meta);
	lua_newtable(L);
	lua_pushcfunction(L, nw);
	lua_setfield(L, -2, "new");
	lua_pushcfunction(L, mx);
	lua_setfield(L, -2, "max");
	lua_pushcfunction(L, mn);
	lua_setfield(L, -2, "min");
	lua_pushcfunction(L, dec);
	lua_setfield(L, -2, "decode");
	lua_pushcfunction(L, fromhex);
	lua_setfield(L, -2, "fromhex");
	lua_pushcfunction(L, i64_tobool);
	lua_setfield(L, -2, "tobool");
	for (const luaL_Reg *r = i64_methods; r->name; r++) {
		lua_pushcfunction(L, r->func);
		lua_setfield(L, -2, r->name);
	}
	lua_newtable(L);
	lua_pushcfunction(L, call);
	lua_setfield(L, -2, "__call");
	lua_setmetatable(L, -2);
	lua_setglobal(L, name);
}

/* ---- NSTime ------------------------------------------------------------ */

struct nstime {
	int64_t sec;
	int32_t nsec;
};

void wslua_push_nstime(lua_State *L, int64_t sec, int32_t nsec)
{
	struct nstime *t = lua_newuserdatauv(L, sizeof *t, 0);
	t->sec = sec;
	t->nsec = nsec;
	luaL_setmetatable(L, "NSTime");
}

static void nst_norm(struct nstime *t)
{
	while (t->nsec >= 1000000000) {
		t->nsec -= 1000000000;
		t->sec++;
	}
	while (t->nsec < 0) {
		t->nsec += 1000000000;
		t->sec--;
	}
}

static int nst_new(lua_State *L)
{
	wslua_push_nstime(L, (int64_t)luaL_optinteger(L, 1, 0), (int32_t)luaL_optinteger(L, 2, 0));
	return 1;
}

static int nst_call(lua_State *L)
{
	lua_remove(L, 1);
	return nst_new(L);
}

static int nst_tostring(lua_State *L)
{
	struct nstime *t = luaL_checkudata(L, 1, "NSTime");
	char buf[48];
	if (t->sec < 0 || t->nsec < 0) {
		int64_t s = t->sec;
		int32_t n = t->nsec;
		if (s < 0 && n > 0) {
			s++;
			n = 1000000000 - n;
		}
		snprintf(buf, sizeof buf, "-%" PRId64 ".%09d", s < 0 ? -s : s, n < 0 ? -n : n);
	} else
		snprintf(buf, sizeof buf, "%" PRId64 ".%09d", t->sec, t->nsec);
	lua_pushstring(L, buf);
	return 1;
}

static int nst_arith(lua_State *L, int op)
{
	struct nstime *a = luaL_checkudata(L, 1, "NSTime");
	struct nstime *b = luaL_checkudata(L, 2, "NSTime");
	struct nstime r = {a->sec + op * b->sec, a->nsec + op * b->nsec};
	nst_norm(&r);
	wslua_push_nstime(L, r.sec, r.nsec);
	return 1;
}
static int nst_add(lua_State *L)
{
	return nst_arith(L, 1);
}
static int nst_sub(lua_State *L)
{
	return nst_arith(L, -1);
}
static int nst_unm(lua_State *L)
{
	struct nstime *a = luaL_checkudata(L, 1, "NSTime");
	struct nstime r = {-a->sec, -a->nsec};
	wslua_push_nstime(L, r.sec, r.nsec);
	return 1;
}
static int nst_cmp(lua_State *L)
{
	struct nstime *a = luaL_checkudata(L, 1, "NSTime");
	struct nstime *b = luaL_checkudata(L, 2, "NSTime");
	return a->sec != b->sec ? (a->sec < b->sec ? -1 : 1)
				: (a->nsec < b->nsec ? -1 : a->nsec > b->nsec);
}
static int nst_eq(lua_State *L)
{
	lua_pushboolean(L, nst_cmp(L) == 0);
	return 1;
}
static int nst_lt(lua_State *L)
{
	lua_pushboolean(L, nst_cmp(L) < 0);
	return 1;
}
static int nst_le(lua_State *L)
{
	lua_pushboolean(L, nst_cmp(L) <= 0);
	return 1;
}
static int nst_tonumber_fn(lua_State *L)
{
	struct nstime *t = luaL_checkudata(L, 1, "NSTime");
	lua_pushnumber(L, (lua_Number)t->sec + t->nsec / 1e9);
	return 1;
}

static int nst_index(lua_State *L)
{
	struct nstime *t = luaL_checkudata(L, 1, "NSTime");
	const char *k = luaL_checkstring(L, 2);
	if (!strcmp(k, "secs"))
		lua_pushinteger(L, t->sec);
	else if (!strcmp(k, "nsecs"))
		lua_pushinteger(L, t->nsec);
	else if (!strcmp(k, "tonumber")) {
		lua_pushcfunction(L, nst_tonumber_fn);
	} else
		lua_pushnil(L);
	return 1;
}
static int nst_newindex(lua_State *L)
{
	struct nstime *t = luaL_checkudata(L, 1, "NSTime");
	const char *k = luaL_checkstring(L, 2);
	if (!strcmp(k, "secs"))
		t->sec = luaL_checkinteger(L, 3);
	else if (!strcmp(k, "nsecs"))
		t->nsec = (int32_t)luaL_checkinteger(L, 3);
	else
		return luaL_error(L, "NSTime has no attribute '%s'", k);
	return 0;
}

static const luaL_Reg nst_meta[] = {{"__tostring", nst_tostring},
				    {"__add", nst_add},
				    {"__sub", nst_sub},
				    {"__unm", nst_unm},
				    {"__eq", nst_eq},
				    {"__lt", nst_lt},
				    {"__le", nst_le},
				    {"__index", nst_index},
				    {"__newindex", nst_newindex},
				    {"__concat", i64_concat},
				    {NULL, NULL}};

/* ---- Address ------------------------------------------------------------ */

void wslua_push_address(lua_State *L, const struct address *a)
{
	struct address *u = lua_newuserdatauv(L, sizeof *u, 0);
	*u = *a;
	luaL_setmetatable(L, "Address");
}

static int addr_tostring(lua_State *L)
{
	struct address *a = luaL_checkudata(L, 1, "Address");
	char buf[64];
	if (a->type == AT_NONE)
		lua_pushstring(L, "");
	else
		lua_pushstring(L, addr_to_str(a, buf, sizeof buf));
	return 1;
}

static int addr_eq(lua_State *L)
{
	struct address *a = luaL_checkudata(L, 1, "Address");
	struct address *b = luaL_checkudata(L, 2, "Address");
	lua_pushboolean(L, addr_cmp(a, b) == 0);
	return 1;
}
static int addr_lt(lua_State *L)
{
	lua_pushboolean(
	    L, addr_cmp(luaL_checkudata(L, 1, "Address"), luaL_checkudata(L, 2, "Address")) < 0);
	return 1;
}
static int addr_le(lua_State *L)
{
	lua_pushboolean(
	    L, addr_cmp(luaL_checkudata(L, 1, "Address"), luaL_checkudata(L, 2, "Address")) <= 0);
	return 1;
}

static int addr_ip(lua_State *L)
{
	struct address a = {0};
	const char *s = luaL_checkstring(L, 1);
	uint8_t b[4];
	if (inet_pton(AF_INET, s, b) != 1)
		return luaL_argerror(L, 1, "invalid IPv4 address");
	addr_set(&a, AT_IPv4, b);
	wslua_push_address(L, &a);
	return 1;
}
static int addr_ipv6(lua_State *L)
{
	struct address a = {0};
	const char *s = luaL_checkstring(L, 1);
	uint8_t b[16];
	if (inet_pton(AF_INET6, s, b) != 1)
		return luaL_argerror(L, 1, "invalid IPv6 address");
	addr_set(&a, AT_IPv6, b);
	wslua_push_address(L, &a);
	return 1;
}
static int addr_ether(lua_State *L)
{
	struct address a = {0};
	const char *s = luaL_checkstring(L, 1);
	unsigned v[6] = {0, 0, 0, 0, 0, 0};
	/* Wireshark 4.0 gives a shorter address as all zeros (its suite relies on it) */
	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6)
		memset(v, 0, sizeof v);
	uint8_t b[6];
	for (int i = 0; i < 6; i++)
		b[i] = (uint8_t)v[i];
	addr_set(&a, AT_ETHER, b);
	wslua_push_address(L, &a);
	return 1;
}

static const luaL_Reg addr_meta[] = {
    {"__tostring", addr_tostring}, {"__eq", addr_eq}, {"__lt", addr_lt}, {"__le", addr_le},
    {"__concat", i64_concat},      {NULL, NULL}};

/* ---- ByteArray ------------------------------------------------------------
** A userdata with one user value: a Lua string holding the bytes, so the
** memory belongs to the collector and nothing leaks when an error unwinds. */

void wslua_push_bytearray(lua_State *L, const uint8_t *p, size_t n)
{
	lua_newuserdatauv(L, 1, 1);
	lua_pushlstring(L, (const char *)p, n);
	lua_setiuservalue(L, -2, 1);
	luaL_setmetatable(L, "ByteArray");
}

static const char *ba_get(lua_State *L, int idx, size_t *n)
{
	luaL_checkudata(L, idx, "ByteArray");
	lua_getiuservalue(L, idx, 1);
	const char *s = lua_tolstring(L, -1, n);
	lua_pop(L, 1); /* the string stays referenced by the userdata */
	return s;
}

static void ba_set(lua_State *L, int idx)
{
	lua_setiuservalue(L, idx, 1);
}

static int ba_new(lua_State *L)
{
	/* arguments first: luaL_buffinit pushes onto the stack */
	int have = lua_gettop(L) >= 1 && !lua_isnil(L, 1);
	size_t n = 0;
	const char *s = have ? luaL_checklstring(L, 1, &n) : NULL;
	int raw = lua_type(L, 2) == LUA_TBOOLEAN && lua_toboolean(L, 2);
	const char *sep = raw ? "" : luaL_optstring(L, 2, " ");
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	if (have) {
		if (raw)
			luaL_addlstring(&b, s, n);
		else {
			int hi = -1;
			for (size_t i = 0; i < n; i++) {
				int v = hex_value((unsigned char)s[i]);
				if (v < 0) {
					if (sep[0] && s[i] == sep[0])
						continue;
					continue;
				}
				if (hi < 0)
					hi = v;
				else {
					luaL_addchar(&b, (char)(hi << 4 | v));
					hi = -1;
				}
			}
		}
	}
	luaL_pushresult(&b);
	lua_newuserdatauv(L, 1, 1);
	lua_insert(L, -2);
	lua_setiuservalue(L, -2, 1);
	luaL_setmetatable(L, "ByteArray");
	return 1;
}

static int ba_call(lua_State *L)
{
	lua_remove(L, 1);
	return ba_new(L);
}

static int ba_len(lua_State *L)
{
	size_t n;
	ba_get(L, 1, &n);
	lua_pushinteger(L, (lua_Integer)n);
	return 1;
}

static int ba_tohex(lua_State *L)
{
	size_t n;
	const char *s = ba_get(L, 1, &n);
	int lower = lua_toboolean(L, 2);
	const char *sep = luaL_optstring(L, 3, "");
	const char *dig = lower ? "0123456789abcdef" : "0123456789ABCDEF";
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	for (size_t i = 0; i < n; i++) {
		if (i && sep[0])
			luaL_addstring(&b, sep);
		luaL_addchar(&b, dig[(uint8_t)s[i] >> 4]);
		luaL_addchar(&b, dig[(uint8_t)s[i] & 15]);
	}
	luaL_pushresult(&b);
	return 1;
}

static int ba_tostring(lua_State *L)
{
	lua_settop(L, 1);
	return ba_tohex(L);
}

static int ba_raw(lua_State *L)
{
	size_t n;
	const char *s = ba_get(L, 1, &n);
	lua_Integer off = luaL_optinteger(L, 2, 0), len = luaL_optinteger(L, 3, -1);
	if (off < 0 || (size_t)off > n)
		return luaL_argerror(L, 2, "offset out of bounds");
	if (len < 0 || (size_t)(off + len) > n)
		len = (lua_Integer)n - off;
	lua_pushlstring(L, s + off, (size_t)len);
	return 1;
}

static int ba_subset(lua_State *L)
{
	size_t n;
	const char *s = ba_get(L, 1, &n);
	lua_Integer off = luaL_checkinteger(L, 2), len = luaL_checkinteger(L, 3);
	if (off < 0 || len < 0 || (size_t)(off + len) > n)
		return 0;
	wslua_push_bytearray(L, (const uint8_t *)s + off, (size_t)len);
	return 1;
}

static int ba_get_index(lua_State *L)
{
	size_t n;
	const char *s = ba_get(L, 1, &n);
	lua_Integer i = luaL_checkinteger(L, 2);
	if (i < 0 || (size_t)i >= n)
		return luaL_argerror(L, 2, "bad index");
	lua_pushinteger(L, (uint8_t)s[i]);
	return 1;
}

static int ba_set_index(lua_State *L)
{
	size_t n;
	const char *s = ba_get(L, 1, &n);
	lua_Integer i = luaL_checkinteger(L, 2), v = luaL_checkinteger(L, 3);
	if (i < 0 || (size_t)i >= n)
		return luaL_argerror(L, 2, "bad index");
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	luaL_addlstring(&b, s, n);
	luaL_pushresult(&b);
	size_t m;
	char *w = (char *)lua_tolstring(L, -1, &m);
	/* a fresh copy: strings are immutable, so rebuild it with the byte changed */
	lua_pop(L, 1);
	(void)w;
	lua_pushlstring(L, s, (size_t)i);
	char c = (char)v;
	lua_pushlstring(L, &c, 1);
	lua_pushlstring(L, s + i + 1, n - (size_t)i - 1);
	lua_concat(L, 3);
	ba_set(L, 1);
	return 0;
}

static int ba_set_size(lua_State *L)
{
	size_t n;
	const char *s = ba_get(L, 1, &n);
	lua_Integer sz = luaL_checkinteger(L, 2);
	if (sz < 0)
		return luaL_argerror(L, 2, "ByteArray size must be non-negative");
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	luaL_addlstring(&b, s, (size_t)sz < n ? (size_t)sz : n);
	for (size_t i = n; i < (size_t)sz; i++)
		luaL_addchar(&b, 0);
	luaL_pushresult(&b);
	ba_set(L, 1);
	return 0;
}

static int ba_append(lua_State *L)
{
	size_t n, m;
	const char *s = ba_get(L, 1, &n);
	const char *t = ba_get(L, 2, &m);
	lua_pushlstring(L, s, n);
	lua_pushlstring(L, t, m);
	lua_concat(L, 2);
	ba_set(L, 1);
	return 0;
}

static int ba_prepend(lua_State *L)
{
	size_t n, m;
	const char *s = ba_get(L, 1, &n);
	const char *t = ba_get(L, 2, &m);
	lua_pushlstring(L, t, m);
	lua_pushlstring(L, s, n);
	lua_concat(L, 2);
	ba_set(L, 1);
	return 0;
}

static int ba_concat(lua_State *L)
{
	size_t n, m;
	const char *s = ba_get(L, 1, &n);
	const char *t = ba_get(L, 2, &m);
	lua_pushlstring(L, s, n);
	lua_pushlstring(L, t, m);
	lua_concat(L, 2);
	size_t k;
	const char *r = lua_tolstring(L, -1, &k);
	wslua_push_bytearray(L, (const uint8_t *)r, k);
	return 1;
}

static int ba_eq(lua_State *L)
{
	size_t n, m;
	const char *s = ba_get(L, 1, &n);
	const char *t = ba_get(L, 2, &m);
	lua_pushboolean(L, n == m && !memcmp(s, t, n));
	return 1;
}

static int ba_base64_decode(lua_State *L)
{
	size_t n;
	const char *s = ba_get(L, 1, &n);
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	uint32_t acc = 0;
	int bits = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i], v;
		if (c >= 'A' && c <= 'Z')
			v = c - 'A';
		else if (c >= 'a' && c <= 'z')
			v = c - 'a' + 26;
		else if (c >= '0' && c <= '9')
			v = c - '0' + 52;
		else if (c == '+' || c == '-')
			v = 62;
		else if (c == '/' || c == '_')
			v = 63;
		else
			continue;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			luaL_addchar(&b, (char)(acc >> bits));
		}
	}
	luaL_pushresult(&b);
	size_t k;
	const char *r = lua_tolstring(L, -1, &k);
	wslua_push_bytearray(L, (const uint8_t *)r, k);
	return 1;
}

static const luaL_Reg ba_methods[] = {{"len", ba_len},
				      {"tohex", ba_tohex},
				      {"raw", ba_raw},
				      {"subset", ba_subset},
				      {"get_index", ba_get_index},
				      {"set_index", ba_set_index},
				      {"set_size", ba_set_size},
				      {"append", ba_append},
				      {"prepend", ba_prepend},
				      {"tostring", ba_tostring},
				      {"base64_decode", ba_base64_decode},
				      {NULL, NULL}};
static const luaL_Reg ba_meta[] = {{"__tostring", ba_tostring},
				   {"__len", ba_len},
				   {"__concat", ba_concat},
				   {"__eq", ba_eq},
				   {NULL, NULL}};

/* ---- bit32 (5.2) and bit (LuaBitOp, which Wireshark also ships) ------------ */

static uint32_t u32arg(lua_State *L, int i)
{
	lua_Number d = luaL_checknumber(L, i);
	if (lua_isinteger(L, i))
		return (uint32_t)lua_tointeger(L, i);
	d = fmod(floor(d), 4294967296.0);
	if (d < 0)
		d += 4294967296.0;
	return (uint32_t)d;
}

static int b32_push(lua_State *L, uint32_t v)
{
	lua_pushinteger(L, (lua_Integer)v);
	return 1;
}

static int b32_band(lua_State *L)
{
	uint32_t r = ~0u;
	for (int i = 1; i <= lua_gettop(L); i++)
		r &= u32arg(L, i);
	return b32_push(L, r);
}
static int b32_bor(lua_State *L)
{
	uint32_t r = 0;
	for (int i = 1; i <= lua_gettop(L); i++)
		r |= u32arg(L, i);
	return b32_push(L, r);
}
static int b32_bxor(lua_State *L)
{
	uint32_t r = 0;
	for (int i = 1; i <= lua_gettop(L); i++)
		r ^= u32arg(L, i);
	return b32_push(L, r);
}
static int b32_btest(lua_State *L)
{
	uint32_t r = ~0u;
	for (int i = 1; i <= lua_gettop(L); i++)
		r &= u32arg(L, i);
	lua_pushboolean(L, r != 0);
	return 1;
}
static int b32_bnot(lua_State *L)
{
	return b32_push(L, ~u32arg(L, 1));
}
static uint32_t shl(uint32_t v, lua_Integer n)
{
	if (n <= -32 || n >= 32)
		return 0;
	return n >= 0 ? v << n : v >> -n;
}
static int b32_lshift(lua_State *L)
{
	return b32_push(L, shl(u32arg(L, 1), luaL_checkinteger(L, 2)));
}
static int b32_rshift(lua_State *L)
{
	return b32_push(L, shl(u32arg(L, 1), -luaL_checkinteger(L, 2)));
}
static int b32_arshift(lua_State *L)
{
	uint32_t v = u32arg(L, 1);
	lua_Integer n = luaL_checkinteger(L, 2);
	if (n < 0 || !(v & 0x80000000u))
		return b32_push(L, shl(v, -n));
	if (n >= 32)
		return b32_push(L, ~0u);
	return b32_push(L, (v >> n) | ~(~0u >> n));
}
static int b32_lrotate(lua_State *L)
{
	uint32_t v = u32arg(L, 1);
	unsigned n = (unsigned)(luaL_checkinteger(L, 2) & 31);
	return b32_push(L, n ? (v << n) | (v >> (32 - n)) : v);
}
static int b32_rrotate(lua_State *L)
{
	uint32_t v = u32arg(L, 1);
	unsigned n = (unsigned)(luaL_checkinteger(L, 2) & 31);
	return b32_push(L, n ? (v >> n) | (v << (32 - n)) : v);
}
static int b32_extract(lua_State *L)
{
	uint32_t v = u32arg(L, 1);
	lua_Integer f = luaL_checkinteger(L, 2), w = luaL_optinteger(L, 3, 1);
	luaL_argcheck(L, f >= 0 && f < 32, 2, "field cannot be negative");
	luaL_argcheck(L, w > 0 && f + w <= 32, 3, "trying to access non-existent bits");
	uint32_t m = w == 32 ? ~0u : ((1u << w) - 1);
	return b32_push(L, (v >> f) & m);
}
static int b32_replace(lua_State *L)
{
	uint32_t v = u32arg(L, 1), x = u32arg(L, 2);
	lua_Integer f = luaL_checkinteger(L, 3), w = luaL_optinteger(L, 4, 1);
	luaL_argcheck(L, f >= 0 && f < 32, 3, "field cannot be negative");
	luaL_argcheck(L, w > 0 && f + w <= 32, 4, "trying to access non-existent bits");
	uint32_t m = w == 32 ? ~0u : ((1u << w) - 1);
	return b32_push(L, (v & ~(m << f)) | ((x & m) << f));
}

static const luaL_Reg bit32_funcs[] = {{"band", b32_band},
				       {"bor", b32_bor},
				       {"bxor", b32_bxor},
				       {"btest", b32_btest},
				       {"bnot", b32_bnot},
				       {"lshift", b32_lshift},
				       {"rshift", b32_rshift},
				       {"arshift", b32_arshift},
				       {"lrotate", b32_lrotate},
				       {"rrotate", b32_rrotate},
				       {"extract", b32_extract},
				       {"replace", b32_replace},
				       {NULL, NULL}};

/* LuaBitOp returns signed 32-bit results */
static int bit_wrap(lua_State *L, lua_CFunction f)
{
	f(L);
	lua_Integer v = lua_tointeger(L, -1);
	lua_pop(L, 1);
	lua_pushinteger(L, (int32_t)(uint32_t)v);
	return 1;
}
#define BITW(n)                                                                                    \
	static int bit_##n(lua_State *L)                                                           \
	{                                                                                          \
		return bit_wrap(L, b32_##n);                                                       \
	}
BITW(band)
BITW(bor)
BITW(bxor)
BITW(bnot)
BITW(lshift)
BITW(rshift)
BITW(arshift)
BITW(lrotate)
BITW(rrotate)
static int bit_tobit(lua_State *L)
{
	lua_pushinteger(L, (int32_t)u32arg(L, 1));
	return 1;
}
static int bit_tohex(lua_State *L)
{
	uint32_t v = u32arg(L, 1);
	return push_hex(L, v, luaL_optinteger(L, 2, 8), 8);
}
static int bit_bswap(lua_State *L)
{
	uint32_t v = u32arg(L, 1);
	v = (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
	lua_pushinteger(L, (int32_t)v);
	return 1;
}
static const luaL_Reg bit_funcs[] = {{"band", bit_band},
				     {"bor", bit_bor},
				     {"bxor", bit_bxor},
				     {"bnot", bit_bnot},
				     {"lshift", bit_lshift},
				     {"rshift", bit_rshift},
				     {"arshift", bit_arshift},
				     {"rol", bit_lrotate},
				     {"ror", bit_rrotate},
				     {"tobit", bit_tobit},
				     {"tohex", bit_tohex},
				     {"bswap", bit_bswap},
				     {NULL, NULL}};

/* ---- constants ------------------------------------------------------------ */

struct iconst {
	const char *name;
	lua_Integer v;
};

static void set_consts(lua_State *L, const struct iconst *c)
{
	for (; c->name; c++) {
		lua_pushinteger(L, c->v);
		lua_setfield(L, -2, c->name);
	}
}

static const struct iconst base_consts[] = {{"NONE", BASE_NONE},
					    {"DEC", BASE_DEC},
					    {"HEX", BASE_HEX},
					    {"OCT", BASE_OCT},
					    {"DEC_HEX", BASE_DEC_HEX},
					    {"HEX_DEC", BASE_HEX_DEC},
					    {"UNIT_STRING", BASE_UNIT_STRING},
					    {"RANGE_STRING", BASE_RANGE_STRING},
					    {"LOCAL", ABSOLUTE_TIME_LOCAL},
					    {"UTC", ABSOLUTE_TIME_UTC},
					    {"DOY_UTC", ABSOLUTE_TIME_DOY_UTC},
					    {"DOT", SEP_DOT},
					    {"DASH", SEP_DASH},
					    {"COLON", SEP_COLON},
					    {"SPACE", SEP_SPACE},
					    {NULL, 0}};

static const struct iconst enc_consts[] = {{"ENC_BIG_ENDIAN", 0x0},
					   {"ENC_LITTLE_ENDIAN", 0x80000000},
					   {"ENC_NA", 0x0},
					   {"ENC_HOST_ENDIAN", 0x80000000},
					   {"ENC_ASCII", 0x0},
					   {"ENC_UTF_8", 0x2},
					   {"ENC_UTF_16", 0x4},
					   {"ENC_UCS_2", 0x6},
					   {"ENC_UCS_4", 0x8},
					   {"ENC_ISO_8859_1", 0xA},
					   {"ENC_WINDOWS_1252", 0x24},
					   {"ENC_STR_HEX", 0x02000000},
					   {"ENC_STR_NUM", 0x01000000},
					   {"ENC_SEP_NONE", 0x00010000},
					   {"ENC_SEP_COLON", 0x00020000},
					   {"ENC_SEP_DASH", 0x00040000},
					   {"ENC_SEP_DOT", 0x00080000},
					   {"ENC_SEP_SPACE", 0x00100000},
					   {"ENC_TIME_SECS_NSECS", 0x0},
					   {"ENC_TIME_NTP", 0x2},
					   {"ENC_TIME_TOD", 0x4},
					   {"ENC_TIME_SECS", 0x12},
					   {"ENC_TIME_MSECS", 0x14},
					   {"ENC_TIME_TIMESPEC", 0x0},
					   {"ENC_CHARENCODING_MASK", 0x0000FFFE},
					   {"ENC_STRING", 0x03000000},
					   {"ENC_BCD_DIGITS_0_9", 0x44},
					   {"ENC_EBCDIC", 0x2E},
					   {"ENC_ISO_8601_DATE", 0x00010000},
					   {"ENC_ISO_8601_TIME", 0x00020000},
					   {"ENC_ISO_8601_DATE_TIME", 0x00030000},
					   {"ENC_RFC_822", 0x00040000},
					   {"ENC_RFC_1123", 0x00080000},
					   {"ENC_IMF_DATE_TIME", 0x00040000},
					   {"ENC_ISO_8601_DATE_TIME_BASIC", 0x00100000},
					   {"ENC_STR_TIME_MASK", 0x001F0000},
					   {"ENC_STR_MASK", 0x0000FFFE},
					   {"ENC_NUM_PREF", 0x00200000},
					   {NULL, 0}};

static const struct iconst pi_consts[] = {
    {"PI_COMMENT", PI_COMMENT},
    {"PI_CHAT", PI_CHAT},
    {"PI_NOTE", PI_NOTE},
    {"PI_WARN", PI_WARN},
    {"PI_ERROR", PI_ERROR},
    {"PI_CHECKSUM", PI_CHECKSUM},
    {"PI_SEQUENCE", PI_SEQUENCE},
    {"PI_RESPONSE_CODE", PI_RESPONSE_CODE},
    {"PI_REQUEST_CODE", PI_REQUEST_CODE},
    {"PI_UNDECODED", PI_UNDECODED},
    {"PI_REASSEMBLE", PI_REASSEMBLE},
    {"PI_MALFORMED", PI_MALFORMED},
    {"PI_DEBUG", PI_DEBUG},
    {"PI_PROTOCOL", PI_PROTOCOL},
    {"PI_SECURITY", PI_SECURITY},
    {"PI_COMMENTS_GROUP", PI_COMMENTS_GROUP},
    {"PI_DECRYPTION", PI_DECRYPTION},
    {"PI_ASSUMPTION", PI_ASSUMPTION},
    {"PI_DEPRECATED", PI_DEPRECATED},
    {"PI_SEVERITY_MASK", 0x00F00000},
    {"PI_GROUP_MASK", 0xFF000000},
    {"DESEGMENT_ONE_MORE_SEGMENT", DESEGMENT_ONE_MORE_SEGMENT},
    {NULL, 0}};

/* Wireshark 4.0's ftenum numbers, which scripts see through ftypes.* */
static const struct {
	const char *name;
	int ws;
	enum ftype t;
} ftype_map[] = {{"NONE", 0, FT_NONE},
		 {"PROTOCOL", 1, FT_PROTOCOL},
		 {"BOOLEAN", 2, FT_BOOLEAN},
		 {"CHAR", 3, FT_CHAR},
		 {"UINT8", 4, FT_UINT8},
		 {"UINT16", 5, FT_UINT16},
		 {"UINT24", 6, FT_UINT24},
		 {"UINT32", 7, FT_UINT32},
		 {"UINT40", 8, FT_UINT40},
		 {"UINT48", 9, FT_UINT48},
		 {"UINT56", 10, FT_UINT56},
		 {"UINT64", 11, FT_UINT64},
		 {"INT8", 12, FT_INT8},
		 {"INT16", 13, FT_INT16},
		 {"INT24", 14, FT_INT24},
		 {"INT32", 15, FT_INT32},
		 {"INT40", 16, FT_INT40},
		 {"INT48", 17, FT_INT48},
		 {"INT56", 18, FT_INT56},
		 {"INT64", 19, FT_INT64},
		 {"IEEE_11073_SFLOAT", 20, FT_IEEE_11073_SFLOAT},
		 {"IEEE_11073_FLOAT", 21, FT_IEEE_11073_FLOAT},
		 {"FLOAT", 22, FT_FLOAT},
		 {"DOUBLE", 23, FT_DOUBLE},
		 {"ABSOLUTE_TIME", 24, FT_ABSOLUTE_TIME},
		 {"RELATIVE_TIME", 25, FT_RELATIVE_TIME},
		 {"STRING", 26, FT_STRING},
		 {"STRINGZ", 27, FT_STRINGZ},
		 {"UINT_STRING", 28, FT_UINT_STRING},
		 {"BYTES", 29, FT_BYTES},
		 {"UINT_BYTES", 30, FT_UINT_BYTES},
		 {"ETHER", 31, FT_ETHER},
		 {"IPv4", 32, FT_IPv4},
		 {"IPv6", 33, FT_IPv6},
		 {"IPXNET", 34, FT_IPXNET},
		 {"FRAMENUM", 35, FT_FRAMENUM},
		 {"GUID", 36, FT_GUID},
		 {"OID", 37, FT_OID},
		 {"EUI64", 38, FT_EUI64},
		 {"AX25", 39, FT_AX25},
		 {"VINES", 40, FT_VINES},
		 {"REL_OID", 41, FT_REL_OID},
		 {"SYSTEM_ID", 42, FT_SYSTEM_ID},
		 {"STRINGZPAD", 43, FT_STRINGZPAD},
		 {"FCWWN", 44, FT_FCWWN},
		 {"STRINGZTRUNC", 45, FT_STRINGZTRUNC},
		 {NULL, 0, FT_NONE}};

int wslua_ftype_to_lua(enum ftype t)
{
	for (int i = 0; ftype_map[i].name; i++)
		if (ftype_map[i].t == t)
			return ftype_map[i].ws;
	return 0;
}

int wslua_ftype_from_lua(lua_Integer n)
{
	for (int i = 0; ftype_map[i].name; i++)
		if (ftype_map[i].ws == n)
			return (int)ftype_map[i].t;
	return -1;
}

/*
** wtap.* / wtap_encaps.* hold Wireshark's WTAP_ENCAP numbers (lua_consts.c, as tshark 4.0);
** the "wtap_encap" DissectorTable here is keyed by LINKTYPE numbers (see dissect.h), so its
** keys go through wslua_wtap_to_linktype.
*/
static const struct {
	uint32_t wtap, linktype;
} wtap_linktypes[] = {{15, 0},    {1, 1},     {2, 6},     {4, 9},    {5, 10},   {7, 101},
		      {28, 104},  {20, 105},  {174, 108}, {25, 113}, {23, 127}, {124, 226},
		      {158, 253}, {141, 239}, {210, 276}, {0, 0}};

uint32_t wslua_wtap_to_linktype(uint32_t wtap)
{
	if (wtap >= 45 && wtap <= 60) /* USER0..USER15 */
		return wtap - 45 + 147;
	for (int i = 0; wtap_linktypes[i].wtap; i++)
		if (wtap_linktypes[i].wtap == wtap)
			return wtap_linktypes[i].linktype;
	return 0xffffffffu; /* no such link type here */
}

void wslua_open_util(lua_State *L)
{
	open_int64(L, "UInt64", uint64_new, uint64_call, uint64_max, uint64_min, uint64_decode,
		   uint64_fromhex);
	open_int64(L, "Int64", int64_new, int64_call, int64_max, int64_min, int64_decode,
		   int64_fromhex);

	wslua_class(L, "NSTime", NULL, nst_meta);
	lua_newtable(L);
	lua_pushcfunction(L, nst_new);
	lua_setfield(L, -2, "new");
	lua_newtable(L);
	lua_pushcfunction(L, nst_call);
	lua_setfield(L, -2, "__call");
	lua_setmetatable(L, -2);
	lua_setglobal(L, "NSTime");

	wslua_class(L, "Address", NULL, addr_meta);
	lua_newtable(L);
	lua_pushcfunction(L, addr_ip);
	lua_setfield(L, -2, "ip");
	lua_pushcfunction(L, addr_ip);
	lua_setfield(L, -2, "ipv4");
	lua_pushcfunction(L, addr_ipv6);
	lua_setfield(L, -2, "ipv6");
	lua_pushcfunction(L, addr_ether);
	lua_setfield(L, -2, "ether");
	lua_setglobal(L, "Address");

	wslua_class(L, "ByteArray", ba_methods, ba_meta);
	lua_newtable(L);
	lua_pushcfunction(L, ba_new);
	lua_setfield(L, -2, "new");
	lua_newtable(L);
	lua_pushcfunction(L, ba_call);
	lua_setfield(L, -2, "__call");
	lua_setmetatable(L, -2);
	lua_setglobal(L, "ByteArray");

	luaL_newlib(L, bit32_funcs);
	lua_setglobal(L, "bit32");
	luaL_newlib(L, bit_funcs);
	lua_setglobal(L, "bit");

	lua_newtable(L);
	set_consts(L, base_consts);
	lua_setglobal(L, "base");
	lua_newtable(L);
	for (int i = 0; ftype_map[i].name; i++) {
		lua_pushinteger(L, ftype_map[i].ws);
		lua_setfield(L, -2, ftype_map[i].name);
	}
	lua_setglobal(L, "ftypes");
	lua_pushglobaltable(L);
	set_consts(L, enc_consts);
	set_consts(L, pi_consts);
	lua_pop(L, 1);
	/* expert.group.* / expert.severity.* (ProtoExpert.new arguments) */
	lua_newtable(L);
	lua_newtable(L);
	static const struct iconst groups[] = {{"CHECKSUM", PI_CHECKSUM},
					       {"SEQUENCE", PI_SEQUENCE},
					       {"RESPONSE_CODE", PI_RESPONSE_CODE},
					       {"REQUEST_CODE", PI_REQUEST_CODE},
					       {"UNDECODED", PI_UNDECODED},
					       {"REASSEMBLE", PI_REASSEMBLE},
					       {"MALFORMED", PI_MALFORMED},
					       {"DEBUG", PI_DEBUG},
					       {"PROTOCOL", PI_PROTOCOL},
					       {"SECURITY", PI_SECURITY},
					       {"COMMENTS_GROUP", PI_COMMENTS_GROUP},
					       {"DECRYPTION", PI_DECRYPTION},
					       {"ASSUMPTION", PI_ASSUMPTION},
					       {"DEPRECATED", PI_DEPRECATED},
					       {NULL, 0}};
	static const struct iconst sevs[] = {{"COMMENT", PI_COMMENT}, {"CHAT", PI_CHAT},
					     {"NOTE", PI_NOTE},       {"WARN", PI_WARN},
					     {"ERROR", PI_ERROR},     {NULL, 0}};
	set_consts(L, groups);
	lua_setfield(L, -2, "group");
	lua_newtable(L);
	set_consts(L, sevs);
	lua_setfield(L, -2, "severity");
	lua_setglobal(L, "expert");
}
