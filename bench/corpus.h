// The benchmarks' corpus generator: Russian news-like documents on Belarus's
// cooperation with Russia's regions and other countries, built from templates.
//
//   oborot::bench::CorpusOptions opt{.megabytes = 64};
//   oborot::bench::CorpusGenerator gen(opt);
//   oborot::RawInput raw;
//   while (gen.Next(&raw)) Process(raw);          // streaming: no corpus in memory
//   std::vector<oborot::RawInput> all = oborot::bench::MakeCorpus(opt);  // or all at once
//
// Every document is a pure function of (seed, index): the same options give
// the same bytes on every machine and run. A document has site chrome (menus,
// subscription prompts, "read also" lists), a title, a dateline, body
// paragraphs from about forty sentence templates with slots (regions of
// Russia and Belarus in every case, countries, amounts in several notations,
// percentages, dates, officials with roles, organisations, sectors, quotes
// with speech attributions) and filler paragraphs from a small phrase grammar
// so the vocabulary is not tiny. By default one document in ten is re-encoded
// to Windows-1251 and one in twenty is wrapped in an HTML page.
//
// Errors: none; a document that cannot be re-encoded stays UTF-8.
// Lifetimes: returned values own their bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "oborot/document.h"

namespace oborot::bench {

struct CorpusOptions {
  double megabytes = 64.0;  // stop after at least this many bytes (1e6 per MB)
  uint64_t seed = 20240610;
  unsigned cp1251_every = 10;  // every n-th document in Windows-1251; 0 = never
  unsigned html_every = 20;    // every n-th document as an HTML page; 0 = never
  bool pages = false;          // every document as a full news-site page (MakeNewsPage)
};

// The UTF-8 text of document n (before any re-encoding or HTML wrapping).
std::string MakeDocumentText(uint64_t seed, uint64_t n);

// Document n as a whole page of a news site (UTF-8 HTML): head with
// metadata, JSON-LD, styles and scripts, menus, breadcrumbs, the article in
// nested divs, share buttons, related and most-read lists, footer. The
// article text is about a tenth of the page, as on real sites.
std::string MakeNewsPage(uint64_t seed, uint64_t n);

// Yields documents until the requested size is reached.
class CorpusGenerator {
 public:
  explicit CorpusGenerator(const CorpusOptions& options) : options_(options) {}
  // Fills *raw with the next document; false when the corpus is complete.
  bool Next(RawInput* raw);
  size_t documents() const { return static_cast<size_t>(next_); }
  size_t bytes() const { return bytes_; }

 private:
  CorpusOptions options_;
  uint64_t next_ = 0;
  size_t bytes_ = 0;
};

// The whole corpus in memory.
std::vector<RawInput> MakeCorpus(const CorpusOptions& options, size_t* total_bytes = nullptr);

// Process CPU time (user + system) in seconds, and of the calling thread.
double ProcessCpuSeconds();
double ThreadCpuSeconds();
// Peak resident set size of the process in MB (getrusage ru_maxrss).
double PeakRssMb();

}  // namespace oborot::bench
