/*
 * main.c - the provtrace command line: global options, then dispatch to
 * one cmd_<name>() per subcommand.  A new command is one file and one row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "cli.h"
#include "commands.h"

static const struct command commands[] = {
	{ "resolve",     cmd_resolve,     "follow links to their origin, hop by hop" },
	{ "extract",     cmd_extract,     "main text and metadata of a page or text" },
	{ "fingerprint", cmd_fingerprint, "content fingerprints of pages or texts" },
	{ "compare",     cmd_compare,     "how much of one text is in another, and which passages" },
	{ "match",       cmd_match,       "stored documents this one copies or is copied by" },
	{ "attribute",   cmd_attribute,   "who is said to be the source of what" },
	{ "rules",       cmd_rules,       "check or list the rule files" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fputs("usage: provtrace [global options] <command> [options] [args]\n\n"
	      "provtrace traces a repost to its origin, compares the texts, and\n"
	      "says who the original attributes each claim to.\n\ncommands:\n", f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fputs("\n", f);
	fputs(cli_global_help, f);
	fputs("\n'provtrace <command> --help' describes a command.\n"
	      "exit codes: 0 success, 1 not found, 2 usage, 3 bad input,\n"
	      "4 network failure, 5 store failure.\n", f);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* Global options that take a value. */
static const char *const valued[] = {
	"db", "rules", "connect-to", "cacert", "timeout", "max-hops",
	"user-agent", "warc", "replay", NULL
};
static const char *const flags[] = {
	"json", "quiet", "offline", "no-store", "insecure", "allow-private", NULL
};

static int is_in(const char *const *list, const char *name, size_t len)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == len && !strncmp(list[i], name, len))
			return 1;
	return 0;
}

static int set_valued(struct pt_options *opt, const char *name, const char *v)
{
	char *end;

	if (!strcmp(name, "db"))
		opt->db_path = v;
	else if (!strcmp(name, "rules"))
		opt->rules_dir = v;
	else if (!strcmp(name, "connect-to")) {
		opt->connect_to = xrealloc(opt->connect_to,
					   (opt->nconnect_to + 1) * sizeof(char *));
		opt->connect_to[opt->nconnect_to++] = v;
	} else if (!strcmp(name, "cacert"))
		opt->cacert = v;
	else if (!strcmp(name, "timeout")) {
		opt->timeout = strtod(v, &end);
		if (*end || !(opt->timeout > 0) || opt->timeout > 86400) {
			pt_error(NULL, "--timeout takes seconds above 0, not '%s'", v);
			return -1;
		}
	} else if (!strcmp(name, "max-hops")) {
		long n = strtol(v, &end, 10);
		if (*end || n < 1 || n > 1000) {
			pt_error(NULL, "--max-hops takes a number from 1 to 1000, not '%s'", v);
			return -1;
		}
		opt->max_hops = (int)n;
	} else if (!strcmp(name, "user-agent"))
		opt->user_agent = v;
	else if (!strcmp(name, "warc"))
		opt->warc_path = v;
	else if (!strcmp(name, "replay"))
		opt->replay_path = v;
	return 0;
}

static void set_flag(struct pt_options *opt, const char *name)
{
	if (!strcmp(name, "json"))
		opt->json = 1;
	else if (!strcmp(name, "quiet"))
		opt->quiet = pt_quiet = 1;
	else if (!strcmp(name, "offline"))
		opt->offline = 1;
	else if (!strcmp(name, "no-store"))
		opt->no_store = 1;
	else if (!strcmp(name, "insecure"))
		opt->insecure = 1;
	else if (!strcmp(name, "allow-private"))
		opt->allow_private = 1;
}

/*
 * Take the global options out of argv wherever they stand (before "--"),
 * leaving the command name and its own arguments in order.  Returns the new
 * argc, or -1 after a usage error.
 */
static int take_globals(struct pt_options *opt, int argc, char **argv)
{
	int out = 1, only_args = 0;

	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		const char *name, *eq;
		size_t len;

		if (only_args || strncmp(a, "--", 2) || !a[2]) {
			if (a[0] == '-' && a[1] == '-' && !a[2])
				only_args = 1;
			argv[out++] = a;
			continue;
		}
		name = a + 2;
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		if (is_in(valued, name, len)) {
			char key[32];
			const char *v;

			snprintf(key, sizeof(key), "%.*s", (int)len, name);
			if (eq)
				v = eq + 1;
			else if (i + 1 < argc)
				v = argv[++i];
			else {
				pt_error(NULL, "option '--%s' needs a value", key);
				return -1;
			}
			if (set_valued(opt, key, v))
				return -1;
		} else if (is_in(flags, name, len) && !eq) {
			char key[32];

			snprintf(key, sizeof(key), "%.*s", (int)len, name);
			set_flag(opt, key);
		} else {
			argv[out++] = a;
		}
	}
	argv[out] = NULL;
	return out;
}

int main(int argc, char **argv)
{
	struct pt_options opt;
	const struct command *c;
	int rc;

	memset(&opt, 0, sizeof(opt));
	opt.db_path = getenv("PROVTRACE_DB");
	if (!opt.db_path || !*opt.db_path)
		opt.db_path = "./provtrace.db";
	opt.rules_dir = getenv("PROVTRACE_RULES");
	if (opt.rules_dir && !*opt.rules_dir)
		opt.rules_dir = NULL;

	argc = take_globals(&opt, argc, argv);
	if (argc < 0)
		return 2;
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		if (argc > 2 && find_command(argv[2])) {
			char *help_argv[] = { argv[2], (char *)"--help", NULL };
			return find_command(argv[2])->fn(2, help_argv, &opt);
		}
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("provtrace %s (%s)\n", PROVTRACE_VERSION, curl_version());
		return 0;
	}
	c = find_command(argv[1]);
	if (!c) {
		pt_error(NULL, "'%s' is not a command; see 'provtrace --help'", argv[1]);
		return 2;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		pt_error(c->name, "cannot initialise libcurl");
		return 5;
	}
	rc = c->fn(argc - 1, argv + 1, &opt);
	curl_global_cleanup();
	free(opt.connect_to);
	fflush(stdout);
	if (ferror(stdout)) {
		pt_error(c->name, "cannot write the output");
		return rc ? rc : 3;
	}
	return rc;
}
