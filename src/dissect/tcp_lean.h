/*
** tcp_lean.h -- skipping TCP's work no output can see (docs/ARCHITECTURE.md,
** "Lean statistics jobs").
*/
#ifndef WS_TCP_LEAN_H
#define WS_TCP_LEAN_H

#include <stdint.h>

#include "../core/cursor.h"

enum tcp_lean {
	TCP_LEAN_OFF, /* everything dissected */
	TCP_LEAN_APP, /* the payload's hand-off and reassembly skipped (streams, intervals) */
	TCP_LEAN_HDR, /* also TCP's fields after tcp.stream (conv, endpoints, io,stat, -e) */
};

/* Set once before the run (read by every worker). */
void tcp_lean_set(enum tcp_lean level);
extern enum tcp_lean tcp_lean_mode; /* tcp_lean_set's; inline: TCP asks on every segment */
static inline enum tcp_lean tcp_lean_level(void)
{
	return tcp_lean_mode;
}

/*
** A statistic reads tcp.stream without asking for the field (conv,tcp's
** records, stats/taprec.c): set once before the run.  Under TCP_LEAN_HDR a
** job where neither is the case tracks no TCP conversation at all.
*/
void tcp_lean_want_stream(void);
extern int tcp_lean_stream_wanted;
static inline int tcp_lean_stream_read(void)
{
	return tcp_lean_stream_wanted;
}

/*
** Whether this payload may skip the port/heuristic hand-off and reassembly:
** 0 unless lean, and 0 when a conversation hook (dissect.h) fires on it.
*/
int tcp_lean_skips(const struct cursor *pl, uint16_t sp, uint16_t dp);

#endif
