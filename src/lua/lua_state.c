/*
** lua_state.c -- the Lua state: -X options, loading scripts and the plugin
** folder, Lua 5.2 compatibility shims, protected calls and error reporting.
**
** Lua 5.4 runs the scripts (see docs/lua.md for the measurement); the shims
** make 4.0-era scripts behave as under 5.2 where the difference shows in
** output: bit32, unpack/loadstring, float formatting in tostring/print, and
** runtime error wording ("attempt to index local 'x' (a nil value)").
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../core/util.h"
#include "lua_int.h"
#include "wslua.h"

struct packet *wslua_pk;
lua_State *wslua_L;
int wslua_loaded;
struct wslua_filter_hook wslua_filter;

#define MAX_SCRIPTS 64
#define MAX_ARGS    32
static const char *scripts[MAX_SCRIPTS];
static int nscripts;
/* lua_scriptN:arg -- N counts the scripts given with -X lua_script, from 1 */
static struct {
	int n;
	const char *arg;
} sargs[MAX_ARGS];
static int nsargs;

int wslua_option(const char *arg)
{
	if (!strncmp(arg, "lua_script:", 11)) {
		if (nscripts < MAX_SCRIPTS)
			scripts[nscripts++] = arg + 11;
		return 0;
	}
	if (!strncmp(arg, "lua_script", 10) && arg[10] >= '0' && arg[10] <= '9') {
		char *end;
		long n = strtol(arg + 10, &end, 10);
		if (*end == ':' && nsargs < MAX_ARGS) {
			sargs[nsargs].n = (int)n;
			sargs[nsargs].arg = end + 1;
			nsargs++;
			return 0;
		}
	}
	/* other -X extension options (read_format:...) are accepted and ignored */
	return 0;
}

void wslua_scan_argv(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || a[1] == '-')
			continue;
		/* -X may end a cluster of flags ("-qX" is unusual but legal) */
		const char *x = strchr(a + 1, 'X');
		if (!x)
			continue;
		/* only flags without arguments may precede X in a cluster */
		int ok = 1;
		for (const char *p = a + 1; p < x; p++)
			if (!strchr("nqlSVxPpgd2", *p))
				ok = 0;
		if (!ok)
			continue;
		if (x[1])
			wslua_option(x + 1);
		else if (i + 1 < argc)
			wslua_option(argv[++i]);
	}
}

int wslua_active(void)
{
	return wslua_L != NULL;
}

void wslua_msg52(const char *in, char *out, size_t n)
{
	/* 5.4: "attempt to OP a T value (KIND 'NAME')"  5.2: "attempt to OP KIND 'NAME' (a T
	 * value)" */
	const char *p = strstr(in, "attempt to ");
	if (p) {
		char op[32], ty[32], kind[32], name[128];
		int used = 0;
		if (sscanf(p, "attempt to %31s a %31s value (%31s '%127[^']')%n", op, ty, kind,
			   name, &used) == 4 &&
		    used > 0) {
			snprintf(out, n, "%.*sattempt to %s %s '%s' (a %s value)%s", (int)(p - in),
				 in, op, kind, name, ty, p + used);
			return;
		}
		/* "an" before vowels in 5.4 only for some types: "attempt to call a nil value" is
		 * shared */
	}
	snprintf(out, n, "%s", in);
}

static int traceback(lua_State *L)
{
	/* keep the message as is: tshark shows the error, not a traceback */
	if (!lua_isstring(L, 1)) {
		if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
			return 1;
		lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	}
	return 1;
}

int wslua_pcall(lua_State *L, int nargs, int nres, char *err, size_t errlen)
{
	int base = lua_gettop(L) - nargs;
	lua_pushcfunction(L, traceback);
	lua_insert(L, base);
	int rc = lua_pcall(L, nargs, nres, base);
	lua_remove(L, base);
	if (rc != LUA_OK) {
		const char *m = lua_tostring(L, -1);
		wslua_msg52(m ? m : "(null)", err, errlen);
		lua_pop(L, 1);
	}
	return rc;
}

/* 5.2 prints integral floats without ".0"; numbers share one metatable. */
static int number_tostring(lua_State *L)
{
	if (lua_isinteger(L, 1)) {
		lua_pushfstring(L, "%I", (LUAI_UACINT)lua_tointeger(L, 1));
		return 1;
	}
	char buf[64];
	snprintf(buf, sizeof buf, "%.14g", lua_tonumber(L, 1));
	lua_pushstring(L, buf);
	return 1;
}

static const char compat52[] =
    "unpack = unpack or table.unpack\n"
    "loadstring = loadstring or load\n"
    "math.pow = math.pow or function(x, y) return x ^ y end\n"
    "math.ldexp = math.ldexp or function(m, e) return m * 2.0 ^ e end\n"
    "math.frexp = math.frexp or function(x)\n"
    "  if x == 0 then return 0.0, 0 end\n"
    "  local e = math.floor(math.log(math.abs(x), 2)) + 1\n"
    "  return x / 2.0 ^ e, e end\n"
    "math.mod = math.mod or math.fmod\n"
    "table.getn = table.getn or function(t) return #t end\n"
    "table.maxn = table.maxn or function(t) local m = 0\n"
    "  for k in pairs(t) do if type(k) == 'number' and k > m then m = k end end return m end\n"
    "string.gfind = string.gfind or string.gmatch\n"
    /* 5.2's os.date truncates a fractional time; 5.4 raises (acme_file.lua passes t + ms/1000) */
    "do local d = os.date; os.date = function(f, t)\n"
    "  if type(t) == 'number' then t = math.floor(t) end return d(f, t) end end\n"
    "function gui_enabled() return false end\n"
    "function get_version() return '4.0.17' end\n"
    "function running_superuser() return false end\n"
    "function persconffile_path(f) return (os.getenv('HOME') or '') .. '/.config/wireshark/' .. (f "
    "or '') end\n"
    "function datafile_path(f) return '/usr/share/wireshark/' .. (f or '') end\n"
    "function register_menu() end\n"
    "function set_plugin_info() end\n"
    "function critical(...) io.stderr:write(table.concat({...}, ' '), '\\n') end\n"
    "warn = critical\n"
    "function message(...) end\n"
    "function info(...) end\n"
    "function report_failure(m) io.stderr:write(m, '\\n') end\n"
    /* Pref.*: a description; assigning one to proto.prefs stores its default value */
    "Pref = {}\n"
    "for _, k in ipairs({'bool','uint','string','enum','range','statictext'}) do\n"
    "  Pref[k] = function(label, default, descr, a, b)\n"
    "    return setmetatable({kind = k, label = label, default = default, descr = descr, a = a, b "
    "= b},\n"
    "                        {__name = 'Pref'}) end end\n"
    "function _wslua_prefs_table()\n"
    "  return setmetatable({}, {__name = 'Prefs', __newindex = function(t, k, v)\n"
    "    local mt = getmetatable(v)\n"
    "    if not (mt and mt.__name == 'Pref') then error('cannot set a preference that is not a "
    "Pref') end\n"
    "    rawset(t, k, v.default) end}) end\n";

static int class_newindex(lua_State *L)
{
	return luaL_error(L, "attempt to set a field of a class table: '%s'",
			  luaL_optstring(L, 2, "?"));
}

static int class_index(lua_State *L)
{
	return luaL_error(L, "no such attribute or method in the class table: '%s'",
			  luaL_optstring(L, 2, "?"));
}

/* Listener.__setters.NAME(listener, fn): the same as listener.NAME = fn */
static int listener_setter_note(lua_State *L)
{
	luaL_checkany(L, 2);
	lua_settop(L, 2);
	lua_setfield(L, 1, lua_tostring(L, lua_upvalueindex(1)));
	return 0;
}

/* A class table's copy of an instance metamethod: on instances it is the instance one; with a
** class table as operand it answers as for a plain table (tostring gives the class name). */
static int class_mm(lua_State *L)
{
	int n = lua_gettop(L);
	int any_table = 0;
	for (int i = 1; i <= n && i <= 2; i++)
		if (lua_type(L, i) == LUA_TTABLE)
			any_table = 1;
	if (!any_table) {
		lua_pushvalue(L, lua_upvalueindex(1));
		lua_insert(L, 1);
		lua_call(L, n, LUA_MULTRET);
		return lua_gettop(L);
	}
	const char *mm = lua_tostring(L, lua_upvalueindex(2));
	if (!strcmp(mm, "__tostring")) {
		lua_pushvalue(L, lua_upvalueindex(3));
		return 1;
	}
	if (!strcmp(mm, "__eq")) {
		lua_pushboolean(L, lua_rawequal(L, 1, 2));
		return 1;
	}
	if (!strcmp(mm, "__len")) {
		lua_pushinteger(L, (lua_Integer)lua_rawlen(L, 1));
		return 1;
	}
	return luaL_error(L, "%s: a class table is not a %s", mm,
			  lua_tostring(L, lua_upvalueindex(3)));
}

/* copy the function members of the table at index from (absolute) into the table on top */
static void copy_functions(lua_State *L, int from, int skip_meta)
{
	lua_pushnil(L);
	while (lua_next(L, from)) {
		const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
		if (k && lua_isfunction(L, -1) && !(skip_meta && k[0] == '_' && k[1] == '_')) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, -4);
		} else {
			lua_pop(L, 1);
		}
	}
}

/* Class tables (Listener, Proto, ...) are read-only and laid out as in Wireshark: the class
** table has `__typeof` and its methods; its metatable carries the instance metamethods,
** `__typeof`, `__methods` and, for classes with attributes, `__getters`/`__setters` tables. */
static void seal_class_tables(lua_State *L)
{
	static const char *const names[] = {
	    "Listener",    "Field",        "Proto",          "ProtoField",
	    "ProtoExpert", "Dissector",    "DissectorTable", "Dir",
	    "NSTime",      "Address",      "ByteArray",      "UInt64",
	    "Int64",       "Tvb",          "TvbRange",       "TreeItem",
	    "Column",      "Pref",         "Struct",         "Dumper",
	    "File",        "FileHandler",  "FrameInfo",      "FrameInfoConst",
	    "ProgDlg",     "PseudoHeader", "TextWindow",     NULL};
	static const char *const skip[] = {"__index",   "__newindex", "__gc",  "__name",
					   "__close",   "__mode",     "__len", "methods",
					   "__getters", "__setters",  NULL};
	lua_checkstack(L, 12);
	for (int i = 0; names[i]; i++) {
		if (lua_getglobal(L, names[i]) != LUA_TTABLE) {
			lua_pop(L, 1);
			if (luaL_getmetatable(L, names[i]) != LUA_TTABLE) { /* no class at all */
				lua_pop(L, 1);
				continue;
			}
			lua_pop(L, 1);
			lua_newtable(L);
			lua_pushvalue(L, -1);
			lua_setglobal(L, names[i]);
		}
		int cls = lua_gettop(L);
		if (luaL_getmetatable(L, names[i]) != LUA_TTABLE) {
			lua_pop(L, 1);
			lua_newtable(L);
		}
		int inst = lua_gettop(L);
		if (!lua_getmetatable(L,
				      cls)) /* the class table's metatable (constructors' __call) */
			lua_newtable(L);
		int cm = lua_gettop(L);
		lua_pushnil(L);
		while (lua_next(L, inst)) {
			int keep = lua_type(L, -2) == LUA_TSTRING && lua_isfunction(L, -1);
			if (keep) { /* the class's own metamethods (a constructor's __call) stay */
				lua_pushvalue(L, -2);
				keep = lua_rawget(L, cm) == LUA_TNIL;
				lua_pop(L, 1);
			}
			for (int j = 0; keep && skip[j]; j++)
				if (!strcmp(lua_tostring(L, -2), skip[j]))
					keep = 0;
			if (keep) {
				lua_pushvalue(L, -2); /* fn, key */
				lua_pushstring(L, names[i]);
				lua_pushcclosure(L, class_mm, 3);
				lua_pushvalue(L, -2);
				lua_insert(L, -2);
				lua_rawset(L, cm);
			} else {
				lua_pop(L, 1);
			}
		}
		/* __methods: the instance method table (its __index table or its "methods") */
		lua_newtable(L);
		int meth = lua_gettop(L);
		for (int f = 0; f < 2; f++) {
			if (lua_getfield(L, inst, f ? "methods" : "__index") == LUA_TTABLE) {
				lua_pushvalue(L, meth);
				copy_functions(L, lua_gettop(L) - 1, 0);
				lua_pop(L, 1);
			}
			lua_pop(L, 1);
		}
		lua_pushvalue(L, meth);
		lua_setfield(L, cm, "__methods");
		/* the class table also offers the methods (ByteArray.append(ba, ...)) */
		lua_pushnil(L);
		while (lua_next(L, meth)) {
			const char *k = lua_tostring(L, -2);
			lua_pushvalue(L, -2);
			if (k[0] != '_' && lua_rawget(L, cls) == LUA_TNIL) {
				lua_pop(L, 1);
				lua_pushvalue(L, -2);
				lua_insert(L, -2);
				lua_rawset(L, cls);
			} else {
				lua_pop(L, 2);
			}
		}
		lua_pop(L, 1); /* meth */
		/* Listener's callbacks are attributes set by the script (tshark lists them as
		 * setters) */
		if (!strcmp(names[i], "Listener") &&
		    lua_getfield(L, inst, "__setters") != LUA_TTABLE) {
			lua_pop(L, 1);
			lua_newtable(L);
			lua_setfield(L, inst, "__getters");
			lua_newtable(L);
			static const char *const cbs[] = {"draw", "packet", "reset", NULL};
			for (int j = 0; cbs[j]; j++) {
				lua_pushstring(L, cbs[j]);
				lua_pushcclosure(L, listener_setter_note, 1);
				lua_setfield(L, -2, cbs[j]);
			}
			lua_setfield(L, inst, "__setters");
		} else if (!strcmp(names[i], "Listener")) {
			lua_pop(L, 1);
		}
		for (int g = 0; g < 2; g++) {
			const char *field = g ? "__setters" : "__getters";
			if (lua_getfield(L, inst, field) == LUA_TTABLE) {
				lua_newtable(L);
				copy_functions(L, lua_gettop(L) - 1, 0);
				lua_pushstring(L, g ? "setter" : "getter");
				lua_setfield(L, -2, "__typeof");
				lua_setfield(L, cm, field);
			}
			lua_pop(L, 1);
		}
		lua_pushstring(L, names[i]);
		lua_setfield(L, cm, "__typeof");
		lua_pushstring(L, names[i]);
		lua_setfield(L, cls, "__typeof");
		lua_pushcfunction(L, class_newindex);
		lua_setfield(L, cm, "__newindex");
		lua_pushcfunction(L, class_index);
		lua_setfield(L, cm, "__index");
		lua_pushvalue(L, cm);
		lua_setmetatable(L, cls);
		lua_settop(L, cls - 1);
	}
}

static int l_typeof(lua_State *L)
{
	luaL_checkany(L, 1);
	if (lua_getmetatable(L, 1)) {
		lua_getfield(L, -1, "__name");
		if (lua_type(L, -1) == LUA_TSTRING)
			return 1;
		lua_pop(L, 2);
	}
	lua_pushstring(L, luaL_typename(L, 1));
	return 1;
}

static int panic(lua_State *L)
{
	const char *m = lua_tostring(L, -1);
	fprintf(stderr, "PANIC: unprotected error in call to Lua API (%s)\n", m ? m : "?");
	return 0; /* Lua aborts */
}

static void open_state(void)
{
	lua_State *L = lua_newstate(wslua_alloc, NULL);
	if (!L) {
		fprintf(stderr, "wiresift: cannot create the Lua state (out of memory)\n");
		exit(1);
	}
	lua_atpanic(L, panic);
	/*
	** A tap makes short-lived FieldInfos and strings for every packet:
	** generational collection frees them young, for a fraction of the
	** incremental collector's work.  But a per-stream tap's live data grows
	** all along (222k stream tables, 101 MB, on the 10M bench file), so 5.4
	** judges its major collections "bad" and falls back to full collections
	** spaced by the pause: at the default 200% the heap reached twice the
	** live data (130 MB sampled, 399 MB RSS).  Pause 125% and minor steps at
	** 10% of the heap keep it near the live size (RSS 355 MB, same CPU).
	*/
	lua_gc(L, LUA_GCINC, 125, 0, 0);
	lua_gc(L, LUA_GCGEN, 10, 0);
	luaL_openlibs(L);
	lua_pushinteger(L, 0);
	lua_newtable(L);
	lua_pushcfunction(L, number_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_setmetatable(L, -2);
	lua_pop(L, 1);
	if (luaL_dostring(L, compat52) != LUA_OK) {
		fprintf(stderr, "wiresift: lua shims: %s\n", lua_tostring(L, -1));
		lua_pop(L, 1);
	}
	wslua_open_util(L);
	wslua_open_field(L);
	wslua_open_listener(L);
	wslua_open_proto(L);
	wslua_open_tvb(L);
	wslua_open_tree(L);
	wslua_open_pinfo(L);
	wslua_open_dir(L);
	wslua_open_struct(L);
	wslua_open_file(L);
	wslua_open_dumper(L);
	lua_register(L, "typeof", l_typeof);
	wslua_open_prefs(L);
	wslua_open_consts(L);
	seal_class_tables(L);
	wslua_L = L;
}

static int load_traceback(lua_State *L)
{
	const char *m = lua_tostring(L, 1);
	char buf[2048];
	wslua_msg52(m ? m : "(error object is not a string)", buf, sizeof buf);
	luaL_traceback(L, L, buf, 1);
	/* 5.2 names every called function "function 'x'"; 5.4 says
	 * field/method/local/upvalue/global */
	static const char *const kinds[] = {"in field '",   "in method '", "in local '",
					    "in upvalue '", "in global '", NULL};
	for (int i = 0; kinds[i]; i++) {
		luaL_gsub(L, lua_tostring(L, -1), kinds[i], "in function '");
		lua_remove(L, -2);
	}
	return 1;
}

static void run_file(lua_State *L, const char *path, int script_no)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "tshark: The file \"%s\" doesn't exist.\n", path);
		return;
	}
	/* __FILE__ and __DIR__ name the script being run */
	lua_pushstring(L, path);
	lua_setglobal(L, "__FILE__");
	const char *slash = strrchr(path, '/');
	if (slash)
		lua_pushlstring(L, path, (size_t)(slash - path) + 1);
	else
		lua_pushstring(L, "./");
	lua_setglobal(L, "__DIR__");
	lua_pushcfunction(L, load_traceback);
	int h = lua_gettop(L);
	int rc = luaL_loadfile(L, path);
	if (rc != LUA_OK) {
		const char *m = lua_tostring(L, -1);
		char buf[2048];
		wslua_msg52(m ? m : "(null)", buf, sizeof buf);
		if (rc == LUA_ERRSYNTAX)
			fprintf(stderr, "tshark: Lua: syntax error: %s\n", buf);
		else
			fprintf(stderr, "tshark: Lua: couldn't load file: %s\n", buf);
		lua_settop(L, h - 1);
		return;
	}
	int nargs = 0;
	for (int i = 0; i < nsargs; i++) {
		if (sargs[i].n != script_no)
			continue;
		luaL_checkstack(L, 1, "script arguments");
		lua_pushstring(L, sargs[i].arg);
		nargs++;
	}
	if (lua_pcall(L, nargs, 0, h) != LUA_OK) {
		const char *m = lua_tostring(L, -1);
		fprintf(stderr, "tshark: Lua: Error during loading:\n%s\n", m ? m : "(null)");
	}
	lua_settop(L, h - 1);
}

static int has_lua_suffix(const char *n)
{
	size_t l = strlen(n);
	return l > 4 && !strcmp(n + l - 4, ".lua");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The personal plugin folder: $HOME/.local/lib/wireshark/plugins (and its subfolders). */
static void run_plugin_dir(lua_State *L, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	char **names = NULL;
	int n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = xrealloc(names, (size_t)cap * sizeof *names);
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof *names, cmp_str);
	for (int i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) && depth < 1)
			run_plugin_dir(L, path, depth + 1);
		else if (S_ISREG(st.st_mode) && has_lua_suffix(names[i]))
			run_file(L, path, 0);
		free(names[i]);
	}
	free(names);
}

int wslua_load(void)
{
	const char *home = getenv("HOME");
	char plugdir[4096] = "";
	if (home)
		snprintf(plugdir, sizeof plugdir, "%s/.local/lib/wireshark/plugins", home);
	struct stat st;
	int have_plugins = plugdir[0] && stat(plugdir, &st) == 0 && S_ISDIR(st.st_mode);
	if (!nscripts && !have_plugins)
		return 0;
	open_state();
	if (have_plugins)
		run_plugin_dir(wslua_L, plugdir, 0);
	for (int i = 0; i < nscripts; i++)
		run_file(wslua_L, scripts[i], i + 1);
	wslua_loaded = 1;
	wslua_protos_init(wslua_L);
	return 0;
}

int wslua_load_string(const char *chunkname, const char *code)
{
	if (!wslua_L)
		open_state();
	lua_State *L = wslua_L;
	lua_pushcfunction(L, load_traceback);
	int h = lua_gettop(L);
	int rc = luaL_loadbuffer(L, code, strlen(code), chunkname);
	if (rc == LUA_OK)
		rc = lua_pcall(L, 0, 0, h);
	if (rc != LUA_OK)
		fprintf(stderr, "tshark: Lua: Error during loading:\n%s\n", lua_tostring(L, -1));
	lua_settop(L, h - 1);
	return rc != LUA_OK;
}

void wslua_packet(struct packet *pk)
{
	if (!wslua_L)
		return;
	wslua_pk = pk;
	wslua_listeners_packet(wslua_L, pk);
	wslua_pk = NULL;
	/* a tap may have written these; tshark starts every packet with them clear */
	pk->can_desegment = 0;
	pk->desegment_offset = pk->desegment_len = 0;
	wslua_invalidate_packet(wslua_L);
}

void wslua_invalidate_packet(lua_State *L)
{
	(void)L;
	/* 0 marks objects that never expire (Tvbs over ByteArrays) */
	if (++wslua_gen == 0)
		wslua_gen = 1;
}

void wslua_draw(void)
{
	if (wslua_L) {
		wslua_listeners_draw(wslua_L);
		wslua_protos_init(wslua_L);
	}
}

void wslua_close(void)
{
	wslua_conv_free();
	if (wslua_L)
		lua_close(wslua_L);
	wslua_L = NULL;
	wslua_alloc_release();
}

void wslua_class(lua_State *L, const char *name, const luaL_Reg *methods, const luaL_Reg *meta)
{
	luaL_newmetatable(L, name);
	if (meta)
		luaL_setfuncs(L, meta, 0);
	lua_pushstring(L, name);
	lua_setfield(L, -2, "__name");
	if (methods) {
		lua_newtable(L);
		luaL_setfuncs(L, methods, 0);
		/* __index may already be a function from meta (getters) */
		lua_getfield(L, -2, "__index");
		if (lua_isnil(L, -1)) {
			lua_pop(L, 1);
			lua_setfield(L, -2, "__index");
		} else {
			lua_pop(L, 1);
			lua_setfield(L, -2, "methods");
		}
	}
	lua_pop(L, 1);
}
