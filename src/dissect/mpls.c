/*
** mpls.c -- MPLS label stacks (RFC 3032, ethertypes 0x8847/0x8848) and what
** tshark guesses below the stack from the first nibble: IPv4, IPv6, a
** pseudowire control word with Ethernet behind it, or an associated channel.
*/
#include "eth.h"

enum { F_LABEL, F_EXP, F_BOTTOM, F_TTL, F_COUNT };
enum { W_VER, W_RES, W_CHANNEL, W_COUNT };
static int hf, hfw, proto_mpls, proto_pweth_heur, proto_pwethcw, proto_pwach;
#define HF(x) (hf + (x))

static const struct range_string label_vals[] = {
    {0, 0, "IPv4 Explicit-Null"},
    {1, 1, "Router Alert"},
    {2, 2, "IPv6 Explicit-Null"},
    {3, 3, "Implicit-Null"},
    {7, 7, "Entropy Label Indicator"},
    {13, 13, "Generic Associated Channel Label"},
    {14, 14, "OAM Alert"},
    {15, 15, "Extension"},
    {0, 0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_LABEL] = {"mpls.label", "MPLS Label", FT_UINT32, BASE_DEC_HEX | BASE_RANGE_STRING,
		 label_vals, 0xfffff000, NULL},
    [F_EXP] = {"mpls.exp", "MPLS Experimental Bits", FT_UINT32, BASE_DEC, NULL, 0xe00, NULL},
    [F_BOTTOM] = {"mpls.bottom", "MPLS Bottom Of Label Stack", FT_UINT32, BASE_DEC, NULL, 0x100,
		  NULL},
    [F_TTL] = {"mpls.ttl", "MPLS TTL", FT_UINT32, BASE_DEC, NULL, 0xff, NULL},
};

static const struct field_def ach_fields[W_COUNT] = {
    [W_VER] = {"pwach.ver", "Channel Version", FT_UINT8, BASE_DEC, NULL, 0x0f,
	       "PW Associated Channel Version"},
    [W_RES] = {"pwach.res", "Reserved", FT_UINT8, BASE_HEX, NULL, 0, NULL},
    [W_CHANNEL] = {"pwach.channel_type", "Channel Type", FT_UINT16, BASE_HEX, NULL, 0,
		   "PW Associated Channel Type"},
};

/* Deeper stacks than this are not real; the rest is shown as data. */
#define MPLS_MAX_LABELS 64

static int dissect_mpls(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t total = cur_remaining(c);
	pk_add_layer(pk, proto_mpls);
	col_set_proto(pk, "MPLS");
	col_set_info(pk, "MPLS Label Switched Packet");
	int bottom = 0;
	for (int n = 0; !bottom && n < MPLS_MAX_LABELS; n++) {
		uint32_t pos = cur_pos(c);
		uint32_t v = cur_peek_be32(c, 0);
		if (c->err)
			return dissect_report_error(pk, c, proto_mpls);
		bottom = (v >> 8) & 1;
		int it = fs_add_none(fs, proto_mpls, pos, 4);
		if (it >= 0 && fs_wants(fs, proto_mpls))
			fs_item(fs, it)->text =
			    arena_printf(pk->arena,
					 "MultiProtocol Label Switching Header, Label: %u, Exp: "
					 "%u, S: %u, TTL: %u",
					 v >> 12, (v >> 9) & 7, bottom, v & 0xff);
		int prev = fs_push(fs, it);
		fs_add_uint(fs, HF(F_LABEL), pos, 4, v >> 12);
		fs_add_uint(fs, HF(F_EXP), pos, 4, (v >> 9) & 7);
		fs_add_uint(fs, HF(F_BOTTOM), pos, 4, bottom);
		fs_add_uint(fs, HF(F_TTL), pos, 4, v & 0xff);
		fs_pop(fs, prev);
		cur_skip(c, 4);
	}
	struct cursor pl = cur_rest(c);
	/* tshark reads the first payload nibble even when there is none */
	uint8_t nib = cur_peek_u8(&pl, 0) >> 4;
	if (pl.err)
		return dissect_report_error(pk, &pl, proto_mpls);
	struct cursor try = pl;
	uint32_t hdr = total - cur_remaining(&pl);
	int r;
	/* IP's own length counts, so Ethernet padding after it is seen */
	if (bottom && nib == 4 && (r = dissect_next(pk, DT_ETHERTYPE, 0x0800, &try)) != 0)
		return r > 0 ? (int)hdr + r : (int)total;
	if (bottom && nib == 6 && (r = dissect_next(pk, DT_ETHERTYPE, 0x86dd, &try)) != 0)
		return r > 0 ? (int)hdr + r : (int)total;
	if (bottom && nib == 1 && cur_has(&pl, 4)) {
		/* Associated channel header: version, reserved, channel type */
		uint32_t pos = cur_pos(&pl);
		pk_add_layer(pk, proto_pwach);
		int it = fs_add_none(fs, proto_pwach, pos, 4);
		int prev = fs_push(fs, it);
		fs_add_uint(fs, hfw + W_VER, pos, 1, cur_peek_u8(&pl, 0) & 0x0f);
		fs_add_uint(fs, hfw + W_RES, pos + 1, 1, cur_peek_u8(&pl, 1));
		fs_add_uint(fs, hfw + W_CHANNEL, pos + 2, 2, cur_peek_be16(&pl, 2));
		fs_pop(fs, prev);
		cur_skip(&pl, 4);
		dissect_data(pk, &pl);
		return (int)total;
	}
	if (bottom && nib == 0 && cur_has(&pl, 4 + 14) && pk->nlayers < PK_MAX_LAYERS - 4) {
		/* a zero control word, then an Ethernet frame (pseudowire) */
		pk_add_layer(pk, proto_pweth_heur);
		pk_add_layer(pk, proto_pwethcw);
		fs_add_none(fs, proto_pwethcw, cur_pos(&pl), 4);
		cur_skip(&pl, 4);
		struct cursor eth = cur_rest(&pl);
		dissect_next(pk, DT_WTAP_ENCAP, 1, &eth);
		return (int)total;
	}
	dissect_data(pk, &pl);
	return (int)total;
}

static const struct dissector mpls_dissector = {"mpls", dissect_mpls, 0};

void register_mpls(void)
{
	proto_mpls = proto_register("MultiProtocol Label Switching Header", "MPLS", "mpls");
	hf = field_register(fields, F_COUNT);
	proto_pwach =
	    proto_register("PW Associated Channel Header", "PW Associated Channel", "pwach");
	hfw = field_register(ach_fields, W_COUNT);
	proto_pweth_heur = proto_register("Ethernet PW (CW heuristic)",
					  "Ethernet PW (CW heuristic)", "pwethheuristic");
	proto_pwethcw = proto_register("Ethernet PW (with CW)", "Ethernet PW (with CW)", "pwethcw");
}

void handoff_mpls(void)
{
	dtable_add(DT_ETHERTYPE, 0x8847, &mpls_dissector);
	dtable_add(DT_ETHERTYPE, 0x8848, &mpls_dissector);
}
