// Feeds and sitemaps: RSS 2.0 (with Yandex's yandex:full-text), Atom,
// sitemaps with Google News tags and sitemap indexes, parsed by libxml2.
//
//   auto feed = oborot::fetch::ParseFeed(body, "https://example.com/rss.xml");
//   if (!feed.ok()) return Report(feed.status());   // "not XML", "declares entities"
//   for (const auto& item : feed->items) Queue(item.url, item.published);
//
// libxml2 runs with XML_PARSE_NONET (no network), without XML_PARSE_NOENT
// (no entity substitution) and without XML_PARSE_DTDLOAD (no external DTD),
// and the parse stops at the first entity declaration: a feed that declares
// entities (a "billion laughs" bomb, an external entity pointing at a file
// or a URL) is refused before anything is expanded or read. No feed in the
// wild needs its own entities. Item links are resolved against the feed's
// URL; an item without a link is dropped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "oborot/status.h"

namespace oborot::fetch {

enum class FeedKind { kRss, kAtom, kSitemap, kSitemapIndex };
std::string_view FeedKindName(FeedKind k);  // "rss", "atom", "sitemap", "sitemap index"

struct FeedItem {
  std::string url;        // absolute
  std::string title;
  std::string published;  // "YYYY-MM-DD" (the date as written, in its own time zone) or ""
  std::string full_text;  // yandex:full-text, when the feed carries the article
};

struct Feed {
  FeedKind kind = FeedKind::kRss;
  std::vector<FeedItem> items;  // for a sitemap index: the sitemaps
};

// True when the bytes look like an XML document rather than HTML (after a
// byte-order mark and white space: "<?xml", "<rss", "<feed", "<urlset",
// "<sitemapindex").
bool LooksLikeXml(std::string_view bytes);

// Errors (kInvalidInput, naming `url`): not well-formed XML, entity
// declarations, a root element that is no feed or sitemap.
Result<Feed> ParseFeed(std::string_view bytes, const std::string& url);

// The date part of a feed date: RFC 822 ("Tue, 10 Jun 2024 09:00:00 +0300")
// or ISO 8601 ("2024-06-10T09:00:00+03:00"), as "YYYY-MM-DD"; "" when none.
std::string FeedDate(std::string_view text);

}  // namespace oborot::fetch
