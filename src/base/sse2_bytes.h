// Byte-class tests on 16 bytes at a time (SSE2), shared by the hand-written
// fast paths of FoldCase (utf8.cc) and Tokenize (segment/tokens.cc); each
// path's comment gives its measurement and its differential test.
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>

#include <cstdint>

namespace oborot::sse2 {

// Bytes of v in [lo, lo + span], unsigned, as 0xFF lanes.
inline __m128i InRange(__m128i v, unsigned char lo, unsigned char span) {
  const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(lo)));
  return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(static_cast<char>(span))), d);
}

// Bit k set when byte k of the block v is the lead of a lower-case basic
// Cyrillic letter: D0 followed by B0..BF (а..п) or D1 followed by 80..8F
// (р..я). `next` is the block loaded one byte further, so a pair whose lead
// is byte 15 is seen too (its continuation is the block's 17th byte).
inline uint32_t LowerCyrillicLeads(__m128i v, __m128i next) {
  const __m128i lead_d0 =
      _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xD0))), InRange(next, 0xB0, 0x0F));
  const __m128i lead_d1 =
      _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xD1))), InRange(next, 0x80, 0x0F));
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(lead_d0, lead_d1)));
}

}  // namespace oborot::sse2
#endif
