#include "src/text/html_prescan.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <cstring>
#include <vector>

#include "src/base/string_map.h"

// Hand-rolled: no Debian-packaged HTML parser offers depth or element limits
// (gumbo 0.10 has none; lexbor and html5ever are not in Debian 12), and the
// tokenising needed to count tags is a page of code. The model of implied
// end tags follows the HTML standard's tree construction for the elements
// that real pages leave unclosed; anything it gets wrong errs towards a
// deeper estimate, which only flattens a page earlier.

namespace oborot::text::html {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// A lower-case tag name; names longer than the buffer keep their first
// characters (no HTML element name is that long, so they stay unknown).
struct Name {
  std::array<char, 16> buf{};
  uint8_t size = 0;
  std::string_view view() const { return {buf.data(), size}; }
  bool operator==(const Name& o) const { return view() == o.view(); }
};

Name MakeName(std::string_view raw) {
  Name n;
  n.size = static_cast<uint8_t>(std::min<size_t>(raw.size(), n.buf.size()));
  for (size_t i = 0; i < n.size; ++i) n.buf[i] = LowerAscii(raw[i]);
  return n;
}

// What the model needs to know of an element name, as bits.
enum : uint16_t {
  kVoid = 1,         // never has contents (<br>, <img>)
  kRawText = 2,      // contents are text up to the end tag (<script>, <style>, <title>)
  kFormatting = 4,   // kept in the active formatting list (<b>, <font>, <a>)
  kClosesP = 8,      // its start tag closes an open <p>
  kScope = 16,       // a scope boundary ("has an element in scope" stops there)
  kHeading = 32,     // <h1>..<h6>
  kForeign = 64,     // <svg>, <math>: foreign content
};

struct NameFlags {
  std::string_view name;
  uint16_t flags;
};

constexpr NameFlags kNames[] = {
    {"a", kFormatting},
    {"address", kClosesP},
    {"applet", kScope},
    {"area", kVoid},
    {"article", kClosesP},
    {"aside", kClosesP},
    {"b", kFormatting},
    {"base", kVoid},
    {"basefont", kVoid},
    {"bgsound", kVoid},
    {"big", kFormatting},
    {"blockquote", kClosesP},
    {"br", kVoid},
    {"caption", kScope},
    {"center", kClosesP},
    {"code", kFormatting},
    {"col", kVoid},
    {"dd", kClosesP},
    {"details", kClosesP},
    {"dialog", kClosesP},
    {"dir", kClosesP},
    {"div", kClosesP},
    {"dl", kClosesP},
    {"dt", kClosesP},
    {"em", kFormatting},
    {"embed", kVoid},
    {"fieldset", kClosesP},
    {"figcaption", kClosesP},
    {"figure", kClosesP},
    {"font", kFormatting},
    {"footer", kClosesP},
    {"form", kClosesP},
    {"frame", kVoid},
    {"h1", kClosesP | kHeading},
    {"h2", kClosesP | kHeading},
    {"h3", kClosesP | kHeading},
    {"h4", kClosesP | kHeading},
    {"h5", kClosesP | kHeading},
    {"h6", kClosesP | kHeading},
    {"header", kClosesP},
    {"hgroup", kClosesP},
    {"hr", kVoid | kClosesP},
    {"html", kScope},
    {"i", kFormatting},
    {"iframe", kRawText},
    {"image", kVoid},
    {"img", kVoid},
    {"input", kVoid},
    {"keygen", kVoid},
    {"li", kClosesP},
    {"link", kVoid},
    {"listing", kClosesP},
    {"main", kClosesP},
    {"marquee", kScope},
    {"math", kScope | kForeign},
    {"menu", kClosesP},
    {"meta", kVoid},
    {"nav", kClosesP},
    {"nobr", kFormatting},
    {"noembed", kRawText},
    {"noframes", kRawText},
    {"object", kScope},
    {"ol", kClosesP},
    {"p", kClosesP},
    {"param", kVoid},
    {"plaintext", kClosesP},
    {"pre", kClosesP},
    {"s", kFormatting},
    {"script", kRawText},
    {"section", kClosesP},
    {"small", kFormatting},
    {"source", kVoid},
    {"strike", kFormatting},
    {"strong", kFormatting},
    {"style", kRawText},
    {"summary", kClosesP},
    {"svg", kScope | kForeign},
    {"table", kClosesP | kScope},
    {"td", kScope},
    {"template", kScope},
    {"textarea", kRawText},
    {"th", kScope},
    {"title", kRawText},
    {"track", kVoid},
    {"tt", kFormatting},
    {"u", kFormatting},
    {"ul", kClosesP},
    {"wbr", kVoid},
    {"xmp", kClosesP | kRawText},
};

// One hash probe per tag (a binary search over the names cost more than the
// rest of the pre-scan).
uint16_t FlagsOf(std::string_view n) {
  static const StringMap<uint16_t>* const map = [] {
    auto* m = new StringMap<uint16_t>();
    for (const NameFlags& e : kNames) m->try_emplace(std::string(e.name), e.flags);
    return m;
  }();
  const auto it = map->find(n);
  return it != map->end() ? it->second : 0;
}

class Model {
 public:
  explicit Model(const PrescanLimits& limits)
      : limits_(limits), max_formatting_(limits.depth == SIZE_MAX ? SIZE_MAX : std::max<size_t>(8, limits.depth / 8)) {}

  // A start tag: false when it must be dropped (too deep, too many
  // formatting elements left open).
  bool Start(const Name& name, uint16_t flags, bool self_closing, size_t* deep, size_t* formatting) {
    const std::string_view n = name.view();
    if (!foreign() && (flags & kVoid)) return true;
    if (self_closing && foreign()) return true;
    ImpliedEnds(n, flags);
    if ((flags & kFormatting) && formatting_open_ >= max_formatting_) {
      ++*formatting;
      return false;
    }
    if (stack_.size() >= limits_.depth && !(flags & kRawText)) {
      ++*deep;
      return false;
    }
    stack_.push_back({name, flags});
    if (flags & kFormatting) ++formatting_open_;
    if (flags & kForeign) ++foreign_;
    max_depth_ = std::max(max_depth_, stack_.size());
    return true;
  }

  void End(const Name& name, uint16_t flags) {
    if ((flags & kFormatting) && formatting_open_ > 0) --formatting_open_;
    for (size_t k = stack_.size(); k-- > 0;) {
      if (stack_[k].name == name) {
        PopTo(k);
        return;
      }
    }
  }

  bool foreign() const { return foreign_ > 0; }
  size_t max_depth() const { return max_depth_; }

 private:
  struct Open {
    Name name;
    uint16_t flags;
  };

  // Pops the elements at stack_[k] and above.
  void PopTo(size_t k) {
    while (stack_.size() > k) {
      if (stack_.back().flags & kForeign) --foreign_;
      stack_.pop_back();
    }
  }

  // Closes the nearest open element named `n` unless an element for which
  // `stop` is true comes first.
  template <typename Stop>
  void CloseIfOpen(std::string_view n, Stop stop) {
    for (size_t k = stack_.size(); k-- > 0;) {
      if (stack_[k].name.view() == n) {
        PopTo(k);
        return;
      }
      if (stop(stack_[k])) return;
    }
  }

  void ImpliedEnds(std::string_view n, uint16_t flags) {
    auto button_scope = [](const Open& e) { return (e.flags & kScope) || e.name.view() == "button"; };
    auto list_scope = [](const Open& e) {
      return (e.flags & kScope) || e.name.view() == "ol" || e.name.view() == "ul";
    };
    auto table_scope = [](const Open& e) {
      const std::string_view v = e.name.view();
      return v == "html" || v == "table" || v == "template";
    };
    auto nothing = [](const Open&) { return false; };
    if (flags & kClosesP) CloseIfOpen("p", button_scope);
    if (n == "li") CloseIfOpen("li", list_scope);
    if (n == "dd" || n == "dt") {
      CloseIfOpen("dd", button_scope);
      CloseIfOpen("dt", button_scope);
    }
    if ((n == "option" || n == "optgroup") && !stack_.empty() && stack_.back().name.view() == "option") {
      PopTo(stack_.size() - 1);
    }
    if ((flags & kHeading) && !stack_.empty() && (stack_.back().flags & kHeading)) PopTo(stack_.size() - 1);
    const bool row_part = n == "tr" || n == "tbody" || n == "thead" || n == "tfoot";
    if (n == "td" || n == "th" || row_part) {
      CloseIfOpen("td", table_scope);
      CloseIfOpen("th", table_scope);
    }
    if (row_part) CloseIfOpen("tr", table_scope);
    if (n == "tbody" || n == "thead" || n == "tfoot") {
      CloseIfOpen("tbody", table_scope);
      CloseIfOpen("thead", table_scope);
      CloseIfOpen("tfoot", table_scope);
    }
    if (n == "a" || n == "nobr" || n == "button" || n == "select" || n == "form") CloseIfOpen(n, nothing);
  }

  PrescanLimits limits_;
  size_t max_formatting_;
  std::vector<Open> stack_;
  size_t formatting_open_ = 0;
  size_t foreign_ = 0;
  size_t max_depth_ = 0;
};

// Case-insensitive search for "</name" followed by a space, '/' or '>' from `from`.
size_t FindEndTag(std::string_view s, std::string_view name, size_t from) {
  for (size_t i = s.find("</", from); i != std::string_view::npos; i = s.find("</", i + 2)) {
    const size_t after = i + 2 + name.size();
    if (after > s.size()) return std::string_view::npos;
    bool same = true;
    for (size_t k = 0; k < name.size() && same; ++k) same = LowerAscii(s[i + 2 + k]) == name[k];
    if (same && (after == s.size() || IsHtmlSpace(s[after]) || s[after] == '/' || s[after] == '>')) return i;
  }
  return std::string_view::npos;
}

// The tag starting at s[i] == '<' with a name from s[name_start]: reads the
// name and attributes up to the closing '>' as a tokeniser does. Fills the
// end (one past '>', or s.size() when the page ends inside the tag), the
// number of attributes, where the attribute at `keep` starts (the first
// attribute to drop), and whether the tag closes itself ("/>").
struct Tag {
  size_t name_start = 0, name_end = 0, end = 0;
  size_t attributes = 0;
  size_t cut_from = 0;  // byte where attribute number `keep` begins (0: fewer)
  bool self_closing = false;
  bool complete = false;  // the '>' was found
};

Tag ReadTag(std::string_view s, size_t name_start, size_t keep) {
  Tag t;
  t.name_start = name_start;
  size_t i = name_start;
  while (i < s.size() && !IsHtmlSpace(s[i]) && s[i] != '/' && s[i] != '>') ++i;
  t.name_end = i;
  while (i < s.size()) {
    const char c = s[i];
    if (IsHtmlSpace(c)) {
      ++i;
      continue;
    }
    if (c == '>') {
      t.end = i + 1;
      t.complete = true;
      return t;
    }
    if (c == '/') {
      ++i;
      if (i < s.size() && s[i] == '>') {
        t.self_closing = true;
        t.end = i + 1;
        t.complete = true;
        return t;
      }
      continue;
    }
    // an attribute: name (its first character may be '='), then = value
    if (t.attributes == keep) t.cut_from = i;
    ++t.attributes;
    ++i;
    while (i < s.size() && !IsHtmlSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=') ++i;
    size_t j = i;
    while (j < s.size() && IsHtmlSpace(s[j])) ++j;
    if (j < s.size() && s[j] == '=') {
      ++j;
      while (j < s.size() && IsHtmlSpace(s[j])) ++j;
      if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
        const size_t close = s.find(s[j], j + 1);
        if (close == std::string_view::npos) {
          t.end = s.size();
          return t;
        }
        i = close + 1;
      } else {
        while (j < s.size() && !IsHtmlSpace(s[j]) && s[j] != '>') ++j;
        i = j;
      }
    }
  }
  t.end = s.size();
  return t;
}

}  // namespace

Prescanned PrescanHtml(std::string_view s, const PrescanLimits& given) {
  // 0: no limit
  const PrescanLimits limits{.elements = given.elements > 0 ? given.elements : SIZE_MAX,
                             .depth = given.depth > 0 ? given.depth : SIZE_MAX,
                             .attributes = given.attributes > 0 ? given.attributes : SIZE_MAX};
  Prescanned r;
  r.original = s;
  Model model(limits);
  size_t copied = 0;  // bytes of s already in r.rewritten (when changed)
  // Replaces s[from, to) by `with` in the rewritten page.
  auto replace = [&](size_t from, size_t to, std::string_view with) {
    if (!r.changed) {
      r.changed = true;
      r.rewritten.reserve(s.size());
    }
    r.rewritten.append(s.substr(copied, from - copied));
    r.rewritten.append(with);
    copied = to;
  };
  size_t i = 0;
  while (i < s.size()) {
    const size_t lt = s.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= s.size()) break;
    const char c = s[lt + 1];
    if (c == '!') {
      if (s.compare(lt, 4, "<!--") == 0) {
        const size_t close = s.find("-->", lt + 4);
        i = close == std::string_view::npos ? s.size() : close + 3;
      } else if (s.compare(lt, 9, "<![CDATA[") == 0 && model.foreign()) {
        const size_t close = s.find("]]>", lt + 9);
        i = close == std::string_view::npos ? s.size() : close + 3;
      } else {
        const size_t close = s.find('>', lt + 2);
        i = close == std::string_view::npos ? s.size() : close + 1;
      }
      continue;
    }
    if (c == '?') {
      const size_t close = s.find('>', lt + 2);
      i = close == std::string_view::npos ? s.size() : close + 1;
      continue;
    }
    if (c == '/') {
      if (lt + 2 < s.size() && IsAsciiAlpha(s[lt + 2])) {
        const Tag t = ReadTag(s, lt + 2, SIZE_MAX);
        const Name name = MakeName(s.substr(t.name_start, t.name_end - t.name_start));
        model.End(name, FlagsOf(name.view()));
        i = t.end;
      } else {
        i = lt + 2;
      }
      continue;
    }
    if (!IsAsciiAlpha(c)) {
      i = lt + 1;
      continue;
    }
    // a start tag
    const Tag t = ReadTag(s, lt + 1, limits.attributes);
    const Name name = MakeName(s.substr(t.name_start, t.name_end - t.name_start));
    const uint16_t flags = FlagsOf(name.view());
    if (!model.Start(name, flags, t.self_closing, &r.deep_dropped, &r.formatting_dropped)) {
      replace(lt, t.end, " ");  // dropped: its text stays, in the enclosing element
      i = t.end;
      continue;
    }
    // Only the elements kept count: dropped ones cost gumbo nothing.
    if (r.elements >= limits.elements) {
      r.cut_at = lt;
      replace(lt, s.size(), "");
      break;
    }
    ++r.elements;
    if (t.attributes > limits.attributes && t.complete) {
      r.attributes_dropped += t.attributes - limits.attributes;
      replace(t.cut_from, t.end, t.self_closing ? "/>" : ">");
    }
    i = t.end;
    const std::string_view n = name.view();
    if (t.complete && !model.foreign() && (flags & kRawText)) {
      // contents are text up to the end tag, which closes the element
      const size_t close = FindEndTag(s, n, i);
      if (close == std::string_view::npos) break;
      const Tag end = ReadTag(s, close + 2, SIZE_MAX);
      model.End(name, flags);
      i = end.end;
    } else if (t.complete && !model.foreign() && n == "plaintext") {
      break;  // the rest of the page is text
    }
  }
  if (r.changed && copied < s.size()) r.rewritten.append(s.substr(copied));
  r.max_depth = model.max_depth();
  return r;
}

}  // namespace oborot::text::html
