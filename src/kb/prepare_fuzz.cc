// libFuzzer target: the knowledge base's reader of fact lines
// (PrepareDocument: simdjson over the document line and the fact lines, as
// `oborot ingest` reads what the extractor wrote, or a hand-made JSONL).
// The first line is the document line, the others fact lines. Checks: no
// crash; an error is a Status.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/kb/prepare.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> lines;
  while (!all.empty() && lines.size() < 64) {
    const size_t nl = all.find('\n');
    lines.emplace_back(all.substr(0, nl));
    all = nl == std::string_view::npos ? std::string_view() : all.substr(nl + 1);
  }
  if (lines.empty()) return 0;
  const std::vector<std::string> facts(lines.begin() + 1, lines.end());
  (void)oborot::kb::PrepareDocument(lines[0], facts, "text of the document, with evidence somewhere in it");
  return 0;
}
