// Knowledge-base benchmark: ingest throughput and query latency.
//
//   oborot_kb_bench [--docs 100000] [--facts-per-doc 10] [--threads N] [--batch-size 5000] [--db PATH]
//
// Generates a synthetic corpus (document lines, a few sentences of text and
// fact lines as the extractor writes them: turnover actuals and targets,
// changes, meetings, organisations over 80 regional pairs and ten years) and
// ingests it the way `oborot ingest` does: worker threads (--threads, default
// one per core, as in `oborot ingest`) prepare the JSONL lines
// (kb::PrepareDocument: parse, validate, hash, key, stem) while the main
// thread writes them in order (kb::Store::Apply), one transaction per batch
// of --batch-size documents (default 5000, as `oborot ingest`). The corpus is
// generated as JSONL text in chunks of 10,000 documents before each chunk is
// timed, so generation is not timed. Prints documents/s in wall time and per
// CPU second (all threads); re-ingests 5,000 of them unchanged; then, on the
// filled database (100,000 documents x 10 facts = 1,000,000 facts), prints the
// latency of `parties`, `show RU-R07`, `targets`, `conflicts` and `search`
// (median and worst after a warm-up). Goals: >= 5,000 documents/s; < 50 ms
// for parties and show.
//
//   --keep     keep the database file; --reuse: query an existing one (no ingest)
//   --profile  print the time spent in each SQL statement
//   --dump F   write every query's output on a smaller database to F (to compare builds)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "src/kb/pipeline.h"
#include "src/kb/queries.h"
#include "src/kb/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// CPU seconds of the calling thread: the writing thread's share, which
// bounds the throughput when the preparing threads have cores of their own.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// CPU seconds (user + system) this process has used: on a shared machine
// the wall time also counts the time other processes held the cores.
double CpuSeconds() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

struct Doc {
  nlohmann::json line;
  std::vector<nlohmann::json> facts;
  std::string text;
};

// A document as `oborot ingest` hands it to the store: JSONL text.
struct LineDoc {
  std::string line;
  std::vector<std::string> facts;
  std::string text;
};

LineDoc ToLines(const Doc& d) {
  LineDoc l{d.line.dump(), {}, d.text};
  l.facts.reserve(d.facts.size());
  for (const auto& f : d.facts) l.facts.push_back(f.dump());
  return l;
}

struct IngestSetup {
  size_t threads = std::max(1u, std::thread::hardware_concurrency());
  size_t batch = 5000;
};

// Prepares `docs` on the workers and applies them in order on this thread,
// committing every setup.batch documents (`applied` counts across calls) as
// `oborot ingest` does. `check` sees every outcome; false stops. Returns false
// on an error (printed).
template <typename Check>
bool IngestLines(oborot::kb::Store& store, std::vector<LineDoc>& docs, const IngestSetup& setup, size_t& applied,
                 Check&& check) {
  size_t next = 0;
  bool ok = true;
  oborot::kb::RunOrdered(
      {.threads = setup.threads, .window = 4 * setup.threads + 16},
      [&]() -> std::optional<size_t> { return next < docs.size() ? std::optional(next++) : std::nullopt; },
      [&](size_t& k) {
        LineDoc& d = docs[k];
        return oborot::kb::PrepareDocument(d.line, d.facts, std::move(d.text));
      },
      [&](oborot::Result<oborot::kb::PreparedDocument>& p) {
        oborot::Status st = p.status();
        if (st.ok() && !store.in_transaction()) st = store.Begin();
        oborot::Result<oborot::kb::IngestResult> r = st;
        if (st.ok()) r = store.Apply(*p);
        if (r.ok() && ++applied % setup.batch == 0) st = store.Commit();
        if (!r.ok() || !st.ok()) {
          std::fprintf(stderr, "%s\n", (r.ok() ? st : r.status()).ToString().c_str());
          ok = false;
          return false;
        }
        return ok = check(*r);
      });
  return ok;
}

const char* const kSpeakers[] = {"Александр Лукашенко", "Роман Головченко", "Михаил Мишустин", "Алексей Оверчук"};
const char* const kOrgs[] = {"МТЗ", "БелАЗ", "Гомсельмаш", "МАЗ", "Белшина", "Амкодор"};

Doc Generate(int i, int facts_per_doc, std::mt19937& rng) {
  Doc d;
  const int region = static_cast<int>(rng() % 80);
  char code[16];
  std::snprintf(code, sizeof code, "RU-R%02d", region);
  const int year = 2015 + static_cast<int>(rng() % 10);
  char published[16];
  std::snprintf(published, sizeof published, "%04d-%02d-%02d", year + 1, 1 + static_cast<int>(rng() % 12),
                1 + static_cast<int>(rng() % 28));
  d.line = {{"doc", "bench-" + std::to_string(i)},
            {"type", "document"},
            {"published", published},
            {"title", "Сотрудничество с регионом " + std::to_string(region)}};
  d.text = "Товарооборот Беларуси с регионом " + std::to_string(region) + " в " + std::to_string(year) +
           " году вырос. Стороны обсудили поставки техники и продовольствия, а также совместные проекты. "
           "Документ номер " +
           std::to_string(i) + ".";
  auto ev = nlohmann::json{{"text", "Товарооборот вырос."}, {"start", 0}, {"end", 19}};
  for (int k = 0; k < facts_per_doc; ++k) {
    nlohmann::json f;
    f["parties"] = {"BY", code};
    f["evidence"] = ev;
    switch (k % 5) {
      case 0:
      case 1: {
        // Values from a small set per (region, year), so sources merge and some conflict.
        const double base = 1e8 * (1 + (region * 7 + year) % 40);
        f["type"] = "turnover";
        f["status"] = k % 5 == 0 ? "actual" : "target";
        f["value"] = base * (1.0 + 0.1 * static_cast<double>(rng() % 3));
        f["currency"] = "USD";
        f["qualifier"] = "exact";
        f["year"] = k % 5 == 0 ? year - static_cast<int>(rng() % 3) : year + 2;
        f["sectoral"] = false;
        if (k % 5 == 1) f["speaker"] = kSpeakers[rng() % 4];
        break;
      }
      case 2:
        f["type"] = "turnover_change";
        f["percent"] = static_cast<double>(rng() % 40) - 10;
        f["year"] = year;
        f["sectoral"] = false;
        break;
      case 3:
        f["type"] = "meeting";
        f["date"] = published;
        f["place"] = "Минск";
        f["participants"] = nlohmann::json::array({{{"name", kSpeakers[rng() % 4]}, {"party", "BY"}}});
        break;
      default:
        f["type"] = "organization";
        f["name"] = kOrgs[rng() % 6];
        f["country"] = "BY";
        break;
    }
    d.facts.push_back(std::move(f));
  }
  return d;
}

template <typename F>
void Latency(const char* what, int runs, F&& f) {
  f();  // warm-up
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    f();
    ms.push_back(Ms(Clock::now() - t0));
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%-28s median %7.2f ms   worst %7.2f ms   (%d runs)\n", what, ms[ms.size() / 2], ms.back(), runs);
}

// --profile: time spent in each SQL statement (SQLITE_TRACE_PROFILE).
struct StatementTime {
  double ms = 0;
  int64_t runs = 0;
};
std::map<std::string, StatementTime> g_statement_times;

int TraceProfile(unsigned, void*, void* stmt, void* ns) {
  const char* sql = sqlite3_sql(static_cast<sqlite3_stmt*>(stmt));
  StatementTime& t = g_statement_times[sql != nullptr ? sql : "?"];
  t.ms += static_cast<double>(*static_cast<int64_t*>(ns)) / 1e6;
  ++t.runs;
  return 0;
}

void PrintProfile() {
  std::vector<std::pair<std::string, StatementTime>> rows(g_statement_times.begin(), g_statement_times.end());
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second.ms > b.second.ms; });
  for (const auto& [sql, t] : rows) {
    std::printf("  %9.1f ms %9lld x  %.110s\n", t.ms, static_cast<long long>(t.runs), sql.c_str());
  }
}

// Ingests the generated corpus (generation is not timed) and prints the
// throughput. Returns a process exit code.
int Ingest(const std::string& path, int docs, int facts_per_doc, const IngestSetup& setup, bool profile) {
  auto store = oborot::kb::Store::Open(path, {});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  if (profile) sqlite3_trace_v2((*store)->db().handle(), SQLITE_TRACE_PROFILE, TraceProfile, nullptr);
  std::mt19937 rng(42);
  constexpr int kChunk = 10000;
  Clock::duration spent{};
  double cpu = 0, writer_cpu = 0;
  size_t applied = 0;
  std::vector<LineDoc> chunk;
  for (int i = 0; i < docs; i += kChunk) {
    chunk.clear();
    for (int k = i; k < std::min(docs, i + kChunk); ++k) chunk.push_back(ToLines(Generate(k, facts_per_doc, rng)));
    const auto t0 = Clock::now();
    const double cpu0 = CpuSeconds(), writer0 = ThreadCpuSeconds();
    if (!IngestLines(**store, chunk, setup, applied, [](const oborot::kb::IngestResult&) { return true; })) return 1;
    if ((*store)->in_transaction() && i + kChunk >= docs) {
      if (oborot::Status st = (*store)->Commit(); !st.ok()) {
        std::fprintf(stderr, "%s\n", st.ToString().c_str());
        return 1;
      }
    }
    spent += Clock::now() - t0;
    cpu += CpuSeconds() - cpu0;
    writer_cpu += ThreadCpuSeconds() - writer0;
  }
  const double secs = Ms(spent) / 1000.0;
  auto facts = oborot::kb::QueryInt((*store)->db(), "SELECT count(*) FROM facts");
  auto groups = oborot::kb::QueryInt((*store)->db(), "SELECT count(*) FROM fact_groups");
  if (profile) {
    std::FILE* io = std::fopen("/proc/self/io", "r");
    char line[128];
    while (io != nullptr && std::fgets(line, sizeof line, io) != nullptr) {
      if (!std::strncmp(line, "wchar:", 6)) std::printf("bytes written so far: %.0f MB\n", std::atof(line + 6) / 1e6);
    }
    if (io != nullptr) std::fclose(io);
    std::printf("ingest time per SQL statement:\n");
    PrintProfile();
  }
  store->reset();
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "ingest (%zu preparing threads + 1 writing, batches of %zu): %d documents, %lld facts (%lld merged groups) "
      "in %.2f s: %.0f documents/s, %.0f facts/s (CPU %.2f s: %.0f documents per CPU second; writing thread "
      "%.2f s: %.0f documents per second of its CPU); peak RSS %ld MB; db %.0f MB\n",
      setup.threads, setup.batch, docs, static_cast<long long>(facts.ok() ? *facts : 0),
      static_cast<long long>(groups.ok() ? *groups : 0), secs, docs / secs,
      (facts.ok() ? static_cast<double>(*facts) : 0.0) / secs, cpu, docs / cpu, writer_cpu, docs / writer_cpu,
      ru.ru_maxrss / 1024, static_cast<double>(std::filesystem::file_size(path)) / 1e6);
  std::fflush(stdout);
  return 0;
}

// Re-ingests the first `docs` documents unchanged (every one must come back
// "unchanged") and prints the rate: the cost of rerunning `oborot ingest` on
// a corpus already stored.
int Reingest(const std::string& path, int docs, int facts_per_doc, const IngestSetup& setup) {
  auto store = oborot::kb::Store::Open(path, {});
  if (!store.ok()) return 1;
  std::mt19937 rng(42);
  std::vector<LineDoc> batch;
  for (int k = 0; k < docs; ++k) batch.push_back(ToLines(Generate(k, facts_per_doc, rng)));
  const auto t0 = Clock::now();
  const double cpu0 = CpuSeconds();
  size_t applied = 0;
  const bool ok = IngestLines(**store, batch, setup, applied, [&](const oborot::kb::IngestResult& r) {
    if (r.outcome == oborot::kb::IngestOutcome::kUnchanged) return true;
    std::fprintf(stderr, "a re-ingested document was not \"unchanged\"\n");
    return false;
  });
  if (!ok || ((*store)->in_transaction() && !(*store)->Commit().ok())) return 1;
  const double secs = Ms(Clock::now() - t0) / 1000.0;
  const double cpu = CpuSeconds() - cpu0;
  std::printf("re-ingest: %d unchanged documents in %.2f s: %.0f documents/s (%.0f per CPU second)\n", docs, secs,
              docs / secs, docs / cpu);
  return 0;
}

// --dump FILE: fills a database the way the benchmark does (with --docs
// documents), then replaces and removes some, and writes the output of every
// query as JSON lines, so that two builds of the store can be compared.
int Dump(const std::string& path, const std::string& out_path, int docs, int facts_per_doc, IngestSetup setup) {
  setup.batch = 250;
  auto store = oborot::kb::Store::Open(path, {});
  if (!store.ok()) return 1;
  std::mt19937 rng(42);
  std::vector<Doc> corpus;
  for (int k = 0; k < docs; ++k) {
    corpus.push_back(Generate(k, facts_per_doc, rng));
    Doc& d = corpus.back();
    if (k % 13 == 0) d.line.erase("published");           // undated sources sort last
    if (k % 17 == 0) d.facts.push_back(d.facts.front());  // a fact twice in one document
  }
  auto ingest = [&](const Doc& d) {
    auto r = (*store)->IngestDocument(d.line, d.facts, d.text);
    if (!r.ok()) std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
    return r.ok();
  };
  {
    // The first fill as `oborot ingest` does it (JSONL text, prepared on the
    // workers); the rest below through the single-call IngestDocument.
    std::vector<LineDoc> lines;
    for (const Doc& d : corpus) lines.push_back(ToLines(d));
    size_t applied = 0;
    if (!IngestLines(**store, lines, setup, applied, [](const oborot::kb::IngestResult&) { return true; })) return 1;
    if ((*store)->in_transaction() && !(*store)->Commit().ok()) return 1;
  }
  // Replacements (in a batch and alone), removals, unchanged re-ingests.
  if (!(*store)->Begin().ok()) return 1;
  for (int k = 0; k < std::min(docs, 400); k += 7) {
    Doc d = corpus[static_cast<size_t>(k)];
    for (auto& f : d.facts) {
      if (f.contains("value")) f["value"] = f["value"].get<double>() * 1.3;
      if (f.contains("speaker")) f["speaker"] = "Игорь Петришенко";
    }
    if (k % 2 == 0) d.text += " Исправлено.";
    if (!ingest(d) || !ingest(corpus[static_cast<size_t>(k + 1)])) return 1;
  }
  if (!(*store)->Commit().ok()) return 1;
  for (int k = 3; k < std::min(docs, 300); k += 11) {
    if (!(*store)->RemoveDocument("bench-" + std::to_string(k)).ok()) return 1;
  }
  if (!ingest(corpus[5])) return 1;
  store->reset();

  auto reader = oborot::kb::Store::Open(path, {.read_only = true});
  if (!reader.ok()) return 1;
  oborot::kb::Db& db = (*reader)->db();
  std::FILE* out = std::fopen(out_path.c_str(), "w");
  if (out == nullptr) return 1;
  auto put = [&](const char* what, const nlohmann::ordered_json& j) {
    std::fprintf(out, "%s %s\n", what, j.dump().c_str());
  };
  auto parties = oborot::kb::Parties(db, 1000);
  if (!parties.ok()) return 1;
  for (const auto& r : *parties) put("parties", oborot::kb::ToJson(r));
  std::vector<std::string> codes = {"BY", "RU-R99"};
  for (int r = 0; r < 80; ++r) {
    char code[16];
    std::snprintf(code, sizeof code, "RU-R%02d", r);
    codes.push_back(code);
  }
  for (const auto& code : codes) {
    for (size_t limit : {size_t{3}, size_t{20}}) {
      auto d = oborot::kb::Show(db, code, limit);
      if (!d.ok()) return 1;
      put("show", oborot::kb::ToJson(*d));
    }
  }
  for (size_t limit : {size_t{5}, size_t{1000}}) {
    auto t = oborot::kb::Targets(db, limit);
    if (!t.ok()) return 1;
    for (const auto& r : *t) put("targets", oborot::kb::ToJson(r));
  }
  auto c = oborot::kb::Conflicts(db, 200);
  if (!c.ok()) return 1;
  for (const auto& r : *c) put("conflicts", oborot::kb::ToJson(r));
  for (const char* q : {"поставки техники региона", "исправлено", "регионом 7", "документ 1234"}) {
    auto h = oborot::kb::Search(db, q, 30);
    if (!h.ok()) return 1;
    for (const auto& r : *h) put("search", oborot::kb::ToJson(r));
  }
  oborot::Status st = oborot::kb::ExportFacts(db, [&](const oborot::kb::Figure& f) {
    put("export", oborot::kb::ToJson(f));
    return true;
  });
  std::fclose(out);
  return st.ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  int docs = 100000;
  int facts_per_doc = 10;
  std::string path = (std::filesystem::temp_directory_path() / "oborot_kb_bench.db").string();
  bool keep = false, reuse = false, profile = false;
  std::string dump;
  IngestSetup setup;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--keep")) {
      keep = true;
    } else if (!std::strcmp(argv[i], "--reuse")) {
      reuse = keep = true;
    } else if (!std::strcmp(argv[i], "--profile")) {
      profile = true;
    } else if (has_value && !std::strcmp(argv[i], "--docs")) {
      docs = std::atoi(argv[++i]);
    } else if (has_value && !std::strcmp(argv[i], "--facts-per-doc")) {
      facts_per_doc = std::atoi(argv[++i]);
    } else if (has_value && !std::strcmp(argv[i], "--threads")) {
      setup.threads = static_cast<size_t>(std::atoi(argv[++i]));
    } else if (has_value && !std::strcmp(argv[i], "--batch-size")) {
      setup.batch = static_cast<size_t>(std::max(1, std::atoi(argv[++i])));
    } else if (has_value && !std::strcmp(argv[i], "--dump")) {
      dump = argv[++i];
    } else if (has_value && !std::strcmp(argv[i], "--db")) {
      path = argv[++i];
    } else {
      std::fprintf(stderr,
                   "usage: oborot_kb_bench [--docs N] [--facts-per-doc N] [--threads N] [--batch-size N] [--db PATH] "
                   "[--keep] [--reuse] [--profile] [--dump FILE]\n");
      return 2;
    }
  }
  if (!dump.empty()) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    const int rc = Dump(path, dump, docs, facts_per_doc, setup);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    return rc;
  }
  std::printf("goals: ingest >= 5000 documents/s; parties, show < 50 ms (at 100000 documents x 10 facts)\n");
  std::printf(
      "earlier (100000 x 10): 848c4b8 ingest 814-991 documents/s, parties 81-128 ms, show 96-118 ms; a8934eb "
      "(one thread, batches of 500) ingest 2228-2416 documents/s (3345-3389 per CPU second), parties 11 ms, "
      "show 2-3 ms\n");
  if (!(reuse && std::filesystem::exists(path))) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    if (int rc = Ingest(path, docs, facts_per_doc, setup, profile); rc != 0) return rc;
    if (int rc = Reingest(path, std::min(docs, 5000), facts_per_doc, setup); rc != 0) return rc;
  }

  auto reader = oborot::kb::Store::Open(path, {.read_only = true});
  if (!reader.ok()) return 1;
  oborot::kb::Db& db = (*reader)->db();
  if (profile) {
    g_statement_times.clear();
    sqlite3_trace_v2(db.handle(), SQLITE_TRACE_PROFILE, TraceProfile, nullptr);
  }
  Latency("parties (limit 100)", 20, [&] {
    auto r = oborot::kb::Parties(db, 100);
    if (!r.ok() || r->empty()) std::abort();
  });
  Latency("show RU-R07 (limit 20)", 20, [&] {
    auto r = oborot::kb::Show(db, "RU-R07", 20);
    if (!r.ok() || r->figures.empty()) std::abort();
  });
  Latency("targets (limit 100)", 5, [&] {
    auto r = oborot::kb::Targets(db, 100);
    if (!r.ok()) std::abort();
  });
  Latency("conflicts (limit 20)", 5, [&] {
    auto r = oborot::kb::Conflicts(db, 20);
    if (!r.ok()) std::abort();
  });
  Latency("search (limit 20)", 20, [&] {
    auto r = oborot::kb::Search(db, "поставки техники региона", 20);
    if (!r.ok()) std::abort();
  });
  if (profile) {
    std::printf("query time per SQL statement:\n");
    PrintProfile();
  }
  reader->reset();
  if (!keep) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  return 0;
}
