/*
** wlan.c -- the part of IEEE 802.11 that carries IP: the radiotap capture
** header (LINKTYPE_IEEE802_11_RADIOTAP, 127: only its length and the
** "FCS at end" flag matter here), plain 802.11 (105, and Aruba's GRE
** 0x8200..0x820f), and data frame headers with LLC behind them.
** Management and control frames stop at the 802.11 header.
*/
#include "eth.h"

enum {
	F_FC,
	F_FC_TYPE,
	F_FC_SUBTYPE,
	F_FC_TYPE_SUBTYPE,
	F_FLAGS,
	F_FC_DS,
	F_DURATION,
	F_RA,
	F_TA,
	F_DA,
	F_SA,
	F_BSSID,
	F_ADDR,
	F_FRAG,
	F_SEQ,
	F_QOS,
	F_COUNT
};
enum { R_VERSION, R_PAD, R_LENGTH, R_PRESENT, R_FLAGS, R_COUNT };
static int hf, hfr, proto_wlan, proto_radiotap, proto_wlan_radio;
#define HF(x)  (hf + (x))
#define HFR(x) (hfr + (x))

static const struct field_def fields[F_COUNT] = {
    [F_FC] = {"wlan.fc", "Frame Control Field", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_FC_TYPE] = {"wlan.fc.type", "Type", FT_UINT8, BASE_DEC, NULL, 0x0c, NULL},
    [F_FC_SUBTYPE] = {"wlan.fc.subtype", "Subtype", FT_UINT8, BASE_DEC, NULL, 0xf0, NULL},
    [F_FC_TYPE_SUBTYPE] = {"wlan.fc.type_subtype", "Type/Subtype", FT_UINT16, BASE_HEX, NULL, 0,
			   NULL},
    [F_FLAGS] = {"wlan.flags", "Flags", FT_UINT8, BASE_HEX, NULL, 0, NULL},
    [F_FC_DS] = {"wlan.fc.ds", "DS status", FT_UINT8, BASE_HEX, NULL, 0x03, NULL},
    [F_DURATION] = {"wlan.duration", "Duration", FT_UINT16, BASE_DEC, NULL, 0x7fff, NULL},
    [F_RA] = {"wlan.ra", "Receiver address", FT_ETHER, BASE_NONE, NULL, 0, NULL},
    [F_TA] = {"wlan.ta", "Transmitter address", FT_ETHER, BASE_NONE, NULL, 0, NULL},
    [F_DA] = {"wlan.da", "Destination address", FT_ETHER, BASE_NONE, NULL, 0, NULL},
    [F_SA] = {"wlan.sa", "Source address", FT_ETHER, BASE_NONE, NULL, 0, NULL},
    [F_BSSID] = {"wlan.bssid", "BSS Id", FT_ETHER, BASE_NONE, NULL, 0, NULL},
    [F_ADDR] = {"wlan.addr", "Hardware address", FT_ETHER, BASE_NONE, NULL, 0, NULL},
    [F_FRAG] = {"wlan.frag", "Fragment number", FT_UINT16, BASE_DEC, NULL, 0x000f, NULL},
    [F_SEQ] = {"wlan.seq", "Sequence number", FT_UINT16, BASE_DEC, NULL, 0xfff0, NULL},
    [F_QOS] = {"wlan.qos", "Qos Control", FT_UINT16, BASE_HEX, NULL, 0, NULL},
};

static const struct field_def rt_fields[R_COUNT] = {
    [R_VERSION] = {"radiotap.version", "Header revision", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [R_PAD] = {"radiotap.pad", "Header pad", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [R_LENGTH] = {"radiotap.length", "Header length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [R_PRESENT] = {"radiotap.present.word", "Present flags word", FT_UINT32, BASE_HEX, NULL, 0,
		   NULL},
    [R_FLAGS] = {"radiotap.flags", "Flags", FT_UINT8, BASE_HEX, NULL, 0, NULL},
};

static const char *const data_subtypes[16] = {
    "Data",
    "Data + CF-Ack",
    "Data + CF-Poll",
    "Data + CF-Ack + CF-Poll",
    "Null function (No data)",
    "CF-Ack (No data)",
    "CF-Poll (No data)",
    "CF-Ack/Poll (No data)",
    "QoS Data",
    "QoS Data + CF-Acknowledgment",
    "QoS Data + CF-Poll",
    "QoS Data + CF-Ack + CF-Poll",
    "QoS Null function (No data)",
    "Reserved",
    "QoS CF-Poll (No Data)",
    "QoS CF-Ack + CF-Poll (No data)",
};

/* tshark's flag letters, most significant bit first; 'C' marks an FCS */
static const char *flag_str(struct packet *pk, uint8_t fl, int fcs)
{
	static const char letters[] = "OPmPRMFT";
	char *s = arena_alloc(pk->arena, 10);
	for (int i = 0; i < 8; i++)
		s[i] = (fl & (0x80 >> i)) ? letters[i] : '.';
	s[8] = fcs ? 'C' : 0;
	s[9] = 0;
	return s;
}

static int wlan_common(struct packet *pk, struct cursor *c, int fcs)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_wlan);
	col_set_proto(pk, "802.11");
	uint8_t fc0 = cur_peek_u8(c, 0), fl = cur_peek_u8(c, 1);
	if (c->err)
		return dissect_report_error(pk, c, proto_wlan);
	unsigned type = (fc0 >> 2) & 3, sub = fc0 >> 4;
	int ds = fl & 3;
	uint32_t hlen = type == 2 ? 24u + (ds == 3 ? 6u : 0u) + ((sub & 8) ? 2u : 0u) : 0;
	int it = fs_add_none(fs, proto_wlan, start, hlen ? hlen : total);
	if (it >= 0 && type == 2 && fs_wants(fs, proto_wlan))
		fs_item(fs, it)->text = arena_printf(pk->arena, "IEEE 802.11 %s, Flags: %s",
						     data_subtypes[sub], flag_str(pk, fl, fcs));
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_FC_TYPE_SUBTYPE), start, 1, type << 4 | sub);
	fs_add_uint(fs, HF(F_FC), start, 2, (uint32_t)(fc0 << 8 | fl));
	fs_add_uint(fs, HF(F_FC_TYPE), start, 1, type);
	fs_add_uint(fs, HF(F_FC_SUBTYPE), start, 1, sub);
	fs_add_uint(fs, HF(F_FLAGS), start + 1, 1, fl);
	fs_add_uint(fs, HF(F_FC_DS), start + 1, 1, (uint32_t)ds);
	if (type != 2 || !cur_has(c, hlen)) {
		fs_pop(fs, prev);
		if (type == 2)
			return dissect_report_error(pk, c, proto_wlan);
		return (int)total;
	}
	const uint8_t *h = c->data + c->off;
	fs_add_uint(fs, HF(F_DURATION), start + 2, 2, (uint32_t)(h[3] << 8 | h[2]) & 0x7fff);
	const uint8_t *a1 = h + 4, *a2 = h + 10, *a3 = h + 16;
	const uint8_t *da = ds & 1 ? a3 : a1, *sa = ds & 2 ? (ds == 3 ? h + 24 : a3) : a2;
	/* wlan.addr once per address slot (tshark lists addr1..addr4) */
	fs_add_bytes(fs, HF(F_RA), start + 4, 6, a1, 6);
	fs_add_bytes(fs, HF(F_ADDR), start + 4, 6, a1, 6);
	fs_add_bytes(fs, HF(F_TA), start + 10, 6, a2, 6);
	fs_add_bytes(fs, HF(F_ADDR), start + 10, 6, a2, 6);
	fs_add_bytes(fs, HF(F_ADDR), start + 16, 6, a3, 6);
	if (ds == 3)
		fs_add_bytes(fs, HF(F_ADDR), start + 24, 6, h + 24, 6);
	fs_add_bytes(fs, HF(F_DA), start + (uint32_t)(da - h), 6, da, 6);
	fs_add_bytes(fs, HF(F_SA), start + (uint32_t)(sa - h), 6, sa, 6);
	if (ds != 3) {
		const uint8_t *bss = ds == 0 ? a3 : ds == 1 ? a1 : a2;
		fs_add_bytes(fs, HF(F_BSSID), start + (uint32_t)(bss - h), 6, bss, 6);
	}
	uint16_t sc = (uint16_t)(h[23] << 8 | h[22]);
	fs_add_uint(fs, HF(F_FRAG), start + 22, 2, sc & 0x0f);
	fs_add_uint(fs, HF(F_SEQ), start + 22, 2, sc >> 4);
	if (sub & 8)
		fs_add_uint(fs, HF(F_QOS), start + hlen - 2, 2,
			    (uint32_t)(h[hlen - 1] << 8 | h[hlen - 2]));
	fs_pop(fs, prev);
	addr_set(&pk->dl_src, AT_ETHER, sa);
	addr_set(&pk->dl_dst, AT_ETHER, da);
	pk->net_src.type = pk->net_dst.type = AT_NONE;
	cur_skip(c, hlen);
	struct cursor pl = cur_rest(c);
	/* null data (subtype bit 2) and protected frames carry no readable LLC */
	if (cur_remaining(&pl) == 0 || (sub & 4))
		return (int)total;
	struct cursor try = pl;
	if ((fl & 0x40) || pk->nlayers >= PK_MAX_LAYERS - 4 ||
	    dissect_next(pk, DT_ETHERTYPE, ETHERTYPE_LLC_PSEUDO, &try) == 0)
		dissect_data(pk, &pl);
	return (int)total;
}

static int dissect_wlan(struct packet *pk, struct cursor *c)
{
	return wlan_common(pk, c, 0);
}

static int dissect_radiotap(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_radiotap);
	uint8_t ver = cur_peek_u8(c, 0), pad = cur_peek_u8(c, 1);
	uint16_t len = cur_peek_le16(c, 2);
	if (c->err || len < 8 || !cur_has(c, len))
		return dissect_report_error(pk, c, proto_radiotap);
	int it = fs_add_none(fs, proto_radiotap, start, len);
	if (it >= 0 && fs_wants(fs, proto_radiotap))
		fs_item(fs, it)->text =
		    arena_printf(pk->arena, "Radiotap Header v%u, Length %u", ver, len);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HFR(R_VERSION), start, 1, ver);
	fs_add_uint(fs, HFR(R_PAD), start + 1, 1, pad);
	fs_add_uint(fs, HFR(R_LENGTH), start + 2, 2, len);
	/* present words chain through bit 31; fields start after the last */
	uint32_t o = 4, first = 0;
	for (int n = 0; n < 16 && o + 4 <= len; n++) {
		uint32_t w = cur_peek_le32(c, o);
		if (n == 0)
			first = w;
		fs_add_uint(fs, HFR(R_PRESENT), start + o, 4, w);
		o += 4;
		if (!(w & 0x80000000u))
			break;
	}
	int fcs = 0;
	if (first & 2) {
		/* Flags follows TSFT, which is 8-byte aligned */
		if (first & 1)
			o = ((o + 7) & ~7u) + 8;
		if (o < len) {
			uint8_t f = cur_peek_u8(c, o);
			fs_add_uint(fs, HFR(R_FLAGS), start + o, 1, f);
			fcs = (f & 0x10) != 0;
		}
	}
	fs_pop(fs, prev);
	cur_skip(c, len);
	pk_add_layer(pk, proto_wlan_radio);
	fs_add_none(fs, proto_wlan_radio, cur_pos(c), 0);
	uint32_t rest = cur_remaining(c);
	struct cursor w = cur_sub(c, fcs && rest >= 4 ? rest - 4 : rest);
	wlan_common(pk, &w, fcs);
	return (int)total;
}

static const struct dissector wlan_dissector = {"wlan_withoutfcs", dissect_wlan, 0};
static const struct dissector radiotap_dissector = {"radiotap", dissect_radiotap, 0};

void register_wlan(void)
{
	proto_radiotap =
	    proto_register("IEEE 802.11 Radiotap Capture header", "Radiotap", "radiotap");
	hfr = field_register(rt_fields, R_COUNT);
	proto_wlan_radio = proto_register("802.11 radio information", "802.11 Radio", "wlan_radio");
	proto_wlan = proto_register("IEEE 802.11 wireless LAN", "IEEE 802.11", "wlan");
	hf = field_register(fields, F_COUNT);
}

void handoff_wlan(void)
{
	dtable_add(DT_WTAP_ENCAP, 105, &wlan_dissector);
	dtable_add(DT_WTAP_ENCAP, 127, &radiotap_dissector);
	/* Aruba access points tunnel 802.11 frames in GRE */
	for (uint32_t t = 0x8200; t <= 0x820f; t++)
		dtable_add(DT_ETHERTYPE, t, &wlan_dissector);
}
