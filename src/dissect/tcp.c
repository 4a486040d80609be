/*
** tcp.c -- TCP header (RFC 9293).
** TODO(core issue): options, conversations (tcp.stream, relative numbers),
** analysis (next issue), reassembly and port hand-off.
*/
#include "dissect.h"

enum {
	F_SRCPORT,
	F_DSTPORT,
	F_PORT,
	F_STREAM,
	F_LEN,
	F_SEQ,
	F_SEQ_RAW,
	F_ACK,
	F_ACK_RAW,
	F_HDR_LEN,
	F_FLAGS,
	F_WINDOW_SIZE_VALUE,
	F_WINDOW_SIZE,
	F_CHECKSUM,
	F_URGENT_POINTER,
	F_PAYLOAD,
	F_A_RETRANS,
	F_A_FAST_RETRANS,
	F_A_SPURIOUS,
	F_A_OOO,
	F_A_LOST,
	F_A_ACK_LOST,
	F_A_DUP_ACK,
	F_A_DUP_ACK_NUM,
	F_A_ZERO_WIN,
	F_A_ZW_PROBE,
	F_A_WIN_UPDATE,
	F_A_WIN_FULL,
	F_A_KEEP_ALIVE,
	F_A_KEEP_ALIVE_ACK,
	F_COUNT
};
static int hf, proto_tcp;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
	[F_SRCPORT] = {"tcp.srcport", "Source Port", FT_UINT16, BASE_PT_TCP, NULL, 0, NULL},
	[F_DSTPORT] = {"tcp.dstport", "Destination Port", FT_UINT16, BASE_PT_TCP, NULL, 0, NULL},
	[F_PORT] = {"tcp.port", "Source or Destination Port", FT_UINT16, BASE_PT_TCP, NULL, 0, NULL},
	[F_STREAM] = {"tcp.stream", "Stream index", FT_UINT32, BASE_DEC, NULL, 0, NULL},
	[F_LEN] = {"tcp.len", "TCP Segment Len", FT_UINT32, BASE_DEC, NULL, 0, NULL},
	[F_SEQ] = {"tcp.seq", "Sequence Number", FT_UINT32, BASE_DEC, NULL, 0, NULL},
	[F_SEQ_RAW] = {"tcp.seq_raw", "Sequence Number (raw)", FT_UINT32, BASE_DEC, NULL, 0, NULL},
	[F_ACK] = {"tcp.ack", "Acknowledgment Number", FT_UINT32, BASE_DEC, NULL, 0, NULL},
	[F_ACK_RAW] = {"tcp.ack_raw", "Acknowledgment number (raw)", FT_UINT32, BASE_DEC, NULL, 0,
		       NULL},
	[F_HDR_LEN] = {"tcp.hdr_len", "Header Length", FT_UINT8, BASE_DEC, NULL, 0, NULL},
	[F_FLAGS] = {"tcp.flags", "Flags", FT_UINT16, BASE_HEX, NULL, 0xfff, "Flags (12 bits)"},
	[F_WINDOW_SIZE_VALUE] = {"tcp.window_size_value", "Window", FT_UINT16, BASE_DEC, NULL, 0,
				 "The window size value from the TCP header"},
	[F_WINDOW_SIZE] = {"tcp.window_size", "Calculated window size", FT_UINT32, BASE_DEC, NULL,
			   0, "The scaled window size (if scaling has been used)"},
	[F_CHECKSUM] = {"tcp.checksum", "Checksum", FT_UINT16, BASE_HEX, NULL, 0, NULL},
	[F_URGENT_POINTER] = {"tcp.urgent_pointer", "Urgent Pointer", FT_UINT16, BASE_DEC, NULL, 0,
			      NULL},
	[F_PAYLOAD] = {"tcp.payload", "TCP payload", FT_BYTES, BASE_NONE, NULL, 0, NULL},
	[F_A_RETRANS] = {"tcp.analysis.retransmission", "This frame is a (suspected) retransmission", FT_NONE, BASE_NONE, NULL, 0, NULL},
	[F_A_FAST_RETRANS] = {"tcp.analysis.fast_retransmission", "This frame is a (suspected) fast retransmission", FT_NONE, BASE_NONE, NULL, 0, NULL},
	[F_A_SPURIOUS] = {"tcp.analysis.spurious_retransmission", "This frame is a (suspected) spurious retransmission", FT_NONE, BASE_NONE, NULL, 0, NULL},
	[F_A_OOO] = {"tcp.analysis.out_of_order", "This frame is a (suspected) out-of-order segment", FT_NONE, BASE_NONE, NULL, 0, NULL},
	[F_A_LOST] = {"tcp.analysis.lost_segment", "Previous segment(s) not captured (common at capture start)", FT_NONE, BASE_NONE, NULL, 0, NULL},
	[F_A_ACK_LOST] = {"tcp.analysis.ack_lost_segment", "ACKed segment that wasn't captured (common at capture start)", FT_NONE, BASE_NONE, NULL, 0, NULL},
	[F_A_DUP_ACK] = {"tcp.analysis.duplicate_ack", "Duplicate ACK", FT_NONE, BASE_NONE, NULL, 0, NULL},
	[F_A_DUP_ACK_NUM] = {"tcp.analysis.duplicate_ack_num", "Duplicate ACK #", FT_UINT32, BASE_DEC, NULL, 0, NULL},
	[F_A_ZERO_WIN] = {"tcp.analysis.zero_window", "TCP Zero Window segment", FT_NONE, BASE_NONE, NULL, 0, NULL},
	[F_A_ZW_PROBE] = {"tcp.analysis.zero_window_probe", "TCP Zero Window Probe", FT_NONE, BASE_NONE, NULL, 0, NULL},
	[F_A_WIN_UPDATE] = {"tcp.analysis.window_update", "TCP window update", FT_NONE, BASE_NONE, NULL, 0, NULL},
	[F_A_WIN_FULL] = {"tcp.analysis.window_full", "TCP window specified by the receiver is now completely full", FT_NONE, BASE_NONE, NULL, 0, NULL},
	[F_A_KEEP_ALIVE] = {"tcp.analysis.keep_alive", "TCP keep-alive segment", FT_NONE, BASE_NONE, NULL, 0, NULL},
	[F_A_KEEP_ALIVE_ACK] = {"tcp.analysis.keep_alive_ack", "ACK to a TCP keep-alive segment", FT_NONE, BASE_NONE, NULL, 0, NULL},
};

static int dissect_tcp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	const uint8_t *h = cur_peek_ptr(c, 0, 20);
	if (!h)
		return dissect_report_error(pk, c, proto_tcp);
	uint16_t sp = (uint16_t)(h[0] << 8 | h[1]), dp = (uint16_t)(h[2] << 8 | h[3]);
	uint32_t seq = (uint32_t)h[4] << 24 | (uint32_t)h[5] << 16 | (uint32_t)h[6] << 8 | h[7];
	uint32_t ack = (uint32_t)h[8] << 24 | (uint32_t)h[9] << 16 | (uint32_t)h[10] << 8 | h[11];
	uint32_t hlen = (uint32_t)(h[12] >> 4) * 4;
	uint16_t flags = (uint16_t)((h[12] & 0x0f) << 8 | h[13]);
	uint16_t win = (uint16_t)(h[14] << 8 | h[15]);
	uint32_t seglen = cur_remaining(c) >= hlen ? cur_remaining(c) - hlen : 0;
	pk_add_layer(pk, proto_tcp);
	pk->ptype = PT_TCP;
	pk->srcport = sp;
	pk->dstport = dp;
	col_set_proto(pk, "TCP");
	int it = fs_add_none(fs, proto_tcp, start, hlen);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_SRCPORT), start, 2, sp);
	fs_add_uint(fs, HF(F_DSTPORT), start + 2, 2, dp);
	fs_add_uint(fs, HF(F_PORT), start, 2, sp);
	fs_add_uint(fs, HF(F_PORT), start + 2, 2, dp);
	fs_add_uint(fs, HF(F_LEN), start, 0, seglen);
	fs_add_uint(fs, HF(F_SEQ), start + 4, 4, seq);
	fs_add_uint(fs, HF(F_SEQ_RAW), start + 4, 4, seq);
	fs_add_uint(fs, HF(F_ACK), start + 8, 4, ack);
	fs_add_uint(fs, HF(F_ACK_RAW), start + 8, 4, ack);
	fs_add_uint(fs, HF(F_HDR_LEN), start + 12, 1, hlen);
	fs_add_uint(fs, HF(F_FLAGS), start + 12, 2, flags);
	fs_add_uint(fs, HF(F_WINDOW_SIZE_VALUE), start + 14, 2, win);
	fs_add_uint(fs, HF(F_WINDOW_SIZE), start + 14, 2, win);
	fs_add_uint(fs, HF(F_CHECKSUM), start + 16, 2, (uint32_t)(h[16] << 8 | h[17]));
	fs_add_uint(fs, HF(F_URGENT_POINTER), start + 18, 2, (uint32_t)(h[18] << 8 | h[19]));
	fs_pop(fs, prev);
	if (pk->want_cols)
		col_append_info(pk, "%u \xe2\x86\x92 %u Seq=%u Ack=%u Win=%u Len=%u", sp, dp, seq, ack,
				win, seglen);
	if (!cur_skip(c, hlen))
		return dissect_report_error(pk, c, proto_tcp);
	struct cursor pl = cur_rest(c);
	if (cur_remaining(&pl) == 0)
		return (int)hlen;
	/* tshark's default: the lower port's dissector first, then the higher, then heuristics */
	uint16_t lo = sp < dp ? sp : dp, hi = sp < dp ? dp : sp;
	struct cursor t = pl;
	if (dissect_next(pk, DT_TCP_PORT, lo, &t) != 0)
		return (int)(hlen + seglen);
	t = pl;
	if (dissect_next(pk, DT_TCP_PORT, hi, &t) != 0)
		return (int)(hlen + seglen);
	t = pl;
	if (dissect_heur(pk, HT_TCP, &t) != 0)
		return (int)(hlen + seglen);
	dissect_data(pk, &pl);
	return (int)(hlen + seglen);
}

static const struct dissector tcp_dissector = {"tcp", dissect_tcp, 0};

void register_tcp(void)
{
	proto_tcp = proto_register("Transmission Control Protocol", "TCP", "tcp");
	hf = field_register(fields, F_COUNT);
}

void handoff_tcp(void)
{
	dtable_add(DT_IP_PROTO, 6, &tcp_dissector);
}
