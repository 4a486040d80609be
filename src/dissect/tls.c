/*
** tls.c -- TLS/SSL record layer and the clear-text handshake (RFC 8446,
** RFC 5246), enough for tshark's columns and the common tls.* fields.
**
** The Protocol column names the session's version once a message that
** fixes it has been seen (anything but a Client Hello; a Server Hello's
** supported_versions extension wins), and the record's version before that,
** so each conversation keeps a little state.  Nothing is decrypted: after a
** Change Cipher Spec in one direction, handshake and alert records from that
** side are "Encrypted ...".
*/
#include <stdio.h>
#include <string.h>

#include "app_util.h"
#include "dissect.h"

enum {
	F_RECORD,
	F_CT,
	F_VERSION,
	F_LENGTH,
	F_HS,
	F_HS_TYPE,
	F_HS_LEN,
	F_HS_VERSION,
	F_HS_RANDOM,
	F_HS_SID_LEN,
	F_HS_SID,
	F_HS_CS_LEN,
	F_HS_CS,
	F_HS_COMP_LEN,
	F_HS_COMP,
	F_HS_EXT_LEN,
	F_EXT_TYPE,
	F_EXT_LEN,
	F_SNI_LIST_LEN,
	F_SNI_TYPE,
	F_SNI_LEN,
	F_SNI,
	F_SV,
	F_ALPN,
	F_APP_DATA,
	F_ALERT_LEVEL,
	F_ALERT_DESC,
	F_CCS,
	F_OPAQUE_TYPE,
	F_COUNT
};
static int hf, proto_tls;
#define HF(x) (hf + (x))

static const struct value_string hs_vals[] = {
    {0, "Hello Request"},
    {1, "Client Hello"},
    {2, "Server Hello"},
    {3, "Hello Verify Request"},
    {4, "New Session Ticket"},
    {5, "End of Early Data"},
    {6, "Hello Retry Request"},
    {8, "Encrypted Extensions"},
    {11, "Certificate"},
    {12, "Server Key Exchange"},
    {13, "Certificate Request"},
    {14, "Server Hello Done"},
    {15, "Certificate Verify"},
    {16, "Client Key Exchange"},
    {20, "Finished"},
    {21, "Client Certificate URL"},
    {22, "Certificate Status"},
    {23, "Supplemental Data"},
    {24, "Key Update"},
    {25, "Compressed Certificate"},
    {67, "Encrypted Extensions"},
    {0, NULL},
};

static const struct value_string alert_desc_vals[] = {
    {0, "Close Notify"},
    {1, "End of Early Data"},
    {10, "Unexpected Message"},
    {20, "Bad Record MAC"},
    {21, "Decryption Failed"},
    {22, "Record Overflow"},
    {30, "Decompression Failure"},
    {40, "Handshake Failure"},
    {41, "No Certificate"},
    {42, "Bad Certificate"},
    {43, "Unsupported Certificate"},
    {44, "Certificate Revoked"},
    {45, "Certificate Expired"},
    {46, "Certificate Unknown"},
    {47, "Illegal Parameter"},
    {48, "Unknown CA"},
    {49, "Access Denied"},
    {50, "Decode Error"},
    {51, "Decrypt Error"},
    {60, "Export Restriction"},
    {70, "Protocol Version"},
    {71, "Insufficient Security"},
    {80, "Internal Error"},
    {86, "Inappropriate Fallback"},
    {90, "User Canceled"},
    {100, "No Renegotiation"},
    {109, "Missing Extension"},
    {110, "Unsupported Extension"},
    {111, "Certificate Unobtainable"},
    {112, "Unrecognized Name"},
    {113, "Bad Certificate Status Response"},
    {114, "Bad Certificate Hash Value"},
    {115, "Unknown PSK Identity"},
    {116, "Certificate Required"},
    {120, "No application Protocol"},
    {121, "ECH Required"},
    {0, NULL},
};

static const struct value_string alert_level_vals[] = {{1, "Warning"}, {2, "Fatal"}, {0, NULL}};

static const struct value_string ct_vals[] = {
    {20, "Change Cipher Spec"}, {21, "Alert"},         {22, "Handshake"}, {23, "Application Data"},
    {24, "Heartbeat"},          {25, "Connection ID"}, {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_RECORD] = {"tls.record", "Record Layer", FT_NONE, BASE_NONE, NULL, 0, NULL},
    [F_CT] = {"tls.record.content_type", "Content Type", FT_UINT8, BASE_DEC, ct_vals, 0, NULL},
    [F_VERSION] = {"tls.record.version", "Version", FT_UINT16, BASE_HEX, NULL, 0,
		   "Record layer version"},
    [F_LENGTH] = {"tls.record.length", "Length", FT_UINT16, BASE_DEC, NULL, 0,
		  "Length of TLS record data"},
    [F_HS] = {"tls.handshake", "Handshake Protocol", FT_NONE, BASE_NONE, NULL, 0,
	      "Handshake protocol message"},
    [F_HS_TYPE] = {"tls.handshake.type", "Handshake Message Type", FT_UINT8, BASE_DEC, hs_vals, 0,
		   "SSLv2 handshake message type"},
    [F_HS_LEN] = {"tls.handshake.length", "Length", FT_UINT24, BASE_DEC, NULL, 0,
		  "Length of handshake message"},
    [F_HS_VERSION] = {"tls.handshake.version", "Version", FT_UINT16, BASE_HEX, NULL, 0,
		      "Maximum version supported by client"},
    [F_HS_RANDOM] = {"tls.handshake.random", "Random", FT_BYTES, BASE_NONE, NULL, 0,
		     "Random values used for deriving keys"},
    [F_HS_SID_LEN] = {"tls.handshake.session_id_length", "Session ID Length", FT_UINT16, BASE_DEC,
		      NULL, 0, "Length of session ID field"},
    [F_HS_SID] = {"tls.handshake.session_id", "Session ID", FT_BYTES, BASE_NONE, NULL, 0,
		  "Identifies the SSL session, allowing later resumption"},
    [F_HS_CS_LEN] = {"tls.handshake.cipher_suites_length", "Cipher Suites Length", FT_UINT16,
		     BASE_DEC, NULL, 0, "Length of cipher suites field"},
    [F_HS_CS] = {"tls.handshake.ciphersuite", "Cipher Suite", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_HS_COMP_LEN] = {"tls.handshake.comp_methods_length", "Compression Methods Length", FT_UINT8,
		       BASE_DEC, NULL, 0, "Length of compression methods field"},
    [F_HS_COMP] = {"tls.handshake.comp_method", "Compression Method", FT_UINT8, BASE_DEC, NULL, 0,
		   NULL},
    [F_HS_EXT_LEN] = {"tls.handshake.extensions_length", "Extensions Length", FT_UINT16, BASE_DEC,
		      NULL, 0, "Length of hello extensions"},
    [F_EXT_TYPE] = {"tls.handshake.extension.type", "Type", FT_UINT16, BASE_DEC, NULL, 0,
		    "Hello extension type"},
    [F_EXT_LEN] = {"tls.handshake.extension.len", "Length", FT_UINT16, BASE_DEC, NULL, 0,
		   "Length of a hello extension"},
    [F_SNI_LIST_LEN] = {"tls.handshake.extensions_server_name_list_len", "Server Name list length",
			FT_UINT16, BASE_DEC, NULL, 0, "Length of server name list"},
    [F_SNI_TYPE] = {"tls.handshake.extensions_server_name_type", "Server Name Type", FT_UINT8,
		    BASE_DEC, NULL, 0, NULL},
    [F_SNI_LEN] = {"tls.handshake.extensions_server_name_len", "Server Name length", FT_UINT16,
		   BASE_DEC, NULL, 0, "Length of server name string"},
    [F_SNI] = {"tls.handshake.extensions_server_name", "Server Name", FT_STRING, BASE_NONE, NULL, 0,
	       NULL},
    [F_SV] = {"tls.handshake.extensions.supported_version", "Supported Version", FT_UINT16,
	      BASE_HEX, NULL, 0, NULL},
    [F_ALPN] = {"tls.handshake.extensions_alpn_str", "ALPN Next Protocol", FT_STRING, BASE_NONE,
		NULL, 0, NULL},
    [F_APP_DATA] = {"tls.app_data", "Encrypted Application Data", FT_BYTES, BASE_NONE, NULL, 0,
		    "Payload is encrypted application data"},
    [F_ALERT_LEVEL] = {"tls.alert_message.level", "Level", FT_UINT8, BASE_DEC, alert_level_vals, 0,
		       "Alert message level"},
    [F_ALERT_DESC] = {"tls.alert_message.desc", "Description", FT_UINT8, BASE_DEC, alert_desc_vals,
		      0, "Alert message description"},
    [F_OPAQUE_TYPE] = {"tls.record.opaque_type", "Opaque Type", FT_UINT8, BASE_DEC, ct_vals, 0,
		       "Always set to value 23, actual content type is known after decryption"},
    [F_CCS] = {"tls.change_cipher_spec", "Change Cipher Spec Message", FT_NONE, BASE_NONE, NULL, 0,
	       "Signals a change in cipher specifications"},
};

#define VER_UNKNOWN 0

struct tls_conv {
	uint16_t version; /* session version, VER_UNKNOWN until fixed */
	uint8_t ccs[2];   /* Change Cipher Spec seen, per direction */
	uint8_t heur;     /* claimed by the heuristic: the whole conversation is TLS */
};

/* The random a Server Hello carries when it is a Hello Retry Request. */
static const uint8_t hrr_random[32] = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

static const char *version_short(uint16_t v)
{
	switch (v) {
	case 0x0002:
		return "SSLv2";
	case 0x0300:
		return "SSLv3";
	case 0x0301:
		return "TLSv1";
	case 0x0302:
		return "TLSv1.1";
	case 0x0303:
		return "TLSv1.2";
	case 0x0304:
		return "TLSv1.3";
	case 0x0100:
		return "DTLS 1.0 (OpenSSL pre 0.9.8f)";
	case 0xfeff:
		return "DTLSv1.0";
	case 0xfefd:
		return "DTLSv1.2";
	case 0xfefc:
		return "DTLSv1.3";
	default:
		return NULL;
	}
}

static int valid_version(uint16_t v)
{
	return v >= 0x0300 && v <= 0x0304;
}

static int valid_ct(uint8_t ct)
{
	return ct >= 20 && ct <= 25;
}

static int is_tls13(uint16_t v)
{
	return v == 0x0304 || (v >= 0x7f0e && v <= 0x7f1c);
}

/* Hello extensions: server name, supported versions, ALPN. */
static void dissect_extensions(struct packet *pk, struct cursor *c, int server, struct tls_conv *cv)
{
	struct fieldset *fs = pk->fs;
	while (cur_remaining(c) >= 4) {
		uint32_t at = cur_pos(c);
		uint16_t type = cur_be16(c), len = cur_be16(c);
		if (c->err)
			return;
		fs_add_uint(fs, HF(F_EXT_TYPE), at, 2, type);
		fs_add_uint(fs, HF(F_EXT_LEN), at + 2, 2, len);
		struct cursor e = cur_sub(c, len);
		if (c->err)
			return;
		if (type == 0 && !server && len >= 2) {
			uint32_t lp = cur_pos(&e);
			uint16_t ll = cur_be16(&e);
			fs_add_uint(fs, HF(F_SNI_LIST_LEN), lp, 2, ll);
			while (cur_remaining(&e) >= 3 && !e.err) {
				uint32_t np = cur_pos(&e);
				uint8_t nt = cur_u8(&e);
				uint16_t nl = cur_be16(&e);
				const uint8_t *p = cur_peek_ptr(&e, 0, nl);
				if (!p)
					break;
				cur_skip(&e, nl);
				fs_add_uint(fs, HF(F_SNI_TYPE), np, 1, nt);
				fs_add_uint(fs, HF(F_SNI_LEN), np + 1, 2, nl);
				fs_add_bytes(fs, HF(F_SNI), np + 3, nl, p, nl);
			}
		} else if (type == 43) {
			if (server) {
				uint16_t v = cur_peek_be16(&e, 0);
				if (!e.err) {
					fs_add_uint(fs, HF(F_SV), cur_pos(&e), 2, v);
					if (cv && (valid_version(v) || is_tls13(v)))
						cv->version = is_tls13(v) ? 0x0304 : v;
				}
			} else {
				uint8_t l = cur_u8(&e);
				for (uint32_t i = 0; i + 2 <= l && !e.err; i += 2) {
					uint32_t vp = cur_pos(&e);
					uint16_t v = cur_be16(&e);
					if (!e.err)
						fs_add_uint(fs, HF(F_SV), vp, 2, v);
				}
			}
		} else if (type == 16 && len >= 2) {
			cur_skip(&e, 2);
			while (cur_remaining(&e) >= 1 && !e.err) {
				uint8_t l = cur_u8(&e);
				uint32_t sp = cur_pos(&e);
				const uint8_t *p = cur_peek_ptr(&e, 0, l);
				if (!p)
					break;
				cur_skip(&e, l);
				fs_add_bytes(fs, HF(F_ALPN), sp, l, p, l);
			}
		}
	}
}

/* Client and Server Hello bodies (c spans the message body). */
static int dissect_hello(struct packet *pk, struct cursor *c, int server, struct tls_conv *cv)
{
	struct fieldset *fs = pk->fs;
	uint32_t at = cur_pos(c);
	uint16_t ver = cur_be16(c);
	const uint8_t *rnd = cur_peek_ptr(c, 0, 32);
	if (!rnd)
		return 0;
	fs_add_uint(fs, HF(F_HS_VERSION), at, 2, ver);
	fs_add_bytes(fs, HF(F_HS_RANDOM), at + 2, 32, rnd, 32);
	int hrr = server && memcmp(rnd, hrr_random, 32) == 0;
	cur_skip(c, 32);
	uint8_t sl = cur_u8(c);
	const uint8_t *sid = cur_peek_ptr(c, 0, sl);
	if (c->err)
		return hrr;
	fs_add_uint(fs, HF(F_HS_SID_LEN), at + 34, 1, sl);
	if (sl)
		fs_add_bytes(fs, HF(F_HS_SID), at + 35, sl, sid, sl);
	cur_skip(c, sl);
	if (server) {
		uint32_t p = cur_pos(c);
		uint16_t cs = cur_be16(c);
		uint8_t comp = cur_u8(c);
		if (c->err)
			return hrr;
		fs_add_uint(fs, HF(F_HS_CS), p, 2, cs);
		fs_add_uint(fs, HF(F_HS_COMP), p + 2, 1, comp);
		if (cv && valid_version(ver))
			cv->version = ver;
	} else {
		uint32_t p = cur_pos(c);
		uint16_t csl = cur_be16(c);
		if (c->err)
			return 0;
		fs_add_uint(fs, HF(F_HS_CS_LEN), p, 2, csl);
		for (uint32_t i = 0; i + 2 <= csl; i += 2) {
			uint16_t cs = cur_be16(c);
			if (c->err)
				return 0;
			fs_add_uint(fs, HF(F_HS_CS), p + 2 + i, 2, cs);
		}
		p = cur_pos(c);
		uint8_t cl = cur_u8(c);
		if (c->err)
			return 0;
		fs_add_uint(fs, HF(F_HS_COMP_LEN), p, 1, cl);
		for (uint32_t i = 0; i < cl; i++) {
			uint8_t m = cur_u8(c);
			if (c->err)
				return 0;
			fs_add_uint(fs, HF(F_HS_COMP), p + 1 + i, 1, m);
		}
	}
	if (cur_remaining(c) >= 2) {
		uint32_t p = cur_pos(c);
		uint16_t el = cur_be16(c);
		fs_add_uint(fs, HF(F_HS_EXT_LEN), p, 2, el);
		struct cursor ext = cur_sub(c, el);
		dissect_extensions(pk, &ext, server, cv);
	}
	return hrr;
}

static void dissect_handshake(struct packet *pk, struct cursor *r, struct tls_conv *cv, int dir)
{
	struct fieldset *fs = pk->fs;
	int first = 1;
	if (cv && cv->ccs[dir]) {
		/*
		 * after a Change Cipher Spec only a whole hello (a retransmission
		 * or a new handshake) is clear text; the rest is encrypted
		 */
		struct cursor t = *r;
		uint8_t type = cur_peek_u8(&t, 0);
		uint32_t len = cur_peek_be24(&t, 1);
		if (t.err || (type != 1 && type != 2) || len < 38 || len > cur_remaining(r) - 4) {
			col_append_sep_info(pk, ", ", "Encrypted Handshake Message");
			return;
		}
		cv->ccs[0] = cv->ccs[1] = 0;
	}
	while (cur_remaining(r) > 0) {
		uint32_t at = cur_pos(r);
		uint8_t type = cur_peek_u8(r, 0);
		uint32_t len = cur_peek_be24(r, 1);
		const char *name = vals_lookup(hs_vals, type);
		if (r->err || !name || len > cur_remaining(r) - 4) {
			if (first)
				col_append_sep_info(pk, ", ", "Encrypted Handshake Message");
			return;
		}
		cur_skip(r, 4);
		struct cursor body = cur_sub(r, len);
		int it = fs_add_none(fs, HF(F_HS), at, len + 4);
		int prev = fs_push(fs, it);
		int hrr = 0;
		fs_add_uint(fs, HF(F_HS_TYPE), at, 1, type);
		fs_add_uint(fs, HF(F_HS_LEN), at + 1, 3, len);
		if (type == 1 || type == 2)
			hrr = dissect_hello(pk, &body, type == 2, cv);
		fs_pop(fs, prev);
		col_append_sep_info(pk, ", ", "%s", hrr ? "Hello Retry Request" : name);
		first = 0;
	}
}

static void set_proto_col(struct packet *pk, uint16_t v, const char *dflt)
{
	const char *s = version_short(v);
	col_set_proto(pk, s ? s : dflt);
}

static int printable(uint8_t b)
{
	return b >= 0x20 && b < 0x7f;
}

static const struct dissector tls_dissector;

static int dissect_tls(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	int dir = 0;
	const struct dissector *other = app_conv_redirect(pk, &tls_dissector);
	if (other)
		return other->fn(pk, c);
	/* four printable bytes: clear text (say, before STARTTLS), not ours */
	const uint8_t *q = cur_avail(c) > 4 ? cur_peek_ptr(c, 0, 4) : NULL;
	if (q && printable(q[0]) && printable(q[1]) && printable(q[2]) && printable(q[3]))
		return 0;
	struct tls_conv *cv = app_conv(pk, proto_tls, sizeof(struct tls_conv), 1, &dir);
	uint32_t total = cur_remaining(c), start = cur_pos(c);
	if (pk->can_desegment && cur_avail(c) == total) {
		/*
		 * a first record that is not all here: TCP shows the segment, not
		 * us, but tshark has already cleared Info by then
		 */
		col_clear_info(pk);
		struct cursor t = *c;
		uint8_t ct0 = cur_peek_u8(&t, 0);
		if (total < 5 && valid_ct(ct0)) {
			pk->desegment_offset = 0;
			pk->desegment_len = DESEGMENT_ONE_MORE_SEGMENT;
			return (int)total;
		}
		uint32_t rl = cur_peek_be16(&t, 3);
		if (!t.err && valid_ct(ct0) && total < 5 + rl) {
			pk->desegment_offset = 0;
			pk->desegment_len = 5 + rl - total;
			return (int)total;
		}
	}
	pk_add_layer(pk, proto_tls);
	int it = fs_add_none(fs, proto_tls, start, total);
	int prev = fs_push(fs, it);
	col_set_proto(pk, "TLS");
	col_clear_info(pk);
	uint32_t off = 0;
	while (off < total) {
		uint32_t have = total - off;
		struct cursor t = *c;
		uint8_t ct = cur_peek_u8(&t, 0);
		uint16_t ver = have >= 3 ? cur_peek_be16(&t, 1) : 0;
		uint16_t len = have >= 5 ? cur_peek_be16(&t, 3) : 0;
		if (t.err) { /* header cut by the snaplen */
			set_proto_col(pk, cv->version, "SSL");
			col_append_sep_info(pk, ", ", "Continuation Data");
			break;
		}
		uint16_t sv = cv->version;
		int known_old = sv != VER_UNKNOWN && !is_tls13(sv);
		if (!valid_ct(ct) || (have >= 3 && !valid_version(ver))) {
			if (known_old) {
				set_proto_col(pk, sv, "TLS");
				col_append_sep_info(pk, ", ", "Ignored Unknown Record");
			} else {
				set_proto_col(pk, sv, "SSL");
				col_append_sep_info(pk, ", ", "Continuation Data");
			}
			break;
		}
		if (have < 5u + len && pk->can_desegment) {
			pk->desegment_offset = off;
			pk->desegment_len = have < 5 ? DESEGMENT_ONE_MORE_SEGMENT : 5u + len - have;
			break;
		}
		/*
		 * a record running past the segment, with no reassembly: tshark
		 * names the version but shows nothing of the record
		 */
		if (have < 5 || have < 5u + len) {
			if (have >= 5)
				set_proto_col(pk, cv->version != VER_UNKNOWN ? cv->version : ver,
					      "TLS");
			break;
		}
		uint8_t next = cur_peek_u8(&t, 5);
		t.err = CUR_OK;
		if (ct == 22 && next == 1 && off == 0 && !dir && (cv->ccs[0] || cv->ccs[1])) {
			/* a new handshake on a reused address/port pair: a new session */
			cv->version = VER_UNKNOWN;
			cv->ccs[0] = cv->ccs[1] = 0;
		}
		if (cv->version == VER_UNKNOWN && valid_version(ver) &&
		    !(ct == 22 && (next == 1 || have < 6)))
			cv->version = ver;
		set_proto_col(pk, cv->version != VER_UNKNOWN ? cv->version : ver, "TLS");
		uint32_t rp = cur_pos(c);
		cur_skip(c, 5);
		struct cursor r = cur_sub(c, len);
		c->err = CUR_OK; /* a record cut short by the capture is still shown */
		int ri = fs_add_none(fs, HF(F_RECORD), rp, 5u + len);
		int rprev = fs_push(fs, ri);
		/* TLS 1.3 protected records carry an opaque type, not a content type */
		fs_add_uint(fs, HF(ct == 23 && is_tls13(cv->version) ? F_OPAQUE_TYPE : F_CT), rp, 1,
			    ct);
		fs_add_uint(fs, HF(F_VERSION), rp + 1, 2, ver);
		fs_add_uint(fs, HF(F_LENGTH), rp + 3, 2, len);
		switch (ct) {
		case 20:
			fs_add_none(fs, HF(F_CCS), rp + 5, len);
			col_append_sep_info(pk, ", ", "Change Cipher Spec");
			cv->ccs[dir] = 1;
			break;
		case 21: {
			uint8_t lvl = cur_peek_u8(&r, 0), desc = cur_peek_u8(&r, 1);
			const char *ls = vals_lookup(alert_level_vals, lvl);
			const char *ds = vals_lookup(alert_desc_vals, desc);
			if (cv->ccs[dir] || len != 2 || r.err || !ls || !ds) {
				col_append_sep_info(pk, ", ", "Encrypted Alert");
			} else {
				fs_add_uint(fs, HF(F_ALERT_LEVEL), rp + 5, 1, lvl);
				fs_add_uint(fs, HF(F_ALERT_DESC), rp + 6, 1, desc);
				col_append_sep_info(pk, ", ", "Alert (Level: %s, Description: %s)",
						    ls, ds);
			}
			break;
		}
		case 22:
			dissect_handshake(pk, &r, cv, dir);
			break;
		case 23: {
			const uint8_t *p = cur_peek_ptr(&r, 0, cur_avail(&r));
			if (p)
				fs_add_bytes(fs, HF(F_APP_DATA), rp + 5, len, p, cur_avail(&r));
			col_append_sep_info(pk, ", ", "Application Data");
			break;
		}
		case 24:
			col_append_sep_info(pk, ", ", "%s",
					    cv->ccs[dir] ? "Encrypted Heartbeat" : "Heartbeat");
			break;
		default:
			col_append_sep_info(pk, ", ", "%s", vals_lookup(ct_vals, ct));
			break;
		}
		fs_pop(fs, rprev);
		off += 5u + len;
		if (off > total)
			off = total;
	}
	fs_pop(fs, prev);
	return (int)total;
}

/*
** On other ports: a hello at the start of the payload claims the whole
** conversation for TLS, as tshark's tls_tcp heuristic does.
*/
static int dissect_tls_heur(struct packet *pk, struct cursor *c)
{
	int dir;
	struct tls_conv *cv = app_conv(pk, proto_tls, sizeof(struct tls_conv), 0, &dir);
	if (cv && cv->heur)
		return dissect_tls(pk, c);
	struct cursor t = *c;
	const uint8_t *h = cur_peek_ptr(&t, 0, 6);
	if (!h || h[0] != 22 || h[1] != 3 || h[2] > 4 || (h[5] != 1 && h[5] != 2))
		return 0;
	if ((h[3] << 8 | h[4]) < 4)
		return 0;
	cv = app_conv(pk, proto_tls, sizeof(struct tls_conv), 1, &dir);
	cv->heur = 1;
	app_conv_bind(pk, &tls_dissector);
	return dissect_tls(pk, c);
}

static const struct dissector tls_dissector = {"tls", dissect_tls, 0};
static const struct dissector tls_heur = {"tls_tcp", dissect_tls_heur, 0};

void register_tls(void)
{
	proto_tls = proto_register("Transport Layer Security", "TLS", "tls");
	hf = field_register(fields, F_COUNT);
}

void handoff_tls(void)
{
	/* tshark 4.0's tls tcp ports (tshark -G decodes) */
	static const uint16_t ports[] = {324,  443,  465,  636,  802,  853,   993,   995,
					 1300, 2221, 2443, 3249, 3250, 3251,  3252,  3496,
					 5061, 5671, 5684, 5868, 8883, 11207, 19999, 27017};
	for (size_t i = 0; i < sizeof ports / sizeof ports[0]; i++)
		dtable_add(DT_TCP_PORT, ports[i], &tls_dissector);
	heur_add(HT_TCP, &tls_heur);
}
