// oborot extract [INPUT...]: facts as JSONL.
//
//   oborot extract corpus/ --out facts.jsonl --errors errors.jsonl
//
// One document line and its fact lines per input document. A document that
// fails (binary, undecodable, empty, too large, unreadable, a malformed JSONL
// record, over --max-doc-seconds, or an internal error while reading it) gets
// one line on standard error, "oborot: CODE: INPUT: PROBLEM", and with
// --errors one JSON record {"input", "code", "message"}; the batch goes on. A
// document cut by a budget or repaired (invalid UTF-8) goes through with
// "oborot: warning: INPUT: ..." lines. Exit status: 0 all went through, 1
// some failed, 2 usage error.
// Documents stream one at a time: nothing accumulates across documents.
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <memory>

#include "oborot/extractor.h"
#include "src/cli/command.h"
#include "src/cli/doc_options.h"
#include "src/cli/inputs.h"
#include "src/cli/progress.h"

namespace oborot::cli {
namespace {

struct ExtractOptionsCli {
  std::vector<std::string> inputs;  // files, directories, "-"
  std::string out;                  // --out FILE, else standard output
  std::string errors;               // --errors FILE: one JSONL record per failed input
  DocOptions doc;                   // --max-doc-bytes and the other budgets
  std::string published;  // --published YYYY-MM-DD for a single input
  bool explain = false;
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
  AddDocumentOptions(app, o->doc);
  app.add_option("--published", o->published,
                 "YYYY-MM-DD: the publication date of a single input (a file or -), over what its text says");
  app.add_flag("--explain", o->explain, "print a readable account of each fact instead of JSONL");
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
    InputWalker walk(o->inputs, {.max_doc_bytes = o->doc.max_doc_bytes, .published = o->published});
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
      std::vector<std::string> lines, warnings;
      // Everything the document does stays inside it: an exception is its failure.
      const Status st = GuardDocument(in.source, [&]() -> Status {
        auto r = (*ex)->Process(in, {.max_doc_bytes = o->doc.max_doc_bytes, .explain = o->explain,
                                     .budgets = o->doc.budgets});
        if (!r.ok()) return r.status();
        warnings = std::move(r->doc.warnings);
        if (o->explain) {
          lines.push_back((*ex)->Explain(*r));
        } else {
          lines = (*ex)->ToJsonLines(*r);
        }
        return Status::Ok();
      });
      if (!warnings.empty()) {
        progress.Finish();
        PrintWarnings(warnings);
      }
      if (!st.ok()) {
        progress.Finish();
        errors.Report(st, in.source);
        ++failed;
        continue;
      }
      ++done;
      for (const auto& line : lines) {
        *out << line;
        if (!o->explain) *out << '\n';
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
