// libFuzzer target: what `oborot ingest --facts` reads, end to end short of
// the database: ExtractedReader splitting a stream of `extract --with-text`
// records into documents (forged, truncated, reordered, duplicated or
// oversize lines, stray text and fact lines), then PrepareDocument on each
// document with its own text (evidence offsets and quotes against it).
// Checks: no crash or hang; every call of Next() consumes at least one line
// (the reader always ends); a document that prepares cleanly has evidence
// within its text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "src/kb/extracted.h"
#include "src/kb/prepare.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  // A small line limit, so that the "line too long" path is reached too.
  oborot::kb::ExtractedReader reader(in, "fuzz.jsonl", 4096);
  uint64_t last = 0;
  while (auto next = reader.Next()) {
    if (reader.bytes_read() == last && last == size) std::abort();  // no progress at the end: a loop
    last = reader.bytes_read();
    if (!next->ok()) continue;
    auto& d = **next;
    auto prepared = oborot::kb::PrepareDocument(d.document_line, d.fact_lines, std::move(d.text),
                                                    oborot::kb::EvidenceCheck::kQuotes);
    (void)prepared;
  }
  return 0;
}
