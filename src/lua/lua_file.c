/*
** lua_file.c -- script-defined file formats: FileHandler, File,
** CaptureInfo/CaptureInfoConst, FrameInfo/FrameInfoConst,
** register_filehandler/deregister_filehandler.
**
** A registered FileHandler becomes an external reader and/or writer of
** src/capture (cap_ext_reader, cap_ext_writer), so frames a script reads go
** through the normal pipeline and -F NAME -w FILE writes through a script.
** Files being read are opened with zlib's gzopen: like Wireshark's FILE_T,
** a script sees gzip-compressed captures decompressed, and seeking back
** works in both cases.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../capture/capture.h"
#include "../capture/writer.h"
#include "lua_int.h"

/* Wireshark's numbers (wtap_presence_flags, wtap_rec_types) */
#define PF_TS          1
#define PF_CAP_LEN     2
#define REC_PACKET     0
#define REC_CUSTOM     5
#define ENCAP_UNKNOWN  0
#define ENCAP_PER_PKT  (-1)
#define MAX_PACKET_LEN (256u * 1024u * 1024u) /* a script asking for more is wrong */

/* ---- FileHandler ------------------------------------------------------ */

enum {
	CB_READ_OPEN,
	CB_READ,
	CB_SEEK_READ,
	CB_READ_CLOSE,
	CB_SEQ_READ_CLOSE,
	CB_WRITE_OPEN,
	CB_WRITE,
	CB_WRITE_CLOSE,
	CB_CAN_WRITE,
	CB_COUNT
};
static const char *const cb_names[CB_COUNT] = {"read_open",  "read",           "seek_read",
					       "read_close", "seq_read_close", "write_open",
					       "write",      "write_close",    "can_write_encap"};

struct lfh {
	char name[64], shortname[64], desc[128], type[8];
	int cb[CB_COUNT]; /* registry refs, LUA_NOREF when unset */
	int self;         /* registry ref while registered */
	int ftype;        /* file type number once registered, else -1 */
	char extensions[128];
	int comment_types;
	int writes_nrb, must_seek;
};

static struct lfh *check_fh(lua_State *L, int idx)
{
	return luaL_checkudata(L, idx, "FileHandler");
}

static int fh_new(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	const char *shortname = luaL_checkstring(L, 2);
	const char *desc = luaL_checkstring(L, 3);
	const char *type = luaL_checkstring(L, 4);
	struct lfh *fh = lua_newuserdatauv(L, sizeof *fh, 0);
	memset(fh, 0, sizeof *fh);
	snprintf(fh->name, sizeof fh->name, "%s", name);
	snprintf(fh->shortname, sizeof fh->shortname, "%s", shortname);
	snprintf(fh->desc, sizeof fh->desc, "%s", desc);
	snprintf(fh->type, sizeof fh->type, "%s", type);
	for (int i = 0; i < CB_COUNT; i++)
		fh->cb[i] = LUA_NOREF;
	fh->self = LUA_NOREF;
	fh->ftype = -1;
	luaL_setmetatable(L, "FileHandler");
	return 1;
}

static int fh_tostring(lua_State *L)
{
	struct lfh *fh = check_fh(L, 1);
	lua_pushfstring(L,
			"FileHandler(%s): description='%s', internal description='%s', "
			"read_open=%d, read=%d, write=%d",
			fh->shortname, fh->name, fh->desc, fh->cb[CB_READ_OPEN], fh->cb[CB_READ],
			fh->cb[CB_WRITE]);
	return 1;
}

/* a callback setter: upvalue 1 is its index in cb[] */
static int fh_set_cb(lua_State *L)
{
	struct lfh *fh = check_fh(L, 1);
	int i = (int)lua_tointeger(L, lua_upvalueindex(1));
	if (fh->self != LUA_NOREF)
		return luaL_error(L, "FileHandler: cannot change %s once registered", cb_names[i]);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	luaL_unref(L, LUA_REGISTRYINDEX, fh->cb[i]);
	lua_pushvalue(L, 2);
	fh->cb[i] = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

static int fh_get_type(lua_State *L)
{
	lua_pushinteger(L, check_fh(L, 1)->ftype);
	return 1;
}

static int fh_get_ext(lua_State *L)
{
	lua_pushstring(L, check_fh(L, 1)->extensions);
	return 1;
}

static int fh_set_ext(lua_State *L)
{
	struct lfh *fh = check_fh(L, 1);
	snprintf(fh->extensions, sizeof fh->extensions, "%s", luaL_checkstring(L, 2));
	return 0;
}

static int fh_get_ct(lua_State *L)
{
	lua_pushinteger(L, check_fh(L, 1)->comment_types);
	return 1;
}

static int fh_set_ct(lua_State *L)
{
	check_fh(L, 1)->comment_types = (int)luaL_checkinteger(L, 2);
	return 0;
}

static int fh_get_nrb(lua_State *L)
{
	lua_pushboolean(L, check_fh(L, 1)->writes_nrb);
	return 1;
}

static int fh_set_nrb(lua_State *L)
{
	check_fh(L, 1)->writes_nrb = lua_toboolean(L, 2);
	return 0;
}

static int fh_get_seek(lua_State *L)
{
	lua_pushboolean(L, check_fh(L, 1)->must_seek);
	return 1;
}

static int fh_set_seek(lua_State *L)
{
	check_fh(L, 1)->must_seek = lua_toboolean(L, 2);
	return 0;
}

/* ---- File ------------------------------------------------------------- */

struct lfile {
	gzFile gz; /* reading */
	FILE *fp;  /* writing (owned by the capture writer) */
};

static struct lfile *check_file(lua_State *L, int idx)
{
	struct lfile *f = luaL_checkudata(L, idx, "File");
	if (!f->gz && !f->fp)
		luaL_error(L, "File: the file is closed (used outside its callback)");
	return f;
}

static void push_file(lua_State *L, gzFile gz, FILE *fp)
{
	struct lfile *f = lua_newuserdatauv(L, sizeof *f, 0);
	f->gz = gz;
	f->fp = fp;
	luaL_setmetatable(L, "File");
}

/* a line, without (keep 0) or with its newline; nil at the end of the file */
static int read_line(lua_State *L, gzFile gz, int keep)
{
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	int c = 0, any = 0;
	while ((c = gzgetc(gz)) != -1) {
		any = 1;
		if (c == '\n')
			break;
		luaL_addchar(&b, (char)c);
	}
	if (c == '\n' && keep)
		luaL_addchar(&b, '\n');
	luaL_pushresult(&b);
	if (!any) {
		lua_pop(L, 1);
		lua_pushnil(L);
	}
	return any;
}

static int read_chars(lua_State *L, gzFile gz, size_t n)
{
	if (n == 0) { /* a test for the end of the file */
		int c = gzgetc(gz);
		if (c == -1) {
			lua_pushnil(L);
			return 0;
		}
		gzungetc(c, gz);
		lua_pushliteral(L, "");
		return 1;
	}
	luaL_Buffer b;
	size_t got = 0;
	luaL_buffinit(L, &b);
	while (got < n) {
		size_t want = n - got < LUAL_BUFFERSIZE ? n - got : LUAL_BUFFERSIZE;
		char *p = luaL_prepbuffsize(&b, want);
		int r = gzread(gz, p, (unsigned)want);
		if (r <= 0)
			break;
		luaL_addsize(&b, (size_t)r);
		got += (size_t)r;
	}
	luaL_pushresult(&b);
	if (got == 0) {
		lua_pop(L, 1);
		lua_pushnil(L);
		return 0;
	}
	return 1;
}

static int read_number(lua_State *L, gzFile gz)
{
	char buf[64];
	size_t n = 0;
	int c;
	while ((c = gzgetc(gz)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		;
	while (c != -1 && n + 1 < sizeof buf && strchr("0123456789+-.eExXabcdefABCDEF", c)) {
		buf[n++] = (char)c;
		c = gzgetc(gz);
	}
	if (c != -1)
		gzungetc(c, gz);
	buf[n] = 0;
	if (n && lua_stringtonumber(L, buf))
		return 1;
	lua_pushnil(L);
	return 0;
}

/* File:read(...) -- Lua's io formats: "*a", "*l", "*L", "*n", or a byte count */
static int file_read(lua_State *L)
{
	struct lfile *f = check_file(L, 1);
	if (!f->gz)
		return luaL_error(L, "File:read: the file is open for writing");
	int n = lua_gettop(L);
	if (n == 1) {
		read_line(L, f->gz, 0);
		return 1;
	}
	int i;
	for (i = 2; i <= n; i++) {
		int ok;
		if (lua_type(L, i) == LUA_TNUMBER) {
			ok = read_chars(L, f->gz, (size_t)luaL_checkinteger(L, i));
		} else {
			const char *fmt = luaL_checkstring(L, i);
			if (*fmt == '*')
				fmt++;
			if (*fmt == 'a') {
				read_chars(L, f->gz, (size_t)-1 >> 1);
				if (lua_isnil(L, -1)) {
					lua_pop(L, 1);
					lua_pushliteral(L, "");
				}
				ok = 1;
			} else if (*fmt == 'l' || *fmt == 'L') {
				ok = read_line(L, f->gz, *fmt == 'L');
			} else if (*fmt == 'n') {
				ok = read_number(L, f->gz);
			} else {
				return luaL_argerror(L, i, "invalid format");
			}
		}
		if (!ok)
			return i - 1;
	}
	return n - 1;
}

/* File:seek([whence [, offset]]) -- the position after the move */
static int file_seek(lua_State *L)
{
	struct lfile *f = check_file(L, 1);
	static const char *const modes[] = {"set", "cur", "end", NULL};
	int mode = luaL_checkoption(L, 2, "cur", modes);
	lua_Integer off = luaL_optinteger(L, 3, 0);
	if (f->fp) {
		static const int w[] = {SEEK_SET, SEEK_CUR, SEEK_END};
		if (fseek(f->fp, (long)off, w[mode]) != 0) {
			lua_pushnil(L);
			lua_pushliteral(L, "seek failed");
			return 2;
		}
		lua_pushinteger(L, (lua_Integer)ftell(f->fp));
		return 1;
	}
	z_off_t r;
	if (mode == 2) { /* gzseek knows no SEEK_END: read to the end first */
		char sink[4096];
		while (gzread(f->gz, sink, sizeof sink) > 0)
			;
		r = gztell(f->gz);
		if (off)
			r = gzseek(f->gz, r + (z_off_t)off, SEEK_SET);
	} else {
		r = gzseek(f->gz, (z_off_t)off, mode == 0 ? SEEK_SET : SEEK_CUR);
	}
	if (r < 0) {
		gzclearerr(f->gz);
		lua_pushnil(L);
		lua_pushliteral(L, "seek failed");
		return 2;
	}
	lua_pushinteger(L, (lua_Integer)r);
	return 1;
}

static int lines_next(lua_State *L)
{
	struct lfile *f = luaL_checkudata(L, lua_upvalueindex(1), "File");
	if (!f->gz)
		return 0;
	read_line(L, f->gz, 0);
	return 1;
}

static int file_lines(lua_State *L)
{
	struct lfile *f = check_file(L, 1);
	if (!f->gz)
		return luaL_error(L, "File:lines: the file is open for writing");
	lua_pushvalue(L, 1);
	lua_pushcclosure(L, lines_next, 1);
	return 1;
}

/* File:write(...) -- strings and numbers, as io's write; returns the file */
static int file_write(lua_State *L)
{
	struct lfile *f = check_file(L, 1);
	if (!f->fp)
		return luaL_error(L, "File:write: the file is open for reading");
	int n = lua_gettop(L);
	for (int i = 2; i <= n; i++) {
		size_t len;
		const char *s = luaL_checklstring(L, i, &len);
		if (fwrite(s, 1, len, f->fp) != len) {
			lua_pushnil(L);
			lua_pushliteral(L, "write failed");
			return 2;
		}
	}
	lua_settop(L, 1);
	return 1;
}

static int file_compressed(lua_State *L)
{
	struct lfile *f = check_file(L, 1);
	lua_pushboolean(L, f->gz && !gzdirect(f->gz));
	return 1;
}

static int file_tostring(lua_State *L)
{
	struct lfile *f = luaL_checkudata(L, 1, "File");
	lua_pushstring(L, f->gz ? "File (reading)" : f->fp ? "File (writing)" : "File (closed)");
	return 1;
}

/* ---- CaptureInfo / CaptureInfoConst ----------------------------------- */

/* user value 1: a table with private_table and the section strings */
struct lcap {
	int encap, tsprec;
	uint32_t snaplen;
	int is_const;
};

static struct lcap *check_cap(lua_State *L, int idx)
{
	struct lcap *c = luaL_testudata(L, idx, "CaptureInfo");
	if (!c)
		c = luaL_checkudata(L, idx, "CaptureInfoConst");
	return c;
}

static void push_cap(lua_State *L, const struct cap_ext_info *info, int is_const)
{
	struct lcap *c = lua_newuserdatauv(L, sizeof *c, 1);
	c->encap = info ? info->encap : ENCAP_UNKNOWN;
	c->tsprec = info ? info->tsprec : 6;
	c->snaplen = info ? info->snaplen : 0;
	c->is_const = is_const;
	lua_newtable(L);
	if (info) {
		const char *s[4][2] = {{"comment", info->comment},
				       {"hardware", info->hardware},
				       {"os", info->os},
				       {"user_app", info->userappl}};
		for (int i = 0; i < 4; i++)
			if (s[i][1]) {
				lua_pushstring(L, s[i][1]);
				lua_setfield(L, -2, s[i][0]);
			}
	}
	lua_setiuservalue(L, -2, 1);
	luaL_setmetatable(L, is_const ? "CaptureInfoConst" : "CaptureInfo");
}

/* getter/setter of a value kept in the user table: upvalue 1 is its key */
static int cap_get_uv(lua_State *L)
{
	check_cap(L, 1);
	lua_getiuservalue(L, 1, 1);
	lua_getfield(L, -1, lua_tostring(L, lua_upvalueindex(1)));
	return 1;
}

static int cap_set_uv(lua_State *L)
{
	check_cap(L, 1);
	const char *k = lua_tostring(L, lua_upvalueindex(1));
	if (strcmp(k, "private_table") && strcmp(k, "hosts") && !lua_isnil(L, 2))
		luaL_checkstring(L, 2);
	lua_getiuservalue(L, 1, 1);
	lua_pushvalue(L, 2);
	lua_setfield(L, -2, k);
	return 0;
}

static int cap_get_encap(lua_State *L)
{
	lua_pushinteger(L, check_cap(L, 1)->encap);
	return 1;
}

static int cap_set_encap(lua_State *L)
{
	check_cap(L, 1)->encap = (int)luaL_checkinteger(L, 2);
	return 0;
}

static int cap_get_tsprec(lua_State *L)
{
	lua_pushinteger(L, check_cap(L, 1)->tsprec);
	return 1;
}

static int cap_set_tsprec(lua_State *L)
{
	lua_Integer p = luaL_checkinteger(L, 2);
	luaL_argcheck(L, p >= 0 && p <= 9, 2, "time precision must be 0..9 (wtap_tsprecs)");
	check_cap(L, 1)->tsprec = (int)p;
	return 0;
}

static int cap_get_snaplen(lua_State *L)
{
	lua_pushinteger(L, check_cap(L, 1)->snaplen);
	return 1;
}

static int cap_set_snaplen(lua_State *L)
{
	lua_Integer n = luaL_checkinteger(L, 2);
	check_cap(L, 1)->snaplen = n < 0 ? 0 : (uint32_t)n;
	return 0;
}

static int cap_get_type(lua_State *L)
{
	check_cap(L, 1);
	lua_pushinteger(L, -1); /* WTAP_FILE_TYPE_SUBTYPE_UNKNOWN: a script's own */
	return 1;
}

static int cap_tostring(lua_State *L)
{
	struct lcap *c = check_cap(L, 1);
	lua_pushfstring(L, "CaptureInfo%s: encap=%d, time_precision=%d, snapshot_length=%d",
			c->is_const ? "Const" : "", c->encap, c->tsprec, (int)c->snaplen);
	return 1;
}

/* ---- FrameInfo (being read) ------------------------------------------- */

struct lframe {
	int64_t sec;
	int32_t nsec;
	int rec_type, flags, encap;
	uint32_t caplen, len;
	uint8_t *buf;
	size_t nbuf, bufcap;
	char *comment;
};

static struct lframe *check_frame(lua_State *L, int idx)
{
	return luaL_checkudata(L, idx, "FrameInfo");
}

static void frame_reset(struct lframe *fr, int encap)
{
	fr->sec = 0;
	fr->nsec = 0;
	fr->rec_type = REC_PACKET;
	fr->flags = 0;
	fr->encap = encap;
	fr->caplen = fr->len = 0;
	fr->nbuf = 0;
	free(fr->comment);
	fr->comment = NULL;
}

static void frame_store(lua_State *L, struct lframe *fr, const void *p, size_t n)
{
	if (n > MAX_PACKET_LEN)
		luaL_error(L, "FrameInfo: %d bytes is more than a packet may hold", (int)n);
	if (n > fr->bufcap) {
		uint8_t *b = realloc(fr->buf, n);
		if (!b)
			luaL_error(L, "FrameInfo: out of memory");
		fr->buf = b;
		fr->bufcap = n;
	}
	if (n)
		memcpy(fr->buf, p, n);
	fr->nbuf = n;
}

static int frame_gc(lua_State *L)
{
	struct lframe *fr = check_frame(L, 1);
	free(fr->buf);
	free(fr->comment);
	fr->buf = NULL;
	fr->comment = NULL;
	return 0;
}

/* NSTime's secs and nsecs, read through its own getters */
static void check_nstime(lua_State *L, int idx, int64_t *sec, int32_t *nsec)
{
	if (!luaL_testudata(L, idx, "NSTime"))
		luaL_typeerror(L, idx, "NSTime");
	lua_getfield(L, idx, "secs");
	lua_getfield(L, idx, "nsecs");
	*sec = (int64_t)lua_tonumber(L, -2);
	*nsec = (int32_t)lua_tonumber(L, -1);
	lua_pop(L, 2);
}

static int frame_get_time(lua_State *L)
{
	struct lframe *fr = check_frame(L, 1);
	wslua_push_nstime(L, fr->sec, fr->nsec);
	return 1;
}

static int frame_set_time(lua_State *L)
{
	struct lframe *fr = check_frame(L, 1);
	check_nstime(L, 2, &fr->sec, &fr->nsec);
	return 0;
}

/* integer members: upvalue 1 is the member's index in ints() */
static int *frame_int(struct lframe *fr, int k)
{
	switch (k) {
	case 0:
		return &fr->rec_type;
	case 1:
		return &fr->flags;
	default:
		return &fr->encap;
	}
}

static int frame_get_int(lua_State *L)
{
	struct lframe *fr = check_frame(L, 1);
	lua_pushinteger(L, *frame_int(fr, (int)lua_tointeger(L, lua_upvalueindex(1))));
	return 1;
}

static int frame_set_int(lua_State *L)
{
	struct lframe *fr = check_frame(L, 1);
	*frame_int(fr, (int)lua_tointeger(L, lua_upvalueindex(1))) = (int)luaL_checkinteger(L, 2);
	return 0;
}

static int frame_get_caplen(lua_State *L)
{
	lua_pushinteger(L, check_frame(L, 1)->caplen);
	return 1;
}

static int frame_set_caplen(lua_State *L)
{
	lua_Integer n = luaL_checkinteger(L, 2);
	luaL_argcheck(L, n >= 0 && n <= MAX_PACKET_LEN, 2, "bad captured length");
	check_frame(L, 1)->caplen = (uint32_t)n;
	return 0;
}

static int frame_get_len(lua_State *L)
{
	lua_pushinteger(L, check_frame(L, 1)->len);
	return 1;
}

static int frame_set_len(lua_State *L)
{
	lua_Integer n = luaL_checkinteger(L, 2);
	luaL_argcheck(L, n >= 0 && n <= 0xffffffff, 2, "bad original length");
	check_frame(L, 1)->len = (uint32_t)n;
	return 0;
}

static int frame_get_comment(lua_State *L)
{
	struct lframe *fr = check_frame(L, 1);
	if (fr->comment)
		lua_pushstring(L, fr->comment);
	else
		lua_pushnil(L);
	return 1;
}

static int frame_set_comment(lua_State *L)
{
	struct lframe *fr = check_frame(L, 1);
	const char *s = luaL_checkstring(L, 2);
	free(fr->comment);
	fr->comment = strdup(s);
	return 0;
}

static int frame_get_data(lua_State *L)
{
	struct lframe *fr = check_frame(L, 1);
	lua_pushlstring(L, (const char *)fr->buf, fr->nbuf);
	return 1;
}

/* as Wireshark: setting the data sets both lengths */
static int frame_set_data(lua_State *L)
{
	struct lframe *fr = check_frame(L, 1);
	size_t n;
	const char *s = luaL_checklstring(L, 2, &n);
	frame_store(L, fr, s, n);
	fr->caplen = fr->len = (uint32_t)n;
	return 0;
}

/* FrameInfo:read_data(file, length): the frame's bytes, straight from the file */
static int frame_read_data(lua_State *L)
{
	struct lframe *fr = check_frame(L, 1);
	struct lfile *f = check_file(L, 2);
	lua_Integer n = luaL_checkinteger(L, 3);
	luaL_argcheck(L, n >= 0 && n <= MAX_PACKET_LEN, 3, "bad length");
	if (!f->gz)
		return luaL_error(L, "FrameInfo:read_data: the file is open for writing");
	frame_store(L, fr, NULL, 0);
	if ((size_t)n > fr->bufcap) {
		uint8_t *b = realloc(fr->buf, (size_t)n);
		if (!b)
			return luaL_error(L, "FrameInfo:read_data: out of memory");
		fr->buf = b;
		fr->bufcap = (size_t)n;
	}
	int r = n ? gzread(f->gz, fr->buf, (unsigned)n) : 0;
	if (r != n) {
		fr->nbuf = r > 0 ? (size_t)r : 0;
		lua_pushboolean(L, 0);
		return 1;
	}
	fr->nbuf = (size_t)n;
	lua_pushboolean(L, 1);
	return 1;
}

static int frame_tostring(lua_State *L)
{
	struct lframe *fr = check_frame(L, 1);
	lua_pushfstring(L,
			"FrameInfo: rec_type=%d, flags=%d, captured_length=%d, "
			"original_length=%d, encap=%d",
			fr->rec_type, fr->flags, (int)fr->caplen, (int)fr->len, fr->encap);
	return 1;
}

/* ---- FrameInfoConst (being written) ----------------------------------- */

struct lframec {
	const struct cap_frame *f; /* NULL outside the write() call */
};

static const struct cap_frame *check_framec(lua_State *L, int idx)
{
	struct lframec *c = luaL_checkudata(L, idx, "FrameInfoConst");
	if (!c->f)
		luaL_error(L, "FrameInfoConst: used outside its write() call");
	return c->f;
}

static int framec_get(lua_State *L)
{
	const struct cap_frame *f = check_framec(L, 1);
	const char *k = lua_tostring(L, lua_upvalueindex(1));
	if (!strcmp(k, "time"))
		wslua_push_nstime(L, f->has_ts ? f->sec : 0, f->has_ts ? f->nsec : 0);
	else if (!strcmp(k, "captured_length"))
		lua_pushinteger(L, f->caplen);
	else if (!strcmp(k, "original_length"))
		lua_pushinteger(L, f->len);
	else if (!strcmp(k, "encap"))
		lua_pushinteger(L, f->encap);
	else if (!strcmp(k, "rec_type"))
		lua_pushinteger(L, f->rectype == CAP_REC_CUSTOM ? REC_CUSTOM : REC_PACKET);
	else if (!strcmp(k, "flags"))
		lua_pushinteger(L, (f->has_ts ? PF_TS : 0) | PF_CAP_LEN);
	else if (!strcmp(k, "data"))
		lua_pushlstring(L, (const char *)f->data, f->caplen);
	else if (f->ncomments > 0) /* comment */
		lua_pushlstring(L, f->comments[0].p, f->comments[0].n);
	else
		lua_pushnil(L);
	return 1;
}

/* FrameInfoConst:write_data(file [, length]) */
static int framec_write_data(lua_State *L)
{
	const struct cap_frame *f = check_framec(L, 1);
	struct lfile *file = check_file(L, 2);
	lua_Integer n = luaL_optinteger(L, 3, f->caplen);
	if (!file->fp)
		return luaL_error(L, "FrameInfoConst:write_data: the file is open for reading");
	if (n < 0 || n > f->caplen)
		n = f->caplen;
	lua_pushboolean(L, fwrite(f->data, 1, (size_t)n, file->fp) == (size_t)n);
	return 1;
}

static int framec_tostring(lua_State *L)
{
	struct lframec *c = luaL_checkudata(L, 1, "FrameInfoConst");
	if (!c->f) {
		lua_pushliteral(L, "FrameInfoConst (expired)");
		return 1;
	}
	lua_pushfstring(L, "FrameInfoConst: captured_length=%d, original_length=%d, encap=%d",
			(int)c->f->caplen, (int)c->f->len, c->f->encap);
	return 1;
}

/* ---- the reader and writer behind src/capture ------------------------- */

/* push the handler's callback i; 0 (nothing pushed) when unset */
static int push_cb(lua_State *L, const struct lfh *fh, int i)
{
	if (fh->cb[i] == LUA_NOREF)
		return 0;
	lua_rawgeti(L, LUA_REGISTRYINDEX, fh->cb[i]);
	return 1;
}

/* tshark's words for an error raised inside a FileHandler callback */
static void report(const struct lfh *fh, const char *what, const char *err)
{
	(void)fh;
	fprintf(stderr,
		"tshark: Lua: Error During execution of FileHandler %s routine callback:\n %s\n",
		what, err);
}

struct rd {
	struct lfh *fh;
	int file_ref, cap_ref, frame_ref;
	struct lfile *file;
	struct lcap *cap;
	struct lframe *frame;
	int file_encap;
};

/* callback with (file, capture[, frame]); leaves one result; 0 or -1 with err */
static int rd_call(struct rd *r, int cb, int with_frame, char *err, size_t errlen)
{
	lua_State *L = wslua_L;
	if (!push_cb(L, r->fh, cb)) {
		snprintf(err, errlen, "no %s function", cb_names[cb]);
		return -1;
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->file_ref);
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->cap_ref);
	if (with_frame)
		lua_rawgeti(L, LUA_REGISTRYINDEX, r->frame_ref);
	return wslua_pcall(L, with_frame ? 3 : 2, 1, err, errlen) == LUA_OK ? 0 : -1;
}

static char *dup_field(lua_State *L, int tbl, const char *k)
{
	char *s = NULL;
	if (lua_getfield(L, tbl, k) == LUA_TSTRING)
		s = strdup(lua_tostring(L, -1));
	lua_pop(L, 1);
	return s;
}

static void rd_free(struct rd *r)
{
	lua_State *L = wslua_L;
	if (r->file->gz)
		gzclose(r->file->gz);
	r->file->gz = NULL;
	luaL_unref(L, LUA_REGISTRYINDEX, r->file_ref);
	luaL_unref(L, LUA_REGISTRYINDEX, r->cap_ref);
	luaL_unref(L, LUA_REGISTRYINDEX, r->frame_ref);
	free(r);
}

static int rd_open(void *ud, const char *path, struct cap_ext_info *info, void **h)
{
	struct lfh *fh = ud;
	lua_State *L = wslua_L;
	if (!L || fh->cb[CB_READ_OPEN] == LUA_NOREF || fh->cb[CB_READ] == LUA_NOREF)
		return 0;
	gzFile gz = gzopen(path, "rb");
	if (!gz)
		return 0;
	struct rd *r = calloc(1, sizeof *r);
	if (!r) {
		gzclose(gz);
		return 0;
	}
	r->fh = fh;
	push_file(L, gz, NULL);
	r->file = lua_touserdata(L, -1);
	r->file_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	push_cap(L, NULL, 0);
	r->cap = lua_touserdata(L, -1);
	r->cap_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	struct lframe *fr = lua_newuserdatauv(L, sizeof *fr, 0);
	memset(fr, 0, sizeof *fr);
	luaL_setmetatable(L, "FrameInfo");
	r->frame = fr;
	r->frame_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	char err[1024];
	if (rd_call(r, CB_READ_OPEN, 0, err, sizeof err) < 0) {
		report(fh, "read_open", err);
		rd_free(r);
		return 0;
	}
	int ours = lua_toboolean(L, -1);
	lua_pop(L, 1);
	if (!ours) {
		rd_free(r);
		return 0;
	}
	info->encap = r->file_encap = r->cap->encap;
	info->linktype = (int)wslua_wtap_to_linktype((uint32_t)r->cap->encap);
	info->snaplen = r->cap->snaplen;
	info->tsprec = r->cap->tsprec;
	lua_rawgeti(L, LUA_REGISTRYINDEX, r->cap_ref);
	lua_getiuservalue(L, -1, 1);
	int t = lua_gettop(L);
	info->comment = dup_field(L, t, "comment");
	info->hardware = dup_field(L, t, "hardware");
	info->os = dup_field(L, t, "os");
	info->userappl = dup_field(L, t, "user_app");
	lua_pop(L, 2);
	*h = r;
	return 1;
}

static int rd_read(void *h, struct cap_frame *f, char *err, size_t errlen)
{
	struct rd *r = h;
	lua_State *L = wslua_L;
	struct lframe *fr = r->frame;
	frame_reset(fr, r->file_encap);
	f->offset = r->file->gz ? (uint64_t)gztell(r->file->gz) : 0;
	char lerr[1024];
	if (rd_call(r, CB_READ, 1, lerr, sizeof lerr) < 0) {
		report(r->fh, "read", lerr);
		snprintf(err, errlen, "Run-time error while calling FileHandler read routine");
		return -1;
	}
	int isnum = 0;
	lua_Integer pos = lua_tointegerx(L, -1, &isnum);
	int ok = isnum || lua_toboolean(L, -1);
	lua_pop(L, 1);
	if (!ok)
		return 0;
	if (isnum && pos >= 0)
		f->offset = (uint64_t)pos;
	/* never hand out more bytes than the script gave */
	f->data = fr->buf;
	f->caplen = fr->caplen < fr->nbuf ? fr->caplen : (uint32_t)fr->nbuf;
	f->len = fr->len;
	f->has_ts = (fr->flags & PF_TS) != 0;
	f->sec = fr->sec;
	f->nsec = fr->nsec;
	f->encap = fr->encap;
	f->linktype = (int)wslua_wtap_to_linktype((uint32_t)fr->encap);
	f->rectype = fr->rec_type == REC_CUSTOM ? CAP_REC_CUSTOM : CAP_REC_PACKET;
	if (fr->comment) {
		f->ncomments = 1;
		f->comments[0].p = fr->comment;
		f->comments[0].n = (uint32_t)strlen(fr->comment);
	}
	return 1;
}

static void rd_close(void *h)
{
	struct rd *r = h;
	char err[1024];
	if (push_cb(wslua_L, r->fh, CB_SEQ_READ_CLOSE)) {
		lua_pop(wslua_L, 1);
		if (rd_call(r, CB_SEQ_READ_CLOSE, 0, err, sizeof err) < 0)
			report(r->fh, "seq_read_close", err);
		else
			lua_pop(wslua_L, 1);
	}
	if (push_cb(wslua_L, r->fh, CB_READ_CLOSE)) {
		lua_pop(wslua_L, 1);
		if (rd_call(r, CB_READ_CLOSE, 0, err, sizeof err) < 0)
			report(r->fh, "read_close", err);
		else
			lua_pop(wslua_L, 1);
	}
	rd_free(r);
}

struct wr {
	struct lfh *fh;
	int file_ref, cap_ref, frame_ref;
	struct lfile *file;
	struct lframec *frame;
};

static int wr_can(void *ud, int encap)
{
	struct lfh *fh = ud;
	lua_State *L = wslua_L;
	if (!push_cb(L, fh, CB_CAN_WRITE))
		return 1;
	lua_pushinteger(L, encap);
	char err[1024];
	if (wslua_pcall(L, 1, 1, err, sizeof err) != LUA_OK) {
		report(fh, "can_write_encap", err);
		return 0;
	}
	int ok = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return ok;
}

static int wr_call(struct wr *w, int cb, int with_frame, char *err, size_t errlen)
{
	lua_State *L = wslua_L;
	if (!push_cb(L, w->fh, cb)) {
		snprintf(err, errlen, "FileHandler '%s' has no %s function", w->fh->shortname,
			 cb_names[cb]);
		return -1;
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, w->file_ref);
	lua_rawgeti(L, LUA_REGISTRYINDEX, w->cap_ref);
	if (with_frame)
		lua_rawgeti(L, LUA_REGISTRYINDEX, w->frame_ref);
	char lerr[1024];
	const char *what = cb_names[cb];
	if (wslua_pcall(L, with_frame ? 3 : 2, 1, lerr, sizeof lerr) != LUA_OK) {
		report(w->fh, what, lerr);
		snprintf(err, errlen, "Run-time error while calling FileHandler %s routine", what);
		return -1;
	}
	int ok = lua_toboolean(L, -1);
	lua_pop(L, 1);
	if (!ok) {
		snprintf(err, errlen, "FileHandler %s routine returned false", what);
		return -1;
	}
	return 0;
}

static void wr_free(struct wr *w)
{
	lua_State *L = wslua_L;
	w->file->fp = NULL;
	w->frame->f = NULL;
	luaL_unref(L, LUA_REGISTRYINDEX, w->file_ref);
	luaL_unref(L, LUA_REGISTRYINDEX, w->cap_ref);
	luaL_unref(L, LUA_REGISTRYINDEX, w->frame_ref);
	free(w);
}

static void *wr_open(void *ud, FILE *fp, const struct cap_ext_info *info, char *err, size_t errlen)
{
	lua_State *L = wslua_L;
	struct wr *w = calloc(1, sizeof *w);
	if (!w) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	w->fh = ud;
	push_file(L, NULL, fp);
	w->file = lua_touserdata(L, -1);
	w->file_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	push_cap(L, info, 1);
	w->cap_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	w->frame = lua_newuserdatauv(L, sizeof *w->frame, 0);
	w->frame->f = NULL;
	luaL_setmetatable(L, "FrameInfoConst");
	w->frame_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	if (wr_call(w, CB_WRITE_OPEN, 0, err, errlen) < 0) {
		wr_free(w);
		return NULL;
	}
	return w;
}

static int wr_write(void *h, const struct cap_frame *f, char *err, size_t errlen)
{
	struct wr *w = h;
	w->frame->f = f;
	int r = wr_call(w, CB_WRITE, 1, err, errlen);
	w->frame->f = NULL;
	return r;
}

static int wr_close(void *h, char *err, size_t errlen)
{
	struct wr *w = h;
	int r =
	    w->fh->cb[CB_WRITE_CLOSE] == LUA_NOREF ? 0 : wr_call(w, CB_WRITE_CLOSE, 0, err, errlen);
	wr_free(w);
	return r;
}

/* ---- register_filehandler / deregister_filehandler -------------------- */

static int l_register(lua_State *L)
{
	struct lfh *fh = check_fh(L, 1);
	if (fh->self != LUA_NOREF)
		return luaL_error(L, "this FileHandler is already registered");
	int reads = strchr(fh->type, 'r') != NULL, writes = strchr(fh->type, 'w') != NULL;
	/* tshark's rule and words */
	if ((reads && (fh->cb[CB_READ_OPEN] == LUA_NOREF || fh->cb[CB_READ] == LUA_NOREF)) ||
	    (writes && (fh->cb[CB_WRITE_OPEN] == LUA_NOREF || fh->cb[CB_WRITE] == LUA_NOREF ||
			fh->cb[CB_CAN_WRITE] == LUA_NOREF))) {
		return luaL_error(L, "this FileHandler is not complete enough to register");
	}
	if (reads) {
		struct cap_ext_reader r = {
		    fh->shortname, strchr(fh->type, 'm') != NULL, fh, rd_open, rd_read, rd_close};
		if (capture_ext_register(&r) < 0)
			return luaL_error(L, "too many FileHandlers");
	}
	if (writes) {
		struct cap_ext_writer x = {fh->shortname, fh, wr_can, wr_open, wr_write, wr_close};
		if (cap_writer_ext_register(&x) < 0)
			return luaL_error(L, "too many FileHandlers");
	}
	lua_pushvalue(L, 1);
	fh->self = luaL_ref(L, LUA_REGISTRYINDEX);
	/* tshark 4.0 numbers script formats after its 92 built-in ones */
	static int next_ftype = 92;
	fh->ftype = next_ftype++;
	lua_pushinteger(L, fh->ftype);
	return 1;
}

static int l_deregister(lua_State *L)
{
	struct lfh *fh = check_fh(L, 1);
	if (fh->self == LUA_NOREF)
		return 0;
	capture_ext_unregister(fh);
	cap_writer_ext_unregister(fh);
	luaL_unref(L, LUA_REGISTRYINDEX, fh->self);
	fh->self = LUA_NOREF;
	fh->ftype = -1;
	return 0;
}

/* ---- class tables ----------------------------------------------------- */

/* instance __index: methods, then getters; __newindex: setters */
static int obj_index(lua_State *L)
{
	lua_getmetatable(L, 1);
	if (lua_getfield(L, -1, "methods") == LUA_TTABLE) {
		lua_pushvalue(L, 2);
		if (lua_rawget(L, -2) != LUA_TNIL)
			return 1;
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	if (lua_getfield(L, -1, "__getters") == LUA_TTABLE) {
		lua_pushvalue(L, 2);
		if (lua_rawget(L, -2) == LUA_TFUNCTION) {
			lua_pushvalue(L, 1);
			lua_call(L, 1, 1);
			return 1;
		}
	}
	lua_pushnil(L);
	return 1;
}

static int obj_newindex(lua_State *L)
{
	lua_getmetatable(L, 1);
	if (lua_getfield(L, -1, "__setters") == LUA_TTABLE) {
		lua_pushvalue(L, 2);
		if (lua_rawget(L, -2) == LUA_TFUNCTION) {
			lua_pushvalue(L, 1);
			lua_pushvalue(L, 3);
			lua_call(L, 2, 0);
			return 0;
		}
	}
	lua_getfield(L, -3, "__name");
	return luaL_error(L, "%s: no such setter '%s'", lua_tostring(L, -1),
			  luaL_tolstring(L, 2, NULL));
}

/* a getter or setter closure over one string upvalue */
static void set_closure(lua_State *L, const char *name, lua_CFunction fn, const char *up)
{
	lua_pushstring(L, up);
	lua_pushcclosure(L, fn, 1);
	lua_setfield(L, -2, name);
}

static void set_int_closure(lua_State *L, const char *name, lua_CFunction fn, int up)
{
	lua_pushinteger(L, up);
	lua_pushcclosure(L, fn, 1);
	lua_setfield(L, -2, name);
}

/* metatable NAME with obj_index/obj_newindex, methods, and empty getter/setter tables on top */
static void new_class(lua_State *L, const char *name, const luaL_Reg *methods, lua_CFunction ts,
		      lua_CFunction gc)
{
	luaL_newmetatable(L, name);
	lua_pushstring(L, name);
	lua_setfield(L, -2, "__name");
	lua_pushcfunction(L, obj_index);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, obj_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, ts);
	lua_setfield(L, -2, "__tostring");
	if (gc) {
		lua_pushcfunction(L, gc);
		lua_setfield(L, -2, "__gc");
	}
	lua_newtable(L);
	if (methods)
		luaL_setfuncs(L, methods, 0);
	lua_setfield(L, -2, "methods");
}

/* the class's global table: the constructor (or nothing) */
static void class_global(lua_State *L, const char *name, const luaL_Reg *fns)
{
	lua_newtable(L);
	if (fns)
		luaL_setfuncs(L, fns, 0);
	lua_setglobal(L, name);
}

static void open_filehandler(lua_State *L)
{
	new_class(L, "FileHandler", NULL, fh_tostring, NULL);
	lua_newtable(L); /* getters */
	lua_pushcfunction(L, fh_get_type);
	lua_setfield(L, -2, "type");
	lua_pushcfunction(L, fh_get_ext);
	lua_setfield(L, -2, "extensions");
	lua_pushcfunction(L, fh_get_ct);
	lua_setfield(L, -2, "supported_comment_types");
	lua_pushcfunction(L, fh_get_nrb);
	lua_setfield(L, -2, "writes_name_resolution");
	lua_pushcfunction(L, fh_get_seek);
	lua_setfield(L, -2, "writing_must_seek");
	lua_setfield(L, -2, "__getters");
	lua_newtable(L); /* setters */
	for (int i = 0; i < CB_COUNT; i++)
		set_int_closure(L, cb_names[i], fh_set_cb, i);
	lua_pushcfunction(L, fh_set_ext);
	lua_setfield(L, -2, "extensions");
	lua_pushcfunction(L, fh_set_ct);
	lua_setfield(L, -2, "supported_comment_types");
	lua_pushcfunction(L, fh_set_nrb);
	lua_setfield(L, -2, "writes_name_resolution");
	lua_pushcfunction(L, fh_set_seek);
	lua_setfield(L, -2, "writing_must_seek");
	lua_setfield(L, -2, "__setters");
	lua_pop(L, 1);
	static const luaL_Reg ctor[] = {{"new", fh_new}, {NULL, NULL}};
	class_global(L, "FileHandler", ctor);
}

static void open_file(lua_State *L)
{
	static const luaL_Reg methods[] = {{"read", file_read},
					   {"seek", file_seek},
					   {"lines", file_lines},
					   {"write", file_write},
					   {NULL, NULL}};
	new_class(L, "File", methods, file_tostring, NULL);
	lua_newtable(L);
	lua_pushcfunction(L, file_compressed);
	lua_setfield(L, -2, "compressed");
	lua_setfield(L, -2, "__getters");
	lua_newtable(L);
	lua_setfield(L, -2, "__setters");
	lua_pop(L, 1);
	class_global(L, "File", NULL);
}

static void open_capinfo(lua_State *L)
{
	static const char *const strs[] = {"comment", "hardware", "os", "user_app", NULL};
	for (int c = 0; c < 2; c++) {
		new_class(L, c ? "CaptureInfoConst" : "CaptureInfo", NULL, cap_tostring, NULL);
		lua_newtable(L); /* getters */
		lua_pushcfunction(L, cap_get_encap);
		lua_setfield(L, -2, "encap");
		lua_pushcfunction(L, cap_get_tsprec);
		lua_setfield(L, -2, "time_precision");
		lua_pushcfunction(L, cap_get_snaplen);
		lua_setfield(L, -2, "snapshot_length");
		for (int i = 0; strs[i]; i++)
			set_closure(L, strs[i], cap_get_uv, strs[i]);
		set_closure(L, "private_table", cap_get_uv, "private_table");
		if (c) {
			lua_pushcfunction(L, cap_get_type);
			lua_setfield(L, -2, "type");
			set_closure(L, "hosts", cap_get_uv, "hosts");
		}
		lua_setfield(L, -2, "__getters");
		lua_newtable(L); /* setters */
		set_closure(L, "private_table", cap_set_uv, "private_table");
		if (!c) {
			lua_pushcfunction(L, cap_set_encap);
			lua_setfield(L, -2, "encap");
			lua_pushcfunction(L, cap_set_tsprec);
			lua_setfield(L, -2, "time_precision");
			lua_pushcfunction(L, cap_set_snaplen);
			lua_setfield(L, -2, "snapshot_length");
			for (int i = 0; strs[i]; i++)
				set_closure(L, strs[i], cap_set_uv, strs[i]);
			set_closure(L, "hosts", cap_set_uv, "hosts");
		}
		lua_setfield(L, -2, "__setters");
		lua_pop(L, 1);
	}
}

static void open_frameinfo(lua_State *L)
{
	static const luaL_Reg methods[] = {{"read_data", frame_read_data}, {NULL, NULL}};
	new_class(L, "FrameInfo", methods, frame_tostring, frame_gc);
	lua_newtable(L); /* getters */
	lua_pushcfunction(L, frame_get_time);
	lua_setfield(L, -2, "time");
	set_int_closure(L, "rec_type", frame_get_int, 0);
	set_int_closure(L, "flags", frame_get_int, 1);
	set_int_closure(L, "encap", frame_get_int, 2);
	lua_pushcfunction(L, frame_get_caplen);
	lua_setfield(L, -2, "captured_length");
	lua_pushcfunction(L, frame_get_len);
	lua_setfield(L, -2, "original_length");
	lua_pushcfunction(L, frame_get_comment);
	lua_setfield(L, -2, "comment");
	lua_pushcfunction(L, frame_get_data);
	lua_setfield(L, -2, "data");
	lua_setfield(L, -2, "__getters");
	lua_newtable(L); /* setters */
	lua_pushcfunction(L, frame_set_time);
	lua_setfield(L, -2, "time");
	set_int_closure(L, "rec_type", frame_set_int, 0);
	set_int_closure(L, "flags", frame_set_int, 1);
	set_int_closure(L, "encap", frame_set_int, 2);
	lua_pushcfunction(L, frame_set_caplen);
	lua_setfield(L, -2, "captured_length");
	lua_pushcfunction(L, frame_set_len);
	lua_setfield(L, -2, "original_length");
	lua_pushcfunction(L, frame_set_comment);
	lua_setfield(L, -2, "comment");
	lua_pushcfunction(L, frame_set_data);
	lua_setfield(L, -2, "data");
	lua_setfield(L, -2, "__setters");
	lua_pop(L, 1);
	class_global(L, "FrameInfo", methods);

	static const luaL_Reg cmethods[] = {{"write_data", framec_write_data}, {NULL, NULL}};
	static const char *const members[] = {
	    "time", "rec_type",        "flags",           "encap", "comment",
	    "data", "captured_length", "original_length", NULL};
	new_class(L, "FrameInfoConst", cmethods, framec_tostring, NULL);
	lua_newtable(L);
	for (int i = 0; members[i]; i++)
		set_closure(L, members[i], framec_get, members[i]);
	lua_setfield(L, -2, "__getters");
	lua_newtable(L);
	lua_setfield(L, -2, "__setters");
	lua_pop(L, 1);
	class_global(L, "FrameInfoConst", cmethods);
}

void wslua_open_file(lua_State *L)
{
	open_filehandler(L);
	open_file(L);
	open_capinfo(L);
	open_frameinfo(L);
	lua_register(L, "register_filehandler", l_register);
	lua_register(L, "deregister_filehandler", l_deregister);
}
