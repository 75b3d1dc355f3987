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
// connections. Answers are cached until the database file changes (an
// `oborot ingest` elsewhere), checked by the size and time of the file and its WAL.
#pragma once

#include <condition_variable>
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

struct ApiOptions {
  size_t max_connections = 32;  // idle read-only connections kept open
  size_t section_limit = 200;   // rows per dossier section
  size_t evidence_limit = 10;   // sources per merged fact
  size_t cache_entries = 1024;  // cached answers (0: no cache)
};

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON
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

  // The answers as JSON values, for the report. Errors as Status.
  nlohmann::ordered_json Names() const;
  Result<nlohmann::ordered_json> Parties();
  Result<nlohmann::ordered_json> Party(std::string_view code_or_name);
  Result<nlohmann::ordered_json> Targets();
  Result<nlohmann::ordered_json> FactList(const FactFilter& filter);
  Result<nlohmann::ordered_json> Document(std::string_view doc_id);
  Result<nlohmann::ordered_json> SearchDocuments(std::string_view query, size_t limit);
  Result<std::vector<std::string>> PartyDocuments(std::string_view code, size_t limit);

  // Error body: {"error": message, "status": status}.
  static std::string ErrorBody(int status, std::string_view message);

 private:
  class Lease;
  Api(std::string path, ApiOptions options) : path_(std::move(path)), options_(options) {}
  Result<std::unique_ptr<kb::Store>> Acquire();
  void Release(std::unique_ptr<kb::Store> store);
  std::string Generation() const;
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
    ApiResponse response;
  };
  std::mutex cache_mu_;
  std::string cache_generation_;
  std::unordered_map<std::string, std::shared_ptr<const ApiResponse>> cache_;  // shared: copied outside the lock
  std::unordered_map<std::string, std::shared_ptr<InFlight>> in_flight_;
};

}  // namespace oborot::server
