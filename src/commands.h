/*
 * commands.h - the subcommands, one cmd_<name>() per src/cmd_<name>.c.
 */
#ifndef PT_COMMANDS_H
#define PT_COMMANDS_H

#include "cli.h"

int cmd_resolve(int argc, char **argv, struct pt_options *opt);
int cmd_extract(int argc, char **argv, struct pt_options *opt);
int cmd_fingerprint(int argc, char **argv, struct pt_options *opt);
int cmd_compare(int argc, char **argv, struct pt_options *opt);
int cmd_match(int argc, char **argv, struct pt_options *opt);
int cmd_attribute(int argc, char **argv, struct pt_options *opt);
int cmd_rules(int argc, char **argv, struct pt_options *opt);

#endif
