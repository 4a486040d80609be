/*
** pinfo.h -- what the analysis tables read from one dissected frame.
**
** The fieldset is read once per frame into this small struct, which every
** table then consumes, so each table stays a few lines of accounting and the
** set of wanted fields (field_want) is declared in one place.  Values are the
** first occurrence, as tshark's -E occurrence=f prints them, so per-stream
** counts agree with `-T fields` output; the RST count looks at every TCP
** header as a `tcp.flags.reset==1` filter does.
**
** The values come from pk->pir, which the dissectors fill where they decide
** them, so no field is stored or looked up for them (ip.len, ipv6.plen, ip.id
** and the protocol items still are); WIRESIFT_PINFO_CHECK=1 reads the fields
** as well and aborts where the two differ (tests/golden/pinforec.sh).
*/
#ifndef WS_PINFO_H
#define WS_PINFO_H

#include <stdint.h>

#include "../dissect/packet.h"

enum pi_flag {
	PF_RETRANS,
	PF_FAST_RETRANS,
	PF_SPURIOUS_RETRANS,
	PF_OUT_OF_ORDER,
	PF_LOST_SEGMENT,
	PF_ACK_LOST_SEGMENT,
	PF_DUP_ACK,
	PF_ZERO_WINDOW,
	PF_ZERO_WINDOW_PROBE,
	PF_WINDOW_UPDATE,
	PF_WINDOW_FULL,
	PF_KEEP_ALIVE,
	PF_KEEP_ALIVE_ACK,
	PF_REUSED_PORTS,
	PF_COUNT
};
extern const char *const pi_flag_field[PF_COUNT]; /* "tcp.analysis.retransmission", ... */
extern const char *const pi_flag_col[PF_COUNT];   /* "retransmission", ... */

enum pi_proto { PP_ARP, PP_IPV4, PP_IPV6, PP_TCP, PP_UDP, PP_ICMP, PP_ICMPV6, PP_ESP, PP_COUNT };
extern const char *const pi_proto_name[PP_COUNT];

struct pinfo {
	int64_t ts_ns; /* absolute */
	int64_t rel_ns;
	uint32_t len;
	uint8_t has_ip;
	struct address src, dst; /* first IPv4 or IPv6 header */
	uint32_t ip_len;
	int has_ip_id;
	uint16_t ip_id;
	uint8_t protos[PP_COUNT];
	/* TCP (first header) */
	uint8_t has_tcp;
	uint32_t tcp_stream;
	uint16_t sport, dport; /* TCP or UDP */
	uint16_t tcp_flags;
	uint32_t tcp_len;
	uint32_t tcp_win;
	uint32_t tcp_seq, tcp_ack; /* relative, as tshark shows them */
	int has_ack;
	uint32_t aflags; /* 1 << PF_* */
	uint8_t any_rst;
	int64_t initial_rtt_ns; /* -1 when absent */
	/* UDP */
	uint8_t has_udp;
	uint32_t udp_stream;
	/* ESP */
	uint8_t has_esp;
	uint32_t esp_spi, esp_seq;
	uint8_t
	    csum_checked; /* outer IPv4 header verified (and TCP when bad_tcp_csum can be set) */
	uint8_t bad_ip_csum, bad_tcp_csum;
};

#define TCPF_FIN 0x01
#define TCPF_SYN 0x02
#define TCPF_RST 0x04
#define TCPF_ACK 0x10

/*
** Mark the fields pinfo_get reads as wanted (call before the first frame).
** `lean`: only what streams, intervals and esp read (addresses, ports,
** stream numbers, flags, analysis, protocols, ESP); ip_len, ip_id, tcp_len,
** tcp_win, tcp_seq and tcp_ack stay 0, and each field not stored saves a
** field-store round trip per frame.  `protos`: fill protos[] (intervals,
** facts); without it each protocol item is one more round trip nobody reads.
*/
void pinfo_want(int lean, int protos);
/*
** Verify IPv4/TCP checksums in pinfo_get (csum_checked, bad_*_csum)?  Only the
** facts table reads them, and summing every segment's payload was the largest
** single cost of `wiresift streams`.  Off until asked for.
*/
void pinfo_want_checksums(int on);
void pinfo_get(const struct packet *pk, struct pinfo *pi);
/* WIRESIFT_PINFO_CHECK set: pinfo_get must run on every frame to compare the routes */
int pinfo_checking(void);

/*
** The record route's pieces, for a table that reads pk->pir itself (streams:
** a few values a frame, where filling the whole struct pinfo cost more than
** the table).  The outer IP header's src and dst as pinfo_get gives them:
** AT_IPv4 or AT_IPv6 with *src and *dst set, or AT_NONE (no complete header).
*/
static inline int pinfo_rec_ip(const struct pk_pirec *r, const uint8_t **src, const uint8_t **dst)
{
	if ((r->has >> PIR_IP_SRC & 1) && !r->ip6_first) {
		if (!(r->has >> PIR_IP_DST & 1))
			return AT_NONE;
		*src = r->ip4[0];
		*dst = r->ip4[1];
		return AT_IPv4;
	}
	if ((r->has >> PIR_IP6_SRC & 1) && (r->has >> PIR_IP6_DST & 1)) {
		*src = r->ip6[0];
		*dst = r->ip6[1];
		return AT_IPv6;
	}
	return AT_NONE;
}
/* pinfo_get's value of record slot k (PIR_TCP_STREAM on): 0 when absent */
static inline uint64_t pinfo_rec_u(const struct pk_pirec *r, int k)
{
	return (r->has >> k & 1) ? r->v[k - PIR_TCP_STREAM] : 0;
}
/*
** proto id -> 1 << PP_* (all 0 unless pinfo_want asked for protocols): the
** dissectors' pk_pp_bit, which pk_add_layer reads for ids below pk_pp_n.
*/
#define PINFO_PP_IDS (1 << 16)
extern uint8_t pinfo_pp_map[PINFO_PP_IDS];
/* pinfo.protos as bits (1 << PP_*); 0 unless pinfo_want asked for protocols */
static inline unsigned pinfo_rec_protos(const struct packet *pk)
{
	return pk->pir.pp; /* pk_add_layer's */
}
/* pinfo.aflags (1 << PF_*) from the record's TA_* flags (by tables pinfo_want makes) */
uint32_t pinfo_ta_flags(uint32_t ta);

#endif
