#include "src/expr/quantities.h"

#include "src/base/utf8.h"
#include "src/expr/expressions.h"
#include "src/expr/lexicon.h"
#include "src/expr/numbers.h"

namespace oborot::expr {
namespace {

constexpr size_t kMaxAdjectives = 2;

// An adjective before the counted noun is skipped: «15 совместных проектов».
// Endings (two or three Cyrillic letters) come from numerals.tsv (kind adjective_ending).
bool LooksAdjective(std::string_view w) {
  if (CodePointCount(w) < 5) return false;
  const PhraseTable& num = GetLexicons().numerals;
  for (size_t bytes = 4; bytes <= 6 && bytes <= w.size(); bytes += 2)
    if (num.Find(w.substr(w.size() - bytes), LexKind::kAdjectiveEnding)) return true;
  return false;
}

// Nominative singular guessed from a genitive form by numerals.tsv
// plural_suffix rows (longest ending first).
std::string GuessLemma(std::string_view w) {
  const PhraseTable& num = GetLexicons().numerals;
  for (size_t bytes = 4; bytes >= 2; bytes -= 2) {
    if (w.size() <= bytes + 4) continue;
    if (const LexEntry* e = num.Find(std::string_view(w).substr(w.size() - bytes), LexKind::kPluralSuffix))
      return std::string(w.substr(0, w.size() - bytes)) + e->c;
  }
  return std::string(w);
}

bool IsMoneyOrTime(const Scan& s, size_t j) {
  const Lexicons& lex = s.lex;
  if (auto c = lex.currencies.Match(s, j); c && c->entry->kind != LexKind::kSuffix) return true;
  if (lex.months.Match(s, j, LexKind::kMonth) || lex.months.Match(s, j, LexKind::kMonthAbbr) || lex.months.Match(s, j, LexKind::kYearNoun) ||
      lex.months.Match(s, j, LexKind::kPeriodNoun) || lex.months.Match(s, j, LexKind::kWeekNoun))
    return true;
  if (auto n = lex.numerals.Match(s, j); n && n->entry->kind == LexKind::kNotUnit) return true;
  return false;
}

}  // namespace

std::vector<QuantityExpr> FindQuantitiesIn(const Scan& s) {
  std::vector<QuantityExpr> out;
  if (!s.any_number) return out;  // every pattern needs a number or a numeral
  const Lexicons& lex = s.lex;
  size_t i = 0;
  const size_t lead = lex.qualifiers.max_tokens();
  while (i < s.size()) {
    i = s.SkipToNumber(i, lead);  // a qualifier, then the number
    if (i >= s.size()) break;
    Qualifier qual = Qualifier::kExact;
    size_t k = i;
    if (auto q = lex.qualifiers.Match(s, i, LexKind::kBefore)) {
      if (auto kind = QualifierFromKind(q->entry->a)) {
        qual = *kind;
        k = q->end;
      }
    }
    auto p = ParseNumberAt(s, k);
    if (!p) {
      ++i;
      continue;
    }
    const size_t j = p->end;
    const bool lone_one = p->words && p->value == 1 && !p->has_scale;
    // «В 2023 товарооборот ...»: a bare year after a preposition
    const bool year_like = p->digits && p->digit_count == 4 && !p->has_scale && !p->decimal && p->value >= 1900 &&
                           p->value <= 2100 && p->first > 0 && lex.months.Match(s, p->first - 1, LexKind::kYearPrep);
    if (p->ordinal || lone_one || year_like || PercentAt(s, j) || !s.IsWord(j) || s.toks[j].newline_before ||
        IsMoneyOrTime(s, j) || (p->digits && !s.toks[j].space_before)) {
      i = p->end > i ? p->end : i + 1;
      continue;
    }
    QuantityExpr q;
    size_t unit_first = j, unit_end = 0;
    if (auto m = lex.numerals.Match(s, j, LexKind::kMeasure)) {
      q.unit = m->entry->c;
      unit_end = m->end;
      // «кв. м.»: a dot after an abbreviated unit belongs to it inside a sentence
    } else {
      size_t n = j;
      for (size_t a = 0;
           a < kMaxAdjectives && s.IsWord(n + 1) && LooksAdjective(s.toks[n].fold) && !s.toks[n + 1].upper_initial; ++a)
        ++n;
      if (auto m2 = lex.numerals.Match(s, n, LexKind::kMeasure)) {
        q.unit = m2->entry->c;
        unit_first = n;
        unit_end = m2->end;
      } else if (!s.toks[n].upper_initial && !LooksAdjective(s.toks[n].fold) && !IsMoneyOrTime(s, n) &&
                 !lex.qualifiers.Match(s, n, LexKind::kAfter) && !lex.numerals.Match(s, n) &&
                 CodePointCount(s.toks[n].fold) >= 3) {
        q.unit = GuessLemma(s.toks[n].fold);
        unit_first = n;
        unit_end = n + 1;
      }
    }
    // «к миллиарду нужно»: a bare scale word counts only a unit («миллион тонн»)
    if (unit_end == 0 || ((p->scale_only || p->scale_adjective) && !lex.numerals.Match(s, unit_first, LexKind::kMeasure))) {
      i = p->end;
      continue;
    }
    q.value = p->value;
    q.qualifier = qual;
    q.start = StartOf(s, i == k ? p->first : i);
    q.end = EndOf(s, unit_end);
    q.value_start = StartOf(s, p->first);
    q.value_end = EndOf(s, p->end);
    q.unit_start = StartOf(s, unit_first);
    q.unit_end = EndOf(s, unit_end);
    out.push_back(std::move(q));
    i = unit_end;
  }
  return out;
}


std::vector<QuantityExpr> FindQuantities(std::string_view text, uint32_t base) {
  return FindQuantitiesIn(Scan(text, base));
}

std::vector<QuantityExpr> FindQuantities(std::string_view text, const std::vector<segment::Token>& tokens,
                                         uint32_t base) {
  return FindQuantitiesIn(Scan(text, base, tokens));
}

}  // namespace oborot::expr
