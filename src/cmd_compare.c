/*
 * cmd_compare.c - `provtrace compare A B`: how much of one text is in the
 * other, the verdict, and the passages shared, only in A and only in B.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "commands.h"
#include "../rules/rules.h"
#include "../store/store.h"
#include "../trace/trace.h"

static const char usage_text[] =
	"[--excerpt N] A B\n"
	"\n"
	"Compare two inputs (URL, .html or .txt file, or - for one of them):\n"
	"Jaccard similarity and containment both ways over word 3-shingles,\n"
	"SimHash distance, aligned passages and a verdict: identical,\n"
	"near-duplicate, a-contains-b, b-contains-a, partial-reuse or unrelated.\n"
	"Offsets are byte offsets into each input's extracted text.  Both\n"
	"documents are stored unless --no-store.\n"
	"\n"
	"  --excerpt N  characters of each passage shown (default 70; 0: whole)\n";

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

static json_t *range_json(size_t s, size_t e)
{
	json_t *a = json_array();

	json_array_append_new(a, json_integer((json_int_t)s));
	json_array_append_new(a, json_integer((json_int_t)e));
	return a;
}

static json_t *text_json(const struct buf *t, size_t s, size_t e)
{
	return json_stringn(t->s + s, e - s);
}

static json_t *spans_json(const struct cmp_span *v, size_t n, const struct buf *t)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "start", json_integer((json_int_t)v[i].start));
		json_object_set_new(o, "end", json_integer((json_int_t)v[i].end));
		json_object_set_new(o, "text", text_json(t, v[i].start, v[i].end));
		json_object_set_new(o, "words", json_integer((json_int_t)v[i].ntok));
		json_array_append_new(a, o);
	}
	return a;
}

/* Round to 4 decimals so the JSON does not show 0.8571428571428571. */
static json_t *ratio(double v)
{
	return json_real((double)(long long)(v * 10000 + 0.5) / 10000);
}

static json_t *comparison_json(const struct comparison *c,
			       const struct fp_document *a,
			       const struct fp_document *b)
{
	json_t *o = json_object(), *shared = json_array();

	json_object_set_new(o, "verdict", json_string(compare_verdict_name(c->verdict)));
	json_object_set_new(o, "jaccard", ratio(c->jaccard));
	json_object_set_new(o, "a_in_b", ratio(c->a_in_b));
	json_object_set_new(o, "b_in_a", ratio(c->b_in_a));
	json_object_set_new(o, "simhash_distance", json_integer(c->simhash_distance));
	json_object_set_new(o, "coverage_a", ratio(c->coverage_a));
	json_object_set_new(o, "coverage_b", ratio(c->coverage_b));
	for (size_t i = 0; i < c->nshared; i++) {
		const struct cmp_passage *p = &c->shared[i];
		json_t *e = json_object();

		json_object_set_new(e, "a", range_json(p->a_start, p->a_end));
		json_object_set_new(e, "b", range_json(p->b_start, p->b_end));
		json_object_set_new(e, "text", text_json(&a->doc.text, p->a_start, p->a_end));
		json_object_set_new(e, "words", json_integer((json_int_t)p->a_ntok));
		json_array_append_new(shared, e);
	}
	json_object_set_new(o, "shared", shared);
	json_object_set_new(o, "only_a", spans_json(c->only_a, c->nonly_a, &a->doc.text));
	json_object_set_new(o, "only_b", spans_json(c->only_b, c->nonly_b, &b->doc.text));
	json_object_set_new(o, "input_a", json_string(a->key));
	json_object_set_new(o, "input_b", json_string(b->key));
	return o;
}

/* Back up to the start of a UTF-8 sequence. */
static size_t utf8_floor(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* Print t[s, e) on one line, at most max bytes (the middle elided). */
static void print_excerpt(const struct buf *t, size_t s, size_t e, size_t max)
{
	size_t head_end = e, tail_start = e;

	if (max && e - s > max) {
		head_end = utf8_floor(t->s, s + max * 2 / 3);
		tail_start = utf8_floor(t->s, e - max / 3);
	}
	putchar('"');
	for (size_t i = s; i < e; i++) {
		char ch = t->s[i];

		if (i == head_end) {
			fputs(" ... ", stdout);
			i = tail_start;
			ch = t->s[i];
		}
		putchar(ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : ch);
	}
	putchar('"');
}

struct line {
	size_t pos;         /* in A's token order */
	int kind;           /* '=' or '-' */
	size_t i;
};

static int cmp_line(const void *x, const void *y)
{
	const struct line *p = x, *q = y;

	return p->pos < q->pos ? -1 : p->pos > q->pos;
}

static void comparison_print(const struct comparison *c, const struct fp_document *a,
			     const struct fp_document *b, size_t excerpt)
{
	struct line *lines;
	size_t n = 0;

	printf("A                 %s\n", a->key);
	printf("B                 %s\n", b->key);
	printf("verdict           %s\n", compare_verdict_name(c->verdict));
	printf("jaccard           %.3f\n", c->jaccard);
	printf("a_in_b            %.3f  (word %d-shingles of A found in B)\n",
	       c->a_in_b, FP_SHINGLE);
	printf("b_in_a            %.3f  (word %d-shingles of B found in A)\n",
	       c->b_in_a, FP_SHINGLE);
	printf("simhash distance  %d bits\n", c->simhash_distance);
	printf("coverage          A %.3f, B %.3f  (words inside shared passages)\n",
	       c->coverage_a, c->coverage_b);
	if (!c->nshared && !c->nonly_a && !c->nonly_b)
		return;
	putchar('\n');
	/* Shared passages and A's own parts in A's order, then B's own parts. */
	lines = xmalloc((c->nshared + c->nonly_a + 1) * sizeof(*lines));
	for (size_t i = 0; i < c->nshared; i++)
		lines[n++] = (struct line){ c->shared[i].a_tok, '=', i };
	for (size_t i = 0; i < c->nonly_a; i++)
		lines[n++] = (struct line){ c->only_a[i].tok, '-', i };
	qsort(lines, n, sizeof(*lines), cmp_line);
	for (size_t k = 0; k < n; k++) {
		if (lines[k].kind == '=') {
			const struct cmp_passage *p = &c->shared[lines[k].i];

			printf("= shared     A %zu-%zu  B %zu-%zu  %zu words  ",
			       p->a_start, p->a_end, p->b_start, p->b_end, p->a_ntok);
			print_excerpt(&a->doc.text, p->a_start, p->a_end, excerpt);
		} else {
			const struct cmp_span *s = &c->only_a[lines[k].i];

			printf("- only in A  A %zu-%zu  %zu words  ", s->start, s->end, s->ntok);
			print_excerpt(&a->doc.text, s->start, s->end, excerpt);
		}
		putchar('\n');
	}
	for (size_t i = 0; i < c->nonly_b; i++) {
		const struct cmp_span *s = &c->only_b[i];

		printf("+ only in B  B %zu-%zu  %zu words  ", s->start, s->end, s->ntok);
		print_excerpt(&b->doc.text, s->start, s->end, excerpt);
		putchar('\n');
	}
	free(lines);
}

/* ------------------------------------------------------------------ */
/* The command                                                         */
/* ------------------------------------------------------------------ */

static enum pt_result store_both(const struct pt_options *opt, const char *a_input,
				 struct fp_document *a, struct fp_document *b)
{
	struct store *store;
	int64_t run_id;

	if (cli_store("compare", opt, &store) != PT_OK)
		return PT_STORE;
	if (store_begin(store) != PT_OK ||
	    store_run_begin(store, "compare", a_input, &run_id) != PT_OK ||
	    fp_document_store(store, a) != PT_OK ||
	    fp_document_store(store, b) != PT_OK ||
	    store_run_finish(store, run_id) != PT_OK ||
	    store_commit(store) != PT_OK) {
		pt_error("compare", "cannot write the store: %s", store_errmsg(store));
		store_rollback(store);
		store_close(store);
		return PT_STORE;
	}
	store_close(store);
	return PT_OK;
}

int cmd_compare(int argc, char **argv, struct pt_options *opt)
{
	const char *excerpt_s = NULL;
	struct cli_opt opts[] = {
		{ "excerpt", 1, &excerpt_s, NULL },
		{ NULL, 0, NULL, NULL }
	};
	char **pos;
	int npos, rc = 0;
	long excerpt = 70;
	struct rules *rules = NULL;
	struct fetch_config fc;
	struct fp_document a, b;
	struct comparison c;
	struct buf err = BUF_INIT;
	enum pt_result r;

	switch (cli_parse("compare", usage_text, argc, argv, opts, &pos, &npos)) {
	case 1:
		cli_usage(stdout, "compare", usage_text);
		fputs(cli_global_help, stdout);
		return 0;
	case -1:
		return 2;
	}
	if (npos != 2) {
		pt_error("compare", "two inputs needed, %d given", npos);
		cli_usage(stderr, "compare", usage_text);
		free(pos);
		return 2;
	}
	if (excerpt_s) {
		char *end;

		excerpt = strtol(excerpt_s, &end, 10);
		if (*end || end == excerpt_s || excerpt < 0 || excerpt > 1000000) {
			pt_error("compare", "--excerpt takes a number of characters, not '%s'",
				 excerpt_s);
			free(pos);
			return 2;
		}
	}
	if (!strcmp(pos[0], "-") && !strcmp(pos[1], "-")) {
		pt_error("compare", "only one input can be standard input");
		free(pos);
		return 2;
	}
	if (cli_rules("compare", opt, &rules) != PT_OK) {
		free(pos);
		return 3;
	}
	cli_fetch_config(opt, &fc);
	fp_document_init(&a);
	fp_document_init(&b);
	comparison_init(&c);
	r = fp_document_load(&a, pos[0], &fc, rules, &err);
	if (r == PT_OK) {
		buf_reset(&err);
		r = fp_document_load(&b, pos[1], &fc, rules, &err);
	}
	if (r != PT_OK) {
		pt_error("compare", "%s", err.s);
		rc = pt_exit_code(r);
		goto out;
	}
	compare_texts(&a.norm, &a.fp, &b.norm, &b.fp, &c);
	if (!opt->no_store && store_both(opt, pos[0], &a, &b) != PT_OK) {
		rc = 5;
		goto out;
	}
	if (opt->json) {
		json_t *o = comparison_json(&c, &a, &b);

		cli_print_json(o);
		json_decref(o);
	} else {
		comparison_print(&c, &a, &b, (size_t)excerpt);
	}
out:
	comparison_release(&c);
	fp_document_release(&a);
	fp_document_release(&b);
	buf_release(&err);
	rules_free(rules);
	free(pos);
	return rc;
}
