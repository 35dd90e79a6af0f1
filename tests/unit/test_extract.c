/*
 * test_extract.c - the extractor's tricky pieces: plain-text paragraphs,
 * captions and credits, charsets, titles, JSON-LD, links, main-text
 * choice, and the caps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "trace/extract_int.h"

/* The text of block i of doc, as a new string. */
static char *block_text(const struct document *doc, size_t i)
{
	return xstrndup(doc->text.s + doc->blocks[i].start,
			doc->blocks[i].end - doc->blocks[i].start);
}

static void expect_block(const struct document *doc, size_t i,
			 enum block_kind kind, const char *text)
{
	char *t;

	assert_true(i < doc->nblocks);
	t = block_text(doc, i);
	assert_string_equal(t, text);
	assert_int_equal(doc->blocks[i].kind, kind);
	free(t);
}

static void html(const char *page, struct document *doc)
{
	struct buf err = BUF_INIT;

	document_init(doc);
	assert_int_equal(extract_html(page, strlen(page), NULL,
				      "https://news.example/a/b.html", doc, &err), PT_OK);
	buf_release(&err);
}

/* ---- plain text ---------------------------------------------------- */

static void test_text_paragraphs(void **state)
{
	static const char seedlike[] =
		"Search\r\n\r\n"
		"Title of the story - Newsweek\n\n"
		"First line of a paragraph\n  and its second line.\n\n\n"
		"syria, idlib, rebel, funeral, russia, strikes\n"
		"Syrians take part in the funeral, the monitor said. MOHAMMED AL-RIFAI/AFP/Getty Images\n\n"
		"A caption on its own.\n"
		"\n"
		"DELIL SOULEIMAN/AFP via Getty Images\n\n"
		"See https://ift.tt/2TsCG02.\n";
	struct document doc;
	struct buf err = BUF_INIT;

	(void)state;
	document_init(&doc);
	assert_int_equal(extract_text(seedlike, strlen(seedlike), &doc, &err), PT_OK);
	expect_block(&doc, 0, BLOCK_PARAGRAPH, "Search");
	expect_block(&doc, 1, BLOCK_PARAGRAPH, "Title of the story - Newsweek");
	expect_block(&doc, 2, BLOCK_PARAGRAPH,
		     "First line of a paragraph and its second line.");
	expect_block(&doc, 3, BLOCK_OTHER, "syria, idlib, rebel, funeral, russia, strikes");
	expect_block(&doc, 4, BLOCK_CAPTION, "Syrians take part in the funeral, the monitor said.");
	expect_block(&doc, 5, BLOCK_CREDIT, "MOHAMMED AL-RIFAI/AFP/Getty Images");
	/* A credit alone makes the paragraph before it a caption. */
	expect_block(&doc, 6, BLOCK_CAPTION, "A caption on its own.");
	expect_block(&doc, 7, BLOCK_CREDIT, "DELIL SOULEIMAN/AFP via Getty Images");
	expect_block(&doc, 8, BLOCK_PARAGRAPH, "See https://ift.tt/2TsCG02.");
	assert_int_equal(doc.nblocks, 9);
	/* Blocks are joined by exactly one blank line. */
	assert_memory_equal(doc.text.s + doc.blocks[0].end, "\n\nTitle", 7);
	assert_string_equal(doc.title, "Title of the story - Newsweek");
	assert_string_equal(doc.title_clean, "Title of the story");
	assert_string_equal(doc.title_site, "Newsweek");
	assert_int_equal(doc.nlinks, 1);
	assert_string_equal(doc.links[0].href, "https://ift.tt/2TsCG02");
	assert_int_equal(strlen(doc.payload_sha256), 64);
	document_release(&doc);
	buf_release(&err);
}

static void test_text_many_blocks(void **state)
{
	struct buf in = BUF_INIT, err = BUF_INIT;
	struct document doc;

	(void)state;
	for (int i = 0; i < 1000; i++)
		buf_addf(&in, "Paragraph number %d.\n\n", i);
	document_init(&doc);
	assert_int_equal(extract_text(in.s, in.len, &doc, &err), PT_OK);
	assert_int_equal(doc.nblocks, 1000);
	expect_block(&doc, 999, BLOCK_PARAGRAPH, "Paragraph number 999.");
	document_release(&doc);
	/* Released documents are empty and release again harmlessly. */
	document_release(&doc);
	buf_release(&in);
	buf_release(&err);
}

/* ---- credits and keywords ------------------------------------------ */

static void expect_credit(const char *s, const char *credit)
{
	size_t at = extract_credit_start(s, strlen(s));

	if (!credit) {
		assert_int_equal(at, strlen(s));
		return;
	}
	assert_true(at < strlen(s));
	assert_string_equal(s + at, credit);
}

static void test_credits(void **state)
{
	(void)state;
	expect_credit("MOHAMMED AL-RIFAI/AFP/Getty Images", "MOHAMMED AL-RIFAI/AFP/Getty Images");
	expect_credit("The monitor said. DELIL SOULEIMAN/AFP via Getty Images",
		      "DELIL SOULEIMAN/AFP via Getty Images");
	expect_credit("Smoke over the hills. (AP Photo/Sergio Rodrigo)", "(AP Photo/Sergio Rodrigo)");
	expect_credit("Mourners bury fighters. Photo: Omar Haj Kadour/AFP", "Photo: Omar Haj Kadour/AFP");
	expect_credit("Pope Francis waves. REUTERS/Yara Nardi", "REUTERS/Yara Nardi");
	expect_credit("A view of the port. Photograph: Carlos Barria/Reuters",
		      "Photograph: Carlos Barria/Reuters");
	expect_credit("Troops at the border. Getty Images", "Getty Images");
	/* Not credits. */
	expect_credit("The Bush/Cheney era ended.", NULL);
	expect_credit("He said it was a 24/7 operation.", NULL);
	expect_credit("Read it at https://ift.tt/2TsCG02", NULL);
	expect_credit("October 27, 2020 at 06:49AM", NULL);
	expect_credit("", NULL);
}

static void test_keywords(void **state)
{
	(void)state;
	assert_true(extract_keyword_line("syria, idlib, rebel, funeral, russia, strikes", 45));
	assert_true(extract_keyword_line("russia, military, hasakah, syria, convoy", 40));
	assert_false(extract_keyword_line("Syria, Idlib, rebels", 20));
	assert_false(extract_keyword_line("the monitor said, adding more, and more.", 40));
	assert_false(extract_keyword_line("one, two", 8));
}

/* ---- charsets ------------------------------------------------------ */

static void test_charsets(void **state)
{
	/* windows-1252 declared by <meta http-equiv>, past 1024 bytes of
	 * nothing would not count; here it is early. */
	static const char cp1252[] =
		"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
		"</head><body><p>\x93" "Caf\xe9\x94 \x96 8\xa0\x80" " for a paragraph long enough.</p></body></html>";
	static const char latin1[] =
		"<html><head><meta charset='iso-8859-1'></head><body>"
		"<p>\x93quoted\x94 in latin1, read as windows-1252 by browsers.</p></body></html>";
	static const char bom16[] =
		"\xff\xfe<\0p\0>\0\xe9\0t\0\xe9\0<\0/\0p\0>\0";
	struct document doc;
	struct buf err = BUF_INIT;
	char label[64];

	(void)state;
	html(cp1252, &doc);
	expect_block(&doc, 0, BLOCK_PARAGRAPH,
		     "\xe2\x80\x9c" "Caf\xc3\xa9\xe2\x80\x9d \xe2\x80\x93 8 \xe2\x82\xac for a paragraph long enough.");
	document_release(&doc);

	html(latin1, &doc);
	expect_block(&doc, 0, BLOCK_PARAGRAPH,
		     "\xe2\x80\x9cquoted\xe2\x80\x9d in latin1, read as windows-1252 by browsers.");
	document_release(&doc);

	document_init(&doc);
	assert_int_equal(extract_html(bom16, sizeof(bom16) - 1, NULL, NULL, &doc, &err), PT_OK);
	expect_block(&doc, 0, BLOCK_PARAGRAPH, "\xc3\xa9t\xc3\xa9");
	document_release(&doc);

	/* The HTTP header's charset beats <meta>; a BOM beats both. */
	assert_int_equal(charset_detect("<meta charset=utf-8>", 20, "ISO-8859-1", 1,
					label, sizeof(label)), 0);
	assert_string_equal(label, "windows-1252");
	assert_int_equal(charset_detect("\xef\xbb\xbf<meta charset=cp1252>", 24, "latin1", 1,
					label, sizeof(label)), 3);
	assert_string_equal(label, "UTF-8");
	charset_detect("<p>caf\xc3\xa9</p>", 13, NULL, 1, label, sizeof(label));
	assert_string_equal(label, "UTF-8");
	charset_detect("<p>caf\xe9</p>", 12, NULL, 1, label, sizeof(label));
	assert_string_equal(label, "windows-1252");
	/* A charset in a comment does not count. */
	charset_detect("<!-- <meta charset=koi8-r> --><p>x</p>", 38, NULL, 1, label, sizeof(label));
	assert_string_equal(label, "UTF-8");
	buf_release(&err);
}

static void test_utf8_repair(void **state)
{
	struct buf out = BUF_INIT;

	(void)state;
	utf8_repair("a\xff" "b\xe2\x80" "c\0d\xed\xa0\x80" "e", 12, &out);
	assert_string_equal(out.s, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "cd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "e");
	assert_true(utf8_valid(out.s, out.len));
	assert_false(utf8_valid("\xc0\xaf", 2));
	buf_release(&out);
}

/* ---- metadata ------------------------------------------------------ */

static void split(const char *title, const char *clean, const char *site)
{
	struct document doc;

	document_init(&doc);
	doc.title = xstrdup(title);
	extract_split_title(&doc);
	assert_string_equal(doc.title_clean, clean);
	if (site)
		assert_string_equal(doc.title_site, site);
	else
		assert_null(doc.title_site);
	document_release(&doc);
}

static void test_titles(void **state)
{
	(void)state;
	split("Russia Vows 'Solidarity' with Syria - Newsweek",
	      "Russia Vows 'Solidarity' with Syria", "Newsweek");
	split("Biden - Trump debate: a night of interruptions | The Guardian",
	      "Biden - Trump debate: a night of interruptions", "The Guardian");
	split("Wildfire forces thousands to evacuate \xe2\x80\x94 Coastal Herald",
	      "Wildfire forces thousands to evacuate", "Coastal Herald");
	split("Biden - Trump", "Biden - Trump", NULL);
	split("Just a title", "Just a title", NULL);
}

static void test_metadata(void **state)
{
	static const char page[] =
		"<html lang=de><head><title>Headline here | Site</title>"
		"<base href='/base/'>"
		"<link rel=canonical href='/canon'>"
		"<meta property='og:site_name' content='The Site'>"
		"<meta name='syndication-source' content='https://wire.example/x'>"
		"<meta property='article:published_time' content='2020-01-02T03:04:05Z'>"
		"<script type='application/ld+json'>[{\"@type\":\"NewsArticle\","
		"\"author\":\"Jane Roe\",\"datePublished\":\"1999-01-01\","
		"\"isBasedOn\":{\"@type\":\"CreativeWork\",\"url\":\"https://orig.example/y\"},"
		"\"publisher\":\"Pub Inc\"}]</script>"
		"</head><body><p>A paragraph of the body, long enough to count for something."
		" <a href='rel.html'>relative</a> <a href='#top'>top</a>"
		" <a href='mailto:a@b.example'>mail</a></p></body></html>";
	struct document doc;

	(void)state;
	html(page, &doc);
	assert_string_equal(doc.title_clean, "Headline here");
	assert_string_equal(doc.title_site, "Site");
	assert_string_equal(doc.site_name, "The Site");
	assert_string_equal(doc.byline, "Jane Roe");
	assert_string_equal(doc.published, "2020-01-02T03:04:05Z");
	assert_string_equal(doc.publisher, "Pub Inc");
	assert_string_equal(doc.lang, "de");
	assert_string_equal(doc.canonical, "https://news.example/canon");
	assert_string_equal(doc.original_source, "https://wire.example/x");
	assert_string_equal(doc.is_based_on, "https://orig.example/y");
	assert_int_equal(json_array_size((json_t *)doc.jsonld), 1);
	assert_int_equal(doc.nlinks, 2);
	assert_string_equal(doc.links[0].href, "https://news.example/base/rel.html");
	assert_string_equal(doc.links[0].text, "relative");
	assert_string_equal(doc.links[1].href, "mailto:a@b.example");
	document_release(&doc);
}

/* ---- main text ----------------------------------------------------- */

static void test_main_text(void **state)
{
	struct buf page = BUF_INIT;
	struct document doc;

	(void)state;
	buf_adds(&page, "<html><head><title>Story</title></head><body>"
		 "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
		 "<div class='sidebar'><p>Most read: a long list of other stories, one, two, three, four.</p></div>"
		 "<div class='story-body'>"
		 "<h1>Story</h1>");
	for (int i = 0; i < 6; i++)
		buf_addf(&page, "<p>Paragraph %d of the story, with a comma, and enough words to score well.</p>", i);
	buf_adds(&page, "<figure><img src=x.jpg><figcaption>A caption. <span class=credit>Jane Doe/Reuters</span></figcaption></figure>"
		 "<blockquote><p>A quoted passage of some length.</p></blockquote>"
		 "<ul><li>First point of a list</li><li>Second point</li></ul>"
		 "<div class='share-tools'><a href='/s'>Share on Facebook</a></div>"
		 "<p>Last paragraph<br><br>after two breaks.</p>"
		 "</div>"
		 "<div id='comments'><p>A comment, by a reader, who has a lot to say about this.</p></div>"
		 "<footer><p>Copyright, all rights reserved, and so on and so forth.</p></footer>"
		 "</body></html>");
	html(page.s, &doc);
	/* The <h1> that repeats the title is dropped. */
	expect_block(&doc, 0, BLOCK_PARAGRAPH,
		     "Paragraph 0 of the story, with a comma, and enough words to score well.");
	expect_block(&doc, 6, BLOCK_CAPTION, "A caption.");
	expect_block(&doc, 7, BLOCK_CREDIT, "Jane Doe/Reuters");
	expect_block(&doc, 8, BLOCK_QUOTE, "A quoted passage of some length.");
	expect_block(&doc, 9, BLOCK_LIST_ITEM, "First point of a list");
	expect_block(&doc, 10, BLOCK_LIST_ITEM, "Second point");
	expect_block(&doc, 11, BLOCK_PARAGRAPH, "Last paragraph");
	expect_block(&doc, 12, BLOCK_PARAGRAPH, "after two breaks.");
	assert_int_equal(doc.nblocks, 13);
	assert_null(strstr(doc.text.s, "Share"));
	assert_null(strstr(doc.text.s, "comment"));
	assert_null(strstr(doc.text.s, "Most read"));
	assert_non_null(strstr(doc.page_text.s, "Most read"));
	assert_non_null(strstr(doc.page_text.s, "Copyright"));
	document_release(&doc);
	buf_release(&page);
}

static void test_hidden_and_scripts(void **state)
{
	static const char page[] =
		"<html><body><div class=content>"
		"<p>Visible paragraph, long enough to be the main text of the page here.</p>"
		"<p style='display: none'>Hidden paragraph, which a reader never sees at all.</p>"
		"<p hidden>Also hidden, by attribute, from every reader of the page.</p>"
		"<script>var x = 'script text, not for readers';</script>"
		"<style>p { color: red }</style>"
		"<noscript><p>Enable JavaScript, please, to see this.</p></noscript>"
		"</div></body></html>";
	struct document doc;

	(void)state;
	html(page, &doc);
	assert_string_equal(doc.text.s,
			    "Visible paragraph, long enough to be the main text of the page here.");
	assert_null(strstr(doc.page_text.s, "Hidden"));
	assert_null(strstr(doc.page_text.s, "script text"));
	document_release(&doc);
}

/* Headline, byline and "read also" lines in the body; screen-reader
 * text; a subheading in a wrapper of its own. */
static void test_body_chrome(void **state)
{
	static const char page[] =
		"<html><head><title>Mill Creek :: Volunteers restore the old bridge</title></head>"
		"<body><div class=story>"
		"<div class=storyhead>Volunteers restore the old bridge</div>"
		"<div class=info>By Carol Jennings, Staff Writer</div>"
		"<p>After four years, three dinners and 6,000 hours of volunteer work, the bridge is whole again, officials said.</p>"
		"<p><strong>Baca juga:</strong> <a href='/x'>Tanggul Sungai Wulan Jebol, Ribuan Rumah Terendam</a></p>"
		"<figure><img src=a.jpg><figcaption><span class=visually-hidden>Image caption, </span>"
		"The bridge in 1968, before it closed.</figcaption></figure>"
		"<div class=sub><h2>Paying for it</h2></div>"
		"<p>The society raised about $142,000, most of it from local donations and three spaghetti dinners, Hartley said.</p>"
		"<p><a href='https://feeds.example/why'>Let's block ads! (Why?)</a></p>"
		"</div></body></html>";
	struct document doc;

	(void)state;
	html(page, &doc);
	assert_int_equal(doc.nblocks, 5);
	expect_block(&doc, 0, BLOCK_PARAGRAPH,
		     "After four years, three dinners and 6,000 hours of volunteer work, the bridge is whole again, officials said.");
	expect_block(&doc, 1, BLOCK_CAPTION, "The bridge in 1968, before it closed.");
	expect_block(&doc, 2, BLOCK_HEADING, "Paying for it");
	expect_block(&doc, 4, BLOCK_PARAGRAPH, "Let's block ads! (Why?)");
	document_release(&doc);

	/* A lede that starts like a byline stays. */
	html("<html><body><article><p>By Tuesday, the water had reached the second-floor windows.</p>"
	     "<p>More than 800 people in the town were left homeless for weeks, and the Red Cross set up a camp.</p>"
	     "</article></body></html>", &doc);
	assert_int_equal(doc.nblocks, 2);
	expect_block(&doc, 0, BLOCK_PARAGRAPH,
		     "By Tuesday, the water had reached the second-floor windows.");
	document_release(&doc);
}

/* ---- caps ---------------------------------------------------------- */

static void test_deep_nesting(void **state)
{
	struct buf page = BUF_INIT, err = BUF_INIT;
	struct document doc;

	(void)state;
	buf_adds(&page, "<html><body>");
	for (int i = 0; i < 100000; i++)
		buf_adds(&page, "<div>");
	buf_adds(&page, "<p>At the bottom, a paragraph, with commas, of text.</p>");
	for (int i = 0; i < 100000; i++)
		buf_adds(&page, "</div>");
	document_init(&doc);
	assert_int_equal(extract_html(page.s, page.len, NULL, NULL, &doc, &err), PT_OK);
	assert_string_equal(doc.text.s, "At the bottom, a paragraph, with commas, of text.");
	document_release(&doc);
	buf_release(&page);
	buf_release(&err);
}

static void test_too_big(void **state)
{
	struct buf err = BUF_INIT;
	struct document doc;
	char *big = xmalloc(EXTRACT_MAX_INPUT + 1);

	(void)state;
	memset(big, 'a', EXTRACT_MAX_INPUT + 1);
	document_init(&doc);
	assert_int_equal(extract_html(big, EXTRACT_MAX_INPUT + 1, NULL, NULL, &doc, &err),
			 PT_TOO_BIG);
	assert_non_null(strstr(err.s, "larger than"));
	buf_reset(&err);
	assert_int_equal(extract_text(big, EXTRACT_MAX_INPUT + 1, &doc, &err), PT_TOO_BIG);
	document_release(&doc);
	free(big);
	buf_release(&err);
}

static void test_sniff(void **state)
{
	(void)state;
	assert_true(extract_sniff_html("<!DOCTYPE html><p>x", 19));
	assert_true(extract_sniff_html("\xef\xbb\xbf  <html>", 11));
	assert_true(extract_sniff_html("Some text then <div>a</div>", 27));
	assert_false(extract_sniff_html("a < b and c > d", 15));
	assert_false(extract_sniff_html("Plain words.\n\nMore.", 19));
}

/* Fuzzing regression: gumbo 0.10.1 leaks the strings of a DOCTYPE inside
 * <noscript> in <head> (LeakSanitizer, from "<noscript><!DOCTYPE").  The
 * page is defused first; the text must not change. */
static void test_noscript_doctype(void **state)
{
	static const char page[] =
		"<!DOCTYPE html><html><head><noscript><!DOCTYPE evil PUBLIC \"a\" \"b\">"
		"<!doctype x></noscript></head><body><p>A paragraph of text.</p>"
		"</body></html>";
	struct buf out = BUF_INIT;
	struct document doc;

	(void)state;
	assert_int_equal(extract_html_defuse(page, strlen(page), &out), 1);
	assert_int_equal(out.len, strlen(page));
	assert_non_null(strstr(out.s, "<!DOCTYPE html><html>"));
	assert_non_null(strstr(out.s, "<noscript><?DOCTYPE evil"));
	assert_non_null(strstr(out.s, "<?doctype x>"));
	buf_release(&out);
	assert_int_equal(extract_html_defuse("<!DOCTYPE html><p>x", 19, &out), 0);
	assert_int_equal(out.len, 0);
	html(page, &doc);
	assert_string_equal(doc.text.s, "A paragraph of text.");
	document_release(&doc);
	/* The reproducer itself. */
	html("<noscript><!DOCTYPE", &doc);
	document_release(&doc);
}

static size_t count_of(const char *s, const char *what)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, what)); p++)
		n++;
	return n;
}

/* Slow-input regressions: gumbo's work grows with the depth of its stack
 * and the number of open formatting elements.  End tags that close
 * nothing ("<div></span>": 512 KB took 18 s) must not hide the nesting
 * from the cap, and formatting elements re-opened after every block
 * ("<b id=N>" x 500 then "</div><div>x": 240 KB took 49 s and 4.8 GB)
 * are capped. */
static void test_hostile_nesting(void **state)
{
	struct buf page = BUF_INIT, out = BUF_INIT;
	struct document doc;

	(void)state;
	for (int i = 0; i < 20000; i++)
		buf_adds(&page, "<div></span>");
	buf_adds(&page, "<p>Deep text, with commas, of a paragraph.</p>");
	assert_int_equal(extract_html_defuse(page.s, page.len, &out), 1);
	assert_int_equal(count_of(out.s, "<div>"), 512);
	assert_int_equal(count_of(out.s, "</span>"), 20000);
	buf_reset(&out);
	html(page.s, &doc);
	assert_string_equal(doc.text.s, "Deep text, with commas, of a paragraph.");
	document_release(&doc);

	buf_reset(&page);
	buf_adds(&page, "<html><body><div>");
	for (int i = 0; i < 500; i++)
		buf_addf(&page, "<b id=%d>", i);
	for (int i = 0; i < 2000; i++)
		buf_adds(&page, "</div><div>x");
	assert_int_equal(extract_html_defuse(page.s, page.len, &out), 1);
	assert_int_equal(count_of(out.s, "<b id"), 4);
	buf_reset(&out);

	/* Well-formed nesting and links are left alone. */
	buf_reset(&page);
	buf_adds(&page, "<div><span><a href=/a><b><i>x</i></b></a></span>"
		 "<a href=/b><a href=/c><a href=/d><a href=/e><a href=/f>y</a></div>");
	assert_int_equal(extract_html_defuse(page.s, page.len, &out), 0);
	buf_release(&out);
	buf_release(&page);
}

/* Gumbo with max_errors capped stops resetting the name buffer of a
 * duplicate attribute: "<a hidden hidden href=...>" had an attribute
 * "hiddenhref" and lost its link; many duplicates took quadratic time. */
static void test_duplicate_attributes(void **state)
{
	struct document doc;
	struct buf page = BUF_INIT;
	int found = 0;

	(void)state;
	html("<html><head><meta property=og:title property content=\"The og title\">"
	     "</head><body><p>Some text with <a hidden hidden href=\"/linked\">"
	     "a link</a> in it.</p></body></html>", &doc);
	for (size_t i = 0; i < doc.nlinks; i++)
		found |= !strcmp(doc.links[i].href, "https://news.example/linked");
	assert_true(found);
	assert_non_null(doc.title);
	assert_string_equal(doc.title, "The og title");
	document_release(&doc);

	buf_adds(&page, "<p ");
	for (int i = 0; i < 200000; i++)
		buf_adds(&page, "a ");
	buf_adds(&page, "href=x>Text.</p>");
	html(page.s, &doc);
	assert_string_equal(doc.text.s, "Text.");
	document_release(&doc);
	buf_release(&page);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_paragraphs),
		cmocka_unit_test(test_text_many_blocks),
		cmocka_unit_test(test_credits),
		cmocka_unit_test(test_keywords),
		cmocka_unit_test(test_charsets),
		cmocka_unit_test(test_utf8_repair),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_main_text),
		cmocka_unit_test(test_hidden_and_scripts),
		cmocka_unit_test(test_body_chrome),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_noscript_doctype),
		cmocka_unit_test(test_hostile_nesting),
		cmocka_unit_test(test_duplicate_attributes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
