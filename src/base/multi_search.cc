#include "src/base/multi_search.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>

#include "oborot/status.h"
#include "src/base/utf8.h"

namespace oborot {

void MultiSearcher::Add(std::string_view pattern) {
  OBOROT_ASSERT(!built_);
  patterns_.emplace_back(pattern);
}

void MultiSearcher::Build() {
  OBOROT_ASSERT(!built_);
  built_ = true;
  // Byte classes: one per byte value that occurs in some pattern.
  class_of_.fill(0);
  classes_ = 1;
  for (const std::string& p : patterns_) {
    for (char c : p) {
      auto& k = class_of_[static_cast<unsigned char>(c)];
      if (k == 0) k = static_cast<uint16_t>(classes_++);
    }
  }
  // The trie, with goto edges in the dense table (kNone = no edge yet).
  delta_.assign(classes_, kNone);
  own_.assign(1, {});
  for (size_t id = 0; id < patterns_.size(); ++id) {
    if (patterns_[id].empty()) continue;
    uint32_t state = 0;
    for (char c : patterns_[id]) {
      const size_t slot = state * classes_ + class_of_[static_cast<unsigned char>(c)];
      if (delta_[slot] == kNone) {
        const auto fresh = static_cast<uint32_t>(own_.size());
        own_.emplace_back();
        delta_.resize(delta_.size() + classes_, kNone);
        delta_[slot] = fresh;
      }
      state = delta_[slot];
    }
    own_[state].push_back(static_cast<uint32_t>(id));
  }
  const size_t states = own_.size();
  // Failure links breadth-first; missing edges become the failure state's edge.
  std::vector<uint32_t> fail(states, 0);
  min_out_.assign(states, -1);
  out_link_.assign(states, kNone);
  has_out_.assign(states, false);
  for (size_t s = 0; s < states; ++s) {
    has_out_[s] = !own_[s].empty();
    if (has_out_[s]) min_out_[s] = static_cast<int>(*std::min_element(own_[s].begin(), own_[s].end()));
  }
  std::deque<uint32_t> queue;
  for (uint32_t k = 0; k < classes_; ++k) {
    uint32_t& next = delta_[k];
    if (next == kNone) {
      next = 0;
    } else {
      fail[next] = 0;
      queue.push_back(next);
    }
  }
  while (!queue.empty()) {
    const uint32_t s = queue.front();
    queue.pop_front();
    const uint32_t f = fail[s];
    out_link_[s] = has_out_[f] ? f : out_link_[f];
    if (min_out_[f] >= 0 && (min_out_[s] < 0 || min_out_[f] < min_out_[s])) min_out_[s] = min_out_[f];
    for (uint32_t k = 0; k < classes_; ++k) {
      uint32_t& next = delta_[s * classes_ + k];
      if (next == kNone) {
        next = delta_[f * classes_ + k];
      } else {
        fail[next] = delta_[f * classes_ + k];
        queue.push_back(next);
      }
    }
  }
  // Renumber the states so that those with an output come last: the scan
  // then tests one comparison per byte (the root stays 0: it has no output).
  std::vector<uint32_t> order;
  for (uint32_t s = 0; s < states; ++s) {
    if (min_out_[s] < 0) order.push_back(s);
  }
  first_output_state_ = static_cast<uint32_t>(order.size());
  for (uint32_t s = 0; s < states; ++s) {
    if (min_out_[s] >= 0) order.push_back(s);
  }
  std::vector<uint32_t> new_id(states);
  for (uint32_t k = 0; k < states; ++k) new_id[order[k]] = k;
  std::vector<uint32_t> delta(delta_.size());
  std::vector<int> min_out(states);
  std::vector<std::vector<uint32_t>> own(states);
  std::vector<bool> has_out(states);
  std::vector<uint32_t> out_link(states);
  for (uint32_t s = 0; s < states; ++s) {
    const uint32_t t = new_id[s];
    for (uint32_t k = 0; k < classes_; ++k) delta[t * classes_ + k] = new_id[delta_[s * classes_ + k]];
    min_out[t] = min_out_[s];
    own[t] = std::move(own_[s]);
    has_out[t] = has_out_[s];
    out_link[t] = out_link_[s] == kNone ? kNone : new_id[out_link_[s]];
  }
  delta_ = std::move(delta);
  min_out_ = std::move(min_out);
  own_ = std::move(own);
  has_out_ = std::move(has_out);
  out_link_ = std::move(out_link);
}

namespace {
// The fold of the code point at s[i] as FoldCase makes it (one code point).
char32_t FoldedAt(std::string_view s, size_t& i) {
  char buf[4];
  const size_t n = FoldNextCodePoint(s, i, buf);
  size_t k = 0;
  const char32_t cp = NextCodePoint(std::string_view(buf, n), k);
  OBOROT_ASSERT(k == n);  // folding maps a code point to one code point
  return cp;
}
}  // namespace

void FoldedMultiSearcher::Add(std::string_view folded_pattern) {
  std::string symbols;
  if (!FirstInvalidUtf8(folded_pattern)) {
    for (size_t i = 0; i < folded_pattern.size();) {
      const char32_t cp = NextCodePoint(folded_pattern, i);
      size_t k = 0;
      for (; k < alphabet_.size() && alphabet_[k] != cp; ++k) {
      }
      if (k == alphabet_.size()) {
        if (k == 255) {  // symbols are the bytes 1..255: a lexicon this varied needs a wider automaton
          std::fprintf(stderr, "FoldedMultiSearcher: patterns use more than 255 distinct code points\n");
          std::abort();
        }
        alphabet_.push_back(cp);
      }
      symbols.push_back(static_cast<char>(k + 1));
    }
  }
  symbols_.push_back(std::move(symbols));  // empty: never matches
}

void FoldedMultiSearcher::Build() {
  for (const std::string& p : symbols_) ac_.Add(p);
  ac_.Build();
  scaled_delta_.resize(ac_.delta_.size());
  for (size_t k = 0; k < ac_.delta_.size(); ++k) scaled_delta_[k] = ac_.delta_[k] * ac_.classes_;
  for (size_t k = 0; k < alphabet_.size(); ++k) {
    class_by_cp_.emplace_back(alphabet_[k], static_cast<uint16_t>(ac_.class_of(static_cast<char>(k + 1))));
  }
  std::sort(class_by_cp_.begin(), class_by_cp_.end());
  // The tables, filled by folding each code point as FoldCase does.
  for (unsigned b = 0; b < 128; ++b) {
    const char c = static_cast<char>(b);
    size_t i = 0;
    ascii_[b] = ClassOfFolded(FoldedAt(std::string_view(&c, 1), i));
  }
  for (unsigned k = 0; k < 128; ++k) {
    const char two[2] = {static_cast<char>(0xD0 | (k >> 6)), static_cast<char>(0x80 | (k & 0x3F))};
    size_t i = 0;
    cyrillic_[k] = ClassOfFolded(FoldedAt(std::string_view(two, 2), i));
  }
}

uint16_t FoldedMultiSearcher::ClassOfFolded(char32_t folded) const {
  const auto it = std::lower_bound(class_by_cp_.begin(), class_by_cp_.end(), std::make_pair(folded, uint16_t{0}));
  return it != class_by_cp_.end() && it->first == folded ? it->second : 0;
}

uint32_t FoldedMultiSearcher::ClassSlow(std::string_view text, size_t& i) const {
  return ClassOfFolded(FoldedAt(text, i));
}

int FoldedMultiSearcher::FirstPatternIn(std::string_view text) const {
  const Stepper st = stepper();
  int best = -1;
  uint32_t state = 0;
  for (size_t i = 0; i < text.size();) {
    state = st.Next(state, st.ClassAt(text, i));
    const int m = st.SmallestEndingAt(state);
    if (m >= 0 && (best < 0 || m < best)) {
      best = m;
      if (best == 0) break;
    }
  }
  return best;
}

FoldedMultiSearcher::LineScan FoldedMultiSearcher::ScanLine(std::string_view text, size_t max_cps,
                                                             size_t mark_cps) const {
  LineScan r;
  r.mark_end = text.size();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const uint32_t* delta = scaled_delta_.data();
  const uint16_t* ascii = ascii_.data();
  const uint16_t* cyrillic = cyrillic_.data();
  const uint32_t classes = ac_.classes_;
  const uint32_t first_output = ac_.first_output_state_ * classes;  // scaled, as the states below
  // The code point count at which the loop must look: where code point
  // mark_cps has ended (at the start of the next one) or max_cps is passed.
  const size_t past_max = max_cps + 1;
  const bool marking = mark_cps > 0 && mark_cps < max_cps;
  size_t stop = marking ? mark_cps + 1 : past_max;
  uint32_t state = 0;  // times classes
  int best = -1;
  size_t cps = 0;
  for (size_t i = 0; i < n;) {
    if (++cps >= stop) {
      if (cps >= past_max) {
        r.cps = cps;
        r.too_long = true;
        return r;
      }
      r.mark_end = i;  // code point mark_cps ended here
      stop = past_max;
    }
    uint32_t cls;
    const unsigned b0 = p[i];
    if (b0 < 0x80) {
      cls = ascii[b0];
      ++i;
    } else if ((b0 & 0xFEu) == 0xD0u && i + 1 < n && (p[i + 1] & 0xC0u) == 0x80u) {  // U+0400..U+047F
      cls = cyrillic[((b0 & 1u) << 6) | (p[i + 1] & 0x3Fu)];
      i += 2;
    } else {
      size_t j = i;
      cls = ClassSlow(text, j);
      i = j;
    }
    state = delta[state + cls];
    if (state >= first_output) {  // rare: a pattern ends here
      const int m = ac_.min_out_[state / classes];
      if (best < 0 || m < best) best = m;
    }
  }
  r.first = best;
  r.cps = cps;
  return r;
}

}  // namespace oborot
