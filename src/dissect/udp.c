/*
** udp.c -- UDP (RFC 768): header fields, udp.stream, and the hand-off by
** port (low port first, as tshark's "try heuristic first = FALSE" default
** does), then heuristics, then data.
**
** udp.stream numbers conversations in order of first appearance; a UDP
** header quoted in an ICMP error also takes a number (tshark looks the
** conversation up there too) but shows no timestamps.
*/
#include <stdlib.h>

#include "../core/expert.h"
#include "../analysis/conv.h"
#include "../core/util.h"
#include "dissect.h"

enum {
	F_SRCPORT,
	F_DSTPORT,
	F_PORT,
	F_LENGTH,
	F_CHECKSUM,
	F_CHECKSUM_STATUS,
	F_STREAM,
	F_TIME_RELATIVE,
	F_TIME_DELTA,
	F_PAYLOAD,
	F_COUNT
};
static int hf, proto_udp;
#define HF(x) (hf + (x))

/* tree: "[Checksum Status: Unverified]" */
static const struct value_string cksum_status_vals[] = {
    {0, "Bad"}, {1, "Good"}, {2, "Unverified"}, {3, "Not present"}, {0, NULL},
};

static const struct field_def fields[F_COUNT] = {
    [F_SRCPORT] = {"udp.srcport", "Source Port", FT_UINT16, BASE_PT_UDP, NULL, 0, NULL},
    [F_DSTPORT] = {"udp.dstport", "Destination Port", FT_UINT16, BASE_PT_UDP, NULL, 0, NULL},
    [F_PORT] = {"udp.port", "Source or Destination Port", FT_UINT16, BASE_PT_UDP, NULL, 0, NULL},
    [F_LENGTH] = {"udp.length", "Length", FT_UINT16, BASE_DEC, NULL, 0,
		  "Length in octets including this header and the data"},
    [F_CHECKSUM] =
	{"udp.checksum", "Checksum", FT_UINT16, BASE_HEX, NULL, 0,
	 "Details at: https://www.wireshark.org/docs/wsug_html_chunked/ChAdvChecksums.html"},
    [F_CHECKSUM_STATUS] = {"udp.checksum.status", "Checksum Status", FT_UINT8, BASE_NONE,
			   cksum_status_vals, 0, NULL},
    [F_STREAM] = {"udp.stream", "Stream index", FT_UINT32, BASE_DEC, NULL, 0, NULL},
    [F_TIME_RELATIVE] = {"udp.time_relative", "Time since first frame", FT_RELATIVE_TIME, BASE_NONE,
			 NULL, 0, "Time relative to first frame in this UDP stream"},
    [F_TIME_DELTA] = {"udp.time_delta", "Time since previous frame", FT_RELATIVE_TIME, BASE_NONE,
		      NULL, 0, "Time delta from previous frame in this UDP stream"},
    [F_PAYLOAD] = {"udp.payload", "Payload", FT_BYTES, BASE_NONE, NULL, 0, NULL},
};

struct udp_conv {
	uint32_t stream;
	int64_t ts_first, ts_prev; /* ns */
};

struct udp_state {
	struct conv_table *convs;
	uint32_t next_stream;
};

static void *state_make(void)
{
	struct udp_state *st = xcalloc(1, sizeof *st);
	st->convs = conv_table_new();
	return st;
}

static void state_free(void *p)
{
	struct udp_state *st = p;
	conv_table_free(st->convs, free);
	free(st);
}

static void add_time(struct fieldset *fs, int id, uint32_t pos, int64_t ns)
{
	fs_add_time(fs, id, pos, 0, ns / 1000000000, (int32_t)(ns % 1000000000));
}

/* Port tables (lower port first), heuristics, data. */
static void udp_payload(struct packet *pk, struct cursor *pl, uint16_t sp, uint16_t dp)
{
	uint16_t lo = sp < dp ? sp : dp, hi = sp < dp ? dp : sp;
	struct cursor t = *pl;
	if (dissect_conversation(pk, &t) != 0) /* lua hook: pinfo.conversation first */
		return;
	t = *pl;
	if (dissect_next(pk, DT_UDP_PORT, lo, &t) != 0)
		return;
	t = *pl;
	if (dissect_next(pk, DT_UDP_PORT, hi, &t) != 0)
		return;
	t = *pl;
	if (dissect_heur(pk, HT_UDP, &t) != 0)
		return;
	dissect_data(pk, pl);
}

static int dissect_udp(struct packet *pk, struct cursor *c)
{
	struct fieldset *fs = pk->fs;
	uint32_t start = cur_pos(c);
	const uint8_t *h = cur_peek_ptr(c, 0, 8);
	if (!h)
		return dissect_report_error(pk, c, proto_udp);
	uint16_t sp = (uint16_t)(h[0] << 8 | h[1]), dp = (uint16_t)(h[2] << 8 | h[3]);
	uint16_t ulen = (uint16_t)(h[4] << 8 | h[5]);
	uint16_t cks = (uint16_t)(h[6] << 8 | h[7]);
	pk_add_layer(pk, proto_udp);
	pk->ptype = PT_UDP;
	pk->srcport = sp;
	pk->dstport = dp;
	col_set_proto(pk, "UDP");
	int it = fs_add_none(fs, proto_udp, start, 8);
	struct fitem *pit = fs_item(fs, it);
	if (pit && fs_wants_label(fs, proto_udp))
		pit->text = arena_printf(
		    pk->arena, "User Datagram Protocol, Src Port: %u, Dst Port: %u", sp, dp);
	int prev = fs_push(fs, it);
	pk_pir_u(pk, PIR_UDP_SPORT, sp);
	pk_pir_u(pk, PIR_UDP_DPORT, dp);
	fs_add_uint(fs, HF(F_SRCPORT), start, 2, sp);
	fs_add_uint(fs, HF(F_DSTPORT), start + 2, 2, dp);
	fs_add_uint(fs, HF(F_PORT), start, 2, sp);
	fs_add_uint(fs, HF(F_PORT), start + 2, 2, dp);
	fs_add_uint(fs, HF(F_LENGTH), start + 4, 2, ulen);
	struct fitem *ck = fs_item(fs, fs_add_uint(fs, HF(F_CHECKSUM), start + 6, 2, cks));
	if (ck && fs->want_all) /* tree */
		ck->text = arena_printf(pk->arena, "Checksum: 0x%04x [%s]", (unsigned)cks,
					cks ? "unverified" : "zero-value ignored");
	/* checking is off by default: 2 "Unverified", 3 "Not present" for zero */
	fs_add_uint(fs, HF(F_CHECKSUM_STATUS), start + 6, 0, cks ? 2 : 3);
	uint32_t stream = 0;
	if (pk->net_src.type == AT_IPv4 || pk->net_src.type == AT_IPv6) {
		struct udp_state *st = dissect_state(pk, proto_udp, state_make, state_free);
		struct conv_key k;
		int dir;
		conv_key_make(&k, CONV_UDP, pk->net_src.type, pk->net_src.len, pk->net_src.a,
			      pk->net_dst.a, sp, dp, &dir);
		void **slot = conv_slot(st->convs, &k, 1);
		struct udp_conv *uc = *slot;
		int64_t now = pk->sec * 1000000000 + pk->nsec;
		if (!uc) {
			uc = *slot = xcalloc(1, sizeof *uc);
			uc->stream = st->next_stream++;
			uc->ts_first = uc->ts_prev = now;
		}
		stream = uc->stream;
		pk_pir_u(pk, PIR_UDP_STREAM, uc->stream);
		fs_add_uint(fs, HF(F_STREAM), start, 0, uc->stream);
		if (!pk->in_error) {
			/* tree: "[Timestamps]" holds the times, as in tshark */
			int tsi = fs_add_none(fs, hf_text_item, start, 0);
			if (tsi >= 0) {
				fs->items[tsi].text = "Timestamps";
				fs->items[tsi].flags |= FI_GENERATED;
			}
			int tsprev = fs_push(fs, tsi);
			add_time(fs, HF(F_TIME_RELATIVE), start, now - uc->ts_first);
			add_time(fs, HF(F_TIME_DELTA), start, now - uc->ts_prev);
			fs_pop(fs, tsprev);
		}
		uc->ts_prev = now;
	}
	pk_l4rec_add(pk, PT_UDP, sp, dp, stream);
	int bad_len = ulen > cur_remaining(c) && !pk->in_error;
	if (bad_len)
		expert_add(fs, pk->arena, PI_ERROR, PI_MALFORMED, "UDP",
			   "Bad length value %u > IP payload length", ulen);
	struct cursor u = cur_sub(c, ulen >= 8 ? ulen : 8);
	cur_skip(&u, 8);
	struct cursor pl = cur_rest(&u);
	if (cur_remaining(&pl) > 0) {
		struct fitem *py =
		    fs_item(fs, fs_add_bytes(fs, HF(F_PAYLOAD), cur_pos(&pl), cur_remaining(&pl),
					     pl.data, cur_avail(&pl)));
		if (py && fs->want_all) /* tree */
			py->text =
			    arena_printf(pk->arena, "UDP payload (%u bytes)", cur_remaining(&pl));
	}
	fs_pop(fs, prev);
	if (pk->want_cols) {
		col_clear_info(pk);
		col_append_info(pk, "%u \xe2\x86\x92 %u", sp, dp);
		if (bad_len)
			col_append_info(pk, " [BAD UDP LENGTH %u > IP PAYLOAD LENGTH]", ulen);
		col_append_info(pk, " Len=%u", ulen >= 8 ? ulen - 8 : 0);
	}
	if (cur_remaining(&pl) == 0)
		return ulen;
	/*
	 * In an ICMP error's quote the payload protocol still lands at the top
	 * of tshark's tree (-z io,phs counts it under icmp), unlike ip and udp.
	 */
	int32_t parent = fs->cur_parent;
	if (pk->in_error)
		fs->cur_parent = -1;
	udp_payload(pk, &pl, sp, dp);
	fs->cur_parent = parent;
	return ulen;
}

static const struct dissector udp_dissector = {"udp", dissect_udp, 0};

void register_udp(void)
{
	proto_udp = proto_register("User Datagram Protocol", "UDP", "udp");
	hf = field_register(fields, F_COUNT);
}

void handoff_udp(void)
{
	dtable_add(DT_IP_PROTO, 17, &udp_dissector);
}
