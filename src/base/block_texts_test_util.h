// For tests only: the texts the differential tests of the 16-byte (SSE2)
// scans run on (FoldCase, Tokenize's word runs, html::CountChars), each
// against a code point by code point reference.
//
//   const char* const kPieces[] = {"а", "п", "р", "я", "о", " ", "z", ".", "Б", "ё", "\xD0", ...};
//   ForEachBlockText(kPieces, {.seed = 4242}, [](const std::string& text) { ASSERT_EQ(Fast(text), Slow(text)); });
//
// `count` texts of 1 to `max_pieces` pieces (the n-th text has 1 + n % max_pieces),
// drawn by a fixed linear congruential generator: mostly the first `common`
// pieces (the bytes a scan copies or counts 16 at a time), one in about
// `rare_every` any piece of the list (the bytes that end or break such a
// run), so that every kind of byte turns up at every position of a block.
// The same seed gives the same texts. A failed ASSERT in `check` stops.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <string>

namespace oborot::testing {

struct BlockTextShape {
  uint64_t seed = 1;
  int count = 3000;
  int max_pieces = 90;
  uint64_t common = 8;
  uint64_t rare_every = 12;
};

template <typename Check>
void ForEachBlockText(std::span<const char* const> pieces, const BlockTextShape& shape, Check&& check) {
  uint64_t seed = shape.seed;
  for (int n = 0; n < shape.count; ++n) {
    std::string text;
    const int len = 1 + n % shape.max_pieces;
    for (int k = 0; k < len; ++k) {
      seed = seed * 6364136223846793005ull + 1442695040888963407ull;
      const uint64_t r = seed >> 33;
      text += pieces[r % shape.rare_every != 0 ? r % shape.common : (r / shape.rare_every) % pieces.size()];
    }
    check(text);
    if (::testing::Test::HasFatalFailure()) return;  // an ASSERT in `check` ends the run, as in a loop
  }
}

}  // namespace oborot::testing
