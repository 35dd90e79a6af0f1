/*
 * url.h - URL helpers on top of libcurl's URL API (CURLU) and libpsl.
 *
 * libcurl parses, normalises and resolves URLs the way the transfers that
 * follow will see them, so provtrace never parses a URL by hand.  These
 * helpers wrap the handful of operations the tracer needs.  Every returned
 * string is allocated and freed by the caller with free().
 */
#ifndef PT_URL_H
#define PT_URL_H

#include <stddef.h>

#include "util.h"

/*
 * Check that in is an absolute http or https URL and return its normalised
 * form in *out (scheme and host lower-cased, credentials removed, spaces
 * and other unsafe bytes percent-encoded).  On failure returns PT_BAD_INPUT
 * with a message in err ("'htp://x' is not an http or https URL") and
 * leaves *out untouched.  Sets *had_credentials (if not NULL) when a
 * user:password part was dropped.
 */
enum pt_result url_normalize(const char *in, char **out, int *had_credentials,
			     struct buf *err);

/* Scheme of url in lower case ("http"), or NULL when url does not parse. */
char *url_scheme(const char *url);

/*
 * Resolve ref (absolute, relative, protocol-relative or percent-encoded)
 * against base.  Returns the absolute URL or NULL when it cannot be made.
 * The scheme of the result is NOT checked: callers apply their own policy.
 */
char *url_resolve(const char *base, const char *ref);

/* Lower-case host of url, or NULL. */
char *url_host(const char *url);
/* Path of url ("/" at least), or NULL. */
char *url_path(const char *url);
/* Raw (still percent-encoded) query without '?', or NULL when none. */
char *url_query(const char *url);
/* Port of url as the scheme's default when not given, or -1. */
int url_port(const char *url);

/*
 * Value of query parameter name in url, percent-decoded ('+' as space).
 * Returns NULL when absent.  The first occurrence wins.
 */
char *url_query_param(const char *url, const char *name);
/* The same value still percent-encoded, as it stands in the URL. */
char *url_query_param_raw(const char *url, const char *name);

/*
 * Percent-decode len bytes of s (and '+' as space when plus_is_space).
 * Returns a NUL-terminated string; *out_len (may be NULL) gets its length.
 */
char *url_unescape(const char *s, size_t len, int plus_is_space, size_t *out_len);

/*
 * Remove from url every query parameter for which drop(name, ctx) returns
 * non-zero, keeping the order and spelling of the rest.  Returns a new URL
 * (the input unchanged if it does not parse).  The fragment is kept.
 */
char *url_remove_params(const char *url,
			int (*drop)(const char *name, size_t len, void *ctx),
			void *ctx);

/*
 * Registrable domain of host ("www.newsweek.com" -> "newsweek.com",
 * "abasalaka.blogspot.com" stays itself) from the Public Suffix List via
 * libpsl.  Returns the host itself (copied) when no rule applies.
 */
char *url_site(const char *host);

/* Non-zero when host equals pattern or, for "*.example.com", is a subdomain
 * of example.com (or example.com itself).  ASCII case-insensitive. */
int host_matches(const char *host, const char *pattern);

#endif
