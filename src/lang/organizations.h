// Organisations named in Russian news text: enterprises, authorities, and the
// quoted names that follow an organisation word.
//
//   auto rec = oborot::lang::OrgRecognizer::Load();       // once; share the pointer
//   if (!rec.ok()) return rec.status();
//   auto tokens = oborot::segment::Tokenize(text);
//   auto stems = oborot::lang::StemTokens(tokens);         // shared with the other matchers
//   for (const auto& m : (*rec)->Find(text, tokens, stems))
//     Use(m.name, m.country, m.sector);                    // "МАЗ", "BY", "automotive"
//
// Two sources:
//  - known names from data/lexicons/organizations.tsv, matched by Snowball stem
//    through PhraseMatcher, so every case form hits («на МАЗе», «с КАМАЗом»,
//    «Гомсельмаша», «заводу БелАЗ»). A word written in capitals in the lexicon
//    must be in capitals in the text («газ» is not ГАЗ), and a lone
//    abbreviation inside an all-capitals headline is not trusted.
//  - unknown names by pattern, with the words of data/lexicons/org_patterns.tsv:
//      * a quoted name after an organisation word («компания "Меркатор"»,
//        «ОАО «Гомельстекло»», «завод „Звезда“», «предприятие ООО "Ромашка"»);
//      * a capitalised name after a legal form («ООО Ромашка»), or a Latin
//        name after any organisation word («концерн Volkswagen»);
//      * a capitalised adjective before a plant word («Оршанский льнокомбинат»,
//        «Брестский электромеханический завод»).
//    Their country comes from a country or place adjective next to them
//    («калужская компания», «белорусское ОАО», the name's own «Гомельский»),
//    else it is empty.
// A quoted title after a word of kind `other` in org_patterns.tsv (кинотеатр,
// фильм, газета, форум, программа…) is not an enterprise: it gets
// OrgKind::kOther and suppresses known names inside it («кинотеатр
// «Беларусь»»). Find() leaves kOther mentions out unless include_other is set.
//
// Errors: Load() returns kNotFound when a data file is missing and kCorrupt
// naming the file and line when a row is malformed (unknown kind or sector id).
// Lifetimes: mentions own their strings; nothing refers into the arguments.
// Thread safety: a loaded recognizer is immutable; Find() may run concurrently.
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

enum class OrgKind : uint8_t {
  kEnterprise,  // companies, plants, banks, universities, joint ventures
  kBody,        // ministries, governments, executive committees, chambers
  kOther,       // a named cinema, film, newspaper, event or programme: not an organisation of interest
};
// "enterprise", "body", "other".
std::string_view OrgKindName(OrgKind kind);

struct OrgMention {
  uint32_t start = 0;    // byte offsets of the name in the text (without surrounding quotes)
  uint32_t end = 0;
  std::string name;      // canonical name from the lexicon, or the recognised name as written
  std::string country;   // party code (BY, RU, CN…) or "" when unknown
  std::string sector;    // sector id (see sectors.h) or ""
  bool known = false;    // true: from the lexicon; false: recognised by a pattern
  OrgKind kind = OrgKind::kEnterprise;
};

class OrgRecognizer {
 public:
  // Reads lexicons/organizations.tsv, lexicons/org_patterns.tsv and
  // lexicons/sector_names.tsv (through data::Read) and compiles the matchers.
  // Errors: kNotFound, kCorrupt.
  static Result<std::shared_ptr<const OrgRecognizer>> Load();

  // Mentions ordered by start, non-overlapping. `text` is the string the token
  // offsets index into (the document when the tokens were made with a base).
  std::vector<OrgMention> Find(std::string_view text, const std::vector<segment::Token>& tokens,
                               const TokenStems& stems, bool include_other = false) const;
  // Convenience: tokenises and stems `text` first.
  std::vector<OrgMention> Find(std::string_view text, bool include_other = false) const;

  // Number of distinct known organisations (canonical names).
  size_t size() const { return orgs_.size(); }

  // Public for the implementation's helper functions; not part of the API.
  enum class PatternKind : uint8_t { kLegal, kOrg, kPlant, kBody, kOther, kAdjCountry, kAdjPlace };
  struct Pattern {
    PatternKind kind;
    std::string country;
    std::string sector;
    std::vector<uint8_t> upper;       // per word of the form: leading capitals the text must have
    std::vector<std::string> words;   // the form's folded words (its nominative)
  };

 private:
  struct Org {
    std::string name, country, sector;
    OrgKind kind;
  };
  struct Form {
    uint32_t org;
    std::vector<uint8_t> upper;  // per word of the form: leading capitals the text must have
    bool short_caps = false;     // every word an abbreviation of at most four capitals (ГАЗ, ЦБ РФ)
  };

  OrgRecognizer() = default;
  void FindKnown(std::string_view text, const std::vector<segment::Token>& tokens,
                 const TokenStems& stems, std::vector<OrgMention>* out) const;
  void FindPatterns(std::string_view text, const std::vector<segment::Token>& tokens,
                    const TokenStems& stems, std::vector<OrgMention>* out) const;

  std::vector<Org> orgs_;
  std::vector<Form> forms_;  // payload of org_matcher_
  PhraseMatcher org_matcher_;
  std::vector<Pattern> patterns_;  // payload of pattern_matcher_
  PhraseMatcher pattern_matcher_;
};

}  // namespace oborot::lang
