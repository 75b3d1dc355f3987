// The fast paths of src/base/utf8.cc against ICU and the plain decoder, over
// every code point and over malformed input.
#include "src/base/block_texts_test_util.h"
#include "src/base/utf8.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <random>
#include <string>

namespace oborot {
namespace {

// The reference: decode with NextCodePoint, ICU lower case, ё -> е.
std::string ReferenceFold(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    auto cp = static_cast<char32_t>(u_tolower(static_cast<UChar32>(NextCodePoint(s, i))));
    if (cp == 0x451) cp = 0x435;
    AppendUtf8(out, cp);
  }
  return out;
}

bool Scalar(char32_t cp) { return cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF); }

TEST(Utf8Test, ClassesAgreeWithIcuOnEveryCodePoint) {
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const auto u = static_cast<UChar32>(cp);
    ASSERT_EQ(IsLetter(cp), static_cast<bool>(u_isalpha(u))) << std::hex << static_cast<uint32_t>(cp);
    ASSERT_EQ(IsUpper(cp), static_cast<bool>(u_isupper(u))) << std::hex << static_cast<uint32_t>(cp);
    ASSERT_EQ(static_cast<uint32_t>(ToLower(cp)), static_cast<uint32_t>(u_tolower(u))) << std::hex << static_cast<uint32_t>(cp);
    if (cp >= 0x80) {
      const bool space = cp == 0xA0 || cp == 0x2007 || cp == 0x2009 || cp == 0x202F || u_isUWhiteSpace(u);
      ASSERT_EQ(IsSpace(cp), space) << std::hex << static_cast<uint32_t>(cp);
    }
  }
}

TEST(Utf8Test, DecodeAndFoldEveryCodePoint) {
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (!Scalar(cp)) continue;
    std::string s = "a";
    AppendUtf8(s, cp);
    s += "Я";
    size_t i = 1;
    ASSERT_EQ(static_cast<uint32_t>(NextCodePoint(s, i)), static_cast<uint32_t>(cp)) << std::hex << static_cast<uint32_t>(cp);
    ASSERT_EQ(FoldCase(s), ReferenceFold(s)) << std::hex << static_cast<uint32_t>(cp);
  }
}

TEST(Utf8Test, FoldsRussian) {
  const struct {
    std::string_view in, want;
  } kCases[] = {
      {"Воронежской", "воронежской"}, {"ЁЛКА ёлка", "елка елка"}, {"МИНСК, 10 июн", "минск, 10 июн"},
      {"Ѐ Ђ Џ ѐ џ", "ѐ ђ џ ѐ џ"},     {"ÀÉ × Ω Ǆ", "àé × ω ǆ"},   {"«Газпром» — ЗАО", "«газпром» — зао"},
      {"", ""},
  };
  for (const auto& c : kCases) EXPECT_EQ(FoldCase(c.in), c.want) << c.in;
}

TEST(Utf8Test, MalformedInputMatchesTheReference) {
  const std::string kInputs[] = {"\xD0",         "\xD0\x41",     "\xD1\xC0",     "\xC0\x80",         "\xC1\xBF",
                                 "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF\xFEЯ", "Я\xD0",
                                 "\x80\x80",     "\xD0\xD0\x90", "\xF0\x9F\x98"};
  for (const std::string& s : kInputs) {
    EXPECT_EQ(FoldCase(s), ReferenceFold(s));
    size_t i = 0;
    const char32_t first = NextCodePoint(s, i);
    EXPECT_TRUE(first == 0xFFFD || first == U'Я') << s;
    EXPECT_GE(i, 1u);
  }
}

TEST(Utf8Test, FoldsLongTextsLikeTheReference) {
  // FoldCase copies runs that fold to themselves 16 bytes at a time: long
  // texts of such runs, broken by capitals, ё, other scripts and malformed
  // bytes at every position of a block (and at both byte parities).
  const char* const kPieces[] = {"а", "п", "р", "я", "о", " ", "z", ".", "Б", "Я", "Q", "ё", "Ё", "Ѐ", "ѐ",
                                 "ӏ", "Ω", "\xD0", "\xD1", "\xB0", "\x8F", "\xD0\x8F", "\xD1\x90", "\xD0\xC0",
                                 "\xC0\x80", "\u0301", "日", "😀", "@", "[", "\x7F", "\x01"};
  oborot::testing::ForEachBlockText(kPieces, {.seed = 4242}, [](const std::string& text) {
    ASSERT_EQ(FoldCase(text), ReferenceFold(text)) << text;
    ASSERT_EQ(FoldCase(text.substr(1)), ReferenceFold(text.substr(1))) << text;
  });
}

TEST(Utf8Test, FirstInvalid) {
  const struct {
    std::string in;
    std::optional<size_t> want;
  } kCases[] = {{"", std::nullopt},          {"Воронеж, 2024 — «ок»", std::nullopt}, {"Яz\xD0", 3},
                {"Я\xC0\x80", 2},            {"\xED\xA0\x80", 0},                  {"ab\xD0\x41", 2},
                {"😀\xF0\x9F\x98", 4},       {"\x80", 0}};
  for (const auto& c : kCases) EXPECT_EQ(FirstInvalidUtf8(c.in), c.want) << c.in;
}

// Word-at-a-time counting against a byte-by-byte count, at every offset of
// texts mixing ASCII, Cyrillic, three- and four-byte forms and stray bytes.
TEST(Utf8Test, CodePointCountsAtEveryOffset) {
  const std::vector<std::string> pieces = {"a", " ", "Ж", "ё", "—", "€", "🙂", "\xD0", "\x80", "\xFF", "12", "\n"};
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    std::string s;
    const size_t n = rng() % 200;
    for (size_t k = 0; k < n; ++k) s += pieces[rng() % pieces.size()];
    const CodePointIndex index(s);
    size_t naive = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
      EXPECT_EQ(CodePointCount(std::string_view(s).substr(0, i)), naive) << i;
      EXPECT_EQ(index.ToCodePoints(i), naive) << i;
      if (i < s.size()) naive += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    }
  }
}

// Long texts, as CodePointCount counts them in runs of up to 255 blocks of 16
// bytes: prefixes of every length around the run boundaries.
TEST(Utf8Test, CodePointCountsOfLongTexts) {
  const std::vector<std::string> pieces = {"a", "Ж", "ё", "—", "🙂", "\xD0", "\x80", "\xBF", "\xC0", "\xFF", "\x7F"};
  std::mt19937 rng(11);
  std::string s(5000, 'a');  // each lane counts one per ASCII block: 256 of them would wrap a byte
  while (s.size() < 12000) s += pieces[rng() % pieces.size()];
  std::vector<size_t> naive(s.size() + 1, 0);
  for (size_t i = 0; i < s.size(); ++i) naive[i + 1] = naive[i] + ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80);
  for (size_t len : {size_t{4079}, size_t{4080}, size_t{4081}, size_t{4095}, size_t{4096}, size_t{8160}, size_t{8161},
                     size_t{11999}, s.size()}) {
    EXPECT_EQ(CodePointCount(std::string_view(s).substr(0, len)), naive[len]) << len;
    EXPECT_EQ(CodePointCount(std::string_view(s).substr(1, len - 1)), naive[len] - naive[1]) << len;
  }
}

// The word-at-a-time validator against a code point by code point scan, on
// random texts of valid and malformed pieces at every alignment.
TEST(Utf8Test, FirstInvalidMatchesAScanAtEveryOffset) {
  const std::vector<std::string> pieces = {"a", " ", "Ж", "я", "ё", "—", "€", "🙂", "«", "\xD0", "\x80",
                                           "\xFF", "\xC0\x80", "\xC1\xBF", "\xDF\xBF", "\xC2\x80", "12", "\n",
                                           "Воронеж", "pipeline",
                                           // malformed and valid edge forms of three and four bytes
                                           "\xE0\x80\x80", "\xE0\xA0\x80", "\xED\xA0\x80", "\xED\x9F\xBF",
                                           "\xEF\xBF\xBD", "\xEF\xBF\xBF", "\xF0\x80\x80\x80",
                                           "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
                                           "\xF0\x9F\x98"};
  auto scan = [](std::string_view s) -> std::optional<size_t> {
    for (size_t i = 0; i < s.size();) {
      const size_t at = i;
      if (NextCodePoint(s, i) == 0xFFFD && i - at == 1) return at;
    }
    return std::nullopt;
  };
  std::mt19937 rng(11);
  for (int round = 0; round < 400; ++round) {
    std::string s;
    const size_t n = rng() % 60;
    // mostly valid text, so that the first error lands at many offsets
    for (size_t k = 0; k < n; ++k) s += pieces[rng() % (round % 2 ? pieces.size() : 9)];
    for (size_t from = 0; from < 9 && from <= s.size(); ++from) {
      const std::string_view v = std::string_view(s).substr(from);
      EXPECT_EQ(FirstInvalidUtf8(v), scan(v)) << round << " " << from;
    }
  }
}

}  // namespace
}  // namespace oborot
