#include "src/expr/numbers.h"

#include <gtest/gtest.h>

#include <string>

namespace oborot::expr {
namespace {

struct NumberCase {
  const char* text;
  const char* span;  // expected span text of the (only) number
  double value;
  bool has_scale;
};

// Each text holds exactly one number.
const NumberCase kNumbers[] = {
    {"составил 300 тонн", "300", 300, false},
    {"около 1 200 единиц", "1 200", 1200, false},
    {"итого 1\u00a0200 штук", "1\u00a0200", 1200, false},
    {"итого 12\u2009345\u2009678 штук", "12\u2009345\u2009678", 12345678, false},
    {"ровно 1 200,5 тонны", "1 200,5", 1200.5, false},
    {"индекс 2.5 пункта", "2.5", 2.5, false},
    {"доля 0,75 от всего", "0,75", 0.75, false},
    {"сумма 200 тыс. долларов", "200 тыс.", 2e5, true},
    {"сумма 200 тыс долларов", "200 тыс", 2e5, true},
    {"сумма 3 тысячи рублей", "3 тысячи", 3e3, true},
    {"сумма 5 тысяч рублей", "5 тысяч", 5e3, true},
    {"сумма 1 тысяча рублей", "1 тысяча", 1e3, true},
    {"сумма 970 млн. долларов", "970 млн.", 9.7e8, true},
    {"сумма 970 млн долларов", "970 млн", 9.7e8, true},
    {"выросло до 118 миллионов", "118 миллионов", 1.18e8, true},
    {"это 2 миллиона", "2 миллиона", 2e6, true},
    {"к 1 миллиону", "1 миллиону", 1e6, true},
    {"с 3 миллионами", "3 миллионами", 3e6, true},
    {"итог 1,2 млрд", "1,2 млрд", 1.2e9, true},
    {"итог 1,2 млрд.", "1,2 млрд", 1.2e9, true},
    {"итог 7 миллиардов", "7 миллиардов", 7e9, true},
    {"итог 2 миллиарда", "2 миллиарда", 2e9, true},
    {"итог 1 миллиард", "1 миллиард", 1e9, true},
    {"до 4 миллиардах", "4 миллиардах", 4e9, true},
    {"итог 1,5 трлн", "1,5 трлн", 1.5e12, true},
    {"итог 2 триллиона", "2 триллиона", 2e12, true},
    {"итог 1 млрд 200 млн рублей", "1 млрд 200 млн", 1.2e9, true},
    {"итог 3 млрд 50 млн", "3 млрд 50 млн", 3.05e9, true},
    {"итог 2 млн 300 тыс. тонн", "2 млн 300 тыс.", 2.3e6, true},
    {"итог 5млн", "5млн", 5e6, true},
    {"к миллиарду", "миллиарду", 1e9, true},
    {"целый миллион", "миллион", 1e6, true},
    {"полмиллиарда долларов", "полмиллиарда", 5e8, true},
    {"почти полмиллиона", "полмиллиона", 5e5, true},
    {"уже пол-миллиарда", "пол-миллиарда", 5e8, true},
    {"полтора миллиарда", "полтора миллиарда", 1.5e9, true},
    {"полторы тысячи", "полторы тысячи", 1500, true},
    {"около полутора миллионов", "полутора миллионов", 1.5e6, true},
    {"ещё два", "два", 2, false},
    {"ещё двести", "двести", 200, false},
    {"ровно триста", "триста", 300, false},
    {"ровно сорок пять", "сорок пять", 45, false},
    {"итого 4.200.000 штук", "4.200.000", 4.2e6, false},
    {"итого 14.200,25 у.е.", "14.200,25", 14200.25, false},
    {"итого 4 с половиной млрд", "4 с половиной млрд", 4.5e9, true},
    {"итого 600 с лишним млн", "600 с лишним млн", 6e8, true},
    {"итого 1,7 [млрд] за год", "1,7 [млрд]", 1.7e9, true},
    {"ровно триста двадцать семь", "триста двадцать семь", 327, false},
    {"ровно девятнадцать", "девятнадцать", 19, false},
    {"один миллиард", "один миллиард", 1e9, true},
    {"два миллиарда долларов", "два миллиарда", 2e9, true},
    {"семь миллиардов триста миллионов", "семь миллиардов триста миллионов", 7.3e9, true},
    {"двести тысяч", "двести тысяч", 2e5, true},
    {"сорок пять тысяч", "сорок пять тысяч", 45000, true},
    {"два с половиной миллиарда", "два с половиной миллиарда", 2.5e9, true},
    {"Три миллиона", "Три миллиона", 3e6, true},
    {"ТРИСТА", "ТРИСТА", 300, false},
};

TEST(FindNumbers, Table) {
  for (const auto& c : kNumbers) {
    SCOPED_TRACE(c.text);
    const std::string text = c.text;
    auto found = FindNumbers(text);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(text.substr(found[0].start, found[0].end - found[0].start), c.span);
    EXPECT_DOUBLE_EQ(found[0].value, c.value);
    EXPECT_EQ(found[0].has_scale, c.has_scale);
  }
}

TEST(FindNumbers, ScaleOnlyAndWords) {
  auto a = FindNumbers("к заветному миллиарду");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_TRUE(a[0].scale_only);
  EXPECT_TRUE(a[0].words);
  auto b = FindNumbers("один миллиард");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_FALSE(b[0].scale_only);
  auto c = FindNumbers("1,5 млрд");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_FALSE(c[0].words);
}

TEST(FindNumbers, Ordinals) {
  auto a = FindNumbers("вышел на 13-е место");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_TRUE(a[0].ordinal);
  EXPECT_EQ(a[0].value, 13);
  auto b = FindNumbers("в 2023-м");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_TRUE(b[0].ordinal);
}

TEST(FindNumbers, SeveralAndOffsets) {
  const std::string text = "В 2023 году 1,5 млрд, в 2024 году 2 млрд.";
  auto found = FindNumbers(text, 100);
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].value, 2023);
  EXPECT_EQ(found[1].value, 1.5e9);
  EXPECT_EQ(found[2].value, 2024);
  EXPECT_EQ(found[3].value, 2e9);
  EXPECT_EQ(found[1].start, 100 + text.find("1,5"));
  // the final dot ends the sentence: not part of «млрд»
  EXPECT_EQ(found[3].end, 100 + text.size() - 1);
}

TEST(FindNumbers, NotNumbers) {
  // a dotted date is three numbers, not a decimal
  auto d = FindNumbers("10.06.2024");
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].value, 10);
  // bare plural scale words are no amount
  EXPECT_TRUE(FindNumbers("миллионы людей").empty());
  EXPECT_TRUE(FindNumbers("млн долларов").empty());
  EXPECT_TRUE(FindNumbers("Без цифр в тексте.").empty());
  // a list «2022, 2023» is two numbers
  EXPECT_EQ(FindNumbers("в 2022, 2023").size(), 2u);
  // digits glued to a word are a code, not an amount, unless the word is a preposition
  EXPECT_TRUE(FindNumbers("вакцина от COVID19 и лицей А1").empty());
  auto g = FindNumbers("вырос до130 млн");
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].value, 130e6);
}

}  // namespace
}  // namespace oborot::expr
