/*
 * fingerprint.c - SHA-256, SimHash, MinHash, LSH bands and winnowing.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <xxhash.h>

#include "fingerprint.h"

void fingerprint_init(struct fingerprint *fp)
{
	memset(fp, 0, sizeof(*fp));
}

void fingerprint_release(struct fingerprint *fp)
{
	free(fp->winnow);
	fingerprint_init(fp);
}

void fp_sha256_hex(const void *data, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (!EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) || mdlen != 32) {
		memset(out, '0', 64);
		out[64] = '\0';
		return;
	}
	for (unsigned int i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

/* ------------------------------------------------------------------ */
/* Shingles                                                            */
/* ------------------------------------------------------------------ */

#define MAX_GRAM 32

uint64_t fp_gram_hash(const struct norm_text *n, size_t i, size_t k)
{
	uint64_t h[MAX_GRAM];

	if (k > MAX_GRAM)
		k = MAX_GRAM;
	if (i + k > n->ntokens)
		k = i < n->ntokens ? n->ntokens - i : 0;
	for (size_t j = 0; j < k; j++)
		h[j] = n->tokens[i + j].hash;
	return XXH3_64bits(h, k * sizeof(uint64_t));
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

uint64_t *fp_shingles(const struct norm_text *n, size_t *count)
{
	size_t m, out = 0;
	uint64_t *v;

	*count = 0;
	if (!n->ntokens)
		return NULL;
	m = n->ntokens >= FP_SHINGLE ? n->ntokens - FP_SHINGLE + 1 : 1;
	v = xmalloc(m * sizeof(*v));
	for (size_t i = 0; i < m; i++)
		v[i] = fp_gram_hash(n, i, FP_SHINGLE);
	qsort(v, m, sizeof(*v), cmp_u64);
	for (size_t i = 0; i < m; i++)
		if (!out || v[i] != v[out - 1])
			v[out++] = v[i];
	*count = out;
	return v;
}

/* ------------------------------------------------------------------ */
/* SimHash and MinHash                                                 */
/* ------------------------------------------------------------------ */

uint64_t fp_simhash(const uint64_t *shingles, size_t n)
{
	long votes[64] = { 0 };
	uint64_t h = 0;

	/* Count the set bits (branch-free, so the compiler vectorises it);
	 * a bit is set when more than half the shingles have it. */
	for (size_t i = 0; i < n; i++)
		for (int b = 0; b < 64; b++)
			votes[b] += (long)((shingles[i] >> b) & 1);
	for (int b = 0; b < 64; b++)
		if (2 * votes[b] > (long)n)
			h |= (uint64_t)1 << b;
	return h;
}

/*
 * The MinHash permutations: multiply-shift hashing of the 64-bit shingle
 * hash, h_i(x) = (a_i x + b_i) >> 32 with odd a_i (Dietzfelbinger et al.),
 * a 2-universal family: one multiply per value, so 128 values cost little
 * more than hashing the shingle.  a_i and b_i come from SplitMix64 with a
 * fixed seed: they are part of every stored signature and must not change.
 */
static uint64_t mh_a[FP_MINHASH_N], mh_b[FP_MINHASH_N];

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void minhash_params(void)
{
	uint64_t seed = 0x70726f7674726163ULL;     /* "provtrac" */

	for (unsigned i = 0; i < FP_MINHASH_N; i++) {
		mh_b[i] = splitmix64(&seed);
		mh_a[i] = splitmix64(&seed) | 1;
	}
}

void fp_minhash(const uint64_t *shingles, size_t n, uint32_t out[FP_MINHASH_N])
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, minhash_params);
	for (unsigned i = 0; i < FP_MINHASH_N; i++)
		out[i] = UINT32_MAX;
	for (size_t s = 0; s < n; s++) {
		uint64_t h = shingles[s];

		for (unsigned i = 0; i < FP_MINHASH_N; i++) {
			uint32_t v = (uint32_t)((mh_a[i] * h + mh_b[i]) >> 32);

			out[i] = v < out[i] ? v : out[i];
		}
	}
}

double fp_minhash_jaccard(const uint32_t *a, const uint32_t *b)
{
	unsigned same = 0;

	for (unsigned i = 0; i < FP_MINHASH_N; i++)
		same += a[i] == b[i];
	return (double)same / FP_MINHASH_N;
}

void fp_lsh_bands(const uint32_t minhash[FP_MINHASH_N], int64_t out[FP_LSH_BANDS])
{
	for (unsigned b = 0; b < FP_LSH_BANDS; b++) {
		unsigned char bytes[FP_LSH_ROWS * 4];

		/* Little-endian bytes, so a store moves between machines. */
		for (unsigned r = 0; r < FP_LSH_ROWS; r++) {
			uint32_t v = minhash[b * FP_LSH_ROWS + r];

			bytes[4 * r] = (unsigned char)v;
			bytes[4 * r + 1] = (unsigned char)(v >> 8);
			bytes[4 * r + 2] = (unsigned char)(v >> 16);
			bytes[4 * r + 3] = (unsigned char)(v >> 24);
		}
		out[b] = (int64_t)XXH3_64bits_withSeed(bytes, sizeof(bytes), b);
	}
}

int fp_simhash_distance(uint64_t a, uint64_t b)
{
	return __builtin_popcountll(a ^ b);
}

void fp_set_similarity(const uint64_t *a, size_t na, const uint64_t *b,
		       size_t nb, double *jaccard, double *a_in_b,
		       double *b_in_a)
{
	size_t i = 0, j = 0, common = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			common++;
			i++;
			j++;
		}
	}
	if (jaccard)
		*jaccard = na + nb ? (double)common / (double)(na + nb - common) : 0;
	if (a_in_b)
		*a_in_b = na ? (double)common / (double)na : 0;
	if (b_in_a)
		*b_in_a = nb ? (double)common / (double)nb : 0;
}

/* ------------------------------------------------------------------ */
/* Winnowing                                                           */
/* ------------------------------------------------------------------ */

void fp_winnow(const struct norm_text *n, size_t k, size_t w,
	       struct fp_winnow **out, size_t *count)
{
	size_t ngrams, cap, nout = 0;
	uint64_t *h;
	struct fp_winnow *v;
	size_t last = (size_t)-1;

	*out = NULL;
	*count = 0;
	if (!n->ntokens || !k || !w)
		return;
	ngrams = n->ntokens >= k ? n->ntokens - k + 1 : 1;
	h = xmalloc(ngrams * sizeof(*h));
	for (size_t i = 0; i < ngrams; i++)
		h[i] = fp_gram_hash(n, i, k);
	cap = ngrams;
	v = xmalloc(cap * sizeof(*v));
	if (ngrams <= w) {
		/* Shorter than one window: the window is the whole text. */
		size_t m = 0;

		for (size_t i = 1; i < ngrams; i++)
			if (h[i] <= h[m])
				m = i;
		v[nout].hash = h[m];
		v[nout++].pos = (uint32_t)m;
	} else {
		for (size_t s = 0; s + w <= ngrams; s++) {
			size_t m = s;

			/* Rightmost minimum: robust winnowing, so a run of
			 * equal hashes does not yield one per window. */
			for (size_t i = s + 1; i < s + w; i++)
				if (h[i] <= h[m])
					m = i;
			if (m != last) {
				v[nout].hash = h[m];
				v[nout++].pos = (uint32_t)m;
				last = m;
			}
		}
	}
	free(h);
	*out = v;
	*count = nout;
}

/* ------------------------------------------------------------------ */
/* All of them                                                         */
/* ------------------------------------------------------------------ */

void fp_compute(const struct norm_text *n, struct fingerprint *fp)
{
	uint64_t *sh;
	size_t nsh, chars = 0;

	fingerprint_release(fp);
	fp_sha256_hex(n->text.s, n->text.len, fp->sha256);
	for (size_t i = 0; i < n->text.len; i++)
		chars += ((unsigned char)n->text.s[i] & 0xC0) != 0x80;
	fp->chars = chars;
	fp->tokens = n->ntokens;
	sh = fp_shingles(n, &nsh);
	fp->shingles = nsh;
	fp->simhash = fp_simhash(sh, nsh);
	fp_minhash(sh, nsh, fp->minhash);
	free(sh);
	fp_winnow(n, FP_WINNOW_K, FP_WINNOW_W, &fp->winnow, &fp->nwinnow);
}
