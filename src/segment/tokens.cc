#include "src/segment/tokens.h"

#include <utility>

#include "src/base/sse2_bytes.h"
#include "src/base/utf8.h"

namespace oborot::segment {
namespace {

// Inline answers for ASCII and the basic Cyrillic letters А..я, which are
// nearly every code point of the text; the rest asks src/base/utf8.h. The
// results are the same as the general functions' (utf8_test checks those).
// Decoding is NextCodePoint, whose ASCII and two-byte paths are inline.
inline bool Letter(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (c >= 0x410 && c <= 0x44F) return true;
  return IsLetter(c);
}

inline bool Upper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0x410 && c <= 0x44F) return c < 0x430;
  return IsUpper(c);
}

inline bool Blank(char32_t c) {
  if (c < 0x80) return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
  if (c >= 0x400 && c <= 0x52F) return false;  // Cyrillic: no spaces there
  return IsSpace(c) || c == 0xAD || c == 0x200B || c == 0xFEFF;
}

// The end of the run of lower-case basic letters (a..z, а..я) at byte i:
// most letters of running text, tested on bytes without decoding. Every
// letter of the run is a letter, not upper case and already folded.
inline size_t LowerBasicRunScalar(const unsigned char* p, size_t n, size_t i) {
  while (i < n) {
    const unsigned char b = p[i];
    if (b >= 'a' && b <= 'z') {
      ++i;
    } else if (i + 1 < n && ((b == 0xD0 && p[i + 1] >= 0xB0 && p[i + 1] <= 0xBF) ||
                             (b == 0xD1 && p[i + 1] >= 0x80 && p[i + 1] <= 0x8F))) {
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

// LowerBasicRunScalar, 16 bytes at a time where SSE2 is there (every x86-64).
// Hand-written because the byte loop was two thirds of Tokenize, the engine's
// largest own cost (~15 instructions per Cyrillic letter; callgrind,
// bench/RESULTS.md, sixth round). In a block, byte k belongs to the run when
// it is a..z, or a lead D0/D1 whose next byte is the matching continuation
// (B0..BF / 80..8F), or the continuation of such a pair at k - 1; neither a
// continuation nor an ASCII letter can be a lead, so the run ends at the
// first byte that is none of these, as in the byte loop. A pair may straddle
// the block's end (its next byte is loaded too); the following block then
// starts after it. tokens_test compares Tokenize with a reference.
inline size_t LowerBasicRun(std::string_view text, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
#if defined(__SSE2__)
  while (i + 17 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    const uint32_t pairs = sse2::LowerCyrillicLeads(v, next);
    const auto ascii = static_cast<uint32_t>(_mm_movemask_epi8(sse2::InRange(v, 'a', 'z' - 'a')));
    const uint32_t in_run = ascii | pairs | (pairs << 1);
    const uint32_t out = ~in_run & 0xFFFFu;
    if (out != 0) return i + static_cast<size_t>(__builtin_ctz(out));
    i += 16 - (pairs >> 15);  // a pair begun at byte 15 ends at 17
  }
#endif
  return LowerBasicRunScalar(p, n, i);
}

// True when the bytes at p[e] (e < n) surely end a word begun before them:
// an ASCII character that is not a letter, a no-break space, « or », or
// U+2000..U+203F (dashes, quotes, the ellipsis, thin and zero-width spaces),
// none of which is a letter, a combining accent or the soft hyphen.
inline bool SurelyEndsWord(const unsigned char* p, size_t e, size_t n) {
  const unsigned char b = p[e];
  if (b < 0x80) return (b | 0x20) < 'a' || (b | 0x20) > 'z';
  if (e + 1 >= n) return false;
  if (b == 0xC2) return p[e + 1] == 0xA0 || p[e + 1] == 0xAB || p[e + 1] == 0xBB;
  return b == 0xE2 && p[e + 1] == 0x80;  // e + 2 < n is not needed: the code point is U+2000..U+203F or invalid
}

}  // namespace

Tokens Tokenize(std::string_view text, uint32_t base) {
  Tokens out;
  out.reserve(text.size() / 6);
  // Folds that differ from the text go end to end into `folded`; their views
  // are set once it is complete (appending may move it). `pending` holds the
  // token index and the fold's offset in `folded`.
  std::string folded;
  std::vector<std::pair<uint32_t, uint32_t>> pending;
  auto begin_folded = [&]() {
    pending.emplace_back(static_cast<uint32_t>(out.size() - 1), static_cast<uint32_t>(folded.size()));
  };
  size_t i = 0;
  bool space = false;
  bool newline = false;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  while (i < n) {
    // Fast paths for the commonest bytes, with the same result as the general
    // path below: a space, and a word of basic letters (a..z, а..я, after an
    // optional capital A..Z or А..Я) followed by a byte that surely ends it.
    const unsigned char b0 = p[i];
    if (b0 == ' ') {
      space = true;
      ++i;
      continue;
    }
    {
      size_t j = i;
      bool capital = false;
      if (b0 >= 'a' && b0 <= 'z') {
        j = i + 1;
      } else if (b0 >= 'A' && b0 <= 'Z') {
        j = i + 1;
        capital = true;
      } else if (i + 1 < n && b0 == 0xD0 && p[i + 1] >= 0x90 && p[i + 1] <= 0xBF) {  // А..Я, а..п
        j = i + 2;
        capital = p[i + 1] < 0xB0;
      } else if (i + 1 < n && b0 == 0xD1 && p[i + 1] >= 0x80 && p[i + 1] <= 0x8F) {  // р..я
        j = i + 2;
      }
      if (j != i) {
        const size_t e = LowerBasicRun(text, j);
        if (e == n || SurelyEndsWord(p, e, n)) {
          Token& t = out.emplace_back();
          t.start = static_cast<uint32_t>(i) + base;
          t.end = static_cast<uint32_t>(e) + base;
          t.kind = TokenKind::kWord;
          t.upper_initial = capital;
          t.all_upper = false;  // a capital alone, or followed by lower-case letters
          t.space_before = space;
          t.newline_before = newline;
          space = newline = false;
          if (!capital) {
            t.fold = text.substr(i, e - i);
          } else {
            begin_folded();
            if (j == i + 1) {
              folded.push_back(static_cast<char>(b0 + 32));
            } else {
              const char32_t cp = (static_cast<char32_t>(b0 & 0x1F) << 6) | (p[i + 1] & 0x3F);
              AppendUtf8(folded, cp + 32);
            }
            folded.append(text.substr(j, e - j));
          }
          i = e;
          continue;
        }
      }
    }
    const size_t at = i;
    const char32_t cp = NextCodePoint(text, i);
    if (Blank(cp)) {
      space = true;
      newline |= cp == '\n';
      continue;
    }
    Token& t = out.emplace_back();
    t.start = static_cast<uint32_t>(at) + base;
    t.space_before = space;
    t.newline_before = newline;
    space = newline = false;
    if (Letter(cp)) {
      t.kind = TokenKind::kWord;
      t.upper_initial = Upper(cp);
      bool all_upper = t.upper_initial;
      // already folded: lower-case ASCII or а..я only (no capital, no ё)
      auto lower_basic = [](char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 0x430 && c <= 0x44F); };
      bool tail_folded = true;  // every letter after the first is already folded
      const size_t first_end = i;
      int letters = 1;
      bool skipped = false;  // a combining accent or soft hyphen inside the word
      while (i < text.size()) {
        if (const size_t run = LowerBasicRun(text, i); run != i) {
          all_upper = false;
          letters += 2;  // at least one more letter; only "more than one" matters
          i = run;
          continue;
        }
        size_t j = i;
        const char32_t c = NextCodePoint(text, j);
        // letters, combining accents and the soft hyphen continue a word
        if (c == 0x301 || c == 0xAD) {
          skipped = true;
          i = j;
          continue;
        }
        if (!Letter(c)) break;
        all_upper &= Upper(c);
        tail_folded &= lower_basic(c);
        ++letters;
        i = j;
      }
      t.all_upper = all_upper && letters > 1;
      const bool basic_capital = (cp >= 'A' && cp <= 'Z') || (cp >= 0x410 && cp <= 0x42F);  // not Ё
      if (lower_basic(cp) && tail_folded && !skipped) {
        t.fold = text.substr(at, i - at);
      } else if (!skipped && tail_folded && basic_capital) {  // "Минск": lower-case the capital only
        begin_folded();
        AppendUtf8(folded, cp + 32);
        folded.append(text.substr(first_end, i - first_end));
      } else if (!skipped) {
        begin_folded();
        char buf[4];
        for (size_t k = at; k < i;) folded.append(buf, FoldNextCodePoint(text, k, buf));
      } else {
        begin_folded();
        for (size_t k = at; k < i;) {
          const char32_t c = NextCodePoint(text, k);
          if (c == 0x301 || c == 0xAD) continue;
          const char32_t low = ToLower(c);
          AppendUtf8(folded, low == 0x451 ? 0x435 : low);
        }
      }
    } else if (cp >= '0' && cp <= '9') {
      t.kind = TokenKind::kNumber;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
      t.fold = text.substr(at, i - at);
    } else {
      t.kind = TokenKind::kPunct;
      t.fold = text.substr(at, i - at);
    }
    t.end = static_cast<uint32_t>(i) + base;
  }
  if (!pending.empty()) {
    auto buffer = std::make_shared<const std::string>(std::move(folded));
    const std::string_view all = *buffer;
    for (size_t k = 0; k < pending.size(); ++k) {
      const uint32_t from = pending[k].second;
      const uint32_t to = k + 1 < pending.size() ? pending[k + 1].second : static_cast<uint32_t>(all.size());
      out[pending[k].first].fold = all.substr(from, to - from);
    }
    out.folded_ = std::move(buffer);
  }
  return out;
}

}  // namespace oborot::segment
