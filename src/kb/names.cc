#include "src/kb/names.h"

#include <algorithm>
#include <cctype>

#include "src/base/data.h"
#include "src/base/utf8.h"
#include "src/lang/stemmer.h"
#include "src/segment/tokens.h"

namespace oborot::kb {
namespace {

std::vector<std::string> WordStems(std::string_view s) {
  std::vector<std::string> out;
  for (const auto& t : segment::Tokenize(s)) {
    if (t.kind == segment::TokenKind::kWord) out.push_back(lang::Stem(t.fold));
  }
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// Score of a query against one name: 0 when some query word matches no name
// word; else 2 per exact stem and 1 per prefix match.
int Score(const std::vector<std::string>& query, const std::vector<std::string>& name) {
  if (query.empty() || query.size() > name.size()) return 0;
  int score = 0;
  std::vector<bool> used(name.size(), false);
  for (const auto& q : query) {
    int best = 0;
    size_t best_i = 0;
    for (size_t i = 0; i < name.size(); ++i) {
      if (used[i]) continue;
      int s = 0;
      if (name[i] == q) {
        s = 2;
      } else if (q.size() >= 8 && name[i].size() > q.size() && name[i].compare(0, q.size(), q) == 0) {
        s = 1;  // «воронеж» is a prefix of «воронежск»; at least four Cyrillic letters
      }
      if (s > best) {
        best = s;
        best_i = i;
      }
    }
    if (best == 0) return 0;
    used[best_i] = true;
    score += best;
  }
  return score;
}

}  // namespace

Result<PartyNames> PartyNames::Load() {
  auto text = data::Read("gazetteers/parties.tsv");
  if (!text.ok()) return text.status();
  return FromTsv(*text);
}

Result<PartyNames> PartyNames::FromTsv(std::string_view tsv) {
  auto rows = data::ParseTsv("gazetteers/parties.tsv", tsv, 2);
  if (!rows.ok()) return rows.status();
  PartyNames names;
  for (const auto& row : *rows) {
    Entry e;
    e.code = row.cols[0];
    e.name_ru = row.cols[1];
    if (row.cols.size() > 2) e.name_en = row.cols[2];
    for (const auto* n : {&e.name_ru, &e.name_en}) {
      if (!n->empty() && *n != "-") e.stems.push_back(WordStems(*n));
    }
    names.entries_.push_back(std::move(e));
  }
  return names;
}

std::optional<std::string> PartyNames::Resolve(std::string_view any_form) const {
  const std::string upper = Upper(any_form);
  for (const auto& e : entries_) {
    if (e.code == upper) return e.code;
  }
  const auto query = WordStems(any_form);
  int best = 0;
  size_t best_len = 0;
  const Entry* found = nullptr;
  for (const auto& e : entries_) {
    for (const auto& name : e.stems) {
      const int s = Score(query, name);
      if (s > best || (s == best && s > 0 && name.size() < best_len)) {
        best = s;
        best_len = name.size();
        found = &e;
      }
    }
  }
  if (found == nullptr) return std::nullopt;
  return found->code;
}

std::string PartyNames::Name(std::string_view code) const {
  for (const auto& e : entries_) {
    if (e.code == code) return e.name_ru;
  }
  return {};
}

std::string PartyNames::NameEn(std::string_view code) const {
  for (const auto& e : entries_) {
    if (e.code == code) return e.name_en;
  }
  return {};
}

}  // namespace oborot::kb
