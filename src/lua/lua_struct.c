/*
** lua_struct.c -- Struct: binary packing in the format language of Roberto
** Ierusalimschy's struct library, as Wireshark exposes it (written from the
** format's description): < > = endianness, !n alignment, x padding, X align,
** b B h H l L T i[n] I[n] integers, e E 64-bit as Int64/UInt64, f d floats,
** s zero-terminated string, c[n] fixed string (c0: length from the previous
** value), ( ) and spaces ignored.
*/
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../core/util.h"
#include "lua_int.h"

#define MAXINTSIZE   8
#define NATIVE_ALIGN 8

struct fmtstate {
	int little;
	int align;
	int group; /* inside ( ): the bytes are skipped (unpack) or zero (pack), no values */
};

static int getnum(const char **f, int def)
{
	if (!isdigit((unsigned char)**f))
		return def;
	int a = 0;
	while (isdigit((unsigned char)**f) && a < 100000)
		a = a * 10 + (*(*f)++ - '0');
	return a;
}

/* size of option c (already consumed), reading its number suffix */
static size_t optsize(lua_State *L, char c, const char **f)
{
	switch (c) {
	case 'B':
	case 'b':
		return 1;
	case 'H':
	case 'h':
		return 2;
	case 'L':
	case 'l':
	case 'T':
	case 'e':
	case 'E':
		return 8;
	case 'f':
		return 4;
	case 'd':
		return 8;
	case 'x':
		return 1;
	case 'c':
		return (size_t)getnum(f, 1);
	case 'i':
	case 'I': {
		int n = getnum(f, 4);
		if (n < 1 || n > MAXINTSIZE)
			luaL_error(L, "integral size %d is larger than limit of %d", n, MAXINTSIZE);
		return (size_t)n;
	}
	default:
		return 0;
	}
}

static size_t gettoalign(size_t len, const struct fmtstate *h, int c, size_t size)
{
	if (size == 0 || c == 'c' || c == 's' || c == 'x')
		return 0;
	size_t a = size < (size_t)h->align ? size : (size_t)h->align;
	if (a <= 1)
		return 0;
	return (a - (len & (a - 1))) & (a - 1);
}

/* controls: returns 1 when c was a control option */
static int controloptions(lua_State *L, int c, const char **f, struct fmtstate *h)
{
	switch (c) {
	case ' ':
		return 1;
	case '(':
		h->group++;
		return 1;
	case ')':
		if (h->group > 0)
			h->group--;
		return 1;
	case '>':
		h->little = 0;
		return 1;
	case '<':
	case '=':
		h->little = 1;
		return 1;
	case '!': {
		int a = getnum(f, NATIVE_ALIGN);
		if (a & (a - 1))
			luaL_error(L, "alignment %d is not a power of 2", a);
		h->align = a;
		return 1;
	}
	default:
		return 0;
	}
}

static void putint(luaL_Buffer *b, uint64_t v, int little, size_t size)
{
	char buf[MAXINTSIZE];
	for (size_t i = 0; i < size; i++) {
		buf[little ? i : size - 1 - i] = (char)(v & 0xff);
		v >>= 8;
	}
	luaL_addlstring(b, buf, size);
}

static void putpad(luaL_Buffer *b, size_t n)
{
	while (n--)
		luaL_addchar(b, 0);
}

static int s_pack(lua_State *L)
{
	const char *f = luaL_checkstring(L, 1);
	struct fmtstate h = {1, 1, 0};
	int arg = 2;
	size_t total = 0;
	luaL_Buffer b;
	lua_pushnil(L); /* keeps the buffer's stack slot above the arguments */
	luaL_buffinit(L, &b);
	while (*f) {
		int c = *f++;
		if (controloptions(L, c, &f, &h))
			continue;
		if (c == 'X') {
			int nc = *f ? *f++ : 0;
			size_t sz = optsize(L, (char)nc, &f);
			size_t a = sz < (size_t)h.align ? sz : (size_t)h.align;
			size_t pad = a > 1 ? (a - (total & (a - 1))) & (a - 1) : 0;
			putpad(&b, pad);
			total += pad;
			continue;
		}
		size_t size = optsize(L, (char)c, &f);
		size_t pad = gettoalign(total, &h, c, size);
		putpad(&b, pad);
		total += pad;
		if (h.group) {
			if (c == 's' || (c == 'c' && size == 0))
				return luaL_error(L, "variable-size option '%c' inside ( )", c);
			putpad(&b, size);
			total += size;
			continue;
		}
		switch (c) {
		case 'b':
		case 'B':
		case 'h':
		case 'H':
		case 'l':
		case 'L':
		case 'T':
		case 'i':
		case 'I': {
			uint64_t v;
			if (lua_isinteger(L, arg))
				v = (uint64_t)lua_tointeger(L, arg);
			else {
				lua_Number d = luaL_checknumber(L, arg);
				v = d < 0 ? (uint64_t)(int64_t)d : (uint64_t)d;
			}
			arg++;
			putint(&b, v, h.little, size);
			break;
		}
		case 'e':
		case 'E':
			putint(&b, wslua_check_uint64(L, arg++), h.little, 8);
			break;
		case 'x':
			luaL_addchar(&b, 0);
			break;
		case 'f': {
			float x = (float)luaL_checknumber(L, arg++);
			uint32_t u;
			memcpy(&u, &x, 4);
			putint(&b, u, h.little, 4);
			break;
		}
		case 'd': {
			double x = luaL_checknumber(L, arg++);
			uint64_t u;
			memcpy(&u, &x, 8);
			putint(&b, u, h.little, 8);
			break;
		}
		case 'c':
		case 's': {
			size_t l;
			const char *s = luaL_checklstring(L, arg++, &l);
			if (c == 'c' && size == 0)
				size = l;
			if (c == 'c' && l < size)
				luaL_argerror(L, arg - 1, "string too short");
			if (c == 's')
				size = l + 1;
			luaL_addlstring(&b, s, c == 's' ? l : size);
			if (c == 's')
				luaL_addchar(&b, 0);
			break;
		}
		default:
			return luaL_error(L, "invalid format option '%c'", c);
		}
		total += size;
	}
	luaL_pushresult(&b);
	return 1;
}

static uint64_t getint(const char *p, int little, size_t size)
{
	uint64_t v = 0;
	for (size_t i = 0; i < size; i++)
		v = v << 8 | (uint8_t)p[little ? size - 1 - i : i];
	return v;
}

static int s_unpack(lua_State *L)
{
	const char *f = luaL_checkstring(L, 1);
	size_t ld;
	const char *data = luaL_checklstring(L, 2, &ld);
	lua_Integer init = luaL_optinteger(L, 3, 1);
	if (init < 1)
		return luaL_argerror(L, 3, "offset must be 1 or greater");
	size_t pos = (size_t)init - 1;
	struct fmtstate h = {1, 1, 0};
	int n = 0;
	while (*f) {
		int c = *f++;
		if (controloptions(L, c, &f, &h))
			continue;
		if (c == 'X') {
			int nc = *f ? *f++ : 0;
			size_t sz = optsize(L, (char)nc, &f);
			size_t a = sz < (size_t)h.align ? sz : (size_t)h.align;
			pos += a > 1 ? (a - (pos & (a - 1))) & (a - 1) : 0;
			continue;
		}
		size_t size = optsize(L, (char)c, &f);
		pos += gettoalign(pos, &h, c, size);
		if (pos > ld || size > ld - pos)
			return luaL_argerror(L, 2, "data string too short");
		if (h.group) {
			pos += size;
			continue;
		}
		luaL_checkstack(L, 2, "too many results");
		switch (c) {
		case 'b':
		case 'h':
		case 'l':
		case 'i': {
			uint64_t v = getint(data + pos, h.little, size);
			if (size < 8) {
				uint64_t m = 1ULL << (size * 8 - 1);
				v = (v ^ m) - m;
			}
			lua_pushinteger(L, (lua_Integer)v);
			n++;
			break;
		}
		case 'B':
		case 'H':
		case 'L':
		case 'T':
		case 'I': {
			uint64_t v = getint(data + pos, h.little, size);
			if (size == 8 && v > (uint64_t)INT64_MAX)
				lua_pushnumber(L, (lua_Number)v);
			else
				lua_pushinteger(L, (lua_Integer)v);
			n++;
			break;
		}
		case 'e':
			wslua_push_int64(L, (int64_t)getint(data + pos, h.little, 8));
			n++;
			break;
		case 'E':
			wslua_push_uint64(L, getint(data + pos, h.little, 8));
			n++;
			break;
		case 'x':
			break;
		case 'f': {
			uint32_t u = (uint32_t)getint(data + pos, h.little, 4);
			float x;
			memcpy(&x, &u, 4);
			lua_pushnumber(L, x);
			n++;
			break;
		}
		case 'd': {
			uint64_t u = getint(data + pos, h.little, 8);
			double x;
			memcpy(&x, &u, 8);
			lua_pushnumber(L, x);
			n++;
			break;
		}
		case 'c':
			if (size == 0) {
				if (n == 0 || lua_type(L, -1) != LUA_TNUMBER)
					return luaL_error(L, "format 'c0' needs a previous size");
				lua_Number sz = lua_tonumber(L, -1);
				if (sz < 0 || sz > (lua_Number)ld)
					return luaL_argerror(L, 2, "data string too short");
				size = (size_t)sz;
				lua_pop(L, 1);
				n--;
				if (pos > ld || size > ld - pos)
					return luaL_argerror(L, 2, "data string too short");
			}
			lua_pushlstring(L, data + pos, size);
			n++;
			break;
		case 's': {
			const char *e = memchr(data + pos, 0, ld - pos);
			if (!e)
				return luaL_error(L, "unfinished string in data");
			size = (size_t)(e - (data + pos)) + 1;
			lua_pushlstring(L, data + pos, size - 1);
			n++;
			break;
		}
		default:
			return luaL_error(L, "invalid format option '%c'", c);
		}
		pos += size;
	}
	lua_pushinteger(L, (lua_Integer)pos + 1);
	return n + 1;
}

static int s_size(lua_State *L)
{
	const char *f = luaL_checkstring(L, 1);
	struct fmtstate h = {1, 1, 0};
	size_t pos = 0;
	while (*f) {
		int c = *f++;
		if (controloptions(L, c, &f, &h))
			continue;
		if (c == 'X') {
			int nc = *f ? *f++ : 0;
			size_t sz = optsize(L, (char)nc, &f);
			size_t a = sz < (size_t)h.align ? sz : (size_t)h.align;
			pos += a > 1 ? (a - (pos & (a - 1))) & (a - 1) : 0;
			continue;
		}
		size_t size = optsize(L, (char)c, &f);
		if (c == 's' || (c == 'c' && size == 0))
			return luaL_argerror(L, 1, "options 'c0' and 's' have no fixed size");
		if (!strchr("bBhHlLTiIeEfdxc", c))
			return luaL_error(L, "invalid format option '%c'", c);
		pos += gettoalign(pos, &h, c, size) + size;
	}
	lua_pushinteger(L, (lua_Integer)pos);
	return 1;
}

static int s_values(lua_State *L)
{
	const char *f = luaL_checkstring(L, 1);
	struct fmtstate h = {1, 1, 0};
	int n = 0;
	while (*f) {
		int c = *f++;
		if (controloptions(L, c, &f, &h))
			continue;
		if (c == 'X') {
			if (*f)
				f++;
			getnum(&f, 0);
			continue;
		}
		optsize(L, (char)c, &f);
		if (c == 'x' || h.group)
			continue;
		n++;
	}
	lua_pushinteger(L, n);
	return 1;
}

static int s_tohex(lua_State *L)
{
	size_t n;
	const char *s = luaL_checklstring(L, 1, &n);
	int lower = lua_toboolean(L, 2);
	const char *sep = luaL_optstring(L, 3, "");
	const char *dig = lower ? "0123456789abcdef" : "0123456789ABCDEF";
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	for (size_t i = 0; i < n; i++) {
		if (i && *sep)
			luaL_addstring(&b, sep);
		luaL_addchar(&b, dig[(uint8_t)s[i] >> 4]);
		luaL_addchar(&b, dig[(uint8_t)s[i] & 15]);
	}
	luaL_pushresult(&b);
	return 1;
}

static int s_fromhex(lua_State *L)
{
	size_t n;
	const char *s = luaL_checklstring(L, 1, &n);
	const char *sep = luaL_optstring(L, 2, "");
	size_t sl = strlen(sep);
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	size_t i = 0;
	while (i + 1 < n + 1 && i < n) {
		if (sl && i + sl <= n && !memcmp(s + i, sep, sl)) {
			i += sl;
			continue;
		}
		if (i + 1 >= n)
			break;
		int hi = hex_value((unsigned char)s[i]), lo = hex_value((unsigned char)s[i + 1]);
		if (hi < 0 || lo < 0)
			break;
		luaL_addchar(&b, (char)(hi << 4 | lo));
		i += 2;
	}
	luaL_pushresult(&b);
	return 1;
}

static const luaL_Reg struct_funcs[] = {
    {"pack", s_pack},   {"unpack", s_unpack},   {"size", s_size}, {"values", s_values},
    {"tohex", s_tohex}, {"fromhex", s_fromhex}, {NULL, NULL}};

void wslua_open_struct(lua_State *L)
{
	luaL_newlib(L, struct_funcs);
	lua_setglobal(L, "Struct");
}
