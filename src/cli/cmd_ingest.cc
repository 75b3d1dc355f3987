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

struct Counts {
  size_t inserted = 0, replaced = 0, unchanged = 0, duplicate = 0, failed = 0, facts = 0;
};

// A document made ready on a worker: prepared, or why it failed, or nothing
// to store.
struct Ready {
  std::string source;
  Status status;             // not ok: the document failed (reported, counted)
  bool with_source = false;  // the message names `source` (the store's errors do not)
  bool empty = false;        // no lines: nothing to store
  std::vector<std::string> warnings;  // budgets hit, repairs: printed in input order
  kb::PreparedDocument doc;
};

Ready PrepareInputUnguarded(const Extractor& ex, Result<RawInput>& input, const DocumentOptions& o) {
  Ready ready;
  if (!input.ok()) {
    ready.status = input.status();
    return ready;
  }
  ready.source = input->source;
  auto r = ex.Process(*input, {.max_doc_bytes = o.max_doc_bytes, .explain = false, .budgets = o.budgets});
  std::optional<kb::StoredInput> stored;  // the raw input, kept for `oborot reextract`
  if (r.ok()) stored = kb::PackInput(*input);
  input->bytes = std::string();  // the document's bytes are no longer needed
  if (!r.ok()) {
    ready.status = r.status();
    return ready;
  }
  ready.warnings = std::move(r->doc.warnings);
  auto lines = ex.ToJsonLines(*r);
  if (lines.empty()) {
    ready.empty = true;
    return ready;
  }
  std::vector<std::string> facts(std::make_move_iterator(lines.begin() + 1), std::make_move_iterator(lines.end()));
  auto prepared = kb::PrepareDocument(lines[0], facts, std::move(r->doc.text));
  if (!prepared.ok()) {
    ready.status = prepared.status();
    ready.with_source = true;
    return ready;
  }
  ready.doc = std::move(*prepared);
  ready.doc.extractor = ex.Version();
  ready.doc.input = std::move(stored);
  return ready;
}

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
  auto prepared = kb::PrepareDocument(in->document_line, in->fact_lines, std::move(in->text));
  if (!prepared.ok()) {
    ready.status = prepared.status();
    ready.with_source = true;
    return ready;
  }
  ready.doc = std::move(*prepared);
  ready.doc.extractor = std::move(in->extractor);
  return ready;
}

// On a worker thread: whatever one document throws stays its own failure
// (RunOrdered's callables must not throw).
template <typename F>
Ready Guarded(const std::string& source, F&& prepare) {
  Ready ready;
  const Status st = GuardDocument(source, [&] {
    ready = prepare();
    return Status::Ok();
  });
  if (!st.ok()) {
    ready = Ready();
    ready.source = source;
    ready.status = st;
  }
  return ready;
}

Ready PrepareInput(const Extractor& ex, Result<RawInput>& input, const DocumentOptions& o) {
  return Guarded(input.ok() ? input->source : std::string(), [&] { return PrepareInputUnguarded(ex, input, o); });
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
  app.add_flag("--no-wait", o->no_wait,
               "when another process is writing to the database, fail at once (exit 1) instead of waiting for it "
               "to finish");
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
    kb::OpenOptions open;
    open.writer_wait_seconds = o->no_wait ? 0 : -1;
    open.on_wait = [](const std::string& message) {
      std::cerr << "oborot: " << message << " (--no-wait: give up at once instead)" << std::endl;
    };
    auto store = kb::Store::Open(o->db, open);
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
    Counts n;
    size_t in_batch = 0;
    Status fatal;  // a store error: the open batch is rolled back and the ingest stops
    const kb::PipelineOptions pipeline{.threads = o->threads, .window = 4 * std::max<size_t>(o->threads, 1) + 16};
    // The sink runs on this thread; it must not throw either: an exception
    // there (out of memory while storing) ends the ingest like a store error.
    auto store_one = [&](Ready& ready) -> bool {
          PrintWarnings(ready.warnings);
          if (!ready.status.ok()) {
            const Status named = ready.with_source
                                     ? Status(ready.status.code(), ready.source + ": " + ready.status.message())
                                     : ready.status;
            errors.Report(named, ready.source.empty() ? InputOf(named) : ready.source);
            ++n.failed;
            return true;
          }
          if (ready.empty) return true;
          if (!kb.in_transaction()) {
            if (fatal = kb.Begin(); !fatal.ok()) return false;
          }
          auto stored = kb.Apply(ready.doc);
          if (!stored.ok()) {
            fatal = stored.status();
            return false;
          }
          switch (stored->outcome) {
            case kb::IngestOutcome::kInserted:
              ++n.inserted;
              break;
            case kb::IngestOutcome::kReplaced:
              ++n.replaced;
              break;
            case kb::IngestOutcome::kUnchanged:
              ++n.unchanged;
              break;
            case kb::IngestOutcome::kDuplicate:
              ++n.duplicate;
              break;
          }
          n.facts += stored->facts;
          if (++in_batch >= o->batch_size) {
            if (fatal = kb.Commit(); !fatal.ok()) return false;
            in_batch = 0;
          }
          return true;
    };
    auto apply = [&](Ready& ready) {
      bool go_on = false;
      const Status thrown = GuardDocument(ready.source, [&] {
        go_on = store_one(ready);
        return Status::Ok();
      });
      if (!thrown.ok()) fatal = thrown;
      return go_on && thrown.ok();
    };
    if (o->facts) {
      ExtractedWalker walk(o->inputs);
      kb::RunOrdered(
          pipeline, [&] { return walk.Next(); }, [&](Result<kb::ExtractedDocument>& in) {
            return Guarded(in.ok() ? in->source : std::string(), [&] { return PrepareExtracted(in); });
          },
          apply);
    } else {
      InputWalker walk(o->inputs, o->doc.Inputs());
      kb::RunOrdered(
          pipeline, [&] { return walk.Next(); },
          [&](Result<RawInput>& input) { return PrepareInput(extractor, input, o->doc); }, apply);
    }
    if (fatal.ok() && kb.in_transaction()) fatal = kb.Commit();
    if (!fatal.ok()) {
      kb.Rollback();
      std::cerr << "oborot: " << fatal.message() << "\n";
      return kExitSomeFailed;
    }
    if (!o->doc.quiet || !o->doc.out.empty()) {
      std::ostream& s = o->doc.out.empty() ? std::cerr : summary.stream();
      s << "oborot: " << o->db << ": " << n.inserted << " new, " << n.replaced << " replaced, " << n.unchanged
        << " unchanged, " << n.duplicate << " duplicate documents; " << n.facts << " facts stored";
      if (n.failed) s << "; " << n.failed << " failed";
      s << "\n";
    }
    ReportStale(kb, extractor.Version());
    return n.failed ? kExitSomeFailed : kExitOk;
  };
}

const Registrar kReg("ingest", "extract documents and store them with their facts in the knowledge base", Setup);

}  // namespace
}  // namespace oborot::cli
