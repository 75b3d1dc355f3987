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
#include <memory>
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
  // Lower case, ё -> е; for punctuation the character itself. A view: into
  // the text given to Tokenize where the fold is the text's own bytes (words
  // already in lower case, numbers, punctuation: most tokens), else into the
  // buffer of the Tokens that holds the token. See Tokens for how long it lives.
  std::string_view fold;
};

// The tokens of one text and the storage of the folds that differ from the
// text's bytes ("Минск" -> "минск"), all end to end in one buffer: no string
// per token (a third of the words are longer than a std::string's inline
// buffer, so a string per token cost thousands of allocations per document).
// It is a vector of tokens, so code that takes `const std::vector<Token>&`
// takes it as before.
// Lifetimes: a token's fold stays valid while the text given to Tokenize and
// this object (or a copy of it, which shares the buffer) live. Copying the
// tokens into a plain std::vector<Token> does not keep the buffer: keep the
// Tokens.
class Tokens : public std::vector<Token> {
 public:
  Tokens() = default;

 private:
  friend Tokens Tokenize(std::string_view text, uint32_t base);
  std::shared_ptr<const std::string> folded_;  // folds that differ from the text
};

// Tokenises text. `base` is added to every offset, so a sentence can be
// tokenised with offsets into its document.
Tokens Tokenize(std::string_view text, uint32_t base = 0);

}  // namespace oborot::segment
