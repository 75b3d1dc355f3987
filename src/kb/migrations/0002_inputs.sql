-- Schema version 2: the stored article is the source of truth.
-- documents.extractor: the version of the extractor that made the document's
-- facts (Extractor::Version: release, engine-source hash, data hash); NULL for
-- documents stored before version 2. A document whose extractor differs from
-- the running one is stale: `oborot reextract` derives its facts again.
ALTER TABLE documents ADD COLUMN extractor TEXT;
CREATE INDEX documents_extractor ON documents(extractor);

-- document_inputs: each document's raw input as it was read (zlib-compressed
-- bytes) and the metadata it came with (JSON: id, source, url, title,
-- published, published_fallback, charset ...), from which its facts can be
-- derived again.
CREATE TABLE document_inputs (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  format TEXT NOT NULL,
  meta TEXT NOT NULL,
  size INTEGER NOT NULL,
  raw BLOB NOT NULL
);

-- fetched_urls: what `oborot fetch` knows of each URL it fetched, by its
-- canonical form: the validators for a conditional GET, the hash of the body
-- (identical content under two URLs is one document) and the document it gave.
CREATE TABLE fetched_urls (
  url TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  etag TEXT,
  last_modified TEXT,
  content_hash TEXT,
  doc_id TEXT,
  fetched_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX fetched_urls_hash ON fetched_urls(content_hash);

-- kb_state: small settings of long-running commands (the progress of
-- `oborot reextract --all`), written in the same transactions as their work.
CREATE TABLE kb_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
