// oborot serve --db PATH [--host 127.0.0.1] [--port 8080]: the dashboard: a
// read-only JSON API and the web page (embedded in the binary) over HTTP.
#include <iostream>

#include "src/cli/command.h"
#include "src/server/server.h"

namespace oborot::cli {
namespace {

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<server::ServeOptions>();
  app.add_option("--db", o->db, "the knowledge base file (default oborot.db), opened read-only")->envname("OBOROT_DB");
  app.add_option("--host", o->host, "address to listen on (default 127.0.0.1: this machine only)");
  app.add_option("--port", o->port, "port to listen on (default 8080; 0: any free port, printed)")
      ->check(CLI::Range(0, 65535));
  app.add_option("--rate", o->rate, "requests per second allowed per client IP (default 200; 0: no limit)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--burst", o->burst, "requests at once allowed per client IP (default 400)")
      ->check(CLI::PositiveNumber);
  app.add_option("--threads", o->threads,
                 "event-loop threads, each serving many connections; more keep one slow query from holding up "
                 "others (default 2)")
      ->check(CLI::Range(1, 64));
  app.add_option("--max-connections", o->max_connections, "open connections at once; more are refused (default 1024)")
      ->check(CLI::Range(1, 100000));
  app.add_option("--max-connections-per-ip", o->max_connections_per_ip,
                 "open connections at once from one client address (default 256)")
      ->check(CLI::Range(1, 100000));
  app.add_option("--header-timeout", o->header_timeout_seconds,
                 "seconds a client has to send a request's headers, however slowly (default 10; 0: no limit)")
      ->check(CLI::Range(0, 3600));
  app.add_option("--max-parameters", o->max_parameters,
                 "query parameters allowed in one request; more get 414 (default 64)")
      ->check(CLI::Range(1, 100000));
  app.add_option("--allow-host", o->allowed_hosts,
                 "also answer requests for this Host name (repeatable; 127.0.0.1, localhost, [::1] and --host "
                 "always are; others get 421)");
  app.add_flag("--log", o->log, "print one line per request on standard error");
  return [o]() -> int {
    auto srv = server::Server::Create(*o);
    if (!srv.ok()) {
      std::cerr << "oborot: " << srv.status().message() << "\n";
      return srv.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitSomeFailed;
    }
    const std::string shown_host = o->host.find(':') != std::string::npos ? "[" + o->host + "]" : o->host;
    std::cout << "oborot: serving " << o->db << " on http://" << shown_host << ":" << (*srv)->port() << "/"
              << std::endl;
    if (Status st = (*srv)->Run(); !st.ok()) {
      std::cerr << "oborot: " << st.message() << "\n";
      return kExitSomeFailed;
    }
    return kExitOk;
  };
}

const Registrar kReg("serve", "serve the dashboard (web page and read-only JSON API) over HTTP", Setup);

}  // namespace
}  // namespace oborot::cli
