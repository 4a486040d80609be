/*
** main.c -- wiresift's entry point: tshark-compatible flags and subcommands.
*/
#include <stdio.h>
#include <string.h>

#include "../core/expert.h"
#include "../core/field.h"
#include "../dissect/dissect.h"
#include "options.h"
#include "run.h"
#include "zopt.h" /* stats: capinfos */

int main(int argc, char **argv)
{
	dissect_init();
	expert_register(); /* stats: _ws.expert fields (TODO: move into dissect_init) */
	field_seal();
	if (argc >= 2 && !strcmp(argv[1], "capinfos")) /* stats */
		return capinfos_main(argc - 1, argv + 1);
	if (argc >= 3 && !strcmp(argv[1], "-G") && !strcmp(argv[2], "fields")) {
		field_dump(stdout);
		return 0;
	}
	struct options o;
	if (options_parse(&o, argc, argv) < 0)
		return 1;
	return run_capture(&o);
}
