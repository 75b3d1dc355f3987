#include "src/cli/ingest_sink.h"

#include <iostream>
#include <iterator>


namespace oborot::cli {

Ready PrepareInput(const Extractor& ex, Result<RawInput>& input, size_t max_doc_bytes) {
  Ready ready;
  if (!input.ok()) {
    ready.status = input.status();
    return ready;
  }
  ready.source = input->source;
  auto r = ex.Process(*input, {.max_doc_bytes = max_doc_bytes});
  if (!r.ok()) {
    ready.status = r.status();
    return ready;
  }
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
  ready.doc.input = kb::PackInput(*input);
  input->bytes = std::string();  // the document's bytes are no longer needed
  return ready;
}

IngestSink::IngestSink(kb::Store& store, Options options) : store_(store), options_(std::move(options)) {}
IngestSink::~IngestSink() {
  if (store_.in_transaction()) store_.Rollback();
}

bool IngestSink::Add(Ready& ready) {
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
