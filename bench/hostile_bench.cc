// oborot_hostile_bench: time and peak memory of an `oborot` binary on each
// hostile input of issue 15, in a batch between ordinary documents.
//
//   build/bench/oborot_hostile_bench build/oborot [FILTER] [--timeout S] [--mem MB]
//
// Each case writes its inputs (tests/hostile/inputs.h) to a fresh folder,
// runs the binary on them in a child process with an address-space limit
// (--mem, default 4096 MB) and a wall-time limit (--timeout, default 120 s,
// then SIGKILL), and prints the exit status, wall time, peak RSS (getrusage
// of the child), how many of the batch's documents came out, and the first
// line the binary printed on standard error. FILTER keeps the cases whose
// name contains it. Run it on an old and a new binary to compare
// (bench/RESULTS.md, "Hostile inputs").
#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/hostile/inputs.h"

namespace {
namespace fs = std::filesystem;
namespace h = oborot::hostile;

struct Case {
  std::string name;
  std::string what;  // the figure, for the reader
  // Writes the inputs into the folder and returns the arguments after the binary.
  std::function<std::vector<std::string>(const fs::path&)> setup;
};

void Write(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

// ok_1.txt, the hostile file(s), ok_2.txt: the batch around the input.
std::vector<std::string> Batch(const fs::path& dir, const std::string& name, const std::string& bytes,
                               const std::string& command = "extract", const std::vector<std::string>& options = {}) {
  Write(dir / "a_ok.txt", h::OrdinaryArticle(1));
  Write(dir / name, bytes);
  Write(dir / "z_ok.txt", h::OrdinaryArticle(2));
  std::vector<std::string> args{command};
  args.insert(args.end(), options.begin(), options.end());
  if (command == "ingest") args.insert(args.end(), {"--db", (dir / "kb.db").string()});
  if (command == "extract" || command == "text") args.insert(args.end(), {"--out", (dir / "out.jsonl").string()});
  args.push_back((dir / "a_ok.txt").string());
  args.push_back((dir / name).string());
  args.push_back((dir / "z_ok.txt").string());
  return args;
}

std::vector<Case> Cases() {
  std::vector<Case> c;
  c.push_back({"empty_html", "0-byte .html: internal error substr, exit 3, rest skipped",
               [](const fs::path& d) { return Batch(d, "empty.html", ""); }});
  c.push_back({"jsonl_html_<p", "{\"html\": \"<p\"}: internal error (extract)", [](const fs::path& d) {
                 Write(d / "x.jsonl", "{\"id\":\"a\",\"text\":\"" + std::string("Товарооборот вырос.") +
                                          "\"}\n{\"id\":\"b\",\"html\":\"<p\"}\n{\"id\":\"c\",\"text\":\"Стороны "
                                          "договорились.\"}\n");
                 return std::vector<std::string>{"extract", "--out", (d / "out.jsonl").string(),
                                                 (d / "x.jsonl").string()};
               }});
  c.push_back({"ingest_jsonl_html_<p", "{\"html\": \"<p\"}: ingest aborts (std::terminate, 134)",
               [](const fs::path& d) {
                 Write(d / "x.jsonl", "{\"id\":\"a\",\"text\":\"Товарооборот вырос.\"}\n{\"id\":\"b\",\"html\":\"<p\"}"
                                      "\n{\"id\":\"c\",\"text\":\"Стороны договорились.\"}\n");
                 return std::vector<std::string>{"ingest", "--db", (d / "kb.db").string(), (d / "x.jsonl").string()};
               }});
  c.push_back({"unclosed_b_i_63KB", "63 KB of <b><i>: 3.2 GB",
               [](const fs::path& d) { return Batch(d, "bi.html", h::UnclosedInline(63 * 1024 / 6)); }});
  c.push_back({"unclosed_b_i_1MB", "larger: gumbo_vector_add assertion (abort)",
               [](const fs::path& d) { return Batch(d, "bi.html", h::UnclosedInline((1 << 20) / 6)); }});
  c.push_back({"nested_divs_100k", "100k nested divs: 11 s",
               [](const fs::path& d) { return Batch(d, "nested.html", h::NestedDivs(100000)); }});
  c.push_back({"unclosed_divs_200k", "200k unclosed divs: > 120 s",
               [](const fs::path& d) { return Batch(d, "unclosed.html", h::UnclosedDivs(200000)); }});
  c.push_back({"attributes_50k", "thousands of attributes: quadratic",
               [](const fs::path& d) { return Batch(d, "attrs.html", h::ManyAttributes(50000)); }});
  c.push_back({"dup_attributes_50k", "the same attribute 50k times",
               [](const fs::path& d) { return Batch(d, "dup.html", h::DuplicateAttributes(50000)); }});
  c.push_back({"deep_tables_20k", "20k nested tables",
               [](const fs::path& d) { return Batch(d, "tables.html", h::DeepTables(20000)); }});
  c.push_back({"flat_p_8MB", "flat 8 MB page of <p>: 622 MB",
               [](const fs::path& d) { return Batch(d, "flat.html", h::FlatParagraphs(8 << 20)); }});
  c.push_back({"no_punct_1MB", "1 MB without punctuation: 77 s, 1.36 GB",
               [](const fs::path& d) { return Batch(d, "words.txt", h::NoPunctuation(1 << 20)); }});
  c.push_back({"change_na_5pct_50k", "50,000 «на 5%»: 25 s",
               [](const fs::path& d) { return Batch(d, "pct.txt", h::RepeatedChange(50000)); }});
  c.push_back({"money_6k", "6,000 money amounts: 1 GB",
               [](const fs::path& d) { return Batch(d, "money.txt", h::ManyMoney(6000)); }});
  c.push_back({"v_1_5_raza_50k", "50,000 «в 1,5 раза»: std::bad_alloc",
               [](const fs::path& d) { return Batch(d, "times.txt", h::ManyMultipliers(50000)); }});
  c.push_back({"long_word_1MB", "one 1 MB word",
               [](const fs::path& d) { return Batch(d, "word.txt", h::LongWord(1 << 20)); }});
  c.push_back({"many_people_1MB", "a person, a role and a party in every sentence",
               [](const fs::path& d) { return Batch(d, "people.txt", h::ManyPeople(1 << 20)); }});
  c.push_back({"many_quotes_1MB", "short quotations with speech cues and pronouns",
               [](const fs::path& d) { return Batch(d, "quotes.txt", h::ManyQuotes(1 << 20)); }});
  c.push_back({"many_quotes_8MB", "8 MB of them: quotations x sentences",
               [](const fs::path& d) { return Batch(d, "quotes.txt", h::ManyQuotes(8 << 20)); }});
  c.push_back({"organizations_8MB", "an enterprise in every sentence: names x names",
               [](const fs::path& d) { return Batch(d, "orgs.txt", h::ManyOrganizations(8 << 20)); }});
  c.push_back({"ingest_no_punct_1MB", "the same through ingest",
               [](const fs::path& d) { return Batch(d, "words.txt", h::NoPunctuation(1 << 20), "ingest"); }});
  // Large legitimate documents (issue 17): the mention budget raised so
  // that every step sees the whole document; cost should grow linearly.
  const std::vector<std::string> all_mentions{"--max-doc-mentions", "100000000"};
  for (const size_t mb : {1, 2, 5, 10}) {
    const std::string size = std::to_string(mb) + "MB";
    c.push_back({"dump_" + size, "articles one after another in one document", [=](const fs::path& d) {
                   return Batch(d, "dump.txt", h::ArticleDump(mb * 1000000), "extract", all_mentions);
                 }});
  }
  for (const size_t mb : {1, 4}) {
    const std::string size = std::to_string(mb) + "MB";
    c.push_back({"meetings_" + size, "meeting reports, thousands of people", [=](const fs::path& d) {
                   return Batch(d, "meetings.txt", h::ManyMeetings(mb * 1000000), "extract", all_mentions);
                 }});
    c.push_back({"figures_para_" + size, "one paragraph of figures", [=](const fs::path& d) {
                   return Batch(d, "figures.txt", h::ManyFiguresParagraph(mb * 1000000), "extract", all_mentions);
                 }});
  }
  c.push_back({"amounts_8k_no_budget", "8,000 amounts in one sentence, sentence budgets lifted", [=](const fs::path& d) {
                 std::vector<std::string> options = all_mentions;
                 options.insert(options.end(), {"--max-sentence-chars", "100000000", "--max-sentence-mentions",
                                                "100000000"});
                 return Batch(d, "money.txt", h::ManyMoney(8000), "extract", options);
               }});
  c.push_back({"utf8_stray_byte", "one stray byte: the article is refused",
               [](const fs::path& d) { return Batch(d, "stray.txt", h::Utf8WithStrayByte()); }});
  c.push_back({"utf8_cut_last_char", "last character cut: refused",
               [](const fs::path& d) { return Batch(d, "cut.txt", h::Utf8CutLastCharacter()); }});
  c.push_back({"utf8_cp1251_footer", "cp1251 footer: whole page decoded as cp1251, silently",
               [](const fs::path& d) { return Batch(d, "footer.txt", h::Utf8PageWithCp1251Footer()); }});
  c.push_back({"symlink_loop", "a symlink loop: never ends (57,000 copies in 20 s)", [](const fs::path& d) {
                 fs::create_directories(d / "corpus" / "sub");
                 Write(d / "corpus" / "a.txt", h::OrdinaryArticle(1));
                 fs::create_directory_symlink("..", d / "corpus" / "sub" / "loop");
                 return std::vector<std::string>{"extract", "--quiet", "--out", (d / "out.jsonl").string(),
                                                 (d / "corpus").string()};
               }});
  c.push_back({"threads_-1", "--threads -1: internal error", [](const fs::path& d) {
                 Write(d / "a.txt", h::OrdinaryArticle(1));
                 return std::vector<std::string>{"ingest", "--threads", "-1", "--db", (d / "kb.db").string(),
                                                 (d / "a.txt").string()};
               }});
  c.push_back({"max_doc_bytes_-5", "--max-doc-bytes -5: taken as 2^64-5", [](const fs::path& d) {
                 Write(d / "a.txt", h::OrdinaryArticle(1));
                 return std::vector<std::string>{"extract", "--max-doc-bytes", "-5", (d / "a.txt").string()};
               }});
  return c;
}

struct Run {
  std::string status;
  double wall = 0;
  double peak_mb = 0;
  std::string first_error;
  int documents = -1;  // document lines in the output file, when there is one
  int facts = -1;      // the other lines of the output file
};

Run Execute(const std::string& binary, const std::vector<std::string>& args, const fs::path& dir, double timeout,
            size_t mem_mb) {
  Run r;
  const fs::path err = dir / "stderr";
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    rlimit lim{mem_mb << 20, mem_mb << 20};
    setrlimit(RLIMIT_AS, &lim);
    const int devnull = open("/dev/null", O_RDWR);
    const int errfd = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(errfd, 2);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(binary.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  rusage ru{};
  bool killed = false;
  for (;;) {
    const pid_t w = wait4(pid, &status, WNOHANG, &ru);
    if (w == pid) break;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (elapsed > timeout && !killed) {
      kill(pid, SIGKILL);
      killed = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  r.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.peak_mb = static_cast<double>(ru.ru_maxrss) / 1024.0;
  if (killed) {
    r.status = "killed after " + std::to_string(static_cast<int>(timeout)) + " s";
  } else if (WIFEXITED(status)) {
    r.status = "exit " + std::to_string(WEXITSTATUS(status));
  } else {
    r.status = std::string("signal ") + strsignal(WTERMSIG(status));
  }
  std::ifstream e(err);
  std::string line;
  while (std::getline(e, line)) {
    if (line.find("\r") != std::string::npos) continue;  // progress line
    r.first_error = line.substr(0, 150);
    break;
  }
  std::ifstream out(dir / "out.jsonl");
  if (out) {
    r.documents = 0;
    r.facts = 0;
    while (std::getline(out, line)) {
      if (line.find("\"type\":\"document\"") != std::string::npos) {
        ++r.documents;
      } else {
        ++r.facts;
      }
    }
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OBOROT_BINARY [FILTER] [--timeout S] [--mem MB]\n", argv[0]);
    return 2;
  }
  const std::string binary = fs::absolute(argv[1]).string();
  std::string filter;
  double timeout = 120;
  size_t mem_mb = 4096;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--timeout" && i + 1 < argc) {
      timeout = std::atof(argv[++i]);
    } else if (a == "--mem" && i + 1 < argc) {
      mem_mb = static_cast<size_t>(std::atol(argv[++i]));
    } else {
      filter = a;
    }
  }
  char tmpl[] = "/tmp/oborot_hostile_XXXXXX";
  if (mkdtemp(tmpl) == nullptr) return 1;
  const fs::path root = tmpl;
  std::printf("%-22s %-22s %8s %9s %5s %6s  %s\n", "case", "status", "wall s", "peak MB", "docs", "facts",
              "first message");
  for (const Case& c : Cases()) {
    if (!filter.empty() && c.name.find(filter) == std::string::npos) continue;
    const fs::path dir = root / c.name;
    fs::create_directories(dir);
    const auto args = c.setup(dir);
    const Run r = Execute(binary, args, dir, timeout, mem_mb);
    std::printf("%-22s %-22s %8.2f %9.1f %5s %6s  %s\n", c.name.c_str(), r.status.c_str(), r.wall, r.peak_mb,
                r.documents < 0 ? "-" : std::to_string(r.documents).c_str(),
                r.facts < 0 ? "-" : std::to_string(r.facts).c_str(), r.first_error.c_str());
    std::fflush(stdout);
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::error_code ec;
  fs::remove_all(root, ec);
  return 0;
}
