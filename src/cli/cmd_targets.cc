// oborot targets: every announced turnover target, who set it and when, the
// year it is for, and progress against the pair's latest actual figure.
#include <iostream>

#include "src/cli/command.h"
#include "src/cli/kb_list.h"
#include "src/cli/table.h"
#include "src/kb/format.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"

namespace oborot::cli {
namespace {

struct TargetsOptionsCli {
  std::string db = "oborot.db";  // --db PATH
  OutputOptions out;             // --format, --json, --csv, --excel, --out, --limit
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<TargetsOptionsCli>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  o->out.Register(app, 100);
  return [o]() -> int {
    return RunListQuery(
        o->db, o->out, [&](kb::Db& db) { return kb::Targets(db, o->out.limit); },
        [](const auto& rows) {
          Table t({"parties", "target", "for", "announced by", "on", "sources", "latest actual", "of", "progress"});
          for (size_t c : {1u, 2u, 5u, 6u, 7u, 8u}) t.SetAlign(c, Align::kRight);
          bool converted = false;
          for (const auto& r : rows) {
            t.AddRow({kb::PairLabel(r.target.party_a, r.target.party_b), kb::FigureText(r.target),
                      kb::YearText(r.target), r.target.speaker, r.target.announced, std::to_string(r.target.sources),
                      r.actual ? kb::FigureText(*r.actual) : "", r.actual ? kb::YearText(*r.actual) : "",
                      r.progress_percent ? kb::FormatPercent(*r.progress_percent) + (r.progress_converted ? "*" : "")
                                         : (r.progress_note.empty() ? "" : "?")});
            if (!r.progress_note.empty()) {
              t.AddNote("? progress of " + kb::PairLabel(r.target.party_a, r.target.party_b) + ": " + r.progress_note);
            }
            converted |= r.progress_converted;
          }
          if (converted) t.AddNote("* compared in US dollars at the year's average rate (oborot import-rates)");
          return t;
        },
        [](const auto& rows) { return TargetsSheet(rows, LoadNameOf()); });
  };
}

const Registrar kReg("targets", "list announced turnover targets with progress against the latest actual", Setup);

}  // namespace
}  // namespace oborot::cli
