/*
** stats.c -- the list of -z modules of a run, and what they share.
*/
#include "stats.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/util.h"
#include "numfmt.h"
#include "stats_int.h"

struct stats_mod {
	const struct stats_ops *ops;
	void *st;
	int8_t pre; /* ops->pre's answer, asked once (it is fixed once the module is set up); -1:
		       not yet */
};

struct stats {
	struct stats_mod *mods;
	int32_t n, cap;
	struct stats_run run;
};

struct stats *stats_new(void)
{
	return xcalloc(1, sizeof(struct stats));
}

int stats_time_format_parse(const char *t)
{
	static const char *const names[] = {"r", "a", "ad", "adoy", "u", "ud", "udoy", "e"};
	for (int i = 0; i < (int)ARRAY_LEN(names); i++)
		if (!strcmp(t, names[i]))
			return i;
	if (!strcmp(t, "d") || !strcmp(t, "dd"))
		return STF_DELTA;
	return -1;
}

int stats_set_time_format(struct stats *s, int tf, char *err, size_t n)
{
	int has_iostat = 0;
	for (int i = 0; i < s->n; i++)
		has_iostat |= !strcmp(s->mods[i].ops->name, "io,stat");
	if ((tf == STF_EPOCH || tf == STF_DELTA) && has_iostat) {
		snprintf(err, n,
			 "invalid -t operand. io,stat only supports -t <r|a|ad|adoy|u|ud|udoy>");
		return -1;
	}
	s->run.time_format = tf == STF_DELTA ? STF_RELATIVE : tf;
	return 0;
}

void stats_abs_time(char *buf, size_t n, int64_t sec, int time_format)
{
	time_t t = (time_t)sec;
	struct tm tm;
	int utc = time_format >= STF_UTC;
	if (!(utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm))) {
		snprintf(buf, n, "?");
		return;
	}
	switch (time_format) {
	case STF_ABS_DATE:
	case STF_UTC_DATE:
		strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm);
		break;
	case STF_ABS_DOY:
	case STF_UTC_DOY:
		snprintf(buf, n, "%04d/%03d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_yday + 1,
			 tm.tm_hour, tm.tm_min, tm.tm_sec);
		break;
	default:
		strftime(buf, n, "%H:%M:%S", &tm);
		break;
	}
}

void stats_attach(struct stats *s, const struct stats_ops *ops, void *st)
{
	xgrow(&s->mods, &s->cap, s->n + 1, sizeof *s->mods);
	s->mods[s->n].ops = ops;
	s->mods[s->n].st = st;
	s->mods[s->n].pre = -1;
	s->n++;
}

int stats_count(const struct stats *s)
{
	return s ? s->n : 0;
}

static void run_packet(struct stats *s, const struct packet *pk);

static __attribute__((noinline)) void packet_all(struct stats *s, const struct packet *pk)
{
	const struct stats_mod *m = s->mods, *end = m + s->n;
	for (; m < end; m++)
		m->ops->packet(m->st, pk);
}

void stats_packet(struct stats *s, const struct packet *pk)
{
	run_packet(s, pk);
	if (s->n == 1) /* the usual single -z: a tail call, no loop to keep registers for */
		s->mods[0].ops->packet(s->mods[0].st, pk);
	else
		packet_all(s, pk);
}

int stats_end(struct stats *s, FILE *out)
{
	int refused = 0;
	/* tshark registers taps at the head of its list: the last -z prints first */
	for (int i = s->n - 1; i >= 0; i--) {
		const struct stats_mod *m = &s->mods[i];
		char err[512];
		if (m->ops->refuse && m->ops->refuse(m->st, &s->run, err, sizeof err)) {
			fflush(out);
			fprintf(stderr, "wiresift: %s\n", err);
			refused = 1;
			continue;
		}
		m->ops->print(m->st, out, &s->run);
	}
	fflush(out);
	return refused;
}

static int is_pre(const struct stats_mod *m)
{
	return m->ops->pre && m->ops->pre(m->st);
}

int stats_expert_alone(const struct stats *s)
{
	return s->n == 1 && !strcmp(s->mods[0].ops->name, "expert") &&
	       !expert_stats_filtered(s->mods[0].st);
}

int stats_mergeable(const struct stats *s)
{
	if (zfilter_uses_streams())
		return 0;
	for (int i = 0; i < s->n; i++)
		if (!s->mods[i].ops->merge && !is_pre(&s->mods[i]))
			return 0;
	return 1;
}

int stats_needs_no_dissection(const struct stats *s)
{
	for (int i = 0; i < s->n; i++)
		if (!is_pre(&s->mods[i]))
			return 0;
	return s->n > 0;
}

static void run_packet(struct stats *s, const struct packet *pk)
{
	if (!s->run.nframes) {
		s->run.first_sec = pk->sec;
		s->run.first_nsec = pk->nsec;
	}
	s->run.nframes++;
	int64_t rel = pk_rel_ns(pk);
	/* tshark's duration is the largest relative time seen, not the last one */
	if (rel > s->run.last_rel_ns)
		s->run.last_rel_ns = rel;
}

/* is_pre, asked once per module: the split calls come every frame */
static inline int pre_of(struct stats_mod *m)
{
	if (m->pre < 0)
		m->pre = (int8_t)is_pre(m);
	return m->pre;
}

void stats_packet_pre(struct stats *s, const struct packet *pk)
{
	run_packet(s, pk);
	if (s->n == 1 && !pre_of(&s->mods[0])) /* conv, expert...: nothing before dissection */
		return;
	for (int i = 0; i < s->n; i++)
		if (pre_of(&s->mods[i]))
			s->mods[i].ops->packet(s->mods[i].st, pk);
}

void stats_packet_post(struct stats *part, const struct packet *pk)
{
	if (part->n == 1) { /* the usual single -z (stats_packet) */
		if (!pre_of(&part->mods[0]))
			part->mods[0].ops->packet(part->mods[0].st, pk);
		return;
	}
	for (int i = 0; i < part->n; i++)
		if (!pre_of(&part->mods[i]))
			part->mods[i].ops->packet(part->mods[i].st, pk);
}

void stats_merge(struct stats *s, struct stats *const *parts, int nparts)
{
	void **sts = xmalloc((size_t)(nparts ? nparts : 1) * sizeof *sts);
	for (int i = 0; i < s->n; i++) {
		if (is_pre(&s->mods[i]))
			continue;
		for (int p = 0; p < nparts; p++)
			sts[p] = parts[p]->mods[i].st;
		s->mods[i].ops->merge(s->mods[i].st, sts, nparts);
	}
	free(sts);
}

void stats_free(struct stats *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n; i++)
		s->mods[i].ops->destroy(s->mods[i].st);
	free(s->mods);
	free(s);
	zfilter_release_all(); /* filter */
}

int conv_type_parse(const char *name, size_t len)
{
	static const char *const names[CT_COUNT] = {"eth", "ip", "ipv6", "tcp", "udp"};
	for (int i = 0; i < CT_COUNT; i++)
		if (strlen(names[i]) == len && !memcmp(names[i], name, len))
			return i;
	return -1;
}

char *format_size_put(char *p, uint64_t n, int unit)
{
	static const struct {
		uint64_t div;
		char prefix;
	} steps[] = {
	    {1000000000000ULL, 'T'},
	    {1000000000ULL, 'G'},
	    {1000000ULL, 'M'},
	    {1000ULL, 'k'},
	};
	static const char *const plain[] = {"", " bytes", " bytes/s", " bits/s", " packets/s"};
	static const char *const suffix[] = {"", "B", "Bps", "bps", "packets/s"};
	const char *tail = plain[unit];
	size_t i = 0;
	while (i < ARRAY_LEN(steps) && n / steps[i].div < 10)
		i++;
	if (i < ARRAY_LEN(steps)) {
		p = nf_u64(p, n / steps[i].div);
		*p++ = ' ';
		*p++ = steps[i].prefix;
		tail = suffix[unit];
	} else {
		p = nf_u64(p, n);
	}
	size_t tl = strlen(tail);
	memcpy(p, tail, tl);
	return p + tl;
}

size_t format_size(uint64_t n, int unit, char *buf, size_t len)
{
	/* three per conversation row: without snprintf, whose cut at len it keeps */
	char t[48];
	size_t w = (size_t)(format_size_put(t, n, unit) - t);
	if (!len)
		return 0;
	if (w >= len)
		w = len - 1;
	memcpy(buf, t, w);
	buf[w] = 0;
	return w;
}

/* --- hash table ------------------------------------------------------------ */

/*
** Multiply-xorshift by 64-bit words, then the tail bytes: a per-byte FNV
** loop over the 44-byte conversation keys showed in every -z conv profile.
*/
static uint32_t hash_bytes(const uint8_t *p, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ n;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	h ^= h >> 32;
	return (uint32_t)h;
}

void htab_init(struct htab *h, size_t recsize, size_t keylen)
{
	memset(h, 0, sizeof *h);
	h->recsize = recsize;
	h->keylen = keylen;
}

void htab_free(struct htab *h)
{
	free(h->recs);
	free(h->slots);
	memset(h, 0, sizeof *h);
}

static void htab_rehash(struct htab *h, uint32_t nslots)
{
	uint64_t *old = h->slots;
	uint32_t nold = h->nslots;
	h->slots = xcalloc(nslots, sizeof *h->slots);
	h->nslots = nslots;
	for (uint32_t i = 0; i < nold; i++) {
		if (!old[i])
			continue;
		uint32_t s = (uint32_t)(old[i] >> 32) & (nslots - 1);
		while (h->slots[s])
			s = (s + 1) & (nslots - 1);
		h->slots[s] = old[i];
	}
	free(old);
}

void *htab_get(struct htab *h, const void *key, int *isnew)
{
	if ((h->n + 1) * 2 > h->nslots)
		htab_rehash(h, h->nslots ? h->nslots * 2 : 64);
	uint32_t hash = hash_bytes(key, h->keylen);
	uint32_t s = hash & (h->nslots - 1);
	while (h->slots[s]) {
		uint64_t v = h->slots[s];
		if ((uint32_t)(v >> 32) == hash) {
			void *r = htab_rec(h, (uint32_t)v - 1);
			if (!memcmp(r, key, h->keylen)) {
				*isnew = 0;
				return r;
			}
		}
		s = (s + 1) & (h->nslots - 1);
	}
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->recs = xrealloc(h->recs, (size_t)h->cap * h->recsize);
	}
	void *r = htab_rec(h, h->n);
	memset(r, 0, h->recsize);
	memcpy(r, key, h->keylen);
	h->slots[s] = (uint64_t)hash << 32 | ++h->n;
	*isnew = 1;
	return r;
}

/* --- sorting --------------------------------------------------------------- */

struct sortent {
	uint64_t count;
	uint32_t idx;
};

static int cmp_desc(const void *a, const void *b)
{
	const struct sortent *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/*
** Counts descending, ties by index ascending.  When idx comes in ascending
** (every caller's 0..n-1) a stable LSD radix sort on ~count gives that order
** in a few linear passes, one per byte the counts differ in: qsort's
** comparator calls were most of a large -z conv table's sort.
*/
void sort_desc_stable(uint32_t *idx, const uint64_t *count, uint32_t n)
{
	struct sortent *e = xmalloc((size_t)(n ? n : 1) * sizeof *e);
	int ascending = 1;
	uint64_t any = 0, all = ~(uint64_t)0;
	for (uint32_t i = 0; i < n; i++) {
		e[i].count = ~count[idx[i]];
		e[i].idx = idx[i];
		any |= e[i].count, all &= e[i].count;
		if (i && idx[i - 1] > idx[i])
			ascending = 0;
	}
	if (!ascending) {
		for (uint32_t i = 0; i < n; i++)
			e[i].count = ~e[i].count;
		qsort(e, n, sizeof *e, cmp_desc);
	} else {
		struct sortent *tmp = xmalloc((size_t)(n ? n : 1) * sizeof *tmp);
		uint64_t differ = any ^ all; /* bytes in which no two keys differ need no pass */
		for (int sh = 0; sh < 64; sh += 8) {
			if (!((differ >> sh) & 0xff))
				continue;
			uint32_t pos[256] = {0};
			for (uint32_t i = 0; i < n; i++)
				pos[(e[i].count >> sh) & 0xff]++;
			for (uint32_t d = 0, sum = 0; d < 256; d++) {
				uint32_t c = pos[d];
				pos[d] = sum;
				sum += c;
			}
			for (uint32_t i = 0; i < n; i++)
				tmp[pos[(e[i].count >> sh) & 0xff]++] = e[i];
			struct sortent *x = e;
			e = tmp, tmp = x;
		}
		free(tmp);
	}
	for (uint32_t i = 0; i < n; i++)
		idx[i] = e[i].idx;
	free(e);
}
