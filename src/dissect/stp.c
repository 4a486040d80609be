/*
** stp.c -- Spanning Tree BPDUs (802.1D STP, 802.1w RSTP; MSTP's common part)
** behind LLC DSAP 0x42, and Cisco PVST+ behind SNAP PID 0x010b: flags,
** root/bridge identifiers, timers, and tshark's "Conf."/"RST." Info line.
*/
#include <stdio.h>

#include "dissect.h"

enum {
	F_PROTOCOL,
	F_VERSION,
	F_TYPE,
	F_FLAGS,
	F_TCACK,
	F_AGREEMENT,
	F_FORWARDING,
	F_LEARNING,
	F_PORT_ROLE,
	F_PROPOSAL,
	F_TC,
	F_ROOT_PRIO,
	F_ROOT_EXT,
	F_ROOT_HW,
	F_ROOT_COST,
	F_BRIDGE_PRIO,
	F_BRIDGE_EXT,
	F_BRIDGE_HW,
	F_PORT,
	F_MSG_AGE,
	F_MAX_AGE,
	F_HELLO,
	F_FORWARD,
	F_V1_LEN,
	F_COUNT
};
static int hf, proto_stp;
#define HF(x) (hf + (x))

static const struct value_string protocol_vals[] = {{0, "Spanning Tree Protocol"}, {0, NULL}};

static const struct value_string version_vals[] = {
    {0, "Spanning Tree"},
    {2, "Rapid Spanning Tree"},
    {3, "Multiple Spanning Tree"},
    {4, "Shortest Path Tree"},
    {0, NULL},
};

static const struct value_string type_vals[] = {
    {0x00, "Configuration"},
    {0x02, "Rapid/Multiple Spanning Tree"},
    {0x80, "Topology Change Notification"},
    {0, NULL},
};

static const struct value_string role_vals[] = {
    {0, "Unknown"}, {1, "Alternate or Backup"}, {2, "Root"}, {3, "Designated"}, {0, NULL},
};

static const struct true_false_string yes_no = {"Yes", "No"};

#define FLAG(f, abbrev, name, bit)                                                                 \
	[f] = {"stp.flags." abbrev, name, FT_BOOLEAN, 8, &yes_no, bit, NULL}

static const struct field_def fields[F_COUNT] = {
    [F_PROTOCOL] = {"stp.protocol", "Protocol Identifier", FT_UINT16, BASE_HEX, protocol_vals, 0,
		    NULL},
    [F_VERSION] = {"stp.version", "Protocol Version Identifier", FT_UINT8, BASE_DEC, version_vals,
		   0, NULL},
    [F_TYPE] = {"stp.type", "BPDU Type", FT_UINT8, BASE_HEX, type_vals, 0, NULL},
    [F_FLAGS] = {"stp.flags", "BPDU flags", FT_UINT8, BASE_HEX, NULL, 0, NULL},
    FLAG(F_TCACK, "tcack", "Topology Change Acknowledgment", 0x80),
    FLAG(F_AGREEMENT, "agreement", "Agreement", 0x40),
    FLAG(F_FORWARDING, "forwarding", "Forwarding", 0x20),
    FLAG(F_LEARNING, "learning", "Learning", 0x10),
    [F_PORT_ROLE] = {"stp.flags.port_role", "Port Role", FT_UINT8, BASE_DEC, role_vals, 0x0c, NULL},
    FLAG(F_PROPOSAL, "proposal", "Proposal", 0x02),
    FLAG(F_TC, "tc", "Topology Change", 0x01),
    [F_ROOT_PRIO] = {"stp.root.prio", "Root Bridge Priority", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_ROOT_EXT] = {"stp.root.ext", "Root Bridge System ID Extension", FT_UINT16, BASE_DEC, NULL, 0,
		    NULL},
    [F_ROOT_HW] = {"stp.root.hw", "Root Bridge System ID", FT_ETHER, BASE_NONE, NULL, 0, NULL},
    [F_ROOT_COST] = {"stp.root.cost", "Root Path Cost", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_BRIDGE_PRIO] = {"stp.bridge.prio", "Bridge Priority", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_BRIDGE_EXT] = {"stp.bridge.ext", "Bridge System ID Extension", FT_UINT16, BASE_DEC, NULL, 0,
		      NULL},
    [F_BRIDGE_HW] = {"stp.bridge.hw", "Bridge System ID", FT_ETHER, BASE_NONE, NULL, 0, NULL},
    [F_PORT] = {"stp.port", "Port identifier", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_MSG_AGE] = {"stp.msg_age", "Message Age", FT_DOUBLE, BASE_NONE, NULL, 0, NULL},
    [F_MAX_AGE] = {"stp.max_age", "Max Age", FT_DOUBLE, BASE_NONE, NULL, 0, NULL},
    [F_HELLO] = {"stp.hello", "Hello Time", FT_DOUBLE, BASE_NONE, NULL, 0, NULL},
    [F_FORWARD] = {"stp.forward", "Forward Delay", FT_DOUBLE, BASE_NONE, NULL, 0, NULL},
    [F_V1_LEN] = {"stp.version_1_length", "Version 1 Length", FT_UINT8, BASE_DEC, NULL, 0, NULL},
};

static const char *mac_str(struct packet *pk, const uint8_t *m)
{
	return arena_printf(pk->arena, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3],
			    m[4], m[5]);
}

/* "BPDU flags: 0x3c, Forwarding, Learning, Port Role: Designated" */
static void add_flags(struct packet *pk, uint32_t pos, uint8_t fl, int rst)
{
	struct fieldset *fs = pk->fs;
	int it = fs_add_uint(fs, HF(F_FLAGS), pos, 1, fl);
	if (it >= 0 && fs->want_all) {
		char buf[160];
		int n = snprintf(buf, sizeof buf, "BPDU flags: 0x%02x", fl);
		if (fl & 0x80)
			n += snprintf(buf + n, sizeof buf - (size_t)n,
				      ", Topology Change Acknowledgment");
		if (rst) {
			if (fl & 0x40)
				n += snprintf(buf + n, sizeof buf - (size_t)n, ", Agreement");
			if (fl & 0x20)
				n += snprintf(buf + n, sizeof buf - (size_t)n, ", Forwarding");
			if (fl & 0x10)
				n += snprintf(buf + n, sizeof buf - (size_t)n, ", Learning");
			if (fl & 0x0c)
				n += snprintf(buf + n, sizeof buf - (size_t)n, ", Port Role: %s",
					      vals_lookup(role_vals, (fl >> 2) & 3u));
			if (fl & 0x02)
				n += snprintf(buf + n, sizeof buf - (size_t)n, ", Proposal");
		}
		if (fl & 0x01)
			snprintf(buf + n, sizeof buf - (size_t)n, ", Topology Change");
		fs_item(fs, it)->text = arena_printf(pk->arena, "%s", buf);
	}
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_TCACK), pos, 1, fl >> 7);
	if (rst) {
		fs_add_uint(fs, HF(F_AGREEMENT), pos, 1, (fl >> 6) & 1);
		fs_add_uint(fs, HF(F_FORWARDING), pos, 1, (fl >> 5) & 1);
		fs_add_uint(fs, HF(F_LEARNING), pos, 1, (fl >> 4) & 1);
		fs_add_uint(fs, HF(F_PORT_ROLE), pos, 1, (fl >> 2) & 3);
		fs_add_uint(fs, HF(F_PROPOSAL), pos, 1, (fl >> 1) & 1);
	}
	fs_add_uint(fs, HF(F_TC), pos, 1, fl & 1);
	fs_pop(fs, prev);
}

/* A bridge identifier: 4-bit priority, 12-bit system id extension, MAC. */
static void add_bridge_id(struct packet *pk, struct cursor *c, uint32_t start, uint32_t o,
			  int f_prio, const char *label)
{
	struct fieldset *fs = pk->fs;
	uint16_t v = cur_peek_be16(c, o);
	const uint8_t *m = cur_peek_ptr(c, o + 2, 6);
	int it = fs_add_none(fs, hf_text_item, start + o, 8);
	if (it >= 0 && fs->want_all)
		fs_item(fs, it)->text = arena_printf(pk->arena, "%s: %u / %u / %s", label,
						     v & 0xf000u, v & 0x0fffu, mac_str(pk, m));
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(f_prio), start + o, 1, v & 0xf000u);
	fs_add_uint(fs, HF(f_prio + 1), start + o, 2, v & 0x0fffu);
	fs_add_bytes(fs, HF(f_prio + 2), start + o + 2, 6, m, 6);
	fs_pop(fs, prev);
}

static int dissect_stp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	pk_add_layer(pk, proto_stp);
	col_set_proto(pk, "STP");
	col_clear_info(pk);
	if (!cur_check_at(c, 0, 4))
		return dissect_report_error(pk, c, proto_stp);
	uint8_t ver = cur_peek_u8(c, 2), type = cur_peek_u8(c, 3);
	int rst = type == 0x02;
	uint32_t len = type == 0x80 ? 4 : rst ? 36 : 35;
	if (type != 0x00 && type != 0x02 && type != 0x80) {
		col_append_info(pk, "Unknown BPDU type (%u)", type);
		fs_add_none(fs, proto_stp, start, cur_remaining(c));
		return (int)cur_remaining(c);
	}
	if (type == 0x80)
		col_append_info(pk, "Topology Change Notification");
	else if (pk->want_cols && cur_check_at(c, 0, 27)) {
		/* tshark writes the Info line from the identifiers before it reads the timers */
		uint16_t rv = cur_peek_be16(c, 5);
		col_append_info(pk, "%s. %sRoot = %u/%u/%s  Cost = %u  Port = 0x%04x",
				!rst       ? "Conf"
				: ver == 3 ? "MST"
					   : "RST",
				(cur_peek_u8(c, 4) & 1) ? "TC + " : "", rv & 0xf000u, rv & 0x0fffu,
				mac_str(pk, cur_peek_ptr(c, 7, 6)), cur_peek_be32(c, 13),
				cur_peek_be16(c, 25));
	}
	if (!cur_check_at(c, 0, len)) {
		fs_add_none(fs, proto_stp, start, cur_remaining(c));
		return dissect_report_error(pk, c, proto_stp);
	}
	int top = fs_add_none(fs, proto_stp, start, len);
	int prev = fs_push(fs, top);
	fs_add_uint(fs, HF(F_PROTOCOL), start, 2, cur_peek_be16(c, 0));
	fs_add_uint(fs, HF(F_VERSION), start + 2, 1, ver);
	fs_add_uint(fs, HF(F_TYPE), start + 3, 1, type);
	if (type != 0x80) {
		uint8_t fl = cur_peek_u8(c, 4);
		add_flags(pk, start + 4, fl, rst);
		add_bridge_id(pk, c, start, 5, F_ROOT_PRIO, "Root Identifier");
		fs_add_uint(fs, HF(F_ROOT_COST), start + 13, 4, cur_peek_be32(c, 13));
		add_bridge_id(pk, c, start, 17, F_BRIDGE_PRIO, "Bridge Identifier");
		fs_add_uint(fs, HF(F_PORT), start + 25, 2, cur_peek_be16(c, 25));
		for (uint32_t i = 0; i < 4; i++) /* timers count 1/256 s */
			fs_add_double(fs, HF(F_MSG_AGE + (int)i), start + 27 + 2 * i, 2,
				      cur_peek_be16(c, 27 + 2 * i) / 256.0);
		if (rst)
			fs_add_uint(fs, HF(F_V1_LEN), start + 35, 1, cur_peek_u8(c, 35));
	}
	fs_pop(fs, prev);
	return (int)len;
}

static const struct dissector stp_dissector = {"stp", dissect_stp, 0};

void register_stp(void)
{
	proto_stp = proto_register("Spanning Tree Protocol", "STP", "stp");
	hf = field_register(fields, F_COUNT);
}

void handoff_stp(void)
{
	dtable_add(DT_LLC_DSAP, 0x42, &stp_dissector);
	dtable_add(DT_LLC_CISCO_PID, 0x010b, &stp_dissector);
}
