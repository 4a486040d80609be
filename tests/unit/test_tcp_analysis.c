/*
** test_tcp_analysis.c -- TCP conversations built as byte arrays and run
** through dissect_packet(), checking tcp.stream and the tcp.analysis.*
** decisions on corner cases.
**
** The expected values come from tshark 4.0.17 on the very same packets:
**   WS_TEST_PCAP_DIR=/tmp/t build/rel/unit_tests tcp_
** writes one pcap per scenario (/tmp/t/<scenario>.pcap), then
**   tshark -r /tmp/t/<scenario>.pcap -T fields -e frame.number -e tcp.stream \
**     -e tcp.analysis.flags -e _ws.col.Info
** gave the values written below (single pass, default preferences).
*/
#include "tcp_pkt.h"

TEST(tcp_keepalive_garbage_byte)
{
	static const struct seg s[] = {
	    HANDSHAKE,
	    {30, 0, PA, ISN_C + 1, ISN_S + 1, 502, 100, 0, NULL},
	    {40, 1, A, ISN_S + 1, ISN_C + 101, 65535, 0, 0, NULL},
	    /* keep-alive carrying one garbage byte at nextseq-1 */
	    {5000, 0, A, ISN_C + 100, ISN_S + 1, 502, 1, 0, NULL},
	    {5010, 1, A, ISN_S + 1, ISN_C + 101, 65535, 0, 0, NULL},
	};
	static const struct want w[] = {
	    HANDSHAKE_INFO,
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=1 Ack=1 Win=502 Len=100"},
	    {0, "33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0"},
	    {0, "[TCP Keep-Alive] 40000 \xe2\x86\x92 33333 [ACK] Seq=100 Ack=1 Win=502 Len=1"},
	    {0,
	     "[TCP Keep-Alive ACK] 33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0"},
	};
	run("tcp_keepalive", s, N(s), w);
}

TEST(tcp_zero_window_probe)
{
	static const struct seg s[] = {
	    HANDSHAKE,
	    {30, 0, PA, ISN_C + 1, ISN_S + 1, 502, 100, 0, NULL},
	    {40, 1, A, ISN_S + 1, ISN_C + 101, 0, 0, 0, NULL},
	    {300, 0, A, ISN_C + 101, ISN_S + 1, 502, 1, 0, NULL},
	    {310, 1, A, ISN_S + 1, ISN_C + 101, 0, 0, 0, NULL},
	    {600, 1, A, ISN_S + 1, ISN_C + 101, 8000, 0, 0, NULL},
	};
	static const struct want w[] = {
	    HANDSHAKE_INFO,
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=1 Ack=1 Win=502 Len=100"},
	    {0, "[TCP ZeroWindow] 33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=0 Len=0"},
	    {0, "[TCP ZeroWindowProbe] 40000 \xe2\x86\x92 33333 [ACK] Seq=101 Ack=1 Win=502 Len=1"},
	    {0, "[TCP ZeroWindowProbeAck] [TCP ZeroWindow] 33333 \xe2\x86\x92 40000 [ACK] Seq=1 "
		"Ack=101 Win=0 Len=0"},
	    {0, "[TCP Window Update] 33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=8000 Len=0"},
	};
	run("tcp_zwp", s, N(s), w);
}

TEST(tcp_retransmission_vs_out_of_order)
{
	static const struct seg s[] = {
	    HANDSHAKE,
	    {30, 0, A, ISN_C + 1, ISN_S + 1, 502, 100, 0, NULL},
	    {31, 0, A, ISN_C + 201, ISN_S + 1, 502, 100, 0, NULL}, /* gap of 100 */
	    {36, 0, A, ISN_C + 101, ISN_S + 1, 502, 100, 0, NULL}, /* 5 ms < iRTT: OOO */
	    {40, 1, A, ISN_S + 1, ISN_C + 301, 65535, 0, 0, NULL},
	    {50, 0, A, ISN_C + 301, ISN_S + 1, 502, 100, 0, NULL},
	    {550, 0, A, ISN_C + 301, ISN_S + 1, 502, 100, 0, NULL}, /* 500 ms later: retrans */
	};
	static const struct want w[] = {
	    HANDSHAKE_INFO,
	    {0, "40000 \xe2\x86\x92 33333 [ACK] Seq=1 Ack=1 Win=502 Len=100"},
	    {0, "[TCP Previous segment not captured] 40000 \xe2\x86\x92 33333 [ACK] Seq=201 Ack=1 "
		"Win=502 Len=100"},
	    {0, "[TCP Out-Of-Order] 40000 \xe2\x86\x92 33333 [ACK] Seq=101 Ack=1 Win=502 Len=100"},
	    {0, "33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=301 Win=65535 Len=0"},
	    {0, "40000 \xe2\x86\x92 33333 [ACK] Seq=301 Ack=1 Win=502 Len=100"},
	    {0,
	     "[TCP Retransmission] 40000 \xe2\x86\x92 33333 [ACK] Seq=301 Ack=1 Win=502 Len=100"},
	};
	run("tcp_retrans_ooo", s, N(s), w);
}

TEST(tcp_sequence_wraparound)
{
	static const struct seg s[] = {
	    {0, 0, F_SYN, 0xffffff00u, 0, 64240, 0, 0, NULL},
	    {10, 1, SA, ISN_S, 0xffffff01u, 65535, 0, 0, NULL},
	    {20, 0, A, 0xffffff01u, ISN_S + 1, 502, 0, 0, NULL},
	    {30, 0, A, 0xffffff01u, ISN_S + 1, 502, 200, 0, NULL},
	    {31, 0, A, 0xffffffc9u, ISN_S + 1, 502, 200, 0, NULL}, /* crosses 2^32 */
	    {32, 0, A, 0x00000091u, ISN_S + 1, 502, 200, 0, NULL},
	    {40, 1, A, ISN_S + 1, 0x00000159u, 65535, 0, 0, NULL},
	};
	static const struct want w[] = {
	    HANDSHAKE_INFO,
	    {0, "40000 \xe2\x86\x92 33333 [ACK] Seq=1 Ack=1 Win=502 Len=200"},
	    {0, "40000 \xe2\x86\x92 33333 [ACK] Seq=201 Ack=1 Win=502 Len=200"},
	    {0, "40000 \xe2\x86\x92 33333 [ACK] Seq=401 Ack=1 Win=502 Len=200"},
	    {0, "33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=601 Win=65535 Len=0"},
	};
	run("tcp_wrap", s, N(s), w);
}

TEST(tcp_syn_retransmission)
{
	static const struct seg s[] = {
	    {0, 0, F_SYN, ISN_C, 0, 64240, 0, 0, NULL},
	    {1000, 0, F_SYN, ISN_C, 0, 64240, 0, 0, NULL},
	    {1010, 1, SA, ISN_S, ISN_C + 1, 65535, 0, 0, NULL},
	    {1020, 0, A, ISN_C + 1, ISN_S + 1, 502, 0, 0, NULL},
	};
	static const struct want w[] = {
	    {0, "40000 \xe2\x86\x92 33333 [SYN] Seq=0 Win=64240 Len=0"},
	    {0, "[TCP Retransmission] 40000 \xe2\x86\x92 33333 [SYN] Seq=0 Win=64240 Len=0"},
	    {0, "33333 \xe2\x86\x92 40000 [SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0"},
	    {0, "40000 \xe2\x86\x92 33333 [ACK] Seq=1 Ack=1 Win=502 Len=0"},
	};
	run("tcp_syn_retrans", s, N(s), w);
}

TEST(tcp_port_reuse)
{
	static const struct seg s[] = {
	    HANDSHAKE,
	    {30, 0, F_FIN | F_ACK, ISN_C + 1, ISN_S + 1, 502, 0, 0, NULL},
	    {40, 1, F_FIN | F_ACK, ISN_S + 1, ISN_C + 2, 65535, 0, 0, NULL},
	    {50, 0, A, ISN_C + 2, ISN_S + 2, 502, 0, 0, NULL},
	    {60, 0, F_SYN, 90000, 0, 64240, 0, 41000, NULL}, /* another flow */
	    {2000, 0, F_SYN, 70000, 0, 64240, 0, 0, NULL},   /* same 4-tuple, new ISN */
	    {2010, 1, SA, 80000, 70001, 65535, 0, 0, NULL},
	};
	static const struct want w[] = {
	    HANDSHAKE_INFO,
	    {0, "40000 \xe2\x86\x92 33333 [FIN, ACK] Seq=1 Ack=1 Win=502 Len=0"},
	    {0, "33333 \xe2\x86\x92 40000 [FIN, ACK] Seq=1 Ack=2 Win=65535 Len=0"},
	    {0, "40000 \xe2\x86\x92 33333 [ACK] Seq=2 Ack=2 Win=502 Len=0"},
	    {1, "41000 \xe2\x86\x92 33333 [SYN] Seq=0 Win=64240 Len=0"},
	    {2, "[TCP Port numbers reused] 40000 \xe2\x86\x92 33333 [SYN] Seq=0 Win=64240 Len=0"},
	    {2, "33333 \xe2\x86\x92 40000 [SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0"},
	};
	run("tcp_port_reuse", s, N(s), w);
}

TEST(tcp_dup_ack_counting)
{
	static const struct seg s[] = {
	    HANDSHAKE,
	    {30, 0, A, ISN_C + 1, ISN_S + 1, 502, 100, 0, NULL},
	    {31, 0, A, ISN_C + 201, ISN_S + 1, 502, 100, 0, NULL},
	    {32, 0, A, ISN_C + 301, ISN_S + 1, 502, 100, 0, NULL},
	    {33, 0, A, ISN_C + 401, ISN_S + 1, 502, 100, 0, NULL},
	    {40, 1, A, ISN_S + 1, ISN_C + 101, 65535, 0, 0, NULL},
	    {41, 1, A, ISN_S + 1, ISN_C + 101, 65535, 0, 0, NULL},
	    {42, 1, A, ISN_S + 1, ISN_C + 101, 65535, 0, 0, NULL},
	    {43, 1, A, ISN_S + 1, ISN_C + 101, 65535, 0, 0, NULL},
	    {45, 0, A, ISN_C + 101, ISN_S + 1, 502, 100, 0, NULL},
	    {60, 1, A, ISN_S + 1, ISN_C + 501, 65535, 0, 0, NULL},
	};
	static const struct want w[] = {
	    HANDSHAKE_INFO,
	    {0, "40000 \xe2\x86\x92 33333 [ACK] Seq=1 Ack=1 Win=502 Len=100"},
	    {0, "[TCP Previous segment not captured] 40000 \xe2\x86\x92 33333 [ACK] Seq=201 Ack=1 "
		"Win=502 Len=100"},
	    {0, "40000 \xe2\x86\x92 33333 [ACK] Seq=301 Ack=1 Win=502 Len=100"},
	    {0, "40000 \xe2\x86\x92 33333 [ACK] Seq=401 Ack=1 Win=502 Len=100"},
	    {0, "33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0"},
	    {0, "[TCP Dup ACK 8#1] 33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0"},
	    {0, "[TCP Dup ACK 8#2] 33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0"},
	    {0, "[TCP Dup ACK 8#3] 33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=101 Win=65535 Len=0"},
	    {0, "[TCP Fast Retransmission] 40000 \xe2\x86\x92 33333 [ACK] Seq=101 Ack=1 Win=502 "
		"Len=100"},
	    {0, "33333 \xe2\x86\x92 40000 [ACK] Seq=1 Ack=501 Win=65535 Len=0"},
	};
	run("tcp_dupack", s, N(s), w);
}

/*
** A TCP header quoted in an ICMP error takes a stream number (tshark looks
** the conversation up there too), and the real SYN of that 4-tuple later
** reuses it.  The ICMP dissector lives elsewhere; this stand-in only marks
** the quote (pk->in_error) and hands the quoted IPv4 packet on.
*/
static int fake_icmp(struct packet *pk, struct cursor *c)
{
	if (!cur_skip(c, 8))
		return -1;
	pk->in_error = 1;
	struct cursor q = cur_rest(c);
	dissect_next(pk, DT_ETHERTYPE, 0x0800, &q);
	return 1;
}

static const struct dissector fake_icmp_dissector = {"icmp", fake_icmp, 0};

TEST(tcp_icmp_quote_takes_stream)
{
	static const struct seg s[] = {
	    {0, 0, F_SYN, ISN_C, 0, 64240, 0, 41000, NULL},
	    {100, 0, F_SYN | QUOTED_IN_ICMP, 777, 0, 1000, 0, 0, NULL},
	    {200, 0, F_SYN, 777, 0, 1000, 0, 0, NULL},
	    {300, 0, F_SYN, ISN_C, 0, 64240, 0, 42000, NULL},
	};
	static const struct want w[] = {
	    {0, NULL},
	    {1, NULL},
	    {1, "40000 \xe2\x86\x92 33333 [SYN] Seq=0 Win=1000 Len=0"},
	    {2, "42000 \xe2\x86\x92 33333 [SYN] Seq=0 Win=64240 Len=0"},
	};
	/* the stand-in replaces the real ICMP dissector for this test only */
	const struct dissector *old = dtable_get(DT_IP_PROTO, 1);
	if (old)
		dtable_remove(DT_IP_PROTO, 1);
	dtable_add(DT_IP_PROTO, 1, &fake_icmp_dissector);
	run("tcp_icmp_quote", s, N(s), w);
	dtable_remove(DT_IP_PROTO, 1);
	if (old)
		dtable_add(DT_IP_PROTO, 1, old);
}
