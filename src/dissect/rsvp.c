/*
** rsvp.c -- RSVP (RFC 2205) on IP protocol 46: the common header and the
** object list.  SESSION, HOP, TIME VALUES, STYLE, SENDER TEMPLATE and FILTER
** SPEC (IPv4) are decoded, which is what tshark's Info column is made of;
** every other object keeps its length, class and C-type.
*/
#include <stdio.h>
#include <string.h>

#include "dissect.h"
#include "icmp.h"
#include "ip.h"

enum {
	F_VERSION,
	F_FLAGS,
	F_MSG,
	F_MSG_PATH,
	F_MSG_RESV,
	F_CHECKSUM,
	F_TTL,
	F_MSG_LEN,
	F_LENGTH,
	F_OBJECT,
	F_CTYPE,
	F_CT_SESSION,
	F_CT_HOP,
	F_CT_TIME,
	F_CT_STYLE,
	F_CT_TEMPLATE,
	F_CT_TSPEC,
	F_CT_FLOWSPEC,
	F_CT_ADSPEC,
	F_CT_UNKNOWN,
	F_O_SESSION,
	F_O_HOP,
	F_O_TIME,
	F_O_STYLE,
	F_O_FLOWSPEC,
	F_O_FILTER,
	F_O_SENDER,
	F_O_TSPEC,
	F_O_ADSPEC,
	F_O_UNKNOWN,
	F_SESSION_IP,
	F_SESSION_PROTO,
	F_SESSION_FLAGS,
	F_SESSION_PORT,
	F_HOP_IP,
	F_HOP_LIF,
	F_REFRESH,
	F_STYLE_FLAGS,
	F_STYLE_STYLE,
	F_SENDER_IP,
	F_SENDER_PORT,
	F_TS_VERSION,
	F_TS_SERVICE,
	F_TS_RATE,
	F_TS_SIZE,
	F_TS_PEAK,
	F_FS_VERSION,
	F_FS_SERVICE,
	F_FS_RATE,
	F_FS_SIZE,
	F_FS_PEAK,
	F_DATA_LEN,
	F_PARAM,
	F_PARAM_FLAGS,
	F_PARAM_LEN,
	F_MIN_UNIT,
	F_MAX_PKT,
	F_COUNT
};
static int hf, proto_rsvp;
#define HF(x) (hf + (x))

static const struct value_string msg_vals[] = {
    {1, "PATH Message. "},         {2, "RESV Message. "},
    {3, "PATH ERROR Message. "},   {4, "RESV ERROR Message. "},
    {5, "PATH TEAR Message. "},    {6, "RESV TEAR Message. "},
    {7, "RESV CONFIRM Message. "}, {10, "RESV TEAR CONFIRM Message. "},
    {12, "BUNDLE Message. "},      {13, "ACK Message. "},
    {15, "SREFRESH Message. "},    {20, "HELLO Message. "},
    {21, "NOTIFY Message. "},      {0, NULL},
};

static const struct value_string class_vals[] = {
    {1, "SESSION object"},
    {3, "HOP object"},
    {4, "INTEGRITY object"},
    {5, "TIME VALUES object"},
    {6, "ERROR object"},
    {7, "SCOPE object"},
    {8, "STYLE object"},
    {9, "FLOWSPEC object"},
    {10, "FILTER SPEC object"},
    {11, "SENDER TEMPLATE object"},
    {12, "SENDER TSPEC object"},
    {13, "ADSPEC object"},
    {14, "POLICY DATA object"},
    {15, "CONFIRM object"},
    {16, "LABEL object"},
    {19, "LABEL REQUEST object"},
    {20, "EXPLICIT ROUTE object"},
    {21, "RECORD ROUTE object"},
    {22, "HELLO object"},
    {23, "MESSAGE-ID object"},
    {24, "MESSAGE-ID ACK object"},
    {25, "MESSAGE-ID LIST object"},
    {207, "SESSION ATTRIBUTE object"},
    {0, NULL},
};

static const struct value_string ct_addr_vals[] = {
    {1, "IPv4"}, {2, "IPv6"}, {7, "IPv4 LSP"}, {8, "IPv6 LSP"}, {0, NULL},
};
static const struct value_string ct_time_vals[] = {{1, "Time Values"}, {0, NULL}};
static const struct value_string ct_style_vals[] = {{1, "Style"}, {0, NULL}};
static const struct value_string ct_intserv_vals[] = {{2, "Integrated Services"}, {0, NULL}};

static const struct value_string style_vals[] = {
    {0x0a, "Fixed Filter"},
    {0x11, "Wildcard Filter"},
    {0x12, "Shared-Explicit"},
    {0, NULL},
};

static const struct value_string tspec_service_vals[] = {{1, "Traffic specification"}, {0, NULL}};
static const struct value_string flowspec_service_vals[] = {
    {2, "Guaranteed Rate"},
    {5, "Controlled Load"},
    {0, NULL},
};
static const struct value_string param_vals[] = {
    {127, "Token bucket"}, {130, "Guaranteed Rate"}, {0, NULL}};

static const struct field_def fields[F_COUNT] = {
    [F_VERSION] = {"rsvp.version", "RSVP Version", FT_UINT8, BASE_DEC, NULL, 0xf0, NULL},
    [F_FLAGS] = {"rsvp.flags", "Flags", FT_UINT8, BASE_HEX, NULL, 0x0f, NULL},
    [F_MSG] = {"rsvp.msg", "Message Type", FT_UINT8, BASE_DEC, msg_vals, 0, NULL},
    [F_MSG_PATH] = {"rsvp.path", "Path Message", FT_BOOLEAN, 0, NULL, 0, NULL},
    [F_MSG_RESV] = {"rsvp.resv", "Resv Message", FT_BOOLEAN, 0, NULL, 0, NULL},
    [F_CHECKSUM] = {"rsvp.message_checksum", "Message Checksum", FT_UINT16, BASE_HEX, NULL, 0,
		    NULL},
    [F_TTL] = {"rsvp.sending_ttl", "Sending TTL", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_MSG_LEN] = {"rsvp.message_length", "Message length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_LENGTH] = {"rsvp.length", "Length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_OBJECT] = {"rsvp.object", "Object class", FT_UINT8, BASE_DEC, class_vals, 0, NULL},
    [F_CTYPE] = {"rsvp.ctype", "C-type", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_CT_SESSION] = {"rsvp.ctype.session", "C-type", FT_UINT32, BASE_DEC, ct_addr_vals, 0, NULL},
    [F_CT_HOP] = {"rsvp.ctype.hop", "C-Type", FT_UINT32, BASE_DEC, ct_addr_vals, 0, NULL},
    [F_CT_TIME] = {"rsvp.ctype.time_values", "C-Type", FT_UINT32, BASE_DEC, ct_time_vals, 0, NULL},
    [F_CT_STYLE] = {"rsvp.ctype.style", "C-Type", FT_UINT32, BASE_DEC, ct_style_vals, 0, NULL},
    [F_CT_TEMPLATE] = {"rsvp.ctype.template", "C-Type", FT_UINT32, BASE_DEC, ct_addr_vals, 0, NULL},
    [F_CT_TSPEC] = {"rsvp.ctype.tspec", "C-Type", FT_UINT32, BASE_DEC, ct_intserv_vals, 0, NULL},
    [F_CT_FLOWSPEC] = {"rsvp.ctype.flowspec", "C-Type", FT_UINT32, BASE_DEC, ct_intserv_vals, 0,
		       NULL},
    [F_CT_ADSPEC] = {"rsvp.ctype.adspec", "C-Type", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_CT_UNKNOWN] = {"rsvp.ctype.unknown", "C-type", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_O_SESSION] = {"rsvp.session", "SESSION", FT_NONE, BASE_NONE, NULL, 0, NULL},
    [F_O_HOP] = {"rsvp.hop", "HOP", FT_NONE, BASE_NONE, NULL, 0, NULL},
    [F_O_TIME] = {"rsvp.time", "TIME VALUES", FT_NONE, BASE_NONE, NULL, 0, NULL},
    [F_O_STYLE] = {"rsvp.style", "STYLE", FT_NONE, BASE_NONE, NULL, 0, NULL},
    [F_O_FLOWSPEC] = {"rsvp.flowspec", "FLOWSPEC", FT_NONE, BASE_NONE, NULL, 0, NULL},
    [F_O_FILTER] = {"rsvp.filter", "FILTERSPEC", FT_NONE, BASE_NONE, NULL, 0, NULL},
    [F_O_SENDER] = {"rsvp.sender", "SENDER TEMPLATE", FT_NONE, BASE_NONE, NULL, 0, NULL},
    [F_O_TSPEC] = {"rsvp.tspec", "SENDER TSPEC", FT_NONE, BASE_NONE, NULL, 0, NULL},
    [F_O_ADSPEC] = {"rsvp.adspec", "ADSPEC", FT_NONE, BASE_NONE, NULL, 0, NULL},
    [F_O_UNKNOWN] = {"rsvp.obj_unknown", "Unknown object", FT_NONE, BASE_NONE, NULL, 0, NULL},
    [F_SESSION_IP] = {"rsvp.session.ip", "Destination address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_SESSION_PROTO] = {"rsvp.session.proto", "Protocol", FT_UINT8, BASE_DEC, ipproto_vals, 0,
			 NULL},
    [F_SESSION_FLAGS] = {"rsvp.session.flags", "Flags", FT_UINT8, BASE_HEX, NULL, 0, NULL},
    [F_SESSION_PORT] = {"rsvp.session.port", "Port number", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_HOP_IP] = {"rsvp.hop.neighbor_address_ipv4", "Neighbor address", FT_IPv4, BASE_NONE, NULL, 0,
		  NULL},
    [F_HOP_LIF] = {"rsvp.hop.logical_interface", "Logical interface", FT_UINT32, BASE_DEC, NULL, 0,
		   NULL},
    [F_REFRESH] = {"rsvp.refresh_interval", "Refresh interval", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_STYLE_FLAGS] = {"rsvp.style.flags", "Flags", FT_UINT8, BASE_HEX, NULL, 0, NULL},
    [F_STYLE_STYLE] = {"rsvp.style.style", "Style", FT_UINT24, BASE_HEX, style_vals, 0, NULL},
    [F_SENDER_IP] = {"rsvp.sender.ip", "Sender IPv4 address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_SENDER_PORT] = {"rsvp.sender.port", "Sender port number", FT_UINT16, BASE_DEC, NULL, 0,
		       NULL},
    [F_TS_VERSION] = {"rsvp.tspec.message_format_version", "Message format version", FT_UINT8,
		      BASE_DEC, NULL, 0xf0, NULL},
    [F_TS_SERVICE] = {"rsvp.tspec.service_header", "Service header", FT_UINT8, BASE_DEC,
		      tspec_service_vals, 0, NULL},
    [F_TS_RATE] = {"rsvp.tspec.token_bucket_rate", "Token bucket rate", FT_FLOAT, BASE_NONE, NULL,
		   0, NULL},
    [F_TS_SIZE] = {"rsvp.tspec.token_bucket_size", "Token bucket size", FT_FLOAT, BASE_NONE, NULL,
		   0, NULL},
    [F_TS_PEAK] = {"rsvp.tspec.peak_data_rate", "Peak data rate", FT_FLOAT, BASE_NONE, NULL, 0,
		   NULL},
    [F_FS_VERSION] = {"rsvp.flowspec.message_format_version", "Message format version", FT_UINT8,
		      BASE_DEC, NULL, 0xf0, NULL},
    [F_FS_SERVICE] = {"rsvp.flowspec.service_header", "Service header", FT_UINT8, BASE_DEC,
		      flowspec_service_vals, 0, NULL},
    [F_FS_RATE] = {"rsvp.flowspec.token_bucket_rate", "Token bucket rate", FT_FLOAT, BASE_NONE,
		   NULL, 0, NULL},
    [F_FS_SIZE] = {"rsvp.flowspec.token_bucket_size", "Token bucket size", FT_FLOAT, BASE_NONE,
		   NULL, 0, NULL},
    [F_FS_PEAK] = {"rsvp.flowspec.peak_data_rate", "Peak data rate", FT_FLOAT, BASE_NONE, NULL, 0,
		   NULL},
    [F_DATA_LEN] = {"rsvp.data_length", "Data length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_PARAM] = {"rsvp.parameter", "Parameter", FT_UINT8, BASE_DEC, param_vals, 0, NULL},
    [F_PARAM_FLAGS] = {"rsvp.parameter_flags", "Parameter flags", FT_UINT8, BASE_HEX, NULL, 0,
		       NULL},
    [F_PARAM_LEN] = {"rsvp.parameter_length", "Parameter length", FT_UINT16, BASE_DEC, NULL, 0,
		     NULL},
    [F_MIN_UNIT] = {"rsvp.minimum_policed_unit", "Minimum policed unit [m]", FT_UINT32, BASE_DEC,
		    NULL, 0, NULL},
    [F_MAX_PKT] = {"rsvp.maximum_packet_size", "Maximum packet size [M]", FT_UINT32, BASE_DEC, NULL,
		   0, NULL},
};

static const char *ip4_str(struct packet *pk, const uint8_t *a)
{
	return arena_printf(pk->arena, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

static float peek_float(struct cursor *c, uint32_t o)
{
	uint32_t u = cur_peek_be32(c, o);
	float f;
	memcpy(&f, &u, sizeof f);
	return f;
}

/* "Data length: 7 words, not including header" */
static void add_words(struct packet *pk, int f, uint32_t pos, uint16_t v)
{
	int it = fs_add_uint(pk->fs, HF(f), pos, 2, v);
	if (it >= 0 && pk->fs->want_all)
		fs_item(pk->fs, it)->text = arena_printf(
		    pk->arena, "%s: %u words, not including header", fields[f].name, v);
}

/*
** Integrated Services SENDER TSPEC (service 1) and Controlled Load FLOWSPEC
** (service 5) with a token bucket: RFC 2210.  Returns the summary or NULL.
*/
static const char *intserv(struct packet *pk, struct cursor *c, uint32_t start, int flow,
			   uint32_t o, uint32_t end)
{
	struct fieldset *fs = pk->fs;
	if (o + 32 > end || !cur_has(c, o + 32))
		return NULL;
	uint8_t svc = cur_peek_u8(c, o + 4), param = cur_peek_u8(c, o + 8);
	if ((flow ? svc != 5 : svc != 1) || param != 127)
		return NULL;
	int fb = flow ? F_FS_VERSION : F_TS_VERSION;
	fs_add_uint(fs, HF(fb), start + o, 1, cur_peek_u8(c, o) >> 4);
	add_words(pk, F_DATA_LEN, start + o + 2, cur_peek_be16(c, o + 2));
	fs_add_uint(fs, HF(fb + 1), start + o + 4, 1, svc);
	add_words(pk, F_DATA_LEN, start + o + 6, cur_peek_be16(c, o + 6));
	float rate = peek_float(c, o + 12), size = peek_float(c, o + 16),
	      peak = peek_float(c, o + 20);
	uint32_t m = cur_peek_be32(c, o + 24), mx = cur_peek_be32(c, o + 28);
	int it = fs_add_uint(fs, HF(F_PARAM), start + o + 8, 24, param);
	if (it >= 0 && fs->want_all)
		fs_item(fs, it)->text = arena_printf(
		    pk->arena,
		    "Parameter: Token bucket (127)Rate=%.10g Burst=%.10g Peak=%.10g m=%u M=%u",
		    (double)rate, (double)size, (double)peak, m, mx);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_PARAM_FLAGS), start + o + 9, 1, cur_peek_u8(c, o + 9));
	add_words(pk, F_PARAM_LEN, start + o + 10, cur_peek_be16(c, o + 10));
	fs_add_double(fs, HF(fb + 2), start + o + 12, 4, rate);
	fs_add_double(fs, HF(fb + 3), start + o + 16, 4, size);
	fs_add_double(fs, HF(fb + 4), start + o + 20, 4, peak);
	fs_add_uint(fs, HF(F_MIN_UNIT), start + o + 24, 4, m);
	fs_add_uint(fs, HF(F_MAX_PKT), start + o + 28, 4, mx);
	fs_pop(fs, prev);
	return arena_printf(pk->arena, "%s Token Bucket, %.10g bytes/sec. ",
			    flow ? "Controlled Load:" : "IntServ,", (double)rate);
}

/* The object's item, and which C-type field and summary it takes, by class. */
static void object_kind(uint8_t cls, int *obj_f, int *ct_f)
{
	switch (cls) {
	case 1:
		*obj_f = F_O_SESSION, *ct_f = F_CT_SESSION;
		return;
	case 3:
		*obj_f = F_O_HOP, *ct_f = F_CT_HOP;
		return;
	case 5:
		*obj_f = F_O_TIME, *ct_f = F_CT_TIME;
		return;
	case 8:
		*obj_f = F_O_STYLE, *ct_f = F_CT_STYLE;
		return;
	case 9:
		*obj_f = F_O_FLOWSPEC, *ct_f = F_CT_FLOWSPEC;
		return;
	case 10:
		*obj_f = F_O_FILTER, *ct_f = F_CT_TEMPLATE;
		return;
	case 11:
		*obj_f = F_O_SENDER, *ct_f = F_CT_TEMPLATE;
		return;
	case 12:
		*obj_f = F_O_TSPEC, *ct_f = F_CT_TSPEC;
		return;
	case 13:
		*obj_f = F_O_ADSPEC, *ct_f = F_CT_ADSPEC;
		return;
	}
	*obj_f = F_O_UNKNOWN, *ct_f = F_CT_UNKNOWN;
}

/*
** Decode an object's body (o..end, after the 4-byte object header); returns
** its summary ("IPv4, Destination ...") or NULL when it has none.
*/
static const char *object_body(struct packet *pk, struct cursor *c, uint32_t start, uint8_t cls,
			       uint8_t ct, uint32_t o, uint32_t end)
{
	struct fieldset *fs = pk->fs;
	const uint8_t *a;
	switch (cls) {
	case 1:
		if (ct != 1 || o + 8 > end || !(a = cur_peek_ptr(c, o, 4)))
			return NULL;
		fs_add_bytes(fs, HF(F_SESSION_IP), start + o, 4, a, 4);
		fs_add_uint(fs, HF(F_SESSION_PROTO), start + o + 4, 1, cur_peek_u8(c, o + 4));
		fs_add_uint(fs, HF(F_SESSION_FLAGS), start + o + 5, 1, cur_peek_u8(c, o + 5));
		fs_add_uint(fs, HF(F_SESSION_PORT), start + o + 6, 2, cur_peek_be16(c, o + 6));
		return arena_printf(pk->arena, "IPv4, Destination %s, Protocol %u, Port %u. ",
				    ip4_str(pk, a), cur_peek_u8(c, o + 4), cur_peek_be16(c, o + 6));
	case 3:
		if (ct != 1 || o + 8 > end || !(a = cur_peek_ptr(c, o, 4)))
			return NULL;
		fs_add_bytes(fs, HF(F_HOP_IP), start + o, 4, a, 4);
		fs_add_uint(fs, HF(F_HOP_LIF), start + o + 4, 4, cur_peek_be32(c, o + 4));
		return arena_printf(pk->arena, "IPv4, %s", ip4_str(pk, a));
	case 5: {
		if (ct != 1 || o + 4 > end)
			return NULL;
		uint32_t ms = cur_peek_be32(c, o);
		int it = fs_add_uint(fs, HF(F_REFRESH), start + o, 4, ms);
		if (fs->want_all)
			fs_tree_text(pk->fs, it,
				     arena_printf(pk->arena, "Refresh interval: %u ms (%u seconds)",
						  ms, ms / 1000));
		return arena_printf(pk->arena, "%u ms", ms);
	}
	case 8: {
		if (ct != 1 || o + 4 > end)
			return NULL;
		uint32_t st = cur_peek_be24(c, o + 1);
		fs_add_uint(fs, HF(F_STYLE_FLAGS), start + o, 1, cur_peek_u8(c, o));
		fs_add_uint(fs, HF(F_STYLE_STYLE), start + o + 1, 3, st);
		const char *sn = vals_lookup(style_vals, st);
		return arena_printf(pk->arena, "%s (%u)", sn ? sn : "Unknown", st);
	}
	case 9:
	case 12:
		return ct == 2 ? intserv(pk, c, start, cls == 9, o, end) : NULL;
	case 10:
	case 11:
		if (ct != 1 || o + 8 > end || !(a = cur_peek_ptr(c, o, 4)))
			return NULL;
		fs_add_bytes(fs, HF(F_SENDER_IP), start + o, 4, a, 4);
		fs_add_uint(fs, HF(F_SENDER_PORT), start + o + 6, 2, cur_peek_be16(c, o + 6));
		return arena_printf(pk->arena, "IPv4, Sender %s, Port %u. ", ip4_str(pk, a),
				    cur_peek_be16(c, o + 6));
	}
	return NULL;
}

static void add_header(struct packet *pk, struct cursor *c, uint32_t start, uint32_t total)
{
	struct fieldset *fs = pk->fs;
	uint8_t vf = cur_peek_u8(c, 0), msg = cur_peek_u8(c, 1);
	const char *mn = vals_lookup(msg_vals, msg);
	int hi = fs_add_none(fs, hf_text_item, start, 8);
	if (fs->want_all)
		fs_tree_text(pk->fs, hi,
			     arena_printf(pk->arena, "RSVP Header. %s", mn ? mn : "Unknown"));
	int prev = fs_push(fs, hi);
	fs_add_uint(fs, HF(F_VERSION), start, 1, vf >> 4);
	fs_add_uint(fs, HF(F_FLAGS), start, 1, vf & 0x0f);
	fs_add_uint(fs, HF(F_MSG), start + 1, 1, msg);
	int b = msg == 1 ? F_MSG_PATH : msg == 2 ? F_MSG_RESV : -1;
	if (b >= 0) {
		int it = fs_add_uint(fs, HF(b), start + 1, 1, 1);
		if (it >= 0)
			fs_item(fs, it)->flags |= FI_HIDDEN;
	}
	uint16_t ck = cur_peek_be16(c, 2);
	int ci = fs_add_uint(fs, HF(F_CHECKSUM), start + 2, 2, ck);
	const uint8_t *all = cur_peek_ptr(c, 0, total);
	c->err = CUR_OK;
	if (all && fs->want_all)
		fs_tree_text(
		    pk->fs, ci,
		    arena_printf(pk->arena, "Message Checksum: 0x%04x [%s]", ck,
				 icmp_sum(all, total, 0) == 0xffff ? "correct" : "incorrect"));
	fs_add_uint(fs, HF(F_TTL), start + 4, 1, cur_peek_u8(c, 4));
	fs_add_uint(fs, HF(F_MSG_LEN), start + 6, 2, cur_peek_be16(c, 6));
	fs_pop(fs, prev);
}

static int dissect_rsvp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_rsvp);
	col_set_proto(pk, "RSVP");
	col_clear_info(pk);
	int top = fs_add_none(fs, proto_rsvp, start, total);
	/* tshark names the message as soon as it has its type, then the objects it could read */
	if (!cur_check_at(c, 0, 2))
		return dissect_report_error(pk, c, proto_rsvp);
	uint8_t msg = cur_peek_u8(c, 1);
	const char *mn = vals_lookup(msg_vals, msg);
	char summary[512];
	int sn = mn ? snprintf(summary, sizeof summary, "%s", mn)
		    : snprintf(summary, sizeof summary, "Unknown (%u). ", msg);
	if (!cur_check_at(c, 0, 8)) {
		col_append_info(pk, "%s", summary);
		return dissect_report_error(pk, c, proto_rsvp);
	}
	int prev = fs_push(fs, top);
	add_header(pk, c, start, total);
	uint32_t mlen = cur_peek_be16(c, 6);
	uint32_t end = mlen < total ? mlen : total;
	uint32_t o = 8;
	while (o + 4 <= end && cur_check_at(c, o, 4)) {
		uint16_t len = cur_peek_be16(c, o);
		uint8_t cls = cur_peek_u8(c, o + 2), ct = cur_peek_u8(c, o + 3);
		if (len < 4 || o + len > end)
			break; /* tshark flags a bad object length and stops, no exception */
		if (!cur_check_at(c, o, len))
			break;
		int obj_f, ct_f;
		object_kind(cls, &obj_f, &ct_f);
		int it = fs_add_none(fs, HF(obj_f), start + o, len);
		int p2 = fs_push(fs, it);
		fs_add_uint(fs, HF(F_LENGTH), start + o, 2, len);
		fs_add_uint(fs, HF(F_OBJECT), start + o + 2, 1, cls);
		int hc = fs_add_uint(fs, HF(F_CTYPE), start + o + 3, 1, ct);
		if (hc >= 0)
			fs_item(fs, hc)->flags |= FI_HIDDEN;
		fs_add_uint(fs, HF(ct_f), start + o + 3, 1, ct);
		const char *s = object_body(pk, c, start, cls, ct, o + 4, o + len);
		fs_pop(fs, p2);
		if (s && fs->want_all)
			fs_tree_text(pk->fs, it,
				     arena_printf(pk->arena, "%s: %s", fields[obj_f].name, s));
		/* tshark's Info: the session and the sender (PATH) or filter (RESV) */
		if (s && (cls == 1 || cls == 10 || cls == 11) && sn < (int)sizeof summary)
			sn += snprintf(summary + sn, sizeof summary - (size_t)sn, "%s: %s",
				       fields[obj_f].name, s);
		o += len;
	}
	fs_pop(fs, prev);
	if (pk->want_cols)
		col_append_info(pk, "%s", summary);
	if (c->err || !cur_check_at(c, 0, total))
		return dissect_report_error(pk, c, proto_rsvp);
	if (top >= 0 && fs->want_all)
		fs_item(fs, top)->text =
		    arena_printf(pk->arena, "Resource ReserVation Protocol (RSVP): %s", summary);
	return (int)total;
}

static const struct dissector rsvp_dissector = {"rsvp", dissect_rsvp, 0};

void register_rsvp(void)
{
	proto_rsvp = proto_register("Resource ReserVation Protocol (RSVP)", "RSVP", "rsvp");
	hf = field_register(fields, F_COUNT);
}

void handoff_rsvp(void)
{
	dtable_add(DT_IP_PROTO, 46, &rsvp_dissector);
}
