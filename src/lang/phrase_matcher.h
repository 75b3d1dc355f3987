// PhraseMatcher: an immutable multi-pattern matcher over word tokens.
//
//   oborot::lang::PhraseMatcher m;
//   m.Add("Воронежская область", 1);
//   m.Add("РФ", 2, PhraseMatcher::kExactForm);
//   m.Add("Орёл", 3, PhraseMatcher::kCapitalized);
//   m.Build();
//   auto tokens = oborot::segment::Tokenize(text);
//   auto stems = oborot::lang::StemTokens(tokens);  // once per text, shared by all matchers
//   for (const auto& hit : m.FindAll(tokens, stems)) Use(hit.first_token, hit.end_token, hit.payload);
//
// The matcher is a trie keyed by each word's Snowball stem (Stem(FoldCase(w))),
// so every case form of a phrase matches: "Воронежской области" and
// "Воронежскую область" both hit the phrase above. Punctuation tokens are not
// part of a phrase: they are dropped from the phrase when it is added and
// skipped in the text while a phrase is being followed, so "Кабардино-Балкария"
// == "Кабардино Балкария" and «Ханты-Мансийский АО — Югра» tolerates any dash.
// A phrase never continues across a line break (a token with newline_before),
// and a match always starts and ends on a word or number token.
//
// Flags: kExactForm compares folded words instead of stems (short or
// ambiguous forms: РФ, США; oblique forms Snowball over-stems); kCapitalized
// requires the first word of the match to start upper case in the text
// (all-caps "МИНСК" counts), so "Орёл" the city does not match "орёл" the bird.
//
// Errors: none; Add() ignores a phrase without word or number tokens.
// Lifetimes: FindAll() returns values; nothing refers into the arguments.
// Thread safety: Add()/Build() are single-threaded; after Build() every const
// member may be called concurrently.
// Hand-rolled (no library offers a token-level trie over stems): interned
// stem ids, a direct-indexed root and sorted CSR edge lists keep the hot loop
// to two hash lookups per token and no allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/base/key_filter.h"
#include "src/base/string_map.h"
#include "src/segment/tokens.h"

namespace oborot::lang {

// The stems of a text's tokens (words: Stem(fold); numbers and punctuation:
// their fold), made once per text by StemTokens and shared by every matcher,
// with each stem's and fold's KeyFilter key so that matchers need not hash
// them again. The stems sit end to end in one buffer (no string per token);
// the views operator[] returns live as long as the TokenStems.
//
// Each word token also names its entry in the calling thread's word cache
// (one entry per distinct word form), where every matcher memoises the labels
// it found for that form: a word is looked up once per matcher and thread,
// not once per occurrence. The cache is an optimisation only: a TokenStems
// used on another thread, or after the cache was emptied, is matched by
// looking every word up again, with the same result.
class TokenStems {
 public:
  size_t size() const { return stem_keys_.size(); }
  bool empty() const { return stem_keys_.empty(); }
  std::string_view operator[](size_t i) const {
    return std::string_view(text_).substr(ends_[i] - Length(i), Length(i));
  }
  uint32_t stem_key(size_t i) const { return stem_keys_[i]; }
  uint32_t fold_key(size_t i) const { return fold_keys_[i]; }
  // Every token's fold key (KeyFilter::Key of its fold), in token order.
  std::span<const uint32_t> fold_keys() const { return fold_keys_; }

 private:
  friend TokenStems StemTokens(const std::vector<segment::Token>& tokens);
  friend class PhraseMatcher;
  uint32_t Length(size_t i) const { return ends_[i] - (i == 0 ? 0 : ends_[i - 1]); }
  std::string text_;            // every stem, end to end
  std::vector<uint32_t> ends_;  // end of stem i in text_
  std::vector<uint32_t> stem_keys_;
  std::vector<uint32_t> fold_keys_;
  std::vector<uint32_t> words_;  // word cache entry of token i (kNoWord: none)
  uint64_t cache_epoch_ = 0;     // the word cache generation words_ refers to
};

// Stems of every token, computed once per text and shared by every matcher.
TokenStems StemTokens(const std::vector<segment::Token>& tokens);

class PhraseMatcher {
 public:
  enum Flags : uint32_t {
    kNone = 0,
    kCapitalized = 1,  // first word must start upper case in the text
    kExactForm = 2,    // compare folded words, not stems (short/ambiguous forms)
  };

  // Adds a phrase (any text; it is tokenised, folded and stemmed here). The
  // same phrase may be added with several payloads; adding the same
  // (phrase, payload, flags) twice is harmless. Must precede Build().
  // Returns false (and adds nothing) when the phrase has no words.
  bool Add(std::string_view phrase, uint32_t payload, uint32_t flags = kNone);
  // After the last Add; the matcher is then immutable and thread-safe.
  void Build();

  // Tokens [first_token, end_token) of the text matched a phrase with payload.
  struct Match {
    uint32_t first_token;
    uint32_t end_token;
    uint32_t payload;
    bool operator==(const Match&) const = default;
  };

  // Leftmost-longest, non-overlapping matches over tokens from
  // segment::Tokenize, with `stems` from StemTokens(tokens) (same size).
  // When one span carries several payloads (one surface form shared by two
  // entries, or an exact and a stemmed phrase on the same words), FindAll
  // returns one Match per payload, consecutive, payloads ascending and unique.
  // Matches are ordered by first_token.
  std::vector<Match> FindAll(const std::vector<segment::Token>& tokens, const TokenStems& stems) const;

  // The longest match starting at token i: returns its end token (> i) and
  // sets *payloads to all its payloads (ascending, unique); returns i and
  // clears *payloads when no phrase starts there.
  size_t LongestAt(const std::vector<segment::Token>& tokens, const TokenStems& stems, size_t i,
                   std::vector<uint32_t>* payloads) const;

  // Number of distinct (phrase, payload, flags) entries added.
  size_t size() const { return entry_count_; }
  bool built() const { return built_; }

  // The key sequence a phrase is stored under (stems, or folds with
  // kExactForm), punctuation dropped. For tests and diagnostics.
  static std::vector<std::string> PhraseKeys(std::string_view phrase, uint32_t flags);

 private:
  static constexpr uint32_t kNoLabel = UINT32_MAX;
  struct Pending {
    std::vector<std::string> keys;
    uint32_t payload;
    uint32_t flags;
  };
  struct Edge {
    uint32_t label;
    uint32_t child;
  };
  struct Terminal {
    uint32_t payload;
    uint32_t flags;
  };
  using IdMap = StringMap<uint32_t>;

  // Labels of tokens [first, end), two per token (stem, exact), and whether
  // a phrase can start at each (the root has an edge for one of its labels),
  // from the thread's word cache where it can, else by Labels().
  void AllLabels(const std::vector<segment::Token>& tokens, const TokenStems& stems, size_t first,
                 size_t end, std::vector<uint32_t>& labels, std::vector<uint8_t>& starts) const;
  // Labels of token i: stem label and exact label (kNoLabel when unknown).
  void Labels(const std::vector<segment::Token>& tokens, const TokenStems& stems, size_t i,
              uint32_t* stem_label, uint32_t* exact_label) const;
  uint32_t Child(uint32_t node, uint32_t label) const;
  // Core of LongestAt and FindAll: labels_at(j, l) writes token j's two
  // labels to l[0], l[1] (from an array made by AllLabels, or from the word
  // cache's memo as FindAll follows a phrase). Defined in the .cc file.
  template <typename LabelsAt>
  size_t Longest(const std::vector<segment::Token>& tokens, const LabelsAt& labels_at, size_t i,
                 std::vector<uint32_t>* payloads) const;

  std::vector<Pending> pending_;
  bool built_ = false;
  // Names this matcher's content in the word caches' memo; given by Build(),
  // unique in the process and never reused (a copy shares it: same content).
  uint32_t serial_ = 0;
  size_t entry_count_ = 0;
  IdMap stem_ids_;   // stem -> id; label = 2 * id
  IdMap exact_ids_;  // fold -> id; label = 2 * id + 1
  KeyFilter stem_filter_;   // rejects most stems not in stem_ids_ without hashing
  KeyFilter exact_filter_;  // the same for exact_ids_
  uint32_t label_count_ = 0;
  std::vector<uint32_t> root_child_;  // label -> child node of the root (0 = none)
  std::vector<uint32_t> edge_begin_;  // node -> first edge (CSR; size nodes + 1)
  std::vector<Edge> edges_;           // sorted by label within a node
  std::vector<uint32_t> term_begin_;  // node -> first terminal (size nodes + 1)
  std::vector<Terminal> terms_;
};

}  // namespace oborot::lang
