#include "src/cli/doc_options.h"

#include <iostream>

namespace oborot::cli {

void PrintWarnings(const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings) std::cerr << "oborot: warning: " << w << "\n";
}

const CLI::Validator& WholeNumber() {
  static const CLI::Validator v(
      [](const std::string& s) -> std::string {
        if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) {
          return "must be a whole number, 0 or more (got '" + s + "')";
        }
        return {};
      },
      "NUMBER>=0");
  return v;
}

void AddDocumentOptions(CLI::App& app, DocumentOptions& o) {
  app.add_option("--max-doc-bytes", o.max_doc_bytes, "refuse documents larger than this, unread (default 16 MiB)")
      ->check(WholeNumber());
  AddBudgetOptions(app, o.budgets);
}

void AddBudgetOptions(CLI::App& app, Budgets& b) {
  app.add_option("--max-html-elements", b.html_elements,
                 "cut an HTML page after this many elements (default " + std::to_string(b.html_elements) + ")")
      ->check(WholeNumber());
  app.add_option("--max-html-depth", b.html_depth,
                 "drop HTML start tags nested deeper than this, keeping their text (default " +
                     std::to_string(b.html_depth) + ")")
      ->check(WholeNumber());
  app.add_option("--max-sentence-chars", b.sentence_chars,
                 "break a sentence longer than this many characters (default " + std::to_string(b.sentence_chars) +
                     ")")
      ->check(WholeNumber());
  app.add_option("--max-sentence-mentions", b.sentence_mentions,
                 "keep at most this many mentions of each kind (money, changes, dates, parties, ...) per sentence "
                 "(default " + std::to_string(b.sentence_mentions) + ")")
      ->check(WholeNumber());
  app.add_option("--max-doc-mentions", b.doc_mentions,
                 "keep at most this many mentions of each kind per document (default " +
                     std::to_string(b.doc_mentions) + ")")
      ->check(WholeNumber());
  app.add_option("--max-doc-seconds", b.doc_seconds,
                 "skip a document that takes longer than this many seconds (default 60; 0: no limit)")
      ->check(CLI::NonNegativeNumber);
}

}  // namespace oborot::cli
