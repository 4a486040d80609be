/*
** numfmt.h -- printf's integer and fixed-point conversions without printf,
** for the -z tables' rows (a conv,tcp row cost 14,000 instructions, most of
** them in vfprintf: a tenth of the job on a big capture).
*/
#ifndef WS_NUMFMT_H
#define WS_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

/* Each writes at p and returns the end; none adds a NUL. */

/* "%llu" */
char *nf_u64(char *p, uint64_t v);

/*
** "%.<prec>f" (prec 1-9) exactly as glibc prints it: the double's binary
** value rounded half to even.  NULL (nothing written) for values it does
** not handle (not finite, or 2^63 / 10^prec and up): the caller then uses
** snprintf.
*/
char *nf_fixed(char *p, double x, int prec);

/* s (n bytes) left-aligned in w columns ("%-*s"); right-aligned when right */
char *nf_pad(char *p, const char *s, size_t n, int w, int right);

#endif
