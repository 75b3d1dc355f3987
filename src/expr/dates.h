// Dates, years and reporting periods.
//
//   for (const auto& d : oborot::expr::FindDates("за январь–сентябрь 2024 года", base))
//     Use(d.kind /* kPeriod */, d.period /* "9M" */, d.year /* 2024 */);
//
// Kinds and what sets them (words from data/lexicons/months.tsv):
//   kYear         «в 2023 году», «2023 г.», «в 2023-м», «В 2023 товарооборот» (a bare
//                 four-digit year after a preposition), «по итогам 2022 года» and
//                 «за 2022 год» (period "year"), «к 2025 году», «до 2030 года» (by = true).
//   kFullDate     «10 июня 2024 года», «10 июня 2024 г.», «10.06.2024», «2024-06-10».
//   kDayMonth     «24 ноября», «10 июн» (abbreviated months only after a day).
//   kMonthYear    «в ноябре 2024 года»; «в ноябре прошлого года» (has_relative,
//                 relative = -1); «в ноябре» alone gives year = 0.
//   kRelativeYear «в этом/текущем/нынешнем году» 0, «в прошлом/минувшем году» -1,
//                 «позапрошлом» -2, «в следующем/будущем году» +1; «по итогам
//                 прошлого года», «за прошлый год» add period "year".
//   kPeriod       «в первом полугодии» H1, «во втором полугодии» H2, «в I квартале»,
//                 «в 1-м квартале», «в первом квартале» Q1..Q4, «за январь–сентябрь»
//                 9M, «за девять месяцев»/«за 9 месяцев» 9M (after «за» or before a
//                 year), «январь–ноябрь» 11M; «январе–марте» Q1, «январе–июне» H1,
//                 «апрель–июнь» Q2, «июль–декабрь» H2, other ranges "M4-M8".
//                 A following year sets year («в первом полугодии 2024 года»), a
//                 following relative year sets has_relative/relative («первого
//                 квартала текущего года»).
//   kYearRange    «2026–2027 годы», «в 2024-2025 годах», «2021-2025 гг.», «с 2021 по
//                 2025 год»: year..year_end, period "multi_year".
//   kWeekday      «в понедельник», «во вторник»: weekday 0 (Monday) .. 6.
//   kRelativeDay  «сегодня» 0, «вчера» -1, «завтра» +1, «позавчера» -2; «на прошлой
//                 неделе» -7, «на этой неделе» 0, «на следующей неделе» +7 (period "week").
// Spans cover the date itself plus a leading «по итогам»/«за» (summary) or
// «к»/«до» (horizon); a plain «в» is not included.
//
// Errors: none (empty result). Offsets: bytes into `text` plus `base`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/segment/tokens.h"

namespace oborot::expr {

struct DateExpr {
  enum class Kind {
    kYear,
    kFullDate,
    kDayMonth,
    kMonthYear,
    kRelativeYear,
    kPeriod,
    kYearRange,
    kWeekday,
    kRelativeDay
  };
  Kind kind = Kind::kYear;
  int year = 0, month = 0, day = 0;
  int relative = 0;           // kRelativeYear / kRelativeDay / has_relative: see above
  bool has_relative = false;  // the year is relative (kRelativeYear, or a period/month + «текущего года»)
  std::string period;         // "year", "H1", "H2", "Q1".."Q4", "9M", "multi_year", "week", ...
  int year_end = 0;           // kYearRange
  bool by = false;            // a horizon: «к 2025 году», «до 2030 года»
  int weekday = -1;           // kWeekday: 0 = Monday
  uint32_t start = 0, end = 0;
};

// "year", "full_date", "day_month", "month_year", "relative_year", "period",
// "year_range", "weekday", "relative_day".
std::string_view DateKindName(DateExpr::Kind kind);

std::vector<DateExpr> FindDates(std::string_view text, uint32_t base = 0);
// The same over tokens the caller already made with segment::Tokenize(text, base)
// (one tokenisation shared by all parsers); `tokens` is only read during the call.
std::vector<DateExpr> FindDates(std::string_view text, const std::vector<segment::Token>& tokens, uint32_t base);

}  // namespace oborot::expr
