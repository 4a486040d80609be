/*
** zopt.h -- -z arguments to statistics modules, and the capinfos subcommand.
*/
#ifndef WS_ZOPT_H
#define WS_ZOPT_H

#include "../stats/stats.h"

/* Sentinel for "bad -z, message printed": tshark exits 1 then. */
#define ZOPT_ERROR ((struct stats *)(uintptr_t)1)

/* NULL when there is no -z, ZOPT_ERROR after printing an error. */
struct stats *zopt_build(const char *const *args, int nargs);

/*
** 1 when every -z is conv/endpoints without a filter or io,stat,N without
** columns: tables of frames, bytes, addresses, ports and streams, blind to
** TCP's application layer (dissect/tcp_lean.h).
*/
int zopt_app_blind(const char *const *args, int nargs);

/* `wiresift capinfos [-M] FILE...`; returns the exit code. */
int capinfos_main(int argc, char **argv);

#endif
