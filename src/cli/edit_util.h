/*
** edit_util.h -- what editcap.c and mergecap.c share: MD5 for duplicate
** detection, time parsing, file type names, and opening outputs with the
** input's SHB.
*/
#ifndef WS_EDIT_UTIL_H
#define WS_EDIT_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "../capture/capture.h"
#include "../capture/writer.h"

/* MD5 of n bytes into out[16]. */
void md5_digest(const void *p, size_t n, uint8_t out[16]);

/*
** editcap's -A/-B time: "YYYY-MM-DD[T ]hh:mm:ss[.n...][Z|+-hh:mm]" (local
** time without a zone) or epoch seconds "N[.n...]".  0 on success.
*/
int parse_abs_time(const char *s, int64_t *sec, int32_t *nsec);
/*
** Relative seconds "-0.5", "3", "1.000000001"; 0 on success, -1 when not
** that, -2 when the seconds are past int64 (editcap's strtol says ERANGE).
*/
int parse_rel_time(const char *s, int64_t *sec, int32_t *nsec);

/* Wireshark's description of a file type, as editcap -v and mergecap -v print it. */
const char *filetype_desc(enum cap_filetype ft);

int ts_cmp(int64_t s1, int32_t n1, int64_t s2, int32_t n2);
void ts_add(int64_t *s, int32_t *n, int64_t ds, int32_t dn);

/* Open an output for a copy of cap's records (its SHB strings, or app's name). */
struct cap_writer *open_copy_writer(const char *path, enum cap_wfmt fmt, struct capture *cap,
				    const char *app, char *err, size_t errlen);

#endif
