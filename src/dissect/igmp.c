/*
** igmp.c -- IGMP v1 (RFC 1112), v2 (RFC 2236) and v3 (RFC 3376) on IP
** protocol 2: the version tshark infers from type and length, the checksum
** check, v3 queries' sources and v3 reports' group records, and tshark's
** "IGMPvN" Protocol column and Info text.
*/
#include <stdio.h>

#include "../core/expert.h"
#include "dissect.h"
#include "icmp.h"

enum {
	F_VERSION,
	F_TYPE,
	F_RESERVED,
	F_MAX_RESP,
	F_CHECKSUM,
	F_CHECKSUM_STATUS,
	F_MADDR,
	F_S,
	F_QRV,
	F_QQIC,
	F_NUM_SRC,
	F_SADDR,
	F_NUM_GRP_RECS,
	F_RECORD_TYPE,
	F_AUX_DATA_LEN,
	F_AUX_DATA,
	F_COUNT
};
static int hf, proto_igmp;
#define HF(x) (hf + (x))

static const struct value_string type_vals[] = {
    {0x11, "Membership Query"},
    {0x12, "Membership Report"},
    {0x13, "DVMRP"},
    {0x14, "PIM v1"},
    {0x16, "Membership Report"},
    {0x17, "Leave Group"},
    {0x1e, "Traceroute Response"},
    {0x1f, "Traceroute Query or Request"},
    {0x22, "Membership Report"},
    {0x30, "Multicast Router Advertisement"},
    {0x31, "Multicast Router Solicitation"},
    {0x32, "Multicast Router Termination"},
    {0, NULL},
};

static const struct value_string record_vals[] = {
    {1, "Mode Is Include"},
    {2, "Mode Is Exclude"},
    {3, "Change To Include Mode"},
    {4, "Change To Exclude Mode"},
    {5, "Allow New Sources"},
    {6, "Block Old Sources"},
    {0, NULL},
};

static const struct value_string cksum_status_vals[] = {
    {0, "Bad"}, {1, "Good"}, {2, "Unverified"}, {3, "Not present"}, {4, "Illegal"}, {0, NULL},
};

static const struct true_false_string suppress = {"SUPPRESS router side processing",
						  "Do not suppress router side processing"};

static const struct field_def fields[F_COUNT] = {
    [F_VERSION] = {"igmp.version", "IGMP Version", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_TYPE] = {"igmp.type", "Type", FT_UINT8, BASE_HEX, type_vals, 0, NULL},
    [F_RESERVED] = {"igmp.reserved", "Reserved", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_MAX_RESP] = {"igmp.max_resp", "Max Resp Time", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_CHECKSUM] = {"igmp.checksum", "Checksum", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_CHECKSUM_STATUS] = {"igmp.checksum.status", "Checksum Status", FT_UINT8, BASE_NONE,
			   cksum_status_vals, 0, NULL},
    [F_MADDR] = {"igmp.maddr", "Multicast Address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_S] = {"igmp.s", "S", FT_BOOLEAN, 8, &suppress, 0x8, NULL},
    [F_QRV] = {"igmp.qrv", "QRV", FT_UINT8, BASE_DEC, NULL, 0x7, NULL},
    [F_QQIC] = {"igmp.qqic", "QQIC", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_NUM_SRC] = {"igmp.num_src", "Num Src", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_SADDR] = {"igmp.saddr", "Source Address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_NUM_GRP_RECS] = {"igmp.num_grp_recs", "Num Group Records", FT_UINT16, BASE_DEC, NULL, 0,
			NULL},
    [F_RECORD_TYPE] = {"igmp.record_type", "Record Type", FT_UINT8, BASE_DEC, record_vals, 0, NULL},
    [F_AUX_DATA_LEN] = {"igmp.aux_data_len", "Aux Data Len", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_AUX_DATA] = {"igmp.aux_data", "Aux Data", FT_BYTES, BASE_NONE, NULL, 0,
		    "IGMP V3 Auxiliary Data"},
};

static const char *ip4_str(struct packet *pk, const uint8_t *a)
{
	return arena_printf(pk->arena, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

static void generated(struct fieldset *fs, int it)
{
	if (it >= 0)
		fs_item(fs, it)->flags |= FI_GENERATED;
}

/* Version as tshark infers it; 0 for types it does not treat as IGMP proper. */
static int igmp_version(uint8_t type, uint8_t mrt, uint32_t len)
{
	switch (type) {
	case 0x11:
		return len >= 12 ? 3 : mrt ? 2 : 1;
	case 0x12:
		return 1;
	case 0x16:
	case 0x17:
		return 2;
	case 0x22:
		return 3;
	}
	return 0;
}

static void add_checksum(struct packet *pk, struct cursor *c, uint32_t start, uint32_t total)
{
	struct fieldset *fs = pk->fs;
	uint16_t ck = cur_peek_be16(c, 2);
	int it = fs_add_uint(fs, HF(F_CHECKSUM), start + 2, 2, ck);
	const uint8_t *all = cur_peek_ptr(c, 0, total);
	c->err = CUR_OK;
	if (!all) {
		generated(fs, fs_add_uint(fs, HF(F_CHECKSUM_STATUS), start + 2, 0, 2));
		return;
	}
	uint32_t sum = icmp_sum(all, total, 0);
	int good = sum == 0xffff;
	uint32_t want = (uint32_t)ck + (~sum & 0xffff);
	want = (want & 0xffff) + (want >> 16);
	want = (want & 0xffff) + (want >> 16);
	if (!good && !pk->in_error) {
		int prev = fs_push(fs, it);
		expert_add(fs, pk->arena, PI_WARN, PI_CHECKSUM, "IGMP",
			   "Bad checksum [should be 0x%04x]", want);
		fs_pop(fs, prev);
	}
	generated(fs, fs_add_uint(fs, HF(F_CHECKSUM_STATUS), start + 2, 0, good ? 1 : 0));
	if (it >= 0 && fs->want_all)
		fs_item(fs, it)->text =
		    good ? arena_printf(pk->arena, "Checksum: 0x%04x [correct]", ck)
			 : arena_printf(pk->arena, "Checksum: 0x%04x incorrect, should be 0x%04x",
					ck, want);
}

/* v2/v3 max response time in tenths of a second; v3 codes >= 128 are floating point. */
static void add_max_resp(struct packet *pk, uint32_t pos, uint8_t mrt, int v3)
{
	uint32_t tenths = mrt;
	if (v3 && mrt >= 128)
		tenths = ((mrt & 0x0fu) | 0x10u) << (((mrt >> 4) & 7u) + 3);
	int it = fs_add_uint(pk->fs, HF(F_MAX_RESP), pos, 1, mrt);
	if (it >= 0 && pk->fs->want_all)
		fs_item(pk->fs, it)->text = arena_printf(
		    pk->arena, "Max Resp Time: %u.%u sec (0x%02x)", tenths / 10, tenths % 10, mrt);
}

/* Append "{a, b}" of n IPv4 sources at o to the Info column, adding igmp.saddr items. */
static uint32_t sources(struct packet *pk, struct cursor *c, uint32_t start, uint32_t o, uint32_t n,
			int info)
{
	/* tshark writes ", " before reading the next source: a short list leaves it open */
	for (uint32_t i = 0; i < n; i++, o += 4) {
		const uint8_t *a = cur_peek_ptr(c, o, 4);
		if (!a)
			return o;
		fs_add_bytes(pk->fs, HF(F_SADDR), start + o, 4, a, 4);
		if (info && pk->want_cols)
			col_append_info(pk, "%s%s", ip4_str(pk, a), i + 1 < n ? ", " : "}");
	}
	return o;
}

/* v1/v2 messages: 8 bytes, group address last. */
static void v1v2(struct packet *pk, struct cursor *c, uint32_t start, uint32_t total, int ver,
		 uint8_t type)
{
	struct fieldset *fs = pk->fs;
	uint8_t mrt = cur_peek_u8(c, 1);
	if (ver == 1)
		fs_add_bytes(fs, HF(F_RESERVED), start + 1, 1, cur_peek_ptr(c, 1, 1), 1);
	else
		add_max_resp(pk, start + 1, mrt, 0);
	add_checksum(pk, c, start, total);
	const uint8_t *g = cur_peek_ptr(c, 4, 4);
	if (!g)
		return;
	fs_add_bytes(fs, HF(F_MADDR), start + 4, 4, g, 4);
	if (ver != 2 || !pk->want_cols)
		return;
	uint32_t gv = cur_peek_be32(c, 4);
	if (type == 0x17)
		col_append_info(pk, " %s", ip4_str(pk, g));
	else if (type == 0x11 && gv == 0)
		col_append_info(pk, ", general");
	else if (type == 0x11)
		col_append_info(pk, ", specific for group %s", ip4_str(pk, g));
	else if (type == 0x16)
		col_append_info(pk, " group %s", ip4_str(pk, g));
}

static void v3_query(struct packet *pk, struct cursor *c, uint32_t start, uint32_t total)
{
	struct fieldset *fs = pk->fs;
	add_max_resp(pk, start + 1, cur_peek_u8(c, 1), 1);
	add_checksum(pk, c, start, total);
	const uint8_t *g = cur_peek_ptr(c, 4, 4);
	if (!g || !cur_check_at(c, 0, 12))
		return;
	fs_add_bytes(fs, HF(F_MADDR), start + 4, 4, g, 4);
	if (pk->want_cols) {
		if (cur_peek_be32(c, 4) == 0)
			col_append_info(pk, ", general");
		else
			col_append_info(pk, ", specific for group %s", ip4_str(pk, g));
	}
	uint8_t sq = cur_peek_u8(c, 8);
	fs_add_uint(fs, HF(F_S), start + 8, 1, (sq >> 3) & 1);
	fs_add_uint(fs, HF(F_QRV), start + 8, 1, sq & 7);
	fs_add_uint(fs, HF(F_QQIC), start + 9, 1, cur_peek_u8(c, 9));
	uint16_t n = cur_peek_be16(c, 10);
	fs_add_uint(fs, HF(F_NUM_SRC), start + 10, 2, n);
	if (n && pk->want_cols)
		col_append_info(pk, ", sources {");
	sources(pk, c, start, 12, n, n != 0);
}

/* tshark's Info words for a group record, before its source list. */
static void record_info(struct packet *pk, uint8_t rt, const char *g, uint16_t n)
{
	int many = n > 1;
	if (n == 0) {
		switch (rt) {
		case 1:
		case 3:
			col_append_info(pk, " / Leave group %s", g);
			return;
		case 2:
		case 4:
			col_append_info(pk, " / Join group %s for any sources", g);
			return;
		case 5:
			col_append_info(
			    pk, " / Group %s, ALLOW_NEW_SOURCES but no source specified (?)", g);
			return;
		case 6:
			col_append_info(
			    pk, " / Group %s, BLOCK_OLD_SOURCES but no source specified (?)", g);
			return;
		}
		col_append_info(pk, " / Group %s, unknown record type (?)", g);
		return;
	}
	switch (rt) {
	case 1:
	case 3:
		col_append_info(pk, " / Join group %s for source%s {", g, many ? "s in" : "");
		return;
	case 2:
	case 4:
		col_append_info(pk, " / Join group %s, for source%s {", g,
				many ? "s not in" : " not");
		return;
	case 5:
		col_append_info(pk, " / Group %s, new source%s {", g, many ? "s" : "");
		return;
	case 6:
		col_append_info(pk, " / Group %s, block source%s {", g, many ? "s" : "");
		return;
	}
	col_append_info(pk, " / Group %s, unknown record type (?), source%s {", g, many ? "s" : "");
}

static void v3_report(struct packet *pk, struct cursor *c, uint32_t start, uint32_t total)
{
	struct fieldset *fs = pk->fs;
	fs_add_bytes(fs, HF(F_RESERVED), start + 1, 1, cur_peek_ptr(c, 1, 1), 1);
	add_checksum(pk, c, start, total);
	if (!cur_check_at(c, 0, 8))
		return;
	fs_add_bytes(fs, HF(F_RESERVED), start + 4, 2, cur_peek_ptr(c, 4, 2), 2);
	uint16_t nrec = cur_peek_be16(c, 6);
	fs_add_uint(fs, HF(F_NUM_GRP_RECS), start + 6, 2, nrec);
	uint32_t o = 8;
	for (uint16_t r = 0; r < nrec && cur_check_at(c, o, 8); r++) {
		uint8_t rt = cur_peek_u8(c, o), aux = cur_peek_u8(c, o + 1);
		uint16_t n = cur_peek_be16(c, o + 2);
		uint32_t rlen = 8u + 4u * n + 4u * aux;
		const uint8_t *g = cur_peek_ptr(c, o + 4, 4);
		const char *gs = ip4_str(pk, g);
		int it = fs_add_none(fs, hf_text_item, start + o, rlen);
		if (fs->want_all) {
			const char *rn = vals_lookup(record_vals, rt);
			fs_tree_text(pk->fs, it,
				     arena_printf(pk->arena, "Group Record : %s  %s", gs,
						  rn ? rn : "Unknown"));
		}
		int prev = fs_push(fs, it);
		fs_add_uint(fs, HF(F_RECORD_TYPE), start + o, 1, rt);
		fs_add_uint(fs, HF(F_AUX_DATA_LEN), start + o + 1, 1, aux);
		fs_add_uint(fs, HF(F_NUM_SRC), start + o + 2, 2, n);
		fs_add_bytes(fs, HF(F_MADDR), start + o + 4, 4, g, 4);
		if (pk->want_cols)
			record_info(pk, rt, gs, n);
		uint32_t e = sources(pk, c, start, o + 8, n, n != 0);
		if (aux && cur_check_at(c, e, 4u * aux))
			fs_add_bytes(fs, HF(F_AUX_DATA), start + e, 4u * aux,
				     cur_peek_ptr(c, e, 4u * aux), 4u * aux);
		fs_pop(fs, prev);
		o += rlen;
	}
}

static int dissect_igmp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	uint8_t type = cur_peek_u8(c, 0), mrt = cur_peek_u8(c, 1);
	pk_add_layer(pk, proto_igmp);
	int ver = igmp_version(type, mrt, cur_avail(c));
	/* tshark hands v1/v2/v3 to a sub-dissector of the same protocol: "ip:igmp:igmp" */
	if (ver)
		pk_add_layer(pk, proto_igmp);
	if (pk->want_cols) {
		if (ver)
			col_set_proto(pk, ver == 1 ? "IGMPv1" : ver == 2 ? "IGMPv2" : "IGMPv3");
		else
			col_set_proto(pk, "IGMP");
		col_clear_info(pk);
		const char *tn = vals_lookup(type_vals, type);
		if (tn)
			col_append_info(pk, "%s", tn);
		else
			col_append_info(pk, "Unknown Type:0x%02x", type);
	}
	int top = fs_add_none(fs, proto_igmp, start, total);
	if (!cur_check_at(c, 0, 8))
		return dissect_report_error(pk, c, proto_igmp);
	int prev = fs_push(fs, top);
	if (ver)
		generated(fs, fs_add_uint(fs, HF(F_VERSION), start, 0, (uint64_t)ver));
	fs_add_uint(fs, HF(F_TYPE), start, 1, type);
	if (ver == 3 && type == 0x11)
		v3_query(pk, c, start, total);
	else if (ver == 3)
		v3_report(pk, c, start, total);
	else if (ver)
		v1v2(pk, c, start, total, ver, type);
	fs_pop(fs, prev);
	if (c->err || !cur_check_at(c, 0, total))
		return dissect_report_error(pk, c, proto_igmp);
	return (int)total;
}

static const struct dissector igmp_dissector = {"igmp", dissect_igmp, 0};

void register_igmp(void)
{
	proto_igmp = proto_register("Internet Group Management Protocol", "IGMP", "igmp");
	hf = field_register(fields, F_COUNT);
}

void handoff_igmp(void)
{
	dtable_add(DT_IP_PROTO, 2, &igmp_dissector);
}
