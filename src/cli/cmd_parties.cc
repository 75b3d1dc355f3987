// oborot parties: one row per pair of partners with the latest actual
// turnover, the latest target, the gap between them, sources, last meeting.
#include <iostream>

#include "src/cli/command.h"
#include "src/cli/kb_list.h"
#include "src/cli/sheets.h"
#include "src/cli/table.h"
#include "src/kb/format.h"
#include "src/kb/names.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"

namespace oborot::cli {
namespace {

struct PartiesOptionsCli {
  std::string db = "oborot.db";  // --db PATH
  OutputOptions out;  // --format, --json, --csv, --excel, --out, --limit (per group), --wide, --lang, --from/--to
  double threshold = 10;  // --threshold PERCENT: official figures contradict beyond it
};

std::string Flow(const std::optional<kb::Figure>& f, kb::Lang lang) {
  if (!f || !f->value) return {};
  return kb::AmountText(*f, lang) + " " + kb::YearText(*f, lang);
}

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<PartiesOptionsCli>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  o->out.Register(app, 100);
  app.add_option("--threshold", o->threshold,
                 "mark an announced figure contradicted when official data differs by more than PERCENT (default 10)")
      ->check(CLI::NonNegativeNumber);
  return [o]() -> int {
    auto store = kb::Store::Open(o->db, {.read_only = true});
    if (!store.ok()) {
      std::cerr << "oborot: " << store.status().message() << "\n";
      return kExitSomeFailed;
    }
    auto rows = kb::Parties((*store)->db(), o->out.limit, {.threshold_percent = o->threshold});
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
    const OutputFormat format = o->out.format();
    if (format == OutputFormat::kCsv || format == OutputFormat::kXlsx) {
      // Data: one sheet, Belarus's pairs first, `belarus` telling the groups apart.
      return EmitSheets({PartiesSheet(*rows, LoadNameOf(o->out.lang()))}, o->out);
    }
    auto names = kb::PartyNames::Load();
    const Labels l{o->out.lang(), names.ok() ? &*names : nullptr};
    auto table = [&](bool belarus) {
      Table t({l.H("пара", "pair"), l.H("оборот", "turnover"), l.H("год", "year"), l.H("официально", "official"),
               l.H("к официальным", "vs official"), l.H("цель", "target"), l.H("к году", "by"),
               l.H("кто объявил", "announced by"), l.H("когда", "on"), l.H("до цели", "gap"),
               l.H("экспорт", "exports"), l.H("импорт", "imports"), l.H("сальдо", "balance"), l.H("статей", "docs"),
               l.H("последняя встреча", "last meeting")});
      for (size_t c : {1u, 3u, 4u, 5u, 9u, 10u, 11u, 12u, 13u}) t.SetAlign(c, Align::kRight);  // amounts and counts
      for (size_t c : {3u, 4u, 10u, 11u, 12u}) t.SetOptional(c);  // official figures, exports, imports, balance
      bool converted = false, contradicted = false, by_target_year = false, bounded = false, disputed = false, out_of_range = false;
      for (const auto& r : *rows) {
        if (r.belarus != belarus) continue;
        std::string meeting;
        if (r.last_meeting) {
          meeting = r.last_meeting->date;
          if (!r.last_meeting->place.empty()) meeting += " " + l.Person(r.last_meeting->place);
        }
        const auto& official = r.actual ? r.actual->official : std::nullopt;
        // A gap computed through the years' average rates is marked "*"; a blank one with a reason "?".
        // One computed from a bound («более 500 млн») is marked ≥, ≤ or ≈, never shown as exact.
        std::string gap = r.gap_percent ? std::string(kb::BoundSign(r.gap_bound)) +
                                              kb::FormatPercent(*r.gap_percent, false, l.lang) + (r.gap_converted ? "*" : "")
                                        : (r.gap_note.empty() ? "" : "?");
        bounded |= r.gap_percent && !r.gap_bound.empty();
        // Measured against the target year's own figure, not the latest shown: that year is said.
        if (r.gap_percent && r.gap_year && r.actual && r.actual->year != r.gap_year) {
          gap += " (" + std::to_string(*r.gap_year) + ")";
          by_target_year = true;
        }
        std::string balance;
        if (r.balance) {
          const std::string cur = r.exports->currency == r.imports->currency ? r.exports->currency : "USD";
          balance = kb::FormatMoney(*r.balance, cur, "", l.lang);
        }
        // A figure that other sources contradict (same pair, status, year) is marked: this row shows one of them.
        // A --from/--to range keeps a pair for any one of its figures, target or meeting in it; the
        // others shown are the pair's latest, which may lie outside the range: marked †, never passed off as in it.
        const bool ranged = !o->out.from.empty() || !o->out.to.empty();
        const auto figure = [&](const std::optional<kb::Figure>& f) {
          if (!f) return std::string();
          disputed |= f->conflict;
          const bool outside = ranged && !InRange(*f, o->out);
          out_of_range |= outside;
          return kb::FigureText(*f, l.lang) + (f->conflict ? " ≠" : "") + (outside ? " †" : "");
        };
        t.AddRow({l.Pair(r.party_a, r.party_b), figure(r.actual),
                  r.actual ? kb::YearText(*r.actual, l.lang) : "", official ? kb::OfficialText(*official, l.lang) : "",
                  official ? kb::DifferenceText(*official, l.lang) : "", figure(r.target),
                  r.target ? kb::YearText(*r.target) : "", r.target ? l.Person(r.target->speaker) : "",
                  r.target ? r.target->announced : "", gap, Flow(r.exports, l.lang), Flow(r.imports, l.lang), balance,
                  std::to_string(r.documents), meeting});
        converted |= r.gap_converted || (official && official->converted);
        contradicted |= official && official->contradicted;
        if (r.gap_basis == "target_passed" && r.target && r.target->year && r.actual && r.actual->year) {
          t.AddNote(l.H("? до цели ", "? gap of ") + l.Pair(r.party_a, r.party_b) + ": " +
                    kb::TargetPassedText(*r.target->year, *r.actual->year, l.lang));
        } else if (r.gap_basis == "actual_stale" && r.target && r.actual && kb::AsOfYear(*r.actual) &&
                   kb::YearOfDate(r.target->announced)) {
          t.AddNote(l.H("? до цели ", "? gap of ") + l.Pair(r.party_a, r.party_b) + ": " +
                    kb::ActualStaleText(*kb::AsOfYear(*r.actual), *kb::YearOfDate(r.target->announced), l.lang));
        } else if (!r.gap_note.empty()) {
          t.AddNote(l.H("? до цели ", "? gap of ") + l.Pair(r.party_a, r.party_b) + ": " + r.gap_note);
        }
      }
      if (out_of_range) {
        t.AddNote(l.H("† вне выбранного периода: это последняя известная цифра пары (за период — oborot show)",
                      "† outside the chosen range: the pair's latest known figure (for the range: oborot show)"));
      }
      if (disputed) {
        t.AddNote(l.H("≠ другие источники называют за тот же год другую цифру: oborot conflicts",
                      "≠ other sources give another figure for the same year: oborot conflicts"));
      }
      if (bounded) {
        t.AddNote(l.H("≥ ≤ ≈ до цели по приблизительной цифре («более», «около», «почти»)",
                      "≥ ≤ ≈ gap from an approximate figure (more than, about, almost)"));
      }
      if (by_target_year) {
        t.AddNote(l.H("(ГГГГ) до цели: по обороту года цели, а не по последнему",
                      "(YYYY) gap: against the turnover of the target's year, not the latest"));
      }
      AddComparisonNotes(t, l, converted, contradicted);
      return t;
    };
    Table ours = table(true), others = table(false);
    if (format != OutputFormat::kTable) {
      // Machines get one list; `belarus` tells the groups apart.
      std::vector<nlohmann::ordered_json> json;
      for (const auto& r : *rows) json.push_back(kb::ToJson(r));
      return EmitOutput(o->out, ours, json, {});
    }
    OutputTarget target;
    if (!target.Open(o->out.out)) return kExitUsage;
    Emit(target.stream(), o->out, ours, {});
    if (others.rows() > 0) {
      // Pairs without Belarus (Китай — Россия) are not the overview's partners: a section of their own.
      target.stream() << "\n" << l.H("Другие пары (без Беларуси)", "Other pairs (without Belarus)") << "\n";
      Emit(target.stream(), o->out, others, {});
    }
    return kExitOk;
  };
}

const Registrar kReg("parties",
                     "list Belarus's partners: latest turnover, target, gap, sources, last meeting; then other pairs",
                     Setup);

}  // namespace
}  // namespace oborot::cli
