/*
 * documents.c - documents, their fingerprints and the MinHash LSH index in
 * the store (see "documents and the fingerprint index" in store.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static char *column_strdup(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	return v ? xstrdup((const char *)v) : NULL;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

/* The stored text SHA-256 of node_id into have (empty when none). */
static enum pt_result stored_sha(sqlite3 *db, int64_t node_id, char have[65])
{
	sqlite3_stmt *st;
	int rc;

	have[0] = '\0';
	if (sqlite3_prepare_v2(db, "SELECT text_sha256 FROM document WHERE node_id = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return PT_STORE;
	sqlite3_bind_int64(st, 1, node_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(have, 65, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PT_OK : PT_STORE;
}

static enum pt_result write_bands(sqlite3 *db, int64_t node_id,
				  const int64_t *bands, size_t nbands)
{
	sqlite3_stmt *st;
	enum pt_result r = PT_OK;

	if (sqlite3_prepare_v2(db, "DELETE FROM lsh_band WHERE node_id = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return PT_STORE;
	sqlite3_bind_int64(st, 1, node_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		r = PT_STORE;
	sqlite3_finalize(st);
	if (r != PT_OK || !nbands)
		return r;
	if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO lsh_band(band, hash, node_id) "
			       "VALUES (?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		return PT_STORE;
	for (size_t i = 0; i < nbands && r == PT_OK; i++) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)i);
		sqlite3_bind_int64(st, 2, bands[i]);
		sqlite3_bind_int64(st, 3, node_id);
		if (sqlite3_step(st) != SQLITE_DONE)
			r = PT_STORE;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return r;
}

enum pt_result store_add_document(struct store *s, const struct store_document *d,
				  int64_t *node_id)
{
	sqlite3 *db = store_handle(s);
	sqlite3_stmt *st;
	unsigned char *blob = NULL;
	char have[65];
	int64_t id;
	int rc, same_text;

	if (!d->key)
		return PT_INTERNAL;
	if (store_node(s, "document", d->key, d->title, NULL, &id) != PT_OK)
		return PT_STORE;
	if (stored_sha(db, id, have) != PT_OK)
		return PT_STORE;
	same_text = d->text_sha256 && !strcmp(have, d->text_sha256);

	if (sqlite3_prepare_v2(db,
		"INSERT OR REPLACE INTO document(node_id, url, path, fetched, "
		"payload_sha256, text_sha256, title, byline, published, modified, "
		"site_name, canonical, lang, text, chars, tokens, simhash, minhash, meta) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		-1, &st, NULL) != SQLITE_OK)
		return PT_STORE;
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, d->url);
	bind_text(st, 3, d->path);
	bind_text(st, 4, d->fetched);
	bind_text(st, 5, d->payload_sha256);
	bind_text(st, 6, d->text_sha256);
	bind_text(st, 7, d->title);
	bind_text(st, 8, d->byline);
	bind_text(st, 9, d->published);
	bind_text(st, 10, d->modified);
	bind_text(st, 11, d->site_name);
	bind_text(st, 12, d->canonical);
	bind_text(st, 13, d->lang);
	if (d->text)
		sqlite3_bind_text64(st, 14, d->text, d->text_len, SQLITE_STATIC,
				    SQLITE_UTF8);
	else
		sqlite3_bind_null(st, 14);
	sqlite3_bind_int64(st, 15, d->chars);
	sqlite3_bind_int64(st, 16, d->tokens);
	/* SQLite integers are signed: the 64 bits are stored as they are. */
	sqlite3_bind_int64(st, 17, (sqlite3_int64)d->simhash);
	if (d->minhash && d->nminhash) {
		blob = xmalloc(d->nminhash * 4);
		for (size_t i = 0; i < d->nminhash; i++) {
			uint32_t v = d->minhash[i];

			blob[4 * i] = (unsigned char)v;
			blob[4 * i + 1] = (unsigned char)(v >> 8);
			blob[4 * i + 2] = (unsigned char)(v >> 16);
			blob[4 * i + 3] = (unsigned char)(v >> 24);
		}
		sqlite3_bind_blob(st, 18, blob, (int)(d->nminhash * 4), SQLITE_STATIC);
	} else {
		sqlite3_bind_null(st, 18);
	}
	bind_text(st, 19, d->meta);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	free(blob);
	if (rc != SQLITE_DONE)
		return PT_STORE;
	/* The same text has the same bands: no need to rewrite the index. */
	if (!same_text && write_bands(db, id, d->bands, d->nbands) != PT_OK)
		return PT_STORE;
	if (node_id)
		*node_id = id;
	return PT_OK;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

void store_doc_init(struct store_doc *d)
{
	memset(d, 0, sizeof(*d));
}

void store_doc_release(struct store_doc *d)
{
	free(d->key);
	free(d->url);
	free(d->path);
	free(d->title);
	free(d->text_sha256);
	free(d->text);
	free(d->minhash);
	store_doc_init(d);
}

enum pt_result store_doc_get(struct store *s, int64_t node_id, int with_text,
			     struct store_doc *out)
{
	sqlite3_stmt *st;
	int rc;

	store_doc_release(out);
	if (sqlite3_prepare_v2(store_handle(s),
		"SELECT n.key, d.url, d.path, d.title, d.text_sha256, d.chars, "
		"d.tokens, d.simhash, d.minhash, CASE WHEN ? THEN d.text END "
		"FROM document d JOIN node n ON n.id = d.node_id WHERE d.node_id = ?",
		-1, &st, NULL) != SQLITE_OK)
		return PT_STORE;
	sqlite3_bind_int(st, 1, with_text ? 1 : 0);
	sqlite3_bind_int64(st, 2, node_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? PT_NOT_FOUND : PT_STORE;
	}
	out->node_id = node_id;
	out->key = column_strdup(st, 0);
	out->url = column_strdup(st, 1);
	out->path = column_strdup(st, 2);
	out->title = column_strdup(st, 3);
	out->text_sha256 = column_strdup(st, 4);
	out->chars = sqlite3_column_int64(st, 5);
	out->tokens = sqlite3_column_int64(st, 6);
	out->simhash = (uint64_t)sqlite3_column_int64(st, 7);
	{
		const unsigned char *b = sqlite3_column_blob(st, 8);
		size_t n = (size_t)sqlite3_column_bytes(st, 8) / 4;

		if (b && n) {
			out->minhash = xmalloc(n * sizeof(uint32_t));
			for (size_t i = 0; i < n; i++)
				out->minhash[i] = (uint32_t)b[4 * i] |
					(uint32_t)b[4 * i + 1] << 8 |
					(uint32_t)b[4 * i + 2] << 16 |
					(uint32_t)b[4 * i + 3] << 24;
			out->nminhash = n;
		}
	}
	if (with_text && sqlite3_column_type(st, 9) != SQLITE_NULL) {
		const char *t = (const char *)sqlite3_column_text(st, 9);

		out->text_len = (size_t)sqlite3_column_bytes(st, 9);
		out->text = xstrndup(t ? t : "", out->text_len);
	}
	sqlite3_finalize(st);
	return PT_OK;
}

enum pt_result store_doc_find(struct store *s, const char *key, int64_t *node_id)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(store_handle(s),
		"SELECT d.node_id FROM document d JOIN node n ON n.id = d.node_id "
		"WHERE n.kind = 'document' AND n.key = ?", -1, &st, NULL) != SQLITE_OK)
		return PT_STORE;
	bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*node_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return PT_OK;
	return rc == SQLITE_DONE ? PT_NOT_FOUND : PT_STORE;
}

/* Bands per query: SQLite's default limit on host parameters is 32766. */
#define MAX_QUERY_BANDS 4096

enum pt_result store_lsh_candidates(struct store *s, const int64_t *bands,
				    size_t nbands, size_t limit,
				    struct store_candidate **out, size_t *n)
{
	struct buf sql = BUF_INIT;
	struct store_candidate *v = NULL;
	size_t cnt = 0, cap = 0;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if (!nbands)
		return PT_OK;
	if (nbands > MAX_QUERY_BANDS)
		nbands = MAX_QUERY_BANDS;
	/* One statement: each (band, hash) pair is a primary-key lookup. */
	buf_adds(&sql, "WITH q(band, hash) AS (VALUES ");
	for (size_t i = 0; i < nbands; i++)
		buf_adds(&sql, i ? ",(?,?)" : "(?,?)");
	buf_adds(&sql, ") SELECT l.node_id, count(*) AS c FROM q "
		 "JOIN lsh_band l ON l.band = q.band AND l.hash = q.hash "
		 "GROUP BY l.node_id ORDER BY c DESC, l.node_id LIMIT ?");
	rc = sqlite3_prepare_v2(store_handle(s), sql.s, (int)sql.len, &st, NULL);
	buf_release(&sql);
	if (rc != SQLITE_OK)
		return PT_STORE;
	for (size_t i = 0; i < nbands; i++) {
		sqlite3_bind_int64(st, (int)(2 * i + 1), (sqlite3_int64)i);
		sqlite3_bind_int64(st, (int)(2 * i + 2), bands[i]);
	}
	sqlite3_bind_int64(st, (int)(2 * nbands + 1), (sqlite3_int64)limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ARRAY_GROW(v, cap, cnt + 1);
		v[cnt].node_id = sqlite3_column_int64(st, 0);
		v[cnt].bands = sqlite3_column_int(st, 1);
		cnt++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return PT_STORE;
	}
	*out = v;
	*n = cnt;
	return PT_OK;
}
