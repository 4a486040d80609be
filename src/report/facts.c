/*
** facts.c -- "just the facts" (seed 000): a first look at a capture as
** rows of (section, name, value, note).
**
** Besides counts it gives two inferences a troubleshooter makes by hand:
**  - checksum offload: bad checksums that all come from one sender are that
**    host's NIC filling them in after the capture point, not corruption;
**  - reordering vs loss: an IP-ID that steps back a little, from one sender,
**    means the network reordered its packets, so out-of-order and spurious
**    retransmission flags are more likely reordering than loss.
*/
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "../stats/stats_int.h"
#include "report.h"

struct sender {
	struct address a;
	uint64_t pkts, bad_csum, ipid_back;
	uint16_t last_id;
	uint8_t has_id;
};

struct facts {
	uint64_t proto[PP_COUNT];
	uint64_t flags[PF_COUNT];
	uint64_t pkts, csum_checked, csum_bad;
	struct htab senders;
};

struct facts *facts_new(void)
{
	struct facts *f = xcalloc(1, sizeof *f);
	htab_init(&f->senders, sizeof(struct sender), sizeof(struct address));
	return f;
}

void facts_free(struct facts *f)
{
	if (!f)
		return;
	htab_free(&f->senders);
	free(f);
}

void facts_add(struct facts *f, const struct pinfo *pi)
{
	f->pkts++;
	for (int i = 0; i < PP_COUNT; i++)
		f->proto[i] += pi->protos[i];
	for (int i = 0; i < PF_COUNT; i++)
		f->flags[i] += (pi->aflags >> i) & 1;
	f->csum_checked += pi->csum_checked;
	f->csum_bad += pi->bad_ip_csum || pi->bad_tcp_csum;
	if (!pi->has_ip)
		return;
	int isnew;
	struct sender *s = htab_get(&f->senders, &pi->src, &isnew);
	s->pkts++;
	s->bad_csum += pi->bad_ip_csum || pi->bad_tcp_csum;
	if (pi->has_ip_id && pi->ip_id) {
		/* a small step back (mod 2^16) is reordering; a large one is a wrap or a reboot */
		uint16_t back = (uint16_t)(s->last_id - pi->ip_id);
		if (s->has_id && back && back < 1024)
			s->ipid_back++;
		if (!s->has_id || !(back && back < 1024))
			s->last_id = pi->ip_id;
		s->has_id = 1;
	}
}

enum { C_SECTION, C_NAME, C_VALUE, C_NOTE, C_COUNT };
static const struct tcol cols[C_COUNT] = {
    {"section", COL_STRING}, {"name", COL_STRING}, {"value", COL_STRING}, {"note", COL_STRING}};

static void fact(struct table *t, const char *sec, const char *name, const char *note,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void fact(struct table *t, const char *sec, const char *name, const char *note,
		 const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	table_row(t);
	table_set_str(t, C_SECTION, sec);
	table_set_str(t, C_NAME, name);
	table_set_str(t, C_VALUE, buf);
	table_set_str(t, C_NOTE, note);
}

void facts_table(const struct facts *f, const struct drive_info *di, const struct streams *s,
		 struct table *t)
{
	table_init(t, "facts", cols, C_COUNT);
	double dur = (double)(di->last_ns - di->first_ns) / 1e9;
	fact(t, "capture", "packets", NULL, "%" PRIu64, di->packets);
	fact(t, "capture", "bytes", NULL, "%" PRIu64, di->bytes);
	/* integer arithmetic: a double has no room for nanoseconds since 1970 */
	fact(t, "capture", "first_ts", NULL, "%" PRId64 ".%09" PRId64, di->first_ns / 1000000000,
	     di->first_ns % 1000000000);
	fact(t, "capture", "last_ts", NULL, "%" PRId64 ".%09" PRId64, di->last_ns / 1000000000,
	     di->last_ns % 1000000000);
	fact(t, "capture", "duration_s", NULL, "%.6f", dur);
	if (dur > 0) {
		fact(t, "capture", "avg_packets_per_s", NULL, "%.3f", (double)di->packets / dur);
		fact(t, "capture", "avg_bits_per_s", NULL, "%.1f", (double)di->bytes * 8 / dur);
	}
	fact(t, "capture", "linktype", NULL, "%d", di->linktype);
	if (di->damaged)
		fact(t, "capture", "damaged", di->error, "yes");
	for (int i = 0; i < PP_COUNT; i++)
		if (f->proto[i])
			fact(t, "protocols", pi_proto_name[i], NULL, "%" PRIu64 " (%.1f%%)",
			     f->proto[i],
			     100.0 * (double)f->proto[i] / (double)(f->pkts ? f->pkts : 1));
	uint32_t n = streams_tcp_count(s), started = 0, retr = 0, lossy = 0;
	/* the five busiest TCP conversations: a selection pass, n is small next to the packets */
	struct stream_sum top[5], ss;
	int ntop = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (!streams_tcp_get(s, i, &ss))
			continue;
		started += ss.syn_seen;
		retr += ss.flags[PF_RETRANS] > 0;
		lossy += ss.flags[PF_LOST_SEGMENT] || ss.flags[PF_ACK_LOST_SEGMENT];
		if (ntop < 5)
			top[ntop++] = ss;
		else if (top[4].bytes < ss.bytes)
			top[4] = ss;
		else
			continue;
		for (int j = ntop - 1; j > 0 && top[j - 1].bytes < ss.bytes; j--) {
			struct stream_sum x = top[j - 1];
			top[j - 1] = top[j];
			top[j] = x;
		}
	}
	fact(t, "conversations", "tcp_streams", NULL, "%u", n);
	for (int j = 0; j < ntop; j++) {
		const struct stream_sum *b = &top[j];
		char a[64], bb[64], name[32];
		snprintf(name, sizeof name, "busiest_tcp_%d", j + 1);
		fact(t, "conversations", name, NULL,
		     "stream %u: %s:%u <-> %s:%u, %" PRIu64 " packets, %" PRIu64 " bytes", b->id,
		     addr_to_str(&b->a, a, sizeof a), b->pa, addr_to_str(&b->b, bb, sizeof bb),
		     b->pb, b->pkts, b->bytes);
	}
	fact(t, "conversations", "tcp_started_in_capture", "SYN seen", "%u", started);
	fact(t, "conversations", "tcp_streams_with_retransmission", NULL, "%u", retr);
	fact(t, "conversations", "tcp_streams_with_lost_segment", NULL, "%u", lossy);
	for (int i = 0; i < PF_COUNT; i++)
		if (f->flags[i])
			fact(t, "expert", pi_flag_field[i], NULL, "%" PRIu64, f->flags[i]);
	/* inferences over senders */
	uint64_t bad_total = 0, back_total = 0;
	const struct sender *worst_bad = NULL, *worst_back = NULL;
	uint32_t bad_hosts = 0;
	for (uint32_t i = 0; i < f->senders.n; i++) {
		const struct sender *x = htab_rec(&f->senders, i);
		if (x->bad_csum) {
			bad_hosts++;
			bad_total += x->bad_csum;
			if (!worst_bad || x->bad_csum > worst_bad->bad_csum)
				worst_bad = x;
		}
		back_total += x->ipid_back;
		if (x->ipid_back && (!worst_back || x->ipid_back > worst_back->ipid_back))
			worst_back = x;
	}
	char ab[64];
	fact(t, "checksums", "frames_verified",
	     "outer IPv4 header, and the TCP segment behind it when captured whole", "%" PRIu64,
	     f->csum_checked);
	fact(t, "checksums", "frames_with_bad_checksum", NULL, "%" PRIu64, f->csum_bad);
	if (!bad_total)
		fact(t, "checksums", "bad_checksums", "none", "0");
	else if (bad_hosts == 1)
		fact(t, "checksums", "offload_suspected",
		     "all bad checksums come from one sender: its NIC computes them after the "
		     "capture point",
		     "%s (%" PRIu64 " of %" PRIu64 " packets)",
		     addr_to_str(&worst_bad->a, ab, sizeof ab), worst_bad->bad_csum,
		     worst_bad->pkts);
	else
		fact(t, "checksums", "bad_checksums",
		     "from several senders: corruption rather than offload",
		     "%" PRIu64 " from %u senders", bad_total, bad_hosts);
	fact(t, "reordering", "ip_id_steps_back",
	     "IP-ID lower than the previous one from the same sender (by < 1024)", "%" PRIu64,
	     back_total);
	if (worst_back)
		fact(t, "reordering", "most_reordered_sender", NULL, "%s (%" PRIu64 ")",
		     addr_to_str(&worst_back->a, ab, sizeof ab), worst_back->ipid_back);
	uint64_t ooo = f->flags[PF_OUT_OF_ORDER], rt = f->flags[PF_RETRANS],
		 spur = f->flags[PF_SPURIOUS_RETRANS], lost = f->flags[PF_LOST_SEGMENT];
	const char *hint;
	if (!rt && !ooo && !lost)
		hint = "no retransmission, reordering or loss flagged";
	else if (back_total && (ooo || spur))
		hint = "IP-IDs step back: out-of-order/spurious flags are likely network "
		       "reordering, not loss";
	else if (lost && !ooo)
		hint = "segments missing before the capture point and retransmitted: loss upstream "
		       "of the capture";
	else if (ooo > rt)
		hint = "more out-of-order than retransmissions: reordering (or capture-side drops) "
		       "likely";
	else
		hint = "retransmissions dominate: loss likely";
	fact(t, "hints", "retransmission_vs_reordering", hint,
	     "retrans=%" PRIu64 " out_of_order=%" PRIu64 " spurious=%" PRIu64 " lost=%" PRIu64, rt,
	     ooo, spur, lost);
}
