/*
** tcp_lean.h -- skipping TCP's application layer when no output can see it.
*/
#ifndef WS_TCP_LEAN_H
#define WS_TCP_LEAN_H

#include <stdint.h>

#include "../core/cursor.h"

/* Set once before the run (read by every worker): 1 = app layer unseen. */
void tcp_lean_set(int on);
int tcp_lean_on(void);

/*
** Whether this payload may skip the port/heuristic hand-off and reassembly.
** Always 0 unless tcp_lean_set(1).
*/
int tcp_lean_skips(const struct cursor *pl, uint16_t sp, uint16_t dp);

#endif
