// The shared shape of the knowledge base's list commands (parties, targets,
// conflicts): open the database read-only, run one query, print its rows as
// JSON, CSV or a terminal table.
//
//   return RunListQuery(o->db, o->out,
//       [&](kb::Db& db) { return kb::Parties(db, o->out.limit); },
//       [](const auto& rows) { Table t({...}); ...; return t; });
#pragma once

#include <iostream>
#include <string>

#include "src/cli/command.h"
#include "src/cli/table.h"
#include "src/kb/store.h"

namespace oborot::cli {

// query(db) returns Result<std::vector<Row>> for rows with a kb::ToJson(Row);
// table(rows) returns the Table for the text and CSV forms.
template <typename Query, typename MakeTable>
int RunListQuery(const std::string& db_path, const OutputOptions& out, Query query, MakeTable table) {
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
  if (out.format() == OutputFormat::kJson) {
    auto a = nlohmann::ordered_json::array();
    for (const auto& r : *rows) a.push_back(kb::ToJson(r));
    std::cout << a.dump(2) << "\n";
    return kExitOk;
  }
  const Table t = table(*rows);
  std::cout << (out.format() == OutputFormat::kCsv ? t.Csv() : t.Text());
  return kExitOk;
}

}  // namespace oborot::cli
