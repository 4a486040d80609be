/*
** test_app_proto.c -- application dissectors against tshark 4.0.17.
**
** Every payload below was written into a capture with text2pcap and read
** back with
**   tshark -r X.pcap -T fields -e _ws.col.Protocol -e _ws.col.Info -e <fields>
** (text2pcap -u SRC,DST for UDP, -T SRC,DST for TCP); the expected strings
** are that output.  The DNS response comes from the corpus capture
** pcpp_dns_packets.pcap, frame 2.
*/
#include <stdio.h>

#include "test.h"
#include "test_app_harness.h"

static uint8_t buf[2048];

/* text2pcap -u 53,1053; tshark: DNS / "Standard query response 0x8185 A www.google.com A ..." */
TEST(app_dns_response)
{
	struct app_run r;
	app_run_init(&r);
	size_t n = app_unhex(
	    "8185818000010005000000000377777706676f6f676c6503636f6d0000010001c00c00010001000000"
	    "700004adc27013c00c00010001000000700004adc27012c00c00010001000000700004adc27011c00c"
	    "00010001000000700004adc27010c00c00010001000000700004adc27014",
	    buf, sizeof buf);
	CHECK(app_feed(&r, 0, 53, 1053, buf, (uint32_t)n) > 0);
	CHECK_STR(r.pk.col_proto, "DNS");
	CHECK_STR(r.pk.info, "Standard query response 0x8185 A www.google.com A 173.194.112.19 A "
			     "173.194.112.18 A 173.194.112.17 A 173.194.112.16 A 173.194.112.20");
	CHECK_STR(app_val(&r, "dns.qry.name"), "www.google.com");
	CHECK_STR(app_val(&r, "dns.a"), "173.194.112.19");
	CHECK_STR(app_val(&r, "dns.count.answers"), "5");
	CHECK_STR(app_val(&r, "dns.flags.response"), "1");
	app_run_free(&r);
}

/* A name pointing at itself: tshark says "Standard query 0x1234 A <Name contains a pointer that
 * loops>". */
TEST(app_dns_pointer_loop)
{
	struct app_run r;
	app_run_init(&r);
	size_t n = app_unhex("123401000001000000000000c00c00010001", buf, sizeof buf);
	app_feed(&r, 0, 1053, 53, buf, (uint32_t)n);
	CHECK_STR(r.pk.info, "Standard query 0x1234 A <Name contains a pointer that loops>");
	CHECK_STR(app_val(&r, "dns.qry.name"), "<Name contains a pointer that loops>");
	app_run_free(&r);
}

/* Every truncation of a DNS message must be handled without reading past the end. */
TEST(app_dns_truncations)
{
	struct app_run r;
	app_run_init(&r);
	size_t n =
	    app_unhex("8185818000010001000000000377777706676f6f676c6503636f6d0000010001c00c000100"
		      "01000000700004adc27013",
		      buf, sizeof buf);
	for (size_t k = 0; k <= n; k++) {
		static uint8_t cut[64];
		memcpy(cut, buf, k);
		app_feed(&r, 0, 53, 1053, cut, (uint32_t)k);
		CHECK(r.pk.info_len < PK_INFO_MAX);
	}
	app_run_free(&r);
}

/* text2pcap -u 68,67; tshark: DHCP / "DHCP Discover - Transaction ID 0x3d1d" */
TEST(app_dhcp_discover)
{
	struct app_run r;
	app_run_init(&r);
	memset(buf, 0, 300);
	static const uint8_t hdr[] = {1, 1, 6, 0, 0, 0, 0x3d, 0x1d};
	static const uint8_t mac[] = {0x00, 0x0b, 0x82, 0x01, 0xfc, 0x42};
	static const uint8_t opts[] = {0x63, 0x82, 0x53, 0x63, 53, 1, 1, 255};
	memcpy(buf, hdr, sizeof hdr);
	memcpy(buf + 28, mac, sizeof mac);
	memcpy(buf + 236, opts, sizeof opts);
	CHECK(app_feed(&r, 0, 68, 67, buf, 244) > 0);
	CHECK_STR(r.pk.col_proto, "DHCP");
	CHECK_STR(r.pk.info, "DHCP Discover - Transaction ID 0x3d1d");
	CHECK_STR(app_val(&r, "dhcp.id"), "15645");
	CHECK_STR(app_val(&r, "dhcp.option.dhcp"), "1");
	app_run_free(&r);
}

/* text2pcap -T 50000,443; tshark: TLSv1 / "Client Hello", SNI example.com, record version 0x0301 */
TEST(app_tls_client_hello)
{
	struct app_run r;
	app_run_init(&r);
	size_t n =
	    app_unhex("16030100430100003f0303111111111111111111111111111111111111111111111111111111"
		      "111111111100000213010100001400000010000e00000b6578616d706c652e636f6d",
		      buf, sizeof buf);
	CHECK(app_feed(&r, 1, 50000, 443, buf, (uint32_t)n) > 0);
	CHECK_STR(r.pk.col_proto, "TLSv1");
	CHECK_STR(r.pk.info, "Client Hello");
	CHECK_STR(app_val(&r, "tls.handshake.extensions_server_name"), "example.com");
	CHECK_STR(app_val(&r, "tls.record.version"), "769");
	app_run_free(&r);
}

/* text2pcap -T 50000,80; tshark: HTTP / "GET /index.html HTTP/1.1 " */
TEST(app_http_request)
{
	struct app_run r;
	app_run_init(&r);
	static const char req[] =
	    "GET /index.html HTTP/1.1\r\nHost: example.com\r\nUser-Agent: t\r\n\r\n";
	CHECK(app_feed(&r, 1, 50000, 80, (const uint8_t *)req, sizeof req - 1) > 0);
	CHECK_STR(r.pk.col_proto, "HTTP");
	CHECK_STR(r.pk.info, "GET /index.html HTTP/1.1 ");
	CHECK_STR(app_val(&r, "http.request.method"), "GET");
	CHECK_STR(app_val(&r, "http.request.uri"), "/index.html");
	CHECK_STR(app_val(&r, "http.host"), "example.com");
	CHECK_STR(app_val(&r, "http.request.full_uri"), "http://example.com/index.html");
	app_run_free(&r);
}

/* text2pcap -T 80,50000; tshark: HTTP / "HTTP/1.1 200 OK  (text/html)" */
TEST(app_http_response)
{
	struct app_run r;
	app_run_init(&r);
	static const char rsp[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
				  "Content-Length: 5\r\n\r\nhello";
	CHECK(app_feed(&r, 1, 80, 50000, (const uint8_t *)rsp, sizeof rsp - 1) > 0);
	CHECK_STR(r.pk.info, "HTTP/1.1 200 OK  (text/html)");
	CHECK_STR(app_val(&r, "http.response.code"), "200");
	CHECK_STR(app_val(&r, "http.content_type"), "text/html; charset=utf-8");
	CHECK_STR(app_val(&r, "http.content_length"), "5");
	/* an incomplete body asks TCP for the rest when it can reassemble */
	r.pk.can_desegment = 1;
	r.pk.desegment_len = 0;
	app_feed(&r, 1, 80, 50000, (const uint8_t *)rsp, sizeof rsp - 3);
	CHECK_EQ_U64(r.pk.desegment_len, 2);
	/* tshark: "HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]", TCP adding the tail */
	CHECK_STR(r.pk.info, "HTTP/1.1 200 OK ");
	r.pk.can_desegment = 0;
	app_run_free(&r);
}

/* text2pcap -u 50123,123; tshark: NTP / "NTP Version 4, client" */
TEST(app_ntp_client)
{
	struct app_run r;
	app_run_init(&r);
	memset(buf, 0, 48);
	buf[0] = 0x23;
	CHECK(app_feed(&r, 0, 50123, 123, buf, 48) > 0);
	CHECK_STR(r.pk.col_proto, "NTP");
	CHECK_STR(r.pk.info, "NTP Version 4, client");
	CHECK_STR(app_val(&r, "ntp.flags.vn"), "4");
	CHECK_STR(app_val(&r, "ntp.flags.mode"), "3");
	app_run_free(&r);
}

/* RTSP on 8554, checked against ndpi_rtsp_sll_retrans (corpus) with
** tshark -r FILE: "DESCRIBE rtsp://10.2.2.2:8554/ RTSP/1.0" and "Reply: RTSP/1.0 200 OK". */
TEST(app_rtsp_lines)
{
	struct app_run r;
	app_run_init(&r);
	static const char req[] = "DESCRIBE rtsp://10.2.2.2:8554/ RTSP/1.0\r\nCSeq: 2\r\n\r\n";
	CHECK(app_feed(&r, 1, 52470, 8554, (const uint8_t *)req, sizeof req - 1) > 0);
	CHECK_STR(r.pk.col_proto, "RTSP");
	CHECK_STR(r.pk.info, "DESCRIBE rtsp://10.2.2.2:8554/ RTSP/1.0");
	CHECK_STR(app_val(&r, "rtsp.method"), "DESCRIBE");
	static const char rsp[] = "RTSP/1.0 200 OK\r\nCSeq: 2\r\n\r\n";
	CHECK(app_feed(&r, 1, 8554, 52470, (const uint8_t *)rsp, sizeof rsp - 1) > 0);
	CHECK_STR(r.pk.info, "Reply: RTSP/1.0 200 OK");
	CHECK_STR(app_val(&r, "rtsp.status"), "200");
	app_run_free(&r);
}

/*
** Reassembly requests, as tshark's dissectors make them: a TLS record or a
** DNS-over-TCP message that continues in the next segment asks TCP for
** exactly the missing bytes and shows nothing itself.
*/
TEST(app_desegment_requests)
{
	struct app_run r;
	app_run_init(&r);
	size_t n =
	    app_unhex("16030100430100003f0303111111111111111111111111111111111111111111111111111111"
		      "111111111100000213010100001400000010000e00000b6578616d706c652e636f6d",
		      buf, sizeof buf);
	r.pk.can_desegment = 1;
	r.pk.desegment_len = 0;
	app_feed(&r, 1, 50000, 443, buf, (uint32_t)n - 10);
	CHECK_EQ_U64(r.pk.desegment_offset, 0);
	CHECK_EQ_U64(r.pk.desegment_len, 10);
	CHECK(r.pk.nlayers == 0);
	/* DNS over TCP: 2-byte length 0x20, only 12 bytes of it here */
	size_t m = app_unhex("0020123401000001000000000000", buf, sizeof buf);
	r.pk.desegment_len = 0;
	app_feed(&r, 1, 50000, 53, buf, (uint32_t)m);
	CHECK_EQ_U64(r.pk.desegment_len, 0x20 + 2 - m);
	r.pk.can_desegment = 0;
	app_run_free(&r);
}
