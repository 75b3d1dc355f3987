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
// Documents are extracted on --threads threads at once and written in input
// order (src/cli/doc_loop.h): the output is the same for every thread count,
// and at most a small window of documents is in memory whatever the input.
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "oborot/extractor.h"
#include "src/cli/command.h"
#include "src/cli/doc_loop.h"
#include "src/cli/doc_options.h"
#include "src/cli/inputs.h"
#include "src/cli/progress.h"

namespace oborot::cli {
namespace {

struct ExtractOptionsCli {
  std::vector<std::string> inputs;  // files, directories, "-"
  DocumentOptions doc;              // --out, --errors, --quiet, --max-doc-bytes, --published
  bool explain = false;
  bool rejected = false;            // --rejected (with --explain): the figures dropped and why
  bool with_text = false;             // --with-text: a text line after each document line
  size_t threads = DefaultThreads();  // --threads N: documents extracted at once
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
  auto* explain = app.add_flag("--explain", o->explain, "print a readable account of each fact instead of JSONL");
  app.add_flag("--rejected", o->rejected,
               "with --explain: also list the money and change figures considered and dropped, with the reason")
      ->needs(explain);
  app.add_flag("--with-text", o->with_text,
               "after each document line, a text line {\"doc\",\"type\":\"text\",\"extractor\",\"text\"} with the "
               "cleaned body, so that `oborot ingest --facts` can store the output");
  o->doc.Register(app, "write JSONL to FILE instead of standard output");
  AddThreadsOption(app, o->threads);
  return [o]() -> int {
    if (!o->doc.CheckPublished(o->inputs)) return kExitUsage;
    auto ex = Extractor::Create();
    if (!ex.ok()) {
      std::cerr << "oborot: " << ex.status().message() << "\n";
      return kExitSomeFailed;
    }
    OutputTarget target;
    if (!target.Open(o->doc.out)) return kExitUsage;
    std::ostream* out = &target.stream();
    ErrorSink errors;
    if (!errors.Open(o->doc.errors)) return kExitUsage;
    Progress progress(o->doc.quiet);
    InputWalker walk(o->inputs, o->doc.Inputs());
    DocTally tally(errors, [&] { progress.Finish(); });  // a message ends the progress line first
    const Extractor& extractor = **ex;
    DocLoop(DocLoop::Options{.threads = o->threads})
        .Run(
            walk,
            [&](RawInput& in, std::string& text, std::vector<std::string>& warnings) -> Status {
              // std::move: the input's bytes are freed once decoded (its source and id stay)
              auto r = extractor.Process(std::move(in), {.max_doc_bytes = o->doc.max_doc_bytes,
                                              .explain = o->explain,
                                              .rejected = o->rejected,
                                              .budgets = o->doc.budgets,
                                              // the JSONL writer reads each sentence from the text: no copy per fact
                                              .evidence_text = false});
              if (!r.ok()) return r.status();
              warnings = std::move(r->doc.warnings);
              if (o->explain) {
                text = extractor.Explain(*r);
                return Status::Ok();
              }
              extractor.AppendJsonl(*r, text, o->with_text ? TextLine(r->doc, extractor.Version()) + '\n' : "");
              return Status::Ok();
            },
            [&](const DocOutcome& d) {
              if (tally.Take(d)) *out << d.out;
              progress.Update(tally.done() + tally.failed(), d.bytes_read);
            });
    return tally.Finish(*out, o->doc.out, o->doc.quiet);
  };
}

const Registrar kReg("extract", "extract facts from documents as JSONL", Setup);

}  // namespace
}  // namespace oborot::cli
