// oborot targets: every announced turnover target, who set it and when, the
// year it is for, and progress against the actual of the target's year when
// that year is past, else against the pair's latest actual figure.
#include <iostream>

#include "src/cli/command.h"
#include "src/cli/kb_list.h"
#include "src/cli/sheets.h"
#include "src/cli/table.h"
#include "src/kb/format.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"

namespace oborot::cli {
namespace {

struct TargetsOptionsCli {
  std::string db = "oborot.db";  // --db PATH
  OutputOptions out;             // --format, --json, --csv, --excel, --out, --limit, --wide, --lang, --from/--to
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<TargetsOptionsCli>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  o->out.Register(app, 100);
  return [o]() -> int {
    auto rows_fn = [&](kb::Db& db) -> Result<std::vector<kb::TargetRow>> {
      auto r = kb::Targets(db, o->out.from.empty() && o->out.to.empty() ? o->out.limit : 1000000);
      if (!r.ok() || (o->out.from.empty() && o->out.to.empty())) return r;
      std::vector<kb::TargetRow> kept;
      for (auto& row : *r) {
        if (kept.size() < o->out.limit && InRange(row.target, o->out)) kept.push_back(std::move(row));
      }
      return kept;
    };
    auto table = [](const std::vector<kb::TargetRow>& rows, const Labels& l) {
      Table t({l.H("пара", "pair"), l.H("цель", "target"), l.H("к году", "by"), l.H("кто", "who"), l.H("когда", "on"),
               l.H("источников", "sources"), l.H("факт", "actual"), l.H("за год", "of"),
               l.H("выполнено", "progress")});
      for (size_t c : {1u, 5u, 6u, 8u}) t.SetAlign(c, Align::kRight);
      bool converted = false, bounded = false;
      for (const auto& r : rows) {
        std::string who = r.target.forecast
                              ? l.H("прогноз", "forecast") +
                                    (r.target.forecast_by.empty() ? "" : ": " + l.Person(r.target.forecast_by))
                              : l.Person(r.target.speaker);
        // Progress computed through the years' average rates is marked "*"; a blank one with a reason "?".
        // One computed from a bound («более 500 млн») is marked ≥, ≤ or ≈, never shown as exact.
        std::string progress = r.progress_percent ? std::string(kb::BoundSign(r.progress_bound)) +
                                                        kb::FormatPercent(*r.progress_percent, false, l.lang) +
                                                        (r.progress_converted ? "*" : "")
                                                  : (r.progress_note.empty() ? "" : "?");
        bounded |= r.progress_percent && !r.progress_bound.empty();
        t.AddRow({l.Pair(r.target.party_a, r.target.party_b), kb::FigureText(r.target, l.lang), kb::YearText(r.target),
                  who, r.target.announced, std::to_string(r.target.sources),
                  r.actual ? kb::FigureText(*r.actual, l.lang) : "", r.actual ? kb::YearText(*r.actual, l.lang) : "",
                  progress});
        if (r.progress_basis == "target_passed" && r.target.year && r.actual && r.actual->year) {
          t.AddNote(l.H("? выполнение ", "? progress of ") + l.Pair(r.target.party_a, r.target.party_b) + ": " +
                    kb::TargetPassedText(*r.target.year, *r.actual->year, l.lang));
        } else if (r.progress_basis == "actual_stale" && r.actual && kb::AsOfYear(*r.actual) &&
                   kb::YearOfDate(r.target.announced)) {
          t.AddNote(l.H("? выполнение ", "? progress of ") + l.Pair(r.target.party_a, r.target.party_b) + ": " +
                    kb::ActualStaleText(*kb::AsOfYear(*r.actual), *kb::YearOfDate(r.target.announced), l.lang));
        } else if (!r.progress_note.empty()) {
          t.AddNote(l.H("? выполнение ", "? progress of ") + l.Pair(r.target.party_a, r.target.party_b) + ": " +
                    r.progress_note);
        }
        converted |= r.progress_converted;
      }
      if (bounded) {
        t.AddNote(l.H("≥ ≤ ≈ выполнение по приблизительной цифре («более», «около», «почти»)",
                      "≥ ≤ ≈ progress from an approximate figure (more than, about, almost)"));
      }
      AddComparisonNotes(t, l, converted, /*contradicted=*/false);
      return t;
    };
    return RunListQuery(o->db, o->out, rows_fn, table,
                        [](const auto& rows, const NameOf& name) { return TargetsSheet(rows, name); });
  };
}

const Registrar kReg("targets", "list announced turnover targets with progress against the actual of their year, else the latest", Setup);

}  // namespace
}  // namespace oborot::cli
