/*
 * sentence.c - sentence splitting for news prose (see sentence.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "sentence.h"

void sentence_list_init(struct sentence_list *l)
{
	memset(l, 0, sizeof(*l));
}

void sentence_list_release(struct sentence_list *l)
{
	free(l->v);
	sentence_list_init(l);
}

/* ------------------------------------------------------------------ */
/* Characters                                                          */
/* ------------------------------------------------------------------ */

enum qkind { Q_NONE, Q_TOGGLE, Q_OPEN, Q_CLOSE };

/* The quotation mark at s (of n bytes), with its length in *qlen.
 * Single quotes are left out: in English news they are far more often
 * apostrophes than quotation marks. */
static enum qkind quote_at(const char *s, size_t n, size_t *qlen)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n >= 1 && u[0] == '"') {
		*qlen = 1;
		return Q_TOGGLE;
	}
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x9C || u[2] == 0x9D)) {
		*qlen = 3;
		return u[2] == 0x9C ? Q_OPEN : Q_CLOSE;
	}
	if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB)) {
		*qlen = 2;
		return u[1] == 0xAB ? Q_OPEN : Q_CLOSE;
	}
	return Q_NONE;
}

/* Nonzero if the character at s starts like a sentence does: a capital, a
 * digit, an opening quote or bracket. */
static int starts_sentence(const char *s, size_t n)
{
	size_t ql;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	if (!n)
		return 1;
	if (isupper((unsigned char)*s) || isdigit((unsigned char)*s) ||
	    *s == '(' || *s == '[' || *s == '\'')
		return 1;
	if (quote_at(s, n, &ql) != Q_NONE)
		return 1;
	if ((unsigned char)*s < 0x80)
		return 0;
	k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)(n > 4 ? 4 : n), &cp);
	if (k <= 0)
		return 0;
	/* ‘ opens a quotation too. */
	if (cp == 0x2018)
		return 1;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* ------------------------------------------------------------------ */
/* Abbreviations                                                       */
/* ------------------------------------------------------------------ */

/* Before a name or a number these never end a sentence. */
static const char *const title_abbrevs[] = {
	"Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Gens", "Lt", "Col",
	"Maj", "Capt", "Cmdr", "Cdr", "Cmdt", "Adm", "Sgt", "Cpl", "Pvt", "Pfc",
	"Spc", "Brig", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Pres",
	"Rev", "Hon", "St", "Mt", "Ft", "No", "Nos", "Vol", "Fig", "Art", "Sec",
	"Supt", "Insp", "Det", "Atty", "Ald", "Amb", "Sgt", "Cpt", "Gov",
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
	"Nov", "Dec", "Ave", "Blvd", "Rd", "Mme", "Mlle", "Sr", "Jr", "vs",
	"approx", "Dept", "Univ", "Ph", NULL
};

/* These may end a sentence, but only do when a typical opening word
 * follows ("... Acme Inc. The company said"). */
static const char *const soft_abbrevs[] = {
	"Inc", "Corp", "Ltd", "Co", "Bros", "etc", "Plc", "LLC", "est", NULL
};

/* Words that open sentences far more often than they continue a name. */
static const char *const starters[] = {
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But",
	"And", "In", "On", "At", "This", "That", "These", "Those", "His", "Her",
	"Its", "Their", "Our", "Some", "Many", "Most", "Meanwhile", "However",
	"After", "Before", "When", "While", "If", "As", "According", "There",
	"Here", "What", "Why", "How", "Who", "Officials", "Both", "No", "Yet",
	"Still", "Also", "Earlier", "Later", "Last", "Since", "For", "With",
	NULL
};

static int has_digit(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isdigit((unsigned char)w[i]))
			return 1;
	return 0;
}

static int in_list(const char *const *list, const char *w, size_t n, int icase)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n &&
		    (icase ? !strncasecmp(list[i], w, n) : !strncmp(list[i], w, n)))
			return 1;
	return 0;
}

int sentence_is_title_abbrev(const char *word, size_t len)
{
	return in_list(title_abbrevs, word, len, 0);
}

/* Nonzero if the word at s is one of the starters. */
static int starter_at(const char *s, size_t n)
{
	size_t w = 0;

	/* "past 1 a.m. "I'm not ...": a quotation that opens with a
	 * capital starts a sentence */
	if (n > 1 && s[0] == '"' && isupper((unsigned char)s[1]))
		return 1;
	if (n > 3 && !memcmp(s, "\xE2\x80\x9C", 3) && isupper((unsigned char)s[3]))
		return 1;

	while (w < n && isalpha((unsigned char)s[w]))
		w++;
	return w && in_list(starters, s, w, 0);
}

/* ------------------------------------------------------------------ */
/* Quotations                                                          */
/* ------------------------------------------------------------------ */

struct span {
	size_t start, end;      /* opening mark .. just after the closing mark */
};

/* Pair the quotation marks of text[us..ue) greedily, left to right: a mark
 * that finds no partner within SENTENCE_MAX_QUOTE is a stray and ignored.
 * One pass, so a paragraph of stray marks costs linear time. */
static void pair_quotes(const char *text, size_t us, size_t ue,
			struct span **spans, size_t *nspans, size_t *cap)
{
	size_t open = 0, have_open = 0;
	enum qkind open_kind = Q_NONE;

	*nspans = 0;
	for (size_t p = us; p < ue; ) {
		size_t ql;
		enum qkind k = quote_at(text + p, ue - p, &ql);

		if (k == Q_NONE) {
			p++;
			continue;
		}
		if (have_open && p - open > SENTENCE_MAX_QUOTE)
			have_open = 0;  /* too far: the earlier mark was a stray */
		if (!have_open) {
			if (k == Q_TOGGLE || k == Q_OPEN) {
				have_open = 1;
				open = p;
				open_kind = k;
			}
		} else if ((open_kind == Q_TOGGLE && k == Q_TOGGLE) ||
			   (open_kind == Q_OPEN && k == Q_CLOSE)) {
			ARRAY_GROW(*spans, *cap, *nspans + 1);
			(*spans)[*nspans].start = open;
			(*spans)[*nspans].end = p + ql;
			(*nspans)++;
			have_open = 0;
		} else if (k == Q_OPEN) {
			/* a new opening mark: the old one was a stray */
			open = p;
			open_kind = k;
		}
		p += ql;
	}
}

/* ------------------------------------------------------------------ */
/* Splitting                                                           */
/* ------------------------------------------------------------------ */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static void emit(struct sentence_list *out, const char *text, size_t s,
		 size_t e, size_t para, int flags, int *first)
{
	while (s < e && is_space(text[s]))
		s++;
	/* no-break space (C2 A0) is left alone: trimming ASCII is enough */
	while (e > s && is_space(text[e - 1]))
		e--;
	if (e <= s)
		return;
	ARRAY_GROW(out->v, out->cap, out->n + 1);
	out->v[out->n].start = s;
	out->v[out->n].end = e;
	out->v[out->n].para = para;
	out->v[out->n].flags = flags | (*first ? SENT_PARA_START : 0);
	out->n++;
	*first = 0;
}

/* Decide whether the terminator at text[p] ('.', '!' or '?') ends a
 * sentence; *after is set to just past the terminator and any closing
 * marks that belong to it. */
static int ends_sentence(const char *text, size_t us, size_t ue, size_t p,
			 size_t *after)
{
	size_t q = p + 1, ql, w;
	const char *next;

	while (q < ue && (text[q] == '.' || text[q] == '!' || text[q] == '?'))
		q++;
	for (;;) {
		enum qkind k = q < ue ? quote_at(text + q, ue - q, &ql) : Q_NONE;

		if (k == Q_TOGGLE || k == Q_CLOSE) {
			q += ql;
		} else if (q < ue && (text[q] == ')' || text[q] == ']' || text[q] == '\'')) {
			q++;
		} else if (q + 2 < ue && !memcmp(text + q, "\xE2\x80\x99", 3)) {
			q += 3;
		} else {
			break;
		}
	}
	*after = q;
	if (q >= ue)
		return 1;
	if (!is_space(text[q]))
		return 0;       /* "3.5", "U.S.-led", "example.com" */
	while (q < ue && is_space(text[q]))
		q++;
	if (q >= ue)
		return 1;
	next = text + q;
	if (!starts_sentence(next, ue - q))
		return 0;
	if (text[p] != '.')
		return 1;
	/* The word before the full stop. */
	w = p;
	while (w > us && !is_space(text[w - 1]) && text[w - 1] != '(' &&
	       text[w - 1] != '"')
		w--;
	if (p == w)
		return 1;
	if (memchr(text + w, '.', p - w) &&     /* U.S. a.m. U.N., */
	    !has_digit(text + w, p - w))        /* not "£3.1bn." */
		return starter_at(next, ue - q);
	if (p - w == 1 && isupper((unsigned char)text[w]))  /* an initial */
		return starter_at(next, ue - q);
	if (in_list(title_abbrevs, text + w, p - w, 0))
		return 0;
	if (in_list(soft_abbrevs, text + w, p - w, 1))
		return starter_at(next, ue - q);
	return 1;
}

/* Nonzero if a single line break at nl (inside a paragraph) ends a
 * sentence: the line before is finished or short (keyword lines, credits,
 * headings), and the next line starts like a sentence. */
static int line_break_ends(const char *text, size_t line_start, size_t nl,
			   size_t ue)
{
	size_t e = nl, q = nl + 1;

	while (e > line_start && is_space(text[e - 1]))
		e--;
	while (q < ue && (text[q] == ' ' || text[q] == '\t' || text[q] == '\r'))
		q++;
	if (e == line_start || q >= ue)
		return 1;
	if (strchr(".!?:\"", text[e - 1]) || (e - line_start) < 60)
		return starts_sentence(text + q, ue - q);
	return 0;
}

static void split_unit(const char *text, size_t us, size_t ue, size_t para,
		       int flags, struct sentence_list *out,
		       struct span **spans, size_t *spcap)
{
	size_t nspans = 0, k = 0, s = us, line_start = us, last_space = 0;
	int first = 1;

	pair_quotes(text, us, ue, spans, &nspans, spcap);
	for (size_t p = us; p < ue; ) {
		char c = text[p];
		size_t after;

		if (p - s >= SENTENCE_MAX) {
			/* Too long to be prose: cut at the last white space. */
			size_t cut = last_space > s ? last_space : p;
			emit(out, text, s, cut, para, flags, &first);
			s = cut;
			last_space = 0;
		}
		while (k < nspans && (*spans)[k].end <= p)
			k++;
		if (k < nspans && (*spans)[k].start == p) {
			/* Inside a paired quotation nothing ends the sentence,
			 * unless it alone is longer than a sentence may be. */
			size_t e = (*spans)[k].end;
			if (e - s < SENTENCE_MAX) {
				/* The walk back over closing marks below stops at
				 * this quotation's own opening mark, or where the
				 * scan stood: bounded by the ground just covered,
				 * so a run of marks stays linear. */
				size_t qs = (*spans)[k].start > s ? (*spans)[k].start : s;
				if (qs < p)
					qs = p;   /* spans may overlap: never rescan */
				p = e;
				k++;
				if (p < ue && is_space(text[p]))
					last_space = p;
				/* A quotation that ends with a full stop ends the
				 * sentence when a new one visibly starts ("...
				 * here." The group left.).  After '?' or '!' a
				 * capital is usually the speaker ("Why?" Smith
				 * asked), so those stay together. */
				{
					size_t t = e, ql;
					while (t > qs) {
						size_t b = t - 1;
						while (b > qs && ((unsigned char)text[b] & 0xC0) == 0x80)
							b--;
						if (quote_at(text + b, e - b, &ql) == Q_NONE)
							break;
						t = b;
					}
					if (t > s && text[t - 1] == '.' &&
					    ends_sentence(text, us, ue, t - 1, &after)) {
						emit(out, text, s, after, para, flags, &first);
						s = after;
						p = after;
					}
				}
				continue;
			}
		}
		if (is_space(c))
			last_space = p;
		if (c == '\n') {
			if (line_break_ends(text, line_start, p, ue)) {
				emit(out, text, s, p, para, flags, &first);
				s = p + 1;
			}
			line_start = p + 1;
			p++;
			continue;
		}
		if ((c == '.' || c == '!' || c == '?') &&
		    ends_sentence(text, us, ue, p, &after)) {
			emit(out, text, s, after, para, flags, &first);
			s = after;
			p = after;
			continue;
		}
		p++;
	}
	emit(out, text, s, ue, para, flags, &first);
}

/* Nonzero if text[p..] starts a blank line (a paragraph break). */
static size_t blank_line_end(const char *text, size_t len, size_t p)
{
	size_t q;

	if (text[p] != '\n')
		return 0;
	q = p + 1;
	while (q < len && (text[q] == ' ' || text[q] == '\t' || text[q] == '\r'))
		q++;
	if (q < len && text[q] == '\n')
		return q + 1;
	return 0;
}

size_t sentence_split(const char *text, size_t len, const struct block *blocks,
		      size_t nblocks, struct sentence_list *out)
{
	size_t before = out->n, spcap = 0;
	struct span *spans = NULL;

	if (blocks && nblocks) {
		for (size_t i = 0; i < nblocks; i++) {
			int flags = 0;
			size_t s = blocks[i].start, e = blocks[i].end;

			if (s > len || e > len || e < s)
				continue;
			if (blocks[i].kind == BLOCK_CAPTION)
				flags = SENT_CAPTION;
			else if (blocks[i].kind == BLOCK_CREDIT)
				flags = SENT_CREDIT;
			else if (blocks[i].kind == BLOCK_HEADING)
				flags = SENT_HEADING;
			split_unit(text, s, e, out->npara++, flags, out, &spans, &spcap);
		}
	} else {
		size_t s = 0;

		for (size_t p = 0; p < len; p++) {
			size_t q = blank_line_end(text, len, p);

			if (q) {
				split_unit(text, s, p, out->npara++, 0, out, &spans, &spcap);
				s = q;
				p = q - 1;
			}
		}
		split_unit(text, s, len, out->npara++, 0, out, &spans, &spcap);
	}
	free(spans);
	return out->n - before;
}
