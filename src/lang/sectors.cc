#include "src/lang/sectors.h"

#include <unordered_map>
#include <utility>

#include "src/base/data.h"
#include "src/base/utf8.h"
#include "src/lang/stemmer.h"

namespace oborot::lang {
namespace {

constexpr std::string_view kNamesFile = "lexicons/sector_names.tsv";
constexpr std::string_view kFormsFile = "lexicons/sectors.tsv";

Result<std::vector<SectorInfo>> ReadTable() {
  auto text = data::Read(kNamesFile);
  if (!text.ok()) return text.status();
  auto rows = data::ParseTsv(kNamesFile, *text, 3);
  if (!rows.ok()) return rows.status();
  std::vector<SectorInfo> table;
  for (const auto& row : *rows) {
    for (const auto& info : table) {
      if (info.id == row.cols[0]) {
        return Status(StatusCode::kCorrupt,
                      std::string(kNamesFile) + ":" + std::to_string(row.line) + ": duplicate sector id " + info.id);
      }
    }
    table.push_back({row.cols[0], row.cols[1], row.cols[2]});
  }
  return table;
}

const Result<std::vector<SectorInfo>>& CachedTable() {
  static const Result<std::vector<SectorInfo>> table = ReadTable();
  return table;
}

const SectorInfo* FindInfo(std::string_view id) {
  const auto& table = CachedTable();
  if (!table.ok()) return nullptr;
  for (const auto& info : *table) {
    if (info.id == id) return &info;
  }
  return nullptr;
}

bool IsCyrillicConsonant(char32_t cp) {
  if (cp < 0x430 || cp > 0x44F) return false;
  static constexpr std::u32string_view kNotConsonants = U"аеиоуыэюяйьъ";
  return kNotConsonants.find(cp) == std::u32string_view::npos;
}

}  // namespace

void AddLexiconForm(PhraseMatcher* matcher, std::string_view form, uint32_t payload, uint32_t flags) {
  matcher->Add(form, payload, flags);
  if (flags & PhraseMatcher::kExactForm) return;
  std::string variant;
  size_t copied = 0;
  for (const auto& t : segment::Tokenize(form)) {
    if (t.kind != segment::TokenKind::kWord) continue;
    size_t end = t.fold.size();
    if (!IsCyrillicConsonant(ToLower(PrevCodePoint(t.fold, end)))) continue;
    if (Stem(t.fold) == Stem(std::string(t.fold) + "а")) continue;
    variant.append(form.substr(copied, t.end - copied));
    variant += "а";
    copied = t.end;
  }
  if (copied == 0) return;
  variant.append(form.substr(copied));
  matcher->Add(variant, payload, flags);
}

Result<const std::vector<SectorInfo>*> SectorTable() {
  const auto& table = CachedTable();
  if (!table.ok()) return table.status();
  return &table.value();
}

std::string_view SectorNameRu(std::string_view id) {
  const SectorInfo* info = FindInfo(id);
  return info ? std::string_view(info->name_ru) : std::string_view();
}

std::string_view SectorNameEn(std::string_view id) {
  const SectorInfo* info = FindInfo(id);
  return info ? std::string_view(info->name_en) : std::string_view();
}

bool IsSectorId(std::string_view id) { return FindInfo(id) != nullptr; }

Result<std::shared_ptr<const SectorTagger>> SectorTagger::Load() {
  auto table = SectorTable();
  if (!table.ok()) return table.status();
  std::unordered_map<std::string, uint32_t> index;
  for (size_t i = 0; i < (*table)->size(); ++i) index.emplace((**table)[i].id, static_cast<uint32_t>(i));

  auto text = data::Read(kFormsFile);
  if (!text.ok()) return text.status();
  auto rows = data::ParseTsv(kFormsFile, *text, 2);
  if (!rows.ok()) return rows.status();

  std::shared_ptr<SectorTagger> tagger(new SectorTagger());
  tagger->table_ = *table;
  for (const auto& row : *rows) {
    auto it = index.find(row.cols[1]);
    if (it == index.end()) {
      return Status(StatusCode::kCorrupt, std::string(kFormsFile) + ":" + std::to_string(row.line) +
                                              ": unknown sector id '" + row.cols[1] + "'");
    }
    Form form;
    form.sector = it->second;
    for (const auto& t : segment::Tokenize(row.cols[0])) {
      if (t.kind != segment::TokenKind::kPunct) form.all_caps.push_back(t.all_upper);
    }
    if (form.all_caps.empty()) continue;
    AddLexiconForm(&tagger->matcher_, row.cols[0], static_cast<uint32_t>(tagger->forms_.size()), PhraseMatcher::kNone);
    tagger->forms_.push_back(std::move(form));
  }
  tagger->matcher_.Build();
  return std::shared_ptr<const SectorTagger>(std::move(tagger));
}

std::vector<SectorMention> SectorTagger::Find(const std::vector<segment::Token>& tokens,
                                              const TokenStems& stems) const {
  std::vector<SectorMention> out;
  const auto matches = matcher_.FindAll(tokens, stems);
  for (size_t m = 0; m < matches.size(); ++m) {
    const auto& match = matches[m];
    // Several payloads of one span come consecutively: the first that passes wins.
    if (!out.empty() && m > 0 && matches[m - 1].first_token == match.first_token &&
        out.back().start == tokens[match.first_token].start) {
      continue;
    }
    const Form& form = forms_[match.payload];
    bool ok = true;
    size_t word = 0;
    for (uint32_t i = match.first_token; i < match.end_token && ok; ++i) {
      const auto& t = tokens[i];
      if (t.kind == segment::TokenKind::kPunct) continue;
      const bool caps = word < form.all_caps.size() && form.all_caps[word];
      if (caps && !t.all_upper) ok = false;
      // A word written in lower case is not an all-capitals abbreviation («газ» vs ГАЗ).
      if (!caps && t.all_upper && CodePointCount(t.fold) <= 4) ok = false;
      ++word;
    }
    if (!ok) continue;
    out.push_back({tokens[match.first_token].start, tokens[match.end_token - 1].end, (*table_)[form.sector].id});
  }
  return out;
}

std::vector<SectorMention> SectorTagger::Find(std::string_view text) const {
  const auto tokens = segment::Tokenize(text);
  return Find(tokens, StemTokens(tokens));
}

}  // namespace oborot::lang
