// Options shared by the document commands (extract, text, annotate, ingest):
// the byte budget and the other per-document budgets of oborot/budgets.h,
// and the guard that keeps one document's failure inside its document.
//
//   auto o = std::make_shared<DocOptions>();
//   AddDocumentOptions(app, *o);                  // --max-doc-bytes, --max-html-depth, ...
//   Status st = GuardDocument(in.source, [&] { return Process(in); });  // exceptions become a Status
#pragma once

#include <CLI/CLI.hpp>

#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/budgets.h"
#include "oborot/status.h"

namespace oborot::cli {

struct DocOptions {
  size_t max_doc_bytes = 16u << 20;  // --max-doc-bytes: larger documents are refused unread
  Budgets budgets;                   // --max-html-elements, --max-html-depth, --max-sentence-chars, ...
};

// Adds --max-doc-bytes, --max-html-elements, --max-html-depth,
// --max-sentence-chars, --max-sentence-mentions, --max-doc-mentions and
// --max-doc-seconds, each refusing negative and non-numeric values as usage
// errors (exit 2).
void AddDocumentOptions(CLI::App& app, DocOptions& o);
// The same without --max-doc-bytes (`fetch` names its byte limit --max-page-bytes).
void AddBudgetOptions(CLI::App& app, Budgets& b);

// Prints each warning as "oborot: warning: MESSAGE" on standard error.
void PrintWarnings(const std::vector<std::string>& warnings);

// A validator for whole numbers 0 or more ("-1", "1e3" and "5x" are usage errors).
const CLI::Validator& WholeNumber();

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
