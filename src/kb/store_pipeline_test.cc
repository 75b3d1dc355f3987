// The store fed as `oborot ingest` feeds it: documents prepared on worker
// threads (PrepareDocument) and applied in order (Store::Apply).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "src/kb/kb_test_util.h"
#include "src/kb/pipeline.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"

namespace oborot::kb {
namespace {

using testing::DocLine;
using testing::Meeting;
using testing::Named;
using testing::TempDir;
using testing::Turnover;

struct Input {
  std::string line;
  std::vector<std::string> facts;
  std::string text;
};

const char* const kRegions[] = {"RU-VOR", "RU-KLU", "RU-MOW", "RU-SPE"};

// A corpus with merges, conflicts, a duplicate, a replacement, an unchanged
// re-ingest and a document with a bad fact line.
std::vector<Input> Corpus() {
  std::vector<Input> out;
  for (int i = 0; i < 60; ++i) {
    const std::string region = kRegions[i % 4];
    const int year = 2020 + i % 3;
    std::vector<nlohmann::json> facts = {
        Turnover("BY", region, "actual", 1e9 * (1 + i % 2 * 0.5), year, i % 3 ? "" : "Роман Головченко"),
        Turnover("BY", region, "target", 2e9, 2025),
        Meeting("BY", region, "2024-0" + std::to_string(1 + i % 9) + "-15", "Минск"),
        Named("organization", "BY", region, i % 2 ? "МТЗ" : "БелАЗ")};
    Input in{DocLine("doc-" + std::to_string(i), "2024-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10),
                     "Сотрудничество " + std::to_string(i))
                 .dump(),
             {},
             "Товарооборот с регионом номер " + std::to_string(i) + " вырос, стороны обсудили поставки."};
    for (const auto& f : facts) in.facts.push_back(f.dump());
    out.push_back(std::move(in));
  }
  Input copy = out[5];  // the same content under another id
  copy.line.replace(copy.line.find("doc-5"), 5, "copy-of-5");
  out.push_back(copy);
  Input changed = out[7];  // a new version of doc-7
  changed.text += " Исправлено.";
  out.push_back(changed);
  out.push_back(out[9]);  // unchanged
  Input bad = out[11];
  bad.line.replace(bad.line.find("doc-11"), 6, "broken");
  bad.facts.push_back(R"({"parties":["BY","RU-VOR"]})");
  out.push_back(bad);
  return out;
}

struct Outcome {
  std::vector<std::string> log;  // one line per document, in input order
  std::string tables;            // every table's rows but the ingest time
};

Outcome IngestCorpus(size_t threads, const std::string& path) {
  auto store = Store::Open(path, {});
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  Outcome out;
  if (!store.ok()) return out;
  Store& s = **store;
  std::vector<Input> corpus = Corpus();
  size_t next = 0;
  size_t applied = 0;
  EXPECT_TRUE(s.Begin().ok());
  RunOrdered(
      {.threads = threads, .window = 5},
      [&]() -> std::optional<size_t> { return next < corpus.size() ? std::optional(next++) : std::nullopt; },
      [&](size_t& i) { return PrepareDocument(corpus[i].line, corpus[i].facts, corpus[i].text); },
      [&](Result<PreparedDocument>& p) {
        if (!p.ok()) {
          out.log.push_back("failed: " + p.status().message());
          return true;  // the batch goes on
        }
        auto r = s.Apply(*p);
        EXPECT_TRUE(r.ok()) << r.status().ToString();
        if (!r.ok()) return false;
        out.log.push_back(p->doc_id + ": " + std::string(IngestOutcomeName(r->outcome)) + " " +
                          std::to_string(r->facts) + " " + r->duplicate_of);
        if (++applied % 16 == 0) {
          EXPECT_TRUE(s.Commit().ok());
          EXPECT_TRUE(s.Begin().ok());
        }
        return true;
      });
  EXPECT_TRUE(s.Commit().ok());
  for (const char* table : {"documents", "facts", "fact_groups", "pairs", "doc_parties"}) {
    auto q = s.db().PrepareOnce(std::string("SELECT * FROM ") + table + " ORDER BY 1, 2, 3");
    EXPECT_TRUE(q.ok());
    if (!q.ok()) continue;
    const int columns = sqlite3_column_count(q->get());
    while (q->Step() == SQLITE_ROW) {
      out.tables += table;
      for (int c = 0; c < columns; ++c) {
        if (std::string_view(sqlite3_column_name(q->get(), c)) == "ingested_at") continue;
        out.tables += '|';
        out.tables += q->IsNull(c) ? "NULL" : std::string(q->Text(c));
      }
      out.tables += '\n';
    }
  }
  auto hits = Search(s.db(), "исправлено", 10);
  EXPECT_TRUE(hits.ok());
  if (hits.ok()) {
    for (const auto& h : *hits) out.tables += "search|" + h.doc + "\n";
  }
  return out;
}

TEST(StorePipeline, WorkerThreadsGiveTheSameDatabaseAsOne) {
  auto dir = TempDir("pipeline");
  const Outcome one = IngestCorpus(0, (dir / "one.db").string());
  const Outcome two = IngestCorpus(2, (dir / "two.db").string());
  const Outcome four = IngestCorpus(4, (dir / "four.db").string());
  ASSERT_EQ(one.log.size(), 64u);
  EXPECT_EQ(one.log[60], "copy-of-5: duplicate 0 doc-5");
  EXPECT_EQ(one.log[61], "doc-7: replaced 4 ");
  EXPECT_EQ(one.log[62], "doc-9: unchanged 0 ");
  EXPECT_EQ(one.log[63], "failed: broken: fact 5: fact line has no \"type\"");
  EXPECT_NE(one.tables.find("search|doc-7"), std::string::npos);
  EXPECT_EQ(two.log, one.log);
  EXPECT_EQ(two.tables, one.tables);
  EXPECT_EQ(four.log, one.log);
  EXPECT_EQ(four.tables, one.tables);
  std::filesystem::remove_all(dir);
}

TEST(StorePipeline, ApplyOutsideABatchCommitsItsOwn) {
  auto dir = TempDir("apply_alone");
  auto s = Store::Open((dir / "kb.db").string(), {});
  ASSERT_TRUE(s.ok());
  auto p = PrepareParsedDocument(DocLine("a", "2024-03-01"), {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023)},
                                 "Товарооборот вырос.");
  ASSERT_TRUE(p.ok());
  auto r = (*s)->Apply(*p);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->outcome, IngestOutcome::kInserted);
  EXPECT_FALSE((*s)->in_transaction());
  auto again = (*s)->Apply(*p);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, IngestOutcome::kUnchanged);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace oborot::kb
