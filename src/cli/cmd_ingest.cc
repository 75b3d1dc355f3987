// oborot ingest INPUT...: extract documents and store them with their facts
// in the knowledge base (SQLite), one transaction per batch.
//
// Worker threads (--threads) read, extract and prepare documents (parse the
// fact lines, hash, key and stem: kb::PrepareDocument); this thread writes
// them to the store in input order (kb::Store::Apply), so the database and
// the messages are the same whatever the number of threads.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <thread>

#include "oborot/extractor.h"
#include "src/cli/command.h"
#include "src/cli/doc_options.h"
#include "src/cli/ingest_sink.h"
#include "src/cli/stale.h"
#include "src/cli/inputs.h"
#include "src/kb/extracted.h"
#include "src/kb/pipeline.h"
#include "src/kb/raw_input.h"
#include "src/kb/store.h"

namespace oborot::cli {
namespace {

struct IngestOptionsCli {
  std::vector<std::string> inputs;  // files, directories, "-"
  std::string db = "oborot.db";     // --db PATH
  size_t batch_size = 5000;         // documents per transaction: a crash loses at most one batch
  size_t threads = std::max(1u, std::thread::hardware_concurrency());
  // --out (the summary), --errors, --quiet (no summary), --max-doc-bytes and the other budgets, --published
  DocumentOptions doc;
  bool facts = false;    // --facts: the inputs are `oborot extract --with-text` output
  bool no_wait = false;  // another process writing the database: fail at once instead of waiting
};

// --facts: the documents of `oborot extract --with-text` output, file after
// file (a directory: its .jsonl files, recursively, in name order; "-":
// standard input). An input that cannot be opened is one error, and the
// walk goes on.
class ExtractedWalker {
 public:
  explicit ExtractedWalker(std::vector<std::string> inputs) {
    for (auto& in : inputs) {
      std::error_code ec;
      if (in != "-" && std::filesystem::is_directory(in, ec)) {
        std::vector<std::string> files;
        for (auto it = std::filesystem::recursive_directory_iterator(in, ec);
             !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
          if (it->is_regular_file(ec) && it->path().extension() == ".jsonl") files.push_back(it->path().string());
        }
        std::sort(files.begin(), files.end());
        paths_.insert(paths_.end(), files.begin(), files.end());
      } else {
        paths_.push_back(std::move(in));
      }
    }
  }
  std::optional<Result<kb::ExtractedDocument>> Next() {
    for (;;) {
      if (reader_) {
        if (auto d = reader_->Next()) return d;
        reader_.reset();
        file_.close();
      }
      if (next_ == paths_.size()) return std::nullopt;
      const std::string& path = paths_[next_++];
      std::istream* in = &std::cin;
      if (path != "-") {
        file_.open(path, std::ios::binary);
        if (!file_) {
          return Result<kb::ExtractedDocument>(Status(StatusCode::kNotFound, path + ": cannot open for reading"));
        }
        in = &file_;
      }
      reader_.emplace(*in, path == "-" ? "<stdin>" : path);
    }
  }

 private:
  std::vector<std::string> paths_;
  size_t next_ = 0;
  std::ifstream file_;
  std::optional<kb::ExtractedReader> reader_;
};

// --facts: a document extracted elsewhere, prepared as PrepareInput would
// have prepared it here (no raw input is kept: `oborot reextract` skips it).
Ready PrepareExtracted(Result<kb::ExtractedDocument>& in) {
  Ready ready;
  if (!in.ok()) {
    ready.status = in.status();
    return ready;
  }
  ready.source = in->source;
  auto prepared =
      kb::PrepareDocument(in->document_line, in->fact_lines, std::move(in->text), kb::EvidenceCheck::kQuotes);
  if (!prepared.ok()) {
    ready.status = prepared.status();
    ready.with_source = true;
    return ready;
  }
  ready.doc = std::move(*prepared);
  ready.doc.extractor = std::move(in->extractor);
  return ready;
}

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<IngestOptionsCli>();
  app.add_option("inputs", o->inputs, "files, directories (recursively) or - for standard input")->required();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  app.add_option("--batch-size", o->batch_size, "documents per transaction (default 5000)")->check(CLI::PositiveNumber);
  app.add_option("--threads,-j", o->threads,
                 "threads that extract and prepare documents while this one stores them (default: one per core; "
                 "0: do everything on one thread)")
      ->check(WholeNumber())
      ->check(CLI::Range(0, 256));
  o->doc.Register(app, "write the summary line to FILE instead of standard error");
  app.add_flag("--facts", o->facts,
               "the inputs are JSONL written by `oborot extract --with-text` (on this or other machines): store "
               "those documents and facts without extracting again");
  AddNoWaitFlag(app, o->no_wait);
  return [o]() -> int {
    if (o->facts && !o->doc.published.empty()) {
      std::cerr << "oborot: --published does not apply to --facts inputs (their dates are extracted)\n";
      return kExitUsage;
    }
    if (!o->doc.CheckPublished(o->inputs)) return kExitUsage;
    auto ex = Extractor::Create();
    if (!ex.ok()) {
      std::cerr << "oborot: " << ex.status().message() << "\n";
      return kExitSomeFailed;
    }
    auto store = kb::Store::Open(o->db, WriterOpenOptions(o->no_wait));
    if (!store.ok()) {
      std::cerr << "oborot: " << store.status().message() << "\n";
      return kExitSomeFailed;
    }
    kb::Store& kb = **store;
    ErrorSink errors;
    if (!errors.Open(o->doc.errors)) return kExitUsage;
    OutputTarget summary;
    if (!o->doc.out.empty() && !summary.Open(o->doc.out)) return kExitUsage;
    const Extractor& extractor = **ex;
    IngestSink sink(kb, {.batch_size = o->batch_size,
                         .on_failure =
                             [&](const Ready& ready) {
                               const Status named =
                                   ready.with_source
                                       ? Status(ready.status.code(), ready.source + ": " + ready.status.message())
                                       : ready.status;
                               errors.Report(named, ready.source.empty() ? InputOf(named) : ready.source);
                             },
                         .after_apply = nullptr,
                         .before_commit = nullptr});
    const kb::PipelineOptions pipeline{.threads = o->threads, .window = 4 * std::max<size_t>(o->threads, 1) + 16};
    auto apply = [&](Ready& ready) { return sink.Add(ready); };
    if (o->facts) {
      ExtractedWalker walk(o->inputs);
      kb::RunOrdered(
          pipeline, [&] { return walk.Next(); },
          [&](Result<kb::ExtractedDocument>& in) {
            return GuardReady(in.ok() ? in->source : std::string(), [&] { return PrepareExtracted(in); });
          },
          apply);
    } else {
      InputWalker walk(o->inputs, o->doc.Inputs());
      kb::RunOrdered(
          pipeline, [&] { return walk.Next(); },
          [&](Result<RawInput>& input) { return PrepareInput(extractor, input, o->doc); }, apply);
    }
    if (Status fatal = sink.Finish(); !fatal.ok()) {
      std::cerr << "oborot: " << fatal.message() << "\n";
      return kExitSomeFailed;
    }
    if (!o->doc.quiet || !o->doc.out.empty()) {
      std::ostream& s = o->doc.out.empty() ? std::cerr : summary.stream();
      s << "oborot: " << o->db << ": " << sink.Summary() << "\n";
    }
    ReportStale(kb, extractor.Version());
    return sink.counts().failed ? kExitSomeFailed : kExitOk;
  };
}

const Registrar kReg("ingest", "extract documents and store them with their facts in the knowledge base", Setup);

}  // namespace
}  // namespace oborot::cli
