// oborot ingest INPUT...: extract documents and store them with their facts
// in the knowledge base (SQLite), one transaction per batch.
#include <iostream>

#include "oborot/extractor.h"
#include "src/cli/command.h"
#include "src/cli/inputs.h"
#include "src/kb/store.h"

namespace oborot::cli {
namespace {

struct IngestOptionsCli {
  std::vector<std::string> inputs;  // files, directories, "-"
  std::string db = "oborot.db";     // --db PATH
  size_t batch_size = 500;          // documents per transaction: a crash loses at most one batch
  size_t max_doc_bytes = 16u << 20;
  bool quiet = false;               // no summary line
};

struct Counts {
  size_t inserted = 0, replaced = 0, unchanged = 0, duplicate = 0, failed = 0, facts = 0;
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<IngestOptionsCli>();
  app.add_option("inputs", o->inputs, "files, directories (recursively) or - for standard input")->required();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  app.add_option("--batch-size", o->batch_size, "documents per transaction (default 500)")->check(CLI::PositiveNumber);
  app.add_option("--max-doc-bytes", o->max_doc_bytes, "refuse documents larger than this (default 16 MiB)");
  app.add_flag("--quiet,-q", o->quiet, "print no summary");
  return [o]() -> int {
    auto ex = Extractor::Create();
    if (!ex.ok()) {
      std::cerr << "oborot: " << ex.status().ToString() << "\n";
      return kExitSomeFailed;
    }
    auto store = kb::Store::Open(o->db, {});
    if (!store.ok()) {
      std::cerr << "oborot: " << store.status().ToString() << "\n";
      return kExitSomeFailed;
    }
    kb::Store& kb = **store;
    auto fail = [&](const Status& st) {
      kb.Rollback();
      std::cerr << "oborot: " << st.ToString() << "\n";
      return kExitSomeFailed;
    };
    Counts n;
    size_t in_batch = 0;
    InputWalker walk(o->inputs, {.max_doc_bytes = o->max_doc_bytes});
    while (auto next = walk.Next()) {
      if (!next->ok()) {
        std::cerr << "oborot: " << next->status().ToString() << "\n";
        ++n.failed;
        continue;
      }
      auto r = (*ex)->Process(**next, {.max_doc_bytes = o->max_doc_bytes});
      if (!r.ok()) {
        std::cerr << "oborot: " << r.status().ToString() << "\n";
        ++n.failed;
        continue;
      }
      const auto lines = (*ex)->ToJsonLines(*r);
      if (lines.empty()) continue;
      nlohmann::json doc_line = nlohmann::json::parse(lines[0]);
      std::vector<nlohmann::json> facts;
      facts.reserve(lines.size() - 1);
      for (size_t i = 1; i < lines.size(); ++i) facts.push_back(nlohmann::json::parse(lines[i]));
      if (!kb.in_transaction()) {
        if (Status st = kb.Begin(); !st.ok()) return fail(st);
      }
      auto stored = kb.IngestDocument(doc_line, facts, r->doc.text);
      if (!stored.ok()) {
        if (stored.status().code() != StatusCode::kInvalidInput) return fail(stored.status());
        std::cerr << "oborot: " << (*next)->source << ": " << stored.status().ToString() << "\n";
        ++n.failed;
        continue;
      }
      switch (stored->outcome) {
        case kb::IngestOutcome::kInserted: ++n.inserted; break;
        case kb::IngestOutcome::kReplaced: ++n.replaced; break;
        case kb::IngestOutcome::kUnchanged: ++n.unchanged; break;
        case kb::IngestOutcome::kDuplicate: ++n.duplicate; break;
      }
      n.facts += stored->facts;
      if (++in_batch >= o->batch_size) {
        if (Status st = kb.Commit(); !st.ok()) return fail(st);
        in_batch = 0;
      }
    }
    if (kb.in_transaction()) {
      if (Status st = kb.Commit(); !st.ok()) return fail(st);
    }
    if (!o->quiet) {
      std::cerr << "oborot: " << o->db << ": " << n.inserted << " new, " << n.replaced << " replaced, " << n.unchanged
                << " unchanged, " << n.duplicate << " duplicate documents; " << n.facts << " facts stored";
      if (n.failed) std::cerr << "; " << n.failed << " failed";
      std::cerr << "\n";
    }
    return n.failed ? kExitSomeFailed : kExitOk;
  };
}

const Registrar kReg("ingest", "extract documents and store them with their facts in the knowledge base", Setup);

}  // namespace
}  // namespace oborot::cli
