// libFuzzer target: HTML to text (the pre-scan, gumbo, main-text, title and
// date extraction) with small budgets. Checks the pre-scan's promise: the
// parsed page nests no deeper than about its depth budget (the model of
// implied end tags may not let gumbo go much deeper), and the text is valid
// UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "src/base/utf8.h"
#include "src/text/html.h"
#include "src/text/html_dom.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view page(reinterpret_cast<const char*>(data), size);
  constexpr size_t kDepth = 32;
  oborot::text::html::Dom dom(page, {.elements = 5000, .depth = kDepth, .attributes = 16});
  size_t deepest = 0;
  std::vector<size_t> depth(static_cast<size_t>(dom.size()), 0);
  for (int i = 0; i < dom.size(); ++i) {
    const int parent = dom[i].parent;
    depth[static_cast<size_t>(i)] = parent < 0 ? 0 : depth[static_cast<size_t>(parent)] + 1;
    deepest = std::max(deepest, depth[static_cast<size_t>(i)]);
  }
  // html, body and a text node above the model's stack, and formatting
  // elements re-created per text run (at most depth / 8 + 3 of a kind).
  if (deepest > 2 * kDepth + 16) std::abort();
  const auto h = oborot::text::ExtractHtml(page, "https://example.org/2024/06/10/a.html",
                                           {.elements = 5000, .depth = kDepth, .attributes = 16});
  if (oborot::FirstInvalidUtf8(h.text) && !oborot::FirstInvalidUtf8(page)) std::abort();
  return 0;
}
