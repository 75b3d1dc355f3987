// Issue 15 at the store: concurrent writers (migration inside the lock, a
// second writer that waits or fails at once), a file cut short, a full disk
// without room for the -shm file, and a read-only volume. The last two run in
// a child process with a mount namespace of its own (tmpfs, read-only bind):
// skipped where the test may not mount (not root, no CAP_SYS_ADMIN), and
// nothing stays mounted once the child ends.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <thread>

#include "src/kb/kb_test_util.h"
#include "src/kb/store.h"

namespace oborot::kb {
namespace {

using testing::DocLine;
using testing::TempDir;

constexpr const char* kText = "Товарооборот Беларуси и Калужской области в 2023 году составил 500 млн долларов.";

Status IngestOne(Store& s, const std::string& id) {
  auto r = s.IngestDocument(DocLine(id, "2024-01-10", "Заголовок " + id), {}, kText);
  return r.ok() ? Status::Ok() : r.status();
}

TEST(Writers, TwoWritersOpeningANewFileMigrateItOnce) {
  const auto dir = TempDir("writers_migrate");
  for (int round = 0; round < 10; ++round) {
    const std::string path = (dir / ("kb" + std::to_string(round) + ".db")).string();
    std::atomic<int> ready{0};
    Status a, b;
    auto open = [&](Status* out) {
      ++ready;
      while (ready < 2) std::this_thread::yield();  // start together
      auto s = Store::Open(path, {});
      *out = s.ok() ? IngestOne(**s, "doc" + std::to_string(out == &a)) : s.status();
    };
    std::thread ta(open, &a), tb(open, &b);
    ta.join();
    tb.join();
    EXPECT_TRUE(a.ok()) << a.ToString();
    EXPECT_TRUE(b.ok()) << b.ToString();
  }
  std::filesystem::remove_all(dir);
}

TEST(Writers, ASecondWriterFailsAtOnceOrWaitsItsTurn) {
  const auto dir = TempDir("writers_wait");
  const std::string path = (dir / "kb.db").string();
  auto first = Store::Open(path, {});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE((*first)->Begin().ok());  // holds the write lock for its batch
  ASSERT_TRUE(IngestOne(**first, "a").ok());

  // Fail at once.
  OpenOptions no_wait;
  no_wait.writer_wait_seconds = 0;
  auto second = Store::Open(path, no_wait);
  ASSERT_TRUE(second.ok()) << second.status().ToString();  // opening needs no write lock
  auto t0 = std::chrono::steady_clock::now();
  Status st = (*second)->Begin();
  EXPECT_FALSE(st.ok());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  EXPECT_NE(st.message().find(path + ": another process is writing to this database and holds its write lock"),
            std::string::npos)
      << st.ToString();

  // Wait a bounded time, saying so once.
  OpenOptions bounded;
  bounded.writer_wait_seconds = 0.3;
  int told = 0;
  std::string message;
  bounded.on_wait = [&](const std::string& m) {
    ++told;
    message = m;
  };
  auto third = Store::Open(path, bounded);
  ASSERT_TRUE(third.ok());
  t0 = std::chrono::steady_clock::now();
  st = (*third)->Begin();
  const auto waited = std::chrono::steady_clock::now() - t0;
  EXPECT_FALSE(st.ok());
  EXPECT_GE(waited, std::chrono::milliseconds(250));
  EXPECT_LT(waited, std::chrono::seconds(3));
  EXPECT_EQ(told, 1);
  EXPECT_EQ(message, path + ": another process is writing to this database; waiting for it to finish");

  // Wait as long as it takes: the turn comes when the first commits.
  OpenOptions patient;
  std::atomic<bool> waiting{false};
  patient.on_wait = [&](const std::string&) { waiting = true; };
  auto fourth = Store::Open(path, patient);
  ASSERT_TRUE(fourth.ok());
  Status got;
  std::thread t([&] {
    got = (*fourth)->Begin();
    if (got.ok()) got = IngestOne(**fourth, "b");
    if (got.ok()) got = (*fourth)->Commit();
  });
  for (int i = 0; i < 500 && !waiting; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(waiting);
  ASSERT_TRUE((*first)->Commit().ok());
  t.join();
  EXPECT_TRUE(got.ok()) << got.ToString();
  auto n = QueryInt((*first)->db(), "SELECT count(*) FROM documents");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 2);
  first->reset();
  second->reset();
  third->reset();
  fourth->reset();
  std::filesystem::remove_all(dir);
}

TEST(Writers, AFileCutShortIsRefusedAndLeftUnchanged) {
  const auto dir = TempDir("writers_cut");
  const std::string path = (dir / "kb.db").string();
  {
    auto s = Store::Open(path, {});
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE(IngestOne(**s, "a").ok());
  }
  ASSERT_FALSE(std::filesystem::exists(path + "-wal"));
  const auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size - 1);  // one byte of its last page lost
  auto s = Store::Open(path, {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(s.status().message(), path + ": database file is damaged: its " + std::to_string(size - 1) +
                                      " bytes are not a whole number of 16384-byte pages (cut short by an "
                                      "interrupted copy or a full disk); oborot leaves it unchanged: restore a copy, "
                                      "or ingest into a new file");
  EXPECT_EQ(std::filesystem::file_size(path), size - 1);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  std::filesystem::resize_file(path, size - 16384);
  auto w = Store::Open(path, {});
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("its header says"), std::string::npos) << w.status().ToString();
  std::filesystem::remove_all(dir);
}

// Runs `body` in a child process with a mount namespace of its own; returns
// its exit status, or -1 when namespaces or mounts are not allowed here.
int InPrivateMounts(const std::function<int()>& body) {
  const pid_t pid = fork();
  if (pid == 0) {
    if (unshare(CLONE_NEWNS) != 0 || mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) _exit(100);
    _exit(body());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status)) return -2;
  return WEXITSTATUS(status) == 100 ? -1 : WEXITSTATUS(status);
}

TEST(Writers, AFullDiskNamesTheShmFile) {
  const auto dir = TempDir("writers_full");
  const std::string made = (dir / "kb.db").string();
  {
    auto s = Store::Open(made, {});
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE(IngestOne(**s, "a").ok());
  }
  const auto size = std::filesystem::file_size(made);
  const auto disk = dir / "disk";
  std::filesystem::create_directories(disk);
  const int rc = InPrivateMounts([&]() -> int {
    // A file system just large enough for the database: no room for -shm or -wal.
    const std::string opts = "size=" + std::to_string(size + 4096);
    if (mount("tmpfs", disk.c_str(), "tmpfs", 0, opts.c_str()) != 0) return 100;
    const std::string path = (disk / "kb.db").string();
    std::error_code ec;
    std::filesystem::copy_file(made, path, ec);
    if (ec) return 3;
    // fill what is left
    if (FILE* f = std::fopen((disk / "filler").c_str(), "wb")) {
      char block[4096] = {};
      while (std::fwrite(block, 1, sizeof block, f) == sizeof block) {
      }
      std::fclose(f);
    }
    auto s = Store::Open(path, {});
    Status st = s.ok() ? IngestOne(**s, "b") : s.status();
    if (st.ok()) return 4;
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return st.message().find("disk full") != std::string::npos ? 0 : 5;
  });
  if (rc == -1) GTEST_SKIP() << "mounting a tmpfs is not allowed here";
  EXPECT_EQ(rc, 0) << "the error did not say 'disk full' (see the line above)";
  std::filesystem::remove_all(dir);
}

TEST(Writers, AReaderOpensADatabaseOnAReadOnlyVolume) {
  const auto dir = TempDir("writers_ro");
  const auto volume = dir / "volume";
  std::filesystem::create_directories(volume);
  const std::string path = (volume / "kb.db").string();
  {
    auto s = Store::Open(path, {});
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE(IngestOne(**s, "a").ok());
  }
  ASSERT_FALSE(std::filesystem::exists(path + "-shm"));
  const int rc = InPrivateMounts([&]() -> int {
    if (mount(volume.c_str(), volume.c_str(), nullptr, MS_BIND, nullptr) != 0) return 100;
    if (mount(nullptr, volume.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0) return 100;
    if (access((volume / "x").c_str(), F_OK) == 0 || creat((volume / "x").c_str(), 0644) >= 0) return 2;
    auto s = Store::Open(path, {.read_only = true});
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.status().ToString().c_str());
      return 3;
    }
    auto n = QueryInt((*s)->db(), "SELECT count(*) FROM documents");
    return n.ok() && *n == 1 ? 0 : 4;
  });
  if (rc == -1) GTEST_SKIP() << "a read-only bind mount is not allowed here";
  EXPECT_EQ(rc, 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace oborot::kb
