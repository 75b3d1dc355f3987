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

#include <memory>
#include <string>
#include <vector>

#include "oborot/document.h"
#include "oborot/status.h"
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

// Word lists the fact rules use (data/lexicons/fact_cues.tsv): cue kind per stem.
enum class Cue : uint8_t {
  kNone,
  kTrade,        // товарооборот, объём торговли, взаимная торговля, торговать
  kTradeVerb,    // торгуем, наторговали: trade and actual at once
  kNotTrade,     // экспорт, импорт, сальдо, выручка: money that is not turnover
  kProject,      // стоимость, проект, инвестиции, контракт: not turnover; a project's value
  kTarget,       // довести, стремиться, задача, цель, планируем, должны, ...
  kActual,       // превысил, составил, достиг, имеем, ...
  kFutureVerb,   // превысит, составит, достигнет: target
  kSpeech,       // сказал, заявил, отметил, подчеркнул, ...
  kMeeting,      // встреча, встретился, переговоры, принял
  kFutureMeeting,  // встретится, проведёт переговоры
  kAnaphor,      // область, регион, республика, край: refers back to the partner
  kShare,        // доля, треть, четверть, процент (of the trade)
};

struct CueMention {
  uint32_t token = 0;  // index into Annotations::tokens
  Cue cue = Cue::kNone;
  std::string word;  // the lexicon entry
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
};

struct SentenceMentions {
  uint32_t first_token = 0, end_token = 0;  // tokens of the sentence
  std::vector<size_t> parties, persons, roles, orgs, sectors, cues;  // indexes into Annotations vectors
  std::vector<expr::MoneyExpr> money;
  std::vector<expr::ChangeExpr> changes;
  std::vector<expr::QuantityExpr> quantities;
  std::vector<expr::DateExpr> dates;
  bool in_quote = false;  // the sentence is (part of) a direct quotation
};

struct Annotations {
  std::vector<segment::Token> tokens;
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
  // The deadline passed before every sentence was read: the rest is empty.
  bool expired = false;
};

// Caps on the mentions kept (oborot::Budgets), so that the fact rules, which
// look at pairs of mentions within a sentence and at people, roles and
// parties across the document, stay bounded whatever the input.
struct AnnotateLimits {
  size_t sentence_mentions = 64;  // of each kind per sentence (expressions, parties, cues, ...)
  size_t doc_mentions = 10'000;   // of each kind per document (parties, persons, roles, orgs, sectors, cues)
  Deadline deadline{};            // checked once per sentence
};

Annotations Annotate(const Lexicons& lex, const Document& doc, const AnnotateLimits& limits = {});
// Warnings for the mentions a's budgets dropped, naming their options.
void AnnotationWarnings(const Annotations& a, const AnnotateLimits& limits, const std::string& source,
                        std::vector<std::string>& out);

// Marks every mention inline in the cleaned text: "[Калужской области|party RU-KLU]".
std::string RenderAnnotated(const Document& doc, const Annotations& a);

}  // namespace oborot::facts
