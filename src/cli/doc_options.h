// The options every document command takes (extract, text, annotate,
// ingest), registered in one place so that they mean the same everywhere:
//
//   DocumentOptions d;
//   d.Register(app);                      // --out, --errors, --quiet, --max-doc-bytes, --published
//   if (!d.CheckPublished(inputs)) return kExitUsage;  // says why
//   ErrorSink errors;
//   if (!errors.Open(d.errors)) return kExitUsage;   // says why
//   ... errors.Report(status, input);     // a line on standard error, a record in --errors
#pragma once

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "oborot/status.h"
#include "src/cli/command.h"
#include "src/cli/inputs.h"

namespace oborot::cli {

struct DocumentOptions {
  std::string out;                   // --out FILE, else standard output
  std::string errors;                // --errors FILE: one JSONL record per failed input
  bool quiet = false;                // --quiet: no progress line, no summary
  size_t max_doc_bytes = 16u << 20;  // --max-doc-bytes N
  std::string published;             // --published YYYY-MM-DD: the date of a single input
  // `out_help` says what --out receives for this command.
  void Register(CLI::App& app, const std::string& out_help = "write to FILE instead of standard output") {
    app.add_option("--out,-o", out, out_help);
    app.add_option("--errors", errors, "also write one JSON record per failed input to FILE");
    app.add_flag("--quiet,-q", quiet, "no progress line and no summary on standard error");
    app.add_option("--max-doc-bytes", max_doc_bytes, "refuse documents larger than this (default 16 MiB)");
    app.add_option("--published", published,
                   "YYYY-MM-DD: the publication date of a single input (a file or -), over what its text says");
  }
  // Prints the usage error of --published with these inputs and returns false (see inputs.h).
  bool CheckPublished(const std::vector<std::string>& inputs) const {
    const std::string e = oborot::cli::CheckPublished(published, inputs);
    if (!e.empty()) std::cerr << "oborot: " << e << "\n";
    return e.empty();
  }
  // What InputWalker needs of these options.
  InputOptions Inputs() const { return {.max_doc_bytes = max_doc_bytes, .published = published}; }
};

// The input a status message names: the text before the first ": ".
inline std::string InputOf(const Status& s) {
  const size_t colon = s.message().find(": ");
  return colon == std::string::npos ? s.message() : s.message().substr(0, colon);
}

// Where failed documents are reported: one line on standard error, and with
// --errors one JSON record {"input", "code", "message"} per failure.
class ErrorSink {
 public:
  // Prints "oborot: PATH: cannot open for writing" and returns false on failure.
  bool Open(const std::string& path) {
    if (path.empty()) return true;
    file_.open(path, std::ios::binary);
    if (!file_) std::cerr << "oborot: " << path << ": cannot open for writing\n";
    return static_cast<bool>(file_);
  }
  void Report(const Status& s, const std::string& input) {
    std::cerr << "oborot: " << s.message() << "\n";
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

}  // namespace oborot::cli
