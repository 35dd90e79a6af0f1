/*
 * extract_meta.c - the metadata of a page: what it says about itself in
 * <title>, <meta>, <link>, JSON-LD and a few conventional places (<time>,
 * rel=author, .byline).
 *
 * Several sources usually say the same thing; where they disagree the most
 * deliberate one wins: structured data written for machines (Open Graph's
 * article:*, JSON-LD) before conventions of markup (<time>, .byline).
 * JSON-LD blocks are kept whole in doc->jsonld (arrays flattened, @graph
 * kept as written) and the article object is found in them by @type.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "extract_int.h"
#include "url.h"

/* Caps on what one page may make us hold. */
#define META_MAX_JSONLD_BYTES  ((size_t)1 << 20)   /* per script */
#define META_MAX_JSONLD        64                  /* scripts read */
#define META_MAX_FIELD         4096                /* bytes of one value */

/* ====================================================================
 * Gumbo helpers
 * ==================================================================== */

const char *extract_attr(const GumboNode *node, const char *name)
{
	const GumboAttribute *a;

	if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE)
		return NULL;
	a = gumbo_get_attribute(&node->v.element.attributes, name);
	return a ? a->value : NULL;
}

const char *extract_tag_name(const GumboNode *node, char *out, size_t outsz)
{
	const GumboElement *e = &node->v.element;
	GumboStringPiece piece;
	size_t n;

	if (e->tag != GUMBO_TAG_UNKNOWN)
		return gumbo_normalized_tagname(e->tag);
	piece = e->original_tag;
	gumbo_tag_from_original_text(&piece);
	n = piece.length < outsz - 1 ? piece.length : outsz - 1;
	for (size_t i = 0; i < n; i++) {
		char c = piece.data[i];

		out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	out[n] = '\0';
	return out;
}

struct frame {
	const GumboNode *node;
	unsigned int child;
};

void extract_node_text(const GumboNode *node, struct buf *out, size_t max)
{
	struct frame *stack = NULL;
	size_t n = 0, cap = 0;

	ARRAY_GROW(stack, cap, 1);
	stack[n++] = (struct frame){ node, 0 };
	while (n && out->len < max) {
		struct frame *f = &stack[n - 1];
		const GumboNode *c;

		if (f->node->type == GUMBO_NODE_TEXT ||
		    f->node->type == GUMBO_NODE_CDATA ||
		    f->node->type == GUMBO_NODE_WHITESPACE) {
			const char *t = f->node->v.text.text;
			size_t tl = strlen(t);

			if (out->len + tl > max)
				tl = max - out->len;
			extract_add_collapsed(out, t, tl);
			n--;
			continue;
		}
		if ((f->node->type != GUMBO_NODE_ELEMENT &&
		     f->node->type != GUMBO_NODE_TEMPLATE) ||
		    f->node->v.element.tag == GUMBO_TAG_SCRIPT ||
		    f->node->v.element.tag == GUMBO_TAG_STYLE ||
		    f->child >= f->node->v.element.children.length) {
			n--;
			continue;
		}
		c = f->node->v.element.children.data[f->child++];
		ARRAY_GROW(stack, cap, n + 1);
		stack[n++] = (struct frame){ c, 0 };
	}
	free(stack);
	while (out->len && out->s[out->len - 1] == ' ')
		buf_setlen(out, out->len - 1);
}

/* ====================================================================
 * Collected candidates
 * ==================================================================== */

struct meta {
	char *title_tag, *og_title, *tw_title;
	char *og_site, *og_url, *og_type, *og_image, *og_desc, *desc;
	char *art_published, *art_modified, *og_updated;
	char *ip_published, *ip_modified, *other_date, *time_datetime;
	char *author_meta, *article_author, *rel_author, *byline_class;
	char *original_source, *canonical, *base_href, *lang, *content_lang;
	char *ld_headline, *ld_author, *ld_published, *ld_modified;
	char *ld_publisher, *ld_based_on, *ld_main_entity, *ld_site;
	char *ld_image, *ld_description, *ld_org;
};

/* Keep the first non-empty value: *slot = trimmed copy of v. */
static void take(char **slot, const char *v)
{
	struct buf b = BUF_INIT;
	size_t len;

	if (*slot || !v)
		return;
	len = strlen(v);
	extract_add_collapsed(&b, v, len > META_MAX_FIELD ? META_MAX_FIELD : len);
	while (b.len && b.s[b.len - 1] == ' ')
		buf_setlen(&b, b.len - 1);
	if (b.len)
		*slot = buf_detach(&b, NULL);
	buf_release(&b);
}

static void meta_release(struct meta *m)
{
	char **p = (char **)m;

	for (size_t i = 0; i < sizeof(*m) / sizeof(char *); i++)
		free(p[i]);
}

static int looks_like_url(const char *s)
{
	return s && (str_case_starts_with(s, "http://") ||
		     str_case_starts_with(s, "https://") || s[0] == '/');
}

/* ====================================================================
 * JSON-LD
 * ==================================================================== */

static int type_is(json_t *obj, const char *const *types)
{
	json_t *t = json_object_get(obj, "@type");
	size_t i;
	json_t *v;

	if (json_is_string(t)) {
		for (const char *const *p = types; *p; p++)
			if (!strcasecmp(json_string_value(t), *p))
				return 1;
		return 0;
	}
	json_array_foreach(t, i, v)
		if (json_is_string(v))
			for (const char *const *p = types; *p; p++)
				if (!strcasecmp(json_string_value(v), *p))
					return 1;
	return 0;
}

static const char *const article_types[] = {
	"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
	"OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle",
	"AskPublicNewsArticle", "SatiricalArticle", "BlogPosting",
	"LiveBlogPosting", "SocialMediaPosting", "DiscussionForumPosting",
	"TechArticle", "ScholarlyArticle", "Report", "APIReference", NULL
};
static const char *const page_types[] = {
	"WebPage", "ItemPage", "AboutPage", "CollectionPage", NULL
};
static const char *const site_types[] = { "WebSite", NULL };
static const char *const org_types[] = {
	"Organization", "NewsMediaOrganization", "Corporation", NULL
};

/* Every object of the JSON-LD, @graph members included, in order. */
static void collect_objects(json_t *v, json_t *out, int depth)
{
	size_t i;
	json_t *e;

	if (depth > 8)
		return;
	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			collect_objects(e, out, depth + 1);
	} else if (json_is_object(v)) {
		json_array_append(out, v);
		collect_objects(json_object_get(v, "@graph"), out, depth + 1);
	}
}

/* The object of objs whose @id is id, or NULL. */
static json_t *by_id(json_t *objs, const char *id)
{
	size_t i;
	json_t *o;

	json_array_foreach(objs, i, o) {
		json_t *oid = json_object_get(o, "@id");

		if (json_is_string(oid) && !strcmp(json_string_value(oid), id) &&
		    json_object_size(o) > 1)
			return o;
	}
	return NULL;
}

/* A reference's target: the object itself, or the @id it points to. */
static json_t *deref(json_t *objs, json_t *v)
{
	json_t *id;

	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (!json_is_object(v))
		return v;
	id = json_object_get(v, "@id");
	if (json_is_string(id) && json_object_size(v) == 1) {
		json_t *t = by_id(objs, json_string_value(id));

		if (t)
			return t;
	}
	return v;
}

static const char *jstr(json_t *v)
{
	return json_is_string(v) && *json_string_value(v) ? json_string_value(v) : NULL;
}

/* A name from a string, an object's name, or a list of them. */
static void names_of(json_t *objs, json_t *v, struct buf *out, int depth)
{
	size_t i;
	json_t *e;

	if (depth > 4)
		return;
	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			names_of(objs, e, out, depth + 1);
		return;
	}
	v = deref(objs, v);
	const char *name = jstr(v);

	if (json_is_object(v))
		name = jstr(json_object_get(v, "name"));
	if (!name || looks_like_url(name))
		return;
	if (out->len)
		buf_adds(out, ", ");
	buf_adds(out, name);
}

/* A URL from a string or an object's url / @id. */
static const char *url_of(json_t *objs, json_t *v)
{
	const char *u;

	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_string(v))
		return jstr(v);
	v = deref(objs, v);
	if (!json_is_object(v))
		return NULL;
	if ((u = jstr(json_object_get(v, "url"))))
		return u;
	if ((u = jstr(json_object_get(v, "@id"))))
		return u;
	return NULL;
}

static void read_article(json_t *objs, json_t *a, struct meta *m)
{
	struct buf names = BUF_INIT;
	json_t *pub;

	take(&m->ld_headline, jstr(json_object_get(a, "headline")));
	take(&m->ld_headline, jstr(json_object_get(a, "name")));
	names_of(objs, json_object_get(a, "author"), &names, 0);
	if (!names.len)
		names_of(objs, json_object_get(a, "creator"), &names, 0);
	if (names.len)
		take(&m->ld_author, names.s);
	buf_release(&names);
	take(&m->ld_published, jstr(json_object_get(a, "datePublished")));
	take(&m->ld_published, jstr(json_object_get(a, "dateCreated")));
	take(&m->ld_modified, jstr(json_object_get(a, "dateModified")));
	pub = deref(objs, json_object_get(a, "publisher"));
	if (json_is_object(pub))
		take(&m->ld_publisher, jstr(json_object_get(pub, "name")));
	else
		take(&m->ld_publisher, jstr(pub));
	take(&m->ld_based_on, url_of(objs, json_object_get(a, "isBasedOn")));
	take(&m->ld_based_on, url_of(objs, json_object_get(a, "isBasedOnUrl")));
	take(&m->ld_main_entity, url_of(objs, json_object_get(a, "mainEntityOfPage")));
	take(&m->ld_image, url_of(objs, json_object_get(a, "image")));
	take(&m->ld_description, jstr(json_object_get(a, "description")));
}

static void read_jsonld(const char *text, size_t len, struct document *doc)
{
	json_error_t jerr;
	json_t *root, *o;
	size_t i;

	if (len > META_MAX_JSONLD_BYTES)
		return;
	/* Pages wrap JSON-LD in comments or CDATA now and then. */
	while (len && (*text == ' ' || *text == '\n' || *text == '\r' || *text == '\t'))
		text++, len--;
	if (len >= 4 && !memcmp(text, "<!--", 4))
		text += 4, len -= 4;
	else if (len >= 9 && !memcmp(text, "<![CDATA[", 9))
		text += 9, len -= 9;
	root = json_loadb(text, len, JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &jerr);
	if (!root)
		return;
	if (!doc->jsonld)
		doc->jsonld = json_array();
	if (json_is_array(root)) {
		json_array_foreach(root, i, o)
			if (json_is_object(o))
				json_array_append(doc->jsonld, o);
	} else if (json_is_object(root)) {
		json_array_append(doc->jsonld, root);
	}
	json_decref(root);
}

static void read_all_jsonld(struct document *doc, struct meta *m)
{
	json_t *objs = json_array(), *o;
	size_t i;

	collect_objects(doc->jsonld, objs, 0);
	json_array_foreach(objs, i, o)
		if (type_is(o, article_types))
			read_article(objs, o, m);
	/* A page that is only a WebPage still names things. */
	json_array_foreach(objs, i, o)
		if (type_is(o, page_types))
			read_article(objs, o, m);
	json_array_foreach(objs, i, o) {
		if (type_is(o, site_types))
			take(&m->ld_site, jstr(json_object_get(o, "name")));
		else if (type_is(o, org_types))
			take(&m->ld_org, jstr(json_object_get(o, "name")));
	}
	json_decref(objs);
}

/* ====================================================================
 * The walk
 * ==================================================================== */

static void read_meta_tag(const GumboNode *n, struct meta *m)
{
	const char *key = extract_attr(n, "property");
	const char *content = extract_attr(n, "content");
	const char *name = extract_attr(n, "name");
	const char *itemprop = extract_attr(n, "itemprop");
	const char *equiv = extract_attr(n, "http-equiv");

	if (!content)
		return;
	if (equiv && !strcasecmp(equiv, "content-language"))
		take(&m->content_lang, content);
	if (itemprop) {
		if (!strcasecmp(itemprop, "datePublished"))
			take(&m->ip_published, content);
		else if (!strcasecmp(itemprop, "dateModified"))
			take(&m->ip_modified, content);
	}
	/* Sites mix up name= and property=; read both. */
	for (int pass = 0; pass < 2; pass++, key = name) {
		if (!key)
			continue;
		if (!strcasecmp(key, "og:title"))
			take(&m->og_title, content);
		else if (!strcasecmp(key, "twitter:title"))
			take(&m->tw_title, content);
		else if (!strcasecmp(key, "og:site_name"))
			take(&m->og_site, content);
		else if (!strcasecmp(key, "og:url"))
			take(&m->og_url, content);
		else if (!strcasecmp(key, "og:type"))
			take(&m->og_type, content);
		else if (!strcasecmp(key, "og:image") ||
			 !strcasecmp(key, "og:image:url") ||
			 !strcasecmp(key, "twitter:image"))
			take(&m->og_image, content);
		else if (!strcasecmp(key, "og:description") ||
			 !strcasecmp(key, "twitter:description"))
			take(&m->og_desc, content);
		else if (!strcasecmp(key, "description"))
			take(&m->desc, content);
		else if (!strcasecmp(key, "article:published_time") ||
			 !strcasecmp(key, "og:article:published_time"))
			take(&m->art_published, content);
		else if (!strcasecmp(key, "article:modified_time") ||
			 !strcasecmp(key, "og:article:modified_time"))
			take(&m->art_modified, content);
		else if (!strcasecmp(key, "og:updated_time"))
			take(&m->og_updated, content);
		else if (!strcasecmp(key, "author") || !strcasecmp(key, "byl") ||
			 !strcasecmp(key, "dc.creator") ||
			 !strcasecmp(key, "dcterms.creator") ||
			 !strcasecmp(key, "parsely-author") ||
			 !strcasecmp(key, "sailthru.author")) {
			if (!looks_like_url(content))
				take(&m->author_meta, content);
		} else if (!strcasecmp(key, "article:author")) {
			if (!looks_like_url(content))
				take(&m->article_author, content);
		} else if (!strcasecmp(key, "original-source") ||
			   !strcasecmp(key, "syndication-source")) {
			take(&m->original_source, content);
		} else if (!strcasecmp(key, "pubdate") ||
			   !strcasecmp(key, "publishdate") ||
			   !strcasecmp(key, "publish-date") ||
			   !strcasecmp(key, "date") ||
			   !strcasecmp(key, "dc.date.issued") ||
			   !strcasecmp(key, "dc.date") ||
			   !strcasecmp(key, "dcterms.created") ||
			   !strcasecmp(key, "sailthru.date") ||
			   !strcasecmp(key, "parsely-pub-date") ||
			   !strcasecmp(key, "article.published")) {
			take(&m->other_date, content);
		}
	}
}

/* Readability's byline test: a short element whose class or id says so. */
static int byline_hint(const GumboNode *n)
{
	const char *cls = extract_attr(n, "class");
	const char *id = extract_attr(n, "id");
	const char *rel = extract_attr(n, "rel");
	const char *ip = extract_attr(n, "itemprop");
	const char *hints[] = { "byline", "author", "writtenby", "p-author", NULL };

	if ((rel && !strcasecmp(rel, "author")) || (ip && strstr(ip, "author")))
		return 1;
	for (int i = 0; hints[i]; i++)
		if ((cls && strcasestr(cls, hints[i])) ||
		    (id && strcasestr(id, hints[i])))
			return 1;
	return 0;
}

static void read_byline(const GumboNode *n, struct meta *m)
{
	struct buf t = BUF_INIT;
	const char *s;

	extract_node_text(n, &t, 400);
	s = t.s;
	if (str_case_starts_with(s, "by "))
		s += 3;
	else if (str_case_starts_with(s, "by:"))
		s += 3;
	while (*s == ' ')
		s++;
	if (*s && strlen(s) < 100)
		take(&m->byline_class, s);
	buf_release(&t);
}

static void visit(const GumboNode *n, struct document *doc, struct meta *m,
		  int *njsonld)
{
	const GumboElement *e = &n->v.element;
	const char *v, *rel;

	switch (e->tag) {
	case GUMBO_TAG_HTML:
		take(&m->lang, extract_attr(n, "lang"));
		take(&m->lang, extract_attr(n, "xml:lang"));
		break;
	case GUMBO_TAG_TITLE:
		if (!m->title_tag && n->parent &&
		    n->parent->type == GUMBO_NODE_ELEMENT &&
		    n->parent->v.element.tag_namespace == GUMBO_NAMESPACE_HTML &&
		    e->tag_namespace == GUMBO_NAMESPACE_HTML) {
			struct buf t = BUF_INIT;

			extract_node_text(n, &t, META_MAX_FIELD);
			take(&m->title_tag, t.s);
			buf_release(&t);
		}
		break;
	case GUMBO_TAG_META:
		read_meta_tag(n, m);
		break;
	case GUMBO_TAG_BASE:
		take(&m->base_href, extract_attr(n, "href"));
		break;
	case GUMBO_TAG_LINK:
		rel = extract_attr(n, "rel");
		v = extract_attr(n, "href");
		if (rel && v && !strcasecmp(rel, "canonical"))
			take(&m->canonical, v);
		break;
	case GUMBO_TAG_TIME:
		v = extract_attr(n, "datetime");
		if (v && (extract_attr(n, "pubdate") ||
			  ((rel = extract_attr(n, "itemprop")) &&
			   !strcasecmp(rel, "datePublished"))))
			take(&m->ip_published, v);
		take(&m->time_datetime, v);
		break;
	case GUMBO_TAG_SCRIPT:
		v = extract_attr(n, "type");
		if (v && !strncasecmp(v, "application/ld+json", 19) &&
		    *njsonld < META_MAX_JSONLD && e->children.length) {
			const GumboNode *c = e->children.data[0];

			if (c->type == GUMBO_NODE_TEXT ||
			    c->type == GUMBO_NODE_WHITESPACE ||
			    c->type == GUMBO_NODE_CDATA) {
				(*njsonld)++;
				read_jsonld(c->v.text.text, strlen(c->v.text.text),
					    doc);
			}
		}
		break;
	default:
		break;
	}
	if (e->tag != GUMBO_TAG_HTML && e->tag != GUMBO_TAG_BODY &&
	    e->tag != GUMBO_TAG_META && e->tag != GUMBO_TAG_LINK &&
	    e->tag != GUMBO_TAG_SCRIPT && e->tag != GUMBO_TAG_STYLE &&
	    !m->byline_class && byline_hint(n)) {
		if (e->tag == GUMBO_TAG_A &&
		    (rel = extract_attr(n, "rel")) && !strcasecmp(rel, "author")) {
			struct buf t = BUF_INIT;

			extract_node_text(n, &t, 200);
			take(&m->rel_author, t.s);
			buf_release(&t);
		} else {
			read_byline(n, m);
		}
	}
}

/* ====================================================================
 * Title
 * ==================================================================== */

static const char *const title_separators[] = {
	" - ", " | ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " \xC2\xB7 ",
	" :: ", " \xC2\xBB ", " \xC2\xAB ", " / ", NULL
};

static size_t count_words(const char *s, size_t len)
{
	size_t w = 0;
	int in = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ')
			in = 0;
		else if (!in) {
			in = 1;
			w++;
		}
	}
	return w;
}

void extract_split_title(struct document *doc)
{
	const char *t = doc->title, *best = NULL;
	size_t seplen = 0, tlen;

	free(doc->title_clean);
	free(doc->title_site);
	doc->title_clean = doc->title_site = NULL;
	if (!t)
		return;
	tlen = strlen(t);
	/* The last separator: "A - B - Newsweek" is a title "A - B". */
	for (int i = 0; title_separators[i]; i++) {
		const char *p = t, *q;
		size_t sl = strlen(title_separators[i]);

		while ((q = strstr(p, title_separators[i]))) {
			if (!best || q > best) {
				best = q;
				seplen = sl;
			}
			p = q + 1;
		}
	}
	if (best) {
		const char *site = best + seplen;
		size_t slen = tlen - (size_t)(site - t);
		size_t clen = (size_t)(best - t);

		/* A publisher's name is short; what precedes it is longer. */
		if (slen && slen <= 60 && count_words(site, slen) <= 6 &&
		    clen >= slen && count_words(t, clen) >= 2) {
			doc->title_clean = xstrndup(t, clen);
			doc->title_site = xstrndup(site, slen);
			return;
		}
	}
	/* "Site | Title" when the site's name is known. */
	if (doc->site_name) {
		size_t sl = strlen(doc->site_name);

		for (int i = 0; title_separators[i]; i++) {
			size_t l = strlen(title_separators[i]);

			if (tlen > sl + l && !strncasecmp(t, doc->site_name, sl) &&
			    !strncmp(t + sl, title_separators[i], l)) {
				doc->title_site = xstrndup(t, sl);
				doc->title_clean = xstrdup(t + sl + l);
				return;
			}
		}
	}
	doc->title_clean = xstrdup(t);
}

/* ====================================================================
 * Entry point
 * ==================================================================== */

static char *pick(char *const *cands, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cands[i])
			return xstrdup(cands[i]);
	return NULL;
}

#define PICK(...) pick((char *const[]){ __VA_ARGS__ }, \
		       sizeof((char *const[]){ __VA_ARGS__ }) / sizeof(char *))

static char *absolute(const char *base, const char *ref)
{
	char *abs;

	if (!ref)
		return NULL;
	if (!base)
		return xstrdup(ref);
	abs = url_resolve(base, ref);
	return abs ? abs : xstrdup(ref);
}

char *extract_meta(const GumboNode *root, const char *base_url,
		   struct document *doc)
{
	struct meta m;
	struct frame *stack = NULL;
	size_t n = 0, cap = 0;
	int njsonld = 0;
	char *base = NULL;

	memset(&m, 0, sizeof(m));
	ARRAY_GROW(stack, cap, 1);
	stack[n++] = (struct frame){ root, 0 };
	while (n) {
		struct frame *f = &stack[n - 1];
		const GumboNode *c;

		if (f->node->type != GUMBO_NODE_ELEMENT &&
		    f->node->type != GUMBO_NODE_TEMPLATE) {
			n--;
			continue;
		}
		if (f->child == 0)
			visit(f->node, doc, &m, &njsonld);
		if (f->child >= f->node->v.element.children.length ||
		    f->node->v.element.tag == GUMBO_TAG_SCRIPT ||
		    f->node->v.element.tag == GUMBO_TAG_STYLE ||
		    f->node->v.element.tag == GUMBO_TAG_SVG) {
			n--;
			continue;
		}
		c = f->node->v.element.children.data[f->child++];
		ARRAY_GROW(stack, cap, n + 1);
		stack[n++] = (struct frame){ c, 0 };
	}
	free(stack);
	read_all_jsonld(doc, &m);

	if (m.base_href) {
		base = absolute(base_url, m.base_href);
		if (!looks_like_url(base) || base[0] == '/') {
			free(base);
			base = base_url ? xstrdup(base_url) : NULL;
		}
	} else if (base_url) {
		base = xstrdup(base_url);
	}

	doc->title = PICK(m.title_tag, m.og_title, m.tw_title, m.ld_headline);
	doc->byline = PICK(m.ld_author, m.author_meta, m.rel_author,
			   m.byline_class, m.article_author);
	doc->published = PICK(m.art_published, m.ld_published, m.ip_published,
			      m.other_date, m.time_datetime);
	doc->modified = PICK(m.art_modified, m.ld_modified, m.og_updated,
			     m.ip_modified);
	doc->publisher = PICK(m.ld_publisher);
	doc->site_name = PICK(m.og_site, m.ld_site, m.ld_publisher, m.ld_org);
	doc->lang = PICK(m.lang, m.content_lang);
	doc->description = PICK(m.og_desc, m.desc, m.ld_description);
	doc->og_type = PICK(m.og_type);
	doc->original_source = absolute(base, m.original_source);
	doc->canonical = absolute(base, m.canonical);
	doc->og_url = absolute(base, m.og_url);
	doc->image = absolute(base, m.og_image ? m.og_image : m.ld_image);
	doc->is_based_on = absolute(base, m.ld_based_on);
	doc->main_entity = absolute(base, m.ld_main_entity);
	/* title_site is not copied into site_name: a repost keeps the
	 * origin's " - Newsweek" and is not Newsweek. */
	extract_split_title(doc);
	meta_release(&m);
	return base;
}
