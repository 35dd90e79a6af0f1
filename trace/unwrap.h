/*
 * unwrap.h - offline decoding of link wrappers, and clean URLs.
 *
 * Many links carry their target inside them: Google News article tokens
 * (a protobuf message in base64url), Google /url redirects, AMP viewers
 * and caches, Facebook l.php, Outlook Safe Links, Proofpoint URL Defense,
 * Bing /ck/a and many more (FACTS.md lists them).  These decode without a
 * request.  Which hosts and paths are wrappers, and which decoder each
 * uses, is rule data ("wrapper" records in rules/data/wrappers.rules); the
 * decoders themselves are here.
 *
 * Tracking parameters ("tracking" records: utm_*, fbclid, ...) are removed
 * by unwrap_clean() to give the clean form of a URL.
 */
#ifndef PT_UNWRAP_H
#define PT_UNWRAP_H

#include "../src/util.h"

struct rules;

enum unwrap_status {
	UNWRAP_NONE,            /* not a wrapper known to the rules */
	UNWRAP_OK,              /* decoded: *out holds the target */
	UNWRAP_NEEDS_NETWORK,   /* a wrapper whose target needs a request
				   (e.g. Google News AU_yqL tokens) */
	UNWRAP_FAILED           /* looked like a wrapper, but did not decode */
};

/*
 * Decode url once if it is a wrapper.  On UNWRAP_OK *out is the target URL
 * (the caller frees it with free()); on every status but UNWRAP_NONE *name
 * is the wrapper's name from the rules (owned by r) and why may receive a
 * short explanation ("needs network: opaque AU_yqL token").  The target is
 * NOT checked for scheme or safety: the caller applies its policy.
 */
enum unwrap_status unwrap_once(const struct rules *r, const char *url,
			       char **out, const char **name, struct buf *why);

/*
 * Decode one wrapper by decoder name ("param:u", "gnews", "proofpoint-v3",
 * ...) regardless of host: the rules say which decoder a host uses.
 * Returns the status as unwrap_once() does.
 */
enum unwrap_status unwrap_decode(const char *decoder, const char *url,
				 char **out, struct buf *why);

/* Non-zero when decoder names a decoder of unwrap_decode(): lets a rules
 * check catch "decode=parm:u" before a link meets it. */
int unwrap_decoder_known(const char *decoder);

/* url with tracking parameters removed; the caller frees it. */
char *unwrap_clean(const struct rules *r, const char *url);

#endif
