/*
** dhcp.c -- BOOTP (RFC 951) and DHCP (RFC 2131) on udp 67/68.
**
** tshark calls the message "DHCP" once option 53 gives a DHCP message type,
** and "BOOTP" otherwise; the Info column follows the same split.
*/
#include <stdio.h>

#include "dissect.h"

enum {
	F_TYPE,
	F_HW_TYPE,
	F_HW_LEN,
	F_HOPS,
	F_ID,
	F_SECS,
	F_FLAGS,
	F_FLAGS_BC,
	F_FLAGS_RES,
	F_IP_CLIENT,
	F_IP_YOUR,
	F_IP_SERVER,
	F_IP_RELAY,
	F_HW_MAC,
	F_HW_ADDR,
	F_HW_PAD,
	F_SERVER,
	F_FILE,
	F_COOKIE,
	F_OPT_TYPE,
	F_OPT_LEN,
	F_OPT_VALUE,
	F_OPT_DHCP,
	F_OPT_END,
	F_OPT_PAD,
	F_OPT_REQ_IP,
	F_OPT_HOSTNAME,
	F_OPT_SERVER_ID,
	F_OPT_SUBNET,
	F_OPT_ROUTER,
	F_OPT_DNS,
	F_OPT_LEASE,
	F_OPT_VCI,
	F_OPT_DOMAIN,
	F_OPT_REQ_ITEM,
	F_OPT_MAXSIZE,
	F_OPT_RENEW,
	F_OPT_REBIND,
	F_OPT_BCAST,
	F_OPT_MSG,
	F_COUNT
};
static int hf, proto_dhcp;
#define HF(x) (hf + (x))

static const struct value_string msgtype_vals[] = {
    {1, "Discover"},
    {2, "Offer"},
    {3, "Request"},
    {4, "Decline"},
    {5, "ACK"},
    {6, "NAK"},
    {7, "Release"},
    {8, "Inform"},
    {9, "Force Renew"},
    {10, "Lease query"},
    {11, "Lease Unassigned"},
    {12, "Lease Unknown"},
    {13, "Lease Active"},
    {14, "Bulk Lease Query"},
    {15, "Lease Query Done"},
    {16, "Active LeaseQuery"},
    {17, "Lease Query Status"},
    {18, "TLS"},
    {0, NULL},
};

static const struct value_string op_vals[] = {{1, "Boot Request"}, {2, "Boot Reply"}, {0, NULL}};

static const struct field_def fields[F_COUNT] = {
    [F_TYPE] = {"dhcp.type", "Message type", FT_UINT8, BASE_DEC, op_vals, 0, NULL},
    [F_HW_TYPE] = {"dhcp.hw.type", "Hardware type", FT_UINT8, BASE_HEX, NULL, 0, NULL},
    [F_HW_LEN] = {"dhcp.hw.len", "Hardware address length", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_HOPS] = {"dhcp.hops", "Hops", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_ID] = {"dhcp.id", "Transaction ID", FT_UINT32, BASE_HEX, NULL, 0, NULL},
    [F_SECS] = {"dhcp.secs", "Seconds elapsed", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_FLAGS] = {"dhcp.flags", "Bootp flags", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_FLAGS_BC] = {"dhcp.flags.bc", "Broadcast flag", FT_BOOLEAN, 16, NULL, 0x8000, NULL},
    [F_FLAGS_RES] = {"dhcp.flags.reserved", "Reserved flags", FT_UINT16, BASE_HEX, NULL, 0x7fff,
		     NULL},
    [F_IP_CLIENT] = {"dhcp.ip.client", "Client IP address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_IP_YOUR] = {"dhcp.ip.your", "Your (client) IP address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_IP_SERVER] = {"dhcp.ip.server", "Next server IP address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_IP_RELAY] = {"dhcp.ip.relay", "Relay agent IP address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_HW_MAC] = {"dhcp.hw.mac_addr", "Client MAC address", FT_ETHER, BASE_NONE, NULL, 0, NULL},
    [F_HW_ADDR] = {"dhcp.hw.addr", "Client hardware address", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_HW_PAD] = {"dhcp.hw.addr_padding", "Client hardware address padding", FT_BYTES, BASE_NONE,
		  NULL, 0, NULL},
    [F_SERVER] = {"dhcp.server", "Server host name", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_FILE] = {"dhcp.file", "Boot file name", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_COOKIE] = {"dhcp.cookie", "Magic cookie", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_OPT_TYPE] = {"dhcp.option.type", "Option", FT_UINT8, BASE_DEC, NULL, 0,
		    "DHCP/BOOTP option type"},
    [F_OPT_LEN] = {"dhcp.option.length", "Length", FT_UINT8, BASE_DEC, NULL, 0,
		   "DHCP/BOOTP option length"},
    [F_OPT_VALUE] = {"dhcp.option.value", "Value", FT_BYTES, BASE_NONE, NULL, 0,
		     "DHCP/BOOTP option value"},
    [F_OPT_DHCP] = {"dhcp.option.dhcp", "DHCP", FT_UINT8, BASE_DEC, msgtype_vals, 0,
		    "Option 53: DHCP option"},
    [F_OPT_END] = {"dhcp.option.end", "Option End", FT_UINT8, BASE_DEC, NULL, 0, "Option 255: End"},
    [F_OPT_PAD] = {"dhcp.option.padding", "Padding", FT_BYTES, BASE_NONE, NULL, 0,
		   "Option 0: Padding"},
    [F_OPT_REQ_IP] = {"dhcp.option.requested_ip_address", "Requested IP Address", FT_IPv4,
		      BASE_NONE, NULL, 0, "Option 50: Requested IP Address"},
    [F_OPT_HOSTNAME] = {"dhcp.option.hostname", "Host Name", FT_STRINGZ, BASE_NONE, NULL, 0,
			"Option 12: Host Name"},
    [F_OPT_SERVER_ID] = {"dhcp.option.dhcp_server_id", "DHCP Server Identifier", FT_IPv4, BASE_NONE,
			 NULL, 0, "Option 54: DHCP Server Identifier"},
    [F_OPT_SUBNET] = {"dhcp.option.subnet_mask", "Subnet Mask", FT_IPv4, BASE_NONE, NULL, 0,
		      "Option 1: Subnet Mask"},
    [F_OPT_ROUTER] = {"dhcp.option.router", "Router", FT_IPv4, BASE_NONE, NULL, 0,
		      "Option 3: Router"},
    [F_OPT_DNS] = {"dhcp.option.domain_name_server", "Domain Name Server", FT_IPv4, BASE_NONE, NULL,
		   0, "Option 6: Domain Name Server"},
    [F_OPT_LEASE] = {"dhcp.option.ip_address_lease_time", "IP Address Lease Time", FT_UINT32,
		     BASE_DEC, NULL, 0, "Option 51: IP Address Lease Time"},
    [F_OPT_VCI] = {"dhcp.option.vendor_class_id", "Vendor class identifier", FT_STRINGZ, BASE_NONE,
		   NULL, 0, "Option 60: Vendor class identifier"},
    [F_OPT_DOMAIN] = {"dhcp.option.domain_name", "Domain Name", FT_STRINGZ, BASE_NONE, NULL, 0,
		      "Option 15: Domain Name"},
    [F_OPT_REQ_ITEM] = {"dhcp.option.request_list_item", "Parameter Request List Item", FT_UINT8,
			BASE_DEC, NULL, 0, "Option 55: Parameter Request List Item"},
    [F_OPT_MAXSIZE] = {"dhcp.option.dhcp_max_message_size", "Maximum DHCP Message Size", FT_UINT16,
		       BASE_DEC, NULL, 0, "Option 57: Maximum DHCP Message Size"},
    [F_OPT_RENEW] = {"dhcp.option.renewal_time_value", "Renewal Time Value", FT_UINT32, BASE_DEC,
		     NULL, 0, "Option 58: Renewal Time Value"},
    [F_OPT_REBIND] = {"dhcp.option.rebinding_time_value", "Rebinding Time Value", FT_UINT32,
		      BASE_DEC, NULL, 0, "Option 59: Rebinding Time Value"},
    [F_OPT_BCAST] = {"dhcp.option.broadcast_address", "Broadcast Address", FT_IPv4, BASE_NONE, NULL,
		     0, "Option 28: Broadcast Address"},
    [F_OPT_MSG] = {"dhcp.option.message", "Message", FT_STRINGZ, BASE_NONE, NULL, 0,
		   "Option 56: Option message"},
};

/* Options whose value is one IPv4 address, or a list of them. */
static int ipv4_option_field(uint8_t code)
{
	switch (code) {
	case 1:
		return F_OPT_SUBNET;
	case 3:
		return F_OPT_ROUTER;
	case 6:
		return F_OPT_DNS;
	case 28:
		return F_OPT_BCAST;
	case 50:
		return F_OPT_REQ_IP;
	case 54:
		return F_OPT_SERVER_ID;
	default:
		return -1;
	}
}

static int string_option_field(uint8_t code)
{
	switch (code) {
	case 12:
		return F_OPT_HOSTNAME;
	case 15:
		return F_OPT_DOMAIN;
	case 56:
		return F_OPT_MSG;
	case 60:
		return F_OPT_VCI;
	default:
		return -1;
	}
}

static int u32_option_field(uint8_t code)
{
	switch (code) {
	case 51:
		return F_OPT_LEASE;
	case 58:
		return F_OPT_RENEW;
	case 59:
		return F_OPT_REBIND;
	default:
		return -1;
	}
}

/* Bytes up to the first NUL (or n), as tshark shows FT_STRINGZ values. */
static uint32_t strz_len(const uint8_t *p, uint32_t n)
{
	uint32_t i = 0;
	while (i < n && p[i])
		i++;
	return i;
}

/* Options from c; returns the DHCP message type (option 53) or -1. */
static int dissect_options(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	int msgtype = -1;
	while (cur_remaining(c) > 0) {
		uint32_t at = cur_pos(c);
		uint8_t code = cur_u8(c);
		if (c->err)
			break;
		if (code == 0) {
			/* tshark shows a run of padding as one item */
			uint32_t n = 1;
			while (cur_avail(c) > 0 && cur_peek_u8(c, 0) == 0) {
				cur_skip(c, 1);
				n++;
			}
			fs_add_bytes(fs, HF(F_OPT_PAD), at, n, cur_peek_ptr(c, 0, 0) - n, n);
			continue;
		}
		if (code == 255) {
			/* tshark 4.0 reports the End option's type as 0 in -T fields */
			fs_add_uint(fs, HF(F_OPT_TYPE), at, 1, 0);
			fs_add_uint(fs, HF(F_OPT_END), at, 1, code);
			struct cursor rest = cur_rest(c);
			uint32_t n = cur_remaining(&rest);
			const uint8_t *p = cur_peek_ptr(&rest, 0, cur_avail(&rest));
			if (n && p)
				fs_add_bytes(fs, HF(F_OPT_PAD), at + 1, n, p, cur_avail(&rest));
			break;
		}
		uint8_t len = cur_u8(c);
		const uint8_t *v = cur_peek_ptr(c, 0, len);
		if (!v)
			break;
		cur_skip(c, len);
		fs_add_uint(fs, HF(F_OPT_TYPE), at, 1, code);
		fs_add_uint(fs, HF(F_OPT_LEN), at + 1, 1, len);
		uint32_t vp = at + 2;
		int f;
		fs_add_bytes(fs, HF(F_OPT_VALUE), vp, len, v, len);
		if (code == 53 && len >= 1) {
			msgtype = v[0];
			fs_add_uint(fs, HF(F_OPT_DHCP), vp, 1, v[0]);
		} else if ((f = ipv4_option_field(code)) >= 0 && len >= 4) {
			for (uint32_t i = 0; i + 4 <= len; i += 4)
				fs_add_bytes(fs, HF(f), vp + i, 4, v + i, 4);
		} else if ((f = string_option_field(code)) >= 0) {
			fs_add_bytes(fs, HF(f), vp, len, v, strz_len(v, len));
		} else if ((f = u32_option_field(code)) >= 0 && len == 4) {
			fs_add_uint(fs, HF(f), vp, 4,
				    (uint32_t)v[0] << 24 | (uint32_t)v[1] << 16 |
					(uint32_t)v[2] << 8 | v[3]);
		} else if (code == 55) {
			for (uint32_t i = 0; i < len; i++)
				fs_add_uint(fs, HF(F_OPT_REQ_ITEM), vp + i, 1, v[i]);
		} else if (code == 61 && len == 7 && v[0] == 1) {
			/* client identifier of an Ethernet client: its type and MAC, as tshark */
			fs_add_uint(fs, HF(F_HW_TYPE), vp, 1, v[0]);
			fs_add_bytes(fs, HF(F_HW_MAC), vp + 1, 6, v + 1, 6);
		} else if (code == 57 && len == 2) {
			fs_add_uint(fs, HF(F_OPT_MAXSIZE), vp, 2, (uint32_t)(v[0] << 8 | v[1]));
		}
	}
	return msgtype;
}

static int dissect_dhcp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	pk_add_layer(pk, proto_dhcp);
	col_set_proto(pk, "BOOTP");
	int it = fs_add_none(fs, proto_dhcp, start, cur_remaining(c));
	int prev = fs_push(fs, it);
	const uint8_t *h = cur_peek_ptr(c, 0, 236);
	if (!h) {
		fs_pop(fs, prev);
		return dissect_report_error(pk, c, proto_dhcp);
	}
	uint8_t op = h[0], hlen = h[2];
	uint32_t xid = (uint32_t)h[4] << 24 | (uint32_t)h[5] << 16 | (uint32_t)h[6] << 8 | h[7];
	uint16_t flags = (uint16_t)(h[10] << 8 | h[11]);
	fs_add_uint(fs, HF(F_TYPE), start, 1, op);
	fs_add_uint(fs, HF(F_HW_TYPE), start + 1, 1, h[1]);
	fs_add_uint(fs, HF(F_HW_LEN), start + 2, 1, hlen);
	fs_add_uint(fs, HF(F_HOPS), start + 3, 1, h[3]);
	fs_add_uint(fs, HF(F_ID), start + 4, 4, xid);
	fs_add_uint(fs, HF(F_SECS), start + 8, 2, (uint32_t)(h[8] << 8 | h[9]));
	fs_add_uint(fs, HF(F_FLAGS), start + 10, 2, flags);
	fs_add_uint(fs, HF(F_FLAGS_BC), start + 10, 2, flags >> 15);
	fs_add_uint(fs, HF(F_FLAGS_RES), start + 10, 2, flags & 0x7fff);
	fs_add_bytes(fs, HF(F_IP_CLIENT), start + 12, 4, h + 12, 4);
	fs_add_bytes(fs, HF(F_IP_YOUR), start + 16, 4, h + 16, 4);
	fs_add_bytes(fs, HF(F_IP_SERVER), start + 20, 4, h + 20, 4);
	fs_add_bytes(fs, HF(F_IP_RELAY), start + 24, 4, h + 24, 4);
	int ether = h[1] == 1 && hlen == 6;
	if (ether) {
		fs_add_bytes(fs, HF(F_HW_MAC), start + 28, 6, h + 28, 6);
		fs_add_bytes(fs, HF(F_HW_PAD), start + 34, 10, h + 34, 10);
	} else if (hlen > 0 && hlen <= 16) {
		fs_add_bytes(fs, HF(F_HW_ADDR), start + 28, hlen, h + 28, hlen);
	}
	fs_add_bytes(fs, HF(F_SERVER), start + 44, 64, h + 44, strz_len(h + 44, 64));
	fs_add_bytes(fs, HF(F_FILE), start + 108, 128, h + 108, strz_len(h + 108, 128));
	cur_skip(c, 236);
	int msgtype = -1;
	const uint8_t *ck = cur_peek_ptr(c, 0, 4);
	if (ck && ck[0] == 0x63 && ck[1] == 0x82 && ck[2] == 0x53 && ck[3] == 0x63) {
		fs_add_bytes(fs, HF(F_COOKIE), start + 236, 4, ck, 4);
		cur_skip(c, 4);
		msgtype = dissect_options(pk, c);
	}
	fs_pop(fs, prev);
	if (msgtype >= 0)
		col_set_proto(pk, "DHCP");
	if (pk->want_cols) {
		col_clear_info(pk);
		if (msgtype >= 0) {
			const char *mt = vals_lookup(msgtype_vals, (uint32_t)msgtype);
			if (mt)
				col_append_info(pk, "DHCP %-8s - Transaction ID 0x%x", mt, xid);
			else
				col_append_info(
				    pk, "DHCP Unknown Message Type (0x%02x) - Transaction ID 0x%x",
				    (unsigned)msgtype, xid);
		} else if (op == 1 && ether) {
			char mac[32];
			snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", h[28], h[29],
				 h[30], h[31], h[32], h[33]);
			col_append_info(pk, "Boot Request from %s (%s)", mac, mac);
		} else {
			const char *o = vals_lookup(op_vals, op);
			col_append_info(pk, "%s", o ? o : "Unknown BOOTP message type");
		}
	}
	if (c->err)
		return dissect_report_error(pk, c, proto_dhcp);
	return (int)(cur_pos(c) - start);
}

static const struct dissector dhcp_dissector = {"dhcp", dissect_dhcp, 0};

void register_dhcp(void)
{
	proto_dhcp = proto_register("Dynamic Host Configuration Protocol", "DHCP", "dhcp");
	hf = field_register(fields, F_COUNT);
	(void)op_vals;
}

void handoff_dhcp(void)
{
	dtable_add(DT_UDP_PORT, 67, &dhcp_dissector);
	dtable_add(DT_UDP_PORT, 68, &dhcp_dissector);
	dtable_add(DT_UDP_PORT, 4011, &dhcp_dissector);
}
