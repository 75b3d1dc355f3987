#include "src/server/api.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <exception>

#include "src/server/html.h"

namespace oborot::server {
namespace {

int HttpStatus(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    default:
      return 500;
  }
}

ApiResponse Ok(const nlohmann::ordered_json& j) { return {200, JsonText(j)}; }

ApiResponse Fail(const Status& st) {
  const int status = HttpStatus(st.code());
  // Database errors name the file; a client needs no more than the kind.
  return {status, Api::ErrorBody(status, status == 500 ? "internal error: " + std::string(StatusCodeName(st.code()))
                                                       : st.message())};
}

// A bounded count from a query parameter; nullopt when it is not a number.
std::optional<size_t> ParseCount(std::string_view s, size_t max) {
  size_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return std::min(v, max);
}

const std::string* Param(const Params& params, std::string_view key) {
  for (const auto& [k, v] : params) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string_view PartnerOf(const std::string& a, const std::string& b) {
  if (a == "BY") return b;
  if (b == "BY") return a;
  if (a.rfind("RU", 0) == 0) return a;
  return b;
}

// Which file the path names (device and inode): another one after the
// database was replaced (deleted and ingested anew, or renamed over).
std::string FileId(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "-";
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Bytes an entry holds beyond its key and body: list and map nodes, headers.
constexpr size_t kEntryOverhead = 128;

}  // namespace

// Borrows a connection from the pool and gives it back when done.
class Api::Lease {
 public:
  explicit Lease(Api& api) : api_(api) {
    auto s = api.Acquire();
    if (s.ok()) {
      store_ = std::move(*s);
    } else {
      status_ = s.status();
    }
  }
  ~Lease() {
    if (store_) api_.Release(std::move(store_));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  bool ok() const { return store_ != nullptr; }
  const Status& status() const { return status_; }
  kb::Db& db() { return store_->db(); }

 private:
  Api& api_;
  std::unique_ptr<kb::Store> store_;
  Status status_;
};

Result<std::unique_ptr<Api>> Api::Open(const std::string& db_path, const ApiOptions& options) {
  std::unique_ptr<Api> api(new Api(db_path, options));
  auto first = api->Acquire();  // fails early on a missing or foreign file
  if (!first.ok()) return first.status();
  api->Release(std::move(*first));
  auto names = LoadPartyNames();
  if (!names.ok()) return names.status();
  api->names_ = std::move(*names);
  for (size_t i = 0; i < api->names_.size(); ++i) api->name_index_.emplace(api->names_[i].code, i);
  auto sectors = LoadSectorNames();
  if (!sectors.ok()) return sectors.status();
  api->sectors_ = std::move(*sectors);
  auto resolver = kb::PartyNames::Load();
  if (!resolver.ok()) return resolver.status();
  api->resolver_ = std::make_unique<kb::PartyNames>(std::move(*resolver));
  api->CheckForChanges();  // the first data_version to compare with
  return api;
}

Api::~Api() = default;

Result<std::unique_ptr<kb::Store>> Api::Acquire() {
  {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (!idle_.empty()) {
      auto s = std::move(idle_.back());
      idle_.pop_back();
      return s;
    }
  }
  return kb::Store::Open(path_, {.read_only = true});
}

void Api::Release(std::unique_ptr<kb::Store> store) {
  std::lock_guard<std::mutex> lock(pool_mu_);
  if (idle_.size() < options_.max_connections) idle_.push_back(std::move(store));
}

void Api::CheckForChanges() {
  const int64_t now = NowNs();
  if (now < next_check_ns_.load(std::memory_order_acquire)) return;
  std::unique_lock<std::mutex> lock(watch_mu_, std::try_to_lock);
  if (!lock.owns_lock()) return;  // another request is checking right now
  if (now < next_check_ns_.load(std::memory_order_acquire)) return;
  const std::string id = FileId(path_);
  const bool replaced = id != file_id_;
  if (replaced) watch_.reset();
  if (!watch_) {
    if (auto s = kb::Store::Open(path_, {.read_only = true}); s.ok()) watch_ = std::move(*s);
  }
  // data_version moves whenever another connection commits; its values are
  // comparable only on one connection, hence the watcher of its own. When it
  // cannot be read (file gone, locked), every check counts as a change.
  int64_t version = -1;
  if (watch_) {
    if (auto v = kb::QueryInt(watch_->db(), "PRAGMA data_version"); v.ok()) version = *v;
  }
  const bool changed = replaced || version < 0 || version != data_version_;
  file_id_ = id;
  data_version_ = version;
  if (changed) {
    {
      std::lock_guard<std::mutex> cache_lock(cache_mu_);
      cache_.clear();
      lru_.clear();
      cache_bytes_ = 0;
      ++generation_;
    }
    if (replaced) {  // pooled connections still read the old file
      std::lock_guard<std::mutex> pool_lock(pool_mu_);
      idle_.clear();
    }
  }
  next_check_ns_.store(NowNs() + std::chrono::duration_cast<std::chrono::nanoseconds>(options_.recheck_interval).count(),
                       std::memory_order_release);
}

Api::CacheStats Api::cache_stats() {
  std::lock_guard<std::mutex> lock(cache_mu_);
  return {lru_.size(), cache_bytes_};
}

void Api::CacheInsert(std::string key, std::shared_ptr<const ApiResponse> r) {
  const size_t size = key.size() + r->body.size() + kEntryOverhead;
  if (options_.cache_entries == 0 || size > options_.cache_bytes / 4) return;  // one answer never fills the cache
  if (cache_.count(key) > 0) return;
  while (!lru_.empty() && (lru_.size() >= options_.cache_entries || cache_bytes_ + size > options_.cache_bytes)) {
    const Entry& last = lru_.back();
    cache_bytes_ -= last.key.size() + last.response->body.size() + kEntryOverhead;
    cache_.erase(last.key);
    lru_.pop_back();
  }
  lru_.push_front(Entry{std::move(key), std::move(r)});
  cache_.emplace(lru_.front().key, lru_.begin());
  cache_bytes_ += size;
}

std::string Api::ErrorBody(int status, std::string_view message) {
  nlohmann::ordered_json j;
  j["error"] = message;
  j["status"] = status;
  return JsonText(j);
}

std::string Api::DisplayName(std::string_view code, bool english) const {
  auto it = name_index_.find(std::string(code));
  if (it == name_index_.end()) return std::string(code);
  const PartyName& n = names_[it->second];
  std::string name = english ? n.en : n.ru;
  // A region of a third country says whose («Карагандинская область (Казахстан)»): among 486 parties a
  // Kazakh or Kyrgyz oblast reads like a Russian one. Russia's and Belarus's own regions need no country.
  if (!n.parent.empty() && n.parent != "RU" && n.parent != "BY") {
    name += " (" + DisplayName(n.parent, english) + ")";
  }
  return name;
}

nlohmann::ordered_json Api::Names() const {
  nlohmann::ordered_json parties = nlohmann::ordered_json::object();
  for (const auto& n : names_) {
    parties[n.code] = {{"ru", n.ru}, {"en", n.en}, {"kind", n.kind}};
    if (!n.parent.empty()) parties[n.code]["parent"] = n.parent;
  }
  nlohmann::ordered_json sectors = nlohmann::ordered_json::object();
  for (const auto& n : sectors_) sectors[n.code] = {{"ru", n.ru}, {"en", n.en}};
  return {{"parties", std::move(parties)}, {"sectors", std::move(sectors)}};
}

Result<nlohmann::ordered_json> Api::Parties() {
  Lease lease(*this);
  if (!lease.ok()) return lease.status();
  auto rows = kb::Parties(lease.db(), 100000);
  if (!rows.ok()) return rows.status();
  auto rates = kb::RateTable::Load(lease.db());
  if (!rates.ok()) return rates.status();
  // The overview is about Belarus: pairs without it (Китай — Россия) go to a
  // list of their own, reachable by search and the party page.
  auto list = nlohmann::ordered_json::array();
  auto others = nlohmann::ordered_json::array();
  for (auto& r : *rows) {
    // The first source of each figure, so the overview can link every number.
    for (auto* f : {&r.actual, &r.target, &r.last_meeting}) {
      if (!*f) continue;
      if (Status st = AddEvidence(lease.db(), **f, 1); !st.ok()) return st;
    }
    nlohmann::ordered_json j = kb::ToJson(r);
    const std::string partner(PartnerOf(r.party_a, r.party_b));
    j["partner"] = partner;
    j["partner_name"] = {{"ru", DisplayName(partner, false)}, {"en", DisplayName(partner, true)}};
    j["progress_percent"] = r.gap_percent ? nlohmann::ordered_json(100.0 - *r.gap_percent) : nlohmann::ordered_json();
    if (r.gap_percent && !r.gap_bound.empty()) j["progress_bound"] = kb::OppositeBound(r.gap_bound);
    // Amounts in US dollars (at the year's rate, when imported) so that the overview sorts
    // 610 million roubles below 500 million dollars rather than above; absent when unknown.
    // Exports too: the flows column sorts by them.
    for (const char* key : {"actual", "target", "exports", "imports"}) {
      const std::string k(key);
      const auto& f = k == "actual" ? r.actual : k == "target" ? r.target : k == "exports" ? r.exports : r.imports;
      if (!f || !f->value) continue;
      const kb::UsdValue usd = kb::ToUsd(*rates, *f->value, f->currency, f->year);
      if (usd.usd) j[key]["value_usd"] = *usd.usd;
    }
    (r.belarus ? list : others).push_back(std::move(j));
  }
  return nlohmann::ordered_json{{"parties", std::move(list)}, {"other_pairs", std::move(others)}};
}

Result<nlohmann::ordered_json> Api::Party(std::string_view code_or_name) {
  Lease lease(*this);
  if (!lease.ok()) return lease.status();
  const kb::PartyNames& names = *resolver_;
  kb::PartyResolver resolve = [&names](std::string_view form) { return names.Resolve(form); };
  auto code = kb::ResolveParty(lease.db(), code_or_name, resolve);
  if (!code.ok()) return code.status();
  auto d = kb::Show(lease.db(), *code, options_.section_limit);
  if (!d.ok()) return d.status();
  size_t figures = 0;
  for (auto* list :
       {&d->figures, &d->targets, &d->changes, &d->flows, &d->meetings, &d->organisations, &d->sectors, &d->projects}) {
    for (auto& f : *list) {
      if (Status st = AddEvidence(lease.db(), f, options_.evidence_limit); !st.ok()) return st;
      ++figures;
    }
  }
  const bool known = name_index_.count(*code) > 0;
  if (!known && figures == 0) return Status(StatusCode::kNotFound, "no party " + *code);
  nlohmann::ordered_json j = kb::ToJson(*d);
  j["name"] = {{"ru", DisplayName(*code, false)}, {"en", DisplayName(*code, true)}};
  return j;
}

Result<nlohmann::ordered_json> Api::Targets() {
  Lease lease(*this);
  if (!lease.ok()) return lease.status();
  auto rows = kb::Targets(lease.db(), 10000);
  if (!rows.ok()) return rows.status();
  auto list = nlohmann::ordered_json::array();
  for (auto& r : *rows) {
    if (Status st = AddEvidence(lease.db(), r.target, options_.evidence_limit); !st.ok()) return st;
    list.push_back(kb::ToJson(r));
  }
  return nlohmann::ordered_json{{"targets", std::move(list)}};
}

Result<nlohmann::ordered_json> Api::Conflicts() {
  Lease lease(*this);
  if (!lease.ok()) return lease.status();
  auto rows = kb::Conflicts(lease.db(), 10000);
  if (!rows.ok()) return rows.status();
  auto list = nlohmann::ordered_json::array();
  for (const auto& r : *rows) list.push_back(kb::ToJson(r));
  return nlohmann::ordered_json{{"conflicts", std::move(list)}};
}

Result<nlohmann::ordered_json> Api::FactList(const FactFilter& filter) {
  Lease lease(*this);
  if (!lease.ok()) return lease.status();
  auto facts = Facts(lease.db(), filter);
  if (!facts.ok()) return facts.status();
  auto total = CountFacts(lease.db(), filter);
  if (!total.ok()) return total.status();
  auto list = nlohmann::ordered_json::array();
  for (const auto& f : *facts) list.push_back(kb::ToJson(f));
  // Paged: `total` facts match; this page holds `facts` from `offset` on.
  return nlohmann::ordered_json{
      {"total", *total}, {"offset", filter.offset}, {"limit", filter.limit}, {"facts", std::move(list)}};
}

Result<nlohmann::ordered_json> Api::Document(std::string_view doc_id) {
  Lease lease(*this);
  if (!lease.ok()) return lease.status();
  auto d = GetDocument(lease.db(), doc_id);
  if (!d.ok()) return d.status();
  if (!*d) return Status(StatusCode::kNotFound, "no document " + std::string(doc_id));
  return ToJson(**d);
}

Result<nlohmann::ordered_json> Api::SearchDocuments(std::string_view query, size_t limit) {
  Lease lease(*this);
  if (!lease.ok()) return lease.status();
  auto hits = kb::Search(lease.db(), query, limit);
  if (!hits.ok()) return hits.status();
  auto list = nlohmann::ordered_json::array();
  for (const auto& h : *hits) list.push_back(kb::ToJson(h));
  return nlohmann::ordered_json{{"query", query}, {"hits", std::move(list)}};
}

Result<std::vector<std::string>> Api::PartyDocuments(std::string_view code, size_t limit) {
  Lease lease(*this);
  if (!lease.ok()) return lease.status();
  return DocumentsOfParty(lease.db(), code, limit);
}

namespace {

// A request's parameters must all be known to its endpoint: a misspelt one
// (`?yaer=2023`) would otherwise be ignored and the answer silently wrong.
// Returns the unknown names, comma-separated, or "" when all are known.
std::string UnknownParams(const Params& params, std::initializer_list<std::string_view> known) {
  std::vector<std::string_view> names;
  for (const auto& [k, v] : params) {
    if (std::find(known.begin(), known.end(), k) != known.end()) continue;
    if (std::find(names.begin(), names.end(), k) == names.end()) names.push_back(k);
  }
  std::string unknown;
  for (std::string_view k : names) unknown += (unknown.empty() ? "" : ", ") + std::string(k);
  return unknown;
}

// Each parameter takes one value: `?year=2022&year=2023` would otherwise
// answer for one of them as if it were the only one. Returns the names given
// more than once, comma-separated, or "".
std::string RepeatedParams(const Params& params) {
  std::vector<std::string_view> repeated;
  for (size_t i = 0; i < params.size(); ++i) {
    const std::string& k = params[i].first;
    if (std::find(repeated.begin(), repeated.end(), k) != repeated.end()) continue;
    for (size_t j = i + 1; j < params.size(); ++j) {
      if (params[j].first == k) {
        repeated.push_back(k);
        break;
      }
    }
  }
  std::string out;
  for (std::string_view k : repeated) out += (out.empty() ? "" : ", ") + std::string(k);
  return out;
}

// A date parameter: YYYY, YYYY-MM or YYYY-MM-DD, made a YYYY-MM-DD bound
// (`end`: the last day). nullopt when malformed.
std::optional<std::string> DateParam(const std::string& s, bool end) {
  if (!kb::DateRange::ValidBound(s)) return std::nullopt;  // "----------", "2023-02-30", "2023-13"
  if (s.size() == 4 && s.find('-') == std::string::npos) return s + (end ? "-12-31" : "-01-01");
  if (s.size() == 7 && s[4] == '-') return s + (end ? "-31" : "-01");
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') return s;
  return std::nullopt;
}

}  // namespace

ApiResponse Api::Route(std::string_view path, const Params& params) {
  auto answer = [](const Result<nlohmann::ordered_json>& r) { return r.ok() ? Ok(*r) : Fail(r.status()); };
  auto refuse = [&](std::initializer_list<std::string_view> known) -> std::optional<ApiResponse> {
    const std::string unknown = UnknownParams(params, known);
    if (unknown.empty()) {
      const std::string repeated = RepeatedParams(params);
      if (repeated.empty()) return std::nullopt;
      return ApiResponse{400, ErrorBody(400, "parameter " + repeated + " given more than once (each takes one value)")};
    }
    std::string allowed;
    for (auto k : known) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
    return ApiResponse{400, ErrorBody(400, "unknown parameter " + unknown + " (this endpoint takes " +
                                               (allowed.empty() ? std::string("none") : allowed) + ")")};
  };
  auto tail = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (path.size() <= prefix.size() || path.substr(0, prefix.size()) != prefix) return std::nullopt;
    return path.substr(prefix.size());
  };
  if (path == "/api/names") {
    if (auto r = refuse({})) return *r;
    return Ok(Names());
  }
  if (path == "/api/parties") {
    if (auto r = refuse({})) return *r;
    return answer(Parties());
  }
  if (path == "/api/targets") {
    if (auto r = refuse({})) return *r;
    return answer(Targets());
  }
  if (path == "/api/conflicts") {
    if (auto r = refuse({})) return *r;
    return answer(Conflicts());
  }
  if (auto code = tail("/api/parties/")) {
    if (auto r = refuse({})) return *r;
    if (code->size() > 200) return {400, ErrorBody(400, "party too long")};
    return answer(Party(*code));
  }
  if (auto id = tail("/api/documents/")) {
    if (auto r = refuse({})) return *r;
    if (id->size() > 1000) return {400, ErrorBody(400, "document id too long")};
    return answer(Document(*id));
  }
  if (path == "/api/facts") {
    if (auto r = refuse({"party", "type", "year", "from", "to", "limit", "offset"})) return *r;
    FactFilter f;
    f.evidence_limit = options_.evidence_limit;
    if (const auto* p = Param(params, "party"); p && !p->empty()) {
      const kb::PartyNames& names = *resolver_;
      Lease lease(*this);
      if (!lease.ok()) return Fail(lease.status());
      auto code = kb::ResolveParty(lease.db(), *p, [&names](std::string_view s) { return names.Resolve(s); });
      if (!code.ok()) return Fail(code.status());
      f.party = *code;
    }
    if (const auto* t = Param(params, "type"); t && !t->empty()) {
      if (!IsFactType(*t)) return {400, ErrorBody(400, "unknown fact type \"" + *t + "\"")};
      f.type = *t;
    }
    if (const auto* y = Param(params, "year"); y && !y->empty()) {
      auto year = ParseCount(*y, 10000);
      if (!year || *year < 1900 || *year > 2100)
        return {400, ErrorBody(400, "year must be a number from 1900 to 2100")};
      f.year = static_cast<int64_t>(*year);
    }
    if (const auto* l = Param(params, "limit"); l && !l->empty()) {
      auto limit = ParseCount(*l, 1000);
      if (!limit) return {400, ErrorBody(400, "limit must be a number")};
      f.limit = *limit;
    }
    if (const auto* o = Param(params, "offset"); o && !o->empty()) {
      auto offset = ParseCount(*o, 100000000);
      if (!offset) return {400, ErrorBody(400, "offset must be a number")};
      f.offset = *offset;
    }
    for (const auto& [name, end] : {std::pair<const char*, bool>{"from", false}, {"to", true}}) {
      if (const auto* d = Param(params, name); d && !d->empty()) {
        auto date = DateParam(*d, end);
        if (!date) return {400, ErrorBody(400, std::string(name) + " must be a date: YYYY, YYYY-MM or YYYY-MM-DD")};
        (end ? f.to : f.from) = *date;
      }
    }
    return answer(FactList(f));
  }
  if (path == "/api/search") {
    if (auto r = refuse({"q", "limit"})) return *r;
    const auto* q = Param(params, "q");
    if (!q || q->empty()) return {400, ErrorBody(400, "missing parameter q")};
    if (q->size() > 500) return {400, ErrorBody(400, "query too long")};
    size_t limit = 20;
    if (const auto* l = Param(params, "limit"); l && !l->empty()) {
      auto n = ParseCount(*l, 100);
      if (!n) return {400, ErrorBody(400, "limit must be a number")};
      limit = *n;
    }
    return answer(SearchDocuments(*q, limit));
  }
  return {404, ErrorBody(404, "no such endpoint")};
}

ApiResponse Api::Get(std::string_view path, const Params& params) {
  auto r = GetShared(path, params);
  return {r->status, r->body};
}

std::shared_ptr<const ApiResponse> Api::GetShared(std::string_view path, const Params& params) {
  auto finish = [this](ApiResponse&& answer) -> std::shared_ptr<const ApiResponse> {
    auto r = std::make_shared<ApiResponse>(std::move(answer));
    if (options_.prepare) {
      try {
        r->prepared = options_.prepare(*r);
      } catch (...) {
        r->prepared = nullptr;  // the answer stands; the caller copes without
      }
    }
    return r;
  };
  auto internal_error = [&finish](std::string_view what) { return finish({500, ErrorBody(500, what)}); };
  try {
    if (options_.cache_entries == 0) return finish(Route(path, params));
    CheckForChanges();
    std::string key(path);
    for (const auto& [k, v] : params) key += "\x1f" + k + "=" + v;
    std::shared_ptr<InFlight> flight;
    uint64_t generation = 0;
    {
      std::lock_guard<std::mutex> lock(cache_mu_);
      generation = generation_;
      if (auto it = cache_.find(key); it != cache_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second);  // most recently used; iterators stay valid
        return it->second->response;
      }
      if (auto f = in_flight_.find(key); f != in_flight_.end()) {
        flight = f->second;
      } else {
        in_flight_.emplace(key, std::make_shared<InFlight>());
      }
    }
    if (flight) {  // another request is computing this answer: wait for it
      std::unique_lock<std::mutex> lock(flight->mu);
      flight->cv.wait(lock, [&] { return flight->done; });
      return flight->response;
    }
    std::shared_ptr<const ApiResponse> r;
    try {
      r = finish(Route(path, params));
    } catch (...) {
      r = internal_error("internal error");
    }
    {
      std::lock_guard<std::mutex> lock(cache_mu_);
      auto f = in_flight_.find(key);
      flight = f->second;
      in_flight_.erase(f);
      // Not kept when the database changed while it was computed: it may hold either state.
      if (r->status != 500 && generation_ == generation) CacheInsert(std::move(key), r);
    }
    {
      std::lock_guard<std::mutex> lock(flight->mu);
      flight->response = r;
      flight->done = true;
    }
    flight->cv.notify_all();
    return r;
  } catch (const std::exception& e) {
    return internal_error(std::string("internal error: ") + e.what());
  } catch (...) {
    return internal_error("internal error");
  }
}

}  // namespace oborot::server
