/*
** lua_field.c -- Field (an extractor for one registry field) and FieldInfo
** (one occurrence in the current packet), and all_field_infos().
**
** A FieldInfo refers to an item of the current packet's fieldset by index;
** the fieldset is reset between packets, so a FieldInfo kept across packets
** is detected through the packet number and rejected.
*/
#include <stdio.h>
#include <string.h>

#include "../output/format.h"
#include "lua_int.h"

/* magic: a cheap type check (below); only this file makes these userdata */
#define FIELD_MAGIC 0x57534669u /* "WSFi" */
#define FINFO_MAGIC 0x57534649u /* "WSFI" */

struct lfield {
	uint32_t magic;
	int id;
};

struct lfinfo {
	uint32_t magic;
	int idx;
	uint32_t pknum;
};

/*
** Taps call Field() and tostring() on FieldInfos several times per packet:
** metatables are set from registry refs (integer keys) rather than found by
** name, and a userdata of this file is recognised by its size and magic word
** instead of comparing metatables (luaL_checkudata) on every call.
*/
static int field_mt = LUA_NOREF, finfo_mt = LUA_NOREF;

static void *check_ud(lua_State *L, int i, size_t size, uint32_t magic, const char *tname)
{
	uint32_t *p = lua_touserdata(L, i);
	if (p && lua_rawlen(L, i) == size && *p == magic)
		return p;
	return luaL_checkudata(L, i, tname); /* raises tshark's message */
}

static int field_new(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	if (wslua_loaded)
		return luaL_error(
		    L, "A Field extractor must be defined before Taps or Dissectors get called");
	int id = field_lookup(name);
	if (id < 0)
		return luaL_argerror(L, 1, "Field_new: a field with this name must exist");
	field_want(id);
	struct lfield *f = lua_newuserdatauv(L, sizeof *f, 0);
	f->magic = FIELD_MAGIC;
	f->id = id;
	lua_rawgeti(L, LUA_REGISTRYINDEX, field_mt);
	lua_setmetatable(L, -2);
	return 1;
}

static int field_call(lua_State *L)
{
	struct lfield *f = check_ud(L, 1, sizeof(struct lfield), FIELD_MAGIC, "Field");
	if (!wslua_pk)
		return luaL_error(L, "Fields cannot be used outside dissectors or taps");
	struct fieldset *fs = wslua_pk->fs;
	int n = 0;
	for (int i = fs_first(fs, f->id); i >= 0; i = fs->items[i].next_same) {
		if (n >= LUA_MINSTACK - 4) /* a C function starts with LUA_MINSTACK free slots */
			luaL_checkstack(L, 2, "too many field occurrences");
		wslua_push_fieldinfo(L, i);
		n++;
	}
	return n;
}

static int field_list(lua_State *L)
{
	lua_newtable(L);
	int k = 1;
	for (int id = 0; id < field_count(); id++) {
		lua_pushstring(L, field_get(id)->abbrev);
		lua_rawseti(L, -2, k++);
	}
	return 1;
}

static int field_index(lua_State *L)
{
	struct lfield *f = check_ud(L, 1, sizeof(struct lfield), FIELD_MAGIC, "Field");
	const char *k = luaL_checkstring(L, 2);
	const struct field_def *d = field_get(f->id);
	if (!strcmp(k, "name"))
		lua_pushstring(L, d->abbrev);
	else if (!strcmp(k, "display"))
		lua_pushstring(L, d->name);
	else if (!strcmp(k, "type"))
		lua_pushinteger(L, wslua_ftype_to_lua(d->type));
	else
		lua_pushnil(L);
	return 1;
}

static int field_tostring(lua_State *L)
{
	struct lfield *f = check_ud(L, 1, sizeof(struct lfield), FIELD_MAGIC, "Field");
	lua_pushstring(L, field_get(f->id)->abbrev);
	return 1;
}

void wslua_push_fieldinfo(lua_State *L, int idx)
{
	struct lfinfo *fi = lua_newuserdatauv(L, sizeof *fi, 0);
	fi->magic = FINFO_MAGIC;
	fi->idx = idx;
	fi->pknum = wslua_pk ? wslua_pk->num : 0;
	lua_rawgeti(L, LUA_REGISTRYINDEX, finfo_mt);
	lua_setmetatable(L, -2);
}

static const struct fitem *check_fi(lua_State *L, int i)
{
	struct lfinfo *fi = check_ud(L, i, sizeof(struct lfinfo), FINFO_MAGIC, "FieldInfo");
	if (!wslua_pk || fi->pknum != wslua_pk->num || fi->idx >= wslua_pk->fs->n)
		luaL_error(L, "FieldInfo: expired (used outside the packet it came from)");
	return &wslua_pk->fs->items[fi->idx];
}

static void push_value(lua_State *L, const struct fitem *it)
{
	const struct field_def *d = field_get(it->id);
	const struct fvalue *v = &it->val;
	struct address a = {0};
	switch (d->type) {
	case FT_NONE:
		lua_pushnil(L);
		return;
	case FT_PROTOCOL:
		/* the protocol's bytes, as a ByteArray of what it covers */
		if (wslua_pk && it->src == 0 && (uint64_t)it->pos + it->len <= wslua_pk->caplen)
			wslua_push_bytearray(L, wslua_pk->data + it->pos, it->len);
		else
			lua_pushnil(L);
		return;
	case FT_BOOLEAN:
		lua_pushboolean(L, v->v.u != 0);
		return;
	case FT_CHAR:
	case FT_UINT8:
	case FT_UINT16:
	case FT_UINT24:
	case FT_UINT32:
	case FT_FRAMENUM:
		lua_pushinteger(L, (lua_Integer)(uint32_t)v->v.u);
		return;
	case FT_INT8:
	case FT_INT16:
	case FT_INT24:
	case FT_INT32:
		lua_pushinteger(L, (lua_Integer)(int32_t)v->v.i);
		return;
	case FT_UINT40:
	case FT_UINT48:
	case FT_UINT56:
	case FT_UINT64:
	case FT_EUI64:
		wslua_push_uint64(L, v->v.u);
		return;
	case FT_INT40:
	case FT_INT48:
	case FT_INT56:
	case FT_INT64:
		wslua_push_int64(L, v->v.i);
		return;
	case FT_FLOAT:
	case FT_DOUBLE:
		lua_pushnumber(L, v->v.d);
		return;
	case FT_ABSOLUTE_TIME:
	case FT_RELATIVE_TIME:
		wslua_push_nstime(L, v->v.t.sec, v->v.t.nsec);
		return;
	case FT_IPv4:
		if (v->v.b.n >= 4)
			addr_set(&a, AT_IPv4, v->v.b.p);
		wslua_push_address(L, &a);
		return;
	case FT_IPv6:
		addr_set(&a, AT_IPv6, v->v.ip6);
		wslua_push_address(L, &a);
		return;
	case FT_ETHER:
		if (v->v.b.n >= 6)
			addr_set(&a, AT_ETHER, v->v.b.p);
		wslua_push_address(L, &a);
		return;
	case FT_STRING:
	case FT_STRINGZ:
	case FT_UINT_STRING:
	case FT_STRINGZPAD:
	case FT_STRINGZTRUNC: {
		/* the first NUL ends the value */
		const void *z = memchr(v->v.b.p, 0, v->v.b.n);
		lua_pushlstring(L, (const char *)v->v.b.p,
				z ? (size_t)((const uint8_t *)z - v->v.b.p) : v->v.b.n);
		return;
	}
	default:
		wslua_push_bytearray(L, v->v.b.p, v->v.b.n);
		return;
	}
}

static void push_repr(lua_State *L, const struct fitem *it)
{
	char buf[4096];
	fv_to_str(it, buf, sizeof buf);
	lua_pushstring(L, buf);
}

/* The value part of the tree label (value names first, as tshark shows them). */
static void push_display(lua_State *L, const struct fitem *it)
{
	const struct field_def *d = field_get(it->id);
	char buf[4096];
	fv_to_str(it, buf, sizeof buf);
	if (d->strings && d->type >= FT_UINT8 && d->type <= FT_INT64 &&
	    !(d->base & BASE_RANGE_STRING) && !(d->base & BASE_UNIT_STRING)) {
		const char *nm = vals_lookup(d->strings, (uint32_t)it->val.v.u);
		lua_pushfstring(L, "%s (%s)", nm ? nm : "Unknown", buf);
		return;
	}
	if (d->type == FT_BOOLEAN && d->strings) {
		const struct true_false_string *tf = d->strings;
		lua_pushstring(L, it->val.v.u ? tf->true_string : tf->false_string);
		return;
	}
	if (d->type == FT_BOOLEAN) {
		lua_pushstring(L, it->val.v.u ? "True" : "False");
		return;
	}
	if (d->type == FT_STRING || d->type == FT_STRINGZ || d->type == FT_UINT_STRING) {
		lua_pushstring(L, buf);
		return;
	}
	lua_pushstring(L, buf);
}

static int fi_index(lua_State *L)
{
	const struct fitem *it = check_fi(L, 1);
	const char *k = luaL_checkstring(L, 2);
	const struct field_def *d = field_get(it->id);
	if (!strcmp(k, "value"))
		push_value(L, it);
	else if (!strcmp(k, "display"))
		push_display(L, it);
	else if (!strcmp(k, "len"))
		lua_pushinteger(L, it->len);
	else if (!strcmp(k, "offset"))
		lua_pushinteger(L, it->pos);
	else if (!strcmp(k, "name"))
		/* tshark's text items are "text"; here they are _ws.text so -G fields skips them */
		lua_pushstring(L, strcmp(d->abbrev, "_ws.text") ? d->abbrev : "text");
	else if (!strcmp(k, "type"))
		lua_pushinteger(L, wslua_ftype_to_lua(d->type));
	else if (!strcmp(k, "label")) {
		if (it->text)
			lua_pushstring(L, it->text);
		else
			push_repr(L, it);
	} else if (!strcmp(k, "generated"))
		lua_pushboolean(L, (it->flags & FI_GENERATED) != 0);
	else if (!strcmp(k, "hidden"))
		lua_pushboolean(L, it->flags & FI_HIDDEN);
	else if (!strcmp(k, "source")) {
		if (it->src == 0)
			wslua_push_frame_tvb(L, wslua_pk);
		else
			lua_pushnil(L);
	} else if (!strcmp(k, "range") || !strcmp(k, "tvb")) {
		if (it->src == 0) {
			wslua_push_frame_tvb(L, wslua_pk);
			lua_getfield(L, -1, "range");
			lua_insert(L, -2);
			lua_pushinteger(L, it->pos);
			lua_pushinteger(L, it->len);
			lua_call(L, 3, 1);
		} else
			lua_pushnil(L);
	} else if (!strcmp(k, "is_url"))
		lua_pushboolean(L, 0);
	else if (!strcmp(k, "little_endian") || !strcmp(k, "big_endian"))
		lua_pushboolean(L, k[0] == 'b');
	else
		lua_pushnil(L);
	return 1;
}

static int fi_tostring(lua_State *L)
{
	const struct fitem *it = check_fi(L, 1);
	const struct field_def *d = field_get(it->id);
	if (d->type == FT_PROTOCOL || d->type == FT_NONE)
		lua_pushstring(L, d->abbrev);
	else
		push_repr(L, it);
	return 1;
}

/*
** The global tostring, as the base library's (luaL_tolstring), with a shortcut
** for FieldInfo: taps write tonumber(tostring(f())) per packet, and the
** generic route (__tostring looked up by name, then a C call) cost more than
** the formatting.  Every other value takes the generic route.
*/
static int fast_tostring(lua_State *L)
{
	luaL_checkany(L, 1);
	const struct lfinfo *fi = lua_touserdata(L, 1);
	if (fi && lua_type(L, 1) == LUA_TUSERDATA && lua_rawlen(L, 1) == sizeof *fi &&
	    fi->magic == FINFO_MAGIC)
		return fi_tostring(L);
	luaL_tolstring(L, 1, NULL);
	return 1;
}

static int fi_call(lua_State *L)
{
	push_value(L, check_fi(L, 1));
	return 1;
}

static int fi_len(lua_State *L)
{
	lua_pushinteger(L, check_fi(L, 1)->len);
	return 1;
}

static int fi_unm(lua_State *L)
{
	lua_pushinteger(L, check_fi(L, 1)->pos);
	return 1;
}

static int fi_cmp(lua_State *L, int op)
{
	const struct fitem *a = check_fi(L, 1), *b = check_fi(L, 2);
	if (a->id != b->id && field_get(a->id)->type != field_get(b->id)->type)
		return luaL_error(L, "Data source must be the same for both fields");
	char x[4096], y[4096];
	fv_to_str(a, x, sizeof x);
	fv_to_str(b, y, sizeof y);
	int c;
	enum ftype t = field_get(a->id)->type;
	if (t >= FT_UINT8 && t <= FT_UINT64)
		c = a->val.v.u < b->val.v.u ? -1 : a->val.v.u > b->val.v.u;
	else if (t >= FT_INT8 && t <= FT_INT64)
		c = a->val.v.i < b->val.v.i ? -1 : a->val.v.i > b->val.v.i;
	else
		c = strcmp(x, y);
	lua_pushboolean(L, op == 0 ? c == 0 : op == 1 ? c < 0 : c <= 0);
	return 1;
}
static int fi_eq(lua_State *L)
{
	return fi_cmp(L, 0);
}
static int fi_lt(lua_State *L)
{
	return fi_cmp(L, 1);
}
static int fi_le(lua_State *L)
{
	return fi_cmp(L, 2);
}

static int fi_concat(lua_State *L)
{
	luaL_tolstring(L, 1, NULL);
	luaL_tolstring(L, 2, NULL);
	lua_concat(L, 2);
	return 1;
}

static int all_field_infos(lua_State *L)
{
	if (!wslua_pk)
		return luaL_error(L, "Cannot be called outside a listener or dissector");
	struct fieldset *fs = wslua_pk->fs;
	int n = 0;
	for (int i = 0; i < fs->n; i++) {
		const struct field_def *d = field_get(fs->items[i].id);
		if (d && d->type == FT_PROTOCOL && d->abbrev[0] == '_')
			continue;
		luaL_checkstack(L, 2, "too many fields");
		wslua_push_fieldinfo(L, i);
		n++;
	}
	return n;
}

static const luaL_Reg field_meta[] = {
    {"__call", field_call}, {"__index", field_index}, {"__tostring", field_tostring}, {NULL, NULL}};
static const luaL_Reg fi_meta[] = {{"__index", fi_index},   {"__tostring", fi_tostring},
				   {"__call", fi_call},     {"__len", fi_len},
				   {"__unm", fi_unm},       {"__eq", fi_eq},
				   {"__lt", fi_lt},         {"__le", fi_le},
				   {"__concat", fi_concat}, {NULL, NULL}};

void wslua_open_field(lua_State *L)
{
	wslua_class(L, "Field", NULL, field_meta);
	wslua_class(L, "FieldInfo", NULL, fi_meta);
	luaL_getmetatable(L, "Field");
	field_mt = luaL_ref(L, LUA_REGISTRYINDEX);
	luaL_getmetatable(L, "FieldInfo");
	finfo_mt = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	lua_pushcfunction(L, field_new);
	lua_setfield(L, -2, "new");
	lua_pushcfunction(L, field_list);
	lua_setfield(L, -2, "list");
	lua_setglobal(L, "Field");
	lua_pushcfunction(L, all_field_infos);
	lua_setglobal(L, "all_field_infos");
	lua_pushcfunction(L, fast_tostring);
	lua_setglobal(L, "tostring");
}

/* the value of a fieldset item as FieldInfo.value gives it (Listener tapdata) */
void wslua_push_item_value(lua_State *L, const struct fitem *it)
{
	push_value(L, it);
}
