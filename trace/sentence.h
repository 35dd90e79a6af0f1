/*
 * sentence.h - split news prose into sentences, the unit attribution works
 * on.
 *
 * News text defeats the naive "split at a full stop" rule in a few known
 * ways, and this splitter handles each: titles and abbreviations before a
 * name ("Gen.", "Cmdr.", "Sen.", "No. 1", "Jan. 5"), initials ("John F.
 * Kennedy"), dotted abbreviations ("U.S. officials", "the U.K.-based
 * monitor"), decimals ("3.5 percent"), and quotations that hold several
 * sentences ('"We are here. We stay," he said.' is one unit, so the speaker
 * stays with the words).  Paragraphs (blank lines, or the blocks of
 * trace/extract.h) always end a sentence; a single line break does when
 * the line before is short or finished (photo keyword lines, credits).
 * Caption and credit blocks come out as their own units, flagged.
 *
 * Offsets are byte offsets into the text given.  Work is linear in the
 * text and bounded: a quotation pairs only within its paragraph and within
 * SENTENCE_MAX_QUOTE bytes, and no sentence is longer than SENTENCE_MAX
 * bytes (a longer run is cut at white space), so a 5 MB paragraph with no
 * full stop still gives bounded units.
 */
#ifndef PT_SENTENCE_H
#define PT_SENTENCE_H

#include <stddef.h>

#include "extract.h"

#define SENTENCE_MAX        4000    /* bytes in one sentence at most */
#define SENTENCE_MAX_QUOTE  2400    /* a quotation longer than this is not paired */

enum sentence_flag {
	SENT_CAPTION = 1,       /* from a caption block */
	SENT_CREDIT = 2,        /* from a credit block */
	SENT_HEADING = 4,       /* from a heading block */
	SENT_PARA_START = 8     /* first sentence of its paragraph */
};

struct sentence {
	size_t start, end;      /* byte range, white space trimmed */
	size_t para;            /* index of the paragraph (unit) it is in */
	int flags;              /* enum sentence_flag bits */
};

struct sentence_list {
	struct sentence *v;
	size_t n, cap;
	size_t npara;           /* paragraphs seen */
};

void sentence_list_init(struct sentence_list *l);
void sentence_list_release(struct sentence_list *l);

/*
 * Append the sentences of text[0..len) to out, in order.  blocks (may be
 * NULL) gives the paragraphs and their kinds; without blocks, paragraphs
 * are split at blank lines.  Returns the number of sentences added.
 */
size_t sentence_split(const char *text, size_t len, const struct block *blocks,
		      size_t nblocks, struct sentence_list *out);

/* Nonzero if word[0..len) (without its final '.') is an abbreviation that
 * never ends a sentence before a name or number ("Gen", "No", "Jan"). */
int sentence_is_title_abbrev(const char *word, size_t len);

#endif
