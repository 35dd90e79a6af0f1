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
