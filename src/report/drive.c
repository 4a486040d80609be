/*
** drive.c -- the analysis commands' packet loop.
**
** It runs on the same engine as the tshark loop of cli/run.c (src/engine:
** the same packet fill, the same threads), so dissection, and therefore
** every tcp.analysis.* flag, is exactly what `-T fields` sees.
*/
#include "drive.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../capture/capture.h"
#include "../core/field.h"
#include "../engine/engine.h"

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
	signal(SIGINT, SIG_DFL); /* the next one ends the process */
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* the per-frame step, in frame order */
struct drive_run {
	drive_fn fn;
	void *ctx;
	struct drive_info *info;
	int progress, shown;
	double t0, last_shown;
	long long next; /* the next frame that takes rare_step: the first, then progress updates */
};

static __attribute__((noinline)) void show_progress(struct drive_run *dr, long long n)
{
	double t = now_s();
	if (t - dr->last_shown >= 0.1) {
		fprintf(stderr, "\r%lld packets, %.1f MB, %.0f packets/s   ", n,
			(double)dr->info->bytes / 1e6, (double)n / (t - dr->t0));
		dr->last_shown = t;
		dr->shown = 1;
	}
}

/*
** The capture-wide counts, every frame, in order; nonzero when the frame
** also takes the rare step (the first frame, a progress line due, SIGINT),
** so the common path makes no call and its callers' calls can be tail ones.
** first_ns and last_ns start at the extremes (drive_files_par), so the first
** frame needs no test of its own.
*/
static inline int count(struct drive_run *dr, const struct packet *pk, const struct cap_frame *f)
{
	struct drive_info *info = dr->info;
	int64_t ts = pk->sec * 1000000000LL + pk->nsec;
	if (ts < info->first_ns)
		info->first_ns = ts;
	if (ts > info->last_ns)
		info->last_ns = ts;
	info->has_ts |= f->has_ts;
	long long n = (long long)++info->packets;
	info->bytes += f->len;
	return (n == dr->next) | interrupted;
}

/* count's rare step; returns whether SIGINT stops the run */
static __attribute__((noinline)) int rare_step(struct drive_run *dr, const struct cap_frame *f)
{
	long long n = (long long)dr->info->packets;
	if (n == dr->next) {
		if (n == 1)
			dr->info->linktype = (int)f->linktype;
		else
			show_progress(dr, n);
		/* the clock is read every 4096 frames: cheap, still ~10 updates a second */
		dr->next = dr->progress ? (n | 4095) + 1 : LLONG_MAX;
	}
	return interrupted;
}

static int count_frame(void *arg, struct packet *pk, const struct cap_frame *f)
{
	return count(arg, pk, f) ? rare_step(arg, f) : 0;
}

static __attribute__((noinline)) int rare_frame(struct drive_run *dr, const struct packet *pk,
						const struct cap_frame *f)
{
	dr->fn(dr->ctx, pk);
	return rare_step(dr, f);
}

/* the counts first (fn reads none of them): the step's call is then the last thing done */
static int on_frame(void *arg, struct packet *pk, const struct cap_frame *f)
{
	struct drive_run *dr = arg;
	if (count(dr, pk, f))
		return rare_frame(dr, pk, f);
	dr->fn(dr->ctx, pk);
	return 0;
}

/* a worker's frame, into its own accumulator */
static int on_part(void *arg, struct packet *pk, const struct cap_frame *f)
{
	(void)f;
	struct drive_run *dr = arg;
	dr->fn(dr->ctx, pk);
	return 0;
}

int drive_files(const char *const *paths, int npaths, long long max, drive_fn fn, void *ctx,
		int progress, struct drive_info *info)
{
	return drive_files_par(paths, npaths, max, fn, ctx, NULL, progress, info);
}

int drive_files_par(const char *const *paths, int npaths, long long max, drive_fn fn, void *ctx,
		    const struct drive_par *par, int progress, struct drive_info *info)
{
	memset(info, 0, sizeof *info);
	char err[1024];
	struct capture *cap = capture_open_inputs(paths, npaths, "wiresift: ", err, sizeof err);
	if (!cap) {
		fprintf(stderr, "wiresift: %s\n", err);
		return 2;
	}
	info->filetype = (int)capture_filetype(cap);
	struct engine_opts eo;
	memset(&eo, 0, sizeof eo);
	eo.max = max > 0 ? max : 0;
	eo.want_cols = 0; /* no table reads the Info column: skip building it */
	eo.jobs = engine_jobs(paths, npaths, par != NULL && engine_walks(cap));
	/* auto (1): only runs longer than 0.1 s show a line; always (2): from the first update */
	struct drive_run dr = {fn, ctx, info, progress, 0, 0, 0, 1};
	dr.t0 = progress ? now_s() : 0;
	dr.last_shown = progress == 2 ? dr.t0 - 1 : dr.t0;
	interrupted = 0;
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	/* aggregate: each worker its own accumulator, the reading thread the counts */
	struct drive_run *parts = NULL;
	void **pctx = NULL, **pargs = NULL;
	struct engine_streams es;
	if (par && eo.jobs > 1) {
		parts = calloc((size_t)eo.jobs, sizeof *parts);
		pctx = calloc((size_t)eo.jobs, sizeof *pctx);
		pargs = calloc((size_t)eo.jobs, sizeof *pargs);
		if (!parts || !pctx || !pargs)
			abort();
		for (int w = 0; w < eo.jobs; w++) {
			pctx[w] = par->part_new(ctx);
			parts[w] = (struct drive_run){fn, pctx[w], info, 0, 0, 0, 0, 0};
			pargs[w] = &parts[w];
		}
		eo.wfn = on_part;
		eo.wargs = pargs;
		eo.rfn = count_frame;
		eo.rarg = &dr;
		eo.streams = &es;
		/* the engine renumbers each worker's streams from these fields (pinfo reads
		 * pk->pir) */
		field_want(field_lookup("tcp.stream"));
		field_want(field_lookup("udp.stream"));
	} else if (eo.jobs > 1) {
		/*
		** the reading thread puts one job's numbers back through these
		** fields, every number of a frame in order, then into pk->pir's copy
		*/
		field_want(field_lookup("tcp.stream"));
		field_want(field_lookup("udp.stream"));
	}
	long long n = 0;
	info->first_ns = INT64_MAX;
	info->last_ns = INT64_MIN;
	int r = engine_run(cap, &eo, on_frame, &dr, &n);
	if (!info->packets)
		info->first_ns = info->last_ns = 0;
	if (parts) {
		par->merge(ctx, (void *const *)pctx, eo.jobs, &es);
		for (int w = 0; w < eo.jobs; w++)
			par->part_free(pctx[w]);
		engine_streams_free(&es);
		free(parts);
		free(pctx);
		free(pargs);
	}
	sigaction(SIGINT, &old, NULL);
	info->interrupted = interrupted;
	if (dr.shown)
		fputs("\r\033[K", stderr);
	if (r < 0) {
		info->damaged = 1;
		snprintf(info->error, sizeof info->error, "%s", capture_error(cap));
	}
	capture_close(cap);
	return 0;
}
