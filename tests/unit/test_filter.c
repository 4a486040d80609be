/*
** test_filter.c -- the display-filter engine on hand-made fieldsets: list
** semantics that a capture rarely shows, the caps, and that matching does not
** allocate once warm.
*/
#include <stdlib.h>
#include <string.h>

#include "core/field.h"
#include "core/fieldset.h"
#include "filter/filter.h"
#include "test.h"

static int run(const char *text, const struct fieldset *fs)
{
	struct filter_error e;
	struct filter *f = filter_compile(text, &e);
	if (!f)
		return -1;
	int r = filter_match(f, fs);
	filter_free(f);
	return r;
}

static void two_ports(struct fieldset *fs)
{
	fs_init(fs);
	fs->want_all = 1;
	int port = field_lookup("tcp.port");
	fs_add_uint(fs, port, 0, 2, 80);
	fs_add_uint(fs, port, 2, 2, 49152);
}

TEST(filter_any_all_on_two_occurrences)
{
	struct fieldset fs;
	two_ports(&fs);
	CHECK(run("tcp.port == 80", &fs) == 1);
	CHECK(run("tcp.port != 80", &fs) == 0);  /* 4.0: all not equal */
	CHECK(run("tcp.port !== 80", &fs) == 1); /* any not equal */
	CHECK(run("tcp.port === 80", &fs) == 0);
	CHECK(run("all tcp.port > 79", &fs) == 1);
	CHECK(run("any tcp.port < 80", &fs) == 0);
	CHECK(run("tcp.port in {1..80}", &fs) == 1);
	CHECK(run("count(tcp.port) == 2", &fs) == 1);
	CHECK(run("max(tcp.port) == 49152", &fs) == 1);
	CHECK(run("udp.port != 53", &fs) == 0); /* absent field: false */
	CHECK(run("!(udp.port == 53)", &fs) == 1);
	CHECK(run("", &fs) == 1);
	fs_free(&fs);
}

TEST(filter_errors_have_tshark_text)
{
	struct filter_error e;
	CHECK(filter_compile("tcp.port == foo", &e) == NULL);
	CHECK_STR(e.msg, "\"foo\" is not a valid number.");
	CHECK(e.loc == 12 && e.len == 3);
	CHECK(filter_compile("tcp.port ==", &e) == NULL);
	CHECK_STR(e.msg, "Unexpected end of filter expression.");
	CHECK(e.loc < 0);
}

TEST(filter_depth_and_size_caps)
{
	struct filter_error e;
	size_t n = 100000;
	char *s = malloc(n + 16);
	memset(s, '(', n);
	memcpy(s + n, "tcp", 4);
	CHECK(filter_compile(s, &e) == NULL);
	CHECK(strstr(e.msg, "too long") != NULL);
	memset(s, '!', 5000);
	memcpy(s + 5000, "tcp", 4);
	CHECK(filter_compile(s, &e) == NULL);
	CHECK(strstr(e.msg, "nested too deeply") != NULL);
	free(s);
}

static int want_ip_src, want_tcp;

static void note_want(int id, void *arg)
{
	(void)arg;
	if (id == field_lookup("ip.src"))
		want_ip_src = 1;
	if (id == field_lookup("tcp"))
		want_tcp = 1;
}

TEST(filter_wanted_fields_lists_references)
{
	struct filter_error e;
	struct filter *f = filter_compile("ip.src == 1.2.3.4 && tcp", &e);
	CHECK(f != NULL);
	filter_wanted_fields(f, note_want, NULL);
	CHECK(want_ip_src && want_tcp);
	filter_free(f);
}
