// Reading analysts' CSV files (official statistics, exchange rates) with
// libcsv (Debian's libcsv-dev: an RFC 4180 parser that takes the file in
// chunks and handles quoted fields with delimiters and line breaks).
//
//   auto table = oborot::kb::ReadCsv(bytes, "official.csv");
//   if (!table.ok()) return table.status();          // not a table at all
//   for (const auto& rec : table->records) Use(table->header, rec.fields, rec.line);
//
// The delimiter is the header line's: `;` when it has more semicolons than
// commas (the files a Russian-locale Excel saves), else `,`. A UTF-8 byte
// order mark is skipped, surrounding spaces of a field are trimmed, header
// names are lower-cased, blank lines are skipped. Each record keeps the line
// number it starts on, so errors name the line.
// Errors: kInvalidInput naming the file for a file that is not UTF-8, that
// has no header, or whose quoting is broken (with the line).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "oborot/status.h"

namespace oborot::kb {

struct CsvRecord {
  size_t line = 0;  // 1-based line number where the record starts
  std::vector<std::string> fields;
};

struct CsvTable {
  char delimiter = ',';
  std::vector<std::string> header;  // lower case, trimmed
  std::vector<CsvRecord> records;
  // The index of a header name, or -1.
  int Column(std::string_view name) const;
};

Result<CsvTable> ReadCsv(std::string_view bytes, std::string_view file);

// A number as analysts write it: "1234.5", "1 234,5" (decimal comma, spaces
// or non-breaking spaces between thousands), "1e9". False when it is not one.
bool ParseDecimal(std::string_view s, double& out);

}  // namespace oborot::kb
