/*
** drive.h -- "for each dissected packet" over one capture (of one or more files), for the
** analysis subcommands (streams, intervals, ...).  It fills struct packet the
** way cli/run.c does and calls back once per frame.
*/
#ifndef WS_DRIVE_H
#define WS_DRIVE_H

#include <stdint.h>

#include "../dissect/packet.h"

struct drive_info {
	uint64_t packets, bytes;
	int64_t first_ns, last_ns; /* absolute; last = latest seen */
	int has_ts;
	int linktype;
	int filetype;    /* enum cap_filetype */
	int damaged;     /* the file ended in an error after `packets` frames */
	int interrupted; /* SIGINT: stopped early, the tables cover what was read */
	char error[1024];
};

typedef void (*drive_fn)(void *ctx, const struct packet *pk);

/*
** Read and dissect every frame of the capture the paths name (one file, or
** several files, directories and glob patterns read as one capture in time
** order: capture_open_inputs), at most max frames when max > 0, and call fn
** after each.  progress: a line on stderr about ten times a second (1: once
** the run has lasted 0.1 s; 2: from the first 4096 frames).
** SIGINT stops the reading (info->interrupted) so the caller can still write
** valid tables of what was read; a second SIGINT kills as usual.
** Returns 0, or 2 when nothing can be opened (message on stderr); a damaged
** file (or member) returns 0 with info->damaged set, after the other members.
*/
int drive_files(const char *const *paths, int npaths, long long max, drive_fn fn, void *ctx,
		int progress, struct drive_info *info);

/*
** The same with accumulators that can be kept per worker thread and merged
** (docs/ARCHITECTURE.md, "Threads"): with several jobs, part_new(ctx) makes
** one accumulator per worker, fn(part, pk) feeds it the worker's own frames
** (tcp.stream / udp.stream are the worker's numbers), and merge(ctx, parts,
** n, es) folds them into ctx with es mapping those numbers to one job's;
** part_free then releases each part.  With one job it is drive_files(ctx).
*/
struct engine_streams;
struct drive_par {
	void *(*part_new)(void *ctx);
	void (*merge)(void *ctx, void *const *parts, int n, const struct engine_streams *es);
	void (*part_free)(void *part);
};
int drive_files_par(const char *const *paths, int npaths, long long max, drive_fn fn, void *ctx,
		    const struct drive_par *par, int progress, struct drive_info *info);

#endif
