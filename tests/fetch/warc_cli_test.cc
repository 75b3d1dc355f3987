// WARC input end to end: a .warc.gz written by the test (one gzip member per
// record, WARC/1.0 and 1.1, a non-HTML record, a truncated last record)
// through `oborot extract` and `oborot ingest`.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

#include "src/fetch/warc_test_util.h"
#include "src/kb/sqlite.h"
#include "tests/fetch/cli_util.h"

namespace oborot::fetch {
namespace {

namespace fs = std::filesystem;
using oborot::testing::ReadAll;
using oborot::testing::RunOborot;
using testing::Gzip;
using testing::HtmlResponse;
using testing::WarcRecord;

std::string Article(const std::string& region, int value) {
  return "<html><head><title>" + region + "</title></head><body><article><h1>" + region +
         "</h1><p>Товарооборот Беларуси с " + region + " в 2023 году составил " + std::to_string(value) +
         " млн долларов, сообщили в правительстве.</p></article></body></html>";
}

TEST(WarcCliTest, ExtractAndIngestStreamRecords) {
  const fs::path dir = fs::temp_directory_path() / ("oborot_warc_cli_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string file = Gzip(WarcRecord("WARC/1.1", "warcinfo", "", "software: test\r\n", "application/warc-fields"));
  file += Gzip(WarcRecord("WARC/1.1", "response", "https://news.example/1", HtmlResponse(Article("Смоленской областью", 900), "utf-8")));
  file += Gzip(WarcRecord("WARC/1.1", "request", "https://news.example/1", "GET /1 HTTP/1.1\r\n\r\n",
                          "application/http; msgtype=request"));
  file += Gzip(WarcRecord("WARC/1.0", "response", "https://news.example/2", HtmlResponse(Article("Брянской областью", 800), "")));
  file += Gzip(WarcRecord("WARC/1.1", "response", "https://news.example/3.jpg",
                          "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff"));
  const std::string cut = WarcRecord("WARC/1.1", "response", "https://news.example/4", HtmlResponse(Article("Псковской областью", 70), ""));
  file += Gzip(cut.substr(0, cut.size() / 2));
  const std::string warc = (dir / "CC-NEWS-test.warc.gz").string();
  std::ofstream(warc, std::ios::binary) << file;
  const std::string out = (dir / "facts.jsonl").string(), log = (dir / "log.txt").string();

  EXPECT_EQ(RunOborot({"extract", warc, "--out", out}, log), 1) << ReadAll(log);
  std::stringstream lines(ReadAll(out));
  std::vector<std::string> docs;
  int turnovers = 0;
  for (std::string line; std::getline(lines, line);) {
    const auto j = nlohmann::json::parse(line);
    if (j["type"] == "document") {
      docs.push_back(j["doc"]);
      EXPECT_EQ(j["url"], j["doc"]);
    }
    turnovers += j["type"] == "turnover";
  }
  EXPECT_EQ(docs, (std::vector<std::string>{"https://news.example/1", "https://news.example/2"}));
  EXPECT_EQ(turnovers, 2);
  const std::string errors = ReadAll(log);
  EXPECT_NE(errors.find(warc + ":5 https://news.example/3.jpg: not HTML (image/jpeg)"), std::string::npos) << errors;
  EXPECT_NE(errors.find(warc + ":6 https://news.example/4: truncated record"), std::string::npos) << errors;

  const std::string db = (dir / "kb.db").string();
  EXPECT_EQ(RunOborot({"ingest", warc, "--db", db}, log), 1) << ReadAll(log);
  EXPECT_NE(ReadAll(log).find("2 new"), std::string::npos) << ReadAll(log);
  auto kb = kb::Db::Open(db, SQLITE_OPEN_READONLY);
  ASSERT_TRUE(kb.ok());
  auto n = kb::QueryInt(**kb, "SELECT count(*) FROM documents WHERE url LIKE 'https://news.example/%'");
  EXPECT_EQ(*n, 2);
  auto fetched = (*kb)->PrepareOnce("SELECT meta FROM document_inputs LIMIT 1");
  ASSERT_EQ(fetched->Step(), SQLITE_ROW);
  EXPECT_NE(std::string(fetched->Text(0)).find("\"fetched_at\":\"2024-03-01T10:00:00Z\""), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace oborot::fetch
