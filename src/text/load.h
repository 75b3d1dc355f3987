// The document layer's entry point: raw bytes to a cleaned, dated, segmented
// Document.
//
//   auto doc = oborot::text::LoadDocument(raw, {.max_doc_bytes = 16 << 20});
//
// Errors: kTooLarge (over max_doc_bytes), kInvalidInput (binary data, text in
// no supported encoding; the message names the byte offset), kEmpty (no text
// after cleaning). Messages start with raw.source.
#pragma once

#include "oborot/document.h"
#include "oborot/status.h"

namespace oborot::text {

struct LoadOptions {
  size_t max_doc_bytes = 16u << 20;
};

Result<Document> LoadDocument(const RawInput& raw, const LoadOptions& options);

}  // namespace oborot::text
