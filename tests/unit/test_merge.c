/*
** test_merge.c -- the chronological pick shared by mergecap and several -r:
** earliest first, and which input wins equal times under each rule.
*/
#include <string.h>

#include "capture/merge.h"
#include "test.h"

static struct cap_frame at(int64_t sec, int32_t nsec)
{
	struct cap_frame f;
	memset(&f, 0, sizeof f);
	f.sec = sec;
	f.nsec = nsec;
	return f;
}

TEST(merge_pick_earliest)
{
	struct cap_frame a = at(10, 5), b = at(10, 4), c = at(9, 999999999);
	const struct cap_frame *p[3] = {&a, &b, &c};
	CHECK(cap_merge_pick(p, 3, CAP_TIE_EARLIER) == 2);
	p[2] = NULL;
	CHECK(cap_merge_pick(p, 3, CAP_TIE_EARLIER) == 1);
	p[0] = p[1] = NULL;
	CHECK(cap_merge_pick(p, 3, CAP_TIE_EARLIER) == -1);
}

TEST(merge_pick_ties)
{
	struct cap_frame a = at(7, 1), b = at(7, 1), c = at(7, 1);
	const struct cap_frame *p[3] = {&a, &b, &c};
	/* rotated files: the earlier file; mergecap 4.0: the later input */
	CHECK(cap_merge_pick(p, 3, CAP_TIE_EARLIER) == 0);
	CHECK(cap_merge_pick(p, 3, CAP_TIE_LATER) == 2);
}
