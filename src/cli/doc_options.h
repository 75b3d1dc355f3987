// The options every document command takes (extract, text, annotate,
// ingest), registered in one place so that they mean the same everywhere:
//
//   DocumentOptions d;
//   d.Register(app);                      // --out, --errors, --quiet, --published, --max-doc-bytes
//                                         // and the budgets of oborot/budgets.h (--max-html-depth, ...)
//   if (!d.CheckPublished(inputs)) return kExitUsage;  // says why
//   ErrorSink errors;
//   if (!errors.Open(d.errors)) return kExitUsage;   // says why
//   ... errors.Report(status, input);     // a line on standard error, a record in --errors
//   Status st = GuardDocument(in.source, [&] { return Process(in); });  // exceptions become a Status
#pragma once

#include <CLI/CLI.hpp>

#include <exception>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/budgets.h"
#include "oborot/status.h"
#include "src/cli/command.h"
#include "src/cli/inputs.h"

namespace oborot::cli {

// Adds --max-html-elements, --max-html-depth, --max-sentence-chars,
// --max-sentence-mentions, --max-doc-mentions and --max-doc-seconds, each
// refusing negative and non-numeric values as usage errors (exit 2). `fetch`
// takes these with its own byte limit, --max-page-bytes.
void AddBudgetOptions(CLI::App& app, Budgets& b);

struct DocumentOptions;
// Adds --max-doc-bytes and the budgets (AddBudgetOptions) alone, for a command
// that reads stored documents rather than inputs (`reextract`).
void AddDocumentOptions(CLI::App& app, DocumentOptions& o);

// Prints each warning as "oborot: warning: MESSAGE" on standard error.
void PrintWarnings(const std::vector<std::string>& warnings);

// A validator for whole numbers 0 or more ("-1", "1e3" and "5x" are usage errors).
const CLI::Validator& WholeNumber();

struct DocumentOptions {
  std::string out{};                 // --out FILE, else standard output
  std::string errors{};              // --errors FILE: one JSONL record per failed input
  bool quiet = false;                // --quiet: no progress line, no summary
  size_t max_doc_bytes = 16u << 20;  // --max-doc-bytes N: larger documents are refused unread
  Budgets budgets{};                 // --max-html-elements, --max-html-depth, --max-sentence-chars, ...
  std::string published{};           // --published YYYY-MM-DD: the date of a single input
  // `out_help` says what --out receives for this command.
  void Register(CLI::App& app, const std::string& out_help = "write to FILE instead of standard output") {
    app.add_option("--out,-o", out, out_help);
    app.add_option("--errors", errors, "also write one JSON record per failed input to FILE");
    app.add_flag("--quiet,-q", quiet, "no progress line and no summary on standard error");
    app.add_option("--published", published,
                   "YYYY-MM-DD: the publication date of a single input (a file or -), over what its text says");
    AddDocumentOptions(app, *this);
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

// Runs f() (returning Status) so that nothing it throws leaves the document:
// an exception becomes kInternal "SOURCE: internal error while reading this
// document (WHAT); it was skipped", and out of memory says so. The run goes
// on with the next document.
template <typename F>
Status GuardDocument(std::string_view source, F&& f) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return Status(StatusCode::kInternal, std::string(source) + ": out of memory while reading this document; it was skipped");
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string(source) + ": internal error while reading this document (" +
                                             e.what() + "); it was skipped");
  } catch (...) {
    return Status(StatusCode::kInternal,
                  std::string(source) + ": internal error while reading this document; it was skipped");
  }
}

}  // namespace oborot::cli
