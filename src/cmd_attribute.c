/* cmd_attribute.c - placeholder until the attribute command lands. */
#include "commands.h"

int cmd_attribute(int argc, char **argv, struct pt_options *opt)
{
	(void)argc; (void)argv; (void)opt;
	pt_error("attribute", "not built yet");
	return 5;
}
