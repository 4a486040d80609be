/*
** lua_dir.c -- Dir: directory helpers and listings, plus the path globals
** (__FILE__/__DIR__ are set per script by lua_state.c; DATA_DIR, USER_DIR).
**
** A Dir reads its entries lazily (readdir), so removing the directory while
** listing behaves as in Wireshark: entries already buffered still come out.
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lua_int.h"

struct ldir {
	DIR *d;
	char ext[64];
};

static int dir_make(lua_State *L)
{
	const char *p = luaL_checkstring(L, 1);
	struct stat st;
	if (stat(p, &st) == 0) {
		lua_pushboolean(L, 0);
		return 1;
	}
	if (mkdir(p, 0755) == 0)
		lua_pushboolean(L, 1);
	else
		lua_pushnil(L);
	return 1;
}

static int dir_exists(lua_State *L)
{
	const char *p = luaL_checkstring(L, 1);
	struct stat st;
	if (stat(p, &st) != 0)
		lua_pushnil(L);
	else
		lua_pushboolean(L, S_ISDIR(st.st_mode));
	return 1;
}

static int dir_remove(lua_State *L)
{
	const char *p = luaL_checkstring(L, 1);
	struct stat st;
	if (stat(p, &st) != 0) {
		lua_pushboolean(L, 0);
		return 1;
	}
	if (rmdir(p) == 0)
		lua_pushboolean(L, 1);
	else
		lua_pushnil(L);
	return 1;
}

/* depth-bounded, no symlink following: a path buffer per level on the C stack */
static int remove_tree(const char *p, int depth)
{
	if (depth > 32)
		return -1;
	DIR *d = opendir(p);
	if (!d)
		return unlink(p);
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char sub[4096];
		snprintf(sub, sizeof sub, "%s/%s", p, e->d_name);
		struct stat st;
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			rc |= remove_tree(sub, depth + 1);
		else
			rc |= unlink(sub);
	}
	closedir(d);
	return rc | rmdir(p);
}

static int dir_remove_all(lua_State *L)
{
	const char *p = luaL_checkstring(L, 1);
	struct stat st;
	if (stat(p, &st) != 0) {
		lua_pushboolean(L, 0);
		return 1;
	}
	if (remove_tree(p, 0) == 0)
		lua_pushboolean(L, 1);
	else
		lua_pushnil(L);
	return 1;
}

static int dir_open(lua_State *L)
{
	const char *p = luaL_checkstring(L, 1);
	const char *ext = luaL_optstring(L, 2, "");
	struct ldir *u = lua_newuserdatauv(L, sizeof *u, 0);
	u->d = NULL;
	snprintf(u->ext, sizeof u->ext, "%s", ext);
	luaL_setmetatable(L, "Dir");
	u->d = opendir(p);
	if (!u->d)
		return luaL_error(L, "Dir.open: could not open directory %s: %s", p,
				  strerror(errno));
	return 1;
}

static int dir_call(lua_State *L)
{
	struct ldir *u = luaL_checkudata(L, 1, "Dir");
	if (!u->d)
		return 0;
	struct dirent *e;
	size_t el = strlen(u->ext);
	while ((e = readdir(u->d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		size_t n = strlen(e->d_name);
		if (el && (n < el || strcmp(e->d_name + n - el, u->ext) != 0))
			continue;
		lua_pushstring(L, e->d_name);
		return 1;
	}
	return 0;
}

static int dir_close(lua_State *L)
{
	struct ldir *u = luaL_checkudata(L, 1, "Dir");
	if (u->d)
		closedir(u->d);
	u->d = NULL;
	return 0;
}

static int push_home_path(lua_State *L, const char *sub)
{
	const char *home = getenv("HOME");
	lua_pushfstring(L, "%s/%s", home ? home : "", sub);
	return 1;
}

static int dir_personal_config_path(lua_State *L)
{
	const char *f = luaL_optstring(L, 1, "");
	lua_pushfstring(L, "%s/.config/wireshark%s%s", getenv("HOME") ? getenv("HOME") : "",
			*f ? "/" : "", f);
	return 1;
}

static int dir_global_config_path(lua_State *L)
{
	const char *f = luaL_optstring(L, 1, "");
	lua_pushfstring(L, "/usr/share/wireshark%s%s", *f ? "/" : "", f);
	return 1;
}

static int dir_personal_plugins_path(lua_State *L)
{
	return push_home_path(L, ".local/lib/wireshark/plugins");
}

static int dir_global_plugins_path(lua_State *L)
{
	lua_pushstring(L, "/usr/lib/x86_64-linux-gnu/wireshark/plugins/4.0");
	return 1;
}

static int dir_tostring(lua_State *L)
{
	luaL_checkudata(L, 1, "Dir");
	lua_pushstring(L, "Dir");
	return 1;
}

static const luaL_Reg dir_meta[] = {
    {"__call", dir_call}, {"__gc", dir_close}, {"__tostring", dir_tostring}, {NULL, NULL}};
static const luaL_Reg dir_funcs[] = {{"make", dir_make},
				     {"exists", dir_exists},
				     {"remove", dir_remove},
				     {"remove_all", dir_remove_all},
				     {"open", dir_open},
				     {"close", dir_close},
				     {"personal_config_path", dir_personal_config_path},
				     {"global_config_path", dir_global_config_path},
				     {"personal_plugins_path", dir_personal_plugins_path},
				     {"global_plugins_path", dir_global_plugins_path},
				     {NULL, NULL}};

void wslua_open_dir(lua_State *L)
{
	wslua_class(L, "Dir", NULL, dir_meta);
	luaL_newlib(L, dir_funcs);
	lua_setglobal(L, "Dir");
	lua_pushstring(L, "/usr/share/wireshark/");
	lua_setglobal(L, "DATA_DIR");
	const char *home = getenv("HOME");
	lua_pushfstring(L, "%s/.config/wireshark/", home ? home : "");
	lua_setglobal(L, "USER_DIR");
}
