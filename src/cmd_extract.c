/* cmd_extract.c - placeholder until the extract command lands. */
#include "commands.h"

int cmd_extract(int argc, char **argv, struct pt_options *opt)
{
	(void)argc; (void)argv; (void)opt;
	pt_error("extract", "not built yet");
	return 5;
}
