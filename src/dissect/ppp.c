/*
** ppp.c -- PPP (RFC 1661) framing as captured (LINKTYPE_PPP 9, PPP_HDLC 50,
** PPP_WITH_DIR 204, GRE 0x880b), PPP over Ethernet sessions and discovery
** (RFC 2516), and the LCP/IPCP/IPV6CP control protocols' code field.
** Network protocols go through DT_PPP_PROTO.
*/
#include "dissect.h"

enum { F_DIRECTION, F_ADDRESS, F_CONTROL, F_PROTOCOL, F_CODE, F_IDENT, F_LENGTH, F_COUNT };
enum { E_VERSION, E_TYPE, E_CODE, E_SESSION, E_PLEN, E_COUNT };
static int hf, hfe, proto_ppp, proto_pppoes, proto_pppoed, proto_lcp, proto_ipcp, proto_ipv6cp;
static int proto_pppoe;
#define HF(x)  (hf + (x))
#define HFE(x) (hfe + (x))

static const struct value_string ppp_vals[] = {
    {0x0021, "Internet Protocol version 4"},
    {0x0057, "Internet Protocol version 6"},
    {0x0281, "MPLS"},
    {0x8021, "Internet Protocol Control Protocol"},
    {0x8057, "IPv6 Control Protocol"},
    {0xc021, "Link Control Protocol"},
    {0xc023, "Password Authentication Protocol"},
    {0xc223, "Challenge Handshake Authentication Protocol"},
    {0, NULL},
};

static const struct value_string cp_codes[] = {
    {1, "Configuration Request"}, {2, "Configuration Ack"},
    {3, "Configuration Nak"},     {4, "Configuration Reject"},
    {5, "Termination Request"},   {6, "Termination Ack"},
    {7, "Code Reject"},           {8, "Protocol Reject"},
    {9, "Echo Request"},          {10, "Echo Reply"},
    {11, "Discard Request"},      {12, "Identification"},
    {13, "Time Remaining"},       {0, NULL},
};

static const struct value_string pppoe_codes[] = {
    {0x00, "Session Data"},
    {0x07, "Active Discovery Offer (PADO)"},
    {0x09, "Active Discovery Initiation (PADI)"},
    {0x19, "Active Discovery Request (PADR)"},
    {0x65, "Active Discovery Session-confirmation (PADS)"},
    {0xa7, "Active Discovery Terminate (PADT)"},
    {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_DIRECTION] = {"ppp.direction", "Direction", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_ADDRESS] = {"ppp.address", "Address", FT_UINT8, BASE_HEX, NULL, 0, NULL},
    [F_CONTROL] = {"ppp.control", "Control", FT_UINT8, BASE_HEX, NULL, 0, NULL},
    [F_PROTOCOL] = {"ppp.protocol", "Protocol", FT_UINT16, BASE_HEX, ppp_vals, 0, NULL},
    [F_CODE] = {"ppp.code", "Code", FT_UINT8, BASE_DEC, cp_codes, 0, NULL},
    [F_IDENT] = {"ppp.identifier", "Identifier", FT_UINT8, BASE_DEC_HEX, NULL, 0, NULL},
    [F_LENGTH] = {"ppp.length", "Length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
};

static const struct field_def pppoe_fields[E_COUNT] = {
    [E_VERSION] = {"pppoe.version", "Version", FT_UINT8, BASE_DEC, NULL, 0xf0, NULL},
    [E_TYPE] = {"pppoe.type", "Type", FT_UINT8, BASE_DEC, NULL, 0x0f, NULL},
    [E_CODE] = {"pppoe.code", "Code", FT_UINT8, BASE_HEX, pppoe_codes, 0, NULL},
    [E_SESSION] = {"pppoe.session_id", "Session ID", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [E_PLEN] = {"pppoe.payload_length", "Payload Length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
};

/* The protocol field (1 byte when compressed: odd first byte) and payload. */
static int ppp_proto_and_payload(struct packet *pk, struct cursor *c, int it)
{
	struct fieldset *fs = pk->fs;
	uint32_t pos = cur_pos(c);
	uint8_t b0 = cur_peek_u8(c, 0);
	uint16_t proto;
	uint32_t plen = 1;
	if (b0 & 1) {
		proto = b0;
	} else {
		proto = cur_peek_be16(c, 0);
		plen = 2;
	}
	if (c->err)
		return dissect_report_error(pk, c, proto_ppp);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_PROTOCOL), pos, plen, proto);
	fs_pop(fs, prev);
	cur_skip(c, plen);
	struct cursor pl = cur_rest(c);
	if (cur_remaining(&pl) == 0)
		return 0;
	struct cursor try = pl;
	if (pk->nlayers >= PK_MAX_LAYERS - 4 || dissect_next(pk, DT_PPP_PROTO, proto, &try) == 0) {
		/* tshark names an undissected PPP protocol by number */
		if (pk->want_cols) {
			const char *n = vals_lookup(ppp_vals, proto);
			col_set_proto(pk, arena_printf(pk->arena, "0x%04x", proto));
			col_clear_info(pk);
			col_append_info(pk, "PPP %s (0x%04x)", n ? n : "Unknown", proto);
		}
		dissect_data(pk, &pl);
	}
	return 0;
}

/* PPP with optional HDLC address/control bytes (0xff 0x03). */
static int dissect_ppp_hdlc(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_ppp);
	col_set_proto(pk, "PPP");
	int it = fs_add_none(fs, proto_ppp, start, total);
	if (cur_peek_u8(c, 0) == 0xff && cur_peek_u8(c, 1) == 0x03) {
		int prev = fs_push(fs, it);
		fs_add_uint(fs, HF(F_ADDRESS), start, 1, 0xff);
		fs_add_uint(fs, HF(F_CONTROL), start + 1, 1, 0x03);
		fs_pop(fs, prev);
		cur_skip(c, 2);
	}
	c->err = CUR_OK;
	ppp_proto_and_payload(pk, c, it);
	return (int)total;
}

static int dissect_ppp_dir(struct packet *pk, struct cursor *c)
{
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	uint8_t dir = cur_peek_u8(c, 0);
	if (c->err)
		return dissect_report_error(pk, c, proto_ppp);
	int n = pk->fs->n;
	cur_skip(c, 1);
	struct cursor rest = cur_rest(c);
	dissect_ppp_hdlc(pk, &rest);
	/* the direction byte belongs to the PPP tree made above */
	if (n < pk->fs->n) {
		int prev = fs_push(pk->fs, n);
		fs_add_uint(pk->fs, HF(F_DIRECTION), start, 1, dir);
		fs_pop(pk->fs, prev);
	}
	return (int)total;
}

/* A PPP control protocol packet: code, identifier, length. */
static int control_protocol(struct packet *pk, struct cursor *c, int proto_id, const char *col)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_id);
	uint8_t code = cur_peek_u8(c, 0), id = cur_peek_u8(c, 1);
	uint16_t len = cur_peek_be16(c, 2);
	int it = fs_add_none(fs, proto_id, start, total);
	/* a short header fails before tshark names the protocol */
	if (c->err)
		return dissect_report_error(pk, c, proto_id);
	col_set_proto(pk, col);
	const char *s = vals_lookup(cp_codes, code);
	if (pk->want_cols) {
		col_clear_info(pk);
		if (s)
			col_append_info(pk, "%s", s);
		else
			col_append_info(pk, "Unknown (0x%02x)", code);
	}
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_CODE), start, 1, code);
	fs_add_uint(fs, HF(F_IDENT), start + 1, 1, id);
	fs_add_uint(fs, HF(F_LENGTH), start + 2, 2, len);
	fs_pop(fs, prev);
	return (int)total;
}

static int dissect_lcp(struct packet *pk, struct cursor *c)
{
	return control_protocol(pk, c, proto_lcp, "PPP LCP");
}

static int dissect_ipcp(struct packet *pk, struct cursor *c)
{
	return control_protocol(pk, c, proto_ipcp, "PPP IPCP");
}

static int dissect_ipv6cp(struct packet *pk, struct cursor *c)
{
	return control_protocol(pk, c, proto_ipv6cp, "PPP IPV6CP");
}

static int ppp_ipv4(struct packet *pk, struct cursor *c)
{
	return dissect_next(pk, DT_ETHERTYPE, 0x0800, c);
}

static int ppp_ipv6(struct packet *pk, struct cursor *c)
{
	return dissect_next(pk, DT_ETHERTYPE, 0x86dd, c);
}

static int ppp_mpls(struct packet *pk, struct cursor *c)
{
	return dissect_next(pk, DT_ETHERTYPE, 0x8847, c);
}

static int pppoe_header(struct packet *pk, struct cursor *c, int proto_id, int *item)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	const uint8_t *h = cur_peek_ptr(c, 0, 6);
	pk_add_layer(pk, proto_id);
	if (!h)
		return -1;
	uint16_t plen = (uint16_t)(h[4] << 8 | h[5]);
	int it = fs_add_none(fs, proto_id, start, 6);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HFE(E_VERSION), start, 1, h[0] >> 4);
	fs_add_uint(fs, HFE(E_TYPE), start, 1, h[0] & 0x0f);
	fs_add_uint(fs, HFE(E_CODE), start + 1, 1, h[1]);
	fs_add_uint(fs, HFE(E_SESSION), start + 2, 2, (uint32_t)(h[2] << 8 | h[3]));
	fs_add_uint(fs, HFE(E_PLEN), start + 4, 2, plen);
	fs_pop(fs, prev);
	*item = it;
	cur_skip(c, 6);
	return plen;
}

static int dissect_pppoes(struct packet *pk, struct cursor *c)
{
	uint32_t total = cur_remaining(c);
	col_set_proto(pk, "PPPoES");
	uint8_t code = cur_peek_u8(c, 1);
	if (!c->err) {
		const char *s = vals_lookup(pppoe_codes, code);
		col_set_info(pk, s ? s : "Unknown");
	}
	int it;
	int plen = pppoe_header(pk, c, proto_pppoes, &it);
	if (plen < 0)
		return dissect_report_error(pk, c, proto_pppoes);
	/* the payload length bounds PPP; Ethernet padding follows */
	uint32_t n = (uint32_t)plen < cur_remaining(c) ? (uint32_t)plen : cur_remaining(c);
	struct cursor pl = cur_sub(c, n);
	uint32_t start = cur_pos(&pl);
	pk_add_layer(pk, proto_ppp);
	int pit = fs_add_none(pk->fs, proto_ppp, start, n);
	ppp_proto_and_payload(pk, &pl, pit);
	/* tshark shows no Ethernet padding or trailer after a PPPoE session */
	return (int)total;
}

static int dissect_pppoed(struct packet *pk, struct cursor *c)
{
	uint32_t total = cur_remaining(c);
	col_set_proto(pk, "PPPoED");
	uint8_t code = cur_peek_u8(c, 1);
	int it;
	int plen = pppoe_header(pk, c, proto_pppoed, &it);
	if (plen < 0)
		return dissect_report_error(pk, c, proto_pppoed);
	const char *s = vals_lookup(pppoe_codes, code);
	col_set_info(pk, s ? s : "Unknown");
	(void)total;
	return 6 + plen;
}

static const struct dissector ppp_dissector = {"ppp_hdlc", dissect_ppp_hdlc, 0};
static const struct dissector ppp_dir_dissector = {"ppp_lcp_options", dissect_ppp_dir, 0};
static const struct dissector lcp_dissector = {"lcp", dissect_lcp, 0};
static const struct dissector ipcp_dissector = {"ipcp", dissect_ipcp, 0};
static const struct dissector ipv6cp_dissector = {"ipv6cp", dissect_ipv6cp, 0};
static const struct dissector ppp_ipv4_dissector = {"ip", ppp_ipv4, 0};
static const struct dissector ppp_ipv6_dissector = {"ipv6", ppp_ipv6, 0};
static const struct dissector ppp_mpls_dissector = {"mpls", ppp_mpls, 0};
static const struct dissector pppoes_dissector = {"pppoes", dissect_pppoes, 0};
static const struct dissector pppoed_dissector = {"pppoed", dissect_pppoed, 0};

void register_ppp(void)
{
	proto_ppp = proto_register("Point-to-Point Protocol", "PPP", "ppp");
	hf = field_register(fields, F_COUNT);
	proto_lcp = proto_register("PPP Link Control Protocol", "PPP LCP", "lcp");
	proto_ipcp = proto_register("PPP IP Control Protocol", "PPP IPCP", "ipcp");
	proto_ipv6cp = proto_register("PPP IPv6 Control Protocol", "PPP IPV6CP", "ipv6cp");
	proto_pppoe = proto_register("PPP-over-Ethernet", "PPPoE", "pppoe");
	hfe = field_register(pppoe_fields, E_COUNT);
	proto_pppoed = proto_register("PPP-over-Ethernet Discovery", "PPPoED", "pppoed");
	proto_pppoes = proto_register("PPP-over-Ethernet Session", "PPPoES", "pppoes");
}

void handoff_ppp(void)
{
	dtable_add(DT_WTAP_ENCAP, 9, &ppp_dissector);
	dtable_add(DT_WTAP_ENCAP, 50, &ppp_dissector);
	dtable_add(DT_WTAP_ENCAP, 204, &ppp_dir_dissector);
	dtable_add(DT_ETHERTYPE, 0x880b, &ppp_dissector);
	dtable_add(DT_ETHERTYPE, 0x8863, &pppoed_dissector);
	dtable_add(DT_ETHERTYPE, 0x8864, &pppoes_dissector);
	dtable_add(DT_PPP_PROTO, 0x0021, &ppp_ipv4_dissector);
	dtable_add(DT_PPP_PROTO, 0x0057, &ppp_ipv6_dissector);
	dtable_add(DT_PPP_PROTO, 0x0281, &ppp_mpls_dissector);
	dtable_add(DT_PPP_PROTO, 0xc021, &lcp_dissector);
	dtable_add(DT_PPP_PROTO, 0x8021, &ipcp_dissector);
	dtable_add(DT_PPP_PROTO, 0x8057, &ipv6cp_dissector);
}
