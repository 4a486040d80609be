/*
** tcp.c -- TCP header (RFC 9293), options, conversations (tcp.stream),
** tshark's sequence analysis (src/analysis/tcp_analysis.c) and the port
** hand-off.  Field names, types and the Info text follow tshark 4.0.
*/
#include <stdio.h>
#include <string.h>

#include "../core/expert.h"
#include "../core/util.h"

#include "../analysis/seq.h"
#include "../analysis/tcp_analysis.h"
#include "dissect.h"
#include "tcp_lean.h"
#include "tcpinfo.h"

enum {
	F_SRCPORT,
	F_DSTPORT,
	F_PORT,
	F_STREAM,
	F_COMPLETENESS,
	F_LEN,
	F_SEQ,
	F_SEQ_RAW,
	F_NXTSEQ,
	F_ACK,
	F_ACK_RAW,
	F_HDR_LEN,
	F_FLAGS,
	F_FLAGS_RES,
	F_FLAGS_AE,
	F_FLAGS_CWR,
	F_FLAGS_ECE,
	F_FLAGS_URG,
	F_FLAGS_ACK,
	F_FLAGS_PUSH,
	F_FLAGS_RESET,
	F_FLAGS_SYN,
	F_FLAGS_FIN,
	F_FLAGS_STR,
	F_WINDOW_SIZE_VALUE,
	F_WINDOW_SIZE,
	F_WINDOW_SCALEFACTOR,
	F_CHECKSUM,
	F_CHECKSUM_STATUS,
	F_URGENT_POINTER,
	F_OPTIONS,
	F_OPTION_KIND,
	F_OPTION_LEN,
	F_MSS_VAL,
	F_WS_SHIFT,
	F_WS_MULT,
	F_SACK_LE,
	F_SACK_RE,
	F_SACK_COUNT,
	F_DSACK_LE,
	F_DSACK_RE,
	F_DSACK,
	F_TSVAL,
	F_TSECR,
	F_ANALYSIS,
	F_ANALYSIS_FLAGS,
	F_ACKS_FRAME,
	F_ACK_RTT,
	F_INITIAL_RTT,
	F_BYTES_IN_FLIGHT,
	F_PUSH_BYTES_SENT,
	F_A_RETRANS,
	F_A_FAST_RETRANS,
	F_A_SPURIOUS,
	F_A_OOO,
	F_A_REUSED,
	F_A_LOST,
	F_A_ACK_LOST,
	F_A_WIN_UPDATE,
	F_A_WIN_FULL,
	F_A_KEEP_ALIVE,
	F_A_KEEP_ALIVE_ACK,
	F_A_ZW_PROBE,
	F_A_ZERO_WIN,
	F_A_ZW_PROBE_ACK,
	F_A_DUP_ACK,
	F_A_DUP_ACK_NUM,
	F_A_DUP_ACK_FRAME,
	F_A_RTO,
	F_A_RTO_FRAME,
	F_TIME_RELATIVE,
	F_TIME_DELTA,
	F_PAYLOAD,
	F_RESET_CAUSE,
	F_CONN_SYN,
	F_CONN_SYNACK,
	F_CONN_FIN,
	F_CONN_FIN_ACTIVE,
	F_CONN_FIN_PASSIVE,
	F_CONN_RST,
	F_ACK_NONZERO,
	F_URG_NONZERO,
	F_MSS_ABSENT,
	F_MSS_PRESENT,
	F_SEGMENT_DATA,
	F_SEGMENTS,
	F_SEGMENT,
	F_SEGMENT_COUNT,
	F_REASSEMBLED_LENGTH,
	F_REASSEMBLED_DATA,
	F_COUNT
};
static int hf, proto_tcp;
#define HF(x) (hf + (x))

#define NONE_FIELD(abbrev, name, blurb)                                                            \
	{                                                                                          \
		abbrev, name, FT_NONE, BASE_NONE, NULL, 0, blurb                                   \
	}

/* tree: "[Checksum Status: Unverified]" */
static const struct value_string cksum_status_vals[] = {
    {0, "Bad"},
    {1, "Good"},
    {2, "Unverified"},
    {0, NULL},
};

static const struct true_false_string tcp_set_notset = {"Set", "Not set"}; /* tree */

/* tree: "Flags: 0x012 (SYN, ACK)", relative numbers, "32 bytes (8)" */
static void tcp_tree_labels(struct packet *pk, int seqi, int nxi, int acki, int hli, int fit,
			    int rel, unsigned fl)
{
	struct fieldset *fs = pk->fs;
	if (rel && seqi >= 0)
		fs->items[seqi].text =
		    arena_printf(pk->arena, "Sequence Number: %llu    (relative sequence number)",
				 (unsigned long long)fs->items[seqi].val.v.u);
	if (rel && nxi >= 0 && nxi > seqi && fs->items[nxi].id == HF(F_NXTSEQ))
		fs->items[nxi].text = arena_printf(
		    pk->arena, "Next Sequence Number: %llu    (relative sequence number)",
		    (unsigned long long)fs->items[nxi].val.v.u);
	if (rel && acki >= 0 && (fl & TH_ACK))
		fs->items[acki].text =
		    arena_printf(pk->arena, "Acknowledgment Number: %llu    (relative ack number)",
				 (unsigned long long)fs->items[acki].val.v.u);
	if (hli >= 0) {
		unsigned w = (unsigned)fs->items[hli].val.v.u / 4;
		fs->items[hli].text =
		    arena_printf(pk->arena, "%u%u%u%u .... = Header Length: %u bytes (%u)",
				 w >> 3 & 1, w >> 2 & 1, w >> 1 & 1, w & 1, w * 4, w);
	}
	if (fit >= 0) {
		static const char *const names[] = {"FIN", "SYN", "RST", "PSH", "ACK",
						    "URG", "ECE", "CWR", "AE"};
		char b[128];
		size_t n = 0;
		for (unsigned i = 0; i < 9; i++)
			if (fl & (1u << i)) {
				int w =
				    snprintf(b + n, sizeof b - n, "%s%s", n ? ", " : "", names[i]);
				if (w > 0 && (size_t)w < sizeof b - n)
					n += (size_t)w;
			}
		if (fl & 0xe00) {
			int w = snprintf(b + n, sizeof b - n, "%sReserved", n ? ", " : "");
			if (w > 0 && (size_t)w < sizeof b - n)
				n += (size_t)w;
		}
		b[n] = 0;
		fs->items[fit].text =
		    arena_printf(pk->arena, "Flags: 0x%03x (%s)", fl & 0xfff, n ? b : "<None>");
	}
}

/* tree: each option is a subtree, as tshark's "TCP Option - ..." protocols */
static const struct {
	uint8_t kind;
	const char *name, *abbrev;
} tcp_opt_protos[] = {
    {0, "TCP Option - End of Option List (EOL)", "tcp.options.eol"},
    {1, "TCP Option - No-Operation (NOP)", "tcp.options.nop"},
    {2, "TCP Option - Maximum segment size", "tcp.options.mss"},
    {3, "TCP Option - Window scale", "tcp.options.wscale"},
    {4, "TCP Option - SACK permitted", "tcp.options.sack_perm"},
    {5, "TCP Option - SACK", "tcp.options.sack"},
    {8, "TCP Option - Timestamps", "tcp.options.timestamp"},
};
#define TCP_NOPT (sizeof tcp_opt_protos / sizeof tcp_opt_protos[0])
static int tcp_opt_proto[TCP_NOPT];

static const struct value_string tcp_kind_vals[] = {
    {0, "End of Option List"}, {1, "No-Operation"},   {2, "Maximum Segment Size"},
    {3, "Window Scale"},       {4, "SACK Permitted"}, {5, "SACK"},
    {8, "Time Stamp Option"},  {30, "Multipath TCP"}, {0, NULL},
};

/* tcp_opt_protos' row of a kind (a switch: every option of every frame asks) */
static int tcp_opt_index(uint8_t kind)
{
	switch (kind) {
	case 0:
	case 1:
	case 2:
	case 3:
	case 4:
	case 5:
		return kind;
	case 8:
		return 6;
	default:
		return -1;
	}
}

static const struct field_def fields[F_COUNT] = {
    [F_SRCPORT] = {"tcp.srcport", "Source Port", FT_UINT16, BASE_PT_TCP, NULL, 0, NULL},
    [F_DSTPORT] = {"tcp.dstport", "Destination Port", FT_UINT16, BASE_PT_TCP, NULL, 0, NULL},
    [F_PORT] = {"tcp.port", "Source or Destination Port", FT_UINT16, BASE_PT_TCP, NULL, 0, NULL},
    [F_STREAM] = {"tcp.stream", "Stream index", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_COMPLETENESS] = {"tcp.completeness", "Conversation completeness", FT_UINT8, BASE_CUSTOM,
			NULL, 0, "The completeness of the conversation capture"},
    [F_LEN] = {"tcp.len", "TCP Segment Len", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_SEQ] = {"tcp.seq", "Sequence Number", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_SEQ_RAW] = {"tcp.seq_raw", "Sequence Number (raw)", FT_UINT32, BASE_DEC, NULL, 0,
		   "This shows the raw value of the sequence number"},
    [F_NXTSEQ] = {"tcp.nxtseq", "Next Sequence Number", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_ACK] = {"tcp.ack", "Acknowledgment Number", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_ACK_RAW] = {"tcp.ack_raw", "Acknowledgment number (raw)", FT_UINT32, BASE_DEC, NULL, 0,
		   "This shows the raw value of the acknowledgment number"},
    [F_HDR_LEN] = {"tcp.hdr_len", "Header Length", FT_UINT8, BASE_DEC, NULL, 0,
		   "Data offset in 32-bit words"},
    [F_FLAGS] = {"tcp.flags", "Flags", FT_UINT16, BASE_HEX, NULL, 0xfff, "Flags (12 bits)"},
    [F_FLAGS_RES] = {"tcp.flags.res", "Reserved", FT_BOOLEAN, 12, &tcp_set_notset, 0xe00,
		     "Three reserved bits (must be zero)"},
    [F_FLAGS_AE] = {"tcp.flags.ae", "Accurate ECN", FT_BOOLEAN, 12, &tcp_set_notset, 0x100, NULL},
    [F_FLAGS_CWR] = {"tcp.flags.cwr", "Congestion Window Reduced", FT_BOOLEAN, 12, &tcp_set_notset,
		     0x80, NULL},
    [F_FLAGS_ECE] = {"tcp.flags.ece", "ECN-Echo", FT_BOOLEAN, 12, &tcp_set_notset, 0x40, NULL},
    [F_FLAGS_URG] = {"tcp.flags.urg", "Urgent", FT_BOOLEAN, 12, &tcp_set_notset, 0x20, NULL},
    [F_FLAGS_ACK] = {"tcp.flags.ack", "Acknowledgment", FT_BOOLEAN, 12, &tcp_set_notset, 0x10,
		     NULL},
    [F_FLAGS_PUSH] = {"tcp.flags.push", "Push", FT_BOOLEAN, 12, &tcp_set_notset, 0x8, NULL},
    [F_FLAGS_RESET] = {"tcp.flags.reset", "Reset", FT_BOOLEAN, 12, &tcp_set_notset, 0x4, NULL},
    [F_FLAGS_SYN] = {"tcp.flags.syn", "Syn", FT_BOOLEAN, 12, &tcp_set_notset, 0x2, NULL},
    [F_FLAGS_FIN] = {"tcp.flags.fin", "Fin", FT_BOOLEAN, 12, &tcp_set_notset, 0x1, NULL},
    [F_FLAGS_STR] = {"tcp.flags.str", "TCP Flags", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_WINDOW_SIZE_VALUE] = {"tcp.window_size_value", "Window", FT_UINT16, BASE_DEC, NULL, 0,
			     "The window size value from the TCP header"},
    [F_WINDOW_SIZE] = {"tcp.window_size", "Calculated window size", FT_UINT32, BASE_DEC, NULL, 0,
		       "The scaled window size (if scaling has been used)"},
    [F_WINDOW_SCALEFACTOR] = {"tcp.window_size_scalefactor", "Window size scaling factor", FT_INT32,
			      BASE_DEC, NULL, 0,
			      "The window size scaling factor (-1 when unknown, -2 when no "
			      "scaling is used)"},
    [F_CHECKSUM] = {"tcp.checksum", "Checksum", FT_UINT16, BASE_HEX, NULL, 0,
		    "Details at: https://www.wireshark.org/docs/wsug_html_chunked/"
		    "ChAdvChecksums.html"},
    [F_CHECKSUM_STATUS] = {"tcp.checksum.status", "Checksum Status", FT_UINT8, BASE_NONE,
			   cksum_status_vals, 0, NULL},
    [F_URGENT_POINTER] = {"tcp.urgent_pointer", "Urgent Pointer", FT_UINT16, BASE_DEC, NULL, 0,
			  NULL},
    [F_OPTIONS] = {"tcp.options", "TCP Options", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_OPTION_KIND] = {"tcp.option_kind", "Kind", FT_UINT8, BASE_DEC, tcp_kind_vals, 0,
		       "This TCP option's kind"},
    [F_OPTION_LEN] = {"tcp.option_len", "Length", FT_UINT8, BASE_DEC, NULL, 0,
		      "Length of this TCP option in bytes (including kind and length "
		      "fields)"},
    [F_MSS_VAL] = {"tcp.options.mss_val", "MSS Value", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_WS_SHIFT] = {"tcp.options.wscale.shift", "Shift count", FT_UINT8, BASE_DEC, NULL, 0,
		    "Logarithmically encoded power of 2 scale factor"},
    [F_WS_MULT] = {"tcp.options.wscale.multiplier", "Multiplier", FT_UINT16, BASE_DEC, NULL, 0,
		   "Multiply segment window size by this for scaled window size"},
    [F_SACK_LE] = {"tcp.options.sack_le", "TCP SACK Left Edge", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_SACK_RE] = {"tcp.options.sack_re", "TCP SACK Right Edge", FT_UINT32, BASE_DEC, NULL, 0,
		   NULL},
    [F_SACK_COUNT] = {"tcp.options.sack.count", "TCP SACK Count", FT_UINT8, BASE_DEC, NULL, 0,
		      NULL},
    [F_DSACK_LE] = {"tcp.options.sack.dsack_le", "TCP D-SACK Left Edge", FT_UINT32, BASE_DEC, NULL,
		    0, "Duplicate SACK Left Edge"},
    [F_DSACK_RE] = {"tcp.options.sack.dsack_re", "TCP D-SACK Right Edge", FT_UINT32, BASE_DEC, NULL,
		    0, "Duplicate SACK Right Edge"},
    [F_DSACK] = NONE_FIELD("tcp.options.sack.dsack", "D-SACK Sequence", NULL),
    [F_TSVAL] = {"tcp.options.timestamp.tsval", "Timestamp value", FT_UINT32, BASE_DEC, NULL, 0,
		 "Value of sending machine's timestamp clock"},
    [F_TSECR] = {"tcp.options.timestamp.tsecr", "Timestamp echo reply", FT_UINT32, BASE_DEC, NULL,
		 0, "Echoed timestamp from remote machine"},
    [F_ANALYSIS] = NONE_FIELD("tcp.analysis", "SEQ/ACK analysis",
			      "This frame has some of the TCP analysis shown"),
    [F_ANALYSIS_FLAGS] = NONE_FIELD("tcp.analysis.flags", "TCP Analysis Flags",
				    "This frame has some of the TCP analysis flags set"),
    [F_ACKS_FRAME] = {"tcp.analysis.acks_frame", "This is an ACK to the segment in frame",
		      FT_FRAMENUM, FT_FRAMENUM_ACK, NULL, 0,
		      "Which previous segment is this an ACK for"},
    [F_ACK_RTT] = {"tcp.analysis.ack_rtt", "The RTT to ACK the segment was", FT_RELATIVE_TIME,
		   BASE_NONE, NULL, 0, "How long time it took to ACK the segment (RTT)"},
    [F_INITIAL_RTT] = {"tcp.analysis.initial_rtt", "iRTT", FT_RELATIVE_TIME, BASE_NONE, NULL, 0,
		       "How long it took for the SYN to ACK handshake (iRTT)"},
    [F_BYTES_IN_FLIGHT] = {"tcp.analysis.bytes_in_flight", "Bytes in flight", FT_UINT32, BASE_DEC,
			   NULL, 0, "How many bytes are now in flight for this connection"},
    [F_PUSH_BYTES_SENT] = {"tcp.analysis.push_bytes_sent", "Bytes sent since last PSH flag",
			   FT_UINT32, BASE_DEC, NULL, 0,
			   "How many bytes have been sent since the last PSH flag"},
    [F_A_RETRANS] = NONE_FIELD("tcp.analysis.retransmission",
			       "This frame is a (suspected) retransmission", NULL),
    [F_A_FAST_RETRANS] = NONE_FIELD("tcp.analysis.fast_retransmission",
				    "This frame is a (suspected) fast retransmission", NULL),
    [F_A_SPURIOUS] = NONE_FIELD("tcp.analysis.spurious_retransmission",
				"This frame is a (suspected) spurious retransmission", NULL),
    [F_A_OOO] = NONE_FIELD("tcp.analysis.out_of_order",
			   "This frame is a (suspected) out-of-order segment", NULL),
    [F_A_REUSED] = NONE_FIELD("tcp.analysis.reused_ports",
			      "A new tcp session is started with the same ports as an earlier "
			      "session in this trace",
			      NULL),
    [F_A_LOST] = NONE_FIELD("tcp.analysis.lost_segment",
			    "Previous segment(s) not captured (common at capture start)", NULL),
    [F_A_ACK_LOST] =
	NONE_FIELD("tcp.analysis.ack_lost_segment",
		   "ACKed segment that wasn't captured (common at capture start)", NULL),
    [F_A_WIN_UPDATE] = NONE_FIELD("tcp.analysis.window_update", "TCP window update", NULL),
    [F_A_WIN_FULL] =
	NONE_FIELD("tcp.analysis.window_full",
		   "TCP window specified by the receiver is now completely full", NULL),
    [F_A_KEEP_ALIVE] = NONE_FIELD("tcp.analysis.keep_alive", "TCP keep-alive segment", NULL),
    [F_A_KEEP_ALIVE_ACK] =
	NONE_FIELD("tcp.analysis.keep_alive_ack", "ACK to a TCP keep-alive segment", NULL),
    [F_A_ZW_PROBE] = NONE_FIELD("tcp.analysis.zero_window_probe", "TCP Zero Window Probe", NULL),
    [F_A_ZERO_WIN] = NONE_FIELD("tcp.analysis.zero_window", "TCP Zero Window segment", NULL),
    [F_A_ZW_PROBE_ACK] =
	NONE_FIELD("tcp.analysis.zero_window_probe_ack", "ACK to a TCP Zero Window Probe", NULL),
    [F_A_DUP_ACK] =
	NONE_FIELD("tcp.analysis.duplicate_ack", "Duplicate ACK", "This is a duplicate ACK"),
    [F_A_DUP_ACK_NUM] = {"tcp.analysis.duplicate_ack_num", "Duplicate ACK #", FT_UINT32, BASE_DEC,
			 NULL, 0, "This is duplicate ACK number #"},
    [F_A_DUP_ACK_FRAME] = {"tcp.analysis.duplicate_ack_frame", "Duplicate to the ACK in frame",
			   FT_FRAMENUM, FT_FRAMENUM_DUP_ACK, NULL, 0,
			   "This is a duplicate to the ACK in frame #"},
    [F_A_RTO] = {"tcp.analysis.rto", "The RTO for this segment was", FT_RELATIVE_TIME, BASE_NONE,
		 NULL, 0,
		 "How long transmission was delayed before this segment was retransmitted "
		 "(RTO)"},
    [F_A_RTO_FRAME] = {"tcp.analysis.rto_frame", "RTO based on delta from frame", FT_FRAMENUM,
		       FT_FRAMENUM_NONE, NULL, 0, "This is the frame we measure the RTO from"},
    [F_TIME_RELATIVE] = {"tcp.time_relative", "Time since first frame in this TCP stream",
			 FT_RELATIVE_TIME, BASE_NONE, NULL, 0,
			 "Time relative to first frame in this TCP stream"},
    [F_TIME_DELTA] = {"tcp.time_delta", "Time since previous frame in this TCP stream",
		      FT_RELATIVE_TIME, BASE_NONE, NULL, 0,
		      "Time delta from previous frame in this TCP stream"},
    [F_PAYLOAD] = {"tcp.payload", "TCP payload", FT_BYTES, BASE_NONE, NULL, 0,
		   "The TCP payload of this packet"},
    [F_RESET_CAUSE] = {"tcp.reset_cause", "Reset cause", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_CONN_SYN] = NONE_FIELD("tcp.connection.syn", "Connection establish request (SYN)", NULL),
    [F_CONN_SYNACK] =
	NONE_FIELD("tcp.connection.synack", "Connection establish acknowledge (SYN+ACK)", NULL),
    [F_CONN_FIN] = NONE_FIELD("tcp.connection.fin", "Connection finish (FIN)", NULL),
    [F_CONN_FIN_ACTIVE] = NONE_FIELD("tcp.connection.fin_active",
				     "This frame initiates the connection closing", NULL),
    [F_CONN_FIN_PASSIVE] = NONE_FIELD("tcp.connection.fin_passive",
				      "This frame undergoes the connection closing", NULL),
    [F_CONN_RST] = NONE_FIELD("tcp.connection.rst", "Connection reset (RST)", NULL),
    [F_ACK_NONZERO] = NONE_FIELD("tcp.ack.nonzero",
				 "The acknowledgment number field is nonzero while the ACK flag "
				 "is not set",
				 NULL),
    [F_URG_NONZERO] = NONE_FIELD("tcp.urgent_pointer.non_zero",
				 "The urgent pointer field is nonzero while the URG flag is not "
				 "set",
				 NULL),
    [F_MSS_ABSENT] =
	NONE_FIELD("tcp.options.mss.absent", "The SYN packet does not contain a MSS option", NULL),
    [F_MSS_PRESENT] =
	NONE_FIELD("tcp.options.mss.present", "The non-SYN packet does contain a MSS option", NULL),
    [F_SEGMENT_DATA] = {"tcp.segment_data", "TCP segment data", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_SEGMENTS] = NONE_FIELD("tcp.segments", "Reassembled TCP Segments", NULL),
    [F_SEGMENT] = {"tcp.segment", "TCP Segment", FT_FRAMENUM, FT_FRAMENUM_NONE, NULL, 0, NULL},
    [F_SEGMENT_COUNT] = {"tcp.segment.count", "Segment count", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_REASSEMBLED_LENGTH] = {"tcp.reassembled.length", "Reassembled TCP length", FT_UINT32,
			      BASE_DEC, NULL, 0, NULL},
    [F_REASSEMBLED_DATA] = {"tcp.reassembled.data", "Reassembled TCP Data", FT_BYTES, BASE_NONE,
			    NULL, 0, NULL},
};

static void *state_make(void)
{
	return tcp_state_new();
}

static void state_free(void *p)
{
	tcp_state_free(p);
}

/*
** One segment's view of which TCP fields are wanted: the flags are found once
** (a tree wants all), then each item costs one byte test, and a wanted one a
** call with its value and FI_* flags, not an fvalue built on the stack.
*/
struct tcp_items {
	struct fieldset *fs;
	const uint8_t *w; /* w[F_x]: is F_x wanted */
	int hf;
	uint32_t plan; /* TCP_W_* answers (all for a tree); items_plan sets it, the tail reads it */
};

static uint8_t all_wanted[F_COUNT]; /* a tree's flags: everything */

/*
** The wanted map's answers, made once per map (core/field.h): whether the
** plain path applies, and the tail's per-segment questions about groups of
** fields (each a few loads and tests, asked of every segment, answered the
** same until the map changes: cut200k expert, streams -1.6% Ir).  The
** TCP_W_* answers assume no tree; a tree wants everything.
*/
enum {
	TCP_PLAIN = 1 << 0, /* no TCP label, no header field */
	TCP_ITEM = 1 << 1,  /* the tcp protocol item */
	TCP_W_BIF = 1 << 2, /* bytes in flight or push bytes sent */
	TCP_W_FLAGS_STR = 1 << 3,
	TCP_W_OPTIONS = 1 << 4,  /* an option's field or protocol item */
	TCP_W_TIMES = 1 << 5,    /* tcp.time_relative, tcp.time_delta or their text item */
	TCP_W_ANALYSIS = 1 << 6, /* the analysis fields shown without a flag */
	TCP_W_PAYLOAD = 1 << 7,
	TCP_W_ALL = TCP_W_BIF | TCP_W_FLAGS_STR | TCP_W_OPTIONS | TCP_W_TIMES | TCP_W_ANALYSIS |
		    TCP_W_PAYLOAD,
};
static _Thread_local struct field_plan tcp_plan;
static uint32_t tcp_plan_make(void)
{
	const uint8_t *w = field_wanted_map + hf;
	uint32_t b = 0;
	if (!(field_wanted_map[proto_tcp] & FIELD_WANT_LABEL) &&
	    !field_any_wanted(hf + F_SRCPORT, F_URGENT_POINTER - F_SRCPORT + 1))
		b |= TCP_PLAIN;
	if (field_wanted_map[proto_tcp])
		b |= TCP_ITEM;
	if (w[F_BYTES_IN_FLIGHT] || w[F_PUSH_BYTES_SENT])
		b |= TCP_W_BIF;
	if (w[F_FLAGS_STR])
		b |= TCP_W_FLAGS_STR;
	if (field_any_wanted(hf + F_OPTIONS, F_TSECR - F_OPTIONS + 1) ||
	    (tcp_opt_proto[0] >= 0 && field_any_wanted(tcp_opt_proto[0], (int)TCP_NOPT)))
		b |= TCP_W_OPTIONS;
	if (w[F_TIME_RELATIVE] || w[F_TIME_DELTA] ||
	    (hf_text_item >= 0 && field_is_wanted(hf_text_item)))
		b |= TCP_W_TIMES;
	if (field_any_wanted(hf + F_ANALYSIS, F_PUSH_BYTES_SENT - F_ANALYSIS + 1))
		b |= TCP_W_ANALYSIS;
	if (w[F_PAYLOAD])
		b |= TCP_W_PAYLOAD;
	return b;
}

static void items_init(struct tcp_items *t, struct fieldset *fs)
{
	t->fs = fs;
	t->hf = hf;
	t->w = fs->want_all ? all_wanted : field_wanted_map + hf;
}

/* Apart from items_init: a lean job stops before its first use. */
static inline void items_plan(struct tcp_items *t)
{
	t->plan = t->w == all_wanted ? TCP_W_ALL : field_plan_get(&tcp_plan, tcp_plan_make);
}

/* Is any of the n fields from f on wanted? */
static inline int t_any(const struct tcp_items *t, int f, int n)
{
	return field_flags_any(t->w + f, n);
}

static inline int t_store(const struct tcp_items *t, int f, uint32_t pos, uint32_t len, uint64_t v,
			  unsigned flags)
{
	return t->w[f] ? fs_store_u(t->fs, t->hf + f, pos, len, v, flags) : -1;
}

static inline int t_add(const struct tcp_items *t, int f, uint32_t pos, uint32_t len, uint64_t v)
{
	return t_store(t, f, pos, len, v, 0);
}

static inline int t_generated(const struct tcp_items *t, int f, uint32_t pos, uint32_t len,
			      uint64_t v)
{
	return t_store(t, f, pos, len, v, FI_GENERATED);
}

static inline int t_none(const struct tcp_items *t, int f, uint32_t pos, uint32_t len)
{
	return t_store(t, f, pos, len, 0, FI_NONE_VALUE);
}

static inline int t_generated_int(const struct tcp_items *t, int f, uint32_t pos, uint32_t len,
				  int64_t v)
{
	return t_store(t, f, pos, len, (uint64_t)v, FI_GENERATED);
}

static inline int t_bytes(const struct tcp_items *t, int f, uint32_t pos, uint32_t len,
			  const uint8_t *p, uint32_t n)
{
	return t->w[f] ? fs_store_b(t->fs, t->hf + f, pos, len, p, n) : -1;
}

/* A time in nanoseconds; the divisions only for a wanted one. */
static inline void t_time(const struct tcp_items *t, int f, uint32_t pos, int64_t ns)
{
	if (!t->w[f])
		return;
	struct fvalue v;
	v.v.t.sec = ns / 1000000000;
	v.v.t.nsec = (int32_t)(ns % 1000000000);
	fs_store(t->fs, t->hf + f, pos, 0, &v);
}

/*
** An expert item raised by TCP.  Items inside an ICMP error's quoted header
** never reach tshark's taps, so they are not stored there.
*/
static void tcp_expert(struct packet *pk, int severity, int group, const char *msg)
{
	if (!pk->in_error)
		expert_add(pk->fs, pk->arena, severity, group, "TCP", "%s", msg);
}

/*
** tshark's col_prepend_fence_fstr: the tag goes to the very front and the
** fence moves past it, so later tags land in front of earlier ones and a
** payload dissector's col_clear keeps them.
*/
static void info_prepend_tag(struct packet *pk, const char *tag)
{
	if (!pk_want_info(pk))
		return;
	size_t n = strlen(tag);
	if (n >= PK_INFO_MAX - 1 - pk->info_len)
		return;
	memmove(pk->info + n, pk->info, pk->info_len + 1);
	memcpy(pk->info, tag, n);
	pk->info_len += (uint32_t)n;
	pk->info_fence += (uint32_t)n;
}

/*
** Has show_analysis anything to add?  Inline: most segments have a record
** with no flag, and most jobs want no analysis field.
*/
static inline int analysis_wanted(struct packet *pk, const struct tcp_items *t,
				  const struct tcp_result *r)
{
	if (!r->have_ta)
		return 0;
	/* the analysis jobs' record reads iRTT whether or not the field is stored */
	if (r->initial_rtt)
		pk_pir_u(pk, PIR_IRTT, (uint64_t)r->initial_rtt);
	/*
	 * no flag (no expert item, no Info tag, none of the flags' fields) and none of
	 * the fields shown without one wanted: nothing to add
	 */
	return r->flags || (t->plan & TCP_W_ANALYSIS);
}

/* "[SYN, ACK]" text: fixed order, then Reserved, or <None>.  Every frame's Info
   has it, so it is copied, not printed; n (80) holds all ten names. */
static void flags_text(uint16_t fl, char *buf, size_t n)
{
	static const char *const names[] = {"FIN", "SYN", "RST", "PSH", "ACK",
					    "URG", "ECE", "CWR", "AE"};
	size_t at = 0;
	for (int i = 0; i < 10; i++) {
		if (i < 9 ? !(fl & (1u << i)) : !(fl & TH_RES))
			continue;
		const char *nm = i < 9 ? names[i] : "Reserved";
		size_t l = strlen(nm);
		if (at + 2 + l >= n)
			break;
		if (at) {
			buf[at++] = ',';
			buf[at++] = ' ';
		}
		memcpy(buf + at, nm, l);
		at += l;
	}
	if (!at && n > 6) {
		memcpy(buf, "<None>", 6);
		at = 6;
	}
	buf[at] = 0;
}

/* What the analysis (window scale, SACK blocks) and the MSS expert items read of the options. */
struct tcp_opts {
	int8_t ws_shift;
	uint8_t have_mss, nsack;
	uint8_t plain; /* NOP NOP timestamp only: no option can raise an expert item */
	uint32_t sack_le[4], sack_re[4]; /* the first nsack only are set */
};

/* The options' walk, for those not in the common NOP NOP timestamp layout. */
static void parse_options_walk(struct cursor oc, struct tcp_opts *o)
{
	while (cur_avail(&oc) > 0) {
		uint8_t kind = cur_peek_u8(&oc, 0);
		if (kind == 0 || kind == 1) {
			cur_skip(&oc, 1);
			continue;
		}
		if (cur_avail(&oc) < 2)
			break;
		uint8_t olen = cur_peek_u8(&oc, 1);
		if (olen < 2 || olen > cur_avail(&oc))
			break;
		switch (kind) {
		case 2:
			if (olen == 4)
				o->have_mss = 1;
			break;
		case 3:
			if (olen == 3)
				o->ws_shift = (int8_t)(cur_peek_u8(&oc, 2) & 0x7f);
			break;
		case 5:
			for (uint32_t at = 2; at + 8 <= olen && o->nsack < 4; at += 8) {
				o->sack_le[o->nsack] = cur_peek_be32(&oc, at);
				o->sack_re[o->nsack] = cur_peek_be32(&oc, at + 4);
				o->nsack++;
			}
			break;
		default:
			break;
		}
		cur_skip(&oc, olen);
	}
}

/*
** First pass over the options: what the analysis and the expert items need.
** Inline, so that most segments (no options, or exactly NOP NOP timestamp)
** pay a few tests and no call.
*/
static inline void parse_options(struct cursor *oc, struct tcp_opts *o)
{
	o->ws_shift = -1;
	o->have_mss = o->nsack = 0;
	/* all twelve captured: the peek cannot fail (and mark oc) */
	const uint8_t *p =
	    cur_avail(oc) == 12 && cur_remaining(oc) == 12 ? cur_peek_ptr(oc, 0, 12) : NULL;
	o->plain = p && memcmp(p, "\x01\x01\x08\x0a", 4) == 0; /* one load and compare */
	if (!o->plain && cur_avail(oc) > 0)
		parse_options_walk(*oc, o);
}

/* parse_options for a header wholly captured and claimed: its n option bytes at p. */
static inline void parse_options_whole(const uint8_t *p, uint32_t n, struct tcp_opts *o)
{
	o->ws_shift = -1;
	o->have_mss = o->nsack = 0;
	o->plain = n == 12 && memcmp(p, "\x01\x01\x08\x0a", 4) == 0;
	if (!o->plain && n > 0)
		parse_options_walk(cur_make(p, n, n), o);
}

/* Option kinds tshark 4.0 has a name for (others show as "Unknown (0xNN)"). */
static int opt_kind_named(uint8_t kind)
{
	static const uint8_t named[] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  11, 12, 13,  19, 20,
					21, 22, 23, 27, 28, 29, 30, 34, 69, 76, 78, 253, 254};
	for (size_t i = 0; i < sizeof named; i++)
		if (named[i] == kind)
			return 1;
	return 0;
}

/* Second pass: the option fields and the Info text, in option order. */
/* tree: "TCP Option - Maximum segment size: 1460 bytes" and the like */
static void opt_tree_text(struct packet *pk, int it, struct cursor oc, uint8_t kind, uint32_t olen,
			  uint32_t rev_base)
{
	const char *name = tcp_opt_protos[tcp_opt_index(kind)].name;
	struct fitem *fi = &pk->fs->items[it];
	if (kind == 2 && olen == 4 && cur_avail(&oc) >= 4)
		fi->text = arena_printf(pk->arena, "%s: %u bytes", name, cur_peek_be16(&oc, 2));
	else if (kind == 3 && olen == 3 && cur_avail(&oc) >= 3) {
		unsigned sh = cur_peek_u8(&oc, 2);
		fi->text = arena_printf(pk->arena, "%s: %u (multiply by %u)", name, sh,
					sh > 14 ? 1u << 14 : 1u << sh);
	} else if (kind == 8 && olen == 10 && cur_avail(&oc) >= 10)
		fi->text = arena_printf(pk->arena, "%s: TSval %u, TSecr %u", name,
					cur_peek_be32(&oc, 2), cur_peek_be32(&oc, 6));
	else if (kind == 5 && olen >= 10 && cur_avail(&oc) >= olen) {
		char b[256];
		size_t n = 0;
		for (uint32_t at = 2; at + 8 <= olen && n < sizeof b; at += 8) {
			int w = snprintf(b + n, sizeof b - n, " %u-%u",
					 cur_peek_be32(&oc, at) - rev_base,
					 cur_peek_be32(&oc, at + 4) - rev_base);
			if (w < 0 || (size_t)w >= sizeof b - n)
				break;
			n += (size_t)w;
		}
		b[n] = 0;
		fi->text = arena_printf(pk->arena, "%s%s", name, b);
	} else
		fi->text = name;
}

/* tree: "Options: (12 bytes), Maximum segment size, No-Operation (NOP), ..." */
static void options_tree_text(struct packet *pk, int it, struct cursor oc, uint32_t n)
{
	char b[1024];
	int k = snprintf(b, sizeof b, "Options: (%u bytes)", n);
	while (k > 0 && (size_t)k < sizeof b && cur_avail(&oc) > 0) {
		uint8_t kind = cur_peek_u8(&oc, 0);
		int oi = tcp_opt_index(kind);
		uint32_t olen = kind <= 1 ? 1 : cur_avail(&oc) >= 2 ? cur_peek_u8(&oc, 1) : 0;
		if (oi < 0 || olen < 1 || olen > cur_avail(&oc))
			break;
		k += snprintf(b + k, sizeof b - (size_t)k, ", %s", tcp_opt_protos[oi].name + 13);
		cur_skip(&oc, olen);
	}
	pk->fs->items[it].text = arena_strndup(pk->arena, b, strnlen(b, sizeof b));
}

/*
** Could show_options raise an expert item here?  Only a bad option length, a
** fixed-length option of another length or a SACK block (D-SACK) can; the
** same walk as show_options', without the items, so a job that wants expert
** items but no option fields (-z expert) skips it on most frames.
*/
static int options_may_raise_expert(struct cursor oc)
{
	while (cur_avail(&oc) > 0) {
		uint8_t kind = cur_peek_u8(&oc, 0);
		if (kind == 0 || kind == 1) {
			cur_skip(&oc, 1);
			continue;
		}
		if (cur_avail(&oc) < 2)
			return 0;
		uint8_t olen = cur_peek_u8(&oc, 1);
		if (olen < 2 || olen > cur_remaining(&oc))
			return 1;
		if (olen > cur_avail(&oc))
			return 0;
		uint8_t fixed_len = kind == 2   ? 4
				    : kind == 3 ? 3
				    : kind == 4 ? 2
				    : kind == 8 ? 10
						: 0;
		if ((fixed_len && olen != fixed_len) || kind == 5)
			return 1;
		cur_skip(&oc, olen);
	}
	return 0;
}

/* optf: is any option item wanted (else only the Info text and expert items are made) */
static void show_options(struct packet *pk, const struct tcp_items *t, struct cursor oc,
			 uint32_t rev_base, uint32_t ack, int optf)
{
	struct fieldset *fs = pk->fs;
	int info = pk_want_info(pk);
	uint32_t nsack = 0;
	while (cur_avail(&oc) > 0) {
		uint32_t pos = cur_pos(&oc);
		uint8_t kind = cur_peek_u8(&oc, 0);
		int oi = tcp_opt_index(kind);
		uint32_t olen0 = kind <= 1 ? 1 : cur_avail(&oc) >= 2 ? cur_peek_u8(&oc, 1) : 1;
		int oit = optf && oi >= 0 ? fs_add_none(fs, tcp_opt_proto[oi], pos, olen0) : -1;
		if (oit >= 0 && fs->want_all)
			opt_tree_text(pk, oit, oc, kind, olen0, rev_base);
		int oprev = fs_push(fs, oit);
		if (optf)
			t_add(t, F_OPTION_KIND, pos, 1, kind);
		if (kind == 0 || kind == 1) {
			/* tshark shows each padding byte after an EOL as another EOL */
			fs_pop(fs, oprev);
			cur_skip(&oc, 1);
			continue;
		}
		if (cur_avail(&oc) < 2) {
			fs_pop(fs, oprev);
			break;
		}
		uint8_t olen = cur_peek_u8(&oc, 1);
		if (optf)
			t_add(t, F_OPTION_LEN, pos + 1, 1, olen);
		if (olen < 2 || olen > cur_remaining(&oc)) {
			/* tshark's generic option checks (named kinds are left out) */
			if (!opt_kind_named(kind) && !pk->in_error) {
				if (olen < 2)
					expert_add(
					    fs, pk->arena, PI_NOTE, PI_SEQUENCE, "TCP",
					    "Unknown (0x%02x) (with too-short option length = %u "
					    "byte%s)",
					    kind, olen, olen == 1 ? "" : "s");
				else
					expert_add(
					    fs, pk->arena, PI_NOTE, PI_SEQUENCE, "TCP",
					    "Unknown (0x%02x) (option length = %u byte%s says "
					    "option goes past end of options)",
					    kind, olen, olen == 1 ? "" : "s");
			}
			fs_pop(fs, oprev);
			break;
		}
		if (olen > cur_avail(&oc)) {
			fs_pop(fs, oprev);
			break;
		}
		/* options of a fixed length say so when another one is given */
		uint8_t fixed_len = kind == 2   ? 4
				    : kind == 3 ? 3
				    : kind == 4 ? 2
				    : kind == 8 ? 10
						: 0;
		if (fixed_len && olen != fixed_len && !pk->in_error)
			expert_add(fs, pk->arena, PI_NOTE, PI_SEQUENCE, "TCP",
				   "option length should be %u", fixed_len);
		switch (kind) {
		case 2:
			if (olen == 4) {
				uint16_t mss = cur_peek_be16(&oc, 2);
				if (optf)
					t_add(t, F_MSS_VAL, pos + 2, 2, mss);
				if (info)
					col_append_info(pk, " MSS=%u", mss);
			}
			break;
		case 3:
			if (olen == 3) {
				uint8_t sh = cur_peek_u8(&oc, 2);
				uint32_t mult = sh > 14 ? 1u << 14 : 1u << sh;
				if (optf) {
					t_add(t, F_WS_SHIFT, pos + 2, 1, sh);
					t_generated(t, F_WS_MULT, pos + 2, 1, mult);
				}
				if (info)
					col_append_info(pk, " WS=%u", mult);
			}
			break;
		case 4:
			if (olen == 2 && info)
				col_append_info(pk, " SACK_PERM");
			break;
		case 5:
			for (uint32_t at = 2; at + 8 <= olen; at += 8) {
				uint32_t le = cur_peek_be32(&oc, at) - rev_base;
				uint32_t re = cur_peek_be32(&oc, at + 4) - rev_base;
				if (optf) {
					t_add(t, F_SACK_LE, pos + at, 4, le);
					t_add(t, F_SACK_RE, pos + at + 4, 4, re);
				}
				if (info)
					col_append_info(pk, " SLE=%u SRE=%u", le, re);
				nsack++;
			}
			t_generated(t, F_SACK_COUNT, pos, 0, nsack);
			if (olen >= 10) {
				/* RFC 2883: a first block below the ACK or inside the second */
				uint32_t le = cur_peek_be32(&oc, 2), re = cur_peek_be32(&oc, 6);
				int dsack = seq_lt(le, ack);
				if (!dsack && olen >= 18) {
					uint32_t le2 = cur_peek_be32(&oc, 10);
					uint32_t re2 = cur_peek_be32(&oc, 14);
					dsack = seq_le(le2, le) && seq_le(re, re2);
				}
				if (dsack) {
					t_generated(t, F_DSACK_LE, pos + 2, 4, le - rev_base);
					t_generated(t, F_DSACK_RE, pos + 6, 4, re - rev_base);
					t_none(t, F_DSACK, pos + 2, 8);
					tcp_expert(pk, PI_WARN, PI_SEQUENCE, "D-SACK Sequence");
				}
			}
			break;
		case 8:
			if (olen == 10) {
				uint32_t tsval = cur_peek_be32(&oc, 2),
					 tsecr = cur_peek_be32(&oc, 6);
				if (optf) {
					t_add(t, F_TSVAL, pos + 2, 4, tsval);
					t_add(t, F_TSECR, pos + 6, 4, tsecr);
				}
				if (info)
					col_append_info(pk, " TSval=%u TSecr=%u", tsval, tsecr);
			}
			break;
		default:
			break;
		}
		fs_pop(fs, oprev);
		cur_skip(&oc, olen);
	}
}

/* [SEQ/ACK analysis] items and the Info tags (tshark's print order); see analysis_wanted. */
static void show_analysis(struct packet *pk, const struct tcp_items *t, const struct tcp_result *r,
			  uint32_t pos)
{
	struct fieldset *fs = pk->fs;
	int it = t_none(t, F_ANALYSIS, pos, 0);
	int prev = fs_push(fs, it);
	if (r->frame_acked) {
		t_generated(t, F_ACKS_FRAME, pos, 0, r->frame_acked);
		if (r->ack_rtt)
			t_time(t, F_ACK_RTT, pos, r->ack_rtt);
	}
	if (r->initial_rtt)
		t_time(t, F_INITIAL_RTT, pos, r->initial_rtt);
	if (r->bytes_in_flight) {
		t_generated(t, F_BYTES_IN_FLIGHT, pos, 0, r->bytes_in_flight);
		t_generated(t, F_PUSH_BYTES_SENT, pos, 0, r->push_bytes_sent);
	}
	uint32_t f = r->flags;
	if (f) {
		pk->pir.ta |= r->dupack_num ? f : f & ~(uint32_t)TA_DUPLICATE_ACK;
		int fi = t_none(t, F_ANALYSIS_FLAGS, pos, 0);
		int p2 = fs_push(fs, fi);
		if (f & TA_REUSED_PORTS) {
			t_none(t, F_A_REUSED, pos, 0);
			tcp_expert(pk, PI_NOTE, PI_SEQUENCE,
				   "A new tcp session is started with the same ports as an earlier "
				   "session in this trace");
			info_prepend_tag(pk, "[TCP Port numbers reused] ");
		}
		if (f & TA_RETRANSMISSION) {
			t_none(t, F_A_RETRANS, pos, 0);
			tcp_expert(pk, PI_NOTE, PI_SEQUENCE,
				   "This frame is a (suspected) retransmission");
			info_prepend_tag(pk, "[TCP Retransmission] ");
		}
		if (f & TA_FAST_RETRANSMISSION) {
			t_none(t, F_A_FAST_RETRANS, pos, 0);
			tcp_expert(pk, PI_NOTE, PI_SEQUENCE,
				   "This frame is a (suspected) fast retransmission");
			t_none(t, F_A_RETRANS, pos, 0);
			tcp_expert(pk, PI_NOTE, PI_SEQUENCE,
				   "This frame is a (suspected) retransmission");
			info_prepend_tag(pk, "[TCP Fast Retransmission] ");
		}
		if (f & TA_SPURIOUS_RETRANSMISSION) {
			t_none(t, F_A_SPURIOUS, pos, 0);
			tcp_expert(pk, PI_NOTE, PI_SEQUENCE,
				   "This frame is a (suspected) spurious retransmission");
			t_none(t, F_A_RETRANS, pos, 0);
			tcp_expert(pk, PI_NOTE, PI_SEQUENCE,
				   "This frame is a (suspected) retransmission");
			info_prepend_tag(pk, "[TCP Spurious Retransmission] ");
		}
		if (f & TA_OUT_OF_ORDER) {
			t_none(t, F_A_OOO, pos, 0);
			tcp_expert(pk, PI_WARN, PI_SEQUENCE,
				   "This frame is a (suspected) out-of-order segment");
			info_prepend_tag(pk, "[TCP Out-Of-Order] ");
		}
		if (f & TA_LOST_PACKET) {
			t_none(t, F_A_LOST, pos, 0);
			tcp_expert(pk, PI_WARN, PI_SEQUENCE,
				   "Previous segment(s) not captured (common at capture start)");
			info_prepend_tag(pk, "[TCP Previous segment not captured] ");
		}
		if (f & TA_ACK_LOST_PACKET) {
			t_none(t, F_A_ACK_LOST, pos, 0);
			tcp_expert(pk, PI_WARN, PI_SEQUENCE,
				   "ACKed segment that wasn't captured (common at capture start)");
			info_prepend_tag(pk, "[TCP ACKed unseen segment] ");
		}
		if (f & TA_WINDOW_UPDATE) {
			t_none(t, F_A_WIN_UPDATE, pos, 0);
			tcp_expert(pk, PI_CHAT, PI_SEQUENCE, "TCP window update");
			info_prepend_tag(pk, "[TCP Window Update] ");
		}
		if (f & TA_WINDOW_FULL) {
			t_none(t, F_A_WIN_FULL, pos, 0);
			tcp_expert(pk, PI_WARN, PI_SEQUENCE,
				   "TCP window specified by the receiver is now completely full");
			info_prepend_tag(pk, "[TCP Window Full] ");
		}
		if (f & TA_KEEP_ALIVE) {
			t_none(t, F_A_KEEP_ALIVE, pos, 0);
			tcp_expert(pk, PI_NOTE, PI_SEQUENCE, "TCP keep-alive segment");
			info_prepend_tag(pk, "[TCP Keep-Alive] ");
		}
		if (f & TA_KEEP_ALIVE_ACK) {
			t_none(t, F_A_KEEP_ALIVE_ACK, pos, 0);
			tcp_expert(pk, PI_NOTE, PI_SEQUENCE, "ACK to a TCP keep-alive segment");
			info_prepend_tag(pk, "[TCP Keep-Alive ACK] ");
		}
		if (r->rto && (f & TA_RETRANSMISSION)) {
			t_time(t, F_A_RTO, pos, r->rto);
			t_generated(t, F_A_RTO_FRAME, pos, 0, r->rto_frame);
		}
		if (r->dupack_num) {
			if (f & TA_DUPLICATE_ACK) {
				t_none(t, F_A_DUP_ACK, pos, 0);
				if (!pk->in_error)
					expert_add(fs, pk->arena, PI_NOTE, PI_SEQUENCE, "TCP",
						   "Duplicate ACK (#%u)", r->dupack_num);
				if (pk_want_info(pk)) {
					char tag[64];
					snprintf(tag, sizeof tag, "[TCP Dup ACK %u#%u] ",
						 r->dupack_frame, r->dupack_num);
					info_prepend_tag(pk, tag);
				}
			}
			t_generated(t, F_A_DUP_ACK_NUM, pos, 0, r->dupack_num);
			t_generated(t, F_A_DUP_ACK_FRAME, pos, 0, r->dupack_frame);
		}
		if (f & TA_ZERO_WINDOW_PROBE) {
			t_none(t, F_A_ZW_PROBE, pos, 0);
			tcp_expert(pk, PI_NOTE, PI_SEQUENCE, "TCP Zero Window Probe");
			info_prepend_tag(pk, "[TCP ZeroWindowProbe] ");
		}
		if (f & TA_ZERO_WINDOW) {
			t_none(t, F_A_ZERO_WIN, pos, 0);
			tcp_expert(pk, PI_WARN, PI_SEQUENCE, "TCP Zero Window segment");
			info_prepend_tag(pk, "[TCP ZeroWindow] ");
		}
		if (f & TA_ZERO_WINDOW_PROBE_ACK) {
			t_none(t, F_A_ZW_PROBE_ACK, pos, 0);
			tcp_expert(pk, PI_NOTE, PI_SEQUENCE, "ACK to a TCP Zero Window Probe");
			info_prepend_tag(pk, "[TCP ZeroWindowProbeAck] ");
		}
		fs_pop(fs, p2);
	}
	fs_pop(fs, prev);
}

/*
** Payload hand-off (specs/tcp-reassembly.md §2): keep-alive bytes are just
** data; retransmitted and out-of-order bytes reach nobody; otherwise the
** server port, the lower port, the higher port, heuristics, data.
*/
static void handoff_payload(struct packet *pk, struct cursor *pl, const struct tcp_result *r,
			    uint16_t sp, uint16_t dp)
{
	if (r && (r->flags & TA_KEEP_ALIVE)) {
		dissect_data(pk, pl);
		return;
	}
	if (r && (r->flags & (TA_RETRANSMISSION | TA_OUT_OF_ORDER)))
		return;
	uint16_t lo = sp < dp ? sp : dp, hi = sp < dp ? dp : sp;
	struct cursor t = *pl;
	if (dissect_conversation(pk, &t) != 0) /* lua hook */
		return;
	if (r && r->conv && r->conv->has_server_port && r->conv->server_port) {
		t = *pl;
		if (dissect_next(pk, DT_TCP_PORT, r->conv->server_port, &t) != 0)
			return;
	}
	if (lo) {
		t = *pl;
		if (dissect_next(pk, DT_TCP_PORT, lo, &t) != 0)
			return;
	}
	if (hi) {
		t = *pl;
		if (dissect_next(pk, DT_TCP_PORT, hi, &t) != 0)
			return;
	}
	t = *pl;
	if (dissect_heur(pk, HT_TCP, &t) != 0)
		return;
	dissect_data(pk, pl);
}

/* The payload dissector's view: a fresh desegmentation request each call. */
static void call_payload(struct packet *pk, struct cursor *pl, const struct tcp_result *r,
			 uint16_t sp, uint16_t dp, int can_desegment, struct tcpinfo *ti,
			 uint32_t raw_seq, int reassembled)
{
	ti->seq = raw_seq - (r ? r->fwd_base : 0);
	ti->is_reassembled = (uint8_t)reassembled;
	pk->l4 = ti;
	pk->can_desegment = (uint8_t)can_desegment;
	pk->desegment_offset = pk->desegment_len = 0;
	handoff_payload(pk, pl, r, sp, dp);
	pk->can_desegment = 0;
	pk->l4 = NULL;
	if (!can_desegment)
		pk->desegment_offset = pk->desegment_len = 0;
}

/* Where an open PDU ends after a desegmentation request at nxtseq. */
static void msp_set_end(struct tcp_rx *flow, struct tcp_msp *m, uint32_t nxtseq, uint32_t want)
{
	if (want == DESEGMENT_ONE_MORE_SEGMENT) {
		m->nxtpdu = nxtseq + 1;
		m->entire_segment = 1;
	} else if (want == DESEGMENT_UNTIL_FIN) {
		m->nxtpdu = nxtseq + 0x40000000u;
		flow->until_fin = 1;
	} else {
		m->nxtpdu = nxtseq + want;
	}
}

static void add_segment_items(struct packet *pk, const struct tcp_msp *m, uint32_t len)
{
	struct fieldset *fs = pk->fs;
	struct tcp_items items, *t = &items;
	items_init(t, fs);
	int it = t_none(t, F_SEGMENTS, 0, 0);
	int prev = fs_push(fs, it);
	for (int32_t i = 0; i < m->nfrags; i++)
		/* lua: position and length of the piece, for the tree's "#9(1380)" */
		t_generated(t, F_SEGMENT, m->frags[i].off, m->frags[i].len, m->frags[i].frame);
	t_generated(t, F_SEGMENT_COUNT, 0, 0, (uint32_t)m->nfrags);
	t_generated(t, F_REASSEMBLED_LENGTH, 0, 0, len);
	fs_pop(fs, prev);
}

static void remember_done(struct tcp_rx *flow, uint32_t seq, uint32_t nxtpdu, uint32_t len)
{
	int i = flow->done_next;
	flow->done[i].seq = seq;
	flow->done[i].nxtpdu = nxtpdu;
	flow->done[i].len = len;
	flow->done_next = (uint8_t)((i + 1) % TCP_DONE_KEEP);
	if (flow->ndone < TCP_DONE_KEEP)
		flow->ndone++;
}

/* Middle of a PDU: tshark's Protocol/Info for a segment nobody dissected. */
static void mark_segment_of_pdu(struct packet *pk, int first_pdu, const char *proto_lock)
{
	if (!proto_lock)
		col_set_proto(pk, "TCP");
	if (first_pdu && pk_want_info(pk)) /* tested here: col_append_sep_info is a call */
		col_append_sep_info(pk, " ", "%s", "[TCP segment of a reassembled PDU]");
}

/* what a reassembled PDU of no bytes (no buffer) is read from */
static const uint8_t empty_pdu[1];

/*
** A flow collecting "until FIN" (specs/tcp-reassembly.md §5): the FIN's data
** closes the PDU, which is dissected once, whole, without desegmentation.
** Returns 1 when it took the segment.
*/
static int fin_closes_pdu(struct packet *pk, struct cursor *pl, const struct tcp_result *r,
			  uint16_t sp, uint16_t dp, uint32_t seq, uint16_t fl, struct tcpinfo *ti)
{
	if (!r || !r->conv || pk->in_error || !(fl & TH_FIN))
		return 0;
	struct tcp_rx *flow = r->conv->rx[r->dir];
	struct tcp_msp *m = flow ? flow->msp : NULL;
	if (!m || !flow->until_fin)
		return 0;
	flow->until_fin = 0;
	if (fl & TH_SYN)
		seq++;
	uint32_t plen = cur_avail(pl);
	if (!seq_le(m->seq, seq - 1) || !seq_lt(seq - 1, m->nxtpdu))
		return 0;
	if (!tcp_msp_add(m, pk->num, seq - m->seq, pl->data + pl->off, plen, 1))
		return 0;
	uint32_t len = m->last_end;
	uint8_t *pdu = m->buf; /* not copied: the arena frees it with the fields */
	struct cursor rc = cur_make(pdu ? pdu : empty_pdu, len, len);
	rc.src = 1;
	call_payload(pk, &rc, r, sp, dp, 0, ti, m->seq, 1);
	add_segment_items(pk, m, len);
	m->buf = NULL;
	arena_adopt(pk->arena, pdu);
	tcp_msp_free(m);
	flow->msp = NULL;
	return 1;
}

/*
** process_payload's commonest case, without its loop (most payload segments
** of a bulk transfer): bytes strictly inside this direction's open PDU, short
** of its end, no reassembled PDU on record after the PDU's start up to this
** segment, not a retransmission.  For exactly these the loop runs once and
** takes the "continue the open PDU" branch: take is the whole payload, last
** is 0 and, with no last fragment held before, the PDU stays incomplete, so
** nothing is handed off.  The same steps here.  Returns 1 when it took the
** segment.  Inline (in both copies of dissect_tcp_tail): a payload segment
** of the full jobs asks it first.
*/
static inline __attribute__((always_inline)) int msp_continue(struct packet *pk,
							      const struct cursor *pl,
							      const struct tcp_result *r,
							      uint32_t seq, uint16_t fl)
{
	if (!r || !r->conv || pk->in_error ||
	    (r->flags & (TA_RETRANSMISSION | TA_SPURIOUS_RETRANSMISSION)))
		return 0;
	const struct tcp_rx *flow = r->conv->rx[r->dir];
	struct tcp_msp *m = flow ? flow->msp : NULL;
	if (!m || m->entire_segment || m->have_last)
		return 0;
	uint32_t plen = cur_remaining(pl);
	if (cur_avail(pl) != plen)
		return 0;
	if (fl & TH_SYN)
		seq++;
	if (!seq_lt(m->seq, seq) || !seq_lt(seq, m->nxtpdu) || m->nxtpdu - seq <= plen)
		return 0;
	/* such an entry would make the loop return early or refuse the bytes */
	for (int i = 0; i < flow->ndone; i++)
		if (seq_gt(flow->done[i].seq, m->seq) && seq_le(flow->done[i].seq, seq))
			return 0;
	const uint8_t *p = pl->data + pl->off;
	tcp_msp_add(m, pk->num, seq - m->seq, p, plen, 0);
	fs_add_bytes(pk->fs, HF(F_SEGMENT_DATA), cur_pos(pl), plen, p, plen);
	mark_segment_of_pdu(pk, 1, NULL);
	return 1;
}

/*
** Single-pass desegmentation (specs/tcp-reassembly.md §3): PDUs that a
** payload dissector could not finish are collected per direction and
** dissected in the frame that completes them.
*/
static __attribute__((noinline)) void process_payload(struct packet *pk, struct cursor *pl,
						      const struct tcp_result *r, uint16_t sp,
						      uint16_t dp, uint32_t seq, uint16_t fl,
						      struct tcpinfo *ti)
{
	uint32_t plen = cur_remaining(pl);
	int can = r && r->conv && !pk->in_error && cur_avail(pl) == plen;
	if (!can) {
		call_payload(pk, pl, r, sp, dp, 0, ti, seq, 0);
		return;
	}
	/* reading a flow that never reassembled must not make its state: a shared empty one */
	static const struct tcp_rx none;
	const struct tcp_rx *flow = r->conv->rx[r->dir] ? r->conv->rx[r->dir] : &none;
	struct fieldset *fs = pk->fs;
	if (fl & TH_SYN)
		seq++;
	uint32_t nxtseq = seq + plen;
	uint32_t offset = 0, cur = seq;
	int first_pdu = 1;
	const char *proto_lock = NULL; /* Protocol is read-only after the first PDU */
	for (;;) {
		struct cursor rest = *pl;
		rest.off += offset;
		struct tcp_msp *m = flow->msp;
		uint32_t another = 0;
		int regrow = 0;
		/* a reassembled PDU starting here, and the one starting closest before */
		int done_start = 0, dbest = -1;
		for (int i = 0; i < flow->ndone; i++) {
			if (flow->done[i].seq == cur && seq_le(nxtseq, flow->done[i].nxtpdu))
				done_start = 1;
			if (seq_lt(flow->done[i].seq, cur) &&
			    (dbest < 0 || seq_gt(flow->done[i].seq, flow->done[dbest].seq)))
				dbest = i;
		}
		if ((m && m->seq == cur && seq_le(nxtseq, m->nxtpdu) &&
		     m->first_frame != pk->num) ||
		    (done_start && !(m && m->seq == cur))) {
			fs_add_bytes(fs, HF(F_SEGMENT_DATA), cur_pos(&rest), cur_remaining(&rest),
				     rest.data + rest.off, cur_avail(&rest));
			return;
		}
		if (r->flags & TA_SPURIOUS_RETRANSMISSION)
			return;
		if (r->flags & TA_RETRANSMISSION) {
			fs_add_bytes(fs, HF(F_SEGMENT_DATA), cur_pos(&rest), cur_remaining(&rest),
				     rest.data + rest.off, cur_avail(&rest));
			return;
		}
		/* tshark continues the PDU with the greatest start before this segment */
		int use_done = dbest >= 0 && (!m || !seq_lt(m->seq, cur) ||
					      seq_gt(flow->done[dbest].seq, m->seq));
		if (use_done && seq_lt(cur, flow->done[dbest].nxtpdu)) {
			/*
			 * tshark adds the bytes to the finished reassembly, which
			 * refuses any new fragment (verified: inside or past its end).
			 */
			uint32_t off = cur - flow->done[dbest].seq;
			const char *why = off >= flow->done[dbest].len
					      ? "New fragment past old data limits"
					      : "New fragment overlaps old data (retransmission?)";
			col_append_info(pk, "[Reassembly error, protocol TCP: %s]", why);
			/* the reassembly exception's expert item */
			expert_add(fs, pk->arena, PI_ERROR, PI_MALFORMED, "TCP", "%s", why);
			return;
		} else if (!use_done && m && seq_lt(m->seq, cur) && seq_lt(cur, m->nxtpdu)) {
			uint32_t take = nxtseq - cur;
			if (!m->entire_segment && m->nxtpdu - cur < take)
				take = m->nxtpdu - cur;
			int last = seq_ge(nxtseq, m->nxtpdu);
			int complete =
			    tcp_msp_add(m, pk->num, cur - m->seq, rest.data + rest.off, take, last);
			if (m->entire_segment && complete) {
				m->entire_segment = 0;
				if (seq_gt(nxtseq, m->nxtpdu))
					m->nxtpdu = nxtseq;
			}
			if (seq_lt(m->nxtpdu, nxtseq))
				another = m->nxtpdu - cur;
			if (!complete) {
				fs_add_bytes(fs, HF(F_SEGMENT_DATA), cur_pos(&rest), take,
					     rest.data + rest.off, take);
				mark_segment_of_pdu(pk, first_pdu, proto_lock);
			} else {
				/*
				 * The PDU's own buffer, not a copy: the packet's fields may
				 * point into it, so whichever branch below lets go of it
				 * hands it to the frame arena, freed with the fields.
				 */
				uint32_t len = m->last_end;
				uint8_t *pdu = m->buf; /* NULL when len is 0 */
				struct cursor rc = cur_make(pdu ? pdu : empty_pdu, len, len);
				rc.src = 1;
				call_payload(pk, &rc, r, sp, dp, 1, ti, m->seq, 1);
				if (proto_lock)
					pk->col_proto = proto_lock;
				struct tcp_rx *w =
				    tcp_rx_make(r->conv, r->dir); /* flow, writable */
				uint32_t want = pk->desegment_len, doff = pk->desegment_offset;
				/* tshark shows the segment tree only for a PDU that was used */
				if (!(want && doff == 0))
					add_segment_items(pk, m, len);
				if (want && doff == 0) {
					/* still short: the same PDU grows, in its own buffer */
					if (pdu) {
						tcp_msp_rebuf(m);
						arena_adopt(pk->arena, pdu);
					}
					m->have_last = 0;
					if (want == DESEGMENT_ONE_MORE_SEGMENT)
						msp_set_end(w, m, cur + take, want);
					else if (want == DESEGMENT_UNTIL_FIN)
						m->nxtpdu = m->seq + 0x40000000u, w->until_fin = 1;
					else if (seq_ge(cur + take, m->nxtpdu))
						m->nxtpdu = cur + take + want;
					else
						m->nxtpdu += want;
					/*
					 * (branch seedproto) tshark goes on with the rest of
					 * this segment as the same PDU: no fence, no lock, and
					 * the segment mark only if the PDU stays open at the end.
					 */
					if (seq_lt(cur + take, nxtseq) && another)
						regrow = 1;
					else
						mark_segment_of_pdu(pk, first_pdu, proto_lock);
				} else if (want && doff < len) {
					/* the tail after desegment_offset starts a new PDU */
					remember_done(w, m->seq, m->nxtpdu, doff);
					struct tcp_msp *n = tcp_msp_new(m->seq + doff, 0, pk->num);
					tcp_msp_add(n, pk->num, 0, pdu + doff, len - doff, 0);
					msp_set_end(w, n, cur + take, want);
					m->buf = NULL;
					arena_adopt(pk->arena, pdu);
					tcp_msp_free(m);
					w->msp = n;
				} else {
					remember_done(w, m->seq, m->nxtpdu, len);
					m->buf = NULL;
					arena_adopt(pk->arena, pdu);
					tcp_msp_free(m);
					w->msp = NULL;
				}
			}
		} else {
			call_payload(pk, &rest, r, sp, dp, 1, ti, cur, 0);
			if (proto_lock)
				pk->col_proto = proto_lock;
			uint32_t want = pk->desegment_len, doff = pk->desegment_offset;
			if (want && doff <= cur_remaining(&rest)) {
				uint32_t dseq = cur + doff;
				if (nxtseq - dseq <= TCP_MSP_MAX) {
					struct tcp_rx *w = tcp_rx_make(r->conv, r->dir);
					flow = w;
					tcp_msp_free(w->msp);
					struct tcp_msp *n = tcp_msp_new(dseq, 0, pk->num);
					tcp_msp_add(n, pk->num, 0, rest.data + rest.off + doff,
						    cur_remaining(&rest) - doff, 0);
					msp_set_end(w, n, nxtseq, want);
					w->msp = n;
				}
				if (doff == 0)
					mark_segment_of_pdu(pk, first_pdu, proto_lock);
			}
		}
		if (!another || offset + another >= plen)
			return;
		offset += another;
		cur += another;
		if (regrow)
			continue;
		first_pdu = 0;
		col_set_fence(pk);
		if (!proto_lock)
			proto_lock = pk->col_proto ? pk->col_proto : "TCP";
	}
}

/*
** Lean mode (tcp_lean.h): may this payload skip the hand-off?  Once a
** conversation hook fires, the rest of that TCP conversation takes the full
** path, so its dissectors see every later payload as they would otherwise.
*/
/*
** lean_skips' part for a payload: the hooks, a call each.  Inline: as its own
** function it saved and restored six registers per payload segment, which
** dissect_tcp has saved already, and gcc lays out dissect_tcp's registers
** better with it (200k cut: conv -0.8% Ir, streams -1.0%, and expert, where
** no hook runs, -0.4%).
*/
static inline __attribute__((always_inline)) int
lean_hooks_skip(struct tcp_conv *cv, const struct cursor *pl, uint16_t sp, uint16_t dp)
{
	if (!conv_hook_fires(HT_TCP, pl, sp, dp))
		return 1;
	if (cv)
		cv->lean_full = 1;
	return 0;
}

/* Inline: every segment asks, and most are answered by the first tests. */
static inline int lean_skips(const struct tcp_result *r, const struct cursor *pl, uint16_t sp,
			     uint16_t dp)
{
	struct tcp_conv *cv = r ? r->conv : NULL;
	if (tcp_lean_level() == TCP_LEAN_OFF || (cv && cv->lean_full))
		return 0;
	/*
	 * No captured byte: no dissector would see one, and a FIN with none closes
	 * only a PDU of a conversation already on the full path.  The hooks wait
	 * for the first payload.
	 */
	if (cur_avail(pl) == 0)
		return 1;
	return lean_hooks_skip(cv, pl, sp, dp);
}

/*
** TCP_LEAN_HDR: past tcp.stream a frame whose payload is skipped only adds
** fields and expert items no output reads; a header cut short still takes
** the full path for its error.
*/
static int lean_header_done(const struct tcp_result *r, const struct cursor *c, uint32_t hlen,
			    int whole, uint16_t sp, uint16_t dp)
{
	struct cursor t = *c;
	if (whole) /* captured: cur_skip's test is known */
		t.off += hlen;
	else if (!cur_skip(&t, hlen))
		return 0;
	struct cursor pl = cur_rest(&t);
	return lean_skips(r, &pl, sp, dp);
}

/* What the payload dissector is told; seq and is_reassembled are call_payload's. */
static inline struct tcpinfo *tcpinfo_fill(struct tcpinfo *ti, const struct tcp_result *r,
					   uint32_t rseq, uint32_t seglen, uint32_t rack,
					   uint16_t fl, uint16_t urg)
{
	ti->seq = 0;
	ti->nxtseq = rseq + seglen + ((fl & (TH_SYN | TH_FIN)) ? 1 : 0);
	ti->lastackseq = rack;
	ti->flags = fl;
	ti->urgent_pointer = urg;
	ti->is_reassembled = 0;
	ti->conv = r ? r->conv : NULL;
	return ti;
}

/*
** The pinfo record's TCP slots, under pk_pir_u's rule (the first TCP header's
** values stay).  A frame's first TCP header finds them all free: one test,
** then plain stores.
*/
static void pir_tcp(struct packet *pk, const struct tcp_result *r, int have_seglen, uint32_t seglen,
		    uint32_t rseq, uint32_t rack, uint16_t fl, uint32_t wsize)
{
	enum { V0 = PIR_TCP_STREAM };
	const uint32_t all = 1u << PIR_TCP_STREAM | 1u << PIR_TCP_LEN | 1u << PIR_TCP_SEQ |
			     1u << PIR_TCP_ACK | 1u << PIR_TCP_FLAGS | 1u << PIR_TCP_WIN;
	if (pk->pir.has & all) {
		if (r)
			pk_pir_u(pk, PIR_TCP_STREAM, r->stream);
		if (have_seglen)
			pk_pir_u(pk, PIR_TCP_LEN, seglen);
		pk_pir_u(pk, PIR_TCP_SEQ, rseq);
		pk_pir_u(pk, PIR_TCP_ACK, rack);
		pk_pir_tcpflags(pk, fl);
		pk_pir_u(pk, PIR_TCP_WIN, wsize);
		return;
	}
	uint32_t set =
	    1u << PIR_TCP_SEQ | 1u << PIR_TCP_ACK | 1u << PIR_TCP_FLAGS | 1u << PIR_TCP_WIN;
	uint64_t *v = pk->pir.v;
	if (r) {
		v[PIR_TCP_STREAM - V0] = r->stream;
		set |= 1u << PIR_TCP_STREAM;
	}
	if (have_seglen) {
		v[PIR_TCP_LEN - V0] = seglen;
		set |= 1u << PIR_TCP_LEN;
	}
	v[PIR_TCP_SEQ - V0] = rseq;
	v[PIR_TCP_ACK - V0] = rack;
	v[PIR_TCP_FLAGS - V0] = fl;
	v[PIR_TCP_WIN - V0] = wsize;
	pk->pir.has |= set;
	if (fl & TH_RST) /* pk_pir_tcpflags' */
		pk->pir.any_rst = 1;
}

/*
** pir_tcp for a PK_PIREC_LEAN run, whose readers take only the stream and the
** flags: the relative numbers and the scaled window cost more than the rest.
*/
static void pir_tcp_lean(struct packet *pk, const struct tcp_result *r, uint16_t fl)
{
	uint32_t has = pk->pir.has;
	if (r && !(has >> PIR_TCP_STREAM & 1)) {
		pk->pir.v[PIR_TCP_STREAM - PIR_TCP_STREAM] = r->stream;
		has |= 1u << PIR_TCP_STREAM;
	}
	if (!(has >> PIR_TCP_FLAGS & 1)) {
		pk->pir.v[PIR_TCP_FLAGS - PIR_TCP_STREAM] = fl;
		has |= 1u << PIR_TCP_FLAGS;
	}
	pk->pir.has = has;
	if (fl & TH_RST) /* pk_pir_tcpflags' */
		pk->pir.any_rst = 1;
}

/*
** The out-of-line parts of dissect_tcp: each is needed by few segments or few
** jobs, and kept apart so that the common path (a plain segment in a job that
** shows no header field) stays short and keeps its values in registers.
*/
static inline uint16_t hdr_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t hdr_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void port_items(const struct tcp_items *t, uint32_t start, uint16_t sp, uint16_t dp)
{
	t_add(t, F_SRCPORT, start, 2, sp);
	t_add(t, F_DSTPORT, start + 2, 2, dp);
	t_add(t, F_PORT, start, 2, sp);
	t_add(t, F_PORT, start + 2, 2, dp);
}

/* The options' view when the header is not wholly captured or claimed. */
static __attribute__((noinline)) struct cursor options_view_cut(const struct cursor *c,
								uint32_t hlen)
{
	struct cursor oc = *c;
	cur_skip(&oc, 20);
	return cur_sub(&oc, hlen - 20);
}

/* What tcp_track_stream reads of a segment (TCP_LEAN_HDR); inlined into both heads. */
static inline __attribute__((always_inline)) void
seg_head(struct tcp_seg *s, const struct packet *pk, const uint8_t *h, uint16_t sp, uint16_t dp,
	 uint16_t fl, int have_seglen)
{
	s->frame = pk->num;
	s->now = pk->sec * 1000000000 + pk->nsec;
	s->atype = pk->net_src.type;
	s->alen = pk->net_src.len;
	s->src = pk->net_src.a;
	s->dst = pk->net_dst.a;
	if (pk->in_error && pk->ip_depth > 1) {
		/*
		 * A quoted header belongs to the quoted addresses (tshark
		 * looks its conversation up there); the IP layer keeps the
		 * outer ones in net_src/net_dst for the taps.
		 */
		s->atype = pk->ip_version == 6 ? AT_IPv6 : AT_IPv4;
		s->alen = pk->ip_version == 6 ? 16 : 4;
		s->src = pk->ip_src;
		s->dst = pk->ip_dst;
	}
	s->sport = sp;
	s->dport = dp;
	s->seq = hdr_be32(h + 4);
	s->ack = hdr_be32(h + 8);
	s->flags = fl;
	s->have_seglen = (uint8_t)have_seglen;
	s->in_error = pk->in_error;
}

/* The rest of what tcp_track reads: the window, the length and the options. */
static inline __attribute__((always_inline)) void seg_rest(struct tcp_seg *s, uint32_t plan,
							   const uint8_t *h,
							   const struct tcp_opts *o,
							   uint32_t seglen)
{
	s->win = hdr_be16(h + 14);
	s->skip_bif = !(plan & TCP_W_BIF);
	s->seglen = seglen;
	s->ws_shift = o->ws_shift;
	s->nsack = o->nsack;
	/* tcp_track reads the first nsack blocks only */
	for (int i = 0; i < o->nsack; i++) {
		s->sack_le[i] = o->sack_le[i];
		s->sack_re[i] = o->sack_re[i];
	}
}

/* The general head's tracking: its options parsed already. */
static inline __attribute__((always_inline)) struct tcp_result *
track_segment(struct packet *pk, const struct tcp_items *t, const uint8_t *h, uint16_t sp,
	      uint16_t dp, uint16_t fl, const struct tcp_opts *o, int have_seglen, uint32_t seglen,
	      struct tcp_result *res)
{
	struct tcp_state *st = dissect_state(pk, proto_tcp, state_make, state_free);
	struct tcp_seg s; /* every field tcp_track reads set below: no zeroing */
	seg_head(&s, pk, h, sp, dp, fl, have_seglen);
	seg_rest(&s, t->plan, h, o, seglen);
	/* nothing shown past tcp.stream: the stream numbers without the analysis */
	if (tcp_lean_level() != TCP_LEAN_HDR || !tcp_track_stream(st, &s, res))
		tcp_track(st, &s, res);
	return res;
}

/*
** The plain head's: under TCP_LEAN_HDR the options are parsed (into o) and
** the rest filled only for a conversation on the full path, which
** tcp_track_stream declines (cut200k conv: -2.5% Ir).  Returns whether o holds
** the options.
*/
static inline __attribute__((always_inline)) int
track_plain(struct packet *pk, uint32_t plan, const uint8_t *h, uint32_t hlen, uint16_t sp,
	    uint16_t dp, uint16_t fl, uint32_t seglen, struct tcp_opts *o, struct tcp_result *res)
{
	struct tcp_state *st = dissect_state(pk, proto_tcp, state_make, state_free);
	struct tcp_seg s;
	seg_head(&s, pk, h, sp, dp, fl, 1);
	if (tcp_lean_level() == TCP_LEAN_HDR && tcp_track_stream(st, &s, res))
		return 0;
	parse_options_whole(h + 20, hlen - 20, o);
	seg_rest(&s, plan, h, o, seglen);
	tcp_track(st, &s, res);
	return 1;
}

/* tree: "Transmission Control Protocol, Src Port: 80, Dst Port: ..." */
static __attribute__((noinline)) void proto_label(struct packet *pk, struct fitem *pit, uint16_t sp,
						  uint16_t dp, uint32_t rseq, uint32_t rack,
						  uint16_t fl, int have_seglen, uint32_t seglen)
{
	char lab[160];
	int n = snprintf(lab, sizeof lab,
			 "Transmission Control Protocol, Src Port: %u, Dst Port: %u, Seq: %u", sp,
			 dp, rseq);
	if (n > 0 && (size_t)n < sizeof lab && (fl & TH_ACK))
		n += snprintf(lab + n, sizeof lab - (size_t)n, ", Ack: %u", rack);
	if (n > 0 && (size_t)n < sizeof lab && have_seglen)
		n += snprintf(lab + n, sizeof lab - (size_t)n, ", Len: %u", seglen);
	pit->text = arena_strndup(pk->arena, lab, strnlen(lab, sizeof lab));
}

static void stream_items(struct packet *pk, const struct tcp_items *t, uint32_t start,
			 const struct tcp_result *r)
{
	struct fieldset *fs = pk->fs;
	t_add(t, F_STREAM, start, 0, r->stream);
	int cpi = t_add(t, F_COMPLETENESS, start, 0, r->completeness);
	if (cpi >= 0 && fs->want_all) { /* tree */
		unsigned v = (unsigned)r->completeness;
		const char *nm = (v & 7) == 7 && (v & 0x30)
				     ? ((v & 8) ? "Complete, WITH_DATA" : "Complete, NO_DATA")
				 : v == 1  ? "Incomplete, SYN_SENT"
				 : v == 3  ? "Incomplete, CLIENT_ESTABLISHED"
				 : v == 7  ? "Incomplete, ESTABLISHED"
				 : v == 15 ? "Incomplete, DATA"
					   : "Incomplete";
		fs->items[cpi].flags |= FI_GENERATED;
		fs->items[cpi].text =
		    arena_printf(pk->arena, "Conversation completeness: %s (%u)", nm, v);
	}
}

/* tcp.flags.str: "·······A·PS·" */
static __attribute__((noinline)) void flags_str_item(struct packet *pk, const struct tcp_items *t,
						     uint32_t start, uint16_t fl)
{
	static const char letters[] = "RRRACEUAPRSF";
	char buf[12 * 2 + 1];
	size_t n = 0;
	for (int b = 11; b >= 0; b--) {
		if (fl & (1u << b)) {
			buf[n++] = letters[11 - b];
		} else {
			buf[n++] = (char)0xc2; /* U+00B7 middle dot */
			buf[n++] = (char)0xb7;
		}
	}
	char *s = arena_strndup(pk->arena, buf, n);
	struct fitem *fi = fs_item(
	    pk->fs, t_bytes(t, F_FLAGS_STR, start + 12, 2, (const uint8_t *)s, (uint32_t)n));
	if (fi)
		fi->flags |= FI_GENERATED;
}

/*
** Does header_items add anything?  Only a wanted header field, or a flag
** (SYN, FIN, RST) or a nonzero ACK or urgent pointer without its flag, which
** raise expert items: a plain segment in a job showing no header field skips it.
*/
static inline int header_items_needed(const struct tcp_items *t, const uint8_t *h, uint16_t fl,
				      int hdrf)
{
	if (hdrf || (t->plan & TCP_W_FLAGS_STR))
		return 1;
	/* the usual segment, an ACK without SYN, FIN, RST or URG: one test of the flags */
	if ((fl & (TH_ACK | TH_URG | TH_SYN | TH_FIN | TH_RST)) == TH_ACK)
		return hdr_be16(h + 18) != 0;
	return (fl & (TH_SYN | TH_FIN | TH_RST)) || (!(fl & TH_ACK) && hdr_be32(h + 8)) ||
	       (!(fl & TH_URG) && hdr_be16(h + 18));
}

/*
** The header's items from tcp.len to tcp.urgent_pointer and the flags' expert
** items.  Inline: the jobs showing header fields call it on every segment, and
** as a call its thirteen arguments cost more than its common case.
*/
static inline __attribute__((always_inline)) void
header_items(struct packet *pk, const struct tcp_items *t, const uint8_t *h, uint32_t start,
	     uint32_t hlen, uint16_t fl, int hdrf, const struct tcp_result *r, int have_seglen,
	     uint32_t seglen, uint32_t rseq, uint32_t rack, uint32_t wsize)
{
	struct fieldset *fs = pk->fs;
	uint16_t sp = hdr_be16(h), dp = hdr_be16(h + 2);
	uint32_t seq = hdr_be32(h + 4), ack = hdr_be32(h + 8);
	uint16_t win = hdr_be16(h + 14), cksum = hdr_be16(h + 16), urg = hdr_be16(h + 18);
	/* hdrf: any of the header's thirty fields; then one test per group */
	int seqf = hdrf && t_any(t, F_LEN, F_ACK_RAW - F_LEN + 1);
	int flagf = hdrf && t_any(t, F_HDR_LEN, F_FLAGS_FIN - F_HDR_LEN + 1);
	int winf =
	    hdrf && t_any(t, F_WINDOW_SIZE_VALUE, F_URGENT_POINTER - F_WINDOW_SIZE_VALUE + 1);
	int seqi = -1, nxi = -1, acki = -1;
	if (seqf) {
		if (have_seglen)
			t_generated(t, F_LEN, start, 0, seglen);
		seqi = t_add(t, F_SEQ, start + 4, 4, rseq);
		if (have_seglen)
			t_add(t, F_SEQ_RAW, start + 4, 4, seq);
		if (have_seglen)
			t_generated(t, F_NXTSEQ, start + 4, 0,
				    rseq + seglen + ((fl & (TH_SYN | TH_FIN)) ? 1 : 0));
		nxi = t->w[F_NXTSEQ] ? fs->n - 1 : -1;
		acki = t_add(t, F_ACK, start + 8, 4, rack);
		if (have_seglen)
			t_add(t, F_ACK_RAW, start + 8, 4, ack);
	}
	if (!(fl & TH_ACK) && ack) {
		t_none(t, F_ACK_NONZERO, start + 8, 4);
		tcp_expert(
		    pk, PI_NOTE, PI_PROTOCOL,
		    "The acknowledgment number field is nonzero while the ACK flag is not set");
	}
	int hli = flagf ? t_add(t, F_HDR_LEN, start + 12, 1, hlen) : -1;
	int fit = flagf ? t_add(t, F_FLAGS, start + 12, 2, fl) : -1;
	if (fs->want_all) /* tree: labels tshark builds for these */
		tcp_tree_labels(pk, seqi, nxi, acki, hli, fit, r != NULL, fl);
	int fprev = fs_push(fs, fit);
	/* tcp.flags is often wanted without its bits: one test for the ten */
	int bitf = flagf && t_any(t, F_FLAGS_RES, F_FLAGS_FIN - F_FLAGS_RES + 1);
	if (bitf) {
		t_add(t, F_FLAGS_RES, start + 12, 2, (fl & TH_RES) != 0);
		t_add(t, F_FLAGS_AE, start + 12, 2, (fl & TH_AE) != 0);
		t_add(t, F_FLAGS_CWR, start + 12, 2, (fl & TH_CWR) != 0);
		t_add(t, F_FLAGS_ECE, start + 12, 2, (fl & TH_ECE) != 0);
		t_add(t, F_FLAGS_URG, start + 12, 2, (fl & TH_URG) != 0);
		t_add(t, F_FLAGS_ACK, start + 12, 2, (fl & TH_ACK) != 0);
		t_add(t, F_FLAGS_PUSH, start + 12, 2, (fl & TH_PUSH) != 0);
		t_add(t, F_FLAGS_RESET, start + 12, 2, (fl & TH_RST) != 0);
		t_add(t, F_FLAGS_SYN, start + 12, 2, (fl & TH_SYN) != 0);
	}
	if ((fl & (TH_SYN | TH_ACK)) == TH_SYN) {
		t_none(t, F_CONN_SYN, start + 13, 1);
		if (!pk->in_error)
			expert_add(fs, pk->arena, PI_CHAT, PI_SEQUENCE, "TCP",
				   "Connection establish request (SYN): server port %u", dp);
	} else if (fl & TH_SYN) {
		t_none(t, F_CONN_SYNACK, start + 13, 1);
		if (!pk->in_error)
			expert_add(fs, pk->arena, PI_CHAT, PI_SEQUENCE, "TCP",
				   "Connection establish acknowledge (SYN+ACK): server port %u",
				   sp);
	}
	if (bitf)
		t_add(t, F_FLAGS_FIN, start + 12, 2, (fl & TH_FIN) != 0);
	if (fl & TH_FIN) {
		t_none(t, F_CONN_FIN, start + 13, 1);
		tcp_expert(pk, PI_CHAT, PI_SEQUENCE, "Connection finish (FIN)");
		if (r && r->fin_active) {
			t_none(t, F_CONN_FIN_ACTIVE, start + 13, 1);
			tcp_expert(pk, PI_NOTE, PI_SEQUENCE,
				   "This frame initiates the connection closing");
		} else if (r) {
			t_none(t, F_CONN_FIN_PASSIVE, start + 13, 1);
			tcp_expert(pk, PI_NOTE, PI_SEQUENCE,
				   "This frame undergoes the connection closing");
		}
	}
	if (fl & TH_RST) {
		t_none(t, F_CONN_RST, start + 13, 1);
		tcp_expert(pk, PI_WARN, PI_SEQUENCE, "Connection reset (RST)");
	}
	if (t->w[F_FLAGS_STR])
		flags_str_item(pk, t, start, fl);
	fs_pop(fs, fprev);

	if (winf) {
		t_add(t, F_WINDOW_SIZE_VALUE, start + 14, 2, win);
		t_generated(t, F_WINDOW_SIZE, start + 14, 2, wsize);
		if (!(fl & TH_SYN) && r) /* a quoted header shows the factor too */
			t_generated_int(t, F_WINDOW_SCALEFACTOR, start + 14, 2,
					r->win_scale >= 0 ? 1 << r->win_scale : r->win_scale);
		int cki = t_add(t, F_CHECKSUM, start + 16, 2, cksum);
		if (fs->want_all && cki >= 0 && !fs->items[cki].text) /* tree */
			fs->items[cki].text = arena_printf(
			    pk->arena, "Checksum: 0x%04x [unverified]", (unsigned)cksum);
		t_add(t, F_CHECKSUM_STATUS, start + 16, 0, 2);
		t_add(t, F_URGENT_POINTER, start + 18, 2, urg);
	}
	if (!(fl & TH_URG) && urg) {
		t_none(t, F_URG_NONZERO, start + 18, 2);
		tcp_expert(pk, PI_NOTE, PI_PROTOCOL,
			   "The urgent pointer field is nonzero while the URG flag is not set");
	}
}

/* Info: " [ACK] Seq=1 Ack=1 Win=512 Len=0" */
static __attribute__((noinline)) void info_text(struct packet *pk, uint16_t fl, uint32_t rseq,
						uint32_t rack, uint32_t wsize, uint32_t seglen,
						uint16_t urg)
{
	char ftxt[80];
	flags_text(fl, ftxt, sizeof ftxt);
	if ((fl & (TH_ACK | TH_URG)) == TH_ACK) /* the common case in one call */
		col_append_info(pk, " [%s] Seq=%u Ack=%u Win=%u Len=%u", ftxt, rseq, rack, wsize,
				seglen);
	else {
		col_append_info(pk, " [%s] Seq=%u", ftxt, rseq);
		if (fl & TH_ACK)
			col_append_info(pk, " Ack=%u", rack);
		col_append_info(pk, " Win=%u", wsize);
		if (fl & TH_URG)
			col_append_info(pk, " Urg=%u", urg);
		col_append_info(pk, " Len=%u", seglen);
	}
}

/* tcp.options, each option's items, their Info text and expert items, the MSS ones. */
static __attribute__((noinline)) void options_items(struct packet *pk, const struct tcp_items *t,
						    const struct cursor *oc,
						    const struct tcp_opts *o, uint32_t start,
						    uint32_t hlen, uint16_t fl, uint32_t rev_base,
						    uint32_t ack, int optf)
{
	struct fieldset *fs = pk->fs;
	int opi = t_bytes(t, F_OPTIONS, start + 20, hlen - 20, oc->data,
			  cur_avail(oc) < hlen - 20 ? cur_avail(oc) : hlen - 20);
	if (opi >= 0 && fs->want_all) /* tree */
		options_tree_text(pk, opi, *oc, hlen - 20);
	int opprev = fs_push(fs, opi);
	if (optf || pk_want_info(pk) ||
	    (hf_expert >= 0 && fs_wants(fs, hf_expert) && !o->plain &&
	     options_may_raise_expert(*oc)))
		show_options(pk, t, *oc, rev_base, ack, optf);
	fs_pop(fs, opprev);
	if ((fl & TH_SYN) && !o->have_mss) {
		t_none(t, F_MSS_ABSENT, start + 20, hlen - 20);
		tcp_expert(pk, PI_NOTE, PI_PROTOCOL,
			   "The SYN packet does not contain a MSS option");
	} else if (!(fl & TH_SYN) && o->have_mss) {
		t_none(t, F_MSS_PRESENT, start + 20, hlen - 20);
		tcp_expert(pk, PI_WARN, PI_PROTOCOL,
			   "The non-SYN packet does contain a MSS option");
	}
}

/* tree: "[Timestamps]" holds the times, before [SEQ/ACK analysis] as in tshark */
static __attribute__((noinline)) void timestamp_items(struct packet *pk, const struct tcp_items *t,
						      uint32_t start, const struct tcp_result *r)
{
	struct fieldset *fs = pk->fs;
	int tsi = fs_add_none(fs, hf_text_item, start, 0);
	if (tsi >= 0) {
		fs->items[tsi].text = "Timestamps";
		fs->items[tsi].flags |= FI_GENERATED;
	}
	int tsprev = fs_push(fs, tsi);
	t_time(t, F_TIME_RELATIVE, start, r->time_rel);
	t_time(t, F_TIME_DELTA, start, r->time_delta);
	fs_pop(fs, tsprev);
}

static __attribute__((noinline)) void payload_item(struct packet *pk, const struct tcp_items *t,
						   const struct cursor *pl)
{
	struct fitem *py = fs_item(
	    pk->fs, t_bytes(t, F_PAYLOAD, cur_pos(pl), cur_remaining(pl), pl->data, cur_avail(pl)));
	if (py && pk->fs->want_all) /* tree */
		py->text = arena_printf(pk->arena, "TCP payload (%u bytes)", cur_remaining(pl));
}

/* Relative numbers; rb: the analysis record, NULL for raw numbers. */
static inline uint32_t rel_seq(const uint8_t *h, const struct tcp_result *rb)
{
	return hdr_be32(h + 4) - (rb ? rb->fwd_base : 0);
}

static inline uint32_t rel_ack(const uint8_t *h, uint16_t fl, const struct tcp_result *rb)
{
	uint32_t ack = hdr_be32(h + 8);
	return (fl & TH_ACK) && rb ? ack - rb->rev_base : ack;
}

/* tcp.window_size, found only where shown: a quoted header shows its window unscaled */
static inline uint32_t window_size(const struct packet *pk, const uint8_t *h, uint16_t fl,
				   const struct tcp_result *r)
{
	uint32_t win = hdr_be16(h + 14);
	if (!(fl & TH_SYN) && r && r->win_scale >= 0 && !pk->in_error)
		win <<= r->win_scale;
	return win;
}

/*
** What dissect_tcp_tail reads of the header and of its tracking (the options'
** summary apart: its address goes to options_items, and this struct's would
** keep it out of registers).
*/
struct tcp_hdr {
	const uint8_t *h;     /* the fixed header, 20 bytes captured */
	struct tcp_result *r; /* NULL: not tracked */
	struct cursor oc;     /* the options' view; the tail makes it when whole */
	uint32_t start, hlen, seglen;
	int prev, hdrf, have_seglen, whole;
	uint16_t sp, dp, fl;
};

/* The options' view of a header wholly captured and claimed. */
static inline struct cursor options_view_whole(const struct cursor *c, const uint8_t *h,
					       uint32_t hlen)
{
	struct cursor oc;
	oc.data = h + 20;
	oc.off = 0;
	oc.caplen = oc.len = hlen - 20;
	oc.base = cur_pos(c) + 20;
	oc.src = c->src;
	oc.err = CUR_OK;
	return oc;
}

/*
** dissect_tcp past the tracking (and past TCP_LEAN_HDR's stop): the header's
** items, the options', the analysis, the payload.  Written once for the
** general head and dissect_plain_tcp, and inlined into each: a call here
** cost every segment of the analysis jobs its unpacking, and the plain
** path's constants (whole, no header field) drop its tests.
*/
static inline __attribute__((always_inline)) int
dissect_tcp_tail(struct packet *pk, struct cursor *c, const struct tcp_items *t,
		 const struct tcp_hdr *x, const struct tcp_opts *o)
{
	struct fieldset *fs = pk->fs;
	const uint8_t *h = x->h;
	const struct tcp_result *r = x->r;
	uint32_t start = x->start, hlen = x->hlen, seglen = x->seglen;
	uint16_t sp = x->sp, dp = x->dp, fl = x->fl;
	int hdrf = x->hdrf, have_seglen = x->have_seglen;
	/* without a known length (ICMP quotes) tshark shows raw numbers only */
	const struct tcp_result *rb = have_seglen ? r : NULL;
	/* the relative numbers (rel_seq, rel_ack) are found where used: most segments use none */
	if (header_items_needed(t, h, fl, hdrf))
		header_items(pk, t, h, start, hlen, fl, hdrf, r, have_seglen, seglen,
			     rel_seq(h, rb), rel_ack(h, fl, rb), window_size(pk, h, fl, r));
	if (pk_pirec_on) { /* the values of tcp.stream, tcp.len, seq, ack, flags, window_size */
		if (pk_pirec_on == PK_PIREC_LEAN)
			pir_tcp_lean(pk, r, fl);
		else
			pir_tcp(pk, r, have_seglen, seglen, rel_seq(h, rb), rel_ack(h, fl, rb), fl,
				window_size(pk, h, fl, r));
	}
	if (pk_want_info(pk))
		info_text(pk, fl, rel_seq(h, rb), rel_ack(h, fl, rb), window_size(pk, h, fl, r),
			  seglen, hdr_be16(h + 18));
	if (hlen > 20) {
		/* the option items, the Info text, the expert items: most frames want none */
		int optf = (t->plan & TCP_W_OPTIONS) != 0;
		/* NOP NOP timestamp, not a SYN: no MSS expert item, no option's either */
		if (optf || pk_want_info(pk) || !o->plain || (fl & TH_SYN)) {
			struct cursor oc = x->whole ? options_view_whole(c, h, hlen) : x->oc;
			options_items(pk, t, &oc, o, start, hlen, fl, rb ? rb->rev_base : 0,
				      hdr_be32(h + 8), optf);
		}
	}
	if (r) {
		/* most jobs show neither the times nor their [Timestamps] */
		if (t->plan & TCP_W_TIMES)
			timestamp_items(pk, t, start, r);
		if (analysis_wanted(pk, t, r))
			show_analysis(pk, t, r, start);
	}
	/*
	 * No payload and no FIN (most ACKs): nothing below adds an item or hands
	 * a byte on, so no payload view is made (cut200k expert, streams -0.6% Ir).
	 */
	if (x->whole && have_seglen && seglen == 0 && !(fl & TH_FIN)) {
		c->off += hlen;
		fs_pop(fs, x->prev);
		return (int)hlen;
	}
	struct cursor pl;
	if (x->whole)
		pl = cur_sub_past(c, hlen, c->len - c->off - hlen);
	else if (cur_skip(c, hlen))
		pl = cur_rest(c);
	else {
		fs_pop(fs, x->prev);
		return dissect_report_error(pk, c, proto_tcp);
	}
	if ((t->plan & TCP_W_PAYLOAD) && cur_remaining(&pl) > 0)
		payload_item(pk, t, &pl);
	fs_pop(fs, x->prev);
	if (lean_skips(r, &pl, sp, dp)) /* no output sees the app layer */
		return (int)(hlen + seglen);
	/* filled only for a segment that may reach a payload dissector (most carry no data) */
	struct tcpinfo ti;
	uint16_t urg = hdr_be16(h + 18);
	if ((fl & TH_FIN) && fin_closes_pdu(pk, &pl, r, sp, dp, hdr_be32(h + 4), fl,
					    tcpinfo_fill(&ti, r, rel_seq(h, rb), seglen,
							 rel_ack(h, fl, rb), fl, urg)))
		return (int)(hlen + seglen);
	if (cur_avail(&pl) == 0 || pk->in_error)
		return (int)(hlen + seglen);
	if (fl & TH_RST) {
		/* tshark never hands a reset's text to a subdissector */
		uint32_t av = cur_avail(&pl);
		fs_add_bytes(fs, HF(F_RESET_CAUSE), cur_pos(&pl), av, pl.data, av);
		return (int)(hlen + seglen);
	}
	if (!msp_continue(pk, &pl, r, hdr_be32(h + 4), fl))
		process_payload(
		    pk, &pl, r, sp, dp, hdr_be32(h + 4), fl,
		    tcpinfo_fill(&ti, r, rel_seq(h, rb), seglen, rel_ack(h, fl, rb), fl, urg));
	return (int)(hlen + seglen);
}

/* What both heads set first: the layer, the ports and the columns' start. */
static inline __attribute__((always_inline)) void tcp_layer_begin(struct packet *pk, uint16_t sp,
								  uint16_t dp)
{
	pk_add_layer(pk, proto_tcp);
	pk->ptype = PT_TCP;
	pk->srcport = sp;
	pk->dstport = dp;
	col_set_proto(pk, "TCP");
	col_clear_info(pk);
	if (pk_want_info(pk))
		col_append_info(pk, "%u \xe2\x86\x92 %u", sp, dp);
}

/* Every segment dissect_plain_tcp does not take. */
static __attribute__((noinline)) int dissect_tcp_header(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	struct tcp_items items, *t = &items;
	items_init(t, fs);
	uint32_t start = cur_pos(c);
	uint32_t reported = cur_remaining(c);
	const uint8_t *h = cur_peek_ptr(c, 0, 20);
	if (!h)
		return dissect_report_error(pk, c, proto_tcp);
	uint16_t sp = hdr_be16(h), dp = hdr_be16(h + 2);
	uint32_t hlen = (uint32_t)(h[12] >> 4) * 4;
	uint16_t fl = (uint16_t)((h[12] & 0x0f) << 8 | h[13]);
	tcp_layer_begin(pk, sp, dp);

	int it = fs_add_none(fs, proto_tcp, start, hlen < 20 ? 20 : hlen);
	int prev = fs_push(fs, it);
	/* one test for the header's thirty fields, which most jobs never read */
	int hdrf = t_any(t, F_SRCPORT, F_URGENT_POINTER - F_SRCPORT + 1);
	if (pk_pirec_on) {
		pk_pir_u(pk, PIR_TCP_SPORT, sp);
		pk_pir_u(pk, PIR_TCP_DPORT, dp);
	}
	/* (a conversation table wants the ports) */
	if (hdrf && t_any(t, F_SRCPORT, F_PORT - F_SRCPORT + 1))
		port_items(t, start, sp, dp);
	if (hlen < 20) {
		/* tshark stops at a bogus data offset, after the ports */
		if (fs_item(fs, it))
			fs_item(fs, it)->flags |= FI_NO_TAP;
		fs_pop(fs, prev);
		return (int)reported;
	}

	struct tcp_hdr x;
	struct tcp_opts o;
	/* the header wholly captured and claimed (most frames): its options' view directly */
	int whole = cur_avail(c) >= hlen && reported >= hlen;
	int tapped = 1;
	if (!whole) {
		x.oc = options_view_cut(c, hlen);
		/* options cut by the snapshot length: tshark throws before its tap */
		tapped = cur_avail(&x.oc) >= hlen - 20;
		if (!tapped && fs_item(fs, it))
			fs_item(fs, it)->flags |= FI_NO_TAP;
	}
	int have_seglen = !pk->in_error && reported >= hlen;
	uint32_t seglen = have_seglen ? reported - hlen : 0;
	int streamf = hdrf && t_any(t, F_STREAM, F_COMPLETENESS - F_STREAM + 1);
	if (tcp_lean_level() == TCP_LEAN_HDR && !streamf && !tcp_lean_stream_read()) {
		/* no output reads tcp.stream, the one thing tracking and the hooks are for */
		if (tapped)
			pk_l4rec_add(pk, PT_TCP, sp, dp, 0);
		fs_pop(fs, prev);
		return (int)(hlen + seglen);
	}
	if (whole)
		parse_options_whole(h + 20, hlen - 20, &o);
	else
		parse_options(&x.oc, &o);

	struct tcp_result res;
	struct tcp_result *r = NULL;
	items_plan(t);
	if (pk->net_src.type == AT_IPv4 || pk->net_src.type == AT_IPv6)
		r = track_segment(pk, t, h, sp, dp, fl, &o, have_seglen, seglen, &res);
	if (tapped)
		pk_l4rec_add(pk, PT_TCP, sp, dp, r ? r->stream : 0);
	/* without a known length (ICMP quotes) tshark shows raw numbers only */
	const struct tcp_result *rb = have_seglen ? r : NULL;
	struct fitem *pit = fs_item(fs, it);
	if (pit && fs_wants_label(fs, proto_tcp))
		proto_label(pk, pit, sp, dp, rel_seq(h, rb), rel_ack(h, fl, rb), fl, have_seglen,
			    seglen);
	if (r && streamf)
		stream_items(pk, t, start, r);
	if (tcp_lean_level() == TCP_LEAN_HDR && lean_header_done(r, c, hlen, whole, sp, dp)) {
		fs_pop(fs, prev);
		return (int)(hlen + seglen);
	}
	x.h = h;
	x.r = r;
	x.start = start;
	x.hlen = hlen;
	x.seglen = seglen;
	x.prev = prev;
	x.hdrf = hdrf;
	x.have_seglen = have_seglen;
	x.whole = whole;
	x.sp = sp;
	x.dp = dp;
	x.fl = fl;
	return dissect_tcp_tail(pk, c, t, &x, &o);
}

/*
** The usual segment: outside an ICMP error, on IPv4 or IPv6, its header wholly
** captured and claimed, in a job that shows no tree, no TCP label and none of
** the header's fields.  NULL for anything else, which the general path takes.
*/
static inline const uint8_t *plain_tcp_header(const struct packet *pk, const struct cursor *c)
{
	if (pk->fs->want_all || !(field_plan_get(&tcp_plan, tcp_plan_make) & TCP_PLAIN) ||
	    pk->in_error)
		return NULL;
	if (pk->net_src.type != AT_IPv4 && pk->net_src.type != AT_IPv6)
		return NULL;
	/* len >= caplen (cursor.h): off <= caplen makes len - off the claimed bytes */
	if (c->off > c->caplen || c->caplen - c->off < 20)
		return NULL;
	const uint8_t *h = c->data + c->off;
	uint32_t hlen = (uint32_t)(h[12] >> 4) * 4;
	if (hlen < 20 || c->caplen - c->off < hlen || c->len - c->off < hlen)
		return NULL;
	return h;
}

/*
** TCP_LEAN_HDR's stop (lean_header_done) for a whole header of a tracked
** segment: the payload's view made only for the hooks.
*/
static inline int lean_plain_done(const struct tcp_result *r, struct cursor *c, uint32_t hlen,
				  uint32_t seglen, uint16_t sp, uint16_t dp)
{
	struct tcp_conv *cv = r->conv;
	if (cv && cv->lean_full)
		return 0;
	if (seglen == 0 || cur_avail(c) == hlen) /* no captured payload byte */
		return 1;
	struct cursor t = *c;
	struct cursor pl = cur_sub_past(&t, hlen, seglen);
	return lean_hooks_skip(cv, &pl, sp, dp);
}

/*
** plain_tcp_header's segment: the general head's items and state, without
** its tests (no header field, label or tree; tracked; a tap record).
** Out of line, so that dissect_tcp's test needs no frame; inlined, it saved
** the re-reads (cut200k: conv, expert, streams -0.5% Ir) but cost the
** header-field jobs their frame (fields5 +1.5%, fields36 +0.6%).
*/
static __attribute__((noinline)) int dissect_plain_tcp(struct packet *pk, struct cursor *c,
						       const uint8_t *h, uint32_t hlen)
{
	struct fieldset *fs = pk->fs;
	struct tcp_hdr x;
	uint16_t sp = hdr_be16(h), dp = hdr_be16(h + 2);
	uint32_t seglen = cur_remaining(c) - hlen;
	uint16_t fl = (uint16_t)((h[12] & 0x0f) << 8 | h[13]);
	tcp_layer_begin(pk, sp, dp);
	/* tcp_plan is current: plain_tcp_header has just read it */
	int it = tcp_plan.bits & TCP_ITEM
		     ? fs_store_u(fs, proto_tcp, cur_pos(c), hlen, 0, FI_NONE_VALUE)
		     : -1;
	int prev = fs_push(fs, it);
	if (pk_pirec_on) {
		pk_pir_u(pk, PIR_TCP_SPORT, sp);
		pk_pir_u(pk, PIR_TCP_DPORT, dp);
	}
	if (tcp_lean_level() == TCP_LEAN_HDR && !tcp_lean_stream_read()) {
		pk_l4rec_add(pk, PT_TCP, sp, dp, 0);
		fs_pop(fs, prev);
		return (int)(hlen + seglen);
	}
	struct tcp_opts o;
	struct tcp_result res;
	struct tcp_result *r = &res;
	int parsed = track_plain(pk, tcp_plan.bits, h, hlen, sp, dp, fl, seglen, &o, &res);
	pk_l4rec_add(pk, PT_TCP, sp, dp, r->stream);
	if (tcp_lean_level() == TCP_LEAN_HDR && lean_plain_done(r, c, hlen, seglen, sp, dp)) {
		fs_pop(fs, prev);
		return (int)(hlen + seglen);
	}
	if (!parsed) /* a hook has just put the conversation on the full path */
		parse_options_whole(h + 20, hlen - 20, &o);
	/* items_init's and items_plan's, without their tests: plain_tcp_header wants no tree */
	struct tcp_items items = {fs, field_wanted_map + hf, hf, tcp_plan.bits};
	x.h = h;
	x.r = r;
	x.start = cur_pos(c);
	x.hlen = hlen;
	x.seglen = seglen;
	x.prev = prev;
	x.hdrf = 0;
	x.have_seglen = 1;
	x.whole = 1;
	x.sp = sp;
	x.dp = dp;
	x.fl = fl;
	return dissect_tcp_tail(pk, c, &items, &x, &o);
}

/*
** Each case a tail call: the plain path inlined here made every segment of
** the jobs it does not take (header fields, trees) save and restore its six
** registers before the general path.
*/
static int dissect_tcp(struct packet *pk, struct cursor *c)
{
	const uint8_t *h = plain_tcp_header(pk, c);
	return h ? dissect_plain_tcp(pk, c, h, (uint32_t)(h[12] >> 4) * 4)
		 : dissect_tcp_header(pk, c);
}

static const struct dissector tcp_dissector = {"tcp", dissect_tcp, 0};

void register_tcp(void)
{
	proto_tcp = proto_register("Transmission Control Protocol", "TCP", "tcp");
	hf = field_register(fields, F_COUNT);
	memset(all_wanted, FIELD_WANT_VALUE | FIELD_WANT_LABEL, sizeof all_wanted);
	/* tree: after the fields, which belong to tcp as in tshark */
	/* one after the other: show_options tests them as one block of ids */
	for (size_t i = 0; i < TCP_NOPT; i++)
		tcp_opt_proto[i] = proto_register(tcp_opt_protos[i].name, tcp_opt_protos[i].name,
						  tcp_opt_protos[i].abbrev);
}

void handoff_tcp(void)
{
	dtable_add(DT_IP_PROTO, 6, &tcp_dissector);
}

void tcp_conversation_restart(struct packet *pk)
{
	const struct tcpinfo *ti = pk->l4;
	struct tcp_conv *cv = ti ? ti->conv : NULL;
	if (cv)
		cv->restart_next = 1;
}
