#include "src/kb/fts.h"

#include <gtest/gtest.h>

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
