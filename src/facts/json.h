// Fact and document lines of the JSONL contract.
//
//   nlohmann::ordered_json j = oborot::facts::FactToJson(doc, fact, cp_index);
#pragma once

#include <nlohmann/json.hpp>

#include "oborot/document.h"
#include "oborot/fact.h"
#include "src/base/utf8.h"

namespace oborot::facts {

nlohmann::ordered_json DocumentToJson(const Document& doc);
// Evidence offsets are converted to code points with `index` (built over doc.text).
nlohmann::ordered_json FactToJson(const Document& doc, const Fact& f, const CodePointIndex& index);

}  // namespace oborot::facts
