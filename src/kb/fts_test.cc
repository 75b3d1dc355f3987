#include "src/kb/fts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "src/lang/stemmer.h"
#include "src/segment/tokens.h"

namespace oborot::kb {
namespace {

TEST(Fts, StemsWordsAndKeepsNumbers) {
  const struct {
    const char* text;
    const char* stems;
  } kCases[] = {
      {"Воронежская область", "воронежск област"},
      {"воронежской области", "воронежск област"},
      {"В 2023 году — рост!", "в 2023 год рост"},
      {"Ёлки", "елк"},
      {"", ""},
  };
  for (const auto& c : kCases) EXPECT_EQ(StemText(c.text), c.stems) << c.text;
}

// A long text is stemmed a piece at a time, cut after a space or a line
// break: the stems must be those of the text read whole, wherever the cuts
// fall (words, numbers, punctuation, a long run without a space).
TEST(Fts, ALongTextHasTheStemsOfItsWhole) {
  std::string text;
  for (int i = 0; text.size() < 900000; ++i) {
    text += "Товарооборот Беларуси и Калужской области в " + std::to_string(2000 + i % 25) + " году вырос на " +
            std::to_string(i % 97) + ",5 %, «Гомсельмаш» — техника.";
    text += i % 3 ? " " : "\n\n";
    if (i % 5000 == 4999) text += std::string(300000, 'x') + " ";  // no space for more than a piece
  }
  std::string whole;
  for (const auto& t : segment::Tokenize(text)) {
    if (t.kind == segment::TokenKind::kPunct) continue;
    if (!whole.empty()) whole.push_back(' ');
    whole += t.kind == segment::TokenKind::kWord ? lang::Stem(t.fold) : std::string(t.fold);
  }
  EXPECT_EQ(StemText(text), whole);
}

// The pieces cover the stems in order, each cut at the first space past
// `max_bytes` (the overlap counted in), each after the first starting
// `overlap` stems back; a short text is one piece.
TEST(Fts, StemChunksCutAtSpacesWithAnOverlap) {
  EXPECT_EQ(StemChunks("").size(), 1u);
  EXPECT_EQ(StemChunks("воронежск област"), (std::vector<std::string_view>{"воронежск област"}));
  EXPECT_EQ(StemChunks("a1 b2 c3 d4 e5 f6 g7", 5, 1),
            (std::vector<std::string_view>{"a1 b2", "b2 c3", "c3 d4", "d4 e5", "e5 f6", "f6 g7"}));
  EXPECT_EQ(StemChunks("a1 b2 c3 d4 e5 f6 g7", 5, 0), (std::vector<std::string_view>{"a1 b2", "c3 d4", "e5 f6", "g7"}));
  // No space after the limit: one piece.
  EXPECT_EQ(StemChunks("ab cdefghijkl", 4, 2), (std::vector<std::string_view>{"ab cdefghijkl"}));
  std::string stems;
  for (int i = 0; stems.size() < 3 * kStemChunkBytes; ++i) stems += (i ? " w" : "w") + std::to_string(i);
  const auto chunks = StemChunks(stems);
  ASSERT_GE(chunks.size(), 3u);
  std::string joined(chunks[0]);
  for (size_t i = 1; i < chunks.size(); ++i) {
    EXPECT_LE(chunks[i - 1].size(), kStemChunkBytes + 16);
    // The piece's first kStemChunkOverlap stems are the last of the one before.
    size_t skip = 0;
    for (size_t k = 0; k < kStemChunkOverlap; ++k) skip = chunks[i].find(' ', skip) + 1;
    const std::string_view head = chunks[i].substr(0, skip - 1);
    EXPECT_TRUE(chunks[i - 1].ends_with(" " + std::string(head))) << i;
    joined += " " + std::string(chunks[i].substr(skip));
  }
  EXPECT_EQ(joined, stems);
}

TEST(Fts, QueryQuotesEveryStemOnce) {
  EXPECT_EQ(FtsQuery("Воронежской области"), "\"воронежск\" \"област\"");
  EXPECT_EQ(FtsQuery("область областью"), "\"област\"");
  EXPECT_EQ(FtsQuery("\"OR\" NEAR("), "\"or\" \"near\"");
  EXPECT_EQ(FtsQuery("!!! ..."), "");
}

TEST(Fts, SnippetMarksTheMatch) {
  const std::string text = "Первое предложение без совпадений. Товарооборот с Воронежской областью вырос на 17%.";
  const std::string s = Snippet(text, "воронежская", 40);
  EXPECT_NE(s.find("[Воронежской]"), std::string::npos) << s;
  EXPECT_EQ(s.rfind("…", 0), 0u) << s;  // the start is cut
  EXPECT_EQ(Snippet("Короткий текст.", "нет", 80), "Короткий текст.");
  EXPECT_EQ(Snippet("Строка\nвторая", "вторая", 80), "Строка [вторая]");
}

}  // namespace
}  // namespace oborot::kb
