// libFuzzer target: robots.txt (Robots::Parse and Allowed). The input is a
// robots.txt; a few paths, and each rule's own pattern taken as a path, are
// checked against it. Checks: no crash, no undefined behaviour; /robots.txt
// is always allowed.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "src/fetch/robots.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto robots = oborot::fetch::Robots::Parse(text, "oborot");
  if (!robots.Allowed("/robots.txt")) std::abort();
  for (std::string_view path : {"/", "/news/2024/06/10/a.html", "/search?q=x&page=2", "/private/", "/a*b$"}) {
    (void)robots.Allowed(path);
  }
  // The input's lines as paths too (bounded: each match is at most
  // pattern x path steps).
  size_t pos = 0;
  for (int n = 0; n < 16 && pos < text.size(); ++n) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    (void)robots.Allowed(text.substr(pos, std::min<size_t>(nl - pos, 512)));
    pos = nl + 1;
  }
  if (auto d = robots.crawl_delay(); d && !(*d >= 0)) std::abort();
  return 0;
}
