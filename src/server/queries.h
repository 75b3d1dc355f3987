// Read-only queries the dashboard needs beyond src/kb/queries.h: filtered
// facts with their evidence, one document with every evidence span in it,
// and the party names of the gazetteer in both languages.
//
//   auto facts = oborot::server::Facts(db, {.party = "RU-KLU", .type = "turnover", .year = 2023});
//   auto doc = oborot::server::GetDocument(db, "02_kaluga_2021");   // nullopt: no such id
//   if (doc.ok() && *doc) Show((*doc)->text, (*doc)->spans);
//
// Every query binds its inputs as SQL parameters (never spliced into SQL) and
// only reads. Errors: SQLite errors as Status (kCorrupt, kIoError), data-layer
// errors from LoadPartyNames. Returned structs own their strings.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/status.h"
#include "src/kb/queries.h"
#include "src/kb/sqlite.h"

namespace oborot::server {

struct PartyName {
  std::string code, ru, en, kind;
  std::string parent;  // a region's country (parties.tsv's parent), "" for a country
};
// Every party of data/gazetteers/parties.tsv. Errors: kNotFound/kCorrupt from the data layer.
Result<std::vector<PartyName>> LoadPartyNames();
// Every sector of data/lexicons/sector_names.tsv (`code` is the sector id).
Result<std::vector<PartyName>> LoadSectorNames();

// The fact types a filter accepts.
bool IsFactType(std::string_view type);

struct FactFilter {
  std::string party;            // a code; empty: any
  std::string type;             // a fact type (IsFactType); empty: any
  std::optional<int64_t> year;  // the figure's year or the meeting's year
  // A date range (YYYY-MM-DD; empty: open): a figure by its year, a meeting
  // by its date, another fact by its newest source's publication date.
  std::string from, to;
  size_t limit = 200;
  size_t offset = 0;           // facts skipped first (paging)
  size_t evidence_limit = 10;  // sources attached to each fact
};
// Merged facts matching the filter, newest year first, each with its evidence.
Result<std::vector<kb::Figure>> Facts(kb::Db& db, const FactFilter& filter);
// How many merged facts match the filter in all (limit and offset aside).
Result<int64_t> CountFacts(kb::Db& db, const FactFilter& filter);
// Replaces f.evidence with up to `limit` sources of the merged fact, oldest first.
Status AddEvidence(kb::Db& db, kb::Figure& f, size_t limit);

// One evidence span inside a document's cleaned text (code point offsets).
struct Span {
  std::optional<int64_t> start, end;
  std::string type;
  std::string quote;
};
struct DocumentView {
  std::string doc, title, url, published, source, text;
  std::vector<Span> spans;  // by start offset
};
// The document with this id and its evidence spans; nullopt when there is none.
Result<std::optional<DocumentView>> GetDocument(kb::Db& db, std::string_view doc_id);
nlohmann::ordered_json ToJson(const DocumentView& d);
// A document's source as the API shows it: an absolute path (from a database
// ingested before sources were stored relative to their input) is cut to its
// file name, so no path of the ingesting machine leaves the server.
std::string PublicSource(std::string_view source);

// Ids of the documents quoted by any fact naming `party` (for the offline report).
Result<std::vector<std::string>> DocumentsOfParty(kb::Db& db, std::string_view party, size_t limit);

}  // namespace oborot::server
