/*
** esp.c -- IPsec Encapsulating Security Payload (RFC 4303), IP protocol 50,
** and its UDP encapsulation for NAT traversal (RFC 3948, port 4500), where a
** zero "non-ESP marker" announces IKE instead.  Without keys the payload is
** opaque: tshark shows only SPI and sequence number.
*/
#include "dissect.h"

enum { F_SPI, F_SEQUENCE, F_COUNT };
enum { U_KEEPALIVE, U_NON_ESP, U_COUNT };
static int hf, hfu, proto_esp, proto_udpencap;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
    [F_SPI] = {"esp.spi", "ESP SPI", FT_UINT32, BASE_HEX_DEC, NULL, 0,
	       "IP Encapsulating Security Payload Security Parameters Index"},
    [F_SEQUENCE] = {"esp.sequence", "ESP Sequence", FT_UINT32, BASE_DEC, NULL, 0,
		    "IP Encapsulating Security Payload Sequence Number"},
};

static const struct field_def udp_fields[U_COUNT] = {
    [U_KEEPALIVE] = {"udpencap.nat_keepalive", "NAT-keepalive packet", FT_NONE, BASE_NONE, NULL, 0,
		     NULL},
    [U_NON_ESP] = {"udpencap.non_esp_marker", "Non-ESP Marker", FT_NONE, BASE_NONE, NULL, 0, NULL},
};

static int dissect_esp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_esp);
	col_set_proto(pk, "ESP");
	col_clear_info(pk);
	uint32_t spi = cur_peek_be32(c, 0), seq = cur_peek_be32(c, 4);
	int it = fs_add_none(fs, proto_esp, start, total);
	if (c->err)
		return dissect_report_error(pk, c, proto_esp);
	if (pk->want_cols) {
		col_clear_info(pk);
		col_append_info(pk, "ESP (SPI=0x%08x)", spi);
	}
	int prev = fs_push(fs, it);
	pk_pir_u(pk, PIR_ESP_SPI, spi);
	pk_pir_u(pk, PIR_ESP_SEQ, seq);
	fs_add_uint(fs, HF(F_SPI), start, 4, spi);
	fs_add_uint(fs, HF(F_SEQUENCE), start + 4, 4, seq);
	fs_pop(fs, prev);
	return (int)total;
}

static int dissect_udpencap(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_udpencap);
	col_set_proto(pk, "UDPENCAP");
	int it = fs_add_none(fs, proto_udpencap, start, total);
	if (total == 1 && cur_peek_u8(c, 0) == 0xff) {
		col_set_info(pk, "NAT-keepalive");
		int prev = fs_push(fs, it);
		fs_add_none(fs, hfu + U_KEEPALIVE, start, 1);
		fs_pop(fs, prev);
		return 1;
	}
	if (cur_has(c, 4) && cur_peek_be32(c, 0) == 0) {
		int prev = fs_push(fs, it);
		fs_add_none(fs, hfu + U_NON_ESP, start, 4);
		fs_pop(fs, prev);
		cur_skip(c, 4);
		struct cursor pl = cur_rest(c);
		struct cursor try = pl;
		/* IKE behind the marker: whatever handles UDP port 500 */
		if (dissect_next(pk, DT_UDP_PORT, 500, &try) == 0)
			dissect_data(pk, &pl);
		return (int)total;
	}
	struct cursor pl = cur_rest(c);
	dissect_esp(pk, &pl);
	return (int)total;
}

static const struct dissector esp_dissector = {"esp", dissect_esp, 0};
static const struct dissector udpencap_dissector = {"udpencap", dissect_udpencap, 0};

void register_esp(void)
{
	proto_esp = proto_register("Encapsulating Security Payload", "ESP", "esp");
	hf = field_register(fields, F_COUNT);
	proto_udpencap =
	    proto_register("UDP Encapsulation of IPsec Packets", "UDPENCAP", "udpencap");
	hfu = field_register(udp_fields, U_COUNT);
}

void handoff_esp(void)
{
	dtable_add(DT_IP_PROTO, 50, &esp_dissector);
	dtable_add(DT_UDP_PORT, 4500, &udpencap_dissector);
}
