// Clause structure of a sentence: where its clauses begin and end, what each
// one's predicate and subject are, which clause continues which (coordination,
// ellipsis, «что»), and which spans are comparison bases. Computed once per
// sentence from the tokens, the expressions and the cues of clause_words.tsv,
// fact_cues.tsv and change_verbs.tsv, and read by every fact rule.
//
//   SentenceClauses sc = AnalyzeClauses(ann, ann.sentences[s]);
//   const Clause& c = sc.clauses[sc.ClauseOf(token)];
//   if (c.predicate_cue == Cue::kFutureVerb) ...;   // «превысит»: a target
//   for (int p = c.parent; p >= 0; p = sc.clauses[p].parent) ...;  // the clauses it continues
//
// It is not a parser. A comma, «и» or a dash opens a clause only when what
// follows has a clause's parts of its own:
//   - «;», «:», round brackets and «/…/» always end a clause (square brackets are
//     an editor's insertion: «с более $60 млрд [товарооборота]»);
//   - a comma followed by a conjunction («а», «но», «если», «то»), a relative
//     word («что», «который»), a gerund («увеличившись», «превысив») or a part of
//     the whole («из них», «в том числе») opens one;
//   - a comma or «и» followed by a stretch with its own verb opens one when the
//     current clause already has a verb («составил 5 млн и вырос на 7%»);
//   - a comma followed by a stretch with a dash and a figure and no verb opens an
//     elliptic clause («…составил 133 млн, за январь–июнь — 68 млн»), as does a
//     comma before a money noun with a figure of its own («, экспорт — 268 млн»).
// Anything else (a comma before «или 122%», «по данным Белстата») stays in the
// clause. Each clause's `parent` is the clause before it outside brackets (a
// bracketed clause's parent is the clause it follows): a clause with no money
// noun of its own, or a pronoun for one, talks about its parent's subject, and
// a clause with no verb takes its parent's predicate.
//
// Comparison bases: a base cue («по сравнению с», «к уровню», «чем»,
// «аналогичный период», «выше показателей») and the date right after it
// («2019 года», «прошлого года», «2022-го»), within the clause.
//
// Cost: linear in the sentence's tokens and cues. Offsets: token indexes into
// Annotations::tokens; base spans are byte offsets into Document::text.
#pragma once

#include <cstdint>
#include <vector>

#include "oborot/document.h"
#include "src/facts/annotate.h"

namespace oborot::facts {

inline constexpr uint32_t kNoToken = UINT32_MAX;
// How many clauses a rule walks up a parent chain (an ellipsis continues a clause a few
// clauses back at most): keeps every walk, and so every rule, linear in the sentence.
inline constexpr int kMaxParentWalk = 8;

// What opened a clause.
enum class Opener : uint8_t {
  kStart,     // the sentence's first clause
  kHard,      // «;», «:», a bracket, «/»
  kConj,      // «, а», «, но», «, если», «то»
  kAnd,       // «и» (with or without a comma) before a verb
  kRelative,  // «, что», «, который»
  kGerund,    // «, увеличившись»
  kComma,     // a comma before a stretch with its own verb, an elliptic «— 68 млн» or a money noun
};

struct Clause {
  uint32_t first = 0, end = 0;  // tokens [first, end)
  Opener opener = Opener::kStart;
  int parent = -1;  // the clause before it outside brackets (see above); -1: none
  // its subject: a money noun (trade, not_trade, project), a pronoun or «это», «эта цифра»
  uint32_t subject = kNoToken;
  Cue subject_cue = Cue::kNone;
  // its predicate: the first verb-like cue (actual, target, future_verb, trade_verb, aux_past,
  // past_governor, change verbs); kNone when the clause has none (an elliptic clause)
  uint32_t predicate = kNoToken;
  Cue predicate_cue = Cue::kNone;
  bool dash = false;  // a dash stands for the verb («товарооборот — 41,4 млн»)
  int8_t change = 0;  // +1/-1: the direction of its change word («вырос», «снижение»), 0: none
  uint32_t change_token = kNoToken;
};

struct SentenceClauses {
  std::vector<Clause> clauses;
  std::vector<Span> bases;  // comparison bases, bytes: «по сравнению с аналогичным периодом 2019 года»
  // per SentenceMentions::dates entry: the start byte of the figure (money or change) of its clause
  // nearest to it, UINT32_MAX when its clause has none («с 6,5 млрд в 1996 году до 55 млрд в 2025-м»)
  std::vector<uint32_t> date_figure;
  // The clause holding token t (t within the sentence).
  size_t ClauseOf(uint32_t t) const;
  // True when the byte span [start, end) lies inside a comparison base.
  bool InBase(uint32_t start, uint32_t end) const;
  // The clause's predicate, or the nearest one up its parent chain (ellipsis).
  const Clause* PredicateClause(size_t c) const;
};

// Cues that act as a clause's verb.
bool IsPredicateCue(Cue c);

SentenceClauses AnalyzeClauses(const Annotations& a, const SentenceMentions& sm);

}  // namespace oborot::facts
