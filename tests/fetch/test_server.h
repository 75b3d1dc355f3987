// A web server for the fetch tests, on 127.0.0.1 and a port the system picks
// (GNU libmicrohttpd, as `oborot serve`), serving answers the test defines
// by path, and logging every request it gets.
//
//   TestServer s;
//   s.Route("/rss.xml", [](const TestRequest& r) { return TestReply{.body = kRss, .content_type = "application/rss+xml"}; });
//   ASSERT_TRUE(s.Start());
//   Fetch(s.Url("/rss.xml"));
//   EXPECT_EQ(s.Count("/rss.xml"), 1);
//
// One thread per connection, so a slow answer does not hold up the others.
#pragma once

#include <microhttpd.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "src/fetch/warc_test_util.h"

namespace oborot::fetch::testing {

struct TestRequest {
  std::string path;  // without the query
  std::string query;
  std::string if_none_match, if_modified_since, user_agent, accept_encoding;
  int nth = 0;  // 1 for the first request of this path, 2 for the second ...
  std::chrono::steady_clock::time_point at;  // when it arrived
};

struct TestReply {
  int status = 200;
  std::string body = {};
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers = {};
  int delay_ms = 0;   // wait this long before answering
  bool gzip = false;  // gzip the body when the client accepts it
  // A misbehaving connection: after `break_after` bytes of the body (its
  // whole length declared), wait `stall_ms`, then close the connection
  // without the rest (`cut`) or send the rest.
  long break_after = -1;
  int stall_ms = 0;
  bool cut = false;
};

class TestServer {
 public:
  using Handler = std::function<TestReply(const TestRequest&)>;

  ~TestServer() { Stop(); }
  void Route(const std::string& path, Handler h) { routes_[path] = std::move(h); }
  void Route(const std::string& path, TestReply reply) {
    routes_[path] = [reply](const TestRequest&) { return reply; };
  }

  bool Start() {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    daemon_ = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0, nullptr, nullptr,
                               &TestServer::Handle, this, MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_END);
    if (!daemon_) return false;
    const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
    port_ = info ? info->port : 0;
    return port_ != 0;
  }
  void Stop() {
    stopping_ = true;
    if (daemon_) MHD_stop_daemon(daemon_);
    daemon_ = nullptr;
  }
  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  int Count(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mu_);
    int n = 0;
    for (const auto& r : log_) n += r.path == path;
    return n;
  }
  std::vector<TestRequest> Log() const {
    std::lock_guard<std::mutex> lock(mu_);
    return log_;
  }
  void ClearLog() {
    std::lock_guard<std::mutex> lock(mu_);
    log_.clear();
  }

 private:
  static MHD_Result Handle(void* cls, MHD_Connection* c, const char* url, const char* /*method*/,
                           const char* /*version*/, const char* /*upload*/, size_t* /*upload_size*/, void** state) {
    if (*state == nullptr) {  // headers only so far: answer on the next call
      static int marker;
      *state = &marker;
      return MHD_YES;
    }
    auto* self = static_cast<TestServer*>(cls);
    TestRequest req;
    req.path = url;
    req.at = std::chrono::steady_clock::now();
    auto header = [c](const char* name) {
      const char* v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
      return v ? std::string(v) : std::string();
    };
    req.if_none_match = header("If-None-Match");
    req.if_modified_since = header("If-Modified-Since");
    req.user_agent = header("User-Agent");
    req.accept_encoding = header("Accept-Encoding");
    Handler h;
    {
      std::lock_guard<std::mutex> lock(self->mu_);
      int n = 1;
      for (const auto& r : self->log_) n += r.path == req.path;
      req.nth = n;
      self->log_.push_back(req);
      auto it = self->routes_.find(req.path);
      if (it != self->routes_.end()) h = it->second;
    }
    TestReply reply = h ? h(req) : TestReply{.status = 404, .body = "<html><body>not here</body></html>"};
    for (int waited = 0; waited < reply.delay_ms && !self->stopping_; waited += 10) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::string body = reply.body;
    const bool gzip = reply.gzip && req.accept_encoding.find("gzip") != std::string::npos;
    if (gzip) body = Gzip(body);
    MHD_Response* r = nullptr;
    if (reply.break_after >= 0) {
      auto* broken = new Broken{body, std::min(body.size(), static_cast<size_t>(reply.break_after)), reply.stall_ms,
                                reply.cut, &self->stopping_};
      r = MHD_create_response_from_callback(body.size(), 4096, &Broken::Read, broken,
                                            [](void* p) { delete static_cast<Broken*>(p); });
    } else {
      r = MHD_create_response_from_buffer(body.size(), body.data(), MHD_RESPMEM_MUST_COPY);
    }
    if (!reply.content_type.empty()) MHD_add_response_header(r, "Content-Type", reply.content_type.c_str());
    if (gzip) MHD_add_response_header(r, "Content-Encoding", "gzip");
    for (const auto& [k, v] : reply.headers) MHD_add_response_header(r, k.c_str(), v.c_str());
    const MHD_Result ok = MHD_queue_response(c, static_cast<unsigned>(reply.status), r);
    MHD_destroy_response(r);
    return ok;
  }

  // The body of a reply with `break_after`, sent from libmicrohttpd's thread
  // for the connection.
  struct Broken {
    std::string body;
    size_t at;
    int stall_ms;
    bool cut;
    std::atomic<bool>* stopping;
    static ssize_t Read(void* p, uint64_t pos, char* buf, size_t max) {
      auto* b = static_cast<Broken*>(p);
      if (pos >= b->at && b->stall_ms > 0) {
        for (int waited = 0; waited < b->stall_ms && !*b->stopping; waited += 10) {
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        b->stall_ms = 0;
      }
      if (pos >= b->at && b->cut) return MHD_CONTENT_READER_END_WITH_ERROR;
      const size_t end = pos < b->at ? b->at : b->body.size();
      if (pos >= end) return MHD_CONTENT_READER_END_OF_STREAM;
      const size_t n = std::min(max, end - static_cast<size_t>(pos));
      std::memcpy(buf, b->body.data() + pos, n);
      return static_cast<ssize_t>(n);
    }
  };

  MHD_Daemon* daemon_ = nullptr;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::map<std::string, Handler> routes_;
  mutable std::mutex mu_;
  std::vector<TestRequest> log_;
};

}  // namespace oborot::fetch::testing
