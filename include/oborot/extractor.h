// The engine's entry point: bytes in, a cleaned Document and its facts out.
//
//   oborot::Extractor ex;                   // loads gazetteers once
//   auto out = ex.Process(raw, options);     // Result<Extraction>
//   if (out.ok()) for (auto& line : ex.ToJsonLines(*out)) std::cout << line << "\n";
//
// An Extractor is immutable after construction and may be shared by threads;
// Process() keeps its scratch state on the stack. It does no I/O.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/budgets.h"
#include "oborot/document.h"
#include "oborot/fact.h"
#include "oborot/status.h"

namespace oborot {

struct ExtractOptions {
  size_t max_doc_bytes = 16u << 20;  // documents over this are refused (kTooLarge)
  bool explain = false;              // keep `used` spans and rule names
  bool rejected = false;             // also list the figures considered and dropped (Extraction::rejected)
  Budgets budgets{};                 // per-document caps (budgets.h)
  // A document whose cleaned text is longer than window_threshold bytes
  // (0: never) is read in windows of about window_bytes, cut at paragraph
  // breaks, so that its memory is that of one window (the tokens and
  // mentions cost ~20 bytes a byte of text); the facts of all windows are
  // merged as for one document, with offsets into the whole text. What may
  // differ from reading it whole: README.md, "Large documents".
  size_t window_threshold = 2u << 20;
  size_t window_bytes = 512u << 10;
  // Copy each fact's sentence into Fact::evidence.text (and each
  // rejection's). Off, evidence.text is left empty and the span alone says
  // where the sentence is: AppendJsonl and ToJsonLines write the same lines
  // either way (the sentence is then read from doc.text), and a large
  // document does not hold a copy of a sentence per fact.
  bool evidence_text = true;
  // A document read in windows keeps its facts packed into bytes
  // (Extraction::packed_facts, about a sixth of their memory) instead of in
  // Extraction::facts, when evidence_text is off too. For callers that
  // read the facts only through ToJsonLines, AppendJsonl, WriteJsonl or
  // ForEachFact, which read either: `oborot extract` and `ingest`.
  bool pack_facts = false;
};

struct Extraction {
  Document doc;
  std::vector<Fact> facts;
  std::vector<Rejection> rejected;  // filled when ExtractOptions::rejected is set
  // With ExtractOptions::pack_facts, a windowed document's facts, in order,
  // packed (opaque bytes: read them with Extractor::ForEachFact); `facts`
  // is then empty.
  std::vector<std::string> packed_facts;
  size_t fact_count() const { return facts.size() + packed_facts.size(); }
};

class Extractor {
 public:
  // Errors: kCorrupt when a data file (gazetteer, lexicon) is invalid.
  static Result<std::shared_ptr<const Extractor>> Create();
  ~Extractor();

  // Decodes, cleans, segments and reads one document, within the budgets:
  // what a budget cut is named in the result's doc.warnings.
  // Errors: kInvalidInput (binary, undecodable), kEmpty, kTooLarge (over
  // max_doc_bytes, or past budgets.doc_seconds of wall time).
  Result<Extraction> Process(const RawInput& in, const ExtractOptions& options) const;
  // The same, and frees in.bytes as soon as they are decoded (the other
  // fields of `in` are left), so a large input is not held twice.
  Result<Extraction> Process(RawInput&& in, const ExtractOptions& options) const;

  // The JSONL lines of the fact contract: the document line, then one per fact.
  std::vector<std::string> ToJsonLines(const Extraction& e) const;
  // The same lines appended to `out`, each ending in '\n', with
  // `after_document_line` (empty, or lines ending in '\n') after the
  // document line: no second copy of a large document's output.
  void AppendJsonl(const Extraction& e, std::string& out, std::string_view after_document_line = {}) const;
  // The same lines handed to `write` in pieces of about 1 MiB, each ending
  // in '\n': a large document's output is never one string in memory.
  void WriteJsonl(const Extraction& e, const std::function<void(std::string_view)>& write,
                  std::string_view after_document_line = {}) const;
  // Calls `each` with every fact of `e` in order, from `facts` or unpacked
  // from `packed_facts` (the reference is valid during the call only).
  void ForEachFact(const Extraction& e, const std::function<void(const Fact&)>& each) const;
  // A readable account of every fact: evidence with the spans used and the rule;
  // then, when the extraction kept them, the rejected figures with their reasons.
  std::string Explain(const Extraction& e) const;

  // What made the facts: "0.1.0 engine:HASH data:HASH", the release, a hash
  // of the engine's sources and one of the data in use (the embedded copy or
  // --data-dir's). The knowledge base keeps it per document: a document
  // stored by another version is stale (`oborot reextract`).
  const std::string& Version() const;

  struct Impl;

 private:
  Extractor();
  // Process; `release` (in.bytes, or null) is freed once decoded.
  Result<Extraction> Run(const RawInput& in, std::string* release, const ExtractOptions& options) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace oborot
