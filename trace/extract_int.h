/*
 * extract_int.h - internals shared by the files of the extractor
 * (extract.c, extract_html.c, extract_meta.c, extract_input.c, charset.c).
 * Not part of the library's interface: other subsystems use extract.h.
 *
 * The pieces: charset detection and conversion to repaired UTF-8, the
 * photo-credit and caption heuristics shared by the text and HTML paths,
 * and the helpers that append blocks to a document.
 */
#ifndef PT_EXTRACT_INT_H
#define PT_EXTRACT_INT_H

#include <stddef.h>

#include <gumbo.h>

#include "extract.h"

/* Largest input the extractor reads: 16 MiB of HTML or text.  Larger
 * inputs are refused with PT_TOO_BIG rather than truncated, so a result is
 * never silently partial. */
#define EXTRACT_MAX_INPUT ((size_t)16 << 20)

/* ---- charset.c ---------------------------------------------------- */

/*
 * Decide the character encoding of an HTML page the way browsers do: a BOM
 * first, then the HTTP header's charset (hint, may be NULL), then a
 * <meta charset> / <meta http-equiv=content-type> in the first 1024 bytes,
 * else UTF-8 when the bytes are valid UTF-8 and windows-1252 otherwise.
 * Writes a canonical label ("UTF-8", "windows-1252", ...) into label and
 * returns the length of the BOM to skip.
 */
size_t charset_detect(const char *data, size_t len, const char *hint,
		      int is_html, char *label, size_t label_size);

/*
 * Convert len bytes in encoding label to UTF-8 appended to out, every
 * invalid or unconvertible sequence replaced by U+FFFD and NUL bytes
 * dropped.  An encoding iconv does not know is read as UTF-8.
 */
void charset_to_utf8(const char *data, size_t len, const char *label,
		     struct buf *out);

/* Append s (len bytes) to out as valid UTF-8: invalid sequences become
 * U+FFFD, NUL bytes are dropped. */
void utf8_repair(const char *s, size_t len, struct buf *out);

/* Non-zero when s (len bytes) is valid UTF-8. */
int utf8_valid(const char *s, size_t len);

/* ---- extract.c: blocks and credits -------------------------------- */

/*
 * Append a block of kind to doc->text, "\n\n" after the previous one, and
 * record its range.  s must be UTF-8 with white space already collapsed;
 * an empty s adds nothing.
 */
void doc_add_block(struct document *doc, enum block_kind kind,
		   const char *s, size_t len);

/*
 * Where a photo credit starts at the end of s ("... said. MOHAMMED
 * AL-RIFAI/AFP/Getty Images", "(AP Photo/Evan Vucci)", "Photo: Reuters"):
 * returns its byte offset, or len when s does not end with one.  A whole s
 * that is a credit returns 0.
 */
size_t extract_credit_start(const char *s, size_t len);

/* Non-zero when s looks like a line of image keywords ("syria, idlib,
 * rebel, funeral"): several short lower-case terms separated by commas. */
int extract_keyword_line(const char *s, size_t len);

/* Append s to out with runs of white space (no-break spaces included)
 * collapsed to one space, none at the start of out. */
void extract_add_collapsed(struct buf *out, const char *s, size_t len);

/* Fill doc->payload_sha256 with the SHA-256 of data. */
void extract_sha256(const char *data, size_t len, struct document *doc);

/* ---- extract_meta.c ----------------------------------------------- */

/* Split doc->title into title_clean and title_site (" - Publisher"). */
void extract_split_title(struct document *doc);

/*
 * Read the metadata of a parsed page into doc: <title>, <meta>, <link>,
 * JSON-LD, <html lang>, <time>, bylines.  base_url (may be NULL) is the
 * page's address; returns the base links resolve against (<base href>
 * resolved against base_url, or a copy of base_url, or NULL), which the
 * caller frees with free().
 */
char *extract_meta(const GumboNode *root, const char *base_url,
		   struct document *doc);

/*
 * Append the text of node's subtree to out, white space collapsed, at
 * most max bytes; script and style contents are skipped.
 */
void extract_node_text(const GumboNode *node, struct buf *out, size_t max);

/* Value of attribute name of an element node, or NULL. */
const char *extract_attr(const GumboNode *node, const char *name);

/* Element name in lower case, also for tags gumbo does not know
 * ("amp-img"); written into out (size outsz). */
const char *extract_tag_name(const GumboNode *node, char *out, size_t outsz);

/* ---- extract_html.c ----------------------------------------------- */

/* The main-text scorer: fills doc->text, doc->blocks, doc->links and
 * doc->page_text from the parsed page; base (may be NULL) resolves links. */
void extract_main(const GumboNode *root, const char *base, struct document *doc);

#endif
