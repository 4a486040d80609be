/* test_table.c -- the typed table writers: CSV quoting, TSV escapes, NDJSON types. */
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
