/*
 * test_sentence.c - sentence splitting of news prose.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../trace/sentence.h"
#include "../../src/util.h"

/* Split text and compare the sentences with the NULL-terminated want. */
static void check(const char *text, const char *const *want)
{
	struct sentence_list l;
	size_t n = 0;

	sentence_list_init(&l);
	sentence_split(text, strlen(text), NULL, 0, &l);
	while (want[n])
		n++;
	for (size_t i = 0; i < l.n && i < n; i++) {
		size_t len = l.v[i].end - l.v[i].start;
		if (len != strlen(want[i]) || memcmp(text + l.v[i].start, want[i], len))
			fail_msg("sentence %zu is '%.*s', expected '%s'", i, (int)len,
				 text + l.v[i].start, want[i]);
	}
	if (l.n != n)
		fail_msg("%zu sentences, expected %zu", l.n, n);
	sentence_list_release(&l);
}

static void test_plain(void **state)
{
	static const char *const want[] = { "It rained.", "Then it stopped!", "Why?", NULL };

	(void)state;
	check("It rained. Then it stopped! Why?", want);
}

static void test_abbreviations(void **state)
{
	static const char *const want[] = {
		"Maj. Gen. Ivan Petrov and Cmdr. Jane Doe met U.S. and U.K. envoys on Jan. 5 in Room No. 3.",
		"Sen. Smith and Rep. Jones, with Lt. Col. Brown and Dr. Lee, agreed.",
		"The deal with Acme Inc. was signed.",
		"It was Acme Inc.",
		"The firm said so.",
		NULL
	};

	(void)state;
	check("Maj. Gen. Ivan Petrov and Cmdr. Jane Doe met U.S. and U.K. envoys on "
	      "Jan. 5 in Room No. 3. Sen. Smith and Rep. Jones, with Lt. Col. Brown and "
	      "Dr. Lee, agreed. The deal with Acme Inc. was signed. It was Acme Inc. "
	      "The firm said so.", want);
}

static void test_initials_decimals(void **state)
{
	static const char *const want[] = {
		"John F. Kennedy won 3.5 percent more in the U.S.-led count.",
		"Prices rose 1.25% in the U.S.",
		"The Fed acted.",
		NULL
	};
	static const char *const want2[] = {
		"U.S. officials and U.N. envoys met at 10 a.m. on Monday.", NULL
	};

	(void)state;
	/* "U.S. The" is a boundary: a typical opening word follows */
	check("John F. Kennedy won 3.5 percent more in the U.S.-led count. "
	      "Prices rose 1.25% in the U.S. The Fed acted.", want);
	check("U.S. officials and U.N. envoys met at 10 a.m. on Monday.", want2);
}

/* A number with a decimal point and a unit ends a sentence like any word
 * ("£3.1bn. Analysts"); a capitalised quotation after "a.m." opens one. */
static void test_units_and_quote_after_abbrev(void **state)
{
	static const char *const want[] = {
		"Revenue was flat at \xC2\xA3" "3.1bn.",
		"Analysts had expected more.",
		NULL
	};
	static const char *const want2[] = {
		"The debate ran past 1 a.m.",
		"\"I'm not going to be the one,\" she said.",
		NULL
	};

	(void)state;
	check("Revenue was flat at \xC2\xA3" "3.1bn. Analysts had expected more.", want);
	check("The debate ran past 1 a.m. \"I'm not going to be the one,\" she said.", want2);
}

static void test_quotes(void **state)
{
	static const char *const want[] = {
		"\"We stayed. We fought. We won,\" he said.",
		"\xE2\x80\x9CIt is over. Go home,\xE2\x80\x9D she said.",
		"\"Why now?\" Smith asked.",
		"\"We are here.\"",
		"The group left.",
		NULL
	};

	(void)state;
	check("\"We stayed. We fought. We won,\" he said. "
	      "\xE2\x80\x9CIt is over. Go home,\xE2\x80\x9D she said. "
	      "\"Why now?\" Smith asked. \"We are here.\" The group left.", want);
}

static void test_unbalanced_quote(void **state)
{
	static const char *const want[] = {
		"\"This quote never closes.", "The next sentence still splits.", NULL
	};

	(void)state;
	check("\"This quote never closes. The next sentence still splits.", want);
}

static void test_paragraphs_and_lines(void **state)
{
	static const char *const want[] = {
		"First paragraph ends without a stop",
		"syria, idlib, rebel",
		"Syrians take part in a funeral.",
		"MOHAMMED AL-RIFAI/AFP/Getty Images",
		"A wrapped line that goes on for quite a long while before it breaks and",
		NULL
	};
	struct sentence_list l;
	const char *t = "First paragraph ends without a stop\n\nsyria, idlib, rebel\n"
			"Syrians take part in a funeral. MOHAMMED AL-RIFAI/AFP/Getty Images";

	(void)state;
	(void)want;
	sentence_list_init(&l);
	sentence_split(t, strlen(t), NULL, 0, &l);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.npara, 2);
	assert_int_equal(l.v[0].para, 0);
	assert_int_equal(l.v[1].para, 1);
	assert_true(l.v[1].flags & SENT_PARA_START);
	assert_false(l.v[2].flags & SENT_PARA_START);
	sentence_list_release(&l);
	{
		static const char *const w2[] = {
			"A wrapped line that goes on for quite a long while before it breaks and\ncontinues here.",
			NULL
		};
		check("A wrapped line that goes on for quite a long while before it breaks and\n"
		      "continues here.", w2);
	}
}

static void test_blocks(void **state)
{
	const char *t = "Para one. Still one.\n\nA caption here.\n\nNAME/AFP";
	struct block b[3] = {
		{ BLOCK_PARAGRAPH, 0, 20 },
		{ BLOCK_CAPTION, 22, 37 },
		{ BLOCK_CREDIT, 39, 47 },
	};
	struct sentence_list l;

	(void)state;
	sentence_list_init(&l);
	sentence_split(t, strlen(t), b, 3, &l);
	assert_int_equal(l.n, 4);
	assert_true(l.v[2].flags & SENT_CAPTION);
	assert_true(l.v[3].flags & SENT_CREDIT);
	assert_int_equal(l.v[3].start, 39);
	sentence_list_release(&l);
}

static void test_bounded(void **state)
{
	struct buf b = BUF_INIT;
	struct sentence_list l;

	(void)state;
	/* 5 MB with no full stop and stray quotes: bounded sentences */
	while (b.len < 5u << 20)
		buf_adds(&b, "word \"another word ");
	sentence_list_init(&l);
	sentence_split(b.s, b.len, NULL, 0, &l);
	assert_true(l.n >= (5u << 20) / SENTENCE_MAX);
	for (size_t i = 0; i < l.n; i++)
		assert_true(l.v[i].end - l.v[i].start <= SENTENCE_MAX);
	sentence_list_release(&l);
	buf_release(&b);

	/* A paragraph of nothing but quotation marks (found by fuzzing: each
	 * two-mark quotation once rescanned the sentence so far).  Bounded
	 * sentences, and under valgrind a rescan shows as minutes. */
	sentence_list_init(&l);
	while (b.len < 1u << 20)
		buf_adds(&b, "\"\"\"\"\"\"\"\"");
	sentence_split(b.s, b.len, NULL, 0, &l);
	for (size_t i = 0; i < l.n; i++)
		assert_true(l.v[i].end - l.v[i].start <= SENTENCE_MAX);
	sentence_list_release(&l);
	buf_release(&b);

	sentence_list_init(&l);
	assert_int_equal(sentence_split("", 0, NULL, 0, &l), 0);
	assert_int_equal(sentence_split(" \n\n \n", 5, NULL, 0, &l), 0);
	sentence_list_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_abbreviations),
		cmocka_unit_test(test_initials_decimals),
		cmocka_unit_test(test_units_and_quote_after_abbrev),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_unbalanced_quote),
		cmocka_unit_test(test_paragraphs_and_lines),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
