/*
** test_fields.c -- fields_format, the -T fields line writer.
**
** Each column kind has its own writer (integers, hex, addresses, times,
** columns, the generic fallback); these check them under the -E options
** against lines worked out by hand from tshark's rules (output/fields.c).
*/
#include <stdlib.h>
#include <string.h>

#include "core/field.h"
#include "core/fieldset.h"
#include "output/output.h"
#include "test.h"

static const uint8_t v4a[4] = {10, 0, 0, 1}, v4b[4] = {192, 168, 200, 254};
static const uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

static int fid(const char *name)
{
	int id = field_lookup(name);
	CHECK(id >= 0);
	return id;
}

/* a frame: number, epoch time, ip.addr twice, ipv6.src, tcp.flags, tcp.srcport, Protocol */
static void fill(struct fieldset *fs, struct packet *pk)
{
	fs_reset(fs);
	struct fvalue v;
	v.v.u = 42;
	fs_store(fs, fid("frame.number"), 0, 0, &v);
	v.v.t.sec = 1577836800;
	v.v.t.nsec = 5;
	fs_store(fs, fid("frame.time_epoch"), 0, 0, &v);
	v.v.b.p = v4a;
	v.v.b.n = 4;
	fs_store(fs, fid("ip.addr"), 26, 4, &v);
	v.v.b.p = v4b;
	fs_store(fs, fid("ip.addr"), 30, 4, &v);
	memcpy(v.v.ip6, v6, 16);
	fs_store(fs, fid("ipv6.src"), 8, 16, &v);
	v.v.u = 0x12;
	fs_store(fs, fid("tcp.flags"), 46, 2, &v);
	v.v.u = 443;
	fs_store(fs, fid("tcp.srcport"), 34, 2, &v);
	memset(pk, 0, sizeof *pk);
	pk->fs = fs;
	pk->num = 42;
	pk->len = 60;
	pk->col_proto = "TLSv1.2";
}

static const char *names[] = {"frame.number",   "frame.time_epoch", "ip.addr",
			      "ipv6.src",       "tcp.flags",        "tcp.srcport",
			      "udp.srcport",    "_ws.col.Protocol", "_ws.col.No.",
			      "_ws.col.Length", "_ws.col.Nope",     "tcp.flags"};

static void line_of(struct fields_opts *o, const struct packet *pk, struct fields_line *b,
		    char *out, size_t n)
{
	b->len = 0;
	fields_format(o, pk, b);
	size_t k = b->len < n - 1 ? b->len : n - 1;
	memcpy(out, b->p, k);
	out[k] = 0;
}

TEST(fields_format_kinds_and_options)
{
	struct fieldset fs;
	fs_init(&fs);
	struct packet *pk = calloc(1, sizeof *pk);
	fill(&fs, pk);
	struct fields_opts o = {
	    .nfields = 12, .names = names, .separator = '\t', .occurrence = 'f', .aggregator = ','};
	CHECK(fields_prepare(&o) == NULL);
	struct fields_line b = {0};
	char got[512];
	/* a repeated -e prints in its last column only; an unknown column title prints nothing */
	line_of(&o, pk, &b, got, sizeof got);
	CHECK_STR(got, "42\t1577836800.000000005\t10.0.0.1\t2001:db8::1\t\t443\t\tTLSv1."
		       "2\t42\t60\t\t0x0012\n");
	o.occurrence = 'a';
	o.quote = '"';
	o.separator = ',';
	o.aggregator = ';';
	line_of(&o, pk, &b, got, sizeof got);
	CHECK_STR(got,
		  "\"42\",\"1577836800.000000005\",\"10.0.0.1;192.168.200.254\",\"2001:db8::1\",,"
		  "\"443\",,\"TLSv1.2\",\"42\",\"60\",,\"0x0012\"\n");
	o.occurrence = 'l';
	o.quote = 0;
	line_of(&o, pk, &b, got, sizeof got);
	CHECK_STR(
	    got,
	    "42,1577836800.000000005,192.168.200.254,2001:db8::1,,443,,TLSv1.2,42,60,,0x0012\n");
	/* the kept seconds' text follows the time: a new second, an old one, a negative one */
	static const struct {
		int64_t sec;
		int32_t nsec;
		const char *text;
	} times[] = {{1577836801, 0, "1577836801.000000000"},
		     {1577836801, 999999999, "1577836801.999999999"},
		     {9, 10, "9.000000010"},
		     {1577836800, 5, "1577836800.000000005"},
		     {0, -500000000, "-0.500000000"},
		     {1577836800, 5, "1577836800.000000005"}};
	struct fields_opts t = {
	    .nfields = 1, .names = names + 1, .separator = '\t', .occurrence = 'f'};
	CHECK(fields_prepare(&t) == NULL);
	int tid = fid("frame.time_epoch");
	for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
		fs.items[fs.occ[tid].first].val.v.t.sec = times[i].sec;
		fs.items[fs.occ[tid].first].val.v.t.nsec = times[i].nsec;
		line_of(&t, pk, &b, got, sizeof got);
		char want[64];
		snprintf(want, sizeof want, "%s\n", times[i].text);
		CHECK_STR(got, want);
	}
	free(t.ids);
	fs.items[fs.occ[tid].first].val.v.t.sec = 1577836800;
	fs.items[fs.occ[tid].first].val.v.t.nsec = 5;
	line_of(&o, pk, &b, got, sizeof got);
	/* appends: the caller's buffer keeps what it had (a worker may batch lines) */
	size_t one = b.len;
	fields_format(&o, pk, &b);
	CHECK(b.len == 2 * one && !memcmp(b.p, b.p + one, one));
	free(b.p);
	free(o.ids);
	free(pk);
	fs_free(&fs);
}

/*
** -E occurrence=a without quotes (the users' default): a field with one value
** prints inline as with occurrence=f, one with more through the aggregator;
** every kind once, and numbers at each digit-count boundary.
*/
TEST(fields_format_occurrence_a_single_values)
{
	struct fieldset fs;
	fs_init(&fs);
	struct packet *pk = calloc(1, sizeof *pk);
	fill(&fs, pk);
	fs_store_u(&fs, fid("tcp.analysis.retransmission"), 0, 0, 0, FI_NONE_VALUE);
	fs_store_u(&fs, fid("eth.type"), 12, 2, 0x86dd, 0);
	fs_store_u(&fs, fid("frame.len"), 0, 0, 1514, 0);
	static const char *cols[] = {
	    "frame.number", "frame.time_epoch", "ip.addr",
	    "ipv6.src",     "tcp.flags",        "tcp.srcport",
	    "frame.len",    "eth.type",         "tcp.analysis.retransmission",
	    "udp.srcport",  "_ws.col.Protocol", "_ws.col.Length"};
	struct fields_opts o = {
	    .nfields = 12, .names = cols, .separator = '\t', .occurrence = 'a', .aggregator = ','};
	CHECK(fields_prepare(&o) == NULL);
	struct fields_line b = {0};
	char got[512];
	line_of(&o, pk, &b, got, sizeof got);
	CHECK_STR(got, "42\t1577836800.000000005\t10.0.0.1,192.168.200.254\t2001:db8::1\t0x0012\t"
		       "443\t1514\t0x86dd\t1\t\tTLSv1.2\t60\n");
	o.occurrence = 'f';
	line_of(&o, pk, &b, got, sizeof got);
	CHECK_STR(got, "42\t1577836800.000000005\t10.0.0.1\t2001:db8::1\t0x0012\t"
		       "443\t1514\t0x86dd\t1\t\tTLSv1.2\t60\n");
	free(o.ids);
	/* one column, occurrence=a: every digit count of a 32-bit value and of a time's fraction */
	struct fields_opts n = {.nfields = 2,
				.names = cols + 6,
				.separator = ',',
				.occurrence = 'a',
				.aggregator = ';'};
	CHECK(fields_prepare(&n) == NULL);
	int lid = fid("frame.len"), tid = fid("frame.time_epoch");
	uint64_t v = 0;
	for (int d = 0; d <= 10; d++, v = v ? v * 10 : 1) {
		uint32_t vals[3] = {(uint32_t)v, (uint32_t)(v ? v - 1 : 0),
				    (uint32_t)(v * 10 - 1 < UINT32_MAX ? v * 10 - 1 : UINT32_MAX)};
		for (int k = 0; k < 3; k++) {
			fs.items[fs.occ[lid].first].val.v.u = vals[k];
			fs.items[fs.occ[tid].first].val.v.t.nsec = (int32_t)(vals[k] % 1000000000u);
			line_of(&n, pk, &b, got, sizeof got);
			char want[64];
			snprintf(want, sizeof want, "%u,0x86dd\n", vals[k]);
			CHECK_STR(got, want);
			struct fields_opts t = {.nfields = 1,
						.names = cols + 1,
						.separator = ',',
						.occurrence = 'a',
						.aggregator = ';'};
			CHECK(fields_prepare(&t) == NULL);
			line_of(&t, pk, &b, got, sizeof got);
			snprintf(want, sizeof want, "1577836800.%09u\n", vals[k] % 1000000000u);
			CHECK_STR(got, want);
			free(t.ids);
		}
	}
	free(n.ids);
	free(b.p);
	free(pk);
	fs_free(&fs);
}

/* a frame of one of three shapes (which fields, in which order), for the kept line plans */
static void fill_shape(struct fieldset *fs, struct packet *pk, int num, int shape)
{
	static const uint8_t a[3][16] = {
	    {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	    {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
	    {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1}};
	fs_reset(fs);
	struct fvalue v;
	memcpy(v.v.ip6, a[shape], 16); /* one IPv6 text entry for all three: same last bytes */
	fs_store_u(fs, fid("frame.number"), 0, 0, (uint64_t)num, 0);
	if (shape == 1)
		fs_store_u(fs, fid("tcp.srcport"), 34, 2, 443, 0);
	fs_store(fs, fid("ipv6.src"), 8, 16, &v);
	if (shape == 0)
		fs_store_u(fs, fid("tcp.srcport"), 34, 2, 443, 0);
	memset(pk, 0, sizeof *pk);
	pk->fs = fs;
	pk->num = (uint32_t)num;
	pk->col_proto = "TCP";
}

/*
** The line plans kept per frame shape and the IPv6 texts kept per address:
** three shapes in turn (more than the plans kept) whose addresses share one
** text entry, and a second export where the first was, each line as if
** nothing were kept.
*/
TEST(fields_format_kept_plans_and_v6_texts)
{
	struct fieldset fs;
	fs_init(&fs);
	struct packet *pk = calloc(1, sizeof *pk);
	static const char *cols[] = {"frame.number", "ipv6.src", "tcp.srcport", "_ws.col.Protocol"};
	static const char *const text[3] = {"2001:db8::1,443", "fe80::1,443", "::ffff:10.0.0.1,"};
	struct fields_line b = {0};
	char got[256], want[256];
	for (int round = 0; round < 2; round++) {
		struct fields_opts o = {.nfields = 4 - round,
					.names = cols + round,
					.separator = ',',
					.occurrence = 'f'};
		CHECK(fields_prepare(&o) == NULL);
		for (int i = 0; i < 9; i++) {
			fill_shape(&fs, pk, i, i % 3);
			line_of(&o, pk, &b, got, sizeof got);
			if (round == 0)
				snprintf(want, sizeof want, "%d,%s,TCP\n", i, text[i % 3]);
			else
				snprintf(want, sizeof want, "%s,TCP\n", text[i % 3]);
			CHECK_STR(got, want);
		}
		free(o.ids);
	}
	free(b.p);
	free(pk);
	fs_free(&fs);
}
