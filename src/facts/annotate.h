// Runs every recogniser of the language and expression layers over a cleaned
// Document once, and keeps the mentions per sentence for the fact rules and
// for `oborot annotate`.
//
//   auto lex = oborot::facts::Lexicons::Load();          // once; shared by threads
//   oborot::facts::Annotations a = oborot::facts::Annotate(**lex, doc);
//   for (const auto& m : a.money) ...
//
// Offsets are byte offsets into Document::text. Annotations refer to the
// Document by offsets only and stay valid as long as its text is unchanged.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "oborot/document.h"
#include "oborot/status.h"
#include "src/base/string_map.h"
#include "src/base/deadline.h"
#include "src/expr/changes.h"
#include "src/expr/dates.h"
#include "src/expr/money.h"
#include "src/expr/quantities.h"
#include "src/lang/gazetteer.h"
#include "src/lang/names.h"
#include "src/lang/organizations.h"
#include "src/lang/roles.h"
#include "src/lang/sectors.h"
#include "src/segment/tokens.h"

namespace oborot::facts {

// Word lists the fact rules use: cue kind per stem or form. data/lexicons/fact_cues.tsv
// (what a figure is and its status), clause_words.tsv (the words clauses are built
// from, src/facts/clauses.h) and the verbs and nouns of change_verbs.tsv.
enum class Cue : uint8_t {
  kNone,
  kTrade,        // товарооборот, объём торговли, взаимная торговля, торговать
  kTradeVerb,    // торгуем, наторговали: trade and actual at once
  kNotTrade,     // экспорт, импорт, сальдо, выручка: money that is not turnover
  kProject,      // стоимость, проект, инвестиции, контракт: not turnover; a project's value
  kTarget,       // довести, стремиться, планируем, должны, ... (verbs and modals)
  kTargetNoun,   // задача, цель, в перспективе: a goal word that is not a verb
  kActual,       // превысил, составил, достиг, имеем, ... (verbs)
  kActualTime,   // по итогам, сегодня: a result word that is not a verb
  kFutureVerb,   // превысит, составит, достигнет: target
  kSpeech,       // сказал, заявил, отметил, подчеркнул, ...
  kMeeting,      // встреча, встретился, переговоры, принял
  kFutureMeeting,  // встретится, проведёт переговоры
  kAnaphor,      // область, регион, республика, край: refers back to the partner
  kShare,        // доля, треть, четверть, процент (of the trade)
  kDelegation,   // делегация: a side of a meeting named by its delegation
  kVisit,        // посетил, прибыл, с визитом: the city after it is a meeting's place
  kBothSides,    // двух стран, обеих сторон: a meeting of the document's two sides
  kDoubling,     // удвоить, удвоился: a change of +100% with no number
  kTripling,     // утроить, утроился: +200%
  kForecast,     // по мнению аналитиков, по прогнозам экспертов: a target that is someone's forecast
  // clause_words.tsv
  kConj,           // а, но, однако, если, то, при этом: opens a clause after a comma
  kAnd,            // и: a clause when a verb follows
  kRelative,       // что, который, где: a subordinate clause
  kGerund,         // увеличившись, превысив: a gerund turn
  kPronoun,        // он, она: a subject standing for the previous figure
  kThis,           // это, эта цифра, его объём: the figure just named
  kBase,           // по сравнению с, к уровню, чем: a comparison base follows
  kAuxPast,        // был, была: «был достигнут» reports a result
  kPastGovernor,   // удалось, позволило: an infinitive under it is a result
  kPartitive,      // из них, в том числе, пришлось: a part of the whole
  kPairCountries,  // двух стран, между нашими странами
  kPairRegions,    // двух регионов, между нашими областями
  kTotalTrade,     // внешняя торговля: one side's whole foreign trade
  kGroupPartner,   // со странами СНГ: trade with a group of countries, no pair's
  kDelivery,       // поставка, приобрести, выпуск
  kPlanned,        // планируется, готовы
  kAdverb,         // уже, ещё, также: may stand before a verb whose subject is left out
  kNeutral,        // в целом, Ростов: hides the cues of its words
  kExceed,         // превысить: after a target figure, makes it a floor
  kShareWord,      // доля, удельный вес: the figure is a share
  kComparative,    // больше, меньше, выше, ниже
  kThan,           // чем: a comparison base when a date follows («чем в 2018 году»)
  kTimeWord,       // годом ранее, раньше: a time after «чем»
  kYearBefore,     // «годом ранее»: a time after «чем», and after an amount the year before its clause's
  kRemaining,      // осталось: «до миллиарда осталось немного» is the distance to a goal
  kAggregate,      // регионами, субъектов: several regions at once
  kOblastNoun,     // область: after an oblast's adjective it names a side
  kLocative,       // в, во before a place: looked up by Lexicons::HasWordClass, not matched
  kByAmount,       // на before an amount: looked up, not matched
  kWith,           // с, со before a year («с 1990 года») or a partner («с РФ»): looked up, not matched
  kNegation,       // не before a verb of reaching: looked up, not matched
  kPurpose,        // чтобы, дабы: opens a clause like a conj; a figure in it is a goal
  kTheseRegions,    // в этих регионах: the regions the sentence before lists, one fact each
  kFirstPerson,    // мы, нас, я: the speaker of a quotation is a side («У нас прошла встреча с …»): looked up
  kThisCountry,    // этой страны: after a role, the foreign country named last («с послом этой страны»)
  kOfWhole,        // от after a percent («50% от всех сделок»): a part of a whole: looked up
  kLevelNoun,      // отметки: «достигнув отметки в 62 млн» — a word of the predicate, not a subject
  kEventNoun,      // форуме, саммите: after a city's adjective (venue_adjectives.tsv), held in that city: looked up
  kCityNoun,       // городе: «в китайском городе Циндао», the city's name follows: looked up
  kPartnerNoun,    // предприятиями: «с предприятиями Беларуси», the country after it is the partner: looked up
  kOtherSet,       // другими, остальными: «с другими регионами» is a comparison set, not a side: looked up
  kParticipation,  // участие, участвовали, в составе: a sentence listing more people of a meeting: looked up
  kCompanyNoun,    // компаний, предприятий: «с руководителями цзянсуских компаний», the adjective is no side: looked up
  // change_verbs.tsv (verbs and nouns)
  kChangeUp,        // вырос, увеличился
  kChangeDown,      // сократился, снизился
  kChangeNounUp,    // рост, прирост
  kChangeNounDown,  // снижение, падение
};
// The cue kind named `name` in a lexicon ("trade", "base", ...), or kNone.
Cue CueFromName(std::string_view name);
// True for the cues that say what kind of money a figure is: trade, trade_verb, not_trade, project.
inline bool IsMeasureCue(Cue c) {
  return c == Cue::kTrade || c == Cue::kTradeVerb || c == Cue::kNotTrade || c == Cue::kProject;
}

struct CueMention {
  uint32_t token = 0;      // index into Annotations::tokens: the first word
  uint32_t end_token = 0;  // one past the last word
  Cue cue = Cue::kNone;
  std::string_view word;  // the lexicon entry (lives as long as the Lexicons)
  std::string_view by;    // who forecasts, for kForecast (may be empty; lives as long as the Lexicons)
};

class Lexicons {
 public:
  static Result<std::shared_ptr<const Lexicons>> Load();
  std::shared_ptr<const lang::Gazetteer> gazetteer;
  std::shared_ptr<const lang::NameFinder> names;
  std::shared_ptr<const lang::RoleFinder> roles;
  std::shared_ptr<const lang::OrgRecognizer> orgs;
  std::shared_ptr<const lang::SectorTagger> sectors;
  lang::PhraseMatcher cues;            // payload: index into cue_kinds
  std::vector<std::pair<Cue, std::string>> cue_kinds;
  // Who forecasts, for a forecast cue (the `by:` note of fact_cues.tsv), by index into cue_kinds.
  std::vector<std::string> cue_by;
  // data/lexicons/foreign_cities.tsv: a city abroad after «в» (folded form) -> its nominative
  // (and data/lexicons/venues.tsv: a residence or a capital of one to three words, «дворце независимости»)
  StringMap<std::string> foreign_cities;
  // data/lexicons/venue_adjectives.tsv: a city's adjective before an event (folded form) -> the city
  StringMap<std::string> venue_adjectives;
  // Classes of single folded words the rules look up at a known place (the word
  // before a party's name or an amount) rather than match everywhere: kLocative,
  // kByAmount. A word may be listed in several classes (every row counts).
  bool HasWordClass(std::string_view fold, Cue cue) const;
  // The country a capital that is a party of its own stands for (data/gazetteers/capitals.tsv:
  // BY-HM -> BY, RU-MOW -> RU), or "" when `code` is no such capital.
  std::string_view CapitalOf(std::string_view code) const;
  // True when a quantity's unit measures rather than counts things delivered
  // (data/lexicons/measure_units.tsv: «квадратный метр», «тонна», «регион»).
  bool IsMeasureUnit(std::string_view unit) const;

 private:
  friend class LexiconsLoader;
  std::vector<std::pair<std::string, Cue>> word_classes_;  // sorted by word
  std::vector<std::pair<std::string, std::string>> capitals_;  // city code, country code
  std::vector<std::string> measure_units_;                     // sorted
};

struct SentenceMentions {
  uint32_t first_token = 0, end_token = 0;  // tokens of the sentence
  std::vector<size_t> parties, persons, roles, orgs, sectors, cues;  // indexes into Annotations vectors
  std::vector<expr::MoneyExpr> money;
  std::vector<expr::ChangeExpr> changes;
  std::vector<expr::PercentExpr> percents;  // percents that are no change: shares, levels, ellipses
  std::vector<expr::QuantityExpr> quantities;
  std::vector<expr::DateExpr> dates;
  bool in_quote = false;  // the sentence is (part of) a direct quotation
};

// The kinds of mention the document's budget counts: parties, persons,
// roles, organisations, sectors, cues.
inline constexpr size_t kMentionKinds = 6;

struct Annotations {
  segment::Tokens tokens;
  lang::TokenStems stems;
  std::vector<lang::PartyMention> parties;
  std::vector<lang::PersonMention> persons;
  std::vector<lang::RoleMention> roles;
  std::vector<lang::OrgMention> orgs;
  std::vector<lang::SectorMention> sectors;
  std::vector<CueMention> cues;
  std::vector<SentenceMentions> sentences;  // parallel to Document::sentences
  // Mentions dropped by the budgets (see AnnotateLimits), for the warnings.
  size_t sentence_dropped = 0, doc_dropped = 0;
  // The mentions of each kind the document's budget kept (parties, persons,
  // roles, orgs, sectors, cues): a window of a large document hands them to
  // the next (AnnotateLimits::doc_taken), so the budget stays the document's.
  std::array<size_t, kMentionKinds> doc_kept{};
  // The deadline passed before every sentence was read: the rest is empty.
  bool expired = false;
};

// Caps on the mentions kept (oborot::Budgets), so that the fact rules, which
// look at pairs of mentions within a sentence and at people, roles and
// parties across the document, stay bounded whatever the input.
struct AnnotateLimits {
  size_t sentence_mentions = 64;  // of each kind per sentence (expressions, parties, cues, ...)
  size_t doc_mentions = 10'000;   // of each kind per document (parties, persons, roles, orgs, sectors, cues)
  // Mentions of each kind that earlier windows of the same document took
  // from doc_mentions (Annotations::doc_kept); zero for a whole document.
  std::array<size_t, kMentionKinds> doc_taken{};
  Deadline deadline{};            // checked once per sentence
};

Annotations Annotate(const Lexicons& lex, const Document& doc, const AnnotateLimits& limits = {});
// Warnings for the mentions a's budgets dropped, naming their options.
void AnnotationWarnings(const Annotations& a, const AnnotateLimits& limits, const std::string& source,
                        std::vector<std::string>& out);
// The same from the counts of dropped mentions (summed over the windows of a large document).
void AnnotationWarnings(size_t doc_dropped, size_t sentence_dropped, const AnnotateLimits& limits,
                        const std::string& source, std::vector<std::string>& out);

// What the document says about each of its people, in Annotations::persons
// order: the contract's «Имя Фамилия» (a surname alone completed from the
// document or the officials lexicon), the full name with the patronymic
// when given, and the role and party the discourse gives them (a known
// official's post when the text names none; "" when unknown).
struct PersonInfo {
  std::string name, full_name, role, party;
  bool official = false;  // found in data/lexicons/officials.tsv
};
std::vector<PersonInfo> DescribePersons(const Lexicons& lex, const Document& doc, const Annotations& a);

// Marks every mention inline in the cleaned text: "[Калужской области|party RU-KLU]".
std::string RenderAnnotated(const Document& doc, const Annotations& a);

}  // namespace oborot::facts
