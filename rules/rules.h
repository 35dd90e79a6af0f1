/*
 * rules.h - the rule data that drives tracing, and its loader.
 *
 * Everything provtrace "knows" about the world - shorteners, link
 * wrappers, consent walls, tracking parameters, publishers, sources and
 * their aliases, attribution cues, repost signatures, credibility signals -
 * lives in rule files, not in C.  The files in rules/data/ are compiled into
 * the binary; a user directory (--rules DIR or PROVTRACE_RULES) adds
 * *.rules files that extend them, and a record whose type and key equal a
 * built-in one replaces it.
 *
 * File format: one record per logical line,
 *
 *     TYPE key=value key="value with spaces" key=value ...
 *
 * A line that starts with white space continues the record above it; '#'
 * at the start of a line or after white space (outside quotes) starts a
 * comment.  In a quoted value \" is a quote and \\ a backslash; any other
 * backslash is kept as written, so regular expressions read naturally.
 * A key may repeat where the schema allows it (alias=..., host=...).
 *
 * Every record is checked against the schema of its type (known keys,
 * required keys, value kinds; regular expressions are compiled with PCRE2),
 * and a problem is reported as "FILE:LINE: message".
 */
#ifndef PT_RULES_H
#define PT_RULES_H

#include <stddef.h>

#include "../src/util.h"

struct rule_field {
	char *key;
	char *value;
	void *re;               /* pcre2_code * for regex-kind fields, else NULL */
};

struct rule {
	char *type;             /* "wrapper", "source", ... */
	char *key;              /* value of the type's key field, or NULL */
	char *file;             /* where it was read, for messages */
	int line;
	struct rule_field *fields;
	size_t nfields;
};

struct rules;

/*
 * Load the built-in rules, then every *.rules file in user_dir (may be
 * NULL) in name order.  On success *out is a new rule set freed with
 * rules_free().  On failure returns PT_BAD_INPUT with every problem found,
 * one "FILE:LINE: message" per line, in err, and *out is left untouched.
 */
enum pt_result rules_load(struct rules **out, const char *user_dir,
			  struct buf *err);

/* Parse rules from memory (used for built-ins and by tests).  Problems are
 * appended to err as "NAME:LINE: message"; returns the number of problems. */
int rules_add_text(struct rules *r, const char *name, const char *text,
		   size_t len, struct buf *err);

struct rules *rules_new(void);
void rules_free(struct rules *r);

/* Number of records of a type, and the i-th one (in load order). */
size_t rules_count(const struct rules *r, const char *type);
const struct rule *rules_at(const struct rules *r, const char *type, size_t i);
/* The record of a type with the given key (ASCII case-insensitive), or NULL. */
const struct rule *rules_find(const struct rules *r, const char *type,
			      const char *key);
/* All records, in load order (for `rules list`). */
size_t rules_total(const struct rules *r);
const struct rule *rules_nth(const struct rules *r, size_t i);

/* First value of key in rule, or NULL. */
const char *rule_get(const struct rule *rule, const char *key);
/* The field of the next occurrence of key after *iter (start with 0). */
const struct rule_field *rule_next(const struct rule *rule, const char *key,
				   size_t *iter);

/* Names of the built-in rule files, for messages and `rules list`. */
extern const char *const rules_builtin_names[];
extern const char *const rules_builtin_texts[];
extern const size_t rules_builtin_count;

#endif
