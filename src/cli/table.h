// Terminal tables and number formatting for the query commands.
//
//   oborot::cli::Table t({"Партнёр", "Оборот", "Год"});
//   t.SetAlign(1, oborot::cli::Align::kRight);
//   t.AddRow({"RU-VOR", oborot::kb::FormatMoney(1.6e9, "USD"), "2023"});
//   std::cout << t.Text();   // aligned columns; or t.Csv()
//
// Widths count code points (CodePointCount), so Cyrillic aligns like ASCII;
// cells longer than the column cap are cut with «…». Number formatting
// (FormatMoney, FormatPercent) is in src/kb/format.h.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/kb/format.h"

namespace oborot::cli {

enum class Align { kLeft, kRight };

class Table {
 public:
  explicit Table(std::vector<std::string> headers);
  void SetAlign(size_t column, Align align);
  void AddRow(std::vector<std::string> cells);  // missing cells are empty, extra ones dropped
  size_t rows() const { return rows_.size(); }

  // Aligned text: a header, a rule, the rows; two spaces between columns.
  std::string Text(size_t max_cell_width = 60) const;
  // RFC 4180 CSV with a header row (cells are never cut).
  std::string Csv() const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

// A CSV field, quoted when needed.
std::string CsvField(std::string_view s);
// One line of a cell: newlines and tabs become spaces.
std::string OneLine(std::string_view s);

// --json / --csv / --limit, shared by the query commands.
enum class OutputFormat { kTable, kJson, kCsv };
struct OutputOptions {
  bool json = false;
  bool csv = false;
  size_t limit = 50;
  void Register(CLI::App& app, size_t default_limit);
  OutputFormat format() const { return json ? OutputFormat::kJson : csv ? OutputFormat::kCsv : OutputFormat::kTable; }
};

}  // namespace oborot::cli
