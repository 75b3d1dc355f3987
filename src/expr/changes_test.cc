#include "src/expr/changes.h"

#include <gtest/gtest.h>

#include <string>

namespace oborot::expr {
namespace {

using D = Direction;

struct ChangeCase {
  const char* text;
  const char* span;  // expected span of the (only) change
  double percent;
  D direction;
  const char* kind;
  const char* verb;  // expected direction word, "" when none
};

const ChangeCase kChanges[] = {
    {"Товарооборот вырос на 17%.", "на 17%", 17, D::kUp, "percent", "вырос"},
    {"Товарооборот вырос на 17 процентов.", "на 17 процентов", 17, D::kUp, "percent", "вырос"},
    {"Товарооборот увеличился почти на 20%.", "почти на 20%", 20, D::kUp, "percent", "увеличился"},
    {"Экспорт вырос на 5,6 %.", "на 5,6 %", 5.6, D::kUp, "percent", "вырос"},
    // the space after «на» lost in the newsroom
    {"Товарооборот увеличился на32%.", "на32%", 32, D::kUp, "percent", "увеличился"},
    {"Экспорт вырос на 27,4 проц по сравнению с 2012 годом.", "на 27,4 проц", 27.4, D::kUp, "percent", "вырос"},
    {"Товарооборот вырос на 3,1 проц. за год.", "на 3,1 проц.", 3.1, D::kUp, "percent", "вырос"},
    {"Объём торговли увеличился в 1,5 раза.", "в 1,5 раза", 50, D::kUp, "times", "увеличился"},
    {"Объём торговли увеличился в полтора раза.", "в полтора раза", 50, D::kUp, "times", "увеличился"},
    {"Поставки выросли вдвое.", "вдвое", 100, D::kUp, "times", "выросли"},
    {"Поставки выросли втрое.", "втрое", 200, D::kUp, "times", "выросли"},
    {"Стоимость проектов возросла в 10 раз.", "в 10 раз", 900, D::kUp, "times", "возросла"},
    {"Поставки выросли в два раза.", "в два раза", 100, D::kUp, "times", "выросли"},
    {"Оборот вырос на треть.", "на треть", 33.3, D::kUp, "fraction", "вырос"},
    {"Оборот вырос на четверть.", "на четверть", 25, D::kUp, "fraction", "вырос"},
    {"Оборот сократился наполовину.", "наполовину", -50, D::kDown, "fraction", "сократился"},
    {"Оборот увеличился на две трети.", "на две трети", 66.7, D::kUp, "fraction", "увеличился"},
    {"Экспорт снизился на 5%.", "на 5%", -5, D::kDown, "percent", "снизился"},
    {"Импорт сократился в 2 раза.", "в 2 раза", -50, D::kDown, "times", "сократился"},
    {"Импорт упал на 12%.", "на 12%", -12, D::kDown, "percent", "упал"},
    {"Импорт уменьшился на 3,2%.", "на 3,2%", -3.2, D::kDown, "percent", "уменьшился"},
    {"Экспорт прибавил 15%.", "15%", 15, D::kUp, "percent", "прибавил"},
    {"Экспорт прибавил на 15%.", "на 15%", 15, D::kUp, "percent", "прибавил"},
    {"Экспорт подрос на 4%.", "на 4%", 4, D::kUp, "percent", "подрос"},
    {"Рост на 12% обеспечил экспорт.", "на 12%", 12, D::kUp, "percent", "Рост"},
    {"Прирост составил 8%.", "8%", 8, D::kUp, "percent", "Прирост"},
    {"Рост товарооборота составил 12,5%.", "12,5%", 12.5, D::kUp, "percent", "Рост"},
    {"Снижение составило 7%.", "7%", -7, D::kDown, "percent", "Снижение"},
    {"Падение на 9% зафиксировано в марте.", "на 9%", -9, D::kDown, "percent", "Падение"},
    {"Экспорт: +12% за год.", "+12%", 12, D::kUp, "percent", ""},
    {"Импорт: −5% за год.", "−5%", -5, D::kDown, "percent", ""},
    {"Импорт: -5% за год.", "-5%", -5, D::kDown, "percent", ""},
    {"Показатель увеличился в 1,5 раза по сравнению с 2021 годом.", "в 1,5 раза", 50, D::kUp, "times", "увеличился"},
    {"Оборот за год в 1,5 раза.", "в 1,5 раза", 50, D::kUnknown, "times", ""},
    {"Доля выросла на 2 п.п.", "на 2 п.п.", 2, D::kUp, "pp", "выросла"},
    {"Доля снизилась на 1,5 процентного пункта.", "на 1,5 процентного пункта", -1.5, D::kDown, "pp", "снизилась"},
    {"Доля выросла на 3 процентных пункта.", "на 3 процентных пункта", 3, D::kUp, "pp", "выросла"},
    {"Товарооборот на 17% больше, чем годом ранее.", "на 17%", 17, D::kUp, "percent", "больше"},
    {"Товарооборот в 2 раза меньше прежнего.", "в 2 раза", -50, D::kDown, "times", "меньше"},
    {"Товарооборот составил 117% к уровню 2022 года.", "117%", 17, D::kUp, "index", ""},
    {"Товарооборот составил 95,5% к уровню 2022 года.", "95,5%", -4.5, D::kDown, "index", ""},
    {"Наблюдается рост — это 106,4 процента.", "106,4 процента", 6.4, D::kUp, "index", ""},
    {"Рост товарооборота за год составил 103,5%.", "103,5%", 3.5, D::kUp, "index", ""},
    {"Темп роста товарооборота за девять месяцев — 111%.", "111%", 11, D::kUp, "index", ""},
    {"Рост товарооборота за год составил 14%.", "14%", 14, D::kUp, "percent", "Рост"},
    {"Экспорт увеличился более чем в 2 раза.", "более чем в 2 раза", 100, D::kUp, "times", "увеличился"},
    {"Поставки выросли в 3 раза.", "в 3 раза", 200, D::kUp, "times", "выросли"},
    {"Поставки сократились втрое.", "втрое", -66.7, D::kDown, "times", "сократились"},
    {"Поставки снизились на четверть.", "на четверть", -25, D::kDown, "fraction", "снизились"},
    {"Оборот вырастет на 10%.", "на 10%", 10, D::kUp, "percent", "вырастет"},
    {"Оборот должен увеличиться на 10%.", "на 10%", 10, D::kUp, "percent", "увеличиться"},
    {"На 10% вырос экспорт.", "На 10%", 10, D::kUp, "percent", "вырос"},
    {"Показатель увеличен на 10%.", "на 10%", 10, D::kUp, "percent", "увеличен"},
    {"Показатель составит на 10%.", "на 10%", 10, D::kUnknown, "percent", ""},
    {"Экспорт нарастили на 30%.", "на 30%", 30, D::kUp, "percent", "нарастили"},
    {"Экспорт просел на 30%.", "на 30%", -30, D::kDown, "percent", "просел"},
    {"Товарооборот в прошлом году увеличился на 11,7 процента.", "на 11,7 процента", 11.7, D::kUp, "percent",
     "увеличился"},
    {"ТОВАРООБОРОТ ВЫРОС НА 17%.", "НА 17%", 17, D::kUp, "percent", "ВЫРОС"},
};

TEST(FindChanges, Table) {
  for (const auto& c : kChanges) {
    SCOPED_TRACE(c.text);
    const std::string text = c.text;
    auto found = FindChanges(text);
    ASSERT_EQ(found.size(), 1u);
    const ChangeExpr& ch = found[0];
    EXPECT_EQ(text.substr(ch.start, ch.end - ch.start), c.span);
    EXPECT_NEAR(ch.percent, c.percent, 1e-9);
    EXPECT_EQ(static_cast<int>(ch.direction), static_cast<int>(c.direction));
    EXPECT_EQ(ch.kind, c.kind);
    EXPECT_EQ(text.substr(ch.verb_start, ch.verb_end - ch.verb_start), c.verb);
  }
}

struct BaseCase {
  const char* text;
  int base_year;
};

const BaseCase kBases[] = {
    {"Оборот вырос на 17% в сравнении с 2021 годом.", 2021},
    {"Оборот вырос на 17% по сравнению с 2022-м.", 2022},
    {"Оборот вырос на 17% к уровню 2021 года.", 2021},
    {"Оборот вырос на 17% к 2020 году.", 2020},
    {"По сравнению с 2019 годом оборот вырос вдвое.", 2019},
    {"Оборот вырос на 17% относительно 2018 года.", 2018},
    {"Оборот вырос на 17% по сравнению с аналогичным периодом 2023 года.", 2023},
    {"Оборот в 2 раза больше, чем в 2015 году.", 2015},
    // an index against a span of months
    {"Оборот составил 40 млн с темпом роста 127% к январю-марту 2018-го.", 2018},
    {"Оборот составил 40 млн с темпом роста 127% к январю – марту 2018 года.", 2018},
};

TEST(FindChanges, BaseYear) {
  for (const auto& c : kBases) {
    SCOPED_TRACE(c.text);
    auto found = FindChanges(c.text);
    ASSERT_EQ(found.size(), 1u);
    ASSERT_TRUE(found[0].base_year.has_value());
    EXPECT_EQ(*found[0].base_year, c.base_year);
    // the base's bytes run from its phrase through its year
    ASSERT_LT(found[0].base_start, found[0].base_end);
    const std::string_view base = std::string_view(c.text).substr(found[0].base_start, found[0].base_end - found[0].base_start);
    EXPECT_NE(base.find(std::to_string(c.base_year)), std::string_view::npos) << base;
  }
  auto rel = FindChanges("Оборот вырос на 5% по сравнению с прошлым годом.");
  ASSERT_EQ(rel.size(), 1u);
  EXPECT_FALSE(rel[0].base_year.has_value());
  ASSERT_TRUE(rel[0].base_relative.has_value());
  EXPECT_EQ(*rel[0].base_relative, -1);
  // «К 2025 году» before a change is a horizon, not a base
  auto horizon = FindChanges("К 2025 году оборот вырастет в 2 раза.");
  ASSERT_EQ(horizon.size(), 1u);
  EXPECT_FALSE(horizon[0].base_year.has_value());
}

const char* const kNotChanges[] = {
    "Доля региона составила 48%.",
    "Товарооборот вырос в разы.",
    "Оборот составил 1,5 млрд долларов.",
    "Оборот вырос на 1,5 млрд долларов.",
    "В 2023 году оборот вырос.",
    "Поставлено 330 автобусов.",
    "Он был там 2 раза.",
};

TEST(FindChanges, Negatives) {
  for (const char* text : kNotChanges) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(FindChanges(text).empty());
  }
}

TEST(FindChanges, TwoClauses) {
  auto found = FindChanges("Экспорт вырос на 17%, а импорт снизился на 5%; сальдо улучшилось.");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].percent, 17);
  EXPECT_EQ(found[1].percent, -5);
  EXPECT_EQ(found[1].qualifier, Qualifier::kExact);
}

TEST(FindChanges, QualifierKept) {
  auto found = FindChanges("Экспорт вырос почти на 20%.");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].qualifier, Qualifier::kLessThan);
  EXPECT_EQ(found[0].value, 20);
}

}  // namespace
}  // namespace oborot::expr
