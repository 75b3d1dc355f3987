// `oborot fetch`'s crawl: seeds (pages, feeds, sitemaps) in, documents out,
// with what earlier runs fetched kept in the knowledge base (fetched_urls).
//
//   kb::Db& db = store->db();
//   CrawlState state(db);
//   Crawl crawl(options, state, {.document = [&](Found f) { Store(f); },
//                                .failure = [&](const std::string& url, const std::string& why) { Report(url, why); }});
//   crawl.AddSeed("https://example.com/rss.xml");
//   crawl.Run();
//
// A seed is fetched conditionally (ETag / Last-Modified of the last run) and
// read as a feed or sitemap when it is XML, else as a page. A feed's items
// (and a sitemap index's sitemaps, two levels deep at most) are queued by
// their canonical URL (src/fetch/url.h): each URL is fetched at most once per
// run, and a page already stored is not fetched again unless `refresh`. A
// page's <link rel=canonical> names it when it is on the same site; a page
// whose body is the same as one already stored is not stored again. An item
// carrying its full text (yandex:full-text) becomes a document without its
// page being fetched. A feed item's date becomes the document's publication
// date when the page gives none (RawInput::published_fallback).
//
// Documents are handed to `document` with the fetched_urls rows to keep for
// them; the caller records them (CrawlState::Record) once the document is
// stored, in the same transaction, so a crash never marks a page stored that
// is not. Feeds are recorded by RecordFeeds(), which the caller calls once
// every page of the run is stored (so a crash never leaves a feed's ETag
// stored before the pages it named).
//
// A page named by a feed that fails (an error, a reset, a 5xx after the
// retries, a 404 ...) is kept in fetch_failures by RecordFeeds(), before the
// feeds, and asked for again at the start of each later run, whatever its
// feed answers (a feed that answers 304 is not read, so its items are not
// seen), until it has failed in `retry_runs` runs; recording the page as
// fetched (Record) removes it, in the transaction that stores it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "oborot/document.h"
#include "oborot/status.h"
#include "src/fetch/fetcher.h"
#include "src/kb/sqlite.h"

namespace oborot::fetch {

struct UrlRecord {
  std::string url;   // canonical
  std::string kind;  // "page", "feed", "alias" (a URL that gave an already stored page)
  std::string etag, last_modified;
  std::string content_hash;
  std::string doc_id;
  std::string fetched_at;
};

// A page that failed in earlier runs (fetch_failures).
struct FailedPage {
  std::string url;  // canonical
  int runs = 0;     // runs that failed on it
  std::string error;  // the last run's reason
  std::string published, title;  // what its feed gave
  std::string first_failed_at, last_failed_at;
};

// fetched_urls and fetch_failures rows. Reads and writes go through the caller's connection
// (and so into its open transaction).
class CrawlState {
 public:
  explicit CrawlState(kb::Db& db) : db_(db) {}
  Result<std::optional<UrlRecord>> Find(const std::string& url);
  // A stored page with this body hash (its doc_id), if any.
  Result<std::optional<std::string>> DocWithHash(const std::string& hash);
  // Records a URL as fetched; a page or alias leaves fetch_failures.
  Status Record(const UrlRecord& r);
  // Counts one more failed run for a page (inserted with runs = 1).
  Status RecordFailure(const FailedPage& f);
  // Every page in fetch_failures, most recently failed first.
  Result<std::vector<FailedPage>> Failures();
  kb::Db& db() { return db_; }
  const std::string& path() const { return db_.path(); }

 private:
  kb::Db& db_;
};

struct CrawlOptions {
  FetcherOptions http = {};
  bool refresh = false;
  int max_sitemap_depth = 2;
  size_t max_items_per_feed = 5000;
  int retry_runs = 3;  // a failed page is asked for again until it has failed in this many runs
};

struct Found {
  RawInput input;                 // id = canonical URL; html or the feed's full text
  std::vector<UrlRecord> records; // to record once stored
};

struct CrawlEvents {
  std::function<void(Found)> document = nullptr;
  std::function<void(const std::string& url, const std::string& reason)> failure = nullptr;
};

struct CrawlCounts {
  size_t fetched = 0;       // 2xx answers read (feeds and pages)
  size_t not_modified = 0;  // 304
  size_t skipped = 0;       // already stored, duplicate content, seen twice
  size_t failed = 0;
  size_t retried = 0;       // pages that failed in earlier runs, asked for again
  size_t feeds = 0;         // feeds and sitemaps read
  size_t documents = 0;     // handed to `document`
  uint64_t bytes = 0;       // bodies read
};

class Crawl {
 public:
  Crawl(CrawlOptions options, CrawlState& state, CrawlEvents events);
  ~Crawl();
  void AddSeed(const std::string& url);
  // Queues the pages that failed in earlier runs (below `retry_runs`), then
  // fetches everything.
  void Run();
  // After Run(), once the documents handed to `document` are stored: records
  // the pages that failed in this run (fetch_failures), then the feeds read
  // (their validators, for a conditional GET next time), in one transaction.
  // Errors: the database's.
  Status RecordFeeds();
  const CrawlCounts& counts() const { return counts_; }
  // Called after each completed request (for a progress line).
  void OnProgress(std::function<void(const CrawlCounts&)> f) { progress_ = std::move(f); }

 private:
  void Done(FetchRequest& req, FetchResponse& resp);
  void ReadFeed(FetchRequest& req, FetchResponse& resp, const std::string& canonical);
  void ReadPage(FetchRequest& req, FetchResponse& resp, const std::string& canonical);
  void QueueItem(const FeedItem& item, int depth, bool sitemap);
  void Fail(const std::string& url, const std::string& why);
  // Fail() for a page named by a feed (or retried): kept for the next runs.
  void FailPage(const FetchRequest& req, const std::string& why);

  CrawlOptions options_;
  CrawlState& state_;
  CrawlEvents events_;
  CrawlCounts counts_;
  std::unique_ptr<Fetcher> fetcher_;
  std::set<std::string> queued_;                     // canonical URLs asked for in this run
  std::map<std::string, std::string> hashes_;        // body hash -> doc id, this run
  std::map<std::string, std::string> item_dates_;    // canonical URL -> the first date a feed gave it
  std::vector<UrlRecord> feeds_;                     // feeds read, recorded by RecordFeeds()
  std::vector<FailedPage> failed_pages_;             // pages failed in this run, recorded by RecordFeeds()
  std::function<void(const CrawlCounts&)> progress_;
};

// "2024-03-01T10:00:00Z", now.
std::string NowIso();
// The href of the page's <link rel="canonical">, or "" (libxml2's HTML parser,
// no network).
std::string CanonicalLink(std::string_view html);

}  // namespace oborot::fetch
