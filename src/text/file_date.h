// A publication date written in a file name, as analysts save articles:
// "2023-04-04_kaluga.txt", "20230404-minsk.html", "2023_04_04 отчёт.txt".
//
//   if (auto d = oborot::text::DateInFileName("2023-04-04_kaluga.txt")) Use(*d);  // 2023-04-04
//
// Only a date at the start of the name counts (YYYY-MM-DD, YYYY_MM_DD,
// YYYY.MM.DD or YYYYMMDD, followed by the end or a non-digit), and only a
// real calendar date from 1990 to 2100: "2023-13-01_x" and "12345678.txt"
// give none. The caller uses it only when the text gives no date.
#pragma once

#include <optional>
#include <string_view>

#include "oborot/document.h"

namespace oborot::text {

std::optional<Date> DateInFileName(std::string_view file_name);

}  // namespace oborot::text
