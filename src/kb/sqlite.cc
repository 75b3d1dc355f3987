#include "src/kb/sqlite.h"

#include <cerrno>
#include <cstring>

namespace oborot::kb {

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(s_);
    s_ = o.s_;
    o.s_ = nullptr;
  }
  return *this;
}

Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(s_, i, v);
  return *this;
}

Stmt& Stmt::Bind(int i, double v) {
  sqlite3_bind_double(s_, i, v);
  return *this;
}

Stmt& Stmt::Bind(int i, std::string_view v) {
  sqlite3_bind_text64(s_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Stmt& Stmt::BindRef(int i, std::string_view v) {
  sqlite3_bind_text64(s_, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
  return *this;
}

Stmt& Stmt::BindBlobRef(int i, std::string_view v) {
  sqlite3_bind_blob64(s_, i, v.data(), v.size(), SQLITE_STATIC);
  return *this;
}

Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(s_, i);
  return *this;
}

int Stmt::Step() { return sqlite3_step(s_); }

void Stmt::Reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
}

std::string_view Stmt::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(s_, col);
  if (p == nullptr) return {};
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s_, col))};
}

std::string_view Stmt::Blob(int col) const {
  const void* p = sqlite3_column_blob(s_, col);
  if (p == nullptr) return {};
  return {static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s_, col))};
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, int flags, const std::string& uri) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(uri.empty() ? path.c_str() : uri.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<Db> db(new Db(raw, path));
  if (rc != SQLITE_OK) return db->Error(rc, "cannot open");
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Db::~Db() {
  cache_.clear();  // statements before the connection
  static_cache_.clear();
  sqlite3_close_v2(db_);
}

Status Db::Exec(std::string_view sql) {
  std::string s(sql);
  char* msg = nullptr;
  const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &msg);
  sqlite3_free(msg);
  if (rc != SQLITE_OK) return Error(rc, "");
  return Status::Ok();
}

Result<Stmt*> Db::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  auto s = PrepareOnce(sql);
  if (!s.ok()) return s.status();
  auto owned = std::make_unique<Stmt>(std::move(*s));
  Stmt* p = owned.get();
  cache_.emplace(sql, std::move(owned));
  return p;
}

Result<Stmt*> Db::Prepare(const char* static_sql) {
  auto it = static_cache_.find(static_sql);
  if (it != static_cache_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  auto s = PrepareOnce(static_sql);
  if (!s.ok()) return s.status();
  auto owned = std::make_unique<Stmt>(std::move(*s));
  Stmt* p = owned.get();
  static_cache_.emplace(static_sql, std::move(owned));
  return p;
}

Result<Stmt> Db::PrepareOnce(const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  const int rc =
      sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr);
  if (rc != SQLITE_OK) return Error(rc, "");
  return Stmt(s);
}

Status Db::Error(int rc, std::string_view what) const {
  const int primary = rc & 0xff;
  std::string detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  std::string prefix = path_ + ": ";
  if (!what.empty()) prefix += std::string(what) + ": ";
  switch (primary) {
    case SQLITE_NOTADB:
      return {StatusCode::kCorrupt, prefix + "not an oborot database (" + detail + ")"};
    case SQLITE_CORRUPT:
      return {StatusCode::kCorrupt, prefix + "database file is damaged (" + detail + ")"};
    case SQLITE_FULL:
      return {StatusCode::kIoError,
              prefix + "disk full or database size limit reached; nothing from the open batch was stored"};
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return {StatusCode::kIoError, prefix + "cannot open the database file (" + detail + ")"};
    case SQLITE_IOERR: {
      // The operating system's reason, when SQLite kept it: a full disk
      // often shows first as no room for the -shm or -wal file.
      const int err = db_ != nullptr ? sqlite3_system_errno(db_) : 0;
      const bool shm = rc == SQLITE_IOERR_SHMSIZE || rc == SQLITE_IOERR_SHMOPEN || rc == SQLITE_IOERR_SHMMAP;
      if (err == ENOSPC || err == EDQUOT) {
        return {StatusCode::kIoError, prefix + "disk full: no room for " +
                                          (shm ? path_ + "-shm (the shared-memory file of the write-ahead log)"
                                               : std::string("the database or its write-ahead log")) +
                                          "; free some space and run again; nothing from the open batch was stored"};
      }
      if (err == EFBIG) {
        return {StatusCode::kIoError, prefix + "file size limit reached (ulimit -f) writing " +
                                          (shm ? path_ + "-shm" : std::string("the database")) +
                                          "; nothing from the open batch was stored"};
      }
      std::string why = detail;
      if (err != 0) why += ": " + std::string(std::strerror(err));
      if (shm) return {StatusCode::kIoError, prefix + "cannot create or grow " + path_ + "-shm (" + why + ")"};
      return {StatusCode::kIoError, prefix + "input/output error (" + why + ")"};
    }
    case SQLITE_READONLY:
      return {StatusCode::kIoError, prefix + "database is read-only (" + detail + ")"};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {StatusCode::kIoError, prefix +
                                        "another process is writing to this database and holds its write lock; "
                                        "nothing was stored: run again when it has finished (" + detail + ")"};
    default:
      return {StatusCode::kInternal, prefix + detail};
  }
}

Result<int64_t> QueryInt(Db& db, const std::string& sql) {
  auto s = db.PrepareOnce(sql);
  if (!s.ok()) return s.status();
  const int rc = s->Step();
  if (rc == SQLITE_ROW) return s->Int(0);
  if (rc == SQLITE_DONE) return int64_t{0};
  return db.StepError(rc);
}

}  // namespace oborot::kb
