// End-to-end tests of `oborot extract`: runs the built binary (OBOROT_BIN) on
// the fixtures in tests/fixtures (OBOROT_FIXTURES; ok_* go through, err_*
// fail with one clear error line) and on files made at run time (a sparse
// 2 GB file, an unreadable file), and checks the JSONL document lines, the
// error records and the exit status.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_files.h"

namespace {
namespace fs = std::filesystem;
using oborot::test::Slurp;

struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
  std::map<std::string, nlohmann::json> docs;  // document lines by "doc"
  std::vector<std::string> err_lines;
};

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string line; std::getline(ss, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

class E2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/oborot_e2e_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    tmp_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(tmp_, fs::perms::owner_all, fs::perm_options::add, ec);
    for (const auto& e : fs::recursive_directory_iterator(tmp_, ec)) {
      fs::permissions(e.path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(tmp_, ec);
  }

  // Runs "oborot ARGS" with standard output and error in files; `stdin_file` feeds standard input.
  // `json`: standard output is JSONL (every line is checked); false for --explain.
  RunResult Oborot(const std::string& args, const std::string& stdin_file = "/dev/null", bool json = true) {
    RunResult r;
    const fs::path out = tmp_ / "stdout", err = tmp_ / "stderr";
    const std::string cmd = std::string("'") + OBOROT_BIN + "' " + args + " <'" + stdin_file + "' >'" + out.string() +
                            "' 2>'" + err.string() + "'";
    const int rc = std::system(cmd.c_str());
    r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    r.out = Slurp(out);
    r.err = Slurp(err);
    for (const auto& line : json ? Lines(r.out) : std::vector<std::string>{}) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      EXPECT_FALSE(j.is_discarded()) << "not JSON: " << line;
      if (!j.is_discarded() && j.value("type", "") == "document") r.docs[j.value("doc", "")] = j;
    }
    r.err_lines = Lines(r.err);
    return r;
  }

  static std::string Fixture(const std::string& name) { return std::string(OBOROT_FIXTURES) + "/" + name; }

  fs::path tmp_;
};

TEST_F(E2eTest, GoodDocumentsGoThrough) {
  RunResult r = Oborot("extract " + Fixture("ok_dateline.txt") + " " + Fixture("ok_metadata.txt") + " " +
                 Fixture("ok_crlf_stamp.txt") + " " + Fixture("ok_cp1251.txt") + " " + Fixture("ok_koi8r.txt"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  ASSERT_EQ(r.docs.size(), 5u) << r.out;

  const auto& a = r.docs["ok_dateline"];
  EXPECT_EQ(a["published"], "2024-03-14");
  EXPECT_EQ(a["published_how"], "dateline+year");
  EXPECT_EQ(a["title"], "Гродно и Смоленск договорились удвоить поставки");
  EXPECT_EQ(a["dateline_city"], "Гродно");

  EXPECT_EQ(r.docs["ok_metadata"]["published"], "2025-02-03");
  EXPECT_TRUE(r.docs["ok_metadata"]["title"].is_null());

  EXPECT_EQ(r.docs["ok_crlf_stamp"]["published"], "2023-09-10");
  EXPECT_EQ(r.docs["ok_crlf_stamp"]["title"], "Витебск и Псков подписали план сотрудничества");

  EXPECT_EQ(r.docs["ok_cp1251"]["encoding"], "windows-1251");
  EXPECT_EQ(r.docs["ok_koi8r"]["encoding"], "KOI8-R");
  EXPECT_TRUE(r.docs["ok_cp1251"]["published"].is_null());
}

TEST_F(E2eTest, EachBadInputGetsOneErrorAndTheBatchGoesOn) {
  const std::string errors = (tmp_ / "errors.jsonl").string();
  RunResult r = Oborot("extract --errors " + errors + " " + Fixture("err_invalid_utf8.txt") + " " + Fixture("err_binary.txt") +
                 " " + Fixture("err_empty.txt") + " " + Fixture("err_chrome_only.txt") + " " +
                 Fixture("ok_metadata.txt") + " " + (tmp_ / "missing.txt").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.docs.size(), 1u);
  EXPECT_TRUE(r.docs.count("ok_metadata"));
  const std::string e = r.err;
  EXPECT_NE(e.find("err_invalid_utf8.txt: invalid UTF-8 at byte 7"), std::string::npos) << e;
  EXPECT_NE(e.find("err_binary.txt: binary data at byte"), std::string::npos) << e;
  EXPECT_NE(e.find("err_empty.txt: empty document"), std::string::npos) << e;
  EXPECT_NE(e.find("err_chrome_only.txt: empty document"), std::string::npos) << e;
  EXPECT_NE(e.find("missing.txt: no such file or directory"), std::string::npos) << e;

  auto records = Lines(Slurp(errors));
  ASSERT_EQ(records.size(), 5u);
  auto first = nlohmann::json::parse(records[0]);
  EXPECT_EQ(first["input"], Fixture("err_invalid_utf8.txt"));
  EXPECT_EQ(first["code"], "invalid_input");
  EXPECT_NE(first["message"].get<std::string>().find("invalid UTF-8"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(records[2])["code"], "empty");
  EXPECT_EQ(nlohmann::json::parse(records[4])["code"], "not_found");
}

TEST_F(E2eTest, MalformedJsonlLineDoesNotStopTheFile) {
  RunResult r = Oborot("extract " + Fixture("err_mixed.jsonl"));
  EXPECT_EQ(r.status, 1);
  ASSERT_EQ(r.docs.size(), 2u) << r.out;
  EXPECT_EQ(r.docs["rec-1"]["published"], "2024-05-20");
  EXPECT_EQ(r.docs["rec-1"]["published_how"], "metadata");
  EXPECT_EQ(r.docs["rec-1"]["title"], "Могилев и Тула");
  EXPECT_TRUE(r.docs["rec-3"]["published"].is_null());
  EXPECT_EQ(r.docs["rec-3"]["dateline_city"], "Минск");
  EXPECT_NE(r.err.find("err_mixed.jsonl:2: not valid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("err_mixed.jsonl:4: record has no"), std::string::npos) << r.err;
}

TEST_F(E2eTest, JsonlOnStandardInput) {
  RunResult r = Oborot("extract -", Fixture("err_mixed.jsonl"));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.docs.size(), 2u);
  EXPECT_NE(r.err.find("<stdin>:2: not valid JSON"), std::string::npos) << r.err;
  RunResult t = Oborot("extract -", Fixture("ok_metadata.txt"));
  EXPECT_EQ(t.status, 0) << t.err;
  EXPECT_EQ(t.docs["stdin"]["published"], "2025-02-03");
}

TEST_F(E2eTest, HugeFileIsRefusedBySize) {
  const fs::path big = tmp_ / "huge.txt";
  { std::ofstream(big).put('x'); }
  fs::resize_file(big, 2ull << 30);  // sparse: no disk blocks, refused before any read
  RunResult r = Oborot("extract --max-doc-bytes 1000000 " + big.string() + " " + Fixture("ok_metadata.txt"));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.docs.size(), 1u);
  EXPECT_NE(r.err.find("huge.txt: 2147483648 bytes, over the limit of 1000000"), std::string::npos) << r.err;
  // The default limit (16 MiB) refuses it too.
  RunResult d = Oborot("extract " + big.string());
  EXPECT_EQ(d.status, 1);
  EXPECT_NE(d.err.find("over the limit"), std::string::npos);
}

TEST_F(E2eTest, UnreadableFileInADirectory) {
  const fs::path dir = tmp_ / "corpus";
  fs::create_directory(dir);
  fs::copy_file(Fixture("ok_metadata.txt"), dir / "a.txt");
  fs::copy_file(Fixture("ok_dateline.txt"), dir / "b.txt");
  fs::permissions(dir / "a.txt", fs::perms::none);
  // Root reads through chmod 000 (CI runs as root): then both go through.
  const bool can_read = access((dir / "a.txt").c_str(), R_OK) == 0;
  RunResult r = Oborot("extract " + dir.string());
  EXPECT_TRUE(r.docs.count("b"));
  if (can_read) {
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.docs.size(), 2u);
  } else {
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.docs.size(), 1u);
    EXPECT_NE(r.err.find("a.txt: cannot open for reading"), std::string::npos) << r.err;
  }
}

TEST_F(E2eTest, UsageErrors) {
  RunResult r = Oborot("extract --no-such-option " + Fixture("ok_metadata.txt"));
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(r.docs.empty());
  EXPECT_FALSE(r.err.empty());
  RunResult n = Oborot("extract");
  EXPECT_EQ(n.status, 2);
  RunResult o = Oborot("extract --errors " + (tmp_ / "no" / "dir" / "e.jsonl").string() + " " + Fixture("ok_metadata.txt"));
  EXPECT_EQ(o.status, 2);
}

TEST_F(E2eTest, QuietAndOutFile) {
  const fs::path out = tmp_ / "facts.jsonl";
  RunResult r = Oborot("extract --quiet --out " + out.string() + " " + Fixture("ok_dateline.txt") + " " +
                 Fixture("err_empty.txt"));
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(r.err_lines.size(), 1u) << r.err;  // the error line, no summary, no progress
  EXPECT_NE(Slurp(out).find("\"doc\":\"ok_dateline\""), std::string::npos);
}

TEST_F(E2eTest, AnnotateJsonGivesPeoplesNamesRolesAndParties) {
  const fs::path in = tmp_ / "people.txt";
  std::ofstream(in) << "Председатель Совета Республики встретился с президентом Беларуси Александром Григорьевичем "
                       "Лукашенко. Затем Лукашенко принял посла Ирана в России Казема Джалали.\n";
  RunResult r = Oborot("annotate --json " + in.string());
  EXPECT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  std::vector<nlohmann::json> people;
  for (const auto& m : j["mentions"]) {
    if (m["kind"] == "person") people.push_back(m);
  }
  ASSERT_EQ(people.size(), 3u) << r.out;
  // the contract's «Имя Фамилия», the full name with the patronymic, the party of a known official
  EXPECT_EQ(people[0]["name"], "Александр Лукашенко");
  EXPECT_EQ(people[0]["full_name"], "Александр Григорьевич Лукашенко");
  EXPECT_EQ(people[0]["party"], "BY");
  EXPECT_EQ(people[0]["role"], "президент");
  EXPECT_EQ(people[0]["official"], true);
  // a surname alone: completed from the full mention
  EXPECT_EQ(people[1]["name"], "Александр Лукашенко");
  EXPECT_EQ(people[1]["full_name"], "Александр Григорьевич Лукашенко");
  // a name no lexicon knows, read after its role; the ambassador of Iran is Iran's
  EXPECT_EQ(people[2]["name"], "Казем Джалали");
  EXPECT_EQ(people[2]["party"], "IR");
  EXPECT_FALSE(people[2].contains("official"));
}

// --explain --rejected lists the figures the rules dropped, each with its reason;
// --rejected alone is a usage error.
TEST_F(E2eTest, ExplainRejected) {
  const fs::path doc = tmp_ / "dropped.txt";
  std::ofstream(doc) << "Товарооборот Беларуси и Калужской области в 2023 году составил 700 млн долларов. "
                        "Экспорт из области в Беларусь вырос на 12% и составил 300 млн долларов. "
                        "Инвестиции в совместный завод превысили 20 млн долларов.\n";
  RunResult r = Oborot("extract --explain --rejected " + doc.string(), "/dev/null", /*json=*/false);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("turnover BY–RU-KLU actual 700000000 USD"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-- 3 rejected"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("money «300 млн долларов»: not turnover: «экспорт»"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("change «на 12%»: not turnover: «экспорт»"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("a project, investment or contract («инвестиция»)"), std::string::npos) << r.out;
  // without --rejected the dropped figures are not listed
  RunResult plain = Oborot("extract --explain " + doc.string(), "/dev/null", /*json=*/false);
  EXPECT_EQ(plain.out.find("rejected"), std::string::npos) << plain.out;
  RunResult bad = Oborot("extract --rejected " + doc.string());
  EXPECT_EQ(bad.status, 2);
}

TEST_F(E2eTest, JsonlRecordsOfAnyLengthAcrossReadChunks) {
  // Records are read 64 KiB at a time: lines just under, at and over a chunk,
  // several chunks long, and a last line without a newline.
  const fs::path jsonl = tmp_ / "long.jsonl";
  const std::vector<size_t> lengths = {65534, 65535, 65536, 65537, 200000};
  const std::string words = "Гомель и Брянск. ";  // 30 bytes, 17 code points
  {
    std::ofstream out(jsonl, std::ios::binary);
    for (size_t i = 0; i < lengths.size(); ++i) {
      const std::string head = "{\"id\":\"r" + std::to_string(i) + "\",\"text\":\"";  // 19 bytes
      out << head << words << std::string(lengths[i] - head.size() - words.size() - 2, 'x') << "\"}\n";
    }
    out << "{\"id\":\"r5\",\"text\":\"Орша";  // cut short, no newline
  }
  RunResult r = Oborot("extract " + jsonl.string());
  EXPECT_EQ(r.status, 1) << r.err;
  ASSERT_EQ(r.docs.size(), lengths.size()) << r.err;
  for (size_t i = 0; i < lengths.size(); ++i) {
    // the line's length less the head, the quote and brace, and 13 bytes of Cyrillic's second bytes
    EXPECT_EQ(r.docs["r" + std::to_string(i)]["chars"], lengths[i] - 19 - 2 - 13) << i;
  }
  EXPECT_NE(r.err.find("long.jsonl:6: not valid JSON"), std::string::npos) << r.err;
}

}  // namespace
