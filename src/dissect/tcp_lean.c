/*
** tcp_lean.c -- which TCP payloads the lean mode (tcp_lean.h) may skip.
**
** Application dissectors are invisible to a job that prints only frame,
** address, port and tcp.stream figures, except where one changes TCP's
** conversations: the VNC heuristic renumbers tcp.stream (restart_next) on a
** "RFB xxx.yyy\n" banner, and FTP control records the expectations the
** FTP-DATA heuristic claims payloads with (which can keep VNC's heuristic
** from seeing a banner).  Those payloads still take the full hand-off.
*/
#include "tcp_lean.h"

#include <string.h>

static int lean;

void tcp_lean_set(int on)
{
	lean = on;
}

int tcp_lean_on(void)
{
	return lean;
}

/* a banner can only reach the VNC heuristic from a payload holding "RFB " */
static int may_hold_banner(const struct cursor *pl)
{
	struct cursor c = *pl;
	uint32_t n = cur_avail(&c);
	const uint8_t *p = cur_peek_ptr(&c, 0, n);
	if (!p)
		return 1;
	for (const uint8_t *e = p + n; n >= 4 && (p = memchr(p, 'R', n - 3)) != NULL; p++) {
		if (!memcmp(p, "RFB ", 4))
			return 1;
		n = (uint32_t)(e - p - 1);
	}
	return 0;
}

int tcp_lean_skips(const struct cursor *pl, uint16_t sp, uint16_t dp)
{
	if (!lean || sp == 21 || dp == 21)
		return 0;
	return !may_hold_banner(pl);
}
