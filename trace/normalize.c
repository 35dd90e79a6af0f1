/*
 * normalize.c - NFKC + case folding, found word tokens with their source
 * ranges, in one pass.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "fp_hash.h"
#include "normalize.h"

#define NORM_FLAGS (UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | \
		    UTF8PROC_STABLE | UTF8PROC_IGNORE)

void norm_text_init(struct norm_text *n)
{
	memset(n, 0, sizeof(*n));
	buf_init(&n->text);
}

void norm_text_release(struct norm_text *n)
{
	buf_release(&n->text);
	free(n->tokens);
	norm_text_init(n);
}

/* ------------------------------------------------------------------ */
/* Character classes                                                   */
/* ------------------------------------------------------------------ */

enum { C_OTHER, C_SPACE, C_WORD, C_HIGH };

/* Bytes: ASCII controls and the space are white space, letters and digits
 * word characters (utf8proc agrees: Cc/Zs, Lu/Ll/Nd); C_HIGH starts or
 * continues a multi-byte sequence. */
#define S C_SPACE
#define W C_WORD
#define O C_OTHER
#define H C_HIGH
static const unsigned char byte_class[256] = {
	S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
	S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
	S, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
	W, W, W, W, W, W, W, W, W, W, O, O, O, O, O, O,
	O, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W,
	W, W, W, W, W, W, W, W, W, W, W, O, O, O, O, O,
	O, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W,
	W, W, W, W, W, W, W, W, W, W, W, O, O, O, O, S,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
};
#undef S
#undef W
#undef O
#undef H

static int is_space_cp(utf8proc_int32_t c)
{
	utf8proc_category_t cat;

	if (c < 0)
		return 1;
	cat = utf8proc_category(c);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
	       cat == UTF8PROC_CATEGORY_ZP || cat == UTF8PROC_CATEGORY_CC;
}

static int is_word_cp(utf8proc_int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return 1;
	default:
		return 0;
	}
}

/*
 * Chinese and Japanese are written without spaces: each ideograph or kana
 * is its own token, so shingles still work on them.
 */
static int is_cjk(utf8proc_int32_t c)
{
	return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x2FFFF);
}

/*
 * Typographic quotes and dashes that NFKC leaves alone: copies of one text
 * differ in them more than in anything else (a CMS "smartens" quotes, a
 * feed reader undoes it).
 */
static utf8proc_int32_t fold_punct(utf8proc_int32_t c)
{
	switch (c) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
	case 0x2035: case 0x00B4: case 0x02BC: case 0xFF07:
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
	case 0x2036: case 0x00AB: case 0x00BB: case 0x2039: case 0x203A:
	case 0x301D: case 0x301E: case 0xFF02:
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
	case 0x2E3A: case 0x2E3B:
		return '-';
	default:
		return c;
	}
}

/* ------------------------------------------------------------------ */
/* Building the normalised text and its tokens                         */
/* ------------------------------------------------------------------ */

/*
 * utf8proc_map() of one code point depends on that code point alone, and
 * the same few (accented letters, curly quotes, the ASCII letter before
 * them) recur all through a text: keep the last result per slot instead of
 * an allocation and a decomposition each time.
 */
#define CP_CACHE_SIZE 512
#define CP_CACHE_BYTES 11

struct cp_cache {
	int32_t key;                    /* code point + 1; 0: empty */
	int8_t len;                     /* utf8proc_map() result, < 0: error */
	unsigned char out[CP_CACHE_BYTES];
};

struct builder {
	struct norm_text *n;
	size_t tok_cap;
	int space_pending;              /* white space seen since the last output */
	int in_word;
	uint32_t word_start;            /* of the open word: normalised offset */
	uint32_t word_src_start, word_src_end;
	struct cp_cache *cache;         /* owned; allocated on first use */
};

static void add_token(struct builder *b, uint32_t start, uint32_t end,
		      uint32_t src_start, uint32_t src_end)
{
	struct norm_text *n = b->n;
	struct norm_token *t;

	if (n->ntokens == b->tok_cap) {
		b->tok_cap += b->tok_cap / 2 + 16;
		n->tokens = xrealloc(n->tokens, b->tok_cap * sizeof(*n->tokens));
	}
	t = &n->tokens[n->ntokens++];
	t->start = start;
	t->end = end;
	t->src_start = src_start;
	t->src_end = src_end;
	t->hash = fp_hash_short(n->text.s + start, end - start);
}

/* The open word ends where the text ends now. */
static void close_word(struct builder *b)
{
	if (b->in_word) {
		add_token(b, b->word_start, (uint32_t)b->n->text.len,
			  b->word_src_start, b->word_src_end);
		b->in_word = 0;
	}
}

static void space(struct builder *b)
{
	close_word(b);
	b->space_pending = 1;
}

/* Room for extra more bytes and the NUL; 0 when the text would outgrow
 * the 32-bit offsets. */
static int reserve(struct builder *b, size_t extra)
{
	struct buf *t = &b->n->text;

	if (t->len + extra + 1 > UINT32_MAX)
		return 0;
	if (t->len + extra + 1 > t->cap)
		buf_grow(t, extra + t->len / 4);
	return 1;
}

/* Emit code point c (not white space, already folded), encoded in enc,
 * which came from source [start, end).  The caller reserved the room. */
static void emit_cp(struct builder *b, utf8proc_int32_t c, const unsigned char *enc,
		    size_t elen, uint32_t start, uint32_t end)
{
	struct buf *t = &b->n->text;
	int w = c < 0x80 ? byte_class[c] == C_WORD : is_word_cp(c);

	if (b->space_pending) {
		if (t->len) {
			t->s[t->len++] = ' ';
			b->n->chars++;
		}
		b->space_pending = 0;
	}
	if (w && is_cjk(c)) {
		close_word(b);
		memcpy(t->s + t->len, enc, elen);
		t->len += elen;
		add_token(b, (uint32_t)(t->len - elen), (uint32_t)t->len, start, end);
	} else {
		if (w) {
			if (!b->in_word) {
				b->in_word = 1;
				b->word_start = (uint32_t)t->len;
				b->word_src_start = start;
			}
			b->word_src_end = end;
		} else {
			close_word(b);
		}
		memcpy(t->s + t->len, enc, elen);
		t->len += elen;
	}
	b->n->chars++;
}

/* Emit the code points of a normalised cluster (UTF-8 in s), which came
 * from source [start, end). */
static void emit_mapped(struct builder *b, const utf8proc_uint8_t *s,
			utf8proc_ssize_t len, uint32_t start, uint32_t end)
{
	utf8proc_ssize_t i = 0;

	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(s + i, len - i, &c);
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t elen;

		if (k <= 0)
			break;
		i += k;
		if (is_space_cp(c)) {
			space(b);
			continue;
		}
		c = fold_punct(c);
		elen = utf8proc_encode_char(c, enc);
		emit_cp(b, c, enc, (size_t)elen, start, end);
	}
}

/*
 * ASCII followed by ASCII is its own grapheme cluster and is already NFKC;
 * case folding is then plain lower-casing.  The usual English article goes
 * through this loop only, a word at a time: one table look-up and one
 * store per byte, the token added inline.  (An ASCII byte followed by a
 * non-ASCII one may start a cluster, "e" and a combining accent: it is left
 * to the caller.)  The output is never longer than the input but for a
 * space pending from before, so the caller reserves len - i + 1 bytes.
 * Returns where it stopped.
 */
static size_t ascii_run(struct builder *b, const unsigned char *s, size_t i,
			size_t len)
{
	struct norm_text *n = b->n;
	char *out = n->text.s;
	size_t o = n->text.len, chars = n->chars;

	while (i < len) {
		unsigned cls = byte_class[s[i]];

		if (cls == C_WORD) {
			size_t j = i + 1;

			while (j < len && byte_class[s[j]] == C_WORD)
				j++;
			if (j < len && s[j] >= 0x80)
				j--;
			if (j == i)
				break;
			if (b->space_pending) {
				if (o) {
					out[o++] = ' ';
					chars++;
				}
				b->space_pending = 0;
			}
			if (!b->in_word) {
				b->in_word = 1;
				b->word_start = (uint32_t)o;
				b->word_src_start = (uint32_t)i;
			}
			b->word_src_end = (uint32_t)j;
			chars += j - i;
			for (; i < j; i++) {
				unsigned char ch = s[i];

				out[o++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
			}
			continue;
		}
		if (cls == C_HIGH || (i + 1 < len && s[i + 1] >= 0x80))
			break;
		if (b->in_word) {
			/* The word ends here: add its token. */
			struct norm_token *t;

			if (n->ntokens == b->tok_cap) {
				b->tok_cap += b->tok_cap / 2 + 16;
				n->tokens = xrealloc(n->tokens, b->tok_cap * sizeof(*t));
			}
			t = &n->tokens[n->ntokens++];
			t->start = b->word_start;
			t->end = (uint32_t)o;
			t->src_start = b->word_src_start;
			t->src_end = b->word_src_end;
			t->hash = fp_hash_short(out + t->start, o - t->start);
			b->in_word = 0;
		}
		if (cls == C_SPACE) {
			b->space_pending = 1;
		} else {
			if (b->space_pending) {
				if (o) {
					out[o++] = ' ';
					chars++;
				}
				b->space_pending = 0;
			}
			out[o++] = (char)s[i];
			chars++;
		}
		i++;
	}
	n->text.len = o;
	n->chars = chars;
	return i;
}

/* One grapheme cluster of a single code point c, source [start, end):
 * through the cache.  0 when the text grew too large. */
static int map_single(struct builder *b, utf8proc_int32_t c,
		      const utf8proc_uint8_t *s, size_t start, size_t end)
{
	struct cp_cache *e;
	unsigned slot = ((uint32_t)c * 2654435761u) >> 23;   /* 9 bits */

	if (!b->cache)
		b->cache = xcalloc(CP_CACHE_SIZE, sizeof(*b->cache));
	e = &b->cache[slot % CP_CACHE_SIZE];
	if (e->key != c + 1) {
		utf8proc_uint8_t *dst = NULL;
		utf8proc_ssize_t dlen = utf8proc_map(s + start,
			(utf8proc_ssize_t)(end - start), &dst, NORM_FLAGS);

		if (dlen > CP_CACHE_BYTES) {
			/* Too long to keep (U+FDFA is 33 bytes): uncached. */
			int ok = reserve(b, (size_t)dlen + 1);

			if (ok)
				emit_mapped(b, dst, dlen, (uint32_t)start, (uint32_t)end);
			free(dst);
			return ok;
		}
		e->key = c + 1;
		e->len = (int8_t)(dlen < 0 ? -1 : dlen);
		if (dlen > 0)
			memcpy(e->out, dst, (size_t)dlen);
		free(dst);
	}
	if (e->len < 0) {
		space(b);
		return 1;
	}
	if (!reserve(b, (size_t)e->len + 1))
		return 0;
	emit_mapped(b, e->out, e->len, (uint32_t)start, (uint32_t)end);
	return 1;
}

enum pt_result normalize_text(const char *src, size_t len, struct norm_text *out)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)src;
	struct builder b;
	size_t i = 0;
	int ok = 1;

	norm_text_release(out);
	if (len > NORM_MAX_INPUT)
		return PT_TOO_BIG;
	memset(&b, 0, sizeof(b));
	b.n = out;
	out->src_len = len;
	/* Most text normalises to about its own length, and English words
	 * average five or six letters and a space. */
	buf_grow(&out->text, len + 1);
	b.tok_cap = len / 6 + 16;
	out->tokens = xmalloc(b.tok_cap * sizeof(*out->tokens));
	while (i < len && ok) {
		size_t start = i, end;
		utf8proc_int32_t c, prev;
		utf8proc_int32_t state = 0;
		utf8proc_ssize_t k;

		if (s[i] < 0x80 && (i + 1 == len || s[i + 1] < 0x80)) {
			if (!reserve(&b, len - i + 1)) {
				ok = 0;
				break;
			}
			i = ascii_run(&b, s, i, len);
			continue;
		}
		k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
		if (k <= 0) {
			/* Invalid UTF-8: one byte of white space. */
			space(&b);
			i++;
			continue;
		}
		end = i + (size_t)k;
		prev = c;
		while (end < len) {
			utf8proc_int32_t next;
			utf8proc_ssize_t nk = utf8proc_iterate(s + end,
				(utf8proc_ssize_t)(len - end), &next);

			if (nk <= 0 || utf8proc_grapheme_break_stateful(prev, next, &state))
				break;
			prev = next;
			end += (size_t)nk;
			if (end - start > 256)      /* a pathological mark stack */
				break;
		}
		if (end == start + (size_t)k) {
			ok = map_single(&b, c, s, start, end);
		} else {
			utf8proc_uint8_t *dst = NULL;
			utf8proc_ssize_t dlen = utf8proc_map(s + start,
				(utf8proc_ssize_t)(end - start), &dst, NORM_FLAGS);

			if (dlen < 0)
				space(&b);
			else if ((ok = reserve(&b, (size_t)dlen + 1)))
				emit_mapped(&b, dst, dlen, (uint32_t)start, (uint32_t)end);
			free(dst);
		}
		i = end;
	}
	free(b.cache);
	if (!ok) {
		norm_text_release(out);
		return PT_TOO_BIG;
	}
	close_word(&b);
	out->text.s[out->text.len] = '\0';
	return PT_OK;
}

void norm_token_span(const struct norm_text *n, size_t first, size_t last,
		     size_t *start, size_t *end)
{
	if (first >= last || last > n->ntokens) {
		*start = *end = first < n->ntokens ? n->tokens[first].src_start
						   : n->src_len;
		return;
	}
	*start = n->tokens[first].src_start;
	*end = n->tokens[last - 1].src_end;
}

/* ------------------------------------------------------------------ */
/* Text or binary                                                      */
/* ------------------------------------------------------------------ */

int normalize_looks_like_text(const char *src, size_t len)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)src;
	size_t i = 0, cps = 0, bad = 0;

	if (memchr(src, 0, len))
		return 0;
	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k;

		if (s[i] < 0x80) {
			cps++;
			if (s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' &&
			    s[i] != '\t' && s[i] != '\f' && s[i] != '\v')
				bad++;
			i++;
			continue;
		}
		k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
		cps++;
		if (k <= 0) {
			bad++;
			i++;
			continue;
		}
		if (c == 0xFFFD || utf8proc_category(c) == UTF8PROC_CATEGORY_CC ||
		    utf8proc_category(c) == UTF8PROC_CATEGORY_CO ||
		    utf8proc_category(c) == UTF8PROC_CATEGORY_CN)
			bad++;
		i += (size_t)k;
	}
	return bad * 20 <= cps;
}
