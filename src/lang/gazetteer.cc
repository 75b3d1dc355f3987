#include "src/lang/gazetteer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

#include "src/base/data.h"
#include "src/base/utf8.h"

namespace oborot::lang {
namespace {

using segment::Token;
using segment::TokenKind;

constexpr uint32_t kNoParty = UINT32_MAX;
constexpr std::array<std::string_view, 4> kFormFiles = {"gazetteers/russia.tsv", "gazetteers/belarus.tsv",
                                                        "gazetteers/countries.tsv", "gazetteers/regions.tsv"};

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<PlaceKind> ParseKind(std::string_view s, bool* block) {
  *block = false;
  if (s == "country") return PlaceKind::kCountry;
  if (s == "region") return PlaceKind::kRegion;
  if (s == "city") return PlaceKind::kCity;
  if (s == "adj") return PlaceKind::kAdjective;
  if (s == "demonym") return PlaceKind::kDemonym;
  if (s == "other") return PlaceKind::kOther;
  if (s == "none") {
    *block = true;
    return PlaceKind::kOther;
  }
  return std::nullopt;
}

// The last n (<= 8) bytes of s as one integer, byte i at bits 8 * i: a suffix
// compare that is one integer compare.
constexpr uint64_t Tail(std::string_view s, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= uint64_t{static_cast<unsigned char>(s[s.size() - n + i])} << (8 * i);
  return v;
}

// Endings of Russian adjectives in any case, gender and number ("-ом" left
// out: it is also a noun's instrumental). Every ending is two or three
// Cyrillic letters (four or six bytes); a fold must be longer than the ending.
// Compared as integers: this runs on every gazetteer match, and the string
// compares of 21 endings were most of Choose()'s time.
bool HasAdjectiveEnding(std::string_view fold) {
  static constexpr std::string_view kEndings[] = {"ий",  "ый",  "ой", "ая", "яя", "ое", "ее", "ие", "ые",  "ого", "его",
                                                  "ому", "ему", "ым", "им", "ую", "юю", "ых", "их", "ыми", "ими"};
  static constexpr auto kTails = [] {
    std::array<uint64_t, std::size(kEndings)> tails{};
    for (size_t i = 0; i < std::size(kEndings); ++i) {
      if (kEndings[i].size() != 4 && kEndings[i].size() != 6) throw "an ending must be two Cyrillic letters or three";
      tails[i] = Tail(kEndings[i], kEndings[i].size());
    }
    return tails;
  }();
  const uint64_t tail4 = fold.size() > 4 ? Tail(fold, 4) : 0;
  const uint64_t tail6 = fold.size() > 6 ? Tail(fold, 6) : 0;
  for (size_t i = 0; i < std::size(kEndings); ++i) {
    if (kTails[i] == (kEndings[i].size() == 4 ? tail4 : tail6)) return true;
  }
  return false;
}

}  // namespace

std::string_view PlaceKindName(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kCountry:
      return "country";
    case PlaceKind::kRegion:
      return "region";
    case PlaceKind::kCity:
      return "city";
    case PlaceKind::kAdjective:
      return "adj";
    case PlaceKind::kDemonym:
      return "demonym";
    case PlaceKind::kOther:
      return "other";
  }
  return "other";
}

std::span<const std::string_view> Gazetteer::FormFiles() { return kFormFiles; }

Result<std::shared_ptr<const Gazetteer>> Gazetteer::Load() {
  auto parties = data::Read("gazetteers/parties.tsv");
  if (!parties.ok()) return parties.status();
  std::vector<std::pair<std::string, std::string>> forms;
  for (std::string_view file : kFormFiles) {
    auto text = data::Read(file);
    if (!text.ok()) return text.status();
    forms.emplace_back(std::string(file), std::move(*text));
  }
  return FromData(*parties, forms);
}

Result<std::shared_ptr<const Gazetteer>> Gazetteer::FromData(
    std::string_view parties_tsv, const std::vector<std::pair<std::string, std::string>>& forms) {
  auto g = std::make_shared<Gazetteer>();
  auto rows = data::ParseTsv("gazetteers/parties.tsv", parties_tsv, 5);
  if (!rows.ok()) return rows.status();
  for (auto& row : *rows) {
    const std::string where = "gazetteers/parties.tsv:" + std::to_string(row.line);
    if (row.cols[3] != "country" && row.cols[3] != "region") {
      return Status(StatusCode::kCorrupt, where + ": kind must be country or region, not '" + row.cols[3] + "'");
    }
    const auto index = static_cast<uint32_t>(g->parties_.size());
    if (!g->by_code_.emplace(Upper(row.cols[0]), index).second) {
      return Status(StatusCode::kCorrupt, where + ": duplicate code '" + row.cols[0] + "'");
    }
    g->parties_.push_back({row.cols[0], row.cols[1], row.cols[2], row.cols[3], row.cols[4]});
  }
  for (const PartyInfo& p : g->parties_) {
    if (p.parent != "-" && !g->by_code_.count(Upper(p.parent))) {
      return Status(StatusCode::kCorrupt, "gazetteers/parties.tsv: " + p.code + ": unknown parent '" + p.parent + "'");
    }
  }
  for (const auto& [file, text] : forms) {
    if (Status s = g->AddForms(file, text); !s.ok()) return s;
  }
  for (size_t i = 0; i < g->entries_.size(); ++i) {
    g->matcher_.Add(g->entries_[i].form, static_cast<uint32_t>(i), g->entries_[i].flags);
  }
  g->matcher_.Build();
  return std::shared_ptr<const Gazetteer>(std::move(g));
}

Status Gazetteer::AddForms(std::string_view file, std::string_view text) {
  auto rows = data::ParseTsv(file, text, 3);
  if (!rows.ok()) return rows.status();
  for (auto& row : *rows) {
    const std::string where = std::string(file) + ":" + std::to_string(row.line);
    Entry e;
    e.form = row.cols[0];
    e.fold = FoldCase(e.form);
    auto kind = ParseKind(row.cols[2], &e.block);
    if (!kind) return Status(StatusCode::kCorrupt, where + ": unknown kind '" + row.cols[2] + "'");
    e.kind = *kind;
    if (e.block) {
      e.party = kNoParty;
    } else {
      auto it = by_code_.find(Upper(row.cols[1]));
      if (it == by_code_.end()) return Status(StatusCode::kCorrupt, where + ": unknown code '" + row.cols[1] + "'");
      e.party = it->second;
    }
    e.note = row.cols.size() > 3 ? row.cols[3] : "";
    if (e.kind == PlaceKind::kCity && e.note.empty()) e.note = e.form;
    // Proper names need an upper-case initial unless they are several words.
    const bool proper = e.kind == PlaceKind::kCountry || e.kind == PlaceKind::kRegion || e.kind == PlaceKind::kCity;
    e.flags = proper && e.form.find(' ') == std::string::npos ? PhraseMatcher::kCapitalized : PhraseMatcher::kNone;
    std::string_view match = row.cols.size() > 4 ? std::string_view(row.cols[4]) : std::string_view();
    while (!match.empty()) {
      const size_t comma = match.find(',');
      const std::string_view flag = Trim(match.substr(0, comma));
      match = comma == std::string_view::npos ? std::string_view() : match.substr(comma + 1);
      if (flag == "exact") {
        e.flags |= PhraseMatcher::kExactForm;
      } else if (flag == "cap") {
        e.flags |= PhraseMatcher::kCapitalized;
      } else if (flag == "any") {
        e.flags &= ~static_cast<uint32_t>(PhraseMatcher::kCapitalized);
      } else if (!flag.empty()) {
        return Status(StatusCode::kCorrupt, where + ": unknown match flag '" + std::string(flag) + "'");
      }
    }
    if (PhraseMatcher::PhraseKeys(e.form, e.flags).empty()) {
      return Status(StatusCode::kCorrupt, where + ": form has no words");
    }
    entries_.push_back(std::move(e));
  }
  return Status::Ok();
}

const Gazetteer::Entry* Gazetteer::Choose(const std::vector<Token>& tokens, uint32_t first, uint32_t end,
                                          const uint32_t* payloads, size_t count) const {
  const std::string_view last_fold = tokens[end - 1].fold;
  const bool adjectival = HasAdjectiveEnding(last_fold);
  const bool one_word = end - first == 1;
  const Entry* best = nullptr;
  int best_score = -1;
  for (size_t k = 0; k < count; ++k) {
    const Entry& e = entries_[payloads[k]];
    if (e.block) return nullptr;  // a blocking form wins its span
    int score = 0;
    if (e.flags & PhraseMatcher::kExactForm) score += 8;
    if (one_word && e.fold == tokens[first].fold) score += 4;
    const bool adj = e.kind == PlaceKind::kAdjective;
    if (adj == adjectival) score += 2;
    if (e.kind != PlaceKind::kDemonym) score += 1;
    if (score > best_score) {  // ties: the first entry in data order (payloads ascend)
      best = &e;
      best_score = score;
    }
  }
  return best;
}

std::vector<PartyMention> Gazetteer::Find(const std::vector<Token>& tokens,
                                          const TokenStems& stems) const {
  std::vector<PartyMention> out;
  const auto matches = matcher_.FindAll(tokens, stems);
  std::vector<uint32_t> payloads;
  for (size_t i = 0; i < matches.size();) {
    size_t j = i;
    payloads.clear();
    while (j < matches.size() && matches[j].first_token == matches[i].first_token) {
      payloads.push_back(matches[j].payload);
      ++j;
    }
    const uint32_t first = matches[i].first_token;
    const uint32_t end = matches[i].end_token;
    i = j;
    const Entry* e = Choose(tokens, first, end, payloads.data(), payloads.size());
    if (!e) continue;
    PartyMention m;
    m.start = tokens[first].start;
    m.end = tokens[end - 1].end;
    m.code = parties_[e->party].code;
    m.kind = e->kind;
    if (e->kind == PlaceKind::kCity) m.city = e->note;
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<PartyMention> Gazetteer::Find(std::string_view text) const {
  const auto tokens = segment::Tokenize(text);
  return Find(tokens, StemTokens(tokens));
}

const PartyInfo* Gazetteer::Info(std::string_view code) const {
  auto it = by_code_.find(Upper(code));
  return it == by_code_.end() ? nullptr : &parties_[it->second];
}

std::optional<std::string> Gazetteer::Resolve(std::string_view name) const {
  name = Trim(name);
  if (const PartyInfo* p = Info(name)) return p->code;
  auto tokens = segment::Tokenize(name);
  size_t first = 0;
  while (first < tokens.size() && tokens[first].kind == TokenKind::kPunct) ++first;
  size_t last = tokens.size();
  while (last > first && tokens[last - 1].kind == TokenKind::kPunct) --last;
  if (first == last) return std::nullopt;
  for (Token& t : tokens) t.upper_initial = true;  // any case resolves
  const auto stems = StemTokens(tokens);
  std::vector<uint32_t> payloads;
  const size_t end = matcher_.LongestAt(tokens, stems, first, &payloads);
  if (end != last) return std::nullopt;
  const Entry* e =
      Choose(tokens, static_cast<uint32_t>(first), static_cast<uint32_t>(end), payloads.data(), payloads.size());
  if (!e) return std::nullopt;
  return parties_[e->party].code;
}

}  // namespace oborot::lang
