// Person names in any grammatical case, normalised to the nominative.
//
//   auto finder = oborot::lang::NameFinder::Load();  // once; share the pointer
//   if (!finder.ok()) return finder.status();
//   auto tokens = oborot::segment::Tokenize(text);
//   for (const auto& m : (*finder)->Find(text, tokens))
//     Use(m.name, m.official_party);  // "Владислав Шапша", "RU-KLU"
//   std::string n = (*finder)->Normalize("с Рустамом Миннихановым");  // ""  (not only a name)
//   std::string k = (*finder)->Normalize("Рустамом Миннихановым");    // "Рустам Минниханов"
//
// Recognised: First [Patronymic] Surname in every case, Surname First
// Patronymic, initials («А. Лукашенко», «А.Г. Лукашенко», «Лукашенко А.Г.»),
// First Patronymic without a surname, and the surname of a known official
// (data/lexicons/officials.tsv) alone in any case. A bare first name is not a
// mention; a first name that is also a common word (Вера, Лев) needs a
// surname-shaped word after it.
//
// The case of the name comes from the first name or patronymic (both declined
// by rule from data/lexicons/first_names.tsv), else from a preceding
// preposition; the surname is then brought back to the nominative by guessing
// its nominative and checking that declining the guess gives the seen form.
// These rules are hand-written because no Debian-packaged library lemmatises
// Russian proper names (libstemmer only stems, and its stems of surnames are
// not nominatives).
//
// Errors: Load() returns kNotFound / kCorrupt when a lexicon is missing or
// malformed. Returned mentions own their strings; byte offsets refer to the
// `text` given to Find(). A loaded NameFinder is immutable and thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "oborot/status.h"
#include "src/base/key_filter.h"
#include "src/base/string_map.h"
#include "src/segment/tokens.h"

namespace oborot::lang {

enum class GramCase { kUnknown, kNom, kGen, kDat, kAcc, kIns, kPrep };
enum class Gender { kUnknown, kMale, kFemale };

// A set of cases as bits: CaseBit(kGen) | CaseBit(kAcc).
using CaseMask = uint8_t;
constexpr CaseMask CaseBit(GramCase c) { return static_cast<CaseMask>(1u << static_cast<unsigned>(c)); }
constexpr CaseMask kAllCases = 0x7E;  // kNom..kPrep
// The case a mask most likely stands for: `preferred` when in the mask, else
// the first of nominative, genitive, dative, accusative, instrumental, prepositional.
GramCase PickCase(CaseMask mask, GramCase preferred = GramCase::kUnknown);
std::string_view GramCaseName(GramCase c);  // "nom", "gen", ...
// The case a preposition governs for a person after it («с» -> kIns, «у» -> kGen,
// «к» -> kDat, «о» -> kPrep); kUnknown for other words. Input is folded.
GramCase PrepositionCase(std::string_view folded_word);

// One case form of a word: folded (lower case, ё -> е) and the cases it has.
struct CaseForm {
  std::string form;
  CaseMask cases = 0;
};
// Declension of a common or first-name noun from its folded nominative:
// masculine consonant/й/ь/а/я stems, feminine а/я/ия/ь stems; other endings
// are indeclinable (one form, every case). `oblique_stem` replaces the stem of
// the oblique cases of a word with a fleeting vowel (павел -> павл-).
std::vector<CaseForm> DeclineNoun(std::string_view folded_nom, Gender gender, std::string_view oblique_stem = {});
// Masculine (-ый/-ий/-ой) or feminine (-ая/-яя) adjective; anything else is
// returned unchanged for every case. Masculine accusative = genitive (persons).
std::vector<CaseForm> DeclineAdjective(std::string_view folded_nom);
// Plural forms (persons: accusative = genitive) of a masculine noun of a
// role (consonant, -ь, -й and -а stems: «губернаторы», «председателей»,
// «глав») and of an adjective before it («белорусских»).
std::vector<CaseForm> DeclinePluralNoun(std::string_view folded_nom, std::string_view oblique_stem = {});
std::vector<CaseForm> DeclinePluralAdjective(std::string_view folded_nom);
// A surname: -ов/-ев/-ин/-ын possessive, -ский/-цкий/-ой/-ый adjectival,
// consonant and -а/-я nouns; -ко/-ых/-их and other vowels are indeclinable,
// as are feminine surnames that end in a consonant.
std::vector<CaseForm> DeclineSurname(std::string_view folded_nom, Gender gender);

// One row of data/lexicons/officials.tsv: a post an official held.
struct OfficialPost {
  std::string role, party;
  int from = 0, to = 0;  // years; 0 when unknown / still in office
};

struct PersonMention {
  uint32_t start = 0, end = 0;  // byte offsets of the whole name in the text
  std::string name;  // nominative: "Имя Фамилия", "Имя Отчество Фамилия", or "Фамилия" / "А. Фамилия"
  std::string first, patronymic, surname;  // nominative parts ("" when absent)
  GramCase gram_case = GramCase::kUnknown;
  Gender gender = Gender::kUnknown;
  bool surname_only = false;                  // "Лукашенко" alone, "А. Лукашенко"
  bool guessed = false;                       // an unknown name read from its place (GuessNameAt)
  std::string official_name;                  // full nominative name from officials.tsv, else ""
  std::string official_role, official_party;  // from officials.tsv: the latest post
  // Every post of that official, so that a caller who knows the role or the
  // year can pick the right one; views the NameFinder's table (valid while
  // the NameFinder lives).
  std::span<const OfficialPost> official_posts;
};

class NameFinder {
 public:
  // Reads lexicons/first_names.tsv, lexicons/officials.tsv and lexicons/name_particles.tsv.
  static Result<std::shared_ptr<const NameFinder>> Load();

  // `tokens` come from segment::Tokenize over `text` or over a part of it with
  // the part's offset as base: token offsets index `text`.
  // Mentions are sorted by start and do not overlap.
  std::vector<PersonMention> Find(std::string_view text, const std::vector<segment::Token>& tokens) const;
  // "Владиславом Шапшой" -> "Владислав Шапша"; "" when the phrase is not
  // exactly one name.
  std::string Normalize(std::string_view phrase) const;

  // A name the lexicons do not know, at tokens[first], where the caller
  // expects one (after a role and its complement: «со спикером парламента
  // Пакистана Сардаром Аязом Садиком», «послом Ирана Каземом Джалали»), in
  // one of the cases of `cases`. Reads two to four capitalised words, with
  // the particles of lexicons/name_particles.tsv between them («Мухаммеда бен
  // Заида»), followed by a word in lower case, punctuation or the end, and
  // brings each word to the nominative under the gender and case that most
  // words fit (a word that fits none stays as written). Adjective-shaped
  // words (an institution's name) and, in the nominative, a first word
  // ending in a vowel (a genitive complement: «Совета Республики») are not
  // read as a name. nullopt when the words do not look like one name.
  // The mention has guessed = true; offsets index `text`.
  std::optional<PersonMention> GuessNameAt(std::string_view text, const std::vector<segment::Token>& tokens,
                                           size_t first, CaseMask cases) const;

  size_t first_name_count() const { return first_names_.size(); }
  size_t official_count() const { return officials_.size(); }

  struct FirstName {
    std::string nom;   // as in the lexicon
    std::string fold;  // folded nominative
    Gender gender = Gender::kUnknown;
    bool common_word = false;  // "word" note: Вера, Лев
    bool foreign = false;      // "foreign" note: the surname after it may not decline (Казем Джалали)
  };
  struct Official {
    std::string name, first_fold, surname_fold, role, party;
    int from = 0, to = 0;  // 0 when unknown / in office
    Gender gender = Gender::kUnknown;
  };
  // A first-name form: which name, which cases.
  struct FirstForm {
    uint32_t name = 0;
    CaseMask cases = 0;
  };
  struct OfficialForm {
    uint32_t official = 0;
    CaseMask cases = 0;
  };

 private:
  NameFinder() = default;
  struct Impl;
  friend struct Impl;

  std::vector<FirstName> first_names_;
  // Looked up with the string_view folds of the text, without a std::string per lookup.
  StringMap<std::vector<FirstForm>> first_forms_;  // folded form -> names
  KeyFilter first_filter_;                         // first_forms_'s keys: most words miss without hashing
  std::vector<Official> officials_;
  StringMap<std::vector<OfficialForm>> surname_forms_;  // folded surname form
  KeyFilter surname_filter_;                            // surname_forms_'s keys
  StringMap<std::vector<uint32_t>> officials_by_surname_;  // folded nominative
  std::vector<std::vector<OfficialPost>> posts_;           // per official row: every post of that name
  StringSet patronymic_bases_;                             // folded stems patronymics are built on
  StringSet particles_;                                    // «бен», «аль», «фон»: lower-case name parts
};

}  // namespace oborot::lang
