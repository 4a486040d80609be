/*
** dissect.c -- dispatch tables, per-worker state and the per-packet driver.
**
** Port and ethertype tables are direct arrays indexed by the 16-bit key, so a
** lookup on the hot path is one load.  Link types and ip.proto use the same
** representation (keys fit in 16 bits; larger keys are rejected).
*/
#include "dissect.h"

#include <stdlib.h>
#include <string.h>

#include "../core/util.h"

#define DT_KEYS DISSECT_TABLE_KEYS

/* every table starts as this one, which stays empty: dissect_next tests no NULL table */
static const struct dissector *no_entries[DT_KEYS];
_Static_assert(DT_COUNT == 10, "dissect_tables' initialiser names every table");
const struct dissector **dissect_tables[DT_COUNT] = {
    no_entries, no_entries, no_entries, no_entries, no_entries,
    no_entries, no_entries, no_entries, no_entries, no_entries,
};
static const struct dissector **heur[HT_COUNT];
static int nheur[HT_COUNT];

void dtable_add(enum dtable t, uint32_t key, const struct dissector *d)
{
	if (key >= DT_KEYS)
		return;
	if (dissect_tables[t] == no_entries)
		dissect_tables[t] = xcalloc(DT_KEYS, sizeof *dissect_tables[t]);
	dissect_tables[t][key] = d;
}

void dtable_remove(enum dtable t, uint32_t key)
{
	if (key < DT_KEYS && dissect_tables[t] != no_entries)
		dissect_tables[t][key] = NULL;
}

const struct dissector *dtable_get(enum dtable t, uint32_t key)
{
	return key < DT_KEYS ? dissect_tables[t][key] : NULL;
}

void heur_add(enum htable t, const struct dissector *d)
{
	heur[t] = xrealloc(heur[t], (size_t)(nheur[t] + 1) * sizeof *heur[t]);
	heur[t][nheur[t]++] = d;
}

/* lua hook: a script's heuristic goes first (Wireshark prepends heuristics, so
** the latest registered -- a Lua one, registered after every built-in -- is tried first) */
void heur_add_front(enum htable t, const struct dissector *d)
{
	heur_add(t, d);
	for (int i = nheur[t] - 1; i > 0; i--)
		heur[t][i] = heur[t][i - 1];
	heur[t][0] = d;
}

conv_hook_fn *conv_hooks[HT_COUNT];
int conv_nhooks[HT_COUNT];
uint32_t conv_hook_min[HT_COUNT];
uint32_t conv_hook_port[HT_COUNT];

void conv_hook_add_min(enum htable t, conv_hook_fn may_change, uint32_t min)
{
	if (conv_nhooks[t] == 0 || min < conv_hook_min[t])
		conv_hook_min[t] = min;
	conv_hooks[t] =
	    xrealloc(conv_hooks[t], (size_t)(conv_nhooks[t] + 1) * sizeof *conv_hooks[t]);
	conv_hooks[t][conv_nhooks[t]++] = may_change;
}

void conv_hook_add(enum htable t, conv_hook_fn may_change)
{
	conv_hook_add_min(t, may_change, 0);
}

void conv_hook_add_port(enum htable t, uint16_t port)
{
	/* one port keeps conv_hook_fires' test a compare or two; a second would need a list */
	if (conv_hook_port[t] || port == 0)
		die("conv_hook_add_port: a second port, or port 0");
	conv_hook_port[t] = port;
}

_Thread_local const struct dissector *dissect_current; /* lua hook; per worker thread */
void (*dissect_postdissector_hook)(struct packet *pk); /* lua hook */

/* lua hook: pinfo.conversation = proto (src/lua) routes a conversation to a script's
** dissector; TCP and UDP ask it before their port tables, as Wireshark tries the
** conversation's dissector first. */
const struct dissector *(*dissect_conv_hook)(struct packet *pk);

int dissect_conversation(struct packet *pk, struct cursor *c)
{
	const struct dissector *d = dissect_conv_hook ? dissect_conv_hook(pk) : NULL;
	if (!d)
		return 0;
	struct cursor try = *c;
	dissect_current = d;
	int r = d->fn(pk, &try);
	if (r != 0)
		*c = try;
	return r;
}

int dissect_heur(struct packet *pk, enum htable t, struct cursor *c)
{
	for (int i = 0; i < nheur[t]; i++) {
		struct cursor try = *c;
		dissect_current = heur[t][i]; /* lua hook */
		int r = heur[t][i]->fn(pk, &try);
		if (r != 0) {
			*c = try;
			return r;
		}
	}
	return 0;
}

struct dissect_ctx *dissect_ctx_new(void)
{
	return xcalloc(1, sizeof(struct dissect_ctx));
}

void dissect_ctx_free(struct dissect_ctx *ctx)
{
	if (!ctx)
		return;
	for (int i = 0; i < ctx->nslots; i++)
		if (ctx->slots[i].p && ctx->slots[i].destroy)
			ctx->slots[i].destroy(ctx->slots[i].p);
	free(ctx->slots);
	free(ctx);
}

void *dissect_state_make(struct packet *pk, int key, void *(*make)(void), void (*destroy)(void *))
{
	struct dissect_ctx *ctx = pk->ctx;
	if (key >= ctx->nslots) {
		int32_t old = ctx->cap;
		xgrow(&ctx->slots, &ctx->cap, key + 1, sizeof *ctx->slots);
		memset(ctx->slots + old, 0, (size_t)(ctx->cap - old) * sizeof *ctx->slots);
		ctx->nslots = ctx->cap;
	}
	struct state_slot *s = &ctx->slots[key];
	if (!s->p) {
		s->p = make();
		s->destroy = destroy;
	}
	return s->p;
}

static struct {
	const char *abbrev;
	void (*retire)(void);
	int done;
} yieldable[32];
static int nyieldable;

void dissect_register_yieldable(const char *abbrev, void (*retire)(void))
{
	if (nyieldable < (int)ARRAY_LEN(yieldable)) {
		yieldable[nyieldable].abbrev = abbrev;
		yieldable[nyieldable].retire = retire;
		yieldable[nyieldable].done = 0;
		nyieldable++;
	}
}

int dissect_yield(const char *abbrev)
{
	for (int i = 0; i < nyieldable; i++) {
		if (strcmp(yieldable[i].abbrev, abbrev) != 0)
			continue;
		if (!yieldable[i].done) {
			yieldable[i].retire();
			yieldable[i].done = 1;
		}
		return 1;
	}
	return 0;
}
