/*
** stats_int.h -- what the -z modules share: the module interface, the run's
** times, the tiny filter matcher and a hash table for keyed counters.
*/
#ifndef WS_STATS_INT_H
#define WS_STATS_INT_H

#include <stdint.h>
#include <stdio.h>

#include "stats.h"

/* Capture-wide facts a printer needs. */
struct stats_run {
	int nframes;
	int64_t first_sec; /* absolute time of the first frame */
	int32_t first_nsec;
	int64_t last_rel_ns; /* relative time of the last frame (ns), the duration */
	int time_format;     /* enum stats_time_format (-t) */
};

/* "HH:MM:SS", "YYYY-MM-DD HH:MM:SS" or "YYYY/DDD HH:MM:SS" for an absolute -t format. */
void stats_abs_time(char *buf, size_t n, int64_t sec, int time_format);

struct stats_ops {
	const char *name; /* the -z module, e.g. "io,stat" */
	void (*packet)(void *st, const struct packet *pk);
	void (*print)(void *st, FILE *out, const struct stats_run *run);
	void (*destroy)(void *st);
	/*
	** Threads (stats_merge): fold the modules of the same -z, each fed one
	** worker's frames, into st, as if st had seen every frame in order.
	** NULL when the module cannot (its result depends on the order of all
	** frames); the run then keeps the in-order path.
	*/
	void (*merge)(void *st, void *const *parts, int nparts);
	/*
	** Does the module read only the capture record (length, time), never the
	** dissection?  Then threads run it on the reader, which sees every frame
	** in order, before dissection (stats_packet_pre).  NULL means no.
	*/
	int (*pre)(const void *st);
	/*
	** Will the module not print its table for this run (one too large to
	** print)?  Nonzero with the message in err; stats_end prints it on stderr
	** in the table's place and the run fails.  NULL means it always prints.
	*/
	int (*refuse)(const void *st, const struct stats_run *run, char *err, size_t n);
};

void stats_attach(struct stats *s, const struct stats_ops *ops, void *st);
/* an -z expert state: 1 when it has a filter (stats_expert_alone) */
int expert_stats_filtered(const void *st);

/*
** A -z module's filter: the display-filter engine behind the interface the
** modules were written against.  Compiled filters are released by
** stats_free() (zfilter_release_all).
*/
struct filter;
struct zfilter {
	struct filter *f; /* NULL: every frame */
};
int zfilter_compile(struct zfilter *f, const char *text, char *err, size_t n);
int zfilter_match(const struct zfilter *f, const struct packet *pk);
void zfilter_release_all(void);
/*
** Does a filter compiled so far name tcp.stream or udp.stream?  Threads'
** workers number streams their own way, so such a filter must see frames
** on the in-order path (stats_mergeable).
*/
int zfilter_uses_streams(void);

/*
** A field by name, with a fallback for flag bits whose own field is not
** registered yet (tcp.flags.reset from tcp.flags): id, mask, shift.
** Returns 0, or -1 when unknown.  Marks the field wanted.
*/
struct zfield {
	int id;
	uint64_t mask;
	int shift;
};
int zfield_resolve(struct zfield *zf, const char *name, size_t len);
/* Does a filter of this run mention the field (tshark only extracts those)? */
int zfield_primed(const struct zfield *zf);
/* Occurrences of the field in the frame (0 when absent). */
int zfield_count(const struct zfield *zf, const struct packet *pk);

/*
** Open-addressing hash table of fixed-size records whose first keylen bytes
** are the key.  Records stay in insertion order in one array (that order is
** tshark's first-seen order), the table holds indexes into it.
*/
struct htab {
	uint8_t *recs;
	size_t recsize, keylen;
	uint32_t n, cap; /* records */
	uint64_t *
	    slots; /* hash << 32 | (index + 1), 0 = empty: keys are compared on a hash match only */
	uint32_t nslots;
};
void htab_init(struct htab *h, size_t recsize, size_t keylen);
void htab_free(struct htab *h);
/* Find the record with this key, or add a zeroed one with the key set; *isnew says which. */
void *htab_get(struct htab *h, const void *key, int *isnew);
static inline void *htab_rec(const struct htab *h, uint32_t i)
{
	return h->recs + (size_t)i * h->recsize;
}

/*
** The records of several parts in order of first appearance: each part's
** records (n of them, stride bytes apart) are already in that order and carry
** their first frame number at first_off; frames are never shared between
** parts, so a k-way merge on it gives the one-job order.  fn gets each record
** with its part's index.
*/
struct merge_part {
	const void *base;
	uint32_t n;
	size_t stride;
};
void merge_by_first(const struct merge_part *parts, int nparts, size_t first_off,
		    void (*fn)(void *arg, int part, const void *rec), void *arg);
/*
** merge_by_first over the parts' hash tables: each part is a module's state
** whose struct htab lies tab_off bytes in (conv, endpoints).
*/
void merge_tables(void *const *parts, int nparts, size_t tab_off, size_t first_off,
		  void (*fn)(void *arg, int part, const void *rec), void *arg);

/* Stable sort of an index array by descending count (ties keep index order). */
void sort_desc_stable(uint32_t *idx, const uint64_t *count, uint32_t n);

/* Relative time of a packet in ns. */
static inline int64_t pk_rel_ns(const struct packet *pk)
{
	return pk->rel_sec * 1000000000LL + pk->rel_nsec;
}

#endif
