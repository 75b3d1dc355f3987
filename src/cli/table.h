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
#include <nlohmann/json.hpp>
#include <ostream>
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
  // A column the text leaves out when every row's cell is empty (official
  // figures before any import, exports/imports without trade_flow facts),
  // so the others keep their width. CSV keeps every column.
  void SetOptional(size_t column);
  void AddRow(std::vector<std::string> cells);  // missing cells are empty, extra ones dropped
  size_t rows() const { return rows_.size(); }
  // A line printed under the table's text (not in CSV).
  void AddNote(std::string note) { notes_.push_back(std::move(note)); }

  // Aligned text: a header, a rule, the rows; two spaces between columns.
  // When the lines would pass `total_width` code points (0: no limit), the
  // widest text column is cut (with «…») until they fit, down to 8 code
  // points (24 for the first column, which names the row); numbers
  // (right-aligned columns) are never cut, as a cut amount hides its unit.
  // If that is not enough, the rightmost columns are left out and a note in
  // `lang` names them.
  std::string Text(size_t max_cell_width = 60, size_t total_width = 0, kb::Lang lang = kb::Lang::kEn) const;
  // RFC 4180 CSV with a header row (cells are never cut).
  std::string Csv() const;
  const std::vector<std::string>& headers() const { return headers_; }
  const std::vector<std::vector<std::string>>& cells() const { return rows_; }

 private:
  std::vector<std::string> headers_;
  std::vector<Align> align_;
  std::vector<bool> optional_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::string> notes_;
};

// A CSV field, quoted when needed.
std::string CsvField(std::string_view s);
// One line of a cell: newlines and tabs become spaces, other control
// characters visible escapes (terminal.h).
std::string OneLine(std::string_view s);

// The output options shared by the query commands: one format style,
// `--format table|csv|json|jsonl|xlsx` (`--csv` and `--json` kept as
// shorthands), `--excel`, `--out FILE`, `--limit N`, `--wide` (no cutting to
// the terminal), `--lang ru|en` (default from LANG), `--from DATE`/`--to DATE`
// (a date range: YYYY, YYYY-MM or YYYY-MM-DD).
//   table  aligned text for people: ICU money and percent formats, numbers
//          right-aligned, names beside codes, fitted to the terminal
//   json   the answer as a JSON array (--json); jsonl: a line per row
//   csv    data: numbers as numbers, codes and names in their own columns,
//          empty for unknown (--csv); --excel: the dialect a Russian-locale
//          Excel opens (BOM, ';', decimal comma); text a spreadsheet would
//          run as a formula gets a leading apostrophe unless --raw-csv
//   xlsx   an Excel workbook of typed cells, one sheet per section (to --out,
//          or to a redirected standard output)
//
// A command builds a Table (text), JSON rows and typed sheets (src/cli/sheets.h)
// and hands them to EmitOutput() (sheets.h), which picks by the format.
// --raw-csv's help, for every command that writes CSV.
inline constexpr const char* kRawCsvHelp =
    "CSV text exactly as stored: no apostrophe before text starting with = + - @, a tab or CR (for programs; such a "
    "file is unsafe to open in a spreadsheet)";

enum class OutputFormat { kTable, kJson, kJsonl, kCsv, kXlsx };
struct OutputOptions {
  std::string format_name;  // --format: table|csv|json|jsonl|xlsx (empty: from --json/--csv/--excel)
  bool json = false;        // --json: --format json
  bool csv = false;         // --csv: --format csv
  bool excel = false;       // --excel: CSV in the Russian-locale Excel dialect (implies csv)
  bool raw_csv = false;     // --raw-csv: CSV text as stored, no apostrophe before a would-be formula
  std::string out;          // --out FILE: write there instead of standard output
  size_t limit = 50;
  bool wide = false;
  std::string lang_name;  // empty: from the environment
  std::string from, to;   // as given
  void Register(CLI::App& app, size_t default_limit, bool date_range = true);
  OutputFormat format() const;
  kb::Lang lang() const;
  // The terminal's width for tables: 0 with --wide or for a format other
  // than table; else the width of the terminal on standard output, $COLUMNS
  // when set, else 120 (no terminal: a pipe or a file).
  size_t width() const;
  // The range as ISO date bounds ("2023" -> from "2023-01-01", to "2023-12-31").
  std::string from_date() const;
  std::string to_date() const;
};

// Writes `json_rows` (json, jsonl) or `table` (table; csv and xlsx as text
// CSV, for callers without typed sheets: see EmitOutput in sheets.h) to
// `out`, in the options' format; then `note` (what was left out) on standard
// error for machines' formats and below the table for people.
void Emit(std::ostream& out, const OutputOptions& o, const Table& table,
          const std::vector<nlohmann::ordered_json>& json_rows, const std::string& note = {});

// Whether a fact falls in the options' date range (true without one): a
// figure by its year, a meeting by its date, else by its sources'
// publication dates; a fact with no date at all is outside any range.
bool InRange(const kb::Figure& f, const OutputOptions& o);
// Whether a YYYY-MM-DD date (or a prefix) is in the range; "" is not.
bool DateInRange(std::string_view date, const OutputOptions& o);

// At most `width` code points of a quote, cut around the figure it states
// (its first digits), with «…» where text was cut: the figure always shows.
std::string QuoteAround(std::string_view quote, const kb::Figure& f, size_t width);

// "RU-VOR Воронежская область" for people's tables (the code alone when unknown).
std::string WithName(std::string_view code, std::string_view name);

}  // namespace oborot::cli
