/*
** run.c -- the pipeline loop: read a frame, dissect it, write it.
*/
#include "run.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../capture/capture.h"
#include "../capture/writer.h"
#include "../core/expert.h"
#include "../core/field.h"
#include "../core/manuf.h"
#include "../core/util.h"
#include "../dissect/dissect.h"
#include "../engine/engine.h"
#include "../output/format.h"
#include "../output/pdml.h" /* tree */
#include "../output/tree.h"
#include "../lua/wslua.h"
#include "../filter/filter.h" /* filter */
#include "zopt.h"             /* stats */
#include "records.h"
#include "../dissect/tcp_lean.h"

static void on_sigint(int sig)
{
	(void)sig;
	capture_live_stop();
}

/*
** pcap holds one link type: like tshark, refuse before writing any frame
** when the interfaces known so far differ (a pcapng reader knows its first
** interfaces only once the first frame is read: checked again then).
*/
static int pcap_refuses(const struct options *o, struct capture *cap)
{
	enum cap_wfmt fmt = o->write_fmt < 0 ? CAP_W_PCAPNG : (enum cap_wfmt)o->write_fmt;
	for (int i = 1; fmt != CAP_W_PCAPNG && i < capture_iface_count(cap); i++) {
		if (capture_iface(cap, i)->linktype != capture_iface(cap, 0)->linktype) {
			fprintf(stderr,
				"tshark: The capture file being read can't be written as a \"%s\" "
				"file.\n",
				cap_wfmt_name(fmt));
			return 1;
		}
	}
	return 0;
}

/* -w: the writer mirrors the reader's interfaces, so frame.ifid is the output id. */
static struct cap_writer *open_writer(const struct options *o, struct capture *cap)
{
	struct cap_shb_info shb = {capture_shb_hardware(cap), capture_shb_os(cap),
				   capture_shb_userappl(cap)};
	char err[1024];
	enum cap_wfmt fmt = o->write_fmt < 0 ? CAP_W_PCAPNG : (enum cap_wfmt)o->write_fmt;
	if (pcap_refuses(o, cap))
		return NULL;
	struct cap_writer *w = cap_writer_open(o->write_path, fmt, &shb, err, sizeof err);
	if (!w) {
		fprintf(stderr, "tshark: %s\n", err);
		return NULL;
	}
	if (capture_filetype(cap) == CAP_FT_PCAPNG)
		cap_writer_set_pcap_snaplen(w, CAP_WRITER_DEFAULT_SNAPLEN);
	cap_writer_sync_ifaces(w, cap);
	return w;
}

/* filter: tshark compiles -Y/-R before reading anything; a bad one exits 2 */
static void want_field(int id, void *arg)
{
	(void)arg;
	field_want_value(id); /* a filter reads values, never labels ("Transmission ...") */
}

static int compile_filter(const char *text, struct filter **out)
{
	*out = NULL;
	if (!text)
		return 0;
	struct filter_error err;
	*out = filter_compile(text, &err);
	if (!*out) {
		filter_print_error(stderr, text, &err);
		return 2;
	}
	filter_wanted_fields(*out, want_field, NULL);
	return 0;
}

/*
** filter: the first pass of -2: which records pass -R.  tshark drops the
** others from its frame list, so the second pass never sees them.
*/
static uint8_t *first_pass(const struct options *o, struct filter *rf, long long *nkeep,
			   struct pass_times **times)
{
	char err[1024];
	struct capture *cap =
	    capture_open_inputs(o->read_paths, o->nread_paths, "tshark: ", err, sizeof err);
	if (!cap)
		return NULL;
	struct fieldset fs;
	fs_init(&fs);
	struct arena arena;
	arena_init(&arena);
	struct packet *pk = calloc(1, sizeof *pk);
	pk->fs = &fs;
	pk->arena = &arena;
	pk->ctx = dissect_ctx_new();
	struct pass_times pt = PASS_TIMES_INIT;
	uint8_t *keep = NULL;
	struct pass_times *tv = NULL; /* each record's time, in first_sec/first_nsec */
	size_t cap_keep = 0;
	long long n = 0, kept = 0;
	struct cap_frame f;
	while (capture_next(cap, &f) == 1) {
		fs_reset(&fs);
		arena_reset(&arena);
		/* tshark numbers a record in the first pass as the next kept frame */
		fill_packet(pk, &f, cap, &pt, (uint32_t)(kept + 1));
		dissect_packet(pk);
		if ((size_t)n >= cap_keep) {
			cap_keep = cap_keep ? cap_keep * 2 : 1024;
			uint8_t *nk = realloc(keep, cap_keep);
			if (!nk)
				abort();
			keep = nk;
			struct pass_times *nt = realloc(tv, cap_keep * sizeof *nt);
			if (!nt)
				abort();
			tv = nt;
		}
		tv[n].first_sec = pk->sec;
		tv[n].first_nsec = pk->nsec;
		keep[n] = (uint8_t)filter_match_data(rf, &fs, pk->data, pk->caplen);
		kept += keep[n++];
	}
	*nkeep = n;
	*times = tv;
	capture_close(cap);
	dissect_ctx_free(pk->ctx);
	free(pk);
	fs_free(&fs);
	arena_free(&arena);
	return keep;
}

/* what the per-frame step needs, in frame order on the calling thread */
struct run_state {
	const struct options *o;
	struct capture *cap;
	struct cap_writer *wr;
	struct stats *stats;
	struct filter *df;
	FILE *out;
	int quiet, checked_first, rc;
	int lua; /* wslua_active(), decided once: no script can start mid-run */
	int expand[64], nexpand;
};

/*
** Threads are used unless a feature needs every frame on one thread in
** order while dissecting, or reads the capture's state as it grows
** (docs/ARCHITECTURE.md, "Threads": the fallback list).
*/
static int threads_allowed(const struct options *o, struct capture *cap)
{
	if (!o->read_path || o->rfilter || wslua_active())
		return 0;
	/* pcapng interfaces appear while reading; -w mirrors them as they come */
	if (o->write_path && capture_filetype(cap) == CAP_FT_PCAPNG)
		return 0;
	return 1;
}

/* Aggregate jobs with threads: a worker's frame feeds only its own statistics ... */
static int on_frame_stats(void *arg, struct packet *pk, const struct cap_frame *f)
{
	(void)f;
	stats_packet_post(arg, pk);
	return 0;
}

/* ... and the reading thread counts what needs no dissection, in frame order */
static int on_frame_pre(void *arg, struct packet *pk, const struct cap_frame *f)
{
	(void)f;
	stats_packet_pre(arg, pk);
	return 0;
}

/* Per-frame text made on a worker (engine_opts.ffn): -Y with its own filter, then the text */
struct text_job {
	const struct options *o;
	struct filter *df; /* this worker's copy: a filter keeps scratch memory */
};

static void fmt_frame(void *arg, const struct packet *pk, struct fields_line *b)
{
	struct text_job *tj = arg;
	if (tj->df && !filter_match_data(tj->df, pk->fs, pk->data, pk->caplen))
		return;
	if (tj->o->mode == OUT_FIELDS)
		fields_format(&tj->o->fields, pk, b);
	else
		summary_format(pk, b);
}

static void no_stream(int id, void *arg)
{
	int *ok = arg;
	if (id == field_lookup("tcp.stream") || id == field_lookup("udp.stream"))
		*ok = 0;
}

/*
** Can the workers make the per-frame text themselves?  Only when printing is
** all a frame leads to.  *streams (engine_opts.renum): the text shows or
** filters on tcp.stream / udp.stream, numbered per worker there.  Shown only:
** the workers print their own numbers and the writer puts one job's into the
** lines (ENGINE_RENUM_PATCH; a number is a run of digits in its cell, so not
** with a digit for aggregator).  Filtered on: the workers put one job's
** numbers back before filtering (ENGINE_RENUM_WAIT).
*/
static int text_on_workers(const struct options *o, int quiet, int plain, struct filter *df,
			   int *streams)
{
	if (!plain || o->verbose || o->tree_fmt || (o->mode != OUT_FIELDS && quiet))
		return 0;
	int ok = 1;
	if (df)
		filter_wanted_fields(df, no_stream, &ok);
	*streams = ok ? 0 : ENGINE_RENUM_WAIT;
	for (int i = 0; i < o->fields.nfields && o->mode == OUT_FIELDS; i++)
		no_stream(o->fields.ids[i], &ok);
	if (!ok && !*streams)
		*streams = o->fields.aggregator >= '0' && o->fields.aggregator <= '9'
			       ? ENGINE_RENUM_WAIT
			       : ENGINE_RENUM_PATCH;
	return 1;
}

/* -w: a record that passed -Y, in frame order.  Nonzero stops the run (rs->rc says why). */
static int write_record(struct run_state *rs, const struct cap_frame *f, uint32_t num)
{
	const struct options *o = rs->o;
	if (rs->wr && !rs->checked_first && pcap_refuses(o, rs->cap)) {
		char werr[512];
		cap_writer_close(rs->wr, werr, sizeof werr);
		rs->wr = NULL;
		if (strcmp(o->write_path, "-"))
			remove(o->write_path);
		rs->rc = 2;
		return 1;
	}
	rs->checked_first = 1;
	if (!rs->wr)
		return 0;
	cap_writer_sync_ifaces(rs->wr, rs->cap);
	int wrc = cap_writer_write(rs->wr, f, f->ifid);
	if (wrc == CAP_WRITE_RECTYPE) {
		fprintf(stderr, "tshark: Record %u of file \"%s\" %s\n", num,
			o->read_path ? o->read_path : "-", cap_writer_error(rs->wr));
		rs->rc = 2;
		return 1;
	}
	if (wrc == CAP_WRITE_INTERNAL) { /* lua: a script's writer failed */
		fprintf(stderr,
			"tshark: An internal error occurred while writing record %u "
			"of file \"%s\" to the file \"%s\".\n(%s)\n",
			num, o->read_path ? o->read_path : "-", o->write_path,
			cap_writer_error(rs->wr));
		rs->rc = 2;
		return 1;
	}
	if (wrc < 0) {
		fprintf(stderr, "tshark: %s\n", cap_writer_error(rs->wr));
		rs->rc = 2;
		return 1;
	}
	return 0;
}

/* -w on walking workers: the worker's -Y says whether a record is written ... */
static int pass_frame(void *arg, const struct packet *pk)
{
	struct text_job *tj = arg;
	return !tj->df || filter_match_data(tj->df, pk->fs, pk->data, pk->caplen);
}

/* ... and the calling thread writes the passing ones in frame order */
static int on_record(void *arg, const struct cap_frame *f, uint32_t num)
{
	return write_record(arg, f, num);
}

/* ... and on one job, when statistics are all a frame leads to (-q -z without -Y, -w, Lua) */
static int on_frame_quiet(void *arg, struct packet *pk, const struct cap_frame *f)
{
	(void)f;
	stats_packet(arg, pk);
	return 0;
}

/*
** ... and when the -z expert table is (expert_compact): most frames raise no
** item, and the table reads nothing else of them (its run times and frame
** count, which stats_packet keeps for the frames it sees, are never printed)
*/
static int on_frame_expert(void *arg, struct packet *pk, const struct cap_frame *f)
{
	(void)f;
	if (fs_first(pk->fs, hf_expert) >= 0)
		stats_packet(arg, pk);
	return 0;
}

/* the same on a worker, for its part of the table */
static int on_frame_expert_post(void *arg, struct packet *pk, const struct cap_frame *f)
{
	(void)f;
	if (fs_first(pk->fs, hf_expert) >= 0)
		stats_packet_post(arg, pk);
	return 0;
}

/* ... and when -T fields lines are all a frame leads to (no -z, -Y, -w, Lua) */
static int on_frame_fields(void *arg, struct packet *pk, const struct cap_frame *f)
{
	(void)f;
	struct run_state *rs = arg;
	fields_packet(rs->out, &rs->o->fields, pk);
	return 0;
}

/* One dissected frame: statistics, taps, the display filter, -w, the output. */
static int on_frame(void *arg, struct packet *pk, const struct cap_frame *f)
{
	struct run_state *rs = arg;
	const struct options *o = rs->o;
	struct fieldset *fs = pk->fs;
	FILE *out = rs->out;
	if (rs->stats) /* stats */
		stats_packet(rs->stats, pk);
	if (rs->lua)
		wslua_packet(pk); /* lua: taps see every frame, as tshark's do */
	/*
	** The display filter (-Y) decides here whether the frame is shown
	** and written; -c has already counted it, as tshark counts frames
	** read, not frames that pass.
	*/
	/* filter: -Y hides frames from the output; the taps saw them all */
	int pass = !rs->df || filter_match_data(rs->df, fs, pk->data, pk->caplen);
	if (!pass)
		return 0;
	/* without -w write_record has nothing to do (checked_first serves only a writer) */
	if (rs->wr && write_record(rs, f, pk->num))
		return 1;
	if (rs->wr) {
		if (o->mode != OUT_FIELDS && !o->print_when_writing)
			return 0;
		if (!strcmp(o->write_path, "-"))
			return 0;
	}
	if (rs->quiet && o->mode != OUT_FIELDS)
		return 0;
	if (o->mode == OUT_FIELDS)
		fields_packet(out, &o->fields, pk);
	else if (o->tree_fmt == 1) /* tree: -T pdml */
		pdml_packet(out, pk);
	else if (o->tree_fmt == 2) /* tree: -T json */
		json_packet(out, pk);
	else if (o->verbose) /* lua: tree output */
	{
		tree_frame_data(pk->data, pk->caplen); /* tree: Data items show a hex dump */
		tree_print(out, fs, rs->expand, o->expand_protos ? rs->nexpand : 0);
	} else
		summary_packet(out, pk);
	return 0;
}

int run_capture(struct options *o)
{
	if (o->list_ifaces) {
		char err[512];
		if (capture_list_ifaces(stdout, err, sizeof err) < 0) {
			fprintf(stderr, "tshark: %s\n", err);
			return 2;
		}
		return 0;
	}
	if (o->mode == OUT_FIELDS) {
		const char *bad = fields_prepare(&o->fields);
		if (bad) {
			fprintf(stderr, "tshark: Some fields aren't valid:\n\t%s\n", bad);
			return 1;
		}
	}
	struct filter *df = NULL, *rf = NULL; /* filter */
	int frc = compile_filter(o->rfilter, &rf);
	if (!frc)
		frc = compile_filter(o->dfilter, &df);
	if (frc) {
		filter_free(rf);
		free(o->dfilter_joined);
		free(o->fields.ids);
		free(o->fields.names);
		free(o->zargs);
		return frc;
	}
	struct stats *stats = zopt_build(o->zargs, o->nzargs); /* stats */
	if (stats == ZOPT_ERROR) {
		filter_free(df); /* filter */
		filter_free(rf);
		free(o->dfilter_joined);
		free(o->fields.ids);
		free(o->fields.names);
		free(o->zargs);
		return 1;
	}
	uint8_t *keep = NULL; /* filter: -2 -R */
	struct pass_times *ktimes = NULL;
	long long nkeep = 0;
	if (rf)
		keep = first_pass(o, rf, &nkeep, &ktimes);
	char err[1024];
	int live = !o->read_path;
	char defiface[256];
	if (live && !o->iface) {
		/* no -r and no -i: tshark captures on the first interface */
		if (capture_default_iface(defiface, sizeof defiface) < 0) {
			fputs("tshark: There are no interfaces on which a capture can be done\n",
			      stderr);
			return 2;
		}
		o->iface = defiface;
	}
	struct capture *cap =
	    live ? capture_open_live(o->iface, o->capture_filter, o->snaplen, o->duration, err,
				     sizeof err)
		 : capture_open_inputs(o->read_paths, o->nread_paths, "tshark: ", err, sizeof err);
	struct cap_writer *wr = NULL;
	if (cap && o->write_path && !(wr = open_writer(o, cap))) {
		capture_close(cap);
		cap = NULL;
		err[0] = 0;
	}
	if (!cap) {
		if (err[0])
			fprintf(stderr, "tshark: %s\n", err);
		free(o->fields.ids);
		free(o->fields.names);
		stats_free(stats); /* stats */
		filter_free(df);   /* filter */
		filter_free(rf);
		free(keep);
		free(ktimes);
		free(o->dfilter_joined);
		return 2;
	}
	/* lua: -V / -O need every item; -O names the protocols to expand */
	int expand[64], nexpand = 0;
	manuf_resolve = !o->no_resolve;  /* eth.*_resolved: names unless -n */
	if (o->verbose || o->tree_fmt) { /* tree: pdml/json need every item too */
		tree_resolve_names = !o->no_resolve;
		field_want_all();
		for (const char *p = o->expand_protos; p && *p && nexpand < 64;) {
			const char *e = strchr(p, ',');
			size_t l = e ? (size_t)(e - p) : strlen(p);
			char name[128];
			if (l < sizeof name) {
				memcpy(name, p, l);
				name[l] = 0;
				int id = field_lookup(name);
				if (id >= 0)
					expand[nexpand++] = id;
			}
			p = e ? e + 1 : p + l;
		}
	}
	/* writing a file silences the packet output unless -P asks for it, as in tshark */
	int quiet = o->quiet || (wr && !o->print_when_writing);
	struct engine_opts eo;
	memset(&eo, 0, sizeof eo);
	eo.max = o->max_count;
	eo.want_all = o->verbose || o->tree_fmt;
	/* -q silences the summary but not -T fields; Info is costly, build it only when shown */
	eo.want_cols = (uint8_t)(o->mode == OUT_FIELDS ? fields_want_cols(&o->fields) : !quiet);
	if (o->write_path && !strcmp(o->write_path, "-"))
		eo.want_cols = 0; /* stdout carries the capture */
	eo.no_info = o->mode == OUT_FIELDS && !fields_want_info(&o->fields);
	if (keep) { /* filter: -2 -R */
		eo.keep = keep;
		eo.nkeep = nkeep;
		eo.ktimes = ktimes;
	}
	/* a job printing only frame/address/stream figures never sees TCP's app layer */
	int blind = (o->mode == OUT_FIELDS ? fields_app_blind(&o->fields) : o->quiet) &&
		    (!o->nzargs || zopt_app_blind(o->zargs, o->nzargs)) && !o->verbose &&
		    !o->tree_fmt && !wr && !df && !rf && !keep && !wslua_active();
	tcp_lean_set(blind ? TCP_LEAN_HDR : TCP_LEAN_OFF);
	/*
	** Nothing shown per frame, only statistics that can be merged: with threads each
	** worker keeps its own and they are merged at the end (docs/ARCHITECTURE.md,
	** "Threads"), so no frame has to come back to this thread.
	*/
	int aggregate =
	    !keep && stats && stats_mergeable(stats) && quiet && o->mode != OUT_FIELDS && !wr;
	int streams = 0;
	int text =
	    text_on_workers(o, quiet, !stats && !keep && !wr && !wslua_active(), df, &streams);
	/* -w writing nothing else per frame: the workers pick the records, this thread writes */
	int wonly = wr && !stats && !keep && !wslua_active() && o->mode != OUT_FIELDS &&
		    !o->print_when_writing && !o->verbose && !o->tree_fmt && engine_walks(cap);
	if (wonly)
		text_on_workers(o, 0, 1, df, &streams);
	engine_set_jobs(o->jobs);
	/*
	** One job per CPU by default without a reader thread (engine_walks):
	** aggregate jobs, -T fields, the summary and -w measured faster in wall time
	** on two CPUs.  Not when a filter names tcp.stream / udp.stream: the
	** workers would wait for each other's numbers at every chunk.
	*/
	int walk = aggregate || (text && streams != ENGINE_RENUM_WAIT) || (wonly && !streams);
	eo.jobs = threads_allowed(o, cap)
		      ? engine_jobs(o->read_paths, o->nread_paths, walk && engine_walks(cap))
		      : 1;
	struct text_job *tjobs = NULL;
	void **targs = NULL;
	if (eo.jobs > 1 && (text || wonly)) {
		tjobs = xcalloc((size_t)eo.jobs, sizeof *tjobs);
		targs = xcalloc((size_t)eo.jobs, sizeof *targs);
		for (int w = 0; w < eo.jobs; w++) {
			struct filter_error ferr;
			tjobs[w].o = o;
			tjobs[w].df = df ? filter_compile(o->dfilter, &ferr) : NULL;
			if (df && !tjobs[w].df)
				die("cannot compile the display filter again");
			targs[w] = &tjobs[w];
		}
		eo.ffn = wonly ? NULL : fmt_frame;
		eo.pfn = wonly ? pass_frame : NULL;
		eo.wrfn = on_record;
		eo.renum = streams;
		eo.fargs = (void *const *)targs;
		eo.fout = stdout;
	}
	if (live) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_sigint;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		char label[300];
		capture_iface_label(o->iface, label, sizeof label);
		fprintf(stderr, "Capturing on '%s'\n", label);
	}

	struct run_state rs;
	memset(&rs, 0, sizeof rs);
	rs.o = o;
	rs.cap = cap;
	rs.wr = wr;
	rs.stats = stats;
	rs.df = df;
	rs.out = stdout;
	rs.quiet = quiet;
	rs.lua = wslua_active();
	memcpy(rs.expand, expand, sizeof expand);
	rs.nexpand = nexpand;
	eo.wrarg = &rs;
	FILE *out = rs.out;
	if (o->tree_fmt == 1 && !quiet) /* tree */
		pdml_header(out, o->read_path);
	if (o->mode == OUT_FIELDS)
		fields_header(out, &o->fields);

	struct stats **wstats = NULL;
	if (eo.jobs > 1 && aggregate) {
		wstats = xcalloc((size_t)eo.jobs, sizeof *wstats);
		for (int w = 0; w < eo.jobs; w++)
			wstats[w] = zopt_build(o->zargs, o->nzargs);
		eo.wfn = on_frame_stats;
		eo.wargs = (void *const *)wstats;
		eo.rfn = on_frame_pre;
		eo.rarg = stats;
	}
	long long n = 0;
	/*
	** -T fields lines are written 64 KiB at a time when nothing else prints per
	** frame (Lua may) and the output is not watched as it comes (a terminal, live)
	*/
	o->fields.batch = o->mode == OUT_FIELDS && !live && !wslua_active() && !isatty(fileno(out));
	/* decided once, not asked again every frame (on_frame's tests) */
	int only_stats = stats && !rs.lua && !df && !wr && quiet && o->mode != OUT_FIELDS;
	int only_fields = !stats && !rs.lua && !df && !wr && o->mode == OUT_FIELDS;
	/* the -z expert table alone reads expert items: they need not be fields (expert.h) */
	expert_compact = only_stats && !rf && stats_expert_alone(stats);
	if (expert_compact && wstats)
		eo.wfn = on_frame_expert_post;
	engine_fn fn = expert_compact ? on_frame_expert
		       : only_stats   ? on_frame_quiet
		       : only_fields  ? on_frame_fields
				      : on_frame;
	/* statistics from the records alone: nothing to dissect (cli/records.c) */
	int r = records_only(o, stats, df, rf)
		    ? records_run(cap, stats, eo.max, &n)
		    : engine_run(cap, &eo, fn, only_stats ? (void *)stats : (void *)&rs, &n);
	if (o->mode == OUT_FIELDS)
		fields_flush(out);
	if (tjobs) {
		for (int w = 0; w < eo.jobs; w++)
			filter_free(tjobs[w].df);
		free(tjobs);
		free(targs);
	}
	if (wstats) {
		stats_merge(stats, wstats, eo.jobs);
		for (int w = 0; w < eo.jobs; w++)
			stats_free(wstats[w]);
		free(wstats);
	}
	int rc = rs.rc;
	wr = rs.wr;
	if (o->tree_fmt == 1 && !quiet) /* tree */
		pdml_footer(out);
	else if (o->tree_fmt == 2 && !quiet)
		json_footer(out);
	wslua_draw(); /* lua: taps' draw() */
	if (stats) {  /* stats */
		if (stats_end(stats, out) && !rc)
			rc = 2; /* a table too large to print */
		stats_free(stats);
	}
	fflush(out);
	if (wr) {
		char werr[512];
		if (cap_writer_close(wr, werr, sizeof werr) < 0) {
			fprintf(stderr, "tshark: %s\n", werr);
			rc = 2;
		}
	}
	if (live)
		fprintf(stderr, "%lld packet%s captured\n", n, n == 1 ? "" : "s");
	if (r < 0) {
		/* frames read before the damage were good and are already written */
		fprintf(stderr, "tshark: %s\n", capture_error(cap));
		rc = capture_error_rc(cap);
	}
	capture_close(cap);
	wslua_close();
	free(o->fields.ids);
	free(o->fields.names);
	free(o->zargs);  /* stats */
	filter_free(df); /* filter */
	filter_free(rf);
	free(keep);
	free(ktimes);
	free(o->dfilter_joined);
	return rc;
}
