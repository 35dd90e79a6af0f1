/*
 * fingerprint.h - content fingerprints of a normalised text (normalize.h):
 * an exact one, two for similarity, one for passages.
 *
 *   SHA-256 of the normalised text (OpenSSL EVP): equal only for texts that
 *     differ in nothing but typography, case and white space.
 *   SimHash, 64 bits (Charikar 2002; Manku et al. 2007), over word
 *     FP_SHINGLE-shingles hashed with XXH3: a cheap secondary signal;
 *     near-duplicates are within Hamming distance 3, light edits move it
 *     by 9-21 bits (FACTS.md), so it never decides a verdict alone.
 *   MinHash, FP_MINHASH_N 32-bit values over the same shingles: estimates
 *     the Jaccard similarity of two shingle sets and feeds the LSH index.
 *   Winnowing (Schleimer, Wilkerson, Aiken 2003): hashes of word
 *     FP_WINNOW_K-grams, the minimum of every window of FP_WINNOW_W kept
 *     (rightmost on ties), with the token position where the k-gram starts.
 *
 * Parameters (from FACTS.md):
 *   FP_SHINGLE = 3 words.  Light edits hurt long shingles: replacing 5% of
 *     the words drops word-5-shingle containment to about 0.75, but 3-word
 *     shingles keep about 0.86, so containment still tells an edited copy
 *     from a half-and-half mashup (about 0.5).
 *   FP_MINHASH_N = 128 values (FACTS.md: 128-256 permutations).
 *   LSH: FP_LSH_BANDS = 64 bands of FP_LSH_ROWS = 2 values.  The S-curve
 *     P(candidate) = 1 - (1 - J^2)^64 crosses 1/2 near J = 0.10 and its
 *     threshold (1/b)^(1/r) is 0.125: J = 0.3 (a 30% excerpt of an
 *     article) is found with probability 0.998, J = 0.05 with 0.15, J = 0.02
 *     with 0.025.  A low threshold because match looks for containment,
 *     not Jaccard: an excerpt has a small Jaccard with its origin.  The
 *     candidates are ranked by bands shared and verified, so the extra
 *     candidates cost little.
 *   Winnowing: word 5-grams (FACTS.md: passage tools use word 3-5-grams),
 *     window w = 4: every shared run of at least w + k - 1 = 8 words is
 *     found, density 2/(w+1) = 0.4 fingerprints per word.
 *
 * Speed (all linear in the text; values fixed by the unit tests): shingle
 * and k-gram hashes are XXH3 of the k token hashes, inlined (fp_hash.h);
 * the distinct shingles come from an MSD radix sort; SimHash counts bits
 * with bit-sliced counters; the 128 MinHash values of a shingle are
 * computed 16 (AVX-512) or 8 (AVX2) at a time where the CPU has them, with
 * a plain C version otherwise (PROVTRACE_SIMD=none or avx2 in the
 * environment caps the choice, for tests); winnowing keeps the window
 * minimum in a monotone deque.
 */
#ifndef PT_FINGERPRINT_H
#define PT_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "extract.h"
#include "normalize.h"

#define FP_SHINGLE      3
#define FP_MINHASH_N    128
#define FP_LSH_BANDS    64
#define FP_LSH_ROWS     2
#define FP_WINNOW_K     5
#define FP_WINNOW_W     4
/* Shared runs at least this long (in words) are always found. */
#define FP_WINNOW_GUARANTEE (FP_WINNOW_W + FP_WINNOW_K - 1)

struct fp_winnow {
	uint64_t hash;      /* hash of the k-gram */
	uint32_t pos;       /* index of its first token */
};

struct fingerprint {
	char sha256[65];                /* hex, of the normalised text */
	uint64_t simhash;
	uint32_t minhash[FP_MINHASH_N];
	size_t chars;                   /* code points of the normalised text */
	size_t tokens;                  /* word tokens */
	size_t shingles;                /* distinct word shingles */
	struct fp_winnow *winnow;       /* in token order; owned */
	size_t nwinnow;
};

void fingerprint_init(struct fingerprint *fp);
void fingerprint_release(struct fingerprint *fp);

/* All fingerprints of n into *fp (initialised; old contents released). */
void fp_compute(const struct norm_text *n, struct fingerprint *fp);

/* SHA-256 of len bytes as 64 hex digits and a NUL in out. */
void fp_sha256_hex(const void *data, size_t len, char out[65]);

/*
 * The distinct word-shingle hashes of n (k = FP_SHINGLE words; a text of
 * fewer words is one shingle), sorted ascending.  Returns an array the
 * caller frees with free() (NULL when n has no tokens), count in *count.
 */
uint64_t *fp_shingles(const struct norm_text *n, size_t *count);

/* Hash of tokens [i, i + k) of n: the shingle / k-gram hash. */
uint64_t fp_gram_hash(const struct norm_text *n, size_t i, size_t k);

uint64_t fp_simhash(const uint64_t *shingles, size_t n);
void fp_minhash(const uint64_t *shingles, size_t n, uint32_t out[FP_MINHASH_N]);

/* Winnowed k-gram fingerprints of n; *out is an array the caller frees
 * with free(), count in *count. */
void fp_winnow(const struct norm_text *n, size_t k, size_t w,
	       struct fp_winnow **out, size_t *count);

/* The FP_LSH_BANDS band hashes of a MinHash signature. */
void fp_lsh_bands(const uint32_t minhash[FP_MINHASH_N],
		  int64_t out[FP_LSH_BANDS]);

/* MinHash estimate of the Jaccard similarity of two signatures. */
double fp_minhash_jaccard(const uint32_t *a, const uint32_t *b);

/* Hamming distance of two SimHashes (0..64). */
int fp_simhash_distance(uint64_t a, uint64_t b);

/* Jaccard and containments of two sorted distinct hash sets; any output
 * pointer may be NULL.  Empty sets give 0. */
void fp_set_similarity(const uint64_t *a, size_t na, const uint64_t *b,
		       size_t nb, double *jaccard, double *a_in_b,
		       double *b_in_a);

/* ---- a document with its fingerprints (fingerprint_doc.c) ---------- */

struct fetch_config;
struct rules;
struct store;

/*
 * What fingerprint, compare and match work on: an input extracted
 * (extract.h), its text normalised and fingerprinted, and the key of its
 * document node in the store (the final URL, the absolute path of a file,
 * or "sha256:<normalised text SHA-256>" for standard input).
 */
struct fp_document {
	struct document doc;
	struct norm_text norm;
	struct fingerprint fp;
	char *key;                      /* owned */
	int64_t node_id;                /* 0 until stored or found */
};

void fp_document_init(struct fp_document *d);
/* Frees everything d holds; d can be released again, or initialised. */
void fp_document_release(struct fp_document *d);

/*
 * Extract input and fingerprint its text.  Returns PT_OK, or an error with a
 * one-line message in err: what extract_input() returns, or PT_BAD_INPUT
 * when the text is empty, has no words or looks like binary data.
 */
enum pt_result fp_document_load(struct fp_document *d, const char *input,
				const struct fetch_config *fc,
				const struct rules *r, struct buf *err);

/*
 * Normalise and fingerprint d->doc, already extracted from input (the
 * second half of fp_document_load(), for callers that extract themselves).
 */
enum pt_result fp_document_prepare(struct fp_document *d, const char *input,
				   struct buf *err);

/* Store d with its fingerprints and LSH bands (inside the caller's
 * transaction); sets d->node_id.  PT_OK or PT_STORE. */
enum pt_result fp_document_store(struct store *s, struct fp_document *d);

#endif
