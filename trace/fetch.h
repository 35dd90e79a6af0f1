/*
 * fetch.h - one HTTP(S) request at a time through libcurl, with the safety
 * rules of provtrace: http and https only, no private or loopback address
 * unless allowed (checked on the address actually connected), capped
 * bodies and waits, TLS verification on by default, never a blind follow.
 *
 * A fetch session is one libcurl easy handle with its own cookie jar, kept
 * for the whole of a redirect chain so cookie-gated chains end.
 */
#ifndef PT_FETCH_H
#define PT_FETCH_H

#include <stddef.h>

#include "../src/util.h"

struct fetch_config {
	const char *const *connect_to;  /* curl CONNECT_TO strings */
	size_t nconnect_to;
	const char *cacert;             /* extra CA bundle (tests) */
	int insecure;                   /* no TLS verification */
	int allow_private;              /* allow loopback/private addresses */
	int offline;                    /* never touch the network */
	double connect_timeout;         /* seconds (default 10) */
	double timeout;                 /* seconds per request (default 30) */
	int max_hops;                   /* redirect chain cap (default 20) */
	size_t max_body;                /* body cap in bytes (default 8 MiB) */
	const char *user_agent;         /* NULL: provtrace/VERSION */
};

/* Defaults as documented in provtrace(1). */
void fetch_config_init(struct fetch_config *fc);

struct rules;

/* A page fetched at the end of its redirect chain. */
struct fetched_page {
	char *final_url;        /* after every hop */
	long status;
	char *content_type;     /* Content-Type header value, or NULL */
	struct buf body;        /* capped at max_body */
	int truncated;          /* the cap was reached */
};

/* ---- single requests in a fetch session ----------------------------- */

enum fetch_method { FETCH_GET, FETCH_HEAD };

/* What one request gave.  Initialise with fetch_response_init(), release
 * with fetch_response_release(); fetch_request() releases and refills it. */
struct fetch_response {
	long status;            /* HTTP status; 0 when no response came */
	char *redirect_url;     /* absolute target of a 3xx Location, or NULL;
				   its scheme is NOT checked here */
	char *location;         /* the Location header as sent, or NULL */
	char *refresh;          /* value of a Refresh header, or NULL */
	char *content_type;     /* Content-Type value, or NULL */
	double retry_after;     /* seconds from a Retry-After header; < 0: none */
	struct buf body;        /* GET only; capped at the request's limit */
	int truncated;          /* the body limit was reached (not an error) */
	double ms;              /* total time of the request */
	char *ip;               /* address connected to, or NULL */
	char *tls_subject;      /* HTTPS: leaf certificate subject (RFC 2253) */
	char *tls_issuer;       /* HTTPS: its issuer */
	char *tls_sha256;       /* HTTPS: SHA-256 of the DER, "AB:CD:..." as
				   openssl x509 -fingerprint prints it */
	const char *error_code; /* static: "timeout", "tls", "dns", "refused",
				   "blocked", "network"; NULL on success */
	struct buf error;       /* one-line message when error_code is set */
};

void fetch_response_init(struct fetch_response *r);
void fetch_response_release(struct fetch_response *r);

/*
 * A fetch session: one libcurl easy handle with its cookie jar, reused for
 * every request of one redirect chain (connections and cookies carry
 * over).  fetch_session_new() returns NULL when libcurl cannot make a
 * handle; free with fetch_session_free() (NULL is a no-op).  fc must
 * outlive the session.
 */
struct fetch_session;

struct fetch_session *fetch_session_new(const struct fetch_config *fc);
void fetch_session_free(struct fetch_session *s);

/*
 * One request, never following a redirect.  timeout (seconds, <= 0 for
 * the configured one) bounds the whole request; max_body (0 for the
 * configured cap) bounds the body kept, and a longer body ends the
 * transfer without an error (out->truncated).  Returns PT_OK when a
 * response came (any status), else PT_NETWORK (DNS, connection, TLS,
 * timeout) or PT_BLOCKED (a private address refused by the safety rules)
 * with out->error_code and out->error set.
 */
enum pt_result fetch_request(struct fetch_session *s, const char *url,
			     enum fetch_method method, double timeout,
			     size_t max_body, struct fetch_response *out);

/* A hash of the session's cookie jar: it changes whenever a cookie is
 * added or changed, which is how cookie-gated redirect loops are told
 * from real ones. */
unsigned long long fetch_session_cookie_state(struct fetch_session *s);

/*
 * Non-zero when the address is one provtrace refuses without
 * --allow-private (loopback, private, link-local, multicast, unspecified,
 * shared CGNAT, reserved, IPv4-mapped); *what (if not NULL) names the
 * class ("a loopback address").  sa is a struct sockaddr of AF_INET or
 * AF_INET6.
 */
int fetch_address_is_private(const void *sa, const char **what);

/*
 * Resolve url hop by hop (see resolve.h) and GET the page at the end.
 * On failure returns the result with a one-line message in err; *out is
 * then released.  Release with fetched_page_release().
 */
enum pt_result fetch_page(const struct fetch_config *fc, const struct rules *r,
			  const char *url, struct fetched_page *out,
			  struct buf *err);
void fetched_page_release(struct fetched_page *p);

#endif
