/*
** smtp.c -- SMTP (RFC 5321) on tcp 25/587 and RESP (Redis) on tcp 6379:
** line protocols shown by tshark as one Info line per packet.
**
** SMTP: "C: " or "S: " and the packet's lines joined by " | " (reply
** continuation lines without their code); after a DATA command the client
** side is message content, shown as "DATA fragment, N bytes".
** RESP: the client's command array as "Request: CMD ARG ..."; replies are
** summarised only as "Response".
*/
#include <string.h>
#include <strings.h>

#include "app_util.h"
#include "dissect.h"

static int proto_smtp, proto_resp;

struct smtp_conv {
	uint8_t data; /* client is sending message content */
};

static int dissect_smtp(struct packet *pk, struct cursor *c)
{
	uint32_t total = cur_remaining(c), avail = cur_avail(c);
	const uint8_t *p = cur_peek_ptr(c, 0, avail);
	int dir;
	struct smtp_conv *cv = app_conv(pk, proto_smtp, sizeof(struct smtp_conv), 1, &dir);
	int client = pk->dstport == 25 || pk->dstport == 587;
	pk_add_layer(pk, proto_smtp);
	col_set_proto(pk, "SMTP");
	fs_add_none(pk->fs, proto_smtp, cur_pos(c), total);
	if (!p)
		return (int)total;
	col_clear_info(pk);
	if (client && cv->data) {
		col_append_info(pk, "C: DATA fragment, %u bytes", total);
		/* the content ends with a line holding a single dot */
		if ((avail >= 5 && !memcmp(p + avail - 5, "\r\n.\r\n", 5)) ||
		    (avail == 3 && !memcmp(p, ".\r\n", 3)))
			cv->data = 0;
		return (int)total;
	}
	col_append_info(pk, "%s: ", client ? "C" : "S");
	uint32_t off = 0;
	int first = 1, prev_multi = 0;
	while (off < avail) {
		uint32_t next;
		long l = app_line_end(p + off, avail - off, &next);
		uint32_t len = l < 0 ? avail - off : (uint32_t)l;
		const uint8_t *s = p + off;
		if (len || l < 0) {
			const uint8_t *t = s;
			uint32_t tl = len;
			if (!client && !first && tl >= 4 && (s[3] == '-' || s[3] == ' ') &&
			    s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
			    s[2] >= '0' && s[2] <= '9' && prev_multi) {
				t += 4;
				tl -= 4;
			}
			if (pk_want_info(pk)) {
				char buf[1024];
				app_fmt_text(buf, sizeof buf, t, tl);
				col_append_info(pk, "%s%s", first ? "" : " | ", buf);
			}
			first = 0;
			prev_multi = !client && len >= 4 && s[3] == '-';
			if (client && len == 4 && !strncasecmp((const char *)s, "DATA", 4))
				cv->data = 1;
		}
		if (l < 0)
			break;
		off += next;
	}
	return (int)total;
}

static int dissect_resp(struct packet *pk, struct cursor *c)
{
	uint32_t total = cur_remaining(c), avail = cur_avail(c);
	const uint8_t *p = cur_peek_ptr(c, 0, avail);
	pk_add_layer(pk, proto_resp);
	col_set_proto(pk, "RESP");
	fs_add_none(pk->fs, proto_resp, cur_pos(c), total);
	if (!p || !pk_want_info(pk))
		return (int)total;
	col_clear_info(pk);
	if (pk->dstport != 6379) {
		col_append_info(pk, "Response");
		return (int)total;
	}
	col_append_info(pk, "Request:");
	/* *N, then $len / bulk string pairs */
	uint32_t off = 0, next;
	while (off < avail) {
		long l = app_line_end(p + off, avail - off, &next);
		if (l < 0)
			break;
		if (p[off] != '*' && p[off] != '$') {
			char buf[512];
			app_fmt_text(buf, sizeof buf, p + off, (uint32_t)l);
			col_append_info(pk, " %s", buf);
		}
		off += next;
	}
	return (int)total;
}

static const struct dissector smtp_dissector = {"smtp", dissect_smtp, 0};
static const struct dissector resp_dissector = {"resp", dissect_resp, 0};

void register_smtp(void)
{
	proto_smtp = proto_register("Simple Mail Transfer Protocol", "SMTP", "smtp");
	proto_resp = proto_register("REdis Serialization Protocol", "RESP", "resp");
}

void handoff_smtp(void)
{
	dtable_add(DT_TCP_PORT, 25, &smtp_dissector);
	dtable_add(DT_TCP_PORT, 587, &smtp_dissector);
	dtable_add(DT_TCP_PORT, 6379, &resp_dissector);
}
