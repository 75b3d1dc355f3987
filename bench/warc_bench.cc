// oborot_warc_bench: streaming a large WARC archive through WarcReader
// (src/fetch/warc.h), as `oborot extract x.warc.gz` reads it, with its memory.
//
//   build/bench/oborot_warc_bench [MB=1024] [DIR=/tmp]
//
// Writes DIR/oborot_bench.warc.gz: MB megabytes (uncompressed) of WARC/1.1
// records, one gzip member each, in the Common Crawl News layout (a warcinfo
// record, then request/response/metadata records per page; the response
// bodies are generated news pages, one in ten over 100 KB). The file is
// written record by record, so writing it needs no memory either. Then reads
// it back record by record and prints MB/s (uncompressed), records/s and the
// peak resident set size, which must stay near the largest record whatever
// MB is. The file is removed at the end. Not part of the test suite.
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "src/fetch/warc.h"
#include "src/fetch/warc_test_util.h"

namespace {

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

std::string Page(size_t i, size_t paragraphs) {
  std::string p = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Новость " + std::to_string(i) +
                  "</title></head><body><nav><a href=\"/\">Главная</a></nav><article>";
  for (size_t k = 0; k < paragraphs; ++k) {
    p += "<p>Товарооборот Беларуси с регионом номер " + std::to_string(k) + " за прошлый год вырос на " +
         std::to_string(k % 40) + " процентов, сообщили в правительстве; стороны обсудили поставки техники.</p>";
  }
  return p + "</article></body></html>";
}

}  // namespace

int main(int argc, char** argv) {
  using oborot::fetch::testing::Gzip;
  using oborot::fetch::testing::HtmlResponse;
  using oborot::fetch::testing::WarcRecord;
  const double want_mb = argc > 1 ? std::atof(argv[1]) : 1024.0;
  const std::string dir = argc > 2 ? argv[2] : "/tmp";
  const std::string path = dir + "/oborot_bench_" + std::to_string(::getpid()) + ".warc.gz";
  const auto want = static_cast<uint64_t>(want_mb * 1e6);

  uint64_t written = 0, pages = 0;
  {
    std::ofstream out(path, std::ios::binary);
    const std::string info = WarcRecord("WARC/1.1", "warcinfo", "", "software: oborot_warc_bench\r\n",
                                        "application/warc-fields");
    out << Gzip(info);
    written += info.size();
    while (written < want) {
      const std::string url = "https://news.example/" + std::to_string(pages);
      const std::string req = WarcRecord("WARC/1.1", "request", url, "GET / HTTP/1.1\r\nHost: news.example\r\n\r\n",
                                         "application/http; msgtype=request");
      const std::string resp =
          WarcRecord("WARC/1.1", "response", url, HtmlResponse(Page(pages, pages % 10 == 0 ? 700 : 20), "utf-8"));
      const std::string meta =
          WarcRecord("WARC/1.1", "metadata", url, "fetchTimeMs: 120\r\n", "application/warc-fields");
      for (const std::string* r : {&req, &resp, &meta}) {
        out << Gzip(*r);
        written += r->size();
      }
      ++pages;
    }
  }
  const auto compressed = std::filesystem::file_size(path);
  std::printf("archive: %.1f MB uncompressed, %.1f MB on disk, %llu pages; peak RSS after writing %.1f MB\n",
              static_cast<double>(written) / 1e6, static_cast<double>(compressed) / 1e6,
              static_cast<unsigned long long>(pages), PeakRssMb());

  const auto start = std::chrono::steady_clock::now();
  auto reader = oborot::fetch::WarcReader::Open(path, {});
  if (!reader.ok()) {
    std::fprintf(stderr, "%s\n", reader.status().ToString().c_str());
    return 1;
  }
  uint64_t docs = 0, errors = 0, bytes = 0;
  while (auto next = (*reader)->Next()) {
    if (!next->ok()) {
      ++errors;
      continue;
    }
    ++docs;
    bytes += (*next)->bytes.size();
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double mb = static_cast<double>((*reader)->bytes_read()) / 1e6;
  std::printf("read: %llu documents, %llu errors, %.1f MB of records in %.2f s: %.1f MB/s, %.0f documents/s\n",
              static_cast<unsigned long long>(docs), static_cast<unsigned long long>(errors), mb, s, mb / s,
              static_cast<double>(docs) / s);
  std::printf("peak RSS: %.1f MB\n", PeakRssMb());
  std::filesystem::remove(path);
  return docs == pages && errors == 0 ? 0 : 1;
}
