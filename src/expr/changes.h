// Relative changes: «вырос на 17%», «сократился в 2 раза», «на треть».
//
//   for (const auto& c : oborot::expr::FindChanges("товарооборот вырос на 17%", base))
//     Use(c.percent /* +17 */, c.direction /* kUp */, c.kind /* "percent" */);
//
// Forms (kind): «на 17%», «на 17 процентов», «на 5,6 %», «+12%», «−5%»
// ("percent"); «на 2 п.п.», «на 2 процентных пункта» ("pp"); «в 1,5 раза»,
// «в полтора раза», «в 10 раз», «вдвое», «втрое» ("times"); «на треть», «на
// четверть», «на две трети», «наполовину» ("fraction"); «составил 117% к
// уровню 2022 года», «темпы роста — 104%», and a bare percent between 100 and 200
// after a growth word: «рост составил 106,2%» ("index": percent = value - 100). A bare «12%» counts only
// after a change word in the same clause («прирост составил 8%», «рост 12%»).
// «в разы» (no number) is skipped. A qualifier right before («почти на 20%»,
// «более чем в 2 раза») is kept in `qualifier` and the span.
//
// Direction comes from the nearest change word in the same clause — verbs and
// nouns of data/lexicons/change_verbs.tsv matched by Snowball stem («вырос»,
// «сократился», «рост», «падение»), comparatives after the amount («на 5%
// больше», «в 2 раза меньше») — or from an explicit sign. Without one it is
// kUnknown and percent is positive («в 1,5 раза» -> +50).
// percent: percent/pp/fraction: ±value; times: up (n-1)*100, down -(1-1/n)*100
// («сократился в 2 раза» -> -50); index: value-100. times and fractions are
// rounded to 0.1 («на треть» -> 33.3).
// base_year: «по сравнению с 2021 годом», «в сравнении с 2022-м», «к уровню 2021
// года», «относительно 2020 года», «к 2021 году» (after the change only);
// base_relative for «по сравнению с прошлым годом» (-1).
//
// Errors: none (empty result). Offsets: bytes into `text` plus `base`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/expr/money.h"
#include "src/segment/tokens.h"

namespace oborot::expr {

enum class Direction { kUnknown, kUp, kDown };

struct ChangeExpr {
  double percent = 0;  // signed
  Direction direction = Direction::kUnknown;
  std::string kind;             // "percent" | "times" | "fraction" | "pp" | "index"
  uint32_t start = 0, end = 0;  // «почти на 20%», «в 1,5 раза», «вдвое»
  std::optional<int> base_year;
  uint32_t verb_start = 0, verb_end = 0;  // the direction word when found
  double value = 0;                       // as written: 17, 1.5 (times), 33.3 (fraction)
  Qualifier qualifier = Qualifier::kExact;
  std::optional<int> base_relative;  // «по сравнению с прошлым годом»: -1
  // bytes of the base from its phrase through its year («к январю–марту 2018-го»), 0 when none
  uint32_t base_start = 0, base_end = 0;
};

// A percent that is no change: no change word, sign or base near it («доля составила
// 48%», «48% товарооборота», «в 2023 году — 8%»). The fact rules decide what it is
// (a share, a level, an elliptic change). Only FindExpressions reports them.
struct PercentExpr {
  double value = 0;
  uint32_t start = 0, end = 0;
};

std::vector<ChangeExpr> FindChanges(std::string_view text, uint32_t base = 0);
// The same over tokens the caller already made with segment::Tokenize(text, base)
// (one tokenisation shared by all parsers); `tokens` is only read during the call.
std::vector<ChangeExpr> FindChanges(std::string_view text, const std::vector<segment::Token>& tokens, uint32_t base);

}  // namespace oborot::expr
