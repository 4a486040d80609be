#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"

static int parse_E(struct options *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	if (!eq) {
		fprintf(stderr, "tshark: Invalid -E parameter \"%s\"; it must be of the form name=value.\n", arg);
		return -1;
	}
	size_t kl = (size_t)(eq - arg);
	const char *v = eq + 1;
	struct fields_opts *f = &o->fields;
	if (kl == 6 && !strncmp(arg, "header", kl)) {
		f->header = v[0] == 'y';
	} else if (kl == 9 && !strncmp(arg, "separator", kl)) {
		if (!strcmp(v, "/t"))
			f->separator = '\t';
		else if (!strcmp(v, "/s"))
			f->separator = ' ';
		else
			f->separator = v[0];
	} else if (kl == 5 && !strncmp(arg, "quote", kl)) {
		f->quote = v[0] == 'd' ? '"' : v[0] == 's' ? '\'' : 0;
	} else if (kl == 10 && !strncmp(arg, "occurrence", kl)) {
		f->occurrence = v[0];
	} else if (kl == 10 && !strncmp(arg, "aggregator", kl)) {
		if (!strcmp(v, "/s"))
			f->aggregator = ' ';
		else
			f->aggregator = v[0];
	} else if (kl == 11 && !strncmp(arg, "bom", kl)) {
		/* accepted, ignored */
	} else {
		fprintf(stderr, "tshark: Invalid -E parameter \"%s\".\n", arg);
		return -1;
	}
	return 0;
}

int options_parse(struct options *o, int argc, char **argv)
{
	memset(o, 0, sizeof *o);
	o->fields.separator = '\t';
	o->fields.occurrence = 'a';
	o->fields.aggregator = ',';
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_ARG()                                                                           \
	do {                                                                                 \
		if (!val) {                                                                  \
			fprintf(stderr, "tshark: option requires an argument -- '%s'\n", a + 1); \
			return -1;                                                           \
		}                                                                            \
		i++;                                                                         \
	} while (0)
		if (!strcmp(a, "-r")) {
			NEED_ARG();
			o->read_path = val;
		} else if (!strcmp(a, "-n")) {
			/* name resolution is always off */
		} else if (!strcmp(a, "-q")) {
			o->quiet = 1;
		} else if (!strcmp(a, "-c")) {
			NEED_ARG();
			char *end;
			o->max_count = strtoll(val, &end, 10);
			if (*end || o->max_count <= 0) {
				fprintf(stderr, "tshark: The specified packet count \"%s\" isn't a valid number\n", val);
				return -1;
			}
		} else if (!strcmp(a, "-T")) {
			NEED_ARG();
			if (!strcmp(val, "fields"))
				o->mode = OUT_FIELDS;
			else if (!strcmp(val, "text"))
				o->mode = OUT_SUMMARY;
			else {
				fprintf(stderr, "tshark: Invalid -T parameter \"%s\"\n", val);
				return -1;
			}
		} else if (!strcmp(a, "-e")) {
			NEED_ARG();
			xgrow(&o->fields.names, &o->nfields_cap, o->fields.nfields + 1, sizeof(char *));
			o->fields.names[o->fields.nfields++] = val;
		} else if (!strcmp(a, "-E")) {
			NEED_ARG();
			if (parse_E(o, val) < 0)
				return -1;
		} else if (!strcmp(a, "-z")) { /* stats: parsed by cli/zopt.c */
			NEED_ARG();
			xgrow(&o->zargs, &o->nzargs_cap, o->nzargs + 1, sizeof(char *));
			o->zargs[o->nzargs++] = val;
		} else if (!strcmp(a, "-o")) {
			NEED_ARG(); /* preferences: the defaults are what we implement */
		} else {
			fprintf(stderr, "wiresift: unknown option \"%s\"\n", a);
			return -1;
		}
#undef NEED_ARG
	}
	return 0;
}
