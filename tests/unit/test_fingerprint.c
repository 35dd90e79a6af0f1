/*
 * test_fingerprint.c - normalisation with its token source ranges, and
 * the fingerprints: stable values, typography-insensitivity, the winnowing
 * guarantee, and the fast paths (inlined XXH3, SIMD MinHash, radix sort,
 * monotone-deque winnowing) giving what the plain definitions give.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <xxhash.h>

#include "../../trace/fingerprint.h"
#include "../../trace/normalize.h"

/* ------------------------------------------------------------------ */
/* Normalisation                                                       */
/* ------------------------------------------------------------------ */

static void norm(const char *s, struct norm_text *n)
{
	norm_text_init(n);
	assert_int_equal(normalize_text(s, strlen(s), n), PT_OK);
}

static void token_is(const struct norm_text *n, size_t i, const char *word,
		     const char *src, const char *src_word)
{
	const struct norm_token *t;

	assert_true(i < n->ntokens);
	t = &n->tokens[i];
	assert_int_equal(t->end - t->start, strlen(word));
	assert_memory_equal(n->text.s + t->start, word, strlen(word));
	/* The source span is exactly the word as written. */
	assert_int_equal(t->src_end - t->src_start, strlen(src_word));
	assert_memory_equal(src + t->src_start, src_word, strlen(src_word));
}

static void test_ascii(void **state)
{
	const char *s = "  Hello,\n\tWORLD!  It's  42.  ";
	struct norm_text n;

	(void)state;
	norm(s, &n);
	assert_string_equal(n.text.s, "hello, world! it's 42.");
	assert_int_equal(n.ntokens, 5);
	token_is(&n, 0, "hello", s, "Hello");
	token_is(&n, 1, "world", s, "WORLD");
	token_is(&n, 2, "it", s, "It");
	token_is(&n, 3, "s", s, "s");
	token_is(&n, 4, "42", s, "42");
	assert_int_equal(n.src_len, strlen(s));
	assert_int_equal(n.chars, strlen("hello, world! it's 42."));
	norm_text_release(&n);
}

static void test_quotes_dashes(void **state)
{
	const char *s = "\xe2\x80\x9cSolidarity\xe2\x80\x9d \xe2\x80\x94 Russia\xe2\x80\x99s "
			"\xe2\x80\x98vow\xe2\x80\x99 \xe2\x80\x93 10\xe2\x88\x92" "20";
	struct norm_text n;

	(void)state;
	norm(s, &n);
	assert_string_equal(n.text.s, "\"solidarity\" - russia's 'vow' - 10-20");
	token_is(&n, 0, "solidarity", s, "Solidarity");
	token_is(&n, 1, "russia", s, "Russia");
	token_is(&n, 2, "s", s, "s");
	token_is(&n, 3, "vow", s, "vow");
	norm_text_release(&n);
}

static void test_multibyte(void **state)
{
	/* "ﬁne" with the fi ligature, full-width "ＡＢＣ", "Straße",
	 * a decomposed "café" (e + U+0301) and a precomposed one. */
	const char *s = "\xef\xac\x81ne \xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3 Stra\xc3\x9f" "e "
			"cafe\xcc\x81 caf\xc3\xa9";
	struct norm_text n;

	(void)state;
	norm(s, &n);
	assert_string_equal(n.text.s, "fine abc strasse caf\xc3\xa9 caf\xc3\xa9");
	assert_int_equal(n.ntokens, 5);
	token_is(&n, 0, "fine", s, "\xef\xac\x81ne");
	token_is(&n, 1, "abc", s, "\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3");
	token_is(&n, 2, "strasse", s, "Stra\xc3\x9f" "e");
	token_is(&n, 3, "caf\xc3\xa9", s, "cafe\xcc\x81");
	token_is(&n, 4, "caf\xc3\xa9", s, "caf\xc3\xa9");
	/* Both spellings of café are one token. */
	assert_true(n.tokens[3].hash == n.tokens[4].hash);
	/* The ligature's token starts at the ligature; code points, not
	 * bytes, are counted. */
	assert_int_equal(n.tokens[0].src_start, 0);
	assert_int_equal(n.tokens[0].start, 0);
	assert_int_equal(n.chars, strlen("fine abc strasse caf  caf "));
	norm_text_release(&n);
}

static void test_ignorable_and_invalid(void **state)
{
	/* Soft hyphen and zero-width space vanish; invalid bytes are white
	 * space; a non-breaking space is a space. */
	const char *s = "co\xc2\xad" "operate\xe2\x80\x8b now\xff\xfe" "then\xc2\xa0" "end\xe2\x82";
	struct norm_text n;

	(void)state;
	norm(s, &n);
	assert_string_equal(n.text.s, "cooperate now then end");
	assert_int_equal(n.ntokens, 4);
	token_is(&n, 0, "cooperate", s, "co\xc2\xad" "operate");
	token_is(&n, 3, "end", s, "end");
	norm_text_release(&n);
}

static void test_cjk(void **state)
{
	const char *s = "\xe4\xbf\x84\xe7\xbd\x97\xe6\x96\xaf abc";   /* 俄罗斯 abc */
	struct norm_text n;

	(void)state;
	norm(s, &n);
	assert_int_equal(n.ntokens, 4);
	token_is(&n, 1, "\xe7\xbd\x97", s, "\xe7\xbd\x97");
	norm_text_release(&n);
}

static void test_looks_like_text(void **state)
{
	static const char bin[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0";
	char junk[200];

	(void)state;
	assert_true(normalize_looks_like_text("plain text\n", 11));
	assert_true(normalize_looks_like_text("", 0));
	assert_true(normalize_looks_like_text("caf\xc3\xa9", 5));
	assert_false(normalize_looks_like_text(bin, sizeof(bin) - 1));
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(0x80 + (i * 37) % 64);       /* lone continuations */
	assert_false(normalize_looks_like_text(junk, sizeof(junk)));
}

/* ------------------------------------------------------------------ */
/* Fingerprints                                                        */
/* ------------------------------------------------------------------ */

static const char article[] =
	"Russia has reiterated its unwavering support for Syria, where it "
	"launched one of what reports estimate to be one of the near-decade-long "
	"conflict's deadliest strikes, killing dozens of insurgents in the "
	"country's renegade northwest.\n\nRussian Deputy Foreign Minister Mikhail "
	"Bogdanov met Monday with Syrian ambassador to Russia Riyad Haddad.";

/* The same text as another site prints it: curly quotes, an em dash for
 * the hyphens, other white space, other case. */
static const char article_typo[] =
	"RUSSIA has reiterated its unwavering support for Syria,  where it "
	"launched one of what reports estimate to be one of the near\xe2\x80\x93"
	"decade\xe2\x80\x93long conflict\xe2\x80\x99s deadliest strikes, killing "
	"dozens of insurgents in the country\xe2\x80\x99s renegade northwest. "
	"Russian Deputy Foreign Minister Mikhail Bogdanov met Monday with "
	"Syrian ambassador to Russia Riyad Haddad.";

static void fingerprint_of(const char *s, struct norm_text *n, struct fingerprint *fp)
{
	norm(s, n);
	fingerprint_init(fp);
	fp_compute(n, fp);
}

static void test_stable_values(void **state)
{
	struct norm_text n;
	struct fingerprint fp;

	(void)state;
	fingerprint_of(article, &n, &fp);
	assert_int_equal(fp.tokens, 53);
	assert_int_equal(fp.chars, strlen(article) - 1); /* "\n\n" -> " " */
	assert_int_equal(fp.shingles, 51);
	/* Values pinned: a change here changes every stored fingerprint and
	 * must come with a schema migration that recomputes them. */
	assert_string_equal(fp.sha256, "190ec84b063315469c5384c97f647cd22d30c32179f1d8a1ccadd092d64adecf");
	assert_true(fp.simhash == 0x005643a6c5b35a85ULL);
	assert_int_equal(fp.minhash[0], 54801607);
	assert_int_equal(fp.minhash[127], 66044309);
	fingerprint_release(&fp);
	norm_text_release(&n);
}

static void test_typography_insensitive(void **state)
{
	struct norm_text n1, n2;
	struct fingerprint f1, f2;
	int64_t b1[FP_LSH_BANDS], b2[FP_LSH_BANDS];

	(void)state;
	fingerprint_of(article, &n1, &f1);
	fingerprint_of(article_typo, &n2, &f2);
	assert_string_equal(n1.text.s, n2.text.s);
	assert_string_equal(f1.sha256, f2.sha256);
	assert_true(f1.simhash == f2.simhash);
	assert_memory_equal(f1.minhash, f2.minhash, sizeof(f1.minhash));
	fp_lsh_bands(f1.minhash, b1);
	fp_lsh_bands(f2.minhash, b2);
	assert_memory_equal(b1, b2, sizeof(b1));
	fingerprint_release(&f1);
	fingerprint_release(&f2);
	norm_text_release(&n1);
	norm_text_release(&n2);
}

static void test_similarity_estimates(void **state)
{
	struct norm_text n1, n2;
	struct fingerprint f1, f2;
	uint64_t *s1, *s2;
	size_t c1, c2;
	double j, ab, ba;
	char edited[sizeof(article)];

	(void)state;
	/* One word changed: most shingles and MinHash values survive. */
	memcpy(edited, article, sizeof(article));
	memcpy(strstr(edited, "Monday"), "Sunday", 6);
	fingerprint_of(article, &n1, &f1);
	fingerprint_of(edited, &n2, &f2);
	assert_string_not_equal(f1.sha256, f2.sha256);
	s1 = fp_shingles(&n1, &c1);
	s2 = fp_shingles(&n2, &c2);
	fp_set_similarity(s1, c1, s2, c2, &j, &ab, &ba);
	/* 3 of 51 shingles differ on each side: 48/51 and 48/54. */
	assert_int_equal(c1, 51);
	assert_true(ab > 0.941 && ab < 0.942);
	assert_true(j > 0.888 && j < 0.889);
	assert_true(fp_minhash_jaccard(f1.minhash, f2.minhash) > 0.7);
	assert_true(fp_simhash_distance(f1.simhash, f2.simhash) < 16);
	assert_int_equal(fp_simhash_distance(f1.simhash, f1.simhash), 0);
	fp_set_similarity(s1, c1, NULL, 0, &j, &ab, &ba);
	assert_true(j == 0 && ab == 0 && ba == 0);
	free(s1);
	free(s2);
	fingerprint_release(&f1);
	fingerprint_release(&f2);
	norm_text_release(&n1);
	norm_text_release(&n2);
}

/* ------------------------------------------------------------------ */
/* Winnowing                                                           */
/* ------------------------------------------------------------------ */

static uint64_t rng_state = 88172645463325252ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A text of n words from a vocabulary of v, with words [at, at+len) taken
 * from shared[]. */
static void word_salad(struct buf *b, size_t n, size_t v, const unsigned *shared,
		       size_t at, size_t len)
{
	for (size_t i = 0; i < n; i++) {
		unsigned w = i >= at && i < at + len ? shared[i - at]
						     : (unsigned)(rng() % v);
		buf_addf(b, "%sw%u", i ? " " : "", w);
	}
}

static void test_winnow_guarantee(void **state)
{
	const size_t t = FP_WINNOW_GUARANTEE;
	int found = 0, trials = 300;

	(void)state;
	assert_int_equal(t, 8);
	for (int trial = 0; trial < trials; trial++) {
		unsigned shared[8];
		struct buf a = BUF_INIT, b = BUF_INIT;
		struct norm_text na, nb;
		struct fp_winnow *wa, *wb;
		size_t ca, cb, pa = 5 + rng() % 150, pb = 5 + rng() % 150;
		int hit = 0;

		for (size_t i = 0; i < t; i++)
			shared[i] = 100000 + (unsigned)(rng() % 100000);
		word_salad(&a, 200, 50000, shared, pa, t);
		word_salad(&b, 200, 50000, shared, pb, t);
		norm(a.s, &na);
		norm(b.s, &nb);
		fp_winnow(&na, FP_WINNOW_K, FP_WINNOW_W, &wa, &ca);
		fp_winnow(&nb, FP_WINNOW_K, FP_WINNOW_W, &wb, &cb);
		/* Density 2/(w+1) = 0.4 on random text (loosely). */
		assert_true(ca > 60 && ca < 100);
		/* Some k-gram inside the shared run is selected on both sides. */
		for (size_t i = 0; i < ca && !hit; i++) {
			if (wa[i].pos < pa || wa[i].pos + FP_WINNOW_K > pa + t)
				continue;
			for (size_t j = 0; j < cb; j++)
				if (wb[j].hash == wa[i].hash &&
				    wb[j].pos - pb == wa[i].pos - pa)
					hit = 1;
		}
		found += hit;
		free(wa);
		free(wb);
		norm_text_release(&na);
		norm_text_release(&nb);
		buf_release(&a);
		buf_release(&b);
	}
	assert_int_equal(found, trials);
}

static void test_winnow_short_text(void **state)
{
	struct norm_text n;
	struct fp_winnow *w;
	size_t c;

	(void)state;
	norm("just three words", &n);
	fp_winnow(&n, FP_WINNOW_K, FP_WINNOW_W, &w, &c);
	assert_int_equal(c, 1);
	assert_int_equal(w[0].pos, 0);
	free(w);
	norm_text_release(&n);
	norm("", &n);
	fp_winnow(&n, FP_WINNOW_K, FP_WINNOW_W, &w, &c);
	assert_int_equal(c, 0);
	assert_null(w);
	norm_text_release(&n);
}


/* ------------------------------------------------------------------ */
/* The fast paths against their definitions                            */
/* ------------------------------------------------------------------ */

/* Token and k-gram hashes are the library's XXH3_64bits() of the token's
 * bytes and of the k token hashes, at every length (the inlined short
 * paths must agree with it). */
static void test_hashes_are_xxh3(void **state)
{
	struct buf b = BUF_INIT;
	struct norm_text n;

	(void)state;
	for (size_t len = 1; len <= 40; len++) {
		for (size_t i = 0; i < len; i++)
			buf_addc(&b, 'a' + (int)((len * 7 + i) % 26));
		buf_addc(&b, ' ');
	}
	norm(b.s, &n);
	assert_int_equal(n.ntokens, 40);
	for (size_t i = 0; i < n.ntokens; i++) {
		const struct norm_token *t = &n.tokens[i];

		assert_int_equal(t->end - t->start, i + 1);
		assert_true(t->hash == XXH3_64bits(n.text.s + t->start, t->end - t->start));
	}
	for (size_t k = 0; k <= 16; k++) {
		uint64_t h[16];

		for (size_t j = 0; j < k; j++)
			h[j] = n.tokens[3 + j].hash;
		assert_true(fp_gram_hash(&n, 3, k) == XXH3_64bits(h, k * sizeof(uint64_t)));
	}
	norm_text_release(&n);
	buf_release(&b);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* A text long enough for the radix sort's several levels, with repeated
 * shingles: fp_shingles() is the sorted distinct set of the gram hashes. */
static void test_shingles_sorted_distinct(void **state)
{
	struct buf b = BUF_INIT;
	struct norm_text n;
	uint64_t *sh, *ref;
	size_t c, m, d = 0;

	(void)state;
	word_salad(&b, 60000, 3000, NULL, 0, 0);
	buf_adds(&b, " w1 w2 w3 w1 w2 w3 w1 w2 w3");
	norm(b.s, &n);
	m = n.ntokens - FP_SHINGLE + 1;
	ref = xmalloc(m * sizeof(*ref));
	for (size_t i = 0; i < m; i++)
		ref[i] = fp_gram_hash(&n, i, FP_SHINGLE);
	qsort(ref, m, sizeof(*ref), cmp_u64);
	for (size_t i = 0; i < m; i++)
		if (!d || ref[i] != ref[d - 1])
			ref[d++] = ref[i];
	sh = fp_shingles(&n, &c);
	assert_int_equal(c, d);
	assert_true(d < m);
	assert_memory_equal(sh, ref, d * sizeof(*ref));
	free(sh);
	free(ref);
	norm_text_release(&n);
	buf_release(&b);
}

/* SimHash (bit-sliced counters) and MinHash (SIMD where the CPU has it)
 * against their plain definitions, across the counters' flush points. */
static void test_simhash_minhash_definitions(void **state)
{
	static const size_t sizes[] = { 0, 1, 2, 254, 255, 256, 511, 1000, 70001 };
	uint64_t *v = xmalloc(70001 * sizeof(*v));
	uint64_t a[FP_MINHASH_N], bb[FP_MINHASH_N], seed = 0x70726f7674726163ULL;

	(void)state;
	for (unsigned i = 0; i < FP_MINHASH_N; i++) {
		uint64_t z;

		for (int r = 0; r < 2; r++) {
			z = (seed += 0x9E3779B97F4A7C15ULL);
			z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
			z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
			z ^= z >> 31;
			if (r)
				a[i] = z | 1;
			else
				bb[i] = z;
		}
	}
	for (size_t i = 0; i < 70001; i++)
		v[i] = rng() & (i % 3 ? ~(uint64_t)0 : 0xF0F0F0F0FFFFFFFFULL);
	for (size_t si = 0; si < sizeof(sizes) / sizeof(*sizes); si++) {
		size_t n = sizes[si];
		uint64_t want = 0;
		uint32_t mh[FP_MINHASH_N], ref[FP_MINHASH_N];

		for (int bit = 0; bit < 64; bit++) {
			size_t ones = 0;

			for (size_t i = 0; i < n; i++)
				ones += (v[i] >> bit) & 1;
			if (2 * ones > n)
				want |= (uint64_t)1 << bit;
		}
		assert_true(fp_simhash(v, n) == want);
		for (unsigned i = 0; i < FP_MINHASH_N; i++) {
			ref[i] = UINT32_MAX;
			for (size_t j = 0; j < n; j++) {
				uint32_t x = (uint32_t)((a[i] * v[j] + bb[i]) >> 32);

				ref[i] = x < ref[i] ? x : ref[i];
			}
		}
		fp_minhash(v, n, mh);
		assert_memory_equal(mh, ref, sizeof(ref));
	}
	free(v);
}

/* Winnowing with the monotone deque selects what the definition selects:
 * the rightmost minimum of every window, each position once, on texts
 * with many ties (a small vocabulary) and several k and w. */
static void test_winnow_definition(void **state)
{
	(void)state;
	for (int trial = 0; trial < 60; trial++) {
		struct buf b = BUF_INIT;
		struct norm_text n;
		struct fp_winnow *w;
		size_t c, k = 1 + (size_t)trial % 6, win = 1 + (size_t)(trial / 6) % 9;
		size_t words = 1 + rng() % 300, ng, nref = 0, last = (size_t)-1;
		uint64_t *h;

		word_salad(&b, words, trial % 2 ? 4 : 1000, NULL, 0, 0);
		norm(b.s, &n);
		fp_winnow(&n, k, win, &w, &c);
		ng = n.ntokens >= k ? n.ntokens - k + 1 : 1;
		h = xmalloc(ng * sizeof(*h));
		for (size_t i = 0; i < ng; i++)
			h[i] = fp_gram_hash(&n, i, k);
		if (ng <= win) {
			size_t m = 0;

			for (size_t i = 1; i < ng; i++)
				if (h[i] <= h[m])
					m = i;
			assert_int_equal(c, 1);
			assert_int_equal(w[0].pos, m);
		} else {
			for (size_t s0 = 0; s0 + win <= ng; s0++) {
				size_t m = s0;

				for (size_t i = s0 + 1; i < s0 + win; i++)
					if (h[i] <= h[m])
						m = i;
				if (m != last) {
					assert_true(nref < c);
					assert_int_equal(w[nref].pos, m);
					assert_true(w[nref].hash == h[m]);
					nref++;
					last = m;
				}
			}
			assert_int_equal(c, nref);
		}
		free(h);
		free(w);
		norm_text_release(&n);
		buf_release(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_quotes_dashes),
		cmocka_unit_test(test_multibyte),
		cmocka_unit_test(test_ignorable_and_invalid),
		cmocka_unit_test(test_cjk),
		cmocka_unit_test(test_looks_like_text),
		cmocka_unit_test(test_stable_values),
		cmocka_unit_test(test_typography_insensitive),
		cmocka_unit_test(test_similarity_estimates),
		cmocka_unit_test(test_winnow_guarantee),
		cmocka_unit_test(test_winnow_short_text),
		cmocka_unit_test(test_hashes_are_xxh3),
		cmocka_unit_test(test_shingles_sorted_distinct),
		cmocka_unit_test(test_simhash_minhash_definitions),
		cmocka_unit_test(test_winnow_definition),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
