// `oborot fetch` end to end, with no network: the built binary against a
// web server on 127.0.0.1 (test_server.h) serving fixtures written here.
// Every case of issue 13: RSS, Atom, a news sitemap index, Yandex full
// text, UTF-8 and windows-1251 (declared only in <meta>) pages, a redirect
// chain and a loop, 404, a 500 then success, a 429 with Retry-After, a page
// slower than the time-out, an oversize page, gzip, robots.txt, ETag and
// Last-Modified (304), one article under two URLs, an entity bomb and an
// external entity.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>
#include <set>

#include "src/kb/sqlite.h"
#include "src/text/decode.h"
#include "tests/fetch/cli_util.h"
#include "tests/fetch/test_server.h"

namespace oborot::fetch {
namespace {

namespace fs = std::filesystem;
using oborot::testing::ReadAll;
using oborot::testing::RunOborot;
using testing::TestReply;
using testing::TestRequest;
using testing::TestServer;

// An article page in the shape of a regional news site's, in our own words.
std::string Page(const std::string& title, const std::string& body, const std::string& head = "") {
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title>" + head +
         "</head><body><header><nav><a href=\"/\">Главная</a> <a href=\"/news/\">Новости</a></nav></header>"
         "<article><h1>" + title + "</h1><p>" + body + "</p></article><footer>© Редакция</footer></body></html>";
}

const char kUtf8Body[] =
    "Товарооборот Беларуси с Псковской областью в 2023 году составил 210 млн долларов, сообщил губернатор "
    "на встрече с белорусской делегацией.";
const char kCp1251Body[] =
    "МИНСК, 5 мая 2024 года. Товарооборот Беларуси с Тверской областью в 2023 году достиг 640 млн долларов, "
    "сообщили в министерстве.";
const char kSameBody[] =
    "Товарооборот Беларуси с Курской областью в 2023 году составил 350 млн долларов, сообщили в правительстве области.";

std::string Rss(const TestServer& s) {
  auto item = [&](const std::string& path, const std::string& date) {
    return "<item><title>Новость</title><link>" + s.Url(path) + "</link><pubDate>" + date + "</pubDate></item>\n";
  };
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Лента</title>\n" +
         item("/news/utf8.html?utm_source=rss&amp;utm_medium=feed", "Mon, 10 Jun 2024 09:00:00 +0300") +
         item("/news/cp1251.html", "Mon, 06 May 2024 09:00:00 +0300") + item("/news/same-a.html", "") +
         item("/news/same-b.html", "") + item("/private/secret.html", "") + item("/missing.html", "") +
         item("/flaky.html", "") + item("/busy.html", "") + item("/slow.html", "") + item("/big.html", "") +
         item("/r1", "") + item("/loop-a", "") + item("/image.png", "") + item("/news/gz.html", "") +
         item("/news/amp.html", "") + item("/to-file", "") + item("/to-gopher", "") + item("/binary.html", "") +
         "</channel></rss>\n";
}

void Serve(TestServer& s) {
  s.Route("/robots.txt", TestReply{.body = "User-agent: *\nDisallow: /private/\n", .content_type = "text/plain"});
  s.Route("/rss.xml", [&s](const TestRequest& r) {
    if (r.if_none_match == "\"rss-v1\"") return TestReply{.status = 304, .content_type = ""};
    return TestReply{.body = Rss(s), .content_type = "application/rss+xml", .headers = {{"ETag", "\"rss-v1\""}}};
  });
  s.Route("/atom.xml", [&s](const TestRequest& r) {
    const std::string lm = "Mon, 10 Jun 2024 10:00:00 GMT";
    if (r.if_modified_since == lm) return TestReply{.status = 304, .content_type = ""};
    return TestReply{.body = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>А</title>"
                             "<entry><title>Атом</title><link href=\"" + s.Url("/news/atom.html") + "\"/>"
                             "<published>2024-06-12T08:00:00+03:00</published></entry>"
                             "<entry><title>Снова</title><link href=\"" + s.Url("/news/utf8.html") + "\"/></entry></feed>",
                     .content_type = "application/atom+xml",
                     .headers = {{"Last-Modified", lm}}};
  });
  s.Route("/sitemap-index.xml", [&s](const TestRequest&) {
    return TestReply{.body = "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                             "<sitemap><loc>" + s.Url("/sitemap-news.xml") + "</loc></sitemap></sitemapindex>",
                     .content_type = "application/xml"};
  });
  s.Route("/sitemap-news.xml", [&s](const TestRequest&) {
    return TestReply{.body = "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                             "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>" +
                             s.Url("/news/map.html") + "</loc><news:news><news:publication_date>2024-07-01T12:00:00+03:00"
                             "</news:publication_date></news:news></url></urlset>",
                     .content_type = "text/xml"};
  });
  s.Route("/yandex.xml", [&s](const TestRequest&) {
    return TestReply{
        .body = "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:yandex=\"http://news.yandex.ru\"><channel>"
                "<item><title>Полный текст</title><link>" + s.Url("/news/fulltext.html") + "</link>"
                "<pubDate>Tue, 02 Jul 2024 10:00:00 +0300</pubDate><yandex:full-text>Товарооборот Беларуси с "
                "Новгородской областью в 2023 году составил 180 млн долларов.</yandex:full-text></item></channel></rss>",
        .content_type = "application/rss+xml"};
  });
  std::string bomb = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"ha\">";
  for (int i = 1; i <= 9; ++i) {
    bomb += "<!ENTITY " + std::string(1, static_cast<char>('a' + i)) + " \"";
    for (int k = 0; k < 10; ++k) bomb += "&" + std::string(1, static_cast<char>('a' + i - 1)) + ";";
    bomb += "\">";
  }
  bomb += "]><rss><channel><item><title>&j;</title><link>http://127.0.0.1/x</link></item></channel></rss>";
  s.Route("/bomb.xml", TestReply{.body = bomb, .content_type = "application/rss+xml"});
  s.Route("/xxe.xml", [&s](const TestRequest&) {
    return TestReply{.body = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"" + s.Url("/secret-file") +
                             "\">]><rss><channel><item><title>&x;</title><link>" + s.Url("/news/xxe.html") +
                             "</link></item></channel></rss>",
                     .content_type = "application/rss+xml"};
  });
  const auto etag_page = [](const std::string& body, const std::string& etag) {
    return [body, etag](const TestRequest& r) {
      if (r.if_none_match == etag) return TestReply{.status = 304, .content_type = ""};
      return TestReply{.body = body, .headers = {{"ETag", etag}}};
    };
  };
  s.Route("/news/utf8.html", etag_page(Page("Псков и Беларусь", kUtf8Body), "\"u1\""));
  auto cp = text::ConvertFromUtf8(Page("Тверь и Беларусь", kCp1251Body), "windows-1251").value();
  cp.replace(cp.find("charset=\"utf-8\""), 15, "charset=\"windows-1251\"");
  s.Route("/news/cp1251.html", TestReply{.body = cp, .content_type = "text/html"});
  s.Route("/news/same-a.html", TestReply{.body = Page("Курск", kSameBody)});
  s.Route("/news/same-b.html", TestReply{.body = Page("Курск", kSameBody)});
  s.Route("/private/secret.html", TestReply{.body = Page("Секрет", kSameBody)});
  s.Route("/flaky.html", [](const TestRequest& r) {
    if (r.nth == 1) return TestReply{.status = 500, .body = "oops"};
    return TestReply{.body = Page("Орёл", "Товарооборот Беларуси с Орловской областью в 2023 году составил 120 млн долларов.")};
  });
  s.Route("/busy.html", [](const TestRequest& r) {
    if (r.nth == 1) return TestReply{.status = 429, .body = "slow down", .headers = {{"Retry-After", "1"}}};
    return TestReply{.body = Page("Липецк", "Товарооборот Беларуси с Липецкой областью в 2023 году составил 400 млн долларов.")};
  });
  s.Route("/slow.html", TestReply{.body = Page("Медленно", kSameBody), .delay_ms = 3000});
  s.Route("/big.html", TestReply{.body = Page("Большая", std::string(300000, 'x'))});
  s.Route("/r1", [&s](const TestRequest&) { return TestReply{.status = 301, .headers = {{"Location", s.Url("/r2")}}}; });
  s.Route("/r2", [](const TestRequest&) { return TestReply{.status = 301, .headers = {{"Location", "/news/final.html"}}}; });
  s.Route("/news/final.html",
          TestReply{.body = Page("Рязань", "Товарооборот Беларуси с Рязанской областью в 2023 году составил 300 млн долларов.")});
  s.Route("/loop-a", [&s](const TestRequest&) { return TestReply{.status = 301, .headers = {{"Location", s.Url("/loop-b")}}}; });
  s.Route("/loop-b", [&s](const TestRequest&) { return TestReply{.status = 302, .headers = {{"Location", s.Url("/loop-a")}}}; });
  // Redirects out of http(s), and a page of binary data served as HTML.
  s.Route("/to-file", TestReply{.status = 302, .headers = {{"Location", "file:///etc/passwd"}}});
  s.Route("/to-gopher", TestReply{.status = 301, .headers = {{"Location", "gopher://127.0.0.1:70/1"}}});
  s.Route("/binary.html", TestReply{.body = std::string("<html>\0\x01\x02\xff\xfe", 11), .content_type = "text/html"});
  s.Route("/image.png", TestReply{.body = std::string("\x89PNG\r\n\x1a\n", 8), .content_type = "image/png"});
  s.Route("/news/gz.html",
          TestReply{.body = Page("Тула", "Товарооборот Беларуси с Тульской областью в 2023 году составил 500 млн долларов."),
                    .gzip = true});
  s.Route("/news/amp.html", [&s](const TestRequest&) {
    return TestReply{.body = Page("Калуга", "Товарооборот Беларуси с Калужской областью в 2023 году составил 700 млн долларов.",
                                 "<link rel=\"canonical\" href=\"" + s.Url("/news/kaluga.html") + "\">")};
  });
  s.Route("/news/atom.html",
          TestReply{.body = Page("Омск", "Товарооборот Беларуси с Омской областью в 2023 году составил 150 млн долларов.")});
  s.Route("/news/map.html",
          TestReply{.body = Page("Киров", "Товарооборот Беларуси с Кировской областью в 2023 году составил 90 млн долларов.")});
}

class FetchCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("oborot_fetch_cli_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Serve(server_);
    ASSERT_TRUE(server_.Start());
    feeds_ = (dir_ / "feeds.txt").string();
    std::ofstream(feeds_) << "# the test site's feeds\n" << server_.Url("/rss.xml") << "\n\n"
                          << server_.Url("/atom.xml") << "   # Atom\n" << server_.Url("/sitemap-index.xml") << "\n"
                          << server_.Url("/yandex.xml") << "\n" << server_.Url("/bomb.xml") << "\n"
                          << server_.Url("/xxe.xml") << "\n";
    db_ = (dir_ / "kb.db").string();
    log_ = (dir_ / "log.txt").string();
  }
  void TearDown() override {
    server_.Stop();
    fs::remove_all(dir_);
  }
  std::vector<std::string> Args(std::vector<std::string> extra) {
    std::vector<std::string> a = {"fetch", "--feeds", feeds_, "--contact", "analyst@example.org", "--delay", "0",
                                  "--backoff", "0.05", "--timeout", "0.8", "--connect-timeout", "2", "--retries", "1",
                                  "--max-wait", "2", "--max-page-bytes", "200000"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
  std::set<std::string> Documents() {
    std::set<std::string> out;
    auto db = kb::Db::Open(db_, SQLITE_OPEN_READONLY);
    if (!db.ok()) return out;
    auto q = (*db)->PrepareOnce("SELECT doc_id FROM documents");
    while (q->Step() == SQLITE_ROW) out.emplace(q->Text(0));
    return out;
  }
  std::string Column(const std::string& sql) {
    auto db = kb::Db::Open(db_, SQLITE_OPEN_READONLY);
    if (!db.ok()) return "<no db>";
    auto q = (*db)->PrepareOnce(sql);
    if (!q.ok()) return "<" + q.status().ToString() + ">";
    return q->Step() == SQLITE_ROW ? std::string(q->Text(0)) : "<no row>";
  }

  // Runs `oborot args`, kills it (SIGKILL) once `ready` holds (30 s at
  // most), and returns its exit status.
  int KillWhen(const std::vector<std::string>& args, const std::function<bool()>& ready) {
    const pid_t pid = oborot::testing::SpawnOborot(args, log_);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!ready() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ::kill(pid, SIGKILL);
    return oborot::testing::WaitOborot(pid);
  }

  fs::path dir_;
  TestServer server_;
  std::string feeds_, db_, log_;
};

TEST_F(FetchCliTest, FillsTheKnowledgeBaseThenFetchesNothingNew) {
  const std::string errors = (dir_ / "errors.jsonl").string();
  ASSERT_EQ(RunOborot(Args({"--db", db_, "--errors", errors}), log_), 1) << ReadAll(log_);
  const std::string log = ReadAll(log_);
  auto u = [&](const std::string& p) { return server_.Url(p); };

  // Stored: one document per article, under its canonical URL.
  // The same article under two URLs is one document, under whichever came first.
  auto docs = Documents();
  const bool a = docs.erase(u("/news/same-a.html")) > 0, b = docs.erase(u("/news/same-b.html")) > 0;
  EXPECT_TRUE(a != b) << "same-a " << a << ", same-b " << b;
  const std::set<std::string> want = {u("/news/utf8.html"),  u("/news/cp1251.html"),
                                      u("/flaky.html"),      u("/busy.html"),        u("/news/final.html"),
                                      u("/news/gz.html"),    u("/news/kaluga.html"), u("/news/atom.html"),
                                      u("/news/map.html"),   u("/news/fulltext.html")};
  EXPECT_EQ(docs, want) << log;
  // Dates: the feed's when the page has none; the page's own first.
  EXPECT_EQ(Column("SELECT published FROM documents WHERE doc_id = '" + u("/news/utf8.html") + "'"), "2024-06-10");
  EXPECT_EQ(Column("SELECT published FROM documents WHERE doc_id = '" + u("/news/cp1251.html") + "'"), "2024-05-05");
  EXPECT_EQ(Column("SELECT published FROM documents WHERE doc_id = '" + u("/news/map.html") + "'"), "2024-07-01");
  EXPECT_EQ(Column("SELECT published FROM documents WHERE doc_id = '" + u("/news/fulltext.html") + "'"), "2024-07-02");
  // windows-1251 declared only in <meta> is decoded.
  EXPECT_NE(Column("SELECT text FROM documents WHERE doc_id = '" + u("/news/cp1251.html") + "'").find("Тверской"),
            std::string::npos);
  EXPECT_NE(Column("SELECT text FROM documents WHERE doc_id = '" + u("/news/gz.html") + "'").find("Тульской"),
            std::string::npos);
  EXPECT_EQ(Column("SELECT count(*) > 8 FROM facts"), "1");
  EXPECT_EQ(Column("SELECT count(*) FROM document_inputs"), "11");

  // Every failure named by its URL, on standard error and in --errors.
  const std::vector<std::pair<std::string, std::string>> failures = {
      {"/private/secret.html", "disallowed by robots.txt"}, {"/missing.html", "HTTP 404"},
      {"/slow.html", "timed out"},                          {"/big.html", "too large"},
      {"/loop-a", "redirect loop"},                         {"/image.png", "not HTML or XML (image/png)"},
      {"/bomb.xml", "the feed declares XML entities"},      {"/xxe.xml", "the feed declares XML entities"},
      {"/to-file", "not a valid http(s) URL (redirected to file:///etc/passwd)"},
      {"/to-gopher", "not a valid http(s) URL (redirected to gopher://127.0.0.1:70/1)"},
      {"/binary.html", "binary data at byte 6"}};
  const std::string error_log = ReadAll(errors);
  for (const auto& [path, why] : failures) {
    EXPECT_NE(log.find("oborot: fetch: " + u(path) + ": " + why), std::string::npos) << path << "\n" << log;
    EXPECT_NE(error_log.find("\"url\":\"" + u(path) + "\""), std::string::npos) << path << "\n" << error_log;
  }
  EXPECT_NE(log.find("11 failed"), std::string::npos) << log;
  // The URL once per line, not again from the document's own error.
  EXPECT_EQ(log.find(u("/binary.html") + ": " + u("/binary.html")), std::string::npos) << log;
  EXPECT_EQ(server_.Count("/etc/passwd"), 0);

  // Each URL once (retries aside); nothing read for the external entity;
  // the full-text item's page and the duplicate's page not needed twice.
  EXPECT_EQ(server_.Count("/robots.txt"), 1);
  EXPECT_EQ(server_.Count("/secret-file"), 0);
  EXPECT_EQ(server_.Count("/news/xxe.html"), 0);
  EXPECT_EQ(server_.Count("/private/secret.html"), 0);
  EXPECT_EQ(server_.Count("/news/fulltext.html"), 0);
  EXPECT_EQ(server_.Count("/news/utf8.html"), 1);  // in two feeds
  EXPECT_EQ(server_.Count("/news/same-b.html"), 1);
  EXPECT_EQ(server_.Count("/flaky.html"), 2);
  EXPECT_EQ(server_.Count("/busy.html"), 2);
  EXPECT_EQ(server_.Count("/slow.html"), 2);
  EXPECT_EQ(server_.Count("/r1"), 1);
  EXPECT_EQ(server_.Count("/r2"), 1);
  EXPECT_EQ(server_.Count("/news/final.html"), 1);
  for (const TestRequest& r : server_.Log()) {
    EXPECT_NE(r.user_agent.find("oborot/"), std::string::npos);
    EXPECT_NE(r.user_agent.find("analyst@example.org"), std::string::npos);
  }

  // Second run: feeds answer 304 to conditional requests, stored pages are
  // not asked for, nothing is stored twice.
  server_.ClearLog();
  const auto before = Documents();
  RunOborot(Args({"--db", db_}), log_);
  const std::string log2 = ReadAll(log_);
  EXPECT_EQ(Documents(), before);
  EXPECT_NE(log2.find("0 new, 0 replaced"), std::string::npos) << log2;
  EXPECT_NE(log2.find("2 not modified"), std::string::npos) << log2;
  for (const TestRequest& r : server_.Log()) {
    if (r.path == "/rss.xml") {
      EXPECT_EQ(r.if_none_match, "\"rss-v1\"");
    }
    if (r.path == "/atom.xml") {
      EXPECT_EQ(r.if_modified_since, "Mon, 10 Jun 2024 10:00:00 GMT");
    }
    EXPECT_TRUE(r.path.rfind("/news/", 0) != 0) << "fetched again: " << r.path;
  }
  EXPECT_EQ(server_.Count("/flaky.html"), 0);

  // --refresh: stored pages are asked for again, conditionally.
  server_.ClearLog();
  RunOborot(Args({"--db", db_, "--refresh"}), log_);
  EXPECT_EQ(Documents(), before) << ReadAll(log_);
  bool conditional = false;
  for (const TestRequest& r : server_.Log()) {
    if (r.path == "/news/utf8.html") conditional = r.if_none_match == "\"u1\"";
  }
  EXPECT_TRUE(conditional) << ReadAll(log_);
}

TEST_F(FetchCliTest, OutWritesJsonlThatIngestReads) {
  const std::string out = (dir_ / "pages").string();
  const int rc = RunOborot({"fetch", server_.Url("/news/cp1251.html"), server_.Url("/news/utf8.html"),
                            server_.Url("/yandex.xml"), "--out", out, "--delay", "0", "--quiet"},
                           log_);
  ASSERT_EQ(rc, 0) << ReadAll(log_);
  std::vector<nlohmann::json> lines;
  for (const auto& e : fs::directory_iterator(out)) {
    if (e.path().extension() != ".jsonl") continue;
    std::ifstream in(e.path());
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  }
  ASSERT_EQ(lines.size(), 3u);
  nlohmann::json cp, full;
  for (const auto& j : lines) {
    EXPECT_TRUE(j.contains("url") && j.contains("title") && j.contains("published") && j.contains("fetched_at")) << j;
    EXPECT_TRUE(j.contains("html") || j.contains("text")) << j;
    if (j["url"] == server_.Url("/news/cp1251.html")) cp = j;
    if (j["url"] == server_.Url("/news/fulltext.html")) full = j;
  }
  ASSERT_TRUE(cp.is_object() && full.is_object());
  EXPECT_NE(cp["html"].get<std::string>().find("Тверской"), std::string::npos);  // UTF-8 in the JSONL
  EXPECT_EQ(cp["published"], "2024-05-05");
  EXPECT_EQ(full["published"], "2024-07-02");
  EXPECT_NE(full["text"].get<std::string>().find("Новгородской"), std::string::npos);
  // A second run fetches nothing: the state is kept beside the JSONL.
  server_.ClearLog();
  ASSERT_EQ(RunOborot({"fetch", server_.Url("/news/cp1251.html"), "--out", out, "--delay", "0"}, log_), 0);
  EXPECT_EQ(server_.Count("/news/cp1251.html"), 0) << ReadAll(log_);
  // The JSONL goes into the knowledge base.
  ASSERT_EQ(RunOborot({"ingest", out, "--db", db_}, log_), 0) << ReadAll(log_);
  EXPECT_EQ(Documents().size(), 3u);
}

TEST_F(FetchCliTest, PolitenessDelayRetryAfterAndRedirectCap) {
  // One connection per host, 0.3 s between requests: the pages come one by one.
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(RunOborot({"fetch", server_.Url("/news/utf8.html"), server_.Url("/news/atom.html"),
                       server_.Url("/news/map.html"), "--db", db_, "--delay", "0.3", "--host-connections", "1"},
                      log_),
            0)
      << ReadAll(log_);
  std::vector<std::chrono::steady_clock::time_point> times;
  for (const TestRequest& r : server_.Log()) times.push_back(r.at);
  ASSERT_EQ(times.size(), 4u);  // robots.txt and three pages
  // The server notes when each request arrived, so a busy machine can shift one
  // arrival by some milliseconds either way (273 ms was seen under load); without
  // the delay the gaps are a few ms.
  for (size_t i = 1; i < times.size(); ++i) {
    EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(times[i] - times[i - 1]).count(), 240) << i;
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(900));
  // A 429 with Retry-After: 1 is retried no sooner than a second later.
  server_.ClearLog();
  ASSERT_EQ(RunOborot({"fetch", server_.Url("/busy.html"), "--db", db_, "--delay", "0", "--backoff", "0.01"}, log_), 0)
      << ReadAll(log_);
  std::vector<std::chrono::steady_clock::time_point> busy;
  for (const TestRequest& r : server_.Log()) {
    if (r.path == "/busy.html") busy.push_back(r.at);
  }
  ASSERT_EQ(busy.size(), 2u);
  EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(busy[1] - busy[0]).count(), 950);
  // More redirects than allowed.
  ASSERT_EQ(RunOborot({"fetch", server_.Url("/r1"), "--db", db_, "--delay", "0", "--max-redirects", "1"}, log_), 1);
  EXPECT_NE(ReadAll(log_).find(server_.Url("/r1") + ": too many redirects (more than 1)"), std::string::npos)
      << ReadAll(log_);
}

// A connection reset or a stall in the middle of a page is retried in the
// same run (it was left to the next run); when every attempt breaks, the
// URL fails naming why, and nothing of the half-received pages is stored.
TEST_F(FetchCliTest, AnAnswerBrokenMidBodyIsRetriedInTheRun) {
  // Three articles (identical bodies would be stored once).
  auto body = [](const std::string& year) {
    return Page("Смоленск", "Товарооборот Беларуси со Смоленской областью в " + year + " году составил 800 млн "
                            "долларов, сообщили в администрации области. " + std::string(20000, ' ') + "Конец статьи.");
  };
  server_.Route("/cut-once.html", [body](const TestRequest& r) {
    if (r.nth == 1) return TestReply{.body = body("2021"), .break_after = 3000, .cut = true};
    return TestReply{.body = body("2021")};
  });
  server_.Route("/stall-once.html", [body](const TestRequest& r) {
    if (r.nth == 1) return TestReply{.body = body("2022"), .break_after = 3000, .stall_ms = 3000};
    return TestReply{.body = body("2022")};
  });
  server_.Route("/cut-always.html", TestReply{.body = body("2023"), .break_after = 3000, .cut = true});
  const int rc = RunOborot({"fetch", server_.Url("/cut-once.html"), server_.Url("/stall-once.html"),
                            server_.Url("/cut-always.html"), "--db", db_, "--delay", "0", "--backoff", "0.05",
                            "--timeout", "0.8", "--retries", "2"},
                           log_);
  const std::string log = ReadAll(log_);
  EXPECT_EQ(rc, 1) << log;
  EXPECT_EQ(server_.Count("/cut-once.html"), 2) << log;
  EXPECT_EQ(server_.Count("/stall-once.html"), 2) << log;
  EXPECT_EQ(server_.Count("/cut-always.html"), 3) << log;
  EXPECT_NE(log.find("oborot: fetch: " + server_.Url("/cut-always.html") + ": connection lost mid-answer ("),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("bytes received) after 3 attempts"), std::string::npos) << log;
  EXPECT_EQ(Documents(), (std::set<std::string>{server_.Url("/cut-once.html"), server_.Url("/stall-once.html")}))
      << log;
  // The stored pages are whole.
  EXPECT_EQ(Column("SELECT count(*) FROM documents WHERE text LIKE '%Конец статьи.'"), "2");
  EXPECT_EQ(Column("SELECT count(*) FROM fetched_urls WHERE url = '" + server_.Url("/cut-always.html") + "'"), "0");
}

// `fetch --db` killed while a page is half received, then between pages:
// the knowledge base opens whole, every page it holds is whole and recorded
// as fetched (and nothing recorded is missing), and a rerun fetches the rest
// once — the feed's ETag, stored by the killed run, does not hide the pages
// it had not stored yet.
TEST_F(FetchCliTest, KilledMidPageOrBetweenPagesTheRerunCompletesWithoutDuplicates) {
  constexpr int kPages = 24;
  auto page_path = [](int i) { return "/k/" + std::to_string(100 + i) + ".html"; };
  std::string rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Лента</title>\n";
  for (int i = 0; i < kPages; ++i) rss += "<item><title>Н</title><link>" + server_.Url(page_path(i)) + "</link></item>\n";
  rss += "</channel></rss>\n";
  server_.Route("/k.xml", [rss](const TestRequest& r) {
    if (r.if_none_match == "\"k1\"") return TestReply{.status = 304, .content_type = ""};
    return TestReply{.body = rss, .content_type = "application/rss+xml", .headers = {{"ETag", "\"k1\""}}};
  });
  for (int i = 0; i < kPages; ++i) {
    const std::string body =
        Page("Статья " + std::to_string(i), "Товарооборот Беларуси с Брянской областью в " + std::to_string(1990 + i) +
                                                " году составил " + std::to_string(100 + i) + " млн долларов. " +
                                                std::string(8000, ' ') + "Конец статьи.");
    if (i == kPages / 4) {
      // The first time, this page stalls half sent: the kill lands there.
      auto stalled = std::make_shared<std::atomic<bool>>(false);
      server_.Route(page_path(i), [body, stalled](const TestRequest&) {
        if (!stalled->exchange(true)) return TestReply{.body = body, .break_after = 4000, .stall_ms = 20000};
        return TestReply{.body = body};
      });
    } else {
      server_.Route(page_path(i), TestReply{.body = body});
    }
  }
  const std::vector<std::string> fetch = {"fetch", server_.Url("/k.xml"), "--db", db_, "--delay", "0", "--batch-size",
                                          "3", "--host-connections", "1", "--timeout", "60"};
  auto check = [&](const std::string& when) {
    auto db = kb::Db::Open(db_, SQLITE_OPEN_READONLY);
    EXPECT_TRUE(db.ok()) << when << ": " << db.status().ToString();
    if (!db.ok()) return size_t{0};
    auto q = (*db)->PrepareOnce("PRAGMA integrity_check");
    EXPECT_TRUE(q.ok() && q->Step() == SQLITE_ROW && q->Text(0) == "ok") << when;
    EXPECT_EQ(Column("SELECT count(*) FROM documents WHERE text NOT LIKE '%Конец статьи.'"), "0") << when;
    EXPECT_EQ(Column("SELECT count(*) FROM fetched_urls u WHERE kind = 'page' AND NOT EXISTS "
                     "(SELECT 1 FROM documents d WHERE d.doc_id = u.doc_id)"),
              "0")
        << when << ": a page recorded as fetched is missing";
    EXPECT_EQ(Column("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                     "(SELECT 1 FROM fetched_urls u WHERE u.doc_id = d.doc_id)"),
              "0")
        << when << ": a stored page is not recorded as fetched";
    EXPECT_EQ(Column("SELECT count(*) FROM documents d WHERE fact_count <> "
                     "(SELECT count(*) FROM facts f WHERE f.document_id = d.id)"),
              "0")
        << when;
    return Documents().size();
  };
  auto kill_when = [&](const std::function<bool()>& ready) { return KillWhen(fetch, ready); };
  // Mid-page: the stalled page has been asked for and half sent.
  ASSERT_EQ(kill_when([&] { return server_.Count(page_path(kPages / 4)) >= 1; }), 128 + SIGKILL) << ReadAll(log_);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const size_t first = check("killed mid-page");
  EXPECT_LE(first, static_cast<size_t>(kPages / 4));
  // Between pages: a few more pages asked for, then the kill.
  server_.ClearLog();
  const int rc = kill_when([&] { return server_.Log().size() >= 8; });
  const size_t second = check("killed between pages");
  EXPECT_GE(second, first);
  if (rc != 128 + SIGKILL) {
    EXPECT_EQ(second, static_cast<size_t>(kPages)) << "finished before the kill";
  }
  // The rerun fetches what is missing, once; the one after fetches no page.
  server_.ClearLog();
  EXPECT_EQ(RunOborot(fetch, log_), 0) << ReadAll(log_);
  EXPECT_EQ(check("rerun"), static_cast<size_t>(kPages)) << ReadAll(log_);
  for (int i = 0; i < kPages; ++i) EXPECT_LE(server_.Count(page_path(i)), 1) << page_path(i);
  server_.ClearLog();
  EXPECT_EQ(RunOborot(fetch, log_), 0) << ReadAll(log_);
  for (const TestRequest& r : server_.Log()) EXPECT_EQ(r.path.rfind("/k/", 0), std::string::npos) << r.path;
  EXPECT_EQ(Documents().size(), static_cast<size_t>(kPages));
}

// A page that failed is kept in the fetch state and asked for again by the
// next runs, though its feed answers 304 and so names it no more; a page
// that succeeds leaves the list, one that keeps failing is given up after
// --retry-runs runs, and `fetch --status` shows them. Kills: one after a page
// failed but before the run recorded anything (the feed is read again), one
// while the retried page is half received (it stays on the list).
TEST_F(FetchCliTest, AFailedPageIsRetriedByLaterRunsThoughItsFeedAnswers304) {
  server_.Route("/f.xml", [this](const TestRequest& r) {
    if (r.if_none_match == "\"f1\"") return TestReply{.status = 304, .content_type = ""};
    std::string rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Лента</title>\n";
    for (const char* p : {"/f/bad.html", "/f/gone.html", "/f/ok.html", "/f/stall.html"}) {
      rss += "<item><title>Н</title><link>" + server_.Url(p) + "</link><pubDate>Tue, 02 Jul 2024 10:00:00 +0300"
             "</pubDate></item>\n";
    }
    return TestReply{.body = rss + "</channel></rss>\n", .content_type = "application/rss+xml",
                     .headers = {{"ETag", "\"f1\""}}};
  });
  auto article = [](const std::string& region, int value) {
    return Page("Статья", "Товарооборот Беларуси с " + region + " областью составил " + std::to_string(value) +
                              " млн долларов. " + std::string(8000, ' ') + "Конец статьи.");
  };
  // bad: 500 twice, half sent then stalled the third time (the kill lands
  // there), whole after.
  // (Counted here: the server's own count starts again at ClearLog.)
  auto bad_asked = std::make_shared<std::atomic<int>>(0);
  server_.Route("/f/bad.html", [article, bad_asked](const TestRequest&) {
    const int nth = ++*bad_asked;
    if (nth <= 2) return TestReply{.status = 500, .body = "oops"};
    if (nth == 3) return TestReply{.body = article("Брянской", 310), .break_after = 4000, .stall_ms = 20000};
    return TestReply{.body = article("Брянской", 310)};
  });
  server_.Route("/f/gone.html", TestReply{.status = 503, .body = "down"});
  server_.Route("/f/ok.html", TestReply{.body = article("Смоленской", 520)});
  server_.Route("/f/stall.html", [article](const TestRequest& r) {
    if (r.nth == 1) return TestReply{.body = article("Псковской", 230), .break_after = 4000, .stall_ms = 20000};
    return TestReply{.body = article("Псковской", 230)};
  });
  const std::string bad = server_.Url("/f/bad.html"), gone = server_.Url("/f/gone.html");
  const std::vector<std::string> fetch = {"fetch", server_.Url("/f.xml"), "--db", db_, "--delay", "0", "--retries",
                                          "0", "--host-connections", "1", "--timeout", "60", "--retry-runs", "2"};
  auto kill_when = [&](const std::function<bool()>& ready) { return KillWhen(fetch, ready); };
  auto failures = [&] { return Column("SELECT group_concat(url || ' ' || runs, ', ') FROM fetch_failures"); };

  // Run 1, killed once bad and gone have failed, while stall is half sent:
  // nothing was recorded, so the feed is not known either.
  ASSERT_EQ(kill_when([&] { return server_.Count("/f/stall.html") >= 1; }), 128 + SIGKILL) << ReadAll(log_);
  EXPECT_EQ(server_.Count("/f/bad.html"), 1);
  EXPECT_EQ(Column("SELECT count(*) FROM fetch_failures"), "0");
  EXPECT_EQ(Column("SELECT count(*) FROM fetched_urls WHERE kind = 'feed'"), "0");

  // Run 2: the feed is read whole again; bad (500) and gone (503) fail and are kept.
  EXPECT_EQ(RunOborot(fetch, log_), 1) << ReadAll(log_);
  EXPECT_EQ(server_.Count("/f/bad.html"), 2);
  EXPECT_EQ(failures(), bad + " 1, " + gone + " 1") << ReadAll(log_);
  EXPECT_EQ(Documents(), (std::set<std::string>{server_.Url("/f/ok.html"), server_.Url("/f/stall.html")}));
  EXPECT_EQ(RunOborot({"fetch", "--status", "--db", db_, "--retry-runs", "2"}, log_), 0);
  std::string status = ReadAll(log_);
  EXPECT_NE(status.find("2 pages failed (2 asked for again by the next run, 0 given up)"), std::string::npos) << status;
  EXPECT_NE(status.find(bad + "\t1\tretry\t"), std::string::npos) << status;
  EXPECT_NE(status.find("\tHTTP 500"), std::string::npos) << status;
  EXPECT_NE(status.find(gone + "\t1\tretry\t"), std::string::npos) << status;

  // Run 3, the feed answers 304: bad and gone are asked for again; bad is
  // killed half received and stays on the list.
  server_.ClearLog();
  ASSERT_EQ(kill_when([&] { return server_.Count("/f/bad.html") >= 1; }), 128 + SIGKILL) << ReadAll(log_);
  EXPECT_EQ(failures(), bad + " 1, " + gone + " 1");
  EXPECT_EQ(Documents().size(), 2u);

  // Run 4: bad is stored (and leaves the list, with the feed's date as its
  // publication date), gone fails a second time: given up.
  server_.ClearLog();
  EXPECT_EQ(RunOborot(fetch, log_), 1) << ReadAll(log_);
  EXPECT_EQ(server_.Count("/f.xml"), 1);
  EXPECT_EQ(server_.Count("/f/bad.html"), 1);
  EXPECT_EQ(server_.Count("/f/gone.html"), 1);
  EXPECT_NE(ReadAll(log_).find("2 retried from earlier runs"), std::string::npos) << ReadAll(log_);
  EXPECT_EQ(failures(), gone + " 2");
  EXPECT_EQ(Documents().size(), 3u);
  EXPECT_EQ(Column("SELECT published FROM documents WHERE doc_id = '" + bad + "'"), "2024-07-02");
  EXPECT_EQ(Column("SELECT count(*) FROM documents WHERE text NOT LIKE '%Конец статьи.'"), "0");

  // Run 5: nothing is asked for but the feed; gone is shown as given up.
  server_.ClearLog();
  EXPECT_EQ(RunOborot(fetch, log_), 0) << ReadAll(log_);
  for (const TestRequest& r : server_.Log()) EXPECT_EQ(r.path.rfind("/f/", 0), std::string::npos) << r.path;
  EXPECT_EQ(RunOborot({"fetch", "--status", "--db", db_, "--retry-runs", "2"}, log_), 0);
  status = ReadAll(log_);
  EXPECT_NE(status.find("1 pages failed (0 asked for again by the next run, 1 given up)"), std::string::npos) << status;
  EXPECT_NE(status.find(gone + "\t2\tgiven up\t"), std::string::npos) << status;
  EXPECT_NE(status.find("HTTP 503"), std::string::npos) << status;
}

TEST_F(FetchCliTest, UsageErrors) {
  EXPECT_EQ(RunOborot({"fetch", server_.Url("/rss.xml")}, log_), 2);
  EXPECT_NE(ReadAll(log_).find("--db"), std::string::npos);
  EXPECT_EQ(RunOborot({"fetch", "--db", db_}, log_), 2);
  EXPECT_EQ(RunOborot({"fetch", "--feeds", (dir_ / "none.txt").string(), "--db", db_}, log_), 2);
  // A bad URL and a refused connection are failures of their own; the run goes on.
  EXPECT_EQ(RunOborot({"fetch", "ftp://example.org/x", "http://127.0.0.1:1/a.html", server_.Url("/news/map.html"),
                       "--db", db_, "--delay", "0", "--retries", "0"},
                      log_),
            1);
  const std::string log = ReadAll(log_);
  EXPECT_NE(log.find("ftp://example.org/x: not a valid http(s) URL"), std::string::npos) << log;
  EXPECT_NE(log.find("http://127.0.0.1:1/a.html: robots.txt of http://127.0.0.1:1 unavailable"), std::string::npos)
      << log;
  EXPECT_EQ(Documents().size(), 1u) << log;

  // A host whose robots.txt answers 503 (retried, then given up): nothing is
  // fetched there, each of its URLs fails naming the reason, the run ends.
  TestServer down;
  down.Route("/robots.txt", TestReply{.status = 503, .body = "busy"});
  down.Route("/a.html", TestReply{.body = "<html><body><p>Минск</p></body></html>"});
  ASSERT_TRUE(down.Start());
  EXPECT_EQ(RunOborot({"fetch", down.Url("/a.html"), "--db", db_, "--delay", "0", "--retries", "2", "--backoff", "0.01"},
                      log_),
            1);
  EXPECT_NE(ReadAll(log_).find(down.Url("/a.html") + ": robots.txt of http://127.0.0.1:"), std::string::npos)
      << ReadAll(log_);
  EXPECT_NE(ReadAll(log_).find("HTTP 503 after 3 attempts"), std::string::npos) << ReadAll(log_);
  EXPECT_EQ(down.Count("/robots.txt"), 3);
  EXPECT_EQ(down.Count("/a.html"), 0);
}

}  // namespace
}  // namespace oborot::fetch
