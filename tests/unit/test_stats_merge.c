/*
** test_stats_merge.c -- folding per-worker -z tables (stats/merge.c): rows
** come out in one job's order (by the frame that made them), each with its
** worker's index, whatever the parts' sizes; and the order those tables print in
** (sort_desc_stable).
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stats/stats_int.h"
#include "test.h"

struct row {
	uint32_t key;
	uint32_t first_num;
};

/* a module's state as conv and endpoints keep it: the table not first */
struct module {
	int type;
	struct htab tab;
};

struct seen {
	uint32_t key[16];
	int part[16];
	int n;
};

static void note(void *arg, int part, const void *rec)
{
	struct seen *s = arg;
	const struct row *r = rec;
	if (s->n < 16) {
		s->key[s->n] = r->key;
		s->part[s->n] = part;
	}
	s->n++;
}

static void add_rows(struct module *m, const uint32_t *keys, const uint32_t *firsts, int n)
{
	htab_init(&m->tab, sizeof(struct row), sizeof(uint32_t));
	for (int i = 0; i < n; i++) {
		int isnew;
		struct row *r = htab_get(&m->tab, &keys[i], &isnew);
		r->first_num = firsts[i];
	}
}

TEST(stats_merge_tables_in_first_frame_order)
{
	/* worker 0 saw frames 1, 4, 9; worker 1 frames 2, 3, 7; worker 2 nothing */
	struct module m[3] = {{0}};
	add_rows(&m[0], (const uint32_t[]){10, 40, 90}, (const uint32_t[]){1, 4, 9}, 3);
	add_rows(&m[1], (const uint32_t[]){20, 30, 70}, (const uint32_t[]){2, 3, 7}, 3);
	add_rows(&m[2], NULL, NULL, 0);
	void *parts[3] = {&m[0], &m[1], &m[2]};
	struct seen s = {0};
	merge_tables(parts, 3, offsetof(struct module, tab), offsetof(struct row, first_num), note,
		     &s);
	static const uint32_t want_key[] = {10, 20, 30, 40, 70, 90};
	static const int want_part[] = {0, 1, 1, 0, 1, 0};
	CHECK(s.n == 6);
	for (int i = 0; i < 6 && i < s.n; i++) {
		CHECK_EQ_U64(s.key[i], want_key[i]);
		CHECK_EQ_U64(s.part[i], want_part[i]);
	}
	/* one part: its rows as they are; no parts: nothing */
	s.n = 0;
	merge_tables(parts + 1, 1, offsetof(struct module, tab), offsetof(struct row, first_num),
		     note, &s);
	CHECK(s.n == 3 && s.key[0] == 20 && s.key[2] == 70 && s.part[2] == 0);
	s.n = 0;
	merge_tables(parts, 0, offsetof(struct module, tab), offsetof(struct row, first_num), note,
		     &s);
	CHECK(s.n == 0);
	for (int i = 0; i < 3; i++)
		htab_free(&m[i].tab);
}

/*
** The radix order (counts down, ties by index up) against the comparator's,
** for ascending indexes (the radix path) and shuffled ones (the qsort path).
*/
static const uint64_t *sort_counts;
static int cmp_ref(const void *a, const void *b)
{
	const uint64_t *c = sort_counts;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (c[x] != c[y])
		return c[x] < c[y] ? 1 : -1;
	return x < y ? -1 : x > y;
}

TEST(stats_sort_desc_stable_radix)
{
	enum { N = 5000 };
	uint64_t *cnt = malloc(N * sizeof *cnt);
	uint32_t *idx = malloc(N * sizeof *idx), *want = malloc(N * sizeof *want);
	uint64_t seed = 42;
	for (int round = 0; round < 4; round++) {
		for (uint32_t i = 0; i < N; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			uint64_t r = seed >> 11;
			/* small counts with many ties, then wide ones over several bytes */
			cnt[i] = round == 0 ? r % 7 : round == 1 ? r % 100000 : round == 2 ? r : 5;
			idx[i] = i;
		}
		if (round == 2)
			cnt[17] = UINT64_MAX, cnt[18] = 0;
		for (int shuffled = 0; shuffled < 2; shuffled++) {
			if (shuffled)
				for (uint32_t i = N - 1; i > 0; i--) {
					seed = seed * 6364136223846793005ULL + 1;
					uint32_t j = (uint32_t)((seed >> 33) % (i + 1)), x = idx[i];
					idx[i] = idx[j], idx[j] = x;
				}
			memcpy(want, idx, N * sizeof *idx);
			sort_counts = cnt;
			qsort(want, N, sizeof *want, cmp_ref);
			sort_desc_stable(idx, cnt, N);
			CHECK(!memcmp(idx, want, N * sizeof *idx));
		}
	}
	sort_desc_stable(idx, cnt, 0); /* empty: nothing to do, nothing read */
	free(cnt);
	free(idx);
	free(want);
}
