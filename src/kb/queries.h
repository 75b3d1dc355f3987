// Read queries over the knowledge base: partners, dossiers, targets,
// conflicts, full-text search and export.
//
//   auto store = oborot::kb::Store::Open("oborot.db", {.read_only = true});
//   auto rows = oborot::kb::Parties((*store)->db(), 50);
//   auto code = oborot::kb::ResolveParty((*store)->db(), "воронежская область", resolver);
//   auto dossier = oborot::kb::Show((*store)->db(), *code, 20);
//
// Every query reads merged facts (fact groups, see merge.h): a figure with
// several sources appears once, with `sources` counting its documents.
// Errors: SQLite errors as Status (kCorrupt, kIoError), kNotFound from
// ResolveParty. Returned structs own their strings.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/status.h"
#include "src/kb/official.h"
#include "src/kb/sqlite.h"

namespace oborot::kb {

// One evidence of a fact: the document and the quoted sentence.
struct Source {
  std::string doc;  // document id
  std::string title;
  std::string url;
  std::string published;  // YYYY-MM-DD or empty
  std::string quote;
  std::optional<int64_t> start, end;  // code points in the document's cleaned text
  std::string speaker;
  std::string type;  // the fact's type
};

// A merged fact (one fact group) with the details of its first source.
struct Figure {
  int64_t group = 0;
  std::string type;
  std::string party_a, party_b;
  std::string status;
  std::optional<int64_t> year;
  std::string period;
  std::optional<double> value;
  // A range («от 300 до 500 млн»): its upper bound, `value` being the lower
  // one (the fact contract's value_min); empty for a single figure. Shown as
  // a range everywhere, never as the exact `value`.
  std::optional<double> value_max;
  std::string currency;
  std::string qualifier;
  std::optional<double> percent;
  bool sectoral = false;
  std::string sector;
  std::string date;  // meeting date
  std::string place;
  std::string name;
  std::string country;
  std::optional<double> quantity;
  std::string unit;
  std::string participants;  // JSON array text
  std::string speaker;       // the first source that names one
  bool forecast = false;     // a target given as a forecast, not a goal
  std::string forecast_by;   // who forecasts («аналитики»), when the text says
  std::string announced;     // publication date of that source (the first source's when none names a speaker)
  std::string first_published, last_published;
  int64_t sources = 0;
  bool conflict = false;  // another figure disagrees (same parties, status, year)
  std::string flow_from, flow_to;  // trade_flow: where the goods go from and to
  // An actual turnover figure beside the official one of the same pair, year
  // and period (Parties, Show, Targets), when official figures were imported.
  std::optional<OfficialCheck> official;
  // Groups of year-less reports of this same figure (FoldYearless), whose
  // sources count in `sources` and belong to its evidence.
  std::vector<int64_t> merged;
  std::vector<Source> evidence;  // filled by queries that promise it
};

// One row of `oborot parties`: a pair of parties.
struct PartnerRow {
  std::string party_a, party_b;
  bool belarus = false;          // one of the two is Belarus or a Belarusian oblast (the overview's rows)
  std::optional<Figure> actual;  // latest full-year actual turnover
  std::optional<Figure> target;  // latest announced target
  // (target - actual) / target * 100 when both are in one currency: the share
  // of the target still missing (negative: the target is exceeded).
  std::optional<double> gap_percent;
  bool gap_converted = false;  // computed in US dollars at the years' average rates
  std::string gap_note;        // why gap_percent is blank when both figures exist
  // Which actual the gap is measured against (see TargetRow::progress_basis):
  // "target_year", "latest", "target_passed" or "actual_stale" (no gap), or "" (no target or actual).
  std::string gap_basis;
  std::optional<int64_t> gap_year;  // the year of that actual, when it is dated
  // gap_percent computed from a bound (see TargetRow::progress_bound; the
  // gap's direction is the opposite of the progress's): "at_least",
  // "at_most", "approx", or "" when both figures are exact.
  std::string gap_bound;
  // The latest exports, imports and balance (exports - imports) of the
  // Belarusian side for one year, from trade_flow facts, when both are known.
  std::optional<Figure> exports, imports;
  std::optional<double> balance;
  int64_t documents = 0;
  int64_t facts = 0;
  std::optional<Figure> last_meeting;
};

struct Dossier {
  std::string party;
  // How many rows each section holds in all (before `limit`), by section
  // name: figures, targets, changes, flows, meetings, organisations, sectors,
  // projects, sources; a section cut short has total > its rows. Counted up
  // to 10,000 (a party with more shows 10000), so no count scans a whole table.
  std::vector<std::pair<std::string, int64_t>> totals;
  std::vector<Figure> figures;   // actual turnover, newest year first
  std::vector<Figure> targets;   // newest announcement first
  std::vector<Figure> changes;   // turnover_change and turnover_share
  std::vector<Figure> flows;     // trade_flow: exports and imports, newest year first
  std::vector<OfficialFigure> official;  // imported official figures, newest year first
  std::vector<Figure> meetings;  // newest first
  std::vector<Figure> organisations;
  std::vector<Figure> sectors;
  std::vector<Figure> projects;
  std::vector<Source> sources;  // newest first
};

struct TargetRow {
  Figure target;
  // The full-year actual the target is measured against: the one of the
  // target's own year when its year is before the latest actual's (did the
  // pair reach it?), else the pair's latest.
  std::optional<Figure> actual;
  std::optional<double> progress_percent;  // actual / target * 100 (in US dollars when the currencies differ)
  bool progress_converted = false;
  std::string progress_note;  // why progress_percent is blank when both figures exist
  // "target_year": `actual` is the target year's own figure; "latest": the
  // latest actual, the target's year not yet past it (or the target has no
  // year); "target_passed": the target's year is before the latest actual's
  // and no figure for that year is known, so no progress is given (`actual`
  // is the latest, for context); "actual_stale": the latest actual is more
  // than kStaleYears older than the target's announcement (a 2025 goal
  // against a figure of 2013), so no progress either; "" when the pair has
  // no actual figure.
  std::string progress_basis;
  // progress_percent computed from a bound rather than two exact figures:
  // "at_least" (≥: an actual «более X», or a target «почти/менее X»),
  // "at_most" (≤: a target «более X», or an actual «почти/менее X»),
  // "approx" (≈: «около X» on either side, or bounds pulling both ways);
  // "" when both are exact.
  std::string progress_bound;
};

// A target announced more than this many years after the year of the latest
// figure (its own, or its newest source's when it has none) is not measured
// against it (progress_basis "actual_stale").
constexpr int64_t kStaleYears = 3;
// The year of a "YYYY…" date, nullopt when it has none.
std::optional<int64_t> YearOfDate(std::string_view date);
// The year a figure speaks for: its own, else its newest source's publication year.
std::optional<int64_t> AsOfYear(const Figure& f);

// The progress bound (TargetRow::progress_bound) of `actual` against
// `target`, from their qualifiers.
std::string ProgressBound(const Figure& actual, const Figure& target);
// The same bound for the share still missing (100 % − progress): at_least
// and at_most swap.
std::string OppositeBound(std::string_view bound);
// How a bound is shown before a percentage: "≥ ", "≤ ", "≈ " or "".
std::string_view BoundSign(std::string_view bound);

struct ConflictRow {
  std::vector<Figure> figures;  // the disagreeing figures, each with its evidence
};

struct SearchHit {
  std::string doc, title, published, url;
  std::string snippet;
  double rank = 0;                    // FTS5 bm25, lower is better
  std::vector<nlohmann::json> facts;  // the document's fact lines
};

// Maps any form of a party's name to its code; nullopt when unknown.
using PartyResolver = std::function<std::optional<std::string>(std::string_view)>;

// A party code from a code («RU-VOR», «ru-vor») or any form of a name the
// resolver knows. Errors: kNotFound naming the input.
Result<std::string> ResolveParty(Db& db, std::string_view input, const PartyResolver& resolver);

// `compare` sets the threshold beyond which official figures contradict an announced one.
// Pairs with Belarus (or a Belarusian oblast) first, each group ordered by
// whether it has a figure, then by documents; `limit` cuts each group.
Result<std::vector<PartnerRow>> Parties(Db& db, size_t limit, const CompareOptions& compare = {});
// Folds a year-less report of a figure into the dated figure it repeats: the
// same type, parties, status, period, sector, currency (and direction, for a
// trade flow) and a value within 2 %, when exactly one year matches (nothing contradicts). The dated figure
// keeps both sources (`merged`, `sources`); the year-less one leaves the list.
void FoldYearless(std::vector<Figure>& figures);
// The same for meetings: an undated report of a meeting (no date) is the
// dated meeting of the same parties, place and participants (by name), when
// exactly one matches.
void FoldUndatedMeetings(std::vector<Figure>& meetings);
Result<Dossier> Show(Db& db, std::string_view party, size_t limit, const CompareOptions& compare = {});
Result<std::vector<TargetRow>> Targets(Db& db, size_t limit, const CompareOptions& compare = {});
Result<std::vector<ConflictRow>> Conflicts(Db& db, size_t limit);
// Errors: kInvalidArgument when the text has no word to search for.
Result<std::vector<SearchHit>> Search(Db& db, std::string_view text, size_t limit);
// A date range as the commands take it (--from/--to), inclusive, each bound
// "YYYY", "YYYY-MM" or "YYYY-MM-DD" or empty (open).
struct DateRange {
  std::string from{}, to{};
  bool empty() const { return from.empty() && to.empty(); }
  // The bounds as ISO dates ("2023" -> from "2023-01-01", to "2023-12-31").
  std::string from_date() const;
  std::string to_date() const;
  // Whether a YYYY-MM-DD date (or a prefix of one: "2024", "2024-03") lies
  // in the range; "" lies in none but the open range.
  bool Contains(std::string_view date) const;
  // Whether a fact lies in the range: a figure by its year, a meeting by its
  // date, anything else (an organisation, a year-less figure) by its
  // sources' publication dates; a fact with no date at all lies in none but
  // the open range.
  bool Contains(const Figure& f) const;
  // Whether `s` is a bound the range takes: YYYY, YYYY-MM (month 01-12) or a
  // calendar day YYYY-MM-DD. What the CLI's --from/--to and the API's
  // from/to both check.
  static bool ValidBound(std::string_view s);
};

// Which merged facts ExportFacts visits; empty fields select all.
struct ExportFilter {
  std::string party{};   // a code on either side
  std::string type{};    // a fact type
  std::string status{};  // actual / target
  // Inclusive bounds, as DateRange: "YYYY", "YYYY-MM" or "YYYY-MM-DD".
  std::string from{}, to{};
};
// Calls `row` for every merged fact the filter selects, in group order, with
// all its evidence. Stops early, returning kOk, when `row` returns false.
Status ExportFacts(Db& db, const std::function<bool(const Figure&)>& row, const ExportFilter& filter = {});

nlohmann::ordered_json ToJson(const Figure& f);
nlohmann::ordered_json ToJson(const OfficialCheck& c);
nlohmann::ordered_json ToJson(const OfficialFigure& o);
nlohmann::ordered_json ToJson(const Source& s);
nlohmann::ordered_json ToJson(const PartnerRow& r);
nlohmann::ordered_json ToJson(const Dossier& d);
nlohmann::ordered_json ToJson(const TargetRow& r);
nlohmann::ordered_json ToJson(const ConflictRow& r);
nlohmann::ordered_json ToJson(const SearchHit& h);

}  // namespace oborot::kb
