#include "src/text/load.h"

#include "src/base/utf8.h"

namespace oborot::text {

// Minimal first version: UTF-8 only, no cleaning. Replaced by the full
// document layer (decode, html, clean, dates, segment).
Result<Document> LoadDocument(const RawInput& raw, const LoadOptions& options) {
  if (raw.bytes.size() > options.max_doc_bytes) {
    return Status(StatusCode::kTooLarge, raw.source + ": " + std::to_string(raw.bytes.size()) +
                                             " bytes, over the limit of " + std::to_string(options.max_doc_bytes));
  }
  if (auto bad = FirstInvalidUtf8(raw.bytes)) {
    return Status(StatusCode::kInvalidInput, raw.source + ": invalid UTF-8 at byte " + std::to_string(*bad));
  }
  Document doc;
  doc.id = raw.id;
  doc.source = raw.source;
  doc.encoding = "UTF-8";
  doc.original = raw.bytes;
  doc.text = raw.bytes;
  doc.offsets.push_back({0, 0, static_cast<uint32_t>(doc.text.size())});
  if (doc.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status(StatusCode::kEmpty, raw.source + ": empty document");
  }
  return doc;
}

}  // namespace oborot::text
