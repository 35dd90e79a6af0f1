/*
 * resolve.h - follow a link to where it really goes, hop by hop.
 *
 * A chain is followed one hop at a time and every hop is recorded: link
 * wrappers are decoded offline (unwrap.h), HTTP redirects are taken from
 * the Location of each response (never a blind follow), and small
 * interstitial pages are read for <meta http-equiv=refresh> and literal
 * JavaScript location changes.  Consent walls and bot walls named in the
 * rules ("wall" records) are recognised: one whose target is in the URL is
 * passed, any other ends the chain and is never reported as the end.
 * Shorteners ("shortener" records) are asked with HEAD first, since their
 * answer is a redirect and a page body would be wasted.
 *
 * The safety rules of fetch.h apply at every hop: http and https only,
 * credentials dropped from every URL, private addresses refused, capped
 * hops, bodies and waits.  A URL visited again with no cookie changed
 * since the last visit is a loop; a cookie-gated chain (a site that sets
 * a cookie and redirects back) therefore ends.
 */
#ifndef PT_RESOLVE_H
#define PT_RESOLVE_H

#include <stddef.h>

#include "../src/util.h"

struct rules;
struct fetch_config;
struct fetched_page;

/* One URL of a chain.  via says how the chain came to it:
 * "start" (the input), "http" (a 3xx Location), "meta-refresh" (a meta
 * refresh or Refresh header), "js" (a script), "unwrap" (decoded from the
 * URL before it, without a request). */
struct hop {
	char *url;              /* normalised, no credentials */
	long status;            /* HTTP status of this URL; 0: not requested */
	const char *via;        /* static string, see above */
	const char *method;     /* static: "GET", "HEAD", "HEAD,GET"; NULL */
	double ms;              /* time of its request(s); 0 when none */
	char *ip;               /* address connected to, or NULL */
	char *tls_subject, *tls_issuer, *tls_sha256;  /* HTTPS only, or NULL */
	char *wrapper;          /* unwrap hops: the wrapper or wall decoded */
	int retries;            /* 429/503 answers waited out */
};

struct resolution {
	char *input;            /* normalised input (the raw input, with
				   credentials removed, when it is not a URL) */
	char *final;            /* where the chain ends; on an error, where
				   it stopped (at a wall: the URL before the
				   wall, or NULL when the input is one);
				   NULL for a bad input */
	char *clean;            /* final without tracking parameters, or NULL */
	struct hop *hops;
	size_t nhops, hops_cap;
	enum pt_result result;  /* PT_OK, or why the chain stopped */
	const char *error_code; /* static: "loop", "too-many-hops", "wall",
				   "blocked", "needs-network", "timeout", "tls",
				   "dns", "refused", "network", "rate-limited"
				   (429), "unavailable" (503), "bad-url",
				   "bad-redirect"; NULL on success */
	char *error_message;    /* one line, or NULL */
	char *wall;             /* name of the wall the chain stopped at */
	char started[32];       /* ISO 8601 UTC */
	double ms;              /* wall-clock time of the whole chain */
	int had_credentials;    /* user:password was dropped from the input */
	int requested;          /* some request got an answer, or a wrapper
				   was decoded: worth storing */
};

void resolution_init(struct resolution *res);
/* Frees the contents and re-initialises; the struct itself stays. */
void resolution_release(struct resolution *res);

/*
 * Follow url to its end.  out is initialised here (the caller releases it
 * with resolution_release() whatever the result).  Returns out->result:
 * PT_OK; PT_BAD_INPUT for an input that is not an http(s) URL;
 * PT_NETWORK for DNS, connection, TLS, timeout and rate-limit failures;
 * PT_BLOCKED when a safety rule refused a hop; PT_NOT_FOUND for loops,
 * too many hops, walls and links that need the network in offline mode.
 * rules must hold the shortener, wrapper, wall and tracking records.
 */
enum pt_result resolve_url(const struct fetch_config *fc,
			   const struct rules *rules, const char *url,
			   struct resolution *out);

/*
 * The same, also GETting the page at the end into *page (released first,
 * see fetch.h); the whole chain shares one cookie jar.  page may be NULL.
 */
enum pt_result resolve_fetch(const struct fetch_config *fc,
			     const struct rules *rules, const char *url,
			     struct resolution *out, struct fetched_page *page);

/*
 * A client-side redirect in an HTML page, as browsers would follow it:
 * a <meta http-equiv=refresh> with a URL and a delay of at most 15 s (also
 * inside <noscript>), else on a page with little visible text a literal
 * JavaScript location change (location = "...", location.href = ...,
 * location.replace(...), location.assign(...), on window, document, top,
 * self or parent).  Pages of 64 KiB or more are not read: they are
 * articles, not interstitials.  Returns "meta-refresh", "js" or NULL; on
 * success *out is the target resolved against base_url (the caller frees
 * it with free()); its scheme is not checked.
 */
const char *resolve_html_redirect(const char *html, size_t len,
				  const char *base_url, char **out);

/*
 * Parse the value of a refresh ("5; URL='/next'", "0;url=x", "0, x",
 * "3") into *delay and *url (raw, unresolved; NULL when the value names
 * none; the caller frees it).  Returns 0, or -1 when the value does not
 * start with a delay.
 */
int resolve_parse_refresh(const char *content, double *delay, char **url);

#endif
