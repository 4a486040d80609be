/*
** rtsp.c -- RTSP 1.0 (RFC 2326) on tcp 554 and 8554: request and status
** lines for the Info column ("Reply: " before a status line), the common
** headers, and an SDP body turning the Protocol column into "RTSP/SDP".
** Messages cut by segment boundaries are handed back to TCP for
** reassembly, headers first, then Content-Length bytes of body.
*/
#include <string.h>

#include "app_util.h"
#include "dissect.h"

enum {
	F_REQUEST,
	F_RESPONSE,
	F_METHOD,
	F_URL,
	F_STATUS,
	F_SESSION,
	F_CONTENT_TYPE,
	F_CONTENT_LENGTH,
	F_TRANSPORT,
	F_COUNT
};
static int hf, proto_rtsp;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
    [F_REQUEST] = {"rtsp.request", "Request", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_RESPONSE] = {"rtsp.response", "Response", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_METHOD] = {"rtsp.method", "Method", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_URL] = {"rtsp.url", "URL", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_STATUS] = {"rtsp.status", "Status", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_SESSION] = {"rtsp.session", "Session", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_CONTENT_TYPE] = {"rtsp.content-type", "Content-type", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_CONTENT_LENGTH] = {"rtsp.content-length", "Content-length", FT_UINT32, BASE_DEC, NULL, 0,
			  NULL},
    [F_TRANSPORT] = {"rtsp.transport", "Transport", FT_STRING, BASE_NONE, NULL, 0, NULL},
};

static const char *const methods[] = {
    "DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS",       "PAUSE",    "PLAY",
    "RECORD",   "REDIRECT", "SETUP",         "SET_PARAMETER", "TEARDOWN", "PLAY_NOTIFY",
};

static uint32_t method_len(const uint8_t *p, uint32_t n)
{
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
		size_t k = strlen(methods[i]);
		if (n > k && !memcmp(p, methods[i], k) && p[k] == ' ')
			return (uint32_t)k;
	}
	return 0;
}

static int hdr_is(const uint8_t *h, uint32_t n, const char *name)
{
	size_t k = strlen(name);
	if (n != k)
		return 0;
	for (size_t i = 0; i < k; i++) {
		uint8_t c = h[i];
		if (c >= 'A' && c <= 'Z')
			c = (uint8_t)(c + 32);
		if (c != (uint8_t)name[i])
			return 0;
	}
	return 1;
}

static int dissect_rtsp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t total = cur_remaining(c), avail = cur_avail(c), start = cur_pos(c);
	const uint8_t *p = cur_peek_ptr(c, 0, avail);
	if (!p || avail == 0)
		return 0;
	uint32_t next;
	long ll = app_line_end(p, avail, &next);
	uint32_t line = ll < 0 ? avail : (uint32_t)ll;
	uint32_t ml = method_len(p, line);
	int resp = !ml && line >= 5 && !memcmp(p, "RTSP/", 5);
	int nlayers = pk->nlayers;
	const char *old_col = pk->col_proto;
	pk_add_layer(pk, proto_rtsp);
	col_set_proto(pk, "RTSP");
	if (!ml && !resp) {
		fs_add_none(fs, proto_rtsp, start, total);
		col_clear_info(pk);
		col_append_info(pk, "Continuation");
		return (int)total;
	}
	/* headers */
	uint32_t ho = next, clen = 0, ct_off = 0, ct_len = 0;
	struct app_header ah;
	int r;
	while ((r = app_header_next(p, avail, &ho, &ah)) > 0) {
		const uint8_t *h = p + ah.off;
		uint32_t colon = ah.colon, v = ah.val, hl = ah.len;
		if (colon < hl) {
			if (hdr_is(h, colon, "content-length")) {
				clen = 0;
				for (uint32_t i = v;
				     i < hl && h[i] >= '0' && h[i] <= '9' && clen < 100000000; i++)
					clen = clen * 10 + (uint32_t)(h[i] - '0');
			} else if (hdr_is(h, colon, "content-type")) {
				ct_off = ah.off + v;
				ct_len = hl - v;
			}
		}
	}
	int done = r == 0;
	if (pk->can_desegment && pk->ptype == PT_TCP && avail == total &&
	    (!done || clen > avail - ho)) {
		pk->desegment_offset = 0;
		pk->desegment_len = !done ? DESEGMENT_ONE_MORE_SEGMENT : clen - (avail - ho);
		pk->nlayers = nlayers;
		pk->col_proto = old_col;
		return (int)total;
	}
	int it = fs_add_none(fs, proto_rtsp, start, total);
	int prev = fs_push(fs, it);
	if (resp) {
		fs_add_bytes(fs, HF(F_RESPONSE), start, next, p, next);
		if (line >= 12) {
			uint32_t st = 0;
			for (uint32_t i = 9; i < 12 && p[i] >= '0' && p[i] <= '9'; i++)
				st = st * 10 + (uint32_t)(p[i] - '0');
			fs_add_uint(fs, HF(F_STATUS), start + 9, 3, st);
		}
	} else {
		fs_add_bytes(fs, HF(F_REQUEST), start, next, p, next);
		fs_add_bytes(fs, HF(F_METHOD), start, ml, p, ml);
		uint32_t ue = ml + 1;
		while (ue < line && p[ue] != ' ')
			ue++;
		fs_add_bytes(fs, HF(F_URL), start + ml + 1, ue - ml - 1, p + ml + 1, ue - ml - 1);
	}
	if (ct_len)
		fs_add_bytes(fs, HF(F_CONTENT_TYPE), start + ct_off, ct_len, p + ct_off, ct_len);
	if (clen)
		fs_add_uint(fs, HF(F_CONTENT_LENGTH), start, 0, clen);
	fs_pop(fs, prev);
	if (pk_want_info(pk)) {
		char buf[1024];
		app_fmt_text(buf, sizeof buf, p, line);
		col_clear_info(pk);
		col_append_info(pk, "%s%s", resp ? "Reply: " : "", buf);
	}
	if (pk->want_cols && done && clen && ct_len >= 15 &&
	    hdr_is(p + ct_off, 15, "application/sdp"))
		col_set_proto(pk, "RTSP/SDP");
	return (int)total;
}

static const struct dissector rtsp_dissector = {"rtsp", dissect_rtsp, 0};

void register_rtsp(void)
{
	proto_rtsp = proto_register("Real Time Streaming Protocol", "RTSP", "rtsp");
	hf = field_register(fields, F_COUNT);
}

void handoff_rtsp(void)
{
	dtable_add(DT_TCP_PORT, 554, &rtsp_dissector);
	dtable_add(DT_TCP_PORT, 8554, &rtsp_dissector);
	dtable_add(DT_TCP_PORT, 7236, &rtsp_dissector);
}
