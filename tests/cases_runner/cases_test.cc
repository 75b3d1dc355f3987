// Runs every tests/cases/**/*.case through the whole extractor and compares the
// JSONL it writes with the expected facts (rules: tests/cases_runner/case_file.h).
// One test per case file, named after its folder and stem
// (Cases/FactCase.Run/status_actual_prevysil), plus a check that every case
// file parses. Run a topic with --gtest_filter='*status_*'.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "oborot/extractor.h"
#include "tests/cases_runner/case_file.h"

namespace oborot::cases {
namespace {

const std::string& CasesRoot() {
  static const std::string kRoot = std::string(OBOROT_SOURCE_DIR) + "/tests/cases";
  return kRoot;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Null when the extractor cannot be made (the failure is reported once).
const Extractor* SharedExtractor() {
  static const std::shared_ptr<const Extractor> kExtractor = [] {
    auto ex = Extractor::Create();
    if (!ex.ok()) {
      ADD_FAILURE() << "Extractor::Create: " << ex.status().ToString();
      return std::shared_ptr<const Extractor>();
    }
    return *ex;
  }();
  return kExtractor.get();
}

TEST(CaseFiles, AllParse) {
  std::vector<std::string> files = FindCaseFiles(CasesRoot());
  EXPECT_GE(files.size(), 70u) << "fewer case files than the specification needs under " << CasesRoot();
  std::set<std::string> ids;
  for (const std::string& path : files) {
    Result<Case> c = ParseCase(ReadFile(path), path);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    if (c.ok()) {
      EXPECT_TRUE(ids.insert(c->id).second) << "two case files share the id " << c->id;
    }
  }
}

class FactCase : public ::testing::TestWithParam<std::string> {};

TEST_P(FactCase, Run) {
  const std::string& path = GetParam();
  Result<Case> c = ParseCase(ReadFile(path), path);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const Extractor* ex = SharedExtractor();
  ASSERT_NE(ex, nullptr);

  RawInput in;
  in.id = c->id;
  in.source = path;
  in.bytes = c->text;
  in.format = InputFormat::kText;
  in.title = c->title;
  in.published = c->published;
  Result<Extraction> out = ex->Process(in, ExtractOptions{});
  ASSERT_TRUE(out.ok()) << out.status().ToString();

  std::vector<nlohmann::json> predicted;
  for (const std::string& line : ex->ToJsonLines(*out)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(j.is_discarded()) << "the extractor wrote a line that is not JSON: " << line;
    predicted.push_back(std::move(j));
  }
  MatchReport report = MatchFacts(c->expected, predicted);
  EXPECT_TRUE(report.ok()) << path << " (" << c->name << ")\n" << report.ToString();
}

std::vector<std::string> AllCases() { return FindCaseFiles(CasesRoot()); }

INSTANTIATE_TEST_SUITE_P(Cases, FactCase, ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           return TestName(param_info.param, CasesRoot());
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(FactCase);

}  // namespace
}  // namespace oborot::cases
