/* cmd_compare.c - placeholder until the compare command lands. */
#include "commands.h"

int cmd_compare(int argc, char **argv, struct pt_options *opt)
{
	(void)argc; (void)argv; (void)opt;
	pt_error("compare", "not built yet");
	return 5;
}
