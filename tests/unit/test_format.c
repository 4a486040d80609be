/*
** test_format.c -- fv_to_str against what tshark 4.0.17 printed.
**
** Every expected string below was printed by tshark 4.0.17 -T fields for a
** Lua field of the same type and base over crafted bytes
** (tests/golden/expected/format/: the script, the payloads, the command and
** tshark's output), so these are tshark's answers, not ours.
*/
#include <arpa/inet.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/field.h"
#include "core/fieldset.h"
#include "output/format.h"
#include "test.h"

enum {
	T_U8HEX,
	T_U8OCT,
	T_U8DECHEX,
	T_U8HEXDEC,
	T_U16HEX,
	T_U24HEX,
	T_U32HEXDEC,
	T_U64HEX,
	T_U64DEC,
	T_I8,
	T_I32,
	T_I64,
	T_U8MASK,
	T_CHAR,
	T_CHARHEX,
	T_BOOL,
	T_FLOAT,
	T_DOUBLE,
	T_ABSLOCAL,
	T_ABSUTC,
	T_ABSDOY,
	T_REL,
	T_STRING,
	T_BYTES,
	T_BYTESCOLON,
	T_BYTESDASH,
	T_BYTESDOT,
	T_BYTESSPACE,
	T_ETHER,
	T_IPV4,
	T_IPV6,
	T_GUID,
	T_OID,
	T_EUI64,
	T_NONE,
	T_FRAMENUM,
	T_PROTO,
	T_NTP,
	T_COUNT
};
static const struct field_def defs[T_COUNT] = {
    [T_U8HEX] = {"wst.u8hex", "u8hex", FT_UINT8, BASE_HEX, NULL, 0, NULL},
    [T_U8OCT] = {"wst.u8oct", "u8oct", FT_UINT8, BASE_OCT, NULL, 0, NULL},
    [T_U8DECHEX] = {"wst.u8dechex", "u8dechex", FT_UINT8, BASE_DEC_HEX, NULL, 0, NULL},
    [T_U8HEXDEC] = {"wst.u8hexdec", "u8hexdec", FT_UINT8, BASE_HEX_DEC, NULL, 0, NULL},
    [T_U16HEX] = {"wst.u16hex", "u16hex", FT_UINT16, BASE_HEX, NULL, 0, NULL},
    [T_U24HEX] = {"wst.u24hex", "u24hex", FT_UINT24, BASE_HEX, NULL, 0, NULL},
    [T_U32HEXDEC] = {"wst.u32hexdec", "u32hexdec", FT_UINT32, BASE_HEX_DEC, NULL, 0, NULL},
    [T_U64HEX] = {"wst.u64hex", "u64hex", FT_UINT64, BASE_HEX, NULL, 0, NULL},
    [T_U64DEC] = {"wst.u64dec", "u64dec", FT_UINT64, BASE_DEC, NULL, 0, NULL},
    [T_I8] = {"wst.i8dec", "i8dec", FT_INT8, BASE_DEC, NULL, 0, NULL},
    [T_I32] = {"wst.i32dec", "i32dec", FT_INT32, BASE_DEC, NULL, 0, NULL},
    [T_I64] = {"wst.i64dec", "i64dec", FT_INT64, BASE_DEC, NULL, 0, NULL},
    [T_U8MASK] = {"wst.u8mask", "u8mask", FT_UINT8, BASE_HEX, NULL, 0x3c, NULL},
    [T_CHAR] = {"wst.char", "char", FT_CHAR, BASE_NONE, NULL, 0, NULL},
    [T_CHARHEX] = {"wst.charhex", "charhex", FT_CHAR, BASE_HEX, NULL, 0, NULL},
    [T_BOOL] = {"wst.bool8", "bool8", FT_BOOLEAN, 8, NULL, 0x01, NULL},
    [T_FLOAT] = {"wst.float", "float", FT_FLOAT, BASE_NONE, NULL, 0, NULL},
    [T_DOUBLE] = {"wst.double", "double", FT_DOUBLE, BASE_NONE, NULL, 0, NULL},
    [T_ABSLOCAL] = {"wst.abslocal", "abslocal", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_LOCAL, NULL, 0,
		    NULL},
    [T_ABSUTC] = {"wst.absutc", "absutc", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_UTC, NULL, 0, NULL},
    [T_ABSDOY] = {"wst.absdoy", "absdoy", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_DOY_UTC, NULL, 0, NULL},
    [T_REL] = {"wst.rel", "rel", FT_RELATIVE_TIME, BASE_NONE, NULL, 0, NULL},
    [T_STRING] = {"wst.string", "string", FT_STRING, BASE_NONE, NULL, 0, NULL},
    [T_BYTES] = {"wst.bytes", "bytes", FT_BYTES, BASE_NONE, NULL, 0, NULL},
    [T_BYTESCOLON] = {"wst.bytescolon", "bytescolon", FT_BYTES, SEP_COLON, NULL, 0, NULL},
    [T_BYTESDASH] = {"wst.bytesdash", "bytesdash", FT_BYTES, SEP_DASH, NULL, 0, NULL},
    [T_BYTESDOT] = {"wst.bytesdot", "bytesdot", FT_BYTES, SEP_DOT, NULL, 0, NULL},
    [T_BYTESSPACE] = {"wst.bytesspace", "bytesspace", FT_BYTES, SEP_SPACE, NULL, 0, NULL},
    [T_ETHER] = {"wst.ether", "ether", FT_ETHER, BASE_NONE, NULL, 0, NULL},
    [T_IPV4] = {"wst.ipv4", "ipv4", FT_IPv4, BASE_NONE, NULL, 0, NULL},
    [T_IPV6] = {"wst.ipv6", "ipv6", FT_IPv6, BASE_NONE, NULL, 0, NULL},
    [T_GUID] = {"wst.guid", "guid", FT_GUID, BASE_NONE, NULL, 0, NULL},
    [T_OID] = {"wst.oid", "oid", FT_OID, BASE_NONE, NULL, 0, NULL},
    [T_EUI64] = {"wst.eui64", "eui64", FT_EUI64, BASE_NONE, NULL, 0, NULL},
    [T_NONE] = {"wst.none", "none", FT_NONE, BASE_NONE, NULL, 0, NULL},
    [T_FRAMENUM] = {"wst.framenum", "framenum", FT_FRAMENUM, BASE_NONE, NULL, 0, NULL},
    [T_PROTO] = {"wst", "WS Test Proto", FT_PROTOCOL, BASE_NONE, NULL, 0, NULL},
    [T_NTP] = {"wst.ntp", "ntp", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_NTP_UTC, NULL, 0, NULL},
};
static int base_id = -1;

static int fid(int t)
{
	if (base_id < 0) {
		base_id = field_register(defs, T_COUNT);
		setenv("TZ", "UTC", 1);
		tzset();
	}
	return base_id + t;
}

static char out[4096];

static const char *fmt_u(int t, uint64_t u)
{
	struct fitem it = {.id = fid(t)};
	it.val.v.u = u;
	fv_to_str(&it, out, sizeof out);
	return out;
}

static const char *fmt_i(int t, int64_t i)
{
	struct fitem it = {.id = fid(t)};
	it.val.v.i = i;
	fv_to_str(&it, out, sizeof out);
	return out;
}

static const char *fmt_d(int t, double d)
{
	struct fitem it = {.id = fid(t)};
	it.val.v.d = d;
	fv_to_str(&it, out, sizeof out);
	return out;
}

static const char *fmt_t(int t, int64_t sec, int32_t nsec)
{
	struct fitem it = {.id = fid(t)};
	it.val.v.t.sec = sec;
	it.val.v.t.nsec = nsec;
	fv_to_str(&it, out, sizeof out);
	return out;
}

static const char *fmt_b(int t, const char *hex)
{
	static uint8_t b[512];
	size_t n = strlen(hex) / 2;
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)strtoul((char[3]){hex[2 * i], hex[2 * i + 1], 0}, NULL, 16);
	struct fitem it = {.id = fid(t)};
	if (t == T_IPV6)
		memcpy(it.val.v.ip6, b, 16);
	else {
		it.val.v.b.p = b;
		it.val.v.b.n = (uint32_t)n;
	}
	fv_to_str(&it, out, sizeof out);
	return out;
}

static double dbits(uint64_t u)
{
	double d;
	memcpy(&d, &u, sizeof d);
	return d;
}

static double fbits(uint32_t u)
{
	float f;
	memcpy(&f, &u, sizeof f);
	return f;
}

#define EQ(got, want)                                                                              \
	CHECK(strcmp((got), (want)) == 0 ||                                                        \
	      (fprintf(stderr, "  got [%s] want [%s]\n", (got), (want)), 0))

TEST(format_integers_by_base)
{
	EQ(fmt_u(T_U8HEX, 0xff), "0xff");
	EQ(fmt_u(T_U8HEX, 0), "0x00");
	EQ(fmt_u(T_U8OCT, 255), "255");
	EQ(fmt_u(T_U8DECHEX, 255), "255");
	EQ(fmt_u(T_U8HEXDEC, 0x80), "0x80");
	EQ(fmt_u(T_U16HEX, 0x0102), "0x0102");
	EQ(fmt_u(T_U24HEX, 0x010203), "0x010203");
	EQ(fmt_u(T_U32HEXDEC, 0x01020304), "0x01020304");
	EQ(fmt_u(T_U64HEX, 0x0001000000000001ULL), "0x0001000000000001");
	EQ(fmt_u(T_U64DEC, 18446744073709551614ULL), "18446744073709551614");
	EQ(fmt_i(T_I8, -128), "-128");
	EQ(fmt_i(T_I32, -2147483647), "-2147483647");
	EQ(fmt_i(T_I64, INT64_MIN), "-9223372036854775808");
	/* the stored value is already masked and shifted; width stays the type's */
	EQ(fmt_u(T_U8MASK, 0x0f), "0x0f");
	EQ(fmt_u(T_BOOL, 1), "1");
	EQ(fmt_u(T_BOOL, 0), "0");
	EQ(fmt_u(T_FRAMENUM, 42), "42");
	/* the hand-rolled fast paths at their edges */
	EQ(fmt_u(T_U64DEC, UINT64_MAX), "18446744073709551615");
	EQ(fmt_u(T_U64DEC, 0), "0");
	EQ(fmt_u(T_U64HEX, UINT64_MAX), "0xffffffffffffffff");
	EQ(fmt_i(T_I8, 0), "0");
	EQ(fmt_i(T_I32, 7), "7");
	EQ(fmt_b(T_IPV4, "ffffffff"), "255.255.255.255");
	EQ(fmt_b(T_IPV4, "00000000"), "0.0.0.0");
	EQ(fmt_b(T_IPV4, "0a640a09"), "10.100.10.9");
	EQ(fmt_t(T_REL, 1349705329, 579511000), "1349705329.579511000");
}

TEST(format_char_escapes)
{
	EQ(fmt_u(T_CHAR, 0), "'\\0'");
	EQ(fmt_u(T_CHARHEX, 0), "'\\0'");
	EQ(fmt_u(T_CHAR, 7), "'\\a'");
	EQ(fmt_u(T_CHAR, 11), "'\\v'");
	EQ(fmt_u(T_CHAR, 0x1b), "'\\033'");
	EQ(fmt_u(T_CHARHEX, 0x1b), "'\\x1b'");
	EQ(fmt_u(T_CHAR, '\''), "'\\''");
	EQ(fmt_u(T_CHAR, '\\'), "'\\\\'");
	EQ(fmt_u(T_CHAR, '"'), "'\"'");
	EQ(fmt_u(T_CHAR, 'A'), "'A'");
	EQ(fmt_u(T_CHAR, 0xff), "'\\377'");
	EQ(fmt_u(T_CHARHEX, 0x80), "'\\x80'");
	EQ(fmt_u(T_CHAR, 0x7f), "'\\177'");
}

TEST(format_float_double)
{
	EQ(fmt_d(T_FLOAT, fbits(0x3e112e0b)), "0.141777");
	EQ(fmt_d(T_FLOAT, fbits(0x00000001)), "1.4013e-45");
	EQ(fmt_d(T_FLOAT, fbits(0x80000000)), "-0");
	EQ(fmt_d(T_FLOAT, fbits(0x61620063)), "2.60562e+20");
	EQ(fmt_d(T_FLOAT, fbits(0x7ff00000)), "nan");
	EQ(fmt_d(T_DOUBLE, dbits(0x3fb999999999999aULL)), "0.1");
	EQ(fmt_d(T_DOUBLE, dbits(0x3e112e0be826d695ULL)), "1e-09");
	EQ(fmt_d(T_DOUBLE, dbits(0x41cdcd6500000000ULL)), "1000000000");
	EQ(fmt_d(T_DOUBLE, dbits(0x41424309410a420dULL)), "2393618.50812555");
	EQ(fmt_d(T_DOUBLE, dbits(0x0102030405060708ULL)), "8.20788039913184e-304");
	EQ(fmt_d(T_DOUBLE, dbits(0x8000000000000001ULL)), "-4.94065645841247e-324");
	EQ(fmt_d(T_DOUBLE, dbits(0x7ff0000000000000ULL)), "inf");
	EQ(fmt_d(T_DOUBLE, dbits(0xffffffffffffffffULL)), "-nan");
}

TEST(format_times)
{
	EQ(fmt_t(T_ABSLOCAL, 0, 0), "Jan  1, 1970 00:00:00.000000000 UTC");
	EQ(fmt_t(T_ABSUTC, 0xffffffffLL, -1), "Feb  7, 2106 06:28:15.-00000001 UTC");
	EQ(fmt_t(T_ABSUTC, 1074339512, 1374389535), "Jan 17, 2004 11:38:32.1374389535 UTC");
	EQ(fmt_t(T_ABSDOY, 0x80000000LL, 1), "2038/019:03:14:08.000000001 UTC");
	EQ(fmt_t(T_ABSDOY, 0, 0), "1970/001:00:00:00.000000000 UTC");
	/* tshark -e ntp.reftime / ntp.org on a crafted NTP packet */
	EQ(fmt_t(T_NTP, 0, 0), "NULL");
	EQ(fmt_t(T_NTP, 1703010497, 500000000), "Dec 19, 2023 18:28:17.500000000 UTC");
	EQ(fmt_t(T_REL, 0, 0), "0.000000000");
	EQ(fmt_t(T_REL, 1, 2), "1.000000002");
	EQ(fmt_t(T_REL, 0xffffffffLL, -1), "-4294967295.000000001");
	EQ(fmt_t(T_REL, 2147483648LL, 1), "2147483648.000000001");
	EQ(fmt_t(T_REL, 1069128089, -1717986918), "-1069128089.1717986918");
	EQ(fmt_t(T_REL, -1, -250002000), "-1.250002000");
	EQ(fmt_t(T_REL, 0, -500001000), "-0.500001000");
}

TEST(format_strings)
{
	EQ(fmt_b(T_STRING, "0102030405060708090a0b0c0d0e0f10"),
	   "\x01\x02\x03\x04\x05\x06\x07\\b\\t\\n\x0b\\f\\r\x0e\x0f\x10");
	EQ(fmt_b(T_STRING, "41424309410a420d5c22272f7f80c3a9"),
	   "ABC\\tA\\nB\\r\\\"'/\x7f\xef\xbf\xbd\xc3\xa9");
	EQ(fmt_b(T_STRING, "61620063ff"), "ab");
	EQ(fmt_b(T_STRING, "e282ac"), "\xe2\x82\xac");
	EQ(fmt_b(T_STRING, "e282"), "\xef\xbf\xbd");
	EQ(fmt_b(T_STRING, "eda080"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	EQ(fmt_b(T_STRING, "c0af"), "\xef\xbf\xbd\xef\xbf\xbd");
	EQ(fmt_b(T_STRING, "f4908080"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	EQ(fmt_b(T_STRING, "c328"), "\xef\xbf\xbd(");
	EQ(fmt_b(T_STRING, "ff61"), "\xef\xbf\xbd"
				    "a");
	EQ(fmt_b(T_STRING, "0b1b07"), "\x0b\x1b\x07");
	EQ(fmt_b(T_STRING, "f09f9880"), "\xf0\x9f\x98\x80");
	EQ(fmt_b(T_STRING, "c285"), "\xc2\x85");
	EQ(fmt_b(T_STRING, ""), "");
}

TEST(format_bytes_and_addresses)
{
	EQ(fmt_b(T_BYTES, "61620063ff"), "61620063ff");
	EQ(fmt_b(T_BYTESCOLON, "61620063ff"), "61:62:00:63:ff");
	EQ(fmt_b(T_BYTESDASH, "61620063ff"), "61-62-00-63-ff");
	EQ(fmt_b(T_BYTESDOT, "61620063ff"), "61.62.00.63.ff");
	EQ(fmt_b(T_BYTESSPACE, "61620063ff"), "61 62 00 63 ff");
	EQ(fmt_b(T_BYTES, ""), "");
	EQ(fmt_b(T_ETHER, "3fb999999999"), "3f:b9:99:99:99:99");
	EQ(fmt_b(T_IPV4, "41424309"), "65.66.67.9");
	EQ(fmt_b(T_GUID, "0102030405060708090a0b0c0d0e0f10"),
	   "01020304-0506-0708-090a-0b0c0d0e0f10");
	EQ(fmt_b(T_OID, "2a864886f70d0101"), "1.2.840.113549.1.1");
	EQ(fmt_b(T_OID, "2b0601020304"), "1.3.6.1.2.3.4");
	EQ(fmt_b(T_OID, "7ff0000000000000"), "2.47.14336.0.0.0.0.0");
	EQ(fmt_b(T_OID, "8000000180000002"), "0.0.0.1.0.0.2");
	EQ(fmt_u(T_EUI64, 0x0102030405060708ULL), "01:02:03:04:05:06:07:08");
}

TEST(format_ipv6_rfc5952)
{
	EQ(fmt_b(T_IPV6, "00000000000000000000ffff01020304"), "::ffff:1.2.3.4");
	EQ(fmt_b(T_IPV6, "00000000000000000000000001020304"), "::1.2.3.4");
	EQ(fmt_b(T_IPV6, "00000000000000000000000000000001"), "::1");
	EQ(fmt_b(T_IPV6, "00000000000000000000000000000000"), "::");
	EQ(fmt_b(T_IPV6, "00010000000000000000000000000000"), "1::");
	EQ(fmt_b(T_IPV6, "00010000000000010000000000000001"), "1:0:0:1::1");
	EQ(fmt_b(T_IPV6, "00000000000000010000000000000000"), "0:0:0:1::");
	EQ(fmt_b(T_IPV6, "0064ff9b000000000000000001020304"), "64:ff9b::102:304");
	EQ(fmt_b(T_IPV6, "20010db8000000010000000000000001"), "2001:db8:0:1::1");
	EQ(fmt_b(T_IPV6, "20010db8000000000001000000000001"), "2001:db8::1:0:0:1");
	EQ(fmt_b(T_IPV6, "00000000000000000000fffe01020304"), "::fffe:102:304");
	EQ(fmt_b(T_IPV6, "00000000000000000000ffff00000000"), "::ffff:0.0.0.0");
	EQ(fmt_b(T_IPV6, "80000000000000010000000000000000"), "8000:0:0:1::");
}

TEST(format_none_and_protocol)
{
	EQ(fmt_u(T_NONE, 0), "1");
	struct fitem it = {.id = fid(T_PROTO)};
	fv_to_str(&it, out, sizeof out);
	EQ(out, "wst");
	it.text = "WS Test Proto, Len: 3";
	fv_to_str(&it, out, sizeof out);
	EQ(out, "WS Test Proto, Len: 3");
}

TEST(format_time_column_digits)
{
	CHECK(ts_digits(1000000) == 6);
	CHECK(ts_digits(1000000000) == 9);
	CHECK(ts_digits(256) == 2); /* pcapng if_tsresol 0x88, as tshark shows it */
	CHECK(ts_digits(10) == 1);
	CHECK(ts_digits(1) == 0);
	CHECK(ts_digits(10000) == 6);
	CHECK(ts_digits(10000000) == 9);
	char b[64];
	fmt_rel_time(b, sizeof b, 99, 500000000, 6);
	EQ(b, "99.500000");
	fmt_rel_time(b, sizeof b, 0, -500001000, 6);
	EQ(b, "-0.500001");
	fmt_rel_time(b, sizeof b, 0, 4000000, 2);
	EQ(b, "0.00");
	fmt_rel_time(b, sizeof b, 7, 999999999, 0);
	EQ(b, "7");
	fmt_rel_time(b, sizeof b, 0, 999999999, 6);
	EQ(b, "0.999999");
	fmt_rel_time(b, sizeof b, -3, -1000, 6);
	EQ(b, "-3.000001");
}

TEST(format_never_overflows)
{
	char small[5];
	struct fitem it = {.id = fid(T_BYTESCOLON)};
	static const uint8_t b[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	it.val.v.b.p = b;
	it.val.v.b.n = 8;
	size_t k = fv_to_str(&it, small, sizeof small);
	CHECK(k < sizeof small && strlen(small) == k);
	it.id = fid(T_STRING);
	k = fv_to_str(&it, small, sizeof small);
	CHECK(k < sizeof small && strlen(small) == k);
	it.id = fid(T_ABSUTC);
	k = fv_to_str(&it, small, sizeof small);
	CHECK(k < sizeof small && strlen(small) == k);
}

/* the unchecked writers of -T fields against printf, at every digit-count edge */
TEST(format_fast_writers_match_printf)
{
	char want[64], got[64];
	uint64_t p = 1;
	for (int e = 0; e < 20; e++, p *= 10) {
		uint64_t vs[3] = {p - 1, p, p + 1};
		for (int j = 0; j < 3; j++) {
			snprintf(want, sizeof want, "%llu", (unsigned long long)vs[j]);
			got[fmt_u64(got, vs[j])] = 0;
			EQ(got, want);
			snprintf(want, sizeof want, "%lld", -(long long)(vs[j] >> 1));
			got[fmt_i64(got, -(int64_t)(vs[j] >> 1))] = 0;
			EQ(got, want);
		}
	}
	got[fmt_u64(got, UINT64_MAX)] = 0;
	EQ(got, "18446744073709551615");
	/* fmt_u64 takes the 32-bit writer up to UINT32_MAX */
	got[fmt_u64(got, UINT32_MAX)] = 0;
	EQ(got, "4294967295");
	got[fmt_u64(got, (uint64_t)UINT32_MAX + 1)] = 0;
	EQ(got, "4294967296");
	/* fmt_ipv4's per-byte table, every byte in every position */
	for (unsigned b = 0; b < 256; b++) {
		const uint8_t a[4] = {(uint8_t)b, (uint8_t)(255 - b), (uint8_t)(b / 3),
				      (uint8_t)(b * 7)};
		snprintf(want, sizeof want, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
		got[fmt_ipv4(got, a)] = 0;
		EQ(got, want);
	}
	got[fmt_i64(got, INT64_MIN)] = 0;
	EQ(got, "-9223372036854775808");
	got[fmt_hexw(got, 0x0800, 4)] = 0;
	EQ(got, "0x0800");
	/* fmt_hexw's byte-pair table at every width a type has */
	for (int w = 2; w <= 16; w += 2)
		for (unsigned i = 0; i < 256; i++) {
			uint64_t v = 0x0123456789abcdefULL * i;
			uint64_t m = w < 16 ? v & ((1ULL << (4 * w)) - 1) : v;
			snprintf(want, sizeof want, "0x%0*llx", w, (unsigned long long)m);
			got[fmt_hexw(got, m, w)] = 0;
			EQ(got, want);
		}
	got[fmt_ipv4(got, (const uint8_t[]){192, 0, 10, 255})] = 0;
	EQ(got, "192.0.10.255");
	static const long long secs[] = {0, 1, 1577836800, -3, 9223372036854775807LL};
	static const int nsecs[] = {0, 5, 999999999, -1000, 100000000};
	for (int i = 0; i < 5; i++)
		for (int j = 0; j < 5; j++) {
			if (secs[i] > 0 && nsecs[j] < 0)
				continue; /* not a value dissectors store */
			fmt_rel_time(want, sizeof want, secs[i], nsecs[j], 9);
			got[fmt_time9(got, secs[i], nsecs[j])] = 0;
			EQ(got, want);
		}
	/* out-of-range nanoseconds are left to fmt_rel_time */
	CHECK(fmt_time9(got, 1, 1000000000) == 0);
}

/* fmt_ipv6 against the inet_ntop it replaces: every pattern of zero words */
TEST(format_ipv6_matches_inet_ntop)
{
	static const unsigned vals[] = {1, 0xf, 0x10, 0xff, 0x100, 0xabc, 0x1000, 0xffff};
	int bad = 0;
	for (unsigned mask = 0; mask < 256; mask++)
		for (unsigned f = 0; f < 16; f++) {
			uint8_t a[16];
			for (int i = 0; i < 8; i++) {
				unsigned w = mask >> i & 1 ? 0 : vals[(f + (unsigned)i * 3) % 8];
				if (f >= 8 && i == 5 && w) /* the v4-mapped form */
					w = 0xffff;
				a[2 * i] = (uint8_t)(w >> 8);
				a[2 * i + 1] = (uint8_t)w;
			}
			char want[64], got[64];
			inet_ntop(AF_INET6, a, want, sizeof want);
			got[fmt_ipv6(got, a)] = 0;
			if (strcmp(got, want) && bad++ < 5)
				EQ(got, want);
		}
	CHECK(bad == 0);
}
