// robots.txt, as RFC 9309 reads it: the group for our user-agent token (or
// "*"), Allow/Disallow rules matched by the longest pattern ("*" any run of
// characters, "$" the end), Allow winning a tie; Crawl-delay kept as advice.
//
//   auto robots = oborot::fetch::Robots::Parse(body, "oborot");
//   if (!robots.Allowed("/private/page.html")) Skip();
//
// Hand-written: Debian packages no robots.txt parser (Google's robotstxt is
// not packaged), and the format is a few line-oriented rules. Lines over
// 8 KiB and files over 500 KiB are cut, as RFC 9309 allows.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oborot::fetch {

class Robots {
 public:
  static Robots Parse(std::string_view text, std::string_view agent);
  static Robots AllowAll() { return Robots(); }
  static Robots DisallowAll();

  bool Allowed(std::string_view path_and_query) const;
  // Seconds from Crawl-delay in our group, if any.
  std::optional<double> crawl_delay() const { return crawl_delay_; }

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;
  };
  static bool Matches(std::string_view pattern, std::string_view path);
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
};

}  // namespace oborot::fetch
