// Turnover figures and their changes.
//
// A money expression is a turnover figure when the trade cue nearest to it
// (товарооборот, объём торговли, торгуем…) is closer than any cue of another
// kind of money (экспорт, стоимость, инвестиции…), or when it continues the
// previous sentence's turnover figure («Хорошая цифра, но к миллиарду нужно
// стремиться»). Status comes from the cues of its own clause; qualifier, value
// and currency from the money parser; parties and year from the context.
#include <algorithm>
#include <cmath>

#include "src/base/utf8.h"
#include "src/facts/rules.h"

namespace oborot::facts {
namespace {

size_t TokenAt(const Annotations& a, uint32_t byte) {
  return static_cast<size_t>(std::lower_bound(a.tokens.begin(), a.tokens.end(), byte,
                                              [](const segment::Token& t, uint32_t b) { return t.start < b; }) -
                             a.tokens.begin());
}

bool IsClauseBoundary(const Annotations& a, size_t t, size_t end) {
  const std::string& f = a.tokens[t].fold;
  if (f == ";" || f == ":" || f == "(" || f == ")") return true;
  if (f == "," && t + 1 < end) {
    const std::string& next = a.tokens[t + 1].fold;
    return next == "а" || next == "но" || next == "однако" || next == "то" || next == "тогда" || next == "хотя" ||
           next == "при" || next == "если";
  }
  return false;
}

struct Clause {
  size_t first, end;  // tokens
};

// The clause around token t, clipped at neighbouring figures.
Clause ClauseAround(const Annotations& a, const SentenceMentions& sm, size_t t, size_t prev_end, size_t next_start) {
  Clause c{std::max<size_t>(sm.first_token, prev_end), std::min<size_t>(sm.end_token, next_start)};
  for (size_t i = t; i-- > c.first;) {
    if (IsClauseBoundary(a, i, sm.end_token)) {
      c.first = i + 1;
      break;
    }
  }
  for (size_t i = t + 1; i < c.end; ++i) {
    if (IsClauseBoundary(a, i, sm.end_token)) {
      c.end = i;
      break;
    }
  }
  return c;
}

// The nearest trade or not-trade cue to token t in the sentence; ties and
// cues after the figure weigh a little less than cues before it.
const CueMention* NearestMoneyCue(const Annotations& a, const SentenceMentions& sm, size_t t) {
  const CueMention* best = nullptr;
  size_t best_d = SIZE_MAX;
  for (size_t ci : sm.cues) {
    const CueMention& c = a.cues[ci];
    if (c.cue != Cue::kTrade && c.cue != Cue::kTradeVerb && c.cue != Cue::kNotTrade) continue;
    const size_t d = c.token <= t ? (t - c.token) * 2 : (c.token - t) * 2 + 1;
    if (d < best_d) {
      best_d = d;
      best = &c;
    }
  }
  return best;
}

bool HasCue(const Annotations& a, const SentenceMentions& sm, Cue cue) {
  for (size_t ci : sm.cues) {
    if (a.cues[ci].cue == cue) return true;
  }
  return false;
}

struct StatusInfo {
  std::string status = "actual";
  const CueMention* cue = nullptr;
};

StatusInfo StatusIn(const Annotations& a, const SentenceMentions& sm, const Clause& c) {
  StatusInfo st;
  for (size_t ci : sm.cues) {
    const CueMention& m = a.cues[ci];
    if (m.token < c.first || m.token >= c.end) continue;
    if (m.cue == Cue::kTarget || m.cue == Cue::kFutureVerb) {
      st.status = "target";
      st.cue = &m;
      return st;
    }
    if ((m.cue == Cue::kActual || m.cue == Cue::kTradeVerb) && !st.cue) st.cue = &m;
  }
  return st;
}

// The sector a figure is for, when a sector is named in the figure's clause
// next to the trade cue («в агропромышленном секторе, где товарооборот…»).
const lang::SectorMention* SectorNear(const Annotations& a, const SentenceMentions& sm, size_t cue_token,
                                      const Clause& c) {
  for (size_t si : sm.sectors) {
    const auto& sec = a.sectors[si];
    if (sec.sector == "trade" || sec.sector == "industry") continue;
    const size_t t = TokenAt(a, sec.start);
    const bool before = t < cue_token && cue_token - t <= 8;
    const bool after = t > cue_token && t - cue_token <= 3 && t < c.end;
    if (before || after) return &sec;
  }
  return nullptr;
}

std::string QualifierId(expr::Qualifier q) {
  switch (q) {
    case expr::Qualifier::kMoreThan: return "more_than";
    case expr::Qualifier::kLessThan: return "less_than";
    case expr::Qualifier::kApprox: return "approx";
    default: return "exact";
  }
}

}  // namespace

void ExtractTurnover(const DocContext& ctx, std::vector<Fact>& out) {
  const Annotations& a = *ctx.ann;
  const Document& doc = *ctx.doc;
  std::string last_currency;
  size_t last_turnover_sentence = SIZE_MAX;
  for (size_t s = 0; s < a.sentences.size(); ++s) {
    if (ctx.in_other_story[s]) continue;
    const SentenceMentions& sm = a.sentences[s];
    const bool trade_here = HasCue(a, sm, Cue::kTrade) || HasCue(a, sm, Cue::kTradeVerb);
    const bool continues = last_turnover_sentence != SIZE_MAX && s == last_turnover_sentence + 1 &&
                           doc.sentences[s].paragraph == doc.sentences[last_turnover_sentence].paragraph;
    bool found_here = false;
    for (size_t mi = 0; mi < sm.money.size(); ++mi) {
      const expr::MoneyExpr& m = sm.money[mi];
      const size_t t = TokenAt(a, m.value_start);
      const size_t prev_end = mi > 0 ? TokenAt(a, sm.money[mi - 1].end) : 0;
      const size_t next_start = mi + 1 < sm.money.size() ? TokenAt(a, sm.money[mi + 1].start) : SIZE_MAX;
      const Clause clause = ClauseAround(a, sm, t, prev_end, next_start);
      const CueMention* cue = NearestMoneyCue(a, sm, t);
      std::string rule;
      if (cue && cue->cue != Cue::kNotTrade) {
        rule = "turnover.cue";
      } else if (!cue && !trade_here && continues && (m.scale_only || m.currency.empty() || m.currency == last_currency)) {
        rule = "turnover.continuation";
      } else {
        if (!m.currency.empty()) last_currency = m.currency;
        continue;
      }
      std::string currency = m.currency;
      if (currency.empty()) currency = last_currency.empty() ? "USD" : last_currency;
      last_currency = currency;
      const StatusInfo st = StatusIn(a, sm, clause);
      if (rule == "turnover.continuation" && !st.cue) continue;  // a bare amount after a figure: not enough
      auto pair = PairFor(ctx, s, m.start);
      if (pair.size() != 2) continue;
      Fact f;
      f.type = FactType::kTurnover;
      f.parties = std::move(pair);
      f.status = st.status;
      f.value = m.value;
      f.currency = currency;
      f.qualifier = QualifierId(m.qualifier);
      const YearInfo y = YearFor(ctx, s, m.start, f.status == "target");
      f.year = y.year;
      f.period = y.period;
      if (cue) {
        if (const auto* sec = SectorNear(a, sm, cue->token, clause)) {
          f.sectoral = true;
          f.sector = sec->sector;
          f.used.push_back({"sector", Span{sec->start, sec->end}});
        }
      }
      f.speaker = ctx.sentence_speaker[s];
      f.evidence = SentenceEvidence(ctx, s);
      f.rule = rule + (f.status == "target" ? "+target" : "+actual");
      f.used.push_back({"money", Span{m.start, m.end}});
      if (cue) f.used.push_back({"trade-cue", Span{a.tokens[cue->token].start, a.tokens[cue->token].end}});
      if (st.cue) f.used.push_back({"status-cue", Span{a.tokens[st.cue->token].start, a.tokens[st.cue->token].end}});
      f.used.insert(f.used.end(), y.used.begin(), y.used.end());
      f.confidence = rule == "turnover.cue" ? 0.9 : 0.7;
      out.push_back(std::move(f));
      found_here = true;
    }
    if (found_here) last_turnover_sentence = s;

    // changes of turnover
    for (const expr::ChangeExpr& c : sm.changes) {
      const size_t t = TokenAt(a, c.start);
      const CueMention* cue = NearestMoneyCue(a, sm, t);
      std::string rule;
      if (cue && cue->cue != Cue::kNotTrade) {
        rule = "change.cue";
      } else if (!cue && continues) {
        // «Он вырос на 17%» right after a turnover figure
        bool pronoun = false;
        for (size_t k = sm.first_token; k < t; ++k) pronoun |= a.tokens[k].fold == "он";
        if (!pronoun) continue;
        rule = "change.continuation";
      } else {
        continue;
      }
      // shares are not changes: «48% товарооборота», «доля … 30%»
      if (c.kind == "percent" && c.direction == expr::Direction::kUnknown) continue;
      auto pair = PairFor(ctx, s, c.start);
      if (pair.size() != 2) continue;
      Fact f;
      f.type = FactType::kTurnoverChange;
      f.parties = std::move(pair);
      f.percent = c.percent;
      const YearInfo y = YearFor(ctx, s, c.start, false);
      f.year = y.year;
      f.period = y.period;
      if (cue) {
        const Clause clause = ClauseAround(a, sm, t, 0, SIZE_MAX);
        if (const auto* sec = SectorNear(a, sm, cue->token, Clause{sm.first_token, std::max(clause.end, t + 1)})) {
          f.sectoral = true;
          f.sector = sec->sector;
        }
      }
      f.speaker = ctx.sentence_speaker[s];
      f.evidence = SentenceEvidence(ctx, s);
      f.rule = rule;
      f.used.push_back({"change", Span{c.start, c.end}});
      if (cue) f.used.push_back({"trade-cue", Span{a.tokens[cue->token].start, a.tokens[cue->token].end}});
      f.used.insert(f.used.end(), y.used.begin(), y.used.end());
      out.push_back(std::move(f));
    }
  }
}

}  // namespace oborot::facts
