/*
** records.c -- statistics straight from the capture records, no dissection.
**
** io,stat's plain frame and byte columns read a frame's time and length,
** nothing a dissector finds (stats_ops.pre).  When every -z module is of
** that kind and nothing else is printed or written per frame, the walk over
** the records is the whole job: the intervals come out as the dissecting
** loop's, at a fraction of its cost.  One job: reading records is already
** cheaper than handing frames to threads.
*/
#include "records.h"

#include <stdlib.h>
#include <string.h>

#include "../engine/fill.h"
#include "../lua/wslua.h"

int records_only(const struct options *o, const struct stats *stats, const struct filter *df,
		 const struct filter *rf)
{
	/* -Y with -q shows nothing, but a filter's fields could warn or fail: keep it exact */
	if (!stats || !stats_needs_no_dissection(stats) || df || rf || o->two_pass)
		return 0;
	if (!o->quiet || o->mode == OUT_FIELDS || o->write_path || o->verbose || o->tree_fmt)
		return 0;
	/* tests compare against the dissecting loop: WIRESIFT_RECORDS=off forces it */
	const char *env = getenv("WIRESIFT_RECORDS");
	if (env && !strcmp(env, "off"))
		return 0;
	return o->read_path && !wslua_active();
}

/*
** What a record-only module may read (stats_ops.pre): the number, the
** absolute and relative times and the lengths, filled as fill_packet() fills
** them.  The relative time is kept as fill_packet's (seconds, ns) pair
** normalised the same way, so pk_rel_ns() sees the same value.
*/
static void fill_record(struct packet *pk, const struct cap_frame *f, struct pass_times *pt,
			uint32_t num)
{
	pk->num = num;
	pk->has_ts = f->has_ts;
	pk->sec = f->has_ts ? f->sec : 0;
	pk->nsec = f->has_ts ? f->nsec : 0;
	if (pt->first) {
		pt->first_sec = pk->sec;
		pt->first_nsec = pk->nsec;
		pt->first = 0;
	}
	time_sub(pk->sec, pk->nsec, pt->first_sec, pt->first_nsec, &pk->rel_sec, &pk->rel_nsec);
	pk->caplen = f->caplen;
	pk->len = f->len;
}

static void tell_path(long long n)
{
	const char *v = getenv("WIRESIFT_THREADS");
	if (v && !strcmp(v, "verbose"))
		fprintf(stderr,
			"wiresift: records only: %lld frames counted from their records, none "
			"dissected (one job)\n",
			n);
}

int records_run(struct capture *cap, struct stats *stats, long long max, long long *nframes)
{
	struct packet *pk = calloc(1, sizeof *pk);
	if (!pk)
		abort();
	struct pass_times pt = PASS_TIMES_INIT;
	struct cap_frame f;
	memset(&f, 0, sizeof f);
	/* a stable reader sets the same fields on every record: no clearing per record */
	int reuse = capture_frames_stable(cap);
	long long n = 0;
	int r = 0;
	while ((max == 0 || n < max) &&
	       (r = reuse ? capture_next_reuse(cap, &f) : capture_next(cap, &f)) == 1) {
		n++;
		fill_record(pk, &f, &pt, (uint32_t)n);
		stats_packet(stats, pk);
	}
	*nframes = n;
	free(pk);
	tell_path(n);
	return r;
}
