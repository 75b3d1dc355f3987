// Money amounts: number + scale + currency, with a qualifier.
//
//   for (const auto& m : oborot::expr::FindMoney("превысил полмиллиарда долларов", base))
//     Use(m.value /* 5e8 */, m.currency /* "USD" */, m.qualifier /* kMoreThan */);
//
// An amount is a number (see numbers.h) with a currency word or sign after it
// («1,2 млрд долларов», «970 млн. долларов», «19 млрд $», «300 долларов»,
// «12 млрд белорусских рублей», «1,5 млрд долл. США») or a sign before it
// («$19 млрд», «$1,5 млрд», «USD 5 млн», «€20 млн»). Without any currency an
// amount is kept only when it has a scale and is not followed by a counted noun:
// «к заветному миллиарду», «полмиллиарда», «до 2 млрд в 2025 году» (currency "").
// Never money: years («в 2023 году»), percentages, counts («330 автобусов»),
// ordinals («13-е место»), areas («300 тысяч квадратных метров»), dates, a
// number without scale and without currency.
//
// Also: hundredths after the currency («3 200 рублей 75 копеек», «15 долларов
// 20 центов», «руб. 10 коп.»), the legal form with the amount again in words
// («45 120 (Сорок пять тысяч сто двадцать) руб. 10 коп.»), kopecks after a
// comma and a space («2 045 117, 25 евро»), thousands of roubles shortened
// («15 т. р.», «2 тыс. р.»), and ranges: «$ 300–400 млн», «1–1,5 млрд
// долларов», «от 1 до 1,5 млрд» are one amount with range set, value_min and
// value_max (the lower bound takes the upper one's scale when it has none).
//
// Currencies (data/lexicons/currencies.tsv): ISO 4217 codes. Plain «рублей»
// gives "RUB" with rub_ambiguous = true (in a Belarusian text it may mean BYN);
// «российских рублей»/«рублей РФ» give RUB, «белорусских рублей»/«бел. руб.»/BYN
// give BYN, both with rub_ambiguous = false.
//
// Qualifiers (data/lexicons/qualifiers.tsv) stand right before the amount or
// its sign: more_than «более», «свыше», «чуть более», «превысил», «перевалил
// за», «за»; less_than «почти», «без малого», «менее», «не более»,
// «приблизился к»; approx «около», «порядка», «примерно», «~»; up_to «до» (the
// caller decides whether «до» is a target or a limit). After the currency:
// «с лишним», «с небольшим» -> more_than.
//
// Errors: none (empty result). Offsets: bytes into `text` plus `base`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/segment/tokens.h"

namespace oborot::expr {

enum class Qualifier { kExact, kMoreThan, kLessThan, kApprox, kUpTo };

// "exact", "more_than", "less_than", "approx", "up_to".
std::string_view QualifierName(Qualifier q);
// The qualifier a qualifiers.tsv kind names ("more_than", "less_than", "approx", "up_to"), or nullopt.
std::optional<Qualifier> QualifierFromKind(std::string_view kind);

struct MoneyExpr {
  double value = 0;      // in units of currency
  std::string currency;  // ISO 4217, "" when the text names none
  Qualifier qualifier = Qualifier::kExact;
  uint32_t start = 0, end = 0;              // whole expression: qualifier .. currency
  uint32_t value_start = 0, value_end = 0;  // the number with its scale
  bool scale_only = false;     // the amount is a bare scale word: «миллиард», «полмиллиарда»
  bool rub_ambiguous = false;  // plain «рублей»: RUB or (in Belarus) BYN
  uint32_t qualifier_start = 0, qualifier_end = 0;  // span of the qualifier words (equal when none)
  // A range («$ 300–400 млн», «от 1 до 1,5 млрд»): both bounds; `value` is the upper one.
  bool range = false;
  double value_min = 0, value_max = 0;  // equal to value when not a range
};

std::vector<MoneyExpr> FindMoney(std::string_view text, uint32_t base = 0);
// The same over tokens the caller already made with segment::Tokenize(text, base)
// (one tokenisation shared by all parsers); `tokens` is only read during the call.
std::vector<MoneyExpr> FindMoney(std::string_view text, const std::vector<segment::Token>& tokens, uint32_t base);

}  // namespace oborot::expr
