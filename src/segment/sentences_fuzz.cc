// libFuzzer target: cleaning and segmentation (CleanText, SplitParagraphs,
// SplitSentences with a small --max-sentence-chars, Tokenize) on UTF-8
// text. Checks: sentences lie inside the text, in order, on code point
// boundaries, and none is longer than the budget; tokens lie inside the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "src/base/utf8.h"
#include "src/segment/sentences.h"
#include "src/segment/tokens.h"
#include "src/text/clean.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  if (oborot::FirstInvalidUtf8(in)) return 0;  // the stages after decoding take valid UTF-8
  const oborot::text::Cleaned c = oborot::text::CleanText(in, true);
  const std::string_view text = c.text;
  constexpr size_t kMaxChars = 80;
  const auto paragraphs = oborot::segment::SplitParagraphs(text);
  size_t forced = 0;
  const auto sentences = oborot::segment::SplitSentences(text, paragraphs, kMaxChars, &forced);
  uint32_t last = 0;
  for (const auto& s : sentences) {
    if (s.start < last || s.end < s.start || s.end > text.size()) std::abort();
    const std::string_view piece = text.substr(s.start, s.end - s.start);
    if (oborot::FirstInvalidUtf8(piece)) std::abort();  // cut inside a character
    if (oborot::CodePointCount(piece) > kMaxChars) std::abort();
    last = s.end;
  }
  for (const auto& t : oborot::segment::Tokenize(text)) {
    if (t.end < t.start || t.end > text.size()) std::abort();
  }
  return 0;
}
