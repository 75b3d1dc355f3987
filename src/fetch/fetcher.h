// A polite HTTP client for `oborot fetch`, on libcurl's multi interface:
// many transfers at once on one thread, each host served as a crawler that
// sites tolerate.
//
//   oborot::fetch::Fetcher f(options, [&](FetchRequest& req, FetchResponse& resp) {
//     if (!resp.error.empty()) Report(req.original, resp.error);   // "HTTP 404", "timed out", ...
//     else Use(resp);                                              // 2xx or 304
//   });
//   f.Add({.url = "https://example.com/rss.xml", .kind = RequestKind::kSeed});
//   f.Run();   // returns when every request (and what `done` added) has ended
//
// Politeness: robots.txt is fetched once per host (scheme, host and port)
// before anything else there and obeyed (RFC 9309: 4xx means no rules,
// unreachable or 5xx means nothing may be fetched); at most
// `host_connections` transfers per host, and a new one no sooner than
// `host_delay_ms` after the previous one started (or robots.txt's
// Crawl-delay, when longer, up to a minute); a User-Agent naming oborot.
// Retries: 429, 5xx, time-outs (a stall mid-body included) and a connection
// lost once made (reset, or closed before the body's end; what came of the
// body is dropped) are retried `retries` times in the run with exponential
// backoff from `backoff_ms`, honouring Retry-After (seconds or an
// HTTP date) up to `max_wait_ms`; a 429 also holds back the whole host.
// Redirects are followed here, not by libcurl, so that each hop passes the
// robots and politeness checks: at most `max_redirects`, a loop is named as
// such. Limits: connect and total time-outs, `max_page_bytes` per body
// (checked as it arrives, after gzip/deflate decoding), and only HTML, XML
// (feeds, sitemaps) and, for robots.txt, plain text are read: another type
// ends the transfer at its first byte. Only http and https.
//
// `done` runs on the thread that called Run(), once per request, with a
// 2xx/304 response or an error; it may Add() more requests.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "src/fetch/feed.h"

namespace oborot::fetch {

struct FetcherOptions {
  std::string user_agent = "oborot";  // the full User-Agent header
  std::string robots_agent = "oborot";  // the token robots.txt groups are matched against
  bool robots = true;
  int max_redirects = 5;
  long connect_timeout_ms = 10000;
  long timeout_ms = 30000;
  size_t max_page_bytes = 16u << 20;
  int retries = 3;
  long backoff_ms = 1000;
  long max_wait_ms = 120000;
  long host_delay_ms = 1000;
  int host_connections = 2;
  int total_connections = 16;
};

enum class RequestKind { kSeed, kFeed, kPage, kRobots };

struct FetchRequest {
  std::string url;       // what to get now (after redirects: the current hop)
  RequestKind kind = RequestKind::kPage;
  std::string original;  // the URL first asked for; set by Add() when empty
  std::string etag, last_modified;  // validators: a conditional GET when set
  FeedItem item;         // for a page named by a feed: its title, date, text
  int depth = 0;         // sitemap index nesting
  // Set by the fetcher.
  int attempt = 0;
  std::vector<std::string> chain;  // redirect hops so far
};

struct FetchResponse {
  int status = 0;            // HTTP status; 0 when no answer
  std::string url;           // the URL that answered (after redirects)
  std::string content_type;  // media type, lower case: "text/html"
  std::string charset;       // Content-Type's charset parameter
  std::string etag, last_modified;
  std::string body;          // decoded (gzip/deflate undone)
  std::string error;         // not empty: the request failed, and why
};

class Fetcher {
 public:
  using Done = std::function<void(FetchRequest&, FetchResponse&)>;
  Fetcher(FetcherOptions options, Done done);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  void Add(FetchRequest request);
  void Run();
  // HTTP requests sent so far (retries and redirect hops included).
  size_t requests_sent() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace oborot::fetch
