/*
** test_app_misc.c -- the smaller application dissectors against tshark
** 4.0.17.  Payloads are taken from corpus captures; the expected Protocol
** and Info are those captures' goldens (tshark -r FILE -n), frame noted.
*/
#include <stdio.h>

#include "test.h"
#include "test_app_harness.h"

static uint8_t buf[1024];

/* ndpi_fuzz_2006_bigendian_frag.pcap frame 1: NBNS "Name query NB ECI_DOMAIN<1c>" */
TEST(app_nbns_name_query)
{
	struct app_run r;
	app_run_init(&r);
	size_t n = app_unhex("84e7011000010000000000002045464544454a465045454550454e4542454a454f5341"
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
