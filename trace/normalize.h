/*
 * normalize.h - the canonical form of a text that fingerprints and
 * comparisons are computed on, with a way back to the text a person reads.
 *
 * Two copies of one article rarely agree byte for byte: one has curly
 * quotes, the other straight ones; one has "ﬁ" ligatures or full-width
 * digits, one has en dashes where the other has hyphens, one re-wrapped the
 * lines.  normalize_text() removes those differences:
 *
 *   - Unicode NFKC with case folding (utf8proc: COMPOSE | COMPAT |
 *     CASEFOLD | STABLE, default-ignorable code points such as soft hyphens
 *     and zero-width spaces dropped), one grapheme cluster at a time so that
 *     every output byte knows the source bytes it came from;
 *   - quotation marks folded to ' and ", dashes and minus signs to -;
 *   - every run of white space (and control characters) collapsed to one
 *     space, none at either end.
 *
 * The result keeps the text split into word tokens: maximal runs of
 * letters, digits and combining marks (Unicode categories L*, N*, M*), each
 * with its byte range in the normalised text and in the source (the source
 * bytes of the grapheme clusters it came from).  Offsets are bytes; the
 * source is the extracted text (doc.text), so a token's source range is
 * what compare reports.  No per-byte offset map is kept: tokens are found
 * while the text is normalised, so a 10 MB article costs its text and its
 * tokens, not eight more bytes of map per byte.
 *
 * Speed: ASCII that is not followed by a non-ASCII byte is its own
 * grapheme cluster and already NFKC, so it is folded (case, white space)
 * by a table, without utf8proc; only the other clusters go through
 * utf8proc_map(), and single-code-point clusters (an accented letter, a
 * curly quote) through a small cache of its results.
 *
 * Invalid UTF-8 in the source is treated as white space, never crashed on.
 */
#ifndef PT_NORMALIZE_H
#define PT_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "../src/util.h"

/* Largest source text normalised (token offsets are 32-bit). */
#define NORM_MAX_INPUT ((size_t)256 << 20)

struct norm_token {
	uint32_t start, end;            /* byte range in the normalised text */
	uint32_t src_start, src_end;    /* byte range in the source text */
	uint64_t hash;                  /* XXH3 of the token's normalised bytes */
};

struct norm_text {
	struct buf text;                /* normalised UTF-8 */
	struct norm_token *tokens;      /* owned */
	size_t ntokens;
	size_t chars;                   /* code points of text */
	size_t src_len;                 /* bytes of the source */
};

void norm_text_init(struct norm_text *n);
void norm_text_release(struct norm_text *n);

/*
 * Normalise src (len bytes of UTF-8, no NUL needed) into *out, which must be
 * initialised; its previous contents are released.  Returns PT_OK, or
 * PT_TOO_BIG when len exceeds NORM_MAX_INPUT or the normalised text would
 * pass 4 GiB (out is then left empty).
 */
enum pt_result normalize_text(const char *src, size_t len, struct norm_text *out);

/*
 * Whether src looks like text rather than binary data: no NUL bytes, and
 * under 5% of its code points invalid UTF-8, U+FFFD or control characters
 * other than white space.  Empty text counts as text.
 */
int normalize_looks_like_text(const char *src, size_t len);

/* Source byte range [*start, *end) covered by tokens [first, last). */
void norm_token_span(const struct norm_text *n, size_t first, size_t last,
		     size_t *start, size_t *end);

#endif
