/*
 * test_attribute.c - attribution extraction: the shapes one by one, the
 * bounds on bad input, and the gold scorer over the fixture articles
 * (tests/fixtures/articles/NAME.txt with NAME.gold.tsv).
 *
 * The scorer implements the rule written in the gold files' header: a
 * prediction matches a row when its claim text contains the claim_key (or
 * covers the sentence that holds it) and its source, canonical or as
 * written, equals one of the row's source_names, ignoring case.  Recall
 * counts required rows matched; precision counts predictions that match a
 * required or optional row; a negative row must match no prediction.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>
#include <jansson.h>

#include "../../rules/rules.h"
#include "../../trace/attribute.h"
#include "../../trace/extract.h"
#include "../../trace/sentence.h"
#include "../../src/util.h"

static struct rules *rules;
static struct attr_kb *kb;

static int setup(void **state)
{
	struct buf err = BUF_INIT;

	(void)state;
	if (rules_load(&rules, NULL, &err) != PT_OK) {
		fprintf(stderr, "rules: %s\n", err.s);
		buf_release(&err);
		return -1;
	}
	buf_release(&err);
	if (attr_kb_new(rules, &kb, &err) != PT_OK) {
		fprintf(stderr, "kb: %s\n", err.s);
		buf_release(&err);
		return -1;
	}
	buf_release(&err);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	attr_kb_free(kb);
	rules_free(rules);
	return 0;
}

static void run(const char *text, struct attribution_list *l)
{
	attribution_list_init(l);
	assert_int_equal(attribute_text_kb(kb, text, strlen(text), NULL, 0, l), PT_OK);
}

/* The attribution whose claim contains key, or NULL. */
static const struct attribution *find(const struct attribution_list *l,
				      const char *text, const char *key)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct attribution *a = &l->v[i];
		if (memmem(text + a->start, a->end - a->start, key, strlen(key)))
			return a;
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Shapes                                                              */
/* ------------------------------------------------------------------ */

static void test_quote_said_x(void **state)
{
	const char *t = "\"We will not leave,\" the commander said on Sunday.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 1);
	a = find(&l, t, "We will not leave");
	assert_non_null(a);
	assert_string_equal(a->kind, "quote");
	assert_string_equal(a->surface, "the commander");
	assert_string_equal(a->cue, "said");
	/* the claim is the quotation itself, without its marks */
	assert_memory_equal(t + a->start, "We will not leave", 17);
	attribution_list_release(&l);
}

static void test_said_x_inverted(void **state)
{
	const char *t = "\"Prices will keep rising,\" said Anna Berg, an economist at Nordbank.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 1);
	a = &l.v[0];
	assert_string_equal(a->source, "Anna Berg");
	assert_string_equal(a->kind, "quote");
	assert_non_null(a->descriptor);
	assert_string_equal(a->descriptor, "an economist at Nordbank");
	assert_string_equal(a->source_type, "person");
	attribution_list_release(&l);
}

static void test_colon_quote_and_continuation(void **state)
{
	const char *t = "The minister said: \"The talks have failed.\"\n\n"
			"\"We will try again next week.\"";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 2);
	a = find(&l, t, "The talks have failed");
	assert_non_null(a);
	assert_string_equal(a->kind, "quote");
	a = find(&l, t, "We will try again");
	assert_non_null(a);
	assert_string_equal(a->surface, "The minister");
	assert_non_null(strstr(a->cue, "continued"));
	attribution_list_release(&l);
}

static void test_according_to_known_source(void **state)
{
	const char *t = "At least 12 people were killed, according to the Syrian "
			"Observatory for Human Rights, a Britain-based war monitor.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 1);
	a = &l.v[0];
	assert_string_equal(a->source_id, "sohr");
	assert_string_equal(a->cue, "according to");
	assert_string_equal(a->source_type, "monitor");
	assert_string_equal(a->descriptor, "a Britain-based war monitor");
	assert_non_null(find(&l, t, "12 people were killed"));
	assert_false(a->anonymous);
	attribution_list_release(&l);
}

static void test_backref_and_pronoun(void **state)
{
	const char *t = "The Associated Press reported that the vote was delayed. "
			"The agency said the count would resume on Monday.\n\n"
			"Senator Laura Hines said the delay was unacceptable. "
			"She said she would ask for an inquiry.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 4);
	a = find(&l, t, "count would resume");
	assert_non_null(a);
	assert_string_equal(a->source_id, "ap");
	assert_string_equal(a->surface, "The agency");
	a = find(&l, t, "ask for an inquiry");
	assert_non_null(a);
	assert_string_equal(a->source, "Laura Hines");
	assert_string_equal(a->surface, "She");
	attribution_list_release(&l);
}

static void test_person_with_org(void **state)
{
	const char *t = "Pentagon spokesperson Navy Commander Jessica McNulty told "
			"reporters that no decision had been made.";
	struct attribution_list l;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].source_id, "person:jessica-mcnulty");
	assert_string_equal(l.v[0].org, "us-dod");
	attribution_list_release(&l);
}

static void test_unknown_person_keeps_org(void **state)
{
	const char *t = "State Department spokesman Ned Carver said the embassy would reopen.";
	struct attribution_list l;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].source, "Ned Carver");
	assert_null(l.v[0].source_id);
	assert_string_equal(l.v[0].source_type, "person");
	assert_string_equal(l.v[0].org, "us-state");
	assert_string_equal(l.v[0].affiliation, "U.S. Department of State");
	attribution_list_release(&l);
}

static void test_anonymous(void **state)
{
	const char *t = "Officials said the border would stay closed. "
			"A source familiar with the talks said no deal was near. "
			"One Lebanese official described the offer as a trap.";
	struct attribution_list l;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 3);
	for (size_t i = 0; i < l.n; i++)
		assert_true(l.v[i].anonymous);
	assert_non_null(find(&l, t, "border would stay closed"));
	assert_non_null(find(&l, t, "no deal was near"));
	attribution_list_release(&l);
}

static void test_not_attributions(void **state)
{
	const char *t = "Regular attacks have instead been attributed to Jabhat al-Nusra. "
			"The troops maintained control of the oil fields. "
			"He added salt to the soup. "
			"He did not say how many systems would be sent. "
			"The plant has posted record profits. "
			"Residents are asked to call the police.";
	struct attribution_list l;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 0);
	attribution_list_release(&l);
}

static void test_passive_footage(void **state)
{
	const char *t = "Video of the blast was posted by the Kyiv Independent on Telegram.";
	struct attribution_list l;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].source_id, "kyiv-independent");
	assert_string_equal(l.v[0].kind, "footage");
	attribution_list_release(&l);
}

static void test_passive_names(void **state)
{
	const char *t = "The decision was announced by National Security Adviser "
			"Jake Sullivan at a briefing. A study published last year by "
			"the RAND Corporation found that stocks were low.";
	struct attribution_list l;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].source, "Jake Sullivan");
	assert_string_equal(l.v[0].source_type, "person");
	assert_string_equal(l.v[1].source, "RAND Corporation");
	assert_string_equal(l.v[1].cue, "published by");
	attribution_list_release(&l);
}

static void test_photo_credit(void **state)
{
	const char *t = "Firefighters work at the site of a blast in Kharkiv on May 2. "
			"SERGEY BOBOK/AFP via Getty Images\n\n"
			"Rescue workers search the rubble. (AP Photo/Evgeniy Maloletka)";
	struct attribution_list l;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].source_id, "afp");
	assert_string_equal(l.v[0].kind, "photo");
	assert_non_null(find(&l, t, "Firefighters work at the site"));
	assert_string_equal(l.v[1].source_id, "ap");
	assert_non_null(find(&l, t, "Rescue workers search"));
	attribution_list_release(&l);
}

static void test_credit_blocks(void **state)
{
	const char *t = "Syrians attend a funeral in Idlib.\n\nMOHAMMED AL-RIFAI/AFP/Getty Images";
	struct block b[2] = {
		{ BLOCK_CAPTION, 0, 34 },
		{ BLOCK_CREDIT, 36, 70 },
	};
	struct attribution_list l;

	(void)state;
	attribution_list_init(&l);
	assert_int_equal(attribute_text_kb(kb, t, strlen(t), b, 2, &l), PT_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].source_id, "afp");
	assert_int_equal(l.v[0].start, 0);
	assert_int_equal(l.v[0].end, 34);
	attribution_list_release(&l);
}

static void test_json_contract(void **state)
{
	const char *t = "\"It is over,\" the monitor said.";
	struct attribution_list l;
	json_t *j, *a;
	static const char *const fields[] = {
		"source", "source_id", "surface", "cue", "kind", "claim", "start",
		"end", "anonymous", "descriptor", "source_type", "affiliation", NULL
	};

	(void)state;
	run(t, &l);
	j = attribution_list_json(&l, t);
	a = json_array_get(json_object_get(j, "attributions"), 0);
	assert_non_null(a);
	for (size_t i = 0; fields[i]; i++)
		assert_non_null(json_object_get(a, fields[i]));
	assert_string_equal(json_string_value(json_object_get(a, "claim")), "It is over");
	assert_int_equal(json_integer_value(json_object_get(a, "start")), 1);
	assert_true(json_is_false(json_object_get(a, "anonymous")));
	json_decref(j);
	attribution_list_release(&l);
}


static void test_mid_sentence_shapes(void **state)
{
	const char *t = "The strike, according to local officials, killed 12 people. "
			"The convoy, the ministry said, was hit twice on Monday. "
			"The company's spokesman, Jon Ellery, said the plant would close. "
			"Mr. Ellery said he regretted the decision. "
			"He added that 300 jobs would go.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 5);
	a = find(&l, t, "killed 12 people");
	assert_non_null(a);
	assert_true(a->anonymous);
	a = find(&l, t, "was hit twice");
	assert_non_null(a);
	assert_string_equal(a->surface, "the ministry");
	a = find(&l, t, "plant would close");
	assert_non_null(a);
	assert_string_equal(a->source, "Jon Ellery");
	assert_string_equal(a->descriptor, "The company's spokesman");
	a = find(&l, t, "regretted the decision");
	assert_non_null(a);
	assert_string_equal(a->source, "Jon Ellery");
	a = find(&l, t, "300 jobs would go");
	assert_non_null(a);
	assert_string_equal(a->source, "Jon Ellery");
	attribution_list_release(&l);
}

/* ------------------------------------------------------------------ */
/* Bad input                                                           */
/* ------------------------------------------------------------------ */

static void test_empty_and_no_sentences(void **state)
{
	struct attribution_list l;

	(void)state;
	run("", &l);
	assert_int_equal(l.n, 0);
	attribution_list_release(&l);
	run("\n\n   \n\t\n", &l);
	assert_int_equal(l.n, 0);
	attribution_list_release(&l);
	run("said said said according to by by \"\"\" , , ,", &l);
	attribution_list_release(&l);
}

static void test_unbalanced_quotes(void **state)
{
	struct buf b = BUF_INIT;
	struct attribution_list l;

	(void)state;
	for (int i = 0; i < 2000; i++)
		buf_adds(&b, i % 3 ? "\"the minister said " : "\xE2\x80\x9C" "officials said, ");
	run(b.s, &l);
	assert_true(l.n <= ATTR_MAX_RESULTS);
	attribution_list_release(&l);
	buf_release(&b);
}

static void test_huge_paragraph(void **state)
{
	struct buf b = BUF_INIT;
	struct attribution_list l;
	double t0;
	static const char piece[] =
		"the Syrian Observatory for Human Rights said that \"fighting ";

	(void)state;
	while (b.len < 5u << 20)
		buf_add(&b, piece, sizeof(piece) - 1);
	t0 = now_ms();
	run(b.s, &l);
	/* bounded: linear work, capped results */
	assert_true(now_ms() - t0 < 20000);
	assert_true(l.n <= ATTR_MAX_RESULTS);
	attribution_list_release(&l);
	buf_release(&b);
}

/* ------------------------------------------------------------------ */
/* The gold scorer                                                     */
/* ------------------------------------------------------------------ */

struct gold {
	char *id, *status, *source_id, *names, *key;
	int line;
};

/* Parse a gold TSV; returns the number of rows, in *rows (caller frees
 * with gold_free). */
static size_t gold_load(const char *path, struct gold **rows)
{
	struct buf text = BUF_INIT, err = BUF_INIT;
	size_t n = 0, cap = 0;
	char *line, *next;

	*rows = NULL;
	if (read_file(path, 1 << 20, &text, &err) != PT_OK)
		fail_msg("cannot read '%s': %s", path, err.s);
	for (line = text.s; line && *line; line = next) {
		char *f[9];
		int nf = 0;
		char *p = line;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#' || !*line || !strncmp(line, "id\t", 3))
			continue;
		while (nf < 9) {
			char *tab = strchr(p, '\t');
			f[nf++] = p;
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		if (nf < 9)
			fail_msg("%s: a row with %d fields", path, nf);
		ARRAY_GROW(*rows, cap, n + 1);
		(*rows)[n].id = xstrdup(f[0]);
		(*rows)[n].status = xstrdup(f[1]);
		(*rows)[n].source_id = xstrdup(f[2]);
		(*rows)[n].names = xstrdup(f[3]);
		(*rows)[n].line = atoi(f[6]);
		(*rows)[n].key = xstrdup(f[7]);
		n++;
	}
	buf_release(&text);
	buf_release(&err);
	return n;
}

static void gold_free(struct gold *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].id);
		free(rows[i].status);
		free(rows[i].source_id);
		free(rows[i].names);
		free(rows[i].key);
	}
	free(rows);
}

static int name_in(const char *names, const char *s)
{
	size_t n;

	if (!s)
		return 0;
	n = strlen(s);
	for (const char *p = names; *p; ) {
		const char *bar = strchr(p, '|');
		size_t m = bar ? (size_t)(bar - p) : strlen(p);

		if (m == n && !strncasecmp(p, s, n))
			return 1;
		p += m + (bar != NULL);
	}
	return 0;
}

static int matches(const struct attribution *a, const char *text,
		   const struct sentence_list *sl, const struct gold *g)
{
	const char *claim = text + a->start, *at;
	size_t clen = a->end - a->start;

	if (!name_in(g->names, a->source) && !name_in(g->names, a->surface))
		return 0;
	if (memmem(claim, clen, g->key, strlen(g->key)))
		return 1;
	/* or the claim covers the sentence that holds the key */
	at = strstr(text, g->key);
	if (!at)
		return 0;
	for (size_t i = 0; i < sl->n; i++) {
		size_t off = (size_t)(at - text);
		if (sl->v[i].start <= off && off < sl->v[i].end)
			return a->start <= sl->v[i].start && a->end >= sl->v[i].end;
	}
	return 0;
}

struct score {
	size_t required, found, predictions, good, negatives_hit, canon_missing;
};

/* Score one fixture article through the path the command takes: the
 * text extracted by extract_text(), with its blocks. */
static void score_article(const char *name, struct score *sc)
{
	const char *dir = getenv("PROVTRACE_TEST_DATA");
	char *tpath, *gpath;
	struct buf text = BUF_INIT, err = BUF_INIT;
	struct document doc;
	struct attribution_list l;
	struct sentence_list sl;
	struct gold *rows;
	size_t nrows;
	int *hit;

	memset(sc, 0, sizeof(*sc));
	tpath = xasprintf("%s/fixtures/articles/%s.txt", dir ? dir : "tests", name);
	gpath = xasprintf("%s/fixtures/articles/%s.gold.tsv", dir ? dir : "tests", name);
	if (read_file(tpath, 1 << 20, &text, &err) != PT_OK)
		fail_msg("cannot read '%s': %s", tpath, err.s);
	document_init(&doc);
	assert_int_equal(extract_text(text.s, text.len, &doc, &err), PT_OK);
	attribution_list_init(&l);
	assert_int_equal(attribute_text_kb(kb, doc.text.s, doc.text.len, doc.blocks,
					   doc.nblocks, &l), PT_OK);
	sentence_list_init(&sl);
	sentence_split(doc.text.s, doc.text.len, doc.blocks, doc.nblocks, &sl);
	nrows = gold_load(gpath, &rows);
	hit = calloc(nrows + 1, sizeof(int));

	sc->predictions = l.n;
	for (size_t i = 0; i < l.n; i++) {
		const struct attribution *a = &l.v[i];
		int good = 0;

		for (size_t r = 0; r < nrows; r++) {
			if (!matches(a, doc.text.s, &sl, &rows[r]))
				continue;
			if (!strcmp(rows[r].status, "negative")) {
				sc->negatives_hit++;
				printf("# %s: negative row %s reported\n", name, rows[r].id);
				continue;
			}
			good = 1;
			hit[r] = 1;
			/* a source our rules know must be resolved to it */
			if (a->source_id && !strcmp(a->source_id, rows[r].source_id))
				hit[r] = 2;
		}
		sc->good += good;
		if (!good)
			printf("# %s: false positive: source '%s' cue '%s' claim '%.60s'\n",
			       name, a->source, a->cue, doc.text.s + a->start);
	}
	for (size_t r = 0; r < nrows; r++) {
		if (strcmp(rows[r].status, "required"))
			continue;
		sc->required++;
		if (hit[r])
			sc->found++;
		else
			printf("# %s: missed %s (%s: %s)\n", name, rows[r].id,
			       rows[r].names, rows[r].key);
		if (hit[r] == 1 && rules_find(rules, "source", rows[r].source_id)) {
			sc->canon_missing++;
			printf("# %s: %s not resolved to '%s'\n", name, rows[r].id,
			       rows[r].source_id);
		}
	}
	printf("# %s: recall %.3f (%zu/%zu required), precision %.3f (%zu/%zu), "
	       "negatives reported %zu, known sources unresolved %zu\n",
	       name, sc->required ? (double)sc->found / (double)sc->required : 1.0,
	       sc->found, sc->required,
	       sc->predictions ? (double)sc->good / (double)sc->predictions : 1.0,
	       sc->good, sc->predictions, sc->negatives_hit, sc->canon_missing);

	free(hit);
	gold_free(rows, nrows);
	sentence_list_release(&sl);
	attribution_list_release(&l);
	document_release(&doc);
	buf_release(&text);
	buf_release(&err);
	free(tpath);
	free(gpath);
}

static void assert_scores(const struct score *sc)
{
	assert_true(sc->required > 0);
	assert_true((double)sc->found >= 0.90 * (double)sc->required);
	assert_true((double)sc->good >= 0.85 * (double)sc->predictions);
	assert_int_equal(sc->negatives_hit, 0);
	assert_int_equal(sc->canon_missing, 0);
}

static void test_gold_seed(void **state)
{
	struct score sc;

	(void)state;
	score_article("seed", &sc);
	assert_scores(&sc);
}

static void test_gold_wire(void **state)
{
	struct score sc;

	(void)state;
	score_article("wire", &sc);
	assert_scores(&sc);
}

static void test_gold_local(void **state)
{
	struct score sc;

	(void)state;
	score_article("local", &sc);
	assert_scores(&sc);
}

static void test_gold_release(void **state)
{
	struct score sc;

	(void)state;
	score_article("release", &sc);
	assert_scores(&sc);
}

/* The scorer itself must be able to fail: a wrong source or a claim
 * without the key matches nothing. */
static void test_scorer_rejects(void **state)
{
	const char *text = "Officials said the bridge was closed. It rained.";
	char id[] = "X", st[] = "required", sid[] = "x", names[] = "Officials|officials", key[] = "bridge was closed";
	struct gold g = { id, st, sid, names, key, 1 };
	struct attribution a;
	struct sentence_list sl;

	(void)state;
	memset(&a, 0, sizeof(a));
	sentence_list_init(&sl);
	sentence_split(text, strlen(text), NULL, 0, &sl);
	a.source = (char *)"Officials";
	a.surface = (char *)"Officials";
	a.start = 15;
	a.end = 36;
	assert_true(matches(&a, text, &sl, &g));
	a.source = a.surface = (char *)"Police";
	assert_false(matches(&a, text, &sl, &g));
	a.source = a.surface = (char *)"officials";
	a.start = 38;
	a.end = 47;
	assert_false(matches(&a, text, &sl, &g));
	a.start = 0;        /* covers the whole first sentence */
	a.end = 37;
	assert_true(matches(&a, text, &sl, &g));
	sentence_list_release(&sl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quote_said_x),
		cmocka_unit_test(test_said_x_inverted),
		cmocka_unit_test(test_colon_quote_and_continuation),
		cmocka_unit_test(test_according_to_known_source),
		cmocka_unit_test(test_backref_and_pronoun),
		cmocka_unit_test(test_person_with_org),
		cmocka_unit_test(test_unknown_person_keeps_org),
		cmocka_unit_test(test_anonymous),
		cmocka_unit_test(test_not_attributions),
		cmocka_unit_test(test_passive_footage),
		cmocka_unit_test(test_passive_names),
		cmocka_unit_test(test_photo_credit),
		cmocka_unit_test(test_credit_blocks),
		cmocka_unit_test(test_json_contract),
		cmocka_unit_test(test_mid_sentence_shapes),
		cmocka_unit_test(test_empty_and_no_sentences),
		cmocka_unit_test(test_unbalanced_quotes),
		cmocka_unit_test(test_huge_paragraph),
		cmocka_unit_test(test_scorer_rejects),
		cmocka_unit_test(test_gold_seed),
		cmocka_unit_test(test_gold_wire),
		cmocka_unit_test(test_gold_local),
		cmocka_unit_test(test_gold_release),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
