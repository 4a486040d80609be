/*
** arp.c -- ARP, RARP and Inverse ARP (RFC 826, 903, 2390) over any hardware
** type, with tshark's Info phrasing (probes, announcements, gratuitous ARP)
** and its duplicate-IP detection: the first MAC seen for an IPv4 address
** stays the reference, later disagreeing senders are flagged.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "eth.h"

enum {
	F_HW_TYPE,
	F_PROTO_TYPE,
	F_HW_SIZE,
	F_PROTO_SIZE,
	F_OPCODE,
	F_ISGRATUITOUS,
	F_ISPROBE,
	F_ISANNOUNCEMENT,
	F_SRC_HW,
	F_SRC_HW_MAC,
	F_SRC_PROTO,
	F_SRC_PROTO_IPV4,
	F_DST_HW,
	F_DST_HW_MAC,
	F_DST_PROTO,
	F_DST_PROTO_IPV4,
	F_DUP_FRAME,
	F_DUP_SECONDS,
	F_DUP_DETECTED,
	F_COUNT
};
static int hf, proto_arp;
#define HF(x) (hf + (x))

static const struct value_string hrd_vals[] = {
    {1, "Ethernet"},     {6, "IEEE 802"},     {7, "ARCNET"},
    {15, "Frame Relay"}, {16, "ATM"},         {18, "Fibre Channel"},
    {19, "Serial Line"}, {20, "Serial Line"}, {24, "IEEE 1394.1995"},
    {32, "InfiniBand"},  {0, NULL},
};

static const struct value_string op_vals[] = {
    {1, "request"},
    {2, "reply"},
    {3, "reverse request"},
    {4, "reverse reply"},
    {5, "drarp-request"},
    {6, "drarp-reply"},
    {7, "drarp-error"},
    {8, "inverse request"},
    {9, "inverse reply"},
    {10, "arp-nak"},
    {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_HW_TYPE] = {"arp.hw.type", "Hardware type", FT_UINT16, BASE_DEC, hrd_vals, 0, NULL},
    [F_PROTO_TYPE] = {"arp.proto.type", "Protocol type", FT_UINT16, BASE_HEX, etype_vals, 0, NULL},
    [F_HW_SIZE] = {"arp.hw.size", "Hardware size", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_PROTO_SIZE] = {"arp.proto.size", "Protocol size", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_OPCODE] = {"arp.opcode", "Opcode", FT_UINT16, BASE_DEC, op_vals, 0, NULL},
    [F_ISGRATUITOUS] = {"arp.isgratuitous", "Is gratuitous", FT_BOOLEAN, 0, NULL, 0, NULL},
    [F_ISPROBE] = {"arp.isprobe", "Is probe", FT_BOOLEAN, 0, NULL, 0, NULL},
    [F_ISANNOUNCEMENT] = {"arp.isannouncement", "Is announcement", FT_BOOLEAN, 0, NULL, 0, NULL},
    [F_SRC_HW] = {"arp.src.hw", "Sender hardware address", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_SRC_HW_MAC] = {"arp.src.hw_mac", "Sender MAC address", FT_ETHER, BASE_NONE, NULL, 0, NULL},
    [F_SRC_PROTO] = {"arp.src.proto", "Sender protocol address", FT_BYTES, BASE_NONE, NULL, 0,
		     NULL},
    [F_SRC_PROTO_IPV4] = {"arp.src.proto_ipv4", "Sender IP address", FT_IPv4, BASE_NONE, NULL, 0,
			  NULL},
    [F_DST_HW] = {"arp.dst.hw", "Target hardware address", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_DST_HW_MAC] = {"arp.dst.hw_mac", "Target MAC address", FT_ETHER, BASE_NONE, NULL, 0, NULL},
    [F_DST_PROTO] = {"arp.dst.proto", "Target protocol address", FT_BYTES, BASE_NONE, NULL, 0,
		     NULL},
    [F_DST_PROTO_IPV4] = {"arp.dst.proto_ipv4", "Target IP address", FT_IPv4, BASE_NONE, NULL, 0,
			  NULL},
    [F_DUP_FRAME] = {"arp.duplicate-address-frame", "Frame showing earlier use of IP address",
		     FT_FRAMENUM, BASE_NONE, NULL, 0, NULL},
    [F_DUP_SECONDS] = {"arp.seconds-since-duplicate-address-frame",
		       "Seconds since earlier frame seen", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_DUP_DETECTED] = {"arp.duplicate-address-detected", "Duplicate IP address configured",
			FT_NONE, BASE_NONE, NULL, 0, NULL},
};

/* IPv4 -> first MAC seen, open addressing; capped so a flood cannot grow it forever. */
#define ARP_MAP_CAP 65536
struct arp_ent {
	uint32_t ip;
	uint32_t frame;
	int64_t sec;
	int32_t nsec;
	uint8_t mac[6];
	uint8_t used;
};
struct arp_map {
	struct arp_ent e[ARP_MAP_CAP];
	uint32_t n;
};

static void *arp_map_new(void)
{
	return xcalloc(1, sizeof(struct arp_map));
}

static struct arp_ent *arp_map_find(struct arp_map *m, uint32_t ip, int add)
{
	uint32_t h = (ip * 2654435761u) & (ARP_MAP_CAP - 1);
	for (uint32_t i = 0; i < ARP_MAP_CAP; i++) {
		struct arp_ent *e = &m->e[(h + i) & (ARP_MAP_CAP - 1)];
		if (!e->used) {
			if (!add || m->n >= ARP_MAP_CAP / 2)
				return NULL;
			e->used = 1;
			e->ip = ip;
			m->n++;
			return e;
		}
		if (e->ip == ip)
			return e;
	}
	return NULL;
}

static int is_zero(const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static int is_bcast(const uint8_t *p)
{
	for (int i = 0; i < 6; i++)
		if (p[i] != 0xff)
			return 0;
	return 1;
}

/*
** Is this (ip, mac) pair in conflict with what was seen first?  Returns the
** earlier entry when it is; records the pair when the address is new.
*/
static const struct arp_ent *check_dup(struct packet *pk, struct arp_map *m, const uint8_t *ipb,
				       const uint8_t *mac)
{
	uint32_t ip =
	    (uint32_t)ipb[0] << 24 | (uint32_t)ipb[1] << 16 | (uint32_t)ipb[2] << 8 | ipb[3];
	if (ip == 0 || is_zero(mac, 6) || is_bcast(mac))
		return NULL;
	struct arp_ent *e = arp_map_find(m, ip, 0);
	if (!e) {
		e = arp_map_find(m, ip, 1);
		if (e) {
			memcpy(e->mac, mac, 6);
			e->frame = pk->num;
			e->sec = pk->sec;
			e->nsec = pk->nsec;
		}
		return NULL;
	}
	if (memcmp(e->mac, mac, 6) != 0 && e->frame != pk->num)
		return e;
	/* the same pair again: later conflicts point at this, the latest sighting */
	e->frame = pk->num;
	e->sec = pk->sec;
	e->nsec = pk->nsec;
	return NULL;
}

static const char *hw_str(struct packet *pk, const uint8_t *p, uint32_t n, int is_mac)
{
	if (is_mac) {
		char b[20];
		eth_mac_str(p, b, sizeof b);
		return arena_strndup(pk->arena, b, strlen(b));
	}
	char *s = arena_alloc(pk->arena, (size_t)n * 3 + 1);
	static const char hx[] = "0123456789abcdef";
	size_t k = 0;
	for (uint32_t i = 0; i < n; i++) {
		s[k++] = hx[p[i] >> 4];
		s[k++] = hx[p[i] & 15];
	}
	s[k] = 0;
	return s;
}

static const char *proto_str(struct packet *pk, const uint8_t *p, uint32_t n, uint16_t pro)
{
	if (n == 4 && (pro == 0x0800 || pro == 0x0001))
		return arena_printf(pk->arena, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
	return hw_str(pk, p, n, 0);
}

static void set_info(struct packet *pk, uint16_t op, const char *sha, const char *spa,
		     const char *tha, const char *tpa, int grat, int probe, int announce)
{
	switch (op) {
	case 1:
		if (announce)
			col_append_info(pk, "ARP Announcement for %s", spa);
		else if (grat)
			col_append_info(pk, "Gratuitous ARP for %s (Request)", tpa);
		else if (probe)
			col_append_info(pk, "Who has %s? (ARP Probe)", tpa);
		else
			col_append_info(pk, "Who has %s? Tell %s", tpa, spa);
		break;
	case 2:
		if (grat)
			col_append_info(pk, "Gratuitous ARP for %s (Reply)", spa);
		else
			col_append_info(pk, "%s is at %s", spa, sha);
		break;
	case 3:
	case 8:
		col_append_info(pk, "Who is %s? Tell %s", tha, sha);
		break;
	case 4:
		col_append_info(pk, "%s is at %s", tha, tpa);
		break;
	case 9:
		col_append_info(pk, "%s is at %s", sha, spa);
		break;
	default:
		col_append_info(pk, "Unknown ARP opcode 0x%04x", op);
	}
}

static int dissect_arp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	uint16_t hrd = cur_peek_be16(c, 0), pro = cur_peek_be16(c, 2);
	uint8_t hln = cur_peek_u8(c, 4), pln = cur_peek_u8(c, 5);
	uint16_t op = cur_peek_be16(c, 6);
	pk_add_layer(pk, proto_arp);
	const char *pname = (op >= 3 && op <= 4)   ? "RARP"
			    : (op >= 8 && op <= 9) ? "Inverse ARP"
						   : "ARP";
	col_set_proto(pk, c->err ? "ARP" : pname);
	col_clear_info(pk);
	uint32_t tot = 8u + 2u * hln + 2u * pln;
	const uint8_t *p = c->err ? NULL : cur_peek_ptr(c, 0, tot);
	if (!p) {
		fs_add_none(fs, proto_arp, start, cur_avail(c));
		return dissect_report_error(pk, c, proto_arp);
	}
	const uint8_t *sha = p + 8, *spa = sha + hln, *tha = spa + pln, *tpa = tha + hln;
	int hw_is_mac = hln == 6 && (hrd == 1 || hrd == 6);
	int pr_is_ip = pln == 4 && (pro == 0x0800 || pro == 0x0001);
	int ether_ip = hw_is_mac && pr_is_ip;
	int grat = 0, probe = 0, announce = 0;
	if (ether_ip && (op == 1 || op == 2)) {
		grat = memcmp(spa, tpa, 4) == 0;
		probe = op == 1 && is_zero(spa, 4) && is_zero(tha, 6);
		announce = op == 1 && grat && is_zero(tha, 6);
	}
	int it = fs_add_none(fs, proto_arp, start, tot);
	if (it >= 0 && fs_wants(fs, proto_arp)) {
		const char *what = vals_lookup(op_vals, op);
		if (announce)
			what = "ARP Announcement";
		else if (probe)
			what = "ARP Probe";
		else if (grat)
			what = op == 1 ? "request/gratuitous ARP" : "reply/gratuitous ARP";
		fs_item(fs, it)->text =
		    what ? arena_printf(pk->arena, "Address Resolution Protocol (%s)", what)
			 : arena_printf(pk->arena, "Address Resolution Protocol (opcode 0x%04x)",
					op);
	}
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_HW_TYPE), start, 2, hrd);
	fs_add_uint(fs, HF(F_PROTO_TYPE), start + 2, 2, pro);
	fs_add_uint(fs, HF(F_HW_SIZE), start + 4, 1, hln);
	fs_add_uint(fs, HF(F_PROTO_SIZE), start + 5, 1, pln);
	fs_add_uint(fs, HF(F_OPCODE), start + 6, 2, op);
	if (grat) {
		int g = fs_add_uint(fs, HF(F_ISGRATUITOUS), start, 0, 1);
		if (g >= 0)
			fs_item(fs, g)->flags |= FI_GENERATED;
	}
	if (probe) {
		int g = fs_add_uint(fs, HF(F_ISPROBE), start, 0, 1);
		if (g >= 0)
			fs_item(fs, g)->flags |= FI_GENERATED;
	}
	if (announce) {
		int g = fs_add_uint(fs, HF(F_ISANNOUNCEMENT), start, 0, 1);
		if (g >= 0)
			fs_item(fs, g)->flags |= FI_GENERATED;
	}
	uint32_t o = start + 8;
	if (hln)
		fs_add_bytes(fs, HF(hw_is_mac ? F_SRC_HW_MAC : F_SRC_HW), o, hln, sha, hln);
	o += hln;
	if (pln)
		fs_add_bytes(fs, HF(pr_is_ip ? F_SRC_PROTO_IPV4 : F_SRC_PROTO), o, pln, spa, pln);
	o += pln;
	if (hln)
		fs_add_bytes(fs, HF(hw_is_mac ? F_DST_HW_MAC : F_DST_HW), o, hln, tha, hln);
	o += hln;
	if (pln)
		fs_add_bytes(fs, HF(pr_is_ip ? F_DST_PROTO_IPV4 : F_DST_PROTO), o, pln, tpa, pln);
	fs_pop(fs, prev);

	if (pk->want_cols)
		set_info(pk, op, hw_str(pk, sha, hln, hw_is_mac), proto_str(pk, spa, pln, pro),
			 hw_str(pk, tha, hln, hw_is_mac), proto_str(pk, tpa, pln, pro), grat, probe,
			 announce);

	if (ether_ip && (op == 1 || op == 2)) {
		struct arp_map *m = dissect_state(pk, proto_arp, arp_map_new, free);
		/* tshark 4.0 reports a reply's sender conflict in the tree only;
		** the Info text comes from a request's sender or a reply's target */
		const struct arp_ent *d[2] = {check_dup(pk, m, spa, sha), NULL};
		if (op == 2)
			d[1] = check_dup(pk, m, tpa, tha);
		const uint8_t *say = op == 1 && d[0] ? spa : op == 2 && d[1] ? tpa : NULL;
		if (say)
			col_append_info(pk, " (duplicate use of %u.%u.%u.%u detected!)", say[0],
					say[1], say[2], say[3]);
		for (int i = 0; i < 2; i++) {
			if (!d[i])
				continue;
			/* whole seconds of the two timestamps, fractions ignored */
			int64_t secs = pk->sec - d[i]->sec;
			fs_add_uint(fs, HF(F_DUP_FRAME), start, 0, d[i]->frame);
			fs_add_none(fs, HF(F_DUP_DETECTED), start, 0);
			fs_add_uint(fs, HF(F_DUP_SECONDS), start, 0,
				    (uint64_t)(secs > 0 ? secs : 0));
		}
	}
	return (int)tot;
}

static const struct dissector arp_dissector = {"arp", dissect_arp, 0};

void register_arp(void)
{
	proto_arp = proto_register("Address Resolution Protocol", "ARP/RARP", "arp");
	hf = field_register(fields, F_COUNT);
}

void handoff_arp(void)
{
	dtable_add(DT_ETHERTYPE, 0x0806, &arp_dissector);
	dtable_add(DT_ETHERTYPE, 0x8035, &arp_dissector);
}
