/*
** isakmp.c -- ISAKMP/IKE (RFC 2408, RFC 7296) header on udp 500, and on
** udp 4500 behind the four-zero-byte non-ESP marker (RFC 3948); other
** udp 4500 payloads are ESP and go to the IP protocol table.
*/
#include "dissect.h"

enum { F_ISPI, F_RSPI, F_NEXTP, F_VERSION, F_EXCH, F_FLAGS, F_MSGID, F_LEN, F_COUNT };
static int hf, proto_isakmp;
#define HF(x) (hf + (x))

static const struct value_string exch_v1[] = {
    {0, "NONE"},
    {1, "Base"},
    {2, "Identity Protection (Main Mode)"},
    {3, "Authentication Only"},
    {4, "Aggressive"},
    {5, "Informational"},
    {6, "Transaction (Config Mode)"},
    {32, "Quick Mode"},
    {33, "New Group Mode"},
    {0, NULL},
};

static const struct value_string exch_v2[] = {
    {34, "IKE_SA_INIT"},
    {35, "IKE_AUTH"},
    {36, "CREATE_CHILD_SA"},
    {37, "INFORMATIONAL"},
    {38, "IKE_SESSION_RESUME"},
    {43, "IKE_INTERMEDIATE"},
    {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_ISPI] = {"isakmp.ispi", "Initiator SPI", FT_BYTES, BASE_NONE, NULL, 0,
		"ISAKMP Initiator SPI"},
    [F_RSPI] = {"isakmp.rspi", "Responder SPI", FT_BYTES, BASE_NONE, NULL, 0,
		"ISAKMP Responder SPI"},
    [F_NEXTP] = {"isakmp.nextpayload", "Next payload", FT_UINT8, BASE_DEC, NULL, 0,
		 "ISAKMP Next Payload"},
    [F_VERSION] = {"isakmp.version", "Version", FT_UINT8, BASE_HEX, NULL, 0,
		   "ISAKMP Version (major + minor)"},
    [F_EXCH] = {"isakmp.exchangetype", "Exchange type", FT_UINT8, BASE_DEC, NULL, 0,
		"ISAKMP Exchange Type"},
    [F_FLAGS] = {"isakmp.flags", "Flags", FT_UINT8, BASE_HEX, NULL, 0, "ISAKMP Flags"},
    [F_MSGID] = {"isakmp.messageid", "Message ID", FT_UINT32, BASE_HEX, NULL, 0,
		 "ISAKMP Message ID"},
    [F_LEN] = {"isakmp.length", "Length", FT_UINT32, BASE_DEC, NULL, 0, "ISAKMP Length"},
};

static int dissect_isakmp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_isakmp);
	col_set_proto(pk, "ISAKMP");
	int it = fs_add_none(fs, proto_isakmp, start, total);
	int prev = fs_push(fs, it);
	const uint8_t *h = cur_peek_ptr(c, 0, 28);
	if (!h) {
		fs_pop(fs, prev);
		return dissect_report_error(pk, c, proto_isakmp);
	}
	uint8_t ver = h[17], ex = h[18], fl = h[19];
	uint32_t mid = cur_peek_be32(c, 20), len = cur_peek_be32(c, 24);
	fs_add_bytes(fs, HF(F_ISPI), start, 8, h, 8);
	fs_add_bytes(fs, HF(F_RSPI), start + 8, 8, h + 8, 8);
	fs_add_uint(fs, HF(F_NEXTP), start + 16, 1, h[16]);
	fs_add_uint(fs, HF(F_VERSION), start + 17, 1, ver);
	fs_add_uint(fs, HF(F_EXCH), start + 18, 1, ex);
	fs_add_uint(fs, HF(F_FLAGS), start + 19, 1, fl);
	fs_add_uint(fs, HF(F_MSGID), start + 20, 4, mid);
	fs_add_uint(fs, HF(F_LEN), start + 24, 4, len);
	fs_pop(fs, prev);
	if (pk->want_cols) {
		col_clear_info(pk);
		const char *name = vals_lookup((ver >> 4) == 2 ? exch_v2 : exch_v1, ex);
		if (name)
			col_append_info(pk, "%s", name);
		else
			col_append_info(pk, "Unknown (%u)", ex);
		if ((ver >> 4) == 2)
			col_append_info(pk, " MID=%02u %s %s", mid,
					fl & 0x08 ? "Initiator" : "Responder",
					fl & 0x20 ? "Response" : "Request");
	}
	return (int)total;
}

static int dissect_isakmp_natt(struct packet *pk, struct cursor *c)
{
	uint32_t marker = cur_peek_be32(c, 0);
	if (c->err) {
		c->err = CUR_OK;
		return 0;
	}
	if (marker != 0) {
		struct cursor t = *c;
		return dissect_next(pk, DT_IP_PROTO, 50, &t);
	}
	cur_skip(c, 4);
	struct cursor r = cur_rest(c);
	int n = dissect_isakmp(pk, &r);
	return n < 0 ? n : n + 4;
}

static const struct dissector isakmp_dissector = {"isakmp", dissect_isakmp, 0};
static const struct dissector natt_dissector = {"udpencap", dissect_isakmp_natt, 0};

void register_isakmp(void)
{
	proto_isakmp = proto_register("Internet Security Association and Key Management Protocol",
				      "ISAKMP", "isakmp");
	hf = field_register(fields, F_COUNT);
}

void handoff_isakmp(void)
{
	dtable_add(DT_UDP_PORT, 500, &isakmp_dissector);
	dtable_add(DT_UDP_PORT, 4500, &natt_dissector);
}
