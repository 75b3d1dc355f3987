// libFuzzer target: feeds and sitemaps (ParseFeed over libxml2, FeedDate,
// LooksLikeXml). Checks: no crash, no undefined behaviour, no entity
// expanded (an item's text is never longer than the feed itself), and every
// item's URL is an absolute http(s) URL.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "src/fetch/feed.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)oborot::fetch::LooksLikeXml(bytes);
  const std::string date = oborot::fetch::FeedDate(bytes.substr(0, 200));
  if (!date.empty() && date.size() != 10) std::abort();
  auto feed = oborot::fetch::ParseFeed(bytes, "https://example.org/news/rss.xml");
  if (!feed.ok()) return 0;
  for (const auto& item : feed->items) {
    if (item.full_text.size() > size || item.title.size() > size) std::abort();  // nothing expanded
    if (item.url.rfind("http://", 0) != 0 && item.url.rfind("https://", 0) != 0) std::abort();
    if (!item.published.empty() && item.published.size() != 10) std::abort();
  }
  return 0;
}
