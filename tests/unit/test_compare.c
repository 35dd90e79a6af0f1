/*
 * test_compare.c - verdicts and passages on crafted pairs: the Newsweek
 * origin of the seed and its Blogger repost (tests/fixtures/compare/), light
 * edits, an excerpt, a mashup, another article on the same event, an
 * unrelated one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../trace/compare.h"

struct text {
	struct buf src;
	struct norm_text n;
	struct fingerprint fp;
};

static void text_set(struct text *t, const char *s, size_t len)
{
	buf_init(&t->src);
	buf_add(&t->src, s, len);
	norm_text_init(&t->n);
	assert_int_equal(normalize_text(t->src.s, t->src.len, &t->n), PT_OK);
	fingerprint_init(&t->fp);
	fp_compute(&t->n, &t->fp);
}

static void text_load(struct text *t, const char *name)
{
	const char *dir = getenv("PROVTRACE_TEST_DATA");
	char *path = xasprintf("%s/fixtures/compare/%s", dir ? dir : "tests", name);
	struct buf b = BUF_INIT, err = BUF_INIT;

	if (read_file(path, 1 << 20, &b, &err) != PT_OK)
		fail_msg("%s", err.s);
	text_set(t, b.s, b.len);
	buf_release(&b);
	buf_release(&err);
	free(path);
}

static void text_release(struct text *t)
{
	buf_release(&t->src);
	norm_text_release(&t->n);
	fingerprint_release(&t->fp);
}

static void run(const struct text *a, const struct text *b, struct comparison *c)
{
	comparison_init(c);
	compare_texts(&a->n, &a->fp, &b->n, &b->fp, c);
}

/* Whether one of the spans' source text contains needle. */
static int span_has(const struct cmp_span *v, size_t n, const struct buf *src,
		    const char *needle)
{
	for (size_t i = 0; i < n; i++) {
		char *s = xstrndup(src->s + v[i].start, v[i].end - v[i].start);
		int hit = strstr(s, needle) != NULL;

		free(s);
		if (hit)
			return 1;
	}
	return 0;
}

/* Every shared passage says the same words on both sides. */
static void passages_agree(const struct comparison *c, const struct text *a,
			   const struct text *b)
{
	for (size_t i = 0; i < c->nshared; i++) {
		const struct cmp_passage *p = &c->shared[i];
		struct norm_text x, y;

		assert_true(p->a_start < p->a_end && p->a_end <= a->src.len);
		assert_true(p->b_start < p->b_end && p->b_end <= b->src.len);
		if (p->a_ntok != p->b_ntok)
			continue;       /* merged over an uneven gap */
		norm_text_init(&x);
		norm_text_init(&y);
		normalize_text(a->src.s + p->a_start, p->a_end - p->a_start, &x);
		normalize_text(b->src.s + p->b_start, p->b_end - p->b_start, &y);
		if (x.ntokens == p->a_ntok && !strcmp(x.text.s, y.text.s))
			;       /* exact copy */
		else
			assert_int_equal(x.ntokens, y.ntokens);
		norm_text_release(&x);
		norm_text_release(&y);
	}
}

/* ------------------------------------------------------------------ */

static void test_identical(void **state)
{
	struct text a, b;
	struct comparison c;
	char *straight;

	(void)state;
	text_load(&b, "origin.txt");
	/* The origin with straight quotes and its paragraphs re-wrapped. */
	straight = xstrndup(b.src.s, b.src.len);
	{
		struct buf t = BUF_INIT;

		for (const char *p = straight; *p; p++) {
			if (!strncmp(p, "\xe2\x80\x99", 3) || !strncmp(p, "\xe2\x80\x98", 3)) {
				buf_addc(&t, '\'');
				p += 2;
			} else if (!strncmp(p, "\xe2\x80\x9c", 3) || !strncmp(p, "\xe2\x80\x9d", 3)) {
				buf_addc(&t, '"');
				p += 2;
			} else {
				buf_addc(&t, *p == '\n' ? ' ' : *p);
			}
		}
		text_set(&a, t.s, t.len);
		buf_release(&t);
	}
	free(straight);
	run(&a, &b, &c);
	assert_string_equal(compare_verdict_name(c.verdict), "identical");
	assert_true(c.jaccard == 1.0 && c.a_in_b == 1.0 && c.b_in_a == 1.0);
	assert_int_equal(c.simhash_distance, 0);
	assert_int_equal(c.nshared, 1);
	assert_int_equal(c.nonly_a, 0);
	assert_int_equal(c.nonly_b, 0);
	assert_int_equal(c.shared[0].a_start, 0);
	/* Passages are word spans: the final ".\n" is no word. */
	assert_int_equal(c.shared[0].b_end, b.src.len - 2);
	comparison_release(&c);
	text_release(&a);
	text_release(&b);
}

/* Replace every nth word (letters only, 4+ long) by a different word. */
static void light_edit(const struct buf *src, size_t nth, struct buf *out)
{
	size_t word = 0;

	for (size_t i = 0; i < src->len;) {
		size_t j = i;

		while (j < src->len && ((src->s[j] >= 'a' && src->s[j] <= 'z') ||
					(src->s[j] >= 'A' && src->s[j] <= 'Z')))
			j++;
		if (j == i) {
			buf_addc(out, src->s[i++]);
			continue;
		}
		if (j - i >= 4 && ++word % nth == 0)
			buf_addf(out, "alt%.*s", (int)(j - i - 3), src->s + i + 3);
		else
			buf_add(out, src->s + i, j - i);
		i = j;
	}
}

static void test_light_edits(void **state)
{
	struct text a, b;
	struct comparison c;
	struct buf t = BUF_INIT;

	(void)state;
	text_load(&b, "origin.txt");
	light_edit(&b.src, 14, &t);        /* about 5% of all words */
	text_set(&a, t.s, t.len);
	buf_release(&t);
	run(&a, &b, &c);
	print_message("# light edits: a_in_b %.3f jaccard %.3f coverage %.3f/%.3f "
		      "simhash %d passages %zu\n", c.a_in_b, c.jaccard, c.coverage_a,
		      c.coverage_b, c.simhash_distance, c.nshared);
	assert_string_equal(compare_verdict_name(c.verdict), "near-duplicate");
	/* Shingle containment drops as FACTS.md says; coverage does not. */
	assert_true(c.a_in_b < 0.9 && c.a_in_b > 0.7);
	assert_true(c.coverage_a > 0.95 && c.coverage_b > 0.95);
	passages_agree(&c, &a, &b);
	comparison_release(&c);
	text_release(&a);
	text_release(&b);
}

static void test_repost(void **state)
{
	struct text a, b;
	struct comparison c;

	(void)state;
	text_load(&a, "repost.txt");
	text_load(&b, "origin.txt");
	run(&a, &b, &c);
	assert_string_equal(compare_verdict_name(c.verdict), "a-contains-b");
	assert_true(c.b_in_a > 0.98);
	assert_true(c.coverage_b > 0.99);
	assert_true(span_has(c.only_a, c.nonly_a, &a.src, "Let's block ads! (Why?)"));
	assert_true(span_has(c.only_a, c.nonly_a, &a.src, "Bagikan Berita Ini"));
	assert_true(span_has(c.only_a, c.nonly_a, &a.src, "abasalaka.blogspot.com"));
	/* Nothing of the article is reported as cut. */
	for (size_t i = 0; i < c.nonly_b; i++)
		assert_true(c.only_b[i].ntok <= 2);
	passages_agree(&c, &a, &b);
	/* The article's first sentence is shared and located on both sides. */
	{
		const char *first = "Russia has reiterated";
		size_t off_a = (size_t)(strstr(a.src.s, first) - a.src.s);
		int found = 0;

		for (size_t i = 0; i < c.nshared; i++)
			if (c.shared[i].a_start <= off_a && off_a < c.shared[i].a_end)
				found = 1;
		assert_true(found);
	}
	comparison_release(&c);

	/* The other way round. */
	run(&b, &a, &c);
	assert_string_equal(compare_verdict_name(c.verdict), "b-contains-a");
	assert_true(span_has(c.only_b, c.nonly_b, &a.src, "Post a Comment"));
	comparison_release(&c);
	text_release(&a);
	text_release(&b);
}

static void test_excerpt(void **state)
{
	struct text a, b;
	struct comparison c;
	const char *cut;

	(void)state;
	text_load(&b, "origin.txt");
	/* The first five paragraphs (title included), as a feed excerpt. */
	cut = b.src.s;
	for (int i = 0; i < 5; i++)
		cut = strstr(cut, "\n\n") + 2;
	text_set(&a, b.src.s, (size_t)(cut - b.src.s));
	run(&a, &b, &c);
	assert_string_equal(compare_verdict_name(c.verdict), "b-contains-a");
	assert_true(c.a_in_b > 0.99);
	assert_true(c.b_in_a < 0.3);
	assert_int_equal(c.nshared, 1);
	assert_int_equal(c.shared[0].a_start, 0);
	assert_int_equal(c.shared[0].b_start, 0);
	assert_int_equal(c.nonly_a, 0);
	assert_int_equal(c.nonly_b, 1);
	assert_int_equal(c.only_b[0].end, b.src.len - 2);
	comparison_release(&c);
	text_release(&a);
	text_release(&b);
}

static void test_same_event(void **state)
{
	struct text a, b;
	struct comparison c;

	(void)state;
	text_load(&a, "other.txt");
	text_load(&b, "origin.txt");
	run(&a, &b, &c);
	print_message("# same event: verdict %s a_in_b %.3f coverage %.3f/%.3f\n",
		      compare_verdict_name(c.verdict), c.a_in_b, c.coverage_a,
		      c.coverage_b);
	assert_true(c.verdict == CMP_UNRELATED || c.verdict == CMP_PARTIAL_REUSE);
	assert_true(c.a_in_b < 0.1 && c.b_in_a < 0.1);
	assert_true(c.coverage_a < 0.2);
	comparison_release(&c);
	text_release(&a);
	text_release(&b);
}

static void test_mashup(void **state)
{
	struct text a, x, y;
	struct comparison c;
	struct buf t = BUF_INIT;
	const char *p;

	(void)state;
	text_load(&x, "origin.txt");
	text_load(&y, "other.txt");
	/* The first half of the shorter article and as much of the longer,
	 * in whole paragraphs. */
	for (p = x.src.s; (size_t)(p - x.src.s) < y.src.len / 2; p = strstr(p, "\n\n") + 2)
		;
	buf_add(&t, x.src.s, (size_t)(p - x.src.s));
	for (p = y.src.s; (size_t)(p - y.src.s) < y.src.len / 2; p = strstr(p, "\n\n") + 2)
		;
	buf_add(&t, y.src.s, (size_t)(p - y.src.s));
	text_set(&a, t.s, t.len);
	buf_release(&t);

	run(&a, &x, &c);
	print_message("# mashup: a_in_b %.3f coverage %.3f/%.3f\n", c.a_in_b,
		      c.coverage_a, c.coverage_b);
	assert_string_equal(compare_verdict_name(c.verdict), "partial-reuse");
	assert_true(c.coverage_a > 0.4 && c.coverage_a < 0.6);
	assert_true(c.a_in_b > 0.4 && c.a_in_b < 0.6);
	assert_true(c.nshared >= 1 && c.nonly_a >= 1);
	assert_true(span_has(c.only_a, c.nonly_a, &a.src, "Faylaq al-Sham near the Turkish border"));
	comparison_release(&c);

	run(&a, &y, &c);
	print_message("# mashup: b_in_a %.3f coverage %.3f/%.3f\n", c.b_in_a,
		      c.coverage_a, c.coverage_b);
	assert_string_equal(compare_verdict_name(c.verdict), "partial-reuse");
	assert_true(c.coverage_a > 0.4 && c.coverage_a < 0.6);
	assert_true(c.coverage_b > 0.4 && c.coverage_b < 0.6);
	comparison_release(&c);
	text_release(&a);
	text_release(&x);
	text_release(&y);
}

static void test_unrelated(void **state)
{
	struct text a, b;
	struct comparison c;

	(void)state;
	text_load(&a, "unrelated.txt");
	text_load(&b, "origin.txt");
	run(&a, &b, &c);
	assert_string_equal(compare_verdict_name(c.verdict), "unrelated");
	assert_int_equal(c.nshared, 0);
	assert_int_equal(c.nonly_a, 1);
	assert_int_equal(c.only_a[0].ntok, a.n.ntokens);
	assert_true(c.jaccard < 0.02);
	assert_true(c.simhash_distance > 16);
	comparison_release(&c);
	text_release(&a);
	text_release(&b);
}

/* A paragraph moved: two passages, B's order differs from A's. */
static void test_reordered(void **state)
{
	struct text a, b;
	struct comparison c;
	struct buf t = BUF_INIT;
	const char *p2, *p3;

	(void)state;
	text_load(&b, "origin.txt");
	p2 = strstr(b.src.s, "\n\n") + 2;
	p3 = strstr(p2, "\n\n") + 2;
	/* Paragraphs 2.. first, then the title paragraph. */
	buf_add(&t, p2, b.src.len - (size_t)(p2 - b.src.s));
	buf_adds(&t, "\n\n");
	buf_add(&t, b.src.s, (size_t)(p2 - b.src.s));
	text_set(&a, t.s, t.len);
	buf_release(&t);
	(void)p3;
	run(&a, &b, &c);
	assert_int_equal(c.nshared, 2);
	assert_true(c.shared[0].b_start > c.shared[1].b_start);
	assert_true(c.coverage_a > 0.99 && c.coverage_b > 0.99);
	assert_string_equal(compare_verdict_name(c.verdict), "near-duplicate");
	comparison_release(&c);
	text_release(&a);
	text_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical),
		cmocka_unit_test(test_light_edits),
		cmocka_unit_test(test_repost),
		cmocka_unit_test(test_excerpt),
		cmocka_unit_test(test_same_event),
		cmocka_unit_test(test_mashup),
		cmocka_unit_test(test_unrelated),
		cmocka_unit_test(test_reordered),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
