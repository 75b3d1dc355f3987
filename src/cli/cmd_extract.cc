// oborot extract [INPUT...]: facts as JSONL.
//
//   oborot extract corpus/ --out facts.jsonl --errors errors.jsonl
//
// One document line and its fact lines per input document. A document that
// fails (binary, undecodable, empty, too large, unreadable, a malformed JSONL
// record) gets one line on standard error, "oborot: CODE: INPUT: PROBLEM",
// and with --errors one JSON record {"input", "code", "message"}; the batch
// goes on. Exit status: 0 all went through, 1 some failed, 2 usage error.
// Documents are extracted on --threads threads at once and written in input
// order (src/cli/doc_loop.h): the output is the same for every thread count,
// and at most a small window of documents is in memory whatever the input.
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <memory>

#include "oborot/extractor.h"
#include "src/cli/command.h"
#include "src/cli/doc_loop.h"
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
  bool with_text = false;           // --with-text: a text line after each document line
  bool quiet = false;               // no progress line, no summary
  size_t threads = DefaultThreads();  // --threads N: documents extracted at once
};

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

// The text line of --with-text: what `oborot ingest --facts` needs beyond the
// document and fact lines to store the document as `oborot ingest` would.
std::string TextLine(const Document& doc, const std::string& version) {
  nlohmann::ordered_json j;
  j["doc"] = doc.id;
  j["type"] = "text";
  j["extractor"] = version;
  j["text"] = doc.text;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ExtractOptionsCli>();
  app.add_option("inputs", o->inputs, "files, directories (recursively) or - for standard input")->required();
  app.add_option("--out,-o", o->out, "write JSONL to FILE instead of standard output");
  app.add_option("--errors", o->errors, "also write one JSON record per failed input to FILE");
  app.add_option("--max-doc-bytes", o->max_doc_bytes, "refuse documents larger than this (default 16 MiB)");
  app.add_option("--published", o->published,
                 "YYYY-MM-DD: the publication date of a single input (a file or -), over what its text says");
  app.add_flag("--explain", o->explain, "print a readable account of each fact instead of JSONL");
  app.add_flag("--with-text", o->with_text,
               "after each document line, a text line {\"doc\",\"type\":\"text\",\"extractor\",\"text\"} with the "
               "cleaned body, so that `oborot ingest --facts` can store the output");
  app.add_flag("--quiet,-q", o->quiet, "no progress line and no summary on standard error");
  AddThreadsOption(app, o->threads);
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
    const Extractor& extractor = **ex;
    DocLoop(DocLoop::Options{.threads = o->threads})
        .Run(
            walk,
            [&](const RawInput& in, std::string& text) -> Status {
              auto r = extractor.Process(in, {.max_doc_bytes = o->max_doc_bytes, .explain = o->explain});
              if (!r.ok()) return r.status();
              if (o->explain) {
                text = extractor.Explain(*r);
                return Status::Ok();
              }
              const std::vector<std::string> lines = extractor.ToJsonLines(*r);
              for (size_t i = 0; i < lines.size(); ++i) {
                (text += lines[i]) += '\n';
                if (i == 0 && o->with_text) (text += TextLine(r->doc, extractor.Version())) += '\n';
              }
              return Status::Ok();
            },
            [&](const DocOutcome& d) {
              if (!d.status.ok()) {
                progress.Finish();
                errors.Report(d.status, d.input);
                ++failed;
              } else {
                ++done;
                *out << d.out;
              }
              progress.Update(done + failed, d.bytes_read);
            });
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
