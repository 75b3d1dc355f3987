#include "src/base/release_memory.h"

// gperftools' C entry point (gperftools/malloc_extension_c.h), referenced
// weakly: the library does not link tcmalloc, only the executables do
// (oborot_malloc), and where it is absent the symbol is null.
extern "C" void MallocExtension_ReleaseFreeMemory(void) __attribute__((weak));

namespace oborot {

void ReleaseFreeMemory() {
  if (MallocExtension_ReleaseFreeMemory != nullptr) MallocExtension_ReleaseFreeMemory();
}

}  // namespace oborot
