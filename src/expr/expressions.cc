#include "src/expr/expressions.h"

#include "src/expr/lexicon.h"

namespace oborot::expr {

Expressions FindExpressions(std::string_view text, std::span<const segment::Token> tokens, uint32_t base) {
  return FindExpressions(text, tokens, base, {});
}

Expressions FindExpressions(std::string_view text, std::span<const segment::Token> tokens, uint32_t base,
                            std::span<const uint32_t> fold_keys) {
  // one set of per-token arrays per thread, reused by every sentence (the
  // parsers below never start another FindExpressions)
  thread_local ScanBuffers buffers;
  const Scan scan(text, base, tokens, fold_keys, buffers);
  Expressions e;
  e.money = FindMoneyIn(scan);
  e.changes = FindChangesIn(scan, &e.percents);
  e.quantities = FindQuantitiesIn(scan);
  e.dates = FindDatesIn(scan);
  return e;
}

}  // namespace oborot::expr
