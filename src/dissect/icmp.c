/*
** icmp.c -- ICMP for IPv4 (RFC 792 and friends): type/code, checksum check,
** echo request/reply matching (keyed on identifier, sequence and checksum, as
** tshark does), and the invoking packet quoted by error messages.
*/
#include <stdlib.h>
#include <string.h>

#include "../core/expert.h"
#include "../core/util.h"
#include "icmp.h"

enum {
	F_TYPE,
	F_CODE,
	F_CHECKSUM,
	F_CHECKSUM_STATUS,
	F_UNUSED,
	F_IDENT,
	F_IDENT_LE,
	F_SEQ,
	F_SEQ_LE,
	F_MTU,
	F_POINTER,
	F_REDIR_GW,
	F_RESP_IN,
	F_RESP_TO,
	F_RESPTIME,
	F_ORIG_TS,
	F_RECV_TS,
	F_XMIT_TS,
	F_ADDR_MASK,
	F_LENGTH,
	F_COUNT
};
static int hf, proto_icmp;
#define HF(x) (hf + (x))

static const struct value_string type_vals[] = {
    {0, "Echo (ping) reply"},
    {1, "Reserved"},
    {2, "Reserved"},
    {3, "Destination unreachable"},
    {4, "Source quench (flow control)"},
    {5, "Redirect"},
    {6, "Alternate host address"},
    {8, "Echo (ping) request"},
    {9, "Router advertisement"},
    {10, "Router solicitation"},
    {11, "Time-to-live exceeded"},
    {12, "Parameter problem"},
    {13, "Timestamp request"},
    {14, "Timestamp reply"},
    {15, "Information request"},
    {16, "Information reply"},
    {17, "Address mask request"},
    {18, "Address mask reply"},
    {19, "Reserved (for security)"},
    {30, "Traceroute"},
    {31, "Datagram Conversion Error"},
    {32, "Mobile Host Redirect"},
    {33, "IPv6 Where-Are-You"},
    {34, "IPv6 I-Am-Here"},
    {35, "Mobile Registration Request"},
    {36, "Mobile Registration Reply"},
    {37, "Domain Name Request"},
    {38, "Domain Name Reply"},
    {39, "SKIP"},
    {40, "Photuris"},
    {41, "Experimental mobility protocols"},
    {42, "Extended Echo request"},
    {43, "Extended Echo reply"},
    {0, NULL},
};

static const struct value_string unreach_codes[] = {
    {0, "Network unreachable"},
    {1, "Host unreachable"},
    {2, "Protocol unreachable"},
    {3, "Port unreachable"},
    {4, "Fragmentation needed"},
    {5, "Source route failed"},
    {6, "Destination network unknown"},
    {7, "Destination host unknown"},
    {8, "Source host isolated"},
    {9, "Network administratively prohibited"},
    {10, "Host administratively prohibited"},
    {11, "Network unreachable for TOS"},
    {12, "Host unreachable for TOS"},
    {13, "Communication administratively filtered"},
    {14, "Host precedence violation"},
    {15, "Precedence cutoff in effect"},
    {0, NULL},
};

static const struct value_string redir_codes[] = {
    {0, "Redirect for network"},
    {1, "Redirect for host"},
    {2, "Redirect for TOS and network"},
    {3, "Redirect for TOS and host"},
    {0, NULL},
};

static const struct value_string ttl_codes[] = {
    {0, "Time to live exceeded in transit"},
    {1, "Fragment reassembly time exceeded"},
    {0, NULL},
};

static const struct value_string par_codes[] = {
    {0, "Pointer indicates the error"},
    {1, "Required option missing"},
    {2, "Bad length"},
    {0, NULL},
};

static const struct value_string rtradv_codes[] = {
    {0, "Normal router advertisement"},
    {16, "Does not route common traffic"},
    {0, NULL},
};

static const struct value_string cksum_status_vals[] = {
    {0, "Bad"}, {1, "Good"}, {2, "Unverified"}, {3, "Not present"}, {4, "Illegal"}, {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_TYPE] = {"icmp.type", "Type", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_CODE] = {"icmp.code", "Code", FT_UINT8, BASE_DEC, NULL, 0, NULL},
    [F_CHECKSUM] = {"icmp.checksum", "Checksum", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [F_CHECKSUM_STATUS] = {"icmp.checksum.status", "Checksum Status", FT_UINT8, BASE_NONE,
			   cksum_status_vals, 0, NULL},
    [F_UNUSED] = {"icmp.unused", "Unused", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [F_IDENT] = {"icmp.ident", "Identifier (BE)", FT_UINT16, BASE_DEC_HEX, NULL, 0, NULL},
    [F_IDENT_LE] = {"icmp.ident_le", "Identifier (LE)", FT_UINT16, BASE_DEC_HEX, NULL, 0, NULL},
    [F_SEQ] = {"icmp.seq", "Sequence Number (BE)", FT_UINT16, BASE_DEC_HEX, NULL, 0, NULL},
    [F_SEQ_LE] = {"icmp.seq_le", "Sequence Number (LE)", FT_UINT16, BASE_DEC_HEX, NULL, 0, NULL},
    [F_MTU] = {"icmp.mtu", "MTU of next hop", FT_UINT16, BASE_DEC, NULL, 0, NULL},
    [F_POINTER] = {"icmp.pointer", "Pointer", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_REDIR_GW] = {"icmp.redir_gw", "Gateway Address", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_RESP_IN] = {"icmp.resp_in", "Response frame", FT_FRAMENUM, FT_FRAMENUM_RESPONSE, NULL, 0,
		   NULL},
    [F_RESP_TO] = {"icmp.resp_to", "Request frame", FT_FRAMENUM, FT_FRAMENUM_REQUEST, NULL, 0,
		   NULL},
    [F_RESPTIME] = {"icmp.resptime", "Response time", FT_DOUBLE, BASE_NONE, NULL, 0, NULL},
    [F_ORIG_TS] = {"icmp.originate_timestamp", "Originate Timestamp", FT_UINT32, BASE_DEC, NULL, 0,
		   NULL},
    [F_RECV_TS] = {"icmp.receive_timestamp", "Receive Timestamp", FT_UINT32, BASE_DEC, NULL, 0,
		   NULL},
    [F_XMIT_TS] = {"icmp.transmit_timestamp", "Transmit Timestamp", FT_UINT32, BASE_DEC, NULL, 0,
		   NULL},
    [F_ADDR_MASK] = {"icmp.address_mask", "Address Mask", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [F_LENGTH] = {"icmp.length", "Length", FT_UINT8, BASE_DEC, NULL, 0, NULL},
};

/* ---- shared with icmpv6.c ---------------------------------------------- */

uint32_t icmp_sum(const uint8_t *p, uint32_t n, uint32_t init)
{
	uint64_t s = init;
	uint32_t i = 0;
	for (; i + 1 < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (i < n)
		s += (uint32_t)p[i] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint32_t)s;
}

/* Echo transactions: open addressing, oldest overwritten when full. */
#define ECHO_CAP 16384
struct echo_ent {
	uint8_t used;
	uint8_t answered;
	uint16_t id, seq;
	uint32_t extra;
	struct address a, b; /* ordered pair */
	uint32_t req_frame;
	int64_t sec;
	int32_t nsec;
};
struct echo_map {
	struct echo_ent e[ECHO_CAP];
};

static void *echo_map_new(void)
{
	return xcalloc(1, sizeof(struct echo_map));
}

static uint32_t addr_hash(const struct address *x, uint32_t h)
{
	for (int i = 0; i < x->len; i++)
		h = (h ^ x->a[i]) * 16777619u;
	return h;
}

uint32_t icmp_echo_track(struct packet *pk, int key, uint16_t id, uint16_t seq, uint32_t extra,
			 int is_request, double *ms)
{
	struct echo_map *m = dissect_state(pk, key, echo_map_new, free);
	const struct address *a = &pk->net_src, *b = &pk->net_dst;
	if (addr_cmp(a, b) > 0) {
		const struct address *t = a;
		a = b;
		b = t;
	}
	uint32_t h = addr_hash(b, addr_hash(a, (2166136261u ^ ((uint32_t)id << 16 | seq)) + extra));
	struct echo_ent *free_slot = NULL;
	for (uint32_t i = 0; i < 64; i++) {
		struct echo_ent *e = &m->e[(h + i) & (ECHO_CAP - 1)];
		if (!e->used) {
			if (!free_slot)
				free_slot = e;
			break;
		}
		if (e->id == id && e->seq == seq && e->extra == extra && addr_cmp(&e->a, a) == 0 &&
		    addr_cmp(&e->b, b) == 0) {
			if (is_request) {
				free_slot = e;
				break;
			}
			if (e->answered)
				return 0;
			e->answered = 1;
			*ms = (double)(pk->sec - e->sec) * 1e3 + (double)(pk->nsec - e->nsec) / 1e6;
			return e->req_frame;
		}
	}
	if (!is_request)
		return 0;
	if (!free_slot)
		free_slot = &m->e[h & (ECHO_CAP - 1)];
	free_slot->used = 1;
	free_slot->answered = 0;
	free_slot->id = id;
	free_slot->seq = seq;
	free_slot->extra = extra;
	free_slot->a = *a;
	free_slot->b = *b;
	free_slot->req_frame = pk->num;
	free_slot->sec = pk->sec;
	free_slot->nsec = pk->nsec;
	return 0;
}

void icmp_dissect_quoted(struct packet *pk, struct cursor *c, uint16_t ethertype)
{
	if (cur_remaining(c) == 0 || pk->nlayers >= PK_MAX_LAYERS - 4)
		return;
	const char *proto = pk->col_proto;
	uint32_t ilen = pk->info_len, fence = pk->info_fence;
	char *info = pk_want_info(pk) ? arena_strndup(pk->arena, pk->info, ilen) : NULL;
	struct address ds = pk->dl_src, dd = pk->dl_dst, ns = pk->net_src, nd = pk->net_dst;
	uint8_t ptype = pk->ptype, in_error = pk->in_error, ttl = pk->ip_ttl;
	uint16_t sp = pk->srcport, dp = pk->dstport;
	int depth = pk->ip_depth;
	/* the quoted transport header must not leave requests for the outer packet */
	void *l4 = pk->l4;
	uint8_t can_deseg = pk->can_desegment;
	uint32_t deseg_off = pk->desegment_offset, deseg_len = pk->desegment_len;
	pk->can_desegment = 0;
	pk->in_error = 1;
	struct cursor q = cur_rest(c);
	if (dissect_next(pk, DT_ETHERTYPE, ethertype, &q) == 0)
		dissect_data(pk, &q);
	pk->in_error = in_error;
	pk->col_proto = proto;
	if (info) {
		memcpy(pk->info, info, ilen + 1);
		pk->info_len = ilen;
	}
	pk->info_fence = fence;
	pk->dl_src = ds;
	pk->dl_dst = dd;
	pk->net_src = ns;
	pk->net_dst = nd;
	pk->ptype = ptype;
	pk->srcport = sp;
	pk->dstport = dp;
	pk->ip_ttl = ttl;
	pk->ip_depth = depth;
	pk->l4 = l4;
	pk->can_desegment = can_deseg;
	pk->desegment_offset = deseg_off;
	pk->desegment_len = deseg_len;
}

/* ---- ICMP ------------------------------------------------------------- */

static const char *code_str(uint8_t type, uint8_t code)
{
	switch (type) {
	case 3:
		return vals_lookup(unreach_codes, code);
	case 5:
		return vals_lookup(redir_codes, code);
	case 9:
		return vals_lookup(rtradv_codes, code);
	case 11:
		return vals_lookup(ttl_codes, code);
	case 12:
		return vals_lookup(par_codes, code);
	}
	return NULL;
}

static int is_error_type(uint8_t type)
{
	return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

static int dissect_icmp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c), total = cur_remaining(c);
	uint8_t type = cur_peek_u8(c, 0), code = cur_peek_u8(c, 1);
	uint16_t cksum = cur_peek_be16(c, 2);
	pk_add_layer(pk, proto_icmp);
	col_set_proto(pk, "ICMP");
	col_clear_info(pk);
	int it = fs_add_none(fs, proto_icmp, start, total);
	if (c->err || !cur_has(c, 4)) {
		return dissect_report_error(pk, c, proto_icmp);
	}
	const char *ts = vals_lookup(type_vals, type), *cs = code_str(type, code);
	if (pk->want_cols) {
		/* tshark pads the type name to 20 columns */
		col_append_info(pk, "%-20s", ts ? ts : "Unknown ICMP (obsolete or malformed?)");
		if (cs)
			col_append_info(pk, " (%s)", cs);
	}
	int prev = fs_push(fs, it);
	fs_add_uint(fs, HF(F_TYPE), start, 1, type);
	fs_add_uint(fs, HF(F_CODE), start + 1, 1, code);
	fs_add_uint(fs, HF(F_CHECKSUM), start + 2, 2, cksum);
	int good = -1;
	if (cur_avail(c) == total) {
		uint32_t sum = icmp_sum(c->data + c->off, total, 0);
		good = sum == 0xffff;
		fs_add_uint(fs, HF(F_CHECKSUM_STATUS), start + 2, 0, good ? 1 : 0);
		if (!good && !pk->in_error) {
			/* the value that would make the sum come out right */
			uint32_t want = (uint32_t)cksum + (~sum & 0xffff);
			want = (want & 0xffff) + (want >> 16);
			want = (want & 0xffff) + (want >> 16);
			expert_add(fs, pk->arena, PI_WARN, PI_CHECKSUM, "ICMP",
				   "Bad checksum [should be 0x%04x]", want);
		}
	} else {
		fs_add_uint(fs, HF(F_CHECKSUM_STATUS), start + 2, 0, 2);
	}
	int echo_like = type == 0 || type == 8 || type == 13 || type == 14 || type == 15 ||
			type == 16 || type == 17 || type == 18;
	if (echo_like && cur_has(c, 8)) {
		uint16_t id = cur_peek_be16(c, 4), seq = cur_peek_be16(c, 6);
		uint16_t id_le = (uint16_t)(id >> 8 | id << 8),
			 seq_le = (uint16_t)(seq >> 8 | seq << 8);
		fs_add_uint(fs, HF(F_IDENT), start + 4, 2, id);
		fs_add_uint(fs, HF(F_IDENT_LE), start + 4, 2, id_le);
		fs_add_uint(fs, HF(F_SEQ), start + 6, 2, seq);
		fs_add_uint(fs, HF(F_SEQ_LE), start + 6, 2, seq_le);
		col_append_info(pk, " id=0x%04x, seq=%u/%u", id, seq, seq_le);
		if (pk->ip_depth > 0)
			col_append_info(pk, ", ttl=%u", pk->ip_ttl);
		if ((type == 0 || type == 8) && !pk->in_error) {
			/* a reply's checksum is its request's plus 0x0800 (type 8 -> 0),
			** in one's complement arithmetic */
			uint32_t ck = cksum;
			if (type == 0)
				ck = ck >= 0x0800 ? ck - 0x0800 : ck + 0xffff - 0x0800;
			double ms = 0;
			uint32_t req = icmp_echo_track(pk, proto_icmp, id, seq, ck, type == 8, &ms);
			if (req) {
				int r = fs_add_uint(fs, HF(F_RESP_TO), start, 0, req);
				if (r >= 0)
					fs_item(fs, r)->flags |= FI_GENERATED;
				r = fs_add_double(fs, HF(F_RESPTIME), start, 0, ms);
				if (r >= 0)
					fs_item(fs, r)->flags |= FI_GENERATED;
				col_append_info(pk, " (request in %u)", req);
			}
		}
		if ((type == 13 || type == 14) && cur_has(c, 20)) {
			fs_add_uint(fs, HF(F_ORIG_TS), start + 8, 4, cur_peek_be32(c, 8));
			fs_add_uint(fs, HF(F_RECV_TS), start + 12, 4, cur_peek_be32(c, 12));
			fs_add_uint(fs, HF(F_XMIT_TS), start + 16, 4, cur_peek_be32(c, 16));
		}
		if ((type == 17 || type == 18) && cur_has(c, 12))
			fs_add_bytes(fs, HF(F_ADDR_MASK), start + 8, 4, c->data + c->off + 8, 4);
	}
	fs_pop(fs, prev);
	if (echo_like && !cur_has(c, 8)) {
		cur_check_at(c, 0, 8);
		return dissect_report_error(pk, c, proto_icmp);
	}
	if (!echo_like && cur_has(c, 8)) {
		prev = fs_push(fs, it);
		const uint8_t *w = c->data + c->off + 4;
		if (type == 5) {
			fs_add_bytes(fs, HF(F_REDIR_GW), start + 4, 4, w, 4);
		} else if (type == 12) {
			fs_add_uint(fs, HF(F_POINTER), start + 4, 1, w[0]);
		} else if (type == 3 && code == 4) {
			fs_add_bytes(fs, HF(F_UNUSED), start + 4, 2, w, 2);
			fs_add_uint(fs, HF(F_MTU), start + 6, 2, (uint32_t)(w[2] << 8 | w[3]));
		} else if (is_error_type(type)) {
			if (w[1])
				fs_add_uint(fs, HF(F_LENGTH), start + 5, 1, w[1]);
			fs_add_bytes(fs, HF(F_UNUSED), start + 4, 4, w, 4);
		}
		fs_pop(fs, prev);
	}
	/* timestamps and address masks are part of the message, not data */
	uint32_t fixed = (type == 13 || type == 14) ? 20 : (type == 17 || type == 18) ? 12 : 8;
	if (!cur_has(c, fixed))
		fixed = cur_has(c, 8) ? 8 : cur_avail(c);
	uint8_t olen = cur_has(c, 8) ? cur_peek_u8(c, 5) : 0;
	cur_skip(c, fixed);
	struct cursor pl = cur_rest(c);
	if (cur_remaining(&pl) == 0)
		return (int)total;
	prev = fs_push(fs, it);
	if (is_error_type(type))
		icmp_dissect_quoted(pk, &pl, 0x0800);
	else
		dissect_data(pk, &pl);
	fs_pop(fs, prev);
	/*
	 * RFC 4884: a message longer than 8 + 128 bytes may carry extensions
	 * after the original datagram; tshark looks for them there, past the
	 * end when the length field says so.
	 */
	if ((type == 3 || type == 11 || type == 12) && olen && total > 8 + 128 &&
	    !cur_check_at(&pl, 0, olen * 4u))
		return dissect_report_error(pk, &pl, proto_icmp);
	return (int)total;
}

static const struct dissector icmp_dissector = {"icmp", dissect_icmp, 0};

void register_icmp(void)
{
	proto_icmp = proto_register("Internet Control Message Protocol", "ICMP", "icmp");
	hf = field_register(fields, F_COUNT);
}

void handoff_icmp(void)
{
	dtable_add(DT_IP_PROTO, 1, &icmp_dissector);
}
