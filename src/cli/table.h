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
  // A line printed under the table's text (not in CSV).
  void AddNote(std::string note) { notes_.push_back(std::move(note)); }

  // Aligned text: a header, a rule, the rows; two spaces between columns.
  std::string Text(size_t max_cell_width = 60) const;
  // RFC 4180 CSV with a header row (cells are never cut).
  std::string Csv() const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::string> notes_;
};

// A CSV field, quoted when needed.
std::string CsvField(std::string_view s);
// One line of a cell: newlines and tabs become spaces.
std::string OneLine(std::string_view s);

// --format, --json, --csv, --excel, --out and --limit, shared by the query commands.
//   table  aligned text for a terminal (the default)
//   json   the answer as JSON (--json)
//   csv    data: numbers as numbers, codes and names in their own columns (--csv);
//          --excel: the dialect a Russian-locale Excel opens (BOM, ';', decimal comma)
//   xlsx   an Excel workbook, one sheet per section (to --out, or to a redirected standard output)
enum class OutputFormat { kTable, kJson, kCsv, kXlsx };
struct OutputOptions {
  bool json = false;
  bool csv = false;
  bool excel = false;
  std::string format_name;  // --format: table|json|csv|xlsx (overrides --json/--csv)
  std::string out;     // --out FILE: write there instead of standard output
  size_t limit = 50;
  void Register(CLI::App& app, size_t default_limit);
  OutputFormat format() const {
    if (format_name == "xlsx") return OutputFormat::kXlsx;
    if (format_name == "csv" || (format_name.empty() && (csv || excel))) return OutputFormat::kCsv;
    if (format_name == "json" || (format_name.empty() && json)) return OutputFormat::kJson;
    return OutputFormat::kTable;
  }
};

}  // namespace oborot::cli
