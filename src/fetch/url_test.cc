#include "src/fetch/url.h"

#include <gtest/gtest.h>

namespace oborot::fetch {
namespace {

TEST(UrlTest, Canonicalize) {
  struct Case {
    const char* in;
    const char* want;  // "" = error
  } cases[] = {
      {"HTTPS://Example.COM:443/a?utm_source=x&id=2#top", "https://example.com/a?id=2"},
      {"http://example.com:80", "http://example.com/"},
      {"http://example.com:8080/x", "http://example.com:8080/x"},
      {"https://example.com/news/1?utm_medium=rss&utm_campaign=y", "https://example.com/news/1"},
      {"https://example.com/n?a=1&fbclid=zz&b=2&yclid=1", "https://example.com/n?a=1&b=2"},
      {"https://example.com/n?UTM_SOURCE=a&page=2", "https://example.com/n?page=2"},
      {"https://example.com/путь", "https://example.com/%D0%BF%D1%83%D1%82%D1%8C"},
      {"ftp://example.com/file", ""},
      {"not a url", ""},
      {"mailto:someone@example.com", ""},
  };
  for (const Case& c : cases) {
    auto r = Canonicalize(c.in);
    EXPECT_EQ(r.ok() ? *r : std::string(), c.want) << c.in << " " << r.status().ToString();
  }
}

TEST(UrlTest, ResolveOriginPath) {
  EXPECT_EQ(Resolve("https://example.com/news/", "../a.html?utm_term=q").value(), "https://example.com/a.html");
  EXPECT_EQ(Resolve("https://example.com/news/x", "/b").value(), "https://example.com/b");
  EXPECT_EQ(Resolve("https://example.com/news/x", "https://other.org/c").value(), "https://other.org/c");
  EXPECT_FALSE(Resolve("https://example.com/", "javascript:alert(1)").ok());
  EXPECT_EQ(Origin("https://Example.com/a").value(), "https://example.com:443");
  EXPECT_EQ(Origin("http://127.0.0.1:8081/a").value(), "http://127.0.0.1:8081");
  EXPECT_EQ(PathAndQuery("https://example.com").value(), "/");
  EXPECT_EQ(PathAndQuery("https://example.com/a/b?c=1#f").value(), "/a/b?c=1");
}

}  // namespace
}  // namespace oborot::fetch
