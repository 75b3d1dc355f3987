#include "src/cli/table.h"

#include <gtest/gtest.h>

namespace oborot::cli {
namespace {

TEST(Table, AlignsByCodePointsNotBytes) {
  Table t({"партнёр", "n"});
  t.SetAlign(1, Align::kRight);
  t.AddRow({"RU-VOR", "1 600"});
  t.AddRow({"Воронеж", "7"});
  EXPECT_EQ(t.Text(),
            "партнёр      n\n"
            "───────  ─────\n"
            "RU-VOR   1 600\n"
            "Воронеж      7\n");
}

TEST(Table, ShowsControlCharactersOfTheDataInsteadOfSendingThem) {
  // A quote from a page that would retitle and clear the analyst's terminal.
  Table t({"quote"});
  t.AddRow({"\x1b]0;x\x07\x1b[2JТоварооборот"});
  const std::string shown = "\\x1b]0;x\\x07\\x1b[2JТоварооборот";  // 31 code points
  std::string rule;
  for (int i = 0; i < 31; ++i) rule += "─";
  EXPECT_EQ(t.Text(), "quote\n" + rule + "\n" + shown + "\n");
  EXPECT_EQ(OneLine("a\rb\x1b"), "a b\\x1b");
}

TEST(Table, CutsLongCellsAndFlattensLines) {
  Table t({"a"});
  t.AddRow({"Товарооборот\nвырос"});
  t.AddRow({"Очень длинная ячейка"});
  EXPECT_EQ(t.Text(10),
            "a\n"
            "──────────\n"
            "Товарообо…\n"
            "Очень дли…\n");
  Table missing({"a", "b"});
  missing.AddRow({"x"});
  EXPECT_EQ(missing.rows(), 1u);
}

TEST(Table, ANarrowTerminalCutsTextNeverNumbersAndSaysWhatItLeftOut) {
  Table t({"пара", "оборот", "кто объявил", "до цели", "последняя встреча"});
  t.SetAlign(1, Align::kRight);
  t.SetAlign(3, Align::kRight);
  t.AddRow({"BY — RU-TA Республика Татарстан", "< 55 млрд $", "Александр Лукашенко", "≥ 8,3 %", "2023-03-27 Москва"});
  t.AddRow({"BY — RU-RYA Рязанская область", "549,1 млн $", "Роман Головченко", "-83 %", ""});
  // 70 code points: the speaker is cut, the pair keeps 24, the amounts and percents stay whole
  const std::string fit = t.Text(60, 70, kb::Lang::kRu);
  EXPECT_NE(fit.find("< 55 млрд $"), std::string::npos) << fit;
  EXPECT_NE(fit.find("549,1 млн $"), std::string::npos) << fit;
  EXPECT_NE(fit.find("≥ 8,3 %"), std::string::npos) << fit;
  EXPECT_NE(fit.find("BY — RU-TA Республика Т…"), std::string::npos) << fit;
  EXPECT_EQ(fit.find("не поместились"), std::string::npos) << fit;
  // 50: the rightmost columns are left out whole, and named
  const std::string narrow = t.Text(60, 50, kb::Lang::kRu);
  EXPECT_NE(narrow.find("< 55 млрд $"), std::string::npos) << narrow;
  EXPECT_EQ(narrow.find("8,3"), std::string::npos) << narrow;
  // the note names them, wrapped at the width like the table
  EXPECT_EQ(narrow.substr(narrow.find("не поместились")),
            "не поместились по ширине: до цели, последняя\nвстреча (вся таблица: --wide)\n") << narrow;
  EXPECT_NE(t.Text(60, 50).find("left out to fit the width: до цели,"), std::string::npos);
  size_t longest = 0, cur = 0;
  for (unsigned char ch : narrow) {
    if (ch == '\n') {
      longest = std::max(longest, cur);
      cur = 0;
    } else if ((ch & 0xC0) != 0x80) {
      ++cur;
    }
  }
  EXPECT_LE(longest, 50u) << narrow;
}

TEST(Table, CsvQuotesWhenNeeded) {
  Table t({"doc", "quote"});
  t.AddRow({"a", "Оборот, по словам губернатора, \"вырос\""});
  EXPECT_EQ(t.Csv(), "doc,quote\r\na,\"Оборот, по словам губернатора, \"\"вырос\"\"\"\r\n");
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
}

}  // namespace
}  // namespace oborot::cli
