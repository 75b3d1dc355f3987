// The query commands as a user sees them: the built `oborot` on the bundled
// sample corpus (data/sample, articles written for this project) and on
// articles written here. Checks the conventions (command list, "did you
// mean", --version, --data-dir after the subcommand, plain-word errors, an
// empty folder as a warning), the output formats, the README's examples, and
// what the tables say (Belarus's partners first, year-less figures, forecasts,
// what `show` cut).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "tests/test_files.h"

namespace {
namespace fs = std::filesystem;
using oborot::test::Slurp;

struct Outcome {
  int status = -1;
  std::string out, err;
};

class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("oborot_cli_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    db_ = new std::string((*dir_ / "kb.db").string());
    Outcome r = Oborot("ingest --quiet --db " + *db_ + " " + std::string(OBOROT_SOURCE_DIR) + "/data/sample");
    ASSERT_EQ(r.status, 0) << r.err;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete db_;
  }
  // Runs `oborot ARGS` with a fixed environment (Russian, 120 columns unless told).
  // `cwd`: the folder the command runs in (relative --out files land there).
  static Outcome Oborot(const std::string& args, const std::string& env = "LANG=ru_RU.UTF-8 COLUMNS=120",
                        const std::string& cwd = {}) {
    const fs::path out = *dir_ / "out.txt", err = *dir_ / "err.txt";
    const std::string cmd = (cwd.empty() ? "" : "cd '" + cwd + "' && ") + "env -u LC_ALL -u LC_MESSAGES " + env + " " +
                            OBOROT_BINARY + " " + args + " >" + out.string() + " 2>" + err.string() + " </dev/null";
    Outcome r;
    const int raw = std::system(cmd.c_str());
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = Slurp(out);
    r.err = Slurp(err);
    return r;
  }
  static std::string Db() { return " --db " + *db_; }
  static fs::path* dir_;
  static std::string* db_;
};
fs::path* CliTest::dir_ = nullptr;
std::string* CliTest::db_ = nullptr;

TEST_F(CliTest, BareHelpAndMistypedCommandsPrintTheCommandList) {
  Outcome bare = Oborot("");
  EXPECT_EQ(bare.status, 2);
  EXPECT_NE(bare.err.find("Commands:"), std::string::npos) << bare.err;
  EXPECT_NE(bare.err.find("  parties"), std::string::npos);
  Outcome help = Oborot("help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("  show"), std::string::npos) << help.out;
  Outcome typo = Oborot("extrat x.txt");
  EXPECT_EQ(typo.status, 2);
  EXPECT_NE(typo.err.find("did you mean: extract?"), std::string::npos) << typo.err;
  Outcome sub = Oborot("help show");
  EXPECT_EQ(sub.status, 0);
  EXPECT_NE(sub.out.find("--format"), std::string::npos) << sub.out;
}

TEST_F(CliTest, VersionNamesProgramDataAndSchema) {
  Outcome v = Oborot("--version");
  EXPECT_EQ(v.status, 0);
  EXPECT_TRUE(
      std::regex_search(v.out, std::regex(R"(^oborot \d+\.\d+\.\d+ \(data [0-9a-f]{16}, knowledge base schema \d+\))")))
      << v.out;
}

TEST_F(CliTest, DataDirGoesBeforeOrAfterTheSubcommand) {
  const std::string data = std::string(OBOROT_SOURCE_DIR) + "/data";
  Outcome before = Oborot("--data-dir " + data + " show RU-KLU" + Db());
  Outcome after = Oborot("show RU-KLU --data-dir " + data + Db());
  EXPECT_EQ(before.status, 0) << before.err;
  EXPECT_EQ(after.status, 0) << after.err;
  EXPECT_EQ(before.out, after.out);
}

TEST_F(CliTest, ErrorsAreInPlainWords) {
  Outcome missing = Oborot("parties --db " + (*dir_ / "none.db").string());
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("no such database"), std::string::npos) << missing.err;
  EXPECT_EQ(missing.err.find("not_found:"), std::string::npos) << missing.err;
  Outcome party = Oborot("show Атлантида" + Db());
  EXPECT_EQ(party.status, 1);
  EXPECT_EQ(party.err.find("not_found:"), std::string::npos) << party.err;
  EXPECT_NE(party.err.find("Атлантида"), std::string::npos) << party.err;
}

TEST_F(CliTest, AnEmptyInputFolderIsAWarning) {
  fs::create_directories(*dir_ / "empty");
  Outcome r = Oborot("extract " + (*dir_ / "empty").string());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("warning"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty"), std::string::npos) << r.err;
}

TEST_F(CliTest, PartiesListsBelarusPairsBeforeOthersWithNamesAndYearlessFigures) {
  Outcome r = Oborot("parties --wide" + Db());
  ASSERT_EQ(r.status, 0) << r.err;
  const size_t others = r.out.find("Другие пары (без Беларуси)");
  const size_t china = r.out.find("CN Китай");
  const size_t voronezh = r.out.find("RU-VOR Воронежская");
  ASSERT_NE(others, std::string::npos) << r.out;
  ASSERT_NE(china, std::string::npos) << r.out;
  ASSERT_NE(voronezh, std::string::npos) << r.out;
  EXPECT_LT(voronezh, others);
  EXPECT_LT(others, china);
  // Voronezh's only figure has no year: shown, not dropped.
  const std::string vor_line = r.out.substr(voronezh, r.out.find('\n', voronezh) - voronezh);
  EXPECT_NE(vor_line.find("382 млн $"), std::string::npos) << vor_line;
  EXPECT_NE(vor_line.find("год не указан"), std::string::npos) << vor_line;
  // Machines see the same split.
  Outcome j = Oborot("parties --format json" + Db());
  auto rows = nlohmann::json::parse(j.out);
  bool seen_other = false;
  for (const auto& row : rows) {
    if (!row["belarus"].get<bool>()) seen_other = true;
    EXPECT_FALSE(seen_other && row["belarus"].get<bool>()) << "a Belarus pair after the others";
  }
  EXPECT_TRUE(seen_other);
}

TEST_F(CliTest, NumbersAreOneFormatPerLanguageAndRightAligned) {
  Outcome ru = Oborot("targets --lang ru --wide" + Db());
  Outcome en = Oborot("targets --lang en --wide" + Db());
  EXPECT_NE(ru.out.find("3 млрд $"), std::string::npos) << ru.out;
  EXPECT_NE(ru.out.find("83,3 %"), std::string::npos) << ru.out;
  EXPECT_NE(en.out.find("$3B"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("83.3%"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("pair"), std::string::npos) << en.out;
  // English transliterates people's names.
  EXPECT_NE(en.out.find("Lukashenko"), std::string::npos) << en.out;
  EXPECT_EQ(en.out.find("Лукашенко"), std::string::npos) << en.out;
  // LANG sets the default.
  EXPECT_EQ(Oborot("targets --wide" + Db(), "LANG=en_US.UTF-8 COLUMNS=120").out, en.out);
  // Right-aligned: every "выполнено" (progress) cell ends its line.
  std::istringstream lines(ru.out);
  std::string line;
  std::getline(lines, line);
  const size_t width = line.size();
  EXPECT_EQ(line.substr(line.size() - std::string("выполнено").size()), "выполнено");
  (void)width;
}

TEST_F(CliTest, TablesFitTheTerminalUnlessWide) {
  auto longest = [](const std::string& s) {
    size_t best = 0, cur = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\n') {
        best = std::max(best, cur);
        cur = 0;
      } else if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
        ++cur;
      }
    }
    return std::max(best, cur);
  };
  Outcome narrow = Oborot("parties" + Db(), "LANG=ru_RU.UTF-8 COLUMNS=80");
  EXPECT_LE(longest(narrow.out), 80u) << narrow.out;
  Outcome wide = Oborot("parties --wide" + Db(), "LANG=ru_RU.UTF-8 COLUMNS=80");
  EXPECT_GT(longest(wide.out), 80u);
}

TEST_F(CliTest, FormatsTableCsvJsonJsonlAndShorthands) {
  EXPECT_EQ(Oborot("targets --csv" + Db()).out, Oborot("targets --format csv" + Db()).out);
  EXPECT_EQ(Oborot("targets --json" + Db()).out, Oborot("targets --format json" + Db()).out);
  Outcome jsonl = Oborot("targets --format jsonl" + Db());
  std::istringstream lines(jsonl.out);
  size_t n = 0;
  for (std::string line; std::getline(lines, line);) {
    EXPECT_TRUE(nlohmann::json::parse(line, nullptr, false).is_object()) << line;
    ++n;
  }
  EXPECT_EQ(n, nlohmann::json::parse(Oborot("targets --json" + Db()).out).size());
  EXPECT_EQ(Oborot("targets --csv --json" + Db()).status, 2);
  EXPECT_EQ(Oborot("targets --format xml" + Db()).status, 2);
}

// What a table row picks is said: a latest figure other sources contradict
// is marked ≠, and a target whose year has passed with no figure for it gets
// no progress but a note saying so.
TEST_F(CliTest, PartiesMarkDisputedFiguresAndTargetsSayWhenTheirYearPassedUnmeasured) {
  const fs::path docs = *dir_ / "disputed";
  fs::create_directories(docs);
  oborot::test::Write(docs / "2024-03-10_orel.txt",
                      "По итогам 2023 года товарооборот Беларуси и Орловской области составил 310 млн долларов.\n\n"
                      "По данным таможни, товарооборот Беларуси и Орловской области в 2023 году составил 280 млн "
                      "долларов.\n\nЕщё в 2019 году губернатор Андрей Клычков ставил задачу выйти к 2021 году на "
                      "500 млн долларов.\n");
  const std::string db = " --db " + (*dir_ / "disputed.db").string();
  ASSERT_EQ(Oborot("ingest --quiet" + db + " " + docs.string()).status, 0);
  Outcome p = Oborot("parties --wide" + db);
  EXPECT_NE(p.out.find("310 млн $ ≠"), std::string::npos) << p.out;
  EXPECT_NE(p.out.find("≠ другие источники называют за тот же год другую цифру"), std::string::npos) << p.out;
  Outcome t = Oborot("targets --wide" + db);
  EXPECT_NE(t.out.find("срок цели (2021) прошёл, оборота за 2021 год нет (последний — за 2023)"), std::string::npos)
      << t.out;
  auto rows = nlohmann::json::parse(Oborot("targets --format json" + db).out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["progress_basis"], "target_passed");
  EXPECT_TRUE(rows[0]["progress_percent"].is_null());
  // A range keeps the pair for its 2021 target; the 2023 figure it shows is marked as outside it.
  Outcome ranged = Oborot("parties --wide --to 2021" + db);
  EXPECT_NE(ranged.out.find("310 млн $ ≠ †"), std::string::npos) << ranged.out;
  EXPECT_NE(ranged.out.find("† вне выбранного периода"), std::string::npos) << ranged.out;
  EXPECT_EQ(p.out.find("†"), std::string::npos) << p.out;
  Outcome csv = Oborot("parties --csv" + db);
  EXPECT_NE(csv.out.find(",target_passed,"), std::string::npos) << csv.out;
}

TEST_F(CliTest, ForecastsAreToldApartAndRaiseNoConflict) {
  Outcome t = Oborot("targets --format json" + Db());
  bool forecast = false;
  for (const auto& row : nlohmann::json::parse(t.out)) {
    if (row.value("forecast", false)) {
      forecast = true;
      EXPECT_EQ(row["forecast_by"], "аналитики");
    }
  }
  EXPECT_TRUE(forecast);
  EXPECT_NE(Oborot("targets --wide" + Db()).out.find("прогноз: аналитики"), std::string::npos);
  // The sample's one forecast against a goal for the same year: no conflict.
  Outcome c = Oborot("conflicts --format json" + Db());
  EXPECT_EQ(nlohmann::json::parse(c.out).size(), 0u) << c.out;
}

TEST_F(CliTest, ShowSaysWhatItCutAndHowToSeeTheRest) {
  Outcome cut = Oborot("show RU-VOR --limit 2" + Db());
  ASSERT_EQ(cut.status, 0) << cut.err;
  EXPECT_NE(cut.out.find("показано не всё"), std::string::npos) << cut.out;
  EXPECT_NE(cut.out.find("--limit"), std::string::npos) << cut.out;
  Outcome all = Oborot("show RU-VOR --limit 1000" + Db());
  EXPECT_EQ(all.out.find("показано не всё"), std::string::npos) << all.out;
  Outcome json = Oborot("show RU-VOR --limit 2 --format json" + Db());
  auto j = nlohmann::json::parse(json.out);
  EXPECT_GT(j["totals"]["sources"].get<int>(), 2);
  EXPECT_EQ(j["sources"].size(), 2u);
}

TEST_F(CliTest, ShowMeetingsNamedColumnsSectorsInRussianAndCompare) {
  Outcome r = Oborot("show RU-YAR --limit 100" + Db());
  EXPECT_NE(r.out.find("участники"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("место"), std::string::npos);
  Outcome vor = Oborot("show воронежской области --limit 100" + Db());
  EXPECT_NE(vor.out.find("Агропромышленный комплекс"), std::string::npos) << vor.out;
  EXPECT_EQ(vor.out.find("agriculture"), std::string::npos) << vor.out;
  Outcome both = Oborot("show RU-KLU RU-MOW" + Db());
  EXPECT_EQ(both.status, 0) << both.err;
  EXPECT_NE(both.out.find("RU-KLU — Калужская область"), std::string::npos) << both.out;
  EXPECT_NE(both.out.find("RU-MOW — Москва"), std::string::npos) << both.out;
}

TEST_F(CliTest, DateRangeFiltersEveryListCommand) {
  Outcome all = Oborot("targets --format json" + Db());
  Outcome some = Oborot("targets --format json --from 2024 --to 2025" + Db());
  const auto a = nlohmann::json::parse(all.out), s = nlohmann::json::parse(some.out);
  EXPECT_LT(s.size(), a.size());
  for (const auto& row : s) {
    // A target by its year; one without a horizon by when it was announced.
    if (row["year"].is_number()) {
      EXPECT_GE(row["year"].get<int>(), 2024) << row;
      EXPECT_LE(row["year"].get<int>(), 2025) << row;
    } else {
      EXPECT_GE(row["last_published"].get<std::string>(), "2024") << row;
      EXPECT_LE(row["last_published"].get<std::string>(), "2025-12-31") << row;
    }
  }
  EXPECT_EQ(Oborot("targets --from yesterday" + Db()).status, 2);
  Outcome show = Oborot("show RU-YAR --from 2025-03-19 --format json" + Db());
  for (const auto& m : nlohmann::json::parse(show.out)["meetings"])
    EXPECT_GE(m["date"].get<std::string>(), "2025-03-19");
}

// Every example of the README's knowledge-base section prints something.
TEST_F(CliTest, ReadmeExamplesGiveOutputOnTheSampleCorpus) {
  for (const std::string& args :
       {std::string("parties"), std::string("show \"Калужская область\""), std::string("show калужской"),
        std::string("show RU-KLU"), std::string("targets --csv"), std::string("conflicts --from 2000"),
        std::string("search \"газовые двигатели\""), std::string("export --format jsonl")}) {
    Outcome r = Oborot(args + Db());
    EXPECT_EQ(r.status, 0) << args << ": " << r.err;
    if (args.rfind("conflicts", 0) != 0) {
      EXPECT_GT(r.out.size(), 100u) << args << ": " << r.out;
    }
  }
}

// One plumbing for every table command: the terminal table for people,
// typed data for CSV and xlsx, whatever the command.
TEST_F(CliTest, CsvAndXlsxAreDataForEveryTableCommand) {
  for (const std::string& cmd : {std::string("parties"), std::string("show RU-KLU"), std::string("targets"),
                                 std::string("conflicts"), std::string("search газовые двигатели")}) {
    Outcome csv = Oborot(cmd + " --csv --lang en" + Db());
    EXPECT_EQ(csv.status, 0) << cmd << ": " << csv.err;
    // Machine headers, not the table's translated ones; no display formats.
    EXPECT_EQ(csv.out.find("млрд"), std::string::npos) << cmd << ": " << csv.out;
    if (cmd.rfind("search", 0) != 0) {  // search's fact_summary column is a line of text by design
      EXPECT_EQ(csv.out.find("$"), std::string::npos) << cmd;
    }
    Outcome excel = Oborot(cmd + " --excel" + Db());
    EXPECT_EQ(excel.out.rfind("\xEF\xBB\xBF", 0), 0u) << cmd << ": the Excel dialect starts with a BOM";
    const fs::path book = *dir_ / "book.xlsx";
    fs::remove(book);
    Outcome xlsx = Oborot(cmd + " --format xlsx --out " + book.string() + Db());
    EXPECT_EQ(xlsx.status, 0) << cmd << ": " << xlsx.err;
    EXPECT_EQ(Slurp(book).rfind("PK", 0), 0u) << cmd << ": a workbook is a zip file";
  }
  // Codes and names in their own columns, names in the --lang language; amounts as plain numbers.
  Outcome en = Oborot("parties --format csv --lang en" + Db());
  EXPECT_NE(en.out.find(",RU-KLU,Kaluga Oblast,"), std::string::npos) << en.out;
  EXPECT_NE(Oborot("parties --csv" + Db()).out.find(",RU-KLU,Калужская область,"), std::string::npos);
  // (a range's upper bound in actual_value_max, empty for a single figure)
  EXPECT_TRUE(std::regex_search(en.out, std::regex(",512000000,,USD,"))) << en.out;
  // Sector names follow --lang too (data/lexicons/sector_names.tsv), the id beside them.
  const std::string sectors_en = Oborot("show RU-KLU --csv --lang en" + Db()).out;
  EXPECT_NE(sectors_en.find(",automotive,Automotive,"), std::string::npos) << sectors_en.substr(0, 2000);
  EXPECT_EQ(sectors_en.find("Автомобилестроение"), std::string::npos);
  EXPECT_NE(Oborot("show RU-KLU --csv" + Db()).out.find(",automotive,Автомобилестроение,"), std::string::npos);
  // --out writes the table where told, and nothing on standard output.
  const fs::path text = *dir_ / "parties.txt";
  Outcome to_file = Oborot("parties --out " + text.string() + Db());
  EXPECT_TRUE(to_file.out.empty());
  EXPECT_NE(Slurp(text).find("RU-KLU"), std::string::npos);
}

TEST_F(CliTest, ShowComparesAsOneJsonArrayAndOneCsvWithAPartyColumn) {
  Outcome json = Oborot("show RU-KLU RU-MOW --format json" + Db());
  ASSERT_EQ(json.status, 0) << json.err;
  auto a = nlohmann::json::parse(json.out);
  ASSERT_TRUE(a.is_array());
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0]["party"], "RU-KLU");
  EXPECT_EQ(a[1]["party"], "RU-MOW");
  Outcome csv = Oborot("show RU-KLU RU-MOW --csv" + Db());
  EXPECT_EQ(csv.out.rfind("section,party,", 0), 0u) << csv.out.substr(0, 200);
  EXPECT_NE(csv.out.find("\nfigures,RU-KLU,"), std::string::npos);
  EXPECT_NE(csv.out.find("\nfigures,RU-MOW,"), std::string::npos);
  // One party: i16's sheets, a `section` column and no `party` column.
  EXPECT_EQ(Oborot("show RU-KLU --csv" + Db()).out.rfind("section,fact,", 0), 0u);
}

// Every `build/oborot` example of the README that reads the knowledge base
// (parties, show, targets, conflicts, search, export) runs on the sample
// corpus, with its own options, and writes something: read from README.md
// itself, so an example added there is tested here.
TEST_F(CliTest, EveryReadmeQueryExampleRuns) {
  std::istringstream readme(Slurp(fs::path(OBOROT_SOURCE_DIR) / "README.md"));
  const std::regex example(R"(^build/oborot (parties|show|targets|conflicts|search|export)\b(.*)$)");
  const fs::path work = *dir_ / "readme";
  fs::create_directories(work);
  size_t n = 0;
  for (std::string line; std::getline(readme, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, example)) continue;
    std::string args = m[1].str() + m[2].str();
    if (const size_t hash = args.find("  #"); hash != std::string::npos) args.resize(hash);
    // "> file": the output is checked here instead.
    if (const size_t redirect = args.find(" > "); redirect != std::string::npos) args.resize(redirect);
    args = std::regex_replace(args, std::regex(" --db kb\\.db"), "");
    Outcome r = Oborot(args + Db(), "LANG=ru_RU.UTF-8 COLUMNS=120", work.string());
    ++n;
    EXPECT_EQ(r.status, 0) << line << ": " << r.err;
    std::smatch out;
    if (std::regex_search(args, out, std::regex(R"(--out (\S+))"))) {
      EXPECT_GT(fs::file_size(work / out[1].str()), 100u) << line;
    } else if (args.rfind("conflicts", 0) != 0) {  // the sample corpus has no conflict
      EXPECT_GT(r.out.size(), 100u) << line << ": " << r.out;
    }
  }
  EXPECT_GE(n, 10u) << "README examples found";
}

}  // namespace
