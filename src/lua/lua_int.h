/*
** lua_int.h -- shared between the src/lua files (one file per Wireshark class).
*/
#ifndef WS_LUA_INT_H
#define WS_LUA_INT_H

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "../core/field.h"
#include "../core/fieldset.h"
#include "../dissect/packet.h"

/*
** A field read for its presence or value only, never its label: with the
** fieldset's label-on-demand (FIELD_WANT_VALUE, issue 6) a Listener's filter or
** tap protocol then costs no "Transmission Control Protocol, Src Port: ..."
** printf per packet; before it, a plain field_want().
*/
static inline void wslua_want_value(int id)
{
#ifdef FIELD_WANT_VALUE
	field_want_value(id);
#else
	field_want(id);
#endif
}

/* The packet being dissected or tapped (Lua runs on one thread). */
extern struct packet *wslua_pk;
extern lua_State *wslua_L;
/* Set once the scripts have loaded: some constructors are allowed only before. */
extern int wslua_loaded;
/* Inside a Listener callback: the packet has been dissected (pinfo.visited). */
extern int wslua_in_tap;

/* Rewrite a Lua 5.4 runtime message into the 5.2 wording tshark 4.0 prints. */
void wslua_msg52(const char *in, char *out, size_t n);

void wslua_open_field(lua_State *L);
void wslua_open_listener(lua_State *L);
void wslua_open_util(lua_State *L);
void wslua_open_proto(lua_State *L);
void wslua_open_tvb(lua_State *L);
void wslua_open_tree(lua_State *L);
void wslua_open_pinfo(lua_State *L);
void wslua_open_dir(lua_State *L);
void wslua_open_struct(lua_State *L);
void wslua_open_consts(lua_State *L);
void wslua_open_file(lua_State *L);
void wslua_open_dumper(lua_State *L);
uint32_t wslua_wtap_to_linktype(uint32_t wtap);
void wslua_conv_free(void);
void wslua_push_item_value(lua_State *L, const struct fitem *it);
void wslua_open_prefs(lua_State *L);

/* The state's allocator (lua_alloc.c): free lists for small blocks; released at close. */
void *wslua_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
void wslua_alloc_release(void);

/* Protected call; on error err gets the 5.2-worded message and nothing stays pushed. */
int wslua_pcall(lua_State *L, int nargs, int nres, char *err, size_t errlen);

/* Values (lua_util.c) */
void wslua_push_uint64(lua_State *L, uint64_t v);
void wslua_push_int64(lua_State *L, int64_t v);
void wslua_push_nstime(lua_State *L, int64_t sec, int32_t nsec);
void wslua_push_address(lua_State *L, const struct address *a);
void wslua_push_bytearray(lua_State *L, const uint8_t *p, size_t n);
uint64_t wslua_check_uint64(lua_State *L, int idx);
int64_t wslua_check_int64(lua_State *L, int idx);

/* Wireshark's ftype numbers (ftypes.*) <-> the registry's enum; -1 when unknown */
int wslua_ftype_to_lua(enum ftype t);
int wslua_ftype_from_lua(lua_Integer n);

/* FieldInfo for item idx of the current packet's fieldset. */
void wslua_push_fieldinfo(lua_State *L, int idx);
/* Pinfo and Tvb for a tap or a dissector call (lua_pinfo.c, lua_tvb.c) */
void wslua_push_pinfo(lua_State *L, struct packet *pk);
void wslua_push_frame_tvb(lua_State *L, struct packet *pk);
/* Packet-scoped objects (Tvb, Pinfo, TreeItem) expire after the call. */
void wslua_invalidate_packet(lua_State *L);

/* Bumped when a packet's objects expire; packet-scoped userdata store it. */
extern uint32_t wslua_gen;

/* Tvb and TvbRange (lua_tvb.c): a window onto bytes of one data source. */
struct ltvb {
	const uint8_t *data;
	uint32_t caplen, len; /* captured and reported lengths */
	uint32_t base;        /* offset of data[0] in its data source (tree positions) */
	uint8_t src;
	uint32_t gen;
};
struct lrange {
	struct ltvb tvb; /* the Tvb it came from */
	uint32_t off, len;
};
struct ltvb *wslua_check_tvb(lua_State *L, int idx);
struct lrange *wslua_check_range(lua_State *L, int idx);
struct lrange *wslua_test_range(lua_State *L, int idx);
/* anchor (index or 0): a value keeping the bytes alive (a Lua string) */
void wslua_push_tvb(lua_State *L, const struct ltvb *t, int anchor);

/* TreeItem (lua_tree.c); idx -1 is the packet's top level */
void wslua_push_tree(lua_State *L, int idx, int proto_id);
/* Lua proto of a registry protocol id, for dissector calls (lua_proto.c) */
int wslua_call_dissector(lua_State *L, int fnref, int proto_id, struct packet *pk, struct cursor *c,
			 int heuristic);

/* pinfo.conversation = proto (lua_proto.c) */
int wslua_set_conversation(lua_State *L, struct packet *pk, int idx);

/* Every Lua protocol's init() (lua_proto.c) */
void wslua_protos_init(lua_State *L);

/* Listener internals used by lua_state.c */
void wslua_listeners_packet(lua_State *L, struct packet *pk);
void wslua_listeners_draw(lua_State *L);
int wslua_listener_count(void);

/* Define a metatable with __index methods and optional getters. */
void wslua_class(lua_State *L, const char *name, const luaL_Reg *methods, const luaL_Reg *meta);

#endif
