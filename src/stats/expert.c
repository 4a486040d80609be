/*
** expert.c -- -z expert[,level][,filter]: expert items counted per severity.
*/
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/expert.h"
#include "../core/jobs.h"
#include "../core/util.h"
#include "stats_int.h"

/* The key is (severity, protocol, summary); the group is the first one seen. */
struct ex_entry {
	int severity, group;
	char *proto, *summary;
	uint32_t pn, sn; /* their lengths: a hit compares, never strlen()s */
	uint32_t count;
	uint32_t first_num; /* the frame that made the entry: stats_merge's order */
};

/* open addressing by the entry's 64-bit hash (never 0 in a used slot: first > 0) */
struct ex_slot {
	uint64_t hash;
	uint32_t first; /* entry index + 1 of the first entry with this hash; 0: empty */
};

struct expert_stats {
	int min_severity;
	char *filter_text;
	struct zfilter filter;
	struct ex_entry *e;
	int32_t n, cap;
	int32_t *next; /* collision chain over entries with the same hash */
	int32_t next_cap;
	struct ex_slot *slots;
	uint32_t nslots, nused; /* nslots: a power of two, at most a quarter used */
};

/* eight bytes a step: every expert item hashes its summary (the table's order is the entries') */
static uint64_t mix_bytes(uint64_t h, const char *p, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	/* the tail: the last eight bytes again when there are eight, else byte by byte */
	uint64_t t = 0;
	if (n >= 8 && i < n)
		memcpy(&t, p + n - 8, 8);
	else
		for (size_t k = i; k < n; k++)
			t = t << 8 | (uint8_t)p[k];
	/*
	 * A product's low bits see only the factors' low bits, and the slot is the
	 * hash's low bits: without the second round, summaries differing in their
	 * last bytes (the number in "Duplicate ACK (#12)") crowded a few slots.
	 */
	h = (h ^ t ^ ((uint64_t)n << 56)) * 0x9e3779b97f4a7c15ULL;
	h = (h ^ (h >> 32)) * 0xff51afd7ed558ccdULL;
	return h ^ (h >> 32);
}

/* Not the protocol's bytes: entries that differ only there are rare, share a chain
** and are told apart by the hit's compare. */
static uint64_t hash3(int sev, size_t pn, const char *s, size_t sn)
{
	return mix_bytes(1469598103934665603ULL ^ (uint64_t)(uint32_t)sev ^ (uint64_t)pn << 40, s,
			 sn);
}

static void slots_grow(struct expert_stats *x)
{
	uint32_t n = x->nslots ? 2 * x->nslots : 64;
	struct ex_slot *t = xcalloc(n, sizeof *t);
	for (uint32_t i = 0; i < x->nslots; i++) {
		if (!x->slots[i].first)
			continue;
		uint32_t k = (uint32_t)x->slots[i].hash & (n - 1);
		while (t[k].first)
			k = (k + 1) & (n - 1);
		t[k] = x->slots[i];
	}
	free(x->slots);
	x->slots = t;
	x->nslots = n;
}

/* the slot of hash h: its own, or the empty one it would take */
static struct ex_slot *slot_of(struct expert_stats *x, uint64_t h)
{
	/* short probes: most items hit an entry already there */
	if (4 * (x->nused + 1) > x->nslots)
		slots_grow(x);
	uint32_t k = (uint32_t)h & (x->nslots - 1);
	while (x->slots[k].first && x->slots[k].hash != h)
		k = (k + 1) & (x->nslots - 1);
	return &x->slots[k];
}

/* protocol names are short ("TCP"): no library call */
static int same(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static void ex_add(struct expert_stats *x, int sev, int group, const char *p, size_t pn,
		   const char *s, size_t sn, uint32_t count, uint32_t num)
{
	uint64_t h = hash3(sev, pn, s, sn);
	struct ex_slot *slot = slot_of(x, h);
	int32_t last = -1;
	for (int32_t i = (int32_t)slot->first - 1; i >= 0; last = i, i = x->next[i]) {
		struct ex_entry *e = &x->e[i];
		if (e->severity == sev && e->pn == pn && e->sn == sn && same(e->proto, p, pn) &&
		    !memcmp(e->summary, s, sn)) {
			e->count += count;
			return;
		}
	}
	xgrow(&x->e, &x->cap, x->n + 1, sizeof *x->e);
	xgrow(&x->next, &x->next_cap, x->n + 1, sizeof *x->next);
	int32_t idx = x->n++;
	struct ex_entry *e = &x->e[idx];
	e->severity = sev;
	e->group = group;
	/* one block: the protocol, then the summary */
	e->proto = xmalloc(pn + 1 + sn + 1);
	memcpy(e->proto, p, pn);
	e->proto[pn] = 0;
	e->summary = e->proto + pn + 1;
	memcpy(e->summary, s, sn);
	e->summary[sn] = 0;
	e->pn = (uint32_t)pn;
	e->sn = (uint32_t)sn;
	e->count = count;
	e->first_num = num;
	x->next[idx] = -1;
	if (last >= 0) {
		x->next[last] = idx;
	} else {
		slot->hash = h;
		slot->first = (uint32_t)idx + 1;
		x->nused++;
	}
}

/* the message, severity and group among item i's children (they follow it directly) */
static void ex_children(const struct fieldset *fs, int i, const char **msg, uint32_t *mn, int *sev,
			int *group)
{
	for (int j = i + 1; j < fs->n && fs->items[j].parent == i; j++) {
		const struct fitem *c = &fs->items[j];
		if (c->id == hf_expert_msg) {
			*msg = (const char *)c->val.v.b.p;
			*mn = c->val.v.b.n;
		} else if (c->id == hf_expert_severity) {
			*sev = (int)c->val.v.u;
		} else if (c->id == hf_expert_group) {
			*group = (int)c->val.v.u;
		}
	}
}

/* a frame with expert items (one in ten): count those of the level asked for */
static __attribute__((noinline)) void ex_items(struct expert_stats *x, const struct packet *pk,
					       int first)
{
	if (!zfilter_match(&x->filter, pk))
		return;
	const struct fieldset *fs = pk->fs;
	for (int i = first; i >= 0; i = fs->items[i].next_same) {
		const char *proto = fs->items[i].text ? fs->items[i].text : "";
		const char *msg = "";
		uint32_t mn = 0;
		int sev = 0, group = 0;
		const struct fitem *c = &fs->items[i + 1];
		const struct expert_rec *r =
		    (const struct expert_rec *)(uintptr_t)fs->items[i].val.v.u;
		if (r) { /* expert_compact's record */
			msg = r->msg;
			mn = r->n;
			sev = r->severity;
			group = r->group;
		} else if (i + 3 < fs->n && c[0].id == hf_expert_msg &&
			   c[1].id == hf_expert_severity && c[2].id == hf_expert_group &&
			   c[0].parent == i && c[1].parent == i && c[2].parent == i &&
			   (i + 4 == fs->n || c[3].parent != i)) {
			/* expert_add's three children, as it adds them: no search */
			msg = (const char *)c[0].val.v.b.p;
			mn = c[0].val.v.b.n;
			sev = (int)c[1].val.v.u;
			group = (int)c[2].val.v.u;
		} else {
			ex_children(fs, i, &msg, &mn, &sev, &group);
		}
		if (sev < x->min_severity)
			continue;
		ex_add(x, sev, group, proto, strlen(proto), msg, mn, 1, pk->num);
	}
}

/* most frames have no expert item: nothing to filter nor count */
static void ex_packet(void *st, const struct packet *pk)
{
	int first = fs_first(pk->fs, hf_expert);
	if (first >= 0)
		ex_items(st, pk, first);
}

/* s right-aligned in w columns at b, as printf's %<w>s; past its end */
static char *put_right(char *b, size_t w, const char *s, size_t n)
{
	if (n < w) {
		memset(b, ' ', w - n);
		b += w - n;
	}
	memcpy(b, s, n);
	return b + n;
}

/* "%12u %10s %18s  %s\n" without printf's cost (a table has thousands of lines) */
static void ex_line(FILE *out, const struct ex_entry *e)
{
	const char *g = expert_group_name(e->group);
	char buf[512], d[16];
	if (!g)
		g = "";
	size_t gn = strlen(g);
	if (gn + e->pn + e->sn + 64 > sizeof buf) {
		fprintf(out, "%12u %10s %18s  %s\n", e->count, g, e->proto, e->summary);
		return;
	}
	size_t k = sizeof d;
	uint32_t v = e->count;
	do
		d[--k] = (char)('0' + v % 10);
	while (v /= 10);
	char *b = put_right(buf, 12, d + k, sizeof d - k);
	*b++ = ' ';
	b = put_right(b, 10, g, gn);
	*b++ = ' ';
	b = put_right(b, 18, e->proto, e->pn);
	*b++ = ' ';
	*b++ = ' ';
	size_t sn = strlen(e->summary); /* %s stops at a NUL a %c may have put in */
	memcpy(b, e->summary, sn);
	b += sn;
	*b++ = '\n';
	fwrite(buf, 1, (size_t)(b - buf), out);
}

static void ex_print(void *st, FILE *out, const struct stats_run *run)
{
	(void)run;
	struct expert_stats *x = st;
	static const int order[] = {PI_ERROR, PI_WARN, PI_NOTE, PI_CHAT, PI_COMMENT};
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		unsigned long long total = 0;
		for (int32_t i = 0; i < x->n; i++)
			if (x->e[i].severity == order[k])
				total += x->e[i].count;
		if (!total)
			continue;
		fprintf(out, "\n%s (%llu)\n", expert_severity_title(order[k]), total);
		fputs("=============\n", out);
		fputs("   Frequency      Group           Protocol  Summary\n", out);
		for (int32_t i = 0; i < x->n; i++) {
			const struct ex_entry *e = &x->e[i];
			if (e->severity != order[k])
				continue;
			ex_line(out, e);
		}
	}
}

static void ex_destroy(void *st)
{
	struct expert_stats *x = st;
	for (int32_t i = 0; i < x->n; i++) {
		free(x->e[i].proto); /* and the summary behind it */
	}
	free(x->e);
	free(x->next);
	free(x->slots);
	free(x->filter_text);
	free(x);
}

static void ex_fold(void *arg, int part, const void *rec)
{
	(void)part;
	const struct ex_entry *e = rec;
	ex_add(arg, e->severity, e->group, e->proto, e->pn, e->summary, e->sn, e->count,
	       e->first_num);
}

/* Entries in order of first appearance; the group stays the first one seen. */
static void ex_merge(void *st, void *const *parts, int nparts)
{
	struct merge_part mp[MAX_JOBS];
	int n = nparts < MAX_JOBS ? nparts : MAX_JOBS;
	for (int p = 0; p < n; p++) {
		const struct expert_stats *q = parts[p];
		mp[p] = (struct merge_part){q->e, (uint32_t)q->n, sizeof *q->e};
	}
	merge_by_first(mp, n, offsetof(struct ex_entry, first_num), ex_fold, st);
}

static const struct stats_ops ex_ops = {"expert", ex_packet, ex_print, ex_destroy,
					ex_merge, NULL,      NULL};

int expert_stats_filtered(const void *st)
{
	return ((const struct expert_stats *)st)->filter_text != NULL;
}

int stats_add_expert(struct stats *s, int min_severity, const char *filter, char *err, size_t n)
{
	struct expert_stats *x = xcalloc(1, sizeof *x);
	x->min_severity = min_severity;
	if (zfilter_compile(&x->filter, filter, err, n) < 0) {
		char why[256];
		snprintf(why, sizeof why, "%s", err);
		/* tshark prints this one on stdout, without its name */
		snprintf(err, n, "Expert tap error (%s)!", why);
		free(x);
		return STATS_ERR_STDOUT;
	}
	if (filter && *filter)
		x->filter_text = xstrdup(filter);
	if (hf_expert >= 0) {
		field_want(hf_expert);
		field_want(hf_expert_msg);
		field_want(hf_expert_severity);
		field_want(hf_expert_group);
	}
	stats_attach(s, &ex_ops, x);
	return 0;
}
