/*
** tcp_analysis.h -- per-flow TCP state and tshark 4.0's single-pass
** sequence analysis (tcp.stream, relative numbers, window scaling and every
** tcp.analysis.* flag).  See specs/tcp-analysis.md.
**
** This layer knows nothing of packets or fields: tcp.c parses the header,
** fills a tcp_seg, calls tcp_track() and turns the tcp_result into fields
** and columns.  That keeps the decision logic testable on its own.
*/
#ifndef WS_TCP_ANALYSIS_H
#define WS_TCP_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "conv.h"
#include "tcp_reasm.h"

/* TCP header flag bits as in the 12-bit flags field. */
#define TH_FIN  0x001
#define TH_SYN  0x002
#define TH_RST  0x004
#define TH_PUSH 0x008
#define TH_ACK  0x010
#define TH_URG  0x020
#define TH_ECE  0x040
#define TH_CWR  0x080
#define TH_AE   0x100
#define TH_RES  0xe00

/* Analysis flags; the order is the order of the expert items. */
#define TA_RETRANSMISSION          0x0001
#define TA_LOST_PACKET             0x0002
#define TA_ACK_LOST_PACKET         0x0004
#define TA_KEEP_ALIVE              0x0008
#define TA_DUPLICATE_ACK           0x0010
#define TA_ZERO_WINDOW             0x0020
#define TA_ZERO_WINDOW_PROBE       0x0040
#define TA_ZERO_WINDOW_PROBE_ACK   0x0080
#define TA_KEEP_ALIVE_ACK          0x0100
#define TA_OUT_OF_ORDER            0x0200
#define TA_FAST_RETRANSMISSION     0x0400
#define TA_WINDOW_UPDATE           0x0800
#define TA_WINDOW_FULL             0x1000
#define TA_REUSED_PORTS            0x2000
#define TA_SPURIOUS_RETRANSMISSION 0x4000

#define TCP_MAX_UNACKED 10000 /* tshark's cap on the unacked list per flow */
#define TCP_DONE_KEEP   4     /* reassembled PDUs remembered per direction */

/*
** A direction's reassembly state, made when a payload dissector first asks
** for more bytes: most flows of a big capture never do, and keeping it inline
** was a third of every conversation.
*/
struct tcp_rx {
	struct tcp_msp *msp; /* the PDU being reassembled, if any */
	/* the last PDU reassembled (tshark keeps them all; later copies of its
	   segments are added to it and may overrun it) */
	struct {
		uint32_t seq, nxtpdu, len;
	} done[TCP_DONE_KEEP];
	uint8_t ndone, done_next;
	uint8_t until_fin; /* the open PDU ends with this direction's FIN */
};

/*
** One direction's sequence state: exactly one cache line (tcp_conv aligns it),
** so a segment's analysis touches three lines -- the conversation's first and
** both directions' -- whatever the capture's conversation count.  What only
** some segments read (SACK blocks, FIN, reassembly) lives in the conversation.
*/
struct tcp_flow {
	uint32_t base_seq;
	uint32_t window; /* last raw window, 0xffffffff before the first segment */
	uint32_t lastack;
	uint32_t lastnondupack; /* frame */
	uint32_t dupacknum;
	uint32_t nextseq; /* 0 = unknown */
	uint32_t nextseqframe;
	uint32_t maxseqtobeacked;
	uint32_t push_bytes_sent;
	uint32_t seg_head;   /* unacked segments, newest first; pool index, 0 = none */
	int64_t lastacktime; /* ns */
	int64_t nextseqtime;
	uint16_t nsegs; /* <= TCP_MAX_UNACKED */
	/* of the last segment's flags, the two the peer's next segment tests */
	uint8_t lastsegmentflags; /* TA_KEEP_ALIVE | TA_ZERO_WINDOW_PROBE */
	uint8_t base_set;
	int8_t win_scale; /* -1 unknown, -2 not used, else the shift */
	uint8_t is_first_ack;
	uint8_t valid_bif;
	uint8_t push_set_last;
};

/*
** 256 bytes on a 256-byte boundary (tcp_analysis.c allocates them aligned):
** the first line is what every segment reads, the second what a few do, then
** one line per direction.
*/
struct tcp_conv {
	_Alignas(256) uint32_t stream; /* aligned: see tcp_flow_conv */
	uint16_t server_port;
	uint8_t has_server_port;
	uint8_t completeness;
	uint8_t
	    restart_next; /* a dissector began its own conversation: renumber from the next frame */
	uint8_t lean_full; /* a conversation hook fired: no payload of it is skipped (tcp_lean.h) */
	uint8_t fin_seen[2]; /* [dir] */
	uint8_t nsack[2];    /* [dir]: SACK blocks of the direction's last segment */
	int64_t ts_first, ts_prev, ts_mru_syn, ts_first_rtt; /* ns; rtt 0 = unknown */
	struct tcp_rx *rx[2];                  /* [dir]: NULL until needed (tcp_rx_make) */
	uint32_t sack_le[2][3], sack_re[2][3]; /* [dir]: for the peer's bytes in flight */
	_Alignas(64) struct tcp_flow flow[2];  /* [dir]: 0 = endpoint A sends */
};

_Static_assert(sizeof(struct tcp_flow) == 64, "a direction is one cache line");
_Static_assert(sizeof(struct tcp_conv) == 256, "a conversation is four cache lines");

/*
** A conversation is 256-aligned with its directions at 128 and 192, so a
** direction's address gives its conversation, its index and its peer: the
** analysis keeps one pointer live instead of the conversation, the index and
** both directions (it ran short of registers and recomputed them).
*/
static inline struct tcp_conv *tcp_flow_conv(const struct tcp_flow *f)
{
	return (struct tcp_conv *)((uintptr_t)f & ~(uintptr_t)(sizeof(struct tcp_conv) - 1));
}
static inline int tcp_flow_dir(const struct tcp_flow *f)
{
	return (int)((uintptr_t)f / sizeof *f & 1);
}
static inline struct tcp_flow *tcp_flow_peer(const struct tcp_flow *f)
{
	return (struct tcp_flow *)((uintptr_t)f ^ sizeof *f);
}

/* What tcp.c knows about one segment. */
struct tcp_seg {
	uint32_t frame;
	int64_t now; /* ns since the epoch */
	uint8_t atype, alen;
	const uint8_t *src, *dst;
	uint16_t sport, dport;
	uint32_t seq, ack, win; /* raw */
	uint16_t flags;
	uint8_t have_seglen; /* length known: analysis runs */
	uint8_t in_error;    /* quoted in an ICMP error */
	uint8_t skip_bif;    /* nobody reads bytes in flight (nor push bytes, shown with it) */
	uint32_t seglen;
	/* options, parsed by tcp.c before tracking */
	int8_t ws_shift; /* -1: no window-scale option */
	uint8_t nsack;
	uint32_t sack_le[4], sack_re[4];
};

/* The analysis record of one segment (tshark's tcp_acked). */
struct tcp_result {
	/* set for every segment */
	struct tcp_conv *conv;
	int dir;
	uint32_t stream;
	uint32_t fwd_base, rev_base;
	int64_t time_rel, time_delta;
	int64_t initial_rtt; /* 0 = unknown */
	/* from here on cleared before each segment (the set-for-all ones are not) */
	uint8_t have_ta;      /* a [SEQ/ACK analysis] record exists */
	uint8_t fin_active;   /* a FIN while the peer has sent none */
	int8_t win_scale;     /* of the sending direction, when the window was computed */
	uint8_t completeness; /* before this segment */
	uint32_t flags;       /* TA_* */
	uint32_t frame_acked;
	uint32_t dupack_num, dupack_frame;
	uint32_t bytes_in_flight, push_bytes_sent;
	uint32_t rto_frame;
	int64_t ack_rtt;
	int64_t rto;
};

struct tcp_state;

struct tcp_state *tcp_state_new(void);
void tcp_state_free(struct tcp_state *st);

/*
** Find or create the conversation of s, handle port reuse, set base
** sequence numbers and run the analysis.  r is filled for the caller.
*/
void tcp_track(struct tcp_state *st, const struct tcp_seg *s, struct tcp_result *r);

/*
** Bytes of open PDUs (tcp_reasm) before the ones idle longest are dropped, with
** a note on stderr; 64 MiB unless set (tests use a small budget).
*/
void tcp_state_set_msp_budget(struct tcp_state *st, size_t bytes);

/* The reassembly state of direction dir of cv, made on first use. */
struct tcp_rx *tcp_rx_make(struct tcp_conv *cv, int dir);

/*
** For tcp_track_stream (tcp_stream.c), after tcp_lookup_slot (tcp_state.h): a
** fresh conversation, the next stream number, old (if any) dropped first.
*/
struct tcp_conv *tcp_state_conv_new(struct tcp_state *st, struct tcp_conv *old);

/*
** tcp_track without the sequence analysis (tcp_stream.c), for jobs no
** tcp.analysis flag, relative number or reassembly reaches (TCP_LEAN_HDR):
** the same stream numbers.  Returns 0, having changed nothing tcp_track
** reads, for a conversation a hook put on the full path (lean_full): the
** caller then fills the rest of s (window, length, options: all this path
** leaves unset) and calls tcp_track.
*/
int tcp_track_stream(struct tcp_state *st, const struct tcp_seg *s, struct tcp_result *r);

/* Number of flows tracked (for tests and statistics). */
uint32_t tcp_state_flows(const struct tcp_state *st);

#endif
