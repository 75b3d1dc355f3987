#include "src/server/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <iostream>
#include <thread>

#include "src/server/api.h"
#include "src/server/assets.h"
#include "src/server/rate_limit.h"

namespace oborot::server {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";
// Only the page's own files may run or style; no frames, plugins or remote fetches.
constexpr const char* kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
constexpr int kListenBacklog = 1024;

// cpp-httplib 0.11 listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG,
// fixed when Debian built the shared library); 200 clients connecting at once
// would overflow it and wait for SYN retransmits. Calling listen() again on the
// bound socket raises the backlog (Linux), hence this subclass's access.
class HttpServer : public httplib::Server {
 public:
  void RaiseBacklog(int backlog) { ::listen(svr_sock_, backlog); }
};

void SendError(httplib::Response& res, int status, std::string_view message) {
  res.status = status;
  res.set_content(Api::ErrorBody(status, message), kJson);
}

std::string_view ReasonFor(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 404:
      return "not found";
    case 405:
      return "method not allowed";
    case 413:
      return "request too large";
    case 414:
      return "URI too long";
    case 429:
      return "too many requests";
    default:
      return status >= 500 ? "internal error" : "error";
  }
}

bool BadPath(std::string_view path) {
  return path.empty() || path[0] != '/' || path.find("..") != std::string_view::npos ||
         path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos;
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  std::unique_ptr<Api> api;
  RateLimiter limiter;
  HttpServer http;
  int port = 0;
  // Stop() may come before Run() has started listening, when http.stop() would
  // do nothing; these two flags close that window (see Run and Stop).
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> in_run{false};

  Impl(const ServeOptions& o, std::unique_ptr<Api> a) : options(o), api(std::move(a)), limiter(o.rate, o.burst) {}
  void Install();
};

void Server::Impl::Install() {
  const size_t threads = options.threads == 0 ? 1 : options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(options.max_request_bytes);
  http.set_keep_alive_max_count(10000);
  // Headers and body go out in separate writes; without TCP_NODELAY, Nagle's
  // algorithm holds the body until the client's delayed ACK (~40 ms) arrives.
  http.set_tcp_nodelay(true);
  http.set_read_timeout(10, 0);
  http.set_write_timeout(10, 0);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                            {"Referrer-Policy", "no-referrer"},
                            {"X-Frame-Options", "DENY"},
                            {"Content-Security-Policy", kCsp}});

  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!limiter.Allow(req.remote_addr)) {
      res.set_header("Retry-After", std::to_string(limiter.RetryAfterSeconds()));
      SendError(res, 429, "too many requests");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      res.set_header("Connection", "close");  // any body it sent is not read
      SendError(res, 405, "the API is read-only: only GET and HEAD");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.get_header_value_count("Transfer-Encoding") > 0 || req.get_header_value<uint64_t>("Content-Length") > 0) {
      res.set_header("Connection", "close");
      SendError(res, 413, "requests must not have a body");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (BadPath(req.path)) {
      SendError(res, 404, "not found");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  http.Get(R"(/api/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    Params params;
    for (const auto& [k, v] : req.params) params.emplace_back(k, v);
    ApiResponse r = api->Get(req.path, params);
    res.status = r.status;
    res.set_header("Cache-Control", "no-cache");
    res.set_content(std::move(r.body), kJson);
  });

  http.Get(R"(/.*)", [](const httplib::Request& req, httplib::Response& res) {
    auto asset = FindAsset(req.path);
    if (!asset) {
      SendError(res, 404, "not found");
      return;
    }
    res.set_header("Cache-Control", "no-cache");
    res.set_content(std::string(asset->body), std::string(asset->content_type));
  });

  // Errors cpp-httplib produces itself (bad request line, URI too long, a
  // payload over the limit) get a JSON body too; ours already have one.
  http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    SendError(res, res.status, ReasonFor(res.status));
    return httplib::Server::HandlerResponse::Handled;
  }));
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    SendError(res, 500, "internal error");
  });
  if (options.log) {
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::cerr << req.remote_addr << " " << req.method << " " << req.path << " " << res.status << "\n";
    });
  }
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Create(const ServeOptions& options) {
  if (options.port < 0 || options.port > 65535) {
    return Status(StatusCode::kInvalidArgument, "port must be from 0 to 65535");
  }
  ApiOptions api_options;
  api_options.max_connections = std::max<size_t>(4, std::min<size_t>(options.threads, 64));
  auto api = Api::Open(options.db, api_options);
  if (!api.ok()) return api.status();
  auto impl = std::make_unique<Impl>(options, std::move(*api));
  impl->Install();
  if (options.port == 0) {
    impl->port = impl->http.bind_to_any_port(options.host);
    if (impl->port <= 0) return Status(StatusCode::kIoError, "cannot listen on " + options.host);
  } else {
    if (!impl->http.bind_to_port(options.host, options.port)) {
      return Status(StatusCode::kIoError,
                    "cannot listen on " + options.host + ":" + std::to_string(options.port) + " (in use?)");
    }
    impl->port = options.port;
  }
  impl->http.RaiseBacklog(kListenBacklog);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

Status Server::Run() {
  impl_->in_run = true;
  if (impl_->stop_requested) {
    impl_->in_run = false;
    return Status::Ok();
  }
  const bool ok = impl_->http.listen_after_bind();
  impl_->in_run = false;
  if (!ok && !impl_->stop_requested) {
    return Status(StatusCode::kIoError, "the listening socket failed on port " + std::to_string(impl_->port));
  }
  return Status::Ok();
}

void Server::Stop() {
  if (!impl_) return;
  impl_->stop_requested = true;
  // Run() has begun: wait until it listens, so that stop() reaches it.
  while (impl_->in_run && !impl_->http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  impl_->http.stop();
}

}  // namespace oborot::server
