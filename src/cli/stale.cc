#include "src/cli/stale.h"

#include <iostream>

#include "src/kb/reextract.h"

namespace oborot::cli {

void ReportStale(kb::Store& store, const std::string& version) {
  auto stale = kb::CountStale(store.db(), version);
  if (!stale.ok()) return;
  if (stale->stale > 0) {
    std::cerr << "oborot: " << store.path() << ": " << stale->stale
              << " documents were extracted by another version of oborot; run `oborot reextract --db " << store.path()
              << "` to bring their facts up to date\n";
  }
  if (stale->without_input > 0) {
    std::cerr << "oborot: " << store.path() << ": " << stale->without_input
              << " documents were stored without their input (before schema version 2) and cannot be re-extracted; "
                 "ingest them again to keep it\n";
  }
}

}  // namespace oborot::cli
