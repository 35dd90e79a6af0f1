/*
 * fuzz_redirect.c - libFuzzer target: client-side redirect detection of
 * trace/resolve.h.  The input is an interstitial page body for
 * resolve_html_redirect() (with and without a base URL), and, as a string,
 * a Refresh header value for resolve_parse_refresh().  Built and run by
 * tests/fuzz/run.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../trace/resolve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *out = NULL, *url = NULL, *s;
	double delay = 0;
	const char *via;

	via = resolve_html_redirect((const char *)data, size,
				    "https://wrap.example.net/r/x?id=1", &out);
	if ((via != NULL) != (out != NULL))
		__builtin_trap();
	free(out);
	out = NULL;
	via = resolve_html_redirect((const char *)data, size, NULL, &out);
	free(out);

	if (size > 4096)
		return 0;
	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (resolve_parse_refresh(s, &delay, &url) != 0 && url)
		__builtin_trap();
	free(url);
	free(s);
	return 0;
}
