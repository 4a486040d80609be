/*
** edit_dups.h -- editcap's duplicate removal: -d/-D (a window of the last
** N records) and -w (records no more than T seconds apart), with -I
** (bytes left out of the digest) and -V's digest lines.
*/
#ifndef WS_EDIT_DUPS_H
#define WS_EDIT_DUPS_H

#include <stdint.h>

enum dup_mode { DUP_OFF, DUP_WINDOW, DUP_TIME };

struct dup_ent {
	uint8_t md[16];
	uint32_t len;
	int64_t sec;
	int32_t nsec;
};

struct dups {
	enum dup_mode mode;
	int window; /* DUP_WINDOW: records compared (0 still digests, for -V) */
	int64_t tw_sec;
	int32_t tw_nsec; /* DUP_TIME: the time window */
	uint32_t ignore; /* -I */
	struct dup_ent *ent;
	int32_t nent, entcap; /* entries used; the ring wraps at its size */
	int32_t cur;
	long long skipped;
};

/* Ready d for its mode (mode, window, tw_*, ignore set). */
void dups_init(struct dups *d);
/* Digest the record and tell whether it repeats an earlier one; md gets its digest. */
int dups_check(struct dups *d, const uint8_t *p, uint32_t len, int64_t sec, int32_t nsec,
	       uint8_t md[16]);
/* editcap's closing line ("N packets seen, M packets skipped with ..."). */
void dups_report(const struct dups *d, long long seen);
void dups_free(struct dups *d);

#endif
