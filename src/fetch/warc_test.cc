#include "src/fetch/warc.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "src/fetch/warc_test_util.h"

namespace oborot::fetch {
namespace {

namespace fs = std::filesystem;
using testing::Gzip;
using testing::HtmlResponse;
using testing::WarcRecord;

class WarcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("oborot_warc_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string p = (dir_ / name).string();
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  fs::path dir_;
};

TEST_F(WarcTest, GzipMembersVersionsAndSkippedRecords) {
  const std::string page = "<html><head><title>Т</title></head><body><p>Гродно и Смоленск обсудили поставки.</p></body></html>";
  std::string chunked_http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n";
  chunked_http += "10\r\n" + page.substr(0, 16) + "\r\n";
  char size[16];
  std::snprintf(size, sizeof size, "%zx", page.size() - 16);
  chunked_http += std::string(size) + "\r\n" + page.substr(16) + "\r\n0\r\n\r\n";
  const std::string gz_http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n\r\n" +
                              Gzip(page);
  std::string file;
  file += Gzip(WarcRecord("WARC/1.1", "warcinfo", "", "software: test\r\n", "application/warc-fields"));
  file += Gzip(WarcRecord("WARC/1.1", "response", "https://news.example/a", HtmlResponse(page, "windows-1251")));
  file += Gzip(WarcRecord("WARC/1.1", "request", "https://news.example/a", "GET /a HTTP/1.1\r\n\r\n",
                          "application/http; msgtype=request"));
  file += Gzip(WarcRecord("WARC/1.0", "response", "https://news.example/b", chunked_http));
  file += Gzip(WarcRecord("WARC/1.1", "response", "https://news.example/pdf",
                          "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4"));
  file += Gzip(WarcRecord("WARC/1.1", "response", "https://news.example/moved",
                          "HTTP/1.1 301 Moved\r\nLocation: /a\r\n\r\n"));
  file += Gzip(WarcRecord("WARC/1.1", "response", "https://news.example/gz", gz_http));
  std::string last = WarcRecord("WARC/1.1", "response", "https://news.example/cut", HtmlResponse(page, ""));
  file += Gzip(last.substr(0, last.size() - 30));  // a truncated record in a whole gzip member
  const std::string path = Write("cc.warc.gz", file);

  auto r = WarcReader::Open(path, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::vector<std::string> seen;
  while (auto next = (*r)->Next()) {
    if (next->ok()) {
      const RawInput& in = **next;
      seen.push_back("doc " + in.url + " " + in.charset + " " + in.fetched_at);
      EXPECT_EQ(in.id, in.url);
      EXPECT_EQ(in.format, InputFormat::kHtml);
      EXPECT_NE(in.bytes.find("Смоленск"), std::string::npos) << in.url;
      EXPECT_EQ(in.bytes.find("HTTP/1.1"), std::string::npos) << in.url;
    } else {
      seen.push_back("err " + next->status().message());
    }
  }
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen[0], "doc https://news.example/a windows-1251 2024-03-01T10:00:00Z");
  EXPECT_EQ(seen[1], "doc https://news.example/b  2024-03-01T10:00:00Z");
  EXPECT_EQ(seen[2], "err " + path + ":5 https://news.example/pdf: not HTML (application/pdf)");
  EXPECT_EQ(seen[3], "doc https://news.example/gz utf-8 2024-03-01T10:00:00Z");
  EXPECT_NE(seen[4].find(path + ":8 https://news.example/cut: truncated record"), std::string::npos) << seen[4];
}

TEST_F(WarcTest, PlainFileAndLimits) {
  const std::string page = "<html><body><p>" + std::string(3000, 'x') + "</p></body></html>";
  std::string file = WarcRecord("WARC/1.0", "response", "https://e.example/big", HtmlResponse(page, ""));
  file += WarcRecord("WARC/1.0", "response", "https://e.example/small", HtmlResponse("<html><p>Минск</p></html>", ""));
  const std::string path = Write("plain.warc", file);
  auto r = WarcReader::Open(path, {.max_doc_bytes = 1000});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto first = (*r)->Next();
  ASSERT_TRUE(first && !first->ok());
  EXPECT_EQ(first->status().code(), StatusCode::kTooLarge);
  auto second = (*r)->Next();
  ASSERT_TRUE(second && second->ok());
  EXPECT_EQ((*second)->url, "https://e.example/small");
  EXPECT_FALSE((*r)->Next());
}

TEST_F(WarcTest, NotWarcFiles) {
  EXPECT_EQ(WarcReader::Open(Write("empty.warc", ""), {}).status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(WarcReader::Open(Write("text.warc", "hello\n"), {}).status().message().find("not a WARC file"),
            std::string::npos);
  std::string broken = Gzip(WarcRecord("WARC/1.1", "response", "https://e/a", HtmlResponse("<p>a</p>", "")));
  broken.resize(broken.size() / 2);
  auto r = WarcReader::Open(Write("broken.warc.gz", broken), {});
  if (r.ok()) {
    auto next = (*r)->Next();
    ASSERT_TRUE(next.has_value());
    EXPECT_FALSE(next->ok());
  } else {
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  }
  EXPECT_EQ(WarcReader::Open((dir_ / "none.warc").string(), {}).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(IsWarcPath("a/CC-NEWS.warc.GZ"));
  EXPECT_TRUE(IsWarcPath("x.warc"));
  EXPECT_FALSE(IsWarcPath("x.gz"));
}

TEST(HttpTest, HeadAndBodies) {
  size_t at = 0;
  auto h = ParseHttpHead("HTTP/1.1 200 OK\r\nContent-Type: Text/HTML; Charset=\"KOI8-R\"\r\n\r\nbody", &at);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->status, 200);
  EXPECT_EQ(h->content_type, "text/html");
  EXPECT_EQ(h->charset, "KOI8-R");
  EXPECT_FALSE(ParseHttpHead("nonsense\r\n\r\n", &at).ok());
  EXPECT_FALSE(ParseHttpHead("HTTP/1.1 200 OK\r\nX: y", &at).ok());
  EXPECT_EQ(Dechunk("3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n", 100).value(), "abcde");
  EXPECT_FALSE(Dechunk("5\r\nab", 100).ok());
  EXPECT_FALSE(Dechunk("zz\r\n", 100).ok());
  EXPECT_EQ(Inflate(Gzip("привет"), 100).value(), "привет");
  EXPECT_EQ(Inflate(Gzip(std::string(1000, 'a')), 100).status().code(), StatusCode::kTooLarge);
  EXPECT_FALSE(Inflate("not compressed", 100).ok());
}

}  // namespace
}  // namespace oborot::fetch
