// Publication dates the user knows, end to end: --published for a single
// input, a date in the file name when the text gives none.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/fetch/cli_util.h"

namespace oborot {
namespace {

namespace fs = std::filesystem;
using testing::ReadAll;
using testing::RunOborot;

// The "published" and "published_how" of each document line `extract` prints.
std::vector<std::pair<std::string, std::string>> Dates(const std::string& out) {
  std::vector<std::pair<std::string, std::string>> dates;
  std::stringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    const auto j = nlohmann::json::parse(line);
    if (j["type"] != "document") continue;
    dates.emplace_back(j["published"].is_null() ? "null" : j["published"].get<std::string>(),
                       j.value("published_how", ""));
  }
  return dates;
}

TEST(DatesCliTest, PublishedOptionAndFileNames) {
  const fs::path dir = fs::temp_directory_path() / ("oborot_dates_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "corpus");
  const char* undated = "Товарооборот Беларуси с Калужской областью в 2022 году составил 600 млн долларов.\n";
  const char* dated = "Минск, 12 марта 2024 года. Товарооборот Беларуси с Калужской областью вырос.\n";
  std::ofstream(dir / "corpus" / "2023-04-04_kaluga.txt") << undated;
  std::ofstream(dir / "corpus" / "20230405-kaluga.txt") << undated;
  std::ofstream(dir / "corpus" / "2023-04-06_dated.txt") << dated;
  std::ofstream(dir / "corpus" / "kaluga.txt") << undated;
  const std::string out = (dir / "out.jsonl").string(), log = (dir / "log.txt").string();

  ASSERT_EQ(RunOborot({"extract", (dir / "corpus").string(), "--out", out}, log), 0) << ReadAll(log);
  const auto dates = Dates(ReadAll(out));
  ASSERT_EQ(dates.size(), 4u);
  // In name order: 2023-04-04_kaluga, 2023-04-06_dated, 20230405-kaluga, kaluga.
  EXPECT_EQ(dates[0], (std::pair<std::string, std::string>{"2023-04-04", "file-name"}));
  EXPECT_EQ(dates[1].first, "2024-03-12");  // the text's own date comes first
  EXPECT_EQ(dates[2], (std::pair<std::string, std::string>{"2023-04-05", "file-name"}));
  EXPECT_EQ(dates[3].first, "null");

  // --published gives the date of one input, over the text's and the name's.
  ASSERT_EQ(RunOborot({"extract", (dir / "corpus" / "2023-04-06_dated.txt").string(), "--published", "2021-01-31",
                       "--out", out},
                      log),
            0)
      << ReadAll(log);
  EXPECT_EQ(Dates(ReadAll(out)), (std::vector<std::pair<std::string, std::string>>{{"2021-01-31", "metadata"}}));
  // It is refused for several inputs, a directory, or a date that is none.
  EXPECT_EQ(RunOborot({"extract", (dir / "corpus").string(), "--published", "2021-01-31"}, log), 2);
  EXPECT_NE(ReadAll(log).find("not of a directory"), std::string::npos) << ReadAll(log);
  EXPECT_EQ(RunOborot({"ingest", (dir / "corpus" / "kaluga.txt").string(), (dir / "corpus" / "20230405-kaluga.txt").string(),
                       "--published", "2021-01-31", "--db", (dir / "kb.db").string()},
                      log),
            2);
  EXPECT_EQ(RunOborot({"text", (dir / "corpus" / "kaluga.txt").string(), "--published", "2021-02-30"}, log), 2);
  EXPECT_NE(ReadAll(log).find("--published 2021-02-30: not a date of the form YYYY-MM-DD"), std::string::npos);
  // `text --meta` and `annotate` take it too.
  ASSERT_EQ(RunOborot({"text", "--meta", (dir / "corpus" / "kaluga.txt").string(), "--published", "2020-02-29",
                       "--out", out},
                      log),
            0)
      << ReadAll(log);
  EXPECT_NE(ReadAll(out).find("2020-02-29"), std::string::npos) << ReadAll(out);
  EXPECT_EQ(RunOborot({"annotate", (dir / "corpus" / "kaluga.txt").string(), "--published", "2020-02-29"}, log), 0)
      << ReadAll(log);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace oborot
