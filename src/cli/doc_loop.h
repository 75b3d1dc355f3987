// The document loop of `oborot extract`, `text` and `annotate`: each input is
// worked on by one of several threads (--threads), and what it gives is
// handed to the calling thread in input order, so the output and the
// messages are byte for byte the same whatever the number of threads.
//
//   DocLoop loop({.threads = o->threads});
//   loop.Run(walk,
//            [&](const RawInput& in, std::string& out) -> Status {  // any thread
//              // (or (in, out, std::vector<std::string>& warnings): warnings handed over with it)
//              auto r = ex.Process(in, {});
//              if (!r.ok()) return r.status();
//              out = Render(*r);
//              return Status::Ok();
//            },
//            [&](const DocOutcome& d) {                              // this thread, in input order
//              if (!d.status.ok()) Report(d.status, d.input); else *os << d.out;
//            });
//
// Memory is bounded whatever the input: at most `window` documents, at most
// `max_bytes` of input (8 MiB), and documents whose reading costs at most
// `max_work_bytes` together (48 MiB, at kWorkBytesPerByte a byte of input;
// one document is always admitted) are read but not yet handed over; the
// walker streams the rest.
//
// A document is the unit of failure: an input the walker could not read, a
// Status the work returns, or an exception the work throws each become that
// one document's failed DocOutcome (an exception is a kInternal status naming
// the input, GuardDocument in doc_options.h), and the loop goes on.
//
// With threads <= 1 everything runs on the calling thread, one document after
// another, as before there was a --threads option.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "oborot/document.h"
#include "oborot/status.h"
#include "src/base/pipeline.h"
#include "src/base/release_memory.h"
#include "src/cli/command.h"
#include "src/cli/doc_options.h"
#include "src/cli/inputs.h"
#include "src/lang/cache_budget.h"

namespace oborot::cli {

// The most threads a document command runs: each thread keeps its own
// scratch memory (about half a MB, and its share of the caches, see
// src/lang/cache_budget.h), so this keeps `extract` under 100 MB whatever N.
inline constexpr size_t kMaxThreads = 64;

// What reading a document costs at its peak, per byte of input: its
// tokens and annotations take ~17 bytes a byte of cleaned text (less for
// HTML, whose text is smaller than the page) up to the windowing threshold
// (ExtractOptions::window_threshold, 2 MiB), past which a document is read
// in windows and costs about as much as a document at the threshold
// (bench/RESULTS.md, "Peak memory, second round").
inline constexpr uint64_t kWorkBytesPerByte = 16;

// After a document of this much input, freed memory goes back to the system.
inline constexpr uint64_t kReleaseAfterBytes = 1u << 20;

// The default of --threads: one per core.
inline size_t DefaultThreads() { return std::clamp<size_t>(std::thread::hardware_concurrency(), 1, kMaxThreads); }

// Registers --threads/-j N on a document command.
inline void AddThreadsOption(CLI::App& app, size_t& threads) {
  app.add_option("--threads,-j", threads,
                 "documents worked on at once, each on a thread of its own (default: one per core; 1: all on "
                 "this thread; at most 64); the output is the same for every N")
      ->check(CLI::Range(size_t{0}, kMaxThreads));
}

// What one input gave, as the calling thread receives it.
struct DocOutcome {
  Status status;            // not ok: the document failed, and `out` is empty
  std::string input;        // the input the failure names (the source, or the walker's)
  std::string out;          // what the work produced, to write in input order
  std::vector<std::string> warnings;  // budgets hit, bytes repaired: printed before `out` or the failure
  uint64_t bytes_read = 0;  // the walker's bytes_read() after this input was read (progress)
  uint64_t held = 0;        // its input's size, for the loop's byte budget
};

class DocLoop {
 public:
  struct Options {
    size_t threads = 1;  // documents worked on at once (<= 1: all on the calling thread)
    size_t window = 0;   // documents in flight at most (0: 4 per thread + 16)
    // Input bytes in flight at most: a document that would pass it waits
    // until the documents before it are written (one is always admitted),
    // so large documents are worked on one at a time instead of N at once.
    uint64_t max_bytes = 8u << 20;
    // The estimated memory of the documents in flight at most (each costs
    // kWorkBytesPerByte a byte of its input, at most max_work_bytes): a
    // document that would pass it waits, so that documents of a few MB, each
    // costing tens of MB while it is read, are not read N at once, while
    // ordinary articles (tens of KB) are never held back. 48 MiB keeps
    // `extract` under 100 MB with one such document in flight.
    uint64_t max_work_bytes = 48u << 20;
  };
  explicit DocLoop(Options options) : options_(options) {}

  // work(const RawInput&, std::string& out) -> Status (or RawInput&, to free
  // its bytes early: they are not read after it) runs on any thread and
  // must be safe to call from several at once (the engine's matchers are
  // immutable and shared; its scratch buffers are per thread). done(const
  // DocOutcome&) runs on the calling thread, once per input, in input order.
  // `walk` is an InputWalker, or anything with its Next() and bytes_read().
  template <typename Walker, typename Work, typename Done>
  void Run(Walker& walk, Work&& work, Done&& done) {
    struct Job {
      std::optional<Result<RawInput>> in;
      uint64_t bytes_read = 0;
      uint64_t held = 0;  // its input bytes, counted in `held_bytes` until it is handed over
    };
    std::mutex held_mu;
    std::condition_variable held_cv;
    uint64_t held_bytes = 0;  // input bytes taken but not yet handed over (guarded by held_mu)
    uint64_t held_work = 0;   // their estimated cost (work_of; guarded by held_mu)
    const auto work_of = [this](uint64_t size) {
      const uint64_t cap = std::max<uint64_t>(options_.max_work_bytes, 1);
      return size >= cap / kWorkBytesPerByte ? cap : size * kWorkBytesPerByte;
    };
    const size_t threads = options_.threads <= 1 ? 0 : options_.threads;
    lang::SetCacheThreads(std::max<size_t>(threads, 1));  // the threads share one cache budget
    const size_t window = options_.window ? options_.window : 4 * std::max<size_t>(threads, 1) + 16;
    RunOrdered(
        {.threads = threads, .window = window},
        [&]() -> std::optional<Job> {
          auto next = walk.Next();
          if (!next) return std::nullopt;
          const uint64_t size = next->ok() ? (*next)->bytes.size() : 0;
          {
            // Called by one worker at a time: the others wait for it, and
            // the calling thread frees bytes as it hands documents over.
            std::unique_lock<std::mutex> lock(held_mu);
            held_cv.wait(lock, [&] {
              return held_bytes == 0 || (held_bytes + size <= options_.max_bytes &&
                                         held_work + work_of(size) <= options_.max_work_bytes);
            });
            held_bytes += size;
            held_work += work_of(size);
          }
          return Job{std::move(next), walk.bytes_read(), size};
        },
        [&](Job& job) {
          DocOutcome d;
          d.bytes_read = job.bytes_read;
          d.held = job.held;
          Result<RawInput>& in = *job.in;
          if (!in.ok()) {
            d.status = in.status();
            d.input = InputOf(d.status);
            return d;
          }
          d.input = in->source;
          d.status = GuardDocument(in->source, [&]() -> Status {
            // (a work taking RawInput& may free the bytes as soon as it has decoded them)
            if constexpr (std::is_invocable_v<Work&, RawInput&, std::string&, std::vector<std::string>&>) {
              return work(*in, d.out, d.warnings);
            } else {
              return work(*in, d.out);
            }
          });
          if (!d.status.ok()) d.out.clear();
          in->bytes = std::string();  // the document's bytes are no longer needed
          return d;
        },
        [&](DocOutcome& d) {
          done(std::as_const(d));
          // A large document's memory (its output now too) back to the
          // system, not kept for the next document's other sizes
          // (src/base/release_memory.h).
          if (d.held >= kReleaseAfterBytes) {
            std::string().swap(d.out);
            ReleaseFreeMemory();
          }
          if (d.held > 0) {
            {
              std::lock_guard<std::mutex> lock(held_mu);
              held_bytes -= d.held;
              held_work -= work_of(d.held);
            }
            held_cv.notify_all();
          }
          return true;
        });
  }


 private:
  Options options_;
};

// What `extract`, `text` and `annotate` do with each DocOutcome, in input
// order, and at the end of the run:
//
//   DocTally tally(errors, [&] { progress.Finish(); });  // before a message: end the progress line
//   loop.Run(walk, work, [&](const DocOutcome& d) { if (tally.Take(d)) *out << d.out; });
//   return tally.Finish(*out, o->doc.out, o->doc.quiet);
class DocTally {
 public:
  explicit DocTally(ErrorSink& errors, std::function<void()> before_message = nullptr)
      : errors_(errors), before_message_(std::move(before_message)) {}
  // Prints the document's warnings, then reports its failure and counts it;
  // true when it succeeded and its output is to be written.
  bool Take(const DocOutcome& d) {
    if (!d.warnings.empty()) {
      if (before_message_) before_message_();
      PrintWarnings(d.warnings);
    }
    if (!d.status.ok()) {
      if (before_message_) before_message_();
      errors_.Report(d.status, d.input);
      ++failed_;
      return false;
    }
    ++done_;
    return true;
  }
  // Flushes `out` (written to `path`, "" for standard output) and says when
  // writing it failed or when inputs failed ("oborot: F of N inputs failed",
  // unless quiet); the command's exit code.
  int Finish(std::ostream& out, const std::string& path, bool quiet) {
    out.flush();
    if (before_message_) before_message_();
    if (!out) {
      std::cerr << "oborot: " << (path.empty() ? "standard output" : path) << ": write error\n";
      return kExitSomeFailed;
    }
    if (failed_ && !quiet) std::cerr << "oborot: " << failed_ << " of " << (done_ + failed_) << " inputs failed\n";
    return failed_ ? kExitSomeFailed : kExitOk;
  }
  uint64_t done() const { return done_; }
  uint64_t failed() const { return failed_; }

 private:
  ErrorSink& errors_;
  std::function<void()> before_message_;
  uint64_t done_ = 0, failed_ = 0;
};

}  // namespace oborot::cli
