// One fact per figure per document: a figure restated in the headline, the
// lead and a quote is one fact, with the evidence that says the most.
#include <algorithm>
#include <cmath>

#include "src/facts/rules.h"

namespace oborot::facts {
namespace {

bool Close(double a, double b) { return std::fabs(a - b) <= 0.02 * std::max(std::fabs(a), std::fabs(b)); }

bool Same(const Fact& x, const Fact& y) {
  if (x.type != y.type || x.parties != y.parties) return false;
  switch (x.type) {
    case FactType::kTurnover:
      return x.status == y.status && x.currency == y.currency && x.sectoral == y.sectoral && Close(x.value, y.value) &&
             (!x.year || !y.year || *x.year == *y.year);
    case FactType::kTurnoverChange:
      return x.sectoral == y.sectoral && std::fabs(x.percent - y.percent) <= 1.0 &&
             (!x.year || !y.year || *x.year == *y.year);
    case FactType::kTurnoverShare:
      return std::fabs(x.percent - y.percent) <= 0.5;
    case FactType::kOrganization:
      return x.name == y.name;
    case FactType::kSector:
      return x.sector == y.sector;
    case FactType::kProject:
      return x.name == y.name && x.value == y.value;
    case FactType::kMeeting:
      return true;
    case FactType::kTradeFlow:
      return x.flow_from == y.flow_from && x.status == y.status && x.currency == y.currency &&
             x.sectoral == y.sectoral && Close(x.value, y.value) && (!x.year || !y.year || *x.year == *y.year);
  }
  return false;
}

// How much a fact's evidence tells: a year, a speaker, a body sentence.
int Richness(const Fact& f, uint32_t body_start) {
  return (f.year ? 4 : 0) + (f.speaker.empty() ? 0 : 2) + (f.evidence.span.start >= body_start ? 3 : 0) +
         (f.qualifier != "exact" ? 1 : 0);
}

}  // namespace

void MergeDuplicates(std::vector<Fact>& facts, uint32_t body_start) {
  // Compacted in place: facts[0, kept) are the distinct ones so far. A Fact is
  // large, so each one moves at most once, and only after a first duplicate.
  size_t kept = 0;
  for (size_t r = 0; r < facts.size(); ++r) {
    Fact& f = facts[r];
    auto it = std::find_if(facts.begin(), facts.begin() + static_cast<std::ptrdiff_t>(kept),
                           [&](const Fact& g) { return Same(f, g); });
    if (it == facts.begin() + static_cast<std::ptrdiff_t>(kept)) {
      if (r != kept) facts[kept] = std::move(f);
      ++kept;
      continue;
    }
    Fact& keep = Richness(f, body_start) > Richness(*it, body_start) ? f : *it;
    Fact& other = &keep == &f ? *it : f;
    if (!keep.year) keep.year = other.year;
    if (keep.speaker.empty()) keep.speaker = other.speaker;
    if (keep.period.empty()) keep.period = other.period;
    if (&keep == &f) *it = std::move(f);
  }
  facts.erase(facts.begin() + static_cast<std::ptrdiff_t>(kept), facts.end());
}

void StableSortByType(std::vector<Fact>& facts) {
  constexpr size_t kTypes = static_cast<size_t>(FactType::kTradeFlow) + 1;
  auto type_of = [](const Fact& f) { return static_cast<size_t>(f.type); };
  // Usually in order already (the rules run family by family): then nothing moves.
  if (std::is_sorted(facts.begin(), facts.end(), [&](const Fact& a, const Fact& b) { return type_of(a) < type_of(b); }))
    return;
  // A counting sort: each Fact moves once (std::stable_sort moved each
  // through its buffer and back, several times).
  size_t start[kTypes + 1] = {};
  for (const Fact& f : facts) ++start[type_of(f) + 1];
  for (size_t t = 1; t <= kTypes; ++t) start[t] += start[t - 1];
  std::vector<Fact> sorted(facts.size());
  for (Fact& f : facts) sorted[start[type_of(f)]++] = std::move(f);
  facts = std::move(sorted);
}

}  // namespace oborot::facts
