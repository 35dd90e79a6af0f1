/* cmd_resolve.c - placeholder until the resolve command lands. */
#include "commands.h"

int cmd_resolve(int argc, char **argv, struct pt_options *opt)
{
	(void)argc; (void)argv; (void)opt;
	pt_error("resolve", "not built yet");
	return 5;
}
