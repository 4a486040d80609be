/*
** rdp.c -- RDP on tcp 3389: TPKT (RFC 1006) and X.224 framing, the MCS
** (T.125) control PDUs, the RDP connection sequence and the security
** header of data PDUs, and fast-path PDUs -- enough for tshark's Protocol
** ("RDP", "T.125", "TPKT") and Info columns.
**
** Payloads are encrypted after the security exchange, so data PDUs only
** show what their clear headers say.  A fast-path PDU from the server is
** followed by its update code; tshark then trips over the encrypted body
** and reports the packet malformed, which we reproduce.  A segment that is
** neither a TPKT nor a whole fast-path PDU is TPKT "Continuation".
*/
#include <stdio.h>
#include <string.h>

#include "app_util.h"
#include "dissect.h"

static int proto_tpkt, proto_rdp, proto_t125;

struct rdp_conv {
	uint16_t io_channel; /* MCS channel of the I/O channel, 0 until known */
};

static const char *const update_names[16] = {
    "Orders",         "Bitmap",  "Palette",         "Synchronize",  "Surface",       "NullPointer",
    "DefaultPointer", "Unknown", "PointerPosition", "ColorPointer", "CachedPointer", "NewPointer",
    "LargePointer",   "Unknown", "Unknown",         "Unknown",
};

static const char *const event_names[8] = {
    "Scancode", "Mouse", "MouseEx", "Sync", "Unicode", NULL, "QoE timestamp", NULL,
};

/* Bytes an input event takes, its header included (unknown codes: 1). */
static const uint8_t event_sizes[8] = {2, 7, 7, 1, 3, 1, 5, 1};

static const char *neg_failure(uint32_t code)
{
	switch (code) {
	case 1:
		return "TLS required by server";
	case 2:
		return "TLS not allowed by server";
	case 3:
		return "TLS certificate not on server";
	case 4:
		return "Inconsistent flags";
	case 5:
		return "Hybrid required by server";
	case 6:
		return "TLS required by server with user authentication";
	default:
		return "Unknown";
	}
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Server security and network data blocks inside an MCS Connect-Response. */
static void server_data(struct packet *pk, struct rdp_conv *cv, const uint8_t *p, uint32_t n)
{
	static const char *const methods[] = {"None", "40-bit RC4", "128-bit RC4"};
	static const char *const levels[] = {"None", "Low", "Client Compatible", "High", "FIPS"};
	col_append_sep_info(pk, ", ", "ServerData");
	for (uint32_t i = 0; i + 4 <= n; i++) {
		if (p[i + 1] != 0x0c || p[i] < 1 || p[i] > 3)
			continue;
		uint32_t bl = (uint32_t)(p[i + 2] | p[i + 3] << 8);
		if (bl < 4 || bl > n - i)
			continue;
		if (p[i] == 0x03 && bl >= 6) {
			cv->io_channel = (uint16_t)(p[i + 4] | p[i + 5] << 8);
		} else if (p[i] == 0x02 && bl >= 12) {
			uint32_t m = le32(p + i + 4), l = le32(p + i + 8);
			const char *ms = m < 3       ? methods[m]
					 : m == 8    ? "56-bit RC4"
					 : m == 0x10 ? "FIPS"
						     : "Unknown";
			const char *ls = l < 5 ? levels[l] : "Unknown";
			col_append_info(pk, " Encryption: %s (%s)", ms, ls);
		}
	}
}

/* One X.224 data TPDU's MCS PDU (p, n) */
static void mcs_pdu(struct packet *pk, struct rdp_conv *cv, const uint8_t *p, uint32_t n)
{
	if (n < 1)
		return;
	if (n >= 2 && p[0] == 0x7f && (p[1] == 0x65 || p[1] == 0x66)) {
		col_set_proto(pk, "RDP");
		pk_add_layer(pk, proto_rdp);
		if (p[1] == 0x65)
			col_append_sep_info(pk, ", ", "ClientData");
		else
			server_data(pk, cv, p, n);
		return;
	}
	uint8_t choice = p[0] >> 2;
	const char *simple = NULL;
	switch (choice) {
	case 1:
		simple = "erectDomainRequest";
		break;
	case 8:
		simple = "disconnectProviderUltimatum";
		break;
	case 10:
		simple = "attachUserRequest";
		break;
	case 11:
		simple = "attachUserConfirm";
		break;
	default:
		break;
	}
	if (simple) {
		col_set_proto(pk, "T.125");
		pk_add_layer(pk, proto_t125);
		col_append_sep_info(pk, ", ", "%s ", simple);
		return;
	}
	if ((choice == 14 && n >= 5) || (choice == 15 && n >= 6)) {
		uint32_t ch =
		    choice == 14 ? (uint32_t)(p[3] << 8 | p[4]) : (uint32_t)(p[4] << 8 | p[5]);
		col_set_proto(pk, "T.125");
		pk_add_layer(pk, proto_t125);
		col_append_sep_info(pk, ", ", "%s %u",
				    choice == 14 ? "channelJoinRequest" : "channelJoinConfirm", ch);
		return;
	}
	if ((choice == 25 || choice == 26) && n >= 7) {
		uint16_t chan = (uint16_t)(p[3] << 8 | p[4]);
		uint32_t off = 6 + ((p[6] & 0x80) ? 2 : 1);
		col_set_proto(pk, "RDP");
		pk_add_layer(pk, proto_rdp);
		if (off + 2 > n)
			return;
		uint16_t fl = (uint16_t)(p[off] | p[off + 1] << 8);
		int enc = (fl & 0x0008) != 0;
		if (fl & 0x0001)
			col_append_sep_info(pk, ", ", "SecurityExchange");
		else if (fl & 0x0040)
			col_append_sep_info(pk, ", ", "ClientInfo%s", enc ? ", [Encrypted]" : "");
		else if (enc && chan != (cv->io_channel ? cv->io_channel : 1003))
			col_append_sep_info(pk, ", ", "Virtual Channel PDU, [Encrypted]");
		else if (enc)
			col_append_sep_info(pk, ", ", "[Encrypted]");
		return;
	}
	col_set_proto(pk, "T.125");
	pk_add_layer(pk, proto_t125);
}

/* One TPKT at p (n bytes, whole). */
static void tpkt_pdu(struct packet *pk, struct rdp_conv *cv, const uint8_t *p, uint32_t n)
{
	if (n < 6)
		return;
	uint8_t code = p[5] & 0xf0;
	if (code == 0xe0 || code == 0xd0) {
		col_set_proto(pk, "RDP");
		pk_add_layer(pk, proto_rdp);
		uint32_t off = 11;
		if (code == 0xe0 && n > off + 17 && !memcmp(p + off, "Cookie: ", 8)) {
			uint32_t next;
			long l = app_line_end(p + off, n - off, &next);
			if (l > 0) {
				char buf[256];
				app_fmt_text(buf, sizeof buf, p + off, (uint32_t)l);
				col_append_sep_info(pk, ", ", "%s", buf);
				off += next;
			}
		}
		if (off + 8 <= n) {
			uint8_t t = p[off];
			if (t == 1)
				col_append_sep_info(pk, ", ", "Negotiate Request");
			else if (t == 2)
				col_append_sep_info(pk, ", ", "Negotiate Response");
			else if (t == 3)
				col_append_sep_info(pk, ", ", "Negotiate Failure, failureCode %s",
						    neg_failure(le32(p + off + 4)));
		}
		return;
	}
	if (code == 0xf0 && n > 7)
		mcs_pdu(pk, cv, p + 7, n - 7);
}

static int fastpath_len(const uint8_t *p, uint32_t n, uint32_t *hl)
{
	if (n < 2 || (p[0] & 3) != 0)
		return -1;
	if (p[1] & 0x80) {
		if (n < 3)
			return -1;
		*hl = 3;
		return (int)((uint32_t)(p[1] & 0x7f) << 8 | p[2]);
	}
	*hl = 2;
	return p[1];
}

static int dissect_rdp(struct packet *pk, struct cursor *c)
{
	uint32_t total = cur_remaining(c), avail = cur_avail(c), start = cur_pos(c);
	const uint8_t *p = cur_peek_ptr(c, 0, avail);
	int dir;
	struct rdp_conv *cv = app_conv(pk, proto_rdp, sizeof(struct rdp_conv), 1, &dir);
	int server = pk->srcport == 3389;
	if (!p)
		return 0;
	if (pk->can_desegment && avail == total && avail >= 4 && p[0] == 3 && p[1] == 0 &&
	    (uint32_t)(p[2] << 8 | p[3]) > avail) {
		col_clear_info(pk); /* TPKT empties Info whenever it reassembles */
		pk->desegment_offset = 0;
		pk->desegment_len = (uint32_t)(p[2] << 8 | p[3]) - avail;
		return (int)total;
	}
	pk_add_layer(pk, proto_tpkt);
	col_set_proto(pk, "TPKT");
	fs_add_none(pk->fs, proto_tpkt, start, total);
	col_clear_info(pk);
	uint32_t off = 0;
	int any = 0, malformed = 0;
	while (off < avail) {
		const uint8_t *q = p + off;
		uint32_t left = avail - off;
		if (left >= 4 && q[0] == 3 && q[1] == 0) {
			uint32_t len = (uint32_t)(q[2] << 8 | q[3]);
			if (len < 4)
				break;
			if (len > left) {
				if (pk->can_desegment && avail == total) {
					pk->desegment_offset = off;
					pk->desegment_len = len - left;
					break;
				}
				len = left;
			}
			tpkt_pdu(pk, cv, q, len);
			off += len;
			any = 1;
			continue;
		}
		uint32_t hl;
		int fl = fastpath_len(q, left, &hl);
		if (fl < 0 || (uint32_t)fl > left || (uint32_t)fl < hl)
			break;
		col_set_proto(pk, "RDP");
		pk_add_layer(pk, proto_rdp);
		col_append_sep_info(pk, ", ", "Fast-Path PDU");
		uint32_t body = hl + ((q[0] & 0x80) ? 8 : 0);
		if (body < (uint32_t)fl) {
			if (server) {
				col_append_info(pk, ",%s", update_names[q[body] & 0x0f]);
				malformed = 1;
			} else {
				/* the event count sits in the header, or in a byte after it when 0
				 */
				uint32_t nev = (q[0] >> 2) & 0x0f, e = body;
				if (nev == 0 && e < (uint32_t)fl)
					nev = q[e++];
				for (uint32_t k = 0; k < nev && e < (uint32_t)fl; k++) {
					uint8_t code = q[e] >> 5;
					if (event_names[code])
						col_append_info(pk, ",%s", event_names[code]);
					e += event_sizes[code];
				}
			}
		}
		off += (uint32_t)fl;
		any = 1;
		if (malformed)
			break;
	}
	if (!any && !(pk->can_desegment && pk->desegment_len))
		col_append_info(pk, "Continuation");
	if (malformed) {
		struct cursor t = *c;
		t.err = CUR_MALFORMED;
		return dissect_report_error(pk, &t, proto_rdp);
	}
	return (int)total;
}

static const struct dissector rdp_dissector = {"tpkt", dissect_rdp, 0};

void register_rdp(void)
{
	proto_tpkt = proto_register("TPKT - ISO on TCP - RFC1006", "TPKT", "tpkt");
	proto_rdp = proto_register("Remote Desktop Protocol", "RDP", "rdp");
	proto_t125 = proto_register("MULTIPOINT-COMMUNICATION-SERVICE T.125", "T.125", "t125");
}

void handoff_rdp(void)
{
	dtable_add(DT_TCP_PORT, 3389, &rdp_dissector);
}
