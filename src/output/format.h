/*
** format.h -- field values as text, exactly as tshark 4.0 prints them.
**
** fv_to_str() is the -T fields / filter-string representation (tshark's
** FTREPR_DISPLAY as used by -T fields): numbers without value names, hex
** with the type's width, times with nanoseconds.
*/
#ifndef WS_FORMAT_H
#define WS_FORMAT_H

#include <stddef.h>

#include "../core/fieldset.h"

/* Write item's value; returns the length written (buf always terminated). */
size_t fv_to_str(const struct fitem *it, char *buf, size_t n);

/* Time helpers shared by the text outputs. */
size_t fmt_abs_time(char *buf, size_t n, long long sec, int nsec, int utc);
size_t fmt_rel_time(char *buf, size_t n, long long sec, int nsec, int digits);

#endif
