/*
 * extract.c - the document, its blocks, and extraction from plain text.
 *
 * Plain text (a page copied out of a browser, like the seed) has no markup,
 * so structure comes from layout: paragraphs at blank lines, the lines of a
 * paragraph joined with a space.  Photo captions are recognised by the
 * credit that ends them ("... said. MOHAMMED AL-RIFAI/AFP/Getty Images"),
 * which is split off as its own BLOCK_CREDIT block; the caption before it
 * is a BLOCK_CAPTION, and a line of image keywords before the caption
 * ("syria, idlib, rebel") a BLOCK_OTHER.  The same credit test serves the
 * HTML extractor inside <figure>s.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/evp.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "extract_int.h"

/* ====================================================================
 * The document
 * ==================================================================== */

void document_init(struct document *doc)
{
	memset(doc, 0, sizeof(*doc));
	buf_init(&doc->text);
	buf_init(&doc->page_text);
	doc->jsonld = json_array();
}

void document_release(struct document *doc)
{
	char **strings[] = {
		&doc->input, &doc->url, &doc->title, &doc->title_site,
		&doc->title_clean, &doc->byline, &doc->published,
		&doc->modified, &doc->site_name, &doc->canonical, &doc->lang,
		&doc->description, &doc->og_url, &doc->og_type, &doc->image,
		&doc->original_source, &doc->is_based_on, &doc->main_entity,
		&doc->publisher,
	};

	if (!doc)
		return;
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		free(*strings[i]);
	json_decref((json_t *)doc->jsonld);
	buf_release(&doc->text);
	buf_release(&doc->page_text);
	free(doc->blocks);
	for (size_t i = 0; i < doc->nlinks; i++) {
		free(doc->links[i].href);
		free(doc->links[i].text);
	}
	free(doc->links);
	/* Empty again, but without allocating: jsonld stays NULL until
	 * document_init() is called again. */
	memset(doc, 0, sizeof(*doc));
	buf_init(&doc->text);
	buf_init(&doc->page_text);
}

const char *block_kind_name(enum block_kind kind)
{
	switch (kind) {
	case BLOCK_PARAGRAPH: return "paragraph";
	case BLOCK_HEADING:   return "heading";
	case BLOCK_QUOTE:     return "quote";
	case BLOCK_LIST_ITEM: return "list-item";
	case BLOCK_CAPTION:   return "caption";
	case BLOCK_CREDIT:    return "credit";
	case BLOCK_OTHER:     return "other";
	}
	return "other";
}

void doc_add_block(struct document *doc, enum block_kind kind,
		   const char *s, size_t len)
{
	struct block *b;

	while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
		len--;
	while (len && (*s == ' ' || *s == '\n'))
		s++, len--;
	if (!len)
		return;
	if (doc->text.len)
		buf_add(&doc->text, "\n\n", 2);
	/* doc->blocks holds 16 slots, then doubles whenever nblocks reaches
	 * a power of two: no capacity field is needed in the document. */
	if (!doc->nblocks || (doc->nblocks >= 16 &&
			      !(doc->nblocks & (doc->nblocks - 1))))
		doc->blocks = xrealloc(doc->blocks,
				       (doc->nblocks ? doc->nblocks * 2 : 16) *
				       sizeof(*doc->blocks));
	b = &doc->blocks[doc->nblocks++];
	b->kind = kind;
	b->start = doc->text.len;
	buf_add(&doc->text, s, len);
	b->end = doc->text.len;
}

void extract_sha256(const char *data, size_t len, struct document *doc)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	static const char hex[] = "0123456789abcdef";

	if (!EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL))
		mdlen = 0;
	for (unsigned int i = 0; i < mdlen && i < 32; i++) {
		doc->payload_sha256[2 * i] = hex[md[i] >> 4];
		doc->payload_sha256[2 * i + 1] = hex[md[i] & 15];
	}
	doc->payload_sha256[mdlen < 32 ? 0 : 64] = '\0';
}

/* ====================================================================
 * Photo credits and image keywords
 * ==================================================================== */

/*
 * A credit ends its text and starts after a sentence end (or is the whole
 * text).  Three shapes: "Photo: X" / "(AP Photo/X)", capitalised names
 * joined by slashes ("MOHAMMED AL-RIFAI/AFP/Getty Images", "DELIL
 * SOULEIMAN/AFP via Getty Images", "REUTERS/Yara Nardi"), or an agency
 * alone.  Words after a slash must be capitalised, so "the Bush/Cheney
 * era" in a sentence is not a credit.
 */
#define CW "\\p{Lu}[\\p{L}\\p{M}\\p{N}'\\x{2019}.&\\-]*"
#define CNAME CW "(?:\\s+(?:" CW "|de|del|al|van|von|da|di|du|la|le|bin|el|and|&))*?"
#define CSEG CNAME "(?:\\s+(?:via|for)\\s+" CNAME ")?"
static const char credit_pattern[] =
	"(?:^|(?<=[.!?\"\\x{201D}\\x{2019})\\]:])\\s+|\\s+(?=\\())"
	"("
	"\\(?(?:(?:AP|AFP|Reuters|EPA|Getty|File)\\s+)?"
	"(?:Photo(?:graph)?s?|Picture|Image|Credit|Foto|Fotos|Illustration)"
	"(?:\\s+by\\s+|\\s*:\\s*|\\s*/\\s*)[^()\\n]{2,80}?\\)?"
	"|\\(?" CSEG "(?:\\s*/\\s*" CSEG "){1,3}\\)?"
	"|\\(?(?:Getty\\s+Images|Reuters|AFP|AP|EPA(?:-EFE)?|Shutterstock"
	"|Bloomberg|Xinhua|Anadolu\\s+Agency|Associated\\s+Press)"
	"(?:\\s+via\\s+Getty\\s+Images)?\\)?"
	")\\s*$";

static pcre2_code *credit_re;

static pcre2_code *compile_credit(void)
{
	int errcode;
	PCRE2_SIZE erroff;

	if (!credit_re)
		credit_re = pcre2_compile((PCRE2_SPTR)credit_pattern,
					  PCRE2_ZERO_TERMINATED,
					  PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK,
					  &errcode, &erroff, NULL);
	return credit_re;
}

/*
 * Every shape of credit above holds a slash or one of these words: a cheap
 * test that spares the regular expression (tried at every position of the
 * tail) on the ordinary paragraphs that are nearly all of a text.
 */
static int credit_possible(const char *s, size_t len)
{
	static const char *const words[] = {
		"Photo", "Picture", "Image", "Credit", "Foto", "Illustration",
		"Getty", "Reuters", "AFP", "AP", "EPA", "Shutterstock",
		"Bloomberg", "Xinhua", "Anadolu", "Associated", NULL
	};

	if (memchr(s, '/', len))
		return 1;
	for (int i = 0; words[i]; i++)
		if (memmem(s, len, words[i], strlen(words[i])))
			return 1;
	return 0;
}

size_t extract_credit_start(const char *s, size_t len)
{
	pcre2_code *re = compile_credit();
	pcre2_match_data *md;
	size_t from, start = len;
	int rc;

	if (!re || !len || memmem(s, len, "://", 3))
		return len;
	/* A credit is short: only the tail can hold one. */
	from = len > 160 ? len - 160 : 0;
	while (from > 0 && ((unsigned char)s[from] & 0xC0) == 0x80)
		from--;
	if (!credit_possible(s + from, len - from))
		return len;
	md = pcre2_match_data_create_from_pattern(re, NULL);
	rc = pcre2_match(re, (PCRE2_SPTR)s, len, from, 0, md, NULL);
	if (rc >= 2) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);

		if (ov[3] - ov[2] <= 120)
			start = ov[2];
	}
	pcre2_match_data_free(md);
	/* "Photo" alone, or a lone capitalised word, is no credit; a credit
	 * as long as the text it would end is no credit either, unless the
	 * text is just the credit. */
	if (start < len && start > 0 && len - start < 6)
		return len;
	return start;
}

int extract_keyword_line(const char *s, size_t len)
{
	size_t commas = 0, words = 1;

	if (len < 8 || len > 200)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			return 0;
		if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' ||
		    c == ';')
			return 0;
		if (c == ',') {
			commas++;
			words = 1;
		} else if (c == ' ' && i && s[i - 1] != ',') {
			if (++words > 4)
				return 0;
		}
	}
	return commas >= 2;
}

/* ====================================================================
 * Plain text
 * ==================================================================== */

void extract_add_collapsed(struct buf *out, const char *s, size_t len)
{
	int space = out->len && out->s[out->len - 1] != ' ' ? 0 : 1;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
		    c == '\f' || c == '\v') {
			if (!space)
				buf_addc(out, ' ');
			space = 1;
		} else if (c == 0xC2 && i + 1 < len &&
			   (unsigned char)s[i + 1] == 0xA0) {
			/* no-break space */
			if (!space)
				buf_addc(out, ' ');
			space = 1;
			i++;
		} else {
			buf_addc(out, (char)c);
			space = 0;
		}
	}
}

struct line {
	const char *s;
	size_t len;
};

static int blank_line(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
		    s[i] != '\f' && s[i] != '\v')
			return 0;
	return 1;
}

/* Mark the last block a caption when it is an ordinary paragraph short
 * enough to be one: a credit on its own line follows its caption. */
static void previous_is_caption(struct document *doc)
{
	struct block *b;

	if (!doc->nblocks)
		return;
	b = &doc->blocks[doc->nblocks - 1];
	if (b->kind == BLOCK_PARAGRAPH && b->end - b->start <= 1000)
		b->kind = BLOCK_CAPTION;
}

static void text_paragraph(struct document *doc, struct line *lines,
			   size_t n, struct buf *tmp)
{
	struct line last = lines[n - 1];
	size_t cut, first = 0;

	while (last.len && (last.s[last.len - 1] == ' ' ||
			    last.s[last.len - 1] == '\t'))
		last.len--;
	cut = extract_credit_start(last.s, last.len);
	if (cut == last.len) {
		buf_reset(tmp);
		for (size_t i = 0; i < n; i++) {
			extract_add_collapsed(tmp, lines[i].s, lines[i].len);
			buf_addc(tmp, ' ');
		}
		doc_add_block(doc, BLOCK_PARAGRAPH, tmp->s, tmp->len);
		return;
	}
	/* A caption paragraph: keywords, caption, credit. */
	while (first < n - 1 && extract_keyword_line(lines[first].s, lines[first].len)) {
		buf_reset(tmp);
		extract_add_collapsed(tmp, lines[first].s, lines[first].len);
		doc_add_block(doc, BLOCK_OTHER, tmp->s, tmp->len);
		first++;
	}
	buf_reset(tmp);
	for (size_t i = first; i < n - 1; i++) {
		extract_add_collapsed(tmp, lines[i].s, lines[i].len);
		buf_addc(tmp, ' ');
	}
	extract_add_collapsed(tmp, last.s, cut);
	if (blank_line(tmp->s, tmp->len))
		previous_is_caption(doc);
	else
		doc_add_block(doc, BLOCK_CAPTION, tmp->s, tmp->len);
	buf_reset(tmp);
	extract_add_collapsed(tmp, last.s + cut, last.len - cut);
	doc_add_block(doc, BLOCK_CREDIT, tmp->s, tmp->len);
}

/* Plain text has no anchors, but its bare URLs are its links (the seed's
 * ift.tt links are how a repost names its feed). */
static void text_links(struct document *doc)
{
	const char *s = doc->page_text.s, *end = s + doc->page_text.len;
	size_t cap = doc->nlinks;

	while ((s = strstr(s, "http"))) {
		size_t n = 0;

		if (!str_starts_with(s, "http://") && !str_starts_with(s, "https://")) {
			s += 4;
			continue;
		}
		if (s > doc->page_text.s && ((unsigned char)s[-1] > ' ' && s[-1] != '(' &&
					      s[-1] != '<' && s[-1] != '"')) {
			s += 4;
			continue;
		}
		while (s + n < end && (unsigned char)s[n] > ' ' && s[n] != '"' &&
		       s[n] != '<' && s[n] != '>')
			n++;
		while (n && (s[n - 1] == '.' || s[n - 1] == ',' || s[n - 1] == ')' ||
			     s[n - 1] == ';' || s[n - 1] == ':'))
			n--;
		if (n > 8) {
			ARRAY_GROW(doc->links, cap, doc->nlinks + 1);
			doc->links[doc->nlinks].href = xstrndup(s, n);
			doc->links[doc->nlinks].text = xstrndup(s, n);
			doc->nlinks++;
		}
		s += n ? n : 4;
	}
}

enum pt_result extract_text(const char *text, size_t len, struct document *doc,
			    struct buf *err)
{
	struct buf utf8 = BUF_INIT, tmp = BUF_INIT;
	struct line *lines = NULL;
	size_t nlines = 0, cap = 0, i, start;
	char label[64];
	size_t bom;

	if (len > EXTRACT_MAX_INPUT) {
		buf_addf(err, "text of %zu bytes is larger than the %zu-byte limit",
			 len, EXTRACT_MAX_INPUT);
		return PT_TOO_BIG;
	}
	extract_sha256(text, len, doc);
	doc->is_html = 0;
	bom = charset_detect(text, len, NULL, 0, label, sizeof(label));
	charset_to_utf8(text + bom, len - bom, label, &utf8);
	buf_add(&doc->page_text, utf8.s, utf8.len);

	for (start = i = 0; i <= utf8.len; i++) {
		if (i < utf8.len && utf8.s[i] != '\n')
			continue;
		const char *s = utf8.s + start;
		size_t l = i - start;

		if (l && s[l - 1] == '\r')
			l--;
		start = i + 1;
		if (blank_line(s, l)) {
			if (nlines)
				text_paragraph(doc, lines, nlines, &tmp);
			nlines = 0;
			continue;
		}
		ARRAY_GROW(lines, cap, nlines + 1);
		lines[nlines].s = s;
		lines[nlines].len = l;
		nlines++;
	}
	if (nlines)
		text_paragraph(doc, lines, nlines, &tmp);
	/* Plain text has no <title>: its first short line stands in. */
	if (!doc->title && doc->nblocks) {
		for (size_t b = 0; b < doc->nblocks && b < 4; b++) {
			size_t l = doc->blocks[b].end - doc->blocks[b].start;
			const char *s = doc->text.s + doc->blocks[b].start;

			if (l >= 20 && l <= 300 && s[l - 1] != '.' &&
			    !memmem(s, l, ". ", 2)) {
				doc->title = xstrndup(s, l);
				break;
			}
		}
		if (doc->title)
			extract_split_title(doc);
	}
	text_links(doc);
	free(lines);
	buf_release(&tmp);
	buf_release(&utf8);
	return PT_OK;
}
