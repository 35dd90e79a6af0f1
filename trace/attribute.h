/*
 * attribute.h - who says what: find every piece of information an article
 * attributes to someone, the source it names, how (the cue), and what the
 * article and our rules say about that source.
 *
 * An attribution is a source-cue-content triple (PARC 3.0): "the monitor"
 * (source) "said" (cue) "Faylaq al-Sham launched ..." (content).  The
 * engine works sentence by sentence (trace/sentence.h) over a small token
 * stream and knows these shapes:
 *
 *   direct quotes      "...," X said / "...," said X / X said: "..."
 *                      and a following all-quoted sentence by the same
 *                      speaker (a continued quote)
 *   partial quotes     X called it a "key part of the mission"
 *   indirect speech    X said/told Y/reported/wrote ... (that) ...;
 *                      CONTENT, X said.
 *   according to X     either side of the content
 *   passive            CONTENT was shared/first reported/posted by X
 *   frames             In a statement sent to Y, X ...; In conversations
 *                      with Y, X ...; As X reported, ...
 *   photo credits      NAME/AGENCY/Getty Images, (AP Photo/NAME), ...,
 *                      and a credit line above its caption ("Image
 *                      source, X" / "Image caption, ...")
 *   around a subject   asides ("Tom Harlan, D-Mich., said", "Rosa
 *                      Huaman, 54, told", "the Red Cross (IFRC) said"),
 *                      appositives, relative clauses ("Republicans who
 *                      opposed the bill said")
 *   coordination       "X said A and warned B" is one attribution whose
 *                      claim runs over both clauses (cue "said / warned");
 *                      "A, noting B" two; a second speaker in the claim
 *                      ("A, though its authors cautioned that B"); split
 *                      quotes ("Q1," she said, "Q2.")
 *   clause structure   a light chunker (np_longest: noun phrases from
 *                      capitals, function words and the rules' nouns)
 *                      finds a source in a relative clause ("which Sky
 *                      News reported could fetch"), the subject of the
 *                      nearest clause for a participle ("after the maker
 *                      cut its forecast, blaming ..."), an antecedent
 *                      ("the report, which showed"), a purpose infinitive
 *                      ("took to social media to complain that"), and a
 *                      document or video as the speaker ("figures from X
 *                      show", "videos ... appeared to show")
 *   names              labels and titles stripped ("Democrat Laura
 *                      Whitfield"), "X of Y" (person X, affiliation Y), a
 *                      role then its holder (", said her spokesman, Marcus
 *                      Bell"), quantified unnamed sources ("two of those
 *                      people", "aides involved in ..."), a document by
 *                      the body that keeps it ("Finance Committee records"
 *                      -> Finance Committee), no leading article
 *   quotes over        a quotation left open at a sentence's end runs on
 *   sentences          into the next sentences up to its closing mark
 *   inside names       commas ("Department for Environment, Food and
 *                      Rural Affairs said") and '&' ("Karen Clark &
 *                      Company"); an owner is no part of a person's name
 *                      ("Al Jazeera's Rania Khoury"); a role, then its
 *                      holder in commas, also after a quotation ('"...,"
 *                      the mission's spokesperson, Marco Bellini, said');
 *                      a chained source ("RIA Novosti, citing ...,
 *                      reported"); sentence-initial adjectives dropped
 *                      ("Rival Kestrel Lithium Corp."); documents by
 *                      their author ("a fiscal note from X", "a timeline
 *                      posted on X's website", "a presentation by ROLE,
 *                      NAME", "Video sent to Y by X", "The analysis,
 *                      published by X, found"); "a user named X"; "The
 *                      statement quoted X: "..."" (X speaks)
 *   more speakers      "CONTENT, X says, as Y warn that B"; '"...," X
 *                      wrote, adding that B'; an owner that opens a
 *                      sentence ("Bramwell Group's shares ...") is what
 *                      "the retailer" points back to
 *   round five         a claim that begins at the verb ("warning of
 *                      damaging winds and "...""); "says states that
 *                      automate ..." ("that" relative after "say");
 *                      "said in a memo, obtained by X, that ..." (X is no
 *                      source); "CONTENT, X told Y, largely because ...";
 *                      "According to two people who worked on ..., ...";
 *                      "Economists polled by X"; "according to AP race
 *                      calls,"; a tell verb's object never speaks
 *                      ('"...," X, a role, told national television');
 *                      "The researchers ... They found"; names: "OPEC+",
 *                      "Qasbah Marine Services" (no title), "the federal
 *                      Centers for ..." (no adjective), "the National
 *                      Snow and Ice Data Center" (not the alias "The
 *                      National"), "Board of Higher Education" (a body),
 *                      "a state audit released Monday" (no release time);
 *                      credits "(Body / Platform)"
 *   not attributions   "attributed to X", "is said to be", "a reported
 *                      40", "the said property", "told to leave",
 *                      "expected to announce", "than the statements
 *                      suggest", "asked that her name not be published",
 *                      "who asked not to be named"
 *
 * The words and patterns (cue verbs with their inflections, frames, credit
 * patterns, source nouns, anonymity markers, titles) come from the "cue"
 * records of the rules (rules/data/cues.rules); the sources, their aliases,
 * back-references ("the monitor"), types and affiliations from the
 * "source" records (rules/data/sources.rules).  A named source is resolved
 * to its rule (source_id); an unknown one is still reported as written.
 * Back-references and pronouns resolve to the last speaker they fit; he
 * and she learn a speaker's gender from titles and from the pronouns used
 * of them (outside quotations), and the subject of a sentence ("Gaines was
 * not convinced.", "Sudan's health ministry put the toll at 56") becomes
 * the latest a pronoun or "the ministry" may point to.  A person named
 * anywhere ("founded by Marcus Vell") is known by the surname later, a
 * body by its first word ("Brightwell" for "Brightwell Energy Inc."), and
 * an acronym the article defines ("Rapid Support Forces (RSF)") means
 * that name in it, whatever the rules know it as.  The article's own
 * outlet (its byline or dateline) is no source of documents "reviewed" or
 * "obtained by" it.
 *
 * Work is bounded: at most ATTR_MAX_TOKENS tokens of a sentence are looked
 * at and at most ATTR_MAX_RESULTS attributions are kept, so any input takes
 * time linear in its length.
 */
#ifndef PT_ATTRIBUTE_H
#define PT_ATTRIBUTE_H

#include <stddef.h>

#include "extract.h"

#define ATTR_MAX_TOKENS   400
#define ATTR_MAX_RESULTS  20000

struct rules;
struct attr_kb;

struct attribution {
	char *source;           /* canonical name, or the name as written */
	char *source_id;        /* id of the source rule, or NULL */
	char *surface;          /* the source as written ("the monitor") */
	char *cue;              /* the cue as written, lower case ("said") */
	const char *kind;       /* static: quote, partial-quote, indirect,
				   document, footage, photo, reported */
	size_t start, end;      /* the claim: byte range in the text */
	size_t src_start, src_end;  /* the source as written: byte range */
	int anonymous;          /* no named person or body stands behind it */
	char *descriptor;       /* the article's own description, or NULL */
	char *source_type;      /* rule type ("monitor"), "person", or NULL */
	char *affiliation;      /* from the rules or the text, or NULL */
	char *org;              /* id of a person's organisation, or NULL */
};

struct attribution_list {
	struct attribution *v;
	size_t n, cap;
};

void attribution_list_init(struct attribution_list *l);
/* Frees every attribution's strings and the array; l is left empty. */
void attribution_list_release(struct attribution_list *l);

/*
 * Compile the cue and source records of r into a lookup structure.  r must
 * outlive it (patterns are borrowed).  Returns PT_OK with *out set (free
 * with attr_kb_free()), or PT_BAD_INPUT with a message in err when the
 * rules lack what attribution needs.
 */
enum pt_result attr_kb_new(const struct rules *r, struct attr_kb **out,
			   struct buf *err);
void attr_kb_free(struct attr_kb *kb);

/*
 * Find the attributions of text[0..len) and append them to out, in text
 * order.  blocks (may be NULL) marks paragraphs, captions and credit
 * lines; without blocks, credit lines at the end of a paragraph are found
 * by the credit patterns.  Offsets are byte offsets into text.
 */
enum pt_result attribute_text_kb(const struct attr_kb *kb, const char *text,
				 size_t len, const struct block *blocks,
				 size_t nblocks, struct attribution_list *out);

/* The same, compiling r for this call only. */
enum pt_result attribute_text(const struct rules *r, const char *text,
			      size_t len, const struct block *blocks,
			      size_t nblocks, struct attribution_list *out,
			      struct buf *err);

/*
 * The attributions as the JSON of the command-line contract:
 * {"attributions": [{"source", "source_id", "surface", "cue", "kind",
 * "claim", "start", "end", "anonymous", "descriptor", "source_type",
 * "affiliation"}]}.  Returns a new jansson json_t * (as void *, so this
 * header needs no jansson) that the caller releases with json_decref().
 */
void *attribution_list_json(const struct attribution_list *l, const char *text);

#endif
