-- provtrace store schema.  The version is PRAGMA user_version; store.c holds
-- the migrations that bring an older store up to date.  This file is the
-- whole schema of the newest version, applied to a new store.
--
-- The provenance graph is node + edge; typed side tables hold what one kind
-- of node carries (a document's text and fingerprints, a resolution's hops).

CREATE TABLE run (
	id        INTEGER PRIMARY KEY,
	command   TEXT NOT NULL,            -- resolve, trace, batch ...
	started   TEXT NOT NULL,            -- ISO 8601 UTC
	finished  TEXT,
	version   TEXT NOT NULL,
	input     TEXT
);

-- Nodes of the provenance graph.  kind: document, publisher, source, claim,
-- feed.  key identifies the node within its kind (a URL, a domain, a rules
-- source id, "doc:<id>#start-end" for a claim).
CREATE TABLE node (
	id        INTEGER PRIMARY KEY,
	kind      TEXT NOT NULL CHECK (kind IN
	            ('document','publisher','source','claim','feed')),
	key       TEXT NOT NULL,
	label     TEXT,
	props     TEXT,                     -- JSON object
	UNIQUE (kind, key)
);

-- Edges: redirects_to, copy_of, published_by, via_feed, contains_claim,
-- attributed_to, describes, affiliated_with, photo_by.
CREATE TABLE edge (
	id        INTEGER PRIMARY KEY,
	kind      TEXT NOT NULL,
	src       INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE,
	dst       INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE,
	run_id    INTEGER REFERENCES run(id) ON DELETE SET NULL,
	props     TEXT                      -- JSON object
);
CREATE INDEX edge_src ON edge(src, kind);
CREATE INDEX edge_dst ON edge(dst, kind);

-- One resolution of one input URL.
CREATE TABLE resolution (
	id        INTEGER PRIMARY KEY,
	run_id    INTEGER REFERENCES run(id) ON DELETE SET NULL,
	input     TEXT NOT NULL,
	final     TEXT,
	clean     TEXT,
	error_code    TEXT,
	error_message TEXT,
	started   TEXT NOT NULL,
	ms        REAL
);
CREATE INDEX resolution_input ON resolution(input);
CREATE INDEX resolution_final ON resolution(final);

CREATE TABLE hop (
	resolution_id INTEGER NOT NULL REFERENCES resolution(id) ON DELETE CASCADE,
	seq       INTEGER NOT NULL,
	url       TEXT NOT NULL,
	status    INTEGER,
	via       TEXT NOT NULL CHECK (via IN ('start','http','meta-refresh','js','unwrap')),
	ms        REAL,
	ip        TEXT,
	tls_subject TEXT,
	tls_issuer  TEXT,
	tls_sha256  TEXT,
	PRIMARY KEY (resolution_id, seq)
) WITHOUT ROWID;

-- A document node's content: what was fetched or read, what was extracted,
-- and its fingerprints.
CREATE TABLE document (
	node_id   INTEGER PRIMARY KEY REFERENCES node(id) ON DELETE CASCADE,
	url       TEXT,
	path      TEXT,
	fetched   TEXT,
	payload_sha256 TEXT,
	text_sha256    TEXT,
	title     TEXT,
	byline    TEXT,
	published TEXT,
	modified  TEXT,
	site_name TEXT,
	canonical TEXT,
	lang      TEXT,
	text      TEXT,
	chars     INTEGER,
	tokens    INTEGER,
	simhash   INTEGER,                  -- 64 bits, stored signed
	minhash   BLOB,                     -- little-endian uint32 values
	meta      TEXT                      -- JSON: og, jsonld, links ...
);
CREATE INDEX document_text_sha256 ON document(text_sha256);
CREATE INDEX document_url ON document(url);

-- MinHash LSH bands: documents sharing a band hash are candidates.
CREATE TABLE lsh_band (
	band      INTEGER NOT NULL,
	hash      INTEGER NOT NULL,
	node_id   INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE,
	PRIMARY KEY (band, hash, node_id)
) WITHOUT ROWID;
CREATE INDEX lsh_band_node ON lsh_band(node_id);

-- Attributions found in a document (also as claim nodes and edges).
CREATE TABLE attribution (
	id        INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES node(id) ON DELETE CASCADE,
	claim_id  INTEGER REFERENCES node(id) ON DELETE CASCADE,
	source_id INTEGER REFERENCES node(id) ON DELETE SET NULL,
	source    TEXT NOT NULL,
	surface   TEXT,
	cue       TEXT,
	kind      TEXT,
	claim     TEXT,
	start     INTEGER,
	end       INTEGER,
	anonymous INTEGER NOT NULL DEFAULT 0,
	descriptor TEXT,
	source_type TEXT,
	affiliation TEXT
);
CREATE INDEX attribution_document ON attribution(document_id);
CREATE INDEX attribution_source ON attribution(source_id);

-- Credibility signals of a trace run, each with its evidence.
CREATE TABLE signal (
	id        INTEGER PRIMARY KEY,
	run_id    INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
	node_id   INTEGER REFERENCES node(id) ON DELETE CASCADE,
	rule_id   TEXT NOT NULL,
	weight    REAL NOT NULL,
	message   TEXT NOT NULL,
	evidence  TEXT
);

-- Batch jobs: resumable lists of inputs.
CREATE TABLE batch_item (
	batch     TEXT NOT NULL,
	seq       INTEGER NOT NULL,
	input     TEXT NOT NULL,
	state     TEXT NOT NULL DEFAULT 'pending'
	            CHECK (state IN ('pending','done','failed')),
	run_id    INTEGER REFERENCES run(id) ON DELETE SET NULL,
	error     TEXT,
	PRIMARY KEY (batch, seq)
) WITHOUT ROWID;
