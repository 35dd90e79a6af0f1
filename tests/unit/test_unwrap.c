/*
 * test_unwrap.c - offline link unwrapping and clean URLs, on the real
 * built-in rules (so the wrapper and tracking data are tested too).
 *
 * Google News tokens here were built independently with Python's base64
 * and a hand-written protobuf encoder: 08 13 | 22 <varint len> <url> |
 * d2 01 <varint len> <amp url>.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "../rules/rules.h"
#include "../trace/unwrap.h"

static struct rules *R;

static const char NEWSWEEK[] =
	"https://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580";
/* 173 bytes: its length takes a 2-byte varint (ad 01). */
static const char LONG_URL[] =
	"https://www.example-news.com/world/middle-east/2020/10/27/russian-strikes-idlib-kill-dozens-of-turkish-backed-fighters-in-deadliest-attack-since-ceasefire.html?section=world";
static const char TOK_NEWSWEEK[] =
	"CBMiYWh0dHBzOi8vd3d3Lm5ld3N3ZWVrLmNvbS9ydXNzaWEtdm93cy1zb2xpZGFyaXR5LXN5cmlhLWNvbmR1Y3RzLW9uZS13YXJzLWRlYWRsaWVzdC1zdHJpa2VzLTE1NDI1ODDSAQA";
static const char TOK_LONG[] =
	"CBMirQFodHRwczovL3d3dy5leGFtcGxlLW5ld3MuY29tL3dvcmxkL21pZGRsZS1lYXN0LzIwMjAvMTAvMjcvcnVzc2lhbi1zdHJpa2VzLWlkbGliLWtpbGwtZG96ZW5zLW9mLXR1cmtpc2gtYmFja2VkLWZpZ2h0ZXJzLWluLWRlYWRsaWVzdC1hdHRhY2stc2luY2UtY2Vhc2VmaXJlLmh0bWw_c2VjdGlvbj13b3JsZNIBAA";

static int setup(void **state)
{
	struct buf err = BUF_INIT;

	(void)state;
	if (rules_load(&R, NULL, &err) != PT_OK) {
		fprintf(stderr, "rules_load: %s\n", err.s);
		buf_release(&err);
		return -1;
	}
	buf_release(&err);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rules_free(R);
	return 0;
}

/* Unwrap url once and check status, target (when OK), wrapper name and a
 * piece of the explanation (either may be NULL to skip). */
static void expect(const char *url, enum unwrap_status want,
		   const char *target, const char *name, const char *why_part)
{
	char *out = NULL;
	const char *got_name = NULL;
	struct buf why = BUF_INIT;
	enum unwrap_status st = unwrap_once(R, url, &out, &got_name, &why);

	if (st != want)
		fail_msg("'%s': status %d, wanted %d (why: %s, out: %s)", url,
			 (int)st, (int)want, why.s, out ? out : "-");
	if (want == UNWRAP_OK) {
		assert_non_null(out);
		if (target && strcmp(out, target))
			fail_msg("'%s' unwrapped to\n  '%s', wanted\n  '%s'", url,
				 out, target);
	} else {
		assert_null(out);
	}
	if (want == UNWRAP_NONE)
		assert_null(got_name);
	else if (name) {
		assert_non_null(got_name);
		assert_string_equal(got_name, name);
	}
	if (why_part && !strstr(why.s, why_part))
		fail_msg("'%s': why '%s' lacks '%s'", url, why.s, why_part);
	free(out);
	buf_release(&why);
}

static void expect_clean(const char *url, const char *want)
{
	char *got = unwrap_clean(R, url);

	if (strcmp(got, want))
		fail_msg("clean '%s'\n  gave '%s'\n  want '%s'", url, got, want);
	free(got);
}

/* ------------------------------------------------------------------ */

static void test_gnews(void **state)
{
	char url[1024];

	(void)state;
	snprintf(url, sizeof(url), "https://news.google.com/rss/articles/%s?oc=5",
		 TOK_NEWSWEEK);
	expect(url, UNWRAP_OK, NEWSWEEK, "Google News", NULL);
	snprintf(url, sizeof(url),
		 "https://news.google.com/__i/rss/rd/articles/%s?oc=5&hl=en-US&gl=US&ceid=US:en",
		 TOK_NEWSWEEK);
	expect(url, UNWRAP_OK, NEWSWEEK, "Google News", NULL);
	snprintf(url, sizeof(url), "https://news.google.com/read/%s", TOK_NEWSWEEK);
	expect(url, UNWRAP_OK, NEWSWEEK, "Google News", NULL);
	/* Over 128 bytes: the length is a 2-byte varint; known string-slicing
	 * decoders cut these URLs short. */
	assert_true(strlen(LONG_URL) >= 128);
	snprintf(url, sizeof(url), "https://news.google.com/articles/%s?hl=en", TOK_LONG);
	expect(url, UNWRAP_OK, LONG_URL, "Google News", NULL);
	/* Reuters URL, short token. */
	expect("https://news.google.com/rss/articles/CBMiP2h0dHBzOi8vd3d3LnJldXRlcnMuY29tL2FydGljbGUvdXMtc3lyaWEtc2VjdXJpdHktaWRVU0tCTjI3QjFGS9IBAA?oc=5",
	       UNWRAP_OK, "https://www.reuters.com/article/us-syria-security-idUSKBN27B1FK",
	       "Google News", NULL);
	/* Unknown fields of wire types 1, 5 and 2 before field 4 are skipped. */
	expect("https://news.google.com/rss/articles/CBMRAQEBAQEBAQEdAgICAioDYWJjIjVodHRwczovL3d3dy5iYmMuY28udWsvbmV3cy93b3JsZC1taWRkbGUtZWFzdC01NDcwMTA0MtIBAA",
	       UNWRAP_OK, "https://www.bbc.co.uk/news/world-middle-east-54701042",
	       NULL, NULL);
	/* Only field 26 (the AMP URL) set. */
	expect("https://news.google.com/rss/articles/CBPSAR1odHRwczovL2FtcC5leGFtcGxlLmNvbS9hLmFtcA",
	       UNWRAP_OK, "https://amp.example.com/a.amp", NULL, NULL);
}

static void test_gnews_opaque(void **state)
{
	(void)state;
	expect("https://news.google.com/rss/articles/CBMiK0FVX3lxTFB4WjNwN3ZRa0drMWFKOHkybUgwc1c5LXhUNGJSY0U1bkQ2dVbSAQA?oc=5",
	       UNWRAP_NEEDS_NETWORK, NULL, "Google News",
	       "opaque Google News token: needs network");
}

static void test_gnews_malformed(void **state)
{
	(void)state;
	/* A base64 length that cannot be (4n+1), and '=' inside. */
	expect("https://news.google.com/rss/articles/CBMiA", UNWRAP_FAILED, NULL,
	       "Google News", "not base64url");
	expect("https://news.google.com/rss/articles/CB=Mi", UNWRAP_FAILED, NULL,
	       "Google News", "not base64url");
	/* 08 93: the varint of field 1 never ends. */
	expect("https://news.google.com/rss/articles/CJM", UNWRAP_FAILED, NULL,
	       NULL, "truncated varint");
	/* 22 50: field 4 claims 80 bytes, 14 follow. */
	expect("https://news.google.com/rss/articles/CBMiUGh0dHBzOi8veC5jb20v",
	       UNWRAP_FAILED, NULL, NULL, "length past the end");
	/* Field 4 that is not a URL, and one that is javascript:. */
	expect("https://news.google.com/rss/articles/CBMiBWhlbGxv", UNWRAP_FAILED,
	       NULL, NULL, "not an http(s) URL");
	expect("https://news.google.com/rss/articles/CBMiE2phdmFzY3JpcHQ6YWxlcnQoMSk",
	       UNWRAP_FAILED, NULL, NULL, "not an http(s) URL");
	/* Wire type 3 (a group). */
	expect("https://news.google.com/rss/articles/CBMjJA", UNWRAP_FAILED, NULL,
	       NULL, "wire type");
	/* 08 13 alone: no URL at all. */
	expect("https://news.google.com/rss/articles/CBM", UNWRAP_FAILED, NULL,
	       NULL, "no publisher URL");
	/* Pages of Google News that are not articles are not wrappers. */
	expect("https://news.google.com/topics/CAAqJggKIiBDQkFTRWdvSUwyMHZNRGx1YlY4U0FtVnVHZ0pWVXlnQVAB",
	       UNWRAP_NONE, NULL, NULL, NULL);
	expect("https://news.google.com/", UNWRAP_NONE, NULL, NULL, NULL);
}

/* Random tokens must never crash and never yield anything but a URL. */
static void test_gnews_garbage(void **state)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned seed = 12345;
	char url[600];

	(void)state;
	for (int round = 0; round < 3000; round++) {
		size_t n = 4 + (size_t)(round % 400);
		int len = snprintf(url, sizeof(url), "https://news.google.com/rss/articles/%s",
				   round % 2 ? "CBMi" : "");
		char *out = NULL;
		struct buf why = BUF_INIT;
		enum unwrap_status st;

		for (size_t i = 0; i < n && (size_t)len < sizeof(url) - 1; i++) {
			seed = seed * 1103515245u + 12345u;
			url[len++] = alphabet[(seed >> 16) % 64];
		}
		url[len] = '\0';
		st = unwrap_decode("gnews", url, &out, &why);
		if (st == UNWRAP_OK)
			assert_true(!strncmp(out, "http://", 7) || !strncmp(out, "https://", 8));
		else
			assert_null(out);
		free(out);
		buf_release(&why);
	}
}

/* Every decoder on random bytes after its own prefix: no crash, no leak,
 * and nothing but an http(s) URL ever comes out. */
static void test_all_decoders_garbage(void **state)
{
	static const struct {
		const char *decoder, *prefix;
	} cases[] = {
		{ "param:u", "https://l.facebook.com/l.php?u=" },
		{ "param:q,url", "https://www.google.com/url?q=" },
		{ "google-amp", "https://www.google.com/amp/" },
		{ "ampcache", "https://a-b.cdn.ampproject.org/c/" },
		{ "proofpoint-v1", "https://urldefense.proofpoint.com/v1/url?u=" },
		{ "proofpoint-v2", "https://urldefense.proofpoint.com/v2/url?u=" },
		{ "proofpoint-v3", "https://urldefense.com/v3/__" },
		{ "proofpoint-v3", "https://urldefense.com/v3/__https://x.example/*__;" },
		{ "bing", "https://www.bing.com/ck/a?u=a1" },
		{ "yahoo-ru", "https://r.search.yahoo.com/RU=" },
		{ "query", "https://href.li/?" },
		{ "disqus", "https://disq.us/url?url=" },
		{ "gnews", "https://news.google.com/rss/articles/" },
	};
	static const char chars[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		"%%%***___---!!$$;;==&&?/?/::..~+,@#";
	unsigned seed = 777;
	char url[700];

	(void)state;
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
		for (int round = 0; round < 500; round++) {
			int len = snprintf(url, sizeof(url), "%s", cases[c].prefix);
			size_t n = (size_t)(round % 300);
			char *out = NULL;
			const char *name = NULL;
			struct buf why = BUF_INIT;
			enum unwrap_status st;

			if (round % 3 == 0)
				len += snprintf(url + len, sizeof(url) - (size_t)len,
						"https%%3A%%2F%%2F");
			for (size_t i = 0; i < n && (size_t)len < sizeof(url) - 1; i++) {
				seed = seed * 1103515245u + 12345u;
				url[len++] = chars[(seed >> 16) % (sizeof(chars) - 1)];
			}
			url[len] = '\0';
			st = unwrap_decode(cases[c].decoder, url, &out, &why);
			if (st == UNWRAP_OK)
				assert_true(!strncasecmp(out, "http://", 7) ||
					    !strncasecmp(out, "https://", 8));
			else
				assert_null(out);
			free(out);
			out = NULL;
			st = unwrap_once(R, url, &out, &name, &why);
			if (st != UNWRAP_OK)
				assert_null(out);
			free(out);
			buf_release(&why);
		}
}

static void test_google(void **state)
{
	(void)state;
	expect("https://www.google.com/url?q=https://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580&sa=D&source=editors&ust=1603800000000000&usg=AOvVaw1",
	       UNWRAP_OK, NEWSWEEK, "Google redirect", NULL);
	/* Search results: q is empty and url holds the target. */
	expect("https://www.google.com/url?sa=t&rct=j&q=&esrc=s&source=web&cd=1&ved=2ahUKEwi&url=https%3A%2F%2Fwww.aljazeera.com%2Fnews%2F2020%2F10%2F26%2Frussian-air-strikes&usg=AOvVaw0",
	       UNWRAP_OK, "https://www.aljazeera.com/news/2020/10/26/russian-air-strikes",
	       "Google redirect", NULL);
	expect("https://www.google.co.uk/url?q=https%3A%2F%2Fwww.bbc.co.uk%2Fnews%2Fworld-54701042&sa=U",
	       UNWRAP_OK, "https://www.bbc.co.uk/news/world-54701042", NULL, NULL);
	expect("https://google.de/url?q=https%3A%2F%2Fwww.spiegel.de%2Fausland%2Fsyrien&sa=U",
	       UNWRAP_OK, "https://www.spiegel.de/ausland/syrien", NULL, NULL);
	expect("https://www.google.com.au/url?url=https%3A%2F%2Fwww.abc.net.au%2Fnews%2F1",
	       UNWRAP_OK, "https://www.abc.net.au/news/1", NULL, NULL);
	/* A search term is not a target. */
	expect("https://www.google.com/url?q=syria+strikes", UNWRAP_FAILED, NULL,
	       "Google redirect", "not an http(s) URL");
	expect("https://www.google.com/url?sa=t", UNWRAP_FAILED, NULL, NULL,
	       "no 'q,url' parameter");
	/* Look-alike hosts and other Google paths are not wrappers. */
	expect("https://google.evil.example/url?q=https://x.example/", UNWRAP_NONE,
	       NULL, NULL, NULL);
	expect("https://www.google.com.evil.example/url?q=https://x.example/",
	       UNWRAP_NONE, NULL, NULL, NULL);
	expect("https://notgoogle.com/url?q=https://x.example/", UNWRAP_NONE, NULL,
	       NULL, NULL);
	expect("https://www.google.com/search?q=https://x.example/", UNWRAP_NONE,
	       NULL, NULL, NULL);
}

static void test_amp(void **state)
{
	(void)state;
	expect("https://www.google.com/amp/s/www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580%3famp%3d1",
	       UNWRAP_OK,
	       "https://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580%3famp%3d1",
	       "Google AMP viewer", NULL);
	expect("https://www.google.co.uk/amp/s/amp.theguardian.com/world/2020/oct/26/syria-strike?usqp=mq331AQFKAGwASA%3D",
	       UNWRAP_OK, "https://amp.theguardian.com/world/2020/oct/26/syria-strike",
	       "Google AMP viewer", NULL);
	expect("https://www.google.com/amp/www.example.com/story.amp",
	       UNWRAP_OK, "http://www.example.com/story.amp", NULL, NULL);
	expect("https://www.google.com/amp/s/", UNWRAP_FAILED, NULL, NULL, "no host");
	/* AMP cache: c document, i image, r resource; s = https. */
	expect("https://www-newsweek-com.cdn.ampproject.org/c/s/www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580?amp_js_v=0.1&usqp=mq331AQFKAGwASA%3D",
	       UNWRAP_OK, NEWSWEEK, "AMP cache", NULL);
	expect("https://www-example--site-com.cdn.ampproject.org/i/s/www.example-site.com/img/photo.jpg",
	       UNWRAP_OK, "https://www.example-site.com/img/photo.jpg", "AMP cache", NULL);
	expect("https://example-com.cdn.ampproject.org/r/example.com/font.woff2",
	       UNWRAP_OK, "http://example.com/font.woff2", NULL, NULL);
	expect("https://www-example-com.cdn.ampproject.org/v/s/www.example.com/a.amp?page=2&amp_gsa=1&amp_js_v=a6",
	       UNWRAP_OK, "https://www.example.com/a.amp?page=2", NULL, NULL);
	expect("https://cdn.ampproject.org/v0.js", UNWRAP_NONE, NULL, NULL, NULL);
}

static void test_social(void **state)
{
	(void)state;
	expect("https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.newsweek.com%2Frussia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580%3Ffbclid%3DIwAR2xYz&h=AT3abcDEF",
	       UNWRAP_OK, "https://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580?fbclid=IwAR2xYz",
	       "Facebook link shim", NULL);
	expect("https://lm.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fa&h=x",
	       UNWRAP_OK, "https://example.com/a", "Facebook link shim", NULL);
	expect("https://m.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fm&h=x",
	       UNWRAP_OK, "https://example.com/m", NULL, NULL);
	expect("https://www.facebook.com/l.php?u=http%3A%2F%2Fexample.com%2Fw",
	       UNWRAP_OK, "http://example.com/w", NULL, NULL);
	expect("https://l.messenger.com/l.php?u=https%3A%2F%2Fexample.com%2Fmsg&h=AT0",
	       UNWRAP_OK, "https://example.com/msg", "Messenger link shim", NULL);
	expect("https://l.instagram.com/?u=https%3A%2F%2Fexample.com%2Fbio&e=ATM",
	       UNWRAP_OK, "https://example.com/bio", "Instagram link shim", NULL);
	expect("https://l.threads.net/?u=https%3A%2F%2Fexample.com%2Fthread&e=AT0",
	       UNWRAP_OK, "https://example.com/thread", "Threads link shim", NULL);
	expect("https://www.facebook.com/flx/warn/?u=https%3A%2F%2Fexample.com%2Fsuspect&h=AT1",
	       UNWRAP_OK, "https://example.com/suspect", "Facebook link shim", NULL);
	expect("https://l.wl.co/l?u=https%3A%2F%2Fexample.com%2Fwa",
	       UNWRAP_OK, "https://example.com/wa", "WhatsApp link shim", NULL);
	expect("https://t.me/iv?url=https%3A%2F%2Fexample.com%2Fiv&rhash=1a2b3c",
	       UNWRAP_OK, "https://example.com/iv", "Telegram Instant View", NULL);
	expect("https://t.me/durov", UNWRAP_NONE, NULL, NULL, NULL);
	expect("https://slack-redir.net/link?url=https%3A%2F%2Fexample.com%2Fslack",
	       UNWRAP_OK, "https://example.com/slack", "Slack redirect", NULL);
	expect("https://exit.sc/?url=https%3A%2F%2Fexample.com%2Fsc",
	       UNWRAP_OK, "https://example.com/sc", "SoundCloud exit", NULL);
	expect("https://go.skimresources.com/?id=12345X678&xs=1&url=https%3A%2F%2Fshop.example.com%2Fitem%3Fid%3D9",
	       UNWRAP_OK, "https://shop.example.com/item?id=9", "Skimlinks", NULL);
	expect("http://redirect.viglink.com/?key=abc123&u=https%3A%2F%2Fshop.example.com%2Fv",
	       UNWRAP_OK, "https://shop.example.com/v", "VigLink / Sovrn", NULL);
	expect("https://l.facebook.com/l.php?u=javascript%3Aalert(document.cookie)",
	       UNWRAP_FAILED, NULL, NULL, "not an http(s) URL");
	/* facebook.com pages are not wrappers. */
	expect("https://www.facebook.com/newsweek/posts/1", UNWRAP_NONE, NULL, NULL, NULL);

	expect("https://out.reddit.com/t3_jj2abc?url=https%3A%2F%2Fwww.reuters.com%2Fworld%2Fsyria&token=AQAA&app_name=web2x",
	       UNWRAP_OK, "https://www.reuters.com/world/syria", "Reddit outbound", NULL);
	expect("https://t.umblr.com/redirect?z=https%3A%2F%2Fwww.example.com%2Fpost&t=YjQ2&b=t%3A1&p=https%3A%2F%2Fx.tumblr.com",
	       UNWRAP_OK, "https://www.example.com/post", "Tumblr redirect", NULL);
	expect("https://href.li/?https://www.example.com/page?x=1&y=2",
	       UNWRAP_OK, "https://www.example.com/page?x=1&y=2", "href.li (Tumblr)", NULL);
	expect("https://href.li/?https%3A%2F%2Fwww.example.com%2Fenc",
	       UNWRAP_OK, "https://www.example.com/enc", NULL, NULL);
	expect("https://href.li/", UNWRAP_FAILED, NULL, NULL, "no URL");
	expect("https://www.youtube.com/redirect?event=video_description&redir_token=QUFFLUhqbA&q=https%3A%2F%2Fwww.example.com%2Fsource&v=dQw4w9WgXcQ",
	       UNWRAP_OK, "https://www.example.com/source", "YouTube redirect", NULL);
	expect("https://www.linkedin.com/safety/go?url=https%3A%2F%2Fwww.example.com%2Fjob&trk=flagship-messaging-web&messageThreadUrn=urn%3Ali",
	       UNWRAP_OK, "https://www.example.com/job", "LinkedIn safety redirect", NULL);
	expect("https://vk.com/away.php?to=https%3A%2F%2Fria.ru%2F20201026%2Fsiriya.html&cc_key=",
	       UNWRAP_OK, "https://ria.ru/20201026/siriya.html", "VK away", NULL);
	expect("https://medium.com/r/?url=https%3A%2F%2Fwww.example.com%2Fessay",
	       UNWRAP_OK, "https://www.example.com/essay", "Medium redirect", NULL);
	expect("https://medium.com/r/?utm=x", UNWRAP_FAILED, NULL, "Medium redirect",
	       "no 'url' parameter");
	expect("https://disq.us/url?url=https%3A%2F%2Fwww.example.com%2Fstory%2F%3AaBcD3fGhIjK-x_&cuid=3481",
	       UNWRAP_OK, "https://www.example.com/story/", "Disqus redirect", NULL);
	expect("https://disq.us/url?url=https%3A%2F%2Fexample.com%3A8080&cuid=1",
	       UNWRAP_OK, "https://example.com:8080", NULL, NULL);
	expect("https://go.bsky.app/redirect?u=https%3A%2F%2Fwww.example.com%2Fpost%3Fid%3D7",
	       UNWRAP_OK, "https://www.example.com/post?id=7", "Bluesky redirect", NULL);
	expect("https://steamcommunity.com/linkfilter/?url=https://store.example.com/game",
	       UNWRAP_OK, "https://store.example.com/game", "Steam link filter", NULL);
	expect("https://steamcommunity.com/linkfilter/?u=https%3A%2F%2Fstore.example.com%2Fg2",
	       UNWRAP_OK, "https://store.example.com/g2", NULL, NULL);
}

static void test_mail(void **state)
{
	(void)state;
	expect("https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.newsweek.com%2Frussia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580&data=04%7C01%7Cdesk%40example.org%7C8a1f%7C0%7C637393&sdata=Xy%2Bz%3D&reserved=0",
	       UNWRAP_OK, NEWSWEEK, "Outlook Safe Links", NULL);
	expect("https://nam12.safelinks.protection.outlook.com/ap/w-59584e83/?url=https%3A%2F%2Fexample.com%2Fdoc&data=05",
	       UNWRAP_OK, "https://example.com/doc", "Outlook Safe Links", NULL);
	expect("https://statics.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=https%3A%2F%2Fexample.com%2Fteams&locale=en-us",
	       UNWRAP_OK, "https://example.com/teams", "Teams Safe Links", NULL);
	expect("https://linkprotect.cudasvc.com/url?a=https%3a%2f%2fexample.com%2fbarracuda&c=E,1,abc&typo=1",
	       UNWRAP_OK, "https://example.com/barracuda", "Barracuda Link Protection", NULL);
	expect("https://urldefense.proofpoint.com/v1/url?u=http://www.example.com/page.html&k=abc%3D%0A&r=xyz&m=1&s=2",
	       UNWRAP_OK, "http://www.example.com/page.html", "Proofpoint URL Defense v1", NULL);
	expect("https://urldefense.proofpoint.com/v2/url?u=https-3A__www.example.com_news_2020_10_27_story.html-3Fa-3D1-26b-3D2&d=DwMFAg&c=euGZst&r=abc&m=def&s=ghi&e=",
	       UNWRAP_OK, "https://www.example.com/news/2020/10/27/story.html?a=1&b=2",
	       "Proofpoint URL Defense v2", NULL);
	/* v3 without substitutions. */
	expect("https://urldefense.com/v3/__https://www.example.com/path/page.html__;!!ABCdEf!gH1jK2lM$",
	       UNWRAP_OK, "https://www.example.com/path/page.html",
	       "Proofpoint URL Defense v3", NULL);
	/* '*' takes one character of the decoded bytes "é,,,,", "**C" a run
	 * of 4 (A=2, B=3, C=4); é is one character of two bytes. */
	expect("https://urldefense.com/v3/__https://www.example.com/p?x=*&y=1**C2__;w6ksLCws!!XYZ!abc$",
	       UNWRAP_OK, "https://www.example.com/p?x=\xc3\xa9&y=1,,,,2",
	       "Proofpoint URL Defense v3", NULL);
	/* Percent-encoded parts of the URL are decoded first. */
	expect("https://urldefense.com/v3/__https://www.example.com/a*b%20c__;Jg!!XYZ!abc$",
	       UNWRAP_OK, "https://www.example.com/a&b c", NULL, NULL);
	expect("https://urldefense.com/v3/__https://www.example.com/a*b*__;Jg!!XYZ!abc$",
	       UNWRAP_FAILED, NULL, NULL, "more '*' than bytes");
	expect("https://urldefense.com/v3/__https://www.example.com/a**.b__;Jj0!!XYZ!abc$",
	       UNWRAP_FAILED, NULL, NULL, "bad run length");
	expect("https://urldefense.com/v3/__https://www.example.com/a*__;%%%!!XYZ!abc$",
	       UNWRAP_FAILED, NULL, NULL, NULL);
	expect("https://urldefense.com/v3/__https://www.example.com/no-end",
	       UNWRAP_FAILED, NULL, NULL, "no '__;'");
}

static void test_search(void **state)
{
	(void)state;
	expect("https://duckduckgo.com/l/?uddg=https%3A%2F%2Fwww.example.com%2Fresult&rut=8f1d2a",
	       UNWRAP_OK, "https://www.example.com/result", "DuckDuckGo redirect", NULL);
	expect("https://www.bing.com/ck/a?!&&p=3a1b2c&ptn=3&hsh=3&fclid=1f2e&u=a1aHR0cHM6Ly93d3cudGhlZ3VhcmRpYW4uY29tL3dvcmxkLzIwMjAvb2N0LzI2L3J1c3NpYW4tYWlyc3RyaWtlLXN5cmlhLWlkbGli&ntb=1",
	       UNWRAP_OK, "https://www.theguardian.com/world/2020/oct/26/russian-airstrike-syria-idlib",
	       "Bing click", NULL);
	expect("https://www.bing.com/ck/a?u=a1%%%%", UNWRAP_FAILED, NULL, NULL, NULL);
	expect("https://www.bing.com/ck/a?u=https://x.example/", UNWRAP_FAILED,
	       NULL, NULL, "u=a1");
	expect("https://r.search.yahoo.com/_ylt=AwrFG2;_ylu=Y29sbwNiZjE-/RV=2/RE=1603800000/RO=10/RU=https%3a%2f%2fwww.newsweek.com%2frussia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580/RK=2/RS=aBcD-",
	       UNWRAP_OK, NEWSWEEK, "Yahoo search redirect", NULL);
	expect("https://www.bing.com/search?q=syria", UNWRAP_NONE, NULL, NULL, NULL);
}

static void test_not_wrappers(void **state)
{
	(void)state;
	expect(NEWSWEEK, UNWRAP_NONE, NULL, NULL, NULL);
	expect("https://ift.tt/2TsCG02", UNWRAP_NONE, NULL, NULL, NULL);
	expect("https://abasalaka.blogspot.com/2020/10/russia-vows-solidarity.html",
	       UNWRAP_NONE, NULL, NULL, NULL);
	expect("not a url at all", UNWRAP_NONE, NULL, NULL, NULL);
	expect("", UNWRAP_NONE, NULL, NULL, NULL);
}

/* Safe Links -> Google /url -> Facebook l.php -> the article, one layer a
 * call, as the resolver does it. */
static void test_nested(void **state)
{
	static const char *const names[] = {
		"Outlook Safe Links", "Google redirect", "Facebook link shim",
	};
	char *cur = strdup(
		"https://eur02.safelinks.protection.outlook.com/?url="
		"https%3A%2F%2Fwww.google.com%2Furl%3Fq%3D"
		"https%253A%252F%252Fl.facebook.com%252Fl.php%253Fu%253D"
		"https%25253A%25252F%25252Fwww.newsweek.com%25252F"
		"russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580"
		"%2526h%253DAT0%26sa%3DD&data=04&reserved=0");
	size_t step;

	(void)state;
	for (step = 0; step < 10; step++) {
		char *out = NULL;
		const char *name = NULL;
		struct buf why = BUF_INIT;
		enum unwrap_status st = unwrap_once(R, cur, &out, &name, &why);

		buf_release(&why);
		if (st == UNWRAP_NONE)
			break;
		assert_int_equal(st, UNWRAP_OK);
		assert_true(step < 3);
		assert_string_equal(name, names[step]);
		free(cur);
		cur = out;
	}
	assert_int_equal(step, 3);
	assert_string_equal(cur, NEWSWEEK);
	free(cur);
}

static void test_decode_direct(void **state)
{
	char *out = NULL;
	struct buf why = BUF_INIT;
	char *huge;

	(void)state;
	/* The decoder by name, whatever the host. */
	assert_int_equal(unwrap_decode("param:target", "https://example.org/go?target=https%3A%2F%2Fexample.com%2F",
				       &out, &why), UNWRAP_OK);
	assert_string_equal(out, "https://example.com/");
	free(out);
	out = NULL;
	assert_int_equal(unwrap_decode("no-such-decoder", "https://example.org/", &out, &why),
			 UNWRAP_FAILED);
	assert_non_null(strstr(why.s, "unknown decoder 'no-such-decoder'"));
	assert_null(out);
	/* Over the size cap: refused without looking. */
	huge = malloc(40000);
	memset(huge, 'a', 39999);
	memcpy(huge, "https://x.example/?u=", 21);
	huge[39999] = '\0';
	buf_reset(&why);
	assert_int_equal(unwrap_decode("param:u", huge, &out, &why), UNWRAP_FAILED);
	assert_null(out);
	assert_int_equal(unwrap_once(R, huge, &out, &(const char *){ NULL }, &why),
			 UNWRAP_NONE);
	free(huge);
	/* why may be NULL. */
	assert_int_equal(unwrap_decode("gnews", "https://news.google.com/rss/articles/CJM",
				       &out, NULL), UNWRAP_FAILED);
	buf_release(&why);
}

/* Every wrapper record names a decoder this file knows. */
static void test_rules_data(void **state)
{
	size_t n = 0;

	(void)state;
	for (size_t i = 0; i < rules_total(R); i++) {
		const struct rule *rule = rules_nth(R, i);
		struct buf why = BUF_INIT;
		char *out = NULL;

		if (strcmp(rule->type, "wrapper"))
			continue;
		n++;
		if (!unwrap_decoder_known(rule_get(rule, "decode")))
			fail_msg("%s:%d: unknown decoder '%s'", rule->file, rule->line,
				 rule_get(rule, "decode"));
		unwrap_decode(rule_get(rule, "decode"), "https://example.com/", &out, &why);
		if (strstr(why.s, "unknown decoder"))
			fail_msg("%s:%d: %s", rule->file, rule->line, why.s);
		free(out);
		buf_release(&why);
	}
	assert_true(n >= 25);
	assert_true(unwrap_decoder_known("param:u"));
	assert_true(unwrap_decoder_known("param:q,url"));
	assert_true(unwrap_decoder_known("proofpoint-v3"));
	assert_false(unwrap_decoder_known("param:"));
	assert_false(unwrap_decoder_known("param:q,"));
	assert_false(unwrap_decoder_known("param:q,,url"));
	assert_false(unwrap_decoder_known("parm:u"));
	assert_false(unwrap_decoder_known("gnews2"));
	assert_true(rules_count(R, "tracking") >= 20);
}

static void test_clean(void **state)
{
	(void)state;
	expect_clean("https://www.newsweek.com/russia-vows-solidarity-syria-conducts-one-wars-deadliest-strikes-1542580?utm_source=twitter&utm_medium=social&utm_campaign=newsweek&fbclid=IwAR2xYz",
		     NEWSWEEK);
	expect_clean("https://example.com/p?id=5&utm_campaign=x&page=2",
		     "https://example.com/p?id=5&page=2");
	expect_clean("https://example.com/p?gclid=Cj0&id=1#section-2",
		     "https://example.com/p?id=1#section-2");
	expect_clean("https://example.com/p?gclid=Cj0#section-2",
		     "https://example.com/p#section-2");
	/* Text fragments are the sharer's highlight. */
	expect_clean("https://example.com/p#:~:text=Russia%20vows%20solidarity",
		     "https://example.com/p");
	expect_clean("https://example.com/p#sec:~:text=x", "https://example.com/p#sec");
	/* Names compare case-insensitively; prefixes with '*'. */
	expect_clean("https://example.com/p?WT.mc_id=abc&UTM_Source=x&q=1",
		     "https://example.com/p?q=1");
	expect_clean("https://example.com/p?__hstc=1.2&__hssc=3&__hsfp=4&x=y&_hsenc=p2&_hsmi=9",
		     "https://example.com/p?x=y");
	expect_clean("https://example.com/p?mtm_campaign=a&mc_cid=b&mc_eid=c&igshid=d&ref_src=twsrc&cmpid=e&ocid=f&srsltid=g&twclid=h&msclkid=i&yclid=j&dclid=k&_ga=l&_gl=m",
		     "https://example.com/p");
	/* "utm" alone is not utm_*, and a value is not a name. */
	expect_clean("https://example.com/p?utm=1&q=utm_source",
		     "https://example.com/p?utm=1&q=utm_source");
	expect_clean("https://news.google.com/rss/articles/CBMi?oc=5",
		     "https://news.google.com/rss/articles/CBMi");
	expect_clean("https://example.com/p?", "https://example.com/p");
	expect_clean("https://example.com/p", "https://example.com/p");
	/* Host-limited names: Amazon's tag/ref are tracking, others' are not. */
	expect_clean("https://www.amazon.com/dp/B08?tag=aff-20&ref=sr_1&th=1",
		     "https://www.amazon.com/dp/B08?th=1");
	expect_clean("https://example.com/p?tag=syria&ref=home",
		     "https://example.com/p?tag=syria&ref=home");
	/* Not a URL: handed back unchanged. */
	expect_clean("not a url", "not a url");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gnews),
		cmocka_unit_test(test_gnews_opaque),
		cmocka_unit_test(test_gnews_malformed),
		cmocka_unit_test(test_gnews_garbage),
		cmocka_unit_test(test_all_decoders_garbage),
		cmocka_unit_test(test_google),
		cmocka_unit_test(test_amp),
		cmocka_unit_test(test_social),
		cmocka_unit_test(test_mail),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_not_wrappers),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_decode_direct),
		cmocka_unit_test(test_rules_data),
		cmocka_unit_test(test_clean),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
