// Internal to src/lang: WordIndex, the map from a word's fold to its position
// in the thread's word cache (phrase_matcher.cc), looked up once per word
// token of every text.
//
//   WordIndex index;
//   const uint64_t h = WordIndex::Hash(fold);
//   uint32_t id = index.Find(h, fold, folds_of_ids);   // WordIndex::kMissing
//   if (id == WordIndex::kMissing) index.Insert(h, new_id);
//
// Hand-rolled (open addressing with linear probing over 64-bit slots that
// hold 32 bits of the hash and the id; a power-of-two table at most half
// full): the fold is hashed by a few multiplications inline, where Abseil's
// string hash was an out-of-line call per token (about a fifth of
// StemTokens, which looks up every word of every document), and a slot is
// one 8-byte read. The folds themselves stay with the caller (`fold_of`),
// so the index holds no strings. Not thread-safe (one per thread).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace oborot::lang {

class WordIndex {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;

  // A 64-bit hash of every byte of s: eight bytes at a time, each chunk
  // mixed in by a multiplication (the last chunk overlaps the one before
  // when the size is not a multiple of eight), then a final avalanche, so
  // the high bits (the slot) depend on every byte.
  static uint64_t Hash(std::string_view s) {
    const size_t n = s.size();
    const char* p = s.data();
    uint64_t h = (n + 1) * 0x9E3779B97F4A7C15ull;
    auto mix = [&h](uint64_t w) {
      h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    };
    if (n >= 8) {
      size_t i = 0;
      for (; i + 8 < n; i += 8) mix(Load8(p + i));
      mix(Load8(p + n - 8));
    } else {
      uint64_t w = 0;
      for (size_t i = 0; i < n; ++i) w |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
      mix(w);
    }
    h ^= h >> 32;
    h *= 0x94D049BB133111EBull;
    h ^= h >> 29;
    return h;
  }

  // The id stored for the word `fold` whose Hash is `h`, or kMissing.
  // fold_of(id) returns the fold of a stored id (as a std::string_view).
  template <typename FoldOf>
  uint32_t Find(uint64_t h, std::string_view fold, const FoldOf& fold_of) const {
    if (slots_.empty()) return kMissing;
    const uint32_t tag = static_cast<uint32_t>(h);
    for (size_t at = h >> shift_;; at = (at + 1) & mask_) {
      const uint64_t slot = slots_[at];
      if (slot == 0) return kMissing;
      if (static_cast<uint32_t>(slot >> 32) != tag) continue;
      const auto id = static_cast<uint32_t>(slot) - 1;
      if (Same(fold_of(id), fold)) return id;
    }
  }

  // Stores `id` (< kMissing - 1) for a word whose Hash is `h` and that Find
  // did not find. hash_of(id) returns the Hash of a stored id (to move the
  // entries when the table grows).
  template <typename HashOf>
  void Insert(uint64_t h, uint32_t id, const HashOf& hash_of) {
    if (2 * (count_ + 1) > slots_.size()) Grow(hash_of);
    Put(h, id);
    ++count_;
  }

  // Forgets every entry; keeps the table's memory.
  void Clear() {
    std::fill(slots_.begin(), slots_.end(), uint64_t{0});
    count_ = 0;
  }
  size_t size() const { return count_; }

 private:
  static uint64_t Load8(const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  }
  // a == b, inline for words of 8 to 16 bytes (two overlapping loads a
  // side; most Cyrillic word forms) instead of a memcmp call
  static bool Same(std::string_view a, std::string_view b) {
    const size_t n = a.size();
    if (n != b.size()) return false;
    if (n >= 8 && n <= 16) {
      return Load8(a.data()) == Load8(b.data()) && Load8(a.data() + n - 8) == Load8(b.data() + n - 8);
    }
    return a == b;
  }
  void Put(uint64_t h, uint32_t id) {
    size_t at = h >> shift_;
    while (slots_[at] != 0) at = (at + 1) & mask_;
    slots_[at] = (uint64_t{static_cast<uint32_t>(h)} << 32) | (id + 1);
  }
  template <typename HashOf>
  void Grow(const HashOf& hash_of) {
    const size_t size = slots_.empty() ? 1024 : 2 * slots_.size();
    std::vector<uint64_t> old(size, 0);
    old.swap(slots_);
    mask_ = size - 1;
    shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(size));
    for (uint64_t slot : old) {
      if (slot == 0) continue;
      const auto id = static_cast<uint32_t>(slot) - 1;
      Put(hash_of(id), id);
    }
  }

  std::vector<uint64_t> slots_;  // (tag << 32) | (id + 1); 0: empty
  size_t mask_ = 0;
  unsigned shift_ = 64;
  size_t count_ = 0;
};

}  // namespace oborot::lang
