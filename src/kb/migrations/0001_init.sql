-- oborot knowledge base, schema version 1.
-- documents: one row per ingested document (by its id), with the cleaned text
-- and its stemmed shadow (`stems`) that the full-text index reads.
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  doc_id TEXT NOT NULL UNIQUE,
  source TEXT,
  url TEXT,
  title TEXT,
  published TEXT,
  content_hash TEXT NOT NULL,
  chars INTEGER NOT NULL DEFAULT 0,
  fact_count INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL,
  stems TEXT NOT NULL,
  json TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX documents_hash ON documents(content_hash);
CREATE INDEX documents_published ON documents(published);

-- fact_groups: merged facts. Facts from different documents with the same
-- key (type, parties, status, year, period, sector, currency ...) and a value
-- within the tolerance share one group; two groups with one key disagree.
CREATE TABLE fact_groups (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  type TEXT NOT NULL,
  party_a TEXT,
  party_b TEXT,
  status TEXT,
  year INTEGER,
  period TEXT,
  sectoral INTEGER NOT NULL DEFAULT 0,
  sector TEXT,
  currency TEXT,
  value REAL,
  percent REAL,
  date TEXT,
  name TEXT,
  sources INTEGER NOT NULL DEFAULT 0,
  first_published TEXT,
  last_published TEXT
);
CREATE INDEX fact_groups_key ON fact_groups(key, value);
CREATE INDEX fact_groups_year ON fact_groups(party_a, party_b, type, status, year);
CREATE INDEX fact_groups_b_year ON fact_groups(party_b, type, status, year);
CREATE INDEX fact_groups_announced ON fact_groups(party_a, party_b, type, status, last_published);
CREATE INDEX fact_groups_date ON fact_groups(party_a, party_b, type, date);
CREATE INDEX fact_groups_type ON fact_groups(type, status, year);

-- facts: every fact as one document reported it (the JSONL line in `json`).
CREATE TABLE facts (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  group_id INTEGER NOT NULL REFERENCES fact_groups(id),
  type TEXT NOT NULL,
  parties TEXT NOT NULL,
  party_a TEXT,
  party_b TEXT,
  status TEXT,
  value REAL,
  currency TEXT,
  qualifier TEXT,
  year INTEGER,
  period TEXT,
  sectoral INTEGER NOT NULL DEFAULT 0,
  sector TEXT,
  speaker TEXT,
  percent REAL,
  date TEXT,
  place TEXT,
  participants TEXT,
  name TEXT,
  country TEXT,
  quantity REAL,
  unit TEXT,
  json TEXT NOT NULL
);
CREATE INDEX facts_document ON facts(document_id);
CREATE INDEX facts_group ON facts(group_id);
CREATE INDEX facts_party_a ON facts(party_a, party_b);
CREATE INDEX facts_party_b ON facts(party_b);

-- evidence: where a fact was read: its document, the sentence, code point offsets.
CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  quote TEXT NOT NULL,
  start INTEGER,
  end INTEGER
);
CREATE INDEX evidence_fact ON evidence(fact_id);
CREATE INDEX evidence_document ON evidence(document_id);

-- pairs: per pair of parties, how many documents and facts mention it; kept
-- up to date by the store so that `oborot parties` needs no full scan.
CREATE TABLE pairs (
  party_a TEXT NOT NULL,
  party_b TEXT NOT NULL,
  documents INTEGER NOT NULL DEFAULT 0,
  facts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (party_a, party_b)
) WITHOUT ROWID;

-- Disagreeing figures: groups of figure facts with a known year that share
-- their key with another group.
CREATE VIEW conflicts AS
  SELECT g.* FROM fact_groups g
  WHERE g.year IS NOT NULL AND g.type IN ('turnover', 'turnover_change', 'turnover_share')
    AND EXISTS (SELECT 1 FROM fact_groups h WHERE h.key = g.key AND h.id <> g.id);

-- Full-text index over the stemmed title and text (external content).
CREATE VIRTUAL TABLE documents_fts USING fts5(
  stems, content = 'documents', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
