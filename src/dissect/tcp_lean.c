/*
** tcp_lean.c -- the lean mode's switch.
**
** Application dissectors are invisible to a job that prints only frame,
** address, port and TCP header figures, except through the conversation
** hooks they register (dissect.h): the payloads those flag still take the
** full hand-off, and tcp.c keeps the rest of their TCP conversation on it.
*/
#include "tcp_lean.h"

#include <stdlib.h>

#include "dissect.h"

enum tcp_lean tcp_lean_mode;
int tcp_lean_stream_wanted;

void tcp_lean_set(enum tcp_lean level)
{
	/* WIRESIFT_NO_LEAN=1: the full dissection, to compare outputs (tests/golden/lean.sh) */
	const char *off = getenv("WIRESIFT_NO_LEAN");
	tcp_lean_mode = off && *off && *off != '0' ? TCP_LEAN_OFF : level;
}

int tcp_lean_skips(const struct cursor *pl, uint16_t sp, uint16_t dp)
{
	return tcp_lean_mode != TCP_LEAN_OFF && !conv_hook_fires(HT_TCP, pl, sp, dp);
}

void tcp_lean_want_stream(void)
{
	tcp_lean_stream_wanted = 1;
}
