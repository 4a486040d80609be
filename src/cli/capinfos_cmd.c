#include "zopt.h"
int capinfos_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}
