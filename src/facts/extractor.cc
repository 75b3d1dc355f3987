#include "oborot/extractor.h"

#include <sstream>

#include "src/facts/json.h"
#include "src/text/load.h"

namespace oborot {

struct Extractor::Impl {};

Extractor::Extractor() : impl_(std::make_unique<Impl>()) {}
Extractor::~Extractor() = default;

Result<std::shared_ptr<const Extractor>> Extractor::Create() {
  return std::shared_ptr<const Extractor>(new Extractor());
}

Result<Extraction> Extractor::Process(const RawInput& in, const ExtractOptions& options) const {
  auto doc = text::LoadDocument(in, {.max_doc_bytes = options.max_doc_bytes});
  if (!doc.ok()) return doc.status();
  Extraction e;
  e.doc = std::move(*doc);
  return e;
}

std::vector<std::string> Extractor::ToJsonLines(const Extraction& e) const {
  std::vector<std::string> lines;
  lines.push_back(facts::DocumentToJson(e.doc).dump());
  CodePointIndex index(e.doc.text);
  for (const Fact& f : e.facts) lines.push_back(facts::FactToJson(e.doc, f, index).dump());
  return lines;
}

std::string Extractor::Explain(const Extraction& e) const {
  std::ostringstream out;
  out << "== " << e.doc.id << " (" << e.facts.size() << " facts)\n";
  return out.str();
}

}  // namespace oborot
