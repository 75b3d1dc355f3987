#include "src/text/html_strip.h"

#include <cstddef>

namespace oborot::text::html {
namespace {

constexpr size_t npos = std::string_view::npos;

bool Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool Alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; }

bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (LowerAscii(s[i]) != lower[i]) return false;
  }
  return true;
}

// The '>' that ends the tag whose name ends at `j`, as the tokeniser's
// attribute states find it (a '>' inside a quoted value does not end it);
// npos when the page ends first.
size_t TagEnd(std::string_view s, size_t j) {
  enum class St { kBeforeName, kName, kAfterName, kBeforeValue, kUnquoted };
  St st = St::kBeforeName;
  for (; j < s.size(); ++j) {
    const char c = s[j];
    switch (st) {
      case St::kBeforeName:
        if (c == '>') return j;
        if (!Space(c) && c != '/') st = St::kName;  // '=' here starts a name
        break;
      case St::kName:
        if (c == '>') return j;
        if (Space(c))
          st = St::kAfterName;
        else if (c == '/')
          st = St::kBeforeName;
        else if (c == '=')
          st = St::kBeforeValue;
        break;
      case St::kAfterName:
        if (c == '>') return j;
        if (c == '=')
          st = St::kBeforeValue;
        else if (c == '/')
          st = St::kBeforeName;
        else if (!Space(c))
          st = St::kName;
        break;
      case St::kBeforeValue:
        if (c == '>') return j;
        if (c == '"' || c == '\'') {
          const size_t close = s.find(c, j + 1);
          if (close == npos) return npos;
          j = close;
          st = St::kBeforeName;
        } else if (!Space(c)) {
          st = St::kUnquoted;
        }
        break;
      case St::kUnquoted:
        if (c == '>') return j;
        if (Space(c)) st = St::kBeforeName;
        break;
    }
  }
  return npos;
}

// The start of the first "</name" followed by a space, '/' or '>' at or
// after `from` (ASCII case-insensitive); npos when there is none.
size_t EndTagOf(std::string_view s, size_t from, std::string_view name) {
  for (size_t at = s.find("</", from); at != npos; at = s.find("</", at + 2)) {
    const size_t after = at + 2 + name.size();
    if (after < s.size() && EqualsLower(s.substr(at + 2, name.size()), name) &&
        (Space(s[after]) || s[after] == '/' || s[after] == '>')) {
      return at;
    }
  }
  return npos;
}

}  // namespace

bool DropScriptBodies(std::string_view s, std::string* out) {
  size_t i = 0, copied = 0;
  int foreign = 0;  // depth of <svg>/<math>, whose contents are left alone
  bool changed = false;
  auto finish = [&]() {
    if (!changed) return false;
    out->append(s.substr(copied));
    return true;
  };
  out->clear();
  for (;;) {
    const size_t lt = s.find('<', i);
    if (lt == npos || lt + 1 >= s.size()) return finish();
    i = lt;
    const char next = s[i + 1];
    if (next == '!' || next == '?') {
      if (s.compare(i, 4, "<!--") == 0) {
        // "<!-->" and "<!--->" are whole (empty) comments.
        if (s.compare(i + 4, 1, ">") == 0) {
          i += 5;
          continue;
        }
        if (s.compare(i + 4, 2, "->") == 0) {
          i += 6;
          continue;
        }
        const size_t close = s.find("-->", i + 4);
        if (close == npos) return finish();
        const size_t bang = s.find("--!>", i + 4);
        if (bang != npos && bang < close) return finish();  // the tokeniser ends it there; give up
        i = close + 3;
        continue;
      }
      const size_t close = s.find('>', i + 2);  // a declaration or bogus comment
      if (close == npos) return finish();
      i = close + 1;
      continue;
    }
    const bool end_tag = next == '/';
    const size_t name_start = i + (end_tag ? 2 : 1);
    if (name_start >= s.size()) return finish();
    if (!Alpha(s[name_start])) {
      if (!end_tag) {
        ++i;  // "<" as text
        continue;
      }
      const size_t close = s.find('>', name_start);  // "</ ...>": a bogus comment
      if (close == npos) return finish();
      i = close + 1;
      continue;
    }
    size_t name_end = name_start;
    while (name_end < s.size() && !Space(s[name_end]) && s[name_end] != '/' && s[name_end] != '>') ++name_end;
    const std::string_view name = s.substr(name_start, name_end - name_start);
    const size_t gt = TagEnd(s, name_end);
    if (gt == npos) return finish();
    i = gt + 1;
    const bool svg_or_math = EqualsLower(name, "svg") || EqualsLower(name, "math");
    if (end_tag) {
      if (svg_or_math && foreign > 0) --foreign;
      continue;
    }
    if (svg_or_math) {
      if (s[gt - 1] != '/') ++foreign;
      continue;
    }
    if (foreign > 0) continue;
    if (EqualsLower(name, "plaintext")) return finish();  // the rest of the page is text
    std::string_view raw;
    for (std::string_view r :
         {"script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"}) {
      if (EqualsLower(name, r)) raw = r;
    }
    if (raw.empty()) continue;
    const size_t body_end = EndTagOf(s, i, raw);
    if (body_end == npos) return finish();
    const std::string_view body = s.substr(i, body_end - i);
    bool drop = raw == "style";
    if (raw == "script") {
      if (body.find("<!--") != npos) return finish();  // escaped script data: give up
      std::string attrs(s.substr(name_end, gt - name_end));
      for (char& c : attrs) c = LowerAscii(c);
      drop = attrs.find("ld+json") == npos;
    }
    if (drop && !body.empty()) {
      out->append(s.substr(copied, i - copied));
      copied = body_end;
      changed = true;
    }
    i = body_end;  // the end tag is read next, as an end tag
  }
}

}  // namespace oborot::text::html
