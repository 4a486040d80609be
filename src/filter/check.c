/*
** check.c -- semantic checking: names resolve through the field registry,
** operators are checked against the operand types, and literals are
** converted once, here, to the type of the field they are compared with, so
** that evaluation only compares values.
*/
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "../core/util.h"
#include "filter_int.h"

struct ck {
	struct dferr *e;
	const char *text;
};

enum cat df_cat(int t)
{
	switch (t) {
	case FT_NONE:
		return C_NONE;
	case FT_PROTOCOL:
		return C_PROTO;
	case FT_BOOLEAN:
		return C_BOOL;
	case FT_INT8:
	case FT_INT16:
	case FT_INT24:
	case FT_INT32:
	case FT_INT40:
	case FT_INT48:
	case FT_INT56:
	case FT_INT64:
		return C_INT;
	case FT_CHAR:
	case FT_UINT8:
	case FT_UINT16:
	case FT_UINT24:
	case FT_UINT32:
	case FT_UINT40:
	case FT_UINT48:
	case FT_UINT56:
	case FT_UINT64:
	case FT_FRAMENUM:
		return C_UINT;
	case FT_FLOAT:
	case FT_DOUBLE:
		return C_DBL;
	case FT_STRING:
	case FT_STRINGZ:
	case FT_UINT_STRING:
	case FT_STRINGZPAD:
	case FT_STRINGZTRUNC:
		return C_STR;
	case FT_IPv4:
		return C_IP4;
	case FT_IPv6:
		return C_IP6;
	case FT_ABSOLUTE_TIME:
		return C_ABST;
	case FT_RELATIVE_TIME:
		return C_RELT;
	default:
		return C_BYTES;
	}
}

/* tshark's "pretty" type names, as its messages print them. */
static const char *pretty(int t)
{
	static const char *const ints[] = {"1 byte",  "2 bytes", "3 bytes", "4 bytes",
					   "5 bytes", "6 bytes", "7 bytes", "8 bytes"};
	static char buf[8][48];
	static int k;
	if (t >= FT_UINT8 && t <= FT_UINT64) {
		char *b = buf[k++ & 7];
		snprintf(b, 48, "Unsigned integer (%s)", ints[t - FT_UINT8]);
		return b;
	}
	if (t >= FT_INT8 && t <= FT_INT64) {
		char *b = buf[k++ & 7];
		snprintf(b, 48, "Signed integer (%s)", ints[t - FT_INT8]);
		return b;
	}
	switch (t) {
	case FT_NONE:
		return "Label";
	case FT_PROTOCOL:
		return "Protocol";
	case FT_BOOLEAN:
		return "Boolean";
	case FT_CHAR:
		return "Character (1 byte)";
	case FT_FLOAT:
		return "Floating point (single-precision)";
	case FT_DOUBLE:
		return "Floating point (double-precision)";
	case FT_ABSOLUTE_TIME:
		return "Date and time";
	case FT_RELATIVE_TIME:
		return "Time offset";
	case FT_STRING:
	case FT_STRINGZ:
	case FT_UINT_STRING:
	case FT_STRINGZPAD:
	case FT_STRINGZTRUNC:
		return "Character string";
	case FT_BYTES:
	case FT_UINT_BYTES:
		return "Byte sequence";
	case FT_ETHER:
		return "Ethernet or other MAC address";
	case FT_IPv4:
		return "IPv4 address";
	case FT_IPv6:
		return "IPv6 address";
	case FT_FRAMENUM:
		return "Frame number";
	case FT_GUID:
		return "Globally Unique Identifier";
	case FT_OID:
		return "ASN.1 object identifier";
	case FT_EUI64:
		return "EUI64 address";
	default:
		return "Byte sequence";
	}
}

/* Resolve an unparsed word to a field when the registry knows it. */
static int resolve(struct ck *c, struct node *n)
{
	if (n->t != N_LIT || (n->tok.t != T_UNPARSED && n->tok.t != T_FIELDONLY))
		return 0;
	char name[256];
	if (n->tok.tlen >= (int)sizeof name) {
		if (n->tok.t == T_FIELDONLY)
			goto notfield;
		return 0;
	}
	memcpy(name, n->tok.text, (size_t)n->tok.tlen);
	name[n->tok.tlen] = 0;
	int id = field_lookup(name);
	if (id < 0) {
		if (n->tok.t == T_FIELDONLY)
			goto notfield;
		if (n->nlayers) {
			df_error(c->e, n->pos, n->tok.len,
				 "%s is neither a field nor a protocol name.", name);
			return -1;
		}
		return 0;
	}
	n->t = N_FIELD;
	n->id = id;
	n->ftype = (int)field_get(id)->type;
	n->cat = df_cat(n->ftype);
	return 0;
notfield:
	df_error(c->e, n->pos, n->tok.len, "\"%.*s\" is not a valid protocol or protocol field.",
		 n->tok.tlen, n->tok.text);
	return -1;
}

static const char *lit_text(const struct node *n, int *len)
{
	if (n->tok.t == T_STRING) {
		*len = (int)n->tok.slen;
		return (const char *)n->tok.sval;
	}
	*len = n->tok.tlen;
	return n->tok.text;
}

static void to_const(struct node *n, const struct dval *v)
{
	n->t = N_CONST;
	n->cv = *v;
}

/* 0 ok, -1 not a number, -2 overflow.  Bases: 0x, 0b, leading 0 octal, decimal. */
static int parse_u64(const char *s, int n, uint64_t *out)
{
	int base = 10, i = 0;
	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, i = 2;
	else if (n >= 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
		base = 2, i = 2;
	else if (n >= 2 && s[0] == '0')
		base = 8, i = 1;
	if (i >= n)
		return -1;
	uint64_t v = 0;
	int over = 0;
	for (; i < n; i++) {
		int d = hex_value((unsigned char)s[i]);
		if (d < 0 || d >= base)
			return -1;
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			over = 1;
		v = v * (uint64_t)base + (uint64_t)d;
	}
	*out = v;
	return over ? -2 : 0;
}

static int vals_find(const struct field_def *d, const char *s, int n, uint64_t *out)
{
	if (!d->strings)
		return -1;
	if (d->type == FT_BOOLEAN) {
		const struct true_false_string *tf = d->strings;
		if (tf->true_string && (int)strlen(tf->true_string) == n &&
		    !strncasecmp(tf->true_string, s, (size_t)n)) {
			*out = 1;
			return 0;
		}
		if (tf->false_string && (int)strlen(tf->false_string) == n &&
		    !strncasecmp(tf->false_string, s, (size_t)n)) {
			*out = 0;
			return 0;
		}
		return -1;
	}
	if (d->base & BASE_CUSTOM && (d->base & BASE_MASK) == BASE_CUSTOM)
		return -1;
	if (d->base & BASE_RANGE_STRING) {
		for (const struct range_string *r = d->strings; r->name; r++)
			if ((int)strlen(r->name) == n && !strncasecmp(r->name, s, (size_t)n)) {
				*out = r->lo;
				return 0;
			}
		return -1;
	}
	if (d->base & (BASE_VAL64_STRING | BASE_UNIT_STRING))
		return -1;
	for (const struct value_string *v = d->strings; v->name; v++)
		if ((int)strlen(v->name) == n && !strncasecmp(v->name, s, (size_t)n)) {
			*out = v->value;
			return 0;
		}
	return -1;
}

static int conv_int(struct ck *c, struct node *n, int ftype, int fid, int neg, struct dval *v)
{
	int len;
	const char *s = lit_text(n, &len);
	enum cat cat = df_cat(ftype);
	uint64_t u = 0;
	int rc;
	if (n->tok.t == T_CHAR) {
		u = n->tok.ival;
		rc = 0;
	} else
		rc = parse_u64(s, len, &u);
	const struct field_def *d = fid >= 0 ? field_get(fid) : NULL;
	if (rc == -1 && ftype == FT_BOOLEAN) {
		static const char *const tf[] = {"True", "TRUE", "False", "FALSE"};
		for (int k = 0; k < 4; k++)
			if ((int)strlen(tf[k]) == len && !memcmp(tf[k], s, (size_t)len)) {
				u = k < 2;
				rc = 0;
			}
	}
	if (rc == -1 && d && vals_find(d, s, len, &u) == 0)
		rc = 0;
	if (rc == -1) {
		/* booleans always have labels: "True"/"False" when the field names none */
		if (d && ((d->strings && !(d->base & (BASE_VAL64_STRING | BASE_UNIT_STRING))) ||
			  d->type == FT_BOOLEAN))
			df_error(c->e, n->pos, n->len,
				 "\"%.*s\" cannot be found among the possible values for %s.", len,
				 s, d->abbrev);
		else
			df_error(c->e, n->pos, n->len, "\"%.*s\" is not a valid number.", len, s);
		return -1;
	}
	if (rc == -2) {
		df_error(c->e, n->pos, n->len, "\"%.*s\" causes an integer overflow.", len, s);
		return -1;
	}
	int bits = ftype_bits((enum ftype)ftype);
	memset(v, 0, sizeof *v);
	if (cat == C_BOOL) {
		v->k = V_BOOL;
		v->v.u = u;
		return 0;
	}
	if (cat == C_UINT) {
		uint64_t max = bits == 64 ? UINT64_MAX : (1ull << bits) - 1;
		if (neg && u) {
			v->k = V_INT;
			v->v.i = -(int64_t)u;
			return 0;
		}
		if (u > max) {
			df_error(c->e, n->pos, n->len,
				 "\"%.*s\" too big for this field, maximum %llu.", len, s,
				 (unsigned long long)max);
			return -1;
		}
		v->k = V_UINT;
		v->v.u = u;
		return 0;
	}
	int64_t max = bits == 64 ? INT64_MAX : (int64_t)((1ull << (bits - 1)) - 1);
	int64_t min = -max - 1;
	if (!neg && u > (uint64_t)max) {
		df_error(c->e, n->pos, n->len, "\"%.*s\" too big for this field, maximum %lld.",
			 len, s, (long long)max);
		return -1;
	}
	if (neg && u > (uint64_t)max + 1) {
		df_error(c->e, n->pos, n->len, "\"-%.*s\" too small for this field, minimum %lld.",
			 len, s, (long long)min);
		return -1;
	}
	v->k = V_INT;
	v->v.i = neg ? (int64_t)(0 - u) : (int64_t)u;
	return 0;
}

/* "a.b.c.d[/n]" */
static int parse_ip4(const char *s, int n, uint8_t *a, int *prefix)
{
	char buf[64];
	if (n <= 0 || n >= (int)sizeof buf)
		return -1;
	memcpy(buf, s, (size_t)n);
	buf[n] = 0;
	char *slash = strchr(buf, '/');
	*prefix = 32;
	if (slash) {
		*slash = 0;
		char *end;
		long p = strtol(slash + 1, &end, 10);
		if (!slash[1] || *end || p < 0)
			return -1;
		*prefix = p > 999 ? 999 : (int)p;
	}
	struct in_addr in;
	if (inet_pton(AF_INET, buf, &in) != 1)
		return -1;
	memcpy(a, &in, 4);
	return 0;
}

/* "aa:bb-cc.dd" or "aabbcc"; one byte per pair.  Returns the count or -1. */
static int parse_hexbytes(const char *s, int n, uint8_t *out, int cap)
{
	int no = 0, i = 0;
	char sep = 0;
	if (n >= 3 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && n <= 4) {
		uint64_t u;
		if (parse_u64(s, n, &u) || u > 255)
			return -1;
		out[0] = (uint8_t)u;
		return 1;
	}
	while (i < n) {
		if (no >= cap)
			return -1;
		int h = hex_value((unsigned char)s[i]);
		int l = i + 1 < n ? hex_value((unsigned char)s[i + 1]) : -1;
		if (h < 0)
			return -1;
		if (l < 0) { /* a single digit between separators */
			if (i + 1 < n && s[i + 1] != sep && sep)
				return -1;
			out[no++] = (uint8_t)h;
			i += 1;
		} else {
			out[no++] = (uint8_t)(h << 4 | l);
			i += 2;
		}
		if (i < n) {
			char c = s[i];
			if (c == ':' || c == '-' || c == '.') {
				if (sep && c != sep)
					return -1;
				sep = c;
				i++;
				if (i == n)
					return -1;
			} else if (sep)
				return -1;
		}
	}
	return no;
}

static int conv_bytes(struct ck *c, struct node *n, struct dval *v, int ether, int contains)
{
	memset(v, 0, sizeof *v);
	v->k = V_BYTES;
	int len;
	const char *s = lit_text(n, &len);
	if (n->tok.t == T_CHAR && !ether) {
		n->cbuf = malloc(1);
		if (!n->cbuf)
			abort();
		n->cbuf[0] = (uint8_t)n->tok.ival;
		v->v.p = n->cbuf;
		v->n = 1;
		return 0;
	}
	if (n->tok.t == T_STRING && !ether) {
		n->cbuf = malloc((size_t)len + 1);
		if (!n->cbuf)
			abort();
		memcpy(n->cbuf, s, (size_t)len);
		v->v.p = n->cbuf;
		v->n = (uint32_t)len;
		return 0;
	}
	n->cbuf = malloc((size_t)len + 1);
	if (!n->cbuf)
		abort();
	int k = -1;
	if (len == 14 && s[4] == '.' && s[9] == '.') { /* Cisco style hhhh.hhhh.hhhh */
		char hx[12];
		memcpy(hx, s, 4);
		memcpy(hx + 4, s + 5, 4);
		memcpy(hx + 8, s + 10, 4);
		k = parse_hexbytes(hx, 12, n->cbuf, len + 1);
	}
	if (k < 0)
		k = parse_hexbytes(s, len, n->cbuf, len + 1);
	if (ether) {
		if (k < 0 && !memchr(s, ':', (size_t)len) && !memchr(s, '-', (size_t)len))
			k = -1;
		if (k < 0) {
			df_error(c->e, n->pos, n->len, "\"%.*s\" is not a valid Ethernet address.",
				 len, s);
			return -1;
		}
		if (k < 6 && !contains) {
			df_error(c->e, n->pos, n->len,
				 "\"%.*s\" contains too few bytes to be a valid Ethernet address.",
				 len, s);
			return -1;
		}
		if (k > 6 && !contains) {
			df_error(c->e, n->pos, n->len,
				 "\"%.*s\" contains too many bytes to be a valid Ethernet address.",
				 len, s);
			return -1;
		}
	} else if (k < 0) {
		df_error(c->e, n->pos, n->len, "\"%.*s\" is not a valid byte string.", len, s);
		return -1;
	}
	v->v.p = n->cbuf;
	v->n = (uint32_t)k;
	return 0;
}

static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
				     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Parses "[.frac]" at *p into nanoseconds; returns -1 on bad digits. */
static int frac_ns(const char **p, int32_t *ns)
{
	*ns = 0;
	if (**p != '.')
		return 0;
	(*p)++;
	int d = 0;
	int32_t v = 0;
	while (isdigit((unsigned char)**p)) {
		if (d < 9) {
			v = v * 10 + (**p - '0');
			d++;
		}
		(*p)++;
	}
	if (!d)
		return -1;
	while (d++ < 9)
		v *= 10;
	*ns = v;
	return 0;
}

static int parse_abstime(const char *s, int n, struct dval *v)
{
	char buf[128];
	if (n <= 0 || n >= (int)sizeof buf)
		return -1;
	memcpy(buf, s, (size_t)n);
	buf[n] = 0;
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	const char *p = buf;
	int32_t ns = 0;
	int consumed = 0, utc = 0;
	int Y, M, D, h = 0, m = 0, sec = 0;
	char mon[4];
	if (sscanf(p, "%3s %d, %d %d:%d:%d%n", mon, &D, &Y, &h, &m, &sec, &consumed) == 6) {
		M = -1;
		for (int i = 0; i < 12; i++)
			if (!strcasecmp(mon, months[i]))
				M = i + 1;
		if (M < 0)
			return -1;
	} else if (consumed = 0, sscanf(p, "%4d-%2d-%2d%n", &Y, &M, &D, &consumed) == 3) {
		const char *q = p + consumed;
		int c2 = 0;
		if ((*q == 'T' || *q == ' ') &&
		    sscanf(q + 1, "%2d:%2d:%2d%n", &h, &m, &sec, &c2) == 3)
			consumed += 1 + c2;
		else if (*q == ' ' && (c2 = 0, sscanf(q + 1, "%2d:%2d%n", &h, &m, &c2) == 2))
			consumed += 1 + c2;
		else if (*q == ' ' && (c2 = 0, sscanf(q + 1, "%2d%n", &h, &c2) == 1))
			consumed += 1 + c2;
	} else
		return -1;
	p += consumed;
	if (frac_ns(&p, &ns) < 0)
		return -1;
	if (*p == 'Z') {
		utc = 1;
		p++;
	} else if (!strcmp(p, " UTC")) {
		utc = 1;
		p += 4;
	}
	if (*p)
		return -1;
	if (M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 60 || h < 0 || m < 0 ||
	    sec < 0)
		return -1;
	tm.tm_year = Y - 1900;
	tm.tm_mon = M - 1;
	tm.tm_mday = D;
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	time_t t = utc ? timegm(&tm) : mktime(&tm);
	memset(v, 0, sizeof *v);
	v->k = V_TIME;
	v->v.t.sec = (int64_t)t;
	v->v.t.nsec = ns;
	return 0;
}

static int parse_reltime(const char *s, int n, int neg, struct dval *v)
{
	char buf[64];
	if (n <= 0 || n >= (int)sizeof buf)
		return -1;
	memcpy(buf, s, (size_t)n);
	buf[n] = 0;
	const char *p = buf;
	if (*p == '-') {
		neg = !neg;
		p++;
	}
	if (!isdigit((unsigned char)*p) && *p != '.')
		return -1;
	int64_t sec = 0;
	while (isdigit((unsigned char)*p)) {
		if (sec > INT64_MAX / 10 - 10)
			return -1;
		sec = sec * 10 + (*p++ - '0');
	}
	int32_t ns;
	if (frac_ns(&p, &ns) < 0 || *p)
		return -1;
	memset(v, 0, sizeof *v);
	v->k = V_TIME;
	v->v.t.sec = neg ? -sec : sec;
	v->v.t.nsec = neg ? -ns : ns;
	return 0;
}

/*
** Convert literal n to the type (ftype, field fid for value names) of the
** other operand.  `neg`: the literal had a unary minus.  `contains`: partial
** values are fine (Ethernet).
*/
static int convert(struct ck *c, struct node *n, int ftype, int fid, int neg, int contains)
{
	struct dval v;
	memset(&v, 0, sizeof v);
	int len;
	const char *s = lit_text(n, &len);
	enum cat cat = df_cat(ftype);
	switch (cat) {
	case C_BOOL:
	case C_INT:
	case C_UINT:
		if (conv_int(c, n, ftype, fid, neg, &v) < 0)
			return -1;
		break;
	case C_DBL: {
		char buf[128];
		char *end;
		if (len <= 0 || len >= (int)sizeof buf)
			goto badnum;
		memcpy(buf, s, (size_t)len);
		buf[len] = 0;
		errno = 0;
		v.k = V_DBL;
		v.v.d = strtod(buf, &end);
		if (*end || end == buf)
			goto badnum;
		if (neg)
			v.v.d = -v.v.d;
		break;
	badnum:
		df_error(c->e, n->pos, n->len, "\"%.*s\" is not a valid number.", len, s);
		return -1;
	}
	case C_IP4: {
		int prefix;
		if (n->tok.t == T_STRING) {
			df_error(c->e, n->pos, n->len,
				 "IPv4 address cannot be converted from a string (%.*s).", n->len,
				 c->text + n->pos);
			return -1;
		}
		if (parse_ip4(s, len, v.v.a, &prefix) < 0) {
			df_error(c->e, n->pos, n->len,
				 "\"%.*s\" is not a valid hostname or IPv4 address.", len, s);
			return -1;
		}
		if (prefix > 32) {
			df_error(c->e, n->pos, n->len,
				 "Netmask bits in a CIDR IPv4 address should be <= 32, not %d",
				 prefix);
			return -1;
		}
		v.k = V_IP4;
		v.prefix = (uint8_t)prefix;
		break;
	}
	case C_IP6: {
		char buf[128];
		if (n->tok.t == T_STRING) {
			df_error(c->e, n->pos, n->len,
				 "IPv6 address cannot be converted from a string (%.*s).", n->len,
				 c->text + n->pos);
			return -1;
		}
		if (len <= 0 || len >= (int)sizeof buf)
			goto bad6;
		memcpy(buf, s, (size_t)len);
		buf[len] = 0;
		char *slash = strchr(buf, '/');
		int prefix = 128;
		if (slash) {
			*slash = 0;
			char *end;
			long pl = strtol(slash + 1, &end, 10);
			if (!slash[1] || *end || pl < 0)
				goto bad6;
			if (pl > 128) {
				df_error(c->e, n->pos, n->len,
					 "Prefix in a IPv6 address should be <= 128, not %ld", pl);
				return -1;
			}
			prefix = (int)pl;
		}
		if (inet_pton(AF_INET6, buf, v.v.a) != 1)
			goto bad6;
		v.k = V_IP6;
		v.prefix = (uint8_t)prefix;
		break;
	bad6:
		df_error(c->e, n->pos, n->len, "\"%.*s\" is not a valid hostname or IPv6 address.",
			 len, s);
		return -1;
	}
	case C_ABST:
		if (n->tok.t == T_CHAR || parse_abstime(s, len, &v) < 0) {
			df_error(c->e, n->pos, n->len,
				 "\"%.*s\" is not a valid absolute time. Example: \"Nov 12, 1999 "
				 "08:55:44.123\" or \"2011-07-04 12:34:56\"",
				 len, s);
			return -1;
		}
		break;
	case C_RELT:
		if (n->tok.t == T_STRING) {
			df_error(c->e, n->pos, n->len,
				 "Time offset cannot be converted from a string (%.*s).", n->len,
				 c->text + n->pos);
			return -1;
		}
		if (n->tok.t == T_CHAR || parse_reltime(s, len, neg, &v) < 0) {
			df_error(c->e, n->pos, n->len, "\"%.*s\" is not a valid time.", len, s);
			return -1;
		}
		break;
	case C_STR:
		v.k = V_BYTES;
		if (n->tok.t == T_CHAR) {
			n->cbuf = malloc(1);
			if (!n->cbuf)
				abort();
			n->cbuf[0] = (uint8_t)n->tok.ival;
			v.v.p = n->cbuf;
			v.n = 1;
		} else {
			if (n->tok.t == T_LITERAL) { /* the colon belongs to the text */
				s = c->text + n->pos;
				len = n->len;
			}
			n->cbuf = malloc((size_t)len + 1);
			if (!n->cbuf)
				abort();
			memcpy(n->cbuf, s, (size_t)len);
			v.v.p = n->cbuf;
			v.n = (uint32_t)len;
		}
		break;
	case C_BYTES:
	case C_PROTO:
		if (conv_bytes(c, n, &v, ftype == FT_ETHER, contains) < 0)
			return -1;
		break;
	case C_NONE:
		df_error(c->e, n->pos, n->len, "\"%.*s\" is not a valid value.", len, s);
		return -1;
	}
	to_const(n, &v);
	n->cat = cat;
	n->ftype = ftype;
	return 0;
}

static int check_value(struct ck *c, struct node *n);

/* Is n something whose value comes from the frame (not a lone constant)? */
static int field_like(const struct node *n)
{
	switch (n->t) {
	case N_FIELD:
	case N_SLICE:
	case N_FUNC:
	case N_REF:
		return 1;
	case N_ARITH:
		return field_like(n->a);
	case N_NEG:
		return field_like(n->a);
	default:
		return 0;
	}
}

static int sliceable(int cat)
{
	return cat == C_BYTES || cat == C_STR || cat == C_PROTO || cat == C_IP4 || cat == C_IP6;
}

static int compatible(enum cat a, enum cat b)
{
	int ia = a == C_INT || a == C_UINT || a == C_BOOL;
	int ib = b == C_INT || b == C_UINT || b == C_BOOL;
	if (ia || ib)
		return ia && ib;
	if ((a == C_BYTES || a == C_PROTO) && (b == C_BYTES || b == C_PROTO))
		return 1;
	if (a == C_BYTES || b == C_BYTES) /* slices against other fields: compared as bytes */
		return 1;
	return a == b;
}

/* A literal on the other side of a field-like x: converts it to x's type. */
static int convert_to(struct ck *c, struct node *lit, const struct node *x, int neg, int contains)
{
	int ftype = x->ftype;
	if (x->cat == C_BYTES && ftype < 0)
		ftype = FT_BYTES;
	if (ftype < 0)
		ftype = x->cat == C_STR ? FT_STRING : x->cat == C_INT ? FT_INT64 : FT_UINT64;
	int fid = x->t == N_FIELD ? x->id : -1;
	if (x->t == N_SLICE)
		ftype = FT_BYTES;
	return convert(c, lit, ftype, fid, neg, contains);
}

/* rhs of a relation or arithmetic against a typed lhs. */
static int check_rhs(struct ck *c, struct node *lhs, struct node *rhs, int contains)
{
	if (resolve(c, rhs) < 0)
		return -1;
	if (rhs->t == N_LIT)
		return convert_to(c, rhs, lhs, 0, contains);
	if (rhs->t == N_NEG && rhs->a->t == N_LIT) {
		if (resolve(c, rhs->a) < 0)
			return -1;
		if (rhs->a->t == N_LIT) {
			struct node *l = rhs->a;
			if (convert_to(c, l, lhs, 1, contains) < 0)
				return -1;
			/* the sign is folded into the constant */
			rhs->t = N_CONST;
			rhs->cv = l->cv;
			rhs->cat = l->cat;
			rhs->ftype = l->ftype;
			rhs->cbuf = l->cbuf;
			l->cbuf = NULL;
			df_node_free(rhs->a);
			rhs->a = NULL;
			return 0;
		}
	}
	if (check_value(c, rhs) < 0)
		return -1;
	if (!compatible(lhs->cat, rhs->cat)) {
		df_error(c->e, rhs->pos, rhs->len, "%.*s and %.*s are not of compatible types.",
			 lhs->len, c->text + lhs->pos, rhs->len, c->text + rhs->pos);
		return -1;
	}
	return 0;
}

/*
** The types tshark 4.0's string() converts (df_func_string's list): numbers,
** addresses and identifiers, whatever their display base (the text is
** always decimal).  Strings, byte arrays, times and booleans are refused.
*/
static int string_convertible(int ftype)
{
	switch (ftype) {
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
	case FT_INT64:
	case FT_IPv4:
	case FT_IPv6:
	case FT_FLOAT:
	case FT_DOUBLE:
	case FT_ETHER:
	case FT_FRAMENUM:
	case FT_AX25:
	case FT_IPXNET:
	case FT_GUID:
	case FT_OID:
	case FT_EUI64:
	case FT_VINES:
	case FT_REL_OID:
	case FT_SYSTEM_ID:
	case FT_FCWWN:
	case FT_IEEE_11073_SFLOAT:
	case FT_IEEE_11073_FLOAT:
		return 1;
	default:
		return 0;
	}
}

static int check_func(struct ck *c, struct node *n)
{
	static const char *const names[] = {"len",    "count", "upper", "lower",
					    "string", "max",   "min",   "abs"};
	for (int i = 0; i < n->nargs; i++) {
		struct node *a = n->args[i];
		if (resolve(c, a) < 0)
			return -1;
		if (n->fn == FN_LEN || n->fn == FN_COUNT || n->fn == FN_UPPER ||
		    n->fn == FN_LOWER || n->fn == FN_STRING) {
			int ok = a->t == N_FIELD || (n->fn == FN_LEN && a->t == N_SLICE);
			if (!ok) {
				if (n->fn == FN_UPPER || n->fn == FN_LOWER)
					df_error(c->e, a->pos, a->len,
						 "Only string type fields can be used as parameter "
						 "for %s()",
						 names[n->fn]);
				else
					df_error(c->e, a->pos, a->len,
						 "Only fields can be used as parameter for %s()",
						 names[n->fn]);
				return -1;
			}
		}
		if (a->t == N_LIT) {
			df_error(c->e, a->pos, a->len,
				 "Constant expression is invalid on the LHS.");
			return -1;
		}
		if (check_value(c, a) < 0)
			return -1;
	}
	struct node *a = n->nargs ? n->args[0] : NULL;
	switch (n->fn) {
	case FN_LEN:
	case FN_COUNT:
		n->cat = C_UINT;
		n->ftype = FT_UINT32;
		break;
	case FN_UPPER:
	case FN_LOWER:
		if (a->cat != C_STR) {
			df_error(c->e, a->pos, a->len,
				 "Only string type fields can be used as parameter for %s()",
				 names[n->fn]);
			return -1;
		}
		n->cat = C_STR;
		n->ftype = FT_STRING;
		break;
	case FN_STRING:
		if (!string_convertible(a->ftype)) {
			df_error(c->e, a->pos, a->len,
				 "String conversion for field \"%.*s\" is not supported", a->len,
				 c->text + a->pos);
			return -1;
		}
		n->cat = C_STR;
		n->ftype = FT_STRING;
		break;
	case FN_MAX:
	case FN_MIN:
		if (!a) {
			df_error(c->e, n->pos, n->len,
				 "Function %s must have at least 1 arguments.", names[n->fn]);
			return -1;
		}
		for (int i = 1; i < n->nargs; i++)
			if (n->args[i]->ftype != a->ftype) {
				df_error(c->e, n->args[i]->pos, n->args[i]->len,
					 "Arguments to '%s' must have the same type (expected %s, "
					 "got %s)",
					 names[n->fn], ftype_name((enum ftype)a->ftype),
					 ftype_name((enum ftype)n->args[i]->ftype));
				return -1;
			}
		n->cat = a->cat;
		n->ftype = a->ftype;
		break;
	case FN_ABS:
		if (a->cat != C_INT && a->cat != C_UINT && a->cat != C_DBL && a->cat != C_RELT) {
			df_error(c->e, a->pos, a->len, "Argument to 'abs' must be a number");
			return -1;
		}
		n->cat = a->cat;
		n->ftype = a->ftype;
		break;
	}
	return 0;
}

static const char *op_name(int op)
{
	switch (op) {
	case T_PLUS:
		return "+";
	case T_MINUS:
		return "-";
	case T_STAR:
		return "*";
	case T_SLASH:
		return "/";
	case T_PCT:
		return "%";
	default:
		return "&";
	}
}

/* A typed, frame-dependent value: field, slice, function, arithmetic. */
static int check_value(struct ck *c, struct node *n)
{
	if (resolve(c, n) < 0)
		return -1;
	switch (n->t) {
	case N_FIELD:
		return 0;
	case N_LIT:
		return 0; /* the caller converts it */
	case N_CONST:
		return 0;
	case N_REF: {
		struct node tmp = *n;
		tmp.t = N_LIT;
		if (resolve(c, &tmp) < 0)
			return -1;
		if (tmp.t != N_FIELD) {
			df_error(c->e, n->pos, n->len, "%.*s is not a valid field reference.",
				 n->tok.tlen, n->tok.text);
			return -1;
		}
		n->id = tmp.id;
		n->ftype = tmp.ftype;
		n->cat = tmp.cat;
		return 0;
	}
	case N_SLICE: {
		struct node *a = n->a;
		if (resolve(c, a) < 0)
			return -1;
		if (a->t == N_LIT) {
			df_error(c->e, a->pos, a->len, "Range is not supported for entity %.*s",
				 a->len, c->text + a->pos);
			return -1;
		}
		if (check_value(c, a) < 0)
			return -1;
		if (!sliceable(a->cat)) {
			df_error(c->e, a->pos, a->len,
				 "\"%.*s\" is a %s and cannot be sliced into a sequence of bytes.",
				 a->len, c->text + a->pos, pretty(a->ftype));
			return -1;
		}
		n->cat = C_BYTES;
		n->ftype = FT_BYTES;
		return 0;
	}
	case N_FUNC:
		return check_func(c, n);
	case N_NEG: {
		if (resolve(c, n->a) < 0)
			return -1;
		if (n->a->t == N_LIT) {
			df_error(c->e, n->pos, n->len,
				 "Constant arithmetic expression on the LHS is invalid.");
			return -1;
		}
		if (check_value(c, n->a) < 0)
			return -1;
		int k = n->a->cat;
		if (k != C_INT && k != C_UINT && k != C_DBL && k != C_RELT) {
			df_error(c->e, n->a->pos, n->a->len,
				 "%.*s (type=%s) cannot participate in unary minus.", n->a->len,
				 c->text + n->a->pos, pretty(n->a->ftype));
			return -1;
		}
		n->cat = k == C_UINT ? C_INT : k;
		n->ftype = k == C_UINT ? FT_INT64 : n->a->ftype;
		return 0;
	}
	case N_ARITH: {
		if (resolve(c, n->a) < 0)
			return -1;
		if (n->a->t == N_LIT) {
			df_error(c->e, n->pos, n->len,
				 "Constant arithmetic expression on the LHS is invalid.");
			return -1;
		}
		if (check_value(c, n->a) < 0)
			return -1;
		int k = n->a->cat, op = n->op;
		int ok = ((k == C_INT || k == C_UINT)) ||
			 (k == C_DBL && op != T_PCT && op != T_BAND) ||
			 (k == C_RELT && (op == T_PLUS || op == T_MINUS)) ||
			 ((k == C_IP4 || k == C_IP6 || k == C_BYTES) && op == T_BAND);
		if (!ok) {
			df_error(c->e, n->a->pos, n->a->len,
				 "%.*s (type=%s) cannot participate in \"%s\" expression.",
				 n->a->len, c->text + n->a->pos, pretty(n->a->ftype), op_name(op));
			return -1;
		}
		if (check_rhs(c, n->a, n->b, 0) < 0)
			return -1;
		n->cat = n->a->cat;
		n->ftype = n->a->ftype;
		if ((n->a->cat == C_UINT) != (n->b->cat == C_UINT) &&
		    (n->b->cat == C_INT || n->b->cat == C_UINT))
			n->cat = C_INT;
		return 0;
	}
	default:
		df_error(c->e, n->pos, n->len, "Unexpected expression.");
		return -1;
	}
}

static const char *rel_name(const struct node *n, const char *text, int *len)
{
	*len = n->olen;
	return text + n->opos;
}

static int can_contains(int cat)
{
	return cat == C_BYTES || cat == C_STR || cat == C_PROTO;
}

/* Marks fields read for contains/matches of a protocol: they search the whole payload. */
static void mark_extent(struct node *n)
{
	if (n->t == N_FIELD && n->cat == C_PROTO)
		n->quant = 1;
}

static int check_rel(struct ck *c, struct node *n)
{
	struct node *a = n->a;
	int ol;
	const char *on = rel_name(n, c->text, &ol);
	if (!n->borrowed) {
		if (resolve(c, a) < 0)
			return -1;
		if (a->t == N_ARITH && a->a->t == N_LIT && !field_like(a->a) &&
		    resolve(c, a->a) == 0 && a->a->t == N_LIT) {
			df_error(c->e, a->pos, a->len,
				 "Constant arithmetic expression on the LHS is invalid.");
			return -1;
		}
		if (!field_like(a)) {
			df_error(c->e, a->pos, a->len,
				 "Left side of \"%.*s\" expression must be a field or function, "
				 "not %.*s.",
				 ol, on, a->len, c->text + a->pos);
			return -1;
		}
		if (check_value(c, a) < 0)
			return -1;
	} else if (!field_like(a)) {
		df_error(c->e, a->pos, a->len,
			 "Left side of \"%.*s\" expression must be a field or function, not %.*s.",
			 ol, on, a->len, c->text + a->pos);
		return -1;
	}
	int op = n->op;
	if (op == T_CONTAINS || op == T_MATCHES) {
		if (!can_contains(a->cat)) {
			df_error(c->e, a->pos, a->len,
				 "%.*s (type=%s) cannot participate in %.*s comparison.", a->len,
				 c->text + a->pos, pretty(a->ftype), ol, on);
			return -1;
		}
		mark_extent(a);
	} else if (a->cat == C_NONE) {
		df_error(c->e, a->pos, a->len,
			 "%.*s (type=%s) cannot participate in %.*s comparison.", a->len,
			 c->text + a->pos, pretty(a->ftype), ol, on);
		return -1;
	}
	if (op == T_MATCHES) {
		struct node *b = n->b;
		if (b->t != N_LIT || b->tok.t != T_STRING) {
			df_error(c->e, b->pos, b->len,
				 "Matches requires a double quoted string on the right side.");
			return -1;
		}
		int ec;
		PCRE2_SIZE eo;
		pcre2_code *re = pcre2_compile((PCRE2_SPTR)b->tok.sval, b->tok.slen, PCRE2_CASELESS,
					       &ec, &eo, NULL);
		if (!re) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(ec, msg, sizeof msg);
			df_error(c->e, -1, 0, "Regex compilation error: %s.", (const char *)msg);
			return -1;
		}
		n->re = re;
		n->md = pcre2_match_data_create_from_pattern(re, NULL);
		if (!n->md)
			abort();
		n->cat = a->cat;
		return 0;
	}
	if (check_rhs(c, a, n->b, op == T_CONTAINS) < 0)
		return -1;
	n->cat = a->cat;
	return 0;
}

void df_re_free(struct node *n)
{
	if (n->md)
		pcre2_match_data_free(n->md);
	if (n->re)
		pcre2_code_free(n->re);
	n->md = n->re = NULL;
}

static int check_in(struct ck *c, struct node *n)
{
	struct node *a = n->a;
	if (resolve(c, a) < 0)
		return -1;
	if (a->t != N_FIELD) {
		df_error(c->e, a->pos, a->len,
			 "Only a field may be tested for membership in a set.");
		return -1;
	}
	if (a->cat == C_NONE) {
		df_error(c->e, a->pos, a->len,
			 "%.*s (type=%s) cannot participate in == comparison.", a->len,
			 c->text + a->pos, pretty(a->ftype));
		return -1;
	}
	for (int i = 0; i < n->nargs; i++) {
		struct node *el = n->args[i];
		if (!el)
			continue;
		if (el->t == N_SLICE) {
			df_error(c->e, el->pos, el->len, "A slice is not allowed in a set.");
			return -1;
		}
		if (check_rhs(c, a, el, 0) < 0)
			return -1;
	}
	n->cat = a->cat;
	return 0;
}

static int check_bool(struct ck *c, struct node *n)
{
	switch (n->t) {
	case N_AND:
	case N_OR:
		return check_bool(c, n->a) < 0 ? -1 : check_bool(c, n->b);
	case N_NOT:
		return check_bool(c, n->a);
	case N_REL:
		return check_rel(c, n);
	case N_IN:
		return check_in(c, n);
	case N_TRUTH: {
		struct node *a = n->a;
		if (resolve(c, a) < 0)
			return -1;
		if (a->t == N_FIELD) {
			n->t = N_EXISTS;
			return 0;
		}
		if (a->t == N_LIT) {
			df_error(c->e, a->pos, a->len,
				 "%.*s is neither a field nor a protocol name.", a->len,
				 c->text + a->pos);
			return -1;
		}
		if (a->t == N_FUNC) {
			df_error(c->e, a->pos, a->len,
				 "You cannot test whether a function is present.");
			return -1;
		}
		return check_value(c, a);
	}
	default:
		df_error(c->e, n->pos, n->len, "Unexpected expression.");
		return -1;
	}
}

/* Field names resolve before anything else, so "is it field-like" can look anywhere. */
static int resolve_all(struct ck *c, struct node *n)
{
	if (!n)
		return 0;
	if (resolve(c, n) < 0)
		return -1;
	if (!n->borrowed && resolve_all(c, n->a) < 0)
		return -1;
	if (resolve_all(c, n->b) < 0)
		return -1;
	for (int i = 0; i < n->nargs; i++)
		if (resolve_all(c, n->args[i]) < 0)
			return -1;
	return 0;
}

int df_check(struct node *root, const char *text, struct dferr *e)
{
	struct ck c = {e, text};
	if (resolve_all(&c, root) < 0)
		return -1;
	return check_bool(&c, root);
}
