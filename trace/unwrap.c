/*
 * unwrap.c - offline decoders for link wrappers, and clean URLs.
 *
 * Every decoder reads untrusted bytes (a link pasted by a user, a token in
 * someone else's feed), so each one is bounded, checks every length before
 * using it, and ends with the same test: the decoded target must look like
 * an http(s) URL, or the wrapper counts as failed.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <openssl/evp.h>
#include <pcre2.h>
#include <utf8proc.h>

#include "unwrap.h"
#include "../rules/rules.h"
#include "url.h"

/* Wrapped links are short; anything longer is not decoded at all, so no
 * decoder ever works on megabytes of hostile input. */
#define UNWRAP_MAX_URL   16384
#define UNWRAP_MAX_TOKEN 8192

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

static enum unwrap_status fail(struct buf *why, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static enum unwrap_status fail(struct buf *why, const char *fmt, ...)
{
	va_list ap;

	if (why) {
		va_start(ap, fmt);
		buf_vaddf(why, fmt, ap);
		va_end(ap);
	}
	return UNWRAP_FAILED;
}

/*
 * Non-zero when s (len bytes) looks like an absolute http(s) URL with a
 * host: the only kind of target a decoder may hand back.  Control bytes
 * and NULs are refused so a decoded value cannot smuggle a header or end
 * a string early.
 */
static int looks_like_url(const char *s, size_t len)
{
	size_t skip;

	if (len > UNWRAP_MAX_URL)
		return 0;
	if (len >= 7 && !strncasecmp(s, "http://", 7))
		skip = 7;
	else if (len >= 8 && !strncasecmp(s, "https://", 8))
		skip = 8;
	else
		return 0;
	if (len == skip || strchr("/?#@:", s[skip]))
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return 0;
	}
	return 1;
}

/* Hand target (owned, len bytes) out through *out when it is a URL. */
static enum unwrap_status finish(char *target, size_t len, char **out,
				 struct buf *why, const char *what)
{
	if (!looks_like_url(target, len)) {
		fail(why, "%s is not an http(s) URL: '%.80s'", what, target);
		free(target);
		return UNWRAP_FAILED;
	}
	*out = target;
	return UNWRAP_OK;
}

/* Percent-decode len bytes of s, without '+' as space (paths, tokens);
 * the caller frees the result. */
static char *pct_decode(const char *s, size_t len, size_t *out_len)
{
	return url_unescape(s, len, 0, out_len);
}

/* "http%3A%2F%2F..." : a value encoded twice over, as some wrappers do. */
static int is_encoded_url(const char *s)
{
	return !strncasecmp(s, "http%3a", 7) || !strncasecmp(s, "https%3a", 8);
}

/*
 * Decode base64url (padding optional; '+' and '/' accepted too) with
 * OpenSSL.  Returns 0 with the bytes in out, or -1 when s is not base64.
 */
static int b64url_decode(const char *s, size_t len, struct buf *out)
{
	struct buf in = BUF_INIT;
	size_t pad;
	int n;

	while (len && s[len - 1] == '=')
		len--;
	if (len > UNWRAP_MAX_TOKEN || len % 4 == 1)
		return -1;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '-')
			c = '+';
		else if (c == '_')
			c = '/';
		else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			   (c >= '0' && c <= '9') || c == '+' || c == '/'))
			goto bad;
		buf_addc(&in, c);
	}
	pad = (4 - len % 4) % 4;
	for (size_t i = 0; i < pad; i++)
		buf_addc(&in, '=');
	buf_reset(out);
	if (!in.len) {
		buf_release(&in);
		return 0;
	}
	buf_grow(out, in.len / 4 * 3 + 1);
	n = EVP_DecodeBlock((unsigned char *)out->s, (const unsigned char *)in.s,
			    (int)in.len);
	if (n < 0 || (size_t)n < pad)
		goto bad;
	/* EVP_DecodeBlock counts the zero bytes the padding stands for. */
	out->s[n - (int)pad] = '\0';
	out->len = (size_t)n - pad;
	buf_release(&in);
	return 0;
bad:
	buf_release(&in);
	buf_reset(out);
	return -1;
}

/* ------------------------------------------------------------------ */
/* param:NAME[,NAME...]                                                */
/* ------------------------------------------------------------------ */

/* names is a comma-separated list; the first parameter holding an http(s)
 * URL wins, because Google's /url carries an empty q= beside url=. */
static enum unwrap_status decode_param(const char *names, const char *url,
				       char **out, struct buf *why)
{
	char *bad = NULL, *bad_name = NULL;
	const char *p = names;
	enum unwrap_status st;

	while (*p) {
		size_t n = strcspn(p, ",");
		char *name = xstrndup(p, n);
		char *v = url_query_param(url, name);

		if (v && is_encoded_url(v)) {
			char *again = pct_decode(v, strlen(v), NULL);

			free(v);
			v = again;
		}
		if (v && looks_like_url(v, strlen(v))) {
			free(name);
			free(bad);
			free(bad_name);
			*out = v;
			return UNWRAP_OK;
		}
		if (v && *v && !bad) {
			bad = v;
			bad_name = name;
		} else {
			free(v);
			free(name);
		}
		p += n;
		if (*p == ',')
			p++;
	}
	if (bad)
		st = fail(why, "parameter '%s' is not an http(s) URL: '%.80s'",
			  bad_name, bad);
	else
		st = fail(why, "no '%s' parameter with a URL", names);
	free(bad);
	free(bad_name);
	return st;
}

/* ------------------------------------------------------------------ */
/* Google News tokens                                                  */
/* ------------------------------------------------------------------ */

/*
 * The token is a protobuf message.  Only what the wire format needs is
 * read here: varints, and the four wire types that carry a length we can
 * skip (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32).  Groups (3,
 * 4) are long deprecated and never appear in these tokens: refused.
 */
struct pb_reader {
	const unsigned char *p, *end;
};

/* 0, or -1 when the varint runs past the end or over 10 bytes. */
static int pb_varint(struct pb_reader *pb, uint64_t *v)
{
	uint64_t x = 0;

	for (int shift = 0; shift < 70; shift += 7) {
		unsigned char b;

		if (pb->p >= pb->end)
			return -1;
		b = *pb->p++;
		x |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = x;
			return 0;
		}
	}
	return -1;
}

struct gnews_fields {
	uint64_t kind;                  /* field 1: 0x13 for an article */
	const unsigned char *url;       /* field 4: publisher URL */
	size_t url_len;
	const unsigned char *amp;       /* field 26: AMP URL, often empty */
	size_t amp_len;
	int has_url, has_amp;
};

static int gnews_parse(const unsigned char *data, size_t len,
		       struct gnews_fields *f, struct buf *why)
{
	struct pb_reader pb = { data, data + len };

	memset(f, 0, sizeof(*f));
	while (pb.p < pb.end) {
		uint64_t tag, field, v;
		unsigned wire;

		if (pb_varint(&pb, &tag)) {
			fail(why, "truncated field tag in the Google News token");
			return -1;
		}
		field = tag >> 3;
		wire = (unsigned)(tag & 7);
		if (field == 0) {
			fail(why, "field number 0 in the Google News token");
			return -1;
		}
		switch (wire) {
		case 0:
			if (pb_varint(&pb, &v)) {
				fail(why, "truncated varint in the Google News token");
				return -1;
			}
			if (field == 1)
				f->kind = v;
			break;
		case 1:
		case 5: {
			size_t n = wire == 1 ? 8 : 4;

			if ((size_t)(pb.end - pb.p) < n) {
				fail(why, "fixed-size field past the end of the Google News token");
				return -1;
			}
			pb.p += n;
			break;
		}
		case 2:
			if (pb_varint(&pb, &v)) {
				fail(why, "truncated length in the Google News token");
				return -1;
			}
			if (v > (uint64_t)(pb.end - pb.p)) {
				fail(why, "field length past the end of the Google News token");
				return -1;
			}
			if (field == 4 && !f->has_url) {
				f->url = pb.p;
				f->url_len = (size_t)v;
				f->has_url = 1;
			} else if (field == 26 && !f->has_amp) {
				f->amp = pb.p;
				f->amp_len = (size_t)v;
				f->has_amp = 1;
			}
			pb.p += v;
			break;
		default:
			fail(why, "unsupported wire type %u in the Google News token", wire);
			return -1;
		}
	}
	return 0;
}

static enum unwrap_status decode_gnews(const char *url, char **out,
				       struct buf *why)
{
	char *path = url_path(url);
	struct buf bytes = BUF_INIT;
	struct gnews_fields f;
	enum unwrap_status st;
	const char *token;
	size_t tlen;

	if (!path)
		return fail(why, "no path in the Google News link");
	tlen = strlen(path);
	while (tlen && path[tlen - 1] == '/')
		tlen--;
	token = path + tlen;
	while (token > path && token[-1] != '/')
		token--;
	tlen -= (size_t)(token - path);
	if (!tlen) {
		free(path);
		return fail(why, "no token in the Google News link");
	}
	if (b64url_decode(token, tlen, &bytes)) {
		st = fail(why, "the Google News token '%.40s' is not base64url", token);
		goto done;
	}
	if (gnews_parse((const unsigned char *)bytes.s, bytes.len, &f, why)) {
		st = UNWRAP_FAILED;
		goto done;
	}
	if (f.has_url && f.url_len >= 6 && !memcmp(f.url, "AU_yqL", 6)) {
		st = UNWRAP_NEEDS_NETWORK;
		if (why)
			buf_adds(why, "opaque Google News token: needs network");
		goto done;
	}
	if (f.has_url && f.url_len) {
		st = finish(xstrndup((const char *)f.url, f.url_len), f.url_len,
			    out, why, "the Google News token's URL");
	} else if (f.has_amp && f.amp_len) {
		st = finish(xstrndup((const char *)f.amp, f.amp_len), f.amp_len,
			    out, why, "the Google News token's AMP URL");
	} else {
		st = fail(why, "no publisher URL in the Google News token");
	}
done:
	buf_release(&bytes);
	free(path);
	return st;
}

/* ------------------------------------------------------------------ */
/* AMP viewer and AMP cache                                            */
/* ------------------------------------------------------------------ */

/* Parameters the AMP viewer and cache add for themselves. */
static int amp_param(const char *name, size_t len, void *ctx)
{
	static const char *const own[] = {
		"usqp", "amp_js_v", "amp_gsa", "amp_ct", "amp_tf", "aoh",
	};

	(void)ctx;
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (strlen(own[i]) == len && !memcmp(own[i], name, len))
			return 1;
	return 0;
}

/* rest is "[s/]<host>/<path>" after the viewer's or cache's prefix. */
static enum unwrap_status amp_target(const char *rest, const char *url,
				     char **out, struct buf *why)
{
	const char *scheme = "http";
	char *query = url_query(url), *target, *clean;
	enum unwrap_status st;

	if (!strncmp(rest, "s/", 2)) {
		scheme = "https";
		rest += 2;
	}
	if (!*rest || *rest == '/') {
		free(query);
		return fail(why, "no host after the AMP prefix");
	}
	target = xasprintf("%s://%s%s%s", scheme, rest,
			   query && *query ? "?" : "", query ? query : "");
	free(query);
	clean = url_remove_params(target, amp_param, NULL);
	free(target);
	st = finish(clean, strlen(clean), out, why, "the AMP target");
	return st;
}

static enum unwrap_status decode_google_amp(const char *url, char **out,
					    struct buf *why)
{
	char *path = url_path(url);
	enum unwrap_status st;

	if (!path || strncmp(path, "/amp/", 5)) {
		free(path);
		return fail(why, "not an AMP viewer path");
	}
	st = amp_target(path + 5, url, out, why);
	free(path);
	return st;
}

static enum unwrap_status decode_ampcache(const char *url, char **out,
					  struct buf *why)
{
	static const char *const kinds[] = { "/c/", "/i/", "/r/", "/v/", "/wp/" };
	char *path = url_path(url);
	enum unwrap_status st;

	if (!path)
		return fail(why, "not an AMP cache path");
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (str_starts_with(path, kinds[i])) {
			st = amp_target(path + strlen(kinds[i]), url, out, why);
			free(path);
			return st;
		}
	free(path);
	return fail(why, "not an AMP cache path");
}

/* ------------------------------------------------------------------ */
/* Proofpoint URL Defense                                              */
/* ------------------------------------------------------------------ */

static enum unwrap_status decode_proofpoint_v2(const char *url, char **out,
					       struct buf *why)
{
	char *raw = url_query_param_raw(url, "u");
	size_t len;
	char *dec;

	if (!raw || !*raw) {
		free(raw);
		return fail(why, "no 'u' parameter in the Proofpoint link");
	}
	/* v2 writes '%' as '-' and '/' as '_' so the URL survives mailers. */
	for (char *p = raw; *p; p++) {
		if (*p == '-')
			*p = '%';
		else if (*p == '_')
			*p = '/';
	}
	dec = pct_decode(raw, strlen(raw), &len);
	free(raw);
	return finish(dec, len, out, why, "the Proofpoint v2 target");
}

/* Run length coded by the character after "**": A-Z a-z 0-9 - _ = 2..65. */
static int pp_run_length(char c)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	const char *p = c ? strchr(alphabet, c) : NULL;

	return p ? (int)(p - alphabet) + 2 : -1;
}

/*
 * v3: urldefense.com/v3/__<URL>__;<base64url>!!<customer>!<hash>$ .  Every
 * '*' in <URL> stands for the next character of the decoded bytes, and
 * "**X" for a run of them whose length X codes.  The bytes are UTF-8 and
 * a "character" is a code point, as Proofpoint's own decoder counts them.
 */
static enum unwrap_status decode_proofpoint_v3(const char *url, char **out,
					       struct buf *why)
{
	const char *start = strstr(url, "/v3/__"), *stop, *enc, *enc_end;
	struct buf bytes = BUF_INIT, target = BUF_INIT;
	enum unwrap_status st;
	size_t used = 0, elen;
	char *encoded;

	if (!start)
		return fail(why, "no '/v3/__' in the Proofpoint link");
	start += 6;
	stop = strstr(start, "__;");
	if (!stop || stop == start)
		return fail(why, "no '__;' after the Proofpoint v3 URL");
	enc = stop + 3;
	enc_end = enc + strcspn(enc, "!$");
	if (b64url_decode(enc, (size_t)(enc_end - enc), &bytes))
		return fail(why, "the Proofpoint v3 bytes are not base64url");
	encoded = pct_decode(start, (size_t)(stop - start), &elen);
	for (size_t i = 0; i < elen; i++) {
		int run;

		if (encoded[i] != '*') {
			buf_addc(&target, encoded[i]);
			continue;
		}
		run = 1;
		if (i + 2 < elen && encoded[i + 1] == '*') {
			run = pp_run_length(encoded[i + 2]);
			if (run < 0) {
				st = fail(why, "bad run length '%c' in the Proofpoint v3 URL",
					  encoded[i + 2]);
				goto done;
			}
			i += 2;
		}
		while (run-- > 0) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t n;

			if (used >= bytes.len) {
				st = fail(why, "the Proofpoint v3 URL has more '*' than bytes");
				goto done;
			}
			n = utf8proc_iterate((const utf8proc_uint8_t *)bytes.s + used,
					     (utf8proc_ssize_t)(bytes.len - used), &cp);
			if (n <= 0) {
				st = fail(why, "the Proofpoint v3 bytes are not UTF-8");
				goto done;
			}
			buf_add(&target, bytes.s + used, (size_t)n);
			used += (size_t)n;
		}
	}
	elen = target.len;
	st = finish(buf_detach(&target, NULL), elen, out, why,
		    "the Proofpoint v3 target");
done:
	free(encoded);
	buf_release(&bytes);
	buf_release(&target);
	return st;
}

/* ------------------------------------------------------------------ */
/* Search engines, href.li, Disqus                                     */
/* ------------------------------------------------------------------ */

static enum unwrap_status decode_bing(const char *url, char **out,
				      struct buf *why)
{
	char *u = url_query_param(url, "u");
	struct buf bytes = BUF_INIT;
	size_t len;

	if (!u || strncmp(u, "a1", 2)) {
		free(u);
		return fail(why, "no 'u=a1...' parameter in the Bing link");
	}
	if (b64url_decode(u + 2, strlen(u + 2), &bytes)) {
		free(u);
		return fail(why, "the Bing 'u' parameter is not base64url");
	}
	free(u);
	len = bytes.len;
	return finish(buf_detach(&bytes, NULL), len, out, why, "the Bing target");
}

static enum unwrap_status decode_yahoo_ru(const char *url, char **out,
					  struct buf *why)
{
	const char *ru = strstr(url, "/RU="), *end;
	size_t len;
	char *dec;

	if (!ru)
		return fail(why, "no '/RU=' in the Yahoo link");
	ru += 4;
	end = strstr(ru, "/RK=");
	if (!end)
		end = ru + strcspn(ru, "/?#");
	dec = pct_decode(ru, (size_t)(end - ru), &len);
	return finish(dec, len, out, why, "the Yahoo 'RU' value");
}

/* href.li/?https://example.com/page: everything after the first '?',
 * fragment included, is the target. */
static enum unwrap_status decode_query(const char *url, char **out,
				       struct buf *why)
{
	const char *q = strchr(url, '?');
	char *v;
	size_t len;

	if (!q || !q[1])
		return fail(why, "no URL in the query");
	q++;
	if (is_encoded_url(q)) {
		v = pct_decode(q, strlen(q), &len);
	} else {
		v = xstrdup(q);
		len = strlen(q);
	}
	return finish(v, len, out, why, "the query");
}

/* Disqus appends ":<hash>" to the target's path; a colon in the host part
 * is a port and stays. */
static enum unwrap_status decode_disqus(const char *url, char **out,
					struct buf *why)
{
	static const char hash_chars[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
	char *v = url_query_param(url, "url");
	char *auth, *slash, *colon;

	if (!v)
		return fail(why, "no 'url' parameter in the Disqus link");
	auth = strstr(v, "://");
	if (auth) {
		auth += 3;
		slash = strchr(auth, '/');
		colon = strrchr(slash ? slash : auth, ':');
		if (colon && colon[1] &&
		    strspn(colon + 1, hash_chars) == strlen(colon + 1) &&
		    (slash || strspn(colon + 1, "0123456789") != strlen(colon + 1)))
			*colon = '\0';
	}
	return finish(v, strlen(v), out, why, "the Disqus 'url' parameter");
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                            */
/* ------------------------------------------------------------------ */

static const struct {
	const char *name;
	enum unwrap_status (*fn)(const char *url, char **out, struct buf *why);
} decoders[] = {
	{ "gnews", decode_gnews },
	{ "google-amp", decode_google_amp },
	{ "ampcache", decode_ampcache },
	{ "proofpoint-v2", decode_proofpoint_v2 },
	{ "proofpoint-v3", decode_proofpoint_v3 },
	{ "bing", decode_bing },
	{ "yahoo-ru", decode_yahoo_ru },
	{ "query", decode_query },
	{ "disqus", decode_disqus },
};

int unwrap_decoder_known(const char *decoder)
{
	if (str_starts_with(decoder, "param:"))
		return decoder[6] && decoder[6] != ',' && !strstr(decoder, ",,") &&
		       !str_ends_with(decoder, ",");
	if (!strcmp(decoder, "proofpoint-v1"))
		return 1;
	for (size_t i = 0; i < sizeof(decoders) / sizeof(decoders[0]); i++)
		if (!strcmp(decoder, decoders[i].name))
			return 1;
	return 0;
}

enum unwrap_status unwrap_decode(const char *decoder, const char *url,
				 char **out, struct buf *why)
{
	if (strlen(url) > UNWRAP_MAX_URL)
		return fail(why, "link longer than %d bytes", UNWRAP_MAX_URL);
	if (!unwrap_decoder_known(decoder))
		return fail(why, "unknown decoder '%s'", decoder);
	if (str_starts_with(decoder, "param:"))
		return decode_param(decoder + 6, url, out, why);
	/* v1 is a plain percent-encoded parameter. */
	if (!strcmp(decoder, "proofpoint-v1"))
		return decode_param("u", url, out, why);
	for (size_t i = 0; i < sizeof(decoders) / sizeof(decoders[0]); i++)
		if (!strcmp(decoder, decoders[i].name))
			return decoders[i].fn(url, out, why);
	return fail(why, "unknown decoder '%s'", decoder);
}

/* ------------------------------------------------------------------ */
/* Matching links to wrapper records                                   */
/* ------------------------------------------------------------------ */

static int re_matches(const struct rule_field *f, const char *s)
{
	pcre2_match_data *md;
	int rc;

	if (!f->re)
		return 0;
	md = pcre2_match_data_create_from_pattern(f->re, NULL);
	if (!md)
		return 0;
	rc = pcre2_match(f->re, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0, md,
			 NULL);
	pcre2_match_data_free(md);
	return rc >= 0;
}

static int rule_host_matches(const struct rule *rule, const char *host)
{
	const struct rule_field *f;
	size_t it = 0;

	while ((f = rule_next(rule, "host", &it)))
		if (host_matches(host, f->value))
			return 1;
	it = 0;
	while ((f = rule_next(rule, "host_re", &it)))
		if (re_matches(f, host))
			return 1;
	return 0;
}

enum unwrap_status unwrap_once(const struct rules *r, const char *url,
			       char **out, const char **name, struct buf *why)
{
	enum unwrap_status st = UNWRAP_NONE;
	char *host, *path;

	if (strlen(url) > UNWRAP_MAX_URL || !(host = url_host(url)))
		return UNWRAP_NONE;
	path = url_path(url);
	if (!path)
		path = xstrdup("/");
	for (size_t i = 0; i < rules_total(r); i++) {
		const struct rule *rule = rules_nth(r, i);
		const struct rule_field *pf;
		size_t it = 0;

		if (strcmp(rule->type, "wrapper") || !rule_host_matches(rule, host))
			continue;
		pf = rule_next(rule, "path", &it);
		if (pf && !re_matches(pf, path))
			continue;
		*name = rule_get(rule, "name");
		st = unwrap_decode(rule_get(rule, "decode"), url, out, why);
		break;
	}
	free(host);
	free(path);
	return st;
}

/* ------------------------------------------------------------------ */
/* Clean URLs                                                          */
/* ------------------------------------------------------------------ */

struct clean_ctx {
	const struct rules *r;
	const char *host;
};

static int tracking_param(const char *name, size_t len, void *ctx)
{
	const struct clean_ctx *c = ctx;

	for (size_t i = 0; i < rules_total(c->r); i++) {
		const struct rule *rule = rules_nth(c->r, i);
		const char *p;
		size_t plen, it = 0;
		const struct rule_field *hf;
		int host_ok;

		if (strcmp(rule->type, "tracking") || !(p = rule_get(rule, "param")))
			continue;
		plen = strlen(p);
		if (plen && p[plen - 1] == '*') {
			if (len < plen - 1 || strncasecmp(name, p, plen - 1))
				continue;
		} else if (len != plen || strncasecmp(name, p, plen)) {
			continue;
		}
		/* host= limits a name that means something elsewhere. */
		hf = rule_next(rule, "host", &it);
		host_ok = !hf;
		for (; hf && !host_ok; hf = rule_next(rule, "host", &it))
			host_ok = c->host && host_matches(c->host, hf->value);
		if (host_ok)
			return 1;
	}
	return 0;
}

char *unwrap_clean(const struct rules *r, const char *url)
{
	struct clean_ctx ctx = { r, NULL };
	char *host = url_host(url), *kept, *frag = NULL, *q = NULL, *v = NULL;
	char *out;
	CURLU *u;

	ctx.host = host;
	kept = url_remove_params(url, tracking_param, &ctx);
	free(host);
	u = curl_url();
	if (!u || curl_url_set(u, CURLUPART_URL, kept, CURLU_NON_SUPPORT_SCHEME)) {
		curl_url_cleanup(u);
		return kept;
	}
	/* An empty '?' says nothing, and a text fragment (#:~:text=) is the
	 * sharer's highlight, not the page. */
	if (curl_url_get(u, CURLUPART_QUERY, &q, 0) == CURLUE_OK && q && !*q)
		curl_url_set(u, CURLUPART_QUERY, NULL, 0);
	if (curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0) == CURLUE_OK && frag) {
		char *directive = strstr(frag, ":~:");

		if (directive)
			*directive = '\0';
		if (directive || !*frag)
			curl_url_set(u, CURLUPART_FRAGMENT, *frag ? frag : NULL, 0);
	}
	if (curl_url_get(u, CURLUPART_URL, &v, 0) == CURLUE_OK && v) {
		out = xstrdup(v);
		free(kept);
	} else {
		out = kept;
	}
	curl_free(v);
	curl_free(q);
	curl_free(frag);
	curl_url_cleanup(u);
	return out;
}
