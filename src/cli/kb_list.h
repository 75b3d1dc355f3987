// The shared shape of the knowledge base's list commands (parties, targets,
// conflicts): open the database read-only, run one query, print its rows in
// the chosen format (see EmitOutput in sheets.h): a terminal table in the
// user's language, JSON, CSV data or an Excel workbook of typed cells.
//
//   return RunListQuery(o->db, o->out,
//       [&](kb::Db& db) { return kb::Parties(db, o->out.limit); },
//       [](const auto& rows, const Labels& l) { Table t({...}); ...; return t; },
//       [](const auto& rows, const NameOf& name) { return PartiesSheet(rows, name); });
#pragma once

#include <iostream>
#include <string>

#include "src/cli/command.h"
#include "src/cli/sheets.h"
#include "src/cli/table.h"
#include "src/kb/names.h"
#include "src/kb/store.h"

namespace oborot::cli {

// What a table needs to speak the user's language: the language and names.
struct Labels {
  kb::Lang lang = kb::Lang::kRu;
  const kb::PartyNames* names = nullptr;  // null when the names could not load
  // A header in the user's language.
  std::string H(const char* ru, const char* en) const { return lang == kb::Lang::kRu ? ru : en; }
  // "RU-VOR Воронежская область" / "RU-VOR Voronezh Oblast".
  std::string Party(std::string_view code) const {
    if (!names) return std::string(code);
    return WithName(code, lang == kb::Lang::kRu ? names->Name(code) : names->NameEn(code));
  }
  // "BY — RU-VOR Воронежская область": the partner named.
  std::string Pair(std::string_view a, std::string_view b) const {
    if (b.empty()) return Party(a);
    if (a == "BY") return std::string(a) + " — " + Party(b);
    if (b == "BY") return Party(a) + " — " + std::string(b);
    return Party(a) + " — " + Party(b);
  }
  std::string Person(std::string_view s) const { return kb::InLang(s, lang); }
};

// The notes of a table whose figures were compared in US dollars (converted)
// or with official statistics beyond the threshold (contradicted): parties,
// targets and show say them in the same words.
inline void AddComparisonNotes(Table& t, const Labels& l, bool converted, bool contradicted) {
  if (converted) {
    t.AddNote(l.H("* сравнено в долларах США по среднему курсу года (oborot import-rates)",
                  "* compared in US dollars at the year's average rate (oborot import-rates)"));
  }
  if (contradicted) {
    t.AddNote(l.H("✗ официальная статистика расходится с объявленной цифрой больше порога",
                  "✗ official statistics contradict the announced figure beyond the threshold"));
  }
}

// query(db) returns Result<std::vector<Row>> for rows with a kb::ToJson(Row);
// table(rows, labels) returns the Table for the terminal; sheet(rows, name)
// the out::Sheet for CSV and Excel.
template <typename Query, typename MakeTable, typename MakeSheet>
int RunListQuery(const std::string& db_path, const OutputOptions& out, Query query, MakeTable table,
                 MakeSheet sheet) {
  auto store = kb::Store::Open(db_path, {.read_only = true});
  if (!store.ok()) {
    std::cerr << "oborot: " << store.status().message() << "\n";
    return kExitSomeFailed;
  }
  auto rows = query((*store)->db());
  if (!rows.ok()) {
    std::cerr << "oborot: " << rows.status().message() << "\n";
    return kExitSomeFailed;
  }
  const OutputFormat format = out.format();
  if (format == OutputFormat::kCsv || format == OutputFormat::kXlsx) {
    return EmitSheets({sheet(*rows, LoadNameOf(out.lang()))}, out);
  }
  auto names = kb::PartyNames::Load();
  Labels labels{out.lang(), names.ok() ? &*names : nullptr};
  std::vector<nlohmann::ordered_json> json;
  for (const auto& r : *rows) json.push_back(kb::ToJson(r));
  return EmitOutput(out, table(*rows, labels), json, {});
}

}  // namespace oborot::cli
