/*
** vxlan.c -- Virtual eXtensible LAN (RFC 7348, UDP port 4789) with the
** group-policy extension bits; the payload is an Ethernet frame.
*/
#include "dissect.h"

enum {
	F_FLAGS,
	F_FLAGS_RES,
	F_FLAG_G,
	F_FLAG_I,
	F_FLAG_D,
	F_FLAG_A,
	F_GBP,
	F_VNI,
	F_RES8,
	F_COUNT
};
static int hf, proto_vxlan;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
    [F_FLAGS] = {"vxlan.flags", "Flags", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_FLAGS_RES] = {"vxlan.flags_reserved", "Reserved(R)", FT_UINT16, BASE_HEX, NULL, 0x77b7,
		     NULL},
    [F_FLAG_G] = {"vxlan.flag_g", "GBP Extension", FT_BOOLEAN, 16, NULL, 0x8000, NULL},
    [F_FLAG_I] = {"vxlan.flag_i", "VXLAN Network ID (VNI)", FT_BOOLEAN, 16, NULL, 0x0800, NULL},
    [F_FLAG_D] = {"vxlan.flag_d", "Don't Learn", FT_BOOLEAN, 16, NULL, 0x0040, NULL},
    [F_FLAG_A] = {"vxlan.flag_a", "Policy Applied", FT_BOOLEAN, 16, NULL, 0x0008, NULL},
    [F_GBP] = {"vxlan.gbp", "Group Policy ID", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_VNI] = {"vxlan.vni", "VXLAN Network Identifier (VNI)", FT_UINT24, BASE_DEC, NULL, 0, NULL},
    [F_RES8] = {"vxlan.reserved8", "Reserved", FT_UINT8, BASE_DEC, NULL, 0, NULL},
};

static int dissect_vxlan(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	const uint8_t *h = cur_peek_ptr(c, 0, 8);
	pk_add_layer(pk, proto_vxlan);
	col_set_proto(pk, "VxLAN");
	col_clear_info(pk);
	if (!h)
		return dissect_report_error(pk, c, proto_vxlan);
	uint16_t flags = (uint16_t)(h[0] << 8 | h[1]);
	uint32_t vni = (uint32_t)h[4] << 16 | (uint32_t)h[5] << 8 | h[6];
	int it = fs_add_none(fs, proto_vxlan, start, 8);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_FLAGS), start, 2, flags);
	fs_add_uint(fs, HF(F_FLAG_G), start, 2, (flags >> 15) & 1);
	fs_add_uint(fs, HF(F_FLAG_I), start, 2, (flags >> 11) & 1);
	fs_add_uint(fs, HF(F_FLAG_D), start, 2, (flags >> 6) & 1);
	fs_add_uint(fs, HF(F_FLAG_A), start, 2, (flags >> 3) & 1);
	fs_add_uint(fs, HF(F_FLAGS_RES), start, 2, flags & 0x77b7);
	fs_add_uint(fs, HF(F_GBP), start + 2, 2, (uint32_t)(h[2] << 8 | h[3]));
	fs_add_uint(fs, HF(F_VNI), start + 4, 3, vni);
	fs_add_uint(fs, HF(F_RES8), start + 7, 1, h[7]);
	fs_pop(fs, prev);
	cur_skip(c, 8);
	struct cursor pl = cur_rest(c);
	if (cur_remaining(&pl) == 0)
		return (int)total;
	struct cursor try = pl;
	if (pk->nlayers >= PK_MAX_LAYERS - 4 || dissect_next(pk, DT_WTAP_ENCAP, 1, &try) == 0)
		dissect_data(pk, &pl);
	return (int)total;
}

static const struct dissector vxlan_dissector = {"vxlan", dissect_vxlan, 0};

void register_vxlan(void)
{
	proto_vxlan = proto_register("Virtual eXtensible Local Area Network", "VXLAN", "vxlan");
	hf = field_register(fields, F_COUNT);
}

void handoff_vxlan(void)
{
	dtable_add(DT_UDP_PORT, 4789, &vxlan_dissector);
}
