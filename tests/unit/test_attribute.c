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
#include <dirent.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "../../rules/rules.h"
#include "../../trace/attribute.h"
#include "../../trace/extract.h"
#include "../../trace/sentence.h"
#include "../../src/util.h"

/* Regression guards for the attrib-eval set (all twelve articles are the
 * development set now), about 0.03 below what the engine scored when they
 * were set (0.997 / 1.000 with this scorer); see test_gold_eval. */
#define EVAL_RECALL             0.96
#define EVAL_PRECISION          0.97

/* tests/fixtures/attrib-eval2 was the blind set of the second round
 * (measured once at recall 0.653, precision 0.762); the third and fourth
 * rounds studied its errors, so it is a development set now: regression
 * guards about 0.03 below what the engine reached, recall 0.888 (246/277)
 * and precision 0.939 (232/247) with this scorer (see
 * test_gold_eval2_dev). */
#define EVAL2_RECALL            0.85
#define EVAL2_PRECISION         0.90

/* tests/fixtures/attrib-eval3 was the blind set of the third round
 * (measured once at recall 0.819, precision 0.885); the fourth round
 * studied its errors, so it is a development set now: guards about 0.03
 * below what the engine reached, recall 0.954 (206/216) and precision
 * 0.957 (199/208) (see test_gold_eval3_dev). */
#define EVAL3_RECALL            0.92
#define EVAL3_PRECISION         0.92

/* tests/fixtures/attrib-eval4 was the blind set of the fourth round
 * (measured once at recall 0.824 (150/182), precision 0.846 (148/175));
 * the fifth round studied its errors, so it is a development set now:
 * guards about 0.03 below what the engine reached, recall 0.912
 * (166/182) and precision 0.942 (161/171) with
 * bench/attribute-quality.sh (see test_gold_eval4_dev). */
#define EVAL4_RECALL            0.88
#define EVAL4_PRECISION         0.91

/* The blind set tests/fixtures/attrib-eval5 (written blind to the fifth
 * round, never read by it): 0.05 below its one measurement, recall 0.879
 * (94/107), precision 0.838 (98/117) with bench/attribute-quality.sh,
 * totals only (see test_gold_eval5_blind). */
#define EVAL5_RECALL            0.82
#define EVAL5_PRECISION         0.78

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

/* The attribution to source whose claim contains key, or NULL. */
static const struct attribution *find_by(const struct attribution_list *l,
					 const char *text, const char *key,
					 const char *source)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct attribution *a = &l->v[i];
		if (!strcmp(a->source, source) &&
		    memmem(text + a->start, a->end - a->start, key, strlen(key)))
			return a;
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Shapes                                                              */
/* ------------------------------------------------------------------ */

/* People named anywhere are known by their surname later, and the subject
 * of a sentence that attributes nothing is whom "he" points to next. */
static void test_entity_tracking(void **state)
{
	const char *t = "Skyforge was founded in 2019 by Marcus Vell, a former pilot.\n\n"
			"Anna Ruiz said the drones were fine.\n\n"
			"Vell disputes that account. In a written response, he said the "
			"company \"never cut corners.\"\n\n"
			"Summit coach Rick Avalos was less forgiving. \"We had a lead,\" he "
			"said.\n\n"
			"Sudan's health ministry put the toll at 56. The ministry said the "
			"hospitals were out of blood.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	a = find(&l, t, "never cut corners");
	assert_non_null(a);
	assert_string_equal(a->source, "Marcus Vell");
	a = find(&l, t, "We had a lead");
	assert_non_null(a);
	assert_string_equal(a->source, "Rick Avalos");
	a = find(&l, t, "out of blood");
	assert_non_null(a);
	assert_string_equal(a->source, "Sudan's health ministry");
	attribution_list_release(&l);
}

/* An acronym the article defines means that name in it; "the group" then
 * points back to it. */
static void test_acronym_in_text(void **state)
{
	const char *t = "The army accused the paramilitary Rapid Support Forces (RSF) of "
			"shelling the market.\n\n"
			"The RSF denied responsibility. In a post on Telegram, the group "
			"said it had struck \"military positions only\".";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	a = find(&l, t, "denied responsibility");
	assert_non_null(a);
	assert_string_equal(a->source, "Rapid Support Forces");
	a = find(&l, t, "military positions only");
	assert_non_null(a);
	assert_string_equal(a->source, "Rapid Support Forces");
	attribution_list_release(&l);
}

/* The article's own outlet (byline, dateline) is no source of what it
 * reviewed or obtained; the people in those documents are. */
static void test_own_outlet(void **state)
{
	const char *t = "How the deal fell apart\n\nBy Nora Lindahl\nThe Ledger\n\n"
			"This account is based on documents reviewed by The Ledger.\n\n"
			"In internal emails reviewed by The Ledger, a senior engineer warned "
			"that the housing \"has not passed a single test\".\n\n"
			"A memo obtained by Reuters shows the board knew.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	for (size_t i = 0; i < l.n; i++)
		assert_string_not_equal(l.v[i].source, "Ledger");
	a = find(&l, t, "has not passed a single test");
	assert_non_null(a);
	assert_string_equal(a->source, "a senior engineer");
	assert_true(a->anonymous);
	/* another outlet's access still counts */
	a = find(&l, t, "the board knew");
	assert_non_null(a);
	assert_string_equal(a->source, "Reuters");
	attribution_list_release(&l);
}

/* Structures a chunker sees: a source in a relative clause, the subject of
 * the nearest clause for a participle, an appositive with a clause or a
 * quotation in it, a quote followed by "said X of Y, who ...". */
static void test_clause_structures(void **state)
{
	const char *t = "The company confirmed interest in its desserts business, which "
			"Sky News reported last month could fetch 150 million euros.\n\n"
			"Shares in Harrow fell after the British snack maker cut its "
			"forecast, blaming soaring cocoa costs.\n\n"
			"Rep. Lisa Brandt, D-Ohio, the top Democrat on the panel that "
			"oversees veterans' spending, wrote on X that she would fight.\n\n"
			"The hacking group that claimed responsibility, which calls itself "
			"\"ShadowLedger,\" said on its leak site that it had taken the data.\n\n"
			"\"He's not afraid of the moment,\" Carver said of Lindgren, who was "
			"undrafted.\n\n"
			"The storm, which forecasters said could strengthen overnight, hit "
			"the coast.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	a = find_by(&l, t, "could fetch 150 million euros", "Sky News");
	assert_non_null(a);
	assert_string_equal(a->kind, "reported");
	assert_int_equal(a->start, (size_t)(strstr(t, "could fetch") - t));
	a = find(&l, t, "soaring cocoa costs");
	assert_non_null(a);
	assert_string_equal(a->surface, "the British snack maker");
	a = find(&l, t, "she would fight");
	assert_non_null(a);
	assert_string_equal(a->source, "Lisa Brandt");
	a = find(&l, t, "it had taken the data");
	assert_non_null(a);
	assert_string_equal(a->surface, "The hacking group");
	a = find(&l, t, "not afraid of the moment");
	assert_non_null(a);
	assert_string_equal(a->source, "Carver");
	assert_string_equal(a->kind, "quote");
	assert_null(find(&l, t, "undrafted"));
	a = find(&l, t, "could strengthen overnight");
	assert_non_null(a);
	assert_string_equal(a->source, "forecasters");
	attribution_list_release(&l);
}

/* Subjects and cues beyond the plain "X said": a counted person noun, a
 * document or a video as the speaker, a purpose infinitive, a time phrase
 * after the name, and what is not said yet. */
/* The third round's classes, in sentences of their own: labels stripped
 * from names, "X of Y", a ruling as the frame, quantified unnamed sources,
 * data by the body that keeps it, a role then its holder's name, a quote
 * that runs on over sentences, and pronouns to the right person. */
static void test_round3_classes(void **state)
{
	const char *t = "Republican Tom Varga said the budget was balanced.\n\n"
			"Nadia Osei of the Harbor Tenants Union said rents rose 9%.\n\n"
			"In a 40-page opinion, U.S. District Judge Rosa Lind wrote that "
			"the agency had acted unlawfully.\n\n"
			"The deal is close, three of those people said, and talks go on.\n\n"
			"Two aides involved in the talks said the vote would slip.\n\n"
			"Port Authority records show that cargo fell 12% in May.\n\n"
			"\"We are not done,\" said the mayor's spokesman, Ivo Brandt.\n\n"
			"Chief executive Mara Quist said: \"We built this. We will keep it. "
			"Nobody else will.\n\n"
			"\"That is the plan.\"\n\n"
			"Her deputy, Paul Endo, ran the plant for a decade. \"She was right "
			"and I was wrong,\" he recalls.\n\n"
			"Officials did not immediately say whether they would appeal.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	a = find(&l, t, "the budget was balanced");
	assert_non_null(a);
	assert_string_equal(a->source, "Tom Varga");
	a = find(&l, t, "rents rose 9%");
	assert_non_null(a);
	assert_string_equal(a->source, "Nadia Osei");
	assert_non_null(a->affiliation);
	assert_string_equal(a->affiliation, "Harbor Tenants Union");
	a = find(&l, t, "acted unlawfully");
	assert_non_null(a);
	assert_string_equal(a->source, "Rosa Lind");
	a = find(&l, t, "The deal is close");
	assert_non_null(a);
	assert_string_equal(a->source, "three of those people");
	a = find(&l, t, "the vote would slip");
	assert_non_null(a);
	assert_string_equal(a->source, "Two aides involved in the talks");
	assert_true(a->anonymous);
	a = find(&l, t, "cargo fell 12%");
	assert_non_null(a);
	assert_string_equal(a->source, "Port Authority");
	a = find(&l, t, "We are not done");
	assert_non_null(a);
	assert_string_equal(a->source, "Ivo Brandt");
	a = find(&l, t, "We will keep it");
	assert_non_null(a);
	assert_string_equal(a->source, "Mara Quist");
	a = find(&l, t, "Nobody else will");
	assert_non_null(a);
	assert_string_equal(a->source, "Mara Quist");
	a = find(&l, t, "That is the plan");
	assert_non_null(a);
	assert_string_equal(a->source, "Mara Quist");
	a = find(&l, t, "She was right");
	assert_non_null(a);
	assert_string_equal(a->source, "Paul Endo");
	assert_null(find(&l, t, "whether they would appeal"));
	attribution_list_release(&l);
}

static void test_subjects_and_cues(void **state)
{
	const char *t = "\"We were told the schedule was the schedule,\" said one former "
			"engineer, who asked not to be named.\n\n"
			"Figures from the Office for National Statistics show inflation fell "
			"to 2.1%.\n\n"
			"Videos circulating on social media appeared to show bodies next to "
			"burned-out stalls.\n\n"
			"Customers took to social media to complain that they learned of the "
			"breach from the news.\n\n"
			"Brightwell Energy Inc. on Tuesday announced a battery that the "
			"company said will sell for $4,899.\n\n"
			"Officials are expected to announce that the border will reopen.\n\n"
			"Former employees describe a culture that prized speed over testing.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	a = find(&l, t, "the schedule was the schedule");
	assert_non_null(a);
	assert_string_equal(a->source, "one former engineer");
	assert_true(a->anonymous);
	a = find(&l, t, "inflation fell");
	assert_non_null(a);
	assert_string_equal(a->source, "Office for National Statistics");
	a = find(&l, t, "bodies next to");
	assert_non_null(a);
	assert_string_equal(a->kind, "footage");
	a = find(&l, t, "learned of the breach");
	assert_non_null(a);
	assert_string_equal(a->source, "Customers");
	a = find(&l, t, "will sell for");
	assert_non_null(a);
	assert_string_equal(a->source, "Brightwell Energy Inc.");
	assert_null(find(&l, t, "border will reopen"));
	a = find(&l, t, "a culture that prized speed");
	assert_non_null(a);
	assert_string_equal(a->source, "Former employees");
	attribution_list_release(&l);
}

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

/* Asides between a subject and its verb: an age, a party, a sentence
 * adverb, a bracketed acronym, an appositive opening with "one of". */
static void test_asides(void **state)
{
	const char *t = "\"We got it done,\" Senate Majority Leader Tom Harlan, D-Mich., told "
			"reporters after the vote.\n\n"
			"\"The mountain came down,\" Rosa Huaman, 54, told the BBC from a "
			"shelter in the nearby town of Recuay.\n\n"
			"Local people, however, accused the authorities of ignoring warnings.\n\n"
			"The Kestrel Relief Federation (KRF) said it had released funds.\n\n"
			"Council Member Patricia Gaines, one of the two no votes, said the city "
			"had not consulted businesses.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	a = find(&l, t, "We got it done");
	assert_non_null(a);
	assert_string_equal(a->source, "Tom Harlan");
	a = find(&l, t, "The mountain came down");
	assert_non_null(a);
	assert_string_equal(a->source, "Rosa Huaman");
	a = find(&l, t, "ignoring warnings");
	assert_non_null(a);
	assert_string_equal(a->source, "Local people");
	a = find(&l, t, "released funds");
	assert_non_null(a);
	assert_string_equal(a->source, "Kestrel Relief Federation");
	a = find(&l, t, "not consulted businesses");
	assert_non_null(a);
	assert_string_equal(a->source, "Patricia Gaines");
	attribution_list_release(&l);
}

/* A subject with a relative clause; a second verb of the same subject;
 * a second speaker inside the claim of the first. */
static void test_relative_and_coordinated(void **state)
{
	const char *t = "Republicans who opposed the bill said it did nothing to slow spending. "
			"Sen. Dana Whitcomb called the measure \"a kick of the can\" and said she "
			"would oppose any extension. "
			"The study estimated that smoke caused 900 deaths, though its authors "
			"cautioned that estimates vary widely.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	a = find(&l, t, "did nothing to slow");
	assert_non_null(a);
	assert_string_equal(a->source, "Republicans who opposed the bill");
	/* one speaker, two verbs: one attribution over both clauses */
	a = find(&l, t, "oppose any extension");
	assert_non_null(a);
	assert_string_equal(a->source, "Dana Whitcomb");
	assert_string_equal(a->cue, "called / said");
	assert_string_equal(a->kind, "partial-quote");
	assert_non_null(memmem(t + a->start, a->end - a->start, "a kick of the can", 17));
	a = find(&l, t, "estimates vary widely");
	assert_non_null(a);
	assert_string_equal(a->surface, "its authors");
	a = find(&l, t, "smoke caused 900 deaths");
	assert_non_null(a);
	assert_string_equal(a->surface, "The study");
	assert_null(memmem(t + a->start, a->end - a->start, "authors", 7));
	attribution_list_release(&l);
}

/* Names: a closing '+' ("OPEC+"), a body's last word after a title word
 * ("Marine Services"), an adjective before a long name ("the federal
 * Centers ..."), a name that only opens with a known alias ("The
 * National"), a body "of" a capital ("Board of Higher Education"), a
 * document's release time ("a state audit released Monday"). */
static void test_round5_names(void **state)
{
	const char *t = "Three OPEC+ sources said the group was unlikely to act.\n\n"
			"The outage followed a fire late on Monday, the terminal's operator, "
			"Qasbah Marine Services, said in a statement.\n\n"
			"The federal Centers for Medicare & Medicaid Services has told states "
			"they must begin verifying work hours by January.\n\n"
			"Sea ice reached a record low, according to the U.S. National Snow "
			"and Ice Data Center.\n\n"
			"Enrollment has fallen by 11 percent since 2019, data from the state "
			"Board of Higher Education shows.\n\n"
			"The university left $41 million unspent, a state audit released "
			"Monday found.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	a = find(&l, t, "unlikely to act");
	assert_non_null(a);
	assert_string_equal(a->source, "Three OPEC+ sources");
	a = find(&l, t, "The outage followed a fire");
	assert_non_null(a);
	assert_string_equal(a->source, "Qasbah Marine Services");
	assert_null(memmem(t + a->start, a->end - a->start, "statement", 9));
	a = find(&l, t, "verifying work hours");
	assert_non_null(a);
	assert_string_equal(a->source, "Centers for Medicare & Medicaid Services");
	a = find(&l, t, "record low");
	assert_non_null(a);
	assert_string_equal(a->source, "U.S. National Snow and Ice Data Center");
	assert_null(a->source_id);
	a = find(&l, t, "fallen by 11 percent");
	assert_non_null(a);
	assert_string_equal(a->source, "state Board of Higher Education");
	a = find(&l, t, "left $41 million");
	assert_non_null(a);
	assert_string_equal(a->source, "a state audit");
	attribution_list_release(&l);
}

/* Shapes: '"...," X, a role, told Y' (Y does not speak); CONTENT, X told
 * Y, largely because ...; said in a memo, obtained by Z, that ...; a
 * claim that begins at the verb ("warning of"); "at least" is no time;
 * "says states that automate ..." ("that" relative); "said it issued
 * ... and that ..."; "according to two people who worked on ..., ...";
 * "Economists polled by Reuters"; "according to AP race calls,"; "The
 * researchers, led by ..., analyzed ...  They found"; a long aside
 * ("X, in a letter to ... dated Feb. 12, warned"). */
static void test_round5_shapes(void **state)
{
	const char *t = "\"The village remains contested,\" Viktor Trehub, spokesperson "
			"for the group of forces, told national television.\n\n"
			"The agency is facing a $14 million shortfall, Chief Financial "
			"Officer Denise Marsh told board members, largely because relief "
			"money has run out.\n\n"
			"Union leaders said in a memo to members, obtained by The Ledger, "
			"that they would recommend a yes vote.\n\n"
			"The center placed both states under an enhanced risk, warning of "
			"damaging winds and \"a few strong tornadoes.\"\n\n"
			"Shipping data from Kpler showed at least seven tankers waiting "
			"outside the port.\n\n"
			"Leah Stromberg, a health economist, says states that automate "
			"verification could keep losses small.\n\n"
			"The company said it issued a voluntary correction in January and "
			"that an update had been installed.\n\n"
			"According to two people who worked on the album, executives pushed "
			"her to add a radio single.\n\n"
			"Economists polled by Reuters had expected the rate to edge up.\n\n"
			"Republicans kept control of both chambers, according to AP race "
			"calls, meaning Whitfield will face a veto.\n\n"
			"The researchers, led by oceanographers at the University of "
			"Tasmania, analyzed four decades of records. They found that warmer "
			"water has been rising.\n\n"
			"The American Hospital Association, in a letter to congressional "
			"leaders dated Feb. 12, warned that rural hospitals would close.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	a = find(&l, t, "The village remains contested");
	assert_non_null(a);
	assert_string_equal(a->source, "Viktor Trehub");
	a = find(&l, t, "$14 million shortfall");
	assert_non_null(a);
	assert_string_equal(a->source, "Denise Marsh");
	a = find(&l, t, "recommend a yes vote");
	assert_non_null(a);
	assert_string_equal(a->source, "Union leaders");
	assert_null(memmem(t + a->start, a->end - a->start, "memo", 4));
	assert_null(find_by(&l, t, "recommend", "The Ledger"));
	assert_null(find_by(&l, t, "recommend", "Ledger"));
	a = find(&l, t, "warning of damaging winds and");
	assert_non_null(a);
	a = find(&l, t, "at least seven tankers");
	assert_non_null(a);
	assert_string_equal(a->source, "Kpler");
	a = find(&l, t, "states that automate verification");
	assert_non_null(a);
	assert_string_equal(a->source, "Leah Stromberg");
	a = find(&l, t, "it issued a voluntary correction");
	assert_non_null(a);
	assert_non_null(memmem(t + a->start, a->end - a->start, "update", 6));
	a = find(&l, t, "pushed her to add a radio single");
	assert_non_null(a);
	assert_string_equal(a->source, "two people who worked on the album");
	assert_true(a->anonymous);
	a = find(&l, t, "expected the rate to edge up");
	assert_non_null(a);
	assert_string_equal(a->source_id, "reuters");
	a = find(&l, t, "kept control of both chambers");
	assert_non_null(a);
	assert_string_equal(a->source_id, "ap");
	a = find(&l, t, "warmer water has been rising");
	assert_non_null(a);
	assert_string_equal(a->source, "The researchers");
	a = find(&l, t, "rural hospitals would close");
	assert_non_null(a);
	assert_string_equal(a->source, "American Hospital Association");
	attribution_list_release(&l);
}

/* A photo credit in parentheses: "(Body / Platform)", "(NAME / AFP via
 * Getty Images)". */
static void test_round5_credits(void **state)
{
	const char *t = "Firefighters extinguish a blaze after a drone attack in Kharkiv. "
			"(Kharkiv Oblast Military Administration / Telegram)\n\n"
			"Soldiers prepare a drone for launch near Pokrovsk. "
			"(Serhii Kovalchuk / AFP via Getty Images)";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	a = find(&l, t, "Firefighters extinguish a blaze");
	assert_non_null(a);
	assert_string_equal(a->kind, "photo");
	assert_string_equal(a->source, "Telegram");
	a = find(&l, t, "Soldiers prepare a drone");
	assert_non_null(a);
	assert_string_equal(a->kind, "photo");
	assert_string_equal(a->source_id, "afp");
	attribution_list_release(&l);
}

/* He and she point to the last person they fit; a sentence about a
 * person makes them the latest. */
static void test_pronoun_gender_and_mentions(void **state)
{
	const char *t = "Tom Harlan said the vote would pass.\n\n"
			"Press secretary Karen Oduya said the bill was fair, but she warned "
			"of cuts.\n\n"
			"\"Let's not borrow trouble,\" he said.\n\n"
			"Mr. Ellis Brand said the plan was late.\n\n"
			"Gaia Torres said she would vote no.\n\n"
			"Brand was not convinced. \"It will fail,\" he said.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	a = find(&l, t, "of cuts");
	assert_non_null(a);
	assert_string_equal(a->source, "Karen Oduya");
	a = find(&l, t, "borrow trouble");
	assert_non_null(a);
	assert_string_equal(a->source, "Tom Harlan");
	a = find(&l, t, "It will fail");
	assert_non_null(a);
	assert_string_equal(a->source, "Ellis Brand");
	attribution_list_release(&l);
}

/* "Q1," she said, "Q2." gives two quotes; a weak cue takes a clause
 * without "that"; a study published in a journal is the journal's. */
/* The fourth round's classes: a role then its holder in commas (also
 * after a quotation), an owner before a person's name, commas and '&'
 * inside names, a chained source, leading adjectives, a document and its
 * author, a viral post's author, a second speaker after "as", a
 * participle cue right after a quotation's speaker. */
static void test_round4_classes(void **state)
{
	const char *t =
		"A spokesperson for the agency in Geneva, Leila Haddad, told reporters "
		"that school shelters were full.\n\n"
		"\"We urge all parties to respect the law,\" the mission's spokesperson, "
		"Marco Bellini, said.\n\n"
		"Reporting from Tyre, Al Jazeera's Rania Khoury said ambulances had been "
		"arriving all night.\n\n"
		"A spokesperson for the Department for Environment, Food and Rural Affairs "
		"said the rules would change.\n\n"
		"Russian state news agency RIA Novosti, citing a soldier identified only by "
		"his call sign, Baikal, reported that forces had mined the approaches.\n\n"
		"Rival Kestrel Lithium Corp. said it had hired advisers.\n\n"
		"The state's Office of the State Fire Marshal said it had made 97 arrests.\n\n"
		"According to a fiscal note from the nonpartisan Legislative Services Agency, "
		"the cap would cut collections.\n\n"
		"\"80% of the fires were set,\" reads the post, which was published Nov. 3 "
		"by a user named Wes Harlan.\n\n"
		"Air strikes have killed at least 14 people, the Ministry of Public Health "
		"says, as United Nations agencies warn that thousands have fled.\n\n"
		"\"We believe the complaint is wrong,\" the company wrote, adding that it "
		"had never sold a recording.\n\n"
		"Catastrophe modeler Karen Clark & Company estimated insured losses at "
		"about $1.4 billion.\n\n"
		"The mood is more fatalistic than the public statements suggest.\n\n"
		"She asked that her name not be published.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	a = find(&l, t, "school shelters were full");
	assert_non_null(a);
	assert_string_equal(a->source, "Leila Haddad");
	a = find(&l, t, "We urge all parties");
	assert_non_null(a);
	assert_string_equal(a->source, "Marco Bellini");
	assert_string_equal(a->kind, "quote");
	a = find(&l, t, "ambulances had been arriving");
	assert_non_null(a);
	assert_string_equal(a->source, "Rania Khoury");
	a = find(&l, t, "the rules would change");
	assert_non_null(a);
	assert_non_null(strstr(a->source, "Environment, Food and Rural Affairs"));
	a = find(&l, t, "had mined the approaches");
	assert_non_null(a);
	assert_string_equal(a->source, "RIA Novosti");
	a = find(&l, t, "hired advisers");
	assert_non_null(a);
	assert_string_equal(a->source, "Kestrel Lithium Corp.");
	a = find(&l, t, "made 97 arrests");
	assert_non_null(a);
	assert_string_equal(a->source, "Office of the State Fire Marshal");
	a = find(&l, t, "the cap would cut collections");
	assert_non_null(a);
	assert_string_equal(a->source, "Legislative Services Agency");
	a = find(&l, t, "80% of the fires were set");
	assert_non_null(a);
	assert_string_equal(a->source, "Wes Harlan");
	a = find(&l, t, "thousands have fled");
	assert_non_null(a);
	assert_string_equal(a->source, "United Nations");
	a = find(&l, t, "have killed at least 14 people");
	assert_non_null(a);
	assert_string_equal(a->source, "Ministry of Public Health");
	/* the second speaker's claim is not the first's */
	assert_null(memmem(t + a->start, a->end - a->start, "thousands", 9));
	a = find(&l, t, "We believe the complaint is wrong");
	assert_non_null(a);
	assert_string_equal(a->cue, "wrote");
	a = find(&l, t, "never sold a recording");
	assert_non_null(a);
	assert_string_equal(a->cue, "adding");
	a = find(&l, t, "insured losses");
	assert_non_null(a);
	assert_string_equal(a->source, "Karen Clark & Company");
	assert_null(find(&l, t, "more fatalistic"));
	assert_null(find(&l, t, "her name not be published"));
	attribution_list_release(&l);
}

static void test_split_quote_bare_clause_publisher(void **state)
{
	const char *t = "Elena Vasquez led the study.\n\n"
			"\"That is the question,\" she said, \"and we have no answer.\"\n\n"
			"A city staff report estimated the project would cost $1.2 million. "
			"He added salt to the soup.\n\n"
			"Children were more likely to fall ill, according to a study published "
			"Monday in JAMA Pediatrics.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	a = find(&l, t, "That is the question");
	assert_non_null(a);
	assert_string_equal(a->source, "Elena Vasquez");
	assert_string_equal(a->kind, "quote");
	a = find(&l, t, "we have no answer");
	assert_non_null(a);
	assert_string_equal(a->source, "Elena Vasquez");
	a = find(&l, t, "would cost $1.2 million");
	assert_non_null(a);
	/* a document's name has no article; the surface keeps it */
	assert_string_equal(a->source, "city staff report");
	assert_string_equal(a->surface, "A city staff report");
	assert_string_equal(a->kind, "document");
	assert_null(find(&l, t, "salt"));
	a = find(&l, t, "more likely to fall ill");
	assert_non_null(a);
	assert_string_equal(a->source, "JAMA Pediatrics");
	assert_string_equal(a->kind, "document");
	attribution_list_release(&l);
}

/* A credit line above its caption ("Image source, X" / "Image caption,
 * ..."), with the lines kept or joined by extraction. */
static void test_credit_line_before_caption(void **state)
{
	const char *t = "Image source, Getty Images\nImage caption, Rescuers dig through the mud\n\n"
			"Image source, Reuters Image caption, A woman waits outside a shelter\n\n"
			"The rain stopped on Monday.";
	struct attribution_list l;
	const struct attribution *a;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 2);
	a = find(&l, t, "Rescuers dig");
	assert_non_null(a);
	assert_string_equal(a->source, "Getty Images");
	assert_string_equal(a->kind, "photo");
	assert_memory_equal(t + a->start, "Rescuers", 8);
	a = find(&l, t, "A woman waits");
	assert_non_null(a);
	assert_string_equal(a->source_id, "reuters");
	attribution_list_release(&l);
}

/* What looks like attribution but names no source. */
static void test_more_negatives(void **state)
{
	const char *t = "Harrow, said to be the third-largest maker, cut jobs. "
			"The vote went largely according to plan. "
			"A reported 40 people attended. "
			"Families were told to leave their homes. "
			"The judge barred him from selling the said property.";
	struct attribution_list l;

	(void)state;
	run(t, &l);
	assert_int_equal(l.n, 0);
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
	long key_off;           /* where the key is in the scored text, or -1 */
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
		(*rows)[n].key_off = -1;
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
	/* or the claim covers the sentence that holds the key (the key on
	 * the gold row's line; the first one when that is not known) */
	at = g->key_off >= 0 ? text + g->key_off : strstr(text, g->key);
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

/* Count the occurrences of key in s[0..n). */
static size_t count_occ(const char *s, size_t n, const char *key)
{
	size_t k = 0, kl = strlen(key);
	const char *p = s, *e = s + n;

	while (kl && p < e && (p = memmem(p, (size_t)(e - p), key, kl))) {
		k++;
		p += 1;
	}
	return k;
}

/* Place each row's key in the extracted text: the occurrence on the
 * row's line of the raw file is the k-th in the raw text, and extraction
 * keeps the words in order, so it is the k-th in the extracted text. */
static void gold_place(struct gold *rows, size_t n, const char *raw,
		       const char *text)
{
	for (size_t r = 0; r < n; r++) {
		const char *line = raw, *at, *p;
		size_t k;

		for (int l = 1; l < rows[r].line && line; l++) {
			line = strchr(line, '\n');
			if (line)
				line++;
		}
		if (!line)
			continue;
		at = strstr(line, rows[r].key);
		if (!at)
			continue;
		k = count_occ(raw, (size_t)(at - raw), rows[r].key);
		p = text;
		for (size_t i = 0; p && i <= k; i++) {
			p = strstr(i ? p + 1 : p, rows[r].key);
			if (p && i == k)
				rows[r].key_off = p - text;
		}
	}
}

/* Score one fixture article (tests/fixtures/SET/NAME.txt) through the
 * path the command takes: the text extracted by extract_text(), with its
 * blocks.  quiet: print the summary line only. */
static void score_article_in(const char *set, const char *name, int quiet,
			     struct score *sc)
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
	tpath = xasprintf("%s/fixtures/%s/%s.txt", dir ? dir : "tests", set, name);
	gpath = xasprintf("%s/fixtures/%s/%s.gold.tsv", dir ? dir : "tests", set, name);
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
	gold_place(rows, nrows, text.s, doc.text.s);
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
				if (!quiet)
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
		if (!good && !quiet)
			printf("# %s: false positive: source '%s' cue '%s' claim '%.60s'\n",
			       name, a->source, a->cue, doc.text.s + a->start);
	}
	for (size_t r = 0; r < nrows; r++) {
		if (strcmp(rows[r].status, "required"))
			continue;
		sc->required++;
		if (hit[r])
			sc->found++;
		else if (!quiet)
			printf("# %s: missed %s (%s: %s)\n", name, rows[r].id,
			       rows[r].names, rows[r].key);
		if (hit[r] == 1 && rules_find(rules, "source", rows[r].source_id)) {
			sc->canon_missing++;
			if (!quiet)
				printf("# %s: %s not resolved to '%s'\n", name, rows[r].id,
				       rows[r].source_id);
		}
	}
	if (quiet < 2)
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

static void score_article(const char *name, struct score *sc)
{
	score_article_in("articles", name, 0, sc);
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

/*
 * The attrib-eval set (tests/fixtures/attrib-eval), written blind to the
 * engine.  The engine was tuned on all twelve articles (01-06 first, 07-12
 * in a second round), so they are a development set: the thresholds are
 * regression guards a little below what the engine reached, and misses
 * are printed.
 */
static const char *const eval_all[] = {
	"01_ap_politics", "02_reuters_markets", "03_bbc_international",
	"04_local_council", "05_science_health", "06_court_crime",
	"07_sports", "08_press_release", "09_conflict", "10_feature_anonymous",
	"11_tech", "12_interview", NULL
};

static void score_set(const char *label, const char *const *names, int quiet,
		      struct score *tot)
{
	memset(tot, 0, sizeof(*tot));
	for (size_t i = 0; names[i]; i++) {
		struct score sc;

		score_article_in("attrib-eval", names[i], quiet, &sc);
		tot->required += sc.required;
		tot->found += sc.found;
		tot->predictions += sc.predictions;
		tot->good += sc.good;
		tot->negatives_hit += sc.negatives_hit;
	}
	printf("# attrib-eval %s: recall %.3f (%zu/%zu), precision %.3f (%zu/%zu), "
	       "negatives reported %zu\n", label,
	       (double)tot->found / (double)tot->required, tot->found, tot->required,
	       (double)tot->good / (double)tot->predictions, tot->good,
	       tot->predictions, tot->negatives_hit);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/*
 * Score every article of tests/fixtures/SET that has a .gold.tsv beside
 * its .txt, in name order, into *tot; returns how many there were (0 when
 * the folder is missing).  quiet as for score_article_in(): 2 prints the
 * totals only, so that a blind set stays blind.
 */
static size_t score_dir(const char *set, int quiet, struct score *tot)
{
	const char *dir = getenv("PROVTRACE_TEST_DATA");
	char *path = xasprintf("%s/fixtures/%s", dir ? dir : "tests", set);
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;

	memset(tot, 0, sizeof(*tot));
	if (!d) {
		free(path);
		return 0;
	}
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char *gold;

		if (len < 5 || strcmp(de->d_name + len - 4, ".txt"))
			continue;
		gold = xasprintf("%s/%.*s.gold.tsv", path, (int)(len - 4), de->d_name);
		if (access(gold, R_OK) == 0) {
			names = xrealloc(names, (n + 2) * sizeof(*names));
			names[n++] = xstrndup(de->d_name, len - 4);
		}
		free(gold);
	}
	closedir(d);
	if (n) {
		qsort(names, n, sizeof(*names), cmp_str);
		for (size_t i = 0; i < n; i++) {
			struct score sc;

			score_article_in(set, names[i], quiet, &sc);
			tot->required += sc.required;
			tot->found += sc.found;
			tot->predictions += sc.predictions;
			tot->good += sc.good;
			tot->negatives_hit += sc.negatives_hit;
		}
		printf("# %s (%zu articles): recall %.3f (%zu/%zu), "
		       "precision %.3f (%zu/%zu), negatives reported %zu\n", set, n,
		       (double)tot->found / (double)tot->required, tot->found, tot->required,
		       (double)tot->good / (double)tot->predictions, tot->good,
		       tot->predictions, tot->negatives_hit);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(path);
	return n;
}

/* Score the evaluation set in tests/fixtures/DIR (skipped when it is not
 * there) and hold it to its thresholds; mode as score_dir() takes it. */
static void check_eval_set(const char *dir, int mode, double recall,
			   double precision)
{
	struct score tot;

	if (!score_dir(dir, mode, &tot)) {
		skip();
		return;
	}
	assert_true(tot.required > 0);
	assert_true((double)tot.found >= recall * (double)tot.required);
	assert_true((double)tot.good >= precision * (double)tot.predictions);
}

/* attrib-eval2, a development set now: per-article lines are printed. */
static void test_gold_eval2_dev(void **state)
{
	(void)state;
	check_eval_set("attrib-eval2", 1, EVAL2_RECALL, EVAL2_PRECISION);
}

/* attrib-eval3, a development set now: per-article lines are printed. */
static void test_gold_eval3_dev(void **state)
{
	(void)state;
	check_eval_set("attrib-eval3", 1, EVAL3_RECALL, EVAL3_PRECISION);
}

/* attrib-eval4, a development set now: per-article lines are printed. */
static void test_gold_eval4_dev(void **state)
{
	(void)state;
	check_eval_set("attrib-eval4", 1, EVAL4_RECALL, EVAL4_PRECISION);
}

/* attrib-eval5, the blind set, when it is there: totals only. */
static void test_gold_eval5_blind(void **state)
{
	(void)state;
	check_eval_set("attrib-eval5", 2, EVAL5_RECALL, EVAL5_PRECISION);
}

static void test_gold_eval(void **state)
{
	struct score t;

	(void)state;
	score_set("dev (01-12)", eval_all, 0, &t);
	assert_true(t.required > 0);
	assert_true((double)t.found >= EVAL_RECALL * (double)t.required);
	assert_true((double)t.good >= EVAL_PRECISION * (double)t.predictions);
	assert_true(t.negatives_hit <= 1);
}

/* The scorer itself must be able to fail: a wrong source or a claim
 * without the key matches nothing. */
static void test_scorer_rejects(void **state)
{
	const char *text = "Officials said the bridge was closed. It rained.";
	char id[] = "X", st[] = "required", sid[] = "x", names[] = "Officials|officials", key[] = "bridge was closed";
	struct gold g = { id, st, sid, names, key, 1, -1 };
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
	/* a key is placed on its gold line: the second "it was closed" when
	 * the row points at line 2, in text that extraction reflowed */
	{
		const char *raw = "Officials said it was closed.\nPolice said it was closed.\n";
		const char *flat = "Officials said it was closed. Police said it was closed.";
		char key2[] = "it was closed";
		struct gold g2 = { id, st, sid, names, key2, 2, -1 };

		gold_place(&g2, 1, raw, flat);
		assert_int_equal(g2.key_off, 42);
		g2.line = 1;
		g2.key_off = -1;
		gold_place(&g2, 1, raw, flat);
		assert_int_equal(g2.key_off, 15);
	}
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
		cmocka_unit_test(test_asides),
		cmocka_unit_test(test_relative_and_coordinated),
		cmocka_unit_test(test_pronoun_gender_and_mentions),
		cmocka_unit_test(test_round4_classes),
		cmocka_unit_test(test_split_quote_bare_clause_publisher),
		cmocka_unit_test(test_credit_line_before_caption),
		cmocka_unit_test(test_more_negatives),
		cmocka_unit_test(test_empty_and_no_sentences),
		cmocka_unit_test(test_unbalanced_quotes),
		cmocka_unit_test(test_huge_paragraph),
		cmocka_unit_test(test_entity_tracking),
		cmocka_unit_test(test_acronym_in_text),
		cmocka_unit_test(test_own_outlet),
		cmocka_unit_test(test_clause_structures),
		cmocka_unit_test(test_subjects_and_cues),
		cmocka_unit_test(test_round3_classes),
		cmocka_unit_test(test_scorer_rejects),
		cmocka_unit_test(test_gold_seed),
		cmocka_unit_test(test_gold_wire),
		cmocka_unit_test(test_gold_local),
		cmocka_unit_test(test_gold_release),
		cmocka_unit_test(test_gold_eval),
		cmocka_unit_test(test_gold_eval2_dev),
		cmocka_unit_test(test_gold_eval3_dev),
		cmocka_unit_test(test_round5_names),
		cmocka_unit_test(test_round5_shapes),
		cmocka_unit_test(test_round5_credits),
		cmocka_unit_test(test_gold_eval4_dev),
		cmocka_unit_test(test_gold_eval5_blind),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
