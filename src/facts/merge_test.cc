// MergeDuplicates and StableSortByType on hand-made facts.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace oborot::facts
