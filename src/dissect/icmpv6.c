/*
** icmpv6.c -- ICMPv6 (RFC 4443) with the basics of Neighbor Discovery
** (RFC 4861: solicitations, advertisements, link-layer address options) and
** MLD; error messages quote the invoking IPv6 packet.
*/
#include <string.h>

#include "../core/field.h"
#include "icmp.h"

enum {
	F_TYPE,
	F_CODE,
	F_CHECKSUM,
	F_CHECKSUM_STATUS,
	F_RESERVED,
	F_MTU,
	F_POINTER,
	F_ECHO_ID,
	F_ECHO_SEQ,
	F_RA_HOP,
	F_RA_FLAG,
	F_RA_LIFETIME,
	F_RA_REACHABLE,
	F_RA_RETRANS,
	F_NS_TARGET,
	F_NA_FLAG,
	F_NA_R,
	F_NA_S,
	F_NA_O,
	F_NA_TARGET,
	F_OPT,
	F_OPT_TYPE,
	F_OPT_LENGTH,
	F_OPT_LINKADDR,
	F_OPT_SRC_LINKADDR,
	F_OPT_TARGET_LINKADDR,
	F_MLDR_NB,
	F_RESP_IN,
	F_RESP_TO,
	F_RESPTIME,
	F_COUNT
};
static int hf, proto_icmpv6;
#define HF(x) (hf + (x))

static const struct value_string type_vals[] = {
    {1, "Destination Unreachable"},
    {2, "Packet Too Big"},
    {3, "Time Exceeded"},
    {4, "Parameter Problem"},
    {100, "Private experimentation"},
    {101, "Private experimentation"},
    {127, "Reserved for expansion of ICMPv6 error messages"},
    {128, "Echo (ping) request"},
    {129, "Echo (ping) reply"},
    {130, "Multicast Listener Query"},
    {131, "Multicast Listener Report"},
    {132, "Multicast Listener Done"},
    {133, "Router Solicitation"},
    {134, "Router Advertisement"},
    {135, "Neighbor Solicitation"},
    {136, "Neighbor Advertisement"},
    {137, "Redirect"},
    {138, "Router Renumbering"},
    {139, "ICMP Node Information Query"},
    {140, "ICMP Node Information Response"},
    {141, "Inverse Neighbor Discovery Solicitation Message"},
    {142, "Inverse Neighbor Discovery Advertisement Message"},
    {143, "Multicast Listener Report Message v2"},
    {144, "Home Agent Address Discovery Request Message"},
    {145, "Home Agent Address Discovery Reply Message"},
    {146, "Mobile Prefix Solicitation"},
    {147, "Mobile Prefix Advertisement"},
    {148, "Certification Path Solicitation Message"},
    {149, "Certification Path Advertisement Message"},
    {151, "Multicast Router Advertisement"},
    {152, "Multicast Router Solicitation"},
    {153, "Multicast Router Termination"},
    {155, "RPL Control Message"},
    {200, "Private experimentation"},
    {201, "Private experimentation"},
    {255, "Reserved for expansion of ICMPv6 informational messages"},
    {0, NULL},
};

static const struct value_string unreach_codes[] = {
    {0, "no route to destination"},
    {1, "communication with destination administratively prohibited"},
    {2, "beyond scope of source address"},
    {3, "Address unreachable"},
    {4, "Port unreachable"},
    {5, "source address failed ingress/egress policy"},
    {6, "reject route to destination"},
    {7, "Error in Source Routing Header"},
    {0, NULL},
};

static const struct value_string exceeded_codes[] = {
    {0, "hop limit exceeded in transit"},
    {1, "fragment reassembly time exceeded"},
    {0, NULL},
};

static const struct value_string param_codes[] = {
    {0, "erroneous header field encountered"},
    {1, "unrecognized Next Header type encountered"},
    {2, "unrecognized IPv6 option encountered"},
    {3, "IPv6 First Fragment has incomplete IPv6 Header Chain"},
    {0, NULL},
};

static const struct value_string opt_vals[] = {
    {1, "Source link-layer address"},
    {2, "Target link-layer address"},
    {3, "Prefix information"},
    {4, "Redirected header"},
    {5, "MTU"},
    {0, NULL},
};

static const struct value_string cksum_status_vals[] = {
    {0, "Bad"},
    {1, "Good"},
    {2, "Unverified"},
    {0, NULL},
};

/* The link-layer address options print colon-separated (SEP_COLON bytes). */
static const struct field_def fields[F_COUNT] = {
    [F_TYPE] = {"icmpv6.type", "Type", FT_UINT8, BASE_DEC, type_vals, 0,
		"Indicates the type of the message"},
    [F_CODE] = {"icmpv6.code", "Code", FT_UINT8, BASE_DEC, NULL, 0,
		"Depends on the message type.  It is used to create an additional level of "
		"message granularity"},
    [F_CHECKSUM] = {"icmpv6.checksum", "Checksum", FT_UINT16, BASE_HEX, NULL, 0,
		    "Used to detect data corruption in the ICMPv6 message and parts of the IPv6 "
		    "header"},
    [F_CHECKSUM_STATUS] = {"icmpv6.checksum.status", "Checksum Status", FT_UINT8, BASE_NONE,
			   cksum_status_vals, 0, NULL},
    [F_RESERVED] = {"icmpv6.reserved", "Reserved", FT_BYTES, BASE_NONE, NULL, 0, "Must be Zero"},
    [F_MTU] = {"icmpv6.mtu", "MTU", FT_UINT32, BASE_DEC, NULL, 0,
	       "The Maximum Transmission Unit of the next-hop link"},
    [F_POINTER] = {"icmpv6.pointer", "Pointer", FT_UINT32, BASE_DEC, NULL, 0,
		   "Identifies the octet offset within the invoking packet where the error was "
		   "detected"},
    [F_ECHO_ID] = {"icmpv6.echo.identifier", "Identifier", FT_UINT16, BASE_HEX, NULL, 0,
		   "An identifier to aid in matching with Request and Reply"},
    [F_ECHO_SEQ] = {"icmpv6.echo.sequence_number", "Sequence", FT_UINT16, BASE_DEC, NULL, 0,
		    "A sequence number to aid in matching Echo Replies to this Echo Request"},
    [F_RA_HOP] = {"icmpv6.nd.ra.cur_hop_limit", "Cur hop limit", FT_UINT8, BASE_DEC, NULL, 0,
		  "The default value that should be placed in the Hop Count field of the IP "
		  "header for outgoing IP packets"},
    [F_RA_FLAG] = {"icmpv6.nd.ra.flag", "Flags", FT_UINT8, BASE_HEX, NULL, 0, NULL},
    [F_RA_LIFETIME] = {"icmpv6.nd.ra.router_lifetime", "Router lifetime (s)", FT_UINT16, BASE_DEC,
		       NULL, 0, "The lifetime associated with the default router"},
    [F_RA_REACHABLE] = {"icmpv6.nd.ra.reachable_time", "Reachable time (ms)", FT_UINT32, BASE_DEC,
			NULL, 0,
			"The time that a node assumes a neighbor is reachable after having "
			"received a reachability confirmation"},
    [F_RA_RETRANS] = {"icmpv6.nd.ra.retrans_timer", "Retrans timer (ms)", FT_UINT32, BASE_DEC, NULL,
		      0, "The time between retransmitted Neighbor Solicitation messages"},
    [F_NS_TARGET] = {"icmpv6.nd.ns.target_address", "Target Address", FT_IPv6, BASE_NONE, NULL, 0,
		     "The IP address of the target of the solicitation"},
    [F_NA_FLAG] = {"icmpv6.nd.na.flag", "Flags", FT_UINT32, BASE_HEX, NULL, 0, NULL},
    [F_NA_R] = {"icmpv6.nd.na.flag.r", "Router", FT_BOOLEAN, 32, NULL, 0x80000000,
		"When set, it indicates that the sender is a router"},
    [F_NA_S] = {"icmpv6.nd.na.flag.s", "Solicited", FT_BOOLEAN, 32, NULL, 0x40000000,
		"When set, it indicates that the advertisement was sent in response to a "
		"Neighbor Solicitation from the Destination address"},
    [F_NA_O] = {"icmpv6.nd.na.flag.o", "Override", FT_BOOLEAN, 32, NULL, 0x20000000,
		"When set, it indicates that the advertisement should override an existing "
		"cache entry and update the cached link-layer address"},
    [F_NA_TARGET] = {"icmpv6.nd.na.target_address", "Target Address", FT_IPv6, BASE_NONE, NULL, 0,
		     "the Target Address field in the Neighbor Solicitation message that prompted "
		     "this advertisement"},
    [F_OPT] = {"icmpv6.opt", "ICMPv6 Option", FT_NONE, BASE_NONE, NULL, 0, "Option"},
    [F_OPT_TYPE] = {"icmpv6.opt.type", "Type", FT_UINT8, BASE_DEC, opt_vals, 0, "Options type"},
    [F_OPT_LENGTH] = {"icmpv6.opt.length", "Length", FT_UINT8, BASE_DEC, NULL, 0,
		      "The length (in units of 8 bytes) of the option (including the Type and "
		      "Length fields)"},
    [F_OPT_LINKADDR] = {"icmpv6.opt.linkaddr", "Link-layer address", FT_BYTES, SEP_COLON, NULL, 0,
			NULL},
    [F_OPT_SRC_LINKADDR] = {"icmpv6.opt.src_linkaddr", "Source Link-layer address", FT_BYTES,
			    SEP_COLON, NULL, 0, NULL},
    [F_OPT_TARGET_LINKADDR] = {"icmpv6.opt.target_linkaddr", "Target Link-layer address", FT_BYTES,
			       SEP_COLON, NULL, 0, NULL},
    [F_MLDR_NB] = {"icmpv6.mldr.nb_mcast_records", "Number of Multicast Address Records", FT_UINT16,
		   BASE_DEC, NULL, 0,
		   "Specifies how many Multicast Address Records are present in this Report"},
    [F_RESP_IN] = {"icmpv6.resp_in", "Response In", FT_FRAMENUM, FT_FRAMENUM_RESPONSE, NULL, 0,
		   "The response to this request is in this frame"},
    [F_RESP_TO] = {"icmpv6.resp_to", "Response To", FT_FRAMENUM, FT_FRAMENUM_REQUEST, NULL, 0,
		   "This is the response to the request in this frame"},
    [F_RESPTIME] = {"icmpv6.resptime", "Response Time", FT_DOUBLE, BASE_NONE, NULL, 0,
		    "The time between the request and the response, in ms."},
};

static const char *code_str(uint8_t type, uint8_t code)
{
	switch (type) {
	case 1:
		return vals_lookup(unreach_codes, code);
	case 3:
		return vals_lookup(exceeded_codes, code);
	case 4:
		return vals_lookup(param_codes, code);
	}
	return NULL;
}

static char *mac_or_hex(struct packet *pk, const uint8_t *p, uint32_t n)
{
	if (n == 6)
		return arena_printf(pk->arena, "%02x:%02x:%02x:%02x:%02x:%02x", p[0], p[1], p[2],
				    p[3], p[4], p[5]);
	char *s = arena_alloc(pk->arena, (size_t)n * 3 + 1);
	static const char hx[] = "0123456789abcdef";
	size_t k = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			s[k++] = ':';
		s[k++] = hx[p[i] >> 4];
		s[k++] = hx[p[i] & 15];
	}
	s[k] = 0;
	return s;
}

/*
** ND options (type, length in 8-byte units).  Returns the text of the
** source (want == 1) or target (want == 2) link-layer address, or NULL.
*/
#define ND_MAX_OPTIONS 64
static const char *nd_options(struct packet *pk, struct cursor *c, int want)
{
	struct fieldset *fs = pk->fs;
	const char *found = NULL;
	for (int n = 0; n < ND_MAX_OPTIONS && cur_remaining(c) >= 2; n++) {
		uint32_t pos = cur_pos(c);
		uint8_t t = cur_peek_u8(c, 0), l = cur_peek_u8(c, 1);
		uint32_t olen = (uint32_t)l * 8;
		if (c->err || l == 0 || !cur_has(c, olen))
			break;
		int it = fs_add_none(fs, HF(F_OPT), pos, olen);
		int prev = fs_push(fs, it);
		fs_add_uint(fs, HF(F_OPT_TYPE), pos, 1, t);
		fs_add_uint(fs, HF(F_OPT_LENGTH), pos + 1, 1, olen);
		if (t == 1 || t == 2) {
			/* an Ethernet address fills 6 of the 6 bytes after type/length */
			uint32_t al = olen - 2 == 6 ? 6 : olen - 2;
			const uint8_t *a = cur_peek_ptr(c, 2, al);
			fs_add_bytes(fs, HF(F_OPT_LINKADDR), pos + 2, al, a, al);
			fs_add_bytes(fs, HF(t == 1 ? F_OPT_SRC_LINKADDR : F_OPT_TARGET_LINKADDR),
				     pos + 2, al, a, al);
			if (t == want && !found && pk->want_cols)
				found = mac_or_hex(pk, a, al);
		}
		fs_pop(fs, prev);
		cur_skip(c, olen);
	}
	return found;
}

static char *ip6_str(struct packet *pk, const uint8_t *a)
{
	struct address ad;
	addr_set(&ad, AT_IPv6, a);
	char *b = arena_alloc(pk->arena, 64);
	return addr_to_str(&ad, b, 64);
}

static int dissect_icmpv6(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	uint8_t type = cur_peek_u8(c, 0), code = cur_peek_u8(c, 1);
	uint16_t cksum = cur_peek_be16(c, 2);
	pk_add_layer(pk, proto_icmpv6);
	col_set_proto(pk, "ICMPv6");
	col_clear_info(pk);
	int it = fs_add_none(fs, proto_icmpv6, start, total);
	if (c->err || !cur_has(c, 4))
		return dissect_report_error(pk, c, proto_icmpv6);
	const char *ts = vals_lookup(type_vals, type), *cs = code_str(type, code);
	if (pk->want_cols) {
		col_append_info(pk, "%s", ts ? ts : "Unknown type");
		if (cs)
			col_append_info(pk, " (%s)", cs);
	}
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_TYPE), start, 1, type);
	fs_add_uint(fs, HF(F_CODE), start + 1, 1, code);
	fs_add_uint(fs, HF(F_CHECKSUM), start + 2, 2, cksum);
	if (cur_avail(c) == total && pk->net_src.type == AT_IPv6 && pk->net_dst.type == AT_IPv6) {
		/* pseudo-header: addresses, upper-layer length, next header 58 */
		uint32_t s = icmp_sum(pk->net_src.a, 16, 0);
		s = icmp_sum(pk->net_dst.a, 16, s);
		s += (total >> 16) + (total & 0xffff) + 58;
		s = icmp_sum(c->data + c->off, total, s);
		fs_add_uint(fs, HF(F_CHECKSUM_STATUS), start + 2, 0, s == 0xffff ? 1 : 0);
	} else {
		fs_add_uint(fs, HF(F_CHECKSUM_STATUS), start + 2, 0, 2);
	}
	cur_skip(c, 4);
	struct cursor body = cur_rest(c);
	/* the fixed part each message type must have, or it is malformed */
	uint32_t need = type == 134 ? 12 : (type == 135 || type == 136) ? 20 : 4;
	if ((type <= 4 || (type >= 128 && type <= 136) || type == 143) && !cur_has(&body, need)) {
		fs_pop(fs, prev);
		cur_check_at(&body, 0, need);
		return dissect_report_error(pk, &body, proto_icmpv6);
	}
	const uint8_t *w = cur_peek_ptr(&body, 0, 4);
	int data_follows = 0, quoted = 0;
	if (type >= 1 && type <= 4 && w) {
		if (type == 2)
			fs_add_uint(fs, HF(F_MTU), start + 4, 4,
				    (uint32_t)w[0] << 24 | (uint32_t)w[1] << 16 |
					(uint32_t)w[2] << 8 | w[3]);
		else if (type == 4)
			fs_add_uint(fs, HF(F_POINTER), start + 4, 4,
				    (uint32_t)w[0] << 24 | (uint32_t)w[1] << 16 |
					(uint32_t)w[2] << 8 | w[3]);
		else
			fs_add_bytes(fs, HF(F_RESERVED), start + 4, 4, w, 4);
		cur_skip(&body, 4);
		quoted = 1;
	} else if ((type == 128 || type == 129) && w) {
		uint16_t id = (uint16_t)(w[0] << 8 | w[1]), seq = (uint16_t)(w[2] << 8 | w[3]);
		fs_add_uint(fs, HF(F_ECHO_ID), start + 4, 2, id);
		fs_add_uint(fs, HF(F_ECHO_SEQ), start + 6, 2, seq);
		col_append_info(pk, " id=0x%04x, seq=%u", id, seq);
		if (pk->ip_depth > 0)
			col_append_info(pk, ", hop limit=%u", pk->ip_ttl);
		if (!pk->in_error) {
			double ms = 0;
			uint32_t req =
			    icmp_echo_track(pk, proto_icmpv6, id, seq, 0, type == 128, &ms);
			if (req) {
				int r = fs_add_uint(fs, HF(F_RESP_TO), start, 0, req);
				if (r >= 0)
					fs_item(fs, r)->flags |= FI_GENERATED;
				r = fs_add_double(fs, HF(F_RESPTIME), start, 0, ms);
				if (r >= 0)
					fs_item(fs, r)->flags |= FI_GENERATED;
				col_append_info(pk, " (request in %u)", req);
			}
		}
		cur_skip(&body, 4);
		data_follows = 1;
	} else if (type == 133 && w) {
		fs_add_bytes(fs, HF(F_RESERVED), start + 4, 4, w, 4);
		cur_skip(&body, 4);
		const char *from = nd_options(pk, &body, 1);
		if (from)
			col_append_info(pk, " from %s", from);
	} else if (type == 134 && cur_has(&body, 12)) {
		fs_add_uint(fs, HF(F_RA_HOP), start + 4, 1, w[0]);
		fs_add_uint(fs, HF(F_RA_FLAG), start + 5, 1, w[1]);
		fs_add_uint(fs, HF(F_RA_LIFETIME), start + 6, 2, (uint32_t)(w[2] << 8 | w[3]));
		fs_add_uint(fs, HF(F_RA_REACHABLE), start + 8, 4, cur_peek_be32(&body, 4));
		fs_add_uint(fs, HF(F_RA_RETRANS), start + 12, 4, cur_peek_be32(&body, 8));
		cur_skip(&body, 12);
		const char *from = nd_options(pk, &body, 1);
		if (from)
			col_append_info(pk, " from %s", from);
	} else if (type == 135 && cur_has(&body, 20)) {
		const uint8_t *t = cur_peek_ptr(&body, 4, 16);
		fs_add_bytes(fs, HF(F_RESERVED), start + 4, 4, w, 4);
		fs_add_ipv6(fs, HF(F_NS_TARGET), start + 8, t);
		if (pk->want_cols)
			col_append_info(pk, " for %s", ip6_str(pk, t));
		cur_skip(&body, 20);
		const char *from = nd_options(pk, &body, 1);
		if (from)
			col_append_info(pk, " from %s", from);
	} else if (type == 136 && cur_has(&body, 20)) {
		uint32_t fl = cur_peek_be32(&body, 0);
		const uint8_t *t = cur_peek_ptr(&body, 4, 16);
		fs_add_uint(fs, HF(F_NA_FLAG), start + 4, 4, fl);
		fs_add_uint(fs, HF(F_NA_R), start + 4, 4, fl >> 31);
		fs_add_uint(fs, HF(F_NA_S), start + 4, 4, (fl >> 30) & 1);
		fs_add_uint(fs, HF(F_NA_O), start + 4, 4, (fl >> 29) & 1);
		fs_add_ipv6(fs, HF(F_NA_TARGET), start + 8, t);
		if (pk->want_cols) {
			col_append_info(pk, " %s", ip6_str(pk, t));
			if (fl & 0xe0000000u) {
				const char *sep = "";
				col_append_info(pk, " (");
				if (fl & 0x80000000u) {
					col_append_info(pk, "rtr");
					sep = ", ";
				}
				if (fl & 0x40000000u) {
					col_append_info(pk, "%ssol", sep);
					sep = ", ";
				}
				if (fl & 0x20000000u)
					col_append_info(pk, "%sovr", sep);
				col_append_info(pk, ")");
			}
		}
		cur_skip(&body, 20);
		const char *at = nd_options(pk, &body, 2);
		if (at)
			col_append_info(pk, " is at %s", at);
	} else if (type == 143 && w) {
		uint16_t nrec = (uint16_t)(w[2] << 8 | w[3]);
		fs_add_bytes(fs, HF(F_RESERVED), start + 4, 2, w, 2);
		fs_add_uint(fs, HF(F_MLDR_NB), start + 6, 2, nrec);
		cur_skip(&body, 4);
		/* walk the records so a short one is reported as tshark does */
		for (uint32_t i = 0; i < nrec && !body.err; i++) {
			uint8_t aux = cur_peek_u8(&body, 1);
			uint16_t nsrc = cur_peek_be16(&body, 2);
			cur_skip(&body, 4u + 16u + 16u * nsrc + 4u * aux);
		}
		if (body.err) {
			fs_pop(fs, prev);
			return dissect_report_error(pk, &body, proto_icmpv6);
		}
		cur_skip(&body, cur_remaining(&body));
	} else if (type >= 130 && type <= 132) {
		cur_skip(&body, cur_remaining(&body));
	} else {
		data_follows = 1;
	}
	fs_pop(fs, prev);
	body.err = CUR_OK;
	struct cursor pl = cur_rest(&body);
	if (cur_remaining(&pl) == 0)
		return (int)total;
	prev = fs_push(fs, it);
	if (quoted)
		icmp_dissect_quoted(pk, &pl, 0x86dd);
	else if (data_follows)
		dissect_data(pk, &pl);
	fs_pop(fs, prev);
	return (int)total;
}

static const struct dissector icmpv6_dissector = {"icmpv6", dissect_icmpv6, 0};

void register_icmpv6(void)
{
	proto_icmpv6 = proto_register("Internet Control Message Protocol v6", "ICMPv6", "icmpv6");
	hf = field_register(fields, F_COUNT);
}

void handoff_icmpv6(void)
{
	dtable_add(DT_IP_PROTO, 58, &icmpv6_dissector);
}
