/*
** nbns.c -- NetBIOS Name Service (RFC 1002) on udp 137.
**
** Names are DNS-style labels whose first label is the 32-character
** "first-level encoding" of a 16-byte NetBIOS name; tshark shows the
** decoded name, trailing blanks dropped, with its type byte as <xx>, and a
** fixed complaint when the encoding is not letters.
*/
#include <stdio.h>
#include <string.h>

#include "dissect.h"

enum {
	F_ID,
	F_FLAGS,
	F_F_RESPONSE,
	F_F_OPCODE,
	F_C_QUERIES,
	F_C_ANSWERS,
	F_C_AUTH,
	F_C_ADD,
	F_NAME,
	F_TYPE,
	F_CLASS,
	F_ADDR,
	F_TTL,
	F_DATA_LEN,
	F_COUNT
};
static int hf, proto_nbns;
#define HF(x) (hf + (x))

static const struct value_string opcode_vals[] = {
    {0, "Name query"},
    {5, "Registration"},
    {6, "Release"},
    {7, "Wait for acknowledgment"},
    {8, "Refresh"},
    {9, "Refresh (alternate opcode)"},
    {15, "Multi-homed registration"},
    {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_ID] = {"nbns.id", "Transaction ID", FT_UINT16, BASE_HEX, NULL, 0,
	      "Identification of transaction"},
    [F_FLAGS] = {"nbns.flags", "Flags", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_F_RESPONSE] = {"nbns.flags.response", "Response", FT_BOOLEAN, 16, NULL, 0x8000,
		      "Is the message a response?"},
    [F_F_OPCODE] = {"nbns.flags.opcode", "Opcode", FT_UINT16, BASE_DEC, opcode_vals, 0x7800,
		    "Operation code"},
    [F_C_QUERIES] = {"nbns.count.queries", "Questions", FT_UINT16, BASE_DEC, NULL, 0,
		     "Number of queries in packet"},
    [F_C_ANSWERS] = {"nbns.count.answers", "Answer RRs", FT_UINT16, BASE_DEC, NULL, 0,
		     "Number of answers in packet"},
    [F_C_AUTH] = {"nbns.count.auth_rr", "Authority RRs", FT_UINT16, BASE_DEC, NULL, 0,
		  "Number of authoritative records in packet"},
    [F_C_ADD] = {"nbns.count.add_rr", "Additional RRs", FT_UINT16, BASE_DEC, NULL, 0,
		 "Number of additional records in packet"},
    [F_NAME] = {"nbns.name", "Name", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [F_TYPE] = {"nbns.type", "Type", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_CLASS] = {"nbns.class", "Class", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_ADDR] = {"nbns.addr", "Addr", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_TTL] = {"nbns.ttl", "Time to live", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_DATA_LEN] = {"nbns.data_length", "Data length", FT_UINT16, BASE_DEC, NULL, 0, NULL},
};

#define NB_NAME_MAX 512

/*
** Decode the name at msg offset off into out; returns the bytes it takes
** at off, or 0 when the name runs off the message.
*/
static uint32_t get_nb_name(const struct cursor *msg, uint32_t off, char *out, size_t cap)
{
	struct cursor m = *msg;
	m.off = 0;
	m.err = CUR_OK;
	uint32_t pos = off, wire = 0;
	int jumps = 0;
	size_t k = 0;
	int first = 1;
	out[0] = 0;
	for (;;) {
		uint8_t l = cur_peek_u8(&m, pos);
		if (m.err)
			return 0;
		if ((l & 0xc0) == 0xc0) {
			uint8_t l2 = cur_peek_u8(&m, pos + 1);
			if (m.err || ++jumps > 16)
				return 0;
			if (!wire)
				wire = pos + 2 - off;
			pos = (uint32_t)(l & 0x3f) << 8 | l2;
			continue;
		}
		if (l == 0) {
			if (!wire)
				wire = pos + 1 - off;
			break;
		}
		const uint8_t *p = cur_peek_ptr(&m, pos + 1, l);
		if (!p)
			return 0;
		if (first) {
			char nb[16 * 4 + 8];
			size_t nk = 0;
			const char *bad = NULL;
			if (l != 32) {
				bad = "Illegal NetBIOS name (name is not 32 bytes long)";
			} else {
				uint8_t raw[16];
				for (int i = 0; i < 16 && !bad; i++) {
					uint8_t a = p[2 * i], b = p[2 * i + 1];
					if (a < 'A' || a > 'Z')
						bad = "Illegal NetBIOS name (1st character not "
						      "between A and Z in first-level encoding)";
					else if (b < 'A' || b > 'Z')
						bad = "Illegal NetBIOS name (2nd character not "
						      "between A and Z in first-level encoding)";
					else
						raw[i] = (uint8_t)((a - 'A') << 4 | (b - 'A'));
				}
				if (!bad) {
					int end = 15;
					while (end > 0 && raw[end - 1] == ' ')
						end--;
					for (int i = 0; i < end; i++) {
						if (raw[i] >= 0x20 && raw[i] < 0x7f)
							nb[nk++] = (char)raw[i];
						else
							nk += (size_t)snprintf(nb + nk,
									       sizeof nb - nk,
									       "<%02x>", raw[i]);
					}
					nk += (size_t)snprintf(nb + nk, sizeof nb - nk, "<%02x>",
							       raw[15]);
				}
			}
			if (bad)
				k += (size_t)snprintf(out + k, cap - k, "%s", bad);
			else
				k += (size_t)snprintf(out + k, cap - k, "%.*s", (int)nk, nb);
			first = 0;
		} else if (k + l + 2 < cap) {
			out[k++] = '.';
			memcpy(out + k, p, l);
			k += l;
			out[k] = 0;
		}
		if (k >= cap - 1)
			k = cap - 1;
		pos += 1u + l;
	}
	return wire;
}

static const char *type_name(uint16_t t)
{
	return t == 0x20 ? "NB" : t == 0x21 ? "NBSTAT" : "Unknown";
}

static int dissect_nbns(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	struct cursor msg = cur_rest(c);
	uint32_t start = cur_pos(&msg);
	pk_add_layer(pk, proto_nbns);
	col_set_proto(pk, "NBNS");
	int it = fs_add_none(fs, proto_nbns, start, cur_remaining(&msg));
	int prev = fs_push(fs, it);
	uint16_t id = cur_peek_be16(&msg, 0), flags = cur_peek_be16(&msg, 2);
	uint16_t qd = cur_peek_be16(&msg, 4), an = cur_peek_be16(&msg, 6);
	uint16_t ns = cur_peek_be16(&msg, 8), ar = cur_peek_be16(&msg, 10);
	if (msg.err) {
		fs_pop(fs, prev);
		return dissect_report_error(pk, &msg, proto_nbns);
	}
	int opcode = (flags >> 11) & 0xf, resp = flags >> 15;
	if (pk->want_cols) {
		const char *op = vals_lookup(opcode_vals, (uint32_t)opcode);
		col_clear_info(pk);
		if (op)
			col_append_info(pk, "%s%s", op, resp ? " response" : "");
		else
			col_append_info(pk, "Unknown operation (%d)%s", opcode,
					resp ? " response" : "");
	}
	fs_add_uint(fs, HF(F_ID), start, 2, id);
	fs_add_uint(fs, HF(F_FLAGS), start + 2, 2, flags);
	fs_add_uint(fs, HF(F_F_RESPONSE), start + 2, 2, (uint32_t)resp);
	fs_add_uint(fs, HF(F_F_OPCODE), start + 2, 2, (uint32_t)opcode);
	fs_add_uint(fs, HF(F_C_QUERIES), start + 4, 2, qd);
	fs_add_uint(fs, HF(F_C_ANSWERS), start + 6, 2, an);
	fs_add_uint(fs, HF(F_C_AUTH), start + 8, 2, ns);
	fs_add_uint(fs, HF(F_C_ADD), start + 10, 2, ar);
	struct cursor m = msg;
	m.off = 12;
	char *name = arena_alloc(pk->arena, NB_NAME_MAX);
	for (uint32_t i = 0; i < (uint32_t)qd + an + ns + ar; i++) {
		uint32_t at = m.off;
		uint32_t w = get_nb_name(&msg, at, name, NB_NAME_MAX);
		if (!w || !cur_skip(&m, w)) {
			m.err = m.err ? m.err : CUR_MALFORMED;
			break;
		}
		uint16_t type = cur_be16(&m), cls = cur_be16(&m);
		if (m.err)
			break;
		if (fs_wants(fs, HF(F_NAME))) {
			size_t nl = strlen(name);
			fs_add_bytes(fs, HF(F_NAME), start + at, w,
				     (const uint8_t *)arena_strndup(pk->arena, name, nl),
				     (uint32_t)nl);
		}
		fs_add_uint(fs, HF(F_TYPE), start + at + w, 2, type);
		fs_add_uint(fs, HF(F_CLASS), start + at + w + 2, 2, cls);
		if (i < qd) {
			col_append_info(pk, " %s %s", type_name(type), name);
			continue;
		}
		uint32_t ttl = cur_be32(&m);
		uint16_t dl = cur_be16(&m);
		if (m.err)
			break;
		fs_add_uint(fs, HF(F_TTL), start + at + w + 4, 4, ttl);
		fs_add_uint(fs, HF(F_DATA_LEN), start + at + w + 8, 2, dl);
		struct cursor rd = cur_sub(&m, dl);
		if (m.err)
			break;
		if (type == 0x20 && dl >= 6) {
			const uint8_t *a = cur_peek_ptr(&rd, 2, 4);
			if (a) {
				fs_add_bytes(fs, HF(F_ADDR), start + at + w + 12, 4, a, 4);
				col_append_info(pk, " %s %u.%u.%u.%u", type_name(type), a[0], a[1],
						a[2], a[3]);
			}
		} else {
			col_append_info(pk, " %s", type_name(type));
		}
	}
	fs_pop(fs, prev);
	if (m.err)
		return dissect_report_error(pk, &m, proto_nbns);
	return (int)cur_remaining(&msg) + (int)msg.off;
}

static const struct dissector nbns_dissector = {"nbns", dissect_nbns, 0};

void register_nbns(void)
{
	proto_nbns = proto_register("NetBIOS Name Service", "NBNS", "nbns");
	hf = field_register(fields, F_COUNT);
}

void handoff_nbns(void)
{
	dtable_add(DT_UDP_PORT, 137, &nbns_dissector);
	dtable_add(DT_TCP_PORT, 137, &nbns_dissector);
}
