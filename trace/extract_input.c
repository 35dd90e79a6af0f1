/*
 * extract_input.c - extraction from an input as the command line names
 * it: an http(s) URL (fetched), a file, or "-" for standard input.
 *
 * What a file holds is decided from its bytes, not its name: a saved page
 * may be called .txt and a text .html.  Empty input and binary input are
 * refused with a message naming the input, so a user who passed the wrong
 * file sees it at once.  Kept apart from extract.c so that programs using
 * only extract_html()/extract_text() do not pull in the fetcher.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"
#include "fetch.h"

static int is_url(const char *s)
{
	return str_case_starts_with(s, "http://") ||
	       str_case_starts_with(s, "https://");
}

/* Non-zero when data is binary: NUL bytes (outside UTF-16) or many control
 * characters in the first 8 KiB. */
static int looks_binary(const char *data, size_t len)
{
	const unsigned char *u = (const unsigned char *)data;
	size_t n = len < 8192 ? len : 8192, ctrl = 0;

	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
			 (u[0] == 0xFE && u[1] == 0xFF)))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (u[i] == 0)
			return 1;
		if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r' &&
		    u[i] != '\f' && u[i] != 0x1B)
			ctrl++;
	}
	return ctrl * 10 > n;
}

static int only_space(const char *data, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' &&
		    data[i] != '\r' && data[i] != '\f')
			return 0;
	return 1;
}

int extract_sniff_html(const char *data, size_t len)
{
	static const char *const tags[] = {
		"<html", "<head", "<body", "<!doctype", "<meta", "<div", "<p>",
		"<p ", "<br", "<title", "<article", "<script", "<a href", NULL
	};
	size_t i = 0, n;

	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' ||
			   data[i] == '\r'))
		i++;
	if (i + 1 < len && data[i] == '<' &&
	    (data[i + 1] == '!' || data[i + 1] == '?' ||
	     (data[i + 1] >= 'a' && data[i + 1] <= 'z') ||
	     (data[i + 1] >= 'A' && data[i + 1] <= 'Z')))
		return 1;
	/* Text with a stray "<" is still text; markup early on is not. */
	n = len < 2048 ? len : 2048;
	for (int t = 0; tags[t]; t++) {
		size_t tl = strlen(tags[t]);

		for (size_t k = 0; k + tl <= n; k++)
			if (data[k] == '<' && !strncasecmp(data + k, tags[t], tl))
				return 1;
	}
	return 0;
}

/* The charset parameter of a Content-Type value, copied into out. */
static const char *content_type_charset(const char *ct, char *out, size_t outsz)
{
	const char *p;
	size_t n = 0;

	if (!ct || !(p = strcasestr(ct, "charset=")))
		return NULL;
	p += 8;
	if (*p == '"' || *p == '\'')
		p++;
	while (p[n] && p[n] != ';' && p[n] != '"' && p[n] != '\'' &&
	       p[n] != ' ' && n + 1 < outsz) {
		out[n] = p[n];
		n++;
	}
	out[n] = '\0';
	return n ? out : NULL;
}

static enum pt_result from_bytes(const char *input, const char *data, size_t len,
				 const char *content_type, const char *base,
				 struct document *doc, struct buf *err)
{
	char cs[64];
	int html;

	if (!len || only_space(data, len)) {
		buf_addf(err, "'%s' is empty", input);
		return PT_BAD_INPUT;
	}
	if (looks_binary(data, len)) {
		buf_addf(err, "'%s' is not text or HTML", input);
		return PT_BAD_INPUT;
	}
	if (content_type && strcasestr(content_type, "html"))
		html = 1;
	else if (content_type && str_case_starts_with(content_type, "text/plain"))
		html = extract_sniff_html(data, len);
	else
		html = extract_sniff_html(data, len);
	if (html)
		return extract_html(data, len,
				    content_type_charset(content_type, cs, sizeof(cs)),
				    base, doc, err);
	return extract_text(data, len, doc, err);
}

enum pt_result extract_input(const char *input, const struct fetch_config *fc,
			     const struct rules *r, struct document *doc,
			     struct buf *err)
{
	struct buf data = BUF_INIT;
	enum pt_result res;

	free(doc->input);
	doc->input = xstrdup(input);
	if (is_url(input)) {
		struct fetch_config dflt;
		struct fetched_page page;

		if (!fc) {
			fetch_config_init(&dflt);
			fc = &dflt;
		}
		if (fc->offline) {
			buf_addf(err, "'%s' needs network, and --offline is set", input);
			return PT_NETWORK;
		}
		memset(&page, 0, sizeof(page));
		buf_init(&page.body);
		res = fetch_page(fc, r, input, &page, err);
		if (res != PT_OK)
			return res;
		if (page.status >= 400) {
			buf_addf(err, "'%s' answered HTTP %ld", input, page.status);
			fetched_page_release(&page);
			return PT_NETWORK;
		}
		if (page.truncated)
			pt_warn("extract", "'%s' was cut at %zu bytes", input, page.body.len);
		free(doc->url);
		doc->url = page.final_url ? xstrdup(page.final_url) : NULL;
		res = from_bytes(input, page.body.s, page.body.len, page.content_type,
				 doc->url ? doc->url : input, doc, err);
		fetched_page_release(&page);
		return res;
	}
	res = read_file(input, EXTRACT_MAX_INPUT, &data, err);
	if (res == PT_TOO_BIG) {
		buf_reset(err);
		buf_addf(err, "'%s' is larger than the %zu MiB limit", input,
			 EXTRACT_MAX_INPUT >> 20);
	}
	if (res != PT_OK)
		return res;
	res = from_bytes(input, data.s, data.len, NULL, NULL, doc, err);
	buf_release(&data);
	return res;
}
