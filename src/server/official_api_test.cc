// The dashboard's API carries official figures beside the announced ones and
// the exports, imports and balance of trade_flow facts (web/app.js shows them).
#include <gtest/gtest.h>

#include "src/kb/official.h"
#include "src/server/api.h"
#include "src/server/server_test_util.h"

namespace oborot::server {
namespace {

nlohmann::json Flow(const std::string& from, const std::string& to, double value, const std::string& text) {
  return {{"type", "trade_flow"},
          {"parties", {"BY", "RU-KLU"}},
          {"from", from},
          {"to", to},
          {"status", "actual"},
          {"value", value},
          {"currency", "USD"},
          {"qualifier", "exact"},
          {"year", 2023},
          {"period", "year"},
          {"sectoral", false},
          {"evidence", testing::Evidence(text, text)}};
}

TEST(OfficialApi, PartiesAndDossierShowOfficialFiguresAndFlows) {
  const auto dir = testing::TempDir("official_api");
  const std::string db = testing::WriteSampleDb(dir);
  {
    auto store = kb::Store::Open(db, {});
    ASSERT_TRUE(store.ok());
    const std::string text = "Экспорт в Калужскую область составил 300 млн долларов, импорт — 220 млн.";
    auto r = (*store)->IngestDocument({{"doc", "klu-flows"}, {"type", "document"}, {"published", "2024-02-11"}},
                                      {Flow("BY", "RU-KLU", 3e8, text), Flow("RU-KLU", "BY", 2.2e8, text)}, text);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    auto imported = kb::ImportOfficial((*store)->db(),
                                       "reporter,partner,year,flow,value,currency,source,url\n"
                                       "BY,RU-KLU,2023,turnover,400000000,USD,Test office: table 7,https://stat.example/7\n",
                                       "official.csv", nullptr);
    ASSERT_TRUE(imported.ok() && imported->errors.empty());
  }
  auto api = Api::Open(db, {});
  ASSERT_TRUE(api.ok()) << api.status().ToString();
  auto parties = nlohmann::json::parse((*api)->Get("/api/parties", {}).body);
  const nlohmann::json* klu = nullptr;
  for (const auto& p : parties["parties"]) {
    if (p["partner"] == "RU-KLU") klu = &p;
  }
  ASSERT_NE(klu, nullptr);
  const auto& official = (*klu)["actual"]["official"];
  EXPECT_DOUBLE_EQ(official["value"].get<double>(), 4e8);
  EXPECT_NEAR(official["difference_percent"].get<double>(), 30.0, 1e-9);  // 520 announced against 400
  EXPECT_EQ(official["contradicted"], true);
  EXPECT_EQ(official["url"], "https://stat.example/7");
  EXPECT_DOUBLE_EQ((*klu)["exports"]["value"].get<double>(), 3e8);
  EXPECT_DOUBLE_EQ((*klu)["imports"]["value"].get<double>(), 2.2e8);
  EXPECT_DOUBLE_EQ((*klu)["balance"].get<double>(), 0.8e8);
  // the flows column sorts by US dollars, as turnover does
  EXPECT_DOUBLE_EQ((*klu)["exports"]["value_usd"].get<double>(), 3e8);

  auto dossier = nlohmann::json::parse((*api)->Get("/api/parties/RU-KLU", {}).body);
  EXPECT_EQ(dossier["flows"].size(), 2u);
  ASSERT_EQ(dossier["official"].size(), 1u);
  EXPECT_EQ(dossier["official"][0]["source"], "Test office: table 7");
  EXPECT_EQ(dossier["figures"][0]["official"]["contradicted"], true);
  std::filesystem::remove_all(dir);
}

TEST(OfficialApi, ARegionOfAThirdCountryIsNamedWithItsCountry) {
  const auto dir = testing::TempDir("region_names");
  const std::string db = testing::WriteSampleDb(dir);
  {
    auto store = kb::Store::Open(db, {});
    ASSERT_TRUE(store.ok());
    const std::string text = "Товарооборот Беларуси и Карагандинской области составил от 90 до 95 млн долларов.";
    nlohmann::json f = {{"type", "turnover"}, {"parties", {"BY", "KZ-35"}}, {"status", "actual"},
                        {"value", 9e7}, {"value_min", 9e7}, {"value_max", 9.5e7}, {"currency", "USD"},
                        {"qualifier", "exact"}, {"year", 2024}, {"sectoral", false},
                        {"evidence", testing::Evidence(text, text)}};
    auto r = (*store)->IngestDocument({{"doc", "kz"}, {"type", "document"}, {"published", "2025-04-15"}}, {f}, text);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  auto api = Api::Open(db, {});
  ASSERT_TRUE(api.ok()) << api.status().ToString();
  auto parties = nlohmann::json::parse((*api)->Get("/api/parties", {}).body);
  const nlohmann::json* kz = nullptr;
  for (const auto& p : parties["parties"]) {
    if (p["partner"] == "KZ-35") kz = &p;
    // Russia's own regions need no country
    if (p["partner"] == "RU-KLU") {
      EXPECT_EQ(p["partner_name"]["ru"], "Калужская область");
    }
  }
  ASSERT_NE(kz, nullptr);
  EXPECT_EQ((*kz)["partner_name"]["ru"], "Карагандинская область (Казахстан)");
  EXPECT_EQ((*kz)["partner_name"]["en"], "Karaganda (Kazakhstan)");
  // the range, both bounds
  EXPECT_DOUBLE_EQ((*kz)["actual"]["value_min"].get<double>(), 9e7);
  EXPECT_DOUBLE_EQ((*kz)["actual"]["value_max"].get<double>(), 9.5e7);
  auto names = nlohmann::json::parse((*api)->Get("/api/names", {}).body);
  EXPECT_EQ(names["parties"]["KZ-35"]["parent"], "KZ");
  EXPECT_FALSE(names["parties"]["KZ"].contains("parent"));
  auto facts = nlohmann::json::parse((*api)->Get("/api/facts", {{"party", "KZ-35"}}).body);
  ASSERT_FALSE(facts["facts"].empty());
  EXPECT_DOUBLE_EQ(facts["facts"][0]["value_max"].get<double>(), 9.5e7);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace oborot::server
