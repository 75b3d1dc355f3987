#include "src/cli/ingest_sink.h"

#include <iostream>
#include <iterator>


namespace oborot::cli {

namespace {

Ready PrepareInputUnguarded(const Extractor& ex, Result<RawInput>& input, const DocumentOptions& o) {
  Ready ready;
  if (!input.ok()) {
    ready.status = input.status();
    return ready;
  }
  ready.source = input->source;
  // The input is stored compressed (for reextract): packed first, so that
  // the extractor frees its bytes once decoded instead of the document
  // loop holding them while the document is read.
  // (An input over the size limit is refused by Process: not compressed.)
  kb::StoredInput packed = input->bytes.size() <= o.max_doc_bytes ? kb::PackInput(*input) : kb::StoredInput{};
  auto r = ex.Process(std::move(*input), {.max_doc_bytes = o.max_doc_bytes,
                                          .explain = false,
                                          .budgets = o.budgets,
                                          .evidence_text = false,  // the JSONL lines read the text
                                          .pack_facts = true});       // a large document's, read back by ToJsonLines
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
  ready.doc.input = std::move(packed);
  return ready;
}

}  // namespace

Ready PrepareInput(const Extractor& ex, Result<RawInput>& input, const DocumentOptions& options) {
  return GuardReady(input.ok() ? input->source : std::string(),
                    [&] { return PrepareInputUnguarded(ex, input, options); });
}

kb::OpenOptions WriterOpenOptions(bool no_wait) {
  kb::OpenOptions open;
  open.writer_wait_seconds = no_wait ? 0 : -1;
  open.on_wait = [](const std::string& message) {
    std::cerr << "oborot: " << message << " (--no-wait: give up at once instead)" << std::endl;
  };
  return open;
}

void AddNoWaitFlag(CLI::App& app, bool& no_wait) {
  app.add_flag("--no-wait", no_wait,
               "when another process is writing to the database, fail at once (exit 1) instead of waiting for it "
               "to finish");
}

IngestSink::IngestSink(kb::Store& store, Options options) : store_(store), options_(std::move(options)) {}
IngestSink::~IngestSink() {
  if (store_.in_transaction()) store_.Rollback();
}

bool IngestSink::Add(Ready& ready) {
  // The sink runs on the store's thread inside RunOrdered, and must not
  // throw either: an exception there (out of memory while storing) ends the
  // run like a store error.
  bool go_on = false;
  const Status thrown = GuardDocument(ready.source, [&] {
    go_on = AddUnguarded(ready);
    return Status::Ok();
  });
  if (!thrown.ok()) fatal_ = thrown;
  return go_on && thrown.ok();
}

bool IngestSink::AddUnguarded(Ready& ready) {
  PrintWarnings(ready.warnings);
  if (!ready.status.ok()) {
    if (options_.on_failure) {
      options_.on_failure(ready);
    } else {
      std::cerr << "oborot: " << (ready.with_source ? ready.source + ": " : "") << ready.status.message() << "\n";
    }
    ++counts_.failed;
    return true;
  }
  if (ready.empty) return true;
  if (!store_.in_transaction()) {
    if (fatal_ = store_.Begin(); !fatal_.ok()) return false;
  }
  auto stored = store_.Apply(ready.doc);
  if (!stored.ok()) {
    fatal_ = stored.status();
    return false;
  }
  if (options_.after_apply) {
    if (fatal_ = options_.after_apply(ready, *stored); !fatal_.ok()) return false;
  }
  switch (stored->outcome) {
    case kb::IngestOutcome::kInserted:
      ++counts_.inserted;
      break;
    case kb::IngestOutcome::kReplaced:
      ++counts_.replaced;
      break;
    case kb::IngestOutcome::kUnchanged:
      ++counts_.unchanged;
      break;
    case kb::IngestOutcome::kDuplicate:
      ++counts_.duplicate;
      break;
  }
  counts_.facts += stored->facts;
  if (++in_batch_ >= options_.batch_size) {
    if (fatal_ = Commit(); !fatal_.ok()) return false;
  }
  return true;
}

Status IngestSink::Commit() {
  in_batch_ = 0;
  if (options_.before_commit) {
    if (Status st = options_.before_commit(); !st.ok()) return st;
  }
  return store_.Commit();
}

Status IngestSink::Finish() {
  if (fatal_.ok() && store_.in_transaction()) fatal_ = Commit();
  if (!fatal_.ok()) store_.Rollback();
  return fatal_;
}

std::string IngestSink::Summary() const {
  const IngestCounts& n = counts_;
  std::string s = std::to_string(n.inserted) + " new, " + std::to_string(n.replaced) + " replaced, " +
                  std::to_string(n.unchanged) + " unchanged, " + std::to_string(n.duplicate) +
                  " duplicate documents; " + std::to_string(n.facts) + " facts stored";
  if (n.failed) s += "; " + std::to_string(n.failed) + " failed";
  return s;
}

}  // namespace oborot::cli
