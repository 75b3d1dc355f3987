// Party names for the knowledge base's output and for `oborot show PARTY`.
//
//   auto names = oborot::kb::PartyNames::Load();       // data/gazetteers/parties.tsv
//   names->Resolve("воронежской области");              // "RU-VOR"
//   names->Name("RU-VOR");                              // "Воронежская область"
//
// Resolution compares Snowball stems word by word, so any case form of a
// name matches («Воронежская область», «воронежской области»), and a word
// that is a stem prefix of a name's first word matches too («Воронеж» ->
// Воронежская область). Exact stems beat prefixes; ties go to the shorter
// name. This is the fallback used when the gazetteer of src/lang is not
// available; it knows only the names in parties.tsv.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/status.h"

namespace oborot::kb {

class PartyNames {
 public:
  struct Entry {
    std::string code;
    std::string name_ru;
    std::string name_en;
    std::vector<std::vector<std::string>> stems;  // stems of each name's words
  };

  // Reads gazetteers/parties.tsv (columns: code, name_ru, name_en, ...).
  // Errors: kNotFound / kCorrupt from the data layer.
  static Result<PartyNames> Load();
  // From TSV text with the same columns (for tests).
  static Result<PartyNames> FromTsv(std::string_view tsv);

  // The code of any form of a name (or of a code itself); nullopt when unknown.
  std::optional<std::string> Resolve(std::string_view any_form) const;
  // The Russian name of a code, or empty when unknown.
  std::string Name(std::string_view code) const;
  // The English name of a code, or empty when unknown.
  std::string NameEn(std::string_view code) const;

 private:
  std::vector<Entry> entries_;
};

}  // namespace oborot::kb
