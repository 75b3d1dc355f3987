// oborot_doc_bench: throughput of the document layer (decode, clean, title and
// date, paragraphs, sentences) on a generated corpus.
//
//   build/bench/oborot_doc_bench [MB=64] [PASSES=3]
//
// Builds a corpus of at least MB megabytes in memory from templates (news
// paragraphs with site chrome, sidebars, captions and subscription prompts;
// one document in ten in Windows-1251), warms up on a tenth of it, then runs
// LoadDocument + SegmentDocument over all of it PASSES times and prints MB/s,
// documents/s and the peak resident set size (getrusage). A plain runner
// rather than Google Benchmark: the figure wanted is whole-corpus throughput
// with memory, not per-call timings.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <type_traits>
#include <vector>

#include "src/segment/sentences.h"
#include "src/text/decode.h"
#include "src/text/load.h"

namespace {

const char* const kCities[] = {"Минск", "Гродно", "Брест", "Витебск", "Гомель", "Могилев"};
const char* const kCaps[] = {"МИНСК", "ГРОДНО", "БРЕСТ", "ВИТЕБСК", "ГОМЕЛЬ", "МОГИЛЕВ"};
const char* const kRegions[] = {"Калужской", "Тверской", "Омской", "Ярославской", "Псковской", "Смоленской",
                                "Тюменской", "Курской"};
const char* const kMonths[] = {"янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"};

// Appends pieces one by one: GCC 12 at -O3 warns (-Wrestrict, a known false
// positive) on chains of std::string operator+ with temporaries.
void Add(std::string&) {}
template <typename T, typename... Rest>
void Add(std::string& d, const T& piece, const Rest&... rest) {
  if constexpr (std::is_integral_v<T>) {
    d.append(std::to_string(piece));
  } else {
    d.append(piece);
  }
  Add(d, rest...);
}

std::string TwoDigits(unsigned v) { return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10); }

std::string MakeDoc(unsigned n) {
  const std::string city = kCities[n % 6], caps = kCaps[n % 6], region = kRegions[n % 8];
  const unsigned day = 1 + n % 28, month = n % 12, year = 2018 + n % 8, value = 100 + (n * 37) % 900;
  std::string d;
  Add(d, "Главная | Новости | Экономика | Общество\n");
  Add(d, city, " и представители ", region, " области обсудили кооперацию\n\n");
  Add(d, "Подписаться\n");
  Add(d, "Участники переговоров - Sputnik Беларусь, 1920, ", TwoDigits(day), ".", TwoDigits(month + 1), ".", year, "\n");
  Add(d, caps, ", ", day, " ", kMonths[month], " — Sputnik. Делегация ", region, " области провела переговоры в г. ", city,
      " о поставках техники, продовольствия и стройматериалов, сообщил А. Г. Иванов на пресс-конференции.\n\n");
  for (unsigned k = 0; k < 6; ++k) {
    Add(d, "«В прошлом году товарооборот составил ", value + k, " млн. долларов и вырос на ", 3 + k,
        "% по сравнению с ", year - 2,
        " годом. Мы рассчитываем на новые проекты в машиностроении, сельском хозяйстве и т.д.», — сказал "
        "губернатор.\n\nСтороны договорились о создании совместных предприятий, сервисных центров и "
        "учебных площадок. Отдельно обсуждались поставки лифтов, автобусов и коммунальной техники!\n\n");
    Add(d, "сказал губернатор.\n\n");
    if (k == 2) Add(d, "Фото: пресс-служба облисполкома\n© Пресс-служба\n");
  }
  Add(d, "Самые интересные и важные новости ищите в нашем Telegram-канале.\n");
  Add(d, "Последние новости\n\n");
  for (unsigned k = 0; k < 5; ++k) {
    Add(d, "Экономика\n\nВ ", city, " открылся новый цех по выпуску комплектующих\n\n", 1 + k,
        " августа 2025\nЧитать новость\n");
  }
  return d;
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  const double want_mb = argc > 1 ? std::atof(argv[1]) : 64.0;
  const int passes = argc > 2 ? std::atoi(argv[2]) : 3;
  std::vector<oborot::RawInput> corpus;
  size_t total = 0;
  for (unsigned n = 0; static_cast<double>(total) < want_mb * 1e6; ++n) {
    oborot::RawInput raw;
    raw.id = std::to_string(n);
    raw.source = raw.id;
    raw.source.append(".txt");
    raw.bytes = MakeDoc(n);
    if (n % 10 == 9) {
      auto cp = oborot::text::ConvertFromUtf8(raw.bytes, "windows-1251");
      if (cp.ok()) raw.bytes = std::move(*cp);
    }
    total += raw.bytes.size();
    corpus.push_back(std::move(raw));
  }
  std::printf("corpus: %zu documents, %.1f MB\n", corpus.size(), static_cast<double>(total) / 1e6);

  size_t checksum = 0, failures = 0;
  auto run = [&](size_t count) {
    for (size_t i = 0; i < count; ++i) {
      auto doc = oborot::text::LoadDocument(corpus[i], {});
      if (!doc.ok()) {
        ++failures;
        continue;
      }
      oborot::segment::SegmentDocument(*doc);
      checksum += doc->sentences.size() + (doc->published ? 1 : 0);
    }
  };
  run(corpus.size() / 10);  // warm-up: lexicons loaded, caches and allocator warm

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const double cpu_start = CpuSeconds();
  for (int p = 0; p < passes; ++p) run(corpus.size());
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu = CpuSeconds() - cpu_start;
  const double mb = static_cast<double>(total) * passes / 1e6;
  const double docs = static_cast<double>(corpus.size()) * passes;
  std::printf("LoadDocument+SegmentDocument: %d passes, %.2f s wall, %.1f MB/s, %.0f docs/s\n", passes, secs,
              mb / secs, docs / secs);
  std::printf("per CPU second (unaffected by other processes): %.2f s CPU, %.1f MB/s, %.0f docs/s\n", cpu, mb / cpu,
              docs / cpu);
  std::printf("peak RSS: %.1f MB (corpus held in memory: %.1f MB)\n", static_cast<double>(PeakRssKb()) / 1024.0,
              static_cast<double>(total) / 1e6);
  std::printf("checksum %zu, failures %zu\n", checksum, failures);
  return failures ? 1 : 0;
}
