/*
** engine.h -- the packet loop every command shares: read, dissect, hand over
** in frame order.
**
** With one job it is the plain loop (read a record, fill, dissect, call
** back).  With more, a reader thread numbers the frames and shards them by
** flow (shard.h) onto worker threads, each with its own dissect context, and
** the calling thread gets the dissected frames back in frame order, with the
** global tcp.stream / udp.stream numbers put back (docs/ARCHITECTURE.md,
** "Threads"), so the callback sees exactly what the one-job loop shows it.
*/
#ifndef WS_ENGINE_H
#define WS_ENGINE_H

#include <stdint.h>

#include "../capture/capture.h"
#include "../core/jobs.h"
#include "../dissect/packet.h"

struct fields_line; /* output/output.h */
#include "fill.h"

/*
** Called once per frame, in frame order, on the calling thread; f is the
** record (its data valid during the call).  A nonzero return stops the run.
*/
typedef int (*engine_fn)(void *arg, struct packet *pk, const struct cap_frame *f);

struct engine_opts {
	int jobs;            /* worker threads; 1 = the single-threaded loop */
	long long max;       /* frames to read (after -2's selection), 0 = all */
	uint8_t want_cols;   /* pk->want_cols */
	uint8_t no_info;     /* pk->no_info */
	uint8_t want_all;    /* fieldset want_all (tree outputs) */
	const uint8_t *keep; /* -2: keep[i] says whether record i is a frame (one job only) */
	long long nkeep;
	const struct pass_times *ktimes; /* -2: ktimes[0] is the first record's time */
	/*
	** Aggregate jobs (statistics merged at the end, nothing printed per
	** frame): when set and the run is threaded (jobs > 1, no keep), worker w
	** calls wfn(wargs[w], ...) on its own frames, in order, right after
	** dissecting them, on its own thread, and fn is never called.  tcp.stream
	** and udp.stream are then the worker's own numbers; the caller merges the
	** per-worker states afterwards (stats_merge).
	*/
	engine_fn wfn;
	void *const *wargs;
	/*
	** ... and the reading thread calls rfn(rarg, ...), when set, on every
	** frame in frame order before it is dissected (pk has the record's
	** fields only: number, times, lengths): for what needs every frame in
	** order but no dissection.
	*/
	engine_fn rfn;
	void *rarg;
	/*
	** Aggregate jobs: when set, engine_run fills it with the map from each
	** worker's tcp.stream / udp.stream numbers to one job's (see
	** engine_stream_global), for the caller's merge; free with
	** engine_streams_free.
	*/
	struct engine_streams *streams;
	/*
	** Per-frame output made on the workers: when set and the run is threaded
	** over a mapped plain pcap (engine_walks), worker w appends its own
	** frames' text with ffn(fargs[w], pk, b) right after dissecting them, and the
	** calling thread writes it to fout in frame order; fn is never called.
	** Only for output that needs nothing from other flows' frames but the
	** stream numbers (renum below).
	*/
	void (*ffn)(void *farg, const struct packet *pk, struct fields_line *b);
	void *const *fargs;
	FILE *fout;
	/*
	** ... and ffn shows or filters on tcp.stream / udp.stream (or pfn filters
	** on them): ENGINE_RENUM_WAIT, the workers put one job's numbers back
	** before calling it (a chunk's frames are kept until every worker has
	** told which streams it saw first where); ENGINE_RENUM_PATCH (-T fields
	** only showing them, fields_line.mark), the workers print their own
	** numbers and the writer puts one job's into the text, so no worker waits.
	*/
	int renum;
	/*
	** -w on walking workers (like ffn, which it excludes): worker w asks
	** pfn(fargs[w], pk) whether its own frame's record is written, and the
	** calling thread calls wrfn(wrarg, f, num) on those records in frame order
	** (f's bytes are the mapping's).  A nonzero return from wrfn writes no
	** further record; the run goes on.
	*/
	int (*pfn)(void *farg, const struct packet *pk);
	int (*wrfn)(void *wrarg, const struct cap_frame *f, uint32_t num);
	void *wrarg;
};

/*
** A worker numbers only its own conversations; one job numbers all of them
** in order of first appearance.  Each worker notes the frame where each of
** its numbers first appears; ordering all of them by that frame gives one
** job's numbers.
*/
enum { ENGINE_RENUM_WAIT = 1, ENGINE_RENUM_PATCH = 2 };

struct engine_streams {
	int nworkers;
	uint32_t *map[2][MAX_JOBS]; /* [udp][worker][local] -> global, UINT32_MAX: never seen */
	uint32_t n[2][MAX_JOBS];
};
/* One job's tcp.stream (udp 0) or udp.stream (udp 1) for worker w's local number. */
static inline uint32_t engine_stream_global(const struct engine_streams *es, int udp, int w,
					    uint32_t local)
{
	return local < es->n[udp][w] ? es->map[udp][w][local] : UINT32_MAX;
}
void engine_streams_free(struct engine_streams *es);

/*
** Run the loop over cap.  Returns capture_next()'s last result: 0 at the end,
** < 0 on a damaged file (capture_error), 1 when stopped by max or fn.
** *nframes gets the number of frames handed to fn.
*/
int engine_run(struct capture *cap, const struct engine_opts *eo, engine_fn fn, void *arg,
	       long long *nframes);

/*
** -j: the number of jobs the user asked for (0 = not given).  Without -j,
** one job per online CPU when walk is set (cli/run.c and report/drive.c set
** it for aggregate jobs that go without a reader thread, engine_walks()),
** else one job: on two CPUs only those came out faster threaded in wall
** time (docs/ARCHITECTURE.md, "Threads").
** The environment variable WIRESIFT_THREADS=force makes threads run
** even on small inputs (tests), WIRESIFT_THREADS=verbose also tells on stderr
** how many frames each worker dissected; otherwise inputs under ENGINE_MIN_BYTES use
** one job, as threads cannot pay for themselves there.
*/
void engine_set_jobs(int jobs);
int engine_jobs(const char *const *paths, int npaths, int walk);
/*
** Does a threaded run over cap go without a reader thread (every worker
** walks the file itself)?  A mapped plain pcap, for aggregate jobs (wfn),
** per-frame output made on the workers (ffn) and -w (pfn).
*/
int engine_walks(struct capture *cap);

#define ENGINE_MIN_BYTES (4u << 20)

#endif
