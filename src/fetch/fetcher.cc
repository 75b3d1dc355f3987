#include "src/fetch/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <map>
#include <optional>
#include <set>

#include "src/fetch/robots.h"
#include "src/fetch/url.h"
#include "src/fetch/warc.h"

namespace oborot::fetch {
namespace {

using Clock = std::chrono::steady_clock;
using Ms = std::chrono::milliseconds;

bool AllowedType(const std::string& type, RequestKind kind) {
  if (type.empty()) return true;  // no header: the body decides
  if (kind == RequestKind::kRobots) return true;
  if (type == "text/html" || type == "application/xhtml+xml" || type == "text/xml" || type == "application/xml") {
    return true;
  }
  return type.size() > 4 && type.compare(type.size() - 4, 4, "+xml") == 0;  // rss+xml, atom+xml, rdf+xml
}

bool IsRedirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// libcurl's codes for a connection that broke once made: reset by the peer,
// closed before the declared length or the last chunk, closed with no answer.
bool BrokenMidway(CURLcode rc) {
  return rc == CURLE_PARTIAL_FILE || rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR || rc == CURLE_GOT_NOTHING ||
         rc == CURLE_HTTP2 || rc == CURLE_HTTP2_STREAM;
}

bool Retryable(long status) { return status == 429 || (status >= 500 && status <= 599 && status != 501); }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string TrimLine(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// Retry-After: delay-seconds or an HTTP date; milliseconds from now, or -1.
long RetryAfterMs(const std::string& v) {
  if (v.empty()) return -1;
  if (std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return v.size() > 9 ? 1000L * 1000000000L : std::stol(v) * 1000;
  }
  const time_t when = curl_getdate(v.c_str(), nullptr);
  if (when < 0) return -1;
  const time_t now = std::time(nullptr);
  return when > now ? static_cast<long>(when - now) * 1000 : 0;
}

struct Host;

struct Transfer {
  FetchRequest req;
  FetchResponse resp;
  Host* host = nullptr;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  char errbuf[CURL_ERROR_SIZE] = {0};
  std::string abort_reason;
  std::string retry_after;
  bool checked_type = false;
  size_t max_bytes = 0;
  bool Finished() const { return easy == nullptr; }
};

struct Waiting {
  FetchRequest req;
  Clock::time_point not_before;
};

struct Host {
  std::string origin;
  enum class RobotsState { kUnknown, kFetching, kReady } robots_state = RobotsState::kUnknown;
  Robots robots;
  std::string robots_error;  // robots.txt could not be had: nothing is fetched here
  std::deque<Waiting> queue;
  int active = 0;
  Clock::time_point next_ok{};
  long delay_ms = 0;
};

}  // namespace

struct Fetcher::Impl {
  FetcherOptions o;
  Done done;
  CURLM* multi = nullptr;
  std::map<std::string, Host> hosts;
  int active = 0;
  size_t sent = 0;

  ~Impl() {
    if (multi) curl_multi_cleanup(multi);
  }

  static size_t OnHeader(char* data, size_t size, size_t n, void* p) {
    auto* t = static_cast<Transfer*>(p);
    const std::string_view line(data, size * n);
    if (line.rfind("HTTP/", 0) == 0) {  // a new response (after a 100 Continue): forget the previous headers
      t->resp.etag.clear();
      t->resp.last_modified.clear();
      t->retry_after.clear();
      return size * n;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return size * n;
    const std::string name = Lower(TrimLine(line.substr(0, colon)));
    const std::string value = TrimLine(line.substr(colon + 1));
    if (name == "etag") {
      t->resp.etag = value;
    } else if (name == "last-modified") {
      t->resp.last_modified = value;
    } else if (name == "retry-after") {
      t->retry_after = value;
    }
    return size * n;
  }

  static size_t OnBody(char* data, size_t size, size_t n, void* p) {
    auto* t = static_cast<Transfer*>(p);
    if (!t->checked_type) {
      t->checked_type = true;
      long status = 0;
      curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
      const char* ct = nullptr;
      curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ct);
      if (ct) SplitContentType(ct, &t->resp.content_type, &t->resp.charset);
      if (status >= 200 && status <= 299 && !AllowedType(t->resp.content_type, t->req.kind)) {
        t->abort_reason = "not HTML or XML (" + t->resp.content_type + ")";
        return 0;
      }
    }
    if (t->resp.body.size() + size * n > t->max_bytes) {
      t->abort_reason = "too large (over " + std::to_string(t->max_bytes) + " bytes)";
      return 0;
    }
    t->resp.body.append(data, size * n);
    return size * n;
  }

  Host& HostOf(const std::string& origin) {
    Host& h = hosts[origin];
    if (h.origin.empty()) {
      h.origin = origin;
      h.delay_ms = o.host_delay_ms;
      if (!o.robots) h.robots_state = Host::RobotsState::kReady;
    }
    return h;
  }

  void Add(FetchRequest req, Clock::time_point not_before = Clock::time_point{}) {
    if (req.original.empty()) req.original = req.url;
    auto origin = Origin(req.url);
    if (!origin.ok()) {
      FetchResponse resp;
      resp.url = req.url;
      resp.error = "not a valid http(s) URL";
      done(req, resp);
      return;
    }
    HostOf(*origin).queue.push_back({std::move(req), not_before});
  }

  void Start(Host& h, FetchRequest req) {
    auto* t = new Transfer;
    t->req = std::move(req);
    t->host = &h;
    t->resp.url = t->req.url;
    t->max_bytes = t->req.kind == RequestKind::kRobots ? size_t{500} * 1024 : o.max_page_bytes;
    CURL* e = curl_easy_init();
    if (!e) throw std::bad_alloc();
    t->easy = e;
    curl_easy_setopt(e, CURLOPT_URL, t->req.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, t);
    curl_easy_setopt(e, CURLOPT_USERAGENT, o.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o.timeout_ms);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // gzip, deflate, ... decoded by libcurl
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t->max_bytes));
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Impl::OnHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Impl::OnBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
    if (t->req.kind == RequestKind::kRobots) {
      curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);  // RFC 9309: at least five hops
      curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
    }
    t->headers = curl_slist_append(
        t->headers, "Accept: text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                    "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1");
    if (!t->req.etag.empty()) t->headers = curl_slist_append(t->headers, ("If-None-Match: " + t->req.etag).c_str());
    if (!t->req.last_modified.empty()) {
      t->headers = curl_slist_append(t->headers, ("If-Modified-Since: " + t->req.last_modified).c_str());
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
    curl_multi_add_handle(multi, e);
    ++h.active;
    ++active;
    ++sent;
    h.next_ok = Clock::now() + Ms(h.delay_ms);
  }

  void Finish(Transfer* t) {
    curl_multi_remove_handle(multi, t->easy);
    curl_easy_cleanup(t->easy);
    t->easy = nullptr;
    curl_slist_free_all(t->headers);
    t->headers = nullptr;
    --t->host->active;
    --active;
  }

  void Fail(FetchRequest& req, FetchResponse& resp, std::string why) {
    resp.error = std::move(why);
    resp.body.clear();
    done(req, resp);
  }

  void RobotsDone(Host& h, FetchResponse& resp) {
    if (resp.error.empty() && resp.status >= 200 && resp.status <= 299) {
      h.robots = Robots::Parse(resp.body, o.robots_agent);
    } else if (resp.error.empty() && resp.status >= 400 && resp.status <= 499) {
      h.robots = Robots::AllowAll();
    } else {
      h.robots = Robots::DisallowAll();
      h.robots_error = "robots.txt of " + h.origin + " unavailable (" +
                       (resp.error.empty() ? "HTTP " + std::to_string(resp.status) : resp.error) +
                       "), so nothing is fetched from that host";
    }
    if (auto d = h.robots.crawl_delay()) {
      h.delay_ms = std::max(h.delay_ms, static_cast<long>(std::min(*d, 60.0) * 1000));
    }
    h.robots_state = Host::RobotsState::kReady;
  }

  // A retry of `req` after its delay, or false when it has had its tries.
  bool Retry(Transfer* t) {
    if (t->req.attempt >= o.retries) return false;
    const long backoff = static_cast<long>(std::min<double>(
        static_cast<double>(o.max_wait_ms), static_cast<double>(o.backoff_ms) * std::pow(2.0, t->req.attempt)));
    const long asked = RetryAfterMs(t->retry_after);
    const long wait = std::min(o.max_wait_ms, std::max(backoff, asked));
    const auto at = Clock::now() + Ms(wait);
    if (asked >= 0) t->host->next_ok = std::max(t->host->next_ok, at);  // the host asked us to slow down
    FetchRequest again = std::move(t->req);
    ++again.attempt;
    t->host->queue.push_front({std::move(again), at});
    return true;
  }

  void Completed(Transfer* t, CURLcode rc) {
    long status = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    t->resp.status = static_cast<int>(status);
    if (t->resp.content_type.empty()) {
      const char* ct = nullptr;
      curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ct);
      if (ct) SplitContentType(ct, &t->resp.content_type, &t->resp.charset);
    }
    std::string redirect;
    if (IsRedirect(status)) {
      const char* loc = nullptr;
      curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &loc);
      if (loc) redirect = loc;
    }
    if (t->req.kind == RequestKind::kRobots) {
      const char* eff = nullptr;
      curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &eff);
      if (eff) t->resp.url = eff;
    }
    const long elapsed_timeout = o.timeout_ms;
    const std::string err = t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc);
    Finish(t);
    std::unique_ptr<Transfer> owned(t);
    Host& h = *t->host;

    std::string failure;
    if (rc != CURLE_OK) {
      if (!t->abort_reason.empty()) {
        failure = t->abort_reason;
      } else if (rc == CURLE_FILESIZE_EXCEEDED) {
        failure = "too large (over " + std::to_string(t->max_bytes) + " bytes)";
      } else if (rc == CURLE_OPERATION_TIMEDOUT) {
        if (Retry(t)) return;
        failure = "timed out (" + std::to_string(elapsed_timeout) + " ms) after " + std::to_string(t->req.attempt + 1) +
                  " attempts";
      } else if (BrokenMidway(rc)) {
        // The connection broke after it was made (reset, closed before the
        // body's end, no answer at all): as transient as a time-out, so it is
        // retried in this run; what was received of the body is dropped with
        // this transfer, never passed on.
        const size_t got = t->resp.body.size();
        if (Retry(t)) return;
        failure = "connection lost mid-answer (" + err + "; " + std::to_string(got) + " bytes received) after " +
                  std::to_string(t->req.attempt + 1) + " attempts";
      } else if (rc == CURLE_COULDNT_RESOLVE_HOST) {
        failure = "cannot resolve the host name (" + err + ")";
      } else if (rc == CURLE_COULDNT_CONNECT) {
        failure = "connection refused or unreachable (" + err + ")";
      } else {
        failure = err;
      }
    } else if (Retryable(status)) {
      if (Retry(t)) return;
      failure = "HTTP " + std::to_string(status) + " after " + std::to_string(t->req.attempt + 1) + " attempts";
    } else if (t->req.kind != RequestKind::kRobots && IsRedirect(status)) {
      if (redirect.empty()) {
        failure = "HTTP " + std::to_string(status) + " without a Location";
      } else if (std::find(t->req.chain.begin(), t->req.chain.end(), redirect) != t->req.chain.end() ||
                 redirect == t->req.url) {
        failure = "redirect loop:";
        for (const std::string& hop : t->req.chain) failure += " " + hop + " ->";
        failure += " " + t->req.url + " -> " + redirect;
      } else if (static_cast<int>(t->req.chain.size()) >= o.max_redirects) {
        failure = "too many redirects (more than " + std::to_string(o.max_redirects) + ")";
      } else {
        FetchRequest next = std::move(t->req);
        next.chain.push_back(next.url);
        next.url = redirect;
        next.attempt = 0;
        Add(std::move(next));
        return;
      }
    } else if (status == 304) {
      // not modified: passed on as it is
    } else if (status < 200 || status > 299) {
      if (t->req.kind != RequestKind::kRobots) failure = "HTTP " + std::to_string(status);
    }
    if (t->req.kind == RequestKind::kRobots) {
      if (!failure.empty()) t->resp.error = failure;
      RobotsDone(h, t->resp);
      return;
    }
    if (!failure.empty()) {
      Fail(t->req, t->resp, failure);
      return;
    }
    done(t->req, t->resp);
  }

  // Starts what may start now; returns the time until something else may.
  long StartReady() {
    const auto now = Clock::now();
    long wait = 200;
    for (auto& [origin, h] : hosts) {
      if (h.queue.empty()) continue;
      if (h.robots_state == Host::RobotsState::kUnknown) {
        if (active >= o.total_connections) continue;
        FetchRequest robots;
        robots.url = origin + "/robots.txt";
        robots.original = robots.url;
        robots.kind = RequestKind::kRobots;
        h.robots_state = Host::RobotsState::kFetching;
        Start(h, std::move(robots));
        continue;
      }
      if (h.robots_state == Host::RobotsState::kFetching) {
        // Only robots.txt itself may go (a retry of it after a 5xx or a time-out).
        auto it = std::find_if(h.queue.begin(), h.queue.end(),
                               [](const Waiting& w) { return w.req.kind == RequestKind::kRobots; });
        if (it == h.queue.end() || h.active > 0) continue;
        if (it->not_before > now) {
          wait = std::min<long>(wait, std::chrono::duration_cast<Ms>(it->not_before - now).count() + 1);
          continue;
        }
        FetchRequest robots = std::move(it->req);
        h.queue.erase(it);
        Start(h, std::move(robots));
        continue;
      }
      while (!h.queue.empty() && h.active < o.host_connections && active < o.total_connections) {
        if (now < h.next_ok) {
          wait = std::min<long>(wait, std::chrono::duration_cast<Ms>(h.next_ok - now).count() + 1);
          break;
        }
        auto it = std::find_if(h.queue.begin(), h.queue.end(), [&](const Waiting& w) { return w.not_before <= now; });
        if (it == h.queue.end()) {
          for (const Waiting& w : h.queue) {
            wait = std::min<long>(wait, std::chrono::duration_cast<Ms>(w.not_before - now).count() + 1);
          }
          break;
        }
        FetchRequest req = std::move(it->req);
        h.queue.erase(it);
        auto path = PathAndQuery(req.url);
        if (!path.ok() || !h.robots.Allowed(*path)) {
          FetchResponse resp;
          resp.url = req.url;
          Fail(req, resp, h.robots_error.empty() ? "disallowed by robots.txt" : h.robots_error);
          continue;  // `done` may have added to this host's queue
        }
        Start(h, std::move(req));
      }
    }
    return std::max<long>(wait, 0);
  }

  bool Pending() const {
    if (active > 0) return true;
    for (const auto& [origin, h] : hosts) {
      if (!h.queue.empty()) return true;
    }
    return false;
  }

  void Run() {
    while (Pending()) {
      const long wait = StartReady();
      int running = 0;
      curl_multi_perform(multi, &running);
      int left = 0;
      while (CURLMsg* m = curl_multi_info_read(multi, &left)) {
        if (m->msg != CURLMSG_DONE) continue;
        Transfer* t = nullptr;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &t);
        Completed(t, m->data.result);
      }
      if (!Pending()) break;
      curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::min<long>(wait, 200)), nullptr);
    }
  }
};

Fetcher::Fetcher(FetcherOptions options, Done done) : impl_(std::make_unique<Impl>()) {
  static const bool global = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)global;
  impl_->o = std::move(options);
  impl_->done = std::move(done);
  impl_->multi = curl_multi_init();
  if (!impl_->multi) throw std::bad_alloc();
  curl_multi_setopt(impl_->multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(impl_->o.host_connections));
  curl_multi_setopt(impl_->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(impl_->o.total_connections));
}
Fetcher::~Fetcher() = default;
void Fetcher::Add(FetchRequest request) { impl_->Add(std::move(request)); }
void Fetcher::Run() { impl_->Run(); }
size_t Fetcher::requests_sent() const { return impl_->sent; }

}  // namespace oborot::fetch
