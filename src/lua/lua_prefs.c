/*
** lua_prefs.c -- get_preference / set_preference / reset_preference.
**
** wiresift has no preference registry of its own yet, so the preferences
** known here are a few built-in ones with tshark 4.0's defaults, typed as
** tshark types them (uint, bool, enum, string, range, uat).  Setting one
** returns true when the value changed, false when it was already so, and
** raises on a value of the wrong type, as Wireshark does.
*/
#include "lua_int.h"

static const char prefs_lua[] =
    "local defs = {\n"
    "  ['gui.fileopen.preview'] = {t = 'uint', d = 3},\n"
    "  ['gui.ask_unsaved'] = {t = 'bool', d = true},\n"
    "  ['gui.interfaces_show_hidden'] = {t = 'bool', d = false},\n"
    "  ['gui.console_open'] = {t = 'enum', d = 'NEVER', e = {NEVER = 1, AUTOMATIC = 1, ALWAYS = "
    "1}},\n"
    "  ['gui.window_title'] = {t = 'string', d = ''},\n"
    "  ['http.tls.port'] = {t = 'range', d = '443'},\n"
    "  ['user_dlt.encaps_table'] = {t = 'uat'},\n"
    "}\n"
    "local cur = {}\n"
    "local function lookup(name)\n"
    "  if type(name) ~= 'string' then error('bad argument #1 (string expected)', 3) end\n"
    "  local d = defs[name]\n"
    "  if d and d.t == 'uat' then error('preference ' .. name .. ' is an UAT', 3) end\n"
    "  return d\n"
    "end\n"
    "local function value(name, d)\n"
    "  local v = cur[name]\n"
    "  if v == nil then return d.d end\n"
    "  return v\n"
    "end\n"
    "function get_preference(name)\n"
    "  local d = lookup(name)\n"
    "  if not d then return nil end\n"
    "  return value(name, d)\n"
    "end\n"
    "local function valid_range(s)\n"
    "  if type(s) ~= 'string' then return false end\n"
    "  for part in s:gmatch('[^,]+') do\n"
    "    local a, b = part:match('^%s*(%d+)%s*%-?%s*(%d*)%s*$')\n"
    "    if not a or tonumber(a) > 65535 or (b ~= '' and tonumber(b) > 65535) then return false "
    "end\n"
    "  end\n"
    "  return true\n"
    "end\n"
    "function set_preference(name, v)\n"
    "  local d = lookup(name)\n"
    "  if not d then return nil end\n"
    "  if d.t == 'uint' then\n"
    "    if math.type(v) ~= 'integer' and not (type(v) == 'number' and v == math.floor(v)) then\n"
    "      error('bad argument #2 to set_preference (number expected)', 2) end\n"
    "  elseif d.t == 'bool' then\n"
    "    if type(v) ~= 'boolean' then error('bad argument #2 to set_preference (boolean "
    "expected)', 2) end\n"
    "  elseif d.t == 'enum' then\n"
    "    if type(v) == 'number' then return false end\n"
    "    if type(v) ~= 'string' then error('bad argument #2 to set_preference (string expected)', "
    "2) end\n"
    "    if not d.e[v] then return false end\n"
    "  elseif d.t == 'string' then\n"
    "    if type(v) ~= 'string' then error('bad argument #2 to set_preference (string expected)', "
    "2) end\n"
    "  elseif d.t == 'range' then\n"
    "    if not valid_range(v) then error('bad argument #2 to set_preference (invalid range)', 2) "
    "end\n"
    "  end\n"
    "  if value(name, d) == v then return false end\n"
    "  cur[name] = v\n"
    "  return true\n"
    "end\n"
    "function reset_preference(name)\n"
    "  local d = lookup(name)\n"
    "  if not d then return nil end\n"
    "  cur[name] = nil\n"
    "  return true\n"
    "end\n";

void wslua_open_prefs(lua_State *L)
{
	if (luaL_loadbuffer(L, prefs_lua, sizeof prefs_lua - 1, "=prefs") != LUA_OK ||
	    lua_pcall(L, 0, 0, 0) != LUA_OK)
		lua_pop(L, 1);
}
