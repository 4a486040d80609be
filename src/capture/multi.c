/*
** multi.c -- several captures read as one, in time order.
**
** A k-way merge over the members' pending records (capture/merge.c, the
** pick mergecap uses, but the earlier file first on equal times so rotated
** files read back exactly as the file they were cut from).  The merged
** capture has one interface table, built as mergecap builds its IDBs: shared
** when every member describes the same interfaces, else each member's
** appended in order; frames carry the merged id, as they would after
** mergecap.  A member that fails is dropped from the merge and the others go
** on: the failures are reported together after the last frame.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "capture_int.h"
#include "merge.h"

struct member {
	struct capture *cap; /* NULL when it could not be opened */
	struct cap_frame f;
	int has;       /* f holds the pending record */
	uint32_t *map; /* member's interface index -> merged index */
	int32_t nmap, mapcap;
	int32_t ndsbs; /* Decryption Secrets Blocks already copied */
};

struct multi {
	struct member *m;
	const struct cap_frame **pend;
	int n;
	int last; /* member whose record was handed out: read its next one first */
	int shared;
	char *prefix;
	int rc; /* exit code of the first failure */
};

/* Messages after the first get the caller's prefix, so each reads as a line of its own. */
static void add_error(struct capture *c, struct multi *mu, const char *msg, int rc)
{
	size_t old = c->errs ? strlen(c->errs) : 0;
	size_t need = old + strlen(mu->prefix) + strlen(msg) + 2;
	c->errs = xrealloc(c->errs, need);
	if (old)
		snprintf(c->errs + old, need - old, "\n%s%s", mu->prefix, msg);
	else
		snprintf(c->errs, need, "%s", msg);
	if (!mu->rc)
		mu->rc = rc;
}

static void refill(struct capture *c, struct multi *mu, int i)
{
	struct member *m = &mu->m[i];
	int r = capture_next(m->cap, &m->f);
	m->has = r == 1;
	if (r < 0)
		add_error(c, mu, capture_error(m->cap), capture_error_rc(m->cap));
}

static void map_add(struct member *m, uint32_t id)
{
	xgrow(&m->map, &m->mapcap, m->nmap + 1, sizeof *m->map);
	m->map[m->nmap++] = id;
}

static uint32_t copy_iface(struct capture *c, const struct cap_iface *from)
{
	struct cap_iface ifc = *from;
	ifc.name = from->name ? xstrdup(from->name) : NULL;
	ifc.description = from->description ? xstrdup(from->description) : NULL;
	ifc.os = from->os ? xstrdup(from->os) : NULL;
	ifc.filter = from->filter ? xstrdup(from->filter) : NULL;
	ifc.section = 0; /* one section, as in mergecap's output */
	return cap_add_iface(c, &ifc);
}

/* Interfaces a member describes after its first record get merged ids of their own. */
static void map_new_ifaces(struct capture *c, struct member *m)
{
	int k = capture_iface_count(m->cap);
	while (m->nmap < k)
		map_add(m, copy_iface(c, capture_iface(m->cap, m->nmap)));
}

/* A member's secrets are copied before its records that need them, as mergecap writes them. */
static void copy_dsbs(struct capture *c, struct member *m)
{
	for (; m->ndsbs < capture_dsb_count(m->cap); m->ndsbs++) {
		const struct cap_dsb *d = capture_dsb(m->cap, m->ndsbs);
		xgrow(&c->dsbs, &c->dsbcap, c->ndsbs + 1, sizeof *c->dsbs);
		struct cap_dsb *to = &c->dsbs[c->ndsbs++];
		to->type = d->type;
		to->len = d->len;
		to->data = xmalloc(d->len ? d->len : 1);
		memcpy(to->data, d->data, d->len);
	}
}

static int multi_next(struct capture *c, struct cap_frame *f)
{
	struct multi *mu = c->priv;
	if (mu->last >= 0)
		refill(c, mu, mu->last);
	mu->last = -1;
	for (int i = 0; i < mu->n; i++)
		mu->pend[i] = mu->m[i].has ? &mu->m[i].f : NULL;
	int pick = cap_merge_pick(mu->pend, mu->n, CAP_TIE_EARLIER);
	if (pick < 0) {
		if (!c->errs)
			return 0;
		c->failed = 1;
		c->err_rc = mu->rc;
		return -1;
	}
	struct member *m = &mu->m[pick];
	map_new_ifaces(c, m);
	copy_dsbs(c, m);
	*f = m->f;
	if (f->ifid < (uint32_t)m->nmap)
		f->ifid = m->map[f->ifid];
	/*
	** frame.interface_id as after mergecap: its pcapng output numbers every
	** interface, pcap members' too, once they are not all the same.
	*/
	if (f->has_ifid || !mu->shared) {
		f->if_local = f->ifid;
		f->has_ifid = 1;
	}
	mu->last = pick;
	return 1;
}

static void multi_free(struct capture *c)
{
	struct multi *mu = c->priv;
	for (int i = 0; i < mu->n; i++) {
		capture_close(mu->m[i].cap);
		free(mu->m[i].map);
	}
	free(mu->m);
	free(mu->pend);
	free(mu->prefix);
	free(mu);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Interfaces known once every member has read its first record, as mergecap maps them. */
static void build_ifaces(struct capture *c, struct multi *mu)
{
	struct capture **caps = xcalloc((size_t)mu->n, sizeof *caps);
	for (int i = 0; i < mu->n; i++)
		caps[i] = mu->m[i].cap && !mu->m[i].cap->failed ? mu->m[i].cap : NULL;
	mu->shared = cap_ifaces_all_same(caps, mu->n);
	free(caps);
	struct member *first = NULL;
	for (int i = 0; i < mu->n; i++) {
		struct member *m = &mu->m[i];
		if (!m->cap)
			continue;
		if (mu->shared && first && !m->cap->failed) {
			for (int j = 0; j < capture_iface_count(m->cap); j++)
				map_add(m, first->map[j]);
		} else {
			map_new_ifaces(c, m);
			if (!m->cap->failed && !first)
				first = m;
		}
	}
}

struct capture *capture_open_multi(const char *const *paths, int n, const char *prefix, char *err,
				   size_t errlen)
{
	if (n == 1)
		return capture_open(paths[0], err, errlen);
	struct capture *c = xcalloc(1, sizeof *c);
	struct multi *mu = xcalloc(1, sizeof *mu);
	c->priv = mu;
	c->next = multi_next;
	c->free_priv = multi_free;
	mu->n = n;
	mu->last = -1;
	mu->prefix = xstrdup(prefix ? prefix : "");
	mu->m = xcalloc((size_t)n, sizeof *mu->m);
	mu->pend = xcalloc((size_t)n, sizeof *mu->pend);
	int opened = 0;
	char why[1024];
	for (int i = 0; i < n; i++) {
		struct member *m = &mu->m[i];
		m->cap = capture_open(paths[i], why, sizeof why);
		if (!m->cap) {
			add_error(c, mu, why, 2);
			continue;
		}
		if (!opened++) {
			c->path = xstrdup(paths[i]);
			c->ft = m->cap->ft;
			c->comp = capture_compression(m->cap);
			c->shb_hardware = dup_or_null(m->cap->shb_hardware);
			c->shb_os = dup_or_null(m->cap->shb_os);
			c->shb_userappl = dup_or_null(m->cap->shb_userappl);
		}
		/* the first record brings the interfaces described before it */
		refill(c, mu, i);
	}
	if (!opened) {
		snprintf(err, errlen, "%s", c->errs);
		capture_close(c);
		return NULL;
	}
	build_ifaces(c, mu);
	for (int i = 0; i < n; i++)
		if (mu->m[i].cap)
			copy_dsbs(c, &mu->m[i]);
	for (int i = 0; i < n; i++)
		if (mu->m[i].cap) {
			c->nrb_v4 += capture_nrb_count(mu->m[i].cap, 0);
			c->nrb_v6 += capture_nrb_count(mu->m[i].cap, 1);
		}
	return c;
}
