/* cmd_fingerprint.c - placeholder until the fingerprint command lands. */
#include "commands.h"

int cmd_fingerprint(int argc, char **argv, struct pt_options *opt)
{
	(void)argc; (void)argv; (void)opt;
	pt_error("fingerprint", "not built yet");
	return 5;
}
