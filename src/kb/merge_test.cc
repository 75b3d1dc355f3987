#include "src/kb/merge.h"

#include <gtest/gtest.h>

#include "src/kb/kb_test_util.h"

namespace oborot::kb {
namespace {

using testing::Meeting;
using testing::Named;
using testing::Turnover;

FactRow Row(const nlohmann::json& j) {
  auto r = FactRowFromJson(j);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : FactRow{};
}

TEST(Merge, SameFigureWithinTwoPercent) {
  const struct {
    double a, b;
    bool percent;
    bool same;
  } kCases[] = {
      {1.6e9, 1.6e9, false, true},   {1.6e9, 1.63e9, false, true},  {1.6e9, 1.64e9, false, false},
      {1.0e9, 0.98e9, false, true},  {1.0e9, 0.97e9, false, false}, {17.0, 17.1, true, true},
      {17.0, 17.5, true, false},     {0.0, 0.05, true, true},       {100.0, 102.0, true, true},
      {500e6, 1e9, false, false},
  };
  for (const auto& c : kCases) EXPECT_EQ(SameFigure(c.a, c.b, c.percent), c.same) << c.a << " " << c.b;
}

TEST(Merge, KeysSeparateWhatMustNotMerge) {
  const FactRow base = Row(Turnover("BY", "RU-VOR", "actual", 1e9, 2023));
  const std::string k = GroupKey(base, "a", 0);
  EXPECT_EQ(GroupKey(Row(Turnover("RU-VOR", "BY", "actual", 2e9, 2023)), "b", 3), k);  // parties sorted, value aside
  EXPECT_NE(GroupKey(Row(Turnover("BY", "RU-VOR", "target", 1e9, 2023)), "a", 0), k);
  EXPECT_NE(GroupKey(Row(Turnover("BY", "RU-VOR", "actual", 1e9, 2022)), "a", 0), k);
  EXPECT_NE(GroupKey(Row(Turnover("BY", "RU-KLU", "actual", 1e9, 2023)), "a", 0), k);
  EXPECT_NE(GroupKey(Row(Turnover("BY", "RU-VOR", "actual", 1e9, 2023, "", "", "RUB")), "a", 0), k);
  auto h1 = Turnover("BY", "RU-VOR", "actual", 1e9, 2023);
  h1["period"] = "H1";
  EXPECT_NE(GroupKey(Row(h1), "a", 0), k);
  auto full = Turnover("BY", "RU-VOR", "actual", 1e9, 2023);
  full["period"] = "year";
  EXPECT_EQ(GroupKey(Row(full), "a", 0), k);  // "year" and no period are one thing
  auto sectoral = Turnover("BY", "RU-VOR", "actual", 1e9, 2023);
  sectoral["sectoral"] = true;
  EXPECT_NE(GroupKey(Row(sectoral), "a", 0), k);
}

TEST(Merge, NonFigureFactsMergeByIdentity) {
  EXPECT_EQ(GroupKey(Row(Meeting("BY", "RU-VOR", "2024-02-01", "Минск")), "a", 0),
            GroupKey(Row(Meeting("BY", "RU-VOR", "2024-02-01", "Воронеж")), "b", 5));
  auto undated = Meeting("BY", "RU-VOR", "", "Минск");
  undated.erase("date");
  EXPECT_NE(GroupKey(Row(undated), "a", 0), GroupKey(Row(undated), "b", 0));
  EXPECT_EQ(GroupKey(Row(Named("organization", "BY", "RU-VOR", "ОАО  «Гомсельмаш»")), "a", 0),
            GroupKey(Row(Named("organization", "BY", "RU-VOR", "оао «гомсельмаш»")), "b", 1));
  EXPECT_FALSE(FigureOf(Row(Named("project", "BY", "RU-VOR", "Завод"))));
  EXPECT_TRUE(FigureOf(Row(Turnover("BY", "RU-VOR", "actual", 1e9, 2023))));
}

TEST(Merge, FactRowFromJsonValidates) {
  EXPECT_EQ(FactRowFromJson(nlohmann::json::array()).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(FactRowFromJson({{"parties", {"BY"}}}).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(FactRowFromJson({{"type", "turnover"}, {"parties", "BY"}}).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(FactRowFromJson({{"type", "turnover"}, {"parties", {"BY", 1}}}).status().code(),
            StatusCode::kInvalidInput);
  const FactRow r = Row(Turnover("RU-VOR", "BY", "target", 2e9, 2025, "Александр Гусев", "Цитата."));
  EXPECT_EQ(r.party_a, "BY");
  EXPECT_EQ(r.party_b, "RU-VOR");
  EXPECT_EQ(r.year, 2025);
  EXPECT_EQ(r.speaker, "Александр Гусев");
  EXPECT_EQ(r.quote, "Цитата.");
  EXPECT_EQ(r.start, 0);
}

}  // namespace
}  // namespace oborot::kb
