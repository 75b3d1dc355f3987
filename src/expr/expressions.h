// All four expression parsers over one sentence, sharing one Scan.
//
//   const auto tokens = oborot::segment::Tokenize(doc_text);
//   // the tokens of one sentence: a slice of the document's tokens
//   oborot::expr::Expressions e = oborot::expr::FindExpressions(sentence_text,
//       std::span(tokens).subspan(first, count), sentence_start);
//   for (const auto& m : e.money) Use(m.value, m.currency);
//
// The results equal FindMoney/FindChanges/FindQuantities/FindDates called
// one by one on the same tokens; this saves three token scans and copies.
// `tokens` must be what Tokenize(text, base) gives (offsets from `base`); it
// is only read during the call. Errors: none (see each parser's header).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "src/expr/changes.h"
#include "src/expr/dates.h"
#include "src/expr/money.h"
#include "src/expr/quantities.h"

namespace oborot::expr {

struct Expressions {
  std::vector<MoneyExpr> money;
  std::vector<ChangeExpr> changes;
  std::vector<PercentExpr> percents;  // percents that are no change (see changes.h)
  std::vector<QuantityExpr> quantities;
  std::vector<DateExpr> dates;
};

Expressions FindExpressions(std::string_view text, std::span<const segment::Token> tokens, uint32_t base);
// The same with each token's KeyFilter::Key(fold) given (the sentence's slice
// of lang::TokenStems' fold keys, one per token), so they are not recomputed.
Expressions FindExpressions(std::string_view text, std::span<const segment::Token> tokens, uint32_t base,
                            std::span<const uint32_t> fold_keys);

struct Scan;
// The parsers' cores over a shared Scan (internal to src/expr).
std::vector<MoneyExpr> FindMoneyIn(const Scan& s);
// `percents`, when given, receives the bare percents that are no change.
std::vector<ChangeExpr> FindChangesIn(const Scan& s, std::vector<PercentExpr>* percents = nullptr);
std::vector<QuantityExpr> FindQuantitiesIn(const Scan& s);
std::vector<DateExpr> FindDatesIn(const Scan& s);

}  // namespace oborot::expr
