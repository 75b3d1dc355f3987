#include "tests/cases_runner/case_file.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include "src/base/utf8.h"

namespace oborot::cases {
namespace {

using nlohmann::json;

constexpr std::string_view kSeparator = "----";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> SplitLines(std::string_view s) {
  std::vector<std::string_view> lines;
  while (!s.empty()) {
    size_t nl = s.find('\n');
    std::string_view line = s.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return lines;
}

Status Bad(std::string_view path, size_t line, const std::string& what) {
  return Status(StatusCode::kInvalidInput, std::string(path) + ":" + std::to_string(line) + ": " + what);
}

bool IsPartyList(const json& j) {
  if (!j.is_array() || j.size() != 2) return false;
  return j[0].is_string() && j[1].is_string() && j[0].get<std::string>() <= j[1].get<std::string>();
}

// What an expected line of each type must hold; empty when it is complete.
std::string CheckExpected(const json& j) {
  if (!j.is_object()) return "not a JSON object";
  if (!j.contains("type") || !j["type"].is_string()) return "no \"type\"";
  const std::string type = j["type"];
  if (type == "turnover" || type == "turnover_change" || type == "meeting" || type == "trade_flow") {
    if (!j.contains("parties") || !IsPartyList(j["parties"])) return "\"parties\" must be two sorted codes";
    if (j.contains("year") && !j["year"].is_null() && !j["year"].is_number_integer()) return "bad \"year\"";
  }
  if (type == "trade_flow") {
    for (const char* k : {"from", "to"}) {
      if (!j.contains(k) || !j[k].is_string()) return std::string("no \"") + k + "\"";
    }
    const std::set<std::string> sides = {j["parties"][0].get<std::string>(), j["parties"][1].get<std::string>()};
    if (!sides.contains(j["from"].get<std::string>()) || !sides.contains(j["to"].get<std::string>()) ||
        j["from"] == j["to"]) {
      return "\"from\" and \"to\" must be the two parties";
    }
  }
  if (type == "turnover" || type == "trade_flow") {
    if (!j.contains("status") || (j["status"] != "actual" && j["status"] != "target")) return "bad \"status\"";
    if (!j.contains("value") || !j["value"].is_number() || j["value"].get<double>() <= 0) return "bad \"value\"";
    if (!j.contains("currency") || !j["currency"].is_string()) return "no \"currency\"";
    if (j.contains("qualifier")) {
      static const std::set<std::string> kQualifiers = {"exact", "more_than", "less_than", "approx"};
      if (!j["qualifier"].is_string() || !kQualifiers.contains(j["qualifier"].get<std::string>())) {
        return "bad \"qualifier\"";
      }
    }
    return "";
  }
  if (type == "turnover_change") {
    if (!j.contains("percent") || !j["percent"].is_number()) return "bad \"percent\"";
    return "";
  }
  if (type == "meeting") {
    if (j.contains("date") && !j["date"].is_null() && !j["date"].is_string()) return "bad \"date\"";
    if (j.contains("participants")) {
      if (!j["participants"].is_array()) return "bad \"participants\"";
      for (const json& p : j["participants"]) {
        if (!p.is_object() || !p.contains("name") || !p["name"].is_string()) return "participant without a name";
      }
    }
    return "";
  }
  if (type == "organization" || type == "project") {
    return j.contains("name") && j["name"].is_string() ? "" : "no \"name\"";
  }
  if (type == "sector") return j.contains("sector") && j["sector"].is_string() ? "" : "no \"sector\"";
  return "unknown type \"" + type + "\"";
}

std::set<std::string> Parties(const json& f) {
  std::set<std::string> out;
  if (!f.contains("parties") || !f["parties"].is_array()) return out;
  for (const json& p : f["parties"]) {
    if (!p.is_string()) continue;
    std::string s = p;
    std::transform(s.begin(), s.end(), s.begin(), [](char c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; });
    out.insert(std::move(s));
  }
  return out;
}

std::string Str(const json& f, const char* key, std::string_view fallback = "") {
  if (f.contains(key) && f[key].is_string()) return f[key];
  return std::string(fallback);
}

bool Flag(const json& f, const char* key) { return f.contains(key) && f[key].is_boolean() && f[key].get<bool>(); }

// Lower case, ё -> е, runs of spaces to one, so «Александр  Лукашенко» == «александр лукашенко».
std::string FoldName(std::string_view s) {
  std::string folded = FoldCase(s);
  std::string out;
  bool space = false;
  for (char c : folded) {
    if (c == ' ' || c == '\t' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The "year"/"date" rule: absent in expected = not checked; null = must be null.
bool OptionalFieldMatches(const json& expected, const json& predicted, const char* key) {
  if (!expected.contains(key)) return true;
  const json& want = expected[key];
  bool have_null = !predicted.contains(key) || predicted[key].is_null();
  if (want.is_null()) return have_null;
  return !have_null && predicted[key] == want;
}

bool NumberWithin(const json& expected, const json& predicted, const char* key, double tolerance, bool relative) {
  if (!expected.contains(key) || !predicted.contains(key)) return false;
  if (!expected[key].is_number() || !predicted[key].is_number()) return false;
  double want = expected[key];
  double have = predicted[key];
  if (!relative) return std::fabs(have - want) <= tolerance;
  if (want == 0) return false;
  return std::fabs(have - want) / std::fabs(want) <= tolerance;
}

bool MeetingMatches(const json& e, const json& p) {
  if (!OptionalFieldMatches(e, p, "date")) return false;
  if (e.contains("place") && e["place"].is_string() && FoldName(Str(e, "place")) != FoldName(Str(p, "place"))) {
    return false;
  }
  if (!e.contains("participants")) return true;
  std::set<std::string> have;
  if (p.contains("participants") && p["participants"].is_array()) {
    for (const json& x : p["participants"]) {
      if (x.is_object()) have.insert(FoldName(Str(x, "name")));
    }
  }
  for (const json& x : e["participants"]) {
    if (!have.contains(FoldName(Str(x, "name")))) return false;
  }
  return true;
}

// Kuhn's augmenting paths: a maximum matching, so that an early expected line
// cannot take the one prediction a later line needed (the lists are short).
bool Augment(size_t e, const std::vector<std::vector<size_t>>& edges, std::vector<bool>& seen,
             std::vector<long>& owner) {
  for (size_t p : edges[e]) {
    if (seen[p]) continue;
    seen[p] = true;
    if (owner[p] < 0 || Augment(static_cast<size_t>(owner[p]), edges, seen, owner)) {
      owner[p] = static_cast<long>(e);
      return true;
    }
  }
  return false;
}

json Shown(const json& f) {
  json out = f;
  if (out.is_object()) {
    out.erase("doc");
    out.erase("evidence");
    out.erase("rule");
  }
  return out;
}

}  // namespace

Result<Case> ParseCase(std::string_view content, std::string_view path) {
  Case c;
  c.path = std::string(path);
  c.id = std::filesystem::path(std::string(path)).stem().string();
  std::vector<std::string_view> lines = SplitLines(content);
  size_t i = 0;
  for (; i < lines.size() && !lines[i].empty() && lines[i][0] == '#'; ++i) {
    std::string_view h = Trim(lines[i].substr(1));
    size_t colon = h.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = Trim(h.substr(0, colon));
    std::string_view value = Trim(h.substr(colon + 1));
    if (key == "name") {
      c.name = std::string(value);
    } else if (key == "title") {
      c.title = std::string(value);
    } else if (key == "published") {
      c.published = std::string(value.substr(0, value.find_first_of(" \t")));
      if (c.published.size() < 10) return Bad(path, i + 1, "\"published\" must start with YYYY-MM-DD");
    }
  }
  if (c.name.empty()) return Bad(path, 1, "no \"# name:\" header");
  size_t sep = i;
  while (sep < lines.size() && Trim(lines[sep]) != kSeparator) ++sep;
  if (sep == lines.size()) return Bad(path, lines.size(), "no \"----\" line");
  for (size_t k = i; k < sep; ++k) {
    c.text.append(lines[k]);
    c.text += '\n';
  }
  if (Trim(c.text).empty()) return Bad(path, i + 1, "no article text");
  for (size_t k = sep + 1; k < lines.size(); ++k) {
    std::string_view line = Trim(lines[k]);
    if (line.empty() || line[0] == '#') continue;
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return Bad(path, k + 1, "not JSON: " + std::string(line));
    if (std::string why = CheckExpected(j); !why.empty()) return Bad(path, k + 1, why);
    c.expected.push_back(std::move(j));
  }
  return c;
}

bool IsStrictType(std::string_view type) {
  return type == "turnover" || type == "turnover_change" || type == "meeting" || type == "trade_flow";
}

bool FactMatches(const json& e, const json& p) {
  if (!e.is_object() || !p.is_object()) return false;
  const std::string type = Str(e, "type");
  if (type != Str(p, "type")) return false;
  if (type == "organization") return FoldName(Str(e, "name")) == FoldName(Str(p, "name"));
  if (type == "sector") return Str(e, "sector") == Str(p, "sector");
  if (type == "project") return FoldName(Str(p, "name")).find(FoldName(Str(e, "name"))) != std::string::npos;
  if (!IsStrictType(type)) return false;
  if (Parties(e) != Parties(p)) return false;
  if (e.contains("speaker") && FoldName(Str(e, "speaker")) != FoldName(Str(p, "speaker"))) return false;
  if (type == "meeting") return MeetingMatches(e, p);
  if (Flag(e, "sectoral") != Flag(p, "sectoral")) return false;
  if (!OptionalFieldMatches(e, p, "year")) return false;
  if (type == "turnover_change") return NumberWithin(e, p, "percent", 1.0, /*relative=*/false);
  if (type == "trade_flow" && (Str(e, "from") != Str(p, "from") || Str(e, "to") != Str(p, "to"))) return false;
  if (Str(e, "status") != Str(p, "status")) return false;
  std::string want_cur = Str(e, "currency"), have_cur = Str(p, "currency");
  for (std::string* s : {&want_cur, &have_cur}) {
    std::transform(s->begin(), s->end(), s->begin(), [](char c) { return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c; });
  }
  if (want_cur != have_cur) return false;
  if (Str(e, "qualifier", "exact") != Str(p, "qualifier", "exact")) return false;
  return NumberWithin(e, p, "value", 0.02, /*relative=*/true);
}

MatchReport MatchFacts(const std::vector<json>& expected, const std::vector<json>& predicted) {
  MatchReport report;
  std::vector<size_t> strict;  // indices of expected strict facts
  for (size_t e = 0; e < expected.size(); ++e) {
    const std::string type = Str(expected[e], "type");
    if (IsStrictType(type)) {
      strict.push_back(e);
      continue;
    }
    // Presence types: any prediction will do, and several lines may share one.
    bool found =
        std::any_of(predicted.begin(), predicted.end(), [&](const json& p) { return FactMatches(expected[e], p); });
    if (!found) report.missing.push_back(Shown(expected[e]));
  }
  std::vector<std::vector<size_t>> edges(strict.size());
  for (size_t k = 0; k < strict.size(); ++k) {
    for (size_t p = 0; p < predicted.size(); ++p) {
      if (FactMatches(expected[strict[k]], predicted[p])) edges[k].push_back(p);
    }
  }
  std::vector<long> owner(predicted.size(), -1);
  std::vector<bool> matched(strict.size(), false);
  for (size_t k = 0; k < strict.size(); ++k) {
    std::vector<bool> seen(predicted.size(), false);
    Augment(k, edges, seen, owner);
  }
  for (long o : owner) {
    if (o >= 0) matched[static_cast<size_t>(o)] = true;
  }
  for (size_t k = 0; k < strict.size(); ++k) {
    if (!matched[k]) report.missing.push_back(Shown(expected[strict[k]]));
  }
  for (size_t p = 0; p < predicted.size(); ++p) {
    if (owner[p] < 0 && predicted[p].is_object() && IsStrictType(Str(predicted[p], "type"))) {
      report.unexpected.push_back(Shown(predicted[p]));
    }
  }
  return report;
}

std::string MatchReport::ToString() const {
  std::ostringstream out;
  for (const json& f : missing) out << "missing:    " << f.dump() << "\n";
  for (const json& f : unexpected) out << "unexpected: " << f.dump() << "\n";
  return out.str();
}

std::vector<std::string> FindCaseFiles(const std::string& root) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) return out;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".case") out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string TestName(std::string_view path, std::string_view root) {
  std::string_view rel = path;
  if (rel.substr(0, root.size()) == root) rel.remove_prefix(root.size());
  while (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);
  if (rel.size() >= 5 && rel.substr(rel.size() - 5) == ".case") rel.remove_suffix(5);
  std::string out;
  for (char c : rel) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    out += ok ? c : '_';
  }
  return out.empty() ? "unnamed" : out;
}

}  // namespace oborot::cases
