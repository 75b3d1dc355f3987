// The stored article: a document's raw input (its bytes, compressed, and the
// metadata it came with) as the knowledge base keeps it, so that its facts
// can be derived again by a newer extractor (`oborot reextract`).
//
//   kb::StoredInput s = kb::PackInput(raw);            // any thread
//   ... store s.meta, s.format, s.size, s.compressed ...
//   Result<RawInput> back = kb::UnpackInput(s);        // the same RawInput
//
// Bytes are compressed with zlib (Debian's zlib1g) at level 1: Russian text
// and HTML shrink to a third or a quarter, and level 6 saved under 1% more
// space for about a tenth of an ingest's CPU time (measured on 2,000 news
// texts). Metadata is a JSON object of the RawInput's
// fields other than its bytes.
#pragma once

#include <string>

#include "oborot/document.h"
#include "oborot/status.h"

namespace oborot::kb {

struct StoredInput {
  std::string meta;        // JSON: id, source, url, title, published, published_fallback, ..., charset
  std::string format;      // "auto", "text", "html"
  int64_t size = 0;        // uncompressed bytes
  std::string compressed;  // zlib stream of the bytes
};

StoredInput PackInput(const RawInput& raw);

// Errors: kCorrupt when the metadata is not a JSON object, the stream does not
// decompress or its length differs from `size`.
Result<RawInput> UnpackInput(const StoredInput& stored);

}  // namespace oborot::kb
