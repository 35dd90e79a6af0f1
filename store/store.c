/*
 * store.c - opening, migrating and writing the SQLite store.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"

extern const char *const store_schema_texts[];

struct store {
	sqlite3 *db;
	int in_tx;
};

sqlite3 *store_handle(struct store *s)
{
	return s->db;
}

const char *store_errmsg(const struct store *s)
{
	return s && s->db ? sqlite3_errmsg(s->db) : "no store";
}

/* ------------------------------------------------------------------ */
/* Opening and migrations                                              */
/* ------------------------------------------------------------------ */

/*
 * Migrations from version N-1 to N.  Version 1 is the whole schema.sql;
 * later versions append ALTERs here and update schema.sql, so a new store
 * and a migrated one end up the same.
 */
static const char *migration_sql(int to)
{
	switch (to) {
	case 1:
		return store_schema_texts[0];
	}
	return NULL;
}

static int exec(struct store *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int store_schema_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static enum pt_result migrate(struct store *s, struct buf *err)
{
	int v = store_schema_version(s);

	if (v < 0) {
		buf_addf(err, "cannot read the schema version: %s", sqlite3_errmsg(s->db));
		return PT_STORE;
	}
	if (v > STORE_SCHEMA_VERSION) {
		buf_addf(err, "the store has schema version %d, newer than this provtrace (%d)",
			 v, STORE_SCHEMA_VERSION);
		return PT_STORE;
	}
	while (v < STORE_SCHEMA_VERSION) {
		char pragma[64];

		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v + 1);
		if (exec(s, "BEGIN IMMEDIATE") ||
		    exec(s, migration_sql(v + 1)) || exec(s, pragma) ||
		    exec(s, "COMMIT")) {
			buf_addf(err, "cannot migrate the store to version %d: %s",
				 v + 1, sqlite3_errmsg(s->db));
			exec(s, "ROLLBACK");
			return PT_STORE;
		}
		v++;
	}
	return PT_OK;
}

enum pt_result store_open(struct store **out, const char *path, struct buf *err)
{
	struct store *s = xcalloc(1, sizeof(*s));
	enum pt_result r;

	if (sqlite3_open_v2(path, &s->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		buf_addf(err, "cannot open store '%s': %s", path,
			 s->db ? sqlite3_errmsg(s->db) : "out of memory");
		store_close(s);
		return PT_STORE;
	}
	sqlite3_busy_timeout(s->db, 10000);
	sqlite3_extended_result_codes(s->db, 1);
	if (exec(s, "PRAGMA foreign_keys = ON") ||
	    (strcmp(path, ":memory:") && exec(s, "PRAGMA journal_mode = WAL")) ||
	    exec(s, "PRAGMA synchronous = NORMAL")) {
		buf_addf(err, "cannot set up store '%s': %s", path, sqlite3_errmsg(s->db));
		store_close(s);
		return PT_STORE;
	}
	r = migrate(s, err);
	if (r != PT_OK) {
		store_close(s);
		return r;
	}
	*out = s;
	return PT_OK;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->in_tx)
		exec(s, "ROLLBACK");
	sqlite3_close(s->db);
	free(s);
}

/* ------------------------------------------------------------------ */
/* Transactions and runs                                               */
/* ------------------------------------------------------------------ */

enum pt_result store_begin(struct store *s)
{
	if (exec(s, "BEGIN IMMEDIATE"))
		return PT_STORE;
	s->in_tx = 1;
	return PT_OK;
}

enum pt_result store_commit(struct store *s)
{
	if (exec(s, "COMMIT"))
		return PT_STORE;
	s->in_tx = 0;
	return PT_OK;
}

void store_rollback(struct store *s)
{
	if (s->in_tx)
		exec(s, "ROLLBACK");
	s->in_tx = 0;
}

/* Prepare sql and bind text/int/real arguments described by types:
 * 't' text (NULL binds NULL), 'i' int64, 'l' long, 'd' double. */
static sqlite3_stmt *prepare(struct store *s, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int i = 1;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	va_start(ap, types);
	for (const char *t = types; *t; t++, i++) {
		switch (*t) {
		case 't': {
			const char *v = va_arg(ap, const char *);
			if (v)
				sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(st, i);
			break;
		}
		case 'i':
			sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
			break;
		case 'l':
			sqlite3_bind_int64(st, i, va_arg(ap, long));
			break;
		case 'd':
			sqlite3_bind_double(st, i, va_arg(ap, double));
			break;
		}
	}
	va_end(ap);
	return st;
}

/* Step a prepared statement to completion; 0 on success. */
static int finish(sqlite3_stmt *st)
{
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

enum pt_result store_run_begin(struct store *s, const char *command,
			       const char *input, int64_t *id)
{
	char now[32];

	now_iso8601(now);
	if (finish(prepare(s, "INSERT INTO run(command, started, version, input) "
			      "VALUES (?, ?, ?, ?)", "tttt",
			   command, now, PROVTRACE_VERSION, input)))
		return PT_STORE;
	*id = sqlite3_last_insert_rowid(s->db);
	return PT_OK;
}

enum pt_result store_run_finish(struct store *s, int64_t run_id)
{
	char now[32];

	now_iso8601(now);
	return finish(prepare(s, "UPDATE run SET finished = ? WHERE id = ?",
			      "ti", now, run_id)) ? PT_STORE : PT_OK;
}

/* ------------------------------------------------------------------ */
/* Graph                                                               */
/* ------------------------------------------------------------------ */

enum pt_result store_node_find(struct store *s, const char *kind,
			       const char *key, int64_t *id)
{
	sqlite3_stmt *st = prepare(s, "SELECT id FROM node WHERE kind = ? AND key = ?",
				   "tt", kind, key);
	int rc;

	if (!st)
		return PT_STORE;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return PT_OK;
	return rc == SQLITE_DONE ? PT_NOT_FOUND : PT_STORE;
}

enum pt_result store_node(struct store *s, const char *kind, const char *key,
			  const char *label, const char *props, int64_t *id)
{
	if (finish(prepare(s,
		"INSERT INTO node(kind, key, label, props) VALUES (?, ?, ?, ?) "
		"ON CONFLICT(kind, key) DO UPDATE SET "
		"label = coalesce(excluded.label, label), "
		"props = coalesce(excluded.props, props)",
		"tttt", kind, key, label, props)))
		return PT_STORE;
	return store_node_find(s, kind, key, id) == PT_OK ? PT_OK : PT_STORE;
}

enum pt_result store_edge(struct store *s, const char *kind, int64_t src,
			  int64_t dst, int64_t run_id, const char *props)
{
	return finish(prepare(s,
		"INSERT INTO edge(kind, src, dst, run_id, props) VALUES (?, ?, ?, nullif(?, 0), ?)",
		"tiiit", kind, src, dst, run_id, props)) ? PT_STORE : PT_OK;
}

/* ------------------------------------------------------------------ */
/* Resolutions                                                         */
/* ------------------------------------------------------------------ */

enum pt_result store_add_resolution(struct store *s, int64_t run_id,
				    const struct store_resolution *r,
				    int64_t *id)
{
	int64_t rid, prev = 0;

	if (finish(prepare(s,
		"INSERT INTO resolution(run_id, input, final, clean, error_code, "
		"error_message, started, ms) VALUES (nullif(?, 0), ?, ?, ?, ?, ?, ?, ?)",
		"ittttttd", run_id, r->input, r->final, r->clean, r->error_code,
		r->error_message, r->started, r->ms)))
		return PT_STORE;
	rid = sqlite3_last_insert_rowid(s->db);
	for (size_t i = 0; i < r->nhops; i++) {
		const struct store_hop *h = &r->hops[i];
		int64_t node;
		struct buf props = BUF_INIT;
		enum pt_result res;

		if (finish(prepare(s,
			"INSERT INTO hop(resolution_id, seq, url, status, via, ms, ip, "
			"tls_subject, tls_issuer, tls_sha256) "
			"VALUES (?, ?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?)",
			"iitltdtttt", rid, (int64_t)i, h->url, h->status, h->via,
			h->ms, h->ip, h->tls_subject, h->tls_issuer, h->tls_sha256)))
			return PT_STORE;
		if (store_node(s, "document", h->url, NULL, NULL, &node) != PT_OK)
			return PT_STORE;
		if (i > 0) {
			buf_addf(&props, "{\"via\":\"%s\",\"status\":%ld,\"seq\":%zu}",
				 h->via, h->status, i);
			res = store_edge(s, "redirects_to", prev, node, run_id, props.s);
			buf_release(&props);
			if (res != PT_OK)
				return res;
		}
		prev = node;
	}
	if (id)
		*id = rid;
	return PT_OK;
}

int64_t store_count(struct store *s, const char *table)
{
	static const char *const known[] = {
		"run", "node", "edge", "resolution", "hop", "document",
		"lsh_band", "attribution", "signal", "batch_item", NULL
	};
	char sql[64];
	sqlite3_stmt *st;
	int64_t n = -1;

	/* Table names cannot be bound: only known names are accepted. */
	for (int i = 0; known[i]; i++) {
		if (strcmp(known[i], table))
			continue;
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", known[i]);
		if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
			return -1;
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return n;
}
