// `oborot reextract` with the real binary: after a data change, re-deriving
// the stored documents gives exactly what a fresh ingest of the same
// articles gives, only the affected documents change, and a SIGKILL in the
// middle leaves whole batches and a rerun completes the work.
//
// The "older oborot" is this one with an older gazetteer: a copy of data/
// without the Kaluga oblast (RU-KLU), loaded with --data-dir. Its documents
// carry another extractor version (the data hash differs).
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "src/kb/sqlite.h"
#include "src/kb/store.h"
#include "tests/fetch/cli_util.h"

namespace oborot::kb {
namespace {

namespace fs = std::filesystem;
using oborot::testing::ReadAll;
using oborot::testing::RunOborot;
using oborot::testing::SpawnOborot;
using oborot::testing::WaitOborot;

const char* const kOthers[] = {"Воронежской областью", "Татарстаном", "Брянской областью", "Смоленской областью"};

class ReextractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("oborot_reextract_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "corpus");
    log_ = (dir_ / "log.txt").string();
    // The older data: data/ without every row naming RU-KLU.
    const fs::path src = fs::path(OBOROT_SOURCE_DIR) / "data";
    for (const auto& e : fs::recursive_directory_iterator(src)) {
      const fs::path to = dir_ / "olddata" / fs::relative(e.path(), src);
      if (e.is_directory()) {
        fs::create_directories(to);
        continue;
      }
      fs::create_directories(to.parent_path());
      std::ifstream in(e.path(), std::ios::binary);
      std::ofstream out(to, std::ios::binary);
      for (std::string line; std::getline(in, line);) {
        if (e.path().extension() == ".tsv" && line.find("RU-KLU") != std::string::npos) continue;
        out << line << '\n';
      }
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  // n documents; every `kaluga_every`-th is about the Kaluga oblast.
  void WriteCorpus(int n, int kaluga_every) {
    for (int i = 0; i < n; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "doc_%05d.txt", i);
      std::ofstream out(dir_ / "corpus" / name);
      const bool kaluga = i % kaluga_every == 0;
      out << "Минск, " << (1 + i % 28) << " апреля 2024 года.\n\n";
      out << "Товарооборот Беларуси с " << (kaluga ? "Калужской областью" : kOthers[i % 4]) << " в 2023 году составил "
          << (100 + i % 50) << " млн долларов, сообщили в правительстве (сообщение " << i << ").\n\n";
      out << "Стороны договорились расширить поставки сельскохозяйственной техники и продовольствия.\n";
    }
  }

  // A dump of what a knowledge base holds, independent of row ids and times.
  std::string Dump(const std::string& db) {
    const std::string out = (dir_ / "dump.jsonl").string();
    EXPECT_EQ(RunOborot({"export", "--db", db, "--format", "jsonl", "--out", out}, log_), 0) << ReadAll(log_);
    std::string s = ReadAll(out);
    std::vector<std::string> lines;
    for (size_t a = 0, b; a < s.size(); a = b + 1) {
      b = s.find('\n', a);
      if (b == std::string::npos) b = s.size();
      lines.push_back(s.substr(a, b - a));
    }
    auto d = Db::Open(db, SQLITE_OPEN_READONLY);
    auto q = (*d)->PrepareOnce(
        "SELECT doc_id || '|' || coalesce(published, '') || '|' || coalesce(title, '') || '|' || content_hash || '|' || "
        "fact_count || '|' || chars FROM documents");
    while (q->Step() == SQLITE_ROW) lines.emplace_back(q->Text(0));
    auto p = (*d)->PrepareOnce("SELECT party_a || party_b || '|' || documents || '|' || facts FROM pairs");
    while (p->Step() == SQLITE_ROW) lines.emplace_back(p->Text(0));
    std::sort(lines.begin(), lines.end());
    std::string all;
    for (const auto& l : lines) all += l + "\n";
    return all;
  }

  int64_t Int(const std::string& db, const std::string& sql) {
    auto d = Db::Open(db, SQLITE_OPEN_READONLY);
    if (!d.ok()) return -1;
    auto v = QueryInt(**d, sql);
    return v.ok() ? *v : -1;
  }

  // What must hold after any crash (as tests/kb/crash_test.cc checks an ingest).
  void CheckWhole(const std::string& db) {
    auto d = Db::Open(db, SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(d.ok());
    auto q = (*d)->PrepareOnce("PRAGMA integrity_check");
    ASSERT_EQ(q->Step(), SQLITE_ROW);
    EXPECT_EQ(q->Text(0), "ok");
    EXPECT_TRUE((*d)->Exec("INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')").ok());
    EXPECT_EQ(*QueryInt(**d, "SELECT count(*) FROM documents d WHERE fact_count <> "
                             "(SELECT count(*) FROM facts f WHERE f.document_id = d.id)"),
              0);
    EXPECT_EQ(*QueryInt(**d, "SELECT count(*) FROM fact_groups g WHERE NOT EXISTS "
                             "(SELECT 1 FROM facts f WHERE f.group_id = g.id)"),
              0);
    EXPECT_EQ(*QueryInt(**d, "SELECT count(*) FROM documents d WHERE NOT EXISTS "
                             "(SELECT 1 FROM document_inputs i WHERE i.document_id = d.id)"),
              0);
    EXPECT_EQ(*QueryInt(**d, "SELECT coalesce(sum(facts), 0) FROM pairs"),
              *QueryInt(**d, "SELECT count(*) FROM facts WHERE party_b IS NOT NULL"));
  }

  fs::path dir_;
  std::string log_;
};

TEST_F(ReextractTest, AfterADataChangeMatchesAFreshIngestAndTouchesOnlyTheAffected) {
  constexpr int kDocs = 60, kEvery = 3;  // 20 about Kaluga
  WriteCorpus(kDocs, kEvery);
  const std::string old_db = (dir_ / "old.db").string(), fresh_db = (dir_ / "fresh.db").string();
  const std::string corpus = (dir_ / "corpus").string(), olddata = (dir_ / "olddata").string();
  ASSERT_EQ(RunOborot({"--data-dir", olddata, "ingest", corpus, "--db", old_db}, log_), 0) << ReadAll(log_);
  ASSERT_EQ(RunOborot({"ingest", corpus, "--db", fresh_db}, log_), 0) << ReadAll(log_);
  EXPECT_EQ(Int(old_db, "SELECT count(*) FROM facts WHERE party_b = 'RU-KLU' OR party_a = 'RU-KLU'"), 0);
  ASSERT_NE(Dump(old_db), Dump(fresh_db));
  // Ingest and fetch say that the database holds stale documents.
  const std::string one = (dir_ / "corpus" / "doc_00001.txt").string();
  ASSERT_EQ(RunOborot({"ingest", one, "--db", old_db}, log_), 0);
  EXPECT_NE(ReadAll(log_).find(std::to_string(kDocs - 1) + " documents were extracted by another version of oborot; "
                               "run `oborot reextract --db " + old_db + "`"),
            std::string::npos)
      << ReadAll(log_);

  ASSERT_EQ(RunOborot({"reextract", "--db", old_db, "--batch-size", "7"}, log_), 0) << ReadAll(log_);
  EXPECT_NE(ReadAll(log_).find("re-extracted " + std::to_string(kDocs - 1) + " of " + std::to_string(kDocs - 1) +
                               " documents: " + std::to_string(kDocs / kEvery) + " with new facts, " +
                               std::to_string(kDocs - 1 - kDocs / kEvery) + " unchanged"),
            std::string::npos)
      << ReadAll(log_);
  EXPECT_EQ(Dump(old_db), Dump(fresh_db));
  EXPECT_EQ(Int(old_db, "SELECT count(DISTINCT extractor) FROM documents"), 1);
  CheckWhole(old_db);
  // Nothing is stale any more: a second run does nothing; --all redoes all and changes nothing.
  ASSERT_EQ(RunOborot({"reextract", "--db", old_db}, log_), 0);
  EXPECT_NE(ReadAll(log_).find("re-extracted 0 of 0 documents"), std::string::npos) << ReadAll(log_);
  ASSERT_EQ(RunOborot({"reextract", "--db", old_db, "--all", "--threads", "0"}, log_), 0);
  EXPECT_NE(ReadAll(log_).find("re-extracted 60 of 60 documents: 0 with new facts, 60 unchanged"), std::string::npos)
      << ReadAll(log_);
  EXPECT_EQ(Dump(old_db), Dump(fresh_db));
}

TEST_F(ReextractTest, KillDuringReextractKeepsWholeBatchesAndRerunCompletes) {
  constexpr int kDocs = 1500, kBatch = 50;
  WriteCorpus(kDocs, 1);  // every document changes
  const std::string db = (dir_ / "kb.db").string(), fresh_db = (dir_ / "fresh.db").string();
  const std::string corpus = (dir_ / "corpus").string();
  ASSERT_EQ(RunOborot({"--data-dir", (dir_ / "olddata").string(), "ingest", corpus, "--db", db}, log_), 0)
      << ReadAll(log_);
  ASSERT_EQ(RunOborot({"ingest", corpus, "--db", fresh_db}, log_), 0) << ReadAll(log_);
  auto old_version = [&] {
    auto d = Db::Open(db, SQLITE_OPEN_READONLY);
    auto q = (*d)->PrepareOnce("SELECT extractor FROM documents LIMIT 1");
    return q->Step() == SQLITE_ROW ? std::string(q->Text(0)) : std::string();
  }();
  ASSERT_FALSE(old_version.empty());
  const std::string count_new = "SELECT count(*) FROM documents WHERE extractor IS NOT '" + old_version + "'";

  const std::vector<std::string> args = {"reextract", "--db", db, "--all", "--batch-size", std::to_string(kBatch),
                                         "--threads", "1"};
  const pid_t pid = SpawnOborot(args, log_);
  ASSERT_GT(pid, 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline && Int(db, count_new) < 3 * kBatch) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  const int rc = WaitOborot(pid);
  if (rc != 128 + SIGKILL) GTEST_SKIP() << "reextract finished before it could be killed (exit " << rc << ")";

  CheckWhole(db);
  const int64_t done = Int(db, count_new);
  EXPECT_GT(done, 0);
  EXPECT_LT(done, kDocs);
  EXPECT_EQ(done % kBatch, 0) << "only whole batches survive";
  EXPECT_EQ(Int(db, "SELECT count(*) FROM documents"), kDocs);
  EXPECT_EQ(Int(db, "SELECT count(*) FROM kb_state WHERE key LIKE 'reextract.all.%'"), 2);

  // The rerun resumes the interrupted --all run where it stopped.
  ASSERT_EQ(RunOborot({"reextract", "--db", db, "--batch-size", std::to_string(kBatch)}, log_), 0) << ReadAll(log_);
  EXPECT_NE(ReadAll(log_).find("resuming an interrupted `reextract --all`"), std::string::npos) << ReadAll(log_);
  EXPECT_NE(ReadAll(log_).find("re-extracted " + std::to_string(kDocs - done) + " of " + std::to_string(kDocs - done)),
            std::string::npos)
      << ReadAll(log_);
  CheckWhole(db);
  EXPECT_EQ(Int(db, count_new), kDocs);
  EXPECT_EQ(Int(db, "SELECT count(*) FROM kb_state"), 0);
  EXPECT_EQ(Dump(db), Dump(fresh_db));
}

}  // namespace
}  // namespace oborot::kb
