/*
** options.h -- the command line, tshark's flags.
*/
#ifndef WS_OPTIONS_H
#define WS_OPTIONS_H

#include "../output/output.h"

enum out_mode { OUT_SUMMARY, OUT_FIELDS };

/* -r given this many times at most (a directory or a glob counts once) */
#define OPT_MAX_READ 1024

struct options {
	const char *read_path;                /* the last -r, NULL for none */
	const char *read_paths[OPT_MAX_READ]; /* every -r, read as one capture */
	int nread_paths;
	long long max_count; /* -c, 0 = all */
	int quiet;           /* -q */
	int mode_set;        /* -T given (twice is an error, as in tshark) */
	enum out_mode mode;
	struct fields_opts fields;
	int nfields_cap;
	const char *dfilter_args;   /* first non-option argument (tshark: a display filter) */
	const char *write_path;     /* -w */
	int write_fmt;              /* -F: enum cap_wfmt, -1 = pcapng (tshark's default) */
	int print_when_writing;     /* -P */
	const char *iface;          /* -i: live capture */
	const char *capture_filter; /* -f */
	double duration;            /* -a duration:N, 0 = none */
	int snaplen;                /* -s, 0 = default */
	int list_ifaces;            /* -D */
	/* filter: -Y, -R, -2; trailing arguments joined into dfilter (owned) */
	const char *dfilter, *rfilter;
	char *dfilter_joined;
	int two_pass;
	const char **zargs; /* -z, in order (stats: cli/zopt.c) */
	int nzargs, nzargs_cap;
	int verbose;               /* -V (lua branch: tree output) */
	const char *expand_protos; /* -O list */
	int tree_fmt;              /* tree: -T pdml (1) / json (2) */
	int no_resolve;            /* -n (lua branch: tree labels) */
	int jobs; /* -j N: threads; 0: engine_jobs' default; -1 (-j 0): one per CPU */
	int each; /* --each: every -r file a capture of its own (cli/each.c) */
};

/*
** Parse argv like tshark 4.0 (clustered short options, "-c10", "-Tfields").
** Returns 0, or the exit code after printing tshark's message.
*/
int options_parse(struct options *o, int argc, char **argv);

/* "-G [report]" as the first option: print the report; returns the exit code. */
int options_glossary(int argc, char **argv);

#endif
