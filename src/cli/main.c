/*
** main.c -- wiresift's entry point: tshark-compatible flags and subcommands.
*/
#include <stdio.h>
#include <string.h>

#include "../core/field.h"
#include "../dissect/dissect.h"
#include "options.h"
#include "run.h"

int main(int argc, char **argv)
{
	dissect_init();
	field_seal();
	if (argc >= 3 && !strcmp(argv[1], "-G") && !strcmp(argv[2], "fields")) {
		field_dump(stdout);
		return 0;
	}
	struct options o;
	if (options_parse(&o, argc, argv) < 0)
		return 1;
	return run_capture(&o);
}
