#include "src/kb/format.h"

#include <gtest/gtest.h>

namespace oborot::kb {
namespace {

TEST(Format, Money) {
  const struct {
    double value;
    const char* currency;
    const char* text;
  } kCases[] = {
      {1.6e9, "USD", "$1 600 000 000"}, {500e6, "EUR", "€500 000 000"}, {2.5e12, "RUB", "2 500 000 000 000 RUB"},
      {999, "BYN", "999 BYN"},           {12.5, "USD", "$12.50"},         {1000, "", "1 000"},
      {-1234567, "USD", "$-1 234 567"},
  };
  for (const auto& c : kCases) EXPECT_EQ(FormatMoney(c.value, c.currency), c.text);
  EXPECT_EQ(FormatFigure(1e9, "USD", "more_than"), "> $1 000 000 000");
  EXPECT_EQ(FormatFigure(1e9, "USD", "approx"), "≈ $1 000 000 000");
  EXPECT_EQ(FormatFigure(1e9, "USD", "exact"), "$1 000 000 000");
}

TEST(Format, ARangeIsShownAsARangeNeverAsItsLowerBound) {
  EXPECT_EQ(FormatFigureRange(3e8, 5e8, "USD", "exact"), "$300 000 000–$500 000 000");
  EXPECT_EQ(FormatMoneyRange(3e8, 5e8, "USD", "", Lang::kRu), "300–500 млн $");
  EXPECT_EQ(FormatMoneyRange(3e8, 1.5e9, "USD", "", Lang::kRu), "300 млн $ – 1,5 млрд $");
  EXPECT_EQ(FormatMoneyRange(3e8, 5e8, "USD", "approx", Lang::kEn), "≈ $300–500M");
  Figure f;
  f.type = "turnover";
  f.value = 9e7;
  f.value_max = 9.5e7;
  f.currency = "USD";
  f.qualifier = "exact";
  EXPECT_EQ(AmountText(f, Lang::kRu), "90–95 млн $");
  EXPECT_EQ(FigureText(f, Lang::kRu), "90–95 млн $");
  EXPECT_EQ(FigureText(f), "$90 000 000–$95 000 000");
  f.value_max.reset();
  EXPECT_EQ(AmountText(f, Lang::kRu), "90 млн $");
  nlohmann::json line = {{"type", "turnover"}, {"parties", {"BY", "RU-OMS"}}, {"status", "actual"},
                         {"value", 9e7}, {"value_min", 9e7}, {"value_max", 9.5e7}, {"currency", "USD"}};
  EXPECT_EQ(FactSummary(line), "turnover BY — RU-OMS actual: $90 000 000–$95 000 000");
}

TEST(Format, ActualStaleSaysWhichYears) {
  EXPECT_EQ(ActualStaleText(2013, 2025, Lang::kRu),
            "последний оборот (2013) намного старше цели (объявлена в 2025): не сравнивается");
  EXPECT_EQ(ActualStaleText(2013, 2025, Lang::kEn),
            "the latest figure (2013) is years older than the target (announced 2025): not compared");
}

TEST(Format, DigitsAndPercent) {
  EXPECT_EQ(GroupDigits(0), "0");
  EXPECT_EQ(GroupDigits(100), "100");
  EXPECT_EQ(GroupDigits(1000), "1 000");
  EXPECT_EQ(GroupDigits(123456789), "123 456 789");
  EXPECT_EQ(FormatPercent(17), "17%");
  EXPECT_EQ(FormatPercent(17.25), "17.3%");
  EXPECT_EQ(FormatPercent(17, true), "+17%");
  EXPECT_EQ(FormatPercent(-3.5, true), "-3.5%");
}

TEST(Format, FactSummary) {
  nlohmann::json t = {{"type", "turnover"}, {"parties", {"BY", "RU-VOR"}}, {"status", "actual"},
                      {"year", 2023},       {"value", 1.6e9},              {"currency", "USD"},
                      {"qualifier", "more_than"}};
  EXPECT_EQ(FactSummary(t), "turnover BY — RU-VOR actual 2023: > $1 600 000 000");
  nlohmann::json c = {{"type", "turnover_change"}, {"parties", {"BY", "RU-TA"}}, {"year", 2024}, {"percent", 17}};
  EXPECT_EQ(FactSummary(c), "turnover_change BY — RU-TA 2024: +17%");
  nlohmann::json o = {{"type", "organization"}, {"parties", {"BY"}}, {"name", "МТЗ"}};
  EXPECT_EQ(FactSummary(o), "organization BY: МТЗ");
}

TEST(Format, FlowsAndSharesReadInTheTablesLanguage) {
  // A flow in the language's money format, as every other amount on the same table («300 млн $», "$300M").
  Figure flow;
  flow.type = "trade_flow";
  flow.flow_from = "BY";
  flow.flow_to = "RU-SMO";
  flow.value = 3e8;
  flow.currency = "USD";
  for (Lang lang : {Lang::kRu, Lang::kEn}) {
    EXPECT_EQ(FigureText(flow, lang), "BY → RU-SMO: " + FormatMoney(3e8, "USD", "", lang));
  }
  EXPECT_EQ(FigureText(flow, Lang::kEn).find("300 000 000"), std::string::npos);
  flow.sectoral = true;  // a sector's exports are marked, never taken for the whole
  EXPECT_NE(FigureText(flow, Lang::kRu).find("(отрасль"), std::string::npos) << FigureText(flow, Lang::kRu);
  // A share says of what, in words, not the contract's code.
  Figure share;
  share.type = "turnover_share";
  share.percent = 60;
  share.name = "foreign_trade";
  EXPECT_EQ(FigureText(share, Lang::kRu), FormatPercent(60, false, Lang::kRu) + " внешней торговли стороны");
  EXPECT_EQ(FigureText(share, Lang::kEn), "60% of one side's foreign trade");
  share.name = "turnover";
  EXPECT_EQ(FigureText(share, Lang::kEn), "60% of the pair's trade");
}

TEST(Format, AProjectsCostIsInTheTablesLanguage) {
  Figure p;
  p.type = "project";
  p.name = "Поставка лифтов";
  p.value = 3e9;
  p.currency = "RUB";
  for (Lang lang : {Lang::kRu, Lang::kEn}) {
    EXPECT_EQ(FigureText(p, lang), "Поставка лифтов, " + FormatMoney(3e9, "RUB", "", lang));
  }
  EXPECT_EQ(FigureText(p, Lang::kRu).find("3 000 000 000"), std::string::npos);
}

TEST(Format, PeriodsAreWordsNotCodes) {
  const struct {
    const char* code;
    const char* ru;
    const char* en;
  } kCases[] = {
      {"H1", "I полугодие", "H1"},          {"Q3", "III квартал", "Q3"},  {"5M", "январь–май", "Jan–May"},
      {"11M", "январь–ноябрь", "Jan–Nov"}, {"M4-M8", "апрель–август", "Apr–Aug"},
      {"multi_year", "за несколько лет", "several years"},                {"13M", "13M", "13M"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(PeriodText(c.code, Lang::kRu), c.ru) << c.code;
    EXPECT_EQ(PeriodText(c.code, Lang::kEn), c.en) << c.code;
  }
  Figure f;
  f.type = "turnover";
  f.year = 2024;
  f.period = "9M";
  EXPECT_EQ(YearText(f, Lang::kRu), "2024, январь–сентябрь");
  f.period = "year";
  EXPECT_EQ(YearText(f, Lang::kRu), "2024");
}

TEST(Format, TargetPassedSaysWhichYears) {
  EXPECT_EQ(TargetPassedText(2004, 2025, Lang::kEn),
            "the target's year (2004) has passed and no figure for 2004 is known (latest: 2025)");
  EXPECT_NE(TargetPassedText(2004, 2025, Lang::kRu).find("2004"), std::string::npos);
}

}  // namespace
}  // namespace oborot::kb
