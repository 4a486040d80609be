/*
** rawip.c -- raw IP link types: LINKTYPE_RAW (101, and the DLT_RAW values 12
** and 14 that pcap files also carry) picks IPv4 or IPv6 by the version
** nibble under a "raw" layer; LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229)
** go straight to their IP dissector.
*/
#include "dissect.h"

static int proto_raw;

static int dissect_raw(struct packet *pk, struct cursor *c)
{
	uint32_t total = cur_remaining(c);
	pk_add_layer(pk, proto_raw);
	col_set_proto(pk, "N/A");
	col_set_info(pk, "Raw packet data");
	fs_add_none(pk->fs, proto_raw, cur_pos(c), total);
	struct cursor pl = cur_rest(c);
	uint8_t b0 = cur_peek_u8(&pl, 0);
	if (pl.err)
		return (int)total;
	/* PPP in HDLC-like framing shows up on some raw captures */
	if (b0 == 0xff && cur_peek_u8(&pl, 1) == 0x03) {
		dissect_next(pk, DT_WTAP_ENCAP, 9, &pl);
		return (int)total;
	}
	int r = 0;
	if ((b0 >> 4) == 4)
		r = dissect_next(pk, DT_ETHERTYPE, 0x0800, &pl);
	else if ((b0 >> 4) == 6)
		r = dissect_next(pk, DT_ETHERTYPE, 0x86dd, &pl);
	else {
		/* neither IP version: tshark calls it malformed */
		struct cursor bad = pl;
		bad.err = CUR_MALFORMED;
		return dissect_report_error(pk, &bad, proto_raw);
	}
	(void)r;
	return (int)total;
}

static int dissect_raw4(struct packet *pk, struct cursor *c)
{
	return dissect_next(pk, DT_ETHERTYPE, 0x0800, c);
}

static int dissect_raw6(struct packet *pk, struct cursor *c)
{
	return dissect_next(pk, DT_ETHERTYPE, 0x86dd, c);
}

static const struct dissector raw_dissector = {"raw_ip", dissect_raw, 0};
static const struct dissector raw4_dissector = {"raw_ip4", dissect_raw4, 0};
static const struct dissector raw6_dissector = {"raw_ip6", dissect_raw6, 0};

void register_rawip(void)
{
	proto_raw = proto_register("Raw packet data", "Raw", "raw");
}

void handoff_rawip(void)
{
	dtable_add(DT_WTAP_ENCAP, 101, &raw_dissector);
	dtable_add(DT_WTAP_ENCAP, 12, &raw_dissector);
	dtable_add(DT_WTAP_ENCAP, 14, &raw_dissector);
	dtable_add(DT_WTAP_ENCAP, 228, &raw4_dissector);
	dtable_add(DT_WTAP_ENCAP, 229, &raw6_dissector);
}
