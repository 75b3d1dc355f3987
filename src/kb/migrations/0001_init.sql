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
-- By content (duplicates). No index on `published`: no query reads documents
-- in date order (a party's latest sources come from doc_parties).
CREATE INDEX documents_hash ON documents(content_hash);

-- fact_groups: merged facts. Facts from different documents with the same
-- key (type, parties, status, year, period, sector, currency ...) and a value
-- within the tolerance share one group; two groups with one key disagree
-- (`conflict` = 1 on each of them when they are figures with a year). The
-- store keeps `sources`, the publication dates, `conflict` and the group's
-- detail source up to date at every ingest, so readers need not visit a
-- group's facts: `detail_fact` is the fact whose speaker, qualifier, place ...
-- the group shows (the first that names a speaker, else the earliest) and
-- `announced` its document's publication date.
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
  last_published TEXT,
  conflict INTEGER NOT NULL DEFAULT 0,
  detail_fact INTEGER,
  announced TEXT
);
-- By key (merging); a pair's figures by type, status and year (parties,
-- show, targets); the second party's side of `show`; a pair's meetings by
-- date; the newest targets; the disagreeing figures.
CREATE INDEX fact_groups_key ON fact_groups(key);
CREATE INDEX fact_groups_year ON fact_groups(party_a, party_b, type, status, year);
CREATE INDEX fact_groups_b_year ON fact_groups(party_b, type, status, year);
CREATE INDEX fact_groups_date ON fact_groups(party_a, party_b, type, date);
CREATE INDEX fact_groups_targets ON fact_groups(last_published) WHERE type = 'turnover' AND status = 'target';
CREATE INDEX fact_groups_conflicts ON fact_groups(key, year) WHERE conflict = 1;

-- facts: every fact as one document reported it (the JSONL line in `json`)
-- with its evidence: the quoted sentence and its code point offsets.
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
  quote TEXT NOT NULL,
  start INTEGER,
  end INTEGER,
  json TEXT NOT NULL
);
CREATE INDEX facts_document ON facts(document_id);
CREATE INDEX facts_group ON facts(group_id);

-- doc_parties: the documents whose facts name a party (as party_a or
-- party_b), newest first (`published` is '' when unknown, so it sorts last):
-- a party's latest sources without an index on every fact.
CREATE TABLE doc_parties (
  party TEXT NOT NULL,
  published TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  document_id INTEGER NOT NULL,
  PRIMARY KEY (party, published DESC, doc_id, document_id)
) WITHOUT ROWID;

-- evidence: where a fact was read (one per fact): its document, the
-- sentence, code point offsets. A view: the facts table holds the columns.
CREATE VIEW evidence (id, fact_id, document_id, quote, start, end) AS
  SELECT id, id, document_id, quote, start, end FROM facts;

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
CREATE VIEW conflicts AS SELECT * FROM fact_groups WHERE conflict = 1;

-- Full-text index over the stemmed title and text (external content).
CREATE VIRTUAL TABLE documents_fts USING fts5(
  stems, content = 'documents', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
