#include "src/server/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <strings.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <new>
#include <set>
#include <thread>
#include <exception>
#include <iostream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "src/server/api.h"
#include "src/server/assets.h"
#include "src/server/rate_limit.h"
#include "src/server/request.h"

// Why libmicrohttpd. The dashboard used cpp-httplib, which serves each
// kept-alive connection on a pool thread of its own: 200 clients meant 200
// runnable threads, and on a small machine the scheduler's tails set the p99
// (40–80 ms with wrk at 200 connections on 2 cores). libmicrohttpd (GNU, in
// Debian as libmicrohttpd-dev) multiplexes every connection over a few epoll
// threads, has per-connection memory, connection-count and idle-time limits
// built in, and a plain C API; libevent's evhttp would do the same, but its
// server side is less maintained, buffers whole requests in evbuffers we
// would size by hand, and its single event base per thread needs the threads
// and listening-socket sharing written here. With answers cached (api.h) a
// request is a hash lookup and one write, so two threads serve 200
// connections with a p99 of a few milliseconds (bench/RESULTS.md).

namespace oborot::server {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";
// Only the page's own files may run or style; no frames, plugins or remote fetches.
constexpr const char* kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
constexpr int kListenBacklog = 1024;
// libmicrohttpd's per-connection pool holds the request line and headers
// (and the response headers); our own limit (max_request_bytes) answers JSON
// first, this one only stops what would not fit at all.
constexpr size_t kMinConnectionMemory = 32 * 1024;

// A connection as the header deadline sees it (ServeOptions::
// header_timeout_seconds): created when libmicrohttpd accepts it, destroyed
// when it closes. `waiting` is set while a request's line and headers are
// still arriving.
struct Conn {
  int fd = -1;
  std::atomic<int64_t> deadline_ns{0};  // steady clock
  std::atomic<bool> waiting{true};
};

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// One request, from the URI callback (which sees the target before
// libmicrohttpd decodes it) to the completion callback.
struct Request {
  std::string target;  // as sent: path and query, still percent-encoded
  // The API answer being sent: its body stays alive until the request is done.
  std::shared_ptr<const ApiResponse> answer;
  bool screened = false;  // the first call (headers only) has been
  bool answered = false;  // a response is queued
};

std::string ClientAddress(MHD_Connection* c) {
  const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (info == nullptr || info->client_addr == nullptr) return "-";
  char buf[INET6_ADDRSTRLEN] = {};
  const sockaddr* sa = info->client_addr;
  const void* addr = nullptr;
  if (sa->sa_family == AF_INET) addr = &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr;
  if (sa->sa_family == AF_INET6) addr = &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr;
  if (addr == nullptr || ::inet_ntop(sa->sa_family, addr, buf, sizeof(buf)) == nullptr) return "-";
  return buf;
}

// Bytes of the request's header lines ("Name: value\r\n").
size_t HeaderBytes(MHD_Connection* c) {
  size_t total = 0;
  MHD_get_connection_values(
      c, MHD_HEADER_KIND,
      [](void* cls, MHD_ValueKind, const char* key, const char* value) {
        *static_cast<size_t*>(cls) += std::string_view(key).size() + (value ? std::string_view(value).size() : 0) + 4;
        return MHD_YES;
      },
      &total);
  return total;
}

// A listening socket on host:port (port 0: any free one).
Result<int> Listen(const std::string& host, int port) {
  const std::string where = port == 0 ? host : host + ":" + std::to_string(port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || found == nullptr) {
    return Status(StatusCode::kIoError, "cannot listen on " + where + ": unknown address");
  }
  int fd = -1;
  for (addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) continue;
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, kListenBacklog) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) return Status(StatusCode::kIoError, "cannot listen on " + where + (port ? " (in use?)" : ""));
  return fd;
}

int BoundPort(int fd) {
  sockaddr_storage ss{};
  socklen_t len = sizeof(ss);
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return 0;
  if (ss.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&ss)->sin_port);
  if (ss.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(&ss)->sin6_port);
  return 0;
}

// gzip of `body`; nullopt when zlib fails or it would not be smaller.
// Bodies are compressed once (assets at start, API answers when computed),
// never per request. zlib's one-shot compress() writes the zlib format, which
// `Content-Encoding: gzip` is not, hence deflateInit2 with the gzip wrapper.
std::optional<std::string> Gzip(std::string_view body) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out(deflateBound(&z, static_cast<uLong>(body.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  z.avail_in = static_cast<uInt>(body.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END || out.size() >= body.size()) return std::nullopt;
  return out;
}

// Smaller bodies gain nothing from compression that is worth a header.
constexpr size_t kMinGzipBytes = 1024;

bool AcceptsGzip(MHD_Connection* c) {
  const char* accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding");
  return accept != nullptr && std::string_view(accept).find("gzip") != std::string_view::npos;
}

void AddCommonHeaders(MHD_Response* r, const char* content_type) {
  MHD_add_response_header(r, "Content-Type", content_type);
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(r, "X-Frame-Options", "DENY");
  MHD_add_response_header(r, "Content-Security-Policy", kCsp);
}

// One body as ready responses: as is, and gzipped for clients that accept it
// (null when not worth it). Built once and queued for every request that
// gets the body; libmicrohttpd counts the references of each response.
struct Variants {
  MHD_Response* plain = nullptr;
  MHD_Response* gzip = nullptr;
  std::string gzip_body;  // gzip's buffer

  Variants() = default;
  Variants(const Variants&) = delete;
  Variants& operator=(const Variants&) = delete;
  ~Variants() {
    if (plain != nullptr) MHD_destroy_response(plain);
    if (gzip != nullptr) MHD_destroy_response(gzip);
  }
  MHD_Response* For(MHD_Connection* c) const { return gzip != nullptr && AcceptsGzip(c) ? gzip : plain; }
};

// Variants of `body` (which must outlive them: it is not copied), with the
// common headers, the content type and Cache-Control; null when out of memory.
std::unique_ptr<Variants> MakeVariants(std::string_view body, const char* content_type, bool compressible) {
  auto v = std::make_unique<Variants>();
  auto finish = [&](MHD_Response* r) {
    AddCommonHeaders(r, content_type);
    MHD_add_response_header(r, "Cache-Control", "no-cache");
    if (compressible) MHD_add_response_header(r, "Vary", "Accept-Encoding");
  };
  v->plain = MHD_create_response_from_buffer(body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_PERSISTENT);
  if (v->plain == nullptr) return nullptr;
  finish(v->plain);
  if (!compressible || body.size() < kMinGzipBytes) return v;
  if (auto gz = Gzip(body)) {
    v->gzip_body = std::move(*gz);
    v->gzip = MHD_create_response_from_buffer(v->gzip_body.size(), v->gzip_body.data(), MHD_RESPMEM_PERSISTENT);
    if (v->gzip != nullptr) {
      finish(v->gzip);
      MHD_add_response_header(v->gzip, "Content-Encoding", "gzip");
    }
  }
  return v;
}

bool Compressible(std::string_view content_type) {
  return content_type.rfind("text/", 0) == 0 || content_type.rfind("application/json", 0) == 0 ||
         content_type.rfind("image/svg+xml", 0) == 0;
}

// The responses for an API answer, made once when the answer is computed
// (ApiOptions::prepare). Their bodies are the answer's own buffer (or its
// gzip, kept here): each request holds the answer (Request::answer) until
// libmicrohttpd has sent it.
std::shared_ptr<void> PrepareResponse(const ApiResponse& answer) {
  return MakeVariants(answer.body, kJson, true);
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  std::unique_ptr<Api> api;
  RateLimiter limiter;
  int listen_fd = -1;  // ours until Run() hands it to the daemon, which closes it
  int port = 0;
  // Ready responses for the embedded files, shared by every request
  // (libmicrohttpd counts their references); "/" is the index page.
  std::unordered_map<std::string_view, std::shared_ptr<const Variants>> assets;

  std::mutex mu;
  std::condition_variable cv;
  bool stop_requested = false;  // under mu
  std::vector<std::string> hosts;  // Host names answered (lower case, without port)

  // Open connections, for the header deadline's watchdog thread. A
  // connection leaves the set (under conns_mu) when libmicrohttpd reports it
  // closed, which it does before closing the socket: the watchdog never
  // shuts down a socket number that another connection reuses.
  std::mutex conns_mu;
  std::set<Conn*> conns;

  Impl(const ServeOptions& o, std::unique_ptr<Api> a) : options(o), api(std::move(a)), limiter(o.rate, o.burst) {
    hosts = {"127.0.0.1", "localhost", "[::1]"};
    auto add = [this](const std::string& name) {
      std::string h = name.find(':') != std::string::npos && name[0] != '[' ? "[" + name + "]" : name;
      h = HostName(h);
      if (!h.empty() && std::find(hosts.begin(), hosts.end(), h) == hosts.end()) hosts.push_back(h);
    };
    add(o.host);
    for (const auto& h : o.allowed_hosts) add(h);
  }
  ~Impl() {
    if (listen_fd >= 0) ::close(listen_fd);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  Status BuildAssets();
  MHD_Daemon* Start();
  std::optional<MHD_Result> Screen(MHD_Connection* c, const Request& req, std::string_view method);
  MHD_Result Answer(MHD_Connection* c, Request& req, std::string_view method);
  MHD_Result Queue(MHD_Connection* c, unsigned status, MHD_Response* r, std::string_view method,
                   std::string_view path, const std::string& client);
  MHD_Result Error(MHD_Connection* c, unsigned status, std::string_view message, std::string_view method,
                   std::string_view path, const std::string& client,
                   std::initializer_list<std::pair<const char*, std::string>> headers = {});

  static MHD_Result Handle(void* cls, MHD_Connection* c, const char* url, const char* method, const char* version,
                           const char* upload, size_t* upload_size, void** con_cls);
  static void* Begin(void* cls, const char* uri, MHD_Connection* c);
  static void Complete(void* cls, MHD_Connection* c, void** con_cls, MHD_RequestTerminationCode code);
  static void Notify(void* cls, MHD_Connection* c, void** socket_context, MHD_ConnectionNotificationCode code);
  // Closes connections whose request headers are overdue, until Run() ends.
  void Watchdog();
  static Conn* ConnOf(MHD_Connection* c) {
    const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info != nullptr ? static_cast<Conn*>(info->socket_context) : nullptr;
  }
};

Status Server::Impl::BuildAssets() {
  for (const Asset& a : Assets()) {
    // The embedded bytes are static: the responses point at them.
    std::shared_ptr<const Variants> v =
        MakeVariants(a.body, std::string(a.content_type).c_str(), Compressible(a.content_type));
    if (v == nullptr) return Status(StatusCode::kInternal, "cannot build the response for " + std::string(a.path));
    assets.emplace(a.path, std::move(v));
  }
  if (auto index = assets.find("/index.html"); index != assets.end()) {
    // The page's own routes (the app reads location.pathname): "/", the
    // targets and conflicts pages and /compare?p=RU-KLU,RU-MOW.
    for (const char* page : {"/", "/targets", "/conflicts", "/compare"}) assets.emplace(page, index->second);
  }
  return Status::Ok();
}

MHD_Result Server::Impl::Queue(MHD_Connection* c, unsigned status, MHD_Response* r, std::string_view method,
                               std::string_view path, const std::string& client) {
  const MHD_Result ok = MHD_queue_response(c, status, r);
  if (options.log) {
    // One write per line, so lines from different threads do not interleave.
    std::cerr << (client + " " + Printable(method) + " " + Printable(path) + " " + std::to_string(status) + "\n");
  }
  return ok;
}

MHD_Result Server::Impl::Error(MHD_Connection* c, unsigned status, std::string_view message, std::string_view method,
                               std::string_view path, const std::string& client,
                               std::initializer_list<std::pair<const char*, std::string>> headers) {
  std::string body = Api::ErrorBody(static_cast<int>(status), message);
  MHD_Response* r = MHD_create_response_from_buffer(body.size(), body.data(), MHD_RESPMEM_MUST_COPY);
  if (r == nullptr) return MHD_NO;  // out of memory: the connection is closed
  AddCommonHeaders(r, kJson);
  for (const auto& [name, value] : headers) MHD_add_response_header(r, name, value.c_str());
  const MHD_Result ok = Queue(c, status, r, method, path, client);
  MHD_destroy_response(r);
  return ok;
}

// The first call, once the headers are in: refuses what must not go on
// (other methods, a body). A response queued now makes libmicrohttpd drop
// the rest of the request and close the connection, which is right for those;
// everything else waits for the second call, after which it keeps the
// connection alive.
std::optional<MHD_Result> Server::Impl::Screen(MHD_Connection* c, const Request& req, std::string_view method) {
  const std::string_view path = std::string_view(req.target).substr(0, req.target.find('?'));
  // Only the names this server is reached by: a page on another domain that
  // resolves to 127.0.0.1 (DNS rebinding) sends its own name.
  if (const char* host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host")) {
    const std::string name = HostName(host);
    if (std::find(hosts.begin(), hosts.end(), name) == hosts.end()) {
      return Error(c, 421, "this server does not answer for host '" + name + "' (see oborot serve --allow-host)",
                   method, path, ClientAddress(c), {{"Connection", "close"}});
    }
  }
  // Content-Length given twice (even twice the same) or not a number, or
  // together with Transfer-Encoding: the body's end is ambiguous, and a
  // body read as the next request is how requests are smuggled.
  struct Lengths {
    int count = 0;
    bool malformed = false;
  } lengths;
  MHD_get_connection_values(
      c, MHD_HEADER_KIND,
      [](void* cls, MHD_ValueKind, const char* key, const char* value) {
        auto* l = static_cast<Lengths*>(cls);
        if (key != nullptr && strcasecmp(key, "Content-Length") == 0) {
          ++l->count;
          const std::string_view v = value != nullptr ? value : "";
          if (v.empty() || v.find_first_not_of("0123456789") != std::string_view::npos) l->malformed = true;
        }
        return MHD_YES;
      },
      &lengths);
  const bool chunked = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding") != nullptr;
  if (lengths.count > 1 || lengths.malformed || (lengths.count > 0 && chunked)) {
    return Error(c, 400, "ambiguous request length: Content-Length repeated, malformed or with Transfer-Encoding",
                 method, path, ClientAddress(c), {{"Connection", "close"}});
  }
  if (method != "GET" && method != "HEAD") {
    // Connection: close, since any body it sent is not read.
    return Error(c, 405, "the API is read-only: only GET and HEAD", method, path, ClientAddress(c),
                 {{"Allow", "GET, HEAD"}, {"Connection", "close"}});
  }
  const char* length = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
  if (MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding") != nullptr ||
      (length != nullptr && std::string_view(length).find_first_not_of('0') != std::string_view::npos)) {
    return Error(c, 413, "requests must not have a body", method, path, ClientAddress(c), {{"Connection", "close"}});
  }
  return std::nullopt;
}

MHD_Result Server::Impl::Answer(MHD_Connection* c, Request& req, std::string_view method) {
  const std::string client = limiter.enabled() || options.log ? ClientAddress(c) : std::string();
  const std::string_view target = req.target;
  const std::string_view raw_path = target.substr(0, target.find('?'));
  if (!limiter.Allow(client)) {
    return Error(c, 429, "too many requests", method, raw_path, client,
                 {{"Retry-After", std::to_string(limiter.RetryAfterSeconds())}});
  }
  if (target.size() > options.max_request_bytes) {
    return Error(c, 414, "URI too long", method, raw_path.substr(0, 200), client);
  }
  if (HeaderBytes(c) > options.max_request_bytes) {
    return Error(c, 431, "request header fields too large", method, raw_path, client);
  }
  if (const size_t q = target.find('?'); q != std::string_view::npos && options.max_parameters > 0 &&
                                         static_cast<size_t>(std::count(target.begin() + static_cast<long>(q),
                                                                        target.end(), '&')) >= options.max_parameters) {
    return Error(c, 414, "too many query parameters (at most " + std::to_string(options.max_parameters) + ")", method,
                 raw_path, client);
  }
  const std::string path = Decode(raw_path, false);
  if (BadPath(path)) return Error(c, 404, "not found", method, path, client);

  if (path.rfind("/api/", 0) == 0) {
    const std::string_view query =
        raw_path.size() < target.size() ? target.substr(raw_path.size() + 1) : std::string_view();
    req.answer = api->GetShared(path, ParseQuery(query));
    // Built once per answer (PrepareResponse) and shared by every request
    // that gets it, like the cached answer itself.
    std::shared_ptr<void> prepared = req.answer->prepared;
    if (prepared == nullptr) prepared = PrepareResponse(*req.answer);  // preparing it failed once: try again
    if (prepared == nullptr) return MHD_NO;                           // out of memory: the connection is closed
    return Queue(c, static_cast<unsigned>(req.answer->status), static_cast<const Variants*>(prepared.get())->For(c),
                 method, path, client);
  }
  auto asset = assets.find(path);
  if (asset == assets.end()) return Error(c, 404, "not found", method, path, client);
  return Queue(c, 200, asset->second->For(c), method, path, client);
}

// libmicrohttpd calls this once when the headers are in, then once per piece
// of body, then once more with no data: the time to answer.
MHD_Result Server::Impl::Handle(void* cls, MHD_Connection* c, const char*, const char* method, const char*,
                                const char*, size_t* upload_size, void** con_cls) {
  auto* self = static_cast<Impl*>(cls);
  auto* req = static_cast<Request*>(*con_cls);
  try {
    if (req == nullptr) throw std::runtime_error("no request state");
    if (req->answered) {  // body bytes after a refusal: dropped
      *upload_size = 0;
      return MHD_YES;
    }
    if (!req->screened) {
      req->screened = true;
      if (Conn* conn = ConnOf(c)) conn->waiting.store(false, std::memory_order_relaxed);  // headers are in
      if (auto refused = self->Screen(c, *req, method)) {
        req->answered = true;
        return *refused;
      }
      return MHD_YES;
    }
    if (*upload_size != 0) {  // a body without Content-Length or Transfer-Encoding cannot happen; drop it
      *upload_size = 0;
      return MHD_YES;
    }
    req->answered = true;
    return self->Answer(c, *req, method);
  } catch (...) {
    // Never let an exception cross into C; the client gets a JSON 500.
    if (req != nullptr) req->answered = true;
    try {
      return self->Error(c, 500, "internal error", method, "", "-");
    } catch (...) {
      return MHD_NO;
    }
  }
}

void* Server::Impl::Begin(void*, const char* uri, MHD_Connection*) {
  try {
    auto* req = new Request;
    req->target = uri;
    // The query is ours to parse (ParseQuery, on the copy above). libmicrohttpd
    // would parse it too, after this callback, into the connection's memory
    // pool: a few hundred parameters exhaust the pool and the connection is
    // closed without any answer. Its 0.9.7x parser takes the arguments from
    // just after the first '?' up to a NUL, so a NUL there leaves it none;
    // the buffer is the connection's own (writable) request line.
    if (char* q = std::strchr(const_cast<char*>(uri), '?')) q[1] = '\0';
    return req;
  } catch (...) {
    return nullptr;  // Handle answers 500
  }
}

void Server::Impl::Complete(void* cls, MHD_Connection* c, void** con_cls, MHD_RequestTerminationCode) {
  delete static_cast<Request*>(*con_cls);
  *con_cls = nullptr;
  if (Conn* conn = ConnOf(c)) {  // a kept-alive connection: the next request's headers are due
    const auto* self = static_cast<const Impl*>(cls);
    conn->deadline_ns.store(NowNs() + static_cast<int64_t>(self->options.header_timeout_seconds) * 1000000000,
                            std::memory_order_relaxed);
    conn->waiting.store(true, std::memory_order_relaxed);
  }
}

void Server::Impl::Notify(void* cls, MHD_Connection* c, void** socket_context, MHD_ConnectionNotificationCode code) {
  auto* self = static_cast<Impl*>(cls);
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    Conn* conn = new (std::nothrow) Conn;
    if (conn == nullptr || info == nullptr) {
      delete conn;
      return;
    }
    conn->fd = info->connect_fd;
    conn->deadline_ns = NowNs() + static_cast<int64_t>(self->options.header_timeout_seconds) * 1000000000;
    *socket_context = conn;
    std::lock_guard<std::mutex> lock(self->conns_mu);
    self->conns.insert(conn);
  } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
    auto* conn = static_cast<Conn*>(*socket_context);
    if (conn == nullptr) return;
    {
      std::lock_guard<std::mutex> lock(self->conns_mu);
      self->conns.erase(conn);
    }
    delete conn;
    *socket_context = nullptr;
  }
}

void Server::Impl::Watchdog() {
  if (options.header_timeout_seconds == 0) return;
  std::unique_lock<std::mutex> lock(mu);
  while (!stop_requested) {
    cv.wait_for(lock, std::chrono::milliseconds(250));
    const int64_t now = NowNs();
    std::lock_guard<std::mutex> guard(conns_mu);
    for (Conn* conn : conns) {
      if (conn->waiting.load(std::memory_order_relaxed) && now > conn->deadline_ns.load(std::memory_order_relaxed)) {
        // libmicrohttpd sees the end of the stream and closes the connection
        // on its own thread; the socket stays open until it does.
        ::shutdown(conn->fd, SHUT_RDWR);
        conn->waiting.store(false, std::memory_order_relaxed);
      }
    }
  }
}

MHD_Daemon* Server::Impl::Start() {
  // epoll in threads of the library's own; ITC so that MHD_stop_daemon wakes
  // them at once; TURBO: read and write before asking epoll (fewer calls).
  const auto flags = static_cast<unsigned>(MHD_USE_EPOLL_INTERNAL_THREAD) | static_cast<unsigned>(MHD_USE_ITC) |
                     static_cast<unsigned>(MHD_USE_TURBO) |
                     (options.log ? static_cast<unsigned>(MHD_USE_ERROR_LOG) : 0u);
  const auto threads = static_cast<unsigned>(std::clamp<size_t>(options.threads, 1, 64));
  const size_t memory = std::max(kMinConnectionMemory, 4 * options.max_request_bytes);
  return MHD_start_daemon(
      flags, 0, nullptr, nullptr, &Impl::Handle, this,                                          //
      MHD_OPTION_LISTEN_SOCKET, static_cast<MHD_socket>(listen_fd),                             //
      MHD_OPTION_THREAD_POOL_SIZE, threads,                                                     //
      MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned>(std::max<size_t>(options.max_connections, 1)),  //
      MHD_OPTION_PER_IP_CONNECTION_LIMIT,                                                        //
      static_cast<unsigned>(std::min<size_t>(options.max_connections_per_ip, 1u << 30)),         //
      MHD_OPTION_NOTIFY_CONNECTION, &Impl::Notify, this,                                        //
      MHD_OPTION_CONNECTION_TIMEOUT, options.idle_timeout_seconds,                              //
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, memory,                                               //
      MHD_OPTION_URI_LOG_CALLBACK, &Impl::Begin, this,                                          //
      MHD_OPTION_NOTIFY_COMPLETED, &Impl::Complete, this,                                       //
      MHD_OPTION_END);
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Create(const ServeOptions& options) {
  if (options.port < 0 || options.port > 65535) {
    return Status(StatusCode::kInvalidArgument, "port must be from 0 to 65535");
  }
  ApiOptions api_options;
  // Only the event-loop threads query, each on one connection at a time.
  api_options.max_connections = std::max<size_t>(4, std::min<size_t>(options.threads, 64));
  api_options.recheck_interval = std::chrono::milliseconds(std::max(0, options.cache_recheck_ms));
  api_options.prepare = &PrepareResponse;
  auto api = Api::Open(options.db, api_options);
  if (!api.ok()) return api.status();
  auto impl = std::make_unique<Impl>(options, std::move(*api));
  if (Status st = impl->BuildAssets(); !st.ok()) return st;
  auto fd = Listen(options.host, options.port);
  if (!fd.ok()) return fd.status();
  impl->listen_fd = *fd;
  impl->port = BoundPort(*fd);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

Status Server::Run() {
  Impl& s = *impl_;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    if (s.stop_requested || s.listen_fd < 0) return Status::Ok();
  }
  MHD_Daemon* daemon = s.Start();
  // From here the socket is the daemon's (closed by MHD_stop_daemon); after a
  // failed start it is left open rather than risk closing it twice.
  s.listen_fd = -1;
  if (daemon == nullptr) {
    return Status(StatusCode::kIoError, "cannot start serving on port " + std::to_string(s.port) +
                                            " (threads or epoll unavailable)");
  }
  std::thread watchdog([&s] { s.Watchdog(); });
  {
    std::unique_lock<std::mutex> lock(s.mu);
    s.cv.wait(lock, [&s] { return s.stop_requested; });
  }
  watchdog.join();
  MHD_stop_daemon(daemon);
  return Status::Ok();
}

void Server::Stop() {
  if (!impl_) return;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stop_requested = true;
  }
  impl_->cv.notify_all();
}

}  // namespace oborot::server
