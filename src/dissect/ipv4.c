/*
** ipv4.c -- IPv4 header (RFC 791); hand-off by ip.proto.
** TODO(core issue): options, defragmentation, checksum status, tunnels.
*/
#include "dissect.h"

enum {
	F_VERSION,
	F_HDR_LEN,
	F_DSFIELD,
	F_LEN,
	F_ID,
	F_FLAGS,
	F_FLAGS_RB,
	F_FLAGS_DF,
	F_FLAGS_MF,
	F_FRAG_OFFSET,
	F_TTL,
	F_PROTO,
	F_CHECKSUM,
	F_SRC,
	F_ADDR,
	F_DST,
	F_COUNT
};
static int hf, proto_ip;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
	[F_VERSION] = {"ip.version", "Version", FT_UINT8, BASE_DEC, NULL, 0xf0, NULL},
	[F_HDR_LEN] = {"ip.hdr_len", "Header Length", FT_UINT8, BASE_DEC, NULL, 0x0f, NULL},
	[F_DSFIELD] = {"ip.dsfield", "Differentiated Services Field", FT_UINT8, BASE_HEX, NULL, 0,
		       NULL},
	[F_LEN] = {"ip.len", "Total Length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
	[F_ID] = {"ip.id", "Identification", FT_UINT16, BASE_HEX_DEC, NULL, 0, NULL},
	[F_FLAGS] = {"ip.flags", "Flags", FT_UINT8, BASE_HEX, NULL, 0, "Flags (3 bits)"},
	[F_FLAGS_RB] = {"ip.flags.rb", "Reserved bit", FT_BOOLEAN, 8, NULL, 0x80, NULL},
	[F_FLAGS_DF] = {"ip.flags.df", "Don't fragment", FT_BOOLEAN, 8, NULL, 0x40, NULL},
	[F_FLAGS_MF] = {"ip.flags.mf", "More fragments", FT_BOOLEAN, 8, NULL, 0x20, NULL},
	[F_FRAG_OFFSET] = {"ip.frag_offset", "Fragment Offset", FT_UINT16, BASE_DEC, NULL, 0x1fff,
			   "Fragment offset (13 bits)"},
	[F_TTL] = {"ip.ttl", "Time to Live", FT_UINT8, BASE_DEC, NULL, 0, NULL},
	[F_PROTO] = {"ip.proto", "Protocol", FT_UINT8, BASE_DEC, NULL, 0, NULL},
	[F_CHECKSUM] = {"ip.checksum", "Header Checksum", FT_UINT16, BASE_HEX, NULL, 0, NULL},
	[F_SRC] = {"ip.src", "Source Address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
	[F_ADDR] = {"ip.addr", "Source or Destination Address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
	[F_DST] = {"ip.dst", "Destination Address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
};

static int dissect_ipv4(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	uint8_t vhl = cur_peek_u8(c, 0);
	uint32_t hlen = (uint32_t)(vhl & 0x0f) * 4;
	if (c->err || hlen < 20 || !cur_has(c, 20))
		return dissect_report_error(pk, c, proto_ip);
	const uint8_t *h = c->data + c->off;
	uint16_t tot = (uint16_t)(h[2] << 8 | h[3]);
	pk_add_layer(pk, proto_ip);
	pk->ip_depth++;
	addr_set(&pk->net_src, AT_IPv4, h + 12);
	addr_set(&pk->net_dst, AT_IPv4, h + 16);
	col_set_proto(pk, "IPv4");
	int it = fs_add_none(fs, proto_ip, start, hlen);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_VERSION), start, 1, vhl >> 4);
	fs_add_uint(fs, HF(F_HDR_LEN), start, 1, hlen);
	fs_add_uint(fs, HF(F_DSFIELD), start + 1, 1, h[1]);
	fs_add_uint(fs, HF(F_LEN), start + 2, 2, tot);
	fs_add_uint(fs, HF(F_ID), start + 4, 2, (uint32_t)(h[4] << 8 | h[5]));
	fs_add_uint(fs, HF(F_FLAGS), start + 6, 1, h[6] >> 5);
	fs_add_uint(fs, HF(F_FLAGS_RB), start + 6, 1, (h[6] & 0x80) != 0);
	fs_add_uint(fs, HF(F_FLAGS_DF), start + 6, 1, (h[6] & 0x40) != 0);
	fs_add_uint(fs, HF(F_FLAGS_MF), start + 6, 1, (h[6] & 0x20) != 0);
	fs_add_uint(fs, HF(F_FRAG_OFFSET), start + 6, 2, (uint32_t)((h[6] & 0x1f) << 8 | h[7]) * 8);
	fs_add_uint(fs, HF(F_TTL), start + 8, 1, h[8]);
	fs_add_uint(fs, HF(F_PROTO), start + 9, 1, h[9]);
	fs_add_uint(fs, HF(F_CHECKSUM), start + 10, 2, (uint32_t)(h[10] << 8 | h[11]));
	fs_add_bytes(fs, HF(F_SRC), start + 12, 4, h + 12, 4);
	fs_add_bytes(fs, HF(F_ADDR), start + 12, 4, h + 12, 4);
	fs_add_bytes(fs, HF(F_DST), start + 16, 4, h + 16, 4);
	fs_add_bytes(fs, HF(F_ADDR), start + 16, 4, h + 16, 4);
	fs_pop(fs, prev);
	struct cursor ip = cur_sub(c, tot >= hlen ? tot : hlen);
	cur_skip(&ip, hlen);
	struct cursor pl = cur_rest(&ip);
	if (dissect_next(pk, DT_IP_PROTO, h[9], &pl) == 0)
		dissect_data(pk, &pl);
	return (int)tot;
}

static const struct dissector ipv4_dissector = {"ip", dissect_ipv4, 0};

void register_ipv4(void)
{
	proto_ip = proto_register("Internet Protocol Version 4", "IPv4", "ip");
	hf = field_register(fields, F_COUNT);
}

void handoff_ipv4(void)
{
	dtable_add(DT_ETHERTYPE, 0x0800, &ipv4_dissector);
}
