/*
** eigrp.c -- Cisco EIGRP (RFC 7868) on IP protocol 88: the 20-byte header with
** its checksum check, and the TLVs a classic IPv4 deployment sends
** (parameters, software version, sequence, next multicast sequence, stub,
** IPv4 internal/external routes).  Other TLVs keep their type and length.
*/
#include <stdio.h>
#include <string.h>

#include "../core/expert.h"
#include "dissect.h"
#include "icmp.h"
#include "tlv.h"

enum {
	F_VERSION,
	F_OPCODE,
	F_CHECKSUM,
	F_CHECKSUM_STATUS,
	F_FLAGS,
	F_FLAGS_INIT,
	F_FLAGS_CR,
	F_FLAGS_RS,
	F_FLAGS_EOT,
	F_SEQ,
	F_ACK,
	F_VRID,
	F_AS,
	F_TLV_TYPE,
	F_TLV_LEN,
	F_K1,
	F_K2,
	F_K3,
	F_K4,
	F_K5,
	F_K6,
	F_HOLD,
	F_RELEASE,
	F_TLV_VERSION,
	F_NEXT_MCAST,
	F_STUB,
	F_NEXTHOP,
	F_DELAY,
	F_BW,
	F_MTU,
	F_HOPS,
	F_REL,
	F_LOAD,
	F_INTAG,
	F_MF_SRCWD,
	F_MF_CD,
	F_MF_ACTIVE,
	F_MF_REPL,
	F_ORIGRID,
	F_EXT_AS,
	F_EXT_TAG,
	F_EXT_METRIC,
	F_EXT_RESERVED,
	F_EXT_PROTO,
	F_EXT_FLAG_EXT,
	F_EXT_FLAG_CD,
	F_PREFIXLEN,
	F_DEST,
	F_COUNT
};
static int hf, proto_eigrp;
#define HF(x) (hf + (x))

static const struct value_string opcode_vals[] = {
    {1, "Update"},  {2, "Request"},    {3, "Query"},      {4, "Reply"}, {5, "Hello"},
    {6, "IPX/SAP"}, {10, "SIA-Query"}, {11, "SIA-Reply"}, {0, NULL},
};

static const struct value_string tlv_vals[] = {
    {0x0001, "Parameters"},
    {0x0002, "Authentication"},
    {0x0003, "Sequence"},
    {0x0004, "Software Version"},
    {0x0005, "Next multicast sequence"},
    {0x0006, "Peer Stub Information"},
    {0x0007, "Peer Termination"},
    {0x0008, "Peer TID List"},
    {0x0102, "Internal Route(IPv4)"},
    {0x0103, "External Route(IPv4)"},
    {0x0104, "Ext-Community(IPv4)"},
    {0x0402, "Internal Route(IPv6)"},
    {0x0403, "External Route(IPv6)"},
    {0, NULL},
};

static const struct value_string vrid_vals[] = {
    {0, "Address-Family"},
    {0x8000, "Service-Family"},
    {0, NULL},
};

static const struct value_string ext_proto_vals[] = {
    {1, "IGRP"},
    {2, "EIGRP"},
    {3, "Static Route"},
    {4, "RIP"},
    {5, "Hello"},
    {6, "OSPF"},
    {7, "IS-IS"},
    {8, "EGP"},
    {9, "BGP"},
    {10, "IDRP"},
    {11, "Connected Route"},
    {0, NULL},
};

static const struct value_string cksum_status_vals[] = {
    {0, "Bad"}, {1, "Good"}, {2, "Unverified"}, {3, "Not present"}, {4, "Illegal"}, {0, NULL},
};

static const struct true_false_string set_notset = {"Set", "Not set"};

static const struct field_def fields[F_COUNT] = {
    [F_VERSION] = {"eigrp.version", "Version", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_OPCODE] = {"eigrp.opcode", "Opcode", FT_UINT8, BASE_DEC, opcode_vals, 0, NULL},
    [F_CHECKSUM] = {"eigrp.checksum", "Checksum", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_CHECKSUM_STATUS] = {"eigrp.checksum.status", "Checksum Status", FT_UINT8, BASE_NONE,
			   cksum_status_vals, 0, NULL},
    [F_FLAGS] = {"eigrp.flags", "Flags", FT_UINT32, BASE_HEX, NULL, 0, NULL},
    [F_FLAGS_INIT] = {"eigrp.flags.init", "Init", FT_BOOLEAN, 32, &set_notset, 0x1, NULL},
    [F_FLAGS_CR] = {"eigrp.flags.condrecv", "Conditional Receive", FT_BOOLEAN, 32, &set_notset, 0x2,
		    NULL},
    [F_FLAGS_RS] = {"eigrp.flags.restart", "Restart", FT_BOOLEAN, 32, &set_notset, 0x4, NULL},
    [F_FLAGS_EOT] = {"eigrp.flags.eot", "End Of Table", FT_BOOLEAN, 32, &set_notset, 0x8, NULL},
    [F_SEQ] = {"eigrp.seq", "Sequence", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_ACK] = {"eigrp.ack", "Acknowledge", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_VRID] = {"eigrp.vrid", "Virtual Router ID", FT_UINT16, BASE_DEC, vrid_vals, 0, NULL},
    [F_AS] = {"eigrp.as", "Autonomous System", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_TLV_TYPE] = {"eigrp.tlv_type", "Type", FT_UINT16, BASE_HEX, tlv_vals, 0, NULL},
    [F_TLV_LEN] = {"eigrp.tlv.len", "Length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_K1] = {"eigrp.par.k1", "K1", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_K2] = {"eigrp.par.k2", "K2", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_K3] = {"eigrp.par.k3", "K3", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_K4] = {"eigrp.par.k4", "K4", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_K5] = {"eigrp.par.k5", "K5", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_K6] = {"eigrp.par.k6", "K6", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_HOLD] = {"eigrp.par.holdtime", "Hold Time", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_RELEASE] = {"eigrp.release_version", "EIGRP Release", FT_UINT16, BASE_CUSTOM, NULL, 0, NULL},
    [F_TLV_VERSION] = {"eigrp.tlv_version", "EIGRP TLV version", FT_UINT16, BASE_CUSTOM, NULL, 0,
		       NULL},
    [F_NEXT_MCAST] = {"eigrp.next_mcast_seq", "Multicast Sequence", FT_UINT32, BASE_DEC, NULL, 0,
		      NULL},
    [F_STUB] = {"eigrp.stub_options", "Stub Options", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_NEXTHOP] = {"eigrp.ipv4.nexthop", "NextHop", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_DELAY] = {"eigrp.old_metric.delay", "Scaled Delay", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_BW] = {"eigrp.old_metric.bw", "Scaled BW", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_MTU] = {"eigrp.old_metric.mtu", "MTU", FT_UINT24, BASE_DEC, NULL, 0, NULL},
    [F_HOPS] = {"eigrp.old_metric.hopcount", "Hop Count", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_REL] = {"eigrp.old_metric.rel", "Reliability", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_LOAD] = {"eigrp.old_metric.load", "Load", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_INTAG] = {"eigrp.old_metric.intag", "Route Tag", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_MF_SRCWD] = {"eigrp.metric.flags.srcwd", "Source Withdraw", FT_BOOLEAN, 8, NULL, 0x1, NULL},
    [F_MF_CD] = {"eigrp.metric.flags.cd", "Candidate Default", FT_BOOLEAN, 8, NULL, 0x2, NULL},
    [F_MF_ACTIVE] = {"eigrp.metric.flags.active", "Route is Active", FT_BOOLEAN, 8, NULL, 0x4,
		     NULL},
    [F_MF_REPL] = {"eigrp.metric.flags.repl", "Route is Replicated", FT_BOOLEAN, 8, NULL, 0x8,
		   NULL},
    [F_ORIGRID] = {"eigrp.extdata.origrid", "Originating RouterID", FT_IPv4, BASE_NONE, NULL, 0,
		   NULL},
    [F_EXT_AS] = {"eigrp.extdata.as", "Originating A.S.", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_EXT_TAG] = {"eigrp.extdata.tag", "Administrative Tag", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_EXT_METRIC] = {"eigrp.extdata.metric", "External Metric", FT_UINT32, BASE_DEC, NULL, 0,
		      NULL},
    [F_EXT_RESERVED] = {"eigrp.extdata.reserved", "Reserved", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_EXT_PROTO] = {"eigrp.extdata.proto", "External Protocol ID", FT_UINT8, BASE_DEC,
		     ext_proto_vals, 0, NULL},
    [F_EXT_FLAG_EXT] = {"eigrp.opaque.flag.ext", "Route is External", FT_BOOLEAN, 8, NULL, 0x1,
			NULL},
    [F_EXT_FLAG_CD] = {"eigrp.opaque.flag.cd", "Route is Candidate Default", FT_BOOLEAN, 8, NULL,
		       0x2, NULL},
    [F_PREFIXLEN] = {"eigrp.ipv4.prefixlen", "Prefix Length", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_DEST] = {"eigrp.ipv4.destination", "Destination", FT_IPv4, BASE_NONE, NULL, 0, NULL},
};

/* Copy n bytes at o (n <= 4 here); the bytes stay zero when they are not there. */
static void peek_bytes(struct cursor *c, uint32_t o, uint8_t *dst, uint32_t n)
{
	const uint8_t *p = cur_peek_ptr(c, o, n);
	if (p && n)
		memcpy(dst, p, n);
}

/* A text item that heads a subtree ("Legacy Metric", "Flags"). */
static int push_text(struct packet *pk, uint32_t pos, uint32_t len, const char *label, int *prev)
{
	int it = fs_add_none(pk->fs, hf_text_item, pos, len);
	fs_tree_text(pk->fs, it, label);
	*prev = fs_push(pk->fs, it);
	return it;
}

/* Release and TLV versions print as major.minor with two minor digits. */
static void add_version(struct packet *pk, int f, uint32_t pos, uint16_t v)
{
	int it = fs_add_uint(pk->fs, HF(f), pos, 2, v);
	if (it >= 0 && pk->fs->want_all)
		fs_item(pk->fs, it)->text =
		    arena_printf(pk->arena, "%s: %u.%02u", fields[f].name, v >> 8, v & 0xff);
}

/* The legacy (classic) metric of route TLVs: 16 bytes after the next hop. */
static void legacy_metric(struct packet *pk, struct cursor *c, uint32_t start, uint32_t o)
{
	struct fieldset *fs = pk->fs;
	int prev, prev2;
	push_text(pk, start + o, 16, "Legacy Metric", &prev);
	fs_add_uint(fs, HF(F_DELAY), start + o, 4, cur_peek_be32(c, o));
	fs_add_uint(fs, HF(F_BW), start + o + 4, 4, cur_peek_be32(c, o + 4));
	fs_add_uint(fs, HF(F_MTU), start + o + 8, 3, cur_peek_be24(c, o + 8));
	fs_add_uint(fs, HF(F_HOPS), start + o + 11, 1, cur_peek_u8(c, o + 11));
	fs_add_uint(fs, HF(F_REL), start + o + 12, 1, cur_peek_u8(c, o + 12));
	fs_add_uint(fs, HF(F_LOAD), start + o + 13, 1, cur_peek_u8(c, o + 13));
	fs_add_uint(fs, HF(F_INTAG), start + o + 14, 1, cur_peek_u8(c, o + 14));
	uint8_t fl = cur_peek_u8(c, o + 15);
	push_text(pk, start + o + 15, 1, "Flags", &prev2);
	fs_add_uint(fs, HF(F_MF_SRCWD), start + o + 15, 1, fl & 1);
	fs_add_uint(fs, HF(F_MF_CD), start + o + 15, 1, (fl >> 1) & 1);
	fs_add_uint(fs, HF(F_MF_ACTIVE), start + o + 15, 1, (fl >> 2) & 1);
	fs_add_uint(fs, HF(F_MF_REPL), start + o + 15, 1, (fl >> 3) & 1);
	fs_pop(fs, prev2);
	fs_pop(fs, prev);
}

/* IPv4 route TLVs (internal 0x0102, external 0x0103): o and end bound the value. */
static void route4(struct packet *pk, struct cursor *c, uint32_t start, uint32_t o, uint32_t end,
		   int external, int tlv_it)
{
	struct fieldset *fs = pk->fs;
	/* a route TLV too short for its fixed part or its first prefix is malformed */
	if (o + 4 > end) {
		c->err = CUR_MALFORMED;
		return;
	}
	fs_add_bytes(fs, HF(F_NEXTHOP), start + o, 4, cur_peek_ptr(c, o, 4), 4);
	o += 4;
	if (external && o + 20 <= end) {
		int prev;
		push_text(pk, start + o, 20, "External Data", &prev);
		fs_add_bytes(fs, HF(F_ORIGRID), start + o, 4, cur_peek_ptr(c, o, 4), 4);
		fs_add_uint(fs, HF(F_EXT_AS), start + o + 4, 4, cur_peek_be32(c, o + 4));
		fs_add_uint(fs, HF(F_EXT_TAG), start + o + 8, 4, cur_peek_be32(c, o + 8));
		fs_add_uint(fs, HF(F_EXT_METRIC), start + o + 12, 4, cur_peek_be32(c, o + 12));
		fs_add_uint(fs, HF(F_EXT_RESERVED), start + o + 16, 2, cur_peek_be16(c, o + 16));
		fs_add_uint(fs, HF(F_EXT_PROTO), start + o + 18, 1, cur_peek_u8(c, o + 18));
		uint8_t fl = cur_peek_u8(c, o + 19);
		fs_add_uint(fs, HF(F_EXT_FLAG_EXT), start + o + 19, 1, fl & 1);
		fs_add_uint(fs, HF(F_EXT_FLAG_CD), start + o + 19, 1, (fl >> 1) & 1);
		fs_pop(fs, prev);
		o += 20;
	}
	if (o + 16 > end) {
		c->err = CUR_MALFORMED;
		return;
	}
	legacy_metric(pk, c, start, o);
	o += 16;
	/* destinations: prefix length, then only the bytes the length needs */
	const char *label = NULL;
	if (o >= end)
		c->err = CUR_MALFORMED;
	while (o < end) {
		uint8_t plen = cur_peek_u8(c, o);
		uint32_t n = (plen + 7u) / 8u;
		if (plen > 32)
			break;
		if (o + 1 + n > end) {
			c->err = CUR_MALFORMED;
			break;
		}
		uint8_t *d = arena_alloc(pk->arena, 4); /* items keep a pointer: not the stack */
		memset(d, 0, 4);
		peek_bytes(c, o + 1, d, n);
		fs_add_uint(fs, HF(F_PREFIXLEN), start + o, 1, plen);
		fs_add_bytes(fs, HF(F_DEST), start + o + 1, n, d, 4);
		if (!label && fs->want_all)
			label =
			    arena_printf(pk->arena, "%s  =   %u.%u.%u.%u/%u",
					 external ? "External Route(IPv4)" : "Internal Route(IPv4)",
					 d[0], d[1], d[2], d[3], plen);
		o += 1 + n;
	}
	if (label)
		fs_tree_text(pk->fs, tlv_it, label);
}

static void tlv_value(struct packet *pk, struct cursor *c, uint32_t start, uint16_t type,
		      uint32_t o, uint32_t end, int tlv_it)
{
	struct fieldset *fs = pk->fs;
	switch (type) {
	case 0x0001:
		if (o + 8 > end)
			return;
		for (int k = 0; k < 6; k++)
			fs_add_uint(fs, HF(F_K1 + k), start + o + (uint32_t)k, 1,
				    cur_peek_u8(c, o + (uint32_t)k));
		fs_add_uint(fs, HF(F_HOLD), start + o + 6, 2, cur_peek_be16(c, o + 6));
		break;
	case 0x0004: {
		if (o + 4 > end)
			return;
		uint16_t rel = cur_peek_be16(c, o), tv = cur_peek_be16(c, o + 2);
		add_version(pk, F_RELEASE, start + o, rel);
		add_version(pk, F_TLV_VERSION, start + o + 2, tv);
		if (fs->want_all)
			fs_tree_text(pk->fs, tlv_it,
				     arena_printf(pk->arena,
						  "Software Version: EIGRP=%u.%u, TLV=%u.%u",
						  rel >> 8, rel & 0xff, tv >> 8, tv & 0xff));
		break;
	}
	case 0x0005:
		if (o + 4 <= end)
			fs_add_uint(fs, HF(F_NEXT_MCAST), start + o, 4, cur_peek_be32(c, o));
		break;
	case 0x0006:
		if (o + 2 <= end)
			fs_add_uint(fs, HF(F_STUB), start + o, 2, cur_peek_be16(c, o));
		break;
	case 0x0102:
	case 0x0103:
		route4(pk, c, start, o, end, type == 0x0103, tlv_it);
		break;
	}
}

static void add_checksum(struct packet *pk, struct cursor *c, uint32_t start, uint32_t total)
{
	struct fieldset *fs = pk->fs;
	uint16_t ck = cur_peek_be16(c, 2);
	int it = fs_add_uint(fs, HF(F_CHECKSUM), start + 2, 2, ck);
	const uint8_t *all = cur_peek_ptr(c, 0, total);
	if (!all) {
		c->err = CUR_OK;
		int st = fs_add_uint(fs, HF(F_CHECKSUM_STATUS), start + 2, 0, 2);
		if (st >= 0)
			fs_item(fs, st)->flags |= FI_GENERATED;
		return;
	}
	uint32_t sum = icmp_sum(all, total, 0);
	int good = sum == 0xffff;
	/* the value that would make the sum come out right */
	uint32_t want = (uint32_t)ck + (~sum & 0xffff);
	want = (want & 0xffff) + (want >> 16);
	want = (want & 0xffff) + (want >> 16);
	if (!good && !pk->in_error) {
		int prev = fs_push(fs, it);
		expert_add(fs, pk->arena, PI_WARN, PI_CHECKSUM, "EIGRP",
			   "Bad Checksum [should be 0x%04x]", want);
		fs_pop(fs, prev);
	}
	int st = fs_add_uint(fs, HF(F_CHECKSUM_STATUS), start + 2, 0, good ? 1 : 0);
	if (st >= 0)
		fs_item(fs, st)->flags |= FI_GENERATED;
	if (it >= 0 && fs->want_all)
		fs_item(fs, it)->text =
		    good ? arena_printf(pk->arena, "Checksum: 0x%04x [correct]", ck)
			 : arena_printf(pk->arena, "Checksum: 0x%04x incorrect, should be 0x%04x",
					ck, want);
}

static void add_flags(struct packet *pk, uint32_t pos, uint32_t fl)
{
	struct fieldset *fs = pk->fs;
	int it = fs_add_uint(fs, HF(F_FLAGS), pos, 4, fl);
	if (it >= 0 && fs->want_all) {
		static const char *const names[4] = {"Init", "Conditional Receive", "Restart",
						     "End Of Table"};
		char buf[96];
		int n = snprintf(buf, sizeof buf, "Flags: 0x%08x", fl);
		const char *sep = ", ";
		for (int b = 0; b < 4; b++)
			if (fl & (1u << b)) {
				n += snprintf(buf + n, sizeof buf - (size_t)n, "%s%s", sep,
					      names[b]);
				sep = ", ";
			}
		fs_item(fs, it)->text = arena_printf(pk->arena, "%s", buf);
	}
	int prev = fs_push(fs, it);
	for (int b = 0; b < 4; b++)
		fs_add_uint(fs, HF(F_FLAGS_INIT + b), pos, 4, (fl >> b) & 1);
	fs_pop(fs, prev);
}

static int dissect_eigrp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_eigrp);
	col_set_proto(pk, "EIGRP");
	col_clear_info(pk);
	int top = fs_add_none(fs, proto_eigrp, start, total);
	fs_tree_text(pk->fs, top, "Cisco EIGRP");
	/* tshark names the opcode once it has read the ack number, then the rest */
	if (!cur_check_at(c, 0, 16))
		return dissect_report_error(pk, c, proto_eigrp);
	uint8_t op = cur_peek_u8(c, 1);
	uint32_t ack = cur_peek_be32(c, 12);
	const char *opname = vals_lookup(opcode_vals, op);
	if (pk->want_cols) {
		if (op == 5 && ack != 0)
			col_append_info(pk, "Hello (Ack)");
		else if (opname)
			col_append_info(pk, "%s", opname);
		else
			col_append_info(pk, "Unknown OpCode (0x%04x)", op);
	}
	if (!cur_check_at(c, 0, 20))
		return dissect_report_error(pk, c, proto_eigrp);
	int prev = fs_push(fs, top);
	fs_add_uint(fs, HF(F_VERSION), start, 1, cur_peek_u8(c, 0));
	fs_add_uint(fs, HF(F_OPCODE), start + 1, 1, op);
	add_checksum(pk, c, start, total);
	add_flags(pk, start + 4, cur_peek_be32(c, 4));
	fs_add_uint(fs, HF(F_SEQ), start + 8, 4, cur_peek_be32(c, 8));
	fs_add_uint(fs, HF(F_ACK), start + 12, 4, ack);
	uint16_t vrid = cur_peek_be16(c, 16);
	int vi = fs_add_uint(fs, HF(F_VRID), start + 16, 2, vrid);
	if (vi >= 0 && fs->want_all) {
		const char *vn = vals_lookup(vrid_vals, vrid);
		fs_item(fs, vi)->text = arena_printf(pk->arena, "Virtual Router ID: %u (%s)", vrid,
						     vn ? vn : "Unknown");
	}
	fs_add_uint(fs, HF(F_AS), start + 18, 2, cur_peek_be16(c, 18));
	const struct tlv16_list tlvs = {tlv_vals, "Unknown TLV", HF(F_TLV_TYPE), HF(F_TLV_LEN),
					tlv_value};
	tlv16_walk(pk, c, start, 20, total, &tlvs);
	fs_pop(fs, prev);
	if (c->err || !cur_check_at(c, 0, total))
		return dissect_report_error(pk, c, proto_eigrp);
	return (int)total;
}

static const struct dissector eigrp_dissector = {"eigrp", dissect_eigrp, 0};

void register_eigrp(void)
{
	proto_eigrp =
	    proto_register("Enhanced Interior Gateway Routing Protocol", "EIGRP", "eigrp");
	hf = field_register(fields, F_COUNT);
}

void handoff_eigrp(void)
{
	dtable_add(DT_IP_PROTO, 88, &eigrp_dissector);
}
