// oborot_pipeline_bench: throughput of the whole engine behind `oborot
// extract` (Extractor::Process + ToJsonLines) on ONE thread.
//
//   build/bench/oborot_pipeline_bench [MB=64] [SEED] [OUT.jsonl]
//
// Documents come from bench/corpus.h one at a time (the corpus is never held
// in memory, so the peak RSS is the engine's): news-like texts with chrome,
// one in ten in Windows-1251, one in twenty an HTML page. After a warm-up on
// 200 documents of another seed, every document is decoded, cleaned,
// segmented, annotated, read by the fact rules and serialised to JSONL. Only
// the engine is timed: thread CPU time (what one core delivers, unaffected by
// other processes on a shared machine) and wall time (affected). Prints MB/s
// of input bytes, documents/s, facts, and the peak resident set size. With
// OUT.jsonl the output is also written there (untimed), to check that a
// speed-up changed nothing: run before and after, then cmp the files.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench/corpus.h"
#include "oborot/extractor.h"

int main(int argc, char** argv) {
  namespace bench = oborot::bench;
  bench::CorpusOptions opt;
  opt.megabytes = argc > 1 ? std::atof(argv[1]) : 64.0;
  if (argc > 2) opt.seed = std::strtoull(argv[2], nullptr, 10);
  std::FILE* dump = argc > 3 ? std::fopen(argv[3], "w") : nullptr;
  std::string dumped;

  auto ex = oborot::Extractor::Create();
  if (!ex.ok()) {
    std::fprintf(stderr, "%s\n", ex.status().ToString().c_str());
    return 1;
  }
  const oborot::ExtractOptions eopt;
  size_t facts = 0, json_bytes = 0, failures = 0;
  auto process = [&](const oborot::RawInput& raw) {
    auto out = (*ex)->Process(raw, eopt);
    if (!out.ok()) {
      ++failures;
      return;
    }
    facts += out->facts.size();
    for (const std::string& line : (*ex)->ToJsonLines(*out)) {
      json_bytes += line.size() + 1;
      if (dump) dumped.append(line).push_back('\n');
    }
  };

  {  // warm-up: allocator, stem cache, page-in of the embedded data
    bench::CorpusOptions warm = opt;
    warm.seed = opt.seed + 1;
    warm.megabytes = 1e9;
    bench::CorpusGenerator gen(warm);
    oborot::RawInput raw;
    for (int i = 0; i < 200 && gen.Next(&raw); ++i) process(raw);
    facts = json_bytes = failures = 0;
    dumped.clear();
  }

  using Clock = std::chrono::steady_clock;
  bench::CorpusGenerator gen(opt);
  oborot::RawInput raw;
  double cpu = 0, wall = 0;
  while (gen.Next(&raw)) {
    const auto w0 = Clock::now();
    const double c0 = bench::ThreadCpuSeconds();
    process(raw);
    cpu += bench::ThreadCpuSeconds() - c0;
    wall += std::chrono::duration<double>(Clock::now() - w0).count();
    if (dump) {
      std::fwrite(dumped.data(), 1, dumped.size(), dump);
      dumped.clear();
    }
  }
  const double mb = static_cast<double>(gen.bytes()) / 1e6;
  const double docs = static_cast<double>(gen.documents());
  std::printf("corpus: %zu documents, %.1f MB (seed %llu)\n", gen.documents(), mb,
              static_cast<unsigned long long>(opt.seed));
  std::printf("extract engine, 1 thread: %.2f s CPU, %.1f MB/s, %.0f docs/s (per CPU second)\n", cpu, mb / cpu,
              docs / cpu);
  std::printf("                          %.2f s wall, %.1f MB/s (shared machine: wall includes waiting)\n", wall,
              mb / wall);
  std::printf("output: %zu facts, %.1f MB of JSONL, %zu failures\n", facts, static_cast<double>(json_bytes) / 1e6,
              failures);
  std::printf("peak RSS: %.1f MB\n", bench::PeakRssMb());
  if (dump) std::fclose(dump);
  return failures ? 1 : 0;
}
