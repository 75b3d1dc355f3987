// oborot parties: one row per pair of partners with the latest actual
// turnover, the latest target, the gap between them, sources, last meeting.
#include <iostream>

#include "src/cli/command.h"
#include "src/cli/kb_list.h"
#include "src/cli/table.h"
#include "src/kb/format.h"
#include "src/kb/names.h"
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
    auto store = kb::Store::Open(o->db, {.read_only = true});
    if (!store.ok()) {
      std::cerr << "oborot: " << store.status().message() << "\n";
      return kExitSomeFailed;
    }
    auto rows = kb::Parties((*store)->db(), o->out.limit);
    if (!rows.ok()) {
      std::cerr << "oborot: " << rows.status().message() << "\n";
      return kExitSomeFailed;
    }
    if (!o->out.from.empty() || !o->out.to.empty()) {
      // A date range keeps the pairs whose latest figure, target or meeting falls in it.
      std::erase_if(*rows, [&](const kb::PartnerRow& r) {
        return !((r.actual && InRange(*r.actual, o->out)) || (r.target && InRange(*r.target, o->out)) ||
                 (r.last_meeting && InRange(*r.last_meeting, o->out)));
      });
    }
    auto names = kb::PartyNames::Load();
    const Labels l{o->out.lang(), names.ok() ? &*names : nullptr};
    auto table = [&](bool belarus) {
      Table t({l.H("пара", "pair"), l.H("оборот", "turnover"), l.H("год", "year"), l.H("цель", "target"),
               l.H("к году", "by"), l.H("кто объявил", "announced by"), l.H("когда", "on"), l.H("до цели", "gap"),
               l.H("статей", "docs"), l.H("последняя встреча", "last meeting")});
      for (size_t c : {1u, 3u, 7u, 8u}) t.SetAlign(c, Align::kRight);
      for (const auto& r : *rows) {
        if (r.belarus != belarus) continue;
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
    Table ours = table(true), others = table(false);
    if (o->out.format() != OutputFormat::kTable) {
      // Machines get one list; `belarus` tells the groups apart (CSV: Belarus's rows first).
      std::vector<nlohmann::ordered_json> json;
      for (const auto& r : *rows) json.push_back(kb::ToJson(r));
      for (const auto& cells : others.cells()) ours.AddRow(cells);
      Emit(std::cout, o->out, ours, json);
      return kExitOk;
    }
    Emit(std::cout, o->out, ours, {});
    if (others.rows() > 0) {
      // Pairs without Belarus (Китай — Россия) are not the overview's partners: a section of their own.
      std::cout << "\n" << l.H("Другие пары (без Беларуси)", "Other pairs (without Belarus)") << "\n";
      Emit(std::cout, o->out, others, {});
    }
    return kExitOk;
  };
}

const Registrar kReg("parties",
                     "list Belarus's partners: latest turnover, target, gap, sources, last meeting; then other pairs",
                     Setup);

}  // namespace
}  // namespace oborot::cli
