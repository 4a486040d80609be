/*
** test_tcp_reasm.c -- single-pass desegmentation with a length-prefixed
** test protocol (u16 length + data), the C twin of the Lua dissector
** specs/verify/lua/lpp_manual.lua, on the segment layout of
** specs/verify/lpp.pcap (PDUs split across segments, two PDUs in one
** segment, a gap, an out-of-order segment).
**
** Expected values: WS_TEST_PCAP_DIR=/tmp/t build/rel/unit_tests tcp_reasm,
** then with lpp_manual.lua edited to register port 33333:
**   tshark -X lua_script:lpp33333.lua -r /tmp/t/tcp_reasm_lpp.pcap \
**     -T fields -e frame.number -e _ws.col.Protocol -e _ws.col.Info
*/
#include "tcp_pkt.h"

static int lpp_calls;

static int dissect_lpp(struct packet *pk, struct cursor *c)
{
	uint32_t off = 0, total = cur_remaining(c);
	lpp_calls++;
	while (off < total) {
		uint32_t remaining = total - off;
		if (remaining < 2) {
			pk->desegment_offset = off;
			pk->desegment_len = DESEGMENT_ONE_MORE_SEGMENT;
			return (int)total;
		}
		uint32_t l = cur_peek_be16(c, off);
		if (remaining < 2 + l) {
			pk->desegment_offset = off;
			pk->desegment_len = 2 + l - remaining;
			return (int)total;
		}
		col_set_proto(pk, "XLPP");
		char word[6] = {0};
		uint32_t wn = l < 5 ? l : 5;
		const uint8_t *p = cur_peek_ptr(c, off + 2, wn);
		if (p)
			memcpy(word, p, wn);
		col_append_info(pk, " [lpp %s]", word);
		off += 2 + l;
	}
	return (int)total;
}

static const struct dissector lpp_dissector = {"xlpp", dissect_lpp, 0};

TEST(tcp_reasm_lpp)
{
	static uint8_t stream[2 + 3 + 2 + 7 + 2 + 500 + 2 + 4];
	static uint8_t beta[6] = {0, 4, 'b', 'e', 't', 'a'};
	static uint8_t alpha[7] = {0, 5, 'a', 'l', 'p', 'h', 'a'};
	uint32_t n = 0;
	stream[n++] = 0, stream[n++] = 3;
	memcpy(stream + n, "one", 3), n += 3;
	stream[n++] = 0, stream[n++] = 7;
	memcpy(stream + n, "two-two", 7), n += 7;
	stream[n++] = 0x01, stream[n++] = 0xf4;
	for (int i = 0; i < 100; i++)
		memcpy(stream + n, "three", 5), n += 5;
	stream[n++] = 0, stream[n++] = 4;
	memcpy(stream + n, "four", 4), n += 4;
	/* segments: 114 (p1, p2, 100 B of p3), 300, 102 + 1 B of p4, 5 */
	const struct seg s[] = {
	    HANDSHAKE,
	    {30, 0, PA, ISN_C + 1, ISN_S + 1, 502, 114, 0, stream},
	    {40, 0, PA, ISN_C + 115, ISN_S + 1, 502, 300, 0, stream + 114},
	    {50, 0, PA, ISN_C + 415, ISN_S + 1, 502, 103, 0, stream + 414},
	    {60, 0, PA, ISN_C + 518, ISN_S + 1, 502, 5, 0, stream + 517},
	    {70, 0, PA, ISN_C + 530, ISN_S + 1, 502, 6, 0, beta},
	    {71, 0, PA, ISN_C + 523, ISN_S + 1, 502, 7, 0, alpha},
	};
	static const struct want w[] = {
	    HANDSHAKE_INFO,
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=1 Ack=1 Win=502 Len=114 [lpp one] "
		"[lpp two-t]"},
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=115 Ack=1 Win=502 Len=300 [TCP segment "
		"of a reassembled PDU]"},
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=415 Ack=1 Win=502 Len=103 [lpp three]"},
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=518 Ack=1 Win=502 Len=5 [lpp four]"},
	    {0, "[TCP Previous segment not captured] 40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=530 "
		"Ack=1 Win=502 Len=6 [lpp beta]"},
	    {0, "[TCP Out-Of-Order] 40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=523 Ack=1 Win=502 "
		"Len=7"},
	};
	dtable_add(DT_TCP_PORT, 33333, &lpp_dissector);
	lpp_calls = 0;
	run("tcp_reasm_lpp", s, (int)(sizeof s / sizeof s[0]), w);
	dtable_remove(DT_TCP_PORT, 33333);
	/* frames 4, 6 (twice: the PDU, then the 1-byte start of the next), 7, 8 */
	CHECK_EQ_U64(lpp_calls, 5);
}

/* Collects everything until the FIN (DESEGMENT_UNTIL_FIN), like a body without length. */
static int dissect_until_fin(struct packet *pk, struct cursor *c)
{
	if (pk->can_desegment) {
		pk->desegment_offset = 0;
		pk->desegment_len = DESEGMENT_UNTIL_FIN;
		return (int)cur_remaining(c);
	}
	col_set_proto(pk, "XFIN");
	col_append_info(pk, " [fin %u bytes]", cur_remaining(c));
	return (int)cur_remaining(c);
}

static const struct dissector fin_dissector = {"xfin", dissect_until_fin, 0};

/* tshark -X lua_script:fin.lua (the same dissector in Lua, on port 33333). */
TEST(tcp_reasm_until_fin)
{
	static const struct seg s[] = {
	    HANDSHAKE,
	    {30, 0, PA, ISN_C + 1, ISN_S + 1, 502, 100, 0, NULL},
	    {40, 0, PA, ISN_C + 101, ISN_S + 1, 502, 200, 0, NULL},
	    {50, 0, F_FIN | F_ACK, ISN_C + 301, ISN_S + 1, 502, 50, 0, NULL},
	    {60, 1, F_FIN | F_ACK, ISN_S + 1, ISN_C + 352, 65535, 0, 0, NULL},
	};
	static const struct want w[] = {
	    HANDSHAKE_INFO,
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=1 Ack=1 Win=502 Len=100 [TCP segment "
		"of a reassembled PDU]"},
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=101 Ack=1 Win=502 Len=200 [TCP segment "
		"of a reassembled PDU]"},
	    {0, "40000 \xe2\x86\x92 33333 [FIN, ACK] Seq=301 Ack=1 Win=502 Len=50 [fin 350 bytes]"},
	    {0, "33333 \xe2\x86\x92 40000 [FIN, ACK] Seq=1 Ack=352 Win=65535 Len=0"},
	};
	dtable_add(DT_TCP_PORT, 33333, &fin_dissector);
	run("tcp_reasm_until_fin", s, (int)(sizeof s / sizeof s[0]), w);
	dtable_remove(DT_TCP_PORT, 33333);
}

/*
** A PDU whose length field itself is split: ONE_MORE_SEGMENT, then a
** reassembled buffer holding one PDU and the start of the next, which the
** dissector hands back with desegment_offset > 0 (the MSP is split).
** tshark -X lua_script:lpp33333.lua, as for tcp_reasm_lpp.
*/
TEST(tcp_reasm_split_msp)
{
	static const uint8_t a[1] = {0};
	static const uint8_t b[7] = {3, 'o', 'n', 'e', 0, 4, 'f'};
	static const uint8_t c[3] = {'o', 'u', 'r'};
	static const struct seg s[] = {
	    HANDSHAKE,
	    {30, 0, PA, ISN_C + 1, ISN_S + 1, 502, 1, 0, a},
	    {40, 0, PA, ISN_C + 2, ISN_S + 1, 502, 7, 0, b},
	    {50, 0, PA, ISN_C + 9, ISN_S + 1, 502, 3, 0, c},
	};
	static const struct want w[] = {
	    HANDSHAKE_INFO,
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=1 Ack=1 Win=502 Len=1 [TCP segment of a "
		"reassembled PDU]"},
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=2 Ack=1 Win=502 Len=7 [lpp one]"},
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=9 Ack=1 Win=502 Len=3 [lpp four]"},
	};
	dtable_add(DT_TCP_PORT, 33333, &lpp_dissector);
	run("tcp_reasm_split", s, (int)(sizeof s / sizeof s[0]), w);
	dtable_remove(DT_TCP_PORT, 33333);
}

/*
** An out-of-order copy of a segment whose PDU was already reassembled and
** split: tshark adds it to the finished reassembly, which it overruns.
** tshark -X lua_script:lpp33333.lua, as for tcp_reasm_lpp.
*/
TEST(tcp_reasm_overlap_done)
{
	static const uint8_t a[1] = {0};
	static const uint8_t b[7] = {3, 'o', 'n', 'e', 0, 4, 'f'};
	static const uint8_t c[3] = {'o', 'u', 'r'};
	static const struct seg s[] = {
	    HANDSHAKE,
	    {30, 0, PA, ISN_C + 1, ISN_S + 1, 502, 1, 0, a},
	    {40, 0, PA, ISN_C + 2, ISN_S + 1, 502, 7, 0, b},
	    {50, 0, PA, ISN_C + 9, ISN_S + 1, 502, 3, 0, c},
	    {51, 0, PA, ISN_C + 2, ISN_S + 1, 502, 7, 0, b},
	    {52, 0, PA, ISN_C + 9, ISN_S + 1, 502, 2, 0, c},
	};
	static const struct want w[] = {
	    HANDSHAKE_INFO,
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=1 Ack=1 Win=502 Len=1 [TCP segment of a "
		"reassembled PDU]"},
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=2 Ack=1 Win=502 Len=7 [lpp one]"},
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=9 Ack=1 Win=502 Len=3 [lpp four]"},
	    {0, "[TCP Out-Of-Order] 40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=2 Ack=1 Win=502 Len=7"
		"[Reassembly error, protocol TCP: New fragment overlaps old data "
		"(retransmission?)]"},
	    {0, "[TCP Out-Of-Order] 40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=9 Ack=1 Win=502 Len=2"
		"[Reassembly error, protocol TCP: New fragment overlaps old data "
		"(retransmission?)]"},
	};
	dtable_add(DT_TCP_PORT, 33333, &lpp_dissector);
	run("tcp_reasm_overlap", s, (int)(sizeof s / sizeof s[0]), w);
	dtable_remove(DT_TCP_PORT, 33333);
}

/*
** A PDU in two segments, then an out-of-order copy of part of the second:
** tshark refuses it even though it lies inside the reassembled bytes.
*/
TEST(tcp_reasm_overlap_within)
{
	static const uint8_t x[5] = {0, 7, 's', 'e', 'v'};
	static const uint8_t y[4] = {'e', 'n', '-', '7'};
	static const struct seg s[] = {
	    HANDSHAKE,
	    {30, 0, PA, ISN_C + 1, ISN_S + 1, 502, 5, 0, x},
	    {40, 0, PA, ISN_C + 6, ISN_S + 1, 502, 4, 0, y},
	    {42, 0, PA, ISN_C + 7, ISN_S + 1, 502, 2, 0, y + 1},
	};
	static const struct want w[] = {
	    HANDSHAKE_INFO,
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=1 Ack=1 Win=502 Len=5 [TCP segment of a "
		"reassembled PDU]"},
	    {0, "40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=6 Ack=1 Win=502 Len=4 [lpp seven]"},
	    {0, "[TCP Out-Of-Order] 40000 \xe2\x86\x92 33333 [PSH, ACK] Seq=7 Ack=1 Win=502 Len=2"
		"[Reassembly error, protocol TCP: New fragment overlaps old data "
		"(retransmission?)]"},
	};
	dtable_add(DT_TCP_PORT, 33333, &lpp_dissector);
	run("tcp_reasm_within", s, (int)(sizeof s / sizeof s[0]), w);
	dtable_remove(DT_TCP_PORT, 33333);
}
