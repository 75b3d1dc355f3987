// oborot ingest INPUT...: extract documents and store them with their facts
// in the knowledge base (SQLite), one transaction per batch.
//
// Worker threads (--threads) read, extract and prepare documents (parse the
// fact lines, hash, key and stem: kb::PrepareDocument); this thread writes
// them to the store in input order (kb::Store::Apply), so the database and
// the messages are the same whatever the number of threads.
#include <iostream>
#include <iterator>
#include <thread>

#include "oborot/extractor.h"
#include "src/cli/command.h"
#include "src/cli/ingest_sink.h"
#include "src/cli/inputs.h"
#include "src/kb/pipeline.h"
#include "src/kb/store.h"

namespace oborot::cli {
namespace {

struct IngestOptionsCli {
  std::vector<std::string> inputs;  // files, directories, "-"
  std::string db = "oborot.db";     // --db PATH
  size_t batch_size = 5000;         // documents per transaction: a crash loses at most one batch
  size_t max_doc_bytes = 16u << 20;
  size_t threads = std::max(1u, std::thread::hardware_concurrency());
  bool quiet = false;  // no summary line
  std::string published;  // --published YYYY-MM-DD for a single input
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<IngestOptionsCli>();
  app.add_option("inputs", o->inputs, "files, directories (recursively) or - for standard input")->required();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  app.add_option("--batch-size", o->batch_size, "documents per transaction (default 5000)")->check(CLI::PositiveNumber);
  app.add_option("--max-doc-bytes", o->max_doc_bytes, "refuse documents larger than this (default 16 MiB)");
  app.add_option("--threads,-j", o->threads,
                 "threads that extract and prepare documents while this one stores them (default: one per core; "
                 "0: do everything on one thread)");
  app.add_flag("--quiet,-q", o->quiet, "print no summary");
  app.add_option("--published", o->published,
                 "YYYY-MM-DD: the publication date of a single input (a file or -), over what its text says");
  return [o]() -> int {
    if (auto e = CheckPublished(o->published, o->inputs); !e.empty()) {
      std::cerr << "oborot: " << e << "\n";
      return kExitUsage;
    }
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
    const Extractor& extractor = **ex;
    IngestSink sink(kb, {.batch_size = o->batch_size});
    InputWalker walk(o->inputs, {.max_doc_bytes = o->max_doc_bytes, .published = o->published});
    kb::RunOrdered(
        {.threads = o->threads, .window = 4 * std::max<size_t>(o->threads, 1) + 16}, [&] { return walk.Next(); },
        [&](Result<RawInput>& input) { return PrepareInput(extractor, input, o->max_doc_bytes); },
        [&](Ready& ready) { return sink.Add(ready); });
    if (Status fatal = sink.Finish(); !fatal.ok()) {
      std::cerr << "oborot: " << fatal.ToString() << "\n";
      return kExitSomeFailed;
    }
    if (!o->quiet) std::cerr << "oborot: " << o->db << ": " << sink.Summary() << "\n";
    ReportStale(kb, extractor.Version());
    const IngestCounts& n = sink.counts();
    return n.failed ? kExitSomeFailed : kExitOk;
  };
}

const Registrar kReg("ingest", "extract documents and store them with their facts in the knowledge base", Setup);

}  // namespace
}  // namespace oborot::cli
