// Economic sectors named in Russian news text («в сельском хозяйстве»,
// «по свиноводству», «лесопромышленный комплекс», «АПК») and their ids.
//
//   auto tagger = oborot::lang::SectorTagger::Load();    // once; share the pointer
//   if (!tagger.ok()) return tagger.status();
//   auto tokens = oborot::segment::Tokenize(text);
//   auto stems = oborot::lang::StemTokens(tokens);
//   for (const auto& m : (*tagger)->Find(tokens, stems))
//     Use(m.sector, oborot::lang::SectorNameRu(m.sector));  // "agriculture", "Агропромышленный комплекс"
//
// Sector ids and display names live in data/lexicons/sector_names.tsv
// (agriculture, construction, machine_building, automotive,
// transport_logistics, energy, housing_utilities, microelectronics, chemistry,
// timber, light_industry, education_science, healthcare, humanitarian_tourism,
// it, industry, trade, finance, metallurgy); the words in
// data/lexicons/sectors.tsv, matched by Snowball stem through PhraseMatcher,
// longest form first («лесная промышленность» is timber, not industry). A form
// written in capitals (АПК, ЖКХ) must be in capitals in the text, and a
// lower-case form never matches an all-capitals word of up to four letters
// («газ» the fuel is not ГАЗ the carmaker).
//
// Errors: Load() and SectorTable() return kNotFound when a data file is
// missing and kCorrupt naming the file and line for a row with an unknown
// sector id or a duplicate id.
// Lifetimes: mentions own their strings; SectorNameRu/En and SectorTable()
// return views into a table that lives until the program ends.
// Thread safety: a loaded tagger is immutable; Find() may run concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/status.h"
#include "src/lang/phrase_matcher.h"
#include "src/segment/tokens.h"

namespace oborot::lang {

struct SectorMention {
  uint32_t start = 0;  // byte offsets of the phrase in the text the tokens came from
  uint32_t end = 0;
  std::string sector;  // sector id
};

struct SectorInfo {
  std::string id;
  std::string name_ru;
  std::string name_en;
};

// The sector table (lexicons/sector_names.tsv), read once on first use.
// Errors: kNotFound, kCorrupt.
Result<const std::vector<SectorInfo>*> SectorTable();
// Display names of a sector id; "" for an unknown id or when the table
// cannot be read.
std::string_view SectorNameRu(std::string_view id);
std::string_view SectorNameEn(std::string_view id);
bool IsSectorId(std::string_view id);

// Adds `form` to a matcher, plus its genitive where Snowball over-stems a
// nominative: a consonant-final word loses -ом/-ем/-ам (Росатом -> «росат»,
// облисполком -> «облисполк») while its oblique forms keep it (Росатома,
// Росатому, Росатомом -> «росатом»), so «Росатома» is added as well. Shared
// by the sector and organisation lexicons.
void AddLexiconForm(PhraseMatcher* matcher, std::string_view form, uint32_t payload, uint32_t flags);

class SectorTagger {
 public:
  // Reads lexicons/sectors.tsv and compiles the matcher. Errors: kNotFound, kCorrupt.
  static Result<std::shared_ptr<const SectorTagger>> Load();

  // Sector phrases ordered by start, non-overlapping (leftmost-longest).
  std::vector<SectorMention> Find(const std::vector<segment::Token>& tokens,
                                  const TokenStems& stems) const;
  // Convenience: tokenises and stems `text` first.
  std::vector<SectorMention> Find(std::string_view text) const;

  // Number of forms loaded.
  size_t size() const { return forms_.size(); }

 private:
  struct Form {
    uint32_t sector;             // index into SectorTable()
    std::vector<bool> all_caps;  // per word of the form: written in capitals
  };
  SectorTagger() = default;

  const std::vector<SectorInfo>* table_ = nullptr;
  std::vector<Form> forms_;  // payload of matcher_
  PhraseMatcher matcher_;
};

}  // namespace oborot::lang
