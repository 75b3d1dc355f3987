#include "src/server/api.h"

#include <gtest/gtest.h>

#include "src/server/server_test_util.h"

namespace oborot::server {
namespace {

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(testing::TempDir("api"));
    db_ = new std::string(testing::WriteSampleDb(*dir_));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete db_;
  }
  void SetUp() override {
    auto api = Api::Open(*db_, {});
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = std::move(*api);
  }
  nlohmann::json Get(const std::string& path, const Params& params = {}, int status = 200) {
    ApiResponse r = api_->Get(path, params);
    EXPECT_EQ(r.status, status) << path << ": " << r.body;
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.body;
    return j;
  }

  static std::filesystem::path* dir_;
  static std::string* db_;
  std::unique_ptr<Api> api_;
};
std::filesystem::path* ApiTest::dir_ = nullptr;
std::string* ApiTest::db_ = nullptr;

TEST_F(ApiTest, PartiesListsEachPartnerWithLatestFigureTargetAndProgress) {
  auto j = Get("/api/parties");
  ASSERT_EQ(j["parties"].size(), 2u);
  const auto& klu = j["parties"][0];
  EXPECT_EQ(klu["partner"], "RU-KLU");
  EXPECT_EQ(klu["partner_name"]["ru"], "Калужская область");
  EXPECT_EQ(klu["partner_name"]["en"], "Kaluga Oblast");
  EXPECT_EQ(klu["actual"]["year"], 2023);
  EXPECT_DOUBLE_EQ(klu["actual"]["value"].get<double>(), 5.2e8);
  EXPECT_EQ(klu["target"]["speaker"], "Владислав Шапша");
  EXPECT_NEAR(klu["progress_percent"].get<double>(), 52.0, 1e-9);
  EXPECT_EQ(klu["last_meeting"]["date"], "2023-03-02");
  // Every figure of the overview links to a source.
  EXPECT_EQ(klu["actual"]["evidence"][0]["doc"], "klu-2024");
  EXPECT_EQ(klu["target"]["evidence"][0]["doc"], "klu-2023");
}

TEST_F(ApiTest, PartyDossierHasEveryFigureWithEvidence) {
  auto j = Get("/api/parties/RU-KLU");
  EXPECT_EQ(j["party"], "RU-KLU");
  EXPECT_EQ(j["name"]["ru"], "Калужская область");
  ASSERT_EQ(j["figures"].size(), 2u);
  EXPECT_EQ(j["figures"][0]["year"], 2023);
  ASSERT_EQ(j["targets"].size(), 1u);
  EXPECT_EQ(j["targets"][0]["announced"], "2023-03-03");
  ASSERT_EQ(j["meetings"].size(), 1u);
  ASSERT_EQ(j["organisations"].size(), 1u);
  for (const char* section : {"figures", "targets", "meetings", "organisations"}) {
    for (const auto& f : j[section]) {
      ASSERT_FALSE(f["evidence"].empty()) << section;
      EXPECT_TRUE(f["evidence"][0]["start"].is_number_integer()) << section;
    }
  }
  // Names and lower-case codes resolve to the same party.
  EXPECT_EQ(Get("/api/parties/ru-klu")["party"], "RU-KLU");
  EXPECT_EQ(Get("/api/parties/калужской области")["party"], "RU-KLU");
}

TEST_F(ApiTest, ErrorsAreJsonWithStatus) {
  struct Case {
    std::string path;
    Params params;
    int status;
  } cases[] = {
      {"/api/parties/XX-NOPE", {}, 404},
      {"/api/parties/нет такой партии", {}, 404},
      {"/api/documents/no-such-doc", {}, 404},
      {"/api/unknown", {}, 404},
      {"/api", {}, 404},
      {"/api/facts", {{"type", "weather"}}, 400},
      {"/api/facts", {{"year", "soon"}}, 400},
      {"/api/facts", {{"year", "1700"}}, 400},
      {"/api/facts", {{"limit", "-1"}}, 400},
      {"/api/search", {}, 400},
      {"/api/search", {{"q", "!!! ???"}}, 400},
      {"/api/parties/" + std::string(300, 'A'), {}, 400},
  };
  for (const auto& c : cases) {
    auto j = Get(c.path, c.params, c.status);
    EXPECT_EQ(j["status"], c.status) << c.path;
    EXPECT_TRUE(j["error"].is_string()) << c.path;
  }
}

TEST_F(ApiTest, FactsFilterByPartyTypeAndYear) {
  auto all = Get("/api/facts", {{"party", "RU-KLU"}});
  EXPECT_EQ(all["facts"].size(), 5u);  // two figures, a target, a meeting, an organisation
  auto turnover = Get("/api/facts", {{"party", "RU-KLU"}, {"type", "turnover"}, {"year", "2022"}});
  ASSERT_EQ(turnover["facts"].size(), 1u);
  EXPECT_DOUBLE_EQ(turnover["facts"][0]["value"].get<double>(), 4.5e8);
  EXPECT_EQ(turnover["facts"][0]["evidence"][0]["doc"], "klu-2023");
  auto meetings = Get("/api/facts", {{"type", "meeting"}, {"year", "2023"}});
  EXPECT_EQ(meetings["facts"].size(), 1u);
  EXPECT_EQ(Get("/api/facts", {{"limit", "1"}})["facts"].size(), 1u);
}

TEST_F(ApiTest, InjectionAttemptsAreJustValues) {
  // Parameters are bound, never spliced into SQL: these match nothing and break nothing.
  EXPECT_EQ(Get("/api/documents/x' OR '1'='1", {}, 404)["status"], 404);
  EXPECT_EQ(Get("/api/facts", {{"party", "RU-KLU' OR 1=1 --"}}, 404)["status"], 404);
  auto hits = Get("/api/search", {{"q", "товарооборот\" OR NOT \"x"}});
  EXPECT_TRUE(hits["hits"].is_array());
  EXPECT_EQ(Get("/api/parties")["parties"].size(), 2u);
}

TEST_F(ApiTest, DocumentHasTextAndEvidenceSpans) {
  auto j = Get("/api/documents/klu-2023");
  EXPECT_EQ(j["title"], "Калуга и Минск");
  ASSERT_EQ(j["spans"].size(), 3u);
  const std::string text = j["text"];
  for (const auto& s : j["spans"]) {
    auto [start, end] = testing::Offsets(text, s["quote"].get<std::string>());
    EXPECT_EQ(s["start"], start);
    EXPECT_EQ(s["end"], end);
  }
  // Hostile text comes back as data; the page renders it as text.
  auto x = Get("/api/documents/tula-xss");
  EXPECT_NE(x["text"].get<std::string>().find(testing::kHostile), std::string::npos);
}

TEST_F(ApiTest, SearchFindsArticlesByAnyWordForm) {
  auto j = Get("/api/search", {{"q", "калужская"}});
  ASSERT_FALSE(j["hits"].empty());
  EXPECT_EQ(j["query"], "калужская");
}

TEST_F(ApiTest, CachedAnswersFollowChangesToTheDatabase) {
  EXPECT_EQ(Get("/api/parties")["parties"].size(), 2u);
  {
    auto writer = kb::Store::Open(*db_, {});
    ASSERT_TRUE(writer.ok());
    const std::string text = "В 2023 году товарооборот Беларуси и Омской области составил 90 миллионов долларов.";
    auto r = (*writer)->IngestDocument(
        {{"doc", "oms"}, {"type", "document"}, {"published", "2024-01-01"}},
        {testing::Turnover("RU-OMS", "actual", 9e7, 2023, "", testing::Evidence(text, text))}, text);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  EXPECT_EQ(Get("/api/parties")["parties"].size(), 3u);
  auto writer = kb::Store::Open(*db_, {});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->RemoveDocument("oms").ok());
  EXPECT_EQ(Get("/api/parties")["parties"].size(), 2u);
}

TEST(ApiOpenTest, MissingDatabaseIsNotFoundAndNothingIsCreated) {
  auto dir = testing::TempDir("api_missing");
  auto api = Api::Open((dir / "none.db").string(), {});
  ASSERT_FALSE(api.ok());
  EXPECT_EQ(api.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir / "none.db"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace oborot::server
