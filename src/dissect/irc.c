/*
** irc.c -- IRC (RFC 2812) on tcp 6667 and SIP (RFC 3261) on udp/tcp 5060:
** line-based protocols whose tshark Info column lists each message's
** command.  IRC: "Request (NICK) (USER)"; the command is the first token
** after an optional ":prefix" (IRCv3 "@tags" are not skipped, as in
** tshark).  SIP: the request or status line, then " | " once the message
** has been read.
*/
#include <string.h>
#include <strings.h>

#include "app_util.h"
#include "dissect.h"

static int proto_irc, proto_sip;

static int dissect_irc(struct packet *pk, struct cursor *c)
{
	uint32_t total = cur_remaining(c), avail = cur_avail(c);
	const uint8_t *p = cur_peek_ptr(c, 0, avail);
	int req = pk->dstport == 6667 || pk->dstport == 57000;
	pk_add_layer(pk, proto_irc);
	col_set_proto(pk, "IRC");
	fs_add_none(pk->fs, proto_irc, cur_pos(c), total);
	if (!pk_want_info(pk) || !p)
		return (int)total;
	col_clear_info(pk);
	col_append_info(pk, "%s", req ? "Request" : "Response");
	uint32_t off = 0;
	while (off < avail) {
		uint32_t next;
		long l = app_line_end(p + off, avail - off, &next);
		uint32_t len = l < 0 ? avail - off : (uint32_t)l;
		const uint8_t *s = p + off;
		uint32_t i = 0;
		while (i < len && s[i] == ' ')
			i++;
		while (len > i && s[len - 1] == ' ')
			len--;
		uint32_t e = i;
		while (e < len && s[e] != ' ')
			e++;
		if (e > i && s[i] == ':' && e < len) {
			/* a ":prefix" comes before the command */
			i = e;
			while (i < len && s[i] == ' ')
				i++;
			e = i;
			while (e < len && s[e] != ' ')
				e++;
		}
		if (len) {
			char buf[512];
			app_fmt_text(buf, sizeof buf, s + i, e - i);
			col_append_info(pk, " (%s)", buf);
		}
		if (l < 0)
			break;
		off += next;
	}
	return (int)total;
}

static int dissect_sip(struct packet *pk, struct cursor *c)
{
	uint32_t total = cur_remaining(c), avail = cur_avail(c);
	const uint8_t *p = cur_peek_ptr(c, 0, avail);
	if (!p || avail < 8)
		return 0;
	uint32_t next;
	long l = app_line_end(p, avail, &next);
	uint32_t line = l < 0 ? avail : (uint32_t)l;
	/* tshark turns down a first line with a NUL in it */
	if (memchr(p, 0, line))
		return 0;
	int status = line >= 12 && !memcmp(p, "SIP/2.0 ", 8) && p[8] >= '0' && p[8] <= '9' &&
		     p[9] >= '0' && p[9] <= '9' && p[10] >= '0' && p[10] <= '9' &&
		     (line == 11 || p[11] == ' ');
	int request = !status && line > 8 && !memcmp(p + line - 8, " SIP/2.0", 8);
	if (request) {
		/* the method is a token, and a Request-URI follows it */
		static const char tok[] = "-.!%*_+`'~";
		uint32_t i = 0;
		while (i < line && p[i] != ' ') {
			uint8_t ch = p[i];
			if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
			      (ch >= '0' && ch <= '9') || memchr(tok, ch, sizeof tok - 1)))
				request = 0;
			i++;
		}
		if (i == 0 || i + 8 >= line)
			request = 0;
	}
	if (!status && !request)
		return 0;
	pk_add_layer(pk, proto_sip);
	col_set_proto(pk, "SIP");
	fs_add_none(pk->fs, proto_sip, cur_pos(c), total);
	if (!pk_want_info(pk))
		return (int)total;
	char buf[1024];
	col_clear_info(pk);
	if (status) {
		app_fmt_text(buf, sizeof buf, p + 8, line - 8);
		col_append_info(pk, "Status: %s", buf);
	} else {
		static const char *const methods[] = {
		    "INVITE",    "ACK",    "BYE",     "CANCEL", "OPTIONS", "REGISTER", "PRACK",
		    "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO",   "REFER",   "MESSAGE",  "UPDATE"};
		uint32_t sp = 0;
		while (sp < line && p[sp] != ' ')
			sp++;
		int known = 0;
		for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
			if (strlen(methods[i]) == sp && !memcmp(p, methods[i], sp))
				known = 1;
		app_fmt_text(buf, sizeof buf, p, line - 8);
		col_append_info(pk, "%s: %s", known ? "Request" : "Unknown request", buf);
	}
	/* CSeq method (shown for 2xx) and the Contact count of REGISTERs */
	char cseq[32] = "";
	int contacts = 0;
	uint32_t off = next;
	while (off < avail) {
		uint32_t n2;
		long hl = app_line_end(p + off, avail - off, &n2);
		if (hl <= 0)
			break;
		const uint8_t *h = p + off;
		uint32_t colon = 0;
		while (colon < (uint32_t)hl && h[colon] != ':')
			colon++;
		uint32_t nl = colon;
		while (nl > 0 && h[nl - 1] == ' ')
			nl--;
		uint32_t v = colon + 1;
		while (v < (uint32_t)hl && h[v] == ' ')
			v++;
		if ((nl == 7 && !strncasecmp((const char *)h, "contact", 7)) ||
		    (nl == 1 && (h[0] == 'm' || h[0] == 'M')))
			contacts++;
		if (nl == 4 && !strncasecmp((const char *)h, "cseq", 4)) {
			uint32_t m = v;
			while (m < (uint32_t)hl && h[m] != ' ')
				m++;
			while (m < (uint32_t)hl && h[m] == ' ')
				m++;
			uint32_t me = m;
			while (me < (uint32_t)hl && h[me] != ' ')
				me++;
			app_fmt_text(cseq, sizeof cseq, h + m, me - m);
		}
		off += n2;
	}
	int reg = status ? !strcmp(cseq, "REGISTER") : line >= 9 && !memcmp(p, "REGISTER ", 9);
	if (status && line >= 9 && p[8] == '2' && cseq[0])
		col_append_info(pk, " (%s)", cseq);
	if (reg && contacts)
		col_append_info(pk, "  (%d binding%s)", contacts, contacts == 1 ? "" : "s");
	col_append_info(pk, " | ");
	return (int)total;
}

static const struct dissector irc_dissector = {"irc", dissect_irc, 0};
static const struct dissector sip_dissector = {"sip", dissect_sip, 0};

void register_irc(void)
{
	proto_irc = proto_register("Internet Relay Chat", "IRC", "irc");
	proto_sip = proto_register("Session Initiation Protocol", "SIP", "sip");
}

void handoff_irc(void)
{
	dtable_add(DT_TCP_PORT, 6667, &irc_dissector);
	dtable_add(DT_TCP_PORT, 57000, &irc_dissector);
	dtable_add(DT_UDP_PORT, 5060, &sip_dissector);
	dtable_add(DT_TCP_PORT, 5060, &sip_dissector);
	heur_add(HT_UDP, &sip_dissector);
	heur_add(HT_TCP, &sip_dissector);
}
