#include "src/fetch/feed.h"

#include <gtest/gtest.h>

#include <chrono>

namespace oborot::fetch {
namespace {

TEST(FeedTest, Rss) {
  const char* rss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:yandex="http://news.yandex.ru" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Новости</title>
<item><title>Гомель и Брянск</title><link>/news/1.html?utm_source=rss</link>
  <pubDate>Mon, 10 Jun 2024 23:30:00 +0300</pubDate></item>
<item><title>Без ссылки</title></item>
<item><title>Полный текст</title><link>https://example.com/news/2.html</link>
  <dc:date>2024-06-11T08:00:00+03:00</dc:date>
  <yandex:full-text>Гомельская и Брянская области обсудили поставки.</yandex:full-text></item>
</channel></rss>)";
  auto f = ParseFeed(rss, "https://example.com/rss.xml");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->kind, FeedKind::kRss);
  ASSERT_EQ(f->items.size(), 2u);
  EXPECT_EQ(f->items[0].url, "https://example.com/news/1.html");
  EXPECT_EQ(f->items[0].title, "Гомель и Брянск");
  EXPECT_EQ(f->items[0].published, "2024-06-10");  // the feed's own day, not UTC's
  EXPECT_EQ(f->items[1].published, "2024-06-11");
  EXPECT_EQ(f->items[1].full_text, "Гомельская и Брянская области обсудили поставки.");
}

TEST(FeedTest, AtomAndSitemaps) {
  const char* atom = R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>A</title><link rel="alternate" href="https://example.com/a"/><link rel="enclosure" href="https://example.com/a.jpg"/>
<updated>2024-05-02T10:00:00Z</updated><published>2024-05-01T10:00:00Z</published></entry></feed>)";
  auto a = ParseFeed(atom, "https://example.com/atom");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->kind, FeedKind::kAtom);
  ASSERT_EQ(a->items.size(), 1u);
  EXPECT_EQ(a->items[0].url, "https://example.com/a");
  EXPECT_EQ(a->items[0].published, "2024-05-01");

  const char* news = R"(<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
  xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://example.com/n/1</loc><lastmod>2024-07-09</lastmod><news:news>
<news:publication><news:name>X</news:name><news:language>ru</news:language></news:publication>
<news:publication_date>2024-07-01T12:00:00+03:00</news:publication_date><news:title>Заголовок</news:title></news:news></url>
<url><loc>https://example.com/n/2</loc><lastmod>2024-07-09</lastmod></url></urlset>)";
  auto s = ParseFeed(news, "https://example.com/sitemap.xml");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->kind, FeedKind::kSitemap);
  ASSERT_EQ(s->items.size(), 2u);
  EXPECT_EQ(s->items[0].published, "2024-07-01");
  EXPECT_EQ(s->items[0].title, "Заголовок");
  EXPECT_EQ(s->items[1].published, "");  // lastmod is no publication date

  const char* index = R"(<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://example.com/sitemap-news.xml</loc></sitemap></sitemapindex>)";
  auto i = ParseFeed(index, "https://example.com/sitemap-index.xml");
  ASSERT_TRUE(i.ok());
  EXPECT_EQ(i->kind, FeedKind::kSitemapIndex);
  ASSERT_EQ(i->items.size(), 1u);
  EXPECT_EQ(i->items[0].url, "https://example.com/sitemap-news.xml");
}

TEST(FeedTest, RefusedInputs) {
  struct Case {
    const char* name;
    std::string xml;
    const char* message;
  } cases[] = {
      {"html", "<html><body>x</body></html>", "not a feed or sitemap"},
      {"broken", "<rss><channel><item></rss>", "not well-formed XML"},
      {"empty", "", "not well-formed XML"},
      {"external entity",
       "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
       "<rss><channel><item><title>&x;</title><link>https://e.com/a</link></item></channel></rss>",
       "declares XML entities"},
      {"parameter entity",
       "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\"> %p;]><rss/>",
       "declares XML entities"},
  };
  for (const Case& c : cases) {
    auto f = ParseFeed(c.xml, "https://e.com/f.xml");
    ASSERT_FALSE(f.ok()) << c.name;
    EXPECT_NE(f.status().message().find(c.message), std::string::npos) << c.name << ": " << f.status().message();
    EXPECT_EQ(f.status().message().rfind("https://e.com/f.xml: ", 0), 0u) << c.name;
  }
}

TEST(FeedTest, BillionLaughsIsRefusedAtOnce) {
  std::string xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY l0 \"ha\">";
  for (int i = 1; i <= 10; ++i) {
    xml += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) xml += "&l" + std::to_string(i - 1) + ";";
    xml += "\">";
  }
  xml += "]><rss><channel><item><title>&l10;</title><link>https://e.com/a</link></item></channel></rss>";
  const auto start = std::chrono::steady_clock::now();
  auto f = ParseFeed(xml, "https://e.com/bomb.xml");
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("declares XML entities"), std::string::npos);
  EXPECT_LT(ms, 2000);  // generous: expanding it would take 10^10 bytes
}

TEST(FeedTest, Dates) {
  struct Case {
    const char* in;
    const char* want;
  } cases[] = {
      {"Tue, 10 Jun 2024 09:00:00 +0300", "2024-06-10"},
      {"10 Jun 2024 09:00 GMT", "2024-06-10"},
      {"Wed, 1 Jan 25 00:00:00 GMT", "2025-01-01"},
      {"2024-06-10T09:00:00+03:00", "2024-06-10"},
      {"2024-06-10", "2024-06-10"},
      {"yesterday", ""},
      {"Tue, 32 Jun 2024", ""},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(FeedDate(c.in), c.want) << c.in;
  EXPECT_TRUE(LooksLikeXml("\xEF\xBB\xBF  <?xml version='1.0'?><rss/>"));
  EXPECT_TRUE(LooksLikeXml("<urlset>"));
  EXPECT_FALSE(LooksLikeXml("<!DOCTYPE html><html>"));
}

}  // namespace
}  // namespace oborot::fetch
