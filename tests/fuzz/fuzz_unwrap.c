/*
 * fuzz_unwrap.c - libFuzzer target: link wrapper decoding.
 *
 * The input is a link.  It goes through unwrap_once() with the built-in
 * rules (repeatedly, as resolve does with nested wrappers, at most 8
 * times), through every decoder of unwrap_decode() by name whatever its
 * host, and through unwrap_clean().  When the input holds a newline, the
 * part before it is also tried as a decoder name ("param:a,b,...") on the
 * part after it.  Built and run by tests/fuzz/run.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../rules/rules.h"
#include "../../trace/unwrap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rules *R;

static void decode(const char *decoder, const char *url)
{
	char *out = NULL;
	struct buf why = BUF_INIT;
	enum unwrap_status st = unwrap_decode(decoder, url, &out, &why);

	if ((st == UNWRAP_OK) != (out != NULL))
		__builtin_trap();
	free(out);
	buf_release(&why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"gnews", "google-amp", "ampcache", "proofpoint-v1",
		"proofpoint-v2", "proofpoint-v3", "bing", "yahoo-ru", "query",
		"disqus", "param:u", "param:url,q,target", "param:a"
	};
	char *url, *nl, *cur;

	if (!R) {
		struct buf err = BUF_INIT;

		if (rules_load(&R, NULL, &err) != PT_OK)
			abort();
		buf_release(&err);
	}
	url = malloc(size + 1);
	if (!url)
		return 0;
	memcpy(url, data, size);
	url[size] = '\0';

	cur = strdup(url);
	for (int i = 0; cur && i < 8; i++) {
		char *out = NULL;
		const char *name = NULL;
		struct buf why = BUF_INIT;
		enum unwrap_status st = unwrap_once(R, cur, &out, &name, &why);

		buf_release(&why);
		if (st != UNWRAP_OK) {
			free(out);
			break;
		}
		if (!out || !name)
			__builtin_trap();
		free(cur);
		cur = out;
	}
	free(cur);

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		decode(names[i], url);
	free(unwrap_clean(R, url));

	nl = strchr(url, '\n');
	if (nl) {
		*nl = '\0';
		(void)unwrap_decoder_known(url);
		decode(url, nl + 1);
	}
	free(url);
	return 0;
}
