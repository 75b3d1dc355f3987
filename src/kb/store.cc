#include "src/kb/store.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

#include "oborot/document.h"
#include "src/base/utf8.h"
#include "src/kb/fts.h"
#include "src/kb/merge.h"

namespace oborot::kb {
namespace {

struct Migration {
  const char* name;  // "0001_init.sql": the number is the schema version it brings
  const char* sql;
};
// Generated from src/kb/migrations/*.sql by src/kb/CMakeLists.txt.
constexpr Migration kMigrations[] = {
#include "kb_migrations.inc"
};

int MigrationVersion(const Migration& m) { return std::atoi(m.name); }

std::string JsonStr(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string NowUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// "2024-06-10T09:00:00+03:00" -> "2024-06-10"; anything not a date -> "".
std::string DatePart(const std::string& s) {
  auto d = Date::Parse(s);
  return d ? d->ToString() : std::string();
}

#define OBOROT_RETURN_IF_ERROR(expr)   \
  do {                                 \
    Status _st = (expr);               \
    if (!_st.ok()) return _st;         \
  } while (0)

#define OBOROT_PREPARE(var, sql)           \
  auto var##_r = db_->Prepare(sql);        \
  if (!var##_r.ok()) return var##_r.status(); \
  Stmt& var = **var##_r

}  // namespace

std::string_view IngestOutcomeName(IngestOutcome o) {
  switch (o) {
    case IngestOutcome::kInserted: return "inserted";
    case IngestOutcome::kReplaced: return "replaced";
    case IngestOutcome::kUnchanged: return "unchanged";
    case IngestOutcome::kDuplicate: return "duplicate";
  }
  return "unknown";
}

std::string ContentHash(std::string_view bytes) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

int Store::SchemaVersion() { return MigrationVersion(kMigrations[std::size(kMigrations) - 1]); }

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const OpenOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (exists && fs::is_directory(path, ec)) {
    return Status(StatusCode::kIoError, path + ": cannot open the database file (it is a directory)");
  }
  if (options.read_only && !exists) {
    return Status(StatusCode::kNotFound, path + ": no such database; create it with `oborot ingest`");
  }
  const int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  auto db = Db::Open(path, flags);
  if (!db.ok()) return db.status();
  std::unique_ptr<Store> store(new Store(std::move(*db)));
  Db& d = store->db();
  sqlite3_busy_timeout(d.handle(), options.busy_timeout_ms);

  // Read-only checks first: nothing below writes until the version is known good.
  auto version = QueryInt(d, "PRAGMA user_version");
  if (!version.ok()) return version.status();
  auto tables = QueryInt(d, "SELECT count(*) FROM sqlite_master");
  if (!tables.ok()) return tables.status();
  if (*version > SchemaVersion()) {
    return Status(StatusCode::kUnsupported, path + ": made by a newer oborot (schema version " +
                                                std::to_string(*version) + "; this oborot reads up to " +
                                                std::to_string(SchemaVersion()) + "); upgrade oborot");
  }
  if (*version == 0 && *tables > 0) {
    return Status(StatusCode::kCorrupt, path + ": not an oborot database (an SQLite database of another program)");
  }
  if (options.read_only) {
    if (*version == 0) return Status(StatusCode::kNotFound, path + ": empty database; fill it with `oborot ingest`");
    if (*version < SchemaVersion()) {
      return Status(StatusCode::kUnsupported, path + ": older schema version " + std::to_string(*version) +
                                                  "; run `oborot ingest` once to upgrade it");
    }
    OBOROT_RETURN_IF_ERROR(d.Exec("PRAGMA query_only = ON"));
    OBOROT_RETURN_IF_ERROR(d.Exec("PRAGMA cache_size = -32768"));
    OBOROT_RETURN_IF_ERROR(d.Exec("PRAGMA mmap_size = 268435456"));
    return store;
  }

  {
    auto mode_stmt = d.PrepareOnce("PRAGMA journal_mode = WAL");
    if (!mode_stmt.ok()) return mode_stmt.status();
    const int rc = mode_stmt->Step();
    if (rc != SQLITE_ROW) return d.StepError(rc);
    if (mode_stmt->Text(0) != "wal") {
      return Status(StatusCode::kIoError, path + ": cannot switch the database to WAL mode");
    }
  }
  OBOROT_RETURN_IF_ERROR(d.Exec("PRAGMA foreign_keys = ON"));
  OBOROT_RETURN_IF_ERROR(d.Exec(options.synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL"));
  OBOROT_RETURN_IF_ERROR(d.Exec("PRAGMA temp_store = MEMORY"));
  // A 64 MiB page cache and fewer, larger checkpoints: index inserts of a
  // large batch otherwise spill to the OS and checkpoint every 4 MiB.
  OBOROT_RETURN_IF_ERROR(d.Exec("PRAGMA cache_size = -65536"));
  OBOROT_RETURN_IF_ERROR(d.Exec("PRAGMA wal_autocheckpoint = 16384"));
  OBOROT_RETURN_IF_ERROR(store->Migrate());
  if (options.max_page_count > 0) {
    OBOROT_RETURN_IF_ERROR(d.Exec("PRAGMA max_page_count = " + std::to_string(options.max_page_count)));
  }
  return store;
}

Store::~Store() {
  if (db_ && !sqlite3_get_autocommit(db_->handle())) Rollback();
}

Status Store::Migrate() {
  auto version = QueryInt(*db_, "PRAGMA user_version");
  if (!version.ok()) return version.status();
  for (const Migration& m : kMigrations) {
    const int v = MigrationVersion(m);
    if (v <= *version) continue;
    OBOROT_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
    Status st = db_->Exec(m.sql);
    if (st.ok()) st = db_->Exec("PRAGMA user_version = " + std::to_string(v));
    if (st.ok()) st = db_->Exec("COMMIT");
    if (!st.ok()) {
      Rollback();
      return Status(st.code(), st.message() + " (migration " + m.name + ")");
    }
  }
  return Status::Ok();
}

Status Store::Begin() { return db_->Exec("BEGIN IMMEDIATE"); }

Status Store::Commit() {
  Status st = db_->Exec("COMMIT");
  if (!st.ok()) Rollback();
  return st;
}

void Store::Rollback() {
  if (!sqlite3_get_autocommit(db_->handle())) sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

bool Store::in_transaction() const { return !sqlite3_get_autocommit(db_->handle()); }

Result<IngestResult> Store::IngestDocument(const nlohmann::json& document_line,
                                           const std::vector<nlohmann::json>& fact_lines, std::string_view text) {
  const bool own = !in_transaction();
  if (own) OBOROT_RETURN_IF_ERROR(Begin());
  OBOROT_RETURN_IF_ERROR(db_->Exec("SAVEPOINT oborot_doc"));
  auto r = IngestLocked(document_line, fact_lines, text);
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kInvalidInput && in_transaction()) {
      // A bad document: undo its own rows only; the batch goes on.
      db_->Exec("ROLLBACK TO oborot_doc");
      db_->Exec("RELEASE oborot_doc");
      if (own) OBOROT_RETURN_IF_ERROR(Commit());
    } else {
      Rollback();
    }
    return r.status();
  }
  Status st = db_->Exec("RELEASE oborot_doc");
  if (st.ok() && own) st = Commit();
  if (!st.ok()) {
    Rollback();
    return st;
  }
  return r;
}

Result<IngestResult> Store::IngestLocked(const nlohmann::json& document_line,
                                         const std::vector<nlohmann::json>& fact_lines, std::string_view text) {
  const std::string doc_id = JsonStr(document_line, "doc");
  if (doc_id.empty()) return Status(StatusCode::kInvalidInput, "document line has no \"doc\" id");
  std::vector<FactRow> rows;
  rows.reserve(fact_lines.size());
  for (size_t i = 0; i < fact_lines.size(); ++i) {
    auto row = FactRowFromJson(fact_lines[i]);
    if (!row.ok()) {
      return Status(StatusCode::kInvalidInput, doc_id + ": fact " + std::to_string(i + 1) + ": " + row.status().message());
    }
    rows.push_back(std::move(*row));
  }
  const std::string title = JsonStr(document_line, "title");
  const std::string published = DatePart(JsonStr(document_line, "published"));
  const std::string url = JsonStr(document_line, "url");
  const std::string source = JsonStr(document_line, "source");

  std::string hashed(text);
  for (const std::string* s : {&title, &published, &url}) {
    hashed += '\x1f';
    hashed += *s;
  }
  for (const auto& r : rows) {
    hashed += '\x1e';
    hashed += r.json;
  }
  const std::string hash = ContentHash(hashed);

  IngestResult result;
  {
    OBOROT_PREPARE(q, "SELECT id, content_hash FROM documents WHERE doc_id = ?");
    q.Bind(1, doc_id);
    const int rc = q.Step();
    if (rc == SQLITE_ROW) {
      const int64_t old_id = q.Int(0);
      const bool same = q.Text(1) == hash;
      q.Reset();
      if (same) {
        result.outcome = IngestOutcome::kUnchanged;
        return result;
      }
      OBOROT_RETURN_IF_ERROR(DeleteDocumentRow(old_id));
      result.outcome = IngestOutcome::kReplaced;
    } else if (rc != SQLITE_DONE) {
      return db_->StepError(rc);
    }
  }
  if (result.outcome == IngestOutcome::kInserted) {
    OBOROT_PREPARE(q, "SELECT doc_id FROM documents WHERE content_hash = ? LIMIT 1");
    q.Bind(1, hash);
    const int rc = q.Step();
    if (rc == SQLITE_ROW) {
      result.outcome = IngestOutcome::kDuplicate;
      result.duplicate_of = std::string(q.Text(0));
      q.Reset();
      return result;
    }
    if (rc != SQLITE_DONE) return db_->StepError(rc);
  }

  std::string stems = StemText(title);
  if (!stems.empty()) stems += ' ';
  stems += StemText(text);
  int64_t document_row = 0;
  {
    OBOROT_PREPARE(ins,
                   "INSERT INTO documents (doc_id, source, url, title, published, content_hash, chars, fact_count, "
                   "text, stems, json, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    int64_t chars = static_cast<int64_t>(CodePointCount(text));
    auto it = document_line.find("chars");
    if (it != document_line.end() && it->is_number_integer()) chars = it->get<int64_t>();
    ins.Bind(1, doc_id).BindText(2, source).BindText(3, url).BindText(4, title).BindText(5, published);
    ins.Bind(6, hash).Bind(7, chars).Bind(8, static_cast<int64_t>(rows.size()));
    ins.Bind(9, text).Bind(10, stems).Bind(11, document_line.dump()).Bind(12, NowUtc());
    const int rc = ins.Step();
    if (rc != SQLITE_DONE) return db_->StepError(rc);
    document_row = db_->LastInsertRowid();
  }
  {
    OBOROT_PREPARE(fts, "INSERT INTO documents_fts (rowid, stems) VALUES (?, ?)");
    fts.Bind(1, document_row).Bind(2, stems);
    const int rc = fts.Step();
    if (rc != SQLITE_DONE) return db_->StepError(rc);
  }

  std::set<int64_t> groups;
  std::map<std::pair<std::string, std::string>, int64_t> pair_facts;
  for (size_t i = 0; i < rows.size(); ++i) {
    const FactRow& f = rows[i];
    std::string key = GroupKey(f, doc_id, i);
    const std::optional<double> figure = FigureOf(f);
    const bool percent_type = f.type != "turnover";
    const bool figure_type = f.type == "turnover" || f.type == "turnover_change" || f.type == "turnover_share";
    if (figure_type && !figure) key += "|no-figure";
    int64_t group = 0;
    {
      OBOROT_PREPARE(q, "SELECT id, coalesce(value, percent) FROM fact_groups WHERE key = ?");
      q.Bind(1, key);
      double best = 0;
      int rc;
      while ((rc = q.Step()) == SQLITE_ROW) {
        if (!figure) {
          group = q.Int(0);
          break;
        }
        const double v = q.Real(1);
        const double distance = std::abs(v - *figure);
        if (SameFigure(v, *figure, percent_type) && (group == 0 || distance < best)) {
          group = q.Int(0);
          best = distance;
        }
      }
      if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_->StepError(rc);
      q.Reset();
    }
    if (group == 0) {
      OBOROT_PREPARE(ins,
                     "INSERT INTO fact_groups (key, type, party_a, party_b, status, year, period, sectoral, sector, "
                     "currency, value, percent, date, name) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      ins.Bind(1, key).Bind(2, f.type).BindText(3, f.party_a).BindText(4, f.party_b).BindText(5, f.status);
      ins.Bind(6, f.year).BindText(7, f.period).Bind(8, static_cast<int64_t>(f.sectoral)).BindText(9, f.sector);
      ins.BindText(10, f.currency).Bind(11, f.value).Bind(12, f.percent).BindText(13, f.date);
      ins.BindText(14, f.type == "sector" && f.name.empty() ? f.sector : f.name);
      const int rc = ins.Step();
      if (rc != SQLITE_DONE) return db_->StepError(rc);
      group = db_->LastInsertRowid();
    }
    groups.insert(group);
    int64_t fact_row = 0;
    {
      OBOROT_PREPARE(ins,
                     "INSERT INTO facts (document_id, group_id, type, parties, party_a, party_b, status, value, "
                     "currency, qualifier, year, period, sectoral, sector, speaker, percent, date, place, "
                     "participants, name, country, quantity, unit, json) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      ins.Bind(1, document_row).Bind(2, group).Bind(3, f.type).Bind(4, nlohmann::json(f.parties).dump());
      ins.BindText(5, f.party_a).BindText(6, f.party_b).BindText(7, f.status).Bind(8, f.value);
      ins.BindText(9, f.currency).BindText(10, f.qualifier).Bind(11, f.year).BindText(12, f.period);
      ins.Bind(13, static_cast<int64_t>(f.sectoral)).BindText(14, f.sector).BindText(15, f.speaker);
      ins.Bind(16, f.percent).BindText(17, f.date).BindText(18, f.place).BindText(19, f.participants);
      ins.BindText(20, f.name).BindText(21, f.country).Bind(22, f.quantity).BindText(23, f.unit).Bind(24, f.json);
      const int rc = ins.Step();
      if (rc != SQLITE_DONE) return db_->StepError(rc);
      fact_row = db_->LastInsertRowid();
    }
    {
      OBOROT_PREPARE(ins, "INSERT INTO evidence (fact_id, document_id, quote, start, end) VALUES (?,?,?,?,?)");
      ins.Bind(1, fact_row).Bind(2, document_row).Bind(3, f.quote).Bind(4, f.start).Bind(5, f.end);
      const int rc = ins.Step();
      if (rc != SQLITE_DONE) return db_->StepError(rc);
    }
    if (!f.party_b.empty()) ++pair_facts[{f.party_a, f.party_b}];
  }
  for (int64_t g : groups) {
    OBOROT_PREPARE(up,
                   "UPDATE fact_groups SET sources = sources + 1, "
                   "first_published = CASE WHEN ?1 IS NULL THEN first_published "
                   "  WHEN first_published IS NULL OR ?1 < first_published THEN ?1 ELSE first_published END, "
                   "last_published = CASE WHEN ?1 IS NULL THEN last_published "
                   "  WHEN last_published IS NULL OR ?1 > last_published THEN ?1 ELSE last_published END "
                   "WHERE id = ?2");
    up.BindText(1, published).Bind(2, g);
    const int rc = up.Step();
    if (rc != SQLITE_DONE) return db_->StepError(rc);
  }
  for (const auto& [pair, n] : pair_facts) {
    OBOROT_PREPARE(up,
                   "INSERT INTO pairs (party_a, party_b, documents, facts) VALUES (?, ?, 1, ?) "
                   "ON CONFLICT (party_a, party_b) DO UPDATE SET documents = documents + 1, "
                   "facts = facts + excluded.facts");
    up.Bind(1, pair.first).Bind(2, pair.second).Bind(3, n);
    const int rc = up.Step();
    if (rc != SQLITE_DONE) return db_->StepError(rc);
  }
  result.facts = rows.size();
  return result;
}

Status Store::RemoveDocument(std::string_view doc_id) {
  OBOROT_PREPARE(q, "SELECT id FROM documents WHERE doc_id = ?");
  q.Bind(1, doc_id);
  const int rc = q.Step();
  if (rc == SQLITE_DONE) return Status(StatusCode::kNotFound, std::string(doc_id) + ": no such document");
  if (rc != SQLITE_ROW) return db_->StepError(rc);
  const int64_t id = q.Int(0);
  q.Reset();
  const bool own = !in_transaction();
  if (own) OBOROT_RETURN_IF_ERROR(Begin());
  Status st = DeleteDocumentRow(id);
  if (st.ok() && own) st = Commit();
  if (!st.ok()) Rollback();
  return st;
}

Status Store::DeleteDocumentRow(int64_t id) {
  std::vector<int64_t> groups;
  {
    OBOROT_PREPARE(q, "SELECT DISTINCT group_id FROM facts WHERE document_id = ?");
    q.Bind(1, id);
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) groups.push_back(q.Int(0));
    if (rc != SQLITE_DONE) return db_->StepError(rc);
    q.Reset();
  }
  std::vector<std::tuple<std::string, std::string, int64_t>> pair_facts;
  {
    OBOROT_PREPARE(q,
                   "SELECT party_a, party_b, count(*) FROM facts WHERE document_id = ? AND party_b IS NOT NULL "
                   "GROUP BY party_a, party_b");
    q.Bind(1, id);
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) pair_facts.emplace_back(std::string(q.Text(0)), std::string(q.Text(1)), q.Int(2));
    if (rc != SQLITE_DONE) return db_->StepError(rc);
    q.Reset();
  }
  {
    OBOROT_PREPARE(q,
                   "INSERT INTO documents_fts (documents_fts, rowid, stems) "
                   "SELECT 'delete', id, stems FROM documents WHERE id = ?");
    q.Bind(1, id);
    const int rc = q.Step();
    if (rc != SQLITE_DONE) return db_->StepError(rc);
  }
  {
    OBOROT_PREPARE(q, "DELETE FROM documents WHERE id = ?");
    q.Bind(1, id);
    const int rc = q.Step();
    if (rc != SQLITE_DONE) return db_->StepError(rc);
  }
  for (int64_t g : groups) OBOROT_RETURN_IF_ERROR(RefreshGroup(g));
  for (const auto& [a, b, n] : pair_facts) {
    OBOROT_PREPARE(q, "UPDATE pairs SET documents = documents - 1, facts = facts - ? WHERE party_a = ? AND party_b = ?");
    q.Bind(1, n).Bind(2, a).Bind(3, b);
    const int rc = q.Step();
    if (rc != SQLITE_DONE) return db_->StepError(rc);
  }
  return db_->Exec("DELETE FROM pairs WHERE facts <= 0");
}

// Recomputes a group's sources and dates from its facts, or deletes it when none is left.
Status Store::RefreshGroup(int64_t group_id) {
  OBOROT_PREPARE(q,
                 "UPDATE fact_groups SET "
                 "sources = (SELECT count(DISTINCT f.document_id) FROM facts f WHERE f.group_id = ?1), "
                 "first_published = (SELECT min(d.published) FROM facts f JOIN documents d ON d.id = f.document_id "
                 "  WHERE f.group_id = ?1), "
                 "last_published = (SELECT max(d.published) FROM facts f JOIN documents d ON d.id = f.document_id "
                 "  WHERE f.group_id = ?1) WHERE id = ?1");
  q.Bind(1, group_id);
  int rc = q.Step();
  if (rc != SQLITE_DONE) return db_->StepError(rc);
  OBOROT_PREPARE(del, "DELETE FROM fact_groups WHERE id = ? AND sources = 0");
  del.Bind(1, group_id);
  rc = del.Step();
  if (rc != SQLITE_DONE) return db_->StepError(rc);
  return Status::Ok();
}

}  // namespace oborot::kb
