/*
** pktgen.c -- synthetic packets and capture files; see pktgen.h.
*/
#include "pktgen.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
** Every failure here is a bug in the calling test (or out of memory), and a
** half-written capture is worse than none, so complain and stop.
*/
static _Noreturn void pg_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static _Noreturn void pg_die(const char *fmt, ...)
{
	va_list ap;
	fputs("pktgen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* ---- byte buffer ------------------------------------------------------ */

void pg_buf_init(struct pg_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void pg_buf_free(struct pg_buf *b)
{
	free(b->data);
	pg_buf_init(b);
}

uint8_t *pg_buf_put(struct pg_buf *b, const void *src, size_t n)
{
	if (n > SIZE_MAX / 2 - b->len)
		pg_die("buffer too large");
	if (b->len + n > b->cap) {
		size_t nc = b->cap ? b->cap : 256;
		while (nc < b->len + n)
			nc *= 2;
		uint8_t *d = realloc(b->data, nc);
		if (!d)
			pg_die("out of memory (%zu bytes)", nc);
		b->data = d;
		b->cap = nc;
	}
	uint8_t *at = b->data + b->len;
	if (src)
		memcpy(at, src, n);
	else if (n)
		memset(at, 0, n);
	b->len += n;
	return at;
}

static void set16be(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void set32be(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint16_t get16be(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* File formats store integers in either byte order, chosen per file
** (pcap) or per section (pcapng). */
static void set16(uint8_t *p, uint16_t v, bool be)
{
	if (be) {
		set16be(p, v);
	} else {
		p[0] = (uint8_t)v;
		p[1] = (uint8_t)(v >> 8);
	}
}

static void set32(uint8_t *p, uint32_t v, bool be)
{
	if (be) {
		set32be(p, v);
	} else {
		p[0] = (uint8_t)v;
		p[1] = (uint8_t)(v >> 8);
		p[2] = (uint8_t)(v >> 16);
		p[3] = (uint8_t)(v >> 24);
	}
}

/* A 64-bit pcapng value is one integer in section byte order (not two
** 32-bit halves; timestamps are the exception and use put_ts). */
static void set64(uint8_t *p, uint64_t v, bool be)
{
	for (int i = 0; i < 8; i++) {
		int shift = be ? 56 - 8 * i : 8 * i;
		p[i] = (uint8_t)(v >> shift);
	}
}

void pg_buf_u8(struct pg_buf *b, uint8_t v)
{
	pg_buf_put(b, &v, 1);
}

void pg_buf_u16be(struct pg_buf *b, uint16_t v)
{
	set16be(pg_buf_put(b, NULL, 2), v);
}

void pg_buf_u32be(struct pg_buf *b, uint32_t v)
{
	set32be(pg_buf_put(b, NULL, 4), v);
}

void pg_buf_str(struct pg_buf *b, const char *s)
{
	pg_buf_put(b, s, strlen(s));
}

/* ---- packet builder --------------------------------------------------- */

/* What kind of "next protocol" field is waiting for the next header. */
enum { SLOT_NONE, SLOT_ETHERTYPE, SLOT_IPPROTO, SLOT_IP6NXT, SLOT_NULLAF };

/* Protocol numbers a header announces itself with; NO_PROTO where it
** cannot appear at all (TCP straight over Ethernet, ARP inside IP). */
#define NO_PROTO (-1)

void pg_pkt_init(struct pg_pkt *p)
{
	pg_buf_init(&p->buf);
	pg_pkt_reset(p);
}

void pg_pkt_reset(struct pg_pkt *p)
{
	p->buf.len = 0;
	p->nlayers = 0;
	p->slot = SLOT_NONE;
	p->slot_off = 0;
}

void pg_pkt_free(struct pg_pkt *p)
{
	pg_buf_free(&p->buf);
	pg_pkt_reset(p);
}

/*
** Called by each header before it is appended: writes its protocol number
** into the previous header's next-protocol field, unless the caller put an
** explicit value there.
*/
static void fill_slot(struct pg_pkt *p, int ethertype, int ipproto, uint32_t af, const char *what)
{
	uint8_t *f = p->buf.data + p->slot_off;

	switch (p->slot) {
	case SLOT_NONE:
		break;
	case SLOT_ETHERTYPE:
		if (ethertype == NO_PROTO)
			pg_die("%s cannot follow a link-layer header", what);
		if (get16be(f) == 0)
			set16be(f, (uint16_t)ethertype);
		break;
	case SLOT_IPPROTO:
	case SLOT_IP6NXT:
		if (ipproto == NO_PROTO)
			pg_die("%s cannot follow an IP header", what);
		if (f[0] == 0)
			f[0] = (uint8_t)ipproto;
		break;
	case SLOT_NULLAF:
		if (af == 0)
			pg_die("%s cannot follow a BSD loopback header", what);
		if (!(f[0] | f[1] | f[2] | f[3]))
			set32(f, af, false);
		break;
	}
	p->slot = SLOT_NONE;
}

static void set_slot(struct pg_pkt *p, int kind, size_t off)
{
	p->slot = kind;
	p->slot_off = off;
}

/* Record a new header and return room for its hdrlen bytes. */
static uint8_t *push(struct pg_pkt *p, enum pg_layer_kind kind, size_t hdrlen)
{
	if (p->nlayers == PG_MAX_LAYERS)
		pg_die("more than %d headers in one packet", PG_MAX_LAYERS);
	p->layer[p->nlayers++] = (struct pg_layer){kind, p->buf.len, false};
	return pg_buf_put(&p->buf, NULL, hdrlen);
}

static size_t top_off(const struct pg_pkt *p)
{
	return p->layer[p->nlayers - 1].off;
}

void pg_bad_csum(struct pg_pkt *p)
{
	if (p->nlayers == 0)
		pg_die("pg_bad_csum with no header pushed");
	p->layer[p->nlayers - 1].bad_csum = true;
}

void pg_eth(struct pg_pkt *p, const uint8_t dst[6], const uint8_t src[6], uint16_t type)
{
	uint8_t *h = push(p, PG_L_ETH, 14);
	memcpy(h, dst, 6);
	memcpy(h + 6, src, 6);
	set16be(h + 12, type);
	set_slot(p, SLOT_ETHERTYPE, top_off(p) + 12);
}

void pg_vlan(struct pg_pkt *p, uint16_t tpid, uint8_t pcp, uint16_t vid)
{
	if (p->slot != SLOT_ETHERTYPE)
		pg_die("a VLAN tag must follow Ethernet or another tag");
	if (pcp > 7 || vid > 4095)
		pg_die("VLAN pcp %u / vid %u out of range", pcp, vid);
	/* The TPID is the EtherType of the header before the tag. */
	fill_slot(p, tpid, NO_PROTO, 0, "VLAN");
	uint8_t *h = push(p, PG_L_VLAN, 4);
	set16be(h, (uint16_t)(pcp << 13 | vid));
	set_slot(p, SLOT_ETHERTYPE, top_off(p) + 2);
}

static void put_ll_addr(uint8_t *at, const uint8_t *addr, uint8_t addrlen)
{
	if (addrlen > 8)
		pg_die("link-layer address longer than 8 bytes");
	if (addrlen)
		memcpy(at, addr, addrlen);
}

void pg_sll(struct pg_pkt *p, uint16_t pkttype, uint16_t hatype, const uint8_t *addr,
	    uint8_t addrlen)
{
	uint8_t *h = push(p, PG_L_SLL, 16);
	set16be(h, pkttype);
	set16be(h + 2, hatype);
	set16be(h + 4, addrlen);
	put_ll_addr(h + 6, addr, addrlen);
	set_slot(p, SLOT_ETHERTYPE, top_off(p) + 14);
}

void pg_sll2(struct pg_pkt *p, uint8_t pkttype, uint16_t hatype, uint32_t ifindex,
	     const uint8_t *addr, uint8_t addrlen)
{
	uint8_t *h = push(p, PG_L_SLL2, 20);
	set32be(h + 4, ifindex);
	set16be(h + 8, hatype);
	h[10] = pkttype;
	h[11] = addrlen;
	put_ll_addr(h + 12, addr, addrlen);
	set_slot(p, SLOT_ETHERTYPE, top_off(p));
}

void pg_null(struct pg_pkt *p, uint32_t family)
{
	uint8_t *h = push(p, PG_L_NULL, 4);
	set32(h, family, false);
	set_slot(p, SLOT_NULLAF, top_off(p));
}

void pg_ipv4(struct pg_pkt *p, const struct pg_ip4 *ip)
{
	if (ip->optlen > 40)
		pg_die("IPv4 options longer than 40 bytes");
	if (ip->frag_off % 8 || ip->frag_off / 8 > 0x1fff)
		pg_die("IPv4 fragment offset %u is not a multiple of 8", ip->frag_off);
	fill_slot(p, PG_ETH_IPV4, 4, 2, "IPv4");
	size_t hl = 20 + ((ip->optlen + 3) & ~(size_t)3);
	uint8_t *h = push(p, PG_L_IP4, hl);
	h[0] = (uint8_t)(0x40 | hl / 4);
	h[1] = ip->tos;
	set16be(h + 2, ip->tot_len);
	set16be(h + 4, ip->id);
	set16be(h + 6, (uint16_t)(ip->df << 14 | ip->mf << 13 | ip->frag_off / 8));
	h[8] = ip->ttl ? ip->ttl : 64;
	h[9] = ip->proto;
	set32be(h + 12, ip->src);
	set32be(h + 16, ip->dst);
	if (ip->optlen)
		memcpy(h + 20, ip->opts, ip->optlen); /* the zeros after are EOL */
	set_slot(p, SLOT_IPPROTO, top_off(p) + 9);
}

void pg_ipv6(struct pg_pkt *p, const struct pg_ip6 *ip)
{
	fill_slot(p, PG_ETH_IPV6, 41, 24, "IPv6");
	uint8_t *h = push(p, PG_L_IP6, 40);
	h[0] = (uint8_t)(0x60 | ip->tclass >> 4);
	h[1] = (uint8_t)((ip->tclass & 0x0fu) << 4 | (ip->flow >> 16 & 0x0fu));
	set16be(h + 2, (uint16_t)ip->flow);
	h[6] = ip->nxt;
	h[7] = ip->hlim ? ip->hlim : 64;
	memcpy(h + 8, ip->src, 16);
	memcpy(h + 24, ip->dst, 16);
	set_slot(p, SLOT_IP6NXT, top_off(p) + 6);
}

void pg_ip6_opts(struct pg_pkt *p, uint8_t type, const uint8_t *opts, size_t len)
{
	if (type != PG_IPPROTO_HOPOPTS && type != PG_IPPROTO_DSTOPTS)
		pg_die("pg_ip6_opts: %u is not an options header", type);
	if (p->slot != SLOT_IP6NXT)
		pg_die("IPv6 options header outside an IPv6 header chain");
	fill_slot(p, NO_PROTO, type, 0, "IPv6 options header");
	size_t total = (2 + len + 7) & ~(size_t)7;
	if (total > 2048)
		pg_die("IPv6 options header too long");
	uint8_t *h = push(p, PG_L_IP6EXT, total);
	h[1] = (uint8_t)(total / 8 - 1);
	if (len)
		memcpy(h + 2, opts, len);
	/* Pad1 is a single zero byte (already there); longer gaps need PadN. */
	size_t gap = total - 2 - len;
	if (gap >= 2) {
		h[2 + len] = 1;
		h[3 + len] = (uint8_t)(gap - 2);
	}
	set_slot(p, SLOT_IP6NXT, top_off(p));
}

void pg_ip6_frag(struct pg_pkt *p, uint16_t off, bool mf, uint32_t id, uint8_t nxt)
{
	if (off % 8)
		pg_die("IPv6 fragment offset %u is not a multiple of 8", off);
	if (p->slot != SLOT_IP6NXT)
		pg_die("IPv6 fragment header outside an IPv6 header chain");
	fill_slot(p, NO_PROTO, PG_IPPROTO_FRAGMENT, 0, "IPv6 fragment header");
	uint8_t *h = push(p, PG_L_IP6FRAG, 8);
	h[0] = nxt;
	set16be(h + 2, (uint16_t)(off | mf));
	set32be(h + 4, id);
	set_slot(p, SLOT_IP6NXT, top_off(p));
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool pg_ip6_addr(const char *s, uint8_t out[16])
{
	uint16_t g[8];
	int n = 0, gap = -1; /* gap: index in g where "::" stands */

	if (s[0] == ':') {
		if (s[1] != ':')
			return false;
		gap = 0;
		s += 2;
	}
	while (*s) {
		unsigned v = 0;
		int digits = 0;
		for (; hexval(*s) >= 0; s++, digits++)
			v = v << 4 | (unsigned)hexval(*s);
		if (digits == 0 || digits > 4 || n == 8)
			return false;
		g[n++] = (uint16_t)v;
		if (*s == '\0')
			break;
		if (*s++ != ':')
			return false;
		if (*s == ':') {
			if (gap >= 0)
				return false;
			gap = n;
			s++;
		} else if (*s == '\0') {
			return false; /* trailing single colon */
		}
	}
	if (gap < 0 ? n != 8 : n == 8)
		return false;

	memset(out, 0, 16);
	int head = gap < 0 ? n : gap;
	for (int i = 0; i < head; i++)
		set16be(out + 2 * i, g[i]);
	for (int i = head; i < n; i++)
		set16be(out + 2 * (8 - (n - i)), g[i]);
	return true;
}

static void tcpopt_room(struct pg_tcpopts *o, size_t n)
{
	if (o->len + n > sizeof(o->b))
		pg_die("TCP options longer than 40 bytes");
}

void pg_tcpopt_raw(struct pg_tcpopts *o, uint8_t kind, const void *data, uint8_t len)
{
	tcpopt_room(o, 2u + len);
	o->b[o->len] = kind;
	o->b[o->len + 1] = (uint8_t)(2 + len);
	if (len)
		memcpy(o->b + o->len + 2, data, len);
	o->len = (uint8_t)(o->len + 2 + len);
}

void pg_tcpopt_nop(struct pg_tcpopts *o)
{
	tcpopt_room(o, 1);
	o->b[o->len++] = 1;
}

void pg_tcpopt_mss(struct pg_tcpopts *o, uint16_t mss)
{
	uint8_t v[2];
	set16be(v, mss);
	pg_tcpopt_raw(o, 2, v, 2);
}

void pg_tcpopt_ws(struct pg_tcpopts *o, uint8_t shift)
{
	pg_tcpopt_raw(o, 3, &shift, 1);
}

void pg_tcpopt_sack_perm(struct pg_tcpopts *o)
{
	pg_tcpopt_raw(o, 4, NULL, 0);
}

void pg_tcpopt_sack(struct pg_tcpopts *o, const uint32_t *edges, int n)
{
	uint8_t v[32];
	if (n < 1 || n > 4)
		pg_die("SACK option with %d blocks", n);
	for (int i = 0; i < 2 * n; i++)
		set32be(v + 4 * i, edges[i]);
	pg_tcpopt_raw(o, 5, v, (uint8_t)(8 * n));
}

void pg_tcpopt_ts(struct pg_tcpopts *o, uint32_t val, uint32_t ecr)
{
	uint8_t v[8];
	set32be(v, val);
	set32be(v + 4, ecr);
	pg_tcpopt_raw(o, 8, v, 8);
}

void pg_tcp(struct pg_pkt *p, const struct pg_tcp *t)
{
	size_t optlen = t->opts ? t->opts->len : 0;
	size_t hl = 20 + ((optlen + 3) & ~(size_t)3);

	fill_slot(p, NO_PROTO, PG_IPPROTO_TCP, 0, "TCP");
	uint8_t *h = push(p, PG_L_TCP, hl);
	set16be(h, t->sport);
	set16be(h + 2, t->dport);
	set32be(h + 4, t->seq);
	set32be(h + 8, t->ack);
	h[12] = (uint8_t)(hl / 4 << 4);
	h[13] = t->flags;
	set16be(h + 14, t->win);
	set16be(h + 18, t->urp);
	if (optlen)
		memcpy(h + 20, t->opts->b, optlen); /* padded with EOL */
}

void pg_udp(struct pg_pkt *p, uint16_t sport, uint16_t dport)
{
	fill_slot(p, NO_PROTO, PG_IPPROTO_UDP, 0, "UDP");
	uint8_t *h = push(p, PG_L_UDP, 8);
	set16be(h, sport);
	set16be(h + 2, dport);
}

void pg_icmp(struct pg_pkt *p, uint8_t type, uint8_t code, uint32_t rest)
{
	fill_slot(p, NO_PROTO, PG_IPPROTO_ICMP, 0, "ICMP");
	uint8_t *h = push(p, PG_L_ICMP, 8);
	h[0] = type;
	h[1] = code;
	set32be(h + 4, rest);
}

void pg_icmp_echo(struct pg_pkt *p, bool reply, uint16_t id, uint16_t seq)
{
	pg_icmp(p, reply ? 0 : 8, 0, (uint32_t)id << 16 | seq);
}

void pg_icmp6(struct pg_pkt *p, uint8_t type, uint8_t code, uint32_t rest)
{
	fill_slot(p, NO_PROTO, PG_IPPROTO_ICMPV6, 0, "ICMPv6");
	uint8_t *h = push(p, PG_L_ICMP6, 8);
	h[0] = type;
	h[1] = code;
	set32be(h + 4, rest);
}

void pg_icmp6_echo(struct pg_pkt *p, bool reply, uint16_t id, uint16_t seq)
{
	pg_icmp6(p, reply ? 129 : 128, 0, (uint32_t)id << 16 | seq);
}

void pg_arp(struct pg_pkt *p, uint16_t op, const uint8_t sha[6], uint32_t spa, const uint8_t tha[6],
	    uint32_t tpa)
{
	fill_slot(p, PG_ETH_ARP, NO_PROTO, 0, "ARP");
	uint8_t *h = push(p, PG_L_ARP, 28);
	set16be(h, 1); /* hardware: Ethernet */
	set16be(h + 2, PG_ETH_IPV4);
	h[4] = 6;
	h[5] = 4;
	set16be(h + 6, op);
	memcpy(h + 8, sha, 6);
	set32be(h + 14, spa);
	memcpy(h + 18, tha, 6);
	set32be(h + 24, tpa);
}

void pg_bytes(struct pg_pkt *p, const void *data, size_t len)
{
	pg_buf_put(&p->buf, data, len);
}

void pg_str(struct pg_pkt *p, const char *s)
{
	pg_buf_str(&p->buf, s);
}

void pg_pattern(struct pg_pkt *p, size_t len, uint8_t seed)
{
	uint8_t *d = pg_buf_put(&p->buf, NULL, len);
	for (size_t i = 0; i < len; i++)
		d[i] = (uint8_t)(seed + i);
}

void pg_pad(struct pg_pkt *p, size_t minlen)
{
	if (p->buf.len < minlen)
		pg_buf_put(&p->buf, NULL, minlen - p->buf.len);
}

/* ---- checksums -------------------------------------------------------- */

/* 64-bit accumulator: no carry can be lost even for a 64 KiB packet. */
static uint64_t sum16(const uint8_t *d, size_t n, uint64_t acc)
{
	for (; n > 1; d += 2, n -= 2)
		acc += (uint64_t)(d[0] << 8 | d[1]);
	if (n)
		acc += (uint64_t)d[0] << 8;
	return acc;
}

static uint16_t fold(uint64_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)~acc;
}

/* A checksum that is wrong whichever way a reader verifies it; never 0, so
** a UDP checksum still claims to be present. */
static uint16_t spoil(uint16_t c)
{
	c = (uint16_t)(c + 1);
	return c ? c : 1;
}

/* Pseudo-header sum of the nearest IP header below layer l4. */
static uint64_t pseudo_sum(const struct pg_pkt *p, int l4, uint8_t proto, size_t len)
{
	for (int i = l4 - 1; i >= 0; i--) {
		const uint8_t *h = p->buf.data + p->layer[i].off;
		if (p->layer[i].kind == PG_L_IP4)
			return sum16(h + 12, 8, 0) + proto + len;
		if (p->layer[i].kind == PG_L_IP6)
			return sum16(h + 8, 32, 0) + proto + (len >> 16) + (len & 0xffff);
	}
	pg_die("TCP/UDP/ICMPv6 without an IP header before it");
}

static uint16_t len16(size_t len, const char *what)
{
	if (len > 0xffff)
		pg_die("%s length %zu does not fit in 16 bits", what, len);
	return (uint16_t)len;
}

static void finish_layer(struct pg_pkt *p, int i, size_t end)
{
	struct pg_layer *l = &p->layer[i];
	uint8_t *h = p->buf.data + l->off;
	size_t len = end - l->off;
	uint16_t c;

	switch (l->kind) {
	case PG_L_IP4:
		if (get16be(h + 2) == 0)
			set16be(h + 2, len16(len, "IPv4"));
		c = fold(sum16(h, (size_t)(h[0] & 0x0f) * 4, 0));
		set16be(h + 10, l->bad_csum ? spoil(c) : c);
		break;
	case PG_L_IP6:
		set16be(h + 4, len16(len - 40, "IPv6 payload"));
		break;
	case PG_L_UDP:
		set16be(h + 4, len16(len, "UDP"));
		c = fold(sum16(h, len, pseudo_sum(p, i, PG_IPPROTO_UDP, len)));
		c = c ? c : 0xffff; /* 0 would mean "no checksum" */
		set16be(h + 6, l->bad_csum ? spoil(c) : c);
		break;
	case PG_L_TCP:
		c = fold(sum16(h, len, pseudo_sum(p, i, PG_IPPROTO_TCP, len)));
		set16be(h + 16, l->bad_csum ? spoil(c) : c);
		break;
	case PG_L_ICMP:
		c = fold(sum16(h, len, 0));
		set16be(h + 2, l->bad_csum ? spoil(c) : c);
		break;
	case PG_L_ICMP6:
		c = fold(sum16(h, len, pseudo_sum(p, i, PG_IPPROTO_ICMPV6, len)));
		set16be(h + 2, l->bad_csum ? spoil(c) : c);
		break;
	default:
		break; /* nothing computed in link layers, ARP, extension headers */
	}
}

void pg_finish(struct pg_pkt *p)
{
	if (p->slot == SLOT_IP6NXT && p->buf.data[p->slot_off] == 0)
		p->buf.data[p->slot_off] = PG_IPPROTO_NONE;
	p->slot = SLOT_NONE;
	/* Innermost first: an IP checksum must not be computed before the
	** lengths inside it are known, nor TCP's before its payload. */
	for (int i = p->nlayers - 1; i >= 0; i--)
		finish_layer(p, i, p->buf.len);
}

/* ---- capture writer --------------------------------------------------- */

#define PG_MAX_IFS 64

struct pg_wif {
	uint16_t linktype;
	uint32_t snaplen;
	uint8_t tsresol;
	int64_t tsoffset;
};

struct pg_writer {
	char *path;
	bool ng, be, nsec;
	uint32_t linktype, snaplen; /* pcap header / default IDB */
	struct pg_buf out;

	/* pcapng: current section */
	bool shb_written;
	char *shb_comment;
	size_t shb_off, shb_end;
	struct pg_wif ifs[PG_MAX_IFS];
	uint32_t nifs;

	/* pcapng: block being written */
	size_t blk_off;
	int nopts;
};

static char *dupstr(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (!d)
		pg_die("out of memory");
	return memcpy(d, s, n);
}

static void put16(struct pg_writer *w, uint16_t v)
{
	set16(pg_buf_put(&w->out, NULL, 2), v, w->be);
}

static void put32(struct pg_writer *w, uint32_t v)
{
	set32(pg_buf_put(&w->out, NULL, 4), v, w->be);
}

static void put64(struct pg_writer *w, uint64_t v)
{
	set64(pg_buf_put(&w->out, NULL, 8), v, w->be);
}

/* pcapng timestamps are a 64-bit count stored high word first, each word
** in section byte order. */
static void put_ts(struct pg_writer *w, uint64_t ts)
{
	put32(w, (uint32_t)(ts >> 32));
	put32(w, (uint32_t)ts);
}

static void pad4(struct pg_writer *w)
{
	size_t rem = (w->out.len - w->blk_off) % 4;
	if (rem)
		pg_buf_put(&w->out, NULL, 4 - rem);
}

static void write_pcap_header(struct pg_writer *w)
{
	put32(w, w->nsec ? 0xa1b23c4d : 0xa1b2c3d4);
	put16(w, 2);
	put16(w, 4);
	put32(w, 0); /* thiszone */
	put32(w, 0); /* sigfigs */
	put32(w, w->snaplen);
	put32(w, w->linktype);
}

struct pg_writer *pg_open(const char *path, enum pg_format fmt, uint32_t linktype, uint32_t snaplen)
{
	struct pg_writer *w = calloc(1, sizeof(*w));
	if (!w)
		pg_die("out of memory");
	w->path = dupstr(path);
	w->ng = fmt == PG_PCAPNG_LE || fmt == PG_PCAPNG_BE;
	w->be = fmt == PG_PCAP_BE || fmt == PG_PCAP_NSEC_BE || fmt == PG_PCAPNG_BE;
	w->nsec = fmt == PG_PCAP_NSEC_LE || fmt == PG_PCAP_NSEC_BE;
	w->linktype = linktype;
	w->snaplen = snaplen;
	pg_buf_init(&w->out);
	if (!w->ng)
		write_pcap_header(w);
	return w;
}

static void need_ng(const struct pg_writer *w, const char *what)
{
	if (!w->ng)
		pg_die("%s needs a pcapng writer", what);
}

static void blk_begin(struct pg_writer *w, uint32_t type)
{
	w->blk_off = w->out.len;
	w->nopts = 0;
	put32(w, type);
	put32(w, 0); /* total length, patched by blk_end */
}

static void blk_opt(struct pg_writer *w, uint16_t code, const void *data, size_t len)
{
	put16(w, code);
	put16(w, len16(len, "pcapng option"));
	pg_buf_put(&w->out, data, len);
	pad4(w);
	w->nopts++;
}

static void blk_opt_str(struct pg_writer *w, uint16_t code, const char *s)
{
	if (s)
		blk_opt(w, code, s, strlen(s));
}

static void blk_opt_u64(struct pg_writer *w, uint16_t code, uint64_t v)
{
	uint8_t b[8];
	set64(b, v, w->be);
	blk_opt(w, code, b, 8);
}

static void blk_end(struct pg_writer *w)
{
	pad4(w);
	if (w->nopts)
		put32(w, 0); /* opt_endofopt */
	uint32_t total = (uint32_t)(w->out.len - w->blk_off + 4);
	put32(w, total);
	set32(w->out.data + w->blk_off + 4, total, w->be);
}

static void write_shb(struct pg_writer *w)
{
	w->shb_off = w->out.len;
	blk_begin(w, 0x0a0d0d0a);
	put32(w, 0x1a2b3c4d); /* byte-order magic: how readers tell */
	put16(w, 1);
	put16(w, 0);
	put64(w, UINT64_MAX); /* section length, patched by end_section */
	blk_opt_str(w, 1, w->shb_comment);
	blk_opt_str(w, 2, "synthetic");
	blk_opt_str(w, 3, "none");
	blk_opt_str(w, 4, "wiresift tests/gen pktgen");
	blk_end(w);
	w->shb_end = w->out.len;
	w->shb_written = true;
}

static void ensure_section(struct pg_writer *w)
{
	if (!w->shb_written)
		write_shb(w);
}

static void end_section(struct pg_writer *w)
{
	if (!w->shb_written || w->out.len < w->shb_end)
		return;
	set64(w->out.data + w->shb_off + 16, w->out.len - w->shb_end, w->be);
}

void pg_section(struct pg_writer *w, bool big_endian, const char *comment)
{
	need_ng(w, "pg_section");
	end_section(w);
	w->shb_written = false;
	w->nifs = 0; /* interface ids are per section */
	w->be = big_endian;
	free(w->shb_comment);
	w->shb_comment = dupstr(comment);
}

uint32_t pg_add_interface(struct pg_writer *w, const struct pg_if *ifc)
{
	need_ng(w, "pg_add_interface");
	if (w->nifs == PG_MAX_IFS)
		pg_die("more than %d interfaces in a section", PG_MAX_IFS);
	uint8_t r = ifc->tsresol;
	if ((r & 0x80) ? (r & 0x7f) > 32 : r > 9)
		pg_die("unsupported if_tsresol 0x%02x", r);
	ensure_section(w);

	blk_begin(w, 1);
	put16(w, ifc->linktype);
	put16(w, 0);
	put32(w, ifc->snaplen);
	blk_opt_str(w, 1, ifc->comment);
	blk_opt_str(w, 2, ifc->name);
	blk_opt_str(w, 3, ifc->descr);
	if (r)
		blk_opt(w, 9, &r, 1);
	if (ifc->tsoffset)
		blk_opt_u64(w, 14, (uint64_t)ifc->tsoffset);
	blk_end(w);

	w->ifs[w->nifs] = (struct pg_wif){ifc->linktype, ifc->snaplen, r, ifc->tsoffset};
	return w->nifs++;
}

/* The interface a block refers to, declaring the default one if the
** section has none yet. */
static const struct pg_wif *iface(struct pg_writer *w, uint32_t ifid)
{
	ensure_section(w);
	if (w->nifs == 0 && ifid == 0)
		pg_add_interface(
		    w, &(struct pg_if){.linktype = (uint16_t)w->linktype, .snaplen = w->snaplen});
	if (ifid >= w->nifs)
		pg_die("interface %u not declared in this section", ifid);
	return &w->ifs[ifid];
}

/* Unix time in the interface's units (if_tsresol, shifted by if_tsoffset). */
static uint64_t ts_units(const struct pg_wif *ifc, int64_t sec, uint32_t nsec)
{
	if (nsec >= 1000000000u)
		pg_die("nanoseconds out of range: %u", nsec);
	if (sec < ifc->tsoffset)
		pg_die("timestamp before the interface's if_tsoffset");
	uint64_t s = (uint64_t)(sec - ifc->tsoffset);
	uint8_t r = ifc->tsresol ? ifc->tsresol : 6;

	if (r & 0x80) {
		/* 2^-b: b <= 32 and nsec < 2^30 keep both products in 64 bits */
		unsigned b = r & 0x7f;
		return (s << b) + (((uint64_t)nsec << b) / 1000000000u);
	}
	uint64_t per_sec = 1;
	for (unsigned i = 0; i < r; i++)
		per_sec *= 10;
	return s * per_sec + nsec / (1000000000u / per_sec);
}

/* caplen/origlen as a capture with this snaplen would have recorded them. */
static void snap(uint32_t snaplen, uint32_t *caplen, uint32_t *origlen)
{
	if (*origlen == 0)
		*origlen = *caplen;
	if (snaplen && *caplen > snaplen)
		*caplen = snaplen;
}

void pg_pcap_record_hdr(struct pg_writer *w, int64_t sec, uint32_t nsec, uint32_t caplen,
			uint32_t origlen)
{
	if (w->ng)
		pg_die("pg_pcap_record_hdr needs a classic pcap writer");
	if (sec < 0 || sec > UINT32_MAX || nsec >= 1000000000u)
		pg_die("timestamp out of range for pcap");
	put32(w, (uint32_t)sec);
	put32(w, w->nsec ? nsec : nsec / 1000);
	put32(w, caplen);
	put32(w, origlen);
}

void pg_write_packet(struct pg_writer *w, uint32_t ifid, int64_t sec, uint32_t nsec,
		     const void *data, uint32_t caplen, uint32_t origlen, const char *comment)
{
	if (!w->ng) {
		if (ifid != 0)
			pg_die("classic pcap has only interface 0");
		snap(w->snaplen, &caplen, &origlen);
		pg_pcap_record_hdr(w, sec, nsec, caplen, origlen);
		pg_buf_put(&w->out, data, caplen);
		return;
	}
	const struct pg_wif *ifc = iface(w, ifid);
	uint64_t ts = ts_units(ifc, sec, nsec);
	snap(ifc->snaplen, &caplen, &origlen);
	blk_begin(w, 6);
	put32(w, ifid);
	put_ts(w, ts);
	put32(w, caplen);
	put32(w, origlen);
	pg_buf_put(&w->out, data, caplen);
	pad4(w);
	blk_opt_str(w, 1, comment);
	blk_end(w);
}

void pg_write_pkt(struct pg_writer *w, uint32_t ifid, int64_t sec, uint32_t nsec,
		  const struct pg_pkt *p, const char *comment)
{
	if (p->buf.len > UINT32_MAX)
		pg_die("packet too large");
	pg_write_packet(w, ifid, sec, nsec, p->buf.data, (uint32_t)p->buf.len, 0, comment);
}

void pg_write_spb(struct pg_writer *w, const void *data, uint32_t len)
{
	need_ng(w, "pg_write_spb");
	uint32_t caplen = len, origlen = len;
	snap(iface(w, 0)->snaplen, &caplen, &origlen);
	blk_begin(w, 3);
	put32(w, origlen);
	pg_buf_put(&w->out, data, caplen);
	blk_end(w);
}

void pg_write_pb(struct pg_writer *w, uint16_t ifid, int64_t sec, uint32_t nsec, const void *data,
		 uint32_t caplen, uint32_t origlen, const char *comment)
{
	need_ng(w, "pg_write_pb");
	const struct pg_wif *ifc = iface(w, ifid);
	uint64_t ts = ts_units(ifc, sec, nsec);
	snap(ifc->snaplen, &caplen, &origlen);
	blk_begin(w, 2);
	put16(w, ifid);
	put16(w, 0); /* drops count */
	put_ts(w, ts);
	put32(w, caplen);
	put32(w, origlen);
	pg_buf_put(&w->out, data, caplen);
	pad4(w);
	blk_opt_str(w, 1, comment);
	blk_end(w);
}

void pg_write_nrb(struct pg_writer *w, const struct pg_nrb_entry *e, size_t n)
{
	need_ng(w, "pg_write_nrb");
	ensure_section(w);
	blk_begin(w, 4);
	for (size_t i = 0; i < n; i++) {
		size_t alen = e[i].family == 6 ? 16 : 4;
		size_t nlen = strlen(e[i].name) + 1;
		put16(w, e[i].family == 6 ? 2 : 1);
		put16(w, len16(alen + nlen, "NRB record"));
		if (e[i].family == 6)
			pg_buf_put(&w->out, e[i].ip6, 16);
		else
			pg_buf_u32be(&w->out, e[i].ip4); /* network order */
		pg_buf_put(&w->out, e[i].name, nlen);
		pad4(w);
	}
	put32(w, 0); /* nrb_record_end */
	blk_end(w);
}

void pg_write_isb(struct pg_writer *w, uint32_t ifid, int64_t sec, uint32_t nsec,
		  const struct pg_isb *s)
{
	need_ng(w, "pg_write_isb");
	const struct pg_wif *ifc = iface(w, ifid);
	blk_begin(w, 5);
	put32(w, ifid);
	put_ts(w, ts_units(ifc, sec, nsec));
	if (s->start_sec) {
		/* Same layout as a block timestamp: high word first. */
		uint64_t t0 = ts_units(ifc, s->start_sec, s->start_nsec);
		uint64_t t1 = ts_units(ifc, s->end_sec, s->end_nsec);
		uint8_t b[8];
		set32(b, (uint32_t)(t0 >> 32), w->be);
		set32(b + 4, (uint32_t)t0, w->be);
		blk_opt(w, 2, b, 8);
		set32(b, (uint32_t)(t1 >> 32), w->be);
		set32(b + 4, (uint32_t)t1, w->be);
		blk_opt(w, 3, b, 8);
	}
	blk_opt_u64(w, 4, s->ifrecv);
	blk_opt_u64(w, 5, s->ifdrop);
	blk_opt_u64(w, 6, s->filteraccept);
	blk_opt_u64(w, 7, s->osdrop);
	blk_opt_u64(w, 8, s->usrdeliv);
	blk_end(w);
}

void pg_write_dsb(struct pg_writer *w, uint32_t type, const void *data, size_t len)
{
	need_ng(w, "pg_write_dsb");
	if (len > UINT32_MAX)
		pg_die("secrets too large");
	ensure_section(w);
	blk_begin(w, 10);
	put32(w, type);
	put32(w, (uint32_t)len);
	pg_buf_put(&w->out, data, len);
	blk_end(w);
}

void pg_write_custom(struct pg_writer *w, bool copyable, uint32_t pen, const void *data, size_t len)
{
	need_ng(w, "pg_write_custom");
	ensure_section(w);
	blk_begin(w, copyable ? 0x00000bad : 0x40000bad);
	put32(w, pen);
	pg_buf_put(&w->out, data, len);
	blk_end(w);
}

void pg_raw(struct pg_writer *w, const void *data, size_t len)
{
	pg_buf_put(&w->out, data, len);
}

void pg_cut(struct pg_writer *w, size_t n)
{
	w->out.len = n < w->out.len ? w->out.len - n : 0;
}

size_t pg_size(const struct pg_writer *w)
{
	return w->out.len;
}

static int write_all(const char *path, const struct pg_buf *b)
{
	bool std = strcmp(path, "-") == 0;
	FILE *f = std ? stdout : fopen(path, "wb");
	if (!f)
		return -1;
	errno = 0;
	size_t n = b->len ? fwrite(b->data, 1, b->len, f) : 0;
	int err = n == b->len ? 0 : errno ? errno : EIO;
	if (std ? fflush(f) != 0 : fclose(f) != 0)
		err = err ? err : errno ? errno : EIO;
	errno = err;
	return err ? -1 : 0;
}

int pg_close(struct pg_writer *w)
{
	if (w->ng) {
		ensure_section(w); /* even an empty pcapng needs its SHB */
		end_section(w);
	}
	int rc = write_all(w->path, &w->out);
	int err = errno;
	pg_buf_free(&w->out);
	free(w->shb_comment);
	free(w->path);
	free(w);
	errno = err;
	return rc;
}
