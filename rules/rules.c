/*
 * rules.c - parse, validate and index rule files.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>
/* uthash allocates with malloc; running out is fatal, as with xmalloc. */
#define uthash_fatal(msg) do { \
		pt_error(NULL, "%s", msg); \
		exit(pt_exit_code(PT_NOMEM)); \
	} while (0)
#include <uthash.h>

#include "rules.h"

/* ------------------------------------------------------------------ */
/* Schema                                                              */
/* ------------------------------------------------------------------ */

enum kind { K_STR, K_REGEX, K_INT, K_NUM, K_HOST, K_ENUM, K_BOOL };

#define F_REQ 1         /* must be present */
#define F_REP 2         /* may repeat */

struct field_schema {
	const char *key;
	enum kind kind;
	int flags;
	const char *choices;    /* K_ENUM: "a|b|c" */
};

struct type_schema {
	const char *type;
	const char *key;        /* field whose value identifies the record */
	const struct field_schema *fields;
};

#define NOTE { "note", K_STR, 0, NULL }, { "ref", K_STR, F_REP, NULL }

static const struct field_schema shortener_fields[] = {
	{ "host", K_HOST, F_REQ, NULL },
	{ "name", K_STR, 0, NULL },
	{ "role", K_ENUM, 0, "shortener|feed|aggregator" },
	NOTE, { NULL, 0, 0, NULL }
};

static const struct field_schema wrapper_fields[] = {
	{ "id", K_STR, F_REQ, NULL },
	{ "name", K_STR, F_REQ, NULL },
	{ "host", K_HOST, F_REQ | F_REP, NULL },
	{ "host_re", K_REGEX, F_REP, NULL },    /* google.<tld> and kin */
	{ "path", K_REGEX, 0, NULL },
	{ "decode", K_STR, F_REQ, NULL },
	{ "role", K_ENUM, 0, "wrapper|aggregator|feed|shortener" },
	NOTE, { NULL, 0, 0, NULL }
};

static const struct field_schema wall_fields[] = {
	{ "id", K_STR, F_REQ, NULL },
	{ "name", K_STR, F_REQ, NULL },
	{ "host", K_HOST, F_REQ | F_REP, NULL },
	{ "path", K_REGEX, 0, NULL },
	{ "target", K_STR, 0, NULL },
	NOTE, { NULL, 0, 0, NULL }
};

static const struct field_schema tracking_fields[] = {
	{ "param", K_STR, F_REQ, NULL },
	{ "host", K_HOST, F_REP, NULL },
	NOTE, { NULL, 0, 0, NULL }
};

static const struct field_schema publisher_fields[] = {
	{ "domain", K_HOST, F_REQ, NULL },
	{ "name", K_STR, F_REQ, NULL },
	{ "alias", K_STR, F_REP, NULL },
	{ "source", K_STR, 0, NULL },
	{ "type", K_STR, 0, NULL },
	{ "country", K_STR, 0, NULL },
	{ "affiliation", K_STR, 0, NULL },
	NOTE, { NULL, 0, 0, NULL }
};

static const struct field_schema source_fields[] = {
	{ "id", K_STR, F_REQ, NULL },
	{ "name", K_STR, F_REQ, NULL },
	{ "type", K_ENUM, F_REQ,
	  "wire|publisher|state-media|broadcaster|government|ministry|military|"
	  "monitor|ngo|intergovernmental|armed-group|party|company|academic|"
	  "person|platform|officials|other" },
	{ "alias", K_STR, F_REP, NULL },
	{ "backref", K_STR, F_REP, NULL },
	{ "country", K_STR, 0, NULL },
	{ "affiliation", K_STR, 0, NULL },
	{ "org", K_STR, 0, NULL },
	{ "role", K_STR, 0, NULL },
	{ "domain", K_HOST, F_REP, NULL },
	NOTE, { NULL, 0, 0, NULL }
};

static const struct field_schema cue_fields[] = {
	{ "id", K_STR, F_REQ, NULL },
	{ "kind", K_STR, 0, NULL },
	{ "lemma", K_STR, 0, NULL },
	{ "form", K_STR, F_REP, NULL },
	{ "pattern", K_REGEX, F_REP, NULL },
	{ "position", K_STR, 0, NULL },
	{ "weight", K_NUM, 0, NULL },
	NOTE, { NULL, 0, 0, NULL }
};

static const struct field_schema signature_fields[] = {
	{ "id", K_STR, F_REQ, NULL },
	{ "name", K_STR, F_REQ, NULL },
	{ "role", K_ENUM, F_REQ, "repost|feed|aggregator|platform|shortener" },
	{ "text", K_STR, F_REP, NULL },
	{ "pattern", K_REGEX, F_REP, NULL },
	{ "link", K_REGEX, F_REP, NULL },
	{ "automated", K_BOOL, 0, NULL },
	NOTE, { NULL, 0, 0, NULL }
};

static const struct field_schema signal_fields[] = {
	{ "id", K_STR, F_REQ, NULL },
	{ "weight", K_NUM, F_REQ, NULL },
	{ "message", K_STR, F_REQ, NULL },
	{ "when", K_STR, F_REQ, NULL },
	NOTE, { NULL, 0, 0, NULL }
};

static const struct type_schema schemas[] = {
	{ "shortener", "host", shortener_fields },
	{ "wrapper", "id", wrapper_fields },
	{ "wall", "id", wall_fields },
	{ "tracking", "param", tracking_fields },
	{ "publisher", "domain", publisher_fields },
	{ "source", "id", source_fields },
	{ "cue", "id", cue_fields },
	{ "signature", "id", signature_fields },
	{ "signal", "id", signal_fields },
};

static const struct type_schema *schema_for(const char *type)
{
	for (size_t i = 0; i < sizeof(schemas) / sizeof(schemas[0]); i++)
		if (!strcmp(schemas[i].type, type))
			return &schemas[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Rule sets                                                           */
/* ------------------------------------------------------------------ */

/* Index of keyed records: "type\0lower-case key" -> position in v. */
struct rule_slot {
	char *id;
	size_t idlen;
	size_t pos;
	UT_hash_handle hh;
};

struct rules {
	struct rule *v;
	size_t n, cap;
	struct rule_slot *index;
};

/* The index id of (type, key) in out; ASCII case-insensitive on key. */
static void slot_id(struct buf *out, const char *type, const char *key)
{
	buf_reset(out);
	buf_adds(out, type);
	buf_addc(out, '\0');
	for (const char *k = key; *k; k++)
		buf_addc(out, tolower((unsigned char)*k));
}

static struct rule_slot *slot_find(const struct rules *r, const char *type,
				   const char *key)
{
	struct buf id = BUF_INIT;
	struct rule_slot *slot = NULL;

	slot_id(&id, type, key);
	HASH_FIND(hh, r->index, id.s, id.len, slot);
	buf_release(&id);
	return slot;
}

struct rules *rules_new(void)
{
	return xcalloc(1, sizeof(struct rules));
}

static void rule_release(struct rule *rule)
{
	for (size_t i = 0; i < rule->nfields; i++) {
		free(rule->fields[i].key);
		free(rule->fields[i].value);
		pcre2_code_free(rule->fields[i].re);
	}
	free(rule->fields);
	free(rule->type);
	free(rule->key);
	free(rule->file);
	memset(rule, 0, sizeof(*rule));
}

void rules_free(struct rules *r)
{
	struct rule_slot *slot, *tmp;

	if (!r)
		return;
	HASH_ITER(hh, r->index, slot, tmp) {
		HASH_DEL(r->index, slot);
		free(slot->id);
		free(slot);
	}
	for (size_t i = 0; i < r->n; i++)
		rule_release(&r->v[i]);
	free(r->v);
	free(r);
}

size_t rules_total(const struct rules *r)
{
	return r->n;
}

const struct rule *rules_nth(const struct rules *r, size_t i)
{
	return i < r->n ? &r->v[i] : NULL;
}

size_t rules_count(const struct rules *r, const char *type)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		n += !strcmp(r->v[i].type, type);
	return n;
}

const struct rule *rules_at(const struct rules *r, const char *type, size_t i)
{
	for (size_t j = 0; j < r->n; j++)
		if (!strcmp(r->v[j].type, type) && i-- == 0)
			return &r->v[j];
	return NULL;
}

const struct rule *rules_find(const struct rules *r, const char *type,
			      const char *key)
{
	struct rule_slot *slot = slot_find(r, type, key);

	return slot ? &r->v[slot->pos] : NULL;
}

const char *rule_get(const struct rule *rule, const char *key)
{
	size_t it = 0;
	const struct rule_field *f = rule_next(rule, key, &it);

	return f ? f->value : NULL;
}

const struct rule_field *rule_next(const struct rule *rule, const char *key,
				   size_t *iter)
{
	for (; *iter < rule->nfields; (*iter)++)
		if (!strcmp(rule->fields[*iter].key, key))
			return &rule->fields[(*iter)++];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

static int check_value(const struct field_schema *fs, struct rule_field *f,
		       struct buf *msg)
{
	const char *v = f->value;
	char *end;

	switch (fs->kind) {
	case K_STR:
		if (!*v) {
			buf_addf(msg, "'%s' is empty", f->key);
			return -1;
		}
		return 0;
	case K_INT:
		strtol(v, &end, 10);
		if (!*v || *end) {
			buf_addf(msg, "'%s' must be a whole number, not '%s'", f->key, v);
			return -1;
		}
		return 0;
	case K_NUM:
		strtod(v, &end);
		if (!*v || *end) {
			buf_addf(msg, "'%s' must be a number, not '%s'", f->key, v);
			return -1;
		}
		return 0;
	case K_BOOL:
		if (strcmp(v, "yes") && strcmp(v, "no")) {
			buf_addf(msg, "'%s' must be yes or no, not '%s'", f->key, v);
			return -1;
		}
		return 0;
	case K_HOST:
		for (const char *p = v; *p; p++)
			if (!isalnum((unsigned char)*p) && !strchr(".-*_:", *p)) {
				buf_addf(msg, "'%s' is not a host name: '%s'", f->key, v);
				return -1;
			}
		if (!*v || (strchr(v, '*') && !str_starts_with(v, "*."))) {
			buf_addf(msg, "'%s' is not a host pattern: '%s' (only a leading '*.' may be a wildcard)",
				 f->key, v);
			return -1;
		}
		return 0;
	case K_ENUM: {
		size_t n = strlen(v);
		const char *c = fs->choices;

		while (c && *c) {
			const char *bar = strchr(c, '|');
			size_t m = bar ? (size_t)(bar - c) : strlen(c);

			if (m == n && !memcmp(c, v, n))
				return 0;
			c = bar ? bar + 1 : NULL;
		}
		buf_addf(msg, "'%s' must be one of %s, not '%s'", f->key,
			 fs->choices, v);
		return -1;
	}
	case K_REGEX: {
		int code;
		PCRE2_SIZE off;

		f->re = pcre2_compile((PCRE2_SPTR)v, PCRE2_ZERO_TERMINATED,
				      PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
		if (!f->re) {
			PCRE2_UCHAR text[256];

			pcre2_get_error_message(code, text, sizeof(text));
			buf_addf(msg, "bad regular expression in '%s' at offset %zu: %s",
				 f->key, (size_t)off, (const char *)text);
			return -1;
		}
		return 0;
	}
	}
	return 0;
}

/* Check rule against its schema; returns 0 or -1 with a message in msg. */
static int validate(struct rule *rule, struct buf *msg)
{
	const struct type_schema *ts = schema_for(rule->type);
	const struct field_schema *fs;

	if (!ts) {
		buf_addf(msg, "unknown record type '%s'", rule->type);
		return -1;
	}
	for (size_t i = 0; i < rule->nfields; i++) {
		struct rule_field *f = &rule->fields[i];

		for (fs = ts->fields; fs->key; fs++)
			if (!strcmp(fs->key, f->key))
				break;
		if (!fs->key) {
			buf_addf(msg, "unknown key '%s' for '%s'", f->key, rule->type);
			return -1;
		}
		if (!(fs->flags & F_REP))
			for (size_t j = 0; j < i; j++)
				if (!strcmp(rule->fields[j].key, f->key)) {
					buf_addf(msg, "'%s' given twice", f->key);
					return -1;
				}
		if (check_value(fs, f, msg))
			return -1;
	}
	for (fs = ts->fields; fs->key; fs++)
		if ((fs->flags & F_REQ) && !rule_get(rule, fs->key)) {
			buf_addf(msg, "'%s' needs '%s'", rule->type, fs->key);
			return -1;
		}
	if (rule_get(rule, ts->key))
		rule->key = xstrdup(rule_get(rule, ts->key));
	return 0;
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

struct parser {
	const char *name;
	const char *p, *end;
	int line;
	struct buf *err;
	int problems;
};

static void problem(struct parser *ps, int line, const char *msg)
{
	buf_addf(ps->err, "%s:%d: %s\n", ps->name, line, msg);
	ps->problems++;
}

/* Append the logical record starting at ps->p (first line plus continuation
 * lines) to out with comments removed; returns its first line number. */
static int read_record(struct parser *ps, struct buf *out)
{
	int first = ps->line;

	buf_reset(out);
	for (;;) {
		const char *nl = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));
		const char *eol = nl ? nl : ps->end;
		int quoted = 0;

		for (const char *c = ps->p; c < eol; c++) {
			if (*c == '"' && (c == ps->p || c[-1] != '\\'))
				quoted = !quoted;
			if (*c == '#' && !quoted &&
			    (c == ps->p || isspace((unsigned char)c[-1])))
				break;
			buf_addc(out, *c == '\r' || *c == '\t' ? ' ' : *c);
		}
		buf_addc(out, ' ');
		ps->p = nl ? nl + 1 : ps->end;
		ps->line++;
		/* Continue while the next line starts with white space and has
		 * something other than a comment on it. */
		if (ps->p >= ps->end || !(*ps->p == ' ' || *ps->p == '\t'))
			break;
		{
			const char *q = ps->p;
			while (q < ps->end && (*q == ' ' || *q == '\t'))
				q++;
			if (q >= ps->end || *q == '\n' || *q == '\r') {
				/* a blank line ends the record */
				break;
			}
		}
	}
	return first;
}

/* Parse one record text into rule; returns 0 or -1 with msg. */
static int parse_fields(const char *s, struct rule *rule, struct buf *msg)
{
	size_t cap = 0;
	struct buf val = BUF_INIT;

	while (isspace((unsigned char)*s))
		s++;
	{
		const char *t = s;
		while (*s && !isspace((unsigned char)*s))
			s++;
		rule->type = xstrndup(t, (size_t)(s - t));
	}
	for (;;) {
		const char *k;
		struct rule_field *f;

		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		k = s;
		while (*s && *s != '=' && !isspace((unsigned char)*s))
			s++;
		if (*s != '=' || s == k) {
			buf_addf(msg, "expected key=value, found '%.*s'",
				 (int)(strcspn(k, " ")), k);
			goto fail;
		}
		ARRAY_GROW(rule->fields, cap, rule->nfields + 1);
		f = &rule->fields[rule->nfields];
		memset(f, 0, sizeof(*f));
		f->key = xstrndup(k, (size_t)(s - k));
		rule->nfields++;
		s++;
		buf_reset(&val);
		if (*s == '"') {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
					s++;
				buf_addc(&val, *s);
			}
			if (*s != '"') {
				buf_addf(msg, "unterminated quote in '%s'", f->key);
				goto fail;
			}
			s++;
		} else {
			while (*s && !isspace((unsigned char)*s))
				buf_addc(&val, *s++);
		}
		f->value = xstrdup(val.s);
	}
	buf_release(&val);
	return 0;
fail:
	buf_release(&val);
	return -1;
}

static void add_rule(struct rules *r, struct rule *rule)
{
	/* A later record with the same type and key replaces the earlier
	 * one: that is how a user's rules override the built-ins. */
	struct rule_slot *slot = NULL;

	if (rule->key) {
		slot = slot_find(r, rule->type, rule->key);
		if (slot) {
			rule_release(&r->v[slot->pos]);
			r->v[slot->pos] = *rule;
			return;
		}
		{
			struct buf id = BUF_INIT;

			slot_id(&id, rule->type, rule->key);
			slot = xcalloc(1, sizeof(*slot));
			slot->id = buf_detach(&id, &slot->idlen);
			slot->pos = r->n;
			HASH_ADD_KEYPTR(hh, r->index, slot->id, slot->idlen, slot);
		}
	}
	ARRAY_GROW(r->v, r->cap, r->n + 1);
	r->v[r->n++] = *rule;
}

int rules_add_text(struct rules *r, const char *name, const char *text,
		   size_t len, struct buf *err)
{
	struct parser ps = { name, text, text + len, 1, err, 0 };
	struct buf rec = BUF_INIT, msg = BUF_INIT;

	while (ps.p < ps.end) {
		struct rule rule;
		int line;
		const char *t;

		if (isspace((unsigned char)*ps.p) || *ps.p == '#') {
			/* blank, comment, or stray continuation line */
			const char *q = ps.p;
			while (q < ps.end && (*q == ' ' || *q == '\t' || *q == '\r'))
				q++;
			if (q < ps.end && *q != '\n' && *q != '#' && q != ps.p) {
				problem(&ps, ps.line, "continuation line with no record above it");
			}
			q = memchr(ps.p, '\n', (size_t)(ps.end - ps.p));
			ps.p = q ? q + 1 : ps.end;
			ps.line++;
			continue;
		}
		line = read_record(&ps, &rec);
		t = rec.s;
		while (isspace((unsigned char)*t))
			t++;
		if (!*t)
			continue;
		memset(&rule, 0, sizeof(rule));
		buf_reset(&msg);
		if (parse_fields(rec.s, &rule, &msg) || validate(&rule, &msg)) {
			problem(&ps, line, msg.s);
			rule_release(&rule);
			continue;
		}
		rule.file = xstrdup(name);
		rule.line = line;
		add_rule(r, &rule);
	}
	buf_release(&rec);
	buf_release(&msg);
	return ps.problems;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum pt_result rules_load(struct rules **out, const char *user_dir,
			  struct buf *err)
{
	struct rules *r = rules_new();
	int problems = 0;

	for (size_t i = 0; i < rules_builtin_count; i++)
		problems += rules_add_text(r, rules_builtin_names[i],
					   rules_builtin_texts[i],
					   strlen(rules_builtin_texts[i]), err);
	if (user_dir) {
		DIR *d = opendir(user_dir);
		char **names = NULL;
		size_t n = 0, cap = 0;
		struct dirent *de;

		if (!d) {
			buf_addf(err, "cannot open rules directory '%s'\n", user_dir);
			rules_free(r);
			return PT_BAD_INPUT;
		}
		while ((de = readdir(d))) {
			if (!str_ends_with(de->d_name, ".rules") || de->d_name[0] == '.')
				continue;
			ARRAY_GROW(names, cap, n + 1);
			names[n++] = xasprintf("%s/%s", user_dir, de->d_name);
		}
		closedir(d);
		qsort(names, n, sizeof(*names), cmp_names);
		for (size_t i = 0; i < n; i++) {
			struct buf text = BUF_INIT, ferr = BUF_INIT;

			if (read_file(names[i], 16 << 20, &text, &ferr) != PT_OK) {
				buf_addf(err, "%s\n", ferr.s);
				problems++;
			} else {
				problems += rules_add_text(r, names[i], text.s,
							   text.len, err);
			}
			buf_release(&text);
			buf_release(&ferr);
			free(names[i]);
		}
		free(names);
	}
	if (problems) {
		rules_free(r);
		return PT_BAD_INPUT;
	}
	*out = r;
	return PT_OK;
}
