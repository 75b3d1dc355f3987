// Knowledge-base benchmark: ingest throughput and query latency.
//
//   oborot_kb_bench [--docs 100000] [--facts-per-doc 10] [--db /tmp/kb_bench.db]
//
// Generates a synthetic corpus (document lines, a few sentences of text and
// fact lines as the extractor writes them: turnover actuals and targets,
// changes, meetings, organisations over 80 regional pairs and ten years),
// ingests it in batches of 500 and prints documents/s; then, on the filled
// database (100,000 documents x 10 facts = 1,000,000 facts), prints the
// latency of `parties` and `show RU-R07` (median and worst of 20 runs after a
// warm-up). Goals: >= 5,000 documents/s; < 50 ms per query.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "src/kb/queries.h"
#include "src/kb/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Doc {
  nlohmann::json line;
  std::vector<nlohmann::json> facts;
  std::string text;
};

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
  d.line = {{"doc", "bench-" + std::to_string(i)}, {"type", "document"}, {"published", published},
            {"title", "Сотрудничество с регионом " + std::to_string(region)}};
  d.text = "Товарооборот Беларуси с регионом " + std::to_string(region) + " в " + std::to_string(year) +
           " году вырос. Стороны обсудили поставки техники и продовольствия, а также совместные проекты. "
           "Документ номер " + std::to_string(i) + ".";
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

}  // namespace

int main(int argc, char** argv) {
  int docs = 100000;
  int facts_per_doc = 10;
  std::string path = (std::filesystem::temp_directory_path() / "oborot_kb_bench.db").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--docs")) docs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--facts-per-doc")) facts_per_doc = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--db")) path = argv[i + 1];
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);

  std::mt19937 rng(42);
  std::vector<Doc> corpus;
  corpus.reserve(static_cast<size_t>(docs));
  for (int i = 0; i < docs; ++i) corpus.push_back(Generate(i, facts_per_doc, rng));

  auto store = oborot::kb::Store::Open(path, {});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  const auto t0 = Clock::now();
  constexpr int kBatch = 500;
  for (int i = 0; i < docs; ++i) {
    if (i % kBatch == 0 && !(*store)->Begin().ok()) return 1;
    auto r = (*store)->IngestDocument(corpus[i].line, corpus[i].facts, corpus[i].text);
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      return 1;
    }
    if ((i + 1) % kBatch == 0 || i + 1 == docs) {
      if (!(*store)->Commit().ok()) return 1;
    }
  }
  const double secs = Ms(Clock::now() - t0) / 1000.0;
  auto facts = oborot::kb::QueryInt((*store)->db(), "SELECT count(*) FROM facts");
  auto groups = oborot::kb::QueryInt((*store)->db(), "SELECT count(*) FROM fact_groups");
  store->reset();
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("ingest: %d documents, %lld facts (%lld merged groups) in %.2f s: %.0f documents/s, %.0f facts/s; "
              "peak RSS %ld MB; db %.0f MB\n",
              docs, static_cast<long long>(facts.ok() ? *facts : 0), static_cast<long long>(groups.ok() ? *groups : 0),
              secs, docs / secs, (facts.ok() ? static_cast<double>(*facts) : 0.0) / secs, ru.ru_maxrss / 1024,
              static_cast<double>(std::filesystem::file_size(path)) / 1e6);

  auto reader = oborot::kb::Store::Open(path, {.read_only = true});
  if (!reader.ok()) return 1;
  oborot::kb::Db& db = (*reader)->db();
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
  Latency("search (limit 20)", 20, [&] {
    auto r = oborot::kb::Search(db, "поставки техники региона", 20);
    if (!r.ok()) std::abort();
  });
  reader->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return 0;
}
