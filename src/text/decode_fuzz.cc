// libFuzzer target: charset decoding (DecodeToUtf8, SniffHtmlCharset,
// LooksLikeHtml). The first byte picks a declared charset, as an HTML
// <meta> would. Checks: the result is valid UTF-8, never a crash; an error
// names the source.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "src/base/utf8.h"
#include "src/text/decode.h"
#include "src/text/html.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  static constexpr std::string_view kDeclared[] = {"", "windows-1251", "koi8-r", "utf-8", "iso-8859-1", "cp866",
                                                   "x-unknown", "utf-16"};
  const std::string_view declared = size > 0 ? kDeclared[data[0] % std::size(kDeclared)] : "";
  const std::string_view bytes = size > 0 ? all.substr(1) : all;
  (void)oborot::text::SniffHtmlCharset(bytes);
  (void)oborot::text::LooksLikeHtml(bytes);
  auto d = oborot::text::DecodeToUtf8(bytes, "fuzz", declared);
  if (d.ok()) {
    if (oborot::FirstInvalidUtf8(d->text)) std::abort();  // decoding must give valid UTF-8
  } else if (d.status().message().rfind("fuzz: ", 0) != 0) {
    std::abort();  // every error names its input
  }
  return 0;
}
