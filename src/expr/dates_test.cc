#include "src/expr/dates.h"

#include <gtest/gtest.h>

#include <string>

namespace oborot::expr {
namespace {

using K = DateExpr::Kind;

struct DateCase {
  const char* text;
  const char* span;
  K kind;
  int year, month, day;
  const char* period;
};

const DateCase kDates[] = {
    {"В 2023 году оборот вырос.", "2023 году", K::kYear, 2023, 0, 0, ""},
    {"Данные за 2023 г. уточняются.", "за 2023 г.", K::kYear, 2023, 0, 0, "year"},
    {"В 2023-м оборот вырос.", "2023-м", K::kYear, 2023, 0, 0, ""},
    {"В 2023 товарооборот вырос.", "2023", K::kYear, 2023, 0, 0, ""},
    {"По итогам 2022 года оборот вырос.", "По итогам 2022 года", K::kYear, 2022, 0, 0, "year"},
    {"Оборот за 2022 год вырос.", "за 2022 год", K::kYear, 2022, 0, 0, "year"},
    {"Данные за январь–сентябрь 2024 года.", "за январь–сентябрь 2024 года", K::kPeriod, 2024, 1, 0, "9M"},
    {"Данные за январь-ноябрь 2024 года.", "за январь-ноябрь 2024 года", K::kPeriod, 2024, 1, 0, "11M"},
    {"Данные за январь — май.", "за январь — май", K::kPeriod, 0, 1, 0, "5M"},
    {"В январе–марте рост продолжился.", "январе–марте", K::kPeriod, 0, 1, 0, "Q1"},
    {"В январе-июне рост продолжился.", "январе-июне", K::kPeriod, 0, 1, 0, "H1"},
    {"В апреле-июне рост продолжился.", "апреле-июне", K::kPeriod, 0, 4, 0, "Q2"},
    {"В первом полугодии рост продолжился.", "первом полугодии", K::kPeriod, 0, 0, 0, "H1"},
    {"Во втором полугодии рост продолжился.", "втором полугодии", K::kPeriod, 0, 0, 0, "H2"},
    {"В первом полугодии 2024 года рост.", "первом полугодии 2024 года", K::kPeriod, 2024, 0, 0, "H1"},
    {"За полгода оборот вырос.", "За полгода", K::kPeriod, 0, 0, 0, "H1"},  // a half-year noun alone after «за»
    {"По итогам полугодия рост.", "По итогам полугодия", K::kPeriod, 0, 0, 0, "H1"},
    {"В I квартале рост продолжился.", "I квартале", K::kPeriod, 0, 0, 0, "Q1"},
    {"В III квартале 2023 г. рост.", "III квартале 2023 г.", K::kPeriod, 2023, 0, 0, "Q3"},
    {"В 1-м квартале рост продолжился.", "1-м квартале", K::kPeriod, 0, 0, 0, "Q1"},
    {"В четвертом квартале рост продолжился.", "четвертом квартале", K::kPeriod, 0, 0, 0, "Q4"},
    {"За девять месяцев оборот вырос.", "За девять месяцев", K::kPeriod, 0, 0, 0, "9M"},
    {"За 9 месяцев 2024 года оборот вырос.", "За 9 месяцев 2024 года", K::kPeriod, 2024, 0, 0, "9M"},
    {"За пять месяцев оборот вырос.", "За пять месяцев", K::kPeriod, 0, 0, 0, "5M"},
    {"Контракт на 2026–2027 годы подписан.", "2026–2027 годы", K::kYearRange, 2026, 0, 0, "multi_year"},
    {"В 2024-2025 годах рост продолжится.", "2024-2025 годах", K::kYearRange, 2024, 0, 0, "multi_year"},
    {"Программа на 2021-2025 гг. принята.", "2021-2025 гг.", K::kYearRange, 2021, 0, 0, "multi_year"},
    {"С 2021 по 2025 год оборот вырос.", "С 2021 по 2025 год", K::kYearRange, 2021, 0, 0, "multi_year"},
    {"Встреча прошла 10 июня 2024 года.", "10 июня 2024 года", K::kFullDate, 2024, 6, 10, ""},
    {"Встреча прошла 10 июня 2024 г.", "10 июня 2024 г.", K::kFullDate, 2024, 6, 10, ""},
    {"Встреча прошла 10.06.2024 в Минске.", "10.06.2024", K::kFullDate, 2024, 6, 10, ""},
    {"Опубликовано 2024-06-10.", "2024-06-10", K::kFullDate, 2024, 6, 10, ""},
    {"Встреча прошла 24 ноября.", "24 ноября", K::kDayMonth, 0, 11, 24, ""},
    {"МИНСК, 10 июн — Sputnik.", "10 июн", K::kDayMonth, 0, 6, 10, ""},
    {"МОСКВА, 3 сент. — агентство.", "3 сент.", K::kDayMonth, 0, 9, 3, ""},
    {"1 января вступил в силу закон.", "1 января", K::kDayMonth, 0, 1, 1, ""},
    {"Встреча прошла в ноябре 2024 года.", "ноябре 2024 года", K::kMonthYear, 2024, 11, 0, ""},
    {"Встреча прошла в ноябре.", "ноябре", K::kMonthYear, 0, 11, 0, ""},
    {"Встреча прошла в мае 2023 г.", "мае 2023 г.", K::kMonthYear, 2023, 5, 0, ""},
    {"К 2025 году оборот удвоится.", "К 2025 году", K::kYear, 2025, 0, 0, ""},
    {"До 2030 года оборот удвоится.", "До 2030 года", K::kYear, 2030, 0, 0, ""},
    {"В 2024 г. оборот вырос.", "2024 г.", K::kYear, 2024, 0, 0, ""},
    {"В 2024г. оборот вырос.", "2024г.", K::kYear, 2024, 0, 0, ""},
};

TEST(FindDates, Table) {
  for (const auto& c : kDates) {
    SCOPED_TRACE(c.text);
    const std::string text = c.text;
    auto found = FindDates(text);
    ASSERT_EQ(found.size(), 1u);
    const DateExpr& d = found[0];
    EXPECT_EQ(text.substr(d.start, d.end - d.start), c.span);
    EXPECT_EQ(DateKindName(d.kind), DateKindName(c.kind));
    EXPECT_EQ(d.year, c.year);
    EXPECT_EQ(d.month, c.month);
    EXPECT_EQ(d.day, c.day);
    EXPECT_EQ(d.period, c.period);
  }
}

struct RelativeCase {
  const char* text;
  const char* span;
  K kind;
  int relative;
  const char* period;
};

const RelativeCase kRelative[] = {
    {"В прошлом году оборот вырос.", "прошлом году", K::kRelativeYear, -1, ""},
    {"В минувшем году оборот вырос.", "минувшем году", K::kRelativeYear, -1, ""},
    {"В этом году оборот вырос.", "этом году", K::kRelativeYear, 0, ""},
    {"В текущем году оборот вырос.", "текущем году", K::kRelativeYear, 0, ""},
    {"В нынешнем году оборот вырос.", "нынешнем году", K::kRelativeYear, 0, ""},
    {"В следующем году оборот вырастет.", "следующем году", K::kRelativeYear, 1, ""},
    {"В будущем году оборот вырастет.", "будущем году", K::kRelativeYear, 1, ""},
    {"В позапрошлом году оборот вырос.", "позапрошлом году", K::kRelativeYear, -2, ""},
    {"По итогам прошлого года оборот вырос.", "По итогам прошлого года", K::kRelativeYear, -1, "year"},
    {"За прошлый год оборот вырос.", "За прошлый год", K::kRelativeYear, -1, "year"},
    {"Сегодня подписан договор.", "Сегодня", K::kRelativeDay, 0, ""},
    {"Вчера подписан договор.", "Вчера", K::kRelativeDay, -1, ""},
    {"Завтра подпишут договор.", "Завтра", K::kRelativeDay, 1, ""},
    {"На прошлой неделе подписан договор.", "прошлой неделе", K::kRelativeDay, -7, "week"},
    {"На следующей неделе подпишут договор.", "следующей неделе", K::kRelativeDay, 7, "week"},
};

TEST(FindDates, Relative) {
  for (const auto& c : kRelative) {
    SCOPED_TRACE(c.text);
    const std::string text = c.text;
    auto found = FindDates(text);
    ASSERT_EQ(found.size(), 1u);
    const DateExpr& d = found[0];
    EXPECT_EQ(text.substr(d.start, d.end - d.start), c.span);
    EXPECT_EQ(DateKindName(d.kind), DateKindName(c.kind));
    EXPECT_EQ(d.relative, c.relative);
    EXPECT_EQ(d.period, c.period);
  }
}

TEST(FindDates, Details) {
  auto by = FindDates("К 2025 году оборот удвоится.");
  ASSERT_EQ(by.size(), 1u);
  EXPECT_TRUE(by[0].by);
  auto range = FindDates("В 2024-2025 годах.");
  ASSERT_EQ(range.size(), 1u);
  EXPECT_EQ(range[0].year_end, 2025);
  auto wd = FindDates("В понедельник прошли переговоры, во вторник — подписание.");
  ASSERT_EQ(wd.size(), 2u);
  EXPECT_EQ(wd[0].weekday, 0);
  EXPECT_EQ(wd[1].weekday, 1);
  auto rel = FindDates("В первом квартале текущего года оборот вырос.");
  ASSERT_EQ(rel.size(), 1u);
  EXPECT_EQ(rel[0].period, "Q1");
  EXPECT_TRUE(rel[0].has_relative);
  EXPECT_EQ(rel[0].relative, 0);
  auto mrel = FindDates("В ноябре прошлого года оборот вырос.");
  ASSERT_EQ(mrel.size(), 1u);
  EXPECT_EQ(mrel[0].month, 11);
  EXPECT_TRUE(mrel[0].has_relative);
  EXPECT_EQ(mrel[0].relative, -1);
  const std::string text = "Оборот 10 июня 2024 года";
  auto off = FindDates(text, 50);
  ASSERT_EQ(off.size(), 1u);
  EXPECT_EQ(off[0].start, 50 + text.find("10"));
  EXPECT_EQ(off[0].end, 50 + text.size());
}

const char* const kNotDates[] = {
    "Оборот составил 2023 тонны.", "Поставлено 330 автобусов.", "Рост составил 48%.",
    "Оборот 1,2 млрд долларов.",   "Прошло 9 месяцев.",         "В среднем по стране.",
    "Стоимость 1 500 долларов.",
};

TEST(FindDates, Negatives) {
  for (const char* text : kNotDates) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(FindDates(text).empty());
  }
}

}  // namespace
}  // namespace oborot::expr
