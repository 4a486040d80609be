/*
** pktgen.h -- build synthetic packets and write them as pcap or pcapng.
**
** Tests generate their input captures with this instead of shipping binary
** files: every byte is then explained by source code, and a capture that
** exercises a new corner case is a few lines away.  Only C11 and libc are
** used, so it builds anywhere the analyzer builds.
**
** PACKET BUILDER
**
** A struct pg_pkt is a growable byte buffer plus the stack of headers pushed
** into it.  Push headers outermost first, append the payload, then call
** pg_finish(): it walks the stack innermost first and fills in every length
** and checksum, so a header never has to know what follows it.
**
**	struct pg_pkt p;
**	struct pg_tcpopts o = { 0 };
**	pg_pkt_init(&p);
**	pg_tcpopt_mss(&o, 1460);
**	pg_eth(&p, dst_mac, src_mac, 0);
**	pg_ipv4(&p, &(struct pg_ip4){ .src = PG_IP4(10, 0, 0, 1),
**	                              .dst = PG_IP4(10, 0, 0, 2) });
**	pg_tcp(&p, &(struct pg_tcp){ .sport = 49152, .dport = 80,
**	                             .seq = 1000, .flags = PG_TH_SYN,
**	                             .win = 64240, .opts = &o });
**	pg_bytes(&p, "hello", 5);
**	pg_finish(&p);          // p.buf.data, p.buf.len: the finished frame
**	pg_pkt_reset(&p);       // start the next frame, keeping the memory
**	pg_pkt_free(&p);
**
** Rules:
**  - "Next protocol" fields (EtherType, SLL protocol, BSD NULL family, IPv4
**    protocol, IPv6 next header) given as 0 are filled in by the header
**    pushed next.  When raw bytes follow (a non-first fragment), set them
**    explicitly; an IPv6 next header nobody filled becomes 59 (No Next).
**  - Header fields are host-order integers.  IPv4 addresses are host-order
**    uint32_t (PG_IP4 builds one); MAC and IPv6 addresses are byte arrays.
**  - pg_bad_csum() makes the most recently pushed header's checksum wrong,
**    for tests of checksum validation.
**  - pg_finish() once per packet.  pg_pad() after it adds an Ethernet-style
**    zero trailer that no length field covers.
**  - Misuse (too many layers, options too long, TCP straight over
**    Ethernet...) is a bug in the test, so it aborts with a message.
**
** WRITER
**
** The whole file is built in memory and written by pg_close(), which makes
** damaging it on purpose (pg_cut, pg_raw, pg_pcap_record_hdr) trivial.
**
**	struct pg_writer *w = pg_open("x.pcap", PG_PCAP_LE, PG_LINKTYPE_ETHERNET, 65535);
**	pg_write_packet(w, 0, 1704067200, 500000000, p.buf.data, p.buf.len, 0, NULL);
**	if (pg_close(w) != 0) ...
**
** pg_write_packet(w, ifid, sec, nsec, data, caplen, origlen, comment):
**  - sec/nsec is the Unix time; it is converted to the file's (pcap) or the
**    interface's (pcapng) resolution by truncation.
**  - caplen bytes of data are available; origlen 0 means "same as caplen".
**    If caplen exceeds the snaplen it is cut to the snaplen, as a real
**    capture would; origlen stays.
**  - comment (NULL for none) becomes an EPB opt_comment; pcap drops it.
**
** Classic pcap: linktype and snaplen come from pg_open; ifid must be 0.
**
** pcapng: the SHB of a section goes out with its first block, so calling
** pg_section() before writing anything configures the first section
** instead of adding an empty one.  Interfaces are declared per section with
** pg_add_interface(), which returns the interface id.  If a block refers to
** an interface of a section that has none, an IDB for the linktype and
** snaplen given to pg_open is added first, so a pcapng file can be written
** exactly like a pcap one.  Section lengths are filled in, not left at -1.
*/
#ifndef WS_TESTS_PKTGEN_H
#define WS_TESTS_PKTGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- byte buffer ------------------------------------------------------ */

struct pg_buf {
	uint8_t *data;
	size_t len, cap;
};

void pg_buf_init(struct pg_buf *b);
void pg_buf_free(struct pg_buf *b);
/* Append n bytes (zeros if src is NULL); returns where they went, valid
** until the next append. */
uint8_t *pg_buf_put(struct pg_buf *b, const void *src, size_t n);
void pg_buf_u8(struct pg_buf *b, uint8_t v);
void pg_buf_u16be(struct pg_buf *b, uint16_t v);
void pg_buf_u32be(struct pg_buf *b, uint32_t v);
void pg_buf_str(struct pg_buf *b, const char *s); /* without the NUL */

/* ---- packet builder --------------------------------------------------- */

#define PG_IP4(a, b, c, d)                                                                         \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

enum {
	PG_ETH_IPV4 = 0x0800,
	PG_ETH_ARP = 0x0806,
	PG_ETH_VLAN = 0x8100,
	PG_ETH_QINQ = 0x88a8,
	PG_ETH_IPV6 = 0x86dd,
};

enum {
	PG_IPPROTO_HOPOPTS = 0,
	PG_IPPROTO_ICMP = 1,
	PG_IPPROTO_TCP = 6,
	PG_IPPROTO_UDP = 17,
	PG_IPPROTO_ROUTING = 43,
	PG_IPPROTO_FRAGMENT = 44,
	PG_IPPROTO_ICMPV6 = 58,
	PG_IPPROTO_NONE = 59,
	PG_IPPROTO_DSTOPTS = 60,
};

enum {
	PG_TH_FIN = 0x01,
	PG_TH_SYN = 0x02,
	PG_TH_RST = 0x04,
	PG_TH_PSH = 0x08,
	PG_TH_ACK = 0x10,
	PG_TH_URG = 0x20,
	PG_TH_ECE = 0x40,
	PG_TH_CWR = 0x80,
};

/* Linux SLL packet types. */
enum {
	PG_SLL_HOST = 0,
	PG_SLL_BROADCAST = 1,
	PG_SLL_MULTICAST = 2,
	PG_SLL_OTHERHOST = 3,
	PG_SLL_OUTGOING = 4,
};

enum pg_layer_kind {
	PG_L_ETH,
	PG_L_VLAN,
	PG_L_SLL,
	PG_L_SLL2,
	PG_L_NULL,
	PG_L_IP4,
	PG_L_IP6,
	PG_L_IP6EXT,
	PG_L_IP6FRAG,
	PG_L_TCP,
	PG_L_UDP,
	PG_L_ICMP,
	PG_L_ICMP6,
	PG_L_ARP,
};

#define PG_MAX_LAYERS 16

struct pg_layer {
	enum pg_layer_kind kind;
	size_t off; /* where the header starts in buf */
	bool bad_csum;
};

struct pg_pkt {
	struct pg_buf buf;
	struct pg_layer layer[PG_MAX_LAYERS];
	int nlayers;
	/* The pending "next protocol" field, filled by the next header. */
	int slot;
	size_t slot_off;
};

void pg_pkt_init(struct pg_pkt *p);
void pg_pkt_reset(struct pg_pkt *p);
void pg_pkt_free(struct pg_pkt *p);
void pg_finish(struct pg_pkt *p);
void pg_pad(struct pg_pkt *p, size_t minlen);
void pg_bad_csum(struct pg_pkt *p);

/* Link layers.  type/family 0 = from the next header. */
void pg_eth(struct pg_pkt *p, const uint8_t dst[6], const uint8_t src[6], uint16_t type);
/* An 802.1Q (tpid 0x8100) or 802.1ad (0x88a8) tag after pg_eth/pg_vlan. */
void pg_vlan(struct pg_pkt *p, uint16_t tpid, uint8_t pcp, uint16_t vid);
/* Linux cooked v1 (LINKTYPE_LINUX_SLL); hatype is an ARPHRD_ value. */
void pg_sll(struct pg_pkt *p, uint16_t pkttype, uint16_t hatype, const uint8_t *addr,
	    uint8_t addrlen);
/* Linux cooked v2 (LINKTYPE_LINUX_SLL2). */
void pg_sll2(struct pg_pkt *p, uint8_t pkttype, uint16_t hatype, uint32_t ifindex,
	     const uint8_t *addr, uint8_t addrlen);
/* BSD loopback (LINKTYPE_NULL): a little-endian address family, as written
** by little-endian hosts.  Auto: 2 for IPv4, 24 (the BSD value) for IPv6. */
void pg_null(struct pg_pkt *p, uint32_t family);

struct pg_ip4 {
	uint32_t src, dst; /* host order, see PG_IP4 */
	uint8_t tos;
	uint8_t ttl; /* 0 = 64 */
	uint16_t id;
	bool df, mf;
	uint16_t frag_off;   /* in bytes; a multiple of 8 */
	uint8_t proto;       /* 0 = from the next header */
	uint16_t tot_len;    /* 0 = computed */
	const uint8_t *opts; /* raw options, padded with EOL to 4 bytes */
	size_t optlen;
};
void pg_ipv4(struct pg_pkt *p, const struct pg_ip4 *h);

struct pg_ip6 {
	const uint8_t *src, *dst; /* 16 bytes each */
	uint8_t tclass;
	uint32_t flow; /* 20 bits */
	uint8_t hlim;  /* 0 = 64 */
	uint8_t nxt;   /* 0 = from the next header */
};
void pg_ipv6(struct pg_pkt *p, const struct pg_ip6 *h);
/* Hop-by-hop (0) or destination options (60) header holding the given
** option TLVs, padded with Pad1/PadN to a multiple of 8. */
void pg_ip6_opts(struct pg_pkt *p, uint8_t type, const uint8_t *opts, size_t len);
/* Fragment header; off in bytes (multiple of 8); nxt 0 = from next header. */
void pg_ip6_frag(struct pg_pkt *p, uint16_t off, bool mf, uint32_t id, uint8_t nxt);
/* Parse an IPv6 address ("2001:db8::1") into out; false if malformed. */
bool pg_ip6_addr(const char *s, uint8_t out[16]);

/* TCP options are built into a fixed 40-byte area, in the order given;
** pg_tcp pads them with EOL to a multiple of 4. */
struct pg_tcpopts {
	uint8_t b[40];
	uint8_t len;
};
void pg_tcpopt_nop(struct pg_tcpopts *o);
void pg_tcpopt_mss(struct pg_tcpopts *o, uint16_t mss);
void pg_tcpopt_ws(struct pg_tcpopts *o, uint8_t shift);
void pg_tcpopt_sack_perm(struct pg_tcpopts *o);
/* n blocks, edges[2*i] = left edge, edges[2*i+1] = right edge. */
void pg_tcpopt_sack(struct pg_tcpopts *o, const uint32_t *edges, int n);
void pg_tcpopt_ts(struct pg_tcpopts *o, uint32_t val, uint32_t ecr);
void pg_tcpopt_raw(struct pg_tcpopts *o, uint8_t kind, const void *data, uint8_t len);

struct pg_tcp {
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags; /* PG_TH_* */
	uint16_t win, urp;
	const struct pg_tcpopts *opts; /* NULL for none */
};
void pg_tcp(struct pg_pkt *p, const struct pg_tcp *h);
void pg_udp(struct pg_pkt *p, uint16_t sport, uint16_t dport);
/* ICMP / ICMPv6 with the 4 bytes after the checksum given as one value. */
void pg_icmp(struct pg_pkt *p, uint8_t type, uint8_t code, uint32_t rest);
void pg_icmp_echo(struct pg_pkt *p, bool reply, uint16_t id, uint16_t seq);
void pg_icmp6(struct pg_pkt *p, uint8_t type, uint8_t code, uint32_t rest);
void pg_icmp6_echo(struct pg_pkt *p, bool reply, uint16_t id, uint16_t seq);
/* Ethernet/IPv4 ARP; op 1 = request, 2 = reply. */
void pg_arp(struct pg_pkt *p, uint16_t op, const uint8_t sha[6], uint32_t spa, const uint8_t tha[6],
	    uint32_t tpa);

/* Payload. */
void pg_bytes(struct pg_pkt *p, const void *data, size_t len);
void pg_str(struct pg_pkt *p, const char *s);
/* len bytes of (seed + i) & 0xff: recognisable, and different per seed. */
void pg_pattern(struct pg_pkt *p, size_t len, uint8_t seed);

/* ---- capture writer --------------------------------------------------- */

enum {
	PG_LINKTYPE_NULL = 0,
	PG_LINKTYPE_ETHERNET = 1,
	PG_LINKTYPE_RAW = 101,
	PG_LINKTYPE_LINUX_SLL = 113,
	PG_LINKTYPE_IPV4 = 228,
	PG_LINKTYPE_IPV6 = 229,
	PG_LINKTYPE_LINUX_SLL2 = 276,
};

enum pg_format {
	PG_PCAP_LE, /* classic pcap, microsecond magic */
	PG_PCAP_BE,
	PG_PCAP_NSEC_LE, /* classic pcap, nanosecond magic */
	PG_PCAP_NSEC_BE,
	PG_PCAPNG_LE, /* byte order of the first section */
	PG_PCAPNG_BE,
};

struct pg_writer;

/* path "-" is stdout.  Never returns NULL. */
struct pg_writer *pg_open(const char *path, enum pg_format fmt, uint32_t linktype,
			  uint32_t snaplen);
/* Write the file and free the writer: 0, or -1 with errno set. */
int pg_close(struct pg_writer *w);

void pg_write_packet(struct pg_writer *w, uint32_t ifid, int64_t sec, uint32_t nsec,
		     const void *data, uint32_t caplen, uint32_t origlen, const char *comment);
/* Shorthand for a finished pg_pkt, written whole. */
void pg_write_pkt(struct pg_writer *w, uint32_t ifid, int64_t sec, uint32_t nsec,
		  const struct pg_pkt *p, const char *comment);

/* Damage: raw bytes, a pcap record header with any lengths, dropping the
** last n bytes of the file, and the current file size. */
void pg_raw(struct pg_writer *w, const void *data, size_t len);
void pg_pcap_record_hdr(struct pg_writer *w, int64_t sec, uint32_t nsec, uint32_t caplen,
			uint32_t origlen);
void pg_cut(struct pg_writer *w, size_t n);
size_t pg_size(const struct pg_writer *w);

/* pcapng only from here on. */

/* Start a new section (see the top of the file). */
void pg_section(struct pg_writer *w, bool big_endian, const char *comment);

struct pg_if {
	uint16_t linktype;
	uint32_t snaplen;                   /* 0 = no limit */
	const char *name, *descr, *comment; /* NULL = omitted */
	/* Raw if_tsresol byte: 6 = 10^-6, 9 = 10^-9, 0x80|20 = 2^-20.  0 means
	** omit the option, which also means microseconds.  Powers of 10 up to
	** 9 and of 2 up to 32 are supported. */
	uint8_t tsresol;
	int64_t tsoffset; /* if_tsoffset seconds; 0 = omitted */
};
uint32_t pg_add_interface(struct pg_writer *w, const struct pg_if *ifc);

/* Simple Packet Block: interface 0, no timestamp; stores
** min(len, snaplen of interface 0) bytes. */
void pg_write_spb(struct pg_writer *w, const void *data, uint32_t len);
/* Obsolete Packet Block (type 2), still read by most tools. */
void pg_write_pb(struct pg_writer *w, uint16_t ifid, int64_t sec, uint32_t nsec, const void *data,
		 uint32_t caplen, uint32_t origlen, const char *comment);

struct pg_nrb_entry {
	int family;         /* 4 or 6 */
	uint32_t ip4;       /* host order */
	const uint8_t *ip6; /* 16 bytes */
	const char *name;
};
void pg_write_nrb(struct pg_writer *w, const struct pg_nrb_entry *e, size_t n);

/* Interface statistics; counters are always written, start/end only when
** start_sec is nonzero. */
struct pg_isb {
	uint64_t ifrecv, ifdrop, filteraccept, osdrop, usrdeliv;
	int64_t start_sec, end_sec;
	uint32_t start_nsec, end_nsec;
};
void pg_write_isb(struct pg_writer *w, uint32_t ifid, int64_t sec, uint32_t nsec,
		  const struct pg_isb *s);

#define PG_DSB_TLS_KEYLOG 0x544c534bu
void pg_write_dsb(struct pg_writer *w, uint32_t type, const void *data, size_t len);
/* Custom block: type 0x00000BAD if copyable, else 0x40000BAD. */
void pg_write_custom(struct pg_writer *w, bool copyable, uint32_t pen, const void *data,
		     size_t len);

#endif
