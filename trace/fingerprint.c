/*
 * fingerprint.c - SHA-256, SimHash, MinHash, LSH bands and winnowing.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "fingerprint.h"
#include "fp_hash.h"

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

/* XXH3 of the k token hashes from i on, as 8-byte words in the machine's
 * order (what the stored values were computed with). */
static inline uint64_t gram_hash(const struct norm_token *t, size_t k)
{
	uint64_t h[MAX_GRAM];

	for (size_t j = 0; j < k; j++)
		h[j] = t[j].hash;
	return k * sizeof(uint64_t) <= 16 ? fp_hash_short(h, k * sizeof(uint64_t))
					  : fp_hash_mid(h, k * sizeof(uint64_t));
}

uint64_t fp_gram_hash(const struct norm_text *n, size_t i, size_t k)
{
	if (k > MAX_GRAM)
		k = MAX_GRAM;
	if (i + k > n->ntokens)
		k = i < n->ntokens ? n->ntokens - i : 0;
	return k ? gram_hash(n->tokens + i, k) : XXH3_64bits(NULL, 0);
}

static void insertion_sort_u64(uint64_t *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint64_t x = v[i];
		size_t j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* MSD radix sort of v by bits [0, shift) (the bits above are equal),
 * tmp as scratch: buckets of at most 8 bits, sized so that uniform values
 * leave about 8 per bucket, sorted again while they are large. */
static void msd_sort_u64(uint64_t *v, uint64_t *tmp, size_t n, unsigned shift)
{
	size_t cnt[257];
	unsigned bits = 1;

	if (n <= 32 || !shift) {
		insertion_sort_u64(v, n);
		return;
	}
	while (bits < 8 && ((size_t)16 << bits) < n)
		bits++;
	if (bits > shift)
		bits = shift;
	shift -= bits;
	memset(cnt, 0, sizeof(size_t) * (((size_t)1 << bits) + 1));
	for (size_t i = 0; i < n; i++)
		cnt[((v[i] >> shift) & (((uint64_t)1 << bits) - 1)) + 1]++;
	for (size_t k = 0; k < ((size_t)1 << bits); k++)
		cnt[k + 1] += cnt[k];
	for (size_t i = 0; i < n; i++)
		tmp[cnt[(v[i] >> shift) & (((uint64_t)1 << bits) - 1)]++] = v[i];
	memcpy(v, tmp, n * sizeof(*v));
	/* cnt[k] is now the end of bucket k. */
	for (size_t k = 0, from = 0; k < ((size_t)1 << bits); k++) {
		msd_sort_u64(v + from, tmp + from, cnt[k] - from, shift);
		from = cnt[k];
	}
}

/*
 * Sort 64-bit hashes ascending: MSD radix sort on the top bits, then
 * insertion sort of the small buckets.  The hashes are uniform (XXH3), so
 * each level divides the work by up to 256 and a few levels do: O(n) with
 * the scattered writes going to at most 256 places at a time (cache
 * friendly), where qsort() was most of the time of a large fingerprint.
 */
static void sort_u64(uint64_t *v, size_t n)
{
	uint64_t *tmp;

	if (n <= 32) {
		insertion_sort_u64(v, n);
		return;
	}
	tmp = xmalloc(n * sizeof(*tmp));
	msd_sort_u64(v, tmp, n, 64);
	free(tmp);
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
	if (n->ntokens >= FP_SHINGLE)
		for (size_t i = 0; i < m; i++)
			v[i] = gram_hash(n->tokens + i, FP_SHINGLE);
	else
		v[0] = gram_hash(n->tokens, n->ntokens);
	sort_u64(v, m);
	for (size_t i = 0; i < m; i++)
		if (!out || v[i] != v[out - 1])
			v[out++] = v[i];
	*count = out;
	return v;
}

/* ------------------------------------------------------------------ */
/* SimHash and MinHash                                                 */
/* ------------------------------------------------------------------ */

/*
 * A bit is set when more than half the shingles have it.  The 64 counts are
 * kept bit-sliced: plane j holds bit j of every column's count, so adding a
 * hash is a ripple of an AND and an XOR per plane instead of 64 additions; the planes are emptied into the counts every
 * 255 hashes, before they can overflow.
 */
#define SIM_PLANES 8

uint64_t fp_simhash(const uint64_t *shingles, size_t n)
{
	uint64_t votes[64] = { 0 };
	uint64_t plane[SIM_PLANES] = { 0 };
	uint64_t h = 0;
	size_t i = 0;

	while (i < n) {
		size_t end = n - i > 255 ? i + 255 : n;

		for (; i < end; i++) {
			uint64_t carry = shingles[i];

			/* No early exit: a branch on the carry mispredicts
			 * more often than the ripple costs. */
			for (unsigned j = 0; j < SIM_PLANES; j++) {
				uint64_t t = plane[j] & carry;

				plane[j] ^= carry;
				carry = t;
			}
		}
		for (unsigned j = 0; j < SIM_PLANES; j++) {
			for (unsigned b = 0; b < 64; b++)
				votes[b] += ((plane[j] >> b) & 1) << j;
			plane[j] = 0;
		}
	}
	for (unsigned b = 0; b < 64; b++)
		if (2 * votes[b] > (uint64_t)n)
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

static void minhash_scalar(const uint64_t *shingles, size_t n,
			   uint32_t out[FP_MINHASH_N])
{
	for (size_t s = 0; s < n; s++) {
		uint64_t h = shingles[s];

		for (unsigned i = 0; i < FP_MINHASH_N; i++) {
			uint32_t v = (uint32_t)((mh_a[i] * h + mh_b[i]) >> 32);

			out[i] = v < out[i] ? v : out[i];
		}
	}
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(PT_NO_SIMD)
#include <immintrin.h>
#define HAVE_MINHASH_SIMD 1

/*
 * The same values, 8 at a time (AVX2) or 16 (AVX-512).  Without a 64-bit
 * multiply, bits 32..63 of a*h + b come from 32x32->64 products:
 *   a*h mod 2^64 = lo(a)lo(h) + 2^32 (hi(a)lo(h) + lo(a)hi(h))
 * so (a*h + b) >> 32 mod 2^32 = ((lo(a)lo(h) + b) >> 32) + hi(a)lo(h)
 * + lo(a)hi(h), all mod 2^32: exact, not an approximation.
 */
static uint64_t mh_ahi[FP_MINHASH_N];

__attribute__((target("avx2")))
static void minhash_avx2(const uint64_t *shingles, size_t n,
			 uint32_t out[FP_MINHASH_N])
{
	/* Running minima with values 8g+j in 32-bit lane 2j (j < 4) and
	 * 8g+4+j in lane 2j+1 of m[g]. */
	__m256i m[FP_MINHASH_N / 8];

	for (unsigned g = 0; g < FP_MINHASH_N / 8; g++)
		m[g] = _mm256_set1_epi32(-1);
	for (size_t s = 0; s < n; s++) {
		__m256i hlo = _mm256_set1_epi64x((long long)(shingles[s] & 0xffffffffu));
		__m256i hhi = _mm256_set1_epi64x((long long)(shingles[s] >> 32));

		for (unsigned g = 0; g < FP_MINHASH_N / 8; g++) {
			__m256i v[2];

			for (unsigned q = 0; q < 2; q++) {
				unsigned i = 8 * g + 4 * q;
				__m256i a = _mm256_loadu_si256((const __m256i *)&mh_a[i]);
				__m256i ah = _mm256_loadu_si256((const __m256i *)&mh_ahi[i]);
				__m256i b = _mm256_loadu_si256((const __m256i *)&mh_b[i]);
				__m256i p = _mm256_add_epi64(_mm256_mul_epu32(a, hlo), b);
				__m256i c = _mm256_add_epi64(_mm256_mul_epu32(ah, hlo),
							     _mm256_mul_epu32(a, hhi));

				v[q] = _mm256_add_epi64(_mm256_srli_epi64(p, 32), c);
			}
			m[g] = _mm256_min_epu32(m[g], _mm256_blend_epi32(v[0],
				_mm256_slli_epi64(v[1], 32), 0xAA));
		}
	}
	for (unsigned g = 0; g < FP_MINHASH_N / 8; g++) {
		uint32_t lane[8];

		_mm256_storeu_si256((__m256i *)lane, m[g]);
		for (unsigned j = 0; j < 4; j++) {
			uint32_t x = lane[2 * j], y = lane[2 * j + 1];

			out[8 * g + j] = x < out[8 * g + j] ? x : out[8 * g + j];
			out[8 * g + 4 + j] = y < out[8 * g + 4 + j] ? y : out[8 * g + 4 + j];
		}
	}
}

__attribute__((target("avx512f")))
static void minhash_avx512(const uint64_t *shingles, size_t n,
			   uint32_t out[FP_MINHASH_N])
{
	/* m[g] holds values 8g..8g+7 in order. */
	__m256i m[FP_MINHASH_N / 8];

	for (unsigned g = 0; g < FP_MINHASH_N / 8; g++)
		m[g] = _mm256_set1_epi32(-1);
	for (size_t s = 0; s < n; s++) {
		__m512i hlo = _mm512_set1_epi64((long long)(shingles[s] & 0xffffffffu));
		__m512i hhi = _mm512_set1_epi64((long long)(shingles[s] >> 32));

		for (unsigned g = 0; g < FP_MINHASH_N / 8; g++) {
			__m512i a = _mm512_loadu_si512((const void *)&mh_a[8 * g]);
			__m512i ah = _mm512_loadu_si512((const void *)&mh_ahi[8 * g]);
			__m512i b = _mm512_loadu_si512((const void *)&mh_b[8 * g]);
			__m512i p = _mm512_add_epi64(_mm512_mul_epu32(a, hlo), b);
			__m512i c = _mm512_add_epi64(_mm512_mul_epu32(ah, hlo),
						     _mm512_mul_epu32(a, hhi));
			__m512i v = _mm512_add_epi64(_mm512_srli_epi64(p, 32), c);

			m[g] = _mm256_min_epu32(m[g], _mm512_cvtepi64_epi32(v));
		}
	}
	for (unsigned g = 0; g < FP_MINHASH_N / 8; g++) {
		uint32_t lane[8];

		_mm256_storeu_si256((__m256i *)lane, m[g]);
		for (unsigned j = 0; j < 8; j++)
			out[8 * g + j] = lane[j] < out[8 * g + j] ? lane[j] : out[8 * g + j];
	}
}
#endif

typedef void minhash_fn(const uint64_t *, size_t, uint32_t *);
static minhash_fn *minhash_impl = minhash_scalar;

static void minhash_params(void)
{
	uint64_t seed = 0x70726f7674726163ULL;     /* "provtrac" */

	for (unsigned i = 0; i < FP_MINHASH_N; i++) {
		mh_b[i] = splitmix64(&seed);
		mh_a[i] = splitmix64(&seed) | 1;
	}
#ifdef HAVE_MINHASH_SIMD
	for (unsigned i = 0; i < FP_MINHASH_N; i++)
		mh_ahi[i] = mh_a[i] >> 32;
	{
		/* PROVTRACE_SIMD=none or avx2 caps the instruction set, so
		 * tests can check every version gives the same values. */
		const char *cap = getenv("PROVTRACE_SIMD");
		int none = cap && !strcmp(cap, "none");
		int avx2 = cap && !strcmp(cap, "avx2");

		__builtin_cpu_init();
		if (!none && !avx2 && __builtin_cpu_supports("avx512f"))
			minhash_impl = minhash_avx512;
		else if (!none && __builtin_cpu_supports("avx2"))
			minhash_impl = minhash_avx2;
	}
#endif
}

void fp_minhash(const uint64_t *shingles, size_t n, uint32_t out[FP_MINHASH_N])
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, minhash_params);
	for (unsigned i = 0; i < FP_MINHASH_N; i++)
		out[i] = UINT32_MAX;
	if (n)
		minhash_impl(shingles, n, out);
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
	size_t ngrams, cap, nout = 0, ring;
	struct fp_winnow *v, *dq;
	size_t head = 0, size = 0, last = (size_t)-1;

	*out = NULL;
	*count = 0;
	if (!n->ntokens || !k || !w)
		return;
	ngrams = n->ntokens >= k ? n->ntokens - k + 1 : 1;
	/* What fp_gram_hash() hashes: at most MAX_GRAM tokens, all of a
	 * text shorter than k. */
	if (k > MAX_GRAM)
		k = MAX_GRAM;
	if (n->ntokens < k)
		k = n->ntokens;
	if (ngrams <= w) {
		/* Shorter than one window: the window is the whole text. */
		size_t m = 0;
		uint64_t hm = gram_hash(n->tokens, k);

		for (size_t i = 1; i < ngrams; i++) {
			uint64_t h = gram_hash(n->tokens + i, k);

			if (h <= hm) {
				m = i;
				hm = h;
			}
		}
		v = xmalloc(sizeof(*v));
		v->hash = hm;
		v->pos = (uint32_t)m;
		*out = v;
		*count = 1;
		return;
	}
	/* About 2/(w+1) of the k-grams are kept on random text. */
	cap = 2 * ngrams / (w + 1) + 16;
	v = xmalloc(cap * sizeof(*v));
	/*
	 * The minimum of each window from a monotone deque (a ring of at
	 * least w + 1, a power of two): hashes strictly increasing from head
	 * to tail, so the head is the window's minimum, and a new k-gram pops
	 * every one that is not smaller, so the head is the rightmost of equal
	 * minima (robust winnowing: a run of equal hashes does not yield one
	 * per window).  O(ngrams) instead of O(ngrams w).
	 */
	for (ring = 2; ring < w + 1; ring *= 2)
		;
	dq = xmalloc(ring * sizeof(*dq));
	for (size_t i = 0; i < ngrams; i++) {
		uint64_t h = gram_hash(n->tokens + i, k);
		struct fp_winnow *e;

		while (size && dq[(head + size - 1) & (ring - 1)].hash >= h)
			size--;
		e = &dq[(head + size) & (ring - 1)];
		e->hash = h;
		e->pos = (uint32_t)i;
		size++;
		if (i + 1 < w)
			continue;
		while (dq[head].pos + w <= i) {
			head = (head + 1) & (ring - 1);
			size--;
		}
		if (dq[head].pos != last) {
			if (nout == cap)
				ARRAY_GROW(v, cap, nout + 1);
			v[nout++] = dq[head];
			last = dq[head].pos;
		}
	}
	free(dq);
	*out = v;
	*count = nout;
}

/* ------------------------------------------------------------------ */
/* All of them                                                         */
/* ------------------------------------------------------------------ */

void fp_compute(const struct norm_text *n, struct fingerprint *fp)
{
	uint64_t *sh;
	size_t nsh;

	fingerprint_release(fp);
	fp_sha256_hex(n->text.s, n->text.len, fp->sha256);
	fp->chars = n->chars;
	fp->tokens = n->ntokens;
	sh = fp_shingles(n, &nsh);
	fp->shingles = nsh;
	fp->simhash = fp_simhash(sh, nsh);
	fp_minhash(sh, nsh, fp->minhash);
	free(sh);
	fp_winnow(n, FP_WINNOW_K, FP_WINNOW_W, &fp->winnow, &fp->nwinnow);
}
