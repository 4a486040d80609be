/*
** editcap.c -- `wiresift editcap [options] IN OUT [N[-M] ...]`: editcap
** 4.0's common flags: record selection (-r), time window (-A/-B), split by
** count or time (-c/-i, files named PREFIX_NNNNN_YYYYMMDDHHMMSS.SUFFIX),
** snap length (-s), time shift (-t), duplicate removal (-d/-D, MD5 over a
** window of recent records), output type (-F; pcapng by default).
*/
#include "editcap.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../capture/capture.h"
#include "../capture/writer.h"
#include "../core/util.h"
#include "edit_util.h"

static void usage(void)
{
	fputs("\nUsage: wiresift editcap [options] ... <infile> <outfile> [ <packet#>[-<packet#>] "
	      "... ]\n"
	      "  -r keep the selected records (default: delete them)\n"
	      "  -A/-B <time> keep records at or after / before a time (epoch or YYYY-MM-DD "
	      "hh:mm:ss[.n])\n"
	      "  -c <count> / -i <seconds> split the output into several files\n"
	      "  -s <snaplen> -t <seconds> -d -D <window> -F pcap|nsecpcap|pcapng\n",
	      stderr);
}

struct range {
	long long lo, hi;
};

struct ec {
	int keep;
	struct range *sel;
	int32_t nsel, selcap;
	int has_a, has_b;
	int64_t a_sec, b_sec;
	int32_t a_nsec, b_nsec;
	long long split_count;
	int has_interval;
	int64_t iv_sec;
	int32_t iv_nsec;
	uint32_t snaplen;
	int has_shift;
	int64_t sh_sec;
	int32_t sh_nsec;
	int dup_window; /* 0: no duplicate removal */
	int fmt;
};

static int bad_count(const char *what, const char *v)
{
	fprintf(stderr, "editcap: The specified %s \"%s\" isn't a decimal number\n", what, v);
	usage();
	return 1;
}

static int parse_ll(const char *v, long long *out)
{
	char *end;
	errno = 0;
	long long x = strtoll(v, &end, 10);
	if (end == v || *end || errno)
		return -1;
	*out = x;
	return 0;
}

static int add_range(struct ec *e, const char *arg)
{
	struct range r;
	const char *dash = strchr(arg, '-');
	char *end;
	errno = 0;
	r.lo = strtoll(arg, &end, 10);
	if (end == arg || (dash ? end != dash : *end != 0)) {
		fprintf(stderr,
			"editcap: The specified packet number \"%.*s\" isn't a decimal number\n",
			dash ? (int)(dash - arg) : (int)strlen(arg), arg);
		return 1;
	}
	r.hi = r.lo;
	if (dash) {
		const char *h = dash + 1;
		r.hi = strtoll(h, &end, 10);
		if (end == h || *end) {
			fprintf(stderr,
				"editcap: The specified end of packet range \"%s\" isn't a decimal "
				"number\n",
				h);
			return 1;
		}
	}
	/* a reversed range selects nothing, as in editcap */
	xgrow(&e->sel, &e->selcap, e->nsel + 1, sizeof *e->sel);
	e->sel[e->nsel++] = r;
	return 0;
}

static int selected(const struct ec *e, long long n)
{
	for (int32_t i = 0; i < e->nsel; i++)
		if (n >= e->sel[i].lo && n <= e->sel[i].hi)
			return 1;
	return 0;
}

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

struct dups {
	uint8_t (*md)[16];
	uint32_t *len;
	int n, cur;
	long long skipped;
};

/*
** The digest of each record goes into a ring of `window` slots; a record
** is a duplicate when another slot holds the same length and digest.  The
** record's own slot is overwritten first, so the ring compares against the
** window-1 records before it.
*/
static int is_dup(struct dups *d, const uint8_t *p, uint32_t len)
{
	d->cur = (d->cur + 1) % d->n;
	md5_digest(p, len, d->md[d->cur]);
	d->len[d->cur] = len;
	for (int i = 0; i < d->n; i++)
		if (i != d->cur && d->len[i] == len && !memcmp(d->md[i], d->md[d->cur], 16))
			return 1;
	return 0;
}

/* Mirror the reader's interfaces; -s also becomes the interfaces' snaplen, as in editcap. */
static void sync_ifaces(struct cap_writer *w, struct capture *cap, const struct ec *e)
{
	for (int i = (int)cap_writer_iface_count(w); i < capture_iface_count(cap); i++) {
		struct cap_iface ifc = *capture_iface(cap, i);
		if (e->snaplen && (ifc.snaplen == 0 || ifc.snaplen > e->snaplen))
			ifc.snaplen = e->snaplen;
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

static int run(struct ec *e, const char *in, const char *out)
{
	char err[1024];
	struct capture *cap = capture_open(in, err, sizeof err);
	if (!cap) {
		fprintf(stderr, "editcap: %s\n", err);
		return 2;
	}
	if (e->fmt < 0)
		e->fmt = CAP_W_PCAPNG;
	int splitting = e->split_count > 0 || e->has_interval;
	struct cap_writer *w = NULL;
	char *cur_name = splitting ? NULL : xstrdup(out);
	if (!splitting && !(w = open_out(out, e, cap))) {
		free(cur_name);
		capture_close(cap);
		return 2;
	}
	struct dups d = {0};
	if (e->dup_window > 0) {
		d.n = e->dup_window;
		d.md = xcalloc((size_t)d.n, sizeof *d.md);
		d.len = xcalloc((size_t)d.n, sizeof *d.len);
		d.cur = 0;
	}
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
		if (splitting && nread == 1) {
			char *name = split_name(out, file_idx++, f.sec);
			w = open_out(name, e, cap);
			free(cur_name);
			cur_name = name;
			if (!w) {
				rc = 2;
				goto done;
			}
		}
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
				if (next_file++) {
					/* an interval without records still gets its file */
					if ((rc = close_out(w)) != 0)
						goto done;
					char *name = split_name(out, file_idx++, f.sec);
					w = open_out(name, e, cap);
					free(cur_name);
					cur_name = name;
					if (!w) {
						rc = 2;
						goto done;
					}
				}
			}
		}
		if (e->split_count > 0 && written > 0 && written % e->split_count == 0)
			next_file = 1;
		if (next_file) {
			if ((rc = close_out(w)) != 0)
				goto done;
			char *name = split_name(out, file_idx++, f.sec);
			w = open_out(name, e, cap);
			free(cur_name);
			cur_name = name;
			if (!w) {
				rc = 2;
				goto done;
			}
		}
		if (e->has_a && f.has_ts && ts_cmp(f.sec, f.nsec, e->a_sec, e->a_nsec) < 0)
			continue;
		if (e->has_b && f.has_ts && ts_cmp(f.sec, f.nsec, e->b_sec, e->b_nsec) >= 0)
			continue;
		if (e->nsel && selected(e, nread) != e->keep)
			continue;
		if (!e->nsel && e->keep)
			continue; /* -r with nothing selected keeps nothing */
		if (d.n && is_dup(&d, f.data, f.caplen)) {
			d.skipped++;
			continue;
		}
		if (e->snaplen && f.caplen > e->snaplen)
			f.caplen = e->snaplen;
		if (e->has_shift && f.has_ts)
			ts_add(&f.sec, &f.nsec, e->sh_sec, e->sh_nsec);
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
	if (d.n)
		fprintf(stderr,
			"%lld packet%s seen, %lld packet%s skipped with duplicate window of %d "
			"packets.\n",
			nread, nread == 1 ? "" : "s", d.skipped, d.skipped == 1 ? "" : "s", d.n);
	free(cur_name);
	free(d.md);
	free(d.len);
	capture_close(cap);
	return rc;
}

int editcap_main(int argc, char **argv)
{
	struct ec e = {0};
	e.fmt = -1;
	int c;
	long long v;
	optind = 1;
	while ((c = getopt(argc, argv, "rA:B:c:i:s:t:dD:F:")) != -1) {
		switch (c) {
		case 'r':
			e.keep = 1;
			break;
		case 'A':
		case 'B': {
			int64_t s;
			int32_t n;
			if (parse_abs_time(optarg, &s, &n)) {
				fprintf(stderr, "editcap: \"%s\" isn't a valid date and time\n",
					optarg);
				return 1;
			}
			if (c == 'A')
				e.has_a = 1, e.a_sec = s, e.a_nsec = n;
			else
				e.has_b = 1, e.b_sec = s, e.b_nsec = n;
			break;
		}
		case 'c':
			if (parse_ll(optarg, &v))
				return bad_count("packet count", optarg);
			if (v <= 0) {
				fputs("editcap: The specified packet count is zero\n", stderr);
				return 1;
			}
			e.split_count = v;
			break;
		case 'i':
			if (parse_rel_time(optarg, &e.iv_sec, &e.iv_nsec) ||
			    (e.iv_sec <= 0 && e.iv_nsec <= 0) || e.iv_sec < 0) {
				fprintf(stderr, "editcap: \"%s\" isn't a valid time interval\n",
					optarg);
				return 1;
			}
			e.has_interval = 1;
			break;
		case 's':
			if (parse_ll(optarg, &v) || v < 0 || v > UINT32_MAX)
				return bad_count("snapshot length", optarg);
			e.snaplen = (uint32_t)v;
			break;
		case 't':
			if (parse_rel_time(optarg, &e.sh_sec, &e.sh_nsec)) {
				fprintf(stderr, "editcap: \"%s\" isn't a valid time adjustment\n",
					optarg);
				return 1;
			}
			e.has_shift = 1;
			break;
		case 'd':
			e.dup_window = 5;
			break;
		case 'D':
			if (parse_ll(optarg, &v) || v < 0 || v > 1000000) {
				fprintf(stderr,
					"editcap: \"%s\" duplicate window value must be between 0 "
					"and 1000000 "
					"inclusive.\n",
					optarg);
				return 1;
			}
			e.dup_window = (int)v;
			break;
		case 'F':
			e.fmt = cap_wfmt_parse(optarg);
			if (e.fmt < 0) {
				fprintf(stderr, "editcap: \"%s\" isn't a valid capture file type\n",
					optarg);
				fputs("editcap: wiresift can write: pcap, nsecpcap, pcapng\n",
				      stderr);
				return 1;
			}
			break;
		default:
			usage();
			return 1;
		}
	}
	if (argc - optind < 2) {
		usage();
		return 1;
	}
	const char *in = argv[optind], *out = argv[optind + 1];
	for (int i = optind + 2; i < argc; i++) {
		if (add_range(&e, argv[i])) {
			free(e.sel);
			return 1;
		}
	}
	int rc = run(&e, in, out);
	free(e.sel);
	return rc;
}
