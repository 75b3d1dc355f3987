// One fact per figure per document: a figure restated in the headline, the
// lead and a quote is one fact, with the evidence that says the most.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "src/facts/packed.h"
#include "src/facts/rules.h"

namespace oborot::facts {
namespace {

bool Close(double a, double b) { return std::fabs(a - b) <= 0.02 * std::max(std::fabs(a), std::fabs(b)); }

}  // namespace

bool SameFigure(const Fact& x, const Fact& y) {
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

namespace {

// The index MergeDuplicates looks duplicates up in (it compared each fact with
// every distinct one before it: quadratic in a multi-megabyte document of
// thousands of figures). It must find every fact SameFigure could match, so
// it narrows only by what SameFigure requires: the fields it compares for
// equality make the bucket key, and the one it compares with a tolerance
// (value or percent) is looked up in a window wider than the tolerance.
// Widen Window() if SameFigure's tolerances grow.
void Append(std::string& key, std::string_view field) {
  key.append(field);
  key.push_back('\x1f');  // a separator (were two keys to collide, the facts would only share a bucket)
}

std::string BucketKey(const Fact& f) {
  std::string key;
  key.push_back(static_cast<char>('0' + static_cast<int>(f.type)));
  for (const std::string& p : f.parties) Append(key, p);
  key.push_back('\x1e');
  switch (f.type) {
    case FactType::kTurnover:
      Append(key, f.status);
      Append(key, f.currency);
      key.push_back(f.sectoral ? 's' : '-');
      break;
    case FactType::kTurnoverChange:
      key.push_back(f.sectoral ? 's' : '-');
      break;
    case FactType::kTurnoverShare:
    case FactType::kMeeting:
      break;
    case FactType::kOrganization:
      Append(key, f.name);
      break;
    case FactType::kSector:
      Append(key, f.sector);
      break;
    case FactType::kProject: {
      Append(key, f.name);
      // equal values only: +0 and -0 are equal, NaN never is (then the key
      // is unique to the fact)
      const double v = f.value == 0 ? 0.0 : f.value;
      char bytes[sizeof v];
      std::memcpy(bytes, &v, sizeof v);
      key.append(bytes, sizeof v);
      break;
    }
    case FactType::kTradeFlow:
      Append(key, f.flow_from);
      Append(key, f.status);
      Append(key, f.currency);
      key.push_back(f.sectoral ? 's' : '-');
      break;
  }
  return key;
}

// The number SameFigure compares with a tolerance, and how far from it a
// match may lie (at least: the window is a superset).
double Measure(const Fact& f) {
  switch (f.type) {
    case FactType::kTurnover:
    case FactType::kTradeFlow:
      return f.value;
    case FactType::kTurnoverChange:
    case FactType::kTurnoverShare:
      return f.percent;
    default:
      return 0;
  }
}
double Window(const Fact& f, double m) {
  switch (f.type) {
    case FactType::kTurnover:
    case FactType::kTradeFlow:
      return 0.021 * std::fabs(m);  // Close: |a-b| <= 0.02 max(|a|,|b|) implies |a-b| <= 0.0205 |a|
    case FactType::kTurnoverChange:
      return 1.01;
    case FactType::kTurnoverShare:
      return 0.51;
    default:
      return 0;
  }
}

// The distinct facts of one bucket: slots by measure, and the slots whose
// measure is not finite (infinity is "close" to any finite value), which
// every lookup checks.
struct Bucket {
  std::multimap<double, size_t> by_measure;
  std::vector<size_t> odd;
};

// How much a fact's evidence tells: a year, a speaker, a body sentence.
int Richness(const Fact& f, uint32_t body_start) {
  return (f.year ? 4 : 0) + (f.speaker.empty() ? 0 : 2) + (f.evidence.span.start >= body_start ? 3 : 0) +
         (f.qualifier != "exact" ? 1 : 0);
}

// The distinct facts MergeOne looks into: Get(i) reads slot i (the
// reference may be overwritten by the next Get), Edit(i) gives it to change
// and Commit(i) keeps the change, Append(f) adds a distinct fact.
// In place: the facts of a vector, compacted as they are read.
struct InPlaceSlots {
  std::vector<Fact>& facts;
  size_t kept;
  size_t size() const { return kept; }
  const Fact& Get(size_t i) const { return facts[i]; }
  Fact& Edit(size_t i) { return facts[i]; }
  void Commit(size_t) {}
  void Append(Fact& f) {
    Fact& slot = facts[kept++];
    if (&slot != &f) slot = std::move(f);  // a Fact is large: each moves at most once, after a first duplicate
  }
};
// Packed (src/facts/packed.h): each slot is unpacked to be read.
// The slot read last stays unpacked: a match is read again to be edited.
struct PackedSlots {
  static constexpr size_t kNone = std::numeric_limits<size_t>::max();
  std::vector<std::string>& packed;
  Fact read, edit;
  size_t read_at = kNone;
  size_t size() const { return packed.size(); }
  const Fact& Get(size_t i) {
    if (i != read_at) {
      read = UnpackFact(packed[i]);
      read_at = i;
    }
    return read;
  }
  Fact& Edit(size_t i) {
    edit = i == read_at ? std::move(read) : UnpackFact(packed[i]);
    read_at = kNone;
    return edit;
  }
  void Commit(size_t i) { packed[i] = PackFact(edit); }
  void Append(const Fact& f) { packed.push_back(PackFact(f)); }
};

// Merges `f` into the first distinct fact SameFigure matches, found through
// the buckets (see BucketKey) instead of a scan of all of them, or adds it
// as a distinct fact.
template <typename Slots>
void MergeOne(Slots& slots, std::unordered_map<std::string, Bucket>& buckets, Fact& f, uint32_t body_start) {
  Bucket& bucket = buckets[BucketKey(f)];
  const double m = Measure(f);
  constexpr size_t kNone = std::numeric_limits<size_t>::max();
  size_t match = kNone;
  std::multimap<double, size_t>::iterator match_entry = bucket.by_measure.end();
  if (std::isfinite(m)) {
    const double w = Window(f, m);
    for (auto e = bucket.by_measure.lower_bound(m - w); e != bucket.by_measure.end() && e->first <= m + w; ++e) {
      if (e->second < match && SameFigure(f, slots.Get(e->second))) {
        match = e->second;
        match_entry = e;
      }
    }
  } else {
    for (auto e = bucket.by_measure.begin(); e != bucket.by_measure.end(); ++e) {
      if (e->second < match && SameFigure(f, slots.Get(e->second))) {
        match = e->second;
        match_entry = e;
      }
    }
  }
  for (size_t slot : bucket.odd) {
    if (slot < match && SameFigure(f, slots.Get(slot))) {
      match = slot;
      match_entry = bucket.by_measure.end();
    }
  }
  if (match == kNone) {
    const size_t at = slots.size();
    slots.Append(f);
    if (std::isfinite(m)) {
      bucket.by_measure.emplace(m, at);
    } else {
      bucket.odd.push_back(at);
    }
    return;
  }
  Fact& into = slots.Edit(match);
  Fact& keep = Richness(f, body_start) > Richness(into, body_start) ? f : into;
  Fact& other = &keep == &f ? into : f;
  if (!keep.year) keep.year = other.year;
  if (keep.speaker.empty()) keep.speaker = other.speaker;
  if (keep.period.empty()) keep.period = other.period;
  if (&keep == &f) {
    into = std::move(f);
    // the slot now holds the restatement's figure: index it under its measure
    const double now = Measure(into);
    if (match_entry != bucket.by_measure.end()) {
      bucket.by_measure.erase(match_entry);
    } else {
      bucket.odd.erase(std::find(bucket.odd.begin(), bucket.odd.end(), match));
    }
    if (std::isfinite(now)) {
      bucket.by_measure.emplace(now, match);
    } else {
      bucket.odd.push_back(match);
    }
  }
  slots.Commit(match);
}

}  // namespace

struct DuplicateMerger::Index {
  std::unordered_map<std::string, Bucket> buckets;
};

DuplicateMerger::DuplicateMerger() : index_(std::make_unique<Index>()) {}
DuplicateMerger::~DuplicateMerger() = default;

void DuplicateMerger::Merge(std::vector<Fact>& facts, uint32_t body_start) {
  // Compacted in place: facts[0, kept) are the distinct ones so far. Called
  // again with more facts appended, it goes on from where it stopped: the
  // distinct facts and their index are those of one call over all the facts.
  InPlaceSlots slots{facts, kept_};
  for (size_t r = kept_; r < facts.size(); ++r) MergeOne(slots, index_->buckets, facts[r], body_start);
  facts.erase(facts.begin() + static_cast<std::ptrdiff_t>(slots.kept), facts.end());
  kept_ = slots.kept;
}

void DuplicateMerger::Merge(std::vector<Fact>& fresh, std::vector<std::string>& packed, uint32_t body_start) {
  PackedSlots slots{packed, {}, {}, PackedSlots::kNone};
  for (Fact& f : fresh) MergeOne(slots, index_->buckets, f, body_start);
  fresh.clear();
}

void MergeDuplicates(std::vector<Fact>& facts, uint32_t body_start) { DuplicateMerger().Merge(facts, body_start); }

namespace {

template <typename Container, typename TypeOf>
void CountingSortByType(Container& facts, TypeOf type_of) {
  constexpr size_t kTypes = static_cast<size_t>(FactType::kTradeFlow) + 1;
  // Usually in order already (the rules run family by family): then nothing moves.
  bool sorted = true;
  for (size_t i = 1; i < facts.size() && sorted; ++i) sorted = type_of(facts[i - 1]) <= type_of(facts[i]);
  if (sorted) return;
  // A counting sort (std::stable_sort moved each Fact through its buffer
  // and back, several times), applied in place: each fact's place is
  // computed first, then the facts are swapped along the permutation's
  // cycles. A second container of Facts (680 bytes each) cost as much again as
  // the facts of a large document read with its mention budget lifted.
  size_t start[kTypes + 1] = {};
  for (const auto& f : facts) ++start[type_of(f) + 1];
  for (size_t t = 1; t <= kTypes; ++t) start[t] += start[t - 1];
  std::vector<size_t> place(facts.size());
  for (size_t i = 0; i < facts.size(); ++i) place[i] = start[type_of(facts[i])]++;
  for (size_t i = 0; i < facts.size(); ++i) {
    // facts[i] goes to place[i]; the one there comes to i, until i holds its own
    while (place[i] != i) {
      const size_t to = place[i];
      std::swap(facts[i], facts[to]);
      std::swap(place[i], place[to]);
    }
  }
}

}  // namespace

void StableSortByType(std::vector<Fact>& facts) {
  CountingSortByType(facts, [](const Fact& f) { return static_cast<size_t>(f.type); });
}

void StableSortByType(std::vector<std::string>& packed) {
  CountingSortByType(packed, [](const std::string& p) { return static_cast<size_t>(PackedFactType(p)); });
}

}  // namespace oborot::facts
