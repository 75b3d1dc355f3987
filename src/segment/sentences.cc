#include "src/segment/sentences.h"

#include <array>
#include <cstdint>
#include <cstring>

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "src/base/data.h"
#include "src/base/utf8.h"

namespace oborot::segment {
namespace {

// kind "abbrev": a period after it never ends a sentence; kind "soft": it ends
// one when a capitalised (not all-caps) word follows («…составил 500 млн. Это…»
// breaks, «…млрд. долл. США» does not); kind "year": as soft, only after a year
// («Минск, 5 мая 2024 г. Губернатор…» breaks, «в г. Минске» does not).
enum AbbrevKind : uint8_t { kHard = 0, kSoft = 1, kAfterYear = 2 };
const std::unordered_map<std::string, uint8_t>& AbbreviationKinds() {
  static const std::unordered_map<std::string, uint8_t> map = [] {
    std::unordered_map<std::string, uint8_t> s;
    auto rows = data::ReadTsv("lexicons/abbreviations.tsv");
    if (!rows.ok()) return s;  // validated at build time; without it only abbreviations split wrongly
    for (const auto& r : *rows) {
      std::string a = FoldCase(r.cols[0]);
      std::erase(a, ' ');
      const std::string kind = r.cols.size() > 1 ? r.cols[1] : "";
      s.emplace(std::move(a), kind == "soft" ? kSoft : kind == "year" ? kAfterYear : kHard);
    }
    return s;
  }();
  return map;
}

bool IsSoftAbbreviationBefore(std::string_view s, size_t dot, size_t sentence_start);

// A capitalised word that is not an all-caps abbreviation starts at s[at].
bool TitleWordAt(std::string_view s, size_t at) {
  size_t i = at;
  if (i >= s.size() || !IsUpper(NextCodePoint(s, i))) return false;
  if (i >= s.size()) return true;
  const char32_t second = NextCodePoint(s, i);
  return !IsUpper(second);
}

bool IsEndMark(char32_t cp) { return cp == U'.' || cp == U'!' || cp == U'?' || cp == U'…'; }
bool IsClosing(char32_t cp) {
  return cp == U'»' || cp == U'"' || cp == U'”' || cp == U'’' || cp == U'\'' || cp == U')' || cp == U']';
}
bool IsOpeningQuote(char32_t cp) { return cp == U'«' || cp == U'"' || cp == U'“' || cp == U'„' || cp == U'\''; }

Span TrimSpan(std::string_view s, size_t b, size_t e) {
  while (b < e) {
    size_t i = b;
    if (!IsSpace(NextCodePoint(s, i)) || i > e) break;
    b = i;
  }
  while (e > b) {
    size_t i = e;
    if (!IsSpace(PrevCodePoint(s, i)) || i < b) break;
    e = i;
  }
  return {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

// The word right before a period at `dot` (letters, digits, inner periods,
// hyphens, slashes), e.g. "т.е", "с.-х", "А.Г", "млн".
size_t WordStartBefore(std::string_view s, size_t dot, size_t floor) {
  size_t b = dot;
  while (b > floor) {
    size_t i = b;
    const char32_t cp = PrevCodePoint(s, i);
    if (!(IsLetter(cp) || IsDigit(cp) || cp == U'.' || cp == U'-' || cp == U'/')) break;
    b = i;
  }
  return b;
}

// True when the period at `dot` belongs to an abbreviation, an initial or a
// list number, so it does not end the sentence.
bool PeriodIsNotFinal(std::string_view s, size_t dot, size_t sentence_start) {
  const size_t b = WordStartBefore(s, dot, sentence_start);
  if (b == dot) return false;
  const std::string_view word = s.substr(b, dot - b);
  std::string key = FoldCase(word);
  key.push_back('.');
  if (IsAbbreviation(key)) return true;
  // «т. е.», «и. о.»: the previous dotted piece joined without the space.
  if (b >= 2 && s[b - 1] == ' ' && s[b - 2] == '.') {
    const size_t pb = WordStartBefore(s, b - 2, sentence_start);
    if (pb < b - 2 && CodePointCount(s.substr(pb, b - 2 - pb)) <= 3) {
      std::string joined = FoldCase(s.substr(pb, b - 1 - pb));
      joined += key;
      if (IsAbbreviation(joined)) return true;
    }
  }
  // Initials: "А", "А.Г" (single upper-case letters between periods).
  bool initials = true;
  size_t letters_in_piece = 0;
  for (size_t i = 0; i < word.size();) {
    const char32_t cp = NextCodePoint(word, i);
    if (cp == U'.') {
      if (letters_in_piece != 1) initials = false;
      letters_in_piece = 0;
    } else if (IsUpper(cp)) {
      ++letters_in_piece;
    } else {
      initials = false;
    }
  }
  if (initials && letters_in_piece == 1) return true;
  // "1." opening a numbered item.
  bool digits = true;
  for (char ch : word) digits = digits && ch >= '0' && ch <= '9';
  if (digits && TrimSpan(s, sentence_start, b).start == b) return true;
  return false;
}

// True when one of the eight bytes at p is '.', '!', '?' or 0xE2 (the lead
// byte of '…'): for each, the bytes equal to it become zero bytes, and a
// word with a zero byte has a borrow that reaches a high bit its byte did
// not have ("haszero" from Bit Twiddling Hacks; exact about whether any
// byte is zero). Most of a paragraph is letters, skipped a word at a time.
inline bool MayStartEndMark8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  constexpr uint64_t kOnes = ~uint64_t{0} / 255, kHigh = kOnes * 0x80;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  return (has_zero(x ^ (kOnes * '.')) | has_zero(x ^ (kOnes * '!')) | has_zero(x ^ (kOnes * '?')) |
          has_zero(x ^ (kOnes * 0xE2))) != 0;
}

// Appends the sentence t, broken into pieces of at most max_chars code
// points: at the last white space in a piece's last quarter, else exactly at
// the limit. Linear in the sentence.
void Push(std::string_view s, Span t, uint32_t index, std::vector<Sentence>& out, size_t max_chars,
          size_t* forced) {
  while (max_chars > 0 && t.end - t.start > max_chars) {  // bytes >= code points: most sentences stop here
    size_t i = t.start, n = 0, floor = t.start;
    while (i < t.end && n < max_chars) {
      NextCodePoint(s, i);
      if (++n == max_chars - max_chars / 4) floor = i;
    }
    if (i >= t.end) break;  // max_chars code points or fewer
    size_t cut = i;
    for (size_t k = i; k > floor;) {
      size_t prev = k;
      if (IsSpace(PrevCodePoint(s, prev))) {
        cut = prev;
        break;
      }
      k = prev;
    }
    const Span head = TrimSpan(s, t.start, cut);
    if (head.start < head.end) out.push_back({head.start, head.end, index});
    if (forced) ++*forced;
    t = TrimSpan(s, cut, t.end);
  }
  if (t.start < t.end) out.push_back({t.start, t.end, index});
}

void SplitParagraph(std::string_view s, Span p, uint32_t index, std::vector<Sentence>& out, size_t max_chars,
                    size_t* forced) {
  size_t start = p.start;
  size_t i = p.start;
  while (i < p.end) {
    // An end mark starts with '.', '!', '?' or 0xE2 (…); other bytes, UTF-8
    // continuation bytes included, are skipped without decoding, so i stays
    // on a code point boundary whenever it stops.
    static constexpr auto kMayStart = [] {
      std::array<bool, 256> t{};
      t['.'] = t['!'] = t['?'] = t[0xE2] = true;
      return t;
    }();
    while (i + 8 <= p.end && !MayStartEndMark8(s.data() + i)) i += 8;  // prose: eight bytes at a time
    while (i < p.end && !kMayStart[static_cast<unsigned char>(s[i])]) ++i;
    if (i >= p.end) break;
    const size_t mark = i;
    const char32_t cp = NextCodePoint(s, i);
    if (!IsEndMark(cp)) continue;
    size_t e = i;
    while (e < p.end) {  // a run of end marks: "?!", "...", "!.."
      size_t k = e;
      if (!IsEndMark(NextCodePoint(s, k))) break;
      e = k;
    }
    const bool single_period = cp == U'.' && e == i;
    while (e < p.end) {  // closing quotes and brackets stay with the sentence
      size_t k = e;
      if (!IsClosing(NextCodePoint(s, k))) break;
      e = k;
    }
    size_t n = e;
    while (n < p.end) {
      size_t k = n;
      if (!IsSpace(NextCodePoint(s, k))) break;
      n = k;
    }
    i = e;
    if (n == e || n >= p.end) continue;  // no space after, or the paragraph ends anyway
    size_t k = n;
    const char32_t next = NextCodePoint(s, k);
    bool breaks = IsUpper(next) || IsDigit(next) || IsOpeningQuote(next) || next == U'•' || next == U'(';
    if (IsDash(next)) {
      // «…сказал он. — Мы готовы» breaks; «…два года». — сказал он» does not.
      size_t m = k;
      while (m < p.end) {
        size_t q = m;
        if (!IsSpace(NextCodePoint(s, q))) break;
        m = q;
      }
      size_t q = m;
      breaks = m < p.end && IsUpper(NextCodePoint(s, q));
    }
    if (breaks && single_period && PeriodIsNotFinal(s, mark, start) &&
        !(IsSoftAbbreviationBefore(s, mark, start) && TitleWordAt(s, n))) {
      breaks = false;
    }
    if (!breaks) continue;
    Push(s, TrimSpan(s, start, e), index, out, max_chars, forced);
    start = n;
    i = n;
  }
  Push(s, TrimSpan(s, start, p.end), index, out, max_chars, forced);
}

}  // namespace

bool IsAbbreviation(std::string_view folded_with_period) {
  return AbbreviationKinds().count(std::string(folded_with_period)) > 0;
}

namespace {
bool IsSoftAbbreviationBefore(std::string_view s, size_t dot, size_t sentence_start) {
  const size_t b = WordStartBefore(s, dot, sentence_start);
  if (b == dot) return false;
  std::string key = FoldCase(s.substr(b, dot - b));
  key.push_back('.');
  auto it = AbbreviationKinds().find(key);
  if (it == AbbreviationKinds().end() || it->second == kHard) return false;
  if (it->second == kSoft) return true;
  // kAfterYear: four digits and a space before the word
  if (b < sentence_start + 5 || s[b - 1] != ' ') return false;
  for (size_t k = b - 5; k < b - 1; ++k) {
    if (s[k] < '0' || s[k] > '9') return false;
  }
  return b - 5 == sentence_start || !(s[b - 6] >= '0' && s[b - 6] <= '9');
}
}  // namespace

std::vector<Span> SplitParagraphs(std::string_view text) {
  std::vector<Span> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    const Span t = TrimSpan(text, pos, end);
    if (t.start < t.end) out.push_back(t);
    if (end >= text.size()) break;
    pos = end + 1;
  }
  return out;
}

std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Span>& paragraphs, size_t max_chars,
                                     size_t* forced) {
  std::vector<Sentence> out;
  out.reserve(paragraphs.size() * 3);
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    SplitParagraph(text, paragraphs[p], static_cast<uint32_t>(p), out, max_chars, forced);
  }
  return out;
}

void SegmentDocument(Document& doc, size_t max_chars, std::string_view source) {
  if (doc.paragraphs.empty()) doc.paragraphs = SplitParagraphs(doc.text);
  size_t forced = 0;
  doc.sentences = SplitSentences(doc.text, doc.paragraphs, max_chars, &forced);
  if (forced > 0) {
    doc.warnings.push_back((source.empty() ? doc.source : std::string(source)) + ": " + std::to_string(forced) + (forced == 1 ? " sentence" : " sentences") +
                           " broken at " + std::to_string(max_chars) + " characters (--max-sentence-chars " +
                           std::to_string(max_chars) + ")");
  }
}

}  // namespace oborot::segment
