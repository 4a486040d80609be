/*
** cdp.c -- Cisco Discovery Protocol, LLC/SNAP OUI 00000c PID 0x2000: version,
** TTL, Cisco's odd-length checksum, and the TLVs routers and switches send
** (device/port id, addresses, capabilities, software version, platform,
** VTP domain, native VLAN, duplex, MTU, system name).  Others keep their
** type and length.
*/
#include <string.h>

#include "../core/expert.h"
#include "app_util.h"
#include "dissect.h"
#include "icmp.h"
#include "tlv.h"

enum {
	F_VERSION,
	F_TTL,
	F_CHECKSUM,
	F_CHECKSUM_STATUS,
	F_TLV_TYPE,
	F_TLV_LEN,
	F_DEVICEID,
	F_PLATFORM,
	F_PORTID,
	F_CAPS,
	F_CAP_ROUTER,
	F_CAP_TBRIDGE,
	F_CAP_SRBRIDGE,
	F_CAP_SWITCH,
	F_CAP_HOST,
	F_CAP_IGMP,
	F_CAP_REPEATER,
	F_CAP_VOIP,
	F_CAP_REMOTE,
	F_CAP_CVTA,
	F_CAP_MACRELAY,
	F_NADDR,
	F_PROTO_TYPE,
	F_PROTO_LEN,
	F_PROTO,
	F_ADDR_LEN,
	F_ADDR,
	F_IPADDR,
	F_SWVER,
	F_VTP_DOMAIN,
	F_NATIVE_VLAN,
	F_DUPLEX,
	F_MTU,
	F_SYSNAME,
	F_DATA,
	F_COUNT
};
static int hf, proto_cdp;
#define HF(x) (hf + (x))

static const struct value_string tlv_vals[] = {
    {0x01, "Device ID"},
    {0x02, "Addresses"},
    {0x03, "Port ID"},
    {0x04, "Capabilities"},
    {0x05, "Software version"},
    {0x06, "Platform"},
    {0x07, "IP Prefixes"},
    {0x08, "Protocol Hello"},
    {0x09, "VTP Management Domain"},
    {0x0a, "Native VLAN"},
    {0x0b, "Duplex"},
    {0x0e, "VoIP VLAN Reply"},
    {0x0f, "VoIP VLAN Query"},
    {0x10, "Power consumption"},
    {0x11, "MTU"},
    {0x12, "Trust Bitmap"},
    {0x13, "Untrusted Port CoS"},
    {0x14, "System Name"},
    {0x15, "System Object ID"},
    {0x16, "Management Addresses"},
    {0x17, "Location"},
    {0x18, "External Port-ID"},
    {0x19, "Power Requested"},
    {0x1a, "Power Available"},
    {0x1b, "Port Unidirectional"},
    {0x1d, "EnergyWise over CDP"},
    {0x1f, "Spare Pair PoE"},
    {0x1003, "Radio Channel"},
    {0, NULL},
};

static const struct value_string proto_type_vals[] = {
    {1, "NLPID"},
    {2, "802.2"},
    {0, NULL},
};

static const struct value_string cksum_status_vals[] = {
    {0, "Bad"}, {1, "Good"}, {2, "Unverified"}, {3, "Not present"}, {4, "Illegal"}, {0, NULL},
};

static const struct true_false_string yes_no = {"Yes", "No"};
static const struct true_false_string full_half = {"Full", "Half"};

#define CAP(f, abbrev, name, bit)                                                                  \
	[f] = {"cdp.capabilities." abbrev, name, FT_BOOLEAN, 32, &yes_no, bit, NULL}

static const struct field_def fields[F_COUNT] = {
    [F_VERSION] = {"cdp.version", "Version", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_TTL] = {"cdp.ttl", "TTL", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_CHECKSUM] = {"cdp.checksum", "Checksum", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_CHECKSUM_STATUS] = {"cdp.checksum.status", "Checksum Status", FT_UINT8, BASE_NONE,
			   cksum_status_vals, 0, NULL},
    [F_TLV_TYPE] = {"cdp.tlv.type", "Type", FT_UINT16, BASE_HEX, tlv_vals, 0, NULL},
    [F_TLV_LEN] = {"cdp.tlv.len", "Length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_DEVICEID] = {"cdp.deviceid", "Device ID", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_PLATFORM] = {"cdp.platform", "Platform", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_PORTID] = {"cdp.portid", "Sent through Interface", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_CAPS] = {"cdp.capabilities", "Capabilities", FT_UINT32, BASE_HEX, NULL, 0, NULL},
    CAP(F_CAP_ROUTER, "router", "Router", 0x1),
    CAP(F_CAP_TBRIDGE, "trans_bridge", "Transparent Bridge", 0x2),
    CAP(F_CAP_SRBRIDGE, "src_bridge", "Source Route Bridge", 0x4),
    CAP(F_CAP_SWITCH, "switch", "Switch", 0x8),
    CAP(F_CAP_HOST, "host", "Host", 0x10),
    CAP(F_CAP_IGMP, "igmp_capable", "IGMP capable", 0x20),
    CAP(F_CAP_REPEATER, "repeater", "Repeater", 0x40),
    CAP(F_CAP_VOIP, "voip_phone", "VoIP Phone", 0x80),
    CAP(F_CAP_REMOTE, "remote", "Remotely Managed Device", 0x100),
    CAP(F_CAP_CVTA, "cvta", "CVTA/STP Dispute Resolution/Cisco VT Camera", 0x200),
    CAP(F_CAP_MACRELAY, "mac_relay", "Two Port Mac Relay", 0x400),
    [F_NADDR] = {"cdp.number_of_addresses", "Number of addresses", FT_UINT32, BASE_DEC, NULL, 0,
		 NULL},
    [F_PROTO_TYPE] = {"cdp.protocol_type", "Protocol type", FT_UINT8, BASE_HEX, proto_type_vals, 0,
		      NULL},
    [F_PROTO_LEN] = {"cdp.protocol_length", "Protocol length", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_PROTO] = {"cdp.protocol", "Protocol", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_ADDR_LEN] = {"cdp.address_length", "Address length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_ADDR] = {"cdp.address", "Address", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_IPADDR] = {"cdp.nrgyz.ip_address", "IP Address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_SWVER] = {"cdp.software_version", "Software version", FT_STRINGZ, BASE_NONE, NULL, 0, NULL},
    [F_VTP_DOMAIN] = {"cdp.vtp_management_domain", "VTP Management Domain", FT_STRING, BASE_NONE,
		      NULL, 0, NULL},
    [F_NATIVE_VLAN] = {"cdp.native_vlan", "Native VLAN", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_DUPLEX] = {"cdp.duplex", "Duplex", FT_BOOLEAN, 0, &full_half, 0, NULL},
    [F_MTU] = {"cdp.mtu", "MTU", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_SYSNAME] = {"cdp.system_name", "System Name", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_DATA] = {"cdp.data", "Data", FT_BYTES, BASE_NONE, NULL, 0, NULL},
};

/* Printable text of a string value, for labels and the Info column. */
static const char *text_of(struct packet *pk, const uint8_t *p, uint32_t n)
{
	char buf[256];
	app_fmt_text(buf, sizeof buf, p, n);
	return arena_strndup(pk->arena, buf, strlen(buf));
}

/*
** Cisco sums an odd-length packet as if its last byte were the low half of
** a big-endian word, and carries a sign-extension slip that it compensates
** in that word; tshark reproduces both, so do we.
*/
static int checksum_ok(const uint8_t *p, uint32_t n, uint16_t *want)
{
	uint32_t sum;
	if (n & 1) {
		uint8_t last[2] = {0, p[n - 1]};
		if (last[1] & 0x80) {
			last[1]--;
			last[0]--;
		}
		sum = icmp_sum(p, n - 1, 0);
		sum = icmp_sum(last, 2, sum);
	} else {
		sum = icmp_sum(p, n, 0);
	}
	uint16_t ck = (uint16_t)(p[2] << 8 | p[3]);
	uint32_t w = (uint32_t)ck + (~sum & 0xffff);
	w = (w & 0xffff) + (w >> 16);
	*want = (uint16_t)((w & 0xffff) + (w >> 16));
	return sum == 0xffff;
}

static void add_checksum(struct packet *pk, struct cursor *c, uint32_t start, uint32_t total)
{
	struct fieldset *fs = pk->fs;
	uint16_t ck = cur_peek_be16(c, 2), want = 0;
	int it = fs_add_uint(fs, HF(F_CHECKSUM), start + 2, 2, ck);
	const uint8_t *all = cur_peek_ptr(c, 0, total);
	int status = 2;
	if (all)
		status = checksum_ok(all, total, &want);
	c->err = CUR_OK;
	int prev = fs_push(fs, it);
	if (status == 0 && !pk->in_error)
		expert_add(fs, pk->arena, PI_ERROR, PI_CHECKSUM, "CDP",
			   "Bad checksum [should be 0x%04x]", want);
	fs_pop(fs, prev);
	int st = fs_add_uint(fs, HF(F_CHECKSUM_STATUS), start + 2, 0, (uint64_t)status);
	if (st >= 0)
		fs_item(fs, st)->flags |= FI_GENERATED;
	if (it < 0 || !fs->want_all)
		return;
	if (status == 1)
		fs_item(fs, it)->text = arena_printf(pk->arena, "Checksum: 0x%04x [correct]", ck);
	else if (status == 0)
		fs_item(fs, it)->text = arena_printf(
		    pk->arena, "Checksum: 0x%04x incorrect, should be 0x%04x", ck, want);
}

static void addresses(struct packet *pk, struct cursor *c, uint32_t start, uint32_t o, uint32_t end)
{
	struct fieldset *fs = pk->fs;
	if (o + 4 > end)
		return;
	uint32_t n = cur_peek_be32(c, o);
	fs_add_uint(fs, HF(F_NADDR), start + o, 4, n);
	o += 4;
	for (uint32_t i = 0; i < n && o + 2 <= end; i++) {
		uint8_t pt = cur_peek_u8(c, o), pl = cur_peek_u8(c, o + 1);
		if (o + 2 + pl + 2 > end)
			break;
		uint16_t al = cur_peek_be16(c, o + 2 + pl);
		uint32_t alen = 2u + pl + 2u + al;
		if (o + alen > end)
			break;
		const uint8_t *proto = cur_peek_ptr(c, o + 2, pl);
		const uint8_t *addr = cur_peek_ptr(c, o + 4 + pl, al);
		int is_ip = pt == 1 && pl == 1 && proto && proto[0] == 0xcc && al == 4;
		int it = fs_add_none(fs, hf_text_item, start + o, alen);
		if (is_ip && fs->want_all)
			fs_tree_text(pk->fs, it,
				     arena_printf(pk->arena, "IP address: %u.%u.%u.%u", addr[0],
						  addr[1], addr[2], addr[3]));
		else
			fs_tree_text(pk->fs, it, "Address");
		int prev = fs_push(fs, it);
		fs_add_uint(fs, HF(F_PROTO_TYPE), start + o, 1, pt);
		fs_add_uint(fs, HF(F_PROTO_LEN), start + o + 1, 1, pl);
		int pi = fs_add_bytes(fs, HF(F_PROTO), start + o + 2, pl, proto, pl);
		if (is_ip)
			fs_tree_text(pk->fs, pi, "Protocol: IP");
		fs_add_uint(fs, HF(F_ADDR_LEN), start + o + 2 + pl, 2, al);
		if (is_ip)
			fs_add_bytes(fs, HF(F_IPADDR), start + o + 4 + pl, 4, addr, 4);
		else
			fs_add_bytes(fs, HF(F_ADDR), start + o + 4 + pl, al, addr, al);
		fs_pop(fs, prev);
		o += alen;
	}
}

static void capabilities(struct packet *pk, struct cursor *c, uint32_t start, uint32_t o,
			 uint32_t end)
{
	struct fieldset *fs = pk->fs;
	if (o + 4 > end)
		return;
	uint32_t caps = cur_peek_be32(c, o);
	int it = fs_add_uint(fs, HF(F_CAPS), start + o, 4, caps);
	int prev = fs_push(fs, it);
	for (int b = 0; b <= F_CAP_MACRELAY - F_CAP_ROUTER; b++)
		fs_add_uint(fs, HF(F_CAP_ROUTER + b), start + o, 4, (caps >> b) & 1);
	fs_pop(fs, prev);
}

/* The software version TLV: one item per line, as tshark splits it. */
static void sw_version(struct packet *pk, struct cursor *c, uint32_t start, uint32_t o,
		       uint32_t end)
{
	const uint8_t *p = cur_peek_ptr(c, o, end - o);
	if (!p)
		return;
	uint32_t n = end - o, i = 0;
	while (i < n && p[i] != 0) {
		uint32_t j = i;
		while (j < n && p[j] != '\n' && p[j] != 0)
			j++;
		int it = fs_add_bytes(pk->fs, HF(F_SWVER), start + o + i, j - i, p + i, j - i);
		if (it >= 0 && pk->fs->want_all)
			fs_item(pk->fs, it)->text = arena_printf(pk->arena, "Software version: %s",
								 text_of(pk, p + i, j - i));
		i = j < n && p[j] == '\n' ? j + 1 : j;
		if (j < n && p[j] == 0)
			break;
	}
}

/* A string TLV whose item label and tree label read "Name: value". */
static void string_tlv(struct packet *pk, struct cursor *c, int f, const char *tree_name,
		       uint32_t start, uint32_t o, uint32_t end, int tlv_it, int info)
{
	const uint8_t *p = cur_peek_ptr(c, o, end - o);
	if (!p)
		return;
	fs_add_bytes(pk->fs, HF(f), start + o, end - o, p, end - o);
	if (!pk->fs->want_all && !(info && pk->want_cols))
		return;
	/* labels and Info stop at a NUL, as tshark's do */
	const char *s = text_of(pk, p, (uint32_t)strnlen((const char *)p, end - o));
	fs_tree_text(pk->fs, tlv_it, arena_printf(pk->arena, "%s: %s", tree_name, s));
	if (info && pk->want_cols)
		col_append_info(pk, "%s: %s  ", tree_name, s);
}

static void tlv_value(struct packet *pk, struct cursor *c, uint32_t start, uint16_t type,
		      uint32_t o, uint32_t end, int tlv_it)
{
	struct fieldset *fs = pk->fs;
	switch (type) {
	case 0x01:
		string_tlv(pk, c, F_DEVICEID, "Device ID", start, o, end, tlv_it, 1);
		break;
	case 0x02:
	case 0x16:
		addresses(pk, c, start, o, end);
		break;
	case 0x03:
		string_tlv(pk, c, F_PORTID, "Port ID", start, o, end, tlv_it, 1);
		break;
	case 0x04:
		capabilities(pk, c, start, o, end);
		break;
	case 0x05:
		sw_version(pk, c, start, o, end);
		fs_tree_text(pk->fs, tlv_it, "Software Version");
		break;
	case 0x06:
		string_tlv(pk, c, F_PLATFORM, "Platform", start, o, end, tlv_it, 0);
		break;
	case 0x09:
		string_tlv(pk, c, F_VTP_DOMAIN, "VTP Management Domain", start, o, end, tlv_it, 0);
		break;
	case 0x14:
		string_tlv(pk, c, F_SYSNAME, "System Name", start, o, end, tlv_it, 0);
		break;
	case 0x0a:
		if (o + 2 <= end) {
			uint16_t v = cur_peek_be16(c, o);
			fs_add_uint(fs, HF(F_NATIVE_VLAN), start + o, 2, v);
			if (fs->want_all)
				fs_tree_text(pk->fs, tlv_it,
					     arena_printf(pk->arena, "Native VLAN: %u", v));
		}
		break;
	case 0x0b:
		if (o + 1 <= end) {
			uint8_t v = cur_peek_u8(c, o);
			fs_add_uint(fs, HF(F_DUPLEX), start + o, 1, v != 0);
			fs_tree_text(pk->fs, tlv_it, v ? "Duplex: Full" : "Duplex: Half");
		}
		break;
	case 0x11:
		if (o + 4 <= end) {
			uint32_t v = cur_peek_be32(c, o);
			fs_add_uint(fs, HF(F_MTU), start + o, 4, v);
			if (fs->want_all)
				fs_tree_text(pk->fs, tlv_it, arena_printf(pk->arena, "MTU: %u", v));
		}
		break;
	default:
		if (o < end)
			fs_add_bytes(fs, HF(F_DATA), start + o, end - o,
				     cur_peek_ptr(c, o, end - o), end - o);
	}
}

static int dissect_cdp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_cdp);
	col_set_proto(pk, "CDP");
	col_clear_info(pk);
	int top = fs_add_none(fs, proto_cdp, start, total);
	if (!cur_check_at(c, 0, 4))
		return dissect_report_error(pk, c, proto_cdp);
	int prev = fs_push(fs, top);
	fs_add_uint(fs, HF(F_VERSION), start, 1, cur_peek_u8(c, 0));
	uint8_t ttl = cur_peek_u8(c, 1);
	int ti = fs_add_uint(fs, HF(F_TTL), start + 1, 1, ttl);
	if (ti >= 0 && fs->want_all)
		fs_item(fs, ti)->text = arena_printf(pk->arena, "TTL: %u seconds", ttl);
	/* tshark sums the whole message before any TLV: a short capture stops it here */
	if (!cur_check_at(c, 0, total)) {
		fs_pop(fs, prev);
		return dissect_report_error(pk, c, proto_cdp);
	}
	add_checksum(pk, c, start, total);
	const struct tlv16_list tlvs = {tlv_vals, "Unknown", HF(F_TLV_TYPE), HF(F_TLV_LEN),
					tlv_value};
	tlv16_walk(pk, c, start, 4, total, &tlvs);
	fs_pop(fs, prev);
	if (c->err || !cur_check_at(c, 0, total))
		return dissect_report_error(pk, c, proto_cdp);
	return (int)total;
}

static const struct dissector cdp_dissector = {"cdp", dissect_cdp, 0};

void register_cdp(void)
{
	proto_cdp = proto_register("Cisco Discovery Protocol", "CDP", "cdp");
	hf = field_register(fields, F_COUNT);
}

void handoff_cdp(void)
{
	dtable_add(DT_LLC_CISCO_PID, 0x2000, &cdp_dissector);
}
