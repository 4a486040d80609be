/*
** merge.h -- the chronological merge shared by `wiresift mergecap` and the
** multi-file reader (multi.c): which pending record goes next, and when
** several inputs' interfaces are the same and can be shared.
*/
#ifndef WS_MERGE_H
#define WS_MERGE_H

#include "capture.h"

/*
** Equal times: mergecap 4.0 writes the later input's record first; reading
** rotated files as one capture needs the earlier file first, or a record
** at a file boundary would swap with its neighbour.
*/
enum cap_tie { CAP_TIE_EARLIER, CAP_TIE_LATER };

/* Index of the earliest pending record (NULL = input has none); -1 when all are empty. */
int cap_merge_pick(const struct cap_frame *const *pending, int n, enum cap_tie tie);

/* Same description (link type, snaplen, time resolution and offset, name): one IDB serves both. */
int cap_iface_same(const struct cap_iface *a, const struct cap_iface *b);
/* Every capture (NULLs skipped) describes the same interfaces so far. */
int cap_ifaces_all_same(struct capture *const *caps, int n);

#endif
