#include "src/out/sheet.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace oborot::out {
namespace {

Sheet Sample() {
  Sheet s{"figures",
          {{"party", ColumnType::kCode},
           {"value", ColumnType::kMoney},
           {"percent", ColumnType::kPercent},
           {"year", ColumnType::kInteger},
           {"on", ColumnType::kDate},
           {"quote", ColumnType::kText},
           {"conflict", ColumnType::kBool}},
          {}};
  s.rows.push_back({std::string("RU-VOR"), 1.5e9, 17.5, int64_t{2023}, std::string("2024-03-01"),
                    std::string("a, \"b\""), true});
  s.rows.push_back({std::string("BY"), Cell(), Cell(), Cell(), Cell(), std::string("=SUM(A1)"), false});
  return s;
}

TEST(Csv, DataDialectWritesNumbersAndEmptyUnknowns) {
  std::ostringstream out;
  WriteCsv({Sample()}, {}, out);
  EXPECT_EQ(out.str(),
            "party,value,percent,year,on,quote,conflict\r\n"
            "RU-VOR,1500000000,17.5,2023,2024-03-01,\"a, \"\"b\"\"\",true\r\n"
            "BY,,,,,'=SUM(A1),false\r\n");
}

TEST(Csv, RawDataDialectWritesTextAsStored) {
  std::ostringstream out;
  WriteCsv({Sample()}, {.raw = true}, out);
  EXPECT_EQ(out.str(),
            "party,value,percent,year,on,quote,conflict\r\n"
            "RU-VOR,1500000000,17.5,2023,2024-03-01,\"a, \"\"b\"\"\",true\r\n"
            "BY,,,,,=SUM(A1),false\r\n");
}

// Formula injection: text a spreadsheet would run gets an apostrophe in both
// dialects; plain numbers as text and number cells keep their sign.
TEST(Csv, TextThatASpreadsheetWouldRunIsGuarded) {
  struct Row {
    Cell cell;
    bool excel;
    std::string want;
  } rows[] = {
      {std::string("=HYPERLINK(\"http://x\",\"y\")"), false, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
      {std::string("+cmd|' /C calc'!A0"), false, "'+cmd|' /C calc'!A0"},
      {std::string("-2+3+cmd|' /C calc'!A0"), true, "'-2+3+cmd|' /C calc'!A0"},
      {std::string("@SUM(1+1)"), false, "'@SUM(1+1)"},
      {std::string("\t=1+2"), false, "'\t=1+2"},
      {std::string("\r=1+2"), false, "\"'\r=1+2\""},
      {std::string("-5"), false, "-5"},
      {std::string("+3,5 %"), true, "+3,5 %"},
      {std::string("-1 200.5"), false, "-1 200.5"},
      {std::string("-"), false, "'-"},
      {std::string("- Товарооборот вырос"), false, "'- Товарооборот вырос"},
      {std::string("a=1"), false, "a=1"},
      {-5.0, false, "-5"},
      {-5.5, true, "-5,5"},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(CsvWriter::Field(r.cell, ColumnType::kText, {.excel = r.excel}), r.want) << r.want;
  }
  EXPECT_EQ(CsvWriter::Field(std::string("=1+2"), ColumnType::kText, {.raw = true}), "=1+2");
}

TEST(Csv, ExcelDialectHasBomSemicolonsAndDecimalComma) {
  std::ostringstream out;
  WriteCsv({Sample()}, {.excel = true}, out);
  EXPECT_EQ(out.str(),
            "\xEF\xBB\xBFparty;value;percent;year;on;quote;conflict\r\n"
            "RU-VOR;1500000000;17,5;2023;2024-03-01;\"a, \"\"b\"\"\";1\r\n"
            "BY;;;;;'=SUM(A1);0\r\n");
}

TEST(Csv, FieldTable) {
  struct Row {
    Cell cell;
    ColumnType type;
    bool excel;
    std::string want;
  } rows[] = {
      {0.1, ColumnType::kNumber, false, "0.1"},
      {-2.25, ColumnType::kNumber, true, "-2,25"},
      {1e15, ColumnType::kMoney, false, "1e+15"},
      {std::string("x;y"), ColumnType::kText, true, "\"x;y\""},
      {std::string("x;y"), ColumnType::kText, false, "x;y"},
      {std::string("line\nbreak"), ColumnType::kText, false, "\"line\nbreak\""},
      {std::string("-5 %"), ColumnType::kText, true, "-5 %"},
      {Cell(), ColumnType::kMoney, true, ""},
      {2024.0, ColumnType::kInteger, false, "2024"},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(CsvWriter::Field(r.cell, r.type, {.excel = r.excel}), r.want) << r.want;
  }
}

TEST(Csv, SeveralSheetsShareOneHeaderWithASectionColumn) {
  Sheet a{"targets", {{"party", ColumnType::kCode}, {"value", ColumnType::kMoney}}, {}};
  a.rows.push_back({std::string("RU-KLU"), 1e9});
  Sheet b{"meetings", {{"party", ColumnType::kCode}, {"date", ColumnType::kDate}}, {}};
  b.rows.push_back({std::string("RU-KLU"), std::string("2023-05-02")});
  b.rows.push_back({std::string("RU-VOR")});
  std::ostringstream out;
  WriteCsv({a, b}, {}, out);
  EXPECT_EQ(out.str(),
            "section,party,value,date\r\n"
            "targets,RU-KLU,1000000000,\r\n"
            "meetings,RU-KLU,,2023-05-02\r\n"
            "meetings,RU-VOR,,\r\n");
}

TEST(Xlsx, WritesAZipWorkbookAndReportsAnUnwritablePath) {
  const std::string path = testing::TempDir() + "/sheet_test.xlsx";
  Sheet s = Sample();
  Sheet bad_name = s;
  bad_name.name = "a/b:c*d?[e]f and a name longer than thirty-one characters";
  ASSERT_TRUE(WriteXlsx({s, s, bad_name}, path).ok());
  std::ifstream in(path, std::ios::binary);
  char magic[2] = {};
  in.read(magic, 2);
  EXPECT_EQ(std::string(magic, 2), "PK");
  std::remove(path.c_str());

  const Status st = WriteXlsx({s}, "/nonexistent-dir/x.xlsx");
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("/nonexistent-dir/x.xlsx"), std::string::npos) << st.ToString();
}

}  // namespace
}  // namespace oborot::out
