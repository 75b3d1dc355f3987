#include "src/kb/fts.h"

#include <gtest/gtest.h>

#include <string>

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
