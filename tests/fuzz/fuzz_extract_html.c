/*
 * fuzz_extract_html.c - libFuzzer target: extract_html() on hostile bytes.
 *
 * The input is an HTML page as a server would send it.  The HTTP header's
 * charset hint and the base URL are picked from small tables by the input
 * length, so every encoding path (BOM, hint, <meta charset>, sniffing) and
 * both link modes (base known or not) are reached without a prefix format
 * that would spoil the seed pages.  Built and run by tests/fuzz/run.sh.
 */
#include <stddef.h>
#include <stdint.h>

#include "../../trace/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const hints[] = {
		NULL, "utf-8", "windows-1252", "shift_jis", "utf-16le",
		"iso-2022-jp", "x-no-such-charset", "gb18030"
	};
	static const char *const bases[] = {
		NULL, "https://www.example.com/news/2020/a.html"
	};
	struct document doc;
	struct buf err = BUF_INIT;

	document_init(&doc);
	if (extract_html((const char *)data, size, hints[size % 8],
			 bases[(size / 8) % 2], &doc, &err) == PT_OK) {
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
