/*
** gre.c -- Generic Routing Encapsulation (RFC 2784/2890) and the enhanced
** GRE of PPTP (RFC 2637, version 1).  The protocol type is an ethertype, so
** the payload goes through DT_ETHERTYPE (0x6558 is bridged Ethernet).
*/
#include "eth.h"

enum {
	F_PROTO,
	F_FLAGS_AND_VERSION,
	F_FLAG_CHECKSUM,
	F_FLAG_ROUTING,
	F_FLAG_KEY,
	F_FLAG_SEQ,
	F_FLAG_SSR,
	F_FLAG_RECUR,
	F_FLAG_ACK,
	F_FLAG_RESERVED,
	F_FLAG_VERSION,
	F_CHECKSUM,
	F_OFFSET,
	F_KEY,
	F_KEY_PLEN,
	F_KEY_CALL_ID,
	F_SEQ,
	F_ACK,
	F_COUNT
};
static int hf, proto_gre;
#define HF(x) (hf + (x))

static const struct value_string gre_type_vals[] = {
    {0x0800, "IP"},
    {0x0806, "ARP"},
    {0x2000, "CDP"},
    {0x22eb, "ERSPAN III"},
    {0x6558, "Transparent Ethernet bridging"},
    {0x86dd, "IPv6"},
    {0x880b, "PPP"},
    {0x8847, "MPLS label switched packet"},
    {0x8848, "MPLS multicast label switched packet"},
    {0x88be, "ERSPAN"},
    {0x8200, "ARUBA WLAN"},
    {0x8210, "ARUBA WLAN"},
    {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_PROTO] = {"gre.proto", "Protocol Type", FT_UINT16, BASE_HEX, gre_type_vals, 0,
		 "The protocol that is GRE encapsulated"},
    [F_FLAGS_AND_VERSION] = {"gre.flags_and_version", "Flags and Version", FT_UINT16, BASE_HEX,
			     NULL, 0, "The GRE flags are encoded in the first two octets"},
    [F_FLAG_CHECKSUM] = {"gre.flags.checksum", "Checksum Bit", FT_BOOLEAN, 16, NULL, 0x8000,
			 "Indicates if the Checksum field is present"},
    [F_FLAG_ROUTING] = {"gre.flags.routing", "Routing Bit", FT_BOOLEAN, 16, NULL, 0x4000,
			"Indicates if the Routing and Checksum/Offset field are present"},
    [F_FLAG_KEY] = {"gre.flags.key", "Key Bit", FT_BOOLEAN, 16, NULL, 0x2000,
		    "Indicates if the Key field is present"},
    [F_FLAG_SEQ] = {"gre.flags.sequence_number", "Sequence Number Bit", FT_BOOLEAN, 16, NULL,
		    0x1000, "Indicates if the Sequence Number field is present"},
    [F_FLAG_SSR] = {"gre.flags.strict_source_route", "Strict Source Route Bit", FT_BOOLEAN, 16,
		    NULL, 0x0800, NULL},
    [F_FLAG_RECUR] = {"gre.flags.recursion_control", "Recursion control", FT_UINT16, BASE_DEC, NULL,
		      0x0700, NULL},
    [F_FLAG_ACK] = {"gre.flags.ack", "Acknowledgment", FT_BOOLEAN, 16, NULL, 0x0080,
		    "Indicates if the packet contains an Acknowledgment Number to be used for "
		    "acknowledging previously transmitted data"},
    [F_FLAG_RESERVED] = {"gre.flags.reserved", "Flags (Reserved)", FT_UINT16, BASE_DEC, NULL,
			 0x00f8, NULL},
    [F_FLAG_VERSION] = {"gre.flags.version", "Version", FT_UINT16, BASE_DEC, NULL, 0x0007, NULL},
    [F_CHECKSUM] = {"gre.checksum", "Checksum", FT_UINT16, BASE_HEX, NULL, 0,
		    "The Checksum field contains the IP (one's complement) checksum of the GRE "
		    "header and the payload packet"},
    [F_OFFSET] = {"gre.offset", "Offset", FT_UINT16, BASE_DEC, NULL, 0,
		  "The offset field indicates the octet offset from the start of the Routing "
		  "field to the first octet of the active Source Route Entry to be examined"},
    [F_KEY] = {"gre.key", "Key", FT_UINT32, BASE_HEX, NULL, 0,
	       "The Key field contains a four octet number which was inserted by the encapsulator"},
    [F_KEY_PLEN] = {"gre.key.payload_length", "Payload Length", FT_UINT16, BASE_DEC, NULL, 0,
		    "Size of the payload, not including the GRE header"},
    [F_KEY_CALL_ID] = {"gre.key.call_id", "Call ID", FT_UINT16, BASE_DEC, NULL, 0,
		       "Contains the Peer's Call ID for the session to which this packet belongs."},
    [F_SEQ] = {"gre.sequence_number", "Sequence Number", FT_UINT32, BASE_DEC, NULL, 0,
	       "The Sequence Number field contains an unsigned 32 bit integer which is inserted "
	       "by the encapsulator"},
    [F_ACK] = {"gre.ack_number", "Acknowledgment Number", FT_UINT32, BASE_DEC, NULL, 0,
	       "Contains the sequence number of the highest numbered GRE packet received by the "
	       "sending peer for this user session"},
};

static int dissect_gre(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	uint16_t fv = cur_peek_be16(c, 0), proto = cur_peek_be16(c, 2);
	if (c->err)
		return dissect_report_error(pk, c, proto_gre);
	unsigned ver = fv & 7;
	uint32_t hlen = 4;
	if (fv & 0xc000)
		hlen += 4;
	if (fv & 0x2000)
		hlen += 4;
	if (fv & 0x1000)
		hlen += 4;
	if (ver == 1 && (fv & 0x0080))
		hlen += 4;
	pk_add_layer(pk, proto_gre);
	col_set_proto(pk, "GRE");
	if (pk->want_cols) {
		const char *n = vals_lookup(gre_type_vals, proto);
		col_clear_info(pk);
		if (n)
			col_append_info(pk, "Encapsulated %s", n);
		else
			col_append_info(pk, "Encapsulated 0x%04x (unknown)", proto);
	}
	int it = fs_add_none(fs, proto_gre, start, hlen);
	if (it >= 0 && fs_wants(fs, proto_gre)) {
		const char *n = vals_lookup(gre_type_vals, proto);
		fs_item(fs, it)->text =
		    n ? arena_printf(pk->arena, "Generic Routing Encapsulation (%s)", n)
		      : arena_printf(pk->arena, "Generic Routing Encapsulation (0x%04x - unknown)",
				     proto);
	}
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_FLAGS_AND_VERSION), start, 2, fv);
	fs_add_uint(fs, HF(F_FLAG_CHECKSUM), start, 2, (fv >> 15) & 1);
	fs_add_uint(fs, HF(F_FLAG_ROUTING), start, 2, (fv >> 14) & 1);
	fs_add_uint(fs, HF(F_FLAG_KEY), start, 2, (fv >> 13) & 1);
	fs_add_uint(fs, HF(F_FLAG_SEQ), start, 2, (fv >> 12) & 1);
	fs_add_uint(fs, HF(F_FLAG_SSR), start, 2, (fv >> 11) & 1);
	fs_add_uint(fs, HF(F_FLAG_RECUR), start, 2, (fv >> 8) & 7);
	if (ver == 1)
		fs_add_uint(fs, HF(F_FLAG_ACK), start, 2, (fv >> 7) & 1);
	fs_add_uint(fs, HF(F_FLAG_RESERVED), start, 2,
		    ver == 1 ? (fv >> 3) & 0xf : (fv >> 3) & 0x1f);
	fs_add_uint(fs, HF(F_FLAG_VERSION), start, 2, ver);
	fs_add_uint(fs, HF(F_PROTO), start + 2, 2, proto);
	uint32_t o = 4;
	if (fv & 0xc000) {
		fs_add_uint(fs, HF(F_CHECKSUM), start + o, 2, cur_peek_be16(c, o));
		fs_add_uint(fs, HF(F_OFFSET), start + o + 2, 2, cur_peek_be16(c, o + 2));
		o += 4;
	}
	if (fv & 0x2000) {
		if (ver == 1) {
			fs_add_uint(fs, HF(F_KEY_PLEN), start + o, 2, cur_peek_be16(c, o));
			fs_add_uint(fs, HF(F_KEY_CALL_ID), start + o + 2, 2,
				    cur_peek_be16(c, o + 2));
		} else {
			fs_add_uint(fs, HF(F_KEY), start + o, 4, cur_peek_be32(c, o));
		}
		o += 4;
	}
	if (fv & 0x1000) {
		fs_add_uint(fs, HF(F_SEQ), start + o, 4, cur_peek_be32(c, o));
		o += 4;
	}
	if (ver == 1 && (fv & 0x0080)) {
		fs_add_uint(fs, HF(F_ACK), start + o, 4, cur_peek_be32(c, o));
		o += 4;
	}
	fs_pop(fs, prev);
	if (c->err || !cur_skip(c, hlen))
		return dissect_report_error(pk, c, proto_gre);
	/* routing entries (R bit) are obsolete (RFC 2784) and not walked */
	struct cursor pl = cur_rest(c);
	if (cur_remaining(&pl) == 0)
		return (int)total;
	if (pk->nlayers >= PK_MAX_LAYERS - 4) {
		dissect_data(pk, &pl);
		return (int)total;
	}
	struct cursor try = pl;
	if (dissect_next(pk, DT_ETHERTYPE, proto, &try) == 0)
		dissect_data(pk, &pl);
	return (int)total;
}

static const struct dissector gre_dissector = {"gre", dissect_gre, 0};

void register_gre(void)
{
	proto_gre = proto_register("Generic Routing Encapsulation", "GRE", "gre");
	hf = field_register(fields, F_COUNT);
}

void handoff_gre(void)
{
	dtable_add(DT_IP_PROTO, 47, &gre_dissector);
}
