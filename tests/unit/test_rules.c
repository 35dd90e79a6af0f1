/*
 * test_rules.c - the rule-file parser, validation, overrides, built-ins.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../rules/rules.h"

static int parse(struct rules *r, const char *text, struct buf *err)
{
	return rules_add_text(r, "t.rules", text, strlen(text), err);
}

static void test_record_and_continuation(void **state)
{
	struct rules *r = rules_new();
	struct buf err = BUF_INIT;
	const struct rule *s;
	size_t it = 0;
	const struct rule_field *f;

	(void)state;
	assert_int_equal(parse(r,
		"# a comment\n"
		"source id=sohr name=\"Syrian Observatory for Human Rights\" type=monitor\n"
		"       alias=SOHR   # trailing comment\n"
		"       alias=\"the Syrian Observatory\" country=GB\n"
		"\n"
		"shortener host=ift.tt name=IFTTT role=feed\n", &err), 0);
	assert_int_equal(rules_total(r), 2);
	s = rules_find(r, "source", "SOHR");
	assert_non_null(s);
	assert_string_equal(rule_get(s, "name"), "Syrian Observatory for Human Rights");
	assert_int_equal(s->line, 2);
	f = rule_next(s, "alias", &it);
	assert_string_equal(f->value, "SOHR");
	f = rule_next(s, "alias", &it);
	assert_string_equal(f->value, "the Syrian Observatory");
	assert_null(rule_next(s, "alias", &it));
	assert_string_equal(rule_get(s, "country"), "GB");
	assert_int_equal(rules_count(r, "shortener"), 1);
	assert_string_equal(rules_at(r, "shortener", 0)->key, "ift.tt");
	buf_release(&err);
	rules_free(r);
}

static void test_errors_have_file_and_line(void **state)
{
	struct rules *r = rules_new();
	struct buf err = BUF_INIT;

	(void)state;
	assert_int_equal(parse(r,
		"wrapper id=x name=y\n"                      /* no host, decode */
		"nonsense a=b\n"
		"wall id=w name=n host=a.com path=\"([\"\n"  /* bad regex */
		"shortener host=ift.tt role=wizard\n"         /* bad enum */
		"shortener host=\"unterminated\n"
		"shortener host=a.com host=b.com\n"           /* not repeatable */
		"tracking param\n", &err), 7);
	assert_non_null(strstr(err.s, "t.rules:1: 'wrapper' needs 'host'"));
	assert_non_null(strstr(err.s, "t.rules:2: unknown record type 'nonsense'"));
	assert_non_null(strstr(err.s, "t.rules:3: bad regular expression in 'path'"));
	assert_non_null(strstr(err.s, "t.rules:4: 'role' must be one of"));
	assert_non_null(strstr(err.s, "t.rules:5: unterminated quote"));
	assert_non_null(strstr(err.s, "t.rules:6: 'host' given twice"));
	assert_non_null(strstr(err.s, "t.rules:7: expected key=value"));
	assert_int_equal(rules_total(r), 0);
	buf_release(&err);
	rules_free(r);
}

static void test_override_by_key(void **state)
{
	struct rules *r = rules_new();
	struct buf err = BUF_INIT;

	(void)state;
	assert_int_equal(parse(r, "shortener host=bit.ly name=Bitly\n", &err), 0);
	{
		const char *user = "shortener host=BIT.LY name=\"Bitly (user)\"\n";
		assert_int_equal(rules_add_text(r, "user.rules", user,
						strlen(user), &err), 0);
	}
	assert_int_equal(rules_count(r, "shortener"), 1);
	assert_string_equal(rule_get(rules_find(r, "shortener", "bit.ly"), "name"),
			    "Bitly (user)");
	assert_string_equal(rules_find(r, "shortener", "bit.ly")->file, "user.rules");
	buf_release(&err);
	rules_free(r);
}

static void test_regex_escapes_kept(void **state)
{
	struct rules *r = rules_new();
	struct buf err = BUF_INIT;
	const struct rule *w;

	(void)state;
	assert_int_equal(parse(r,
		"wall id=fb name=\"Facebook browser wall\" host=*.facebook.com "
		"path=\"^/(unsupportedbrowser|common/browser\\.php)\" note=\"say \\\"hi\\\"\"\n",
		&err), 0);
	w = rules_find(r, "wall", "fb");
	assert_non_null(w);
	assert_string_equal(rule_get(w, "path"),
			    "^/(unsupportedbrowser|common/browser\\.php)");
	assert_string_equal(rule_get(w, "note"), "say \"hi\"");
	assert_non_null(w->fields[3].re);
	buf_release(&err);
	rules_free(r);
}

static void test_builtin_rules_load(void **state)
{
	struct rules *r = NULL;
	struct buf err = BUF_INIT;

	(void)state;
	assert_int_equal(rules_load(&r, NULL, &err), PT_OK);
	assert_string_equal(err.s, "");
	assert_true(rules_total(r) > 0);
	assert_non_null(rules_find(r, "shortener", "ift.tt"));
	rules_free(r);
	buf_release(&err);
}

static void test_user_dir(void **state)
{
	char dir[] = "/tmp/pt-rules-XXXXXX";
	char path[64];
	FILE *f;
	struct rules *r = NULL;
	struct buf err = BUF_INIT;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/mine.rules", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("shortener host=sho.rt name=Mine\nshortener host=ift.tt name=Replaced\n", f);
	fclose(f);
	assert_int_equal(rules_load(&r, dir, &err), PT_OK);
	assert_string_equal(rule_get(rules_find(r, "shortener", "sho.rt"), "name"), "Mine");
	assert_string_equal(rule_get(rules_find(r, "shortener", "ift.tt"), "name"), "Replaced");
	rules_free(r);
	r = NULL;

	f = fopen(path, "w");
	assert_non_null(f);
	fputs("shortener name=NoHost\n", f);
	fclose(f);
	assert_int_equal(rules_load(&r, dir, &err), PT_BAD_INPUT);
	assert_null(r);
	assert_non_null(strstr(err.s, "mine.rules:1: 'shortener' needs 'host'"));
	unlink(path);
	rmdir(dir);
	buf_release(&err);
	buf_reset(&err);
	assert_int_equal(rules_load(&r, "/nonexistent/dir", &err), PT_BAD_INPUT);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_and_continuation),
		cmocka_unit_test(test_errors_have_file_and_line),
		cmocka_unit_test(test_override_by_key),
		cmocka_unit_test(test_regex_escapes_kept),
		cmocka_unit_test(test_builtin_rules_load),
		cmocka_unit_test(test_user_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
