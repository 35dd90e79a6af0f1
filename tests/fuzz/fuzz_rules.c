/*
 * fuzz_rules.c - libFuzzer target: the rule-file parser, rules_add_text(),
 * on a hostile user rule file, then every lookup over what it loaded.
 * Built and run by tests/fuzz/run.sh.
 */
#include <stddef.h>
#include <stdint.h>

#include "../../rules/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rules *r = rules_new();
	struct buf err = BUF_INIT;

	(void)rules_add_text(r, "fuzz.rules", (const char *)data, size, &err);
	for (size_t i = 0; i < rules_total(r); i++) {
		const struct rule *rule = rules_nth(r, i);
		size_t it = 0;

		if (!rule || !rule->type)
			__builtin_trap();
		if (rule->key && !rules_find(r, rule->type, rule->key))
			__builtin_trap();
		(void)rules_count(r, rule->type);
		while (rule_next(rule, "host", &it))
			;
		(void)rule_get(rule, "name");
	}
	/* A second file that may replace records of the first. */
	(void)rules_add_text(r, "fuzz2.rules", (const char *)data, size / 2,
			     &err);
	rules_free(r);
	buf_release(&err);
	return 0;
}
