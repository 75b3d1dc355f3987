// An ordered pipeline: jobs are taken one at a time, worked on by several
// threads at once, and their results handed to the calling thread in the
// order the jobs were taken. `oborot ingest` extracts and prepares documents
// on the workers while the calling thread writes them to the store;
// `oborot extract`, `text` and `annotate` extract on the workers while the
// calling thread writes their output (src/cli/doc_loop.h).
//
//   oborot::RunOrdered(
//       {.threads = 2, .window = 64},
//       [&]() -> std::optional<Job> { return NextJob(); },  // a worker, one at a time; nullopt: no more
//       [&](Job& job) { return Prepare(job); },             // the workers, in parallel
//       [&](Prepared& p) { return Apply(p); });             // the calling thread, in order; false stops
//
// `next` is called by one worker at a time (under a lock) and the order of
// its calls is the order in which `sink` sees the results. At most `window`
// jobs are taken but not yet handed to `sink`, which bounds the memory. After `sink`
// returns false no further job is taken; jobs under way are finished and
// dropped. With threads == 0 everything runs on the calling thread, one job
// after another. The callables must not throw.
//
// Hand-rolled: no Debian-packaged library offers an ordered, bounded
// parallel map (TBB's parallel_pipeline would, but would bring TBB in for
// these sixty lines).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace oborot {

struct PipelineOptions {
  size_t threads = 1;  // worker threads (0: none, all on the calling thread)
  size_t window = 64;  // jobs taken but not yet handed to the sink, at most
};

template <typename Next, typename Work, typename Sink>
void RunOrdered(const PipelineOptions& options, Next&& next, Work&& work, Sink&& sink) {
  using In = typename std::invoke_result_t<Next&>::value_type;
  using Out = std::invoke_result_t<Work&, In&>;
  if (options.threads == 0) {
    while (std::optional<In> in = next()) {
      Out out = work(*in);
      if (!sink(out)) return;
    }
    return;
  }
  const size_t window = options.window > 0 ? options.window : 1;
  std::mutex source_mu;      // serialises next()
  bool source_done = false;  // next() returned nullopt (guarded by source_mu)
  uint64_t taken = 0;        // jobs next() gave (guarded by source_mu)

  std::mutex mu;  // guards everything below
  std::condition_variable ready, room;
  std::map<uint64_t, Out> results;  // finished, not yet sunk
  size_t in_flight = 0;             // taken or about to be, not yet sunk
  bool exhausted = false, stop = false;
  uint64_t end = 0;  // when exhausted: the number of jobs taken

  auto worker = [&] {
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mu);
        if (in_flight >= window) room.wait(lock, [&] { return stop || exhausted || in_flight <= window / 2; });
        if (stop || exhausted) return;
        ++in_flight;
      }
      std::optional<In> in;
      uint64_t seq = 0;
      {
        std::lock_guard<std::mutex> lock(source_mu);
        if (!source_done) {
          in = next();
          if (in) {
            seq = taken++;
          } else {
            source_done = true;
          }
        }
        if (!in) {
          std::lock_guard<std::mutex> state(mu);
          --in_flight;
          exhausted = true;
          end = taken;
        }
      }
      if (!in) {
        ready.notify_all();
        room.notify_all();
        return;
      }
      Out out = work(*in);
      {
        std::lock_guard<std::mutex> lock(mu);
        results.emplace(seq, std::move(out));
      }
      ready.notify_all();
    }
  };

  std::vector<std::thread> threads;
  threads.reserve(options.threads);
  for (size_t i = 0; i < options.threads; ++i) threads.emplace_back(worker);
  bool wake = false;
  for (uint64_t sunk = 0;; ++sunk) {
    std::optional<Out> out;
    {
      std::unique_lock<std::mutex> lock(mu);
      ready.wait(lock, [&] { return results.count(sunk) > 0 || (exhausted && sunk >= end); });
      auto it = results.find(sunk);
      if (it == results.end()) break;
      out.emplace(std::move(it->second));
      results.erase(it);
      // Workers wait for room until half the window is free, and then all
      // go: one wake-up per half window rather than one per job.
      if (--in_flight == window / 2) wake = true;
    }
    if (wake) {
      wake = false;
      room.notify_all();
    }
    if (!sink(*out)) {
      std::lock_guard<std::mutex> lock(mu);
      stop = true;
      break;
    }
  }
  room.notify_all();
  for (auto& t : threads) t.join();
}

}  // namespace oborot
