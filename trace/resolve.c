/*
 * resolve.c - hop-by-hop redirect resolution.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gumbo.h>
#include <pcre2.h>

#include "resolve.h"
#include "extract.h"
#include "fetch.h"
#include "unwrap.h"
#include "../rules/rules.h"
#include "../src/url.h"

/* Interstitial pages are small; anything this big is a real page. */
#define HTML_MAX ((size_t)64 << 10)
/* Visible characters above which a page is content, not an interstitial,
 * and a script's location change is not taken as a redirect. */
#define JS_TEXT_MAX 400
/* A meta refresh slower than this reloads a page, it does not redirect. */
#define REFRESH_DELAY_MAX 15.0
/* Nesting of <noscript> text parsed again as HTML. */
#define NOSCRIPT_DEPTH 2
/* 429/503 answers waited out for one URL. */
#define RETRIES_MAX 5
/* The whole chain may take this many times the per-request timeout. */
#define CHAIN_BUDGET_FACTOR 4

/* ------------------------------------------------------------------ */
/* Resolutions                                                         */
/* ------------------------------------------------------------------ */

void resolution_init(struct resolution *res)
{
	memset(res, 0, sizeof(*res));
}

static void hop_release(struct hop *h)
{
	free(h->url);
	free(h->ip);
	free(h->tls_subject);
	free(h->tls_issuer);
	free(h->tls_sha256);
	free(h->wrapper);
}

void resolution_release(struct resolution *res)
{
	for (size_t i = 0; i < res->nhops; i++)
		hop_release(&res->hops[i]);
	free(res->hops);
	free(res->input);
	free(res->final);
	free(res->clean);
	free(res->error_message);
	free(res->wall);
	resolution_init(res);
}

/* Append a hop for url (taken over); returns its index. */
static size_t add_hop(struct resolution *res, char *url, const char *via)
{
	struct hop *h;

	ARRAY_GROW(res->hops, res->hops_cap, res->nhops + 1);
	h = &res->hops[res->nhops];
	memset(h, 0, sizeof(*h));
	h->url = url;
	h->via = via;
	return res->nhops++;
}

static void fail(struct resolution *res, enum pt_result r, const char *code,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void fail(struct resolution *res, enum pt_result r, const char *code,
		 const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	free(res->error_message);
	res->error_message = buf_detach(&msg, NULL);
	res->error_code = code;
	res->result = r;
}

/* ------------------------------------------------------------------ */
/* Client-side redirects in HTML                                       */
/* ------------------------------------------------------------------ */

int resolve_parse_refresh(const char *content, double *delay, char **url)
{
	const char *p = content, *start, *end;
	char quote = 0;

	*url = NULL;
	while (isspace((unsigned char)*p))
		p++;
	start = p;
	while (isdigit((unsigned char)*p) || *p == '.')
		p++;
	if (p == start)
		return -1;
	*delay = strtod(start, NULL);
	while (isspace((unsigned char)*p))
		p++;
	if (*p == ';' || *p == ',')
		p++;
	while (isspace((unsigned char)*p))
		p++;
	if (!*p)
		return 0;
	/* "url" followed by optional spaces and '=' is the key; without
	 * the '=' the letters are the start of the URL itself. */
	if (!strncasecmp(p, "url", 3)) {
		const char *q = p + 3;

		while (isspace((unsigned char)*q))
			q++;
		if (*q == '=') {
			p = q + 1;
			while (isspace((unsigned char)*p))
				p++;
		}
	}
	if (*p == '"' || *p == '\'')
		quote = *p++;
	end = quote && strchr(p, quote) ? strchr(p, quote) : p + strlen(p);
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	if (end > p)
		*url = xstrndup(p, (size_t)(end - p));
	return 0;
}

struct html_scan {
	char *meta_url;         /* first meta refresh target (raw) */
	struct buf scripts;     /* script texts and onload handlers */
	size_t visible;         /* non-space characters a reader sees */
};

static void scan_node(const GumboNode *n, struct html_scan *sc, int depth,
		      int in_hidden);

/* Some parsers hand <noscript> content over as text (the scripting flag
 * on); parse that text again so a meta refresh inside is seen. */
static void scan_fragment(const char *text, size_t len, struct html_scan *sc,
			  int depth)
{
	GumboOutput *out;

	struct buf safe = BUF_INIT;

	if (depth >= NOSCRIPT_DEPTH || !memchr(text, '<', len))
		return;
	if (extract_html_defuse(text, len, &safe)) {
		text = safe.s;
		len = safe.len;
	}
	out = gumbo_parse_with_options(&kGumboDefaultOptions, text, len);
	if (out) {
		scan_node(out->root, sc, depth + 1, 1);
		gumbo_destroy_output(&kGumboDefaultOptions, out);
	}
	buf_release(&safe);
}

static void scan_element(const GumboNode *n, struct html_scan *sc, int depth,
			 int in_hidden)
{
	const GumboElement *e = &n->v.element;
	GumboAttribute *a;
	int hidden = in_hidden;

	switch (e->tag) {
	case GUMBO_TAG_META:
		a = gumbo_get_attribute(&e->attributes, "http-equiv");
		if (a && !sc->meta_url) {
			char *v = str_trim(xstrdup(a->value));

			if (!strcasecmp(v, "refresh")) {
				GumboAttribute *c =
					gumbo_get_attribute(&e->attributes, "content");
				double delay = 0;
				char *u = NULL;

				if (c && !resolve_parse_refresh(c->value, &delay, &u) &&
				    u && delay <= REFRESH_DELAY_MAX)
					sc->meta_url = u;
				else
					free(u);
			}
			free(v);
		}
		return;
	case GUMBO_TAG_SCRIPT:
		for (unsigned i = 0; i < e->children.length; i++) {
			const GumboNode *c = e->children.data[i];

			if (c->type == GUMBO_NODE_TEXT ||
			    c->type == GUMBO_NODE_CDATA) {
				buf_adds(&sc->scripts, c->v.text.text);
				buf_addc(&sc->scripts, '\n');
			}
		}
		return;
	case GUMBO_TAG_BODY:
		a = gumbo_get_attribute(&e->attributes, "onload");
		if (a) {
			buf_adds(&sc->scripts, a->value);
			buf_addc(&sc->scripts, '\n');
		}
		break;
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_HEAD:
	case GUMBO_TAG_NOSCRIPT:
		hidden = 1;
		break;
	default:
		break;
	}
	for (unsigned i = 0; i < e->children.length; i++) {
		const GumboNode *c = e->children.data[i];

		if (e->tag == GUMBO_TAG_NOSCRIPT && c->type == GUMBO_NODE_TEXT)
			scan_fragment(c->v.text.text, strlen(c->v.text.text),
				      sc, depth);
		else
			scan_node(c, sc, depth, hidden);
	}
}

static void scan_node(const GumboNode *n, struct html_scan *sc, int depth,
		      int in_hidden)
{
	switch (n->type) {
	case GUMBO_NODE_DOCUMENT:
		for (unsigned i = 0; i < n->v.document.children.length; i++)
			scan_node(n->v.document.children.data[i], sc, depth,
				  in_hidden);
		break;
	case GUMBO_NODE_ELEMENT:
	case GUMBO_NODE_TEMPLATE:
		scan_element(n, sc, depth, in_hidden);
		break;
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_CDATA:
		if (!in_hidden)
			for (const char *p = n->v.text.text; *p; p++)
				if (!isspace((unsigned char)*p))
					sc->visible++;
		break;
	default:
		break;
	}
}

/* Append the code point cp to b as UTF-8. */
static void add_utf8(struct buf *b, unsigned long cp)
{
	if (cp < 0x80) {
		buf_addc(b, (int)cp);
	} else if (cp < 0x800) {
		buf_addc(b, (int)(0xc0 | cp >> 6));
		buf_addc(b, (int)(0x80 | (cp & 0x3f)));
	} else {
		buf_addc(b, (int)(0xe0 | cp >> 12));
		buf_addc(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		buf_addc(b, (int)(0x80 | (cp & 0x3f)));
	}
}

/* The value of a JavaScript string literal's body ("https:\/\/t.co\/x"). */
static char *js_unescape(const char *s, size_t len)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < len; i++) {
		char hex[5] = { 0 };
		size_t n;

		if (s[i] != '\\' || i + 1 >= len) {
			buf_addc(&b, s[i]);
			continue;
		}
		i++;
		n = s[i] == 'x' ? 2 : s[i] == 'u' ? 4 : 0;
		if (n && i + n < len) {
			memcpy(hex, s + i + 1, n);
			if (strspn(hex, "0123456789abcdefABCDEF") == n) {
				unsigned long cp = strtoul(hex, NULL, 16);

				if (cp)
					add_utf8(&b, cp);
				i += n;
				continue;
			}
		}
		buf_addc(&b, s[i]);
	}
	return buf_detach(&b, NULL);
}

/* Literal location changes; group 2 is the string's body. */
static const char *const js_patterns[] = {
	/* [window.|document.|top.|self.|parent.]location[.href] = "..." */
	"(?<![\\w$])(?:(?:window|document|top|self|parent)\\s*\\.\\s*)*"
	"location(?:\\s*\\.\\s*href)?\\s*=\\s*"
	"([\"'])((?:\\\\.|(?!\\1)[^\\\\\\n])*)\\1",
	/* ...location.replace("...") / .assign("...") */
	"(?<![\\w$])(?:(?:window|document|top|self|parent)\\s*\\.\\s*)*"
	"location\\s*\\.\\s*(?:replace|assign)\\s*\\(\\s*"
	"([\"'])((?:\\\\.|(?!\\1)[^\\\\\\n])*)\\1\\s*\\)",
};

/* The first literal location change in code, or NULL. */
static char *js_redirect(const char *code, size_t len)
{
	size_t best_at = (size_t)-1;
	char *best = NULL;

	for (size_t i = 0; i < sizeof(js_patterns) / sizeof(js_patterns[0]); i++) {
		int err;
		PCRE2_SIZE off;
		pcre2_code *re = pcre2_compile((PCRE2_SPTR)js_patterns[i],
					       PCRE2_ZERO_TERMINATED, 0, &err,
					       &off, NULL);
		pcre2_match_data *md;

		if (!re)
			continue;
		md = pcre2_match_data_create_from_pattern(re, NULL);
		if (md && pcre2_match(re, (PCRE2_SPTR)code, len, 0, 0, md, NULL) > 2) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);

			if (ov[0] < best_at) {
				free(best);
				best = js_unescape(code + ov[4], ov[5] - ov[4]);
				best_at = ov[0];
			}
		}
		pcre2_match_data_free(md);
		pcre2_code_free(re);
	}
	return best;
}

/* Absolute form of a client-side target, or NULL when it goes nowhere
 * (empty, a fragment, javascript:, the page itself). */
static char *client_target(const char *base, const char *raw)
{
	char *t = str_trim(xstrdup(raw));
	char *abs = NULL;

	if (*t && *t != '#' && !str_case_starts_with(t, "javascript:"))
		abs = url_resolve(base, t);
	free(t);
	if (abs && base && !strcmp(abs, base)) {
		free(abs);
		abs = NULL;
	}
	return abs;
}

const char *resolve_html_redirect(const char *html, size_t len,
				  const char *base_url, char **out)
{
	struct html_scan sc = { NULL, BUF_INIT, 0 };
	struct buf safe = BUF_INIT;
	GumboOutput *doc;
	const char *via = NULL;
	char *target = NULL;

	if (len >= HTML_MAX || !len)
		return NULL;
	if (extract_html_defuse(html, len, &safe)) {
		html = safe.s;
		len = safe.len;
	}
	doc = gumbo_parse_with_options(&kGumboDefaultOptions, html, len);
	if (!doc) {
		buf_release(&safe);
		return NULL;
	}
	scan_node(doc->document, &sc, 0, 0);
	gumbo_destroy_output(&kGumboDefaultOptions, doc);
	buf_release(&safe);

	if (sc.meta_url) {
		target = client_target(base_url, sc.meta_url);
		via = "meta-refresh";
	}
	if (!target && sc.scripts.len && sc.visible <= JS_TEXT_MAX) {
		char *raw = js_redirect(sc.scripts.s, sc.scripts.len);

		if (raw) {
			target = client_target(base_url, raw);
			via = "js";
			free(raw);
		}
	}
	free(sc.meta_url);
	buf_release(&sc.scripts);
	if (!target)
		return NULL;
	*out = target;
	return via;
}

/* ------------------------------------------------------------------ */
/* Rules: shorteners and walls                                         */
/* ------------------------------------------------------------------ */

static const struct rule *find_shortener(const struct rules *rules,
					 const char *host)
{
	size_t n = rules_count(rules, "shortener");

	for (size_t i = 0; i < n; i++) {
		const struct rule *r = rules_at(rules, "shortener", i);
		const char *pattern = rule_get(r, "host");

		if (pattern && host_matches(host, pattern))
			return r;
	}
	return NULL;
}

/* Does the regex field match the path and query of url? */
static int path_matches(const struct rule_field *f, const char *url)
{
	char *path = url_path(url), *query = url_query(url);
	char *subject = query ? xasprintf("%s?%s", path ? path : "/", query) :
		xstrdup(path ? path : "/");
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(f->re, NULL);
	int rc = md ? pcre2_match(f->re, (PCRE2_SPTR)subject, strlen(subject),
				  0, 0, md, NULL) : -1;

	pcre2_match_data_free(md);
	free(path);
	free(query);
	free(subject);
	return rc >= 0;
}

static const struct rule *find_wall(const struct rules *rules, const char *url)
{
	size_t n = rules_count(rules, "wall");
	char *host = url_host(url);
	const struct rule *found = NULL;

	if (!host)
		return NULL;
	for (size_t i = 0; i < n && !found; i++) {
		const struct rule *r = rules_at(rules, "wall", i);
		const struct rule_field *f;
		size_t it = 0;
		int host_ok = 0;

		while ((f = rule_next(r, "host", &it)))
			if (host_matches(host, f->value))
				host_ok = 1;
		if (!host_ok)
			continue;
		it = 0;
		f = rule_next(r, "path", &it);
		if (!f || !f->re || path_matches(f, url))
			found = r;
	}
	free(host);
	return found;
}

/* ------------------------------------------------------------------ */
/* Following a chain                                                   */
/* ------------------------------------------------------------------ */

struct visit {
	const char *url;                /* a hop's URL, owned by the hop */
	unsigned long long cookies;
};

struct chain {
	const struct fetch_config *fc;
	const struct rules *rules;
	struct resolution *res;
	struct fetch_session *session;
	struct visit *visits;
	size_t nvisits, visits_cap;
	double t0, deadline;            /* monotonic ms */
	size_t body_cap;
	struct fetch_response last;     /* the last GET */
	size_t last_hop;                /* hop index of that GET */
	int have_last;
	int want_page;                  /* GET every hop: the end is kept */
};

/* Non-zero when url was visited before with the same cookies (a loop);
 * records the visit otherwise. */
static int revisited(struct chain *ch, size_t hop)
{
	const char *url = ch->res->hops[hop].url;
	unsigned long long cookies = fetch_session_cookie_state(ch->session);

	for (size_t i = ch->nvisits; i-- > 0;)
		if (!strcmp(ch->visits[i].url, url))
			return ch->visits[i].cookies == cookies;
	ARRAY_GROW(ch->visits, ch->visits_cap, ch->nvisits + 1);
	ch->visits[ch->nvisits].url = url;
	ch->visits[ch->nvisits].cookies = cookies;
	ch->nvisits++;
	return 0;
}

/*
 * Take the chain from hop `from` to target (raw, taken over).  Returns 0
 * when the chain goes on, -1 after recording why it stops.
 */
static int next_hop(struct chain *ch, size_t from, char *target,
		    const char *via, const char *wrapper)
{
	struct resolution *res = ch->res;
	struct buf err = BUF_INIT;
	char *norm = NULL;
	size_t i;

	if (res->nhops - 1 >= (size_t)ch->fc->max_hops) {
		fail(res, PT_NOT_FOUND, "too-many-hops",
		     "'%s' takes more than %d hops (--max-hops)", res->input,
		     ch->fc->max_hops);
		free(target);
		return -1;
	}
	if (url_normalize(target, &norm, NULL, &err) != PT_OK) {
		char *scheme = url_scheme(target);

		if (scheme && strcmp(scheme, "http") && strcmp(scheme, "https"))
			fail(res, PT_BLOCKED, "blocked",
			     "'%s' leads to '%s', refused: only http and https "
			     "links are followed", res->hops[from].url, target);
		else
			fail(res, PT_NOT_FOUND, "bad-redirect",
			     "'%s' leads to '%s', which is not a usable URL",
			     res->hops[from].url, target);
		free(scheme);
		free(target);
		buf_release(&err);
		return -1;
	}
	free(target);
	buf_release(&err);
	i = add_hop(res, norm, via);
	if (wrapper)
		res->hops[i].wrapper = xstrdup(wrapper);
	return 0;
}

static void sleep_seconds(double s)
{
	struct timespec ts;

	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* A HEAD answer that says nothing about where the link goes. */
static int head_was_odd(enum pt_result r, const struct fetch_response *resp)
{
	if (r != PT_OK)
		return resp->error_code && (!strcmp(resp->error_code, "timeout") ||
					    !strcmp(resp->error_code, "network"));
	switch (resp->status) {
	case 400: case 403: case 404: case 405: case 501:
		return 1;
	}
	/* A server error to HEAD says nothing about GET; 503 is a rate
	 * limit, waited out like any other. */
	if (resp->status >= 500 && resp->status != 503)
		return 1;
	if (resp->status >= 300 && resp->status < 400)
		return !resp->redirect_url;
	/* A shortener answering 200 to HEAD is showing a page, which may be
	 * an interstitial with a meta refresh: only GET tells. */
	return resp->status >= 200 && resp->status < 300;
}

static int is_html(const struct fetch_response *resp)
{
	return !resp->content_type || strcasestr(resp->content_type, "html");
}

/*
 * Request hop i (HEAD first on shorteners, GET otherwise or when HEAD
 * says nothing), waiting out 429/503 answers that fit in the time left.
 * Fills the hop; returns 0 with the answer in *resp, or -1 after recording
 * why the chain stops.
 */
static int request_hop(struct chain *ch, size_t i, struct fetch_response *resp)
{
	struct resolution *res = ch->res;
	const struct fetch_config *fc = ch->fc;
	char *host = url_host(res->hops[i].url);
	int shortener = !ch->want_page && host && find_shortener(ch->rules, host);
	const char *code;
	enum pt_result r;

	free(host);
	for (;;) {
		struct hop *h = &res->hops[i];
		double left = (ch->deadline - now_ms()) / 1000.0;
		double limit = fc->timeout < left ? fc->timeout : left;

		if (limit < 0.5) {
			fail(res, PT_NETWORK, "timeout",
			     "'%s' took longer than the %.0f s the chain may take",
			     res->input, fc->timeout * CHAIN_BUDGET_FACTOR);
			return -1;
		}
		h->ms = 0;
		h->method = "GET";
		if (shortener) {
			/* A hanging HEAD must leave time for the GET. */
			double head_limit = limit / 2 >= 1 ? limit / 2 : limit;

			r = fetch_request(ch->session, h->url, FETCH_HEAD,
					  head_limit, 0, resp);
			h->ms += resp->ms;
			h->method = "HEAD";
			if (head_was_odd(r, resp)) {
				h->method = "HEAD,GET";
				left = (ch->deadline - now_ms()) / 1000.0;
				limit = fc->timeout < left ? fc->timeout : left;
				r = limit >= 0.5 ?
					fetch_request(ch->session, h->url, FETCH_GET,
						      limit, ch->body_cap, resp) : r;
				h->ms += resp->ms;
			}
		} else {
			r = fetch_request(ch->session, h->url, FETCH_GET, limit,
					  ch->body_cap, resp);
			h->ms += resp->ms;
		}
		free(h->ip);
		h->ip = resp->ip ? xstrdup(resp->ip) : NULL;
		if (r != PT_OK) {
			fail(res, r, resp->error_code, "%s", resp->error.s);
			return -1;
		}
		res->requested = 1;
		h->status = resp->status;
		free(h->tls_subject);
		free(h->tls_issuer);
		free(h->tls_sha256);
		h->tls_subject = resp->tls_subject ? xstrdup(resp->tls_subject) : NULL;
		h->tls_issuer = resp->tls_issuer ? xstrdup(resp->tls_issuer) : NULL;
		h->tls_sha256 = resp->tls_sha256 ? xstrdup(resp->tls_sha256) : NULL;
		if (strcmp(h->method, "HEAD")) {
			ch->have_last = 1;
			ch->last_hop = i;
		}
		if (resp->status != 429 && resp->status != 503)
			return 0;

		left = (ch->deadline - now_ms()) / 1000.0;
		if (resp->retry_after >= 0 && resp->retry_after <= fc->timeout &&
		    resp->retry_after + 1 < left && h->retries < RETRIES_MAX) {
			sleep_seconds(resp->retry_after);
			h->retries++;
			continue;
		}
		code = resp->status == 429 ? "rate-limited" : "unavailable";
		if (resp->retry_after >= 0)
			fail(res, PT_NETWORK, code,
			     "'%s' answered %ld and asks to wait %.0f s, more than "
			     "the time left", h->url, resp->status, resp->retry_after);
		else
			fail(res, PT_NETWORK, code,
			     "'%s' answered %ld%s", h->url, resp->status,
			     h->retries ? " again" : " with no Retry-After");
		return -1;
	}
}

/*
 * Process hop i: a wall, a wrapper, or a request.  Returns 1 when the
 * chain goes on (a new hop was added), 0 when hop i is the end, -1 when
 * the chain stopped with an error.
 */
static int step(struct chain *ch, size_t i)
{
	struct resolution *res = ch->res;
	struct fetch_response *resp = &ch->last;
	const struct rule *wall;
	const char *name = NULL;
	struct buf why = BUF_INIT;
	enum unwrap_status st;
	char *target = NULL, *host;
	const char *via;

	if (revisited(ch, i)) {
		fail(res, PT_NOT_FOUND, "loop",
		     "'%s' loops: '%s' comes back with no new cookie",
		     res->input, res->hops[i].url);
		return -1;
	}

	wall = find_wall(ch->rules, res->hops[i].url);
	if (wall) {
		const char *decoder = rule_get(wall, "target");
		const char *wall_name = rule_get(wall, "name");

		if (decoder && unwrap_decode(decoder, res->hops[i].url, &target,
					     &why) == UNWRAP_OK) {
			buf_release(&why);
			return next_hop(ch, i, target, "unwrap", wall_name) ? -1 : 1;
		}
		buf_release(&why);
		res->wall = xstrdup(wall_name ? wall_name : wall->key);
		if (i == 0)
			fail(res, PT_NOT_FOUND, "wall",
			     "'%s' is a wall (%s) that hides the page behind "
			     "it from robots", res->input, res->wall);
		else
			fail(res, PT_NOT_FOUND, "wall",
			     "'%s' ends at a wall (%s: '%s'); the page before "
			     "it is reported instead", res->input, res->wall,
			     res->hops[i].url);
		return -1;
	}

	st = unwrap_once(ch->rules, res->hops[i].url, &target, &name, &why);
	if (st == UNWRAP_OK) {
		buf_release(&why);
		res->requested = 1;
		return next_hop(ch, i, target, "unwrap", name) ? -1 : 1;
	}
	if (ch->fc->offline) {
		host = url_host(res->hops[i].url);
		if (st == UNWRAP_NEEDS_NETWORK || st == UNWRAP_FAILED ||
		    (host && find_shortener(ch->rules, host)))
			fail(res, PT_NOT_FOUND, "needs-network",
			     "'%s' needs the network to go further%s%s (--offline)",
			     res->hops[i].url, why.len ? ": " : "", why.s);
		free(host);
		buf_release(&why);
		return res->error_code ? -1 : 0;
	}
	buf_release(&why);

	if (!ch->session) {
		ch->session = fetch_session_new(ch->fc);
		if (!ch->session) {
			fail(res, PT_INTERNAL, "network", "cannot start libcurl");
			return -1;
		}
	}
	if (request_hop(ch, i, resp))
		return -1;

	if (resp->status >= 300 && resp->status < 400) {
		if (!resp->redirect_url)
			return 0;
		target = resp->redirect_url;
		resp->redirect_url = NULL;
		return next_hop(ch, i, target, "http", NULL) ? -1 : 1;
	}
	if (resp->status < 200 || resp->status >= 300)
		return 0;
	if (resp->refresh) {
		double delay = 0;
		char *raw = NULL;

		if (!resolve_parse_refresh(resp->refresh, &delay, &raw) && raw &&
		    delay <= REFRESH_DELAY_MAX)
			target = client_target(res->hops[i].url, raw);
		free(raw);
		if (target)
			return next_hop(ch, i, target, "meta-refresh", NULL) ? -1 : 1;
	}
	if (is_html(resp) && !resp->truncated &&
	    (via = resolve_html_redirect(resp->body.s, resp->body.len,
					 res->hops[i].url, &target)))
		return next_hop(ch, i, target, via, NULL) ? -1 : 1;
	return 0;
}

/* Credentials out of a string that failed to parse as a URL. */
static char *redact(const char *in)
{
	const char *sep = strstr(in, "://");
	const char *start = sep ? sep + 3 : in;
	size_t n = strcspn(start, "/?#");
	const char *at = memchr(start, '@', n);

	if (!at)
		return xstrdup(in);
	return xasprintf("%.*s%s", (int)(start - in), in, at + 1);
}

static enum pt_result run(const struct fetch_config *fc,
			  const struct rules *rules, const char *url,
			  struct resolution *out, struct fetched_page *page)
{
	struct chain ch;
	struct buf err = BUF_INIT;
	char *input = NULL;
	int more;

	resolution_init(out);
	now_iso8601(out->started);
	memset(&ch, 0, sizeof(ch));
	ch.fc = fc;
	ch.rules = rules;
	ch.res = out;
	ch.t0 = now_ms();
	ch.deadline = ch.t0 + fc->timeout * CHAIN_BUDGET_FACTOR * 1000.0;
	/* For resolving, a page is only read when it may be an interstitial;
	 * for a page to keep, the whole body (up to the cap) is wanted. */
	ch.body_cap = page ? fc->max_body : HTML_MAX;
	ch.want_page = page != NULL;
	fetch_response_init(&ch.last);

	if (url_normalize(url, &input, &out->had_credentials, &err) != PT_OK) {
		char *safe = redact(url), *tmp = NULL;

		out->input = xstrdup(safe);
		buf_reset(&err);
		if (url_normalize(safe, &tmp, NULL, &err) == PT_OK || !err.len) {
			buf_reset(&err);
			buf_addf(&err, "'%s' is not an http or https URL", safe);
		}
		free(tmp);
		free(safe);
		fail(out, PT_BAD_INPUT, "bad-url", "%s", err.s);
		buf_release(&err);
		out->ms = now_ms() - ch.t0;
		return out->result;
	}
	buf_release(&err);
	out->input = xstrdup(input);
	add_hop(out, input, "start");

	for (size_t i = 0; (more = step(&ch, i)) == 1; i++)
		;
	if (more == 0) {
		out->result = PT_OK;
		out->final = xstrdup(out->hops[out->nhops - 1].url);
		out->clean = unwrap_clean(rules, out->final);
		if (page) {
			if (ch.have_last && ch.last_hop == out->nhops - 1) {
				page->final_url = xstrdup(out->final);
				page->status = ch.last.status;
				page->content_type = ch.last.content_type ?
					xstrdup(ch.last.content_type) : NULL;
				page->truncated = ch.last.truncated;
				page->body = ch.last.body;
				buf_init(&ch.last.body);
			} else {
				fail(out, PT_NETWORK, "network",
				     "'%s' gave no page to read", out->final);
			}
		}
	} else if (out->error_code && !strcmp(out->error_code, "wall")) {
		/* The wall is never the end: the page before it is where the
		 * link leads, seen by robots as a wall. */
		if (out->nhops > 1)
			out->final = xstrdup(out->hops[out->nhops - 2].url);
	} else {
		/* Where the chain stopped, as docs/json.md documents. */
		out->final = xstrdup(out->hops[out->nhops - 1].url);
	}
	if (out->final && !out->clean)
		out->clean = unwrap_clean(rules, out->final);
	fetch_response_release(&ch.last);
	fetch_session_free(ch.session);
	free(ch.visits);
	out->ms = now_ms() - ch.t0;
	return out->result;
}

enum pt_result resolve_url(const struct fetch_config *fc,
			   const struct rules *rules, const char *url,
			   struct resolution *out)
{
	return run(fc, rules, url, out, NULL);
}

enum pt_result resolve_fetch(const struct fetch_config *fc,
			     const struct rules *rules, const char *url,
			     struct resolution *out, struct fetched_page *page)
{
	if (page) {
		fetched_page_release(page);
		if (fc->offline) {
			resolution_init(out);
			out->input = xstrdup(url);
			fail(out, PT_NETWORK, "needs-network",
			     "cannot fetch '%s' with --offline", url);
			return out->result;
		}
	}
	return run(fc, rules, url, out, page);
}

/* ------------------------------------------------------------------ */
/* Pages (fetch.h)                                                     */
/* ------------------------------------------------------------------ */

void fetched_page_release(struct fetched_page *p)
{
	if (!p)
		return;
	free(p->final_url);
	free(p->content_type);
	buf_release(&p->body);
	memset(p, 0, sizeof(*p));
	buf_init(&p->body);
}

enum pt_result fetch_page(const struct fetch_config *fc, const struct rules *r,
			  const char *url, struct fetched_page *out,
			  struct buf *err)
{
	struct resolution res;
	enum pt_result rc;

	memset(out, 0, sizeof(*out));
	buf_init(&out->body);
	rc = resolve_fetch(fc, r, url, &res, out);
	if (rc != PT_OK) {
		buf_adds(err, res.error_message ? res.error_message :
			 pt_strerror(rc));
		fetched_page_release(out);
	}
	resolution_release(&res);
	return rc;
}
