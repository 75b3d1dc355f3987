// The dashboard's HTTP server: the JSON API of api.h and the embedded web
// page of assets.h, on GNU libmicrohttpd (Debian's libmicrohttpd-dev), an
// event-driven server: a few epoll threads serve every connection.
//
//   auto server = oborot::server::Server::Create({.db = "oborot.db", .port = 8080});
//   if (!server.ok()) { Report(server.status()); return 1; }
//   std::cout << "http://127.0.0.1:" << (*server)->port() << "/\n";
//   Status st = (*server)->Run();   // blocks until Stop() (from another thread)
//
// Read-only by construction: the database is opened read-only and only GET
// and HEAD are answered (others: 405 with Allow). Requests with a body are
// refused (413), with a duplicate or malformed Content-Length or with both
// Content-Length and Transfer-Encoding 400, naming a host not allowed 421;
// request targets over max_request_bytes or with more than max_parameters
// query parameters get 414 and header blocks over it 431, each client IP
// gets a token bucket (429 with Retry-After when empty) and at most
// max_connections_per_ip connections, a request's headers must be complete
// within header_timeout_seconds, paths with «..» and unknown files get 404, and
// every error is a JSON body with its status code; a handler that throws
// answers 500 and the server keeps running. Requests too large for the
// library's per-connection memory (4 × max_request_bytes, at least 32 KiB)
// and malformed ones (no Host, a broken request line) are refused by
// libmicrohttpd itself with its own short HTML body (414/431/400): it offers
// no hook for those. Responses carry a Content-Security-Policy that allows only
// the page's own scripts, so text from articles can never run even if it
// reached the markup. API answers are cached (see api.h) and served without
// touching the database until it changes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "oborot/status.h"

namespace oborot::server {

struct ServeOptions {
  std::string db = "oborot.db";
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port (see port())
  double rate = 200;               // requests per second per client IP (0: no limit)
  double burst = 400;              // requests at once per client IP
  // Event-loop threads. Each serves any number of connections; an answer not
  // yet cached (a database query) holds up the other connections of its thread
  // for its duration, so a few threads keep one slow query from stalling all.
  size_t threads = 2;
  size_t max_connections = 1024;    // open connections at once; more are closed on accept
  size_t max_connections_per_ip = 256;  // open connections at once from one client address
  unsigned idle_timeout_seconds = 10;  // an idle kept-alive connection is closed after this
  // A request's line and headers must be complete this long after the
  // connection opened or its previous request ended, however slowly they
  // trickle in (slowloris); the connection is closed otherwise. 0: no limit.
  unsigned header_timeout_seconds = 10;
  size_t max_request_bytes = 8192;  // request target, and all header lines together
  size_t max_parameters = 64;       // query parameters of one request; more: 414
  // Host header names answered besides 127.0.0.1, localhost, [::1] and
  // `host` (any port); a request naming another host gets 421, so that a
  // page on a rebinding domain cannot read the API through the browser.
  std::vector<std::string> allowed_hosts;
  int cache_recheck_ms = 250;       // how often the cached answers check for a changed database
  bool log = false;                 // one line per request on standard error
};

class Server {
 public:
  // Opens the database read-only and binds the socket (connections wait in
  // its backlog until Run()).
  // Errors: those of Api::Open (kNotFound: no such database file, kCorrupt,
  // kUnsupported), kIoError when the address cannot be bound, kInvalidArgument
  // for a bad port.
  static Result<std::unique_ptr<Server>> Create(const ServeOptions& options);
  ~Server();

  int port() const;
  // Serves until Stop(). Errors: kIoError when the server cannot start
  // (threads, epoll).
  Status Run();
  // Thread-safe, also before Run() (which then returns at once); Run()
  // returns soon after.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace oborot::server
