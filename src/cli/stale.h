// What `ingest`, `fetch` and `reextract` say about documents another
// version of oborot extracted.
//
//   ReportStale(store, extractor.Version());   // after the run's summary
#pragma once

#include <string>

#include "src/kb/store.h"

namespace oborot::cli {

// Prints, when the database holds documents extracted by another version or
// stored without their input, how many and what to do ("run `oborot
// reextract --db PATH`"). Errors of the query are ignored: it is advice.
void ReportStale(kb::Store& store, const std::string& version);

}  // namespace oborot::cli
