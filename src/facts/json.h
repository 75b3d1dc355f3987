// Fact and document lines of the JSONL contract (../shared/spec/facts.md in
// the steering repo; README "Fact format").
//
//   std::string line = oborot::facts::DocumentJsonLine(doc);
//   const oborot::CodePointIndex index(doc.text);
//   for (const oborot::Fact& f : facts) line = oborot::facts::FactJsonLine(doc, f, index);
//
// Each function returns one JSON object without a trailing newline. Keys come
// in the contract's order. Evidence offsets (bytes in Document::text) are
// written as code points with `index`, which must be built over doc.text.
// Errors: none; text that is not valid UTF-8 (never produced by text::Load)
// is written with U+FFFD in place of each bad byte.
#pragma once

#include <string>

#include "oborot/document.h"
#include "oborot/fact.h"
#include "src/base/utf8.h"

namespace oborot::facts {

std::string DocumentJsonLine(const Document& doc);
// The same, counting the text's code points with `index` (built over doc.text).
std::string DocumentJsonLine(const Document& doc, const CodePointIndex& index);
std::string FactJsonLine(const Document& doc, const Fact& f, const CodePointIndex& index);

}  // namespace oborot::facts
