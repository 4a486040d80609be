/*
** vnc.c -- VNC/RFB (RFC 6143) handshake on tcp 5900-5901, 5500-5501 and on
** any port whose first bytes are an "RFB xxx.yyy\n" banner (tshark's vnc
** heuristic).  Only the handshake states are decoded; each packet's Info
** depends on where the conversation is in the handshake, so the state is
** kept per conversation.  tshark stays in the "security type selected"
** state when the client picks a type it does not know, and so do we.
*/
#include <stdio.h>
#include <string.h>

#include "app_util.h"
#include "dissect.h"
#include "tcpinfo.h"

enum { F_SV, F_CV, F_NUM_SEC, F_SEC_TYPE, F_CSEC, F_COUNT };
static int hf, proto_vnc;
#define HF(x) (hf + (x))

static const struct value_string sec_vals[] = {
    {0, "Invalid"},
    {1, "None"},
    {2, "VNC"},
    {5, "RA2"},
    {6, "RA2ne"},
    {16, "Tight"},
    {17, "Ultra"},
    {18, "TLS"},
    {19, "VeNCrypt"},
    {20, "GTK-VNC SASL"},
    {30, "Apple Remote Desktop"},
    {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_SV] = {"vnc.server_proto_ver", "Server protocol version", FT_STRING, BASE_NONE, NULL, 0,
	      "VNC protocol version on server"},
    [F_CV] = {"vnc.client_proto_ver", "Client protocol version", FT_STRING, BASE_NONE, NULL, 0,
	      "VNC protocol version on client"},
    [F_NUM_SEC] = {"vnc.num_security_types", "Number of security types", FT_UINT8, BASE_DEC, NULL,
		   0, "Number of security (authentication) types supported by the server"},
    [F_SEC_TYPE] = {"vnc.security_type", "Security type", FT_UINT8, BASE_DEC, sec_vals, 0,
		    "Security types offered by the server (VNC versions => 3.007"},
    [F_CSEC] = {"vnc.client_security_type", "Security type selected", FT_UINT8, BASE_DEC, sec_vals,
		0, "Security type selected by the client"},
};

enum vnc_state { S_SERVER_VERSION, S_CLIENT_VERSION, S_SECURITY, S_SECURITY_TYPES, S_AFTER };

struct vnc_conv {
	uint8_t state;
	uint8_t heur;
	uint8_t seen;
};

static int is_banner(const uint8_t *p, uint32_t n)
{
	return n >= 12 && !memcmp(p, "RFB ", 4) && p[7] == '.' && p[11] == '\n';
}

static int dissect_vnc_conv(struct packet *pk, struct cursor *c, struct vnc_conv *cv)
{
	struct fieldset *fs = pk->fs;
	uint32_t total = cur_remaining(c), avail = cur_avail(c), start = cur_pos(c);
	const uint8_t *p = cur_peek_ptr(c, 0, avail);
	pk_add_layer(pk, proto_vnc);
	col_set_proto(pk, "VNC");
	int it = fs_add_none(fs, proto_vnc, start, total);
	int prev = fs_push(fs, it);
	col_clear_info(pk);
	if (!p || avail == 0) {
		fs_pop(fs, prev);
		return (int)total;
	}
	switch (cv->state) {
	case S_SERVER_VERSION:
	case S_CLIENT_VERSION:
		if (is_banner(p, avail)) {
			int client = cv->state == S_CLIENT_VERSION;
			fs_add_bytes(fs, HF(client ? F_CV : F_SV), start + 4, 7, p + 4, 7);
			col_append_info(pk, "%s protocol version: %.7s",
					client ? "Client" : "Server", (const char *)p + 4);
			cv->state = client ? S_SECURITY : S_CLIENT_VERSION;
		}
		break;
	case S_SECURITY: {
		uint8_t n = p[0];
		fs_add_uint(fs, HF(F_NUM_SEC), start, 1, n);
		for (uint32_t i = 0; i < n && 1 + i < avail; i++)
			fs_add_uint(fs, HF(F_SEC_TYPE), start + 1 + i, 1, p[1 + i]);
		col_append_info(pk, "Security types supported");
		cv->state = S_SECURITY_TYPES;
		break;
	}
	case S_SECURITY_TYPES: {
		uint8_t t = p[0];
		const char *name = vals_lookup(sec_vals, t);
		fs_add_uint(fs, HF(F_CSEC), start, 1, t);
		col_append_info(pk, "Security type %s (%u) selected by client",
				name ? name : "Unknown", t);
		if (name && t != 0)
			cv->state = S_AFTER;
		break;
	}
	default:
		break;
	}
	fs_pop(fs, prev);
	return (int)total;
}

static int dissect_vnc(struct packet *pk, struct cursor *c)
{
	int dir;
	struct vnc_conv *cv = app_conv(pk, proto_vnc, sizeof(struct vnc_conv), 1, &dir);
	return dissect_vnc_conv(pk, c, cv);
}

static int dissect_vnc_heur(struct packet *pk, struct cursor *c)
{
	int dir;
	struct vnc_conv *cv = app_conv(pk, proto_vnc, sizeof(struct vnc_conv), 0, &dir);
	if (cv && cv->heur)
		return dissect_vnc_conv(pk, c, cv);
	uint32_t avail = cur_avail(c);
	const uint8_t *p = cur_peek_ptr(c, 0, avail);
	if (!p || avail != 12 || !is_banner(p, avail))
		return 0;
	cv = app_conv(pk, proto_vnc, sizeof(struct vnc_conv), 1, &dir);
	cv->heur = 1;
	/* tshark's VNC heuristic creates a conversation of its own here: TCP numbers a new stream
	 */
	tcp_conversation_restart(pk);
	return dissect_vnc_conv(pk, c, cv);
}

/*
** Conversation hook (dissect.h): the heuristic renumbers tcp.stream only on a
** view of exactly 12 captured bytes holding a banner.  TCP hands a segment's
** bytes on as the whole payload or as its tail after a PDU, and both end
** where the payload ends: only its last 12 bytes can be that view, so they
** are all the hook reads (scanning every payload for "RFB " missed the cache
** on bytes nothing else in a lean job reads).
*/
static int may_hold_banner(const struct cursor *pl, uint16_t sp, uint16_t dp)
{
	(void)sp;
	(void)dp;
	struct cursor c = *pl;
	uint32_t n = cur_avail(&c);
	/* conv_hook_add_min skips the call below 12 only while no other hook wants less */
	if (n < 12)
		return 0;
	const uint8_t *tail = cur_peek_ptr(&c, n - 12, 12);
	return !tail || is_banner(tail, 12);
}

static const struct dissector vnc_dissector = {"vnc", dissect_vnc, 0};
static const struct dissector vnc_heur = {"vnc", dissect_vnc_heur, 0};

void register_vnc(void)
{
	proto_vnc = proto_register("Virtual Network Computing", "VNC", "vnc");
	hf = field_register(fields, F_COUNT);
}

void handoff_vnc(void)
{
	static const uint16_t ports[] = {5500, 5501, 5900, 5901};
	for (size_t i = 0; i < sizeof ports / sizeof ports[0]; i++)
		dtable_add(DT_TCP_PORT, ports[i], &vnc_dissector);
	heur_add(HT_TCP, &vnc_heur);
	conv_hook_add_min(HT_TCP, may_hold_banner, 12);
}
