#include "src/fetch/robots.h"

#include <gtest/gtest.h>

namespace oborot::fetch {
namespace {

TEST(RobotsTest, GroupsAndLongestMatch) {
  const char* text =
      "# comment\n"
      "User-agent: *\n"
      "Disallow: /private/\n"
      "Allow: /private/open/\n"
      "Disallow: /*.pdf$\n"
      "Crawl-delay: 2\n"
      "\n"
      "User-agent: OtherBot\n"
      "Disallow: /\n";
  const Robots r = Robots::Parse(text, "oborot");
  struct Case {
    const char* path;
    bool allowed;
  } cases[] = {
      {"/", true},
      {"/news/a.html", true},
      {"/private/x.html", false},
      {"/private/open/y.html", true},
      {"/docs/a.pdf", false},
      {"/docs/a.pdf?x=1", true},
      {"/robots.txt", true},
  };
  for (const Case& c : cases) EXPECT_EQ(r.Allowed(c.path), c.allowed) << c.path;
  ASSERT_TRUE(r.crawl_delay());
  EXPECT_DOUBLE_EQ(*r.crawl_delay(), 2.0);
}

TEST(RobotsTest, OwnGroupWinsOverStar) {
  const Robots r = Robots::Parse("User-agent: *\nDisallow: /\n\nUser-agent: oborot\nUser-agent: x\nDisallow: /tmp/\n",
                                 "oborot");
  EXPECT_TRUE(r.Allowed("/news/"));
  EXPECT_FALSE(r.Allowed("/tmp/a"));
}

TEST(RobotsTest, EmptyAndSpecialCases) {
  EXPECT_TRUE(Robots::Parse("", "oborot").Allowed("/a"));
  EXPECT_TRUE(Robots::Parse("User-agent: *\nDisallow:\n", "oborot").Allowed("/a"));
  EXPECT_FALSE(Robots::DisallowAll().Allowed("/a"));
  EXPECT_TRUE(Robots::DisallowAll().Allowed("/robots.txt"));
  // A pathological pattern stays cheap (backtracking only to the last '*').
  std::string pattern = "Disallow: /";
  for (int i = 0; i < 200; ++i) pattern += "*a";
  const Robots r = Robots::Parse("User-agent: *\n" + pattern + "$\n", "oborot");
  EXPECT_TRUE(r.Allowed("/" + std::string(5000, 'a') + "b"));
}

}  // namespace
}  // namespace oborot::fetch
