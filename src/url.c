/*
 * url.c - URL helpers on libcurl's CURLU and libpsl.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <libpsl.h>

#include "url.h"

static char *part(const char *url, CURLUPart what, unsigned flags)
{
	CURLU *u = curl_url();
	char *v = NULL, *out = NULL;

	if (!u)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
	    curl_url_get(u, what, &v, flags) == CURLUE_OK && v) {
		out = xstrdup(v);
		curl_free(v);
	}
	curl_url_cleanup(u);
	return out;
}

char *url_scheme(const char *url)
{
	char *s = part(url, CURLUPART_SCHEME, 0);

	if (s)
		for (char *p = s; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	return s;
}

char *url_host(const char *url)
{
	char *s = part(url, CURLUPART_HOST, 0);

	if (s)
		for (char *p = s; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	return s;
}

char *url_path(const char *url)
{
	return part(url, CURLUPART_PATH, 0);
}

char *url_query(const char *url)
{
	return part(url, CURLUPART_QUERY, 0);
}

int url_port(const char *url)
{
	char *p = part(url, CURLUPART_PORT, CURLU_DEFAULT_PORT);
	long port = p ? strtol(p, NULL, 10) : -1;

	free(p);
	return port >= 0 && port <= 65535 ? (int)port : -1;
}

enum pt_result url_normalize(const char *in, char **out, int *had_credentials,
			     struct buf *err)
{
	CURLU *u;
	char *scheme = NULL, *v = NULL, *user = NULL, *pass = NULL, *host = NULL;
	enum pt_result r = PT_BAD_INPUT;
	CURLUcode rc;

	if (had_credentials)
		*had_credentials = 0;
	if (!*in || strlen(in) > 8192) {
		buf_addf(err, "'%.80s' is not a URL", in);
		return PT_BAD_INPUT;
	}
	u = curl_url();
	if (!u)
		return PT_NOMEM;
	rc = curl_url_set(u, CURLUPART_URL, in,
			  CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE);
	if (rc != CURLUE_OK) {
		buf_addf(err, "'%s' is not a URL: %s", in, curl_url_strerror(rc));
		goto done;
	}
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcasecmp(scheme, "http") && strcasecmp(scheme, "https"))) {
		buf_addf(err, "'%s' is not an http or https URL", in);
		goto done;
	}
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !*host) {
		buf_addf(err, "'%s' has no host", in);
		goto done;
	}
	for (char *h = host; *h; h++)
		*h = (char)tolower((unsigned char)*h);
	curl_url_set(u, CURLUPART_HOST, host, 0);
	curl_url_get(u, CURLUPART_USER, &user, 0);
	curl_url_get(u, CURLUPART_PASSWORD, &pass, 0);
	if (user || pass) {
		/* Credentials never reach the store, a WARC or a report. */
		curl_url_set(u, CURLUPART_USER, NULL, 0);
		curl_url_set(u, CURLUPART_PASSWORD, NULL, 0);
		if (had_credentials)
			*had_credentials = 1;
	}
	if (curl_url_get(u, CURLUPART_URL, &v, 0) != CURLUE_OK) {
		buf_addf(err, "'%s' is not a URL", in);
		goto done;
	}
	*out = xstrdup(v);
	r = PT_OK;
done:
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	curl_free(pass);
	curl_free(v);
	curl_url_cleanup(u);
	return r;
}

char *url_resolve(const char *base, const char *ref)
{
	CURLU *u = curl_url();
	char *v = NULL, *out = NULL;

	if (!u)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, base, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, ref,
			 CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &v, 0) == CURLUE_OK) {
		out = xstrdup(v);
		curl_free(v);
	}
	curl_url_cleanup(u);
	return out;
}

char *url_unescape(const char *s, size_t len, int plus_is_space, size_t *out_len)
{
	struct buf tmp = BUF_INIT;
	const char *src = s;
	char *dec;
	int n = 0;

	/* curl_easy_unescape() reads a length of 0 as "up to the NUL": an
	 * empty value inside a longer string ("?a=&b=c", or bytes with no NUL
	 * at all) would decode what follows it, or read past the end.  More
	 * than INT_MAX bytes libcurl cannot take; callers cap URLs far below. */
	if (!len || len > INT_MAX) {
		if (out_len)
			*out_len = 0;
		return xstrdup("");
	}
	if (plus_is_space) {
		for (size_t i = 0; i < len; i++)
			buf_addc(&tmp, s[i] == '+' ? ' ' : s[i]);
		src = tmp.s;
	}
	dec = curl_easy_unescape(NULL, src, (int)len, &n);
	buf_release(&tmp);
	if (!dec) {
		if (out_len)
			*out_len = 0;
		return xstrdup("");
	}
	tmp.s = xstrndup(dec, (size_t)n);
	curl_free(dec);
	if (out_len)
		*out_len = (size_t)n;
	return tmp.s;
}

/* The raw value of the first parameter called name in url's query, as a
 * pointer into q and a length; NULL when absent. */
static const char *find_param(const char *q, const char *name, size_t *len)
{
	size_t nlen = strlen(name);

	for (const char *p = q; *p; ) {
		size_t seg = strcspn(p, "&");
		const char *eq = memchr(p, '=', seg);
		size_t klen = eq ? (size_t)(eq - p) : seg;

		if (klen == nlen && memcmp(p, name, nlen) == 0) {
			const char *v = eq ? eq + 1 : p + seg;
			*len = (size_t)(p + seg - v);
			return v;
		}
		p += seg;
		if (*p == '&')
			p++;
	}
	return NULL;
}

char *url_query_param(const char *url, const char *name)
{
	char *q = url_query(url), *val = NULL;
	const char *v;
	size_t len;

	if (q && (v = find_param(q, name, &len)))
		val = url_unescape(v, len, 1, NULL);
	free(q);
	return val;
}

char *url_query_param_raw(const char *url, const char *name)
{
	char *q = url_query(url), *val = NULL;
	const char *v;
	size_t len;

	if (q && (v = find_param(q, name, &len)))
		val = xstrndup(v, len);
	free(q);
	return val;
}

char *url_remove_params(const char *url,
			int (*drop)(const char *name, size_t len, void *ctx),
			void *ctx)
{
	CURLU *u = curl_url();
	char *q = NULL, *v = NULL, *out = NULL;
	struct buf kept = BUF_INIT;

	if (!u)
		return xstrdup(url);
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_QUERY, &q, 0) != CURLUE_OK || !q) {
		curl_url_cleanup(u);
		return xstrdup(url);
	}
	for (const char *p = q; *p; ) {
		const char *amp = strchr(p, '&');
		size_t seg = amp ? (size_t)(amp - p) : strlen(p);
		const char *eq = memchr(p, '=', seg);
		size_t klen = eq ? (size_t)(eq - p) : seg;

		if (seg && !drop(p, klen, ctx)) {
			if (kept.len)
				buf_addc(&kept, '&');
			buf_add(&kept, p, seg);
		}
		p += seg;
		if (*p == '&')
			p++;
	}
	curl_url_set(u, CURLUPART_QUERY, kept.len ? kept.s : NULL, 0);
	if (curl_url_get(u, CURLUPART_URL, &v, 0) == CURLUE_OK)
		out = xstrdup(v);
	else
		out = xstrdup(url);
	curl_free(v);
	curl_free(q);
	buf_release(&kept);
	curl_url_cleanup(u);
	return out;
}

char *url_site(const char *host)
{
	const psl_ctx_t *psl = psl_builtin();
	const char *reg = NULL;

	if (psl)
		reg = psl_registrable_domain(psl, host);
	return xstrdup(reg ? reg : host);
}

int host_matches(const char *host, const char *pattern)
{
	size_t h, p;

	if (str_starts_with(pattern, "*.")) {
		pattern += 2;
		h = strlen(host);
		p = strlen(pattern);
		if (h == p)
			return strcasecmp(host, pattern) == 0;
		return h > p && host[h - p - 1] == '.' &&
		       strcasecmp(host + h - p, pattern) == 0;
	}
	return strcasecmp(host, pattern) == 0;
}
