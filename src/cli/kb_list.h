// The shared shape of the knowledge base's list commands (parties, targets,
// conflicts): open the database read-only, run one query, print its rows as
// JSON, a terminal table, CSV data or an Excel workbook.
//
//   return RunListQuery(o->db, o->out,
//       [&](kb::Db& db) { return kb::Parties(db, o->out.limit); },
//       [](const auto& rows) { Table t({...}); ...; return t; },
//       [&](const auto& rows) { return PartiesSheet(rows, names); });
#pragma once

#include <iostream>
#include <string>

#include "src/cli/command.h"
#include "src/cli/sheets.h"
#include "src/cli/table.h"
#include "src/kb/store.h"

namespace oborot::cli {

// query(db) returns Result<std::vector<Row>> for rows with a kb::ToJson(Row);
// table(rows) returns the Table for the terminal; sheet(rows) the out::Sheet
// for CSV and Excel.
template <typename Query, typename MakeTable, typename MakeSheet>
int RunListQuery(const std::string& db_path, const OutputOptions& out, Query query, MakeTable table,
                 MakeSheet sheet) {
  auto store = kb::Store::Open(db_path, {.read_only = true});
  if (!store.ok()) {
    std::cerr << "oborot: " << store.status().ToString() << "\n";
    return kExitSomeFailed;
  }
  auto rows = query((*store)->db());
  if (!rows.ok()) {
    std::cerr << "oborot: " << rows.status().ToString() << "\n";
    return kExitSomeFailed;
  }
  const OutputFormat format = out.format();
  if (format == OutputFormat::kCsv || format == OutputFormat::kXlsx) return EmitSheets({sheet(*rows)}, out);
  OutputTarget target;
  if (!target.Open(out.out)) return kExitUsage;
  if (format == OutputFormat::kJson) {
    auto a = nlohmann::ordered_json::array();
    for (const auto& r : *rows) a.push_back(kb::ToJson(r));
    target.stream() << a.dump(2) << "\n";
  } else {
    target.stream() << table(*rows).Text();
  }
  return kExitOk;
}

}  // namespace oborot::cli
