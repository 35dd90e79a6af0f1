/*
 * slow.c - crafted worst cases for the parsers that read hostile input:
 * long runs of quotes, '<', brackets, one huge token, many tiny
 * paragraphs, one huge grapheme cluster...  Each input is built at two
 * sizes (N and 2N bytes) and timed through its parser; the ratio of the
 * two times shows growth (about 2 for linear work, 4 for quadratic).
 *
 *   slow [MB] [FILTER]      default 1 MB; only cases whose name holds FILTER
 *
 * A line is flagged SLOW when the larger input takes over 2 s per MB or
 * grows by more than 3x.  Built (optimised, no sanitizers) and run by
 * tests/fuzz/run.sh slow.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../rules/rules.h"
#include "../../src/url.h"
#include "../../trace/attribute.h"
#include "../../trace/compare.h"
#include "../../trace/extract.h"
#include "../../trace/fingerprint.h"
#include "../../trace/normalize.h"
#include "../../trace/resolve.h"
#include "../../trace/sentence.h"
#include "../../trace/unwrap.h"

enum target { T_HTML, T_TEXT, T_NORM, T_CMP, T_ATTR, T_SENT, T_RULES,
	      T_REDIRECT, T_UNWRAP, T_URL };

static const char *const target_names[] = {
	"extract_html", "extract_text", "normalize+fp", "compare",
	"attribute", "sentence", "rules", "redirect", "unwrap", "url"
};

/* resolve_html_redirect() reads pages under 64 KiB only. */
#define R64 ((size_t)65535)

struct slow_case {
	const char *name;
	enum target target;
	const char *head, *unit, *tail;
	size_t cap;             /* the parser's own input limit, 0: none */
};

static const struct slow_case cases[] = {
	{ "html-quotes", T_HTML, "<p>", "\"", "</p>", 0 },
	{ "html-lt", T_HTML, "", "<", "", 0 },
	{ "html-lt-a", T_HTML, "", "<a", "", 0 },
	{ "html-open-div", T_HTML, "", "<div>", "", 0 },
	{ "html-open-p", T_HTML, "", "<p>x", "", 0 },
	{ "html-close-p", T_HTML, "", "</p>", "", 0 },
	{ "html-open-b", T_HTML, "<p>", "<b>", "", 0 },
	{ "html-open-a", T_HTML, "<p>", "<a href=x>y", "", 0 },
	{ "html-table", T_HTML, "<table>", "<tr><td>", "", 0 },
	{ "html-comment-open", T_HTML, "", "<!--", "", 0 },
	{ "html-attr-quote", T_HTML, "<p a=\"", "\"\"", "", 0 },
	{ "html-attrs", T_HTML, "<p ", "a ", ">", 0 },
	{ "html-amp", T_HTML, "<p>", "&amp", "", 0 },
	{ "html-numeric-ref", T_HTML, "<p>", "&#", "", 0 },
	{ "html-jsonld-brackets", T_HTML,
	  "<script type=\"application/ld+json\">", "[", "</script>", 0 },
	{ "html-jsonld-objects", T_HTML,
	  "<script type=\"application/ld+json\">", "{\"a\":", "</script>", 0 },
	{ "html-jsonld-many", T_HTML, "",
	  "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>", "", 0 },
	{ "html-meta-many", T_HTML, "<head>",
	  "<meta property=\"og:title\" content=\"x\">", "", 0 },
	{ "html-long-token", T_HTML, "<p>", "a", "</p>", 0 },
	{ "html-tiny-paras", T_HTML, "", "<p>a</p>", "", 0 },
	{ "html-tiny-paras-words", T_HTML, "",
	  "<p>Word and another, with commas, here.</p>", "", 0 },
	{ "html-caps-credit", T_HTML, "<p>", "Aaaa ", "</p>", 0 },
	{ "html-credit-slashes", T_HTML, "<p>", "AAAA/", "</p>", 0 },
	{ "html-b-close-i", T_HTML, "", "<b></i>", "x", 0 },
	{ "html-b-close-p", T_HTML, "", "<b></p>", "x", 0 },
	{ "html-a-close-div", T_HTML, "", "<a></div>", "x", 0 },
	{ "html-div-close-span", T_HTML, "", "<div></span>", "x", 0 },
	{ "html-b-p", T_HTML, "", "<b><p>x</b>", "", 0 },
	{ "html-table-b", T_HTML, "", "<table><tr><td><b>", "", 0 },
	{ "html-i-b-para", T_HTML, "<i><b><u><s><em><strong><code><font>", "<p>x</p>", "", 0 },
	{ "html-br", T_HTML, "<p>", "a<br>", "", 0 },
	{ "html-links", T_HTML, "", "<a href=\"/x\">y</a> ", "", 0 },
	{ "html-title", T_HTML, "<title>", "a - ", "</title>", 0 },
	{ "html-nul", T_HTML, "<p>", "\x01", "", 0 },
	{ "html-bad-utf8", T_HTML, "<p>", "\xe2\x80", "", 0 },
	{ "html-noscript", T_HTML, "", "<noscript><!doctype x>", "", 0 },
	{ "text-quotes", T_TEXT, "", "\"", "", 0 },
	{ "text-long-token", T_TEXT, "", "a", "", 0 },
	{ "text-tiny-paras", T_TEXT, "", "a\n\n", "", 0 },
	{ "text-newlines", T_TEXT, "", "\n", "", 0 },
	{ "text-caps", T_TEXT, "", "Aaaa ", "", 0 },
	{ "text-credit-slashes", T_TEXT, "", "AAAA/", "", 0 },
	{ "text-lines", T_TEXT, "", "a b\n", "", 0 },
	{ "norm-combining", T_NORM, "a", "\xcc\x81", "", 0 },
	{ "norm-curly", T_NORM, "", "\xe2\x80\x9c", "", 0 },
	{ "norm-hangul-jamo", T_NORM, "", "\xe1\x84\x80", "", 0 },
	{ "norm-zwj", T_NORM, "a", "\xe2\x80\x8d", "", 0 },
	{ "norm-regional", T_NORM, "", "\xf0\x9f\x87\xa6", "", 0 },
	{ "norm-words", T_NORM, "", "ab ", "", 0 },
	{ "norm-same-word", T_NORM, "", "a ", "", 0 },
	{ "norm-bad-utf8", T_NORM, "", "\xc3", "", 0 },
	{ "cmp-same-word", T_CMP, "", "a ", "", 0 },
	{ "cmp-two-words", T_CMP, "", "a b ", "", 0 },
	{ "cmp-5gram", T_CMP, "", "a b c d e ", "", 0 },
	{ "cmp-9-cycle", T_CMP, "", "a b c d e f g h i ", "", 0 },
	{ "attr-quotes", T_ATTR, "", "\"", "", 0 },
	{ "attr-quote-words", T_ATTR, "", "\"a ", "", 0 },
	{ "attr-said", T_ATTR, "", "said ", "", 0 },
	{ "attr-according", T_ATTR, "", "according to ", "", 0 },
	{ "attr-he-said", T_ATTR, "", "\"We are here,\" he said. ", "", 0 },
	{ "attr-caps", T_ATTR, "", "Aaaa ", "", 0 },
	{ "attr-tiny-paras", T_ATTR, "", "a\n\n", "", 0 },
	{ "attr-sentences", T_ATTR, "", "A b. ", "", 0 },
	{ "attr-abbrev", T_ATTR, "", "Gen. ", "", 0 },
	{ "attr-credit", T_ATTR, "", "AAAA/AFP/Getty Images ", "", 0 },
	{ "attr-long-token", T_ATTR, "", "a", "", 0 },
	{ "sent-quotes", T_SENT, "", "\"", "", 0 },
	{ "sent-dots", T_SENT, "", ".", "", 0 },
	{ "sent-initials", T_SENT, "", "A. ", "", 0 },
	{ "sent-tiny-paras", T_SENT, "", "a\n\n", "", 0 },
	{ "sent-long-token", T_SENT, "", "a", "", 0 },
	{ "rules-quotes", T_RULES, "", "\"", "", 0 },
	{ "rules-backslash", T_RULES, "wrapper name=\"", "\\", "\"", 0 },
	{ "rules-pairs", T_RULES, "tracking param=x ", "note=a ", "", 0 },
	{ "rules-continuation", T_RULES, "tracking param=x\n", " note=a\n", "", 0 },
	{ "rules-records", T_RULES, "", "tracking param=x\n", "", 0 },
	{ "rules-distinct", T_RULES, "", "tracking param=", "\n", 0 },
	{ "rules-comments", T_RULES, "", "# a\n", "", 0 },
	{ "rules-long-token", T_RULES, "", "a", "", 0 },
	{ "redirect-quotes", T_REDIRECT, "<script>location=", "\"", "", R64 },
	{ "redirect-location", T_REDIRECT, "<script>", "location=", "", R64 },
	{ "redirect-loc-href", T_REDIRECT, "<script>", "location.href", "", R64 },
	{ "redirect-escapes", T_REDIRECT, "<script>location='", "\\x", "", R64 },
	{ "redirect-lt", T_REDIRECT, "", "<", "", R64 },
	{ "redirect-noscript", T_REDIRECT, "", "<noscript>", "", R64 },
	{ "redirect-open-b", T_REDIRECT, "", "<b>", "", R64 },
	{ "redirect-b-close-i", T_REDIRECT, "", "<b></i>", "", R64 },
	{ "redirect-div", T_REDIRECT, "", "<div>", "", R64 },
	{ "redirect-table-b", T_REDIRECT, "", "<table><tr><td><b>", "", R64 },
	{ "unwrap-amps", T_UNWRAP, "https://l.facebook.com/l.php?", "a=&", "", 0 },
	{ "unwrap-pct", T_UNWRAP, "https://www.google.com/url?q=", "%25", "", 0 },
	{ "unwrap-gnews", T_UNWRAP, "https://news.google.com/rss/articles/", "CBMi", "", 0 },
	{ "unwrap-pp3", T_UNWRAP, "https://urldefense.com/v3/__https://a.example/", "**", "__;!!", 0 },
	{ "url-amps", T_URL, "https://a.example/?", "a=&", "", 0 },
	{ "url-dots", T_URL, "https://a.example/", "../", "", 0 },
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct rules *R;
static struct attr_kb *KB;

static void run(enum target t, const char *s, size_t len)
{
	struct buf err = BUF_INIT;
	struct document doc;

	switch (t) {
	case T_HTML:
	case T_TEXT:
		document_init(&doc);
		if (t == T_HTML)
			extract_html(s, len, NULL, "https://a.example/x", &doc, &err);
		else
			extract_text(s, len, &doc, &err);
		document_release(&doc);
		break;
	case T_NORM: {
		struct norm_text n;
		struct fingerprint fp;

		norm_text_init(&n);
		fingerprint_init(&fp);
		if (normalize_text(s, len, &n) == PT_OK)
			fp_compute(&n, &fp);
		fingerprint_release(&fp);
		norm_text_release(&n);
		break;
	}
	case T_CMP: {
		struct norm_text a, b;
		struct fingerprint fa, fb;
		struct comparison c;

		norm_text_init(&a);
		norm_text_init(&b);
		fingerprint_init(&fa);
		fingerprint_init(&fb);
		comparison_init(&c);
		normalize_text(s, len, &a);
		normalize_text(s + len / 3, len - len / 3, &b);
		fp_compute(&a, &fa);
		fp_compute(&b, &fb);
		compare_texts(&a, &fa, &b, &fb, &c);
		comparison_release(&c);
		fingerprint_release(&fa);
		fingerprint_release(&fb);
		norm_text_release(&a);
		norm_text_release(&b);
		break;
	}
	case T_ATTR: {
		struct attribution_list l;

		attribution_list_init(&l);
		attribute_text_kb(KB, s, len, NULL, 0, &l);
		attribution_list_release(&l);
		break;
	}
	case T_SENT: {
		struct sentence_list l;

		sentence_list_init(&l);
		sentence_split(s, len, NULL, 0, &l);
		sentence_list_release(&l);
		break;
	}
	case T_RULES: {
		struct rules *r = rules_new();

		rules_add_text(r, "slow.rules", s, len, &err);
		rules_free(r);
		break;
	}
	case T_REDIRECT: {
		char *out = NULL;

		resolve_html_redirect(s, len, "https://a.example/", &out);
		free(out);
		break;
	}
	case T_UNWRAP: {
		char *out = NULL;
		const char *name = NULL;

		unwrap_once(R, s, &out, &name, &err);
		free(out);
		free(unwrap_clean(R, s));
		break;
	}
	case T_URL: {
		char *out = NULL;

		if (url_normalize(s, &out, NULL, &err) == PT_OK)
			free(out);
		free(url_query_param(s, "b"));
		free(url_resolve("https://a.example/", s));
		break;
	}
	}
	buf_release(&err);
}

/* head + unit repeated to about len bytes + tail. */
static void build(const struct slow_case *c, size_t len, struct buf *out)
{
	size_t ul = strlen(c->unit);

	buf_reset(out);
	buf_adds(out, c->head);
	while (out->len + ul <= len)
		buf_add(out, c->unit, ul);
	buf_adds(out, c->tail);
}

int main(int argc, char **argv)
{
	double mb = argc > 1 ? atof(argv[1]) : 1.0;
	const char *filter = argc > 2 ? argv[2] : NULL;
	struct buf in = BUF_INIT, err = BUF_INIT;
	int flagged = 0;

	if (rules_load(&R, NULL, &err) != PT_OK ||
	    attr_kb_new(R, &KB, &err) != PT_OK) {
		fprintf(stderr, "slow: %s\n", err.s);
		return 2;
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct slow_case *c = &cases[i];
		size_t n = (size_t)(mb * 1048576);
		double t1, t2;

		if (filter && !strstr(c->name, filter))
			continue;
		/* URL parsers refuse long links early: time them near their
		 * own limit instead, where the work happens. */
		if (c->target == T_UNWRAP || c->target == T_URL)
			n = 8000;
		if (c->cap && 2 * n >= c->cap)
			n = c->cap / 2 - 64;
		build(c, n, &in);
		t1 = now();
		run(c->target, in.s, in.len);
		t1 = now() - t1;
		build(c, 2 * n, &in);
		t2 = now();
		run(c->target, in.s, in.len);
		t2 = now() - t2;
		{
			int slow = t2 > 4.0 * (double)(2 * n) / 1048576 || (t2 > 0.05 && t2 > 3 * t1);

			flagged |= slow;
			printf("%-24s %-13s %9zu B %8.3f s %9zu B %8.3f s  x%.1f%s\n",
			       c->name, target_names[c->target], n, t1, 2 * n, t2,
			       t1 > 0 ? t2 / t1 : 0, slow ? "  SLOW" : "");
			fflush(stdout);
		}
	}
	buf_release(&in);
	buf_release(&err);
	attr_kb_free(KB);
	rules_free(R);
	return flagged;
}
