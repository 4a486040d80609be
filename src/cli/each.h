/*
** each.h -- --each: every capture file the -r arguments name read on its own.
*/
#ifndef WS_EACH_H
#define WS_EACH_H

#include "options.h"

/* The run of o once per member file, o->jobs files at a time; returns the exit code. */
int run_each(struct options *o);

#endif
