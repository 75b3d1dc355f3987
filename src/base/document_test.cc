#include <gtest/gtest.h>

#include "oborot/document.h"

namespace oborot {
namespace {

TEST(DateTest, ParseTakesOnlyDaysTheCalendarHas) {
  struct Case {
    const char* in;
    const char* out;  // nullptr: not a date
  };
  const Case cases[] = {
      {"2023-01-01", "2023-01-01"},
      {"2024-02-29", "2024-02-29"},  // a leap year
      {"2023-12-31T23:59:00+03:00", "2023-12-31"},
      {"2023-02-29", nullptr},  // not a leap year
      {"2023-02-30", nullptr},
      {"2024-04-31", nullptr},
      {"1900-02-29", nullptr},
      {"2023-13-01", nullptr},
      {"2023-00-10", nullptr},
      {"2023-01-00", nullptr},
      {"9999-99-99", nullptr},
      {"0000-01-01", nullptr},
      {"2023-1-1", nullptr},
      {"yesterday!", nullptr},
  };
  for (const Case& c : cases) {
    const auto d = Date::Parse(c.in);
    if (c.out == nullptr) {
      EXPECT_FALSE(d.has_value()) << c.in << " -> " << d->ToString();
    } else {
      ASSERT_TRUE(d.has_value()) << c.in;
      EXPECT_EQ(d->ToString(), c.out) << c.in;
    }
  }
}

}  // namespace
}  // namespace oborot
