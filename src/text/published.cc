#include "src/text/published.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "src/base/data.h"
#include "src/base/utf8.h"

namespace oborot::text {
namespace {

struct DateLexicon {
  std::unordered_map<std::string, int> months;         // folded form -> 1..12
  std::vector<std::pair<std::string, int>> relative;   // folded phrase -> year offset (-1: last year)
  std::vector<std::string> compare;                    // «по сравнению с»
  std::unordered_set<std::string> year_words;          // «года», «г»
  std::unordered_set<std::string> weekdays;            // «четверг», «чт»
  std::unordered_set<std::string> place_words;         // «область»: lower-case words of a dateline's place
  // Boyer-Moore-Horspool searchers for relative[i] and compare[i], built once:
  // find()'s memchr on the first byte stops at every other byte of Cyrillic
  // UTF-8 (0xD0/0xD1), BMH skips by the phrase length.
  using Searcher = std::boyer_moore_horspool_searcher<std::string::const_iterator>;
  std::vector<Searcher> relative_search, compare_search;
};

// The first occurrence of pattern (searched by s) in hay at or after from, as std::string_view::find.
size_t FindFrom(std::string_view hay, size_t from, const std::string& pattern, const DateLexicon::Searcher& s) {
  if (pattern.empty() || from >= hay.size()) return hay.find(pattern, from);
  const auto [b, e] = s(hay.begin() + static_cast<std::ptrdiff_t>(from), hay.end());
  return b == hay.end() ? std::string_view::npos : static_cast<size_t>(b - hay.begin());
}

const DateLexicon& Lexicon() {
  static const DateLexicon lex = [] {
    DateLexicon l;
    auto rows = data::ReadTsv("lexicons/text_dates.tsv", 3);
    if (!rows.ok()) return l;  // validated at build time
    for (const auto& r : *rows) {
      std::string form = FoldCase(r.cols[0]);
      const int value = std::atoi(r.cols[2].c_str());
      if (r.cols[1] == "month") l.months.emplace(std::move(form), value);
      else if (r.cols[1] == "relative_year") l.relative.emplace_back(std::move(form), value);
      else if (r.cols[1] == "compare") l.compare.push_back(std::move(form));
      else if (r.cols[1] == "year_word") l.year_words.insert(std::move(form));
      else if (r.cols[1] == "weekday") l.weekdays.insert(std::move(form));
      else if (r.cols[1] == "place_word") l.place_words.insert(std::move(form));
    }
    for (const auto& [phrase, offset] : l.relative) l.relative_search.emplace_back(phrase.begin(), phrase.end());
    for (const auto& phrase : l.compare) l.compare_search.emplace_back(phrase.begin(), phrase.end());
    return l;
  }();
  return lex;
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Reads a run of ASCII digits at s[i]; returns its value and length.
size_t Digits(std::string_view s, size_t i, int* value) {
  size_t j = i;
  int v = 0;
  while (j < s.size() && IsAsciiDigit(s[j]) && j - i < 9) v = v * 10 + (s[j++] - '0');
  *value = v;
  return j - i;
}

// Skips spaces (ASCII and Unicode) from i; returns the new index.
size_t SkipSpaces(std::string_view s, size_t i) {
  while (i < s.size()) {
    size_t j = i;
    if (!IsSpace(NextCodePoint(s, j))) break;
    i = j;
  }
  return i;
}

// Reads a word of letters at s[i]; returns its end.
size_t WordEnd(std::string_view s, size_t i) {
  while (i < s.size()) {
    size_t j = i;
    if (!IsLetter(NextCodePoint(s, j))) break;
    i = j;
  }
  return i;
}

bool RealDate(const Date& d) {
  if (!d.valid()) return false;
  if (d.year == 0) return d.day <= 31;
  return Date::FromDayNumber(d.DayNumber()) == d;
}

bool PlausibleYear(int y) { return y >= 1990 && y <= 2100; }

// A time "14:35" at s[i], possibly after ", " or " | ": returns its end or i.
size_t TimeAfter(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && (s[j] == ' ' || s[j] == ',' || s[j] == '|' || s[j] == 'T')) ++j;
  int h = 0, m = 0;
  const size_t nh = Digits(s, j, &h);
  if (nh < 1 || nh > 2 || j + nh >= s.size() || s[j + nh] != ':') return i;
  const size_t nm = Digits(s, j + nh + 1, &m);
  if (nm != 2 || h > 23 || m > 59) return i;
  j += nh + 1 + nm;
  if (j + 2 < s.size() && s[j] == ':' && IsAsciiDigit(s[j + 1]) && IsAsciiDigit(s[j + 2])) j += 3;
  return j;
}

// A trailing «года», «г.», «г» after a year; returns the new end.
size_t YearWordAfter(std::string_view s, size_t i) {
  const size_t j = SkipSpaces(s, i);
  const size_t e = WordEnd(s, j);
  if (e == j || !Lexicon().year_words.count(FoldCase(s.substr(j, e - j)))) return i;
  return e < s.size() && s[e] == '.' ? e + 1 : e;
}

std::optional<DateMention> DateAt(std::string_view s, size_t i) {
  int a = 0;
  const size_t na = Digits(s, i, &a);
  DateMention m;
  m.span.start = static_cast<uint32_t>(i);
  size_t j = i + na;
  if (na == 4 && j < s.size() && s[j] == '-') {  // 2024-06-10
    int mo = 0, d = 0;
    if (Digits(s, j + 1, &mo) == 2 && j + 3 < s.size() && s[j + 3] == '-' && Digits(s, j + 4, &d) == 2) {
      m.date = {a, mo, d};
      m.has_year = true;
      m.form = DateForm::kIso;
      j += 6;
      const size_t t = TimeAfter(s, j);
      m.has_time = t != j;
      j = t;
      if (m.has_time) {  // seconds fraction and zone: "+03:00", "Z"
        while (j < s.size() && (IsAsciiDigit(s[j]) || s[j] == '+' || s[j] == ':' || s[j] == 'Z' || s[j] == '.')) ++j;
      }
    }
  } else if (na >= 1 && na <= 2) {
    const char sep = j < s.size() ? s[j] : 0;
    if (sep == '.' || sep == '-' || sep == '/') {  // 23.12.2024, 20-05-2013, 20/05/2013
      int mo = 0;
      const size_t nm = Digits(s, j + 1, &mo);
      const size_t ys = j + 2 + nm, ye = ys + 4;  // the year's digits
      int y = 0;
      const bool four = nm >= 1 && nm <= 2 && ys <= s.size() && s[j + 1 + nm] == sep && ye <= s.size() &&
                        Digits(s.substr(0, ye), ys, &y) == 4;
      // «05.06.202114:20»: a time glued to the year
      const size_t glued = four && ye < s.size() && IsAsciiDigit(s[ye]) ? TimeAfter(s, ye) : ye;
      if (four && (ye >= s.size() || !IsAsciiDigit(s[ye]) || glued != ye)) {
        m.date = {y, mo, a};
        m.has_year = true;
        m.form = DateForm::kNumeric;
        j = ye;
        if (glued != ye) {
          m.has_time = true;
          j = glued;
        } else {
          j = YearWordAfter(s, j);
          const size_t t = TimeAfter(s, j);
          m.has_time = t != j;
          j = t;
        }
      }
    } else {  // 10 июня 2024 года / 10 июн
      const size_t w = SkipSpaces(s, j);
      const size_t we = WordEnd(s, w);
      if (w > j && we > w) {
        auto it = Lexicon().months.find(FoldCase(s.substr(w, we - w)));
        if (it != Lexicon().months.end()) {
          m.date = {0, it->second, a};
          m.form = DateForm::kWords;
          j = we;
          if (j < s.size() && s[j] == '.') ++j;
          const size_t ys = SkipSpaces(s, j);
          int y = 0;
          if (Digits(s, ys, &y) == 4 && !(ys + 4 < s.size() && IsAsciiDigit(s[ys + 4])) && PlausibleYear(y)) {
            m.date.year = y;
            m.has_year = true;
            j = YearWordAfter(s, ys + 4);
          }
          const size_t t = TimeAfter(s, j);
          m.has_time = t != j;
          j = t;
        }
      }
    }
  }
  if (m.date.month == 0) return std::nullopt;
  if (m.has_year && !PlausibleYear(m.date.year)) return std::nullopt;
  if (!RealDate(m.date) && !(m.date.year == 0 && m.date.month >= 1 && m.date.month <= 12 && m.date.day >= 1 &&
                             m.date.day <= 31)) {
    return std::nullopt;
  }
  m.span.end = static_cast<uint32_t>(j);
  return m;
}

bool SameDayMonth(const Date& a, const Date& b) { return a.month == b.month && a.day == b.day; }

std::string TitleCaseCity(std::string_view city) {
  std::string out;
  bool after_hyphen = false;
  // Parts split at spaces and hyphens: first letter upper, the rest lower;
  // a part of one or two letters after a hyphen stays lower («Ростов-на-Дону»).
  for (size_t i = 0; i <= city.size();) {
    size_t e = i;
    while (e < city.size() && city[e] != ' ' && city[e] != '-') ++e;
    const std::string_view part = city.substr(i, e - i);
    const bool small = after_hyphen && CodePointCount(part) <= 2 && e < city.size();
    bool first = true;
    for (size_t k = 0; k < part.size();) {
      char32_t cp = ToLower(NextCodePoint(part, k));
      if (first && !small) cp = static_cast<char32_t>(u_toupper(static_cast<UChar32>(cp)));
      first = false;
      AppendUtf8(out, cp);
    }
    if (e >= city.size()) break;
    out.push_back(city[e]);
    after_hyphen = city[e] == '-';
    i = e + 1;
  }
  return out;
}

size_t LineIndexOfParagraph(const Cleaned& c, int paragraph) {
  for (size_t i = 0; i < c.lines.size(); ++i) {
    if (c.lines[i].paragraph == paragraph) return i;
  }
  return c.lines.size();
}

bool NameQuoteTitle(std::string_view t) {
  // «Лукашенко: …», «Александр Лукашенко: …»: one to three capitalised words and a colon.
  const size_t colon = t.find(':');
  if (colon == std::string_view::npos || colon == 0 || CodePointCount(t.substr(0, colon)) > 40) return false;
  size_t words = 0;
  for (size_t i = 0; i < colon;) {
    i = SkipSpaces(t, i);
    if (i >= colon) break;
    size_t k = i;
    if (!IsUpper(NextCodePoint(t, k))) return false;
    size_t e = i;
    while (e < colon && t[e] != ' ') ++e;
    ++words;
    i = e;
  }
  return words >= 1 && words <= 3;
}

bool EndsWithPeriod(std::string_view t) {
  while (!t.empty() && (t.back() == ' ')) t.remove_suffix(1);
  return !t.empty() && (t.back() == '.' || t.back() == ':' || t.back() == ';' || t.back() == ',');
}

// Most letters in upper case: «САЙТ ГАЗЕТЫ ПАРЛАМЕНТСКОГО СОБРАНИЯ».
bool MostlyCapitals(std::string_view s) {
  size_t upper = 0, letters = 0;
  for (size_t i = 0; i < s.size();) {
    const char32_t cp = NextCodePoint(s, i);
    if (!IsLetter(cp)) continue;
    ++letters;
    upper += IsUpper(cp);
  }
  return letters > 0 && upper * 10 >= letters * 7;
}

// Words of two or more letters: «Рекламный баннер 300x60px left-1» has four.
size_t LetterWords(std::string_view s) {
  size_t words = 0, run = 0;
  for (size_t i = 0; i <= s.size();) {
    char32_t cp = 0;
    if (i < s.size()) cp = NextCodePoint(s, i);
    else ++i;
    if (cp != 0 && IsLetter(cp)) {
      ++run;
      continue;
    }
    if (run >= 2) ++words;
    run = 0;
  }
  return words;
}

}  // namespace

// True when one of the eight bytes at p is an ASCII digit ("hasbetween" from
// Bit Twiddling Hacks: bytes strictly between '0' - 1 and '9' + 1; bytes with
// the top bit set never count).
inline bool HasDigit8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  constexpr uint64_t kOnes = ~uint64_t{0} / 255;
  constexpr uint64_t m = '0' - 1, n = '9' + 1;
  return ((kOnes * (127 + n) - (x & kOnes * 127)) & ~x & ((x & kOnes * 127) + kOnes * (127 - m)) & kOnes * 128) != 0;
}

std::vector<DateMention> FindDates(std::string_view s) {
  std::vector<DateMention> out;
  for (size_t i = 0; i < s.size();) {
    if (!IsAsciiDigit(s[i])) {
      ++i;
      while (i + 8 <= s.size() && !HasDigit8(s.data() + i)) i += 8;  // prose: eight bytes at a time
      continue;
    }
    bool boundary = true;
    if (i > 0) {
      size_t k = i;
      const char32_t prev = PrevCodePoint(s, k);
      boundary = !IsLetter(prev) && !IsDigit(prev) && prev != '.' && prev != ',' && prev != '-' && prev != '/';
      if (prev == ',' || prev == '.') {
        // "1920,23.12.2024" never occurs, but "8,4" does: a digit before the comma is a number.
        boundary = !(k > 0 && IsAsciiDigit(s[k - 1]));
      }
    }
    if (boundary) {
      if (auto m = DateAt(s, i)) {
        i = m->span.end;
        out.push_back(*m);
        continue;
      }
    }
    while (i < s.size() && IsAsciiDigit(s[i])) ++i;
  }
  return out;
}

bool IsStampLine(std::string_view line) {
  if (line.size() > 200) return false;
  auto dates = FindDates(line);
  if (dates.empty() || !dates.front().has_year) return false;
  size_t letters = 0, words = 0, pos = 0;
  bool in_word = false;
  for (const auto& d : dates) {
    for (size_t i = pos; i < d.span.start;) {
      const char32_t cp = NextCodePoint(line, i);
      const bool l = IsLetter(cp);
      if (l) ++letters;
      if (l && !in_word) ++words;
      in_word = l;
    }
    pos = d.span.end;
    in_word = false;
  }
  for (size_t i = pos; i < line.size();) {
    const char32_t cp = NextCodePoint(line, i);
    const bool l = IsLetter(cp);
    if (l) ++letters;
    if (l && !in_word) ++words;
    in_word = l;
  }
  return letters <= 24 && words <= 3;
}

bool IsDateWidget(std::string_view line) {
  if (line.size() > 200) return false;
  // the weather beside it: «Гродно +8°C»
  if (line.find("\u00b0") != std::string_view::npos) return true;
  auto dates = FindDates(line);
  if (dates.empty() || dates.front().has_time) return false;
  // a weekday name before the first date: «Четверг, 25 апреля 2024», «чт, 28 март»
  const std::string_view before = line.substr(0, dates.front().span.start);
  for (size_t i = 0; i < before.size();) {
    size_t k = i;
    if (!IsLetter(NextCodePoint(before, k))) {
      i = k;
      continue;
    }
    const size_t e = WordEnd(before, i);
    if (Lexicon().weekdays.count(FoldCase(before.substr(i, e - i)))) return true;
    i = e;
  }
  return false;
}

// «18 февраля 2025 г., Минск.» / «18 февраля 2025 года, Москва –»: the date first, then the city;
// «4 августа, Минск /Корр. БЕЛТА/.»: without a year, an agency's mark must follow.
std::optional<Dateline> ParseDateFirstDateline(std::string_view p) {
  auto m = DateAt(p, 0);
  if (!m || m->form != DateForm::kWords) return std::nullopt;
  size_t j = SkipSpaces(p, m->span.end);
  for (std::string_view suffix : {"г.", "года", "год"}) {
    if (p.substr(j, suffix.size()) == suffix) {
      j = SkipSpaces(p, j + suffix.size());
      break;
    }
  }
  if (j >= p.size() || p[j] != ',') return std::nullopt;
  j = SkipSpaces(p, j + 1);
  const size_t city_start = j;
  size_t words = 0;
  while (j < p.size() && words < 3) {
    size_t k = j;
    if (!IsUpper(NextCodePoint(p, k))) break;
    while (k < p.size()) {
      size_t n = k;
      const char32_t cp = NextCodePoint(p, n);
      if (!IsLetter(cp) && cp != '-') break;
      k = n;
    }
    ++words;
    j = k;
    if (j + 1 < p.size() && p[j] == ' ' && IsUpper([&] { size_t q = j + 1; return NextCodePoint(p, q); }())) {
      ++j;
      continue;
    }
    break;
  }
  if (words == 0 || j >= p.size()) return std::nullopt;
  size_t n = j;
  const char32_t next = NextCodePoint(p, n);
  if (next != '.' && !IsDash(next) && next != ' ' && next != '(') return std::nullopt;
  if (!m->has_year) {
    size_t k = SkipSpaces(p, j);
    const char32_t mark = k < p.size() ? NextCodePoint(p, k) : 0;
    if (mark != '/' && mark != '(' && !IsDash(mark)) return std::nullopt;
  }
  Dateline d;
  d.city = TitleCaseCity(p.substr(city_start, j - city_start));
  d.date = m->date;
  d.has_year = m->has_year;
  return d;
}

std::optional<Dateline> ParseDateline(std::string_view p) {
  if (auto d = ParseDateFirstDateline(p)) return d;
  // The city: up to four capitalised words (hyphens inside) before a comma.
  size_t i = 0;
  bool all_caps = true;
  size_t words = 0;
  bool lower_word = false;  // «Тверская область, 4 июля 2021.»
  while (i < p.size() && words < 4) {
    size_t k = i;
    const char32_t first = NextCodePoint(p, k);
    if (!IsUpper(first)) {
      if (words == 0 || !Lexicon().place_words.count(FoldCase(p.substr(i, WordEnd(p, i) - i)))) return std::nullopt;
      lower_word = true;
    }
    size_t e = i;
    while (e < p.size()) {
      size_t n = e;
      const char32_t cp = NextCodePoint(p, n);
      if (IsLetter(cp)) {
        if (!IsUpper(cp)) all_caps = false;
      } else if (cp != '-') {
        break;
      }
      e = n;
    }
    if (e == i) return std::nullopt;
    ++words;
    i = e;
    if (i < p.size() && p[i] == ',') break;
    // «ГРОДНО. 12 марта —»: a period after a city in capitals
    if (i + 1 < p.size() && p[i] == '.' && p[i + 1] == ' ' && all_caps && !lower_word) break;
    if (i < p.size() && p[i] == ' ' && i + 1 < p.size() && p[i + 1] != ' ') {
      ++i;
      continue;
    }
    return std::nullopt;
  }
  if (i >= p.size() || (p[i] != ',' && p[i] != '.')) return std::nullopt;
  const std::string_view city = p.substr(0, i);
  if (CodePointCount(city) < 3) return std::nullopt;
  const size_t ds = SkipSpaces(p, i + 1);
  auto m = DateAt(p, ds);
  if (!m || m->form != DateForm::kWords) return std::nullopt;
  size_t j = SkipSpaces(p, m->span.end);
  // «Уфа, 12 октября 2023 г. Глава…»: a full date closed by a period
  bool full_stop = m->has_year && m->span.end > 0 && p[m->span.end - 1] == '.';
  if (m->has_year) {
    for (std::string_view suffix : {"г.", "года."}) {
      if (p.substr(j, suffix.size()) == suffix) {
        j = SkipSpaces(p, j + suffix.size());
        full_stop = true;
        break;
      }
    }
  }
  if (j < p.size() && p[j] == '.') {
    full_stop = m->has_year;
    j = SkipSpaces(p, j + 1);
  }
  if (j >= p.size()) return std::nullopt;
  size_t n = j;
  const char32_t next = NextCodePoint(p, n);
  const bool marker = IsDash(next) || next == '/' || next == '(';
  if (!marker && !full_stop &&
      !(all_caps && (p[m->span.end - 1] == '.' || (m->span.end < p.size() && p[m->span.end] == '.')))) {
    return std::nullopt;
  }
  Dateline d;
  d.city = all_caps ? TitleCaseCity(city) : std::string(city);
  d.date = m->date;
  d.has_year = m->has_year;
  return d;
}

namespace {

// The years that a folded sentence compares with («по сравнению с 2021
// годом»: up to three words between the comparison and the year), offset
// by 1 - offset as a relative phrase of that offset in it implies.
void ComparedYears(std::string_view sentence, int offset, std::set<int>* years) {
  const DateLexicon& lex = Lexicon();
  for (size_t ci = 0; ci < lex.compare.size(); ++ci) {
    const std::string& cmp = lex.compare[ci];
    auto find = [&](size_t from) { return FindFrom(sentence, from, cmp, lex.compare_search[ci]); };
    for (size_t c = find(0); c != std::string_view::npos; c = find(c + 1)) {
      // Up to three words between the comparison and the year: «с аналогичным периодом 2021 года».
      size_t k = c + cmp.size();
      for (int w = 0; w < 4; ++w) {
        k = SkipSpaces(sentence, k);
        int y = 0;
        const size_t nd = Digits(sentence, k, &y);
        if (nd == 4 && PlausibleYear(y) && YearWordAfter(sentence, k + 4) != k + 4) {
          years->insert(y + 1 - offset);
          break;
        }
        if (nd) break;
        const size_t e = WordEnd(sentence, k);
        if (e == k) break;
        k = e;
      }
    }
  }
}

// The sentence around s[p]: from the last ". " or line break at or before p
// to the next one at or after p.
std::string_view SentenceAround(std::string_view s, size_t p) {
  size_t sb = s.rfind(". ", p);
  sb = sb == std::string_view::npos ? 0 : sb;
  const size_t nl = s.rfind('\n', p);
  if (nl != std::string_view::npos && nl > sb) sb = nl;
  size_t se = s.find(". ", p);
  const size_t nl2 = s.find('\n', p);
  if (se == std::string_view::npos || (nl2 != std::string_view::npos && nl2 < se)) se = nl2;
  if (se == std::string_view::npos) se = s.size();
  return s.substr(sb, se - sb);
}

// The first four ASCII digits in a row at or after from, or npos.
size_t FourDigitsFrom(std::string_view s, size_t from) {
  size_t run = 0;
  for (size_t i = from; i < s.size();) {
    if (IsAsciiDigit(s[i])) {
      if (++run == 4) return i - 3;
      ++i;
      continue;
    }
    run = 0;
    ++i;
    while (i + 8 <= s.size() && !HasDigit8(s.data() + i)) i += 8;  // prose: eight bytes at a time
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<int> PinnedYear(std::string_view text) {
  const DateLexicon& lex = Lexicon();
  std::set<int> years;
  // Each occurrence of a relative phrase contributes the years compared in
  // its sentence. Sentences end at ". " and line breaks, which folding
  // neither makes nor removes, so the sentences of FoldCase(text) are the
  // folds of the sentences of text; a phrase without '.' or '\n' lies
  // inside one of them. A sentence compares a year only if it has four
  // digits in a row: only those sentences are folded and searched (folding
  // the whole text for the few that have both was most of the cost).
  const bool by_sentence = std::all_of(lex.relative.begin(), lex.relative.end(), [](const auto& r) {
    return !r.first.empty() && r.first.find_first_of(".\n") == std::string::npos;
  });
  if (by_sentence) {
    std::string f;
    for (size_t q = FourDigitsFrom(text, 0); q != std::string_view::npos;) {
      const std::string_view sentence = SentenceAround(text, q);
      const size_t end = static_cast<size_t>(sentence.data() - text.data()) + sentence.size();
      f = FoldCase(sentence);
      // the relative phrases first: rarer than years, and cheaper to look for
      std::vector<int> offsets;
      for (size_t ri = 0; ri < lex.relative.size(); ++ri) {
        if (FindFrom(f, 0, lex.relative[ri].first, lex.relative_search[ri]) != std::string_view::npos) {
          offsets.push_back(lex.relative[ri].second);
        }
      }
      if (!offsets.empty()) {
        std::set<int> compared;
        ComparedYears(f, 0, &compared);
        for (int offset : offsets) {
          for (int y : compared) years.insert(y - offset);
        }
      }
      // the next sentence (end is a delimiter or the end of the text)
      q = end < text.size() ? FourDigitsFrom(text, end + 1) : std::string_view::npos;
    }
  } else {
    const std::string f = FoldCase(text);
    for (size_t ri = 0; ri < lex.relative.size(); ++ri) {
      // Not a structured binding: clang 14 cannot capture one in a lambda.
      const std::string& phrase = lex.relative[ri].first;
      const int offset = lex.relative[ri].second;
      auto next = [&](size_t from) { return FindFrom(f, from, phrase, lex.relative_search[ri]); };
      for (size_t p = next(0); p != std::string::npos; p = next(p + phrase.size())) {
        ComparedYears(SentenceAround(f, p), offset, &years);
      }
    }
  }
  if (years.size() == 1) return *years.begin();
  return std::nullopt;
}

TitleDate FindTitleAndDate(std::string_view original, const Cleaned& c, const DateHints& hints) {
  TitleDate td;
  auto body = [&](const CleanLine& l) { return original.substr(l.body.start, l.body.end - l.body.start); };

  // Dateline: among the first three kept paragraphs.
  size_t dateline_line = c.lines.size();
  for (size_t i = 0, kept = 0; i < c.lines.size() && kept < 3; ++i) {
    if (c.lines[i].kind != LineKind::kBody) continue;
    ++kept;
    if (auto d = ParseDateline(body(c.lines[i]))) {
      td.dateline_city = d->city;
      td.dateline = d->date;
      dateline_line = i;
      break;
    }
  }
  // An agency's dateline below menus the cleaner kept («Все новости», «Регионы»,
  // a stamp, the headline twice, then «31 июля, Лида /Корр. БЕЛТА/. …»): up to
  // the first long paragraph, a date-first dateline with an agency's mark
  // after its city gives the city where the report was filed (a meeting's
  // place), but not the date nor the head of the page (too far down to trust).
  if (td.dateline_city.empty()) {
    for (size_t i = 0, kept = 0; i < c.lines.size() && kept < 16; ++i) {
      if (c.lines[i].kind != LineKind::kBody) continue;
      ++kept;
      const std::string_view b = body(c.lines[i]);
      if (auto d = ParseDateFirstDateline(b); d && !d->has_year) {
        td.dateline_city = d->city;
        break;
      }
      if (CodePointCount(b) >= 150) break;
    }
  }

  // Title.
  if (!hints.input_title.empty()) {
    td.title = hints.input_title;
  } else if (!hints.html_title.empty()) {
    td.title = hints.html_title;
  } else if (!c.paragraphs.empty()) {
    // A caption («© Пресс-служба …», «Фото: …») or a counter or stamp («Просмотров: 412»,
    // fewer than three words of letters) is never the headline.
    auto is_caption = [](std::string_view t) {
      return t.rfind("©", 0) == 0 || t.rfind("Фото", 0) == 0 || t.rfind("фото", 0) == 0 || LetterWords(t) < 3;
    };
    auto paragraph = [&](size_t p) {
      return std::string_view(c.text).substr(c.paragraphs[p].start, c.paragraphs[p].end - c.paragraphs[p].start);
    };
    auto headline = [&](size_t p) {
      const std::string_view t = paragraph(p);
      const size_t cps = CodePointCount(t);
      if (cps < 10 || cps > 300 || LineIndexOfParagraph(c, static_cast<int>(p)) == dateline_line) return false;
      if (is_caption(t)) return false;  // «© Пресс-служба …», «Фото: …», a counter
      bool repeated = false;
      for (const auto& l : c.lines) {
        if (l.kind == LineKind::kDuplicate && body(l) == t) repeated = true;
      }
      return repeated || !EndsWithPeriod(t) || NameQuoteTitle(t);
    };
    // The first paragraph, or, when short lines of site chrome the cleaner
    // kept come first («Настройки шрифта», «Общенациональное телевидение»),
    // the first headline of five words or more before the article's prose:
    // a line in capitals (a site's name) or with a web address is none.
    std::optional<size_t> pick;
    if (headline(0) && LetterWords(paragraph(0)) >= 5) pick = 0;
    for (size_t p = 1; !pick && p < c.paragraphs.size() && p < 12; ++p) {
      const std::string_view t = paragraph(p);
      if (CodePointCount(t) >= 150 || LineIndexOfParagraph(c, static_cast<int>(p)) >= dateline_line) break;
      // (nor an item of a numbered list: «1. …»)
      if (headline(p) && LetterWords(t) >= 5 && !MostlyCapitals(t) && t.find("://") == std::string_view::npos &&
          !IsAsciiDigit(t[0]))
        pick = p;
    }
    if (!pick && headline(0)) pick = 0;
    if (pick) td.title = std::string(paragraph(*pick));
  }

  // Publication date.
  if (auto d = Date::Parse(hints.input_published); d && d->valid()) {
    td.published = *d;
    td.how = "metadata";
    return td;
  }
  if (hints.html_published && hints.html_published->valid()) {
    td.published = hints.html_published;
    td.how = hints.html_how.empty() ? "html" : "html:" + hints.html_how;
    return td;
  }
  if (c.metadata_date) {
    td.published = c.metadata_date;
    td.how = "date-line";
    return td;
  }

  // Stamps and captions in the head of the page: before the first long kept
  // paragraph, the dateline or the third kept paragraph of five words or
  // more, whichever comes first (short kept lines are menus and banners the
  // cleaner let through: «Архив», «Рекламный баннер 300x60px»).
  // The headline again — with the site's name after it, in a breadcrumb — is chrome, not
  // the article's prose: a line holding the title's opening words is not counted.
  std::string_view title_key;
  if (td.title) {
    title_key = *td.title;
    if (title_key.size() > 48) {
      size_t n = 48;
      while (n > 0 && (static_cast<unsigned char>(title_key[n]) & 0xC0) == 0x80) --n;  // a code point's start
      title_key = title_key.substr(0, n);
    }
    if (CodePointCount(title_key) < 20) title_key = {};
  }
  size_t head_end = dateline_line;
  for (size_t i = 0, kept = 0; i < head_end; ++i) {
    if (c.lines[i].kind != LineKind::kBody) continue;
    const std::string_view b = body(c.lines[i]);
    if (!title_key.empty() && b.find(title_key) != std::string_view::npos) continue;
    if ((LetterWords(b) >= 5 && ++kept == 3) || CodePointCount(b) >= 150) head_end = i;
  }
  const bool dateline_without_year = td.dateline && td.dateline->year == 0;
  std::optional<Date> best;
  std::string best_how;
  bool best_matches = false;
  for (size_t i = 0; i < head_end; ++i) {
    const CleanLine& l = c.lines[i];
    if (l.kind != LineKind::kStamp && l.kind != LineKind::kCaption) continue;
    for (const auto& m : FindDates(body(l))) {
      if (!m.has_year) continue;
      const bool matches = dateline_without_year && SameDayMonth(m.date, *td.dateline);
      const bool better = !best || (matches && !best_matches) ||
                          (matches == best_matches && m.date.DayNumber() < best->DayNumber());
      if (better) {
        best = m.date;
        best_matches = matches;
        best_how = l.kind == LineKind::kStamp ? "stamp" : "caption";
      }
    }
  }
  if (best) {
    td.published = best;
    td.how = best_how;
    return td;
  }
  if (td.dateline && td.dateline->year > 0) {
    td.published = td.dateline;
    td.how = "dateline";
    return td;
  }
  // A numeric date opening the first kept paragraphs: «21.03.2008 Зубков: …».
  for (size_t i = 0, kept = 0; i < c.lines.size() && kept < 2; ++i) {
    if (c.lines[i].kind != LineKind::kBody) continue;
    ++kept;
    if (auto m = DateAt(body(c.lines[i]), 0); m && m->has_year && m->form != DateForm::kWords) {
      td.published = m->date;
      td.how = "lead-stamp";
      return td;
    }
  }

  if (dateline_without_year) {
    // A full date with the dateline's day and month in the kept text or a caption.
    std::set<int> years;
    for (const auto& l : c.lines) {
      if (l.kind != LineKind::kBody && l.kind != LineKind::kCaption && l.kind != LineKind::kStamp) continue;
      for (const auto& m : FindDates(body(l))) {
        if (m.has_year && SameDayMonth(m.date, *td.dateline)) years.insert(m.date.year);
      }
    }
    if (years.size() == 1) {
      td.published = Date{*years.begin(), td.dateline->month, td.dateline->day};
      td.how = "dateline+year";
    } else if (years.empty()) {
      if (auto y = PinnedYear(c.text)) {
        td.published = Date{*y, td.dateline->month, td.dateline->day};
        td.how = "dateline+relative-year";
      }
    }
    if (td.published && !RealDate(*td.published)) td.published.reset();
  }
  if (td.published || dateline_without_year) return td;
  // A stamp at the end of the excerpt, after the last kept paragraph.
  for (size_t i = c.lines.size(); i-- > 0;) {
    const LineKind k = c.lines[i].kind;
    if (k == LineKind::kBody || k == LineKind::kDuplicate) break;
    if (k != LineKind::kStamp) continue;
    const auto dates = FindDates(body(c.lines[i]));
    if (!dates.empty() && dates.front().has_year) {
      td.published = dates.front().date;
      td.how = "end-stamp";
      break;
    }
  }
  return td;
}

}  // namespace oborot::text
