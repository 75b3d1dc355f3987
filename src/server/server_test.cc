#include "src/server/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "src/server/queries.h"
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
  int port() const { return server_->port(); }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
  Status status_;
  std::unique_ptr<httplib::Client> client_;
};

// Sends `request` as raw bytes and returns all the server sends back until it
// closes the connection (or 5 s pass): for requests an HTTP client would not
// make, and to see what the library itself answers.
std::string RawExchange(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string reply;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) == 0) {
    size_t sent = 0;
    while (sent < request.size()) {
      const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;  // the server may refuse and close before reading it all
      sent += static_cast<size_t>(n);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    char buf[4096];
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
      if (n <= 0) break;
      reply.append(buf, static_cast<size_t>(n));
    }
  }
  ::close(fd);
  return reply;
}

// "HTTP/1.1 404 Not Found\r\n..." -> 404; 0 when there is no status line.
int StatusOf(const std::string& reply) {
  if (reply.rfind("HTTP/1.", 0) != 0 || reply.size() < 12) return 0;
  return std::atoi(reply.substr(9, 3).c_str());
}

std::string BodyOf(const std::string& reply) {
  const size_t at = reply.find("\r\n\r\n");
  return at == std::string::npos ? "" : reply.substr(at + 4);
}

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

TEST_F(ServerTest, HeadAnswersHeadersOnlyAnd405NamesTheAllowedMethods) {
  Running s(Options());
  ASSERT_TRUE(s.ok());
  auto get = s.client().Get("/api/parties/RU-KLU");
  auto head = s.client().Head("/api/parties/RU-KLU");
  ASSERT_TRUE(get);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
  EXPECT_EQ(head->get_header_value("Content-Length"), std::to_string(get->body.size()));
  EXPECT_EQ(head->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(get->get_header_value("Cache-Control"), "no-cache");
  EXPECT_EQ(get->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(get->get_header_value("Referrer-Policy"), "no-referrer");
  auto post = s.client().Post("/api/parties", "", "text/plain");
  ExpectJsonError(post, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD");
  const std::string options = RawExchange(s.port(), "OPTIONS / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_EQ(StatusOf(options), 405) << options;
  EXPECT_NE(options.find("Allow: GET, HEAD"), std::string::npos) << options;
}

TEST_F(ServerTest, ClientsThatAcceptGzipGetItCompressedOnce) {
  Running s(Options());
  ASSERT_TRUE(s.ok());
  httplib::Client plain("127.0.0.1", s.port());
  plain.set_read_timeout(5, 0);
  for (const char* path : {"/api/parties/RU-KLU", "/vendor/chart.umd.min.js", "/"}) {
    SCOPED_TRACE(path);
    auto as_is = plain.Get(path);  // no Accept-Encoding
    ASSERT_TRUE(as_is);
    EXPECT_EQ(as_is->get_header_value("Content-Encoding"), "");
    EXPECT_EQ(as_is->get_header_value("Vary"), "Accept-Encoding");
    auto zipped = plain.Get(path, {{"Accept-Encoding", "gzip, deflate, br"}});  // decompressed by the client
    ASSERT_TRUE(zipped);
    EXPECT_EQ(zipped->status, 200);
    EXPECT_EQ(zipped->get_header_value("Content-Encoding"), "gzip");
    EXPECT_LT(std::stoul(zipped->get_header_value("Content-Length")), as_is->body.size());
    EXPECT_EQ(zipped->body, as_is->body);
    EXPECT_EQ(zipped->get_header_value("Content-Security-Policy"), as_is->get_header_value("Content-Security-Policy"));
  }
  // Small bodies and errors go out as they are.
  auto small = plain.Get("/api/parties/XX-NOPE", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(small);
  EXPECT_EQ(small->status, 404);
  EXPECT_EQ(small->get_header_value("Content-Encoding"), "");
}

TEST_F(ServerTest, OversizedAndMalformedRequestsAreRefused) {
  ServeOptions o = Options();
  o.max_request_bytes = 2048;
  Running s(o);
  ASSERT_TRUE(s.ok());
  const int port = s.port();
  auto json_status = [](const std::string& reply) {
    auto j = nlohmann::json::parse(BodyOf(reply), nullptr, false);
    return j.is_object() ? j.value("status", 0) : 0;
  };
  // Over our limit but within the library's memory: JSON errors.
  const std::string long_uri = RawExchange(port, "GET /" + std::string(3000, 'a') + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                  "Connection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(long_uri), 414) << long_uri.substr(0, 200);
  EXPECT_EQ(json_status(long_uri), 414);
  const std::string big_header = RawExchange(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(3000, 'b') +
                                                       "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(big_header), 431) << big_header.substr(0, 200);
  EXPECT_EQ(json_status(big_header), 431);
  // Our refusals carry the security headers like every answer.
  for (const std::string* reply : {&long_uri, &big_header}) {
    const std::string head = reply->substr(0, reply->find("\r\n\r\n"));
    for (const char* h : {"X-Content-Type-Options: nosniff", "Content-Security-Policy: ", "X-Frame-Options: DENY",
                          "Referrer-Policy: no-referrer"}) {
      EXPECT_NE(head.find(h), std::string::npos) << h << "\n" << head;
    }
  }
  // Beyond the library's per-connection memory: its own refusal (HTML body).
  // libmicrohttpd gives no hook to add headers to those (README: no CSP or
  // nosniff on them); their bodies are fixed text that reflects nothing of
  // the request.
  const std::string huge_uri =
      RawExchange(port, "GET /<script>" + std::string(100000, 'a') + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_EQ(StatusOf(huge_uri), 414);
  const std::string huge_header = RawExchange(
      port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: <script>" + std::string(100000, 'b') + "\r\n\r\n");
  EXPECT_EQ(StatusOf(huge_header), 431);
  const std::string bad_line = RawExchange(port, "GET /<script> HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_EQ(StatusOf(bad_line), 400);
  for (const std::string* reply : {&huge_uri, &huge_header, &bad_line}) {
    EXPECT_EQ(BodyOf(*reply).find("<script>"), std::string::npos) << reply->substr(0, 300);
    EXPECT_EQ(BodyOf(*reply).find("aaaa"), std::string::npos) << reply->substr(0, 300);
    EXPECT_EQ(BodyOf(*reply).find("bbbb"), std::string::npos) << reply->substr(0, 300);
  }
  // A chunked body, and a body announced by Content-Length.
  const std::string chunked = RawExchange(
      port, "GET /api/parties HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n");
  EXPECT_EQ(StatusOf(chunked), 413) << chunked.substr(0, 200);
  EXPECT_EQ(json_status(chunked), 413);
  EXPECT_EQ(StatusOf(RawExchange(port, "HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\n\r\nabc")), 413);
  // A NUL smuggled into the path does not cut it short to a real file.
  const std::string nul = RawExchange(port, "GET /index.html%00.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(nul), 404);
  EXPECT_EQ(json_status(nul), 404);
  // Malformed requests: the library's own 400 (HTML body), or a closed
  // connection for a request line with no target.
  EXPECT_EQ(StatusOf(RawExchange(port, "GET / HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n")), 400);
  EXPECT_EQ(StatusOf(RawExchange(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\n\r\n")), 400);
  EXPECT_EQ(StatusOf(RawExchange(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: many\r\n\r\n")), 400);
  EXPECT_EQ(RawExchange(port, "GET\r\n\r\n"), "");
  // Still serving.
  auto ok = s.client().Get("/api/names");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(ServerTest, QueryParametersAreDecoded) {
  Running s(Options());
  ASSERT_TRUE(s.ok());
  // + is a space in a query, %XX any byte; repeated and empty pieces are harmless.
  auto r = s.client().Get("/api/facts?party=%D0%BA%D0%B0%D0%BB%D1%83%D0%B6%D1%81%D0%BA%D0%B0%D1%8F+%D0%BE%D0%B1%D0%BB%D0%B0%D1%81%D1%82%D1%8C"
                          "&&type=turnover&year=2022");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto j = nlohmann::json::parse(r->body);
  ASSERT_EQ(j["facts"].size(), 1u);
  EXPECT_EQ(j["facts"][0]["year"], 2022);
  ExpectJsonError(s.client().Get("/api/facts?year=soon"), 400);
  ExpectJsonError(s.client().Get("/api/nothing"), 404);
}

TEST_F(ServerTest, KeptAliveConnectionsAndConcurrentClients) {
  Running s(Options());
  ASSERT_TRUE(s.ok());
  const std::string expected = s.client().Get("/api/parties/RU-KLU")->body;
  std::atomic<int> good{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&] {
      httplib::Client c("127.0.0.1", s.port());
      c.set_keep_alive(true);
      c.set_read_timeout(5, 0);
      for (int i = 0; i < 25; ++i) {
        auto r = c.Get(i % 2 ? "/api/parties/RU-KLU" : "/app.js");
        if (r && r->status == 200 && (i % 2 == 0 || r->body == expected)) ++good;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(good.load(), 8 * 25);
}

TEST_F(ServerTest, AnIngestWhileServingShowsAfterTheCheckInterval) {
  auto dir = testing::TempDir("server_ingest");
  ServeOptions o = Options();
  o.db = testing::WriteSampleDb(dir);
  o.cache_recheck_ms = 50;
  Running s(o);
  ASSERT_TRUE(s.ok());
  auto parties = [&] {
    auto r = s.client().Get("/api/parties");
    return r && r->status == 200 ? nlohmann::json::parse(r->body)["parties"].size() : 0;
  };
  ASSERT_EQ(parties(), 2u);
  ASSERT_EQ(parties(), 2u);  // from the cache
  {
    auto writer = kb::Store::Open(o.db, {});  // what `oborot ingest --db` does
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    const std::string text = "В 2024 году товарооборот Беларуси и Омской области вырос до 95 миллионов долларов.";
    auto r = (*writer)->IngestDocument(
        {{"doc", "oms-2024"}, {"type", "document"}, {"published", "2025-01-15"}},
        {testing::Turnover("RU-OMS", "actual", 9.5e7, 2024, "", testing::Evidence(text, text))}, text);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(o.cache_recheck_ms + 30));
  EXPECT_EQ(parties(), 3u);
  auto page = s.client().Get("/api/parties/RU-OMS");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  std::filesystem::remove_all(dir);
}

TEST_F(ServerTest, StopBeforeRunAndPortZero) {
  auto srv = Server::Create([] {
    ServeOptions o = Options();
    o.port = 0;
    return o;
  }());
  ASSERT_TRUE(srv.ok()) << srv.status().ToString();
  EXPECT_GT((*srv)->port(), 0);
  (*srv)->Stop();
  EXPECT_TRUE((*srv)->Run().ok());  // returns at once
}

TEST_F(ServerTest, ListensOnIpv6Loopback) {
  ServeOptions o = Options();
  o.host = "::1";
  o.port = 0;
  auto srv = Server::Create(o);
  if (!srv.ok()) GTEST_SKIP() << "no IPv6 loopback here: " << srv.status().ToString();
  std::thread run([&] { EXPECT_TRUE((*srv)->Run().ok()); });
  httplib::Client c("::1", (*srv)->port());
  c.set_read_timeout(5, 0);
  auto r = c.Get("/api/names");
  (*srv)->Stop();
  run.join();
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
}

// --- issue 15: hostile clients ---------------------------------------------------

// The number of HTTP responses in a reply (status lines).
int Responses(const std::string& reply) {
  int n = 0;
  for (size_t at = reply.find("HTTP/1.1 "); at != std::string::npos; at = reply.find("HTTP/1.1 ", at + 1)) ++n;
  return n;
}

TEST_F(ServerTest, OnlyTheAllowedHostNamesAreAnswered) {
  ServeOptions o = Options();
  o.allowed_hosts = {"dash.example"};
  Running s(o);
  ASSERT_TRUE(s.ok());
  auto get = [&](const std::string& host) {
    return RawExchange(s.port(), "GET /api/names HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
  };
  // A page on a rebinding domain that resolves to 127.0.0.1 sends its own name.
  const std::string evil = get("attacker.example:" + std::to_string(s.port()));
  EXPECT_EQ(StatusOf(evil), 421) << evil.substr(0, 300);
  auto j = nlohmann::json::parse(BodyOf(evil), nullptr, false);
  ASSERT_TRUE(j.is_object()) << evil;
  EXPECT_EQ(j["status"], 421);
  EXPECT_EQ(StatusOf(get("127.0.0.1:" + std::to_string(s.port()))), 200);
  EXPECT_EQ(StatusOf(get("LOCALHOST")), 200);
  EXPECT_EQ(StatusOf(get("[::1]:8080")), 200);
  EXPECT_EQ(StatusOf(get("Dash.Example:80")), 200);
  EXPECT_EQ(StatusOf(get("127.0.0.1.attacker.example")), 421);
}

TEST_F(ServerTest, AmbiguousRequestLengthsAre400AndNeverASecondRequest) {
  Running s(Options());
  ASSERT_TRUE(s.ok());
  const std::string next = "GET /api/parties HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  for (const std::string& lengths :
       {std::string("Content-Length: 0\r\nContent-Length: 0\r\n"),
        std::string("Content-Length: 0\r\nContent-Length: ") + std::to_string(next.size()) + "\r\n",
        std::string("Content-Length: 0\r\nTransfer-Encoding: chunked\r\n")}) {
    const std::string reply =
        RawExchange(s.port(), "GET /api/names HTTP/1.1\r\nHost: 127.0.0.1\r\n" + lengths + "\r\n" + next);
    EXPECT_EQ(StatusOf(reply), 400) << lengths << reply.substr(0, 300);
    EXPECT_EQ(Responses(reply), 1) << lengths << reply;  // the "body" was not served as a request
  }
}

TEST_F(ServerTest, TooManyQueryParametersGetTheJson414) {
  Running s(Options());
  ASSERT_TRUE(s.ok());
  for (int n : {65, 440, 2000}) {
    std::string query;
    // short pieces: 2,000 of them still fit the 8,192-byte target limit
    for (int i = 0; i < n; ++i) query += (i ? "&" : "") + std::string(n > 1000 ? "a" : "a=1");
    const std::string reply =
        RawExchange(s.port(), "GET /api/facts?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(StatusOf(reply), 414) << n << ": " << reply.substr(0, 300);
    auto j = nlohmann::json::parse(BodyOf(reply), nullptr, false);
    ASSERT_TRUE(j.is_object()) << n << ": " << reply.substr(0, 300);
    EXPECT_EQ(j["error"], "too many query parameters (at most 64)");
  }
  ExpectJsonError(s.client().Get("/api/facts?year=soon&type=turnover"), 400);  // a few are fine
}

TEST_F(ServerTest, SlowHeadersAreCutOffAtTheDeadline) {
  ServeOptions o = Options();
  o.header_timeout_seconds = 1;
  o.idle_timeout_seconds = 30;  // a byte at a time would keep resetting this one
  Running s(o);
  ASSERT_TRUE(s.ok());
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(s.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)), 0);
  const auto t0 = std::chrono::steady_clock::now();
  std::string line = "GET /api/parties HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  bool closed = false;
  for (int i = 0; i < 100 && !closed; ++i) {  // a header line every 100 ms, never the blank line
    const std::string h = "X-Slow-" + std::to_string(i) + ": x\r\n";
    if (::send(fd, (i == 0 ? line + h : h).data(), (i == 0 ? line + h : h).size(), MSG_NOSIGNAL) <= 0) closed = true;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 100) > 0) {
      char c;
      if (::recv(fd, &c, 1, 0) <= 0) closed = true;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ::close(fd);
  EXPECT_TRUE(closed);
  EXPECT_LT(seconds, 5);
  EXPECT_GE(seconds, 0.9);
  auto r = s.client().Get("/api/names");  // others are served meanwhile and after
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ServerTest, ConnectionsPerClientAddressAreLimited) {
  ServeOptions o = Options();
  o.max_connections_per_ip = 3;
  Running s(o);
  ASSERT_TRUE(s.ok());
  auto connect = [&] {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(s.port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)), 0);
    return fd;
  };
  std::vector<int> held;
  for (int i = 0; i < 3; ++i) held.push_back(connect());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // accepted by the server
  // A fourth from the same address is closed without an answer.
  const int extra = connect();
  const std::string req = "GET /api/names HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  ::send(extra, req.data(), req.size(), MSG_NOSIGNAL);
  pollfd p{extra, POLLIN, 0};
  ASSERT_GT(::poll(&p, 1, 5000), 0);
  char buf[64];
  EXPECT_LE(::recv(extra, buf, sizeof buf, 0), 0);
  ::close(extra);
  // One held connection still gets answers; closing one makes room.
  ::send(held[0], req.data(), req.size(), MSG_NOSIGNAL);
  p = {held[0], POLLIN, 0};
  ASSERT_GT(::poll(&p, 1, 5000), 0);
  EXPECT_GT(::recv(held[0], buf, sizeof buf, 0), 0);
  for (int fd : held) ::close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto r = s.client().Get("/api/names");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST(PublicSource, AbsolutePathsOfTheIngestingMachineAreCut) {
  EXPECT_EQ(PublicSource("corpus/a.txt"), "corpus/a.txt");
  EXPECT_EQ(PublicSource("/home/analyst/corpus/a.txt"), "a.txt");
  EXPECT_EQ(PublicSource("/data/feeds/news.jsonl:12"), "news.jsonl:12");
  EXPECT_EQ(PublicSource("C:\\Users\\a\\b.html"), "b.html");
  EXPECT_EQ(PublicSource("<stdin>:3"), "<stdin>:3");
  EXPECT_EQ(PublicSource(""), "");
}

}  // namespace
}  // namespace oborot::server
