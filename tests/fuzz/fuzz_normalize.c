/*
 * fuzz_normalize.c - libFuzzer target: normalize_text() and every
 * fingerprint of the result (fp_compute(), fp_shingles()), with the
 * token invariants checked: token ranges inside the normalised text and
 * the source, in order.  Built and run by tests/fuzz/run.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../../trace/fingerprint.h"
#include "../../trace/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct norm_text n;
	struct fingerprint fp;
	size_t count = 0, start, end;

	(void)normalize_looks_like_text((const char *)data, size);
	norm_text_init(&n);
	fingerprint_init(&fp);
	if (normalize_text((const char *)data, size, &n) == PT_OK) {
		for (size_t i = 0; i < n.ntokens; i++) {
			const struct norm_token *t = &n.tokens[i];

			if (t->start >= t->end || t->end > n.text.len ||
			    t->src_start > t->src_end || t->src_end > size ||
			    (i && t->start < n.tokens[i - 1].end))
				__builtin_trap();
		}
		if (n.ntokens) {
			norm_token_span(&n, 0, n.ntokens, &start, &end);
			if (start > end || end > size)
				__builtin_trap();
		}
		fp_compute(&n, &fp);
		free(fp_shingles(&n, &count));
	}
	fingerprint_release(&fp);
	norm_text_release(&n);
	return 0;
}
