/*
** hotkeys.c -- `wiresift aerospike-hotkeys`: seed 002's hot-key report, one
** row per Aerospike key digest with the requests and responses that carry it.
**
** A digest is a message field of type AS_MSG_FIELD_TYPE_DIGEST_RIPE (4): the
** dissector adds it as message.bytes right after the message.type item that
** holds the field type, so the item before it tells the type; batch requests
** carry theirs as batch.digest.  A frame toward the Aerospike client port
** (3000, where the dissector is registered) is a request, one from it a
** response.  Memory is one entry per distinct digest.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/field.h"
#include "../core/fieldset.h"
#include "../core/util.h"
#include "report.h"

#define AS_PORT    3000 /* src/dissect/aerospike.c registers the client protocol here */
#define DIGEST_MAX 32   /* RIPEMD-160 digests are 20 bytes; longer values are cut */

struct hkey {
	uint8_t d[DIGEST_MAX];
	uint8_t n, used;
	uint64_t req, resp;
};

struct hotkeys {
	struct hkey *k;
	size_t n, cap; /* cap: power of two */
	int f_type, f_bytes, f_batch;
};

struct hotkeys *hotkeys_new(void)
{
	struct hotkeys *h = xcalloc(1, sizeof *h);
	h->f_type = field_lookup("message.type");
	h->f_bytes = field_lookup("message.bytes");
	h->f_batch = field_lookup("batch.digest");
	int want[] = {h->f_type, h->f_bytes, h->f_batch};
	for (int i = 0; i < 3; i++)
		if (want[i] >= 0)
			field_want(want[i]);
	return h;
}

void hotkeys_free(struct hotkeys *h)
{
	if (!h)
		return;
	free(h->k);
	free(h);
}

static uint64_t hash(const uint8_t *p, size_t n)
{
	uint64_t x = 1469598103934665603ULL; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		x = (x ^ p[i]) * 1099511628211ULL;
	return x;
}

static struct hkey *slot(struct hkey *k, size_t cap, const uint8_t *p, size_t n)
{
	size_t i = (size_t)hash(p, n) & (cap - 1);
	while (k[i].used && !(k[i].n == n && !memcmp(k[i].d, p, n)))
		i = (i + 1) & (cap - 1);
	return &k[i];
}

static void count(struct hotkeys *h, const uint8_t *p, size_t n, int resp)
{
	if (n > DIGEST_MAX)
		n = DIGEST_MAX;
	if ((h->n + 1) * 2 > h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		struct hkey *k = xcalloc(cap, sizeof *k);
		for (size_t i = 0; i < h->cap; i++)
			if (h->k[i].used)
				*slot(k, cap, h->k[i].d, h->k[i].n) = h->k[i];
		free(h->k);
		h->k = k;
		h->cap = cap;
	}
	struct hkey *e = slot(h->k, h->cap, p, n);
	if (!e->used) {
		e->used = 1;
		e->n = (uint8_t)n;
		memcpy(e->d, p, n);
		h->n++;
	}
	if (resp)
		e->resp++;
	else
		e->req++;
}

void hotkeys_add(struct hotkeys *h, const struct packet *pk, const struct pinfo *pi)
{
	if (!pi->has_tcp || (pi->sport != AS_PORT && pi->dport != AS_PORT))
		return;
	int resp = pi->sport == AS_PORT && pi->dport != AS_PORT;
	const struct fieldset *fs = pk->fs;
	for (int k = fs_first(fs, h->f_bytes); k >= 0; k = fs->items[k].next_same) {
		const struct fitem *t = k > 0 ? &fs->items[k - 1] : NULL;
		if (t && t->id == h->f_type && t->val.v.u == 4)
			count(h, fs->items[k].val.v.b.p, fs->items[k].val.v.b.n, resp);
	}
	for (int k = fs_first(fs, h->f_batch); k >= 0; k = fs->items[k].next_same)
		count(h, fs->items[k].val.v.b.p, fs->items[k].val.v.b.n, resp);
}

static int by_requests(const void *x, const void *y)
{
	const struct hkey *a = x, *b = y;
	if (a->req != b->req)
		return a->req < b->req ? 1 : -1;
	if (a->resp != b->resp)
		return a->resp < b->resp ? 1 : -1;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return memcmp(a->d, b->d, a->n);
}

void hotkeys_table(const struct hotkeys *h, struct table *t)
{
	static const struct tcol cols[] = {
	    {"digest", COL_STRING},
	    {"requests", COL_UINT},
	    {"responses", COL_UINT},
	    {"difference", COL_INT},
	};
	table_init(t, "aerospike_hotkeys", cols, 4);
	struct hkey *v = xcalloc(h->n ? h->n : 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < h->cap; i++)
		if (h->k[i].used)
			v[n++] = h->k[i];
	qsort(v, n, sizeof *v, by_requests);
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		char s[DIGEST_MAX * 2 + 1];
		for (size_t j = 0; j < v[i].n; j++) {
			s[2 * j] = hex[v[i].d[j] >> 4];
			s[2 * j + 1] = hex[v[i].d[j] & 15];
		}
		s[2 * v[i].n] = 0;
		table_row(t);
		table_set_str(t, 0, s);
		table_set_uint(t, 1, v[i].req);
		table_set_uint(t, 2, v[i].resp);
		table_set_int(t, 3, (int64_t)v[i].req - (int64_t)v[i].resp);
	}
	free(v);
}
