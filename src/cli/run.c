/*
** run.c -- the pipeline loop: read a frame, dissect it, write it.
*/
#include "run.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../capture/capture.h"
#include "../capture/writer.h"
#include "../core/field.h"
#include "../dissect/dissect.h"
#include "../output/format.h"
#include "../output/pdml.h" /* tree */
#include "../output/tree.h"
#include "../lua/wslua.h"
#include "../filter/filter.h" /* filter */
#include "zopt.h"             /* stats */

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

/* filter: the running times of one pass over the capture */
struct pass_times {
	int first;
	int64_t first_sec, prev_sec;
	int32_t first_nsec, prev_nsec;
};

/* filter: a record into pk, numbered num (factored out so -2 can make two passes) */
static void fill_packet(struct packet *pk, struct cap_frame *fp, struct capture *cap,
			struct pass_times *pt, uint32_t num)
{
	struct cap_frame f = *fp;
	pk->num = num;
	pk->sec = f.has_ts ? f.sec : 0;
	pk->nsec = f.has_ts ? f.nsec : 0;
	pk->has_ts = f.has_ts;
	const struct cap_iface *ifc = capture_iface(cap, (int)f.ifid);
	pk->ts_digits = (uint8_t)ts_digits(ifc ? ifc->tsresol_num : 0);
	if (pt->first) {
		pt->first_sec = pt->prev_sec = pk->sec;
		pt->first_nsec = pt->prev_nsec = pk->nsec;
		pt->first = 0;
	}
	time_sub(pk->sec, pk->nsec, pt->first_sec, pt->first_nsec, &pk->rel_sec, &pk->rel_nsec);
	time_sub(pk->sec, pk->nsec, pt->prev_sec, pt->prev_nsec, &pk->delta_sec, &pk->delta_nsec);
	/* a custom block sets the first-frame reference but is no "previous" frame */
	if (f.rectype != CAP_REC_CUSTOM) {
		pt->prev_sec = pk->sec;
		pt->prev_nsec = pk->nsec;
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
}

/* filter: tshark compiles -Y/-R before reading anything; a bad one exits 2 */
static void want_field(int id, void *arg)
{
	(void)arg;
	field_want(id);
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
static uint8_t *first_pass(const char *path, struct filter *rf, long long *nkeep,
			   struct pass_times **times)
{
	char err[1024];
	struct capture *cap = capture_open(path, err, sizeof err);
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
	struct pass_times pt = {1, 0, 0, 0, 0};
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
		return 1;
	}
	uint8_t *keep = NULL; /* filter: -2 -R */
	struct pass_times *ktimes = NULL;
	long long nkeep = 0, nread = 0;
	if (rf)
		keep = first_pass(o->read_path, rf, &nkeep, &ktimes);
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
	struct capture *cap = live ? capture_open_live(o->iface, o->capture_filter, o->snaplen,
						       o->duration, err, sizeof err)
				   : capture_open(o->read_path, err, sizeof err);
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
	struct fieldset fs;
	fs_init(&fs);
	if (o->verbose || o->tree_fmt)
		fs.want_all = 1;
	struct arena arena;
	arena_init(&arena);
	struct packet *pk = calloc(1, sizeof *pk);
	pk->fs = &fs;
	pk->arena = &arena;
	pk->ctx = dissect_ctx_new();
	/* writing a file silences the packet output unless -P asks for it, as in tshark */
	int quiet = o->quiet || (wr && !o->print_when_writing);
	/* -q silences the summary but not -T fields; Info is costly, build it only when shown */
	pk->want_cols = o->mode == OUT_FIELDS ? fields_want_cols(&o->fields) : !quiet;
	if (o->write_path && !strcmp(o->write_path, "-"))
		pk->want_cols = 0; /* stdout carries the capture */
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

	FILE *out = stdout;
	if (o->tree_fmt == 1 && !quiet) /* tree */
		pdml_header(out, o->read_path);
	if (o->mode == OUT_FIELDS)
		fields_header(out, &o->fields);

	struct cap_frame f;
	int r = 0, rc = 0, checked_first = 0;
	/*
	** tshark measures frame.time_relative from the first frame and
	** frame.time_delta from the previous one, whether or not those had a
	** timestamp (a pcapng SPB has none: it counts as time 0).
	*/
	struct pass_times pt = {1, 0, 0, 0, 0};
	long long n = 0;
	while ((o->max_count == 0 || n < o->max_count) && (r = capture_next(cap, &f)) == 1) {
		if (keep && (nread >= nkeep || !keep[nread++])) /* filter: -2 -R */
			continue;
		n++;
		fs_reset(&fs);
		arena_reset(&arena);
		if (keep && nkeep > 0) {
			/*
			** filter: tshark -2 measures time_relative from the first record;
			** time_delta is 0 for the first kept frame, from the first record
			** for the second, and from the previous kept frame after that
			** (observed with tshark 4.0.17).
			*/
			if (pt.first) {
				pt.first = 0;
				pt.first_sec = ktimes[0].first_sec;
				pt.first_nsec = ktimes[0].first_nsec;
				pt.prev_sec = f.has_ts ? f.sec : 0;
				pt.prev_nsec = f.has_ts ? f.nsec : 0;
			} else if (n == 2) {
				pt.prev_sec = ktimes[0].first_sec;
				pt.prev_nsec = ktimes[0].first_nsec;
			}
		}
		fill_packet(pk, &f, cap, &pt, (uint32_t)n);
		dissect_packet(pk);
		if (stats) /* stats */
			stats_packet(stats, pk);
		wslua_packet(pk); /* lua: taps see every frame, as tshark's do */
		/*
		** The display filter (-Y) decides here whether the frame is shown
		** and written; -c has already counted it, as tshark counts frames
		** read, not frames that pass.
		*/
		/* filter: -Y hides frames from the output; the taps saw them all */
		int pass = !df || filter_match_data(df, &fs, pk->data, pk->caplen);
		if (!pass)
			continue;
		if (wr && !checked_first && pcap_refuses(o, cap)) {
			char werr[512];
			cap_writer_close(wr, werr, sizeof werr);
			wr = NULL;
			if (strcmp(o->write_path, "-"))
				remove(o->write_path);
			rc = 2;
			break;
		}
		checked_first = 1;
		if (wr) {
			cap_writer_sync_ifaces(wr, cap);
			int wrc = cap_writer_write(wr, &f, f.ifid);
			if (wrc == CAP_WRITE_RECTYPE) {
				fprintf(stderr, "tshark: Record %lld of file \"%s\" %s\n", n,
					o->read_path ? o->read_path : "-", cap_writer_error(wr));
				rc = 2;
				break;
			}
			if (wrc == CAP_WRITE_INTERNAL) { /* lua: a script's writer failed */
				fprintf(
				    stderr,
				    "tshark: An internal error occurred while writing record %lld "
				    "of file \"%s\" to the file \"%s\".\n(%s)\n",
				    n, o->read_path ? o->read_path : "-", o->write_path,
				    cap_writer_error(wr));
				rc = 2;
				break;
			}
			if (wrc < 0) {
				fprintf(stderr, "tshark: %s\n", cap_writer_error(wr));
				rc = 2;
				break;
			}
			if (o->mode != OUT_FIELDS && !o->print_when_writing)
				continue;
			if (!strcmp(o->write_path, "-"))
				continue;
		}
		if (quiet && o->mode != OUT_FIELDS)
			continue;
		if (o->mode == OUT_FIELDS)
			fields_packet(out, &o->fields, pk);
		else if (o->tree_fmt == 1) /* tree: -T pdml */
			pdml_packet(out, pk);
		else if (o->tree_fmt == 2) /* tree: -T json */
			json_packet(out, pk);
		else if (o->verbose) /* lua: tree output */
		{
			tree_frame_data(pk->data,
					pk->caplen); /* tree: Data items show a hex dump */
			tree_print(out, &fs, expand, o->expand_protos ? nexpand : 0);
		} else
			summary_packet(out, pk);
	}
	if (o->tree_fmt == 1 && !quiet) /* tree */
		pdml_footer(out);
	else if (o->tree_fmt == 2 && !quiet)
		json_footer(out);
	wslua_draw(); /* lua: taps' draw() */
	if (stats) {  /* stats */
		stats_end(stats, out);
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
	dissect_ctx_free(pk->ctx);
	free(pk);
	fs_free(&fs);
	arena_free(&arena);
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
