// Gazetteer: the parties a fact can name (countries, Russia's federal
// subjects, Belarus's regions) and every surface form that names them.
//
//   auto gaz = oborot::lang::Gazetteer::Load();
//   if (!gaz.ok()) return gaz.status();
//   for (const auto& m : (*gaz)->Find("Губернатор Воронежской области посетил Гомель"))
//     Use(m.code, m.kind, m.city);  // RU-VOR kRegion; BY-HO kCity "Гомель"
//   (*gaz)->Resolve("воронежцам");  // "RU-VOR"
//   (*gaz)->Info("RU-VOR")->name_ru;  // "Воронежская область"
//
// Data: data/gazetteers/parties.tsv (codes and names) and russia.tsv,
// belarus.tsv, countries.tsv, regions.tsv (surface forms; FormFiles()), described in
// data/gazetteers/README.md. Forms are matched by PhraseMatcher, so every
// case form of a name, adjective or demonym matches; proper names need an
// upper-case first letter unless they are multi-word.
//
// Errors: Load() returns kNotFound when a data file is missing and kCorrupt
// naming file and line when a row is malformed, names an unknown code or an
// unknown kind or match flag. Find() and Resolve() do not fail.
// Lifetimes: everything returned is a value, except Info() and Parties(),
// which point into the gazetteer and live as long as it does.
// Thread safety: a loaded Gazetteer is immutable; share it across threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "oborot/status.h"
#include "src/lang/phrase_matcher.h"
#include "src/segment/tokens.h"

namespace oborot::lang {

enum class PlaceKind : uint8_t {
  kCountry,    // «Беларусь», «КНР»
  kRegion,     // «Воронежская область», «Кузбасс»
  kCity,       // «Гомель», «Набережные Челны»; PartyMention::city holds the nominative
  kAdjective,  // «воронежский», «белорусско-» (any case and gender)
  kDemonym,    // «воронежцы», «минчане»
  kOther,      // «официальный Минск», «Мингорисполком»
};

std::string_view PlaceKindName(PlaceKind kind);  // "country", "region", "city", "adj", "demonym", "other"

struct PartyInfo {
  std::string code;     // "BY", "RU-VOR", "BY-HO"
  std::string name_ru;  // nominative official name: «Воронежская область»
  std::string name_en;
  std::string kind;    // "country" or "region"
  std::string parent;  // "RU" for a federal subject, "-" for a country
};

struct PartyMention {
  uint32_t start = 0;  // byte offsets in the text (tokens' offsets)
  uint32_t end = 0;
  std::string code;
  PlaceKind kind = PlaceKind::kOther;
  std::string city;  // nominative city name, for kCity; empty otherwise
};

class Gazetteer {
 public:
  // Reads the bundled data (data::Read) and builds the matcher; about 10 ms.
  static Result<std::shared_ptr<const Gazetteer>> Load();
  // The data files of surface forms Load() reads ("gazetteers/russia.tsv", ...).
  static std::span<const std::string_view> FormFiles();
  // Builds a gazetteer from data texts (for tests and for analysts' files).
  static Result<std::shared_ptr<const Gazetteer>> FromData(
      std::string_view parties_tsv, const std::vector<std::pair<std::string, std::string>>& forms);

  // Mentions in a tokenised text, leftmost-longest and non-overlapping, in
  // text order; `stems` from StemTokens(tokens). When one span matches forms
  // of several entries, one mention is chosen (an exact form before a stemmed
  // one; an adjective when the word has an adjective ending, else a name).
  std::vector<PartyMention> Find(const std::vector<segment::Token>& tokens,
                                 const TokenStems& stems) const;
  std::vector<PartyMention> Find(std::string_view text) const;  // tokenizes and stems

  const PartyInfo* Info(std::string_view code) const;  // nullptr when unknown
  // Any form in any case («воронежская область», «Воронеж», «воронежцам»,
  // «RU-VOR», «ru-vor») -> code; nullopt unless the whole name is one form.
  std::optional<std::string> Resolve(std::string_view name) const;
  const std::vector<PartyInfo>& Parties() const { return parties_; }
  size_t form_count() const { return entries_.size(); }

 private:
  struct Entry {
    std::string form;
    std::string fold;  // FoldCase(form)
    uint32_t party;    // index into parties_, UINT32_MAX for a blocking form
    PlaceKind kind;
    bool block;      // kind "none": matches, names nothing
    uint32_t flags;  // PhraseMatcher flags
    std::string note;
  };

  Status AddForms(std::string_view file, std::string_view text);
  // The entry to report for one span, or nullptr for a blocked span.
  const Entry* Choose(const std::vector<segment::Token>& tokens, uint32_t first, uint32_t end, const uint32_t* payloads,
                      size_t count) const;

  std::vector<PartyInfo> parties_;
  std::unordered_map<std::string, uint32_t> by_code_;  // upper-case code -> index
  std::vector<Entry> entries_;
  PhraseMatcher matcher_;
};

}  // namespace oborot::lang
