// The database-free half of an ingest: a document and its fact lines parsed,
// validated, hashed, keyed for merging and stemmed for search, ready for
// Store::Apply() to write.
//
//   auto prepared = oborot::kb::PrepareDocument(lines[0], fact_lines, std::move(text));  // any thread
//   if (!prepared.ok()) { Report(prepared.status()); continue; }  // names the document
//   auto outcome = store->Apply(*prepared);                           // the store's thread
//
// PrepareDocument touches no database and no shared state, so it runs on
// worker threads while the store's own thread writes the previous documents
// (see src/kb/pipeline.h). A PreparedDocument owns all of its bytes.
//
// Errors (all kInvalidInput, naming the document when it has an id): the
// document line is not a JSON object or has no "doc" id; a fact line is not
// JSON, not an object, has no "type", or its "parties" is not a list of strings.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "oborot/status.h"
#include "src/kb/merge.h"
#include "src/kb/raw_input.h"

namespace oborot::kb {

struct PreparedFact {
  FactRow row;
  std::string key;               // GroupKey (with "|no-figure" for a figure type without a figure)
  std::optional<double> figure;  // FigureOf(row)
  std::string parties_json;      // the sorted parties as a JSON list
};

struct PreparedDocument {
  std::string doc_id, title, url, source;
  std::string published;  // the date part ("2024-06-10") or ""
  std::string line;       // the document line as JSON text
  std::string text;       // the cleaned body
  std::string stems;      // StemText(title) + ' ' + StemText(text): what the full-text index reads
  std::string hash;       // ContentHash of text, title, published, url and the fact lines
  int64_t chars = 0;      // "chars" of the document line, else the text's code points
  std::vector<PreparedFact> facts;
  // The parties named by the facts (sorted, unique) and, per pair of
  // parties, how many facts name it.
  std::vector<std::string> parties;
  std::vector<std::pair<std::pair<std::string, std::string>, int64_t>> pair_facts;
  // Set by the caller, not by PrepareDocument: the extractor's version
  // (Extractor::Version) and the raw input, kept with the document so that
  // its facts can be derived again. Empty/absent: not recorded.
  std::string extractor;
  std::optional<StoredInput> input;
};

// How far a fact's evidence is held to the text it is stored with.
enum class EvidenceCheck {
  // Offsets past the end of a non-empty text are refused: the engine's own
  // facts (`ingest`), whose quotes are the text by construction.
  kOffsets,
  // The text is the whole document (even when empty): every fact's evidence
  // must lie within it, and its quote must be the text between its offsets
  // (code points), so that a fact-checker opening the document finds the
  // quoted sentence where the fact says. For facts made elsewhere
  // (`ingest --facts`), which may have been edited, truncated or forged.
  kQuotes,
};

// From JSONL text as `oborot extract` writes it (the lines are stored as given).
// Errors as above, and with kQuotes, a fact whose quote is not the text at
// its offsets, or which quotes without offsets.
Result<PreparedDocument> PrepareDocument(std::string_view document_line, const std::vector<std::string>& fact_lines,
                                         std::string text, EvidenceCheck check = EvidenceCheck::kOffsets);
// From parsed lines (stored as their dump()): the same as PrepareDocument
// of the dumps. Named apart because a string literal converts to both.
Result<PreparedDocument> PrepareParsedDocument(const nlohmann::json& document_line,
                                               const std::vector<nlohmann::json>& fact_lines, std::string text);

// 64-bit FNV-1a as 16 hex digits: the content hash of a document. Not
// cryptographic; a collision among a million documents has odds of ~1e-8.
std::string ContentHash(std::string_view bytes);

}  // namespace oborot::kb
