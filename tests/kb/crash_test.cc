// Crash safety of `oborot ingest`, with the real binary: SIGKILL in the middle
// of a large batch, then the database must open, pass integrity checks, hold
// only whole batches of whole documents, and a rerun must complete it.
// Readers (`oborot parties`) must work while the ingest runs. The CLI's error
// cases (corrupt file, newer schema) are checked here end to end too.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "src/kb/store.h"

namespace oborot::kb {
namespace {

namespace fs = std::filesystem;

constexpr int kDocuments = 4000;
constexpr int kBatch = 100;

const char* const kRegions[] = {"Воронежской областью", "Калужской областью", "Татарстаном", "Москвой",
                                "Ярославской областью", "Брянской областью", "Смоленской областью"};

// Starts the binary with `args`; its standard output and error go to `log`.
pid_t Spawn(const std::vector<std::string>& args, const std::string& log) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    std::vector<char*> argv;
    std::string bin = OBOROT_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int RunOborot(const std::vector<std::string>& args, const std::string& log) { return Wait(Spawn(args, log)); }

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("oborot_crash_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "corpus");
    db_ = (dir_ / "kb.db").string();
    log_ = (dir_ / "log.txt").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  void WriteCorpus() {
    for (int i = 0; i < kDocuments; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "doc_%05d.txt", i);
      std::ofstream out(dir_ / "corpus" / name);
      const int year = 2015 + i % 10;
      out << "Минск, " << (1 + i % 28) << " марта " << (year + 1) << " года.\n\n";
      out << "Товарооборот Беларуси с " << kRegions[i % 7] << " в " << year << " году составил " << (1 + i % 9)
          << "," << (i % 10) << " млрд долларов, сообщили в пресс-службе (сообщение номер " << i << ").\n\n";
      for (int k = 0; k < 6; ++k) {
        out << "Стороны обсудили поставки техники, продовольствия и строительных материалов, а также "
               "совместные проекты в промышленности и сельском хозяйстве; абзац "
            << k << " документа " << i << ".\n\n";
      }
    }
  }

  // Checks that hold after any crash; returns the number of documents.
  int64_t CheckWhole() {
    auto db = Db::Open(db_, SQLITE_OPEN_READWRITE);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    if (!db.ok()) return -1;
    auto q = (*db)->PrepareOnce("PRAGMA integrity_check");
    EXPECT_TRUE(q.ok());
    EXPECT_EQ(q->Step(), SQLITE_ROW);
    EXPECT_EQ(q->Text(0), "ok");
    Status fts = (*db)->Exec("INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')");
    EXPECT_TRUE(fts.ok()) << fts.ToString();
    auto partial = QueryInt(**db,
                            "SELECT count(*) FROM documents d WHERE fact_count <> "
                            "(SELECT count(*) FROM facts f WHERE f.document_id = d.id)");
    EXPECT_TRUE(partial.ok());
    EXPECT_EQ(*partial, 0) << "documents with missing facts";
    auto orphans = QueryInt(**db, "SELECT count(*) FROM fact_groups g WHERE NOT EXISTS "
                                  "(SELECT 1 FROM facts f WHERE f.group_id = g.id)");
    EXPECT_EQ(*orphans, 0);
    auto pair_facts = QueryInt(**db, "SELECT coalesce(sum(facts), 0) FROM pairs");
    auto two_party = QueryInt(**db, "SELECT count(*) FROM facts WHERE party_b IS NOT NULL");
    EXPECT_EQ(*pair_facts, *two_party);
    auto docs = QueryInt(**db, "SELECT count(*) FROM documents");
    return docs.ok() ? *docs : -1;
  }

  fs::path dir_;
  std::string db_, log_;
};

TEST_F(CrashTest, KillMidIngestKeepsWholeBatchesAndRerunCompletes) {
  WriteCorpus();
  const std::vector<std::string> ingest = {"ingest", (dir_ / "corpus").string(), "--db", db_, "--batch-size",
                                           std::to_string(kBatch)};
  const pid_t pid = Spawn(ingest, log_);
  ASSERT_GT(pid, 0);
  // Wait for a few committed batches, reading while the writer runs.
  int64_t seen = 0;
  bool reader_ok = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    auto s = Store::Open(db_, {.read_only = true, .busy_timeout_ms = 2000});
    if (s.ok()) {
      auto n = QueryInt((*s)->db(), "SELECT count(*) FROM documents");
      if (n.ok()) seen = *n;
    }
    if (seen > 0 && !reader_ok) {
      const int rc = RunOborot({"parties", "--db", db_, "--json"}, (dir_ / "reader.txt").string());
      EXPECT_EQ(rc, 0) << ReadFile(dir_ / "reader.txt");
      reader_ok = rc == 0;
    }
    if (seen >= 3 * kBatch && reader_ok) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  const int rc = Wait(pid);
  if (rc != 128 + SIGKILL) GTEST_SKIP() << "the ingest finished before it could be killed (exit " << rc << ")";
  ASSERT_TRUE(reader_ok);

  const int64_t after_kill = CheckWhole();
  EXPECT_GT(after_kill, 0);
  EXPECT_LT(after_kill, kDocuments);
  EXPECT_EQ(after_kill % kBatch, 0) << "only whole batches survive";

  EXPECT_EQ(RunOborot(ingest, log_), 0) << ReadFile(log_);
  EXPECT_EQ(CheckWhole(), kDocuments);
  // A third run changes nothing.
  EXPECT_EQ(RunOborot(ingest, log_), 0) << ReadFile(log_);
  EXPECT_NE(ReadFile(log_).find("0 new, 0 replaced, " + std::to_string(kDocuments) + " unchanged"), std::string::npos)
      << ReadFile(log_);
  EXPECT_EQ(CheckWhole(), kDocuments);
}

// `ingest --facts` (the output of `extract --with-text` from elsewhere) killed
// in the middle of its file: the same guarantees as a plain ingest — whole
// batches only, a rerun stores the rest once, a third run changes nothing.
TEST_F(CrashTest, KillMidIngestOfFactsKeepsWholeBatchesAndRerunCompletes) {
  WriteCorpus();
  const std::string facts = (dir_ / "facts.jsonl").string();
  ASSERT_EQ(RunOborot({"extract", (dir_ / "corpus").string(), "--with-text", "--out", facts}, log_), 0)
      << ReadFile(log_);
  const std::vector<std::string> ingest = {"ingest", "--facts", facts, "--db", db_, "--batch-size",
                                           std::to_string(kBatch)};
  int64_t after_kill = -1;
  // The kill lands mid-file on the first try on this machine; a later try
  // waits for fewer batches in case a fast machine finished the file first.
  for (const int64_t wait_for : {int64_t{3} * kBatch, int64_t{1}}) {
    std::error_code ec;
    fs::remove(db_, ec);
    fs::remove(db_ + "-wal", ec);
    fs::remove(db_ + "-shm", ec);
    const pid_t pid = Spawn(ingest, log_);
    ASSERT_GT(pid, 0);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      auto st = Store::Open(db_, {.read_only = true, .busy_timeout_ms = 2000});
      int64_t seen = 0;
      if (st.ok()) {
        auto n = QueryInt((*st)->db(), "SELECT count(*) FROM documents");
        if (n.ok()) seen = *n;
      }
      if (seen >= wait_for) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ::kill(pid, SIGKILL);
    if (Wait(pid) != 128 + SIGKILL) continue;
    after_kill = CheckWhole();
    if (after_kill < kDocuments) break;
  }
  if (after_kill < 0 || after_kill == kDocuments) GTEST_SKIP() << "the ingest finished before it could be killed";
  EXPECT_GT(after_kill, 0);
  EXPECT_EQ(after_kill % kBatch, 0) << "only whole batches survive";

  EXPECT_EQ(RunOborot(ingest, log_), 0) << ReadFile(log_);
  EXPECT_NE(ReadFile(log_).find(std::to_string(kDocuments - after_kill) + " new, 0 replaced, " +
                                std::to_string(after_kill) + " unchanged"),
            std::string::npos)
      << ReadFile(log_);
  EXPECT_EQ(CheckWhole(), kDocuments);
  EXPECT_EQ(RunOborot(ingest, log_), 0) << ReadFile(log_);
  EXPECT_NE(ReadFile(log_).find("0 new, 0 replaced, " + std::to_string(kDocuments) + " unchanged"), std::string::npos)
      << ReadFile(log_);
  EXPECT_EQ(CheckWhole(), kDocuments);
}

// import-official killed at several points of a large file: the database
// passes its checks and holds none of that file's rows (an import is one
// transaction); the documents stored before are untouched; a rerun imports
// every row, and another changes nothing.
TEST_F(CrashTest, KillMidImportKeepsNoHalfImportAndRerunCompletes) {
  const fs::path csv = dir_ / "official.csv";
  {
    std::ofstream out(csv);
    out << "reporter,partner,year,period,flow,value,currency,source,url\n";
    const char* const partners[] = {"RU-KLU", "RU-MOW", "RU-VOR", "RU-TA", "CN"};
    // Many rows (most of them restating a figure) so that the import takes a while.
    for (int i = 0; i < 150000; ++i) {
      out << "BY," << partners[i % 5] << "," << (2000 + i % 20) << ",year,turnover," << (1000000 + i)
          << ",USD,Белстат,https://example.org/t/" << i << "\n";
    }
  }
  std::ofstream(dir_ / "corpus" / "one.txt")
      << "Товарооборот Беларуси с Калужской областью в 2023 году составил 1,2 млрд долларов.\n";
  ASSERT_EQ(RunOborot({"ingest", (dir_ / "corpus").string(), "--db", db_}, log_), 0) << ReadFile(log_);
  const std::vector<std::string> import = {"import-official", csv.string(), "--db", db_};
  int killed = 0;
  for (const int ms : {150, 600, 1500}) {
    const pid_t pid = Spawn(import, log_);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    ::kill(pid, SIGKILL);
    if (Wait(pid) != 128 + SIGKILL) continue;  // it had finished: nothing to check here
    ++killed;
    EXPECT_EQ(CheckWhole(), 1);
    auto db = Db::Open(db_, SQLITE_OPEN_READONLY);
    ASSERT_TRUE(db.ok());
    auto rows = QueryInt(**db, "SELECT count(*) FROM official_figures");
    ASSERT_TRUE(rows.ok());
    if (*rows != 0) break;  // an earlier run finished before its kill: the file is in
  }
  if (killed == 0) GTEST_SKIP() << "every import finished before it could be killed";
  EXPECT_EQ(RunOborot(import, log_), 0) << ReadFile(log_);
  EXPECT_NE(ReadFile(log_).find("150000 official figures imported"), std::string::npos) << ReadFile(log_);
  auto count = [&] {
    auto db = Db::Open(db_, SQLITE_OPEN_READONLY);
    auto n = db.ok() ? QueryInt(**db, "SELECT count(*) FROM official_figures") : Result<int64_t>(db.status());
    return n.ok() ? *n : -1;
  };
  const int64_t stored = count();
  EXPECT_EQ(stored, 20);  // 20 (partner, year) keys (i % 20 fixes i % 5), each restated to its last row
  EXPECT_EQ(RunOborot(import, log_), 0) << ReadFile(log_);
  EXPECT_EQ(count(), stored);
  EXPECT_EQ(CheckWhole(), 1);
}

TEST_F(CrashTest, CliErrorsNameTheDatabaseAndChangeNothing) {
  std::ofstream(dir_ / "one.txt") << "Товарооборот Беларуси и Калужской области растёт.\n";
  const std::string input = (dir_ / "one.txt").string();
  // Not a database.
  std::ofstream(db_) << std::string(4096, 'z');
  const std::string before = ReadFile(db_);
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"ingest", input, "--db", db_}, {"parties", "--db", db_}, {"show", "RU-KLU", "--db", db_}}) {
    EXPECT_EQ(RunOborot(args, log_), 1) << args[0];
    const std::string log = ReadFile(log_);
    EXPECT_NE(log.find(db_), std::string::npos) << log;
    EXPECT_NE(log.find("not an oborot database"), std::string::npos) << log;
  }
  EXPECT_EQ(ReadFile(db_), before);
  // A newer schema.
  fs::remove(db_);
  ASSERT_EQ(RunOborot({"ingest", input, "--db", db_}, log_), 0) << ReadFile(log_);
  {
    auto db = Db::Open(db_, SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("PRAGMA user_version = 99").ok());
    ASSERT_TRUE((*db)->Exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  }
  const std::string newer = ReadFile(db_);
  EXPECT_EQ(RunOborot({"ingest", input, "--db", db_}, log_), 1);
  EXPECT_NE(ReadFile(log_).find("newer oborot"), std::string::npos) << ReadFile(log_);
  EXPECT_EQ(RunOborot({"targets", "--db", db_}, log_), 1);
  EXPECT_EQ(ReadFile(db_), newer);
  // No database at all: readers say so and create nothing.
  const std::string none = (dir_ / "none.db").string();
  EXPECT_EQ(RunOborot({"conflicts", "--db", none}, log_), 1);
  EXPECT_NE(ReadFile(log_).find("oborot ingest"), std::string::npos) << ReadFile(log_);
  EXPECT_FALSE(fs::exists(none));
}

}  // namespace
}  // namespace oborot::kb
