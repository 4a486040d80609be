/*
** test_speed.c -- the issue-6 savings keep their promises: what is skipped
** when nobody reads it (Info, protocol labels), how much an open PDU holds,
** and the reassembly budget that drops the PDUs idle longest.
*/
#include "analysis/tcp_analysis.h"
#include "analysis/tcp_reasm.h"
#include "tcp_pkt.h"

/* One client data segment through dissect_packet with the given column wishes. */
static void dissect_one(struct packet *pk, struct fieldset *fs, struct arena *arena, uint8_t *buf)
{
	static const struct seg s = {0, 0, PA, ISN_C + 1, ISN_S + 1, 502, 10, 0, NULL};
	uint32_t len = build(buf, &s);
	fs_reset(fs);
	arena_reset(arena);
	pk->num = 1;
	pk->sec = 1000;
	pk->has_ts = 1;
	pk->caplen = pk->len = len;
	pk->linktype = 1;
	pk->data = buf;
	dissect_packet(pk);
}

TEST(speed_no_info_keeps_protocol)
{
	struct fieldset fs;
	fs_init(&fs);
	struct arena arena;
	arena_init(&arena);
	struct packet *pk = calloc(1, sizeof *pk);
	pk->fs = &fs;
	pk->arena = &arena;
	pk->ctx = dissect_ctx_new();
	uint8_t buf[2048];
	pk->want_cols = 1;
	dissect_one(pk, &fs, &arena, buf);
	CHECK(pk->info_len > 0); /* the Info column is built by default */
	/* -T fields -e _ws.col.Protocol: Protocol still set, Info never formatted */
	pk->no_info = 1;
	dissect_one(pk, &fs, &arena, buf);
	CHECK(pk->col_proto && !strcmp(pk->col_proto, "TCP"));
	CHECK_EQ_U64(pk->info_len, 0);
	dissect_ctx_free(pk->ctx);
	free(pk);
	fs_free(&fs);
	arena_free(&arena);
}

TEST(speed_value_only_skips_labels)
{
	int ip = field_lookup("ip");
	CHECK(ip >= 0);
	/* a field only a tap counts on has its value wanted, not its label */
	int id = field_lookup("vxlan");
	CHECK(id >= 0);
	if (id >= 0 && !field_is_wanted(id)) {
		field_want_value(id);
		CHECK(field_is_wanted(id));
		CHECK(!field_label_wanted(id));
		field_want(id);
		CHECK(field_label_wanted(id));
	}
}

TEST(speed_msp_sized_to_its_bytes)
{
	size_t before = tcp_msp_held();
	struct tcp_msp *m = tcp_msp_new(100, 0, 1);
	uint8_t data[52];
	memset(data, 'h', sizeof data);
	CHECK(!tcp_msp_add(m, 1, 0, data, sizeof data, 0));
	CHECK_EQ_U64(m->cap, 64); /* was a 2 KiB minimum */
	CHECK_EQ_U64(m->fcap, 2);
	CHECK_EQ_U64(tcp_msp_held() - before, 64 + 2 * sizeof(struct tcp_frag));
	CHECK(tcp_msp_add(m, 2, 52, data, 20, 1));
	CHECK_EQ_U64(m->cap, 128);
	tcp_msp_free(m);
	CHECK_EQ_U64(tcp_msp_held(), before);
}

/*
** A PDU of known length gets its whole buffer at its second fragment (one
** copy, not a doubling chain), while the budget still counts the doubling;
** a rebuffered PDU keeps its bytes.
*/
TEST(speed_msp_presized_counted_as_doubling)
{
	size_t before = tcp_msp_held();
	struct tcp_msp *m = tcp_msp_new(1000, 0, 1);
	uint8_t data[1400];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)i;
	CHECK(!tcp_msp_add(m, 1, 0, data, sizeof data, 0));
	CHECK_EQ_U64(m->phys, 1408);
	m->nxtpdu = 1000 + 16000; /* a 16000-byte record */
	CHECK(!tcp_msp_add(m, 2, 1400, data, sizeof data, 0));
	CHECK_EQ_U64(m->cap, 2816);   /* counted: the doubling */
	CHECK_EQ_U64(m->phys, 16000); /* real: the whole PDU */
	uint8_t *buf = m->buf;
	for (uint32_t off = 2800; off < 16000; off += 1400) {
		uint32_t n = 16000 - off < 1400 ? 16000 - off : 1400;
		CHECK_EQ_U64(tcp_msp_add(m, 3, off, data, n, off + n == 16000), off + n == 16000);
	}
	CHECK(m->buf == buf); /* no realloc after the presize */
	CHECK_EQ_U64(m->cap, 22528);
	CHECK_EQ_U64(tcp_msp_held() - before, m->cap + (size_t)m->fcap * sizeof(struct tcp_frag));
	tcp_msp_rebuf(m);
	CHECK(m->buf != buf);
	CHECK_EQ_U64(m->buf[1400 + 7], 7);
	CHECK_EQ_U64(m->buf[15999], data[15999 - 15400]);
	free(buf);
	tcp_msp_free(m);
	CHECK_EQ_U64(tcp_msp_held(), before);
}

static void seg_at(struct tcp_seg *s, uint32_t frame, uint16_t sport, const uint8_t *a,
		   const uint8_t *b)
{
	memset(s, 0, sizeof *s);
	s->frame = frame;
	s->now = (int64_t)frame * 1000000;
	s->atype = 2;
	s->alen = 4;
	s->src = a;
	s->dst = b;
	s->sport = sport;
	s->dport = 80;
	s->seq = 1000;
	s->flags = TH_SYN;
	s->have_seglen = 1;
	s->ws_shift = -1;
}

TEST(speed_reasm_budget_drops_idle_pdus)
{
	static const uint8_t a[4] = {10, 0, 0, 1}, b[4] = {10, 0, 0, 2};
	struct tcp_state *st = tcp_state_new();
	tcp_state_set_msp_budget(st, 4096);
	struct tcp_seg s;
	struct tcp_result r;
	size_t before = tcp_msp_held();
	/* flow 1, frame 1: a PDU opens and waits for more than the budget */
	seg_at(&s, 1, 40001, a, b);
	tcp_track(st, &s, &r);
	struct tcp_conv *idle = r.conv;
	static uint8_t big[8000];
	tcp_rx_make(idle, r.dir)->msp = tcp_msp_new(1001, 0, 1);
	tcp_msp_add(idle->rx[r.dir]->msp, 1, 0, big, sizeof big, 0);
	int idle_dir = r.dir;
	/* flow 2, frame 100: not yet idle long enough (TCP_MSP_MIN_IDLE frames) */
	seg_at(&s, 100, 40002, a, b);
	tcp_track(st, &s, &r);
	CHECK(idle->rx[idle_dir]->msp != NULL);
	/* frame 5000: no new sweep yet (the last one left only recent PDUs) */
	s.frame = 5000;
	s.flags = TH_ACK;
	s.seq = 1001;
	tcp_track(st, &s, &r);
	CHECK(idle->rx[idle_dir]->msp != NULL);
	/* frame 70000: 64k frames on, the sweep drops the PDU idle since frame 1 */
	s.frame = 70000;
	s.flags = TH_ACK;
	s.seq = 1001;
	tcp_track(st, &s, &r);
	CHECK(idle->rx[idle_dir]->msp == NULL);
	CHECK_EQ_U64(tcp_msp_held(), before);
	tcp_state_free(st);
}

/*
** The recent-slot cache in front of the conversation table (tcp_state_lookup)
** answers like the table: the same stream and direction both ways, for flows
** that collide in it (5000 flows, 1024 entries), for a tuple that is the same
** both ways, and after a port reuse put a new conversation in the slot.
*/
static void seg_flow(struct tcp_seg *s, uint32_t frame, const uint8_t *src, const uint8_t *dst,
		     uint16_t sp, uint16_t dp, uint16_t flags)
{
	memset(s, 0, sizeof *s);
	s->frame = frame;
	s->atype = AT_IPv4;
	s->alen = 4;
	s->src = src;
	s->dst = dst;
	s->sport = sp;
	s->dport = dp;
	s->seq = 1000;
	s->ack = 5000;
	s->flags = flags;
	s->have_seglen = 1;
	s->ws_shift = -1;
}

TEST(speed_recent_slots_answer_like_the_table)
{
	static const uint8_t a[4] = {10, 0, 0, 1}, b[4] = {10, 0, 0, 2};
	struct tcp_state *st = tcp_state_new();
	struct tcp_seg s;
	struct tcp_result r;
	uint32_t frame = 1;
	for (int round = 0; round < 3; round++)
		for (uint16_t i = 0; i < 5000; i++) {
			/* a (the lower address) is endpoint A: direction 0 from it */
			seg_flow(&s, frame++, a, b, (uint16_t)(20000 + i), 80,
				 round ? TH_ACK : TH_SYN);
			tcp_track(st, &s, &r);
			CHECK_EQ_U64(r.stream, i);
			CHECK_EQ_U64(r.dir, 0);
			seg_flow(&s, frame++, b, a, 80, (uint16_t)(20000 + i), TH_ACK);
			tcp_track(st, &s, &r);
			CHECK_EQ_U64(r.stream, i);
			CHECK_EQ_U64(r.dir, 1);
		}
	CHECK_EQ_U64(tcp_state_flows(st), 5000);
	/* one host talking to itself: ports order the endpoints */
	for (int k = 0; k < 2; k++) {
		seg_flow(&s, frame++, a, a, 7000, 6000, TH_ACK);
		tcp_track(st, &s, &r);
		CHECK_EQ_U64(r.stream, 5000);
		CHECK_EQ_U64(r.dir, 1);
		seg_flow(&s, frame++, a, a, 6000, 7000, TH_ACK);
		tcp_track(st, &s, &r);
		CHECK_EQ_U64(r.stream, 5000);
		CHECK_EQ_U64(r.dir, 0);
	}
	/* the same tuple both ways */
	seg_flow(&s, frame++, a, a, 9000, 9000, TH_ACK);
	tcp_track(st, &s, &r);
	CHECK_EQ_U64(r.stream, 5001);
	CHECK_EQ_U64(r.dir, 0);
	tcp_track(st, &s, &r);
	CHECK_EQ_U64(r.stream, 5001);
	CHECK_EQ_U64(r.dir, 0);
	/* a port reuse (a SYN with another sequence number) replaces the slot's value */
	seg_flow(&s, frame++, a, b, 20007, 80, TH_SYN);
	s.seq = 77777;
	tcp_track(st, &s, &r);
	CHECK(r.flags & TA_REUSED_PORTS);
	CHECK_EQ_U64(r.stream, 5002);
	seg_flow(&s, frame++, b, a, 80, 20007, TH_ACK);
	tcp_track(st, &s, &r);
	CHECK_EQ_U64(r.stream, 5002);
	CHECK_EQ_U64(r.dir, 1);
	tcp_state_free(st);
}

/*
** IPv4 tuples sit in the recent slots as one word (both addresses), IPv6 ones
** as four: flows of both families with the same 32 bits at the front, and the
** same ports, stay apart both ways.  Conversations are cache-line aligned and
** each direction's state is one line (struct tcp_conv's layout).
*/
TEST(speed_recent_slots_keep_families_apart)
{
	static const uint8_t a4[4] = {10, 0, 0, 1}, b4[4] = {10, 0, 0, 2};
	static const uint8_t a6[16] = {10, 0, 0, 1, [15] = 1}, b6[16] = {10, 0, 0, 2, [15] = 2};
	struct tcp_state *st = tcp_state_new();
	struct tcp_seg s;
	struct tcp_result r;
	uint32_t frame = 1;
	for (int round = 0; round < 2; round++) {
		seg_flow(&s, frame++, a4, b4, 30000, 80, round ? TH_ACK : TH_SYN);
		tcp_track(st, &s, &r);
		CHECK_EQ_U64(r.stream, 0);
		CHECK_EQ_U64(r.dir, 0);
		CHECK_EQ_U64((uintptr_t)r.conv % 64, 0);
		CHECK_EQ_U64((uintptr_t)&r.conv->flow[1] % 64, 0);
		seg_flow(&s, frame++, b6, a6, 80, 30000, round ? TH_ACK : (TH_SYN | TH_ACK));
		s.atype = AT_IPv6;
		s.alen = 16;
		tcp_track(st, &s, &r);
		CHECK_EQ_U64(r.stream, 1);
		CHECK_EQ_U64(r.dir, 1);
		seg_flow(&s, frame++, a6, b6, 30000, 80, TH_ACK);
		s.atype = AT_IPv6;
		s.alen = 16;
		tcp_track(st, &s, &r);
		CHECK_EQ_U64(r.stream, 1);
		CHECK_EQ_U64(r.dir, 0);
		seg_flow(&s, frame++, b4, a4, 80, 30000, TH_ACK);
		tcp_track(st, &s, &r);
		CHECK_EQ_U64(r.stream, 0);
		CHECK_EQ_U64(r.dir, 1);
	}
	CHECK_EQ_U64(tcp_state_flows(st), 2);
	tcp_state_free(st);
}

/*
** The first fragments live in the PDU itself, later ones in a list grown by
** four; the budget still counts the list as doubling from two entries, and
** out-of-order fragments stay sorted across the move.
*/
TEST(speed_msp_frags_inline_then_grown)
{
	size_t before = tcp_msp_held();
	struct tcp_msp *m = tcp_msp_new(100, 0, 1);
	uint8_t data[10];
	memset(data, 'x', sizeof data);
	/* 40 fragments of 10 bytes, the last (offset 390) first, then downwards */
	for (int k = 39; k >= 0; k--) {
		int done = tcp_msp_add(m, (uint32_t)(100 + k), (uint32_t)k * 10, data, 10, k == 39);
		CHECK_EQ_U64(done, k == 0);
		CHECK(k > 0 || m->frags != m->inl);
	}
	CHECK_EQ_U64(m->nfrags, 40);
	CHECK_EQ_U64(m->fcap, 64);
	CHECK_EQ_U64(tcp_msp_held() - before, m->cap + 64 * sizeof(struct tcp_frag));
	for (int k = 0; k < 40; k++) {
		CHECK_EQ_U64(m->frags[k].off, (uint64_t)k * 10);
		CHECK_EQ_U64(m->frags[k].frame, (uint64_t)(100 + k));
	}
	CHECK_EQ_U64(tcp_msp_contiguous(m), 400);
	tcp_msp_free(m);
	CHECK_EQ_U64(tcp_msp_held(), before);
	/* three fragments: all inline */
	m = tcp_msp_new(100, 0, 1);
	for (int k = 0; k < 3; k++)
		tcp_msp_add(m, 1, (uint32_t)k * 10, data, 10, 0);
	CHECK(m->frags == m->inl);
	CHECK_EQ_U64(m->fcap, 4);
	tcp_msp_free(m);
	CHECK_EQ_U64(tcp_msp_held(), before);
}
