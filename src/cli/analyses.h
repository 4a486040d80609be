#ifndef WS_ANALYSES_H
#define WS_ANALYSES_H

/* Is name one of the analysis subcommands (streams, sessions, intervals, ...)? */
int analyses_is_cmd(const char *name);
/* argv[0] is the subcommand.  Exit codes: 0 ok, 1 usage, 2 failed, 3 input damaged. */
int analyses_main(int argc, char **argv);

#endif
