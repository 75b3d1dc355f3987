// The ordered pipeline moved to src/base/pipeline.h (the document commands of
// src/cli use it too); this header keeps the kb:: names for its callers.
#pragma once

#include "src/base/pipeline.h"

namespace oborot::kb {
using oborot::PipelineOptions;
using oborot::RunOrdered;
}  // namespace oborot::kb
