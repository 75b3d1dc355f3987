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
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "oborot/extractor.h"
#include "src/cli/command.h"
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
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ExtractOptionsCli>();
  app.add_option("inputs", o->inputs, "files, directories (recursively) or - for standard input")->required();
  auto* explain = app.add_flag("--explain", o->explain, "print a readable account of each fact instead of JSONL");
  app.add_flag("--rejected", o->rejected,
               "with --explain: also list the money and change figures considered and dropped, with the reason")
      ->needs(explain);
  o->doc.Register(app, "write JSONL to FILE instead of standard output");
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
      auto r = (*ex)->Process(in, {.max_doc_bytes = o->doc.max_doc_bytes, .explain = o->explain, .rejected = o->rejected});
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
      std::cerr << "oborot: " << (o->doc.out.empty() ? "standard output" : o->doc.out) << ": write error\n";
      return kExitSomeFailed;
    }
    if (failed && !o->doc.quiet) {
      std::cerr << "oborot: " << failed << " of " << (done + failed) << " inputs failed\n";
    }
    return failed ? kExitSomeFailed : kExitOk;
  };
}

const Registrar kReg("extract", "extract facts from documents as JSONL", Setup);

}  // namespace
}  // namespace oborot::cli
