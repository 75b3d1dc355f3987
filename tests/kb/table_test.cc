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

TEST(Table, CsvQuotesWhenNeeded) {
  Table t({"doc", "quote"});
  t.AddRow({"a", "Оборот, по словам губернатора, \"вырос\""});
  EXPECT_EQ(t.Csv(), "doc,quote\r\na,\"Оборот, по словам губернатора, \"\"вырос\"\"\"\r\n");
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
}

}  // namespace
}  // namespace oborot::cli
