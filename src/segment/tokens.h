// Word-level tokens with byte offsets and a folded key.
//
//   for (const auto& t : oborot::segment::Tokenize(sentence_text, sentence_start))
//     if (t.kind == TokenKind::kWord) Lookup(t.fold);
//
// Words are maximal runs of letters (a hyphen splits "Ханты-Мансийский" into
// two words with a kPunct "-" between them), numbers maximal runs of ASCII
// digits; every other non-space code point is a one-character token.
// Hand-written rather than ICU's word BreakIterator: it is several times
// faster, keeps byte offsets directly, and the rules needed here (letters vs
// digits vs one-char punctuation) are exactly these few lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace oborot::segment {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

struct Token {
  uint32_t start = 0;  // byte offsets in the text given to Tokenize, plus base
  uint32_t end = 0;
  TokenKind kind = TokenKind::kWord;
  bool upper_initial = false;  // first letter upper case
  bool all_upper = false;      // every letter upper case (and more than one)
  bool space_before = false;   // whitespace between this token and the previous one
  bool newline_before = false;
  std::string fold;            // lower case, ё -> е; for punctuation the character itself
};

// Tokenises text. `base` is added to every offset, so a sentence can be
// tokenised with offsets into its document.
std::vector<Token> Tokenize(std::string_view text, uint32_t base = 0);

}  // namespace oborot::segment
