/*
** fuzz_dissect_lean.c -- fuzz_dissect with TCP on the lean statistics path
** (TCP_LEAN_HDR, src/dissect/tcp_lean.c): the header read up to tcp.stream,
** the payload handed off only where a conversation hook fires.  cli/run.c
** sets it for -q -z conv/endpoints/io,stat jobs, so it sees untrusted input too.
*/
#define FUZZ_TCP_LEAN TCP_LEAN_HDR
#include "fuzz_dissect.c"
