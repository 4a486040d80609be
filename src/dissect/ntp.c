/*
** ntp.c -- NTP (RFC 5905) on udp 123: the packet header and tshark's
** "NTP Version N, mode" Info text.
*/
#include "dissect.h"

enum {
	F_FLAGS,
	F_LI,
	F_VN,
	F_MODE,
	F_STRATUM,
	F_PPOLL,
	F_PRECISION,
	F_ROOTDELAY,
	F_ROOTDISP,
	F_REFID,
	F_REFTIME,
	F_ORG,
	F_REC,
	F_XMT,
	F_COUNT
};
static int hf, proto_ntp;
#define HF(x) (hf + (x))

static const struct value_string mode_vals[] = {
    {0, "reserved"},
    {1, "symmetric active"},
    {2, "symmetric passive"},
    {3, "client"},
    {4, "server"},
    {5, "broadcast"},
    {6, "reserved for NTP control message"},
    {7, "reserved for private use"},
    {0, NULL},
};

/* The mode as the Info column names it. */
static const char *const mode_info[8] = {
    "reserved", "symmetric active", "symmetric passive", "client",
    "server",   "broadcast",        "control",           "private",
};

static const struct field_def fields[F_COUNT] = {
    [F_FLAGS] = {"ntp.flags", "Flags", FT_UINT8, BASE_HEX, NULL, 0, "Flags (Leap/Version/Mode)"},
    [F_LI] = {"ntp.flags.li", "Leap Indicator", FT_UINT8, BASE_DEC, NULL, 0xc0,
	      "Warning of an impending leap second to be inserted or deleted in the last minute of "
	      "the current month"},
    [F_VN] = {"ntp.flags.vn", "Version number", FT_UINT8, BASE_DEC, NULL, 0x38, NULL},
    [F_MODE] = {"ntp.flags.mode", "Mode", FT_UINT8, BASE_DEC, mode_vals, 0x7, NULL},
    [F_STRATUM] = {"ntp.stratum", "Peer Clock Stratum", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_PPOLL] = {"ntp.ppoll", "Peer Polling Interval", FT_UINT8, BASE_DEC, NULL, 0,
		 "Maximum interval between successive messages"},
    [F_PRECISION] = {"ntp.precision", "Peer Clock Precision", FT_UINT8, BASE_DEC, NULL, 0,
		     "The precision of the system clock"},
    [F_ROOTDELAY] = {"ntp.rootdelay", "Root Delay", FT_UINT32, BASE_DEC, NULL, 0,
		     "Total round-trip delay to the reference clock"},
    [F_ROOTDISP] = {"ntp.rootdispersion", "Root Dispersion", FT_UINT32, BASE_DEC, NULL, 0,
		    "Total dispersion to the reference clock"},
    [F_REFID] = {"ntp.refid", "Reference ID", FT_BYTES, BASE_NONE, NULL, 0,
		 "Particular server or reference clock being used"},
    [F_REFTIME] = {"ntp.reftime", "Reference Timestamp", FT_ABSOLUTE_TIME, BASE_NONE, NULL, 0,
		   "Time when the system clock was last set or corrected"},
    [F_ORG] = {"ntp.org", "Origin Timestamp", FT_ABSOLUTE_TIME, BASE_NONE, NULL, 0,
	       "Time at the client when the request departed for the server"},
    [F_REC] = {"ntp.rec", "Receive Timestamp", FT_ABSOLUTE_TIME, BASE_NONE, NULL, 0,
	       "Time at the server when the request arrived from the client"},
    [F_XMT] = {"ntp.xmt", "Transmit Timestamp", FT_ABSOLUTE_TIME, BASE_NONE, NULL, 0,
	       "Time at the server when the response left for the client"},
};

/* NTP era-0 seconds to Unix time; a zero timestamp stays at the NTP epoch. */
static void add_ts(struct packet *pk, int f, uint32_t pos, uint64_t ts)
{
	int64_t sec = (int64_t)(ts >> 32) - 2208988800LL;
	int32_t nsec = (int32_t)(((ts & 0xffffffffu) * 1000000000ULL) >> 32);
	fs_add_time(pk->fs, HF(f), pos, 8, sec, nsec);
}

static int dissect_ntp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_ntp);
	col_set_proto(pk, "NTP");
	int it = fs_add_none(fs, proto_ntp, start, total);
	int prev = fs_push(fs, it);
	uint8_t fl = cur_peek_u8(c, 0);
	if (c->err) {
		fs_pop(fs, prev);
		return dissect_report_error(pk, c, proto_ntp);
	}
	uint8_t vn = (fl >> 3) & 7, mode = fl & 7;
	col_clear_info(pk);
	col_append_info(pk, "NTP Version %u, %s", vn, mode_info[mode]);
	fs_add_uint(fs, HF(F_FLAGS), start, 1, fl);
	fs_add_uint(fs, HF(F_LI), start, 1, fl >> 6);
	fs_add_uint(fs, HF(F_VN), start, 1, vn);
	fs_add_uint(fs, HF(F_MODE), start, 1, mode);
	if (mode >= 6) {
		fs_pop(fs, prev);
		return (int)total;
	}
	const uint8_t *h = cur_peek_ptr(c, 0, 48);
	if (!h) {
		fs_pop(fs, prev);
		return dissect_report_error(pk, c, proto_ntp);
	}
	fs_add_uint(fs, HF(F_STRATUM), start + 1, 1, h[1]);
	fs_add_uint(fs, HF(F_PPOLL), start + 2, 1, h[2]);
	fs_add_uint(fs, HF(F_PRECISION), start + 3, 1, h[3]);
	fs_add_uint(fs, HF(F_ROOTDELAY), start + 4, 4, cur_peek_be32(c, 4));
	fs_add_uint(fs, HF(F_ROOTDISP), start + 8, 4, cur_peek_be32(c, 8));
	fs_add_bytes(fs, HF(F_REFID), start + 12, 4, h + 12, 4);
	add_ts(pk, F_REFTIME, start + 16, cur_peek_be64(c, 16));
	add_ts(pk, F_ORG, start + 24, cur_peek_be64(c, 24));
	add_ts(pk, F_REC, start + 32, cur_peek_be64(c, 32));
	add_ts(pk, F_XMT, start + 40, cur_peek_be64(c, 40));
	fs_pop(fs, prev);
	return (int)total;
}

static const struct dissector ntp_dissector = {"ntp", dissect_ntp, 0};

void register_ntp(void)
{
	proto_ntp = proto_register("Network Time Protocol", "NTP", "ntp");
	hf = field_register(fields, F_COUNT);
}

void handoff_ntp(void)
{
	dtable_add(DT_UDP_PORT, 123, &ntp_dissector);
	dtable_add(DT_TCP_PORT, 123, &ntp_dissector);
}
