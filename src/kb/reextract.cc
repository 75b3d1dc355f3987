#include "src/kb/reextract.h"

namespace oborot::kb {

Result<StaleCounts> CountStale(Db& db, const std::string& version) {
  StaleCounts n;
  // Grouped by version through the index on documents(extractor), then the
  // inputs by their primary key: no pass over the documents' text.
  auto q = db.Prepare(
      "SELECT d.extractor IS ?1, EXISTS (SELECT 1 FROM document_inputs i WHERE i.document_id = d.id), count(*) "
      "FROM documents d GROUP BY 1, 2");
  if (!q.ok()) return q.status();
  Stmt& s = **q;
  s.Bind(1, version);
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    const bool current = s.Int(0) != 0, has_input = s.Int(1) != 0;
    if (!has_input) {
      n.without_input += s.Int(2);
    } else if (!current) {
      n.stale += s.Int(2);
    }
  }
  s.Reset();
  if (rc != SQLITE_DONE) return db.StepError(rc);
  return n;
}

namespace {
// The documents a query selects, from the inputs' side (their primary key is
// the document's row id): stale by version, or every one up to `upto`.
constexpr const char* kStaleWhere =
    "FROM document_inputs i JOIN documents d ON d.id = i.document_id "
    "WHERE i.document_id > ?1 AND (CASE WHEN ?3 IS NULL THEN d.extractor IS NOT ?2 ELSE i.document_id <= ?3 END) ";
}  // namespace

Result<std::vector<StoredDocument>> LoadStale(Db& db, const std::string& version, const StaleQuery& q) {
  auto stmt = db.Prepare(std::string("SELECT i.document_id, d.doc_id, i.format, i.meta, i.size, i.raw ") +
                         kStaleWhere + "ORDER BY i.document_id LIMIT ?4");
  if (!stmt.ok()) return stmt.status();
  Stmt& s = **stmt;
  s.Bind(1, q.after).Bind(2, version).Bind(3, q.upto).Bind(4, static_cast<int64_t>(q.limit));
  std::vector<StoredDocument> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    StoredDocument d;
    d.row = s.Int(0);
    d.doc_id = std::string(s.Text(1));
    d.input.format = std::string(s.Text(2));
    d.input.meta = std::string(s.Text(3));
    d.input.size = s.Int(4);
    d.input.compressed = std::string(s.Blob(5));
    out.push_back(std::move(d));
  }
  s.Reset();
  if (rc != SQLITE_DONE) return db.StepError(rc);
  return out;
}

Result<int64_t> CountRemaining(Db& db, const std::string& version, const StaleQuery& q) {
  auto stmt = db.Prepare(std::string("SELECT count(*) ") + kStaleWhere);
  if (!stmt.ok()) return stmt.status();
  Stmt& s = **stmt;
  s.Bind(1, q.after).Bind(2, version).Bind(3, q.upto);
  const int rc = s.Step();
  if (rc != SQLITE_ROW) {
    s.Reset();
    return db.StepError(rc);
  }
  const int64_t n = s.Int(0);
  s.Reset();
  return n;
}

Result<std::optional<std::string>> GetState(Db& db, const std::string& key) {
  auto stmt = db.Prepare("SELECT value FROM kb_state WHERE key = ?");
  if (!stmt.ok()) return stmt.status();
  Stmt& s = **stmt;
  s.Bind(1, key);
  const int rc = s.Step();
  std::optional<std::string> v;
  if (rc == SQLITE_ROW) v = std::string(s.Text(0));
  s.Reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db.StepError(rc);
  return v;
}

Status SetState(Db& db, const std::string& key, const std::string& value) {
  auto stmt = db.Prepare("INSERT INTO kb_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!stmt.ok()) return stmt.status();
  Stmt& s = **stmt;
  s.Bind(1, key).Bind(2, value);
  const int rc = s.Step();
  s.Reset();
  return rc == SQLITE_DONE ? Status::Ok() : db.StepError(rc);
}

Status ClearState(Db& db, const std::string& key) {
  auto stmt = db.Prepare("DELETE FROM kb_state WHERE key = ?");
  if (!stmt.ok()) return stmt.status();
  Stmt& s = **stmt;
  s.Bind(1, key);
  const int rc = s.Step();
  s.Reset();
  return rc == SQLITE_DONE ? Status::Ok() : db.StepError(rc);
}

}  // namespace oborot::kb
