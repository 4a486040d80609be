/*
** esp.c -- IPsec ESP per security association (SPI, source, destination):
** sequence gaps (loss), late packets (reordering), duplicates (seed 004).
**
** The sender numbers packets 1, 2, 3, ... per SA.  A jump ahead counts the
** skipped numbers as lost; a packet below the highest seen either fills one
** of those holes (late: reordered, and one fewer lost) or repeats a number
** already seen (duplicate).  A 1024-bit window behind the highest number
** tells the two apart, like an anti-replay window; anything older is "late".
*/
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "../stats/stats_int.h"
#include "report.h"

#define WIN 1024

struct esp_key {
	struct address src, dst;
	uint32_t spi;
};

struct sa {
	struct esp_key key;
	int64_t first_ns, last_ns;
	uint64_t pkts, bytes;
	uint32_t first_seq, max_seq;
	int64_t lost; /* holes not (yet) filled */
	uint64_t early, late, dup, max_gap;
	uint64_t seen[WIN / 64]; /* bit (seq % WIN): seen, for seq in (max-WIN, max] */
};

struct per_s {
	uint32_t sa;
	int64_t k;
	uint64_t pkts, bytes, late, dup;
	int64_t lost;
};

struct esp {
	int64_t w;
	struct htab sas, secs;
};

struct esp *esp_new(int64_t width_ns)
{
	struct esp *e = xcalloc(1, sizeof *e);
	e->w = width_ns > 0 ? width_ns : 1000000000LL;
	htab_init(&e->sas, sizeof(struct sa), sizeof(struct esp_key));
	htab_init(&e->secs, sizeof(struct per_s), offsetof(struct per_s, pkts));
	return e;
}

void esp_free(struct esp *e)
{
	if (!e)
		return;
	htab_free(&e->sas);
	htab_free(&e->secs);
	free(e);
}

static int bit(const struct sa *s, uint32_t q)
{
	return (s->seen[(q % WIN) / 64] >> (q % 64)) & 1;
}
static void set_bit(struct sa *s, uint32_t q)
{
	s->seen[(q % WIN) / 64] |= 1ULL << (q % 64);
}
static void clear_bit(struct sa *s, uint32_t q)
{
	s->seen[(q % WIN) / 64] &= ~(1ULL << (q % 64));
}

void esp_add(struct esp *e, const struct pinfo *pi, struct esp_delta *ed)
{
	memset(ed, 0, sizeof *ed);
	if (!pi->has_esp)
		return;
	struct esp_key k;
	memset(&k, 0, sizeof k);
	k.src = pi->src;
	k.dst = pi->dst;
	k.spi = pi->esp_spi;
	int isnew;
	struct sa *s = htab_get(&e->sas, &k, &isnew);
	uint32_t q = pi->esp_seq;
	int64_t dlost = 0;
	uint64_t dlate = 0, ddup = 0;
	if (isnew) {
		s->first_ns = s->last_ns = pi->ts_ns;
		s->first_seq = s->max_seq = q;
		set_bit(s, q);
	} else if (q > s->max_seq) {
		uint64_t gap = (uint64_t)q - s->max_seq - 1;
		if (gap) {
			dlost = (int64_t)gap;
			s->early++;
			if (gap > s->max_gap)
				s->max_gap = gap;
		}
		/* slide the window: numbers skipped over start as unseen */
		uint64_t steps = (uint64_t)q - s->max_seq;
		if (steps >= WIN)
			memset(s->seen, 0, sizeof s->seen);
		else
			for (uint32_t x = s->max_seq + 1; x != q; x++)
				clear_bit(s, x);
		s->max_seq = q;
		set_bit(s, q);
	} else if (s->max_seq - q < WIN && bit(s, q)) {
		ddup = 1;
	} else {
		dlate = 1;
		dlost = -1;
		if (s->max_seq - q < WIN)
			set_bit(s, q);
	}
	s->pkts++;
	s->bytes += pi->len;
	s->lost += dlost;
	s->late += dlate;
	s->dup += ddup;
	if (pi->ts_ns < s->first_ns)
		s->first_ns = pi->ts_ns;
	if (pi->ts_ns > s->last_ns)
		s->last_ns = pi->ts_ns;
	uint32_t idx =
	    (uint32_t)(((const char *)s - (const char *)htab_rec(&e->sas, 0)) / sizeof *s);
	struct per_s key;
	memset(&key, 0, sizeof key);
	key.sa = idx;
	key.k = pi->rel_ns / e->w; /* truncated like intervals: early frames join interval 0 */
	struct per_s *p = htab_get(&e->secs, &key, &isnew);
	p->pkts++;
	p->bytes += pi->len;
	p->lost += dlost;
	p->late += dlate;
	p->dup += ddup;
	ed->lost = dlost;
	ed->late = (uint32_t)dlate;
	ed->dup = (uint32_t)ddup;
}

enum {
	A_SPI,
	A_SRC,
	A_DST,
	A_FIRST,
	A_LAST,
	A_PKTS,
	A_BYTES,
	A_FSEQ,
	A_LSEQ,
	A_LOST,
	A_EARLY,
	A_LATE,
	A_DUP,
	A_GAP,
	A_COUNT
};
static const struct tcol sa_cols[A_COUNT] = {
    {"spi", COL_STRING},     {"src", COL_ADDR},     {"dst", COL_ADDR},   {"first_ts", COL_TIME},
    {"last_ts", COL_TIME},   {"packets", COL_UINT}, {"bytes", COL_UINT}, {"first_seq", COL_UINT},
    {"last_seq", COL_UINT},  {"lost", COL_INT},     {"early", COL_UINT}, {"late", COL_UINT},
    {"duplicate", COL_UINT}, {"max_gap", COL_UINT},
};
enum { P_SPI, P_SRC, P_DST, P_START, P_TS, P_PKTS, P_BYTES, P_LOST, P_LATE, P_DUP, P_COUNT };
static const struct tcol ps_cols[P_COUNT] = {
    {"spi", COL_STRING}, {"src", COL_ADDR},
    {"dst", COL_ADDR},   {"interval_start", COL_DOUBLE},
    {"ts", COL_TIME},    {"packets", COL_UINT},
    {"bytes", COL_UINT}, {"lost", COL_INT},
    {"late", COL_UINT},  {"duplicate", COL_UINT},
};

static int cmp_ps(const void *a, const void *b)
{
	const struct per_s *x = a, *y = b;
	if (x->sa != y->sa)
		return x->sa < y->sa ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

static void key_cols(struct table *t, const struct esp_key *k, int c0)
{
	char b[64];
	snprintf(b, sizeof b, "0x%08x", k->spi);
	table_set_str(t, c0, b);
	table_set_str(t, c0 + 1, k->src.type ? addr_to_str(&k->src, b, sizeof b) : NULL);
	table_set_str(t, c0 + 2, k->dst.type ? addr_to_str(&k->dst, b, sizeof b) : NULL);
}

void esp_tables(const struct esp *e, int64_t first_ns, struct table *sa, struct table *per)
{
	table_init(sa, "esp", sa_cols, A_COUNT);
	for (uint32_t i = 0; i < e->sas.n; i++) {
		const struct sa *s = htab_rec(&e->sas, i);
		table_row(sa);
		key_cols(sa, &s->key, A_SPI);
		table_set_time(sa, A_FIRST, s->first_ns);
		table_set_time(sa, A_LAST, s->last_ns);
		table_set_uint(sa, A_PKTS, s->pkts);
		table_set_uint(sa, A_BYTES, s->bytes);
		table_set_uint(sa, A_FSEQ, s->first_seq);
		table_set_uint(sa, A_LSEQ, s->max_seq);
		table_set_int(sa, A_LOST, s->lost);
		table_set_uint(sa, A_EARLY, s->early);
		table_set_uint(sa, A_LATE, s->late);
		table_set_uint(sa, A_DUP, s->dup);
		table_set_uint(sa, A_GAP, s->max_gap);
	}
	table_init(per, "esp_intervals", ps_cols, P_COUNT);
	uint32_t n = e->secs.n;
	struct per_s *v = xmalloc((size_t)(n ? n : 1) * sizeof *v);
	for (uint32_t i = 0; i < n; i++)
		v[i] = *(const struct per_s *)htab_rec(&e->secs, i);
	qsort(v, n, sizeof *v, cmp_ps);
	for (uint32_t i = 0; i < n; i++) {
		const struct sa *s = htab_rec(&e->sas, v[i].sa);
		table_row(per);
		key_cols(per, &s->key, P_SPI);
		table_set_double(per, P_START, (double)(v[i].k * e->w) / 1e9);
		table_set_time(per, P_TS, first_ns + v[i].k * e->w);
		table_set_uint(per, P_PKTS, v[i].pkts);
		table_set_uint(per, P_BYTES, v[i].bytes);
		table_set_int(per, P_LOST, v[i].lost);
		table_set_uint(per, P_LATE, v[i].late);
		table_set_uint(per, P_DUP, v[i].dup);
	}
	free(v);
}
