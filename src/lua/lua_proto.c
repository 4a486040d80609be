/*
** lua_proto.c -- Proto, ProtoField, ProtoExpert, DissectorTable, Dissector,
** heuristic and post-dissectors, dissect_tcp_pdus.
**
** A Lua protocol is a registry protocol (proto_register) whose fields are
** registry fields (field_register), so -T fields, filters, taps and the tree
** outputs treat them like built-in ones.  Its dissector is a C dissector_fn
** that finds the Lua function through the proto id of the table entry that
** called it (dissect_current, set by dissect_next).
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/expert.h"
#include "../core/util.h"
#include "../dissect/dissect.h"
#include "../analysis/conv.h"
#include "lua_int.h"
#include "wslua.h"

struct lproto_ud {
	int id;
};
struct lprotofield {
	int id;
};
struct lexpert {
	int group, severity;
	const char *text;
};
struct ltree {
	int idx;
	int proto_id;
	uint32_t gen;
};

extern int wslua_root_parent;

#define MAX_PROTOS 256
static struct lproto {
	int id;
	int ref; /* the Proto userdata (user value: its attribute table) */
	struct dissector d;
	struct dissector heur_d;
	int heur_ref; /* heuristic function */
} protos[MAX_PROTOS];
static int nprotos;
static int post_protos[MAX_PROTOS];
static int npost;

static int lua_error_id = -1;
static int lua_fake_id = -1;

static struct lproto *proto_by_id(int id)
{
	for (int i = 0; i < nprotos; i++)
		if (protos[i].id == id)
			return &protos[i];
	return NULL;
}

/* ---- the C side of a Lua dissector ------------------------------------ */

static int get_attr(lua_State *L, struct lproto *p, const char *k)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, p->ref);
	lua_getiuservalue(L, -1, 1);
	lua_getfield(L, -1, k);
	lua_remove(L, -2);
	lua_remove(L, -2);
	if (lua_isfunction(L, -1))
		return 1;
	lua_pop(L, 1);
	return 0;
}

/*
** Call fn (on the stack top) as dissector(tvb, pinfo, tree).  Returns the
** bytes consumed (the Tvb length when the function returns no number), 0 when
** it declined, or, for a heuristic, 1/0 for true/false.
*/
static int call_lua(lua_State *L, int proto_id, struct packet *pk, struct cursor *c, int heuristic)
{
	struct ltvb t = {c->data + c->off, cur_avail(c), cur_remaining(c),
			 cur_pos(c),       c->src,       wslua_gen};
	struct packet *saved_pk = wslua_pk;
	int saved_root = wslua_root_parent;
	wslua_pk = pk;
	wslua_root_parent = pk->fs->cur_parent;
	lua_checkstack(L, 6);
	wslua_push_tvb(L, &t, 0);
	wslua_push_pinfo(L, pk);
	/* tshark hangs every Lua dissector call on a hidden empty item; all_field_infos()
	   counts it */
	struct fitem *fake = fs_item(pk->fs, fs_add_none(pk->fs, lua_fake_id, cur_pos(c), 0));
	if (fake) {
		fake->flags |= FI_HIDDEN;
		fake->src = c->src;
	}
	wslua_push_tree(L, -1, proto_id);
	char err[2048];
	int consumed = (int)t.caplen;
	if (wslua_pcall(L, 3, 1, err, sizeof err) != LUA_OK) {
		/* a "Lua Error: ..." item carrying the expert info, as tshark's _ws.lua.error */
		struct fieldset *fs = pk->fs;
		int saved = fs->cur_parent;
		fs->cur_parent = wslua_root_parent;
		int it = fs_add_none(fs, lua_error_id, 0, 0);
		if (it >= 0) {
			fs->items[it].text = arena_printf(pk->arena, "Lua Error: %s", err);
			fs->cur_parent = it;
		}
		const char *ps = field_proto_short(proto_id);
		expert_add(fs, pk->arena, PI_ERROR, PI_UNDECODED, ps ? ps : "Lua", "Lua Error: %s",
			   err);
		fs->cur_parent = saved;
	} else {
		if (heuristic)
			consumed =
			    lua_toboolean(L, -1)
				? (lua_isinteger(L, -1) ? (int)lua_tointeger(L, -1) : (int)t.caplen)
				: 0;
		else if (lua_isnumber(L, -1))
			consumed = (int)lua_tointeger(L, -1);
		lua_pop(L, 1);
	}
	wslua_pk = saved_pk;
	wslua_root_parent = saved_root;
	pk->fs->cur_parent = wslua_root_parent;
	return consumed;
}

static int lua_dissector_fn(struct packet *pk, struct cursor *c)
{
	lua_State *L = wslua_L;
	const struct dissector *d = dissect_current;
	struct lproto *p = d ? proto_by_id(d->proto_id) : NULL;
	if (!L || !p || !get_attr(L, p, "dissector"))
		return 0;
	pk_add_layer(pk, p->id);
	int r = call_lua(L, p->id, pk, c, 0);
	if (r > 0)
		c->off += (uint32_t)r <= cur_avail(c) ? (uint32_t)r : cur_avail(c);
	return r;
}

static int lua_heur_fn(struct packet *pk, struct cursor *c)
{
	lua_State *L = wslua_L;
	const struct dissector *d = dissect_current;
	struct lproto *p = d ? proto_by_id(d->proto_id) : NULL;
	if (!L || !p || p->heur_ref == LUA_NOREF)
		return 0;
	lua_rawgeti(L, LUA_REGISTRYINDEX, p->heur_ref);
	int r = call_lua(L, p->id, pk, c, 1);
	if (r > 0)
		pk_add_layer(pk, p->id);
	return r;
}

int wslua_call_dissector(lua_State *L, int fnref, int proto_id, struct packet *pk, struct cursor *c,
			 int heuristic)
{
	lua_rawgeti(L, LUA_REGISTRYINDEX, fnref);
	return call_lua(L, proto_id, pk, c, heuristic);
}

/* -o proto.name:value for a Lua protocol's preference; 1 when it was one */
int wslua_pref_option(const char *arg)
{
	lua_State *L = wslua_L;
	const char *colon = strchr(arg, ':');
	const char *dot = colon ? memchr(arg, '.', (size_t)(colon - arg)) : NULL;
	if (!L || !dot)
		return 0;
	char mod[128], name[128];
	size_t ml = (size_t)(dot - arg), nl = (size_t)(colon - dot - 1);
	if (ml >= sizeof mod || nl >= sizeof name)
		return 0;
	memcpy(mod, arg, ml);
	mod[ml] = 0;
	memcpy(name, dot + 1, nl);
	name[nl] = 0;
	const char *val = colon + 1;
	struct lproto *p = proto_by_id(field_lookup(mod));
	if (!p)
		return 0;
	lua_rawgeti(L, LUA_REGISTRYINDEX, p->ref);
	lua_getiuservalue(L, -1, 1);
	lua_getfield(L, -1, "prefs");
	lua_pushstring(L, name);
	lua_rawget(L, -2);
	int t = lua_type(L, -1);
	lua_pop(L, 1);
	int done = 1;
	lua_pushstring(L, name);
	if (t == LUA_TBOOLEAN)
		lua_pushboolean(L, !strcasecmp(val, "true") || !strcmp(val, "1"));
	else if (t == LUA_TNUMBER)
		lua_pushinteger(L, strtoll(val, NULL, 0));
	else if (t == LUA_TSTRING)
		lua_pushstring(L, val);
	else
		done = 0;
	if (done)
		lua_rawset(L, -3);
	else
		lua_pop(L, 1);
	lua_pop(L, 3);
	return done;
}

/* Proto.init of every protocol: tshark runs them when a capture opens and when it closes */
void wslua_protos_init(lua_State *L)
{
	for (int i = 0; i < nprotos; i++) {
		if (!get_attr(L, &protos[i], "init"))
			continue;
		char err[2048];
		if (wslua_pcall(L, 0, 0, err, sizeof err) != LUA_OK)
			fprintf(stderr, "tshark: Lua: Error during execution of Proto init:\n %s\n",
				err);
	}
}

/* post-dissectors: after every frame, on the whole frame */
static void run_postdissectors(struct packet *pk)
{
	lua_State *L = wslua_L;
	if (!L)
		return;
	for (int i = 0; i < npost; i++) {
		struct lproto *p = &protos[post_protos[i]];
		if (!get_attr(L, p, "dissector"))
			continue;
		struct cursor c = cur_make(pk->data, pk->caplen, pk->len);
		pk->fs->cur_parent = -1;
		call_lua(L, p->id, pk, &c, 0);
	}
}

/* ---- Proto ---------------------------------------------------------------- */

static int proto_new(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	const char *desc = luaL_checkstring(L, 2);
	if (!*name)
		return luaL_argerror(L, 1, "Empty name");
	if (!*desc)
		return luaL_argerror(L, 2, "Empty description");
	if (nprotos >= MAX_PROTOS)
		return luaL_error(L, "Proto new: too many protocols");
	char lo[128], hi[128];
	size_t n = strlen(name);
	if (n >= sizeof lo)
		return luaL_argerror(L, 1, "name too long");
	for (size_t i = 0; i <= n; i++) {
		lo[i] = (char)tolower((unsigned char)name[i]);
		hi[i] = (char)toupper((unsigned char)name[i]);
	}
	int existing = field_lookup(lo);
	if (existing >= 0 && dissect_yield(lo)) /* a native seed protocol steps aside */
		existing = field_lookup(lo);
	if (existing >= 0)
		return luaL_error(L, "Proto new: there cannot be two protocols with the same name");
	for (int i = 0; i < field_count(); i++) {
		const struct field_def *d = field_get(i);
		if (d->type == FT_PROTOCOL && !field_retired(i) && !strcmp(d->name, desc))
			return luaL_error(
			    L,
			    "Proto new: there cannot be two protocols with the same description");
	}
	int id = proto_register(xstrdup(desc), xstrdup(hi), xstrdup(lo));
	struct lproto *p = &protos[nprotos++];
	memset(p, 0, sizeof *p);
	p->id = id;
	p->d.name = field_get(id)->abbrev;
	p->d.fn = lua_dissector_fn;
	p->d.proto_id = id;
	p->heur_d = p->d;
	p->heur_d.fn = lua_heur_fn;
	p->heur_ref = LUA_NOREF;
	struct lproto_ud *u = lua_newuserdatauv(L, sizeof *u, 1);
	u->id = id;
	lua_newtable(L);
	lua_newtable(L);
	lua_setfield(L, -2, "fields");
	lua_newtable(L);
	lua_setfield(L, -2, "experts");
	lua_getglobal(L, "_wslua_prefs_table");
	if (lua_isfunction(L, -1))
		lua_call(L, 0, 1);
	else {
		lua_pop(L, 1);
		lua_newtable(L);
	}
	lua_setfield(L, -2, "prefs");
	lua_setiuservalue(L, -2, 1);
	luaL_setmetatable(L, "Proto");
	lua_pushvalue(L, -1);
	p->ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 1;
}

static int proto_call(lua_State *L)
{
	lua_remove(L, 1);
	return proto_new(L);
}

static struct lproto *check_proto(lua_State *L, int i)
{
	struct lproto_ud *u = luaL_checkudata(L, i, "Proto");
	struct lproto *p = proto_by_id(u->id);
	if (!p)
		luaL_error(L, "unknown Proto");
	return p;
}

static int proto_register_heuristic(lua_State *L)
{
	struct lproto *p = check_proto(L, 1);
	const char *list = luaL_checkstring(L, 2);
	luaL_checktype(L, 3, LUA_TFUNCTION);
	lua_pushvalue(L, 3);
	p->heur_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	if (!strcmp(list, "tcp"))
		heur_add_front(HT_TCP, &p->heur_d);
	else if (!strcmp(list, "udp"))
		heur_add_front(HT_UDP, &p->heur_d);
	else
		return luaL_error(
		    L, "Proto.register_heuristic: heuristic list '%s' is not supported", list);
	return 0;
}

static int proto_index(lua_State *L)
{
	struct lproto *p = check_proto(L, 1);
	const char *k = luaL_checkstring(L, 2);
	const struct field_def *d = field_get(p->id);
	if (!strcmp(k, "name")) {
		lua_pushstring(L, field_proto_short(p->id));
		return 1;
	}
	if (!strcmp(k, "description")) {
		lua_pushstring(L, d->name);
		return 1;
	}
	if (!strcmp(k, "register_heuristic")) {
		lua_pushcfunction(L, proto_register_heuristic);
		return 1;
	}
	if (!strcmp(k, "prefs_changed") || !strcmp(k, "init"))
		return luaL_error(L, "Proto.%s is write-only", k);
	lua_getiuservalue(L, 1, 1);
	lua_getfield(L, -1, k);
	if (lua_isnil(L, -1) && !strcmp(k, "dissector"))
		return luaL_error(L, "Proto.dissector has not been set");
	return 1;
}

static int proto_newindex(lua_State *L)
{
	check_proto(L, 1);
	const char *k = luaL_checkstring(L, 2);
	static const char *const ro[] = {"name", "description", "register_heuristic", NULL};
	for (int i = 0; ro[i]; i++)
		if (!strcmp(k, ro[i]))
			return luaL_error(L, "Proto.%s is read-only", k);
	static const char *const rw[] = {"fields",        "dissector", "init",        "prefs",
					 "prefs_changed", "experts",   "expert_info", NULL};
	int known = 0;
	for (int i = 0; rw[i]; i++)
		if (!strcmp(k, rw[i]))
			known = 1;
	if (!known)
		return luaL_error(L, "Proto has no attribute '%s'", k);
	if (!strcmp(k, "prefs"))
		return luaL_error(L, "Proto.prefs is read-only; set its members");
	if ((!strcmp(k, "dissector") || !strcmp(k, "init") || !strcmp(k, "prefs_changed")) &&
	    !lua_isfunction(L, 3))
		return luaL_argerror(L, 3, "must be a function");
	if (!strcmp(k, "fields")) {
		/* fields are registered when the ProtoField is made; keep them as a list */
		if (luaL_testudata(L, 3, "ProtoField")) {
			lua_newtable(L);
			lua_pushvalue(L, 3);
			lua_rawseti(L, -2, 1);
			lua_replace(L, 3);
		} else if (!lua_istable(L, 3))
			return luaL_argerror(L, 3,
					     "Proto.fields: expected a table or a ProtoField");
	}
	lua_getiuservalue(L, 1, 1);
	lua_pushvalue(L, 3);
	lua_setfield(L, -2, k);
	return 0;
}

static int proto_tostring(lua_State *L)
{
	struct lproto *p = check_proto(L, 1);
	lua_pushfstring(L, "Proto: %s", field_proto_short(p->id));
	return 1;
}

static int proto_eq(lua_State *L)
{
	struct lproto_ud *a = luaL_testudata(L, 1, "Proto"), *b = luaL_testudata(L, 2, "Proto");
	lua_pushboolean(L, a && b && a->id == b->id);
	return 1;
}

static int register_postdissector(lua_State *L)
{
	struct lproto *p = check_proto(L, 1);
	if (lua_toboolean(L, 2))
		field_want_all();
	if (npost < MAX_PROTOS)
		post_protos[npost++] = (int)(p - protos);
	dissect_postdissector_hook = run_postdissectors;
	return 0;
}

/* ---- ProtoField ------------------------------------------------------------ */

/*
** Tables given as value strings, checked as tshark 4.0 checks them (each bad
** table raises tshark's argument error).  Permanent, like the registry.
*/
static int table_len(lua_State *L, int idx)
{
	int n = 0;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		n++;
		lua_pop(L, 1);
	}
	return n;
}

/*
** Each reader runs twice: with build = 0 it only checks (raising tshark's
** error, so nothing is allocated when a later check fails) and returns PRESENT
** for a table; with build = 1, once every check passed, it allocates.
*/
static const char pf_present;
#define PRESENT ((const void *)&pf_present)

static const void *vs_from(lua_State *L, int idx, int build)
{
	if (lua_isnil(L, idx))
		return NULL;
	if (!lua_istable(L, idx))
		luaL_argerror(L, idx, "must be a table");
	struct value_string *vs = build ? xcalloc((size_t)table_len(L, idx) + 1, sizeof *vs) : NULL;
	size_t k = 0;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		if (!lua_isnumber(L, -2))
			luaL_argerror(L, idx,
				      "All keys of a table used as value_string must be integers");
		if (!lua_isstring(L, -1))
			luaL_argerror(L, idx,
				      "All values of a table used as value_string must be strings");
		if (vs) {
			vs[k].value = (uint32_t)lua_tointeger(L, -2);
			vs[k++].name = xstrdup(lua_tostring(L, -1));
		}
		lua_pop(L, 1);
	}
	if (!vs)
		return PRESENT;
	/* tshark looks values up in table order; pairs() has none, so sort by value */
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 && vs[j - 1].value > vs[j].value; j--) {
			struct value_string x = vs[j];
			vs[j] = vs[j - 1];
			vs[j - 1] = x;
		}
	return vs;
}

/* {{lo, hi, "name"}, ...} */
static const void *rs_from(lua_State *L, int idx, int build)
{
	if (lua_isnil(L, idx))
		return NULL;
	if (!lua_istable(L, idx))
		luaL_argerror(L, idx, "must be a table");
	struct range_string *rs = build ? xcalloc((size_t)table_len(L, idx) + 1, sizeof *rs) : NULL;
	size_t k = 0;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		if (!lua_istable(L, -1))
			luaL_argerror(
			    L, idx, "All values of a table used as a range_string must be tables");
		int in = lua_gettop(L), n = 0;
		lua_pushnil(L);
		while (lua_next(L, in)) {
			if (++n > 3) {
				lua_pop(L, 2);
				break;
			}
			if (n < 3 && !lua_isnumber(L, -1))
				luaL_argerror(L, idx,
					      "First two elements of a range string value "
					      "must be integers");
			if (n == 3 && lua_type(L, -1) != LUA_TSTRING)
				luaL_argerror(
				    L, idx,
				    "Third element of a range string value must be a string");
			if (rs && n == 1)
				rs[k].lo = (uint32_t)lua_tointeger(L, -1);
			else if (rs && n == 2)
				rs[k].hi = (uint32_t)lua_tointeger(L, -1);
			else if (rs)
				rs[k].name = xstrdup(lua_tostring(L, -1));
			lua_pop(L, 1);
		}
		if (n != 3)
			luaL_argerror(L, idx,
				      "Values of a range string must be tables with exactly "
				      "three elements");
		k++;
		lua_pop(L, 1);
	}
	return rs ? (const void *)rs : PRESENT;
}

/* {[1] = first, [2] = second}: true/false strings or unit names (stored when one != NULL);
   returns which keys were seen (1, 2) */
static int pair_from(lua_State *L, int idx, const char *what, const char **one, const char **two)
{
	int seen = 0;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		if (!lua_isnumber(L, -2))
			return luaL_argerror(
			    L, idx,
			    lua_pushfstring(L, "All keys of a table used as %s must be integers",
					    what));
		if (!lua_isstring(L, -1))
			return luaL_argerror(
			    L, idx,
			    lua_pushfstring(L, "All values of a table used as %s must be strings",
					    what));
		lua_Integer key = lua_tointeger(L, -2);
		if (key != 1 && key != 2)
			return luaL_argerror(
			    L, idx,
			    lua_pushfstring(L,
					    "The %s table can have maximum two strings with key "
					    "value 1 and 2",
					    what));
		seen |= (int)key;
		if (one)
			*(key == 1 ? one : two) = xstrdup(lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	return seen;
}

static const void *tfs_from(lua_State *L, int idx, int build)
{
	if (lua_isnil(L, idx))
		return NULL;
	if (!lua_istable(L, idx))
		luaL_argerror(L, idx, "must be a table");
	if (!build) {
		pair_from(L, idx, "true_false_string", NULL, NULL);
		return PRESENT;
	}
	struct true_false_string *tf = xcalloc(1, sizeof *tf);
	tf->true_string = "True";
	tf->false_string = "False";
	pair_from(L, idx, "true_false_string", &tf->true_string, &tf->false_string);
	return tf;
}

static const void *units_from(lua_State *L, int idx, int build)
{
	if (lua_isnil(L, idx))
		return NULL;
	if (!lua_istable(L, idx))
		luaL_argerror(L, idx, "must be a table");
	if (!build) {
		if (!(pair_from(L, idx, "unit name", NULL, NULL) & 1))
			luaL_argerror(
			    L, idx, "The unit name table must have a singular entry (key value 1)");
		return PRESENT;
	}
	struct unit_name_string *u = xcalloc(1, sizeof *u);
	pair_from(L, idx, "unit name", &u->singular, &u->plural);
	return u;
}

typedef const void *(*strings_reader)(lua_State *L, int idx, int build);

/* the checked table at idx, built now that no check can fail any more */
static const void *built(lua_State *L, const void *checked, strings_reader rd, int idx)
{
	return checked ? rd(L, idx, 1) : NULL;
}

/* Wireshark lets a Lua field reuse an abbreviation only with a similar type */
static int ftype_family(enum ftype t)
{
	if ((t >= FT_UINT8 && t <= FT_UINT64) || t == FT_CHAR || t == FT_FRAMENUM)
		return 1;
	if (t >= FT_INT8 && t <= FT_INT64)
		return 2;
	if (t == FT_STRING || t == FT_STRINGZ || t == FT_UINT_STRING || t == FT_STRINGZPAD ||
	    t == FT_STRINGZTRUNC)
		return 3;
	if (t == FT_FLOAT || t == FT_DOUBLE)
		return 4;
	return 100 + (int)t;
}

/* tshark's check_field_name(): the abbreviation at idx */
static const char *check_abbr(lua_State *L, int idx, enum ftype t)
{
	const char *abbr = luaL_checkstring(L, idx);
	if (!*abbr)
		luaL_argerror(L, idx, "Empty field name abbreviation");
	for (const char *c = abbr; *c; c++)
		if (!(isalnum((unsigned char)*c) || *c == '.' || *c == '_' || *c == '-'))
			luaL_argerror(L, idx, "Invalid char in abbrev");
	int existing = field_lookup(abbr);
	if (existing >= 0 && ftype_family(field_get(existing)->type) != ftype_family(t))
		luaL_argerror(L, idx,
			      "A field of an incompatible ftype with this abbrev already exists");
	return abbr;
}

static int push_protofield(lua_State *L, const char *abbr, const char *name, enum ftype t, int base,
			   const void *strings, uint64_t mask, const char *desc)
{
	int existing = field_lookup(abbr);
	int id;
	if (existing >= 0 && field_get(existing)->type == t) {
		id = existing; /* the same script loaded twice: reuse the registered field */
	} else {
		struct field_def d;
		memset(&d, 0, sizeof d);
		d.abbrev = xstrdup(abbr);
		d.name = xstrdup(name);
		d.type = t;
		d.strings = strings;
		d.base = base;
		d.bitmask = mask;
		d.blurb = desc && strcmp(desc, name) ? xstrdup(desc) : NULL;
		id = field_register(&d, 1);
	}
	struct lprotofield *f = lua_newuserdatauv(L, sizeof *f, 0);
	f->id = id;
	luaL_setmetatable(L, "ProtoField");
	return 1;
}

static int is_signed_type(enum ftype t)
{
	return t >= FT_INT8 && t <= FT_INT64;
}

static uint64_t opt_mask(lua_State *L, int idx)
{
	return lua_isnoneornil(L, idx) ? 0 : wslua_check_uint64(L, idx);
}

/* base.* as a number, or the text "base.HEX" some scripts pass (unknown text: NONE) */
static int opt_base(lua_State *L, int idx, int def)
{
	if (lua_type(L, idx) == LUA_TSTRING) {
		const char *b = lua_tostring(L, idx);
		if (!strncmp(b, "base.", 5))
			b += 5;
		lua_getglobal(L, "base");
		lua_getfield(L, -1, b);
		int v = lua_isinteger(L, -1) ? (int)lua_tointeger(L, -1) : BASE_NONE;
		lua_pop(L, 2);
		return v;
	}
	return (int)luaL_optinteger(L, idx, def);
}

/* ProtoField.TYPE(abbr, [name], [base], [valuestring], [mask], [desc]) for integers */
static int pf_integer(lua_State *L, enum ftype t)
{
	const char *abbr = check_abbr(L, 1, t);
	const char *name = luaL_optstring(L, 2, abbr);
	int def = t == FT_FRAMENUM ? BASE_NONE : t == FT_CHAR ? BASE_OCT : BASE_DEC;
	int base = (int)luaL_optinteger(L, 3, def);
	uint64_t mask = opt_mask(L, 5);
	const char *desc = luaL_optstring(L, 6, NULL);
	const void *strings = NULL;
	strings_reader rd = vs_from;
	int units = 0, ranges = 0;
	if (!*name)
		return luaL_argerror(L, 2, "cannot be an empty string");
	if (t == FT_CHAR && (base & BASE_UNIT_STRING))
		return luaL_argerror(L, 3, "Character type can not use base.UNIT_STRING");
	if (base & BASE_UNIT_STRING) {
		units = 1;
		base &= ~BASE_UNIT_STRING;
		if (base == BASE_NONE)
			base = BASE_DEC;
	}
	if (base & BASE_RANGE_STRING) {
		ranges = 1;
		base &= ~BASE_RANGE_STRING;
		if (t != FT_CHAR && base == BASE_NONE)
			base = BASE_DEC;
	}
	if (units && ranges)
		return luaL_argerror(
		    L, 3, "Only one of base.RANGE_STRING and base.UNIT_STRING can be specified");
	if (lua_gettop(L) > 3 && !lua_isnil(L, 4)) {
		if (t == FT_FRAMENUM) {
			lua_Integer ft = luaL_checkinteger(L, 4);
			if (ft < 0 || ft > FT_FRAMENUM_DUP_ACK - FT_FRAMENUM_NONE)
				return luaL_argerror(L, 4, "Invalid frametype");
		} else {
			rd = units ? units_from : ranges ? rs_from : vs_from;
			strings = rd(L, 4, 0);
		}
	}
	if (t == FT_FRAMENUM) {
		if (base != BASE_NONE)
			return luaL_argerror(L, 3, "FRAMENUM must use base.NONE");
		if (mask)
			return luaL_argerror(L, 5, "FRAMENUM can not have a bitmask");
	} else if (t == FT_CHAR) {
		if (base != BASE_NONE && base != BASE_HEX && base != BASE_OCT)
			return luaL_argerror(L, 3,
					     "Base must be either base.NONE, base.HEX or base.OCT");
		if (base == BASE_NONE && !strings)
			return luaL_argerror(L, 3,
					     "Base base.NONE must be used with a valuestring");
	} else if (base != BASE_DEC && is_signed_type(t)) {
		return luaL_argerror(L, 3, "Base must be either base.DEC or base.UNIT_STRING");
	} else if (base < BASE_DEC || base > BASE_HEX_DEC) {
		return luaL_argerror(
		    L, 3,
		    "Base must be either base.DEC, base.HEX, base.OCT, base.DEC_HEX, "
		    "base.HEX_DEC or base.UNIT_STRING");
	}
	if (units && !strings)
		return luaL_argerror(L, 4, "Base contains base.UNIT_STRING but no table was given");
	if (ranges && !strings)
		return luaL_argerror(L, 4,
				     "Base contains base.RANGE_STRING but no table was given");
	if (strings && units)
		base |= BASE_UNIT_STRING;
	if (strings && ranges)
		base |= BASE_RANGE_STRING;
	return push_protofield(L, abbr, name, t, base, built(L, strings, rd, 4), mask, desc);
}

static int pf_boolean(lua_State *L)
{
	const char *abbr = check_abbr(L, 1, FT_BOOLEAN);
	const char *name = luaL_optstring(L, 2, abbr);
	int base = (int)luaL_optinteger(L, 3, BASE_NONE);
	uint64_t mask = opt_mask(L, 5);
	const char *desc = luaL_optstring(L, 6, NULL);
	if (!*name)
		return luaL_argerror(L, 2, "cannot be an empty string");
	const void *tf = lua_gettop(L) > 3 && !lua_isnil(L, 4) ? tfs_from(L, 4, 0) : NULL;
	if (mask == 0 && base != BASE_NONE)
		return luaL_argerror(
		    L, 3, "Fieldbase (fielddisplay) must be base.NONE if bitmask is zero.");
	if (mask && (base < 1 || base > 64))
		return luaL_argerror(
		    L, 3,
		    "Fieldbase (fielddisplay) must be between 1 and 64 if bitmask is non-zero.");
	return push_protofield(L, abbr, name, FT_BOOLEAN, base, built(L, tf, tfs_from, 4), mask,
			       desc);
}

static int pf_time(lua_State *L, enum ftype t)
{
	const char *abbr = check_abbr(L, 1, t);
	const char *name = luaL_optstring(L, 2, abbr);
	int base = (int)luaL_optinteger(L, 3, ABSOLUTE_TIME_LOCAL);
	const char *desc = luaL_optstring(L, 4, NULL);
	if (!*name)
		return luaL_argerror(L, 2, "cannot be an empty string");
	if (t == FT_ABSOLUTE_TIME && (base < ABSOLUTE_TIME_LOCAL || base > ABSOLUTE_TIME_NTP_UTC))
		return luaL_argerror(L, 3,
				     "Base must be either base.LOCAL, base.UTC, or base.DOY_UTC");
	return push_protofield(L, abbr, name, t, t == FT_ABSOLUTE_TIME ? base : BASE_NONE, NULL, 0,
			       desc);
}

/* float/double: an optional unit name table; strings/bytes: an optional display */
static int pf_other(lua_State *L, enum ftype t)
{
	const char *abbr = check_abbr(L, 1, t);
	const char *name = luaL_optstring(L, 2, abbr);
	int base = BASE_NONE, di = 3;
	const void *strings = NULL;
	if (!*name)
		return luaL_argerror(L, 2, "cannot be an empty string");
	if ((t == FT_FLOAT || t == FT_DOUBLE) && lua_istable(L, 3)) {
		strings = units_from(L, 3, 0);
		base = BASE_UNIT_STRING;
		di = 4;
	} else if ((t == FT_STRING || t == FT_STRINGZ || t == FT_BYTES || t == FT_UINT_BYTES) &&
		   lua_isnumber(L, 3)) {
		base = (int)lua_tointeger(L, 3);
		if ((t == FT_STRING || t == FT_STRINGZ) && base != BASE_NONE)
			return luaL_argerror(L, 3, "Display must be base.NONE");
		if ((t == FT_BYTES || t == FT_UINT_BYTES) && base != BASE_NONE &&
		    (base < SEP_DOT || base > SEP_SPACE))
			return luaL_argerror(
			    L, 3,
			    "Display must be either base.NONE, base.DOT, base.DASH, "
			    "base.COLON or base.SPACE");
		di = 4;
	}
	const char *desc = luaL_optstring(L, di, NULL);
	return push_protofield(L, abbr, name, t, base, built(L, strings, units_from, 3), 0, desc);
}

static int pf_typed(lua_State *L, enum ftype t)
{
	if ((t >= FT_CHAR && t <= FT_INT64) || t == FT_FRAMENUM)
		return pf_integer(L, t);
	if (t == FT_BOOLEAN)
		return pf_boolean(L);
	if (t == FT_ABSOLUTE_TIME || t == FT_RELATIVE_TIME)
		return pf_time(L, t);
	return pf_other(L, t);
}

#define PF(fname, T)                                                                               \
	static int pf_##fname(lua_State *L)                                                        \
	{                                                                                          \
		return pf_typed(L, T);                                                             \
	}
PF(uint8, FT_UINT8)
PF(uint16, FT_UINT16)
PF(uint24, FT_UINT24)
PF(uint32, FT_UINT32)
PF(uint64, FT_UINT64)
PF(int8, FT_INT8)
PF(int16, FT_INT16)
PF(int24, FT_INT24)
PF(int32, FT_INT32)
PF(int64, FT_INT64)
PF(framenum, FT_FRAMENUM)
PF(char, FT_CHAR)
PF(bool, FT_BOOLEAN)
PF(absolute_time, FT_ABSOLUTE_TIME)
PF(relative_time, FT_RELATIVE_TIME)
PF(float, FT_FLOAT)
PF(double, FT_DOUBLE)
PF(string, FT_STRING)
PF(stringz, FT_STRINGZ)
PF(bytes, FT_BYTES)
PF(ubytes, FT_UINT_BYTES)
PF(none, FT_NONE)
PF(ipv4, FT_IPv4)
PF(ipv6, FT_IPv6)
PF(ether, FT_ETHER)
PF(guid, FT_GUID)
PF(oid, FT_OID)
PF(rel_oid, FT_REL_OID)
PF(protocol, FT_PROTOCOL)
PF(eui64, FT_EUI64)
PF(systemid, FT_SYSTEM_ID)

#define NEW_ERR(i, msg) luaL_argerror(L, i, "ProtoField_new: " msg)

/* the type argument of ProtoField.new: ftypes.X, or the text "ftypes.X" (unknown: NONE) */
static int new_type(lua_State *L)
{
	if (lua_isnumber(L, 3))
		return wslua_ftype_from_lua(luaL_checkinteger(L, 3));
	const char *s = luaL_checkstring(L, 3);
	if (strncmp(s, "ftypes.", 7))
		return FT_NONE;
	lua_getglobal(L, "ftypes");
	lua_getfield(L, -1, s + 7);
	int t = lua_isinteger(L, -1) ? wslua_ftype_from_lua(lua_tointeger(L, -1)) : FT_NONE;
	lua_pop(L, 2);
	return t < 0 ? FT_NONE : t;
}

/* ProtoField.new(name, abbr, type, [valuestring], [base], [mask], [desc]), checked as tshark */
static int pf_new(lua_State *L)
{
	int nargs = lua_gettop(L);
	const char *name = luaL_checkstring(L, 1);
	uint64_t mask = opt_mask(L, 6);
	const char *desc = luaL_optstring(L, 7, NULL);
	if (!*name)
		return NEW_ERR(1, "cannot be an empty string");
	int t = new_type(L);
	const char *abbr = check_abbr(L, 2, t < 0 ? FT_NUM_TYPES : (enum ftype)t);
	int base = lua_isnumber(L, 5) ? (int)lua_tointeger(L, 5) : opt_base(L, 5, BASE_NONE);
	const void *strings = NULL;
	strings_reader rd = vs_from;
	int units = 0, ranges = 0;
	switch (t) {
	case FT_FRAMENUM:
		if (base != BASE_NONE)
			return NEW_ERR(5, "FRAMENUM must use base.NONE");
		if (mask)
			return NEW_ERR(6, "FRAMENUM can not have a bitmask");
		if (nargs >= 4 && !lua_isnil(L, 4)) {
			lua_Integer ft = luaL_checkinteger(L, 4);
			if (ft < 0 || ft > FT_FRAMENUM_DUP_ACK - FT_FRAMENUM_NONE)
				return NEW_ERR(4, "Invalid frametype");
		}
		break;
	case FT_CHAR:
		if (nargs < 5 || lua_isnil(L, 5))
			base = BASE_OCT;
		if (base & BASE_UNIT_STRING)
			return NEW_ERR(5, "Character type can not use base.UNIT_STRING");
		/* fall through */
	case FT_UINT8:
	case FT_UINT16:
	case FT_UINT24:
	case FT_UINT32:
	case FT_UINT64:
	case FT_INT8:
	case FT_INT16:
	case FT_INT24:
	case FT_INT32:
	case FT_INT64:
		units = (base & BASE_UNIT_STRING) != 0;
		ranges = (base & BASE_RANGE_STRING) != 0;
		base &= ~(BASE_UNIT_STRING | BASE_RANGE_STRING);
		if (units && ranges)
			return NEW_ERR(5,
				       "Only one of base.UNIT_STRING and base.RANGE_STRING can be "
				       "specified");
		if (t != FT_CHAR && base == BASE_NONE)
			base = BASE_DEC;
		if (t == FT_CHAR) {
			if (base != BASE_NONE && base != BASE_HEX && base != BASE_OCT)
				return luaL_argerror(
				    L, 3, "Base must be either base.NONE, base.HEX or base.OCT");
		} else if (base != BASE_DEC && is_signed_type((enum ftype)t)) {
			return NEW_ERR(5, "Base must be either base.DEC or base.UNIT_STRING");
		} else if (base < BASE_DEC || base > BASE_HEX_DEC) {
			return NEW_ERR(5, "Base must be either base.DEC, base.HEX, base.OCT, "
					  "base.DEC_HEX, base.HEX_DEC or base.UNIT_STRING");
		}
		if (nargs >= 4) {
			rd = units ? units_from : ranges ? rs_from : vs_from;
			strings = rd(L, 4, 0);
		}
		if (t == FT_CHAR && base == BASE_NONE && !strings)
			return luaL_argerror(L, 3,
					     "Base base.NONE must be used with a valuestring");
		break;
	case FT_BOOLEAN:
		if (mask == 0 && base != BASE_NONE)
			return NEW_ERR(5, "Base must be base.NONE if bitmask is zero.");
		if (mask && (base < 1 || base > 64))
			return NEW_ERR(5, "Base must be between 1 and 64 if bitmask is non-zero.");
		if (nargs >= 4 && !lua_isnil(L, 4)) {
			rd = tfs_from;
			strings = rd(L, 4, 0);
		}
		break;
	case FT_ABSOLUTE_TIME:
		if (base == BASE_NONE)
			base = ABSOLUTE_TIME_LOCAL;
		else if (base < ABSOLUTE_TIME_LOCAL || base > ABSOLUTE_TIME_NTP_UTC)
			return NEW_ERR(5,
				       "Base must be either base.LOCAL, base.UTC, or base.DOY_UTC");
		if (mask)
			return NEW_ERR(6, "ABSOLUTE_TIME can not have a bitmask");
		break;
	case FT_STRING:
	case FT_STRINGZ:
		if (base != BASE_NONE)
			return NEW_ERR(5, "Display must be base.NONE");
		if (mask)
			return NEW_ERR(6, "This type can not have a bitmask");
		break;
	case FT_BYTES:
	case FT_UINT_BYTES:
		if (base != BASE_NONE && (base < SEP_DOT || base > SEP_SPACE))
			return NEW_ERR(5, "Display must be either base.NONE, base.DOT, base.DASH, "
					  "base.COLON or base.SPACE");
		if (mask)
			return NEW_ERR(6, "This type can not have a bitmask");
		break;
	case FT_FLOAT:
	case FT_DOUBLE:
		units = (base & BASE_UNIT_STRING) != 0;
		base &= ~BASE_UNIT_STRING;
		if (nargs >= 4) {
			rd = units_from;
			strings = rd(L, 4, 0);
		}
		/* fall through */
	case FT_NONE:
	case FT_IPv4:
	case FT_IPv6:
	case FT_IPXNET:
	case FT_ETHER:
	case FT_RELATIVE_TIME:
	case FT_GUID:
	case FT_OID:
	case FT_PROTOCOL:
	case FT_SYSTEM_ID:
	case FT_REL_OID:
	case FT_EUI64:
	case FT_VINES:
	case FT_FCWWN:
		if (base != BASE_NONE)
			return NEW_ERR(5, "Base must be base.NONE");
		if (mask)
			return NEW_ERR(6, "This type can not have a bitmask");
		break;
	case FT_UINT40:
	case FT_UINT48:
	case FT_UINT56:
	case FT_INT40:
	case FT_INT48:
	case FT_INT56:
	case FT_IEEE_11073_SFLOAT:
	case FT_IEEE_11073_FLOAT:
	case FT_UINT_STRING:
	case FT_AX25:
	case FT_STRINGZPAD:
	case FT_STRINGZTRUNC:
		return NEW_ERR(3, "Unsupported ProtoField field type");
	default:
		return NEW_ERR(3, "Invalid ProtoField field type");
	}
	if (units && !strings)
		return NEW_ERR(4, "Base contains base.UNIT_STRING but no table was provided");
	if (ranges && !strings)
		return NEW_ERR(4, "Base contains bas.RANGE_STRING but no table was provided");
	if (strings && units)
		base |= BASE_UNIT_STRING;
	if (strings && ranges)
		base |= BASE_RANGE_STRING;
	return push_protofield(L, abbr, name, (enum ftype)t, base, built(L, strings, rd, 4), mask,
			       desc);
}

static int pf_call(lua_State *L)
{
	lua_remove(L, 1);
	return pf_new(L);
}

static int pf_tostring(lua_State *L)
{
	struct lprotofield *f = luaL_checkudata(L, 1, "ProtoField");
	const struct field_def *d = field_get(f->id);
	lua_pushfstring(L, "ProtoField(%d): %s %s %s %s %p %p %s", f->id, d->name, d->abbrev,
			ftype_name(d->type), fbase_name(d->base), d->strings,
			(void *)(uintptr_t)d->bitmask, d->blurb ? d->blurb : "");
	return 1;
}

static int pf_index(lua_State *L)
{
	struct lprotofield *f = luaL_checkudata(L, 1, "ProtoField");
	const char *k = luaL_checkstring(L, 2);
	const struct field_def *d = field_get(f->id);
	if (!strcmp(k, "name"))
		lua_pushstring(L, d->name);
	else if (!strcmp(k, "abbr"))
		lua_pushstring(L, d->abbrev);
	else if (!strcmp(k, "type"))
		lua_pushinteger(L, wslua_ftype_to_lua(d->type));
	else
		lua_pushnil(L);
	return 1;
}

/* ---- ProtoExpert ------------------------------------------------------------ */

static int pe_new(lua_State *L)
{
	const char *abbr = luaL_checkstring(L, 1);
	luaL_checkstring(L, 2);
	lua_Integer group = luaL_checkinteger(L, 3);
	lua_Integer sev = luaL_checkinteger(L, 4);
	(void)abbr;
	struct lexpert *e = lua_newuserdatauv(L, sizeof *e, 1);
	e->group = (int)group;
	e->severity = (int)sev;
	/* the text lives in a Lua string the userdata keeps alive */
	lua_pushvalue(L, 2);
	e->text = lua_tostring(L, -1);
	lua_setiuservalue(L, -2, 1);
	luaL_setmetatable(L, "ProtoExpert");
	return 1;
}

static int pe_tostring(lua_State *L)
{
	struct lexpert *e = luaL_checkudata(L, 1, "ProtoExpert");
	lua_pushfstring(L, "ProtoExpert: %s", e->text);
	return 1;
}

/* ---- Dissector --------------------------------------------------------------- */

struct ldissector {
	const struct dissector *d;
};

static const struct dissector *find_dissector(const char *name)
{
	for (int i = 0; i < nprotos; i++)
		if (!strcmp(protos[i].d.name, name))
			return &protos[i].d;
	for (int t = 0; t < DT_COUNT; t++)
		for (uint32_t k = 0; k < 65536; k++) {
			const struct dissector *d = dtable_get((enum dtable)t, k);
			if (d && d->name && !strcmp(d->name, name))
				return d;
		}
	/* "data" is in no table here (every dissector falls back to it directly) */
	static struct dissector data = {"data", dissect_data, -1};
	if (!strcmp(name, "data")) {
		data.proto_id = proto_data;
		return &data;
	}
	return NULL;
}

static void push_dissector(lua_State *L, const struct dissector *d)
{
	struct ldissector *u = lua_newuserdatauv(L, sizeof *u, 0);
	u->d = d;
	luaL_setmetatable(L, "Dissector");
}

static int dis_get(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	const struct dissector *d = find_dissector(name);
	if (!d)
		return luaL_error(L, "Dissector_get: No such dissector: %s", name);
	push_dissector(L, d);
	return 1;
}

static int dis_list(lua_State *L)
{
	lua_newtable(L);
	for (int i = 0; i < nprotos; i++) {
		lua_pushstring(L, protos[i].d.name);
		lua_rawseti(L, -2, i + 1);
	}
	return 1;
}

static int call_c_dissector(lua_State *L, const struct dissector *d, int tvbidx)
{
	struct ltvb *t = wslua_check_tvb(L, tvbidx);
	if (!wslua_pk)
		return luaL_error(L, "Dissector.call: no packet");
	struct cursor c = cur_make(t->data, t->caplen, t->len);
	c.base = t->base;
	c.src = t->src;
	struct fieldset *fs = wslua_pk->fs;
	int saved = fs->cur_parent;
	struct ltree *tr = luaL_testudata(L, tvbidx + 2, "TreeItem");
	if (tr && tr->idx >= 0)
		fs->cur_parent = tr->idx;
	const struct dissector *prev = dissect_current;
	dissect_current = d;
	int r = d->fn(wslua_pk, &c);
	dissect_current = prev;
	fs->cur_parent = saved;
	return r;
}

static int dis_call(lua_State *L)
{
	struct ldissector *u = luaL_checkudata(L, 1, "Dissector");
	int r = call_c_dissector(L, u->d, 2);
	lua_pushinteger(L, r < 0 ? 0 : r);
	return 1;
}

static int dis_tostring(lua_State *L)
{
	struct ldissector *u = luaL_checkudata(L, 1, "Dissector");
	lua_pushstring(L, u->d->name);
	return 1;
}

static const struct dissector *to_dissector(lua_State *L, int idx)
{
	struct ldissector *u = luaL_testudata(L, idx, "Dissector");
	if (u)
		return u->d;
	struct lproto *p = check_proto(L, idx);
	return &p->d;
}

/* ---- DissectorTable ------------------------------------------------------------ */

struct ldtable {
	int t;   /* enum dtable, or -1 for a Lua-made table */
	int ref; /* Lua-made: key -> Dissector table */
};

static const struct {
	const char *name;
	enum dtable t;
} dtable_names[] = {{"tcp.port", DT_TCP_PORT},
		    {"udp.port", DT_UDP_PORT},
		    {"ethertype", DT_ETHERTYPE},
		    {"ip.proto", DT_IP_PROTO},
		    {"wtap_encap", DT_WTAP_ENCAP},
		    {"ppp.protocol", DT_PPP_PROTO},
		    {"sll.ltype", DT_SLL_LTYPE},
		    {"null.type", DT_NULL_FAMILY},
		    {"llc.cisco_pid", DT_LLC_CISCO_PID},
		    {"llc.dsap", DT_LLC_DSAP},
		    {NULL, DT_COUNT}};

static int lua_tables_ref = LUA_NOREF;

static int dt_get(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	for (int i = 0; dtable_names[i].name; i++)
		if (!strcmp(dtable_names[i].name, name)) {
			struct ldtable *u = lua_newuserdatauv(L, sizeof *u, 0);
			u->t = dtable_names[i].t;
			u->ref = LUA_NOREF;
			luaL_setmetatable(L, "DissectorTable");
			return 1;
		}
	if (lua_tables_ref != LUA_NOREF) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, lua_tables_ref);
		lua_getfield(L, -1, name);
		if (!lua_isnil(L, -1))
			return 1;
	}
	return luaL_error(L, "DissectorTable_get: no such dissector_table");
}

static int dt_new(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	if (lua_tables_ref == LUA_NOREF) {
		lua_newtable(L);
		lua_tables_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	}
	struct ldtable *u = lua_newuserdatauv(L, sizeof *u, 0);
	u->t = -1;
	lua_newtable(L);
	u->ref = luaL_ref(L, LUA_REGISTRYINDEX);
	luaL_setmetatable(L, "DissectorTable");
	lua_rawgeti(L, LUA_REGISTRYINDEX, lua_tables_ref);
	lua_pushvalue(L, -2);
	lua_setfield(L, -2, name);
	lua_pop(L, 1);
	return 1;
}

/* keys: a number, "a-b" / "a,b" range strings, or a Lua table */
static void for_keys(lua_State *L, int idx,
		     void (*fn)(lua_State *, struct ldtable *, uint32_t, int), struct ldtable *u,
		     int didx)
{
	if (lua_type(L, idx) == LUA_TSTRING && u->t >= 0) {
		const char *s = lua_tostring(L, idx);
		while (*s) {
			char *end;
			unsigned long a = strtoul(s, &end, 10), b = a;
			if (end == s)
				break;
			s = end;
			if (*s == '-') {
				b = strtoul(s + 1, &end, 10);
				s = end;
			}
			for (unsigned long k = a; k <= b && k < 65536; k++)
				fn(L, u, (uint32_t)k, didx);
			while (*s == ',' || *s == ' ')
				s++;
		}
		return;
	}
	if (lua_type(L, idx) == LUA_TNUMBER) {
		uint32_t k = (uint32_t)lua_tointeger(L, idx);
		if (u->t == DT_WTAP_ENCAP)
			k = wslua_wtap_to_linktype(k);
		fn(L, u, k, didx);
		return;
	}
	luaL_argerror(L, idx, "expected a number or a range string");
}

static void key_add(lua_State *L, struct ldtable *u, uint32_t k, int didx)
{
	if (u->t >= 0) {
		dtable_add((enum dtable)u->t, k, to_dissector(L, didx));
		return;
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, u->ref);
	lua_pushvalue(L, didx);
	lua_rawseti(L, -2, k);
	lua_pop(L, 1);
}

static void key_remove(lua_State *L, struct ldtable *u, uint32_t k, int didx)
{
	(void)didx;
	if (u->t >= 0) {
		dtable_remove((enum dtable)u->t, k);
		return;
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, u->ref);
	lua_pushnil(L);
	lua_rawseti(L, -2, k);
	lua_pop(L, 1);
}

static int dt_add(lua_State *L)
{
	struct ldtable *u = luaL_checkudata(L, 1, "DissectorTable");
	if (u->t >= 0)
		to_dissector(L, 3);
	for_keys(L, 2, key_add, u, 3);
	return 0;
}

static int dt_set(lua_State *L)
{
	return dt_add(L);
}

static int dt_remove(lua_State *L)
{
	struct ldtable *u = luaL_checkudata(L, 1, "DissectorTable");
	for_keys(L, 2, key_remove, u, 3);
	return 0;
}

static int dt_remove_all(lua_State *L)
{
	struct ldtable *u = luaL_checkudata(L, 1, "DissectorTable");
	const struct dissector *d = to_dissector(L, 2);
	if (u->t >= 0)
		for (uint32_t k = 0; k < 65536; k++)
			if (dtable_get((enum dtable)u->t, k) == d)
				dtable_remove((enum dtable)u->t, k);
	return 0;
}

static int dt_get_dissector(lua_State *L)
{
	struct ldtable *u = luaL_checkudata(L, 1, "DissectorTable");
	lua_Integer k = luaL_checkinteger(L, 2);
	if (u->t >= 0) {
		if (u->t == DT_WTAP_ENCAP && k >= 0)
			k = wslua_wtap_to_linktype((uint32_t)k);
		const struct dissector *d =
		    k >= 0 ? dtable_get((enum dtable)u->t, (uint32_t)k) : NULL;
		if (!d)
			return 0;
		push_dissector(L, d);
		return 1;
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, u->ref);
	lua_rawgeti(L, -1, k);
	return 1;
}

static int dt_try(lua_State *L)
{
	struct ldtable *u = luaL_checkudata(L, 1, "DissectorTable");
	lua_Integer k = luaL_checkinteger(L, 2);
	const struct dissector *d = NULL;
	if (u->t >= 0) {
		if (u->t == DT_WTAP_ENCAP && k >= 0)
			k = wslua_wtap_to_linktype((uint32_t)k);
		d = k >= 0 ? dtable_get((enum dtable)u->t, (uint32_t)k) : NULL;
	} else {
		lua_rawgeti(L, LUA_REGISTRYINDEX, u->ref);
		lua_rawgeti(L, -1, k);
		if (!lua_isnil(L, -1))
			d = to_dissector(L, -1);
		lua_pop(L, 2);
	}
	if (!d) {
		lua_pushinteger(L, 0);
		return 1;
	}
	int r = call_c_dissector(L, d, 3);
	lua_pushinteger(L, r < 0 ? 0 : r);
	return 1;
}

/* DissectorTable.heuristic_list(): the names of the heuristic lists scripts can use */
static int dt_heuristic_list(lua_State *L)
{
	lua_newtable(L);
	lua_pushstring(L, "tcp");
	lua_rawseti(L, -2, 1);
	lua_pushstring(L, "udp");
	lua_rawseti(L, -2, 2);
	return 1;
}

/* DissectorTable.try_heuristics(list, tvb, pinfo, tree): true when one accepted */
static int dt_try_heuristics(lua_State *L)
{
	const char *list = luaL_checkstring(L, 1);
	struct ltvb *t = wslua_check_tvb(L, 2);
	if (!wslua_pk)
		return luaL_error(L, "DissectorTable.try_heuristics: no packet");
	enum htable ht;
	if (!strcmp(list, "tcp"))
		ht = HT_TCP;
	else if (!strcmp(list, "udp"))
		ht = HT_UDP;
	else
		return luaL_error(L, "DissectorTable.try_heuristics: no heuristic list '%s'", list);
	struct cursor c = cur_make(t->data, t->caplen, t->len);
	c.base = t->base;
	c.src = t->src;
	struct fieldset *fs = wslua_pk->fs;
	int saved = fs->cur_parent;
	struct ltree *tr = luaL_testudata(L, 4, "TreeItem");
	if (tr && tr->idx >= 0)
		fs->cur_parent = tr->idx;
	int r = dissect_heur(wslua_pk, ht, &c);
	fs->cur_parent = saved;
	lua_pushboolean(L, r > 0);
	return 1;
}

static int dt_noop(lua_State *L)
{
	luaL_checkudata(L, 1, "DissectorTable");
	return 0;
}

static int dt_tostring(lua_State *L)
{
	struct ldtable *u = luaL_checkudata(L, 1, "DissectorTable");
	lua_pushfstring(L, "DissectorTable %d", u->t);
	return 1;
}

static int dt_list(lua_State *L)
{
	lua_newtable(L);
	for (int i = 0; dtable_names[i].name; i++) {
		lua_pushstring(L, dtable_names[i].name);
		lua_rawseti(L, -2, i + 1);
	}
	return 1;
}

/* ---- dissect_tcp_pdus(tvb, tree, min_len, get_len, dissect, [desegment]) ----- */

static int dissect_tcp_pdus(lua_State *L)
{
	struct ltvb *t = wslua_check_tvb(L, 1);
	lua_Integer min_len = luaL_checkinteger(L, 3);
	luaL_checktype(L, 4, LUA_TFUNCTION);
	luaL_checktype(L, 5, LUA_TFUNCTION);
	int deseg = lua_isnone(L, 6) ? 1 : lua_toboolean(L, 6);
	struct packet *pk = wslua_pk;
	if (!pk)
		return luaL_error(L, "dissect_tcp_pdus: no packet");
	deseg = deseg && pk->can_desegment;
	lua_Integer off = 0, total = t->caplen;
	while (off < total) {
		lua_Integer remain = total - off;
		if (remain < min_len) {
			if (deseg) {
				pk->desegment_offset = (uint32_t)off;
				pk->desegment_len = DESEGMENT_ONE_MORE_SEGMENT;
				lua_pushinteger(L, total);
				return 1;
			}
			break;
		}
		lua_pushvalue(L, 4);
		lua_pushvalue(L, 1);
		wslua_push_pinfo(L, pk);
		lua_pushinteger(L, off);
		lua_call(L, 3, 1);
		lua_Integer plen = luaL_checkinteger(L, -1);
		lua_pop(L, 1);
		if (plen <= 0) {
			lua_pushinteger(L, 0);
			return 1;
		}
		if (plen > remain) {
			if (deseg) {
				pk->desegment_offset = (uint32_t)off;
				pk->desegment_len = (uint32_t)(plen - remain);
				lua_pushinteger(L, total);
				return 1;
			}
			plen = remain;
		}
		struct ltvb sub = *t;
		sub.data += off;
		sub.base += (uint32_t)off;
		sub.caplen = sub.len = (uint32_t)plen;
		lua_pushvalue(L, 5);
		lua_getiuservalue(L, 1, 1);
		wslua_push_tvb(L, &sub, -1);
		lua_remove(L, -2);
		wslua_push_pinfo(L, pk);
		lua_pushvalue(L, 2);
		lua_call(L, 3, 0);
		off += plen;
	}
	lua_pushinteger(L, off);
	return 1;
}

/* ---- registration ------------------------------------------------------------- */

/*
** pinfo.conversation = proto: later packets of the same conversation (addresses, ports,
** transport; both directions) go to the protocol, before the port tables
** (dissect_conversation in tcp.c/udp.c).  The table is src/analysis/conv's.
*/
static struct conv_table *lua_convs;

static int conv_key_of(const struct packet *pk, struct conv_key *k)
{
	int dir;
	uint8_t proto = pk->ptype == PT_TCP ? CONV_TCP : pk->ptype == PT_UDP ? CONV_UDP : 0;
	if (!proto || pk->net_src.len == 0 || pk->net_src.len > 16 ||
	    pk->net_src.len != pk->net_dst.len)
		return 0;
	conv_key_make(k, proto, (uint8_t)pk->net_src.type, (uint8_t)pk->net_src.len, pk->net_src.a,
		      pk->net_dst.a, (uint16_t)pk->srcport, (uint16_t)pk->dstport, &dir);
	return 1;
}

static const struct dissector *lua_conv_lookup(struct packet *pk)
{
	struct conv_key k;
	if (!lua_convs || !conv_key_of(pk, &k))
		return NULL;
	void **slot = conv_slot(lua_convs, &k, 0);
	return slot ? *slot : NULL;
}

int wslua_set_conversation(lua_State *L, struct packet *pk, int idx)
{
	struct lproto *p = check_proto(L, idx);
	struct conv_key k;
	if (!conv_key_of(pk, &k))
		return 0;
	if (!lua_convs) {
		lua_convs = conv_table_new();
		dissect_conv_hook = lua_conv_lookup;
	}
	*conv_slot(lua_convs, &k, 1) = (void *)&p->d;
	return 0;
}

void wslua_conv_free(void)
{
	if (lua_convs)
		conv_table_free(lua_convs, NULL);
	lua_convs = NULL;
	dissect_conv_hook = NULL;
}

static const luaL_Reg proto_meta[] = {{"__index", proto_index},
				      {"__newindex", proto_newindex},
				      {"__tostring", proto_tostring},
				      {"__eq", proto_eq},
				      {NULL, NULL}};
static const luaL_Reg pf_meta[] = {
    {"__tostring", pf_tostring}, {"__index", pf_index}, {NULL, NULL}};
static const luaL_Reg pe_meta[] = {{"__tostring", pe_tostring}, {NULL, NULL}};
static const luaL_Reg dis_methods[] = {
    {"call", dis_call}, {"__tostring", dis_tostring}, {NULL, NULL}};
static const luaL_Reg dis_meta[] = {
    {"__tostring", dis_tostring}, {"__call", dis_call}, {NULL, NULL}};
static const luaL_Reg dt_methods[] = {{"add", dt_add},
				      {"set", dt_set},
				      {"remove", dt_remove},
				      {"remove_all", dt_remove_all},
				      {"get_dissector", dt_get_dissector},
				      {"try", dt_try},
				      {"add_for_decode_as", dt_noop},
				      {NULL, NULL}};
static const luaL_Reg dt_meta[] = {{"__tostring", dt_tostring}, {NULL, NULL}};

static const luaL_Reg pf_funcs[] = {{"new", pf_new},
				    {"uint8", pf_uint8},
				    {"uint16", pf_uint16},
				    {"uint24", pf_uint24},
				    {"uint32", pf_uint32},
				    {"uint64", pf_uint64},
				    {"int8", pf_int8},
				    {"int16", pf_int16},
				    {"int24", pf_int24},
				    {"int32", pf_int32},
				    {"int64", pf_int64},
				    {"framenum", pf_framenum},
				    {"char", pf_char},
				    {"bool", pf_bool},
				    {"absolute_time", pf_absolute_time},
				    {"relative_time", pf_relative_time},
				    {"float", pf_float},
				    {"double", pf_double},
				    {"string", pf_string},
				    {"stringz", pf_stringz},
				    {"bytes", pf_bytes},
				    {"ubytes", pf_ubytes},
				    {"none", pf_none},
				    {"ipv4", pf_ipv4},
				    {"ipv6", pf_ipv6},
				    {"ether", pf_ether},
				    {"guid", pf_guid},
				    {"oid", pf_oid},
				    {"rel_oid", pf_rel_oid},
				    {"protocol", pf_protocol},
				    {"eui64", pf_eui64},
				    {"systemid", pf_systemid},
				    {NULL, NULL}};

static void global_class(lua_State *L, const char *name, const luaL_Reg *funcs, lua_CFunction call)
{
	lua_newtable(L);
	luaL_setfuncs(L, funcs, 0);
	if (call) {
		lua_newtable(L);
		lua_pushcfunction(L, call);
		lua_setfield(L, -2, "__call");
		lua_setmetatable(L, -2);
	}
	lua_setglobal(L, name);
}

void wslua_open_proto(lua_State *L)
{
	static const struct field_def err_def[] = {
	    {"_ws.lua.error", "Lua Error", FT_NONE, BASE_NONE, NULL, 0, NULL},
	    {"_ws.lua.fake", "Wireshark Lua fake item", FT_NONE, BASE_NONE, NULL, 0, NULL}};
	if (lua_error_id < 0) {
		lua_error_id = field_register(err_def, 2);
		lua_fake_id = lua_error_id + 1;
	}
	wslua_class(L, "Proto", NULL, proto_meta);
	wslua_class(L, "ProtoField", NULL, pf_meta);
	wslua_class(L, "ProtoExpert", NULL, pe_meta);
	wslua_class(L, "Dissector", dis_methods, dis_meta);
	wslua_class(L, "DissectorTable", dt_methods, dt_meta);
	static const luaL_Reg proto_funcs[] = {{"new", proto_new}, {NULL, NULL}};
	global_class(L, "Proto", proto_funcs, proto_call);
	global_class(L, "ProtoField", pf_funcs, pf_call);
	/* listed in package.loaded so argument errors name 'ProtoField.uint8', as tshark's */
	luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
	lua_getglobal(L, "ProtoField");
	lua_setfield(L, -2, "ProtoField");
	lua_pop(L, 1);
	static const luaL_Reg pe_funcs[] = {{"new", pe_new}, {NULL, NULL}};
	global_class(L, "ProtoExpert", pe_funcs, NULL);
	static const luaL_Reg dis_funcs[] = {{"get", dis_get}, {"list", dis_list}, {NULL, NULL}};
	global_class(L, "Dissector", dis_funcs, NULL);
	static const luaL_Reg dt_funcs[] = {{"get", dt_get},
					    {"new", dt_new},
					    {"list", dt_list},
					    {"try_heuristics", dt_try_heuristics},
					    {"heuristic_list", dt_heuristic_list},
					    {NULL, NULL}};
	global_class(L, "DissectorTable", dt_funcs, NULL);
	lua_register(L, "register_postdissector", register_postdissector);
	lua_register(L, "dissect_tcp_pdus", dissect_tcp_pdus);
}
