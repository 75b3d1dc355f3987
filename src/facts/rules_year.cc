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

// The date of clause c nearest to byte `at`, not a comparison base; nullptr when none.
const expr::DateExpr* ClauseDate(const DocContext& ctx, size_t s, const Clause& c, uint32_t at) {
  const Annotations& a = *ctx.ann;
  const SentenceClauses& sc = ctx.clauses[s];
  const expr::DateExpr* best = nullptr;
  uint32_t best_dist = UINT32_MAX;
  for (const auto& d : a.sentences[s].dates) {
    if (!Usable(d) || sc.InBase(d.start, d.end)) continue;
    const uint32_t t = TokenOf(a, d.start);
    if (t < c.first || t >= c.end) continue;
    const uint32_t dist = d.start > at ? d.start - at : at - d.start;
    if (dist < best_dist) {
      best_dist = dist;
      best = &d;
    }
  }
  return best;
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
    case Opener::kHard: return c.parent >= 0;
    default: return false;
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

YearInfo FigureYear(const DocContext& ctx, size_t s, size_t clause, uint32_t at) {
  YearInfo info;
  const SentenceClauses& sc = ctx.clauses[s];
  if (sc.clauses.empty()) return info;
  std::optional<int> base_year, base_relative;
  for (int k = static_cast<int>(clause); k >= 0;) {
    const Clause& c = sc.clauses[static_cast<size_t>(k)];
    if (const expr::DateExpr* d = ClauseDate(ctx, s, c, at)) {
      Resolve(ctx, *d, info);
      return info;
    }
    ClauseBases(ctx, s, c, &base_year, &base_relative);
    if (!ContinuesParent(c) && !ContrastKeepsDate(ctx, s, c)) break;
    k = c.parent;
  }
  // Only a base dates the figure: «и это 30% прироста к уровню 2021 года» is 2022,
  // «122% к аналогичному периоду прошлого года» is this year.
  if (base_year) {
    info.year = *base_year + 1;
    info.base_year_only = true;
  } else if (base_relative) {
    info.base_relative = base_relative;  // resolved by the caller when nothing else dates the figure
  }
  return info;
}

YearInfo SentenceYear(const DocContext& ctx, size_t s) {
  YearInfo info;
  const SentenceClauses& sc = ctx.clauses[s];
  for (const auto& d : ctx.ann->sentences[s].dates) {
    if (!Usable(d) || sc.InBase(d.start, d.end)) continue;
    Resolve(ctx, d, info);
    return info;
  }
  return info;
}

std::optional<int> FindCurrentYear(const DocContext& ctx) {
  const Annotations& a = *ctx.ann;
  std::set<int> compared;  // what the comparisons say
  int part_year = 0;       // the latest part-year period with a year
  for (size_t s = 0; s < a.sentences.size(); ++s) {
    if (ctx.in_other_story[s]) continue;
    const SentenceMentions& sm = a.sentences[s];
    if (sm.dates.empty()) continue;
    const SentenceClauses& sc = ctx.clauses[s];
    for (const auto& d : sm.dates) {
      if (PartOfYear(d) && d.year && !d.has_relative && !sc.InBase(d.start, d.end)) part_year = std::max(part_year, d.year);
    }
    if (sc.bases.empty()) continue;
    for (size_t k = 0; k < sc.clauses.size(); ++k) {
      std::optional<int> base_year, base_relative;
      ClauseBases(ctx, s, sc.clauses[k], &base_year, &base_relative);
      if (!base_year) continue;
      // the figure's own date: in this clause or the ones it continues
      for (int j = static_cast<int>(k); j >= 0;) {
        const Clause& c = sc.clauses[static_cast<size_t>(j)];
        if (const expr::DateExpr* d = ClauseDate(ctx, s, c, a.tokens[c.first].start)) {
          if (d->has_relative || d->kind == Kind::kRelativeYear) {
            compared.insert(*base_year + 1 - d->relative);  // «в прошлом году … по сравнению с 2021»
          } else if (PartOfYear(*d) && !d->year) {
            compared.insert(*base_year + 1);  // «в январе … по сравнению с январём 2022 года»
          }
          break;
        }
        if (!ContinuesParent(c)) break;
        j = c.parent;
      }
    }
  }
  if (compared.size() == 1) return *compared.begin();
  if (compared.empty() && part_year) return part_year;
  return std::nullopt;
}

}  // namespace oborot::facts
