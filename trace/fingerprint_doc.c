/*
 * fingerprint_doc.c - an input extracted, fingerprinted and stored: the
 * common part of the fingerprint, compare and match commands.
 *
 * Kept apart from fingerprint.c so that the pure fingerprint functions link
 * without the extraction and store code.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fingerprint.h"
#include "../store/store.h"

void fp_document_init(struct fp_document *d)
{
	memset(d, 0, sizeof(*d));
	document_init(&d->doc);
	norm_text_init(&d->norm);
	fingerprint_init(&d->fp);
}

void fp_document_release(struct fp_document *d)
{
	/* document_release() leaves a fresh document holding a new empty
	 * JSON-LD array; drop it too, so a released fp_document owns nothing
	 * (fp_document_init() makes it usable again). */
	document_release(&d->doc);
	json_decref((json_t *)d->doc.jsonld);
	d->doc.jsonld = NULL;
	norm_text_release(&d->norm);
	fingerprint_release(&d->fp);
	free(d->key);
	d->key = NULL;
	d->node_id = 0;
}

static char *document_key(const struct fp_document *d, const char *input)
{
	char *abs;

	if (d->doc.url && *d->doc.url)
		return xstrdup(d->doc.url);
	if (!strcmp(input, "-"))
		return xasprintf("sha256:%s", d->fp.sha256);
	if (str_case_starts_with(input, "http://") || str_case_starts_with(input, "https://"))
		return xstrdup(input);
	abs = realpath(input, NULL);
	return abs ? abs : xstrdup(input);
}

enum pt_result fp_document_prepare(struct fp_document *d, const char *input,
				   struct buf *err)
{
	enum pt_result res;

	if (!normalize_looks_like_text(d->doc.text.s, d->doc.text.len)) {
		buf_addf(err, "'%s' looks like binary data, not text", input);
		return PT_BAD_INPUT;
	}
	res = normalize_text(d->doc.text.s, d->doc.text.len, &d->norm);
	if (res != PT_OK) {
		buf_addf(err, "the text of '%s' is too large to fingerprint", input);
		return res;
	}
	if (!d->norm.ntokens) {
		buf_addf(err, d->doc.text.len ? "'%s' has no words to fingerprint"
					      : "'%s' has no text", input);
		return PT_BAD_INPUT;
	}
	fp_compute(&d->norm, &d->fp);
	free(d->key);
	d->key = document_key(d, input);
	return PT_OK;
}

enum pt_result fp_document_load(struct fp_document *d, const char *input,
				const struct fetch_config *fc,
				const struct rules *r, struct buf *err)
{
	enum pt_result res;

	fp_document_release(d);
	fp_document_init(d);
	res = extract_input(input, fc, r, &d->doc, err);
	if (res != PT_OK) {
		if (!err->len)
			buf_addf(err, "cannot read '%s': %s", input, pt_strerror(res));
		return res;
	}
	return fp_document_prepare(d, input, err);
}

static void set_str(json_t *o, const char *k, const char *v)
{
	if (v && *v)
		json_object_set_new(o, k, json_string(v));
}

/* The metadata the document table has no column for, as JSON text the
 * caller frees with free(). */
static char *document_meta(const struct document *doc)
{
	json_t *o = json_object(), *links = json_array();
	char *s;

	set_str(o, "title_site", doc->title_site);
	set_str(o, "description", doc->description);
	set_str(o, "og_url", doc->og_url);
	set_str(o, "og_type", doc->og_type);
	set_str(o, "image", doc->image);
	set_str(o, "original_source", doc->original_source);
	set_str(o, "is_based_on", doc->is_based_on);
	set_str(o, "main_entity", doc->main_entity);
	set_str(o, "publisher", doc->publisher);
	for (size_t i = 0; i < doc->nlinks; i++) {
		json_t *l = json_object();

		set_str(l, "href", doc->links[i].href);
		set_str(l, "text", doc->links[i].text);
		json_array_append_new(links, l);
	}
	json_object_set_new(o, "links", links);
	if (doc->jsonld)
		json_object_set(o, "jsonld", (json_t *)doc->jsonld);
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return s;
}

enum pt_result fp_document_store(struct store *s, struct fp_document *d)
{
	struct store_document sd;
	int64_t bands[FP_LSH_BANDS];
	char now[32];
	enum pt_result r;
	const char *path = NULL;
	char *meta = document_meta(&d->doc);

	memset(&sd, 0, sizeof(sd));
	fp_lsh_bands(d->fp.minhash, bands);
	if (!d->doc.url && d->key[0] == '/')
		path = d->key;
	now_iso8601(now);
	sd.key = d->key;
	sd.url = d->doc.url;
	sd.path = path;
	sd.fetched = now;
	sd.payload_sha256 = d->doc.payload_sha256[0] ? d->doc.payload_sha256 : NULL;
	sd.text_sha256 = d->fp.sha256;
	sd.title = d->doc.title_clean && *d->doc.title_clean ? d->doc.title_clean
							     : d->doc.title;
	sd.byline = d->doc.byline;
	sd.published = d->doc.published;
	sd.modified = d->doc.modified;
	sd.site_name = d->doc.site_name;
	sd.canonical = d->doc.canonical;
	sd.lang = d->doc.lang;
	sd.text = d->doc.text.s;
	sd.text_len = d->doc.text.len;
	sd.chars = (int64_t)d->fp.chars;
	sd.tokens = (int64_t)d->fp.tokens;
	sd.simhash = d->fp.simhash;
	sd.minhash = d->fp.minhash;
	sd.nminhash = FP_MINHASH_N;
	sd.bands = bands;
	sd.nbands = FP_LSH_BANDS;
	sd.meta = meta;
	r = store_add_document(s, &sd, &d->node_id);
	free(meta);
	return r;
}
