#include "src/expr/lexicon.h"

#include <algorithm>
#include <cstring>
#include <bit>
#include <charconv>

#include "src/base/data.h"
#include "src/base/key_filter.h"
#include "src/base/utf8.h"
#include "src/lang/stemmer.h"

namespace oborot::expr {

Scan::Scan(std::string_view t, uint32_t b)
    : owned_(segment::Tokenize(t, b)), lex(GetLexicons()), text(t), base(b), toks(owned_) {
  Index({}, owned_buffers_);
}

Scan::Scan(std::string_view t, uint32_t b, std::span<const segment::Token> tokens)
    : lex(GetLexicons()), text(t), base(b), toks(tokens) {
  Index({}, owned_buffers_);
}

Scan::Scan(std::string_view t, uint32_t b, std::span<const segment::Token> tokens,
           std::span<const uint32_t> fold_keys, ScanBuffers& buffers)
    : lex(GetLexicons()), text(t), base(b), toks(tokens) {
  Index(fold_keys, buffers);
}

// One pass from the end: each token's lexicon entry (most tokens start no
// form, and the KeyFilter rejects them before the hash lookup) and the next
// number or numeral at or after it.
void Scan::Index(std::span<const uint32_t> fold_keys, ScanBuffers& buf) {
  const size_t n = toks.size();
  const bool have_keys = fold_keys.size() == n;
  constexpr uint8_t kNumberish = FirstToken::kCardinal | FirstToken::kChangeWord;
  buf.mask.resize(n);
  buf.first.resize(n);
  buf.next_number.resize(n + 1);
  buf.number_slots.assign(2 * n, 0);
  buf.numbers.clear();
  buffers_ = &buf;
  uint32_t next = static_cast<uint32_t>(n);
  buf.next_number[n] = next;
  for (size_t i = n; i-- > 0;) {
    const segment::Token& t = toks[i];
    const uint32_t key = have_keys ? fold_keys[i] : KeyFilter::Key(t.fold);
    uint8_t bits = 0;
    const FirstToken* f = nullptr;
    if (lex.first_filter.MayContainKey(key)) {
      f = lex.first_index.Find(key, t.fold);
      if (f) bits = f->bits;
    }
    buf.mask[i] = bits;
    buf.first[i] = f;
    if (t.kind == segment::TokenKind::kNumber || (bits & kNumberish)) next = static_cast<uint32_t>(i);
    buf.next_number[i] = next;
  }
  any_number = next < n;
  mask = buf.mask;
  first = buf.first;
  next_number = buf.next_number;
}

void FirstTokenIndex::Build(const std::unordered_map<std::string, FirstToken>& forms) {
  forms_.clear();
  firsts_.clear();
  text_.clear();
  size_t size = 16;
  while (size < 2 * forms.size()) size *= 2;
  slots_.assign(size, Slot{});
  for (const auto& [form, first] : forms) {
    forms_.push_back(Form{static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(form.size())});
    firsts_.push_back(first);
    text_ += form;
    const uint32_t key = KeyFilter::Key(form);
    size_t at = key & (size - 1);
    while (slots_[at].entry != 0) at = (at + 1) & (size - 1);
    slots_[at] = Slot{key, static_cast<uint32_t>(forms_.size())};
  }
}

bool Scan::IsDash(size_t i) const {
  if (i >= toks.size() || toks[i].kind != segment::TokenKind::kPunct) return false;
  size_t k = 0;
  return oborot::IsDash(NextCodePoint(toks[i].fold, k));
}

bool Scan::IsClausePunct(size_t i) const {
  if (i >= toks.size()) return false;
  const auto& t = toks[i];
  if (t.kind != segment::TokenKind::kPunct) return false;
  return t.fold == "." || t.fold == "!" || t.fold == "?" || t.fold == ";" || t.fold == ":" || t.fold == "…";
}

void PhraseTable::Add(LexEntry e) {
  if (e.toks.empty()) return;
  max_tokens_ = std::max(max_tokens_, e.toks.size());
  const FormRef ref{static_cast<uint32_t>(entries_.size()), e.kind, static_cast<uint32_t>(e.toks.size())};
  auto& list = index_[e.toks.front()];
  entries_.push_back(std::move(e));
  list.push_back(ref);
  // longest forms first so Match() can stop at the first hit
  std::stable_sort(list.begin(), list.end(), [](const FormRef& x, const FormRef& y) { return x.tokens > y.tokens; });
}

std::optional<PhraseTable::Hit> PhraseTable::MatchListed(const Scan& s, size_t i, LexKind filter) const {
  for (const FormRef& ref : s.first[i]->lists[std::countr_zero(bit_)]) {
    if (filter != LexKind::kAny && ref.kind != filter) continue;
    const size_t end = i + ref.tokens;
    if (end > s.size()) continue;
    const LexEntry& e = entries_[ref.entry];
    bool ok = true;
    for (size_t k = 1; k < ref.tokens && ok; ++k) {
      const auto& t = s.toks[i + k];
      ok = t.fold == e.toks[k] && !t.newline_before;
    }
    if (ok) return Hit{&e, end};
  }
  return std::nullopt;
}

const LexEntry* PhraseTable::Find(std::string_view fold, LexKind filter) const {
  auto it = index_.find(fold);
  if (it == index_.end()) return nullptr;
  for (const FormRef& ref : it->second) {
    if (ref.tokens == 1 && (filter == LexKind::kAny || ref.kind == filter)) return &entries_[ref.entry];
  }
  return nullptr;
}

LexKind LexKindFromName(std::string_view name) {
  static constexpr std::pair<std::string_view, LexKind> kNames[] = {
      {"unit", LexKind::kUnit},
      {"teen", LexKind::kTeen},
      {"tens", LexKind::kTens},
      {"hundreds", LexKind::kHundreds},
      {"scale", LexKind::kScale},
      {"scale_pl", LexKind::kScalePl},
      {"scale_abbr", LexKind::kScaleAbbr},
      {"half", LexKind::kHalf},
      {"half_prefix", LexKind::kHalfPrefix},
      {"and_half", LexKind::kAndHalf},
      {"fraction", LexKind::kFraction},
      {"fraction_adv", LexKind::kFractionAdv},
      {"times_adv", LexKind::kTimesAdv},
      {"ordinal", LexKind::kOrdinal},
      {"ordinal_suffix", LexKind::kOrdinalSuffix},
      {"roman", LexKind::kRoman},
      {"measure", LexKind::kMeasure},
      {"not_unit", LexKind::kNotUnit},
      {"adjective_ending", LexKind::kAdjectiveEnding},
      {"plural_suffix", LexKind::kPluralSuffix},
      {"genitive_ending", LexKind::kGenitiveEnding},
      {"glued_prep", LexKind::kGluedPrep},
      {"adj", LexKind::kAdj},
      {"word", LexKind::kWord},
      {"word_ambiguous", LexKind::kWordAmbiguous},
      {"word_thousand", LexKind::kWordThousand},
      {"minor", LexKind::kMinor},
      {"sign", LexKind::kSign},
      {"suffix", LexKind::kSuffix},
      {"before", LexKind::kBefore},
      {"after", LexKind::kAfter},
      {"month", LexKind::kMonth},
      {"month_abbr", LexKind::kMonthAbbr},
      {"relative", LexKind::kRelative},
      {"relative_day", LexKind::kRelativeDay},
      {"relative_day_eve", LexKind::kRelativeDayEve},
      {"eve_verb_ending", LexKind::kEveVerbEnding},
      {"weekday", LexKind::kWeekday},
      {"period_noun", LexKind::kPeriodNoun},
      {"year_noun", LexKind::kYearNoun},
      {"year_prep", LexKind::kYearPrep},
      {"week_noun", LexKind::kWeekNoun},
      {"summary", LexKind::kSummary},
      {"horizon", LexKind::kHorizon},
      {"verb", LexKind::kVerb},
      {"noun", LexKind::kNoun},
      {"base", LexKind::kBase},
      {"comparative", LexKind::kComparative},
      {"exclude", LexKind::kExclude},
      {"index", LexKind::kIndexWord},
      {"possessive", LexKind::kPossessive},
  };
  for (const auto& [n, kind] : kNames)
    if (n == name) return kind;
  return LexKind::kOther;
}

namespace {

// Reads one lexicon into `table` (and hands every row to `each`).
template <typename Each>
void Load(std::string_view path, PhraseTable* table, Status* status, Each each) {
  auto text = data::Read(path);
  if (!text.ok()) {
    if (status->ok()) *status = text.status();
    return;
  }
  auto rows = data::ParseTsv(path, *text, 2);
  if (!rows.ok()) {
    if (status->ok()) *status = rows.status();
    return;
  }
  for (auto& row : *rows) {
    LexEntry e;
    for (const auto& t : segment::Tokenize(row.cols[0])) e.toks.emplace_back(t.fold);
    e.a = row.cols[1];
    if (row.cols.size() > 2) e.b = row.cols[2];
    e.kind = LexKindFromName(e.b);
    if (row.cols.size() > 3) e.c = row.cols[3] == "-" ? std::string() : row.cols[3];
    const char* first = e.a.data();
    std::from_chars(first, first + e.a.size(), e.num);
    if (!each(e) || !table) continue;
    table->Add(std::move(e));
  }
}

Lexicons Build() {
  Lexicons lex;
  auto all = [](const LexEntry&) { return true; };
  Load("lexicons/numerals.tsv", &lex.numerals, &lex.status, all);
  Load("lexicons/currencies.tsv", &lex.currencies, &lex.status, all);
  Load("lexicons/qualifiers.tsv", &lex.qualifiers, &lex.status, all);
  Load("lexicons/months.tsv", &lex.months, &lex.status, all);
  Load("lexicons/change_verbs.tsv", &lex.change_exact, &lex.status, [&lex](const LexEntry& e) {
    if (e.kind != LexKind::kVerb && e.kind != LexKind::kNoun) return true;
    if (e.toks.size() == 1) {
      const std::string stem = lang::Stem(e.toks[0]);
      lex.change_stems[stem] = e.a == "down" ? -1 : 1;
      lex.change_stem_is_noun[stem] = e.kind == LexKind::kNoun;
    }
    return false;
  });
  for (const PhraseTable* t : {&lex.numerals, &lex.currencies, &lex.qualifiers, &lex.months, &lex.change_exact})
    t->ForEachFirst([&](const std::string& k) {
      FirstToken& f = lex.first_tokens[k];
      f.bits |= t->bit();
      f.lists[std::countr_zero(t->bit())] = t->List(k);
      for (const FormRef& ref : t->List(k)) f.kinds |= uint64_t{1} << static_cast<unsigned>(ref.kind);
    });
  for (auto& [form, f] : lex.first_tokens) {
    lex.first_filter.Add(form);
    for (const FormRef& ref : f.lists[std::countr_zero(lex.numerals.bit())]) {
      switch (ref.kind) {
        case LexKind::kUnit:
        case LexKind::kTeen:
        case LexKind::kTens:
        case LexKind::kHundreds:
        case LexKind::kScale:
        case LexKind::kHalf:
        case LexKind::kHalfPrefix:
          f.bits |= FirstToken::kCardinal;
          break;
        case LexKind::kFraction:
        case LexKind::kTimesAdv:
        case LexKind::kFractionAdv:
          f.bits |= FirstToken::kChangeWord;
          break;
        case LexKind::kOrdinal:
        case LexKind::kRoman:
          f.bits |= FirstToken::kOrdinal;
          break;
        default:
          break;
      }
    }
  }
  lex.first_index.Build(lex.first_tokens);
  return lex;
}

}  // namespace

const Lexicons& GetLexicons() {
  static const Lexicons kLex = Build();
  return kLex;
}

Status LexiconStatus() { return GetLexicons().status; }

int ChangeWordAt(const Scan& s, size_t i, bool* noun) {
  if (!s.IsWord(i)) return 0;
  const Lexicons& lex = s.lex;
  if (lex.change_exact.Find(s.toks[i].fold, LexKind::kExclude)) return 0;
  const std::string stem = lang::Stem(s.toks[i].fold);
  auto it = lex.change_stems.find(stem);
  if (it == lex.change_stems.end()) return 0;
  if (noun) *noun = lex.change_stem_is_noun.at(stem);
  return it->second;
}

}  // namespace oborot::expr
