// oborot conflicts: figures that disagree (same parties, status and year,
// values more than 2 % apart), each with its sources.
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

struct ConflictsOptionsCli {
  std::string db = "oborot.db";  // --db PATH
  OutputOptions out;  // --format, --json, --csv, --excel, --out, --limit (conflicts, not rows), --wide, --lang, --from/--to
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ConflictsOptionsCli>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  o->out.Register(app, 50);
  return [o]() -> int {
    auto rows_fn = [&](kb::Db& db) -> Result<std::vector<kb::ConflictRow>> {
      auto r = kb::Conflicts(db, o->out.from.empty() && o->out.to.empty() ? o->out.limit : 1000000);
      if (!r.ok() || (o->out.from.empty() && o->out.to.empty())) return r;
      std::vector<kb::ConflictRow> kept;
      for (auto& row : *r) {
        if (kept.size() < o->out.limit && !row.figures.empty() && InRange(row.figures.front(), o->out))
          kept.push_back(std::move(row));
      }
      return kept;
    };
    auto table = [](const std::vector<kb::ConflictRow>& rows, const Labels& l) {
      Table t({"#", l.H("пара", "pair"), l.H("что", "what"), l.H("год", "year"), l.H("цифра", "figure"),
               l.H("документ", "doc"), l.H("дата", "published"), l.H("кто сказал", "speaker"), l.H("цитата", "quote")});
      for (size_t c : {0u, 4u}) t.SetAlign(c, Align::kRight);
      size_t n = 0;
      for (const auto& r : rows) {
        ++n;
        for (const auto& f : r.figures) {
          const std::string what = f.type == "turnover"
                                       ? (f.status == "target" ? l.H("цель", "target") : l.H("оборот", "turnover"))
                                   : f.type == "turnover_change" ? l.H("изменение", "change")
                                                                 : l.H("доля", "share");
          for (const auto& s : f.evidence) {
            t.AddRow({std::to_string(n), l.Pair(f.party_a, f.party_b), what, kb::YearText(f, l.lang),
                      kb::FigureText(f, l.lang), s.doc, s.published, l.Person(s.speaker), QuoteAround(s.quote, f, 60)});
          }
        }
      }
      return t;
    };
    return RunListQuery(o->db, o->out, rows_fn, table,
                        [](const auto& rows, const NameOf& name) { return ConflictsSheet(rows, name); });
  };
}

const Registrar kReg("conflicts", "list disagreeing figures with their sources", Setup);

}  // namespace
}  // namespace oborot::cli
