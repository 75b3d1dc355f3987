// The per-thread memo caches of src/lang (the phrase matchers' word cache,
// the stem cache, the surname guesses) share one memory budget: with N
// threads each holds at most 1/N of what a single thread may, so the caches
// of all threads together stay within one thread's bound whatever N (`oborot
// extract --threads 256` would otherwise keep 256 full caches).
//
//   oborot::lang::SetCacheThreads(8);   // before the threads start (src/cli/doc_loop.h does)
//
// Only the caches' sizes change, never an answer: they memoise pure functions.
#pragma once

#include <cstddef>

namespace oborot::lang {

// The number of threads that will use the caches at once (0 is taken as 1).
void SetCacheThreads(size_t threads);

// A per-thread cache's bound: single_thread_limit divided by the number of
// threads, and never below `floor`.
size_t CacheLimit(size_t single_thread_limit, size_t floor = 1024);

}  // namespace oborot::lang
