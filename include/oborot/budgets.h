// Per-document budgets: the caps that keep every stage near linear in its
// input, so that no document costs more than its own failure.
//
//   oborot::ExtractOptions opt;
//   opt.budgets.sentence_chars = 1000;   // break sentences at 1,000 characters
//   opt.budgets.doc_seconds = 5;         // refuse a document after 5 s
//
// 0 means no limit, for every budget. A document over a budget is cut (a warning naming the budget goes into
// Document::warnings, and the rest is read as usual) or, for wall time,
// refused (kTooLarge naming --max-doc-seconds). The byte budget
// (ExtractOptions::max_doc_bytes) refuses a document before it is read. The
// defaults are far above what any real news article reaches; the README's
// "Bad input" section lists them with their command-line options.
#pragma once

#include <cstddef>

namespace oborot {

struct Budgets {
  // HTML elements (start tags) in a page; the page is cut before the first
  // element over the budget (--max-html-elements).
  size_t html_elements = 200'000;
  // Elements open at once (nesting depth); deeper start tags are dropped,
  // which flattens the page but keeps its text (--max-html-depth).
  size_t html_depth = 256;
  // Attributes of one element; the rest of the element's attributes are
  // dropped (a fixed limit, not an option: no page needs more).
  size_t html_attributes = 128;
  // Characters (code points) of one sentence: a longer run without a
  // sentence end is broken at a space near the limit (--max-sentence-chars).
  size_t sentence_chars = 2'000;
  // Mentions of each kind (money amounts, changes, quantities, dates,
  // parties, persons, roles, organisations, sectors, cue words) kept per
  // sentence; the rest of the sentence's mentions of that kind are dropped
  // (--max-sentence-mentions).
  size_t sentence_mentions = 64;
  // Mentions of each kind kept per document (--max-doc-mentions).
  size_t doc_mentions = 10'000;
  // Wall time for one document, in seconds (--max-doc-seconds).
  double doc_seconds = 60;
};

}  // namespace oborot
