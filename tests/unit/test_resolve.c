/*
 * test_resolve.c - the pure parts of redirect resolution: refresh values,
 * client-side redirects in HTML, the private-address policy, and offline
 * chains through the built-in rules.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <cmocka.h>

#include "trace/fetch.h"
#include "trace/resolve.h"
#include "rules/rules.h"

#define BASE "https://t.co/AbC123"

/* The redirect found in html (NULL when none); via must be as expected. */
static char *redirect_of(const char *html, const char *want_via)
{
	char *out = NULL;
	const char *via = resolve_html_redirect(html, strlen(html), BASE, &out);

	if (!want_via) {
		assert_null(via);
		assert_null(out);
		return NULL;
	}
	assert_non_null(via);
	assert_string_equal(via, want_via);
	assert_non_null(out);
	return out;
}

static void check(const char *html, const char *via, const char *want)
{
	char *got = redirect_of(html, via);

	if (want)
		assert_string_equal(got, want);
	free(got);
}

/* ---- refresh values ---------------------------------------------------- */

static void test_parse_refresh(void **state)
{
	static const struct {
		const char *in;
		double delay;
		const char *url;
	} cases[] = {
		{ "0;URL=https://a.example/x", 0, "https://a.example/x" },
		{ "0; url=https://a.example/x", 0, "https://a.example/x" },
		{ "5;URL='/next?a=1'", 5, "/next?a=1" },
		{ " 1 ;  url = \"https://a.example/q\" ", 1, "https://a.example/q" },
		{ "0,https://a.example/comma", 0, "https://a.example/comma" },
		{ "0; https://a.example/no-key", 0, "https://a.example/no-key" },
		{ "2.5;URL=x", 2.5, "x" },
		{ "0;urlaub.html", 0, "urlaub.html" },
		{ "30", 30, NULL },
		{ "600;", 600, NULL },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double delay = -1;
		char *url = NULL;

		assert_int_equal(resolve_parse_refresh(cases[i].in, &delay, &url), 0);
		assert_true(delay == cases[i].delay);
		if (cases[i].url)
			assert_string_equal(url, cases[i].url);
		else
			assert_null(url);
		free(url);
	}
	{
		double delay = 0;
		char *url = NULL;

		assert_int_equal(resolve_parse_refresh("url=https://a.example/", &delay, &url), -1);
		assert_null(url);
		assert_int_equal(resolve_parse_refresh("", &delay, &url), -1);
	}
}

/* ---- meta refresh ------------------------------------------------------- */

static void test_meta_spellings(void **state)
{
	(void)state;
	check("<meta http-equiv=\"refresh\" content=\"0;URL=https://a.example/1\">",
	      "meta-refresh", "https://a.example/1");
	check("<HTML><HEAD><META HTTP-EQUIV=\"Refresh\" CONTENT=\"0; URL='https://a.example/2'\"></HEAD></HTML>",
	      "meta-refresh", "https://a.example/2");
	check("<meta http-equiv=refresh content='3;url=/relative/path'>",
	      "meta-refresh", "https://t.co/relative/path");
	check("<meta content=\"0; https://a.example/no-url-key\" http-equiv=\" REFRESH \">",
	      "meta-refresh", "https://a.example/no-url-key");
	check("<meta http-equiv=\"refresh\" content=\"0;url=//cdn.example/p\">",
	      "meta-refresh", "https://cdn.example/p");
	check("<meta http-equiv=\"refresh\" content=\"0;url=https://a.example/?a=1&amp;b=2\">",
	      "meta-refresh", "https://a.example/?a=1&b=2");
}

static void test_meta_in_noscript(void **state)
{
	(void)state;
	/* t.co's own page */
	check("<head><noscript><META http-equiv=\"refresh\" content=\"0;URL=https://www.newsweek.com/a\"></noscript>"
	      "<title>https://www.newsweek.com/a</title></head>"
	      "<script>window.opener = null; location.replace(\"https:\\/\\/www.newsweek.com\\/a\")</script>",
	      "meta-refresh", "https://www.newsweek.com/a");
	check("<body><p>Enable JavaScript</p><noscript><meta http-equiv=\"refresh\" "
	      "content=\"0; url=https://a.example/body-noscript\"></noscript></body>",
	      "meta-refresh", "https://a.example/body-noscript");
}

static void test_meta_not_a_redirect(void **state)
{
	(void)state;
	/* a live page reloading itself, or a slow refresh: not a redirect */
	check("<meta http-equiv=\"refresh\" content=\"600\">", NULL, NULL);
	check("<meta http-equiv=\"refresh\" content=\"300; url=https://a.example/live\">", NULL, NULL);
	/* pointing at itself */
	check("<meta http-equiv=\"refresh\" content=\"0; url=" BASE "\">", NULL, NULL);
	/* another http-equiv */
	check("<meta http-equiv=\"content-type\" content=\"0;url=https://a.example/\">", NULL, NULL);
	/* nothing at all */
	check("<p>hello</p>", NULL, NULL);
}

/* Fuzzing regression: without a base URL the "points at itself" check
 * passed NULL to strcmp() (UBSan: null pointer passed as argument 2). */
static void test_no_base_url(void **state)
{
	static const char html[] =
		"<script>location = \"https://a.example/js\";</script>";
	static const char meta[] =
		"<meta http-equiv=refresh content=\"0;url=https://a.example/m\">";
	char *out = NULL;
	const char *via;

	(void)state;
	via = resolve_html_redirect(html, strlen(html), NULL, &out);
	assert_non_null(via);
	assert_string_equal(via, "js");
	assert_string_equal(out, "https://a.example/js");
	free(out);
	out = NULL;
	via = resolve_html_redirect(meta, strlen(meta), NULL, &out);
	assert_non_null(via);
	assert_string_equal(via, "meta-refresh");
	assert_string_equal(out, "https://a.example/m");
	free(out);
}

/* Fuzzing regression: gumbo leaks a DOCTYPE inside <noscript> in <head>
 * (LeakSanitizer on "<noscript><!DOCTYPE"); the refresh after it must
 * still be seen. */
static void test_noscript_doctype(void **state)
{
	(void)state;
	check("<noscript><!DOCTYPE", NULL, NULL);
	check("<head><noscript><!DOCTYPE x PUBLIC \"a\" \"b\">"
	      "<meta http-equiv=refresh content=\"0;url=https://a.example/ns\">"
	      "</noscript></head>", "meta-refresh", "https://a.example/ns");
}

/* ---- JavaScript ----------------------------------------------------------- */

static void test_js_forms(void **state)
{
	(void)state;
	check("<script>location = \"https://a.example/1\";</script>", "js", "https://a.example/1");
	check("<script>location.href='https://a.example/2'</script>", "js", "https://a.example/2");
	check("<script>window.location.href = \"https://a.example/3\"</script>", "js", "https://a.example/3");
	check("<script>window.location.replace( 'https://a.example/4' )</script>", "js", "https://a.example/4");
	check("<script>window.location.assign(\"https://a.example/5\");</script>", "js", "https://a.example/5");
	check("<script>document.location = \"https://a.example/6\"</script>", "js", "https://a.example/6");
	check("<script>top.location.href=\"https://a.example/7\"</script>", "js", "https://a.example/7");
	check("<script>self.location.replace(\"https:\\/\\/a.example\\/8\\x3Fq\\u003d1\")</script>",
	      "js", "https://a.example/8?q=1");
	check("<body onload=\"location.href='/onload'\"></body>", "js", "https://t.co/onload");
	/* the earliest of several wins */
	check("<script>location.replace('https://a.example/first'); location = 'https://a.example/second'</script>",
	      "js", "https://a.example/first");
}

static void test_js_not_a_redirect(void **state)
{
	struct buf big = BUF_INIT;
	(void)state;

	check("<script>if (location.href == \"https://a.example/\") x = 1;</script>", NULL, NULL);
	check("<script>mylocation = \"https://a.example/\";</script>", NULL, NULL);
	check("<script>location.hash = \"#top\";</script>", NULL, NULL);
	check("<script>var s = location.href.replace(\"a\", \"b\");</script>", NULL, NULL);
	check("<script>location.href = \"#comments\";</script>", NULL, NULL);
	check("<script>location.href = \"javascript:void(0)\";</script>", NULL, NULL);
	/* in text, not in a script */
	check("<p>set location = \"https://a.example/\" to move</p>", NULL, NULL);

	/* an article with plenty of text is not an interstitial */
	buf_adds(&big, "<article>");
	for (int i = 0; i < 30; i++)
		buf_adds(&big, "<p>Russian aircraft bombed a camp in Idlib, the monitor said.</p>");
	buf_adds(&big, "</article><script>if (x) location.href = \"https://a.example/\";</script>");
	check(big.s, NULL, NULL);

	/* hostile nesting just under the size limit: no crash, no redirect */
	buf_reset(&big);
	while (big.len < (63 << 10))
		buf_adds(&big, "<div>");
	check(big.s, NULL, NULL);
	buf_reset(&big);
	while (big.len < (63 << 10))
		buf_adds(&big, "<noscript>&lt;noscript&gt;");
	check(big.s, NULL, NULL);

	/* 64 KiB and more: not even read */
	buf_reset(&big);
	buf_adds(&big, "<meta http-equiv=\"refresh\" content=\"0;url=https://a.example/\">");
	while (big.len < (64 << 10))
		buf_adds(&big, "<!-- padding padding padding padding padding -->\n");
	check(big.s, NULL, NULL);
	buf_release(&big);
}

/* ---- addresses --------------------------------------------------------------- */

static int v4_private(const char *text)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	assert_int_equal(inet_pton(AF_INET, text, &a.sin_addr), 1);
	return fetch_address_is_private(&a, NULL);
}

static int v6_private(const char *text)
{
	struct sockaddr_in6 a;

	memset(&a, 0, sizeof(a));
	a.sin6_family = AF_INET6;
	assert_int_equal(inet_pton(AF_INET6, text, &a.sin6_addr), 1);
	return fetch_address_is_private(&a, NULL);
}

static void test_private_addresses(void **state)
{
	static const char *const refused4[] = {
		"127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255",
		"192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254",
		"0.0.0.0", "224.0.0.1", "239.255.255.250", "255.255.255.255",
		"192.0.2.10", "198.18.0.1",
	};
	static const char *const allowed4[] = {
		"8.8.8.8", "151.101.1.140", "172.15.255.255", "172.32.0.1",
		"100.63.255.255", "100.128.0.1", "192.169.0.1", "1.1.1.1",
	};
	static const char *const refused6[] = {
		"::1", "::", "::ffff:127.0.0.1", "::ffff:8.8.8.8", "fc00::1",
		"fd12:3456::1", "fe80::1", "ff02::1", "64:ff9b::a00:1", "::127.0.0.1",
	};
	static const char *const allowed6[] = {
		"2001:4860:4860::8888", "2a04:4e42::81", "64:ff9b::808:808",
	};
	const char *what = NULL;
	struct sockaddr_in a;
	(void)state;

	for (size_t i = 0; i < sizeof(refused4) / sizeof(*refused4); i++)
		assert_true(v4_private(refused4[i]));
	for (size_t i = 0; i < sizeof(allowed4) / sizeof(*allowed4); i++)
		assert_false(v4_private(allowed4[i]));
	for (size_t i = 0; i < sizeof(refused6) / sizeof(*refused6); i++)
		assert_true(v6_private(refused6[i]));
	for (size_t i = 0; i < sizeof(allowed6) / sizeof(*allowed6); i++)
		assert_false(v6_private(allowed6[i]));

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	assert_true(fetch_address_is_private(&a, &what));
	assert_string_equal(what, "a loopback address");
}

/* ---- offline chains through the built-in rules ------------------------------- */

static void test_offline_chain(void **state)
{
	struct rules *rules = NULL;
	struct buf err = BUF_INIT;
	struct fetch_config fc;
	struct resolution res;
	(void)state;

	assert_int_equal(rules_load(&rules, NULL, &err), PT_OK);
	fetch_config_init(&fc);
	fc.offline = 1;

	/* nested wrappers, credentials dropped, tracking removed */
	assert_int_equal(resolve_url(&fc, rules,
		"https://bob:pw@www.google.com/url?q=https%3A%2F%2Fl.facebook.com%2Fl.php%3Fu%3D"
		"https%253A%252F%252Fwww.newsweek.com%252Fa%253Futm_source%253Dx%26h%3DAT0&sa=D",
		&res), PT_OK);
	assert_int_equal(res.nhops, 3);
	assert_true(res.had_credentials);
	assert_null(strstr(res.input, "pw"));
	assert_string_equal(res.hops[0].via, "start");
	assert_string_equal(res.hops[1].via, "unwrap");
	assert_string_equal(res.hops[2].via, "unwrap");
	assert_int_equal(res.hops[2].status, 0);
	assert_string_equal(res.final, "https://www.newsweek.com/a?utm_source=x");
	assert_string_equal(res.clean, "https://www.newsweek.com/a");
	assert_null(res.error_code);
	resolution_release(&res);

	/* a shortener needs the network */
	assert_int_equal(resolve_url(&fc, rules, "https://ift.tt/2TsCG02", &res),
			 PT_NOT_FOUND);
	assert_string_equal(res.error_code, "needs-network");
	assert_string_equal(res.final, "https://ift.tt/2TsCG02");
	assert_false(res.requested);
	resolution_release(&res);

	/* a wall with its target in the URL is passed ... */
	assert_int_equal(resolve_url(&fc, rules,
		"https://consent.google.com/m?continue=https://www.example.org/story&gl=DE",
		&res), PT_OK);
	assert_string_equal(res.final, "https://www.example.org/story");
	resolution_release(&res);

	/* ... one without is never the end */
	assert_int_equal(resolve_url(&fc, rules,
		"https://m.facebook.com/unsupportedbrowser", &res), PT_NOT_FOUND);
	assert_string_equal(res.error_code, "wall");
	assert_null(res.final);
	assert_non_null(res.wall);
	resolution_release(&res);

	/* bad input */
	assert_int_equal(resolve_url(&fc, rules, "htp://x", &res), PT_BAD_INPUT);
	assert_string_equal(res.error_code, "bad-url");
	assert_string_equal(res.error_message, "'htp://x' is not an http or https URL");
	assert_int_equal(res.nhops, 0);
	resolution_release(&res);
	assert_int_equal(resolve_url(&fc, rules, "ftp://carol:secret@files.example/x", &res),
			 PT_BAD_INPUT);
	assert_null(strstr(res.error_message, "secret"));
	assert_null(strstr(res.input, "secret"));
	resolution_release(&res);

	/* --max-hops counts the hops after the start */
	fc.max_hops = 1;
	assert_int_equal(resolve_url(&fc, rules,
		"https://www.google.com/url?q=https%3A%2F%2Fwww.google.com%2Furl%3Fq%3Dhttps%253A%252F%252Fa.example%252F",
		&res), PT_NOT_FOUND);
	assert_string_equal(res.error_code, "too-many-hops");
	resolution_release(&res);

	rules_free(rules);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_refresh),
		cmocka_unit_test(test_meta_spellings),
		cmocka_unit_test(test_meta_in_noscript),
		cmocka_unit_test(test_meta_not_a_redirect),
		cmocka_unit_test(test_no_base_url),
		cmocka_unit_test(test_noscript_doctype),
		cmocka_unit_test(test_js_forms),
		cmocka_unit_test(test_js_not_a_redirect),
		cmocka_unit_test(test_private_addresses),
		cmocka_unit_test(test_offline_chain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
