/*
** loop.c -- the Ethernet Configuration Testing Protocol ("loopback", ethertype
** 0x9000): a skip count, then little-endian function records.
*/
#include "dissect.h"

enum { F_SKIPCOUNT, F_FUNCTION, F_RELEVANT, F_RECEIPT, F_FWD_ADDR, F_COUNT };
static int hf, proto_loop;
#define HF(x) (hf + (x))

static const struct value_string func_vals[] = {
    {1, "Reply"},
    {2, "Forward Data"},
    {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_SKIPCOUNT] = {"loop.skipcount", "skipCount", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_FUNCTION] = {"loop.function", "Function", FT_UINT16, BASE_DEC, func_vals, 0, NULL},
    [F_RELEVANT] = {"loop.relevant_function", "Relevant function", FT_UINT16, BASE_DEC, func_vals,
		    0, NULL},
    [F_RECEIPT] = {"loop.receipt_number", "Receipt number", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_FWD_ADDR] = {"loop.forwarding_address", "Forwarding address", FT_ETHER, BASE_NONE, NULL, 0,
		    NULL},
};

static int dissect_loop_proto(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	pk_add_layer(pk, proto_loop);
	col_set_proto(pk, "LOOP");
	col_clear_info(pk);
	uint16_t skip = cur_peek_le16(c, 0);
	if (c->err)
		return dissect_report_error(pk, c, proto_loop);
	int it = fs_add_none(fs, proto_loop, start, total);
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_SKIPCOUNT), start, 2, skip);
	uint32_t o = 2u + skip;
	uint16_t fn = cur_peek_le16(c, o);
	if (!c->err) {
		const char *s = vals_lookup(func_vals, fn);
		if (s)
			col_append_info(pk, "%s", s);
		else
			col_append_info(pk, "Unknown function (%u)", fn);
		fs_add_uint(fs, HF(F_RELEVANT), start + o, 2, fn);
		fs_add_uint(fs, HF(F_FUNCTION), start + o, 2, fn);
		o += 2;
		if (fn == 1 && cur_has(c, o + 2)) {
			fs_add_uint(fs, HF(F_RECEIPT), start + o, 2, cur_peek_le16(c, o));
			o += 2;
		} else if (fn == 2 && cur_has(c, o + 6)) {
			fs_add_bytes(fs, HF(F_FWD_ADDR), start + o, 6, cur_peek_ptr(c, o, 6), 6);
			o += 6;
		}
	}
	fs_pop(fs, prev);
	c->err = CUR_OK;
	if (o < total && cur_skip(c, o)) {
		struct cursor pl = cur_rest(c);
		dissect_data(pk, &pl);
	}
	return (int)total;
}

static const struct dissector loop_proto_dissector = {"loop", dissect_loop_proto, 0};

void register_loop(void)
{
	proto_loop = proto_register("Configuration Test Protocol (loopback)", "LOOP", "loop");
	hf = field_register(fields, F_COUNT);
}

void handoff_loop(void)
{
	dtable_add(DT_ETHERTYPE, 0x9000, &loop_proto_dissector);
}
