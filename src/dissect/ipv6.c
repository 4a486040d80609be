/*
** ipv6.c -- IPv6 (RFC 8200) and its extension headers: hop-by-hop options,
** routing, fragment (with reassembly), destination options.  AH and ESP are
** separate dissectors in the ip.proto table, as are the upper layers.
**
** Each extension header is its own dissector in the ip.proto table, as in
** tshark, so a header reached through AH or from IPv4 is handled the same.
** The chain is bounded per frame (IP6_MAX_EXT_HDRS) since every step is a
** nested call.
**
** tshark 4.0 behaviours copied here: a payload length past the frame is
** only noted (the payload is what the frame has); payload length 0 means an
** empty payload unless a hop-by-hop header follows (a jumbogram: the frame's
** bytes are the payload); a type 0 routing header with segments left makes
** the final address the Destination column; an atomic fragment (offset 0,
** M clear) is not reassembled.
*/
#include <arpa/inet.h>
#include <string.h>

#include "../analysis/ip_defrag.h"
#include "addr_put.h"
#include "dissect.h"
#include "ip.h"

static const struct value_string opt_type_vals[] = {
    {0x00, "Pad1"},         {0x01, "PadN"},          {0x04, "Tunnel Encapsulation Limit"},
    {0x05, "Router Alert"}, {0xc2, "Jumbo Payload"}, {0, NULL},
};

static const struct value_string routing_type_vals[] = {
    {0, "Source Route"},
    {1, "Nimrod"},
    {2, "Type 2 Routing"},
    {3, "RPL Source Route"},
    {4, "Segment Routing"},
    {5, "Compact Routing Header 16"},
    {6, "Compact Routing Header 32"},
    {253, "Experiment 1"},
    {254, "Experiment 2"},
    {0, NULL},
};

enum {
	F_VERSION,
	F_TCLASS,
	F_DSCP,
	F_ECN,
	F_FLOW,
	F_PLEN,
	F_NXT,
	F_HLIM,
	F_SRC,
	F_ADDR,
	F_SRC_HOST,
	F_HOST,
	F_DST,
	F_DST_HOST,
	F_SRC_SLAAC,
	F_DST_SLAAC,
	F_SLAAC,
	F_SRC_ISATAP,
	F_DST_ISATAP,
	F_ISATAP,
	F_SRC_6TO4_GW,
	F_DST_6TO4_GW,
	F_6TO4_GW,
	F_SRC_6TO4_SLA,
	F_DST_6TO4_SLA,
	F_6TO4_SLA,
	F_SRC_TS,
	F_DST_TS,
	F_TS,
	F_SRC_TC_PORT,
	F_DST_TC_PORT,
	F_TC_PORT,
	F_SRC_TC,
	F_DST_TC,
	F_TC,
	F_OPT,
	F_OPT_TYPE,
	F_OPT_TYPE_ACTION,
	F_OPT_TYPE_CHANGE,
	F_OPT_TYPE_REST,
	F_OPT_LENGTH,
	F_OPT_PAD1,
	F_OPT_PADN,
	F_OPT_RA,
	F_OPT_TEL,
	F_OPT_JUMBO,
	F_OPT_UNKNOWN,
	F_HOP_NXT,
	F_HOP_LEN,
	F_HOP_LEN_OCT,
	F_DST_NXT,
	F_DST_LEN,
	F_DST_LEN_OCT,
	F_RT_NXT,
	F_RT_LEN,
	F_RT_LEN_OCT,
	F_RT_TYPE,
	F_RT_SEGLEFT,
	F_RT_UNKNOWN,
	F_RT_SRC_RESERVED,
	F_RT_SRC_ADDR,
	F_FH_NXT,
	F_FH_RES_OCTET,
	F_FH_OFFSET,
	F_FH_RES_BITS,
	F_FH_MORE,
	F_FH_IDENT,
	F_FRAGMENT,
	F_FRAG_OVERLAP,
	F_FRAG_OVERLAP_CONFLICT,
	F_FRAG_MULTIPLE_TAILS,
	F_FRAG_TOO_LONG,
	F_FRAG_ERROR,
	F_FRAG_COUNT,
	F_FRAGMENTS,
	F_REASSEMBLED_IN,
	F_REASSEMBLED_LENGTH,
	F_REASSEMBLED_DATA,
	F_PLEN_EXCEEDS,
	F_PLEN_ZERO,
	F_BOGUS_VERSION,
	F_COUNT
};
static int hf, proto_ipv6, proto_hopopts, proto_routing, proto_fraghdr, proto_dstopts;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
    [F_VERSION] = {"ipv6.version", "Version", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_TCLASS] = {"ipv6.tclass", "Traffic Class", FT_UINT32, BASE_HEX, NULL, 0x0ff00000, NULL},
    [F_DSCP] = {"ipv6.tclass.dscp", "Differentiated Services Codepoint", FT_UINT32, BASE_DEC, NULL,
		0x0fc00000, NULL},
    [F_ECN] = {"ipv6.tclass.ecn", "Explicit Congestion Notification", FT_UINT32, BASE_DEC, NULL,
	       0x00300000, NULL},
    [F_FLOW] = {"ipv6.flow", "Flow Label", FT_UINT24, BASE_HEX, NULL, 0xfffff, NULL},
    [F_PLEN] = {"ipv6.plen", "Payload Length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_NXT] = {"ipv6.nxt", "Next Header", FT_UINT8, BASE_DEC, ipproto_vals, 0, NULL},
    [F_HLIM] = {"ipv6.hlim", "Hop Limit", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_SRC] = {"ipv6.src", "Source Address", FT_IPv6, BASE_NONE, NULL, 0, "Source IPv6 Address"},
    [F_ADDR] = {"ipv6.addr", "Source or Destination Address", FT_IPv6, BASE_NONE, NULL, 0, NULL},
    [F_SRC_HOST] = {"ipv6.src_host", "Source Host", FT_STRING, BASE_NONE, NULL, 0,
		    "Source IPv6 Host"},
    [F_HOST] = {"ipv6.host", "Source or Destination Host", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_DST] = {"ipv6.dst", "Destination Address", FT_IPv6, BASE_NONE, NULL, 0,
	       "Destination IPv6 Address"},
    [F_DST_HOST] = {"ipv6.dst_host", "Destination Host", FT_STRING, BASE_NONE, NULL, 0,
		    "Destination IPv6 Host"},
/* address details: each as source, destination and either (the last one hidden) */
#define DETAIL(F, ab, name, type, base, blurb)                                                     \
	[F_SRC_##F] = {"ipv6.src_" ab, "Source " name, type, base, NULL, 0, "Source IPv6 " blurb}, \
	[F_DST_##F] = {"ipv6.dst_" ab,           "Destination " name, type, base, NULL, 0,         \
		       "Destination IPv6 " blurb},                                                 \
	[F_##F] = {"ipv6." ab, name, type, base, NULL, 0, "IPv6 " blurb}
    DETAIL(SLAAC, "slaac_mac", "SLAAC MAC", FT_ETHER, BASE_NONE,
	   "Stateless Address Autoconfiguration (SLAAC) 48-bit MAC Identifier"),
    DETAIL(ISATAP, "isatap_ipv4", "ISATAP IPv4", FT_IPv4, BASE_NONE,
	   "ISATAP Encapsulated IPv4 Address"),
    DETAIL(6TO4_GW, "6to4_gw_ipv4", "6to4 Gateway IPv4", FT_IPv4, BASE_NONE,
	   "6to4 Gateway IPv4 Address"),
    DETAIL(6TO4_SLA, "6to4_sla_id", "6to4 SLA ID", FT_UINT16, BASE_DEC, "6to4 SLA ID"),
    DETAIL(TS, "ts_ipv4", "Teredo Server IPv4", FT_IPv4, BASE_NONE,
	   "Teredo Server Encapsulated IPv4 Address"),
    DETAIL(TC_PORT, "tc_port", "Teredo Port", FT_UINT16, BASE_DEC, "Teredo Client Mapped Port"),
    DETAIL(TC, "tc_ipv4", "Teredo Client IPv4", FT_IPv4, BASE_NONE,
	   "Teredo Client Encapsulated IPv4 Address"),
#undef DETAIL
    [F_OPT] = {"ipv6.opt", "IPv6 Option", FT_NONE, BASE_NONE, NULL, 0, "Option"},
    [F_OPT_TYPE] = {"ipv6.opt.type", "Type", FT_UINT8, BASE_HEX, opt_type_vals, 0, "Option type"},
    [F_OPT_TYPE_ACTION] = {"ipv6.opt.type.action", "Action", FT_UINT8, BASE_DEC, NULL, 0xc0,
			   "Action for unrecognized option type"},
    [F_OPT_TYPE_CHANGE] = {"ipv6.opt.type.change", "May Change", FT_BOOLEAN, 8, NULL, 0x20,
			   "Whether the option data may change en-route"},
    [F_OPT_TYPE_REST] = {"ipv6.opt.type.rest", "Low-Order Bits", FT_UINT8, BASE_HEX, NULL, 0x1f,
			 "Remaining low-order bits"},
    [F_OPT_LENGTH] = {"ipv6.opt.length", "Length", FT_UINT8, BASE_DEC, NULL, 0,
		      "Option length in octets"},
    [F_OPT_PAD1] = {"ipv6.opt.pad1", "Pad1", FT_NONE, BASE_NONE, NULL, 0, "Pad1 Option"},
    [F_OPT_PADN] = {"ipv6.opt.padn", "PadN", FT_BYTES, BASE_NONE, NULL, 0, "PadN Option"},
    [F_OPT_RA] = {"ipv6.opt.router_alert", "Router Alert", FT_UINT16, BASE_DEC, NULL, 0,
		  "Router Alert Option"},
    [F_OPT_TEL] = {"ipv6.opt.tel", "Tunnel Encapsulation Limit", FT_UINT8, BASE_DEC, NULL, 0,
		   "How many further levels of encapsulation are permitted"},
    [F_OPT_JUMBO] = {"ipv6.opt.jumbo", "Payload Length", FT_UINT32, BASE_DEC, NULL, 0,
		     "IPv6 (Jumbo) Payload Length"},
    [F_OPT_UNKNOWN] = {"ipv6.opt.unknown", "Unknown Option Payload", FT_BYTES, BASE_NONE, NULL, 0,
		       NULL},
    [F_HOP_NXT] = {"ipv6.hopopts.nxt", "Next Header", FT_UINT8, BASE_DEC, ipproto_vals, 0, NULL},
    [F_HOP_LEN] = {"ipv6.hopopts.len", "Length", FT_UINT8, BASE_DEC, NULL, 0,
		   "Extension header length in 8-octet words (minus 1)"},
    [F_HOP_LEN_OCT] = {"ipv6.hopopts.len_oct", "Length", FT_UINT16, BASE_DEC, NULL, 0,
		       "Extension header length in octets"},
    [F_DST_NXT] = {"ipv6.dstopts.nxt", "Next Header", FT_UINT8, BASE_DEC, ipproto_vals, 0, NULL},
    [F_DST_LEN] = {"ipv6.dstopts.len", "Length", FT_UINT8, BASE_DEC, NULL, 0,
		   "Extension header length in 8-octet words (minus 1)"},
    [F_DST_LEN_OCT] = {"ipv6.dstopts.len_oct", "Length", FT_UINT16, BASE_DEC, NULL, 0,
		       "Extension header length in octets"},
    [F_RT_NXT] = {"ipv6.routing.nxt", "Next Header", FT_UINT8, BASE_DEC, ipproto_vals, 0, NULL},
    [F_RT_LEN] = {"ipv6.routing.len", "Length", FT_UINT8, BASE_DEC, NULL, 0,
		  "Extension header length in 8-octet words (minus 1)"},
    [F_RT_LEN_OCT] = {"ipv6.routing.len_oct", "Length", FT_UINT16, BASE_DEC, NULL, 0,
		      "Extension header length in octets"},
    [F_RT_TYPE] = {"ipv6.routing.type", "Type", FT_UINT8, BASE_DEC, routing_type_vals, 0,
		   "Routing Header Type"},
    [F_RT_SEGLEFT] = {"ipv6.routing.segleft", "Segments Left", FT_UINT8, BASE_DEC, NULL, 0,
		      "Routing Header Segments Left"},
    [F_RT_UNKNOWN] = {"ipv6.routing.unknown_data", "Type-Specific Data", FT_BYTES, BASE_NONE, NULL,
		      0, "Unknown routing header type-specific data"},
    [F_RT_SRC_RESERVED] = {"ipv6.routing.src.reserved", "Reserved", FT_BYTES, BASE_NONE, NULL, 0,
			   "Must be zero"},
    [F_RT_SRC_ADDR] = {"ipv6.routing.src.addr", "Address", FT_IPv6, BASE_NONE, NULL, 0,
		       "Source Routing Header Address"},
    [F_FH_NXT] = {"ipv6.fraghdr.nxt", "Next header", FT_UINT8, BASE_DEC, ipproto_vals, 0, NULL},
    [F_FH_RES_OCTET] = {"ipv6.fraghdr.reserved_octet", "Reserved octet", FT_UINT8, BASE_HEX, NULL,
			0, "Should always be 0"},
    [F_FH_OFFSET] = {"ipv6.fraghdr.offset", "Offset", FT_UINT16, BASE_DEC, NULL, 0xfff8,
		     "Fragment Offset"},
    [F_FH_RES_BITS] = {"ipv6.fraghdr.reserved_bits", "Reserved bits", FT_UINT16, BASE_DEC, NULL,
		       0x0006, NULL},
    [F_FH_MORE] = {"ipv6.fraghdr.more", "More Fragments", FT_BOOLEAN, 16, NULL, 0x0001, NULL},
    [F_FH_IDENT] = {"ipv6.fraghdr.ident", "Identification", FT_UINT32, BASE_HEX, NULL, 0,
		    "Fragment Identification"},
    [F_FRAGMENT] = {"ipv6.fragment", "IPv6 Fragment", FT_FRAMENUM, BASE_NONE, NULL, 0, NULL},
    [F_FRAG_OVERLAP] = {"ipv6.fragment.overlap", "Fragment overlap", FT_BOOLEAN, 0, NULL, 0,
			"Fragment overlaps with other fragments"},
    [F_FRAG_OVERLAP_CONFLICT] = {"ipv6.fragment.overlap.conflict",
				 "Conflicting data in fragment overlap", FT_BOOLEAN, 0, NULL, 0,
				 "Overlapping fragments contained conflicting data"},
    [F_FRAG_MULTIPLE_TAILS] = {"ipv6.fragment.multipletails", "Multiple tail fragments found",
			       FT_BOOLEAN, 0, NULL, 0,
			       "Several tails were found when defragmenting the packet"},
    [F_FRAG_TOO_LONG] = {"ipv6.fragment.toolongfragment", "Fragment too long", FT_BOOLEAN, 0, NULL,
			 0, "Fragment contained data past end of packet"},
    [F_FRAG_ERROR] = {"ipv6.fragment.error", "Defragmentation error", FT_FRAMENUM, BASE_NONE, NULL,
		      0, "Defragmentation error due to illegal fragments"},
    [F_FRAG_COUNT] = {"ipv6.fragment.count", "Fragment count", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_FRAGMENTS] = {"ipv6.fragments", "IPv6 Fragments", FT_NONE, BASE_NONE, NULL, 0, NULL},
    [F_REASSEMBLED_IN] = {"ipv6.reassembled.in", "Reassembled IPv6 in frame", FT_FRAMENUM,
			  BASE_NONE, NULL, 0, "This IPv6 packet is reassembled in this frame"},
    [F_REASSEMBLED_LENGTH] = {"ipv6.reassembled.length", "Reassembled IPv6 length", FT_UINT32,
			      BASE_DEC, NULL, 0, "The total length of the reassembled payload"},
    [F_REASSEMBLED_DATA] = {"ipv6.reassembled.data", "Reassembled IPv6 data", FT_BYTES, BASE_NONE,
			    NULL, 0, "The reassembled payload"},
    [F_PLEN_EXCEEDS] = {"ipv6.plen_exceeds_framing",
			"IPv6 payload length does not match expected framing length", FT_NONE,
			BASE_NONE, NULL, 0, NULL},
    [F_PLEN_ZERO] = {"ipv6.plen_zero",
		     "IPv6 payload length equals 0 (maybe because of \"TCP segmentation "
		     "offload\" (TSO))",
		     FT_NONE, BASE_NONE, NULL, 0, NULL},
    [F_BOGUS_VERSION] = {"ipv6.bogus_ipv6_version", "Bogus IP version", FT_NONE, BASE_NONE, NULL, 0,
			 NULL},
};

static void add_addr6(struct packet *pk, int f, int fhost, uint32_t pos, const uint8_t *a)
{
	struct fieldset *fs = pk->fs;
	fs_add_ipv6(fs, HF(f), pos, a);
	fs_add_ipv6(fs, HF(F_ADDR), pos, a);
	int want_h = fs_wants(fs, HF(fhost)), want_hh = fs_wants(fs, HF(F_HOST));
	if (!want_h && !want_hh)
		return;
	char buf[64];
	if (!inet_ntop(AF_INET6, a, buf, sizeof buf))
		buf[0] = 0;
	char *s = arena_strndup(pk->arena, buf, strlen(buf));
	fs_add_bytes(fs, HF(fhost), pos, 16, (const uint8_t *)s, (uint32_t)strlen(s));
	fs_add_bytes(fs, HF(F_HOST), pos, 16, (const uint8_t *)s, (uint32_t)strlen(s));
}

/*
** What an address says about its origin (6to4 gateway, Teredo server and
** client, SLAAC MAC, ISATAP IPv4), in tshark's order.  `which` is 0 for the
** source, 1 for the destination; the generic field follows each specific one.
*/
static void address_details(struct packet *pk, const uint8_t *a, uint32_t pos, int which)
{
	struct fieldset *fs = pk->fs;
#define ADD_U(F, v)                                                                                \
	do {                                                                                       \
		fs_add_uint(fs, HF(which ? F_DST_##F : F_SRC_##F), pos, 16, v);                    \
		fs_add_uint(fs, HF(F_##F), pos, 16, v);                                            \
	} while (0)
#define ADD_B(F, p, n)                                                                             \
	do {                                                                                       \
		fs_add_bytes(fs, HF(which ? F_DST_##F : F_SRC_##F), pos, 16, p, n);                \
		fs_add_bytes(fs, HF(F_##F), pos, 16, p, n);                                        \
	} while (0)
	if (a[0] == 0x20 && a[1] == 0x02) {
		ADD_B(6TO4_GW, a + 2, 4);
		ADD_U(6TO4_SLA, (uint32_t)(a[6] << 8 | a[7]));
	} else if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0 && a[3] == 0) {
		ADD_B(TS, a + 4, 4);
		ADD_U(TC_PORT, (uint32_t)(a[10] << 8 | a[11]) ^ 0xffff);
		if (fs_wants(fs, HF(F_TC)) || fs_wants(fs, HF(which ? F_DST_TC : F_SRC_TC))) {
			uint8_t *c = arena_alloc(pk->arena, 4);
			for (int i = 0; i < 4; i++)
				c[i] = (uint8_t)(a[12 + i] ^ 0xff);
			ADD_B(TC, c, 4);
		}
	}
	if (a[11] == 0xff && a[12] == 0xfe &&
	    (fs_wants(fs, HF(F_SLAAC)) || fs_wants(fs, HF(which ? F_DST_SLAAC : F_SRC_SLAAC)))) {
		uint8_t *m = arena_alloc(pk->arena, 6);
		m[0] = (uint8_t)(a[8] ^ 0x02);
		m[1] = a[9];
		m[2] = a[10];
		m[3] = a[13];
		m[4] = a[14];
		m[5] = a[15];
		ADD_B(SLAAC, m, 6);
	}
	if ((a[8] & 0xfd) == 0 && a[9] == 0 && a[10] == 0x5e && a[11] == 0xfe)
		ADD_B(ISATAP, a + 12, 4);
#undef ADD_U
#undef ADD_B
}

/* Hand the rest on by next-header value; the chain of extension headers is bounded. */
static int next_header(struct packet *pk, uint8_t nxt, struct cursor *pl)
{
	if (nxt == 59) {
		if (pk->want_cols) {
			col_clear_info(pk);
			col_append_info(pk, "IPv6 no next header");
		}
		return 0;
	}
	if (pk->ip_depth > IP_MAX_DEPTH || pk->ip_ext_hdrs >= IP6_MAX_EXT_HDRS)
		return dissect_data(pk, pl);
	struct cursor t = *pl;
	int r = dissect_next(pk, DT_IP_PROTO, nxt, &t);
	if (r != 0)
		return r;
	if (pk->want_cols) {
		col_clear_info(pk);
		col_append_info(pk, "Unknown IP Protocol: %s (%u)", ipproto_name(nxt), nxt);
	}
	return dissect_data(pk, pl);
}

/*
** The options of a hop-by-hop or destination options header, n bytes of
** them.  As in tshark an option's data may run on past the header (the
** next header then starts where the header length says); only running out
** of bytes stops it: -1, and nothing after the header is dissected.
*/
static int options(struct packet *pk, struct cursor *o, uint32_t base, uint32_t n)
{
	struct fieldset *fs = pk->fs;
	uint32_t i = 0;
	for (int guard = 0; i < n && guard < 256; guard++) {
		uint32_t pos = base + i;
		uint8_t type = cur_peek_u8(o, i);
		if (o->err)
			return -1;
		uint32_t olen = 1;
		uint8_t len = 0;
		if (type != 0) {
			len = cur_peek_u8(o, i + 1);
			if (o->err)
				return -1;
			olen = 2u + len;
		}
		int it = fs_add_none(fs, HF(F_OPT), pos, olen);
		int prev = fs_push(fs, it);
		fs_add_uint(fs, HF(F_OPT_TYPE), pos, 1, type);
		fs_add_uint(fs, HF(F_OPT_TYPE_ACTION), pos, 1, type >> 6);
		fs_add_uint(fs, HF(F_OPT_TYPE_CHANGE), pos, 1, (type & 0x20) != 0);
		fs_add_uint(fs, HF(F_OPT_TYPE_REST), pos, 1, type & 0x1f);
		if (type == 0) {
			fs_add_none(fs, HF(F_OPT_PAD1), pos, 1);
		} else {
			fs_add_uint(fs, HF(F_OPT_LENGTH), pos + 1, 1, len);
			const uint8_t *d =
			    len ? cur_peek_ptr(o, i + 2, len) : o->data + o->off + i + 2;
			if (!d) {
				fs_pop(fs, prev);
				return -1;
			}
			switch (type) {
			case 0x01:
				fs_add_bytes(fs, HF(F_OPT_PADN), pos + 2, len, d, len);
				break;
			case 0x05:
				if (len == 2)
					fs_add_uint(fs, HF(F_OPT_RA), pos + 2, 2,
						    (uint32_t)(d[0] << 8 | d[1]));
				break;
			case 0x04:
				if (len == 1)
					fs_add_uint(fs, HF(F_OPT_TEL), pos + 2, 1, d[0]);
				break;
			case 0xc2:
				if (len == 4)
					fs_add_uint(fs, HF(F_OPT_JUMBO), pos + 2, 4,
						    (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 |
							(uint32_t)d[2] << 8 | d[3]);
				break;
			default:
				fs_add_bytes(fs, HF(F_OPT_UNKNOWN), pos + 2, len, d, len);
				break;
			}
		}
		fs_pop(fs, prev);
		i += olen;
	}
	return 0;
}

/* Hop-by-hop and destination options share a layout. */
static void col_ext_info(struct packet *pk, const char *what)
{
	col_append_sep_info(pk, ", ", "%s", what);
}

static int opts_header(struct packet *pk, struct cursor *c, int proto, int f_nxt)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	pk->ip_ext_hdrs++;
	pk_add_layer(pk, proto);
	/* the next layer replaces it; it stays when the header is cut short */
	col_ext_info(pk, proto == proto_hopopts ? "IPv6 hop-by-hop options"
						: "IPv6 destination options");
	const uint8_t *h = cur_peek_ptr(c, 0, 2);
	if (!h)
		return dissect_report_error(pk, c, proto);
	uint32_t len = ((uint32_t)h[1] + 1) * 8;
	uint8_t nxt = h[0];
	int it = fs_add_none(fs, proto, start, len);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(f_nxt), start, 1, nxt);
	fs_add_uint(fs, HF(f_nxt + 1), start + 1, 1, h[1]);
	fs_add_uint(fs, HF(f_nxt + 2), start + 1, 1, len);
	/* the options see the rest of the buffer, and are shown as far as the bytes go */
	struct cursor o = *c;
	cur_skip(&o, 2);
	o = cur_rest(&o);
	int bad = options(pk, &o, start + 2, len - 2);
	cur_sub(c, len);
	fs_pop(fs, prev);
	if (bad < 0)
		return dissect_report_error(pk, &o, proto);
	if (c->err)
		return dissect_report_error(pk, c, proto);
	pk->ip_proto = nxt;
	pk->ip_hdr_len += len;
	struct cursor pl = cur_rest(c);
	next_header(pk, nxt, &pl);
	return (int)(len + cur_remaining(&pl));
}

static int dissect_hopopts(struct packet *pk, struct cursor *c)
{
	return opts_header(pk, c, proto_hopopts, F_HOP_NXT);
}

static int dissect_dstopts(struct packet *pk, struct cursor *c)
{
	return opts_header(pk, c, proto_dstopts, F_DST_NXT);
}

static int dissect_routing(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	pk->ip_ext_hdrs++;
	pk_add_layer(pk, proto_routing);
	col_ext_info(pk, "IPv6 routing");
	const uint8_t *h = cur_peek_ptr(c, 0, 4);
	if (!h) {
		/* cut short: the fixed fields that are there still show */
		struct cursor t = *c;
		t.err = CUR_OK;
		uint32_t n = cur_avail(&t);
		const uint8_t *p = n ? cur_peek_ptr(&t, 0, n < 4 ? n : 4) : NULL;
		int it = fs_add_none(fs, proto_routing, start, n);
		int prev = fs_push(fs, it);
		if (p && n >= 1)
			fs_add_uint(fs, HF(F_RT_NXT), start, 1, p[0]);
		if (p && n >= 2) {
			fs_add_uint(fs, HF(F_RT_LEN), start + 1, 1, p[1]);
			fs_add_uint(fs, HF(F_RT_LEN_OCT), start + 1, 1, ((uint32_t)p[1] + 1) * 8);
		}
		if (p && n >= 3)
			fs_add_uint(fs, HF(F_RT_TYPE), start + 2, 1, p[2]);
		fs_pop(fs, prev);
		return dissect_report_error(pk, c, proto_routing);
	}
	uint32_t len = ((uint32_t)h[1] + 1) * 8;
	uint8_t nxt = h[0], type = h[2], segleft = h[3];
	int it = fs_add_none(fs, proto_routing, start, len);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_RT_NXT), start, 1, nxt);
	fs_add_uint(fs, HF(F_RT_LEN), start + 1, 1, h[1]);
	fs_add_uint(fs, HF(F_RT_LEN_OCT), start + 1, 1, len);
	fs_add_uint(fs, HF(F_RT_TYPE), start + 2, 1, type);
	fs_add_uint(fs, HF(F_RT_SEGLEFT), start + 3, 1, segleft);
	struct cursor hdr = cur_sub(c, len);
	if (c->err) {
		fs_pop(fs, prev);
		return dissect_report_error(pk, c, proto_routing);
	}
	if (type == 0) {
		const uint8_t *r = cur_peek_ptr(&hdr, 4, 4);
		if (r)
			fs_add_bytes(fs, HF(F_RT_SRC_RESERVED), start + 4, 4, r, 4);
		const uint8_t *last = NULL;
		for (uint32_t at = 8; at + 16 <= len && at < 8 + 128 * 16; at += 16) {
			const uint8_t *a = cur_peek_ptr(&hdr, at, 16);
			if (!a)
				break;
			fs_add_ipv6(fs, HF(F_RT_SRC_ADDR), start + at, a);
			last = a;
		}
		/* the packet is on its way to the route's last address */
		if (last && segleft > 0 && !pk->in_error)
			addr_put_ipv6(&pk->net_dst, last);
	} else if (len > 4) {
		const uint8_t *d = cur_peek_ptr(&hdr, 4, len - 4);
		if (d)
			fs_add_bytes(fs, HF(F_RT_UNKNOWN), start + 4, len - 4, d, len - 4);
	}
	fs_pop(fs, prev);
	pk->ip_proto = nxt;
	pk->ip_hdr_len += len;
	struct cursor pl = cur_rest(c);
	next_header(pk, nxt, &pl);
	return (int)(len + cur_remaining(&pl));
}

static void add_reassembly_fields(struct packet *pk, const struct defrag_result *r, uint32_t pos)
{
	struct fieldset *fs = pk->fs;
	int it = fs_add_none(fs, HF(F_FRAGMENTS), pos, 0);
	int prev = fs_push(fs, it);
	for (int i = 0; i < r->npieces; i++)
		if (!r->pieces[i].bad)
			fs_add_uint(fs, HF(F_FRAGMENT), pos, 0, r->pieces[i].frame);
	/* tshark notes these under each fragment: one occurrence per fragment concerned */
	for (int i = 0; i < r->npieces; i++) {
		const struct defrag_piece *q = &r->pieces[i];
		if (q->overlap)
			fs_add_uint(fs, HF(F_FRAG_OVERLAP), pos, 0, 1);
		if (q->conflict)
			fs_add_uint(fs, HF(F_FRAG_OVERLAP_CONFLICT), pos, 0, 1);
		if (q->multiple_tails)
			fs_add_uint(fs, HF(F_FRAG_MULTIPLE_TAILS), pos, 0, 1);
		if (q->too_long)
			fs_add_uint(fs, HF(F_FRAG_TOO_LONG), pos, 0, 1);
	}
	for (int i = 0; i < r->npieces; i++)
		if (r->pieces[i].bad)
			fs_add_uint(fs, HF(F_FRAG_ERROR), pos, 0, r->pieces[i].frame);
	fs_add_uint(fs, HF(F_FRAG_COUNT), pos, 0, (uint64_t)r->npieces);
	fs_add_uint(fs, HF(F_REASSEMBLED_LENGTH), pos, 0, r->len);
	fs_add_bytes(fs, HF(F_REASSEMBLED_DATA), pos, 0, r->data, r->len);
	fs_pop(fs, prev);
}

static int dissect_fraghdr(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	pk_add_layer(pk, proto_fraghdr);
	const uint8_t *h = cur_peek_ptr(c, 0, 8);
	if (!h)
		return dissect_report_error(pk, c, proto_fraghdr);
	uint8_t nxt = h[0];
	uint16_t w = (uint16_t)(h[2] << 8 | h[3]);
	uint32_t off = (uint32_t)(w >> 3) * 8;
	int more = w & 1;
	uint32_t ident = (uint32_t)h[4] << 24 | (uint32_t)h[5] << 16 | (uint32_t)h[6] << 8 | h[7];
	pk->ip_ext_hdrs++;
	int it = fs_add_none(fs, proto_fraghdr, start, 8);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_FH_NXT), start, 1, nxt);
	fs_add_uint(fs, HF(F_FH_RES_OCTET), start + 1, 1, h[1]);
	fs_add_uint(fs, HF(F_FH_OFFSET), start + 2, 2, w >> 3);
	fs_add_uint(fs, HF(F_FH_RES_BITS), start + 2, 2, (w >> 1) & 3);
	fs_add_uint(fs, HF(F_FH_MORE), start + 2, 2, more);
	fs_add_uint(fs, HF(F_FH_IDENT), start + 4, 4, ident);
	fs_pop(fs, prev);
	cur_skip(c, 8);
	struct cursor pl = cur_rest(c);
	pk->ip_proto = nxt;
	pk->ip_hdr_len += 8;
	pk->ip_id = ident;
	if (off == 0 && !more) /* atomic fragment: nothing to wait for */
		return 8 + next_header(pk, nxt, &pl);
	pk->ip_fragment = 1;
	pk->ip_more_frags = (uint8_t)more;
	pk->ip_frag_offset = (uint16_t)off;
	uint32_t plen = cur_remaining(&pl);
	const uint8_t *p = plen ? cur_peek_ptr(&pl, 0, plen) : NULL;
	/* reassembly needs the whole fragment the payload length announces */
	if (!pk->in_error && p && !pk->ip_len_exceeds) {
		struct defrag_table *t = dissect_state(pk, proto_ipv6, defrag_make, defrag_destroy);
		struct defrag_key key;
		memset(&key, 0, sizeof key);
		key.af = 6;
		key.id = ident;
		memcpy(key.src, pk->ip_src, 16);
		memcpy(key.dst, pk->ip_dst, 16);
		struct defrag_result r;
		if (defrag_add(t, &key, off, more, p, plen, pk->num, pk->arena, &r) ==
		    DEFRAG_DONE) {
			int prev2 = fs_push(fs, pk->fs->cur_parent);
			add_reassembly_fields(pk, &r, start);
			fs_pop(fs, prev2);
			struct cursor next = cur_make(r.data, r.len, r.len);
			next.src = 1;
			pk->ip_reassembled = 1;
			if ((r.conflict || r.too_long || r.multiple_tails) && pk->want_cols) {
				col_clear_info(pk);
				col_append_info(pk, "[Illegal IPv6 fragments]");
			}
			next_header(pk, nxt, &next);
			return (int)(8 + plen);
		}
	}
	if (pk->want_cols) {
		col_clear_info(pk);
		col_append_info(pk, "IPv6 fragment (off=%u more=%c ident=0x%08x nxt=%u)", off,
				more ? 'y' : 'n', ident, nxt);
	}
	dissect_data(pk, &pl);
	return (int)(8 + plen);
}

/*
** Fewer than 40 bytes: tshark shows the fields whose bytes are there (the
** second word only whole), says so in Info when the buffer itself is too
** short, and the packet is malformed (or cut short by the snaplen).
*/
static int header_cut_short(struct packet *pk, struct cursor *c, uint32_t start)
{
	struct fieldset *fs = pk->fs;
	uint32_t n = cur_avail(c), rep = cur_remaining(c);
	const uint8_t *h = n ? cur_peek_ptr(c, 0, n < 40 ? n : 40) : NULL;
	if (!h)
		return dissect_report_error(pk, c, proto_ipv6);
	c->err = CUR_OK;
	if (h[0] >> 4 != 6) { /* declined, as with a whole header */
		fs_add_uint(fs, HF(F_VERSION), start, 1, h[0] >> 4);
		fs_add_uint(fs, hf_ip_version, start, 1, h[0] >> 4);
		return 0;
	}
	if (pk->want_cols)
		col_set_proto(pk, "IPv6");
	pk_add_layer(pk, proto_ipv6);
	int it = fs_add_none(fs, proto_ipv6, start, n);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_VERSION), start, 1, h[0] >> 4);
	fs_add_uint(fs, hf_ip_version, start, 1, h[0] >> 4);
	if (rep < 40 && pk->want_cols) {
		col_clear_info(pk);
		col_append_info(pk, "Invalid IPv6 header (%u bytes, need exactly 40)", rep);
	}
	if (n >= 4) {
		uint32_t w0 =
		    (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
		uint32_t tclass = (w0 >> 20) & 0xff;
		fs_add_uint(fs, HF(F_TCLASS), start, 4, tclass);
		fs_add_uint(fs, HF(F_DSCP), start, 4, tclass >> 2);
		fs_add_uint(fs, HF(F_ECN), start, 4, tclass & 3);
		fs_add_uint(fs, HF(F_FLOW), start + 1, 3, w0 & 0xfffff);
	}
	/* tshark reads the next header before it shows the payload length */
	if (n >= 7) {
		fs_add_uint(fs, HF(F_PLEN), start + 4, 2, (uint32_t)(h[4] << 8 | h[5]));
		fs_add_uint(fs, HF(F_NXT), start + 6, 1, h[6]);
	}
	if (n >= 8)
		fs_add_uint(fs, HF(F_HLIM), start + 7, 1, h[7]);
	if (n >= 24) {
		pk_pir_addr(pk, PIR_IP6_SRC, h + 8);
		add_addr6(pk, F_SRC, F_SRC_HOST, start + 8, h + 8);
		if (!pk->in_error)
			addr_put_ipv6(&pk->net_src, h + 8);
	}
	fs_pop(fs, prev);
	cur_check_at(c, 0, 40); /* sets the verdict: malformed or cut short */
	return dissect_report_error(pk, c, proto_ipv6);
}

/* Does the hop-by-hop header after the fixed header carry a Jumbo Payload option? */
static int has_jumbo(struct cursor *c, uint32_t *jlen)
{
	struct cursor h = *c;
	h.err = 0;
	uint32_t len = ((uint32_t)cur_peek_u8(&h, 41) + 1) * 8;
	for (uint32_t i = 2; i < len && !h.err; i++) {
		uint8_t t = cur_peek_u8(&h, 40 + i);
		if (t == 0xc2 && cur_peek_u8(&h, 40 + i + 1) == 4) {
			*jlen = cur_peek_be32(&h, 40 + i + 2);
			return !h.err;
		}
		if (t != 0)
			i += 1u + cur_peek_u8(&h, 40 + i + 1);
	}
	return 0;
}

/* The fixed header's fields and what the addresses say, in tshark's order. */
static __attribute__((noinline)) void header_fields(struct packet *pk, const uint8_t *h,
						    uint32_t start)
{
	struct fieldset *fs = pk->fs;
	uint32_t w0 = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
	uint32_t tclass = (w0 >> 20) & 0xff;
	fs_add_uint(fs, HF(F_VERSION), start, 1, 6);
	/* tshark adds ip.version (hidden) to IPv6 headers too */
	fs_add_uint(fs, hf_ip_version, start, 1, 6);
	fs_add_uint(fs, HF(F_TCLASS), start, 4, tclass);
	fs_add_uint(fs, HF(F_DSCP), start, 4, tclass >> 2);
	fs_add_uint(fs, HF(F_ECN), start, 4, tclass & 3);
	fs_add_uint(fs, HF(F_FLOW), start + 1, 3, w0 & 0xfffff);
	fs_add_uint(fs, HF(F_PLEN), start + 4, 2, (uint32_t)(h[4] << 8 | h[5]));
	fs_add_uint(fs, HF(F_NXT), start + 6, 1, h[6]);
	fs_add_uint(fs, HF(F_HLIM), start + 7, 1, h[7]);
	add_addr6(pk, F_SRC, F_SRC_HOST, start + 8, h + 8);
	add_addr6(pk, F_DST, F_DST_HOST, start + 24, h + 24);
	address_details(pk, h + 8, start + 8, 0);
	address_details(pk, h + 24, start + 24, 1);
}

/* the IP state later layers read (TCP/UDP keys, ip.* columns), for a 40-byte header */
static inline void ip6_set_state(struct packet *pk, const uint8_t *h, uint32_t use, uint8_t exceeds)
{
	if (pk->ip_depth == 0)
		pk->ip_ext_hdrs = 0;
	pk->ip_depth++;
	memcpy(pk->ip_src, h + 8, 16);
	memcpy(pk->ip_dst, h + 24, 16);
	pk->ip_version = 6;
	pk->ip_proto = h[6];
	pk->ip_ttl = h[7];
	pk->ip_dsfield = (uint8_t)(h[0] << 4 | h[1] >> 4);
	pk->ip_id = 0;
	pk->ip_len = 40 + use;
	pk->ip_hdr_len = 40;
	pk->ip_fragment = pk->ip_more_frags = pk->ip_reassembled = 0;
	pk->ip_len_exceeds = exceeds;
	pk->ip_frag_offset = 0;
}

static int dissect_ipv6_header(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	const uint8_t *h = cur_peek_ptr(c, 0, 40);
	if (!h)
		return header_cut_short(pk, c, start);
	uint32_t w0 = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
	uint32_t version = w0 >> 28;
	uint32_t plen = (uint32_t)(h[4] << 8 | h[5]);
	uint8_t nxt = h[6];
	if (version != 6) {
		/*
		** tshark leaves the two version items and declines the buffer: the
		** caller shows it as data (no ipv6 layer, no columns).
		*/
		fs_add_uint(fs, HF(F_VERSION), start, 1, version);
		fs_add_uint(fs, hf_ip_version, start, 1, version);
		return 0;
	}
	pk_add_layer(pk, proto_ipv6);
	if (pk->want_cols)
		col_set_proto(pk, "IPv6");
	int it = fs_add_none(fs, proto_ipv6, start, 40);
	int prev = fs_push(fs, it);
	/* one test for the fixed header's fields, which most jobs never read */
	if (fs->want_all || field_any_wanted(hf, F_TC + 1) || field_is_wanted(hf_ip_version))
		header_fields(pk, h, start);
	pk_pir_addr(pk, PIR_IP6_SRC, h + 8);
	pk_pir_addr(pk, PIR_IP6_DST, h + 24);
	if (fs_wants_label(fs, proto_ipv6) && it >= 0) {
		char s[64], d[64];
		if (!inet_ntop(AF_INET6, h + 8, s, sizeof s))
			s[0] = 0;
		if (!inet_ntop(AF_INET6, h + 24, d, sizeof d))
			d[0] = 0;
		fs_item(fs, it)->text =
		    arena_printf(pk->arena, "Internet Protocol Version 6, Src: %s, Dst: %s", s, d);
	}
	uint32_t have = cur_remaining(c) - 40;
	uint32_t use = plen;
	col_clear_info(pk);
	uint32_t jlen = 0;
	if (plen == 0) {
		if (nxt == 0 && has_jumbo(c, &jlen)) {
			/* a jumbogram: its length is in the hop-by-hop option */
			use = jlen;
		} else if (nxt == 0) {
			if (pk->want_cols)
				col_append_info(pk, "Invalid IPv6 payload length ");
		} else if (nxt != 59) {
			fs_add_none(fs, HF(F_PLEN_ZERO), start + 4, 2);
		}
	}
	int exceeds = use > have;
	if (exceeds) {
		if (!pk->in_error) /* a quoted packet in an ICMPv6 error is short by design */
			fs_add_none(fs, HF(F_PLEN_EXCEEDS), start + 4, 2);
		use = have;
	}
	fs_pop(fs, prev);
	if (!pk->in_error) {
		addr_put_ipv6(&pk->net_src, h + 8);
		addr_put_ipv6(&pk->net_dst, h + 24);
	}
	ip6_set_state(pk, h, use, (uint8_t)exceeds);
	struct cursor ip = cur_sub(c, 40 + use);
	cur_skip(&ip, 40);
	struct cursor pl = cur_rest(&ip);
	next_header(pk, nxt, &pl);
	return (int)(40 + use);
}

/*
** The usual header: 40 bytes captured, version 6, a payload length that is
** neither 0 (jumbogram, TSO) nor more than the buffer holds, outside an ICMP
** error, and no tree or label wanted.  NULL for anything else, which the
** general path takes; its cursor copies and per-field tests were some 150
** instructions a header (ipv4.c's plain path is the model).
*/
/* the wanted map's answers for the plain path, made once per map */
static _Thread_local struct field_plan ip6_plan;
static uint32_t ip6_plan_make(void)
{
	int hdr = field_any_wanted(hf, F_TC + 1) || field_is_wanted(hf_ip_version);
	return field_plan_proto(proto_ipv6) | (hdr ? FP_FIELDS : 0u);
}

static inline const uint8_t *plain_header6(const struct packet *pk, const struct cursor *c)
{
	if (pk->fs->want_all || !(field_plan_get(&ip6_plan, ip6_plan_make) & FP_PLAIN))
		return NULL;
	/* len >= caplen (cursor.h): off <= caplen makes len - off the remaining bytes */
	if (!cur_has(c, 40))
		return NULL;
	const uint8_t *h = c->data + c->off;
	uint32_t plen = (uint32_t)(h[4] << 8 | h[5]);
	if (h[0] >> 4 != 6 || plen == 0 || plen > c->len - c->off - 40)
		return NULL;
	return h;
}

/* plain_header6's header: dissect_ipv6_header's result, without its general tests */
static __attribute__((noinline)) int dissect_plain_ipv6(struct packet *pk, struct cursor *c,
							const uint8_t *h)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), plen = (uint32_t)(h[4] << 8 | h[5]);
	uint8_t nxt = h[6];
	pk_add_layer(pk, proto_ipv6);
	if (pk->want_cols)
		pk->col_proto = "IPv6"; /* col_set_proto's store, without its call */
	/* ip6_plan is current: plain_header6 has just read it */
	uint32_t plan = ip6_plan.bits;
	int it = plan & FP_ITEM ? fs_store_u(fs, proto_ipv6, start, 40, 0, FI_NONE_VALUE) : -1;
	if (plan & FP_FIELDS) {
		int prev = fs_push(fs, it);
		header_fields(pk, h, start);
		fs_pop(fs, prev);
	}
	pk_pir_addr(pk, PIR_IP6_SRC, h + 8);
	pk_pir_addr(pk, PIR_IP6_DST, h + 24);
	col_clear_info(pk);
	addr_put_ipv6(&pk->net_src, h + 8);
	addr_put_ipv6(&pk->net_dst, h + 24);
	ip6_set_state(pk, h, plen, 0);
	/* plain_header6 read the 40 bytes and found plen of them reported past */
	struct cursor pl = cur_sub_past(c, 40, plen);
	next_header(pk, nxt, &pl);
	return (int)(40 + plen);
}

/*
** Inside an ICMP error's quoted packet the columns belong to ICMP (tshark
** makes them read-only there): nothing below may touch them.
*/
static __attribute__((noinline)) int dissect_quoted_ipv6(struct packet *pk, struct cursor *c)
{
	uint8_t cols = pk->want_cols;
	pk->want_cols = 0;
	int r = dissect_ipv6_header(pk, c);
	pk->want_cols = cols;
	return r;
}

/* Each case a tail call. */
static int dissect_ipv6(struct packet *pk, struct cursor *c)
{
	if (pk->in_error)
		return dissect_quoted_ipv6(pk, c);
	const uint8_t *h = plain_header6(pk, c);
	return h ? dissect_plain_ipv6(pk, c, h) : dissect_ipv6_header(pk, c);
}

static const struct dissector ipv6_dissector = {"ipv6", dissect_ipv6, 0};
static const struct dissector hopopts_dissector = {"ipv6.hopopts", dissect_hopopts, 0};
static const struct dissector routing_dissector = {"ipv6.routing", dissect_routing, 0};
static const struct dissector fraghdr_dissector = {"ipv6.fraghdr", dissect_fraghdr, 0};
static const struct dissector dstopts_dissector = {"ipv6.dstopts", dissect_dstopts, 0};

void register_ipv6(void)
{
	proto_ipv6 = proto_register("Internet Protocol Version 6", "IPv6", "ipv6");
	/* before the fields: a field belongs to the longest protocol prefix of its name */
	proto_hopopts =
	    proto_register("IPv6 Hop-by-Hop Option", "IPv6 Hop-by-Hop Option", "ipv6.hopopts");
	proto_routing =
	    proto_register("Routing Header for IPv6", "Routing Header for IPv6", "ipv6.routing");
	proto_fraghdr =
	    proto_register("Fragment Header for IPv6", "Fragment Header for IPv6", "ipv6.fraghdr");
	proto_dstopts = proto_register("Destination Options for IPv6",
				       "Destination Options for IPv6", "ipv6.dstopts");
	hf = field_register(fields, F_COUNT);
}

void handoff_ipv6(void)
{
	dtable_add(DT_ETHERTYPE, 0x86dd, &ipv6_dissector);
	dtable_add(DT_IP_PROTO, 41, &ipv6_dissector);
	dtable_add(DT_IP_PROTO, 0, &hopopts_dissector);
	dtable_add(DT_IP_PROTO, 43, &routing_dissector);
	dtable_add(DT_IP_PROTO, 44, &fraghdr_dissector);
	dtable_add(DT_IP_PROTO, 60, &dstopts_dissector);
}
