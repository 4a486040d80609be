/*
** format.c -- field values as tshark 4.0 -T fields prints them.
**
** Every rule here was checked against tshark 4.0.17 with captures and Lua
** fields crafted for the purpose (tests/golden/format.sh keeps the checks):
** BASE_OCT and BASE_DEC_HEX print plain decimal, hex widths follow the type
** and not the bitmask, floats use 6 significant digits and doubles 15,
** strings escape only \b \t \n \f \r and show bad UTF-8 as U+FFFD.
*/
#include "format.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char hexdig[] = "0123456789abcdef";

int fmt_hex_width(enum ftype t)
{
	switch (t) {
	case FT_UINT8:
	case FT_INT8:
	case FT_CHAR:
		return 2;
	case FT_UINT16:
	case FT_INT16:
		return 4;
	case FT_UINT24:
	case FT_INT24:
		return 6;
	case FT_UINT32:
	case FT_INT32:
		return 8;
	case FT_UINT40:
	case FT_INT40:
		return 10;
	case FT_UINT48:
	case FT_INT48:
		return 12;
	case FT_UINT56:
	case FT_INT56:
		return 14;
	default:
		return 16;
	}
}

static int is_signed(enum ftype t)
{
	return t >= FT_INT8 && t <= FT_INT64;
}

/* snprintf's result as a length that never runs past the buffer. */
static size_t clamp(size_t n, int w)
{
	if (w < 0 || n == 0)
		return 0;
	return (size_t)w < n ? (size_t)w : n - 1;
}

/*
** Hand-rolled number formatting: -T fields prints millions of integers and
** snprintf's format parsing was the largest single cost of an export.  The
** fmt_* writers below are unchecked (the caller leaves FMT_NUM_MAX bytes) so
** that -T fields can write straight into its line; put_* are the bounded
** forms fv_to_str uses.
*/
const char fmt_digits2[200] = "00010203040506070809"
			      "10111213141516171819"
			      "20212223242526272829"
			      "30313233343536373839"
			      "40414243444546474849"
			      "50515253545556575859"
			      "60616263646566676869"
			      "70717273747576777879"
			      "80818283848586878889"
			      "90919293949596979899";

const uint64_t fmt_pow10[20] = {1ULL,
				10ULL,
				100ULL,
				1000ULL,
				10000ULL,
				100000ULL,
				1000000ULL,
				10000000ULL,
				100000000ULL,
				1000000000ULL,
				10000000000ULL,
				100000000000ULL,
				1000000000000ULL,
				10000000000000ULL,
				100000000000000ULL,
				1000000000000000ULL,
				10000000000000000ULL,
				100000000000000000ULL,
				1000000000000000000ULL,
				10000000000000000000ULL};

/* decimal digits of v: log10 from the bit length (1233/4096 ~ log10(2)), then one compare */
static inline int u64_digits(uint64_t v)
{
	if (v < 10)
		return 1;
	int t = (64 - __builtin_clzll(v)) * 1233 >> 12;
	return t + (v >= fmt_pow10[t]);
}

/* v as k digits ending at end (leading zeros when v is shorter) */
static inline void put_digits_back(char *end, uint64_t v, int k)
{
	while (k >= 2 && v > 0xffffffffu) {
		unsigned r = (unsigned)(v % 100);
		v /= 100;
		end -= 2;
		end[0] = fmt_digits2[2 * r];
		end[1] = fmt_digits2[2 * r + 1];
		k -= 2;
	}
	uint32_t w = (uint32_t)v; /* 32-bit division is the cheaper one */
	while (k >= 2) {
		unsigned r = w % 100;
		w /= 100;
		end -= 2;
		end[0] = fmt_digits2[2 * r];
		end[1] = fmt_digits2[2 * r + 1];
		k -= 2;
	}
	if (k)
		end[-1] = (char)('0' + w % 10);
}

size_t fmt_u64(char *p, uint64_t v)
{
	if (v <= UINT32_MAX)
		return (size_t)(fmt_dec32(p, (uint32_t)v) - p);
	int k = u64_digits(v);
	put_digits_back(p + k, v, k);
	return (size_t)k;
}

size_t fmt_i64(char *p, int64_t v)
{
	if (v >= 0)
		return fmt_u64(p, (uint64_t)v);
	p[0] = '-';
	return 1 + fmt_u64(p + 1, 0ULL - (uint64_t)v);
}

size_t fmt_hexw(char *p, uint64_t v, int width)
{
	return (size_t)(fmt_hexw_end(p, v, width) - p);
}

/* each byte's two hex digits */
const char fmt_hex2[513] = "000102030405060708090a0b0c0d0e0f"
			   "101112131415161718191a1b1c1d1e1f"
			   "202122232425262728292a2b2c2d2e2f"
			   "303132333435363738393a3b3c3d3e3f"
			   "404142434445464748494a4b4c4d4e4f"
			   "505152535455565758595a5b5c5d5e5f"
			   "606162636465666768696a6b6c6d6e6f"
			   "707172737475767778797a7b7c7d7e7f"
			   "808182838485868788898a8b8c8d8e8f"
			   "909192939495969798999a9b9c9d9e9f"
			   "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
			   "b0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
			   "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
			   "d0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
			   "e0e1e2e3e4e5e6e7e8e9eaebecedeeef"
			   "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

/* each byte's decimal text and a dot, for IPv4 addresses (the length follows from the value) */
/* the length of fmt_byte_dot[b]'s text: a load instead of two compares an octet */
const uint8_t fmt_byte_dot_len[256] = {
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4};

const char fmt_byte_dot[256][4] = {
    "0.",   "1.",   "2.",   "3.",   "4.",   "5.",   "6.",   "7.",   "8.",   "9.",   "10.",  "11.",
    "12.",  "13.",  "14.",  "15.",  "16.",  "17.",  "18.",  "19.",  "20.",  "21.",  "22.",  "23.",
    "24.",  "25.",  "26.",  "27.",  "28.",  "29.",  "30.",  "31.",  "32.",  "33.",  "34.",  "35.",
    "36.",  "37.",  "38.",  "39.",  "40.",  "41.",  "42.",  "43.",  "44.",  "45.",  "46.",  "47.",
    "48.",  "49.",  "50.",  "51.",  "52.",  "53.",  "54.",  "55.",  "56.",  "57.",  "58.",  "59.",
    "60.",  "61.",  "62.",  "63.",  "64.",  "65.",  "66.",  "67.",  "68.",  "69.",  "70.",  "71.",
    "72.",  "73.",  "74.",  "75.",  "76.",  "77.",  "78.",  "79.",  "80.",  "81.",  "82.",  "83.",
    "84.",  "85.",  "86.",  "87.",  "88.",  "89.",  "90.",  "91.",  "92.",  "93.",  "94.",  "95.",
    "96.",  "97.",  "98.",  "99.",  "100.", "101.", "102.", "103.", "104.", "105.", "106.", "107.",
    "108.", "109.", "110.", "111.", "112.", "113.", "114.", "115.", "116.", "117.", "118.", "119.",
    "120.", "121.", "122.", "123.", "124.", "125.", "126.", "127.", "128.", "129.", "130.", "131.",
    "132.", "133.", "134.", "135.", "136.", "137.", "138.", "139.", "140.", "141.", "142.", "143.",
    "144.", "145.", "146.", "147.", "148.", "149.", "150.", "151.", "152.", "153.", "154.", "155.",
    "156.", "157.", "158.", "159.", "160.", "161.", "162.", "163.", "164.", "165.", "166.", "167.",
    "168.", "169.", "170.", "171.", "172.", "173.", "174.", "175.", "176.", "177.", "178.", "179.",
    "180.", "181.", "182.", "183.", "184.", "185.", "186.", "187.", "188.", "189.", "190.", "191.",
    "192.", "193.", "194.", "195.", "196.", "197.", "198.", "199.", "200.", "201.", "202.", "203.",
    "204.", "205.", "206.", "207.", "208.", "209.", "210.", "211.", "212.", "213.", "214.", "215.",
    "216.", "217.", "218.", "219.", "220.", "221.", "222.", "223.", "224.", "225.", "226.", "227.",
    "228.", "229.", "230.", "231.", "232.", "233.", "234.", "235.", "236.", "237.", "238.", "239.",
    "240.", "241.", "242.", "243.", "244.", "245.", "246.", "247.", "248.", "249.", "250.", "251.",
    "252.", "253.", "254.", "255.",
};

size_t fmt_ipv4(char *p, const uint8_t *a)
{
	return (size_t)(fmt_ipv4_end(p, a) - p);
}

size_t fmt_time9(char *p, int64_t sec, int32_t nsec)
{
	int neg = sec < 0 || nsec < 0;
	uint64_t s = sec < 0 ? 0ULL - (uint64_t)sec : (uint64_t)sec;
	unsigned ns = nsec < 0 ? 0U - (unsigned)nsec : (unsigned)nsec;
	if (ns >= 1000000000u)
		return 0;
	size_t k = 0;
	if (neg)
		p[k++] = '-';
	k += fmt_u64(p + k, s);
	p[k++] = '.';
	fmt_frac9(p + k, ns);
	return k + 9;
}

/*
** glibc's inet_ntop6, which tshark's addresses match (RFC 5952): the first
** longest run of two or more zero words becomes "::", and ::a.b.c.d and
** ::ffff:a.b.c.d keep a dotted IPv4 tail.  inet_ntop's snprintf per word
** made IPv6 the costliest column of an export.
*/
size_t fmt_ipv6(char *p, const uint8_t *a)
{
	unsigned w[8], zero = 0; /* bit i: word i is 0 */
	for (int i = 0; i < 8; i++) {
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
		zero |= (unsigned)(w[i] == 0) << i;
	}
	/* the first longest run of zero words: a run per step */
	int best = -1, blen = 0;
	for (unsigned z = zero; z;) {
		int s = __builtin_ctz(z), l = __builtin_ctz(~(z >> s));
		if (l > blen)
			best = s, blen = l;
		z &= ~(((1u << l) - 1) << s);
	}
	if (blen < 2)
		best = -1;
	char *q = p;
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			*q++ = ':';
			i += blen - 1;
			continue;
		}
		if (i)
			*q++ = ':';
		if (i == 6 && best == 0 && (blen == 6 || (blen == 5 && w[5] == 0xffff)))
			return (size_t)(fmt_ipv4_end(q, a + 12) - p);
		/* four digits, leading zeros skipped (the caller's room takes 4 bytes) */
		char t[8] = {0};
		memcpy(t, fmt_hex2 + 2 * (w[i] >> 8), 2);
		memcpy(t + 2, fmt_hex2 + 2 * (w[i] & 0xff), 2);
		int nd = w[i] >= 0x1000 ? 4 : w[i] >= 0x100 ? 3 : w[i] >= 0x10 ? 2 : 1;
		memcpy(q, t + 4 - nd, 4);
		q += nd;
	}
	if (best >= 0 && best + blen == 8)
		*q++ = ':';
	return (size_t)(q - p);
}

static size_t put_u64(char *buf, size_t n, uint64_t v)
{
	if ((size_t)u64_digits(v) >= n) {
		if (n)
			buf[0] = 0;
		return 0;
	}
	size_t k = fmt_u64(buf, v);
	buf[k] = 0;
	return k;
}

static size_t put_i64(char *buf, size_t n, int64_t v)
{
	if (v >= 0)
		return put_u64(buf, n, (uint64_t)v);
	if (n < 3)
		return buf[0] = 0, 0;
	buf[0] = '-';
	return 1 + put_u64(buf + 1, n - 1, 0ULL - (uint64_t)v);
}

static size_t put_hex(char *buf, size_t n, uint64_t v, int width)
{
	if ((size_t)width + 3 > n)
		return buf[0] = 0, 0;
	size_t k = fmt_hexw(buf, v, width);
	buf[k] = 0;
	return k;
}

static size_t put_ipv4(char *buf, size_t n, const uint8_t *a)
{
	if (n < 16)
		return buf[0] = 0, 0;
	size_t k = fmt_ipv4(buf, a);
	buf[k] = 0;
	return k;
}

size_t fmt_abs_time(char *buf, size_t n, long long sec, int nsec, int base)
{
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t t = (time_t)sec;
	struct tm tm;
	int local = base == ABSOLUTE_TIME_LOCAL;
	/* an all-zero NTP timestamp means "not set"; dissectors store it as (0, 0) */
	if (base == ABSOLUTE_TIME_NTP_UTC && sec == 0 && nsec == 0)
		return clamp(n, snprintf(buf, n, "NULL"));
	if (!(local ? localtime_r(&t, &tm) : gmtime_r(&t, &tm)))
		return clamp(n, snprintf(buf, n, "Not representable"));
	/* tshark prints an out-of-range nanosecond field as it is, sign included */
	if (base == ABSOLUTE_TIME_DOY_UTC)
		return clamp(n, snprintf(buf, n, "%04d/%03d:%02d:%02d:%02d.%09d UTC",
					 tm.tm_year + 1900, tm.tm_yday + 1, tm.tm_hour, tm.tm_min,
					 tm.tm_sec, nsec));
	const char *zone = local ? tm.tm_zone : "UTC";
	return clamp(n, snprintf(buf, n, "%s %2d, %d %02d:%02d:%02d.%09d %s", mon[tm.tm_mon],
				 tm.tm_mday, tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
				 nsec, zone ? zone : ""));
}

size_t fmt_rel_time(char *buf, size_t n, long long sec, int nsec, int digits)
{
	/* one sign for the pair: -0.5 s is stored as (0, -500000000) */
	int neg = sec < 0 || nsec < 0;
	unsigned long long s = sec < 0 ? 0ULL - (unsigned long long)sec : (unsigned long long)sec;
	unsigned ns = nsec < 0 ? 0U - (unsigned)nsec : (unsigned)nsec;
	if (digits <= 0)
		return clamp(n, snprintf(buf, n, "%s%llu", neg ? "-" : "", s));
	if ((digits == 9 || digits == 6) && ns < 1000000000u && n >= 32) {
		size_t k = 0;
		if (neg)
			buf[k++] = '-';
		k += fmt_u64(buf + k, s);
		buf[k++] = '.';
		put_digits_back(buf + k + (size_t)digits, digits == 9 ? ns : ns / 1000, digits);
		k += (size_t)digits;
		buf[k] = 0;
		return k;
	}
	if (digits >= 9)
		return clamp(n, snprintf(buf, n, "%s%llu.%09u", neg ? "-" : "", s, ns));
	unsigned div = 1;
	for (int i = digits; i < 9; i++)
		div *= 10;
	return clamp(n, snprintf(buf, n, "%s%llu.%0*u", neg ? "-" : "", s, digits, ns / div));
}

size_t fmt_hex(char *buf, size_t n, const uint8_t *p, size_t len, char sep)
{
	size_t k = 0;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (k + 3 + (sep != 0) > n)
			break;
		if (sep && i)
			buf[k++] = sep;
		buf[k++] = hexdig[p[i] >> 4];
		buf[k++] = hexdig[p[i] & 15];
	}
	buf[k] = 0;
	return k;
}

static char bytes_sep(int base)
{
	switch (base & BASE_MASK) {
	case SEP_DOT:
		return '.';
	case SEP_DASH:
		return '-';
	case SEP_COLON:
		return ':';
	case SEP_SPACE:
		return ' ';
	default:
		return 0;
	}
}

/* Length of a well-formed UTF-8 sequence at p (1-4), or 0 when the bytes
 * there are not one; *bad gets the length of the maximal ill-formed prefix,
 * which is what becomes a single U+FFFD. */
static size_t utf8_seq(const uint8_t *p, size_t avail, size_t *bad)
{
	uint8_t c = p[0];
	size_t need;
	uint8_t lo = 0x80, hi = 0xbf;
	*bad = 1;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		need = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	for (size_t i = 1; i < need; i++) {
		if (i >= avail)
			return 0;
		uint8_t b = p[i];
		if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xbf))
			return 0;
		*bad = i + 1;
	}
	return need;
}

size_t fmt_string(char *buf, size_t n, const uint8_t *p, size_t len)
{
	size_t k = 0;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < len && p[i];) {
		size_t bad, sl = utf8_seq(p + i, len - i, &bad);
		const char *esc = NULL;
		if (sl == 1) {
			switch (p[i]) {
			case '\b':
				esc = "\\b";
				break;
			case '\t':
				esc = "\\t";
				break;
			case '\n':
				esc = "\\n";
				break;
			case '\f':
				esc = "\\f";
				break;
			case '\r':
				esc = "\\r";
				break;
			}
		}
		if (esc) {
			if (k + 3 > n)
				break;
			buf[k++] = esc[0];
			buf[k++] = esc[1];
			i++;
		} else if (sl) {
			if (k + sl + 1 > n)
				break;
			memcpy(buf + k, p + i, sl);
			k += sl;
			i += sl;
		} else {
			/* a NUL inside an ill-formed sequence still ends the string */
			size_t j;
			for (j = 1; j < bad && p[i + j]; j++)
				;
			if (k + 4 > n)
				break;
			memcpy(buf + k, "\xef\xbf\xbd", 3);
			k += 3;
			i += j;
		}
	}
	buf[k] = 0;
	return k;
}

static size_t fmt_char(char *buf, size_t n, unsigned c, int base)
{
	const char *esc = NULL;
	switch (c) {
	case 0:
		esc = "\\0";
		break;
	case '\a':
		esc = "\\a";
		break;
	case '\b':
		esc = "\\b";
		break;
	case '\t':
		esc = "\\t";
		break;
	case '\n':
		esc = "\\n";
		break;
	case '\v':
		esc = "\\v";
		break;
	case '\f':
		esc = "\\f";
		break;
	case '\r':
		esc = "\\r";
		break;
	case '\'':
		esc = "\\'";
		break;
	case '\\':
		esc = "\\\\";
		break;
	}
	if (esc)
		return clamp(n, snprintf(buf, n, "'%s'", esc));
	if (c >= 0x20 && c < 0x7f)
		return clamp(n, snprintf(buf, n, "'%c'", (char)c));
	if ((base & BASE_MASK) == BASE_HEX)
		return clamp(n, snprintf(buf, n, "'\\x%02x'", c & 0xff));
	return clamp(n, snprintf(buf, n, "'\\%03o'", c & 0xff));
}

/* BER object identifier; rel = relative OID (no combined first arc). */
static size_t fmt_oid(char *buf, size_t n, const uint8_t *p, size_t len, int rel)
{
	size_t k = 0;
	uint64_t v = 0;
	int first = !rel, any = 0;
	buf[0] = 0;
	for (size_t i = 0; i < len; i++) {
		v = v << 7 | (p[i] & 0x7f);
		if (p[i] & 0x80) {
			if (v > 0xffffffffu)
				return buf[0] = 0, 0;
			continue;
		}
		int w;
		if (first) {
			unsigned a = v < 40 ? 0 : v < 80 ? 1 : 2;
			w = snprintf(buf + k, n - k, "%u.%llu", a,
				     (unsigned long long)(v - a * 40));
			first = 0;
		} else
			w = snprintf(buf + k, n - k, "%s%llu", any ? "." : "",
				     (unsigned long long)v);
		if (w < 0 || (size_t)w >= n - k)
			break;
		k += (size_t)w;
		any = 1;
		v = 0;
	}
	if (!any)
		return clamp(n, snprintf(buf, n, "0"));
	return k;
}

static size_t fmt_guid(char *buf, size_t n, const uint8_t *g)
{
	size_t k = 0;
	if (n < 37)
		return buf[0] = 0, 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			buf[k++] = '-';
		buf[k++] = hexdig[g[i] >> 4];
		buf[k++] = hexdig[g[i] & 15];
	}
	buf[k] = 0;
	return k;
}

size_t fv_to_str(const struct fitem *it, char *buf, size_t n)
{
	const struct field_def *d = field_get(it->id);
	const struct fvalue *v = &it->val;
	if (n == 0)
		return 0;
	buf[0] = 0;
	if (!d)
		return 0;
	switch (d->type) {
	case FT_NONE:
		/* presence is the value: tshark prints 1 so that -e can test for it */
		return clamp(n, snprintf(buf, n, "1"));
	case FT_PROTOCOL:
		/* the tree label when the dissector built one, else the filter name */
		return clamp(n, snprintf(buf, n, "%s", it->text ? it->text : d->abbrev));
	case FT_BOOLEAN:
		return put_u64(buf, n, v->v.u ? 1 : 0);
	case FT_CHAR:
		return fmt_char(buf, n, (unsigned)v->v.u, d->base);
	case FT_FRAMENUM:
		return put_u64(buf, n, (uint32_t)v->v.u);
	case FT_UINT8:
	case FT_UINT16:
	case FT_UINT24:
	case FT_UINT32:
	case FT_UINT40:
	case FT_UINT48:
	case FT_UINT56:
	case FT_UINT64:
	case FT_INT8:
	case FT_INT16:
	case FT_INT24:
	case FT_INT32:
	case FT_INT40:
	case FT_INT48:
	case FT_INT56:
	case FT_INT64: {
		int b = d->base & BASE_MASK;
		if (b == BASE_HEX || b == BASE_HEX_DEC) {
			int w = fmt_hex_width(d->type);
			uint64_t u = v->v.u;
			if (w < 16)
				u &= (1ULL << (w * 4)) - 1;
			return put_hex(buf, n, u, w);
		}
		if (is_signed(d->type))
			return put_i64(buf, n, v->v.i);
		return put_u64(buf, n, v->v.u);
	}
	case FT_FLOAT:
		return clamp(n, snprintf(buf, n, "%.6g", (double)(float)v->v.d));
	case FT_DOUBLE:
		return clamp(n, snprintf(buf, n, "%.15g", v->v.d));
	case FT_ABSOLUTE_TIME:
		return fmt_abs_time(buf, n, v->v.t.sec, v->v.t.nsec, d->base & BASE_MASK);
	case FT_RELATIVE_TIME:
		return fmt_rel_time(buf, n, v->v.t.sec, v->v.t.nsec, 9);
	case FT_ETHER:
		return fmt_hex(buf, n, v->v.b.p, v->v.b.n < 6 ? v->v.b.n : 6, ':');
	case FT_FCWWN:
		return fmt_hex(buf, n, v->v.b.p, v->v.b.n < 8 ? v->v.b.n : 8, ':');
	case FT_EUI64: {
		uint8_t e[8];
		for (int i = 0; i < 8; i++)
			e[i] = (uint8_t)(v->v.u >> (56 - 8 * i));
		return fmt_hex(buf, n, e, 8, ':');
	}
	case FT_IPv4:
		if (v->v.b.n < 4)
			return 0;
		return put_ipv4(buf, n, v->v.b.p);
	case FT_IPv6: {
		char t[FMT_NUM_MAX];
		size_t k = fmt_ipv6(t, v->v.ip6);
		if (k >= n) /* inet_ntop's rule: all of it or nothing */
			return 0;
		memcpy(buf, t, k);
		buf[k] = 0;
		return k;
	}
	case FT_IPXNET:
		return clamp(n, snprintf(buf, n, "0x%08llx", (unsigned long long)(uint32_t)v->v.u));
	case FT_GUID:
		if (v->v.b.n < 16)
			return 0;
		return fmt_guid(buf, n, v->v.b.p);
	case FT_OID:
	case FT_REL_OID:
		return fmt_oid(buf, n, v->v.b.p, v->v.b.n, d->type == FT_REL_OID);
	case FT_STRING:
	case FT_STRINGZ:
	case FT_UINT_STRING:
	case FT_STRINGZPAD:
	case FT_STRINGZTRUNC:
		return fmt_string(buf, n, v->v.b.p, v->v.b.n);
	default: /* FT_BYTES, FT_UINT_BYTES and the rare byte-like types */
		return fmt_hex(buf, n, v->v.b.p, v->v.b.n, bytes_sep(d->base));
	}
}

int ts_digits(long long units_per_sec)
{
	/* tshark knows 0, 1, 2, 3, 6 and 9 digits; 2^-n resolutions round down */
	int d = 0;
	if (units_per_sec <= 0 || units_per_sec == 1000000) /* every frame asks: no divisions */
		return 6;
	if (units_per_sec == 1000000000)
		return 9;
	for (long long u = units_per_sec; u >= 10; u /= 10)
		d++;
	if (d <= 3)
		return d;
	return d <= 6 ? 6 : 9;
}
