// Properties every parser keeps on arbitrary input: spans inside the text,
// start <= end, and the same result from the text and from shared tokens.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "src/expr/changes.h"
#include "src/expr/dates.h"
#include "src/expr/lexicon.h"
#include "src/expr/money.h"
#include "src/expr/numbers.h"
#include "src/expr/quantities.h"

namespace oborot::expr {
namespace {

TEST(ExprLexicons, LoadCleanly) {
  EXPECT_TRUE(LexiconStatus().ok()) << LexiconStatus().ToString();
  const Lexicons& lex = GetLexicons();
  EXPECT_FALSE(lex.numerals.empty());
  EXPECT_FALSE(lex.currencies.empty());
  EXPECT_FALSE(lex.qualifiers.empty());
  EXPECT_FALSE(lex.months.empty());
  EXPECT_FALSE(lex.change_stems.empty());
}

// Random sentences glued from pieces the parsers react to, including broken
// ones (a lone dash, a dot, a sign at the end).
std::string RandomText(std::mt19937& rng) {
  static const char* const kPieces[] = {"1",
                                        "200",
                                        "2023",
                                        ",",
                                        ".",
                                        "-",
                                        "–",
                                        "$",
                                        "%",
                                        " ",
                                        "млн",
                                        "млрд.",
                                        "тыс",
                                        "рублей",
                                        "долларов",
                                        "США",
                                        "на",
                                        "в",
                                        "раза",
                                        "вдвое",
                                        "более",
                                        "почти",
                                        "около",
                                        "года",
                                        "году",
                                        "июня",
                                        "I",
                                        "квартале",
                                        "полмиллиарда",
                                        "миллиард",
                                        "вырос",
                                        "снизился",
                                        "с",
                                        "по",
                                        "пол",
                                        "белорусских",
                                        "п",
                                        "+",
                                        "\u00a0",
                                        "\n",
                                        "автобусов",
                                        "тонн",
                                        "кв",
                                        "м",
                                        "первом",
                                        "полугодии",
                                        "за",
                                        "январь",
                                        "прошлом",
                                        "текущего",
                                        "к",
                                        "сравнению",
                                        "уровню",
                                        "треть",
                                        "на",
                                        "е",
                                        "ё",
                                        "Ё",
                                        "\xff",
                                        "два",
                                        "с",
                                        "половиной"};
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  std::uniform_int_distribution<int> len(0, 30), space(0, 2);
  std::string out;
  const int n = len(rng);
  for (int k = 0; k < n; ++k) {
    out += kPieces[pick(rng)];
    if (space(rng)) out += ' ';
  }
  return out;
}

template <typename T>
void CheckSpans(const std::vector<T>& found, size_t size, uint32_t base) {
  uint32_t prev_start = 0;
  for (const T& e : found) {
    EXPECT_LE(base, e.start);
    EXPECT_LT(e.start, e.end);
    EXPECT_LE(e.end, base + size);
    EXPECT_LE(prev_start, e.start);  // left to right
    prev_start = e.start;
  }
}

TEST(ExprRobustness, RandomTexts) {
  std::mt19937 rng(12345);
  constexpr uint32_t kBase = 1000;
  for (int round = 0; round < 3000; ++round) {
    const std::string text = RandomText(rng);
    SCOPED_TRACE(text);
    const auto tokens = segment::Tokenize(text, kBase);
    const auto numbers = FindNumbers(text, kBase);
    const auto money = FindMoney(text, kBase);
    const auto changes = FindChanges(text, kBase);
    const auto quantities = FindQuantities(text, kBase);
    const auto dates = FindDates(text, kBase);
    CheckSpans(numbers, text.size(), kBase);
    CheckSpans(money, text.size(), kBase);
    CheckSpans(changes, text.size(), kBase);
    CheckSpans(quantities, text.size(), kBase);
    CheckSpans(dates, text.size(), kBase);
    for (const auto& m : money) {
      EXPECT_LE(m.start, m.value_start);
      EXPECT_LE(m.value_end, m.end);
    }
    EXPECT_EQ(FindNumbers(text, tokens, kBase).size(), numbers.size());
    EXPECT_EQ(FindMoney(text, tokens, kBase).size(), money.size());
    EXPECT_EQ(FindChanges(text, tokens, kBase).size(), changes.size());
    EXPECT_EQ(FindQuantities(text, tokens, kBase).size(), quantities.size());
    EXPECT_EQ(FindDates(text, tokens, kBase).size(), dates.size());
  }
}

TEST(ExprRobustness, EmptyAndTrivial) {
  for (const char* text : {"", " ", ".", "$", "%", "-", "на", "в", "раза", "млрд", "\xff\xfe"}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(FindMoney(text).empty());
    EXPECT_TRUE(FindChanges(text).empty());
    EXPECT_TRUE(FindQuantities(text).empty());
    EXPECT_TRUE(FindDates(text).empty());
    EXPECT_TRUE(FindNumbers(text).empty());
  }
}

}  // namespace
}  // namespace oborot::expr
