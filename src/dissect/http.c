/*
** http.c -- HTTP/1.x (RFC 9112) on its tshark ports and heuristic, and
** SSDP (HTTP over udp 1900).
**
** The Info column is the request or status line followed by a space, then
** what the body's media dissector adds: " (text/html)" for plain media,
** " (GIF89a)" for images that tshark recognises, nothing for XML (which
** makes the Protocol column "HTTP/XML").  Bodies are delimited by
** Content-Length, chunked coding, or the end of the connection; when a
** message is not all in the segment and TCP can reassemble, we ask it to.
*/
#include <stdio.h>
#include <string.h>

#include "../core/expert.h"
#include "app_util.h"
#include "dissect.h"

enum {
	F_RESPONSE,
	F_REQUEST,
	F_REQ_METHOD,
	F_REQ_URI,
	F_REQ_VERSION,
	F_RESP_VERSION,
	F_RESP_CODE,
	F_RESP_CODE_DESC,
	F_RESP_PHRASE,
	F_HOST,
	F_USER_AGENT,
	F_ACCEPT,
	F_ACCEPT_LANG,
	F_ACCEPT_ENC,
	F_REFERER,
	F_CONNECTION,
	F_COOKIE,
	F_SET_COOKIE,
	F_SERVER,
	F_LOCATION,
	F_CONTENT_TYPE,
	F_CONTENT_LENGTH_HDR,
	F_CONTENT_LENGTH,
	F_CONTENT_ENC,
	F_TRANSFER_ENC,
	F_CACHE_CONTROL,
	F_DATE,
	F_LAST_MODIFIED,
	F_AUTHORIZATION,
	F_REQ_LINE,
	F_RESP_LINE,
	F_FULL_URI,
	F_FILE_DATA,
	F_UNKNOWN_HDR,
	F_COUNT
};
static int hf, proto_http, proto_ssdp;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
    [F_RESPONSE] = {"http.response", "Response", FT_BOOLEAN, 0, NULL, 0, "TRUE if HTTP response"},
    [F_REQUEST] = {"http.request", "Request", FT_BOOLEAN, 0, NULL, 0, "TRUE if HTTP request"},
    [F_REQ_METHOD] = {"http.request.method", "Request Method", FT_STRING, BASE_NONE, NULL, 0,
		      "HTTP Request Method"},
    [F_REQ_URI] = {"http.request.uri", "Request URI", FT_STRING, BASE_NONE, NULL, 0,
		   "HTTP Request-URI"},
    [F_REQ_VERSION] = {"http.request.version", "Request Version", FT_STRING, BASE_NONE, NULL, 0,
		       "HTTP Request HTTP-Version"},
    [F_RESP_VERSION] = {"http.response.version", "Response Version", FT_STRING, BASE_NONE, NULL, 0,
			"HTTP Response HTTP-Version"},
    [F_RESP_CODE] = {"http.response.code", "Status Code", FT_UINT16, BASE_DEC, NULL, 0,
		     "HTTP Response Status Code"},
    [F_RESP_CODE_DESC] = {"http.response.code.desc", "Status Code Description", FT_STRING,
			  BASE_NONE, NULL, 0, "HTTP Response Status Code Description"},
    [F_RESP_PHRASE] = {"http.response.phrase", "Response Phrase", FT_STRING, BASE_NONE, NULL, 0,
		       "HTTP Response Reason Phrase"},
    [F_HOST] = {"http.host", "Host", FT_STRING, BASE_NONE, NULL, 0, "HTTP Host"},
    [F_USER_AGENT] = {"http.user_agent", "User-Agent", FT_STRING, BASE_NONE, NULL, 0,
		      "HTTP User-Agent header"},
    [F_ACCEPT] = {"http.accept", "Accept", FT_STRING, BASE_NONE, NULL, 0, "HTTP Accept"},
    [F_ACCEPT_LANG] = {"http.accept_language", "Accept-Language", FT_STRING, BASE_NONE, NULL, 0,
		       "HTTP Accept Language"},
    [F_ACCEPT_ENC] = {"http.accept_encoding", "Accept Encoding", FT_STRING, BASE_NONE, NULL, 0,
		      "HTTP Accept Encoding"},
    [F_REFERER] = {"http.referer", "Referer", FT_STRING, BASE_NONE, NULL, 0, "HTTP Referer"},
    [F_CONNECTION] = {"http.connection", "Connection", FT_STRING, BASE_NONE, NULL, 0,
		      "HTTP Connection"},
    [F_COOKIE] = {"http.cookie", "Cookie", FT_STRING, BASE_NONE, NULL, 0, "HTTP Cookie"},
    [F_SET_COOKIE] = {"http.set_cookie", "Set-Cookie", FT_STRING, BASE_NONE, NULL, 0,
		      "HTTP Set Cookie"},
    [F_SERVER] = {"http.server", "Server", FT_STRING, BASE_NONE, NULL, 0, "HTTP Server"},
    [F_LOCATION] = {"http.location", "Location", FT_STRING, BASE_NONE, NULL, 0, "HTTP Location"},
    [F_CONTENT_TYPE] = {"http.content_type", "Content-Type", FT_STRING, BASE_NONE, NULL, 0,
			"HTTP Content-Type header"},
    [F_CONTENT_LENGTH_HDR] = {"http.content_length_header", "Content-Length", FT_STRING, BASE_NONE,
			      NULL, 0, "HTTP Content-Length header"},
    [F_CONTENT_LENGTH] = {"http.content_length", "Content length", FT_UINT64, BASE_DEC, NULL, 0,
			  NULL},
    [F_CONTENT_ENC] = {"http.content_encoding", "Content-Encoding", FT_STRING, BASE_NONE, NULL, 0,
		       "HTTP Content-Encoding header"},
    [F_TRANSFER_ENC] = {"http.transfer_encoding", "Transfer-Encoding", FT_STRING, BASE_NONE, NULL,
			0, "HTTP Transfer-Encoding header"},
    [F_CACHE_CONTROL] = {"http.cache_control", "Cache-Control", FT_STRING, BASE_NONE, NULL, 0,
			 "HTTP Cache Control"},
    [F_DATE] = {"http.date", "Date", FT_STRING, BASE_NONE, NULL, 0, "HTTP Date"},
    [F_LAST_MODIFIED] = {"http.last_modified", "Last-Modified", FT_STRING, BASE_NONE, NULL, 0,
			 "HTTP Last Modified"},
    [F_AUTHORIZATION] = {"http.authorization", "Authorization", FT_STRING, BASE_NONE, NULL, 0,
			 "HTTP Authorization header"},
    [F_REQ_LINE] = {"http.request.line", "Request line", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_RESP_LINE] = {"http.response.line", "Response line", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_FULL_URI] = {"http.request.full_uri", "Full request URI", FT_STRING, BASE_NONE, NULL, 0,
		    "The full requested URI (including host name)"},
    [F_FILE_DATA] = {"http.file_data", "File Data", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_UNKNOWN_HDR] = {"http.unknown_header", "Unknown header", FT_STRING, BASE_NONE, NULL, 0,
		       NULL},
};

/* Request methods tshark recognises at the start of a message. */
static const char *const methods[] = {
    "GET",
    "POST",
    "HEAD",
    "PUT",
    "DELETE",
    "OPTIONS",
    "TRACE",
    "CONNECT",
    "PATCH",
    "NOTIFY",
    "SUBSCRIBE",
    "UNSUBSCRIBE",
    "M-SEARCH",
    "PROPFIND",
    "PROPPATCH",
    "MKCOL",
    "COPY",
    "MOVE",
    "LOCK",
    "UNLOCK",
    "SEARCH",
    "REPORT",
    "MERGE",
    "CHECKOUT",
    "CHECKIN",
    "MKACTIVITY",
    "VERSION-CONTROL",
    "BASELINE-CONTROL",
    "MKWORKSPACE",
    "UNCHECKOUT",
    "LABEL",
    "UPDATE",
    "ACL",
    "ORDERPATCH",
    "MKCALENDAR",
    "POLL",
    "BMOVE",
    "BDELETE",
    "BPROPFIND",
    "BPROPPATCH",
    "BCOPY",
    "X-MS-ENUMATTS",
    "RPC_IN_DATA",
    "RPC_OUT_DATA",
    "SSTP_DUPLEX_POST",
    "PRI",
};

static const struct value_string status_vals[] = {
    {100, "Continue"},
    {101, "Switching Protocols"},
    {102, "Processing"},
    {103, "Early Hints"},
    {200, "OK"},
    {201, "Created"},
    {202, "Accepted"},
    {203, "Non-authoritative Information"},
    {204, "No Content"},
    {205, "Reset Content"},
    {206, "Partial Content"},
    {207, "Multi-Status"},
    {208, "Already Reported"},
    {226, "IM Used"},
    {300, "Multiple Choices"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {303, "See Other"},
    {304, "Not Modified"},
    {305, "Use Proxy"},
    {307, "Temporary Redirect"},
    {308, "Permanent Redirect"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {402, "Payment Required"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {407, "Proxy Authentication Required"},
    {408, "Request Time-out"},
    {409, "Conflict"},
    {410, "Gone"},
    {411, "Length Required"},
    {412, "Precondition Failed"},
    {413, "Request Entity Too Large"},
    {414, "Request-URI Too Long"},
    {415, "Unsupported Media Type"},
    {416, "Requested Range Not Satisfiable"},
    {417, "Expectation Failed"},
    {418, "I'm a teapot"},
    {421, "Misdirected Request"},
    {422, "Unprocessable Entity"},
    {423, "Locked"},
    {424, "Failed Dependency"},
    {425, "Too Early"},
    {426, "Upgrade Required"},
    {428, "Precondition Required"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {451, "Unavailable For Legal Reasons"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Time-out"},
    {505, "HTTP Version not supported"},
    {506, "Variant Also Negotiates"},
    {507, "Insufficient Storage"},
    {508, "Loop Detected"},
    {510, "Not Extended"},
    {511, "Network Authentication Required"},
    {0, NULL},
};

struct hdr_map {
	const char *name;
	int field;
};

static const struct hdr_map hdrs[] = {
    {"host", F_HOST},
    {"user-agent", F_USER_AGENT},
    {"accept", F_ACCEPT},
    {"accept-language", F_ACCEPT_LANG},
    {"accept-encoding", F_ACCEPT_ENC},
    {"referer", F_REFERER},
    {"connection", F_CONNECTION},
    {"cookie", F_COOKIE},
    {"set-cookie", F_SET_COOKIE},
    {"server", F_SERVER},
    {"location", F_LOCATION},
    {"content-type", F_CONTENT_TYPE},
    {"content-length", F_CONTENT_LENGTH_HDR},
    {"content-encoding", F_CONTENT_ENC},
    {"transfer-encoding", F_TRANSFER_ENC},
    {"cache-control", F_CACHE_CONTROL},
    {"date", F_DATE},
    {"last-modified", F_LAST_MODIFIED},
    {"authorization", F_AUTHORIZATION},
};

struct http_conv {
	uint8_t heur;      /* the heuristic claimed this conversation */
	uint8_t last_head; /* the last request was HEAD: its response has no body */
};

static int ieq(const uint8_t *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	if (n != k)
		return 0;
	for (size_t i = 0; i < n; i++) {
		uint8_t c = p[i];
		if (c >= 'A' && c <= 'Z')
			c = (uint8_t)(c + 32);
		if (c != (uint8_t)s[i])
			return 0;
	}
	return 1;
}

/*
** ieq for a name from a table: no strlen (every header line was checked
** against every known name that way), most names differ at the first byte.
*/
static int ieq_name(const uint8_t *p, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++) {
		uint8_t c = p[i];
		if (c >= 'A' && c <= 'Z')
			c = (uint8_t)(c + 32);
		if (!s[i] || c != (uint8_t)s[i]) /* s is shorter, or differs */
			return 0;
	}
	return s[n] == 0;
}

/* Length of the method at p when the line is a request, else 0. */
static uint32_t request_method(const uint8_t *p, uint32_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
		if (p[0] != (uint8_t)methods[i][0]) /* cheaper than the strlen of every name */
			continue;
		size_t k = strlen(methods[i]);
		if (n > k && memcmp(p, methods[i], k) == 0 && p[k] == ' ')
			return (uint32_t)k;
	}
	return 0;
}

static int is_response(const uint8_t *p, uint32_t n)
{
	return n >= 5 && memcmp(p, "HTTP/", 5) == 0;
}

/* Add a string field whose value is packet text (no copy needed). */
static void add_text(struct packet *pk, int f, uint32_t pos, const uint8_t *p, uint32_t n)
{
	fs_add_bytes(pk->fs, HF(f), pos, n, p, n);
}

/* Lower-cased media type without parameters, into buf. */
static void media_type(const uint8_t *p, uint32_t n, char *buf, size_t cap)
{
	size_t k = 0;
	uint32_t i = 0;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	for (; i < n && p[i] != ';' && k + 1 < cap; i++) {
		uint8_t c = p[i];
		if (c == ' ' || c == '\t')
			break;
		buf[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	buf[k] = 0;
}

/* What the media dissectors add for a body of this type. */
static void body_columns(struct packet *pk, int proto, const char *mt, const uint8_t *b, uint32_t n)
{
	if (!pk->want_cols || n == 0)
		return;
	if (!strcmp(mt, "image/gif") && b && n >= 6 &&
	    (!memcmp(b, "GIF87a", 6) || !memcmp(b, "GIF89a", 6))) {
		col_append_info(pk, " (%.6s)", (const char *)b);
	} else if (!strcmp(mt, "image/jpeg") || !strcmp(mt, "image/jpg") ||
		   !strcmp(mt, "image/pjpeg")) {
		col_append_info(pk, " (JPEG JFIF image)");
	} else if (!strcmp(mt, "image/png") && b && n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8)) {
		col_append_info(pk, " (PNG)");
	} else if (!strcmp(mt, "text/xml") || !strcmp(mt, "application/xml")) {
		col_set_proto(pk, proto == proto_ssdp ? "SSDP/XML" : "HTTP/XML");
	} else if (!strcmp(mt, "application/ocsp-request") ||
		   !strcmp(mt, "application/ocsp-response")) {
		/* the OCSP dissector replaces the Info column */
		col_set_proto(pk, "OCSP");
		col_clear_info(pk);
		col_append_info(pk, "%s",
				mt[17] == 'r' && mt[18] == 'e' && mt[19] == 'q' ? "Request"
										: "Response");
	} else if (!strcmp(mt, "application/json")) {
		col_set_proto(pk, "HTTP/JSON");
		col_append_sep_info(pk, ", ", "JavaScript Object Notation");
		col_append_info(pk, " (%s)", mt);
	} else if (mt[0]) {
		col_append_info(pk, " (%s)", mt);
	}
}

/*
** The body goes to the dissector registered for its media type (tshark's
** "media_type" table), or to "data" without a Content-Type; that protocol's
** item sits at the top of the tree after HTTP's, where -z io,phs counts it.
*/
static int proto_text_lines, proto_jfif, proto_gif, proto_png, proto_media, proto_json, proto_xml,
    proto_urlencoded, proto_multipart, proto_ocsp;

static int body_proto(const char *mt, int have_ctype)
{
	static const char *const text[] = {"text/html",
					   "text/plain",
					   "text/css",
					   "text/richtext",
					   "text/enriched",
					   "text/parameters",
					   "application/x-javascript",
					   "application/x-ns-proxy-autoconfig"};
	if (!have_ctype)
		return proto_data;
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (!strcmp(mt, text[i]))
			return proto_text_lines;
	if (!strcmp(mt, "image/jpeg") || !strcmp(mt, "image/jpg") || !strcmp(mt, "image/pjpeg"))
		return proto_jfif;
	if (!strcmp(mt, "image/gif"))
		return proto_gif;
	if (!strcmp(mt, "image/png"))
		return proto_png;
	if (!strcmp(mt, "application/json") || !strcmp(mt, "application/json-rpc") ||
	    !strcmp(mt, "application/jsonrequest"))
		return proto_json;
	if (!strcmp(mt, "text/xml") || !strcmp(mt, "application/xml"))
		return proto_xml;
	if (!strcmp(mt, "application/x-www-form-urlencoded"))
		return proto_urlencoded;
	if (!strncmp(mt, "multipart/", 10))
		return proto_multipart;
	if (!strcmp(mt, "application/ocsp-request") || !strcmp(mt, "application/ocsp-response"))
		return proto_ocsp;
	return proto_media;
}

static void body_layer(struct packet *pk, const char *mt, int have_ctype, uint32_t pos,
		       uint32_t len)
{
	int id = body_proto(mt, have_ctype);
	if (id < 0)
		return;
	pk_add_layer(pk, id);
	fs_add_none(pk->fs, id, pos, len);
}

/* tshark shows the first line before it waits for the rest of a body */
static void first_line_info(struct packet *pk, const uint8_t *p, uint32_t line, int first)
{
	if (!pk_want_info(pk))
		return;
	char buf[2048];
	app_fmt_text(buf, sizeof buf, p, line);
	if (first)
		col_clear_info(pk);
	col_append_info(pk, "%s ", buf);
}

static uint64_t parse_dec(const uint8_t *p, uint32_t n, int *ok)
{
	uint64_t v = 0;
	uint32_t i = 0;
	*ok = 0;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	for (; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
		if (v > (UINT64_MAX - 9) / 10)
			return v;
		v = v * 10 + (uint64_t)(p[i] - '0');
		*ok = 1;
	}
	return v;
}

/*
** Walk chunked coding from b (n bytes).  Returns the bytes the coded body
** occupies (trailers included) and sets *data to the sum of chunk sizes,
** or returns 0 when it is not complete within n.
*/
static uint32_t chunked_extent(const uint8_t *b, uint32_t n, uint64_t *data)
{
	uint32_t off = 0;
	*data = 0;
	for (;;) {
		uint32_t next;
		long l = app_line_end(b + off, n - off, &next);
		if (l < 0)
			return 0;
		uint64_t sz = 0;
		int digits = 0;
		for (long i = 0; i < l; i++) {
			uint8_t c = b[off + (uint32_t)i];
			int v = c >= '0' && c <= '9'   ? c - '0'
				: c >= 'a' && c <= 'f' ? c - 'a' + 10
				: c >= 'A' && c <= 'F' ? c - 'A' + 10
						       : -1;
			if (v < 0)
				break;
			if (sz > 0x0fffffff)
				return 0;
			sz = sz * 16 + (uint64_t)v;
			digits++;
		}
		if (!digits)
			return 0;
		off += next;
		if (sz == 0) {
			/* trailers, up to an empty line */
			for (;;) {
				long tl = app_line_end(b + off, n - off, &next);
				if (tl < 0)
					return 0;
				off += next;
				if (tl == 0)
					return off;
			}
		}
		if (sz > n - off)
			return 0;
		off += (uint32_t)sz;
		*data += sz;
		long el = app_line_end(b + off, n - off, &next);
		if (el < 0)
			return 0;
		off += next;
	}
}

/*
** One message at c's position.  Returns bytes used, 0 when the data is not
** an HTTP message ("Continuation"), or -2 after asking TCP for more bytes.
*/
static int dissect_message(struct packet *pk, struct cursor *c, int proto, uint32_t seg_off,
			   int first, struct http_conv *hc)
{
	struct fieldset *fs = pk->fs;
	uint32_t avail = cur_avail(c), start = cur_pos(c);
	const uint8_t *p = cur_peek_ptr(c, 0, avail);
	if (!p || avail == 0)
		return 0;
	uint32_t next;
	long ll = app_line_end(p, avail, &next);
	uint32_t line = ll < 0 ? avail : (uint32_t)ll;
	int tcp = pk->ptype == PT_TCP;
	/* tshark asks for more before it even looks at a line it cannot end */
	if (ll < 0 && tcp && pk->can_desegment && p[0] >= 0x20 && p[0] < 0x7f) {
		pk->desegment_offset = seg_off;
		pk->desegment_len = DESEGMENT_ONE_MORE_SEGMENT;
		return -2;
	}
	uint32_t mlen = request_method(p, line);
	int resp = !mlen && is_response(p, line);
	if (!mlen && !resp)
		return 0;
	/* headers, up to the empty line */
	uint32_t hend = next, ctype_off = 0, ctype_len = 0;
	int have_cl = 0, chunked = 0, r;
	uint64_t cl = 0;
	struct app_header ah;
	while ((r = app_header_next(p, avail, &hend, &ah)) > 0) {
		const uint8_t *h = p + ah.off;
		uint32_t colon = ah.colon, v = ah.val, hl = ah.len;
		if (colon == hl)
			continue;
		if (ieq(h, colon, "content-length")) {
			int ok;
			cl = parse_dec(h + v, hl - v, &ok);
			have_cl = ok;
		} else if (ieq(h, colon, "content-type")) {
			ctype_off = ah.off + v;
			ctype_len = hl - v;
		} else if (ieq(h, colon, "transfer-encoding")) {
			for (uint32_t i = v; i + 7 <= hl; i++)
				if (ieq(h + i, 7, "chunked"))
					chunked = 1;
		}
	}
	int complete = r == 0;
	if (!complete && tcp && pk->can_desegment) {
		pk->desegment_offset = seg_off;
		pk->desegment_len = DESEGMENT_ONE_MORE_SEGMENT;
		return -2;
	}
	/* the body */
	uint32_t code = 0;
	if (resp && line >= 12 && p[8] == ' ')
		code = (uint32_t)(p[9] - '0') * 100 + (uint32_t)(p[10] - '0') * 10 +
		       (uint32_t)(p[11] - '0');
	int no_body = resp && ((code >= 100 && code < 200) || code == 204 || code == 304 ||
			       (hc && hc->last_head));
	uint32_t body_off = hend, body_len = 0, total = avail;
	uint64_t body_data = 0;
	if (!complete || no_body) {
		total = hend;
	} else if (chunked) {
		uint32_t ext = chunked_extent(p + hend, avail - hend, &body_data);
		if (ext == 0 && tcp && pk->can_desegment) {
			first_line_info(pk, p, line, first);
			pk->desegment_offset = seg_off;
			pk->desegment_len = DESEGMENT_ONE_MORE_SEGMENT;
			return -2;
		}
		body_len = ext ? ext : avail - hend;
		if (!ext)
			body_data = body_len;
		total = hend + body_len;
	} else if (have_cl) {
		if (cl > avail - hend && tcp && pk->can_desegment) {
			first_line_info(pk, p, line, first);
			pk->desegment_offset = seg_off;
			pk->desegment_len =
			    (uint32_t)(cl - (avail - hend) > 0x0ffffff0 ? 0x0ffffff0
									: cl - (avail - hend));
			return -2;
		}
		body_len = cl > avail - hend ? avail - hend : (uint32_t)cl;
		body_data = body_len;
		total = hend + body_len;
	} else if (resp && tcp) {
		/* no length: the body runs to the end of the connection */
		if (pk->can_desegment) {
			first_line_info(pk, p, line, first);
			pk->desegment_offset = seg_off;
			pk->desegment_len = DESEGMENT_UNTIL_FIN;
			return -2;
		}
		body_len = avail - hend;
		body_data = body_len;
	} else {
		total = hend;
	}
	if (hc && !resp)
		hc->last_head = mlen == 4 && !memcmp(p, "HEAD", 4);

	/* fields */
	int it = fs_add_none(fs, proto, start, total);
	int prev = fs_push(fs, it);
	if (fs_wants(fs, hf_expert)) {
		/* tshark's chat item on the first line, terminator included */
		char ebuf[1024];
		app_fmt_text(ebuf, sizeof ebuf, p, next);
		const char *pname = field_proto_short(proto);
		expert_add(fs, pk->arena, PI_CHAT, PI_SEQUENCE, pname ? pname : "HTTP", "%s", ebuf);
	}
	if (resp) {
		fs_add_uint(fs, HF(F_RESPONSE), start, 0, 1);
		uint32_t sp = 0;
		while (sp < line && p[sp] != ' ')
			sp++;
		add_text(pk, F_RESP_VERSION, start, p, sp);
		if (code) {
			fs_add_uint(fs, HF(F_RESP_CODE), start + 9, 3, code);
			const char *d = vals_lookup(status_vals, code);
			if (d && fs_wants(fs, HF(F_RESP_CODE_DESC)))
				fs_add_bytes(fs, HF(F_RESP_CODE_DESC), start + 9, 3,
					     (const uint8_t *)d, (uint32_t)strlen(d));
			if (line > 13)
				add_text(pk, F_RESP_PHRASE, start + 13, p + 13, line - 13);
		}
		add_text(pk, F_RESP_LINE, start, p, next);
	} else {
		fs_add_uint(fs, HF(F_REQUEST), start, 0, 1);
		add_text(pk, F_REQ_METHOD, start, p, mlen);
		uint32_t u = mlen + 1, ue = u;
		while (ue < line && p[ue] != ' ')
			ue++;
		add_text(pk, F_REQ_URI, start + u, p + u, ue - u);
		if (ue < line)
			add_text(pk, F_REQ_VERSION, start + ue + 1, p + ue + 1, line - ue - 1);
		add_text(pk, F_REQ_LINE, start, p, next);
	}
	/* headers again, now for the fields */
	uint32_t ho = next;
	const uint8_t *host = NULL;
	uint32_t host_len = 0;
	/* -z expert and most jobs read none of them: skip the name lookups */
	if (!fs_wants_range(fs, HF(F_HOST), F_UNKNOWN_HDR - F_HOST + 1))
		ho = hend;
	while (app_header_next(p, hend, &ho, &ah) > 0) {
		const uint8_t *h = p + ah.off;
		uint32_t colon = ah.colon, v = ah.val, hl = ah.len;
		if (colon < hl) {
			int f = -1;
			for (size_t i = 0; i < sizeof hdrs / sizeof hdrs[0]; i++)
				if (ieq_name(h, colon, hdrs[i].name))
					f = hdrs[i].field;
			if (f == F_HOST) {
				host = h + v;
				host_len = hl - v;
			}
			if (f >= 0)
				add_text(pk, f, start + ah.off + v, h + v, hl - v);
			else
				add_text(pk, F_UNKNOWN_HDR, start + ah.off, h, ah.size);
			if (f == F_CONTENT_LENGTH_HDR && have_cl)
				fs_add_uint(fs, HF(F_CONTENT_LENGTH), start + ah.off + v, hl - v,
					    cl);
		}
	}
	if (!resp && host && fs_wants(fs, HF(F_FULL_URI))) {
		uint32_t u = mlen + 1, ue = u;
		while (ue < line && p[ue] != ' ')
			ue++;
		char *s = arena_printf(pk->arena, "http://%.*s%.*s", (int)host_len,
				       (const char *)host, (int)(ue - u), (const char *)p + u);
		fs_add_bytes(fs, HF(F_FULL_URI), start, 0, (const uint8_t *)s, (uint32_t)strlen(s));
	}
	if (body_len && !chunked)
		add_text(pk, F_FILE_DATA, start + body_off, p + body_off, body_len);
	fs_pop(fs, prev);
	if (body_data) {
		char bmt[128] = "";
		if (ctype_len)
			media_type(p + ctype_off, ctype_len, bmt, sizeof bmt);
		body_layer(pk, bmt, ctype_len != 0, start + body_off, body_len);
	}

	if (pk_want_info(pk)) {
		char buf[2048];
		app_fmt_text(buf, sizeof buf, p, line);
		if (first)
			col_clear_info(pk);
		col_append_info(pk, "%s ", buf);
	}
	if (pk->want_cols) { /* the body may name the Protocol column */
		if (ctype_len && body_data) {
			char mt[128];
			media_type(p + ctype_off, ctype_len, mt, sizeof mt);
			body_columns(pk, proto, mt, chunked ? NULL : p + body_off,
				     (uint32_t)body_data);
		}
	}
	return (int)total;
}

static int dissect_http_common(struct packet *pk, struct cursor *c, int proto, const char *col,
			       struct http_conv *hc)
{
	uint32_t total = cur_remaining(c), off = 0;
	int nlayers = pk->nlayers;
	const char *old_col = pk->col_proto;
	pk_add_layer(pk, proto);
	col_set_proto(pk, col);
	int first = 1;
	while (off < total) {
		struct cursor t = *c;
		cur_skip(&t, off);
		int r = dissect_message(pk, &t, proto, off, first, hc);
		if (r == -2) {
			if (first) {
				/* nothing of ours in this segment: TCP shows it */
				pk->nlayers = nlayers;
				pk->col_proto = old_col;
			}
			break;
		}
		if (r <= 0) {
			if (first) {
				int it = fs_add_none(pk->fs, proto, cur_pos(c), total);
				(void)it;
				col_clear_info(pk);
				col_append_info(pk, "Continuation");
			}
			break;
		}
		off += (uint32_t)r;
		first = 0;
	}
	return (int)total;
}

static const struct dissector http_dissector;

static int dissect_http(struct packet *pk, struct cursor *c)
{
	const struct dissector *other = app_conv_redirect(pk, &http_dissector);
	if (other)
		return other->fn(pk, c);
	int dir;
	struct http_conv *hc = app_conv(pk, proto_http, sizeof(struct http_conv), 1, &dir);
	return dissect_http_common(pk, c, proto_http, "HTTP", hc);
}

static int dissect_ssdp(struct packet *pk, struct cursor *c)
{
	return dissect_http_common(pk, c, proto_ssdp, "SSDP", NULL);
}

/*
** tshark's http_tcp heuristic: a first line that starts with "HTTP/1." or
** ends with it claims the conversation for HTTP.
*/
static int dissect_http_heur(struct packet *pk, struct cursor *c)
{
	int dir;
	struct http_conv *hc = app_conv(pk, proto_http, sizeof(struct http_conv), 0, &dir);
	if (hc && hc->heur)
		return dissect_http_common(pk, c, proto_http, "HTTP", hc);
	uint32_t avail = cur_avail(c);
	const uint8_t *p = cur_peek_ptr(c, 0, avail);
	if (!p)
		return 0;
	uint32_t next;
	long l = app_line_end(p, avail, &next);
	if (l < 0 || l == 8)
		return 0;
	int ok = (l >= 7 && ieq(p, 7, "http/1.")) || (l >= 8 && ieq(p + l - 8, 7, "http/1."));
	if (!ok)
		return 0;
	hc = app_conv(pk, proto_http, sizeof(struct http_conv), 1, &dir);
	hc->heur = 1;
	app_conv_bind(pk, &http_dissector);
	return dissect_http_common(pk, c, proto_http, "HTTP", hc);
}

static const struct dissector http_dissector = {"http", dissect_http, 0};
static const struct dissector http_heur = {"http_tcp", dissect_http_heur, 0};
static const struct dissector ssdp_dissector = {"ssdp", dissect_ssdp, 0};

void register_http(void)
{
	proto_http = proto_register("Hypertext Transfer Protocol", "HTTP", "http");
	hf = field_register(fields, F_COUNT);
	proto_ssdp = proto_register("Simple Service Discovery Protocol", "SSDP", "ssdp");
	proto_text_lines =
	    proto_register("Line-based text data", "Line-based text data", "data-text-lines");
	proto_jfif =
	    proto_register("JPEG File Interchange Format", "JFIF (JPEG) image", "image-jfif");
	proto_gif = proto_register("Compuserve GIF", "GIF image", "image-gif");
	proto_png = proto_register("Portable Network Graphics", "PNG", "png");
	proto_media = proto_register("Media Type", "Media", "media");
	proto_json = proto_register("JavaScript Object Notation", "JSON", "json");
	proto_xml = proto_register("eXtensible Markup Language", "XML", "xml");
	proto_urlencoded =
	    proto_register("HTML Form URL Encoded", "URL Encoded Form Data", "urlencoded-form");
	proto_multipart = proto_register("MIME Multipart Media Encapsulation", "MIME multipart",
					 "mime_multipart");
	proto_ocsp = proto_register("Online Certificate Status Protocol", "OCSP", "ocsp");
}

void handoff_http(void)
{
	static const uint16_t ports[] = {80,   631,  1900, 2710, 2869, 3128,
					 3132, 3689, 5985, 8080, 8088, 11371};
	for (size_t i = 0; i < sizeof ports / sizeof ports[0]; i++)
		dtable_add(DT_TCP_PORT, ports[i], &http_dissector);
	dtable_add(DT_UDP_PORT, 1900, &ssdp_dissector);
	heur_add(HT_TCP, &http_heur);
}
