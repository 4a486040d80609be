/*
** test_lua_alloc.c -- the Lua state's allocator (src/lua/lua_alloc.c): Lua's
** realloc contract across the small classes and the malloc'ed sizes, and a
** whole state running on it.
*/
#include <stdint.h>
#include <stdlib.h>

#include "lua/lua_int.h"
#include "test.h"

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7);
}

static int same(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i * 7))
			return 0;
	return 1;
}

TEST(lua_alloc_resizes_keep_contents)
{
	/* 24 -> 30 (same class) -> 200 -> 4000 (malloc) -> 100 (back to a class) -> free */
	static const size_t sizes[] = {24, 30, 200, 4000, 100};
	unsigned char *p = wslua_alloc(NULL, NULL, LUA_TTABLE, sizes[0]);
	CHECK(p != NULL);
	CHECK(((uintptr_t)p & 15) == 0);
	fill(p, sizes[0], 3);
	for (size_t i = 1; i < sizeof sizes / sizeof *sizes; i++) {
		size_t keep = sizes[i] < sizes[i - 1] ? sizes[i] : sizes[i - 1];
		p = wslua_alloc(NULL, p, sizes[i - 1], sizes[i]);
		CHECK(p != NULL);
		CHECK(((uintptr_t)p & 15) == 0);
		CHECK(same(p, keep, 3));
		fill(p, sizes[i], 3);
	}
	CHECK(wslua_alloc(NULL, p, 100, 0) == NULL);
	wslua_alloc_release();
}

TEST(lua_alloc_many_blocks_stay_apart)
{
	/* more than a slab's worth of live blocks of every class, each with its own bytes */
	enum { N = 6000 };
	static unsigned char *b[N];
	for (int i = 0; i < N; i++) {
		size_t n = (size_t)(1 + i % 512);
		b[i] = wslua_alloc(NULL, NULL, 0, n);
		CHECK(b[i] != NULL);
		fill(b[i], n, (unsigned)i);
	}
	for (int i = 0; i < N; i += 2) /* free half, then reuse the freed space */
		wslua_alloc(NULL, b[i], (size_t)(1 + i % 512), 0);
	for (int i = 0; i < N; i += 2) {
		size_t n = (size_t)(1 + i % 512);
		b[i] = wslua_alloc(NULL, NULL, 0, n);
		fill(b[i], n, (unsigned)i);
	}
	int ok = 1;
	for (int i = 0; i < N; i++)
		ok &= same(b[i], (size_t)(1 + i % 512), (unsigned)i);
	CHECK(ok);
	for (int i = 0; i < N; i++)
		wslua_alloc(NULL, b[i], (size_t)(1 + i % 512), 0);
	wslua_alloc_release();
}

TEST(lua_alloc_runs_a_state)
{
	lua_State *L = lua_newstate(wslua_alloc, NULL);
	CHECK(L != NULL);
	if (!L)
		return;
	luaL_openlibs(L);
	const char *code = "local t = {}\n"
			   "for i = 1, 20000 do t[i] = {n = i, s = tostring(i) .. 'x'} end\n"
			   "for i = 1, 20000, 2 do t[i] = nil end\n"
			   "collectgarbage()\n"
			   "local sum = 0\n"
			   "for i = 2, 20000, 2 do sum = sum + t[i].n + #t[i].s end\n"
			   "return sum .. ':' .. string.rep('ab', 1000):len()";
	CHECK(luaL_dostring(L, code) == LUA_OK);
	const char *r = lua_tostring(L, -1);
	/* 2+4+...+20000 = 100010000, plus the string lengths (even numbers of 1..5 digits,
	 * 4+45+450+4500+1 of them, each with its 'x') = 54449 */
	CHECK(r && strcmp(r, "100064449:2000") == 0);
	lua_close(L);
	wslua_alloc_release();
}
