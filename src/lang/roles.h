// Official roles («губернатор», «с главой Татарстана», «премьер-министром») in
// any case, from data/lexicons/roles.tsv.
//
//   auto roles = oborot::lang::RoleFinder::Load();  // once; share the pointer
//   if (!roles.ok()) return roles.status();
//   for (const auto& r : (*roles)->Find(text, oborot::segment::Tokenize(text)))
//     Use(r.role_id, r.role, r.gram_case);  // "governor", "губернатор", kIns
//
// The lexicon lists each role phrase in the nominative; Load() declines its
// head noun and the adjectives before it into every case (words after the
// head, such as «облисполкома» in «председатель облисполкома», stay as
// written), and the plural of the head and adjectives («губернаторы»,
// «дагестанских вице-премьеров»; RoleMention::plural). The span ends before the place the role belongs to («губернатор
// | Калужской области», «мэр | Москвы»): attaching the party is the fact
// layer's job. The longest phrase wins; phrases with role_id "-" block a role
// word that names no person («администрация президента»).
//
// Errors: Load() returns kNotFound / kCorrupt for a missing or malformed
// lexicon. Mentions own their strings; offsets index the `text` given to Find().
// A loaded RoleFinder is immutable and thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/status.h"
#include "src/base/key_filter.h"
#include "src/base/string_map.h"
#include "src/lang/names.h"
#include "src/lang/phrase_matcher.h"
#include "src/segment/tokens.h"

namespace oborot::lang {

struct RoleMention {
  uint32_t start = 0, end = 0;  // byte span of the role phrase
  std::string role;  // nominative normalised: "губернатор", "председатель облисполкома"
  std::string role_id;  // stable id: president, governor, mayor, oblast_chair, minister, ...
  GramCase gram_case = GramCase::kUnknown;
  bool plural = false;  // «вице-премьеров двух стран», «губернаторы»
};

class RoleFinder {
 public:
  static Result<std::shared_ptr<const RoleFinder>> Load();
  // `tokens` come from segment::Tokenize over `text` (or a part of it with the
  // part's offset as base). Mentions are sorted and do not overlap.
  std::vector<RoleMention> Find(std::string_view text, const std::vector<segment::Token>& tokens) const;
  // The same with the tokens' StemTokens, whose fold keys spare hashing each token.
  std::vector<RoleMention> Find(std::string_view text, const std::vector<segment::Token>& tokens,
                                const TokenStems& stems) const;

  size_t phrase_count() const { return entries_.size(); }

 private:
  RoleFinder() = default;
  // `stems` may be null: then each token's key is computed here.
  std::vector<RoleMention> FindImpl(const std::vector<segment::Token>& tokens, const TokenStems* stems) const;
  struct Entry {
    std::string role_id, role;
  };
  struct Variant {
    std::vector<std::string> folds;  // token folds, punctuation included
    uint32_t entry = 0;
    CaseMask cases = 0;
    bool plural = false;
  };
  std::vector<Entry> entries_;
  StringMap<std::vector<Variant>> by_first_;  // first token fold -> variants
  KeyFilter first_filter_;  // by_first_'s keys: rejects most tokens without hashing
};

}  // namespace oborot::lang
