/*
** test_app_harness.h -- feed an application payload to the dissector
** registered for a port, with every field wanted and columns on, as the
** transport layer would hand it over.
*/
#ifndef WS_TEST_APP_HARNESS_H
#define WS_TEST_APP_HARNESS_H

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/field.h"
#include "core/fieldset.h"
#include "dissect/dissect.h"

struct app_run {
	struct packet pk;
	struct fieldset fs;
	struct arena arena;
	char val[256];
};

static inline void app_run_init(struct app_run *r)
{
	memset(r, 0, sizeof *r);
	fs_init(&r->fs);
	r->fs.want_all = 1;
	arena_init(&r->arena);
	r->pk.fs = &r->fs;
	r->pk.arena = &r->arena;
	r->pk.ctx = dissect_ctx_new();
	r->pk.want_cols = 1;
}

static inline void app_run_free(struct app_run *r)
{
	dissect_ctx_free(r->pk.ctx);
	fs_free(&r->fs);
	arena_free(&r->arena);
}

/* Dissect payload p as the transport would: lower port's table entry first. */
static inline int app_feed(struct app_run *r, int tcp, uint16_t sp, uint16_t dp, const uint8_t *p,
			   uint32_t n)
{
	static const uint8_t a[4] = {10, 0, 0, 1}, b[4] = {10, 0, 0, 2};
	struct packet *pk = &r->pk;
	fs_reset(&r->fs);
	arena_reset(&r->arena);
	pk->col_proto = NULL;
	pk->info_len = pk->info_fence = 0;
	pk->info[0] = 0;
	pk->nlayers = 0;
	pk->malformed = 0;
	pk->ptype = tcp ? PT_TCP : PT_UDP;
	pk->srcport = sp;
	pk->dstport = dp;
	/* the lower port is the server's, at one fixed address, so both directions
	** of a conversation meet in the same conversation state */
	addr_set(&pk->net_src, AT_IPv4, sp > dp ? a : b);
	addr_set(&pk->net_dst, AT_IPv4, sp > dp ? b : a);
	struct cursor c = cur_make(p, n, n);
	uint16_t lo = sp < dp ? sp : dp, hi = sp < dp ? dp : sp;
	enum dtable t = tcp ? DT_TCP_PORT : DT_UDP_PORT;
	struct cursor k = c;
	int rv = dissect_next(pk, t, lo, &k);
	if (rv == 0) {
		k = c;
		rv = dissect_next(pk, t, hi, &k);
	}
	if (rv == 0) {
		k = c;
		rv = dissect_heur(pk, tcp ? HT_TCP : HT_UDP, &k);
	}
	return rv;
}

/* First value of a field as text (numbers in decimal, strings as is). */
static inline const char *app_val(struct app_run *r, const char *abbrev)
{
	int id = field_lookup(abbrev);
	int i = fs_first(&r->fs, id);
	r->val[0] = 0;
	if (i < 0)
		return "<absent>";
	const struct fitem *it = &r->fs.items[i];
	const struct field_def *d = field_get(id);
	if (d->type == FT_STRING || d->type == FT_STRINGZ) {
		size_t k = it->val.v.b.n < sizeof r->val - 1 ? it->val.v.b.n : sizeof r->val - 1;
		memcpy(r->val, it->val.v.b.p, k);
		r->val[k] = 0;
	} else if (d->type == FT_IPv4 && it->val.v.b.n == 4) {
		const uint8_t *q = it->val.v.b.p;
		snprintf(r->val, sizeof r->val, "%u.%u.%u.%u", q[0], q[1], q[2], q[3]);
	} else {
		snprintf(r->val, sizeof r->val, "%llu", (unsigned long long)it->val.v.u);
	}
	return r->val;
}

static inline size_t app_unhex(const char *h, uint8_t *out, size_t cap)
{
	size_t n = 0;
	while (h[0] && h[1] && n < cap) {
		unsigned v;
		char two[3] = {h[0], h[1], 0};
		v = (unsigned)strtoul(two, NULL, 16);
		out[n++] = (uint8_t)v;
		h += 2;
	}
	return n;
}

#endif
