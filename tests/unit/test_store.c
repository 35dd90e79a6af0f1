/*
 * test_store.c - opening, migrating, transactions and resolutions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "../store/store.h"

static void test_open_memory(void **state)
{
	struct store *s = NULL;
	struct buf err = BUF_INIT;

	(void)state;
	assert_int_equal(store_open(&s, ":memory:", &err), PT_OK);
	assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
	assert_int_equal(store_count(s, "node"), 0);
	assert_int_equal(store_count(s, "no_such_table"), -1);
	store_close(s);
	store_close(NULL);
	buf_release(&err);
}

static void test_resolution_and_graph(void **state)
{
	struct store *s = NULL;
	struct buf err = BUF_INIT;
	int64_t run, id, n1, n2;
	struct store_hop hops[] = {
		{ "https://ift.tt/2TsCG02", 0, "start", 0, NULL, NULL, NULL, NULL },
		{ "https://news.google.com/x", 301, "http", 12.5, "127.0.0.1", NULL, NULL, NULL },
		{ "https://www.newsweek.com/a", 0, "unwrap", 0, NULL, NULL, NULL, NULL },
	};
	struct store_resolution res = {
		"https://ift.tt/2TsCG02", "https://www.newsweek.com/a",
		"https://www.newsweek.com/a", NULL, NULL, "2026-01-01T00:00:00Z",
		40.0, hops, 3
	};

	(void)state;
	assert_int_equal(store_open(&s, ":memory:", &err), PT_OK);
	assert_int_equal(store_begin(s), PT_OK);
	assert_int_equal(store_run_begin(s, "resolve", res.input, &run), PT_OK);
	assert_int_equal(store_add_resolution(s, run, &res, &id), PT_OK);
	assert_int_equal(store_run_finish(s, run), PT_OK);
	assert_int_equal(store_commit(s), PT_OK);
	assert_int_equal(store_count(s, "resolution"), 1);
	assert_int_equal(store_count(s, "hop"), 3);
	assert_int_equal(store_count(s, "node"), 3);
	assert_int_equal(store_count(s, "edge"), 2);

	/* The same node again is found, not duplicated. */
	assert_int_equal(store_node_find(s, "document", "https://ift.tt/2TsCG02", &n1), PT_OK);
	assert_int_equal(store_node(s, "document", "https://ift.tt/2TsCG02", "t", NULL, &n2), PT_OK);
	assert_int_equal(n1, n2);
	assert_int_equal(store_node_find(s, "document", "nope", &n1), PT_NOT_FOUND);
	store_close(s);
	buf_release(&err);
}

static void test_rollback_leaves_nothing(void **state)
{
	struct store *s = NULL;
	struct buf err = BUF_INIT;
	int64_t run;

	(void)state;
	assert_int_equal(store_open(&s, ":memory:", &err), PT_OK);
	assert_int_equal(store_begin(s), PT_OK);
	assert_int_equal(store_run_begin(s, "resolve", "x", &run), PT_OK);
	store_rollback(s);
	assert_int_equal(store_count(s, "run"), 0);
	/* An edge to a missing node breaks a foreign key: refused. */
	assert_int_equal(store_edge(s, "copy_of", 999, 998, 0, NULL), PT_STORE);
	store_close(s);
	buf_release(&err);
}

static void test_newer_store_refused(void **state)
{
	char path[] = "/tmp/pt-store-XXXXXX";
	int fd = mkstemp(path);
	sqlite3 *db;
	struct store *s = NULL;
	struct buf err = BUF_INIT;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(&s, path, &err), PT_STORE);
	assert_null(s);
	assert_non_null(strstr(err.s, "newer than this provtrace"));
	buf_release(&err);

	/* Not a database at all. */
	{
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs("this is not a database, just text, long enough to be read", f);
		fclose(f);
	}
	assert_int_equal(store_open(&s, path, &err), PT_STORE);
	assert_null(s);
	unlink(path);
	buf_release(&err);
}

static void test_file_store_migrates_once(void **state)
{
	char dir[] = "/tmp/pt-store-XXXXXX";
	char path[64];
	struct store *s = NULL;
	struct buf err = BUF_INIT;
	int64_t id;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/p.db", dir);
	assert_int_equal(store_open(&s, path, &err), PT_OK);
	assert_int_equal(store_node(s, "publisher", "newsweek.com", "Newsweek", NULL, &id), PT_OK);
	store_close(s);
	assert_int_equal(store_open(&s, path, &err), PT_OK);
	assert_int_equal(store_count(s, "node"), 1);
	store_close(s);
	unlink(path);
	{
		char p2[80];
		snprintf(p2, sizeof(p2), "%s-wal", path);
		unlink(p2);
		snprintf(p2, sizeof(p2), "%s-shm", path);
		unlink(p2);
	}
	rmdir(dir);
	buf_release(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_memory),
		cmocka_unit_test(test_resolution_and_graph),
		cmocka_unit_test(test_rollback_leaves_nothing),
		cmocka_unit_test(test_newer_store_refused),
		cmocka_unit_test(test_file_store_migrates_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
