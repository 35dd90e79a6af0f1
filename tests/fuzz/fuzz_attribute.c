/*
 * fuzz_attribute.c - libFuzzer target: attribution and sentence splitting
 * on hostile text.  The input is an article text; it is split into
 * sentences with and without the blocks of extract_text(), and attributed
 * with the built-in rules (attribute_text_kb()) both ways, every range
 * checked and the JSON built.  Built and run by tests/fuzz/run.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "../../rules/rules.h"
#include "../../trace/attribute.h"
#include "../../trace/extract.h"
#include "../../trace/sentence.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rules *R;
static struct attr_kb *KB;

static void check_attr(const struct attribution_list *l, size_t len,
		       const char *text)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct attribution *a = &l->v[i];

		if (a->start > a->end || a->end > len ||
		    a->src_start > a->src_end || a->src_end > len)
			__builtin_trap();
	}
	json_decref(attribution_list_json(l, text));
}

static void check_sent(const struct sentence_list *l, size_t len)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].start > l->v[i].end || l->v[i].end > len ||
		    (i && l->v[i].start < l->v[i - 1].end))
			__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct document doc;
	struct buf err = BUF_INIT;
	struct attribution_list al;
	struct sentence_list sl;

	if (!KB) {
		if (rules_load(&R, NULL, &err) != PT_OK ||
		    attr_kb_new(R, &KB, &err) != PT_OK)
			abort();
		buf_release(&err);
	}
	/* Raw bytes: no blocks, paragraphs at blank lines. */
	sentence_list_init(&sl);
	sentence_split((const char *)data, size, NULL, 0, &sl);
	check_sent(&sl, size);
	sentence_list_release(&sl);

	/* attribution_list_json() reads the text as a C string. */
	document_init(&doc);
	if (extract_text((const char *)data, size, &doc, &err) == PT_OK) {
		attribution_list_init(&al);
		attribute_text_kb(KB, doc.text.s, doc.text.len, NULL, 0, &al);
		check_attr(&al, doc.text.len, doc.text.s);
		attribution_list_release(&al);

		attribution_list_init(&al);
		attribute_text_kb(KB, doc.text.s, doc.text.len, doc.blocks,
				  doc.nblocks, &al);
		check_attr(&al, doc.text.len, doc.text.s);
		attribution_list_release(&al);

		sentence_list_init(&sl);
		sentence_split(doc.text.s, doc.text.len, doc.blocks,
			       doc.nblocks, &sl);
		check_sent(&sl, doc.text.len);
		sentence_list_release(&sl);
	}
	document_release(&doc);
	buf_release(&err);
	return 0;
}
