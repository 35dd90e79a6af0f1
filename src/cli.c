/*
 * cli.c - helpers shared by the subcommands: option parsing, usage text,
 * loading rules, opening the store, JSON printing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "../rules/rules.h"
#include "../store/store.h"
#include "../trace/trace.h"

const char cli_global_help[] =
"global options (before or after the command):\n"
"  --db PATH            store file (default ./provtrace.db; env PROVTRACE_DB)\n"
"  --no-store           do not write to the store\n"
"  --rules DIR          extra rule files (*.rules) that extend or override ours\n"
"                       (env PROVTRACE_RULES)\n"
"  --json               machine-readable output (JSON Lines for several inputs)\n"
"  --quiet              no warnings or progress\n"
"  --offline            no network: unwrap and read local input only\n"
"  --connect-to H:P:A:P connect to A:P for host H port P (curl syntax; empty H\n"
"                       or P matches any; repeatable)\n"
"  --cacert FILE        also trust the CA certificates in FILE\n"
"  --insecure           do not verify TLS certificates\n"
"  --allow-private      allow loopback, private and link-local addresses\n"
"  --timeout SEC        total time per request (default 30)\n"
"  --max-hops N         longest redirect chain followed (default 20)\n"
"  --user-agent STR     User-Agent header (default provtrace/VERSION)\n"
"  --warc FILE          record fetched responses in a WARC file\n"
"  --replay FILE        answer requests from a WARC file instead of the network\n";

void cli_usage(FILE *f, const char *cmd, const char *usage)
{
	fprintf(f, "usage: provtrace %s %s\n", cmd, usage);
}

int cli_parse(const char *cmd, const char *usage, int argc, char **argv,
	      const struct cli_opt *opts, char ***pos, int *npos)
{
	char **out = xcalloc((size_t)argc + 1, sizeof(*out));
	int n = 0, only_args = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const struct cli_opt *o;
		const char *eq;
		size_t len;

		if (only_args || a[0] != '-' || !a[1]) {
			out[n++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = 1;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			free(out);
			return 1;
		}
		if (a[1] != '-') {
			pt_error(cmd, "unknown option '%s'", a);
			goto usage;
		}
		a += 2;
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		for (o = opts; o && o->name; o++)
			if (strlen(o->name) == len && !strncmp(o->name, a, len))
				break;
		if (!o || !o->name) {
			pt_error(cmd, "unknown option '%s'", argv[i]);
			goto usage;
		}
		if (o->has_arg) {
			if (eq) {
				*o->value = eq + 1;
			} else if (i + 1 < argc) {
				*o->value = argv[++i];
			} else {
				pt_error(cmd, "option '--%s' needs a value", o->name);
				goto usage;
			}
		} else {
			if (eq) {
				pt_error(cmd, "option '--%s' takes no value", o->name);
				goto usage;
			}
			*o->flag = 1;
		}
	}
	*pos = out;
	*npos = n;
	return 0;
usage:
	free(out);
	cli_usage(stderr, cmd, usage);
	return -1;
}

enum pt_result cli_rules(const char *cmd, const struct pt_options *opt,
			 struct rules **out)
{
	struct buf err = BUF_INIT;
	enum pt_result r = rules_load(out, opt->rules_dir, &err);

	if (r != PT_OK) {
		/* One problem per line, each already "FILE:LINE: message". */
		char *line = err.s, *nl;

		while (*line) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			pt_error(cmd, "%s", line);
			if (!nl)
				break;
			line = nl + 1;
		}
	}
	buf_release(&err);
	return r;
}

enum pt_result cli_store(const char *cmd, const struct pt_options *opt,
			 struct store **out)
{
	struct buf err = BUF_INIT;
	enum pt_result r = store_open(out, opt->db_path, &err);

	if (r != PT_OK)
		pt_error(cmd, "%s", err.s);
	buf_release(&err);
	return r;
}

void cli_fetch_config(const struct pt_options *opt, struct fetch_config *fc)
{
	fetch_config_init(fc);
	fc->connect_to = opt->connect_to;
	fc->nconnect_to = opt->nconnect_to;
	fc->cacert = opt->cacert;
	fc->insecure = opt->insecure;
	fc->allow_private = opt->allow_private;
	fc->offline = opt->offline;
	if (opt->timeout > 0)
		fc->timeout = opt->timeout;
	if (fc->connect_timeout > fc->timeout)
		fc->connect_timeout = fc->timeout;
	if (opt->max_hops > 0)
		fc->max_hops = opt->max_hops;
	if (opt->user_agent)
		fc->user_agent = opt->user_agent;
}

void cli_print_json(void *json)
{
	char *s = json_dumps(json, JSON_COMPACT | JSON_PRESERVE_ORDER |
				   JSON_REAL_PRECISION(10));

	if (s) {
		fputs(s, stdout);
		fputc('\n', stdout);
		free(s);
	}
}
