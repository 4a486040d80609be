/*
** vlan.c -- IEEE 802.1Q VLAN tags (ethertype 0x8100 and the 0x9100 Q-in-Q
** tag) and IEEE 802.1ad S-tags (0x88a8, tshark's separate "ieee8021ad").
** Nested tags recurse through the ethertype table; PK_MAX_LAYERS bounds it.
*/
#include <stdio.h>

#include "eth.h"

enum { F_PRIORITY, F_CFI, F_DEI, F_ID, F_ETYPE, F_LEN, F_TRAILER, F_COUNT };
enum { A_PRIORITY, A_DEI, A_ID, A_SVID, A_CVID, A_COUNT };
static int hf, hfa, hf_ah_etype, proto_vlan, proto_8021ad, proto_8021ah;
#define HF(x)  (hf + (x))
#define HFA(x) (hfa + (x))

static const struct value_string pri_vals[] = {
    {0, "Best Effort (default)"},
    {1, "Background"},
    {2, "Excellent Effort"},
    {3, "Critical Applications"},
    {4, "Video, < 100ms latency and jitter"},
    {5, "Voice, < 10ms latency and jitter"},
    {6, "Internetwork Control"},
    {7, "Network Control"},
    {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_PRIORITY] = {"vlan.priority", "Priority", FT_UINT16, BASE_DEC, pri_vals, 0xe000,
		    "Descriptions are recommendations from IEEE standard 802.1D-2004"},
    [F_CFI] = {"vlan.cfi", "CFI", FT_BOOLEAN, 16, NULL, 0x1000, "Canonical Format Identifier"},
    [F_DEI] = {"vlan.dei", "DEI", FT_BOOLEAN, 16, NULL, 0x1000, "Drop Eligible Indicator"},
    [F_ID] = {"vlan.id", "ID", FT_UINT16, BASE_DEC, NULL, 0x0fff, "VLAN ID"},
    [F_ETYPE] = {"vlan.etype", "Type", FT_UINT16, BASE_HEX, etype_vals, 0, "Ethertype"},
    [F_LEN] = {"vlan.len", "Length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_TRAILER] = {"vlan.trailer", "Trailer", FT_BYTES, BASE_NONE, NULL, 0, "VLAN Trailer"},
};

static const struct field_def ad_fields[A_COUNT] = {
    [A_PRIORITY] = {"ieee8021ad.priority", "Priority", FT_UINT16, BASE_DEC, NULL, 0xe000, NULL},
    [A_DEI] = {"ieee8021ad.dei", "DEI", FT_UINT16, BASE_DEC, NULL, 0x1000, "Drop Eligibility"},
    [A_ID] = {"ieee8021ad.id", "ID", FT_UINT16, BASE_DEC, NULL, 0x0fff, "Vlan ID"},
    [A_SVID] = {"ieee8021ad.svid", "ID", FT_UINT16, BASE_DEC, NULL, 0x0fff, "S-Vlan ID"},
    [A_CVID] = {"ieee8021ad.cvid", "ID", FT_UINT16, BASE_DEC, NULL, 0x0fff, "C-Vlan ID"},
};

/* 802.1ad's type field is 802.1ah's (tshark shares the field). */
static const struct field_def ah_fields[1] = {
    {"ieee8021ah.etype", "Type", FT_UINT16, BASE_HEX, etype_vals, 0, NULL},
};

/* The tag's payload: an ethertype, or an 802.3 length with LLC behind it. */
static int tag_payload(struct packet *pk, struct cursor *c, uint16_t type, int it)
{
	if (type <= 1500 && type != 0) {
		uint32_t total = cur_remaining(c);
		struct cursor pl = cur_sub(c, type);
		c->err = CUR_OK;
		struct cursor try = pl;
		if (dissect_next(pk, DT_ETHERTYPE, ETHERTYPE_LLC_PSEUDO, &try) == 0)
			dissect_data(pk, &pl);
		if (type < total) {
			const uint8_t *p = cur_peek_ptr(c, 0, cur_avail(c));
			int prev = fs_push(pk->fs, it);
			if (p)
				fs_add_bytes(pk->fs, HF(F_TRAILER), cur_pos(c), cur_avail(c), p,
					     cur_avail(c));
			fs_pop(pk->fs, prev);
		}
		return (int)total;
	}
	return eth_dispatch_ethertype(pk, c, type, pk->eth_start, ETRAILER_VLAN, it, HF(F_TRAILER));
}

/*
** The usual tag: captured, an ethertype behind it, room below the layer cap
** for the tag, the ethertype layer and the payload's, and no tree or VLAN
** label wanted (the wanted map's answers made once per map, as eth.c's).
*/
static _Thread_local struct field_plan vlan_plan;
static uint32_t vlan_plan_make(void)
{
	int hdr = field_any_wanted(HF(F_PRIORITY), F_TRAILER - F_PRIORITY);
	return field_plan_proto(proto_vlan) | (hdr ? FP_FIELDS : 0u);
}

/* dissect_vlan's tag fields, for a job that reads some */
static __attribute__((noinline)) void plain_tag_fields(struct fieldset *fs, int it, uint32_t start,
						       uint16_t tci, uint16_t type)
{
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_PRIORITY), start, 2, tci >> 13);
	fs_add_uint(fs, HF(F_DEI), start, 2, (tci >> 12) & 1u);
	fs_add_uint(fs, HF(F_ID), start, 2, tci & 0x0fffu);
	fs_add_uint(fs, HF(F_ETYPE), start + 2, 2, type);
	fs_pop(fs, prev);
}

/*
** dissect_vlan's result for the usual tag without its general tests: the
** cursor reads and per-field tests were some 100 instructions a tag.
*/
static __attribute__((noinline)) int dissect_plain_vlan(struct packet *pk, struct cursor *c,
							const uint8_t *h)
{
	uint32_t start = cur_pos(c);
	uint16_t tci = (uint16_t)(h[0] << 8 | h[1]), type = (uint16_t)(h[2] << 8 | h[3]);
	pk_add_layer(pk, proto_vlan);
	col_set_proto(pk, "VLAN");
	col_clear_info(pk);
	if (pk->want_cols)
		col_append_info(pk, "PRI: %u  DEI: %u  ID: %u", tci >> 13, (tci >> 12) & 1u,
				tci & 0x0fffu);
	uint32_t plan = vlan_plan.bits; /* current: plain_tag has just read it */
	int it = plan & FP_ITEM ? fs_store_u(pk->fs, proto_vlan, start, 4, 0, FI_NONE_VALUE) : -1;
	if (plan & FP_FIELDS)
		plain_tag_fields(pk->fs, it, start, tci, type);
	c->off += 4; /* plain_tag found the 4 bytes captured */
	return 4 +
	       eth_dispatch_ethertype(pk, c, type, pk->eth_start, ETRAILER_VLAN, it, HF(F_TRAILER));
}

static inline const uint8_t *plain_tag(const struct packet *pk, const struct cursor *c)
{
	if (pk->fs->want_all || !(field_plan_get(&vlan_plan, vlan_plan_make) & FP_PLAIN))
		return NULL;
	if (!cur_has(c, 4) || pk->nlayers >= PK_MAX_LAYERS - 4)
		return NULL;
	const uint8_t *h = c->data + c->off;
	return h[2] < 0x06 ? NULL : h; /* below 0x0600: an 802.3 length (or type 0) */
}

static int dissect_vlan_any(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	pk_add_layer(pk, proto_vlan);
	col_set_proto(pk, "VLAN");
	col_clear_info(pk);
	/* tshark shows the tag in Info before it reads the type field */
	uint16_t tci = cur_peek_be16(c, 0);
	if (c->err)
		return dissect_report_error(pk, c, proto_vlan);
	unsigned pri = tci >> 13, dei = (tci >> 12) & 1, id = tci & 0x0fff;
	if (pk->want_cols)
		col_append_info(pk, "PRI: %u  DEI: %u  ID: %u", pri, dei, id);
	const uint8_t *h = cur_peek_ptr(c, 0, 4);
	if (!h)
		return dissect_report_error(pk, c, proto_vlan);
	uint16_t type = (uint16_t)(h[2] << 8 | h[3]);
	int it = fs_add_none(fs, proto_vlan, start, 4);
	if (it >= 0 && fs_wants_label(fs, proto_vlan))
		fs_item(fs, it)->text = arena_printf(
		    pk->arena, "802.1Q Virtual LAN, PRI: %u, DEI: %u, ID: %u", pri, dei, id);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_PRIORITY), start, 2, pri);
	fs_add_uint(fs, HF(F_DEI), start, 2, dei);
	fs_add_uint(fs, HF(F_ID), start, 2, id);
	fs_add_uint(fs, type <= 1500 && type != 0 ? HF(F_LEN) : HF(F_ETYPE), start + 2, 2, type);
	fs_pop(fs, prev);
	cur_skip(c, 4);
	if (pk->nlayers >= PK_MAX_LAYERS - 2) {
		struct cursor rest = cur_rest(c);
		return 4 + dissect_data(pk, &rest);
	}
	return 4 + tag_payload(pk, c, type, it);
}

/* Each case a tail call. */
static int dissect_vlan(struct packet *pk, struct cursor *c)
{
	const uint8_t *h = plain_tag(pk, c);
	return h ? dissect_plain_vlan(pk, c, h) : dissect_vlan_any(pk, c);
}

static int dissect_8021ad(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	pk_add_layer(pk, proto_8021ad);
	col_set_proto(pk, "802.1ad");
	const uint8_t *h = cur_peek_ptr(c, 0, 4);
	if (!h)
		return dissect_report_error(pk, c, proto_8021ad);
	uint16_t tci = (uint16_t)(h[0] << 8 | h[1]), type = (uint16_t)(h[2] << 8 | h[3]);
	unsigned id = tci & 0x0fff;
	if (pk->want_cols) {
		col_clear_info(pk);
		col_append_info(pk, "PRI: %u  DROP: %u ID: %u", tci >> 13, (tci >> 12) & 1u, id);
	}
	int it = fs_add_none(fs, proto_8021ad, start, 4);
	if (it >= 0 && fs_wants_label(fs, proto_8021ad))
		fs_item(fs, it)->text = arena_printf(pk->arena, "IEEE 802.1ad, ID: %u", id);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HFA(A_PRIORITY), start, 2, tci >> 13);
	fs_add_uint(fs, HFA(A_DEI), start, 2, (tci >> 12) & 1u);
	fs_add_uint(fs, HFA(A_ID), start, 2, id);
	fs_add_uint(fs, hf_ah_etype, start + 2, 2, type);
	fs_pop(fs, prev);
	cur_skip(c, 4);
	if (pk->nlayers >= PK_MAX_LAYERS - 2) {
		struct cursor rest = cur_rest(c);
		return 4 + dissect_data(pk, &rest);
	}
	/* an S-tag's type is always an ethertype, even below 1536 */
	return 4 +
	       eth_dispatch_ethertype(pk, c, type, pk->eth_start, ETRAILER_VLAN, it, HF(F_TRAILER));
}

static const struct dissector vlan_dissector = {"vlan", dissect_vlan, 0};
static const struct dissector ad_dissector = {"ieee8021ad", dissect_8021ad, 0};

void register_vlan(void)
{
	proto_vlan = proto_register("802.1Q Virtual LAN", "VLAN", "vlan");
	hf = field_register(fields, F_COUNT);
	proto_8021ad = proto_register("IEEE 802.1ad", "IEEE 802.1ad", "ieee8021ad");
	hfa = field_register(ad_fields, A_COUNT);
	proto_8021ah = proto_register("IEEE 802.1ah", "IEEE 802.1ah", "ieee8021ah");
	hf_ah_etype = field_register(ah_fields, 1);
}

void handoff_vlan(void)
{
	dtable_add(DT_ETHERTYPE, 0x8100, &vlan_dissector);
	dtable_add(DT_ETHERTYPE, 0x9100, &vlan_dissector);
	dtable_add(DT_ETHERTYPE, 0x88a8, &ad_dissector);
}
