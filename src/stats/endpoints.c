/*
** endpoints.c -- -z endpoints,<type>[,<filter>]: traffic per address (and port).
*/
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "numfmt.h"
#include "stats_int.h"
#include "taprec.h"

struct ep_key {
	struct address a;
	uint16_t port;
};

struct ep_rec {
	struct ep_key key;
	uint32_t tx_frames, rx_frames;
	uint64_t tx_bytes, rx_bytes;
	uint32_t first_num; /* the frame that made the row: stats_merge's order */
};

struct endpoints {
	enum conv_type type;
	char *filter_text;
	struct zfilter filter;
	struct htab tab;
};

static void ep_add(struct endpoints *ep, const struct address *a, uint16_t port, int tx,
		   uint32_t len, uint32_t num)
{
	struct ep_key k;
	memset(&k, 0, sizeof k);
	k.a = *a;
	k.port = port;
	int isnew;
	struct ep_rec *r = htab_get(&ep->tab, &k, &isnew);
	if (isnew)
		r->first_num = num;
	if (tx) {
		r->tx_frames++;
		r->tx_bytes += len;
	} else {
		r->rx_frames++;
		r->rx_bytes += len;
	}
}

static void ep_packet(void *st, const struct packet *pk)
{
	struct endpoints *ep = st;
	if (!zfilter_match(&ep->filter, pk))
		return;
	struct taprec recs[TAPREC_MAX];
	int n = taprec_get(pk, ep->type, recs, TAPREC_MAX);
	for (int i = 0; i < n; i++) {
		ep_add(ep, &recs[i].src, recs[i].sport, 1, pk->len, pk->num);
		ep_add(ep, &recs[i].dst, recs[i].dport, 0, pk->len, pk->num);
	}
}

/* "%*llu" of v and then sep */
static char *put_num(char *p, uint64_t v, int w, const char *sep)
{
	char t[24];
	p = nf_pad(p, t, (size_t)(nf_u64(t, v) - t), w, 1);
	size_t n = strlen(sep);
	memcpy(p, sep, n);
	return p + n;
}

static void ep_print(void *st, FILE *out, const struct stats_run *run)
{
	(void)run;
	struct endpoints *ep = st;
	int ports = taprec_has_ports(ep->type);
	fputs("================================================================================\n",
	      out);
	fprintf(out, "%s Endpoints\n", taprec_title(ep->type));
	fprintf(out, "Filter:%s\n", ep->filter_text ? ep->filter_text : "<No Filter>");
	fprintf(out,
		"                       |%s  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | "
		"Rx Packets | | Rx Bytes |\n",
		ports ? "  Port  ||" : "");
	uint32_t n = ep->tab.n;
	uint32_t *idx = xmalloc((size_t)(n ? n : 1) * sizeof *idx);
	uint64_t *tot = xmalloc((size_t)(n ? n : 1) * sizeof *tot);
	for (uint32_t i = 0; i < n; i++) {
		const struct ep_rec *r = htab_rec(&ep->tab, i);
		idx[i] = i;
		tot[i] = (uint64_t)r->tx_frames + r->rx_frames;
	}
	sort_desc_stable(idx, tot, n);
	for (uint32_t j = 0; j < n; j++) {
		const struct ep_rec *r = htab_rec(&ep->tab, idx[j]);
		/* a row without printf, which was most of a row's cost */
		char line[256], ab[64];
		addr_to_str(&r->key.a, ab, sizeof ab);
		char *p = nf_pad(line, ab, strlen(ab), 20, 0);
		p = nf_pad(p, "", 0, 6, 0);
		if (ports) {
			p = put_num(p, r->key.port, 5, "     ");
		}
		p = put_num(p, r->tx_frames + r->rx_frames, 6, "     ");
		p = put_num(p, r->tx_bytes + r->rx_bytes, 9, "     ");
		p = put_num(p, r->tx_frames, 6, "       ");
		p = put_num(p, r->tx_bytes, 9, "      ");
		p = put_num(p, r->rx_frames, 6, "       ");
		p = put_num(p, r->rx_bytes, 9, "   \n");
		fwrite(line, 1, (size_t)(p - line), out);
	}
	fputs("================================================================================\n",
	      out);
	free(idx);
	free(tot);
}

static void ep_destroy(void *st)
{
	struct endpoints *ep = st;
	htab_free(&ep->tab);
	free(ep->filter_text);
	free(ep);
}

/* One worker's row into the merged table: an endpoint spans workers, its counts add up. */
static void ep_fold(void *arg, int part, const void *rec)
{
	(void)part;
	struct endpoints *ep = arg;
	const struct ep_rec *r = rec;
	int isnew;
	struct ep_rec *c = htab_get(&ep->tab, &r->key, &isnew);
	if (isnew)
		c->first_num = r->first_num;
	c->tx_frames += r->tx_frames;
	c->rx_frames += r->rx_frames;
	c->tx_bytes += r->tx_bytes;
	c->rx_bytes += r->rx_bytes;
}

static void ep_merge(void *st, void *const *parts, int nparts)
{
	merge_tables(parts, nparts, offsetof(struct endpoints, tab),
		     offsetof(struct ep_rec, first_num), ep_fold, st);
}

static const struct stats_ops ep_ops = {"endpoints", ep_packet, ep_print, ep_destroy,
					ep_merge,    NULL,      NULL};

int stats_add_endpoints(struct stats *s, enum conv_type t, const char *filter, char *err, size_t n)
{
	struct endpoints *ep = xcalloc(1, sizeof *ep);
	ep->type = t;
	if (zfilter_compile(&ep->filter, filter, err, n) < 0) {
		char why[256];
		snprintf(why, sizeof why, "%s", err);
		snprintf(err, n, "Couldn't register endpoint tap: %s", why);
		free(ep);
		return -1;
	}
	if (filter && *filter)
		ep->filter_text = xstrdup(filter);
	taprec_want(t);
	htab_init(&ep->tab, sizeof(struct ep_rec), sizeof(struct ep_key));
	stats_attach(s, &ep_ops, ep);
	return 0;
}
