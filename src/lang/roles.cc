#include "src/lang/roles.h"

#include "src/base/data.h"
#include "src/base/utf8.h"

namespace oborot::lang {
namespace {

bool AdjectiveShaped(std::string_view fold) {
  auto ends = [&](std::string_view s) { return fold.size() >= s.size() && fold.substr(fold.size() - s.size()) == s; };
  return CodePointCount(fold) >= 4 && (ends("ый") || ends("ий") || ends("ой") || ends("ая") || ends("яя"));
}

std::string NoteValue(std::string_view note, std::string_view key) {
  size_t p = note.find(key);
  if (p == std::string_view::npos) return "";
  p += key.size();
  const size_t e = note.find(' ', p);
  return std::string(note.substr(p, e == std::string_view::npos ? std::string_view::npos : e - p));
}

constexpr GramCase kCases[] = {GramCase::kNom, GramCase::kGen, GramCase::kDat,
                               GramCase::kAcc, GramCase::kIns, GramCase::kPrep};

}  // namespace

Result<std::shared_ptr<const RoleFinder>> RoleFinder::Load() {
  constexpr std::string_view kFile = "lexicons/roles.tsv";
  auto text = data::Read(kFile);
  if (!text.ok()) return text.status();
  auto rows = data::ParseTsv(kFile, *text, 3);
  if (!rows.ok()) return rows.status();
  std::shared_ptr<RoleFinder> rf(new RoleFinder());
  for (const auto& row : *rows) {
    const auto tokens = segment::Tokenize(row.cols[0]);
    if (tokens.empty()) continue;
    const std::string note = row.cols.size() > 3 ? row.cols[3] : "";
    const auto entry = static_cast<uint32_t>(rf->entries_.size());
    rf->entries_.push_back({row.cols[1], row.cols[2]});
    std::vector<std::string> fixed;
    std::vector<size_t> words;  // token indices of words
    for (size_t t = 0; t < tokens.size(); ++t) {
      fixed.emplace_back(tokens[t].fold);
      if (tokens[t].kind == segment::TokenKind::kWord) words.push_back(t);
    }
    auto add = [&](std::vector<std::string> folds, CaseMask cases, bool plural = false) {
      auto& list = rf->by_first_[folds[0]];
      for (auto& v : list) {
        if (v.entry == entry && v.folds == folds && v.plural == plural) {
          v.cases |= cases;
          return;
        }
      }
      list.push_back({std::move(folds), entry, cases, plural});
    };
    if (note.find("indecl") != std::string::npos) {
      add(fixed, 0);
      continue;
    }
    // The head: head=N from the note, else the first word that is neither an
    // adjective, nor «и», nor the first part of a hyphenated compound.
    size_t head = tokens.size();
    if (const std::string h = NoteValue(note, "head="); !h.empty()) {
      const size_t n = static_cast<size_t>(std::stoul(h));
      if (n >= words.size())
        return Status(StatusCode::kCorrupt,
                      std::string(kFile) + ":" + std::to_string(row.line) + ": head= past the end");
      head = words[n];
    } else {
      for (size_t t : words) {
        const bool compound_part = t + 1 < tokens.size() && tokens[t + 1].fold == "-" && !tokens[t + 1].space_before;
        if (AdjectiveShaped(tokens[t].fold) || tokens[t].fold == "и" || compound_part) continue;
        head = t;
        break;
      }
    }
    if (head == tokens.size()) {
      add(fixed, 0);
      continue;
    }
    const std::string stem = FoldCase(NoteValue(note, "stem="));
    std::vector<std::vector<CaseForm>> forms(tokens.size());
    forms[head] = AdjectiveShaped(tokens[head].fold) ? DeclineAdjective(tokens[head].fold)
                                                     : DeclineNoun(tokens[head].fold, Gender::kMale, stem);
    for (size_t t : words) {
      if (t < head && AdjectiveShaped(tokens[t].fold)) forms[t] = DeclineAdjective(tokens[t].fold);
    }
    for (GramCase c : kCases) {
      std::vector<std::string> folds = fixed;
      bool ok = true;
      for (size_t t = 0; t < tokens.size() && ok; ++t) {
        if (forms[t].empty()) continue;
        ok = false;
        for (const auto& f : forms[t]) {
          if (f.cases & CaseBit(c)) {
            folds[t] = f.form;
            ok = true;
            break;
          }
        }
      }
      if (ok) add(std::move(folds), CaseBit(c));
    }
    // the plural: a noun head and the adjectives before it
    if (!AdjectiveShaped(tokens[head].fold)) {
      std::vector<std::vector<CaseForm>> plural(tokens.size());
      plural[head] = DeclinePluralNoun(tokens[head].fold, stem);
      for (size_t t : words) {
        if (t < head && AdjectiveShaped(tokens[t].fold)) plural[t] = DeclinePluralAdjective(tokens[t].fold);
      }
      for (GramCase c : kCases) {
        std::vector<std::string> folds = fixed;
        bool ok = !plural[head].empty();
        for (size_t t = 0; t < tokens.size() && ok; ++t) {
          if (forms[t].empty()) continue;  // a word that does not decline
          ok = false;
          for (const auto& f : plural[t]) {
            if (f.cases & CaseBit(c)) {
              folds[t] = f.form;
              ok = true;
              break;
            }
          }
        }
        if (ok) add(std::move(folds), CaseBit(c), true);
      }
    }
  }
  for (const auto& [first, variants] : rf->by_first_) rf->first_filter_.Add(first);
  return std::shared_ptr<const RoleFinder>(std::move(rf));
}

std::vector<RoleMention> RoleFinder::Find(std::string_view text, const std::vector<segment::Token>& tokens) const {
  (void)text;  // offsets come from the tokens
  return FindImpl(tokens, nullptr);
}

std::vector<RoleMention> RoleFinder::Find(std::string_view text, const std::vector<segment::Token>& tokens,
                                          const TokenStems& stems) const {
  (void)text;
  return FindImpl(tokens, &stems);
}

std::vector<RoleMention> RoleFinder::FindImpl(const std::vector<segment::Token>& tokens,
                                              const TokenStems* stems) const {
  std::vector<RoleMention> out;
  size_t i = 0;
  while (i < tokens.size()) {
    const Variant* best = nullptr;
    const uint32_t key = stems ? stems->fold_key(i) : KeyFilter::Key(tokens[i].fold);
    auto it = first_filter_.MayContainKey(key) ? by_first_.find(tokens[i].fold) : by_first_.end();
    if (it != by_first_.end()) {
      for (const Variant& v : it->second) {
        if (i + v.folds.size() > tokens.size()) continue;
        // Longest first; on a tie a blocking "-" phrase (the preposition «после»
        // beside посол's prepositional case) wins.
        if (best && (v.folds.size() < best->folds.size() ||
                     (v.folds.size() == best->folds.size() && entries_[v.entry].role_id != "-")))
          continue;
        bool match = true;
        for (size_t k = 1; k < v.folds.size() && match; ++k) match = tokens[i + k].fold == v.folds[k];
        if (match) best = &v;
      }
    }
    if (!best) {
      ++i;
      continue;
    }
    const size_t end = i + best->folds.size();
    const Entry& e = entries_[best->entry];
    // «глава 5» is a chapter, not a head.
    const bool chapter = end < tokens.size() && tokens[end].kind == segment::TokenKind::kNumber;
    if (e.role_id != "-" && !chapter) {
      RoleMention r;
      r.start = tokens[i].start;
      r.end = tokens[end - 1].end;
      r.role = e.role;
      r.role_id = e.role_id;
      const GramCase prep = i > 0 ? PrepositionCase(tokens[i - 1].fold) : GramCase::kUnknown;
      r.gram_case = PickCase(best->cases, prep);
      r.plural = best->plural;
      out.push_back(std::move(r));
    }
    i = end;
  }
  return out;
}

}  // namespace oborot::lang
