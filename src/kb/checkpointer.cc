#include "src/kb/checkpointer.h"

namespace oborot::kb {

Result<std::unique_ptr<Checkpointer>> Checkpointer::Start(Db& writer, const CheckpointOptions& options) {
  auto own = Db::Open(writer.path(), SQLITE_OPEN_READWRITE);
  if (!own.ok()) return own.status();
  Status st = (*own)->Exec(options.synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
  if (!st.ok()) return st;
  std::unique_ptr<Checkpointer> c(new Checkpointer(writer, std::move(*own), options));
  sqlite3_wal_hook(writer.handle(), &Checkpointer::OnCommit, c.get());
  return c;
}

Checkpointer::Checkpointer(Db& writer, std::unique_ptr<Db> own, const CheckpointOptions& options)
    : writer_(writer), own_(std::move(own)), options_(options), thread_([this] { Run(); }) {}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  sqlite3_wal_autocheckpoint(writer_.handle(), options_.wal_pages);
}

int64_t Checkpointer::checkpoints() const {
  std::lock_guard<std::mutex> lock(mu_);
  return done_;
}

// The writer's WAL hook: runs on the writer's thread after each commit.
int Checkpointer::OnCommit(void* self, sqlite3* db, const char* schema, int wal_pages) {
  auto* c = static_cast<Checkpointer*>(self);
  if (wal_pages >= 4 * c->options_.wal_pages) {
    // Far behind (long-lived readers, a slow disk): as SQLite's own hook does.
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (wal_pages >= c->options_.wal_pages) {
    {
      std::lock_guard<std::mutex> lock(c->mu_);
      c->requested_ = true;
    }
    c->wake_.notify_one();
  }
  return SQLITE_OK;
}

void Checkpointer::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return requested_ || stop_; });
    if (stop_) return;
    requested_ = false;
    lock.unlock();
    // SQLITE_BUSY (another checkpoint under way) and I/O errors leave the
    // WAL as it is: the next commit asks again, and closing the writer
    // checkpoints what is left.
    sqlite3_wal_checkpoint_v2(own_->handle(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    ++done_;
  }
}

}  // namespace oborot::kb
