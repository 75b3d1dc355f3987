// StringMap<V>: a hash map from std::string to V that is looked up with a
// std::string_view (no temporary string), for the per-token lookups of the
// extraction hot path.
//
//   oborot::StringMap<uint32_t> ids;
//   ids.try_emplace("область", 7);
//   if (auto it = ids.find(std::string_view(token.fold)); it != ids.end()) Use(it->second);
//
// It is Abseil's SwissTable (absl::flat_hash_map, Debian's libabsl-dev): one
// probe of a flat slot array with a one-byte tag per slot, no node per entry,
// and Abseil's fast string hash; std::unordered_map's hash, bucket walk and
// node chase were the largest single cost of extraction. Debian's Abseil is
// built with its own absl::string_view, so the hasher and equality here take
// std::string_view and are transparent. Unlike std::unordered_map, inserting
// may move existing entries: do not keep pointers or references to values
// across an insertion.
// Thread safety: as std::unordered_map (concurrent const lookups are fine).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <absl/hash/hash.h>

namespace oborot {

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    return absl::Hash<absl::string_view>{}(absl::string_view(s.data(), s.size()));
  }
};

struct StringViewEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return a == b; }
};

template <typename V>
using StringMap = absl::flat_hash_map<std::string, V, StringViewHash, StringViewEq>;

using StringSet = absl::flat_hash_set<std::string, StringViewHash, StringViewEq>;

}  // namespace oborot
