// oborot extract [INPUT...]: facts as JSONL.
//
//   oborot extract corpus/ --out facts.jsonl --errors errors.jsonl
//
// One document line and its fact lines per input document. A document that
// fails (binary, undecodable, empty, too large, unreadable, a malformed JSONL
// record) gets one line on standard error, "oborot: CODE: INPUT: PROBLEM",
// and with --errors one JSON record {"input", "code", "message"}; the batch
// goes on. Exit status: 0 all went through, 1 some failed, 2 usage error.
// Documents stream one at a time: nothing accumulates across documents.
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <memory>

#include "oborot/extractor.h"
#include "src/cli/command.h"
#include "src/cli/inputs.h"
#include "src/cli/progress.h"

namespace oborot::cli {
namespace {

struct ExtractOptionsCli {
  std::vector<std::string> inputs;  // files, directories, "-"
  std::string out;                  // --out FILE, else standard output
  std::string errors;               // --errors FILE: one JSONL record per failed input
  size_t max_doc_bytes = 16u << 20;
  std::string published;  // --published YYYY-MM-DD for a single input
  bool explain = false;
  bool rejected = false;            // --rejected (with --explain): the figures dropped and why
  bool quiet = false;               // no progress line, no summary
};

// The input a status message names: the text before the first ": ".
std::string InputOf(const Status& s) {
  const size_t colon = s.message().find(": ");
  return colon == std::string::npos ? s.message() : s.message().substr(0, colon);
}

class ErrorSink {
 public:
  bool Open(const std::string& path) {
    if (path.empty()) return true;
    file_.open(path, std::ios::binary);
    return static_cast<bool>(file_);
  }
  void Report(const Status& s, const std::string& input) {
    std::cerr << "oborot: " << s.ToString() << "\n";
    if (!file_.is_open()) return;
    nlohmann::ordered_json j;
    j["input"] = input;
    j["code"] = std::string(StatusCodeName(s.code()));
    j["message"] = s.message();
    file_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    file_.flush();
  }

 private:
  std::ofstream file_;
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ExtractOptionsCli>();
  app.add_option("inputs", o->inputs, "files, directories (recursively) or - for standard input")->required();
  app.add_option("--out,-o", o->out, "write JSONL to FILE instead of standard output");
  app.add_option("--errors", o->errors, "also write one JSON record per failed input to FILE");
  app.add_option("--max-doc-bytes", o->max_doc_bytes, "refuse documents larger than this (default 16 MiB)");
  app.add_option("--published", o->published,
                 "YYYY-MM-DD: the publication date of a single input (a file or -), over what its text says");
  auto* explain = app.add_flag("--explain", o->explain, "print a readable account of each fact instead of JSONL");
  app.add_flag("--rejected", o->rejected,
               "with --explain: also list the money and change figures considered and dropped, with the reason")
      ->needs(explain);
  app.add_flag("--quiet,-q", o->quiet, "no progress line and no summary on standard error");
  return [o]() -> int {
    if (auto e = CheckPublished(o->published, o->inputs); !e.empty()) {
      std::cerr << "oborot: " << e << "\n";
      return kExitUsage;
    }
    auto ex = Extractor::Create();
    if (!ex.ok()) {
      std::cerr << "oborot: " << ex.status().ToString() << "\n";
      return kExitSomeFailed;
    }
    OutputTarget target;
    if (!target.Open(o->out)) return kExitUsage;
    std::ostream* out = &target.stream();
    ErrorSink errors;
    if (!errors.Open(o->errors)) {
      std::cerr << "oborot: " << o->errors << ": cannot open for writing\n";
      return kExitUsage;
    }
    Progress progress(o->quiet);
    InputWalker walk(o->inputs, {.max_doc_bytes = o->max_doc_bytes, .published = o->published});
    uint64_t done = 0, failed = 0;
    while (auto next = walk.Next()) {
      progress.Update(done + failed, walk.bytes_read());
      if (!next->ok()) {
        progress.Finish();
        errors.Report(next->status(), InputOf(next->status()));
        ++failed;
        continue;
      }
      const RawInput& in = **next;
      auto r = (*ex)->Process(in, {.max_doc_bytes = o->max_doc_bytes, .explain = o->explain, .rejected = o->rejected});
      if (!r.ok()) {
        progress.Finish();
        errors.Report(r.status(), in.source);
        ++failed;
        continue;
      }
      ++done;
      if (o->explain) {
        *out << (*ex)->Explain(*r);
      } else {
        for (const auto& line : (*ex)->ToJsonLines(*r)) *out << line << '\n';
      }
    }
    out->flush();
    progress.Finish();
    if (!*out) {
      std::cerr << "oborot: " << (o->out.empty() ? "standard output" : o->out) << ": write error\n";
      return kExitSomeFailed;
    }
    if (failed && !o->quiet) {
      std::cerr << "oborot: " << failed << " of " << (done + failed) << " inputs failed\n";
    }
    return failed ? kExitSomeFailed : kExitOk;
  };
}

const Registrar kReg("extract", "extract facts from documents as JSONL", Setup);

}  // namespace
}  // namespace oborot::cli
