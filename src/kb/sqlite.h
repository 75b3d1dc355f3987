// A thin RAII layer over the SQLite C API: a connection with a statement
// cache, and statements with chainable binds and typed column reads.
//
//   auto db = oborot::kb::Db::Open("oborot.db", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
//   if (!db.ok()) return db.status();
//   Stmt& q = db->Prepare("SELECT title FROM documents WHERE doc_id = ?");
//   q.Bind(1, "a");
//   while (q.Step() == SQLITE_ROW) Print(q.Text(0));
//
// Hand-rolled rather than Debian's SQLiteCpp because that library reports
// errors by throwing, and oborot keeps expected failures as Status values;
// what is needed here is these hundred lines.
//
// Errors: Db::Error() turns an SQLite result code into a Status naming the
// database file: kCorrupt (not a database, damaged), kIoError (cannot open,
// disk full, locked, read-only), kInternal (misuse, SQL errors).
// Views returned by Stmt::Text() live until the next Step/Reset of the statement.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "oborot/status.h"

namespace oborot::kb {

class Stmt {
 public:
  Stmt() = default;
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(Stmt&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view v);  // copied by SQLite (SQLITE_TRANSIENT)
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  // Not copied (SQLITE_STATIC): the bytes must stay alive and unchanged
  // until the statement's next Step() has returned. For large texts on hot paths.
  Stmt& BindRef(int i, std::string_view v);
  // A BLOB, not copied (as BindRef).
  Stmt& BindBlobRef(int i, std::string_view v);
  Stmt& BindNull(int i);
  // Binds NULL for an empty string / absent optional.
  Stmt& BindText(int i, std::string_view v) { return v.empty() ? BindNull(i) : Bind(i, v); }
  Stmt& BindTextRef(int i, std::string_view v) { return v.empty() ? BindNull(i) : BindRef(i, v); }
  template <typename T>
  Stmt& Bind(int i, const std::optional<T>& v) {
    return v ? Bind(i, *v) : BindNull(i);
  }

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step();
  // Resets the statement and clears its bindings.
  void Reset();

  bool IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  double Real(int col) const { return sqlite3_column_double(s_, col); }
  std::string_view Text(int col) const;
  std::string_view Blob(int col) const;
  std::optional<int64_t> OptInt(int col) const { return IsNull(col) ? std::nullopt : std::optional(Int(col)); }
  std::optional<double> OptReal(int col) const { return IsNull(col) ? std::nullopt : std::optional(Real(col)); }
  sqlite3_stmt* get() const { return s_; }

 private:
  sqlite3_stmt* s_ = nullptr;
};

class Db {
 public:
  // Opens (flags as sqlite3_open_v2). With `uri` (and SQLITE_OPEN_URI in
  // flags) opens that URI while messages name `path`.
  // Errors: kIoError when the file cannot be opened.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, int flags, const std::string& uri = "");
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs one or more statements. Errors: see Error().
  Status Exec(std::string_view sql);
  // A cached prepared statement, reset and ready to bind; lives as long as the Db.
  // Errors: SQL errors are programmer errors; the returned Result carries them.
  Result<Stmt*> Prepare(const std::string& sql);
  // The same for SQL in a string literal (or any string that outlives the
  // Db): cached by address, which saves hashing the text on hot paths.
  Result<Stmt*> Prepare(const char* static_sql);
  // A fresh statement not kept in the cache (for one-off queries).
  Result<Stmt> PrepareOnce(const std::string& sql);

  // Status for an SQLite result code, naming the database file and `what`.
  Status Error(int rc, std::string_view what) const;
  // Status for a statement's Step() result that is neither ROW nor DONE.
  Status StepError(int rc) const { return Error(rc, ""); }

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  int64_t Changes() const { return sqlite3_changes64(db_); }
  int64_t LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::string path_;
  std::map<std::string, std::unique_ptr<Stmt>, std::less<>> cache_;
  std::unordered_map<const char*, std::unique_ptr<Stmt>> static_cache_;
};

// Runs a single-row query and returns its first column as an integer.
Result<int64_t> QueryInt(Db& db, const std::string& sql);

}  // namespace oborot::kb
