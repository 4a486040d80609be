#include "taprec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/field.h"

/* Per type: protocol, source, destination, stream field names. */
static const struct {
	const char *proto, *src, *dst, *stream, *title;
} tdef[CT_COUNT] = {
    [CT_ETH] = {"eth", "eth.src", "eth.dst", NULL, "Ethernet"},
    [CT_IPV4] = {"ip", "ip.src", "ip.dst", NULL, "IPv4"},
    [CT_IPV6] = {"ipv6", "ipv6.src", "ipv6.dst", NULL, "IPv6"},
    [CT_TCP] = {"tcp", "tcp.srcport", "tcp.dstport", "tcp.stream", "TCP"},
    [CT_UDP] = {"udp", "udp.srcport", "udp.dstport", "udp.stream", "UDP"},
};

struct ids {
	int proto, src, dst, stream;
};
static struct ids ids[CT_COUNT];
static int ids_done;

static void resolve_ids(void)
{
	if (ids_done)
		return;
	for (int t = 0; t < CT_COUNT; t++) {
		ids[t].proto = field_lookup(tdef[t].proto);
		ids[t].src = field_lookup(tdef[t].src);
		ids[t].dst = field_lookup(tdef[t].dst);
		ids[t].stream = tdef[t].stream ? field_lookup(tdef[t].stream) : -1;
	}
	ids_done = 1;
}

/* taprec_get reads values and the tree's shape, never a label */
static void want(int id)
{
	if (id >= 0)
		field_want_value(id);
}

/*
** TCP and UDP records come from the packet (pk->l4rec, filled by tcp.c and
** udp.c), not from fields stored and searched for: the conversation jobs'
** largest cost.  WIRESIFT_TAPREC_CHECK=1 keeps the fields too and aborts where
** the two disagree (tests/golden/taprec.sh runs it over the corpus).
*/
static int check_mode = -1;

static int checking(void)
{
	if (check_mode < 0) {
		const char *e = getenv("WIRESIFT_TAPREC_CHECK");
		check_mode = e && *e && *e != '0';
	}
	return check_mode;
}

void taprec_want(enum conv_type t)
{
	resolve_ids();
	if (taprec_has_ports(t)) {
		pk_l4rec_on = 1;
		if (!checking())
			return;
	}
	/*
	 * The ICMP items must exist for the headers quoted in an error to nest
	 * under them, where tshark's taps never see them.
	 */
	want(field_lookup("icmp"));
	want(field_lookup("icmpv6"));
	want(ids[t].proto);
	want(ids[t].src);
	want(ids[t].dst);
	want(ids[t].stream);
	if (taprec_has_ports(t)) {
		for (int k = CT_IPV4; k <= CT_IPV6; k++) {
			want(ids[k].proto);
			want(ids[k].src);
			want(ids[k].dst);
		}
	}
}

int taprec_direct(enum conv_type t)
{
	return taprec_has_ports(t) && !checking();
}

const char *taprec_title(enum conv_type t)
{
	return tdef[t].title;
}

static void set_addr(struct address *a, const struct fitem *it, int type)
{
	memset(a, 0, sizeof *a);
	switch (type) {
	case CT_ETH:
		if (it->val.v.b.n == 6)
			addr_set(a, AT_ETHER, it->val.v.b.p);
		break;
	case CT_IPV4:
		if (it->val.v.b.n == 4)
			addr_set(a, AT_IPv4, it->val.v.b.p);
		break;
	case CT_IPV6:
		addr_set(a, AT_IPv6, it->val.v.ip6);
		break;
	}
}

static int from_fields(const struct packet *pk, enum conv_type t, struct taprec *out, int max);

static int from_packet(const struct packet *pk, enum conv_type t, struct taprec *out, int max)
{
	uint8_t pt = t == CT_TCP ? PT_TCP : PT_UDP;
	int n = 0;
	for (int i = 0; i < pk->nl4rec && n < max; i++) {
		const struct pk_l4rec *l = &pk->l4rec[i];
		if (l->ptype != pt)
			continue;
		struct taprec *r = &out[n++];
		r->src = l->src;
		r->dst = l->dst;
		r->sport = l->sport;
		r->dport = l->dport;
		r->conv_id = l->stream;
	}
	return n;
}

static int same_rec(const struct taprec *a, const struct taprec *b)
{
	return !addr_cmp(&a->src, &b->src) && !addr_cmp(&a->dst, &b->dst) &&
	       a->src.type == b->src.type && a->dst.type == b->dst.type && a->sport == b->sport &&
	       a->dport == b->dport && a->conv_id == b->conv_id;
}

int taprec_get(const struct packet *pk, enum conv_type t, struct taprec *out, int max)
{
	if (!taprec_has_ports(t))
		return from_fields(pk, t, out, max);
	int n = from_packet(pk, t, out, max);
	if (checking()) {
		struct taprec f[TAPREC_MAX];
		int nf = from_fields(pk, t, f, max < TAPREC_MAX ? max : TAPREC_MAX);
		int ok = nf == n;
		for (int i = 0; ok && i < n; i++)
			ok = same_rec(&out[i], &f[i]);
		if (!ok) {
			fprintf(stderr,
				"taprec check: frame %u, %s: %d records from the packet, %d "
				"from the fields\n",
				pk->num, tdef[t].title, n, nf);
			abort();
		}
	}
	return n;
}

static int from_fields(const struct packet *pk, enum conv_type t, struct taprec *out, int max)
{
	const struct fieldset *fs = pk->fs;
	const struct ids *my = &ids[t];
	int nrec = 0;
	int cur = -1;      /* index of the record's protocol item */
	int net_item = -1; /* the last top-level IP item, for TCP/UDP addresses */
	int net_type = 0;
	struct address nsrc, ndst;
	memset(&nsrc, 0, sizeof nsrc);
	memset(&ndst, 0, sizeof ndst);
	int ports = taprec_has_ports(t);
	/*
	 * tshark queues its IPv6 tap after the fragment header: a fragment that
	 * completes no datagram is not seen by conv/endpoints ipv6.
	 */
	if (t == CT_IPV6 && pk->ip_depth == 1 && pk->ip_version == 6 && pk->ip_fragment &&
	    !pk->ip_reassembled)
		return 0;
	for (int i = 0; i < fs->n; i++) {
		const struct fitem *it = &fs->items[i];
		if (it->parent < 0) {
			cur = -1;
			if (it->id == my->proto && (it->flags & FI_NO_TAP)) {
				/* the dissector threw before its tap: no record */
			} else if (it->id == my->proto && nrec < max) {
				cur = i;
				struct taprec *r = &out[nrec++];
				memset(r, 0, sizeof *r);
				if (ports) {
					r->src = nsrc;
					r->dst = ndst;
				}
			} else if (ports &&
				   (it->id == ids[CT_IPV4].proto || it->id == ids[CT_IPV6].proto)) {
				net_item = i;
				net_type = it->id == ids[CT_IPV4].proto ? CT_IPV4 : CT_IPV6;
				memset(&nsrc, 0, sizeof nsrc);
				memset(&ndst, 0, sizeof ndst);
			}
			continue;
		}
		if (cur >= 0 && it->parent == cur) {
			struct taprec *r = &out[nrec - 1];
			if (it->id == my->src) {
				if (ports)
					r->sport = (uint16_t)it->val.v.u;
				else
					set_addr(&r->src, it, t);
			} else if (it->id == my->dst) {
				if (ports)
					r->dport = (uint16_t)it->val.v.u;
				else
					set_addr(&r->dst, it, t);
			} else if (it->id == my->stream) {
				r->conv_id = (uint32_t)it->val.v.u;
			}
		} else if (ports && net_item >= 0 && it->parent == net_item) {
			if (it->id == ids[net_type].src)
				set_addr(&nsrc, it, net_type);
			else if (it->id == ids[net_type].dst)
				set_addr(&ndst, it, net_type);
		}
	}
	return nrec;
}
