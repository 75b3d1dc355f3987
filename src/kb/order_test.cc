// The knowledge base is a function of its documents: the same documents
// ingested in any order (in one batch or many, with a document removed and
// added again) give identical groups, conflicts and export.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "src/kb/kb_test_util.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"

namespace oborot::kb {
namespace {

using testing::DocLine;
using testing::TempDir;
using testing::Turnover;

struct Doc {
  std::string id, published;
  std::vector<nlohmann::json> facts;
};

// Figures for one pair and year chosen so that a greedy first-come grouping
// depends on the order: 100 and 103 are 3 % apart, 101.5 is within 2 % of both.
std::vector<Doc> Corpus() {
  std::vector<Doc> docs;
  const double values[] = {100e6, 101.5e6, 103e6, 104e6, 98e6, 250e6, 101.5e6};
  for (size_t i = 0; i < std::size(values); ++i) {
    Doc d;
    d.id = "doc" + std::to_string(i);
    d.published = i % 3 == 0 ? "" : "2024-0" + std::to_string(1 + i % 9) + "-15";
    d.facts.push_back(Turnover("BY", "RU-VOR", "actual", values[i], 2023, i % 2 ? "Александр Гусев" : "",
                               "Оборот составил " + std::to_string(i) + "."));
    nlohmann::json change;
    change["type"] = "turnover_change";
    change["parties"] = {"BY", "RU-VOR"};
    change["percent"] = 10.0 + 0.15 * static_cast<double>(i);
    change["year"] = 2023;
    change["sectoral"] = false;
    change["evidence"] = {{"text", "Рост."}, {"start", 0}, {"end", 5}};
    d.facts.push_back(change);
    docs.push_back(std::move(d));
  }
  return docs;
}

struct Snapshot {
  std::string conflicts, exported;
};

Snapshot Read(Store& store) {
  Snapshot s;
  auto c = Conflicts(store.db(), 1000);
  EXPECT_TRUE(c.ok());
  if (c.ok()) {
    for (const auto& r : *c) s.conflicts += ToJson(r).dump() + "\n";
  }
  Status st = ExportFacts(store.db(), [&](const Figure& f) {
    s.exported += ToJson(f).dump() + "\n";
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return s;
}

Snapshot IngestInOrder(const std::vector<Doc>& docs, const std::string& name, size_t batch, bool remove_one) {
  auto dir = TempDir("order_" + name);
  auto store = Store::Open((dir / "kb.db").string(), {});
  EXPECT_TRUE(store.ok());
  if (!store.ok()) return {};
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i % batch == 0) {
      EXPECT_TRUE((*store)->Begin().ok());
    }
    const Doc& d = docs[i];
    auto r = (*store)->IngestDocument(DocLine(d.id, d.published, "Заголовок " + d.id), d.facts, "Текст " + d.id);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (i % batch == batch - 1 || i + 1 == docs.size()) {
      EXPECT_TRUE((*store)->Commit().ok());
    }
  }
  if (remove_one) {
    // Removing the first document ingested and adding it back.
    EXPECT_TRUE((*store)->RemoveDocument(docs.front().id).ok());
    const Doc& d = docs.front();
    EXPECT_TRUE(
        (*store)->IngestDocument(DocLine(d.id, d.published, "Заголовок " + d.id), d.facts, "Текст " + d.id).ok());
  }
  Snapshot s = Read(**store);
  store->reset();
  std::filesystem::remove_all(dir);
  return s;
}

TEST(OrderIndependence, AnyIngestOrderGivesTheSameConflictsAndExport) {
  const std::vector<Doc> docs = Corpus();
  const Snapshot reference = IngestInOrder(docs, "ref", 100, false);
  // Anchors 98 (with 100), 101.5 (with 101.5 and 103), 104 and 250: four
  // groups of one key, a conflict whatever the order.
  EXPECT_NE(reference.conflicts.find("98000000"), std::string::npos) << reference.conflicts;
  EXPECT_FALSE(reference.exported.empty());
  std::mt19937 rng(7);
  for (int round = 0; round < 12; ++round) {
    std::vector<Doc> shuffled = docs;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    const size_t batch = 1 + static_cast<size_t>(round % 4);
    const Snapshot s = IngestInOrder(shuffled, "r" + std::to_string(round), batch, round % 3 == 0);
    EXPECT_EQ(s.conflicts, reference.conflicts) << "round " << round;
    EXPECT_EQ(s.exported, reference.exported) << "round " << round;
  }
}

TEST(OrderIndependence, ReversedOrderRegroupsWhenANewAnchorReachesTheNextGroup) {
  std::vector<Doc> docs = Corpus();
  const Snapshot forward = IngestInOrder(docs, "fwd", 1, false);
  std::reverse(docs.begin(), docs.end());
  const Snapshot backward = IngestInOrder(docs, "bwd", 1, false);
  EXPECT_EQ(forward.conflicts, backward.conflicts);
  EXPECT_EQ(forward.exported, backward.exported);
}

}  // namespace
}  // namespace oborot::kb
