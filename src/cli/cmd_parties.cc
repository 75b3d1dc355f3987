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
  OutputOptions out;             // --format, --limit (per group), --wide, --lang, --from/--to
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<PartiesOptionsCli>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  o->out.Register(app, 100);
  return [o]() -> int {
    auto rows_fn = [&](kb::Db& db) -> Result<std::vector<kb::PartnerRow>> {
      auto r = kb::Parties(db, o->out.limit);
      if (!r.ok() || (o->out.from.empty() && o->out.to.empty())) return r;
      // A date range keeps the pairs whose latest figure, target or meeting falls in it.
      std::vector<kb::PartnerRow> kept;
      for (auto& row : *r) {
        if ((row.actual && InRange(*row.actual, o->out)) || (row.target && InRange(*row.target, o->out)) ||
            (row.last_meeting && InRange(*row.last_meeting, o->out)))
          kept.push_back(std::move(row));
      }
      return kept;
    };
    auto table = [](const std::vector<kb::PartnerRow>& rows, const Labels& l) {
      Table t({l.H("пара", "pair"), l.H("оборот", "turnover"), l.H("год", "year"), l.H("цель", "target"),
               l.H("к году", "by"), l.H("кто объявил", "announced by"), l.H("когда", "on"),
               l.H("до цели", "gap"), l.H("статей", "docs"), l.H("последняя встреча", "last meeting")});
      for (size_t c : {1u, 3u, 7u, 8u}) t.SetAlign(c, Align::kRight);
      bool others = false;
      for (const auto& r : rows) {
        if (!r.belarus && !others) {
          // Pairs without Belarus are not the overview's partners: a heading row of their own.
          others = true;
          t.AddRow({l.H("без Беларуси:", "no Belarus:")});
        }
        std::string meeting;
        if (r.last_meeting) {
          meeting = r.last_meeting->date;
          if (!r.last_meeting->place.empty()) meeting += " " + l.Person(r.last_meeting->place);
        }
        t.AddRow({l.Pair(r.party_a, r.party_b), r.actual ? kb::FigureText(*r.actual, l.lang) : "",
                  r.actual ? kb::YearText(*r.actual, l.lang) : "", r.target ? kb::FigureText(*r.target, l.lang) : "",
                  r.target ? kb::YearText(*r.target) : "", r.target ? l.Person(r.target->speaker) : "",
                  r.target ? r.target->announced : "",
                  r.gap_percent ? kb::FormatPercent(*r.gap_percent, false, l.lang) : "", std::to_string(r.documents),
                  meeting});
      }
      return t;
    };
    return RunListQuery(o->db, o->out, rows_fn, table);
  };
}

const Registrar kReg("parties", "list Belarus's partners: latest turnover, target, gap, sources, last meeting; then other pairs", Setup);

}  // namespace
}  // namespace oborot::cli
