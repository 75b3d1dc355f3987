// oborot targets: every announced turnover target, who set it and when, the
// year it is for, and progress against the pair's latest actual figure.
#include <iostream>

#include "src/cli/command.h"
#include "src/cli/table.h"
#include "src/kb/format.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"

namespace oborot::cli {
namespace {

struct TargetsOptionsCli {
  std::string db = "oborot.db";  // --db PATH
  OutputOptions out;             // --json, --csv, --limit
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<TargetsOptionsCli>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  o->out.Register(app, 100);
  return [o]() -> int {
    auto store = kb::Store::Open(o->db, {.read_only = true});
    if (!store.ok()) {
      std::cerr << "oborot: " << store.status().ToString() << "\n";
      return kExitSomeFailed;
    }
    auto rows = kb::Targets((*store)->db(), o->out.limit);
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
    Table t({"parties", "target", "for", "announced by", "on", "sources", "latest actual", "of", "progress"});
    for (size_t c : {1u, 2u, 5u, 6u, 7u, 8u}) t.SetAlign(c, Align::kRight);
    for (const auto& r : *rows) {
      t.AddRow({kb::PairLabel(r.target.party_a, r.target.party_b), kb::FigureText(r.target), kb::YearText(r.target),
                r.target.speaker, r.target.announced, std::to_string(r.target.sources),
                r.actual ? kb::FigureText(*r.actual) : "", r.actual ? kb::YearText(*r.actual) : "",
                r.progress_percent ? kb::FormatPercent(*r.progress_percent) : ""});
    }
    std::cout << (o->out.format() == OutputFormat::kCsv ? t.Csv() : t.Text());
    return kExitOk;
  };
}

const Registrar kReg("targets", "list announced turnover targets with progress against the latest actual", Setup);

}  // namespace
}  // namespace oborot::cli
