#include "src/fetch/crawl.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <chrono>
#include <cstring>
#include <ctime>

#include "src/fetch/feed.h"
#include "src/fetch/url.h"
#include "src/kb/prepare.h"

namespace oborot::fetch {
namespace {

std::string CanonicalOr(const std::string& url, const std::string& fallback) {
  auto c = Canonicalize(url);
  return c.ok() ? *c : fallback;
}

// "www.example.com" and "m.example.com" name the same site as "example.com".
std::string SiteOf(const std::string& url) {
  auto origin = Origin(url);
  if (!origin.ok()) return {};
  std::string host = origin->substr(origin->find("://") + 3);
  for (std::string_view prefix : {"www.", "m."}) {
    if (host.rfind(prefix, 0) == 0) host = host.substr(prefix.size());
  }
  return host;
}

const xmlNode* FindCanonical(const xmlNode* n, int depth) {
  for (; n && depth < 64; n = n->next) {
    if (n->type == XML_ELEMENT_NODE) {
      if (xmlStrcasecmp(n->name, reinterpret_cast<const xmlChar*>("link")) == 0) {
        xmlChar* rel = xmlGetProp(n, reinterpret_cast<const xmlChar*>("rel"));
        const bool canonical = rel && xmlStrcasestr(rel, reinterpret_cast<const xmlChar*>("canonical"));
        if (rel) xmlFree(rel);
        if (canonical) return n;
      }
      if (xmlStrcasecmp(n->name, reinterpret_cast<const xmlChar*>("body")) == 0) return nullptr;  // only the head counts
      if (const xmlNode* c = FindCanonical(n->children, depth + 1)) return c;
    }
  }
  return nullptr;
}

// Runs a statement that returns no row. Errors: the database's.
Status StepDone(kb::Db& db, kb::Stmt& s) {
  const int rc = s.Step();
  s.Reset();
  return rc == SQLITE_DONE ? Status::Ok() : db.StepError(rc);
}

}  // namespace

std::string NowIso() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string CanonicalLink(std::string_view html) {
  if (html.size() > static_cast<size_t>(INT32_MAX)) return {};
  htmlDocPtr doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, nullptr,
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
                                      HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED);
  if (!doc) return {};
  std::string href;
  if (const xmlNode* link = FindCanonical(doc->children, 0)) {
    xmlChar* h = xmlGetProp(link, reinterpret_cast<const xmlChar*>("href"));
    if (h) {
      href = reinterpret_cast<const char*>(h);
      xmlFree(h);
    }
  }
  xmlFreeDoc(doc);
  return href;
}

// --- CrawlState ---

Result<std::optional<UrlRecord>> CrawlState::Find(const std::string& url) {
  auto q = db_.Prepare("SELECT kind, etag, last_modified, content_hash, doc_id, fetched_at FROM fetched_urls WHERE url = ?");
  if (!q.ok()) return q.status();
  kb::Stmt& s = **q;
  s.Bind(1, url);
  const int rc = s.Step();
  std::optional<UrlRecord> r;
  if (rc == SQLITE_ROW) {
    r.emplace();
    r->url = url;
    r->kind = std::string(s.Text(0));
    r->etag = std::string(s.Text(1));
    r->last_modified = std::string(s.Text(2));
    r->content_hash = std::string(s.Text(3));
    r->doc_id = std::string(s.Text(4));
    r->fetched_at = std::string(s.Text(5));
  }
  s.Reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_.StepError(rc);
  return r;
}

Result<std::optional<std::string>> CrawlState::DocWithHash(const std::string& hash) {
  auto q = db_.Prepare("SELECT doc_id FROM fetched_urls WHERE content_hash = ? AND kind = 'page' LIMIT 1");
  if (!q.ok()) return q.status();
  kb::Stmt& s = **q;
  s.Bind(1, hash);
  const int rc = s.Step();
  std::optional<std::string> r;
  if (rc == SQLITE_ROW) r = std::string(s.Text(0));
  s.Reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_.StepError(rc);
  return r;
}

Status CrawlState::Record(const UrlRecord& r) {
  auto q = db_.Prepare(
      "INSERT INTO fetched_urls (url, kind, etag, last_modified, content_hash, doc_id, fetched_at) "
      "VALUES (?,?,?,?,?,?,?) ON CONFLICT (url) DO UPDATE SET kind = excluded.kind, etag = excluded.etag, "
      "last_modified = excluded.last_modified, content_hash = excluded.content_hash, doc_id = excluded.doc_id, "
      "fetched_at = excluded.fetched_at");
  if (!q.ok()) return q.status();
  kb::Stmt& s = **q;
  s.Bind(1, r.url).Bind(2, r.kind).BindText(3, r.etag).BindText(4, r.last_modified).BindText(5, r.content_hash);
  s.BindText(6, r.doc_id).Bind(7, r.fetched_at.empty() ? NowIso() : r.fetched_at);
  if (Status st = StepDone(db_, s); !st.ok()) return st;
  if (r.kind != "page" && r.kind != "alias") return Status::Ok();
  auto d = db_.Prepare("DELETE FROM fetch_failures WHERE url = ?");
  if (!d.ok()) return d.status();
  (*d)->Bind(1, r.url);
  return StepDone(db_, **d);
}

Status CrawlState::RecordFailure(const FailedPage& f) {
  auto q = db_.Prepare(
      "INSERT INTO fetch_failures (url, runs, error, published, title, first_failed_at, last_failed_at) "
      "VALUES (?1, 1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (url) DO UPDATE SET runs = runs + 1, error = excluded.error, "
      "published = coalesce(excluded.published, published), title = coalesce(excluded.title, title), "
      "last_failed_at = excluded.last_failed_at");
  if (!q.ok()) return q.status();
  kb::Stmt& s = **q;
  s.Bind(1, f.url).Bind(2, f.error).BindText(3, f.published).BindText(4, f.title);
  s.Bind(5, f.last_failed_at.empty() ? NowIso() : f.last_failed_at);
  return StepDone(db_, s);
}

Result<std::vector<FailedPage>> CrawlState::Failures() {
  auto q = db_.Prepare(
      "SELECT url, runs, error, published, title, first_failed_at, last_failed_at FROM fetch_failures "
      "ORDER BY last_failed_at DESC, url");
  if (!q.ok()) return q.status();
  kb::Stmt& s = **q;
  std::vector<FailedPage> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    out.push_back({std::string(s.Text(0)), static_cast<int>(s.Int(1)), std::string(s.Text(2)), std::string(s.Text(3)),
                   std::string(s.Text(4)), std::string(s.Text(5)), std::string(s.Text(6))});
  }
  s.Reset();
  if (rc != SQLITE_DONE) return db_.StepError(rc);
  return out;
}

// --- Crawl ---

Crawl::Crawl(CrawlOptions options, CrawlState& state, CrawlEvents events)
    : options_(std::move(options)), state_(state), events_(std::move(events)) {
  fetcher_ = std::make_unique<Fetcher>(options_.http, [this](FetchRequest& req, FetchResponse& resp) {
    Done(req, resp);
    if (progress_) progress_(counts_);
  });
}
Crawl::~Crawl() = default;

void Crawl::Fail(const std::string& url, const std::string& why) {
  ++counts_.failed;
  if (events_.failure) events_.failure(url, why);
}

void Crawl::FailPage(const FetchRequest& req, const std::string& why) {
  Fail(req.original, why);
  if (req.kind != RequestKind::kPage) return;  // a seed is named again by the next run itself
  failed_pages_.push_back({CanonicalOr(req.original, req.original), 0, why, req.item.published, req.item.title, "", NowIso()});
}

void Crawl::AddSeed(const std::string& url) {
  auto canonical = Canonicalize(url);
  if (!canonical.ok()) {
    Fail(url, "not a valid http(s) URL");
    return;
  }
  if (!queued_.insert(*canonical).second) return;  // the same seed twice
  FetchRequest req;
  req.url = url;
  req.kind = RequestKind::kSeed;
  auto known = state_.Find(*canonical);
  if (!known.ok()) {
    Fail(url, known.status().message());
    return;
  }
  if (*known) {
    const UrlRecord& r = **known;
    if ((r.kind == "page" || r.kind == "alias") && !options_.refresh) {
      ++counts_.skipped;  // an article stored by an earlier run
      return;
    }
    // With --refresh a feed is read whole (a 304 would hide its items);
    // a page is asked for conditionally.
    if (!(options_.refresh && r.kind == "feed")) {
      req.etag = r.etag;
      req.last_modified = r.last_modified;
    }
  }
  fetcher_->Add(std::move(req));
}

void Crawl::Run() {
  // The pages earlier runs could not get: their feeds may answer 304 and
  // never name them again.
  auto failed = state_.Failures();
  if (!failed.ok()) {
    Fail(state_.path(), failed.status().message());
  } else {
    for (const FailedPage& f : *failed) {
      if (f.runs >= options_.retry_runs) continue;  // given up (shown by `fetch --status`)
      ++counts_.retried;
      QueueItem({.url = f.url, .title = f.title, .published = f.published, .full_text = {}}, 0, false);
    }
  }
  fetcher_->Run();
}

Status Crawl::RecordFeeds() {
  // One transaction (unless the caller holds one): the failed pages before
  // the feeds, so a feed is never stored as read while the pages it named
  // that failed are not kept.
  const bool own = sqlite3_get_autocommit(state_.db().handle()) != 0;
  if (own) {
    if (Status st = state_.db().Exec("BEGIN IMMEDIATE"); !st.ok()) return st;
  }
  auto write = [&]() -> Status {
    for (const FailedPage& f : failed_pages_) {
      if (Status st = state_.RecordFailure(f); !st.ok()) return st;
    }
    for (const UrlRecord& r : feeds_) {
      if (Status st = state_.Record(r); !st.ok()) return st;
    }
    return Status::Ok();
  };
  Status st = write();
  if (own) st = st.ok() ? state_.db().Exec("COMMIT") : (state_.db().Exec("ROLLBACK"), st);
  if (!st.ok()) return st;
  failed_pages_.clear();
  feeds_.clear();
  return Status::Ok();
}

void Crawl::QueueItem(const FeedItem& item, int depth, bool sitemap) {
  auto canonical = Canonicalize(item.url);
  if (!canonical.ok()) {
    Fail(item.url, "not a valid http(s) URL");
    return;
  }
  // A page listed by two feeds gets a date from whichever gives one.
  if (!item.published.empty()) item_dates_.emplace(*canonical, item.published);
  if (!queued_.insert(*canonical).second) {
    ++counts_.skipped;  // named twice (by two feeds, or twice in one)
    return;
  }
  FetchRequest req;
  req.url = *canonical;
  req.item = item;
  req.depth = depth;
  req.kind = sitemap ? RequestKind::kFeed : RequestKind::kPage;
  auto known = state_.Find(*canonical);
  if (!known.ok()) {
    Fail(item.url, known.status().message());
    return;
  }
  if (*known) {
    if (!sitemap && !options_.refresh) {
      ++counts_.skipped;  // stored by an earlier run
      return;
    }
    if (!(options_.refresh && sitemap)) {
      req.etag = (*known)->etag;
      req.last_modified = (*known)->last_modified;
    }
  }
  if (!sitemap && !item.full_text.empty()) {
    // The feed carries the article: no need to fetch the page.
    const std::string hash = kb::ContentHash(item.full_text);
    auto same = state_.DocWithHash(hash);
    if (hashes_.count(hash) || (same.ok() && *same)) {
      ++counts_.skipped;
      return;
    }
    hashes_[hash] = *canonical;
    Found f;
    f.input.id = *canonical;
    f.input.source = *canonical;
    f.input.url = *canonical;
    f.input.bytes = item.full_text;
    f.input.title = item.title;
    f.input.published_fallback = item.published;
    f.input.published_fallback_how = "feed";
    f.input.fetched_at = NowIso();
    f.records.push_back({*canonical, "page", "", "", hash, *canonical, f.input.fetched_at});
    ++counts_.documents;
    if (events_.document) events_.document(std::move(f));
    return;
  }
  fetcher_->Add(std::move(req));
}

void Crawl::Done(FetchRequest& req, FetchResponse& resp) {
  if (!resp.error.empty()) {
    const bool about_redirects = resp.error.rfind("redirect loop", 0) == 0 || resp.error.rfind("too many", 0) == 0;
    FailPage(req, resp.error + (req.chain.empty() || about_redirects ? "" : " (redirected to " + req.url + ")"));
    return;
  }
  if (resp.status == 304) {
    ++counts_.not_modified;
    return;
  }
  ++counts_.fetched;
  counts_.bytes += resp.body.size();
  auto canonical = Canonicalize(resp.url);
  if (!canonical.ok()) {
    FailPage(req, canonical.status().message());
    return;
  }
  const bool xml = resp.content_type.find("xml") != std::string::npos && resp.content_type != "application/xhtml+xml";
  if (req.kind == RequestKind::kFeed || (req.kind == RequestKind::kSeed && (xml || LooksLikeXml(resp.body)))) {
    ReadFeed(req, resp, *canonical);
  } else if (xml || LooksLikeXml(resp.body)) {
    FailPage(req, "not an HTML page (" + (resp.content_type.empty() ? std::string("XML") : resp.content_type) + ")");
  } else {
    ReadPage(req, resp, *canonical);
  }
}

void Crawl::ReadFeed(FetchRequest& req, FetchResponse& resp, const std::string& canonical) {
  auto feed = ParseFeed(resp.body, resp.url);
  if (!feed.ok()) {
    // The message names the URL that answered; report by the one asked for.
    std::string why = feed.status().message();
    if (why.rfind(resp.url + ": ", 0) == 0) why = why.substr(resp.url.size() + 2);
    Fail(req.original, why);
    return;
  }
  ++counts_.feeds;
  const bool index = feed->kind == FeedKind::kSitemapIndex;
  if (index && req.depth >= options_.max_sitemap_depth) {
    Fail(req.original, "sitemap index nested more than " + std::to_string(options_.max_sitemap_depth) + " deep");
    return;
  }
  // Kept until the run's pages are stored (RecordFeeds): a feed recorded with
  // its validators before its items' pages would answer 304 to a run after a
  // crash, and the pages the crashed run had not stored would never be asked for.
  UrlRecord r{canonical, "feed", resp.etag, resp.last_modified, kb::ContentHash(resp.body), "", NowIso()};
  feeds_.push_back(r);
  if (canonical != CanonicalOr(req.original, canonical)) {
    // Redirected: the URL asked for keeps the validators too.
    r.url = CanonicalOr(req.original, canonical);
    feeds_.push_back(r);
  }
  size_t n = 0;
  for (const FeedItem& item : feed->items) {
    if (++n > options_.max_items_per_feed) break;
    QueueItem(item, req.depth + (index ? 1 : 0), index);
  }
}

void Crawl::ReadPage(FetchRequest& req, FetchResponse& resp, const std::string& final_canonical) {
  if (resp.body.empty()) {
    FailPage(req, "empty page");
    return;
  }
  const std::string asked = CanonicalOr(req.original, req.original);
  std::string canonical = final_canonical;
  if (const std::string link = CanonicalLink(resp.body); !link.empty()) {
    auto c = Resolve(resp.url, link);
    if (c.ok() && SiteOf(*c) == SiteOf(resp.url)) canonical = *c;
  }
  const std::string fetched_at = NowIso();
  auto alias = [&](const std::string& doc_id) {
    std::vector<UrlRecord> out;
    for (const std::string& u : {asked, final_canonical}) {
      if (u == canonical && !doc_id.empty() && doc_id == canonical) continue;
      if (std::any_of(out.begin(), out.end(), [&](const UrlRecord& x) { return x.url == u; })) continue;
      out.push_back({u, "alias", "", "", "", doc_id, fetched_at});
    }
    return out;
  };
  if (canonical != asked) {
    auto known = state_.Find(canonical);
    if (known.ok() && *known && (*known)->kind == "page" && !options_.refresh) {
      ++counts_.skipped;  // the page under its canonical URL is stored already
      for (const UrlRecord& r : alias((*known)->doc_id)) (void)state_.Record(r);
      return;
    }
    if (!queued_.insert(canonical).second && !options_.refresh) {
      ++counts_.skipped;  // fetched (or to be) under its canonical URL in this run
      return;
    }
  }
  const std::string hash = kb::ContentHash(resp.body);
  std::optional<std::string> same;
  if (auto it = hashes_.find(hash); it != hashes_.end()) {
    same = it->second;
  } else if (auto stored = state_.DocWithHash(hash); stored.ok() && *stored && (**stored != canonical)) {
    same = **stored;
  }
  if (same && *same != canonical) {
    ++counts_.skipped;  // identical content under another URL: one document
    for (const UrlRecord& r : alias(*same)) (void)state_.Record(r);
    return;
  }
  hashes_[hash] = canonical;
  Found f;
  f.input.id = canonical;
  f.input.source = req.original;
  f.input.url = canonical;
  f.input.bytes = std::move(resp.body);
  f.input.format = InputFormat::kHtml;
  f.input.charset = resp.charset;
  f.input.published_fallback = req.item.published;
  if (auto d = item_dates_.find(asked); f.input.published_fallback.empty() && d != item_dates_.end()) {
    f.input.published_fallback = d->second;
  }
  f.input.published_fallback_how = "feed";
  f.input.fetched_at = fetched_at;
  f.records.push_back({canonical, "page", resp.etag, resp.last_modified, hash, canonical, fetched_at});
  for (UrlRecord& r : alias(canonical)) {
    if (r.url != canonical) f.records.push_back(std::move(r));
  }
  ++counts_.documents;
  if (events_.document) events_.document(std::move(f));
}

}  // namespace oborot::fetch
