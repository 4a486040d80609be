/*
** pinfo.c -- one frame's fieldset read into struct pinfo.
*/
#include "pinfo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/tcp_analysis.h"
#include "../core/field.h"
#include "../core/fieldset.h"
#include "../core/util.h"

const char *const pi_flag_field[PF_COUNT] = {
    "tcp.analysis.retransmission",
    "tcp.analysis.fast_retransmission",
    "tcp.analysis.spurious_retransmission",
    "tcp.analysis.out_of_order",
    "tcp.analysis.lost_segment",
    "tcp.analysis.ack_lost_segment",
    "tcp.analysis.duplicate_ack",
    "tcp.analysis.zero_window",
    "tcp.analysis.zero_window_probe",
    "tcp.analysis.window_update",
    "tcp.analysis.window_full",
    "tcp.analysis.keep_alive",
    "tcp.analysis.keep_alive_ack",
    "tcp.analysis.reused_ports",
};
const char *const pi_flag_col[PF_COUNT] = {
    "retransmission", "fast_retransmission", "spurious_retransmission",
    "out_of_order",   "lost_segment",        "ack_lost_segment",
    "duplicate_ack",  "zero_window",         "zero_window_probe",
    "window_update",  "window_full",         "keep_alive",
    "keep_alive_ack", "reused_ports",
};
const char *const pi_proto_name[PP_COUNT] = {"arp", "ip",   "ipv6",   "tcp",
					     "udp", "icmp", "icmpv6", "esp"};

enum {
	I_IP_SRC,
	I_IP_DST,
	I_IP6_SRC,
	I_IP6_DST,
	I_IP_LEN,
	I_IP6_PLEN,
	I_IP_ID,
	I_TCP_STREAM,
	I_TCP_SPORT,
	I_TCP_DPORT,
	I_TCP_FLAGS,
	I_TCP_LEN,
	I_TCP_WIN,
	I_IRTT,
	I_UDP_STREAM,
	I_UDP_SPORT,
	I_UDP_DPORT,
	I_ESP_SPI,
	I_ESP_SEQ,
	I_TCP_SEQ,
	I_TCP_ACK,
	I_COUNT
};
static const char *const names[I_COUNT] = {
    "ip.src",          "ip.dst",
    "ipv6.src",        "ipv6.dst",
    "ip.len",          "ipv6.plen",
    "ip.id",           "tcp.stream",
    "tcp.srcport",     "tcp.dstport",
    "tcp.flags",       "tcp.len",
    "tcp.window_size", "tcp.analysis.initial_rtt",
    "udp.stream",      "udp.srcport",
    "udp.dstport",     "esp.spi",
    "esp.sequence",    "tcp.seq",
    "tcp.ack",
};
static int ids[I_COUNT], fids[PF_COUNT], pids[PP_COUNT];
static int hf_aflags; /* tcp.analysis.flags: the parent of every PF_* item but none */
static int want_csums, want_protos;
static int cs_ip4 = -1, cs_ip6 = -1, cs_tcp = -1; /* the protocol items check_sums reads */
uint8_t pinfo_pp_map[PINFO_PP_IDS];               /* also the dissectors' pk_pp_bit */
static uint8_t pp_bytes[1 << PP_COUNT][PP_COUNT]; /* a PP_* bit set -> protos[] */
/* WIRESIFT_PINFO_CHECK=1: both routes for every frame, aborting where they differ */
static int check;

/* the TA_* flags behind each PF_* item (a fast or spurious one is a retransmission too) */
static const uint32_t pf_ta[PF_COUNT] = {
    TA_RETRANSMISSION | TA_FAST_RETRANSMISSION | TA_SPURIOUS_RETRANSMISSION,
    TA_FAST_RETRANSMISSION,
    TA_SPURIOUS_RETRANSMISSION,
    TA_OUT_OF_ORDER,
    TA_LOST_PACKET,
    TA_ACK_LOST_PACKET,
    TA_DUPLICATE_ACK,
    TA_ZERO_WINDOW,
    TA_ZERO_WINDOW_PROBE,
    TA_WINDOW_UPDATE,
    TA_WINDOW_FULL,
    TA_KEEP_ALIVE,
    TA_KEEP_ALIVE_ACK,
    TA_REUSED_PORTS,
};

/* pinfo_ta_flags by halves of the TA_* bits (they fit in 15): two loads, no loop */
static uint16_t ta_lo[256], ta_hi[128];

static uint32_t ta_flags_slow(uint32_t ta)
{
	uint32_t af = 0;
	for (int f = 0; f < PF_COUNT; f++)
		af |= (uint32_t)((ta & pf_ta[f]) != 0) << f;
	return af;
}

static void ta_tables(void)
{
	_Static_assert(PF_COUNT <= 16, "ta_lo");
	for (uint32_t i = 0; i < 256; i++)
		ta_lo[i] = (uint16_t)ta_flags_slow(i);
	for (uint32_t i = 0; i < 128; i++)
		ta_hi[i] = (uint16_t)ta_flags_slow(i << 8);
}

void pinfo_want_checksums(int on)
{
	want_csums = on;
	cs_ip4 = on ? field_lookup("ip") : -1;
	cs_ip6 = on ? field_lookup("ipv6") : -1;
	cs_tcp = on ? field_lookup("tcp") : -1;
	field_want_value(cs_ip4); /* presence and position only */
	field_want_value(cs_ip6);
	field_want_value(cs_tcp);
}

/* the fields only facts, trade and tsg read */
static int lean_skips(int i)
{
	return i == I_IP_LEN || i == I_IP6_PLEN || i == I_IP_ID || i == I_TCP_LEN ||
	       i == I_TCP_WIN || i == I_TCP_SEQ || i == I_TCP_ACK;
}

/* the fields the dissectors' record (pk->pir) stands in for */
static int in_record(int i)
{
	return i != I_IP_LEN && i != I_IP6_PLEN && i != I_IP_ID;
}

void pinfo_want(int lean, int protos)
{
	const char *e = getenv("WIRESIFT_PINFO_CHECK");
	check = e && *e && strcmp(e, "0");
	pk_pirec_on = lean ? PK_PIREC_LEAN : PK_PIREC_FULL; /* lean: see lean_skips */
	ta_tables();
	for (int i = 0; i < I_COUNT; i++) {
		ids[i] = lean && lean_skips(i) ? -1 : field_lookup(names[i]);
		if (ids[i] >= 0 && (check || !in_record(i)))
			field_want(ids[i]);
	}
	for (int i = 0; i < PF_COUNT; i++)
		if ((fids[i] = field_lookup(pi_flag_field[i])) >= 0 && check)
			field_want(fids[i]);
	if ((hf_aflags = field_lookup("tcp.analysis.flags")) >= 0 && check)
		field_want_value(hf_aflags);
	/* the protocols come from pk->layers (pk_add_layer), the fields only to check them */
	want_protos = protos;
	int n = 0;
	for (int i = 0; i < PP_COUNT; i++) {
		if ((pids[i] = protos ? field_lookup(pi_proto_name[i]) : -1) < 0)
			continue;
		if (check)
			field_want_value(pids[i]); /* presence only */
		if (pids[i] >= n)
			n = pids[i] + 1;
	}
	/* the fields are sealed by now: no id registered later can alias in the map */
	if (field_count() > PINFO_PP_IDS) {
		fprintf(stderr, "wiresift: %d fields: pinfo_pp_map holds %d\n", field_count(),
			PINFO_PP_IDS);
		abort();
	}
	memset(pinfo_pp_map, 0, (size_t)pk_pp_n); /* a previous run's: untouched pages stay so */
	for (int i = 0; i < PP_COUNT; i++)
		if (pids[i] >= 0)
			pinfo_pp_map[pids[i]] |= (uint8_t)(1u << i);
	pk_pp_bit = pinfo_pp_map;
	pk_pp_n = n;
	pk_layer_fast = n ? 0 : PK_MAX_LAYERS; /* every layer through pk_add_layer_slow */
	for (unsigned m = 0; m < 1u << PP_COUNT; m++)
		for (int i = 0; i < PP_COUNT; i++)
			pp_bytes[m][i] = (m >> i) & 1;
}

static const struct fitem *first(const struct fieldset *fs, int id)
{
	int i = fs_first(fs, id);
	return i >= 0 ? &fs->items[i] : NULL;
}

static uint64_t first_u(const struct fieldset *fs, int id, int *has)
{
	const struct fitem *it = first(fs, id);
	if (has)
		*has = it != NULL;
	return it ? it->val.v.u : 0;
}

static uint32_t sum16(const uint8_t *p, uint32_t n, uint32_t acc)
{
	for (uint32_t i = 0; i + 1 < n; i += 2)
		acc += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		acc += (uint32_t)p[n - 1] << 8;
	return acc;
}

static int folds_to_ffff(uint32_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return acc == 0xffff;
}

/*
** The dissectors leave checksums unverified (tshark's default), but the facts
** table wants to tell offload from corruption, so the outer IPv4 header and
** the TCP segment right behind an IPv4 or IPv6 header are checked here, from
** the frame bytes, when captured whole and not fragmented.
*/
static void check_sums(const struct packet *pk, const struct fieldset *fs, struct pinfo *pi)
{
	const uint8_t *d = pk->data;
	int it = fs_first(fs, cs_tcp);
	uint32_t tpos = it >= 0 && fs->items[it].src == 0 ? fs->items[it].pos : 0;
	int ii = fs_first(fs, cs_ip4);
	if (ii >= 0 && fs->items[ii].src == 0) {
		uint32_t pos = fs->items[ii].pos;
		if (pos + 20 <= pk->caplen && (d[pos] >> 4) == 4) {
			uint32_t ihl = (d[pos] & 15u) * 4,
				 tot = (uint32_t)d[pos + 2] << 8 | d[pos + 3];
			if (ihl >= 20 && pos + ihl <= pk->caplen && tot >= ihl) {
				pi->csum_checked = 1;
				pi->bad_ip_csum = !folds_to_ffff(sum16(d + pos, ihl, 0));
				int frag =
				    (d[pos + 6] & 0x20) || ((d[pos + 6] & 0x1f) | d[pos + 7]);
				if (tpos && tpos == pos + ihl && !frag && d[pos + 9] == 6 &&
				    pos + tot <= pk->caplen) {
					uint32_t seg = tot - ihl;
					uint32_t acc = sum16(d + pos + 12, 8, 0) + 6 + seg;
					pi->bad_tcp_csum =
					    !folds_to_ffff(sum16(d + tpos, seg, acc));
					return;
				}
			}
		}
	}
	/* TCP right behind an IPv6 header without extension headers (also 6in4) */
	int i6 = fs_first(fs, cs_ip6);
	if (i6 < 0 || !tpos || fs->items[i6].src != 0)
		return;
	uint32_t pos = fs->items[i6].pos;
	if (pos + 40 > pk->caplen || (d[pos] >> 4) != 6 || d[pos + 6] != 6 || tpos != pos + 40)
		return;
	uint32_t seg = (uint32_t)d[pos + 4] << 8 | d[pos + 5];
	if (tpos + seg > pk->caplen)
		return;
	pi->csum_checked = 1;
	uint32_t acc = sum16(d + pos + 8, 32, 0) + 6 + seg;
	pi->bad_tcp_csum = !folds_to_ffff(sum16(d + tpos, seg, acc));
}

/* The frame's own values: the same for both routes. */
static void get_common(const struct packet *pk, struct pinfo *pi)
{
	memset(pi, 0, sizeof *pi);
	pi->ts_ns = pk->sec * 1000000000LL + pk->nsec;
	pi->rel_ns = pk->rel_sec * 1000000000LL + pk->rel_nsec;
	pi->len = pk->len;
}

/* The field route: every value looked up in the frame's fieldset. */
static void from_fields(const struct packet *pk, struct pinfo *pi)
{
	const struct fieldset *fs = pk->fs;
	for (int i = 0; i < PP_COUNT; i++)
		pi->protos[i] = fs_first(fs, pids[i]) >= 0;
	/* the outer IP header: whichever of IPv4 / IPv6 came first in the frame */
	int i4 = fs_first(fs, ids[I_IP_SRC]), i6 = fs_first(fs, ids[I_IP6_SRC]);
	if (i4 >= 0 && (i6 < 0 || i4 < i6)) {
		const struct fitem *s = &fs->items[i4], *d = first(fs, ids[I_IP_DST]);
		if (s->val.v.b.n == 4 && d && d->val.v.b.n == 4) {
			addr_set(&pi->src, AT_IPv4, s->val.v.b.p);
			addr_set(&pi->dst, AT_IPv4, d->val.v.b.p);
			pi->has_ip = 1;
			pi->ip_len = (uint32_t)first_u(fs, ids[I_IP_LEN], NULL);
			pi->ip_id = (uint16_t)first_u(fs, ids[I_IP_ID], &pi->has_ip_id);
		}
	} else if (i6 >= 0) {
		const struct fitem *s = &fs->items[i6], *d = first(fs, ids[I_IP6_DST]);
		if (d) {
			addr_set(&pi->src, AT_IPv6, s->val.v.ip6);
			addr_set(&pi->dst, AT_IPv6, d->val.v.ip6);
			pi->has_ip = 1;
			pi->ip_len = (uint32_t)first_u(fs, ids[I_IP6_PLEN], NULL) + 40;
		}
	}
	int has;
	pi->tcp_stream = (uint32_t)first_u(fs, ids[I_TCP_STREAM], &has);
	if (has) {
		pi->has_tcp = 1;
		pi->sport = (uint16_t)first_u(fs, ids[I_TCP_SPORT], NULL);
		pi->dport = (uint16_t)first_u(fs, ids[I_TCP_DPORT], NULL);
		pi->tcp_flags = (uint16_t)first_u(fs, ids[I_TCP_FLAGS], NULL);
		pi->tcp_len = (uint32_t)first_u(fs, ids[I_TCP_LEN], NULL);
		pi->tcp_win = (uint32_t)first_u(fs, ids[I_TCP_WIN], NULL);
		pi->tcp_seq = (uint32_t)first_u(fs, ids[I_TCP_SEQ], NULL);
		pi->tcp_ack = (uint32_t)first_u(fs, ids[I_TCP_ACK], &pi->has_ack);
		/* TCP adds the flags only under tcp.analysis.flags: most frames have none */
		if (hf_aflags < 0 || fs_first(fs, hf_aflags) >= 0)
			for (int f = 0; f < PF_COUNT; f++)
				if (fs_first(fs, fids[f]) >= 0)
					pi->aflags |= 1u << f;
		const struct fitem *r = first(fs, ids[I_IRTT]);
		pi->initial_rtt_ns = r ? r->val.v.t.sec * 1000000000LL + r->val.v.t.nsec : -1;
		for (int k = fs_first(fs, ids[I_TCP_FLAGS]); k >= 0; k = fs->items[k].next_same)
			if (fs->items[k].val.v.u & TCPF_RST)
				pi->any_rst = 1;
	}
	pi->udp_stream = (uint32_t)first_u(fs, ids[I_UDP_STREAM], &has);
	if (has) {
		pi->has_udp = 1;
		if (!pi->has_tcp) {
			pi->sport = (uint16_t)first_u(fs, ids[I_UDP_SPORT], NULL);
			pi->dport = (uint16_t)first_u(fs, ids[I_UDP_DPORT], NULL);
		}
	}
	pi->esp_spi = (uint32_t)first_u(fs, ids[I_ESP_SPI], &has);
	if (has) {
		pi->has_esp = 1;
		pi->esp_seq = (uint32_t)first_u(fs, ids[I_ESP_SEQ], NULL);
	}
}

/* addr_set's bytes into a zeroed address, with a constant-size copy */
static inline void put_addr(struct address *a, enum addr_type t, const uint8_t *p, uint8_t n)
{
	a->type = (uint8_t)t;
	a->len = n;
	memcpy(a->a, p, n);
}

static uint64_t rec_u(const struct pk_pirec *r, int k, int *has)
{
	int h = (r->has >> k) & 1;
	if (has)
		*has = h;
	return h ? r->v[k - PIR_TCP_STREAM] : 0;
}

/*
** The record route: what the dissectors kept in pk->pir, the same first
** values the field route finds, without a field stored or looked up.  Only
** ip.len, ipv6.plen and ip.id (facts, trade, tsg) still come from fields.
*/
static void from_record(const struct packet *pk, struct pinfo *pi)
{
	const struct fieldset *fs = pk->fs;
	const struct pk_pirec *r = &pk->pir;
	if (want_protos)
		memcpy(pi->protos, pp_bytes[pinfo_rec_protos(pk)], sizeof pi->protos);
	const uint8_t *src, *dst;
	int at = pinfo_rec_ip(r, &src, &dst);
	if (at == AT_IPv4) {
		put_addr(&pi->src, AT_IPv4, src, 4);
		put_addr(&pi->dst, AT_IPv4, dst, 4);
		pi->has_ip = 1;
		pi->ip_len = (uint32_t)first_u(fs, ids[I_IP_LEN], NULL);
		pi->ip_id = (uint16_t)first_u(fs, ids[I_IP_ID], &pi->has_ip_id);
	} else if (at == AT_IPv6) {
		put_addr(&pi->src, AT_IPv6, src, 16);
		put_addr(&pi->dst, AT_IPv6, dst, 16);
		pi->has_ip = 1;
		pi->ip_len = (uint32_t)first_u(fs, ids[I_IP6_PLEN], NULL) + 40;
	}
	int has;
	pi->tcp_stream = (uint32_t)rec_u(r, PIR_TCP_STREAM, &has);
	if (has) {
		pi->has_tcp = 1;
		pi->sport = (uint16_t)rec_u(r, PIR_TCP_SPORT, NULL);
		pi->dport = (uint16_t)rec_u(r, PIR_TCP_DPORT, NULL);
		pi->tcp_flags = (uint16_t)rec_u(r, PIR_TCP_FLAGS, NULL);
		/* the lean jobs never read these: 0, as their unwanted fields give */
		if (ids[I_TCP_LEN] >= 0) {
			pi->tcp_len = (uint32_t)rec_u(r, PIR_TCP_LEN, NULL);
			pi->tcp_win = (uint32_t)rec_u(r, PIR_TCP_WIN, NULL);
			pi->tcp_seq = (uint32_t)rec_u(r, PIR_TCP_SEQ, NULL);
			pi->tcp_ack = (uint32_t)rec_u(r, PIR_TCP_ACK, &pi->has_ack);
		}
		if (r->ta)
			pi->aflags = pinfo_ta_flags(r->ta);
		uint64_t irtt = rec_u(r, PIR_IRTT, &has);
		pi->initial_rtt_ns = has ? (int64_t)irtt : -1;
		pi->any_rst = r->any_rst;
	}
	pi->udp_stream = (uint32_t)rec_u(r, PIR_UDP_STREAM, &has);
	if (has) {
		pi->has_udp = 1;
		if (!pi->has_tcp) {
			pi->sport = (uint16_t)rec_u(r, PIR_UDP_SPORT, NULL);
			pi->dport = (uint16_t)rec_u(r, PIR_UDP_DPORT, NULL);
		}
	}
	pi->esp_spi = (uint32_t)rec_u(r, PIR_ESP_SPI, &has);
	if (has) {
		pi->has_esp = 1;
		pi->esp_seq = (uint32_t)rec_u(r, PIR_ESP_SEQ, NULL);
	}
}

uint32_t pinfo_ta_flags(uint32_t ta)
{
	return (uint32_t)ta_lo[ta & 0xff] | ta_hi[ta >> 8 & 0x7f];
}

int pinfo_checking(void)
{
	return check;
}

static __attribute__((noinline)) void check_routes(const struct packet *pk, const struct pinfo *pi)
{
	struct pinfo f;
	get_common(pk, &f);
	from_fields(pk, &f);
	if (want_csums)
		check_sums(pk, pk->fs, &f);
	if (memcmp(&f, pi, sizeof f)) {
		fprintf(stderr,
			"wiresift: pinfo check: frame %u: the record and the fields differ\n",
			pk->num);
		abort();
	}
}

void pinfo_get(const struct packet *pk, struct pinfo *pi)
{
	get_common(pk, pi);
	from_record(pk, pi);
	if (want_csums)
		check_sums(pk, pk->fs, pi);
	if (check)
		check_routes(pk, pi);
}
