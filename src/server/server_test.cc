#include "src/server/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

#include "src/server/server_test_util.h"

namespace oborot::server {
namespace {

// A server on a free loopback port, running on its own thread.
class Running {
 public:
  explicit Running(ServeOptions options) {
    options.port = 0;
    auto s = Server::Create(options);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (!s.ok()) return;
    server_ = std::move(*s);
    thread_ = std::thread([this] { status_ = server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_connection_timeout(5, 0);
    client_->set_read_timeout(5, 0);
  }
  ~Running() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  httplib::Client& client() { return *client_; }
  bool ok() const { return server_ != nullptr; }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
  Status status_;
  std::unique_ptr<httplib::Client> client_;
};

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(testing::TempDir("server"));
    db_ = new std::string(testing::WriteSampleDb(*dir_));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete db_;
  }
  static ServeOptions Options() {
    ServeOptions o;
    o.db = *db_;
    o.threads = 8;
    return o;
  }
  static void ExpectJsonError(const httplib::Result& r, int status) {
    ASSERT_TRUE(r) << httplib::to_string(r.error());
    EXPECT_EQ(r->status, status);
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
    auto j = nlohmann::json::parse(r->body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << r->body;
    EXPECT_EQ(j["status"], status) << r->body;
  }

  static std::filesystem::path* dir_;
  static std::string* db_;
};
std::filesystem::path* ServerTest::dir_ = nullptr;
std::string* ServerTest::db_ = nullptr;

TEST_F(ServerTest, ServesApiAndEmbeddedPage) {
  Running s(Options());
  ASSERT_TRUE(s.ok());
  auto r = s.client().Get("/api/parties");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(nlohmann::json::parse(r->body)["parties"].size(), 2u);
  auto utf8 = s.client().Get("/api/parties/%D0%BA%D0%B0%D0%BB%D1%83%D0%B6%D1%81%D0%BA%D0%B0%D1%8F");  // калужская
  ASSERT_TRUE(utf8);
  EXPECT_EQ(nlohmann::json::parse(utf8->body)["party"], "RU-KLU");
  auto page = s.client().Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->body.find("<script src=\"/app.js\"></script>"), std::string::npos);
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
  auto chart = s.client().Get("/vendor/chart.umd.min.js");
  ASSERT_TRUE(chart);
  EXPECT_EQ(chart->status, 200);
  EXPECT_GT(chart->body.size(), 100000u);
  auto head = s.client().Head("/app.js");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
}

TEST_F(ServerTest, RefusesWritesBodiesAndPathsOutsideTheAssets) {
  Running s(Options());
  ASSERT_TRUE(s.ok());
  ExpectJsonError(s.client().Post("/api/parties", "x=1", "application/x-www-form-urlencoded"), 405);
  ExpectJsonError(s.client().Delete("/api/documents/klu-2023"), 405);
  ExpectJsonError(s.client().Put("/index.html", "<h1>", "text/html"), 405);
  for (const char* path :
       {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/vendor/../../CMakeLists.txt", "/..%2fsrc%2fserver%2fserver.cc",
        "/etc/passwd", "/index.html%00.js", "/vendor/", "/api/documents/..%2f..%2fetc%2fpasswd"}) {
    SCOPED_TRACE(path);
    ExpectJsonError(s.client().Get(path), 404);
  }
  httplib::Headers with_body = {{"Content-Length", "4"}};
  httplib::Request req;
  req.method = "GET";
  req.path = "/api/parties";
  req.body = "abcd";
  req.set_header("Content-Type", "text/plain");
  httplib::Result r = s.client().send(req);
  ExpectJsonError(r, 413);
  // The server is still up after all of that.
  auto ok = s.client().Get("/api/targets");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(ServerTest, RateLimitAnswers429PerClient) {
  ServeOptions o = Options();
  o.rate = 1;
  o.burst = 3;
  Running s(o);
  ASSERT_TRUE(s.ok());
  int ok = 0, limited = 0;
  for (int i = 0; i < 6; ++i) {
    auto r = s.client().Get("/api/names");
    ASSERT_TRUE(r);
    if (r->status == 200) ++ok;
    if (r->status == 429) {
      ++limited;
      EXPECT_FALSE(r->get_header_value("Retry-After").empty());
      EXPECT_EQ(nlohmann::json::parse(r->body)["status"], 429);
    }
  }
  // Three at once, then refused (a refill of one token may fall in between).
  EXPECT_GE(ok, 3);
  EXPECT_LE(ok, 4);
  EXPECT_EQ(ok + limited, 6);
}

TEST_F(ServerTest, CreateFailsCleanly) {
  ServeOptions o = Options();
  o.db = (*dir_ / "missing.db").string();
  auto missing = Server::Create(o);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  o = Options();
  o.port = 70000;
  EXPECT_EQ(Server::Create(o).status().code(), StatusCode::kInvalidArgument);
  // A port already taken is an I/O error, not a crash.
  Running first(Options());
  ASSERT_TRUE(first.ok());
  o = Options();
  o.host = "not-an-address.invalid";
  o.port = 8;
  EXPECT_EQ(Server::Create(o).status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace oborot::server
