// oborot search TEXT: full-text search over the stored articles (stemmed, so
// «воронежской» finds «Воронежская»), with the facts found in each hit.
#include <iostream>

#include "src/cli/command.h"
#include "src/cli/sheets.h"
#include "src/cli/table.h"
#include "src/kb/format.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"

namespace oborot::cli {
namespace {

struct SearchOptionsCli {
  std::vector<std::string> words;  // the query; several words must all occur
  std::string db = "oborot.db";    // --db PATH
  OutputOptions out;  // --format, --json, --csv, --excel, --out, --limit (hits), --lang, --from/--to (publication date)
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<SearchOptionsCli>();
  app.add_option("text", o->words, "words to find (all must occur, in any grammatical form)")->required();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  o->out.Register(app, 20);
  return [o]() -> int {
    std::string text;
    for (const auto& w : o->words) text += (text.empty() ? "" : " ") + w;
    auto store = kb::Store::Open(o->db, {.read_only = true});
    if (!store.ok()) {
      std::cerr << "oborot: " << store.status().message() << "\n";
      return kExitSomeFailed;
    }
    auto hits = kb::Search((*store)->db(), text, o->out.limit);
    if (!hits.ok()) {
      std::cerr << "oborot: " << hits.status().message() << "\n";
      return hits.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitSomeFailed;
    }
    // A date range keeps the articles published in it (an undated one is outside any range).
    std::erase_if(*hits, [&](const kb::SearchHit& h) { return !DateInRange(h.published, o->out); });
    if (o->out.format() != OutputFormat::kTable) {
      Table t({"doc", "published", "title", "snippet", "facts"});
      std::vector<nlohmann::ordered_json> json;
      for (const auto& h : *hits) json.push_back(kb::ToJson(h));
      return EmitOutput(o->out, t, json, {SearchSheet(*hits)});
    }
    OutputTarget target;
    if (!target.Open(o->out.out)) return kExitUsage;
    std::ostream& out = target.stream();
    // Text: one block per hit, as a snippet does not fit a table cell.
    for (const auto& h : *hits) {
      out << OneLine(h.doc) << "  " << (h.published.empty() ? "—" : h.published) << "  " << OneLine(h.title) << "\n";
      out << "    " << OneLine(h.snippet) << "\n";
      for (const auto& f : h.facts) out << "    • " << OneLine(kb::FactSummary(f)) << "\n";
      out << "\n";
    }
    const bool ru = o->out.lang() == kb::Lang::kRu;
    out << (ru ? "найдено документов: " : "documents found: ") << hits->size() << "\n";
    return kExitOk;
  };
}

const Registrar kReg("search", "full-text search over stored articles, with their facts", Setup);

}  // namespace
}  // namespace oborot::cli
