/*
** test_stats_merge.c -- folding per-worker -z tables (stats/merge.c): rows
** come out in one job's order (by the frame that made them), each with its
** worker's index, whatever the parts' sizes.
*/
#include <stddef.h>
#include <stdint.h>

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
