#include "src/expr/dates.h"

#include "src/expr/expressions.h"
#include "src/expr/lexicon.h"
#include "src/expr/numbers.h"

namespace oborot::expr {
namespace {

using Kind = DateExpr::Kind;

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;
constexpr int kMaxRangeYears = 50;

// The integer written by one number token, or -1 (too long, or not a number).
int IntAt(const Scan& s, size_t i, size_t max_digits) {
  if (!s.IsNumber(i) || s.toks[i].fold.size() > max_digits) return -1;
  int v = 0;
  for (char c : s.toks[i].fold) v = v * 10 + (c - '0');
  return v;
}

// A four-digit year token at i (not part of a decimal or a grouped number).
int YearTok(const Scan& s, size_t i) {
  if (!s.IsNumber(i) || s.toks[i].fold.size() != 4) return 0;
  if ((s.IsPunct(i + 1, ",") || s.IsPunct(i + 1, ".")) && s.Touches(i + 1) && s.IsNumber(i + 2) && s.Touches(i + 2))
    return 0;
  const int y = IntAt(s, i, 4);
  return y >= kMinYear && y <= kMaxYear ? y : 0;
}

// After a year number at j: an ordinal suffix («-м», «-го») and/or a year noun
// («году», «г.», «гг.»). Returns the token after them; *noun tells whether any.
size_t YearTail(const Scan& s, size_t j, bool* noun) {
  const Lexicons& lex = s.lex;
  *noun = false;
  if (s.IsDash(j) && s.Touches(j) && s.IsWord(j + 1) && s.Touches(j + 1) &&
      lex.numerals.Find(s.toks[j + 1].fold, LexKind::kOrdinalSuffix)) {
    j += 2;
    *noun = true;
  }
  if (auto y = lex.months.Match(s, j, LexKind::kYearNoun); y && !s.toks[j].newline_before) {
    j = y->end;
    *noun = true;
    if (s.toks[j - 1].fold.size() <= 4 && s.IsPunct(j, ".") && s.Touches(j)) ++j;  // «г.», «гг.»
  }
  return j;
}

// A year after a period or month: «2024 года» or «текущего года». Sets the
// year (or the relative year) of d and returns the token after it, or j.
size_t YearAfter(const Scan& s, size_t j, DateExpr* d) {
  const Lexicons& lex = s.lex;
  if (int y = YearTok(s, j)) {
    bool noun = false;
    const size_t e = YearTail(s, j + 1, &noun);
    d->year = y;
    return e;
  }
  if (auto r = lex.months.Match(s, j, LexKind::kRelative)) {
    if (auto y = lex.months.Match(s, r->end, LexKind::kYearNoun)) {
      d->has_relative = true;
      d->relative = static_cast<int>(r->entry->num);
      return y->end;
    }
  }
  return j;
}

// «по итогам», «за» ending right before token i (summary) or «к», «до» (horizon):
// the token where that phrase starts, or i.
size_t Lead(const Scan& s, size_t i, LexKind kind) {
  const PhraseTable& months = s.lex.months;
  for (size_t len = 1; len <= 3 && len <= i; ++len) {
    if (auto m = months.Match(s, i - len, kind); m && m->end == i) return i - len;
  }
  return i;
}

std::string MonthRangePeriod(int m1, int m2) {
  if (m1 == 1 && m2 == 3) return "Q1";
  if (m1 == 1 && m2 == 6) return "H1";
  if (m1 == 4 && m2 == 6) return "Q2";
  if (m1 == 7 && m2 == 9) return "Q3";
  if (m1 == 10 && m2 == 12) return "Q4";
  if (m1 == 7 && m2 == 12) return "H2";
  if (m1 == 1 && m2 == 12) return "year";
  std::string out = std::to_string(m2);
  out.push_back('M');
  if (m1 == 1) return out;  // «январь–сентябрь»: 9M
  return 'M' + std::to_string(m1) + "-M" + out.substr(0, out.size() - 1);
}

// «первом полугодии», «I квартале», «1-м квартале», «девять месяцев»: a
// period at i; sets d->period and returns the token after, or 0.
size_t PeriodAt(const Scan& s, size_t i, DateExpr* d) {
  const Lexicons& lex = s.lex;
  // «за полгода», «по итогам полугодия»: a half-year noun alone after a summary lead is the first half
  if (s.IsWord(i)) {
    if (auto half = lex.months.Match(s, i, LexKind::kPeriodNoun);
        half && half->entry->num == 6 && Lead(s, i, LexKind::kSummary) < i) {
      d->period = "H1";
      return half->end;
    }
  }
  // every reading below starts with a number, an ordinal or a number word
  if (!s.IsNumber(i) && !(i < s.size() && (s.mask[i] & (FirstToken::kOrdinal | FirstToken::kCardinal)))) return 0;
  int ord = 0;
  size_t j = i;
  bool cardinal = false;
  if (auto o = lex.numerals.Match(s, i, LexKind::kOrdinal)) {
    ord = static_cast<int>(o->entry->num);
    j = o->end;
  } else if (auto r = lex.numerals.Match(s, i, LexKind::kRoman)) {
    ord = static_cast<int>(r->entry->num);
    j = r->end;
  } else if (auto p = ParseNumberAt(s, i, false); p && !p->decimal && p->value >= 1 && p->value <= 12) {
    ord = static_cast<int>(p->value);
    cardinal = !p->ordinal;
    j = p->end;
  } else {
    return 0;
  }
  auto noun = lex.months.Match(s, j, LexKind::kPeriodNoun);
  if (!noun) return 0;
  const int len = static_cast<int>(noun->entry->num);
  // built by moving a local: GCC 12 warns falsely (-Wrestrict) on assigning a literal here
  std::string period;
  if (len == 6 && ord <= 2) {
    period = {'H', static_cast<char>('0' + ord)};
  } else if (len == 3 && ord <= 4) {
    period = {'Q', static_cast<char>('0' + ord)};
  } else if (len == 1 && cardinal) {
    period = std::to_string(ord);  // «девять месяцев», «9 месяцев»
    period.push_back('M');
  } else {
    return 0;
  }
  d->period = std::move(period);
  return noun->end;
}

}  // namespace

std::string_view DateKindName(Kind kind) {
  switch (kind) {
    case Kind::kYear:
      return "year";
    case Kind::kFullDate:
      return "full_date";
    case Kind::kDayMonth:
      return "day_month";
    case Kind::kMonthYear:
      return "month_year";
    case Kind::kRelativeYear:
      return "relative_year";
    case Kind::kPeriod:
      return "period";
    case Kind::kYearRange:
      return "year_range";
    case Kind::kWeekday:
      return "weekday";
    case Kind::kRelativeDay:
      return "relative_day";
  }
  return "year";
}

std::vector<DateExpr> FindDatesIn(const Scan& s) {
  std::vector<DateExpr> out;
  const Lexicons& lex = s.lex;
  size_t i = 0;
  auto emit = [&](DateExpr d, size_t first, size_t end) {
    d.start = StartOf(s, first);
    d.end = EndOf(s, end);
    out.push_back(std::move(d));
    i = end;
  };
  // A period at i («первом полугодии», «1-м квартале», «9 месяцев» with a year or a lead such as
  // «за»): emits it and returns true; otherwise leaves d empty.
  auto emit_period = [&](DateExpr& d) {
    if (size_t e = PeriodAt(s, i, &d)) {
      const size_t lead = Lead(s, i, LexKind::kSummary);
      const size_t ye = YearAfter(s, e, &d);
      if (d.period.back() != 'M' || lead < i || ye > e) {
        d.kind = Kind::kPeriod;
        emit(d, lead < i ? lead : i, ye);
        return true;
      }
      d = DateExpr();
    }
    return false;
  };
  // a word starts a date only as a month, year, relative or weekday word
  // (table months) or as a period's ordinal or number («первом», «девять»)
  const uint8_t date_word = lex.months.bit() | FirstToken::kOrdinal | FirstToken::kCardinal;
  while (i < s.size()) {
    // most tokens: neither a number nor a date word (every reading below needs one)
    if (s.IsWord(i) ? !(s.mask[i] & date_word) : !s.IsNumber(i)) {
      ++i;
      continue;
    }
    DateExpr d;
    // ---- numbers ----
    if (s.IsNumber(i) && !(s.Touches(i) && s.IsWord(i - 1))) {
      // 10.06.2024
      const int a = IntAt(s, i, 2);
      if (a >= 1 && a <= 31 && s.IsPunct(i + 1, ".") && s.Touches(i + 1) && s.Touches(i + 2) && s.IsPunct(i + 3, ".") &&
          s.Touches(i + 3) && s.Touches(i + 4)) {
        const int m = IntAt(s, i + 2, 2);
        const int y = YearTok(s, i + 4);
        if (m >= 1 && m <= 12 && y) {
          d.kind = Kind::kFullDate;
          d.day = a, d.month = m, d.year = y;
          emit(d, i, i + 5);
          continue;
        }
      }
      // 2024-06-10
      if (int y = YearTok(s, i); y && s.IsPunct(i + 1, "-") && s.Touches(i + 1) && s.Touches(i + 2) &&
                                 s.IsPunct(i + 3, "-") && s.Touches(i + 3) && s.Touches(i + 4)) {
        const int m = IntAt(s, i + 2, 2), day = IntAt(s, i + 4, 2);
        if (m >= 1 && m <= 12 && day >= 1 && day <= 31) {
          d.kind = Kind::kFullDate;
          d.day = day, d.month = m, d.year = y;
          emit(d, i, i + 5);
          continue;
        }
      }
      // 10 июня [2024 года]
      if (a >= 1 && a <= 31 && i + 1 < s.size() && !s.toks[i + 1].newline_before) {
        auto mon = lex.months.Match(s, i + 1, LexKind::kMonth);
        if (!mon) mon = lex.months.Match(s, i + 1, LexKind::kMonthAbbr);
        if (mon) {
          size_t e = mon->end;
          if (mon->entry->kind == LexKind::kMonthAbbr && s.IsPunct(e, ".") && s.Touches(e)) ++e;
          d.day = a;
          d.month = static_cast<int>(mon->entry->num);
          d.kind = Kind::kDayMonth;
          if (int y = YearTok(s, e)) {
            bool noun = false;
            e = YearTail(s, e + 1, &noun);
            d.year = y;
            d.kind = Kind::kFullDate;
          }
          emit(d, i, e);
          continue;
        }
      }
      if (int y = YearTok(s, i)) {
        size_t first = i;
        // 2026–2027 годы; с 2021 по 2025 год
        int y2 = 0;
        size_t after2 = 0;
        if (s.IsDash(i + 1) && YearTok(s, i + 2)) {
          y2 = YearTok(s, i + 2);
          after2 = i + 3;
        } else if (i > 0 && s.Is(i - 1, "с") && s.Is(i + 1, "по") && YearTok(s, i + 2)) {
          y2 = YearTok(s, i + 2);
          after2 = i + 3;
          first = i - 1;
        }
        if (y2 > y && y2 - y <= kMaxRangeYears) {
          bool noun = false;
          const size_t e = YearTail(s, after2, &noun);
          d.kind = Kind::kYearRange;
          d.year = y, d.year_end = y2;
          d.period = "multi_year";
          emit(d, first, e);
          continue;
        }
        bool noun = false;
        const size_t e = YearTail(s, i + 1, &noun);
        const bool after_prep = i > 0 && lex.months.Match(s, i - 1, LexKind::kYearPrep);
        bool bare_ok = false;
        if (!noun && after_prep) {
          // «в 2023 товарооборот»: not «в 2023 тоннах» or «до 2023 млн»
          auto next = lex.numerals.Match(s, i + 1);
          bare_ok = !(next && next->entry->kind != LexKind::kOrdinalSuffix) && !lex.currencies.Match(s, i + 1) &&
                    !s.IsNumber(i + 1) && !PercentAt(s, i + 1) && !lex.months.Match(s, i + 1, LexKind::kMonth);
        }
        if (noun || bare_ok) {
          d.kind = Kind::kYear;
          d.year = y;
          if (size_t l = Lead(s, i, LexKind::kSummary); l < i) {
            d.period = "year";
            first = l;
          } else if (size_t h = Lead(s, i, LexKind::kHorizon); h < i) {
            d.by = true;
            first = h;
          }
          emit(d, first, e);
          continue;
        }
      }
      // 1-м квартале, 9 месяцев
      if (emit_period(d)) continue;
      auto p = ParseNumberAt(s, i);
      i = p ? p->end : i + 1;
      continue;
    }
    if (!s.IsWord(i)) {
      ++i;
      continue;
    }
    // ---- words ----
    if (emit_period(d)) continue;
    if (auto mon = lex.months.Match(s, i, LexKind::kMonth)) {
      const int m1 = static_cast<int>(mon->entry->num);
      size_t e = mon->end;
      const size_t lead = Lead(s, i, LexKind::kSummary);
      auto mon2 = s.IsDash(e) ? lex.months.Match(s, e + 1, LexKind::kMonth) : std::nullopt;
      if (mon2 && mon2->entry->num > m1) {
        d.kind = Kind::kPeriod;
        d.month = m1;
        d.period = MonthRangePeriod(m1, static_cast<int>(mon2->entry->num));
        e = YearAfter(s, mon2->end, &d);
      } else {
        d.kind = Kind::kMonthYear;
        d.month = m1;
        e = YearAfter(s, e, &d);
      }
      emit(d, lead < i ? lead : i, e);
      continue;
    }
    // «по итогам года», «до конца года», «к концу года», «с начала года»: the current year
    if (i > 0 && (s.Is(i - 1, "итогам") || s.Is(i - 1, "конца") || s.Is(i - 1, "концу") || s.Is(i - 1, "начала"))) {
      if (auto y = lex.months.Match(s, i, LexKind::kYearNoun); y && !s.IsNumber(y->end)) {
        d.kind = Kind::kRelativeYear;
        d.relative = 0;
        d.has_relative = true;
        d.period = s.Is(i - 1, "начала") ? "ytd" : "year";
        d.by = s.Is(i - 1, "конца") || s.Is(i - 1, "концу");
        emit(d, i >= 2 ? i - 2 : i - 1, y->end);
        continue;
      }
    }
    if (auto rel = lex.months.Match(s, i, LexKind::kRelative)) {
      const int r = static_cast<int>(rel->entry->num);
      if (auto y = lex.months.Match(s, rel->end, LexKind::kYearNoun)) {
        d.kind = Kind::kRelativeYear;
        d.relative = r;
        d.has_relative = true;
        size_t first = i;
        if (size_t l = Lead(s, i, LexKind::kSummary); l < i) {
          d.period = "year";
          first = l;
        }
        emit(d, first, y->end);
        continue;
      }
      if (auto w = lex.months.Match(s, rel->end, LexKind::kWeekNoun)) {
        d.kind = Kind::kRelativeDay;
        d.relative = 7 * r;
        d.period = "week";
        emit(d, i, w->end);
        continue;
      }
    }
    if (auto rd = lex.months.Match(s, i, LexKind::kRelativeDay)) {
      d.kind = Kind::kRelativeDay;
      d.relative = static_cast<int>(rd->entry->num);
      emit(d, i, rd->end);
      continue;
    }
    if (i > 0 && (s.Is(i - 1, "в") || s.Is(i - 1, "во"))) {
      if (auto wd = lex.months.Match(s, i, LexKind::kWeekday)) {
        d.kind = Kind::kWeekday;
        d.weekday = static_cast<int>(wd->entry->num);
        emit(d, i, wd->end);
        continue;
      }
    }
    ++i;
  }
  return out;
}


std::vector<DateExpr> FindDates(std::string_view text, uint32_t base) { return FindDatesIn(Scan(text, base)); }

std::vector<DateExpr> FindDates(std::string_view text, const std::vector<segment::Token>& tokens, uint32_t base) {
  return FindDatesIn(Scan(text, base, tokens));
}

}  // namespace oborot::expr
