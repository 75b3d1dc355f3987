#include "src/lang/phrase_matcher.h"

#include <algorithm>
#include <atomic>
#include <iterator>
#include <tuple>
#include <unordered_map>

#include "oborot/status.h"
#include "src/base/utf8.h"
#include "src/lang/stemmer.h"
#include "src/lang/cache_budget.h"
#include "src/lang/word_index.h"

namespace oborot::lang {
namespace {

using segment::Token;
using segment::TokenKind;

bool IsKeyToken(const Token& t) { return t.kind != TokenKind::kPunct; }

// A DFS state: trie node reached after consuming token `last`.
struct State {
  uint32_t node;
  uint32_t last;
};

constexpr uint32_t kNoWord = UINT32_MAX;
constexpr uint32_t kUnknownLabel = UINT32_MAX - 1;  // a memo slot not filled yet

uint64_t NextEpoch() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

// The calling thread's word cache: per distinct word form its Snowball stem
// (Snowball costs about ten times a lookup, and news vocabulary is Zipfian)
// and, per matcher, the labels that matcher found for the form. Hand-rolled
// because it is a memo shared by several consumers, each filling its own
// column on first use; the lookups go through a WordIndex (word_index.h)
// over the folds, kept end to end in one string. Bounded: when it would
// pass kMaxWords it is emptied and starts a new epoch, which TokenStems of
// older epochs notice (they then look words up directly).
struct WordCache {
  static constexpr size_t kColumns = 8;  // matchers memoised per epoch; the others look up directly
  static constexpr size_t kMaxWords = size_t{1} << 17;
  struct Word {
    std::string stem;
    uint64_t fold_hash = 0;  // WordIndex::Hash of the fold
    uint32_t fold_offset = 0, fold_size = 0;  // of the fold in folds
    uint32_t stem_key = 0;
    uint32_t fold_key = 0;
    uint32_t labels[3 * kColumns];  // per column: stem label, exact label, phrase starts here
  };
  WordIndex index;     // fold -> position in words
  std::string folds;   // every word's fold, end to end
  std::vector<Word> words;
  // Per word and column (word * kColumns + column): 0 not known yet, 1 no
  // phrase of the column's matcher starts with the word, 2 one may. The
  // same as the word's labels[3 * column + 2], in a compact array that
  // FindAll reads for every token (a byte, not a 160-byte Word).
  std::vector<uint8_t> starts;
  uint32_t serials[kColumns] = {};  // matcher serial owning each column (0: free)
  bool columns_full = false;        // a matcher found no free column: start afresh at the next text
  uint64_t epoch = NextEpoch();

  void Reset() {
    index.Clear();
    folds.clear();
    words.clear();
    starts.clear();
    std::fill(std::begin(serials), std::end(serials), 0u);
    columns_full = false;
    epoch = NextEpoch();
  }
  // The memo column of a matcher, claimed on first use; -1 when all are
  // taken (by matchers that may since have been destroyed: a long-lived
  // process that builds new matchers then gets fresh columns at its next text).
  int Column(uint32_t serial) {
    for (size_t c = 0; c < kColumns; ++c) {
      if (serials[c] == serial) return static_cast<int>(c);
      if (serials[c] == 0) {
        serials[c] = serial;
        return static_cast<int>(c);
      }
    }
    columns_full = true;
    return -1;
  }
  std::string_view FoldOf(uint32_t id) const {
    const Word& w = words[id];
    return std::string_view(folds.data() + w.fold_offset, w.fold_size);
  }
  uint32_t Intern(std::string_view fold) {
    const uint64_t h = WordIndex::Hash(fold);
    if (const uint32_t id = index.Find(h, fold, [this](uint32_t i) { return FoldOf(i); }); id != WordIndex::kMissing) {
      return id;
    }
    const auto id = static_cast<uint32_t>(words.size());
    Word& w = words.emplace_back();
    w.stem = Stem(fold);
    w.stem_key = KeyFilter::Key(w.stem);
    w.fold_key = KeyFilter::Key(fold);
    w.fold_hash = h;
    w.fold_offset = static_cast<uint32_t>(folds.size());
    w.fold_size = static_cast<uint32_t>(fold.size());
    folds.append(fold);
    std::fill(std::begin(w.labels), std::end(w.labels), kUnknownLabel);
    starts.resize(starts.size() + kColumns, 0);
    index.Insert(h, id, [this](uint32_t i) { return words[i].fold_hash; });
    return id;
  }
};

WordCache& ThreadWordCache() {
  thread_local WordCache cache;
  return cache;
}

// Labels from an array that holds two per token (AllLabels' output).
struct ArrayLabels {
  const uint32_t* labels;
  void operator()(size_t j, uint32_t* l) const {
    l[0] = labels[2 * j];
    l[1] = labels[2 * j + 1];
  }
};

}  // namespace

std::vector<std::string> PhraseMatcher::PhraseKeys(std::string_view phrase, uint32_t flags) {
  std::vector<std::string> keys;
  for (const Token& t : segment::Tokenize(phrase)) {
    if (!IsKeyToken(t)) continue;
    if (t.kind == TokenKind::kWord && !(flags & kExactForm)) {
      keys.push_back(Stem(t.fold));
    } else {
      keys.emplace_back(t.fold);
    }
  }
  return keys;
}

bool PhraseMatcher::Add(std::string_view phrase, uint32_t payload, uint32_t flags) {
  OBOROT_ASSERT(!built_);
  std::vector<std::string> keys = PhraseKeys(phrase, flags);
  if (keys.empty()) return false;
  pending_.push_back({std::move(keys), payload, flags & (kCapitalized | kExactForm)});
  return true;
}

void PhraseMatcher::Build() {
  OBOROT_ASSERT(!built_);
  std::sort(pending_.begin(), pending_.end(), [](const Pending& a, const Pending& b) {
    return std::tie(a.keys, a.payload, a.flags) < std::tie(b.keys, b.payload, b.flags);
  });
  pending_.erase(std::unique(pending_.begin(), pending_.end(),
                             [](const Pending& a, const Pending& b) {
                               return a.keys == b.keys && a.payload == b.payload && a.flags == b.flags;
                             }),
                 pending_.end());
  entry_count_ = pending_.size();

  // Intern every key; a label is 2 * id for a stem key, 2 * id + 1 for an exact one.
  auto intern = [](IdMap& ids, const std::string& key) {
    auto [it, inserted] = ids.try_emplace(key, static_cast<uint32_t>(ids.size()));
    return it->second;
  };
  std::vector<std::vector<uint32_t>> paths;
  paths.reserve(pending_.size());
  for (const Pending& p : pending_) {
    std::vector<uint32_t> path;
    for (const std::string& k : p.keys) {
      path.push_back((p.flags & kExactForm) ? 2 * intern(exact_ids_, k) + 1 : 2 * intern(stem_ids_, k));
    }
    paths.push_back(std::move(path));
  }
  for (const auto& [key, id] : stem_ids_) stem_filter_.Add(key);
  for (const auto& [key, id] : exact_ids_) exact_filter_.Add(key);
  label_count_ = static_cast<uint32_t>(2 * std::max(stem_ids_.size(), exact_ids_.size()) + 2);

  // Build the trie with a hash map of (node, label) -> child, then lay it out as CSR.
  std::unordered_map<uint64_t, uint32_t> child_of;
  std::vector<std::vector<Terminal>> node_terms(1);
  for (size_t e = 0; e < pending_.size(); ++e) {
    uint32_t node = 0;
    for (uint32_t label : paths[e]) {
      const uint64_t key = (static_cast<uint64_t>(node) << 32) | label;
      auto [it, inserted] = child_of.try_emplace(key, static_cast<uint32_t>(node_terms.size()));
      if (inserted) node_terms.emplace_back();
      node = it->second;
    }
    node_terms[node].push_back({pending_[e].payload, pending_[e].flags});
  }
  const size_t nodes = node_terms.size();
  std::vector<std::vector<Edge>> out_edges(nodes);
  root_child_.assign(label_count_, 0);
  for (const auto& [key, child] : child_of) {
    const auto node = static_cast<uint32_t>(key >> 32);
    const auto label = static_cast<uint32_t>(key & 0xFFFFFFFFu);
    if (node == 0) root_child_[label] = child;
    out_edges[node].push_back({label, child});
  }
  edge_begin_.assign(nodes + 1, 0);
  term_begin_.assign(nodes + 1, 0);
  edges_.clear();
  terms_.clear();
  for (size_t n = 0; n < nodes; ++n) {
    auto& oe = out_edges[n];
    std::sort(oe.begin(), oe.end(), [](const Edge& a, const Edge& b) { return a.label < b.label; });
    edge_begin_[n] = static_cast<uint32_t>(edges_.size());
    edges_.insert(edges_.end(), oe.begin(), oe.end());
    term_begin_[n] = static_cast<uint32_t>(terms_.size());
    terms_.insert(terms_.end(), node_terms[n].begin(), node_terms[n].end());
  }
  edge_begin_[nodes] = static_cast<uint32_t>(edges_.size());
  term_begin_[nodes] = static_cast<uint32_t>(terms_.size());
  pending_.clear();
  pending_.shrink_to_fit();
  static std::atomic<uint32_t> next_serial{1};
  serial_ = next_serial.fetch_add(1, std::memory_order_relaxed);
  built_ = true;
}

uint32_t PhraseMatcher::Child(uint32_t node, uint32_t label) const {
  if (label == kNoLabel) return 0;
  if (node == 0) return label < root_child_.size() ? root_child_[label] : 0;
  const Edge* b = edges_.data() + edge_begin_[node];
  const Edge* e = edges_.data() + edge_begin_[node + 1];
  const Edge* it = std::lower_bound(b, e, label, [](const Edge& x, uint32_t l) { return x.label < l; });
  return it != e && it->label == label ? it->child : 0;
}

void PhraseMatcher::Labels(const std::vector<Token>& tokens, const TokenStems& stems, size_t i,
                           uint32_t* stem_label, uint32_t* exact_label) const {
  *stem_label = *exact_label = kNoLabel;
  if (!IsKeyToken(tokens[i])) return;
  if (stem_filter_.MayContainKey(stems.stem_key(i))) {
    if (auto it = stem_ids_.find(std::string_view(stems[i])); it != stem_ids_.end()) *stem_label = 2 * it->second;
  }
  if (exact_ids_.empty() || !exact_filter_.MayContainKey(stems.fold_key(i))) return;
  if (auto it = exact_ids_.find(std::string_view(tokens[i].fold)); it != exact_ids_.end()) {
    *exact_label = 2 * it->second + 1;
  }
}

void PhraseMatcher::AllLabels(const std::vector<Token>& tokens, const TokenStems& stems, size_t first, size_t end,
                              std::vector<uint32_t>& labels, std::vector<uint8_t>& starts) const {
  auto starts_phrase = [this](uint32_t l0, uint32_t l1) -> uint8_t { return Child(0, l0) != 0 || Child(0, l1) != 0; };
  WordCache& cache = ThreadWordCache();
  const bool memo = serial_ != 0 && stems.cache_epoch_ == cache.epoch && stems.words_.size() == tokens.size();
  const int col = memo ? cache.Column(serial_) : -1;
  for (size_t j = first; j < end; ++j) {
    uint32_t* out = &labels[2 * j];
    const uint32_t w = col >= 0 ? stems.words_[j] : kNoWord;
    if (w == kNoWord) {
      Labels(tokens, stems, j, out, out + 1);
      starts[j] = starts_phrase(out[0], out[1]);
      continue;
    }
    uint32_t* m = cache.words[w].labels + 3 * col;
    if (m[0] == kUnknownLabel) {
      Labels(tokens, stems, j, m, m + 1);
      m[2] = starts_phrase(m[0], m[1]);
    }
    out[0] = m[0];
    out[1] = m[1];
    starts[j] = static_cast<uint8_t>(m[2]);
  }
}

template <typename LabelsAt>
size_t PhraseMatcher::Longest(const std::vector<Token>& tokens, const LabelsAt& labels_at, size_t i,
                              std::vector<uint32_t>* payloads) const {
  payloads->clear();
  const size_t n = tokens.size();
  if (i >= n || !IsKeyToken(tokens[i])) return i;
  uint32_t li[2];
  labels_at(i, li);
  const uint32_t l0 = li[0];
  const uint32_t l1 = li[1];
  if (l0 == kNoLabel && l1 == kNoLabel) return i;  // the common case: no phrase starts with this word
  const bool capitalized = tokens[i].upper_initial;

  // Depth-first over the (rarely more than one) live paths: a token can follow
  // both its stem edge and its exact-form edge.
  State stack[64];
  size_t top = 0;
  std::vector<State> overflow;  // only for pathological pattern sets
  auto push = [&](State s) {
    if (top < std::size(stack)) {
      stack[top++] = s;
    } else {
      overflow.push_back(s);
    }
  };
  for (uint32_t l : {l0, l1}) {
    if (uint32_t c = Child(0, l)) push({c, static_cast<uint32_t>(i)});
  }
  size_t best_end = i;
  uint32_t best_nodes[8];
  size_t best_count = 0;
  std::vector<uint32_t> more_best;  // ties beyond eight nodes (practically never)
  while (top > 0 || !overflow.empty()) {
    State s;
    if (!overflow.empty()) {
      s = overflow.back();
      overflow.pop_back();
    } else {
      s = stack[--top];
    }
    // Does this node end a phrase usable here?
    bool usable = false;
    for (uint32_t t = term_begin_[s.node]; t < term_begin_[s.node + 1] && !usable; ++t) {
      usable = capitalized || !(terms_[t].flags & kCapitalized);
    }
    if (usable) {
      const size_t end = s.last + 1;
      if (end > best_end) {
        best_end = end;
        best_count = 0;
        more_best.clear();
      }
      if (end == best_end) {
        if (best_count < std::size(best_nodes)) {
          best_nodes[best_count++] = s.node;
        } else {
          more_best.push_back(s.node);
        }
      }
    }
    if (edge_begin_[s.node] == edge_begin_[s.node + 1]) continue;  // a leaf
    size_t j = s.last + 1;
    while (j < n && !IsKeyToken(tokens[j]) && !tokens[j].newline_before) ++j;
    if (j >= n || !IsKeyToken(tokens[j]) || tokens[j].newline_before) continue;
    uint32_t lj[2];
    labels_at(j, lj);
    for (uint32_t l : lj) {
      if (uint32_t c = Child(s.node, l)) push({c, static_cast<uint32_t>(j)});
    }
  }
  if (best_end == i) return i;
  auto collect = [&](uint32_t node) {
    for (uint32_t t = term_begin_[node]; t < term_begin_[node + 1]; ++t) {
      if (capitalized || !(terms_[t].flags & kCapitalized)) payloads->push_back(terms_[t].payload);
    }
  };
  for (size_t k = 0; k < best_count; ++k) collect(best_nodes[k]);
  for (uint32_t node : more_best) collect(node);
  std::sort(payloads->begin(), payloads->end());
  payloads->erase(std::unique(payloads->begin(), payloads->end()), payloads->end());
  return best_end;
}

size_t PhraseMatcher::LongestAt(const std::vector<Token>& tokens, const TokenStems& stems, size_t i,
                                std::vector<uint32_t>* payloads) const {
  OBOROT_ASSERT(built_ && stems.size() == tokens.size());
  // Labels only for the window a phrase can reach: up to the next line break.
  std::vector<uint32_t> labels(2 * tokens.size(), kNoLabel);
  std::vector<uint8_t> starts(tokens.size());
  size_t end = i;
  while (end < tokens.size() && (end == i || !tokens[end].newline_before)) ++end;
  AllLabels(tokens, stems, i, end, labels, starts);
  return Longest(tokens, ArrayLabels{labels.data()}, i, payloads);
}

std::vector<PhraseMatcher::Match> PhraseMatcher::FindAll(const std::vector<Token>& tokens,
                                                         const TokenStems& stems) const {
  OBOROT_ASSERT(built_ && stems.size() == tokens.size());
  std::vector<Match> out;
  const size_t n = tokens.size();
  if (n == 0 || entry_count_ == 0) return out;
  std::vector<uint32_t> payloads;
  // Leftmost-longest over the tokens, whichever way a token's labels are
  // read: `starts_at(i)` says whether a phrase may start at token i (most
  // tokens: no), `labels` is Longest's accessor.
  auto scan = [&](auto skip, auto starts_at, auto labels) {
    size_t i = 0;
    while (i < n) {
      i = skip(i);  // past tokens known to start no phrase
      if (i >= n) break;
      if (!starts_at(i)) {
        ++i;
        continue;
      }
      const size_t end = Longest(tokens, labels, i, &payloads);
      if (end == i) {
        ++i;
        continue;
      }
      for (uint32_t p : payloads) out.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end), p});
      i = end;
    }
  };
  WordCache& cache = ThreadWordCache();
  const bool memo = serial_ != 0 && stems.cache_epoch_ == cache.epoch && stems.words_.size() == tokens.size();
  if (const int col = memo ? cache.Column(serial_) : -1; col >= 0) {
    // The common case: every word's labels are in (or go into) this
    // matcher's memo column, read where a phrase may start or continue; no
    // per-token arrays are written (AllLabels over every token cost about
    // as much as the matching, five matchers per document).
    const uint32_t* words = stems.words_.data();
    // The cache does not change during FindAll (only StemTokens adds words):
    // its table's address is read once, not through the thread-local each time.
    WordCache::Word* const table = cache.words.data();
    uint8_t* const starts = cache.starts.data() + col;
    auto starts_phrase = [this](uint32_t l0, uint32_t l1) -> bool { return Child(0, l0) != 0 || Child(0, l1) != 0; };
    auto memo_of = [&](uint32_t w, size_t j) -> const uint32_t* {
      uint32_t* m = table[w].labels + 3 * col;
      if (m[0] == kUnknownLabel) {
        Labels(tokens, stems, j, m, m + 1);
        m[2] = starts_phrase(m[0], m[1]);
      }
      return m;
    };
    auto labels_at = [&](size_t j, uint32_t* l) {
      if (const uint32_t w = words[j]; w != kNoWord) {
        const uint32_t* m = memo_of(w, j);
        l[0] = m[0];
        l[1] = m[1];
      } else {
        Labels(tokens, stems, j, l, l + 1);
      }
    };
    // The tight loop over most tokens: a word already known to start no
    // phrase of this matcher is passed over with two loads, its locals in
    // registers (starts_at, which captures the whole frame, kept them in memory).
    auto skip = [words, starts, n](size_t j) {
      for (; j < n; ++j) {
        const uint32_t w = words[j];
        if (w == kNoWord || starts[size_t{w} * WordCache::kColumns] != 1) break;
      }
      return j;
    };
    scan(
        skip,
        [&](size_t j) {
          if (const uint32_t w = words[j]; w != kNoWord) {
            uint8_t& known = starts[size_t{w} * WordCache::kColumns];
            if (known == 0) known = memo_of(w, j)[2] != 0 ? 2 : 1;
            return known == 2;
          }
          if (!IsKeyToken(tokens[j])) return false;  // punctuation: Labels would give no label
          uint32_t l[2];
          Labels(tokens, stems, j, l, l + 1);
          return starts_phrase(l[0], l[1]);
        },
        labels_at);
    return out;
  }
  // Scratch kept per thread: every slot below 2 * n (n for starts) is written
  // by AllLabels, so it is never cleared (zeroing it per call cost more than
  // the matching).
  thread_local std::vector<uint32_t> labels;
  thread_local std::vector<uint8_t> starts;
  if (labels.size() < 2 * n) labels.resize(2 * n);
  if (starts.size() < n) starts.resize(n);
  AllLabels(tokens, stems, 0, n, labels, starts);
  scan([](size_t j) { return j; }, [&](size_t j) { return starts[j] != 0; }, ArrayLabels{labels.data()});
  return out;
}

TokenStems StemTokens(const std::vector<Token>& tokens) {
  WordCache& cache = ThreadWordCache();
  if (cache.columns_full || cache.words.size() + tokens.size() > CacheLimit(WordCache::kMaxWords, 1024)) cache.Reset();
  TokenStems out;
  out.cache_epoch_ = cache.epoch;
  // Sized once and written through pointers: four push_backs per token
  // (a capacity test each) were a tenth of this loop.
  const size_t n = tokens.size();
  out.ends_.resize(n);
  out.stem_keys_.resize(n);
  out.fold_keys_.resize(n);
  out.words_.resize(n);
  uint32_t* const ends = out.ends_.data();
  uint32_t* const stem_keys = out.stem_keys_.data();
  uint32_t* const fold_keys = out.fold_keys_.data();
  uint32_t* const words = out.words_.data();
  size_t bytes = 0;
  for (const Token& t : tokens) bytes += t.fold.size();
  out.text_.reserve(bytes);
  for (size_t i = 0; i < n; ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::kWord) {
      const uint32_t id = cache.Intern(t.fold);
      const WordCache::Word& w = cache.words[id];
      out.text_.append(w.stem);
      fold_keys[i] = w.fold_key;
      stem_keys[i] = w.stem_key;
      words[i] = id;
    } else {
      const uint32_t fold_key = KeyFilter::Key(t.fold);
      fold_keys[i] = fold_key;
      out.text_.append(t.fold);
      stem_keys[i] = fold_key;
      words[i] = kNoWord;
    }
    ends[i] = static_cast<uint32_t>(out.text_.size());
  }
  return out;
}

}  // namespace oborot::lang
