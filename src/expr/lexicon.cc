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

namespace {

// Most tokens start no lexicon form: a KeyFilter rejects nearly all of them
// before the hash lookup.
const KeyFilter& FirstTokenFilter() {
  static const KeyFilter kFilter = [] {
    KeyFilter f;
    for (const auto& [form, table_bits] : GetLexicons().first_tokens) f.Add(form);
    return f;
  }();
  return kFilter;
}

void Masks(std::span<const segment::Token> toks, std::vector<uint8_t>& mask,
           std::vector<const FirstToken*>& first_of, bool& any_number) {
  const auto& first = GetLexicons().first_tokens;
  const auto& filter = FirstTokenFilter();
  mask.assign(toks.size(), 0);
  first_of.assign(toks.size(), nullptr);
  const uint8_t numeral_bit = GetLexicons().numerals.bit();
  any_number = false;
  for (size_t i = 0; i < toks.size(); ++i) {
    any_number |= toks[i].kind == segment::TokenKind::kNumber;
    if (!filter.MayContain(toks[i].fold)) continue;
    auto it = first.find(toks[i].fold);
    if (it != first.end()) {
      mask[i] = it->second.bits;
      first_of[i] = &it->second;
      any_number |= (mask[i] & numeral_bit) != 0;
    }
  }
}

}  // namespace

Scan::Scan(std::string_view t, uint32_t b)
    : owned_(segment::Tokenize(t, b)), lex(GetLexicons()), text(t), base(b), toks(owned_) {
  Masks(toks, mask, first, any_number);
  IndexNumbers();
}

Scan::Scan(std::string_view t, uint32_t b, std::span<const segment::Token> tokens)
    : lex(GetLexicons()), text(t), base(b), toks(tokens) {
  Masks(toks, mask, first, any_number);
  IndexNumbers();
}

void Scan::IndexNumbers() {
  if (!any_number) return;
  const uint8_t numeral_bit = lex.numerals.bit();
  next_number.assign(toks.size() + 1, static_cast<uint32_t>(toks.size()));
  for (size_t i = toks.size(); i-- > 0;) {
    const bool numberish = toks[i].kind == segment::TokenKind::kNumber || (mask[i] & numeral_bit);
    next_number[i] = numberish ? static_cast<uint32_t>(i) : next_number[i + 1];
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
  const std::string first = e.toks.front();
  entries_.push_back(std::move(e));
  auto& list = index_[first];
  list.push_back(entries_.size() - 1);
  // longest forms first so Match() can stop at the first hit
  std::stable_sort(list.begin(), list.end(),
                   [this](size_t x, size_t y) { return entries_[x].toks.size() > entries_[y].toks.size(); });
}

std::optional<PhraseTable::Hit> PhraseTable::MatchListed(const Scan& s, size_t i, std::string_view filter) const {
  const std::vector<size_t>* list = s.first[i]->lists[std::countr_zero(bit_)];
  if (!list) return std::nullopt;
  for (size_t idx : *list) {
    const LexEntry& e = entries_[idx];
    if (!filter.empty() && e.b != filter) continue;
    if (i + e.toks.size() > s.size()) continue;
    bool ok = true;
    for (size_t k = 1; k < e.toks.size() && ok; ++k) {
      const auto& t = s.toks[i + k];
      ok = t.fold == e.toks[k] && !t.newline_before;
    }
    if (ok) return Hit{&e, i + e.toks.size()};
  }
  return std::nullopt;
}

const LexEntry* PhraseTable::Find(std::string_view fold, std::string_view filter) const {
  auto it = index_.find(std::string(fold));
  if (it == index_.end()) return nullptr;
  for (size_t idx : it->second) {
    const LexEntry& e = entries_[idx];
    if (e.toks.size() == 1 && (filter.empty() || e.b == filter)) return &e;
  }
  return nullptr;
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
    for (const auto& t : segment::Tokenize(row.cols[0])) e.toks.push_back(t.fold);
    e.a = row.cols[1];
    if (row.cols.size() > 2) e.b = row.cols[2];
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
    if (e.b != "verb" && e.b != "noun") return true;
    if (e.toks.size() == 1) {
      const std::string stem = lang::Stem(e.toks[0]);
      lex.change_stems[stem] = e.a == "down" ? -1 : 1;
      lex.change_stem_is_noun[stem] = e.b == "noun";
    }
    return false;
  });
  for (const PhraseTable* t : {&lex.numerals, &lex.currencies, &lex.qualifiers, &lex.months, &lex.change_exact})
    t->ForEachFirst([&](const std::string& k) {
      FirstToken& f = lex.first_tokens[k];
      f.bits |= t->bit();
      f.lists[std::countr_zero(t->bit())] = t->List(k);
    });
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
  if (lex.change_exact.Find(s.toks[i].fold, "exclude")) return 0;
  const std::string stem = lang::Stem(s.toks[i].fold);
  auto it = lex.change_stems.find(stem);
  if (it == lex.change_stems.end()) return 0;
  if (noun) *noun = lex.change_stem_is_noun.at(stem);
  return it->second;
}

}  // namespace oborot::expr
