/*
** mkcap.c -- write the named synthetic captures the tests use.
**
**	mkcap SCENARIO OUT	write one scenario to OUT ("-" = stdout)
**	mkcap all DIR		write every scenario to DIR/NAME.pcap[ng]
**	mkcap -l		list scenarios with their frame counts
**
** Build: cc -std=c11 -O2 -o build/mkcap tests/gen/mkcap.c tests/gen/pktgen.c
**
** Every timestamp is 2024-01-01T00:00:00Z plus a fixed offset, and every
** other byte is fixed too, so the output is identical on every run and
** golden files made from it stay valid.
**
** The cast: a host 192.168.1.10 / 2001:db8:1::10 behind its gateway and
** DNS resolver 192.168.1.1 / 2001:db8:1::1, talking to example.com at
** 93.184.216.34 / 2001:db8:2::80.
*/
#include "pktgen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASE_SEC 1704067200 /* 2024-01-01T00:00:00Z */
#define US(x)    ((uint64_t)(x)*1000u)
#define MS(x)    ((uint64_t)(x)*1000000u)

static const uint8_t MAC_HOST[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x10};
static const uint8_t MAC_GW[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
static const uint8_t MAC_BCAST[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
static const uint8_t MAC_ZERO[6] = {0};

#define IP_HOST PG_IP4(192, 168, 1, 10)
#define IP_GW   PG_IP4(192, 168, 1, 1)
#define IP_WEB  PG_IP4(93, 184, 216, 34)

static const uint8_t IP6_HOST[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 0x10};
static const uint8_t IP6_GW[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 0x01};
static const uint8_t IP6_WEB[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 2, [15] = 0x80};

/* The frame being built: one at a time, reset by begin(). */
static struct pg_pkt P;

/* ---- framing ---------------------------------------------------------- */

enum link { LINK_ETH, LINK_SLL, LINK_SLL2, LINK_NULL, LINK_RAW };

/* Direction as seen from the capturing host. */
enum dir { OUT, IN };

struct tag {
	uint16_t tpid;
	uint8_t pcp;
	uint16_t vid;
};

/* How every frame of a scenario is wrapped below IP/ARP. */
struct framing {
	enum link link;
	int ntags; /* VLAN tags, Ethernet only */
	struct tag tags[2];
};

static const struct framing ETH = {LINK_ETH, 0, {{0}}};

/* Start a frame: the link-layer header for a packet going dir.  The peer
** is always the gateway, so off-link traffic carries its MAC too. */
static void begin(const struct framing *fr, enum dir dir, bool bcast)
{
	const uint8_t *src = dir == OUT ? MAC_HOST : MAC_GW;
	const uint8_t *dst = bcast ? MAC_BCAST : dir == OUT ? MAC_GW : MAC_HOST;
	/* A cooked capture records the sender's address and who it was for. */
	uint16_t pkttype = dir == OUT ? PG_SLL_OUTGOING : PG_SLL_HOST;

	pg_pkt_reset(&P);
	switch (fr->link) {
	case LINK_ETH:
		pg_eth(&P, dst, src, 0);
		for (int i = 0; i < fr->ntags; i++)
			pg_vlan(&P, fr->tags[i].tpid, fr->tags[i].pcp, fr->tags[i].vid);
		break;
	case LINK_SLL:
		pg_sll(&P, pkttype, 1, src, 6); /* 1 = ARPHRD_ETHER */
		break;
	case LINK_SLL2:
		pg_sll2(&P, (uint8_t)pkttype, 1, 2, src, 6);
		break;
	case LINK_NULL:
		pg_null(&P, 0);
		break;
	case LINK_RAW:
		break;
	}
}

static void ip4(enum dir dir, uint32_t peer, uint16_t id)
{
	pg_ipv4(&P, &(struct pg_ip4){
			.src = dir == OUT ? IP_HOST : peer,
			.dst = dir == OUT ? peer : IP_HOST,
			.id = id,
			.df = true,
		    });
}

static void ip6(enum dir dir, const uint8_t *peer)
{
	pg_ipv6(&P, &(struct pg_ip6){
			.src = dir == OUT ? IP6_HOST : peer,
			.dst = dir == OUT ? peer : IP6_HOST,
		    });
}

/* Finish P and write it at BASE_SEC + t_ns; minlen pads short Ethernet
** frames the way a receiving NIC delivers them. */
static void emit_pad(struct pg_writer *w, uint32_t ifid, uint64_t t_ns, const char *comment,
		     size_t minlen)
{
	pg_finish(&P);
	pg_pad(&P, minlen);
	pg_write_pkt(w, ifid, BASE_SEC + (int64_t)(t_ns / 1000000000u),
		     (uint32_t)(t_ns % 1000000000u), &P, comment);
}

static void emit(struct pg_writer *w, uint32_t ifid, uint64_t t_ns, const char *comment)
{
	emit_pad(w, ifid, t_ns, comment, 0);
}

/* ---- building blocks: request/response pairs -------------------------- */

static void arp_pair(struct pg_writer *w, const struct framing *fr, uint64_t t)
{
	begin(fr, OUT, true);
	pg_arp(&P, 1, MAC_HOST, IP_HOST, MAC_ZERO, IP_GW);
	emit(w, 0, t, NULL);

	begin(fr, IN, false);
	pg_arp(&P, 2, MAC_GW, IP_GW, MAC_HOST, IP_HOST);
	emit_pad(w, 0, t + US(300), NULL, fr->link == LINK_ETH ? 60 : 0);
}

/* Wire-format name: length-prefixed labels, then the root's zero. */
static void dns_name(struct pg_buf *b, const char *name)
{
	while (*name) {
		size_t n = strcspn(name, ".");
		pg_buf_u8(b, (uint8_t)n);
		pg_buf_put(b, name, n);
		name += n;
		if (*name == '.')
			name++;
	}
	pg_buf_u8(b, 0);
}

/* A query for example.com A, or its answer 93.184.216.34 (TTL 3600). */
static void dns_message(bool response)
{
	struct pg_buf *b = &P.buf;

	pg_buf_u16be(b, 0x1a2b);                     /* id */
	pg_buf_u16be(b, response ? 0x8180 : 0x0100); /* QR RD RA / RD */
	pg_buf_u16be(b, 1);                          /* questions */
	pg_buf_u16be(b, response ? 1 : 0);           /* answers */
	pg_buf_u16be(b, 0);                          /* authority */
	pg_buf_u16be(b, 0);                          /* additional */
	dns_name(b, "example.com");
	pg_buf_u16be(b, 1); /* A */
	pg_buf_u16be(b, 1); /* IN */
	if (!response)
		return;
	pg_buf_u16be(b, 0xc00c); /* pointer to the qname */
	pg_buf_u16be(b, 1);
	pg_buf_u16be(b, 1);
	pg_buf_u32be(b, 3600);
	pg_buf_u16be(b, 4);
	pg_buf_u32be(b, IP_WEB);
}

static void dns_pair(struct pg_writer *w, const struct framing *fr, uint64_t t, uint64_t rtt)
{
	begin(fr, OUT, false);
	ip4(OUT, IP_GW, 0x3c01);
	pg_udp(&P, 53000, 53);
	dns_message(false);
	emit(w, 0, t, NULL);

	begin(fr, IN, false);
	ip4(IN, IP_GW, 0x9e02);
	pg_udp(&P, 53, 53000);
	dns_message(true);
	emit(w, 0, t + rtt, NULL);
}

/* Like ping(8): 8 bytes of send time, then a counting pattern. */
static void ping_payload(uint64_t t)
{
	pg_buf_u32be(&P.buf, (uint32_t)(BASE_SEC + t / 1000000000u));
	pg_buf_u32be(&P.buf, (uint32_t)(t % 1000000000u / 1000u));
	pg_pattern(&P, 48, 0x10);
}

static void icmp_pair(struct pg_writer *w, const struct framing *fr, uint32_t peer, uint64_t t,
		      uint64_t rtt)
{
	begin(fr, OUT, false);
	ip4(OUT, peer, 0x5a01);
	pg_icmp_echo(&P, false, 0x0b0b, 1);
	ping_payload(t);
	emit(w, 0, t, NULL);

	begin(fr, IN, false);
	ip4(IN, peer, 0xa502);
	pg_icmp_echo(&P, true, 0x0b0b, 1);
	ping_payload(t);
	emit(w, 0, t + rtt, NULL);
}

static void icmp6_pair(struct pg_writer *w, const struct framing *fr, uint64_t t, uint64_t rtt)
{
	begin(fr, OUT, false);
	ip6(OUT, IP6_GW);
	pg_icmp6_echo(&P, false, 0x0c0c, 1);
	ping_payload(t);
	emit(w, 0, t, NULL);

	begin(fr, IN, false);
	ip6(IN, IP6_GW);
	pg_icmp6_echo(&P, true, 0x0c0c, 1);
	ping_payload(t);
	emit(w, 0, t + rtt, NULL);
}

/* ---- TCP -------------------------------------------------------------- */

enum { C2S, S2C }; /* the host is always the client */

struct flow {
	const struct framing *fr;
	bool v6;
	uint32_t srv4;
	const uint8_t *srv6;
	uint16_t port[2]; /* [C2S] client port, [S2C] server port */
	uint32_t isn[2];
	uint32_t nxt[2]; /* next relative sequence number to send */
	uint16_t win[2];
	bool ts;           /* negotiate and carry TCP timestamps */
	uint32_t tsval[2]; /* last TSval sent, echoed by the peer */
};

/* The options a SYN carries: Linux's order with timestamps, Windows'
** (no timestamps) otherwise. */
static void syn_opts(struct pg_tcpopts *o, const struct flow *f, int dir)
{
	pg_tcpopt_mss(o, f->v6 ? 1440 : 1460);
	if (f->ts) {
		pg_tcpopt_sack_perm(o);
		pg_tcpopt_ts(o, f->tsval[dir], f->tsval[!dir]);
		pg_tcpopt_nop(o);
		pg_tcpopt_ws(o, 7);
	} else {
		pg_tcpopt_nop(o);
		pg_tcpopt_ws(o, 7);
		pg_tcpopt_nop(o);
		pg_tcpopt_nop(o);
		pg_tcpopt_sack_perm(o);
	}
}

/*
** One segment with sequence numbers relative to the flow's ISNs (the SYN
** is 0, the first data byte 1, as tshark shows them).  data NULL means
** len bytes of pattern seeded by the sequence number, so a retransmission
** repeats the original bytes.
*/
static void tcp_emit(struct pg_writer *w, struct flow *f, int dir, uint8_t flags, uint32_t rseq,
		     uint32_t rack, uint16_t win, const struct pg_tcpopts *extra, const void *data,
		     size_t len, uint64_t t)
{
	struct pg_tcpopts o = {.len = 0};

	f->tsval[dir] = (uint32_t)(t / 1000000u) + (dir == C2S ? 100000u : 700000u);
	if (flags & PG_TH_SYN) {
		syn_opts(&o, f, dir);
	} else if (f->ts) {
		pg_tcpopt_nop(&o);
		pg_tcpopt_nop(&o);
		pg_tcpopt_ts(&o, f->tsval[dir], f->tsval[!dir]);
	}
	if (extra) {
		if (o.len + extra->len > sizeof(o.b))
			abort(); /* a scenario asked for too many options */
		memcpy(o.b + o.len, extra->b, extra->len);
		o.len = (uint8_t)(o.len + extra->len);
	}

	begin(f->fr, dir == C2S ? OUT : IN, false);
	if (f->v6)
		ip6(dir == C2S ? OUT : IN, f->srv6);
	else
		ip4(dir == C2S ? OUT : IN, f->srv4,
		    (uint16_t)((dir == C2S ? 0x1000u : 0x2000u) + (rseq & 0xfffu)));
	pg_tcp(&P, &(struct pg_tcp){
		       .sport = f->port[dir],
		       .dport = f->port[!dir],
		       .seq = f->isn[dir] + rseq,
		       .ack = flags & PG_TH_ACK ? f->isn[!dir] + rack : 0,
		       .flags = flags,
		       .win = win,
		       .opts = &o,
		   });
	if (data)
		pg_bytes(&P, data, len);
	else
		pg_pattern(&P, len, (uint8_t)rseq);
	emit(w, 0, t, NULL);
}

/* The next in-order segment of the flow, acknowledging everything seen. */
static void tcp_send(struct pg_writer *w, struct flow *f, int dir, uint8_t flags, const char *data,
		     uint64_t t)
{
	size_t len = data ? strlen(data) : 0;
	if (!(flags & PG_TH_SYN) || f->nxt[!dir])
		flags |= PG_TH_ACK;
	tcp_emit(w, f, dir, flags, f->nxt[dir], f->nxt[!dir], f->win[dir], NULL, data ? data : "",
		 len, t);
	f->nxt[dir] += (uint32_t)len + !!(flags & PG_TH_SYN) + !!(flags & PG_TH_FIN);
}

static void http_exchange(struct pg_writer *w, const struct framing *fr, uint64_t t)
{
	static const char body[] = "<html><head><title>Example Domain</title></head>\n"
				   "<body><h1>Example Domain</h1></body></html>\n";
	char resp[512];
	struct flow f = {
	    .fr = fr,
	    .srv4 = IP_WEB,
	    .port = {49152, 80},
	    .isn = {0x1f2e3d4c, 0x7a6b5c4d},
	    .ts = true,
	};

	snprintf(resp, sizeof(resp),
		 "HTTP/1.1 200 OK\r\n"
		 "Content-Type: text/html; charset=UTF-8\r\n"
		 "Content-Length: %zu\r\n"
		 "\r\n%s",
		 sizeof(body) - 1, body);

	f.win[C2S] = 64240; /* unscaled until the handshake is done */
	f.win[S2C] = 65160;
	tcp_send(w, &f, C2S, PG_TH_SYN, NULL, t);
	tcp_send(w, &f, S2C, PG_TH_SYN, NULL, t + MS(20));
	f.win[C2S] = 502;
	f.win[S2C] = 509;
	tcp_send(w, &f, C2S, 0, NULL, t + MS(20) + US(100));
	tcp_send(w, &f, C2S, PG_TH_PSH,
		 "GET / HTTP/1.1\r\n"
		 "Host: example.com\r\n"
		 "User-Agent: mkcap/1.0\r\n"
		 "Accept: */*\r\n"
		 "\r\n",
		 t + MS(20) + US(200));
	tcp_send(w, &f, S2C, 0, NULL, t + MS(40) + US(200));
	tcp_send(w, &f, S2C, PG_TH_PSH, resp, t + MS(45));
	tcp_send(w, &f, C2S, 0, NULL, t + MS(45) + US(100));
	tcp_send(w, &f, C2S, PG_TH_FIN, NULL, t + MS(50));
	tcp_send(w, &f, S2C, PG_TH_FIN, NULL, t + MS(70));
	tcp_send(w, &f, C2S, 0, NULL, t + MS(70) + US(100));
}

static void tcp6_handshake_start(struct pg_writer *w, const struct framing *fr, uint64_t t)
{
	struct flow f = {
	    .fr = fr,
	    .v6 = true,
	    .srv6 = IP6_WEB,
	    .port = {49200, 443},
	    .isn = {0x0badcafe, 0x5eed1234},
	    .win = {64800, 64260},
	    .ts = true,
	};

	tcp_send(w, &f, C2S, PG_TH_SYN, NULL, t);
	tcp_send(w, &f, S2C, PG_TH_SYN, NULL, t + MS(20));
}

/* ---- scenarios -------------------------------------------------------- */

static void sc_basic(struct pg_writer *w)
{
	arp_pair(w, &ETH, 0);
	dns_pair(w, &ETH, MS(1), MS(30));
	http_exchange(w, &ETH, MS(40));
	icmp_pair(w, &ETH, IP_WEB, MS(200), MS(20));
	tcp6_handshake_start(w, &ETH, MS(300));
}

static void sc_vlan(struct pg_writer *w)
{
	const struct framing dot1q = {LINK_ETH, 1, {{PG_ETH_VLAN, 0, 100}}};
	const struct framing qinq = {LINK_ETH, 2, {{PG_ETH_QINQ, 0, 10}, {PG_ETH_VLAN, 3, 20}}};
	const struct framing dot1q_pcp = {LINK_ETH, 1, {{PG_ETH_VLAN, 5, 200}}};
	/* Pre-802.1ad stacking: 0x8100 twice. */
	const struct framing old_qinq = {LINK_ETH, 2, {{PG_ETH_VLAN, 0, 30}, {PG_ETH_VLAN, 0, 40}}};

	dns_pair(w, &dot1q, 0, MS(30));
	icmp_pair(w, &qinq, IP_GW, MS(100), MS(1));
	icmp6_pair(w, &dot1q_pcp, MS(200), MS(1));
	arp_pair(w, &old_qinq, MS(300));
}

/* A 3000-byte UDP payload (3008-byte datagram) to the echo port. */
#define FRAG_PAYLOAD 3000

static void sc_frag4(struct pg_writer *w)
{
	struct pg_pkt whole;
	static const uint16_t sizes[] = {1480, 1480, 48};

	/* Build the datagram unfragmented so its UDP checksum covers it all,
	** then cut its IP payload into MTU-1500-sized pieces. */
	pg_pkt_init(&whole);
	pg_ipv4(&whole, &(struct pg_ip4){.src = IP_HOST, .dst = IP_GW});
	pg_udp(&whole, 40000, 7);
	pg_pattern(&whole, FRAG_PAYLOAD, 0x40);
	pg_finish(&whole);
	const uint8_t *dgram = whole.buf.data + whole.layer[1].off;

	uint16_t off = 0;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		begin(&ETH, OUT, false);
		pg_ipv4(&P, &(struct pg_ip4){
				.src = IP_HOST,
				.dst = IP_GW,
				.id = 0x04d2,
				.mf = i + 1 < sizeof(sizes) / sizeof(sizes[0]),
				.frag_off = off,
				.proto = PG_IPPROTO_UDP,
			    });
		pg_bytes(&P, dgram + off, sizes[i]);
		emit(w, 0, US(100 * i), NULL);
		off = (uint16_t)(off + sizes[i]);
	}
	pg_pkt_free(&whole);
}

static void sc_frag6(struct pg_writer *w)
{
	struct pg_pkt whole;
	/* 1280-byte packets: 40 IPv6 + 8 hop-by-hop + 8 fragment + 1224. */
	static const uint16_t sizes[] = {1224, 1224, 560};

	pg_pkt_init(&whole);
	pg_ipv6(&whole, &(struct pg_ip6){.src = IP6_HOST, .dst = IP6_GW});
	pg_udp(&whole, 40000, 7);
	pg_pattern(&whole, FRAG_PAYLOAD, 0x60);
	pg_finish(&whole);
	const uint8_t *dgram = whole.buf.data + whole.layer[1].off;

	uint16_t off = 0;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		begin(&ETH, OUT, false);
		ip6(OUT, IP6_GW);
		/* A hop-by-hop header in the unfragmentable part makes readers
		** walk the header chain to find the fragment header. */
		pg_ip6_opts(&P, PG_IPPROTO_HOPOPTS, NULL, 0);
		pg_ip6_frag(&P, off, i + 1 < sizeof(sizes) / sizeof(sizes[0]), 0xdecafbad,
			    PG_IPPROTO_UDP);
		pg_bytes(&P, dgram + off, sizes[i]);
		emit(w, 0, US(100 * i), NULL);
		off = (uint16_t)(off + sizes[i]);
	}
	pg_pkt_free(&whole);
}

static void sc_pcapng_multi(struct pg_writer *w)
{
	static const char keylog[] =
	    "CLIENT_RANDOM "
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff "
	    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	    "202122232425262728292a2b2c2d2e2f\n";
	static const char custom[] = "wiresift custom block data";
	const struct framing raw = {LINK_RAW, 0, {{0}}};
	const struct pg_nrb_entry names[] = {
	    {.family = 4, .ip4 = IP_WEB, .name = "example.com"},
	    {.family = 4, .ip4 = IP_GW, .name = "gateway.lan"},
	    {.family = 6, .ip6 = IP6_WEB, .name = "example.com"},
	};

	pg_section(w, false, "section 1: little-endian, Ethernet + raw IP");
	pg_add_interface(w, &(struct pg_if){
				.linktype = PG_LINKTYPE_ETHERNET,
				.snaplen = 262144,
				.name = "eth0",
				.descr = "synthetic Ethernet",
				.tsresol = 9,
			    });
	/* Binary resolution, and times stored relative to BASE_SEC. */
	pg_add_interface(w, &(struct pg_if){
				.linktype = PG_LINKTYPE_RAW,
				.snaplen = 65535,
				.name = "tun0",
				.comment = "2^-20 s units, offset 2024-01-01",
				.tsresol = 0x80 | 20,
				.tsoffset = BASE_SEC,
			    });
	pg_write_dsb(w, PG_DSB_TLS_KEYLOG, keylog, sizeof(keylog) - 1);
	pg_write_nrb(w, names, sizeof(names) / sizeof(names[0]));

	begin(&ETH, OUT, false);
	ip4(OUT, IP_GW, 0x3c01);
	pg_udp(&P, 53000, 53);
	dns_message(false);
	emit(w, 0, MS(1) + 123, "DNS query for example.com");
	begin(&ETH, IN, false);
	ip4(IN, IP_GW, 0x9e02);
	pg_udp(&P, 53, 53000);
	dns_message(true);
	emit(w, 0, MS(31) + 456, NULL);

	/* 2^-20 s units: use times they represent exactly (multiples of
	** 1/1024 s would be, and so is 0.5 s). */
	begin(&raw, OUT, false);
	ip4(OUT, IP_WEB, 0x5a01);
	pg_icmp_echo(&P, false, 0x0b0b, 1);
	pg_pattern(&P, 56, 0x10);
	emit(w, 1, MS(500), "echo request on the raw IP interface");
	begin(&raw, IN, false);
	ip4(IN, IP_WEB, 0xa502);
	pg_icmp_echo(&P, true, 0x0b0b, 1);
	pg_pattern(&P, 56, 0x10);
	emit(w, 1, MS(750), NULL);

	/* ARP request as a Simple Packet Block (no timestamp, interface 0),
	** the reply as an obsolete Packet Block. */
	begin(&ETH, OUT, true);
	pg_arp(&P, 1, MAC_HOST, IP_HOST, MAC_ZERO, IP_GW);
	pg_finish(&P);
	pg_write_spb(w, P.buf.data, (uint32_t)P.buf.len);
	begin(&ETH, IN, false);
	pg_arp(&P, 2, MAC_GW, IP_GW, MAC_HOST, IP_HOST);
	pg_finish(&P);
	pg_pad(&P, 60);
	pg_write_pb(w, 0, BASE_SEC + 1, 0, P.buf.data, (uint32_t)P.buf.len, 0,
		    "obsolete Packet Block");

	/* 32473: the PEN reserved for documentation (RFC 5612). */
	pg_write_custom(w, true, 32473, custom, sizeof(custom) - 1);
	pg_write_custom(w, false, 32473, custom, sizeof(custom) - 1);
	pg_write_isb(w, 0, BASE_SEC + 2, 0,
		     &(struct pg_isb){
			 .ifrecv = 4,
			 .ifdrop = 0,
			 .filteraccept = 4,
			 .osdrop = 0,
			 .usrdeliv = 4,
			 .start_sec = BASE_SEC,
			 .end_sec = BASE_SEC + 2,
		     });
	pg_write_isb(w, 1, BASE_SEC + 2, 0,
		     &(struct pg_isb){
			 .ifrecv = 2,
			 .ifdrop = 1,
			 .filteraccept = 2,
			 .osdrop = 0,
			 .usrdeliv = 2,
		     });

	pg_section(w, true, "section 2: big-endian, Ethernet");
	pg_add_interface(w, &(struct pg_if){
				.linktype = PG_LINKTYPE_ETHERNET,
				.snaplen = 65535,
				.name = "eth1",
			    });
	tcp6_handshake_start(w, &ETH, MS(3000));
	pg_write_isb(w, 0, BASE_SEC + 4, 0,
		     &(struct pg_isb){
			 .ifrecv = 2,
			 .filteraccept = 2,
			 .usrdeliv = 2,
		     });
}

static void sc_truncated(struct pg_writer *w)
{
	arp_pair(w, &ETH, 0);
	dns_pair(w, &ETH, MS(1), MS(30));
	icmp_pair(w, &ETH, IP_WEB, MS(200), MS(20));
	/* The echo reply (98 bytes) loses its last 40: cut mid-record. */
	pg_cut(w, 40);
}

static void sc_badlen(struct pg_writer *w)
{
	static const uint8_t junk[16] = {0xde, 0xad, 0xbe, 0xef};

	/* Wireshark guesses among pcap variants by reading the first three
	** records, so the bad one comes fourth or later: earlier, it would
	** pick a different record layout instead of reporting the damage. */
	arp_pair(w, &ETH, 0);
	dns_pair(w, &ETH, MS(1), MS(30));
	pg_pcap_record_hdr(w, BASE_SEC, 100000, 0x7fffffff, 0x7fffffff);
	pg_raw(w, junk, sizeof(junk));
	/* Valid records after the bad one: readers must not resync to them. */
	icmp_pair(w, &ETH, IP_WEB, MS(200), MS(20));
}

static void sc_pcap_be_nsec(struct pg_writer *w)
{
	/* Sub-microsecond parts a microsecond format could not hold. */
	dns_pair(w, &ETH, 1, MS(30) + 122);
	icmp_pair(w, &ETH, IP_WEB, MS(100) + 999, 456789);
}

static void sc_cooked(struct pg_writer *w, enum link link)
{
	const struct framing fr = {link, 0, {{0}}};

	if (link == LINK_SLL || link == LINK_SLL2)
		arp_pair(w, &fr, 0);
	dns_pair(w, &fr, MS(1), MS(30));
	icmp6_pair(w, &fr, MS(100), MS(1));
}

static void sc_sll(struct pg_writer *w)
{
	sc_cooked(w, LINK_SLL);
}

static void sc_sll2(struct pg_writer *w)
{
	sc_cooked(w, LINK_SLL2);
}

static void sc_null(struct pg_writer *w)
{
	sc_cooked(w, LINK_NULL);
}

static void sc_rawip(struct pg_writer *w)
{
	sc_cooked(w, LINK_RAW);
}

/*
** What tshark's TCP sequence analysis flags here, by frame number:
** retransmission [5], duplicate ACK #1-#3 [11-13] (carrying SACK blocks),
** fast retransmission [14], previous segment not captured [16],
** out-of-order [17], zero window [20, 22], zero window probe [21], zero
** window probe ACK [22], window update [23], keep-alive [26], keep-alive
** ACK [27].  Everything else is plain.  The handshake RTT (20 ms) is also
** tshark's out-of-order threshold, hence [17] coming 1 ms after [16].
*/
static void sc_tcp_analysis(struct pg_writer *w)
{
	struct flow f = {
	    .fr = &ETH,
	    .srv4 = IP_WEB,
	    .port = {50000, 5001},
	    .isn = {1000, 5000},
	};
	struct pg_tcpopts sack = {.len = 0};
	uint32_t edges[2];
	const uint8_t A = PG_TH_ACK, PA = PG_TH_PSH | PG_TH_ACK;
	const uint16_t CW = 502, SW = 509; /* scaled by 2^7 */

	tcp_emit(w, &f, C2S, PG_TH_SYN, 0, 0, 64240, NULL, "", 0, 0);
	tcp_emit(w, &f, S2C, PG_TH_SYN | A, 0, 1, 65160, NULL, "", 0, MS(20));
	tcp_emit(w, &f, C2S, A, 1, 1, CW, NULL, "", 0, MS(20) + 50000);

	/* Timeout retransmission of 1..101. */
	tcp_emit(w, &f, C2S, PA, 1, 1, CW, NULL, NULL, 100, MS(100));
	tcp_emit(w, &f, C2S, PA, 1, 1, CW, NULL, NULL, 100, MS(400));
	tcp_emit(w, &f, S2C, A, 1, 101, SW, NULL, "", 0, MS(420));

	/* 101..201 is lost after the capture point; the receiver's three
	** duplicate ACKs SACK what came after it, then a fast retransmit. */
	for (uint32_t i = 0; i < 4; i++)
		tcp_emit(w, &f, C2S, PA, 101 + 100 * i, 1, CW, NULL, NULL, 100,
			 MS(500) + US(100) * i);
	for (uint32_t i = 0; i < 3; i++) {
		sack.len = 0;
		pg_tcpopt_nop(&sack);
		pg_tcpopt_nop(&sack);
		edges[0] = f.isn[C2S] + 201;
		edges[1] = f.isn[C2S] + 301 + 100 * i;
		pg_tcpopt_sack(&sack, edges, 1);
		tcp_emit(w, &f, S2C, A, 1, 101, SW, &sack, "", 0, MS(520) + US(100) * i);
	}
	tcp_emit(w, &f, C2S, PA, 101, 1, CW, NULL, NULL, 100, MS(520) + US(500));
	tcp_emit(w, &f, S2C, A, 1, 501, SW, NULL, "", 0, MS(540));

	/* 601..701 overtakes 501..601, which arrives 1 ms later. */
	tcp_emit(w, &f, C2S, PA, 601, 1, CW, NULL, NULL, 100, MS(700));
	tcp_emit(w, &f, C2S, PA, 501, 1, CW, NULL, NULL, 100, MS(701));
	tcp_emit(w, &f, S2C, A, 1, 701, SW, NULL, "", 0, MS(720));

	/* The receiver's window closes; one-byte probe; it opens again. */
	tcp_emit(w, &f, C2S, PA, 701, 1, CW, NULL, NULL, 100, MS(800));
	tcp_emit(w, &f, S2C, A, 1, 801, 0, NULL, "", 0, MS(820));
	tcp_emit(w, &f, C2S, A, 801, 1, CW, NULL, NULL, 1, MS(1020));
	tcp_emit(w, &f, S2C, A, 1, 801, 0, NULL, "", 0, MS(1040));
	tcp_emit(w, &f, S2C, A, 1, 801, SW, NULL, "", 0, MS(1100));
	tcp_emit(w, &f, C2S, PA, 801, 1, CW, NULL, NULL, 100, MS(1101));
	tcp_emit(w, &f, S2C, A, 1, 901, SW, NULL, "", 0, MS(1120));

	/* Idle for 10 s, then a keep-alive (seq one below next) and its ACK. */
	tcp_emit(w, &f, C2S, A, 900, 1, CW, NULL, "", 0, MS(11120));
	tcp_emit(w, &f, S2C, A, 1, 901, SW, NULL, "", 0, MS(11140));

	tcp_emit(w, &f, C2S, PG_TH_FIN | A, 901, 1, CW, NULL, "", 0, MS(12000));
	tcp_emit(w, &f, S2C, PG_TH_FIN | A, 1, 902, SW, NULL, "", 0, MS(12020));
	tcp_emit(w, &f, C2S, A, 902, 2, CW, NULL, "", 0, MS(12020) + 50000);
}

/* Every checksum the builder computes, each made wrong once. */
static void sc_badcsum(struct pg_writer *w)
{
	begin(&ETH, OUT, false);
	ip4(OUT, IP_GW, 0x3c01);
	pg_bad_csum(&P);
	pg_udp(&P, 53000, 53);
	dns_message(false);
	emit(w, 0, 0, NULL);

	begin(&ETH, IN, false);
	ip4(IN, IP_GW, 0x9e02);
	pg_udp(&P, 53, 53000);
	pg_bad_csum(&P);
	dns_message(true);
	emit(w, 0, MS(30), NULL);

	begin(&ETH, OUT, false);
	ip4(OUT, IP_WEB, 0x5a01);
	pg_icmp_echo(&P, false, 0x0b0b, 1);
	pg_bad_csum(&P);
	ping_payload(MS(100));
	emit(w, 0, MS(100), NULL);

	begin(&ETH, OUT, false);
	ip4(OUT, IP_WEB, 0x1001);
	pg_tcp(&P, &(struct pg_tcp){
		       .sport = 49152, .dport = 80, .seq = 1, .flags = PG_TH_SYN, .win = 64240});
	pg_bad_csum(&P);
	emit(w, 0, MS(200), NULL);

	begin(&ETH, OUT, false);
	ip6(OUT, IP6_GW);
	pg_icmp6_echo(&P, false, 0x0c0c, 1);
	pg_bad_csum(&P);
	ping_payload(MS(300));
	emit(w, 0, MS(300), NULL);
}

/* Options in the IPv4 header and IPv6 extension headers before the
** payload: header lengths other than 20 and 40 must be honoured. */
static void sc_ipopts(struct pg_writer *w)
{
	/* ping -R: Record Route with room for 9 addresses (39 bytes + EOL). */
	uint8_t rr[39] = {7, 39, 4};
	/* IPv6 Router Alert (type 5) for MLD (value 0). */
	static const uint8_t ra6[4] = {5, 2, 0, 0};
	uint8_t ll_host[16], mld_all[16], mdns[16];

	if (!pg_ip6_addr("fe80::10", ll_host) || !pg_ip6_addr("ff02::16", mld_all) ||
	    !pg_ip6_addr("ff02::fb", mdns))
		abort();

	begin(&ETH, OUT, false);
	pg_ipv4(&P,
		&(struct pg_ip4){
		    .src = IP_HOST, .dst = IP_GW, .id = 0x7001, .opts = rr, .optlen = sizeof(rr)});
	pg_icmp_echo(&P, false, 0x0d0d, 1);
	ping_payload(0);
	emit(w, 0, 0, NULL);

	/* The reply carries the gateway's address in the first slot. */
	static const uint8_t hop[4] = {192, 168, 1, 1};
	memcpy(rr + 3, hop, sizeof(hop));
	rr[2] = 8;
	begin(&ETH, IN, false);
	pg_ipv4(&P,
		&(struct pg_ip4){
		    .src = IP_GW, .dst = IP_HOST, .id = 0x7002, .opts = rr, .optlen = sizeof(rr)});
	pg_icmp_echo(&P, true, 0x0d0d, 1);
	ping_payload(0);
	emit(w, 0, US(500), NULL);

	/* MLDv2 report (joining ff02::fb) behind a hop-by-hop Router Alert. */
	static const uint8_t mac_mld[6] = {0x33, 0x33, 0, 0, 0, 0x16};
	pg_pkt_reset(&P);
	pg_eth(&P, mac_mld, MAC_HOST, 0);
	pg_ipv6(&P, &(struct pg_ip6){.src = ll_host, .dst = mld_all, .hlim = 1});
	pg_ip6_opts(&P, PG_IPPROTO_HOPOPTS, ra6, sizeof(ra6));
	pg_icmp6(&P, 143, 0, 1); /* one multicast address record */
	pg_buf_u8(&P.buf, 4);    /* CHANGE_TO_EXCLUDE_MODE */
	pg_buf_u8(&P.buf, 0);    /* aux data length */
	pg_buf_u16be(&P.buf, 0); /* sources */
	pg_buf_put(&P.buf, mdns, 16);
	emit(w, 0, MS(1), NULL);

	/* DNS over IPv6 after an (all-padding) destination options header. */
	begin(&ETH, OUT, false);
	ip6(OUT, IP6_GW);
	pg_ip6_opts(&P, PG_IPPROTO_DSTOPTS, NULL, 0);
	pg_udp(&P, 53001, 53);
	dns_message(false);
	emit(w, 0, MS(2), NULL);
}

/* ---- TRADE (seed 001: the SharkFest'17 EU trading-floor protocol) ----- */

/* A PDU: sender, total length (header included, BE), receiver, body. */
static size_t trade_pdu(uint8_t *out, uint8_t sender, uint16_t receiver, const void *body, size_t n)
{
	out[0] = sender;
	out[1] = (uint8_t)((n + 5) >> 8);
	out[2] = (uint8_t)(n + 5);
	out[3] = (uint8_t)(receiver >> 8);
	out[4] = (uint8_t)receiver;
	memcpy(out + 5, body, n);
	return n + 5;
}

/* A control PDU: keyword, NUL, then the keyword's data. */
static size_t trade_ctl(uint8_t *out, uint8_t sender, const char *kw, const void *data, size_t n)
{
	uint8_t body[512];
	size_t kl = strlen(kw) + 1;
	if (kl + n > sizeof(body))
		abort();
	memcpy(body, kw, kl);
	memcpy(body + kl, data, n);
	return trade_pdu(out, sender, 0xffff, body, kl + n);
}

/* Ping/Pong: a length byte, then that many bytes of little-endian clock. */
static size_t trade_ping(uint8_t *out, uint8_t sender, const char *kw, uint64_t clock, uint8_t clen)
{
	uint8_t d[9];
	d[0] = clen;
	for (int i = 0; i < clen; i++)
		d[1 + i] = (uint8_t)(clock >> (8 * i));
	return trade_ctl(out, sender, kw, d, (size_t)clen + 1);
}

/* Next in-order segment with explicit bytes and window. */
static void trade_seg(struct pg_writer *w, struct flow *f, int dir, uint8_t flags,
		      const uint8_t *data, size_t len, uint16_t win, uint64_t t)
{
	tcp_emit(w, f, dir, flags | PG_TH_ACK, f->nxt[dir], f->nxt[!dir], win, NULL, data, len, t);
	f->nxt[dir] += (uint32_t)len + !!(flags & PG_TH_FIN);
}

/*
** The Trader module APPSERVER1 (the host, port 1195) and the Multiplexer
** (the gateway, port 2107): greeting, keepalives, login, roundtrip, counts,
** a data PDU over three segments, a header cut after 2 bytes, a PDU split at
** an offset > 0; then the seed's incident: the Multiplexer's window goes to
** zero, APPSERVER1's Ping waits behind it, 90 s pass without a Pong and the
** Trader resets the connection.
*/
static void sc_trade(struct pg_writer *w)
{
	struct flow f = {
	    .fr = &ETH,
	    .srv4 = IP_GW,
	    .port = {1195, 2107},
	    .isn = {0x0d15ea5e, 0x7ade0001},
	};
	const uint8_t PA = PG_TH_PSH;
	const uint16_t WIN = 64240;
	uint8_t b[4096], big[3000], tmp[256];
	size_t n, k;
	uint64_t t = 0;

	tcp_emit(w, &f, C2S, PG_TH_SYN, 0, 0, WIN, NULL, "", 0, t);
	tcp_emit(w, &f, S2C, PG_TH_SYN | PG_TH_ACK, 0, 1, WIN, NULL, "", 0, t + US(300));
	f.nxt[C2S] = f.nxt[S2C] = 1;
	trade_seg(w, &f, C2S, 0, NULL, 0, WIN, t + US(600));

	/* greeting: the module's id, its name's length, the name, NUL */
	static const uint8_t greet[] = {12, 6, 'T', 'r', 'a', 'd', 'e', 'r', 0};
	trade_seg(w, &f, C2S, PA, greet, sizeof(greet), WIN, t + MS(1));
	trade_seg(w, &f, S2C, 0, NULL, 0, WIN, t + MS(2));

	/* keepalives: Ping with a 7-byte clock, Pong with an 8-byte one, a bare Ping */
	n = trade_ping(b, 1, "Ping", 3579412204816491u, 7);
	trade_seg(w, &f, S2C, PA, b, n, WIN, t + MS(100));
	n = trade_ping(b, 12, "Pong", 3579412204816999u, 8);
	trade_seg(w, &f, C2S, PA, b, n, WIN, t + MS(101));
	n = trade_ctl(b, 37, "Ping", "", 0);
	trade_seg(w, &f, S2C, PA, b, n, WIN, t + MS(150));

	/* Login by the Multiplexer (no module name), with trailing data */
	static const uint8_t login[] = {0x04, 0x69, 'A', 'P', 'P', 'S', 'E', 'R', 'V',
					'E',  'R',  '1', 0,   '1', '0', '.', '0', '.',
					'0',  '.',  '1', 0,   'R', 'e', 'a', 'd', 0};
	n = trade_ctl(b, 1, "Login", login, sizeof(login));
	trade_seg(w, &f, S2C, PA, b, n, WIN, t + MS(200));

	/* Roundtrip (3-byte clock, whole milliseconds), New Connection,
	** ModuleAndClientCount and Status in one segment */
	static const uint8_t rtt[] = {'T', 'r', 'a', 'd', 'e', 'r', 0, 3, 0xa0, 0x09, 0x01};
	n = trade_ctl(b, 1, "Roundtrip for Module", rtt, sizeof(rtt));
	static const uint8_t nc[] = {0x04, 0x6a, '1', '0', '.', '0', '.', '0', '.', '7', 0};
	n += trade_ctl(b + n, 1, "New Connection", nc, sizeof(nc));
	static const uint8_t cnt[] = {0, 14, 0, 73};
	n += trade_ctl(b + n, 1, "ModuleAndClientCount", cnt, sizeof(cnt));
	static const char st[] = "Multiplexer running";
	n += trade_ctl(b + n, 1, "Status", st, sizeof(st));
	trade_seg(w, &f, S2C, PA, b, n, WIN, t + MS(300));
	trade_seg(w, &f, C2S, 0, NULL, 0, WIN, t + MS(301));

	/* a 3000-byte data PDU Multiplexer -> 2405 in 1380 + 1380 + 240 */
	for (size_t i = 0; i < sizeof(tmp); i++)
		tmp[i] = (uint8_t)i;
	memset(big, 0, sizeof(big));
	k = trade_pdu(big, 1, 2405, tmp, sizeof(tmp));
	(void)k;
	big[1] = (uint8_t)(sizeof(big) >> 8);
	big[2] = (uint8_t)sizeof(big);
	trade_seg(w, &f, S2C, 0, big, 1380, WIN, t + MS(400));
	trade_seg(w, &f, S2C, 0, big + 1380, 1380, WIN, t + MS(400) + US(10));
	trade_seg(w, &f, S2C, PA, big + 2760, 240, WIN, t + MS(400) + US(20));
	trade_seg(w, &f, C2S, 0, NULL, 0, WIN, t + MS(401));

	/* only 2 bytes of a Close Connection header, then the rest */
	static const uint8_t cc[] = {0x04, 0x6a};
	n = trade_ctl(b, 1, "Close Connection", cc, sizeof(cc));
	trade_seg(w, &f, S2C, 0, b, 2, WIN, t + MS(500));
	trade_seg(w, &f, S2C, PA, b + 2, n - 2, WIN, t + MS(500) + US(10));

	/* a Status PDU, then 30 bytes of a 200-byte data PDU; the rest follows */
	n = trade_ctl(b, 1, "Status", "Trader queue 17", 16);
	memset(tmp, 'x', sizeof(tmp));
	tmp[0] = 0;
	k = trade_pdu(b + n, 57, 717, tmp, 195);
	trade_seg(w, &f, S2C, 0, b, n + 30, WIN, t + MS(600));
	trade_seg(w, &f, S2C, PA, b + n + 30, k - 30, WIN, t + MS(600) + US(10));
	trade_seg(w, &f, C2S, 0, NULL, 0, WIN, t + MS(601));

	/* the incident: the Multiplexer keeps sending, its window is zero */
	t = MS(1000);
	memset(big, 0, sizeof(big));
	k = trade_pdu(big, 1, 2654, tmp, 1);
	big[1] = (uint8_t)(2000 >> 8);
	big[2] = (uint8_t)2000;
	trade_seg(w, &f, S2C, 0, big, 1380, 0, t);
	trade_seg(w, &f, S2C, PA, big + 1380, 620, 0, t + US(4));
	trade_seg(w, &f, C2S, 0, NULL, 0, WIN, t + US(500));
	/* APPSERVER1's Ping waits behind the zero window for 90 s */
	trade_seg(w, &f, S2C, 0, NULL, 0, 0, t + MS(200));
	n = trade_ping(b, 12, "Ping", 3579412294816491u, 7);
	trade_seg(w, &f, S2C, 0, NULL, 0, WIN, t + MS(90200));
	trade_seg(w, &f, C2S, PA, b, n, WIN, t + MS(90200) + US(300));
	/* no Pong: the Trader gives up and resets */
	tcp_emit(w, &f, C2S, PG_TH_RST | PG_TH_ACK, f.nxt[C2S], f.nxt[S2C], 0, NULL, "", 0,
		 t + MS(90300));
}

/*
** TRADE PDUs the seed's script stops on or reads oddly, one per segment:
** an unknown sender, a 1-byte segment, clocks of 0, 5 and 9 bytes, a string
** without its NUL, a PDU shorter than its header, a keyword missing its data,
** strings with bytes >= 0x80.
*/
static void sc_trade_edge(struct pg_writer *w)
{
	struct flow f = {
	    .fr = &ETH,
	    .srv4 = IP_GW,
	    .port = {1181, 2107},
	    .isn = {1000, 5000},
	};
	const uint8_t PA = PG_TH_PSH;
	const uint16_t WIN = 65535;
	uint8_t b[256], z[16] = {0};
	size_t n;
	uint64_t t = 0;

	tcp_emit(w, &f, C2S, PG_TH_SYN, 0, 0, WIN, NULL, "", 0, t);
	tcp_emit(w, &f, S2C, PG_TH_SYN | PG_TH_ACK, 0, 1, WIN, NULL, "", 0, t + US(100));
	f.nxt[C2S] = f.nxt[S2C] = 1;
	n = trade_ping(b, 1, "Ping", 0, 7);
	trade_seg(w, &f, S2C, PA, b, n, WIN, t + MS(1));
	n = trade_ctl(b, 200, "Ping", "", 0);
	trade_seg(w, &f, S2C, PA, b, n, WIN, t + MS(2));
	trade_seg(w, &f, S2C, PA, (const uint8_t *)"\x01", 1, WIN, t + MS(3));
	n = trade_ctl(b, 1, "Ping", z, 1);
	trade_seg(w, &f, S2C, PA, b, n, WIN, t + MS(4));
	static const uint8_t rt5[] = {'X', 0, 5, 0, 0, 0, 0, 0};
	n = trade_ctl(b, 1, "Roundtrip for Module", rt5, sizeof(rt5));
	trade_seg(w, &f, S2C, PA, b, n, WIN, t + MS(5));
	n = trade_ctl(b, 1, "Status", "abc", 3);
	trade_seg(w, &f, S2C, PA, b, n, WIN, t + MS(6));
	n = trade_ping(b, 1, "Ping", 0, 7);
	static const uint8_t c9[] = {9, 1, 2, 3, 4, 5, 6, 7, 8, 9};
	n += trade_ctl(b + n, 99, "Pong", c9, sizeof(c9));
	trade_seg(w, &f, S2C, PA, b, n, WIN, t + MS(7));
	static const uint8_t short3[] = {12, 0, 3, 0, 5};
	trade_seg(w, &f, S2C, PA, short3, sizeof(short3), WIN, t + MS(8));
	static const uint8_t rt2[] = {'M', 'o', 'd', 0, 2, 0x10, 0x27};
	n = trade_ctl(b, 1, "Roundtrip for Module", rt2, sizeof(rt2));
	n += trade_ctl(b + n, 1, "New Connection", "\x00\x01", 2);
	trade_seg(w, &f, S2C, PA, b, n, WIN, t + MS(9));
	/* bytes >= 0x80: the script's strings grow by 2 bytes for each */
	static const uint8_t hi_data[] = {0xe9, 't', 0xc3, 0xa9, 0x01, '\t', 'z', 0};
	n = trade_pdu(b, 12, 77, hi_data, sizeof(hi_data));
	trade_seg(w, &f, S2C, PA, b, n, WIN, t + MS(11));
	static const uint8_t hi_kw[] = {0xff, 0x80, 'a', 'b', 0};
	n = trade_ctl(b, 1, "K\xfcw", hi_kw, sizeof(hi_kw));
	trade_seg(w, &f, S2C, PA, b, n, WIN, t + MS(12));
	n = trade_ctl(b, 1, "Status", "run \xc3\xa9\x7f", 8);
	trade_seg(w, &f, S2C, PA, b, n, WIN, t + MS(13));
	trade_seg(w, &f, C2S, 0, NULL, 0, WIN, t + MS(14));
}

struct scenario {
	const char *name;
	void (*fn)(struct pg_writer *w);
	enum pg_format fmt;
	uint32_t linktype, snaplen;
	int frames; /* frames a reader should deliver */
	const char *what;
};

static const struct scenario scenarios[] = {
    {"basic", sc_basic, PG_PCAP_LE, PG_LINKTYPE_ETHERNET, 262144, 18,
     "ARP, DNS, HTTP over TCP (handshake to FIN), ICMP echo, IPv6 SYN/SYN-ACK"},
    {"basic_ng", sc_basic, PG_PCAPNG_LE, PG_LINKTYPE_ETHERNET, 262144, 18,
     "basic as little-endian pcapng with one default IDB"},
    {"vlan", sc_vlan, PG_PCAP_LE, PG_LINKTYPE_ETHERNET, 262144, 8,
     "802.1Q (UDP, ICMPv6), 802.1ad QinQ (ICMP), double 0x8100 (ARP)"},
    {"frag4", sc_frag4, PG_PCAP_LE, PG_LINKTYPE_ETHERNET, 262144, 3,
     "one IPv4 UDP datagram (3008 bytes) in 3 fragments"},
    {"frag6", sc_frag6, PG_PCAP_LE, PG_LINKTYPE_ETHERNET, 262144, 3,
     "one IPv6 UDP datagram (3008 bytes) in 3 fragments, after hop-by-hop"},
    {"pcapng_multi", sc_pcapng_multi, PG_PCAPNG_LE, PG_LINKTYPE_ETHERNET, 0, 8,
     "2 sections (LE, BE), IDBs with tsresol 10^-9 / 2^-20 and tsoffset, "
     "EPB comments, SPB, obsolete PB, DSB, NRB, ISB, custom blocks"},
    {"truncated", sc_truncated, PG_PCAP_LE, PG_LINKTYPE_ETHERNET, 262144, 5,
     "6 records, the last cut short mid-packet"},
    {"badlen", sc_badlen, PG_PCAP_LE, PG_LINKTYPE_ETHERNET, 262144, 4,
     "4 records, then one claiming caplen 0x7fffffff, then 2 more"},
    {"pcap_be_nsec", sc_pcap_be_nsec, PG_PCAP_NSEC_BE, PG_LINKTYPE_ETHERNET, 262144, 4,
     "big-endian nanosecond pcap: DNS and ICMP echo pairs"},
    {"sll", sc_sll, PG_PCAP_LE, PG_LINKTYPE_LINUX_SLL, 262144, 6,
     "Linux cooked v1: ARP, DNS, ICMPv6 echo pairs"},
    {"sll2", sc_sll2, PG_PCAP_LE, PG_LINKTYPE_LINUX_SLL2, 262144, 6,
     "Linux cooked v2: ARP, DNS, ICMPv6 echo pairs"},
    {"null", sc_null, PG_PCAP_LE, PG_LINKTYPE_NULL, 262144, 4,
     "BSD loopback: DNS (AF 2) and ICMPv6 echo (AF 24) pairs"},
    {"rawip", sc_rawip, PG_PCAP_LE, PG_LINKTYPE_RAW, 262144, 4,
     "raw IP (linktype 101): DNS and ICMPv6 echo pairs"},
    {"tcp_analysis", sc_tcp_analysis, PG_PCAP_LE, PG_LINKTYPE_ETHERNET, 262144, 30,
     "TCP with retransmission, 3 dup ACKs, fast retransmit, out-of-order, "
     "zero window + probe, window update, keep-alive"},
    {"snaplen", sc_basic, PG_PCAP_LE, PG_LINKTYPE_ETHERNET, 96, 18,
     "basic captured with snaplen 96: caplen < origlen"},
    {"ipopts", sc_ipopts, PG_PCAP_LE, PG_LINKTYPE_ETHERNET, 262144, 4,
     "IPv4 Record Route (ping -R pair), IPv6 hop-by-hop (MLDv2) and dest opts (DNS)"},
    {"trade", sc_trade, PG_PCAP_LE, PG_LINKTYPE_ETHERNET, 262144, 27,
     "TRADE on tcp 2107 (seed 001): greeting, Ping/Pong, Login, Roundtrip, 4 PDUs in a "
     "segment, PDUs over segments, zero window and a Ping 90 s late, RST"},
    {"trade_edge", sc_trade_edge, PG_PCAP_LE, PG_LINKTYPE_ETHERNET, 262144, 15,
     "TRADE PDUs the seed's Lua script stops on: unknown sender, short reads, odd clocks"},
    {"badcsum", sc_badcsum, PG_PCAP_LE, PG_LINKTYPE_ETHERNET, 262144, 5,
     "wrong checksums: IPv4 header, UDP, ICMP, TCP, ICMPv6"},
};

#define NSCENARIOS (sizeof(scenarios) / sizeof(scenarios[0]))

static const struct scenario *find(const char *name)
{
	for (size_t i = 0; i < NSCENARIOS; i++)
		if (strcmp(scenarios[i].name, name) == 0)
			return &scenarios[i];
	return NULL;
}

static int make(const struct scenario *s, const char *path)
{
	struct pg_writer *w = pg_open(path, s->fmt, s->linktype, s->snaplen);

	s->fn(w);
	if (pg_close(w) != 0) {
		fprintf(stderr, "mkcap: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

static int make_all(const char *dir)
{
	for (size_t i = 0; i < NSCENARIOS; i++) {
		const struct scenario *s = &scenarios[i];
		bool ng = s->fmt == PG_PCAPNG_LE || s->fmt == PG_PCAPNG_BE;
		char path[4096];
		int n =
		    snprintf(path, sizeof(path), "%s/%s.%s", dir, s->name, ng ? "pcapng" : "pcap");
		if (n < 0 || (size_t)n >= sizeof(path)) {
			fprintf(stderr, "mkcap: path too long\n");
			return 1;
		}
		if (make(s, path) != 0)
			return 1;
	}
	return 0;
}

static void list(void)
{
	for (size_t i = 0; i < NSCENARIOS; i++)
		printf("%-14s %3d  %s\n", scenarios[i].name, scenarios[i].frames,
		       scenarios[i].what);
}

static int usage(void)
{
	fputs("usage: mkcap SCENARIO OUT   (OUT \"-\" = stdout)\n"
	      "       mkcap all DIR\n"
	      "       mkcap -l             (name, frames, contents)\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	pg_pkt_init(&P);
	int rc;
	if (argc == 2 && (strcmp(argv[1], "-l") == 0 || strcmp(argv[1], "--list") == 0)) {
		list();
		rc = 0;
	} else if (argc != 3) {
		rc = usage();
	} else if (strcmp(argv[1], "all") == 0) {
		rc = make_all(argv[2]);
	} else {
		const struct scenario *s = find(argv[1]);
		if (!s) {
			fprintf(stderr, "mkcap: unknown scenario '%s' (mkcap -l lists them)\n",
				argv[1]);
			rc = 2;
		} else {
			rc = make(s, argv[2]);
		}
	}
	pg_pkt_free(&P);
	return rc;
}
