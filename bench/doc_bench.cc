// oborot_doc_bench: throughput of the document layer (decode, clean, title and
// date, paragraphs, sentences) on a generated corpus.
//
//   build/bench/oborot_doc_bench [MB=64] [PASSES=3]
//
// Builds a corpus of at least MB megabytes in memory with bench/corpus.h
// (news paragraphs with site chrome, related-news lists and captions; one
// document in ten in Windows-1251, one in twenty an HTML page), warms up on a
// tenth of it, then runs LoadDocument + SegmentDocument over all of it PASSES
// times and prints MB/s, documents/s and the peak resident set size. A plain
// runner rather than Google Benchmark: the figure wanted is whole-corpus
// throughput with memory, not per-call timings.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/corpus.h"
#include "src/segment/sentences.h"
#include "src/text/load.h"

int main(int argc, char** argv) {
  namespace bench = oborot::bench;
  const double want_mb = argc > 1 ? std::atof(argv[1]) : 64.0;
  const int passes = argc > 2 ? std::atoi(argv[2]) : 3;
  size_t total = 0;
  const std::vector<oborot::RawInput> corpus = bench::MakeCorpus({.megabytes = want_mb}, &total);
  std::printf("corpus: %zu documents, %.1f MB\n", corpus.size(), static_cast<double>(total) / 1e6);

  size_t checksum = 0, failures = 0;
  auto run = [&](size_t count) {
    for (size_t i = 0; i < count; ++i) {
      auto doc = oborot::text::LoadDocument(corpus[i], {});
      if (!doc.ok()) {
        ++failures;
        continue;
      }
      oborot::segment::SegmentDocument(*doc);
      checksum += doc->sentences.size() + (doc->published ? 1 : 0);
    }
  };
  run(corpus.size() / 10);  // warm-up: lexicons loaded, caches and allocator warm

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const double cpu_start = bench::ProcessCpuSeconds();
  for (int p = 0; p < passes; ++p) run(corpus.size());
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu = bench::ProcessCpuSeconds() - cpu_start;
  const double mb = static_cast<double>(total) * passes / 1e6;
  const double docs = static_cast<double>(corpus.size()) * passes;
  std::printf("LoadDocument+SegmentDocument: %d passes, %.2f s wall, %.1f MB/s, %.0f docs/s\n", passes, secs,
              mb / secs, docs / secs);
  std::printf("per CPU second (unaffected by other processes): %.2f s CPU, %.1f MB/s, %.0f docs/s\n", cpu, mb / cpu,
              docs / cpu);
  std::printf("peak RSS: %.1f MB (corpus held in memory: %.1f MB)\n", bench::PeakRssMb(),
              static_cast<double>(total) / 1e6);
  std::printf("checksum %zu, failures %zu\n", checksum, failures);
  return failures ? 1 : 0;
}
