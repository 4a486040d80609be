/*
** engine.c -- the shared packet loop, on one thread or on several.
**
** Threads: frames travel in chunks of CHUNK consecutive frames through a ring
** of chunks.  The reader fills a chunk (copies of the records, numbered, times
** filled, a worker chosen per frame by shard_key()) and publishes it; every
** worker dissects its own frames of the chunk in order with its own
** dissect_ctx; once all workers are done with a chunk, the calling thread
** hands its frames to the callback in order.  One mutex and one condition
** variable per chunk step, not per frame: synchronisation is amortised.
*/
#include "engine.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "../core/arena.h"
#include "../core/field.h"
#include "../core/fieldset.h"
#include "../core/util.h"
#include "../dissect/dissect.h"
#include "../output/output.h"
#include "handoff.h"
#include "shard.h"

#define CHUNK 128
/*
** An aggregate job's slots are small and nothing waits on them in order:
** larger chunks mean fewer wake-ups (a context switch costs more than a frame).
*/
#define CHUNK_AGG      1024
#define CHUNKS_PER_JOB 2
/* a follower's ring (handoff.h): 56-byte entries, ~3.5 MiB; evens out a few ms of imbalance */
#define HANDOFF_ENTRIES (1u << 16)

static int jobs_opt;

static double thread_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void engine_set_jobs(int jobs)
{
	jobs_opt = jobs;
}

int engine_jobs(const char *const *paths, int npaths, int walk)
{
	/*
	** Default: one job per CPU when the caller says walk (an aggregate job
	** with no reader thread: every worker walks a mapped pcap itself, see
	** run_walk), one job elsewhere: on
	** the 2-CPU bench machine a reader thread and two workers sharing two CPUs
	** ran slower in wall time than one job (docs/performance.md).
	** -j 0 (jobs_opt -1) asks for one job per CPU; no -j leaves jobs_opt 0.
	*/
	long n = jobs_opt;
	if (n == 0)
		n = walk ? sysconf(_SC_NPROCESSORS_ONLN) : 1;
	if (n < 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n <= 1)
		return 1;
	if (n > MAX_JOBS)
		n = MAX_JOBS;
	const char *force = getenv("WIRESIFT_THREADS");
	if (force && (!strcmp(force, "force") || !strcmp(force, "verbose")))
		return (int)n;
	/* small inputs are done before threads would pay for themselves; stdin, globs and
	   directories are assumed large */
	off_t total = 0;
	for (int i = 0; i < npaths; i++) {
		struct stat st;
		if (!paths[i] || !strcmp(paths[i], "-") || stat(paths[i], &st) ||
		    !S_ISREG(st.st_mode))
			return (int)n;
		total += st.st_size;
	}
	return total < (off_t)ENGINE_MIN_BYTES ? 1 : (int)n;
}

int engine_walks(struct capture *cap)
{
	return capture_frames_stable(cap) && capture_path(cap);
}

/*
** The packet a loop dissects into, over its own field store and arena: one
** for the single loop, one per aggregate or walking worker.
*/
static struct packet *work_packet(struct fieldset *fs, struct arena *a, struct dissect_ctx *ctx,
				  const struct engine_opts *eo)
{
	fs_init(fs);
	fs->want_all = eo->want_all;
	arena_init(a);
	struct packet *pk = xcalloc(1, sizeof *pk);
	pk->fs = fs;
	pk->arena = a;
	pk->ctx = ctx;
	pk->want_cols = eo->want_cols;
	pk->no_info = eo->no_info;
	return pk;
}

/* ---- one job: the plain loop ---- */

/*
** run_single's frames after the first of a uniform capture whose records all
** have a timestamp and none is a custom block, without -2's selection: the
** usual run.  Every per-frame test of the general loop is constant here, so
** this loop has none of them.  Returns as run_single; *np: frames so far.
** Not inlined: in run_single's frame its values were spilled around every call.
*/
static __attribute__((noinline)) int loop_uniform_ts(struct capture *cap, cap_reader_fn own,
						     struct packet *pk, struct cap_frame *f,
						     struct pass_times *pt, long long max,
						     engine_fn fn, void *arg, long long *np)
{
	struct fieldset *fs = pk->fs;
	struct arena *a = pk->arena;
	const long long last = max ? max : LLONG_MAX;
	const int64_t first_sec = pt->first_sec;
	const int32_t first_nsec = pt->first_nsec;
	int64_t prev_sec = pt->prev_sec;
	int32_t prev_nsec = pt->prev_nsec;
	long long n = *np;
	int r = 1;
	while (n < last && (r = own(cap, f)) == 1) {
		n++;
		fs_reset(fs);
		arena_reset(a);
		fill_packet_rec_ts(pk, f, (uint32_t)n, first_sec, first_nsec, &prev_sec,
				   &prev_nsec);
		dissect_packet(pk);
		if (fn(arg, pk, f)) {
			r = 1;
			break;
		}
	}
	pt->prev_sec = prev_sec;
	pt->prev_nsec = prev_nsec;
	*np = n;
	return r;
}

/*
** The same for the other runs without -2's selection: next is the capture's own
** reader (uniform: the metadata stays the first frame's) or capture_next.
*/
static __attribute__((noinline)) int loop_frames(struct capture *cap, cap_reader_fn next,
						 int uniform, struct packet *pk,
						 struct cap_frame *f, struct pass_times *pt,
						 long long max, engine_fn fn, void *arg,
						 long long *np)
{
	const long long last = max ? max : LLONG_MAX;
	long long n = *np;
	int r = 1;
	while (n < last && (r = next(cap, f)) == 1) {
		n++;
		fs_reset(pk->fs);
		arena_reset(pk->arena);
		fill_packet_rec(pk, f, pt, (uint32_t)n);
		if (!uniform)
			fill_packet_meta(pk, f, cap, pt);
		dissect_packet(pk);
		if (fn(arg, pk, f)) {
			r = 1;
			break;
		}
	}
	*np = n;
	return r;
}

static int run_single(struct capture *cap, const struct engine_opts *eo, engine_fn fn, void *arg,
		      long long *nframes)
{
	struct fieldset fs;
	struct arena arena;
	struct packet *pk = work_packet(&fs, &arena, dissect_ctx_new(), eo);
	struct pass_times pt = PASS_TIMES_INIT;
	struct cap_frame f;
	long long n = 0, nread = 0;
	int r = 0;
	/* read once: fn may store anywhere, so eo's fields would be loaded again every frame */
	const long long max = eo->max;
	const uint8_t *const keep = eo->keep;
	/* pk is this capture's alone: a uniform one's metadata is copied with the first frame */
	const int uniform = capture_frames_uniform(cap);
	/* after a first capture_next fills f in full, a uniform capture's own reader */
	const cap_reader_fn own = capture_reader(cap);
	cap_reader_fn next = NULL;
	while ((max == 0 || n < max) && (r = next ? next(cap, &f) : capture_next(cap, &f)) == 1) {
		next = own;
		if (keep && (nread >= eo->nkeep || !keep[nread++])) /* -2 -R */
			continue;
		n++;
		fs_reset(&fs);
		arena_reset(&arena);
		if (keep && eo->nkeep > 0) {
			/*
			** tshark -2 measures time_relative from the first record;
			** time_delta is 0 for the first kept frame, from the first record
			** for the second, and from the previous kept frame after that
			** (observed with tshark 4.0.17).
			*/
			if (pt.first) {
				pt.first = 0;
				pt.first_sec = eo->ktimes[0].first_sec;
				pt.first_nsec = eo->ktimes[0].first_nsec;
				pt.prev_sec = f.has_ts ? f.sec : 0;
				pt.prev_nsec = f.has_ts ? f.nsec : 0;
			} else if (n == 2) {
				pt.prev_sec = eo->ktimes[0].first_sec;
				pt.prev_nsec = eo->ktimes[0].first_nsec;
			}
		}
		fill_packet_rec(pk, &f, &pt, (uint32_t)n);
		if (!uniform || n == 1)
			fill_packet_meta(pk, &f, cap, &pt);
		dissect_packet(pk);
		if (fn(arg, pk, &f)) {
			r = 1;
			break;
		}
		if (!keep) { /* the first frame was the general loop's only one */
			if (own && f.has_ts && f.rectype != CAP_REC_CUSTOM)
				r = loop_uniform_ts(cap, own, pk, &f, &pt, max, fn, arg, &n);
			else
				r = loop_frames(cap, own ? own : capture_next, uniform, pk, &f, &pt,
						max, fn, arg, &n);
			break;
		}
	}
	*nframes = n;
	dissect_ctx_free(pk->ctx);
	free(pk);
	fs_free(&fs);
	arena_free(&arena);
	return r;
}

/* ---- several jobs ---- */

struct slot {
	struct packet pk;
	struct cap_frame f; /* a copy; data and comments point into buf */
	uint8_t *buf;
	size_t bufcap;
	int worker;
	int ready; /* set up: done on first use, small files touch few slots */
};

struct chunk {
	struct slot *slots;
	uint8_t *who; /* each slot's worker, packed: workers scan it, not the large slots */
	int n;
	int pending;          /* workers not yet done with it */
	struct arena *arenas; /* one per worker: workers allocate concurrently */
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct chunk *chunks;
	int nchunks, nworkers;
	int chunk;          /* frames per chunk: CHUNK, or CHUNK_AGG for aggregate jobs */
	long long filled;   /* chunks published by the reader */
	long long consumed; /* chunks handed over and free again */
	int eof;            /* the reader published its last chunk */
	int stop;           /* the callback asked to stop */
	int rc;             /* the reader's last capture_next() result */
	long long nread;    /* frames the reader numbered */
	double reader_cpu;
	struct capture *cap;
	const struct engine_opts *eo;
};

/* a worker's first frame of each of its own stream numbers (aggregate jobs) */
struct firsts {
	int id;        /* tcp.stream or udp.stream */
	uint32_t *num; /* local -> first frame number, 0: not seen */
	uint32_t n, cap;
};

struct worker {
	struct pool *p;
	int id;
	struct firsts first[2];  /* tcp, udp */
	long long frames;        /* dissected here (WIRESIFT_THREADS=verbose shows them) */
	double cpu;              /* this thread's CPU seconds, idem */
	struct fieldset *fsring; /* see worker_main */
	int fscap, fsnext;
	pthread_t th;
	/* walking workers (walk_main): each reads the file through its own capture */
	struct capture *cap;
	const struct engine_opts *eo;
	atomic_int *stop; /* set by worker 0 when rfn stops the run (SIGINT) */
	/* led runs (handoff.h): worker 0 alone walks and hands worker w its frames in hand[w] */
	struct handoff *hand;
	struct outq *outq; /* per-frame output (ffn, pfn), else NULL */
	long long nread;   /* frames this worker numbered */
	int nworkers, rc;
	/* eo->renum: the chunk's own frames (fsring, pkring, carena) kept until numbered */
	struct packet *pkring;
	struct arena carena;
	uint32_t *gmap[2], gcap[2]; /* tcp, udp: local -> one job's + 1, 0 unseen, GPEND */
	uint32_t gnext[2];          /* streams numbered so far by all workers */
	int *keptj, nkept;          /* the kept frames' own indices in the chunk */
};

/* The record outlives the reader's next read: copy bytes and comments. */
static void copy_frame(struct slot *s, const struct cap_frame *f)
{
	size_t need = f->caplen;
	for (int i = 0; i < f->ncomments && i < CAP_MAX_COMMENTS; i++)
		need += f->comments[i].n;
	if (need > s->bufcap) {
		s->bufcap = need + need / 2;
		s->buf = xrealloc(s->buf, s->bufcap);
	}
	s->f = *f;
	size_t at = 0;
	if (f->caplen) {
		memcpy(s->buf, f->data, f->caplen);
		at = f->caplen;
	}
	s->f.data = s->buf;
	for (int i = 0; i < f->ncomments && i < CAP_MAX_COMMENTS; i++) {
		if (f->comments[i].n)
			memcpy(s->buf + at, f->comments[i].p, f->comments[i].n);
		s->f.comments[i].p = (const char *)s->buf + at;
		at += f->comments[i].n;
	}
}

static void *reader_main(void *arg)
{
	struct pool *p = arg;
	const struct engine_opts *eo = p->eo;
	struct pass_times pt = PASS_TIMES_INIT;
	struct cap_frame f;
	struct shard_map sm;
	shard_map_init(&sm, p->nworkers, 0);
	/* a mapped pcap's records stay where they are: no copy */
	int stable = capture_frames_stable(p->cap);
	long long n = 0;
	int r = 0, done = 0;
	for (long long c = 0; !done; c++) {
		pthread_mutex_lock(&p->mu);
		while (p->filled - p->consumed >= p->nchunks && !p->stop)
			pthread_cond_wait(&p->cv, &p->mu);
		int stop = p->stop;
		pthread_mutex_unlock(&p->mu);
		if (stop) {
			r = 1;
			break;
		}
		struct chunk *ch = &p->chunks[c % p->nchunks];
		ch->n = 0;
		for (int w = 0; w < p->nworkers; w++)
			arena_reset(&ch->arenas[w]);
		while (ch->n < p->chunk) {
			if (eo->max && n >= eo->max) {
				r = 1;
				done = 1;
				break;
			}
			if ((r = capture_next(p->cap, &f)) != 1) {
				done = 1;
				break;
			}
			n++;
			struct slot *s = &ch->slots[ch->n++];
			if (!s->ready) {
				s->pk.want_cols = eo->want_cols;
				s->pk.no_info = eo->no_info;
				s->ready = 1;
			}
			if (stable)
				s->f = f;
			else
				copy_frame(s, &f);
			fill_packet(&s->pk, &s->f, p->cap, &pt, (uint32_t)n);
			s->worker = shard_pick(&sm, shard_key(f.linktype, s->f.data, f.caplen));
			ch->who[ch->n - 1] = (uint8_t)s->worker;
			/* a nonzero return stops the reading after this frame (SIGINT) */
			if (eo->wfn && eo->rfn && eo->rfn(eo->rarg, &s->pk, &s->f)) {
				r = 1;
				done = 1;
				break;
			}
		}
		pthread_mutex_lock(&p->mu);
		ch->pending = p->nworkers;
		p->filled = c + 1;
		p->eof = done;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	shard_map_free(&sm);
	pthread_mutex_lock(&p->mu);
	p->nread = n;
	p->eof = 1;
	p->rc = r;
	p->reader_cpu = thread_cpu();
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/*
** An aggregate job's worker frees chunks itself: the chunks every worker is
** done with, from the oldest on, go back to the reader.  Called locked.
*/
static void release_done(struct pool *p)
{
	while (p->consumed < p->filled && p->chunks[p->consumed % p->nchunks].pending == 0)
		p->consumed++;
}

static void note_firsts(struct firsts *fi, const struct fieldset *fs, uint32_t num)
{
	if (fi->id < 0)
		return;
	for (int i = fs_first(fs, fi->id); i >= 0; i = fs->items[i].next_same) {
		uint64_t local = fs->items[i].val.v.u;
		if (local >= UINT32_MAX - 1)
			continue;
		if (local >= fi->cap) {
			uint32_t ncap = fi->cap ? fi->cap : 1024;
			while (ncap <= local)
				ncap *= 2;
			fi->num = xrealloc(fi->num, ncap * sizeof *fi->num);
			memset(fi->num + fi->cap, 0, (ncap - fi->cap) * sizeof *fi->num);
			fi->cap = ncap;
		}
		if (local >= fi->n)
			fi->n = (uint32_t)local + 1;
		if (!fi->num[local])
			fi->num[local] = num;
	}
}

/*
** One job numbers streams in order of first appearance over all frames: sort
** every worker's numbers by the frame they first appeared in (each worker's
** are already in that order, so a k-way merge) and count.
*/
static void build_streams(struct engine_streams *es, struct worker *wk, int jobs)
{
	memset(es, 0, sizeof *es);
	es->nworkers = jobs;
	for (int u = 0; u < 2; u++) {
		uint32_t at[MAX_JOBS] = {0}, next = 0;
		for (int w = 0; w < jobs; w++) {
			struct firsts *fi = &wk[w].first[u];
			es->n[u][w] = fi->n;
			es->map[u][w] = xmalloc((size_t)(fi->n ? fi->n : 1) * sizeof(uint32_t));
			for (uint32_t i = 0; i < fi->n; i++)
				es->map[u][w][i] = UINT32_MAX;
		}
		for (;;) {
			int best = -1;
			uint32_t bv = 0;
			for (int w = 0; w < jobs; w++) {
				struct firsts *fi = &wk[w].first[u];
				while (at[w] < fi->n && !fi->num[at[w]])
					at[w]++; /* a number no frame showed */
				if (at[w] < fi->n && (best < 0 || fi->num[at[w]] < bv)) {
					best = w;
					bv = fi->num[at[w]];
				}
			}
			if (best < 0)
				break;
			es->map[u][best][at[best]++] = next++;
		}
	}
}

void engine_streams_free(struct engine_streams *es)
{
	for (int u = 0; u < 2; u++)
		for (int w = 0; w < es->nworkers && w < MAX_JOBS; w++)
			free(es->map[u][w]);
	memset(es, 0, sizeof *es);
}

/*
** Aggregate jobs: the frame goes no further than this worker, so one packet,
** fieldset and arena, reused frame after frame, stay hot in this core's cache.
*/
static void worker_chunk_agg(struct worker *wk, struct chunk *ch, struct packet *pk)
{
	const struct engine_opts *eo = wk->p->eo;
	for (int i = 0; i < ch->n; i++) {
		if (ch->who[i] != wk->id)
			continue;
		struct slot *s = &ch->slots[i];
		/* the capture's part of the packet, as fill_packet left it */
		memcpy(pk, &s->pk, offsetof(struct packet, fs));
		fs_reset(pk->fs);
		arena_reset(pk->arena);
		dissect_packet(pk);
		if (eo->streams) {
			note_firsts(&wk->first[0], pk->fs, pk->num);
			note_firsts(&wk->first[1], pk->fs, pk->num);
		}
		eo->wfn(eo->wargs[wk->id], pk, &s->f);
		wk->frames++;
	}
}

static void *worker_main(void *arg)
{
	struct worker *wk = arg;
	struct pool *p = wk->p;
	struct dissect_ctx *ctx = dissect_ctx_new();
	int agg = p->eo->wfn != NULL;
	struct fieldset afs;
	struct arena aarena;
	struct packet *apk = NULL;
	if (agg)
		apk = work_packet(&afs, &aarena, ctx, p->eo);
	for (long long c = 0;; c++) {
		pthread_mutex_lock(&p->mu);
		while (p->filled <= c && !p->eof)
			pthread_cond_wait(&p->cv, &p->mu);
		int have = p->filled > c, stop = p->stop;
		pthread_mutex_unlock(&p->mu);
		if (!have)
			break;
		struct chunk *ch = &p->chunks[c % p->nchunks];
		if (agg && !stop)
			worker_chunk_agg(wk, ch, apk);
		for (int i = 0; i < ch->n && !stop && !agg; i++) {
			if (ch->who[i] != wk->id)
				continue;
			struct slot *s = &ch->slots[i];
			/*
			** The worker's own ring of fieldsets, used in frame order: its
			** memory stays on this core.  It holds as many as the chunk ring
			** has slots, so the frame that last used one was handed over.
			*/
			struct fieldset *fs = &wk->fsring[wk->fsnext];
			wk->fsnext = (wk->fsnext + 1) % wk->fscap;
			if (!fs->occ) {
				fs_init(fs);
				fs->want_all = p->eo->want_all;
			}
			fs_reset(fs);
			s->pk.fs = fs;
			s->pk.arena = &ch->arenas[wk->id];
			s->pk.ctx = ctx;
			dissect_packet(&s->pk);
			wk->frames++;
		}
		pthread_mutex_lock(&p->mu);
		if (--ch->pending == 0) {
			if (agg)
				release_done(p);
			pthread_cond_broadcast(&p->cv);
		}
		pthread_mutex_unlock(&p->mu);
	}
	if (agg) {
		free(apk);
		fs_free(&afs);
		arena_free(&aarena);
	}
	dissect_ctx_free(ctx);
	wk->cpu = thread_cpu();
	return NULL;
}

/*
** Per-frame output made on walking workers (engine_opts.ffn).  Frames are cut
** into chunks of OUT_CHUNK by number; for each chunk every worker fills one
** of its OUT_RING buffers with its own frames' text and their lengths, and
** worker 0 (the calling thread), which also notes each frame's worker, writes
** finished chunks to fout in frame order.  One lock step per chunk.  -w
** (engine_opts.pfn) goes the same way with a length of 1 for a record that
** passes and no text: worker 0 keeps every frame's record (it walks them all
** anyway) and hands the passing ones to wrfn, so the one writer encodes them
** exactly as with one job.
*/
#define OUT_CHUNK 1024
/*
** Deep enough that a worker ahead by a burst of heavy frames (or descheduled
** on a shared CPU) does not wait for the writer: a chunk's buffers are small.
*/
#define OUT_RING 64

/* eo->renum: a stream number a worker saw first in a chunk, and where */
struct stream_first {
	uint32_t frame, local;
	int udp;
};

struct outbuf {
	struct fields_line text;
	uint32_t *lens; /* each own frame's text length, in order */
	uint32_t *offs; /* ... and where it starts in text (renum formats some frames late) */
	uint8_t *who;   /* worker 0 only: every frame's worker */
	struct cap_frame *recs; /* ... and with pfn, every frame's record (no comments: a pcap) */
	int nown, nall;
	struct stream_first *first; /* eo->renum: in frame order */
	int nfirst, firstcap;
};

struct outq {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	long long done[MAX_JOBS];      /* chunks each worker finished */
	long long dissected[MAX_JOBS]; /* eo->renum: chunks each worker dissected */
	long long written;             /* chunks written out */
	struct outbuf *ring;           /* [worker * OUT_RING + chunk % OUT_RING] */
	FILE *out;
	int nworkers;
	const struct engine_opts *eo; /* pfn: wrfn writes the records */
	int wfailed;                  /* wrfn said stop: nothing more is written */
	/* ENGINE_RENUM_PATCH: the writer's numbering, as struct worker's gmap */
	uint32_t *gmap[2][MAX_JOBS], gcap[2][MAX_JOBS];
	uint32_t gnext[2];
	struct fields_line patched;  /* a chunk's text with one job's numbers */
	struct iovec iov[OUT_CHUNK]; /* a chunk's texts, in frame order */
};

static struct outbuf *outq_buf(struct outq *q, int w, long long k)
{
	return &q->ring[w * OUT_RING + (int)(k % OUT_RING)];
}

/* -w: the chunk's records whose workers said they pass, in frame order */
static void outq_write_recs(struct outq *q, long long k)
{
	struct outbuf *b0 = outq_buf(q, 0, k);
	int at[MAX_JOBS] = {0};
	for (int i = 0; i < b0->nall && !q->wfailed; i++) {
		int w = b0->who[i];
		if (outq_buf(q, w, k)->lens[at[w]++] &&
		    q->eo->wrfn(q->eo->wrarg, &b0->recs[i], (uint32_t)(k * OUT_CHUNK + i + 1)))
			q->wfailed = 1;
	}
}

/*
** A chunk's texts go to the descriptor itself, straight from the workers'
** buffers: through stdio they would be copied once more (as fields.c's
** batches).  The stream is flushed first (the header); stdio's behaviour on a
** failed write is kept: the bytes are dropped.
*/
static void outq_writev(struct outq *q, struct iovec *iov, int n)
{
	int fd = fileno(q->out);
	if (fd < 0 || fflush(q->out)) {
		for (int i = 0; i < n; i++)
			fwrite(iov[i].iov_base, 1, iov[i].iov_len, q->out);
		return;
	}
	long most = sysconf(_SC_IOV_MAX);
	if (most < 16)
		most = 16; /* POSIX's least */
	while (n > 0) {
		ssize_t k = writev(fd, iov, n < most ? n : (int)most);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return;
		for (; n > 0 && (size_t)k >= iov->iov_len; n--, iov++)
			k -= (ssize_t)iov->iov_len;
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + k;
			iov->iov_len -= (size_t)k;
		}
	}
}

/*
** The next of chunk k's first-seen stream numbers over all workers, in frame
** order (a k-way merge of their lists; at[w] is how far worker w's is read),
** or NULL; *who is the worker whose it is.
*/
static const struct stream_first *outq_next_first(struct outq *q, long long k, int *at, int *who)
{
	int best = -1;
	uint32_t bv = 0;
	for (int w = 0; w < q->nworkers; w++) {
		struct outbuf *b = outq_buf(q, w, k);
		if (at[w] < b->nfirst && (best < 0 || b->first[at[w]].frame < bv)) {
			best = w;
			bv = b->first[at[w]].frame;
		}
	}
	if (best < 0)
		return NULL;
	*who = best;
	return &outq_buf(q, best, k)->first[at[best]++];
}

/* ENGINE_RENUM_PATCH: chunk k's first-seen stream numbers get one job's, in frame order */
static void outq_number(struct outq *q, long long k)
{
	int at[MAX_JOBS] = {0}, best;
	for (const struct stream_first *e; (e = outq_next_first(q, k, at, &best));) {
		int u = e->udp;
		if (e->local >= q->gcap[u][best]) {
			uint32_t ncap = q->gcap[u][best] ? q->gcap[u][best] : 1024;
			while (ncap <= e->local)
				ncap *= 2;
			q->gmap[u][best] = xrealloc(q->gmap[u][best], ncap * sizeof(uint32_t));
			memset(q->gmap[u][best] + q->gcap[u][best], 0,
			       (ncap - q->gcap[u][best]) * sizeof(uint32_t));
			q->gcap[u][best] = ncap;
		}
		q->gmap[u][best][e->local] = ++q->gnext[u];
	}
}

struct patch_arg {
	struct outq *q;
	int w;
};

static uint32_t patch_map(void *arg, int udp, uint32_t local)
{
	struct patch_arg *pa = arg;
	struct outq *q = pa->q;
	if (local >= q->gcap[udp][pa->w] || !q->gmap[udp][pa->w][local])
		return UINT32_MAX;
	return q->gmap[udp][pa->w][local] - 1;
}

/*
** ENGINE_RENUM_PATCH: the workers formatted their own stream numbers; the
** lines go out with one job's numbers put into their stream cells.
*/
static void outq_write_patched(struct outq *q, long long k)
{
	outq_number(q, k);
	struct outbuf *b0 = outq_buf(q, 0, k);
	int at[MAX_JOBS] = {0};
	size_t cell[MAX_JOBS] = {0};
	struct fields_line *out = &q->patched;
	out->len = 0;
	for (int i = 0; i < b0->nall; i++) {
		int w = b0->who[i];
		struct outbuf *b = outq_buf(q, w, k);
		int j = at[w]++;
		if (!b->lens[j])
			continue;
		struct patch_arg pa = {q, w};
		cell[w] += fields_patch_streams(out, b->text.p, b->offs[j], b->lens[j],
						b->text.cells + cell[w], b->text.ncells - cell[w],
						patch_map, &pa);
	}
	q->iov[0] = (struct iovec){out->p, out->len};
	outq_writev(q, q->iov, out->len > 0);
}

static void outq_write(struct outq *q, long long k)
{
	if (q->eo->pfn) {
		outq_write_recs(q, k);
		return;
	}
	if (q->eo->renum == ENGINE_RENUM_PATCH) {
		outq_write_patched(q, k);
		return;
	}
	struct outbuf *b0 = outq_buf(q, 0, k);
	int at[MAX_JOBS] = {0}, n = 0;
	/* frames whose texts lie end to end go out as one piece */
	for (int i = 0; i < b0->nall; i++) {
		int w = b0->who[i];
		struct outbuf *b = outq_buf(q, w, k);
		int j = at[w]++;
		if (!b->lens[j])
			continue;
		char *p = b->text.p + b->offs[j];
		if (n && p == (char *)q->iov[n - 1].iov_base + q->iov[n - 1].iov_len)
			q->iov[n - 1].iov_len += b->lens[j];
		else
			q->iov[n++] = (struct iovec){p, b->lens[j]};
	}
	outq_writev(q, q->iov, n);
}

/* Worker 0: write the chunks before upto that are finished; block: wait for them. */
static void outq_flush(struct outq *q, long long upto, int block)
{
	for (;;) {
		pthread_mutex_lock(&q->mu);
		long long k = q->written;
		int ready = 0;
		while (k < upto) {
			ready = 1;
			for (int w = 0; w < q->nworkers; w++)
				if (q->done[w] <= k)
					ready = 0;
			if (ready || !block)
				break;
			pthread_cond_wait(&q->cv, &q->mu);
		}
		pthread_mutex_unlock(&q->mu);
		if (k >= upto || !ready)
			return;
		outq_write(q, k);
		pthread_mutex_lock(&q->mu);
		q->written = k + 1;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
	}
}

/* A worker starts chunk k: its buffer must have been written out. */
static struct outbuf *outq_begin(struct outq *q, int w, long long k)
{
	if (w == 0) {
		outq_flush(q, k - OUT_RING + 1, 1);
	} else {
		pthread_mutex_lock(&q->mu);
		while (q->written < k - OUT_RING + 1)
			pthread_cond_wait(&q->cv, &q->mu);
		pthread_mutex_unlock(&q->mu);
	}
	struct outbuf *b = outq_buf(q, w, k);
	if (!b->lens) {
		b->lens = xmalloc(OUT_CHUNK * sizeof *b->lens);
		b->offs = xmalloc(OUT_CHUNK * sizeof *b->offs);
		b->who = w ? NULL : xmalloc(OUT_CHUNK);
		b->recs = w || !q->eo->pfn ? NULL : xmalloc(OUT_CHUNK * sizeof *b->recs);
	}
	b->text.len = 0;
	b->text.ncells = 0;
	b->text.mark = q->eo->renum == ENGINE_RENUM_PATCH;
	b->nown = b->nall = b->nfirst = 0;
	return b;
}

static void outq_free(struct outq *q, int nworkers)
{
	for (int i = 0; i < nworkers * OUT_RING; i++) {
		free(q->ring[i].text.p);
		free(q->ring[i].lens);
		free(q->ring[i].offs);
		free(q->ring[i].who);
		free(q->ring[i].recs);
		free(q->ring[i].first);
		free(q->ring[i].text.cells);
	}
	for (int u = 0; u < 2; u++)
		for (int w = 0; w < nworkers; w++)
			free(q->gmap[u][w]);
	free(q->patched.p);
	free(q->ring);
	pthread_cond_destroy(&q->cv);
	pthread_mutex_destroy(&q->mu);
}

static void outq_end(struct outq *q, int w, long long done)
{
	pthread_mutex_lock(&q->mu);
	q->done[w] = done;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
	if (w == 0)
		outq_flush(q, done, 0);
}

/*
** Stream numbers on walking workers (eo->renum).  One job numbers tcp.stream
** and udp.stream in order of first appearance; a worker sees only its own
** flows.  Per output chunk, each worker dissects its frames, notes the
** numbers it had not seen before and the frame of each, and waits until
** every worker has done the same; then all of them walk the notes of every
** worker in frame order, each counting all and keeping its own.  A frame
** whose numbers are all known already is numbered and formatted at once (in
** one field store, hot in the cache); only the frames that show a number
** first seen in the chunk are kept (a packet and field store each) until the
** numbering.  The notes stay readable until the chunk is written (outq_begin
** reuses a buffer only after that).
*/
#define GPEND UINT32_MAX

static int renum_note(struct worker *wk, struct outbuf *ob, const struct fieldset *fs, uint32_t num)
{
	int pending = 0;
	for (int u = 0; u < 2; u++) {
		int id = wk->first[u].id;
		for (int i = id < 0 ? -1 : fs_first(fs, id); i >= 0; i = fs->items[i].next_same) {
			uint64_t local = fs->items[i].val.v.u;
			if (local >= UINT32_MAX - 1)
				continue;
			if (local >= wk->gcap[u]) {
				uint32_t ncap = wk->gcap[u] ? wk->gcap[u] : 1024;
				while (ncap <= local)
					ncap *= 2;
				wk->gmap[u] = xrealloc(wk->gmap[u], ncap * sizeof *wk->gmap[u]);
				memset(wk->gmap[u] + wk->gcap[u], 0,
				       (ncap - wk->gcap[u]) * sizeof *wk->gmap[u]);
				wk->gcap[u] = ncap;
			}
			if (wk->gmap[u][local]) {
				pending |= wk->gmap[u][local] == GPEND;
				continue;
			}
			pending = 1;
			wk->gmap[u][local] = GPEND;
			if (ob->nfirst == ob->firstcap) {
				ob->firstcap = ob->firstcap ? 2 * ob->firstcap : 64;
				ob->first =
				    xrealloc(ob->first, (size_t)ob->firstcap * sizeof *ob->first);
			}
			ob->first[ob->nfirst++] = (struct stream_first){num, (uint32_t)local, u};
		}
	}
	return pending;
}

/* An own frame's output: its text (ffn), or whether its record is written (pfn). */
static void frame_out(const struct engine_opts *eo, int w, struct outbuf *ob,
		      const struct packet *p, int j)
{
	if (eo->pfn) {
		ob->lens[j] = eo->pfn(eo->fargs[w], p) != 0;
		return;
	}
	size_t from = ob->text.len;
	eo->ffn(eo->fargs[w], p, &ob->text);
	ob->offs[j] = (uint32_t)from;
	ob->lens[j] = (uint32_t)(ob->text.len - from);
}

/* One job's numbers into a frame whose numbers are all known, then its output. */
static void renum_format(struct worker *wk, struct outbuf *ob, struct packet *p, int j)
{
	struct fieldset *fs = p->fs;
	for (int u = 0; u < 2; u++) {
		int id = wk->first[u].id;
		for (int i = id < 0 ? -1 : fs_first(fs, id); i >= 0; i = fs->items[i].next_same) {
			uint64_t local = fs->items[i].val.v.u;
			if (local < UINT32_MAX - 1)
				fs->items[i].val.v.u = wk->gmap[u][local] - 1;
		}
	}
	frame_out(wk->eo, wk->id, ob, p, j);
}

/* Wait until every worker has dissected chunk k and noted its first numbers. */
static void outq_dissected(struct outq *q, int w, long long k)
{
	pthread_mutex_lock(&q->mu);
	q->dissected[w] = k + 1;
	pthread_cond_broadcast(&q->cv);
	for (;;) {
		int all = 1;
		for (int x = 0; x < q->nworkers; x++)
			if (q->dissected[x] <= k)
				all = 0;
		if (all)
			break;
		pthread_cond_wait(&q->cv, &q->mu);
	}
	pthread_mutex_unlock(&q->mu);
}

/* Chunk k's numbers first seen: numbered; the frames kept for them: formatted. */
static void renum_chunk(struct worker *wk, struct outq *q, struct outbuf *ob, long long k)
{
	outq_dissected(q, wk->id, k);
	int at[MAX_JOBS] = {0}, best;
	for (const struct stream_first *e; (e = outq_next_first(q, k, at, &best));) {
		uint32_t g = wk->gnext[e->udp]++;
		if (best == wk->id)
			wk->gmap[e->udp][e->local] = g + 1;
	}
	for (int i = 0; i < wk->nkept; i++)
		renum_format(wk, ob, &wk->pkring[i], wk->keptj[i]);
	wk->nkept = 0;
	arena_reset(&wk->carena);
}

/*
** Worker 0 of the walking workers also does, for every frame, what needs
** them all in order: writing the records (pfn) or the texts (ffn), or rfn
** (io,stat's plain columns).  Balanced by each thread's CPU seconds
** (WIRESIFT_THREADS=verbose), -j 2, on the 10M-frame bench capture: -T fields
** with 36 columns 4.39/3.87 s untaxed, 4.06/4.16 at 1, 3.76/4.47 at 2;
** io,stat 1.12/0.98 untaxed, 1.04/1.08 at 3; -w (pcapng) 6.18/3.39 at 8,
** 5.92/3.96 at 12 (the writer is most of worker 0's time).  On its first 1M
** frames -w was 0.37/0.19 untaxed, 0.28/0.28 at 12; the summary, whose
** workers build Info, was even untaxed.
*/
static uint32_t worker0_tax(const struct engine_opts *eo)
{
	if (eo->pfn)
		return 12;
	if (eo->ffn)
		return eo->no_info ? 1 : 0;
	return eo->rfn ? 3 : 0;
}

/*
** The leader's tax (lead_main): the walk, shard choice, rfn and hand-over of
** every frame cost about a fifth of dissecting one for conv,tcp (callgrind,
** 1M frames: ~280 of ~1,270 instructions a frame) and less for the heavier
** analyses, so 3 of 16.  Measured with WIRESIFT_THREADS=verbose's CPU
** seconds, -j 2, 10M-frame bench capture: conv,tcp 0.92/1.08 s at 7
** (docs/performance.md).
*/
#define LEAD_TAX 3

/*
** The leader's tax is a guess: the walk weighs more against a 5-field
** export than against a 36-field one or expert.  Every LEAD_LOOK frames the
** leader compares the CPU time it has used with its followers' (each
** publishes its own as it goes, handoff.cpu_ns): ahead, it takes a little
** more tax (new flows go to the followers), behind, a little less, so that
** all end the run having worked about as long.  The choice of worker
** changes no output (tests/golden/threads.sh compares every -j against
** -j 1), so it may follow the timing.
*/
#define LEAD_LOOK    4096
#define LEAD_TAX_MAX (4 * SHARD_UNIT)

static uint64_t thread_cpu_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void lead_balance(const struct worker *wk, struct shard_map *sm)
{
	uint64_t others = 0;
	for (int i = 1; i < wk->nworkers; i++)
		others += atomic_load_explicit(&wk->hand[i].cpu_ns, memory_order_relaxed);
	uint64_t mine = thread_cpu_ns() * (uint64_t)(wk->nworkers - 1);
	/* within 1%: leave it */
	if (mine > others + others / 100 && sm->tax0 < LEAD_TAX_MAX)
		sm->tax0++;
	else if (mine + mine / 100 < others && sm->tax0 > 0)
		sm->tax0--;
}

/* A worker's own frame: dissected into its reused store, its first stream numbers noted */
static inline void dissect_own(struct worker *wk, struct packet *pk)
{
	fs_reset(pk->fs);
	arena_reset(pk->arena);
	dissect_packet(pk);
	if (wk->eo->streams) {
		note_firsts(&wk->first[0], pk->fs, pk->num);
		note_firsts(&wk->first[1], pk->fs, pk->num);
	}
}

/* A frame of another worker's into its ring: fill_packet_rec's numbers, made once */
static inline void hand_over(struct handoff *h, const struct packet *rec)
{
	struct handoff_frame *e = handoff_slot(h);
	e->data = rec->data;
	e->sec = rec->sec;
	e->nsec = rec->nsec;
	e->rel_sec = rec->rel_sec;
	e->rel_nsec = rec->rel_nsec;
	e->delta_sec = rec->delta_sec;
	e->delta_nsec = rec->delta_nsec;
	e->num = rec->num;
	e->caplen = rec->caplen;
	e->len = rec->len;
	handoff_put(h);
}

/* hand_over's reverse, on the follower */
static inline void take_frame(struct packet *pk, const struct handoff_frame *e)
{
	pk->num = e->num;
	pk->sec = e->sec;
	pk->nsec = e->nsec;
	pk->rel_sec = e->rel_sec;
	pk->rel_nsec = e->rel_nsec;
	pk->delta_sec = e->delta_sec;
	pk->delta_nsec = e->delta_nsec;
	pk->caplen = e->caplen;
	pk->len = e->len;
	pk->data = e->data;
}

/*
** Per-frame output: chunk k of the output begins (end 0), or the run ends
** after chunks chunks (end 1).  Published and the follower woken at once:
** the leader may wait next for the follower to finish a chunk (outq_begin),
** and the follower must not sleep on a marker it has not seen.
*/
static void hand_mark(struct handoff *h, long long k, int end)
{
	struct handoff_frame *e = handoff_slot(h);
	e->data = NULL;
	e->num = (uint32_t)k;
	e->len = (uint32_t)end;
	handoff_put(h);
	handoff_kick(h);
}

/*
** A follower (worker w > 0): dissects what worker 0 hands it.  The capture
** is uniform, so the metadata of its own first record (its own capture of
** the file, read once) is every frame's.  An aggregate job's frames go to
** wfn; a per-frame output job's (ffn or pfn, stream numbers patched by the
** writer or not shown) into its own buffer of the chunk the leader's
** markers say, as walk_main's would.  It begins chunk k only after the
** leader did (the marker comes after), so the chunks it waits to see
** written (outq_begin) are already.
*/
static void *follow_main(void *arg)
{
	struct worker *wk = arg;
	const struct engine_opts *eo = wk->eo;
	struct fieldset fs;
	struct arena arena;
	struct packet *pk = work_packet(&fs, &arena, dissect_ctx_new(), eo);
	struct pass_times pt = PASS_TIMES_INIT;
	struct cap_frame f;
	memset(&f, 0, sizeof f);
	struct handoff *h = &wk->hand[wk->id];
	struct outq *q = wk->outq;
	struct outbuf *ob = NULL;
	int patch = q && eo->renum == ENGINE_RENUM_PATCH;
	if (capture_next(wk->cap, &f) == 1)
		fill_packet_meta(pk, &f, wk->cap, &pt);
	for (const struct handoff_frame *e; (e = handoff_take(h));) {
		if (!e->data) { /* hand_mark */
			if (ob)
				outq_end(q, wk->id, e->num);
			ob = e->len ? NULL : outq_begin(q, wk->id, e->num);
			continue;
		}
		take_frame(pk, e);
		dissect_own(wk, pk);
		if (q) {
			if (patch) /* the writer numbers them (outq_number) */
				renum_note(wk, ob, &fs, pk->num);
			frame_out(eo, wk->id, ob, pk, ob->nown++);
		} else {
			f.caplen = e->caplen;
			f.len = e->len;
			f.data = e->data;
			f.sec = e->sec;
			f.nsec = e->nsec;
			eo->wfn(eo->wargs[wk->id], pk, &f);
		}
		if ((++wk->frames & 1023) == 0) /* lead_balance */
			atomic_store_explicit(&h->cpu_ns, thread_cpu_ns(), memory_order_relaxed);
	}
	if (patch) {
		free(wk->gmap[0]);
		free(wk->gmap[1]);
	}
	dissect_ctx_free(pk->ctx);
	free(pk);
	fs_free(&fs);
	arena_free(&arena);
	wk->cpu = thread_cpu();
	return NULL;
}

/*
** The leader (worker 0 of an aggregate job, the calling thread): the one
** walk of the file.  Every frame gets its number and times, rfn, and a
** worker; worker 0's are dissected here as on the single loop, the others'
** go to their followers' rings.
*/
static void lead_main(struct worker *wk)
{
	const struct engine_opts *eo = wk->eo;
	struct capture *cap = wk->cap;
	struct fieldset fs;
	struct arena arena;
	struct packet *pk = work_packet(&fs, &arena, dissect_ctx_new(), eo);
	struct shard_map sm;
	shard_map_init(&sm, wk->nworkers, LEAD_TAX);
	struct pass_times pt = PASS_TIMES_INIT;
	struct cap_frame f;
	const long long max = eo->max;
	const engine_fn rfn = eo->rfn, wfn = eo->wfn;
	void *const rarg = eo->rarg, *const warg = eo->wargs[0];
	const cap_reader_fn own = capture_reader(cap);
	cap_reader_fn next = NULL;
	long long n = 0;
	int r = 0;
	while ((max == 0 || n < max) && (r = next ? next(cap, &f) : capture_next(cap, &f)) == 1) {
		next = own;
		n++;
		fill_packet_rec(pk, &f, &pt, (uint32_t)n);
		if (n == 1) /* a uniform capture (run_walk): the first record's are every one's */
			fill_packet_meta(pk, &f, cap, &pt);
		int w = shard_pick(&sm, shard_key(f.linktype, f.data, f.caplen));
		if (n % LEAD_LOOK == 0)
			lead_balance(wk, &sm);
		int stop = rfn && rfn(rarg, pk, &f);
		if (w) {
			hand_over(&wk->hand[w], pk);
		} else {
			dissect_own(wk, pk);
			wfn(warg, pk, &f);
			wk->frames++;
		}
		if (stop) { /* a nonzero return stops the reading after this frame (SIGINT) */
			r = 1;
			break;
		}
	}
	for (int i = 1; i < wk->nworkers; i++)
		handoff_end(&wk->hand[i]);
	wk->nread = n;
	wk->rc = r;
	shard_map_free(&sm);
	dissect_ctx_free(pk->ctx);
	free(pk);
	fs_free(&fs);
	arena_free(&arena);
	wk->cpu = thread_cpu();
}

/*
** Aggregate jobs on a mapped plain pcap: no reader thread.  Every worker walks
** all record headers of its own capture of the file (the walk is cheap: the
** bytes are in the page cache, shared by every mapping), numbers the frames,
** keeps the times running and makes the same shard_pick() choice as the
** others (same keys in the same order: same answers), and dissects only its
** own frames.  Nothing is handed over, so there is no synchronisation at
** all until the end; worker 0 is the calling thread and also calls rfn on
** every frame, in order.
*/
static void *walk_main(void *arg)
{
	struct worker *wk = arg;
	const struct engine_opts *eo = wk->eo;
	struct fieldset fs;
	struct arena arena;
	struct packet *rec = xcalloc(1, sizeof *rec);
	struct packet *pk = work_packet(&fs, &arena, dissect_ctx_new(), eo);
	rec->want_cols = eo->want_cols;
	rec->no_info = eo->no_info;
	struct shard_map sm;
	shard_map_init(&sm, wk->nworkers, worker0_tax(eo) + (wk->hand ? LEAD_TAX : 0));
	struct pass_times pt = PASS_TIMES_INIT;
	struct cap_frame f;
	memset(&f, 0, sizeof f); /* once: capture_next_reuse */
	int counts = wk->id == 0 && eo->rfn;
	struct outq *q = wk->outq;
	struct outbuf *ob = NULL;
	int rn = q && eo->renum == ENGINE_RENUM_WAIT;
	int patch = q && eo->renum == ENGINE_RENUM_PATCH;
	/* per-frame output led by worker 0 (handoff.h): the others follow (follow_main) */
	int lead = wk->hand != NULL;
	if (rn) {
		wk->pkring = xcalloc(OUT_CHUNK, sizeof *wk->pkring);
		wk->fsring = xcalloc(OUT_CHUNK, sizeof *wk->fsring);
		wk->fscap = OUT_CHUNK;
		wk->keptj = xmalloc(OUT_CHUNK * sizeof *wk->keptj);
		arena_init(&wk->carena);
	}
	long long n = 0;
	int r = 0;
	for (;;) {
		if (q && n % OUT_CHUNK == 0) {
			if (ob && rn)
				renum_chunk(wk, q, ob, n / OUT_CHUNK - 1);
			if (ob)
				outq_end(q, wk->id, n / OUT_CHUNK);
			ob = outq_begin(q, wk->id, n / OUT_CHUNK);
			if (lead) /* after outq_begin: see follow_main */
				for (int i = 1; i < wk->nworkers; i++)
					hand_mark(&wk->hand[i], n / OUT_CHUNK, 0);
		}
		if (eo->max && n >= eo->max) {
			r = 1;
			break;
		}
		if ((n & 1023) == 0 && atomic_load_explicit(wk->stop, memory_order_relaxed)) {
			r = 1;
			break;
		}
		if ((r = capture_next_reuse(wk->cap, &f)) != 1)
			break;
		n++;
		int w = shard_pick(&sm, shard_key(f.linktype, f.data, f.caplen)), own = w == wk->id;
		if (ob && ob->who) {
			if (ob->recs) {
				/* the writer's fields; a pcap record has no comments */
				memcpy(&ob->recs[ob->nall], &f,
				       offsetof(struct cap_frame, ncomments));
				ob->recs[ob->nall].ncomments = 0;
			}
			ob->who[ob->nall++] = (uint8_t)w;
		}
		if (lead) {
			if (n % LEAD_LOOK == 0)
				lead_balance(wk, &sm);
			fill_packet_rec(rec, &f, &pt, (uint32_t)n);
			if (n == 1) /* a uniform capture (run_walk) */
				fill_packet_meta(rec, &f, wk->cap, &pt);
			if (!own) {
				hand_over(&wk->hand[w], rec);
				continue;
			}
		} else if (!own && !counts) {
			fill_skip(&f, &pt);
			continue;
		} else {
			fill_packet(rec, &f, wk->cap, &pt, (uint32_t)n);
		}
		int stop = counts && eo->rfn(eo->rarg, rec, &f);
		if (own && rn) {
			/*
			** Into the next free packet and field store (the same one
			** frame after frame unless it is kept), the chunk's arena.
			*/
			struct packet *p = &wk->pkring[wk->nkept];
			struct fieldset *pfs = &wk->fsring[wk->nkept];
			if (!pfs->occ) {
				fs_init(pfs);
				pfs->want_all = eo->want_all;
			}
			fs_reset(pfs);
			memcpy(p, rec, offsetof(struct packet, fs));
			p->fs = pfs;
			p->arena = &wk->carena;
			p->ctx = pk->ctx;
			p->want_cols = eo->want_cols;
			p->no_info = eo->no_info;
			dissect_packet(p);
			if (renum_note(wk, ob, pfs, p->num))
				wk->keptj[wk->nkept++] = ob->nown;
			else
				renum_format(wk, ob, p, ob->nown);
			ob->nown++;
			wk->frames++;
		} else if (own) {
			memcpy(pk, rec, offsetof(struct packet, fs));
			dissect_own(wk, pk);
			if (patch) /* the writer numbers them (outq_number) */
				renum_note(wk, ob, &fs, pk->num);
			if (ob) {
				frame_out(eo, wk->id, ob, pk, ob->nown++);
			} else {
				eo->wfn(eo->wargs[wk->id], pk, &f);
			}
			wk->frames++;
		}
		if (stop) { /* a nonzero return stops the reading after this frame (SIGINT) */
			atomic_store(wk->stop, 1);
			r = 1;
			break;
		}
	}
	wk->nread = n;
	wk->rc = r;
	if (q) {
		/* every worker read the same frames: the last chunk is partly filled */
		long long chunks = (n + OUT_CHUNK - 1) / OUT_CHUNK;
		if (rn && n % OUT_CHUNK)
			renum_chunk(wk, q, ob, n / OUT_CHUNK);
		if (lead) /* before the blocking flush below, which waits for the followers */
			for (int i = 1; i < wk->nworkers; i++) {
				hand_mark(&wk->hand[i], chunks, 1);
				handoff_end(&wk->hand[i]);
			}
		outq_end(q, wk->id, chunks);
		if (wk->id == 0)
			outq_flush(q, chunks, 1);
	}
	shard_map_free(&sm);
	if (patch) {
		free(wk->gmap[0]);
		free(wk->gmap[1]);
	}
	if (rn) {
		for (int i = 0; i < OUT_CHUNK; i++)
			if (wk->fsring[i].occ)
				fs_free(&wk->fsring[i]);
		free(wk->fsring);
		free(wk->pkring);
		free(wk->keptj);
		arena_free(&wk->carena);
		free(wk->gmap[0]);
		free(wk->gmap[1]);
	}
	dissect_ctx_free(pk->ctx);
	free(pk);
	free(rec);
	fs_free(&fs);
	arena_free(&arena);
	wk->cpu = thread_cpu();
	return NULL;
}

static void print_cpu(const struct worker *wk, int jobs, const char *what)
{
	fprintf(stderr, "wiresift: %d workers, frames:", jobs);
	for (int w = 0; w < jobs; w++)
		fprintf(stderr, " %lld", wk[w].frames);
	if (what)
		fputs(what, stderr);
	fputs("\nwiresift: CPU seconds: workers", stderr);
	for (int w = 0; w < jobs; w++)
		fprintf(stderr, " %.2f", wk[w].cpu);
	fputc('\n', stderr);
}

/* What the walking workers do, for WIRESIFT_THREADS=verbose (tests/golden/threads.sh) */
static const char *walk_kind(const struct engine_opts *eo)
{
	if (eo->pfn)
		return " (no reader; records to write picked on the workers";
	if (eo->ffn && eo->renum == ENGINE_RENUM_PATCH)
		return " (no reader; output made on the workers, stream numbers by the writer";
	if (eo->ffn)
		return " (no reader; output made on the workers";
	return " (aggregate: each worker keeps its own tables; no reader";
}

/* -2 when a worker's own capture cannot be opened: the caller takes the reader's way */
static int run_walk(struct capture *cap, const struct engine_opts *eo, long long *nframes, int jobs)
{
	struct worker *wk = xcalloc((size_t)jobs, sizeof *wk);
	atomic_int stop = 0;
	struct outq q;
	memset(&q, 0, sizeof q);
	int out = eo->ffn || eo->pfn; /* per-frame output: text, or records to write */
	if (out) {
		pthread_mutex_init(&q.mu, NULL);
		pthread_cond_init(&q.cv, NULL);
		q.ring = xcalloc((size_t)jobs * OUT_RING, sizeof *q.ring);
		q.out = eo->fout;
		q.nworkers = jobs;
		q.eo = eo;
	}
	for (int w = 0; w < jobs; w++) {
		char err[1024];
		wk[w].cap = w ? capture_open(capture_path(cap), err, sizeof err) : cap;
		if (!wk[w].cap || !capture_frames_stable(wk[w].cap)) {
			for (int i = 1; i <= w; i++)
				if (wk[i].cap)
					capture_close(wk[i].cap);
			free(wk);
			if (out)
				outq_free(&q, jobs);
			return -2;
		}
		wk[w].id = w;
		wk[w].eo = eo;
		wk[w].stop = &stop;
		wk[w].outq = out ? &q : NULL;
		wk[w].nworkers = jobs;
		int sid = eo->streams || (out && eo->renum);
		wk[w].first[0].id = sid ? field_lookup("tcp.stream") : -1;
		wk[w].first[1].id = sid ? field_lookup("udp.stream") : -1;
	}
	/* worker 0 leads (handoff.h), but where every worker waits for the others anyway */
	struct handoff *hand = NULL;
	int rn = out && eo->renum == ENGINE_RENUM_WAIT; /* every worker waits for the others */
	if (!rn && capture_frames_uniform(cap) && capture_reader(cap)) {
		hand = xcalloc((size_t)jobs, sizeof *hand);
		for (int w = 1; w < jobs; w++)
			handoff_init(&hand[w], HANDOFF_ENTRIES);
		for (int w = 0; w < jobs; w++)
			wk[w].hand = hand;
	}
	/* signals (SIGINT stops the analyses) are for the calling thread only */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (int w = 1; w < jobs; w++)
		if (pthread_create(&wk[w].th, NULL, hand ? follow_main : walk_main, &wk[w]))
			die("cannot start a worker thread");
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (hand && !out)
		lead_main(&wk[0]);
	else
		walk_main(&wk[0]);
	for (int w = 1; w < jobs; w++) {
		pthread_join(wk[w].th, NULL);
		capture_close(wk[w].cap);
	}
	*nframes = wk[0].nread;
	const char *v = getenv("WIRESIFT_THREADS");
	if (v && !strcmp(v, "verbose")) {
		char what[160];
		snprintf(what, sizeof what, "%s%s)", walk_kind(eo), hand ? "; worker 0 walks" : "");
		print_cpu(wk, jobs, what);
	}
	if (eo->streams)
		build_streams(eo->streams, wk, jobs);
	for (int w = 0; w < jobs; w++) {
		free(wk[w].first[0].num);
		free(wk[w].first[1].num);
	}
	int r = wk[0].rc;
	free(wk);
	if (out)
		outq_free(&q, jobs);
	if (hand) {
		for (int w = 1; w < jobs; w++)
			handoff_free(&hand[w]);
		free(hand);
	}
	return r;
}

/*
** tcp.stream and udp.stream count conversations in order of first
** appearance over the whole capture; a worker numbers only its own.  A
** stream's number appears first in the frame that creates it, so walking
** frames in order and numbering each worker's local streams as they first
** appear gives back the one-job numbers.  Nothing forces the fields to be
** materialised (that would change what some dissectors do, e.g. TRADE builds
** its tree only when a field is wanted): when nobody wants them, nobody sees
** them, and there is nothing to put back.
*/
struct renum {
	int id;         /* the field */
	uint32_t next;  /* next global number */
	uint32_t **map; /* per worker: local + 1 -> global + 1 */
	uint32_t *mapcap;
};

static void renum_init(struct renum *rn, const char *abbrev, int nworkers)
{
	rn->id = field_lookup(abbrev);
	rn->next = 0;
	rn->map = xcalloc((size_t)nworkers, sizeof *rn->map);
	rn->mapcap = xcalloc((size_t)nworkers, sizeof *rn->mapcap);
}

static void renum_free(struct renum *rn, int nworkers)
{
	for (int w = 0; w < nworkers; w++)
		free(rn->map[w]);
	free(rn->map);
	free(rn->mapcap);
}

/* worker w's local number -> one job's, numbering it now when it is new */
static uint32_t renum_global(struct renum *rn, int w, uint64_t local)
{
	if (local >= rn->mapcap[w]) {
		uint32_t ncap = rn->mapcap[w] ? rn->mapcap[w] : 1024;
		while (ncap <= local)
			ncap *= 2;
		rn->map[w] = xrealloc(rn->map[w], ncap * sizeof **rn->map);
		memset(rn->map[w] + rn->mapcap[w], 0, (ncap - rn->mapcap[w]) * sizeof **rn->map);
		rn->mapcap[w] = ncap;
	}
	uint32_t *g = &rn->map[w][local];
	if (!*g)
		*g = ++rn->next;
	return *g - 1;
}

static void renum_frame(struct renum *rn, struct fieldset *fs, int w)
{
	for (int i = fs_first(fs, rn->id); i >= 0; i = fs->items[i].next_same) {
		uint64_t local = fs->items[i].val.v.u;
		if (local < UINT32_MAX - 1)
			fs->items[i].val.v.u = renum_global(rn, w, local);
	}
}

/*
** The analyses' record keeps its own copy of the frame's first stream
** number (pinfo reads it, not the field store): one job's too, after the
** field store's items gave every number met in the frame its place.
*/
static void renum_rec(struct renum *rn, struct packet *pk, int k, int w)
{
	uint64_t *v = &pk->pir.v[k - PIR_TCP_STREAM];
	if ((pk->pir.has >> k & 1) && *v < UINT32_MAX - 1)
		*v = renum_global(rn, w, *v);
}

static void pool_init(struct pool *p, struct capture *cap, const struct engine_opts *eo, int jobs)
{
	memset(p, 0, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->cap = cap;
	p->eo = eo;
	p->nworkers = jobs;
	p->nchunks = CHUNKS_PER_JOB * jobs;
	p->chunk = eo->wfn ? CHUNK_AGG : CHUNK;
	p->chunks = xcalloc((size_t)p->nchunks, sizeof *p->chunks);
	for (int c = 0; c < p->nchunks; c++) {
		struct chunk *ch = &p->chunks[c];
		ch->slots = xcalloc((size_t)p->chunk, sizeof *ch->slots);
		ch->who = xcalloc((size_t)p->chunk, 1);
		ch->arenas = xcalloc((size_t)jobs, sizeof *ch->arenas);
		for (int w = 0; w < jobs; w++)
			arena_init(&ch->arenas[w]);
	}
}

static void pool_free(struct pool *p)
{
	for (int c = 0; c < p->nchunks; c++) {
		struct chunk *ch = &p->chunks[c];
		for (int i = 0; i < p->chunk; i++)
			free(ch->slots[i].buf);
		for (int w = 0; w < p->nworkers; w++)
			arena_free(&ch->arenas[w]);
		free(ch->arenas);
		free(ch->slots);
		free(ch->who);
	}
	free(p->chunks);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
}

static int run_threads(struct capture *cap, const struct engine_opts *eo, engine_fn fn, void *arg,
		       long long *nframes, int jobs)
{
	int agg = eo->wfn != NULL;
	struct pool p;
	pool_init(&p, cap, eo, jobs);
	struct renum tcp, udp;
	renum_init(&tcp, "tcp.stream", jobs);
	renum_init(&udp, "udp.stream", jobs);
	struct worker *wk = xcalloc((size_t)jobs, sizeof *wk);
	pthread_t reader;
	/* signals (SIGINT stops the analyses) are for the calling thread only */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (int w = 0; w < jobs; w++) {
		wk[w].p = &p;
		wk[w].id = w;
		wk[w].first[0].id = tcp.id;
		wk[w].first[1].id = udp.id;
		wk[w].fscap = agg ? 0 : p.nchunks * CHUNK; /* aggregate workers keep one */
		wk[w].fsring =
		    xcalloc((size_t)(wk[w].fscap ? wk[w].fscap : 1), sizeof *wk[w].fsring);
		if (pthread_create(&wk[w].th, NULL, worker_main, &wk[w]))
			die("cannot start a worker thread");
	}
	/* an aggregate job hands nothing back: the calling thread reads */
	if (!agg && pthread_create(&reader, NULL, reader_main, &p))
		die("cannot start the reader thread");
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	long long n = 0;
	int stopped = 0;
	if (agg) {
		reader_main(&p);
		n = p.nread;
	}
	for (long long c = 0; !agg; c++) {
		struct chunk *ch = &p.chunks[c % p.nchunks];
		pthread_mutex_lock(&p.mu);
		while (!(p.filled > c && ch->pending == 0) && !(p.eof && p.filled <= c))
			pthread_cond_wait(&p.cv, &p.mu);
		int have = p.filled > c;
		pthread_mutex_unlock(&p.mu);
		if (!have)
			break;
		for (int i = 0; i < ch->n && !stopped; i++) {
			struct slot *s = &ch->slots[i];
			renum_frame(&tcp, s->pk.fs, s->worker);
			renum_frame(&udp, s->pk.fs, s->worker);
			if (pk_pirec_on) {
				renum_rec(&tcp, &s->pk, PIR_TCP_STREAM, s->worker);
				renum_rec(&udp, &s->pk, PIR_UDP_STREAM, s->worker);
			}
			n++;
			if (fn(arg, &s->pk, &s->f))
				stopped = 1;
		}
		pthread_mutex_lock(&p.mu);
		p.consumed = c + 1;
		if (stopped)
			p.stop = 1;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
	}
	if (!agg)
		pthread_join(reader, NULL);
	for (int w = 0; w < jobs; w++)
		pthread_join(wk[w].th, NULL);
	*nframes = n;
	const char *v = getenv("WIRESIFT_THREADS");
	if (v && !strcmp(v, "verbose")) {
		fprintf(stderr, "wiresift: %d workers, frames:", jobs);
		for (int w = 0; w < jobs; w++)
			fprintf(stderr, " %lld", wk[w].frames);
		if (agg)
			fputs(" (aggregate: each worker keeps its own tables)", stderr);
		/* per-thread CPU: on an idle machine the largest bounds the wall time */
		fprintf(stderr, "\nwiresift: CPU seconds: reader %.2f, in-order %.2f, workers",
			p.reader_cpu, thread_cpu());
		for (int w = 0; w < jobs; w++)
			fprintf(stderr, " %.2f", wk[w].cpu);
		fputc('\n', stderr);
	}
	int r = stopped ? 1 : p.rc;
	if (agg && eo->streams)
		build_streams(eo->streams, wk, jobs);
	for (int w = 0; w < jobs; w++) {
		free(wk[w].first[0].num);
		free(wk[w].first[1].num);
		for (int i = 0; i < wk[w].fscap; i++)
			if (wk[w].fsring[i].occ)
				fs_free(&wk[w].fsring[i]);
		free(wk[w].fsring);
	}
	free(wk);
	renum_free(&tcp, jobs);
	renum_free(&udp, jobs);
	pool_free(&p);
	return r;
}

int engine_run(struct capture *cap, const struct engine_opts *eo, engine_fn fn, void *arg,
	       long long *nframes)
{
	if (eo->jobs <= 1 || eo->keep)
		return run_single(cap, eo, fn, arg, nframes);
	if ((eo->wfn || eo->ffn || eo->pfn) && engine_walks(cap)) {
		int r = run_walk(cap, eo, nframes, eo->jobs);
		if (r != -2)
			return r;
	}
	return run_threads(cap, eo, fn, arg, nframes, eo->jobs);
}
