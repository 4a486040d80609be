/*
** ipv6.c -- IPv6 (RFC 8200).
** TODO(core issue): extension headers, fragments, hop limit details.
*/
#include "dissect.h"

enum { F_VERSION, F_PLEN, F_NXT, F_HLIM, F_SRC, F_ADDR, F_DST, F_COUNT };
static int hf, proto_ipv6;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
	[F_VERSION] = {"ipv6.version", "Version", FT_UINT8, BASE_DEC, NULL, 0xf0, NULL},
	[F_PLEN] = {"ipv6.plen", "Payload Length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
	[F_NXT] = {"ipv6.nxt", "Next Header", FT_UINT8, BASE_DEC, NULL, 0, NULL},
	[F_HLIM] = {"ipv6.hlim", "Hop Limit", FT_UINT8, BASE_DEC, NULL, 0, NULL},
	[F_SRC] = {"ipv6.src", "Source Address", FT_IPv6, BASE_NONE, NULL, 0, "Source IPv6 Address"},
	[F_ADDR] = {"ipv6.addr", "Source or Destination Address", FT_IPv6, BASE_NONE, NULL, 0, NULL},
	[F_DST] = {"ipv6.dst", "Destination Address", FT_IPv6, BASE_NONE, NULL, 0,
		   "Destination IPv6 Address"},
};

static int dissect_ipv6(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	const uint8_t *h = cur_peek_ptr(c, 0, 40);
	if (!h)
		return dissect_report_error(pk, c, proto_ipv6);
	uint16_t plen = (uint16_t)(h[4] << 8 | h[5]);
	pk_add_layer(pk, proto_ipv6);
	pk->ip_depth++;
	addr_set(&pk->net_src, AT_IPv6, h + 8);
	addr_set(&pk->net_dst, AT_IPv6, h + 24);
	col_set_proto(pk, "IPv6");
	int it = fs_add_none(fs, proto_ipv6, start, 40);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_VERSION), start, 1, h[0] >> 4);
	fs_add_uint(fs, HF(F_PLEN), start + 4, 2, plen);
	fs_add_uint(fs, HF(F_NXT), start + 6, 1, h[6]);
	fs_add_uint(fs, HF(F_HLIM), start + 7, 1, h[7]);
	fs_add_ipv6(fs, HF(F_SRC), start + 8, h + 8);
	fs_add_ipv6(fs, HF(F_ADDR), start + 8, h + 8);
	fs_add_ipv6(fs, HF(F_DST), start + 24, h + 24);
	fs_add_ipv6(fs, HF(F_ADDR), start + 24, h + 24);
	fs_pop(fs, prev);
	struct cursor ip = cur_sub(c, 40u + plen);
	cur_skip(&ip, 40);
	struct cursor pl = cur_rest(&ip);
	if (dissect_next(pk, DT_IP_PROTO, h[6], &pl) == 0)
		dissect_data(pk, &pl);
	return 40 + plen;
}

static const struct dissector ipv6_dissector = {"ipv6", dissect_ipv6, 0};

void register_ipv6(void)
{
	proto_ipv6 = proto_register("Internet Protocol Version 6", "IPv6", "ipv6");
	hf = field_register(fields, F_COUNT);
}

void handoff_ipv6(void)
{
	dtable_add(DT_ETHERTYPE, 0x86dd, &ipv6_dissector);
}
