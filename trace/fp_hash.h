/*
 * fp_hash.h - XXH3-64 (seed 0, default secret) inlined for the short inputs
 * that normalisation and fingerprinting hash millions of: word tokens (a
 * few bytes) and word shingles and k-grams (3 or 5 token hashes, 24 or 40
 * bytes).  Private to trace/normalize.c and trace/fingerprint.c.
 *
 * XXH3_64bits() goes through a large function (the long-input path is
 * inlined into it) that the compiler will not inline; for these lengths the
 * work is a few multiplies, so the call cost as much as the hash.  The
 * functions here call xxHash's own short-input routines, exactly what
 * XXH3_64bits() calls for these lengths: the values are the same (the pinned
 * fingerprints in tests/unit/test_fingerprint.c and a test comparing with
 * the library for every length 0..200 check it).  Those routines are
 * internal to xxhash.h, so they are used only on the 0.8 series, whose XXH3
 * output is frozen; any other version gets the public call.
 */
#ifndef PT_FP_HASH_H
#define PT_FP_HASH_H

#include <stddef.h>
#include <stdint.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#if XXH_VERSION_MAJOR == 0 && XXH_VERSION_MINOR == 8
#define FP_HASH_INLINE 1
#endif

/* XXH3_64bits(p, len), len usually at most 16. */
static inline uint64_t fp_hash_short(const void *p, size_t len)
{
#ifdef FP_HASH_INLINE
	if (len <= 16)
		return XXH3_len_0to16_64b((const xxh_u8 *)p, len, XXH3_kSecret, 0);
#endif
	return XXH3_64bits(p, len);
}

/* XXH3_64bits(p, len), len usually 17..128. */
static inline uint64_t fp_hash_mid(const void *p, size_t len)
{
#ifdef FP_HASH_INLINE
	if (len > 16 && len <= 128)
		return XXH3_len_17to128_64b((const xxh_u8 *)p, len, XXH3_kSecret,
					    sizeof(XXH3_kSecret), 0);
#endif
	return XXH3_64bits(p, len);
}

#endif
