#include "src/kb/store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "src/kb/kb_test_util.h"
#include "src/kb/queries.h"

namespace oborot::kb {
namespace {

using testing::DocLine;
using testing::Meeting;
using testing::TempDir;
using testing::Turnover;

constexpr const char* kText =
    "Товарооборот Беларуси и Воронежской области в 2023 году составил 1,6 млрд долларов. "
    "Стороны договорились довести его до 2 млрд долларов.";

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int64_t Count(Store& s, const std::string& table) {
  auto n = QueryInt(s.db(), "SELECT count(*) FROM " + table);
  EXPECT_TRUE(n.ok()) << n.status().ToString();
  return n.ok() ? *n : -1;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    path_ = (dir_ / "kb.db").string();
    auto s = Store::Open(path_, {});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  IngestOutcome Ingest(const std::string& id, const std::string& published, std::vector<nlohmann::json> facts,
                       const std::string& text = kText) {
    auto r = store_->IngestDocument(DocLine(id, published, "Заголовок " + id), facts, text);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->outcome : IngestOutcome::kUnchanged;
  }
  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, CreatesSchemaWithWalAndVersion) {
  auto version = QueryInt(store_->db(), "PRAGMA user_version");
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, Store::SchemaVersion());
  auto mode = store_->db().PrepareOnce("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  ASSERT_EQ(mode->Step(), SQLITE_ROW);
  EXPECT_EQ(mode->Text(0), "wal");
  auto fk = QueryInt(store_->db(), "PRAGMA foreign_keys");
  ASSERT_TRUE(fk.ok());
  EXPECT_EQ(*fk, 1);
}

TEST_F(StoreTest, ReingestingTheSameDocumentChangesNothing) {
  EXPECT_EQ(Ingest("a", "2024-03-01", {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023)}), IngestOutcome::kInserted);
  const int64_t facts = Count(*store_, "facts");
  const int64_t groups = Count(*store_, "fact_groups");
  EXPECT_EQ(Ingest("a", "2024-03-01", {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023)}), IngestOutcome::kUnchanged);
  EXPECT_EQ(Count(*store_, "documents"), 1);
  EXPECT_EQ(Count(*store_, "facts"), facts);
  EXPECT_EQ(Count(*store_, "fact_groups"), groups);
  auto sources = QueryInt(store_->db(), "SELECT sources FROM fact_groups");
  ASSERT_TRUE(sources.ok());
  EXPECT_EQ(*sources, 1);
}

TEST_F(StoreTest, SameContentUnderAnotherIdIsADuplicate) {
  Ingest("a", "2024-03-01", {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023)});
  auto r = store_->IngestDocument(DocLine("copy", "2024-03-01", "Заголовок a"),
                                  {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023)}, kText);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->outcome, IngestOutcome::kDuplicate);
  EXPECT_EQ(r->duplicate_of, "a");
  EXPECT_EQ(Count(*store_, "documents"), 1);
}

TEST_F(StoreTest, ChangedDocumentReplacesItsOwnFacts) {
  Ingest("a", "2024-03-01",
         {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023), Meeting("BY", "RU-VOR", "2024-02-28", "Минск")});
  Ingest("b", "2024-03-02", {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023)}, "Другой текст о товарообороте.");
  EXPECT_EQ(Ingest("a", "2024-03-01", {Turnover("BY", "RU-VOR", "actual", 1.7e9, 2023)}, "Исправленный текст."),
            IngestOutcome::kReplaced);
  EXPECT_EQ(Count(*store_, "documents"), 2);
  EXPECT_EQ(Count(*store_, "facts"), 2);
  EXPECT_EQ(Count(*store_, "evidence"), 2);
  EXPECT_EQ(Count(*store_, "doc_parties"), 4);  // BY and RU-VOR for each document
  // The meeting group is gone with its only source; the 1.6 bn group keeps document b.
  auto meetings = QueryInt(store_->db(), "SELECT count(*) FROM fact_groups WHERE type = 'meeting'");
  EXPECT_EQ(*meetings, 0);
  auto sources = QueryInt(store_->db(), "SELECT sources FROM fact_groups WHERE value = 1.6e9");
  EXPECT_EQ(*sources, 1);
  auto pairs = QueryInt(store_->db(), "SELECT documents FROM pairs WHERE party_a = 'BY' AND party_b = 'RU-VOR'");
  EXPECT_EQ(*pairs, 2);
  // The full-text index follows the replacement.
  auto hits = Search(store_->db(), "исправленный", 10);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ(hits->front().doc, "a");
  auto check = store_->db().Exec("INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')");
  EXPECT_TRUE(check.ok()) << check.ToString();
}

TEST_F(StoreTest, SameFigureFromSeveralSourcesMerges) {
  Ingest("a", "2024-03-01", {Turnover("BY", "RU-VOR", "actual", 1.60e9, 2023)}, "Текст первый.");
  Ingest("b", "2024-03-05", {Turnover("BY", "RU-VOR", "actual", 1.62e9, 2023)}, "Текст второй.");  // within 2 %
  Ingest("c", "2024-02-20", {Turnover("BY", "RU-VOR", "actual", 1.59e9, 2023)}, "Текст третий.");
  EXPECT_EQ(Count(*store_, "fact_groups"), 1);
  auto q = store_->db().PrepareOnce("SELECT sources, first_published, last_published FROM fact_groups");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->Step(), SQLITE_ROW);
  EXPECT_EQ(q->Int(0), 3);
  EXPECT_EQ(q->Text(1), "2024-02-20");
  EXPECT_EQ(q->Text(2), "2024-03-05");
  auto conflicts = Conflicts(store_->db(), 10);
  ASSERT_TRUE(conflicts.ok());
  EXPECT_TRUE(conflicts->empty());
}

TEST_F(StoreTest, DifferentFiguresForOneYearAreAConflict) {
  Ingest("a", "2024-03-01", {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023, "", "Оборот составил 1,6 млрд.")},
         "Текст первый.");
  Ingest("b", "2024-03-05", {Turnover("BY", "RU-VOR", "actual", 1.9e9, 2023, "", "Оборот составил 1,9 млрд.")},
         "Текст второй.");
  // Another year, another status, another pair: no conflict with the above.
  Ingest("c", "2024-03-06",
         {Turnover("BY", "RU-VOR", "actual", 1.2e9, 2022), Turnover("BY", "RU-VOR", "target", 2e9, 2023),
          Turnover("BY", "RU-KLU", "actual", 0.9e9, 2023)},
         "Текст третий.");
  EXPECT_EQ(Count(*store_, "fact_groups"), 5);
  auto conflicts = Conflicts(store_->db(), 10);
  ASSERT_TRUE(conflicts.ok()) << conflicts.status().ToString();
  ASSERT_EQ(conflicts->size(), 1u);
  const auto& figures = conflicts->front().figures;
  ASSERT_EQ(figures.size(), 2u);
  for (const auto& f : figures) {
    EXPECT_TRUE(f.conflict);
    EXPECT_EQ(f.year, 2023);
    ASSERT_EQ(f.evidence.size(), 1u);
  }
  EXPECT_EQ(Count(*store_, "conflicts"), 2);
  // Without the other figure there is nothing to disagree with.
  ASSERT_TRUE(store_->RemoveDocument("b").ok());
  EXPECT_EQ(Count(*store_, "conflicts"), 0);
  conflicts = Conflicts(store_->db(), 10);
  ASSERT_TRUE(conflicts.ok());
  EXPECT_TRUE(conflicts->empty());
}

TEST_F(StoreTest, GroupShowsTheFirstSourceThatNamesASpeaker) {
  Ingest("a", "2024-03-01", {Turnover("BY", "RU-VOR", "target", 2e9, 2025)}, "Текст первый.");
  Ingest("b", "2024-05-01", {Turnover("BY", "RU-VOR", "target", 2e9, 2025, "Александр Гусев")}, "Текст второй.");
  Ingest("c", "2024-04-01", {Turnover("BY", "RU-VOR", "target", 2e9, 2025, "Роман Головченко")}, "Текст третий.");
  auto show = [&] {
    auto d = Show(store_->db(), "RU-VOR", 10);
    EXPECT_TRUE(d.ok());
    return d.ok() && d->targets.size() == 1 ? d->targets[0] : Figure();
  };
  Figure t = show();
  EXPECT_EQ(t.speaker, "Роман Головченко");  // the earliest of those that name one
  EXPECT_EQ(t.announced, "2024-04-01");
  EXPECT_EQ(t.sources, 3);
  ASSERT_TRUE(store_->RemoveDocument("c").ok());
  t = show();
  EXPECT_EQ(t.speaker, "Александр Гусев");
  EXPECT_EQ(t.announced, "2024-05-01");
  ASSERT_TRUE(store_->RemoveDocument("b").ok());
  t = show();
  EXPECT_EQ(t.speaker, "");
  EXPECT_EQ(t.announced, "2024-03-01");
  EXPECT_EQ(t.sources, 1);
}

TEST_F(StoreTest, RolledBackBatchLeavesNoGroupBehind) {
  ASSERT_TRUE(store_->Begin().ok());
  Ingest("a", "2024-03-01", {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023)}, "Текст первый.");
  store_->Rollback();
  // The same key again: the group of the rolled-back batch must not be reused.
  EXPECT_EQ(Ingest("b", "2024-03-02", {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023)}, "Текст второй."),
            IngestOutcome::kInserted);
  EXPECT_EQ(Count(*store_, "fact_groups"), 1);
  auto sources = QueryInt(store_->db(), "SELECT sources FROM fact_groups");
  ASSERT_TRUE(sources.ok());
  EXPECT_EQ(*sources, 1);
}

TEST_F(StoreTest, TwoWritersMergeIntoTheSameGroups) {
  auto other = Store::Open(path_, {});
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  Ingest("a", "2024-03-01", {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023)}, "Текст первый.");
  ASSERT_TRUE((*other)
                  ->IngestDocument(DocLine("b", "2024-03-02"), {Turnover("BY", "RU-VOR", "actual", 1.61e9, 2023)},
                                   "Текст второй.")
                  .ok());
  // This store has the group in memory with one source; the other writer added one.
  Ingest("c", "2024-03-03", {Turnover("BY", "RU-VOR", "actual", 1.59e9, 2023)}, "Текст третий.");
  EXPECT_EQ(Count(*store_, "fact_groups"), 1);
  auto q = store_->db().PrepareOnce("SELECT sources, first_published, last_published FROM fact_groups");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->Step(), SQLITE_ROW);
  EXPECT_EQ(q->Int(0), 3);
  EXPECT_EQ(q->Text(1), "2024-03-01");
  EXPECT_EQ(q->Text(2), "2024-03-03");
}

TEST_F(StoreTest, BadFactLineSkipsOnlyThatDocument) {
  ASSERT_TRUE(store_->Begin().ok());
  Ingest("a", "2024-03-01", {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023)}, "Текст первый.");
  nlohmann::json bad = {{"parties", {"BY", "RU-VOR"}}};  // no type
  auto r = store_->IngestDocument(DocLine("b", "2024-03-01"), {bad}, "Текст второй.");
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(store_->in_transaction());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Count(*store_, "documents"), 1);
  auto no_id = store_->IngestDocument(nlohmann::json::object(), {}, "Текст.");
  EXPECT_EQ(no_id.status().code(), StatusCode::kInvalidInput);
}

TEST_F(StoreTest, RemoveDocumentCleansGroupsAndPairs) {
  Ingest("a", "2024-03-01", {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023)});
  ASSERT_TRUE(store_->RemoveDocument("a").ok());
  EXPECT_EQ(Count(*store_, "documents"), 0);
  EXPECT_EQ(Count(*store_, "fact_groups"), 0);
  EXPECT_EQ(Count(*store_, "pairs"), 0);
  EXPECT_EQ(Count(*store_, "doc_parties"), 0);
  EXPECT_EQ(Count(*store_, "facts"), 0);
  EXPECT_EQ(store_->RemoveDocument("a").code(), StatusCode::kNotFound);
}

// --- error cases: a clear error naming the file, and the file unchanged ----

TEST(StoreErrors, NotADatabase) {
  auto dir = TempDir("notadb");
  const auto path = dir / "x.db";
  std::ofstream(path) << "this is a plain text file, not a database at all; " << std::string(5000, 'x');
  const std::string before = ReadFile(path);
  for (bool ro : {false, true}) {
    auto s = Store::Open(path.string(), {.read_only = ro});
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), StatusCode::kCorrupt) << s.status().ToString();
    EXPECT_NE(s.status().message().find(path.string()), std::string::npos);
  }
  EXPECT_EQ(ReadFile(path), before);
  EXPECT_FALSE(std::filesystem::exists(path.string() + "-wal"));
  std::filesystem::remove_all(dir);
}

TEST(StoreErrors, DirectoryIsUnreadable) {
  auto dir = TempDir("isdir");
  auto s = Store::Open(dir.string(), {});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kIoError);
  EXPECT_NE(s.status().message().find(dir.string()), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(StoreErrors, UnreadableFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any file";
  auto dir = TempDir("unreadable");
  const auto path = (dir / "x.db").string();
  { ASSERT_TRUE(Store::Open(path, {}).ok()); }
  std::filesystem::permissions(path, std::filesystem::perms::none);
  auto s = Store::Open(path, {});
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kIoError) << s.status().ToString();
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  std::filesystem::remove_all(dir);
}

TEST(StoreErrors, MissingDatabaseForReaders) {
  auto dir = TempDir("missing");
  auto s = Store::Open((dir / "none.db").string(), {.read_only = true});
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir / "none.db"));
  std::filesystem::remove_all(dir);
}

TEST(StoreErrors, NewerSchemaVersion) {
  auto dir = TempDir("newer");
  const auto path = (dir / "x.db").string();
  {
    auto s = Store::Open(path, {});
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->db().Exec("PRAGMA user_version = 999").ok());
    ASSERT_TRUE((*s)->db().Exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  }
  const std::string before = ReadFile(path);
  for (bool ro : {false, true}) {
    auto s = Store::Open(path, {.read_only = ro});
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), StatusCode::kUnsupported);
    EXPECT_NE(s.status().message().find("newer"), std::string::npos) << s.status().ToString();
  }
  EXPECT_EQ(ReadFile(path), before);
  std::filesystem::remove_all(dir);
}

TEST(StoreErrors, AnotherProgramsDatabase) {
  auto dir = TempDir("foreign");
  const auto path = (dir / "x.db").string();
  {
    auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("CREATE TABLE t (x)").ok());
  }
  auto s = Store::Open(path, {});
  EXPECT_EQ(s.status().code(), StatusCode::kCorrupt);
  std::filesystem::remove_all(dir);
}

TEST(StoreErrors, DiskFullRollsBackTheBatch) {
  auto dir = TempDir("full");
  const auto path = (dir / "x.db").string();
  {
    auto s = Store::Open(path, {});
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->IngestDocument(DocLine("first", "2024-01-01"), {}, "Короткий текст.").ok());
  }
  auto s = Store::Open(path, {.max_page_count = 40});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  Store& store = **s;
  ASSERT_TRUE(store.Begin().ok());
  Status failure;
  std::string big;
  for (int i = 0; i < 3000; ++i) big += "Товарооборот растёт год от года " + std::to_string(i) + ". ";
  for (int i = 0; i < 50 && failure.ok(); ++i) {
    auto r = store.IngestDocument(DocLine("doc" + std::to_string(i), "2024-01-02"), {}, big + std::to_string(i));
    if (!r.ok()) failure = r.status();
  }
  ASSERT_FALSE(failure.ok());
  EXPECT_EQ(failure.code(), StatusCode::kIoError);
  EXPECT_NE(failure.message().find("disk full"), std::string::npos) << failure.ToString();
  EXPECT_NE(failure.message().find(path), std::string::npos);
  EXPECT_FALSE(store.in_transaction());
  EXPECT_EQ(Count(store, "documents"), 1);  // the batch is gone, the earlier document stays
  auto ok = store.db().Exec("INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')");
  EXPECT_TRUE(ok.ok()) << ok.ToString();
  std::filesystem::remove_all(dir);
}

TEST(StoreErrors, ReaderSeesCommittedDataWhileWriterHoldsABatch) {
  auto dir = TempDir("readers");
  const auto path = (dir / "x.db").string();
  auto w = Store::Open(path, {});
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(
      (*w)->IngestDocument(DocLine("a", "2024-01-01"), {Turnover("BY", "RU-VOR", "actual", 1e9, 2023)}, "Первый текст.")
          .ok());
  ASSERT_TRUE((*w)->Begin().ok());
  ASSERT_TRUE((*w)->IngestDocument(DocLine("b", "2024-01-02"), {}, "Второй текст.").ok());
  auto r = Store::Open(path, {.read_only = true, .busy_timeout_ms = 100});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto rows = Parties((*r)->db(), 10);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->size(), 1u);
  EXPECT_EQ(Count(**r, "documents"), 1);  // the open batch is not visible
  ASSERT_TRUE((*w)->Commit().ok());
  EXPECT_EQ(Count(**r, "documents"), 2);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace oborot::kb
