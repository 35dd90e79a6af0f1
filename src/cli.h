/*
 * cli.h - what the command-line front end shares between main.c and the
 * cmd_*.c files: the global options, the command table entry, and helpers
 * for per-command options, rules and the store.
 */
#ifndef PT_CLI_H
#define PT_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "util.h"

struct rules;
struct store;
struct fetch_config;

/* Global options, valid before or after the subcommand name. */
struct pt_options {
	const char *db_path;        /* --db, PROVTRACE_DB, ./provtrace.db */
	const char *rules_dir;      /* --rules, PROVTRACE_RULES */
	int json;                   /* --json */
	int quiet;                  /* --quiet */
	int offline;                /* --offline */
	int no_store;               /* --no-store */
	int insecure;               /* --insecure */
	int allow_private;          /* --allow-private */
	const char *cacert;         /* --cacert */
	const char **connect_to;    /* --connect-to, repeatable */
	size_t nconnect_to;
	double timeout;             /* --timeout SEC (total per request) */
	int max_hops;               /* --max-hops N */
	const char *user_agent;     /* --user-agent */
	const char *warc_path;      /* --warc */
	const char *replay_path;    /* --replay */
};

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, struct pt_options *opt);
	const char *summary;
};

/* Text of the global options, for every command's --help. */
extern const char cli_global_help[];

/* Per-command options: a NULL-name-terminated table. */
struct cli_opt {
	const char *name;           /* "format" for --format */
	int has_arg;
	const char **value;         /* set when has_arg */
	int *flag;                  /* set to 1 when !has_arg */
};

/*
 * Parse argv[1..argc) against opts; positional arguments are collected, in
 * order, into *pos (a NULL-terminated array the caller frees with free(),
 * not its strings) and counted in *npos.  Returns 0 on success, 1 when
 * --help was asked for (usage already printed to stdout), or -1 after
 * printing a usage error (exit code 2).
 */
int cli_parse(const char *cmd, const char *usage, int argc, char **argv,
	      const struct cli_opt *opts, char ***pos, int *npos);

/* Print "usage: ..." and the global options to f. */
void cli_usage(FILE *f, const char *cmd, const char *usage);

/* Load rules as the options say; prints errors itself.  On failure returns
 * PT_BAD_INPUT and *out is untouched. */
enum pt_result cli_rules(const char *cmd, const struct pt_options *opt,
			 struct rules **out);

/* Open the store as the options say; prints errors itself. */
enum pt_result cli_store(const char *cmd, const struct pt_options *opt,
			 struct store **out);

/* Fill a fetch configuration from the global options. */
void cli_fetch_config(const struct pt_options *opt, struct fetch_config *fc);

/* Print a JSON value (jansson json_t *) as one line to stdout. */
void cli_print_json(void *json);

#endif
