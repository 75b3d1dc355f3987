#include "src/server/report.h"

#include <gtest/gtest.h>

#include "src/base/utf8.h"
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
  EXPECT_EQ(Count(h, "</script>"), 6u);  // data, chart library, annotation plugin, regions, strings, app
  EXPECT_EQ(Count(h, "<script type=\"application/json\" id=\"oborot-data\">"), 1u);
  EXPECT_NE(h.find("Chart.js v4"), std::string::npos);
  EXPECT_NE(h.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), std::string::npos);
  EXPECT_NE(h.find("<html lang=\"ru\" data-mode=\"report\">"), std::string::npos);
  // The static summary lists the partners by pair, numbers in the Russian format.
  EXPECT_NE(h.find("<td>Беларусь — Калужская область</td><td>520 млн $ (2023)</td>"), std::string::npos);
}

TEST_F(ReportTest, ArticlesAreQuotesUnlessTheBudgetAllowsThemWhole) {
  auto quotes = ReportData(*api_, {});
  ASSERT_TRUE(quotes.ok());
  const auto& doc = (*quotes)["documents"]["klu-2023"];
  EXPECT_TRUE(doc["quotes_only"].get<bool>());
  // Only the quoted sentences, each span moved onto them and keeping its original offsets.
  const std::string text = doc["text"];
  for (const auto& sp : doc["spans"]) {
    EXPECT_TRUE(sp.contains("orig_start"));
    EXPECT_LE(sp["end"].get<int64_t>(), static_cast<int64_t>(text.size()));
  }
  EXPECT_GT((*quotes)["left_out"]["articles_as_quotes"].get<int>(), 0);
  EXPECT_NE(LeftOutNote(*quotes, false).find("только с цитатами"), std::string::npos);
  ReportOptions all;
  all.max_articles = 1000;
  auto whole = ReportData(*api_, all);
  ASSERT_TRUE(whole.ok());
  EXPECT_FALSE((*whole)["documents"]["klu-2023"].contains("quotes_only"));
  // Each moved span covers its quote in the reduced text, as the original span did in the whole one.
  auto cut = [](const std::string& t, int64_t from, int64_t to) {
    std::u32string u;
    for (size_t i = 0; i < t.size();) u.push_back(NextCodePoint(t, i));
    std::string out;
    for (int64_t k = from; k < to && k < static_cast<int64_t>(u.size()); ++k)
      AppendUtf8(out, u[static_cast<size_t>(k)]);
    return out;
  };
  const std::string whole_text = (*whole)["documents"]["klu-2023"]["text"];
  ASSERT_FALSE(doc["spans"].empty());
  for (const auto& sp : doc["spans"]) {
    EXPECT_EQ(cut(text, sp["start"], sp["end"]), cut(whole_text, sp["orig_start"], sp["orig_end"])) << sp;
  }
  EXPECT_EQ((*whole)["left_out"]["articles_as_quotes"], 0);
  EXPECT_EQ(LeftOutNote(*whole, false), "");
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
  o.max_articles = 1000;  // the hostile article whole
  auto html = BuildReport(*api_, o);
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  const std::string& h = *html;
  EXPECT_EQ(h.find(testing::kHostile), std::string::npos);
  EXPECT_EQ(h.find("<img"), std::string::npos);
  EXPECT_EQ(Count(h, "</script>"), 6u);
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
