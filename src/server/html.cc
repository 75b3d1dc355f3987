#include "src/server/html.h"

namespace oborot::server {
namespace {

// Inserts a backslash after the '<' of every case-insensitive occurrence of
// `needle` (lower-case ASCII starting with '<'), keeping the original case.
std::string BreakUp(std::string_view text, std::string_view needle) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    bool match = i + needle.size() <= text.size();
    for (size_t k = 0; match && k < needle.size(); ++k) {
      char c = text[i + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      match = c == needle[k];
    }
    out += text[i];
    if (match) out += '\\';
  }
  return out;
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string JsonText(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string JsonForScript(const nlohmann::ordered_json& j) {
  const std::string s = JsonText(j);
  std::string out;
  out.reserve(s.size() + 64);
  // <, >, & and U+2028/9 occur in JSON text only inside strings, where a \u
  // escape means the same character.
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' && (s[i + 2] == '\xA8' || s[i + 2] == '\xA9')) {
      out += s[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string ScriptForInline(std::string_view js) { return BreakUp(BreakUp(js, "</script"), "<!--"); }

std::string StyleForInline(std::string_view css) { return BreakUp(css, "</style"); }

}  // namespace oborot::server
