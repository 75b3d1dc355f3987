// oborot extract [INPUT...]: facts as JSONL.
#include <fstream>
#include <iostream>

#include "oborot/extractor.h"
#include "src/cli/command.h"
#include "src/cli/inputs.h"

namespace oborot::cli {
namespace {

struct ExtractOptionsCli {
  std::vector<std::string> inputs;  // files, directories, "-"
  std::string out;                  // --out FILE, else standard output
  size_t max_doc_bytes = 16u << 20;
  bool explain = false;
};

RunFn Setup(CLI::App& app) {
  auto o = std::make_shared<ExtractOptionsCli>();
  app.add_option("inputs", o->inputs, "files, directories (recursively) or - for standard input")->required();
  app.add_option("--out,-o", o->out, "write JSONL to FILE instead of standard output");
  app.add_option("--max-doc-bytes", o->max_doc_bytes, "refuse documents larger than this (default 16 MiB)");
  app.add_flag("--explain", o->explain, "print a readable account of each fact instead of JSONL");
  return [o]() -> int {
    auto ex = Extractor::Create();
    if (!ex.ok()) {
      std::cerr << "oborot: " << ex.status().ToString() << "\n";
      return kExitSomeFailed;
    }
    std::ofstream file;
    std::ostream* out = &std::cout;
    if (!o->out.empty()) {
      file.open(o->out, std::ios::binary);
      if (!file) {
        std::cerr << "oborot: " << o->out << ": cannot open for writing\n";
        return kExitUsage;
      }
      out = &file;
    }
    InputWalker walk(o->inputs, {.max_doc_bytes = o->max_doc_bytes});
    int failed = 0;
    while (auto next = walk.Next()) {
      if (!next->ok()) {
        std::cerr << "oborot: " << next->status().ToString() << "\n";
        ++failed;
        continue;
      }
      auto r = (*ex)->Process(**next, {.max_doc_bytes = o->max_doc_bytes, .explain = o->explain});
      if (!r.ok()) {
        std::cerr << "oborot: " << r.status().ToString() << "\n";
        ++failed;
        continue;
      }
      if (o->explain) {
        *out << (*ex)->Explain(*r);
      } else {
        for (const auto& line : (*ex)->ToJsonLines(*r)) *out << line << '\n';
      }
    }
    out->flush();
    return failed ? kExitSomeFailed : kExitOk;
  };
}

const Registrar kReg("extract", "extract facts from documents as JSONL", Setup);

}  // namespace
}  // namespace oborot::cli
