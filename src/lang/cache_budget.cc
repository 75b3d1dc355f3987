#include "src/lang/cache_budget.h"

#include <algorithm>
#include <atomic>

namespace oborot::lang {
namespace {

std::atomic<size_t> g_threads{1};

}  // namespace

void SetCacheThreads(size_t threads) { g_threads.store(std::max<size_t>(threads, 1), std::memory_order_relaxed); }

size_t CacheLimit(size_t single_thread_limit, size_t floor) {
  const size_t share = single_thread_limit / g_threads.load(std::memory_order_relaxed);
  return std::max(share, std::min(floor, single_thread_limit));
}

}  // namespace oborot::lang
