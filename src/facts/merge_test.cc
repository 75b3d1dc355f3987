// MergeDuplicates and StableSortByType on hand-made facts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "src/facts/rules.h"

namespace oborot::facts {
namespace {

Fact Make(FactType type, std::string rule, double value = 0) {
  Fact f;
  f.type = type;
  f.parties = {"BY", "RU"};
  f.status = "actual";
  f.currency = "USD";
  f.qualifier = "exact";
  f.value = value;
  f.name = rule;  // organisations and projects are told apart by name
  f.rule = std::move(rule);
  return f;
}

std::vector<std::string> Rules(const std::vector<Fact>& facts) {
  std::vector<std::string> out;
  for (const Fact& f : facts) out.push_back(f.rule);
  return out;
}

TEST(StableSortByTypeTest, OrdersByTypeKeepingOrderWithinAType) {
  struct Case {
    std::vector<std::pair<FactType, std::string>> in;
    std::vector<std::string> want;
  };
  using T = FactType;
  const std::vector<Case> cases = {
      {{}, {}},
      {{{T::kTurnover, "a"}}, {"a"}},
      {{{T::kTurnover, "a"}, {T::kTurnoverChange, "b"}, {T::kProject, "c"}}, {"a", "b", "c"}},
      {{{T::kTurnover, "a"}, {T::kTurnoverChange, "b"}, {T::kTurnover, "c"}, {T::kTurnoverChange, "d"}},
       {"a", "c", "b", "d"}},
      {{{T::kProject, "p1"}, {T::kSector, "s"}, {T::kOrganization, "o"}, {T::kProject, "p2"}, {T::kTurnover, "t"}},
       {"t", "o", "s", "p1", "p2"}},
  };
  for (const Case& c : cases) {
    std::vector<Fact> facts;
    for (const auto& [type, rule] : c.in) facts.push_back(Make(type, rule));
    StableSortByType(facts);
    EXPECT_EQ(Rules(facts), c.want);
  }
}

TEST(MergeDuplicatesTest, KeepsOneFactPerFigureInFirstSeenOrder) {
  using T = FactType;
  std::vector<Fact> facts = {Make(T::kTurnover, "first", 100), Make(T::kOrganization, "org"),
                             Make(T::kTurnover, "restated", 101), Make(T::kTurnover, "other", 500),
                             Make(T::kOrganization, "org")};
  facts[2].year = 2023;  // the restatement tells more: it replaces the first in its place
  facts[0].speaker = "Иван Петров";
  MergeDuplicates(facts, 0);
  ASSERT_EQ(Rules(facts), (std::vector<std::string>{"restated", "org", "other"}));
  EXPECT_EQ(facts[0].year, 2023);
  EXPECT_EQ(facts[0].speaker, "Иван Петров");  // taken over from the fact it replaced
  EXPECT_DOUBLE_EQ(facts[0].value, 101);
}

TEST(MergeDuplicatesTest, PoorerRestatementOnlyFillsGaps) {
  using T = FactType;
  std::vector<Fact> facts = {Make(T::kTurnover, "rich", 100), Make(T::kTurnover, "poor", 100)};
  facts[0].year = 2022;
  facts[1].period = "H1";
  MergeDuplicates(facts, 0);
  ASSERT_EQ(Rules(facts), std::vector<std::string>{"rich"});
  EXPECT_EQ(facts[0].period, "H1");
}

// The merge as it was written first: each fact against every distinct one
// before it. MergeDuplicates looks duplicates up in an index instead; the
// two must agree fact for fact.
void MergeByScan(std::vector<Fact>& facts) {
  std::vector<Fact> kept;
  for (Fact& f : facts) {
    auto it = std::find_if(kept.begin(), kept.end(), [&](const Fact& g) { return SameFigure(f, g); });
    if (it == kept.end()) {
      kept.push_back(std::move(f));
      continue;
    }
    // Richness with no speakers, body_start 0 and exact qualifiers: the year
    Fact& keep = (f.year && !it->year) ? f : *it;
    Fact& other = &keep == &f ? *it : f;
    if (!keep.year) keep.year = other.year;
    if (keep.period.empty()) keep.period = other.period;
    if (&keep == &f) *it = std::move(f);
  }
  facts = std::move(kept);
}

TEST(MergeDuplicatesTest, IndexAgreesWithAScanOfEveryDistinctFact) {
  // Many near-equal figures of a few types and pairs, some years, some
  // infinities and NaNs: the index must find the same first match.
  std::mt19937 rng(17);
  const double values[] = {100, 101, 102, 103.5, 98, 0, -0.0, 1e9, 1.02e9, 1.0199e9,
                           std::numeric_limits<double>::infinity(), std::nan("")};
  const FactType types[] = {FactType::kTurnover, FactType::kTurnoverChange, FactType::kTurnoverShare,
                            FactType::kTradeFlow, FactType::kProject, FactType::kMeeting};
  for (int round = 0; round < 50; ++round) {
    std::vector<Fact> facts;
    for (int i = 0; i < 300; ++i) {
      Fact f = Make(types[rng() % std::size(types)], "f" + std::to_string(i), values[rng() % std::size(values)]);
      f.value += static_cast<double>(rng() % 3);
      f.percent = static_cast<double>(rng() % 40) * 0.25;
      if (rng() % 7 == 0) f.percent = std::numeric_limits<double>::infinity();
      if (rng() % 2) f.year = 2020 + static_cast<int>(rng() % 3);
      if (rng() % 3 == 0) f.parties = {"BY", "RU-MOS"};
      f.name = "p" + std::to_string(rng() % 2);
      f.flow_from = rng() % 2 ? "BY" : "RU";
      facts.push_back(std::move(f));
    }
    std::vector<Fact> indexed = facts, scanned = facts;
    MergeDuplicates(indexed, 0);
    MergeByScan(scanned);
    ASSERT_EQ(Rules(indexed), Rules(scanned)) << "round " << round;
    for (size_t i = 0; i < indexed.size(); ++i) EXPECT_EQ(indexed[i].year, scanned[i].year);
  }
}

// A large document's facts are merged window by window (DuplicateMerger):
// facts given in pieces, each merged into those before, must come out as
// one MergeDuplicates over all of them, fact for fact and field for field.
TEST(MergeDuplicatesTest, WindowByWindowAgreesWithOneMerge) {
  std::mt19937 rng(29);
  const double values[] = {100, 101, 102, 98, 1e9, 1.02e9, std::numeric_limits<double>::infinity()};
  const FactType types[] = {FactType::kTurnover, FactType::kTurnoverChange, FactType::kTradeFlow,
                            FactType::kMeeting, FactType::kOrganization};
  for (int round = 0; round < 30; ++round) {
    std::vector<Fact> facts;
    for (int i = 0; i < 400; ++i) {
      Fact f = Make(types[rng() % std::size(types)], "f" + std::to_string(i), values[rng() % std::size(values)]);
      f.percent = static_cast<double>(rng() % 20) * 0.5;
      if (rng() % 2) f.year = 2020 + static_cast<int>(rng() % 3);
      if (rng() % 3 == 0) f.speaker = "s" + std::to_string(i);
      if (rng() % 4 == 0) f.period = "H1";
      if (rng() % 5 == 0) f.qualifier = "approx";
      f.evidence.span = {static_cast<uint32_t>(i * 10), static_cast<uint32_t>(i * 10 + 9)};
      f.name = "o" + std::to_string(rng() % 3);
      facts.push_back(std::move(f));
    }
    const uint32_t body_start = 1000;
    std::vector<Fact> whole = facts;
    MergeDuplicates(whole, body_start);
    std::vector<Fact> windowed;
    DuplicateMerger merger;
    for (size_t at = 0; at < facts.size();) {
      const size_t n = std::min<size_t>(facts.size() - at, 1 + rng() % 60);
      for (size_t i = 0; i < n; ++i) windowed.push_back(facts[at + i]);
      at += n;
      merger.Merge(windowed, body_start);
    }
    ASSERT_EQ(Rules(windowed), Rules(whole)) << "round " << round;
    for (size_t i = 0; i < whole.size(); ++i) {
      EXPECT_EQ(windowed[i].year, whole[i].year);
      EXPECT_EQ(windowed[i].speaker, whole[i].speaker);
      EXPECT_EQ(windowed[i].period, whole[i].period);
      EXPECT_EQ(windowed[i].value, whole[i].value);
    }
  }
}

}  // namespace
}  // namespace oborot::facts
