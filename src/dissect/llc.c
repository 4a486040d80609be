/*
** llc.c -- IEEE 802.2 Logical-Link Control with SNAP: the payload of 802.3
** length frames, 802.11 data frames and Linux SLL type 4.  SNAP with OUI 0
** (RFC 1042) carries an ethertype, dispatched through DT_ETHERTYPE.
*/
#include "eth.h"

enum { F_DSAP, F_SSAP, F_CONTROL, F_TYPE, F_OUI, F_PID, F_CISCO_PID, F_COUNT };
static int hf, proto_llc;
#define HF(x) (hf + (x))

static const struct value_string sap_vals[] = {
    {0x00, "NULL LSAP"},   {0x42, "Spanning Tree BPDU"},
    {0xaa, "SNAP"},        {0xe0, "NetWare"},
    {0xf0, "NetBIOS"},     {0xfe, "ISO Network Layer (OSLAN 1)"},
    {0xff, "Global LSAP"}, {0, NULL},
};

/* SNAP PIDs under Cisco's OUI (tshark's cisco_pid_vals, the common ones) */
static const struct value_string cisco_pid_vals[] = {
    {0x0102, "DRIP"},
    {0x0104, "PAgP"},
    {0x0105, "MLS Hello"},
    {0x010b, "PVSTP+"},
    {0x010c, "VLAN Bridge"},
    {0x0111, "UDLD"},
    {0x2000, "CDP"},
    {0x2001, "CGMP"},
    {0x2003, "VTP"},
    {0x2004, "DTP"},
    {0x200a, "STP Uplink Fast"},
    {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_DSAP] = {"llc.dsap", "DSAP", FT_UINT8, BASE_HEX, sap_vals, 0,
		"Destination Service Access Point"},
    [F_SSAP] = {"llc.ssap", "SSAP", FT_UINT8, BASE_HEX, sap_vals, 0, "Source Service Access Point"},
    [F_CONTROL] = {"llc.control", "Control", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_TYPE] = {"llc.type", "Type", FT_UINT16, BASE_HEX, etype_vals, 0, NULL},
    [F_OUI] = {"llc.oui", "Organization Code", FT_UINT24, BASE_OUI, NULL, 0, NULL},
    [F_PID] = {"llc.pid", "Protocol ID", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_CISCO_PID] = {"llc.cisco_pid", "PID", FT_UINT16, BASE_HEX, cisco_pid_vals, 0, NULL},
};

/* Unnumbered-frame function names for the Info column (modifier bits). */
static const char *u_func(uint8_t ctl)
{
	switch (ctl & 0xec) {
	case 0x00:
		return "UI";
	case 0xac:
		return "XID";
	case 0xe0:
		return "TEST";
	case 0x2c:
		return "SABME";
	case 0x40:
		return "DISC";
	case 0x60:
		return "UA";
	case 0x0c:
		return "DM";
	case 0x84:
		return "FRMR";
	}
	return "Unknown";
}

static int dissect_llc(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	uint8_t dsap = cur_peek_u8(c, 0), ssap = cur_peek_u8(c, 1), ctl = cur_peek_u8(c, 2);
	pk_add_layer(pk, proto_llc);
	col_set_proto(pk, "LLC");
	int it = fs_add_none(fs, proto_llc, start, total);
	if (c->err)
		return dissect_report_error(pk, c, proto_llc);
	int is_u = (ctl & 3) == 3;
	uint32_t hlen = is_u ? 3 : 4;
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_DSAP), start, 1, dsap);
	fs_add_uint(fs, HF(F_SSAP), start + 1, 1, ssap);
	fs_add_uint(fs, HF(F_CONTROL), start + 2, is_u ? 1 : 2,
		    is_u ? ctl : (uint32_t)cur_peek_be16(c, 2));
	if (pk->want_cols) {
		col_clear_info(pk);
		if (is_u)
			col_append_info(pk, "U%s, func=%s", (ssap & 1) ? "" : "", u_func(ctl));
		else if (ctl & 1)
			col_append_info(pk, "S, func=%s, N(R)=%u",
					(ctl & 0x0c) == 0   ? "RR"
					: (ctl & 0x0c) == 4 ? "RNR"
							    : "REJ",
					cur_peek_u8(c, 3) >> 1);
		else
			col_append_info(pk, "I, N(R)=%u, N(S)=%u", cur_peek_u8(c, 3) >> 1,
					ctl >> 1);
	}
	if (dsap == 0xaa && ssap == 0xaa && is_u) {
		uint32_t oui = cur_peek_be24(c, 3);
		uint16_t pid = cur_peek_be16(c, 6);
		if (c->err) {
			fs_pop(fs, prev);
			return dissect_report_error(pk, c, proto_llc);
		}
		fs_add_uint(fs, HF(F_OUI), start + 3, 3, oui);
		if (oui == 0 || oui == 0xf8)
			fs_add_uint(fs, HF(F_TYPE), start + 6, 2, pid);
		else if (oui == 0x00000c)
			fs_add_uint(fs, HF(F_CISCO_PID), start + 6, 2, pid);
		else
			fs_add_uint(fs, HF(F_PID), start + 6, 2, pid);
		fs_pop(fs, prev);
		if (pk->want_cols)
			col_append_info(pk, "; SNAP, OUI 0x%06X, PID 0x%04X", oui, pid);
		cur_skip(c, 8);
		struct cursor pl = cur_rest(c);
		if (cur_remaining(&pl) == 0)
			return (int)total;
		struct cursor try = pl;
		int done = 0;
		if (pk->nlayers < PK_MAX_LAYERS - 4) {
			if (oui == 0 || oui == 0xf8)
				done = dissect_next(pk, DT_ETHERTYPE, pid, &try) != 0;
			else if (oui == 0x00000c)
				done = dissect_next(pk, DT_LLC_CISCO_PID, pid, &try) != 0;
		}
		if (!done)
			dissect_data(pk, &pl);
		return (int)total;
	}
	fs_pop(fs, prev);
	if (!cur_skip(c, hlen))
		return dissect_report_error(pk, c, proto_llc);
	struct cursor pl = cur_rest(c);
	struct cursor try = pl;
	if (cur_remaining(&pl) &&
	    (pk->nlayers >= PK_MAX_LAYERS - 4 || dissect_next(pk, DT_LLC_DSAP, dsap, &try) == 0))
		dissect_data(pk, &pl);
	return (int)total;
}

static const struct dissector llc_dissector = {"llc", dissect_llc, 0};

void register_llc(void)
{
	proto_llc = proto_register("Logical-Link Control", "LLC", "llc");
	hf = field_register(fields, F_COUNT);
}

void handoff_llc(void)
{
	dtable_add(DT_ETHERTYPE, ETHERTYPE_LLC_PSEUDO, &llc_dissector);
}
