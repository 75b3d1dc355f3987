#include "src/fetch/robots.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace oborot::fetch {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

Robots Robots::DisallowAll() {
  Robots r;
  r.rules_.push_back({false, "/"});
  return r;
}

Robots Robots::Parse(std::string_view text, std::string_view agent) {
  if (text.size() > 500 * 1024) text = text.substr(0, 500 * 1024);
  const std::string me = Lower(agent);
  // Groups: consecutive user-agent lines, then their rules. Ours is the
  // group naming our token; else the "*" group. Several groups for the same
  // agent are merged (RFC 9309, 2.2.1).
  Robots mine, star;
  bool have_mine = false, have_star = false;
  bool in_agents = false;        // the previous line was a user-agent line
  bool group_mine = false, group_star = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, std::min<size_t>(nl - pos, 8192));
    pos = nl + 1;
    line = line.substr(0, line.find('#'));
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = Lower(Trim(line.substr(0, colon)));
    const std::string_view value = Trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!in_agents) group_mine = group_star = false;
      in_agents = true;
      const std::string v = Lower(value);
      if (v == "*") {
        group_star = have_star = true;
      } else if (!v.empty() && me.rfind(v, 0) == 0) {
        group_mine = have_mine = true;
      }
      continue;
    }
    in_agents = false;
    if (key == "allow" || key == "disallow") {
      if (value.empty()) continue;  // "Disallow:" allows everything
      const Rule rule{key == "allow", std::string(value)};
      if (group_mine) mine.rules_.push_back(rule);
      if (group_star) star.rules_.push_back(rule);
    } else if (key == "crawl-delay") {
      char* end = nullptr;
      const std::string v(value);
      const double d = std::strtod(v.c_str(), &end);
      if (end != v.c_str() && d >= 0) {
        if (group_mine) mine.crawl_delay_ = d;
        if (group_star) star.crawl_delay_ = d;
      }
    }
  }
  if (have_mine) return mine;
  if (have_star) return star;
  return Robots();
}

bool Robots::Matches(std::string_view pattern, std::string_view path) {
  // Iterative wildcard match with backtracking to the last '*': linear in
  // practice, at most |pattern| x |path| steps.
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  size_t p = 0, s = 0, star_p = std::string_view::npos, star_s = 0;
  while (s < path.size()) {
    if (p == pattern.size() && !anchored) return true;  // a prefix matched
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = p++;
      star_s = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (star_p != std::string_view::npos) {
      p = star_p + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool Robots::Allowed(std::string_view path) const {
  if (path == "/robots.txt") return true;
  size_t best = 0;
  bool allowed = true, matched = false;
  for (const Rule& r : rules_) {
    if (!Matches(r.pattern, path)) continue;
    const size_t len = r.pattern.size();
    if (!matched || len > best || (len == best && r.allow)) {
      best = len;
      allowed = r.allow;
      matched = true;
    }
  }
  return allowed;
}

}  // namespace oborot::fetch
