#ifndef WS_MERGECAP_H
#define WS_MERGECAP_H

/* `wiresift mergecap ...` (argv[0] is "mergecap"); returns the exit code. */
int mergecap_main(int argc, char **argv);

#endif
