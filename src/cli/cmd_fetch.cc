// oborot fetch URL|FEED... [--feeds FILE] [--db PATH] [--out DIR]: collects
// news from the web, politely (src/fetch/fetcher.h), incrementally
// (src/fetch/crawl.h), and extracts and stores it in the same run (--db) or
// saves the pages as JSONL that `extract` and `ingest` read (--out).
//
//   oborot fetch --feeds feeds.txt --db kb.db --contact analyst@example.org
//
// Every failure is one line "oborot: fetch: URL: REASON" (and a record in
// --errors); the run goes on and ends with a summary. Exit status: 0 when
// nothing failed, 1 when something did, 2 for usage errors.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "oborot/extractor.h"
#include "src/cli/command.h"
#include "src/cli/ingest_sink.h"
#include "src/cli/stale.h"
#include "src/cli/progress.h"
#include "src/fetch/crawl.h"
#include "src/kb/store.h"
#include "src/text/decode.h"
#include "src/text/html.h"
#include "src/text/load.h"

namespace oborot::cli {
namespace {

namespace fs = std::filesystem;

struct FetchOptionsCli {
  std::vector<std::string> urls;  // pages, feeds, sitemaps
  std::string feeds;              // --feeds FILE: one URL a line, '#' comments
  std::string db;                 // --db PATH: extract and store what is fetched
  std::string out;                // --out DIR: save pages as JSONL there
  std::string errors;             // --errors FILE: one JSON record per failure
  std::string contact;            // --contact: an e-mail or URL for site owners, in the User-Agent
  bool refresh = false;           // fetch stored pages again (conditionally)
  bool quiet = false;
  size_t batch_size = 100;        // documents per transaction
  size_t max_doc_bytes = 16u << 20;
  Budgets budgets;                // --max-html-depth and the other budgets of each page's extraction
  bool no_wait = false;           // another process writing the database: fail at once instead of waiting
  // Politeness and limits (seconds, as a person gives them).
  double delay = 1.0;             // per host, between the starts of two requests
  int host_connections = 2;
  double connect_timeout = 10;
  double timeout = 30;
  int retries = 3;
  double backoff = 1.0;           // first retry after this, doubling
  double max_wait = 120;          // cap on Retry-After and the backoff
  int max_redirects = 5;
  int retry_runs = 3;             // a page that failed is asked for again in later runs until it failed in this many
  bool status = false;            // --status: print the fetch state (failed pages) and fetch nothing
};

long Ms(double seconds) { return static_cast<long>(seconds * 1000.0 + 0.5); }

// The URLs of a --feeds file: one a line; blank lines and '#' comments
// (whole lines, or after white space) are skipped.
Result<std::vector<std::string>> ReadFeedsFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status(StatusCode::kNotFound, path + ": cannot open the feeds file");
  std::vector<std::string> urls;
  std::string line;
  while (std::getline(in, line)) {
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
        line.resize(i);
        break;
      }
    }
    const size_t a = line.find_first_not_of(" \t\r");
    if (a == std::string::npos) continue;
    const size_t b = line.find_last_not_of(" \t\r");
    urls.push_back(line.substr(a, b - a + 1));
  }
  return urls;
}

// The page's HTML as UTF-8 for the JSONL (JSON strings are UTF-8): the
// header's charset, else a BOM, a <meta> or detection.
Result<std::string> HtmlAsUtf8(const RawInput& in) {
  if (!in.charset.empty()) {
    auto c = text::ConvertToUtf8(in.bytes, in.charset);
    if (c.ok()) {
      auto valid = text::DecodeToUtf8(*c, in.source);  // strips a BOM, checks the result
      if (valid.ok()) return std::move(valid->text);
    }
  }
  auto d = text::DecodeToUtf8(in.bytes, in.source, text::SniffHtmlCharset(in.bytes));
  if (!d.ok()) return d.status();
  return std::move(d->text);
}

class FailureLog {
 public:
  bool Open(const std::string& path) {
    if (path.empty()) return true;
    file_.open(path, std::ios::binary | std::ios::app);
    return static_cast<bool>(file_);
  }
  void Report(const std::string& url, std::string reason) {
    // A document's error names its source, here the URL already given.
    if (reason.starts_with(url + ": ")) reason.erase(0, url.size() + 2);
    std::cerr << "oborot: fetch: " << url << ": " << reason << "\n";
    if (!file_.is_open()) return;
    nlohmann::ordered_json j;
    j["url"] = url;
    j["reason"] = reason;
    j["at"] = fetch::NowIso();
    file_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    file_.flush();
  }

 private:
  std::ofstream file_;
};

// `fetch --status`: how many URLs the fetch state knows, then one line per
// page that failed: URL, runs failed, whether the next run asks for it again,
// when it last failed, the last error (tab-separated).
int PrintStatus(const FetchOptionsCli& o) {
  if (o.db.empty() && o.out.empty()) {
    std::cerr << "oborot: fetch --status: give --db PATH (or --out DIR, whose fetch-state.db is read)\n";
    return kExitUsage;
  }
  const std::string path = !o.db.empty() ? o.db : (fs::path(o.out) / "fetch-state.db").string();
  if (!fs::exists(path)) {
    std::cerr << "oborot: " << path << ": no such knowledge base\n";
    return kExitUsage;
  }
  auto store = kb::Store::Open(path, WriterOpenOptions(o.no_wait));
  if (!store.ok()) {
    std::cerr << "oborot: " << store.status().message() << "\n";
    return kExitSomeFailed;
  }
  fetch::CrawlState state((*store)->db());
  auto failed = state.Failures();
  auto kinds = (*store)->db().PrepareOnce("SELECT kind, count(*) FROM fetched_urls GROUP BY kind ORDER BY kind");
  if (!failed.ok() || !kinds.ok()) {
    std::cerr << "oborot: " << (failed.ok() ? kinds.status() : failed.status()).message() << "\n";
    return kExitSomeFailed;
  }
  std::cout << path << ": fetched";
  bool any = false;
  while (kinds->Step() == SQLITE_ROW) {
    std::cout << (any ? ", " : " ") << kinds->Int(1) << " " << kinds->Text(0);
    any = true;
  }
  size_t retried = 0;
  for (const auto& f : *failed) retried += f.runs < o.retry_runs;
  std::cout << (any ? "" : " nothing") << "; " << failed->size() << " pages failed (" << retried
            << " asked for again by the next run, " << (failed->size() - retried) << " given up)\n";
  if (failed->empty()) return kExitOk;
  std::cout << "url\truns_failed\tnext_run\tlast_failed_at\tlast_error\n";
  for (const auto& f : *failed) {
    std::cout << f.url << "\t" << f.runs << "\t" << (f.runs < o.retry_runs ? "retry" : "given up") << "\t"
              << f.last_failed_at << "\t" << f.error << "\n";
  }
  return kExitOk;
}

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<FetchOptionsCli>();
  app.add_option("urls", o->urls, "pages, RSS/Atom feeds, news sitemaps or sitemap indexes (http or https)");
  app.add_option("--feeds", o->feeds, "a file of sources, one URL a line, # for comments");
  app.add_option("--db", o->db, "extract what is fetched and store it in this knowledge base")->envname("OBOROT_DB");
  app.add_option("--out", o->out, "save fetched pages as JSONL (url, title, published, html, fetched_at) in DIR");
  app.add_option("--errors", o->errors, "append one JSON record per failure to FILE");
  app.add_option("--contact", o->contact, "an e-mail or URL where site owners reach you, sent in the User-Agent");
  app.add_flag("--refresh", o->refresh, "fetch pages already stored again (conditionally: unchanged ones cost a 304)");
  app.add_flag("--quiet,-q", o->quiet, "no progress line and no summary");
  app.add_option("--batch-size", o->batch_size, "documents per transaction with --db (default 100)")
      ->check(CLI::PositiveNumber);
  app.add_option("--max-page-bytes", o->max_doc_bytes, "refuse pages larger than this (default 16 MiB)")
      ->check(WholeNumber());
  AddBudgetOptions(app, o->budgets);
  AddNoWaitFlag(app, o->no_wait);
  app.add_option("--delay", o->delay, "seconds between two requests to one host (default 1; robots.txt's Crawl-delay when longer)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--host-connections", o->host_connections, "connections per host at most (default 2)")
      ->check(CLI::Range(1, 16));
  app.add_option("--connect-timeout", o->connect_timeout, "seconds to connect (default 10)")->check(CLI::PositiveNumber);
  app.add_option("--timeout", o->timeout, "seconds for a whole request (default 30)")->check(CLI::PositiveNumber);
  app.add_option("--retries", o->retries, "retries after 429, 5xx, a time-out or a connection lost mid-answer (default 3)")->check(CLI::Range(0, 10));
  app.add_option("--backoff", o->backoff, "seconds before the first retry, doubling after (default 1)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--max-wait", o->max_wait, "seconds a Retry-After or a backoff may ask at most (default 120)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--max-redirects", o->max_redirects, "redirects followed at most (default 5)")->check(CLI::Range(0, 20));
  app.add_option("--retry-runs", o->retry_runs,
                 "a page that failed is asked for again by later runs until it has failed in this many (default 3)")
      ->check(CLI::Range(1, 1000));
  app.add_flag("--status", o->status, "print what the fetch state holds and the pages that failed, fetch nothing");
  return [o]() -> int {
    if (o->status) return PrintStatus(*o);
    std::vector<std::string> seeds = o->urls;
    if (!o->feeds.empty()) {
      auto listed = ReadFeedsFile(o->feeds);
      if (!listed.ok()) {
        std::cerr << "oborot: " << listed.status().message() << "\n";
        return kExitUsage;
      }
      seeds.insert(seeds.end(), listed->begin(), listed->end());
    }
    if (seeds.empty()) {
      std::cerr << "oborot: fetch: no URL given (name pages or feeds, or --feeds FILE)\n";
      return kExitUsage;
    }
    if (o->db.empty() && o->out.empty()) {
      std::cerr << "oborot: fetch: give --db PATH (extract and store) or --out DIR (save pages as JSONL), or both\n";
      return kExitUsage;
    }
    FailureLog failures;
    if (!failures.Open(o->errors)) {
      std::cerr << "oborot: " << o->errors << ": cannot open for writing\n";
      return kExitUsage;
    }
    std::ofstream jsonl;
    std::string jsonl_path;
    if (!o->out.empty()) {
      std::error_code ec;
      fs::create_directories(o->out, ec);
      std::string stamp = fetch::NowIso();
      for (char& c : stamp) {
        if (c == ':') c = '-';
      }
      jsonl_path = (fs::path(o->out) / ("fetch-" + stamp + ".jsonl")).string();
      jsonl.open(jsonl_path, std::ios::binary | std::ios::app);
      if (!jsonl) {
        std::cerr << "oborot: " << jsonl_path << ": cannot open for writing\n";
        return kExitUsage;
      }
    }
    // The fetch state lives in the knowledge base; with --out alone, in a
    // knowledge base file of its own in DIR.
    const std::string state_path = !o->db.empty() ? o->db : (fs::path(o->out) / "fetch-state.db").string();
    auto store = kb::Store::Open(state_path, WriterOpenOptions(o->no_wait));
    if (!store.ok()) {
      std::cerr << "oborot: " << store.status().message() << "\n";
      return kExitSomeFailed;
    }
    kb::Store& kb = **store;
    std::shared_ptr<const Extractor> extractor;
    if (!o->db.empty()) {
      auto ex = Extractor::Create();
      if (!ex.ok()) {
        std::cerr << "oborot: " << ex.status().message() << "\n";
        return kExitSomeFailed;
      }
      extractor = *ex;
    }
    fetch::CrawlState state(kb.db());
    std::map<std::string, std::vector<fetch::UrlRecord>> records;  // by document id, until stored
    size_t extract_failed = 0;
    IngestSink sink(kb, {.batch_size = o->batch_size,
                         .on_failure =
                             [&](const Ready& r) {
                               ++extract_failed;
                               failures.Report(r.source, r.status.message());
                             },
                         .after_apply = [&](const Ready& r, const kb::IngestResult& result) -> Status {
                           auto it = records.find(r.doc.doc_id);
                           if (it == records.end()) return Status::Ok();
                           for (fetch::UrlRecord& rec : it->second) {
                             if (result.outcome == kb::IngestOutcome::kDuplicate) rec.doc_id = result.duplicate_of;
                             if (Status st = state.Record(rec); !st.ok()) return st;
                           }
                           records.erase(it);
                           return Status::Ok();
                         }});

    fetch::CrawlOptions copts;
    copts.refresh = o->refresh;
    copts.retry_runs = o->retry_runs;
    copts.http.user_agent = "oborot/" + std::string(OBOROT_VERSION) + " (news-to-facts crawler" +
                            (o->contact.empty() ? std::string() : "; contact: " + o->contact) + ")";
    copts.http.robots_agent = "oborot";
    copts.http.host_delay_ms = Ms(o->delay);
    copts.http.host_connections = o->host_connections;
    copts.http.connect_timeout_ms = Ms(o->connect_timeout);
    copts.http.timeout_ms = Ms(o->timeout);
    copts.http.retries = o->retries;
    copts.http.backoff_ms = Ms(o->backoff);
    copts.http.max_wait_ms = Ms(o->max_wait);
    copts.http.max_redirects = o->max_redirects;
    copts.http.max_page_bytes = o->max_doc_bytes;
    Status fatal;
    bool stopped = false;
    fetch::Crawl crawl(
        copts, state,
        {.document =
             [&](fetch::Found found) {
               if (stopped) return;
               // One page, one failure: whatever saving or extracting it
               // throws is reported with its URL and the crawl goes on.
               const std::string where = found.input.url.empty() ? found.input.source : found.input.url;
               const Status thrown = GuardDocument(where, [&]() -> Status {
                 if (jsonl.is_open()) {
                   nlohmann::ordered_json j;
                   j["url"] = found.input.url;
                   auto doc = text::LoadDocument(found.input, {.max_doc_bytes = o->max_doc_bytes, .budgets = o->budgets});
                   j["title"] = doc.ok() && doc->title ? nlohmann::json(*doc->title) : nlohmann::json();
                   j["published"] = doc.ok() && doc->published ? nlohmann::json(doc->published->ToString()) : nlohmann::json();
                   if (found.input.format == InputFormat::kHtml) {
                     auto html = HtmlAsUtf8(found.input);
                     if (!html.ok()) {
                       ++extract_failed;
                       failures.Report(found.input.source, html.status().message());
                       return Status::Ok();
                     }
                     j["html"] = std::move(*html);
                   } else {
                     j["text"] = found.input.bytes;
                   }
                   j["fetched_at"] = found.input.fetched_at;
                   jsonl << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
                   jsonl.flush();
                   if (o->db.empty()) {
                     for (const auto& rec : found.records) {
                       if (Status st = state.Record(rec); !st.ok()) fatal = st;
                     }
                   }
                 }
                 if (!extractor) return Status::Ok();
                 records[found.input.id] = std::move(found.records);
                 Result<RawInput> input(std::move(found.input));
                 Ready ready = PrepareInput(*extractor, input, {.max_doc_bytes = o->max_doc_bytes, .budgets = o->budgets});
                 if (!sink.Add(ready)) stopped = true;
                 return Status::Ok();
               });
               if (!thrown.ok()) {
                 ++extract_failed;
                 failures.Report(where, thrown.message());
               }
             },
         .failure = [&](const std::string& url, const std::string& why) { failures.Report(url, why); }});
    Progress progress(o->quiet);
    crawl.OnProgress([&](const fetch::CrawlCounts& c) { progress.Update(c.documents, c.bytes); });
    for (const std::string& url : seeds) crawl.AddSeed(url);
    crawl.Run();
    progress.Finish();
    if (Status st = sink.Finish(); !st.ok()) fatal = st;
    if (fatal.ok()) fatal = crawl.RecordFeeds();
    if (!fatal.ok()) {
      std::cerr << "oborot: " << fatal.message() << "\n";
      return kExitSomeFailed;
    }
    const fetch::CrawlCounts& c = crawl.counts();
    if (!o->quiet) {
      std::cerr << "oborot: fetch: " << c.fetched << " fetched, " << c.not_modified << " not modified, " << c.skipped
                << " skipped (stored before or duplicate), " << (c.failed + extract_failed) << " failed, " << c.retried
                << " retried from earlier runs; " << c.feeds
                << " feeds read, " << c.documents << " documents\n";
      if (!o->db.empty()) std::cerr << "oborot: " << o->db << ": " << sink.Summary() << "\n";
      if (jsonl.is_open()) std::cerr << "oborot: " << jsonl_path << ": pages saved\n";
    }
    if (extractor) ReportStale(kb, extractor->Version());
    return (c.failed + extract_failed) ? kExitSomeFailed : kExitOk;
  };
}

const Registrar kReg("fetch", "fetch pages, RSS/Atom feeds and news sitemaps, and store or save what they hold", Setup);

}  // namespace
}  // namespace oborot::cli
