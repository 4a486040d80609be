/*
** lua_pinfo.c -- Pinfo, Columns and Column: the packet's context and its
** summary columns, valid during one dissector or tap call.
*/
#include <stdio.h>
#include <string.h>

#include "lua_int.h"

struct lpinfo {
	uint32_t gen;
};

struct lcol {
	int which; /* COL_* below */
	uint32_t gen;
};

enum { COL_PROTOCOL, COL_INFO, COL_OTHER };

int wslua_in_tap;
static int private_ref = LUA_NOREF;
/* pinfo.src/dst are their own slots in Wireshark (the columns' addresses), apart from net_* and
 * dl_* */
static struct address col_src, col_dst;
static uint32_t col_src_gen, col_dst_gen;
static uint32_t private_gen;

/* the Pinfo metatable by registry ref: a tap's Pinfo is made per packet */
static int pinfo_mt = LUA_NOREF;

void wslua_push_pinfo(lua_State *L, struct packet *pk)
{
	(void)pk;
	struct lpinfo *p = lua_newuserdatauv(L, sizeof *p, 0);
	p->gen = wslua_gen;
	lua_rawgeti(L, LUA_REGISTRYINDEX, pinfo_mt);
	lua_setmetatable(L, -2);
}

static struct packet *check_pinfo(lua_State *L, int i)
{
	struct lpinfo *p = luaL_checkudata(L, i, "Pinfo");
	if (p->gen != wslua_gen || !wslua_pk)
		luaL_error(L, "expired Pinfo: it is valid only during the call it was passed to");
	return wslua_pk;
}

static void push_cols(lua_State *L)
{
	struct lcol *c = lua_newuserdatauv(L, sizeof *c, 0);
	c->which = -1;
	c->gen = wslua_gen;
	luaL_setmetatable(L, "Columns");
}

static void push_col(lua_State *L, int which)
{
	struct lcol *c = lua_newuserdatauv(L, sizeof *c, 0);
	c->which = which;
	c->gen = wslua_gen;
	luaL_setmetatable(L, "Column");
}

static int col_which(const char *name)
{
	if (!strcmp(name, "protocol"))
		return COL_PROTOCOL;
	if (!strcmp(name, "info"))
		return COL_INFO;
	return COL_OTHER;
}

static void col_set(lua_State *L, struct packet *pk, int which, const char *s)
{
	(void)L;
	if (which == COL_PROTOCOL)
		col_set_proto(pk, arena_strndup(pk->arena, s, strlen(s)));
	else if (which == COL_INFO)
		col_set_info(pk, s);
}

static struct lcol *check_col(lua_State *L, int i, const char *t)
{
	struct lcol *c = luaL_checkudata(L, i, t);
	if (c->gen != wslua_gen || !wslua_pk)
		luaL_error(L, "expired Column");
	return c;
}

static int cols_newindex(lua_State *L)
{
	check_col(L, 1, "Columns");
	const char *k = luaL_checkstring(L, 2);
	const char *v = luaL_tolstring(L, 3, NULL);
	col_set(L, wslua_pk, col_which(k), v);
	return 0;
}

static int cols_index(lua_State *L)
{
	check_col(L, 1, "Columns");
	const char *k = luaL_checkstring(L, 2);
	push_col(L, col_which(k));
	return 1;
}

static int col_tostring(lua_State *L)
{
	struct lcol *c = check_col(L, 1, "Column");
	struct packet *pk = wslua_pk;
	if (c->which == COL_PROTOCOL)
		lua_pushstring(L, pk->col_proto ? pk->col_proto : "");
	else if (c->which == COL_INFO)
		lua_pushlstring(L, pk->info, pk->info_len);
	else
		lua_pushstring(L, "");
	return 1;
}

static int col_set_m(lua_State *L)
{
	struct lcol *c = check_col(L, 1, "Column");
	col_set(L, wslua_pk, c->which, luaL_checkstring(L, 2));
	return 0;
}

static int col_clear_m(lua_State *L)
{
	struct lcol *c = check_col(L, 1, "Column");
	if (c->which == COL_INFO)
		col_clear_info(wslua_pk);
	else if (c->which == COL_PROTOCOL)
		col_set_proto(wslua_pk, "");
	return 0;
}

static int col_append_m(lua_State *L)
{
	struct lcol *c = check_col(L, 1, "Column");
	const char *s = luaL_checkstring(L, 2);
	struct packet *pk = wslua_pk;
	if (c->which == COL_INFO)
		col_append_info(pk, "%s", s);
	else if (c->which == COL_PROTOCOL) {
		const char *old = pk->col_proto ? pk->col_proto : "";
		col_set_proto(pk, arena_printf(pk->arena, "%s%s", old, s));
	}
	return 0;
}

static int col_prepend_m(lua_State *L)
{
	struct lcol *c = check_col(L, 1, "Column");
	const char *s = luaL_checkstring(L, 2);
	struct packet *pk = wslua_pk;
	if (c->which == COL_INFO)
		col_prepend_info(pk, s);
	else if (c->which == COL_PROTOCOL) {
		const char *old = pk->col_proto ? pk->col_proto : "";
		col_set_proto(pk, arena_printf(pk->arena, "%s%s", s, old));
	}
	return 0;
}

static int col_fence_m(lua_State *L)
{
	struct lcol *c = check_col(L, 1, "Column");
	if (c->which == COL_INFO)
		col_set_fence(wslua_pk);
	return 0;
}

static int col_noop(lua_State *L)
{
	check_col(L, 1, "Column");
	return 0;
}

static int col_concat(lua_State *L)
{
	luaL_tolstring(L, 1, NULL);
	luaL_tolstring(L, 2, NULL);
	lua_concat(L, 2);
	return 1;
}

static void push_time(lua_State *L, int64_t s, int32_t ns)
{
	lua_pushnumber(L, (lua_Number)s + ns / 1e9);
}

static void push_addr(lua_State *L, const struct address *a, const struct address *fallback)
{
	wslua_push_address(L, a->type != AT_NONE ? a : fallback);
}

static int pinfo_index(lua_State *L)
{
	struct packet *pk = check_pinfo(L, 1);
	const char *k = luaL_checkstring(L, 2);
	if (!strcmp(k, "number"))
		lua_pushinteger(L, pk->num);
	else if (!strcmp(k, "len"))
		lua_pushinteger(L, pk->len);
	else if (!strcmp(k, "caplen"))
		lua_pushinteger(L, pk->caplen);
	else if (!strcmp(k, "abs_ts"))
		push_time(L, pk->sec, pk->nsec);
	else if (!strcmp(k, "rel_ts"))
		push_time(L, pk->rel_sec, pk->rel_nsec);
	else if (!strcmp(k, "delta_ts") || !strcmp(k, "delta_dis_ts"))
		push_time(L, pk->delta_sec, pk->delta_nsec);
	else if (!strcmp(k, "p2p_dir")) /* P2P_DIR_UNKNOWN: no capture format here records it */
		lua_pushinteger(L, -1);
	else if (!strcmp(k, "visited"))
		lua_pushboolean(L, wslua_in_tap);
	else if (!strcmp(k, "src")) {
		if (col_src_gen == wslua_gen)
			wslua_push_address(L, &col_src);
		else
			push_addr(L, &pk->net_src, &pk->dl_src);
	} else if (!strcmp(k, "dst")) {
		if (col_dst_gen == wslua_gen)
			wslua_push_address(L, &col_dst);
		else
			push_addr(L, &pk->net_dst, &pk->dl_dst);
	} else if (!strcmp(k, "net_src"))
		wslua_push_address(L, &pk->net_src);
	else if (!strcmp(k, "net_dst"))
		wslua_push_address(L, &pk->net_dst);
	else if (!strcmp(k, "dl_src"))
		wslua_push_address(L, &pk->dl_src);
	else if (!strcmp(k, "dl_dst"))
		wslua_push_address(L, &pk->dl_dst);
	else if (!strcmp(k, "src_port"))
		lua_pushinteger(L, pk->srcport);
	else if (!strcmp(k, "dst_port"))
		lua_pushinteger(L, pk->dstport);
	else if (!strcmp(k, "port_type"))
		lua_pushinteger(L, pk->ptype == PT_TCP    ? 2
				   : pk->ptype == PT_UDP  ? 3
				   : pk->ptype == PT_SCTP ? 1
							  : 0);
	else if (!strcmp(k, "cols") || !strcmp(k, "columns"))
		push_cols(L);
	else if (!strcmp(k, "desegment_offset"))
		lua_pushinteger(L, pk->desegment_offset);
	else if (!strcmp(k, "desegment_len"))
		lua_pushinteger(L, pk->desegment_len);
	else if (!strcmp(k, "can_desegment"))
		lua_pushinteger(L, pk->can_desegment);
	else if (!strcmp(k, "fragmented"))
		lua_pushboolean(L, pk->ip_fragment);
	else if (!strcmp(k, "in_error_pkt"))
		lua_pushboolean(L, pk->in_error);
	else if (!strcmp(k, "curr_proto"))
		lua_pushstring(L, wslua_in_tap || !pk->nlayers
				      ? "<Missing Protocol Name>"
				      : field_proto_short(pk->layers[pk->nlayers - 1]));
	else if (!strcmp(k, "match_uint") || !strcmp(k, "match"))
		lua_pushinteger(L, wslua_in_tap ? 0 : pk->dstport);
	else if (!strcmp(k, "match_string"))
		lua_pushnil(L);
	else if (!strcmp(k, "private")) {
		/* PrivateTable: string keys and values, for this packet */
		if (private_ref == LUA_NOREF || private_gen != wslua_gen) {
			if (private_ref != LUA_NOREF)
				luaL_unref(L, LUA_REGISTRYINDEX, private_ref);
			lua_newuserdatauv(L, 1, 1);
			lua_newtable(L);
			lua_setiuservalue(L, -2, 1);
			luaL_setmetatable(L, "PrivateTable");
			private_ref = luaL_ref(L, LUA_REGISTRYINDEX);
			private_gen = wslua_gen;
		}
		lua_rawgeti(L, LUA_REGISTRYINDEX, private_ref);
	} else if (!strcmp(k, "hi") || !strcmp(k, "lo")) {
		const struct address *s = pk->net_src.type ? &pk->net_src : &pk->dl_src;
		const struct address *d = pk->net_dst.type ? &pk->net_dst : &pk->dl_dst;
		int c = addr_cmp(s, d);
		wslua_push_address(L, (k[0] == 'h') == (c >= 0) ? s : d);
	} else
		lua_pushnil(L);
	return 1;
}

static int pinfo_newindex(lua_State *L)
{
	struct packet *pk = check_pinfo(L, 1);
	const char *k = luaL_checkstring(L, 2);
	if (!strcmp(k, "desegment_offset"))
		pk->desegment_offset = (uint32_t)luaL_checkinteger(L, 3);
	else if (!strcmp(k, "desegment_len"))
		pk->desegment_len = (uint32_t)luaL_checkinteger(L, 3);
	else if (!strcmp(k, "can_desegment"))
		pk->can_desegment = (uint8_t)luaL_checkinteger(L, 3);
	else if (!strcmp(k, "src_port"))
		pk->srcport = (uint16_t)luaL_checkinteger(L, 3);
	else if (!strcmp(k, "dst_port"))
		pk->dstport = (uint16_t)luaL_checkinteger(L, 3);
	else if (!strcmp(k, "src") || !strcmp(k, "dst") || !strcmp(k, "net_src") ||
		 !strcmp(k, "net_dst") || !strcmp(k, "dl_src") || !strcmp(k, "dl_dst")) {
		struct address *a = luaL_checkudata(L, 3, "Address");
		struct address *t = !strcmp(k, "src")       ? &col_src
				    : !strcmp(k, "dst")     ? &col_dst
				    : !strcmp(k, "net_src") ? &pk->net_src
				    : !strcmp(k, "net_dst") ? &pk->net_dst
				    : !strcmp(k, "dl_src")  ? &pk->dl_src
							    : &pk->dl_dst;
		*t = *a;
		if (t == &col_src)
			col_src_gen = wslua_gen;
		else if (t == &col_dst)
			col_dst_gen = wslua_gen;
	} else if (!strcmp(k, "conversation"))
		wslua_set_conversation(L, pk, 3);
	else if (!strcmp(k, "can_desegment"))
		; /* accepted; the TCP table entry already routes the conversation */
	else
		return luaL_error(L, "Pinfo has no writable attribute '%s'", k);
	return 0;
}

static int priv_index(lua_State *L)
{
	luaL_checkudata(L, 1, "PrivateTable");
	lua_getiuservalue(L, 1, 1);
	lua_pushvalue(L, 2);
	lua_gettable(L, -2);
	return 1;
}

static int priv_newindex(lua_State *L)
{
	luaL_checkudata(L, 1, "PrivateTable");
	luaL_checkstring(L, 2);
	if (!lua_isnil(L, 3))
		luaL_checkstring(L, 3);
	lua_getiuservalue(L, 1, 1);
	lua_pushvalue(L, 2);
	lua_pushvalue(L, 3);
	lua_settable(L, -3);
	return 0;
}

static int priv_tostring(lua_State *L)
{
	luaL_checkudata(L, 1, "PrivateTable");
	lua_pushstring(L, "PrivateTable");
	return 1;
}

static int pinfo_tostring(lua_State *L)
{
	lua_pushstring(L, "a Pinfo");
	return 1;
}

static int cols_tostring(lua_State *L)
{
	lua_pushstring(L, "Columns");
	return 1;
}

static const luaL_Reg pinfo_meta[] = {{"__index", pinfo_index},
				      {"__newindex", pinfo_newindex},
				      {"__tostring", pinfo_tostring},
				      {NULL, NULL}};
static const luaL_Reg cols_meta[] = {{"__index", cols_index},
				     {"__newindex", cols_newindex},
				     {"__tostring", cols_tostring},
				     {NULL, NULL}};
static const luaL_Reg col_methods[] = {{"set", col_set_m},          {"clear", col_clear_m},
				       {"append", col_append_m},    {"prepend", col_prepend_m},
				       {"fence", col_fence_m},      {"clear_fence", col_noop},
				       {"preppend", col_prepend_m}, {NULL, NULL}};
static const luaL_Reg col_meta[] = {
    {"__tostring", col_tostring}, {"__concat", col_concat}, {NULL, NULL}};

void wslua_open_pinfo(lua_State *L)
{
	wslua_class(L, "Pinfo", NULL, pinfo_meta);
	luaL_getmetatable(L, "Pinfo");
	pinfo_mt = luaL_ref(L, LUA_REGISTRYINDEX);
	wslua_class(L, "Columns", NULL, cols_meta);
	wslua_class(L, "Column", col_methods, col_meta);
	static const luaL_Reg priv_meta[] = {{"__index", priv_index},
					     {"__newindex", priv_newindex},
					     {"__tostring", priv_tostring},
					     {NULL, NULL}};
	wslua_class(L, "PrivateTable", NULL, priv_meta);
}
