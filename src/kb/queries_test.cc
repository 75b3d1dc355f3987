#include "src/kb/queries.h"

#include <gtest/gtest.h>

#include <map>

#include "src/kb/fts.h"
#include "src/kb/kb_test_util.h"
#include "src/kb/names.h"
#include "src/kb/store.h"

namespace oborot::kb {
namespace {

using testing::DocLine;
using testing::Meeting;
using testing::Named;
using testing::TempDir;
using testing::Turnover;

constexpr const char* kNamesTsv =
    "# code\tname_ru\tname_en\tkind\tparent\n"
    "BY\tБеларусь\tBelarus\tcountry\t-\n"
    "RU\tРоссия\tRussia\tcountry\t-\n"
    "RU-VOR\tВоронежская область\tVoronezh Oblast\tregion\tRU\n"
    "RU-KLU\tКалужская область\tKaluga Oblast\tregion\tRU\n"
    "RU-TA\tРеспублика Татарстан\tTatarstan\tregion\tRU\n"
    "BY-HM\tМинск\tMinsk\tcity\tBY\n"
    "BY-MI\tМинская область\tMinsk Oblast\tregion\tBY\n";

class QueriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    auto s = Store::Open((dir_ / "kb.db").string(), {});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    ASSERT_TRUE(store_->Begin().ok());
    Add("v1", "2023-02-10",
        "Губернатор Воронежской области Александр Гусев встретился с белорусской делегацией в Минске.",
        {Turnover("BY", "RU-VOR", "actual", 1.2e9, 2022, "", "В 2022 году оборот достиг 1,2 млрд долларов."),
         Meeting("BY", "RU-VOR", "2023-02-09", "Минск")});
    Add("v2", "2024-04-01", "Воронежские аграрии поставляют в Беларусь зерно и технику.",
        {Turnover("BY", "RU-VOR", "actual", 1.6e9, 2023, "", "Объём торговли за год составил 1,6 млрд долларов."),
         Turnover("BY", "RU-VOR", "target", 2e9, 2025, "Александр Гусев", "Задача — выйти на 2 млрд долларов."),
         Named("organization", "BY", "RU-VOR", "Гомсельмаш"), Named("sector", "BY", "RU-VOR", "agriculture")});
    Add("k1", "2024-05-01", "Калужская область наращивает поставки в Беларусь.",
        {Turnover("BY", "RU-KLU", "actual", 0.7e9, 2023)});
    ASSERT_TRUE(store_->Commit().ok());
    auto names = PartyNames::FromTsv(kNamesTsv);
    ASSERT_TRUE(names.ok()) << names.status().ToString();
    names_ = std::make_unique<PartyNames>(std::move(*names));
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Add(const std::string& id, const std::string& published, const std::string& text,
           std::vector<nlohmann::json> facts) {
    auto r = store_->IngestDocument(DocLine(id, published, "Новость " + id), facts, text);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<PartyNames> names_;
};

TEST_F(QueriesTest, PartiesGivesLatestActualTargetGapAndMeeting) {
  auto rows = Parties(store_->db(), 10);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  const PartnerRow& vor = rows->front();
  EXPECT_EQ(vor.party_b, "RU-VOR");
  ASSERT_TRUE(vor.actual);
  EXPECT_EQ(vor.actual->year, 2023);
  EXPECT_DOUBLE_EQ(*vor.actual->value, 1.6e9);
  ASSERT_TRUE(vor.target);
  EXPECT_EQ(vor.target->speaker, "Александр Гусев");
  EXPECT_EQ(vor.target->announced, "2024-04-01");
  ASSERT_TRUE(vor.gap_percent);
  EXPECT_NEAR(*vor.gap_percent, 20.0, 1e-9);
  EXPECT_EQ(vor.documents, 2);
  ASSERT_TRUE(vor.last_meeting);
  EXPECT_EQ(vor.last_meeting->date, "2023-02-09");
  EXPECT_EQ(vor.last_meeting->place, "Минск");
  EXPECT_FALSE(rows->back().target);
  EXPECT_FALSE(rows->back().gap_percent);
  auto limited = Parties(store_->db(), 1);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->size(), 1u);
}

// A Turnover fact without a year (an article dated by day and month only).
nlohmann::json Yearless(nlohmann::json f) {
  f["year"] = nullptr;
  return f;
}

TEST_F(QueriesTest, PartiesPutBelarusFirstAndShowAYearlessFigureRatherThanNone) {
  ASSERT_TRUE(store_->Begin().ok());
  // Another pair, with a bigger figure than any of Belarus's.
  Add("cn", "2024-01-10", "Китай и Россия.", {Turnover("CN", "RU", "actual", 2.4e11, 2023)});
  // Tatarstan's only figure has no year.
  Add("ta", "", "Татарстан и Беларусь.", {Yearless(Turnover("BY", "RU-TA", "actual", 1.1e9, 2000))});
  ASSERT_TRUE(store_->Commit().ok());
  auto rows = Parties(store_->db(), 100);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_TRUE((*rows)[0].belarus);
  EXPECT_TRUE((*rows)[2].belarus);
  EXPECT_FALSE((*rows)[3].belarus);
  EXPECT_EQ((*rows)[3].party_a, "CN");
  const PartnerRow* ta = nullptr;
  for (const auto& r : *rows) {
    if (r.party_b == "RU-TA") ta = &r;
  }
  ASSERT_NE(ta, nullptr);
  ASSERT_TRUE(ta->actual.has_value());
  EXPECT_FALSE(ta->actual->year.has_value());
  EXPECT_DOUBLE_EQ(*ta->actual->value, 1.1e9);
  // A limit cuts each group, not the other pairs away.
  auto one = Parties(store_->db(), 1);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 2u);
  EXPECT_TRUE((*one)[0].belarus);
  EXPECT_FALSE((*one)[1].belarus);
}

TEST_F(QueriesTest, SectoralFiguresAreNeverTheLatestActual) {
  ASSERT_TRUE(store_->Begin().ok());
  auto agri = Turnover("BY", "RU-VOR", "actual", 3e8, 2024);
  agri["sectoral"] = true;
  agri["sector"] = "agriculture";
  Add("agri", "2025-01-20", "Аграрный оборот.", {agri});
  ASSERT_TRUE(store_->Commit().ok());
  auto rows = Parties(store_->db(), 100);
  ASSERT_TRUE(rows.ok());
  for (const auto& r : *rows) {
    if (r.party_b != "RU-VOR") continue;
    ASSERT_TRUE(r.actual.has_value());
    EXPECT_EQ(*r.actual->year, 2023);  // not the sectoral 2024 figure
    EXPECT_FALSE(r.actual->sectoral);
  }
}

TEST_F(QueriesTest, AForecastIsNotTheLatestTargetAndNoConflictWithAGoal) {
  ASSERT_TRUE(store_->Begin().ok());
  auto forecast =
      Turnover("BY", "RU-VOR", "target", 2.4e9, 2025, "", "По мнению аналитиков, оборот превысит 2,4 млрд.");
  forecast["forecast"] = true;
  forecast["forecast_by"] = "аналитики";
  Add("fc", "2024-09-01", "Прогноз аналитиков.", {forecast});
  ASSERT_TRUE(store_->Commit().ok());
  auto rows = Parties(store_->db(), 100);
  ASSERT_TRUE(rows.ok());
  for (const auto& r : *rows) {
    if (r.party_b != "RU-VOR") continue;
    ASSERT_TRUE(r.target.has_value());
    EXPECT_DOUBLE_EQ(*r.target->value, 2e9);  // the governor's goal, though the forecast is newer
    EXPECT_FALSE(r.target->forecast);
  }
  auto conflicts = Conflicts(store_->db(), 100);
  ASSERT_TRUE(conflicts.ok());
  EXPECT_TRUE(conflicts->empty());
  auto targets = Targets(store_->db(), 100);
  ASSERT_TRUE(targets.ok());
  bool seen = false;
  for (const auto& t : *targets) {
    if (t.target.forecast) {
      seen = true;
      EXPECT_EQ(t.target.forecast_by, "аналитики");
    }
  }
  EXPECT_TRUE(seen);
}

TEST_F(QueriesTest, AYearlessReportOfADatedFigureIsOneFactWithBothSources) {
  ASSERT_TRUE(store_->Begin().ok());
  // The same 1,6 млрд as v2's 2023 figure, from an undated article.
  Add("undated", "", "Оборот составил 1,6 млрд.", {Yearless(Turnover("BY", "RU-VOR", "actual", 1.6e9, 2000))});
  // A year-less figure matching figures of two years: ambiguous, kept apart.
  Add("k2", "2025-02-01", "Калуга и Беларусь.", {Turnover("BY", "RU-KLU", "actual", 0.7e9, 2024)});
  Add("kx", "", "Калуга без года.", {Yearless(Turnover("BY", "RU-KLU", "actual", 0.7e9, 2000))});
  ASSERT_TRUE(store_->Commit().ok());
  auto vor = Show(store_->db(), "RU-VOR", 20);
  ASSERT_TRUE(vor.ok());
  ASSERT_EQ(vor->figures.size(), 2u);  // 2023 (with the undated report) and 2022
  EXPECT_EQ(*vor->figures[0].year, 2023);
  EXPECT_EQ(vor->figures[0].sources, 2);
  EXPECT_EQ(vor->figures[0].merged.size(), 1u);
  auto klu = Show(store_->db(), "RU-KLU", 20);
  ASSERT_TRUE(klu.ok());
  EXPECT_EQ(klu->figures.size(), 3u);  // 2024, 2023 and the year-less one
}

TEST_F(QueriesTest, AnUndatedReportOfADatedMeetingIsOneMeetingWithBothSources) {
  ASSERT_TRUE(store_->Begin().ok());
  // v1's meeting of 2023-02-09 in Minsk, told without a date by another article.
  Add("m-undated", "", "Гусев был в Минске.", {Meeting("BY", "RU-VOR", "", "Минск")});
  // Another place: another meeting.
  Add("m-other", "", "Гусев был в Гомеле.", {Meeting("BY", "RU-VOR", "", "Гомель")});
  ASSERT_TRUE(store_->Commit().ok());
  auto d = Show(store_->db(), "RU-VOR", 20);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->meetings.size(), 2u);
  EXPECT_EQ(d->meetings[0].date, "2023-02-09");
  EXPECT_EQ(d->meetings[0].sources, 2);
  EXPECT_EQ(d->meetings[1].place, "Гомель");
}

TEST_F(QueriesTest, ShowCountsEverySectionBeforeTheLimit) {
  auto d = Show(store_->db(), "RU-VOR", 1);
  ASSERT_TRUE(d.ok());
  std::map<std::string, int64_t> totals(d->totals.begin(), d->totals.end());
  EXPECT_EQ(totals["figures"], 2);
  EXPECT_EQ(d->figures.size(), 1u);
  EXPECT_EQ(totals["meetings"], 1);
  EXPECT_GT(totals["sources"], 1);
  EXPECT_EQ(d->sources.size(), 1u);
}

TEST_F(QueriesTest, ShowResolvesAnyFormOfAName) {
  PartyResolver resolver = [this](std::string_view s) { return names_->Resolve(s); };
  const struct {
    const char* input;
    const char* code;
  } kCases[] = {
      {"RU-VOR", "RU-VOR"},
      {"ru-vor", "RU-VOR"},
      {"Воронеж", "RU-VOR"},
      {"воронежская область", "RU-VOR"},
      {"Воронежской области", "RU-VOR"},
      {"ВОРОНЕЖСКОЙ", "RU-VOR"},
      {"Калужской области", "RU-KLU"},
      {"Татарстан", "RU-TA"},
      {"Республики Татарстан", "RU-TA"},
      {"Минск", "BY-HM"},
      {"Минской области", "BY-MI"},
      {"Kaluga", "RU-KLU"},
  };
  for (const auto& c : kCases) {
    auto code = ResolveParty(store_->db(), c.input, resolver);
    ASSERT_TRUE(code.ok()) << c.input << ": " << code.status().ToString();
    EXPECT_EQ(*code, c.code) << c.input;
  }
  auto unknown = ResolveParty(store_->db(), "Атлантида", resolver);
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  // A mistyped code is an error, not an empty dossier that reads as "no trade";
  // a known code with nothing stored gives its empty dossier.
  auto typo = ResolveParty(store_->db(), "RU-VRN", resolver);
  EXPECT_EQ(typo.status().code(), StatusCode::kNotFound);
  EXPECT_NE(typo.status().message().find("RU-VRN"), std::string::npos);
  auto known = ResolveParty(store_->db(), "BY-MI", resolver);
  ASSERT_TRUE(known.ok()) << known.status().ToString();
  EXPECT_EQ(*known, "BY-MI");
}

TEST_F(QueriesTest, ShowBuildsTheDossier) {
  auto d = Show(store_->db(), "RU-VOR", 20);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->figures.size(), 2u);
  EXPECT_EQ(d->figures[0].year, 2023);  // newest first
  EXPECT_EQ(d->figures[1].year, 2022);
  ASSERT_EQ(d->targets.size(), 1u);
  EXPECT_EQ(d->targets[0].speaker, "Александр Гусев");
  ASSERT_EQ(d->meetings.size(), 1u);
  EXPECT_NE(d->meetings[0].participants.find("Гусев"), std::string::npos);
  ASSERT_EQ(d->organisations.size(), 1u);
  EXPECT_EQ(d->organisations[0].name, "Гомсельмаш");
  ASSERT_EQ(d->sectors.size(), 1u);
  EXPECT_EQ(d->sources.size(), 6u);
  EXPECT_EQ(d->sources.front().published, "2024-04-01");
  auto limited = Show(store_->db(), "RU-VOR", 1);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->figures.size(), 1u);
  EXPECT_EQ(limited->sources.size(), 1u);
  auto json = ToJson(*d);
  EXPECT_EQ(json["figures"].size(), 2u);
}

TEST_F(QueriesTest, TargetsShowProgressAgainstTheLatestActual) {
  auto rows = Targets(store_->db(), 10);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().target.year, 2025);
  ASSERT_TRUE(rows->front().actual);
  EXPECT_EQ(rows->front().actual->year, 2023);
  ASSERT_TRUE(rows->front().progress_percent);
  EXPECT_NEAR(*rows->front().progress_percent, 80.0, 1e-9);
}

// Progress from a bound is marked, never passed off as exact: a target
// «более 2 млрд» reached by 1.6 bn is at most 80 % done (its gap at least
// 20 %); an actual «более 0,7 млрд» against an exact target is at least so
// much; «около» on either side, or bounds pulling both ways, is approximate.
TEST_F(QueriesTest, ProgressFromABoundIsMarked) {
  auto figure = [](const char* qualifier) {
    Figure f;
    f.qualifier = qualifier;
    return f;
  };
  const struct {
    const char *actual, *target, *bound;
  } cases[] = {{"exact", "exact", ""},          {"", "exact", ""},
               {"more_than", "exact", "at_least"}, {"less_than", "exact", "at_most"},
               {"exact", "more_than", "at_most"},  {"exact", "less_than", "at_least"},
               {"approx", "exact", "approx"},      {"exact", "approx", "approx"},
               {"more_than", "more_than", "approx"}, {"more_than", "less_than", "at_least"}};
  for (const auto& c : cases) {
    EXPECT_EQ(ProgressBound(figure(c.actual), figure(c.target)), c.bound) << c.actual << " / " << c.target;
  }
  EXPECT_EQ(OppositeBound("at_least"), "at_most");
  EXPECT_EQ(OppositeBound("approx"), "approx");

  ASSERT_TRUE(store_->Begin().ok());
  nlohmann::json target = Turnover("BY", "RU-VOR", "target", 2e9, 2026, "Александр Гусев", "Более 2 млрд долларов.");
  target["qualifier"] = "more_than";
  Add("v9", "2024-06-01", "Воронежская область и Беларусь.", {target});
  ASSERT_TRUE(store_->Commit().ok());
  auto rows = Targets(store_->db(), 10);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  const TargetRow* bounded = nullptr;
  for (const auto& r : *rows) {
    if (r.target.year == 2026) bounded = &r;
  }
  ASSERT_TRUE(bounded && bounded->progress_percent);
  EXPECT_NEAR(*bounded->progress_percent, 80.0, 1e-9);
  EXPECT_EQ(bounded->progress_bound, "at_most");
  EXPECT_EQ(ToJson(*bounded)["progress_bound"], "at_most");
  for (const auto& r : *rows) {
    if (r.target.year == 2025) {
      EXPECT_EQ(r.progress_bound, "");  // two exact figures
    }
  }
  auto parties = Parties(store_->db(), 10);
  ASSERT_TRUE(parties.ok()) << parties.status().ToString();
  const PartnerRow& vor = parties->front();
  ASSERT_EQ(vor.target->year, 2026);
  ASSERT_TRUE(vor.gap_percent);
  EXPECT_NEAR(*vor.gap_percent, 20.0, 1e-9);
  EXPECT_EQ(vor.gap_bound, "at_least");
  EXPECT_EQ(ToJson(vor)["gap_bound"], "at_least");
}

TEST_F(QueriesTest, ARangeKeepsBothBoundsAndItsProgressIsABound) {
  // «от 2,5 до 3 млрд» as the target, «от 1,7 до 1,8 млрд» as 2024's figure: value is the lower bound
  auto range = [](nlohmann::json j, double max) {
    j["value_min"] = j["value"];
    j["value_max"] = max;
    return j;
  };
  ASSERT_TRUE(store_->Begin().ok());
  Add("v9", "2025-03-01", "Воронежская область и Беларусь.",
      {range(Turnover("BY", "RU-VOR", "target", 2.5e9, 2027, "Александр Гусев", "От 2,5 до 3 млрд долларов."), 3e9),
       range(Turnover("BY", "RU-VOR", "actual", 1.7e9, 2024, "", "От 1,7 до 1,8 млрд долларов."), 1.8e9)});
  ASSERT_TRUE(store_->Commit().ok());
  auto parties = Parties(store_->db(), 10);
  ASSERT_TRUE(parties.ok()) << parties.status().ToString();
  const PartnerRow& vor = parties->front();
  ASSERT_TRUE(vor.actual && vor.target);
  EXPECT_EQ(vor.actual->value, 1.7e9);
  EXPECT_EQ(vor.actual->value_max, 1.8e9);
  EXPECT_EQ(vor.target->value_max, 3e9);
  // the lower bounds give 68 %: at least as much actual and at least as large a target pull both ways
  ASSERT_TRUE(vor.gap_percent);
  EXPECT_EQ(vor.gap_bound, "approx");
  const auto j = ToJson(vor);
  EXPECT_EQ(j["actual"]["value_min"], 1.7e9);
  EXPECT_EQ(j["actual"]["value_max"], 1.8e9);
  EXPECT_EQ(j["target"]["value_max"], 3e9);
  // one exact side: a range target alone makes the progress an upper bound
  Figure exact;
  exact.value = 1e9;
  Figure target;
  target.value = 2.5e9;
  target.value_max = 3e9;
  EXPECT_EQ(ProgressBound(exact, target), "at_most");
  EXPECT_EQ(ProgressBound(target, exact), "at_least");
  // a single figure has no upper bound, in every query
  auto d = Show(store_->db(), "RU-KLU", 10);
  ASSERT_TRUE(d.ok());
  ASSERT_FALSE(d->figures.empty());
  EXPECT_FALSE(d->figures.front().value_max);
  EXPECT_FALSE(ToJson(d->figures.front()).contains("value_max"));
  bool exported = false;
  ASSERT_TRUE(ExportFacts(store_->db(), [&](const Figure& f) {
                if (f.status == "target" && f.year == 2027) {
                  exported = true;
                  EXPECT_EQ(f.value_max, 3e9);
                }
                return true;
              }, {}).ok());
  EXPECT_TRUE(exported);
  // the SQL view says so too
  auto q = store_->db().PrepareOnce(
      "SELECT value, value_max FROM fact_list WHERE type = 'turnover' AND party_b = 'RU-VOR' AND year IN (2027, 2024, 2023) "
      "ORDER BY year DESC");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->Step(), SQLITE_ROW);
  EXPECT_EQ(q->Real(0), 2.5e9);
  EXPECT_EQ(q->OptReal(1), 3e9);
  ASSERT_EQ(q->Step(), SQLITE_ROW);  // 2024's range
  EXPECT_EQ(q->OptReal(1), 1.8e9);
  ASSERT_EQ(q->Step(), SQLITE_ROW);  // 2023's single figure
  EXPECT_FALSE(q->OptReal(1));
}

TEST_F(QueriesTest, ATargetAnnouncedYearsAfterTheLatestFigureGetsNoProgress) {
  // Tula: a figure with no year from an article of 2013, a goal announced in 2025; Kaluga: 2023's figure
  // (k1) and a goal announced in 2025 (two years on: measured) and one in 2027 (four years on: not).
  nlohmann::json old = Turnover("BY", "RU-TUL", "actual", 3e8, 0, "", "Оборот составил 300 млн долларов.");
  old.erase("year");
  ASSERT_TRUE(store_->Begin().ok());
  Add("t1", "2013-05-20", "Тульская область и Беларусь.", {old});
  Add("t2", "2025-11-04", "Тульская область и Беларусь.",
      {Turnover("BY", "RU-TUL", "target", 1e9, 2030, "Дмитрий Миляев", "Цель — 1 млрд долларов к 2030 году.")});
  Add("k2", "2025-06-01", "Калужская область и Беларусь.",
      {Turnover("BY", "RU-KLU", "target", 1e9, 2026, "Владислав Шапша", "Цель — 1 млрд долларов в 2026 году.")});
  Add("k3", "2027-03-01", "Калужская область и Беларусь.",
      {Turnover("BY", "RU-KLU", "target", 1.2e9, 2030, "Владислав Шапша", "Цель — 1,2 млрд долларов к 2030 году.")});
  ASSERT_TRUE(store_->Commit().ok());
  auto rows = Targets(store_->db(), 20);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  int seen = 0;
  for (const auto& r : *rows) {
    if (r.target.party_b == "RU-TUL" || (r.target.party_b == "RU-KLU" && r.target.year == 2030)) {
      ++seen;
      EXPECT_EQ(r.progress_basis, "actual_stale") << r.target.party_b;
      EXPECT_FALSE(r.progress_percent) << r.target.party_b;
      ASSERT_TRUE(r.actual);  // still shown, for context
      EXPECT_EQ(AsOfYear(*r.actual), r.target.party_b == "RU-TUL" ? 2013 : 2023);
    }
    if (r.target.party_b == "RU-KLU" && r.target.year == 2026) {
      ++seen;
      EXPECT_EQ(r.progress_basis, "latest");
      ASSERT_TRUE(r.progress_percent);
      EXPECT_NEAR(*r.progress_percent, 70.0, 1e-9);
    }
  }
  EXPECT_EQ(seen, 3);
  auto parties = Parties(store_->db(), 10);
  ASSERT_TRUE(parties.ok());
  for (const auto& p : *parties) {
    if (p.party_b != "RU-TUL" && p.party_b != "RU-KLU") continue;
    EXPECT_EQ(p.gap_basis, "actual_stale") << p.party_b;  // Kaluga's latest target is 2027's
    EXPECT_FALSE(p.gap_percent);
    EXPECT_FALSE(p.gap_year);
  }
  EXPECT_EQ(YearOfDate("2025-11-04"), 2025);
  EXPECT_FALSE(YearOfDate(""));
  EXPECT_FALSE(YearOfDate("20x5"));
}

TEST_F(QueriesTest, ATargetWhoseYearHasPassedIsMeasuredByThatYearsFigureOrNotAtAll) {
  // Targets for 2022 (the pair's figure for 2022 is 1.2 bn) and for 2020 (no
  // figure for 2020): the latest actual is 2023's 1.6 bn, which says nothing
  // about either, so neither may be measured against it.
  ASSERT_TRUE(store_->Begin().ok());
  Add("v3", "2021-06-01", "Воронежская область рассчитывает на рост торговли.",
      {Turnover("BY", "RU-VOR", "target", 1.5e9, 2022, "Александр Гусев", "К 2022 году — 1,5 млрд долларов.")});
  Add("v4", "2019-03-01", "Воронежская делегация в Минске.",
      {Turnover("BY", "RU-VOR", "target", 1e9, 2020, "Александр Гусев", "В 2020 году — миллиард долларов.")});
  ASSERT_TRUE(store_->Commit().ok());
  auto rows = Targets(store_->db(), 10);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  std::map<int64_t, const TargetRow*> by_year;
  for (const auto& r : *rows) by_year[r.target.year.value_or(0)] = &r;
  ASSERT_EQ(by_year.size(), 3u);
  const TargetRow& t2025 = *by_year.at(2025);  // not yet reached: the latest figure
  EXPECT_EQ(t2025.progress_basis, "latest");
  EXPECT_EQ(t2025.actual->year, 2023);
  const TargetRow& t2022 = *by_year.at(2022);
  EXPECT_EQ(t2022.progress_basis, "target_year");
  ASSERT_TRUE(t2022.actual);
  EXPECT_EQ(t2022.actual->year, 2022);
  ASSERT_TRUE(t2022.progress_percent);
  EXPECT_NEAR(*t2022.progress_percent, 80.0, 1e-9);  // 1.2 of 1.5, not 1.6 of 1.5
  const TargetRow& t2020 = *by_year.at(2020);
  EXPECT_EQ(t2020.progress_basis, "target_passed");
  EXPECT_FALSE(t2020.progress_percent);
  EXPECT_NE(t2020.progress_note.find("2020"), std::string::npos) << t2020.progress_note;
  EXPECT_EQ(ToJson(t2020)["progress_basis"], "target_passed");

  // The overview's latest target is measured the same way.
  ASSERT_TRUE(store_->Begin().ok());
  Add("v5", "2024-09-01", "Итоги визита воронежской делегации.",
      {Turnover("BY", "RU-VOR", "target", 1.5e9, 2022, "Александр Гусев", "Цель на 2022 год — 1,5 млрд долларов.")});
  ASSERT_TRUE(store_->Commit().ok());
  auto parties = Parties(store_->db(), 10);
  ASSERT_TRUE(parties.ok()) << parties.status().ToString();
  const PartnerRow& vor = parties->front();
  ASSERT_EQ(vor.target->year, 2022);
  EXPECT_EQ(vor.actual->year, 2023);  // the latest is still what the overview shows
  EXPECT_EQ(vor.gap_basis, "target_year");
  EXPECT_EQ(vor.gap_year, 2022);
  ASSERT_TRUE(vor.gap_percent);
  EXPECT_NEAR(*vor.gap_percent, 20.0, 1e-9);
}

TEST_F(QueriesTest, SharesOfOneSidesForeignTradeNeverDisagree) {
  // «Belarus's share in Russia's trade is 5 %», «Russia's in Belarus's is 60 %»:
  // both true of one year, since neither says whose trade; two shares of the
  // pair's own trade for one year do disagree.
  auto share = [](double percent, const char* of) {
    return nlohmann::json{{"type", "turnover_share"}, {"parties", {"BY", "RU-TA"}}, {"percent", percent},
                          {"of", of}, {"year", 2022}, {"period", "year"}, {"sectoral", false},
                          {"evidence", {{"text", "Доля."}, {"start", 0}, {"end", 5}}}};
  };
  ASSERT_TRUE(store_->Begin().ok());
  Add("s1", "2023-01-10", "Доли во внешней торговле.", {share(5, "foreign_trade"), share(60, "foreign_trade")});
  Add("s2", "2023-01-11", "Доли в товарообороте.", {share(30, "turnover"), share(45, "turnover")});
  ASSERT_TRUE(store_->Commit().ok());
  auto conflicts = Conflicts(store_->db(), 10);
  ASSERT_TRUE(conflicts.ok()) << conflicts.status().ToString();
  ASSERT_EQ(conflicts->size(), 1u);
  EXPECT_EQ(conflicts->front().figures.front().name, "turnover");
  auto d = Show(store_->db(), "RU-TA", 20);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->changes.size(), 4u);
  for (const Figure& f : d->changes) EXPECT_EQ(f.conflict, f.name == "turnover") << f.name << " " << *f.percent;
  // The stored flag says the same, so SQL (the fact_list view) and Python's
  // kb.facts() agree with the CLI and the dashboard.
  auto flagged = [&](const char* name) {
    auto n = QueryInt(store_->db(), std::string("SELECT count(*) FROM fact_list WHERE type = 'turnover_share' AND "
                                                "conflict = 1 AND name = '") + name + "'");
    return n.ok() ? *n : -1;
  };
  EXPECT_EQ(flagged("foreign_trade"), 0);
  EXPECT_EQ(flagged("turnover"), 2);
  // A file written before the fix (the flag set, schema version 3) is
  // corrected by the next writer that opens it.
  ASSERT_TRUE(store_->db().Exec("UPDATE fact_groups SET conflict = 1 WHERE name = 'foreign_trade'").ok());
  ASSERT_TRUE(store_->db().Exec("PRAGMA user_version = 3").ok());
  store_.reset();
  auto reopened = Store::Open((dir_ / "kb.db").string(), {});
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  store_ = std::move(*reopened);
  EXPECT_EQ(flagged("foreign_trade"), 0);
  EXPECT_EQ(flagged("turnover"), 2);
  // A figure added later to a key of foreign-trade shares does not mark it.
  ASSERT_TRUE(store_->Begin().ok());
  Add("s3", "2023-01-12", "Ещё одна доля.", {share(20, "foreign_trade")});
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(flagged("foreign_trade"), 0);
}

TEST_F(QueriesTest, AMoneyFigureWithNoPeriodIsAWholeYearsInEveryOutput) {
  ASSERT_TRUE(store_->Begin().ok());
  nlohmann::json f = Turnover("BY", "RU-TA", "actual", 3e8, 2021);
  f.erase("period");
  Add("p1", "2022-01-20", "Татарстан.", {f});
  ASSERT_TRUE(store_->Commit().ok());
  std::vector<std::string> periods;
  ASSERT_TRUE(ExportFacts(store_->db(), [&](const Figure& g) {
                periods.push_back(g.period);
                return true;
              }, {.party = "RU-TA"}).ok());
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0], "year");
  auto d = Show(store_->db(), "RU-TA", 10);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(ToJson(d->figures.at(0))["period"], "year");
}

TEST_F(QueriesTest, SearchIsMorphologyAware) {
  const struct {
    const char* query;
    std::vector<std::string> docs;
  } kCases[] = {
      {"воронежской", {"v1", "v2"}},         // «Воронежской», «Воронежские»
      {"Калужская", {"k1"}},
      {"делегация Минск", {"v1"}},
      {"поставками", {"k1"}},                // «поставки» stems alike; «поставляют» does not
      {"новости", {"k1", "v1", "v2"}},       // titles are indexed too
      {"Атлантида", {}},
  };
  for (const auto& c : kCases) {
    auto hits = Search(store_->db(), c.query, 10);
    ASSERT_TRUE(hits.ok()) << c.query << ": " << hits.status().ToString();
    std::vector<std::string> docs;
    for (const auto& h : *hits) docs.push_back(h.doc);
    std::sort(docs.begin(), docs.end());
    EXPECT_EQ(docs, c.docs) << c.query;
  }
  auto hits = Search(store_->db(), "Гусев", 10);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ(hits->front().facts.size(), 2u);
  EXPECT_NE(hits->front().snippet.find("[Гусев]"), std::string::npos) << hits->front().snippet;
  EXPECT_EQ(Search(store_->db(), " ,. ", 10).status().code(), StatusCode::kInvalidArgument);
  // FTS5 syntax typed by a user is taken as words, never as an error.
  EXPECT_TRUE(Search(store_->db(), "\"воронеж AND OR NEAR(", 10).ok());
}

// A document larger than a full-text piece (fts.h, StemChunks) is found by
// words in different pieces, by two words on either side of a cut, and by a
// word of its last piece; replacing it leaves no piece behind.
TEST_F(QueriesTest, SearchFindsWordsAcrossTheFullTextPiecesOfALargeDocument) {
  std::string text = "Начало: делегация Гомеля прибыла в Тулу.";
  std::string filler;
  for (int i = 0; filler.size() < 3 * kStemChunkBytes; ++i) filler += " Совещание номер " + std::to_string(i) + ".";
  // The stems before the tail fill two pieces and a bit: the tail's words
  // fall in a later piece than «делегация».
  text += filler + " Итог: тракторы поехали в Ярославль.";
  Add("big", "2024-05-01", text, {});
  auto stems = QueryInt(store_->db(), "SELECT count(*) FROM document_stems WHERE document_id = "
                                      "(SELECT id FROM documents WHERE doc_id = 'big')");
  ASSERT_TRUE(stems.ok());
  EXPECT_GE(*stems, 3);
  // The words on either side of a cut: the last stem of the first piece and
  // the first after it.
  auto first = store_->db().PrepareOnce(
      "SELECT stems FROM document_stems WHERE document_id = (SELECT id FROM documents WHERE doc_id = 'big') "
      "ORDER BY id LIMIT 1");
  ASSERT_TRUE(first.ok() && first->Step() == SQLITE_ROW);
  const std::string piece(first->Text(0));
  size_t at = piece.find_last_of("0123456789");
  ASSERT_NE(at, std::string::npos);
  const int last_number = std::stoi(piece.substr(piece.rfind(' ', at) + 1));
  // «… номер 1234. Совещание номер 1235»: 1235 is past the cut.
  const std::string across = std::to_string(last_number) + " " + std::to_string(last_number + 1);
  for (const std::string& q : {std::string("делегация Ярославль"), std::string("тракторы"), across,
                               std::string("Гомеля тракторы Тулу")}) {
    auto hits = Search(store_->db(), q, 10);
    ASSERT_TRUE(hits.ok()) << q << ": " << hits.status().ToString();
    std::vector<std::string> docs;
    for (const auto& h : *hits) docs.push_back(h.doc);
    EXPECT_EQ(docs, std::vector<std::string>{"big"}) << q;
  }
  auto far = Search(store_->db(), "тракторы Воронежской", 10);  // one word here, one in another document
  ASSERT_TRUE(far.ok());
  EXPECT_TRUE(far->empty());
  auto hits = Search(store_->db(), "Ярославль", 10);
  ASSERT_TRUE(hits.ok() && hits->size() == 1);
  EXPECT_NE(hits->front().snippet.find("[Ярославль]"), std::string::npos) << hits->front().snippet;
  // Replaced by a short text: one piece left, and the index agrees with it.
  auto r = store_->IngestDocument(DocLine("big", "2024-05-02", "Новость big"), {}, "Короткий текст о Туле.");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*QueryInt(store_->db(), "SELECT count(*) FROM document_stems WHERE document_id = "
                                    "(SELECT id FROM documents WHERE doc_id = 'big')"),
            1);
  EXPECT_TRUE(store_->db().Exec("INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')").ok());
  auto gone = Search(store_->db(), "Ярославль", 10);
  ASSERT_TRUE(gone.ok());
  EXPECT_TRUE(gone->empty());
}

TEST_F(QueriesTest, ExportGivesEveryFactWithItsSources) {
  ASSERT_TRUE(store_->IngestDocument(DocLine("v3", "2024-06-01"),
                                     {Turnover("BY", "RU-VOR", "actual", 1.61e9, 2023)}, "Ещё один текст.").ok());
  size_t facts = 0, sources = 0;
  bool merged = false;
  auto st = ExportFacts(store_->db(), [&](const Figure& f) {
    ++facts;
    sources += f.evidence.size();
    if (f.type == "turnover" && f.year == 2023 && f.party_b == "RU-VOR") merged = f.evidence.size() == 2;
    return true;
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(facts, 7u);
  EXPECT_EQ(sources, 8u);
  EXPECT_TRUE(merged);
  size_t seen = 0;
  ASSERT_TRUE(ExportFacts(store_->db(), [&](const Figure&) { return ++seen < 2; }).ok());
  EXPECT_EQ(seen, 2u);
}

}  // namespace
}  // namespace oborot::kb
