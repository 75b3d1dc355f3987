#include "src/server/report.h"

#include <gtest/gtest.h>

#include "src/server/server_test_util.h"

namespace oborot::server {
namespace {

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir("report");
    auto api = Api::Open(testing::WriteSampleDb(dir_), {});
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = std::move(*api);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::unique_ptr<Api> api_;
};

TEST_F(ReportTest, IsOneSelfContainedFile) {
  ReportOptions o;
  o.generated = "2025-06-01";
  auto html = BuildReport(*api_, o);
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  const std::string& h = *html;
  EXPECT_EQ(h.rfind("<!doctype html>", 0), 0u);
  // Scripts and styles inline: no file or URL is loaded.
  EXPECT_EQ(Count(h, "<script src="), 0u);
  EXPECT_EQ(Count(h, "<link "), 0u);
  EXPECT_EQ(Count(h, "</script>"), 5u);  // data, chart library, regions, strings, app
  EXPECT_EQ(Count(h, "<script type=\"application/json\" id=\"oborot-data\">"), 1u);
  EXPECT_NE(h.find("Chart.js v4"), std::string::npos);
  EXPECT_NE(h.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), std::string::npos);
  EXPECT_NE(h.find("<html lang=\"ru\" data-mode=\"report\">"), std::string::npos);
  // The static summary lists the partners.
  EXPECT_NE(h.find("<td>Калужская область</td>"), std::string::npos);
}

TEST_F(ReportTest, EmbedsEveryPartnerAndTheQuotedArticles) {
  auto data = ReportData(*api_, {});
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_TRUE((*data)["dossiers"].contains("RU-KLU"));
  EXPECT_TRUE((*data)["dossiers"].contains("RU-TUL"));
  EXPECT_FALSE((*data)["dossiers"].contains("BY"));
  for (const char* doc : {"klu-2023", "klu-2024", "tula-xss"}) EXPECT_TRUE((*data)["documents"].contains(doc)) << doc;
  EXPECT_EQ((*data)["parties"]["parties"].size(), 2u);
}

TEST_F(ReportTest, ArticleTextCannotBecomeMarkup) {
  ReportOptions o;
  o.lang = "en";
  auto html = BuildReport(*api_, o);
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  const std::string& h = *html;
  EXPECT_EQ(h.find(testing::kHostile), std::string::npos);
  EXPECT_EQ(h.find("<img"), std::string::npos);
  EXPECT_EQ(Count(h, "</script>"), 5u);
  // The hostile strings are there, as escaped data.
  EXPECT_NE(h.find("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"), std::string::npos);
  EXPECT_NE(h.find("<html lang=\"en\" data-mode=\"report\">"), std::string::npos);
}

TEST_F(ReportTest, StaticSummaryEscapesNames) {
  ReportOptions o;
  o.title = "Итоги <b>года</b> & \"планы\"";
  auto html = BuildReport(*api_, o);
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->find("<title>Итоги &lt;b&gt;года&lt;/b&gt; &amp; &quot;планы&quot;</title>"), std::string::npos);
}

}  // namespace
}  // namespace oborot::server
