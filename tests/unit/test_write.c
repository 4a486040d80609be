/*
** test_write.c -- the capture writers read back by our readers, MD5 (RFC
** 1321 test vectors) and editcap's time arguments.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/capture.h"
#include "capture/writer.h"
#include "cli/edit_util.h"
#include "test.h"

static void hex(const uint8_t *d, char *out)
{
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

TEST(md5_rfc1321_vectors)
{
	static const struct {
		const char *in, *md;
	} v[] = {
	    {"", "d41d8cd98f00b204e9800998ecf8427e"},
	    {"abc", "900150983cd24fb0d6963f7d28e17f72"},
	    {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
	    {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
	     "57edf4a22be3c955ac49da2e2107b67a"},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		uint8_t d[16];
		char h[33];
		md5_digest(v[i].in, strlen(v[i].in), d);
		hex(d, h);
		CHECK(!strcmp(h, v[i].md));
	}
}

TEST(editcap_times)
{
	int64_t s;
	int32_t n;
	CHECK(parse_abs_time("1704067200.04", &s, &n) == 0 && s == 1704067200 && n == 40000000);
	CHECK(parse_abs_time("2024-01-01T00:00:00.5Z", &s, &n) == 0 && s == 1704067200 &&
	      n == 500000000);
	CHECK(parse_abs_time("2024-01-01T02:00:00+02:00", &s, &n) == 0 && s == 1704067200 &&
	      n == 0);
	CHECK(parse_abs_time("yesterday", &s, &n) < 0);
	CHECK(parse_rel_time("-0.25", &s, &n) == 0 && s == -1 && n == 750000000);
	CHECK(parse_rel_time("1.000000001", &s, &n) == 0 && s == 1 && n == 1);
}

/* Write frames with a comment and nanosecond times, read them back. */
TEST(pcapng_writer_roundtrip)
{
	char path[] = "/tmp/ws_write_XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	char err[256];
	struct cap_writer *w = cap_writer_open(path, CAP_W_PCAPNG, NULL, err, sizeof err);
	CHECK(w != NULL);
	struct cap_iface ifc = {
	    .linktype = LINKTYPE_ETHERNET, .snaplen = 65535, .tsresol_num = 1000000000u};
	ifc.name = (char *)"eth9";
	CHECK(cap_writer_add_iface(w, &ifc) == 0);
	static const uint8_t pkt[60] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2,
					0,    0,    0,    0,    1,    0x08, 0x06};
	struct cap_frame f = {0};
	f.data = pkt;
	f.caplen = 59;
	f.len = 60;
	f.sec = 1704067200;
	f.nsec = 123456789;
	f.has_ts = 1;
	f.linktype = LINKTYPE_ETHERNET;
	f.ncomments = 1;
	f.comments[0].p = "hello";
	f.comments[0].n = 5;
	CHECK(cap_writer_write(w, &f, 0) == 0);
	CHECK(cap_writer_close(w, err, sizeof err) == 0);
	struct capture *c = capture_open(path, err, sizeof err);
	CHECK(c != NULL);
	if (c) {
		struct cap_frame g;
		CHECK(capture_next(c, &g) == 1);
		CHECK(g.caplen == 59 && g.len == 60 && g.sec == 1704067200 && g.nsec == 123456789);
		CHECK(g.ncomments == 1 && g.comments[0].n == 5 &&
		      !memcmp(g.comments[0].p, "hello", 5));
		CHECK(g.if_name && !strcmp(g.if_name, "eth9"));
		CHECK(capture_next(c, &g) == 0);
		capture_close(c);
	}
	close(fd);
	remove(path);
}
