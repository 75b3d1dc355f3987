// Facts: what oborot extracts, one struct for every fact type of the contract
// (../shared/spec/facts.md in the steering repo; README "Fact format").
//
//   for (const oborot::Fact& f : extraction.facts) Use(f.type, f.parties, f.evidence);
//
// Offsets in Evidence are byte offsets into Document::text; the JSONL writer
// (Extractor::ToJsonLines) turns them into code points as the contract requires.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "oborot/document.h"

namespace oborot {

enum class FactType {
  kTurnover,
  kTurnoverChange,
  kTurnoverShare,
  kMeeting,
  kOrganization,
  kSector,
  kProject,
  kTradeFlow,  // exports or imports between the two parties, with a direction
};
std::string_view FactTypeName(FactType t);

struct Participant {
  std::string name;   // nominative, "Имя Фамилия"
  std::string role;   // free text: "президент", "губернатор"
  std::string party;  // the party the person represents
};

// A span the rule used, for --explain.
struct UsedSpan {
  std::string what;  // "money", "party", "status-verb", ...
  Span span;
};

struct Evidence {
  std::string text;  // the sentence
  Span span;         // its byte span in Document::text
};

struct Fact {
  FactType type = FactType::kTurnover;
  std::vector<std::string> parties;  // sorted, two codes (one for organization/sector facts is allowed)

  // turnover / turnover_share / trade_flow
  std::string status;     // "actual" | "target"
  double value = 0;       // in units of currency (a range's lower bound)
  std::optional<double> value_min, value_max;  // a range («$ 300–400 млн»): both bounds
  std::string currency;   // ISO 4217
  std::string qualifier;  // exact | more_than | less_than | approx
  std::optional<int> year;
  std::string period;     // year, H1, Q1..Q4, 9M, multi_year, ... (empty: unknown)
  bool sectoral = false;
  std::string sector;
  std::string speaker;
  // A target that the sentence gives as a forecast («по мнению аналитиков …
  // может превысить»), not a goal someone set: `forecast` and who makes it
  // (`forecast_by`, empty when the text does not say).
  bool forecast = false;
  std::string forecast_by;

  // trade_flow: the goods go from `flow_from` to `flow_to` (both in parties)
  std::string flow_from, flow_to;

  // turnover_change / turnover_share
  double percent = 0;

  // meeting
  std::optional<Date> date;
  std::string place;
  std::vector<Participant> participants;

  // organization / sector / project
  std::string name;     // organisation or project name, sector id
  std::string country;  // organisation's country code
  std::optional<double> quantity;
  std::string unit;     // "автобус", "локомотив", "м²"

  Evidence evidence;
  std::string rule;                // which rule fired, for --explain
  std::vector<UsedSpan> used;      // spans the rule used, for --explain
  double confidence = 1.0;
};

// A figure the rules considered and dropped, with the reason
// (`oborot extract --explain --rejected`).
struct Rejection {
  std::string what;    // "money" or "change"
  std::string reason;  // "export or import («экспорт»)", "no trade word governs it", ...
  Span span;           // the figure, bytes in Document::text
  Evidence evidence;   // its sentence
};

}  // namespace oborot
