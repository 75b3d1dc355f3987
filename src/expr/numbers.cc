#include "src/expr/numbers.h"

#include <cmath>

#include "src/base/utf8.h"

namespace oborot::expr {
namespace {

bool IsScaleKind(LexKind k) { return k == LexKind::kScale || k == LexKind::kScalePl || k == LexKind::kScaleAbbr; }

// The gap between tokens i-1 and i is exactly one space character on one line
// (a thousands separator: space, NBSP, thin or narrow no-break space).
bool SingleSpaceGap(const Scan& s, size_t i) {
  const size_t a = s.toks[i - 1].end - s.base;
  const size_t b = s.toks[i].start - s.base;
  if (b <= a) return false;
  size_t k = a;
  const char32_t cp = NextCodePoint(s.text, k);
  return k == b && cp != '\n' && cp != '\t' && IsSpace(cp);
}

// The value of the digits `d` written after those whose value is `v` (the
// same arithmetic as reading all of them as one string).
double DigitsValue(std::string_view d, double v = 0) {
  for (char c : d) v = v * 10 + (c - '0');
  return v;
}

// Scale words after a number: «млн», «миллиардов», «тыс.». Returns the token
// index after them and multiplies *value; `last_scale` is the scale applied.
size_t ApplyScale(const Scan& s, size_t j, double* value, double* last_scale) {
  const Lexicons& lex = s.lex;
  auto hit = lex.numerals.Match(s, j);
  if (!hit || !IsScaleKind(hit->entry->kind)) return j;
  *value *= hit->entry->num;
  *last_scale = hit->entry->num;
  j = hit->end;
  // «млн.»: the dot is the abbreviation's unless the sentence ends there
  // («1,2 млрд. USD»: a currency in capitals after it keeps the dot too)
  if (hit->entry->kind == LexKind::kScaleAbbr && s.IsPunct(j, ".") && s.Touches(j) && j + 1 < s.size() &&
      !s.toks[j + 1].newline_before && (!s.toks[j + 1].upper_initial || s.lex.currencies.Match(s, j + 1)))
    ++j;
  return j;
}

// Digits with separators and a decimal part, without scale words.
std::optional<NumberParse> ParseDigits(const Scan& s, size_t i) {
  if (!s.IsNumber(i)) return std::nullopt;
  NumberParse p;
  p.first = i;
  p.digits = true;
  // the integer part, digit groups included («1 200»), read without copying the groups
  const std::string_view lead_digits = s.toks[i].fold;
  double value = DigitsValue(lead_digits);
  size_t digit_count = lead_digits.size();
  size_t j = i + 1;
  if (lead_digits.size() <= 3) {
    while (s.IsNumber(j) && s.toks[j].fold.size() == 3 && SingleSpaceGap(s, j) &&
           !(s.IsPunct(j + 1, ".") && s.Touches(j + 1) && s.IsNumber(j + 2))) {
      value = DigitsValue(s.toks[j].fold, value);
      digit_count += 3;
      ++j;
    }
    // Groups separated by points: «2.500.000», «12.500,75» (two groups, or one
    // before a decimal comma; «2.500» alone stays two and a half).
    auto dot_group = [&](size_t k) {
      return s.IsPunct(k, ".") && s.Touches(k) && s.IsNumber(k + 1) && s.Touches(k + 1) && s.toks[k + 1].fold.size() == 3;
    };
    if (j == i + 1 && dot_group(j)) {
      size_t k = j, groups = 0;
      while (dot_group(k)) {
        k += 2;
        ++groups;
      }
      const bool decimal_after = s.IsPunct(k, ",") && s.Touches(k) && s.IsNumber(k + 1) && s.Touches(k + 1);
      const bool date_like = s.IsPunct(k, ".") && s.Touches(k) && s.IsNumber(k + 1);
      if ((groups >= 2 || decimal_after) && !date_like) {
        for (size_t g = j + 1; g < k; g += 2) {
          value = DigitsValue(s.toks[g].fold, value);
          digit_count += 3;
        }
        j = k;
      }
    }
  }
  p.value = value;
  p.digit_count = static_cast<int>(digit_count);
  if ((s.IsPunct(j, ",") || s.IsPunct(j, ".")) && s.Touches(j) && s.IsNumber(j + 1) && s.Touches(j + 1)) {
    const bool date_like = ((s.IsPunct(j + 2, ".") || s.IsPunct(j + 2, ",")) && s.Touches(j + 2) && s.IsNumber(j + 3) &&
                            s.Touches(j + 3)) ||
                           (i >= 2 && s.IsPunct(i - 1, ".") && s.Touches(i - 1) && s.Touches(i) && s.IsNumber(i - 2));
    if (!date_like) {
      const std::string_view frac = s.toks[j + 1].fold;
      p.value += DigitsValue(frac) / std::pow(10.0, static_cast<double>(frac.size()));
      p.decimal = true;
      j += 2;
    }
  }
  // «2-миллиардного показателя»: digits and a scale adjective (a numerals.tsv
  // half row whose value is a power of a thousand) multiply
  if (s.IsDash(j) && s.Touches(j) && s.IsWord(j + 1) && s.Touches(j + 1)) {
    const LexEntry* adj = s.lex.numerals.Find(s.toks[j + 1].fold, LexKind::kHalf);
    if (adj && (adj->num == 1e6 || adj->num == 1e9 || adj->num == 1e12)) {
      p.value *= adj->num;
      p.has_scale = p.scale_adjective = true;
      p.end = j + 2;
      return p;
    }
  }
  // «13-е», «2023-м», «2023-го»
  if (s.IsDash(j) && s.Touches(j) && s.IsWord(j + 1) && s.Touches(j + 1) &&
      s.lex.numerals.Find(s.toks[j + 1].fold, LexKind::kOrdinalSuffix)) {
    p.ordinal = true;
    j += 2;
  }
  p.end = j;
  return p;
}

// Number words: «сорок пять», «два с половиной миллиарда», «полмиллиарда».
std::optional<NumberParse> ParseWords(const Scan& s, size_t i, bool allow_scale) {
  const Lexicons& lex = s.lex;
  if (!s.IsWord(i)) return std::nullopt;
  NumberParse p;
  p.first = i;
  p.words = true;
  auto first = lex.numerals.Match(s, i);
  if (!first) return std::nullopt;
  if (first->entry->kind == LexKind::kHalf) {
    if (!allow_scale) return std::nullopt;
    p.value = first->entry->num;
    p.end = first->end;
    p.has_scale = p.scale_only = true;
    return p;
  }
  if (first->entry->kind == LexKind::kHalfPrefix) {  // «пол-миллиарда»
    if (!allow_scale || !s.IsDash(i + 1) || !s.Touches(i + 1)) return std::nullopt;
    auto sc = lex.numerals.Match(s, i + 2);
    if (!sc || sc->entry->kind != LexKind::kScale) return std::nullopt;
    p.value = 0.5 * sc->entry->num;
    p.end = sc->end;
    p.has_scale = p.scale_only = true;
    return p;
  }
  double total = 0, cur = 0, last_scale = 1e300;
  int min_place = 4;  // the smallest place filled in `cur`: 3 hundreds, 2 tens, 1 units, 0 closed
  bool any = false;
  size_t j = i;
  while (j < s.size()) {
    auto hit = lex.numerals.Match(s, j);
    if (!hit) {
      // «два с половиной»
      if (cur > 0 && min_place > 0 && s.Is(j, "с") && j + 1 < s.size() &&
          lex.numerals.Find(s.toks[j + 1].fold, LexKind::kAndHalf)) {
        cur += 0.5;
        min_place = 0;
        j += 2;
        continue;
      }
      break;
    }
    const LexKind kind = hit->entry->kind;
    const double v = hit->entry->num;
    int place = 0;
    if (kind == LexKind::kHundreds)
      place = 3;
    else if (kind == LexKind::kTens || kind == LexKind::kTeen)
      place = 2;
    else if (kind == LexKind::kUnit)
      place = 1;
    if (place > 0) {
      if (place >= min_place) break;
      cur += v;
      min_place = (kind == LexKind::kTeen || v == 1.5) ? 0 : place;
      any = true;
      j = hit->end;
      continue;
    }
    if (IsScaleKind(kind) && allow_scale) {
      if (v >= last_scale) break;
      if (cur == 0) {
        if (total > 0 || kind != LexKind::kScale) break;  // «миллионы» alone is no amount
        p.scale_only = true;
        cur = 1;
      }
      total += cur * v;
      cur = 0;
      last_scale = v;
      min_place = 4;
      p.has_scale = true;
      any = true;
      j = hit->end;
      continue;
    }
    break;
  }
  if (!any) return std::nullopt;
  if (p.scale_only && total != last_scale) p.scale_only = false;
  p.value = total + cur;
  p.end = j;
  return p;
}

}  // namespace

size_t PercentAt(const Scan& s, size_t j) {
  if (s.IsPunct(j, "%")) return j + 1;
  if (s.IsWord(j) && s.toks[j].fold.rfind("процент", 0) == 0) return j + 1;
  // «проц.», and «проц» with no dot as news agencies write it («на 27,4 проц по сравнению с …»)
  if (s.Is(j, "проц")) return s.IsPunct(j + 1, ".") ? j + 2 : j + 1;
  return 0;
}

namespace {

std::optional<NumberParse> ParseNumberUncached(const Scan& s, size_t i, bool allow_scale) {
  if (s.IsNumber(i)) {
    // a digit glued to a preceding letter or digit run («COVID19», «А1») is no amount, unless the
    // word is a preposition that lost its space («увеличился на32%», numerals.tsv glued_prep)
    if (s.Touches(i) && s.IsWord(i - 1) && !s.lex.numerals.Find(s.toks[i - 1].fold, LexKind::kGluedPrep)) {
      return std::nullopt;
    }
    auto p = ParseDigits(s, i);
    if (!p || p->ordinal || !allow_scale) return p;
    // «2 с половиной млрд»
    if (!p->decimal && s.Is(p->end, "с") && p->end + 1 < s.size() &&
        s.lex.numerals.Find(s.toks[p->end + 1].fold, LexKind::kAndHalf)) {
      p->value += 0.5;
      p->end += 2;
    }
    // «300 с лишним миллиардов»: the scale after the qualifier
    if (auto q = s.lex.qualifiers.Match(s, p->end, LexKind::kAfter); q && q->entry->a == "more_than") {
      double v = p->value, scale = 0;
      if (const size_t k = ApplyScale(s, q->end, &v, &scale); k != q->end) {
        p->value = v;
        p->end = k;
        p->has_scale = p->more = true;
        return p;
      }
    }
    // «до $1,2 [млрд]»: an editor's scale in brackets
    if (s.IsPunct(p->end, "[")) {
      double v = p->value, scale = 0;
      if (const size_t k = ApplyScale(s, p->end + 1, &v, &scale); k != p->end + 1 && s.IsPunct(k, "]")) {
        p->value = v;
        p->end = k + 1;
        p->has_scale = true;
        return p;
      }
    }
    double last_scale = 0;
    const size_t j = ApplyScale(s, p->end, &p->value, &last_scale);
    if (j == p->end) return p;
    p->has_scale = true;
    p->end = j;
    // «1 млрд 200 млн»: a smaller scale continues the amount
    while (s.IsNumber(p->end) && !s.ClauseEnd(p->end)) {
      auto q = ParseDigits(s, p->end);
      if (!q || q->ordinal || q->decimal) break;
      double v = q->value, scale = 0;
      const size_t k = ApplyScale(s, q->end, &v, &scale);
      if (k == q->end || scale >= last_scale || q->value >= last_scale / scale) break;
      p->value += v;
      last_scale = scale;
      p->end = k;
    }
    return p;
  }
  return ParseWords(s, i, allow_scale);
}

}  // namespace

std::optional<NumberParse> ParseNumberAt(const Scan& s, size_t i, bool allow_scale) {
  // a word that starts no number word (the common case) without ParseWords'
  // set-up: ParseWords fails unless its first form is of a FirstToken::kCardinal kind
  if (!s.IsNumber(i) && (i >= s.size() || !(s.mask[i] & FirstToken::kCardinal))) return std::nullopt;
  uint32_t& slot = s.NumberSlot(i, allow_scale);
  auto& parsed = s.ParsedNumbers();
  if (slot == 0) {
    parsed.push_back(ParseNumberUncached(s, i, allow_scale));
    slot = static_cast<uint32_t>(parsed.size());
  }
  return parsed[slot - 1];
}

namespace {
std::vector<NumberExpr> FindNumbersIn(const Scan& s) {
  std::vector<NumberExpr> out;
  size_t i = 0;
  while (i < s.size()) {
    auto p = ParseNumberAt(s, i);
    if (!p) {
      ++i;
      continue;
    }
    NumberExpr n;
    n.value = p->value;
    n.start = StartOf(s, p->first);
    n.end = EndOf(s, p->end);
    n.has_scale = p->has_scale;
    n.words = p->words;
    n.ordinal = p->ordinal;
    n.scale_only = p->scale_only;
    out.push_back(n);
    i = p->end;
  }
  return out;
}

}  // namespace

std::vector<NumberExpr> FindNumbers(std::string_view text, uint32_t base) { return FindNumbersIn(Scan(text, base)); }

std::vector<NumberExpr> FindNumbers(std::string_view text, const std::vector<segment::Token>& tokens, uint32_t base) {
  return FindNumbersIn(Scan(text, base, tokens));
}

}  // namespace oborot::expr
