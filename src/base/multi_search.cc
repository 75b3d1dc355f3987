#include "src/base/multi_search.h"

#include <algorithm>
#include <deque>

#include "oborot/status.h"

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

}  // namespace oborot
