// The knowledge base's side of `oborot reextract`: which documents are stale
// (extracted by another version of the extractor) and their stored inputs,
// read in batches by row id so that a run can stop anywhere and resume.
//
//   auto n = kb::CountStale(store->db(), ex->Version());          // advice for ingest/fetch
//   auto batch = kb::LoadStale(store->db(), version, {.after = last, .limit = 200});
//   for (auto& d : *batch) { auto raw = kb::UnpackInput(d.input); ... }
//
// Stale: a document with a stored input whose `extractor` differs from the
// running one. With `upto` (reextract --all) every document with a stored
// input and a row id up to it counts, whatever its version. Documents stored
// before schema version 2 have no input and cannot be re-extracted; they are
// counted apart. Errors: SQLite's, naming the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "oborot/status.h"
#include "src/kb/raw_input.h"
#include "src/kb/sqlite.h"

namespace oborot::kb {

struct StaleCounts {
  int64_t stale = 0;          // re-extractable documents of another version
  int64_t without_input = 0;  // documents with no stored input
};
Result<StaleCounts> CountStale(Db& db, const std::string& version);

struct StoredDocument {
  int64_t row = 0;  // documents.id
  std::string doc_id;
  StoredInput input;
};

struct StaleQuery {
  int64_t after = 0;                 // row ids above this
  std::optional<int64_t> upto;       // --all: every document up to this row id
  size_t limit = 256;
};
Result<std::vector<StoredDocument>> LoadStale(Db& db, const std::string& version, const StaleQuery& q);
// How many documents LoadStale would give from `q.after` on (for progress).
Result<int64_t> CountRemaining(Db& db, const std::string& version, const StaleQuery& q);

// kb_state: small values written inside the caller's transaction.
Result<std::optional<std::string>> GetState(Db& db, const std::string& key);
Status SetState(Db& db, const std::string& key, const std::string& value);
Status ClearState(Db& db, const std::string& key);

}  // namespace oborot::kb
