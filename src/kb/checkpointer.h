// WAL checkpoints on a thread of their own, so that the writer does not wait
// while committed pages are copied into the database file and synced.
//
//   auto ckpt = oborot::kb::Checkpointer::Start(writer_db, {.wal_pages = 4096, .synchronous_full = false});
//   if (!ckpt.ok()) return ckpt.status();  // the writer keeps SQLite's own automatic checkpoints
//   ...                                     // commits on writer_db wake the thread when the WAL is large
//   ckpt->reset();                          // before writer_db closes: stops the thread
//
// Start() replaces the writer connection's automatic checkpoint (its WAL
// hook): after a commit leaves at least `wal_pages` pages in the WAL, the
// thread runs a PASSIVE checkpoint on a second connection to the same file.
// A passive checkpoint never blocks the writer or readers and copies what no
// reader still needs; SQLite then starts the WAL over at the writer's next
// transaction. Durability and crash safety are SQLite's (the WAL is the same;
// only the thread that copies it differs). When the WAL grows past four times
// `wal_pages` (the thread cannot keep up), the committing writer checkpoints
// itself, as SQLite's automatic checkpoint would. The writer's connection
// must outlive the Checkpointer.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "oborot/status.h"
#include "src/kb/sqlite.h"

namespace oborot::kb {

struct CheckpointOptions {
  int wal_pages = 4096;  // checkpoint once the WAL holds this many pages
  bool synchronous_full = false;
};

class Checkpointer {
 public:
  // Errors: those of opening a second connection to writer's file.
  static Result<std::unique_ptr<Checkpointer>> Start(Db& writer, const CheckpointOptions& options);
  // Waits for a checkpoint under way, stops the thread and puts SQLite's
  // automatic checkpoint back on the writer's connection.
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Checkpoints run so far (for tests and benchmarks).
  int64_t checkpoints() const;

 private:
  Checkpointer(Db& writer, std::unique_ptr<Db> own, const CheckpointOptions& options);
  static int OnCommit(void* self, sqlite3* db, const char* schema, int wal_pages);
  void Run();

  Db& writer_;
  std::unique_ptr<Db> own_;  // used by the thread only
  CheckpointOptions options_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stop_ = false;
  int64_t done_ = 0;
  std::thread thread_;
};

}  // namespace oborot::kb
