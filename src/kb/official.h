// Official statistics and exchange rates beside the announced figures.
//
//   auto report = oborot::kb::ImportOfficial(store->db(), bytes, "belstat.csv", known_code);
//   for (const auto& e : report->errors) std::cerr << e << "\n";   // "belstat.csv:7: year ..."
//   auto rates = oborot::kb::RateTable::Load(db);                   // import-rates' rows
//   auto usd = rates->ToUsd(2.5e11, "RUB", 2023);                   // nullopt: no RUB rate for 2023
//   auto check = oborot::kb::CheckAgainstOfficial(db, figure, *rates, {.threshold_percent = 10});
//
// Official figures live in their own table (official_figures) and never merge
// with the announced ones: a comparison sets them side by side for the same
// pair, year and period. The official turnover of a pair is the reporter's
// published turnover, else its export plus import (view official_turnover);
// with several reporters the Belarusian side's figure is preferred (the
// announced figures are mostly Belarusian), then the first imported.
//
// Conversion: RUB, BYN, EUR ... to US dollars with the year's average rate
// (view year_rates: a yearly rate as imported, else the mean of the daily
// ones). A figure without a rate for its year stays unconverted and the
// comparison says why.
//
// Errors: SQLite's as Status; the importers report bad rows in
// ImportReport::errors ("FILE:LINE: problem") and import the rest; a file
// that is not a CSV table, or lacks a required column, is kInvalidInput.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/status.h"
#include "src/kb/sqlite.h"

namespace oborot::kb {

struct Figure;

struct ImportReport {
  size_t imported = 0;  // rows written (new or replacing the same key)
  std::vector<std::string> errors;  // "FILE:LINE: problem", one per bad row
};

// True for a party code the caller knows (the gazetteer's); null: any well-formed code.
using CodeCheck = std::function<bool(std::string_view)>;

// Columns (any order, names case-insensitive): reporter, partner, year,
// period (empty: year), flow (export|import|turnover), value, currency,
// source (or source_name), url. A row with the same reporter, partner, year,
// period, flow and source replaces the earlier one. One transaction.
Result<ImportReport> ImportOfficial(Db& db, std::string_view bytes, std::string_view file, const CodeCheck& known);

// Columns: date (YYYY-MM-DD) or year, currency, rate (units of the currency
// per one US dollar). A row with the same currency and date (or year)
// replaces the earlier one. One transaction.
Result<ImportReport> ImportRates(Db& db, std::string_view bytes, std::string_view file);

// The year's average rates, loaded once per query.
class RateTable {
 public:
  static Result<RateTable> Load(Db& db);
  // Units of `currency` per USD in `year`; 1 for USD; nullopt when unknown.
  std::optional<double> Rate(std::string_view currency, int64_t year) const;
  std::optional<double> ToUsd(double value, std::string_view currency, int64_t year) const;
  bool empty() const { return rates_.empty(); }

 private:
  std::map<std::pair<std::string, int64_t>, double, std::less<>> rates_;
};

// A value in US dollars, or why it could not be converted.
struct UsdValue {
  std::optional<double> usd;
  bool converted = false;  // the value was in another currency
  std::string note;        // why usd is missing: "no RUB rate for 2023 (oborot import-rates)"
};
UsdValue ToUsd(const RateTable& rates, double value, std::string_view currency, std::optional<int64_t> year);

struct CompareOptions {
  // An announced figure off the official one by more than this many percent
  // (beyond what its qualifier allows) is marked contradicted.
  double threshold_percent = 10.0;
};

// The official figure for an announced one, and the difference.
struct OfficialCheck {
  double value = 0;  // the official turnover, in `currency`
  std::string currency;
  std::string basis;  // "turnover" or "export+import"
  std::string reporter, source_name, url;
  std::optional<double> announced_usd, official_usd;
  std::optional<double> difference_usd;      // announced - official
  std::optional<double> difference_percent;  // of the official figure (in one currency, or both in USD)
  bool converted = false;  // the two were in different currencies and compared in US dollars
  std::string note;        // why the difference is blank
  bool contradicted = false;
};

// For an actual, whole-trade turnover figure with a year: the official
// turnover of the same pair, year and period, when one was imported.
Result<std::optional<OfficialCheck>> CheckAgainstOfficial(Db& db, const Figure& announced, const RateTable& rates,
                                                          const CompareOptions& options);

// An official figure as stored.
struct OfficialFigure {
  std::string reporter, partner, party_a, party_b;
  int64_t year = 0;
  std::string period, flow;
  double value = 0;
  std::string currency, source_name, url;
};
// The official figures of a party (either side), newest year first.
Result<std::vector<OfficialFigure>> OfficialFiguresOf(Db& db, std::string_view party, size_t limit);

}  // namespace oborot::kb
