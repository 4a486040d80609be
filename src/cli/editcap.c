/*
** editcap.c -- `wiresift editcap [options] IN OUT [N[-M] ...]`: editcap
** 4.0's common flags: record selection (-r), time window (-A/-B), split by
** count or time (-c/-i, files named PREFIX_NNNNN_YYYYMMDDHHMMSS.SUFFIX),
** snap length (-s), chopping (-C, -L), time shift (-t) and strict order
** (-S), duplicate removal (-d/-D/-w with -I, edit_dups.c), random errors
** (-E, -o, --seed), frame comments (-a), output type (-F; pcapng by
** default) and link type (-T), -V's report on stderr.
*/
#include "editcap.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../capture/capture.h"
#include "../capture/writer.h"
#include "../core/util.h"
#include "edit_dups.h"
#include "edit_pkt.h"
#include "edit_util.h"
#include "editcap_int.h"
#include "encap_names.h"

/* PREFIX_NNNNN_YYYYMMDDHHMMSS.SUFFIX, the time in local time as editcap prints it. */
static char *split_name(const char *out, long long idx, int64_t sec)
{
	const char *slash = strrchr(out, '/');
	const char *dot = strrchr(slash ? slash : out, '.');
	size_t plen = dot ? (size_t)(dot - out) : strlen(out);
	char stamp[32];
	time_t t = (time_t)sec;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
	size_t n = plen + strlen(stamp) + (dot ? strlen(dot) : 0) + 32;
	char *s = xmalloc(n);
	snprintf(s, n, "%.*s_%05lld_%s%s", (int)plen, out, idx, stamp, dot ? dot : "");
	return s;
}

/*
** Mirror the reader's interfaces; -s also becomes the interfaces' snaplen
** and -T their link type, as in editcap.
*/
static void sync_ifaces(struct cap_writer *w, struct capture *cap, const struct ec *e)
{
	for (int i = (int)cap_writer_iface_count(w); i < capture_iface_count(cap); i++) {
		struct cap_iface ifc = *capture_iface(cap, i);
		if (e->snaplen && (ifc.snaplen == 0 || ifc.snaplen > e->snaplen))
			ifc.snaplen = e->snaplen;
		if (e->encap) {
			ifc.linktype = e->encap->linktype;
		}
		cap_writer_add_iface(w, &ifc);
	}
}

static struct cap_writer *open_out(const char *path, const struct ec *e, struct capture *cap)
{
	char err[1024];
	struct cap_writer *w =
	    open_copy_writer(path, (enum cap_wfmt)e->fmt, cap, "wiresift editcap", err, sizeof err);
	if (!w) {
		fprintf(stderr, "editcap: %s\n", err);
		return NULL;
	}
	if (capture_filetype(cap) == CAP_FT_PCAPNG)
		cap_writer_set_pcap_snaplen(w, CAP_WRITER_DEFAULT_SNAPLEN);
	sync_ifaces(w, cap, e);
	return w;
}

static int close_out(struct cap_writer *w)
{
	char err[512];
	if (cap_writer_close(w, err, sizeof err) < 0) {
		fprintf(stderr, "editcap: %s\n", err);
		return 2;
	}
	return 0;
}

static void print_md5(const char *what, long long n, uint32_t len, const uint8_t md[16])
{
	fprintf(stderr, "%s: %lld, Len: %u, MD5 Hash: ", what, n, len);
	for (int i = 0; i < 16; i++)
		fprintf(stderr, "%02x", md[i]);
	fputc('\n', stderr);
}

/* The record buffer editcap changes in place: chopping and -E write into it. */
struct recbuf {
	uint8_t *p;
	size_t cap;
};

static uint8_t *writable(struct recbuf *b, const struct cap_frame *f)
{
	if (b->cap < f->caplen) {
		free(b->p);
		b->cap = f->caplen;
		b->p = xmalloc(b->cap);
	}
	if (f->caplen)
		memcpy(b->p, f->data, f->caplen);
	return b->p;
}

/*
** One selected record, changed in editcap 4.0's order: snap length, chop,
** strict time order, time shift, then the duplicate test (on the changed
** bytes and time), the random errors and the comment.  Returns 0 to write
** it, 1 when it is a duplicate.
*/
static int edit_record(struct ec *e, struct cap_frame *f, struct recbuf *b, long long nread)
{
	if (e->verbose && e->dups.mode == DUP_OFF)
		fprintf(stderr, "Packet: %lld\n", nread);
	if (e->snaplen) {
		if (f->caplen > e->snaplen)
			f->caplen = e->snaplen;
		if (e->adjlen && f->len > e->snaplen)
			f->len = e->snaplen;
	}
	int mutating = e->err_prob > 0.0 && f->rectype == CAP_REC_PACKET;
	uint8_t *d = NULL;
	if (e->chop.len_begin || e->chop.len_end || mutating) {
		d = writable(b, f);
		chop_apply(e->chop, &d, &f->caplen, &f->len, e->adjlen);
		f->data = d;
	}
	if (f->has_ts) {
		if (e->strict.on)
			strict_apply(&e->strict, &f->sec, &f->nsec);
		if (e->has_shift)
			ts_add(&f->sec, &f->nsec, e->sh_sec, e->sh_nsec);
	}
	if (e->dups.mode != DUP_OFF && f->rectype == CAP_REC_PACKET) {
		uint8_t md[16];
		int dup = dups_check(&e->dups, f->data, f->caplen, f->sec, f->nsec, md);
		if (e->verbose)
			print_md5(dup ? "Skipped" : "Packet", nread, f->caplen, md);
		if (dup) {
			e->dups.skipped++;
			return 1;
		}
	}
	if (mutating)
		mutate_bytes(d, f->caplen, e->change_offset, e->err_prob);
	const char *c = ec_comment_for(e, nread);
	if (c && f->ncomments < CAP_MAX_COMMENTS) {
		/* added after the record's own comments, as editcap does */
		f->comments[f->ncomments].p = c;
		f->comments[f->ncomments].n = (uint32_t)strlen(c);
		f->ncomments++;
	}
	if (e->encap)
		f->linktype = e->encap->linktype;
	return 0;
}

/* Close the current split file and open the next; 0 or an exit code. */
static int next_split(struct cap_writer **w, char **cur_name, const char *out, long long *idx,
		      int64_t sec, const struct ec *e, struct capture *cap)
{
	if (*w) {
		int rc = close_out(*w);
		*w = NULL;
		if (rc)
			return rc;
	}
	char *name = split_name(out, (*idx)++, sec);
	free(*cur_name);
	*cur_name = name;
	if (e->verbose && *idx > 1)
		fprintf(stderr, "Continuing writing in file %s\n", name);
	*w = open_out(name, e, cap);
	return *w ? 0 : 2;
}

/* editcap echoes each selection with -V, in its own words. */
static void echo_selection(const char *arg)
{
	const char *dash = strchr(arg, '-');
	fprintf(stderr, "Add_Selected: %s\n", arg);
	if (dash)
		fprintf(stderr, "Inclusive ... %lld, %lld\n", strtoll(arg, NULL, 10),
			strtoll(dash + 1, NULL, 10));
	else
		fprintf(stderr, "Not inclusive ... %lld\n", strtoll(arg, NULL, 10));
}

static int run(struct ec *e, const char *in, const char *out)
{
	char err[1024];
	struct capture *cap = capture_open(in, err, sizeof err);
	if (!cap) {
		fprintf(stderr, "editcap: %s\n", err);
		return 2;
	}
	if (e->verbose) {
		fprintf(stderr, "File %s is a %s capture file.\n", in,
			filetype_desc(capture_filetype(cap)));
		for (int i = 0; i < e->nselargs; i++)
			echo_selection(e->selargs[i]);
	}
	if (e->fmt < 0)
		e->fmt = CAP_W_PCAPNG;
	if (e->err_prob > 0.0)
		srand(e->has_seed ? e->seed : (unsigned)(time(NULL) + getpid()));
	int splitting = e->split_count > 0 || e->has_interval;
	struct cap_writer *w = NULL;
	char *cur_name = splitting ? NULL : xstrdup(out);
	if (!splitting && !(w = open_out(out, e, cap))) {
		free(cur_name);
		capture_close(cap);
		return 2;
	}
	dups_init(&e->dups);
	struct recbuf buf = {0};
	struct cap_frame f;
	long long nread = 0, written = 0, file_idx = 0;
	int64_t next_sec = 0;
	int32_t next_nsec = 0;
	int have_next = 0, r, rc = 0;
	/*
	** editcap's order, which decides where files split: the split tests
	** look at every record read, before the time window, the selection
	** and the duplicate test drop any; a dropped record therefore still
	** moves to the next interval's file, and one dropped while the count
	** sits on a multiple of -c opens another (empty) file.
	*/
	while ((r = capture_next(cap, &f)) == 1) {
		nread++;
		if (splitting && nread == 1 &&
		    (rc = next_split(&w, &cur_name, out, &file_idx, f.sec, e, cap)) != 0)
			goto done;
		int next_file = 0;
		if (e->has_interval && f.has_ts) {
			if (!have_next) {
				next_sec = f.sec;
				next_nsec = f.nsec;
				ts_add(&next_sec, &next_nsec, e->iv_sec, e->iv_nsec);
				have_next = 1;
			}
			/* a record exactly on a boundary still belongs to the interval it closes */
			while (ts_cmp(f.sec, f.nsec, next_sec, next_nsec) > 0) {
				ts_add(&next_sec, &next_nsec, e->iv_sec, e->iv_nsec);
				/* an interval without records still gets its file */
				if (next_file++ && (rc = next_split(&w, &cur_name, out, &file_idx,
								    f.sec, e, cap)) != 0)
					goto done;
			}
		}
		if (e->split_count > 0 && written > 0 && written % e->split_count == 0)
			next_file = 1;
		if (next_file &&
		    (rc = next_split(&w, &cur_name, out, &file_idx, f.sec, e, cap)) != 0)
			goto done;
		if (e->has_a && f.has_ts && ts_cmp(f.sec, f.nsec, e->a_sec, e->a_nsec) < 0)
			continue;
		if (e->has_b && f.has_ts && ts_cmp(f.sec, f.nsec, e->b_sec, e->b_nsec) >= 0)
			continue;
		if (e->nsel && ec_selected(e, nread) != e->keep)
			continue;
		if (!e->nsel && e->keep)
			continue; /* -r with nothing selected keeps nothing */
		if (edit_record(e, &f, &buf, nread))
			continue;
		sync_ifaces(w, cap, e);
		int wrc = cap_writer_write(w, &f, f.ifid);
		if (wrc == CAP_WRITE_RECTYPE) {
			/* editcap keeps what it wrote before such a record */
			fprintf(stderr, "editcap: Record %lld of file \"%s\" %s\n", nread, in,
				cap_writer_error(w));
			rc = 2;
			goto done;
		}
		if (wrc < 0) {
			/* like editcap, leave no half-written file behind */
			fprintf(stderr, "editcap: %s\n", cap_writer_error(w));
			char werr[256];
			cap_writer_close(w, werr, sizeof werr);
			w = NULL;
			if (cur_name && strcmp(cur_name, "-"))
				remove(cur_name);
			rc = 2;
			goto done;
		}
		written++;
	}
	if (r < 0) {
		fprintf(stderr, "editcap: %s\n", capture_error(cap));
		rc = 2;
	}
done:
	if (w) {
		int c = close_out(w);
		if (!rc)
			rc = c;
	}
	dups_report(&e->dups, nread);
	free(cur_name);
	free(buf.p);
	dups_free(&e->dups);
	capture_close(cap);
	return rc;
}

int editcap_main(int argc, char **argv)
{
	static const struct option longopts[] = {{"seed", required_argument, NULL, 256},
						 {"version", no_argument, NULL, 'v'},
						 {NULL, 0, NULL, 0}};
	struct ec e = {0};
	e.fmt = -1;
	int c, rc = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "a:A:B:c:C:dD:E:F:i:I:Lo:rs:S:t:T:vVw:", longopts,
				NULL)) != -1) {
		if ((rc = ec_option(&e, c, optarg)) != 0) {
			ec_free(&e);
			return rc < 0 ? 0 : rc;
		}
	}
	if (argc - optind < 2) {
		ec_usage();
		ec_free(&e);
		return 1;
	}
	const char *in = argv[optind], *out = argv[optind + 1];
	e.selargs = argv + optind + 2;
	e.nselargs = argc - optind - 2;
	for (int i = optind + 2; i < argc; i++) {
		if (ec_add_range(&e, argv[i])) {
			ec_free(&e);
			return 1;
		}
	}
	rc = run(&e, in, out);
	ec_free(&e);
	return rc;
}
