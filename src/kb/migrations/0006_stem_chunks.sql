-- Schema version 6: a document's stems are indexed in pieces of about
-- 256 KiB (src/kb/fts.h, StemChunks), one full-text row each, so that
-- indexing a very large document costs FTS5 a piece's memory, not the
-- whole document's (it holds the terms of the row it indexes and flushes
-- them between rows: a 16 MB document took ~59 MB for its one row).
-- document_stems: the pieces (`id` is the full-text rowid); an article's
-- stems are one piece. documents.stems is left empty from now on.
-- documents_fts now reads document_stems; `search` maps its rows back to
-- their document and asks for each word in the whole document.
CREATE TABLE IF NOT EXISTS document_stems (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  stems TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS document_stems_document ON document_stems(document_id);
-- The stored documents keep their rowid as their one piece's. (Each step
-- may run again on a file whose version was set back.)
INSERT INTO document_stems (id, document_id, stems) SELECT id, id, stems FROM documents d
WHERE NOT EXISTS (SELECT 1 FROM document_stems s WHERE s.document_id = d.id);
UPDATE documents SET stems = '' WHERE stems <> '';
DROP TABLE IF EXISTS documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
  stems, content = 'document_stems', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
