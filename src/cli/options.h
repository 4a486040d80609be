/*
** options.h -- the command line, tshark's flags.
*/
#ifndef WS_OPTIONS_H
#define WS_OPTIONS_H

#include "../output/output.h"

enum out_mode { OUT_SUMMARY, OUT_FIELDS };

struct options {
	const char *read_path;
	long long max_count; /* -c, 0 = all */
	int quiet;	     /* -q */
	enum out_mode mode;
	struct fields_opts fields;
	int nfields_cap;
	const char **zargs; /* -z, in order (stats: cli/zopt.c) */
	int nzargs, nzargs_cap;
};

/* Parse argv; returns -1 and prints tshark's message on a usage error. */
int options_parse(struct options *o, int argc, char **argv);

#endif
