/*
** records.h -- statistics read straight from the capture records: a run whose
** every output needs only each frame's time and lengths (`-q -z io,stat,N`
** with plain frame/byte columns) never dissects a frame.
*/
#ifndef WS_RECORDS_H
#define WS_RECORDS_H

#include "../capture/capture.h"
#include "../filter/filter.h"
#include "../stats/stats.h"
#include "options.h"

/*
** Would dissecting change nothing this run prints or writes?  Only -z
** modules that read the record alone (stats_needs_no_dissection), with -q,
** no -Y/-R/-2, no -w, no per-frame output, no Lua, and a file to read.
*/
int records_only(const struct options *o, const struct stats *stats, const struct filter *df,
		 const struct filter *rf);

/*
** The run without dissection, on this thread whatever -j says: every record
** (up to max, 0 = all) goes to stats_packet() with its number, times and
** lengths.  Returns what engine_run() would: 0 at the end, < 0 on a damaged
** file, 1 when stopped by max; *nframes gets the frames counted.
*/
int records_run(struct capture *cap, struct stats *stats, long long max, long long *nframes);

#endif
