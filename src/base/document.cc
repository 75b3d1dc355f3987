#include <algorithm>
#include <cstdio>

#include "oborot/document.h"

namespace oborot {

std::string Date::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::optional<Date> Date::Parse(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  Date d{num(0, 4), num(5, 2), num(8, 2)};
  if (!d.valid() || d.day > 31) return std::nullopt;
  // A day the month does not have ("2023-02-30", "2024-04-31") is no date:
  // taken as one it became 2 March when counted in days.
  if (!(FromDayNumber(d.DayNumber()) == d)) return std::nullopt;
  return d;
}

// Howard Hinnant's days_from_civil.
int Date::DayNumber() const {
  int y = year - (month <= 2);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::FromDayNumber(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return Date{y + (m <= 2), m, d};
}

int Date::Weekday() const {
  const int n = DayNumber();  // 1970-01-01 was a Thursday (3)
  return ((n % 7) + 7 + 3) % 7;
}

size_t Document::OriginalOffset(size_t clean) const {
  auto it = std::upper_bound(offsets.begin(), offsets.end(), clean,
                             [](size_t v, const OffsetPiece& p) { return v < p.clean_start; });
  if (it == offsets.begin()) return clean;
  --it;
  return it->orig_start + std::min<size_t>(clean - it->clean_start, it->length);
}

}  // namespace oborot
