// oborot parties: one row per pair of partners with the latest actual
// turnover, the latest target, the gap between them, sources, last meeting.
#include <iostream>

#include "src/cli/command.h"
#include "src/cli/kb_list.h"
#include "src/cli/table.h"
#include "src/kb/format.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"

namespace oborot::cli {
namespace {

struct PartiesOptionsCli {
  std::string db = "oborot.db";  // --db PATH
  OutputOptions out;             // --json, --csv, --limit
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<PartiesOptionsCli>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  o->out.Register(app, 100);
  return [o]() -> int {
    return RunListQuery(
        o->db, o->out, [&](kb::Db& db) { return kb::Parties(db, o->out.limit); },
        [](const auto& rows) {
          Table t({"parties", "actual", "year", "target", "for", "announced by", "on", "gap", "docs", "last meeting"});
          for (size_t c : {1u, 2u, 3u, 4u, 7u, 8u}) t.SetAlign(c, Align::kRight);
          for (const auto& r : rows) {
            std::string meeting;
            if (r.last_meeting) {
              meeting = r.last_meeting->date;
              if (!r.last_meeting->place.empty()) meeting += " " + r.last_meeting->place;
            }
            t.AddRow({kb::PairLabel(r.party_a, r.party_b), r.actual ? kb::FigureText(*r.actual) : "",
                      r.actual ? kb::YearText(*r.actual) : "", r.target ? kb::FigureText(*r.target) : "",
                      r.target ? kb::YearText(*r.target) : "", r.target ? r.target->speaker : "",
                      r.target ? r.target->announced : "", r.gap_percent ? kb::FormatPercent(*r.gap_percent) : "",
                      std::to_string(r.documents), meeting});
          }
          return t;
        });
  };
}

const Registrar kReg("parties", "list partners: latest turnover, target, gap, sources, last meeting", Setup);

}  // namespace
}  // namespace oborot::cli
