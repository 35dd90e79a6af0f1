/*
 * fuzz_extract_text.c - libFuzzer target: extract_text() (plain text split
 * into paragraphs) and the HTML/text sniffer on hostile bytes.  Built and
 * run by tests/fuzz/run.sh.
 */
#include <stddef.h>
#include <stdint.h>

#include "../../trace/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct document doc;
	struct buf err = BUF_INIT;

	document_init(&doc);
	if (extract_text((const char *)data, size, &doc, &err) == PT_OK) {
		/* Blocks must lie inside the text, in order. */
		size_t prev = 0;

		for (size_t i = 0; i < doc.nblocks; i++) {
			if (doc.blocks[i].start > doc.blocks[i].end ||
			    doc.blocks[i].end > doc.text.len ||
			    doc.blocks[i].start < prev)
				__builtin_trap();
			prev = doc.blocks[i].end;
		}
	}
	document_release(&doc);
	buf_release(&err);
	(void)extract_sniff_html((const char *)data, size);
	return 0;
}
