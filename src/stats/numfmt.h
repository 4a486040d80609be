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

/*
** The padded writers fill w columns (w <= NF_PAD_MAX) by writing NF_PAD_MAX
** spaces first: a fixed-size copy, where a padding call per cell was a
** tenth of a conv,tcp table.  They need NF_PAD_MAX bytes of room past p.
*/
#define NF_PAD_MAX 32
extern const char nf_spaces[NF_PAD_MAX];

/* the number of decimal digits of v */
int nf_len(uint64_t v);

/* "%llu" */
char *nf_u64(char *p, uint64_t v);

/* "%*llu" */
char *nf_u64_right(char *p, uint64_t v, int w);

/* the text from p to end left-aligned in w columns ("%-*s"): room past end as above */
char *nf_left(char *p, char *end, int w);

/*
** "%.<prec>f" (prec 1-9) exactly as glibc prints it: the double's binary
** value rounded half to even.  NULL (nothing written) for values it does
** not handle (not finite, or 2^63 / 10^prec and up): the caller then uses
** snprintf.
*/
char *nf_fixed(char *p, double x, int prec);

/* "%*.<prec>f", as nf_fixed (NULL: nothing written) */
char *nf_fixed_right(char *p, double x, int prec, int w);

/* s (n bytes) left-aligned in w columns ("%-*s"); right-aligned when right */
char *nf_pad(char *p, const char *s, size_t n, int w, int right);

#endif
