/*
** ipnet.c -- Solaris IPNET (LINKTYPE_IPNET, 226): a 24-byte header with the
** address family (2 = IPv4, 26 = Solaris AF_INET6) ahead of the IP packet.
*/
#include "dissect.h"

enum { F_VERSION, F_FAMILY, F_HTYPE, F_PKTLEN, F_IFINDEX, F_GRIFINDEX, F_ZSRC, F_ZDST, F_COUNT };
static int hf, proto_ipnet;
#define HF(x) (hf + (x))

static const struct field_def fields[F_COUNT] = {
    [F_VERSION] = {"ipnet.version", "Header version", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_FAMILY] = {"ipnet.family", "Address family", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_HTYPE] = {"ipnet.htype", "Hook type", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_PKTLEN] = {"ipnet.pktlen", "Data length", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_IFINDEX] = {"ipnet.ifindex", "Interface index", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_GRIFINDEX] = {"ipnet.grifindex", "Group interface index", FT_UINT32, BASE_DEC, NULL, 0,
		     NULL},
    [F_ZSRC] = {"ipnet.zsrc", "Source Zone ID", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_ZDST] = {"ipnet.zdst", "Destination Zone ID", FT_UINT32, BASE_DEC, NULL, 0, NULL},
};

static int dissect_ipnet(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_ipnet);
	col_set_proto(pk, "IPNET");
	if (!cur_has(c, 24)) {
		cur_check_at(c, 0, 24);
		return dissect_report_error(pk, c, proto_ipnet);
	}
	uint8_t fam = cur_peek_u8(c, 1);
	int it = fs_add_none(fs, proto_ipnet, start, 24);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_VERSION), start, 1, cur_peek_u8(c, 0));
	fs_add_uint(fs, HF(F_FAMILY), start + 1, 1, fam);
	fs_add_uint(fs, HF(F_HTYPE), start + 2, 2, cur_peek_be16(c, 2));
	fs_add_uint(fs, HF(F_PKTLEN), start + 4, 4, cur_peek_be32(c, 4));
	fs_add_uint(fs, HF(F_IFINDEX), start + 8, 4, cur_peek_be32(c, 8));
	fs_add_uint(fs, HF(F_GRIFINDEX), start + 12, 4, cur_peek_be32(c, 12));
	fs_add_uint(fs, HF(F_ZSRC), start + 16, 4, cur_peek_be32(c, 16));
	fs_add_uint(fs, HF(F_ZDST), start + 20, 4, cur_peek_be32(c, 20));
	fs_pop(fs, prev);
	cur_skip(c, 24);
	struct cursor pl = cur_rest(c);
	struct cursor try = pl;
	uint16_t et = fam == 2 ? 0x0800 : fam == 26 ? 0x86dd : 0;
	if (cur_remaining(&pl) && (!et || dissect_next(pk, DT_ETHERTYPE, et, &try) == 0))
		dissect_data(pk, &pl);
	return (int)total;
}

static const struct dissector ipnet_dissector = {"ipnet", dissect_ipnet, 0};

void register_ipnet(void)
{
	proto_ipnet = proto_register("Solaris IPNET", "IPNET", "ipnet");
	hf = field_register(fields, F_COUNT);
}

void handoff_ipnet(void)
{
	dtable_add(DT_WTAP_ENCAP, 226, &ipnet_dissector);
}
