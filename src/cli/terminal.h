// What oborot writes for a person to read (the terminal table, messages on
// standard error) never carries the control characters of its data. A
// document's text, a fetched page's title or a file's name can hold an
// escape sequence (ESC ] 0 ; title BEL sets the terminal's title, ESC [ 2 J
// clears the screen, a carriage return overwrites the line already written):
// printed as is, a news page would write to the analyst's terminal.
//
//   std::string cell = ShowControls("a\x1b[2Jb");   // "a\\x1b[2Jb"
//   ControlFilter filter(std::cerr.rdbuf());        // in main(): every message
//   std::cerr.rdbuf(&filter);
//
// Control characters are C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F,
// the bytes C2 80 - C2 9F in UTF-8); each is written as a visible escape
// ("\x1b", "\u009b"). Data formats (JSON, CSV, xlsx) keep the text as it is:
// JSON escapes controls itself, and CSV and xlsx are data, not a display.
#pragma once

#include <streambuf>
#include <string>
#include <string_view>

namespace oborot::cli {

namespace terminal_detail {
inline void AppendEscape(std::string& out, unsigned code, bool unicode) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += unicode ? "\\u00" : "\\x";
  out.push_back(kHex[(code >> 4) & 15]);
  out.push_back(kHex[code & 15]);
}
}  // namespace terminal_detail

// `s` with every control character but those in `keep` (for example "\n\t")
// written as a visible escape. Other bytes, valid UTF-8 or not, are kept.
inline std::string ShowControls(std::string_view s, std::string_view keep = {}) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const auto u = static_cast<unsigned char>(s[i]);
    if ((u < 0x20 || u == 0x7f) && keep.find(s[i]) == std::string_view::npos) {
      terminal_detail::AppendEscape(out, u, false);
    } else if (u == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9f) {
      terminal_detail::AppendEscape(out, static_cast<unsigned char>(s[++i]), true);
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// A stream buffer that passes everything on to `out` but control
// characters, which it writes as ShowControls does (keeping newlines and
// tabs). Unbuffered: each write goes on at once, so lines stay in order with
// what the C library writes to the same file (the progress line).
class ControlFilter : public std::streambuf {
 public:
  explicit ControlFilter(std::streambuf* out) : out_(out) {}

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    const char c = traits_type::to_char_type(ch);
    return Put(std::string_view(&c, 1)) ? ch : traits_type::eof();
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    return Put(std::string_view(s, static_cast<size_t>(n))) ? n : 0;
  }
  int sync() override {
    if (pending_c2_) Flush("\xc2");
    return out_->pubsync();
  }

 private:
  bool Put(std::string_view s) {
    std::string text;
    if (pending_c2_) {
      text = "\xc2";
      pending_c2_ = false;
    }
    text.append(s);
    // A C2 lead byte at the end may begin a C1 control: held for the next write.
    if (!text.empty() && static_cast<unsigned char>(text.back()) == 0xc2) {
      pending_c2_ = true;
      text.pop_back();
    }
    return Flush(ShowControls(text, "\n\t"));
  }
  bool Flush(const std::string& text) {
    return out_->sputn(text.data(), static_cast<std::streamsize>(text.size())) ==
           static_cast<std::streamsize>(text.size());
  }

  std::streambuf* out_;
  bool pending_c2_ = false;
};

}  // namespace oborot::cli
