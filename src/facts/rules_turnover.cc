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
// Cues inside the figure's own clause come first.
const CueMention* NearestMoneyCue(const Annotations& a, const SentenceMentions& sm, size_t t, const Clause& clause) {
  const CueMention* best = nullptr;
  size_t best_d = SIZE_MAX;
  auto other_money = [](Cue c) { return c == Cue::kNotTrade || c == Cue::kProject; };
  // «сальдо торговли», «доля в торговле»: a trade word governed by another kind of money is not a trade cue
  auto governed = [&](const CueMention& c) {
    if (c.cue != Cue::kTrade) return false;
    for (size_t cj : sm.cues) {
      const CueMention& o = a.cues[cj];
      if (other_money(o.cue) && o.token < c.token && c.token - o.token <= 2) return true;
    }
    return false;
  };
  for (int pass = 0; pass < 2 && !best; ++pass) {
  for (size_t ci : sm.cues) {
    const CueMention& c = a.cues[ci];
    if (c.cue != Cue::kTrade && c.cue != Cue::kTradeVerb && !other_money(c.cue)) continue;
    if (governed(c)) continue;
    if (pass == 0 && (c.token < clause.first || c.token >= clause.end)) continue;
    const size_t d = c.token <= t ? (t - c.token) * 2 : (c.token - t) * 2 + 1;
    if (d < best_d) {
      best_d = d;
      best = &c;
    }
  }
  }
  return best;
}

struct StatusInfo {
  std::string status = "actual";
  const CueMention* cue = nullptr;
};

StatusInfo StatusIn(const Annotations& a, const SentenceMentions& sm, const Clause& c) {
  StatusInfo st;
  // a horizon in the clause («к 2025 году», «до 2030 года») makes the figure a target
  for (const auto& d : sm.dates) {
    if (d.by && d.start >= a.tokens[c.first].start && (c.end >= a.tokens.size() || d.end <= a.tokens[c.end].start)) {
      st.status = "target";
      return st;
    }
  }
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

// The sector a figure is for, when a sector is named in the figure's clause
// next to the trade cue («в агропромышленном секторе, где товарооборот…»).
// Also a sector named in the figure's own clause when the clause gives a part
// of the whole («из них на продовольствие пришлось 240 млн»).
const lang::SectorMention* SectorNear(const Annotations& a, const SentenceMentions& sm, size_t cue_token,
                                      const Clause& c, size_t figure_token) {
  auto in_party = [&](size_t t) {
    for (size_t k : sm.parties) {
      if (a.tokens[t].start >= a.parties[k].start && a.tokens[t].end <= a.parties[k].end) return true;
    }
    return false;
  };
  bool partitive = false;
  for (size_t t = c.first; t < figure_token && t < c.end; ++t) {
    const std::string& f = a.tokens[t].fold;
    partitive |= f == "пришлось" || f == "приходится" || f == "долю" || f == "них" || f == "числе" || f == "которых";
  }
  for (size_t si : sm.sectors) {
    const auto& sec = a.sectors[si];
    if (sec.sector == "trade" || sec.sector == "industry") continue;
    const size_t t = TokenAt(a, sec.start);
    size_t gap = 0;  // words between the cue and the sector, not counting the parties' names
    for (size_t k = cue_token + 1; k < t && k < a.tokens.size(); ++k) gap += !in_party(k);
    const bool before = t < cue_token && cue_token - t <= 8;
    const bool after = t > cue_token && gap <= 3 && t < c.end;
    const bool part = partitive && t >= c.first && t < figure_token;
    if (before || after || part) return &sec;
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

// An actual figure with no year of its own takes the year the previous
// sentence of its paragraph fixes («По итогам 2021 года… Товарооборот с
// Татарстаном составил 780 млн»), unless its own sentence only names a base.
YearInfo InheritedYear(const DocContext& ctx, size_t s, const YearInfo& own) {
  if (own.base_year_only || own.has_date || s == 0) return own;
  const Document& doc = *ctx.doc;
  const size_t prev = s - 1;
  if (doc.sentences[prev].paragraph != doc.sentences[s].paragraph) return own;
  YearInfo y = YearFor(ctx, prev, doc.sentences[prev].end, false);
  if (!y.year) return own;
  y.used.clear();
  return y;
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
    // a figure a few sentences after a turnover figure may continue it («…составил 320 млн. Это неплохо.
    // Задача — выйти на полмиллиарда»); the next sentence of the same paragraph may too without a cue
    const bool near = last_turnover_sentence != SIZE_MAX && s > last_turnover_sentence && s - last_turnover_sentence <= 3;
    const bool next_in_paragraph = near && s == last_turnover_sentence + 1 &&
                                   doc.sentences[s].paragraph == doc.sentences[last_turnover_sentence].paragraph;
    bool found_here = false;
    std::string sentence_status;  // status of the previous figure in this sentence
    for (size_t mi = 0; mi < sm.money.size(); ++mi) {
      const expr::MoneyExpr& m = sm.money[mi];
      const size_t t = TokenAt(a, m.value_start);
      const size_t prev_end = mi > 0 ? TokenAt(a, sm.money[mi - 1].end) : 0;
      const size_t next_start = mi + 1 < sm.money.size() ? TokenAt(a, sm.money[mi + 1].start) : SIZE_MAX;
      const Clause clause = ClauseAround(a, sm, t, prev_end, next_start);
      const CueMention* cue = NearestMoneyCue(a, sm, t, clause);
      std::string rule;
      if (cue && cue->cue != Cue::kNotTrade && cue->cue != Cue::kProject) {
        rule = "turnover.cue";
      } else if (!cue && !trade_here && near && (m.currency.empty() || last_currency.empty() || m.currency == last_currency)) {
        rule = "turnover.continuation";
      } else {
        if (!m.currency.empty()) last_currency = m.currency;
        continue;
      }
      std::string currency = m.currency;
      if (currency.empty()) currency = last_currency.empty() ? "USD" : last_currency;
      last_currency = currency;
      StatusInfo st = StatusIn(a, sm, clause);
      if (!st.cue && st.status != "target" && !sentence_status.empty()) {
        st.status = sentence_status;  // «…выйти на 700 млн, а в перспективе — на миллиард»: the ellipsis keeps the status
      } else if (rule == "turnover.continuation" && !st.cue && st.status != "target") {
        continue;  // a bare amount after a figure: not enough
      } else if (rule == "turnover.continuation" && !next_in_paragraph && st.status != "target") {
        continue;  // further away only a goal continues the topic («Задача — выйти на…»)
      }
      sentence_status = st.status;
      auto pair = PairFor(ctx, s, m.start);
      if (pair.size() != 2) continue;
      Fact f;
      f.type = FactType::kTurnover;
      f.parties = std::move(pair);
      f.status = st.status;
      f.value = m.value;
      f.currency = currency;
      f.qualifier = QualifierId(m.qualifier);
      // «идём к миллиарду и должны его превысить»: a goal to exceed the figure
      if (f.status == "target" && f.qualifier == "exact") {
        for (size_t ci : sm.cues) {
          const CueMention& c = a.cues[ci];
          if (c.cue == Cue::kFutureVerb && c.token > t && a.tokens[c.token].fold.rfind("превыс", 0) == 0) {
            f.qualifier = "more_than";
          }
        }
      }
      const Span clause_bytes{a.tokens[clause.first].start,
                              clause.end < a.tokens.size() ? a.tokens[clause.end].start : doc.sentences[s].end};
      YearInfo y = YearFor(ctx, s, m.start, f.status == "target", clause_bytes);
      // «…до конца года выйти на 700 млн, а в перспективе — на миллиард»: a year named before a
      // contrastive turn belongs to the first figure only
      if (y.year && !y.used.empty() && clause.first > sm.first_token && y.used[0].span.end <= a.tokens[clause.first].start &&
          a.tokens[clause.first - 1].fold == ",") {
        y = YearInfo{};
      }
      if (!y.year && f.status == "actual") y = InheritedYear(ctx, s, y);
      f.year = y.year;
      f.period = y.period;
      if (cue) {
        if (const auto* sec = SectorNear(a, sm, cue->token, clause, t)) {
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
      if (cue) f.used.push_back({"trade-cue", Span{a.tokens[cue->token].start, a.tokens[cue->token].end}});
      if (st.cue) f.used.push_back({"status-cue", Span{a.tokens[st.cue->token].start, a.tokens[st.cue->token].end}});
      f.used.insert(f.used.end(), y.used.begin(), y.used.end());
      f.confidence = rule == "turnover.cue" ? 0.9 : 0.7;
      out.push_back(std::move(f));
      found_here = true;
    }
    bool changed_here = false;

    // changes of turnover
    for (const expr::ChangeExpr& c : sm.changes) {
      const size_t t = TokenAt(a, c.start);
      const Clause own = ClauseAround(a, sm, t, 0, SIZE_MAX);
      const CueMention* cue = NearestMoneyCue(a, sm, t, own);
      std::string rule;
      if (cue && cue->cue != Cue::kNotTrade && cue->cue != Cue::kProject) {
        rule = "change.cue";
      } else if (!cue && next_in_paragraph) {
        // «Он вырос на 17%», «Рост составил 26,3%» right after a turnover figure
        bool subject = false;
        for (size_t k = sm.first_token; k < t; ++k) subject |= a.tokens[k].fold == "он";
        const std::string& first = a.tokens[sm.first_token].fold;
        subject |= first == "рост" || first == "прирост" || first == "снижение" || first == "сокращение" ||
                   first == "падение" || first == "увеличение" || first == "спад";
        if (!subject) continue;
        rule = "change.continuation";
      } else {
        continue;
      }
      // shares are not changes: «48% товарооборота», «доля … 30%»
      if (c.kind == "percent" && c.direction == expr::Direction::kUnknown) continue;
      // a planned change («намерены увеличить товарооборот на 10%») has not happened
      if (StatusIn(a, sm, own).status == "target") continue;
      auto pair = PairFor(ctx, s, c.start);
      if (pair.size() != 2) continue;
      Fact f;
      f.type = FactType::kTurnoverChange;
      f.parties = std::move(pair);
      f.percent = c.percent;
      YearInfo y = YearFor(ctx, s, c.start, false);
      if (!y.year) y = InheritedYear(ctx, s, y);
      f.year = y.year;
      f.period = y.period;
      if (cue) {
        if (const auto* sec = SectorNear(a, sm, cue->token, Clause{sm.first_token, std::max(own.end, t + 1)}, t)) {
          f.sectoral = true;
          f.sector = sec->sector;
        }
      }
      f.speaker = ctx.sentence_speaker[s];
      f.evidence = SentenceEvidence(ctx, s);
      f.rule = rule;
      changed_here = true;
      f.used.push_back({"change", Span{c.start, c.end}});
      if (cue) f.used.push_back({"trade-cue", Span{a.tokens[cue->token].start, a.tokens[cue->token].end}});
      f.used.insert(f.used.end(), y.used.begin(), y.used.end());
      out.push_back(std::move(f));
    }
    if (found_here || changed_here) last_turnover_sentence = s;
  }
}

}  // namespace oborot::facts
