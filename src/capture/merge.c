/*
** merge.c -- mergecap's chronological pick and interface sharing test.
*/
#include "merge.h"

#include <string.h>

static int ts_before(const struct cap_frame *a, const struct cap_frame *b, enum cap_tie tie)
{
	if (a->sec != b->sec)
		return a->sec < b->sec;
	if (a->nsec != b->nsec)
		return a->nsec < b->nsec;
	return tie == CAP_TIE_LATER; /* a is the later input: it wins only then */
}

int cap_merge_pick(const struct cap_frame *const *pending, int n, enum cap_tie tie)
{
	int pick = -1;
	for (int i = 0; i < n; i++)
		if (pending[i] && (pick < 0 || ts_before(pending[i], pending[pick], tie)))
			pick = i;
	return pick;
}

static int str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

int cap_iface_same(const struct cap_iface *a, const struct cap_iface *b)
{
	return a->linktype == b->linktype && a->snaplen == b->snaplen &&
	       a->tsresol_num == b->tsresol_num && a->tsoffset == b->tsoffset &&
	       str_eq(a->name, b->name) && str_eq(a->description, b->description);
}

int cap_ifaces_all_same(struct capture *const *caps, int n)
{
	const struct capture *first = NULL;
	for (int i = 0; i < n; i++) {
		if (!caps[i])
			continue;
		if (!first) {
			first = caps[i];
			continue;
		}
		int k = capture_iface_count(first);
		if (capture_iface_count(caps[i]) != k)
			return 0;
		for (int j = 0; j < k; j++)
			if (!cap_iface_same(capture_iface(first, j), capture_iface(caps[i], j)))
				return 0;
	}
	return 1;
}
