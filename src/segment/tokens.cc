#include "src/segment/tokens.h"

#include "src/base/utf8.h"

namespace oborot::segment {

std::vector<Token> Tokenize(std::string_view text, uint32_t base) {
  std::vector<Token> out;
  out.reserve(text.size() / 6);
  size_t i = 0;
  bool space = false;
  bool newline = false;
  while (i < text.size()) {
    const size_t at = i;
    const char32_t cp = NextCodePoint(text, i);
    if (IsSpace(cp) || cp == 0xAD || cp == 0x200B || cp == 0xFEFF) {
      space = true;
      newline |= cp == '\n';
      continue;
    }
    Token t;
    t.start = static_cast<uint32_t>(at) + base;
    t.space_before = space;
    t.newline_before = newline;
    space = newline = false;
    if (IsLetter(cp)) {
      t.kind = TokenKind::kWord;
      t.upper_initial = IsUpper(cp);
      bool all_upper = t.upper_initial;
      int letters = 1;
      char32_t low = ToLower(cp);
      AppendUtf8(t.fold, low == 0x451 ? 0x435 : low);
      while (i < text.size()) {
        size_t j = i;
        const char32_t c = NextCodePoint(text, j);
        // letters, combining accents and the soft hyphen continue a word
        if (c == 0x301 || c == 0xAD) {
          i = j;
          continue;
        }
        if (!IsLetter(c)) break;
        all_upper &= IsUpper(c);
        ++letters;
        low = ToLower(c);
        AppendUtf8(t.fold, low == 0x451 ? 0x435 : low);
        i = j;
      }
      t.all_upper = all_upper && letters > 1;
    } else if (IsDigit(cp)) {
      t.kind = TokenKind::kNumber;
      t.fold.push_back(static_cast<char>(cp));
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') t.fold.push_back(text[i++]);
    } else {
      t.kind = TokenKind::kPunct;
      t.fold.assign(text.substr(at, i - at));
    }
    t.end = static_cast<uint32_t>(i) + base;
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace oborot::segment
