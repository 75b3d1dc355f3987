// oborot reextract --db PATH [--all]: derives the facts of stored documents
// again from their stored inputs (src/kb/raw_input.h) with this oborot's
// extractor: the documents another version extracted (stale), or all.
//
// Documents are read in batches by row id; workers (one per core) decompress
// and extract them while this thread writes each batch as one transaction,
// each document's facts replaced whole (kb::Store::Apply). A document whose
// facts did not change keeps them and is only marked current. Killed at any
// point, the database holds whole batches; a rerun goes on where it stopped:
// stale documents are still stale, and --all keeps its progress in kb_state
// (in the same transaction as each batch).
#include <iostream>
#include <limits>
#include <thread>

#include "oborot/extractor.h"
#include "src/cli/command.h"
#include "src/cli/ingest_sink.h"
#include "src/cli/stale.h"
#include "src/cli/progress.h"
#include "src/kb/pipeline.h"
#include "src/kb/raw_input.h"
#include "src/kb/reextract.h"
#include "src/kb/store.h"

namespace oborot::cli {
namespace {

constexpr const char* kAllUpto = "reextract.all.upto";    // --all: the last row id to do
constexpr const char* kAllAfter = "reextract.all.after";  // --all: the row ids done so far

struct ReextractOptionsCli {
  std::string db = "oborot.db";
  bool all = false;          // every document, not only the stale ones
  size_t batch_size = 500;   // documents per transaction
  size_t threads = std::max(1u, std::thread::hardware_concurrency());
  DocumentOptions doc;            // --max-doc-bytes and the other budgets
  bool quiet = false;
  bool no_wait = false;      // another process writing the database: fail at once instead of waiting
};

Result<int64_t> ParseRow(const std::optional<std::string>& v) {
  if (!v) return int64_t{0};
  try {
    return static_cast<int64_t>(std::stoll(*v));
  } catch (const std::exception&) {
    return Status(StatusCode::kCorrupt, "kb_state: not a row id: " + *v);
  }
}

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ReextractOptionsCli>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db)")->envname("OBOROT_DB");
  app.add_flag("--all", o->all, "re-extract every document, not only those another version extracted");
  app.add_option("--batch-size", o->batch_size, "documents per transaction (default 500)")->check(CLI::PositiveNumber);
  app.add_option("--threads,-j", o->threads, "extracting threads (default: one per core; 0: all on this thread)")
      ->check(WholeNumber())
      ->check(CLI::Range(0, 256));
  AddDocumentOptions(app, o->doc);
  app.add_flag("--quiet,-q", o->quiet, "no progress line and no summary");
  AddNoWaitFlag(app, o->no_wait);
  return [o]() -> int {
    auto ex = Extractor::Create();
    if (!ex.ok()) {
      std::cerr << "oborot: " << ex.status().message() << "\n";
      return kExitSomeFailed;
    }
    const Extractor& extractor = **ex;
    auto store = kb::Store::Open(o->db, WriterOpenOptions(o->no_wait));
    if (!store.ok()) {
      std::cerr << "oborot: " << store.status().message() << "\n";
      return kExitSomeFailed;
    }
    kb::Store& kb = **store;
    kb::Db& db = kb.db();
    auto fail = [&](const Status& st) {
      kb.Rollback();
      std::cerr << "oborot: " << st.message() << "\n";
      return kExitSomeFailed;
    };

    // --all: the run's extent and progress are kept in kb_state, so that a
    // killed run resumes rather than starting over.
    kb::StaleQuery q{.after = 0, .upto = std::nullopt, .limit = o->batch_size};
    auto upto = kb::GetState(db, kAllUpto);
    if (!upto.ok()) return fail(upto.status());
    if (*upto) {
      auto u = ParseRow(*upto);
      auto after = kb::GetState(db, kAllAfter);
      if (!u.ok()) return fail(u.status());
      if (!after.ok()) return fail(after.status());
      auto a = ParseRow(*after);
      if (!a.ok()) return fail(a.status());
      q.upto = *u;
      q.after = *a;
      if (!o->quiet) std::cerr << "oborot: " << o->db << ": resuming an interrupted `reextract --all`\n";
    } else if (o->all) {
      auto max_row = kb::QueryInt(db, "SELECT coalesce(max(document_id), 0) FROM document_inputs");
      if (!max_row.ok()) return fail(max_row.status());
      if (Status st = kb.Begin(); !st.ok()) return fail(st);
      Status st = kb::SetState(db, kAllUpto, std::to_string(*max_row));
      if (st.ok()) st = kb::SetState(db, kAllAfter, "0");
      if (st.ok()) st = kb.Commit();
      if (!st.ok()) return fail(st);
      q.upto = *max_row;
    }
    auto remaining = kb::CountRemaining(db, extractor.Version(), q);
    if (!remaining.ok()) return fail(remaining.status());

    int64_t batch_end = q.after;  // the last row id of the batch being written
    IngestSink sink(kb, {.batch_size = std::numeric_limits<size_t>::max(),
                         .on_failure = nullptr,
                         .after_apply = nullptr,
                         .before_commit = [&]() -> Status {
                           if (!q.upto) return Status::Ok();
                           return kb::SetState(db, kAllAfter, std::to_string(batch_end));
                         }});
    Progress progress(o->quiet);
    uint64_t done = 0, bytes = 0;
    for (;;) {
      auto batch = kb::LoadStale(db, extractor.Version(), q);
      if (!batch.ok()) return fail(batch.status());
      if (batch->empty()) break;
      size_t next = 0;
      kb::RunOrdered(
          {.threads = o->threads, .window = 4 * std::max<size_t>(o->threads, 1) + 16},
          [&]() -> std::optional<size_t> {
            if (next >= batch->size()) return std::nullopt;
            return next++;
          },
          [&](size_t& i) {
            const kb::StoredDocument& d = (*batch)[i];
            Ready r;
            // A damaged stored input (a size no memory holds) fails alone.
            const Status st = GuardDocument(o->db + ": document " + d.doc_id, [&] {
              Result<RawInput> raw = kb::UnpackInput(d.input);
              if (!raw.ok()) {
                r.source = d.doc_id;
                r.status = Status(raw.status().code(), o->db + ": document " + d.doc_id + ": " + raw.status().message());
                return Status::Ok();
              }
              r = PrepareInput(extractor, raw, o->doc);
              return Status::Ok();
            });
            if (!st.ok()) {
              r = Ready();
              r.source = d.doc_id;
              r.status = st;
            }
            return r;
          },
          [&](Ready& r) {
            ++done;
            bytes += r.doc.text.size();
            progress.Update(done, bytes);
            return sink.Add(r);
          });
      batch_end = batch->back().row;
      q.after = batch_end;
      if (Status st = sink.Finish(); !st.ok()) return fail(st);
    }
    progress.Finish();
    if (q.upto) {
      Status st = kb.Begin();
      if (st.ok()) st = kb::ClearState(db, kAllUpto);
      if (st.ok()) st = kb::ClearState(db, kAllAfter);
      if (st.ok()) st = kb.Commit();
      if (!st.ok()) return fail(st);
    }
    const IngestCounts& n = sink.counts();
    if (!o->quiet) {
      std::cerr << "oborot: " << o->db << ": re-extracted " << (n.inserted + n.replaced + n.unchanged + n.duplicate)
                << " of " << *remaining << " documents: " << n.replaced << " with new facts, " << n.unchanged
                << " unchanged";
      if (n.failed) std::cerr << "; " << n.failed << " failed";
      std::cerr << "\n";
    }
    ReportStale(kb, extractor.Version());
    return n.failed ? kExitSomeFailed : kExitOk;
  };
}

const Registrar kReg("reextract", "derive the facts of stored documents again with this oborot's extractor", Setup);

}  // namespace
}  // namespace oborot::cli
