// Fact test cases: reading tests/cases/**/*.case and matching predicted facts
// against the expected ones, with the rules of ../shared/eval/score made strict
// (every expected fact found, no extra turnover/change/meeting/trade_flow fact).
//
//   auto c = oborot::cases::ParseCase(file_text, "tests/cases/status/x.case");
//   if (!c.ok()) Fail(c.status().ToString());
//   oborot::cases::MatchReport r = oborot::cases::MatchFacts(c->expected, predicted_lines);
//   if (!r.ok()) Fail(r.ToString());
//
// A case file:
//   # name: growth in percent with a base year      (required)
//   # published: 2023-04-04                          (optional, input metadata)
//   # title: ...                                     (optional, input metadata)
//   <article text, any number of lines>
//   ----
//   {"type":"turnover", ...}                         (one expected fact per line;
//   # a comment                                       blank and # lines ignored)
//
// Matching rules (FactMatches):
//   turnover         parties (as a set), status, currency and sectoral equal;
//                    value within 2 %; qualifier equal (missing = "exact");
//                    year: when the expected line has "year", a number must be
//                    equal and null must be predicted as null (or absent).
//   turnover_change  parties, sectoral; percent within 1.0; year as above.
//   trade_flow       as turnover, and "from" and "to" equal.
//   meeting          parties; date as year above; every expected participant
//                    name present (case, ё and spacing ignored); place equal
//                    when the expected place is given and not null.
//   any of the three: "speaker", when expected, equal after name folding.
//   organization     present: a predicted organization with the same name.
//   sector           present: a predicted sector line with the same sector id.
//   project          present: a predicted project whose name contains the
//                    expected name (project names are free text).
// Expected and predicted facts are paired by maximum bipartite matching, so the
// order of lines never decides the outcome.
//
// Errors: ParseCase returns kInvalidInput (message names the file and line) for
// a file without "# name:", without a "----" line, with a line that is not a
// JSON object, or with an unknown or incomplete fact type. Returned values own
// their data.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/status.h"

namespace oborot::cases {

struct Case {
  std::string path;       // as given to ParseCase
  std::string id;         // the file's stem: the document id given to the extractor
  std::string name;       // "# name:"
  std::string published;  // "# published:" (first word), or empty
  std::string title;      // "# title:", or empty
  std::string text;       // the article: every line between the header and "----"
  std::vector<nlohmann::json> expected;
};

Result<Case> ParseCase(std::string_view content, std::string_view path);

// True when `predicted` satisfies `expected` under the rules above (types must be equal).
bool FactMatches(const nlohmann::json& expected, const nlohmann::json& predicted);

// True for the fact types that must not be predicted beyond the expected ones.
bool IsStrictType(std::string_view type);

struct MatchReport {
  std::vector<nlohmann::json> missing;     // expected facts with no matching prediction
  std::vector<nlohmann::json> unexpected;  // predicted strict-type facts matched by nothing
  bool ok() const { return missing.empty() && unexpected.empty(); }
  // "missing: {...}\nunexpected: {...}\n", evidence and doc fields left out.
  std::string ToString() const;
};

// `predicted` may hold any lines of the extractor (document lines are ignored).
MatchReport MatchFacts(const std::vector<nlohmann::json>& expected, const std::vector<nlohmann::json>& predicted);

// Every *.case file under `root`, recursively, sorted; empty when root does not exist.
std::vector<std::string> FindCaseFiles(const std::string& root);

// A gtest-safe name for a case path: "status/actual_prevysil.case" -> "status_actual_prevysil".
std::string TestName(std::string_view path, std::string_view root);

}  // namespace oborot::cases
