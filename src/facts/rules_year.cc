// The year a figure is for, over the clause structure: the dates of its own
// clause, then of the clauses it continues, never a comparison base («по
// сравнению с 2019 годом» dates the base, so the figure is 2020 when nothing
// else dates it); relative years («в прошлом году») against the publication
// date or, without one, against the present the text itself fixes.
#include <algorithm>
#include <set>

#include "src/facts/rules.h"

namespace oborot::facts {
namespace {

using Kind = expr::DateExpr::Kind;

bool Usable(const expr::DateExpr& d) { return d.kind != Kind::kWeekday && d.kind != Kind::kRelativeDay; }

// «с 1990 года», «С 2019 года рост в 16 раз»: where a span of time starts, not the figure's year.
bool SinceDate(const DocContext& ctx, const expr::DateExpr& d) {
  if (d.kind != Kind::kYear) return false;
  const size_t t = TokenAt(*ctx.ann, d.start);
  return t > 0 && ctx.lex->HasWordClass(ctx.ann->tokens[t - 1].fold, Cue::kWith);
}

// A dateline's date («МОСКВА, 2 дек – ПРАЙМ.»): only a city and punctuation stand between
// the paragraph's start and the date. It dates the report, not a figure.
bool InDateline(const DocContext& ctx, size_t s, const expr::DateExpr& d) {
  if (d.kind != Kind::kDayMonth && d.kind != Kind::kFullDate) return false;
  const Annotations& a = *ctx.ann;
  const Document& doc = *ctx.doc;
  const uint32_t para_start = doc.paragraphs[doc.sentences[s].paragraph].start;
  bool city = false;
  for (size_t t = TokenAt(a, para_start); t < a.tokens.size() && a.tokens[t].start < d.start; ++t) {
    if (a.tokens[t].kind == segment::TokenKind::kPunct) continue;
    bool in_city = false;
    for (size_t k : a.sentences[s].parties) {
      const auto& m = a.parties[k];
      in_city |= m.kind == lang::PlaceKind::kCity && a.tokens[t].start >= m.start && a.tokens[t].end <= m.end;
    }
    if (!in_city) return false;
    city = true;
  }
  return city;
}

// A date that stands for a part of a year: a month, a quarter, «за 8 месяцев».
bool PartOfYear(const expr::DateExpr& d) {
  if (d.kind == Kind::kMonthYear) return true;
  return d.kind == Kind::kPeriod && d.period != "year" && d.period != "multi_year";
}

uint32_t TokenOf(const Annotations& a, uint32_t byte) { return static_cast<uint32_t>(TokenAt(a, byte)); }

// Year and period of one date.
void Resolve(const DocContext& ctx, const expr::DateExpr& d, YearInfo& info) {
  const std::optional<int> now = ctx.NowYear();
  info.has_date = true;
  info.used.push_back({"date", Span{d.start, d.end}});
  switch (d.kind) {
    case Kind::kYear:
    case Kind::kFullDate:
      if (d.year) info.year = d.year;
      if (d.kind == Kind::kYear) info.period = "year";
      break;
    case Kind::kMonthYear:
      if (d.year) {
        info.year = d.year;
      } else if (now) {
        info.year = *now + d.relative;
        // «в декабре» written in January is last December
        const auto& pub = ctx.doc->published;
        if (!d.has_relative && pub && pub->month && d.month > pub->month) info.year = *now - 1;
      }
      break;
    case Kind::kPeriod:
      info.period = d.period;
      if (d.year) {
        info.year = d.year;
      } else if (now) {
        info.year = *now + d.relative;  // «за январь–сентябрь текущего года», «за 8 месяцев»
      }
      break;
    case Kind::kRelativeYear:
      info.period = d.period;
      if (now) info.year = *now + d.relative;
      break;
    case Kind::kYearRange:
      info.year = d.year_end ? d.year_end : d.year;
      info.period = "multi_year";
      break;
    case Kind::kDayMonth:
      if (ctx.doc->published) info.year = ctx.doc->published->year;
      break;
    default:
      break;
  }
}

// Distance in bytes between two spans (0 when they touch or overlap).
uint32_t Gap(Span x, Span y) {
  if (x.end <= y.start) return y.start - x.end;
  if (y.end <= x.start) return x.start - y.end;
  return 0;
}

// The date of clause c for the figure `fig`, not a comparison base; nullptr when none.
// A date goes with the figure nearest to it («с 6,5 млрд в 1996 году до 55 млрд в
// 2025-м»); when no date is nearest to this figure, the clause's nearest date is shared.
const expr::DateExpr* ClauseDate(const DocContext& ctx, size_t s, const Clause& c, Span fig) {
  const Annotations& a = *ctx.ann;
  const SentenceMentions& sm = a.sentences[s];
  const SentenceClauses& sc = ctx.clauses[s];
  const expr::DateExpr* best = nullptr;
  const expr::DateExpr* own = nullptr;
  uint32_t best_dist = UINT32_MAX, own_dist = UINT32_MAX;
  for (size_t di = 0; di < sm.dates.size(); ++di) {
    const auto& d = sm.dates[di];
    const uint32_t t = TokenOf(a, d.start);
    if (t < c.first || t >= c.end) continue;
    if (!Usable(d) || sc.InBase(d.start, d.end) || InDateline(ctx, s, d) || SinceDate(ctx, d)) continue;
    const uint32_t dist = Gap(Span{d.start, d.end}, fig);
    if (dist < best_dist) {
      best_dist = dist;
      best = &d;
    }
    const uint32_t owner = di < sc.date_figure.size() ? sc.date_figure[di] : UINT32_MAX;
    if ((owner == fig.start || owner == UINT32_MAX) && dist < own_dist) {
      own_dist = dist;
      own = &d;
    }
  }
  return own ? own : best;
}

// The comparison bases of clause c: an explicit year («2019 года») and a relative one («прошлого года»).
void ClauseBases(const DocContext& ctx, size_t s, const Clause& c, std::optional<int>* year,
                 std::optional<int>* relative) {
  const Annotations& a = *ctx.ann;
  const SentenceClauses& sc = ctx.clauses[s];
  for (const auto& d : a.sentences[s].dates) {
    if (!Usable(d) || !sc.InBase(d.start, d.end)) continue;
    const uint32_t t = TokenOf(a, d.start);
    if (t < c.first || t >= c.end) continue;
    if (d.year && !d.has_relative && !year->has_value()) *year = d.year;
    if (d.has_relative && !relative->has_value()) *relative = d.relative;
  }
}

}  // namespace

std::optional<int> DocContext::NowYear() const {
  if (doc->published) return doc->published->year;
  return current_year;
}

bool ContinuesParent(const Clause& c) {
  switch (c.opener) {
    case Opener::kAnd:
    case Opener::kGerund:
    case Opener::kRelative:
    case Opener::kComma:
    case Opener::kHard:
      return c.parent >= 0;
    default:
      return false;
  }
}

namespace {

// A clause after «а», «но», «то» keeps its parent's dates unless it names a time of its
// own: «в 2023 году выросла на 18%, а общий товарооборот прибавил 7%» (2023 both), but
// «…выйти на 700 млн, а в перспективе — на миллиард» (the year is the first figure's).
bool ContrastKeepsDate(const DocContext& ctx, size_t s, const Clause& c) {
  if (c.opener != Opener::kConj || c.parent < 0) return false;
  const Annotations& a = *ctx.ann;
  for (size_t ci : a.sentences[s].cues) {
    const CueMention& m = a.cues[ci];
    if (m.token >= c.first && m.token < c.end && (m.cue == Cue::kTargetNoun || m.cue == Cue::kActualTime)) {
      return false;
    }
  }
  return true;
}

}  // namespace

YearInfo FigureYear(const DocContext& ctx, size_t s, size_t clause, Span fig) {
  YearInfo info;
  const SentenceClauses& sc = ctx.clauses[s];
  if (sc.clauses.empty()) return info;
  std::optional<int> base_year, base_relative;
  for (int k = static_cast<int>(clause), steps = 0; k >= 0 && steps++ <= kMaxParentWalk;) {
    const Clause& c = sc.clauses[static_cast<size_t>(k)];
    if (const expr::DateExpr* d = ClauseDate(ctx, s, c, fig)) {
      Resolve(ctx, *d, info);
      // «и в 2025 году: только за первый квартал …»: a period with no year after a colon is
      // of the year the clause before the colon names
      if ((d->kind == Kind::kPeriod || d->kind == Kind::kMonthYear) && !d->year && !d->has_relative &&
          c.opener == Opener::kHard && c.parent >= 0 && c.first > 0 && ctx.ann->tokens[c.first - 1].fold == ":") {
        const Clause& before = sc.clauses[static_cast<size_t>(c.parent)];
        if (const expr::DateExpr* y = ClauseDate(ctx, s, before, fig); y && y->kind == Kind::kYear && y->year) {
          info.year = y->year;
          info.used.push_back({"date", Span{y->start, y->end}});
        }
      }
      return info;
    }
    ClauseBases(ctx, s, c, &base_year, &base_relative);
    if (!ContinuesParent(c) && !ContrastKeepsDate(ctx, s, c)) break;
    k = c.parent;
  }
  // Only a base dates the figure: «и это 30% прироста к уровню 2021 года» is 2022,
  // «122% к аналогичному периоду прошлого года» is this year.
  // A base far before the text's present («в 50 раз по сравнению с 1995 годом» in 2024)
  // measures growth over many years: no one year.
  const std::optional<int> now = ctx.NowYear();
  if (base_year && now && *base_year + 3 < *now) {
    info.base_year_only = true;
  } else if (base_year) {
    info.year = *base_year + 1;
    info.base_year_only = true;
  } else if (base_relative) {
    info.base_relative = base_relative;  // resolved by the caller when nothing else dates the figure
  }
  return info;
}

YearInfo SentenceYear(const DocContext& ctx, size_t s) {
  YearInfo info;
  // a sentence with dates but no figure has no clause structure yet when the text is dated
  SentenceClauses local;
  if (ctx.clauses[s].clauses.empty() && !ctx.ann->sentences[s].dates.empty()) {
    local = AnalyzeClauses(*ctx.ann, ctx.ann->sentences[s]);
  }
  const SentenceClauses& sc = local.clauses.empty() ? ctx.clauses[s] : local;
  for (const auto& d : ctx.ann->sentences[s].dates) {
    if (!Usable(d) || sc.InBase(d.start, d.end) || InDateline(ctx, s, d) || SinceDate(ctx, d)) continue;
    Resolve(ctx, d, info);
    return info;
  }
  return info;
}

std::optional<int> FindCurrentYear(const DocContext& ctx) {
  const Annotations& a = *ctx.ann;
  std::set<int> compared;  // what the comparisons say
  int part_year = 0;       // the latest part-year period with a year
  int base_part_year = 0;  // the year after the latest part-year period compared with
  int forecast_year = 0;  // the earliest year a forecast is made for («в 2022 году может достигнуть»)
  int dated_event = 0;  // the latest full date («20 октября 2022 года состоялась встреча»)
  std::optional<int> prev_relative;  // the relative year that dates the sentence before
  for (size_t s = 0; s < a.sentences.size(); ++s) {
    if (ctx.in_other_story[s]) continue;
    const SentenceMentions& sm = a.sentences[s];
    const SentenceClauses& sc = ctx.clauses[s];
    std::optional<int> this_relative;
    bool dated = false;
    for (const auto& d : sm.dates) {
      if (!Usable(d) || sc.InBase(d.start, d.end) || SinceDate(ctx, d)) continue;
      if (!dated) {
        dated = true;
        if (d.has_relative || d.kind == Kind::kRelativeYear) this_relative = d.relative;
      }
      if (PartOfYear(d) && d.year && !d.has_relative) part_year = std::max(part_year, d.year);
      if (d.kind == Kind::kFullDate && d.year && !InDateline(ctx, s, d)) dated_event = std::max(dated_event, d.year);
      if (d.kind == Kind::kYear && d.year && !d.by && !d.has_relative) {
        // a forecast for a year is made in that year: the clause's predicate is a target verb
        const Clause* pc = sc.PredicateClause(sc.ClauseOf(TokenOf(a, d.start)));
        if (pc && (pc->predicate_cue == Cue::kTarget || pc->predicate_cue == Cue::kFutureVerb)) {
          forecast_year = forecast_year ? std::min(forecast_year, d.year) : d.year;
        }
      }
    }
    // «в прошлом году товарооборот увеличился с 18,99 млрд в 2011 году до 21,31 млрд»: the year
    // of the starting level, right after «с» and an amount and right before «до» and an amount, is
    // the comparison's base (money and dates are in text order: one forward walk)
    if (this_relative) {
      size_t mi = 0;
      for (const auto& d : sm.dates) {
        if (d.kind != Kind::kYear || !d.year || d.has_relative) continue;
        while (mi < sm.money.size() && sm.money[mi].end <= d.start) ++mi;
        if (mi == 0 || mi >= sm.money.size()) continue;
        const expr::MoneyExpr& from = sm.money[mi - 1];
        const expr::MoneyExpr& to = sm.money[mi];
        const size_t from_tok = TokenOf(a, from.start);
        const bool after_with = from_tok > sm.first_token &&
                                ctx.lex->HasWordClass(a.tokens[from_tok - 1].fold, Cue::kWith);
        if (after_with && to.qualifier == expr::Qualifier::kUpTo && TokenOf(a, d.start) <= TokenOf(a, from.end) + 1 &&
            TokenOf(a, to.start) <= TokenOf(a, d.end) + 1) {
          compared.insert(d.year + 1 - *this_relative);
        }
      }
    }
    for (const auto& d : sm.dates) {
      // «по сравнению с первым кварталом 2019 года»: a part-year period is compared with the
      // same period a year before
      if (PartOfYear(d) && d.year && !d.has_relative && sc.InBase(d.start, d.end))
        base_part_year = std::max(base_part_year, d.year + 1);
    }
    for (size_t k = 0; k < sc.clauses.size() && !sc.bases.empty(); ++k) {
      std::optional<int> base_year, base_relative;
      ClauseBases(ctx, s, sc.clauses[k], &base_year, &base_relative);
      if (!base_year) continue;
      // the figure's own date: in this clause or the ones it continues
      bool found = false;
      for (int j = static_cast<int>(k), steps = 0; j >= 0 && steps++ <= kMaxParentWalk;) {
        const Clause& c = sc.clauses[static_cast<size_t>(j)];
        if (const expr::DateExpr* d = ClauseDate(ctx, s, c, Span{a.tokens[c.first].start, a.tokens[c.first].start})) {
          found = true;
          if (d->has_relative || d->kind == Kind::kRelativeYear) {
            compared.insert(*base_year + 1 - d->relative);  // «в прошлом году … по сравнению с 2021»
          } else if (PartOfYear(*d) && !d->year) {
            compared.insert(*base_year + 1);  // «в январе … по сравнению с январём 2022 года»
          }
          break;
        }
        if (!ContinuesParent(c) && !ContrastKeepsDate(ctx, s, c)) break;
        j = c.parent;
      }
      // «…в прошлом году товарооборот достиг 360 млн. Это на треть выше показателей 2018 года.»
      if (!found && !dated && prev_relative) compared.insert(*base_year + 1 - *prev_relative);
    }
    prev_relative = dated ? this_relative : std::nullopt;
  }
  if (compared.size() == 1) return *compared.begin();
  if (!compared.empty()) return std::nullopt;  // the comparisons disagree
  if (int y = std::max(part_year, base_part_year)) return y;
  if (forecast_year) return forecast_year;
  if (dated_event) return dated_event;
  return std::nullopt;
}

}  // namespace oborot::facts
