// oborot conflicts: figures that disagree (same parties, status and year,
// values more than 2 % apart), each with its sources.
#include <iostream>

#include "src/cli/command.h"
#include "src/cli/kb_list.h"
#include "src/cli/table.h"
#include "src/kb/format.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"

namespace oborot::cli {
namespace {

struct ConflictsOptionsCli {
  std::string db = "oborot.db";  // --db PATH
  OutputOptions out;             // --format, --json, --csv, --excel, --out, --limit (conflicts, not rows)
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ConflictsOptionsCli>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  o->out.Register(app, 50);
  return [o]() -> int {
    return RunListQuery(
        o->db, o->out, [&](kb::Db& db) { return kb::Conflicts(db, o->out.limit); },
        [](const auto& rows) {
          Table t({"#", "parties", "type", "status", "year", "figure", "doc", "published", "speaker", "quote"});
          for (size_t c : {0u, 4u, 5u}) t.SetAlign(c, Align::kRight);
          size_t n = 0;
          for (const auto& r : rows) {
            ++n;
            for (const auto& f : r.figures) {
              for (const auto& s : f.evidence) {
                t.AddRow({std::to_string(n), kb::PairLabel(f.party_a, f.party_b), f.type, f.status, kb::YearText(f),
                          kb::FigureText(f), s.doc, s.published, s.speaker, s.quote});
              }
            }
          }
          return t;
        },
        [](const auto& rows) { return ConflictsSheet(rows, LoadNameOf()); });
  };
}

const Registrar kReg("conflicts", "list disagreeing figures with their sources", Setup);

}  // namespace
}  // namespace oborot::cli
