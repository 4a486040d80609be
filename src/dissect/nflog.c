/*
** nflog.c -- Linux netfilter NFLOG (LINKTYPE_NFLOG, 239): a family/version/
** resource-id header, then host-endian TLVs padded to 4 bytes; the
** NFULA_PAYLOAD TLV holds the logged packet, an IP packet of the header's
** family.
*/
#include "dissect.h"

enum { F_FAMILY, F_VERSION, F_RES_ID, F_TLV_LENGTH, F_TLV_TYPE, F_PROTOCOL, F_HOOK, F_COUNT };
static int hf, proto_nflog;
#define HF(x) (hf + (x))

static const struct value_string family_vals[] = {
    {2, "IPv4"},
    {10, "IPv6"},
    {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_FAMILY] = {"nflog.family", "Family", FT_UINT8, BASE_DEC, family_vals, 0, NULL},
    [F_VERSION] = {"nflog.version", "Version", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_RES_ID] = {"nflog.res_id", "Resource id", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_TLV_LENGTH] = {"nflog.tlv_length", "Length", FT_UINT16, BASE_DEC, NULL, 0, "TLV Length"},
    [F_TLV_TYPE] = {"nflog.tlv_type", "Type", FT_UINT16, BASE_DEC, NULL, 0x7fff, "TLV Type"},
    [F_PROTOCOL] = {"nflog.protocol", "HW protocol", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_HOOK] = {"nflog.hook", "Netfilter hook", FT_UINT8, BASE_DEC, NULL, 0, NULL},
};

#define NFULA_PACKET_HDR 1
#define NFULA_PAYLOAD    9
#define NFLOG_MAX_TLVS   256

static int dissect_nflog(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_nflog);
	col_set_proto(pk, "NFLOG");
	uint8_t fam = cur_peek_u8(c, 0), ver = cur_peek_u8(c, 1);
	uint16_t res = cur_peek_be16(c, 2);
	if (c->err)
		return dissect_report_error(pk, c, proto_nflog);
	int it = fs_add_none(fs, proto_nflog, start, total);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_FAMILY), start, 1, fam);
	fs_add_uint(fs, HF(F_VERSION), start + 1, 1, ver);
	fs_add_uint(fs, HF(F_RES_ID), start + 2, 2, res);
	cur_skip(c, 4);
	struct cursor payload;
	int have_payload = 0;
	for (int n = 0; n < NFLOG_MAX_TLVS && cur_remaining(c) >= 4; n++) {
		uint32_t pos = cur_pos(c);
		uint16_t len = cur_peek_le16(c, 0), type = cur_peek_le16(c, 2) & 0x7fff;
		if (c->err || len < 4)
			break;
		fs_add_uint(fs, HF(F_TLV_LENGTH), pos, 2, len);
		fs_add_uint(fs, HF(F_TLV_TYPE), pos + 2, 2, type);
		if (type == NFULA_PACKET_HDR && len >= 8) {
			fs_add_uint(fs, HF(F_PROTOCOL), pos + 4, 2, cur_peek_be16(c, 4));
			fs_add_uint(fs, HF(F_HOOK), pos + 6, 1, cur_peek_u8(c, 6));
		}
		if (type == NFULA_PAYLOAD && !have_payload) {
			struct cursor t = *c;
			cur_skip(&t, 4);
			payload = cur_sub(&t, len - 4u);
			have_payload = 1;
		}
		uint32_t step = (len + 3u) & ~3u;
		if (!cur_skip(c, step < cur_remaining(c) ? step : cur_remaining(c)))
			break;
	}
	fs_pop(fs, prev);
	if (have_payload && cur_remaining(&payload)) {
		struct cursor try = payload;
		uint16_t et = fam == 2 ? 0x0800 : fam == 10 ? 0x86dd : 0;
		if (!et || dissect_next(pk, DT_ETHERTYPE, et, &try) == 0)
			dissect_data(pk, &payload);
	}
	return (int)total;
}

static const struct dissector nflog_dissector = {"nflog", dissect_nflog, 0};

void register_nflog(void)
{
	proto_nflog = proto_register("Linux Netfilter NFLOG", "NFLOG", "nflog");
	hf = field_register(fields, F_COUNT);
}

void handoff_nflog(void)
{
	dtable_add(DT_WTAP_ENCAP, 239, &nflog_dissector);
}
