/*
 * store.h - the SQLite store of provtrace: the provenance graph and all
 * that supports it (resolutions and their hops, documents with their text
 * and fingerprints, the MinHash LSH index, attributions, signals, batches).
 *
 * The schema is store/schema.sql, versioned with PRAGMA user_version; a
 * store written by an older provtrace is migrated when opened, and one
 * written by a newer provtrace is refused.  The store runs in WAL mode with
 * foreign keys on and a busy timeout, so a batch and a report can share it.
 *
 * Writes of one trace go inside store_begin() / store_commit(): a crash or
 * an error (store_rollback()) leaves the store as it was before.  All SQL
 * goes through prepared statements.
 *
 * Functions return PT_OK or PT_STORE; on PT_STORE the SQLite message is
 * available from store_errmsg().
 */
#ifndef PT_STORE_H
#define PT_STORE_H

#include <stdint.h>

#include "../src/util.h"

struct store;
typedef struct sqlite3 sqlite3;

/* Newest schema version this build writes. */
#define STORE_SCHEMA_VERSION 1

/*
 * Open (creating when missing) the store at path, ":memory:" for a
 * throw-away one.  On failure returns PT_STORE with a message in err and
 * leaves *out untouched.
 */
enum pt_result store_open(struct store **out, const char *path, struct buf *err);
void store_close(struct store *s);          /* NULL is a no-op */
const char *store_errmsg(const struct store *s);
int store_schema_version(struct store *s);

enum pt_result store_begin(struct store *s);
enum pt_result store_commit(struct store *s);
void store_rollback(struct store *s);

/* A run is one command that writes; returns its id in *id. */
enum pt_result store_run_begin(struct store *s, const char *command,
			       const char *input, int64_t *id);
enum pt_result store_run_finish(struct store *s, int64_t run_id);

/* ---- graph ---------------------------------------------------------- */

/* Find or create the node (kind, key); label and props (JSON text) are set
 * when given (non-NULL).  *id receives the node id. */
enum pt_result store_node(struct store *s, const char *kind, const char *key,
			  const char *label, const char *props, int64_t *id);
/* Look a node up without creating it: PT_NOT_FOUND when absent. */
enum pt_result store_node_find(struct store *s, const char *kind,
			       const char *key, int64_t *id);
enum pt_result store_edge(struct store *s, const char *kind, int64_t src,
			  int64_t dst, int64_t run_id, const char *props);

/* ---- resolutions ---------------------------------------------------- */

struct store_hop {
	const char *url;
	long status;                /* 0 when none (unwrap, start offline) */
	const char *via;            /* start, http, meta-refresh, js, unwrap */
	double ms;
	const char *ip;
	const char *tls_subject, *tls_issuer, *tls_sha256;
};

struct store_resolution {
	const char *input, *final, *clean;
	const char *error_code, *error_message;    /* NULL when none */
	const char *started;                       /* ISO 8601 */
	double ms;
	const struct store_hop *hops;
	size_t nhops;
};

/* Store a resolution with its hops, and a redirects_to edge between the
 * document nodes of consecutive hops. */
enum pt_result store_add_resolution(struct store *s, int64_t run_id,
				    const struct store_resolution *r,
				    int64_t *id);

/* Number of rows of a table (for tests and `graph stats`); -1 on error. */
int64_t store_count(struct store *s, const char *table);

/* The underlying handle, for the store modules only. */
sqlite3 *store_handle(struct store *s);

/* ---- documents and the fingerprint index ---- */

/*
 * A document to store (store/documents.c): a `document` node keyed by its
 * URL, absolute file path or "sha256:<text sha>", its row in `document`,
 * and its MinHash LSH band hashes in `lsh_band` (replaced when the text
 * changed).  Every pointer is borrowed; NULL strings store NULL.
 */
struct store_document {
	const char *key;            /* node key; required */
	const char *url, *path, *fetched, *payload_sha256, *text_sha256;
	const char *title, *byline, *published, *modified, *site_name;
	const char *canonical, *lang;
	const char *text;
	size_t text_len;
	int64_t chars, tokens;
	uint64_t simhash;
	const uint32_t *minhash;    /* nminhash values, stored little-endian */
	size_t nminhash;
	const int64_t *bands;       /* band i has hash bands[i] */
	size_t nbands;
	const char *meta;           /* JSON text */
};

/* Store d (inside the caller's transaction); *node_id receives its node. */
enum pt_result store_add_document(struct store *s, const struct store_document *d,
				  int64_t *node_id);

/* A stored document read back.  Strings are owned (free with
 * store_doc_release()); text is NULL unless asked for. */
struct store_doc {
	int64_t node_id;
	char *key, *url, *path, *title, *text_sha256;
	char *text;
	size_t text_len;
	int64_t chars, tokens;
	uint64_t simhash;
	uint32_t *minhash;
	size_t nminhash;
};

void store_doc_init(struct store_doc *d);
void store_doc_release(struct store_doc *d);

/* Read document node_id into *out (initialised; released first).  Returns
 * PT_OK, PT_NOT_FOUND or PT_STORE. */
enum pt_result store_doc_get(struct store *s, int64_t node_id, int with_text,
			     struct store_doc *out);

/* Look a stored document up by its node key: PT_NOT_FOUND when absent. */
enum pt_result store_doc_find(struct store *s, const char *key, int64_t *node_id);

struct store_candidate {
	int64_t node_id;
	int bands;                  /* LSH bands shared with the query */
};

/*
 * Documents sharing at least one LSH band with the query (bands[i] is the
 * hash of band i), most bands shared first, at most limit.  *out is an
 * array the caller frees with free() (NULL when none), count in *n.
 */
enum pt_result store_lsh_candidates(struct store *s, const int64_t *bands,
				    size_t nbands, size_t limit,
				    struct store_candidate **out, size_t *n);

#endif
