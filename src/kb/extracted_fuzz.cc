// libFuzzer target: what `oborot ingest --facts` reads, end to end short of
// the database: ExtractedReader splitting a stream of `extract --with-text`
// records into documents (forged, truncated, reordered, duplicated or
// oversize lines, stray text and fact lines), then PrepareDocument on each
// document with its own text (evidence offsets and quotes against it).
// Checks: no crash or hang; no more results than lines (the reader always
// ends).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "src/kb/extracted.h"
#include "src/kb/prepare.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  // Small limits, so that the "line too long" and "document over its bytes" paths are reached too.
  oborot::kb::ExtractedReader reader(in, "fuzz.jsonl", 4096, 16384);
  // Each result stands for at least one line: more results than lines is a loop.
  const size_t lines = static_cast<size_t>(std::count(data, data + size, '\n')) + 1;
  size_t results = 0;
  while (auto next = reader.Next()) {
    if (++results > lines) std::abort();
    if (!next->ok()) continue;
    auto& d = **next;
    auto prepared = oborot::kb::PrepareDocument(d.document_line, d.fact_lines, std::move(d.text),
                                                    oborot::kb::EvidenceCheck::kQuotes);
    (void)prepared;
  }
  return 0;
}
