/*
 * cmd_rules.c - `provtrace rules check|list`: validate and show rule files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "commands.h"
#include "../rules/rules.h"
#include "../trace/trace.h"

static const char usage_text[] =
	"check [DIR] | list [TYPE]\n"
	"\n"
	"  check [DIR]   validate the built-in rules and DIR (or --rules); every\n"
	"                problem is reported as FILE:LINE: message (exit 3)\n"
	"  list [TYPE]   list the rules in force, where each comes from\n";

static void help(void)
{
	cli_usage(stdout, "rules", usage_text);
	fputs("\n", stdout);
	fputs(cli_global_help, stdout);
}

/*
 * Checks that need the tracing library, which the rules loader cannot call:
 * every wrapper names a decoder that exists.  Returns the number of problems.
 */
static int check_references(const struct rules *r)
{
	int problems = 0;

	for (size_t i = 0; i < rules_count(r, "wrapper"); i++) {
		const struct rule *w = rules_at(r, "wrapper", i);
		const char *d = rule_get(w, "decode");

		if (!unwrap_decoder_known(d)) {
			pt_error("rules", "%s:%d: unknown decoder '%s'", w->file,
				 w->line, d);
			problems++;
		}
	}
	return problems;
}

static int list(const struct rules *r, const char *type, int json)
{
	size_t shown = 0;

	for (size_t i = 0; i < rules_total(r); i++) {
		const struct rule *rule = rules_nth(r, i);

		if (type && strcmp(rule->type, type))
			continue;
		shown++;
		if (json) {
			json_t *o = json_object(), *fields = json_array();

			json_object_set_new(o, "type", json_string(rule->type));
			json_object_set_new(o, "key", rule->key ? json_string(rule->key) : json_null());
			json_object_set_new(o, "file", json_string(rule->file));
			json_object_set_new(o, "line", json_integer(rule->line));
			for (size_t f = 0; f < rule->nfields; f++) {
				json_t *kv = json_array();
				json_array_append_new(kv, json_string(rule->fields[f].key));
				json_array_append_new(kv, json_string(rule->fields[f].value));
				json_array_append_new(fields, kv);
			}
			json_object_set_new(o, "fields", fields);
			cli_print_json(o);
			json_decref(o);
		} else {
			printf("%-10s %-32s %s:%d\n", rule->type,
			       rule->key ? rule->key : "-", rule->file, rule->line);
		}
	}
	if (!shown && type) {
		pt_error("rules", "no rules of type '%s'", type);
		return 1;
	}
	return 0;
}

int cmd_rules(int argc, char **argv, struct pt_options *opt)
{
	char **pos;
	int npos, rc;
	struct rules *r = NULL;
	struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };

	rc = cli_parse("rules", usage_text, argc, argv, opts, &pos, &npos);
	if (rc) {
		if (rc > 0)
			help();
		return rc > 0 ? 0 : 2;
	}
	if (npos < 1 || (strcmp(pos[0], "check") && strcmp(pos[0], "list")) || npos > 2) {
		pt_error("rules", npos < 1 ? "which: check or list?" :
			 "'%s' is not check or list", npos ? pos[0] : "");
		cli_usage(stderr, "rules", usage_text);
		free(pos);
		return 2;
	}
	if (!strcmp(pos[0], "check") && npos == 2)
		opt->rules_dir = pos[1];
	if (cli_rules("rules", opt, &r) != PT_OK) {
		free(pos);
		return pt_exit_code(PT_BAD_INPUT);
	}
	if (check_references(r)) {
		rules_free(r);
		free(pos);
		return pt_exit_code(PT_BAD_INPUT);
	}
	if (!strcmp(pos[0], "check")) {
		if (!opt->quiet)
			printf("%zu rules ok (%zu built-in files%s%s)\n",
			       rules_total(r), rules_builtin_count,
			       opt->rules_dir ? " and " : "",
			       opt->rules_dir ? opt->rules_dir : "");
		rc = 0;
	} else {
		rc = list(r, npos == 2 ? pos[1] : NULL, opt->json);
	}
	rules_free(r);
	free(pos);
	return rc;
}
