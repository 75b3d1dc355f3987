// oborot export --format csv|jsonl: every merged fact with its sources, for
// spreadsheets (CSV: one row per fact and source) and notebooks (JSONL: one
// line per fact with an `evidence` list).
#include <fstream>
#include <iostream>

#include "src/cli/command.h"
#include "src/cli/table.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"

namespace oborot::cli {
namespace {

struct ExportOptionsCli {
  std::string db = "oborot.db";   // --db PATH
  std::string format = "jsonl";   // --format csv|jsonl
  std::string out;                // --out FILE, else standard output
};

std::string Num(const std::optional<double>& v) {
  if (!v) return {};
  nlohmann::json j = *v;
  if (*v == static_cast<double>(static_cast<int64_t>(*v))) j = static_cast<int64_t>(*v);
  return j.dump();
}

void CsvRow(std::ostream& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out << ',';
    out << CsvField(OneLine(cells[i]));
  }
  out << "\r\n";
}

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ExportOptionsCli>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  app.add_option("--format", o->format, "csv or jsonl (default jsonl)")->check(CLI::IsMember({"csv", "jsonl"}));
  app.add_option("--out,-o", o->out, "write to FILE instead of standard output");
  return [o]() -> int {
    auto store = kb::Store::Open(o->db, {.read_only = true});
    if (!store.ok()) {
      std::cerr << "oborot: " << store.status().message() << "\n";
      return kExitSomeFailed;
    }
    OutputTarget target;
    if (!target.Open(o->out)) return kExitUsage;
    std::ostream* out = &target.stream();
    const bool csv = o->format == "csv";
    if (csv) {
      CsvRow(*out, {"fact", "type", "party_a", "party_b", "status", "year", "period", "value", "currency", "qualifier",
                    "percent", "sectoral", "sector", "date", "place", "name", "country", "quantity", "unit",
                    "sources", "conflict", "doc", "published", "title", "url", "speaker", "quote", "start", "end"});
    }
    // `fact` numbers the merged facts in export order (not the database's
    // group ids, which follow the order documents were ingested in).
    int64_t fact = 0;
    Status st = kb::ExportFacts((*store)->db(), [&](const kb::Figure& f) {
      ++fact;
      if (!csv) {
        *out << kb::ToJson(f).dump() << '\n';
        return static_cast<bool>(*out);
      }
      for (const auto& s : f.evidence) {
        CsvRow(*out, {std::to_string(fact),
                      f.type,
                      f.party_a,
                      f.party_b,
                      f.status,
                      f.year ? std::to_string(*f.year) : "",
                      f.period,
                      Num(f.value),
                      f.currency,
                      f.qualifier,
                      Num(f.percent),
                      f.sectoral ? "true" : "false",
                      f.sector,
                      f.date,
                      f.place,
                      f.name,
                      f.country,
                      Num(f.quantity),
                      f.unit,
                      std::to_string(f.sources),
                      f.conflict ? "true" : "false",
                      s.doc,
                      s.published,
                      s.title,
                      s.url,
                      s.speaker,
                      s.quote,
                      s.start ? std::to_string(*s.start) : "",
                      s.end ? std::to_string(*s.end) : ""});
      }
      return static_cast<bool>(*out);
    });
    out->flush();
    if (!st.ok()) {
      std::cerr << "oborot: " << st.message() << "\n";
      return kExitSomeFailed;
    }
    if (!*out) {
      std::cerr << "oborot: " << (o->out.empty() ? "standard output" : o->out) << ": write failed\n";
      return kExitSomeFailed;
    }
    return kExitOk;
  };
}

const Registrar kReg("export", "export every fact with its sources as CSV or JSONL", Setup);

}  // namespace
}  // namespace oborot::cli
