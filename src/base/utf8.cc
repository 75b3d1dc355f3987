#include "src/base/utf8.h"

#include <algorithm>
#include <cstring>

#include <simdjson.h>
#include <unicode/uchar.h>

#include "src/base/sse2_bytes.h"

namespace oborot {

namespace utf8_detail {

// The general decoder: any length, every malformed form -> U+FFFD, one byte.
char32_t DecodeSlow(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + static_cast<size_t>(len) > s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and out-of-range values are malformed.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += static_cast<size_t>(len);
  return cp;
}

}  // namespace utf8_detail

char32_t PrevCodePoint(std::string_view s, size_t& i) {
  if (i == 0) return 0;
  size_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  size_t j = start;
  const char32_t cp = NextCodePoint(s, j);
  if (j != i) {  // malformed: step back one byte only
    i -= 1;
    return 0xFFFD;
  }
  i = start;
  return cp;
}


std::optional<size_t> FirstInvalidUtf8(std::string_view s) {
  // Nearly every input is valid: simdjson's SIMD validator (a library made
  // for the job, already a dependency) answers that at a fraction of an
  // instruction per byte. Its validity is RFC 3629's, the same as
  // DecodeSlow's: overlong forms, surrogates and code points past U+10FFFF
  // are malformed. Only an invalid input is scanned below for the offset.
  if (simdjson::validate_utf8(s.data(), s.size())) return std::nullopt;
  size_t i = 0;
  while (i < s.size()) {
    if (i + 8 <= s.size()) {
      if (const size_t n = utf8_detail::AsciiOrTwoByteBlock(s.data() + i)) {
        i += n;
        continue;
      }
    }
    // one code point the long way: a longer sequence, or the text's tail
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    const size_t at = i;
    const char32_t cp = NextCodePoint(s, i);
    if (cp == 0xFFFD && i - at == 1) return at;
  }
  return std::nullopt;
}

namespace {
// UTF-8 continuation bytes (10xxxxxx) among the eight bytes at p: a byte
// counts when its top bit is set and the next bit is clear.
inline int ContinuationBytes8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  // one bit per continuation byte, moved to the byte's low bit, then summed by
  // a multiplication (no POPCNT in the x86-64 baseline)
  const uint64_t ones = (x & ~(x << 1) & 0x8080808080808080ull) >> 7;
  return static_cast<int>((ones * 0x0101010101010101ull) >> 56);
}
}  // namespace

size_t CodePointCount(std::string_view s) {
  // Code points are the bytes that are not continuations: counted 16 bytes at
  // a time where SSE2 is there (per-lane counters, summed every 255 blocks at
  // most), then eight at a time. CodePointIndex and CleanText count every
  // document's text: 12.8 M instructions of the pipeline bench with the
  // eight-byte loop alone, 4.2 M fewer with this one (callgrind,
  // bench/RESULTS.md, sixth round).
  size_t n = 0;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i last_continuation = _mm_set1_epi8(static_cast<char>(0xBF));  // -65 as a signed byte
  while (i + 16 <= s.size()) {
    const size_t blocks = std::min<size_t>((s.size() - i) / 16, 255);
    __m128i counts = _mm_setzero_si128();
    for (size_t b = 0; b < blocks; ++b, i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      // signed bytes above -65: 00..7F and C0..FF, every byte but 80..BF (a lane of -1)
      counts = _mm_sub_epi8(counts, _mm_cmpgt_epi8(v, last_continuation));
    }
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
    n += static_cast<size_t>(_mm_cvtsi128_si32(sums)) + static_cast<size_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  for (; i + 8 <= s.size(); i += 8) n += 8 - static_cast<size_t>(ContinuationBytes8(s.data() + i));
  for (; i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

// Character classes and case: ASCII, Latin-1, the basic Cyrillic block and
// general punctuation are answered here (they are almost every code point of
// the news this project reads); everything else asks ICU. utf8_test.cc checks
// every code point against ICU.

bool IsLetter(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  if (cp >= 0x400 && cp <= 0x52F) return cp <= 0x481 || cp >= 0x48A;  // 482 sign, 483-489 combining marks
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // general punctuation
  return u_isalpha(static_cast<UChar32>(cp));
}
bool IsUpper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0x400 && cp <= 0x45F) return cp < 0x430;
  if (cp >= 0x2000 && cp <= 0x206F) return false;
  return u_isupper(static_cast<UChar32>(cp));
}
bool IsDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }
bool IsSpace(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
  if (cp < 0x1680) return cp == 0x85 || cp == 0xA0;  // no other white space below OGHAM SPACE MARK
  return cp == 0x2007 || cp == 0x2009 || cp == 0x202F || u_isUWhiteSpace(static_cast<UChar32>(cp));
}
bool IsDash(char32_t cp) {
  return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2012 || cp == 0x2013 || cp == 0x2014 ||
         cp == 0x2015 || cp == 0x2212;
}
char32_t ToLower(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  if (cp >= 0x430 && cp <= 0x45F) return cp;
  if (cp < 0xC0) return cp;
  if (cp <= 0xDE) return cp == 0xD7 ? cp : cp + 32;
  if (cp <= 0xFF) return cp;
  if (cp >= 0x2000 && cp <= 0x206F) return cp;
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
}

namespace utf8_detail {

size_t FoldSlow(std::string_view s, size_t& i, char* out) {
  char32_t cp = ToLower(NextCodePoint(s, i));
  if (cp == 0x451) cp = 0x435;  // ё -> е
  std::string enc;
  AppendUtf8(enc, cp);
  std::copy(enc.begin(), enc.end(), out);
  return enc.size();
}

}  // namespace utf8_detail

std::string FoldCase(std::string_view s) {
  // FoldNextCodePoint per code point (byte-level fast paths for ASCII and
  // basic Cyrillic). The buffer keeps four bytes of room beyond what the rest
  // of the input needs; only a code point whose lower case is longer than
  // itself (the slow path, rarely) eats into it, and then the room is renewed.
  const size_t n = s.size();
  std::string out;
  out.resize(n + 4);
  size_t o = 0;
  size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < n) {
#if defined(__SSE2__)
    // Runs that fold to themselves, 16 bytes at a time: ASCII other than
    // A..Z, and а..п (D0 B0..BF) and р..я (D1 80..8F) with their lead byte in
    // the block (a pair may straddle its end: its next byte is loaded too).
    // Copied as they are. Hand-written because FoldCase was 3 % of the
    // engine's instructions, 30.7 M, and is 19.3 M with this loop (callgrind,
    // bench/RESULTS.md, sixth round); utf8_test compares FoldCase with ICU on
    // texts that put every kind of byte at every position of a block.
    while (i + 17 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
      const uint32_t pairs = sse2::LowerCyrillicLeads(v, next);
      // ASCII (top bit clear) and not A..Z
      const auto ascii = static_cast<uint32_t>(_mm_movemask_epi8(sse2::InRange(v, 0, 0x7F)) &
                                               ~_mm_movemask_epi8(sse2::InRange(v, 'A', 'Z' - 'A')));
      const uint32_t keep = (ascii | pairs | (pairs << 1)) & 0xFFFFu;
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out.data() + o), v);  // out has n - i + 4 bytes of room
      if (keep != 0xFFFFu) {
        const auto run = static_cast<size_t>(__builtin_ctz(~keep));
        i += run;
        o += run;
        break;
      }
      const size_t run = 16 - (pairs >> 15);  // a pair begun at byte 15 ends at 17
      i += run;
      o += run;
    }
    if (i >= n) break;
#endif
    o += FoldNextCodePoint(s, i, out.data() + o);
    if (out.size() - o < (n - i) + 4) out.resize(o + (n - i) + 4);
  }
  out.resize(o);
  return out;
}

bool StartsUpper(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const char32_t cp = NextCodePoint(s, i);
    if (IsLetter(cp)) return IsUpper(cp);
  }
  return false;
}

CodePointIndex::CodePointIndex(std::string_view s) : s_(s) {
  checkpoints_.reserve(s.size() / 64 + 1);
  size_t n = 0;
  for (size_t block = 0; block < s.size(); block += 64) {
    checkpoints_.push_back(static_cast<uint32_t>(n));
    n += CodePointCount(s.substr(block, 64));
  }
}

size_t CodePointIndex::ToCodePoints(size_t byte_offset) const {
  if (byte_offset > s_.size()) byte_offset = s_.size();
  const size_t block = byte_offset / 64;
  if (block >= checkpoints_.size()) return CodePointCount(s_);
  return checkpoints_[block] + CodePointCount(s_.substr(block * 64, byte_offset - block * 64));
}

}  // namespace oborot
