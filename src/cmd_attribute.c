/*
 * cmd_attribute.c - `provtrace attribute INPUT`: who is said to be the
 * source of what, in the main text of a page or a text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "commands.h"
#include "../rules/rules.h"
#include "../trace/attribute.h"
#include "../trace/extract.h"
#include "../trace/fetch.h"

static const char usage_text[] =
	"INPUT\n"
	"\n"
	"Find every piece of information the article attributes to someone:\n"
	"the source (resolved to our rules where known: canonical name, type,\n"
	"affiliation), the cue (\"said\", \"according to\", \"told Newsweek\",\n"
	"\"shared by\", photo credit), the kind (quote, partial-quote, indirect,\n"
	"document, footage, photo, reported) and the claim.  Back-references\n"
	"(\"the monitor\", \"the ministry\", \"he\") resolve to the source named\n"
	"earlier; unnamed sources are marked anonymous.\n"
	"\n"
	"INPUT is an http or https URL, an HTML or text file, or - for standard\n"
	"input.  Cue words and sources come from the rules (see --rules).\n"
	"\n"
	"Prints a table (source, cue, kind, claim excerpt); --json prints\n"
	"{\"attributions\": [{\"source\", \"source_id\", \"surface\", \"cue\",\n"
	"\"kind\", \"claim\", \"start\", \"end\", \"anonymous\", \"descriptor\",\n"
	"\"source_type\", \"affiliation\"}]} with byte offsets into the\n"
	"extracted text.  Exit 0 when attributions were found, 1 when none.\n";

static void help(void)
{
	cli_usage(stdout, "attribute", usage_text);
	fputs("\n", stdout);
	fputs(cli_global_help, stdout);
}

/* Print s (n bytes) in at most width display columns, white space
 * collapsed, cut at a UTF-8 boundary with "..." when longer. */
static void print_cell(const char *s, size_t n, int width, int pad)
{
	int cols = 0, space = 0;
	size_t i = 0;

	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		size_t k = 1;

		if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
			space = 1;
			i++;
			continue;
		}
		if (ch >= 0xF0) k = 4;
		else if (ch >= 0xE0) k = 3;
		else if (ch >= 0xC0) k = 2;
		if (i + k > n)
			break;
		if (cols + (space && cols) + 1 > width - 3) {
			/* room only for the ellipsis, if more is to come */
			fputs("...", stdout);
			cols += 3;
			break;
		}
		if (space && cols) {
			putchar(' ');
			cols++;
		}
		space = 0;
		fwrite(s + i, 1, k, stdout);
		cols++;
		i += k;
	}
	while (pad && cols++ < width)
		putchar(' ');
}

static void print_table(const struct attribution_list *l, const char *text)
{
	printf("%-32s  %-18s  %-13s  %s\n", "SOURCE", "CUE", "KIND", "CLAIM");
	for (size_t i = 0; i < l->n; i++) {
		const struct attribution *a = &l->v[i];
		const char *src = a->source ? a->source : "-";

		print_cell(src, strlen(src), 32, 1);
		fputs("  ", stdout);
		print_cell(a->cue, strlen(a->cue), 18, 1);
		fputs("  ", stdout);
		print_cell(a->kind, strlen(a->kind), 13, 1);
		fputs("  ", stdout);
		print_cell(text + a->start, a->end - a->start, 70, 0);
		if (a->anonymous)
			fputs("  [anonymous]", stdout);
		putchar('\n');
	}
}

int cmd_attribute(int argc, char **argv, struct pt_options *opt)
{
	int npos = 0, rc;
	char **pos = NULL;
	const struct cli_opt opts[] = { { NULL, 0, NULL, NULL } };
	struct fetch_config fc;
	struct rules *rules = NULL;
	struct document doc;
	struct attribution_list list;
	struct buf err = BUF_INIT;
	enum pt_result r;

	rc = cli_parse("attribute", usage_text, argc, argv, opts, &pos, &npos);
	if (rc == 1) {
		help();
		return 0;
	}
	if (rc < 0)
		return 2;
	if (npos != 1) {
		pt_error("attribute", npos ? "one input at a time" :
			 "an input is needed: a URL, a file or -");
		cli_usage(stderr, "attribute", usage_text);
		free(pos);
		return 2;
	}
	if (cli_rules("attribute", opt, &rules) != PT_OK) {
		free(pos);
		return pt_exit_code(PT_BAD_INPUT);
	}
	cli_fetch_config(opt, &fc);
	document_init(&doc);
	attribution_list_init(&list);
	r = extract_input(pos[0], &fc, rules, &doc, &err);
	if (r == PT_OK)
		r = attribute_text(rules, doc.text.s, doc.text.len, doc.blocks,
				   doc.nblocks, &list, &err);
	if (r != PT_OK) {
		pt_error("attribute", "%s", err.len ? err.s : pt_strerror(r));
		rc = pt_exit_code(r);
	} else {
		if (opt->json) {
			json_t *o = attribution_list_json(&list, doc.text.s);

			cli_print_json(o);
			json_decref(o);
		} else {
			print_table(&list, doc.text.s);
		}
		rc = list.n ? 0 : 1;
	}
	attribution_list_release(&list);
	document_release(&doc);
	buf_release(&err);
	rules_free(rules);
	free(pos);
	return rc;
}
