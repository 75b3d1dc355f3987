// Turnover figures, their changes and shares, over the clause structure
// (clauses.h).
//
// A money expression or a change is about turnover when the money noun that
// governs it is a trade word: the nearest money noun (товарооборот, экспорт,
// инвестиции…) of its own clause, else of the clauses it continues when its
// own subject is left out or is a pronoun («…составил 5 млн и по сравнению с
// 2011 годом увеличился на 30%»), else — when its sentence opens without a
// subject or with a pronoun («Максимума он достиг…», «В деньгах это около 64
// млн», «В 2021 году составил 4,5 млрд») — the trade topic of the sentences
// just before. Status comes from the clause's predicate (or its parent's, in
// an ellipsis); the year from rules_year.cc; the pair from rules_context.cc.
// A figure a few sentences after a turnover figure may still continue it as a
// goal («…составил 320 млн. Задача — выйти на полмиллиарда»).
//
// Cost: per figure, a walk over the cues of its clause chain; the clause
// structure is built once per sentence (BuildContext).
#include <algorithm>
#include <cmath>

#include "src/facts/rules.h"

namespace oborot::facts {
namespace {

constexpr size_t kTopicReach = 2;         // sentences a trade topic carries over
constexpr size_t kContinuationReach = 3;  // sentences a goal may continue a figure
constexpr size_t kRecentValues = 4;       // actual figures a restatement is compared with

bool Inside(const CueMention& c, const Clause& cl) { return c.token >= cl.first && c.token < cl.end; }

bool IsTargetCue(Cue c) { return c == Cue::kTarget || c == Cue::kTargetNoun || c == Cue::kFutureVerb; }

// «сальдо торговли», «доля Беларуси в товарообороте»: the trade word of the sentence's i-th cue
// governed by another money word standing just before it (only party names and short words
// between). The lexicon lists the nominative: a trade word in that form («союзного
// строительства товарооборот вырос») is a subject, never governed.
bool TradeGoverned(const Annotations& a, const SentenceMentions& sm, size_t i) {
  const CueMention& c = a.cues[sm.cues[i]];
  if (c.cue != Cue::kTrade) return false;
  const std::string_view first_word = c.word.substr(0, c.word.find(' '));
  if (a.tokens[c.token].fold == first_word) return false;
  auto in_party = [&](size_t t) {
    for (size_t k : sm.parties) {
      if (a.tokens[t].start >= a.parties[k].start && a.tokens[t].end <= a.parties[k].end) return true;
    }
    return false;
  };
  for (size_t j = i; j-- > 0;) {
    const CueMention& o = a.cues[sm.cues[j]];
    if (o.end_token + 3 < c.token) break;
    if (o.cue != Cue::kNotTrade && o.cue != Cue::kProject) continue;
    if (o.end_token > c.token) continue;
    bool plain = true;
    for (uint32_t t = o.end_token; t < c.token && plain; ++t) {
      plain = a.tokens[t].kind != segment::TokenKind::kPunct && (a.tokens[t].fold.size() <= 4 || in_party(t));
    }
    if (plain) return true;
  }
  return false;
}

// What the rules know about one sentence, computed once per sentence: which tokens are
// accounted for (cues, dates, figures, parties, bases), which trade words another money
// word governs, and each clause's cues. Every query is then linear in a clause's cues.
class SentenceView {
 public:
  SentenceView(const DocContext& ctx, size_t s) : a_(*ctx.ann), sm_(ctx.ann->sentences[s]), sc_(ctx.clauses[s]) {
    const uint32_t first = sm_.first_token, n = sm_.end_token - sm_.first_token;
    known_.assign(n, 0);
    auto mark_bytes = [&](uint32_t start, uint32_t end, uint8_t bit) {
      for (size_t t = TokenAt(a_, start); t < sm_.end_token && a_.tokens[t].start < end; ++t) known_[t - first] |= bit;
    };
    for (size_t k : sm_.parties) mark_bytes(a_.parties[k].start, a_.parties[k].end, kParty | kKnown);
    for (const auto& d : sm_.dates) mark_bytes(d.start, d.end, kKnown);
    for (const auto& m : sm_.money) mark_bytes(m.start, m.end, kKnown);
    for (const auto& c : sm_.changes) mark_bytes(c.start, c.end, kKnown);
    for (const auto& p : sm_.percents) mark_bytes(p.start, p.end, kKnown);
    for (const Span& b : sc_.bases) mark_bytes(b.start, b.end, kKnown);
    clause_cues_.resize(sc_.clauses.size());
    governed_.assign(sm_.cues.size(), 0);
    for (size_t i = 0; i < sm_.cues.size(); ++i) {
      const CueMention& c = a_.cues[sm_.cues[i]];
      for (uint32_t t = c.token; t < c.end_token && t < sm_.end_token; ++t) known_[t - first] |= kKnown;
      if (IsTargetCue(c.cue) && c.token < sm_.end_token) known_[c.token - first] |= kTarget;
      if (!sc_.clauses.empty()) clause_cues_[sc_.ClauseOf(c.token)].push_back(&c);
      governed_[i] = ComputeGoverned(i);
    }
  }

  const SentenceClauses& clauses() const { return sc_; }
  // The cues of clause k, in text order.
  const std::vector<const CueMention*>& CuesOf(size_t k) const { return clause_cues_[k]; }
  uint32_t TokenStart(uint32_t t) const { return a_.tokens[t].start; }
  // Clause k has a money figure.
  bool HasMoney(size_t k) const {
    const Clause& cl = sc_.clauses[k];
    for (const auto& m : sm_.money) {
      const size_t t = TokenAt(a_, m.value_start);
      if (t >= cl.first && t < cl.end) return true;
    }
    return false;
  }
  // Clause k stands inside brackets or slashes.
  bool IsAside(size_t k) const {
    const Clause& cl = sc_.clauses[k];
    if (cl.first == 0 || cl.first <= sm_.first_token) return false;
    const segment::Token& open = a_.tokens[cl.first - 1];
    return open.kind == segment::TokenKind::kPunct && (open.fold == "(" || open.fold == "/");
  }
  bool TargetAt(uint32_t t) const {
    return t >= sm_.first_token && t < sm_.end_token && (known_[t - sm_.first_token] & kTarget);
  }

  // «сальдо торговли», «доля Беларуси в товарообороте»: a trade word governed by another
  // money word standing just before it (only party names and short words between).
  bool Governed(const CueMention& c) const { return governed_[IndexOf(c)]; }

  // The money noun of clause cl nearest to token t (before it preferred), not in a base.
  const CueMention* NearestMeasure(size_t clause, size_t t) const {
    const CueMention* best = nullptr;
    size_t best_d = SIZE_MAX;
    for (const CueMention* c : clause_cues_[clause]) {
      if (!IsMeasureCue(c->cue) || governed_[IndexOf(*c)]) continue;
      if (sc_.InBase(a_.tokens[c->token].start, a_.tokens[c->token].end)) continue;
      const size_t d = c->token <= t ? (t - c->token) * 2 : (c->token - t) * 2 + 1;
      if (d < best_d) {
        best_d = d;
        best = c;
      }
    }
    return best;
  }

  // True when clause cl leaves its subject out: every word before `upto` is a cue, a
  // date, a figure, a party's name or a short word («В 2021 году уже составил…»,
  // «и по сравнению с 2011 годом увеличился…»), or its subject is a pronoun or «это».
  bool SubjectLeftOut(size_t clause, size_t upto) const {
    const Clause& cl = sc_.clauses[clause];
    if (cl.subject != kNoToken && (cl.subject_cue == Cue::kPronoun || cl.subject_cue == Cue::kThis)) return true;
    if (cl.subject != kNoToken && IsMeasureCue(cl.subject_cue)) return false;
    // «…составил 70 млн, что выше уровня предыдущего года на 20%»: «что» stands for the clause
    // before, unless that clause is a speech verb's («заявил, что…»: «что» opens a new statement)
    if (cl.opener == Opener::kRelative && cl.parent >= 0 && !HasSpeech(static_cast<size_t>(cl.parent))) return true;
    // the two words after a short word (a preposition: «на высокой базе», «в деньгах») are its object
    size_t object_until = 0;
    for (size_t t = cl.first; t < upto && t < cl.end; ++t) {
      const segment::Token& tok = a_.tokens[t];
      if (tok.kind != segment::TokenKind::kWord) continue;
      if (Short(t)) {
        object_until = t + 3;
        continue;
      }
      if (!(known_[t - sm_.first_token] & kKnown) && t >= object_until) return false;
    }
    return true;
  }

 private:
  static constexpr uint8_t kKnown = 1, kParty = 2, kTarget = 4;

  size_t IndexOf(const CueMention& c) const {
    // cues of a sentence are consecutive in Annotations::cues
    return static_cast<size_t>(&c - a_.cues.data()) - sm_.cues.front();
  }
  bool ComputeGoverned(size_t i) const { return TradeGoverned(a_, sm_, i); }
  bool HasSpeech(size_t clause) const {
    for (const CueMention* c : clause_cues_[clause]) {
      if (c->cue == Cue::kSpeech) return true;
    }
    return false;
  }
  bool Short(size_t t) const {
    const std::string_view f = a_.tokens[t].fold;
    return a_.tokens[t].kind != segment::TokenKind::kWord || f.size() <= 4;  // up to two Cyrillic letters
  }

  const Annotations& a_;
  const SentenceMentions& sm_;
  const SentenceClauses& sc_;
  std::vector<uint8_t> known_;  // per token of the sentence: kKnown | kParty | kTarget
  std::vector<std::vector<const CueMention*>> clause_cues_;
  std::vector<uint8_t> governed_;  // per cue of the sentence (index into sm_.cues)
};

// The money noun that governs a figure at token t of clause `clause`.
struct Governor {
  const CueMention* cue = nullptr;  // nullptr: none, or the topic
  bool topic = false;               // the sentence's subject is left out: the previous sentences' topic
  bool own = false;                 // found in the figure's own clause
};

Governor GovernorOf(const SentenceView& v, size_t clause, size_t t) {
  const SentenceClauses& sc = v.clauses();
  Governor g;
  if ((g.cue = v.NearestMeasure(clause, t))) {
    g.own = true;
    return g;
  }
  for (size_t k = clause, steps = 0; steps <= kMaxParentWalk; ++steps) {
    const Clause& cl = sc.clauses[k];
    const size_t upto = cl.predicate != kNoToken ? std::min<size_t>(cl.predicate, t) : t;
    if (!v.SubjectLeftOut(k, upto)) return g;
    if (cl.parent < 0) {
      g.topic = true;
      return g;
    }
    if (!ContinuesParent(cl) && cl.opener != Opener::kConj) return g;
    k = static_cast<size_t>(cl.parent);
    if ((g.cue = v.NearestMeasure(k, t))) return g;
    t = sc.clauses[k].end;
  }
  return g;
}

bool IsTrade(const CueMention* c) { return c && (c->cue == Cue::kTrade || c->cue == Cue::kTradeVerb); }

std::string RejectReason(const Governor& g, std::string_view nothing) {
  if (!g.cue) return std::string(nothing);
  const std::string word(g.cue->word);
  if (g.cue->cue == Cue::kProject) return "a project, investment or contract («" + word + "»), not turnover";
  return "not turnover: «" + word + "» (export, import, share or another money)";
}

struct StatusInfo {
  std::string status = "actual";
  const CueMention* cue = nullptr;
};

// «преодолел рубеж в 1 млрд», «превысил психологическую планку»: a goal noun that a past verb
// of reaching governs (the noun one word after it at most) names the level reached, not a goal
// («нужно преодолеть рубеж», «планируем перешагнуть планку» have no past verb and stay targets).
bool LevelReached(const SentenceView& v, const std::vector<const CueMention*>& cues, const CueMention& noun) {
  return std::any_of(cues.begin(), cues.end(), [&](const CueMention* p) {
    return p->cue == Cue::kActual && p->end_token <= noun.token && noun.token - p->end_token <= 1 &&
           !v.TargetAt(p->token);
  });
}

// The status of a figure at token t of clause `clause`: its clause's predicate, or in an
// ellipsis the predicate of the clause it continues.
StatusInfo StatusOf(const DocContext& ctx, const SentenceView& v, size_t s, size_t clause, size_t t) {
  const Annotations& a = *ctx.ann;
  const SentenceMentions& sm = a.sentences[s];
  const SentenceClauses& sc = v.clauses();
  const Clause& own = sc.clauses[clause];
  const Clause* pc = sc.PredicateClause(clause);
  const size_t pci = pc ? static_cast<size_t>(pc - sc.clauses.data()) : clause;
  StatusInfo st;
  // the cues that speak for the figure: its clause's, and its predicate clause's in an ellipsis
  std::vector<const CueMention*> cues = v.CuesOf(clause);
  if (pci != clause) cues.insert(cues.end(), v.CuesOf(pci).begin(), v.CuesOf(pci).end());
  // «…, чтобы товарооборот достиг 500 млн»: a purpose clause states a goal, whatever its verb;
  // a clause that «и» opened inside it («чтобы товарооборот Сербии и Беларуси достиг…») is still in it
  {
    size_t k = clause;
    for (int walk = 0; walk < kMaxParentWalk; ++walk) {
      for (const CueMention* c : v.CuesOf(k)) {
        if (c->cue == Cue::kPurpose && c->token < t) {
          st.status = "target";
          st.cue = c;
          return st;
        }
      }
      const Clause& ck = sc.clauses[k];
      if (ck.opener != Opener::kAnd || ck.parent < 0) break;
      k = static_cast<size_t>(ck.parent);
    }
  }
  // «был достигнут», «удалось увеличить до»: a result, whatever verb follows
  // («была поставлена задача достичь…», «была цель…»: the past of setting a goal, two words
  // before a goal noun at most, is no result)
  for (const CueMention* c : cues) {
    if (c->cue == Cue::kAuxPast || c->cue == Cue::kPastGovernor) {
      // «был поднят вопрос о цели увеличения … до 500 млн»: a goal noun between the past and the
      // figure, with no verb of reaching before it («была достигнута цель»), is the goal discussed
      const auto reached_before = [&](const CueMention* g) {
        return std::any_of(cues.begin(), cues.end(), [&](const CueMention* r) {
          return r->cue == Cue::kActual && r->token > c->token && r->token < g->token;
        });
      };
      const bool sets_goal = c->cue == Cue::kAuxPast && std::any_of(cues.begin(), cues.end(), [&](const CueMention* g) {
                               return g->cue == Cue::kTargetNoun && g->token > c->token &&
                                      (g->token <= c->token + 2 || (g->token < t && !reached_before(g)));
                             });
      if (sets_goal) continue;
      st.cue = c;
      return st;
    }
  }
  // a target word after the figure governs it unless a result verb already did («составил 244 млн —
  // не самый высокий показатель из возможных»), or, for a goal noun, «и» stands between
  // («достиг 740 млн и есть планы…»)
  bool result_before = false;
  size_t and_after = SIZE_MAX;  // the first «и» after the figure in its clause
  for (const CueMention* c : v.CuesOf(clause)) {
    const bool result =
        c->cue == Cue::kActual || c->cue == Cue::kTradeVerb || c->cue == Cue::kChangeUp || c->cue == Cue::kChangeDown;
    if (c->token < t && result && !v.TargetAt(c->token)) result_before = true;
    // an «и» joining two sides («между Беларусью и Брянской областью — не предел») joins no clauses
    if (c->cue == Cue::kAnd && c->token > t && and_after == SIZE_MAX &&
        std::none_of(sm.parties.begin(), sm.parties.end(),
                     [&](size_t k) { return ctx.party_token[k] == c->token + 1; })) {
      and_after = c->token;
    }
  }
  const CueMention* actual = nullptr;
  for (const CueMention* c : cues) {
    if (sc.InBase(a.tokens[c->token].start, a.tokens[c->token].end)) continue;
    if (IsTargetCue(c->cue)) {
      if (c->token > t && (result_before || (c->cue == Cue::kTargetNoun && c->token > and_after))) continue;
      if (c->cue == Cue::kTargetNoun && LevelReached(v, cues, *c)) continue;
      st.status = "target";
      st.cue = c;
      return st;
    }
    if (!actual && (c->cue == Cue::kActual || c->cue == Cue::kActualTime || c->cue == Cue::kTradeVerb)) actual = c;
  }
  st.cue = actual;
  // «тот миллиард, который мы будем иметь в этом году»: with no verb of its own, a figure that a
  // relative clause right after it (two words between at most) gives a future verb is a goal
  if (!actual && clause + 1 < sc.clauses.size()) {
    const Clause& rel = sc.clauses[clause + 1];
    if (rel.opener == Opener::kRelative && rel.parent == static_cast<int>(clause) && rel.first > t &&
        rel.first - t <= 4 && IsTargetCue(rel.predicate_cue)) {
      st.status = "target";
      return st;
    }
  }
  // a horizon («к 2025 году», «до 2030 года») makes a figure a target unless a result verb says otherwise
  // («к 2024 году он превысил отметку…»)
  if (!actual || actual->cue == Cue::kActualTime) {
    for (const auto& d : sm.dates) {
      if (!d.by) continue;
      const size_t dt = TokenAt(a, d.start);
      if (dt >= own.first && dt < own.end && !sc.InBase(d.start, d.end)) {
        st.status = "target";
        return st;
      }
    }
  }
  return st;
}

// A target in a sentence that gives it as a forecast («по мнению аналитиков»,
// «по прогнозам экспертов») is marked as one, with who forecasts: the user
// must tell it from a goal, and it never conflicts with one (kb/merge.cc).
void MarkForecast(const Annotations& a, const SentenceMentions& sm, Fact& f) {
  for (size_t ci : sm.cues) {
    const CueMention& m = a.cues[ci];
    if (m.cue != Cue::kForecast) continue;
    f.forecast = true;
    f.forecast_by = m.by;
    f.used.push_back({"forecast-cue", Span{a.tokens[m.token].start, a.tokens[m.token].end}});
    return;
  }
}

// The sector a figure is for, when a sector is named next to the trade cue («в
// агропромышленном секторе, где товарооборот…»), or in the figure's clause when
// the clause gives a part of the whole («из них на продовольствие пришлось 240 млн»).
const lang::SectorMention* SectorNear(const Annotations& a, const SentenceMentions& sm, size_t cue_token,
                                      const Clause& c, size_t figure_token) {
  auto in_party = [&](size_t t) {
    for (size_t k : sm.parties) {
      if (a.tokens[t].start >= a.parties[k].start && a.tokens[t].end <= a.parties[k].end) return true;
    }
    return false;
  };
  bool partitive = false;
  for (size_t ci : sm.cues) {
    const CueMention& m = a.cues[ci];
    partitive |= m.cue == Cue::kPartitive && m.token >= c.first && m.token < figure_token;
  }
  for (size_t si : sm.sectors) {
    const auto& sec = a.sectors[si];
    if (sec.sector == "trade" || sec.sector == "industry") continue;
    const size_t t = TokenAt(a, sec.start);
    size_t gap = 0;  // words between the cue and the sector, not counting the parties' names
    for (size_t k = cue_token + 1; k < t && k < a.tokens.size(); ++k) gap += !in_party(k);
    // before the trade word, close and with no verb between («в агропромышленном секторе, где
    // товарооборот…»; not «поставки техники позволили нарастить торговлю»)
    bool verb_between = false;
    for (size_t ci : sm.cues) {
      const CueMention& m = a.cues[ci];
      verb_between |= m.token > t && m.token < cue_token && IsPredicateCue(m.cue);
    }
    const bool before = t < cue_token && cue_token - t <= 4 && !verb_between;
    const bool after = t > cue_token && gap <= 3 && t < c.end;
    const bool part = partitive && t >= c.first && t < figure_token;
    if (before || after || part) return &sec;
  }
  return nullptr;
}

std::string QualifierId(expr::Qualifier q) {
  switch (q) {
    case expr::Qualifier::kMoreThan:
      return "more_than";
    case expr::Qualifier::kLessThan:
      return "less_than";
    case expr::Qualifier::kApprox:
      return "approx";
    default:
      return "exact";
  }
}

// An actual figure with no date of its own takes the year of the nearest dated sentence
// before it in its paragraph («По итогам 2021 года… Товарооборот с Татарстаном составил 780 млн»).
YearInfo InheritedYear(const DocContext& ctx, size_t s, const YearInfo& own) {
  constexpr size_t kReach = 4;  // sentences back
  if (own.base_year_only || own.has_date || s == 0) return own;
  const Document& doc = *ctx.doc;
  for (const auto& d : ctx.ann->sentences[s].dates) {
    if (d.kind != expr::DateExpr::Kind::kWeekday && d.kind != expr::DateExpr::Kind::kRelativeDay &&
        !ctx.clauses[s].InBase(d.start, d.end)) {
      return own;
    }
  }
  for (size_t prev = s; prev-- > 0 && s - prev <= kReach;) {
    if (doc.sentences[prev].paragraph != doc.sentences[s].paragraph) {
      // A paragraph's first sentence goes on from the last one of the paragraph before when
      // that one reports the same trade in the body («Область в 2021 году нарастила
      // товарооборот… ¶ В денежном выражении товарооборот составил…»).
      // (and names no side of its own: it speaks of the same trade)
      const bool goes_on = prev + 1 == s && prev >= ctx.body_start_sentence && ctx.ann->sentences[s].parties.empty() &&
                           doc.sentences[prev].paragraph + 1 == doc.sentences[s].paragraph &&
                           HasCue(*ctx.ann, ctx.ann->sentences[prev], Cue::kTrade);
      if (!goes_on) break;
      YearInfo y = SentenceYear(ctx, prev);
      if (!y.year) return own;
      y.used.clear();
      y.base_relative.reset();
      return y;
    }
    YearInfo y = SentenceYear(ctx, prev);
    if (!y.has_date) continue;
    if (!y.year) return own;
    y.used.clear();
    y.base_relative.reset();
    return y;
  }
  return own;
}

// «122% к аналогичному периоду прошлого года» with no other date: this year.
void ApplyRelativeBase(const DocContext& ctx, YearInfo& y) {
  if (!y.base_relative) return;
  if (auto now = ctx.NowYear()) y.year = *now + *y.base_relative + 1;
}

Span ClauseBytes(const Annotations& a, const Clause& c) {
  return Span{a.tokens[c.first].start, a.tokens[c.end - 1].end};
}

void Reject(const DocContext& ctx, std::vector<Rejection>* out, size_t s, std::string what, std::string reason,
            Span span) {
  if (!out) return;
  out->push_back(Rejection{std::move(what), std::move(reason), span, SentenceEvidence(ctx, s)});
}

// The share cue («доля», «удельный вес») of the figure's clause, or a trade word right
// after the percent («48% товарооборота»); nullptr when the percent is no share.
const CueMention* ShareCue(const Annotations& a, const SentenceMentions& sm, const Clause& cl, size_t end_token) {
  for (size_t ci : sm.cues) {
    const CueMention& c = a.cues[ci];
    if (!Inside(c, cl)) continue;
    if (c.cue == Cue::kShareWord) return &c;
    if ((c.cue == Cue::kTrade || c.cue == Cue::kTotalTrade) && c.token >= end_token && c.token <= end_token + 1)
      return &c;
  }
  return nullptr;
}

// «увеличился на 30 миллионов долларов», «на $1 млрд больше, чем в прошлом году»: an amount after
// «на» that a change word or a comparative governs is a difference, not a level.
bool AbsoluteChange(const DocContext& ctx, size_t s, const Clause& clause, const expr::MoneyExpr& m) {
  const Annotations& a = *ctx.ann;
  const size_t t = TokenAt(a, m.start);
  if (t == 0 || !ctx.lex->HasWordClass(a.tokens[t - 1].fold, Cue::kByAmount)) return false;
  if (clause.change != 0 && clause.change_token < t) return true;  // «увеличился … на 30 млн»
  const size_t after = TokenAt(a, m.end);
  for (size_t ci : a.sentences[s].cues) {
    const CueMention& c = a.cues[ci];
    if (c.cue == Cue::kComparative && c.token >= after && c.token <= after + 1) return true;
  }
  return false;
}

bool ClauseHasCue(const SentenceView& v, size_t clause, Cue cue) {
  for (const CueMention* c : v.CuesOf(clause)) {
    if (c->cue == cue) return true;
  }
  return false;
}

// «до 109,7 млрд юаней /около 16,9 млрд долл. США/»: a bracketed amount with no verb and no
// money noun of its own restates the figure before it (in another currency, rounded).
bool Restatement(const SentenceView& v, size_t clause) {
  const Clause& cl = v.clauses().clauses[clause];
  if (cl.opener != Opener::kHard || cl.parent < 0 || cl.predicate != kNoToken) return false;
  if (cl.subject != kNoToken && IsMeasureCue(cl.subject_cue)) return false;
  return v.HasMoney(static_cast<size_t>(cl.parent)) && v.IsAside(clause);
}

// «со странами СНГ в целом товарооборот составил…», «Если брать страны Содружества в целом, то
// товарооборот вырос до…»: trade with a group of countries is no pair's. The group is named in the
// figure's clause, or before it when that clause names no side of its own; a partner after «с» in
// the figure's clause («с Казахстаном, как и со странами ЕАЭС, …») leaves the figure to PairFor.
bool GroupsTrade(const DocContext& ctx, size_t s, const SentenceView& v, size_t clause) {
  const Clause& cl = v.clauses().clauses[clause];
  const Annotations& a = *ctx.ann;
  bool own = false, before = false;
  for (size_t ci : a.sentences[s].cues) {
    const CueMention& c = a.cues[ci];
    if (c.cue != Cue::kGroupPartner) continue;
    own |= c.token >= cl.first && c.token < cl.end;
    before |= c.token < cl.first;
  }
  if (!own && !before) return false;
  bool names_side = false;
  for (size_t k : a.sentences[s].parties) {
    const size_t t = ctx.party_token[k];
    if (t < cl.first || t >= cl.end || !(ctx.party_flags[k] & DocContext::kPartyUsable)) continue;
    if (ctx.party_flags[k] & DocContext::kPartyAfterWith) return false;
    names_side = true;
  }
  return own || !names_side;
}

// «объём белорусской внешней торговли», «внешней торговли провинции Хэйлунцзян»: a side's trade
// with the whole world names its owner and no partner («с Ираном»); it is no pair's turnover.
bool OneSidesWholeTrade(const DocContext& ctx, size_t s, const CueMention& cue) {
  const Annotations& a = *ctx.ann;
  const SentenceMentions& sm = a.sentences[s];
  bool total = false;
  for (size_t ci : sm.cues) total |= a.cues[ci].cue == Cue::kTotalTrade && a.cues[ci].token == cue.token;
  if (!total) return false;
  const SentenceClauses& sc = ctx.clauses[s];
  // the trade word's own clause, and the clauses a bracket or slash cut off it («между провинцией
  // Хэйлунцзян /Северо-Восточный Китай/ и Россией»)
  const size_t own = sc.ClauseOf(cue.token);
  uint32_t first = sc.clauses[own].first, end = sc.clauses[own].end;
  for (size_t c = own + 1; c < sc.clauses.size() && c <= own + kMaxParentWalk; ++c) {
    const Clause& next = sc.clauses[c];
    if (next.opener != Opener::kHard || next.parent != static_cast<int>(own)) break;
    end = next.end;
  }
  std::vector<std::string> named;
  bool partner = false;
  for (size_t k : sm.parties) {
    const auto& m = a.parties[k];
    const size_t t = TokenAt(a, m.start);
    if (t < first || t >= end || !ctx.PartyUsable(k) || CityAsPlace(ctx, m)) continue;
    bool in_money = false;  // «долларов США»
    for (const auto& x : sm.money) in_money |= m.start >= x.start && m.end <= x.end;
    if (in_money) continue;
    if (std::find(named.begin(), named.end(), m.code) == named.end()) named.push_back(m.code);
    partner |= (ctx.party_flags[k] & DocContext::kPartyAfterWith) != 0;
  }
  // a country beside one of its own regions is its address («провинции Хэйлунцзян /Северо-Восточный Китай/»)
  std::erase_if(named, [&](const std::string& c) {
    return IsCountry(c) && std::any_of(named.begin(), named.end(), [&](const std::string& o) {
             return o.size() > c.size() && o.compare(0, c.size(), c) == 0 && o[c.size()] == '-';
           });
  });
  // «внешнеторговый оборот между двумя республиками»: the two sides are named elsewhere in the text
  const bool pair_word = std::any_of(sm.cues.begin(), sm.cues.end(), [&](size_t ci) {
    const CueMention& c = a.cues[ci];
    return (c.cue == Cue::kPairCountries || c.cue == Cue::kPairRegions) && c.token >= first && c.token < end;
  });
  return named.size() == 1 && !partner && !pair_word;
}

// «в шесть раз больше покупает, чем поставляет»: a comparative with «чем» and no base year
// compares two quantities, not a figure with its past.
bool ComparesTwoQuantities(const SentenceView& v, size_t clause, const expr::ChangeExpr& c) {
  if (c.verb_start == c.verb_end) return false;
  bool comparative = false, than_no_base = false;
  const auto& cues = v.CuesOf(clause);
  for (size_t i = 0; i < cues.size(); ++i) {
    const CueMention* m = cues[i];
    if (m->cue == Cue::kComparative && v.TokenStart(m->token) == c.verb_start) comparative = true;
    // «наторговали более чем на $39 млн, это на 57% больше уровня 2021»: a «чем» before the
    // change is a qualifier's («более чем»), not the second term of its comparison
    if (m->cue == Cue::kThan && v.TokenStart(m->token) < c.start) continue;
    if (m->cue == Cue::kThan && !v.clauses().InBase(v.TokenStart(m->token), v.TokenStart(m->token) + 1)) {
      // «чем годом ранее» is a time all the same
      const bool time =
          i + 1 < cues.size() && (cues[i + 1]->cue == Cue::kTimeWord || cues[i + 1]->cue == Cue::kYearBefore) &&
          cues[i + 1]->token <= m->end_token + 1;
      than_no_base |= !time;
    }
  }
  return comparative && than_no_base;
}

// The direction of the change a clause reports: its own change word's, else the nearest
// one up its parent chain (an ellipsis: «прирост составил 11%, в 2023 — 8%»); 0 when none.
int ChangeDirectionFor(const SentenceClauses& sc, size_t clause) {
  int steps = 0;
  for (int k = static_cast<int>(clause); k >= 0 && steps++ <= kMaxParentWalk;
       k = sc.clauses[static_cast<size_t>(k)].parent) {
    if (int d = sc.clauses[static_cast<size_t>(k)].change) return d;
  }
  return 0;
}

// «Лидируют Татарстан, Свердловская и Челябинская области. В этих регионах
// товарооборот с Казахстаном превышает 1 млрд»: one figure for each region the
// sentence before lists (two or more regions of one country, outside
// quotations or not), paired with the side the figure's sentence names. The
// fact `f` of sentence s is pushed once per region, else as it is.
void PushPerRegion(const DocContext& ctx, size_t s, Fact f, std::vector<Fact>& out) {
  const Annotations& a = *ctx.ann;
  const SentenceMentions& sm = a.sentences[s];
  const bool these = s > 0 && std::any_of(sm.cues.begin(), sm.cues.end(),
                                          [&](size_t ci) { return a.cues[ci].cue == Cue::kTheseRegions; });
  std::vector<std::string> regions;
  if (these) {
    for (size_t k : a.sentences[s - 1].parties) {
      const std::string& code = a.parties[k].code;
      if (IsCountry(code) || !(ctx.party_flags[k] & DocContext::kPartyUsable)) continue;
      if (!regions.empty() && code.compare(0, 2, regions[0], 0, 2) != 0) {
        regions.clear();  // regions of two countries: no list
        break;
      }
      if (std::find(regions.begin(), regions.end(), code) == regions.end()) regions.push_back(code);
    }
  }
  // the side the figure's own sentence names
  std::string partner;
  if (regions.size() >= 2) {
    for (size_t k : sm.parties) {
      const std::string& code = a.parties[k].code;
      if ((code == f.parties[0] || code == f.parties[1]) && (ctx.party_flags[k] & DocContext::kPartyUsable) &&
          std::find(regions.begin(), regions.end(), code) == regions.end()) {
        partner = code;
        break;
      }
    }
  }
  if (partner.empty()) {
    out.push_back(std::move(f));
    return;
  }
  for (const std::string& r : regions) {
    Fact copy = f;
    copy.parties = {r, partner};
    std::sort(copy.parties.begin(), copy.parties.end());
    out.push_back(std::move(copy));
  }
}

// «составил более 50% от всех сделок»: a percent followed by «от» and not
// after «на» (a change «на 5% от уровня …» keeps its «на») is a part of a whole.
bool PartOfWhole(const DocContext& ctx, size_t s, const expr::ChangeExpr& c) {
  const Annotations& a = *ctx.ann;
  const SentenceMentions& sm = a.sentences[s];
  if (c.kind != "percent") return false;
  const size_t first = TokenAt(a, c.start), after = TokenAt(a, c.end);
  if (after >= sm.end_token || !ctx.lex->HasWordClass(a.tokens[after].fold, Cue::kOfWhole)) return false;
  for (size_t t = first + 1; t-- > sm.first_token && t + 3 > first;) {  // «на» may open the change's own span
    if (ctx.lex->HasWordClass(a.tokens[t].fold, Cue::kByAmount)) return false;
  }
  return true;
}

// «цель вернуться на уровень 2014 года – около $400 млн»: the year of a level named right before
// a dash and the figure (a comparison base ending in a year) is the year that figure was reached;
// 0 when the figure has no such level before it.
int LevelYearBefore(const DocContext& ctx, size_t s, const expr::MoneyExpr& m) {
  const Annotations& a = *ctx.ann;
  const SentenceMentions& sm = a.sentences[s];
  const SentenceClauses& sc = ctx.clauses[s];
  const size_t first = TokenAt(a, m.start);
  if (first < sm.first_token + 2) return 0;
  const segment::Token& dash = a.tokens[first - 1];
  if (dash.kind != segment::TokenKind::kPunct || (dash.fold != "—" && dash.fold != "–" && dash.fold != "-")) return 0;
  auto d = std::lower_bound(sm.dates.begin(), sm.dates.end(), dash.start,
                            [](const expr::DateExpr& x, uint32_t v) { return x.end <= v; });
  if (d == sm.dates.begin()) return 0;
  --d;  // the last date ending before the dash
  if (d->kind != expr::DateExpr::Kind::kYear || !d->year || d->has_relative || !sc.InBase(d->start, d->end)) return 0;
  if (TokenAt(a, d->end) != first - 1 && TokenAt(a, d->end) + 1 != first - 1) return 0;
  return d->year;
}

// True when `value` in `currency` is (within 1 %) one of the actual turnover
// figures just reported.
bool Restates(const std::vector<std::pair<double, std::string>>& recent, double value, const std::string& currency) {
  return std::any_of(recent.begin(), recent.end(), [&](const auto& r) {
    return r.second == currency && r.first > 0 && std::abs(r.first - value) <= 0.01 * r.first;
  });
}

}  // namespace

void ExtractTurnover(const DocContext& ctx, std::vector<Fact>& out, std::vector<Rejection>* rejected) {
  const Annotations& a = *ctx.ann;
  const Document& doc = *ctx.doc;
  std::string last_currency;
  std::vector<std::pair<double, std::string>> recent_values;  // the last kRecentValues actual figures, currency
  size_t last_turnover_sentence = SIZE_MAX;
  size_t topic_sentence = SIZE_MAX;     // the last sentence whose subject was trade
  std::vector<std::string> topic_pair;  // the pair of the last turnover figure or change
  // A figure whose subject is the previous sentences' topic («По сравнению с 2020 годом он
  // увеличился в 2,3 раза») in a sentence that names no side keeps the topic's pair.
  auto pair_of = [&](size_t s, uint32_t at, size_t clause, bool topic) {
    if (topic && !topic_pair.empty()) {
      bool named = false;
      for (size_t k : a.sentences[s].parties) {
        const uint8_t f = ctx.party_flags[k];
        named |= (f & DocContext::kPartyUsable) && !(f & (DocContext::kPartyInMoney | DocContext::kPartyPlace));
      }
      if (!named) return topic_pair;
    }
    return PairFor(ctx, s, at, clause);
  };
  // «В структуре товарооборота преобладал экспорт. … он вырос в 3,3 раза»: a pronoun stands for
  // the last money noun before it, here another quantity than trade
  bool last_noun_other = false, prev_noun_other = false;
  for (size_t s = 0; s < a.sentences.size(); ++s) {
    if (ctx.in_other_story[s]) continue;
    const SentenceMentions& sm = a.sentences[s];
    const SentenceClauses& sc = ctx.clauses[s];
    prev_noun_other = last_noun_other;
    for (size_t ci : sm.cues) {
      const Cue c = a.cues[ci].cue;
      if (c == Cue::kTrade) last_noun_other = false;
      if (c == Cue::kNotTrade) last_noun_other = true;
    }
    bool trade_here = false, other_subject = false;
    for (size_t i = 0; i < sm.cues.size(); ++i) {
      const CueMention& c = a.cues[sm.cues[i]];
      if ((c.cue == Cue::kTrade || c.cue == Cue::kTradeVerb) && !TradeGoverned(a, sm, i)) trade_here = true;
    }
    if (sm.money.empty() && sm.changes.empty() && sm.percents.empty()) {
      // no figure: only the topic moves («Экспорт вырос.» ends a trade topic)
      for (size_t ci : sm.cues) {
        const Cue c = a.cues[ci].cue;
        other_subject |= c == Cue::kNotTrade || c == Cue::kProject;
      }
      if (trade_here) {
        topic_sentence = s;
      } else if (other_subject) {
        topic_sentence = SIZE_MAX;
      }
      continue;
    }
    if (sc.clauses.empty()) continue;
    for (const Clause& cl : sc.clauses) {
      if (cl.subject != kNoToken && (cl.subject_cue == Cue::kNotTrade || cl.subject_cue == Cue::kProject)) {
        other_subject = true;
      }
    }
    const SentenceView view(ctx, s);
    // the trade topic holds for the next sentence, and within a paragraph a little longer
    const bool same_paragraph_topic =
        topic_sentence != SIZE_MAX && s > topic_sentence &&
        (s == topic_sentence + 1 ||
         (s - topic_sentence <= kTopicReach && doc.sentences[s].paragraph == doc.sentences[topic_sentence].paragraph));
    const bool near = last_turnover_sentence != SIZE_MAX && s > last_turnover_sentence &&
                      s - last_turnover_sentence <= kContinuationReach;
    const bool next_in_paragraph = near && s == last_turnover_sentence + 1 &&
                                   doc.sentences[s].paragraph == doc.sentences[last_turnover_sentence].paragraph;
    bool found_here = false;
    // a figure of one side's whole trade or of a group's («страны Содружества в целом … вырос до
    // 164 млрд»): the topic it leaves is no pair's («Рост составил 25%.» after it is not the pair's)
    bool no_pair_topic = false;
    std::string sentence_status;  // status of the previous figure in this sentence

    for (size_t mi = 0; mi < sm.money.size(); ++mi) {
      const expr::MoneyExpr& m = sm.money[mi];
      const size_t t = TokenAt(a, m.value_start);
      const size_t ci = sc.ClauseOf(static_cast<uint32_t>(t));
      const Clause& clause = sc.clauses[ci];
      Governor g = GovernorOf(view, ci, t);
      if (Restatement(view, ci)) {
        Reject(ctx, rejected, s, "money", "the figure before it in another currency («/около 16,9 млрд долл./»)",
               Span{m.start, m.end});
        continue;
      }
      if ((m.qualifier == expr::Qualifier::kUpTo || m.scale_only) && ClauseHasCue(view, ci, Cue::kRemaining)) {
        Reject(ctx, rejected, s, "money", "the distance to a goal («до … осталось»), no figure", Span{m.start, m.end});
        continue;
      }
      if (AbsoluteChange(ctx, s, clause, m)) {
        Reject(ctx, rejected, s, "money", "a difference («на 30 млн больше»), not a level of turnover",
               Span{m.start, m.end});
        continue;
      }
      if (g.cue && OneSidesWholeTrade(ctx, s, *g.cue)) {
        Reject(ctx, rejected, s, "money", "one side's whole foreign trade («внешняя торговля» with no partner)",
               Span{m.start, m.end});
        no_pair_topic = true;
        continue;
      }
      if (GroupsTrade(ctx, s, view, ci)) {
        Reject(ctx, rejected, s, "money", "trade with a group of countries («со странами СНГ»), no pair's",
               Span{m.start, m.end});
        no_pair_topic = true;
        continue;
      }
      std::string rule;
      // «подойдём к отметке в один миллиард долларов (товарооборот)»: the editor names the figure
      // in a bracket right after it
      if (!g.cue && ci + 1 < sc.clauses.size()) {
        const size_t after = TokenAt(a, m.end);
        if (after + 1 < sm.end_token && a.tokens[after].fold == "(") {
          for (const CueMention* c : view.CuesOf(ci + 1)) {
            if (c->cue == Cue::kTrade && c->token == after + 1) {
              g.cue = c;
              g.own = true;
            }
          }
        }
      }
      if (IsTrade(g.cue)) {
        rule = g.own ? "turnover.cue" : "turnover.clause";
      } else if (!g.cue && g.topic && same_paragraph_topic && !trade_here &&
                 !(prev_noun_other && clause.subject_cue == Cue::kPronoun)) {
        rule = "turnover.topic";
      } else if (!g.cue && !trade_here && near &&
                 (m.currency.empty() || last_currency.empty() || m.currency == last_currency)) {
        rule = "turnover.continuation";
      } else {
        if (!m.currency.empty()) last_currency = m.currency;
        Reject(ctx, rejected, s, "money", RejectReason(g, "no trade word governs it"), Span{m.start, m.end});
        continue;
      }
      std::string currency = m.currency;
      if (currency.empty()) currency = last_currency.empty() ? "USD" : last_currency;
      StatusInfo st = StatusOf(ctx, view, s, ci, t);
      if (rule == "turnover.continuation") {
        if (!st.cue && st.status != "target" && !sentence_status.empty()) {
          st.status = sentence_status;  // «…выйти на 700 млн, а в перспективе — на миллиард»
        } else if (st.status != "target" && (!st.cue || !next_in_paragraph) &&
                   !(st.cue && Restates(recent_values, m.value, currency))) {
          // further away, or without a verb, only a goal continues the topic («Задача — выйти на…»);
          // with a verb, the same amount as a turnover just reported is that figure told again
          // («Товарооборот уже превышает 25 млрд» in the headline, «За полгода мы превысили 25 млрд»)
          Reject(ctx, rejected, s, "money", "no trade word governs it (a bare amount after a turnover figure)",
                 Span{m.start, m.end});
          continue;
        }
      }
      last_currency = currency;
      sentence_status = st.status;
      // a continuation («За пять месяцев объём составил …») in a sentence naming no side is of the
      // last figure's pair, as a topic figure is, not of the article's
      auto pair = pair_of(s, m.start, ci, rule == "turnover.topic" || rule == "turnover.continuation");
      if (pair.size() != 2) {
        Reject(ctx, rejected, s, "money", "no pair of parties for it", Span{m.start, m.end});
        continue;
      }
      Fact f;
      f.type = FactType::kTurnover;
      f.parties = std::move(pair);
      f.status = st.status;
      f.value = m.value;
      if (m.range) {
        // «$ 250–290 млн»: both bounds, and `value` the lower one — what the text asserts at least
        // (as «более чем в N раз» gives the floor)
        f.value = m.value_min;
        f.value_min = m.value_min;
        f.value_max = m.value_max;
      }
      f.currency = currency;
      f.qualifier = QualifierId(m.qualifier);
      // «идём к миллиарду и должны его превысить», «превысит рекордные $60 млрд», «превысил отметку
      // в $113 млн»: a verb of exceeding governs the figure
      if (f.qualifier == "exact") {
        const size_t m_first = TokenAt(a, m.start);
        for (const CueMention* c : view.CuesOf(ci)) {
          // one word more when the mark is named between («преодолел психологический рубеж в 1 млрд»)
          const bool mark_between = std::any_of(view.CuesOf(ci).begin(), view.CuesOf(ci).end(), [&](const CueMention* n) {
            return (n->cue == Cue::kTargetNoun || n->cue == Cue::kLevelNoun) && n->token >= c->end_token &&
                   n->token < m_first;
          });
          const bool before = c->token < m_first && m_first - c->end_token <= (mark_between ? 3u : 2u);
          // «не достиг трёх миллионов»: a ceiling
          if (before && (c->cue == Cue::kActual || c->cue == Cue::kExceed) && c->token > 0 &&
              ctx.lex->HasWordClass(a.tokens[c->token - 1].fold, Cue::kNegation)) {
            f.qualifier = "less_than";
            break;
          }
          if (c->cue != Cue::kExceed) continue;
          if ((f.status == "target" && c->token > t) || before) f.qualifier = "more_than";
        }
      }
      YearInfo y = FigureYear(ctx, s, ci, Span{m.start, m.end});
      // «тот миллиард, который мы будем иметь в этом году»: the relative clause that made the figure
      // a goal dates it
      if (!y.year && !y.has_date && f.status == "target" && !st.cue && ci + 1 < sc.clauses.size() &&
          sc.clauses[ci + 1].opener == Opener::kRelative && sc.clauses[ci + 1].parent == static_cast<int>(ci)) {
        YearInfo rel = FigureYear(ctx, s, ci + 1, Span{m.start, m.end});
        if (rel.year && !rel.base_year_only) y = std::move(rel);
      }
      // «… по сравнению с $4,2 млрд годом ранее»: the year before the clause's
      if (y.year) {
        const size_t after = TokenAt(a, m.end);
        for (const CueMention* c : view.CuesOf(ci)) {
          if (c->cue == Cue::kYearBefore && c->token == after) {
            y.year = *y.year - 1;
            y.used.push_back({"year-before", Span{a.tokens[c->token].start, a.tokens[c->end_token - 1].end}});
          }
        }
      }
      if (!y.year && f.status == "actual") y = InheritedYear(ctx, s, y);
      if (!y.year) ApplyRelativeBase(ctx, y);
      f.year = y.year;
      f.period = y.period;
      if (g.cue) {
        if (const auto* sec = SectorNear(a, sm, g.cue->token, clause, t)) {
          f.sectoral = true;
          f.sector = sec->sector;
          f.used.push_back({"sector", Span{sec->start, sec->end}});
        }
      }
      f.speaker = ctx.sentence_speaker[s];
      if (f.status == "target") MarkForecast(a, sm, f);
      f.evidence = SentenceEvidence(ctx, s);
      f.rule = rule + (f.status == "target" ? "+target" : "+actual");
      f.used.push_back({"money", Span{m.start, m.end}});
      f.used.push_back({"clause", ClauseBytes(a, clause)});
      if (g.cue)
        f.used.push_back({"trade-cue", Span{a.tokens[g.cue->token].start, a.tokens[g.cue->end_token - 1].end}});
      if (st.cue) f.used.push_back({"status-cue", Span{a.tokens[st.cue->token].start, a.tokens[st.cue->token].end}});
      f.used.insert(f.used.end(), y.used.begin(), y.used.end());
      f.confidence = rule == "turnover.cue" ? 0.9 : 0.7;
      topic_pair = f.parties;
      if (f.status == "actual") {
        if (recent_values.size() == kRecentValues) recent_values.erase(recent_values.begin());
        recent_values.emplace_back(f.value, f.currency);
      }
      if (f.status == "target") {
        if (const int level_year = LevelYearBefore(ctx, s, m)) {
          Fact level = f;  // the goal is to return to a level the text states: that level is a result
          level.status = "actual";
          level.year = level_year;
          level.period = "year";
          level.forecast = false;
          level.forecast_by.clear();
          level.rule = rule + "+level";
          out.push_back(std::move(level));
          // the year after the level's, read from it as from a comparison base, is not the goal's
          if (f.year && *f.year == level_year + 1) {
            f.year.reset();
            f.period.clear();
          }
        }
      }
      PushPerRegion(ctx, s, std::move(f), out);
      found_here = true;
    }

    // changes and shares of turnover
    bool changed_here = false;
    for (const expr::ChangeExpr& c : sm.changes) {
      const size_t t = TokenAt(a, c.start);
      const size_t ci = sc.ClauseOf(static_cast<uint32_t>(t));
      const Clause& clause = sc.clauses[ci];
      const Governor g = GovernorOf(view, ci, t);
      if (g.cue && OneSidesWholeTrade(ctx, s, *g.cue)) {
        Reject(ctx, rejected, s, "change", "one side's whole foreign trade («внешняя торговля» with no partner)",
               Span{c.start, c.end});
        no_pair_topic = true;
        continue;
      }
      if (GroupsTrade(ctx, s, view, ci)) {
        Reject(ctx, rejected, s, "change", "trade with a group of countries («со странами СНГ»), no pair's",
               Span{c.start, c.end});
        no_pair_topic = true;
        continue;
      }
      std::string rule;
      if (IsTrade(g.cue)) {
        rule = g.own ? "change.cue" : "change.clause";
      } else if (!g.cue && g.topic && (same_paragraph_topic || next_in_paragraph) && !trade_here &&
                 !(prev_noun_other && clause.subject_cue == Cue::kPronoun)) {
        rule = "change.topic";
      } else {
        Reject(ctx, rejected, s, "change", RejectReason(g, "no trade word governs it"), Span{c.start, c.end});
        continue;
      }
      if (PartOfWhole(ctx, s, c)) {
        Reject(ctx, rejected, s, "change", "a part of a whole («более 50% от всех сделок»), a share, not a change",
               Span{c.start, c.end});
        continue;
      }
      if (ComparesTwoQuantities(view, ci, c)) {
        Reject(ctx, rejected, s, "change",
               "a comparison of two quantities («в шесть раз больше …, чем …»), not a change", Span{c.start, c.end});
        continue;
      }
      double percent = c.percent;
      if (c.kind == "percent" && c.direction == expr::Direction::kUnknown) {
        // «сократился на треть, за первый квартал — ещё на 7%»: an ellipsis takes its direction
        // from its clause's change word or the clause it continues; a share or a level has none
        const int dir = ChangeDirectionFor(sc, ci);
        if (ShareCue(a, sm, clause, TokenAt(a, c.end)) || dir == 0) {
          Reject(ctx, rejected, s, "change", "a share or a level, not a change (no direction)", Span{c.start, c.end});
          continue;
        }
        percent = dir * c.value;
        rule = "change.ellipsis";
      }
      // a planned change («намерены увеличить товарооборот на 10%») has not happened
      if (StatusOf(ctx, view, s, ci, t).status == "target") {
        Reject(ctx, rejected, s, "change", "a planned or forecast change", Span{c.start, c.end});
        continue;
      }
      auto pair = pair_of(s, c.start, ci, rule == "change.topic");
      if (pair.size() != 2) {
        Reject(ctx, rejected, s, "change", "no pair of parties for it", Span{c.start, c.end});
        continue;
      }
      Fact f;
      f.type = FactType::kTurnoverChange;
      f.parties = std::move(pair);
      f.percent = percent;
      YearInfo y = FigureYear(ctx, s, ci, Span{c.start, c.end});
      if (!y.year) y = InheritedYear(ctx, s, y);
      if (!y.year) ApplyRelativeBase(ctx, y);
      f.year = y.year;
      f.period = y.period;
      if (g.cue) {
        if (const auto* sec =
                SectorNear(a, sm, g.cue->token,
                           Clause{sm.first_token, std::max<uint32_t>(clause.end, static_cast<uint32_t>(t + 1))}, t)) {
          f.sectoral = true;
          f.sector = sec->sector;
        }
      }
      f.speaker = ctx.sentence_speaker[s];
      f.evidence = SentenceEvidence(ctx, s);
      f.rule = rule;
      changed_here = true;
      topic_pair = f.parties;
      f.used.push_back({"change", Span{c.start, c.end}});
      f.used.push_back({"clause", ClauseBytes(a, clause)});
      if (g.cue)
        f.used.push_back({"trade-cue", Span{a.tokens[g.cue->token].start, a.tokens[g.cue->end_token - 1].end}});
      f.used.insert(f.used.end(), y.used.begin(), y.used.end());
      PushPerRegion(ctx, s, std::move(f), out);
    }
    // percents with no change word: a share («доля … составила 18%», «48% товарооборота»), or in an
    // elliptic clause a change that takes its direction from the clause before («в 2023 — 8%»)
    for (const expr::PercentExpr& p : sm.percents) {
      const size_t t = TokenAt(a, p.start);
      const size_t ci = sc.ClauseOf(static_cast<uint32_t>(t));
      const Clause& clause = sc.clauses[ci];
      const CueMention* share = ShareCue(a, sm, clause, TokenAt(a, p.end));
      const Governor g = GovernorOf(view, ci, t);
      if (share) {
        auto pair = PairFor(ctx, s, p.start, ci);
        if (pair.size() != 2) {
          Reject(ctx, rejected, s, "share", "no pair of parties for it", Span{p.start, p.end});
          continue;
        }
        Fact f;
        f.type = FactType::kTurnoverShare;
        f.parties = std::move(pair);
        f.percent = p.value;
        // «48% товарооборота»: of the pair's trade; «доля России в товарообороте Беларуси»: of a side's trade
        f.name = share->cue == Cue::kTrade ? "turnover" : "foreign_trade";
        YearInfo y = FigureYear(ctx, s, ci, Span{p.start, p.end});
        if (!y.year) y = InheritedYear(ctx, s, y);
        f.year = y.year;
        f.period = y.period;
        f.speaker = ctx.sentence_speaker[s];
        f.evidence = SentenceEvidence(ctx, s);
        f.rule = "share.cue";
        f.used.push_back({"share", Span{p.start, p.end}});
        f.used.push_back({"share-cue", Span{a.tokens[share->token].start, a.tokens[share->end_token - 1].end}});
        f.used.insert(f.used.end(), y.used.begin(), y.used.end());
        out.push_back(std::move(f));
        continue;
      }
      const int dir = clause.change == 0 && clause.parent >= 0 ? ChangeDirectionFor(sc, ci) : 0;
      if (dir == 0 || !(IsTrade(g.cue) || (!g.cue && (g.topic || clause.parent >= 0)))) {
        if (IsTrade(g.cue)) {
          Reject(ctx, rejected, s, "percent", "a percent with no change word: a share or a level",
                 Span{p.start, p.end});
        }
        continue;
      }
      // the elliptic change inherits its governor with the clause it continues
      const Governor pg = IsTrade(g.cue) ? g : GovernorOf(view, static_cast<size_t>(clause.parent), t);
      // or the topic, as the change it continues («Темпы высокие. В 2024 году прирост в 30%, в 2025-м — 23%»)
      const bool by_topic = !IsTrade(pg.cue) && !pg.cue && pg.topic && (same_paragraph_topic || next_in_paragraph) &&
                            !trade_here;
      if (!IsTrade(pg.cue) && !by_topic) continue;
      if (StatusOf(ctx, view, s, ci, t).status == "target") continue;
      auto pair = pair_of(s, p.start, ci, by_topic);
      if (pair.size() != 2) continue;
      Fact f;
      f.type = FactType::kTurnoverChange;
      f.parties = std::move(pair);
      f.percent = dir * p.value;
      YearInfo y = FigureYear(ctx, s, ci, Span{p.start, p.end});
      if (!y.year) y = InheritedYear(ctx, s, y);
      if (!y.year) ApplyRelativeBase(ctx, y);
      f.year = y.year;
      f.period = y.period;
      f.speaker = ctx.sentence_speaker[s];
      f.evidence = SentenceEvidence(ctx, s);
      f.rule = "change.ellipsis";
      f.used.push_back({"change", Span{p.start, p.end}});
      f.used.push_back({"clause", ClauseBytes(a, clause)});
      f.used.insert(f.used.end(), y.used.begin(), y.used.end());
      out.push_back(std::move(f));
      changed_here = true;
    }
    if (found_here || changed_here) last_turnover_sentence = s;
    if (no_pair_topic && !found_here && !changed_here) {
      topic_sentence = SIZE_MAX;
    } else if (found_here || changed_here || (trade_here && !other_subject)) {
      topic_sentence = s;
    } else if (other_subject) {
      topic_sentence = SIZE_MAX;
    }
  }
}

}  // namespace oborot::facts
