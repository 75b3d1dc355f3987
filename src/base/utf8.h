// UTF-8 helpers used by every stage: validation, decoding, case folding and
// byte <-> code point offsets.
//
//   if (auto bad = oborot::FirstInvalidUtf8(text)) Report(*bad);
//   std::string key = oborot::FoldCase("Воронежской");  // "воронежской"
//
// Hand-written decoding (not ICU's UTF-8 macros) because every stage walks the
// text byte-wise while keeping byte offsets; case mapping itself is ICU's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oborot {

namespace utf8_detail {
// Any sequence, every malformed form -> U+FFFD and one byte (utf8.cc).
char32_t DecodeSlow(std::string_view s, size_t& i);
}  // namespace utf8_detail

// Decodes the code point at s[i] and advances i. On a malformed sequence
// returns U+FFFD and advances one byte. Inline: callers walk whole documents
// code point by code point, and ASCII and two-byte forms (Cyrillic) are
// nearly all of them.
inline char32_t NextCodePoint(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  if (b0 >= 0xC2 && b0 < 0xE0 && i + 1 < s.size()) {
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if ((b1 & 0xC0) == 0x80) {
      i += 2;
      return (static_cast<char32_t>(b0 & 0x1F) << 6) | (b1 & 0x3F);
    }
  }
  return utf8_detail::DecodeSlow(s, i);
}
// Decodes the code point ending just before s[i] and moves i back to its start.
char32_t PrevCodePoint(std::string_view s, size_t& i);
inline void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Byte offset of the first invalid UTF-8 sequence, or nullopt when valid.
std::optional<size_t> FirstInvalidUtf8(std::string_view s);
size_t CodePointCount(std::string_view s);

bool IsLetter(char32_t cp);
bool IsUpper(char32_t cp);
bool IsDigit(char32_t cp);
bool IsSpace(char32_t cp);  // includes NBSP, thin spaces and other Zs
bool IsDash(char32_t cp);   // hyphen-minus, en/em dashes, minus sign
char32_t ToLower(char32_t cp);

// Lower case with ё folded to е: the key used by every lookup.
std::string FoldCase(std::string_view s);
// True when the first letter of s is upper case.
bool StartsUpper(std::string_view s);

// Maps byte offsets of one string to code point offsets, built once per text.
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view s);
  size_t ToCodePoints(size_t byte_offset) const;

 private:
  // code point count at every 64th byte, refined by a short scan.
  std::vector<uint32_t> checkpoints_;
  std::string_view s_;
};

}  // namespace oborot
