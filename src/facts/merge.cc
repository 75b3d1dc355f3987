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
  std::vector<Fact> out;
  out.reserve(facts.size());  // a Fact is large: no moves on growth
  for (Fact& f : facts) {
    auto it = std::find_if(out.begin(), out.end(), [&](const Fact& g) { return Same(f, g); });
    if (it == out.end()) {
      out.push_back(std::move(f));
      continue;
    }
    Fact& keep = Richness(f, body_start) > Richness(*it, body_start) ? f : *it;
    Fact& other = &keep == &f ? *it : f;
    if (!keep.year) keep.year = other.year;
    if (keep.speaker.empty()) keep.speaker = other.speaker;
    if (keep.period.empty()) keep.period = other.period;
    if (&keep == &f) *it = std::move(f);
  }
  facts = std::move(out);
}

}  // namespace oborot::facts
