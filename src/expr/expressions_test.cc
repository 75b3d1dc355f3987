#include "src/expr/expressions.h"

#include <gtest/gtest.h>

#include "src/segment/tokens.h"

namespace oborot::expr {
namespace {

// One shared scan over a slice of a document's tokens must give what each
// parser finds on its own over that sentence.
TEST(ExpressionsTest, SharedScanOverASliceEqualsEachParserAlone) {
  const std::string doc =
      "Вступление без чисел. В 2024 году товарооборот вырос на 12,5% и превысил 1,2 млрд долларов. "
      "К 1 марта 2025 года поставят 120 автобусов на 30 млн рублей. Рост в 1,5 раза за январь–сентябрь.";
  const auto tokens = segment::Tokenize(doc);
  const auto first = static_cast<uint32_t>(doc.find("В 2024"));
  for (uint32_t start : {0u, first}) {
    const std::string_view text = std::string_view(doc).substr(start);
    size_t i = 0;
    while (i < tokens.size() && tokens[i].start < start) ++i;
    const Expressions e = FindExpressions(text, std::span(tokens).subspan(i), start);
    const auto own = segment::Tokenize(text, start);
    const auto money = FindMoney(text, own, start);
    const auto changes = FindChanges(text, own, start);
    const auto quantities = FindQuantities(text, own, start);
    const auto dates = FindDates(text, own, start);
    ASSERT_EQ(e.money.size(), money.size());
    for (size_t k = 0; k < money.size(); ++k) {
      EXPECT_EQ(e.money[k].start, money[k].start);
      EXPECT_EQ(e.money[k].value, money[k].value);
      EXPECT_EQ(e.money[k].currency, money[k].currency);
    }
    ASSERT_EQ(e.changes.size(), changes.size());
    for (size_t k = 0; k < changes.size(); ++k) EXPECT_EQ(e.changes[k].percent, changes[k].percent);
    ASSERT_EQ(e.quantities.size(), quantities.size());
    for (size_t k = 0; k < quantities.size(); ++k) EXPECT_EQ(e.quantities[k].value, quantities[k].value);
    ASSERT_EQ(e.dates.size(), dates.size());
    for (size_t k = 0; k < dates.size(); ++k) EXPECT_EQ(e.dates[k].year, dates[k].year);
    EXPECT_GE(e.money.size(), 2u);
    EXPECT_GE(e.changes.size(), 2u);
    EXPECT_GE(e.quantities.size(), 1u);
    EXPECT_GE(e.dates.size(), 2u);
  }
}

}  // namespace
}  // namespace oborot::expr
