// Merging facts across sources: which facts are "the same fact".
//
//   oborot::kb::FactRow row = oborot::kb::FactRowFromJson(fact_line, "doc-1");
//   std::string key = oborot::kb::GroupKey(row);        // facts with one key may merge
//   if (oborot::kb::SameFigure(row, group_value)) ...   // within 2 %
//
// Two turnover facts (or two trade flows of one direction) are the same when type, parties, status, year, period,
// sector and currency agree (the key) and the values are within 2 % of each
// other. Which figures share a group does not depend on the order they came
// in: a key's figures, sorted, form groups each anchored at its smallest
// figure and holding the figures within 2 % of that anchor (Store keeps this
// incrementally and regroups a key when a new anchor reaches the next group). Facts with one key but different values
// are a conflict. Meetings merge by parties and date, organisations and projects by folded name, sectors by sector. A
// forecast («по мнению аналитиков») has a key of its own (never the same fact as, nor in conflict with, a goal). Facts
// without a comparable identity (an undated meeting, an unknown type) get a key of their own document and never merge.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/status.h"

namespace oborot::kb {

// One fact line of the JSONL contract, flattened into the columns the store keeps.
// The years a fact line may name (the API's year filter has the same range).
inline constexpr int64_t kMinFactYear = 1900;
inline constexpr int64_t kMaxFactYear = 2100;
// The largest amount a fact line or an imported official figure may hold, in
// units of its currency: far above any country's yearly trade in any
// currency (a hundred billion dollars in Iranian rials is about 4e15), and
// low enough that sums, differences and conversions of stored amounts stay
// finite (1e308 and infinity are no figures: they showed as «∞ $» and
// «не число %»).
inline constexpr double kMaxAmount = 1e18;

struct FactRow {
  std::string doc;  // the line's "doc", when it has one
  std::string type;
  std::vector<std::string> parties;  // sorted
  std::string party_a, party_b;      // parties[0], parties[1] (or empty)
  std::string status;
  std::optional<double> value;
  std::string currency;
  std::string qualifier;
  std::optional<int64_t> year;
  std::string period;
  bool sectoral = false;
  std::string sector;
  std::string speaker;
  bool forecast = false;    // a target given as a forecast (never merged or in conflict with a goal)
  std::string forecast_by;  // who forecasts, when said
  std::optional<double> percent;
  std::string date;
  std::string place;
  std::string participants;  // JSON array text, or empty
  std::string name;
  std::string country;
  std::optional<double> quantity;
  std::string unit;
  std::string flow_from, flow_to;  // trade_flow: "from" and "to"
  std::string quote;
  std::optional<int64_t> start, end;
  std::string json;  // the whole line, as given
};

// Flattens a fact line (unknown fields stay in `json`, which is fact.dump()).
// Errors: kInvalidInput when the line has no `type`, `parties` is not a list
// of strings, a known field has another JSON type than the contract's (null
// reads as absent), the year is outside kMinFactYear..kMaxFactYear, a value
// or quantity is negative, the date is not a calendar date or the evidence
// offsets are not whole numbers from 0 with start <= end.
Result<FactRow> FactRowFromJson(const nlohmann::json& fact);
// The same for a line of JSON text, kept as given in `json` (no second
// serialisation). Errors: also kInvalidInput when the text is not JSON.
Result<FactRow> FactRowFromLine(std::string_view line);

// The merge key of a fact (see the file comment). `doc_id` and `index` make
// the key unique for facts that never merge.
std::string GroupKey(const FactRow& f, std::string_view doc_id, size_t index);

// The number a fact is compared by: value for turnover facts, percent for
// changes and shares; nullopt for the rest (they merge by key alone).
std::optional<double> FigureOf(const FactRow& f);

// True when two figures count as the same report: within 2 % of the larger
// (and, for percentages, also within 0.1 percentage points).
bool SameFigure(double a, double b, bool is_percent);
inline constexpr double kMergeTolerance = 0.02;

}  // namespace oborot::kb
