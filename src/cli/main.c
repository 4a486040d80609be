/*
** main.c -- wiresift's entry point: tshark-compatible flags and subcommands.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/field.h"
#include "../dissect/dissect.h"
#include "editcap.h"
#include "mergecap.h"
#include "../filter/filter.h"
#include "../lua/wslua.h"
#include "analyses.h" /* analyses: streams, sessions, ... */
#include "each.h"
#include "options.h"
#include "run.h"
#include "zopt.h" /* stats: capinfos */

/* Lua Listener filters run on the display-filter engine (src/lua knows no filter). */
static void glue_want(int id, void *arg)
{
	(void)arg;
#ifdef FIELD_WANT_VALUE /* a filter reads values, never labels (issue 6's label-on-demand) */
	field_want_value(id);
#else
	field_want(id);
#endif
}

static void *glue_compile(const char *text, char *err, size_t n)
{
	struct filter_error e;
	struct filter *f = filter_compile(text, &e);
	if (!f)
		snprintf(err, n, "%s", e.msg);
	else
		filter_wanted_fields(f, glue_want, NULL);
	return f;
}

static int glue_match(void *h, const struct packet *pk)
{
	return filter_match_data(h, pk->fs, pk->data, pk->caplen);
}

static void glue_free(void *h)
{
	filter_free(h);
}

int main(int argc, char **argv)
{
	dissect_init();
	/* lua: scripts register protocols and fields, so they load before the seal */
	int glossary = argc >= 2 && !strcmp(argv[1], "-G");
	wslua_filter.compile = glue_compile;
	wslua_filter.match = glue_match;
	wslua_filter.free = glue_free;
	wslua_scan_argv(argc, argv);
	if (!(argc >= 2 && !strcmp(argv[1], "capinfos")))
		wslua_load();
	(void)glossary;
	field_seal();
	if (argc >= 2 && !strcmp(argv[1], "capinfos"))
		return capinfos_main(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "editcap"))
		return editcap_main(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "mergecap"))
		return mergecap_main(argc - 1, argv + 1);
	if (argc >= 2 && analyses_is_cmd(argv[1])) /* analyses */
		return analyses_main(argc - 1, argv + 1);
	/* tshark accepts -G only as the very first argument */
	if (argc >= 2 && !strcmp(argv[1], "-G"))
		return options_glossary(argc, argv);
	struct options o;
	int rc = options_parse(&o, argc, argv);
	if (rc) {
		free(o.fields.names);
		return rc;
	}
	/* unknown -e names are a usage error, reported before the file is opened */
	if (o.mode == OUT_FIELDS && fields_prepare(&o.fields)) {
		fields_report_unknown(stderr, &o.fields);
		free(o.fields.ids);
		free(o.fields.names);
		return 1;
	}
	/* big writes: a pipe or file gets one syscall per MiB instead of per 4 KiB */
	static char obuf[1 << 20];
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	return o.each ? run_each(&o) : run_capture(&o);
}
