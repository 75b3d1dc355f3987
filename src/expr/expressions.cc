#include "src/expr/expressions.h"

#include "src/expr/lexicon.h"

namespace oborot::expr {

Expressions FindExpressions(std::string_view text, std::span<const segment::Token> tokens, uint32_t base) {
  const Scan scan(text, base, tokens);
  Expressions e;
  e.money = FindMoneyIn(scan);
  e.changes = FindChangesIn(scan);
  e.quantities = FindQuantitiesIn(scan);
  e.dates = FindDatesIn(scan);
  return e;
}

}  // namespace oborot::expr
