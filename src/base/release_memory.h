// Giving freed memory back to the operating system after a large document.
//
//   oborot::ReleaseFreeMemory();  // after a window of a large document is read
//
// The executables allocate through gperftools' tcmalloc (CMakeLists.txt,
// oborot_malloc), which keeps the pages it frees for later allocations. The
// memory a large document frees (a window's tokens and annotations, the text
// before cleaning) is of other sizes than what the next step allocates, so
// the kept pages added to the peak (a 2.9 MiB document after another: 95 MB
// of RSS with 80 MB of heap). This returns them: a no-op where tcmalloc is
// not linked (the library, the tests, the Python module, the sanitizers).
// It costs a pass over tcmalloc's free pages (about a millisecond), so it is
// called per window of a large document and after one, never per article.
#pragma once

namespace oborot {

void ReleaseFreeMemory();

}  // namespace oborot
