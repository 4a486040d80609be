/*
** app_util.c -- see app_util.h.
*/
#include "app_util.h"

#include <string.h>

static size_t put_bytes(char *dst, size_t cap, size_t k, const char *s, size_t n)
{
	if (cap == 0 || k + n >= cap)
		return k;
	memcpy(dst + k, s, n);
	return k + n;
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static size_t utf8_seq(const uint8_t *p, size_t n)
{
	uint8_t c = p[0];
	size_t len;
	uint32_t min;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	uint32_t cp = c & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* Are all eight bytes of w printable ASCII (0x20..0x7e)?  Never yes when one is not. */
static inline int all_printable(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t below = (w - 0x20 * ones) & ~w; /* some high bit set: a byte < 0x20 */
	uint64_t del = ((w ^ 0x7f * ones) - ones) & ~(w ^ 0x7f * ones); /* likewise: a 0x7f byte */
	return ((w | below | del) & highs) == 0;
}

size_t app_fmt_text(char *dst, size_t cap, const uint8_t *p, size_t n)
{
	size_t k = 0;
	if (cap == 0)
		return 0;
	for (size_t i = 0; i < n && k + 1 < cap;) {
		/* eight printable bytes at a time: request lines and headers are mostly that */
		if (i + 8 <= n && k + 8 < cap) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if (all_printable(w)) {
				memcpy(dst + k, &w, 8);
				i += 8;
				k += 8;
				continue;
			}
		}
		uint8_t c = p[i];
		if (c >= 0x20 && c < 0x7f) {
			dst[k++] = (char)c;
			i++;
			continue;
		}
		if (c < 0x80) {
			char esc[5];
			const char *e = NULL;
			switch (c) {
			case '\a':
				e = "\\a";
				break;
			case '\b':
				e = "\\b";
				break;
			case '\f':
				e = "\\f";
				break;
			case '\n':
				e = "\\n";
				break;
			case '\r':
				e = "\\r";
				break;
			case '\t':
				e = "\\t";
				break;
			case '\v':
				e = "\\v";
				break;
			default:
				esc[0] = '\\';
				esc[1] = (char)('0' + ((c >> 6) & 7));
				esc[2] = (char)('0' + ((c >> 3) & 7));
				esc[3] = (char)('0' + (c & 7));
				esc[4] = 0;
				e = esc;
			}
			k = put_bytes(dst, cap, k, e, strlen(e));
			i++;
			continue;
		}
		size_t l = utf8_seq(p + i, n - i);
		if (l == 0) {
			k = put_bytes(dst, cap, k, "\xef\xbf\xbd", 3);
			i++;
		} else {
			k = put_bytes(dst, cap, k, (const char *)p + i, l);
			i += l;
		}
	}
	dst[k] = 0;
	return k;
}

long app_line_end(const uint8_t *p, uint32_t n, uint32_t *next)
{
	/* the first CR or LF, found with memchr (every line of every text protocol) */
	const uint8_t *lf = n ? memchr(p, '\n', n) : NULL;
	uint32_t lim = lf ? (uint32_t)(lf - p) : n;
	const uint8_t *cr = lim ? memchr(p, '\r', lim) : NULL;
	if (cr) {
		uint32_t i = (uint32_t)(cr - p);
		*next = i + 1 < n && p[i + 1] == '\n' ? i + 2 : i + 1;
		return (long)i;
	}
	if (lf) {
		*next = lim + 1;
		return (long)lim;
	}
	*next = n;
	return -1;
}

int app_header_next(const uint8_t *p, uint32_t n, uint32_t *off, struct app_header *h)
{
	if (*off >= n)
		return -1;
	const uint8_t *l = p + *off;
	uint32_t size;
	long len = app_line_end(l, n - *off, &size);
	if (len < 0)
		return -1;
	if (len == 0) {
		*off += size;
		return 0;
	}
	/* memchr: a byte loop to the colon was a third of every header line */
	const uint8_t *colon = memchr(l, ':', (size_t)len);
	uint32_t c = colon ? (uint32_t)(colon - l) : (uint32_t)len, v;
	for (v = c + 1; v < (uint32_t)len && (l[v] == ' ' || l[v] == '\t'); v++)
		;
	*h = (struct app_header){*off, (uint32_t)len, size, c, v};
	*off += size;
	return 1;
}

int app_is_upper_token(const uint8_t *p, uint32_t n)
{
	if (n == 0)
		return 0;
	for (uint32_t i = 0; i < n; i++)
		if (!((p[i] >= 'A' && p[i] <= 'Z') || p[i] == '-' || p[i] == '_'))
			return 0;
	return 1;
}

/* --- per-conversation state ------------------------------------------- */

#include <stdlib.h>

#include "../core/util.h"
#include "../core/field.h"
#include "dissect.h"

struct conv_key {
	uint8_t type, ptype;
	uint16_t pa, pb;
	uint8_t a[16], b[16];
	uint16_t pad; /* zero: the key is five whole words for conv_hash */
};

/* A conversation looked up lately, as the packet saw it (either direction). */
struct conv_memo {
	struct address s, d;
	uint16_t sp, dp;
	uint8_t ptype, dir, valid;
	uint32_t slot; /* MEMO_ABSENT: not in the map (an insert replaces the entry) */
};

#define MEMO_N      16 /* direct-mapped by a hash the same both ways (memo_index) */
#define MEMO_ABSENT UINT32_MAX
#define SEEN_BITS   4096 /* port-pair filter: a few dozen bytes of a map per conversation kind */

struct conv_map {
	size_t vsize;
	uint32_t cap, n; /* cap is a power of two */
	struct conv_key *keys;
	uint8_t *used;
	uint8_t *vals;
	struct conv_memo memo[MEMO_N];
	/*
	 * A bit per hash of the port pair of every key (seen_bit): most lookups
	 * that may not create ask a map that cannot hold the conversation (a
	 * port dissector's binding, a heuristic's own state), and the filter
	 * says so before the memo compares addresses.
	 */
	uint64_t seen[SEEN_BITS / 64];
};

static void *conv_make(void)
{
	return xcalloc(1, sizeof(struct conv_map));
}

static void conv_destroy(void *p)
{
	struct conv_map *m = p;
	free(m->keys);
	free(m->used);
	free(m->vals);
	free(m);
}

/*
** A word at a time: every TCP payload looks its conversation up in several
** maps (port binding, then each heuristic's state), and a byte-wise hash
** of the 40-byte key was most of app_conv's cost.
*/
static uint32_t conv_hash(const struct conv_key *k)
{
	_Static_assert(sizeof(struct conv_key) == 40, "conv_key is five words");
	uint64_t w[5];
	memcpy(w, k, sizeof w);
	uint64_t h = 0;
	for (int i = 0; i < 5; i++) {
		h = (h ^ w[i]) * 0x9e3779b97f4a7c15u;
		h ^= h >> 29;
	}
	return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

static void conv_grow(struct conv_map *m)
{
	uint32_t ncap = m->cap ? m->cap * 2 : 64;
	struct conv_key *nk = xcalloc(ncap, sizeof *nk);
	uint8_t *nu = xcalloc(ncap, 1);
	uint8_t *nv = xcalloc(ncap, m->vsize);
	for (uint32_t i = 0; i < m->cap; i++) {
		if (!m->used[i])
			continue;
		uint32_t j = conv_hash(&m->keys[i]) & (ncap - 1);
		while (nu[j])
			j = (j + 1) & (ncap - 1);
		nu[j] = 1;
		nk[j] = m->keys[i];
		memcpy(nv + (size_t)j * m->vsize, m->vals + (size_t)i * m->vsize, m->vsize);
	}
	free(m->keys);
	free(m->used);
	free(m->vals);
	m->keys = nk;
	m->used = nu;
	m->vals = nv;
	m->cap = ncap;
	memset(m->memo, 0, sizeof m->memo); /* slots moved */
}

/*
** addr_cmp's sign: IPv4 and IPv6 addresses as big-endian words, and the
** copies with fixed sizes, which the compiler inlines (calls to memcmp and
** memcpy of a variable length were a third of every lookup).
*/
static int addr_order(const struct address *s, const struct address *d)
{
	if (s->type != d->type || s->len != d->len || (s->len != 4 && s->len != 16))
		return addr_cmp(s, d);
	uint64_t a, b;
	if (s->len == 4) {
		a = (uint32_t)s->a[0] << 24 | (uint32_t)s->a[1] << 16 | (uint32_t)s->a[2] << 8 |
		    s->a[3];
		b = (uint32_t)d->a[0] << 24 | (uint32_t)d->a[1] << 16 | (uint32_t)d->a[2] << 8 |
		    d->a[3];
	} else {
		a = load_be64(s->a), b = load_be64(d->a);
		if (a == b)
			a = load_be64(s->a + 8), b = load_be64(d->a + 8);
	}
	return a < b ? -1 : a > b;
}

static void addr_copy(uint8_t *to, const struct address *a)
{
	if (a->len == 4)
		memcpy(to, a->a, 4);
	else if (a->len == 16)
		memcpy(to, a->a, 16);
	else
		memcpy(to, a->a, a->len);
}

static inline int same_addr(const struct address *x, const struct address *y)
{
	if (x->type != y->type || x->len != y->len)
		return 0;
	if (x->len == 4) {
		uint32_t u, v;
		memcpy(&u, x->a, 4);
		memcpy(&v, y->a, 4);
		return u == v;
	}
	if (x->len == 16)
		return memcmp(x->a, y->a, 16) == 0;
	return memcmp(x->a, y->a, x->len) == 0;
}

/* by the ports alone: cheap, the same both ways, and clients' ports vary */
static inline unsigned memo_index(const struct packet *pk)
{
	unsigned h = (unsigned)(pk->srcport ^ pk->dstport);
	return (h ^ h >> 4 ^ h >> 8) & (MEMO_N - 1);
}

/*
** The memo's answer for the packet's conversation: its slot, MEMO_ABSENT,
** or -1 (not remembered).  Segments of a conversation come in runs among a
** few others, and building, hashing and comparing the 40-byte key (mostly
** to find nothing, for the port bindings) was most of every lookup.
*/
static inline int64_t memo_find(const struct conv_map *m, const struct packet *pk, int *dir)
{
	const struct conv_memo *c = &m->memo[memo_index(pk)];
	if (!c->valid || c->ptype != pk->ptype)
		return -1;
	if (c->sp == pk->srcport && c->dp == pk->dstport && same_addr(&c->s, &pk->net_src) &&
	    same_addr(&c->d, &pk->net_dst)) {
		*dir = c->dir;
		return c->slot;
	}
	if (c->sp == pk->dstport && c->dp == pk->srcport && same_addr(&c->s, &pk->net_dst) &&
	    same_addr(&c->d, &pk->net_src)) {
		*dir = !c->dir;
		return c->slot;
	}
	return -1;
}

static void *memo_keep(struct conv_map *m, const struct packet *pk, int dir, uint32_t slot)
{
	struct conv_memo *c = &m->memo[memo_index(pk)];
	c->s = pk->net_src;
	c->d = pk->net_dst;
	c->sp = pk->srcport;
	c->dp = pk->dstport;
	c->ptype = (uint8_t)pk->ptype;
	c->dir = (uint8_t)dir;
	c->slot = slot;
	c->valid = 1;
	return slot == MEMO_ABSENT ? NULL : m->vals + (size_t)slot * m->vsize;
}

/* by the ports: the same both ways */
static inline unsigned seen_bit(const struct packet *pk)
{
	return (unsigned)(pk->srcport ^ pk->dstport) * 0x9e3779b1u >> 20;
}

static inline int seen_maybe(const struct conv_map *m, const struct packet *pk)
{
	unsigned b = seen_bit(pk);
	return (int)(m->seen[b / 64] >> (b % 64) & 1);
}

/* by the key: not inlined, so the memo's hits stay a short call */
static __attribute__((noinline)) void *conv_find(struct conv_map *m, struct packet *pk, int create,
						 int *dir)
{
	struct conv_key k;
	memset(&k, 0, sizeof k);
	const struct address *s = &pk->net_src, *d = &pk->net_dst;
	int c = addr_order(s, d);
	if (c == 0)
		c = pk->srcport < pk->dstport ? -1 : pk->srcport > pk->dstport ? 1 : 0;
	*dir = c > 0;
	if (!m->n && !create)
		return NULL; /* nothing to find: no key to make */
	if (c > 0) {
		const struct address *t = s;
		s = d;
		d = t;
	}
	k.type = s->type;
	k.ptype = pk->ptype;
	addr_copy(k.a, s);
	addr_copy(k.b, d);
	k.pa = c > 0 ? pk->dstport : pk->srcport;
	k.pb = c > 0 ? pk->srcport : pk->dstport;
	if (m->cap) {
		uint32_t j = conv_hash(&k) & (m->cap - 1);
		while (m->used[j]) {
			if (memcmp(&m->keys[j], &k, sizeof k) == 0)
				return memo_keep(m, pk, *dir, j);
			j = (j + 1) & (m->cap - 1);
		}
	}
	if (!create)
		return memo_keep(m, pk, *dir, MEMO_ABSENT);
	if ((m->n + 1) * 4 > m->cap * 3)
		conv_grow(m);
	uint32_t j = conv_hash(&k) & (m->cap - 1);
	while (m->used[j])
		j = (j + 1) & (m->cap - 1);
	m->used[j] = 1;
	m->keys[j] = k;
	m->n++;
	unsigned b = seen_bit(pk);
	m->seen[b / 64] |= (uint64_t)1 << (b % 64);
	return memo_keep(m, pk, *dir, j);
}

void *app_conv(struct packet *pk, int proto_id, size_t vsize, int create, int *dir)
{
	struct conv_map *m = dissect_state(pk, proto_id, conv_make, conv_destroy);
	if (!m->vsize)
		m->vsize = vsize;
	if (!create && !seen_maybe(m, pk))
		return NULL;
	int64_t hit = memo_find(m, pk, dir);
	if (hit == MEMO_ABSENT && !create)
		return NULL;
	if (hit >= 0 && hit != MEMO_ABSENT)
		return m->vals + (size_t)hit * m->vsize;
	return conv_find(m, pk, create, dir);
}

struct conv_binding {
	const struct dissector *d;
};

/* Bindings live in their own state slot, past every field id. */
static int binding_key(void)
{
	return field_count();
}

void app_conv_bind(struct packet *pk, const struct dissector *d)
{
	int dir;
	struct conv_binding *b = app_conv(pk, binding_key(), sizeof *b, 1, &dir);
	b->d = d;
}

const struct dissector *app_conv_redirect(struct packet *pk, const struct dissector *self)
{
	int dir;
	struct conv_binding *b = app_conv(pk, binding_key(), sizeof *b, 0, &dir);
	return b && b->d && b->d != self ? b->d : NULL;
}
