// The dashboard's JSON API over a knowledge base opened read-only: the same
// answers for `oborot serve` (over HTTP) and `oborot report` (inlined).
//
//   auto api = oborot::server::Api::Open("oborot.db", {});
//   if (!api.ok()) return api.status();
//   ApiResponse r = (*api)->Get("/api/parties/RU-KLU", {});
//   // r.status == 200, r.body == "{\"party\":\"RU-KLU\",...}"
//
// Routes (GET): /api/names (party and sector names in both languages), /api/parties, /api/parties/{code or name},
// /api/targets, /api/facts?party=&type=&year=&limit=, /api/documents/{id},
// /api/search?q=&limit=. Errors never throw: they are JSON bodies
// {"error": message, "status": code} with 400 (bad parameter), 404 (unknown
// route, party or document) or 500 (database error).
//
// Thread-safe: each call borrows one of a pool of read-only SQLite
// connections. Answers are cached (least recently used first out, bounded in
// entries and bytes) until the database changes: at most every
// `recheck_interval`, a request asks SQLite's `PRAGMA data_version` on a
// watching connection (it moves on every commit by another connection, e.g. an
// `oborot ingest`) and the file's inode (a replaced file); on a change the
// cache and the idle connections are dropped. So a change becomes visible to
// the first request after the interval.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "oborot/status.h"
#include "src/kb/names.h"
#include "src/kb/store.h"
#include "src/server/queries.h"

namespace oborot::server {

struct ApiResponse;

struct ApiOptions {
  size_t max_connections = 32;  // idle read-only connections kept open
  size_t section_limit = 200;   // rows per dossier section
  size_t evidence_limit = 10;   // sources per merged fact
  size_t cache_entries = 1024;               // cached answers (0: no cache)
  size_t cache_bytes = size_t{64} << 20;     // bytes of cached keys and bodies
  std::chrono::milliseconds recheck_interval{250};  // how often a request checks for database changes
  // Called once on each answer computed, in its final place, before it is
  // shared; what it returns is kept with the answer (ApiResponse::prepared).
  // For the HTTP server's ready-made responses. Must not keep the reference;
  // when it throws, the answer goes out with nothing prepared.
  std::function<std::shared_ptr<void>(const ApiResponse&)> prepare;
};

struct ApiResponse {
  ApiResponse() = default;
  ApiResponse(int s, std::string b) : status(s), body(std::move(b)) {}

  int status = 200;
  std::string body;  // JSON
  // ApiOptions::prepare's result for this answer (null without prepare, and
  // in the copies Get() returns). May point into `body`: declared after it, so
  // destroyed first.
  std::shared_ptr<void> prepared;
};

// Decoded query parameters, in request order.
using Params = std::vector<std::pair<std::string, std::string>>;

class Api {
 public:
  // Opens the database read-only. Errors: as kb::Store::Open (kNotFound when
  // the file does not exist, kCorrupt, kUnsupported), data-layer errors for names.
  static Result<std::unique_ptr<Api>> Open(const std::string& db_path, const ApiOptions& options);
  ~Api();

  // Answers a GET of `path` (already percent-decoded). Never throws.
  ApiResponse Get(std::string_view path, const Params& params);
  // The same without copying: the cached answer itself (never null), shared
  // with the cache and other callers, alive as long as the pointer.
  std::shared_ptr<const ApiResponse> GetShared(std::string_view path, const Params& params);

  // The answers as JSON values, for the report. Errors as Status.
  nlohmann::ordered_json Names() const;
  Result<nlohmann::ordered_json> Parties();
  Result<nlohmann::ordered_json> Party(std::string_view code_or_name);
  Result<nlohmann::ordered_json> Targets();
  // {"conflicts": [{"figures": [...]}]}: disagreeing figures, each with all its sources.
  Result<nlohmann::ordered_json> Conflicts();
  Result<nlohmann::ordered_json> FactList(const FactFilter& filter);
  Result<nlohmann::ordered_json> Document(std::string_view doc_id);
  Result<nlohmann::ordered_json> SearchDocuments(std::string_view query, size_t limit);
  Result<std::vector<std::string>> PartyDocuments(std::string_view code, size_t limit);

  // What the answer cache holds now (for tests and monitoring).
  struct CacheStats {
    size_t entries = 0;
    size_t bytes = 0;  // keys, bodies and a fixed overhead per entry
  };
  CacheStats cache_stats();

  // Error body: {"error": message, "status": status}.
  static std::string ErrorBody(int status, std::string_view message);

 private:
  class Lease;
  Api(std::string path, ApiOptions options) : path_(std::move(path)), options_(options) {}
  Result<std::unique_ptr<kb::Store>> Acquire();
  void Release(std::unique_ptr<kb::Store> store);
  // Drops the cache when the database has changed since the last check; does
  // nothing when checked less than recheck_interval ago or being checked.
  void CheckForChanges();
  void CacheInsert(std::string key, std::shared_ptr<const ApiResponse> r);  // under cache_mu_
  ApiResponse Route(std::string_view path, const Params& params);
  std::string DisplayName(std::string_view code, bool english) const;

  std::string path_;
  ApiOptions options_;
  std::vector<PartyName> names_;
  std::vector<PartyName> sectors_;  // code: the sector id
  std::unordered_map<std::string, size_t> name_index_;
  std::unique_ptr<kb::PartyNames> resolver_;

  std::mutex pool_mu_;
  std::vector<std::unique_ptr<kb::Store>> idle_;

  // An answer being computed: concurrent requests for the same key wait for
  // it instead of all querying the database (200 clients opening the page at once).
  struct InFlight {
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    std::shared_ptr<const ApiResponse> response;
  };
  struct Entry {
    std::string key;
    std::shared_ptr<const ApiResponse> response;  // shared: callers read it outside the lock
  };
  std::mutex cache_mu_;
  uint64_t generation_ = 0;  // bumped whenever the cache is dropped for a change
  std::list<Entry> lru_;     // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> cache_;  // keys view lru_ entries
  size_t cache_bytes_ = 0;
  std::unordered_map<std::string, std::shared_ptr<InFlight>> in_flight_;

  // Change detection (under watch_mu_): a connection of its own for
  // data_version, and the inode the pool's connections were opened on.
  std::mutex watch_mu_;
  std::atomic<int64_t> next_check_ns_{0};
  std::unique_ptr<kb::Store> watch_;
  int64_t data_version_ = -1;
  std::string file_id_;
};

}  // namespace oborot::server
