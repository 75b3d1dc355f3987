// What `oborot ingest`, `oborot fetch --db` and `oborot reextract` share:
// preparing an input on a worker thread (extract, then kb::PrepareDocument,
// with the extractor's version and the raw input kept for re-extraction) and
// writing prepared documents on the store's thread in batches, one
// transaction each.
//
//   IngestSink sink(store, {.batch_size = 5000});
//   kb::RunOrdered(opts, next, [&](Result<RawInput>& in) { return PrepareInput(ex, in, max); },
//                  [&](Ready& r) { return sink.Add(r); });
//   Status st = sink.Finish();   // commits the last batch; on error the open batch is rolled back
//
// A document that fails is reported (OnFailure) and counted, and the batch goes
// on; a store error (disk full) rolls the open batch back and stops the run.
#pragma once

#include <functional>
#include <string>

#include "oborot/extractor.h"
#include "src/cli/doc_options.h"
#include "src/kb/prepare.h"
#include "src/kb/store.h"

namespace oborot::cli {

// A document made ready on a worker: prepared, or why it failed, or nothing
// to store.
struct Ready {
  std::string source;
  Status status;             // not ok: the document failed (reported, counted)
  bool with_source = false;  // the message names `source` (the store's errors do not)
  bool empty = false;        // no lines: nothing to store
  std::vector<std::string> warnings;  // budgets hit, repairs: printed by IngestSink::Add in input order
  kb::PreparedDocument doc;
  std::string tag;           // the caller's: passed back to AfterApply (fetch: the URL)
};

// Extracts and prepares one input within the budgets of `options`; any
// thread. Keeps the extractor's version and the raw input (compressed) in
// the prepared document. Never throws: whatever the document's processing
// throws becomes its failure (GuardDocument), so a worker of RunOrdered
// never ends the run.
Ready PrepareInput(const Extractor& ex, Result<RawInput>& input, const DocumentOptions& options);

// Runs prepare() (returning Ready) so that whatever it throws becomes the
// document's failure, naming `source` (GuardDocument): for a worker of
// RunOrdered, which must not throw.
template <typename F>
Ready GuardReady(const std::string& source, F&& prepare) {
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

// Store options of a command that writes (fetch --db, reextract): when
// another process is writing the database, wait for it with a message on
// standard error naming the file, or with no_wait fail at once.
kb::OpenOptions WriterOpenOptions(bool no_wait);
// Adds --no-wait (see WriterOpenOptions).
void AddNoWaitFlag(CLI::App& app, bool& no_wait);

struct IngestCounts {
  size_t inserted = 0, replaced = 0, unchanged = 0, duplicate = 0, failed = 0, facts = 0;
};

class IngestSink {
 public:
  struct Options {
    size_t batch_size = 5000;
    // A failed document: print it (default: "oborot: MESSAGE" on stderr).
    std::function<void(const Ready&)> on_failure = nullptr;
    // Inside the transaction, after a document was stored: the caller's own
    // rows for it (fetch records the URL), committed with the document.
    std::function<Status(const Ready&, const kb::IngestResult&)> after_apply = nullptr;
    // Inside the transaction, before each commit (reextract records its progress).
    std::function<Status()> before_commit = nullptr;
  };
  IngestSink(kb::Store& store, Options options);
  ~IngestSink();

  // Stores one document; false on a store error (the run must stop; Finish()
  // returns the error).
  bool Add(Ready& ready);
  // Commits what is open. Returns the first store error, if any, after
  // rolling the open batch back.
  Status Finish();
  const IngestCounts& counts() const { return counts_; }
  // "N new, N replaced, N unchanged, N duplicate documents; N facts stored"
  std::string Summary() const;

 private:
  Status Commit();
  bool AddUnguarded(Ready& ready);
  kb::Store& store_;
  Options options_;
  IngestCounts counts_;
  size_t in_batch_ = 0;
  Status fatal_;
};

}  // namespace oborot::cli
