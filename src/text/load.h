// The document layer's entry point: raw bytes to a cleaned, dated Document
// with its paragraphs.
//
//   auto doc = oborot::text::LoadDocument(raw, {.max_doc_bytes = 16 << 20});
//   if (!doc.ok()) return doc.status();   // "a.txt: empty document"
//   oborot::segment::SegmentDocument(*doc);  // sentences (src/segment/sentences.h)
//
// Steps: size limit -> decode (src/text/decode.h; for HTML the charset the
// page declares) -> for HTML (InputFormat::kHtml, or kAuto and it looks like
// HTML) main-text extraction (src/text/html.h) -> cleaning (clean.h) -> title
// and publication date (published.h) -> paragraphs. Sentences are left empty:
// the sentence splitter is in the next stage (segment), which text must not
// depend on.
//
// Errors (messages start with raw.source): kTooLarge (over max_doc_bytes,
// or past the deadline), kInvalidInput (binary data, text in no supported
// encoding; the message names the byte offset), kEmpty (no text after
// cleaning). Repairs and cuts go into Document::warnings: invalid UTF-8
// replaced, runs decoded in another charset, an HTML page flattened or cut
// by a budget (naming its option).
#pragma once

#include "oborot/budgets.h"
#include "oborot/document.h"
#include "oborot/status.h"
#include "src/base/deadline.h"

namespace oborot::text {

struct LoadOptions {
  size_t max_doc_bytes = 16u << 20;
  Budgets budgets{};  // the HTML limits are used here (html_elements, html_depth, html_attributes)
  Deadline deadline{};  // checked between steps (--max-doc-seconds)
  // raw.bytes, or null: freed as soon as they are decoded (the caller owns
  // `raw` and reads its bytes no more), so a large input is not held twice.
  std::string* release_bytes = nullptr;
};

Result<Document> LoadDocument(const RawInput& raw, const LoadOptions& options);

// The error for a document past its deadline: kTooLarge, "SOURCE: took
// longer than 60 s (--max-doc-seconds); the document was skipped".
Status DeadlineStatus(const RawInput& raw, const Deadline& d);
// Warnings for what the HTML pre-scan of `raw` changed (h), each naming its
// budget's option, appended to `out`.
struct HtmlExtract;
void HtmlWarnings(const RawInput& raw, const HtmlExtract& h, const Budgets& b, std::vector<std::string>& out);
// Seconds for messages: "60", "0.5".
std::string FormatSeconds(double s);

}  // namespace oborot::text
