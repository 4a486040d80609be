/*
** test_app_misc.c -- the smaller application dissectors against tshark
** 4.0.17.  Payloads are taken from corpus captures; the expected Protocol
** and Info are those captures' goldens (tshark -r FILE -n), frame noted.
*/
#include <stdio.h>

#include "dissect/app_util.h"
#include "test.h"
#include "test_app_harness.h"

static uint8_t buf[1024];

/* ndpi_fuzz_2006_bigendian_frag.pcap frame 1: NBNS "Name query NB ECI_DOMAIN<1c>" */
TEST(app_nbns_name_query)
{
	struct app_run r;
	app_run_init(&r);
	size_t n =
	    app_unhex("84e7011000010000000000002045464544454a465045454550454e4542454a454f5341"
		      "4341434143414341424d0000200001",
		      buf, sizeof buf);
	CHECK(app_feed(&r, 0, 137, 137, buf, (uint32_t)n) > 0);
	CHECK_STR(r.pk.col_proto, "NBNS");
	CHECK_STR(r.pk.info, "Name query NB ECI_DOMAIN<1c>");
	CHECK_STR(app_val(&r, "nbns.name"), "ECI_DOMAIN<1c>");
	app_run_free(&r);
}

/* suri_output_eve_ftp_data.pcap frames 920 and 1047 */
TEST(app_ftp_lines)
{
	struct app_run r;
	app_run_init(&r);
	static const char req[] = "PORT 192,168,0,13,234,10\r\n";
	CHECK(app_feed(&r, 1, 59898, 21, (const uint8_t *)req, sizeof req - 1) > 0);
	CHECK_STR(r.pk.col_proto, "FTP");
	CHECK_STR(r.pk.info, "Request: PORT 192,168,0,13,234,10");
	CHECK_STR(app_val(&r, "ftp.active.port"), "59914");
	static const char rsp[] = "200 PORT command successful. Consider using PASV.\r\n";
	CHECK(app_feed(&r, 1, 21, 59898, (const uint8_t *)rsp, sizeof rsp - 1) > 0);
	CHECK_STR(r.pk.info, "Response: 200 PORT command successful. Consider using PASV.");
	CHECK_STR(app_val(&r, "ftp.response.code"), "200");
	app_run_free(&r);
}

/* zeek_ssh_23streams.pcap frames 4 and 6: "Server: Protocol (SSH-2.0-OpenSSH_5.8)", then the
** client's banner fixes the version for later packets ("SSHv2"). */
TEST(app_ssh_banners)
{
	struct app_run r;
	app_run_init(&r);
	static const char s[] = "SSH-2.0-OpenSSH_5.8\r\n", c[] = "SSH-2.0-OpenSSH_5.9\r\n";
	CHECK(app_feed(&r, 1, 22, 51880, (const uint8_t *)s, sizeof s - 1) > 0);
	CHECK_STR(r.pk.col_proto, "SSH");
	CHECK_STR(r.pk.info, "Server: Protocol (SSH-2.0-OpenSSH_5.8)");
	CHECK(app_feed(&r, 1, 51880, 22, (const uint8_t *)c, sizeof c - 1) > 0);
	CHECK_STR(r.pk.col_proto, "SSH");
	CHECK_STR(r.pk.info, "Client: Protocol (SSH-2.0-OpenSSH_5.9)");
	/* a key exchange init (code 20) from the client, now under SSHv2 */
	static const uint8_t kex[] = {0, 0, 0, 12, 10, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
	CHECK(app_feed(&r, 1, 51880, 22, kex, sizeof kex) > 0);
	CHECK_STR(r.pk.col_proto, "SSHv2");
	CHECK_STR(r.pk.info, "Client: Key Exchange Init");
	app_run_free(&r);
}

/* ndpi_vnc_lostseg (pcapng): frames 4-7 of the handshake */
TEST(app_vnc_handshake)
{
	struct app_run r;
	app_run_init(&r);
	static const char ver[] = "RFB 004.001\n";
	static const uint8_t types[] = {7, 13, 0x85, 5, 0x81, 6, 0x82, 2}, sel[] = {13};
	CHECK(app_feed(&r, 1, 6900, 59791, (const uint8_t *)ver, sizeof ver - 1) > 0);
	CHECK_STR(r.pk.col_proto, "VNC");
	CHECK_STR(r.pk.info, "Server protocol version: 004.001");
	app_feed(&r, 1, 59791, 6900, (const uint8_t *)ver, sizeof ver - 1);
	CHECK_STR(r.pk.info, "Client protocol version: 004.001");
	app_feed(&r, 1, 6900, 59791, types, sizeof types);
	CHECK_STR(r.pk.col_proto ? r.pk.col_proto : "(null)", "VNC");
	CHECK_STR(r.pk.info, "Security types supported");
	app_feed(&r, 1, 59791, 6900, sel, sizeof sel);
	CHECK_STR(r.pk.info, "Security type Unknown (13) selected by client");
	app_run_free(&r);
}

/*
** Random and mutated payloads on every application port: nothing may read
** outside the payload (run under `make asan`), and Info stays bounded.
*/
TEST(app_random_payloads)
{
	static const struct {
		int tcp;
		uint16_t port;
	} ports[] = {
	    {0, 53},   {1, 53},   {0, 5353}, {0, 5355}, {0, 67},    {0, 123},  {0, 137},  {0, 500},
	    {0, 4500}, {0, 546},  {0, 1900}, {0, 5060}, {0, 88},    {1, 443},  {1, 80},   {1, 21},
	    {1, 20},   {1, 22},   {1, 23},   {1, 25},   {1, 139},   {1, 445},  {1, 513},  {1, 554},
	    {1, 3389}, {1, 5900}, {1, 6379}, {1, 6667}, {1, 20000}, {1, 9999}, {0, 9999},
	};
	static const char *const seeds[] = {
	    "8185818000010001000000000377777706676f6f676c6503636f6d0000010001c00c0001000100000070"
	    "0004adc27013",
	    "16030100430100003f0303111111111111111111111111111111111111111111111111111111111111"
	    "11111100000213010100001400000010000e00000b6578616d706c652e636f6d",
	    "474554202f20485454502f312e310d0a486f73743a20610d0a0d0a",
	    "0300002f2ae00000000000436f6f6b69653a206d737473686173683d610d0a0100080001000000",
	    "000000f4fe534d4240000100000000000500010000000000000000000000000000000000fffe0000",
	    "05640a44030004007caee6f78210004fbd",
	};
	struct app_run r;
	app_run_init(&r);
	uint32_t x = 12345;
	static uint8_t pay[600];
	for (size_t pi = 0; pi < sizeof ports / sizeof ports[0]; pi++) {
		for (int it = 0; it < 400; it++) {
			uint32_t n;
			if (it % 2) {
				size_t si = (size_t)(it / 2) % (sizeof seeds / sizeof seeds[0]);
				n = (uint32_t)app_unhex(seeds[si], pay, sizeof pay);
				for (int k = 0; k < 4 && n; k++) {
					x = x * 1103515245u + 12345u;
					pay[(x >> 8) % n] = (uint8_t)(x >> 16);
				}
				x = x * 1103515245u + 12345u;
				n = n ? (x >> 8) % (n + 1) : 0;
			} else {
				x = x * 1103515245u + 12345u;
				n = (x >> 8) % sizeof pay;
				for (uint32_t k = 0; k < n; k++) {
					x = x * 1103515245u + 12345u;
					pay[k] = (uint8_t)(x >> 16);
				}
			}
			uint16_t other = (uint16_t)(40000 + it);
			/* an exact-size copy, so a sanitizer sees any read past the end */
			uint8_t *m = malloc(n ? n : 1);
			if (!m)
				continue;
			memcpy(m, pay, n);
			r.pk.can_desegment = it % 5 == 0;
			if (it % 3)
				app_feed(&r, ports[pi].tcp, other, ports[pi].port, m, n);
			else
				app_feed(&r, ports[pi].tcp, ports[pi].port, other, m, n);
			free(m);
			CHECK(r.pk.info_len < PK_INFO_MAX);
		}
	}
	app_run_free(&r);
}

static void *conv_of(struct app_run *r, uint8_t host, uint16_t sp, uint16_t dp, int create,
		     int *dir)
{
	uint8_t a[4] = {10, 0, 0, host}, b[4] = {10, 0, 1, 1};
	struct packet *pk = &r->pk;
	pk->ptype = PT_TCP;
	pk->srcport = sp;
	pk->dstport = dp;
	addr_set(&pk->net_src, AT_IPv4, sp > dp ? a : b);
	addr_set(&pk->net_dst, AT_IPv4, sp > dp ? b : a);
	return app_conv(pk, field_lookup("ftp"), sizeof(int), create, dir);
}

/*
** app_conv remembers the last conversation it found: runs, both directions,
** interleaved conversations and the table's growth all find the same state.
*/
TEST(app_conv_memo_finds_the_same_state)
{
	struct app_run r;
	app_run_init(&r);
	int *st[300], dir, back;
	for (int i = 0; i < 300; i++) { /* past several growths of the table */
		st[i] = conv_of(&r, (uint8_t)(i % 200 + 2), (uint16_t)(40000 + i), 21, 1, &dir);
		*st[i] = i;
	}
	for (int i = 0; i < 300; i++) {
		int *s = conv_of(&r, (uint8_t)(i % 200 + 2), (uint16_t)(40000 + i), 21, 0, &dir);
		CHECK(s && *s == i);
		s = conv_of(&r, (uint8_t)(i % 200 + 2), (uint16_t)(40000 + i), 21, 0, &back);
		CHECK(s && *s == i && back == dir); /* the memo's hit */
		s = conv_of(&r, (uint8_t)(i % 200 + 2), 21, (uint16_t)(40000 + i), 0, &back);
		CHECK(s && *s == i && back == !dir); /* the other direction */
	}
	CHECK(conv_of(&r, 250, 12345, 21, 0, &dir) == NULL);
	app_run_free(&r);
}

/* app_header_next: the header walk HTTP and RTSP share */
TEST(app_header_lines)
{
	static const char msg[] = "Host: a.b\r\nX:\t \tv\nNoColon\r\n\r\nbody";
	const uint8_t *p = (const uint8_t *)msg;
	uint32_t n = (uint32_t)(sizeof msg - 1), off = 0;
	struct app_header h;
	CHECK(app_header_next(p, n, &off, &h) == 1);
	CHECK(h.off == 0 && h.len == 9 && h.size == 11 && h.colon == 4 && h.val == 6);
	CHECK(app_header_next(p, n, &off, &h) == 1); /* LF only; tabs and blanks before the value */
	CHECK(h.off == 11 && h.len == 6 && h.size == 7 && h.colon == 1 && h.val == 5);
	CHECK(app_header_next(p, n, &off, &h) == 1); /* no colon: colon == len */
	CHECK(h.colon == h.len && h.len == 7);
	CHECK(app_header_next(p, n, &off, &h) == 0 && off == n - 4); /* the empty line, consumed */
	uint32_t at = 11;
	CHECK(app_header_next(p, 15, &at, &h) == -1 && at == 11); /* no whole line left */
	at = n;
	CHECK(app_header_next(p, n, &at, &h) == -1 && at == n);
}
