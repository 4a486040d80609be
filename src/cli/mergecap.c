/*
** mergecap.c -- `wiresift mergecap -w OUT [-a] [-F type] [-s snaplen]
** [-I none|all|any] [-V] IN...`
**
** Chronological merge: the next record written is the earliest of the
** inputs' pending records, the later input on the command line winning a
** tie as in mergecap 4.0 (capture/merge.c, shared with reading several -r).  -a
** concatenates in command-line order instead.
**
** pcapng interfaces (-I): "all", the default, writes them once and shares
** them when every input describes the same interfaces, otherwise appends
** each input's interfaces in input order; "none" always appends; "any"
** shares each interface with an equal one already written.  -V reports on
** stderr what mergecap 4.0.17 reports (file types, the frame type, one
** "Record: N" a record).
*/
#include "mergecap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../capture/capture.h"
#include "../capture/merge.h"
#include "../capture/writer.h"
#include "../core/util.h"
#include "edit_util.h"
#include "encap_names.h"

struct input {
	struct capture *cap;
	struct cap_frame f;
	int has;       /* f holds the pending record */
	uint32_t *map; /* reader's global interface index -> output interface */
	int32_t nmap, mapcap;
	int dsbs; /* decryption secrets blocks already copied */
};

enum idb_mode { IDB_NONE, IDB_ALL, IDB_ANY };

static void usage(void)
{
	fputs("\nUsage: wiresift mergecap [-a] [-s <snaplen>] [-F pcap|nsecpcap|pcapng] "
	      "[-I none|all|any] [-V] -w <outfile> <infile> ...\n",
	      stderr);
}

static int idb_mode_parse(const char *arg)
{
	static const char *const names[] = {"none", "all", "any"};
	for (int i = 0; i < 3; i++)
		if (!strcmp(arg, names[i]))
			return i;
	fprintf(stderr, "mergecap: \"%s\" isn't a valid IDB merge mode\n", arg);
	fputs("mergecap: The available IDB merge modes for the \"-I\" flag are:\n", stderr);
	for (int i = 0; i < 3; i++)
		fprintf(stderr, "    %s\n", names[i]);
	return -1;
}

static int all_same_ifaces(struct input *in, int n)
{
	struct capture **caps = xcalloc((size_t)n, sizeof *caps);
	for (int i = 0; i < n; i++)
		caps[i] = in[i].cap;
	int same = cap_ifaces_all_same(caps, n);
	free(caps);
	return same;
}

static void map_add(struct input *in, uint32_t out)
{
	xgrow(&in->map, &in->mapcap, in->nmap + 1, sizeof *in->map);
	in->map[in->nmap++] = out;
}

/* Interfaces an input described after its first record get output ids of their own. */
static void map_new_ifaces(struct input *in, struct cap_writer *w)
{
	int k = capture_iface_count(in->cap);
	while (in->nmap < k)
		map_add(in, cap_writer_add_iface(w, capture_iface(in->cap, in->nmap)));
}

/*
** -I any: the output interface of an earlier interface (of an earlier input,
** or earlier in this one) equal to input i's interface j; -1 when none.
*/
static int find_written(struct input *in, int i, int j)
{
	const struct cap_iface *want = capture_iface(in[i].cap, j);
	for (int a = 0; a <= i; a++)
		for (int b = 0; b < (a == i ? j : in[a].nmap); b++)
			if (cap_iface_same(capture_iface(in[a].cap, b), want))
				return (int)in[a].map[b];
	return -1;
}

/* An input's link type, or -1 when its interfaces differ (Wireshark's "per packet"). */
static int file_linktype(struct capture *cap)
{
	int lt = capture_iface_count(cap) ? capture_iface(cap, 0)->linktype : -1;
	for (int j = 1; j < capture_iface_count(cap); j++)
		if (capture_iface(cap, j)->linktype != lt)
			return -1;
	return lt;
}

static void encap_label(int linktype, char *buf, size_t n)
{
	const struct encap_name *e = linktype < 0 ? NULL : encap_by_linktype(linktype);
	if (linktype < 0)
		snprintf(buf, n, "Per packet (per-packet)");
	else if (e)
		snprintf(buf, n, "%s (%s)", e->desc, e->name);
	else
		snprintf(buf, n, "Unknown (link type %d)", linktype);
}

/* -V's opening lines: each input's file type, then the frame type chosen. */
static void verbose_inputs(struct input *in, int n, char **names)
{
	char lbl[128];
	for (int i = 0; i < n; i++)
		fprintf(stderr, "mergecap: %s is type %s.\n", names[i],
			filetype_desc(capture_filetype(in[i].cap)));
	int lt = file_linktype(in[0].cap);
	for (int i = 1; i < n; i++)
		if (file_linktype(in[i].cap) != lt)
			lt = -2;
	if (lt == -2) {
		fputs("mergecap: multiple frame encapsulation types detected\n"
		      "          defaulting to WTAP_ENCAP_PER_PACKET\n",
		      stderr);
		for (int i = 0; i < n; i++) {
			encap_label(file_linktype(in[i].cap), lbl, sizeof lbl);
			fprintf(stderr, "          %s had type %s\n", names[i], lbl);
		}
		lt = -1;
	}
	encap_label(lt, lbl, sizeof lbl);
	fprintf(stderr, "mergecap: selected frame_type %s\n", lbl);
}

static int read_next(struct input *in, int *rc)
{
	int r = capture_next(in->cap, &in->f);
	in->has = r == 1;
	if (r < 0) {
		fprintf(stderr, "mergecap: %s\n", capture_error(in->cap));
		*rc = 2;
	}
	return r;
}

int mergecap_main(int argc, char **argv)
{
	const char *out = NULL;
	int concat = 0, fmt = CAP_W_PCAPNG, c, verbose = 0, idb = IDB_ALL, idb_set = 0;
	long long nrec = 0;
	long long snaplen = 0;
	optind = 1;
	while ((c = getopt(argc, argv, "aw:F:s:I:vV")) != -1) {
		switch (c) {
		case 'a':
			concat = 1;
			break;
		case 'I':
			if ((idb = idb_mode_parse(optarg)) < 0)
				return 2;
			idb_set = 1;
			break;
		case 'v':
			puts("Mergecap (wiresift), options of mergecap 4.0.17.");
			return 0;
		case 'V':
			verbose = 1;
			break;
		case 'w':
			out = optarg;
			break;
		case 'F':
			fmt = cap_wfmt_parse(optarg);
			if (fmt < 0) {
				fprintf(stderr,
					"mergecap: \"%s\" isn't a valid capture file type\n",
					optarg);
				fputs("mergecap: wiresift can write: pcap, nsecpcap, pcapng\n",
				      stderr);
				return 1;
			}
			break;
		case 's': {
			char *end;
			errno = 0;
			snaplen = strtoll(optarg, &end, 10);
			if (end == optarg || *end || errno || snaplen < 0 || snaplen > UINT32_MAX) {
				fprintf(stderr,
					"mergecap: The specified snapshot length \"%s\" isn't a "
					"decimal number\n",
					optarg);
				return 1;
			}
			break;
		}
		default:
			usage();
			return 1;
		}
	}
	if (!out) {
		fputs("mergecap: an output filename must be set with -w\n          run with -h for "
		      "help\n",
		      stderr);
		return 2;
	}
	if (idb_set && fmt != CAP_W_PCAPNG) {
		/* mergecap's words, without its prefix */
		fputs("The IDB merge mode can only be used with an output format that identifies "
		      "interfaces\n",
		      stderr);
		return 2;
	}
	int n = argc - optind;
	if (n < 1) {
		fputs("mergecap: No input files were specified\n", stderr);
		return 1;
	}
	struct input *in = xcalloc((size_t)n, sizeof *in);
	int rc = 0;
	char err[1024];
	for (int i = 0; i < n; i++) {
		in[i].cap = capture_open(argv[optind + i], err, sizeof err);
		if (!in[i].cap) {
			fprintf(stderr, "mergecap: %s\n", err);
			rc = 2;
			goto out;
		}
		/* the first record brings the interfaces described before it */
		if (read_next(&in[i], &rc) < 0)
			goto out;
	}
	if (verbose)
		verbose_inputs(in, n, argv + optind);
	uint32_t maxsnap = 0;
	for (int i = 0; i < n; i++) {
		/* a pcapng input's snaplen is taken as the default, as mergecap does */
		if (capture_filetype(in[i].cap) == CAP_FT_PCAPNG &&
		    maxsnap < CAP_WRITER_DEFAULT_SNAPLEN)
			maxsnap = CAP_WRITER_DEFAULT_SNAPLEN;
		for (int j = 0; j < capture_iface_count(in[i].cap); j++)
			if (capture_filetype(in[i].cap) != CAP_FT_PCAPNG &&
			    capture_iface(in[i].cap, j)->snaplen > maxsnap)
				maxsnap = capture_iface(in[i].cap, j)->snaplen;
	}
	if (fmt != CAP_W_PCAPNG) {
		/* pcap holds one link type: every input must share it */
		int lt = -1;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < capture_iface_count(in[i].cap); j++) {
				int l = capture_iface(in[i].cap, j)->linktype;
				if (lt >= 0 && l != lt) {
					fprintf(stderr,
						"mergecap: The capture file being read can't be "
						"written as a "
						"\"%s\" file.\n",
						fmt == CAP_W_PCAP ? "pcap" : "nsecpcap");
					rc = 2;
					goto out;
				}
				lt = l;
			}
	}
	struct cap_writer *w = open_copy_writer(out, (enum cap_wfmt)fmt, in[0].cap,
						"wiresift mergecap", err, sizeof err);
	if (!w) {
		fprintf(stderr, "mergecap: %s\n", err);
		rc = 2;
		goto out;
	}
	cap_writer_set_pcap_snaplen(w, snaplen ? (uint32_t)snaplen : maxsnap);
	if (idb == IDB_ALL && all_same_ifaces(in, n)) {
		for (int j = 0; j < capture_iface_count(in[0].cap); j++) {
			struct cap_iface ifc = *capture_iface(in[0].cap, j);
			ifc.snaplen = snaplen ? (uint32_t)snaplen : ifc.snaplen;
			uint32_t id = cap_writer_add_iface(w, &ifc);
			for (int i = 0; i < n; i++)
				map_add(&in[i], id);
		}
	} else {
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < capture_iface_count(in[i].cap); j++) {
				const struct cap_iface *src = capture_iface(in[i].cap, j);
				int shared = idb == IDB_ANY ? find_written(in, i, j) : -1;
				if (shared >= 0) {
					map_add(&in[i], (uint32_t)shared);
					continue;
				}
				struct cap_iface ifc = *src;
				/* pcap's single header takes the largest snaplen of the inputs */
				ifc.snaplen = snaplen               ? (uint32_t)snaplen
					      : fmt != CAP_W_PCAPNG ? maxsnap
								    : ifc.snaplen;
				map_add(&in[i], cap_writer_add_iface(w, &ifc));
			}
		}
	}
	if (verbose)
		fputs("mergecap: ready to merge records\n", stderr);
	int cur = 0;
	const struct cap_frame **pend = xcalloc((size_t)n, sizeof *pend);
	for (;;) {
		int pick = -1;
		if (concat) {
			while (cur < n && !in[cur].has)
				cur++;
			pick = cur < n ? cur : -1;
		} else {
			for (int i = 0; i < n; i++)
				pend[i] = in[i].has ? &in[i].f : NULL;
			/* on equal times the later input goes first, as in mergecap */
			pick = cap_merge_pick(pend, n, CAP_TIE_LATER);
		}
		if (pick < 0)
			break;
		struct input *p = &in[pick];
		map_new_ifaces(p, w);
		/* each input's secrets go out before its packets that need them */
		for (; p->dsbs < capture_dsb_count(p->cap); p->dsbs++)
			cap_writer_add_dsb(w, capture_dsb(p->cap, p->dsbs));
		if (snaplen && p->f.caplen > (uint32_t)snaplen)
			p->f.caplen = (uint32_t)snaplen;
		uint32_t oid = p->f.ifid < (uint32_t)p->nmap ? p->map[p->f.ifid] : 0;
		if (cap_writer_write(w, &p->f, oid) < 0) {
			fprintf(stderr, "mergecap: %s\n", cap_writer_error(w));
			rc = 2;
			break;
		}
		if (verbose)
			fprintf(stderr, "Record: %lld\n", ++nrec);
		if (read_next(p, &rc) < 0)
			break;
	}
	free(pend);
	if (verbose && !rc)
		fputs("mergecap: merging complete\n", stderr);
	if (cap_writer_close(w, err, sizeof err) < 0) {
		fprintf(stderr, "mergecap: %s\n", err);
		rc = 2;
	}
out:
	for (int i = 0; i < n; i++) {
		capture_close(in[i].cap);
		free(in[i].map);
	}
	free(in);
	return rc;
}
