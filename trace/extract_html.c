/*
 * extract_html.c - HTML pages: parsing, and the main-text scorer.
 *
 * The scorer follows Mozilla's Readability (the reference the issue sets):
 *
 * 1. One pass over the gumbo tree, with an explicit stack so any nesting
 *    depth is safe, flattens the page into elements (pre-order, with
 *    parent and subtree range) and text blocks (the inline text between
 *    block-level boundaries; two <br> in a row also end a block).  Each
 *    element gets a class/id weight (+-25) and flags inherited down the
 *    tree: boilerplate by tag (nav, aside, footer, header, dialog), unlikely
 *    by class/id (comment, share, social, sidebar, related, promo, ad,
 *    newsletter, menu, breadcrumb, cookie ...), hidden, link, figure,
 *    caption, credit, quote, list item, heading.
 * 2. Every paragraph-like block of 25+ characters outside boilerplate
 *    scores 1 + commas + min(length/100, 3) for its parent (full), its
 *    grandparent (half) and three more ancestors (divided by 3*level);
 *    each candidate starts from its tag's and class's weight; then scales
 *    by 1 - link density.
 * 3. The best candidate climbs to a common ancestor of the alternative
 *    candidates, or to a parent that scores more than it; then siblings
 *    that score at least max(10, 0.2 * best), and sibling paragraphs
 *    with little link text, join it.
 * 4. Inside the chosen elements, containers are cleaned the way
 *    Readability's _cleanConditionally does (negative weight, many links,
 *    many images or inputs for few paragraphs).
 * 4b. Lines that are chrome wherever they stand go: "Advertisement",
 *    in-body pointers to other stories ("RELATED: <link>", "Baca juga:
 *    <link>" and kin in other languages), and at the top of the body the
 *    headline and byline repeated.  Screen-reader-only text is hidden.
 * 5. Less than 500 characters of text?  Retry without the class/id
 *    exclusions, then without weights, then without cleaning; keep the
 *    longest result.
 *
 * Captions (<figcaption>, class *caption*, text in a <figure>) become
 * BLOCK_CAPTION, credits (class credit/copyright/photographer, <small> or
 * <cite> in a figure, or a "NAME/AGENCY/Getty Images" tail of a caption)
 * BLOCK_CREDIT.  page_text is every visible block of the page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "extract_int.h"
#include "url.h"

/* Element flags; the F_INHERIT ones pass from parent to child. */
enum {
	F_BOILER    = 1 << 0,   /* nav, aside, footer ... */
	F_UNLIKELY  = 1 << 1,   /* class/id says comments, share, ads ... */
	F_HIDDEN    = 1 << 2,
	F_LINK      = 1 << 3,
	F_FIGURE    = 1 << 4,
	F_CAPTION   = 1 << 5,
	F_CREDIT    = 1 << 6,
	F_QUOTE     = 1 << 7,
	F_LI        = 1 << 8,
	F_HEADING   = 1 << 9,
	F_BLOCK     = 1 << 10,  /* this element is a block boundary */
	F_PRE       = 1 << 11,
	F_H1        = 1 << 12,
};

struct el {
	int parent;             /* index, -1 for the root */
	int end;                /* one past the last descendant */
	int first_block;        /* first block whose element this is, or -1 */
	GumboTag tag;
	const GumboNode *node;
	unsigned flags;
	int weight;             /* class/id weight */
	int scored;
	double score;
	size_t text_len, link_len, commas;
	size_t content_len;     /* text outside boilerplate */
	size_t heading_len;     /* text in headings */
	int n_p, n_img, n_li, n_input, n_embed;
	int drop;
};

struct xblock {
	size_t start, len;      /* in ctx.pool */
	size_t link_len;
	size_t commas;
	int el;                 /* innermost block element */
	unsigned flags;
};

struct ctx {
	struct el *els;
	size_t nels, cap_els;
	struct xblock *blocks;
	size_t nblocks, cap_blocks;
	struct buf pool;        /* block texts */
	struct buf cur;         /* text of the block being built */
	size_t cur_link;        /* link bytes in cur */
	int body;               /* index of <body>, or -1 */
	const char *base;
	struct document *doc;
	struct buf link_text;   /* anchor text of the open <a> */
	const char *link_href;
	int in_link;
};

/* ====================================================================
 * Class and id hints (Readability's regular expressions, extended with
 * the boilerplate of news sites)
 * ==================================================================== */

static const char unlikely_pattern[] =
	"-ad-|ai2html|banner|breadcrumb|combx|comment(?!ary)|community|cover-wrap"
	"|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies"
	"|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break"
	"|agegate|pagination|pager|popup|yom-remote|share|sharing|promo"
	"|newsletter|subscribe|signup|sign-up|cookie|consent|outbrain|taboola"
	"|masthead|toolbar|author-bio|recirc|trending|most-popular|mostread"
	"|most-read|more-stories|read-more|readmore|advert|sponsored|jump-link"
	"|hidden-print|visually-hidden|sr-only|skip-link|skip-to|tag-list"
	"|topics-list|paywall|modal|overlay|donate|follow-us|post-labels"
	"|post-footer|post-share|blog-pager|feed-links|(?:^|[\\s_-])nav(?:$|[\\s_-])"
	"|navbar|navigation|(?:^|[\\s_-])(?:ad|ads|adv|dfp|gpt|adslot|ad-slot"
	"|adsbygoogle|adunit|ad-unit|ad-container|ad-wrapper)(?:$|[\\s_-])";

static const char maybe_pattern[] =
	"article|body|column|content|main|shadow|entry|story|post-text|text";

static const char positive_pattern[] =
	"article|body|content|entry|hentry|h-entry|main|page|pagination|post"
	"|text|blog|story";

static const char negative_pattern[] =
	"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment(?!ary)|com-"
	"|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related"
	"|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags"
	"|widget|newsletter|social|subscribe|advert";

/* Text only screen readers get: a sighted reader never sees it ("Image
 * caption, ", "Posted on"). */
static const char sr_only_pattern[] =
	"screen-reader|visually-?hidden|sr-only|a11y-hidden|assistive-text"
	"|offscreen|off-screen";

static const char caption_pattern[] = "caption|wp-caption-text|figcaption";
static const char credit_class_pattern[] =
	"credit|copyright|photographer|attribution|image-source|photo-source"
	"|byline|courtesy";

enum { RE_UNLIKELY, RE_MAYBE, RE_POSITIVE, RE_NEGATIVE, RE_CAPTION,
       RE_CREDIT, RE_SR_ONLY, RE_COUNT };

static pcre2_code *hint_re[RE_COUNT];
static pcre2_match_data *hint_md;

static void compile_hints(void)
{
	const char *pats[RE_COUNT] = {
		unlikely_pattern, maybe_pattern, positive_pattern,
		negative_pattern, caption_pattern, credit_class_pattern,
		sr_only_pattern
	};
	int errcode;
	PCRE2_SIZE erroff;

	if (hint_md)
		return;
	for (int i = 0; i < RE_COUNT; i++)
		hint_re[i] = pcre2_compile((PCRE2_SPTR)pats[i], PCRE2_ZERO_TERMINATED,
					   PCRE2_CASELESS, &errcode, &erroff, NULL);
	hint_md = pcre2_match_data_create(4, NULL);
}

static int hint(int which, const char *s)
{
	if (!s || !*s || !hint_re[which])
		return 0;
	return pcre2_match(hint_re[which], (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED,
			   0, 0, hint_md, NULL) >= 0;
}

static int class_weight(const char *cls, const char *id)
{
	int w = 0;

	if (hint(RE_NEGATIVE, cls))
		w -= 25;
	if (hint(RE_POSITIVE, cls))
		w += 25;
	if (hint(RE_NEGATIVE, id))
		w -= 25;
	if (hint(RE_POSITIVE, id))
		w += 25;
	return w;
}

/* ====================================================================
 * Tags
 * ==================================================================== */

static int is_block_tag(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
	case GUMBO_TAG_DIR: case GUMBO_TAG_DIV:
	case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
	case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
	case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP:
	case GUMBO_TAG_HR: case GUMBO_TAG_HTML: case GUMBO_TAG_LEGEND:
	case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU:
	case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P:
	case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY:
	case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD:
	case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD:
	case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_VIDEO:
	case GUMBO_TAG_AUDIO:
		return 1;
	default:
		return 0;
	}
}

/* Elements whose content is never text a reader sees. */
static int is_skipped_tag(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
	case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG:
	case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_SELECT:
	case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_BUTTON: case GUMBO_TAG_TITLE:
	case GUMBO_TAG_OPTION: case GUMBO_TAG_DATALIST: case GUMBO_TAG_MAP:
	case GUMBO_TAG_APPLET: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_NOFRAMES:
		return 1;
	default:
		return 0;
	}
}

static int tag_base_score(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
		return 5;
	case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
		return 3;
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL:
	case GUMBO_TAG_DL: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
	case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
		return -3;
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_TH:
		return -5;
	default:
		return 0;
	}
}

static int is_hidden(const GumboNode *n)
{
	const char *style = extract_attr(n, "style");
	const char *aria = extract_attr(n, "aria-hidden");
	const char *cls;

	if (extract_attr(n, "hidden"))
		return 1;
	if (aria && !strcmp(aria, "true")) {
		/* Wikimedia marks image fallbacks aria-hidden: keep those. */
		cls = extract_attr(n, "class");
		return !(cls && strstr(cls, "fallback-image"));
	}
	if (style) {
		struct buf s = BUF_INIT;
		int hidden;

		for (const char *p = style; *p; p++)
			if (*p != ' ' && *p != '\t')
				buf_addc(&s, (*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
		hidden = strstr(s.s, "display:none") ||
			 strstr(s.s, "visibility:hidden");
		buf_release(&s);
		return hidden;
	}
	return 0;
}

static const char *const boiler_roles[] = {
	"navigation", "banner", "contentinfo", "complementary", "menu",
	"menubar", "dialog", "alert", "alertdialog", "search", NULL
};

/* Flags an element adds to those it inherits. */
static unsigned element_flags(const GumboNode *n, unsigned inherited,
			      const char *name, int *weight)
{
	GumboTag t = n->v.element.tag;
	const char *cls = extract_attr(n, "class");
	const char *id = extract_attr(n, "id");
	const char *role = extract_attr(n, "role");
	unsigned f = 0;
	char both[512];

	*weight = class_weight(cls, id);
	if (is_block_tag(t))
		f |= F_BLOCK;
	switch (t) {
	case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_HEADER: case GUMBO_TAG_MENU:
		f |= F_BOILER;
		break;
	case GUMBO_TAG_A:
		if (extract_attr(n, "href"))
			f |= F_LINK;
		break;
	case GUMBO_TAG_FIGURE:
		f |= F_FIGURE;
		break;
	case GUMBO_TAG_FIGCAPTION:
		f |= F_CAPTION;
		break;
	case GUMBO_TAG_BLOCKQUOTE:
		f |= F_QUOTE;
		break;
	case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
		f |= F_LI;
		break;
	case GUMBO_TAG_H1:
		f |= F_H1;
		/* fall through */
	case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6:
		f |= F_HEADING;
		break;
	case GUMBO_TAG_PRE:
		f |= F_PRE;
		break;
	case GUMBO_TAG_SMALL: case GUMBO_TAG_CITE:
		if (inherited & (F_FIGURE | F_CAPTION))
			f |= F_CREDIT | F_BLOCK;
		break;
	case GUMBO_TAG_UNKNOWN:
		/* AMP's and other custom elements: sidebars and ads are
		 * boilerplate, the rest (amp-img, amp-story...) inline. */
		if (!strcmp(name, "dialog"))
			f |= F_BOILER | F_BLOCK;
		if (strstr(name, "sidebar") || !strncmp(name, "amp-ad", 6) ||
		    !strcmp(name, "amp-embed") || !strcmp(name, "amp-analytics") ||
		    strstr(name, "consent") || strstr(name, "share") ||
		    strstr(name, "social"))
			f |= F_BOILER;
		break;
	default:
		break;
	}
	if (role) {
		for (int i = 0; boiler_roles[i]; i++)
			if (!strcasecmp(role, boiler_roles[i]))
				f |= F_BOILER;
	}
	if (is_hidden(n) || (cls && hint(RE_SR_ONLY, cls)))
		f |= F_HIDDEN;
	if (cls || id) {
		snprintf(both, sizeof(both), "%s %s", cls ? cls : "", id ? id : "");
		if (t != GUMBO_TAG_BODY && t != GUMBO_TAG_HTML &&
		    t != GUMBO_TAG_A && t != GUMBO_TAG_ARTICLE &&
		    t != GUMBO_TAG_MAIN && hint(RE_UNLIKELY, both) &&
		    !hint(RE_MAYBE, both))
			f |= F_UNLIKELY;
		if ((inherited & F_FIGURE) || t == GUMBO_TAG_P ||
		    t == GUMBO_TAG_DIV || t == GUMBO_TAG_SPAN) {
			if (hint(RE_CAPTION, both)) {
				f |= F_CAPTION | F_BLOCK;
				f &= ~(unsigned)F_UNLIKELY;
			}
			if ((inherited & (F_FIGURE | F_CAPTION) || (f & F_CAPTION)) &&
			    hint(RE_CREDIT, both))
				f |= F_CREDIT | F_BLOCK;
		}
		/* Blogger wraps its image captions in a table. */
		if (t == GUMBO_TAG_TABLE && cls && strstr(cls, "tr-caption-container"))
			f |= F_FIGURE;
		if (t == GUMBO_TAG_TD && cls && strstr(cls, "tr-caption"))
			f |= F_CAPTION;
	}
	if (role && !strcasecmp(role, "article"))
		f &= ~(unsigned)F_UNLIKELY;
	return f;
}

/* ====================================================================
 * Pass 1: flatten the tree into elements and blocks
 * ==================================================================== */

struct wframe {
	const GumboNode *node;
	unsigned child;
	int el;                 /* index in ctx.els, -1 for text */
	int block_el;           /* innermost block element */
	unsigned flags;         /* inherited */
};

static size_t count_commas(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ',')
			n++;
		/* U+060C arabic, U+FF0C fullwidth, U+3001 ideographic */
		else if ((c == 0xD8 && i + 1 < len && (unsigned char)s[i + 1] == 0x8C) ||
			 (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBC &&
			  (unsigned char)s[i + 2] == 0x8C) ||
			 (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
			  (unsigned char)s[i + 2] == 0x81))
			n++;
	}
	return n;
}

static void flush(struct ctx *c, int el, unsigned flags)
{
	struct xblock *b;
	size_t len = c->cur.len;
	const char *s = c->cur.s;

	while (len && s[len - 1] == ' ')
		len--;
	if (!len) {
		buf_reset(&c->cur);
		c->cur_link = 0;
		return;
	}
	ARRAY_GROW(c->blocks, c->cap_blocks, c->nblocks + 1);
	b = &c->blocks[c->nblocks];
	b->start = c->pool.len;
	b->len = len;
	b->link_len = c->cur_link > len ? len : c->cur_link;
	b->commas = count_commas(s, len);
	b->el = el;
	b->flags = flags;
	if (el >= 0 && c->els[el].first_block < 0)
		c->els[el].first_block = (int)c->nblocks;
	c->nblocks++;
	buf_add(&c->pool, s, len);
	buf_reset(&c->cur);
	c->cur_link = 0;
}

static void add_text(struct ctx *c, const char *t, unsigned flags)
{
	size_t before = c->cur.len, tl = strlen(t);

	if (flags & F_LINK && c->link_text.len < 1000)
		extract_add_collapsed(&c->link_text, t, tl > 1000 ? 1000 : tl);
	if (flags & F_HIDDEN)
		return;
	extract_add_collapsed(&c->cur, t, tl);
	if (flags & F_LINK) {
		/* A leading space belongs to no link. */
		size_t added = c->cur.len - before;

		if (added && c->cur.s[before] == ' ')
			added--;
		c->cur_link += added;
	}
}

static void end_link(struct ctx *c)
{
	struct document *doc = c->doc;
	const char *href = c->link_href;
	char *abs;
	size_t tl = c->link_text.len;

	c->in_link = 0;
	c->link_href = NULL;
	while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r')
		href++;
	if (!*href || *href == '#' || str_case_starts_with(href, "javascript:") ||
	    str_case_starts_with(href, "data:"))
		goto out;
	abs = c->base ? url_resolve(c->base, href) : NULL;
	if (!abs)
		abs = xstrdup(href);
	if (!(doc->nlinks & (doc->nlinks - 1)) || !doc->links)
		doc->links = xrealloc(doc->links, (doc->nlinks ? doc->nlinks * 2 : 1) *
				      sizeof(*doc->links));
	while (tl && c->link_text.s[tl - 1] == ' ')
		tl--;
	doc->links[doc->nlinks].href = abs;
	doc->links[doc->nlinks].text = xstrndup(c->link_text.s, tl);
	doc->nlinks++;
out:
	buf_reset(&c->link_text);
}

static void flatten(struct ctx *c, const GumboNode *root)
{
	struct wframe *stack = NULL;
	size_t n = 0, cap = 0;
	int brs = 0;
	char name[64];

	ARRAY_GROW(stack, cap, 1);
	stack[n++] = (struct wframe){ root, 0, -1, -1, 0 };
	while (n) {
		struct wframe *f = &stack[n - 1];
		const GumboNode *node = f->node;

		if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
		    node->type == GUMBO_NODE_WHITESPACE) {
			const char *t = node->v.text.text;

			if (brs >= 2 && node->type != GUMBO_NODE_WHITESPACE &&
			    !(f->flags & F_HIDDEN))
				flush(c, f->block_el,
				      f->block_el >= 0 ? c->els[f->block_el].flags : 0);
			if (node->type != GUMBO_NODE_WHITESPACE)
				brs = 0;
			add_text(c, t, f->flags);
			n--;
			continue;
		}
		if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) {
			n--;
			continue;
		}
		if (f->child == 0 && f->el < 0) {
			/* Entering an element. */
			GumboTag t = node->v.element.tag;
			unsigned inherited = f->flags, own;
			struct el *e;
			int weight, parent = n > 1 ? stack[n - 2].el : -1;
			const char *tname = extract_tag_name(node, name, sizeof(name));

			if (t == GUMBO_TAG_BR) {
				if (!(inherited & F_HIDDEN))
					add_text(c, " ", inherited & ~(unsigned)F_LINK);
				brs++;
				n--;
				continue;
			}
			if (is_skipped_tag(t) && t != GUMBO_TAG_HEAD) {
				n--;
				continue;
			}
			if (t == GUMBO_TAG_HEAD) {
				n--;
				continue;
			}
			own = element_flags(node, inherited, tname, &weight);
			if (t == GUMBO_TAG_IMG || !strcmp(tname, "amp-img") ||
			    !strcmp(tname, "picture")) {
				if (parent >= 0)
					c->els[parent].n_img++;
				n--;
				continue;
			}
			if (t == GUMBO_TAG_INPUT) {
				if (parent >= 0)
					c->els[parent].n_input++;
				n--;
				continue;
			}
			if (own & F_BLOCK) {
				int pb = f->block_el;  /* still the parent's */

				flush(c, pb, pb >= 0 ? c->els[pb].flags : 0);
				brs = 0;
			}
			ARRAY_GROW(c->els, c->cap_els, c->nels + 1);
			e = &c->els[c->nels];
			memset(e, 0, sizeof(*e));
			e->parent = parent;
			e->first_block = -1;
			e->tag = t;
			e->node = node;
			e->weight = weight;
			e->flags = (inherited & ~(unsigned)(F_BLOCK | F_H1)) | own;
			if (t == GUMBO_TAG_P)
				e->n_p = 1;
			else if (t == GUMBO_TAG_LI)
				e->n_li = 1;
			else if (t == GUMBO_TAG_VIDEO || t == GUMBO_TAG_AUDIO)
				e->n_embed = 1;
			if (t == GUMBO_TAG_BODY && c->body < 0)
				c->body = (int)c->nels;
			f->el = (int)c->nels++;
			f->flags = e->flags & ~(unsigned)F_BLOCK;
			if (own & F_BLOCK)
				f->block_el = f->el;
			if ((own & F_LINK) && !c->in_link) {
				c->in_link = 1;
				c->link_href = extract_attr(node, "href");
				buf_reset(&c->link_text);
			}
		}
		if (f->child < node->v.element.children.length) {
			const GumboNode *ch = node->v.element.children.data[f->child++];
			struct wframe nf = { ch, 0, -1, f->block_el, f->flags };

			ARRAY_GROW(stack, cap, n + 1);
			stack[n++] = nf;
			continue;
		}
		/* Leaving an element. */
		if (f->el >= 0) {
			struct el *e = &c->els[f->el];

			if (e->flags & F_BLOCK) {
				flush(c, f->el, e->flags);
				brs = 0;
			}
			if ((e->flags & F_LINK) && c->in_link &&
			    e->tag == GUMBO_TAG_A)
				end_link(c);
			e->end = (int)c->nels;
		}
		n--;
	}
	flush(c, -1, 0);
	if (c->in_link)
		end_link(c);
	free(stack);
}

/* ====================================================================
 * Pass 2: score and choose
 * ==================================================================== */

enum {
	TRY_NO_UNLIKELY = 1,    /* keep class/id-unlikely elements */
	TRY_NO_WEIGHT = 2,      /* ignore class/id weights */
	TRY_NO_CLEAN = 4,       /* no conditional cleaning */
};

static double link_density(const struct el *e)
{
	return e->text_len ? (double)e->link_len / (double)e->text_len : 0;
}

static int block_excluded(const struct ctx *c, const struct xblock *b, int try)
{
	(void)c;
	if (b->flags & (F_HIDDEN | F_BOILER))
		return 1;
	if ((b->flags & F_UNLIKELY) && !(try & TRY_NO_UNLIKELY))
		return 1;
	return 0;
}

static void init_candidate(struct el *e, int try)
{
	if (e->scored)
		return;
	e->scored = 1;
	e->score = tag_base_score(e->tag) + ((try & TRY_NO_WEIGHT) ? 0 : e->weight);
}

static int is_descendant(const struct ctx *c, int d, int a)
{
	(void)c;
	return d >= a && d < c->els[a].end;
}

static const char *el_class(const struct el *e)
{
	const char *cls = extract_attr(e->node, "class");

	return cls ? cls : "";
}

/* Choose the article's elements; *sel gets their indices.  Returns how
 * many, 0 when nothing scored. */
static size_t choose(struct ctx *c, int try, int *sel, size_t maxsel)
{
	int top = -1, alt[5] = { -1, -1, -1, -1, -1 };
	size_t nsel = 0;

	for (size_t i = 0; i < c->nels; i++) {
		c->els[i].scored = 0;
		c->els[i].score = 0;
	}
	for (size_t i = 0; i < c->nblocks; i++) {
		const struct xblock *b = &c->blocks[i];
		double score;
		int a, level;

		if (b->el < 0 || block_excluded(c, b, try) || b->len < 25)
			continue;
		if (b->flags & (F_CAPTION | F_CREDIT | F_LI) ||
		    (b->flags & F_H1))
			continue;
		score = 1 + (double)b->commas + (double)(b->len / 100 < 3 ? b->len / 100 : 3);
		for (a = c->els[b->el].parent, level = 0; a >= 0 && level < 5;
		     a = c->els[a].parent, level++) {
			struct el *e = &c->els[a];

			if (e->tag == GUMBO_TAG_HTML)
				break;
			init_candidate(e, try);
			e->score += score / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
		}
	}
	for (size_t i = 0; i < c->nels; i++) {
		struct el *e = &c->els[i];

		if (!e->scored)
			continue;
		if ((e->flags & (F_BOILER | F_HIDDEN)) ||
		    ((e->flags & F_UNLIKELY) && !(try & TRY_NO_UNLIKELY))) {
			e->scored = 0;
			continue;
		}
		e->score *= 1 - link_density(e);
		/* The five best, best first. */
		for (int k = 0; k < 5; k++) {
			if (alt[k] < 0 || e->score > c->els[alt[k]].score) {
				memmove(&alt[k + 1], &alt[k], (size_t)(4 - k) * sizeof(int));
				alt[k] = (int)i;
				break;
			}
		}
	}
	top = alt[0];
	if (top < 0 || c->els[top].tag == GUMBO_TAG_BODY)
		return 0;

	/* Several good candidates under one ancestor: take the ancestor. */
	{
		double best = c->els[top].score;
		int nalt = 0;

		for (int k = 1; k < 5; k++)
			if (alt[k] >= 0 && c->els[alt[k]].score / best >= 0.75)
				nalt++;
		if (nalt >= 3) {
			for (int p = c->els[top].parent; p >= 0 && p != c->body;
			     p = c->els[p].parent) {
				int contained = 0;

				for (int k = 1; k < 5; k++)
					if (alt[k] >= 0 && c->els[alt[k]].score / best >= 0.75 &&
					    is_descendant(c, alt[k], p))
						contained++;
				if (contained >= 3) {
					top = p;
					init_candidate(&c->els[top], try);
					break;
				}
			}
		}
	}
	/* Climb while a parent scores better: better than the candidate
	 * itself, not only than a weaker ancestor passed on the way, which
	 * would trade an article body for the page section around it. */
	{
		double last = c->els[top].score, threshold = last / 3;
		double start = last;

		for (int p = c->els[top].parent; p >= 0 && p != c->body;
		     p = c->els[p].parent) {
			if (!c->els[p].scored)
				continue;
			if (c->els[p].score < threshold)
				break;
			if (c->els[p].score > last && c->els[p].score > start) {
				top = p;
				break;
			}
			last = c->els[p].score;
		}
	}
	/* An only child stands for its parent. */
	for (;;) {
		int p = c->els[top].parent, children = 0;

		if (p < 0 || p == c->body || c->els[p].tag == GUMBO_TAG_HTML)
			break;
		for (int i = p + 1; i < c->els[p].end; i = c->els[i].end)
			children++;
		if (children != 1)
			break;
		top = p;
	}
	/*
	 * A wrapper inside the post: when the parent says it is the post
	 * (post-body, entry-content, article-body) and holds little more
	 * text than the candidate, the parent is the article.  Blogger and
	 * WordPress put text straight into it (an autoblog's injected
	 * footer, lines split by <br>), which siblings would miss.
	 */
	for (;;) {
		int p = c->els[top].parent;

		if (p < 0 || p == c->body || c->els[p].tag == GUMBO_TAG_HTML ||
		    (try & TRY_NO_WEIGHT) || c->els[p].weight <= 0 ||
		    (c->els[p].flags & (F_BOILER | F_UNLIKELY)))
			break;
		if ((double)c->els[p].content_len >
		    (double)c->els[top].content_len * 1.25 + 200)
			break;
		top = p;
	}
	init_candidate(&c->els[top], try);

	/* Siblings. */
	{
		int p = c->els[top].parent;
		double best = c->els[top].score;
		double threshold = best * 0.2 > 10 ? best * 0.2 : 10;
		const char *tcls = el_class(&c->els[top]);

		sel[nsel++] = top;
		if (p < 0)
			return nsel;
		for (int i = p + 1; i < c->els[p].end && nsel < maxsel; i = c->els[i].end) {
			struct el *s = &c->els[i];
			int append = 0;

			if (i == top)
				continue;
			if (s->flags & (F_BOILER | F_HIDDEN) ||
			    ((s->flags & F_UNLIKELY) && !(try & TRY_NO_UNLIKELY)))
				continue;
			if (s->scored) {
				double bonus = (*tcls && !strcmp(el_class(s), tcls)) ? best * 0.2 : 0;

				if (s->score + bonus >= threshold)
					append = 1;
			}
			if (!append && s->tag == GUMBO_TAG_P) {
				double ld = link_density(s);

				if (s->text_len > 80 && ld < 0.25)
					append = 1;
				else if (s->text_len < 80 && s->text_len > 0 && ld == 0 &&
					 s->first_block >= 0) {
					const struct xblock *b = &c->blocks[s->first_block];
					const char *t = c->pool.s + b->start;

					if (t[b->len - 1] == '.' || memmem(t, b->len, ". ", 2))
						append = 1;
				}
			}
			if (append)
				sel[nsel++] = i;
		}
	}
	return nsel;
}

/* Readability's _cleanConditionally, on the elements inside the chosen
 * ones: mark el.drop. */
static void clean(struct ctx *c, const int *sel, size_t nsel, int try)
{
	for (size_t k = 0; k < nsel; k++) {
		for (int i = sel[k]; i < c->els[sel[k]].end; i++) {
			struct el *e = &c->els[i];
			int is_list, weight, p, img, li, input, remove = 0;
			double ld;

			e->drop = 0;
			if (e->parent >= 0 && i != sel[k] && c->els[e->parent].drop) {
				e->drop = 1;
				continue;
			}
			if (i == sel[k] && k == 0)
				continue;
			if ((e->flags & (F_BOILER | F_HIDDEN)) ||
			    ((e->flags & F_UNLIKELY) && !(try & TRY_NO_UNLIKELY))) {
				e->drop = 1;
				continue;
			}
			if (try & TRY_NO_CLEAN)
				continue;
			if (e->tag != GUMBO_TAG_DIV && e->tag != GUMBO_TAG_SECTION &&
			    e->tag != GUMBO_TAG_UL && e->tag != GUMBO_TAG_OL &&
			    e->tag != GUMBO_TAG_TABLE && e->tag != GUMBO_TAG_FORM &&
			    e->tag != GUMBO_TAG_FIELDSET)
				continue;
			if (e->flags & (F_FIGURE | F_CAPTION | F_QUOTE))
				continue;
			weight = (try & TRY_NO_WEIGHT) ? 0 : e->weight;
			if (weight + (e->scored ? e->score : 0) < 0) {
				e->drop = 1;
				continue;
			}
			if (e->commas >= 10)
				continue;
			is_list = e->tag == GUMBO_TAG_UL || e->tag == GUMBO_TAG_OL;
			p = e->n_p;
			img = e->n_img;
			li = e->n_li - 100;
			input = e->n_input;
			ld = link_density(e);
			if (img > 1 && (double)p / img < 0.5)
				remove = 1;
			else if (!is_list && li > p)
				remove = 1;
			else if (input > p / 3)
				remove = 1;
			else if (!is_list && e->text_len < 25 && (img == 0 || img > 2) &&
				 e->heading_len * 10 < e->text_len * 9)
				/* (a wrapper of an in-body subheading stays) */
				remove = 1;
			else if (!is_list && weight < 25 && ld > 0.2)
				remove = 1;
			else if (weight >= 25 && ld > 0.5)
				remove = 1;
			else if ((e->n_embed == 1 && e->text_len < 75) || e->n_embed > 1)
				remove = 1;
			e->drop = remove;
		}
	}
}

static int block_in(const struct ctx *c, const struct xblock *b,
		    const int *sel, size_t nsel)
{
	for (size_t k = 0; k < nsel; k++)
		if (b->el >= sel[k] && b->el < c->els[sel[k]].end)
			return 1;
	return 0;
}

static enum block_kind kind_of(unsigned flags)
{
	if (flags & F_CREDIT)
		return BLOCK_CREDIT;
	if (flags & (F_CAPTION | F_FIGURE))
		return BLOCK_CAPTION;
	if (flags & F_HEADING)
		return BLOCK_HEADING;
	if (flags & F_QUOTE)
		return BLOCK_QUOTE;
	if (flags & F_LI)
		return BLOCK_LIST_ITEM;
	return BLOCK_PARAGRAPH;
}

/* Lines that are boilerplate wherever they stand. */
static int junk_line(const char *s, size_t len)
{
	static const char *const junk[] = {
		"advertisement", "advertisement:", "ad", "ads", "sponsored",
		"skip to content", "skip to main content", "share", "share this",
		"share this article", "share this story", "tweet", "email",
		"print", "comments", "continue reading", "read more",
		"scroll to continue with content", "story continues below",
		"story continues below advertisement", "article continues below",
		"close", "menu", "loading...", "subscribe", NULL
	};

	if (len > 40)
		return 0;
	for (int i = 0; junk[i]; i++)
		if (strlen(junk[i]) == len && !strncasecmp(s, junk[i], len))
			return 1;
	return 0;
}

/* Non-zero when heading s repeats the page's title. */
static int repeats_title(const struct document *doc, const char *s, size_t len)
{
	const char *titles[] = { doc->title_clean, doc->title };

	for (int i = 0; i < 2; i++) {
		const char *t = titles[i];

		if (t && strlen(t) == len && !strncasecmp(t, s, len))
			return 1;
		if (t && len >= 15 && strlen(t) > len && !strncasecmp(t, s, len))
			return 1;
	}
	return 0;
}

/* Non-zero when s (len bytes) occurs in t, ignoring ASCII case. */
static int contains_nocase(const char *t, const char *s, size_t len)
{
	size_t tl = t ? strlen(t) : 0;

	for (size_t i = 0; len && i + len <= tl; i++)
		if (!strncasecmp(t + i, s, len))
			return 1;
	return 0;
}

/*
 * A block at the top of the text that is the headline again in another
 * element than a heading (<div class=storyhead>, <b>): contained in the
 * page's title, title-sized, no sentence.
 */
static int headline_line(const struct document *doc, const char *s, size_t len)
{
	if (len < 15 || len > 250 || s[len - 1] == '.')
		return 0;
	return contains_nocase(doc->title, s, len) ||
	       contains_nocase(doc->title_clean, s, len);
}

/*
 * A byline block at the top of the text ("By Carol Jennings, Staff
 * Writer", "Por Lucía Fernández | 12 mar"): short, a "by" word of one
 * of the languages we know, then a capital (or any non-ASCII letter),
 * and no sentence end ("By Tuesday, the water had risen." is a lede).
 */
static int byline_line(const char *s, size_t len)
{
	static const char *const by[] = {
		"by ", "por ", "oleh ", "von ", "par ", "door ", "av ", "af ",
		NULL
	};

	if (len > 120 || s[len - 1] == '.' || s[len - 1] == '!' ||
	    s[len - 1] == '?' || memmem(s, len, ". ", 2))
		return 0;
	for (int i = 0; by[i]; i++) {
		size_t bl = strlen(by[i]);
		unsigned char next;

		if (len <= bl || strncasecmp(s, by[i], bl))
			continue;
		next = (unsigned char)s[bl];
		if ((next >= 'A' && next <= 'Z') || next >= 0x80)
			return 1;
	}
	return 0;
}

/*
 * An in-body pointer to another article ("RELATED: <link>", "Baca juga:
 * <link>", "Lee también: <link>"): a label of this list, the rest mostly
 * link text.  (An autoblog's injected footer link has no such label and
 * stays: attribution reads it.)
 */
static int recirc_line(const struct xblock *b, const char *s)
{
	static const char *const labels[] = {
		"read also", "also read", "read more", "related", "see also",
		"more on this", "recommended", "baca juga", "simak juga",
		"lihat juga", "lee también", "lea también", "leer más",
		"ver también", "lire aussi", "à lire aussi", "voir aussi",
		"leia também", "leia mais", "veja também", "lesen sie auch",
		"mehr zum thema", "auch interessant", "leggi anche", "lees ook",
		"läs också", "les også", NULL
	};

	if (b->len > 300 || b->link_len * 5 < b->len * 2)
		return 0;
	for (int i = 0; labels[i]; i++) {
		size_t ll = strlen(labels[i]);
		unsigned char next;

		if (b->len <= ll || strncasecmp(s, labels[i], ll))
			continue;
		next = (unsigned char)s[ll];
		if (!((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
		      (next >= '0' && next <= '9')))
			return 1;
	}
	return 0;
}

/* Emit the chosen blocks into out (doc's text and blocks); returns the
 * length of text emitted. */
static size_t emit(struct ctx *c, const int *sel, size_t nsel, int try,
		   struct document *out)
{
	int dropped_title = 0;

	for (size_t i = 0; i < c->nblocks; i++) {
		const struct xblock *b = &c->blocks[i];
		const char *s = c->pool.s + b->start;
		enum block_kind kind;

		if (nsel && (b->el < 0 || !block_in(c, b, sel, nsel)))
			continue;
		if (block_excluded(c, b, try))
			continue;
		/* clean() passed every drop down to the descendants. */
		if (nsel && c->els[b->el].drop)
			continue;
		kind = kind_of(b->flags);
		if (junk_line(s, b->len) || recirc_line(b, s))
			continue;
		if (kind == BLOCK_HEADING && !dropped_title &&
		    repeats_title(out, s, b->len)) {
			dropped_title = 1;
			continue;
		}
		/* Headline and byline repeated at the top of the body. */
		if (out->nblocks < 3 && !dropped_title &&
		    (kind == BLOCK_PARAGRAPH || kind == BLOCK_HEADING) &&
		    headline_line(out, s, b->len)) {
			dropped_title = 1;
			continue;
		}
		if (out->nblocks < 3 && kind == BLOCK_PARAGRAPH &&
		    byline_line(s, b->len))
			continue;
		if (kind == BLOCK_CAPTION) {
			size_t cut = extract_credit_start(s, b->len);

			if (cut > 0 && cut < b->len) {
				doc_add_block(out, BLOCK_CAPTION, s, cut);
				doc_add_block(out, BLOCK_CREDIT, s + cut, b->len - cut);
				continue;
			}
			if (cut == 0)
				kind = BLOCK_CREDIT;
			else if (extract_keyword_line(s, b->len))
				kind = BLOCK_OTHER;
		}
		doc_add_block(out, kind, s, b->len);
	}
	return out->text.len;
}

void extract_main(const GumboNode *root, const char *base, struct document *doc)
{
	static const int tries[] = {
		0, TRY_NO_UNLIKELY, TRY_NO_UNLIKELY | TRY_NO_WEIGHT,
		TRY_NO_UNLIKELY | TRY_NO_WEIGHT | TRY_NO_CLEAN
	};
	struct ctx c;
	struct document best;
	size_t best_len = 0;
	int sel[512];

	compile_hints();
	memset(&c, 0, sizeof(c));
	buf_init(&c.pool);
	buf_init(&c.cur);
	buf_init(&c.link_text);
	c.body = -1;
	c.base = base;
	c.doc = doc;
	flatten(&c, root);

	/* Totals over each subtree: children come after their parent in
	 * pre-order, so one backward sweep adds each into its parent. */
	for (size_t i = 0; i < c.nblocks; i++) {
		const struct xblock *b = &c.blocks[i];

		if (b->el < 0 || (b->flags & F_HIDDEN))
			continue;
		c.els[b->el].text_len += b->len;
		if (!(b->flags & (F_BOILER | F_UNLIKELY)))
			c.els[b->el].content_len += b->len;
		c.els[b->el].link_len += b->link_len;
		c.els[b->el].commas += b->commas;
		if (b->flags & F_HEADING)
			c.els[b->el].heading_len += b->len;
	}
	for (size_t i = c.nels; i-- > 0;) {
		struct el *e = &c.els[i];

		if (e->parent < 0)
			continue;
		struct el *p = &c.els[e->parent];

		p->text_len += e->text_len;
		p->content_len += e->content_len;
		p->link_len += e->link_len;
		p->commas += e->commas;
		p->heading_len += e->heading_len;
		p->n_p += e->n_p;
		p->n_img += e->n_img;
		p->n_li += e->n_li;
		p->n_input += e->n_input;
		p->n_embed += e->n_embed;
	}

	/* page_text: every visible block. */
	for (size_t i = 0; i < c.nblocks; i++) {
		const struct xblock *b = &c.blocks[i];

		if (b->flags & F_HIDDEN)
			continue;
		if (doc->page_text.len)
			buf_addc(&doc->page_text, '\n');
		buf_add(&doc->page_text, c.pool.s + b->start, b->len);
	}

	document_init(&best);
	for (size_t t = 0; t < sizeof(tries) / sizeof(tries[0]); t++) {
		struct document attempt;
		size_t nsel, len;

		document_init(&attempt);
		attempt.title = doc->title;
		attempt.title_clean = doc->title_clean;
		nsel = choose(&c, tries[t], sel, sizeof(sel) / sizeof(sel[0]));
		if (nsel)
			clean(&c, sel, nsel, tries[t]);
		len = emit(&c, sel, nsel, tries[t], &attempt);
		attempt.title = attempt.title_clean = NULL;
		if (len > best_len || t == 0) {
			document_release(&best);
			best = attempt;
			best_len = len;
		} else {
			document_release(&attempt);
		}
		if (best_len >= 500)
			break;
	}
	doc->text = best.text;
	doc->blocks = best.blocks;
	doc->nblocks = best.nblocks;
	buf_init(&best.text);
	best.blocks = NULL;
	best.nblocks = 0;
	document_release(&best);

	free(c.els);
	free(c.blocks);
	buf_release(&c.pool);
	buf_release(&c.cur);
	buf_release(&c.link_text);
}

/* ====================================================================
 * Nesting cap
 *
 * Gumbo checks "element in scope" by walking the stack of open elements,
 * so a page nested N deep costs it O(N) per tag: 100,000 nested <div>s
 * take half a minute.  Before parsing, tags nested deeper than
 * EXTRACT_MAX_DEPTH are removed (their text stays), which bounds the
 * parser's work and loses nothing a reader sees.  Tags whose end tag is
 * optional (p, li, td...) and void tags do not count, since pages leave
 * them open without nesting them.
 * ==================================================================== */

#define EXTRACT_MAX_DEPTH 512

static int counts_for_depth(const char *name, size_t len)
{
	static const char *const skip[] = {
		"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
		"thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp", "rtc",
		"html", "head", "body", "area", "base", "br", "col", "embed",
		"hr", "img", "input", "link", "meta", "param", "source",
		"track", "wbr", "keygen", "image", NULL
	};

	for (int i = 0; skip[i]; i++)
		if (strlen(skip[i]) == len && !strncasecmp(skip[i], name, len))
			return 0;
	return 1;
}

static int is_raw_text(const char *name, size_t len)
{
	static const char *const raw[] = {
		"script", "style", "textarea", "title", "xmp", "iframe",
		"noembed", "noframes", "plaintext", NULL
	};

	for (int i = 0; raw[i]; i++)
		if (strlen(raw[i]) == len && !strncasecmp(raw[i], name, len))
			return 1;
	return 0;
}

static int name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '-' || ch == ':' || ch == '_';
}

/* End of the tag starting at s[i] == '<' (one past its '>'), quotes in
 * attribute values respected; len when it does not end. */
static size_t tag_end(const char *s, size_t len, size_t i, int *self_closing)
{
	char q = 0;

	for (i++; i < len; i++) {
		if (q) {
			if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			if (s[i - 1] == '=' || s[i - 1] == ' ')
				q = s[i];
		} else if (s[i] == '>') {
			*self_closing = s[i - 1] == '/';
			return i + 1;
		}
	}
	return len;
}

/* Formatting elements (HTML5 "active formatting elements"): gumbo
 * re-creates every one still open after a block closes, before the next
 * text, so N of them with distinct attributes ("<b id=1>..<b id=N>") make
 * each "</div><div>x" cost N new nodes: a 240 KB page took 49 s and
 * 4.8 GB.  At most EXTRACT_MAX_FORMATTING are kept open (<a> excepted:
 * a new <a> closes the last, so it never piles up); extraction reads
 * none of them but <a> and <small>, whose text stays anyway. */
#define EXTRACT_MAX_FORMATTING 4

static int formatting_index(const char *name, size_t len)
{
	static const char *const fmt[] = {
		"a", "b", "big", "code", "em", "font", "i", "nobr", "s",
		"small", "strike", "strong", "tt", "u", NULL
	};

	for (int i = 0; fmt[i]; i++)
		if (strlen(fmt[i]) == len && !strncasecmp(fmt[i], name, len))
			return i;
	return -1;
}

/* Elements an end tag cannot close across ("has an element in scope"
 * stops there), so a stray "</div>" inside a <table> closes nothing. */
static int scope_boundary(const char *name, size_t len)
{
	static const char *const scope[] = {
		"table", "caption", "applet", "marquee", "object", "template",
		"svg", "math", "select", NULL
	};

	for (int i = 0; scope[i]; i++)
		if (strlen(scope[i]) == len && !strncasecmp(scope[i], name, len))
			return 1;
	return 0;
}

/* How far below the top of the stack an end tag may find its element:
 * "</div>" closing a <span> left open is common; further down, the page
 * is broken (or hostile) and the end tag is taken to close nothing. */
#define CLOSE_REACH 8

struct open_tag {
	const char *name;
	size_t len;
	int dropped;            /* removed from the copy, with its end tag */
};

/*
 * Copy html into out without the tags that would make the parser's work
 * super-linear: start tags nested deeper than EXTRACT_MAX_DEPTH, and
 * formatting start tags past EXTRACT_MAX_FORMATTING open ones (their text
 * stays).  Returns 0 (out untouched) when nothing was removed.
 *
 * The nesting is modelled as a stack of the open (counted) elements: an
 * end tag closes the element of its name when it is among the top
 * CLOSE_REACH and no scope boundary lies above it, and otherwise closes
 * nothing.  A model that let any end tag close something ("<div></span>"
 * repeated) saw no nesting while the parser's stack grew without bound:
 * 512 KB of it took 18 s.  Erring this way only makes the model deeper
 * than the parser's tree, never shallower.
 */
static int cap_depth(const char *s, size_t len, struct buf *out)
{
	struct open_tag *stack = NULL;
	size_t depth = 0, cap = 0, i = 0, copied = 0, nfmt = 0;
	size_t fmt_open[16] = { 0 };
	int removed = 0;

#define CUT(from, to) do { \
		if (!removed) \
			buf_grow(out, len); \
		buf_add(out, s + copied, (from) - copied); \
		copied = (to); \
		removed = 1; \
	} while (0)

	while (i < len) {
		const char *lt = memchr(s + i, '<', len - i);
		size_t start, ns, nl, end;
		int closing, self = 0, fi;

		if (!lt)
			break;
		start = (size_t)(lt - s);
		if (start + 3 < len && !memcmp(lt, "<!--", 4)) {
			const char *e = memmem(lt + 4, len - start - 4, "-->", 3);

			i = e ? (size_t)(e - s) + 3 : len;
			continue;
		}
		closing = start + 1 < len && s[start + 1] == '/';
		ns = start + 1 + (size_t)closing;
		for (nl = 0; ns + nl < len && name_char(s[ns + nl]); nl++)
			;
		if (!nl) {
			i = start + 1;
			continue;
		}
		end = tag_end(s, len, start, &self);
		fi = formatting_index(s + ns, nl);
		if (closing) {
			size_t k = depth, stop = depth > CLOSE_REACH ?
					depth - CLOSE_REACH : 0;

			if (fi >= 0 && fmt_open[fi]) {
				fmt_open[fi]--;
				nfmt -= fi > 0;
			}
			if (!counts_for_depth(s + ns, nl)) {
				i = end;
				continue;
			}
			while (k > stop) {
				const struct open_tag *o = &stack[k - 1];

				if (o->len == nl && !strncasecmp(o->name, s + ns, nl))
					break;
				if (scope_boundary(o->name, o->len)) {
					k = stop;
					break;
				}
				k--;
			}
			if (k > stop) {
				/* Closes stack[k - 1] and everything above it. */
				if (stack[k - 1].dropped)
					CUT(start, end);
				depth = k - 1;
			}
		} else if (is_raw_text(s + ns, nl)) {
			/* Skip to the matching end tag: its content is no markup. */
			size_t j = end;

			while (j < len) {
				const char *e = memchr(s + j, '<', len - j);

				if (!e) {
					j = len;
					break;
				}
				j = (size_t)(e - s);
				if (j + 2 + nl <= len && s[j + 1] == '/' &&
				    !strncasecmp(s + j + 2, s + ns, nl))
					break;
				j++;
			}
			end = j;
		} else if (fi > 0 && !self && nfmt >= EXTRACT_MAX_FORMATTING) {
			CUT(start, end);
		} else if (!self && counts_for_depth(s + ns, nl)) {
			/* A new <a> closes the one open: it never piles up, and
			 * is not counted against the cap. */
			if (fi == 0)
				fmt_open[0] = 0;
			if (fi >= 0) {
				fmt_open[fi]++;
				nfmt += fi > 0;
			}
			ARRAY_GROW(stack, cap, depth + 1);
			stack[depth].name = s + ns;
			stack[depth].len = nl;
			stack[depth].dropped = depth >= EXTRACT_MAX_DEPTH;
			if (stack[depth].dropped)
				CUT(start, end);
			depth++;
		}
		i = end;
	}
#undef CUT
	if (removed)
		buf_add(out, s + copied, len - copied);
	free(stack);
	return removed;
}

/* Offset of the first case-insensitive "<" word in s at or after from,
 * or len. */
static size_t find_markup(const char *s, size_t len, size_t from,
			  const char *word)
{
	size_t wl = strlen(word);

	while (from < len) {
		const char *lt = memchr(s + from, '<', len - from);

		if (!lt)
			break;
		from = (size_t)(lt - s);
		if (len - from > wl && !strncasecmp(lt + 1, word, wl))
			return from;
		from++;
	}
	return len;
}

/* Copy of s with every "<!doctype" after the first "<noscript" made a
 * "<?doctype" into out; 0 (out untouched) when there is none. */
static int defuse_doctypes(const char *s, size_t len, struct buf *out)
{
	size_t i = find_markup(s, len, 0, "noscript"), copied = 0;
	int changed = 0;

	while ((i = find_markup(s, len, i, "!doctype")) < len) {
		if (!changed)
			buf_grow(out, len);
		changed = 1;
		buf_add(out, s + copied, i + 1 - copied);
		buf_addc(out, '?');
		copied = i + 2;
		i += 2;
	}
	if (changed)
		buf_add(out, s + copied, len - copied);
	return changed;
}

int extract_html_defuse(const char *html, size_t len, struct buf *out)
{
	struct buf capped = BUF_INIT;

	if (!cap_depth(html, len, &capped))
		return defuse_doctypes(html, len, out);
	if (!defuse_doctypes(capped.s, capped.len, out))
		buf_add(out, capped.s, capped.len);
	buf_release(&capped);
	return 1;
}

/* ====================================================================
 * Entry point
 * ==================================================================== */

enum pt_result extract_html(const char *html, size_t len, const char *charset_hint,
			    const char *base_url, struct document *doc,
			    struct buf *err)
{
	struct buf utf8 = BUF_INIT, flat = BUF_INIT;
	GumboOptions opts = kGumboDefaultOptions;
	GumboOutput *out;
	char label[64];
	size_t bom;
	char *base;

	if (len > EXTRACT_MAX_INPUT) {
		buf_addf(err, "page of %zu bytes is larger than the %zu-byte limit",
			 len, EXTRACT_MAX_INPUT);
		return PT_TOO_BIG;
	}
	extract_sha256(html, len, doc);
	doc->is_html = 1;
	bom = charset_detect(html, len, charset_hint, 1, label, sizeof(label));
	charset_to_utf8(html + bom, len - bom, label, &utf8);

	if (extract_html_defuse(utf8.s, utf8.len, &flat)) {
		buf_release(&utf8);
		utf8 = flat;
		buf_init(&flat);
	}
	/* Parse errors are for validators, but gumbo 0.10.1 must be let
	 * collect them all: once max_errors is reached, a duplicate attribute
	 * no longer resets its name buffer, so '<a hidden hidden href=x>'
	 * gets an attribute "hiddenhref" (the link is lost) and a tag of
	 * many duplicates costs quadratic time (4 MB: 25 s).  The errors
	 * cost memory linear in the page, like its tree. */
	opts.max_errors = -1;
	out = gumbo_parse_with_options(&opts, utf8.s, utf8.len);
	if (!out) {
		buf_release(&utf8);
		buf_adds(err, "the HTML parser failed");
		return PT_INTERNAL;
	}
	base = extract_meta(out->root, base_url, doc);
	extract_main(out->root, base, doc);
	free(base);
	gumbo_destroy_output(&opts, out);
	buf_release(&utf8);
	return PT_OK;
}
