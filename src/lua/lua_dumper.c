/*
** lua_dumper.c -- Dumper (a script writing packets to a capture file of
** its own, from a tap or a dissector) and PseudoHeader, which Dumper:dump
** takes but wiresift's link types never need.
**
** Files go through src/capture's writer (pcap, nanosecond pcap, pcapng),
** so they are the bytes tshark 4.0 writes for the same calls.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../capture/writer.h"
#include "lua_int.h"

/* wtap_filetypes numbers tshark 4.0 gives its three formats */
#define FT_PCAPNG    0
#define FT_PCAP      1
#define FT_PCAP_NSEC 2

struct ldumper {
	struct cap_writer *w; /* NULL once closed */
	int encap, linktype;
};

static struct ldumper *check_dumper(lua_State *L, int idx, const char *fn)
{
	struct ldumper *d = luaL_checkudata(L, idx, "Dumper");
	if (!d->w) {
		char msg[96];
		snprintf(msg, sizeof msg, "bad argument #1 to '%s' (null Dumper already closed)",
			 fn);
		luaL_where(L, 1);
		lua_pushstring(L, msg);
		lua_concat(L, 2);
		lua_error(L);
	}
	return d;
}

static int open_dumper(lua_State *L, const char *path, lua_Integer ft, int encap)
{
	enum cap_wfmt fmt;
	if (ft == FT_PCAP)
		fmt = CAP_W_PCAP;
	else if (ft == FT_PCAP_NSEC)
		fmt = CAP_W_PCAP_NSEC;
	else if (ft == FT_PCAPNG)
		fmt = CAP_W_PCAPNG;
	else
		return luaL_error(L,
				  "Dumper: file type %d is not one wiresift writes (pcap, "
				  "nsecpcap, pcapng)",
				  (int)ft);
	uint32_t lt = wslua_wtap_to_linktype((uint32_t)encap);
	if (lt == 0xffffffffu)
		return luaL_error(L, "Dumper: encapsulation %d has no link type here", encap);
	char err[512];
	errno = 0;
	struct cap_writer *w = cap_writer_open(path, fmt, NULL, err, sizeof err);
	if (!w) /* tshark's words: the system's reason, not the capture layer's sentence */
		return luaL_error(L, "error while opening \"%s\": %s", path,
				  errno ? strerror(errno) : err);
	struct cap_iface ifc = {.linktype = (int)lt,
				.snaplen = CAP_WRITER_DEFAULT_SNAPLEN,
				.encap = encap,
				.tsresol_num = fmt == CAP_W_PCAP_NSEC ? 1000000000u : 1000000u};
	cap_writer_add_iface(w, &ifc);
	struct ldumper *d = lua_newuserdatauv(L, sizeof *d, 0);
	d->w = w;
	d->encap = encap;
	d->linktype = (int)lt;
	luaL_setmetatable(L, "Dumper");
	return 1;
}

/* Dumper.new(filename [, filetype [, encap]]) */
static int dumper_new(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	lua_Integer ft = luaL_optinteger(L, 2, FT_PCAP);
	lua_Integer encap = luaL_optinteger(L, 3, 1); /* wtap_encaps.ETHERNET */
	return open_dumper(L, path, ft, (int)encap);
}

/* Dumper.new_for_current(filename [, filetype]): the current packet's encapsulation */
static int dumper_new_for_current(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	lua_Integer ft = luaL_optinteger(L, 2, FT_PCAP);
	if (!wslua_pk)
		return luaL_error(L, "Dumper.new_for_current: cannot be used outside a tap or "
				     "dissector");
	return open_dumper(L, path, ft, wslua_pk->encap);
}

static int write_frame(lua_State *L, struct ldumper *d, struct cap_frame *f)
{
	if (cap_writer_write(d->w, f, 0) != 0)
		return luaL_error(L, "Dumper: %s", cap_writer_error(d->w));
	return 0;
}

/* dumper:dump(timestamp, pseudoheader, bytearray): timestamp in seconds (a number) */
static int dumper_dump(lua_State *L)
{
	struct ldumper *d = check_dumper(L, 1, "Dumper.dump");
	double ts = luaL_checknumber(L, 2);
	if (!luaL_testudata(L, 3, "PseudoHeader"))
		luaL_typeerror(L, 3, "PseudoHeader");
	if (!luaL_testudata(L, 4, "ByteArray"))
		luaL_typeerror(L, 4, "ByteArray");
	lua_getfield(L, 4, "raw"); /* the bytes, through ByteArray's own method */
	lua_pushvalue(L, 4);
	lua_call(L, 1, 1);
	size_t n;
	const char *p = lua_tolstring(L, -1, &n);
	struct cap_frame f = {0};
	f.data = (const uint8_t *)p;
	f.caplen = f.len = (uint32_t)n;
	f.sec = (int64_t)floor(ts);
	f.nsec = (int32_t)floor((ts - floor(ts)) * 1e9);
	f.has_ts = 1;
	f.linktype = d->linktype;
	f.encap = d->encap;
	write_frame(L, d, &f);
	return 0;
}

/* dumper:dump_current(): the packet being tapped or dissected, as read */
static int dumper_dump_current(lua_State *L)
{
	struct ldumper *d = check_dumper(L, 1, "Dumper.dump_current");
	const struct packet *pk = wslua_pk;
	if (!pk)
		return luaL_error(L, "Dumper.dump_current: cannot be used outside a tap or "
				     "dissector");
	struct cap_frame f = {0};
	f.data = pk->data;
	f.caplen = pk->caplen;
	f.len = pk->len;
	f.sec = pk->sec;
	f.nsec = pk->nsec;
	f.has_ts = pk->has_ts;
	f.linktype = pk->linktype;
	f.encap = pk->encap;
	write_frame(L, d, &f);
	return 0;
}

static int dumper_flush(lua_State *L)
{
	struct ldumper *d = check_dumper(L, 1, "Dumper.flush");
	cap_writer_flush(d->w);
	return 0;
}

static int dumper_close(lua_State *L)
{
	struct ldumper *d = check_dumper(L, 1, "Dumper.close");
	char err[512];
	int rc = cap_writer_close(d->w, err, sizeof err);
	d->w = NULL;
	if (rc < 0)
		return luaL_error(L, "error closing: %s", err);
	return 0;
}

static int dumper_gc(lua_State *L)
{
	struct ldumper *d = luaL_checkudata(L, 1, "Dumper");
	if (d->w) {
		char err[512];
		cap_writer_close(d->w, err, sizeof err);
		d->w = NULL;
	}
	return 0;
}

/* PseudoHeader.none()/eth()/atm()/mtp2(): a marker only */
static int pseudo_new(lua_State *L)
{
	lua_newuserdatauv(L, 1, 0);
	luaL_setmetatable(L, "PseudoHeader");
	return 1;
}

void wslua_open_dumper(lua_State *L)
{
	static const luaL_Reg methods[] = {{"dump", dumper_dump},
					   {"dump_current", dumper_dump_current},
					   {"flush", dumper_flush},
					   {"close", dumper_close},
					   {NULL, NULL}};
	static const luaL_Reg meta[] = {{"__gc", dumper_gc}, {NULL, NULL}};
	wslua_class(L, "Dumper", methods, meta);
	lua_newtable(L);
	luaL_setfuncs(L, methods, 0);
	lua_pushcfunction(L, dumper_new);
	lua_setfield(L, -2, "new");
	lua_pushcfunction(L, dumper_new_for_current);
	lua_setfield(L, -2, "new_for_current");
	lua_setglobal(L, "Dumper");

	wslua_class(L, "PseudoHeader", NULL, NULL);
	lua_newtable(L);
	static const char *const kinds[] = {"none", "eth", "atm", "mtp2", NULL};
	for (int i = 0; kinds[i]; i++) {
		lua_pushcfunction(L, pseudo_new);
		lua_setfield(L, -2, kinds[i]);
	}
	lua_setglobal(L, "PseudoHeader");
}
