/*
 * cmd_fingerprint.c - `provtrace fingerprint INPUT...`: content fingerprints
 * of pages or texts, each stored with its LSH bands for `match`.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "commands.h"
#include "../rules/rules.h"
#include "../store/store.h"
#include "../trace/trace.h"

static const char usage_text[] =
	"[--minhash] [--winnow] INPUT...\n"
	"\n"
	"Extract each INPUT (URL, .html or .txt file, or - for standard input),\n"
	"normalise its text (NFKC, case folded, quotes, dashes and white space\n"
	"folded) and print its fingerprints: SHA-256 of the normalised text,\n"
	"64-bit SimHash and 128-value MinHash over word 3-shingles, winnowed\n"
	"word 5-grams (window 4).  Each document is stored with its LSH bands\n"
	"unless --no-store.\n"
	"\n"
	"  --minhash    also print the MinHash values\n"
	"  --winnow     also print the winnowed fingerprints with their offsets\n";

static json_t *fingerprint_json(const struct fp_document *d, const char *input,
				int minhash, int winnow)
{
	json_t *o = json_object();
	char hex[17];

	snprintf(hex, sizeof(hex), "%016" PRIx64, d->fp.simhash);
	json_object_set_new(o, "input", json_string(input));
	json_object_set_new(o, "key", json_string(d->key));
	json_object_set_new(o, "sha256", json_string(d->fp.sha256));
	json_object_set_new(o, "simhash", json_string(hex));
	json_object_set_new(o, "chars", json_integer((json_int_t)d->fp.chars));
	json_object_set_new(o, "tokens", json_integer((json_int_t)d->fp.tokens));
	json_object_set_new(o, "shingles", json_integer((json_int_t)d->fp.shingles));
	json_object_set_new(o, "winnow_count", json_integer((json_int_t)d->fp.nwinnow));
	if (minhash) {
		json_t *a = json_array();

		for (size_t i = 0; i < FP_MINHASH_N; i++)
			json_array_append_new(a, json_integer(d->fp.minhash[i]));
		json_object_set_new(o, "minhash", a);
	}
	if (winnow) {
		json_t *a = json_array();

		for (size_t i = 0; i < d->fp.nwinnow; i++) {
			const struct fp_winnow *w = &d->fp.winnow[i];
			json_t *e = json_object();
			size_t s, t;

			norm_token_span(&d->norm, w->pos, w->pos + FP_WINNOW_K, &s, &t);
			snprintf(hex, sizeof(hex), "%016" PRIx64, w->hash);
			json_object_set_new(e, "hash", json_string(hex));
			json_object_set_new(e, "token", json_integer(w->pos));
			json_object_set_new(e, "start", json_integer((json_int_t)s));
			json_object_set_new(e, "end", json_integer((json_int_t)t));
			json_array_append_new(a, e);
		}
		json_object_set_new(o, "winnow", a);
	}
	return o;
}

static void fingerprint_print(const struct fp_document *d, const char *input,
			      int minhash, int winnow)
{
	printf("%s\n", input);
	printf("  sha256    %s\n", d->fp.sha256);
	printf("  simhash   %016" PRIx64 "\n", d->fp.simhash);
	printf("  chars     %zu\n", d->fp.chars);
	printf("  tokens    %zu\n", d->fp.tokens);
	printf("  minhash   %d values over %zu distinct word %d-shingles\n",
	       FP_MINHASH_N, d->fp.shingles, FP_SHINGLE);
	printf("  winnow    %zu fingerprints (word %d-grams, window %d)\n",
	       d->fp.nwinnow, FP_WINNOW_K, FP_WINNOW_W);
	if (minhash) {
		for (size_t i = 0; i < FP_MINHASH_N; i++)
			printf("%s%08" PRIx32, i % 8 ? " " : "\n    ", d->fp.minhash[i]);
		putchar('\n');
	}
	if (winnow)
		for (size_t i = 0; i < d->fp.nwinnow; i++) {
			const struct fp_winnow *w = &d->fp.winnow[i];
			size_t s, t;

			norm_token_span(&d->norm, w->pos, w->pos + FP_WINNOW_K, &s, &t);
			printf("    %016" PRIx64 " word %" PRIu32 " bytes %zu-%zu\n",
			       w->hash, w->pos, s, t);
		}
}

int cmd_fingerprint(int argc, char **argv, struct pt_options *opt)
{
	int minhash = 0, winnow = 0, npos, rc = 0;
	struct cli_opt opts[] = {
		{ "minhash", 0, NULL, &minhash },
		{ "winnow", 0, NULL, &winnow },
		{ NULL, 0, NULL, NULL }
	};
	char **pos;
	struct rules *rules = NULL;
	struct store *store = NULL;
	struct fetch_config fc;
	int64_t run_id = 0;
	enum pt_result r;

	switch (cli_parse("fingerprint", usage_text, argc, argv, opts, &pos, &npos)) {
	case 1:
		cli_usage(stdout, "fingerprint", usage_text);
		fputs(cli_global_help, stdout);
		return 0;
	case -1:
		return 2;
	}
	if (npos < 1) {
		pt_error("fingerprint", "no input given");
		cli_usage(stderr, "fingerprint", usage_text);
		free(pos);
		return 2;
	}
	if (cli_rules("fingerprint", opt, &rules) != PT_OK) {
		free(pos);
		return 3;
	}
	cli_fetch_config(opt, &fc);
	if (!opt->no_store) {
		if (cli_store("fingerprint", opt, &store) != PT_OK) {
			rules_free(rules);
			free(pos);
			return 5;
		}
		/* One transaction for the whole command: all or nothing. */
		if (store_begin(store) != PT_OK ||
		    store_run_begin(store, "fingerprint", npos == 1 ? pos[0] : NULL,
				    &run_id) != PT_OK) {
			pt_error("fingerprint", "cannot write the store: %s",
				 store_errmsg(store));
			store_close(store);
			rules_free(rules);
			free(pos);
			return 5;
		}
	}
	for (int i = 0; i < npos; i++) {
		struct fp_document d;
		struct buf err = BUF_INIT;

		fp_document_init(&d);
		r = fp_document_load(&d, pos[i], &fc, rules, &err);
		if (r != PT_OK) {
			pt_error("fingerprint", "%s", err.s);
			if (!rc)
				rc = pt_exit_code(r);
		} else {
			if (store && fp_document_store(store, &d) != PT_OK) {
				pt_error("fingerprint", "cannot store '%s': %s", pos[i],
					 store_errmsg(store));
				fp_document_release(&d);
				buf_release(&err);
				rc = 5;
				break;
			}
			if (opt->json) {
				json_t *o = fingerprint_json(&d, pos[i], minhash, winnow);

				cli_print_json(o);
				json_decref(o);
			} else {
				fingerprint_print(&d, pos[i], minhash, winnow);
			}
		}
		fp_document_release(&d);
		buf_release(&err);
	}
	if (store) {
		if (rc == 5) {
			store_rollback(store);
		} else if (store_run_finish(store, run_id) != PT_OK ||
			   store_commit(store) != PT_OK) {
			pt_error("fingerprint", "cannot write the store: %s",
				 store_errmsg(store));
			store_rollback(store);
			rc = 5;
		}
		store_close(store);
	}
	rules_free(rules);
	free(pos);
	return rc;
}
