#include "src/text/file_date.h"

#include <gtest/gtest.h>

namespace oborot::text {
namespace {

TEST(FileDateTest, Table) {
  struct Case {
    const char* name;
    const char* want;  // "" = none
  } cases[] = {
      {"2023-04-04_kaluga.txt", "2023-04-04"},
      {"corpus/2023-04-04_kaluga.txt", "2023-04-04"},
      {"20230404-minsk.html", "2023-04-04"},
      {"20230404.txt", "2023-04-04"},
      {"2023_04_04 отчёт.txt", "2023-04-04"},
      {"2023.04.04.txt", "2023-04-04"},
      {"2024-02-29_leap.txt", "2024-02-29"},
      {"2023-02-29_not_leap.txt", ""},
      {"2023-04-31_x.txt", ""},
      {"2023-13-01_x.txt", ""},
      {"2023-04_x.txt", ""},
      {"2023-04_04.txt", ""},
      {"202304041.txt", ""},
      {"12345678.txt", ""},
      {"kaluga_2023-04-04.txt", ""},
      {"1899-01-01.txt", ""},
      {"", ""},
  };
  for (const Case& c : cases) {
    auto d = DateInFileName(c.name);
    EXPECT_EQ(d ? d->ToString() : std::string(), c.want) << c.name;
  }
}

}  // namespace
}  // namespace oborot::text
