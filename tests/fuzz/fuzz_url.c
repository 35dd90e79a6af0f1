/*
 * fuzz_url.c - libFuzzer target: the URL helpers of src/url.h.
 *
 * The input is "BASE\nREF" (or one URL).  The first line goes through
 * url_normalize() and every accessor; REF is resolved against BASE and
 * the result read back; query parameters are looked up by fixed names and
 * by a name taken from the input; url_unescape() and url_remove_params()
 * see the raw bytes.  Built and run by tests/fuzz/run.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int drop_some(const char *name, size_t len, void *ctx)
{
	(void)ctx;
	return len > 0 && (name[0] == 'u' || name[len - 1] == 'd');
}

static void accessors(const char *u)
{
	char *host = url_host(u);

	free(url_scheme(u));
	free(url_path(u));
	free(url_query(u));
	(void)url_port(u);
	free(url_query_param(u, "u"));
	free(url_query_param(u, "url"));
	free(url_query_param_raw(u, "q"));
	free(url_remove_params(u, drop_some, NULL));
	if (host) {
		free(url_site(host));
		(void)host_matches(host, "*.example.com");
		(void)host_matches(host, host);
	}
	free(host);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *ref, *norm = NULL, *res, *eq;
	struct buf err = BUF_INIT;
	int creds = 0;
	size_t n;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	free(url_unescape((const char *)data, size, 1, &n));
	free(url_unescape((const char *)data, size, 0, NULL));

	ref = strchr(s, '\n');
	if (ref)
		*ref++ = '\0';
	if (url_normalize(s, &norm, &creds, &err) == PT_OK) {
		if (!norm)
			__builtin_trap();
		accessors(norm);
		free(norm);
	}
	buf_release(&err);
	accessors(s);
	if (ref) {
		res = url_resolve(s, ref);
		if (res) {
			accessors(res);
			free(res);
		}
		res = url_resolve("https://www.example.com/a/b?c=d#e", ref);
		free(res);
		/* A parameter name from the input: "name=..." on line two. */
		eq = strchr(ref, '=');
		if (eq) {
			*eq = '\0';
			free(url_query_param(s, ref));
			free(url_query_param_raw(s, ref));
		}
	}
	free(s);
	return 0;
}
