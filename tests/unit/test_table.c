/* test_table.c -- the typed table writers: CSV quoting, TSV escapes, NDJSON types. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/table.h"
#include "test.h"

static const struct tcol cols[] = {
    {"name", COL_STRING}, {"n", COL_UINT},  {"d", COL_INT},
    {"x", COL_DOUBLE},    {"ts", COL_TIME}, {"addr", COL_ADDR},
};

static void fill(struct table *t)
{
	table_init(t, "demo", cols, 6);
	table_row(t);
	table_set_str(t, 0, "a,\"b\"\nc\td");
	table_set_uint(t, 1, 18446744073709551615ULL);
	table_set_int(t, 2, -5);
	table_set_double(t, 3, 0.5);
	table_set_time(t, 4, 1700000000123456789LL);
	table_set_str(t, 5, "2001:db8::1");
	table_row(t); /* all NULL */
}

static char *write(int fmt)
{
	struct table t;
	fill(&t);
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	if (fmt == 0)
		table_write_csv(f, &t);
	else if (fmt == 1)
		table_write_text(f, &t, 0);
	else
		table_write_ndjson(f, &t, 1);
	fclose(f);
	table_free(&t);
	return buf;
}

TEST(table_csv_rfc4180)
{
	char *s = write(0);
	CHECK(!strcmp(s, "name,n,d,x,ts,addr\n"
			 "\"a,\"\"b\"\"\nc\td\",18446744073709551615,-5,0.500000,1700000000."
			 "123456789,2001:db8::1\n"
			 ",,,,,\n"));
	free(s);
}

TEST(table_tsv_escapes)
{
	char *s = write(1);
	CHECK(!strcmp(s, "name\tn\td\tx\tts\taddr\n"
			 "a,\"b\"\\x0ac\\x09d\t18446744073709551615\t-5\t0.500000\t1700000000."
			 "123456789\t2001:db8::1\n"
			 "\t\t\t\t\t\n"));
	free(s);
}

TEST(table_ndjson_typed)
{
	char *s = write(2);
	CHECK(!strcmp(
	    s, "{\"_table\":\"demo\",\"name\":\"a,\\\"b\\\"\\nc\\td\",\"n\":18446744073709551615,"
	       "\"d\":-5,\"x\":0.500000,\"ts\":1700000000.123457,\"addr\":\"2001:db8::1\"}\n"
	       "{\"_table\":\"demo\",\"name\":null,\"n\":null,\"d\":null,\"x\":null,\"ts\":null,"
	       "\"addr\":null}\n"));
	free(s);
}

TEST(table_format_names)
{
	CHECK(tfmt_parse("csv") == TF_CSV);
	CHECK(tfmt_parse("sqlite") == TF_SQLITE);
	CHECK(tfmt_parse("xlsx") == -1);
}

/* tcell_text formats integers and times itself: the same text as the printf it replaced */
TEST(table_cell_text_like_printf)
{
	static const int64_t iv[] = {0, 1, -1, 9, 10, -10, 1234567890123LL, INT64_MAX, INT64_MIN};
	static const int64_t tv[] = {0,          1,           -1,          999999999,
				     1000000000, -1000000000, -1500000000, 1700000000123456789LL,
				     INT64_MIN,  INT64_MAX};
	struct tcol ci = {"i", COL_INT}, cu = {"u", COL_UINT}, ct = {"t", COL_TIME};
	char got[64], want[64];
	for (size_t k = 0; k < sizeof iv / sizeof iv[0]; k++) {
		struct tcell c = {0, 0, {.i = iv[k]}};
		tcell_text(&ci, &c, got, sizeof got);
		snprintf(want, sizeof want, "%" PRId64, iv[k]);
		CHECK(!strcmp(got, want));
		c.v.u = (uint64_t)iv[k];
		tcell_text(&cu, &c, got, sizeof got);
		snprintf(want, sizeof want, "%" PRIu64, (uint64_t)iv[k]);
		CHECK(!strcmp(got, want));
	}
	for (size_t k = 0; k < sizeof tv / sizeof tv[0]; k++) {
		struct tcell c = {0, 0, {.i = tv[k]}};
		size_t n = tcell_text(&ct, &c, got, sizeof got);
		int64_t s = tv[k] / 1000000000, ns = tv[k] % 1000000000;
		if (ns < 0) {
			ns += 1000000000;
			s--;
		}
		snprintf(want, sizeof want, "%" PRId64 ".%09" PRId64, s, ns);
		CHECK(!strcmp(got, want) && n == strlen(want));
	}
	/* truncation to the buffer, as snprintf */
	struct tcell c = {0, 0, {.u = 123456789}};
	CHECK(tcell_text(&cu, &c, got, 5) == 4 && !strcmp(got, "1234"));
	struct tcol cs = {"s", COL_STRING};
	struct tcell cc = {0, 0, {.s = (char *)"hello"}};
	CHECK(tcell_text(&cs, &cc, got, 3) == 2 && !strcmp(got, "he"));
	struct tcell cn = {1, 0, {.u = 7}};
	CHECK(tcell_text(&cu, &cn, got, sizeof got) == 0 && got[0] == 0);
}

/* doubles: the printf-free %.6f agrees with snprintf, ties and near-ties included */
TEST(table_cell_double_like_printf)
{
	struct tcol cd = {"d", COL_DOUBLE};
	char got[64], want[64];
	static const double fixed[] = {
	    0.0,        -0.0,        0.5e-6, 1.5e-6, 2.5e-6,          0.0000005, 1.0000005,
	    -2.0000005, 123.4567895, 1e-7,   -1e-9,  999999.9999995,  5e8,       1e12,
	    -1e12,      1e300,       0.1,    0.7,    93.833333333333, 1.0 / 3};
	int bad = 0;
	for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++) {
		struct tcell c = {0, 0, {.d = fixed[k]}};
		tcell_text(&cd, &c, got, sizeof got);
		snprintf(want, sizeof want, "%.6f", fixed[k]);
		bad += strcmp(got, want) != 0;
	}
	uint64_t x = 88172645463325252ULL;
	for (int i = 0; i < 200000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		/* values of every magnitude, and exact multiples of 0.5e-6 (ties) */
		double d = i % 3 == 0   ? (double)(x % 2000000001) * 0.5e-6
			   : i % 3 == 1 ? (double)(int64_t)x / 1e9
					: (double)(x >> 11) / (double)(1ULL << (x % 60));
		struct tcell c = {0, 0, {.d = d}};
		tcell_text(&cd, &c, got, sizeof got);
		snprintf(want, sizeof want, "%.6f", d);
		bad += strcmp(got, want) != 0;
	}
	CHECK(bad == 0);
}

/* borrowed strings are written like copies and never freed; a cell set again frees only copies */
TEST(table_borrowed_strings)
{
	static const struct tcol sc[] = {{"s", COL_STRING}, {"a", COL_ADDR}, {"n", COL_UINT}};
	struct table t;
	table_init(&t, "b", sc, 3);
	t.keep = malloc(16);
	memcpy(t.keep, "10.0.0.1", 9);
	table_row(&t);
	table_set_borrowed(&t, 0, "tcp");
	table_set_borrowed(&t, 1, t.keep);
	table_set_uint(&t, 2, 1234567);
	table_row(&t);
	table_set_borrowed(&t, 0, "udp");
	table_set_str(&t, 0, "x\ty"); /* a copy replaces a borrowed string: nothing freed */
	table_set_str(&t, 1, "::1");
	table_set_borrowed(&t, 1, t.keep); /* a borrowed one replaces a copy: the copy freed */
	table_set_borrowed(&t, 2, NULL);   /* NULL leaves the cell NULL */
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	table_write_text(f, &t, 0);
	fclose(f);
	CHECK(!strcmp(buf, "s\ta\tn\ntcp\t10.0.0.1\t1234567\nx\\x09y\t10.0.0.1\t\n"));
	CHECK(table_cell(&t, 0, 0)->borrowed && !table_cell(&t, 1, 0)->borrowed);
	free(buf);
	table_free(&t); /* under ASan: no bad free, no leak */
	CHECK(t.keep == NULL);
}

/* TSV's word-at-a-time copy escapes as the byte loop does: escapes anywhere, near misses */
TEST(table_tsv_escapes_long)
{
	static const struct tcol sc[] = {{"s", COL_STRING}};
	static const char pool[] = "\t\n\r\\\x01\x08\x0b\x0c\x0e\x1f\x5b\x5d\x7f\x80\xff"
				   "az09.:";
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	int bad = 0;
	for (int i = 0; i < 3000; i++) {
		char s[48], want[4 * sizeof s + 8], *w = want;
		size_t n = (size_t)i % 40;
		for (size_t k = 0; k < n; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			/* mostly plain bytes, so most strings have one escape or none */
			s[k] = x % 8 ? (char)('a' + x % 26) : pool[(x >> 8) % (sizeof pool - 1)];
		}
		s[n] = 0;
		for (size_t k = 0; k < n; k++) {
			unsigned char ch = (unsigned char)s[k];
			if (ch == '\t' || ch == '\n' || ch == '\r' || ch == '\\')
				w += snprintf(w, 5, "\\x%02x", ch);
			else
				*w++ = (char)ch;
		}
		memcpy(w, "\n", 2);
		struct table t;
		table_init(&t, "e", sc, 1);
		table_row(&t);
		table_set_str(&t, 0, s);
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		table_write_text(f, &t, 0);
		fclose(f);
		bad += strcmp(buf + 2, want) != 0; /* past the header "s\n" */
		free(buf);
		table_free(&t);
	}
	CHECK(bad == 0);
}
