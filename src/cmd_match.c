/* cmd_match.c - placeholder until the match command lands. */
#include "commands.h"

int cmd_match(int argc, char **argv, struct pt_options *opt)
{
	(void)argc; (void)argv; (void)opt;
	pt_error("match", "not built yet");
	return 5;
}
