#include "src/expr/money.h"

#include <cmath>
#include <string>

#include "src/expr/expressions.h"
#include "src/expr/lexicon.h"
#include "src/expr/numbers.h"

namespace oborot::expr {
namespace {

// The largest amount read as money, in units of its currency (the knowledge
// base's kMaxAmount): far above any yearly trade in any currency.
constexpr double kMaxAmount = 1e18;

struct CurrencyHit {
  std::string iso;
  bool ambiguous = false;
  size_t end = 0;       // token after the currency
  double factor = 1;    // «т. р.»: thousands of roubles
};

bool IsCurrencyWord(LexKind kind) {
  return kind == LexKind::kWord || kind == LexKind::kWordAmbiguous || kind == LexKind::kSign;
}

// Hundredths after an amount and its currency: «рублей 75 копеек», «долларов
// 20 центов», «руб. 10 коп.». Returns the token after the minor unit and adds
// the fraction to *value, or returns j.
size_t MinorUnitsAt(const Scan& s, size_t j, const std::string& iso, double* value) {
  if (!s.IsNumber(j) || s.toks[j].fold.size() > 2 || s.ClauseEnd(j)) return j;
  auto minor = s.lex.currencies.Match(s, j + 1, LexKind::kMinor);
  if (!minor) return j;
  const std::string& of = minor->entry->a;
  const bool rub_family = iso == "RUB" || iso == "BYN";
  // kopecks divide roubles; cents divide dollars and (as euro cents) euros
  const bool fits = of == "RUB" ? rub_family : (of == "USD" ? !rub_family && !iso.empty() : of == iso);
  if (!fits) return j;
  *value += std::stod(std::string(s.toks[j].fold)) / 100.0;
  return minor->end;
}

// A currency after an amount: [adjective] word-or-sign [suffix]:
// «долларов», «$», «белорусских рублей», «долл. США», «рублей РФ».
std::optional<CurrencyHit> CurrencyAfter(const Scan& s, size_t j) {
  const PhraseTable& cur = s.lex.currencies;
  auto hit = cur.Match(s, j);
  if (!hit) return std::nullopt;
  CurrencyHit c;
  if (hit->entry->kind == LexKind::kAdj) {
    auto word = cur.Match(s, hit->end);
    if (!word || !IsCurrencyWord(word->entry->kind)) return std::nullopt;
    c.iso = hit->entry->a;  // the adjective decides: «белорусских рублей» -> BYN
    c.end = word->end;
  } else if (IsCurrencyWord(hit->entry->kind)) {
    c.iso = hit->entry->a;
    c.ambiguous = hit->entry->kind == LexKind::kWordAmbiguous;
    c.end = hit->end;
  } else if (hit->entry->kind == LexKind::kWordThousand) {
    c.iso = hit->entry->a;
    c.ambiguous = true;
    c.end = hit->end;
    c.factor = 1000;
    return c;
  } else {
    return std::nullopt;
  }
  if (auto suf = cur.Match(s, c.end, LexKind::kSuffix)) {
    const std::string& iso = suf->entry->a;
    const bool rub_family = (c.iso == "RUB" || c.iso == "BYN") && (iso == "RUB" || iso == "BYN");
    if (iso == c.iso || rub_family) {
      c.iso = iso;
      c.ambiguous = false;
      c.end = suf->end;
    }
  }
  return c;
}

// Without a currency, an amount with a scale stands on its own only when what
// follows it is not a counted noun: punctuation, the end, a preposition or
// conjunction; after a bare scale word («к миллиарду нужно стремиться») any
// word but a unit or a genitive-looking noun or adjective.
bool AmountEndsHere(const Scan& s, size_t j, bool bare_scale) {
  if (j >= s.size() || s.toks[j].newline_before) return true;
  if (!s.IsWord(j)) return !s.IsNumber(j);
  const Lexicons& lex = s.lex;
  if (auto b = lex.qualifiers.Match(s, j, LexKind::kAfter); b && b->entry->a == "boundary") return true;
  if (auto m = lex.numerals.Match(s, j); m && (m->entry->kind == LexKind::kMeasure || m->entry->kind == LexKind::kNotUnit)) return false;
  if (!bare_scale) return false;
  const std::string_view w = s.toks[j].fold;
  if (s.toks[j].upper_initial) return true;
  // endings of one to three Cyrillic letters (two bytes each), from numerals.tsv
  for (size_t bytes = 2; bytes <= 6 && bytes < w.size(); bytes += 2) {
    if (lex.numerals.Find(std::string_view(w).substr(w.size() - bytes), LexKind::kGenitiveEnding)) return false;
  }
  return true;
}

}  // namespace

std::optional<Qualifier> QualifierFromKind(std::string_view kind) {
  if (kind == "more_than") return Qualifier::kMoreThan;
  if (kind == "less_than") return Qualifier::kLessThan;
  if (kind == "approx") return Qualifier::kApprox;
  if (kind == "up_to") return Qualifier::kUpTo;
  return std::nullopt;
}

std::string_view QualifierName(Qualifier q) {
  switch (q) {
    case Qualifier::kExact:
      return "exact";
    case Qualifier::kMoreThan:
      return "more_than";
    case Qualifier::kLessThan:
      return "less_than";
    case Qualifier::kApprox:
      return "approx";
    case Qualifier::kUpTo:
      return "up_to";
  }
  return "exact";
}

std::vector<MoneyExpr> FindMoneyIn(const Scan& s) {
  std::vector<MoneyExpr> out;
  if (!s.any_number) return out;  // every pattern needs a number or a numeral
  const Lexicons& lex = s.lex;
  size_t i = 0;
  const size_t lead = lex.qualifiers.max_tokens() + 1 + lex.currencies.max_tokens();
  while (i < s.size()) {
    i = s.SkipToNumber(i, lead);  // qualifier, «на», a currency sign, then the number
    if (i >= s.size()) break;
    MoneyExpr m;
    size_t k = i;
    bool qualified = false;
    if (auto q = lex.qualifiers.Match(s, i, LexKind::kBefore)) {
      if (auto kind = QualifierFromKind(q->entry->a)) {
        m.qualifier = *kind;
        qualified = true;
        m.qualifier_start = StartOf(s, i);
        m.qualifier_end = EndOf(s, q->end);
        k = q->end;
        // «без малого на 400 млн», «где-то на 900 миллионов»: the preposition after the qualifier
        if (s.Is(k, "на")) ++k;
      }
    }
    std::optional<CurrencyHit> sign;
    if (auto sh = lex.currencies.Match(s, k, LexKind::kSign)) {
      sign = CurrencyHit{sh->entry->a, false, sh->end};
      k = sh->end;
    }
    // «от 1 до 1,5 млрд»: a range opened by «от»
    const bool from_word = !qualified && !sign && s.Is(k, "от");
    auto p = ParseNumberAt(s, from_word ? k + 1 : k);
    if (!p) {
      ++i;
      continue;
    }
    if (p->ordinal || PercentAt(s, p->end)) {
      i = p->end;
      continue;
    }
    // A range: «300–400 млн», «1 млрд — 1,2 млрд», «от 1 до 1,5 млрд». The
    // lower bound takes the upper one's scale when it has none of its own.
    std::optional<double> low;
    if ((from_word && s.Is(p->end, "до")) || (!from_word && s.IsDash(p->end) && !PercentAt(s, p->end))) {
      const size_t hi_at = p->end + 1;
      auto hi = ParseNumberAt(s, hi_at);
      auto hi_raw = ParseNumberAt(s, hi_at, false);
      if (hi && hi_raw && !hi->ordinal && hi->has_scale && hi_raw->value > 0 && !p->words && !hi->words) {
        const double scale = hi->value / hi_raw->value;
        const double lo = p->has_scale ? p->value : p->value * scale;
        if (lo < hi->value) {
          low = lo;
          p = hi;
        }
      } else if (from_word) {
        ++i;
        continue;
      }
    } else if (from_word) {
      ++i;
      continue;
    }
    // «2023 $» and the like: a bare four-digit year is never read with a sign
    std::optional<CurrencyHit> cur = sign ? sign : CurrencyAfter(s, p->end);
    double value = p->value;
    size_t end = p->end;
    if (!cur && !sign && !p->has_scale) {
      // «67 310 (Шестьдесят семь тысяч триста десять) руб.»: the amount again in words
      if (s.IsPunct(end, "(")) {
        auto w = ParseNumberAt(s, end + 1);
        if (w && w->words && std::abs(w->value - value) < 0.5 && s.IsPunct(w->end, ")")) {
          if (auto c = CurrencyAfter(s, w->end + 1)) {
            cur = c;
            end = w->end + 1;
          }
        }
      }
      // «1 318 204, 60 евро»: kopecks after a comma and a space
      if (!cur && s.IsPunct(end, ",") && s.Touches(end) && s.IsNumber(end + 1) && !s.Touches(end + 1) &&
          s.toks[end + 1].fold.size() == 2) {
        if (auto c = CurrencyAfter(s, end + 2)) {
          cur = c;
          value += std::stod(std::string(s.toks[end + 1].fold)) / 100.0;
          end += 2;
        }
      }
    }
    if (cur && !sign) end = cur->end;
    if (cur && !sign) {
      value *= cur->factor;
      if (low) *low *= cur->factor;
      if (cur->factor == 1 && !p->has_scale) end = MinorUnitsAt(s, end, cur->iso, &value);
    }
    if (!cur && !(p->has_scale && (p->scale_adjective || AmountEndsHere(s, p->end, p->scale_only)))) {
      i = p->end;
      continue;
    }
    if (cur) {
      m.currency = cur->iso;
      m.rub_ambiguous = cur->ambiguous;
    }
    if (auto after = lex.qualifiers.Match(s, end, LexKind::kAfter); after && after->entry->a == "more_than") {
      if (m.qualifier == Qualifier::kExact) m.qualifier = Qualifier::kMoreThan;
      end = after->end;
    }
    if (p->more && m.qualifier == Qualifier::kExact) m.qualifier = Qualifier::kMoreThan;
    if (!(value <= kMaxAmount)) {
      // «999999999999999 трлн долларов»: no figure of trade, and more than the
      // knowledge base takes (kb::kMaxAmount), so not read as an amount.
      i = end;
      continue;
    }
    m.value = value;
    m.value_min = low.value_or(value);
    m.value_max = value;
    m.range = low.has_value();
    m.scale_only = p->scale_only;
    m.start = StartOf(s, i);  // the qualifier, else the sign, else the number
    if (!qualified) m.qualifier_start = m.qualifier_end = m.start;
    m.value_start = StartOf(s, p->first);
    m.value_end = EndOf(s, p->end);
    m.end = EndOf(s, end);
    out.push_back(std::move(m));
    i = end;
  }
  return out;
}


std::vector<MoneyExpr> FindMoney(std::string_view text, uint32_t base) { return FindMoneyIn(Scan(text, base)); }

std::vector<MoneyExpr> FindMoney(std::string_view text, const std::vector<segment::Token>& tokens, uint32_t base) {
  return FindMoneyIn(Scan(text, base, tokens));
}

}  // namespace oborot::expr
