/*
** eth.c -- Ethernet II (and the "ethertype" pseudo-layer tshark 4.0 shows in
** frame.protocols), hand-off by ethertype.
*/
#include "dissect.h"

enum { F_DST, F_SRC, F_ADDR, F_TYPE, F_LEN, F_PADDING, F_TRAILER, F_COUNT };
static int hf, proto_eth, proto_ethertype;
#define HF(x) (hf + (x))

const struct value_string etype_vals[] = {
	{0x0800, "IPv4"},
	{0x0806, "ARP"},
	{0x8100, "802.1Q Virtual LAN"},
	{0x86dd, "IPv6"},
	{0x8847, "MPLS label switched packet"},
	{0x88a8, "802.1ad Provider Bridge (Q-in-Q)"},
	{0, NULL},
};

static const struct field_def fields[F_COUNT] = {
	[F_DST] = {"eth.dst", "Destination", FT_ETHER, BASE_NONE, NULL, 0,
		   "Destination Hardware Address"},
	[F_SRC] = {"eth.src", "Source", FT_ETHER, BASE_NONE, NULL, 0, "Source Hardware Address"},
	[F_ADDR] = {"eth.addr", "Address", FT_ETHER, BASE_NONE, NULL, 0,
		    "Source or Destination Hardware Address"},
	[F_TYPE] = {"eth.type", "Type", FT_UINT16, BASE_HEX, etype_vals, 0, NULL},
	[F_LEN] = {"eth.len", "Length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
	[F_PADDING] = {"eth.padding", "Padding", FT_BYTES, BASE_NONE, NULL, 0,
		       "Ethernet Padding"},
	[F_TRAILER] = {"eth.trailer", "Trailer", FT_BYTES, BASE_NONE, NULL, 0,
		       "Ethernet Trailer or Checksum"},
};

static int dissect_eth(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	const uint8_t *hdr = cur_peek_ptr(c, 0, 14);
	if (!hdr)
		return dissect_report_error(pk, c, proto_eth);
	pk_add_layer(pk, proto_eth);
	addr_set(&pk->dl_dst, AT_ETHER, hdr);
	addr_set(&pk->dl_src, AT_ETHER, hdr + 6);
	uint16_t type = (uint16_t)(hdr[12] << 8 | hdr[13]);
	int it = fs_add_none(fs, proto_eth, start, 14);
	int prev = fs_push(fs, it);
	fs_add_bytes(fs, HF(F_DST), start, 6, hdr, 6);
	fs_add_bytes(fs, HF(F_ADDR), start, 6, hdr, 6);
	fs_add_bytes(fs, HF(F_SRC), start + 6, 6, hdr + 6, 6);
	fs_add_bytes(fs, HF(F_ADDR), start + 6, 6, hdr + 6, 6);
	if (type <= 1500) {
		/* IEEE 802.3 length field: LLC follows (not dissected yet) */
		fs_add_uint(fs, HF(F_LEN), start + 12, 2, type);
		fs_pop(fs, prev);
		cur_skip(c, 14);
		col_set_proto(pk, "LLC");
		struct cursor pl = cur_sub(c, type);
		return 14 + dissect_data(pk, &pl);
	}
	fs_add_uint(fs, HF(F_TYPE), start + 12, 2, type);
	fs_pop(fs, prev);
	cur_skip(c, 14);
	pk_add_layer(pk, proto_ethertype);
	if (pk->want_cols) {
		col_set_proto(pk, "Ethernet");
	}
	struct cursor pl = cur_rest(c);
	int r = dissect_next(pk, DT_ETHERTYPE, type, &pl);
	if (r == 0)
		dissect_data(pk, &pl);
	return (int)(c->len);
}

static const struct dissector eth_dissector = {"eth_withoutfcs", dissect_eth, 0};

void register_eth(void)
{
	proto_eth = proto_register("Ethernet", "Ethernet", "eth");
	hf = field_register(fields, F_COUNT);
	proto_ethertype = proto_register("Ethertype", "Ethertype", "ethertype");
}

void handoff_eth(void)
{
	dtable_add(DT_WTAP_ENCAP, 1, &eth_dissector);
}
