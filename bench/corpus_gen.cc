// oborot_corpus_gen: writes the benchmarks' generated corpus (bench/corpus.h)
// to disk, as input for the command-line benchmarks (bench/extract_speed.sh,
// bench/html_speed.sh) and the distributed-extract test.
//
//   oborot_corpus_gen [--mb 50] [--seed 20240610] [--pages] [--shards N] OUT
//
// OUT ending in .jsonl: one JSON record per document ({"id", "text"} or
// {"id", "html"}; Windows-1251 documents stay UTF-8, since JSON is UTF-8).
// OUT ending in .warc.gz: a WARC/1.1 archive, one gzip member per record, a
// response record per page as Common Crawl News writes them.
// Otherwise OUT is a directory that receives one file per document
// (docN.txt, docN.html; Windows-1251 documents in their bytes).
// --pages: every document is a whole news-site page (MakeNewsPage), about
// ten times its text in markup. --shards N with a .jsonl OUT: N files
// OUT-00000.jsonl ... taking documents in turn. Prints documents and bytes.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/corpus.h"
#include "src/fetch/warc_test_util.h"

namespace {

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

int Usage() {
  std::fprintf(stderr,
               "usage: oborot_corpus_gen [--mb 50] [--seed N] [--pages] [--shards N] OUT(.jsonl|.warc.gz|DIR)\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  namespace bench = oborot::bench;
  using oborot::fetch::testing::Gzip;
  using oborot::fetch::testing::HtmlResponse;
  using oborot::fetch::testing::WarcRecord;
  bench::CorpusOptions opt;
  opt.megabytes = 50;
  size_t shards = 1;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--mb" && i + 1 < argc) {
      opt.megabytes = std::atof(argv[++i]);
    } else if (a == "--seed" && i + 1 < argc) {
      opt.seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--shards" && i + 1 < argc) {
      shards = std::strtoul(argv[++i], nullptr, 10);
    } else if (a == "--pages") {
      opt.pages = true;
    } else if (!a.empty() && a[0] != '-' && out.empty()) {
      out = a;
    } else {
      return Usage();
    }
  }
  if (out.empty() || shards == 0) return Usage();
  const bool jsonl = EndsWith(out, ".jsonl"), warc = EndsWith(out, ".warc.gz");
  if (warc) opt.pages = true;
  if (jsonl) opt.cp1251_every = 0;  // JSON strings are UTF-8

  std::vector<std::unique_ptr<std::ofstream>> files;
  if (jsonl && shards > 1) {
    const std::string stem = out.substr(0, out.size() - 6);
    for (size_t k = 0; k < shards; ++k) {
      char name[32];
      std::snprintf(name, sizeof name, "-%05zu.jsonl", k);
      files.push_back(std::make_unique<std::ofstream>(stem + name, std::ios::binary));
    }
  } else if (jsonl || warc) {
    files.push_back(std::make_unique<std::ofstream>(out, std::ios::binary));
  } else {
    std::filesystem::create_directories(out);
  }
  for (const auto& f : files) {
    if (!*f) {
      std::fprintf(stderr, "oborot_corpus_gen: %s: cannot open for writing\n", out.c_str());
      return 1;
    }
  }
  if (warc) {
    *files[0] << Gzip(
        WarcRecord("WARC/1.1", "warcinfo", "", "software: oborot_corpus_gen\r\n", "application/warc-fields"));
  }

  bench::CorpusGenerator gen(opt);
  oborot::RawInput raw;
  size_t k = 0;
  while (gen.Next(&raw)) {
    const bool html = raw.format == oborot::InputFormat::kHtml;
    if (jsonl) {
      nlohmann::ordered_json j;
      j["id"] = raw.id;
      j[html ? "html" : "text"] = raw.bytes;
      *files[k++ % files.size()] << j.dump() << '\n';
    } else if (warc) {
      const std::string uri = "https://news.example/" + raw.id + ".html";
      *files[0] << Gzip(WarcRecord("WARC/1.1", "response", uri, HtmlResponse(raw.bytes, "utf-8")));
    } else {
      std::ofstream f(out + "/" + raw.source, std::ios::binary);
      f << raw.bytes;
      if (!f) {
        std::fprintf(stderr, "oborot_corpus_gen: %s/%s: write error\n", out.c_str(), raw.source.c_str());
        return 1;
      }
    }
  }
  for (const auto& f : files) {
    f->flush();
    if (!*f) {
      std::fprintf(stderr, "oborot_corpus_gen: %s: write error\n", out.c_str());
      return 1;
    }
  }
  std::printf("%zu documents, %.1f MB of document bytes (seed %llu)\n", gen.documents(),
              static_cast<double>(gen.bytes()) / 1e6, static_cast<unsigned long long>(opt.seed));
  return 0;
}
