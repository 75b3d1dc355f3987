// Extraction past one machine: scripts/dask-extract runs `oborot extract
// --with-text` over input shards on a Dask LocalCluster of two workers and
// stores the results with `oborot ingest --facts`; the knowledge base must
// export exactly what a single-process `oborot ingest` of the same shards
// gives. Skipped (with a message) when Debian's python3-dask and
// python3-distributed are not installed.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "bench/corpus.h"
#include "tests/test_files.h"

namespace {
namespace fs = std::filesystem;
using oborot::test::Slurp;

int Shell(const std::string& cmd) {
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::string Q(const fs::path& p) { return "'" + p.string() + "'"; }

// The Python that has dask: Debian's, where its packages install.
std::string PythonWithDask() {
  for (const char* py : {"/usr/bin/python3", "python3"}) {
    if (Shell(std::string(py) + " -c 'import dask.distributed' >/dev/null 2>&1") == 0) return py;
  }
  return "";
}

class DistributedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/oborot_dask_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // Every export of the database at `db`, concatenated with headers.
  std::string Exports(const fs::path& db) {
    std::string all;
    const std::string bin = OBOROT_BIN;
    const fs::path out = dir_ / "export.out";
    struct Export {
      std::string args;
      std::vector<std::string> files;
    };
    const std::vector<Export> exports = {
        {"export --format jsonl", {}},
        {"export --format csv --sources " + Q(dir_ / "sources.csv") + " --participants " + Q(dir_ / "people.csv"),
         {"sources.csv", "people.csv"}},
        {"parties", {}},
        {"conflicts", {}},
    };
    for (const auto& e : exports) {
      const int rc = Shell("'" + bin + "' " + e.args + " --db " + Q(db) + " >" + Q(out) + " 2>&1");
      all += "== " + e.args.substr(0, e.args.find(' ', 7)) + " (exit " + std::to_string(rc) + ")\n" + Slurp(out);
      for (const auto& f : e.files) all += "== " + f + "\n" + Slurp(dir_ / f);
    }
    return all;
  }
  fs::path dir_;
};

TEST_F(DistributedTest, DaskRunGivesTheKnowledgeBaseOfASingleIngest) {
  const std::string python = PythonWithDask();
  if (python.empty()) {
    GTEST_SKIP() << "dask and distributed are not installed (Debian: python3-dask python3-distributed, "
                    "see scripts/install-deps): the distributed extract is not tested";
  }
  // Four JSONL shards of generated news-like documents, taken in turn; the
  // third has a malformed record, which both runs must report and skip.
  const fs::path shards = dir_ / "shards";
  fs::create_directory(shards);
  oborot::bench::CorpusOptions opt;
  opt.megabytes = 1e9;
  opt.seed = 4242;
  opt.cp1251_every = 0;
  oborot::bench::CorpusGenerator gen(opt);
  std::vector<std::ofstream> files;
  std::vector<std::string> names;
  for (int k = 0; k < 4; ++k) {
    names.push_back((shards / ("part-" + std::to_string(k) + ".jsonl")).string());
    files.emplace_back(names.back(), std::ios::binary);
  }
  oborot::RawInput raw;
  for (int i = 0; i < 120 && gen.Next(&raw); ++i) {
    nlohmann::ordered_json j;
    j["id"] = raw.id;
    j[raw.format == oborot::InputFormat::kHtml ? "html" : "text"] = raw.bytes;
    files[i % 4] << j.dump() << '\n';
    if (i == 50) files[i % 4] << "{\"id\": \"broken\", \"text\": \n";
  }
  for (auto& f : files) f.close();
  std::string shard_args;
  for (const auto& n : names) shard_args += " '" + n + "'";

  const fs::path single = dir_ / "single.db", distributed = dir_ / "distributed.db";
  const int single_rc = Shell(std::string("'") + OBOROT_BIN + "' ingest --quiet --db " + Q(single) + shard_args +
                              " 2>" + Q(dir_ / "single.err"));
  EXPECT_EQ(single_rc, 1) << Slurp(dir_ / "single.err");

  const int dask_rc =
      Shell(python + " '" + OBOROT_SOURCE_DIR + "/scripts/dask-extract' --local 2 --oborot '" + OBOROT_BIN +
            "' --out " + Q(dir_ / "facts") + " --db " + Q(distributed) + shard_args + " 2>" + Q(dir_ / "dask.err"));
  const std::string dask_err = Slurp(dir_ / "dask.err");
  EXPECT_EQ(dask_rc, 1) << dask_err;
  EXPECT_NE(dask_err.find("4 of 4 shards extracted"), std::string::npos) << dask_err;
  EXPECT_NE(dask_err.find("1 documents failed"), std::string::npos) << dask_err;
  EXPECT_NE(Slurp(dir_ / "facts" / "00002-part-2.errors.jsonl").find("not valid JSON"), std::string::npos);

  const std::string a = Exports(single), b = Exports(distributed);
  EXPECT_GT(a.size(), 50000u);
  EXPECT_NE(a.find("\"type\":\"turnover\""), std::string::npos);
  EXPECT_TRUE(a == b) << "the exports differ (" << a.size() << " vs " << b.size() << " bytes)";
}

TEST_F(DistributedTest, IngestFactsNeedsTextLinesAndGoesOnPastABadDocument) {
  // Two documents written without --with-text, one with: the first two are
  // refused by name, the third is stored, and the exit status says so.
  const fs::path in = dir_ / "in.jsonl";
  {
    std::ofstream out(in, std::ios::binary);
    out << "{\"id\":\"a\",\"text\":\"Минск, 3 марта. Товарооборот Беларуси и Тульской области вырос на 12%.\"}\n"
        << "{\"id\":\"b\",\"text\":\"Гомель и Брянск обсудили поставки техники.\"}\n";
  }
  const std::string bin = std::string("'") + OBOROT_BIN + "' ";
  ASSERT_EQ(Shell(bin + "extract --quiet " + Q(in) + " --out " + Q(dir_ / "plain.jsonl")), 0);
  ASSERT_EQ(Shell(bin + "extract --quiet --with-text " + Q(in) + " --out " + Q(dir_ / "text.jsonl")), 0);
  const int rc = Shell(bin + "ingest --facts --db " + Q(dir_ / "kb.db") + " " + Q(dir_ / "plain.jsonl") + " " +
                       Q(dir_ / "text.jsonl") + " " + Q(dir_ / "missing.jsonl") + " 2>" + Q(dir_ / "err"));
  const std::string err = Slurp(dir_ / "err");
  EXPECT_EQ(rc, 1) << err;
  EXPECT_NE(err.find("plain.jsonl:1: document \"a\" has no text line"), std::string::npos) << err;
  EXPECT_NE(err.find("missing.jsonl: cannot open for reading"), std::string::npos) << err;
  EXPECT_NE(err.find("2 new"), std::string::npos) << err;
  EXPECT_NE(err.find("3 failed"), std::string::npos) << err;
}

}  // namespace
