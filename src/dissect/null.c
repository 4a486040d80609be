/*
** null.c -- BSD loopback encapsulations: NULL (LINKTYPE_NULL, 0), whose
** 4-byte address family is in the capturing host's byte order, and LOOP
** (LINKTYPE_LOOP, 108), always big-endian.  Families go through
** DT_NULL_FAMILY; an ethertype-looking header goes through DT_ETHERTYPE.
*/
#include "dissect.h"

enum { F_TYPE, F_FAMILY, F_COUNT };
static int hf, proto_null;
#define HF(x) (hf + (x))

static const struct value_string family_vals[] = {
    {2, "IP"},    {7, "OSI"},   {16, "Apple Talk"}, {23, "Netware IPX/SPX"},
    {24, "IPv6"}, {28, "IPv6"}, {30, "IPv6"},       {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_TYPE] = {"null.type", "Type", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_FAMILY] = {"null.family", "Family", FT_UINT32, BASE_DEC, family_vals, 0, NULL},
};

#define IEEE_802_3_MAX 1500u

static int null_payload(struct packet *pk, struct cursor *c, uint32_t start, uint32_t family,
			int it, int loop)
{
	struct fieldset *fs = pk->fs;
	int prev = fs_push(fs, it);
	if (!loop && family > IEEE_802_3_MAX) {
		/* some systems put an ethertype in the family slot */
		fs_add_uint(fs, HF(F_TYPE), start, 4, family & 0xffff);
		fs_pop(fs, prev);
		struct cursor pl = cur_rest(c);
		struct cursor try = pl;
		if (dissect_next(pk, DT_ETHERTYPE, family & 0xffff, &try) == 0)
			dissect_data(pk, &pl);
		return 0;
	}
	fs_add_uint(fs, HF(F_FAMILY), start, 4, family);
	fs_pop(fs, prev);
	struct cursor pl = cur_rest(c);
	struct cursor try = pl;
	if (dissect_next(pk, DT_NULL_FAMILY, family, &try) == 0)
		dissect_data(pk, &pl);
	return 0;
}

static int null_common(struct packet *pk, struct cursor *c, int loop)
{
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_null);
	col_set_proto(pk, "N/A");
	col_set_info(pk, "Null/Loopback");
	const uint8_t *h = cur_peek_ptr(c, 0, 4);
	if (!h)
		return dissect_report_error(pk, c, proto_null);
	/* PPP in HDLC-like framing turns up on some NULL captures */
	if (!loop && h[0] == 0xff && h[1] == 0x03) {
		struct cursor ppp = cur_rest(c);
		if (dissect_next(pk, DT_WTAP_ENCAP, 9, &ppp) != 0)
			return (int)total;
	}
	uint32_t v;
	if (loop) {
		v = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
	} else {
		v = (uint32_t)h[3] << 24 | (uint32_t)h[2] << 16 | (uint32_t)h[1] << 8 | h[0];
		if (v & 0xffff0000u) {
			/* written on a host of the other byte order, or an ethertype in
			** the top half (tshark: below 0x0006xxxx it is a type) */
			if ((v & 0xff000000u) == 0 && (v & 0x00ff0000u) < 0x00060000u)
				v >>= 16;
			else
				v = (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) |
				    (v << 24);
		}
	}
	int it = fs_add_none(pk->fs, proto_null, start, 4);
	cur_skip(c, 4);
	null_payload(pk, c, start, v, it, loop);
	return (int)total;
}

static int dissect_null(struct packet *pk, struct cursor *c)
{
	return null_common(pk, c, 0);
}

static int dissect_loop(struct packet *pk, struct cursor *c)
{
	return null_common(pk, c, 1);
}

static int family_ipv4(struct packet *pk, struct cursor *c)
{
	return dissect_next(pk, DT_ETHERTYPE, 0x0800, c);
}

static int family_ipv6(struct packet *pk, struct cursor *c)
{
	return dissect_next(pk, DT_ETHERTYPE, 0x86dd, c);
}

static const struct dissector null_dissector = {"null", dissect_null, 0};
static const struct dissector loop_dissector = {"loop", dissect_loop, 0};
static const struct dissector af_ipv4 = {"ip", family_ipv4, 0};
static const struct dissector af_ipv6 = {"ipv6", family_ipv6, 0};

void register_null(void)
{
	proto_null = proto_register("Null/Loopback", "NULL", "null");
	hf = field_register(fields, F_COUNT);
}

void handoff_null(void)
{
	dtable_add(DT_WTAP_ENCAP, 0, &null_dissector);
	dtable_add(DT_WTAP_ENCAP, 108, &loop_dissector);
	dtable_add(DT_NULL_FAMILY, 2, &af_ipv4);
	/* BSD AF_INET6 differs: NetBSD/OpenBSD 24, FreeBSD 28, Darwin 30 */
	dtable_add(DT_NULL_FAMILY, 24, &af_ipv6);
	dtable_add(DT_NULL_FAMILY, 28, &af_ipv6);
	dtable_add(DT_NULL_FAMILY, 30, &af_ipv6);
}
