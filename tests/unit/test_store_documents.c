/*
 * test_store_documents.c - documents, fingerprints and the LSH index in a
 * ":memory:" store.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../store/store.h"
#include "../../trace/fingerprint.h"

static struct store *open_memory(void)
{
	struct store *s = NULL;
	struct buf err = BUF_INIT;

	if (store_open(&s, ":memory:", &err) != PT_OK)
		fail_msg("%s", err.s);
	buf_release(&err);
	return s;
}

/* Fingerprint text and store it under key. */
static int64_t add(struct store *s, const char *key, const char *text,
		   struct fingerprint *fp_out)
{
	struct norm_text n;
	struct fingerprint fp;
	struct store_document d;
	int64_t bands[FP_LSH_BANDS], id = 0;

	norm_text_init(&n);
	fingerprint_init(&fp);
	assert_int_equal(normalize_text(text, strlen(text), &n), PT_OK);
	fp_compute(&n, &fp);
	fp_lsh_bands(fp.minhash, bands);
	memset(&d, 0, sizeof(d));
	d.key = key;
	d.url = strncmp(key, "http", 4) ? NULL : key;
	d.path = key[0] == '/' ? key : NULL;
	d.title = "A title";
	d.text = text;
	d.text_len = strlen(text);
	d.text_sha256 = fp.sha256;
	d.chars = (int64_t)fp.chars;
	d.tokens = (int64_t)fp.tokens;
	d.simhash = fp.simhash;
	d.minhash = fp.minhash;
	d.nminhash = FP_MINHASH_N;
	d.bands = bands;
	d.nbands = FP_LSH_BANDS;
	d.meta = "{\"links\":[]}";
	assert_int_equal(store_add_document(s, &d, &id), PT_OK);
	assert_true(id > 0);
	if (fp_out) {
		*fp_out = fp;
		fp.winnow = NULL;
	}
	fingerprint_release(&fp);
	norm_text_release(&n);
	return id;
}

static const char text1[] =
	"Russian aircraft bombed a camp belonging to the Turkey-backed Faylaq "
	"al-Sham group in Idlib's Jabal al-Duwailah region, killing up to 78 "
	"fighters and wounding 90, figures expected to rise, according to the "
	"Syrian Observatory for Human Rights.";
static const char text2[] =
	"The city council voted seven to four on Tuesday night to build "
	"protected bicycle lanes along three downtown avenues, ending more than "
	"a year of public hearings.";

static void test_roundtrip(void **state)
{
	struct store *s = open_memory();
	struct store_doc d;
	struct fingerprint fp;
	int64_t id, found;

	(void)state;
	assert_int_equal(store_begin(s), PT_OK);
	id = add(s, "https://www.newsweek.com/a", text1, &fp);
	assert_int_equal(store_commit(s), PT_OK);
	assert_int_equal(store_count(s, "document"), 1);
	assert_int_equal(store_count(s, "lsh_band"), FP_LSH_BANDS);

	store_doc_init(&d);
	assert_int_equal(store_doc_get(s, id, 1, &d), PT_OK);
	assert_string_equal(d.key, "https://www.newsweek.com/a");
	assert_string_equal(d.url, "https://www.newsweek.com/a");
	assert_null(d.path);
	assert_string_equal(d.title, "A title");
	assert_string_equal(d.text, text1);
	assert_int_equal(d.text_len, strlen(text1));
	assert_string_equal(d.text_sha256, fp.sha256);
	/* 64 bits survive SQLite's signed integers; MinHash its blob. */
	assert_true(d.simhash == fp.simhash);
	assert_int_equal(d.nminhash, FP_MINHASH_N);
	assert_memory_equal(d.minhash, fp.minhash, sizeof(fp.minhash));
	assert_int_equal(d.tokens, (int64_t)fp.tokens);

	/* Without text. */
	assert_int_equal(store_doc_get(s, id, 0, &d), PT_OK);
	assert_null(d.text);
	store_doc_release(&d);
	store_doc_release(&d);          /* released twice is harmless */

	assert_int_equal(store_doc_find(s, "https://www.newsweek.com/a", &found), PT_OK);
	assert_true(found == id);
	assert_int_equal(store_doc_find(s, "https://nowhere.example/", &found), PT_NOT_FOUND);
	assert_int_equal(store_doc_get(s, id + 100, 0, &d), PT_NOT_FOUND);
	fingerprint_release(&fp);
	store_close(s);
	store_close(NULL);
}

static void test_restore_replaces_bands(void **state)
{
	struct store *s = open_memory();
	int64_t id1, id2;

	(void)state;
	id1 = add(s, "/tmp/a.txt", text1, NULL);
	/* Same key, same text: one document, one set of bands. */
	id2 = add(s, "/tmp/a.txt", text1, NULL);
	assert_true(id1 == id2);
	assert_int_equal(store_count(s, "document"), 1);
	assert_int_equal(store_count(s, "lsh_band"), FP_LSH_BANDS);
	/* Same key, new text: the old bands are gone. */
	add(s, "/tmp/a.txt", text2, NULL);
	assert_int_equal(store_count(s, "document"), 1);
	assert_int_equal(store_count(s, "lsh_band"), FP_LSH_BANDS);
	store_close(s);
}

static void test_candidates(void **state)
{
	struct store *s = open_memory();
	struct fingerprint fp;
	struct store_candidate *c;
	size_t n;
	int64_t bands[FP_LSH_BANDS], id1, id2;

	(void)state;
	assert_int_equal(store_begin(s), PT_OK);
	id1 = add(s, "sha256:one", text1, NULL);
	id2 = add(s, "sha256:two", text2, NULL);
	assert_int_equal(store_commit(s), PT_OK);
	assert_true(id1 != id2);

	/* The first text with a few words added shares most bands with
	 * document one and none with document two. */
	{
		struct norm_text nt;
		char *t = xasprintf("%s Post a Comment", text1);

		norm_text_init(&nt);
		fingerprint_init(&fp);
		normalize_text(t, strlen(t), &nt);
		fp_compute(&nt, &fp);
		norm_text_release(&nt);
		free(t);
	}
	fp_lsh_bands(fp.minhash, bands);
	assert_int_equal(store_lsh_candidates(s, bands, FP_LSH_BANDS, 10, &c, &n), PT_OK);
	assert_int_equal(n, 1);
	assert_true(c[0].node_id == id1);
	assert_true(c[0].bands > FP_LSH_BANDS / 2);
	free(c);
	/* limit is respected and nothing found is not an error. */
	memset(bands, 0, sizeof(bands));
	assert_int_equal(store_lsh_candidates(s, bands, FP_LSH_BANDS, 10, &c, &n), PT_OK);
	assert_int_equal(n, 0);
	assert_null(c);
	fingerprint_release(&fp);
	store_close(s);
}

static void test_rollback(void **state)
{
	struct store *s = open_memory();

	(void)state;
	assert_int_equal(store_begin(s), PT_OK);
	add(s, "sha256:one", text1, NULL);
	store_rollback(s);
	assert_int_equal(store_count(s, "document"), 0);
	assert_int_equal(store_count(s, "lsh_band"), 0);
	assert_int_equal(store_count(s, "node"), 0);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_restore_replaces_bands),
		cmocka_unit_test(test_candidates),
		cmocka_unit_test(test_rollback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
