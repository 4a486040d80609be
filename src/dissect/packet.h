/*
** packet.h -- one packet's context while it is dissected (tshark's pinfo).
**
** Filled by the caller from the capture record, then by each dissector:
** addresses and ports for the columns and for conversation lookup, the
** protocol and info columns, the layer list (frame.protocols).  Everything
** reachable from here lives for one packet only, except `ctx`, which holds
** the state that outlives packets (conversations, reassembly) for one worker.
*/
#ifndef WS_PACKET_H
#define WS_PACKET_H

#include <stdint.h>
#include <string.h>

#include "../core/arena.h"
#include "../core/cursor.h"
#include "../core/fieldset.h"

enum addr_type { AT_NONE, AT_ETHER, AT_IPv4, AT_IPv6 };

struct address {
	uint8_t type;
	uint8_t len;
	uint8_t a[16];
};

enum port_type { PT_NONE, PT_TCP, PT_UDP, PT_SCTP };

#define PK_L4REC_MAX 16 /* TAPREC_MAX */

#define PK_MAX_LAYERS   48
#define PK_MAX_COMMENTS 8
#define PK_INFO_MAX     4096

struct dissect_ctx; /* per-worker long-lived state, see dissect.h */

struct packet {
	/* from the capture record */
	uint32_t num;
	int64_t sec;
	int32_t nsec;
	uint8_t has_ts;
	uint8_t
	    ts_digits;   /* decimals of the timestamp resolution (0-3, 6, 9), for the Time column */
	int64_t rel_sec; /* time relative to the first frame (frame.time_relative) */
	int32_t rel_nsec;
	int64_t delta_sec; /* time since the previous captured frame */
	int32_t delta_nsec;
	uint32_t caplen, len;
	int linktype;                   /* LINKTYPE_* (the DT_WTAP_ENCAP key) */
	int encap;                      /* Wireshark's WTAP_ENCAP_* number (frame.encap_type) */
	uint32_t ifid;                  /* interface id within its pcapng section */
	uint8_t has_ifid;               /* pcapng records only */
	const char *if_name, *if_descr; /* NUL-terminated, NULL when the IDB has none */
	uint8_t rec_custom;             /* a pcapng custom block, not a packet */
	uint8_t custom_copy;
	uint32_t custom_pen;
	const uint8_t *data;
	int ncomments;
	struct {
		const char *p;
		uint32_t n;
	} comments[PK_MAX_COMMENTS];

	struct fieldset *fs;
	struct arena *arena;
	struct dissect_ctx *ctx;

	/* columns (only filled when want_cols; Info, the costly one, not when no_info) */
	uint8_t want_cols;
	uint8_t no_info; /* the columns shown leave Info out (-T fields without _ws.col.Info) */
	const char *col_proto;
	char info[PK_INFO_MAX];
	uint32_t info_len;
	uint32_t info_fence; /* col_clear_info keeps text before the fence */

	/* addresses: data link and network (columns prefer the network ones) */
	struct address dl_src, dl_dst, net_src, net_dst;
	uint8_t ptype;
	uint16_t srcport, dstport;

	/* protocol layers seen, by proto id, for frame.protocols and io,phs */
	int nlayers;
	int layers[PK_MAX_LAYERS];
	int ip_depth;      /* number of IP headers seen (tunnels) */
	uint8_t in_error;  /* inside an ICMP error's quoted packet */
	uint8_t malformed; /* a [Malformed Packet] was reported */

	/* state shared between layers of this packet */
	void *l4; /* transport-private data for the payload's dissector */

	/*
	** TCP reassembly requests (tshark's pinfo->desegment_*): a payload
	** dissector that needs more bytes sets desegment_offset to where its
	** PDU starts and desegment_len to how many more bytes it needs
	** (DESEGMENT_ONE_MORE_SEGMENT when unknown), if can_desegment.
	*/
	uint8_t can_desegment;
	uint32_t desegment_offset, desegment_len;

	/*
	** --- link-layer helper additions (branch link) ---
	** (ip_ttl, used by ICMP/ICMPv6 Info, is among the ip additions below.)
	** eth_start: position of the innermost Ethernet header, set by eth.c, so
	** 802.1Q can count Ethernet padding from the frame start.
	*/
	uint32_t eth_start;

	/*
	** ---- ip helper additions (ipv4.c, ipv6.c) ----
	** The innermost IP header seen so far.  Valid only when ip_depth > 0
	** (they are not cleared between packets: ip_depth is).
	*/
	uint8_t ip_version;    /* 4 or 6 */
	uint8_t ip_proto;      /* ip.proto, or the IPv6 next header after the extension headers */
	uint8_t ip_ttl;        /* ip.ttl or ipv6.hlim */
	uint8_t ip_dsfield;    /* IPv4 DS field / IPv6 traffic class */
	uint8_t ip_fragment;   /* header is a fragment (MF set or offset != 0, or an IPv6 fragment
				  header) */
	uint8_t ip_more_frags; /* MF set: a non-final fragment */
	uint8_t
	    ip_reassembled; /* the payload handed up is a reassembled datagram (cursor src != 0) */
	uint16_t ip_frag_offset; /* in bytes */
	uint32_t ip_id;          /* ip.id, or ipv6.fraghdr.ident */
	uint32_t ip_len;         /* ip.len (after tshark's corrections) or 40 + ipv6.plen */
	uint32_t ip_hdr_len;     /* IPv4 header / IPv6 header + extension headers, in bytes */
	uint8_t ip_src[16];      /* header addresses (IPv4: first 4 bytes), e.g. for checksums */
	uint8_t ip_dst[16];      /* the header's destination, not a routing header's final hop */
	uint16_t ip_ext_hdrs;    /* IPv6 extension headers seen in this frame (bounds the chain) */
	uint8_t
	    ip_len_exceeds; /* ip.len / ipv6.plen claims more than the frame has (no reassembly) */

	/*
	** The TCP/UDP records a conversation/endpoint tap sees (stats/taprec.c reads
	** them instead of the fieldset), in header order: tcp.c and udp.c add one per
	** header outside an ICMP error's quote, none where tshark's dissector throws
	** before its tap (FI_NO_TAP).  Kept only while pk_l4rec_on.
	*/
	int nl4rec;
	struct pk_l4rec {
		struct address src, dst; /* of the IP header before it */
		uint16_t sport, dport;
		uint32_t stream; /* tcp.stream / udp.stream, 0 when absent */
		uint8_t ptype;   /* PT_TCP, PT_UDP */
	} l4rec[PK_L4REC_MAX];

	/*
	** What the analysis tables read (report/pinfo.c), kept where the dissectors
	** decide it so pinfo_get needs no stored field: each PIR_* slot holds the
	** frame's first value, as the field's first occurrence would (quoted and
	** tunnelled headers included).  Kept only while pk_pirec_on.
	*/
	struct pk_pirec {
		uint32_t has;      /* 1 << PIR_* */
		uint32_t ta;       /* TA_* of every TCP header's analysis (dup ACK when numbered) */
		uint8_t ip6_first; /* an ipv6.src came before any ip.src */
		uint8_t any_rst;   /* some TCP header has RST */
		uint8_t pp;        /* pk_pp_bit[] of every layer added (pk_add_layer) */
		uint8_t ip4[2][4]; /* first ip.src, ip.dst */
		uint8_t ip6[2][16]; /* first ipv6.src, ipv6.dst */
		uint64_t v[14];     /* PIR_TCP_STREAM.. */
	} pir;
};

/* The record's slots (pk->pir.has bits; v[] from PIR_TCP_STREAM on). */
enum pk_pir {
	PIR_IP_SRC,
	PIR_IP_DST,
	PIR_IP6_SRC,
	PIR_IP6_DST,
	PIR_TCP_STREAM,
	PIR_TCP_SPORT,
	PIR_TCP_DPORT,
	PIR_TCP_FLAGS,
	PIR_TCP_LEN,
	PIR_TCP_WIN,
	PIR_TCP_SEQ,
	PIR_TCP_ACK,
	PIR_IRTT,
	PIR_UDP_STREAM,
	PIR_UDP_SPORT,
	PIR_UDP_DPORT,
	PIR_ESP_SPI,
	PIR_ESP_SEQ,
	PIR_COUNT
};
_Static_assert(PIR_COUNT - PIR_TCP_STREAM == 14, "pk_pirec.v");

/*
** Set once before a run by pinfo_want (read by every worker): 0 off, else a
** PK_PIREC_* level.  LEAN: no reader wants tcp.len, tcp.seq, tcp.ack or
** tcp.window_size (streams, intervals, esp), so TCP leaves those slots unset.
*/
enum { PK_PIREC_LEAN = 1, PK_PIREC_FULL = 2 };
extern int pk_pirec_on;
/*
** proto id -> report/pinfo.h's 1 << PP_*, for ids below pk_pp_n (0: protocols
** not wanted).  pk_add_layer ORs each layer's bit into pk->pir.pp as it goes,
** on its slow path: pk_layer_fast is PK_MAX_LAYERS, or 0 while pk_pp_n is set,
** so the jobs without the bits pay no test beyond the cap's.
*/
extern const uint8_t *pk_pp_bit;
extern int pk_pp_n;
extern int pk_layer_fast;

static inline void pk_pir_u(struct packet *pk, int k, uint64_t v)
{
	if (pk_pirec_on && !(pk->pir.has & 1u << k)) {
		pk->pir.has |= 1u << k;
		pk->pir.v[k - PIR_TCP_STREAM] = v;
	}
}

/* k: PIR_IP_SRC, PIR_IP_DST (4 bytes) or PIR_IP6_SRC, PIR_IP6_DST (16) */
static inline void pk_pir_addr(struct packet *pk, int k, const uint8_t *a)
{
	if (!pk_pirec_on || (pk->pir.has & 1u << k))
		return;
	if (k == PIR_IP6_SRC && !(pk->pir.has & 1u << PIR_IP_SRC))
		pk->pir.ip6_first = 1;
	pk->pir.has |= 1u << k;
	if (k <= PIR_IP_DST)
		memcpy(pk->pir.ip4[k - PIR_IP_SRC], a, 4);
	else
		memcpy(pk->pir.ip6[k - PIR_IP6_SRC], a, 16);
}

/* A TCP header's flags: the first, and whether any has RST (0x04). */
static inline void pk_pir_tcpflags(struct packet *pk, uint16_t fl)
{
	pk_pir_u(pk, PIR_TCP_FLAGS, fl);
	if (pk_pirec_on && (fl & 0x04))
		pk->pir.any_rst = 1;
}

static inline void pk_pir_reset(struct packet *pk)
{
	pk->pir.has = pk->pir.ta = 0;
	pk->pir.ip6_first = pk->pir.any_rst = pk->pir.pp = 0;
}

/* Set once before a run by taprec_want (read by every worker). */
extern int pk_l4rec_on;

static inline void pk_l4rec_add(struct packet *pk, uint8_t ptype, uint16_t sp, uint16_t dp,
				uint32_t stream)
{
	if (!pk_l4rec_on || pk->in_error || pk->nl4rec >= PK_L4REC_MAX)
		return;
	struct pk_l4rec *r = &pk->l4rec[pk->nl4rec++];
	r->src = pk->net_src;
	r->dst = pk->net_dst;
	r->sport = sp;
	r->dport = dp;
	r->stream = stream;
	r->ptype = ptype;
}

#define DESEGMENT_ONE_MORE_SEGMENT 0x0fffffff
#define DESEGMENT_UNTIL_FIN        0x0ffffffe

/* Is the Info column built?  Guard Info-only work with this, not want_cols. */
static inline int pk_want_info(const struct packet *pk)
{
	return pk->want_cols && !pk->no_info;
}

/* Column helpers; cheap no-ops when columns are not wanted. */
/* inline, as col_clear_info and col_set_fence: a store or two, called per layer */
static inline void col_set_proto(struct packet *pk, const char *proto)
{
	pk->col_proto = proto;
}
static inline void col_clear_info(struct packet *pk)
{
	pk->info_len = pk->info_fence;
	pk->info[pk->info_len] = 0;
}
static inline void col_set_fence(struct packet *pk)
{
	pk->info_fence = pk->info_len;
}
void col_set_info(struct packet *pk, const char *s);
void col_append_info(struct packet *pk, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void col_prepend_info(struct packet *pk, const char *s);
/* Append with a separator, unless info is empty (tshark's col_append_sep_str). */
void col_append_sep_info(struct packet *pk, const char *sep, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
** pk_add_layer past pk_layer_fast: the cap, and the protocol bit the report
** reads as one byte where it scanned every frame's layers.  A layer that a
** dissector takes back (http, rtsp reset nlayers) would keep its bit: none of
** theirs is a PP_* protocol; nor is frame, which dissect_packet stores itself,
** or either layer dissect_plain_eth stores.
*/
static inline void pk_add_layer_slow(struct packet *pk, int proto_id)
{
	if (pk->nlayers < PK_MAX_LAYERS)
		pk->layers[pk->nlayers++] = proto_id;
	if ((unsigned)proto_id < (unsigned)pk_pp_n)
		pk->pir.pp |= pk_pp_bit[proto_id];
}

/* Record that a protocol layer is present (frame.protocols, io,phs); inline: ~4 per frame. */
static inline void pk_add_layer(struct packet *pk, int proto_id)
{
	if (pk->nlayers < pk_layer_fast)
		pk->layers[pk->nlayers++] = proto_id;
	else
		pk_add_layer_slow(pk, proto_id);
}

/* Format an address as tshark shows it (with -n). buf >= 64 bytes. */
char *addr_to_str(const struct address *a, char *buf, size_t n);
void addr_set(struct address *a, enum addr_type t, const uint8_t *p);
int addr_cmp(const struct address *a, const struct address *b);

#endif
