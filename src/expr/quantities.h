// Counts and measures: a number followed by the noun it counts.
//
//   for (const auto& q : oborot::expr::FindQuantities("поставлено 330 автобусов", base))
//     Use(q.value /* 330 */, q.unit /* "автобус" */);
//
// «330 автобусов», «300 тысяч квадратных метров» (unit "квадратный метр"),
// «порядка 60 единиц техники» (unit "единица", qualifier approx), «около 15
// совместных проектов» (adjectives before the noun are skipped; unit
// "проект"), «два автобуса», «1,5 млн тонн». The unit is a lemma: units and
// frequent nouns come from data/lexicons/numerals.tsv (kind measure), other
// nouns are lemmatised by their genitive ending (kind plural_suffix: «-ов» ->
// «», «-ей» -> «ь», ...), which is right for regular masculine nouns and a
// best effort for the rest. Not quantities: money, percentages, years and
// other time spans («3 года», «5 лет»), dates, ordinals («13-е место»),
// a number followed by a preposition or a capitalised word, «один» alone.
//
// Errors: none (empty result). Offsets: bytes into `text` plus `base`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/expr/money.h"
#include "src/segment/tokens.h"

namespace oborot::expr {

struct QuantityExpr {
  double value = 0;
  std::string unit;  // lemma of the counted noun: "автобус", "квадратный метр", "тонна", "единица"
  uint32_t start = 0, end = 0;  // qualifier (if any) .. noun
  Qualifier qualifier = Qualifier::kExact;
  uint32_t value_start = 0, value_end = 0;
  uint32_t unit_start = 0, unit_end = 0;  // the noun (or measure phrase)
};

std::vector<QuantityExpr> FindQuantities(std::string_view text, uint32_t base = 0);
// The same over tokens the caller already made with segment::Tokenize(text, base)
// (one tokenisation shared by all parsers); `tokens` is only read during the call.
std::vector<QuantityExpr> FindQuantities(std::string_view text, const std::vector<segment::Token>& tokens,
                                         uint32_t base);

}  // namespace oborot::expr
