// `oborot extract`, `text` and `annotate` with --threads: the built binary
// (OBOROT_BIN) on a directory of generated news-like documents (bench/corpus.h:
// UTF-8, Windows-1251 and HTML pages) mixed with bad inputs (binary, empty,
// a JSONL file with a malformed record) and one with two stray bytes (repaired,
// with a warning). For every thread count
// the standard output, standard error, --errors file and exit status must be
// byte for byte those of --threads 1.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench/corpus.h"
#include "tests/test_files.h"

namespace {
namespace fs = std::filesystem;
using oborot::test::Slurp;
using oborot::test::Write;

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
  return n;
}

struct Outcome {
  int status = -1;
  std::string out, err, errors;
  bool operator==(const Outcome& o) const {
    return status == o.status && out == o.out && err == o.err && errors == o.errors;
  }
};

constexpr size_t kGood = 160;  // generated documents
constexpr size_t kBad = 4;     // unreadable or empty inputs (see SetUpTestSuite)
constexpr size_t kRepaired = 1;  // stray bytes replaced by U+FFFD: a document with a warning

class ThreadsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/oborot_threads_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    corpus_ = dir_ / "corpus";
    fs::create_directory(corpus_);
    oborot::bench::CorpusOptions opt;
    opt.megabytes = 1e9;
    opt.seed = 17;
    opt.cp1251_every = 7;
    opt.html_every = 9;
    oborot::bench::CorpusGenerator gen(opt);
    oborot::RawInput raw;
    for (size_t i = 0; i < kGood && gen.Next(&raw); ++i) {
      // Names sort in generation order; the inputs are walked in name order.
      char name[32];
      std::snprintf(name, sizeof name, "%04zu", i);
      Write(corpus_ / (name + raw.source.substr(raw.source.find('.'))), raw.bytes);
    }
    Write(corpus_ / "0003b.txt", std::string("\x7f"
                                             "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
                                             20));
    Write(corpus_ / "0040b.txt", "");
    Write(corpus_ / "0041b.txt", "Гродно \xff\xfe и Псков");
    Write(corpus_ / "0100b.jsonl",
          "{\"id\":\"rec-1\",\"text\":\"Минск, 3 марта. Товарооборот Беларуси и Тульской области в 2023 году "
          "вырос на 12% и достиг 1,1 млрд долларов.\"}\n"
          "not json at all\n"
          "{\"id\":\"rec-3\",\"text\":\"   \"}\n"
          "{\"id\":\"rec-4\",\"html\":\"<html><body><p>Гомель и Брянск договорились о поставках "
          "техники на 50 млн рублей.</p></body></html>\"}\n");
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  static Outcome Oborot(const std::string& args) {
    Outcome r;
    const fs::path out = dir_ / "stdout", err = dir_ / "stderr", errors = dir_ / "errors.jsonl";
    fs::remove(errors);
    const fs::path rss = dir_ / "peak_rss";
    // Through oborot_peak_rss (tests/support/peak_rss.cc): oborot's own peak, not the shell's
    // memory at the fork, which is this test's.
    const std::string cmd = std::string("'") + OBOROT_PEAK_RSS + "' '" + rss.string() + "' '" + OBOROT_BIN + "' " +
                            args + " '" + corpus_.string() + "' >'" + out.string() + "' 2>'" + err.string() +
                            "' </dev/null";
    const int rc = std::system(cmd.c_str());
    r.status = WIFEXITED(rc) && WEXITSTATUS(rc) < 128 ? WEXITSTATUS(rc) : -1;
    peak_kb_ = std::max(peak_kb_, std::atol(Slurp(rss).c_str()));
    r.out = Slurp(out);
    r.err = Slurp(err);
    if (fs::exists(errors)) r.errors = Slurp(errors);
    return r;
  }

  // Runs `args` with --threads 1, 2, 3 and 8 and expects the same bytes.
  static Outcome Same(const std::string& args) {
    const Outcome one = Oborot(args + " --threads 1");
    for (int n : {2, 3, 8}) {
      const Outcome many = Oborot(args + " --threads " + std::to_string(n));
      EXPECT_TRUE(many == one) << args << " --threads " << n << ": output differs from --threads 1 (exit "
                               << many.status << " vs " << one.status << ", " << many.out.size() << " vs "
                               << one.out.size() << " bytes out)\n"
                               << many.err;
    }
    return one;
  }

  static std::string ErrorsFile() { return (dir_ / "errors.jsonl").string(); }

  static fs::path dir_, corpus_;
  inline static long peak_kb_ = 0;  // the largest peak RSS of the commands run so far (kilobytes)
};

fs::path ThreadsTest::dir_, ThreadsTest::corpus_;

TEST_F(ThreadsTest, ExtractIsTheSameForEveryThreadCount) {
  const Outcome r = Same("extract --quiet --errors " + ErrorsFile());
  EXPECT_EQ(r.status, 1);
  // Every good document gives a document line; the repaired one and the JSONL file's two good records too.
  EXPECT_EQ(Count(r.out, "\"type\":\"document\""), kGood + kRepaired + 2) << r.err;
  EXPECT_GT(Count(r.out, "\"type\":\"turnover\""), kGood / 2);
  // The binary and empty files, the malformed and the blank record.
  EXPECT_EQ(Count(r.errors, "\"input\""), kBad) << r.errors;
  EXPECT_NE(r.err.find("warning: " + (corpus_ / "0041b.txt").string() + ": invalid UTF-8"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("0003b.txt: binary data"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("0100b.jsonl:2: not valid JSON"), std::string::npos) << r.err;
  // Input order: 0003b's error comes before 0040b's.
  EXPECT_LT(r.err.find("0003b.txt"), r.err.find("0040b.txt"));
  EXPECT_LT(r.out.find("\"doc\":\"0000\""), r.out.find("\"doc\":\"0001\""));
}

TEST_F(ThreadsTest, ExplainIsTheSameForEveryThreadCount) {
  const Outcome r = Same("extract --quiet --explain");
  EXPECT_EQ(r.status, 1);
  EXPECT_GT(r.out.size(), 10000u);
}

TEST_F(ThreadsTest, TextIsTheSameForEveryThreadCount) {
  const Outcome r = Same("text --meta");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(Count(r.out, "# source: "), kGood + kRepaired + 2);
  const Outcome raw = Same("text --raw");
  EXPECT_GT(raw.out.size(), 0u);
}

TEST_F(ThreadsTest, AnnotateIsTheSameForEveryThreadCount) {
  const Outcome r = Same("annotate");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(Count(r.out, "\n== "), kGood + kRepaired + 1);  // the first "== " starts the output
  const Outcome j = Same("annotate --json");
  EXPECT_EQ(Count(j.out, "\"mentions\":"), kGood + kRepaired + 2);
}

TEST_F(ThreadsTest, DefaultIsOnePerCoreAndTheSame) {
  const Outcome def = Oborot("extract --quiet");
  const Outcome one = Oborot("extract --quiet --threads 1");
  EXPECT_TRUE(def == one);
  const Outcome bad = Oborot("extract --threads -3");
  EXPECT_EQ(bad.status, 2) << bad.err;
  const Outcome many = Oborot("extract --threads 65");  // at most 64: memory stays bounded
  EXPECT_EQ(many.status, 2) << many.err;
  EXPECT_NE(many.err.find("not in range 0 to 64"), std::string::npos) << many.err;
}

TEST_F(ThreadsTest, MemoryStaysSmallWithManyThreads) {
  // The largest resident set of the commands run so far: generous, since
  // the inputs are small; the benchmark bench/extract_speed.sh prints it on 50 MB.
  Oborot("extract --quiet --threads 8");
  Oborot("extract --quiet --threads 64");
  EXPECT_GT(peak_kb_, 0) << "no peak measured";
  EXPECT_LT(peak_kb_ / 1024, 100) << "peak RSS " << peak_kb_ / 1024 << " MB";
}

}  // namespace
