// The dashboard's HTTP server: the JSON API of api.h and the embedded web
// page of assets.h, on cpp-httplib (Debian's libcpp-httplib).
//
//   auto server = oborot::server::Server::Create({.db = "oborot.db", .port = 8080});
//   if (!server.ok()) { Report(server.status()); return 1; }
//   std::cout << "http://127.0.0.1:" << (*server)->port() << "/\n";
//   Status st = (*server)->Run();   // blocks until Stop() (from another thread)
//
// Read-only by construction: the database is opened read-only and only GET
// and HEAD are answered (others: 405). Requests with a body are refused (413),
// each client IP gets a token bucket (429 when empty), paths with «..» and
// unknown files get 404, and every error is a JSON body with its status code;
// a handler that throws answers 500 and the server keeps running.
// Responses carry a Content-Security-Policy that allows only the page's own
// scripts, so text from articles can never run even if it reached the markup.
#pragma once

#include <memory>
#include <string>

#include "oborot/status.h"

namespace oborot::server {

struct ServeOptions {
  std::string db = "oborot.db";
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port (see port())
  double rate = 200;               // requests per second per client IP (0: no limit)
  double burst = 400;              // requests at once per client IP
  // Worker threads. cpp-httplib serves one connection per thread for as long
  // as it is kept alive, so this is also the number of concurrent clients
  // served without queueing; idle threads cost only their stacks.
  size_t threads = 256;
  size_t max_request_bytes = 8192;  // payload limit (requests with a body are refused anyway)
  bool log = false;                 // one line per request on standard error
};

class Server {
 public:
  // Opens the database read-only and binds the socket.
  // Errors: those of Api::Open (kNotFound: no such database file, kCorrupt,
  // kUnsupported), kIoError when the address cannot be bound, kInvalidArgument
  // for a bad port.
  static Result<std::unique_ptr<Server>> Create(const ServeOptions& options);
  ~Server();

  int port() const;
  // Serves until Stop(). Errors: kIoError when the listening socket fails.
  Status Run();
  // Thread-safe; Run() returns soon after.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace oborot::server
