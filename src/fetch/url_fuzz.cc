// libFuzzer target: URL canonicalisation (libcurl's URL API under
// Canonicalize, Resolve, Origin and PathAndQuery). The input's first line is
// a base URL, the rest an href resolved against it. Checks: no crash, no
// undefined behaviour; a canonical URL is http(s), has no fragment, and is
// its own canonical form.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "src/fetch/url.h"

namespace {

void CheckCanonical(const std::string& u) {
  if (u.rfind("http://", 0) != 0 && u.rfind("https://", 0) != 0) std::abort();
  if (u.find('#') != std::string::npos) std::abort();
  auto again = oborot::fetch::Canonicalize(u);
  if (!again.ok() || *again != u) std::abort();
  (void)oborot::fetch::Origin(u);
  (void)oborot::fetch::PathAndQuery(u);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 8192) return 0;  // URLs longer than this are not what the crawler meets
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const size_t nl = in.find('\n');
  const std::string_view base = in.substr(0, nl);
  const std::string_view href = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  if (auto c = oborot::fetch::Canonicalize(base); c.ok()) CheckCanonical(*c);
  if (auto r = oborot::fetch::Resolve(base, href); r.ok()) CheckCanonical(*r);
  (void)oborot::fetch::Origin(base);
  (void)oborot::fetch::PathAndQuery(base);
  return 0;
}
