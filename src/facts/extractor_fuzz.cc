// libFuzzer target: the whole extractor (decode, HTML, clean, segment,
// annotate, fact rules, JSON lines, --explain) on one document, text or
// HTML by the first byte, with small budgets so that each run stays fast.
// Checks: no crash, no undefined behaviour, every output line is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "oborot/extractor.h"
#include "src/base/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::shared_ptr<const oborot::Extractor> ex = [] {
    auto e = oborot::Extractor::Create();
    if (!e.ok()) std::abort();
    return *e;
  }();
  if (size == 0) return 0;
  oborot::RawInput in;
  in.id = "fuzz";
  in.source = "fuzz";
  in.format = data[0] % 3 == 0 ? oborot::InputFormat::kHtml
                               : (data[0] % 3 == 1 ? oborot::InputFormat::kText : oborot::InputFormat::kAuto);
  in.bytes.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  oborot::ExtractOptions o;
  o.explain = (data[0] & 8) != 0;
  o.budgets.html_elements = 5000;
  o.budgets.html_depth = 64;
  o.budgets.sentence_chars = 400;
  o.budgets.sentence_mentions = 16;
  o.budgets.doc_mentions = 500;
  o.budgets.doc_seconds = 0;
  auto r = ex->Process(in, o);
  if (!r.ok()) return 0;
  for (const std::string& line : ex->ToJsonLines(*r)) {
    if (oborot::FirstInvalidUtf8(line)) std::abort();
  }
  if (o.explain) (void)ex->Explain(*r);
  return 0;
}
