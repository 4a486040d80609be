/*
** sll.c -- Linux "cooked" capture headers: SLL (LINKTYPE_LINUX_SLL, 113) and
** SLL2 (LINKTYPE_LINUX_SLL2, 276).  Only a source link-layer address exists;
** the protocol field is an ethertype, or below 1536 a Linux packet type
** (802.2 LLC, ...), which goes through DT_SLL_LTYPE.
*/
#include "eth.h"

enum {
	F_PKTTYPE,
	F_HATYPE,
	F_HALEN,
	F_SRC_ETH,
	F_SRC_IPV4,
	F_SRC_OTHER,
	F_UNUSED,
	F_LTYPE,
	F_GRETYPE,
	F_ETYPE,
	F_TRAILER,
	F_IFINDEX,
	F_COUNT
};
static int hf, proto_sll;
#define HF(x) (hf + (x))

static const struct value_string pkttype_vals[] = {
    {0, "Unicast to us"},           {1, "Broadcast"},  {2, "Multicast"},
    {3, "Unicast to another host"}, {4, "Sent by us"}, {0, NULL},
};

static const struct value_string ltype_vals[] = {
    {0x0001, "Raw 802.3"}, {0x0002, "Ethernet"},
    {0x0004, "802.2 LLC"}, {0x0005, "SNAP"},
    {0x0010, "PPP"},       {0x000c, "CAN"},
    {0x000d, "CAN FD"},    {0x0016, "IEEE 802.15.4"},
    {0x0019, "Netlink"},   {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_PKTTYPE] = {"sll.pkttype", "Packet type", FT_UINT16, BASE_DEC, pkttype_vals, 0, NULL},
    [F_HATYPE] = {"sll.hatype", "Link-layer address type", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_HALEN] = {"sll.halen", "Link-layer address length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_SRC_ETH] = {"sll.src.eth", "Source", FT_ETHER, BASE_NONE, NULL, 0,
		   "Source link-layer address"},
    [F_SRC_IPV4] = {"sll.src.ipv4", "Source", FT_IPv4, BASE_NONE, NULL, 0,
		    "Source link-layer address"},
    [F_SRC_OTHER] = {"sll.src.other", "Source", FT_BYTES, BASE_NONE, NULL, 0,
		     "Source link-layer address"},
    [F_UNUSED] = {"sll.unused", "Unused", FT_BYTES, BASE_NONE, NULL, 0, "Unused bytes"},
    [F_LTYPE] = {"sll.ltype", "Protocol", FT_UINT16, BASE_HEX, ltype_vals, 0,
		 "Linux protocol type"},
    [F_GRETYPE] = {"sll.gretype", "Protocol", FT_UINT16, BASE_HEX, etype_vals, 0,
		   "GRE protocol type"},
    [F_ETYPE] = {"sll.etype", "Protocol", FT_UINT16, BASE_HEX, etype_vals, 0,
		 "Ethernet protocol type"},
    [F_TRAILER] = {"sll.trailer", "Trailer", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_IFINDEX] = {"sll.ifindex", "Interface index", FT_UINT32, BASE_DEC, NULL, 0, NULL},
};

#define ARPHRD_ETHER   1
#define ARPHRD_IEEE802 6
#define ARPHRD_IPGRE   778
#define ARPHRD_NETLINK 824

/* The 8-byte address slot: Ethernet and IPv4 (GRE tunnels) are typed. */
static void add_addr(struct packet *pk, uint32_t pos, const uint8_t *a, uint16_t hatype,
		     uint16_t halen)
{
	struct fieldset *fs = pk->fs;
	if (halen == 6 && (hatype == ARPHRD_ETHER || hatype == ARPHRD_IEEE802 || hatype == 772)) {
		addr_set(&pk->dl_src, AT_ETHER, a);
		fs_add_bytes(fs, HF(F_SRC_ETH), pos, 6, a, 6);
		fs_add_bytes(fs, HF(F_UNUSED), pos + 6, 2, a + 6, 2);
	} else if (halen == 4 && hatype == ARPHRD_IPGRE) {
		addr_set(&pk->dl_src, AT_IPv4, a);
		fs_add_bytes(fs, HF(F_SRC_IPV4), pos, 4, a, 4);
		fs_add_bytes(fs, HF(F_UNUSED), pos + 4, 4, a + 4, 4);
	} else {
		uint32_t n = halen <= 8 ? halen : 8;
		if (n)
			fs_add_bytes(fs, HF(F_SRC_OTHER), pos, n, a, n);
		if (n < 8)
			fs_add_bytes(fs, HF(F_UNUSED), pos + n, 8 - n, a + n, 8 - n);
	}
}

/* The protocol field and the payload: shared by v1 and v2. */
static int sll_payload(struct packet *pk, struct cursor *c, uint32_t start, uint16_t proto,
		       uint16_t hatype, uint32_t ppos, int it)
{
	struct fieldset *fs = pk->fs;
	int prev = fs_push(fs, it);
	if (proto < 0x0600 && hatype != ARPHRD_IPGRE) {
		fs_add_uint(fs, HF(F_LTYPE), ppos, 2, proto);
		fs_pop(fs, prev);
		struct cursor pl = cur_rest(c);
		struct cursor try = pl;
		if (dissect_next(pk, DT_SLL_LTYPE, proto, &try) == 0)
			dissect_data(pk, &pl);
		return 0;
	}
	fs_add_uint(fs, HF(hatype == ARPHRD_IPGRE ? F_GRETYPE : F_ETYPE), ppos, 2, proto);
	fs_pop(fs, prev);
	eth_dispatch_ethertype(pk, c, proto, start, ETRAILER_SLL, it, HF(F_TRAILER));
	return 0;
}

static int dissect_sll(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_sll);
	col_set_proto(pk, "SLL");
	col_clear_info(pk);
	/* the packet type reaches Info before the rest of the header is read */
	uint16_t pkttype = cur_peek_be16(c, 0);
	if (c->err)
		return dissect_report_error(pk, c, proto_sll);
	if (pk->want_cols) {
		const char *s = vals_lookup(pkttype_vals, pkttype);
		if (s)
			col_append_info(pk, "%s", s);
		else
			col_append_info(pk, "Unknown (%u)", pkttype);
	}
	const uint8_t *h = cur_peek_ptr(c, 0, 16);
	if (!h)
		return dissect_report_error(pk, c, proto_sll);
	uint16_t hatype = (uint16_t)(h[2] << 8 | h[3]);
	uint16_t halen = (uint16_t)(h[4] << 8 | h[5]), proto = (uint16_t)(h[14] << 8 | h[15]);
	int it = fs_add_none(fs, proto_sll, start, 16);
	if (it >= 0)
		fs_item(fs, it)->text = "Linux cooked capture v1";
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_PKTTYPE), start, 2, pkttype);
	fs_add_uint(fs, HF(F_HATYPE), start + 2, 2, hatype);
	fs_add_uint(fs, HF(F_HALEN), start + 4, 2, halen);
	add_addr(pk, start + 6, h + 6, hatype, halen);
	fs_pop(fs, prev);
	cur_skip(c, 16);
	sll_payload(pk, c, start, proto, hatype, start + 14, it);
	return (int)total;
}

static int dissect_sll2(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_sll);
	col_set_proto(pk, "SLL");
	col_clear_info(pk);
	/* tshark 4.0 looks the v2 Info text up with the address-length byte,
	** as a 16-bit value at offset 10 read before the rest */
	uint16_t info_type = cur_peek_be16(c, 10);
	if (c->err)
		return dissect_report_error(pk, c, proto_sll);
	if (pk->want_cols) {
		const char *s = vals_lookup(pkttype_vals, info_type);
		if (s)
			col_append_info(pk, "%s", s);
		else
			col_append_info(pk, "Unknown (%u)", info_type);
	}
	const uint8_t *h = cur_peek_ptr(c, 0, 20);
	if (!h)
		return dissect_report_error(pk, c, proto_sll);
	uint16_t proto = (uint16_t)(h[0] << 8 | h[1]), hatype = (uint16_t)(h[8] << 8 | h[9]);
	uint32_t ifindex = (uint32_t)h[4] << 24 | (uint32_t)h[5] << 16 | (uint32_t)h[6] << 8 | h[7];
	uint8_t pkttype = h[10], halen = h[11];
	int it = fs_add_none(fs, proto_sll, start, 20);
	if (it >= 0)
		fs_item(fs, it)->text = "Linux cooked capture v2";
	/* v2 puts the protocol first; tshark lists it first too */
	int prev = fs_push(fs, it);
	if (!(proto < 0x0600 && hatype != ARPHRD_IPGRE))
		fs_add_uint(fs, HF(hatype == ARPHRD_IPGRE ? F_GRETYPE : F_ETYPE), start, 2, proto);
	else
		fs_add_uint(fs, HF(F_LTYPE), start, 2, proto);
	fs_add_uint(fs, HF(F_IFINDEX), start + 4, 4, ifindex);
	fs_add_uint(fs, HF(F_HATYPE), start + 8, 2, hatype);
	fs_add_uint(fs, HF(F_PKTTYPE), start + 10, 1, pkttype);
	fs_add_uint(fs, HF(F_HALEN), start + 11, 1, halen);
	add_addr(pk, start + 12, h + 12, hatype, halen);
	fs_pop(fs, prev);
	cur_skip(c, 20);
	if (proto < 0x0600 && hatype != ARPHRD_IPGRE) {
		struct cursor pl = cur_rest(c);
		struct cursor try = pl;
		if (dissect_next(pk, DT_SLL_LTYPE, proto, &try) == 0)
			dissect_data(pk, &pl);
	} else {
		eth_dispatch_ethertype(pk, c, proto, start, ETRAILER_SLL, it, HF(F_TRAILER));
	}
	return (int)total;
}

/* Linux type 4: an 802.2 LLC header follows (tshark's "sll:llc"). */
static int sll_llc(struct packet *pk, struct cursor *c)
{
	return dissect_next(pk, DT_ETHERTYPE, ETHERTYPE_LLC_PSEUDO, c);
}

static const struct dissector sll_dissector = {"sll", dissect_sll, 0};
static const struct dissector sll2_dissector = {"sll2", dissect_sll2, 0};
static const struct dissector sll_llc_dissector = {"llc", sll_llc, 0};

void register_sll(void)
{
	proto_sll = proto_register("Linux cooked-mode capture", "SLL", "sll");
	hf = field_register(fields, F_COUNT);
}

void handoff_sll(void)
{
	dtable_add(DT_WTAP_ENCAP, 113, &sll_dissector);
	dtable_add(DT_WTAP_ENCAP, 276, &sll2_dissector);
	dtable_add(DT_SLL_LTYPE, 0x0004, &sll_llc_dissector);
}
