// libFuzzer target: the expression parsers (money, changes, quantities,
// dates) over one sentence of UTF-8 text, as Annotate calls them. Checks:
// every expression's span lies inside the sentence.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

#include "src/base/utf8.h"
#include "src/expr/expressions.h"
#include "src/lang/phrase_matcher.h"
#include "src/segment/tokens.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (oborot::FirstInvalidUtf8(text) || size > 4000) return 0;  // one sentence of valid UTF-8
  constexpr uint32_t kBase = 7;  // a sentence that does not start the document
  const auto tokens = oborot::segment::Tokenize(text, kBase);
  const auto stems = oborot::lang::StemTokens(tokens);
  const auto e = oborot::expr::FindExpressions(text, std::span(tokens), kBase, stems.fold_keys());
  auto inside = [&](uint32_t start, uint32_t end) {
    if (start < kBase || end < start || end > kBase + text.size()) std::abort();
  };
  for (const auto& m : e.money) inside(m.start, m.end);
  for (const auto& m : e.changes) inside(m.start, m.end);
  for (const auto& m : e.quantities) inside(m.start, m.end);
  for (const auto& m : e.dates) inside(m.start, m.end);
  return 0;
}
