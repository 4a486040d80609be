/*
** options.c -- tshark 4.0's command line: the same flags, the same messages
** on stderr and the same exit codes (1 for usage errors).
*/
#include "options.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/field.h"
#include "../core/jobs.h"
#include "../capture/writer.h"
#include "../core/util.h"
#include "../lua/wslua.h"
#include "../dissect/trade.h"

/* tshark's short options that take an argument (4.0 optstring). */
static const char opts_with_arg[] = "aAbBcCdeEfFGHiJjKMNoOrRsStTuUwWXyYz";
/* tshark options wiresift does not implement yet: refused, never ignored. */
static const char opts_unsupported[] = "AbBCdgHhIjJKlLMNpQStuUvWxy";

static void usage_hint(void)
{
	fputs("\nUsage: tshark [options] ...\n", stderr);
}

static int bad_E(const char *arg)
{
	const char *eq = strchr(arg, '=');
	int kl = eq ? (int)(eq - arg) : (int)strlen(arg);
	fprintf(stderr, "tshark: \"%.*s\" is not a valid field output option=value pair.\n", kl,
		arg);
	return 1;
}

/* tshark reads one character of most -E values: "yes", "first", "double" work. */
static int parse_E(struct fields_opts *f, const char *arg)
{
	const char *eq = strchr(arg, '=');
	if (!eq)
		return bad_E(arg);
	size_t kl = (size_t)(eq - arg);
	const char *v = eq + 1;
#define KEY(s) (kl == sizeof(s) - 1 && !memcmp(arg, s, kl))
	if (KEY("header") || KEY("bom")) {
		if (v[0] != 'y' && v[0] != 'n')
			return bad_E(arg);
		if (KEY("header"))
			f->header = v[0] == 'y';
		else
			f->bom = v[0] == 'y';
	} else if (KEY("separator") || KEY("aggregator")) {
		char c;
		if (!v[0])
			return bad_E(arg);
		/* "/t" and "/s" are escapes; "/" before anything else means a backslash */
		if (v[0] == '/')
			c = v[1] == 't' && KEY("separator") ? '\t' : v[1] == 's' ? ' ' : '\\';
		else
			c = v[0];
		if (KEY("separator"))
			f->separator = c;
		else
			f->aggregator = c;
	} else if (KEY("occurrence")) {
		if (v[0] != 'f' && v[0] != 'l' && v[0] != 'a')
			return bad_E(arg);
		f->occurrence = v[0];
	} else if (KEY("quote")) {
		if (v[0] == 'd')
			f->quote = '"';
		else if (v[0] == 's')
			f->quote = '\'';
		else if (v[0] == 'n')
			f->quote = 0;
		else
			return bad_E(arg);
	} else
		return bad_E(arg);
#undef KEY
	return 0;
}

static int parse_count(struct options *o, const char *val)
{
	char *end;
	errno = 0;
	long long c = strtoll(val, &end, 10);
	if (end == val || *end) {
		fprintf(stderr,
			"tshark: The specified packet count \"%s\" isn't a decimal number\n", val);
		return 1;
	}
	if (c < 0) {
		fprintf(stderr, "tshark: The specified packet count \"%s\" is a negative number\n",
			val);
		return 1;
	}
	if (errno == ERANGE || c > INT_MAX) {
		fprintf(
		    stderr,
		    "tshark: The specified packet count \"%s\" is too large (greater than %d)\n",
		    val, INT_MAX);
		return 1;
	}
	if (c == 0) {
		fputs("tshark: The specified packet count is zero\n", stderr);
		return 1;
	}
	o->max_count = c;
	return 0;
}

/* -j N: wiresift's worker threads (tshark's -j, a JSON protocol filter, is not implemented) */
static int parse_jobs(struct options *o, const char *val)
{
	char *end;
	errno = 0;
	long j = strtol(val, &end, 10);
	if (end == val || *end || errno == ERANGE || j < 0 || j > MAX_JOBS) {
		fprintf(stderr,
			"tshark: -j takes a number of worker threads from 0 (one per CPU) to %d, "
			"not \"%s\"\n",
			MAX_JOBS, val);
		return 1;
	}
	o->jobs = j ? (int)j : -1;
	return 0;
}

/*
** -o name:value.  There is no preference table yet: a name is accepted when its
** module (text before the first dot) is a registered protocol, and the value
** is ignored because wiresift implements the 4.0 defaults.
*/
static int parse_o(const char *val)
{
	const char *colon = strchr(val, ':');
	if (!colon) {
		fprintf(stderr, "tshark: Invalid -o flag \"%s\"\n", val);
		return 1;
	}
	/* --- preference hook (branch seedproto): the TRADE port --- */
	if ((size_t)(colon - val) == strlen("trade.tcp.port") &&
	    !strncmp(val, "trade.tcp.port", (size_t)(colon - val))) {
		char *end;
		errno = 0;
		unsigned long port = strtoul(colon + 1, &end, 10);
		if (errno || end == colon + 1 || *end ||
		    trade_set_port((uint32_t)(port > 65535 ? 65536 : port))) {
			fprintf(stderr,
				"tshark: Invalid value \"%s\" for preference \"trade.tcp.port\"\n",
				colon + 1);
			return 1;
		}
		return 0;
	}
	const char *dot = memchr(val, '.', (size_t)(colon - val));
	char mod[64];
	size_t ml = dot ? (size_t)(dot - val) : 0;
	int ok = 0;
	if (dot && ml < sizeof mod) {
		memcpy(mod, val, ml);
		mod[ml] = 0;
		int id = field_lookup(mod);
		const struct field_def *d = field_get(id);
		ok = d && d->type == FT_PROTOCOL;
	}
	if (!ok) {
		fprintf(stderr, "tshark: -o flag \"%s\" specifies unknown preference\n", val);
		return 1;
	}
	wslua_pref_option(val); /* lua: a Lua protocol's preference */
	return 0;
}

/* -T formats tshark 4.0 has and wiresift does not (yet). */
static int is_tshark_format(const char *v)
{
	static const char *const f[] = {"pdml", "ps", "psml", "json", "jsonraw", "ek", "tabs"};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		if (!strcmp(v, f[i]))
			return 1;
	return 0;
}

/* -a: only the duration condition stops a wiresift capture. */
static int parse_a(struct options *o, const char *val)
{
	const char *colon = strchr(val, ':');
	if (colon && (size_t)(colon - val) == 8 && !memcmp(val, "duration", 8)) {
		char *end;
		double d = strtod(colon + 1, &end);
		if (end != colon + 1 && !*end && d > 0) {
			o->duration = d;
			return 0;
		}
	}
	fprintf(stderr, "tshark: Invalid or unknown -a flag \"%s\"\n", val);
	return 1;
}

static int parse_F(struct options *o, const char *val)
{
	int f = cap_wfmt_parse(val);
	if (f < 0) {
		fprintf(stderr, "tshark: \"%s\" isn't a valid capture file type\n", val);
		fputs("tshark: The available capture file types for the \"-F\" flag are:\n"
		      "    pcap - Wireshark/tcpdump/... - pcap\n"
		      "    pcapng - Wireshark/... - pcapng\n"
		      "    nsecpcap - Wireshark/tcpdump/... - nanosecond pcap\n",
		      stderr);
		return 1;
	}
	o->write_fmt = f;
	return 0;
}

/* -X read_format:NAME forces a reader a Lua script registered (scripts load before options). */
static int parse_X(const char *val)
{
	if (strncmp(val, "read_format:", 12) || !capture_ext_force(val + 12))
		return 0;
	fprintf(stderr, "tshark: \"%s\" isn't a valid read file format type\n", val + 12);
	fputs("tshark: The available read file types for the \"-X read_format:\" option are:\n",
	      stderr);
	capture_ext_list(stderr);
	return 1;
}

static int parse_s(struct options *o, const char *val)
{
	char *end;
	long v = strtol(val, &end, 10);
	if (end == val || *end || v < 0 || v > INT_MAX) {
		fprintf(stderr,
			"tshark: The specified snapshot length \"%s\" isn't a decimal number\n",
			val);
		return 1;
	}
	o->snaplen = (int)v;
	return 0;
}

/* filter: the arguments from argv[0] on, joined with spaces as tshark does */
static char *join_args(int n, char **argv)
{
	size_t len = 1;
	for (int i = 0; i < n; i++)
		len += strlen(argv[i]) + 1;
	char *s = malloc(len), *p = s;
	if (!s)
		abort();
	for (int i = 0; i < n; i++) {
		size_t l = strlen(argv[i]);
		if (i)
			*p++ = ' ';
		memcpy(p, argv[i], l);
		p += l;
	}
	*p = 0;
	return s;
}

static int takes_arg(int c)
{
	return c && strchr(opts_with_arg, c) != NULL;
}

static int apply(struct options *o, int c, const char *val)
{
	switch (c) {
	case 'r':
		if (o->nread_paths == OPT_MAX_READ) {
			fprintf(stderr, "tshark: more than %d -r options\n", OPT_MAX_READ);
			return 1;
		}
		o->read_path = o->read_paths[o->nread_paths++] = val;
		return 0;
	case 'n':
		o->no_resolve = 1; /* lua: the tree shows "addr (addr)" unless -n */
		return 0;          /* name resolution is never done */
	case 'q':
		o->quiet = 1;
		return 0;
	case 'c':
		return parse_count(o, val);
	case 'j':
		return parse_jobs(o, val);
	case 'T':
		if (o->mode_set) {
			fputs("tshark: Multiple -T parameters are unsupported\n", stderr);
			return 1;
		}
		o->mode_set = 1;
		if (!strcmp(val, "fields"))
			o->mode = OUT_FIELDS;
		else if (!strcmp(val, "text"))
			o->mode = OUT_SUMMARY;
		else if (!strcmp(val, "pdml") ||
			 !strcmp(val, "json")) { /* tree: src/output/pdml.c, json.c */
			o->mode = OUT_SUMMARY;
			o->tree_fmt = val[0] == 'p' ? 1 : 2;
		} else if (is_tshark_format(val)) {
			fprintf(stderr,
				"tshark: -T %s is not implemented by wiresift (fields, text)\n",
				val);
			return 1;
		} else {
			/* first line as tshark's; its list of formats follows there */
			fprintf(stderr, "tshark: Invalid -T parameter \"%s\"; it must be one of:\n",
				val);
			fputs("\t\"fields\"\n\t\"text\"\n", stderr);
			return 1;
		}
		return 0;
	case 'e':
		xgrow(&o->fields.names, &o->nfields_cap, o->fields.nfields + 1, sizeof(char *));
		o->fields.names[o->fields.nfields++] = val;
		return 0;
	case 'E':
		return parse_E(&o->fields, val);
	case 'o':
		return parse_o(val);
	case 'z': /* parsed by cli/zopt.c once every option is known */
		xgrow(&o->zargs, &o->nzargs_cap, o->nzargs + 1, sizeof(char *));
		o->zargs[o->nzargs++] = val;
		return 0;
	case 'w':
		o->write_path = val;
		return 0;
	case 'F':
		return parse_F(o, val);
	case 'P':
		o->print_when_writing = 1;
		return 0;
	case 'i':
		o->iface = val;
		return 0;
	case 'f':
		o->capture_filter = val;
		return 0;
	case 'a':
		return parse_a(o, val);
	case 's':
		return parse_s(o, val);
	case 'D':
		o->list_ifaces = 1;
		return 0;
	case 'X': /* lua: -X lua_script:FILE, read early by wslua_scan_argv() */
		return parse_X(val);
	case 'V': /* lua: the packet tree (src/output/tree.c) */
		o->verbose = 1;
		return 0;
	case 'O': /* lua: -O proto,proto: only these protocols expanded */
		o->verbose = 1;
		o->expand_protos = val;
		return 0;
	case 'G':
		fputs("tshark: -G only valid as first option\n", stderr);
		return 1;
	case 'Y': /* filter */
		o->dfilter = val;
		return 0;
	case 'R': /* filter */
		o->rfilter = val;
		return 0;
	case '2': /* filter */
		o->two_pass = 1;
		return 0;
	}
	if (strchr(opts_unsupported, c)) {
		fprintf(stderr, "tshark: option -%c is not implemented by wiresift\n", c);
		return 1;
	}
	fprintf(stderr, "tshark: unrecognized option: %c\n", c);
	usage_hint();
	return 1;
}

int options_parse(struct options *o, int argc, char **argv)
{
	memset(o, 0, sizeof *o);
	o->fields.separator = '\t';
	o->fields.occurrence = 'a';
	o->fields.aggregator = ',';
	o->write_fmt = -1;
	int rc;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || !a[1]) {
			/* filter: tshark stops at the first argument and reads the rest as a filter
			 */
			if (!o->dfilter_args)
				o->dfilter_args = a;
			o->dfilter_joined = join_args(argc - i, argv + i);
			break;
		}
		if (a[1] == '-') {
			if (!a[2]) { /* "--": the rest are arguments */
				if (i + 1 < argc && !o->dfilter_args) {
					o->dfilter_args = argv[i + 1];
					o->dfilter_joined = join_args(argc - i - 1, argv + i + 1);
				}
				break;
			}
			if (!strcmp(a, "--each")) { /* wiresift's own: not a tshark option */
				o->each = 1;
				continue;
			}
			fprintf(stderr, "tshark: unrecognized option: %s\n", a + 2);
			usage_hint();
			return 1;
		}
		for (const char *p = a + 1; *p; p++) {
			int c = (unsigned char)*p;
			if (!takes_arg(c)) {
				if ((rc = apply(o, c, NULL)) != 0)
					return rc;
				continue;
			}
			const char *val = p[1] ? p + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!val) {
				fprintf(stderr, "tshark: option requires an argument: %c\n", c);
				usage_hint();
				return 1;
			}
			if ((rc = apply(o, c, val)) != 0)
				return rc;
			break;
		}
	}
	if (o->mode == OUT_FIELDS && o->fields.nfields == 0) {
		fputs("tshark: \"-Tfields\" was specified, but no fields were specified with "
		      "\"-e\".\n",
		      stderr);
		return 1;
	}
	if (o->mode != OUT_FIELDS && o->fields.nfields > 0) {
		fputs("tshark: Output fields were specified with \"-e\", but \"-Tek, -Tfields, "
		      "-Tjson or "
		      "-Tpdml\" was not specified.\n",
		      stderr);
		return 1;
	}
	if (o->write_path && !strcmp(o->write_path, "-") &&
	    (o->print_when_writing || o->mode == OUT_FIELDS)) {
		fputs("tshark: You can't write both raw packet data and dissected packets to the "
		      "standard "
		      "output.\n",
		      stderr);
		return 1;
	}
	if (o->dfilter_joined) { /* filter */
		if (o->dfilter) {
			fputs("tshark: Display filters were specified both with \"-Y\" and with "
			      "additional command-line arguments.\n",
			      stderr);
			return 1;
		}
		o->dfilter = o->dfilter_joined;
	}
	if (o->rfilter && !o->two_pass) { /* filter */
		fputs("tshark: -R without -2 is deprecated. For single-pass filtering use -Y.\n",
		      stderr);
		return 1;
	}
	return 0;
}

int options_glossary(int argc, char **argv)
{
	const char *what = argc >= 3 ? argv[2] : "fields";
	if (!strcmp(what, "fields")) {
		field_dump(stdout);
		return 0;
	}
	if (!strcmp(what, "protocols")) {
		field_dump_protocols(stdout);
		return 0;
	}
	fprintf(stderr, "tshark: Invalid \"%s\" option for -G flag, enter -G help for more help.\n",
		what);
	return 1;
}
