/*
** drive.c -- the analysis commands' packet loop.
**
** This mirrors the frame set-up of cli/run.c (times relative to the first
** frame and to the previous one, interface, comments) so that dissection,
** and therefore every tcp.analysis.* flag, is exactly what `-T fields` sees.
** It is separate from run.c to leave the tshark-compatible loop untouched;
** moving run.c onto it is a follow-up (docs/analyses.md).
*/
#include "drive.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../capture/capture.h"
#include "../core/arena.h"
#include "../core/fieldset.h"
#include "../dissect/dissect.h"
#include "../output/format.h"

static void time_sub(int64_t s1, int32_t n1, int64_t s0, int32_t n0, int64_t *rs, int32_t *rn)
{
	int64_t s = s1 - s0;
	int32_t n = n1 - n0;
	if (n < 0 && s > 0) {
		n += 1000000000;
		s--;
	} else if (n > 0 && s < 0) {
		n -= 1000000000;
		s++;
	}
	*rs = s;
	*rn = n;
}

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

int drive_files(const char *const *paths, int npaths, long long max, drive_fn fn, void *ctx,
		int progress, struct drive_info *info)
{
	memset(info, 0, sizeof *info);
	char err[1024];
	struct capture *cap = capture_open_inputs(paths, npaths, "wiresift: ", err, sizeof err);
	if (!cap) {
		fprintf(stderr, "wiresift: %s\n", err);
		return 2;
	}
	info->filetype = (int)capture_filetype(cap);
	struct fieldset fs;
	fs_init(&fs);
	struct arena arena;
	arena_init(&arena);
	struct packet *pk = calloc(1, sizeof *pk);
	pk->fs = &fs;
	pk->arena = &arena;
	pk->ctx = dissect_ctx_new();
	pk->want_cols = 0; /* no table reads the Info column: skip building it */
	struct cap_frame f;
	int r = 1, first = 1;
	int64_t first_sec = 0, prev_sec = 0;
	int32_t first_nsec = 0, prev_nsec = 0;
	long long n = 0;
	/* auto (1): only runs longer than 0.1 s show a line; always (2): from the first update */
	double t0 = progress ? now_s() : 0, last_shown = progress == 2 ? t0 - 1 : t0;
	int shown = 0;
	interrupted = 0;
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	while (!interrupted && (r = capture_next(cap, &f)) == 1) {
		if (max > 0 && n >= max)
			break;
		n++;
		fs_reset(&fs);
		arena_reset(&arena);
		pk->num = (uint32_t)n;
		pk->sec = f.has_ts ? f.sec : 0;
		pk->nsec = f.has_ts ? f.nsec : 0;
		pk->has_ts = f.has_ts;
		const struct cap_iface *ifc = capture_iface(cap, (int)f.ifid);
		pk->ts_digits = (uint8_t)ts_digits(ifc ? ifc->tsresol_num : 0);
		if (first) {
			first_sec = prev_sec = pk->sec;
			first_nsec = prev_nsec = pk->nsec;
			first = 0;
			info->linktype = (int)f.linktype;
		}
		time_sub(pk->sec, pk->nsec, first_sec, first_nsec, &pk->rel_sec, &pk->rel_nsec);
		time_sub(pk->sec, pk->nsec, prev_sec, prev_nsec, &pk->delta_sec, &pk->delta_nsec);
		if (f.rectype != CAP_REC_CUSTOM) {
			prev_sec = pk->sec;
			prev_nsec = pk->nsec;
		}
		pk->caplen = f.caplen;
		pk->len = f.len;
		pk->linktype = f.linktype;
		pk->encap = f.encap;
		pk->ifid = f.if_local;
		pk->has_ifid = f.has_ifid;
		pk->if_name = f.if_name;
		pk->if_descr = f.if_descr;
		pk->rec_custom = f.rectype == CAP_REC_CUSTOM;
		pk->custom_copy = f.custom_copy;
		pk->custom_pen = f.custom_pen;
		pk->data = f.data;
		pk->ncomments = f.ncomments < PK_MAX_COMMENTS ? f.ncomments : PK_MAX_COMMENTS;
		for (int i = 0; i < pk->ncomments; i++) {
			pk->comments[i].p = f.comments[i].p;
			pk->comments[i].n = f.comments[i].n;
		}
		dissect_packet(pk);
		int64_t ts = pk->sec * 1000000000LL + pk->nsec;
		if (!info->packets || ts < info->first_ns)
			info->first_ns = ts;
		if (!info->packets || ts > info->last_ns)
			info->last_ns = ts;
		info->has_ts |= f.has_ts;
		info->packets++;
		info->bytes += f.len;
		fn(ctx, pk);
		/* the clock is read every 4096 frames: cheap, still ~10 updates a second */
		if (progress && !(n & 4095)) {
			double t = now_s();
			if (t - last_shown >= 0.1) {
				fprintf(stderr, "\r%lld packets, %.1f MB, %.0f packets/s   ", n,
					(double)info->bytes / 1e6, (double)n / (t - t0));
				last_shown = t;
				shown = 1;
			}
		}
	}
	sigaction(SIGINT, &old, NULL);
	info->interrupted = interrupted;
	if (shown)
		fputs("\r\033[K", stderr);
	if (r < 0) {
		info->damaged = 1;
		snprintf(info->error, sizeof info->error, "%s", capture_error(cap));
	}
	capture_close(cap);
	dissect_ctx_free(pk->ctx);
	free(pk);
	fs_free(&fs);
	arena_free(&arena);
	return 0;
}
