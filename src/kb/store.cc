#include "src/kb/store.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
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

std::string NowUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Steps a statement that returns no rows.
#define OBOROT_STEP_DONE(stmt)                          \
  do {                                                  \
    const int _rc = (stmt).Step();                      \
    if (_rc != SQLITE_DONE) return db_->StepError(_rc); \
  } while (0)

// The group cache holds at most this many groups (about 250 bytes each); a
// batch that finds more starts over with an empty cache.
constexpr size_t kMaxCachedGroups = 1u << 18;

// Which of a group's facts it shows details of (speaker, qualifier, place
// ...): the first that names a speaker, else the earliest published, else the
// first stored; the same order RefreshGroup's SQL uses.
struct DetailRank {
  bool speaker = false;
  std::string published;  // "" = unknown
  int64_t fact = 0;
  bool Before(const DetailRank& o) const {
    if (speaker != o.speaker) return speaker;
    if (published.empty() != o.published.empty()) return !published.empty();
    if (published != o.published) return published < o.published;
    return fact < o.fact;
  }
};

bool IsFigureType(std::string_view type) {
  return type == "turnover" || type == "turnover_change" || type == "turnover_share";
}

#define OBOROT_RETURN_IF_ERROR(expr) \
  do {                               \
    Status _st = (expr);             \
    if (!_st.ok()) return _st;       \
  } while (0)

#define OBOROT_PREPARE(var, sql)              \
  auto var##_r = db_->Prepare(sql);           \
  if (!var##_r.ok()) return var##_r.status(); \
  Stmt& var = **var##_r

uint32_t BigEndian32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// True when PATH-wal exists and holds frames (more than its 32-byte header).
bool WalHasFrames(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path + "-wal", ec);
  return !ec && size > 32;
}

// The cheap check of a database file before a writer opens it: whole pages,
// and (when no write-ahead log holds newer pages) at least as many as the
// header says. A file cut inside its last page passes SQLite's own checks
// (the short page reads as zeros) and then damages the full-text index; a
// file cut at a page boundary loses the pages the header still counts.
// Files that are not SQLite databases are left to SQLite to name.
Status CheckFileShape(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Ok();  // a new file, or one SQLite will fail to open with its own message
  unsigned char h[100] = {};
  in.read(reinterpret_cast<char*>(h), sizeof h);
  if (in.gcount() < static_cast<std::streamsize>(sizeof h)) return Status::Ok();
  if (std::memcmp(h, "SQLite format 3", 16) != 0) return Status::Ok();
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return Status::Ok();
  const uint32_t page_size = h[16] == 0 && h[17] == 1 ? 65536u : (uint32_t{h[16]} << 8) | h[17];
  if (page_size < 512 || (page_size & (page_size - 1)) != 0) {
    return Status(StatusCode::kCorrupt, path + ": database file is damaged (its header gives a page size of " +
                                            std::to_string(page_size) + "); oborot leaves it unchanged");
  }
  const std::string advice = "; oborot leaves it unchanged: restore a copy, or ingest into a new file";
  if (size % page_size != 0) {
    return Status(StatusCode::kCorrupt, path + ": database file is damaged: its " + std::to_string(size) +
                                            " bytes are not a whole number of " + std::to_string(page_size) +
                                            "-byte pages (cut short by an interrupted copy or a full disk)" + advice);
  }
  const uint32_t header_pages = BigEndian32(h + 28);
  const bool header_pages_valid = header_pages > 0 && BigEndian32(h + 24) == BigEndian32(h + 92);
  if (header_pages_valid && uint64_t{header_pages} * page_size > size && !WalHasFrames(path)) {
    return Status(StatusCode::kCorrupt, path + ": database file is damaged: it holds " +
                                            std::to_string(size / page_size) + " pages, its header says " +
                                            std::to_string(header_pages) + " (cut short)" + advice);
  }
  return Status::Ok();
}

// "file:" URI of a path for SQLITE_OPEN_URI, with query parameters.
std::string FileUri(const std::string& path, std::string_view params) {
  std::string uri = "file:";
  for (const char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[static_cast<unsigned char>(c) >> 4];
      uri += kHex[static_cast<unsigned char>(c) & 15];
    } else {
      uri += c;
    }
  }
  uri += '?';
  uri += params;
  return uri;
}

}  // namespace

// A writer's wait for another writer (OpenOptions::writer_wait_seconds).
struct Store::Waiting {
  std::string path;
  double seconds = -1;
  std::function<void(const std::string&)> on_wait;
  bool announced = false;
  std::chrono::steady_clock::time_point since;

  // SQLite's busy handler: 1 to try again, 0 to give up (SQLITE_BUSY).
  static int Busy(void* self, int count) {
    auto* w = static_cast<Waiting*>(self);
    if (w->seconds == 0) return 0;
    const auto now = std::chrono::steady_clock::now();
    if (count == 0) w->since = now;
    if (!w->announced) {
      w->announced = true;
      if (w->on_wait) w->on_wait(w->path + ": another process is writing to this database; waiting for it to finish");
    }
    if (w->seconds > 0 && std::chrono::duration<double>(now - w->since).count() >= w->seconds) return 0;
    // Short sleeps first (a batch commit takes milliseconds), then 100 ms.
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(100, 2 + 4 * count)));
    return 1;
  }
};

std::string_view IngestOutcomeName(IngestOutcome o) {
  switch (o) {
    case IngestOutcome::kInserted:
      return "inserted";
    case IngestOutcome::kReplaced:
      return "replaced";
    case IngestOutcome::kUnchanged:
      return "unchanged";
    case IngestOutcome::kDuplicate:
      return "duplicate";
  }
  return "unknown";
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
  if (!options.read_only && exists) OBOROT_RETURN_IF_ERROR(CheckFileShape(path));
  const int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  auto db = Db::Open(path, flags);
  if (!db.ok()) return db.status();
  std::unique_ptr<Store> store(new Store(std::move(*db)));
  if (options.read_only) {
    sqlite3_busy_timeout(store->db().handle(), options.busy_timeout_ms);
  } else {
    store->waiting_ = std::make_unique<Waiting>();
    store->waiting_->path = path;
    store->waiting_->seconds = options.writer_wait_seconds;
    store->waiting_->on_wait = options.on_wait;
    sqlite3_busy_handler(store->db().handle(), &Waiting::Busy, store->waiting_.get());
  }

  // Read-only checks first: nothing below writes until the version is known good.
  auto version = QueryInt(store->db(), "PRAGMA user_version");
  if (!version.ok() && options.read_only && !WalHasFrames(path)) {
    // A WAL database on a read-only volume: SQLite cannot create its -shm
    // file. Nothing can write there, so the file is read as immutable (no
    // locks, no shared memory); a WAL with frames would be ignored that way,
    // so then the error stands.
    auto immutable = Db::Open(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, FileUri(path, "immutable=1"));
    if (immutable.ok()) {
      auto again = QueryInt(**immutable, "PRAGMA user_version");
      if (again.ok()) {
        store.reset(new Store(std::move(*immutable)));
        version = again;
      }
    }
  }
  if (!version.ok()) return version.status();
  Db& d = store->db();
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

  if (*version == 0) {
    // 16 KiB pages (before the first table): a batch rewrites index and
    // group pages all over the file, and fewer, larger pages cost less CPU
    // per write than many small ones (measured: about a fifth of the ingest).
    OBOROT_RETURN_IF_ERROR(d.Exec("PRAGMA page_size = 16384"));
  }
  {
    // Switching a new file to WAL takes an exclusive lock. Two writers
    // opening a new file at once may each hold the shared lock the other
    // waits for; SQLite then answers SQLITE_BUSY at once, without its busy
    // handler (to break the deadlock): try again, within the writer's wait.
    const auto since = std::chrono::steady_clock::now();
    for (int attempt = 0;; ++attempt) {
      auto mode_stmt = d.PrepareOnce("PRAGMA journal_mode = WAL");
      if (!mode_stmt.ok()) return mode_stmt.status();
      const int rc = mode_stmt->Step();
      if (rc == SQLITE_ROW) {
        if (mode_stmt->Text(0) != "wal") {
          return Status(StatusCode::kIoError, path + ": cannot switch the database to WAL mode");
        }
        break;
      }
      const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
      const double limit = options.writer_wait_seconds < 0 ? 600 : options.writer_wait_seconds;
      if ((rc & 0xff) != SQLITE_BUSY || waited >= limit) return d.StepError(rc);
      std::this_thread::sleep_for(std::chrono::milliseconds(5 + 10 * std::min(attempt, 10)));
    }
  }
  OBOROT_RETURN_IF_ERROR(d.Exec("PRAGMA foreign_keys = ON"));
  OBOROT_RETURN_IF_ERROR(
      d.Exec(options.synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL"));
  OBOROT_RETURN_IF_ERROR(d.Exec("PRAGMA temp_store = MEMORY"));
  // A 256 MiB page cache (the indexes that every batch touches at random
  // places stay in memory) and fewer, larger checkpoints: index inserts of a
  // large batch otherwise spill to the OS and checkpoint every 4 MiB.
  OBOROT_RETURN_IF_ERROR(d.Exec("PRAGMA cache_size = -262144"));
  {
    auto page_size = QueryInt(d, "PRAGMA page_size");
    if (!page_size.ok()) return page_size.status();
    const int64_t pages = (int64_t{64} << 20) / std::max<int64_t>(*page_size, 512);  // checkpoint every 64 MiB of WAL
    OBOROT_RETURN_IF_ERROR(d.Exec("PRAGMA wal_autocheckpoint = " + std::to_string(pages)));
    if (options.background_checkpoints) {
      // Without it (no second connection), SQLite's automatic checkpoint stays.
      auto c =
          Checkpointer::Start(d, {.wal_pages = static_cast<int>(pages), .synchronous_full = options.synchronous_full});
      if (c.ok()) store->checkpointer_ = std::move(*c);
    }
  }
  OBOROT_RETURN_IF_ERROR(store->Migrate());
  if (options.max_page_count > 0) {
    OBOROT_RETURN_IF_ERROR(d.Exec("PRAGMA max_page_count = " + std::to_string(options.max_page_count)));
  }
  return store;
}

// A merged group as the store last wrote it or will write it at Flush().
struct Store::GroupEntry {
  std::optional<double> value;
  std::optional<double> figure;  // coalesce(value, percent)
  int64_t sources = 0;
  std::string first_published, last_published;  // "" = NULL
  DetailRank detail;
  bool conflict = false;
  bool dirty = false;
  // An indexed column (last_published, conflict) changed: the UPDATE that
  // leaves them alone skips the partial indexes' upkeep.
  bool indexed_dirty = false;
};

// A row of doc_parties, ordered as its primary key (party, published DESC, doc_id, document_id).
struct DocParty {
  std::string party, published, doc_id;
  int64_t document_id = 0;
  bool operator<(const DocParty& o) const {
    if (party != o.party) return party < o.party;
    if (published != o.published) return published > o.published;
    if (doc_id != o.doc_id) return doc_id < o.doc_id;
    return document_id < o.document_id;
  }
};

struct Store::Cache {
  // key -> groups by (value, id), NULL values first: the order the merge
  // looks at a key's groups in (the first of two equally near wins). The
  // entries point into `groups` (whose nodes stay put); a key's groups
  // leave `groups` only with the key.
  std::unordered_map<std::string, std::vector<GroupRef>> keys;
  std::unordered_map<int64_t, GroupEntry> groups;
  std::vector<int64_t> dirty;
  // Pending (documents, facts) to add per pair of parties.
  std::map<std::pair<std::string, std::string>, std::pair<int64_t, int64_t>> pairs;
  // Pending doc_parties rows: written at Flush() in key order, which finds
  // the index pages still in the CPU's cache (they are spread over the whole
  // index in document order: by party, then publication date).
  std::vector<DocParty> doc_parties;
  int64_t next_fact_id = 0;
  int64_t data_version = -1;
  bool batch_open = false;

  void ClearGroups() {
    keys.clear();
    groups.clear();
    dirty.clear();
  }
  void ClearBatch() {
    dirty.clear();
    pairs.clear();
    doc_parties.clear();
    batch_open = false;
  }
};

Store::Store(std::unique_ptr<Db> db) : db_(std::move(db)), cache_(std::make_unique<Cache>()) {}

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
    // Another writer may have migrated the file between the read above and
    // this lock (two ingests into a new file): read the version again.
    auto locked = QueryInt(*db_, "PRAGMA user_version");
    if (!locked.ok() || v <= *locked) {
      Rollback();
      if (!locked.ok()) return locked.status();
      version = locked;
      continue;
    }
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

Status Store::Begin() {
  OBOROT_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  Status st = StartBatch();
  if (!st.ok()) Rollback();
  return st;
}

Status Store::StartBatch() {
  OBOROT_PREPARE(version, "PRAGMA data_version");
  int rc = version.Step();
  if (rc != SQLITE_ROW) return db_->StepError(rc);
  const int64_t v = version.Int(0);
  version.Reset();
  // Another connection committed since this one last looked: its groups
  // are not in the cache (nor may the cached ones still be current).
  if (v != cache_->data_version || cache_->groups.size() > kMaxCachedGroups) cache_->ClearGroups();
  cache_->data_version = v;
  OBOROT_PREPARE(next, "SELECT coalesce(max(id), 0) + 1 FROM facts");
  rc = next.Step();
  if (rc != SQLITE_ROW) return db_->StepError(rc);
  cache_->next_fact_id = next.Int(0);
  next.Reset();
  cache_->ClearBatch();
  cache_->batch_open = true;
  return Status::Ok();
}

Status Store::Commit() {
  Status st = Flush();
  if (st.ok()) st = db_->Exec("COMMIT");
  if (!st.ok()) {
    Rollback();
    return st;
  }
  cache_->ClearBatch();
  return st;
}

void Store::Rollback() {
  if (!sqlite3_get_autocommit(db_->handle())) sqlite3_exec(db_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  // The cache may hold groups the rollback took away.
  cache_->ClearGroups();
  cache_->ClearBatch();
}

bool Store::in_transaction() const { return !sqlite3_get_autocommit(db_->handle()); }

Status Store::Flush() {
  Cache& c = *cache_;
  std::sort(c.doc_parties.begin(), c.doc_parties.end());
  for (const DocParty& p : c.doc_parties) {
    OBOROT_PREPARE(ins, "INSERT INTO doc_parties (party, published, doc_id, document_id) VALUES (?, ?, ?, ?)");
    ins.BindRef(1, p.party).BindRef(2, p.published).BindRef(3, p.doc_id).Bind(4, p.document_id);
    OBOROT_STEP_DONE(ins);
  }
  c.doc_parties.clear();
  // In id order: the groups' rows and index entries are visited front to back.
  std::sort(c.dirty.begin(), c.dirty.end());
  for (int64_t id : c.dirty) {
    auto it = c.groups.find(id);
    if (it == c.groups.end() || !it->second.dirty) continue;
    GroupEntry& g = it->second;
    if (g.indexed_dirty) {
      OBOROT_PREPARE(up,
                     "UPDATE fact_groups SET sources = ?, first_published = ?, detail_fact = ?, announced = ?, "
                     "last_published = ?, conflict = ? WHERE id = ?");
      up.Bind(1, g.sources).BindTextRef(2, g.first_published).Bind(3, g.detail.fact);
      up.BindTextRef(4, g.detail.published).BindTextRef(5, g.last_published);
      up.Bind(6, static_cast<int64_t>(g.conflict)).Bind(7, id);
      OBOROT_STEP_DONE(up);
    } else {
      OBOROT_PREPARE(up,
                     "UPDATE fact_groups SET sources = ?, first_published = ?, detail_fact = ?, announced = ? "
                     "WHERE id = ?");
      up.Bind(1, g.sources).BindTextRef(2, g.first_published).Bind(3, g.detail.fact);
      up.BindTextRef(4, g.detail.published).Bind(5, id);
      OBOROT_STEP_DONE(up);
    }
    g.dirty = g.indexed_dirty = false;
  }
  c.dirty.clear();
  for (const auto& [pair, n] : c.pairs) {
    OBOROT_PREPARE(up,
                   "INSERT INTO pairs (party_a, party_b, documents, facts) VALUES (?, ?, ?, ?) "
                   "ON CONFLICT (party_a, party_b) DO UPDATE SET documents = documents + excluded.documents, "
                   "facts = facts + excluded.facts");
    up.Bind(1, pair.first).Bind(2, pair.second).Bind(3, n.first).Bind(4, n.second);
    OBOROT_STEP_DONE(up);
  }
  c.pairs.clear();
  return Status::Ok();
}

Result<std::vector<Store::GroupRef>*> Store::GroupsWithKey(const std::string& key) {
  Cache& c = *cache_;
  auto it = c.keys.find(key);
  if (it != c.keys.end()) return &it->second;
  std::vector<GroupRef> ids;
  OBOROT_PREPARE(q,
                 "SELECT g.id, coalesce(g.value, g.percent), g.sources, g.first_published, g.last_published, "
                 "g.detail_fact, g.announced, f.speaker IS NOT NULL, g.value, g.conflict FROM fact_groups g "
                 "LEFT JOIN facts f ON f.id = g.detail_fact WHERE g.key = ? ORDER BY g.value, g.id");
  q.Bind(1, key);
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    GroupEntry g;
    g.figure = q.OptReal(1);
    g.sources = q.Int(2);
    g.first_published = q.Text(3);
    g.last_published = q.Text(4);
    g.detail.fact = q.Int(5);
    g.detail.published = q.Text(6);
    g.detail.speaker = q.Int(7) != 0;
    g.value = q.OptReal(8);
    g.conflict = q.Int(9) != 0;
    const int64_t id = q.Int(0);
    GroupEntry& entry = c.groups[id];
    entry = std::move(g);
    ids.push_back({id, &entry});
  }
  q.Reset();
  if (rc != SQLITE_DONE) return db_->StepError(rc);
  return &c.keys.emplace(key, std::move(ids)).first->second;
}

Result<IngestResult> Store::IngestDocument(const nlohmann::json& document_line,
                                           const std::vector<nlohmann::json>& fact_lines, std::string_view text) {
  auto prepared = PrepareParsedDocument(document_line, fact_lines, std::string(text));
  if (!prepared.ok()) {
    // Nothing was written; a transaction the caller opened stays usable.
    return prepared.status();
  }
  return Apply(*prepared);
}

Result<IngestResult> Store::Apply(const PreparedDocument& doc) {
  const bool own = !in_transaction();
  if (own) {
    OBOROT_RETURN_IF_ERROR(Begin());
  } else if (!cache_->batch_open) {
    // A transaction the caller opened without Begin().
    if (Status st = StartBatch(); !st.ok()) {
      Rollback();
      return st;
    }
  }
  auto r = ApplyLocked(doc);
  if (!r.ok()) {
    Rollback();
    return r.status();
  }
  if (own) OBOROT_RETURN_IF_ERROR(Commit());
  return r;
}

Result<IngestResult> Store::ApplyLocked(const PreparedDocument& doc) {
  const std::string& doc_id = doc.doc_id;
  const std::string& published = doc.published;
  IngestResult result;
  {
    OBOROT_PREPARE(q, "SELECT id, content_hash FROM documents WHERE doc_id = ?");
    q.Bind(1, doc_id);
    const int rc = q.Step();
    if (rc == SQLITE_ROW) {
      const int64_t old_id = q.Int(0);
      const bool same = q.Text(1) == doc.hash;
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
    q.Reset();
  }
  if (result.outcome == IngestOutcome::kInserted) {
    OBOROT_PREPARE(q, "SELECT doc_id FROM documents WHERE content_hash = ? LIMIT 1");
    q.Bind(1, doc.hash);
    const int rc = q.Step();
    if (rc == SQLITE_ROW) {
      result.outcome = IngestOutcome::kDuplicate;
      result.duplicate_of = std::string(q.Text(0));
      q.Reset();
      return result;
    }
    if (rc != SQLITE_DONE) return db_->StepError(rc);
    q.Reset();
  }

  int64_t document_row = 0;
  {
    OBOROT_PREPARE(ins,
                   "INSERT INTO documents (doc_id, source, url, title, published, content_hash, chars, fact_count, "
                   "text, stems, json, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    ins.BindRef(1, doc_id).BindTextRef(2, doc.source).BindTextRef(3, doc.url).BindTextRef(4, doc.title);
    ins.BindTextRef(5, published).BindRef(6, doc.hash).Bind(7, doc.chars);
    ins.Bind(8, static_cast<int64_t>(doc.facts.size()));
    ins.BindRef(9, doc.text).BindRef(10, doc.stems).BindRef(11, doc.line).Bind(12, NowUtc());
    OBOROT_STEP_DONE(ins);
    document_row = db_->LastInsertRowid();
  }
  {
    OBOROT_PREPARE(fts, "INSERT INTO documents_fts (rowid, stems) VALUES (?, ?)");
    fts.Bind(1, document_row).BindRef(2, doc.stems);
    OBOROT_STEP_DONE(fts);
  }

  Cache& c = *cache_;
  const int64_t first_fact = c.next_fact_id;
  std::vector<int64_t> fact_groups;  // the group of each fact
  fact_groups.reserve(doc.facts.size());
  std::unordered_set<int64_t> counted;  // groups this document already counts as a source of
  for (const PreparedFact& pf : doc.facts) {
    const FactRow& f = pf.row;
    const std::string& key = pf.key;
    const std::optional<double>& figure = pf.figure;
    const bool percent_type = f.type != "turnover";
    const bool figure_type = IsFigureType(f.type);
    const int64_t fact_id = c.next_fact_id++;
    const DetailRank rank{!f.speaker.empty(), published, fact_id};

    auto ids = GroupsWithKey(key);
    if (!ids.ok()) return ids.status();
    int64_t group = 0;
    GroupEntry* entry = nullptr;
    double best = 0;
    for (const GroupRef& r : **ids) {
      if (!figure) {
        group = r.id;
        entry = r.entry;
        break;
      }
      const double v = r.entry->figure.value_or(0.0);
      const double distance = std::abs(v - *figure);
      if (SameFigure(v, *figure, percent_type) && (group == 0 || distance < best)) {
        group = r.id;
        entry = r.entry;
        best = distance;
      }
    }
    if (group == 0) {
      const bool conflict = figure_type && f.year && !(*ids)->empty();
      OBOROT_PREPARE(ins,
                     "INSERT INTO fact_groups (key, type, party_a, party_b, status, year, period, sectoral, sector, "
                     "currency, value, percent, date, name, sources, first_published, last_published, conflict, "
                     "detail_fact, announced) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?15,?15,?,?,?15)");
      ins.Bind(1, key).Bind(2, f.type).BindText(3, f.party_a).BindText(4, f.party_b).BindText(5, f.status);
      ins.Bind(6, f.year).BindText(7, f.period).Bind(8, static_cast<int64_t>(f.sectoral)).BindText(9, f.sector);
      ins.BindText(10, f.currency).Bind(11, f.value).Bind(12, f.percent).BindText(13, f.date);
      ins.BindText(14, f.type == "sector" && f.name.empty() ? f.sector : f.name);
      ins.BindText(15, published).Bind(16, static_cast<int64_t>(conflict)).Bind(17, fact_id);
      OBOROT_STEP_DONE(ins);
      group = db_->LastInsertRowid();
      if (conflict) {
        // The groups already there now disagree with this one.
        for (const GroupRef& r : **ids) {
          GroupEntry& o = *r.entry;
          if (o.conflict) continue;
          o.conflict = o.indexed_dirty = true;
          if (!o.dirty) {
            o.dirty = true;
            c.dirty.push_back(r.id);
          }
        }
      }
      GroupEntry g;
      g.value = f.value;
      g.figure = figure;
      g.sources = 1;
      g.first_published = g.last_published = published;
      g.detail = rank;
      g.conflict = conflict;
      std::vector<GroupRef>& order = **ids;
      auto pos = std::find_if(order.begin(), order.end(), [&](const GroupRef& other) {
        const auto& v = other.entry->value;
        // After every NULL, smaller or equal value (ids ascend).
        return f.value ? v && *v > *f.value : v.has_value();
      });
      GroupEntry& stored = c.groups[group];
      stored = std::move(g);
      order.insert(pos, {group, &stored});
      counted.insert(group);
    } else {
      GroupEntry& g = *entry;
      bool changed = false;
      if (counted.insert(group).second) {
        ++g.sources;
        if (!published.empty()) {
          if (g.first_published.empty() || published < g.first_published) g.first_published = published;
          if (g.last_published.empty() || published > g.last_published) {
            g.last_published = published;
            g.indexed_dirty = true;
          }
        }
        changed = true;
      }
      if (rank.Before(g.detail)) {
        g.detail = rank;
        changed = true;
      }
      if (changed && !g.dirty) {
        g.dirty = true;
        c.dirty.push_back(group);
      }
    }
    fact_groups.push_back(group);
  }
  OBOROT_RETURN_IF_ERROR(InsertFacts(doc, document_row, first_fact, fact_groups));
  for (const std::string& party : doc.parties) c.doc_parties.push_back({party, published, doc_id, document_row});
  for (const auto& [pair, n] : doc.pair_facts) {
    auto& pending = c.pairs[pair];
    pending.first += 1;
    pending.second += n;
  }
  result.facts = doc.facts.size();
  return result;
}

// The facts of a document, after their groups. (One INSERT of several rows
// per document was measured: half again as many instructions per fact.)
Status Store::InsertFacts(const PreparedDocument& doc, int64_t document_row, int64_t first_fact,
                          const std::vector<int64_t>& groups) {
  for (size_t i = 0; i < doc.facts.size(); ++i) {
    OBOROT_PREPARE(ins,
                   "INSERT INTO facts (id, document_id, group_id, type, parties, party_a, party_b, status, value, "
                   "currency, qualifier, year, period, sectoral, sector, speaker, percent, date, place, "
                   "participants, name, country, quantity, unit, quote, start, end, json) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    const FactRow& f = doc.facts[i].row;
    // Every bound string outlives the Step() below. The statement comes with
    // every parameter NULL: absent values are left unbound.
    auto text = [&](int k, const std::string& v) {
      if (!v.empty()) ins.BindRef(k, v);
    };
    auto opt = [&](int k, const auto& v) {
      if (v) ins.Bind(k, *v);
    };
    ins.Bind(1, first_fact + static_cast<int64_t>(i)).Bind(2, document_row).Bind(3, groups[i]).BindRef(4, f.type);
    ins.BindRef(5, doc.facts[i].parties_json);
    text(6, f.party_a);
    text(7, f.party_b);
    text(8, f.status);
    opt(9, f.value);
    text(10, f.currency);
    text(11, f.qualifier);
    opt(12, f.year);
    text(13, f.period);
    ins.Bind(14, static_cast<int64_t>(f.sectoral));
    text(15, f.sector);
    text(16, f.speaker);
    opt(17, f.percent);
    text(18, f.date);
    text(19, f.place);
    text(20, f.participants);
    text(21, f.name);
    text(22, f.country);
    opt(23, f.quantity);
    text(24, f.unit);
    ins.BindRef(25, f.quote);
    opt(26, f.start);
    opt(27, f.end);
    ins.BindRef(28, f.json);
    OBOROT_STEP_DONE(ins);
  }
  return Status::Ok();
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
  // The tables must be current before groups are recomputed from them.
  OBOROT_RETURN_IF_ERROR(Flush());
  std::vector<int64_t> groups;
  std::set<std::string> keys;
  {
    OBOROT_PREPARE(q,
                   "SELECT DISTINCT f.group_id, g.key FROM facts f JOIN fact_groups g ON g.id = f.group_id "
                   "WHERE f.document_id = ?");
    q.Bind(1, id);
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      groups.push_back(q.Int(0));
      keys.emplace(q.Text(1));
    }
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
    while ((rc = q.Step()) == SQLITE_ROW)
      pair_facts.emplace_back(std::string(q.Text(0)), std::string(q.Text(1)), q.Int(2));
    if (rc != SQLITE_DONE) return db_->StepError(rc);
    q.Reset();
  }
  {
    OBOROT_PREPARE(q,
                   "INSERT INTO documents_fts (documents_fts, rowid, stems) "
                   "SELECT 'delete', id, stems FROM documents WHERE id = ?");
    q.Bind(1, id);
    OBOROT_STEP_DONE(q);
  }
  {
    OBOROT_PREPARE(q,
                   "DELETE FROM doc_parties WHERE party IN (SELECT party_a FROM facts WHERE document_id = ?1 "
                   "UNION SELECT party_b FROM facts WHERE document_id = ?1) "
                   "AND published = (SELECT coalesce(published, '') FROM documents WHERE id = ?1) "
                   "AND doc_id = (SELECT doc_id FROM documents WHERE id = ?1) AND document_id = ?1");
    q.Bind(1, id);
    OBOROT_STEP_DONE(q);
  }
  {
    OBOROT_PREPARE(q, "DELETE FROM documents WHERE id = ?");
    q.Bind(1, id);
    OBOROT_STEP_DONE(q);
  }
  for (int64_t g : groups) OBOROT_RETURN_IF_ERROR(RefreshGroup(g));
  for (const std::string& key : keys) {
    // A group gone may leave its key with one group: no longer a conflict.
    OBOROT_PREPARE(q,
                   "UPDATE fact_groups SET conflict = (year IS NOT NULL AND type IN ('turnover', 'turnover_change', "
                   "'turnover_share') AND (SELECT count(*) FROM fact_groups h WHERE h.key = ?1) > 1) WHERE key = ?1");
    q.Bind(1, key);
    OBOROT_STEP_DONE(q);
    // Reloaded from the tables when next needed.
    auto it = cache_->keys.find(key);
    if (it != cache_->keys.end()) {
      for (const GroupRef& g : it->second) cache_->groups.erase(g.id);
      cache_->keys.erase(it);
    }
  }
  for (const auto& [a, b, n] : pair_facts) {
    OBOROT_PREPARE(q,
                   "UPDATE pairs SET documents = documents - 1, facts = facts - ? WHERE party_a = ? AND party_b = ?");
    q.Bind(1, n).Bind(2, a).Bind(3, b);
    OBOROT_STEP_DONE(q);
  }
  return db_->Exec("DELETE FROM pairs WHERE facts <= 0");
}

// Recomputes a group's sources, dates and detail source from its facts, or
// deletes it when none is left.
Status Store::RefreshGroup(int64_t group_id) {
  OBOROT_PREPARE(q,
                 "UPDATE fact_groups SET "
                 "sources = (SELECT count(DISTINCT f.document_id) FROM facts f WHERE f.group_id = ?1), "
                 "first_published = (SELECT min(d.published) FROM facts f JOIN documents d ON d.id = f.document_id "
                 "  WHERE f.group_id = ?1), "
                 "last_published = (SELECT max(d.published) FROM facts f JOIN documents d ON d.id = f.document_id "
                 "  WHERE f.group_id = ?1), "
                 "(detail_fact, announced) = (SELECT f.id, d.published FROM facts f JOIN documents d "
                 "  ON d.id = f.document_id WHERE f.group_id = ?1 "
                 "  ORDER BY f.speaker IS NULL, d.published IS NULL, d.published, f.id LIMIT 1) "
                 "WHERE id = ?1");
  q.Bind(1, group_id);
  OBOROT_STEP_DONE(q);
  OBOROT_PREPARE(del, "DELETE FROM fact_groups WHERE id = ? AND sources = 0");
  del.Bind(1, group_id);
  OBOROT_STEP_DONE(del);
  return Status::Ok();
}

}  // namespace oborot::kb
