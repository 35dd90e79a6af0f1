/*
 * cmd_extract.c - `provtrace extract [--text-only] INPUT...`: the main
 * text and metadata of a page or a text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "commands.h"
#include "../rules/rules.h"
#include "../trace/trace.h"
#include "../store/store.h"

static const char usage_text[] =
	"[--text-only] INPUT...\n"
	"\n"
	"Read a page (an http or https URL, an HTML file) or a text (a .txt file,\n"
	"or - for standard input) and print its title, byline, dates, site and\n"
	"canonical URL, then its main text: navigation, ads, share widgets,\n"
	"comments and footers dropped, paragraph breaks kept, photo captions and\n"
	"credits marked.  HTML or text is told from the content.  Inputs over\n"
	"16 MiB are refused (exit 3).  Each document is stored with its\n"
	"fingerprints unless --no-store, so that match finds it later.\n"
	"\n"
	"  --text-only   print only the main text (with --json: {\"text\"})\n"
	"\n"
	"--json prints {\"title\", \"byline\", \"published\", \"site_name\",\n"
	"\"canonical\", \"lang\", \"text\", \"links\": [{\"href\", \"text\"}],\n"
	"\"jsonld\": [...]} and more fields (modified, title_clean, title_site,\n"
	"description, original_source, is_based_on, blocks, page_text,\n"
	"payload_sha256); one line per input.\n";

static void help(void)
{
	cli_usage(stdout, "extract", usage_text);
	fputs("\n", stdout);
	fputs(cli_global_help, stdout);
}

static json_t *jstr_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *document_json(const struct document *doc, int text_only)
{
	json_t *o = json_object(), *links, *blocks;

	if (text_only) {
		json_object_set_new(o, "text", json_stringn(doc->text.s, doc->text.len));
		return o;
	}
	json_object_set_new(o, "input", jstr_or_null(doc->input));
	json_object_set_new(o, "url", jstr_or_null(doc->url));
	json_object_set_new(o, "is_html", json_boolean(doc->is_html));
	json_object_set_new(o, "title", jstr_or_null(doc->title));
	json_object_set_new(o, "title_clean", jstr_or_null(doc->title_clean));
	json_object_set_new(o, "title_site", jstr_or_null(doc->title_site));
	json_object_set_new(o, "byline", jstr_or_null(doc->byline));
	json_object_set_new(o, "published", jstr_or_null(doc->published));
	json_object_set_new(o, "modified", jstr_or_null(doc->modified));
	json_object_set_new(o, "site_name", jstr_or_null(doc->site_name));
	json_object_set_new(o, "publisher", jstr_or_null(doc->publisher));
	json_object_set_new(o, "canonical", jstr_or_null(doc->canonical));
	json_object_set_new(o, "og_url", jstr_or_null(doc->og_url));
	json_object_set_new(o, "og_type", jstr_or_null(doc->og_type));
	json_object_set_new(o, "image", jstr_or_null(doc->image));
	json_object_set_new(o, "description", jstr_or_null(doc->description));
	json_object_set_new(o, "lang", jstr_or_null(doc->lang));
	json_object_set_new(o, "original_source", jstr_or_null(doc->original_source));
	json_object_set_new(o, "is_based_on", jstr_or_null(doc->is_based_on));
	json_object_set_new(o, "main_entity", jstr_or_null(doc->main_entity));
	json_object_set_new(o, "text", json_stringn(doc->text.s, doc->text.len));
	blocks = json_array();
	for (size_t i = 0; i < doc->nblocks; i++) {
		json_t *b = json_object();

		json_object_set_new(b, "kind", json_string(block_kind_name(doc->blocks[i].kind)));
		json_object_set_new(b, "start", json_integer((json_int_t)doc->blocks[i].start));
		json_object_set_new(b, "end", json_integer((json_int_t)doc->blocks[i].end));
		json_array_append_new(blocks, b);
	}
	json_object_set_new(o, "blocks", blocks);
	links = json_array();
	for (size_t i = 0; i < doc->nlinks; i++) {
		json_t *l = json_object();

		json_object_set_new(l, "href", json_string(doc->links[i].href));
		json_object_set_new(l, "text", json_string(doc->links[i].text));
		json_array_append_new(links, l);
	}
	json_object_set_new(o, "links", links);
	if (doc->jsonld)
		json_object_set(o, "jsonld", (json_t *)doc->jsonld);
	else
		json_object_set_new(o, "jsonld", json_array());
	json_object_set_new(o, "page_text",
			    json_stringn(doc->page_text.s, doc->page_text.len));
	json_object_set_new(o, "payload_sha256",
			    doc->payload_sha256[0] ? json_string(doc->payload_sha256)
						   : json_null());
	return o;
}

static void print_field(const char *name, const char *value)
{
	if (value)
		printf("%-10s %s\n", name, value);
}

static void print_human(const struct document *doc, int text_only)
{
	if (!text_only) {
		print_field("title:", doc->title_clean ? doc->title_clean : doc->title);
		print_field("site:", doc->site_name);
		print_field("byline:", doc->byline);
		print_field("published:", doc->published);
		print_field("modified:", doc->modified);
		print_field("canonical:", doc->canonical);
		print_field("source:", doc->original_source);
		print_field("based on:", doc->is_based_on);
		print_field("lang:", doc->lang);
		printf("%-10s %zu blocks, %zu bytes, %zu links\n", "text:",
		       doc->nblocks, doc->text.len, doc->nlinks);
		fputs("\n", stdout);
	}
	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct block *b = &doc->blocks[i];

		if (i)
			fputs("\n", stdout);
		if (!text_only) {
			if (b->kind == BLOCK_CAPTION)
				fputs("[caption] ", stdout);
			else if (b->kind == BLOCK_CREDIT)
				fputs("[credit] ", stdout);
			else if (b->kind == BLOCK_HEADING)
				fputs("## ", stdout);
			else if (b->kind == BLOCK_QUOTE)
				fputs("> ", stdout);
			else if (b->kind == BLOCK_LIST_ITEM)
				fputs("- ", stdout);
		}
		fwrite(doc->text.s + b->start, 1, b->end - b->start, stdout);
		fputs("\n", stdout);
	}
}

/*
 * Store an extracted document with its fingerprints, so that match finds
 * it later: one transaction per document.  A document with no words is
 * not stored (there is nothing to match), with a warning.  The store is
 * opened on first use; *store keeps it for the next input.
 */
static enum pt_result store_document(const struct pt_options *opt,
				     struct store **store, const char *input,
				     struct fp_document *d)
{
	struct buf err = BUF_INIT;
	enum pt_result r = fp_document_prepare(d, input, &err);
	int64_t run;

	if (r != PT_OK) {
		pt_warn("extract", "not stored: %s", err.s);
		buf_release(&err);
		return PT_OK;
	}
	buf_release(&err);
	if (!*store && cli_store("extract", opt, store) != PT_OK)
		return PT_STORE;
	if (store_begin(*store) != PT_OK ||
	    store_run_begin(*store, "extract", input, &run) != PT_OK ||
	    fp_document_store(*store, d) != PT_OK ||
	    store_run_finish(*store, run) != PT_OK ||
	    store_commit(*store) != PT_OK) {
		pt_error("extract", "cannot store '%s': %s", input,
			 store_errmsg(*store));
		store_rollback(*store);
		return PT_STORE;
	}
	return PT_OK;
}

static int any_url(char **inputs, int n)
{
	for (int i = 0; i < n; i++)
		if (str_case_starts_with(inputs[i], "http://") ||
		    str_case_starts_with(inputs[i], "https://"))
			return 1;
	return 0;
}

int cmd_extract(int argc, char **argv, struct pt_options *opt)
{
	int text_only = 0, npos = 0, rc, worst = 0;
	char **pos = NULL;
	const struct cli_opt opts[] = {
		{ "text-only", 0, NULL, &text_only },
		{ NULL, 0, NULL, NULL }
	};
	struct fetch_config fc;
	struct rules *rules = NULL;
	struct store *store = NULL;

	rc = cli_parse("extract", usage_text, argc, argv, opts, &pos, &npos);
	if (rc == 1) {
		help();
		return 0;
	}
	if (rc < 0)
		return 2;
	if (npos < 1) {
		pt_error("extract", "an input is needed: a URL, a file or -");
		cli_usage(stderr, "extract", usage_text);
		free(pos);
		return 2;
	}
	cli_fetch_config(opt, &fc);
	if (any_url(pos, npos) && !opt->offline &&
	    cli_rules("extract", opt, &rules) != PT_OK) {
		free(pos);
		return pt_exit_code(PT_BAD_INPUT);
	}
	for (int i = 0; i < npos; i++) {
		struct fp_document d;
		struct buf err = BUF_INIT;
		enum pt_result r;

		fp_document_init(&d);
		r = extract_input(pos[i], &fc, rules, &d.doc, &err);
		if (r != PT_OK) {
			pt_error("extract", "%s", err.len ? err.s : pt_strerror(r));
			if (pt_exit_code(r) > worst)
				worst = pt_exit_code(r);
			fp_document_release(&d);
			buf_release(&err);
			continue;
		}
		if (opt->json) {
			json_t *o = document_json(&d.doc, text_only);

			cli_print_json(o);
			json_decref(o);
		} else {
			if (i)
				fputs("\n", stdout);
			print_human(&d.doc, text_only);
		}
		fflush(stdout);
		if (!opt->no_store) {
			r = store_document(opt, &store, pos[i], &d);
			if (r != PT_OK && pt_exit_code(r) > worst)
				worst = pt_exit_code(r);
		}
		fp_document_release(&d);
		buf_release(&err);
	}
	store_close(store);
	rules_free(rules);
	free(pos);
	return worst;
}
