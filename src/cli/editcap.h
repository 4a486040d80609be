#ifndef WS_EDITCAP_H
#define WS_EDITCAP_H

/* `wiresift editcap ...` (argv[0] is "editcap"); returns the exit code. */
int editcap_main(int argc, char **argv);

#endif
