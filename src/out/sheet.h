// Tables as data: typed columns and cells that the CSV and Excel writers
// turn into files analysts open in pandas, R or a spreadsheet.
//
//   oborot::out::Sheet s{"targets", {{"party_a", ColumnType::kCode}, {"value", ColumnType::kMoney},
//                                     {"announced", ColumnType::kDate}}};
//   s.rows.push_back({std::string("BY"), 1e9, std::string("2024-03-01")});
//   s.rows.push_back({std::string("RU-VOR"), Cell(), Cell()});   // unknown: an empty cell
//   oborot::out::WriteCsv({s}, {.excel = true}, std::cout);           // BOM, ';', decimal comma
//   auto st = oborot::out::WriteXlsx({s}, "targets.xlsx");             // a real workbook
//
// A cell is empty (unknown), text, a number or a boolean; the column's type
// says how a number or text is shown (money with thousands, a percent, a
// date as a date). Numbers are never formatted into text: the reader's
// locale does that. Several sheets in one CSV become one table with a
// leading `section` column and the union of the sheets' columns, so a CSV
// never repeats its header.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "oborot/status.h"

namespace oborot::out {

enum class ColumnType {
  kText,     // free text
  kCode,     // a short code (party, currency, status): text
  kInteger,  // a whole number (year, count)
  kNumber,   // a number with decimals as needed
  kMoney,    // an amount: thousands separated, no decimals shown
  kPercent,  // a number of percent (17.5 means 17.5 %), one decimal shown
  kDate,     // YYYY-MM-DD text: a real date in Excel
  kBool,     // true/false
  kUrl,      // a link
};

struct Column {
  std::string name;
  ColumnType type = ColumnType::kText;
};

using Cell = std::variant<std::monostate, std::string, double, int64_t, bool>;
using Row = std::vector<Cell>;

struct Sheet {
  std::string name;  // the Excel sheet name (at most 31 characters), the CSV `section`
  std::vector<Column> columns;
  std::vector<Row> rows;  // each row has at most columns.size() cells; missing cells are empty
};

// Helpers for building rows from optional values.
template <typename T>
Cell OptCell(const std::optional<T>& v) {
  if (!v) return Cell();
  if constexpr (std::is_integral_v<T>) {
    return Cell(static_cast<int64_t>(*v));
  } else {
    return Cell(static_cast<double>(*v));
  }
}
// Empty text is an unknown value: an empty cell.
inline Cell TextCell(std::string_view s) { return s.empty() ? Cell() : Cell(std::string(s)); }

struct CsvOptions {
  // The dialect a Russian-locale Excel opens by double-click: a UTF-8 byte
  // order mark, `;` between fields, a decimal comma, CRLF line ends.
  // Otherwise RFC 4180 with `,`, a decimal point and no BOM (pandas, R).
  bool excel = false;
  // Text exactly as stored. Otherwise (both dialects) a text cell that a
  // spreadsheet would take for a formula — starting with = + - @, a tab or a
  // carriage return, and not a plain number such as "-5" or "+3,5 %" — gets
  // a leading apostrophe (OWASP's advice on CSV injection): article text is
  // untrusted, and «=HYPERLINK(…)» in a quote must stay text. Numbers are
  // number cells and never touched.
  bool raw = false;
};

// True when a spreadsheet opening `text` as a CSV cell could run it as a
// formula (see CsvOptions::raw).
bool LooksLikeFormula(std::string_view text);

// Streams one table as CSV: the header when constructed, then rows.
class CsvWriter {
 public:
  CsvWriter(std::ostream& out, std::vector<Column> columns, CsvOptions options);
  void Add(const Row& row);

  // One field as the dialect writes it (quoted when needed).
  static std::string Field(const Cell& cell, ColumnType type, const CsvOptions& options);

 private:
  std::ostream& out_;
  std::vector<Column> columns_;
  CsvOptions options_;
};

// One sheet as a table; several as one table with a leading `section` column
// (the sheet's name) and the union of their columns in first-seen order.
void WriteCsv(const std::vector<Sheet>& sheets, const CsvOptions& options, std::ostream& out);

// Streams a workbook to a file: one worksheet per AddSheet, header in bold,
// frozen, with an autofilter; numbers with number formats, dates as dates,
// links as links; column widths from the content. Rows are written as they
// come (libxlsxwriter's constant-memory mode), so an export of a million
// facts does not hold them. Sheets may be filled in any interleaving.
class XlsxWriter {
 public:
  // Errors: kIoError naming the file when it cannot be created.
  static Result<std::unique_ptr<XlsxWriter>> Create(const std::string& path);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Returns the sheet's index. The name is cut to Excel's 31 characters and
  // made unique; characters Excel refuses ([]:*?/\) become '_'.
  size_t AddSheet(std::string_view name, std::vector<Column> columns);
  // Errors: kInvalidArgument past Excel's 1,048,576 rows (the row is dropped
  // and Close() reports it).
  void Add(size_t sheet, const Row& row);
  // Writes the file. Errors: kIoError naming the file, kInvalidArgument when
  // a sheet overflowed.
  Status Close();

 private:
  struct Impl;
  explicit XlsxWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Every sheet into one workbook at `path`.
Status WriteXlsx(const std::vector<Sheet>& sheets, const std::string& path);

}  // namespace oborot::out
