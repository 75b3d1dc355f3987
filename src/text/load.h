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
// Errors (messages start with raw.source): kTooLarge (over max_doc_bytes),
// kInvalidInput (binary data, text in no supported encoding; the message
// names the byte offset), kEmpty (no text after cleaning).
#pragma once

#include "oborot/document.h"
#include "oborot/status.h"

namespace oborot::text {

struct LoadOptions {
  size_t max_doc_bytes = 16u << 20;
};

Result<Document> LoadDocument(const RawInput& raw, const LoadOptions& options);

}  // namespace oborot::text
