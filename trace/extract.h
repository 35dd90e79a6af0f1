/*
 * extract.h - read a page (or a text) the way a person does: main text
 * with paragraph breaks, captions and photo credits kept as marked blocks,
 * and the metadata newsrooms rely on (title, byline, dates, site, canonical
 * URL, og:*, JSON-LD, original-source, outbound links).
 *
 * HTML is parsed with gumbo (HTML5 tree construction); the charset comes
 * from the HTTP header, a BOM or <meta charset> and the text is converted
 * to UTF-8, invalid sequences repaired.  Plain text is split into
 * paragraphs at blank lines.
 *
 * doc.text is the extracted main text: blocks joined by "\n\n".  Every
 * offset (blocks, attributions, compare passages) is a byte offset into it.
 */
#ifndef PT_EXTRACT_H
#define PT_EXTRACT_H

#include <stddef.h>

#include "../src/util.h"

struct fetch_config;
struct rules;

enum block_kind {
	BLOCK_PARAGRAPH,
	BLOCK_HEADING,
	BLOCK_QUOTE,        /* blockquote */
	BLOCK_LIST_ITEM,
	BLOCK_CAPTION,      /* figure caption */
	BLOCK_CREDIT,       /* photo credit line ("NAME/AFP/Getty Images") */
	BLOCK_OTHER
};

struct block {
	enum block_kind kind;
	size_t start, end;  /* byte range in doc.text */
};

struct link {
	char *href;         /* absolute when the base URL is known */
	char *text;         /* anchor text, white space collapsed */
};

struct document {
	char *input;        /* as given: URL, path or "-" */
	char *url;          /* final URL when fetched, else NULL */
	int is_html;
	char *title;        /* <title>, og:title or JSON-LD headline */
	char *title_site;   /* " - Publisher" suffix split off the title, or NULL */
	char *title_clean;  /* title without that suffix */
	char *byline, *published, *modified, *site_name, *canonical, *lang;
	char *description, *og_url, *og_type, *image;
	char *original_source;  /* <meta name=original-source|syndication-source> */
	char *is_based_on;      /* JSON-LD isBasedOn */
	char *main_entity;      /* JSON-LD mainEntityOfPage */
	char *publisher;        /* JSON-LD publisher.name */
	void *jsonld;           /* jansson json_t * array of objects (may be empty) */
	struct buf text;        /* main text */
	struct block *blocks;
	size_t nblocks;
	struct link *links;     /* every outbound link of the page */
	size_t nlinks;
	struct buf page_text;   /* all visible text, boilerplate included
				   (repost signatures live there) */
	char payload_sha256[65];/* SHA-256 of the bytes read, hex */
};

/* document_init() empties doc (jsonld an empty array); document_release()
 * frees everything doc holds and leaves it zeroed (jsonld NULL): call
 * document_init() again before reusing it.  Releasing twice is harmless. */
void document_init(struct document *doc);
void document_release(struct document *doc);

/*
 * Extract from HTML bytes.  charset_hint is the HTTP header's charset (or
 * NULL); base_url resolves relative links (or NULL).  Returns PT_OK, or
 * PT_BAD_INPUT / PT_TOO_BIG with a message in err.
 */
enum pt_result extract_html(const char *html, size_t len, const char *charset_hint,
			    const char *base_url, struct document *doc,
			    struct buf *err);

/* Extract from plain text (paragraphs at blank lines). */
enum pt_result extract_text(const char *text, size_t len, struct document *doc,
			    struct buf *err);

/*
 * Extract from an input as given on the command line: an http(s) URL
 * (fetched through fetch_page(), unless fc->offline), a file (HTML or text,
 * sniffed from its content), or "-" for standard input.
 */
enum pt_result extract_input(const char *input, const struct fetch_config *fc,
			     const struct rules *r, struct document *doc,
			     struct buf *err);

/* Non-zero when data looks like HTML (leading markup, or tags early on)
 * rather than plain text. */
int extract_sniff_html(const char *data, size_t len);

/*
 * Make HTML safe to hand to gumbo (0.10.1), for every caller that parses
 * with it; the text a reader sees is unchanged.  Removes start tags nested
 * deeper than 512 and formatting tags (<b>, <font>...) past a few open at
 * once, on which gumbo's work grows quadratically (and its tree, for
 * formatting tags re-opened after every block); and turns every
 * "<!doctype" after the first "<noscript" into "<?doctype" (a bogus
 * comment), since gumbo leaks the strings of a DOCTYPE inside <noscript>
 * in <head>.  Writes the copy into out and returns 1, or returns 0 with
 * out untouched when there is nothing to change.
 */
int extract_html_defuse(const char *html, size_t len, struct buf *out);

/* Name of a block kind: "paragraph", "heading", "quote", "list-item",
 * "caption", "credit", "other". */
const char *block_kind_name(enum block_kind kind);

#endif
