#include "src/expr/changes.h"

#include <cmath>

#include "src/expr/expressions.h"
#include "src/expr/lexicon.h"
#include "src/expr/numbers.h"

namespace oborot::expr {
namespace {

constexpr size_t kBackWindow = 8;  // tokens searched before a change for its verb
constexpr size_t kForwardWindow = 3;
constexpr size_t kBareWindow = 5;  // a bare «12%» needs a change word this close
constexpr size_t kSubjectWindow = 16;  // «<change noun> … составил 12%»: the noun this far back

double Round1(double v) { return std::round(v * 10.0) / 10.0; }

// A change pattern found at a token: its raw value and token range.
struct Raw {
  double value = 0;
  std::string kind;
  size_t first = 0, end = 0;
  int sign = 0;  // explicit «+» / «−»
  Qualifier after_qualifier = Qualifier::kExact;  // «в два с лишним раза»: more_than
};

// «п.п.», «пп», «процентных пункта», «процентного пункта».
size_t PointsAt(const Scan& s, size_t j) {
  if (s.Is(j, "п") && s.IsPunct(j + 1, ".") && s.Is(j + 2, "п")) return s.IsPunct(j + 3, ".") ? j + 4 : j + 3;
  if (s.Is(j, "пп")) return s.IsPunct(j + 1, ".") && s.Touches(j + 1) ? j + 2 : j + 1;
  if (s.IsWord(j) && s.toks[j].fold.rfind("процентн", 0) == 0 && s.IsWord(j + 1) &&
      s.toks[j + 1].fold.rfind("пункт", 0) == 0)
    return j + 2;
  return 0;
}

// «раз», «раза» after a number.
bool TimesWord(const Scan& s, size_t j) { return s.Is(j, "раз") || s.Is(j, "раза"); }

// Fraction at j, optionally after a number word: «треть», «две трети».
std::optional<Raw> FractionAt(const Scan& s, size_t j) {
  const PhraseTable& num = s.lex.numerals;
  if (auto f = num.Match(s, j, LexKind::kFraction)) return Raw{f->entry->num, "fraction", j, f->end, 0};
  if (auto n = num.Match(s, j, LexKind::kUnit)) {
    if (auto f = num.Match(s, n->end, LexKind::kFraction)) return Raw{n->entry->num * f->entry->num, "fraction", j, f->end, 0};
  }
  return std::nullopt;
}

// The change pattern starting at token k (after any qualifier).
std::optional<Raw> PatternAt(const Scan& s, size_t k) {
  const PhraseTable& num = s.lex.numerals;
  if (s.Is(k, "на")) {
    if (auto f = FractionAt(s, k + 1)) {
      f->first = k;
      return f;
    }
    auto p = ParseNumberAt(s, k + 1);
    if (!p || p->has_scale || p->ordinal) return std::nullopt;
    if (size_t e = PointsAt(s, p->end)) return Raw{p->value, "pp", k, e, 0};
    if (size_t e = PercentAt(s, p->end)) return Raw{p->value, "percent", k, e, 0};
    return std::nullopt;
  }
  if (s.Is(k, "в") || s.Is(k, "во")) {
    auto p = ParseNumberAt(s, k + 1, /*allow_scale=*/false);
    if (!p || p->ordinal || p->value <= 0) return std::nullopt;
    if (TimesWord(s, p->end)) return Raw{p->value, "times", k, p->end + 1, 0};
    // «в два с лишним раза»: a qualifier between the number and «раза»
    if (auto q = s.lex.qualifiers.Match(s, p->end, LexKind::kAfter); q && TimesWord(s, q->end)) {
      Raw r{p->value, "times", k, q->end + 1, 0};
      r.after_qualifier = QualifierFromKind(q->entry->a).value_or(Qualifier::kExact);
      return r;
    }
    return std::nullopt;
  }
  if (auto t = num.Match(s, k, LexKind::kTimesAdv)) return Raw{t->entry->num, "times", k, t->end, 0};
  if (auto f = num.Match(s, k, LexKind::kFractionAdv)) return Raw{f->entry->num, "fraction", k, f->end, 0};
  // «+12%», «−5%»: a sign glued to the number and not part of a range
  const bool plus = s.IsPunct(k, "+");
  if ((plus || s.IsDash(k)) && s.IsNumber(k + 1) && s.Touches(k + 1) &&
      !(s.Touches(k) && (s.IsNumber(k - 1) || s.IsWord(k - 1)))) {
    auto p = ParseNumberAt(s, k + 1);
    if (!p || p->has_scale) return std::nullopt;
    if (size_t e = PointsAt(s, p->end)) return Raw{p->value, "pp", k, e, plus ? 1 : -1};
    if (size_t e = PercentAt(s, p->end)) return Raw{p->value, "percent", k, e, plus ? 1 : -1};
  }
  return std::nullopt;
}

struct DirectionHit {
  int dir = 0;
  size_t tok = 0;
};

// The nearest change word in the clause around [first, end).
DirectionHit FindDirection(const Scan& s, size_t first, size_t end) {
  DirectionHit back, fwd;
  size_t back_dist = SIZE_MAX, fwd_dist = SIZE_MAX;
  const PhraseTable& exact = s.lex.change_exact;
  for (size_t d = 1; d <= kBackWindow && d <= first; ++d) {
    const size_t t = first - d;
    if (s.toks[t + 1].newline_before || s.IsClausePunct(t)) break;
    int dir = ChangeWordAt(s, t);
    // «выше уровня предыдущего года на 20,5%», «ниже показателя 2019 года на 20%»
    if (!dir && s.IsWord(t)) {
      if (const LexEntry* c = exact.Find(s.toks[t].fold, LexKind::kComparative)) dir = c->a == "down" ? -1 : 1;
    }
    if (dir) {
      back = {dir, t};
      back_dist = d;
      break;
    }
  }
  for (size_t d = 0; d < kForwardWindow && end + d < s.size(); ++d) {
    const size_t t = end + d;
    if (!s.IsWord(t)) break;
    int dir = ChangeWordAt(s, t);
    if (!dir) {
      if (const LexEntry* c = exact.Find(s.toks[t].fold, LexKind::kComparative)) dir = c->a == "down" ? -1 : 1;
    }
    if (dir) {
      fwd = {dir, t};
      fwd_dist = d + 1;
      break;
    }
  }
  return fwd_dist < back_dist ? fwd : back;
}

// A year (or a relative year) at token j: «2021», «2022-м», «прошлым годом».
bool YearAt(const Scan& s, size_t j, std::optional<int>* year, std::optional<int>* relative) {
  if (auto p = ParseNumberAt(s, j, false); p && p->digits && p->digit_count == 4 && !p->decimal) {
    if (p->value >= 1990 && p->value <= 2100) {
      *year = static_cast<int>(p->value);
      return true;
    }
    return false;
  }
  const PhraseTable& months = s.lex.months;
  if (auto r = months.Match(s, j, LexKind::kRelative)) {
    if (months.Match(s, r->end, LexKind::kYearNoun)) {
      *relative = static_cast<int>(r->entry->num);
      return true;
    }
  }
  return false;
}

// «по сравнению с 2021 годом», «к уровню 2021 года» after (forward) or before
// the change, in the same clause.
void FindBase(const Scan& s, size_t first, size_t end, ChangeExpr* c) {
  const PhraseTable& exact = s.lex.change_exact;
  auto try_at = [&](size_t t, bool forward) {
    auto m = exact.Match(s, t, LexKind::kBase);
    if (!m || (!forward && m->end - t == 1 && s.Is(t, "к"))) return false;
    for (size_t j = m->end; j < m->end + 4 && j < s.size() && !s.ClauseEnd(j); ++j) {
      if (YearAt(s, j, &c->base_year, &c->base_relative)) {
        c->base_start = StartOf(s, t);
        // a relative year is two words: «прошлым годом»
        c->base_end = EndOf(s, std::min(s.size(), c->base_relative ? j + 2 : j + 1));
        return true;
      }
      // words, and the dash of a span of months («к январю–марту 2018-го»)
      const std::string_view f = s.toks[j].fold;
      if (!s.IsWord(j) && f != "-" && f != "–" && f != "—") break;
    }
    return false;
  };
  for (size_t t = end; t < s.size() && t < end + 12 && !s.ClauseEnd(t); ++t)
    if (try_at(t, true)) return;
  for (size_t t = first; t-- > 0 && !s.ClauseEnd(t + 1);)
    if (try_at(t, false)) return;
}

}  // namespace

std::vector<ChangeExpr> FindChangesIn(const Scan& s, std::vector<PercentExpr>* percents) {
  std::vector<ChangeExpr> out;
  if (!s.any_number) return out;  // every pattern needs a number or a numeral
  const Lexicons& lex = s.lex;
  size_t i = 0;
  const size_t lead = lex.qualifiers.max_tokens() + 1;
  while (i < s.size()) {
    i = s.SkipToNumber(i, lead);  // a qualifier and «на»/«в»/a sign, then the number
    if (i >= s.size()) break;
    Qualifier qual = Qualifier::kExact;
    size_t k = i;
    if (auto q = lex.qualifiers.Match(s, i, LexKind::kBefore)) {
      // «до» (up_to) is not a qualifier of a change
      if (auto kind = QualifierFromKind(q->entry->a); kind && *kind != Qualifier::kUpTo) {
        qual = *kind;
        k = q->end;
      }
    }
    std::optional<Raw> raw = PatternAt(s, k);
    if (!raw && qual != Qualifier::kExact) {
      qual = Qualifier::kExact;
      k = i;
      raw = PatternAt(s, k);
    }
    bool bare = false;
    if (!raw) {
      // a bare «12%»: a change only next to a change word, or an index «117% к уровню»
      auto p = ParseNumberAt(s, i);
      size_t e = p && !p->has_scale && !p->ordinal ? PercentAt(s, p->end) : 0;
      if (!e) {
        i = p ? p->end : i + 1;
        continue;
      }
      raw = Raw{p->value, "percent", i, e, 0};
      bare = true;
    }
    ChangeExpr c;
    c.kind = raw->kind;
    c.value = raw->value;
    if (qual == Qualifier::kExact) qual = raw->after_qualifier;
    c.qualifier = qual;
    DirectionHit dir{raw->sign, 0};
    // the search for a change word starts before the qualifier («сократился более чем на 20%»)
    if (!dir.dir) dir = FindDirection(s, std::min(i, raw->first), raw->end);
    if (bare && raw->sign == 0) {
      // «снизилась до 4,3%»: a level, not a change
      if (raw->first > 0) {
        if (auto q = lex.qualifiers.Match(s, raw->first - 1, LexKind::kBefore);
            q && q->end == raw->first && QualifierFromKind(q->entry->a) == Qualifier::kUpTo) {
          if (percents) percents->push_back({raw->value, StartOf(s, raw->first), EndOf(s, raw->end)});
          i = raw->end;
          continue;
        }
      }
      // «30% прироста», «на 12% роста»: the change noun right after the percent
      bool near = dir.dir != 0 && ((dir.tok < raw->first && raw->first - dir.tok <= kBareWindow) || dir.tok == raw->end);
      // «Рост по сравнению с предыдущим годом составил 26,3%»: the change noun is the subject of «составил»
      // (searched back to the clause's start, at most kSubjectWindow words: «Темпы роста товарооборота
      // … в прошлом году составили 112%»)
      // (or a dash standing for the verb: «Темп роста товарооборота … в 2024 году — 104%»)
      const std::string_view before_number = raw->first > 0 ? s.toks[raw->first - 1].fold : std::string_view();
      const bool after_verb =
          before_number.rfind("состав", 0) == 0 || before_number == "—" || before_number == "–";
      if (!near && after_verb && dir.dir == 0) {
        for (size_t t = raw->first - 1; t-- > 0 && raw->first - t <= kSubjectWindow && !s.IsClausePunct(t);) {
          bool noun = false;
          if (int d = ChangeWordAt(s, t, &noun); d && noun) {
            dir = {d, t};
            break;
          }
        }
      }
      if (!near && dir.dir != 0 && dir.tok < raw->first && after_verb) {
        near = true;
        for (size_t t = dir.tok + 1; t < raw->first; ++t) near = near && !s.IsClausePunct(t);
      }
      // «темпы роста составили 112%»: a pace of growth is an index (+12)
      // (past a possessive between them: «темпы его роста»)
      size_t pace_tok = dir.tok > 0 ? dir.tok - 1 : 0;
      if (pace_tok > 0 && lex.change_exact.Find(s.toks[pace_tok].fold, LexKind::kPossessive) != nullptr) --pace_tok;
      const bool pace = near && dir.tok > 0 && dir.tok < raw->first &&
                        lex.change_exact.Find(s.toks[pace_tok].fold, LexKind::kIndexWord) != nullptr;
      if (pace && raw->value >= 50) {
        c.kind = "index";
        dir = {raw->value >= 100 ? 1 : -1, 0};
      } else if (near && dir.dir > 0 && raw->value > 100 && raw->value < 200) {
        // «рост — это 108,7 процента», «рост составил 106,2%», «увеличился и составил 109,5%»: a bare
        // percent above 100 that a growth word governs, with no «на», is the index against the year
        // before (+8.7), as official statistics write it; a growth of more than 100% is written
        // «на 140%» or «в 2,4 раза», which are not bare
        c.kind = "index";
        dir = {1, 0};
      } else if (!near) {
        // «составил 117% к уровню 2022 года»: an index against a base
        ChangeExpr probe;
        FindBase(s, raw->first, raw->end, &probe);
        bool base_after = false;
        if (probe.base_year || probe.base_relative) {
          auto m = lex.change_exact.Match(s, raw->end, LexKind::kBase);
          base_after = m.has_value();
        }
        if (!base_after || raw->value < 50) {
          if (percents) percents->push_back({raw->value, StartOf(s, raw->first), EndOf(s, raw->end)});
          i = raw->end;
          continue;
        }
        c.kind = "index";
        dir = {raw->value >= 100 ? 1 : -1, 0};
      }
    }
    if (raw->sign == 0 && dir.dir != 0 && c.kind != "index") {
      c.verb_start = s.toks[dir.tok].start;
      c.verb_end = s.toks[dir.tok].end;
    }
    c.direction = dir.dir > 0 ? Direction::kUp : dir.dir < 0 ? Direction::kDown : Direction::kUnknown;
    const double v = raw->value;
    const bool down = dir.dir < 0;
    if (c.kind == "times") {
      c.percent = Round1(down ? -(1.0 - 1.0 / v) * 100.0 : (v - 1.0) * 100.0);
    } else if (c.kind == "fraction") {
      c.percent = Round1(down ? -v : v);
    } else if (c.kind == "index") {
      c.percent = Round1(v - 100.0);
    } else {
      c.percent = down ? -v : v;
    }
    c.start = StartOf(s, i == k ? raw->first : i);
    c.end = EndOf(s, raw->end);
    FindBase(s, raw->first, raw->end, &c);
    out.push_back(std::move(c));
    i = raw->end;
  }
  return out;
}


std::vector<ChangeExpr> FindChanges(std::string_view text, uint32_t base) { return FindChangesIn(Scan(text, base)); }

std::vector<ChangeExpr> FindChanges(std::string_view text, const std::vector<segment::Token>& tokens, uint32_t base) {
  return FindChangesIn(Scan(text, base, tokens));
}

}  // namespace oborot::expr
