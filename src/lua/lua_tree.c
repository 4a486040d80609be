/*
** lua_tree.c -- TreeItem: items a Lua dissector adds to the packet's
** fieldset, so they reach -T fields, filters, taps and the tree outputs like
** built-in items.  An item nobody wants is not stored (idx < 0); calls on it
** still succeed and do nothing, as tshark's NULL-tree fast path does.
*/
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/expert.h"
#include "../output/tree.h"
#include "lua_int.h"

struct ltree {
	int idx;      /* fieldset item, -1 = the top level of this dissector call */
	int proto_id; /* protocol of the dissector that made it (expert items) */
	uint32_t gen;
};

static int lua_text_id = -1;

/* where the dissector call's top-level items attach (set by lua_proto.c) */
int wslua_root_parent = -1;

void wslua_push_tree(lua_State *L, int idx, int proto_id)
{
	struct ltree *t = lua_newuserdatauv(L, sizeof *t, 0);
	t->idx = idx;
	t->proto_id = proto_id;
	t->gen = wslua_gen;
	luaL_setmetatable(L, "TreeItem");
}

static struct ltree *check_tree(lua_State *L, int i)
{
	struct ltree *t = luaL_checkudata(L, i, "TreeItem");
	if (t->gen != wslua_gen || !wslua_pk)
		luaL_error(L, "expired TreeItem: it is valid only during the dissector call");
	return t;
}

static struct fitem *titem(struct ltree *t)
{
	return t->idx >= 0 ? &wslua_pk->fs->items[t->idx] : NULL;
}

/* ProtoField userdata (lua_proto.c) */
struct lprotofield {
	int id;
};
struct lproto_ud {
	int id;
};

static uint64_t rd(const uint8_t *p, uint32_t n, int le)
{
	uint64_t v = 0;
	for (uint32_t i = 0; i < n && i < 8; i++)
		v = le ? v | (uint64_t)p[i] << (8 * i) : v << 8 | p[i];
	return v;
}

static int mask_shift(uint64_t m)
{
	int s = 0;
	if (!m)
		return 0;
	while (!(m & 1)) {
		m >>= 1;
		s++;
	}
	return s;
}

/* value of field d from the range bytes */
static void value_from_range(const struct field_def *d, const struct lrange *r, int le,
			     struct fvalue *v, struct packet *pk)
{
	const uint8_t *p = r->tvb.data + r->off;
	uint32_t n = r->len;
	memset(v, 0, sizeof *v);
	switch (d->type) {
	case FT_BOOLEAN:
	case FT_CHAR:
	case FT_UINT8:
	case FT_UINT16:
	case FT_UINT24:
	case FT_UINT32:
	case FT_UINT40:
	case FT_UINT48:
	case FT_UINT56:
	case FT_UINT64:
	case FT_FRAMENUM:
	case FT_INT8:
	case FT_INT16:
	case FT_INT24:
	case FT_INT32:
	case FT_INT40:
	case FT_INT48:
	case FT_INT56:
	case FT_INT64: {
		uint64_t u = rd(p, n, le);
		if (d->bitmask)
			u = (u & d->bitmask) >> mask_shift(d->bitmask);
		if (d->type >= FT_INT8 && d->type <= FT_INT64 && n > 0 && n < 8 && !d->bitmask) {
			uint64_t m = 1ULL << (n * 8 - 1);
			u = (u ^ m) - m;
		}
		v->v.u = u;
		break;
	}
	case FT_FLOAT:
		if (n == 4) {
			uint32_t u = (uint32_t)rd(p, 4, le);
			float f;
			memcpy(&f, &u, 4);
			v->v.d = f;
		}
		break;
	case FT_DOUBLE:
		if (n == 8) {
			uint64_t u = rd(p, 8, le);
			memcpy(&v->v.d, &u, 8);
		} else if (n == 4) {
			uint32_t u = (uint32_t)rd(p, 4, le);
			float f;
			memcpy(&f, &u, 4);
			v->v.d = f;
		}
		break;
	case FT_ABSOLUTE_TIME:
	case FT_RELATIVE_TIME:
		if (n >= 4)
			v->v.t.sec = (int64_t)(uint32_t)rd(p, 4, le);
		if (n >= 8)
			v->v.t.nsec = (int32_t)(uint32_t)rd(p + 4, 4, le);
		break;
	case FT_IPv6:
		if (n >= 16)
			memcpy(v->v.ip6, p, 16);
		break;
	case FT_IPv4:
		if (le && n == 4) {
			uint8_t *q = arena_alloc(pk->arena, 4);
			for (int i = 0; i < 4; i++)
				q[i] = p[3 - i];
			v->v.b.p = q;
			v->v.b.n = 4;
			break;
		}
		v->v.b.p = p;
		v->v.b.n = n;
		break;
	case FT_UINT_BYTES:
	case FT_UINT_STRING: {
		/* a one-byte length prefix, then that many bytes (the range may cover only the
		 * prefix) */
		uint32_t avail = r->tvb.caplen - r->off;
		uint32_t k = avail ? p[0] : 0;
		v->v.b.p = p + (avail ? 1 : 0);
		v->v.b.n = avail ? (k <= avail - 1 ? k : avail - 1) : 0;
		break;
	}
	case FT_STRINGZ: {
		/* tshark shows a stringz item up to its terminator even past the range */
		v->v.b.p = p;
		v->v.b.n = n;
		if (!memchr(p, 0, n)) {
			const uint8_t *end = r->tvb.data + r->tvb.caplen;
			const uint8_t *z = memchr(p + n, 0, (size_t)(end - (p + n)));
			if (z)
				v->v.b.n = (uint32_t)(z - p);
		}
		break;
	}
	default:
		v->v.b.p = p;
		v->v.b.n = n;
		break;
	}
}

/* value of field d from a Lua value at idx */
static void value_from_lua(lua_State *L, const struct field_def *d, int idx, struct fvalue *v,
			   struct packet *pk)
{
	memset(v, 0, sizeof *v);
	switch (d->type) {
	case FT_BOOLEAN:
		v->v.u = lua_isboolean(L, idx) ? (uint64_t)lua_toboolean(L, idx)
					       : wslua_check_uint64(L, idx);
		break;
	case FT_FLOAT:
	case FT_DOUBLE:
		v->v.d = luaL_checknumber(L, idx);
		break;
	case FT_ABSOLUTE_TIME:
	case FT_RELATIVE_TIME: {
		lua_getfield(L, idx, "secs");
		v->v.t.sec = lua_tointeger(L, -1);
		lua_getfield(L, idx, "nsecs");
		v->v.t.nsec = (int32_t)lua_tointeger(L, -1);
		lua_pop(L, 2);
		break;
	}
	case FT_IPv4:
	case FT_IPv6:
	case FT_ETHER: {
		struct address *a = luaL_testudata(L, idx, "Address");
		if (a && d->type == FT_IPv6)
			memcpy(v->v.ip6, a->a, 16);
		else if (a) {
			uint8_t *q = arena_alloc(pk->arena, a->len ? a->len : 1);
			memcpy(q, a->a, a->len);
			v->v.b.p = q;
			v->v.b.n = a->len;
		} else if (d->type == FT_IPv4) {
			uint32_t u = (uint32_t)luaL_checkinteger(L, idx);
			uint8_t *q = arena_alloc(pk->arena, 4);
			q[0] = (uint8_t)(u >> 24);
			q[1] = (uint8_t)(u >> 16);
			q[2] = (uint8_t)(u >> 8);
			q[3] = (uint8_t)u;
			v->v.b.p = q;
			v->v.b.n = 4;
		}
		break;
	}
	case FT_STRING:
	case FT_STRINGZ:
	case FT_UINT_STRING:
	case FT_STRINGZPAD:
	case FT_STRINGZTRUNC: {
		size_t n;
		const char *s = luaL_checklstring(L, idx, &n);
		v->v.b.p = (const uint8_t *)arena_strndup(pk->arena, s, n);
		v->v.b.n = (uint32_t)n;
		break;
	}
	case FT_BYTES:
	case FT_UINT_BYTES:
	case FT_OID:
	case FT_REL_OID:
	case FT_GUID: {
		size_t n = 0;
		const char *s;
		if (luaL_testudata(L, idx, "ByteArray")) {
			lua_getiuservalue(L, idx, 1);
			s = lua_tolstring(L, -1, &n);
			lua_pop(L, 1);
		} else
			s = luaL_checklstring(L, idx, &n);
		v->v.b.p = (const uint8_t *)arena_strndup(pk->arena, s, n);
		v->v.b.n = (uint32_t)n;
		break;
	}
	case FT_NONE:
	case FT_PROTOCOL:
		break;
	default:
		if (d->type >= FT_INT8 && d->type <= FT_INT64)
			v->v.i = wslua_check_int64(L, idx);
		else
			v->v.u = wslua_check_uint64(L, idx);
		break;
	}
}

/* tree:add / add_le: (field|proto|expert|text, [range], [value], [texts...]) */
static int tree_add_any(lua_State *L, int le)
{
	struct ltree *t = check_tree(L, 1);
	struct packet *pk = wslua_pk;
	struct fieldset *fs = pk->fs;
	int parent = t->idx >= 0 ? t->idx : wslua_root_parent;
	int arg = 2, id = -1, is_proto = 0;
	struct lprotofield *pf = luaL_testudata(L, 2, "ProtoField");
	struct lproto_ud *pr = luaL_testudata(L, 2, "Proto");
	if (pf) {
		id = pf->id;
		arg = 3;
	} else if (pr) {
		id = pr->id;
		is_proto = 1;
		arg = 3;
	} else if (lua_type(L, 2) == LUA_TSTRING || lua_isnoneornil(L, 2) ||
		   luaL_testudata(L, 2, "TvbRange")) {
		id = lua_text_id;
	} else
		return luaL_argerror(L, 2, "expected a ProtoField, a Proto or a TvbRange");
	const struct field_def *d = field_get(id);
	struct lrange *r = wslua_test_range(L, arg);
	if (r)
		arg++;
	else if (lua_isnil(L, arg) && arg == 3 && lua_gettop(L) >= 3)
		arg++; /* tree:add(f, nil, value) */
	int top = lua_gettop(L);
	struct fvalue v;
	memset(&v, 0, sizeof v);
	if (!is_proto && id != lua_text_id && arg <= top) {
		value_from_lua(L, d, arg, &v, pk);
		arg++;
	} else if (!is_proto && id != lua_text_id && r)
		value_from_range(d, r, le, &v, pk);
	else if (!is_proto && id != lua_text_id && d->type != FT_NONE)
		return luaL_error(L, "Tree:add(): no TvbRange or value given");
	uint32_t pos = r ? r->tvb.base + r->off : 0, len = r ? r->len : 0;
	int saved = fs->cur_parent;
	fs->cur_parent = parent;
	/* tshark's TRY_TO_FAKE_THIS_ITEM: in an unprinted tree, an unwanted field under an
	   item is not built and the parent item stands in for it */
	if (!fs->want_all && t->idx >= 0 && !fs_wants(fs, id)) {
		fs->cur_parent = saved;
		wslua_push_tree(L, t->idx, t->proto_id);
		return 1;
	}
	/* at the top it is built even when nobody asked for it (ti.text works there) */
	int want_all = fs->want_all;
	fs->want_all = 1;
	int idx = fs_add(fs, id, pos, len, &v);
	fs->want_all = want_all;
	fs->cur_parent = saved;
	if (idx >= 0) {
		struct fitem *it = &fs->items[idx];
		it->src = r ? r->tvb.src : 0;
		if (is_proto || id == lua_text_id) {
			it->flags |= FI_NONE_VALUE;
			if (arg <= top) {
				size_t n;
				const char *s = luaL_tolstring(L, arg, &n);
				it = &fs->items[idx];
				it->text = arena_strndup(pk->arena, s, n);
				lua_pop(L, 1);
				arg++;
			} else if (is_proto)
				it->text = NULL; /* -e prints the abbreviation, the tree the name */
			else
				it->text = "";
		} else if (arg <= top) {
			size_t n;
			const char *s = luaL_tolstring(L, arg, &n);
			fs->items[idx].text = arena_strndup(pk->arena, s, n);
			lua_pop(L, 1);
			arg++;
		}
		for (; arg <= top; arg++) {
			size_t n;
			const char *s = luaL_tolstring(L, arg, &n);
			it = &fs->items[idx];
			char lab[1024];
			tree_item_label(it, lab, sizeof lab);
			it->text = arena_printf(pk->arena, "%s %s", lab, s);
			lua_pop(L, 1);
		}
	}
	wslua_push_tree(L, idx, is_proto ? id : t->proto_id);
	return 1;
}

static int tree_add(lua_State *L)
{
	return tree_add_any(L, 0);
}

static int tree_add_le(lua_State *L)
{
	return tree_add_any(L, 1);
}

/* add_packet_field(field, range, encoding, [label...]): value, offset after */
/* n decimal digits at *p (advances); -1 when absent */
static int digits(const char **p, const char *end, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (*p >= end || **p < '0' || **p > '9')
			return -1;
		v = v * 10 + (*(*p)++ - '0');
	}
	return v;
}

static int expect(const char **p, const char *end, char c)
{
	if (*p < end && **p == c) {
		(*p)++;
		return 1;
	}
	return 0;
}

/* zone suffix: Z, +hh[:]mm, -hhmm, or nothing (UTC); seconds east of UTC */
static int zone(const char **p, const char *end, long *off)
{
	*off = 0;
	if (expect(p, end, 'Z'))
		return 1;
	if (*p < end && (**p == '+' || **p == '-')) {
		int sign = **p == '-' ? -1 : 1;
		(*p)++;
		int h = digits(p, end, 2);
		expect(p, end, ':');
		int m = digits(p, end, 2);
		if (h < 0)
			return 0;
		*off = sign * (h * 3600L + (m < 0 ? 0 : m) * 60L);
	}
	return 1;
}

static int month_of(const char *m)
{
	static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	for (int i = 0; i < 12; i++)
		if (!strncmp(names + 3 * i, m, 3))
			return i;
	return -1;
}

/*
** Time from text (ENC_ISO_8601_*, ENC_RFC_822/1123): seconds since the
** epoch, and how many bytes (leading spaces included) it took; 0 when none.
*/
static size_t parse_time_text(const uint8_t *data, size_t n, lua_Integer enc, int64_t *sec)
{
	const char *s = (const char *)data, *end = s + n, *p = s;
	while (p < end && *p == ' ')
		p++;
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	long off = 0;
	if (enc & 0x00100000) { /* ISO 8601 basic: YYYYMMDD[T| ]HHMM[SS] zone */
		int y = digits(&p, end, 4), mo = digits(&p, end, 2), d = digits(&p, end, 2);
		if (y < 0 || mo < 0 || d < 0)
			return 0;
		if (!expect(&p, end, 'T'))
			expect(&p, end, ' ');
		int h = digits(&p, end, 2), mi = digits(&p, end, 2);
		if (h < 0 || mi < 0)
			return 0;
		const char *q = p;
		int se = digits(&p, end, 2);
		if (se < 0) {
			p = q;
			se = 0;
		}
		zone(&p, end, &off);
		tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d;
		tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = se;
	} else if ((enc & 0x000F0000) == 0x00030000 || (enc & 0x000F0000) == 0x00010000) {
		int y = digits(&p, end, 4);
		if (y < 0 || !expect(&p, end, '-'))
			return 0;
		int mo = digits(&p, end, 2);
		if (mo < 0 || !expect(&p, end, '-'))
			return 0;
		int d = digits(&p, end, 2);
		if (d < 0)
			return 0;
		tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d;
		if ((enc & 0x000F0000) == 0x00030000) {
			if (!expect(&p, end, 'T'))
				return 0;
			int h = digits(&p, end, 2);
			if (h < 0 || !expect(&p, end, ':'))
				return 0;
			int mi = digits(&p, end, 2);
			if (mi < 0)
				return 0;
			int se = 0;
			if (expect(&p, end, ':'))
				se = digits(&p, end, 2);
			if (se < 0)
				return 0;
			zone(&p, end, &off);
			tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = se;
		}
	} else if ((enc & 0x000F0000) == 0x00020000) { /* time of today (UTC) */
		int h = digits(&p, end, 2);
		if (h < 0 || !expect(&p, end, ':'))
			return 0;
		int mi = digits(&p, end, 2);
		if (mi < 0 || !expect(&p, end, ':'))
			return 0;
		int se = digits(&p, end, 2);
		if (se < 0)
			return 0;
		time_t now = time(NULL);
		gmtime_r(&now, &tm);
		tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = se;
	} else if (enc & 0x000C0000) { /* RFC 822 / 1123: "Fri, 01 Mar 2013 22:14:48 GMT" */
		const char *comma = memchr(p, ',', (size_t)(end - p));
		if (comma && comma - p <= 3)
			p = comma + 1;
		while (p < end && *p == ' ')
			p++;
		int d = digits(&p, end, 2);
		if (d < 0 || !expect(&p, end, ' ') || end - p < 4)
			return 0;
		int mo = month_of(p);
		if (mo < 0)
			return 0;
		p += 3;
		expect(&p, end, ' ');
		int y = digits(&p, end, (enc & 0x00080000) ? 4 : 2);
		if (y < 0)
			return 0;
		if (!(enc & 0x00080000))
			y += y < 70 ? 2000 : 1900;
		expect(&p, end, ' ');
		int h = digits(&p, end, 2);
		if (h < 0 || !expect(&p, end, ':'))
			return 0;
		int mi = digits(&p, end, 2);
		int se = 0;
		if (expect(&p, end, ':'))
			se = digits(&p, end, 2);
		if (mi < 0 || se < 0)
			return 0;
		expect(&p, end, ' ');
		if (end - p >= 3 && (!strncmp(p, "GMT", 3) || !strncmp(p, "UTC", 3)))
			p += 3;
		else if (end - p >= 2 && !strncmp(p, "UT", 2))
			p += 2;
		else
			zone(&p, end, &off);
		tm.tm_year = y - 1900, tm.tm_mon = mo, tm.tm_mday = d;
		tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = se;
	} else
		return 0;
	*sec = (int64_t)timegm(&tm) - off;
	return (size_t)(p - s);
}

static int tree_add_packet_field(lua_State *L)
{
	check_tree(L, 1);
	struct lprotofield *pf = luaL_checkudata(L, 2, "ProtoField");
	struct lrange *r = wslua_check_range(L, 3);
	lua_Integer enc = luaL_checkinteger(L, 4);
	int le = (enc & 0x80000000) != 0;
	int top = lua_gettop(L);
	enum ftype t = field_get(pf->id)->type;
	lua_Integer end_off = r->off + r->len;
	lua_pushcfunction(L, le ? tree_add_le : tree_add);
	lua_pushvalue(L, 1);
	lua_pushvalue(L, 2);
	lua_pushvalue(L, 3);
	int n = 3;
	if ((t == FT_ABSOLUTE_TIME || t == FT_RELATIVE_TIME) && (enc & 0x001F0000)) {
		/* a time written as text: the value is the parsed time */
		int64_t sec = 0;
		size_t used = parse_time_text(r->tvb.data + r->off, r->len, enc, &sec);
		wslua_push_nstime(L, used ? sec : 0, 0);
		end_off = r->off + (lua_Integer)used;
		n++;
	} else if ((enc & 0x02000000) && (t == FT_BYTES || t == FT_UINT_BYTES || t == FT_OID ||
					  t == FT_REL_OID || t == FT_SYSTEM_ID)) {
		/* hex text in the packet: the value is the decoded bytes */
		lua_getfield(L, 3, "bytes");
		lua_pushvalue(L, 3);
		lua_pushinteger(L, enc);
		lua_call(L, 2, 2);
		end_off = lua_tointeger(L, -1);
		lua_pop(L, 1);
		n++;
	}
	lua_call(L, n, 1);
	struct ltree *item = lua_touserdata(L, -1);
	struct fitem *it = titem(item);
	/* labels replace the default text, the first one alone, the others appended */
	for (int i = 5; i <= top && it; i++) {
		size_t m;
		const char *s = luaL_tolstring(L, i, &m);
		if (i == 5)
			it->text = arena_strndup(wslua_pk->arena, s, m);
		else {
			char lab[1024];
			tree_item_label(it, lab, sizeof lab);
			it->text = arena_printf(wslua_pk->arena, "%s %s", lab, s);
		}
		lua_pop(L, 1);
	}
	/* the second result is the length the item took (Wireshark's "offset" is relative to the
	 * range) */
	lua_Integer off = end_off - r->off;
	if (it) {
		wslua_push_fieldinfo(L, item->idx);
		lua_getfield(L, -1, "value");
		lua_remove(L, -2);
	} else
		lua_pushnil(L);
	lua_pushinteger(L, off);
	return 3;
}

static void label_edit(lua_State *L, int prepend)
{
	struct ltree *t = check_tree(L, 1);
	const char *s = luaL_checkstring(L, 2);
	struct fitem *it = titem(t);
	if (!it)
		return;
	char lab[4096];
	tree_item_label(it, lab, sizeof lab);
	it->text = prepend ? arena_printf(wslua_pk->arena, "%s%s", s, lab)
			   : arena_printf(wslua_pk->arena, "%s%s", lab, s);
}

static int tree_append_text(lua_State *L)
{
	label_edit(L, 0);
	lua_settop(L, 1);
	return 1;
}

static int tree_prepend_text(lua_State *L)
{
	label_edit(L, 1);
	lua_settop(L, 1);
	return 1;
}

static int tree_set_text(lua_State *L)
{
	struct ltree *t = check_tree(L, 1);
	size_t n;
	const char *s = luaL_checklstring(L, 2, &n);
	struct fitem *it = titem(t);
	if (it)
		it->text = arena_strndup(wslua_pk->arena, s, n);
	lua_settop(L, 1);
	return 1;
}

static int tree_set_len(lua_State *L)
{
	struct ltree *t = check_tree(L, 1);
	lua_Integer n = luaL_checkinteger(L, 2);
	struct fitem *it = titem(t);
	if (it && n >= 0)
		it->len = (uint32_t)n;
	lua_settop(L, 1);
	return 1;
}

static int tree_set_generated(lua_State *L)
{
	struct ltree *t = check_tree(L, 1);
	struct fitem *it = titem(t);
	int on = lua_isnone(L, 2) ? 1 : lua_toboolean(L, 2);
	if (it)
		it->flags = (uint8_t)(on ? it->flags | FI_GENERATED : it->flags & ~FI_GENERATED);
	lua_settop(L, 1);
	return 1;
}

static int tree_set_hidden(lua_State *L)
{
	struct ltree *t = check_tree(L, 1);
	struct fitem *it = titem(t);
	int on = lua_isnone(L, 2) ? 1 : lua_toboolean(L, 2);
	if (it)
		it->flags = (uint8_t)(on ? it->flags | FI_HIDDEN : it->flags & ~FI_HIDDEN);
	lua_settop(L, 1);
	return 1;
}

static int tree_noop_self(lua_State *L)
{
	check_tree(L, 1);
	lua_settop(L, 1);
	return 1;
}

static const char *proto_short_of(int proto_id)
{
	const char *s = proto_id >= 0 ? field_proto_short(proto_id) : NULL;
	return s ? s : "Lua";
}

/* expert items go under the item, as tshark puts them */
static int wslua_expert(struct ltree *t, int severity, int group, const char *msg)
{
	struct fieldset *fs = wslua_pk->fs;
	int saved = fs->cur_parent;
	fs->cur_parent = t->idx >= 0 ? t->idx : wslua_root_parent;
	int r = expert_add(fs, wslua_pk->arena, severity, group, proto_short_of(t->proto_id), "%s",
			   msg);
	fs->cur_parent = saved;
	return r;
}

static int tree_add_expert_info(lua_State *L)
{
	struct ltree *t = check_tree(L, 1);
	lua_Integer group = luaL_optinteger(L, 2, 0x09000000);
	lua_Integer sev = luaL_optinteger(L, 3, 0x00100000);
	const char *text = luaL_optstring(L, 4, "");
	wslua_expert(t, (int)sev, (int)group, text);
	lua_settop(L, 1);
	return 1;
}

/* ProtoExpert userdata (lua_proto.c) */
struct lexpert {
	int group, severity;
	const char *text; /* default message, permanent */
};

static int tree_add_proto_expert_info(lua_State *L)
{
	struct ltree *t = check_tree(L, 1);
	struct lexpert *e = luaL_checkudata(L, 2, "ProtoExpert");
	const char *text = luaL_optstring(L, 3, e->text);
	wslua_expert(t, e->severity, e->group, text);
	lua_settop(L, 1);
	return 1;
}

static int tree_add_tvb_expert_info(lua_State *L)
{
	struct ltree *t = check_tree(L, 1);
	struct lexpert *e = luaL_checkudata(L, 2, "ProtoExpert");
	if (!luaL_testudata(L, 3, "Tvb"))
		wslua_check_range(L, 3);
	const char *text = luaL_optstring(L, 4, e->text);
	/* a new item labelled with the message, carrying the expert info */
	struct packet *pk = wslua_pk;
	struct fieldset *fs = pk->fs;
	struct lrange *r = luaL_testudata(L, 3, "TvbRange");
	int saved = fs->cur_parent;
	fs->cur_parent = t->idx >= 0 ? t->idx : wslua_root_parent;
	int idx = fs_add_none(fs, lua_text_id, r ? r->tvb.base + r->off : 0, r ? r->len : 0);
	fs->cur_parent = saved;
	struct ltree sub = *t;
	if (idx >= 0) {
		fs->items[idx].text = arena_strndup(pk->arena, text, strlen(text));
		fs->items[idx].flags |= FI_NONE_VALUE;
		sub.idx = idx;
	}
	wslua_expert(&sub, e->severity, e->group, text);
	lua_settop(L, 1);
	return 1;
}

static int tree_tostring(lua_State *L)
{
	struct ltree *t = check_tree(L, 1);
	struct fitem *it = titem(t);
	if (!it) {
		lua_pushstring(L, "(null)");
		return 1;
	}
	char lab[4096];
	tree_item_label(it, lab, sizeof lab);
	lua_pushstring(L, lab);
	return 1;
}

static int tree_index(lua_State *L)
{
	struct ltree *t = check_tree(L, 1);
	const char *k = luaL_checkstring(L, 2);
	if (!strcmp(k, "text")) {
		struct fitem *it = titem(t);
		char lab[4096] = "";
		if (it)
			tree_item_label(it, lab, sizeof lab);
		lua_pushstring(L, lab);
		return 1;
	}
	if (!strcmp(k, "visible")) {
		/* tshark: the tree is printed (-V, -O, -T pdml/json), not merely built */
		lua_pushboolean(L, wslua_pk && wslua_pk->fs->want_all);
		return 1;
	}
	if (!strcmp(k, "generated")) {
		struct fitem *it = titem(t);
		lua_pushboolean(L, it && (it->flags & FI_GENERATED));
		return 1;
	}
	if (!strcmp(k, "hidden")) {
		struct fitem *it = titem(t);
		lua_pushboolean(L, it && (it->flags & FI_HIDDEN));
		return 1;
	}
	if (!strcmp(k, "len")) {
		struct fitem *it = titem(t);
		lua_pushinteger(L, it ? it->len : 0);
		return 1;
	}
	luaL_getmetatable(L, "TreeItem");
	lua_getfield(L, -1, "methods");
	lua_getfield(L, -1, k);
	return 1;
}

/* TreeItem:referenced(field): will the field be printed, filtered on or extracted? */
static int tree_referenced(lua_State *L)
{
	check_tree(L, 1);
	struct lprotofield *pf = luaL_checkudata(L, 2, "ProtoField");
	lua_pushboolean(L, wslua_pk && fs_wants(wslua_pk->fs, pf->id));
	return 1;
}

static const luaL_Reg tree_methods[] = {{"add", tree_add},
					{"referenced", tree_referenced},
					{"add_le", tree_add_le},
					{"add_packet_field", tree_add_packet_field},
					{"append_text", tree_append_text},
					{"prepend_text", tree_prepend_text},
					{"set_text", tree_set_text},
					{"set_len", tree_set_len},
					{"set_generated", tree_set_generated},
					{"set_hidden", tree_set_hidden},
					{"set_expert_flags", tree_noop_self},
					{"add_expert_info", tree_add_expert_info},
					{"add_proto_expert_info", tree_add_proto_expert_info},
					{"add_tvb_expert_info", tree_add_tvb_expert_info},
					{NULL, NULL}};
static const luaL_Reg tree_meta[] = {
    {"__index", tree_index}, {"__tostring", tree_tostring}, {NULL, NULL}};

void wslua_open_tree(lua_State *L)
{
	static const struct field_def text_def[] = {
	    {"_ws.lua.text", "Text item", FT_NONE, BASE_NONE, NULL, 0, NULL}};
	if (lua_text_id < 0)
		lua_text_id = field_register(text_def, 1);
	wslua_class(L, "TreeItem", tree_methods, tree_meta);
	/* the class table carries the methods too (TreeItem.add_packet_field(item, ...)) */
	luaL_newlib(L, tree_methods);
	lua_setglobal(L, "TreeItem");
}
