/*
 * compare.h - how much of one text is in another, and which passages:
 * the answer to "is it the same text?" between a repost and its origin.
 *
 * Both texts are normalised (normalize.h) and fingerprinted (fingerprint.h).
 * compare_texts() then measures:
 *
 *   - jaccard, a_in_b = |A∩B|/|A| and b_in_a = |A∩B|/|B| over the exact sets
 *     of word FP_SHINGLE-shingles (not MinHash estimates);
 *   - the SimHash Hamming distance;
 *   - aligned passages.  Seeds are the winnowed word 5-grams the texts
 *     share (every shared run of 8 words or more has one), each checked
 *     token by token and extended both ways as far as the words agree.
 *     Overlapping matches are resolved longest first, so every word is in at
 *     most one passage on each side.  Matches in the same order on both
 *     sides are merged across gaps of at most CMP_GAP words on each side
 *     whose lengths differ by at most CMP_GAP_SKEW words: a synonym, a
 *     dropped "that", a corrected figure stay inside one passage, while an
 *     inserted paragraph splits it.  Passages shorter than CMP_MIN_PASSAGE
 *     words on both sides are dropped (chance phrases: "according to the
 *     Syrian Observatory for Human Rights" alone is no copy);
 *   - coverage_a, coverage_b: the fraction of each text's words inside
 *     shared passages, and the parts of each text outside every passage
 *     (only_a: what A added or B cut; only_b: the reverse).
 *
 * All offsets reported are byte offsets into the source texts given to
 * normalize_text() (the extracted texts).
 *
 * Verdicts, the first rule that holds (ca, cb = coverage of A and B; ua, ub
 * = words of A and B outside passages).  Coverage rather than shingle
 * containment decides, because merged passages absorb light edits (5% of
 * the words replaced leaves coverage near 1 while word-5-shingle
 * containment falls to about 0.75), while a half-and-half mashup keeps
 * coverage near 0.5:
 *
 *   identical       the normalised texts are equal (same SHA-256)
 *   a-contains-b    cb >= 0.98 and A has words of its own: ua >= 3 and
 *                   ua >= 2 ub (a repost with an injected header or
 *                   footer); or cb >= 0.8 and (ca < 0.8 or cb - ca >= 0.1)
 *   b-contains-a    the same with A and B swapped (an excerpt is contained
 *                   in its origin)
 *   near-duplicate  ca >= 0.8 and cb >= 0.8 (light edits both ways)
 *   partial-reuse   a shared passage and max(ca, cb) >= 0.05
 *   unrelated       otherwise
 */
#ifndef PT_COMPARE_H
#define PT_COMPARE_H

#include <stddef.h>

#include "fingerprint.h"
#include "normalize.h"

#define CMP_GAP             8
#define CMP_GAP_SKEW        3
#define CMP_MIN_PASSAGE     8
/* A k-gram seen more often than this in B seeds nothing (boilerplate). */
#define CMP_MAX_SEED_REPEAT 32

enum cmp_verdict {
	CMP_IDENTICAL,
	CMP_NEAR_DUPLICATE,
	CMP_A_CONTAINS_B,
	CMP_B_CONTAINS_A,
	CMP_PARTIAL_REUSE,
	CMP_UNRELATED
};

struct cmp_passage {
	size_t a_start, a_end;          /* bytes of A's source */
	size_t b_start, b_end;          /* bytes of B's source */
	size_t a_tok, a_ntok;           /* first token and count in A */
	size_t b_tok, b_ntok;
};

struct cmp_span {
	size_t start, end;              /* bytes of the source */
	size_t tok, ntok;
};

struct comparison {
	enum cmp_verdict verdict;
	double jaccard, a_in_b, b_in_a;
	int simhash_distance;
	double coverage_a, coverage_b;
	struct cmp_passage *shared;     /* in A's order */
	size_t nshared;
	struct cmp_span *only_a, *only_b;
	size_t nonly_a, nonly_b;
};

void comparison_init(struct comparison *c);
void comparison_release(struct comparison *c);

/* Compare A and B (normalised texts and their fingerprints) into *out,
 * which must be initialised; old contents are released. */
void compare_texts(const struct norm_text *a, const struct fingerprint *fa,
		   const struct norm_text *b, const struct fingerprint *fb,
		   struct comparison *out);

/* "identical", "near-duplicate", ... */
const char *compare_verdict_name(enum cmp_verdict v);

#endif
