/*
 * fuzz_compare.c - libFuzzer target: compare_texts() on two texts.
 *
 * The input is A and B separated by the first NUL byte (seeds are built
 * that way by run.sh), or, without one, its two halves.  Both are
 * normalised and fingerprinted, compared, and every reported range checked
 * against the sources.  Built and run by tests/fuzz/run.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../trace/compare.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *a = (const char *)data, *b;
	const char *nul = memchr(data, 0, size);
	size_t alen, blen;
	struct norm_text na, nb;
	struct fingerprint fa, fb;
	struct comparison c;

	if (nul) {
		alen = (size_t)(nul - a);
		b = nul + 1;
		blen = size - alen - 1;
	} else {
		alen = size / 2;
		b = a + alen;
		blen = size - alen;
	}
	norm_text_init(&na);
	norm_text_init(&nb);
	fingerprint_init(&fa);
	fingerprint_init(&fb);
	comparison_init(&c);
	if (normalize_text(a, alen, &na) == PT_OK &&
	    normalize_text(b, blen, &nb) == PT_OK) {
		fp_compute(&na, &fa);
		fp_compute(&nb, &fb);
		compare_texts(&na, &fa, &nb, &fb, &c);
		for (size_t i = 0; i < c.nshared; i++) {
			const struct cmp_passage *p = &c.shared[i];

			if (p->a_start > p->a_end || p->a_end > alen ||
			    p->b_start > p->b_end || p->b_end > blen ||
			    p->a_tok + p->a_ntok > na.ntokens ||
			    p->b_tok + p->b_ntok > nb.ntokens)
				__builtin_trap();
		}
		for (size_t i = 0; i < c.nonly_a; i++)
			if (c.only_a[i].start > c.only_a[i].end ||
			    c.only_a[i].end > alen)
				__builtin_trap();
		for (size_t i = 0; i < c.nonly_b; i++)
			if (c.only_b[i].start > c.only_b[i].end ||
			    c.only_b[i].end > blen)
				__builtin_trap();
		if (c.coverage_a < 0 || c.coverage_a > 1.0000001 ||
		    c.coverage_b < 0 || c.coverage_b > 1.0000001)
			__builtin_trap();
		(void)compare_verdict_name(c.verdict);
	}
	comparison_release(&c);
	fingerprint_release(&fa);
	fingerprint_release(&fb);
	norm_text_release(&na);
	norm_text_release(&nb);
	return 0;
}
