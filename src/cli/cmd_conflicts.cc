// oborot conflicts: figures that disagree (same parties, status and year,
// values more than 2 % apart), each with its sources.
#include <iostream>

#include "src/cli/command.h"
#include "src/cli/table.h"
#include "src/kb/format.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"

namespace oborot::cli {
namespace {

struct ConflictsOptionsCli {
  std::string db = "oborot.db";  // --db PATH
  OutputOptions out;             // --json, --csv, --limit (conflicts, not rows)
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ConflictsOptionsCli>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  o->out.Register(app, 50);
  return [o]() -> int {
    auto store = kb::Store::Open(o->db, {.read_only = true});
    if (!store.ok()) {
      std::cerr << "oborot: " << store.status().ToString() << "\n";
      return kExitSomeFailed;
    }
    auto rows = kb::Conflicts((*store)->db(), o->out.limit);
    if (!rows.ok()) {
      std::cerr << "oborot: " << rows.status().ToString() << "\n";
      return kExitSomeFailed;
    }
    if (o->out.format() == OutputFormat::kJson) {
      auto a = nlohmann::ordered_json::array();
      for (const auto& r : *rows) a.push_back(kb::ToJson(r));
      std::cout << a.dump(2) << "\n";
      return kExitOk;
    }
    Table t({"#", "parties", "type", "status", "year", "figure", "doc", "published", "speaker", "quote"});
    for (size_t c : {0u, 4u, 5u}) t.SetAlign(c, Align::kRight);
    size_t n = 0;
    for (const auto& r : *rows) {
      ++n;
      for (const auto& f : r.figures) {
        for (const auto& s : f.evidence) {
          t.AddRow({std::to_string(n), kb::PairLabel(f.party_a, f.party_b), f.type, f.status, kb::YearText(f),
                    kb::FigureText(f), s.doc, s.published, s.speaker, s.quote});
        }
      }
    }
    std::cout << (o->out.format() == OutputFormat::kCsv ? t.Csv() : t.Text());
    return kExitOk;
  };
}

const Registrar kReg("conflicts", "list disagreeing figures with their sources", Setup);

}  // namespace
}  // namespace oborot::cli
