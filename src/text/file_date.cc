#include "src/text/file_date.h"

namespace oborot::text {
namespace {

bool Digits(std::string_view s, size_t at, size_t n, int* value) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *value = v;
  return true;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<Date> DateInFileName(std::string_view name) {
  const size_t slash = name.find_last_of('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  int y = 0, m = 0, d = 0;
  size_t end = 0;
  if (Digits(name, 0, 4, &y) && name.size() > 4 && (name[4] == '-' || name[4] == '_' || name[4] == '.') &&
      Digits(name, 5, 2, &m) && name.size() > 7 && name[7] == name[4] && Digits(name, 8, 2, &d)) {
    end = 10;
  } else if (Digits(name, 0, 4, &y) && Digits(name, 4, 2, &m) && Digits(name, 6, 2, &d)) {
    end = 8;
  } else {
    return std::nullopt;
  }
  if (end < name.size() && IsDigit(name[end])) return std::nullopt;  // "202304041" is a number, not a date
  const Date date{y, m, d};
  if (y < 1990 || y > 2100 || !date.valid()) return std::nullopt;
  // Day 31 of a 30-day month, 29 February of a common year: the round trip
  // through the day number moves the date.
  if (!(Date::FromDayNumber(date.DayNumber()) == date)) return std::nullopt;
  return date;
}

}  // namespace oborot::text
