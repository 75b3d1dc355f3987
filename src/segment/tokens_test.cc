// Tokenize against a plain reference implementation (the general UTF-8
// helpers, one code point at a time) on fixed and generated texts.
#include "src/segment/tokens.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "src/base/block_texts_test_util.h"
#include "src/base/utf8.h"

namespace oborot::segment {
namespace {

// A token of the reference with a fold of its own.
struct RefToken : Token {
  std::string own_fold;
};

std::vector<RefToken> ReferenceTokenize(std::string_view text, uint32_t base) {
  std::vector<RefToken> out;
  size_t i = 0;
  bool space = false, newline = false;
  while (i < text.size()) {
    const size_t at = i;
    const char32_t cp = NextCodePoint(text, i);
    if (IsSpace(cp) || cp == 0xAD || cp == 0x200B || cp == 0xFEFF) {
      space = true;
      newline |= cp == '\n';
      continue;
    }
    RefToken t;
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
      AppendUtf8(t.own_fold, low == 0x451 ? 0x435 : low);
      while (i < text.size()) {
        size_t j = i;
        const char32_t c = NextCodePoint(text, j);
        if (c == 0x301 || c == 0xAD) {
          i = j;
          continue;
        }
        if (!IsLetter(c)) break;
        all_upper &= IsUpper(c);
        ++letters;
        low = ToLower(c);
        AppendUtf8(t.own_fold, low == 0x451 ? 0x435 : low);
        i = j;
      }
      t.all_upper = all_upper && letters > 1;
    } else if (IsDigit(cp)) {
      t.kind = TokenKind::kNumber;
      t.own_fold.push_back(static_cast<char>(cp));
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') t.own_fold.push_back(text[i++]);
    } else {
      t.kind = TokenKind::kPunct;
      t.own_fold.assign(text.substr(at, i - at));
    }
    t.end = static_cast<uint32_t>(i) + base;
    out.push_back(std::move(t));
  }
  return out;
}

void ExpectSame(std::string_view text, uint32_t base = 0) {
  const auto got = Tokenize(text, base);
  const auto want = ReferenceTokenize(text, base);
  ASSERT_EQ(got.size(), want.size()) << text;
  for (size_t k = 0; k < got.size(); ++k) {
    EXPECT_EQ(got[k].start, want[k].start) << text << " #" << k;
    EXPECT_EQ(got[k].end, want[k].end) << text << " #" << k;
    EXPECT_EQ(got[k].kind, want[k].kind) << text << " #" << k;
    EXPECT_EQ(got[k].upper_initial, want[k].upper_initial) << text << " #" << k;
    EXPECT_EQ(got[k].all_upper, want[k].all_upper) << text << " #" << k;
    EXPECT_EQ(got[k].space_before, want[k].space_before) << text << " #" << k;
    EXPECT_EQ(got[k].newline_before, want[k].newline_before) << text << " #" << k;
    EXPECT_EQ(got[k].fold, want[k].own_fold) << text << " #" << k;
  }
}

TEST(TokenizeTest, Basic) {
  const auto t = Tokenize("МИНСК, 10 июн — Ханты-Мансийский АО.\nЁлка", 5);
  ASSERT_EQ(t.size(), 11u);
  EXPECT_EQ(t[0].fold, "минск");
  EXPECT_TRUE(t[0].all_upper);
  EXPECT_EQ(t[0].start, 5u);
  EXPECT_EQ(t[2].kind, TokenKind::kNumber);
  EXPECT_EQ(t[2].fold, "10");
  EXPECT_EQ(t[4].fold, "—");
  EXPECT_EQ(t[6].fold, "-");
  EXPECT_FALSE(t[6].space_before);
  EXPECT_TRUE(t[10].newline_before);
  EXPECT_EQ(t[10].fold, "елка");
  EXPECT_TRUE(t[10].upper_initial);
  EXPECT_FALSE(t[10].all_upper);
}

TEST(TokenizeTest, MatchesReferenceOnFixedTexts) {
  const char* const kTexts[] = {
      "",
      "   \n\t ",
      "Товарооборот Беларуси и Воронежской области в 2023 году превысил $1,2 млрд.",
      "ТОВАРООБОРОТ «Газпрома» вырос на 12,5%: Ёж, ёж и ЁЖ.",
      "Ударе\u0301ние и мяг\u00adкий пере\u00adнос, слово\u200bслово, \ufeffBOM",
      "Ѐ Ђ Џ ѐ џ Ѣѣ Ґґ Ӏ — Ǆǅǆ ÀÉÎ ß Ω ω ΣΑΣ İstanbul",
      "日本語のテキスト 😀 ok",
      "Broken \xD0 utf8 \xFF\xFE and \xE2\x82 tail \xD0",
      "\xC0\x80 overlong \xED\xA0\x80 surrogate",
      "a\u00a0b\u2009c\u202fd\u3000e\u1680f\u0085g",
  };
  for (const char* text : kTexts) ExpectSame(text, 7);
}

TEST(TokenizeTest, MatchesReferenceOnGeneratedTexts) {
  // Texts from a fixed pool of pieces: letters of several scripts, accents,
  // soft hyphens, spaces of every kind, digits, punctuation, bad bytes.
  const char* const kPieces[] = {"а", "Я", "ё", "Ё", "ж", "Щ", "z", "Q", "1", "9", " ", "\n", "\u00a0", "\u0301",
                                 "\u00ad", "-", "—", "«", "»", ".", "%", "$", "Ѣ", "ӏ", "Ω", "ß", "日", "😀",
                                 "\xD0", "\xFF", "\u200b", "\t",
                                 // next to a word's end: letters and non-letters that share a lead byte
                                 // with the bytes Tokenize's fast path takes as a word's end
                                 "\u00aa", "\u00b5", "\u2026", "\u2013", "\xE2\x80", "\xC2", "Мин", "ск", "Ab"};
  uint64_t s = 12345;
  for (int n = 0; n < 2000; ++n) {
    std::string text;
    const int len = 1 + n % 40;
    for (int k = 0; k < len; ++k) {
      s = s * 6364136223846793005ull + 1442695040888963407ull;
      text += kPieces[(s >> 33) % std::size(kPieces)];
    }
    ExpectSame(text);
  }
}

TEST(TokenizeTest, MatchesReferenceOnLongWords) {
  // Long runs of lower-case letters, as Tokenize scans them 16 bytes at a
  // time: every block boundary falls inside a two-byte letter or between
  // letters somewhere, and the pieces that end or break a run (capitals, ё,
  // lone lead or continuation bytes, the neighbours of а..я and р..я in
  // their lead bytes) turn up at every position of a block.
  const char* const kPieces[] = {"а", "п", "р", "я", "о", "т", "z", "a", "Б", "ё", "Ѐ", "ѐ", "ӏ", " ", ".",
                                 "\xD0", "\xD1", "\xB0", "\x8F", "\xD0\x8F", "\xD1\x90", "\xD0\xC0", "\u0301",
                                 "\u00ad", "{", "`", "1"};
  // mostly letters of the run, one other piece in about twelve
  oborot::testing::ForEachBlockText(kPieces, {.seed = 777}, [](const std::string& text) {
    ExpectSame(text);
    ExpectSame(text.substr(1));  // the same runs at the other byte parity
  });
}

}  // namespace
}  // namespace oborot::segment
