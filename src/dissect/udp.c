/*
** udp.c -- UDP (RFC 768); hand-off by port (low port first, as tshark's
** "try heuristic first = FALSE" default does), then heuristics, then data.
** TODO(core issue): udp.stream, checksum status, port preference details.
*/
#include "dissect.h"

enum { F_SRCPORT, F_DSTPORT, F_PORT, F_LENGTH, F_CHECKSUM, F_STREAM, F_PAYLOAD, F_COUNT };
static int hf, proto_udp;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
	[F_SRCPORT] = {"udp.srcport", "Source Port", FT_UINT16, BASE_PT_UDP, NULL, 0, NULL},
	[F_DSTPORT] = {"udp.dstport", "Destination Port", FT_UINT16, BASE_PT_UDP, NULL, 0, NULL},
	[F_PORT] = {"udp.port", "Source or Destination Port", FT_UINT16, BASE_PT_UDP, NULL, 0, NULL},
	[F_LENGTH] = {"udp.length", "Length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
	[F_CHECKSUM] = {"udp.checksum", "Checksum", FT_UINT16, BASE_HEX, NULL, 0,
			"Details at: https://www.wireshark.org/docs/wsug_html_chunked/ChAdvChecksums.html"},
	[F_STREAM] = {"udp.stream", "Stream index", FT_UINT32, BASE_DEC, NULL, 0, NULL},
	[F_PAYLOAD] = {"udp.payload", "Payload", FT_BYTES, BASE_NONE, NULL, 0, NULL},
};

static int dissect_udp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	const uint8_t *h = cur_peek_ptr(c, 0, 8);
	if (!h)
		return dissect_report_error(pk, c, proto_udp);
	uint16_t sp = (uint16_t)(h[0] << 8 | h[1]), dp = (uint16_t)(h[2] << 8 | h[3]);
	uint16_t ulen = (uint16_t)(h[4] << 8 | h[5]);
	pk_add_layer(pk, proto_udp);
	pk->ptype = PT_UDP;
	pk->srcport = sp;
	pk->dstport = dp;
	col_set_proto(pk, "UDP");
	int it = fs_add_none(fs, proto_udp, start, 8);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_SRCPORT), start, 2, sp);
	fs_add_uint(fs, HF(F_DSTPORT), start + 2, 2, dp);
	fs_add_uint(fs, HF(F_PORT), start, 2, sp);
	fs_add_uint(fs, HF(F_PORT), start + 2, 2, dp);
	fs_add_uint(fs, HF(F_LENGTH), start + 4, 2, ulen);
	fs_add_uint(fs, HF(F_CHECKSUM), start + 6, 2, (uint32_t)(h[6] << 8 | h[7]));
	fs_pop(fs, prev);
	if (pk->want_cols) {
		col_clear_info(pk);
		col_append_info(pk, "%u \xe2\x86\x92 %u Len=%u", sp, dp, ulen >= 8 ? ulen - 8 : 0);
	}
	struct cursor u = cur_sub(c, ulen >= 8 ? ulen : 8);
	cur_skip(&u, 8);
	struct cursor pl = cur_rest(&u);
	if (cur_remaining(&pl) == 0)
		return ulen;
	uint16_t lo = sp < dp ? sp : dp, hi = sp < dp ? dp : sp;
	struct cursor t = pl;
	if (dissect_next(pk, DT_UDP_PORT, lo, &t) != 0)
		return ulen;
	t = pl;
	if (dissect_next(pk, DT_UDP_PORT, hi, &t) != 0)
		return ulen;
	t = pl;
	if (dissect_heur(pk, HT_UDP, &t) != 0)
		return ulen;
	dissect_data(pk, &pl);
	return ulen;
}

static const struct dissector udp_dissector = {"udp", dissect_udp, 0};

void register_udp(void)
{
	proto_udp = proto_register("User Datagram Protocol", "UDP", "udp");
	hf = field_register(fields, F_COUNT);
}

void handoff_udp(void)
{
	dtable_add(DT_IP_PROTO, 17, &udp_dissector);
}
