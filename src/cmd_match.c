/*
 * cmd_match.c - `provtrace match INPUT`: the stored documents this one
 * copies or is copied by.
 *
 * Candidates come from the MinHash LSH index (documents sharing a band),
 * most bands shared first; their stored signatures give a quick estimate of
 * containment that drops the hopeless ones; the rest are verified exactly,
 * word shingle by word shingle, on their stored texts.
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
	"[--min-containment X] [--limit N] INPUT\n"
	"\n"
	"List the stored documents INPUT copies or is copied by, best first:\n"
	"a_in_b is the share of INPUT's word 3-shingles found in the stored\n"
	"document, b_in_a the reverse.  A document is listed when either is at\n"
	"least X.  INPUT is stored too, unless --no-store.  Exit status 1 when\n"
	"nothing matches.\n"
	"\n"
	"  --min-containment X  lowest containment listed (default 0.5)\n"
	"  --limit N            most matches listed (default 20)\n";

/* Candidates taken from the index, and at most this many verified. */
#define MATCH_CANDIDATES 500
#define MATCH_VERIFY     100
/* MinHash estimates are within about 0.1 of the truth at 128 values
 * (standard error sqrt(J(1-J)/128) <= 0.045): keep what may still pass. */
#define MATCH_SLACK      0.15

struct match {
	struct store_doc doc;
	double a_in_b, b_in_a, jaccard, est;
};

static double max2(double x, double y)
{
	return x > y ? x : y;
}

static int cmp_est(const void *x, const void *y)
{
	const struct match *p = x, *q = y;

	return p->est > q->est ? -1 : p->est < q->est;
}

static int cmp_match(const void *x, const void *y)
{
	const struct match *p = x, *q = y;
	double a = max2(p->a_in_b, p->b_in_a), b = max2(q->a_in_b, q->b_in_a);

	if (a != b)
		return a > b ? -1 : 1;
	if (p->jaccard != q->jaccard)
		return p->jaccard > q->jaccard ? -1 : 1;
	return p->doc.node_id < q->doc.node_id ? -1 : p->doc.node_id > q->doc.node_id;
}

static json_t *ratio(double v)
{
	return json_real((double)(long long)(v * 10000 + 0.5) / 10000);
}

static const char *relation(const struct match *m, double min)
{
	if (m->a_in_b >= min && m->b_in_a >= min)
		return "near-duplicate";
	return m->a_in_b >= min ? "contained-in" : "contains";
}

static const char *doc_name(const struct store_doc *d)
{
	return d->url ? d->url : d->path ? d->path : d->key;
}

/*
 * The verified matches of d among the stored documents, best first, into
 * *out (caller frees each doc and the array), count in *n.
 */
static enum pt_result find_matches(struct store *s, const struct fp_document *d,
				   double min, struct match **out, size_t *n)
{
	int64_t bands[FP_LSH_BANDS];
	struct store_candidate *cand = NULL;
	size_t ncand = 0, nm = 0, nv = 0, nsh;
	struct match *m;
	uint64_t *sh;
	enum pt_result r;

	*out = NULL;
	*n = 0;
	fp_lsh_bands(d->fp.minhash, bands);
	r = store_lsh_candidates(s, bands, FP_LSH_BANDS, MATCH_CANDIDATES, &cand, &ncand);
	if (r != PT_OK || !ncand) {
		free(cand);
		return r;
	}
	m = xcalloc(ncand, sizeof(*m));
	for (size_t i = 0; i < ncand; i++) {
		struct match *x = &m[nm];
		double j, inter, sa, sb;

		if (cand[i].node_id == d->node_id)
			continue;
		store_doc_init(&x->doc);
		r = store_doc_get(s, cand[i].node_id, 0, &x->doc);
		if (r == PT_NOT_FOUND)
			continue;
		if (r != PT_OK)
			goto fail;
		if (d->key && x->doc.key && !strcmp(d->key, x->doc.key)) {
			store_doc_release(&x->doc);
			continue;
		}
		/* |A∩B| from the Jaccard estimate and the set sizes. */
		j = x->doc.nminhash == FP_MINHASH_N
			? fp_minhash_jaccard(d->fp.minhash, x->doc.minhash) : 0;
		sa = (double)d->fp.shingles;
		sb = x->doc.tokens > FP_SHINGLE ? (double)(x->doc.tokens - FP_SHINGLE + 1) : 1;
		inter = j / (1 + j) * (sa + sb);
		x->est = max2(inter / sa, inter / sb);
		if (x->est + MATCH_SLACK < min) {
			store_doc_release(&x->doc);
			continue;
		}
		nm++;
	}
	free(cand);
	cand = NULL;
	if (nm)
		qsort(m, nm, sizeof(*m), cmp_est);

	sh = fp_shingles(&d->norm, &nsh);
	for (size_t i = 0; i < nm; i++) {
		struct match *x = &m[i];
		struct norm_text nt;
		uint64_t *xs;
		size_t nxs;
		int64_t id = x->doc.node_id;

		if (i >= MATCH_VERIFY) {
			store_doc_release(&x->doc);
			continue;
		}
		r = store_doc_get(s, id, 1, &x->doc);
		if (r != PT_OK || !x->doc.text) {
			store_doc_release(&x->doc);
			continue;
		}
		norm_text_init(&nt);
		if (normalize_text(x->doc.text, x->doc.text_len, &nt) != PT_OK) {
			norm_text_release(&nt);
			store_doc_release(&x->doc);
			continue;
		}
		xs = fp_shingles(&nt, &nxs);
		fp_set_similarity(sh, nsh, xs, nxs, &x->jaccard, &x->a_in_b, &x->b_in_a);
		free(xs);
		norm_text_release(&nt);
		/* The text is not needed any more; keep the row small. */
		free(x->doc.text);
		x->doc.text = NULL;
		if (max2(x->a_in_b, x->b_in_a) < min) {
			store_doc_release(&x->doc);
			continue;
		}
		m[nv++] = *x;
	}
	free(sh);
	if (nv)
		qsort(m, nv, sizeof(*m), cmp_match);
	*out = m;
	*n = nv;
	return PT_OK;
fail:
	for (size_t i = 0; i < nm; i++)
		store_doc_release(&m[i].doc);
	free(m);
	free(cand);
	return r;
}

static int parse_args(const char *min_s, const char *limit_s, double *min,
		      long *limit)
{
	char *end;

	if (min_s) {
		*min = strtod(min_s, &end);
		if (*end || end == min_s || !(*min >= 0 && *min <= 1)) {
			pt_error("match", "--min-containment takes a number from 0 to 1, "
				 "not '%s'", min_s);
			return -1;
		}
	}
	if (limit_s) {
		*limit = strtol(limit_s, &end, 10);
		if (*end || end == limit_s || *limit < 1 || *limit > 100000) {
			pt_error("match", "--limit takes a number from 1 to 100000, not '%s'",
				 limit_s);
			return -1;
		}
	}
	return 0;
}

int cmd_match(int argc, char **argv, struct pt_options *opt)
{
	const char *min_s = NULL, *limit_s = NULL;
	struct cli_opt opts[] = {
		{ "min-containment", 1, &min_s, NULL },
		{ "limit", 1, &limit_s, NULL },
		{ NULL, 0, NULL, NULL }
	};
	char **pos;
	int npos, rc = 0;
	double min = 0.5;
	long limit = 20;
	struct rules *rules = NULL;
	struct store *store = NULL;
	struct fetch_config fc;
	struct fp_document d;
	struct match *m = NULL;
	size_t nm = 0;
	struct buf err = BUF_INIT;
	enum pt_result r;

	switch (cli_parse("match", usage_text, argc, argv, opts, &pos, &npos)) {
	case 1:
		cli_usage(stdout, "match", usage_text);
		fputs(cli_global_help, stdout);
		return 0;
	case -1:
		return 2;
	}
	if (npos != 1) {
		pt_error("match", npos ? "one input at a time" : "no input given");
		cli_usage(stderr, "match", usage_text);
		free(pos);
		return 2;
	}
	if (parse_args(min_s, limit_s, &min, &limit)) {
		free(pos);
		return 2;
	}
	if (cli_rules("match", opt, &rules) != PT_OK) {
		free(pos);
		return 3;
	}
	cli_fetch_config(opt, &fc);
	fp_document_init(&d);
	r = fp_document_load(&d, pos[0], &fc, rules, &err);
	if (r != PT_OK) {
		pt_error("match", "%s", err.s);
		rc = pt_exit_code(r);
		goto out;
	}
	if (cli_store("match", opt, &store) != PT_OK) {
		rc = 5;
		goto out;
	}
	if (!opt->no_store) {
		int64_t run_id;

		if (store_begin(store) != PT_OK ||
		    store_run_begin(store, "match", pos[0], &run_id) != PT_OK ||
		    fp_document_store(store, &d) != PT_OK ||
		    store_run_finish(store, run_id) != PT_OK ||
		    store_commit(store) != PT_OK) {
			pt_error("match", "cannot write the store: %s", store_errmsg(store));
			store_rollback(store);
			rc = 5;
			goto out;
		}
	} else if (store_doc_find(store, d.key, &d.node_id) == PT_STORE) {
		pt_error("match", "cannot read the store: %s", store_errmsg(store));
		rc = 5;
		goto out;
	}
	if (find_matches(store, &d, min, &m, &nm) != PT_OK) {
		pt_error("match", "cannot read the store: %s", store_errmsg(store));
		rc = 5;
		goto out;
	}
	if (nm > (size_t)limit) {
		for (size_t i = (size_t)limit; i < nm; i++)
			store_doc_release(&m[i].doc);
		nm = (size_t)limit;
	}
	if (opt->json) {
		json_t *o = json_object(), *a = json_array();

		for (size_t i = 0; i < nm; i++) {
			json_t *e = json_object();

			json_object_set_new(e, "url", json_string(doc_name(&m[i].doc)));
			json_object_set_new(e, "title", m[i].doc.title
					    ? json_string(m[i].doc.title) : json_null());
			json_object_set_new(e, "a_in_b", ratio(m[i].a_in_b));
			json_object_set_new(e, "b_in_a", ratio(m[i].b_in_a));
			json_object_set_new(e, "jaccard", ratio(m[i].jaccard));
			json_object_set_new(e, "relation", json_string(relation(&m[i], min)));
			json_object_set_new(e, "key", json_string(m[i].doc.key));
			json_array_append_new(a, e);
		}
		json_object_set_new(o, "input", json_string(d.key));
		json_object_set_new(o, "matches", a);
		cli_print_json(o);
		json_decref(o);
	} else if (nm) {
		printf("a_in_b b_in_a jaccard  relation        document\n");
		for (size_t i = 0; i < nm; i++) {
			printf("%6.3f %6.3f %7.3f  %-14s  %s", m[i].a_in_b, m[i].b_in_a,
			       m[i].jaccard, relation(&m[i], min), doc_name(&m[i].doc));
			if (m[i].doc.title)
				printf("  \"%s\"", m[i].doc.title);
			putchar('\n');
		}
	} else if (!opt->quiet) {
		fprintf(stderr, "provtrace: match: no stored document shares %.0f%% of "
			"its text with '%s'\n", min * 100, pos[0]);
	}
	if (!nm)
		rc = 1;
out:
	for (size_t i = 0; i < nm; i++)
		store_doc_release(&m[i].doc);
	free(m);
	store_close(store);
	fp_document_release(&d);
	buf_release(&err);
	rules_free(rules);
	free(pos);
	return rc;
}
