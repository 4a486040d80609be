/*
** edit_util.c -- helpers shared by the editcap and mergecap subcommands.
**
** MD5 is written here (RFC 1321) rather than linked from a crypto library:
** editcap's duplicate test compares MD5 digests, and a digest of our own
** needs no new dependency.  It is only run with -d/-D, so its speed matters
** little next to reading the file.
*/
#include "edit_util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- MD5 --------------------------------------------------------------- */

static uint32_t rol(uint32_t x, int c)
{
	return (x << c) | (x >> (32 - c));
}

static void md5_block(uint32_t h[4], const uint8_t *b)
{
	static const uint32_t k[64] = {
	    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
	    0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
	    0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
	    0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
	    0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
	    0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
	    0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
	    0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
	    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
	    0xeb86d391};
	static const int r[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
				  5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
				  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
				  6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
	uint32_t w[16];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)b[i * 4] | (uint32_t)b[i * 4 + 1] << 8 |
		       (uint32_t)b[i * 4 + 2] << 16 | (uint32_t)b[i * 4 + 3] << 24;
	uint32_t a = h[0], bb = h[1], c = h[2], d = h[3];
	for (int i = 0; i < 64; i++) {
		uint32_t f;
		int g;
		if (i < 16)
			f = (bb & c) | (~bb & d), g = i;
		else if (i < 32)
			f = (d & bb) | (~d & c), g = (5 * i + 1) % 16;
		else if (i < 48)
			f = bb ^ c ^ d, g = (3 * i + 5) % 16;
		else
			f = c ^ (bb | ~d), g = (7 * i) % 16;
		uint32_t t = d;
		d = c;
		c = bb;
		bb = bb + rol(a + f + k[i] + w[g], r[i]);
		a = t;
	}
	h[0] += a;
	h[1] += bb;
	h[2] += c;
	h[3] += d;
}

void md5_digest(const void *p, size_t n, uint8_t out[16])
{
	uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
	const uint8_t *s = p;
	size_t left = n;
	while (left >= 64) {
		md5_block(h, s);
		s += 64;
		left -= 64;
	}
	uint8_t tail[128] = {0};
	memcpy(tail, s, left);
	tail[left] = 0x80;
	size_t tl = left < 56 ? 64 : 128;
	uint64_t bits = (uint64_t)n * 8;
	for (int i = 0; i < 8; i++)
		tail[tl - 8 + (size_t)i] = (uint8_t)(bits >> (8 * i));
	md5_block(h, tail);
	if (tl == 128)
		md5_block(h, tail + 64);
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 4; j++)
			out[i * 4 + j] = (uint8_t)(h[i] >> (8 * j));
}

/* ---- times ------------------------------------------------------------- */

int ts_cmp(int64_t s1, int32_t n1, int64_t s2, int32_t n2)
{
	if (s1 != s2)
		return s1 < s2 ? -1 : 1;
	return n1 < n2 ? -1 : n1 > n2;
}

void ts_add(int64_t *s, int32_t *n, int64_t ds, int32_t dn)
{
	int64_t ns = (int64_t)*n + dn;
	uint64_t sec = (uint64_t)*s + (uint64_t)ds; /* -t past int64's range wraps, no UB */
	while (ns >= 1000000000) {
		ns -= 1000000000;
		sec++;
	}
	while (ns < 0) {
		ns += 1000000000;
		sec--;
	}
	*s = (int64_t)sec;
	*n = (int32_t)ns;
}

/* Digits after the point, as nanoseconds; advances *p. */
static int32_t frac_ns(const char **p)
{
	int32_t ns = 0;
	int digits = 0;
	while (isdigit((unsigned char)**p)) {
		if (digits < 9) {
			ns = ns * 10 + (**p - '0');
			digits++;
		}
		(*p)++;
	}
	while (digits++ < 9)
		ns *= 10;
	return ns;
}

int parse_rel_time(const char *s, int64_t *sec, int32_t *nsec)
{
	const char *p = s;
	int neg = 0;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (!isdigit((unsigned char)*p) && *p != '.')
		return -1;
	int64_t whole = 0;
	int over = 0;
	for (; isdigit((unsigned char)*p); p++) {
		int d = *p - '0';
		if (whole > (INT64_MAX - d) / 10)
			over = 1;
		else
			whole = whole * 10 + d;
	}
	int32_t ns = 0;
	if (*p == '.') {
		p++;
		ns = frac_ns(&p);
	}
	if (*p)
		return -1;
	if (over)
		return -2;
	*sec = neg ? -whole : whole;
	*nsec = neg ? -ns : ns;
	if (*nsec < 0) {
		*nsec += 1000000000;
		(*sec)--;
	}
	return 0;
}

static int num(const char **p, int ndig, int *v)
{
	*v = 0;
	for (int i = 0; i < ndig; i++, (*p)++) {
		if (!isdigit((unsigned char)**p))
			return -1;
		*v = *v * 10 + (**p - '0');
	}
	return 0;
}

int parse_abs_time(const char *s, int64_t *sec, int32_t *nsec)
{
	/* a plain number is epoch seconds */
	const char *q = s;
	while (isdigit((unsigned char)*q))
		q++;
	if (q != s && (*q == 0 || *q == '.')) {
		if (*q == '.' && q[1] && !isdigit((unsigned char)q[1]))
			return -1;
		return parse_rel_time(s, sec, nsec);
	}
	const char *p = s;
	int y, mo, d, h, mi, se;
	if (num(&p, 4, &y) || *p++ != '-' || num(&p, 2, &mo) || *p++ != '-' || num(&p, 2, &d))
		return -1;
	if (*p != 'T' && *p != ' ')
		return -1;
	p++;
	if (num(&p, 2, &h) || *p++ != ':' || num(&p, 2, &mi) || *p++ != ':' || num(&p, 2, &se))
		return -1;
	int32_t ns = 0;
	if (*p == '.') {
		p++;
		ns = frac_ns(&p);
	}
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	int64_t t;
	if (*p == 0) {
		tm.tm_isdst = -1;
		t = (int64_t)mktime(&tm);
	} else if (*p == 'Z' && p[1] == 0) {
		t = (int64_t)timegm(&tm);
	} else if ((*p == '+' || *p == '-') && p[1]) {
		int sign = *p++ == '-' ? -1 : 1, oh, om = 0;
		if (num(&p, 2, &oh))
			return -1;
		if (*p == ':')
			p++;
		if (*p && num(&p, 2, &om))
			return -1;
		if (*p)
			return -1;
		t = (int64_t)timegm(&tm) - sign * (oh * 3600 + om * 60);
	} else {
		return -1;
	}
	*sec = t;
	*nsec = ns;
	return 0;
}

struct cap_writer *open_copy_writer(const char *path, enum cap_wfmt fmt, struct capture *cap,
				    const char *app, char *err, size_t errlen)
{
	struct cap_shb_info shb = {0};
	if (cap) {
		shb.hardware = capture_shb_hardware(cap);
		shb.os = capture_shb_os(cap);
		shb.userappl = capture_shb_userappl(cap);
	}
	if (!shb.hardware && !shb.os && !shb.userappl)
		shb.userappl = app;
	return cap_writer_open(path, fmt, &shb, err, errlen);
}

const char *filetype_desc(enum cap_filetype ft)
{
	switch (ft) {
	case CAP_FT_PCAP:
		return "Wireshark/tcpdump/... - pcap";
	case CAP_FT_PCAP_NSEC:
		return "Wireshark/tcpdump/... - nanosecond pcap";
	case CAP_FT_PCAPNG:
		return "Wireshark/... - pcapng";
	default:
		return "unknown";
	}
}
