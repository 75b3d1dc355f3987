// KeyFilter: a fixed 64-Kibit membership filter for short strings (words,
// stems), used in front of hash maps that most lookups miss.
//
//   oborot::KeyFilter filter;
//   for (const auto& key : keys) filter.Add(key);
//   if (filter.MayContain(word)) { /* now look it up in the real map */ }
//
// MayContain is never false for an added key; for other strings it is false
// nearly always (a few per cent of bits are set for a few thousand keys).
// Hand-rolled (a one-hash Bloom filter): a hash-map miss costs a full string
// hash and a bucket walk, and the matchers ask once per token and lexicon;
// this check is a few multiplications and one bit test, with no library call.
// Thread safety: Add() is single-threaded; MayContain() may run concurrently.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace oborot {

class KeyFilter {
 public:
  KeyFilter() : bits_(kBits / 64, 0) {}
  void Add(std::string_view s) {
    const uint32_t k = Key(s);
    bits_[k >> 6] |= uint64_t{1} << (k & 63);
  }
  bool MayContain(std::string_view s) const { return MayContainKey(Key(s)); }
  // The same with Key(s) computed once by the caller and reused across filters.
  bool MayContainKey(uint32_t key) const { return (bits_[key >> 6] >> (key & 63)) & 1; }

  // The first and the last eight bytes and the length, mixed by multiplication
  // (Cyrillic UTF-8 repeats 0xD0/0xD1 every other byte, so single bytes say little).
  static uint32_t Key(std::string_view s) {
    const size_t n = s.size();
    const size_t k = n < 8 ? n : 8;
    uint64_t a = 0, b = 0;
    if (k > 0) {
      std::memcpy(&a, s.data(), k);
      std::memcpy(&b, s.data() + (n - k), k);
    }
    const uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full) ^ (n * 0x165667B19E3779F9ull);
    return static_cast<uint32_t>(h >> 48);
  }

 private:
  static constexpr size_t kBits = size_t{1} << 16;
  std::vector<uint64_t> bits_;
};

}  // namespace oborot
