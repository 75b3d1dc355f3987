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

#include <nlohmann/json.hpp>

#include <cstdint>
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
// 17.5 -> "17.5%", with a sign ("+17.5%") when `sign`; whole numbers without ".0".
std::string FormatPercent(double percent, bool sign = false);

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
// One line for a fact line of the JSONL contract:
// "turnover BY — RU-VOR actual 2023: $1 600 000 000".
std::string FactSummary(const nlohmann::json& fact);

}  // namespace oborot::kb
