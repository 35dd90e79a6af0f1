/*
 * test_url.c - URL helpers: normalisation, resolution, parameters, sites.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "url.h"

static void expect_normal(const char *in, const char *want, int creds)
{
	char *out = NULL;
	int had = -1;
	struct buf err = BUF_INIT;

	assert_int_equal(url_normalize(in, &out, &had, &err), PT_OK);
	assert_string_equal(out, want);
	assert_int_equal(had, creds);
	free(out);
	buf_release(&err);
}

static void expect_bad(const char *in, const char *msg)
{
	char *out = NULL;
	struct buf err = BUF_INIT;

	assert_int_equal(url_normalize(in, &out, NULL, &err), PT_BAD_INPUT);
	assert_null(out);
	assert_non_null(strstr(err.s, msg));
	buf_release(&err);
}

static void test_normalize(void **state)
{
	(void)state;
	expect_normal("HTTPS://Example.COM/a b?x=1", "https://example.com/a%20b?x=1", 0);
	expect_normal("http://user:secret@example.com/p", "http://example.com/p", 1);
	expect_bad("htp://x", "is not an http or https URL");
	expect_bad("ftp://example.com/file", "is not an http or https URL");
	expect_bad("file:///etc/passwd", "is not an http or https URL");
	expect_bad("not a url", "is not");
	expect_bad("", "is not a URL");
}

static void test_resolve(void **state)
{
	char *u;

	(void)state;
	u = url_resolve("https://a.example/x/y?q=1", "../z");
	assert_string_equal(u, "https://a.example/z");
	free(u);
	u = url_resolve("https://a.example/x/y", "//b.example/p");
	assert_string_equal(u, "https://b.example/p");
	free(u);
	u = url_resolve("https://a.example/x", "/caf%C3%A9?a=%2F");
	assert_string_equal(u, "https://a.example/caf%C3%A9?a=%2F");
	free(u);
	u = url_resolve("https://a.example/x", "ftp://c.example/f");
	assert_string_equal(u, "ftp://c.example/f");
	free(u);
}

static void test_params(void **state)
{
	char *v;

	(void)state;
	v = url_query_param("https://l.facebook.com/l.php?u=https%3A%2F%2Fx.example%2F%3Fa%3D1&h=AT0", "u");
	assert_string_equal(v, "https://x.example/?a=1");
	free(v);
	v = url_query_param("https://g.example/search?q=a+b", "q");
	assert_string_equal(v, "a b");
	free(v);
	assert_null(url_query_param("https://g.example/?qq=1", "q"));
	assert_null(url_query_param("https://g.example/", "q"));
}

static int drop_utm(const char *name, size_t len, void *ctx)
{
	(void)ctx;
	return len >= 4 && !strncmp(name, "utm_", 4);
}

static void test_remove_params(void **state)
{
	char *u;

	(void)state;
	u = url_remove_params("https://x.example/a?utm_source=f&id=3&utm_medium=m#frag",
			      drop_utm, NULL);
	assert_string_equal(u, "https://x.example/a?id=3#frag");
	free(u);
	u = url_remove_params("https://x.example/a?utm_source=f", drop_utm, NULL);
	assert_string_equal(u, "https://x.example/a");
	free(u);
}

static void test_site_and_host(void **state)
{
	char *s;

	(void)state;
	s = url_site("www.newsweek.com");
	assert_string_equal(s, "newsweek.com");
	free(s);
	s = url_site("abasalaka.blogspot.com");
	assert_string_equal(s, "abasalaka.blogspot.com");
	free(s);
	s = url_site("news.bbc.co.uk");
	assert_string_equal(s, "bbc.co.uk");
	free(s);
	assert_true(host_matches("l.facebook.com", "*.facebook.com"));
	assert_true(host_matches("facebook.com", "*.facebook.com"));
	assert_false(host_matches("notfacebook.com", "*.facebook.com"));
	assert_true(host_matches("IFT.TT", "ift.tt"));
	s = url_host("https://WWW.Example.com:8443/x");
	assert_string_equal(s, "www.example.com");
	free(s);
	assert_int_equal(url_port("https://x.example/"), 443);
	assert_int_equal(url_port("http://x.example:8080/"), 8080);
}

/* Fuzzing regression: libcurl reads a length of 0 as "up to the NUL", so an
 * empty value decoded the rest of the string, or read past the end of
 * bytes without a NUL (ASan: heap-buffer-overflow in strlen). */
static void test_unescape_empty(void **state)
{
	char bytes[3] = { '%', '4', '1' };     /* no NUL */
	size_t n = 99;
	char *v;

	(void)state;
	v = url_unescape("a%41&b=c", 0, 0, &n);
	assert_string_equal(v, "");
	assert_int_equal(n, 0);
	free(v);
	v = url_unescape(bytes, 0, 0, NULL);
	assert_string_equal(v, "");
	free(v);
	v = url_unescape(bytes, sizeof(bytes), 0, &n);
	assert_string_equal(v, "A");
	assert_int_equal(n, 1);
	free(v);
	v = url_query_param("https://g.example/?u=&x=https%3A%2F%2Fe.example", "u");
	assert_string_equal(v, "");
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_remove_params),
		cmocka_unit_test(test_site_and_host),
		cmocka_unit_test(test_unescape_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
