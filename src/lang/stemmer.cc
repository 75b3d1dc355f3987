#include "src/lang/stemmer.h"

#include <libstemmer.h>

#include <functional>
#include <memory>
#include <unordered_map>

#include "src/lang/cache_budget.h"

namespace oborot::lang {
namespace {
struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};
}  // namespace

std::string Stem(std::string_view word) {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(sb_stemmer_new("russian", "UTF_8"));
  if (!stemmer || word.empty()) return std::string(word);
  // Snowball costs about ten times a hash lookup and callers outside
  // StemTokens (the expression parsers, rule helpers) stem the same few
  // words over and over: a bounded per-thread cache.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  constexpr size_t kMaxCached = 1u << 14;
  thread_local std::unordered_map<std::string, std::string, Hash, std::equal_to<>> cache;
  if (auto it = cache.find(word); it != cache.end()) return it->second;
  const sb_symbol* out = sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
  if (!out) return std::string(word);
  std::string stem(reinterpret_cast<const char*>(out), static_cast<size_t>(sb_stemmer_length(stemmer.get())));
  if (cache.size() >= CacheLimit(kMaxCached)) cache.clear();
  cache.emplace(word, stem);
  return stem;
}

}  // namespace oborot::lang
