/*
 * normalize.c - NFKC + case folding with an offset map, and word tokens.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#include <xxhash.h>

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
	free(n->src_start);
	free(n->src_end);
	free(n->tokens);
	norm_text_init(n);
}

/* ------------------------------------------------------------------ */
/* Building the normalised text                                        */
/* ------------------------------------------------------------------ */

struct builder {
	struct norm_text *n;
	size_t map_cap;
	int space_pending;              /* white space seen since the last output */
	uint32_t space_start, space_end;
};

static void map_push(struct builder *b, uint32_t start, uint32_t end)
{
	struct norm_text *n = b->n;
	size_t i = n->text.len;         /* index of the byte being added */

	if (i + 2 > b->map_cap) {
		size_t cap = b->map_cap ? b->map_cap * 2 : 256;

		while (cap < i + 2)
			cap *= 2;
		n->src_start = xrealloc(n->src_start, cap * sizeof(uint32_t));
		n->src_end = xrealloc(n->src_end, cap * sizeof(uint32_t));
		b->map_cap = cap;
	}
	n->src_start[i] = start;
	n->src_end[i] = end;
}

/* Append bytes that came from source [start, end), after the pending
 * space if any. */
static void emit(struct builder *b, const char *s, size_t len,
		 uint32_t start, uint32_t end)
{
	if (b->space_pending) {
		if (b->n->text.len) {
			map_push(b, b->space_start, b->space_end);
			buf_addc(&b->n->text, ' ');
		}
		b->space_pending = 0;
	}
	for (size_t i = 0; i < len; i++) {
		map_push(b, start, end);
		buf_addc(&b->n->text, s[i]);
	}
}

static void space(struct builder *b, uint32_t start, uint32_t end)
{
	if (!b->space_pending) {
		b->space_pending = 1;
		b->space_start = start;
	}
	b->space_end = end;
}

static int is_space_cp(utf8proc_int32_t c)
{
	utf8proc_category_t cat;

	if (c < 0)
		return 1;
	cat = utf8proc_category(c);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
	       cat == UTF8PROC_CATEGORY_ZP || cat == UTF8PROC_CATEGORY_CC;
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

/* Emit the code points of a normalised cluster (UTF-8 in s). */
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
			space(b, start, end);
			continue;
		}
		c = fold_punct(c);
		elen = utf8proc_encode_char(c, enc);
		emit(b, (const char *)enc, (size_t)elen, start, end);
	}
}

static void tokenize(struct norm_text *n);

enum pt_result normalize_text(const char *src, size_t len, struct norm_text *out)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)src;
	struct builder b;
	size_t i = 0;

	norm_text_release(out);
	if (len > NORM_MAX_INPUT)
		return PT_TOO_BIG;
	memset(&b, 0, sizeof(b));
	b.n = out;
	out->src_len = len;
	/* Most text normalises to about its own length: reserve that much
	 * so the byte-by-byte appends below rarely reallocate. */
	buf_grow(&out->text, len + 1);
	b.map_cap = len + 2;
	out->src_start = xmalloc(b.map_cap * sizeof(uint32_t));
	out->src_end = xmalloc(b.map_cap * sizeof(uint32_t));
	while (i < len) {
		size_t start = i, end;
		utf8proc_int32_t c, prev;
		utf8proc_int32_t state = 0;
		utf8proc_ssize_t k;
		utf8proc_uint8_t *dst = NULL;
		utf8proc_ssize_t dlen;

		/*
		 * ASCII followed by ASCII is its own grapheme cluster and is
		 * already NFKC; case folding is then plain lower-casing.  This
		 * path keeps the usual English article from costing a
		 * utf8proc_map() call (and an allocation) per character.
		 */
		if (s[i] < 0x80 && (i + 1 == len || s[i + 1] < 0x80)) {
			unsigned char ch = s[i];

			if (ch <= ' ' || ch == 0x7f) {
				space(&b, (uint32_t)i, (uint32_t)i + 1);
			} else {
				char lc = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
				emit(&b, &lc, 1, (uint32_t)i, (uint32_t)i + 1);
			}
			i++;
			continue;
		}
		k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
		if (k <= 0) {
			/* Invalid UTF-8: one byte of white space. */
			space(&b, (uint32_t)i, (uint32_t)i + 1);
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
		dlen = utf8proc_map(s + start, (utf8proc_ssize_t)(end - start), &dst,
				    NORM_FLAGS);
		if (dlen < 0)
			space(&b, (uint32_t)start, (uint32_t)end);
		else
			emit_mapped(&b, dst, dlen, (uint32_t)start, (uint32_t)end);
		free(dst);
		i = end;
	}
	/* The sentinel entry: the end of the text maps to the end of the source. */
	map_push(&b, (uint32_t)len, (uint32_t)len);
	tokenize(out);
	return PT_OK;
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

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

static void add_token(struct norm_text *n, size_t *cap, size_t start, size_t end)
{
	struct norm_token *t;

	if (n->ntokens == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		n->tokens = xrealloc(n->tokens, *cap * sizeof(*n->tokens));
	}
	t = &n->tokens[n->ntokens++];
	t->start = (uint32_t)start;
	t->end = (uint32_t)end;
	t->src_start = n->src_start[start];
	t->src_end = n->src_end[end - 1];
	t->hash = XXH3_64bits(n->text.s + start, end - start);
}

static void tokenize(struct norm_text *n)
{
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)n->text.s;
	size_t len = n->text.len, i = 0, cap = 0;
	size_t word = 0;
	int in_word = 0;

	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k;
		int w;

		if (s[i] < 0x80) {
			c = s[i];
			k = 1;
			w = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    (c >= 'A' && c <= 'Z');
		} else {
			k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
			if (k <= 0) {       /* cannot happen: we encoded it */
				k = 1;
				w = 0;
			} else {
				w = is_word_cp(c);
			}
			if (w && is_cjk(c)) {
				if (in_word)
					add_token(n, &cap, word, i);
				add_token(n, &cap, i, i + (size_t)k);
				in_word = 0;
				i += (size_t)k;
				continue;
			}
		}
		if (w && !in_word) {
			word = i;
			in_word = 1;
		} else if (!w && in_word) {
			add_token(n, &cap, word, i);
			in_word = 0;
		}
		i += (size_t)k;
	}
	if (in_word)
		add_token(n, &cap, word, len);
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
