/*
** dhcpv6.c -- DHCPv6 (RFC 8415) on udp 546/547: message type, transaction
** id and the client DUID, as tshark's Info column shows them.
*/
#include <stdio.h>

#include "dissect.h"

enum { F_MSGTYPE, F_XID, F_COUNT };
static int hf, proto_dhcpv6;
#define HF(x) (hf + (x))

static const struct value_string msg_vals[] = {
    {1, "Solicit"},
    {2, "Advertise"},
    {3, "Request"},
    {4, "Confirm"},
    {5, "Renew"},
    {6, "Rebind"},
    {7, "Reply"},
    {8, "Release"},
    {9, "Decline"},
    {10, "Reconfigure"},
    {11, "Information-request"},
    {12, "Relay-forw"},
    {13, "Relay-reply"},
    {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_MSGTYPE] = {"dhcpv6.msgtype", "Message type", FT_UINT8, BASE_DEC, msg_vals, 0, NULL},
    [F_XID] = {"dhcpv6.xid", "Transaction ID", FT_UINT24, BASE_HEX, NULL, 0, NULL},
};

static int dissect_dhcpv6(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_dhcpv6);
	col_set_proto(pk, "DHCPv6");
	int it = fs_add_none(fs, proto_dhcpv6, start, total);
	int prev = fs_push(fs, it);
	uint8_t mt = cur_peek_u8(c, 0);
	uint32_t xid = cur_peek_be24(c, 1);
	if (c->err) {
		fs_pop(fs, prev);
		return dissect_report_error(pk, c, proto_dhcpv6);
	}
	fs_add_uint(fs, HF(F_MSGTYPE), start, 1, mt);
	col_clear_info(pk);
	const char *name = vals_lookup(msg_vals, mt);
	if (name)
		col_append_info(pk, "%s ", name);
	else
		col_append_info(pk, "Unknown (%u) ", mt);
	if (mt == 12 || mt == 13) {
		fs_pop(fs, prev);
		return (int)total;
	}
	fs_add_uint(fs, HF(F_XID), start + 1, 3, xid);
	col_append_info(pk, "XID: 0x%06x ", xid);
	struct cursor o = *c;
	cur_skip(&o, 4);
	while (cur_remaining(&o) >= 4 && !o.err) {
		uint16_t code = cur_be16(&o), len = cur_be16(&o);
		const uint8_t *v = cur_peek_ptr(&o, 0, len);
		if (!v)
			break;
		cur_skip(&o, len);
		if (code == 1 && pk->want_cols) {
			col_append_info(pk, "CID: ");
			for (uint32_t i = 0; i < len; i++)
				col_append_info(pk, "%02x", v[i]);
			col_append_info(pk, " ");
		}
	}
	fs_pop(fs, prev);
	return (int)total;
}

static const struct dissector dhcpv6_dissector = {"dhcpv6", dissect_dhcpv6, 0};

void register_dhcpv6(void)
{
	proto_dhcpv6 = proto_register("DHCPv6", "DHCPv6", "dhcpv6");
	hf = field_register(fields, F_COUNT);
}

void handoff_dhcpv6(void)
{
	dtable_add(DT_UDP_PORT, 546, &dhcpv6_dissector);
	dtable_add(DT_UDP_PORT, 547, &dhcpv6_dissector);
}
