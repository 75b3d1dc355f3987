// Internal to src/expr: the word lists of the expression parsers, loaded once
// from data/lexicons/{numerals,currencies,qualifiers,months,change_verbs}.tsv,
// and the token cursor the parsers share.
//
//   const expr::Lexicons& lex = expr::GetLexicons();
//   expr::Scan scan(text, base);
//   if (auto m = lex.currencies.Match(scan, i)) Use(m->entry->a, m->end);
//
// Errors: a missing or malformed data file leaves its tables empty (the
// parsers then find nothing of that kind); LexiconStatus() reports it.
// Lifetimes: GetLexicons() returns a process-wide immutable object, built on
// first use (thread-safe) from the data files current at that moment.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "oborot/status.h"
#include "src/base/key_filter.h"
#include "src/base/string_map.h"
#include "src/segment/tokens.h"

namespace oborot::expr {

// The kind of a lexicon row (its third column), read once when the lexicons
// are loaded so that the parsers compare a byte rather than a string.
enum class LexKind : uint8_t {
  kAny,    // as a filter: rows of every kind
  kOther,  // a row whose kind no parser asks for
  // numerals.tsv
  kUnit, kTeen, kTens, kHundreds, kScale, kScalePl, kScaleAbbr, kHalf, kHalfPrefix, kAndHalf, kFraction, kFractionAdv,
  kTimesAdv, kOrdinal, kOrdinalSuffix, kRoman, kMeasure, kNotUnit, kAdjectiveEnding, kPluralSuffix, kGenitiveEnding,
  kGluedPrep,
  // currencies.tsv
  kAdj, kWord, kWordAmbiguous, kWordThousand, kSign, kSuffix, kMinor,
  // qualifiers.tsv (the position column)
  kBefore, kAfter,
  // months.tsv
  kMonth, kMonthAbbr, kRelative, kRelativeDay, kRelativeDayEve, kEveVerbEnding, kWeekday, kPeriodNoun, kYearNoun, kYearPrep, kWeekNoun, kSummary,
  kHorizon,
  // change_verbs.tsv
  kVerb, kNoun, kBase, kComparative, kExclude, kIndexWord, kPossessive,
  kCount,  // the number of kinds (not a kind)
};

// The LexKind written `name` in a data file ("scale_abbr": kScaleAbbr), or
// kOther for any other name (the empty one included).
LexKind LexKindFromName(std::string_view name);

// A lexicon row as the list of its first token holds it: enough to skip a row
// of another kind, or to match a one-token row, without reading the row.
struct FormRef {
  uint32_t entry = 0;   // index of the row in its PhraseTable
  LexKind kind = LexKind::kOther;
  uint32_t tokens = 0;  // tokens in the form
};

// What a lexicon knows about a token that starts forms: which tables
// (bits) and, per table slot (the bit's index), its entries. Filled once
// when the lexicons are built; a Scan points at it per token, so a table
// match needs no hash lookup.
struct FirstToken {
  static constexpr size_t kTables = 5;
  // Bits above the tables' (1 to 16): what a numerals.tsv form starting with
  // the token may begin (tested before calling the parsers that need it).
  // A number in words: unit, teen, tens, hundreds, scale, half, half_prefix
  // (the only kinds ParseNumberAt can start with).
  static constexpr uint8_t kCardinal = 32;
  // A change without a number: fraction, times_adv, fraction_adv.
  static constexpr uint8_t kChangeWord = 64;
  // An ordinal of a period: ordinal, roman («первом квартале», «II квартале»).
  static constexpr uint8_t kOrdinal = 128;
  uint8_t bits = 0;
  // bit k set when some form of any table starting with the token has the
  // LexKind k: a filtered match of any other kind fails without reading a list
  uint64_t kinds = 0;
  std::span<const FormRef> lists[kTables];
  static_assert(static_cast<size_t>(LexKind::kCount) <= 64);
  bool HasKind(LexKind k) const { return (kinds >> static_cast<unsigned>(k)) & 1; }
};

// The FirstToken of a folded token, found by the token's KeyFilter::Key
// (which the language layer computes once per token) instead of hashing the
// fold again. Hand-rolled (open addressing with linear probing over the
// keys, a power-of-two table at most half full): std::unordered_map would
// hash every fold once more; this probes a 32 KiB array, usually once, and
// compares the fold with one form. The forms and their FirstTokens are
// copied into dense arrays: a lookup reads three compact arrays rather than
// a hash node scattered on the heap (the cache misses were most of its cost).
class FirstTokenIndex {
 public:
  // Indexes a copy of every entry of `forms`.
  void Build(const std::unordered_map<std::string, FirstToken>& forms);
  // The entry of `fold`, whose KeyFilter::Key is `key`, or nullptr.
  const FirstToken* Find(uint32_t key, std::string_view fold) const {
    if (slots_.empty()) return nullptr;
    const size_t mask = slots_.size() - 1;
    for (size_t at = key & mask;; at = (at + 1) & mask) {
      const Slot& slot = slots_[at];
      if (slot.entry == 0) return nullptr;
      if (slot.key != key) continue;
      const Form& form = forms_[slot.entry - 1];
      if (std::string_view(text_.data() + form.offset, form.size) == fold) return &firsts_[slot.entry - 1];
    }
  }

 private:
  struct Slot {
    uint32_t key = 0;    // KeyFilter::Key of the form
    uint32_t entry = 0;  // index in forms_ and firsts_ plus one; 0: empty
  };
  struct Form {
    uint32_t offset = 0;  // of the form in text_
    uint32_t size = 0;
  };
  std::vector<Slot> slots_;
  std::vector<Form> forms_;
  std::vector<FirstToken> firsts_;
  std::string text_;  // every form, end to end
};

struct Lexicons;
const Lexicons& GetLexicons();

// A number found at a token position of a Scan (see ParseNumberAt in numbers.h).
struct NumberParse {
  double value = 0;
  size_t first = 0, end = 0;  // token range [first, end)
  bool has_scale = false, words = false, ordinal = false, scale_only = false;
  bool digits = false;   // starts with digits
  bool decimal = false;  // has a decimal fraction
  int digit_count = 0;   // digits of the integer part as written (4 for «2023»)
  bool more = false;     // «300 с лишним миллиардов»: a «more than» between the number and its scale
  bool scale_adjective = false;  // «2-миллиардного показателя»: the noun after it is no counted noun
};

// The per-token arrays a Scan fills. A caller that scans many sentences
// (FindExpressions) hands the same buffers to each Scan so that they are
// allocated once; only one Scan may use a set at a time.
struct ScanBuffers {
  std::vector<uint8_t> mask;
  std::vector<const FirstToken*> first;
  std::vector<uint32_t> next_number;
  // ParseNumberAt's results, which every parser asks for at the same tokens:
  // per token two slots (without, with scale words), each an index in
  // `numbers` plus one, or 0 when not parsed yet
  std::vector<uint32_t> number_slots;
  std::vector<std::optional<NumberParse>> numbers;
};

// A text tokenised once, with the helpers every parser uses. The second
// constructor borrows tokens the caller made with Tokenize(text, base) (or a
// sentence's slice of a whole document's tokens); they must outlive the Scan.
// The third also takes each token's KeyFilter::Key(fold) (as
// lang::TokenStems::fold_key holds them: one per token, or empty to compute
// them here) and the buffers to fill, which must outlive the Scan.
struct Scan {
  Scan(std::string_view t, uint32_t b);
  Scan(std::string_view t, uint32_t b, std::span<const segment::Token> tokens);
  Scan(std::string_view t, uint32_t b, std::span<const segment::Token> tokens, std::span<const uint32_t> fold_keys,
       ScanBuffers& buffers);
  Scan(const Scan&) = delete;
  Scan& operator=(const Scan&) = delete;

 private:
  void Index(std::span<const uint32_t> fold_keys, ScanBuffers& buf);
  segment::Tokens owned_;
  ScanBuffers owned_buffers_;
  ScanBuffers* buffers_ = nullptr;  // owned_buffers_ or the caller's

 public:
  const Lexicons& lex;    // GetLexicons(), looked up once per Scan
  std::string_view text;  // the text given to Find*
  uint32_t base;          // added to offsets
  std::span<const segment::Token> toks;
  // per token: bit t set when lexicon table t has a form starting with it
  // (one hash lookup per token instead of one per table and probe), and the
  // FirstToken::kCardinal, kChangeWord and kOrdinal bits
  std::span<const uint8_t> mask;
  // per token: its FirstToken entry, or nullptr (mask 0)
  std::span<const FirstToken* const> first;
  // some token is a number or has the bit kCardinal or kChangeWord: without
  // one, no amount, quantity or change can be read (each needs a number from
  // ParseNumberAt, or a fraction or multiple in words)
  bool any_number = false;
  // per token i: the first such token at or after i (size() when none);
  // size() + 1 entries
  std::span<const uint32_t> next_number;

  // Where a parser's scan may resume: an expression that starts at token i
  // needs a number or numeral within `lead` tokens of i, so the scan jumps to
  // `lead` tokens before the next one (size() when there is none).
  size_t SkipToNumber(size_t i, size_t lead) const {
    if (!any_number || i >= toks.size()) return toks.size();
    const size_t j = next_number[i];
    if (j >= toks.size()) return toks.size();
    return j > i + lead ? j - lead : i;
  }

  // ParseNumberAt's memo: the slot of token i (see ScanBuffers::number_slots)
  // and the results it indexes. Writable through a const Scan: a memo changes
  // no result.
  uint32_t& NumberSlot(size_t i, bool allow_scale) const { return buffers_->number_slots[2 * i + allow_scale]; }
  std::vector<std::optional<NumberParse>>& ParsedNumbers() const { return buffers_->numbers; }

  size_t size() const { return toks.size(); }
  bool IsNumber(size_t i) const { return i < toks.size() && toks[i].kind == segment::TokenKind::kNumber; }
  bool IsWord(size_t i) const { return i < toks.size() && toks[i].kind == segment::TokenKind::kWord; }
  bool IsPunct(size_t i, std::string_view p) const {
    return i < toks.size() && toks[i].kind == segment::TokenKind::kPunct && toks[i].fold == p;
  }
  bool Is(size_t i, std::string_view fold) const { return i < toks.size() && toks[i].fold == fold; }
  // True when token i is a dash, hyphen or minus sign.
  bool IsDash(size_t i) const;
  // No whitespace between tokens i-1 and i.
  bool Touches(size_t i) const { return i > 0 && i < toks.size() && !toks[i].space_before; }
  // Token i is . ! ? ; : or …
  bool IsClausePunct(size_t i) const;
  // A clause boundary at token i: clause punctuation, a line break before it, or the end.
  bool ClauseEnd(size_t i) const { return i >= toks.size() || toks[i].newline_before || IsClausePunct(i); }
};

// One row of a lexicon: the surface form as folded tokens and the other columns.
struct LexEntry {
  std::vector<std::string> toks;
  std::string a;   // second column (value / iso / kind / direction)
  std::string b;   // third column
  LexKind kind = LexKind::kOther;  // LexKindFromName(b)
  std::string c;   // fourth column
  double num = 0;  // second column as a number when it is one
};

// Longest-match table of multi-token forms keyed by folded first token.
class PhraseTable {
 public:
  struct Hit {
    const LexEntry* entry;
    size_t end;  // token index after the match
  };
  explicit PhraseTable(uint8_t bit = 0) : bit_(bit) {}
  void Add(LexEntry e);
  uint8_t bit() const { return bit_; }
  // The entries whose first token is `first` (longest first; empty when none).
  // Valid while no entry is added.
  std::span<const FormRef> List(std::string_view first) const {
    auto it = index_.find(first);
    return it == index_.end() ? std::span<const FormRef>() : it->second;
  }
  const LexEntry& entry(size_t idx) const { return entries_[idx]; }
  // Calls f(first_token) for every distinct first token.
  template <typename F>
  void ForEachFirst(F f) const {
    for (const auto& [k, v] : index_) f(k);
  }
  // Longest entry matching at token i, or nullopt. `filter` (optional) is
  // compared with the entry's kind unless it is kAny.
  std::optional<Hit> Match(const Scan& s, size_t i, LexKind filter = LexKind::kAny) const {
    if (i >= s.size() || !(s.mask[i] & bit_)) return std::nullopt;  // most tokens: no call
    if (filter != LexKind::kAny && !s.first[i]->HasKind(filter)) return std::nullopt;
    return MatchListed(s, i, filter);
  }
  // Single-token exact lookup (first matching row).
  const LexEntry* Find(std::string_view fold, LexKind filter = LexKind::kAny) const;
  bool empty() const { return index_.empty(); }
  // Tokens in the longest entry.
  size_t max_tokens() const { return max_tokens_; }

 private:
  std::optional<Hit> MatchListed(const Scan& s, size_t i, LexKind filter) const;
  uint8_t bit_;
  size_t max_tokens_ = 0;
  std::vector<LexEntry> entries_;
  StringMap<std::vector<FormRef>> index_;  // first token -> entries, longest first
};

struct Lexicons {
  PhraseTable numerals{1};       // numerals.tsv: form value kind lemma (filter on kind)
  PhraseTable currencies{2};     // currencies.tsv: form iso kind (filter on kind)
  PhraseTable qualifiers{4};     // qualifiers.tsv: form kind position (filter on position)
  PhraseTable months{8};         // months.tsv: form value kind (filter on kind)
  PhraseTable change_exact{16};  // change_verbs.tsv rows matched by exact form (comparative, base, exclude)
  std::unordered_map<std::string, FirstToken> first_tokens;  // union of the tables' first tokens
  KeyFilter first_filter;  // the keys of first_tokens: rejects most tokens before the lookup
  FirstTokenIndex first_index;  // first_tokens by key
  // change_verbs.tsv verb/noun rows by Snowball stem: stem -> direction (+1/-1).
  std::unordered_map<std::string, int> change_stems;
  std::unordered_map<std::string, bool> change_stem_is_noun;
  Status status;
};

// Ok, or the first error met while loading the expression lexicons.
Status LexiconStatus();

// The direction of a change word at token i: +1 up, -1 down, 0 none.
// `noun` tells whether it is a noun («рост») rather than a verb.
int ChangeWordAt(const Scan& s, size_t i, bool* noun = nullptr);

}  // namespace oborot::expr
