/*
** ah.c -- IPsec Authentication Header (RFC 4302), IP protocol 51: the header
** authenticates but does not hide, so the next header is dissected normally.
*/
#include "dissect.h"

enum { F_NEXT_HEADER, F_LENGTH, F_RESERVED, F_SPI, F_SEQUENCE, F_ICV, F_COUNT };
static int hf, proto_ah;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
    [F_NEXT_HEADER] = {"ah.next_header", "Next header", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_LENGTH] = {"ah.length", "Length", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_RESERVED] = {"ah.reserved", "Reserved", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_SPI] = {"ah.spi", "AH SPI", FT_UINT32, BASE_HEX, NULL, 0,
	       "IP Authentication Header Security Parameters Index"},
    [F_SEQUENCE] = {"ah.sequence", "AH Sequence", FT_UINT32, BASE_DEC, NULL, 0,
		    "IP Authentication Header Sequence Number"},
    [F_ICV] = {"ah.icv", "AH ICV", FT_BYTES, BASE_NONE, NULL, 0,
	       "IP Authentication Header Integrity Check Value"},
};

static int dissect_ah(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_ah);
	col_set_proto(pk, "AH");
	col_clear_info(pk);
	uint8_t nxt = cur_peek_u8(c, 0), plen = cur_peek_u8(c, 1);
	uint32_t spi = cur_peek_be32(c, 4), seq = cur_peek_be32(c, 8);
	uint32_t hlen = ((uint32_t)plen + 2) * 4;
	int it = fs_add_none(fs, proto_ah, start, hlen);
	if (c->err || hlen < 12)
		return dissect_report_error(pk, c, proto_ah);
	if (pk->want_cols) {
		col_clear_info(pk);
		col_append_info(pk, "AH (SPI=0x%08x)", spi);
	}
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_NEXT_HEADER), start, 1, nxt);
	fs_add_uint(fs, HF(F_LENGTH), start + 1, 1, plen);
	const uint8_t *p = cur_peek_ptr(c, 2, 2);
	if (p)
		fs_add_bytes(fs, HF(F_RESERVED), start + 2, 2, p, 2);
	fs_add_uint(fs, HF(F_SPI), start + 4, 4, spi);
	fs_add_uint(fs, HF(F_SEQUENCE), start + 8, 4, seq);
	const uint8_t *icv = cur_peek_ptr(c, 12, hlen - 12);
	if (icv && hlen > 12)
		fs_add_bytes(fs, HF(F_ICV), start + 12, hlen - 12, icv, hlen - 12);
	fs_pop(fs, prev);
	if (c->err || !cur_skip(c, hlen))
		return dissect_report_error(pk, c, proto_ah);
	struct cursor pl = cur_rest(c);
	if (cur_remaining(&pl) == 0)
		return (int)total;
	struct cursor try = pl;
	if (pk->nlayers >= PK_MAX_LAYERS - 4 || dissect_next(pk, DT_IP_PROTO, nxt, &try) == 0)
		dissect_data(pk, &pl);
	return (int)total;
}

static const struct dissector ah_dissector = {"ah", dissect_ah, 0};

void register_ah(void)
{
	proto_ah = proto_register("Authentication Header", "AH", "ah");
	hf = field_register(fields, F_COUNT);
}

void handoff_ah(void)
{
	dtable_add(DT_IP_PROTO, 51, &ah_dissector);
}
