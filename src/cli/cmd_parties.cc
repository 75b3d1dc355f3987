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
  OutputOptions out;             // --format, --json, --csv, --excel, --out, --limit
  double threshold = 10;         // --threshold PERCENT: official figures contradict beyond it
};

std::string Flow(const std::optional<kb::Figure>& f) {
  if (!f || !f->value) return {};
  return kb::FormatFigure(*f->value, f->currency, f->qualifier) + " " + kb::YearText(*f);
}

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<PartiesOptionsCli>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  o->out.Register(app, 100);
  app.add_option("--threshold", o->threshold,
                 "mark an announced figure contradicted when official data differs by more than PERCENT (default 10)")
      ->check(CLI::NonNegativeNumber);
  return [o]() -> int {
    return RunListQuery(
        o->db, o->out,
        [&](kb::Db& db) { return kb::Parties(db, o->out.limit, {.threshold_percent = o->threshold}); },
        [](const auto& rows) {
          Table t({"parties", "actual", "year", "official", "vs official", "target", "for", "announced by", "on",
                   "gap", "exports", "imports", "balance", "docs", "last meeting"});
          for (size_t c : {1u, 2u, 3u, 4u, 5u, 6u, 9u, 10u, 11u, 12u, 13u}) t.SetAlign(c, Align::kRight);
          bool converted = false, contradicted = false;
          for (const auto& r : rows) {
            std::string meeting;
            if (r.last_meeting) {
              meeting = r.last_meeting->date;
              if (!r.last_meeting->place.empty()) meeting += " " + r.last_meeting->place;
            }
            const auto& official = r.actual ? r.actual->official : std::nullopt;
            std::string gap = r.gap_percent ? kb::FormatPercent(*r.gap_percent) + (r.gap_converted ? "*" : "") : "";
            if (!r.gap_percent && !r.gap_note.empty()) gap = "?";
            std::string balance;
            if (r.balance) {
              const std::string cur = r.exports->currency == r.imports->currency ? r.exports->currency : "USD";
              balance = kb::FormatMoney(*r.balance, cur);
            }
            t.AddRow({kb::PairLabel(r.party_a, r.party_b), r.actual ? kb::FigureText(*r.actual) : "",
                      r.actual ? kb::YearText(*r.actual) : "", official ? kb::OfficialText(*official) : "",
                      official ? kb::DifferenceText(*official) : "", r.target ? kb::FigureText(*r.target) : "",
                      r.target ? kb::YearText(*r.target) : "", r.target ? r.target->speaker : "",
                      r.target ? r.target->announced : "", gap, Flow(r.exports), Flow(r.imports), balance, std::to_string(r.documents), meeting});
            converted |= r.gap_converted || (official && official->converted);
            contradicted |= official && official->contradicted;
            if (!r.gap_note.empty()) t.AddNote("? gap of " + kb::PairLabel(r.party_a, r.party_b) + ": " + r.gap_note);
          }
          if (converted) t.AddNote("* compared in US dollars at the year's average rate (oborot import-rates)");
          if (contradicted) t.AddNote("✗ official statistics contradict the announced figure beyond the threshold");
          return t;
        },
        [](const auto& rows) { return PartiesSheet(rows, LoadNameOf()); });
  };
}

const Registrar kReg("parties", "list partners: latest turnover, target, gap, sources, last meeting", Setup);

}  // namespace
}  // namespace oborot::cli
