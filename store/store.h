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

#endif
