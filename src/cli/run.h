#ifndef WS_RUN_H
#define WS_RUN_H

#include "options.h"

/* Read the capture, dissect every frame, write the output; returns the exit code. */
int run_capture(struct options *o);

#endif
