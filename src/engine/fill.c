/*
** fill.c -- a capture record into a struct packet: fill_packet's slow path.
*/
#include "fill.h"

#include "../output/format.h"

uint8_t fill_ts_digits(struct capture *cap, struct pass_times *pt, uint32_t ifid)
{
	const struct cap_iface *ifc = capture_iface(cap, (int)ifid);
	uint64_t resol = ifc ? ifc->tsresol_num : 0;
	uint8_t d = (uint8_t)ts_digits((long long)resol);
	/* an interface not yet described (ifc NULL) may be by the next frame: no cache */
	if (ifc) {
		pt->dig_ifid = (uint64_t)ifid + 1;
		pt->dig = d;
	}
	return d;
}
