/*
** eval.c -- evaluate a checked tree over one frame's fieldset.
**
** Operands are lists (every occurrence of a field); relations are "any" or
** "all" over the pairs.  Values live in the filter's scratch arrays, which
** grow to the largest frame seen and are then reused: no allocation per
** frame.  Bytes made during evaluation (slices, upper()) live in a scratch
** buffer and are referred to by offset, because the buffer may move.
*/
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "filter_int.h"

#define IN_BUF 1 /* dval.prefix for V_BYTES: v.u is an offset into f->buf */

static struct dval *push(struct filter *f)
{
	if (f->nvals == f->capvals) {
		size_t nc = f->capvals ? f->capvals * 2 : 64;
		struct dval *nv = realloc(f->vals, nc * sizeof *nv);
		if (!nv)
			abort();
		f->vals = nv;
		f->capvals = nc;
	}
	struct dval *v = &f->vals[f->nvals++];
	memset(v, 0, sizeof *v);
	return v;
}

static size_t buf_reserve(struct filter *f, size_t n)
{
	if (f->nbuf + n > f->capbuf) {
		size_t nc = f->capbuf ? f->capbuf : 4096;
		while (nc < f->nbuf + n)
			nc *= 2;
		uint8_t *nb = realloc(f->buf, nc);
		if (!nb)
			abort();
		f->buf = nb;
		f->capbuf = nc;
	}
	size_t off = f->nbuf;
	f->nbuf += n;
	return off;
}

static const uint8_t *bytes_of(const struct filter *f, const struct dval *v, uint32_t *n)
{
	switch (v->k) {
	case V_BYTES:
		*n = v->n;
		return v->prefix == IN_BUF ? f->buf + v->v.u : v->v.p;
	case V_IP4:
		*n = 4;
		return v->v.a;
	case V_IP6:
		*n = 16;
		return v->v.a;
	default:
		*n = 0;
		return (const uint8_t *)"";
	}
}

/* Copies v's bytes to the end of the scratch buffer; returns their offset. */
static size_t copy_to_buf(struct filter *f, const struct dval *v, uint32_t *len)
{
	const uint8_t *p = bytes_of(f, v, len);
	size_t rel = v->k == V_BYTES && v->prefix == IN_BUF ? (size_t)v->v.u : SIZE_MAX;
	uint8_t tmp[16];
	if (v->k == V_IP4 || v->k == V_IP6) { /* v may sit in vals, which does not move here */
		memcpy(tmp, p, *len);
		p = tmp;
	}
	size_t off = buf_reserve(f, *len);
	if (rel != SIZE_MAX)
		p = f->buf + rel;
	memcpy(f->buf + off, p, *len);
	return off;
}

/* The n-th instance (1-based) of the protocol that holds item i. */
static int layer_of(const struct fieldset *fs, int i, int proto)
{
	int p = i;
	while (p >= 0 && fs->items[p].id != proto)
		p = fs->items[p].parent;
	if (p < 0)
		return 0;
	int k = 0;
	for (int j = fs_first(fs, proto); j >= 0; j = fs->items[j].next_same) {
		k++;
		if (j == p)
			return k;
	}
	return 0;
}

static int layer_ok(const struct node *n, const struct fieldset *fs, int i)
{
	if (!n->nlayers)
		return 1;
	int proto = field_parent_proto(n->id);
	if (proto < 0)
		proto = n->id;
	int l = layer_of(fs, i, proto);
	int total = fs_count(fs, proto);
	for (int r = 0; r < n->nlayers; r++) {
		int64_t s = n->layers[r].start;
		if (s < 0)
			s += total + 1;
		int64_t e = n->layers[r].len == INT32_MAX ? total : s + n->layers[r].len - 1;
		if (l >= s && l <= e)
			return 1;
	}
	return 0;
}

static void item_val(struct filter *f, const struct node *n, const struct fitem *it)
{
	struct dval *v;
	switch (n->cat) {
	case C_NONE:
		return;
	case C_PROTO: {
		v = push(f);
		v->k = V_BYTES;
		if (it->src != 0 || !f->data || it->pos > f->caplen)
			return;
		uint32_t end = n->quant ? f->caplen : it->pos + it->len;
		if (end > f->caplen)
			end = f->caplen;
		v->v.p = f->data + it->pos;
		v->n = end - it->pos;
		return;
	}
	case C_BOOL:
		v = push(f);
		v->k = V_BOOL;
		v->v.u = it->val.v.u;
		return;
	case C_INT:
		v = push(f);
		v->k = V_INT;
		v->v.i = it->val.v.i;
		return;
	case C_UINT:
		v = push(f);
		v->k = V_UINT;
		v->v.u = it->val.v.u;
		return;
	case C_DBL:
		v = push(f);
		v->k = V_DBL;
		v->v.d = it->val.v.d;
		return;
	case C_BYTES:
	case C_STR:
		v = push(f);
		v->k = V_BYTES;
		v->v.p = it->val.v.b.p;
		v->n = it->val.v.b.n;
		return;
	case C_IP4:
		v = push(f);
		v->k = V_IP4;
		v->prefix = 32;
		if (it->val.v.b.n == 4 && it->val.v.b.p)
			memcpy(v->v.a, it->val.v.b.p, 4);
		return;
	case C_IP6:
		v = push(f);
		v->k = V_IP6;
		v->prefix = 128;
		memcpy(v->v.a, it->val.v.ip6, 16);
		return;
	case C_ABST:
	case C_RELT:
		v = push(f);
		v->k = V_TIME;
		v->v.t.sec = it->val.v.t.sec;
		v->v.t.nsec = it->val.v.t.nsec;
		return;
	}
}

static void eval_list(struct filter *f, struct node *n, size_t *start, size_t *count);

static void do_slice(struct filter *f, const struct node *n, size_t s0, size_t c0)
{
	for (size_t i = s0; i < s0 + c0; i++) {
		uint32_t len;
		/* copy the source out: the scratch buffer may move while we append */
		struct dval sv = f->vals[i];
		size_t soff = copy_to_buf(f, &sv, &len);
		size_t off = f->nbuf;
		uint32_t tot = 0;
		for (int r = 0; r < n->nranges; r++) {
			int64_t st = n->ranges[r].start;
			if (st < 0)
				st += len;
			int64_t l = n->ranges[r].len;
			int64_t end = l == INT32_MAX ? (int64_t)len : st + l;
			if (st < 0 || st > (int64_t)len || end > (int64_t)len)
				break; /* tshark stops at the first range that does not fit */
			size_t o = buf_reserve(f, (size_t)(end - st));
			memcpy(f->buf + o, f->buf + soff + st, (size_t)(end - st));
			tot += (uint32_t)(end - st);
		}
		struct dval *v = push(f);
		v->k = V_BYTES;
		v->prefix = IN_BUF;
		v->v.u = off;
		v->n = tot;
	}
}

static int find_bytes(const uint8_t *h, uint32_t nh, const uint8_t *nd, uint32_t nn)
{
	if (!nn)
		return 1;
	for (uint32_t i = 0; i + nn <= nh; i++)
		if (h[i] == nd[0] && !memcmp(h + i, nd, nn))
			return 1;
	return 0;
}

static int cmp_vals(const struct filter *f, int cat, const struct dval *x, const struct dval *y,
		    int *res)
{
	if (x->k == V_BOOL || y->k == V_BOOL) {
		int a = x->v.u != 0, b = y->v.u != 0;
		*res = a - b;
		return 0;
	}
	if ((x->k == V_UINT || x->k == V_INT) && (y->k == V_UINT || y->k == V_INT)) {
		if (x->k == V_UINT && y->k == V_UINT)
			*res = x->v.u < y->v.u ? -1 : x->v.u > y->v.u;
		else if (x->k == V_INT && y->k == V_INT)
			*res = x->v.i < y->v.i ? -1 : x->v.i > y->v.i;
		else if (x->k == V_INT) /* x signed, y unsigned */
			*res = x->v.i < 0 || (uint64_t)x->v.i < y->v.u ? -1
								       : (uint64_t)x->v.i > y->v.u;
		else
			*res = y->v.i < 0 || x->v.u > (uint64_t)y->v.i ? 1
			       : x->v.u < (uint64_t)y->v.i             ? -1
								       : 0;
		return 0;
	}
	if (x->k == V_DBL || y->k == V_DBL) {
		double a = x->k == V_DBL ? x->v.d : x->k == V_INT ? (double)x->v.i : (double)x->v.u;
		double b = y->k == V_DBL ? y->v.d : y->k == V_INT ? (double)y->v.i : (double)y->v.u;
		*res = a < b ? -1 : a > b;
		return 0;
	}
	if (x->k == V_TIME && y->k == V_TIME) {
		if (x->v.t.sec != y->v.t.sec)
			*res = x->v.t.sec < y->v.t.sec ? -1 : 1;
		else
			*res = x->v.t.nsec < y->v.t.nsec ? -1 : x->v.t.nsec > y->v.t.nsec;
		return 0;
	}
	if (x->k == y->k && (x->k == V_IP4 || x->k == V_IP6)) {
		int bits = x->prefix < y->prefix ? x->prefix : y->prefix;
		int nb = x->k == V_IP4 ? 4 : 16;
		for (int i = 0; i < nb; i++) {
			int keep = bits >= 8 ? 8 : bits > 0 ? bits : 0;
			bits -= keep;
			uint8_t m = (uint8_t)(keep ? 0xff << (8 - keep) : 0);
			int a = x->v.a[i] & m, b = y->v.a[i] & m;
			if (a != b) {
				*res = a < b ? -1 : 1;
				return 0;
			}
		}
		*res = 0;
		return 0;
	}
	uint32_t na, nb;
	const uint8_t *a = bytes_of(f, x, &na), *b = bytes_of(f, y, &nb);
	if (cat == C_STR) {
		uint32_t m = na < nb ? na : nb;
		int c = memcmp(a, b, m);
		*res = c ? (c < 0 ? -1 : 1) : na < nb ? -1 : na > nb;
		return 0;
	}
	if (na != nb) {
		*res = na < nb ? -1 : 1;
		return 0;
	}
	int c = na ? memcmp(a, b, na) : 0;
	*res = c < 0 ? -1 : c > 0;
	return 0;
}

static int test_pair(struct filter *f, const struct node *n, const struct dval *x,
		     const struct dval *y)
{
	int r;
	switch (n->op) {
	case T_CONTAINS: {
		uint32_t na, nb;
		const uint8_t *a = bytes_of(f, x, &na), *b = bytes_of(f, y, &nb);
		if (nb > na || !nb)
			return 0;
		return find_bytes(a, na, b, nb);
	}
	case T_MATCHES: {
		uint32_t na;
		const uint8_t *a = bytes_of(f, x, &na);
		return pcre2_match(n->re, a, na, 0, 0, n->md, NULL) >= 0;
	}
	default:
		cmp_vals(f, n->cat, x, y, &r);
		switch (n->op) {
		case T_EQ:
		case T_AEQ:
			return r == 0;
		case T_NE:
		case T_ANE:
			return r != 0;
		case T_GT:
			return r > 0;
		case T_GE:
			return r >= 0;
		case T_LT:
			return r < 0;
		case T_LE:
			return r <= 0;
		}
	}
	return 0;
}

static int arith(struct filter *f, const struct node *n, const struct dval *x, const struct dval *y,
		 struct dval *o)
{
	memset(o, 0, sizeof *o);
	int op = n->op;
	if (x->k == V_BYTES && op == T_BAND) { /* byte-wise, over the shorter length */
		uint32_t na, nb;
		size_t oa = copy_to_buf(f, x, &na), ob = copy_to_buf(f, y, &nb);
		uint32_t m = na < nb ? na : nb;
		size_t off = buf_reserve(f, m);
		for (uint32_t i = 0; i < m; i++)
			f->buf[off + i] = f->buf[oa + i] & f->buf[ob + i];
		o->k = V_BYTES;
		o->prefix = IN_BUF;
		o->v.u = off;
		o->n = m;
		return 0;
	}
	if ((x->k == V_IP4 || x->k == V_IP6) && x->k == y->k) {
		*o = *x;
		int nb = x->k == V_IP4 ? 4 : 16;
		for (int i = 0; i < nb; i++)
			o->v.a[i] = x->v.a[i] & y->v.a[i];
		return 0;
	}
	if (x->k == V_TIME && y->k == V_TIME) {
		int64_t a = x->v.t.sec * 1000000000 + x->v.t.nsec,
			b = y->v.t.sec * 1000000000 + y->v.t.nsec;
		int64_t s = op == T_PLUS ? a + b : a - b;
		o->k = V_TIME;
		o->v.t.sec = s / 1000000000;
		o->v.t.nsec = (int32_t)(s % 1000000000);
		return 0;
	}
	if (x->k == V_DBL || y->k == V_DBL) {
		double a = x->k == V_DBL ? x->v.d : x->k == V_INT ? (double)x->v.i : (double)x->v.u;
		double b = y->k == V_DBL ? y->v.d : y->k == V_INT ? (double)y->v.i : (double)y->v.u;
		o->k = V_DBL;
		switch (op) {
		case T_PLUS:
			o->v.d = a + b;
			break;
		case T_MINUS:
			o->v.d = a - b;
			break;
		case T_STAR:
			o->v.d = a * b;
			break;
		case T_SLASH:
			if (b == 0)
				return -1;
			o->v.d = a / b;
			break;
		default:
			return -1;
		}
		return 0;
	}
	if ((x->k == V_UINT || x->k == V_BOOL) && (y->k == V_UINT || y->k == V_BOOL)) {
		uint64_t a = x->v.u, b = y->v.u;
		o->k = V_UINT;
		switch (op) {
		case T_PLUS:
			o->v.u = a + b;
			break;
		case T_MINUS:
			if (b > a) {
				o->k = V_INT;
				o->v.i = (int64_t)(a - b);
			} else
				o->v.u = a - b;
			break;
		case T_STAR:
			o->v.u = a * b;
			break;
		case T_SLASH:
			if (!b)
				return -1;
			o->v.u = a / b;
			break;
		case T_PCT:
			if (!b)
				return -1;
			o->v.u = a % b;
			break;
		default:
			o->v.u = a & b;
		}
		return 0;
	}
	if ((x->k == V_INT || x->k == V_UINT) && (y->k == V_INT || y->k == V_UINT)) {
		int64_t a = x->v.i, b = y->v.i;
		o->k = V_INT;
		switch (op) {
		case T_PLUS:
			o->v.i = (int64_t)((uint64_t)a + (uint64_t)b);
			break;
		case T_MINUS:
			o->v.i = (int64_t)((uint64_t)a - (uint64_t)b);
			break;
		case T_STAR:
			o->v.i = (int64_t)((uint64_t)a * (uint64_t)b);
			break;
		case T_SLASH:
			if (!b || (a == INT64_MIN && b == -1))
				return -1;
			o->v.i = a / b;
			break;
		case T_PCT:
			if (!b || (a == INT64_MIN && b == -1))
				return -1;
			o->v.i = a % b;
			break;
		default:
			o->v.i = a & b;
		}
		return 0;
	}
	return -1;
}

static size_t fmt_val(struct filter *f, const struct dval *v, int ftype)
{
	char tmp[64];
	int w = 0;
	switch (v->k) {
	case V_UINT:
	case V_BOOL:
		w = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v->v.u);
		break;
	case V_INT:
		w = snprintf(tmp, sizeof tmp, "%lld", (long long)v->v.i);
		break;
	case V_DBL:
		w = snprintf(tmp, sizeof tmp, ftype == FT_FLOAT ? "%.9g" : "%.17g", v->v.d);
		break;
	case V_IP4:
		inet_ntop(AF_INET, v->v.a, tmp, sizeof tmp);
		w = (int)strlen(tmp);
		break;
	case V_IP6:
		inet_ntop(AF_INET6, v->v.a, tmp, sizeof tmp);
		w = (int)strlen(tmp);
		break;
	case V_TIME:
		w = snprintf(tmp, sizeof tmp, "%lld.%09d", (long long)v->v.t.sec, (int)v->v.t.nsec);
		break;
	case V_BYTES: {
		uint32_t n;
		size_t src = copy_to_buf(f, v, &n);
		size_t off = f->nbuf;
		int str = ftype >= FT_STRING && ftype <= FT_UINT_STRING;
		if (str) {
			size_t o = buf_reserve(f, n);
			memcpy(f->buf + o, f->buf + src, n);
		} else {
			static const char hx[] = "0123456789abcdef";
			for (uint32_t i = 0; i < n; i++) {
				size_t o = buf_reserve(f, i ? 3 : 2);
				uint8_t b = f->buf[src + i];
				if (i)
					f->buf[o++] = ':';
				f->buf[o] = (uint8_t)hx[b >> 4];
				f->buf[o + 1] = (uint8_t)hx[b & 15];
			}
		}
		return off;
	}
	}
	if (w < 0)
		w = 0;
	if (w >= (int)sizeof tmp)
		w = (int)sizeof tmp - 1;
	size_t o = buf_reserve(f, (size_t)w);
	memcpy(f->buf + o, tmp, (size_t)w);
	return o;
}

static void eval_func(struct filter *f, struct node *n)
{
	const struct fieldset *fs = f->fs;
	struct node *a = n->nargs ? n->args[0] : NULL;
	switch (n->fn) {
	case FN_COUNT: {
		uint64_t k = 0;
		for (int i = fs_first(fs, a->id); i >= 0; i = fs->items[i].next_same)
			if (layer_ok(a, fs, i))
				k++;
		if (k) {
			struct dval *v = push(f);
			v->k = V_UINT;
			v->v.u = k;
		}
		return;
	}
	case FN_LEN:
		if (a->t == N_FIELD && a->cat != C_BYTES && a->cat != C_STR) {
			for (int i = fs_first(fs, a->id); i >= 0; i = fs->items[i].next_same)
				if (layer_ok(a, fs, i)) {
					struct dval *v = push(f);
					v->k = V_UINT;
					v->v.u = fs->items[i].len;
				}
			return;
		}
		/* fallthrough */
	default:
		break;
	}
	size_t s0 = f->nvals, total = 0;
	for (int i = 0; i < n->nargs; i++) {
		size_t s, c;
		eval_list(f, n->args[i], &s, &c);
		total += c;
	}
	if (!total) {
		f->nvals = s0;
		return;
	}
	size_t end = f->nvals;
	if (n->fn == FN_MAX || n->fn == FN_MIN) {
		size_t best = s0;
		for (size_t i = s0 + 1; i < end; i++) {
			int r;
			cmp_vals(f, n->cat, &f->vals[i], &f->vals[best], &r);
			if ((n->fn == FN_MAX && r > 0) || (n->fn == FN_MIN && r < 0))
				best = i;
		}
		struct dval v = f->vals[best];
		f->vals[s0] = v;
		f->nvals = s0 + 1;
		return;
	}
	for (size_t i = s0; i < end; i++) {
		struct dval v = f->vals[i];
		struct dval *o = push(f);
		switch (n->fn) {
		case FN_LEN:
			o->k = V_UINT;
			bytes_of(f, &v, &o->n);
			o->v.u = o->n;
			o->n = 0;
			break;
		case FN_UPPER:
		case FN_LOWER: {
			uint32_t len;
			size_t src = copy_to_buf(f, &v, &len);
			for (uint32_t k = 0; k < len; k++) {
				int ch = f->buf[src + k];
				f->buf[src + k] =
				    (uint8_t)(n->fn == FN_UPPER ? toupper(ch) : tolower(ch));
			}
			o = &f->vals[f->nvals - 1];
			o->k = V_BYTES;
			o->prefix = IN_BUF;
			o->v.u = src;
			o->n = len;
			break;
		}
		case FN_STRING: {
			size_t off = fmt_val(f, &v, a->ftype);
			o = &f->vals[f->nvals - 1];
			o->k = V_BYTES;
			o->prefix = IN_BUF;
			o->v.u = off;
			o->n = (uint32_t)(f->nbuf - off);
			break;
		}
		case FN_ABS:
			*o = v;
			if (v.k == V_INT && v.v.i < 0)
				o->v.i = -v.v.i;
			else if (v.k == V_DBL && v.v.d < 0)
				o->v.d = -v.v.d;
			else if (v.k == V_TIME && (v.v.t.sec < 0 || v.v.t.nsec < 0)) {
				o->v.t.sec = -v.v.t.sec;
				o->v.t.nsec = -v.v.t.nsec;
			}
			break;
		}
	}
	/* move results down over the arguments */
	if (f->nvals > end)
		memmove(&f->vals[s0], &f->vals[end], (f->nvals - end) * sizeof *f->vals);
	f->nvals = s0 + (f->nvals - end);
}

/* Appends node n's values to f->vals: [*start, *start + *count). */
static void eval_list(struct filter *f, struct node *n, size_t *start, size_t *count)
{
	const struct fieldset *fs = f->fs;
	size_t s0 = f->nvals;
	*start = s0;
	switch (n->t) {
	case N_FIELD:
		for (int i = fs_first(fs, n->id); i >= 0; i = fs->items[i].next_same)
			if (layer_ok(n, fs, i))
				item_val(f, n, &fs->items[i]);
		break;
	case N_CONST:
		*push(f) = n->cv;
		break;
	case N_SLICE: {
		size_t s, c;
		eval_list(f, n->a, &s, &c);
		size_t mid = f->nvals;
		do_slice(f, n, s, c);
		if (f->nvals > mid)
			memmove(&f->vals[s0], &f->vals[mid], (f->nvals - mid) * sizeof *f->vals);
		f->nvals = s0 + (f->nvals - mid);
		break;
	}
	case N_FUNC:
		eval_func(f, n);
		break;
	case N_NEG: {
		size_t s, c;
		eval_list(f, n->a, &s, &c);
		for (size_t i = s; i < s + c; i++) {
			struct dval *v = &f->vals[i];
			if (v->k == V_UINT) {
				v->k = V_INT;
				v->v.i = -(int64_t)v->v.u;
			} else if (v->k == V_INT)
				v->v.i = -v->v.i;
			else if (v->k == V_DBL)
				v->v.d = -v->v.d;
			else if (v->k == V_TIME) {
				v->v.t.sec = -v->v.t.sec;
				v->v.t.nsec = -v->v.t.nsec;
			}
		}
		break;
	}
	case N_ARITH: {
		size_t sa, ca, sb, cb;
		eval_list(f, n->a, &sa, &ca);
		if (!ca)
			break;
		eval_list(f, n->b, &sb, &cb);
		size_t mid = f->nvals;
		for (size_t i = 0; i < ca; i++)
			for (size_t j = 0; j < cb; j++) {
				struct dval x = f->vals[sa + i], y = f->vals[sb + j], o;
				if (arith(f, n, &x, &y, &o) == 0)
					*push(f) = o;
			}
		if (f->nvals > mid)
			memmove(&f->vals[s0], &f->vals[mid], (f->nvals - mid) * sizeof *f->vals);
		f->nvals = s0 + (f->nvals - mid);
		break;
	}
	default: /* references: no selected packet in a batch run */
		break;
	}
	*count = f->nvals - s0;
}

static int eval_rel(struct filter *f, struct node *n)
{
	size_t sa, ca, sb, cb;
	eval_list(f, n->a, &sa, &ca);
	if (!ca)
		return 0;
	if (n->op == T_MATCHES) {
		for (size_t i = 0; i < ca; i++)
			if (test_pair(f, n, &f->vals[sa + i], NULL))
				return 1;
		return 0;
	}
	eval_list(f, n->b, &sb, &cb);
	if (!cb)
		return 0;
	int all = n->quant ? n->quant == T_ALL : n->op == T_NE || n->op == T_AEQ;
	for (size_t i = 0; i < ca; i++)
		for (size_t j = 0; j < cb; j++) {
			int r = test_pair(f, n, &f->vals[sa + i], &f->vals[sb + j]);
			if (all && !r)
				return 0;
			if (!all && r)
				return 1;
		}
	return all;
}

static int eval_in(struct filter *f, struct node *n)
{
	size_t sa, ca;
	eval_list(f, n->a, &sa, &ca);
	if (!ca)
		return 0;
	int all = n->quant == T_ALL;
	for (size_t i = 0; i < ca; i++) {
		int hit = 0;
		for (int e = 0; e < n->nargs && !hit; e += 2) {
			size_t sl, cl;
			size_t mark = f->nvals;
			eval_list(f, n->args[e], &sl, &cl);
			for (size_t k = 0; k < cl && !hit; k++) {
				int r;
				cmp_vals(f, n->cat, &f->vals[sa + i], &f->vals[sl + k], &r);
				if (!n->args[e + 1]) {
					hit = r == 0;
					continue;
				}
				if (r < 0)
					continue;
				size_t sh, ch;
				eval_list(f, n->args[e + 1], &sh, &ch);
				for (size_t m = 0; m < ch && !hit; m++) {
					cmp_vals(f, n->cat, &f->vals[sa + i], &f->vals[sh + m], &r);
					hit = r <= 0;
				}
			}
			f->nvals = mark;
		}
		if (all && !hit)
			return 0;
		if (!all && hit)
			return 1;
	}
	return all;
}

static int truthy(const struct filter *f, const struct dval *v, int arith)
{
	switch (v->k) {
	case V_BYTES:
		if (arith) { /* a bitwise and of bytes is true when some bit survives */
			uint32_t n;
			const uint8_t *p = bytes_of(f, v, &n);
			for (uint32_t i = 0; i < n; i++)
				if (p[i])
					return 1;
			return 0;
		}
		return v->n != 0;
	case V_DBL:
		return v->v.d != 0;
	case V_TIME:
		return v->v.t.sec || v->v.t.nsec;
	case V_IP4:
	case V_IP6: {
		uint32_t n;
		const uint8_t *p = bytes_of(f, v, &n);
		for (uint32_t i = 0; i < n; i++)
			if (p[i])
				return 1;
		return 0;
	}
	default:
		return v->v.u != 0;
	}
}

int df_eval(struct filter *f, struct node *n)
{
	switch (n->t) {
	case N_AND:
		return df_eval(f, n->a) && df_eval(f, n->b);
	case N_OR:
		return df_eval(f, n->a) || df_eval(f, n->b);
	case N_NOT:
		return !df_eval(f, n->a);
	case N_EXISTS: {
		const struct node *a = n->a;
		for (int i = fs_first(f->fs, a->id); i >= 0; i = f->fs->items[i].next_same)
			if (layer_ok(a, f->fs, i))
				return 1;
		return 0;
	}
	case N_TRUTH: {
		size_t s, c, mark = f->nvals;
		eval_list(f, n->a, &s, &c);
		int r = 0;
		for (size_t i = s; i < s + c && !r; i++)
			r = truthy(f, &f->vals[i], n->a->t == N_ARITH);
		f->nvals = mark;
		return r;
	}
	case N_REL: {
		size_t mark = f->nvals;
		int r = eval_rel(f, n);
		f->nvals = mark;
		return r;
	}
	case N_IN: {
		size_t mark = f->nvals;
		int r = eval_in(f, n);
		f->nvals = mark;
		return r;
	}
	default:
		return 0;
	}
}
