#include "src/text/html_date.h"

#include <algorithm>
#include <chrono>
#include <unordered_map>
#include <vector>


#include "src/base/utf8.h"

// Hand-rolled date reading: ICU's DateFormat parses one known pattern per
// locale, while pages mix ISO stamps, Java dates, and free-text dates in a
// dozen languages that have to be found inside longer text.
namespace oborot::text::html {
namespace {

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

bool RealDate(int y, int m, int d) { return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m); }

int TodayDayNumber() {
  using std::chrono::duration_cast;
  using std::chrono::system_clock;
  return static_cast<int>(duration_cast<std::chrono::hours>(system_clock::now().time_since_epoch()).count() / 24);
}


// Month names, lower case: whole words, or stems followed by at most four
// more letters (Russian and Ukrainian case endings).
struct MonthForm {
  const char* form;
  int month;
  bool stem;
};
constexpr MonthForm kMonths[] = {
    // Russian
    {"январ", 1, true}, {"феврал", 2, true}, {"март", 3, true}, {"апрел", 4, true}, {"мая", 5, false},
    {"май", 5, false}, {"июн", 6, true}, {"июл", 7, true}, {"август", 8, true}, {"сентябр", 9, true},
    {"октябр", 10, true}, {"ноябр", 11, true}, {"декабр", 12, true}, {"янв", 1, false}, {"фев", 2, false},
    {"мар", 3, false}, {"апр", 4, false}, {"авг", 8, false}, {"сен", 9, false}, {"сент", 9, false},
    {"окт", 10, false}, {"ноя", 11, false}, {"нояб", 11, false}, {"дек", 12, false},
    // Ukrainian
    {"січ", 1, true}, {"лют", 2, true}, {"берез", 3, true}, {"квіт", 4, true}, {"трав", 5, true},
    {"черв", 6, true}, {"лип", 7, true}, {"серп", 8, true}, {"верес", 9, true}, {"жовт", 10, true},
    {"листопад", 11, true}, {"груд", 12, true},
    // Belarusian
    {"студзен", 1, true}, {"студзен", 1, true}, {"сакав", 3, true}, {"красав", 4, true}, {"чэрв", 6, true},
    {"ліпе", 7, true}, {"жніў", 8, true}, {"верас", 9, true}, {"кастрыч", 10, true}, {"лістапад", 11, true},
    {"снеж", 12, true}, {"студз", 1, true},
    // Bulgarian
    {"януари", 1, false}, {"февруари", 2, false}, {"април", 4, false}, {"юни", 6, false}, {"юли", 7, false},
    {"септември", 9, false}, {"октомври", 10, false}, {"ноември", 11, false}, {"декември", 12, false},
    // English
    {"january", 1, false}, {"february", 2, false}, {"march", 3, false}, {"april", 4, false}, {"may", 5, false},
    {"june", 6, false}, {"july", 7, false}, {"august", 8, false}, {"september", 9, false},
    {"october", 10, false}, {"november", 11, false}, {"december", 12, false}, {"jan", 1, false},
    {"feb", 2, false}, {"mar", 3, false}, {"apr", 4, false}, {"jun", 6, false}, {"jul", 7, false},
    {"aug", 8, false}, {"sep", 9, false}, {"sept", 9, false}, {"oct", 10, false}, {"nov", 11, false},
    {"dec", 12, false},
    // German
    {"januar", 1, false}, {"jänner", 1, false}, {"februar", 2, false}, {"märz", 3, false}, {"mai", 5, false},
    {"juni", 6, false}, {"juli", 7, false}, {"oktober", 10, false}, {"dezember", 12, false}, {"okt", 10, false},
    {"dez", 12, false}, {"mär", 3, false},
    // French
    {"janvier", 1, false}, {"février", 2, false}, {"fevrier", 2, false}, {"mars", 3, false}, {"avril", 4, false},
    {"juin", 6, false}, {"juillet", 7, false}, {"août", 8, false}, {"aout", 8, false}, {"septembre", 9, false},
    {"octobre", 10, false}, {"novembre", 11, false}, {"décembre", 12, false}, {"decembre", 12, false},
    {"janv", 1, false}, {"févr", 2, false}, {"avr", 4, false}, {"juil", 7, false},
    // Spanish, Italian, Portuguese
    {"enero", 1, false}, {"febrero", 2, false}, {"marzo", 3, false}, {"abril", 4, false}, {"mayo", 5, false},
    {"junio", 6, false}, {"julio", 7, false}, {"agosto", 8, false}, {"septiembre", 9, false},
    {"setiembre", 9, false}, {"octubre", 10, false}, {"noviembre", 11, false}, {"diciembre", 12, false},
    {"gennaio", 1, false}, {"febbraio", 2, false}, {"aprile", 4, false}, {"maggio", 5, false},
    {"giugno", 6, false}, {"luglio", 7, false}, {"settembre", 9, false}, {"ottobre", 10, false},
    {"dicembre", 12, false}, {"janeiro", 1, false}, {"fevereiro", 2, false}, {"março", 3, false},
    {"maio", 5, false}, {"junho", 6, false}, {"julho", 7, false}, {"setembro", 9, false},
    {"outubro", 10, false}, {"dezembro", 12, false},
    // Polish
    {"stycznia", 1, false}, {"lutego", 2, false}, {"marca", 3, false}, {"kwietnia", 4, false}, {"maja", 5, false},
    {"czerwca", 6, false}, {"lipca", 7, false}, {"sierpnia", 8, false}, {"września", 9, false},
    {"października", 10, false}, {"listopada", 11, false}, {"grudnia", 12, false},
    // Dutch and Scandinavian
    {"januari", 1, false}, {"februari", 2, false}, {"maart", 3, false}, {"mei", 5, false}, {"augustus", 8, false},
    {"desember", 12, false}, {"maj", 5, false}, {"augusti", 8, false},
};

// MonthOf's prefilter keys: the first two bytes of a word, and a hash of its
// first four (two Cyrillic letters) folded to 16 bits.
uint16_t FirstTwoBytes(std::string_view s) {
  return static_cast<uint16_t>((static_cast<unsigned char>(s[0]) << 8) | static_cast<unsigned char>(s[1]));
}
uint16_t FirstFourBytesHash(std::string_view s) {
  uint32_t v = 0;
  for (size_t k = 0; k < 4; ++k) v = (v << 8) | static_cast<unsigned char>(s[k]);
  return static_cast<uint16_t>((v * 0x9E3779B1u) >> 16);
}

constexpr bool FormsFitThePrefilter() {
  for (const MonthForm& f : kMonths) {
    const size_t n = std::string_view(f.form).size();
    if (n < 2 || (f.stem && n < 4)) return false;
  }
  return true;
}
static_assert(FormsFitThePrefilter(), "MonthOf's prefilter reads two bytes of every form, four of every stem");

int MonthOf(std::string_view folded) {
  struct Tables {
    std::unordered_map<std::string, int> whole;
    std::vector<MonthForm> stems;
    // Nearly every word a page's text holds is no month: one bit per key of
    // a form turns those away before any hashing or comparing. A word of four
    // bytes or more can only be, or start with, a form of four bytes or more.
    std::vector<bool> first_two = std::vector<bool>(1 << 16, false);
    std::vector<bool> first_four = std::vector<bool>(1 << 16, false);
  };
  static const auto* tables = [] {
    auto* t = new Tables;
    for (const MonthForm& f : kMonths) {
      if (f.stem) t->stems.push_back(f);
      else t->whole[f.form] = f.month;
      const std::string_view form(f.form);
      t->first_two[FirstTwoBytes(form)] = true;
      if (form.size() >= 4) t->first_four[FirstFourBytesHash(form)] = true;
    }
    return t;
  }();
  if (folded.size() < 2) return 0;
  if (folded.size() >= 4 ? !tables->first_four[FirstFourBytesHash(folded)] : !tables->first_two[FirstTwoBytes(folded)]) {
    return 0;
  }
  if (auto it = tables->whole.find(std::string(folded)); it != tables->whole.end()) return it->second;
  for (const MonthForm& f : tables->stems) {
    const std::string_view stem(f.form);
    if (folded.size() >= stem.size() && folded.substr(0, stem.size()) == stem &&
        CodePointCount(folded.substr(stem.size())) <= 4) {
      return f.month;
    }
  }
  return 0;
}

enum class Kind { kNum, kWord, kPunct };
struct Tok {
  Tok(Kind k, size_t b, size_t e) : kind(k), begin(b), end(e) {}
  Kind kind;
  size_t begin, end;
  int value = 0;      // numbers (capped)
  int digits = 0;     // numbers
  char32_t punct = 0;
  std::string word;   // folded words
};

std::vector<Tok> Tokenize(std::string_view s) {
  std::vector<Tok> out;
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    char32_t cp = NextCodePoint(s, i);
    if (IsSpace(cp)) continue;
    if (cp >= '0' && cp <= '9') {
      Tok t{Kind::kNum, start, i};
      long v = cp - '0';
      t.digits = 1;
      size_t j = i;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') {
        if (v < 100000000) v = v * 10 + (s[j] - '0');
        ++t.digits;
        ++j;
      }
      t.value = static_cast<int>(v);
      t.end = i = j;
      out.push_back(t);
    } else if (IsLetter(cp)) {
      size_t j = i;
      while (j < s.size()) {
        size_t k = j;
        char32_t c = NextCodePoint(s, k);
        if (!IsLetter(c)) break;
        j = k;
      }
      Tok t{Kind::kWord, start, j};
      t.word = FoldCase(s.substr(start, j - start));
      i = j;
      out.push_back(std::move(t));
    } else {
      Tok t{Kind::kPunct, start, i};
      t.punct = cp;
      out.push_back(t);
    }
  }
  return out;
}

bool IsNum(const std::vector<Tok>& t, size_t i, int min_digits = 1, int max_digits = 2) {
  return i < t.size() && t[i].kind == Kind::kNum && t[i].digits >= min_digits && t[i].digits <= max_digits;
}
bool IsYear(const std::vector<Tok>& t, size_t i) {
  return IsNum(t, i, 4, 4) && t[i].value >= 1900 && t[i].value <= 2100;
}
bool IsPunct(const std::vector<Tok>& t, size_t i, char32_t c) {
  return i < t.size() && t[i].kind == Kind::kPunct && t[i].punct == c;
}
bool Adjacent(const std::vector<Tok>& t, size_t i) { return i + 1 < t.size() && t[i].end == t[i + 1].begin; }
int MonthTok(const std::vector<Tok>& t, size_t i) { return i < t.size() && t[i].kind == Kind::kWord ? MonthOf(t[i].word) : 0; }

// A clock time starting at token i ("17:04", "в 17:04", ", 13:43").
bool TimeAt(const std::vector<Tok>& t, size_t i) {
  for (size_t k = i; k < t.size() && k < i + 3; ++k) {
    if (IsNum(t, k) && IsPunct(t, k + 1, ':') && IsNum(t, k + 2, 2, 2) && t[k].value < 24) return true;
    if (t[k].kind == Kind::kNum) return false;
  }
  return false;
}

std::optional<TextDate> MatchAt(const std::vector<Tok>& t, size_t i) {
  auto make = [&](int y, int m, int d, size_t last) -> std::optional<TextDate> {
    if (!RealDate(y, m, d)) return std::nullopt;
    TextDate r{{y, m, d}, t[i].begin, t[last].end, TimeAt(t, last + 1)};
    return r;
  };
  // 29 июня 2020 | 19. Oktober 2019 | 15 августа 2016 г.
  if (IsNum(t, i) && t[i].value >= 1 && t[i].value <= 31) {
    size_t k = i + 1;
    if (IsPunct(t, k, '.')) ++k;
    if (int m = MonthTok(t, k)) {
      size_t y = k + 1;
      if (IsPunct(t, y, '.')) ++y;
      if (IsPunct(t, y, ',')) ++y;
      if (IsYear(t, y)) return make(t[y].value, m, t[i].value, y);
    }
  }
  // January 20, 2020 | Jan. 20 2020
  if (int m = MonthTok(t, i)) {
    size_t k = i + 1;
    if (IsPunct(t, k, '.')) ++k;
    if (IsNum(t, k) && t[k].value >= 1 && t[k].value <= 31) {
      size_t y = k + 1;
      if (i + 1 < t.size() && y < t.size() && t[y].kind == Kind::kWord &&
          (t[y].word == "st" || t[y].word == "nd" || t[y].word == "rd" || t[y].word == "th")) {
        ++y;
      }
      if (IsPunct(t, y, ',')) ++y;
      if (IsYear(t, y)) return make(t[y].value, m, t[k].value, y);
    }
  }
  // 13.01.2020 | 13/01/2020 | 13-01-2020 (no spaces inside)
  if (IsNum(t, i) && Adjacent(t, i) && i + 4 < t.size() && Adjacent(t, i + 1) && Adjacent(t, i + 2) &&
      Adjacent(t, i + 3) && t[i + 1].kind == Kind::kPunct && IsPunct(t, i + 3, t[i + 1].punct) &&
      IsNum(t, i + 2) && IsYear(t, i + 4)) {
    const char32_t sep = t[i + 1].punct;
    if (sep == '.' || sep == '/' || sep == '-') {
      int d = t[i].value, m = t[i + 2].value;
      if (sep == '/' && m > 12 && d <= 12) std::swap(d, m);  // US order
      return make(t[i + 4].value, m, d, i + 4);
    }
  }
  // 2020-01-13 | 2020/01/13 | 2020.01.13
  if (IsYear(t, i) && i + 4 < t.size() && Adjacent(t, i) && Adjacent(t, i + 1) && Adjacent(t, i + 2) &&
      Adjacent(t, i + 3) && t[i + 1].kind == Kind::kPunct && IsPunct(t, i + 3, t[i + 1].punct) &&
      IsNum(t, i + 2) && IsNum(t, i + 4)) {
    const char32_t sep = t[i + 1].punct;
    if (sep == '.' || sep == '/' || sep == '-') return make(t[i].value, t[i + 2].value, t[i + 4].value, i + 4);
  }
  // 2020年2月19日
  auto cjk = [&](size_t k, const char* w) { return k < t.size() && t[k].kind == Kind::kWord && t[k].word == w; };
  if (IsYear(t, i) && cjk(i + 1, "\u5E74") && IsNum(t, i + 2) && cjk(i + 3, "\u6708") && IsNum(t, i + 4)) {
    return make(t[i].value, t[i + 2].value, t[i + 4].value, i + 4);
  }
  return std::nullopt;
}

}  // namespace

bool PlausibleDate(const Date& d) {
  static const int today = TodayDayNumber();
  return d.year >= 1995 && RealDate(d.year, d.month, d.day) && d.DayNumber() <= today + 1;
}

std::optional<TextDate> FindTextDate(std::string_view text) {
  const std::vector<Tok> t = Tokenize(text);
  for (size_t i = 0; i < t.size(); ++i) {
    if (auto r = MatchAt(t, i)) return r;
  }
  return std::nullopt;
}

namespace {

bool Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return false;
  for (size_t k = pos; k < pos + n; ++k) {
    if (s[k] < '0' || s[k] > '9') return false;
  }
  return true;
}
int Num(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t k = pos; k < pos + n; ++k) v = v * 10 + (s[k] - '0');
  return v;
}

// Reads "[T ]hh:mm[:ss[.fff]][ ][Z|UTC|GMT|±hh[:]mm|±hh]" from pos.
void ReadTime(std::string_view s, size_t pos, Stamp& st) {
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ' || s[pos] == 't')) ++pos;
  size_t h_len = Digits(s, pos, 2) ? 2 : Digits(s, pos, 1) ? 1 : 0;
  if (h_len == 0 || pos + h_len >= s.size() || s[pos + h_len] != ':' || !Digits(s, pos + h_len + 1, 2)) return;
  const int h = Num(s, pos, h_len), mi = Num(s, pos + h_len + 1, 2);
  if (h > 23 || mi > 59) return;
  st.minutes = h * 60 + mi;
  pos += h_len + 3;
  if (pos < s.size() && s[pos] == ':' && Digits(s, pos + 1, 2)) pos += 3;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
  }
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (pos >= s.size()) return;
  if (s[pos] == 'Z' || s.substr(pos, 3) == "UTC" || s.substr(pos, 3) == "GMT") {
    st.offset = 0;
    if (s[pos] != 'Z') pos += 3;
    if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return;
  }
  if (s[pos] == '+' || s[pos] == '-') {
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    if (!Digits(s, pos, 2)) return;
    int oh = Num(s, pos, 2), om = 0;
    pos += 2;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (Digits(s, pos, 2)) om = Num(s, pos, 2);
    if (oh <= 14 && om < 60) st.offset = sign * (oh * 60 + om);
  }
}

Date FromUnixSeconds(long long secs) { return Date::FromDayNumber(static_cast<int>(secs / 86400)); }

}  // namespace

std::optional<Stamp> ParseStamp(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  if (s.empty() || s.size() > 200) return std::nullopt;
  Stamp st;
  if (s.find_first_not_of("0123456789") == std::string_view::npos) {
    if (s.size() == 8) {
      st.date = {Num(s, 0, 4), Num(s, 4, 2), Num(s, 6, 2)};
    } else if (s.size() == 10 || s.size() == 13) {
      long long secs = std::stoll(std::string(s));
      if (s.size() == 13) secs /= 1000;
      st.date = FromUnixSeconds(secs);
      st.minutes = static_cast<int>(secs % 86400 / 60);
      st.offset = 0;
    } else {
      return std::nullopt;
    }
    return RealDate(st.date.year, st.date.month, st.date.day) ? std::optional<Stamp>(st) : std::nullopt;
  }
  // ISO 8601 and its common relatives: 2020-06-29, 2020/06/29, 2020.06.29.
  if (Digits(s, 0, 4) && s.size() >= 8 && (s[4] == '-' || s[4] == '/' || s[4] == '.')) {
    const char sep = s[4];
    size_t p = 5;
    size_t ml = Digits(s, p, 2) ? 2 : Digits(s, p, 1) ? 1 : 0;
    if (ml && p + ml < s.size() && s[p + ml] == sep) {
      const int m = Num(s, p, ml);
      p += ml + 1;
      size_t dl = Digits(s, p, 2) ? 2 : Digits(s, p, 1) ? 1 : 0;
      if (dl) {
        st.date = {Num(s, 0, 4), m, Num(s, p, dl)};
        if (!RealDate(st.date.year, st.date.month, st.date.day)) return std::nullopt;
        ReadTime(s, p + dl, st);
        return st;
      }
    }
  }
  if (auto td = FindTextDate(s)) {
    st.date = td->date;
    // RFC 2822: "Sat, 19 Oct 2019 00:04:00 +0200" - the time and offset follow.
    size_t p = td->end;
    while (p < s.size() && (s[p] == ' ' || s[p] == ',')) ++p;
    ReadTime(s, p, st);
    return st;
  }
  // Java's Date.toString(): "Tue Jan 28 15:28:56 CET 2020". The month, day
  // and a year at the end, with the time between.
  const std::vector<Tok> t = Tokenize(s);
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    const int m = MonthTok(t, i);
    if (!m || !IsNum(t, i + 1) || !IsYear(t, t.size() - 1)) continue;
    st.date = {t.back().value, m, t[i + 1].value};
    if (!RealDate(st.date.year, st.date.month, st.date.day)) return std::nullopt;
    size_t p = t[i + 1].end;
    while (p < s.size() && s[p] == ' ') ++p;
    ReadTime(s, p, st);
    st.offset.reset();  // a zone name, not an offset: the time is local
    return st;
  }
  return std::nullopt;
}

std::optional<Date> UrlDate(std::string_view url) {
  // Only the path: skip the scheme and host, and any archived copy's prefix.
  if (size_t w = url.find("/web/"); w != std::string_view::npos) {
    size_t inner = url.find("http", w + 5);
    if (inner != std::string_view::npos) url.remove_prefix(inner);
  }
  if (size_t sch = url.find("://"); sch != std::string_view::npos) {
    size_t slash = url.find('/', sch + 3);
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  const std::vector<Tok> t = Tokenize(url);
  for (size_t i = 0; i < t.size(); ++i) {
    if (!IsNum(t, i, 4, 8)) continue;
    if (i > 0 && t[i - 1].kind != Kind::kPunct) continue;
    if (t[i].digits == 8 && (i + 1 >= t.size() || t[i + 1].kind == Kind::kPunct)) {
      const int v = t[i].value;
      const Date d{v / 10000, v / 100 % 100, v % 100};
      if (PlausibleDate(d)) return d;
      continue;
    }
    if (!IsYear(t, i) || i + 2 >= t.size() || t[i + 1].kind != Kind::kPunct) continue;
    const char32_t sep = t[i + 1].punct;
    if (sep != '/' && sep != '-' && sep != '_' && sep != '.') continue;
    int m = 0;
    if (IsNum(t, i + 2)) {
      m = t[i + 2].value;
    } else if (t[i + 2].kind == Kind::kWord) {
      m = MonthOf(t[i + 2].word);
    }
    if (m < 1 || m > 12) continue;
    // The day: after '/', '-' or '_'.
    if (i + 4 < t.size() && t[i + 3].kind == Kind::kPunct &&
        (t[i + 3].punct == '/' || t[i + 3].punct == '-' || t[i + 3].punct == '_') && IsNum(t, i + 4, 1, 2) &&
        (i + 5 >= t.size() || t[i + 5].kind == Kind::kPunct)) {
      const Date d{t[i].value, m, t[i + 4].value};
      if (PlausibleDate(d)) return d;
    }
  }
  return std::nullopt;
}

}  // namespace oborot::text::html
