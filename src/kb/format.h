// Readable numbers and one-line summaries of facts, for terminal output.
//
//   oborot::kb::FormatMoney(1.6e9, "USD");            // "$1 600 000 000"
//   oborot::kb::FormatFigure(5e8, "USD", "more_than"); // "> $500 000 000"
//   oborot::kb::FormatPercent(17.5, true);            // "+17.5%"
//   oborot::kb::FigureText(figure);                   // value, percent or name, whichever the type has
//
// Thousands are separated by a plain space, so widths stay one column per
// character in any terminal.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "src/kb/queries.h"

namespace oborot::kb {

// 1234567 -> "1 234 567"; negative numbers keep their sign.
std::string GroupDigits(int64_t v);
// "$1 600 000 000" for USD, "€…" for EUR, "2 500 000 000 RUB" otherwise;
// two decimals only for a fractional value under 1000.
std::string FormatMoney(double value, std::string_view currency);
// FormatMoney with the qualifier as a sign: "> …" (more_than), "< …" (less_than), "≈ …" (approx).
std::string FormatFigure(double value, std::string_view currency, std::string_view qualifier);
// A range: "$300 000 000–$500 000 000", with the qualifier's sign.
std::string FormatFigureRange(double low, double high, std::string_view currency, std::string_view qualifier);
// 17.5 -> "17.5%", with a sign ("+17.5%") when `sign`; whole numbers without ".0".
std::string FormatPercent(double percent, bool sign = false);

// The user's language for numbers, headers and names.
enum class Lang { kRu, kEn };
// "ru" or "en" (anything else: nullopt).
std::optional<Lang> ParseLang(std::string_view s);
// The language of the environment: LC_ALL, LC_MESSAGES or LANG starting with
// "ru" gives Russian, another set value English, none Russian.
Lang LangFromEnvironment();

// Money in the language's one format, by ICU's NumberFormatter (compact,
// up to four significant digits): «2,5 млрд $», «812 млн $» / "$2.5B".
// The qualifier is a sign before it: «> 2,5 млрд $», «≈ 140 млн $».
std::string FormatMoney(double value, std::string_view currency, std::string_view qualifier, Lang lang);
// A range in the same format, the unit written once when CLDR's pattern
// allows it (ICU's NumberRangeFormatter): «300–500 млн $», "$300–500M".
std::string FormatMoneyRange(double low, double high, std::string_view currency, std::string_view qualifier,
                             Lang lang);
// A figure's amount: its range when it has one (Figure::value_max), else
// FormatMoney; "" when it has no value.
std::string AmountText(const Figure& f, Lang lang);
// «83,3 %» / "83.3%", with a sign («+9 %») when `sign`.
std::string FormatPercent(double percent, bool sign, Lang lang);
// FigureText in the language's number format, sectoral figures marked
// («512 млн $ (АПК)»), forecasts too («> 250 млрд $, прогноз: аналитики»).
std::string FigureText(const Figure& f, Lang lang);
// YearText, with «год не указан» / "year not given" (and the source's date
// when known) for a figure whose article gave no year.
std::string YearText(const Figure& f, Lang lang);
// A period code of the fact contract in the language's words: «I полугодие»,
// «январь–май» (5M), «апрель–август» (M4-M8); "H1", "Jan–May" in English.
// An unknown code is returned as is.
std::string PeriodText(std::string_view period, Lang lang);
// Why a target gets no progress (basis "target_passed"): «срок цели (2004)
// прошёл, оборота за 2004 год нет (последний — за 2025)».
std::string TargetPassedText(int64_t target_year, int64_t latest_year, Lang lang);
// Why a target gets no progress (basis "actual_stale"): «последний оборот
// (2013) намного старше цели (объявлена в 2025): не сравнивается».
std::string ActualStaleText(int64_t actual_year, int64_t announced_year, Lang lang);

// A person's name or a place in the user's language: as is in Russian, in
// Latin letters in English (ICU's "Russian-Latin/BGN" transliterator).
std::string InLang(std::string_view text, Lang lang);

// "BY — RU-VOR", or the one party.
std::string PairLabel(std::string_view a, std::string_view b);
// The main figure of a merged fact: money for turnover, a signed percent for
// a change, a percent for a share, the name for organisations and projects.
std::string FigureText(const Figure& f);
// A year with its period when not a full year: "2024", "2024 H1", "—" when unknown.
std::string YearText(const Figure& f);
// The official figure of a comparison: "$1 450 000 000"; its difference:
// "+12.4% ✗" (✗: contradicted beyond the threshold), "+3.1%", or "? no RUB
// rate for 2023" when it cannot be computed; "*" marks a conversion to USD.
std::string OfficialText(const OfficialCheck& c);
std::string DifferenceText(const OfficialCheck& c);
// The same in the language's number format (ICU): «1,45 млрд $», «+12,4 % ✗».
std::string OfficialText(const OfficialCheck& c, Lang lang);
std::string DifferenceText(const OfficialCheck& c, Lang lang);
// One line for a fact line of the JSONL contract:
// "turnover BY — RU-VOR actual 2023: $1 600 000 000".
std::string FactSummary(const nlohmann::json& fact);

}  // namespace oborot::kb
