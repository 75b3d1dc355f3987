// The knowledge base: documents, facts, evidence, merged fact groups and a
// full-text index in one SQLite file.
//
//   auto store = oborot::kb::Store::Open("oborot.db", {});
//   if (!store.ok()) { Report(store.status()); return 1; }
//   (*store)->Begin();
//   auto outcome = (*store)->IngestDocument(document_line, fact_lines, text);
//   (*store)->Commit();
//
// For speed, oborot ingest prepares documents on worker threads
// (PrepareDocument, src/kb/prepare.h) and only Apply()s them here, in order.
//
// The schema is versioned (PRAGMA user_version) and brought up to date by the
// migrations in src/kb/migrations/ when a writer opens the file. The file is
// in WAL mode with foreign keys on, so readers work while a writer ingests.
// Each batch (Begin .. Commit) is one transaction: a crash loses at most the
// open batch, and every document is stored whole or not at all.
//
// Re-ingesting a document with the same id and content changes nothing; a
// document whose content (text, metadata or facts) changed replaces its
// previous version and its facts; another id with identical content is a
// duplicate and is skipped.
//
// Speed: every statement is prepared once per Store. Within a batch the
// store keeps the merged groups it has seen in memory (key -> groups, with
// their source counts, dates and detail source) and writes each changed group
// and pair once, and the batch's doc_parties rows in key order, when the batch
// commits; the cache outlives the batch while no other connection writes the
// file (PRAGMA data_version), and is dropped on rollback. Writing to
// fact_groups, pairs or doc_parties through db() behind the store's back
// during a batch is not supported (nor is reading them there before Commit()).
// WAL checkpoints run on a thread of the Store's own (src/kb/checkpointer.h).
//
// A Store is a single connection: use it from one thread at a time.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/status.h"
#include "src/kb/checkpointer.h"
#include "src/kb/prepare.h"
#include "src/kb/sqlite.h"

namespace oborot::kb {

struct OpenOptions {
  bool read_only = false;  // readers: never create, migrate or write
  int busy_timeout_ms = 10000;  // readers: how long to wait for a lock SQLite needs briefly
  // Writers, when another process is writing the same file (an ingest in
  // its batch): < 0 wait until it has finished, however long; 0 fail at once
  // (kIoError "another process is writing to this database"); > 0 wait this
  // many seconds, then fail so. Never the silent 10 s busy time-out.
  double writer_wait_seconds = -1;
  // Writers: called once, with a message naming the file, when this
  // connection starts waiting for another writer.
  std::function<void(const std::string&)> on_wait{};
  // Tests only: cap the file at this many pages to provoke "disk full" (0: no cap).
  int64_t max_page_count = 0;
  // PRAGMA synchronous: NORMAL is durable at each commit's checkpoint in WAL
  // mode and loses no integrity on power loss; FULL also keeps the last commit.
  bool synchronous_full = false;
  // Writers: WAL checkpoints on a thread of their own (src/kb/checkpointer.h)
  // rather than in the commit that crosses the threshold.
  bool background_checkpoints = true;
};

// Which merged facts can disagree: figures (turnover, its change and share,
// trade flows) with a year — but not a share of "one side's foreign trade"
// («5 % of Russia's trade» and «60 % of Belarus's» are both true of one year,
// since the contract does not say whose). The store marks fact_groups.conflict
// by this; kCanDisagreeSql is the same test over fact_groups' columns (type,
// name, year), for SQL that marks or reads the flag.
bool CanDisagree(std::string_view type, std::string_view name, bool has_year);
inline constexpr const char* kCanDisagreeSql =
    "(year IS NOT NULL AND type IN ('turnover', 'turnover_change', 'turnover_share', 'trade_flow') "
    "AND NOT (type = 'turnover_share' AND coalesce(name, '') = 'foreign_trade'))";

enum class IngestOutcome { kInserted, kReplaced, kUnchanged, kDuplicate };
std::string_view IngestOutcomeName(IngestOutcome o);

struct IngestResult {
  IngestOutcome outcome = IngestOutcome::kInserted;
  std::string duplicate_of;  // for kDuplicate: the stored document with the same content
  size_t facts = 0;          // facts stored for this document
};

class Store {
 public:
  // The schema version this binary writes.
  static int SchemaVersion();

  // Opens or (unless read_only) creates the database and migrates it. A
  // writer first checks the file cheaply: its size must be a whole number
  // of pages and, without a write-ahead log, at least the size its header
  // gives (a file cut by an interrupted copy or a full disk would otherwise
  // pass SQLite's checks and damage the full-text index). The migrations
  // re-read the schema version inside their lock, so two writers opening a
  // new file at once migrate it once. A reader on a read-only volume (where
  // SQLite cannot create the -shm file a WAL database needs) opens the file
  // as immutable, when no write-ahead log holds changes.
  // Errors, each naming the file, with the file left unchanged:
  //   kNotFound     read_only and the file does not exist;
  //   kIoError      the file cannot be opened or read (permissions, a directory),
  //                 another process writes it (see writer_wait_seconds), disk full;
  //   kCorrupt      not an SQLite database, or damaged (cut short);
  //   kUnsupported  made by a newer oborot (schema version above SchemaVersion()).
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const OpenOptions& options);
  ~Store();

  // Transactions: one per batch. Rollback() is safe to call after an error.
  // Commit() first writes the batch's pending group and pair updates; when
  // anything fails the batch is rolled back and the error returned.
  Status Begin();
  Status Commit();
  void Rollback();
  bool in_transaction() const;

  // Stores one document with its facts inside the open transaction (opens
  // and commits one of its own when none is open). `document_line` is the
  // JSONL "document" line (doc, title, published, url, source, chars),
  // `fact_lines` the fact lines of the contract, `text` the cleaned body the
  // evidence offsets point into. The same as PrepareParsedDocument() + Apply().
  // Errors: kInvalidInput (no "doc" id, a malformed fact line; the document
  // is skipped and the transaction stays usable), kIoError/kCorrupt from
  // SQLite (disk full: the whole open batch is rolled back).
  Result<IngestResult> IngestDocument(const nlohmann::json& document_line,
                                      const std::vector<nlohmann::json>& fact_lines, std::string_view text);
  // Writes a prepared document (src/kb/prepare.h): only the SQL and the
  // merging, so that preparing the next documents can run on other threads.
  // Errors: SQLite's, as for IngestDocument (the open batch is rolled back).
  Result<IngestResult> Apply(const PreparedDocument& doc);

  // Removes a document and its facts. Errors: kNotFound, SQLite errors.
  Status RemoveDocument(std::string_view doc_id);

  Db& db() { return *db_; }
  const std::string& path() const { return db_->path(); }

 private:
  struct Cache;       // store.cc: the batch's groups, pending pair counts, next fact id
  struct GroupEntry;  // store.cc: a cached group
  struct GroupRef {
    int64_t id;
    GroupEntry* entry;
  };

  explicit Store(std::unique_ptr<Db> db);
  Status Migrate();
  // Reads what a batch needs (next fact id, whether another writer changed
  // the file) once the transaction is open.
  Status StartBatch();
  // Writes pending group and pair updates.
  Status Flush();
  // The groups with `key`, ascending by id, loaded into the cache on first use.
  Result<std::vector<GroupRef>*> GroupsWithKey(const std::string& key);
  Status DeleteDocumentRow(int64_t id);
  Status RefreshGroup(int64_t group_id);
  Status ReclusterKey(const std::string& key);
  Result<IngestResult> ApplyLocked(const PreparedDocument& doc);
  Status RecordInput(const PreparedDocument& doc, int64_t document_row, bool inserted);
  Status InsertFacts(const PreparedDocument& doc, int64_t document_row, int64_t first_fact,
                     const std::vector<int64_t>& groups);

  struct Waiting;  // store.cc: the busy handler's state for writers

  std::unique_ptr<Waiting> waiting_;  // outlives db_ (declared before it)
  std::unique_ptr<Db> db_;
  std::unique_ptr<Cache> cache_;
  std::unique_ptr<Checkpointer> checkpointer_;  // stops before db_ closes
};

}  // namespace oborot::kb
