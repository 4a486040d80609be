/*
** phs.c -- -z io,phs[,<filter>]: protocol hierarchy statistics.
**
** tshark walks the top-level items of each frame's tree as a path in a trie;
** so do we, over the fieldset's top-level items (the frame item is left out:
** tshark's tap tree has none unless the tree is visible).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/expert.h"
#include "../core/field.h"
#include "../core/util.h"
#include "../dissect/dissect.h"
#include "stats_int.h"

struct phs_node {
	int id;
	int32_t first_child, next_sibling, last_child;
	uint32_t frames;
	uint64_t bytes;
};

struct phs {
	char *filter_text;
	struct zfilter filter;
	struct phs_node *nodes; /* [0] is the root */
	int32_t n, cap;
	uint8_t *counted; /* per field id: a tree item that makes a level */
	int nids;
};

static int32_t child_of(struct phs *p, int32_t parent, int id)
{
	for (int32_t c = p->nodes[parent].first_child; c >= 0; c = p->nodes[c].next_sibling)
		if (p->nodes[c].id == id)
			return c;
	xgrow(&p->nodes, &p->cap, p->n + 1, sizeof *p->nodes);
	int32_t c = p->n++;
	struct phs_node *nd = &p->nodes[c];
	memset(nd, 0, sizeof *nd);
	nd->id = id;
	nd->first_child = nd->next_sibling = nd->last_child = -1;
	struct phs_node *par = &p->nodes[parent];
	if (par->last_child >= 0)
		p->nodes[par->last_child].next_sibling = c;
	else
		par->first_child = c;
	par->last_child = c;
	return c;
}

static void phs_packet(void *st, const struct packet *pk)
{
	struct phs *p = st;
	if (!zfilter_match(&p->filter, pk))
		return;
	const struct fieldset *fs = pk->fs;
	int32_t node = 0;
	for (int i = 0; i < fs->n; i++) {
		const struct fitem *it = &fs->items[i];
		if (it->parent >= 0 || it->id >= p->nids || !p->counted[it->id])
			continue;
		node = child_of(p, node, it->id);
		p->nodes[node].frames++;
		p->nodes[node].bytes += pk->len;
	}
}

static void print_node(const struct phs *p, FILE *out, int32_t c, int depth)
{
	for (; c >= 0; c = p->nodes[c].next_sibling) {
		char label[96];
		size_t n = 0;
		/* tshark stops indenting past 16 levels and marks it with "..." */
		int ind = depth > 16 ? 16 : depth;
		for (int k = 0; k < ind && n + 2 < sizeof label; k++) {
			label[n++] = ' ';
			label[n++] = ' ';
		}
		snprintf(label + n, sizeof label - n, "%s%s", depth > 16 ? "..." : "",
			 field_get(p->nodes[c].id)->abbrev);
		fprintf(out, "%-40s frames:%u bytes:%llu\n", label, p->nodes[c].frames,
			(unsigned long long)p->nodes[c].bytes);
		print_node(p, out, p->nodes[c].first_child, depth + 1);
	}
}

static void phs_print(void *st, FILE *out, const struct stats_run *run)
{
	(void)run;
	struct phs *p = st;
	fputs("\n===================================================================\n", out);
	fputs("Protocol Hierarchy Statistics\n", out);
	fprintf(out, "Filter: %s\n\n", p->filter_text ? p->filter_text : "");
	print_node(p, out, p->nodes[0].first_child, 0);
	fputs("===================================================================\n", out);
}

static void phs_destroy(void *st)
{
	struct phs *p = st;
	free(p->nodes);
	free(p->counted);
	free(p->filter_text);
	free(p);
}

/*
** Items other than protocols that dissectors put at the top of the tree, where
** tshark's walk counts them like protocols.
*/
static int is_aux(const char *abbrev)
{
	static const char *const aux[] = {
	    "tcp.segments",
	    "_ws.malformed",
	    "_ws.short",
	    "_ws.unreassembled",
	    "_ws.lua.fake",
	    "ftp.current-working-directory",
	    "ftp-data.setup-method",
	    "ftp-data.setup-frame",
	    "ftp-data.current-working-directory",
	    "ftp-data.command-frame",
	    "ftp-data.command",
	    "dcerpc.stub_data",
	    "pweth.cw",
	    "isis.hello",
	};
	for (size_t i = 0; i < sizeof aux / sizeof aux[0]; i++)
		if (!strcmp(abbrev, aux[i]))
			return 1;
	return 0;
}

static const struct stats_ops phs_ops = {"io,phs", phs_packet, phs_print, phs_destroy,
					 NULL,     NULL,       NULL};

int stats_add_phs(struct stats *s, const char *filter, char *err, size_t n)
{
	struct phs *p = xcalloc(1, sizeof *p);
	if (zfilter_compile(&p->filter, filter, err, n) < 0) {
		char why[256];
		snprintf(why, sizeof why, "%s", err);
		snprintf(err, n, "Couldn't register io,phs tap: %s", why);
		free(p);
		return -1;
	}
	if (filter && *filter)
		p->filter_text = xstrdup(filter);
	p->nids = field_count();
	p->counted = xcalloc((size_t)p->nids, 1);
	for (int id = 0; id < p->nids; id++) {
		const struct field_def *d = field_get(id);
		/* the column pseudo-protocol is output-side, never part of the tap tree */
		/*
		** IPv6 extension headers (ipv6.hopopts, ipv6.fraghdr...) live inside
		** the ipv6 item in tshark's tree, so its walk never sees them.
		*/
		if ((d->type == FT_PROTOCOL || is_aux(d->abbrev)) && id != proto_frame &&
		    id != hf_expert && strncmp(d->abbrev, "_ws.col", 7) &&
		    strncmp(d->abbrev, "ipv6.", 5)) {
			p->counted[id] = 1;
			field_want(id);
		}
	}
	xgrow(&p->nodes, &p->cap, 1, sizeof *p->nodes);
	memset(&p->nodes[0], 0, sizeof p->nodes[0]);
	p->nodes[0].first_child = p->nodes[0].next_sibling = p->nodes[0].last_child = -1;
	p->n = 1;
	stats_attach(s, &phs_ops, p);
	return 0;
}
