#include "src/kb/checkpointer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "src/kb/kb_test_util.h"

namespace oborot::kb {
namespace {

using testing::TempDir;

std::unique_ptr<Db> OpenWal(const std::string& path) {
  auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  EXPECT_TRUE(db.ok());
  if (!db.ok()) return nullptr;
  EXPECT_TRUE((*db)->Exec("PRAGMA journal_mode = WAL").ok());
  EXPECT_TRUE((*db)->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)").ok());
  return std::move(*db);
}

Status Commit(Db& db, int rows) {
  Status st = db.Exec("BEGIN");
  for (int i = 0; i < rows && st.ok(); ++i) st = db.Exec("INSERT INTO t (body) VALUES (hex(randomblob(2000)))");
  return st.ok() ? db.Exec("COMMIT") : st;
}

TEST(Checkpointer, CopiesTheWalOnItsOwnThread) {
  auto dir = TempDir("checkpointer");
  auto db = OpenWal((dir / "c.db").string());
  ASSERT_TRUE(db);
  {
    auto c = Checkpointer::Start(*db, {.wal_pages = 16});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(Commit(*db, 40).ok());
    // The thread works asynchronously: wait (bounded) for its first checkpoint.
    for (int i = 0; i < 500 && (*c)->checkpoints() == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_GT((*c)->checkpoints(), 0);
  }
  // Stopped: the writer checkpoints by itself again.
  auto pages = QueryInt(*db, "PRAGMA wal_autocheckpoint");
  ASSERT_TRUE(pages.ok());
  EXPECT_EQ(*pages, 16);
  auto rows = QueryInt(*db, "SELECT count(*) FROM t");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, 200);
  auto check = QueryInt(*db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'");
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(*check, 0);
  db.reset();
  std::filesystem::remove_all(dir);
}

TEST(Checkpointer, SmallCommitsLeaveTheThreadIdle) {
  auto dir = TempDir("checkpointer_idle");
  auto db = OpenWal((dir / "c.db").string());
  ASSERT_TRUE(db);
  auto c = Checkpointer::Start(*db, {.wal_pages = 100000});
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(Commit(*db, 3).ok());
  EXPECT_EQ((*c)->checkpoints(), 0);
  c->reset();
  db.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace oborot::kb
