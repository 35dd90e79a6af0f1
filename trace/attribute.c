/*
 * attribute.c - source-cue-content triples in news text (see attribute.h).
 *
 * The engine is deliberately shallow: no parser, a token stream per
 * sentence and a handful of shapes that newsroom copy uses over and over.
 * What varies between languages of newsrooms - the verbs, the frames, the
 * nouns sources hide behind - is data in rules/data/cues.rules; who the
 * sources are is data in rules/data/sources.rules.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <pcre2.h>
#include <uthash.h>
#include <utf8proc.h>

#include "attribute.h"
#include "sentence.h"
#include "../rules/rules.h"

/* ------------------------------------------------------------------ */
/* Knowledge base compiled from the rules                              */
/* ------------------------------------------------------------------ */

enum lex_class {
	LX_VERB = 1 << 0,
	LX_ACCORDING = 1 << 1,
	LX_PASSIVE = 1 << 2,
	LX_ANON = 1 << 3,
	LX_NOUN = 1 << 4,
	LX_DOC = 1 << 5,
	LX_FOOTAGE = 1 << 6,
	LX_PHOTO = 1 << 7,
	LX_TITLE = 1 << 8,
	LX_AUX = 1 << 9,
	LX_LEAD = 1 << 10,
	LX_TIME = 1 << 11,
	LX_PRON_PERSON = 1 << 12,
	LX_PRON_ANY = 1 << 13,
	LX_PRON_GROUP = 1 << 14
};

struct cue_info {
	const char *id, *lemma;
	double weight;
	int predicate;          /* position=predicate */
};

struct lex {
	char *key;              /* lower case, words joined by one space */
	int cls;                /* enum lex_class bits */
	struct cue_info verb;   /* for LX_VERB */
	UT_hash_handle hh;
};

struct src {
	const char *id, *name, *type, *affiliation, *org, *country;
	char **backrefs;        /* lower case nouns */
	size_t nbackrefs;
};

struct alias {
	char *key;              /* lower case */
	const char *written;    /* as in the rules, for acronyms */
	int exact;              /* an acronym: match case-sensitively */
	size_t src;             /* index in kb->srcs */
	UT_hash_handle hh;
};

struct typeref {
	const char *type;
	char *noun;
};

struct attr_kb {
	struct lex *lex;
	int lex_max_words;
	struct alias *aliases;
	int alias_max_words;
	struct src *srcs;
	size_t nsrcs;
	const pcre2_code **frames, **credits, **anon_res;
	size_t nframes, ncredits, nanon_res;
	const pcre2_code **credits_before;  /* a credit line above its caption */
	size_t ncredits_before;
	struct typeref *typerefs;
	size_t ntyperefs;
	pcre2_match_data *md;   /* scratch; the kb is used by one thread */
};

static char *lower_dup(const char *s)
{
	char *d = xstrdup(s);

	for (char *p = d; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

static char *lower_dup_n(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	for (size_t i = 0; i < n; i++)
		d[i] = (char)tolower((unsigned char)s[i]);
	d[n] = '\0';
	return d;
}

static int count_words(const char *s)
{
	int n = 0, in = 0;

	for (; *s; s++) {
		if (*s == ' ')
			in = 0;
		else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

static struct lex *lex_get(struct attr_kb *kb, const char *form)
{
	struct lex *e;
	char *key = lower_dup(form);

	HASH_FIND_STR(kb->lex, key, e);
	if (e) {
		free(key);
		return e;
	}
	e = xcalloc(1, sizeof(*e));
	e->key = key;
	HASH_ADD_KEYPTR(hh, kb->lex, e->key, strlen(e->key), e);
	if (count_words(key) > kb->lex_max_words)
		kb->lex_max_words = count_words(key);
	return e;
}

static void add_alias(struct attr_kb *kb, const char *written, size_t src)
{
	struct alias *a;
	char *key = lower_dup(written);
	int exact = 1, letters = 0;

	/* An alias written in capitals ("AP", "SANA", "RT") is an acronym
	 * and must not match the ordinary word ("ap", "rt"). */
	for (const char *p = written; *p; p++)
		if (isalpha((unsigned char)*p)) {
			letters++;
			if (islower((unsigned char)*p))
				exact = 0;
		}
	if (letters == 0)
		exact = 0;
	HASH_FIND_STR(kb->aliases, key, a);
	if (a) {
		/* First record wins: the file order puts canonical sources
		 * before anything that shares a word with them. */
		free(key);
		return;
	}
	a = xcalloc(1, sizeof(*a));
	a->key = key;
	a->written = written;
	a->exact = exact;
	a->src = src;
	HASH_ADD_KEYPTR(hh, kb->aliases, a->key, strlen(a->key), a);
	if (count_words(key) > kb->alias_max_words)
		kb->alias_max_words = count_words(key);
}

static const struct { const char *kind; int cls; } kind_classes[] = {
	{ "verb", LX_VERB }, { "according", LX_ACCORDING },
	{ "passive", LX_PASSIVE }, { "anonymous", LX_ANON },
	{ "noun", LX_NOUN }, { "document", LX_DOC }, { "footage", LX_FOOTAGE },
	{ "photo", LX_PHOTO }, { "title", LX_TITLE }, { "aux", LX_AUX },
	{ "lead", LX_LEAD }, { "time", LX_TIME },
};

static void push_re(const pcre2_code ***v, size_t *n, const void *re)
{
	*v = xrealloc((void *)*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = re;
}

static void add_cue(struct attr_kb *kb, const struct rule *rule)
{
	const char *kind = rule_get(rule, "kind");
	const struct rule_field *f;
	size_t it;
	int cls = 0;

	if (!kind)
		return;
	if (!strcmp(kind, "frame") || !strcmp(kind, "credit") ||
	    !strcmp(kind, "anonymous")) {
		it = 0;
		while ((f = rule_next(rule, "pattern", &it))) {
			if (!f->re)
				continue;
			const char *pos = rule_get(rule, "position");

			if (!strcmp(kind, "frame"))
				push_re(&kb->frames, &kb->nframes, f->re);
			else if (!strcmp(kind, "credit") && pos && !strcmp(pos, "before"))
				push_re(&kb->credits_before, &kb->ncredits_before, f->re);
			else if (!strcmp(kind, "credit"))
				push_re(&kb->credits, &kb->ncredits, f->re);
			else
				push_re(&kb->anon_res, &kb->nanon_res, f->re);
		}
	}
	if (!strcmp(kind, "typeref")) {
		const char *type = rule_get(rule, "lemma");

		it = 0;
		while (type && (f = rule_next(rule, "form", &it))) {
			kb->typerefs = xrealloc(kb->typerefs,
						(kb->ntyperefs + 1) * sizeof(*kb->typerefs));
			kb->typerefs[kb->ntyperefs].type = type;
			kb->typerefs[kb->ntyperefs].noun = lower_dup(f->value);
			kb->ntyperefs++;
		}
		return;
	}
	if (!strcmp(kind, "pronoun")) {
		const char *l = rule_get(rule, "lemma");

		cls = !l ? 0 : !strcmp(l, "person") ? LX_PRON_PERSON :
		      !strcmp(l, "group") ? LX_PRON_GROUP : LX_PRON_ANY;
	}
	for (size_t i = 0; i < sizeof(kind_classes) / sizeof(kind_classes[0]); i++)
		if (!strcmp(kind, kind_classes[i].kind))
			cls = kind_classes[i].cls;
	if (!cls)
		return;
	it = 0;
	while ((f = rule_next(rule, "form", &it))) {
		struct lex *e = lex_get(kb, f->value);

		e->cls |= cls;
		if (cls == LX_VERB) {
			const char *w = rule_get(rule, "weight");
			const char *pos = rule_get(rule, "position");

			e->verb.id = rule->key;
			e->verb.lemma = rule_get(rule, "lemma");
			e->verb.weight = w ? strtod(w, NULL) : 1.0;
			e->verb.predicate = pos && !strcmp(pos, "predicate");
		}
	}
}

static void add_source(struct attr_kb *kb, const struct rule *rule)
{
	struct src *s;
	const struct rule_field *f;
	size_t it = 0, idx = kb->nsrcs;

	kb->srcs = xrealloc(kb->srcs, (kb->nsrcs + 1) * sizeof(*kb->srcs));
	s = &kb->srcs[kb->nsrcs++];
	memset(s, 0, sizeof(*s));
	s->id = rule_get(rule, "id");
	s->name = rule_get(rule, "name");
	s->type = rule_get(rule, "type");
	s->affiliation = rule_get(rule, "affiliation");
	s->org = rule_get(rule, "org");
	s->country = rule_get(rule, "country");
	add_alias(kb, s->name, idx);
	while ((f = rule_next(rule, "alias", &it)))
		add_alias(kb, f->value, idx);
	it = 0;
	while ((f = rule_next(rule, "backref", &it))) {
		s->backrefs = xrealloc(s->backrefs, (s->nbackrefs + 1) * sizeof(char *));
		s->backrefs[s->nbackrefs++] = lower_dup(f->value);
	}
}

enum pt_result attr_kb_new(const struct rules *r, struct attr_kb **out,
			   struct buf *err)
{
	struct attr_kb *kb = xcalloc(1, sizeof(*kb));
	size_t n;

	n = rules_count(r, "cue");
	for (size_t i = 0; i < n; i++)
		add_cue(kb, rules_at(r, "cue", i));
	n = rules_count(r, "source");
	for (size_t i = 0; i < n; i++)
		add_source(kb, rules_at(r, "source", i));
	if (!HASH_COUNT(kb->lex)) {
		buf_addf(err, "the rules hold no attribution cues (rules/data/cues.rules)");
		attr_kb_free(kb);
		return PT_BAD_INPUT;
	}
	kb->md = pcre2_match_data_create(16, NULL);
	*out = kb;
	return PT_OK;
}

void attr_kb_free(struct attr_kb *kb)
{
	struct lex *e, *etmp;
	struct alias *a, *atmp;

	if (!kb)
		return;
	HASH_ITER(hh, kb->lex, e, etmp) {
		HASH_DEL(kb->lex, e);
		free(e->key);
		free(e);
	}
	HASH_ITER(hh, kb->aliases, a, atmp) {
		HASH_DEL(kb->aliases, a);
		free(a->key);
		free(a);
	}
	for (size_t i = 0; i < kb->nsrcs; i++) {
		for (size_t j = 0; j < kb->srcs[i].nbackrefs; j++)
			free(kb->srcs[i].backrefs[j]);
		free(kb->srcs[i].backrefs);
	}
	for (size_t i = 0; i < kb->ntyperefs; i++)
		free(kb->typerefs[i].noun);
	free(kb->typerefs);
	free(kb->srcs);
	free((void *)kb->frames);
	free((void *)kb->credits);
	free((void *)kb->credits_before);
	free((void *)kb->anon_res);
	pcre2_match_data_free(kb->md);
	free(kb);
}

/* ------------------------------------------------------------------ */
/* Attribution lists                                                   */
/* ------------------------------------------------------------------ */

void attribution_list_init(struct attribution_list *l)
{
	memset(l, 0, sizeof(*l));
}

static void attribution_release(struct attribution *a)
{
	free(a->source);
	free(a->source_id);
	free(a->surface);
	free(a->cue);
	free(a->descriptor);
	free(a->source_type);
	free(a->affiliation);
	free(a->org);
}

void attribution_list_release(struct attribution_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		attribution_release(&l->v[i]);
	free(l->v);
	attribution_list_init(l);
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

enum tok_type {
	T_WORD, T_COMMA, T_QOPEN, T_QCLOSE, T_COLON, T_SEMI, T_END,
	T_LPAREN, T_RPAREN, T_DASH, T_OTHER
};

struct tok {
	size_t s, e;            /* byte range in the text */
	enum tok_type type;
	int cap;                /* a word that starts with a capital */
	int cls;                /* lex classes of the word alone */
	size_t lo;              /* offset of the lower-case copy in lows */
	int inq;                /* inside a quotation */
	int used;               /* part of an attribution already */
};

struct quote {
	size_t open, close;     /* token indexes; close == n when unclosed */
};

/* A speaker seen earlier in the document: what back-references resolve to. */
struct speaker {
	char *source, *source_id, *source_type, *affiliation, *org, *descriptor;
	char **refs;            /* lower-case nouns that may point back here */
	size_t nrefs;
	int person, anonymous;
	int personlike;         /* one unnamed person: "a neighbor" (he/she) */
	int gender;             /* 'm', 'f' or 0: what he/she may point to */
	char *surname;          /* last word of a person's name, lower case */
	size_t sent;            /* the sentence it was last named in */
};

/* A person named anywhere in the text ("founded by Marcus Vell"), so that
 * "Vell" alone later is known to be him. */
struct named {
	char *surname;          /* lower case */
	char *name;             /* as written */
	size_t sent;            /* the sentence that named them */
};

#define ATTR_MAX_NAMED 512

/* An acronym the article defines ("the Rapid Support Forces (RSF)"): in
 * this text it means that name, whatever else the rules know it for. */
struct acronym {
	char *acr;              /* as written */
	char *full;             /* the name before the bracket */
};

struct ctx {
	const struct attr_kb *kb;
	const char *text;
	size_t len;
	struct attribution_list *out;
	struct tok *t;
	size_t n, tcap;
	struct quote *q;
	size_t nq, qcap;
	struct buf lows;        /* lower-case words, NUL-separated */
	struct buf scratch;
	struct speaker *sp;
	size_t nsp, spcap;
	struct named *names;    /* ring of ATTR_MAX_NAMED at most */
	size_t nnames, namescap, names_next;
	/* The sentence being read. */
	size_t ss, se, sent_index;
	/* The last direct quote, for continued quotes. */
	size_t last_quote_sentence;
	long last_quote_attr;   /* index in out, or -1 */
	size_t sentences_with_attr;
	/* The last subject that spoke in this sentence, for a coordinated
	 * verb ("X said A and added B"); have_last is 0 when there is none. */
	int have_last;
	size_t last_sa, last_sb, last_rel, last_cue_end;
	size_t sent_first_attr;         /* index in out of its first attribution */
	char *own;                      /* the article's own outlet, lower case, or NULL */
	struct acronym *acr;            /* defined in the text: "Name (ACR)" */
	size_t nacr, acrcap;
	size_t cur_rel;                 /* relative clause of the subject emitted */
	size_t para;                    /* paragraph of the sentence being read */
	long unclosed;                  /* token of an opening mark with no
					   partner in this sentence, or -1 */
	/* A quotation still open when its sentence ended: the attribution
	 * it belongs to, or -1, and that sentence and paragraph. */
	long cont_attr;
	size_t cont_sentence, cont_para;
};

static const char *low(const struct ctx *c, size_t i)
{
	return c->lows.s + c->t[i].lo;
}

static int is_word(const struct ctx *c, size_t i, const char *w)
{
	return i < c->n && c->t[i].type == T_WORD && !strcmp(low(c, i), w);
}

static int lex_cls(const struct attr_kb *kb, const char *key)
{
	struct lex *e;

	HASH_FIND_STR(kb->lex, key, e);
	return e ? e->cls : 0;
}

static int is_cap_at(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	if (!n)
		return 0;
	if ((unsigned char)*s < 0x80)
		return isupper((unsigned char)*s) || isdigit((unsigned char)*s);
	k = utf8proc_iterate((const utf8proc_uint8_t *)s,
			     (utf8proc_ssize_t)(n > 4 ? 4 : n), &cp);
	return k > 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/* Bytes of the punctuation or quotation mark at s that is not part of a
 * word (0 if s is a word character). */
static int punct_at(const char *s, size_t n, enum tok_type *type)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == '"') {
		*type = T_QOPEN;        /* direction decided later */
		return 1;
	}
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80) {
		if (u[2] == 0x9C) { *type = T_QOPEN; return 3; }
		if (u[2] == 0x9D) { *type = T_QCLOSE; return 3; }
		if (u[2] == 0x93 || u[2] == 0x94) { *type = T_DASH; return 3; }
		if (u[2] == 0xA6) { *type = T_END; return 3; }   /* … */
		if (u[2] == 0x98) { *type = T_OTHER; return 3; } /* ‘ */
	}
	if (n >= 2 && u[0] == 0xC2) {
		if (u[1] == 0xAB) { *type = T_QOPEN; return 2; }
		if (u[1] == 0xBB) { *type = T_QCLOSE; return 2; }
		if (u[1] == 0xA0) { *type = T_OTHER; return -2; } /* nbsp: space */
	}
	if (u[0] >= 0x80 || isalnum(u[0]))
		return 0;
	switch (u[0]) {
	case ',': *type = T_COMMA; return 1;
	case ':': *type = T_COLON; return 1;
	case ';': *type = T_SEMI; return 1;
	case '.': case '!': case '?': *type = T_END; return 1;
	case '(': case '[': *type = T_LPAREN; return 1;
	case ')': case ']': *type = T_RPAREN; return 1;
	case '-': *type = T_DASH; return 1;
	default: *type = T_OTHER; return 1;
	}
}

static void push_tok(struct ctx *c, size_t s, size_t e, enum tok_type type)
{
	struct tok *t;

	if (c->n >= ATTR_MAX_TOKENS)
		return;
	ARRAY_GROW(c->t, c->tcap, c->n + 1);
	t = &c->t[c->n++];
	memset(t, 0, sizeof(*t));
	t->s = s;
	t->e = e;
	t->type = type;
	t->lo = c->lows.len;
	if (type == T_WORD) {
		t->cap = is_cap_at(c->text + s, e - s);
		/* Arabic names: "al-Thawra", "el-Sisi", "ad-Din" are names */
		if (!t->cap && e - s > 4) {
			const char *d = memchr(c->text + s, '-', e - s);
			if (d && d - (c->text + s) <= 3 && (size_t)(d + 1 - c->text) < e &&
			    islower((unsigned char)c->text[s]))
				t->cap = is_cap_at(d + 1, (size_t)(c->text + e - d - 1));
		}
		for (size_t i = s; i < e; i++)
			buf_addc(&c->lows, tolower((unsigned char)c->text[i]));
	}
	buf_addc(&c->lows, '\0');
}

/* Is the next word after text[p..] (past white space) in lower case?  A
 * full stop before one ends no sentence: "Acme Inc. said", "No. 3". */
static int lower_follows(const char *x, size_t p, size_t e)
{
	if (p >= e || !isspace((unsigned char)x[p]))
		return 0;
	while (p < e && isspace((unsigned char)x[p]))
		p++;
	return p < e && (islower((unsigned char)x[p]) || isdigit((unsigned char)x[p]));
}

/* Split text[s..e) into tokens.  A word keeps inner '.', '-', '\'', '’',
 * '&' ("U.S.-led", "al-Sham", "Newsweek's"), and a final '.' when it is an
 * abbreviation ("U.S.", "Gen."). */
static void tokenize(struct ctx *c, size_t s, size_t e)
{
	const char *x = c->text;
	size_t p = s;

	c->n = 0;
	buf_reset(&c->lows);
	while (p < e && c->n < ATTR_MAX_TOKENS) {
		enum tok_type type;
		int k;

		if (isspace((unsigned char)x[p])) {
			p++;
			continue;
		}
		k = punct_at(x + p, e - p, &type);
		if (k < 0) {
			p += (size_t)-k;
			continue;
		}
		if (k > 0) {
			push_tok(c, p, p + (size_t)k, type);
			p += (size_t)k;
			continue;
		}
		{
			size_t w = p, dots = 0;

			while (w < e) {
				enum tok_type t2;
				int k2 = punct_at(x + w, e - w, &t2);

				if (k2 == 0) {
					w++;
					continue;
				}
				/* "68,000", "3.5", "10:14" */
				if ((x[w] == ',' || x[w] == ':') && w > p && w + 1 < e &&
				    isdigit((unsigned char)x[w - 1]) &&
				    isdigit((unsigned char)x[w + 1])) {
					w++;
					continue;
				}
				/* inner joiners */
				if (w + 1 < e && (x[w] == '.' || x[w] == '-' ||
						  x[w] == '\'' || x[w] == '&' || x[w] == '/') &&
				    punct_at(x + w + 1, e - w - 1, &t2) == 0) {
					dots += x[w] == '.';
					w++;
					continue;
				}
				if (w + 3 < e && !memcmp(x + w, "\xE2\x80\x99", 3) &&
				    punct_at(x + w + 3, e - w - 3, &t2) == 0) {
					w += 3;
					continue;
				}
				/* "U.S.-based", "U.K.-led" */
				if (x[w] == '.' && w + 2 < e && x[w + 1] == '-' &&
				    isalnum((unsigned char)x[w + 2]) && w > p) {
					dots++;
					w += 2;
					continue;
				}
				/* "OPEC+": a closing '+' is part of a name */
				if (x[w] == '+' && w > p &&
				    isupper((unsigned char)x[w - 1]) &&
				    (w + 1 >= e || !isalnum((unsigned char)x[w + 1]))) {
					w++;
					break;
				}
				/* a plural possessive: "veterans' spending" */
				if (x[w] == '\'' && w > p + 2 && x[w - 1] == 's' &&
				    w + 2 < e && x[w + 1] == ' ' &&
				    islower((unsigned char)x[w + 2])) {
					w++;
					break;
				}
				break;
			}
			/* A final '.' belongs to "U.S." and to "Gen." */
			if (w < e && x[w] == '.' &&
			    (dots || (w - p == 1 && isupper((unsigned char)x[p])) ||
			     sentence_is_title_abbrev(x + p, w - p) ||
			     lower_follows(x, w + 1, e) ||
			     /* no sentence ends ".,": "D-Mich.,", "Inc.," */
			     (w + 1 < e && x[w + 1] == ',')))
				w++;
			push_tok(c, p, w, T_WORD);
			p = w;
		}
	}
	for (size_t i = 0; i < c->n; i++)
		if (c->t[i].type == T_WORD)
			c->t[i].cls = lex_cls(c->kb, low(c, i));
}

/* Pair quotation marks: straight ones alternate, curly ones say which
 * way they face.  An opening mark without a partner at the very start
 * opens a quotation that runs to the end (the newsroom convention for a
 * quotation that continues into the next paragraph). */
static void mark_quotes(struct ctx *c)
{
	long open = -1;

	c->nq = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct tok *t = &c->t[i];
		int straight = t->type == T_QOPEN && c->text[t->s] == '"';

		if (t->type != T_QOPEN && t->type != T_QCLOSE)
			continue;
		if (open < 0) {
			if (t->type == T_QOPEN)
				open = (long)i;
			continue;
		}
		if (straight || t->type == T_QCLOSE) {
			t->type = T_QCLOSE;
			ARRAY_GROW(c->q, c->qcap, c->nq + 1);
			c->q[c->nq].open = (size_t)open;
			c->q[c->nq].close = i;
			c->nq++;
			open = -1;
		} else {
			open = (long)i;
		}
	}
	c->unclosed = -1;
	/* an opening mark with words after it and no partner: the
	 * quotation runs on past the sentence ('said: "These rivers ...
	 * England. We would ...') */
	if (open == 0 || (open > 0 && (size_t)open + 2 < c->n &&
			  c->t[open + 1].type == T_WORD)) {
		ARRAY_GROW(c->q, c->qcap, c->nq + 1);
		c->q[c->nq].open = (size_t)open;
		c->q[c->nq].close = c->n;
		c->nq++;
		c->unclosed = open;
	}
	for (size_t k = 0; k < c->nq; k++)
		for (size_t i = c->q[k].open + 1; i < c->q[k].close && i < c->n; i++)
			c->t[i].inq = 1;
}

/* The quotation that opens at token i, or NULL. */
static const struct quote *quote_opening(const struct ctx *c, size_t i)
{
	for (size_t k = 0; k < c->nq; k++)
		if (c->q[k].open == i)
			return &c->q[k];
	return NULL;
}

/* Does a quotation (open mark) occur in tokens [a, b)? */
static const struct quote *quote_within(const struct ctx *c, size_t a, size_t b)
{
	for (size_t k = 0; k < c->nq; k++)
		if (c->q[k].open >= a && c->q[k].open < b)
			return &c->q[k];
	return NULL;
}

/* Longest cue form starting at token i among classes cls: the number of
 * words it spans (0 if none) and its entry in *out. */
static int match_form(struct ctx *c, size_t i, int cls, const struct lex **out)
{
	int maxw = c->kb->lex_max_words;

	for (int w = maxw; w >= 1; w--) {
		struct lex *e;
		size_t j;

		buf_reset(&c->scratch);
		for (j = i; j < c->n && (int)(j - i) < w; j++) {
			if (c->t[j].type != T_WORD)
				break;
			if (j > i)
				buf_addc(&c->scratch, ' ');
			buf_adds(&c->scratch, low(c, j));
		}
		if ((int)(j - i) != w)
			continue;
		HASH_FIND_STR(c->kb->lex, c->scratch.s, e);
		if (e && (e->cls & cls)) {
			*out = e;
			return w;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Noun phrases                                                        */
/* ------------------------------------------------------------------ */

static const char *const function_words[] = {
	"the", "a", "an", "of", "for", "and", "with", "on", "in", "at", "to",
	"from", "by", "de", "du", "la", "le", "al", "el", "des", "der", "van",
	"von", "bin", "ibn", "its", "his", "her", "their", "one", "two",
	"three", "several", "some", "many", "both", "other", "another",
	"senior", "top", "local", "u.s.", "&", NULL
};

static int is_function_word(const char *w)
{
	for (size_t i = 0; function_words[i]; i++)
		if (!strcmp(function_words[i], w))
			return 1;
	return 0;
}

static const char *const determiners[] = {
	"the", "a", "an", "this", "that", "these", "those", "one", "two",
	"three", "several", "some", "many", "both", "other", "another", NULL
};

static int is_determiner(const char *w)
{
	for (size_t i = 0; determiners[i]; i++)
		if (!strcmp(determiners[i], w))
			return 1;
	return 0;
}

/* Non-zero when w is one of the NULL-terminated words v. */
static int in_list(const char *const *v, const char *w)
{
	for (size_t i = 0; v[i]; i++)
		if (!strcmp(v[i], w))
			return 1;
	return 0;
}

/* A determiner that counts more than one ("two people familiar ..."). */
static int plural_determiner(const char *w)
{
	static const char *const v[] = { "two", "three", "four", "five", "six",
		"several", "some", "many", "both", "most", "few", "dozens",
		"numerous", "multiple", "various", NULL };

	return in_list(v, w);
}

/* A word that counts ("two of those people", "one of them"). */
static int quantifier(const char *w)
{
	static const char *const v[] = { "one", "two", "three", "four", "five",
		"six", "seven", "eight", "nine", "ten", "several", "some", "many",
		"most", "few", "none", "each", "all", "both", "any", "dozens",
		"hundreds", "half", "either", "neither", NULL };

	for (size_t i = 0; v[i]; i++)
		if (!strcmp(v[i], w))
			return 1;
	return isdigit((unsigned char)w[0]) != 0;
}

/* A word that makes a noun phrase an unnamed source's description: "people
 * familiar with", "aides involved in", "a person briefed on". */
static int anon_word(const char *w)
{
	return !strcmp(w, "familiar") || !strcmp(w, "close") ||
	       !strcmp(w, "knowledge") || !strcmp(w, "briefed") ||
	       !strcmp(w, "involved") || !strcmp(w, "aware");
}

static int is_relative(const char *w)
{
	return !strcmp(w, "who") || !strcmp(w, "which") || !strcmp(w, "that") ||
	       !strcmp(w, "whose") || !strcmp(w, "whom");
}

static int is_pronoun_cls(int cls)
{
	return cls & (LX_PRON_PERSON | LX_PRON_ANY | LX_PRON_GROUP);
}

/* The head of the phrase [a, b): its last word before a post-modifier
 * ("a source familiar with ...", "spokesperson for the ministry"). */
static size_t np_head(const struct ctx *c, size_t a, size_t b)
{
	/* "two of those people", "one of them": the head is after "of" */
	if (a + 2 < b && c->t[a].type == T_WORD && !c->t[a].cap &&
	    quantifier(low(c, a)) && is_word(c, a + 1, "of")) {
		size_t k = a + 2;
		while (k + 1 < b && (is_word(c, k, "those") || is_word(c, k, "the") ||
				     is_word(c, k, "these") || is_word(c, k, "its") ||
				     is_word(c, k, "their") || is_word(c, k, "his") ||
				     is_word(c, k, "her")))
			k++;
		return np_head(c, k, b);
	}
	for (size_t i = a + 1; i < b; i++) {
		const char *w;

		/* "Karen Clark & Company" */
		if (c->t[i].type == T_OTHER && c->text[c->t[i].s] == '&' && i + 1 < b &&
		    c->t[i + 1].type == T_WORD && c->t[i + 1].cap)
			continue;
		w = low(c, i);
		if (c->t[i].type != T_WORD)
			return i - 1;
		/* "aides involved in scheduling", "a person briefed on" */
		if (anon_word(w) && !c->t[i].cap)
			return i - 1;
		if (!strcmp(w, "familiar") || !strcmp(w, "close") ||
		    !strcmp(w, "with") || !strcmp(w, "for") || !strcmp(w, "who") ||
		    !strcmp(w, "from") || !strcmp(w, "at") || !strcmp(w, "in") ||
		    (!strcmp(w, "of") && !c->t[i - 1].cap))
			return i - 1;
	}
	return b - 1;
}

/* A lower-case -ing or -ed word: "speaking on condition of anonymity",
 * "based in London". */
static int participial(const struct ctx *c, size_t i)
{
	const char *w;
	size_t n;

	if (i >= c->n || c->t[i].type != T_WORD || c->t[i].cap)
		return 0;
	w = low(c, i);
	n = strlen(w);
	return (n > 4 && !strcmp(w + n - 3, "ing")) || (n > 3 && !strcmp(w + n - 2, "ed")) ||
	       !strcmp(w, "led") || !strcmp(w, "run") || !strcmp(w, "held") ||
	       !strcmp(w, "built") || !strcmp(w, "made") || !strcmp(w, "written") ||
	       !strcmp(w, "known") || !strcmp(w, "seen") || !strcmp(w, "taken") ||
	       !strcmp(w, "given") || !strcmp(w, "funded") || !strcmp(w, "set") ||
	       !strcmp(w, "sent") || !strcmp(w, "shot");
}

/* A comma inside a name: "Department for Environment, Food and Rural
 * Affairs" -- capital words on both sides, and after it only capital
 * words with one "and" up to a non-word (the verb's side). */
static int name_comma(const struct ctx *c, size_t i)
{
	size_t k, caps = 0;
	int and = 0;

	if (i < 2 || i + 3 >= c->n || c->t[i].type != T_COMMA ||
	    c->t[i - 1].type != T_WORD || !c->t[i - 1].cap ||
	    c->t[i + 1].type != T_WORD || !c->t[i + 1].cap ||
	    (c->t[i + 1].cls & LX_LEAD))
		return 0;
	/* the part before: "X for Y" or "X of Y", a body's name */
	for (k = i; k > 0 && i - k < 5 && c->t[k - 1].type == T_WORD &&
	     (c->t[k - 1].cap || is_word(c, k - 1, "for") || is_word(c, k - 1, "of")); k--)
		if (is_word(c, k - 1, "for") || is_word(c, k - 1, "of"))
			caps |= 0x100;
	if (!(caps & 0x100))
		return 0;
	caps = 0;
	for (k = i + 1; k < c->n && k < i + 8 && c->t[k].type == T_WORD; k++) {
		if (is_word(c, k, "and") && !c->t[k].cap)
			and++;
		else if (c->t[k].cap)
			caps++;
		else
			break;
	}
	return and == 1 && caps >= 2 && k < c->n && c->t[k - 1].cap &&
	       (c->t[k].type != T_WORD || (c->t[k].cls & LX_VERB));
}

/*
 * Is [a, b) a phrase that can name a source?  Short; its head a capital
 * word, an acronym, a source noun or a pronoun; few lower-case content
 * words (that would be a clause, not a name); no verb-like word.
 */
static int np_valid(const struct ctx *c, size_t a, size_t b)
{
	size_t words = 0, lowers = 0, h;
	int anon_phrase = 0;

	if (b <= a || b - a > 16)
		return 0;
	for (size_t i = a; i < b; i++) {
		const char *w;

		if (c->t[i].type != T_WORD) {
			if (c->t[i].type == T_DASH || c->t[i].type == T_OTHER ||
			    (c->t[i].type == T_COMMA && i > a && name_comma(c, i)))
				continue;
			return 0;
		}
		w = low(c, i);
		words++;
		if (c->t[i].cls & (LX_VERB | LX_AUX) && !(c->t[i].cls & (LX_NOUN | LX_ANON | LX_TITLE)) &&
		    !c->t[i].cap && i > a && !anon_word(w) &&
		    !((c->t[i].cls & LX_DOC) && is_determiner(low(c, i - 1))) &&
		    !(is_determiner(low(c, i - 1)) && i + 1 < b && !c->t[i + 1].cap &&
		      (c->t[i + 1].cls & (LX_DOC | LX_NOUN))) &&
		    !((c->t[i].cls & LX_DOC) && i > a + 1 && is_determiner(low(c, i - 2))) &&
		    /* "its annual reports", "the company's latest
		     * financial statements" */
		    !((c->t[i].cls & LX_DOC) && c->t[i - 1].type == T_WORD &&
		      !(c->t[i - 1].cls & (LX_VERB | LX_AUX)) &&
		      (i > a + 1 || is_word(c, i - 1, "its") || is_word(c, i - 1, "their") ||
		       is_word(c, i - 1, "his") || is_word(c, i - 1, "her") ||
		       str_ends_with(low(c, i - 1), "'s") ||
		       str_ends_with(low(c, i - 1), "\xE2\x80\x99s"))) &&
		    /* "in" is an aux only in "in turn" */
		    !((anon_phrase || (!strcmp(w, "in") && i + 1 < b &&
				       ((c->t[i + 1].cap &&
					!isdigit((unsigned char)c->text[c->t[i + 1].s])) ||
				       is_determiner(low(c, i + 1))))) &&
		      is_function_word(w)))
			return 0;
		if (is_relative(w) && i > a)
			return 0;
		if (anon_word(w))
			anon_phrase = 1;
		if (!c->t[i].cap && !is_function_word(w) &&
		    !(c->t[i].cls & (LX_NOUN | LX_ANON | LX_TITLE)))
			lowers++;
	}
	if (words > 14 || lowers > (anon_phrase ? 6u : 3u))
		return 0;
	h = np_head(c, a, b);
	if (c->t[h].type != T_WORD)
		return 0;
	if (b - a == 1 && is_pronoun_cls(c->t[a].cls))
		return 1;
	/* "one of them", "two of us" */
	if (b - a == 3 && quantifier(low(c, a)) && is_word(c, a + 1, "of") &&
	    (is_word(c, a + 2, "them") || is_word(c, a + 2, "us")))
		return 1;
	if (c->t[h].cap || (c->t[h].cls & (LX_NOUN | LX_ANON | LX_DOC | LX_FOOTAGE | LX_PHOTO)))
		return !(is_determiner(low(c, h)) && b - a == 1);
	/* "one former engineer", "two forecasters": a counted noun is
	 * someone, whatever the noun */
	if (b - a >= 2 && b - a <= 4 && h == b - 1 && h > a &&
	    (plural_determiner(low(c, a)) || is_word(c, a, "a") || is_word(c, a, "an") ||
	     is_word(c, a, "one") || is_word(c, a, "another")) &&
	    !is_determiner(low(c, h)) && !is_function_word(low(c, h)) &&
	    !(c->t[h].cls & (LX_VERB | LX_AUX | LX_TIME)) && !participial(c, h))
		return 1;
	return 0;
}

/* Strip, from the front of [*a, b), words that open a clause ("as",
 * "but") and a leading time phrase ("On Friday", "Last week"). */
static void np_trim_front(const struct ctx *c, size_t *a, size_t b)
{
	while (*a < b && c->t[*a].type == T_WORD && (c->t[*a].cls & LX_LEAD) &&
	       !(c->t[*a].cls & (LX_NOUN | LX_ANON)))
		(*a)++;
	if (*a < b && c->t[*a].type == T_WORD) {
		const char *w = low(c, *a);

		if (is_word(c, *a + 1, "least") || is_word(c, *a + 1, "most"))
			return;
		if (!strcmp(w, "on") || !strcmp(w, "in") || !strcmp(w, "at") ||
		    !strcmp(w, "last") || !strcmp(w, "earlier") ||
		    !strcmp(w, "during") || !strcmp(w, "late") ||
		    !strcmp(w, "early") || !strcmp(w, "this")) {
			size_t i = *a + 1;
			while (i < b && c->t[i].type == T_WORD &&
			       (c->t[i].cls & LX_TIME) && !c->t[i].cap)
				i++;
			/* a weekday or month name */
			if (i < b && c->t[i].type == T_WORD && (c->t[i].cls & LX_TIME))
				i++;
			if (i < b)
				*a = i;
		}
	}
}

/* Strip from the back of [a, *b) auxiliaries and adverbs between a subject
 * and its verb ("has consistently", "also"). */
static void np_trim_back(const struct ctx *c, size_t a, size_t *b)
{
	/* a time phrase: "Brightwell Energy Inc. on Tuesday announced" */
	for (size_t k = *b; k > a + 1 && *b - k < 4; k--) {
		const char *w;

		if (c->t[k - 1].type != T_WORD || !(c->t[k - 1].cls & LX_TIME))
			break;
		w = low(c, k - 1);
		if (!c->t[k - 1].cap && k < *b &&
		    (!strcmp(w, "on") || !strcmp(w, "last") || !strcmp(w, "this") ||
		     !strcmp(w, "earlier") || !strcmp(w, "late") || !strcmp(w, "early"))) {
			*b = k - 1;
			break;
		}
	}
	while (*b > a && c->t[*b - 1].type == T_WORD && !c->t[*b - 1].cap) {
		const char *w = low(c, *b - 1);
		size_t n = strlen(w);

		if ((c->t[*b - 1].cls & LX_AUX) ||
		    (n > 4 && !strcmp(w + n - 2, "ly") &&
		     !(c->t[*b - 1].cls & (LX_NOUN | LX_ANON)) &&
		     /* "Ms Pryce's family", "the assembly": nouns */
		     strcmp(w, "family") && strcmp(w, "assembly") && strcmp(w, "ally") &&
		     strcmp(w, "allies") && strcmp(w, "weekly") && strcmp(w, "monthly") &&
		     !(*b - 1 > a && (str_ends_with(low(c, *b - 2), "'s") ||
				      str_ends_with(low(c, *b - 2), "\xE2\x80\x99s"))) &&
		     !(*b - 1 > a && c->t[*b - 2].type == T_WORD &&
		       (is_determiner(low(c, *b - 2)) || is_function_word(low(c, *b - 2))))))
			(*b)--;
		else
			break;
	}
}

/* Forward phrase from token i: words up to a comma, a relative word, a
 * verb, an auxiliary, a time phrase or a clause; returns its end. */
static size_t np_forward(const struct ctx *c, size_t i, int stop_at_prep)
{
	size_t j = i;
	int anon = 0;

	while (j < c->n && j - i < 14) {
		const struct tok *t = &c->t[j];
		const char *w;

		if (t->type == T_DASH && j > i && j + 1 < c->n &&
		    c->t[j + 1].type == T_WORD) {
			j++;
			continue;
		}
		if (t->type != T_WORD)
			break;
		w = low(c, j);
		/* "a user named Wes Harlan": the name is the phrase's */
		if (j > i && (!strcmp(w, "named") || !strcmp(w, "called")) && !t->cap &&
		    j + 1 < c->n && c->t[j + 1].type == T_WORD && c->t[j + 1].cap &&
		    !(c->t[j + 1].cls & LX_LEAD)) {
			j++;
			continue;
		}
		if (j > i && (is_relative(w) || ((t->cls & (LX_VERB | LX_AUX)) &&
						  !(t->cls & (LX_NOUN | LX_ANON | LX_TITLE)) && !t->cap &&
						  /* "a fiscal note from" */
						  !((t->cls & LX_DOC) && (t->cls & LX_VERB)) &&
						  /* "the charge sheet" */
						  !(is_determiner(low(c, j - 1)) && j + 1 < c->n &&
						    c->t[j + 1].type == T_WORD && !c->t[j + 1].cap &&
						    (c->t[j + 1].cls & (LX_DOC | LX_NOUN))) &&
						  !anon_word(w) &&
						  !(anon && is_function_word(w)))))
			break;
		if (anon_word(w))
			anon = 1;
		if (j > i && !t->cap && !anon && stop_at_prep &&
		    (!strcmp(w, "on") || !strcmp(w, "in") || !strcmp(w, "at") ||
		     !strcmp(w, "last") || !strcmp(w, "this") || !strcmp(w, "earlier") ||
		     !strcmp(w, "after") || !strcmp(w, "during") || !strcmp(w, "since") ||
		     !strcmp(w, "to") || !strcmp(w, "as") || !strcmp(w, "when") ||
		     !strcmp(w, "citing") || !strcmp(w, "while") || !strcmp(w, "but") ||
		     !strcmp(w, "over") || !strcmp(w, "about") || !strcmp(w, "amid")))
			break;
		/* "of"/"for"/"and" continue a name only into a capital */
		if (j > i && !anon && (!strcmp(w, "of") || !strcmp(w, "for") ||
				       !strcmp(w, "and")) &&
		    !(j + 1 < c->n && (c->t[j + 1].cap ||
				       (c->t[j + 1].type == T_WORD &&
					(c->t[j + 1].cls & (LX_ANON | LX_NOUN)) ) ||
				       is_word(c, j + 1, "the") ||
				       /* "a coalition of conservation groups" */
				       (!strcmp(w, "of") && j + 2 < c->n &&
					c->t[j + 1].type == T_WORD && c->t[j + 2].type == T_WORD &&
					!(c->t[j + 1].cls & (LX_VERB | LX_AUX)) &&
					!c->t[j + 2].cap &&
					(c->t[j + 2].cls & (LX_ANON | LX_NOUN)) &&
					!(c->t[j + 2].cls & (LX_VERB | LX_AUX))))))
			break;
		/* a lower-case -ed or -ing word after the head is a verb */
		if (j > i + 1 && !t->cap && (!anon || (!anon_word(w) && c->t[j - 1].type == T_WORD &&
						       !is_function_word(low(c, j - 1)) &&
						       !anon_word(low(c, j - 1))))) {
			size_t n = strlen(w);
			if ((n > 3 && !strcmp(w + n - 2, "ed")) ||
			    (n > 4 && !strcmp(w + n - 3, "ing")))
				break;
		}
		j++;
	}
	return j;
}

/* A descriptor after a comma at token i: ", a U.K.-based monitor with ties
 * to ...".  Returns its end token (exclusive) or i when there is none. */
static size_t descriptor_after(const struct ctx *c, size_t i)
{
	size_t j;

	if (i >= c->n || c->t[i].type != T_COMMA || i + 1 >= c->n ||
	    c->t[i + 1].type != T_WORD)
		return i;
	if (!is_word(c, i + 1, "a") && !is_word(c, i + 1, "an") &&
	    !is_word(c, i + 1, "the") && !is_word(c, i + 1, "who") &&
	    !is_word(c, i + 1, "which"))
		return i;
	/* "the" + capital is another name, not a description */
	if (is_word(c, i + 1, "the") && i + 2 < c->n && c->t[i + 2].cap &&
	    !(c->t[i + 2].cls & LX_TITLE))
		return i;
	for (j = i + 1; j < c->n; j++) {
		if (c->t[j].type == T_COMMA || c->t[j].type == T_END ||
		    c->t[j].type == T_SEMI || c->t[j].type == T_COLON ||
		    c->t[j].type == T_QOPEN || c->t[j].type == T_LPAREN)
			break;
		if (j > i + 2 && c->t[j].type == T_WORD &&
		    (is_word(c, j, "that") || is_word(c, j, "which")))
			break;
		/* an appositive is a phrase: "the average salary will be"
		 * is a clause */
		if (c->t[j].type == T_WORD && (c->t[j].cls & LX_AUX) &&
		    !(c->t[j].cls & LX_TIME) && !c->t[j].cap &&
		    !is_word(c, i + 1, "who") && !is_word(c, i + 1, "which"))
			return i;
	}
	return j;
}

/* A word that can end a noun phrase: a capital, a number, or a noun the
 * rules know (a source noun, a person noun, a document, a medium). */
static int nominal(const struct ctx *c, size_t i)
{
	return c->t[i].type == T_WORD &&
	       (c->t[i].cap || (c->t[i].cls & (LX_NOUN | LX_ANON | LX_DOC | LX_FOOTAGE |
						LX_PHOTO | LX_TITLE)));
}

/*
 * The noun phrase that starts at token i, chunked without a parser: the
 * longest run that np_valid() accepts and that ends in a nominal word,
 * where a lower-case content word right after a nominal one ends the
 * phrase (it is the verb: "the British snack maker cut its forecast"),
 * except inside an anonymity phrase ("two people familiar with the
 * decision").  Post-modifiers join through of/for/at/in/from/with.
 * Returns the end (exclusive), or i when no phrase starts there.
 */
static size_t np_longest(const struct ctx *c, size_t i)
{
	size_t best = i;
	int anon = 0, prev_nominal = 0;

	for (size_t k = i; k < c->n && k < i + 14; k++) {
		const struct tok *t = &c->t[k];
		const char *w;

		if (t->type == T_DASH && k > i && k + 1 < c->n && c->t[k + 1].type == T_WORD)
			continue;
		if (t->type != T_WORD || t->inq)
			break;
		w = low(c, k);
		if (k > i && (is_relative(w) ||
			      ((t->cls & (LX_VERB | LX_AUX)) && !t->cap &&
			       !(t->cls & (LX_NOUN | LX_ANON | LX_TITLE)) && !anon_word(w) &&
			       !(anon && is_function_word(w)))))
			break;
		if (anon_word(w))
			anon = 1;
		if (nominal(c, k)) {
			prev_nominal = 1;
			if (np_valid(c, i, k + 1))
				best = k + 1;
			continue;
		}
		if (is_function_word(w) || is_determiner(w)) {
			prev_nominal = 0;
			continue;
		}
		/* a lower-case content word: after a nominal one it is the
		 * verb, unless a noun follows ("British snack maker") */
		if (prev_nominal && (!anon || (!anon_word(w) && (str_ends_with(w, "ed") ||
								  str_ends_with(w, "ing")))) &&
		    !(k + 1 < c->n && c->t[k + 1].type == T_WORD && !c->t[k + 1].cap &&
		      (c->t[k + 1].cls & (LX_NOUN | LX_ANON))))
			break;
		prev_nominal = anon;
		if (anon && np_valid(c, i, k + 1))
			best = k + 1;
	}
	return best;
}

/* ------------------------------------------------------------------ */
/* Sources                                                             */
/* ------------------------------------------------------------------ */

struct resolved {
	long src;               /* index in kb->srcs, or -1 */
	long person_src;        /* a person's source rule, or -1 */
	long org_src;           /* an organisation named beside a person */
	char *name;             /* the name to report */
	int person, anonymous;
	long speaker;           /* a back-reference: the speaker, or -1 */
	size_t head;            /* token of the head word */
	char *org_name;         /* an organisation the rules do not know,
				   named beside a person ("X of the Y") */
	int gender;             /* a pronoun's gender, for a person it found */
};

static void resolved_release(struct resolved *r)
{
	free(r->name);
	free(r->org_name);
}

static char *text_dup(const struct ctx *c, size_t s, size_t e)
{
	struct buf b = BUF_INIT;
	int space = 0;

	/* White space collapsed: a name or claim may cross a line break. */
	for (size_t i = s; i < e; i++) {
		char ch = c->text[i];

		if (isspace((unsigned char)ch)) {
			space = 1;
			continue;
		}
		if (space && b.len)
			buf_addc(&b, ' ');
		space = 0;
		buf_addc(&b, ch);
	}
	return buf_detach(&b, NULL);
}

static char *toks_dup(const struct ctx *c, size_t a, size_t b)
{
	if (b <= a)
		return xstrdup("");
	return text_dup(c, c->t[a].s, c->t[b - 1].e);
}

/* Longest alias in [a, b); returns its source index (or -1) with the
 * tokens it covers in *ma, *mb.  Person sources win over organisations
 * when both are named ("Pentagon spokesperson ... Jessica McNulty"). */
static long find_alias(struct ctx *c, size_t a, size_t b, int want_person,
		       size_t *ma, size_t *mb)
{
	const struct attr_kb *kb = c->kb;
	long best = -1;
	size_t best_len = 0;

	for (size_t i = a; i < b; i++) {
		if (c->t[i].type != T_WORD)
			continue;
		for (int w = kb->alias_max_words; w >= 1; w--) {
			struct alias *al;
			size_t j, words = 0;

			buf_reset(&c->scratch);
			for (j = i; j < b && (int)words < w; j++) {
				if (c->t[j].type == T_WORD) {
					if (words)
						buf_addc(&c->scratch, ' ');
					buf_adds(&c->scratch, low(c, j));
					words++;
				} else if (c->t[j].type == T_DASH && words) {
					/* "ANNA-News" is written with a dash */
					buf_setlen(&c->scratch, c->scratch.len);
				} else {
					break;
				}
			}
			if ((int)words != w)
				continue;
			HASH_FIND_STR(kb->aliases, c->scratch.s, al);
			if (!al)
				continue;
			if (al->exact) {
				/* an acronym must be written as one */
				size_t len = strlen(al->written);
				if (c->t[j - 1].e - c->t[i].s != len ||
				    memcmp(c->text + c->t[i].s, al->written, len))
					continue;
			} else if (!c->t[i].cap && !c->t[j - 1].cap) {
				/* lower-case running text is not a name */
				continue;
			}
			{
				int is_person = kb->srcs[al->src].type &&
						!strcmp(kb->srcs[al->src].type, "person");
				size_t len = (size_t)w + (is_person && want_person ? 100 : 0);

				if (len > best_len) {
					best_len = len;
					best = (long)al->src;
					*ma = i;
					*mb = j;
				}
			}
			break;
		}
	}
	return best;
}

/* "In Moscow, ...", "At the hearing": a capital preposition opens a
 * phrase, it is no part of a name. */
static int is_preposition(const char *w)
{
	static const char *const v[] = { "in", "on", "at", "from", "by", "for",
		"with", "after", "during", "under", "before", "since", "outside",
		"inside", "near", "across", "through", "back", "into", "over",
		"like", "unlike", "despite", "amid", "as", NULL };

	return in_list(v, w);
}

/* Last words that make a capital run a body's name ("Marine Services",
 * "Capital Partners"), not a title and a surname. */
static int body_suffix(const char *w)
{
	static const char *const v[] = { "services", "group", "company",
		"corp", "corp.", "inc", "inc.", "ltd", "ltd.", "llc", "partners",
		"holdings", "systems", "associates", "bank", "agency",
		"association", "institute", "foundation", "authority",
		"network", "solutions", "industries", "energy", "media", NULL };

	return in_list(v, w);
}

/* Whether [k, b) is all capital words (one name's tail). */
static int caps_to(const struct ctx *c, size_t k, size_t b)
{
	for (; k < b; k++)
		if (c->t[k].type != T_WORD || !c->t[k].cap || (c->t[k].cls & LX_ANON))
			return 0;
	return 1;
}

/* The person's name in [a, b): the last run of two or more capital words
 * that are not titles ("Navy Commander Jessica McNulty" -> "Jessica
 * McNulty"), or NULL. */
static int person_name(const struct ctx *c, size_t a, size_t b, size_t *pa,
		       size_t *pb)
{
	size_t i = b, end;

	while (i > a) {
		/* skip to the end of a capital run */
		while (i > a && !(c->t[i - 1].type == T_WORD && c->t[i - 1].cap &&
				  !(c->t[i - 1].cls & LX_TITLE)))
			i--;
		if (i == a)
			return 0;
		end = i;
		/* "Ms Pryce's family": the owner, not who is meant */
		if (end < b && (str_ends_with(low(c, end - 1), "'s") ||
				str_ends_with(low(c, end - 1), "\xE2\x80\x99s")))
			return 0;
		while (i > a && c->t[i - 1].type == T_WORD &&
		       !(c->t[i - 1].cap && is_preposition(low(c, i - 1))) &&
		       /* "Al Jazeera's Rania Khoury": the owner is not
			* part of the name */
		       !(i < end && (str_ends_with(low(c, i - 1), "'s") ||
				     str_ends_with(low(c, i - 1), "\xE2\x80\x99s"))) &&
		       (c->t[i - 1].cap || is_word(c, i - 1, "al") ||
			is_word(c, i - 1, "bin") || is_word(c, i - 1, "de") ||
			is_word(c, i - 1, "van") || is_word(c, i - 1, "von")) &&
		       !(c->t[i - 1].cls & LX_TITLE))
			i--;
		if (end - i == 1 && i > a && c->t[i - 1].type == T_WORD &&
		    (c->t[i - 1].cls & LX_TITLE) && c->t[i - 1].cap &&
		    !is_function_word(low(c, i - 1)) &&
		    !(c->t[i].cls & (LX_NOUN | LX_DOC | LX_TITLE)) &&
		    /* "Qasbah Marine Services": a body, not a Marine */
		    !body_suffix(low(c, i))) {
			*pa = i;
			*pb = end;
			return 1;
		}
		/* "the Office of the State Fire Marshal": an office, not a
		 * person */
		if (i >= a + 2 && c->t[i - 1].type == T_WORD && c->t[i - 1].cap &&
		    (c->t[i - 1].cls & LX_TITLE) && is_word(c, i - 2, "the") &&
		    i >= 3 && is_word(c, i - 3, "of"))
			return 0;
		/* "the state Board of Higher Education": the end of a
		 * body's name, not a person */
		if (end - i >= 2 && i >= a + 2 && is_word(c, i - 1, "of") &&
		    c->t[i - 2].type == T_WORD && c->t[i - 2].cap &&
		    !(c->t[i - 2].cls & LX_TITLE))
			return 0;
		if (end - i >= 2 && end - i <= 4) {
			/* initials and acronyms alone are not names; nor is
			 * "Millbrook Police Department" or "Acme Robotics Inc." */
			int letters = 0, body = 0;
			for (size_t k = i; k < end; k++) {
				letters += islower((unsigned char)c->text[c->t[k].s + 1]) != 0;
				body |= (c->t[k].cls & (LX_NOUN | LX_DOC)) != 0;
			}
			if (letters >= 1 && !body) {
				*pa = i;
				*pb = end;
				return 1;
			}
		}
		return 0;
	}
	return 0;
}

static void speaker_add_ref(struct speaker *s, const char *w)
{
	for (size_t i = 0; i < s->nrefs; i++)
		if (!strcmp(s->refs[i], w))
			return;
	s->refs = xrealloc(s->refs, (s->nrefs + 1) * sizeof(char *));
	s->refs[s->nrefs++] = xstrdup(w);
}

static int speaker_has_ref(const struct speaker *s, const char *w)
{
	for (size_t i = 0; i < s->nrefs; i++)
		if (!strcmp(s->refs[i], w))
			return 1;
	return 0;
}

static void speaker_release(struct speaker *s)
{
	free(s->source);
	free(s->source_id);
	free(s->source_type);
	free(s->affiliation);
	free(s->org);
	free(s->descriptor);
	free(s->surname);
	for (size_t i = 0; i < s->nrefs; i++)
		free(s->refs[i]);
	free(s->refs);
}

/* Is the phrase [a, b) a back-reference ("the monitor", "the Russian
 * ministry" with no name in it)? */
static int is_backref(const struct ctx *c, size_t a, size_t b, size_t head)
{
	if (b - a < 2 || !(is_word(c, a, "the") || is_word(c, a, "this") ||
			   is_word(c, a, "that")))
		return 0;
	/* "the RAND Corporation" is a name, "the corporation" points back */
	if (!(c->t[head].cls & (LX_NOUN | LX_ANON)) || c->t[head].cap)
		return 0;
	/* "the president's office", "the city's police" name someone new */
	for (size_t i = a + 1; i < head; i++) {
		const char *w = low(c, i);
		if (str_ends_with(w, "'s") || str_ends_with(w, "s'") ||
		    str_ends_with(w, "\xE2\x80\x99s"))
			return 0;
	}
	return 1;
}

/* 'm' for he/him/his, 'f' for she/her/hers, else 0. */
static int pronoun_gender(const char *w)
{
	if (!strcmp(w, "he") || !strcmp(w, "him") || !strcmp(w, "his") ||
	    !strcmp(w, "himself"))
		return 'm';
	if (!strcmp(w, "she") || !strcmp(w, "her") || !strcmp(w, "hers") ||
	    !strcmp(w, "herself"))
		return 'f';
	return 0;
}

/* Gender a title gives away ("Mr.", "Sister", "spokeswoman"), or 0. */
static int title_gender(const char *w)
{
	static const char *const m[] = { "mr", "mr.", "father", "brother", "sir",
		"lord", "king", "prince", "spokesman", "chairman", "congressman",
		"councilman", "assemblyman", "alderman", "businessman", NULL };
	static const char *const f[] = { "mrs", "mrs.", "ms", "ms.", "miss",
		"sister", "dame", "lady", "queen", "princess", "baroness",
		"spokeswoman", "chairwoman", "congresswoman", "councilwoman",
		"assemblywoman", "alderwoman", "businesswoman", NULL };

	for (size_t i = 0; m[i]; i++)
		if (!strcmp(m[i], w))
			return 'm';
	for (size_t i = 0; f[i]; i++)
		if (!strcmp(f[i], w))
			return 'f';
	return 0;
}

/* The full name of the person last named with this surname, or NULL. */
static const char *named_find(const struct ctx *c, const char *surname)
{
	const char *best = NULL;
	size_t k = c->names_next;

	/* newest first: the ring's slots before names_next, then after */
	for (size_t i = 0; i < c->nnames; i++) {
		k = k ? k - 1 : c->nnames - 1;
		if (!strcmp(c->names[k].surname, surname)) {
			best = c->names[k].name;
			break;
		}
	}
	return best;
}

static void named_add(struct ctx *c, size_t a, size_t b)
{
	struct named *n;

	if (c->nnames < ATTR_MAX_NAMED && c->names_next == c->nnames) {
		ARRAY_GROW(c->names, c->namescap, c->nnames + 1);
		n = &c->names[c->nnames++];
	} else {
		n = &c->names[c->names_next];
		free(n->surname);
		free(n->name);
	}
	c->names_next = (c->names_next + 1) % ATTR_MAX_NAMED;
	n->surname = xstrdup(low(c, b - 1));
	n->name = toks_dup(c, a, b);
	n->sent = c->sent_index;
}

/* Note the people the sentence names ("founded in 2019 by Marcus Vell, a
 * former pilot"): runs of two to four capital words, past titles, with
 * no word of a body, a time, a document or a known source in them. */
static void note_names(struct ctx *c)
{
	size_t i = 0;

	while (i < c->n) {
		size_t a = i, b, ma, mb;
		int ok = 1;

		if (!(c->t[i].type == T_WORD && c->t[i].cap) || c->t[i].inq) {
			i++;
			continue;
		}
		b = a;
		while (b < c->n && c->t[b].type == T_WORD && c->t[b].cap && !c->t[b].inq)
			b++;
		i = b;
		/* past titles: "Lt. Col. Dana Marsh", "Summit coach Rick" */
		while (a < b && (c->t[a].cls & (LX_TITLE | LX_LEAD | LX_TIME)))
			a++;
		if (b - a < 2 || b - a > 4 || (b < c->n && is_word(c, b, "of")))
			continue;
		for (size_t k = a; k < b && ok; k++) {
			const char *x = c->text + c->t[k].s;
			size_t len = c->t[k].e - c->t[k].s;

			if ((c->t[k].cls & (LX_NOUN | LX_DOC | LX_TITLE | LX_TIME | LX_LEAD |
					     LX_ANON | LX_FOOTAGE | LX_PHOTO)) ||
			    is_function_word(low(c, k)) || len < 2 ||
			    !islower((unsigned char)x[len - 1]) ||
			    str_ends_with(low(c, k), "'s") ||
			    str_ends_with(low(c, k), "\xE2\x80\x99s"))
				ok = 0;
		}
		if (!ok || find_alias(c, a, b, 0, &ma, &mb) >= 0)
			continue;
		named_add(c, a, b);
	}
}

/* Offices held by one person: "the foreign minister", "its chief
 * executive". */
static int person_role(const char *w)
{
	static const char *const v[] = { "minister", "president", "secretary",
		"governor", "mayor", "spokesperson", "spokesman", "spokeswoman",
		"director", "chairman", "chairwoman", "chair", "ambassador",
		"envoy", "commander", "prosecutor", "judge", "lawyer", "attorney",
		"sheriff", "coach", "manager", "superintendent", "commissioner",
		"chancellor", "premier", "founder", "executive", "ceo",
		"solicitor", "senator", "congressman", "congresswoman", NULL };

	return in_list(v, w);
}

/* Adjectives that open a sentence before a body's name. */
static int leading_adjective(const char *w)
{
	static const char *const v[] = { "rival", "fellow", "embattled",
		"troubled", "struggling", "beleaguered", "smaller", "larger",
		"bigger", "privately-held", "state-owned", "state-run",
		"family-owned", "loss-making", NULL };

	return in_list(v, w);
}

/* Resolve a surface phrase to a source. */
static void resolve(struct ctx *c, size_t a, size_t b, struct resolved *r)
{
	const struct attr_kb *kb = c->kb;
	size_t ma = 0, mb = 0, pa, pb;
	long al;

	memset(r, 0, sizeof(*r));
	r->src = r->person_src = r->org_src = r->speaker = -1;
	r->head = np_head(c, a, b);

	/* Pronouns: the last speaker they fit. */
	if (b - a == 1 && is_pronoun_cls(c->t[a].cls)) {
		int cls = c->t[a].cls;

		int want = pronoun_gender(low(c, a));

		long pick = -1, seen = 0;

		for (size_t k = c->nsp; k-- > 0;) {
			struct speaker *s = &c->sp[k];
			if ((cls & LX_PRON_PERSON) && !s->person && !s->personlike)
				continue;
			if ((cls & LX_PRON_GROUP) && (s->person || s->personlike))
				continue;
			if (want && s->gender && s->gender != want)
				continue;
			/* "she says" after a man whose gender the text has not
			 * shown: a recent speaker known to be a woman is the
			 * likelier one */
			if (want && !s->gender && (cls & LX_PRON_PERSON) &&
			    s->sent + 1 < c->sent_index) {
				if (pick < 0)
					pick = (long)k;
				if (++seen < 3)
					continue;
				break;
			}
			pick = (long)k;
			break;
		}
		/* a speaker of unknown gender from a while ago, and a person
		 * named since who has not spoken: the newcomer ("Her deputy,
		 * Paul Endo, ran the plant. "...," he recalls") */
		if (pick >= 0 && want && !c->sp[pick].gender && c->nnames &&
		    (cls & LX_PRON_PERSON)) {
			const struct named *nm = &c->names[c->names_next ? c->names_next - 1 :
							     c->nnames - 1];
			int known = 0;

			for (size_t j = 0; j < c->nsp; j++)
				if (c->sp[j].surname && !strcmp(c->sp[j].surname, nm->surname))
					known = 1;
			if (!known && nm->sent > c->sp[pick].sent && nm->sent < c->sent_index) {
				r->person = 1;
				r->name = xstrdup(nm->name);
				r->gender = want;
				return;
			}
		}
		if (pick >= 0) {
			struct speaker *s = &c->sp[pick];

			if (want && !s->gender)
				s->gender = want;
			r->speaker = pick;
			r->name = xstrdup(s->source);
			return;
		}
		/* no speaker fits: the person last named who has not been
		 * shown to be of the other gender ("Her predecessor, Anders
		 * Fjällvik, ... "...," he recalls") */
		if ((cls & LX_PRON_PERSON) && want) {
			size_t k = c->names_next;

			for (size_t i = 0; i < c->nnames; i++) {
				int clash = 0;

				k = k ? k - 1 : c->nnames - 1;
				for (size_t j = 0; j < c->nsp; j++)
					if (c->sp[j].surname && c->sp[j].gender &&
					    c->sp[j].gender != want &&
					    !strcmp(c->sp[j].surname, c->names[k].surname))
						clash = 1;
				if (clash)
					continue;
				r->person = 1;
				r->name = xstrdup(c->names[k].name);
				r->gender = want;
				return;
			}
		}
		return;
	}
	/* "a user named Wes Harlan": who is named */
	for (size_t k = a + 1; k + 1 < b; k++)
		if ((is_word(c, k, "named") || is_word(c, k, "called")) && !c->t[k].cap &&
		    c->t[k + 1].cap && person_name(c, k + 1, b, &pa, &pb) &&
		    pa == k + 1 && pb == b) {
			resolve(c, k + 1, b, r);
			return;
		}
	/* "data from the Kyiv School of Economics", "a news release from the
	 * police": the document's author is the source */
	{
		size_t k = a;
		if (k < b && is_determiner(low(c, k)))
			k++;
		/* "Current guidance from ...": a capital only because it
		 * opens the sentence */
		while (k < b && k < a + 4 && c->t[k].type == T_WORD &&
		       (!c->t[k].cap || (k == 0 && k + 1 < b && !c->t[k + 1].cap)) &&
		       !(c->t[k].cls & (LX_DOC | LX_FOOTAGE | LX_PHOTO)))
			k++;
		/* "Video sent to KFRZ by a viewer": who made it */
		if (k + 3 < b && (c->t[k].cls & (LX_DOC | LX_FOOTAGE | LX_PHOTO)) &&
		    (!c->t[k].cap || k == 0) && participial(c, k + 1) &&
		    !is_word(c, k + 1, "by"))
			for (size_t j = k + 2; j + 1 < b && j < k + 8; j++)
				if (is_word(c, j, "by")) {
					size_t pa2, pb2;

					if (np_valid(c, j + 1, b) || person_name(c, j + 1, b, &pa2, &pb2)) {
						resolve(c, j + 1, b, r);
						return;
					}
					break;
				}
		if (k + 2 < b + 1 && k < b && (c->t[k].cls & LX_DOC) &&
		    (!c->t[k].cap || k == 0) &&
		    k + 1 < b && (is_word(c, k + 1, "from") || is_word(c, k + 1, "by") ||
				  is_word(c, k + 1, "of") ||
				  /* "Filings with Chile's Environmental
				   * Assessment Service" */
				  (is_word(c, k + 1, "with") && k + 2 < b && c->t[k + 2].cap)) &&
		    k + 2 < b) {
			resolve(c, k + 2, b, r);
			return;
		}
	}
	/* "The RSF" where the article defined "Rapid Support Forces (RSF)" */
	if (b - a <= 3)
		for (size_t k = a; k < b; k++) {
			size_t wl = c->t[k].e - c->t[k].s;

			for (size_t j = 0; j < c->nacr; j++) {
				struct alias *fa;
				char *lf;

				if (strlen(c->acr[j].acr) != wl ||
				    memcmp(c->acr[j].acr, c->text + c->t[k].s, wl))
					continue;
				lf = lower_dup(c->acr[j].full);
				HASH_FIND_STR(kb->aliases, lf, fa);
				free(lf);
				if (fa) {
					r->src = (long)fa->src;
					r->name = xstrdup(kb->srcs[fa->src].name);
				} else {
					r->name = xstrdup(c->acr[j].full);
				}
				return;
			}
		}
	al = find_alias(c, a, b, 1, &ma, &mb);
	/* "the National Snow and Ice Data Center" is not "The National":
	 * an alias that only opens a longer capital name is not it */
	if (al >= 0 && mb < b && c->t[mb].type == T_WORD && c->t[mb].cap &&
	    c->t[mb - 1].type == T_WORD && c->t[mb - 1].cap) {
		size_t k = mb;

		while (k < b && c->t[k].type == T_WORD &&
		       ((c->t[k].cap && !(c->t[k].cls & LX_TITLE)) ||
			is_word(c, k, "and") || is_word(c, k, "of") ||
			is_word(c, k, "for")))
			k++;
		if (k == b && c->t[b - 1].cap)
			al = -1;
	}
	/* "Both the Syrian government and rebels", "Russia, Iran and Syria":
	 * a group of sources, reported as written */
	for (size_t k = a + 1; k + 1 < b; k++)
		if ((is_word(c, k, "and") || is_word(c, k, "or")) &&
		    !(al >= 0 && ma < k && k < mb) &&
		    !(c->t[k - 1].cap && c->t[k + 1].cap && k + 2 >= b &&
		      !(c->t[k + 1].cls & LX_ANON)) &&
		    /* "the National Snow and Ice Data Center": one name */
		    !(c->t[k - 1].cap && k >= a + 3 && c->t[k - 2].cap &&
		      caps_to(c, k + 1, b) && b - k >= 3)) {
			size_t s0 = a;
			if (is_word(c, s0, "both"))
				s0++;
			r->name = toks_dup(c, s0, b);
			if ((c->t[r->head].cls & LX_ANON))
				r->anonymous = 1;
			return;
		}
	if (al >= 0 && kb->srcs[al].type && !strcmp(kb->srcs[al].type, "person")) {
		r->src = r->person_src = al;
		r->person = 1;
		r->name = xstrdup(kb->srcs[al].name);
		/* an organisation named beside the person */
		{
			size_t oa, ob;
			long org = find_alias(c, a, ma, 0, &oa, &ob);
			if (org >= 0 && strcmp(kb->srcs[org].type, "person"))
				r->org_src = org;
		}
		return;
	}
	/* "Daniela Ruiz-Carmona of the New Mexico Immigrant Law Center",
	 * "Karin Lund at SEB": the person, with the body as their
	 * organisation */
	for (size_t k = a + 2; k + 1 < b; k++) {
		size_t oa = k + 1, x, y;
		long org;

		if (c->t[k].type != T_WORD || c->t[k].cap)
			continue;
		if (!(is_word(c, k, "of") || is_word(c, k, "at") ||
		      is_word(c, k, "from") || is_word(c, k, "with")))
			break;
		if (!person_name(c, a, k, &pa, &pb) || pb != k || pb - pa < 2 ||
		    (al >= 0 && ma < k))
			break;
		if (is_word(c, oa, "the"))
			oa++;
		if (oa >= b || !c->t[oa].cap)
			break;
		r->person = 1;
		r->head = pb - 1;
		r->name = toks_dup(c, pa, pb);
		org = find_alias(c, oa, b, 0, &x, &y);
		if (org >= 0 && !(kb->srcs[org].type && !strcmp(kb->srcs[org].type, "person")))
			r->org_src = org;
		else
			r->org_name = toks_dup(c, oa, b);
		return;
	}
	if (person_name(c, a, b, &pa, &pb) && pb == r->head + 1 &&
	    !(al >= 0 && ma <= pa && mb >= pb)) {
		/* "Mr. Ellery": the Jon Ellery named before */
		if (pb - pa == 1) {
			const char *full;

			for (size_t k = c->nsp; k-- > 0;)
				if (c->sp[k].surname && !strcmp(c->sp[k].surname, low(c, pa))) {
					r->speaker = (long)k;
					r->name = xstrdup(c->sp[k].source);
					r->person = 1;
					return;
				}
			if ((full = named_find(c, low(c, pa)))) {
				r->person = 1;
				r->name = xstrdup(full);
				return;
			}
		}
		r->person = 1;
		r->name = toks_dup(c, pa, pb);
		if (al >= 0)
			r->org_src = al;
		return;
	}
	/* A surname alone: the person named earlier. */
	if (b - a == 1 && c->t[a].cap) {
		const char *full;

		for (size_t k = c->nsp; k-- > 0;)
			if (c->sp[k].surname && !strcmp(c->sp[k].surname, low(c, a))) {
				r->speaker = (long)k;
				r->name = xstrdup(c->sp[k].source);
				r->person = 1;
				return;
			}
		if (al < 0 && (full = named_find(c, low(c, a)))) {
			r->person = 1;
			r->name = xstrdup(full);
			return;
		}
		/* "Brightwell" after "Brightwell Energy Inc.": the body
		 * named before, by its first word */
		if (al < 0)
			for (size_t k = c->nsp; k-- > 0;) {
				const char *sn = c->sp[k].source;
				size_t wl = c->t[a].e - c->t[a].s;

				if (c->sp[k].person || c->sp[k].anonymous || !sn ||
				    strncasecmp(sn, c->text + c->t[a].s, wl) ||
				    sn[wl] != ' ')
					continue;
				r->speaker = (long)k;
				r->name = xstrdup(sn);
				return;
			}
	}
	if (al >= 0) {
		r->src = al;
		r->name = xstrdup(kb->srcs[al].name);
		/* "a State Department spokesperson": a body, but no one named */
		if ((c->t[r->head].cls & LX_ANON) && !c->t[r->head].cap &&
		    r->head >= mb)
			r->anonymous = 1;
		return;
	}
	/* "the monitor", "the ministry", "the spokesperson" */
	if (is_backref(c, a, b, r->head)) {
		const char *h = low(c, r->head);

		for (size_t k = c->nsp; k-- > 0;)
			if (speaker_has_ref(&c->sp[k], h)) {
				r->speaker = (long)k;
				r->name = xstrdup(c->sp[k].source);
				return;
			}
	}
	/* "the Millbrook Police Department", "the regional government of
	 * X": a name needs no article (the surface keeps it) */
	/* "the state's Office of the State Fire Marshal": the name after
	 * a common noun's possessive */
	if (b - a > 3 && is_word(c, a, "the") && !c->t[a + 1].cap &&
	    (str_ends_with(low(c, a + 1), "'s") ||
	     str_ends_with(low(c, a + 1), "\xE2\x80\x99s")) &&
	    c->t[a + 2].cap && c->t[r->head].cap)
		r->name = toks_dup(c, a + 2, b);
	else if (b - a > 1 && is_word(c, a, "the") &&
	    (c->t[r->head].cap || b - r->head > 1 ||
	     (c->t[a + 1].cap && !(c->t[a + 1].cls & LX_PRON_GROUP))))
		r->name = toks_dup(c, a + 1, b);
	/* "A Bluegrass Poll", "a Congressional Research Service report": the
	 * name is the capital words, not the article */
	else if (b - a > 2 && (is_word(c, a, "a") || is_word(c, a, "an")) &&
		 c->t[a + 1].cap && c->t[r->head].cap && !(c->t[r->head].cls & LX_ANON))
		r->name = toks_dup(c, a + 1, b);
	/* "a consensus compiled by ...", "a report": the document, no
	 * article (the surface keeps it) */
	else if (b - a >= 2 && (is_word(c, a, "a") || is_word(c, a, "an")) &&
		 !c->t[r->head].cap && (c->t[r->head].cls & LX_DOC) &&
		 !(c->t[r->head].cls & LX_ANON))
		r->name = toks_dup(c, a + 1, b);
	else if (b - a > 2 && c->t[a].cap && c->t[a + 1].cap &&
		 c->t[r->head].cap &&
		 ((a == 0 && leading_adjective(low(c, a))) ||
		  /* "Sydney-based Arrowgate Capital" */
		  str_ends_with(low(c, a), "-based") || str_ends_with(low(c, a), "-listed") ||
		  str_ends_with(low(c, a), "-headquartered")))
		/* "Rival Kestrel Lithium Corp. said": a capital only because
		 * it opens the sentence */
		r->name = toks_dup(c, a + 1, b);
	else
		r->name = toks_dup(c, a, b);
	/* "Finance Committee records", "a Congressional Research Service
	 * report": the body whose document it is */
	if (!c->t[r->head].cap && (c->t[r->head].cls & LX_DOC) && r->head + 1 == b &&
	    r->head > a && c->t[r->head - 1].cap &&
	    isupper((unsigned char)c->text[c->t[r->head - 1].s])) {
		size_t k = r->head;
		while (k > a && c->t[k - 1].type == T_WORD &&
		       (c->t[k - 1].cap || (is_word(c, k - 1, "of") && k - 1 > a &&
					    c->t[k - 2].cap)))
			k--;
		while (k < r->head && !isupper((unsigned char)c->text[c->t[k].s]))
			k++;
		if (k < r->head && c->t[k].cap && !(c->t[k].cls & LX_TITLE) &&
		    !str_ends_with(low(c, r->head - 1), "'s") &&
		    !str_ends_with(low(c, r->head - 1), "\xE2\x80\x99s")) {
			free(r->name);
			r->name = toks_dup(c, k, r->head);
			return;
		}
	}
	/* "Payments startup Paylance", "the venture firm Ridgeline
	 * Capital": a description, then the name */
	if (c->t[r->head].cap && r->head + 1 == b) {
		size_t k = b;
		while (k > a && ((c->t[k - 1].type == T_WORD && c->t[k - 1].cap) ||
				 (c->t[k - 1].type == T_OTHER && c->text[c->t[k - 1].s] == '&')))
			k--;
		if (k > a + 1 && k < b && c->t[k - 1].type == T_WORD &&
		    !c->t[k - 1].cap && ((c->t[k - 1].cls & (LX_NOUN | LX_ANON)) ||
					 /* "the nonpartisan Legislative
					  * Services Agency": an adjective */
					 (k - 1 == a + 1 && is_word(c, a, "the") &&
					  !is_function_word(low(c, k - 1)) &&
					  !(c->t[k - 1].cls & (LX_ANON | LX_TITLE | LX_VERB | LX_AUX)) &&
					  b - k >= 2))) {
			free(r->name);
			r->name = toks_dup(c, k, b);
		}
	}
	/* "the federal Centers for Medicare & Medicaid Services": an
	 * adjective before a many-word name is no part of it */
	else if (b - a >= 4 && is_word(c, a, "the") && c->t[a + 1].type == T_WORD &&
		 !c->t[a + 1].cap && !is_function_word(low(c, a + 1)) &&
		 !(c->t[a + 1].cls & (LX_NOUN | LX_ANON | LX_TITLE | LX_VERB | LX_AUX |
				      LX_DOC | LX_TIME)) &&
		 c->t[a + 2].type == T_WORD && c->t[a + 2].cap &&
		 c->t[b - 1].type == T_WORD && c->t[b - 1].cap &&
		 !str_ends_with(low(c, a + 1), "'s") &&
		 !str_ends_with(low(c, a + 1), "\xE2\x80\x99s")) {
		free(r->name);
		r->name = toks_dup(c, a + 2, b);
	}
	/* "a state audit released Monday": when it came out is no part of
	 * the document's name */
	for (size_t p = a + 1; p + 1 < b && r->name; p++) {
		size_t k = p + 1;

		if (c->t[p].type != T_WORD || c->t[p].cap ||
		    !str_ends_with(low(c, p), "ed") || c->t[p - 1].type != T_WORD ||
		    c->t[p - 1].cap || !(c->t[p - 1].cls & LX_DOC))
			continue;
		while (k < b && c->t[k].type == T_WORD && (c->t[k].cls & LX_TIME))
			k++;
		if (k == b) {
			char *tail = toks_dup(c, p, b);
			size_t nl = strlen(r->name), tl = strlen(tail);

			/* the name ends with the tail as written: cut it */
			if (nl > tl + 1 && !strcmp(r->name + nl - tl, tail)) {
				nl -= tl;
				while (nl > 0 && r->name[nl - 1] == ' ')
					nl--;
				r->name[nl] = '\0';
			}
			free(tail);
		}
		break;
	}
	if ((c->t[r->head].cls & LX_ANON) &&
	    (!c->t[r->head].cap || r->head == a))
		r->anonymous = 1;
	for (size_t k = 0; k < kb->nanon_res && !r->anonymous; k++) {
		size_t s = c->t[a].s, e = c->t[b - 1].e;
		if (pcre2_match(kb->anon_res[k], (PCRE2_SPTR)(c->text + s), e - s,
				0, PCRE2_NO_UTF_CHECK, kb->md, NULL) >= 0)
			r->anonymous = 1;
	}
}

/* Resolve a subject that may carry a relative clause from token rel
 * ("Republicans who opposed the bill"): the head phrase names a known
 * source or person when it can; otherwise the whole phrase is the name,
 * and the clause may mark it anonymous ("who declined to give her name"). */
static void resolve_subject(struct ctx *c, size_t a, size_t b, size_t rel,
			    struct resolved *r)
{
	if (!rel || rel <= a || rel >= b) {
		resolve(c, a, b, r);
		return;
	}
	resolve(c, a, rel, r);
	if (r->src >= 0 || r->person || r->speaker >= 0)
		return;
	free(r->name);
	r->name = toks_dup(c, a, b);
	for (size_t k = 0; k < c->kb->nanon_res && !r->anonymous; k++) {
		size_t s = c->t[a].s, e = c->t[b - 1].e;
		if (pcre2_match(c->kb->anon_res[k], (PCRE2_SPTR)(c->text + s), e - s,
				0, PCRE2_NO_UTF_CHECK, c->kb->md, NULL) >= 0)
			r->anonymous = 1;
	}
}

/* Is [a, b) (resolved as r) a body worth remembering as the subject of a
 * sentence: a source the rules know, a name of two capital words or more
 * ("Ridgeline Capital"), or a possessive one ("Sudan's health ministry")? */
static int named_body(const struct ctx *c, size_t a, size_t b,
		      const struct resolved *r)
{
	size_t h = np_head(c, a, b), caps = 0;

	if (r->src >= 0)
		return 1;
	for (size_t k = a; k < b; k++)
		caps += c->t[k].type == T_WORD && c->t[k].cap &&
			!(c->t[k].cls & (LX_LEAD | LX_TIME)) && !is_function_word(low(c, k));
	if (c->t[h].cap && caps >= 2)
		return 1;
	if (!c->t[h].cap && (c->t[h].cls & LX_NOUN) && c->t[a].cap &&
	    (str_ends_with(low(c, a), "'s") || str_ends_with(low(c, a), "\xE2\x80\x99s")))
		return 1;
	return 0;
}

static const struct src *src_of(const struct ctx *c, long i)
{
	return i >= 0 ? &c->kb->srcs[i] : NULL;
}

/* ------------------------------------------------------------------ */
/* Emitting                                                            */
/* ------------------------------------------------------------------ */

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Add the speaker of attribution a to the history that back-references
 * resolve against; words of its surface and descriptor become refs. */
static void remember(struct ctx *c, const struct attribution *a,
		     const struct resolved *r, size_t sa, size_t sb)
{
	struct speaker *s;
	const struct src *src = src_of(c, r->src);

	if (r->speaker >= 0) {
		/* a back-reference: refresh the original as the latest */
		struct speaker copy = c->sp[r->speaker];
		memmove(&c->sp[r->speaker], &c->sp[r->speaker + 1],
			(c->nsp - (size_t)r->speaker - 1) * sizeof(*c->sp));
		c->sp[c->nsp - 1] = copy;
		s = &c->sp[c->nsp - 1];
		s->sent = c->sent_index;
		for (size_t i = sa; i < c->n && !s->gender && s->person; i++)
			if (c->t[i].type == T_WORD && !c->t[i].inq &&
			    (c->t[i].cls & LX_PRON_PERSON))
				s->gender = pronoun_gender(low(c, i));
		return;
	}
	if (c->nsp >= 256) {
		speaker_release(&c->sp[0]);
		memmove(&c->sp[0], &c->sp[1], (c->nsp - 1) * sizeof(*c->sp));
		c->nsp--;
	}
	ARRAY_GROW(c->sp, c->spcap, c->nsp + 1);
	s = &c->sp[c->nsp++];
	memset(s, 0, sizeof(*s));
	s->source = xstrdup(a->source);
	s->source_id = dup_or_null(a->source_id);
	s->source_type = dup_or_null(a->source_type);
	s->affiliation = dup_or_null(a->affiliation);
	s->org = dup_or_null(a->org);
	s->descriptor = dup_or_null(a->descriptor);
	s->person = r->person;
	s->anonymous = a->anonymous;
	s->gender = r->gender;
	s->sent = c->sent_index;
	/* "Wilmer said he had not ...": one capital word that the text
	 * goes on to call he or she is a person */
	if (!r->person && !src && !a->anonymous && sb == sa + 1 && sb + 1 < c->n &&
	    c->t[sa].cap && (c->t[sb].cls & LX_VERB) && !c->t[sb + 1].inq &&
	    (c->t[sb + 1].cls & LX_PRON_PERSON) && pronoun_gender(low(c, sb + 1))) {
		s->person = 1;
		s->gender = pronoun_gender(low(c, sb + 1));
	}
	if (s->person) {
		const char *sp = strrchr(a->source, ' ');
		s->surname = lower_dup(sp ? sp + 1 : a->source);
	}
	if (sb > sa && sb <= c->n) {
		size_t hb = c->cur_rel > sa && c->cur_rel < sb ? c->cur_rel : sb;
		size_t h = np_head(c, sa, hb);
		const char *hw = low(c, h);
		size_t hl = strlen(hw);

		/* "a neighbor", "the spokesperson": one person, not named */
		if (!r->person && a->anonymous && (c->t[h].cls & LX_ANON) &&
		    hl > 1 && (hw[hl - 1] != 's' || !strcmp(hw, "witness")) &&
		    strcmp(hw, "police") && strcmp(hw, "people") &&
		    !plural_determiner(low(c, sa)))
			s->personlike = 1;
		/* "Ukraine's foreign minister": one person by their office
		 * ("she wrote" later) */
		if (!r->person && !c->t[h].cap && person_role(hw))
			s->personlike = 1;
		for (size_t i = sa; i < sb && !s->gender; i++)
			if (c->t[i].type == T_WORD)
				s->gender = title_gender(low(c, i));
		/* the first he or she after a person's name is theirs ("Gaines
		 * said she would ..."; "a neighbor who declined to give her
		 * name") */
		for (size_t i = sa; i < c->n && !s->gender && (s->person || s->personlike); i++)
			if (c->t[i].type == T_WORD && !c->t[i].inq &&
			    (c->t[i].cls & LX_PRON_PERSON))
				s->gender = pronoun_gender(low(c, i));
	}
	if (src) {
		for (size_t i = 0; i < src->nbackrefs; i++)
			speaker_add_ref(s, src->backrefs[i]);
		for (size_t i = 0; src->type && i < c->kb->ntyperefs; i++)
			if (!strcmp(c->kb->typerefs[i].type, src->type))
				speaker_add_ref(s, c->kb->typerefs[i].noun);
	}
	if (!r->person && r->anonymous)
		for (size_t i = 0; i < c->kb->ntyperefs; i++)
			if (!strcmp(c->kb->typerefs[i].type, "officials"))
				speaker_add_ref(s, c->kb->typerefs[i].noun);
	/* A named body the rules do not know: "the company" may point back
	 * to it. */
	if (!src && !r->person && !r->anonymous && sb > sa &&
	    c->t[np_head(c, sa, sb)].cap &&
	    /* "Prosecutors say": a capital only because it opens the
	     * sentence */
	    !(sb - sa == 1 && (c->t[sa].cls & (LX_NOUN | LX_ANON | LX_DOC))))
		for (size_t i = 0; i < c->kb->ntyperefs; i++)
			if (!strcmp(c->kb->typerefs[i].type, "unknown"))
				speaker_add_ref(s, c->kb->typerefs[i].noun);
	/* Nouns of the surface and of the descriptor: "a State Department
	 * spokesperson" is "the spokesperson" later, "a U.K.-based monitor"
	 * "the monitor". */
	for (size_t i = sa; i < sb && i < c->n; i++)
		if (c->t[i].type == T_WORD && !c->t[i].cap &&
		    (c->t[i].cls & (LX_NOUN | LX_ANON)))
			speaker_add_ref(s, low(c, i));
	/* the name's own nouns: "Legislative Services Agency" is "the
	 * agency" later, whatever phrase named it first */
	if (!r->person && !s->personlike && a->source && !src) {
		char *d = lower_dup(a->source), *w = d;

		while (*w) {
			size_t k = strcspn(w, " ,.");
			char save = w[k];

			w[k] = '\0';
			if (k > 2 && (lex_cls(c->kb, w) & LX_NOUN) && !(lex_cls(c->kb, w) & LX_TITLE))
				speaker_add_ref(s, w);
			w[k] = save;
			w += k + (save != '\0');
		}
		free(d);
	}
	if (a->descriptor) {
		/* the descriptor's words, looked up one by one */
		char *d = lower_dup(a->descriptor), *w = d;
		while (*w) {
			size_t k = strcspn(w, " ,.");
			char save = w[k];
			w[k] = '\0';
			if (k && (lex_cls(c->kb, w) & LX_NOUN))
				speaker_add_ref(s, w);
			w[k] = save;
			w += k + (save != '\0');
		}
		free(d);
	}
}

/* Trim claim range [*s, *e) of white space, commas and stray quotes. */
static void trim_claim(const struct ctx *c, size_t *s, size_t *e)
{
	for (;;) {
		while (*s < *e && (isspace((unsigned char)c->text[*s]) ||
				   c->text[*s] == ',' || c->text[*s] == ':'))
			(*s)++;
		while (*e > *s && (isspace((unsigned char)c->text[*e - 1]) ||
				   c->text[*e - 1] == ',' || c->text[*e - 1] == ';' ||
				   c->text[*e - 1] == ':'))
			(*e)--;
		break;
	}
}

struct emit_args {
	size_t sa, sb;          /* source tokens */
	size_t da, db;          /* descriptor tokens (da == db: none) */
	size_t cue_a, cue_b;    /* cue tokens, or a cue text */
	const char *cue_text;
	const char *kind;
	size_t cs, ce;          /* claim bytes */
	size_t rel;             /* a relative clause in the source, or 0 */
};

static int emit(struct ctx *c, const struct emit_args *ea, struct resolved *r)
{
	struct attribution *a;
	const struct src *src, *org;
	const struct speaker *sp = r->speaker >= 0 ? &c->sp[r->speaker] : NULL;
	size_t cs = ea->cs, ce = ea->ce;

	if (c->out->n >= ATTR_MAX_RESULTS || !r->name || !*r->name)
		return 0;
	/* "asked that her name not be published": a condition of the
	 * interview, no information */
	if (ce > cs && ce - cs < 80) {
		static const char *const own_name[] = { "her name ", "his name ",
			"their names ", "their name ", NULL };

		for (size_t i = 0; own_name[i]; i++) {
			size_t nl = strlen(own_name[i]);

			if (ce - cs > nl && !strncasecmp(c->text + cs, own_name[i], nl) &&
			    !strncmp(c->text + cs + nl, "not be ", 7))
				return 0;
		}
	}
	if (c->own && ea->cue_text && str_ends_with(ea->cue_text, " by")) {
		const char *nm = r->name;
		if (!strncasecmp(nm, "the ", 4))
			nm += 4;
		if (!strcasecmp(nm, c->own) ||
		    (r->src >= 0 && !strcasecmp(c->kb->srcs[r->src].name, c->own)))
			return 0;
		for (size_t k = ea->sa; r->src >= 0 && k < ea->sb; k++)
			if (c->t[k].e - c->t[k].s == strlen(c->own) &&
			    !strncasecmp(c->text + c->t[k].s, c->own, strlen(c->own)))
				return 0;
	}
	trim_claim(c, &cs, &ce);
	if (ce <= cs)
		return 0;
	ARRAY_GROW(c->out->v, c->out->cap, c->out->n + 1);
	a = &c->out->v[c->out->n];
	memset(a, 0, sizeof(*a));
	src = src_of(c, r->src);
	org = src_of(c, r->org_src);
	if (sp) {
		a->source = xstrdup(sp->source);
		a->source_id = dup_or_null(sp->source_id);
		a->source_type = dup_or_null(sp->source_type);
		a->affiliation = dup_or_null(sp->affiliation);
		a->org = dup_or_null(sp->org);
		a->anonymous = sp->anonymous;
		a->descriptor = dup_or_null(sp->descriptor);
	} else {
		a->source = xstrdup(r->name);
		a->source_id = src ? xstrdup(src->id) : NULL;
		a->source_type = src && src->type ? xstrdup(src->type) :
				 r->person ? xstrdup("person") :
				 r->anonymous ? xstrdup("officials") : NULL;
		if (src && src->affiliation)
			a->affiliation = xstrdup(src->affiliation);
		else if (org)
			a->affiliation = xstrdup(org->name);
		else if (r->org_name)
			a->affiliation = xstrdup(r->org_name);
		if (src && src->org)
			a->org = xstrdup(src->org);
		else if (org)
			a->org = xstrdup(org->id);
		a->anonymous = r->anonymous;
	}
	{
		/* "The Department of Homeland Security": the article is no
		 * part of the name as written ("the ministry" keeps it) */
		size_t sa = ea->sa;
		int proper = ea->sb - sa > 2 && is_word(c, sa, "the") && c->t[sa + 1].cap &&
			     !(c->t[sa + 1].cls & LX_TITLE) && c->t[ea->sb - 1].cap;

		for (size_t k = sa + 1; proper && k < ea->sb; k++)
			if (c->t[k].type != T_WORD ||
			    (!c->t[k].cap && !is_function_word(low(c, k))))
				proper = 0;
		if (proper)
			sa++;
		a->surface = toks_dup(c, sa, ea->sb);
		a->src_start = c->t[sa].s;
	}
	a->src_end = c->t[ea->sb - 1].e;
	if (ea->db > ea->da) {
		free(a->descriptor);
		a->descriptor = toks_dup(c, ea->da, ea->db);
	}
	if (ea->cue_text) {
		a->cue = xstrdup(ea->cue_text);
	} else {
		char *cue = toks_dup(c, ea->cue_a, ea->cue_b);
		a->cue = lower_dup(cue);
		free(cue);
	}
	a->kind = ea->kind;
	a->start = cs;
	a->end = ce;
	c->out->n++;
	c->cur_rel = ea->rel;
	remember(c, a, r, ea->sa, ea->sb);
	c->cur_rel = 0;
	c->have_last = 1;
	c->last_sa = ea->sa;
	c->last_sb = ea->sb;
	c->last_rel = ea->rel;
	c->last_cue_end = ea->cue_b > ea->sb ? ea->cue_b : ea->sb;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Shapes                                                              */
/* ------------------------------------------------------------------ */

static void use(struct ctx *c, size_t a, size_t b)
{
	for (size_t i = a; i < b && i < c->n; i++)
		c->t[i].used = 1;
}

static size_t claim_end_bytes(const struct ctx *c)
{
	return c->se;
}

/* Kind of a claim from what the source phrase and the content hold. */
static const char *kind_of(const struct ctx *c, size_t sa, size_t sb,
			   size_t ca, size_t cb)
{
	for (size_t i = sa; i < sb; i++)
		if (c->t[i].type == T_WORD && (c->t[i].cls & LX_DOC))
			return "document";
	for (size_t i = sa; i < sb; i++)
		if (c->t[i].type == T_WORD && (c->t[i].cls & LX_FOOTAGE))
			return "footage";
	for (size_t i = ca; i < cb && i < c->n; i++)
		if (c->t[i].type == T_WORD && !c->t[i].inq) {
			if (c->t[i].cls & LX_FOOTAGE)
				return "footage";
			if (c->t[i].cls & LX_PHOTO)
				return "photo";
		}
	return NULL;
}

/* Is the content [ca, cb) exactly one quotation?  Sets its inside. */
static const struct quote *whole_quote(const struct ctx *c, size_t ca, size_t cb)
{
	size_t a = ca, b = cb;

	while (a < b && (c->t[a].type == T_COLON || c->t[a].type == T_COMMA))
		a++;
	while (b > a && (c->t[b - 1].type == T_END || c->t[b - 1].type == T_COMMA))
		b--;
	if (a >= b || c->t[a].type != T_QOPEN)
		return NULL;
	for (size_t k = 0; k < c->nq; k++)
		if (c->q[k].open == a && (c->q[k].close >= b - 1))
			return &c->q[k];
	return NULL;
}

static void quote_bytes(const struct ctx *c, const struct quote *q,
			size_t *s, size_t *e)
{
	*s = c->t[q->open].e;
	*e = q->close < c->n ? c->t[q->close].s : c->se;
}

/* according to X */
static void shape_according(struct ctx *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct lex *e;
		int w;
		size_t a, b, d, ca, cb, na, nb;
		struct resolved r;
		struct emit_args ea;
		const char *kind;
		const struct quote *q;

		if (c->t[i].used || c->t[i].inq || c->t[i].type != T_WORD)
			continue;
		w = match_form(c, i, LX_ACCORDING, &e);
		if (!w)
			continue;
		a = i + (size_t)w;
		b = np_forward(c, a, 1);
		if (b <= a || !np_valid(c, a, b)) {
			/* "according to AP race calls,": a short capital
			 * phrase set off by the comma is the source */
			size_t k = a;

			while (k < c->n && k < a + 4 && c->t[k].type == T_WORD &&
			       !(c->t[k].cls & LX_AUX))
				k++;
			if (!(k > a + 1 && k < c->n && c->t[a].cap &&
			      (c->t[k].type == T_COMMA || c->t[k].type == T_END)))
				continue;
			b = k;
		}
		/* "a study published Monday in JAMA Pediatrics", "a report
		 * released by the ministry": the publisher is the source */
		na = nb = 0;
		if ((c->t[np_head(c, a, b)].cls & LX_DOC) && participial(c, b)) {
			for (size_t k = b + 1; k < c->n && k < b + 5 && c->t[k].type == T_WORD; k++)
				if (is_word(c, k, "by") ||
				    ((is_word(c, k, "in") || is_word(c, k, "on")) &&
				     (is_word(c, b, "published") || is_word(c, b, "printed") ||
				      is_word(c, b, "posted")))) {
					size_t e2 = np_forward(c, k + 1, 1);
					/* "posted on the district's website":
					 * the site's owner */
					if (e2 > k + 1 && np_valid(c, k + 1, e2) &&
					    (c->t[np_head(c, k + 1, e2)].cap ||
					     (is_word(c, k, "on") &&
					      (c->t[np_head(c, k + 1, e2)].cls & LX_NOUN)))) {
						na = k + 1;
						nb = e2;
					}
					break;
				}
		}
		if (nb)
			b = nb;
		d = descriptor_after(c, b);
		/* "a presentation by the district's business manager, Tom
		 * Reilly": a role, then who holds it */
		{
			size_t sa0 = nb ? na : a, h, pa, pb;

			for (size_t k = sa0; k + 1 < b; k++)
				if (is_word(c, k, "by") || is_word(c, k, "from"))
					sa0 = k + 1;
			h = np_head(c, sa0, b);
			if (d == b && b + 2 < c->n && c->t[b].type == T_COMMA)
				for (d = b + 1; d < c->n && d < b + 6 && c->t[d].type == T_WORD; d++)
					;
			if (d < c->n && c->t[d].type != T_END)
				d = descriptor_after(c, b);
			if (d > b + 1 && !c->t[h].cap && (c->t[h].cls & (LX_ANON | LX_TITLE)) &&
			    person_name(c, b + 1, d, &pa, &pb) && pa == b + 1 && pb == d) {
				na = b + 1;
				nb = d;
				a = na;
				b = d;
			} else
				d = descriptor_after(c, b);
		}
		/* "According to two people who worked on the album, ...": the
		 * relative clause says who they are */
		if (!nb && d == b && b < c->n && is_word(c, b, "who") &&
		    !c->t[np_head(c, a, b)].cap) {
			size_t k = b + 1;

			while (k < c->n && k < b + 14 && c->t[k].type == T_WORD)
				k++;
			if (k < c->n && k > b + 2 && c->t[k].type == T_COMMA)
				b = d = k;
		}
		/* The claim: what the sentence says besides the attribution. */
		{
			size_t k = 0;
			while (k < i && (c->t[k].type == T_WORD && (c->t[k].cls & LX_LEAD)))
				k++;
			if (k == i) {       /* According to X, CLAIM */
				ca = d;
				cb = c->n;
			} else if (c->t[i - 1].type == T_COMMA && d < c->n &&
				   c->t[d].type == T_COMMA && d + 2 < c->n) {
				/* "The strike, according to X, killed 12." */
				ca = 0;
				cb = c->n;
			} else {
				ca = 0;
				cb = i;
			}
		}
		if (cb <= ca)
			continue;
		if (nb)
			resolve(c, na, nb, &r);
		else
			resolve(c, a, b, &r);
		memset(&ea, 0, sizeof(ea));
		ea.sa = a;
		ea.sb = b;
		ea.da = d > b ? b + 1 : b;
		ea.db = d;
		ea.cue_a = i;
		ea.cue_b = i + (size_t)w;
		kind = kind_of(c, a, b, ca, cb);
		q = whole_quote(c, ca, cb);
		if (!kind)
			kind = q ? "quote" : quote_within(c, ca, cb) ? "partial-quote" : "indirect";
		ea.kind = kind;
		if (q && !strcmp(kind, "quote"))
			quote_bytes(c, q, &ea.cs, &ea.ce);
		else {
			ea.cs = c->t[ca].s;
			ea.ce = cb < c->n ? c->t[cb - 1].e : claim_end_bytes(c);
		}
		if (emit(c, &ea, &r))
			use(c, i, d);
		resolved_release(&r);
	}
}

/* CONTENT was shared / first reported by X */
static void shape_passive(struct ctx *c)
{
	for (size_t i = 1; i < c->n; i++) {
		const struct lex *e;
		int w;
		size_t by = 0, a, b, d, first = i;
		struct resolved r;
		struct emit_args ea;
		const char *kind;
		char cue[96];

		if (c->t[i].used || c->t[i].inq || c->t[i].type != T_WORD)
			continue;
		w = match_form(c, i, LX_PASSIVE, &e);
		if (!w)
			continue;
		for (size_t k = i + (size_t)w; k < c->n && k < i + (size_t)w + 10; k++) {
			if (c->t[k].type != T_WORD || is_word(c, k, "that") ||
			    is_word(c, k, "which") || is_word(c, k, "who") ||
			    is_word(c, k, "and") || is_word(c, k, "but"))
				break;
			if (is_word(c, k, "by")) {
				by = k;
				break;
			}
		}
		if (!by)
			continue;
		/* "was shared by", ", first reported by", "footage posted by" */
		if (i > 0 && (is_word(c, i - 1, "first") || is_word(c, i - 1, "originally")))
			first = i - 1;
		if (!(first > 0 && (c->t[first - 1].type == T_COMMA ||
				    (c->t[first - 1].type == T_WORD &&
				     ((c->t[first - 1].cls & (LX_AUX | LX_FOOTAGE | LX_PHOTO | LX_DOC)) ||
				      is_word(c, first - 1, "being") ||
				      /* "Economists polled by Reuters had
				       * expected": the poll's author */
				      ((is_word(c, i, "polled") || is_word(c, i, "surveyed")) &&
				       (c->t[first - 1].cls & (LX_NOUN | LX_ANON))))))))
			continue;
		/* "Union leaders said in a memo to members, obtained by X,
		 * that ...": an aside on how the speaker's words came out,
		 * not a claim of X's */
		if (c->t[first - 1].type == T_COMMA) {
			int spoke = 0;

			for (size_t k = 1; k + 1 < first && !spoke; k++)
				spoke = c->t[k].type == T_WORD && !c->t[k].cap &&
					!c->t[k].inq && (c->t[k].cls & LX_VERB) &&
					!(c->t[k].cls & (LX_NOUN | LX_DOC | LX_PASSIVE));
			if (spoke)
				continue;
		}
		a = by + 1;
		b = np_forward(c, a, 1);
		if (b <= a || !np_valid(c, a, b))
			continue;
		d = descriptor_after(c, b);
		resolve(c, a, b, &r);
		memset(&ea, 0, sizeof(ea));
		ea.sa = a;
		ea.sb = b;
		ea.da = d > b ? b + 1 : b;
		ea.db = d;
		{
			char *form = toks_dup(c, first, i + (size_t)w);
			char *lf = lower_dup(form);
			snprintf(cue, sizeof(cue), "%s by", lf);
			free(form);
			free(lf);
		}
		ea.cue_text = cue;
		kind = kind_of(c, a, b, 0, first);
		ea.kind = kind ? kind : "reported";
		/* The claim is the sentence: what was shared, and what it shows. */
		ea.cs = c->ss;
		ea.ce = c->se;
		if (emit(c, &ea, &r))
			use(c, first, d);
		resolved_release(&r);
	}
}

/* A party and state after a lawmaker's name: "D-Mich.", "R-Idaho", "I-Vt." */
static int party_code(const struct ctx *c, size_t i)
{
	const char *x = c->text + c->t[i].s;
	size_t n = c->t[i].e - c->t[i].s;

	return c->t[i].type == T_WORD && n >= 3 && n <= 10 &&
	       (x[0] == 'D' || x[0] == 'R' || x[0] == 'I') && x[1] == '-' &&
	       isupper((unsigned char)x[2]);
}

/* Is [a, b) a short aside that sits in commas between a subject and its
 * verb without describing it: an age ("Rosa Huaman, 54, told"), a party
 * ("Tom Harlan, D-Mich., said") or a sentence adverb ("Local people,
 * however, accused", "Smith, for her part, said")? */
static int aside(const struct ctx *c, size_t a, size_t b)
{
	/* "Ukraine's foreign minister, in a post on X, urged": where it
	 * was said */
	if (b > a + 2 && b - a <= 12 && is_word(c, a, "in") &&
	    (is_word(c, a + 1, "a") || is_word(c, a + 1, "an") ||
	     is_word(c, a + 1, "the") || is_word(c, a + 1, "his") ||
	     is_word(c, a + 1, "her") || is_word(c, a + 1, "its") ||
	     is_word(c, a + 1, "their"))) {
		for (size_t k = a + 2; k < b; k++)
			if (c->t[k].cls & (LX_DOC | LX_FOOTAGE) ||
			    is_word(c, k, "post") || is_word(c, k, "interview") ||
			    is_word(c, k, "speech") || is_word(c, k, "video"))
				return 1;
	}
	if (b <= a || b - a > 4)
		return 0;
	if (b - a == 1 && c->t[a].type == T_WORD &&
	    (isdigit((unsigned char)c->text[c->t[a].s]) || party_code(c, a)))
		return 1;
	if (b - a == 1 && c->t[a].type == T_WORD && !c->t[a].cap &&
	    ((c->t[a].cls & LX_LEAD) || is_word(c, a, "too") ||
	     is_word(c, a, "though") || is_word(c, a, "meanwhile")))
		return 1;
	if (b - a == 3 && is_word(c, a, "for") &&
	    (is_word(c, a + 1, "his") || is_word(c, a + 1, "her") ||
	     is_word(c, a + 1, "its") || is_word(c, a + 1, "their")) &&
	    is_word(c, a + 2, "part"))
		return 1;
	if (b - a == 2 && (is_word(c, a, "in") || is_word(c, a, "by") ||
			   is_word(c, a, "for")) &&
	    (is_word(c, a + 1, "turn") || is_word(c, a + 1, "contrast") ||
	     is_word(c, a + 1, "response") || is_word(c, a + 1, "example") ||
	     is_word(c, a + 1, "instance") || is_word(c, a + 1, "comparison")))
		return 1;
	return 0;
}

/* "X, APPOSITIVE," before a verb: [as, ae) is the appositive (it opens
 * with a, an, the + lower case, who or which, and a comma is before it);
 * X must be a name that opens its clause.  Returns 1 with X in [*a, *b). */
static int quote_heads(const struct ctx *c, size_t a);

static int appositive_subject(const struct ctx *c, size_t as, size_t ae,
			      size_t *a, size_t *b)
{
	size_t pe, ps, k = 0;

	if (as < 2 || ae <= as || c->t[as - 1].type != T_COMMA)
		return 0;
	if (!(is_word(c, as, "who") || is_word(c, as, "which") ||
	      is_word(c, as, "whose") || is_word(c, as, "one") ||
	      is_word(c, as, "himself") || is_word(c, as, "herself") ||
	      is_word(c, as, "his") || is_word(c, as, "her") ||
	      is_word(c, as, "its") || is_word(c, as, "their") ||
	      is_word(c, as, "now") || is_word(c, as, "formerly") ||
	      is_word(c, as, "a") || is_word(c, as, "an") ||
	      (is_word(c, as, "the") && !c->t[np_head(c, as, ae)].cap) ||
	      participial(c, as) ||
	      /* "Ihor Moroz, head of the district administration,": a role */
	      (!c->t[as].cap && (c->t[as].cls & (LX_TITLE | LX_ANON)) &&
	       !(c->t[as].cls & (LX_AUX | LX_LEAD | LX_TIME)) &&
	       !is_function_word(low(c, as)))))
		return 0;
	pe = as - 1;
	/* "the Armed Conflict ... Project (ACLED), a monitor ...,": past
	 * the bracket */
	if (pe > 2 && c->t[pe - 1].type == T_RPAREN && c->t[pe - 3].type == T_LPAREN &&
	    c->t[pe - 2].type == T_WORD)
		pe -= 3;
	ps = pe;
	while (ps > 0 && (c->t[ps - 1].type == T_WORD ||
			  (c->t[ps - 1].type == T_OTHER && ps > 1 &&
			   c->text[c->t[ps - 1].s] == '&')) && !c->t[ps - 1].used)
		ps--;
	/* "Rep. Lisa Brandt, D-Ohio, the top Democrat ...": past the aside */
	if (ps > 1 && c->t[ps - 1].type == T_COMMA && aside(c, ps, pe)) {
		pe = ps - 1;
		ps = pe;
		while (ps > 0 && c->t[ps - 1].type == T_WORD && !c->t[ps - 1].used)
			ps--;
	}
	np_trim_front(c, &ps, pe);
	/* "Reports in Spain on Wednesday, led by ...,": no time phrase */
	if (pe > ps + 2 && (c->t[pe - 1].cls & LX_TIME) && c->t[pe - 1].cap &&
	    is_word(c, pe - 2, "on"))
		pe -= 2;
	if (ps < pe && !np_valid(c, ps, pe)) {
		/* "The hacking group that claimed responsibility, which
		 * calls itself ...,": the phrase before its relative clause */
		for (size_t j = ps + 1; j < pe && j < ps + 6; j++)
			if (is_word(c, j, "that") || is_word(c, j, "who")) {
				if (np_valid(c, ps, j) && pe - j <= 8)
					pe = j;
				break;
			}
	}
	if (ps >= pe || !np_valid(c, ps, pe))
		return 0;
	if (!c->t[np_head(c, ps, pe)].cap && !is_pronoun_cls(c->t[ps].cls) &&
	    !(c->t[np_head(c, ps, pe)].cls & (LX_ANON | LX_NOUN | LX_DOC | LX_FOOTAGE |
					      LX_PHOTO)))
		return 0;
	/* X opens the sentence, or follows an introduction ("On Friday,") */
	while (k < ps && c->t[k].type == T_WORD && (c->t[k].cls & LX_LEAD))
		k++;
	if (k != ps && !(ps > 0 && c->t[ps - 1].type == T_COMMA &&
			 !(ps > 1 && c->t[ps - 2].type == T_QCLOSE)) &&
	    /* '"...," Lt. Col. Andrii Maletskyi, a spokesman for ..., told' */
	    !quote_heads(c, ps))
		return 0;
	*a = ps;
	*b = pe;
	return 1;
}

/* Step back from end (exclusive, just before a verb) over asides and a
 * bracketed acronym or aside ("the Red Cross (IFRC) said", "Harlan,
 * D-Mich., told"); returns the new end. */
static size_t skip_asides_left(const struct ctx *c, size_t end)
{
	for (int guard = 0; guard < 4 && end > 0; guard++) {
		if (c->t[end - 1].type == T_RPAREN) {
			size_t k = end - 1;
			while (k > 0 && end - k < 10 && c->t[k - 1].type != T_LPAREN &&
			       c->t[k - 1].type != T_RPAREN)
				k--;
			if (k > 1 && c->t[k - 1].type == T_LPAREN && !c->t[k - 1].used) {
				end = k - 1;
				np_trim_back(c, 0, &end);
				continue;
			}
			break;
		}
		if (c->t[end - 1].type == T_COMMA && end >= 3) {
			size_t k = end - 1;
			/* up to 12 words: "in a letter to congressional
			 * leaders dated Feb. 12" */
			while (k > 0 && end - 1 - k < 12 && c->t[k - 1].type == T_WORD)
				k--;
			if (k > 1 && c->t[k - 1].type == T_COMMA && aside(c, k, end - 1) &&
			    c->t[k - 2].type == T_WORD) {
				end = k - 1;
				continue;
			}
			/* a party code may hold a full stop token: "D-Mich." */
			break;
		}
		break;
	}
	return end;
}

/* "Republicans who opposed the bill said", "A neighbor who declined to
 * give her name said": a subject with its relative clause, in [start,
 * end).  Returns 1 with the head phrase in [*a, *who) and the whole in
 * [*a, end). */
static int relative_subject(const struct ctx *c, size_t start, size_t end,
			    size_t *a, size_t *who)
{
	for (size_t k = start + 1; k + 1 < end && k < start + 8; k++) {
		size_t s = start, h;

		if (!is_word(c, k, "who"))
			continue;
		if (end - k > 14)
			return 0;
		np_trim_front(c, &s, k);
		if (s >= k || !np_valid(c, s, k))
			return 0;
		h = np_head(c, s, k);
		if (!(c->t[h].cap || (c->t[h].cls & (LX_ANON | LX_NOUN))))
			return 0;
		*a = s;
		*who = k;
		return 1;
	}
	return 0;
}

/* Subject to the left of a verb at token v: the phrase between the last
 * clause boundary and v, stepping back over an appositive or a relative
 * clause ("Bogdanov, who serves as ..., emphasized").  Returns 1 with the
 * phrase in [*a, *b) and a descriptor in [*da, *db); *after_comma says a
 * comma (or a closing quote) is right before the phrase. */
static int subject_left(struct ctx *c, size_t v, size_t *a, size_t *b,
			size_t *da, size_t *db, int *after_comma, size_t *rel)
{
	size_t end = v, start, s2;

	*da = *db = 0;
	*after_comma = 0;
	*rel = 0;
	np_trim_back(c, 0, &end);
	end = skip_asides_left(c, end);
	/* "RIA Novosti, citing a soldier identified only by his call sign,
	 * Baikal, reported": the source before the one it cites */
	if (end > 3 && c->t[end - 1].type == T_COMMA)
		for (size_t k = end - 1; k-- > 1 && end - k < 18;) {
			if (c->t[k].type != T_WORD && c->t[k].type != T_COMMA)
				break;
			if ((is_word(c, k, "citing") || is_word(c, k, "quoting")) &&
			    c->t[k - 1].type == T_COMMA && k >= 2 &&
			    c->t[k - 2].type == T_WORD) {
				end = k - 1;
				break;
			}
		}
	/* "X, which calls itself "ShadowLedger," said": an appositive that
	 * ends in a quotation */
	if (end > 2 && c->t[end - 1].type == T_QCLOSE) {
		for (size_t k = 0; k < c->nq; k++) {
			size_t as;

			if (c->q[k].close != end - 1)
				continue;
			as = c->q[k].open;
			while (as > 0 && c->t[as - 1].type == T_WORD && !c->t[as - 1].used &&
			       !c->t[as - 1].inq)
				as--;
			if (as > 1 && as < c->q[k].open && c->t[as - 1].type == T_COMMA &&
			    !c->t[as].cap && appositive_subject(c, as, end, a, b)) {
				*da = as;
				*db = end;
				return 1;
			}
			break;
		}
	}
	if (end > 0 && c->t[end - 1].type == T_COMMA) {
		/* "X, a veteran diplomat, said" */
		size_t ae = end - 1, as = ae;

		/* "a lawyer at the firm Hollis & Strand" */
		while (as > 0 && (c->t[as - 1].type == T_WORD ||
				  (c->t[as - 1].type == T_OTHER && as > 1 &&
				   c->text[c->t[as - 1].s] == '&')) && !c->t[as - 1].used)
			as--;
		if (appositive_subject(c, as, ae, a, b)) {
			*da = as;
			*db = ae;
			*after_comma = quote_heads(c, *a);
			/* "The analysis, published on Thursday by the Chalk
			 * Rivers Alliance, found": its author speaks */
			if ((c->t[np_head(c, *a, *b)].cls & LX_DOC) &&
			    (is_word(c, as, "published") || is_word(c, as, "released") ||
			     is_word(c, as, "compiled") || is_word(c, as, "commissioned") ||
			     is_word(c, as, "conducted") || is_word(c, as, "produced")))
				for (size_t k = as + 1; k + 1 < ae; k++)
					if (is_word(c, k, "by") && np_valid(c, k + 1, ae)) {
						*a = k + 1;
						*b = ae;
						*da = *db = 0;
						break;
					}
			return 1;
		}
		/* a name in commas after its description */
		if (as > 1 && c->t[as - 1].type == T_COMMA && np_valid(c, as, ae) &&
		    c->t[ae - 1].cap && c->t[as].cap && !(c->t[as].cls & LX_LEAD)) {
			size_t pe = as - 1, ps = pe, h, ps0;
			while (ps > 0 && c->t[ps - 1].type == T_WORD && !c->t[ps - 1].used)
				ps--;
			ps0 = ps;
			/* "when a security researcher, Elena Vasquez, posted" */
			np_trim_front(c, &ps, pe);
			if (ps < pe && np_valid(c, ps, pe)) {
				h = np_head(c, ps, pe);
				if (!c->t[h].cap && (c->t[h].cls & (LX_NOUN | LX_ANON | LX_TITLE)) &&
				    (ps0 == 0 || c->t[ps0 - 1].type == T_COMMA || quote_heads(c, ps0))) {
					*a = as;
					*b = ae;
					*da = ps;
					*db = pe;
					/* '"...," the mission's spokesperson,
					 * Marco Bellini, said.' */
					*after_comma = quote_heads(c, ps) ||
						       /* "CONTENT, the terminal's
							* operator, NAME, said" */
						       (ps == ps0 && ps0 > 1 &&
							c->t[ps0 - 1].type == T_COMMA);
					return 1;
				}
			}
		}
		return 0;
	}
	start = end;
	/* "Karen Clark & Company estimated": '&' inside a name */
	while (start > 0 && (c->t[start - 1].type == T_WORD ||
			     (c->t[start - 1].type == T_OTHER && start > 1 &&
			      c->text[c->t[start - 1].s] == '&' &&
			      c->t[start - 2].type == T_WORD && c->t[start].cap)) &&
	       !c->t[start - 1].used)
		start--;
	if (start >= end)
		return 0;
	/* "the Department for Environment, Food and Rural Affairs said": a
	 * comma inside a name */
	if (start > 2 && name_comma(c, start - 1)) {
		start -= 1;
		while (start > 0 && c->t[start - 1].type == T_WORD && !c->t[start - 1].used)
			start--;
	}
	s2 = start;
	np_trim_front(c, &s2, end);
	/* "a move the company says": a new phrase starts at a determiner
	 * that follows a content word (not "with the", "of a") */
	for (size_t k = s2 + 1; k + 1 < end; k++)
		if ((is_word(c, k, "the") || is_word(c, k, "a") || is_word(c, k, "an")) &&
		    c->t[k - 1].type == T_WORD && !c->t[k - 1].cap &&
		    !is_function_word(low(c, k - 1)) &&
		    !(c->t[k - 1].cls & (LX_NOUN | LX_ANON | LX_TITLE)) &&
		    strcmp(low(c, k - 1), "familiar") && strcmp(low(c, k - 1), "close"))
			s2 = k;
	/* "which one senior administration official described as": the
	 * relative word is the object, the phrase after it the subject */
	if ((is_word(c, s2, "which") || is_word(c, s2, "whom")) && s2 + 1 < end &&
	    !(c->t[s2 + 1].cls & (LX_VERB | LX_AUX)) && np_valid(c, s2 + 1, end))
		s2++;
	/* "a mix-up she said the government acknowledged": a subject
	 * pronoun right before the verb is the whole subject */
	if (end - s2 > 1 && c->t[end - 1].type == T_WORD &&
	    (is_word(c, end - 1, "he") || is_word(c, end - 1, "she") ||
	     is_word(c, end - 1, "they") || is_word(c, end - 1, "it") ||
	     is_word(c, end - 1, "we") || is_word(c, end - 1, "i")))
		s2 = end - 1;
	/* "A Facebook post shared more than 9,000 times claims": the
	 * post, not its reach */
	for (size_t k = s2 + 2; k + 1 < end && k < s2 + 6; k++)
		if (participial(c, k) && str_ends_with(low(c, k), "ed") &&
		    (c->t[np_head(c, s2, k)].cls & (LX_DOC | LX_FOOTAGE | LX_PHOTO | LX_NOUN)) &&
		    (isdigit((unsigned char)c->text[c->t[k + 1].s]) ||
		     is_word(c, k + 1, "more") || is_word(c, k + 1, "nearly") ||
		     is_word(c, k + 1, "thousands") || is_word(c, k + 1, "millions") ||
		     is_word(c, k + 1, "hundreds")) &&
		    np_valid(c, s2, k)) {
			end = k;
			break;
		}
	if (np_valid(c, s2, end) && !is_word(c, s2, "who") &&
	    !is_word(c, s2, "which")) {
		*a = s2;
		*b = end;
		/* ", but she warned ...": a clause of its own, not the
		 * speaker of what came before the comma */
		*after_comma = start > 0 && (c->t[start - 1].type == T_COMMA ||
					     c->t[start - 1].type == T_QCLOSE) &&
			       !(s2 > start && (is_word(c, start, "but") ||
						is_word(c, start, "and") ||
						is_word(c, start, "while") ||
						is_word(c, start, "though") ||
						is_word(c, start, "although") ||
						is_word(c, start, "whereas") ||
						is_word(c, start, "yet")));
		return 1;
	}
	/* "X, who took credit ..., has" / "X, who ... said": the antecedent */
	if (is_word(c, start, "who") && appositive_subject(c, start, end, a, b))
		return 1;
	/* "opposition from Indigenous Colla communities, who say": the
	 * phrase right before the comma, after its preposition */
	if (is_word(c, start, "who") && start + 1 == end && start > 2 &&
	    c->t[start - 1].type == T_COMMA) {
		size_t pe = start - 1, ps = pe;

		while (ps > 0 && pe - ps < 6 && c->t[ps - 1].type == T_WORD &&
		       !c->t[ps - 1].inq && !c->t[ps - 1].used &&
		       (c->t[ps - 1].cap || ((c->t[ps - 1].cls & (LX_NOUN | LX_ANON)) &&
					     !(c->t[ps - 1].cls & (LX_VERB | LX_AUX)))))
			ps--;
		if (ps < pe && ps > 0 && is_preposition(low(c, ps - 1)) && np_valid(c, ps, pe) &&
		    (c->t[pe - 1].cap || (c->t[pe - 1].cls & (LX_NOUN | LX_ANON)))) {
			*a = ps;
			*b = pe;
			return 1;
		}
	}
	/* "A Bluegrass Poll conducted in August showed": the phrase before
	 * a participle that modifies it */
	for (size_t k = s2 + 1; k + 1 < end && k < s2 + 8; k++)
		if (participial(c, k) && str_ends_with(low(c, k), "ed") && nominal(c, k - 1) &&
		    (is_preposition(low(c, k + 1)) ||
		     /* "A Facebook post shared more than 9,000 times
		      * claims": a document with what happened to it */
		     ((c->t[np_head(c, s2, k)].cls & (LX_DOC | LX_FOOTAGE | LX_PHOTO | LX_NOUN)) &&
		      end - k <= 6 && c->t[k + 1].type == T_WORD &&
		      (isdigit((unsigned char)c->text[c->t[k + 1].s]) ||
		       is_word(c, k + 1, "more") || is_word(c, k + 1, "over") ||
		       is_word(c, k + 1, "nearly") || is_word(c, k + 1, "about") ||
		       is_word(c, k + 1, "widely") || is_word(c, k + 1, "thousands") ||
		       is_word(c, k + 1, "millions") || is_word(c, k + 1, "hundreds")))) &&
		    np_valid(c, s2, k) &&
		    !is_word(c, s2, "who") && !is_word(c, s2, "which")) {
			*a = s2;
			*b = k;
			/* "A 2023 study published in the journal Fire
			 * Ecology found": where it appeared is part of it */
			if ((is_word(c, k, "published") || is_word(c, k, "printed")) &&
			    is_word(c, k + 1, "in") && end - k <= 7 && c->t[end - 1].cap) {
				int when = 0;

				for (size_t j = k + 2; j < end; j++)
					when |= ((c->t[j].cls & LX_TIME) && c->t[j].cap) ||
						isdigit((unsigned char)c->text[c->t[j].s]);
				if (!when)
					*b = end;
			}
			return 1;
		}
	/* "after the report, which showed ...": a document or a body right
	 * before ", which" */
	if (is_word(c, start, "which") && start + 1 == end && start > 2 &&
	    c->t[start - 1].type == T_COMMA) {
		size_t pe = start - 1, ps = pe;

		while (ps > 0 && pe - ps < 6 && c->t[ps - 1].type == T_WORD &&
		       !c->t[ps - 1].inq)
			ps--;
		size_t k = pe, h;

		/* back to its determiner, or over its capital words */
		while (k > ps && !is_determiner(low(c, k - 1)))
			k--;
		if (k > ps)
			k--;
		else
			for (k = pe; k > ps && c->t[k - 1].cap; k--)
				;
		if (k < pe && np_valid(c, k, pe)) {
			h = np_head(c, k, pe);
			if ((c->t[h].cls & (LX_DOC | LX_FOOTAGE | LX_PHOTO | LX_NOUN)) ||
			    c->t[h].cap) {
				*a = k;
				*b = pe;
				return 1;
			}
		}
	}
	/* "Republicans who opposed the bill said" */
	{
		size_t ra, who;
		if (relative_subject(c, start, end, &ra, &who)) {
			*a = ra;
			*b = end;
			*rel = who;
			*after_comma = start > 0 && (c->t[start - 1].type == T_COMMA ||
						     c->t[start - 1].type == T_QCLOSE);
			return 1;
		}
	}
	return 0;
}

/* Leading subject of the sentence: from token i (after a frame). */
static int subject_lead(struct ctx *c, size_t i, size_t *a, size_t *b,
			size_t *da, size_t *db)
{
	size_t s = i, e;

	*da = *db = 0;
	/* a dateline: "EL PASO, Texas — A federal judge ..." */
	if (s == 0 && c->n > 2 && c->t[0].type == T_WORD) {
		const char *x = c->text + c->t[0].s;
		size_t xl = c->t[0].e - c->t[0].s, up = 0;

		for (size_t k = 0; k < xl; k++)
			up += isupper((unsigned char)x[k]) != 0;
		if (xl >= 2 && up == xl)
			for (size_t k = 1; k < c->n && k < 12; k++)
				if (c->t[k].type == T_DASH) {
					s = k + 1;
					break;
				}
	}
	while (s < c->n && c->t[s].type == T_WORD && (c->t[s].cls & LX_LEAD) &&
	       !(c->t[s].cls & (LX_NOUN | LX_ANON)) && !is_pronoun_cls(c->t[s].cls))
		s++;
	e = np_forward(c, s, 0);
	np_trim_back(c, s, &e);
	if (e <= s || !np_valid(c, s, e))
		return 0;
	*a = s;
	*b = e;
	if (e < c->n && c->t[e].type == T_COMMA) {
		size_t d = descriptor_after(c, e);
		if (d > e) {
			*da = e + 1;
			*db = d;
		}
	}
	return 1;
}

/* Verbs whose object is the one told: "told the court that ...". */
static int tell_like(const char *lemma)
{
	static const char *const v[] = { "tell", "warn", "inform", "assure",
		"brief", "remind", "notify", "show", "convince", "persuade",
		"urge", "ask", "caution", "advise", "promise", "accuse", "blame",
		"quote", NULL };

	for (size_t i = 0; v[i]; i++)
		if (!strcmp(v[i], lemma))
			return 1;
	return 0;
}

/* Where the complement of a verb at [v, vend) starts: past an object
 * ("told Newsweek last month") up to "that", a colon or a quotation.
 * Sets *has_that / *has_colon / *quote_at (token or c->n). */
static size_t complement(struct ctx *c, size_t vend, int *has_that,
			 int *has_colon, size_t *qtok, const struct cue_info *cue)
{
	size_t k;
	/* "describe a culture that prized speed": after an object of a verb
	 * that takes no person object, "that" opens a relative clause, and
	 * the content is the object with it */
	int object_first = vend < c->n && c->t[vend].type == T_WORD &&
			   (is_word(c, vend, "a") || is_word(c, vend, "an") ||
			    is_word(c, vend, "the")) &&
			   !(cue && cue->lemma && tell_like(cue->lemma));

	*has_that = *has_colon = 0;
	*qtok = c->n;
	for (k = vend; k < c->n && k < vend + 10; k++) {
		const struct tok *t = &c->t[k];

		if (t->type == T_QOPEN) {
			*qtok = k;
			/* "warning of damaging winds and "...."": the words
			 * before the quotation are content too */
			if (k > vend && is_word(c, vend, "of"))
				return vend;
			return k;
		}
		if (t->type == T_COLON) {
			*has_colon = 1;
			if (k + 1 < c->n && c->t[k + 1].type == T_QOPEN)
				*qtok = k + 1;
			return k + 1;
		}
		if (t->type == T_COMMA && k + 1 < c->n && c->t[k + 1].type == T_QOPEN) {
			*qtok = k + 1;
			return k + 1;
		}
		/* "said in a memo to members, obtained by X, that ...": an
		 * aside in commas, then the content */
		if (t->type == T_COMMA && k > vend) {
			size_t j;

			for (j = k + 1; j < c->n && j < k + 12 && c->t[j].type == T_WORD; j++)
				;
			if (j > k + 1 && j + 1 < c->n && j < k + 12 &&
			    c->t[j].type == T_COMMA && is_word(c, j + 1, "that")) {
				*has_that = 1;
				return j + 2;
			}
		}
		if (t->type != T_WORD)
			break;
		/* "said he heard what sounded like "..."": a clause with
		 * its own subject comes first */
		if (k > vend || !object_first)
			if (is_word(c, k, "he") || is_word(c, k, "she") || is_word(c, k, "they") ||
			    is_word(c, k, "we") || is_word(c, k, "i") ||
			    /* "said it issued a correction ... and that" */
			    (is_word(c, k, "it") && k == vend && !object_first &&
			     !(cue && cue->predicate)))
				break;
		if (is_word(c, k, "that")) {
			if (object_first && k > vend + 1)
				return vend;
			/* "says states that automate verification could":
			 * "say" takes no object, so a noun before "that" is
			 * the subject of the content and "that" relative */
			if (k == vend + 1 && cue && cue->lemma && !strcmp(cue->lemma, "say") &&
			    !c->t[vend].cap && !(c->t[vend].cls & (LX_TIME | LX_AUX)) &&
			    !is_function_word(low(c, vend)) && !is_preposition(low(c, vend)) &&
			    !is_word(c, vend, "so") && !is_word(c, vend, "only") &&
			    str_ends_with(low(c, vend), "s") && k + 1 < c->n &&
			    c->t[k + 1].type == T_WORD && !c->t[k + 1].cap &&
			    !is_function_word(low(c, k + 1)))
				return vend;
			*has_that = 1;
			return k + 1;
		}
		/* "said the intersection has been ... and that": the
		 * content has begun, its own "that" is not ours */
		if ((t->cls & LX_AUX) && !(t->cls & LX_TIME) && !t->cap &&
		    !is_word(c, k, "also") && !is_word(c, k, "then"))
			break;
	}
	/* no "that": the content starts after time words ("said Monday"),
	 * but a possessive opens it ("said her brother was missing") */
	for (k = vend; k < c->n && c->t[k].type == T_WORD &&
	     (c->t[k].cls & LX_TIME) && !is_word(c, k, "the") &&
	     !is_word(c, k, "a") && !is_word(c, k, "an") &&
	     !is_word(c, k, "his") && !is_word(c, k, "her") &&
	     !is_word(c, k, "its") && !is_word(c, k, "their") &&
	     /* "showed at least seven tankers": a quantity, no time */
	     !(is_word(c, k, "at") && k + 1 < c->n &&
	       (is_word(c, k + 1, "least") || is_word(c, k + 1, "most"))); k++)
		;
	{
		const struct quote *q = quote_within(c, k, c->n);
		if (q)
			*qtok = q->open;
	}
	return k;
}

static const char *content_kind(const struct ctx *c, size_t ca, size_t cb,
				const struct quote **q)
{
	*q = whole_quote(c, ca, cb);
	if (*q)
		return "quote";
	if (quote_within(c, ca, cb))
		return "partial-quote";
	return "indirect";
}

/* Words that open an adjunct, not a reported clause. */
static int adjunct_opener(const char *w)
{
	static const char *const v[] = { "largely", "partly", "mainly",
		"mostly", "because", "although", "though", "while", "whereas",
		NULL };

	return in_list(v, w);
}

/* After a cue at the end of its sentence only a short tail may follow
 * ("the ministry wrote in its latest bulletin posted Monday."); an
 * auxiliary means a clause follows ("says will create 450 jobs"). */
static int short_tail(const struct ctx *c, size_t vend)
{
	size_t words = 0;

	for (size_t k = vend; k < c->n; k++) {
		if (c->t[k].type == T_END)
			return k + 1 >= c->n;
		/* "CONTENT, X told board members, largely because ...": an
		 * adjunct after a short object */
		if (c->t[k].type == T_COMMA && words <= 4 && k + 1 < c->n &&
		    c->t[k + 1].type == T_WORD && adjunct_opener(low(c, k + 1)))
			return 1;
		if (c->t[k].type != T_WORD)
			return 0;
		if (++words > 16)
			return 0;
		if (is_word(c, k, "that"))
			return 0;
		if ((c->t[k].cls & LX_AUX) && !(c->t[k].cls & LX_TIME) && !c->t[k].cap)
			return 0;
	}
	return 1;
}

static int participle(const struct ctx *c, size_t v)
{
	const char *w = low(c, v);
	size_t n = strlen(w);

	return n > 4 && !strcmp(w + n - 3, "ing");
}

/* Does a clause without "that" start at token k ("estimated the project
 * would cost ...", "found prices had risen")?  A short subject and then a
 * modal or an auxiliary: a noun phrase alone ("estimated 40 people",
 * "added salt") is an object, not a report. */
static int bare_clause(const struct ctx *c, size_t k)
{
	for (size_t i = k; i < c->n && i < k + 6; i++) {
		const struct tok *t = &c->t[i];

		if (t->type != T_WORD)
			return 0;
		if (i > k && (t->cls & LX_AUX) && !t->cap &&
		    (is_word(c, i, "would") || is_word(c, i, "will") ||
		     is_word(c, i, "could") || is_word(c, i, "can") ||
		     is_word(c, i, "may") || is_word(c, i, "might") ||
		     is_word(c, i, "must") || is_word(c, i, "should") ||
		     is_word(c, i, "had") || is_word(c, i, "has") ||
		     is_word(c, i, "have") || is_word(c, i, "was") ||
		     is_word(c, i, "were") || is_word(c, i, "is") ||
		     is_word(c, i, "are")))
			return !is_word(c, i - 1, "to");
		if (is_relative(low(c, i)) || is_word(c, i, "to"))
			return 0;
	}
	return 0;
}

/* Does the sentence open with a quotation that ends right before the
 * speaker at a ('"...," Carver said of Lindgren, who ...')?  Then what
 * follows the cue is no content of its own. */
static int quote_heads(const struct ctx *c, size_t a)
{
	size_t close = a - 1, start = 0;
	const struct quote *q;

	if (a < 2 || c->t[close].type != T_QCLOSE)
		return 0;
	while (start < close && c->t[start].type == T_WORD && (c->t[start].cls & LX_LEAD))
		start++;
	q = quote_opening(c, start);
	return q && q->close == close;
}

/* The quotation that ends right before a speaker at token a ("Q1," she
 * said, "Q2.") opening the sentence: attribute it to the same speaker. */
static void split_quote_head(struct ctx *c, size_t a, size_t b, size_t rel,
			     size_t v, size_t vend)
{
	size_t close = a - 1, start = 0;
	const struct quote *q;
	struct resolved r;
	struct emit_args ea;

	if (c->t[close].type == T_COMMA)
		close--;
	if (c->t[close].type != T_QCLOSE)
		return;
	while (start < close && c->t[start].type == T_WORD && (c->t[start].cls & LX_LEAD))
		start++;
	q = quote_opening(c, start);
	if (!q || q->close != close)
		return;
	resolve_subject(c, a, b, rel, &r);
	memset(&ea, 0, sizeof(ea));
	ea.sa = a;
	ea.sb = b;
	ea.rel = rel;
	ea.cue_a = v;
	ea.cue_b = vend;
	ea.kind = "quote";
	quote_bytes(c, q, &ea.cs, &ea.ce);
	emit(c, &ea, &r);
	resolved_release(&r);
}

/* Words that open a subordinate clause with a subject of its own. */
static int subordinator(const struct ctx *c, size_t k)
{
	static const char *const v[] = { "after", "as", "when", "because",
		"since", "while", "before", "until", "although", "though",
		"once", "whereas", NULL };

	if (c->t[k].type != T_WORD || c->t[k].inq)
		return 0;
	for (size_t i = 0; v[i]; i++)
		if (!strcmp(v[i], low(c, k)))
			return 1;
	return 0;
}

/* The subject of the clause nearest before token end: "Shares in Harrow
 * fell after the British snack maker cut its forecast, blaming ...": the
 * snack maker blames, not the shares.  Only a subordinate clause counts
 * (the sentence's own subject is subject_lead()'s). */
static int clause_subject(const struct ctx *c, size_t end, size_t *a, size_t *b)
{
	for (size_t k = end; k-- > 1;) {
		size_t s, e;

		if (c->t[k].inq)
			return 0;
		if (!subordinator(c, k) || end - k < 3)
			continue;
		s = k + 1;
		e = np_longest(c, s);
		if (e <= s || e >= end || c->t[e].type != T_WORD || is_pronoun_cls(c->t[s].cls))
			return 0;
		if (!(c->t[np_head(c, s, e)].cap ||
		      (c->t[np_head(c, s, e)].cls & (LX_NOUN | LX_ANON))))
			return 0;
		*a = s;
		*b = e;
		return 1;
	}
	return 0;
}

/* Cues whose content is often an object, not a clause: "showed X ahead",
 * "confirmed two deaths", "estimated losses at". */
static int object_cue(const struct cue_info *cue)
{
	static const char *const v[] = { "show", "confirm", "estimate", "reveal",
		"record", "predict", "find", "indicate", "disclose", "declare", NULL };

	for (size_t i = 0; cue->lemma && v[i]; i++)
		if (!strcmp(v[i], cue->lemma))
			return 1;
	return 0;
}

/* "warning of damaging winds", "warned about", "cautioned against": a
 * preposition that opens what is claimed, with the verb part of it. */
static int topic_prep(const struct ctx *c, size_t k)
{
	return k < c->n && (is_word(c, k, "of") || is_word(c, k, "about") ||
			    is_word(c, k, "against"));
}

/* A reporting verb at token v. */
static void shape_verb(struct ctx *c, size_t v, size_t vend,
		       const struct cue_info *cue)
{
	size_t a = 0, b = 0, da = 0, db = 0, ca, cb = c->n, qtok, rel = 0;
	int after_comma = 0, has_that, has_colon, ok = 0;
	struct resolved r;
	struct emit_args ea;
	const struct quote *q = NULL;
	const char *kind;
	int strong = cue->weight >= 1.0;

	memset(&ea, 0, sizeof(ea));
	ea.cue_a = v;
	ea.cue_b = vend;
	/* "contributed to this report", "the statement": a noun */
	if (v > 0 && c->t[v - 1].type == T_WORD && !c->t[v - 1].cap &&
	    (is_word(c, v - 1, "this") || is_word(c, v - 1, "the") ||
	     is_word(c, v - 1, "these") || is_word(c, v - 1, "those") ||
	     is_word(c, v - 1, "its") || is_word(c, v - 1, "their")))
		return;

	/* "The agency's statement quoted Raymond Tsai, ...: "..."": who is
	 * quoted speaks */
	if (cue->lemma && !strcmp(cue->lemma, "quote") && !participle(c, v) &&
	    vend < c->n && c->t[vend].type == T_WORD && c->t[vend].cap) {
		size_t e = np_forward(c, vend, 1), pa, pb, k;
		const struct quote *q2 = NULL;

		if (e > vend && person_name(c, vend, e, &pa, &pb) && pb == e) {
			for (k = e; k < c->n && k < e + 20; k++)
				if (c->t[k].type == T_QOPEN) {
					q2 = quote_opening(c, k);
					break;
				}
			if (q2 && k > 0 && (c->t[k - 1].type == T_COLON || c->t[k - 1].type == T_COMMA)) {
				resolve(c, vend, e, &r);
				ea.sa = vend;
				ea.sb = e;
				ea.kind = "quote";
				quote_bytes(c, q2, &ea.cs, &ea.ce);
				if (emit(c, &ea, &r))
					use(c, 0, c->n);
				resolved_release(&r);
				return;
			}
		}
	}

	/* "...," said X  /  CONTENT, said X. */
	if (v > 0 && (c->t[v - 1].type == T_COMMA || c->t[v - 1].type == T_QCLOSE) &&
	    vend < c->n && c->t[vend].type == T_WORD && !participle(c, v) &&
	    /* '"...," X, a spokesperson, told national television': who
	     * is told never speaks */
	    !(cue->lemma && tell_like(cue->lemma) && c->t[v - 1].type == T_COMMA &&
	      !(v > 1 && c->t[v - 2].type == T_QCLOSE))) {
		size_t e = np_forward(c, vend, 1), d;

		if (e > vend && np_valid(c, vend, e) && !is_pronoun_cls(c->t[vend].cls) &&
		    /* "said in a statement": no subject */
		    !(!c->t[vend].cap && is_preposition(low(c, vend))) &&
		    (e >= c->n || c->t[e].type == T_END || c->t[e].type == T_COMMA)) {
			size_t cend = v - 1, sa = vend, pa, pb, f;
			d = descriptor_after(c, e);
			/* '..., said Whitfield's campaign spokesman, Marcus
			 * Bell.': a role, then the name of who holds it */
			for (f = e + 1; f < c->n && f < e + 6 && c->t[f].type == T_WORD; f++)
				;
			if (d == e && e + 2 < c->n && c->t[e].type == T_COMMA &&
			    (f >= c->n || c->t[f].type == T_END || c->t[f].type == T_COMMA) &&
			    !c->t[np_head(c, vend, e)].cap &&
			    (c->t[np_head(c, vend, e)].cls & (LX_ANON | LX_TITLE)) &&
			    person_name(c, e + 1, f, &pa, &pb) && pa == e + 1 && pb == f) {
				sa = e + 1;
				d = f;
				ea.da = vend;
				ea.db = e;
			}
			if (c->t[v - 1].type == T_COMMA && v > 1 && c->t[v - 2].type == T_QCLOSE)
				cend = v - 1;
			ca = 0;
			while (ca < cend && c->t[ca].type == T_WORD && (c->t[ca].cls & LX_LEAD))
				ca++;
			if (cend > ca) {
				if (sa != vend) {
					resolve(c, sa, d, &r);
					ea.sa = sa;
					ea.sb = d;
				} else {
					resolve(c, vend, e, &r);
					ea.sa = vend;
					ea.sb = e;
					ea.da = d > e ? e + 1 : e;
					ea.db = d;
				}
				kind = content_kind(c, ca, cend + (c->t[cend].type == T_QCLOSE), &q);
				ea.kind = kind;
				if (q)
					quote_bytes(c, q, &ea.cs, &ea.ce);
				else {
					ea.cs = c->t[ca].s;
					ea.ce = c->t[cend].e;
				}
				if (emit(c, &ea, &r))
					use(c, 0, d);
				resolved_release(&r);
				return;
			}
		}
	}

	/* ", saying ...": the subject of the nearest clause speaks */
	if (participle(c, v) && v > 0 && c->t[v - 1].type == T_COMMA) {
		if (!clause_subject(c, v - 1, &a, &b) &&
		    !subject_lead(c, 0, &a, &b, &da, &db))
			return;
		ca = complement(c, vend, &has_that, &has_colon, &qtok, cue);
		if (!strong && !has_that && qtok >= c->n &&
		    !(cue->predicate && cue->weight >= 0.75))
			return;
		ok = 1;
	} else if (subject_left(c, v, &a, &b, &da, &db, &after_comma, &rel)) {
		ok = 1;
		ca = complement(c, vend, &has_that, &has_colon, &qtok, cue);
	}
	if (!ok)
		return;
	/* "more fatalistic than the public statements suggest": a
	 * comparison, no attribution */
	if (a > 0 && is_word(c, a - 1, "than"))
		return;
	/* "a 23-page order", "the Russian report", "a Washington-based
	 * think tank": the bare form after a determiner and a modifier is
	 * a noun; the verb would agree ("the ministry reports") */
	if (cue->lemma && !strcmp(low(c, v), cue->lemma) && vend == v + 1 &&
	    b == v && v >= a + 2 && is_determiner(low(c, a)) &&
	    !plural_determiner(low(c, a)) && c->t[v - 1].type == T_WORD &&
	    ((!(c->t[v - 1].cls & (LX_NOUN | LX_ANON | LX_AUX)) &&
	      !str_ends_with(low(c, v - 1), "s") && !is_word(c, vend, "that")) ||
	     is_word(c, a, "a") || is_word(c, a, "an")))
		return;
	if (is_pronoun_cls(c->t[a].cls) && b - a == 1 &&
	    (is_word(c, a, "we") || is_word(c, a, "i")))
		return;
	/* "It appeared to show ...": the picture, not a speaker */
	if (is_pronoun_cls(c->t[a].cls) && b - a == 1 && cue->lemma &&
	    !strcmp(cue->lemma, "show"))
		return;

	/* '"...," the company wrote, adding that ...': the participle
	 * is a cue of its own */
	int part_tail = vend + 1 < c->n && c->t[vend].type == T_COMMA &&
			participle(c, vend + 1) && (c->t[vend + 1].cls & LX_VERB);

	/* CONTENT, X said [tail]. */
	if (after_comma && a >= 2 && !has_that && !has_colon &&
	    !(qtok < c->n && !c->t[qtok].used && qtok >= vend && !part_tail) &&
	    (short_tail(c, vend) || quote_heads(c, a) ||
	     (db && da < a && quote_heads(c, da)))) {
		/* the comma, before the name or its description */
		size_t cend = (db && da < a ? da : a) - 1;
		size_t cstart = 0;

		while (cstart < cend && c->t[cstart].type == T_WORD &&
		       (c->t[cstart].cls & LX_LEAD))
			cstart++;
		/* "Back in Kyiv, X urged ...": a fronted place or time is no
		 * content */
		if (cend > cstart + 1 && (cend > cstart + 3 || c->t[cend - 1].type == T_QCLOSE ||
					  c->t[cstart].type == T_QOPEN)) {
			resolve_subject(c, a, b, rel, &r);
			kind = content_kind(c, cstart, cend + 1, &q);
			if (!q && c->t[cend - 1].type == T_QCLOSE)
				q = whole_quote(c, cstart, cend);
			if (q)
				kind = "quote";
			ea.sa = a;
			ea.sb = b;
			ea.rel = rel;
			ea.kind = kind;
			if (q)
				quote_bytes(c, q, &ea.cs, &ea.ce);
			else {
				ea.cs = c->t[cstart].s;
				ea.ce = c->t[cend - 1].e;
			}
			if (emit(c, &ea, &r))
				use(c, 0, c->n);
			resolved_release(&r);
			return;
		}
	}

	/* "The attack, the ministry said, killed 12": the sentence around */
	if (after_comma && a >= 2 && !has_that && !has_colon && qtok >= c->n) {
		size_t k = vend;
		while (k < c->n && k < vend + 4 && c->t[k].type == T_WORD &&
		       (c->t[k].cls & LX_TIME))
			k++;
		if (k + 2 < c->n && c->t[k].type == T_COMMA) {
			/* "CONTENT, X says, as Y warn that ...": what comes
			 * after is a clause of its own, maybe with its own
			 * speaker */
			int sub = subordinator(c, k + 1) && a >= 3;

			resolve_subject(c, a, b, rel, &r);
			ea.sa = a;
			ea.sb = b;
			ea.rel = rel;
			ea.kind = "indirect";
			ea.cs = sub ? c->t[0].s : c->ss;
			ea.ce = sub ? c->t[a - 2].e : c->se;
			if (sub) {
				size_t cstart = 0;

				while (cstart + 1 < a && c->t[cstart].type == T_WORD &&
				       (c->t[cstart].cls & LX_LEAD))
					cstart++;
				ea.cs = c->t[cstart].s;
			}
			if (emit(c, &ea, &r))
				use(c, 0, sub ? k + 1 : c->n);
			resolved_release(&r);
			return;
		}
	}
	/* a quotation introduced by a later cue is not this one's:
	 * "responded to the coverage, saying "..."" */
	if (!strong && qtok < c->n)
		for (size_t k = vend; k < qtok; k++)
			if (c->t[k].type == T_WORD && (c->t[k].cls & LX_VERB) && !c->t[k].cap &&
			    k > vend && c->t[k - 1].type == T_COMMA) {
				qtok = c->n;
				break;
			}
	resolve_subject(c, a, b, rel, &r);
	/* A weak cue needs a content it clearly introduces; a middling one
	 * ("urged", "accused") a source that is clearly someone. */
	if (!strong && !has_that && !has_colon && qtok >= c->n && !r.anonymous &&
	    /* "The Associated Press declared Whitfield the winner": a
	     * source the rules know, with an object */
	    !(object_cue(cue) && r.src >= 0 && ca == vend && ca < c->n &&
	      c->t[ca].type == T_WORD) &&
	    !(cue->weight >= 0.75 && (r.src >= 0 || r.person || r.speaker >= 0 ||
				      named_body(c, a, rel ? rel : b, &r) ||
				      (c->t[r.head].cls & LX_NOUN))) &&
	    /* "figures from the ONS show inflation fell", "the video shows
	     * smoke": a document speaks through any complement */
	    !(!cue->predicate && (c->t[np_head(c, a, rel ? rel : b)].cls &
				  (LX_DOC | LX_FOOTAGE | LX_PHOTO)) && ca < c->n &&
	      c->t[ca].type == T_WORD) &&
	    !(cue->predicate == 0 && bare_clause(c, ca))) {
		resolved_release(&r);
		return;
	}
	if (r.speaker < 0 && !r.name) {
		resolved_release(&r);
		return;
	}
	/* "guidance posted to its website, the agency said": where, not
	 * what */
	if (!cue->predicate && !has_that && !has_colon && ca == vend && ca + 1 < c->n &&
	    is_word(c, ca, "to") && (is_word(c, ca + 1, "its") ||
				     is_word(c, ca + 1, "their") ||
				     is_word(c, ca + 1, "his") || is_word(c, ca + 1, "her")) &&
	    !tell_like(cue->lemma ? cue->lemma : "")) {
		resolved_release(&r);
		return;
	}
	/* "Prentice conceded in a speech in Bowling Green.": a place or a
	 * time, no content */
	if (!cue->predicate && !has_that && !has_colon && qtok >= c->n && ca < c->n &&
	    c->t[ca].type == T_WORD && !c->t[ca].cap &&
	    is_preposition(low(c, ca)) &&
	    !(a > 0 && is_word(c, a - 1, "as")) && !bare_clause(c, ca) &&
	    !(ca == vend && topic_prep(c, ca) && ca + 2 < c->n) &&
	    !(is_word(c, ca, "at") && ca + 1 < c->n &&
	      (is_word(c, ca + 1, "least") || is_word(c, ca + 1, "most")))) {
		resolved_release(&r);
		return;
	}
	/* "As Newsweek reported last week, ...": the whole sentence */
	if (a > 0 && is_word(c, a - 1, "as") && !has_that) {
		ea.kind = "reported";
		ea.cs = c->ss;
		ea.ce = c->se;
	} else if (cue->predicate && !has_that && !has_colon) {
		size_t end = c->n;
		/* a relative clause ends at the next comma outside quotes */
		if (a > 0 && db == 0 && is_word(c, b + 1, "who")) {
			for (size_t k = vend; k < c->n; k++)
				if (c->t[k].type == T_COMMA && !c->t[k].inq) {
					end = k;
					break;
				}
		}
		kind = content_kind(c, vend, end, &q);
		ea.kind = !strcmp(kind, "quote") ? "partial-quote" : kind;
		ea.cs = c->t[v].s;
		/* "has denied the claims": the auxiliaries belong to it */
		{
			size_t k = v;
			while (k > b && c->t[k - 1].type == T_WORD &&
			       (c->t[k - 1].cls & LX_AUX) && !c->t[k - 1].cap)
				k--;
			if (k == b && k < v)
				ea.cs = c->t[k].s;
		}
		ea.ce = end < c->n ? c->t[end].s : c->se;
		/* a quotation that ends with the comma belongs in */
		if (end < c->n && end > 0 && c->t[end - 1].type == T_QCLOSE)
			ea.ce = c->t[end - 1].e;
		else if (end < c->n && end + 1 < c->n && c->t[end + 1].type == T_QCLOSE)
			ea.ce = c->t[end + 1].e;
		cb = end;
	} else {
		if (ca >= c->n) {
			resolved_release(&r);
			return;
		}
		kind = content_kind(c, ca, c->n, &q);
		ea.kind = kind;
		if (q)
			quote_bytes(c, q, &ea.cs, &ea.ce);
		else {
			ea.cs = c->t[ca].s;
			ea.ce = c->se;
			/* "the poll showed Prentice ahead", "confirmed two
			 * deaths": a verb with an object, not a clause -- the
			 * verb is part of what is claimed */
			if (!has_that && !has_colon && ca == vend &&
			    ((object_cue(cue) && !bare_clause(c, ca)) || topic_prep(c, ca)))
				ea.cs = c->t[v].s;
		}
	}
	{
		const char *k2 = kind_of(c, a, b, 0, 0);
		if (k2 && strcmp(ea.kind, "quote"))
			ea.kind = k2;
	}
	ea.sa = a;
	ea.sb = b;
	ea.rel = rel;
	ea.da = da;
	ea.db = db;
	if (!ea.db) {
		size_t d = descriptor_after(c, b);
		if (d > b && d < v) {
			ea.da = b + 1;
			ea.db = d;
		}
	}
	if (emit(c, &ea, &r)) {
		use(c, a, cb);
		/* "Q1," she said, "Q2.": the first part is hers too */
		if (after_comma && a >= 2 && q && qtok >= vend)
			split_quote_head(c, a, b, rel, v, vend);
	}
	resolved_release(&r);
}

/* "did not say", "never confirmed", "declined to say": no claim is
 * attributed.  Looks at the few words before the cue. */
static int negated(const struct ctx *c, size_t v)
{
	for (size_t k = v, n = 0; k > 0 && n < 4; k--, n++) {
		const struct tok *t = &c->t[k - 1];
		const char *w;

		if (t->type != T_WORD)
			return 0;
		w = low(c, k - 1);
		if (!strcmp(w, "not") || !strcmp(w, "never") || str_ends_with(w, "n't") ||
		    str_ends_with(w, "n\xE2\x80\x99t") || !strcmp(w, "refused") ||
		    !strcmp(w, "declined") || !strcmp(w, "cannot"))
			return 1;
		/* "did not immediately say" */
		if (!(t->cls & LX_AUX) && strcmp(w, "to") &&
		    !(str_ends_with(w, "ly") && strlen(w) > 4))
			return 0;
	}
	return 0;
}

/* End the claim of the last attribution of this sentence before byte at
 * (where a coordinated clause with its own cue starts). */
static void cut_last_claim(struct ctx *c, size_t at)
{
	struct attribution *a;

	if (c->out->n <= c->sent_first_attr)
		return;
	a = &c->out->v[c->out->n - 1];
	if (!strcmp(a->kind, "quote") || a->start >= at || a->end <= at)
		return;
	a->end = at;
	while (a->end > a->start && (isspace((unsigned char)c->text[a->end - 1]) ||
				     c->text[a->end - 1] == ','))
		a->end--;
}

/* Tokens before a verb at i that only modify it ("also", "has since",
 * "later"): the index of the first. */
static size_t verb_front(const struct ctx *c, size_t i)
{
	while (i > 0 && c->t[i - 1].type == T_WORD && !c->t[i - 1].cap &&
	       ((c->t[i - 1].cls & LX_AUX) ||
		(str_ends_with(low(c, i - 1), "ly") && strlen(low(c, i - 1)) > 4)) &&
	       !(c->t[i - 1].cls & (LX_NOUN | LX_ANON)) && !c->t[i - 1].inq)
		i--;
	return i;
}

/* A second verb of the subject that just spoke: "X said A and added B",
 * "X estimated A, noting B".  Emits with the last subject of the
 * sentence; returns 1 when it did. */
static int shape_coordinated(struct ctx *c, size_t v, size_t vend,
			     const struct cue_info *cue)
{
	size_t f = verb_front(c, v), conj, ca, qtok;
	int has_that, has_colon, part;
	struct resolved r;
	struct emit_args ea;
	const struct quote *q;

	if (!c->have_last || f == 0 || v < c->last_cue_end + 1)
		return 0;
	/* '"...," she said, adding that': right after the cue only a
	 * participle */
	if (v == c->last_cue_end + 1 &&
	    !(participle(c, v) && c->t[v - 1].type == T_COMMA && f == v))
		return 0;
	/* "wrote that she had examined the data and found ...": a verb of
	 * evidence continues the reported clause, not the speaker's speech */
	if (cue->lemma && (!strcmp(cue->lemma, "find") || !strcmp(cue->lemma, "show") ||
			   !strcmp(cue->lemma, "reveal") || !strcmp(cue->lemma, "indicate")))
		return 0;
	part = participle(c, v) && c->t[f - 1].type == T_COMMA;
	if (!part && !(is_word(c, f - 1, "and") || is_word(c, f - 1, "but")))
		return 0;
	conj = f - 1;
	if (c->t[conj].inq)
		return 0;
	ca = complement(c, vend, &has_that, &has_colon, &qtok, cue);
	if (ca >= c->n)
		return 0;
	/* a weak cue still needs a clause, a quotation or a colon */
	if (cue->weight < 1.0 && !has_that && !has_colon && qtok >= c->n &&
	    !cue->predicate)
		return 0;
	resolve_subject(c, c->last_sa, c->last_sb, c->last_rel, &r);
	if (!r.name) {
		resolved_release(&r);
		return 0;
	}
	/* "X said A and warned B": one speaker, one attribution whose
	 * claim runs over both clauses (as readers and the gold count it) */
	if (!part && c->out->n > c->sent_first_attr) {
		struct attribution *last = &c->out->v[c->out->n - 1];

		if (strcmp(last->kind, "quote") && last->start < c->t[conj].s &&
		    last->end >= c->t[conj].s) {
			if (last->end < c->se)
				last->end = c->se;
			while (last->end > last->start &&
			       isspace((unsigned char)c->text[last->end - 1]))
				last->end--;
			if (quote_within(c, ca, c->n) && !strcmp(last->kind, "indirect"))
				last->kind = "partial-quote";
			/* the cue names both verbs: "called / said" */
			if (last->cue && strlen(last->cue) < 64) {
				char *v2 = lower_dup_n(c->text + c->t[v].s,
						       c->t[vend - 1].e - c->t[v].s);
				struct buf cb;

				buf_init(&cb);
				buf_addf(&cb, "%s / %s", last->cue, v2);
				free(last->cue);
				last->cue = buf_detach(&cb, NULL);
				free(v2);
			}
			resolved_release(&r);
			return 1;
		}
	}
	cut_last_claim(c, c->t[conj].s);
	memset(&ea, 0, sizeof(ea));
	ea.sa = c->last_sa;
	ea.sb = c->last_sb;
	ea.rel = c->last_rel;
	ea.cue_a = v;
	ea.cue_b = vend;
	if (cue->predicate && !has_that && !has_colon) {
		ea.kind = content_kind(c, vend, c->n, &q);
		if (!strcmp(ea.kind, "quote"))
			ea.kind = "partial-quote";
		ea.cs = c->t[f].s;
		ea.ce = c->se;
	} else {
		ea.kind = content_kind(c, ca, c->n, &q);
		if (q)
			quote_bytes(c, q, &ea.cs, &ea.ce);
		else {
			ea.cs = c->t[ca].s;
			ea.ce = c->se;
		}
	}
	{
		const char *k2 = kind_of(c, ea.sa, ea.sb, 0, 0);
		if (k2 && strcmp(ea.kind, "quote"))
			ea.kind = k2;
	}
	emit(c, &ea, &r);
	resolved_release(&r);
	return 1;
}

/* A clause with a speaker of its own inside the claim of the last one:
 * "A ..., though its authors cautioned that B", "X said A, but Y said B".
 * Frees the clause's tokens so the verb at v is read afresh. */
static int free_new_clause(struct ctx *c, size_t v)
{
	size_t f = verb_front(c, v), k = f;

	if (!c->have_last || v <= c->last_cue_end + 1)
		return 0;
	while (k > 0 && f - k < 6 && c->t[k - 1].type == T_WORD && !c->t[k - 1].inq &&
	       !(c->t[k - 1].cls & LX_VERB))
		k--;
	if (k == 0 || k == f || c->t[k - 1].type != T_COMMA || c->t[k - 1].inq ||
	    k - 1 <= c->last_cue_end)
		return 0;
	{
		size_t s = k, e = f;
		np_trim_front(c, &s, e);
		if (s >= e || !np_valid(c, s, e) || is_word(c, s, "we") ||
		    is_word(c, s, "i"))
			return 0;
		/* "..., which the authors said": a relative clause is part
		 * of the claim */
		if (is_relative(low(c, k)))
			return 0;
	}
	cut_last_claim(c, c->t[k - 1].s);
	for (size_t i = k - 1; i < c->n; i++)
		c->t[i].used = 0;
	return 1;
}

/* "attacks have been attributed to" is no speech; nor is a passive "was
 * reported" with no agent, "a reported 40 people" or "the said property". */
static int no_speech_before(const struct ctx *c, size_t i)
{
	/* "is also accused of": past an adverb */
	if (i > 1 && c->t[i - 1].type == T_WORD && !c->t[i - 1].cap &&
	    (is_word(c, i - 1, "also") || is_word(c, i - 1, "not") ||
	     is_word(c, i - 1, "widely") || is_word(c, i - 1, "further") ||
	     is_word(c, i - 1, "previously") || is_word(c, i - 1, "separately")) &&
	    (is_word(c, i - 2, "is") || is_word(c, i - 2, "was") ||
	     is_word(c, i - 2, "are") || is_word(c, i - 2, "were") ||
	     is_word(c, i - 2, "been") || is_word(c, i - 2, "being")))
		return 1;
	return i > 0 && (is_word(c, i - 1, "been") || is_word(c, i - 1, "being") ||
			 is_word(c, i - 1, "be") || is_word(c, i - 1, "is") ||
			 is_word(c, i - 1, "was") || is_word(c, i - 1, "were") ||
			 is_word(c, i - 1, "are") || is_word(c, i - 1, "to") ||
			 is_word(c, i - 1, "a") || is_word(c, i - 1, "an") ||
			 is_word(c, i - 1, "the"));
}

/* Is token k an auxiliary or a modal that can open a clause with no
 * subject of its own ("could fetch", "will sell", "was planning")? */
static int clause_aux(const struct ctx *c, size_t k)
{
	static const char *const v[] = { "would", "will", "could", "can", "may",
		"might", "must", "should", "had", "has", "have", "was", "were",
		"is", "are", "remains", "remained", NULL };

	if (k >= c->n || c->t[k].type != T_WORD || c->t[k].cap)
		return 0;
	for (size_t i = 0; v[i]; i++)
		if (!strcmp(v[i], low(c, k)))
			return 1;
	return 0;
}

/*
 * A source inside a relative clause: "its desserts business, which Sky
 * News reported last month could fetch 150 million euros"; "a battery
 * that the company said will sell for $4,899".  The relative word, a
 * short subject, the cue, and a clause with no subject of its own.
 * Returns 1 when it emitted.
 */
static int shape_relative(struct ctx *c, size_t v, size_t vend)
{
	size_t rw, sa, sb = v, k, ce;
	struct resolved r;
	struct emit_args ea;

	if (v < 2)
		return 0;
	for (rw = v - 1; rw > 0 && v - rw <= 6; rw--)
		if (c->t[rw].type != T_WORD || c->t[rw].inq || is_relative(low(c, rw)))
			break;
	if (c->t[rw].type != T_WORD || c->t[rw].inq ||
	    !(is_word(c, rw, "which") || is_word(c, rw, "that")) || rw + 1 >= v)
		return 0;
	sa = rw + 1;
	np_trim_back(c, sa, &sb);
	if (sb <= sa || !np_valid(c, sa, sb) || is_word(c, sa, "we") ||
	    is_word(c, sa, "i") || is_word(c, sa, "you"))
		return 0;
	/* past time words: "reported last month could fetch" */
	for (k = vend; k < c->n && k < vend + 4 && c->t[k].type == T_WORD &&
	     (c->t[k].cls & LX_TIME) && !clause_aux(c, k); k++)
		;
	if (!clause_aux(c, k))
		return 0;
	for (ce = k; ce < c->n; ce++)
		if ((c->t[ce].type == T_COMMA || c->t[ce].type == T_SEMI) && !c->t[ce].inq) {
			/* "unusually warm, moist air": a comma between
			 * adjectives does not end the clause */
			if (c->t[ce].type == T_COMMA && ce > k && ce + 2 < c->n &&
			    c->t[ce - 1].type == T_WORD && !c->t[ce - 1].cap &&
			    c->t[ce + 1].type == T_WORD && !c->t[ce + 1].cap &&
			    c->t[ce + 2].type == T_WORD && !c->t[ce + 2].cap &&
			    !(c->t[ce + 1].cls & (LX_AUX | LX_VERB | LX_LEAD | LX_TIME)) &&
			    !is_function_word(low(c, ce + 1)) && !is_relative(low(c, ce + 1)) &&
			    !(c->t[ce - 1].cls & (LX_NOUN | LX_ANON | LX_DOC)))
				continue;
			break;
		}
	resolve(c, sa, sb, &r);
	memset(&ea, 0, sizeof(ea));
	ea.sa = sa;
	ea.sb = sb;
	ea.cue_a = v;
	ea.cue_b = vend;
	ea.kind = is_word(c, v, "reported") ? "reported" :
		  quote_within(c, k, ce) ? "partial-quote" : "indirect";
	ea.cs = c->t[k].s;
	ea.ce = ce < c->n ? c->t[ce].s : c->se;
	if (!emit(c, &ea, &r)) {
		resolved_release(&r);
		return 0;
	}
	resolved_release(&r);
	use(c, rw, ce);
	return 1;
}

/* "expected to announce that": what is yet to be said is no attribution. */
static int intends(const char *w)
{
	static const char *const v[] = { "expected", "set", "due", "likely",
		"unlikely", "scheduled", "going", "able", "unable", "planning",
		"plan", "plans", "planned", "poised", "about", "ready", "prepared",
		"want", "wants", "wanted", "hope", "hopes", "hoped", "intend",
		"intends", "intended", "need", "needs", "seek", "seeks", "sought",
		"try", "tries", "tried", "trying", "refuse", "refuses", "refused",
		"declined", "decline", "declines", "failed", "fail", "aims", "aim",
		"asked", "told", "forced", "urged", "allowed", "ordered", NULL };

	return in_list(v, w);
}

/* "Customers took to social media to complain that B": the sentence's
 * subject, a cue after "to", and a "that" clause (or a quotation). */
static void shape_infinitive(struct ctx *c, size_t v, size_t vend,
			     const struct cue_info *cue)
{
	size_t a = 0, b, ca, qtok;
	int has_that, has_colon;
	struct resolved r;
	struct emit_args ea;
	const struct quote *q;

	while (a + 1 < c->n && c->t[a].type == T_WORD && (c->t[a].cls & LX_LEAD) &&
	       c->t[a + 1].type == T_WORD)
		a++;
	b = np_longest(c, a);
	if (b <= a || b >= v || c->t[a].used || is_word(c, a, "we") || is_word(c, a, "i"))
		return;
	ca = complement(c, vend, &has_that, &has_colon, &qtok, cue);
	if (!has_that && !has_colon)
		return;
	if (ca >= c->n)
		return;
	resolve(c, a, b, &r);
	memset(&ea, 0, sizeof(ea));
	ea.sa = a;
	ea.sb = b;
	ea.cue_a = v;
	ea.cue_b = vend;
	ea.kind = content_kind(c, ca, c->n, &q);
	if (q)
		quote_bytes(c, q, &ea.cs, &ea.ce);
	else {
		ea.cs = c->t[ca].s;
		ea.ce = c->se;
	}
	if (emit(c, &ea, &r))
		use(c, a, c->n);
	resolved_release(&r);
}

static void shape_verbs(struct ctx *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct lex *e;
		int w;

		if (c->t[i].inq || c->t[i].type != T_WORD)
			continue;
		if ((c->t[i].cls & LX_VERB) && !c->t[i].cap && !no_speech_before(c, i) &&
		    (w = match_form(c, i, LX_VERB, &e)) && !negated(c, i) &&
		    shape_relative(c, i, i + (size_t)w)) {
			i += (size_t)w - 1;
			continue;
		}
		if (c->t[i].used) {
			if (!(c->t[i].cls & LX_VERB) || c->t[i].cap || no_speech_before(c, i))
				continue;
			w = match_form(c, i, LX_VERB, &e);
			if (!w || negated(c, i))
				continue;
			if (shape_coordinated(c, i, i + (size_t)w, &e->verb)) {
				i += (size_t)w - 1;
				continue;
			}
			if (!free_new_clause(c, i))
				continue;
		}
		w = match_form(c, i, LX_VERB, &e);
		if (!w)
			continue;
		/* "a city staff report estimated": a noun in a compound, not
		 * the verb */
		if ((c->t[i].cls & (LX_DOC | LX_NOUN)) && i > 0 && c->t[i - 1].type == T_WORD &&
		    !c->t[i - 1].cap && !is_function_word(low(c, i - 1)) &&
		    !is_determiner(low(c, i - 1)) &&
		    !(c->t[i - 1].cls & (LX_AUX | LX_ANON | LX_NOUN | LX_LEAD |
					 LX_PRON_PERSON | LX_PRON_ANY | LX_PRON_GROUP)))
			continue;
		/* "took to social media to complain that ...": the subject
		 * of the sentence speaks through an infinitive of purpose */
		if (i > 1 && is_word(c, i - 1, "to") && c->t[i - 2].type == T_WORD &&
		    !c->t[i - 2].inq && !(c->t[i - 2].cls & LX_AUX) &&
		    !intends(low(c, i - 2)) &&
		    !no_speech_before(c, i - 1) && !negated(c, i)) {
			shape_infinitive(c, i, i + (size_t)w, &e->verb);
			i += (size_t)w - 1;
			continue;
		}
		if (no_speech_before(c, i))
			continue;
		/* "a soldier identified only by his call sign": a passive
		 * participle modifies a noun; nobody speaks */
		if (str_ends_with(low(c, i), "ed") && w == 1) {
			size_t k = i + 1;
			while (k < c->n && c->t[k].type == T_WORD &&
			       (is_word(c, k, "only") || is_word(c, k, "simply") ||
				(str_ends_with(low(c, k), "ly") && strlen(low(c, k)) > 4)))
				k++;
			if (k < c->n && is_word(c, k, "by") &&
			    i > 0 && c->t[i - 1].type == T_WORD && !(c->t[i - 1].cls & LX_AUX))
				continue;
			/* "another person briefed on the matter" */
			if (k < c->n && anon_word(low(c, i)) &&
			    (is_word(c, k, "on") || is_word(c, k, "in") ||
			     is_word(c, k, "about")) &&
			    i > 0 && c->t[i - 1].type == T_WORD && (c->t[i - 1].cls & LX_ANON) &&
			    !c->t[i - 1].cap)
				continue;
		}
		/* "A 2023 study published in the journal X found": the
		 * participle tells where the document appeared */
		if (str_ends_with(low(c, i), "ed") && w == 1 && i > 0 &&
		    c->t[i - 1].type == T_WORD && !c->t[i - 1].cap &&
		    (c->t[i - 1].cls & LX_DOC) && i + 1 < c->n &&
		    (is_word(c, i + 1, "in") || is_word(c, i + 1, "on")))
			continue;
		/* "England's chalk streams, a globally rare habitat found
		 * almost nowhere else, are ...": a participle in an
		 * appositive modifies its noun */
		if (w == 1 && i > 2 && (participial(c, i) || is_word(c, i, "found")) &&
		    c->t[i - 1].type == T_WORD && !c->t[i - 1].cap &&
		    !is_word(c, i + 1, "that") && !(c->t[i - 1].cls & LX_PRON_ANY)) {
			size_t k = i - 1;

			while (k > 0 && i - k < 6 && c->t[k - 1].type == T_WORD && !c->t[k - 1].cap)
				k--;
			if (k > 0 && c->t[k - 1].type == T_COMMA &&
			    (is_word(c, k, "a") || is_word(c, k, "an")) && k + 1 < i) {
				/* the appositive closes with a comma; a cue would
				 * open its content first */
				int closes = 0;

				for (size_t j = i + 1; j < c->n && j < i + 16; j++) {
					if (c->t[j].type == T_QOPEN || c->t[j].type == T_COLON ||
					    is_word(c, j, "that"))
						break;
					if (c->t[j].type == T_COMMA) {
						closes = 1;
						break;
					}
				}
				if (closes)
					continue;
			}
		}
		/* "who asked not to be named": a condition, no claim */
		if (is_word(c, i + (size_t)w, "not") && is_word(c, i + (size_t)w + 1, "to") &&
		    is_word(c, i + (size_t)w + 2, "be"))
			continue;
		/* "said to be", "reported to have": hearsay with no source */
		if (is_word(c, i + (size_t)w, "to") &&
		    (is_word(c, i + (size_t)w + 1, "be") || is_word(c, i + (size_t)w + 1, "have")))
			continue;
		if (negated(c, i) && !(e->verb.id && !strcmp(e->verb.id, "decline")))
			continue;
		shape_verb(c, i, i + (size_t)w, &e->verb);
	}
}

/* A frame at the start: "In a statement sent to Newsweek, X ..." */
static int shape_frame(struct ctx *c)
{
	const struct attr_kb *kb = c->kb;
	size_t len = c->se - c->ss;

	for (size_t k = 0; k < kb->nframes; k++) {
		PCRE2_SIZE *ov;
		size_t fe, i, a, b, da, db;
		struct resolved r;
		struct emit_args ea;
		const struct quote *q;
		char *cue;

		if (pcre2_match(kb->frames[k], (PCRE2_SPTR)(c->text + c->ss), len, 0,
				PCRE2_NO_UTF_CHECK, kb->md, NULL) < 0)
			continue;
		ov = pcre2_get_ovector_pointer(kb->md);
		if (ov[0] != 0)
			continue;
		fe = c->ss + ov[1];
		for (i = 0; i < c->n && c->t[i].s < fe; i++)
			;
		if (!subject_lead(c, i, &a, &b, &da, &db))
			continue;
		resolve(c, a, b, &r);
		if (!r.name) {
			resolved_release(&r);
			continue;
		}
		memset(&ea, 0, sizeof(ea));
		ea.sa = a;
		ea.sb = b;
		ea.da = da;
		ea.db = db;
		{
			size_t e = ov[1];
			while (e > 0 && (c->text[c->ss + e - 1] == ',' ||
					 isspace((unsigned char)c->text[c->ss + e - 1])))
				e--;
			cue = text_dup(c, c->ss, c->ss + e);
			for (char *p = cue; *p; p++)
				*p = (char)tolower((unsigned char)*p);
		}
		ea.cue_text = cue;
		{
			size_t pa = db > b ? db : b;
			ea.kind = content_kind(c, pa, c->n, &q);
			if (!strcmp(ea.kind, "partial-quote")) {
				/* "laid out ...: "..."" is a quote */
				for (size_t t = pa; t < c->n; t++)
					if (c->t[t].type == T_COLON && t + 1 < c->n &&
					    c->t[t + 1].type == T_QOPEN)
						ea.kind = "quote";
			}
			ea.cs = pa < c->n ? c->t[pa].s : c->se;
			ea.ce = c->se;
		}
		if (emit(c, &ea, &r))
			use(c, 0, c->n);
		free(cue);
		resolved_release(&r);
		return 1;
	}
	return 0;
}

/* The slot after the last attribution, filled as a continued quote of
 * attribution prev_i (same source, cue marked "continued quote"); the
 * caller sets the claim and counts it in. */
static struct attribution *continuation_of(struct ctx *c, size_t prev_i)
{
	struct attribution *prev, *a;

	ARRAY_GROW(c->out->v, c->out->cap, c->out->n + 1);
	prev = &c->out->v[prev_i];
	a = &c->out->v[c->out->n];
	memset(a, 0, sizeof(*a));
	a->source = xstrdup(prev->source);
	a->source_id = dup_or_null(prev->source_id);
	a->surface = xstrdup(prev->surface);
	a->cue = str_ends_with(prev->cue, "(continued quote)") ? xstrdup(prev->cue) :
		 xasprintf("%s (continued quote)", prev->cue);
	a->kind = "quote";
	a->src_start = prev->src_start;
	a->src_end = prev->src_end;
	a->anonymous = prev->anonymous;
	a->descriptor = dup_or_null(prev->descriptor);
	a->source_type = dup_or_null(prev->source_type);
	a->affiliation = dup_or_null(prev->affiliation);
	a->org = dup_or_null(prev->org);
	return a;
}

/* Append a continued quote of attribution prev_i: the same source, the
 * claim text[s, e).  Returns 1 when it did. */
static int continue_quote(struct ctx *c, long prev_i, size_t s, size_t e)
{
	struct attribution *a;

	if (c->out->n >= ATTR_MAX_RESULTS || prev_i < 0 || (size_t)prev_i >= c->out->n)
		return 0;
	trim_claim(c, &s, &e);
	if (e <= s)
		return 0;
	a = continuation_of(c, (size_t)prev_i);
	a->start = s;
	a->end = e;
	c->out->n++;
	return 1;
}

/* A sentence inside a quotation that an earlier sentence opened and left
 * open ('... said: "A. B. C."'): up to its closing mark it is the same
 * speaker's.  A new paragraph goes on only when it opens with a mark
 * (shape_continued). */
static void shape_open_quote(struct ctx *c)
{
	size_t k;

	if (c->cont_attr < 0 || c->cont_sentence + 1 != c->sent_index || !c->n)
		return;
	if (c->para != c->cont_para || c->t[0].type == T_QOPEN) {
		c->cont_attr = -1;
		return;
	}
	for (k = 0; k < c->n; k++)
		if (c->t[k].type == T_QOPEN || c->t[k].type == T_QCLOSE)
			break;
	if (k == 0)
		return;
	for (size_t i = 0; i < k; i++)
		c->t[i].inq = 1;
	if (!continue_quote(c, c->cont_attr, c->t[0].s, k < c->n ? c->t[k].s : c->se)) {
		c->cont_attr = -1;
		return;
	}
	c->last_quote_attr = (long)c->out->n - 1;
	c->last_quote_sentence = c->sent_index;
	if (k < c->n) {
		/* closed here: what follows is read as usual */
		c->cont_attr = -1;
		if (c->t[k].type == T_QOPEN) {
			/* a straight mark read as opening: it closes */
			c->t[k].type = T_QCLOSE;
		}
		return;
	}
	c->cont_attr = (long)c->out->n - 1;
	c->cont_sentence = c->sent_index;
	c->cont_para = c->para;
}

/* A sentence that is all quotation, right after a quote by a speaker:
 * the same speaker goes on. */
static void shape_continued(struct ctx *c, size_t before)
{
	const struct quote *q;
	struct attribution *a;

	if (c->out->n != before || c->last_quote_attr < 0 ||
	    c->last_quote_sentence + 1 != c->sent_index || !c->n)
		return;
	q = quote_opening(c, 0);
	if (!q || !(q->close >= c->n - 1 ||
		    (q->close + 1 < c->n && c->t[q->close + 1].type == T_END &&
		     q->close + 2 >= c->n) ||
		    (q->close >= c->n - 2 && c->t[c->n - 1].type == T_END)))
		return;
	if (c->out->n >= ATTR_MAX_RESULTS)
		return;
	a = continuation_of(c, (size_t)c->last_quote_attr);
	quote_bytes(c, q, &a->start, &a->end);
	{
		size_t s = a->start, e = a->end;
		trim_claim(c, &s, &e);
		a->start = s;
		a->end = e;
	}
	if (a->end <= a->start) {
		attribution_release(a);
		return;
	}
	c->out->n++;
}

/* A sentence that attributes nothing may still be about a person ("Gaines
 * was not convinced."; "Harlan, who ..., declined to say ..."): its
 * subject becomes the latest person a later "she" or "he" points to.  A
 * person named in full is remembered; a surname refreshes the speaker. */
static void mention(struct ctx *c, int spoke)
{
	size_t a = 0, b;
	struct resolved r;

	/* the phrase that opens it: the verb after it may be any ("Elena
	 * Vasquez led the study", "Sudan's health ministry put the toll
	 * higher") */
	while (a + 1 < c->n && c->t[a].type == T_WORD && (c->t[a].cls & LX_LEAD) &&
	       c->t[a + 1].type == T_WORD)
		a++;
	/* "Asked whether ..., Reilly paused.": past an opening participle
	 * clause */
	if (a == 0 && c->n > 4 && c->t[0].type == T_WORD &&
	    (str_ends_with(low(c, 0), "ed") || str_ends_with(low(c, 0), "ing")) &&
	    !(c->t[0].cls & (LX_NOUN | LX_ANON | LX_DOC)) && named_find(c, low(c, 0)) == NULL)
		for (size_t k = 1; k + 1 < c->n && k < 25; k++) {
			if (c->t[k].type == T_COMMA && !c->t[k].inq) {
				a = k + 1;
				break;
			}
			if (c->t[k].type != T_WORD)
				break;
		}
	b = np_longest(c, a);
	/* "Reilly paused.": the verb is not part of the name */
	if (b > a + 1 && b < c->n && c->t[b].type == T_END && !c->t[b - 1].cap &&
	    str_ends_with(low(c, b - 1), "ed"))
		b--;
	if (b == a || is_pronoun_cls(c->t[a].cls) || b >= c->n ||
	    !(c->t[b].type == T_WORD || c->t[b].type == T_COMMA))
		return;
	/* a sentence that attributed something keeps its speaker the
	 * latest, unless its subject is a body that did not speak ("Sudan's
	 * health ministry put the toll higher, in a statement carried by
	 * SUNA") */
	if (spoke && c->t[a].used)
		return;
	resolve(c, a, b, &r);
	if (r.speaker >= 0 || (r.person && r.name && strchr(r.name, ' ')) ||
	    (!r.anonymous && !r.person && named_body(c, a, b, &r)) ||
	    /* "The researchers, led by ..., analyzed ...  They found":
	     * a group named by a plural noun is who "they" means */
	    (spoke == 0 && !r.person && r.name && r.speaker < 0 && r.src < 0 &&
	     is_word(c, a, "the") && r.head > a && r.head < b &&
	     !c->t[r.head].cap && (c->t[r.head].cls & (LX_NOUN | LX_ANON)) &&
	     str_ends_with(low(c, r.head), "s") && !str_ends_with(low(c, r.head), "'s"))) {
		struct attribution tmp;

		memset(&tmp, 0, sizeof(tmp));
		tmp.source = r.name;
		if (r.person)
			tmp.source_type = (char *)"person";
		else if (r.src >= 0) {
			tmp.source_id = (char *)c->kb->srcs[r.src].id;
			tmp.source_type = (char *)c->kb->srcs[r.src].type;
		}
		remember(c, &tmp, &r, a, b);
	}
	resolved_release(&r);
}

/* "Bramwell Group's shares fell ... after the retailer cut ...": a body
 * named as the owner at the start of a sentence is what "the retailer"
 * or "the group" in it and after it points back to.  Only a name with a
 * body's word in it ("Group", "Bank", "Motors"), not "Lebanon's". */
static void mention_owner(struct ctx *c)
{
	size_t a = 0, k, body = 0;
	struct resolved r;
	struct attribution tmp;
	char *name;
	size_t nl;

	while (a + 1 < c->n && c->t[a].type == T_WORD && (c->t[a].cls & LX_LEAD) &&
	       !c->t[a].cap)
		a++;
	for (k = a; k < c->n && k < a + 5 && c->t[k].type == T_WORD && c->t[k].cap; k++) {
		const char *w = low(c, k);

		if (c->t[k].cls & (LX_NOUN | LX_DOC))
			body = 1;
		if (str_ends_with(w, "'s") || str_ends_with(w, "\xE2\x80\x99s")) {
			/* "Group's": the word without its 's */
			char *bare = xstrdup(w);
			size_t bl = strlen(bare);

			bare[bl - (w[bl - 2] == '\'' ? 2 : 4)] = '\0';
			if (lex_cls(c->kb, bare) & (LX_NOUN | LX_DOC))
				body = 1;
			free(bare);
			break;
		}
	}
	if (k >= c->n || k + 1 >= c->n || c->t[k].type != T_WORD || !c->t[k].cap ||
	    !(str_ends_with(low(c, k), "'s") || str_ends_with(low(c, k), "\xE2\x80\x99s")) ||
	    c->t[k + 1].type != T_WORD || c->t[k + 1].cap || !body ||
	    (c->t[a].cls & LX_TITLE))
		return;
	name = toks_dup(c, a, k + 1);
	nl = strlen(name);
	if (nl > 4 && !strcmp(name + nl - 4, "\xE2\x80\x99s"))
		name[nl - 4] = '\0';
	else if (nl > 2)
		name[nl - 2] = '\0';
	memset(&r, 0, sizeof(r));
	r.src = r.person_src = r.org_src = r.speaker = -1;
	{
		/* a name the rules know resolves to its rule */
		size_t ma, mb;
		long al = find_alias(c, a, k + 1, 0, &ma, &mb);

		if (al >= 0 && ma == a) {
			resolve(c, a, mb, &r);
			free(name);
			name = NULL;
		}
	}
	if (name) {
		r.name = name;
		r.head = k;
	}
	if (!r.person && r.name) {
		memset(&tmp, 0, sizeof(tmp));
		tmp.source = r.name;
		if (r.src >= 0) {
			tmp.source_id = (char *)c->kb->srcs[r.src].id;
			tmp.source_type = (char *)c->kb->srcs[r.src].type;
		}
		remember(c, &tmp, &r, a, k + 1);
	}
	resolved_release(&r);
}

static void read_sentence(struct ctx *c, size_t ss, size_t se)
{
	size_t before = c->out->n;

	c->ss = ss;
	c->se = se;
	tokenize(c, ss, se);
	if (!c->n)
		return;
	mark_quotes(c);
	note_names(c);
	mention_owner(c);
	c->have_last = 0;
	c->sent_first_attr = before;
	shape_open_quote(c);
	before = c->out->n;
	if (!shape_frame(c)) {
		shape_according(c);
		shape_passive(c);
		shape_verbs(c);
	}
	shape_continued(c, before);
	mention(c, c->out->n != before);
	for (size_t i = before; i < c->out->n; i++)
		if (!strcmp(c->out->v[i].kind, "quote") ||
		    !strcmp(c->out->v[i].kind, "partial-quote")) {
			c->last_quote_attr = (long)i;
			c->last_quote_sentence = c->sent_index;
		}
	/* a quotation left open at the end goes on in the next sentence */
	if (c->unclosed >= 0 && c->out->n > before) {
		size_t qs = c->t[c->unclosed].e;

		for (size_t i = c->out->n; i-- > before;) {
			const struct attribution *a = &c->out->v[i];

			if (a->end + 3 >= c->se && a->start <= qs + 3 && a->end > qs) {
				c->cont_attr = (long)i;
				c->cont_sentence = c->sent_index;
				c->cont_para = c->para;
				break;
			}
		}
	}
}

/* ------------------------------------------------------------------ */
/* Photo credits                                                       */
/* ------------------------------------------------------------------ */

/* The source a credit regex matched at text[ts..] names: its agency=
 * group, else its name= group, resolved through the aliases.  Returns 1
 * with *source (and *src, or -1) set. */
static int credit_source(struct ctx *c, const pcre2_code *re, int rc,
			 size_t ts, char **source, long *src)
{
	const struct attr_kb *kb = c->kb;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(kb->md);
	const char *nm[] = { "agency", "name" };

	*source = NULL;
	*src = -1;
	for (size_t g = 0; g < 2 && !*source; g++) {
		int n = pcre2_substring_number_from_name(re, (PCRE2_SPTR)nm[g]);
		size_t gs, ge;
		struct alias *al;
		char *v, *lv;

		if (n <= 0 || n >= rc || ov[2 * n] == PCRE2_UNSET)
			continue;
		gs = ts + ov[2 * n];
		ge = ts + ov[2 * n + 1];
		v = text_dup(c, gs, ge);
		if (!*v) {
			free(v);
			continue;
		}
		lv = lower_dup(v);
		HASH_FIND_STR(kb->aliases, lv, al);
		free(lv);
		if (al) {
			*src = (long)al->src;
			free(v);
			*source = xstrdup(kb->srcs[al->src].name);
		} else {
			*source = v;
		}
	}
	return *source != NULL;
}

/* A credit line that opens text[s..e) and names the picture below it
 * ("Image source, Getty Images" above "Image caption, ..."); returns the
 * end of that line, or s when there is none. */
static size_t find_credit_before(struct ctx *c, size_t s, size_t e,
				 char **source, long *src, char **surface)
{
	const struct attr_kb *kb = c->kb;
	size_t le = e;
	uint32_t opts = PCRE2_NO_UTF_CHECK;

	/* the label and the caption may share a line once extraction has
	 * joined the lines of a paragraph */
	if (le - s > 300) {
		le = s + 300;
		while (le > s && ((unsigned char)c->text[le] & 0xC0) == 0x80)
			le--;
		opts |= PCRE2_NOTEOL;
	}
	for (size_t k = 0; k < kb->ncredits_before; k++) {
		int rc = pcre2_match(kb->credits_before[k], (PCRE2_SPTR)(c->text + s),
				     le - s, 0, opts, kb->md, NULL);
		PCRE2_SIZE *ov;
		size_t me;

		if (rc < 0)
			continue;
		ov = pcre2_get_ovector_pointer(kb->md);
		if (ov[0] != 0)
			continue;
		me = s + ov[1];
		if (!credit_source(c, kb->credits_before[k], rc, s, source, src))
			continue;
		*surface = text_dup(c, s, me);
		return me;
	}
	return s;
}

/* The credit at the end of text[s..e) (the last line, at most 300 bytes),
 * as a source; returns the credit's start, or e when there is none. */
static size_t find_credit(struct ctx *c, size_t s, size_t e, char **source,
			  long *src, char **surface)
{
	const struct attr_kb *kb = c->kb;
	size_t ls = e, ts;
	uint32_t opts = PCRE2_NO_UTF_CHECK;

	while (ls > s && c->text[ls - 1] != '\n')
		ls--;
	ts = ls;
	if (e - ts > 300) {
		ts = e - 300;
		while (ts < e && ((unsigned char)c->text[ts] & 0xC0) == 0x80)
			ts++;
		opts |= PCRE2_NOTBOL;
	}
	for (size_t k = 0; k < kb->ncredits; k++) {
		PCRE2_SIZE *ov;
		int rc = pcre2_match(kb->credits[k], (PCRE2_SPTR)(c->text + ts), e - ts,
				     0, opts, kb->md, NULL);

		if (rc < 0)
			continue;
		ov = pcre2_get_ovector_pointer(kb->md);
		if (!credit_source(c, kb->credits[k], rc, ts, source, src))
			continue;
		*surface = text_dup(c, ts + ov[0], ts + ov[1]);
		return ts + ov[0];
	}
	return e;
}

/* Record the credit in [cs, ce) for the caption in [caps, cape). */
static void emit_credit(struct ctx *c, size_t cs, size_t ce, size_t caps,
			size_t cape, char *source, long src, char *surface)
{
	struct attribution *a;
	const struct src *sr = src_of(c, src);

	while (caps < cape && isspace((unsigned char)c->text[caps]))
		caps++;
	while (cape > caps && isspace((unsigned char)c->text[cape - 1]))
		cape--;
	if (cape <= caps || c->out->n >= ATTR_MAX_RESULTS) {
		free(source);
		free(surface);
		return;
	}
	ARRAY_GROW(c->out->v, c->out->cap, c->out->n + 1);
	a = &c->out->v[c->out->n++];
	memset(a, 0, sizeof(*a));
	a->source = source;
	a->source_id = sr ? xstrdup(sr->id) : NULL;
	a->source_type = sr && sr->type ? xstrdup(sr->type) : NULL;
	a->affiliation = sr ? dup_or_null(sr->affiliation) : NULL;
	a->surface = surface;
	a->cue = xstrdup("photo credit");
	a->kind = "photo";
	a->start = caps;
	a->end = cape;
	a->src_start = cs;
	a->src_end = ce;
}

/* ------------------------------------------------------------------ */
/* The document                                                        */
/* ------------------------------------------------------------------ */

/*
 * The outlet the article is by, from its byline ("By Nora Lindahl" over
 * "The Ledger") or its dateline ("LONDON (Reuters) -"): lower case, with
 * no article, or NULL.  Documents "reviewed by" or "obtained by" it are
 * the newsroom's own reporting, not a source.
 */
static char *own_outlet(const char *text, size_t len)
{
	size_t p = 0, lines = 0, lim = len < 1500 ? len : 1500;

	while (p < lim && lines < 10) {
		size_t e = p, q;

		while (e < lim && text[e] != '\n')
			e++;
		lines++;
		/* a dateline: CAPITALS (Outlet) */
		{
			const char *o = memchr(text + p, '(', e - p);
			if (o && o - (text + p) < 60 && o > text + p &&
			    isupper((unsigned char)text[p])) {
				const char *cl = memchr(o, ')', (size_t)(text + e - o));
				int caps_before = 1;
				for (const char *x = text + p; x < o; x++)
					if (islower((unsigned char)*x))
						caps_before = 0;
				if (cl && cl - o > 1 && cl - o < 40 && caps_before)
					return lower_dup_n(o + 1, (size_t)(cl - o - 1));
			}
		}
		if (e - p > 3 && e - p < 60 && !strncmp(text + p, "By ", 3) &&
		    isupper((unsigned char)text[p + 3])) {
			/* "By Nora Lindahl The Ledger": one line once extraction
			 * joined the byline's lines; the outlet follows a name of
			 * two words */
			const char *t2 = memmem(text + p + 3, e - p - 3, " The ", 5);
			if (t2 && t2 + 5 < text + e) {
				size_t nw = 0;
				for (const char *x = text + p + 3; x < t2; x++)
					nw += *x == ' ';
				if (nw == 1 || nw == 2)
					return lower_dup_n(t2 + 5, (size_t)(text + e - t2 - 5));
			}
			/* the line under the byline, when it is a short name */
			q = e + 1;
			while (q < lim && text[q] == ' ')
				q++;
			if (q < lim && isupper((unsigned char)text[q])) {
				size_t qe = q, words = 1;
				int ok = 1;
				while (qe < lim && text[qe] != '\n') {
					if (text[qe] == ' ')
						words++;
					if (text[qe] == '.' || text[qe] == ',')
						ok = 0;
					qe++;
				}
				if (ok && words <= 5 && qe - q < 40) {
					if (!strncmp(text + q, "The ", 4))
						q += 4;
					return lower_dup_n(text + q, qe - q);
				}
			}
			return NULL;
		}
		p = e + 1;
	}
	return NULL;
}

/* Is acronym a[0..n) drawn from the name s[0..m): its first letter the
 * name's, the others in order in it ("SUNA" from "Sudan News Agency")? */
static int acronym_of(const char *a, size_t n, const char *s, size_t m)
{
	size_t j = 0;

	if (!n || !m || tolower((unsigned char)a[0]) != tolower((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < n; i++) {
		while (j < m && tolower((unsigned char)s[j]) != tolower((unsigned char)a[i]))
			j++;
		if (j == m)
			return 0;
		j++;
	}
	return 1;
}

/* Collect the "Capital Name (ACR)" definitions of the text (at most 64). */
static void find_acronyms(struct ctx *c)
{
	const char *x = c->text;

	for (size_t p = 1; p + 3 < c->len && c->nacr < 64; p++) {
		size_t q = p + 1, ns, ne;

		if (x[p] != '(' || x[p - 1] != ' ')
			continue;
		while (q < c->len && q - p <= 9 && (isupper((unsigned char)x[q]) || x[q] == '&'))
			q++;
		if (q >= c->len || x[q] != ')' || q - p < 3)
			continue;
		/* the capital words before the bracket, with of/for/and/& */
		ne = p - 1;
		ns = ne;
		for (int words = 0; words < 12; words++) {
			size_t ws = ns;
			while (ws > 0 && x[ws - 1] != ' ' && x[ws - 1] != '\n' && ns - ws < 40)
				ws--;
			if (ws == ns)
				break;
			if (isupper((unsigned char)x[ws]) ||
			    (ns - ws <= 3 && (!strncmp(x + ws, "of", 2) || !strncmp(x + ws, "for", 3) ||
					      !strncmp(x + ws, "and", 3) || x[ws] == '&'))) {
				if (!isupper((unsigned char)x[ws]) && ws == 0)
					break;
				ns = ws;
				if (ns == 0 || x[ns - 1] == '\n')
					break;
				ns--;   /* the space */
				continue;
			}
			break;
		}
		while (ns < ne && (x[ns] == ' ' || !isupper((unsigned char)x[ns])))
			ns++;
		/* "The" opening a sentence is no part of the name */
		if (ne - ns > 4 && !strncmp(x + ns, "The ", 4))
			ns += 4;
		if (ne <= ns || !acronym_of(x + p + 1, q - p - 1, x + ns, ne - ns))
			continue;
		ARRAY_GROW(c->acr, c->acrcap, c->nacr + 1);
		c->acr[c->nacr].acr = xstrndup(x + p + 1, q - p - 1);
		c->acr[c->nacr].full = xstrndup(x + ns, ne - ns);
		c->nacr++;
	}
}

static int cmp_attr(const void *x, const void *y)
{
	const struct attribution *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

enum pt_result attribute_text_kb(const struct attr_kb *kb, const char *text,
				 size_t len, const struct block *blocks,
				 size_t nblocks, struct attribution_list *out)
{
	struct ctx c;
	struct sentence_list sl;
	size_t first = out->n;
	size_t *cut;            /* per paragraph: where its credit starts */

	memset(&c, 0, sizeof(c));
	c.kb = kb;
	c.text = text;
	c.len = len;
	c.out = out;
	c.last_quote_attr = -1;
	c.cont_attr = -1;
	c.own = own_outlet(text, len);
	find_acronyms(&c);
	buf_init(&c.lows);
	buf_init(&c.scratch);
	sentence_list_init(&sl);
	sentence_split(text, len, blocks, nblocks, &sl);
	cut = xcalloc(sl.npara + 1, sizeof(*cut));
	for (size_t p = 0; p <= sl.npara; p++)
		cut[p] = (size_t)-1;

	/* Credits: a credit block, or the end of a paragraph. */
	{
		size_t prev_s = 0, prev_e = 0;
		int have_prev = 0;

		for (size_t i = 0; i < sl.n; ) {
			size_t p = sl.v[i].para, j = i, ps = sl.v[i].start, pe;
			char *source = NULL, *surface = NULL;
			long src = -1;
			size_t cs;

			while (j < sl.n && sl.v[j].para == p)
				j++;
			pe = sl.v[j - 1].end;
			{
				size_t le = find_credit_before(&c, ps, pe, &source, &src,
							       &surface);
				if (le > ps) {
					/* the caption is the rest of the paragraph,
					 * without its "Image caption," label */
					size_t caps = le, cape = pe;
					while (caps < pe && isspace((unsigned char)text[caps]))
						caps++;
					{
						const char *lab = memchr(text + caps, ',',
									 pe - caps > 24 ? 24 : pe - caps);
						if (lab && pe - caps > 8 &&
						    !strncasecmp(text + caps, "image caption", 13))
							caps = (size_t)(lab - text) + 1;
						else if (lab && !strncasecmp(text + caps, "caption", 7))
							caps = (size_t)(lab - text) + 1;
					}
					if (caps >= cape && j < sl.n) {
						/* a credit line alone: the picture's
						 * caption is the next paragraph, which
						 * is still read as text */
						size_t m = j;
						while (m + 1 < sl.n && sl.v[m + 1].para == sl.v[j].para)
							m++;
						caps = sl.v[j].start;
						cape = sl.v[m].end;
					}
					emit_credit(&c, ps, le, caps, cape, source, src, surface);
					cut[p] = ps;
					prev_s = ps;
					prev_e = pe;
					have_prev = 1;
					i = j;
					continue;
				}
			}
			cs = find_credit(&c, ps, pe, &source, &src, &surface);
			if (cs >= pe && (sl.v[i].flags & SENT_CREDIT) && pe - ps < 200) {
				/* a credit block in a form no pattern knows */
				source = text_dup(&c, ps, pe);
				surface = xstrdup(source);
				cs = ps;
			}
			if (cs < pe) {
				size_t caps = cs, cape = cs;

				/* the caption: the credit's line, or the line
				 * before it, or the paragraph before it */
				while (caps > ps && text[caps - 1] != '\n')
					caps--;
				if (cape - caps < 2) {
					size_t k = caps;
					while (k > ps && isspace((unsigned char)text[k - 1]))
						k--;
					cape = k;
					while (k > ps && text[k - 1] != '\n')
						k--;
					caps = k;
					if (cape <= caps && have_prev) {
						caps = prev_s;
						cape = prev_e;
					}
				}
				emit_credit(&c, cs, pe, caps, cape, source, src, surface);
				cut[p] = cs;
			}
			prev_s = ps;
			prev_e = pe;
			have_prev = 1;
			i = j;
		}
	}

	for (size_t i = 0; i < sl.n; i++) {
		size_t s = sl.v[i].start, e = sl.v[i].end;

		if (cut[sl.v[i].para] != (size_t)-1) {
			if (s >= cut[sl.v[i].para])
				continue;
			if (e > cut[sl.v[i].para])
				e = cut[sl.v[i].para];
		}
		c.sent_index = i;
		c.para = sl.v[i].para;
		read_sentence(&c, s, e);
	}

	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof(*out->v), cmp_attr);
	for (size_t k = 0; k < c.nsp; k++)
		speaker_release(&c.sp[k]);
	free(c.sp);
	free(c.own);
	for (size_t k = 0; k < c.nacr; k++) {
		free(c.acr[k].acr);
		free(c.acr[k].full);
	}
	free(c.acr);
	for (size_t k = 0; k < c.nnames; k++) {
		free(c.names[k].surname);
		free(c.names[k].name);
	}
	free(c.names);
	free(c.t);
	free(c.q);
	free(cut);
	buf_release(&c.lows);
	buf_release(&c.scratch);
	sentence_list_release(&sl);
	return PT_OK;
}

enum pt_result attribute_text(const struct rules *r, const char *text,
			      size_t len, const struct block *blocks,
			      size_t nblocks, struct attribution_list *out,
			      struct buf *err)
{
	struct attr_kb *kb;
	enum pt_result res = attr_kb_new(r, &kb, err);

	if (res != PT_OK)
		return res;
	res = attribute_text_kb(kb, text, len, blocks, nblocks, out);
	attr_kb_free(kb);
	return res;
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

/* A JSON string of s[0..n); bytes that are not UTF-8 (a text file in
 * another charset) become U+FFFD rather than failing the whole output. */
static json_t *json_text(const char *s, size_t n)
{
	json_t *j = json_stringn(s, n);
	struct buf b = BUF_INIT;

	if (j)
		return j;
	for (size_t i = 0; i < n; ) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0 || cp == 0) {
			buf_adds(&b, "\xEF\xBF\xBD");
			i++;
		} else {
			buf_add(&b, s + i, (size_t)k);
			i += (size_t)k;
		}
	}
	j = json_stringn(b.s, b.len);
	buf_release(&b);
	return j ? j : json_string("");
}

static json_t *str_or_null(const char *s)
{
	return s ? json_text(s, strlen(s)) : json_null();
}

void *attribution_list_json(const struct attribution_list *l, const char *text)
{
	json_t *root = json_object(), *arr = json_array();

	for (size_t i = 0; i < l->n; i++) {
		const struct attribution *a = &l->v[i];
		json_t *o = json_object();

		json_object_set_new(o, "source", str_or_null(a->source));
		json_object_set_new(o, "source_id", str_or_null(a->source_id));
		json_object_set_new(o, "surface", str_or_null(a->surface));
		json_object_set_new(o, "cue", str_or_null(a->cue));
		json_object_set_new(o, "kind", json_string(a->kind));
		json_object_set_new(o, "claim",
				    json_text(text + a->start, a->end - a->start));
		json_object_set_new(o, "start", json_integer((json_int_t)a->start));
		json_object_set_new(o, "end", json_integer((json_int_t)a->end));
		json_object_set_new(o, "anonymous", json_boolean(a->anonymous));
		json_object_set_new(o, "descriptor", str_or_null(a->descriptor));
		json_object_set_new(o, "source_type", str_or_null(a->source_type));
		json_object_set_new(o, "affiliation", str_or_null(a->affiliation));
		/* not in the contract: the id of a person's organisation */
		json_object_set_new(o, "org", str_or_null(a->org));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "attributions", arr);
	return root;
}
