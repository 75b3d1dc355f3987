#include "src/server/api.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>

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
  // What the progress is measured against: the target (2025) is not yet past, so the latest (2023).
  // The overview sorts by US dollars: a dollar figure is its own value.
  EXPECT_DOUBLE_EQ(klu["actual"]["value_usd"].get<double>(), 5.2e8);
  EXPECT_EQ(klu["gap_basis"], "latest");
  EXPECT_EQ(klu["gap_year"], 2023);
  auto targets = Get("/api/targets");
  ASSERT_EQ(targets["targets"].size(), 1u);
  EXPECT_EQ(targets["targets"][0]["progress_basis"], "latest");
  EXPECT_EQ(targets["targets"][0]["actual"]["year"], 2023);
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
      {"/api/facts", {{"from", "2023-02-30"}}, 400},  // no such day
      {"/api/facts", {{"from", "----------"}}, 400},
      {"/api/facts", {{"to", "2023-13"}}, 400},
      {"/api/facts", {{"to", "2023-1-01"}}, 400},
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

TEST_F(ApiTest, FactsArePagedWithATotal) {
  auto all = Get("/api/facts", {{"party", "RU-KLU"}});
  ASSERT_EQ(all["total"], 5);
  EXPECT_EQ(all["offset"], 0);
  std::vector<nlohmann::json> paged;
  for (int offset = 0; offset < 5; offset += 2) {
    auto page = Get("/api/facts", {{"party", "RU-KLU"}, {"limit", "2"}, {"offset", std::to_string(offset)}});
    EXPECT_EQ(page["total"], 5);
    EXPECT_EQ(page["offset"], offset);
    EXPECT_LE(page["facts"].size(), 2u);
    for (const auto& f : page["facts"]) paged.push_back(f);
  }
  // The pages together are the whole list, in the same order.
  ASSERT_EQ(paged.size(), all["facts"].size());
  for (size_t i = 0; i < paged.size(); ++i) EXPECT_EQ(paged[i], all["facts"][i]) << i;
  EXPECT_TRUE(Get("/api/facts", {{"offset", "1000"}})["facts"].empty());
  EXPECT_EQ(Get("/api/facts", {{"offset", "x"}}, 400)["status"], 400);
}

TEST_F(ApiTest, UnknownQueryParametersAreRefusedByName) {
  for (const char* path : {"/api/facts", "/api/parties", "/api/targets", "/api/names", "/api/parties/RU-KLU"}) {
    auto j = Get(path, {{"yaer", "2023"}}, 400);
    EXPECT_NE(j["error"].get<std::string>().find("yaer"), std::string::npos) << path << ": " << j["error"];
  }
  auto j = Get("/api/search", {{"q", "товарооборот"}, {"limt", "2"}}, 400);
  EXPECT_NE(j["error"].get<std::string>().find("limt"), std::string::npos) << j["error"];
}

TEST_F(ApiTest, ARepeatedQueryParameterIsRefusedByName) {
  auto j = Get("/api/facts", {{"party", "RU-KLU"}, {"year", "2022"}, {"year", "2023"}}, 400);
  EXPECT_NE(j["error"].get<std::string>().find("parameter year given more than once"), std::string::npos) << j["error"];
  j = Get("/api/search", {{"q", "товарооборот"}, {"q", "визит"}}, 400);
  EXPECT_NE(j["error"].get<std::string>().find("parameter q given"), std::string::npos) << j["error"];
  j = Get("/api/facts", {{"from", "2022"}, {"to", "2023"}, {"from", "2020"}}, 400);
  EXPECT_NE(j["error"].get<std::string>().find("parameter from given"), std::string::npos) << j["error"];
  // Given once each, the same request is answered.
  EXPECT_TRUE(Get("/api/facts", {{"party", "RU-KLU"}, {"year", "2022"}})["facts"].is_array());
}

TEST_F(ApiTest, FactsFilterByDateRange) {
  // Figures by their year, meetings by their date.
  auto in2022 = Get("/api/facts", {{"party", "RU-KLU"}, {"type", "turnover"}, {"from", "2022"}, {"to", "2022"}});
  ASSERT_EQ(in2022["total"], 1);
  EXPECT_EQ(in2022["facts"][0]["year"], 2022);
  auto since = Get("/api/facts", {{"party", "RU-KLU"}, {"type", "meeting"}, {"from", "2023-03"}});
  EXPECT_EQ(since["total"], 1);
  auto before = Get("/api/facts", {{"party", "RU-KLU"}, {"type", "meeting"}, {"to", "2023-03-01"}});
  EXPECT_EQ(before["total"], 0);
  EXPECT_EQ(Get("/api/facts", {{"from", "last week"}}, 400)["status"], 400);
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

ApiOptions Recheck(std::chrono::milliseconds interval) {
  ApiOptions o;
  o.recheck_interval = interval;
  return o;
}

// Adds (and RemoveOms takes out again) a third partner, as `oborot ingest` would.
void IngestOms(const std::string& db) {
  auto writer = kb::Store::Open(db, {});
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  const std::string text = "В 2023 году товарооборот Беларуси и Омской области составил 90 миллионов долларов.";
  auto r = (*writer)->IngestDocument({{"doc", "oms"}, {"type", "document"}, {"published", "2024-01-01"}},
                                     {testing::Turnover("RU-OMS", "actual", 9e7, 2023, "", testing::Evidence(text, text))},
                                     text);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
}
void RemoveOms(const std::string& db) {
  auto writer = kb::Store::Open(db, {});
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  ASSERT_TRUE((*writer)->RemoveDocument("oms").ok());
}

TEST_F(ApiTest, CachedAnswersFollowChangesToTheDatabase) {
  auto api = Api::Open(*db_, Recheck(std::chrono::milliseconds(0)));  // check on every request
  ASSERT_TRUE(api.ok());
  auto parties = [&] { return nlohmann::json::parse((*api)->Get("/api/parties", {}).body)["parties"].size(); };
  EXPECT_EQ(parties(), 2u);
  EXPECT_EQ((*api)->cache_stats().entries, 1u);
  IngestOms(*db_);
  EXPECT_EQ(parties(), 3u);
  RemoveOms(*db_);
  EXPECT_EQ(parties(), 2u);
}

TEST_F(ApiTest, ChangesShowAfterTheCheckInterval) {
  const auto interval = std::chrono::milliseconds(30);
  auto api = Api::Open(*db_, Recheck(interval));
  ASSERT_TRUE(api.ok());
  auto parties = [&] { return nlohmann::json::parse((*api)->Get("/api/parties", {}).body)["parties"].size(); };
  EXPECT_EQ(parties(), 2u);
  IngestOms(*db_);
  std::this_thread::sleep_for(interval + std::chrono::milliseconds(20));  // then the next request checks
  EXPECT_EQ(parties(), 3u);
  RemoveOms(*db_);
  std::this_thread::sleep_for(interval + std::chrono::milliseconds(20));
  EXPECT_EQ(parties(), 2u);
}

TEST_F(ApiTest, AReplacedDatabaseFileIsReadAfresh) {
  auto dir = testing::TempDir("api_replace");
  const std::string served = testing::WriteSampleDb(dir);
  auto api = Api::Open(served, Recheck(std::chrono::milliseconds(0)));
  ASSERT_TRUE(api.ok());
  EXPECT_EQ(nlohmann::json::parse((*api)->Get("/api/parties", {}).body)["parties"].size(), 2u);
  // The file deleted (with its WAL) and the knowledge base built anew at the
  // same path; the server's connections still hold the old, unlinked file.
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(served + suffix);
  ASSERT_EQ(testing::WriteSampleDb(dir), served);
  IngestOms(served);
  EXPECT_EQ(nlohmann::json::parse((*api)->Get("/api/parties", {}).body)["parties"].size(), 3u);
  api->reset();
  std::filesystem::remove_all(dir);
}

TEST_F(ApiTest, CacheIsBoundedInEntriesAndBytes) {
  ApiOptions few;
  few.cache_entries = 3;
  auto api = Api::Open(*db_, few);
  ASSERT_TRUE(api.ok());
  for (int i = 0; i < 20; ++i) (*api)->Get("/api/search", {{"q", "калужская " + std::to_string(i)}});
  EXPECT_EQ((*api)->cache_stats().entries, 3u);

  ApiOptions small;
  small.cache_bytes = 8 * 1024;
  api = Api::Open(*db_, small);
  ASSERT_TRUE(api.ok());
  for (int i = 0; i < 50; ++i) (*api)->Get("/api/search", {{"q", "товарооборот " + std::to_string(i)}});
  const auto stats = (*api)->cache_stats();
  EXPECT_GT(stats.entries, 0u);
  EXPECT_LE(stats.bytes, small.cache_bytes);
  // An answer bigger than a quarter of the cache is served but not kept.
  ApiOptions tiny;
  tiny.cache_bytes = 256;
  api = Api::Open(*db_, tiny);
  ASSERT_TRUE(api.ok());
  EXPECT_EQ((*api)->Get("/api/parties", {}).status, 200);
  EXPECT_EQ((*api)->cache_stats().entries, 0u);
}

TEST_F(ApiTest, RecentlyUsedAnswersStayInTheCache) {
  ApiOptions o;
  o.cache_entries = 2;
  o.recheck_interval = std::chrono::hours(1);
  int computed = 0;
  o.prepare = [&computed](const ApiResponse&) {
    ++computed;
    return std::shared_ptr<void>();
  };
  auto api = Api::Open(*db_, o);
  ASSERT_TRUE(api.ok());
  (*api)->Get("/api/parties", {});
  (*api)->Get("/api/targets", {});
  (*api)->Get("/api/parties", {});  // now the most recent
  (*api)->Get("/api/names", {});    // pushes out /api/targets
  EXPECT_EQ(computed, 3);
  (*api)->Get("/api/parties", {});
  EXPECT_EQ(computed, 3);
  (*api)->Get("/api/targets", {});
  EXPECT_EQ(computed, 4);
}

TEST_F(ApiTest, PrepareRunsOncePerAnswerAndSharedAnswersKeepIt) {
  ApiOptions o;
  o.recheck_interval = std::chrono::hours(1);
  int calls = 0;
  o.prepare = [&calls](const ApiResponse& r) {
    ++calls;
    return std::make_shared<std::string>("prepared:" + std::to_string(r.status));
  };
  auto api = Api::Open(*db_, o);
  ASSERT_TRUE(api.ok());
  auto a = (*api)->GetShared("/api/parties/RU-KLU", {});
  auto b = (*api)->GetShared("/api/parties/RU-KLU", {});
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(a.get(), b.get());  // the same cached answer
  ASSERT_NE(a->prepared, nullptr);
  EXPECT_EQ(*static_cast<const std::string*>(a->prepared.get()), "prepared:200");
  auto missing = (*api)->GetShared("/api/parties/XX-NOPE", {});
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(calls, 2);
  // Copies made by Get() carry the body only.
  ApiResponse copy = (*api)->Get("/api/parties/RU-KLU", {});
  EXPECT_EQ(copy.body, a->body);
  EXPECT_EQ(copy.prepared, nullptr);
}

TEST_F(ApiTest, APrepareThatThrowsLeavesTheAnswerUnprepared) {
  ApiOptions o;
  o.prepare = [](const ApiResponse&) -> std::shared_ptr<void> { throw std::runtime_error("no memory"); };
  auto api = Api::Open(*db_, o);
  ASSERT_TRUE(api.ok());
  auto r = (*api)->GetShared("/api/targets", {});
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->prepared, nullptr);
  EXPECT_TRUE(nlohmann::json::parse(r->body)["targets"].is_array());
}

TEST_F(ApiTest, ConcurrentRequestsGetTheSameAnswer) {
  auto api = Api::Open(*db_, {});
  ASSERT_TRUE(api.ok());
  const std::string expected = Get("/api/parties/RU-KLU").dump();
  std::vector<std::thread> threads;
  std::atomic<int> same{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto r = (*api)->GetShared(i % 2 ? "/api/parties/RU-KLU" : "/api/targets", {});
        if (i % 2 && r->status == 200 && nlohmann::json::parse(r->body).dump() == expected) ++same;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(same.load(), 8 * 10);
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
