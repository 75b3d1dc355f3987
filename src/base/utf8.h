// UTF-8 helpers used by every stage: validation, decoding, case folding and
// byte <-> code point offsets.
//
//   if (auto bad = oborot::FirstInvalidUtf8(text)) Report(*bad);
//   std::string key = oborot::FoldCase("Воронежской");  // "воронежской"
//
// Hand-written decoding (not ICU's UTF-8 macros) because every stage walks the
// text byte-wise while keeping byte offsets; case mapping itself is ICU's.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oborot {

namespace utf8_detail {
// Any sequence, every malformed form -> U+FFFD and one byte (utf8.cc).
char32_t DecodeSlow(std::string_view s, size_t& i);

// Folded second bytes of the two-byte forms D0 80..BF and D1 80..BF: the
// high byte of an entry is the new lead byte, the low byte the new second
// byte; 0 means "not basic Cyrillic, take the general path".
struct CyrillicFoldTable {
  uint16_t map[2][64] = {};
  constexpr CyrillicFoldTable() {
    for (unsigned lead = 0; lead < 2; ++lead) {
      for (unsigned b1 = 0x80; b1 <= 0xBF; ++b1) {
        const char32_t cp = ((0xD0u + lead - 0xC0u) << 6) | (b1 & 0x3Fu);  // U+0400..U+047F
        char32_t low = 0;
        if (cp >= 0x410 && cp <= 0x42F) low = cp + 32;       // А..Я
        else if (cp >= 0x400 && cp <= 0x40F) low = cp + 80;  // Ѐ..Џ
        else if (cp >= 0x430 && cp <= 0x45F) low = cp;       // а..я, ѐ..џ
        else continue;                                       // Ѡ.. and beyond: ICU
        if (low == 0x451) low = 0x435;                       // ё -> е
        map[lead][b1 - 0x80] = static_cast<uint16_t>(((0xC0u | (low >> 6)) << 8) | (0x80u | (low & 0x3Fu)));
      }
    }
  }
};
inline constexpr CyrillicFoldTable kCyrillicFold;

// FoldNextCodePoint beyond ASCII and basic Cyrillic (utf8.cc).
size_t FoldSlow(std::string_view s, size_t& i, char* out);

static_assert(std::endian::native == std::endian::little, "the word-at-a-time scans read byte k + 1 eight bits up");

// How many of the eight bytes at p, read from a code point boundary, are
// ASCII or whole well-formed two-byte sequences (C2..DF then a continuation
// byte), as 8, 7 (the last byte is a lead byte whose continuation lies
// beyond) or 0 (anything else in the block: decode it one code point at a
// time). Bit tricks on one 64-bit word (FirstInvalidUtf8, and the JSON
// writer where SSE2 is missing): Russian text is nearly all such blocks.
inline size_t AsciiOrTwoByteBlock(const char* p) {
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  uint64_t x;
  std::memcpy(&x, p, 8);
  const uint64_t top = x & kHigh;
  if (top == 0) return 8;
  const uint64_t bit6 = (x << 1) & kHigh;  // each byte's bit 6, moved to bit 7
  const uint64_t bit5 = (x << 2) & kHigh;
  const uint64_t cont = top & ~bit6;          // 10xxxxxx
  const uint64_t lead = top & bit6 & ~bit5;   // 110xxxxx
  if ((top & bit6 & bit5) != 0) return 0;     // 111xxxxx: a longer sequence
  // C0 and C1 (overlong) have bits 1..4 clear; adding 0x7F to those bits
  // carries into bit 7 exactly when one of them is set.
  const uint64_t bits1to4_clear = ~((x & 0x1E1E1E1E1E1E1E1Eull) + 0x7F7F7F7F7F7F7F7Full) & kHigh;
  if ((lead & bits1to4_clear) != 0) return 0;
  // Every lead byte is followed by a continuation byte, and every
  // continuation byte follows a lead byte (byte k + 1 is 8 bits higher).
  if (cont != (lead << 8)) return 0;
  return (lead >> 56) != 0 ? 7 : 8;
}
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

// The basic Cyrillic letter at s[i] (U+0400..U+045F, two bytes) folded, as
// (lead byte << 8 | second byte); 0 when s[i] starts anything else.
inline uint16_t FoldedCyrillicAt(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if ((b0 & 0xFE) != 0xD0 || i + 1 >= s.size()) return 0;
  const unsigned idx = static_cast<unsigned char>(s[i + 1]) - 0x80u;
  return idx < 64 ? utf8_detail::kCyrillicFold.map[b0 & 1][idx] : 0;
}
// FoldCase one code point at a time, for scans that match folded text
// without building it: writes the folded form of the code point at s[i]
// (1 to 4 bytes) to out, advances i past it and returns the byte count.
// Concatenating the outputs over s gives FoldCase(s), which is built on it.
inline size_t FoldNextCodePoint(std::string_view s, size_t& i, char* out) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    out[0] = static_cast<char>(b0 >= 'A' && b0 <= 'Z' ? b0 + 32 : b0);
    ++i;
    return 1;
  }
  if (const uint16_t v = FoldedCyrillicAt(s, i)) {
    out[0] = static_cast<char>(v >> 8);
    out[1] = static_cast<char>(v & 0xFF);
    i += 2;
    return 2;
  }
  return utf8_detail::FoldSlow(s, i, out);
}
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
