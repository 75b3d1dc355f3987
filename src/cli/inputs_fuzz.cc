// libFuzzer target: the JSONL reader's record parser (ParseJsonlRecord),
// one record per line of the input. Checks: no crash; an error names the
// record; a document has its text or HTML.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "src/cli/inputs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  int n = 0;
  while (!all.empty()) {
    const size_t nl = all.find('\n');
    const std::string_view line = all.substr(0, nl);
    all = nl == std::string_view::npos ? std::string_view() : all.substr(nl + 1);
    ++n;
    auto r = oborot::cli::ParseJsonlRecord(line, "f.jsonl:" + std::to_string(n), "f.jsonl", "f-1");
    if (!r.ok()) {
      if (r.status().message().rfind("f.jsonl:", 0) != 0) std::abort();
    } else if (r->id.empty() || r->format == oborot::InputFormat::kAuto) {
      std::abort();
    }
  }
  return 0;
}
